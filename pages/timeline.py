"""Timeline: events and dated positions on one time axis; fuzzy dates drawn as spans."""

import streamlit as st

from landscape import ui
from landscape.views import timeline_view

data = ui.app_data()
frames = data.frames

st.title("Timeline")
st.caption(
    "Solid dots: dates known to the day. Bars with a hollow dot: a date known only to the month or the year, "
    "drawn across that whole span. A row whose colour changes is a party changing its stance on an issue. "
    "Hover a mark for its quote."
)
scope = st.segmented_control("Period", ["2025", "All years"], default="2025", key="timeline_period")
view = data.view(timeline_view, ui.current_selection(), scope == "All years")
for note in view.notes:
    st.caption(note)
if view.figure is None:
    st.info("Nothing dated matches the filters.")
    st.stop()
st.plotly_chart(view.figure, config={"displayModeBar": False})

st.subheader("Changes of position")
if not view.changes:
    st.caption("No recorded change of position matches the filters.")
for before, after in view.changes:
    st.markdown(
        f"**{ui.plain(after['party_name'])} · {ui.plain(after['issue_name'])}:** {ui.plain(before['stance'])} "
        f"({ui.plain(before['as_of'])}) → {ui.plain(after['stance'])} ({ui.plain(after['as_of'])}). {ui.plain(after['summary'])}"
    )
    ui.reader_link(after["source_list"][0], int(after["cite"]), label="Read the quote in context")

with st.expander(f"Events ({len(view.events)}), each with its quote"):
    for event in view.events.itertuples():
        st.markdown(f"**{ui.plain(event.date)}** ({ui.plain(event.precision)}, {ui.plain(event.date_basis)}) · {ui.plain(event.title)}")
        ui.cited_passages(frames, "event", event.id)

"""Timeline: events and dated positions on one time axis; fuzzy dates drawn as spans."""

import datetime as dt

import pandas as pd
import streamlit as st

from landscape import ui
from landscape.figures import timeline_figure
from landscape.frames import busiest, filter_events, filter_positions

TIMELINE_ROWS, TIMELINE_EVENTS = 80, 40

data = ui.app_data()
frames, selection = data.frames, ui.current_selection()

st.title("Timeline")
st.caption(
    "Solid dots: dates known to the day. Bars with a hollow dot: a date known only to the month or the year, "
    "drawn across that whole span. A row whose colour changes is a party changing its stance on an issue. "
    "Hover a mark for its quote."
)
scope = st.segmented_control("Period", ["2025", "All years"], default="2025", key="timeline_period")
since = pd.Timestamp(dt.date(2025, 1, 1)) if scope != "All years" else pd.Timestamp.min
positions = filter_positions(frames.positions, selection)
positions = positions[positions["as_of_end"] >= since]
events = filter_events(frames.events, selection)
events = events[events["end"] >= since]
rows = positions["party"] + "/" + positions["issue"]
if rows.nunique() > TIMELINE_ROWS:
    positions = positions[rows.isin(busiest(rows, TIMELINE_ROWS))]
    st.caption(f"Showing the {TIMELINE_ROWS} party–issue rows with the most positions; filter by party or issue to see others.")
if len(events) > TIMELINE_EVENTS:
    events = events.sort_values("start").tail(TIMELINE_EVENTS)
    st.caption(f"Showing the {TIMELINE_EVENTS} latest events; filter to see others.")
if positions.empty and events.empty:
    st.info("Nothing dated matches the filters.")
    st.stop()
st.plotly_chart(timeline_figure(positions, events), config={"displayModeBar": False})

st.subheader("Changes of position")
changes = positions[positions["supersedes"] != ""]
by_id = frames.positions.set_index("id")
if changes.empty:
    st.caption("No recorded change of position matches the filters.")
for change in changes.sort_values("as_of_start").itertuples():
    before = by_id.loc[change.supersedes]
    st.markdown(
        f"**{ui.plain(change.party_name)} · {ui.plain(change.issue_name)}:** {ui.plain(before['stance'])} "
        f"({ui.plain(before['as_of'])}) → {ui.plain(change.stance)} ({ui.plain(change.as_of)}). {ui.plain(change.summary)}"
    )
    ui.reader_link(change.source_list[0], int(change.cite), label="Read the quote in context")

with st.expander(f"Events ({len(events)}), each with its quote"):
    for event in events.itertuples():
        st.markdown(f"**{ui.plain(event.date)}** ({event.precision}, {event.date_basis}) · {ui.plain(event.title)}")
        ui.cited_passages(frames, "event", event.id)

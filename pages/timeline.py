"""Timeline: events and dated positions, one row per party; changes of position side by side."""

import streamlit as st

from landscape import cache, widgets
from landscape.views import PERIODS, timeline_view

data = cache.app_data()
frames = data.frames

st.title("Timeline")
st.caption(
    "One row for events, one per party; each mark's colour is the stance. A solid mark: a date known to the day. "
    "A hollow mark on a pale bar: a date known only to the month, drawn across it. Hover a mark for its quote."
)
# The label is what the link carries (?period=All+of+2025): a bound widget writes its displayed option.
label = st.segmented_control("Period", list(PERIODS.values()), default=PERIODS["busy"], key="period", bind="query-params", required=True)
period = {text: key for key, text in PERIODS.items()}.get(label, "busy")
view = data.view(timeline_view, widgets.current_selection(), period)
for note in view.notes:
    st.caption(note)
if view.figure is None:
    st.info("Nothing dated in this period matches the filters.")
else:
    st.plotly_chart(view.figure, config={"displayModeBar": False})
with st.expander(f"The same as a table ({len(view.table)} items)"):
    st.dataframe(view.table, hide_index=True, width="stretch")

st.subheader("Changes of position")
if not view.changes:
    st.caption("No recorded change of position matches the filters.")
for before, after, words in view.changes:
    widgets.change_evidence(frames, before, after, words)

with st.expander(f"Events in this period ({len(view.events)}), each with its quote"):
    for event in view.events.itertuples():
        st.markdown(f"**{widgets.plain(event.date)}** · {widgets.plain(event.title)}")
        widgets.cited_passages(frames, "event", event.id)

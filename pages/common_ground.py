"""Where they could agree: each issue from common ground to the deepest divide, the conditions that tie issues together, and how it moved."""

import streamlit as st

from landscape import links, widgets
from landscape.common import common_ground_view
from landscape.parts import common_ground as parts
from landscape.views import replay_steps

page = links.this_page()
frames = page.frames
st.title("Where they could agree")
st.caption(
    "For each issue, computed from the matrix's cells: *common ground* when every party the articles cover accepts it "
    "(at least on a condition) and none opposes it; a *sticking point* when one accepts and another opposes, or refuses "
    "another's condition; *open* when too few parties take a clear side. A cell whose articles disagree counts as unclear, never as a side."
)
steps = page.view(replay_steps)
as_of = widgets.replay_control(steps)  # the matrix's date control: "" for the latest positions
view = page.view(common_ground_view, as_of)

with st.container(horizontal=True):  # one row on a phone too
    for label, key in (("Common ground", "common_ground"), ("Sticking points", "sticking_point"), ("Open", "open")):
        st.metric(label, view.counts[key], width="content")

parts.agreement_rows(frames, view.rows)

st.subheader("Conditions that tie issues together")
if not view.edges:
    st.caption("No position in this view states a condition.")
else:
    st.caption(
        "Each arc runs from the issue a party accepts on a condition to the issue the condition is tied to; a dotted arc "
        "with a cross is a condition another party refuses (a loop: refused on the same issue). Select a mark, or open a "
        "condition in the list, to read its quote."
    )
    if view.hidden_edges:
        st.caption(f"Showing the first {len(view.edges)} of {len(view.edges) + view.hidden_edges} conditions; filter by party or issue to see others.")
    chart, listing = st.columns([2, 3], gap="large")
    with chart:
        chosen = None
        if view.figure is not None:
            event = st.plotly_chart(view.figure, config={"displayModeBar": False}, on_select="rerun", selection_mode="points", key="condition_map")
            points = event.selection.points if event and event.selection else []
            numbers = [point.get("customdata") for point in points if isinstance(point.get("customdata"), int)]
            chosen = numbers[0] if numbers else None
    with listing:
        parts.condition_list(frames, view.edges, chosen)

st.subheader("How each issue's state moved")
st.caption(
    "Each row is an issue, each column a step of the date control above: the state the articles' positions gave it on "
    "that day. A record of what was reported, not a forecast."
)
if view.over_time is None:
    st.caption("Too few dated steps in this view to draw.")
else:
    st.plotly_chart(view.over_time, config={"displayModeBar": False}, key="states_over_time")
    parts.state_moves(view.moved)

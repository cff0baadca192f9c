"""Overview: what this is, key figures, the compact matrix, the latest events, where the data come from."""

import streamlit as st

from landscape import links, widgets
from landscape.common import agreement_link_label, state_counts
from landscape.markdown import plain
from landscape.parts import overview as parts
from landscape.views import cell_detail, overview_view

page = links.this_page()
view = page.view(overview_view)
frames = page.frames

st.title("Negotiation Landscape")
st.markdown(
    "Where Russia, Ukraine, the United States and European leaders stand on each issue of the 2025 "
    "peace negotiations, as five articles report it. **Every statement cites the article's own words**: "
    "follow *Read in context* to see the quote highlighted in its article. Use the filters in the sidebar; "
    "the page's link keeps them, so you can share exactly this view."
)
for column, (label, value) in zip(st.columns(len(view.metrics)), view.metrics.items(), strict=True):
    column.metric(label, value)
links.page_link("common_ground", agreement_link_label(page.view(state_counts)), ":material/handshake:")

left, right = st.columns([3, 2], gap="large")
with left:
    st.subheader("Who stands where")
    if view.note:
        st.caption(view.note)
    chart = st.plotly_chart(
        view.figure,
        config={"displayModeBar": False},
        key=parts.chart_key(),  # redrawn in place
        on_select="rerun",
        selection_mode="points",
    )
    points = chart.selection.points if chart and chart.selection else []
    index = points[0].get("point_index") if points and points[0].get("curve_number") == 1 else None  # the symbols' layer
    if isinstance(index, int) and 0 <= index < len(view.cells):  # a cell clicked: its dialog, as on the matrix page
        issue_id, party_id = view.cells[index]
        widgets.cell_dialog(frames, page.view(cell_detail, issue_id, party_id))
    widgets.stance_legend()
    st.caption("Click a cell for its verdict and every quote; the issue matrix has each cell in words.")
    links.page_link("matrix", "Open the issue matrix", ":material/grid_on:")
with right:
    st.subheader("Latest events")
    parts.event_lines(view.latest_events)
    links.page_link("timeline", "Full timeline", ":material/timeline:")
    st.subheader("Where the data come from")
    parts.source_list(frames.sources.head(8))
    if len(frames.sources) > 8:
        st.caption(f"and {len(frames.sources) - 8} more sources: see the Sources page.")
    st.caption(
        f"Curated by hand from the articles; data version {plain(frames.landscape.updated)}. "
        "The articles date from August to October 2025; nothing later is covered. How to read a cell, the codebook "
        "and the figures the articles state: *About the data*."
    )

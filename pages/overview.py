"""Overview: what this is, key figures, the compact matrix, the latest events, where the data come from."""

import streamlit as st

from landscape import cache, widgets
from landscape.common import agreement_link_label, state_counts
from landscape.views import overview_view

data, view = cache.page_view(overview_view)
frames = data.frames

st.title("Negotiation Landscape")
st.markdown(
    "Where Russia, Ukraine, the United States and European leaders stand on each issue of the 2025 "
    "peace negotiations, as five articles report it. **Every statement cites the article's own words**: "
    "follow *Read in context* to see the quote highlighted in its article. Use the filters in the sidebar; "
    "the page's link keeps them, so you can share exactly this view."
)
for column, (label, value) in zip(st.columns(len(view.metrics)), view.metrics.items(), strict=True):
    column.metric(label, value)
agreement = data.view(state_counts, widgets.current_selection())
st.page_link(widgets.PAGES["common_ground"], label=agreement_link_label(agreement), icon=":material/handshake:")

left, right = st.columns([3, 2], gap="large")
with left:
    st.subheader("Who stands where")
    if view.note:
        st.caption(view.note)
    st.plotly_chart(view.figure, config={"displayModeBar": False}, key="overview_chart")  # kept across reruns: redrawn in place
    widgets.stance_legend()
    st.page_link(widgets.PAGES["matrix"], label="Open the issue matrix to see each cell's quotes", icon=":material/grid_on:")
with right:
    st.subheader("Latest events")
    widgets.event_lines(view.latest_events)
    st.page_link(widgets.PAGES["timeline"], label="Full timeline", icon=":material/timeline:")
    st.subheader("Where the data come from")
    widgets.source_list(frames.sources.head(8))
    if len(frames.sources) > 8:
        st.caption(f"and {len(frames.sources) - 8} more sources: see the Sources page.")
    st.caption(
        f"Curated by hand from the articles; data version {widgets.plain(frames.landscape.updated)}. "
        "The articles date from August to October 2025; nothing later is covered. How to read a cell, the codebook "
        "and the figures the articles state: *About the data*."
    )

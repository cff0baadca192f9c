"""Overview: what this is, key figures, the compact matrix, the latest events, where the data come from."""

import datetime as dt

import streamlit as st

from landscape import ui
from landscape.figures import stance_matrix_figure
from landscape.frames import busiest, filter_events, filter_positions, stance_matrix

OVERVIEW_ISSUES, OVERVIEW_PARTIES = 30, 8

data = ui.app_data()
frames, selection = data.frames, ui.current_selection()
positions = filter_positions(frames.positions, selection)

st.title("Negotiation Landscape")
st.markdown(
    "Where Russia, Ukraine, the United States and European leaders stand on each issue of the 2025 "
    "peace negotiations, as five articles report it. **Every statement cites the article's own words**: "
    "follow *Read in context* to see the quote highlighted in its article. Use the filters in the sidebar; "
    "the page's link keeps them, so you can share exactly this view."
)
cols = st.columns(5)
cols[0].metric("Positions", len(positions))
cols[1].metric("Parties", positions["party"].nunique())
cols[2].metric("Issues covered", positions["issue"].nunique())
cols[3].metric("Events", len(filter_events(frames.events, selection)))
cols[4].metric("Sources", len(frames.sources))

left, right = st.columns([3, 2], gap="large")
with left:
    st.subheader("Who stands where")
    parties = frames.parties[frames.parties["id"].isin(selection.parties)] if selection.parties else frames.parties
    issues = frames.issues[frames.issues["id"].isin(selection.issues)] if selection.issues else frames.issues
    if len(issues) > OVERVIEW_ISSUES or len(parties) > OVERVIEW_PARTIES:
        issues = issues[issues["id"].isin(busiest(positions["issue"], OVERVIEW_ISSUES))]
        parties = parties[parties["id"].isin(busiest(positions["party"], OVERVIEW_PARTIES))]
        st.caption(f"The {len(issues)} most-covered issues and {len(parties)} most-covered parties; the matrix page has them all.")
    st.plotly_chart(stance_matrix_figure(stance_matrix(positions, parties, issues)), config={"displayModeBar": False})
    ui.stance_legend()
    st.page_link(ui.PAGES["matrix"], label="Open the issue matrix to see each cell's quotes", icon=":material/grid_on:")
with right:
    st.subheader("Latest events")
    for event in filter_events(frames.events, selection).sort_values("start", ascending=False).head(6).itertuples():
        st.markdown(f"**{ui.plain(event.date)}** · {ui.plain(event.title)}")
    st.page_link(ui.PAGES["timeline"], label="Full timeline", icon=":material/timeline:")
    st.subheader("Where the data come from")
    for source in frames.sources.itertuples():
        published = source.published if ui.known(source.published) else "date unknown"
        st.markdown(f"- *{ui.plain(source.outlet)}*, {ui.plain(published)}: {ui.plain(source.title)}")
    modified = dt.datetime.fromtimestamp(data.dataset.path.stat().st_mtime, tz=dt.UTC)
    st.caption(
        f"Curated by hand in data/positions.yaml, last changed {modified:%Y-%m-%d %H:%M} UTC. "
        "The articles date from August to October 2025; nothing later is covered."
    )

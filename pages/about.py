"""About the data: how to read a cell, the codebook every position is filed against, and the stated figures."""

import streamlit as st

from landscape import coding, links
from landscape.frames import Selection
from landscape.markdown import plain
from landscape.parts import about as parts
from landscape.views import about_view, version_view

page = links.this_page()
view = page.view(about_view)
version = page.data.view(version_view, Selection(), tuple((source, article.text) for source, article in page.data.dataset.articles.items()))

st.title("About the data")
st.markdown(
    "Every position is a party's stance on one **proposition** of the codebook below, as an article reports it, "
    "with the article's own words. The party's reported position and an author's own opinion are kept apart: "
    "authors' arguments are on the Sources page."
)
parts.reading_guide()

st.header(f"This version: {version.version}")
st.subheader("What changed in this version")
if version.changelog:
    st.markdown("\n".join(f"- {plain(line)}" for line in version.changelog))
else:
    st.caption("The data file keeps no changelog for this version.")
st.subheader("Is every statement covered?")
st.caption(
    "Every sentence of every article that names a party, one of its speakers or another of its names was read: it is "
    "either cited by a position, event, viewpoint or figure, or reviewed as no position of its own (background, "
    "the author's opinion, no stance, or the same claim as a position filed from another passage)."
)
st.markdown(
    "\n".join(
        f"- **{plain(row.article)}**: every sentence naming a party ({row.named}): {row.cited} cited, {row.reviewed} reviewed, {row.unaccounted} unaccounted"
        for row in version.coverage
    )
)
if len(version.coverage) > 1:
    total = version.total
    st.caption(f"{total.article}: {total.named} sentences naming a party, {total.cited} cited, {total.reviewed} reviewed, {total.unaccounted} unaccounted.")

st.header("How the data were coded")
st.markdown(plain(coding.METHOD))
st.markdown("\n".join(f"- {plain(line)}" for line in coding.about_lines()))

st.header("Figures the articles state")
st.caption("Numbers the articles give about one thing, each with its quote. Where two articles give different values, both are shown.")
if not view.figures:
    st.caption("No stated figure matches the filters.")
elif view.hidden_figures:
    st.caption(f"Showing {len(view.figures)} of {len(view.figures) + view.hidden_figures} figures, discrepancies first; filter by issue to see others.")
for figure in view.figures:
    parts.stated_figure(page.frames, figure)

st.header("Codebook")
st.caption("Each issue states one proposition; a position is filed under exactly one, and the scope says where its neighbours' cases go.")
if view.hidden_issues:
    shown = sum(len(issues) for _group, issues in view.codebook)
    st.caption(f"Showing the first {shown} of {shown + view.hidden_issues} issues; filter by issue to see others.")
for group, issues in view.codebook:
    st.subheader(group.capitalize())
    parts.codebook_entries(issues)

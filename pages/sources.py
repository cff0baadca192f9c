"""Sources: one panel per article, a side-by-side comparison on shared questions, and the reader.

The link holds the view: `?section=Compare+on+questions` (the section, bound to its control), and for
the reader `?read=<source id>&cite=<passage index>` (a link with `read` or `cite` opens the reader).
"""

import streamlit as st

from landscape import links
from landscape.markdown import plain
from landscape.parts import sources as parts
from landscape.reader import scroll_script
from landscape.views import reader_request, reader_view, source_panels_view

SECTIONS = ["Viewpoints", "Compare on questions", "Reader"]

page = links.this_page()
frames = page.frames
request = reader_request(st.query_params.get("read"), st.query_params.get("cite"), frames)
reading = "read" in st.query_params or "cite" in st.query_params


def _left_reader() -> None:
    """The reader's article and passage leave the link with the reader, so `?read=` always means 'open the reader'."""
    if st.session_state.get("section") != "Reader":
        for name in ("read", "cite"):
            if name in st.query_params:
                del st.query_params[name]


def _picked_article() -> None:
    """An article chosen by hand goes in the link; the passage the link pointed at no longer applies."""
    st.query_params["read"] = st.session_state["reader_article"]
    if "cite" in st.query_params:
        del st.query_params["cite"]


st.title("Sources")
section = st.segmented_control(
    "Show", SECTIONS, default="Reader" if reading else "Viewpoints", key="section", bind="query-params", required=True, on_change=_left_reader
)
view = page.view(source_panels_view)

if section == "Viewpoints":
    st.caption("Each author's own argument, kept apart from the parties' positions. Facts about each article are marked by how they are known.")
    if view.hidden:
        st.caption(f"Showing {len(view.panels)} of {len(view.panels) + view.hidden} sources; filter by source to see others.")
    for panel in view.panels:
        parts.source_panel(frames, panel)
elif section == "Compare on questions":
    st.caption("How each author answers the same questions, with the passage each answer rests on. No answer: the article does not address it.")
    shown = [panel for panel in view.panels if panel.thesis is not None]
    for question in frames.landscape.questions:
        parts.answers_side_by_side(frames, question.text, shown)
else:
    for notice in request.notices:
        st.caption(plain(notice))
    ids = list(view.articles)
    if request.source:
        st.session_state["reader_article"] = request.source  # the link decides; a choice by hand rewrites the link first
    chosen = st.selectbox("Article", ids, key="reader_article", format_func=view.articles.get, on_change=_picked_article)
    focus = request.cite if request.source == chosen else None
    reader = page.view(reader_view, chosen, focus, page.data.dataset.articles[chosen].text)
    if reader.focus is not None:
        parts.linked_passage(reader.focus)
    st.caption(f"{len(reader.legend)} cited passages in this article, highlighted and numbered in reading order; each number links to what cites it.")
    st.html(reader.html)
    if reader.focus is not None:
        st.html(scroll_script(focus), unsafe_allow_javascript=True)
    st.markdown("**What cites each passage** (each number links back to its place in the text)")
    st.html(reader.legend_html)

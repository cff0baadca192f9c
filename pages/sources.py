"""Sources: one panel per article, a side-by-side comparison on shared questions, and the reader.

The link holds the view: `?section=Compare+on+questions` (the section, bound to its control), and for
the reader `?read=<source id>&cite=<passage index>` (a link with `read` or `cite` opens the reader).
"""

import streamlit as st

from landscape import cache, widgets
from landscape.reader import scroll_script
from landscape.views import reader_request, reader_view, source_panels_view

SECTIONS = ["Viewpoints", "Compare on questions", "Reader"]
COMPARE_COLUMNS = 5  # sources side by side per row; more sources wrap to another row

data = cache.app_data()
frames = data.frames
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
view = data.view(source_panels_view, widgets.current_selection())
outlets = view.outlets

if section == "Viewpoints":
    st.caption("Each author's own argument, kept apart from the parties' positions. Facts about each article are marked by how they are known.")
    if view.hidden:
        st.caption(f"Showing {len(view.panels)} of {len(view.panels) + view.hidden} sources; filter by source to see others.")
    for panel in view.panels:
        with st.container(border=True):
            st.subheader(widgets.plain(panel.title), anchor=False)
            st.markdown("  \n".join(f"**{name}:** {widgets.plain(value)}" + ("" if basis == value else f" *({basis})*") for name, value, basis in panel.facts))
            if panel.thesis is None:
                st.caption("No viewpoint curated for this source yet.")
                continue
            st.markdown(f"**Thesis:** {widgets.plain(panel.thesis)}")
            widgets.cited_passages(frames, "viewpoint", panel.viewpoint_id)
            for question, answer, explanation, label in panel.answers:
                # Drawn once opened: a dozen panels of answers, each with its quotes, would be sent on every rerun.
                if (box := widgets.lazy_expander(f"{widgets.plain(question)} → {widgets.plain(answer)}", f"answer-{panel.viewpoint_id}-{label}")) is not None:
                    with box:
                        st.markdown(widgets.plain(explanation))
                        widgets.cited_passages(frames, "answer", panel.viewpoint_id, label=label)
elif section == "Compare on questions":
    st.caption("How each author answers the same questions, with the passage each answer rests on. No answer: the article does not address it.")
    shown = [panel for panel in view.panels if panel.thesis is not None]
    answered = {(panel.source_id, question): (answer, explanation, label) for panel in shown for question, answer, explanation, label in panel.answers}
    for question in frames.landscape.questions:
        with st.container(border=True):
            st.markdown(f"**{widgets.plain(question.text)}**")
            for row in range(0, len(shown), COMPARE_COLUMNS):
                for column, panel in zip(st.columns(COMPARE_COLUMNS), shown[row : row + COMPARE_COLUMNS], strict=False):
                    with column:
                        outlet = f"*{widgets.plain(outlets[panel.source_id])}:*"
                        if (panel.source_id, question.text) not in answered:
                            st.markdown(f"{outlet} not addressed")
                            continue
                        answer, explanation, label = answered[(panel.source_id, question.text)]
                        st.markdown(f"{outlet} **{widgets.plain(answer)}**  \n{widgets.plain(explanation)}")
                        owned = frames.citations_by_owner.get(("answer", panel.viewpoint_id), [])
                        cites = [cite for cite, _source, _quote, cited in owned if cited == label]
                        if cites:
                            widgets.reader_link(panel.source_id, cites[0], label="Read the passage")
else:
    for notice in request.notices:
        st.caption(widgets.plain(notice))
    ids = list(view.articles)
    if request.source:
        st.session_state["reader_article"] = request.source  # the link decides; a choice by hand rewrites the link first
    chosen = st.selectbox("Article", ids, key="reader_article", format_func=view.articles.get, on_change=_picked_article)
    focus = request.cite if request.source == chosen else None
    reader = data.view(reader_view, widgets.current_selection(), chosen, focus, data.dataset.articles[chosen].text)
    if reader.focus is not None:
        with st.container(border=True):
            cited_by = f"{widgets.plain(reader.focus.kind)}, *{widgets.plain(reader.focus.description)}*"
            st.markdown(f"**Linked passage [{reader.focus.number}]**, cited by: {cited_by}")
            st.markdown("…" + widgets.plain(reader.focus.before) + "**" + widgets.plain(reader.focus.passage) + "**" + widgets.plain(reader.focus.after) + "…")
            st.caption("Marked with an outline and a “linked passage” label in the full text below.")
    st.caption(f"{len(reader.legend)} cited passages in this article, highlighted and numbered in reading order; each number links to what cites it.")
    st.html(reader.html)
    if reader.focus is not None:
        st.html(scroll_script(focus), unsafe_allow_javascript=True)
    st.markdown("**What cites each passage** (each number links back to its place in the text)")
    st.html(reader.legend_html)

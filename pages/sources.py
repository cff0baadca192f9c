"""Sources: one panel per article, a side-by-side comparison on shared questions, and the reader."""

import streamlit as st

from landscape import ui
from landscape.reader import OWNER_TEXT
from landscape.viewpoints import reader_request, reader_view, source_panels_view

data = ui.app_data()
frames = data.frames
request = reader_request(st.query_params.get("read"), st.query_params.get("cite"), frames)

st.title("Sources")
section = st.segmented_control(
    "Show", ["Viewpoints", "Compare on questions", "Reader"], default="Reader" if request.source else "Viewpoints", key="sources_section"
)  # fmt: skip
view = data.view(source_panels_view, ui.current_selection())

if section == "Viewpoints":
    st.caption("Each author's own argument, kept apart from the parties' positions. Facts about each article are marked by how they are known.")
    if view.hidden:
        st.caption(f"Showing {len(view.panels)} of {len(view.panels) + view.hidden} sources; filter by source to see others.")
    for panel in view.panels:
        with st.container(border=True):
            st.subheader(ui.plain(panel.title), anchor=False)
            st.markdown("  \n".join(f"**{name}:** {ui.plain(value)} *({basis})*" for name, value, basis in panel.facts))
            if panel.thesis is None:
                st.caption("No viewpoint curated for this source yet.")
                continue
            st.markdown(f"**Thesis:** {ui.plain(panel.thesis)}")
            ui.cited_passages(frames, "viewpoint", panel.viewpoint_id)
            for question, answer, explanation, label in panel.answers:
                with st.expander(f"{ui.plain(question)} → {ui.plain(answer)}"):
                    st.markdown(ui.plain(explanation))
                    ui.cited_passages(frames, "answer", panel.viewpoint_id, label=label)
elif section == "Compare on questions":
    st.caption("How each author answers the same questions. An empty cell: the article does not address it.")
    st.dataframe(view.answers, hide_index=True, width="stretch")
else:
    for notice in request.notices:
        st.caption(ui.plain(notice))
    ids = list(frames.sources["id"])
    titles = dict(zip(frames.sources["id"], frames.sources["title"].fillna(frames.sources["id"]), strict=True))
    if request.source:
        st.session_state["reader_article"] = request.source
    chosen = st.selectbox("Article", ids, key="reader_article", format_func=titles.get)
    if chosen != request.source and "read" in st.query_params:
        del st.query_params["read"]  # the reader now shows another article than the link asked for
    focus = request.cite if request.source == chosen else None
    reader = data.view(reader_view, ui.current_selection(), chosen, focus, data.dataset.articles[chosen].text)
    if reader.focus is not None:
        with st.container(border=True):
            st.markdown(f"**Cited passage [{focus}]**, cited by the {OWNER_TEXT[reader.focus.owner_kind]} *{ui.plain(reader.focus.label)}*:")
            st.markdown("…" + ui.plain(reader.focus.before) + "**" + ui.plain(reader.focus.passage) + "**" + ui.plain(reader.focus.after) + "…")
            st.caption("Highlighted in darker orange in the full text below.")
    st.caption(f"{len(reader.legend)} cited passages in this article, highlighted; the numbers after each are listed below the text.")
    st.html(reader.html)
    st.markdown("**What cites each passage**  \n" + "  \n".join(f"[{cite}] {OWNER_TEXT[kind]}: {ui.plain(label)}" for cite, kind, label in reader.legend))

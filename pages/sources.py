"""Sources: one panel per article, a side-by-side comparison on shared questions, and the reader."""

import streamlit as st

from landscape import ui
from landscape.reader import OWNER_TEXT, article_html, passage_context
from landscape.viewpoints import answers_table, reader_request

SOURCE_PANELS = 12

data = ui.app_data()
frames, selection = data.frames, ui.current_selection()
landscape = data.dataset.landscape
sources = frames.sources[frames.sources["id"].isin(selection.sources)] if selection.sources else frames.sources
shown_sources = sources.head(SOURCE_PANELS)
request = reader_request(st.query_params.get("read"), st.query_params.get("cite"), frames)

st.title("Sources")
panels, compare, reader = st.tabs(["Viewpoints", "Compare on questions", "Reader"], default="Reader" if request.source else None)

BASIS_TEXT = {"text": "stated in the text", "public": "confirmed publicly", "inferred": "inferred, not confirmed", "unknown": "unknown"}
viewpoints = {viewpoint.source: viewpoint for viewpoint in landscape.viewpoints}
questions = {question.id: question.text for question in landscape.questions}

with panels:
    st.caption("Each author's own argument, kept apart from the parties' positions. Facts about each article are marked by how they are known.")
    if len(sources) > SOURCE_PANELS:
        st.caption(f"Showing {SOURCE_PANELS} of {len(sources)} sources; filter by source to see others.")
    for source in shown_sources.itertuples():
        with st.container(border=True):
            st.subheader(source.title if ui.known(source.title) else "Title unknown")
            facts = []
            for field in ("outlet", "author", "published", "url"):
                value, basis = getattr(source, field), getattr(source, f"{field}_basis")
                facts.append(f"**{field.capitalize()}:** {ui.plain(value) if ui.known(value) else 'unknown'} *({BASIS_TEXT[basis]})*")
            st.markdown("  \n".join(facts))
            viewpoint = viewpoints.get(source.id)
            if viewpoint is None:
                st.caption("No viewpoint curated for this source yet.")
                continue
            st.markdown(f"**Thesis:** {ui.plain(viewpoint.thesis)}")
            ui.cited_passages(frames, "viewpoint", viewpoint.id)
            for answer in viewpoint.answers:
                with st.expander(f"{questions.get(answer.question, answer.question)} → {answer.answer}"):
                    st.markdown(ui.plain(answer.explanation))
                    ui.cited_passages(frames, "answer", viewpoint.id, label=f"Answer: {answer.question}")

with compare:
    st.caption("How each author answers the same questions. An empty cell: the article does not address it.")
    table = answers_table(landscape, list(shown_sources["id"]))
    st.dataframe(table, hide_index=True, width="stretch")

with reader:
    for notice in request.notices:
        st.caption(ui.plain(notice))
    ids = list(frames.sources["id"])
    chosen = st.selectbox(
        "Article", ids, index=ids.index(request.source) if request.source else 0,
        format_func=lambda sid: frames.sources.set_index("id").loc[sid, "title"] or sid,
    )  # fmt: skip
    text = data.dataset.articles[chosen].text
    passages = frames.citations[frames.citations["source"] == chosen]
    focus = request.cite if request.source == chosen else None
    if focus is not None:
        cited = frames.citations.set_index("cite").loc[focus]
        before, passage, after = passage_context(text, int(cited["start"]), int(cited["end"]))
        with st.container(border=True):
            st.markdown(f"**Cited passage [{focus}]**, cited by the {OWNER_TEXT[cited['owner_kind']]} *{ui.plain(cited['label'])}*:")
            st.markdown("…" + ui.plain(before) + "**" + ui.plain(passage) + "**" + ui.plain(after) + "…")
            st.caption("Highlighted in darker orange in the full text below.")
    st.caption(f"{len(passages)} cited passages in this article, highlighted; the numbers after each are listed below the text.")
    st.html(article_html(text, passages, focus))
    st.markdown("**What cites each passage**")
    for row in passages.sort_values("start").itertuples():
        st.markdown(f"[{row.cite}] {OWNER_TEXT[row.owner_kind]}: {ui.plain(row.label)}")

"""The Sources page's own pieces: an article's panel, answers side by side, and the passage a link pointed at."""

from __future__ import annotations

import streamlit as st

from landscape.frames import Frames
from landscape.links import passage_href
from landscape.markdown import plain
from landscape.views import FocusedPassage, SourcePanel
from landscape.widgets import cited_passages, lazy_expander


def source_panel(frames: Frames, panel: SourcePanel) -> None:
    """One article: its facts (marked by how they are known), the author's thesis with its quotes, and each answer."""
    with st.container(border=True):
        st.subheader(plain(panel.title), anchor=False)
        st.markdown("  \n".join(f"**{name}:** {plain(value)}" + ("" if basis == value else f" *({basis})*") for name, value, basis in panel.facts))
        if panel.thesis is None:
            st.caption("No viewpoint curated for this source yet.")
            return
        st.markdown(f"**Thesis:** {plain(panel.thesis)}")
        cited_passages(frames, "viewpoint", panel.viewpoint_id)
        for question, answer, explanation, label in panel.answers:
            # Drawn once opened: a dozen panels of answers, each with its quotes, would be sent on every rerun.
            if (box := lazy_expander(f"{plain(question)} → {plain(answer)}", f"answer-{panel.viewpoint_id}-{label}")) is not None:
                with box:
                    st.markdown(plain(explanation))
                    cited_passages(frames, "answer", panel.viewpoint_id, label=label)


COMPARE_COLUMNS = 5  # sources side by side per row; more sources wrap to another row


def answers_side_by_side(frames: Frames, question: str, panels: list[SourcePanel]) -> None:
    """How each article answers one question, side by side, each answer with a link to its passage."""
    with st.container(border=True):
        st.markdown(f"**{plain(question)}**")
        for row in range(0, len(panels), COMPARE_COLUMNS):
            for column, panel in zip(st.columns(COMPARE_COLUMNS), panels[row : row + COMPARE_COLUMNS], strict=False):
                outlet = f"*{plain(frames.source_names[panel.source_id])}:*"
                answered = [(answer, explanation, label) for asked, answer, explanation, label in panel.answers if asked == question]
                if not answered:
                    column.markdown(f"{outlet} not addressed")
                    continue
                answer, explanation, label = answered[0]
                column.markdown(f"{outlet} **{plain(answer)}**  \n{plain(explanation)}")
                cites = [cite for cite, _source, _quote, cited in frames.citations_by_owner.get(("answer", panel.viewpoint_id), []) if cited == label]
                if cites:
                    column.markdown(f"[Read the passage]({passage_href(panel.source_id, cites[0])})")


def linked_passage(focus: FocusedPassage) -> None:
    """The passage a link pointed at, above the article: what cites it, and the words around it."""
    with st.container(border=True):
        st.markdown(f"**Linked passage [{focus.number}]**, cited by: {plain(focus.kind)}, *{plain(focus.description)}*")
        st.markdown("…" + plain(focus.before) + "**" + plain(focus.passage) + "**" + plain(focus.after) + "…")
        st.caption("Marked with an outline and a “linked passage” label in the full text below.")

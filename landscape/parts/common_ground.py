"""The pieces of "Where they could agree": each issue's state of play, the conditions and how the states moved."""

from __future__ import annotations

import streamlit as st

from landscape.frames import Frames
from landscape.markdown import plain
from landscape.vocabulary import STATE
from landscape.widgets import cited_passages, lazy_expander, position_card


def agreement_rows(frames: Frames, rows: list) -> None:
    """Each issue's state of play: its name and state, one sentence, and the positions behind it one click away."""
    for row in rows:
        with st.container(border=True):
            st.markdown(f"**{plain(row.name)}** · *{plain(STATE[row.state].marked)}*  \n{plain(row.sentence)}")
            if not row.sides:
                continue
            if (box := lazy_expander("The quotes behind it", f"agree-{row.issue}", icon=":material/format_quote:")) is not None:
                with box:
                    by_id = frames.positions.set_index("id", drop=False)
                    for party, side, positions in row.sides:
                        st.markdown(f"**{plain(party)}** {plain(side)}")
                        for position_id in positions:
                            position_card(frames, by_id.loc[position_id])


def _condition_evidence(frames: Frames, edge: object) -> None:
    """A condition's passage, then each refusal's, every quote with its reader link."""
    by_id = frames.positions.set_index("id", drop=False)
    st.markdown(f"*{plain(edge.party)}:* {plain(by_id.loc[edge.position, 'summary'])}")
    cited_passages(frames, "position", edge.position)
    for party, position_id in edge.refusals:
        st.markdown(f"*Refused by {plain(party)}:* {plain(by_id.loc[position_id, 'summary'])}")
        cited_passages(frames, "position", position_id)


def condition_list(frames: Frames, edges: list, chosen: int | None = None) -> None:
    """The conditions, numbered as on the diagram; one opened (or selected on the diagram) shows its quote and any refusal's."""
    if chosen is not None and 0 <= chosen < len(edges):
        with st.container(border=True):
            st.markdown(f"**Selected on the diagram: {plain(edges[chosen].description)}**")
            _condition_evidence(frames, edges[chosen])
    for edge in edges:
        if (box := lazy_expander(f"{edge.number}. {plain(edge.description)}", f"condition-{edge.number}")) is not None:
            with box:
                _condition_evidence(frames, edge)


def state_moves(moved: list) -> None:
    """Every step at which an issue's state changed, with the positions dated that day on it."""
    if not moved:
        st.caption("No issue's state changed from one step to the next.")
        return
    if (box := lazy_expander(f"What moved, step by step ({len(moved)} changes)", "state_moves")) is not None:
        with box:
            st.markdown(
                "\n".join(
                    f"- **{plain(day)}** · {plain(issue)}: {plain(before)} → {plain(after)}" + (f" ({plain(movers)})" if movers else "")
                    for day, issue, before, after, movers in moved
                )
            )

"""The matrix page's own pieces: the two-day comparison, the replay's summary, and where sources disagree."""

from __future__ import annotations

import streamlit as st

from landscape import links
from landscape.frames import Frames
from landscape.markdown import plain
from landscape.plural import plural
from landscape.widgets import LATEST, position_card


def _open_cell(issue_id: str, party_id: str) -> None:
    st.session_state.pop("matrix_cell", None)  # the grid's own selection gives way to the link's cell
    links.set_cell_in_link(issue_id, party_id)


def disagreement_list(items: list) -> None:
    """The cells where two articles contradict each other, each a button that opens the cell, with each article's side."""
    st.subheader("Where sources disagree", anchor=False)
    if not items:
        st.caption("No two articles contradict each other on any cell of this view.")
        return
    st.caption("Cells where two different articles report incompatible stances. Open one to compare the quotes side by side.")
    for item in items:
        with st.container(gap=None):  # the cell, and under it each article's side
            st.button(
                plain(item.heading),
                key=f"disagree-{item.issue}-{item.party}",
                on_click=_open_cell,
                args=(item.issue, item.party),
                icon=":material/compare_arrows:",
                type="tertiary",
            )
            st.markdown(plain(item.sides))


def compare_control(steps: list) -> str:
    """A second day to hold the matrix against, bound to ?compare=; '' when none is chosen."""
    days = [step.day for step in steps]
    if not days:
        return ""
    links.snap_link_date("compare", days, LATEST)
    chosen = st.selectbox(
        "Compare with the matrix as of",
        days,
        index=None,
        key="compare",
        bind="query-params",
        placeholder="Pick a day to see what moved since",
        width=360,
        help="What moved between this day and the day above: each cell that changed, why, and the quotes behind it.",
    )
    return chosen or ""


def comparison(frames: Frames, earlier: str, later: str, moved: list) -> None:
    """What moved between two days: each changed cell, before and after side by side, why, and the quotes that moved it."""
    st.subheader(plain(f"What moved between {earlier} and {later or 'the latest positions'}"))
    if not moved:
        st.caption("No cell of this view changed between the two days.")
        return
    st.caption(f"{plural(len(moved), 'cell')} changed. Each shows the cell on both days and the positions dated in between.")
    for cell in moved:
        with st.expander(plain(f"{cell.party_name} · {cell.issue_name}: {cell.why}")):
            before, after = st.columns(2)
            before.markdown(plain(f"As of {earlier}: {cell.before}"))
            after.markdown(plain(f"As of {later or 'the latest'}: {cell.after}"))
            for position in cell.arrived.itertuples():
                position_card(frames, position)


def previous_step(steps: list, day: str) -> str:
    days = [step.day for step in steps]
    index = days.index(day) if day in days else 0
    return days[index - 1] if index > 0 else ""


def replay_summary(steps: list, day: str, previous: str, moved: list[str]) -> None:
    what = next((step.what for step in steps if step.day == day), "")
    st.markdown(f"**As of {plain(day)}.** {plain(what)}")
    if previous and moved:
        st.markdown(f"Changed since the step before ({plain(previous)}):\n" + "\n".join(f"- {plain(change)}" for change in moved))
    elif previous:
        st.caption(plain(f"No cell changed since the step before ({previous})."))
    st.caption(
        "A position counts from the first day its date allows (a month from the 1st, a window from its first day); "
        "until that date has passed, its cell says *date approximate*."
    )

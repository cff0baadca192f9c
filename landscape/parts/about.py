"""The About page's own pieces: how to read a cell, the codebook's entries, and each figure the articles state."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from landscape.frames import Frames
from landscape.markdown import plain
from landscape.views import StatedFigureView
from landscape.widgets import cited_passages


def stated_figure(frames: Frames, figure: StatedFigureView) -> None:
    """A figure the articles state: each value with its date and quotes, side by side, and a warning where they differ."""
    about = (f" ({figure.unit})" if figure.unit else "") + (f" · {figure.issue_name}" if figure.issue_name else "")
    heading = f"**{plain(figure.name)}**{plain(about)}"

    def value_text(value: str, as_of: str | None) -> str:
        return f"**{plain(value)}**" + (f" · as of {plain(as_of)}" if as_of else "")

    with st.container(border=True):
        if len(figure.values) == 1:  # one value: one line and its quotes, no columns to lay out
            value, as_of, label = figure.values[0]
            sources = {source for _cite, source, _quote, cited in frames.citations_by_owner.get(("figure", figure.id), []) if cited == label}
            agree = f" · {len(sources)} articles give this value" if len(sources) > 1 else ""
            st.markdown(f"{heading}: {value_text(value, as_of)}{agree}")
            cited_passages(frames, "figure", figure.id, label=label)
            return
        st.markdown(heading)
        if figure.discrepancy:
            dates = sorted({as_of for _value, as_of, _label in figure.values if as_of})
            differently = f" They are dated differently ({', '.join(dates)}): the gap may be change over time, not disagreement." if len(dates) > 1 else ""
            st.warning(plain("The sources give different values for this figure." + differently), icon=":material/compare_arrows:")
        elif figure.over_time:
            stated = "; ".join(f"{value} as of {as_of}" for value, as_of, _label in sorted(figure.values, key=lambda v: v[1] or ""))
            st.info(
                plain(f"The values differ, stated at different dates more than a week apart: {stated}. A change over time, not a clash."),
                icon=":material/update:",
            )
        for column, (value, as_of, label) in zip(st.columns(len(figure.values)), figure.values, strict=True):
            with column:
                st.markdown(value_text(value, as_of))
                cited_passages(frames, "figure", figure.id, label=label)


def codebook_entries(issues: pd.DataFrame) -> None:
    """Issues of the codebook as one Markdown block: each proposition, what each stance means and what is filed there.

    Text, not a data grid: the entries are paragraphs, read whole on a phone too, and one block draws fast.
    """
    entries = [
        f"**{plain(issue.name)}.** {plain(issue.proposition)}  \n*Supports means:* {plain(issue.supports_means)}  \n"
        f"*Opposes means:* {plain(issue.opposes_means)}  \n*What is filed here:* {plain(issue.scope)}"
        for issue in issues.itertuples()
    ]
    st.markdown("\n\n".join(entries))


def reading_guide() -> None:
    """How to read a matrix cell: stances, certainty and verdicts, in plain words."""
    st.markdown(
        "**Stances.** ✔ *supports*, ✘ *opposes*, ◐ *conditional* (accepts it only on stated terms), "
        "? *ambiguous* (the party itself sends unclear signals).  \n"
        '**Certainty.** *Stated plainly* (full colour), *hedged* (the article qualifies it: "reportedly", rumour) '
        "or *inferred* (the author concludes it; nobody is reported saying it), both shown paler and named in the cell. "
        "A hedge lowers certainty; it never changes the stance.  \n"
        "**Verdicts.** A cell's verdict comes from the articles, not from labels: ⇄ *sources disagree* only where two "
        "different articles report incompatible stances (supports or conditional against opposes) of the party at the same "
        "time, within a week of each other; reports further apart are *different stances at different times* and the latest "
        "stands; ± *mixed signals* where one article reports incompatible stances at one time; ↻ where the party changed its "
        "position; an author's own reading is named (*a reading differs*), never a disagreement; otherwise the stance, "
        "with how many articles report it (*1 source* means one article only)."
    )

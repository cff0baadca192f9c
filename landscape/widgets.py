"""Streamlit pieces two or more pages draw, the same way everywhere: citations and their reader links, position
cards and stance badges, the matrix cell's dialog (matrix and overview), a change of position side by side
(timeline and the cell dialog), the replay control (matrix and "Where they could agree"), lazy expanders, and the
"cite this view" box at the foot of every page.

A piece only one page draws lives with that page, in landscape/parts/<page>.py; the link and the shared filters in
landscape/links.py. Every piece escapes curated text itself (plain()), so no page can forget. Nothing here parses or
reshapes the data (frames.py and views.py), nor loads it (cache.py).
"""

from __future__ import annotations

import datetime as dt
import html

import pandas as pd
import streamlit as st

from landscape import links
from landscape.brief import brief_markdown
from landscape.cite import cite_position, cite_view, text_fragment_url
from landscape.frames import Frames
from landscape.markdown import markdown_url, plain
from landscape.package import package_zip
from landscape.views import CellDetail
from landscape.vocabulary import ATTRIBUTION, CELL_STATUS, CERTAINTY, DATE_BASIS, STANCE, Certainty, DateBasis, cell_colours


def cited_quote(quote: str, source: str, cite: int | None, outlet: str, url: str | None = None, reference: str = "") -> None:
    """A citation shown the same way everywhere: the quote, its source, a link to the passage in the
    reader and, where the article's address is known, a link that opens the original at the quote.

    The quote and the link to the original are one Markdown block (that link opens a new tab anyway);
    the reader link stays a page link, which moves within the app and keeps the session.
    """
    original = ""
    if url:
        hint = "Opens the article on its own site, scrolled to these words where the browser supports it"
        original = f'  \n[In the original ↗]({markdown_url(text_fragment_url(url, quote))} "{hint}")'
    elif reference:  # no address known: still say where the original can be found
        original = f"  \n*The original:* {plain(reference)} (no web address known)"
    st.markdown(f"> “{plain(quote)}”" + ("\n\n" + original.strip() if original else ""))
    links.reader_link(source, cite, label=f"Read in context: {plain(outlet)}")  # a button's or page link's label is Markdown too


def cited_passages(frames: Frames, owner_kind: str, owner_id: str, *, label: str | None = None) -> None:
    """Every citation of one position, event, thesis or answer, each with its reader link."""
    for cite, source, quote, cited_label in frames.citations_by_owner.get((owner_kind, owner_id), []):
        if label is None or cited_label == label:
            cited_quote(quote, source, cite, frames.source_names[source], frames.source_urls[source], frames.source_references.get(source, ""))


def stance_legend() -> None:
    parts = [term.marked for term in CELL_STATUS.values()]
    st.caption(
        "Legend: " + plain(" · ".join(parts)) + " · ↻ changed over time · a paler cell marked *hedged* or *inferred*: "
        "the article qualifies it, or the author concludes it · *N sources*: how many articles report it"
    )


def stance_badge_html(stance: str, certainty: str = "firm") -> str:
    """A coloured stance badge with its certainty; the text is ours (never curated), escaped anyway."""
    background, ink = cell_colours(stance, certainty)
    words = CELL_STATUS[stance].marked + ("" if certainty == Certainty.FIRM else f" · {CERTAINTY[certainty].word}")
    text = html.escape(words)
    return f"<span style='background:{background};color:{ink};padding:1px 6px;border-radius:4px'>{text}</span>"


def position_card(frames: Frames, position: object) -> None:
    """One position: stance and certainty, summary, who reports it and when, every quote with its link."""
    outlets = frames.source_names
    with st.container(border=True):
        st.html(stance_badge_html(position.stance, position.certainty))
        st.markdown(f"**{plain(position.summary)}**")
        when = f"as of {position.as_of}" + ("" if position.date_basis == DateBasis.TEXT else f" (date from the {DATE_BASIS[position.date_basis].word})")
        speaker = f" · {position.speaker}" if position.speaker else ""
        st.caption(plain(f"{', '.join(outlets[s] for s in position.source_list)} · {when} · {ATTRIBUTION[position.attribution].word}{speaker}"))
        cited_passages(frames, "position", position.id)
        with st.popover("Cite this position", icon=":material/format_quote:"):
            st.caption("Its stable id, the source's facts and the article's own words:")
            st.code(position_citation(frames, position.id), language=None, wrap_lines=True)


def position_citation(frames: Frames, position_id: str) -> str:
    model = next(p for p in frames.landscape.positions if p.id == position_id)
    sources = {source.id: source for source in frames.landscape.sources}
    return cite_position(model, sources, links.matrix_cell_link(model.issue, model.party), str(frames.landscape.updated))


CLOSED_DIALOGS = "_closed_cell_dialogs"  # how many cell dialogs this session closed: a chart that opens one is keyed on it


def _close_cell() -> None:
    st.session_state.pop("matrix_cell", None)
    # The overview's small matrix opens the same dialog: a fresh chart drops the clicked cell (and plotly's dimming of the others).
    st.session_state[CLOSED_DIALOGS] = st.session_state.get(CLOSED_DIALOGS, 0) + 1
    links.set_cell_in_link(None, None)


def cell_dialog(frames: Frames, detail: CellDetail) -> None:
    """An opened matrix cell, over the matrix: the verdict in words, then each side's positions side by side."""
    st.dialog(plain(detail.heading), width="large", on_dismiss=_close_cell)(_cell_detail)(frames, detail)


def _cell_detail(frames: Frames, detail: CellDetail) -> None:
    st.markdown(f"**{plain(detail.verdict_text.capitalize())}.** {plain(detail.explanation)}")
    st.caption(
        plain(f"Proposition: {detail.proposition}")
        + "  \n"
        + "  \n".join(plain(f"{STANCE[stance].word.capitalize()} means: {meaning}") for stance, meaning in detail.meanings)
    )
    if not detail.sides:
        return
    columns = st.columns(len(detail.sides)) if len(detail.sides) > 1 else [st.container()]
    for column, (stance, positions) in zip(columns, detail.sides, strict=True):
        with column:
            if len(detail.sides) > 1:
                st.markdown(f"**{plain(CELL_STATUS[stance].marked)}**")
            for position in positions.itertuples():
                position_card(frames, position)
    for before, after, words in detail.changes:  # the ↻ of the cell: each change, its two quotes side by side
        st.markdown("**↻ Changed over time**")
        change_evidence(frames, before, after, words)


def change_evidence(frames: Frames, before: pd.Series, after: pd.Series, words: str) -> None:
    """A change of position: what changed in words, then the earlier and the later position side by side."""
    st.markdown(f"**{plain(after['party_name'])} · {plain(after['issue_name'])}:** {plain(words)}")
    earlier, later = st.columns(2)
    with earlier:
        st.caption("Before")
        position_card(frames, before)
    with later:
        st.caption("After")
        position_card(frames, after)


LATEST = "latest"


def _step(days: list[str], offset: int) -> None:
    current = st.session_state.get("as_of", LATEST)
    index = days.index(current) if current in days else len(days) - 1
    st.session_state["as_of"] = days[max(0, min(len(days) - 1, index + offset))]


def replay_control(steps: list) -> str:
    """The matrix as of a day: a slider over the days something happened, bound to ?as_of=; '' means the latest."""
    days = [*(step.day for step in steps), LATEST]  # time runs left to right; the latest positions at the end
    if len(days) == 1:
        return ""
    links.snap_link_date("as_of", days, LATEST)
    with st.container(horizontal=True, vertical_alignment="bottom"):
        st.button("◀ Earlier", help="One step back in time", on_click=_step, args=(days, -1), key="as_of_back")
        chosen = st.select_slider(
            "Matrix as of",
            days,
            value=LATEST,
            key="as_of",
            bind="query-params",
            width=560,
            help="Replay who stood where: each step is a day an event or a dated position falls on.",
        )
        st.button("Later ▶", help="One step forward in time", on_click=_step, args=(days, 1), key="as_of_forward")
    return "" if chosen == LATEST else chosen


def lazy_expander(label: str, key: str, **options: object):
    """A collapsed expander whose content is drawn only once it is opened (opening reruns its fragment, or the page).

    Returns the expander, or None while it is closed: `if (box := lazy_expander(...)) is not None: with box: ...`
    """
    box = st.expander(label, key=key, on_change="rerun", **options)
    return box if box.open else None


def cite_this_view(state: links.PageState, title: str) -> None:
    """At the foot of every page: a citation for exactly this view, a brief of it, and the data package."""
    as_of = st.session_state.get("as_of") if state.page in ("matrix", "common_ground") else None
    day = dt.date.fromisoformat(as_of) if as_of and as_of != LATEST else None
    _cite_box(state, title, links.view_link(), day)


@st.fragment
def _cite_box(state: links.PageState, title: str, link: str, day: dt.date | None) -> None:
    box = lazy_expander("Cite this view · download a brief or the data", "cite_view", icon=":material/format_quote:")
    if box is None:  # closed: nothing to build or send until a reader opens it
        return
    citation = cite_view(state.data.dataset.landscape, link, title, dt.date.today())
    with box:
        st.caption("A citation for exactly what is on screen: the data's version, today's date and this view's link.")
        plain_tab, bibtex_tab, csl_tab = st.tabs(["Plain", "BibTeX", "CSL-JSON"])
        plain_tab.code(citation.plain, language=None, wrap_lines=True)
        bibtex_tab.code(citation.bibtex, language="latex", wrap_lines=True)
        csl_tab.code(citation.csl_json, language="json", wrap_lines=True)
        base = links.app_url()  # now, in the run: the download's callback runs outside it
        version = state.data.dataset.landscape.updated
        names = (links.view_file_name("brief", "md", version, *([f"as of {day}"] if day else [])), f"negotiation-landscape_data-{version}.zip")
        with st.container(horizontal=True):
            st.download_button(
                "Brief of this view (Markdown)",
                lambda: brief_markdown(state.data.dataset, state.selection, day, link, base),
                names[0],
                "text/markdown",
                icon=":material/description:",
                key="download_brief",
                on_click="ignore",
            )
            st.download_button(
                "Data package (Frictionless, zip)",
                lambda: package_zip(state.data.dataset),
                names[1],
                "application/zip",
                icon=":material/dataset:",
                key="download_package",
                on_click="ignore",
            )

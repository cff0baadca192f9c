"""Streamlit pieces every page shares, drawn the same way everywhere: URL-bound filters and the link's
notices, citations and reader links, stance badges and the legend, position cards, the cell dialog, the
replay control, and the "cite this view" box.

Every piece escapes curated text itself (plain()), so no page can forget. Pages call these and draw;
nothing here parses or reshapes the data (that is frames.py and views.py), nor loads it (cache.py).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections import Counter
from collections.abc import Callable
from urllib.parse import quote as percent_encode
from urllib.parse import urlencode, urlsplit, urlunsplit

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.errors import StreamlitAPIException

from landscape.brief import brief_markdown
from landscape.cache import FRAME, AppData, current_selection
from landscape.cite import cite_position, cite_view, text_fragment_url
from landscape.frames import STANCE_STYLE, STANCE_TEXT, Frames, Selection, cell_colours, known
from landscape.package import package_zip
from landscape.schema import ATTRIBUTION_LABELS, CERTAINTY_LABELS, DATE_BASIS_LABELS
from landscape.views import CellDetail, FocusedPassage, SourcePanel, StatedFigureView

FILTER_KEYS = {"party": "parties", "issue": "issues", "source": "sources"}
READER_KEYS = ("read", "cite")
PAGE_KEYS = ("cell", "period", "as_of", "section", "stance", "dates", "search")  # page state kept in the link besides the shared filters
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=^\"'])")
_LINE_BREAKS = re.compile(r"[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+")
# What GFM turns into a link by itself: "www.", "scheme://" and "name@host". A word joiner
# (U+2060, invisible) after "www", after the scheme's ":" and after "@" stops it.
_AUTOLINK = re.compile(r"(?i)(\bwww)(?=\.)|(:)(?=//)|(@)")
WORD_JOINER = "\u2060"


def plain(text: object) -> str:
    """Curated or URL text made inert wherever Streamlit reads markdown (body, headings, labels, tooltips, notices).

    Every markdown and HTML character is backslash-escaped, every kind of line break becomes a
    space (a "\\r===" line would otherwise make a heading), and what GFM would autolink is
    broken with an invisible word joiner. The text reads the same; nothing in it is live.
    """
    flat = _LINE_BREAKS.sub(" ", str(text))
    unlinked = _AUTOLINK.sub(lambda match: match.group(0) + WORD_JOINER, flat)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", unlinked)


FILTER_LABELS = {"party": "Parties", "issue": "Issues", "source": "Sources"}
FILTER_HELP = {
    "party": "Show only these parties' positions and the events they take part in. Empty: every party.",
    "issue": "Show only these issues of the codebook. Empty: every issue.",
    "source": "Show only what these articles report. Empty: every article.",
}


def unique_labels(ids: list[str], names: list[str], dates: list[str]) -> dict[str, str]:
    """A name per id, as a reader sees it; a name shared by several ids gets its date added, and then its id."""
    labels = dict(zip(ids, names, strict=True))
    for extras in (dates, ids):
        seen = Counter(labels.values())
        labels = {item: f"{label} ({extra})" if seen[label] > 1 else label for (item, label), extra in zip(labels.items(), extras, strict=True)}
    return labels


def filter_names(frames: Frames) -> dict[str, dict[str, str]]:
    """For each shared filter, id -> the name its widget shows and its link carries (?party=United+States)."""
    sources = frames.sources
    return {
        "party": dict(zip(frames.parties["id"], frames.parties["name"], strict=True)),
        "issue": dict(zip(frames.issues["id"], frames.issues["name"], strict=True)),
        "source": unique_labels(list(sources["id"]), list(sources["name"]), list(sources["published"].fillna("date unknown"))),
    }


def _ids_to_names_in_link(names: dict[str, dict[str, str]]) -> None:
    """An older link's ids (?party=russia) become names (?party=Russia) before the widgets read the link.

    A bound widget seeds itself from the names in the link and drops anything else, so the link
    is rewritten and the script run again, once: the view is the one the old link meant, and the
    address bar then holds the link in its current form. Unknown values are reported, not kept.
    """
    rewritten = False
    for key, labels in names.items():
        raw = st.query_params.get_all(key)
        by_name = {name: item for item, name in labels.items()}
        dropped = [value for value in raw if value not in by_name and value not in labels]
        if dropped:
            link_notice(f"unknown {key} " + ", ".join(repr(value[:40]) for value in dropped[:5]))
        if any(value not in by_name and value in labels for value in raw):
            try:
                st.query_params[key] = list(dict.fromkeys(value if value in by_name else labels[value] for value in raw if value not in dropped))
            except StreamlitAPIException:  # bound already in this session: the widget's state holds the view
                st.session_state[key] = list(dict.fromkeys(by_name.get(value, value) for value in raw if value not in dropped))
            else:
                rewritten = True
    if rewritten:
        st.rerun()


def shared_filters(frames: Frames) -> Selection:
    """Party, issue and source filters in the sidebar, bound to the link by name (?party=Russia&party=United+States).

    The widgets show names and the link carries them (a bound widget writes what it shows); the
    selection is in ids. An older link's ids open the same view (see _ids_to_names_in_link).
    """
    unknown = [name for name in st.query_params if name not in FILTER_KEYS and name not in READER_KEYS and name not in PAGE_KEYS]
    for name in unknown:
        del st.query_params[name]
    if unknown:
        link_notice("unknown link parameter " + ", ".join(repr(name[:40]) for name in unknown[:5]))
    names = filter_names(frames)
    _ids_to_names_in_link(names)
    with st.sidebar:
        st.markdown("**Filters** · shared in the page's link")
        for key, label in FILTER_LABELS.items():
            st.multiselect(
                label,
                list(names[key]),
                key=key,
                bind="query-params",
                format_func=names[key].get,
                placeholder=f"All {label.lower()}",
                help=FILTER_HELP[key],
            )
    return current_selection()


def link_notice(text: str) -> None:
    """Something in the link just opened that the page ignores; the app shows it until the reader changes anything."""
    st.session_state["_fresh_notices"] = [*st.session_state.get("_fresh_notices", []), text]


def _view_signature() -> tuple:
    """What the reader sees: the page, the link and every widget's value."""
    params = tuple(sorted((name, tuple(st.query_params.get_all(name))) for name in st.query_params))
    widgets = tuple(sorted((str(key), repr(st.session_state[key])) for key in st.session_state if not str(key).startswith("_")))
    return getattr(FRAME, "page", None), params, widgets


def show_link_notices(slot: DeltaGenerator) -> None:
    """'Ignored from the link' in the main area (a phone hides the sidebar), for the link just opened only.

    Notices raised in this run replace any earlier ones; earlier ones stay while the view is the
    one the link opened, and go as soon as the reader changes a filter, a page or any control.
    """
    signature = _view_signature()
    fresh = st.session_state.pop("_fresh_notices", [])
    if fresh:
        st.session_state["_link_notices"] = (fresh, signature)
    shown, opened = st.session_state.get("_link_notices", ([], None))
    if shown and opened != signature:
        del st.session_state["_link_notices"]
        return
    if shown:
        slot.info(plain("Ignored from the link: " + "; ".join(shown) + "."), icon=":material/link_off:")


# The pages, registered by landscape.navigation on each run, so links can point at them.
PAGES: dict[str, st.Page] = {}


def _open_reader(source: str, cite: int | None) -> None:
    st.query_params["read"] = source
    if cite is not None:
        st.query_params["cite"] = str(cite)
    st.session_state["section"] = "Reader"
    st.session_state.pop("reader_article", None)


def reader_link(source: str, cite: int | None, label: str = "Read in context") -> None:
    """A link that opens the source reader at one cited passage."""
    params = {"read": source}
    if cite is not None:
        params["cite"] = str(cite)
    if getattr(FRAME, "page", None) == "sources":
        # A link to the page one is on changes nothing: switch the section in place instead.
        st.button(label, key=f"read-{source}-{cite}", icon=":material/menu_book:", on_click=_open_reader, args=(source, cite), type="tertiary")
    elif "sources" in PAGES:
        st.page_link(PAGES["sources"], label=label, icon=":material/menu_book:", query_params=params)


# What a URL may keep as it is inside a Markdown link's destination: its delimiters, and "%" of escapes already made.
_URL_SAFE_IN_MARKDOWN = "!#$%&*+,-./:;=?@_~"


def markdown_url(url: str) -> str:
    """A checked http(s) address made safe as a Markdown link's destination: what could end or break it is percent-encoded."""
    return percent_encode(url, safe=_URL_SAFE_IN_MARKDOWN)  # brackets, quotes, backslash, backtick and spaces, among others


def cited_quote(quote: str, source: str, cite: int | None, outlet: str, url: str | None = None) -> None:
    """A citation shown the same way everywhere: the quote, its source, a link to the passage in the
    reader and, where the article's address is known, a link that opens the original at the quote.

    The quote and the link to the original are one Markdown block (that link opens a new tab anyway);
    the reader link stays a page link, which moves within the app and keeps the session.
    """
    original = ""
    if url:
        hint = "Opens the article on its own site, scrolled to these words where the browser supports it"
        original = f"  \n[In the original ↗]({markdown_url(text_fragment_url(url, quote))} \"{hint}\")"
    st.markdown(f"> “{plain(quote)}”" + ("\n\n" + original.strip() if original else ""))
    reader_link(source, cite, label=f"Read in context: {outlet}")


def cited_passages(frames: Frames, owner_kind: str, owner_id: str, *, label: str | None = None) -> None:
    """Every citation of one position, event, thesis or answer, each with its reader link."""
    for cite, source, quote, cited_label in frames.citations_by_owner.get((owner_kind, owner_id), []):
        if label is None or cited_label == label:
            cited_quote(quote, source, cite, frames.source_names[source], frames.source_urls[source])


def stated_figure(frames: Frames, figure: StatedFigureView) -> None:
    """A figure the articles state: each value with its date and quotes, side by side, and a warning where they differ."""
    about = (f" ({figure.unit})" if figure.unit else "") + (f" · {figure.issue_name}" if figure.issue_name else "")
    heading = f"**{plain(figure.name)}**{plain(about)}"

    def value_text(value: str, as_of: str | None) -> str:
        return f"**{plain(value)}**" + (f" · as of {plain(as_of)}" if as_of else "")

    with st.container(border=True):
        if len(figure.values) == 1:  # one value: one line and its quote, no columns to lay out
            value, as_of, label = figure.values[0]
            st.markdown(f"{heading}: {value_text(value, as_of)}")
            cited_passages(frames, "figure", figure.id, label=label)
            return
        st.markdown(heading)
        if figure.discrepancy:
            dates = sorted({as_of for _value, as_of, _label in figure.values if as_of})
            differently = f" They are dated differently ({', '.join(dates)}): the gap may be change over time, not disagreement." if len(dates) > 1 else ""
            st.warning(plain("The sources give different values for this figure." + differently), icon=":material/compare_arrows:")
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


def event_lines(events: pd.DataFrame) -> None:
    """Events as one Markdown block, a line each: the date, then the title."""
    st.markdown("  \n".join(f"**{plain(event.date)}** · {plain(event.title)}" for event in events.itertuples()))


def source_list(sources: pd.DataFrame) -> None:
    """Sources as one Markdown list: outlet, publication date and title, each said unknown where it is."""
    st.markdown("\n".join(
        f"- *{plain(source.name)}*, {plain(source.published if known(source.published) else 'date unknown')}: "
        f"{plain(source.title if known(source.title) else 'title unknown')}"
        for source in sources.itertuples()
    ))


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
                    with column:
                        reader_link(panel.source_id, cites[0], label="Read the passage")


def linked_passage(focus: FocusedPassage) -> None:
    """The passage a link pointed at, above the article: what cites it, and the words around it."""
    with st.container(border=True):
        st.markdown(f"**Linked passage [{focus.number}]**, cited by: {plain(focus.kind)}, *{plain(focus.description)}*")
        st.markdown("…" + plain(focus.before) + "**" + plain(focus.passage) + "**" + plain(focus.after) + "…")
        st.caption("Marked with an outline and a “linked passage” label in the full text below.")


def stance_legend() -> None:
    parts = [f"{symbol} {STANCE_TEXT[stance]}" for stance, (_colour, symbol) in STANCE_STYLE.items()]
    st.caption(
        "Legend: " + plain(" · ".join(parts)) + " · ↻ changed over time · a paler cell marked *hedged* or *inferred*: "
        "the article qualifies it, or the author concludes it · *N sources*: how many articles report it"
    )


def stance_badge_html(stance: str, certainty: str = "firm") -> str:
    """A coloured stance badge with its certainty; the text is ours (never curated), escaped anyway."""
    background, ink = cell_colours(stance, certainty)
    words = f"{STANCE_STYLE[stance][1]} {STANCE_TEXT[stance]}" + ("" if certainty == "firm" else f" · {CERTAINTY_LABELS[certainty]}")
    text = html.escape(words)
    return f"<span style='background:{background};color:{ink};padding:1px 6px;border-radius:4px'>{text}</span>"


def cell_from_link(issue_ids: list[str], parties: pd.DataFrame) -> tuple[str, str] | None:
    """The matrix cell a link asks for (?cell=issue/party), as (issue id, party name), if it is shown."""
    raw = st.query_params.get("cell")
    if not raw:
        return None
    issue_id, _, party_id = raw.partition("/")
    names = dict(zip(parties["id"], parties["name"], strict=True))
    if issue_id not in issue_ids or party_id not in names:
        link_notice(f"unknown cell {raw[:60]!r}")
        return None
    return issue_id, names[party_id]


def set_cell_in_link(issue_id: str | None, party_id: str | None) -> None:
    if issue_id and party_id:
        st.query_params["cell"] = f"{issue_id}/{party_id}"
    elif "cell" in st.query_params:
        del st.query_params["cell"]


def position_card(frames: Frames, position: object) -> None:
    """One position: stance and certainty, summary, who reports it and when, every quote with its link."""
    outlets = frames.source_names
    with st.container(border=True):
        st.html(stance_badge_html(position.stance, position.certainty))
        st.markdown(f"**{plain(position.summary)}**")
        when = f"as of {position.as_of}" + ("" if position.date_basis == "text" else f" (date from the {DATE_BASIS_LABELS[position.date_basis]})")
        speaker = f" · {position.speaker}" if position.speaker else ""
        st.caption(plain(f"{', '.join(outlets[s] for s in position.source_list)} · {when} · {ATTRIBUTION_LABELS[position.attribution]}{speaker}"))
        cited_passages(frames, "position", position.id)
        with st.popover("Cite this position", icon=":material/format_quote:"):
            st.caption("Its stable id, the source's facts and the article's own words:")
            st.code(position_citation(frames, position.id), language=None, wrap_lines=True)


def position_citation(frames: Frames, position_id: str) -> str:
    model = next(p for p in frames.landscape.positions if p.id == position_id)
    sources = {source.id: source for source in frames.landscape.sources}
    link = f"{app_url()}/matrix?{urlencode({'cell': f'{model.issue}/{model.party}'})}"
    return cite_position(model, sources, link)


def _close_cell() -> None:
    st.session_state.pop("matrix_cell", None)
    if "cell" in st.query_params:
        del st.query_params["cell"]


def cell_dialog(frames: Frames, detail: CellDetail) -> None:
    """An opened matrix cell, over the matrix: the verdict in words, then each side's positions side by side."""
    st.dialog(plain(detail.heading), width="large", on_dismiss=_close_cell)(_cell_detail)(frames, detail)


def _cell_detail(frames: Frames, detail: CellDetail) -> None:
    st.markdown(f"**{plain(detail.verdict_text.capitalize())}.** {plain(detail.explanation)}")
    st.caption(
        plain(f"Proposition: {detail.proposition}") + "  \n"
        + "  \n".join(plain(f"{STANCE_TEXT[stance].capitalize()} means: {meaning}") for stance, meaning in detail.meanings)
    )
    if not detail.sides:
        return
    columns = st.columns(len(detail.sides)) if len(detail.sides) > 1 else [st.container()]
    for column, (stance, positions) in zip(columns, detail.sides, strict=True):
        with column:
            if len(detail.sides) > 1:
                st.markdown(f"**{plain(STANCE_STYLE[stance][1] + ' ' + STANCE_TEXT[stance])}**")
            for position in positions.itertuples():
                position_card(frames, position)
    for before, after, words in detail.changes:  # the ↻ of the cell: each change, its two quotes side by side
        st.markdown("**↻ Changed over time**")
        change_evidence(frames, before, after, words)


def reading_guide() -> None:
    """How to read a matrix cell: stances, certainty and verdicts, in plain words."""
    st.markdown(
        "**Stances.** ✔ *supports*, ✘ *opposes*, ◐ *conditional* (accepts it only on stated terms), "
        "? *ambiguous* (the party itself sends unclear signals).  \n"
        "**Certainty.** *Stated plainly* (full colour), *hedged* (the article qualifies it: \"reportedly\", rumour) "
        "or *inferred* (the author concludes it; nobody is reported saying it), both shown paler and named in the cell. "
        "A hedge lowers certainty; it never changes the stance.  \n"
        "**Verdicts.** A cell's verdict comes from the articles, not from labels: ⇄ *sources disagree* only where two "
        "different articles report incompatible stances (supports or conditional against opposes); ± *mixed signals* "
        "where one article reports incompatible stances; ↻ where the party changed its position; otherwise the stance, "
        "with how many articles report it (*1 source* means one article only)."
    )


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
    with st.container(horizontal=True, vertical_alignment="bottom"):
        st.button("◀", help="One step back", on_click=_step, args=(days, -1), key="as_of_back")
        chosen = st.select_slider("Matrix as of", days, value=LATEST, key="as_of", bind="query-params", width=560,
                                  help="Replay who stood where: each step is a day an event or a dated position falls on.")
        st.button("▶", help="One step forward", on_click=_step, args=(days, 1), key="as_of_forward")
    return "" if chosen == LATEST else chosen


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
    st.caption("A position dated only to a month counts from the 1st of that month; its cells say *date approximate*.")


def app_url() -> str:
    """The app's address as the reader sees it, without the page (for links in downloads and citations)."""
    parts = urlsplit(st.context.url or "http://localhost:8501/")
    path = parts.path.rstrip("/")
    page = getattr(FRAME, "page", None)
    if page and path.endswith(f"/{page}"):
        path = path[: -len(page) - 1]
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def view_link() -> str:
    """The full link of what is on screen: this page, with every parameter of the address."""
    page = getattr(FRAME, "page", None)
    pairs = [(name, value) for name in st.query_params for value in st.query_params.get_all(name)]
    path = "" if page in (None, "overview") else f"/{page}"
    return f"{app_url()}{path}" + (f"?{urlencode(pairs)}" if pairs else "")


def framed_fragment(func: Callable[..., None]) -> Callable[..., None]:
    """st.fragment for a part of a page: rerun alone when its own widgets change, with the page it is on.

    run_app sets FRAME.page for a whole run; a fragment's own rerun skips run_app, so the page is passed along.
    """

    def run(page: str | None, *args: object) -> None:
        saved = (getattr(FRAME, "active", False), getattr(FRAME, "page", None))
        FRAME.active, FRAME.page = True, page
        try:
            func(*args)
        finally:
            FRAME.active, FRAME.page = saved

    run.__name__ = run.__qualname__ = f"framed_{func.__qualname__}"
    run.__module__ = func.__module__
    fragment = st.fragment(run)

    def call(*args: object) -> None:
        fragment(getattr(FRAME, "page", None), *args)

    return call


def lazy_expander(label: str, key: str, **options: object):
    """A collapsed expander whose content is drawn only once it is opened (opening reruns its fragment, or the page).

    Returns the expander, or None while it is closed: `if (box := lazy_expander(...)) is not None: with box: ...`
    """
    box = st.expander(label, key=key, on_change="rerun", **options)
    return box if box.open else None


def cite_this_view(data: AppData, title: str) -> None:
    """At the foot of every page: a citation for exactly this view, a brief of it, and the data package."""
    as_of = st.session_state.get("as_of") if getattr(FRAME, "page", None) == "matrix" else None
    day = dt.date.fromisoformat(as_of) if as_of and as_of != LATEST else None
    _cite_box(data, title, view_link(), current_selection(), day)


@framed_fragment
def _cite_box(data: AppData, title: str, link: str, selection: Selection, day: dt.date | None) -> None:
    box = lazy_expander("Cite this view · download a brief or the data", "cite_view", icon=":material/format_quote:")
    if box is None:  # closed: nothing to build or send until a reader opens it
        return
    citation = cite_view(data.dataset.landscape, link, title, dt.date.today())
    with box:
        st.caption("A citation for exactly what is on screen: the data's version, today's date and this view's link.")
        plain_tab, bibtex_tab, csl_tab = st.tabs(["Plain", "BibTeX", "CSL-JSON"])
        plain_tab.code(citation.plain, language=None, wrap_lines=True)
        bibtex_tab.code(citation.bibtex, language="latex", wrap_lines=True)
        csl_tab.code(citation.csl_json, language="json", wrap_lines=True)
        with st.container(horizontal=True):
            st.download_button("Brief of this view (Markdown)", lambda: brief_markdown(data.dataset, selection, day, link),
                               "brief.md", "text/markdown", icon=":material/description:", key="download_brief", on_click="ignore")
            st.download_button("Data package (Frictionless, zip)", lambda: package_zip(data.dataset), "negotiation-landscape.zip",
                               "application/zip", icon=":material/dataset:", key="download_package", on_click="ignore")

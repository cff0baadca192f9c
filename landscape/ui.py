"""Streamlit pieces every page shares: the cached data, URL-bound filters, citations, legend.

Pages call these and draw; nothing here parses or reshapes the data (that is frames.py).
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlencode, urlsplit

import pandas as pd
import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from landscape.brief import brief_markdown
from landscape.cite import cite_position, cite_view, text_fragment_url
from landscape.frames import STANCE_STYLE, STANCE_TEXT, Frames, Selection, cell_colours, known
from landscape.load import SEEDS_DIR, Dataset, data_path
from landscape.package import package_zip
from landscape.schema import ATTRIBUTION_LABELS, CERTAINTY_LABELS, DATE_BASIS_LABELS
from landscape.snapshot import load_prepared
from landscape.views import CellDetail
from landscape.yamlfile import DataFileError, Problem

T = TypeVar("T")
FRAME = threading.local()  # FRAME.active: this thread's script run went through navigation.run_app
MAX_VIEWS = 256  # memoized page views per data version
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


@dataclass
class AppData:
    """One data version: the dataset, its frames, and the views drawn from them so far."""

    dataset: Dataset
    frames: Frames
    _views: OrderedDict = field(default_factory=OrderedDict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def view(self, build: Callable[..., T], selection: Selection, *options: Hashable) -> T:
        """build(frames, selection, *options), memoized for this data version (shared by sessions)."""
        key = (build.__qualname__, selection, options)
        with self._lock:
            if key in self._views:
                self._views.move_to_end(key)
                return self._views[key]
        result = build(self.frames, selection, *options)
        with self._lock:
            self._views[key] = result
            while len(self._views) > MAX_VIEWS:
                self._views.popitem(last=False)
        return result


@dataclass(frozen=True)
class LoadFailure:
    """Why one version of the data cannot be shown: cached like good data, so a bad file is read once."""

    problems: tuple[Problem, ...]


def file_version(path: Path) -> tuple[int, ...]:
    """What changes when a file is edited, replaced or swapped for a link: inode, type, size, time (of the link and its target)."""
    versions: list[int] = []
    for info in (os.lstat(path), os.stat(path)):
        versions += [info.st_dev, info.st_ino, info.st_mode, info.st_size, info.st_mtime_ns]
    return tuple(versions)


def seeds_version(seeds_dir: Path = SEEDS_DIR) -> tuple[tuple[str, int, int, int], ...]:
    """The version of every file in seeds/: editing an article reloads the data that cites it."""
    versions = []
    try:
        for entry in sorted(os.scandir(seeds_dir), key=lambda entry: entry.name):
            info = entry.stat(follow_symlinks=False)
            versions.append((entry.name, info.st_ino, info.st_size, info.st_mtime_ns))
    except OSError:
        return ()
    return tuple(versions)


@st.cache_resource(max_entries=4, show_spinner=False)
def _load(path: str, version: tuple[int, ...], seeds: tuple[tuple[str, int, int, int], ...]) -> AppData | LoadFailure:
    """Parsed, validated data and frames for one version of the file and the seeds (shared, never mutated).

    A file that cannot be used gives a LoadFailure, cached too: concurrent viewers of a bad file
    wait for one validation, not one each. Good data come from the snapshot of an earlier run when
    one matches the file's and the seeds' content (landscape.snapshot), so a restarted server
    does not validate again.
    """
    del version, seeds  # cache key only: an edited file or article is loaded anew
    try:
        dataset, frames = load_prepared(Path(path))
    except DataFileError as error:
        return LoadFailure(tuple(error.problems))
    return AppData(dataset, frames)


def _leave_legacy_multipage_mode() -> None:
    """Make a page opened first on a fresh server run inside the app's navigation.

    With a folder named pages/ beside the entry file, Streamlit starts in its legacy multipage
    mode until st.navigation runs once; a first request for /matrix then runs pages/matrix.py
    alone, without the shared filters. Leaving that mode and rerunning runs dashboard.py, whose
    st.Page for the same URL path opens this page, with the link's query parameters intact.
    """
    if not getattr(FRAME, "active", False):
        # Another session may have left legacy mode already; this run still started in it.
        PagesManager.uses_pages_directory = False
        st.rerun()


def app_data() -> AppData:
    """The current data, loaded once per file version; on bad data, an error page and stop."""
    _leave_legacy_multipage_mode()
    path = data_path()
    try:
        loaded = _load(str(path), file_version(path), seeds_version())
    except (OSError, ValueError):
        show_data_error([Problem(str(path), 1, 1, "file not found: check the path (or LANDSCAPE_DATA)")])
    else:
        if isinstance(loaded, AppData):
            return loaded
        show_data_error(list(loaded.problems))
    st.stop()
    raise AssertionError("unreachable")  # st.stop() raises


def show_data_error(problems: list[Problem]) -> None:
    st.error("**The data file cannot be shown.** Nothing from it is displayed until it is fixed.", icon=":material/error:")
    st.markdown(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found. Fix them in the file, then refresh this page:")
    st.code("\n".join(str(problem) for problem in problems[:200]), language=None, wrap_lines=True)
    st.caption("Check the file from a terminal with `python -m landscape validate`.")


def _note_dropped(key: str, valid: set[str]) -> list[str]:
    """Values of a URL parameter that are not known ids; Streamlit drops them, we say so."""
    raw = st.query_params.get_all(key)
    dropped = [value for value in raw if value not in valid]
    if dropped:
        st.session_state[f"_dropped_{key}"] = dropped
    return st.session_state.get(f"_dropped_{key}", [])


def shared_filters(frames: Frames) -> Selection:
    """Party, issue and source filters in the sidebar, bound to the URL (?party=russia&party=usa)."""
    unknown = [name for name in st.query_params if name not in FILTER_KEYS and name not in READER_KEYS and name not in PAGE_KEYS]
    for name in unknown:
        del st.query_params[name]
    if unknown:
        st.session_state["_dropped_names"] = unknown
    options = {
        "party": frames.parties["id"].tolist(),
        "issue": frames.issues["id"].tolist(),
        "source": frames.sources["id"].tolist(),
    }
    names = {
        "party": dict(zip(frames.parties["id"], frames.parties["name"], strict=True)),
        "issue": dict(zip(frames.issues["id"], frames.issues["name"], strict=True)),
        "source": dict(zip(frames.sources["id"], frames.sources["name"], strict=True)),
    }
    notices = []
    with st.sidebar:
        st.markdown("**Filters** · shared in the page's link")
        for key, label in (("party", "Parties"), ("issue", "Issues"), ("source", "Sources")):
            dropped = _note_dropped(key, set(options[key]))
            if dropped:
                shown = ", ".join(repr(value[:40]) for value in dropped[:5])
                notices.append(f"unknown {key} {shown}")
            st.multiselect(
                label,
                options[key],
                key=key,
                bind="query-params",
                placeholder=f"All {label.lower()}",
                help=plain(" · ".join(f"{value} = {names[key][value]}" for value in options[key])),
            )
        if st.session_state.get("_dropped_names"):
            notices.append("unknown link parameter " + ", ".join(repr(n[:40]) for n in st.session_state["_dropped_names"][:5]))
        if notices:
            st.caption(plain("Ignored from the link: " + "; ".join(notices) + "."))
    return current_selection()


def current_selection() -> Selection:
    return Selection(
        parties=tuple(st.session_state.get("party") or ()),
        issues=tuple(st.session_state.get("issue") or ()),
        sources=tuple(st.session_state.get("source") or ()),
    )


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


_URL_UNSAFE_IN_MARKDOWN = re.compile(r"[()<>\"'\[\]\\`\s]")


def markdown_url(url: str) -> str:
    """A checked http(s) address made safe as a Markdown link's destination: what could end or break it is percent-encoded."""
    return _URL_UNSAFE_IN_MARKDOWN.sub(lambda match: "".join(f"%{byte:02X}" for byte in match.group().encode()), url)


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
    outlets = dict(zip(frames.sources["id"], frames.sources["name"], strict=True))
    urls = dict(zip(frames.sources["id"], frames.sources["url"], strict=True))
    for cite, source, quote, cited_label in frames.citations_by_owner.get((owner_kind, owner_id), []):
        if label is None or cited_label == label:
            cited_quote(quote, source, cite, outlets[source], urls[source] if known(urls[source]) else None)


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
        st.sidebar.caption(plain(f"Ignored from the link: unknown cell {raw[:60]!r}."))
        return None
    return issue_id, names[party_id]


def set_cell_in_link(issue_id: str | None, party_id: str | None) -> None:
    if issue_id and party_id:
        st.query_params["cell"] = f"{issue_id}/{party_id}"
    elif "cell" in st.query_params:
        del st.query_params["cell"]


def position_card(frames: Frames, position: object) -> None:
    """One position: stance and certainty, summary, who reports it and when, every quote with its link."""
    outlets = dict(zip(frames.sources["id"], frames.sources["name"], strict=True))
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
    )  # fmt: skip
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
                                  help="Replay who stood where: each step is a day an event or a dated position falls on.")  # fmt: skip
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
    return f"{parts.scheme}://{parts.netloc}{path}"


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
                               "brief.md", "text/markdown", icon=":material/description:", key="download_brief")  # fmt: skip
            st.download_button("Data package (Frictionless, zip)", lambda: package_zip(data.dataset), "negotiation-landscape.zip",
                               "application/zip", icon=":material/dataset:", key="download_package")  # fmt: skip

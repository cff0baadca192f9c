"""The link: what a page's address holds, what it opens, and every link a page writes, in one module.

Each run of the app reads the link once: navigation.run_app calls open_page() before the page, which
draws the shared filters bound to the link by name, turns an older link's ids into names, drops what
it does not know (with a notice), and keeps the run's state (data, page, selection) in the session.
A page gets that state, and through it its views, from this_page(). Links out of a page (a page, a
cell, a passage in the reader, the view itself) are written here too.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlencode, urlsplit, urlunsplit

import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.errors import StreamlitAPIException
from streamlit.runtime.pages_manager import PagesManager

from landscape import export
from landscape.cache import AppData
from landscape.frames import Frames, Selection
from landscape.markdown import markdown_url, plain
from landscape.views import nearest_earlier_step
from landscape.vocabulary import GROUP
from landscape.yamlfile import quoted

T = TypeVar("T")
PAGES_DIR = Path(__file__).resolve().parent.parent / "pages"  # a page's key is its file's name and its URL path

FILTER_KEYS = {"party": "parties", "group": "issue groups", "issue": "issues", "source": "sources"}
FILTER_LABELS = {"party": "Parties", "group": "Issue groups", "issue": "Issues", "source": "Sources"}
FILTER_HELP = {
    "party": "Show only these parties' positions and the events they take part in. Empty: every party.",
    "group": "Show every issue of these groups of the codebook (security, territory…), with any issue picked below. Empty: no group.",
    "issue": "Show only these issues of the codebook. Empty: every issue.",
    "source": "Show only what these articles report. Empty: every article.",
}
READER_KEYS = ("read", "cite")
PAGE_KEYS = ("cell", "period", "as_of", "compare", "section", "stance", "dates", "search")  # page state kept in the link besides the shared filters
STATE_KEY = "_page_state"  # the session's PageState, set by open_page on every run of the app


def page_path(key: str) -> Path:
    """The file of the page whose URL path is key (absolute: st.page_link finds it from any entry file, tests' too)."""
    return PAGES_DIR / f"{key}.py"


@dataclass(frozen=True, eq=False)
class PageState:
    """One run of the app: its data, the page on screen, and the shared filters, in ids and as a reader names them."""

    data: AppData
    page: str
    selection: Selection
    names: Mapping[str, Mapping[str, str]]  # for each shared filter, id -> the name its widget shows and its link carries
    chosen: Mapping[str, tuple[str, ...]]  # for each shared filter in use, the ids picked

    @property
    def frames(self) -> Frames:
        return self.data.frames

    def view(self, build: Callable[..., T], *options: Hashable) -> T:
        """build(frames, selection, *options) for this run's selection, memoized for the data version (shared by sessions)."""
        return self.data.view(build, self.selection, *options)

    def filter_words(self) -> list[tuple[str, list[str]]]:
        """The shared filters as a reader names them: (what, [names]) for each filter in use, in the sidebar's order."""
        return [(FILTER_KEYS[key], [self.names[key].get(value, value) for value in self.chosen[key]]) for key in FILTER_KEYS if key in self.chosen]


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
        "group": {group: GROUP[group].word for group in dict.fromkeys(frames.issues["group"])},
        "issue": dict(zip(frames.issues["id"], frames.issues["name"], strict=True)),
        "source": unique_labels(list(sources["id"]), list(sources["name"]), list(sources["published"].fillna("date unknown"))),
    }


def selection_of(chosen: Mapping[str, tuple[str, ...]], frames: Frames) -> Selection:
    """The filters picked, in ids; an issue group stands for each of its issues, added to the issues picked one by one."""
    groups = set(chosen.get("group", ()))
    grouped = [issue for issue, group in zip(frames.issues["id"], frames.issues["group"], strict=True) if group in groups]
    return Selection(
        parties=chosen.get("party", ()),
        issues=tuple(dict.fromkeys([*chosen.get("issue", ()), *grouped])),
        sources=chosen.get("source", ()),
    )


# --- reading the link, once per run --------------------------------------------------------------


def open_page(data: AppData, page: str) -> PageState:
    """The shared filters in the sidebar, bound to the link by name (?party=Russia&party=United+States), and this run's state.

    The widgets show names and the link carries them (a bound widget writes what it shows); the
    selection is in ids. An older link's ids open the same view (see _ids_to_names_in_link).
    """
    unknown = [name for name in st.query_params if name not in FILTER_KEYS and name not in READER_KEYS and name not in PAGE_KEYS]
    if unknown:
        drop_from_link(unknown)
        more = f" and {len(unknown) - 5:,} more" if len(unknown) > 5 else ""
        link_notice("unknown link parameter " + ", ".join(quoted(name, 40) for name in unknown[:5]) + more)
    names = filter_names(data.frames)
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
                placeholder="None: pick one, e.g. Security" if key == "group" else f"All {label.lower()}",
                help=FILTER_HELP[key],
            )
    chosen = {key: tuple(picked) for key in FILTER_KEYS if (picked := st.session_state.get(key))}
    state = PageState(data, page, selection_of(chosen, data.frames), names, chosen)
    st.session_state[STATE_KEY] = state
    return state


def this_page() -> PageState:
    """This run's state, for the page: its data, its selection and its views (state.view(build, ...)).

    A fragment's own rerun keeps the state of the run it belongs to. A page run without the app's frame
    is a first request on a fresh server in Streamlit's legacy multipage mode: see _leave_legacy_multipage_mode.
    """
    state = st.session_state.get(STATE_KEY)
    if state is None:
        _leave_legacy_multipage_mode()
    return state


def _leave_legacy_multipage_mode() -> None:
    """Make a page opened first on a fresh server run inside the app's navigation.

    With a folder named pages/ beside the entry file, Streamlit starts in its legacy multipage mode until
    st.navigation runs once; a first request for /matrix then runs pages/matrix.py alone, without the shared
    filters (and without a state in the session: open_page sets it before any page runs, and once any session
    has run the app, st.navigation has left legacy mode for good). Leaving that mode and rerunning runs
    dashboard.py, whose st.Page for the same URL path opens this page, with the link's query parameters intact.
    """
    PagesManager.uses_pages_directory = False
    st.rerun()


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
            link_notice(f"unknown {key} " + ", ".join(quoted(value, 40) for value in dropped[:5]))
        if any(value not in by_name and value in labels for value in raw):
            try:
                st.query_params[key] = list(dict.fromkeys(value if value in by_name else labels[value] for value in raw if value not in dropped))
            except StreamlitAPIException:  # bound already in this session: the widget's state holds the view
                st.session_state[key] = list(dict.fromkeys(by_name.get(value, value) for value in raw if value not in dropped))
            else:
                rewritten = True
    if rewritten:
        st.rerun()


def drop_from_link(names: list[str]) -> None:
    """Remove these parameters from the link in one step: one message to the browser, not one per name.

    `del st.query_params[name]` sends the remaining query string to the browser each time: a link with a
    thousand unknown names sent it a thousand times, and took most of a minute to open. Streamlit's public API has no bulk delete that spares bound parameters
    (from_dict refuses the bound filters), so its own session-side methods are used: all but the last name
    are dropped silently, the last one sends the link once.
    """
    try:
        from streamlit.runtime.state.session_state_proxy import get_session_state

        with get_session_state().query_params() as params:
            for name in names[:-1]:
                params.discard_param_no_forward_msg(name)
            params.remove_param(names[-1])
    except AttributeError:  # pragma: no cover - another Streamlit without these methods: one by one
        for name in names:
            if name in st.query_params:
                del st.query_params[name]


def snap_link_date(key: str, days: list[str], latest: str) -> None:
    """A link's day (as_of, compare) that is no step opens the nearest earlier step, with a notice (a bound widget would
    drop it silently and show another view than the link says). `latest` is the step that stands for today."""
    raw = st.query_params.get(key)
    if raw is None or raw in days or st.session_state.get(f"_{key}_snapped") == raw:
        return
    nearest = nearest_earlier_step([day for day in days if day != latest], raw)
    st.session_state[f"_{key}_snapped"] = raw
    if nearest is None:
        link_notice(f"{key} {raw[:40]!r}: not a day of the replay (YYYY-MM-DD, from {days[0]})")
        del st.query_params[key]
        return
    link_notice(f"{key} {raw[:40]!r} is not a step of the replay; the matrix shows the nearest earlier step, {nearest}")
    try:  # as _ids_to_names_in_link does: the link rewritten, the script run again, so the widget reads a valid day
        st.query_params[key] = nearest
    except StreamlitAPIException:  # bound already in this session: the widget's state holds the view
        st.session_state[key] = nearest
    else:
        st.rerun()


def cell_from_link(names: Mapping[str, Mapping[str, str]]) -> tuple[str, str] | None:
    """The matrix cell a link asks for (?cell=issue/party), in ids; an issue or party the data do not hold gets a notice."""
    raw = st.query_params.get("cell")
    if not raw:
        return None
    issue_id, _, party_id = raw.partition("/")
    if issue_id not in names["issue"] or party_id not in names["party"]:
        link_notice(f"unknown cell {quoted(raw, 60)}")
        return None
    return issue_id, party_id


def set_cell_in_link(issue_id: str | None, party_id: str | None) -> None:
    if issue_id and party_id:
        st.query_params["cell"] = f"{issue_id}/{party_id}"
    elif "cell" in st.query_params:
        del st.query_params["cell"]


# --- notices: what the link held that the page ignores --------------------------------------------

# Streamlit ignores a whole query string of more than 1,000 parameters or 512 Ki characters
# (streamlit.runtime.state.query_params.sanitize_query_string): the server never sees such a link, so
# the browser says so. A script with no data in it, and no '<' (DOMPurify drops a script that holds one).
LINK_CAP_FIELDS, LINK_CAP_CHARS = 1000, 512 * 1024
LINK_CAP_NOTICE_ID = "link-over-cap"


def link_cap_script() -> str:
    """A script that, when the address holds more than Streamlit reads, puts a notice at the top of the page."""
    return (
        "<script>(function(){var q=window.location.search.replace(/^[?]/,'');if(!q){return;}"
        f"var fields=q.split('&').length;if(!(fields>{LINK_CAP_FIELDS}||q.length>{LINK_CAP_CHARS})){{return;}}"
        f"if(document.getElementById('{LINK_CAP_NOTICE_ID}')){{return;}}"
        f"var note=document.createElement('div');note.id='{LINK_CAP_NOTICE_ID}';note.setAttribute('role','alert');"
        "note.setAttribute('data-testid','linkOverCap');"
        "note.style.cssText='position:fixed;top:3.75rem;left:50%;transform:translateX(-50%);z-index:999990;max-width:90vw;"
        "background:#FFF4CE;color:#3D2B00;border:1px solid #C8A400;border-radius:6px;padding:8px 14px;font:15px sans-serif';"
        f"note.textContent='Ignored from the link: it holds '+fields.toLocaleString('en')+' parameters ('+q.length.toLocaleString('en')+"
        f"' characters), more than the {LINK_CAP_FIELDS:,} parameters or {LINK_CAP_CHARS // 1024:,} Ki characters the app reads, "
        "so none of its filters were applied and this is the unfiltered view.';"
        "document.body.appendChild(note);})();</script>"
    )


def link_notice(text: str) -> None:
    """Something in the link just opened that the page ignores; the app shows it until the reader changes anything."""
    st.session_state["_fresh_notices"] = [*st.session_state.get("_fresh_notices", []), text]


def _view_signature(page: str) -> tuple:
    """What the reader sees: the page, the link and every widget's value."""
    params = tuple(sorted((name, tuple(st.query_params.get_all(name))) for name in st.query_params))
    widgets = tuple(sorted((str(key), repr(st.session_state[key])) for key in st.session_state if not str(key).startswith("_")))
    return page, params, widgets


def show_link_notices(slot: DeltaGenerator, page: str) -> None:
    """'Ignored from the link' in the main area (a phone hides the sidebar), for the link just opened only.

    Notices raised in this run replace any earlier ones; earlier ones stay while the view is the
    one the link opened, and go as soon as the reader changes a filter, a page or any control.
    """
    signature = _view_signature(page)
    fresh = st.session_state.pop("_fresh_notices", [])
    if fresh:
        st.session_state["_link_notices"] = (fresh, signature)
    shown, opened = st.session_state.get("_link_notices", ([], None))
    if shown and opened != signature:
        del st.session_state["_link_notices"]
        return
    if shown:
        slot.info(plain("Ignored from the link: " + "; ".join(shown) + "."), icon=":material/link_off:")


# --- what the view shows, in words ------------------------------------------------------------------


def view_words(used: list[tuple[str, list[str]]]) -> str:
    """What a view shows, from the filters in use: 'parties: Russia · issues: the Security group · all sources'."""
    if not used:
        return "Showing everything: every party, issue and source."
    shown = dict(used)
    issues = [f"the {name} group" for name in shown.get("issue groups", [])] + shown.get("issues", [])
    parts = [
        f"{what}: {', '.join(names)}" if names else f"all {what}"
        for what, names in (("parties", shown.get("parties", [])), ("issues", issues), ("sources", shown.get("sources", [])))
    ]
    return "Filtered view · " + " · ".join(parts)


def view_line(state: PageState) -> None:
    """One line above every page, in the main area (a phone hides the sidebar): what this view shows."""
    used = state.filter_words()
    words = view_words(used)
    if used:
        st.markdown(f":material/filter_alt: **{plain(words.split(' · ', 1)[0])}** · {plain(words.split(' · ', 1)[1])}")
    else:
        st.caption(plain(words) + " Filters are in the sidebar (☰ on a phone).")


def view_file_name(kind: str, extension: str, version: object, *extra: str) -> str:
    """A download named after the view on screen and the data version: 'positions_russia_security_data-2026-11-27.csv'."""
    used = this_page().filter_words()
    return export.view_file_name(kind, [name for _what, names in used for name in names] + [word for word in extra if word], str(version), extension)


# --- links out of a page ----------------------------------------------------------------------------


def app_url() -> str:
    """The app's address as the reader sees it, without the page (for links in downloads and citations)."""
    parts = urlsplit(st.context.url or "http://localhost:8501/")
    path = parts.path.rstrip("/")
    page = this_page().page
    if path.endswith(f"/{page}"):
        path = path[: -len(page) - 1]
    return urlunsplit((parts.scheme, parts.netloc, path, "", ""))


def view_link() -> str:
    """The full link of what is on screen: this page, with every parameter of the address."""
    page = this_page().page
    pairs = [(name, value) for name in st.query_params for value in st.query_params.get_all(name)]
    path = "" if page == "overview" else f"/{page}"
    return f"{app_url()}{path}" + (f"?{urlencode(pairs)}" if pairs else "")


def page_link(key: str, label: str, icon: str, query_params: dict[str, str] | None = None) -> None:
    """A link to another page of the app (Streamlit's own page link: the shared filters stay bound to the link)."""
    st.page_link(page_path(key), label=label, icon=icon, query_params=query_params)


def passage_href(source: str, cite: int) -> str:
    """A real link to the reader at one passage, relative to the page and keeping the view's filters (it can open in a new tab)."""
    kept = [(name, value) for name in FILTER_KEYS if name in st.query_params for value in st.query_params.get_all(name)]
    return markdown_url("sources?" + urlencode([*kept, ("read", source), ("cite", str(int(cite)))]))


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
    if this_page().page == "sources":
        # A link to the page one is on changes nothing: switch the section in place instead.
        st.button(label, key=f"read-{source}-{cite}", icon=":material/menu_book:", on_click=_open_reader, args=(source, cite), type="tertiary")
    else:
        page_link("sources", label, ":material/menu_book:", params)


def matrix_cell_link(issue_id: str, party_id: str) -> str:
    """The address of one matrix cell, for a citation that outlives the session."""
    return f"{app_url()}/matrix?{urlencode({'cell': f'{issue_id}/{party_id}'})}"

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
from landscape.plural import plural
from landscape.schema import ATTRIBUTION_LABELS, CERTAINTY_LABELS, DATE_BASIS_LABELS, GROUP_LABELS
from landscape.views import CellDetail, FocusedPassage, SourcePanel, StatedFigureView, nearest_earlier_step
from landscape.yamlfile import quoted

FILTER_KEYS = {"party": "parties", "group": "issue groups", "issue": "issues", "source": "sources"}
READER_KEYS = ("read", "cite")
PAGE_KEYS = ("cell", "period", "as_of", "compare", "section", "stance", "dates", "search")  # page state kept in the link besides the shared filters
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


FILTER_LABELS = {"party": "Parties", "group": "Issue groups", "issue": "Issues", "source": "Sources"}
FILTER_HELP = {
    "party": "Show only these parties' positions and the events they take part in. Empty: every party.",
    "group": "Show every issue of these groups of the codebook (security, territory…), with any issue picked below. Empty: no group.",
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
        "group": {group: GROUP_LABELS[group] for group in dict.fromkeys(frames.issues["group"])},
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


def shared_filters(frames: Frames) -> Selection:
    """Party, issue and source filters in the sidebar, bound to the link by name (?party=Russia&party=United+States).

    The widgets show names and the link carries them (a bound widget writes what it shows); the
    selection is in ids. An older link's ids open the same view (see _ids_to_names_in_link).
    """
    unknown = [name for name in st.query_params if name not in FILTER_KEYS and name not in READER_KEYS and name not in PAGE_KEYS]
    if unknown:
        drop_from_link(unknown)
        more = f" and {len(unknown) - 5:,} more" if len(unknown) > 5 else ""
        link_notice("unknown link parameter " + ", ".join(quoted(name, 40) for name in unknown[:5]) + more)
    names = filter_names(frames)
    _ids_to_names_in_link(names)
    # What current_selection() needs to turn a group into its issues: per session, set on every run.
    st.session_state["_group_issues"] = {group: tuple(frames.issues.loc[frames.issues["group"] == group, "id"]) for group in names["group"]}
    st.session_state["_filter_names"] = names
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
    return current_selection()


def drop_from_link(names: list[str]) -> None:
    """Remove these parameters from the link in one step: one message to the browser, not one per name.

    `del st.query_params[name]` sends the remaining query string to the browser each time: a link with 999
    unknown names took 43 s to open. Streamlit's public API has no bulk delete that spares bound parameters
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


def filter_words() -> list[tuple[str, list[str]]]:
    """The shared filters as a reader names them: (what, [names]) for each filter in use, in the sidebar's order."""
    names = st.session_state.get("_filter_names", {})
    return [(FILTER_KEYS[key], [names.get(key, {}).get(value, value) for value in chosen]) for key in FILTER_KEYS if (chosen := st.session_state.get(key))]


def view_file_name(kind: str, extension: str, version: object, *extra: str) -> str:
    """A download named after the view on screen and the data version: 'positions_russia_security_data-2026-11-27.csv'."""
    from landscape.export import view_file_name as named

    return named(kind, [name for _what, names in filter_words() for name in names] + [word for word in extra if word], str(version), extension)


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


def view_line() -> None:
    """One line above every page, in the main area (a phone hides the sidebar): what this view shows."""
    used = filter_words()
    words = view_words(used)
    if used:
        st.markdown(f":material/filter_alt: **{plain(words.split(' · ', 1)[0])}** · {plain(words.split(' · ', 1)[1])}")
    else:
        st.caption(plain(words) + " Filters are in the sidebar (☰ on a phone).")


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


def passage_href(source: str, cite: int) -> str:
    """A real link to the reader at one passage, relative to the page and keeping the view's filters (it can open in a new tab)."""
    kept = [(name, value) for name in FILTER_KEYS if name in st.query_params for value in st.query_params.get_all(name)]
    return markdown_url("sources?" + urlencode([*kept, ("read", source), ("cite", str(int(cite)))]))


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
    reader_link(source, cite, label=f"Read in context: {plain(outlet)}")  # a button's or page link's label is Markdown too


def cited_passages(frames: Frames, owner_kind: str, owner_id: str, *, label: str | None = None) -> None:
    """Every citation of one position, event, thesis or answer, each with its reader link."""
    for cite, source, quote, cited_label in frames.citations_by_owner.get((owner_kind, owner_id), []):
        if label is None or cited_label == label:
            cited_quote(quote, source, cite, frames.source_names[source], frames.source_urls[source], frames.source_references.get(source, ""))


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


def event_lines(events: pd.DataFrame) -> None:
    """Events as one Markdown block, a line each: the date, then the title."""
    st.markdown("  \n".join(f"**{plain(event.date)}** · {plain(event.title)}" for event in events.itertuples()))


def source_list(sources: pd.DataFrame) -> None:
    """Sources as one Markdown list: outlet, publication date and title, each said unknown where it is."""
    st.markdown(
        "\n".join(
            f"- *{plain(source.name)}*, {plain(source.published if known(source.published) else 'date unknown')}: "
            f"{plain(source.title if known(source.title) else 'title unknown')}"
            for source in sources.itertuples()
        )
    )


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
        link_notice(f"unknown cell {quoted(raw, 60)}")
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
    return cite_position(model, sources, link, str(frames.landscape.updated))


def _open_cell(issue_id: str, party_id: str) -> None:
    st.session_state.pop("matrix_cell", None)  # the grid's own selection gives way to the link's cell
    st.query_params["cell"] = f"{issue_id}/{party_id}"


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


def overview_chart_key() -> str:
    return f"overview_chart_{st.session_state.get('_overview_round', 0)}"


def _close_cell() -> None:
    st.session_state.pop("matrix_cell", None)
    # The overview's small matrix opens the same dialog: a fresh chart drops the clicked cell (and plotly's dimming of the others).
    st.session_state["_overview_round"] = st.session_state.get("_overview_round", 0) + 1
    if "cell" in st.query_params:
        del st.query_params["cell"]


def cell_dialog(frames: Frames, detail: CellDetail) -> None:
    """An opened matrix cell, over the matrix: the verdict in words, then each side's positions side by side."""
    st.dialog(plain(detail.heading), width="large", on_dismiss=_close_cell)(_cell_detail)(frames, detail)


def _cell_detail(frames: Frames, detail: CellDetail) -> None:
    st.markdown(f"**{plain(detail.verdict_text.capitalize())}.** {plain(detail.explanation)}")
    st.caption(
        plain(f"Proposition: {detail.proposition}")
        + "  \n"
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


def _snap_link_date(key: str, days: list[str]) -> None:
    """A link's day (as_of, compare) that is no step opens the nearest earlier step, with a notice (a bound widget would
    drop it silently and show another view than the link says)."""
    raw = st.query_params.get(key)
    if raw is None or raw in days or st.session_state.get(f"_{key}_snapped") == raw:
        return
    nearest = nearest_earlier_step([day for day in days if day != LATEST], raw)
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


def replay_control(steps: list) -> str:
    """The matrix as of a day: a slider over the days something happened, bound to ?as_of=; '' means the latest."""
    days = [*(step.day for step in steps), LATEST]  # time runs left to right; the latest positions at the end
    if len(days) == 1:
        return ""
    _snap_link_date("as_of", days)
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


def compare_control(steps: list) -> str:
    """A second day to hold the matrix against, bound to ?compare=; '' when none is chosen."""
    days = [step.day for step in steps]
    if not days:
        return ""
    _snap_link_date("compare", days)
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
    as_of = st.session_state.get("as_of") if getattr(FRAME, "page", None) in ("matrix", "common_ground") else None
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
        base = app_url()  # now, in the run: the download's callback runs outside it
        version = data.dataset.landscape.updated
        names = (view_file_name("brief", "md", version, *([f"as of {day}"] if day else [])), f"negotiation-landscape_data-{version}.zip")
        with st.container(horizontal=True):
            st.download_button(
                "Brief of this view (Markdown)",
                lambda: brief_markdown(data.dataset, selection, day, link, base),
                names[0],
                "text/markdown",
                icon=":material/description:",
                key="download_brief",
                on_click="ignore",
            )
            st.download_button(
                "Data package (Frictionless, zip)",
                lambda: package_zip(data.dataset),
                names[1],
                "application/zip",
                icon=":material/dataset:",
                key="download_package",
                on_click="ignore",
            )


# --- where they could agree ----------------------------------------------------------------------

STATE_MARKS = {"common_ground": "● common ground", "sticking_point": "✘ sticking point", "open": "○ open"}


def agreement_rows(frames: Frames, rows: list) -> None:
    """Each issue's state of play: its name and state, one sentence, and the positions behind it one click away."""
    for row in rows:
        with st.container(border=True):
            st.markdown(f"**{plain(row.name)}** · *{plain(STATE_MARKS[row.state])}*  \n{plain(row.sentence)}")
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

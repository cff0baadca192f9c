"""One test per defect that the suite once let through (issue #13): plant the defect and the named test fails.

Every data set here is derived from conftest's SMALL_VALID_YAML (see builders.py); nothing depends
on the real data file's ids or counts.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import pytest
from builders import (
    DP_QUOTES,
    OTHER_QUOTE,
    add,
    add_issue,
    add_other_source,
    add_party,
    base,
    citation,
    drawn_text,
    dump,
    frames_of,
    line_of,
    load,
    open_page,
    write,
)

from landscape.export import export_dict, rows_as_csv, rows_as_json
from landscape.frames import STANCE_STYLE, STANCE_TEXT, Selection, filter_events, known, stance_label
from landscape.views import explorer_rows, explorer_view, source_panels_view
from landscape.widgets import stance_badge_html
from landscape.yamlfile import DataFileError


def problems(tmp_path, data) -> list[str]:
    with pytest.raises(DataFileError) as raised:
        load(tmp_path, data)
    return [str(problem) for problem in raised.value.problems]


def the_problem_at(tmp_path, data, fragment: str) -> str:
    """The one problem the data has, which must name the line of the file where fragment stands."""
    [problem] = problems(tmp_path, data)
    assert f":{line_of(dump(data), fragment)}:" in problem
    return problem


# --- the data file ------------------------------------------------------------------------------


def test_quote_found_only_in_another_article_than_the_cited_one_is_refused(tmp_path):
    data = base()
    add_other_source(data)
    data["positions"][0]["citations"] = [citation(DP_QUOTES[0], source="other")]  # the words are dp's, not other's
    assert "quote not found in other" in the_problem_at(tmp_path, data, DP_QUOTES[0])


def test_quote_is_located_in_the_article_it_cites(tmp_path):
    data = base()
    add_other_source(data)
    data["positions"][0]["citations"] = [citation(OTHER_QUOTE, source="other")]
    dataset = load(tmp_path, data)
    [passage] = [passage for passage in dataset.passages if passage.owner_kind == "position"]
    assert passage.source == "other"
    assert dataset.articles["other"].text[passage.start : passage.end] == OTHER_QUOTE


@pytest.mark.parametrize("section", ["questions", "sources", "parties", "issues", "positions", "events", "viewpoints"])
def test_duplicate_ids_are_refused_in_every_section(tmp_path, section):
    data = base()
    duplicate_id = data[section][0]["id"]
    add(data, section)  # a second object with the same id
    text = dump(data)
    found = [problem for problem in problems(tmp_path, data) if "duplicate id" in problem]
    second = line_of(text, f"- id: {duplicate_id}", text.index(f"- id: {duplicate_id}") + 1)
    assert len(found) == 1, found
    assert f":{second}:" in found[0]
    assert f"duplicate id {duplicate_id!r} in {section}" in found[0]
    assert f"first on line {line_of(text, f'- id: {duplicate_id}')}" in found[0]


def test_duplicate_event_ids_are_refused(tmp_path):
    data = base()
    add(data, "events", title="The same visit, entered twice")
    assert any("duplicate id 'witkoff-moscow' in events" in problem for problem in problems(tmp_path, data))


def test_supersedes_a_position_of_another_party_is_refused(tmp_path):
    data = base()
    add_party(data, "ukraine", "Ukraine")
    add(data, "positions", id="p2", party="ukraine", stance="supports", supersedes="p1")
    assert "supersedes 'p1', a position of another party or issue" in the_problem_at(tmp_path, data, "supersedes: p1")


def test_supersedes_a_position_on_another_issue_is_refused(tmp_path):
    data = base()
    add_issue(data, "other-issue", "Another issue")
    add(data, "positions", id="p2", issue="other-issue", stance="supports", supersedes="p1")
    [problem] = problems(tmp_path, data)
    assert "supersedes 'p1', a position of another party or issue" in problem


def test_supersedes_the_same_partys_position_on_the_same_issue_loads(tmp_path):
    data = base()
    add(data, "positions", id="p2", stance="supports", supersedes="p1")
    dataset = load(tmp_path, data)
    assert [position.supersedes for position in dataset.landscape.positions] == [None, "p1"]


def _next_year_day() -> str:
    return (dt.date.today() + dt.timedelta(days=400)).isoformat()


def test_position_dated_in_the_future_is_refused(tmp_path):
    data = base()
    data["sources"][0]["published"] = {"value": None, "basis": "unknown"}  # no publication date to be after
    future = _next_year_day()
    data["positions"][0]["as_of"] = future
    assert f"date {future} is in the future" in the_problem_at(tmp_path, data, future)


def test_position_dated_today_loads(tmp_path):
    data = base()
    data["sources"][0]["published"] = {"value": None, "basis": "unknown"}
    data["positions"][0]["as_of"] = dt.date.today().isoformat()
    assert str(load(tmp_path, data).landscape.positions[0].as_of) == dt.date.today().isoformat()


def test_event_dated_in_the_future_is_refused(tmp_path):
    data = base()
    data["sources"][0]["published"] = {"value": None, "basis": "unknown"}
    data["events"][0]["date"] = _next_year_day()
    assert any("in the future" in problem for problem in problems(tmp_path, data))


# --- frames, filters, downloads, export ---------------------------------------------------------


def _two_issue_events() -> dict:
    data = base()
    add_issue(data, "issue-b", "Issue B")
    data["events"][0]["issues"] = [data["issues"][0]["id"]]
    data["events"][0]["title"] = "Event about issue A"
    add(data, "events", id="event-b", title="Event about issue B", issues=["issue-b"])
    return data


def test_event_filter_keeps_only_events_on_the_chosen_issue(tmp_path):
    data = _two_issue_events()
    frames = frames_of(tmp_path, data)
    issue_a = data["issues"][0]["id"]
    assert list(filter_events(frames.events, Selection(issues=("issue-b",)))["id"]) == ["event-b"]
    assert list(filter_events(frames.events, Selection(issues=(issue_a,)))["id"]) == [data["events"][0]["id"]]
    assert len(filter_events(frames.events, Selection(issues=(issue_a, "issue-b")))) == 2


def test_timeline_lists_only_the_events_of_the_issue_in_the_link(tmp_path, monkeypatch):
    monkeypatch.setenv("LANDSCAPE_DATA", str(write(tmp_path, _two_issue_events())))
    app = open_page("timeline", {"issue": "issue-b"})
    assert not app.exception
    assert "Event about issue B" not in "\n".join(drawn_text(app))  # the events' list is drawn only once opened
    app.session_state["timeline_events"] = True  # the reader opens it
    app.run()
    text = "\n".join(drawn_text(app))
    assert "Event about issue B" in text
    assert "Event about issue A" not in text
    assert "Events in this period (1)" in text


STANCES = {  # pinned as literals: (colour, symbol, words)
    "supports": ("#0072B2", "✔", "supports"),
    "opposes": ("#D55E00", "✘", "opposes"),
    "conditional": ("#E69F00", "◐", "conditional"),
    "ambiguous": ("#BBBBBB", "?", "ambiguous"),
}


@pytest.mark.parametrize("stance", list(STANCES))
def test_stance_colour_symbol_and_words_are_pinned(stance):
    colour, symbol, words = STANCES[stance]
    assert STANCE_STYLE[stance] == (colour, symbol)
    assert STANCE_TEXT[stance] == words
    assert stance_label(stance) == f"{symbol} {words}"
    badge = stance_badge_html(stance)
    assert f"background:{colour}" in badge and f">{symbol} {words}<" in badge


def test_supports_is_a_tick_and_opposes_a_cross():
    assert stance_label("supports") == "✔ supports"
    assert stance_label("opposes") == "✘ opposes"


def test_matrix_legend_pairs_each_symbol_with_its_stance(tmp_path, monkeypatch):
    monkeypatch.setenv("LANDSCAPE_DATA", str(write(tmp_path, base())))
    app = open_page("matrix")
    legend = next(caption.value for caption in app.caption if caption.value.startswith("Legend"))
    for _colour, symbol, words in STANCES.values():
        assert f"{symbol} {words}" in legend.replace("\\", "")


def _two_citation_position() -> dict:
    data = base()
    data["positions"][0]["citations"] = [citation(DP_QUOTES[0]), citation(DP_QUOTES[1])]
    return data


def test_csv_download_keeps_every_citation_of_a_position(tmp_path):
    rows = explorer_view(frames_of(tmp_path, _two_citation_position()), Selection(), (), (), "")
    frames = frames_of(tmp_path, _two_citation_position())
    table = list(csv.DictReader(io.StringIO(rows_as_csv(rows, frames, "http://app").decode("utf-8-sig"))))
    assert [row["Quote"] for row in table] == [DP_QUOTES[0], DP_QUOTES[1]]  # one row per quote, none dropped


def test_json_download_keeps_every_citation_of_a_position(tmp_path):
    rows = explorer_view(frames_of(tmp_path, _two_citation_position()), Selection(), (), (), "")
    [record] = json.loads(rows_as_json(rows))
    assert record["citations"] == [citation(DP_QUOTES[0]), citation(DP_QUOTES[1])]


def test_export_keeps_the_citations_of_every_statement(tmp_path):
    data = _two_citation_position()
    exported = export_dict(load(tmp_path, data))
    [answer] = exported["viewpoints"][0]["answers"]
    assert answer["citations"] == data["viewpoints"][0]["answers"][0]["citations"]
    assert answer["citations"]  # viewpoint answers are exported with their citations
    assert exported["viewpoints"][0]["citations"] == data["viewpoints"][0]["citations"]
    assert exported["positions"][0]["citations"] == data["positions"][0]["citations"]
    assert exported["events"][0]["citations"] == [dict(c) for c in data["events"][0]["citations"]]


def _unknown_bibliography() -> dict:
    data = base()
    for name in ("title", "outlet", "author", "published", "url"):
        data["sources"][0][name] = {"value": None, "basis": "unknown"}
    return data


def test_unknown_source_fields_are_unknown_in_the_frames_and_panels(tmp_path):
    frames = frames_of(tmp_path, _unknown_bibliography())
    assert not any(known(value) for value in frames.sources.loc[0, ["title", "outlet", "author", "published", "url"]])
    [panel] = source_panels_view(frames, Selection()).panels
    assert panel.title == "Title unknown"
    assert [(name, value) for name, value, _ in panel.facts] == [
        ("Outlet", "unknown"), ("Author", "unknown"), ("Published", "unknown"), ("URL", "unknown"),
    ]


def _text_of(app) -> str:
    return "\n".join(drawn_text(app) + drawn_text(app, "sidebar"))


NONE_SHOWN = re.compile(r"\bNone\b|\bnan\b|<NA>")


def test_unknown_source_fields_are_never_shown_as_none_on_the_sources_page(tmp_path, monkeypatch):
    monkeypatch.setenv("LANDSCAPE_DATA", str(write(tmp_path, _unknown_bibliography())))
    app = open_page("sources")
    assert not app.exception
    text = _text_of(app)
    assert not NONE_SHOWN.search(text), text
    assert "Title unknown" in text
    for name in ("Outlet", "Author", "Published", "URL"):
        assert f"**{name}:** unknown" in text


def test_unknown_author_and_date_are_never_shown_as_none_on_the_overview(tmp_path, monkeypatch):
    data = base()
    for name in ("author", "published", "url"):
        data["sources"][0][name] = {"value": None, "basis": "unknown"}
    monkeypatch.setenv("LANDSCAPE_DATA", str(write(tmp_path, data)))
    app = open_page("overview")
    assert not app.exception
    text = _text_of(app)
    assert not NONE_SHOWN.search(text), text
    assert "date unknown" in text


def test_unknown_title_and_outlet_are_never_shown_as_none_on_the_overview(tmp_path, monkeypatch):
    monkeypatch.setenv("LANDSCAPE_DATA", str(write(tmp_path, _unknown_bibliography())))
    app = open_page("overview")
    assert not app.exception
    assert not NONE_SHOWN.search(_text_of(app))


# --- the explorer's date filter ------------------------------------------------------------------


def _three_precisions() -> dict:
    data = base()  # p1 is dated to the month (2025-08)
    add(data, "positions", id="p-day", as_of="2025-08-05", summary="Dated to the day.")
    add(data, "positions", id="p-year", as_of="2025", summary="Dated to the year.")
    return data


def test_explorer_date_filter_keeps_positions_whose_month_or_year_overlaps(tmp_path):
    data = _three_precisions()
    assert data["positions"][0]["as_of"] == "2025-08"
    positions = frames_of(tmp_path, data).positions
    inside_the_month = explorer_rows(positions, period=(dt.date(2025, 8, 10), dt.date(2025, 8, 20)))
    assert sorted(inside_the_month["id"]) == ["p-year", "p1"]
    whole_span = explorer_rows(positions, period=(dt.date(2025, 1, 1), dt.date(2025, 12, 31)))
    assert sorted(whole_span["id"]) == ["p-day", "p-year", "p1"]
    later = explorer_rows(positions, period=(dt.date(2025, 9, 1), dt.date(2025, 9, 30)))
    assert list(later["id"]) == ["p-year"]


def test_explorer_page_date_filter_keeps_month_precision_positions(tmp_path, monkeypatch):
    monkeypatch.setenv("LANDSCAPE_DATA", str(write(tmp_path, _three_precisions())))
    app = open_page("positions")
    assert not app.exception
    assert len(app.dataframe[0].value) == 3  # the default period spans every position
    app.date_input(key="dates").set_value((dt.date(2025, 8, 10), dt.date(2025, 8, 20))).run()
    assert not app.exception
    assert sorted(app.dataframe[0].value["Summary"]) == ["Dated to the year.", data_summary()]


def data_summary() -> str:
    return base()["positions"][0]["summary"]


# --- highlights ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "quote",
    [
        "Until Trump envoy Steve Witkoff’s recent visit to Moscow",  # as printed
        "Until Trump envoy Steve Witkoff's recent visit to Moscow",  # straight apostrophe: a folded match
        "Until  Trump envoy\nSteve Witkoff's recent   visit to Moscow",  # white space differs too
    ],
)
def test_highlight_spans_exactly_the_quoted_words(tmp_path, quote):
    data = base()
    data["events"][0]["citations"] = [citation(quote)]
    dataset = load(tmp_path, data)
    [passage] = [passage for passage in dataset.passages if passage.owner_kind == "event"]
    assert dataset.articles["dp"].text[passage.start : passage.end] == "Until Trump envoy Steve Witkoff’s recent visit to Moscow"

"""AppTest for every page: renders without exception, with and without filters, and filters change what is shown.

AppTest runs tests/app/entry.py, which calls the same run_app() as dashboard.py from a folder
without pages/ (see README: AppTest treats an entry next to pages/ as a legacy multipage app).
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from landscape.load import DEFAULT_DATA, load_dataset

ENTRY = str(Path(__file__).parent / "app" / "entry.py")
PAGES = ["overview", "matrix", "timeline", "sources", "positions"]
TITLES = {"overview": "Negotiation Landscape", "matrix": "Issue matrix", "timeline": "Timeline", "sources": "Sources",
          "positions": "Positions explorer"}  # fmt: skip


def open_page(page: str, query: dict[str, list[str] | str] | None = None) -> AppTest:
    app = AppTest.from_file(ENTRY, default_timeout=60)
    for key, value in (query or {}).items():
        app.query_params[key] = value
    app.run()
    if page != "overview":
        app.switch_page(f"../../pages/{page}.py").run()
    return app


def markdown_text(app: AppTest) -> str:
    return "\n".join(element.value for element in app.markdown)


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_without_exception(page):
    app = open_page(page)
    assert not app.exception
    assert app.title[0].value == TITLES[page]


def linked_filters() -> tuple[list[str], list[str], list[object]]:
    """Two parties and two issues taken from the data (ids change as it is curated), and their positions."""
    data = load_dataset(DEFAULT_DATA).landscape
    parties = list(dict.fromkeys(position.party for position in data.positions))[:2]
    issues = list(dict.fromkeys(p.issue for party in parties for p in data.positions if p.party == party))[:2]
    chosen = [p for p in data.positions if p.party in parties and p.issue in issues]
    return parties, issues, chosen


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_with_filters_from_the_link(page):
    parties, issues, chosen = linked_filters()
    data = load_dataset(DEFAULT_DATA).landscape
    party_names = [party.name for party in data.parties if party.id in parties]
    issue_names = {issue.name for issue in data.issues if issue.id in issues}
    app = open_page(page, {"party": parties, "issue": issues})
    assert not app.exception
    assert app.multiselect(key="party").value == parties
    assert app.multiselect(key="issue").value == issues
    if page == "overview":  # the counts are the chosen positions'
        assert int(app.metric[0].value) == len(chosen) < len(data.positions)
    elif page == "matrix":  # one column per chosen party, one row per chosen issue
        table = app.dataframe[0].value
        assert list(table.columns[2:]) == party_names and set(table["Issue"]) == issue_names
    elif page == "timeline":  # every position row drawn is a chosen party's, on a chosen issue
        figure = json.loads(app.get("plotly_chart")[0].proto.spec)
        rows = {label for trace in figure["data"] for label in trace.get("y") or [] if label and " · " in label}
        drawn = {(html.escape(party, quote=False), html.escape(issue, quote=False)) for party in party_names for issue in issue_names}
        assert rows and all(tuple(row.split(" · ", 1)) in drawn for row in rows), rows
    elif page == "positions":  # exactly the chosen positions
        table = app.dataframe[0].value
        assert len(table) == len(chosen) and set(table["Party"]) <= set(party_names) and set(table["Issue"]) <= issue_names


def test_party_filter_narrows_the_overview_counts():
    everything = open_page("overview")
    russia = open_page("overview", {"party": "russia"})
    total = int(everything.metric[0].value)
    only_russia = int(russia.metric[0].value)
    assert 0 < only_russia < total
    assert russia.metric[1].value == "1"


def test_filter_widget_changes_the_matrix_columns():
    app = open_page("matrix")
    columns = list(app.dataframe[0].value.columns)
    assert "Ukraine" in columns and "Russia" in columns
    app.multiselect(key="party").set_value(["russia"]).run()
    columns = list(app.dataframe[0].value.columns)
    assert "Russia" in columns and "Ukraine" not in columns


def test_issue_filter_keeps_only_those_matrix_rows():
    app = open_page("matrix", {"issue": ["ukraine-nato", "sanctions"]})
    assert sorted(app.dataframe[0].value["Issue"]) == ["New sanctions on Russia", "Ukraine in NATO"]


def test_source_filter_narrows_the_explorer_rows():
    everything = open_page("positions")
    filtered = open_page("positions", {"source": "defense-priorities"})
    assert 0 < len(filtered.dataframe[0].value) < len(everything.dataframe[0].value)


def test_explorer_search_finds_quotes_and_summaries():
    app = open_page("positions")
    app.text_input(key="explorer_search").input("Tomahawks").run()
    table = app.dataframe[0].value
    positions = load_dataset(DEFAULT_DATA).landscape.positions
    expected = [
        p for p in positions if "tomahawks" in " ".join([p.summary, p.speaker or "", *(c.quote for c in p.citations)]).casefold()
    ]
    assert 0 < len(table) == len(expected) < len(positions)


def test_unknown_ids_in_the_link_are_dropped_with_a_notice():
    app = open_page("overview", {"party": ["nobody", "russia"], "colour": "red"})
    assert not app.exception
    assert app.multiselect(key="party").value == ["russia"]
    notice = "\n".join(caption.value for caption in app.sidebar.caption)
    assert "nobody" in notice and "colour" in notice


def test_reader_opens_at_the_linked_passage():
    passages = load_dataset(DEFAULT_DATA).passages
    cite = next(index for index, passage in enumerate(passages) if passage.source == "splinter")
    app = open_page("sources", {"read": "splinter", "cite": str(cite)})
    assert not app.exception
    assert f"Cited passage [{cite}]" in markdown_text(app)
    assert app.selectbox[0].value == "splinter"


def test_reader_refuses_a_passage_of_another_article():
    passages = load_dataset(DEFAULT_DATA).passages
    cite = next(index for index, passage in enumerate(passages) if passage.source == "new-yorker")
    app = open_page("sources", {"read": "splinter", "cite": str(cite)})
    assert not app.exception
    assert "Cited passage" not in markdown_text(app)
    assert any("not a passage of this article" in caption.value for caption in app.caption)


def test_broken_data_file_shows_an_error_page_not_a_traceback(monkeypatch, write_yaml, small_yaml):
    monkeypatch.setenv("LANDSCAPE_DATA", str(write_yaml(small_yaml.replace("stance: opposes", "stance: hates"))))
    app = open_page("overview")
    assert not app.exception
    assert "cannot be shown" in app.error[0].value
    assert "stance" in app.code[0].value and ":27:" in app.code[0].value
    assert not app.metric  # nothing half-loaded


@pytest.mark.parametrize("cite", ["abc", "-1", "99999999", "1" * 40])
def test_malformed_reader_passage_is_a_notice_not_an_error(cite):
    app = open_page("sources", {"read": "new-yorker", "cite": cite})
    assert not app.exception
    assert any("passage number" in caption.value for caption in app.caption)

"""Every page under AppTest shows only what the link's filters chose, on a small data set built for it.

Two parties, two issues, two sources; each party holds a position on one issue and takes part in one
event. With ?party=ukraine&issue=issue-b every page must show Ukraine's and nothing of Russia's.
"""

from __future__ import annotations

import json

import pytest
from builders import OTHER_QUOTE, add, add_issue, add_other_source, add_party, base, citation, drawn_text, open_page, write


@pytest.fixture
def two_sides(tmp_path, monkeypatch):
    data = base()
    add_party(data, "ukraine", "Ukraine")
    add_issue(data, "issue-b", "Issue B")
    add_other_source(data)
    data["positions"][0]["summary"] = "Russia's position on issue A."
    data["events"][0].update(title="Russia's event on issue A", issues=[data["issues"][0]["id"]])
    add(
        data,
        "positions",
        id="p-ukraine",
        party="ukraine",
        issue="issue-b",
        summary="Ukraine's position on issue B.",
        citations=[citation(OTHER_QUOTE, source="other")],
    )
    add(data, "events", id="e-ukraine", title="Ukraine's event on issue B", parties=["ukraine"], issues=["issue-b"])
    monkeypatch.setenv("LANDSCAPE_DATA", str(write(tmp_path, data)))
    return data


UKRAINE_B = {"party": "ukraine", "issue": "issue-b"}


def text_of(app) -> str:
    return "\n".join(drawn_text(app))


def test_overview_counts_and_events_are_filtered(two_sides):
    app = open_page("overview", UKRAINE_B)
    assert not app.exception
    metrics = {metric.label: metric.value for metric in app.metric}
    assert (metrics["Positions"], metrics["Parties"], metrics["Issues covered"], metrics["Events"]) == ("1", "1", "1", "1")
    assert "Ukraine's event on issue B" in text_of(app) and "Russia's event" not in text_of(app)
    everything = open_page("overview")
    assert {metric.label: metric.value for metric in everything.metric}["Positions"] == "2"


def test_matrix_shows_only_the_chosen_party_columns_and_issue_rows(two_sides):
    app = open_page("matrix", UKRAINE_B)
    assert not app.exception
    table = app.dataframe[0].value
    assert list(table["Issue"]) == ["Issue B"]
    assert "Ukraine" in table.columns and "Russia" not in table.columns
    everything = open_page("matrix").dataframe[0].value
    assert sorted(everything["Issue"]) == sorted([two_sides["issues"][0]["name"], "Issue B"])
    assert {"Russia", "Ukraine"} <= set(everything.columns)


def test_timeline_draws_and_lists_only_the_chosen_rows_and_events(two_sides):
    app = open_page("timeline", UKRAINE_B)
    assert not app.exception
    app.session_state["timeline_events"] = True  # open the events' list, drawn only when open
    app.run()
    text = text_of(app)
    assert "Events in this period (1)" in text and "Ukraine's event on issue B" in text and "Russia's event" not in text
    figure = json.loads(app.get("plotly_chart")[0].proto.spec)
    assert figure["layout"]["yaxis"]["ticktext"] == ["Events", "Ukraine"]  # one row per party: only the chosen one
    hovers = [text for trace in figure["data"] for text in trace.get("customdata") or []]
    assert any("Ukraine · Issue B" in hover for hover in hovers) and not any("Russia" in hover for hover in hovers)


def test_positions_explorer_lists_only_the_chosen_positions(two_sides):
    app = open_page("positions", UKRAINE_B)
    assert not app.exception
    table = app.dataframe[0].value
    assert list(table["Summary"]) == ["Ukraine's position on issue B."]
    assert "1 of 2 positions" in text_of(app)


def test_positions_explorer_source_filter(two_sides):
    table = open_page("positions", {"source": "other"}).dataframe[0].value
    assert list(table["Party"]) == ["Ukraine"]


def test_sources_page_shows_only_the_chosen_source(two_sides):
    app = open_page("sources", {"source": "other"})
    assert not app.exception
    assert [subheader.value for subheader in app.subheader] == ["Another article"]
    assert len(open_page("sources").subheader) == 2


@pytest.mark.parametrize("group", ["Security", "security"])  # the name the widget shows, or an earlier link's code
def test_an_issue_group_in_the_link_shows_every_issue_of_that_group_and_the_line_above_says_so(two_sides, tmp_path, monkeypatch, group):
    two_sides["issues"][1]["group"] = "security"
    monkeypatch.setenv("LANDSCAPE_DATA", str(write(tmp_path, two_sides, "grouped.yaml")))
    app = open_page("matrix", {"group": group})
    assert not app.exception
    assert list(app.dataframe[0].value["Issue"]) == ["Issue B"]
    assert app.query_params["group"] in ("Security", ["Security"])  # the link carries the group's name
    assert "**Filtered view** · all parties · issues: the Security group · all sources" in text_of(app)
    assert "Showing everything" in text_of(open_page("matrix"))


def test_a_group_and_an_issue_picked_together_show_both(two_sides, tmp_path, monkeypatch):
    two_sides["issues"][1]["group"] = "security"
    monkeypatch.setenv("LANDSCAPE_DATA", str(write(tmp_path, two_sides, "grouped.yaml")))
    app = open_page("matrix", {"group": "Security", "issue": two_sides["issues"][0]["name"], "party": "Ukraine"})
    assert sorted(app.dataframe[0].value["Issue"]) == sorted([two_sides["issues"][0]["name"], "Issue B"])
    assert f"parties: Ukraine · issues: the Security group, {two_sides['issues'][0]['name']} · all sources" in text_of(app)

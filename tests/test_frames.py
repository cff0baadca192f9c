"""landscape.frames: joins, filters and the matrix aggregation, checked against the data."""

from __future__ import annotations

import re

import pytest

from landscape.cells import Cell, Verdict
from landscape.frames import (
    STANCE_STYLE,
    Selection,
    build_frames,
    cell_colours,
    cell_label,
    cell_status,
    filter_events,
    filter_positions,
    matrix_table,
    stance_matrix,
)
from landscape.load import DEFAULT_DATA, load_dataset


def independent_fold(text: str) -> str:
    """Written apart from landscape.quotes: straighten typography, drop all white space."""
    for curly, straight in (("‘", "'"), ("’", "'"), ("“", '"'), ("”", '"'), ("–", "-"), ("—", "-"), ("…", "...")):
        text = text.replace(curly, straight)
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def real():
    dataset = load_dataset(DEFAULT_DATA)
    return dataset, build_frames(dataset)


def test_positions_frame_has_one_joined_row_per_position(real):
    dataset, frames = real
    assert list(frames.positions["id"]) == [p.id for p in dataset.landscape.positions]
    names = {party.id: party.name for party in dataset.landscape.parties}
    assert all(frames.positions["party_name"] == frames.positions["party"].map(names))


def test_month_precision_spans_the_whole_month(real):
    _, frames = real
    month = frames.positions[frames.positions["as_of"].str.len() == 7].iloc[0]
    assert month["as_of_precision"] == "month"
    assert month["as_of_start"].day == 1 and (month["as_of_end"] + __import__("pandas").Timedelta(days=1)).day == 1


def test_every_cited_passage_points_at_its_quote(real):
    dataset, frames = real
    misplaced = []
    for row in frames.citations.itertuples():
        text = dataset.articles[row.source].text[row.start : row.end]
        if independent_fold(text) != independent_fold(row.quote):
            misplaced.append((row.cite, row.quote, text))
    assert len(frames.citations) > 0
    assert misplaced == []  # the highlighted words are the quoted words, every one of them


def test_filters_combine(real):
    _, frames = real
    selection = Selection(parties=("russia",), issues=("ukraine-nato", "european-force"))
    chosen = filter_positions(frames.positions, selection)
    assert len(chosen) > 0
    assert set(chosen["party"]) == {"russia"} and set(chosen["issue"]) <= {"ukraine-nato", "european-force"}
    by_source = filter_positions(frames.positions, Selection(sources=("splinter",)))
    assert all("splinter" in sources for sources in by_source["source_list"])
    events = filter_events(frames.events, Selection(parties=("europe",)))
    assert 0 < len(events) < len(frames.events) and all("europe" in ids for ids in events["parties"])


def test_cell_status_shows_the_verdict_not_the_labels():
    def cell(verdict, stance=None):
        return Cell("russia", "x", verdict, stance, "firm", {}, False, (), ())

    assert cell_status(None) == "none"
    assert cell_status(cell(Verdict.AGREE, "supports")) == "supports"
    assert cell_status(cell(Verdict.DISAGREE)) == "conflicting"
    assert cell_status(cell(Verdict.MIXED)) == "mixed"


def test_cell_label_names_stance_certainty_sources_and_change():
    cell = Cell("russia", "x", Verdict.CHANGED, "opposes", "hedged", {"a": ("opposes",), "b": ("opposes",)}, True, ("p2",), ("p1",))
    assert cell_label(cell) == "✘ opposes ↻ · hedged · 2 sources"
    assert cell_label(Cell("russia", "x", Verdict.SINGLE, "supports", "firm", {"a": ("supports",)}, False, ("p",), ())) == "✔ supports · 1 source"
    assert cell_label(None) == "· not covered"


def test_matrix_counts_match_positions_and_superseded_history_is_not_a_conflict(real):
    dataset, frames = real
    matrix = stance_matrix(frames.positions, frames.parties, frames.issues)
    assert len(matrix) == len(frames.parties) * len(frames.issues)
    assert matrix["count"].sum() == len(dataset.landscape.positions)
    superseded = [p for p in dataset.landscape.positions if p.supersedes]
    assert superseded, "the data records at least one change of position"
    for later in superseded:
        cell = matrix[(matrix["issue"] == later.issue) & (matrix["party"] == later.party)].iloc[0]
        assert cell["changed"]
        assert "↻" in cell["label"]
    conflicts = matrix[matrix["status"] == "conflicting"]
    assert (conflicts["verdict"] == "disagree").all() and (conflicts["sources"] >= 2).all()


def test_hedged_cells_are_paler_and_every_cell_ink_meets_contrast():
    from landscape.frames import _luminance

    for status in STANCE_STYLE:
        for certainty in ("firm", "hedged"):
            background, ink = cell_colours(status, certainty)
            light, dark = sorted([_luminance(background), _luminance(ink)])
            assert (dark + 0.05) / (light + 0.05) >= 4.5, (status, certainty)
    assert cell_colours("supports", "hedged")[0] != cell_colours("supports", "firm")[0]


def test_matrix_table_keeps_issue_order_and_party_columns(real):
    _, frames = real
    table = matrix_table(stance_matrix(frames.positions, frames.parties, frames.issues))
    assert list(table["issue"]) == list(frames.issues["id"])
    assert list(table.columns[3:]) == list(frames.parties["name"])

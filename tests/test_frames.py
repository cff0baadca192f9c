"""landscape.frames: joins, filters and the matrix aggregation, checked against the data."""

from __future__ import annotations

import re

import pytest

from landscape.frames import Selection, build_frames, cell_status, filter_events, filter_positions, matrix_table, stance_matrix
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


def test_cell_status_marks_disagreement_as_conflicting():
    assert cell_status([]) == "none"
    assert cell_status(["supports", "supports"]) == "supports"
    assert cell_status(["supports", "opposes"]) == "conflicting"


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
        current = [p.stance.value for p in dataset.landscape.positions
                   if (p.issue, p.party) == (later.issue, later.party) and p.id not in {q.supersedes for q in superseded}]  # fmt: skip
        assert cell["status"] == cell_status(current)


def test_matrix_table_keeps_issue_order_and_party_columns(real):
    _, frames = real
    table = matrix_table(stance_matrix(frames.positions, frames.parties, frames.issues))
    assert list(table["issue"]) == list(frames.issues["id"])
    assert list(table.columns[3:]) == list(frames.parties["name"])

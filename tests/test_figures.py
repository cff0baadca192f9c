"""landscape.figures: the figures' data match the positions they draw."""

from __future__ import annotations

import pytest

from landscape.figures import stance_matrix_figure, timeline_figure
from landscape.frames import STANCE_STYLE, build_frames, stance_matrix
from landscape.load import DEFAULT_DATA, load_dataset


@pytest.fixture(scope="module")
def frames():
    return build_frames(load_dataset(DEFAULT_DATA))


def test_matrix_figure_is_one_trace_with_a_symbol_per_cell(frames):
    matrix = stance_matrix(frames.positions, frames.parties, frames.issues)
    figure = stance_matrix_figure(matrix)
    assert len(figure.data) == 1
    heatmap = figure.data[0]
    assert list(heatmap.x) == list(frames.parties["name"])
    assert len(heatmap.y) == len(frames.issues)
    symbols = {symbol for _, symbol in STANCE_STYLE.values()}
    assert all(cell.rstrip("↻") in symbols for row in heatmap.text for cell in row)
    for cell in matrix.sample(20, random_state=1).itertuples():
        row, column = list(frames.issues["name"]).index(cell.issue_name), list(frames.parties["name"]).index(cell.party_name)
        assert heatmap.text[row][column] == STANCE_STYLE[cell.status][1] + ("↻" if cell.changed else "")
        assert heatmap.customdata[row][column] == cell.label


def test_timeline_draws_every_position_once_and_fuzzy_dates_as_spans(frames):
    figure = timeline_figure(frames.positions, frames.events)
    markers = [trace for trace in figure.data if trace.mode == "markers"]
    assert sum(len(trace.x) for trace in markers) == len(frames.positions) + len(frames.events)
    spans = [trace for trace in figure.data if trace.mode == "lines"]
    fuzzy = (frames.positions["as_of_precision"] != "day").sum() + (frames.events["precision"] != "day").sum()
    assert sum(len(trace.x) for trace in spans) == 3 * fuzzy  # start, end, gap
    assert len(figure.data) <= 12  # one trace per stance, not per position


def test_hover_text_is_escaped(frames):
    positions = frames.positions.head(1).assign(summary="<img src=x onerror=alert(1)>")
    figure = timeline_figure(positions, frames.events.head(0))
    hover = next(trace for trace in figure.data if trace.mode == "markers").customdata[0]
    assert "<img" not in hover and "&lt;img" in hover

"""landscape.figures: the figures' data match the positions they draw."""

from __future__ import annotations

import itertools

import pandas as pd
import pytest

from landscape.figures import MAX_STACK, stance_matrix_figure, timeline_figure
from landscape.frames import STANCE_STYLE, build_frames, stance_matrix
from landscape.load import DEFAULT_DATA, load_dataset


@pytest.fixture(scope="module")
def frames():
    return build_frames(load_dataset(DEFAULT_DATA))


def contrast(one: str, other: str) -> float:
    from landscape.frames import _luminance

    light, dark = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_matrix_figure_is_one_heatmap_with_a_symbol_per_cell_in_an_ink_that_reads(frames):
    matrix = stance_matrix(frames.positions, frames.parties, frames.issues)
    figure = stance_matrix_figure(matrix)
    assert len(figure.data) == 2  # the colours, and their symbols as text
    heatmap, symbols = figure.data
    assert list(heatmap.x) == list(frames.parties["name"])
    assert len(heatmap.y) == len(frames.issues)
    shown = {(x, y): (text, ink) for x, y, text, ink in zip(symbols.x, symbols.y, symbols.text, symbols.textfont.color, strict=True)}
    assert len(shown) == len(frames.issues) * len(frames.parties)
    for cell in matrix.itertuples():
        row, column = list(frames.issues["name"]).index(cell.issue_name), list(frames.parties["name"]).index(cell.party_name)
        text, ink = shown[(cell.party_name, cell.issue_name)]
        assert text == STANCE_STYLE[cell.status][1] + ("↻" if cell.changed else "")
        assert contrast(ink, STANCE_STYLE[cell.status][0]) >= 4.5  # WCAG AA
        assert heatmap.customdata[row][column] == cell.label


PERIOD = (pd.Timestamp("2025-01-01"), pd.Timestamp("2025-12-31"))


def test_timeline_draws_every_position_and_event_once_in_its_party_row(frames):
    positions = frames.positions[frames.positions["as_of_precision"] != "year"]
    events = frames.events[frames.events["precision"] != "year"]
    figure = timeline_figure(positions, events, PERIOD)
    markers = [trace for trace in figure.data if trace.mode == "markers"]
    assert sum(len(trace.x) for trace in markers) == len(positions) + len(events)
    assert len(figure.data) <= 5  # one trace per stance and one for events, not per position
    rows = dict(zip(figure.layout.yaxis.ticktext, figure.layout.yaxis.tickvals, strict=True))
    assert list(rows) == ["Events", *sorted(positions["party_name"].unique())]
    placed = []
    for stance in ("supports", "conditional", "ambiguous", "opposes"):
        trace = next(trace for trace in markers if stance in trace.name)
        placed += zip(positions.loc[positions["stance"] == stance, "party_name"], trace.y, strict=True)
    spans = {party: (min(y for p, y in placed if p == party), max(y for p, y in placed if p == party)) for party in rows if party != "Events"}
    ordered = list(spans.values())
    for (_, top_of_one), (bottom_of_next, _) in itertools.pairwise(ordered):
        assert top_of_one < bottom_of_next  # rows never overlap: each mark sits in its own party's row
    for party, (low, high) in spans.items():
        assert low <= rows[party] <= high + 3


def test_month_dates_are_hollow_marks_over_a_band_and_day_dates_solid(frames):
    positions = frames.positions[frames.positions["as_of_precision"] != "year"]
    figure = timeline_figure(positions, frames.events.head(0), PERIOD)
    symbols = [symbol for trace in figure.data for symbol in trace.marker.symbol]
    precisions = [p for stance in ("supports", "conditional", "ambiguous", "opposes") for p in positions.loc[positions["stance"] == stance, "as_of_precision"]]
    assert [symbol.endswith("-open") for symbol in symbols] == [precision == "month" for precision in precisions]
    months = {(row.party_name, row.as_of) for row in positions.itertuples() if row.as_of_precision == "month"}
    assert len(figure.layout.shapes) == len(months)


def test_hover_text_is_escaped(frames):
    positions = frames.positions.head(1).assign(summary="<img src=x onerror=alert(1)>")
    figure = timeline_figure(positions, frames.events.head(0), PERIOD)
    hover = next(trace for trace in figure.data if trace.mode == "markers").customdata[0]
    assert "<img" not in hover and "&lt;img" in hover


def test_the_overview_heatmap_is_paler_exactly_where_the_matrix_is(frames):
    matrix = stance_matrix(frames.positions, frames.parties, frames.issues)
    heatmap = stance_matrix_figure(matrix).data[0]
    issues, parties = list(frames.issues["name"]), list(frames.parties["name"])
    pale = matrix["certainty"].isin(["hedged", "inferred"])
    assert pale.any() and (~pale & (matrix["status"] != "none")).any()
    for cell, is_pale in zip(matrix.itertuples(), pale, strict=True):
        code = heatmap.z[issues.index(cell.issue_name)][parties.index(cell.party_name)]
        assert code % 2 == int(is_pale), cell.label


@pytest.mark.parametrize("on_one_day", [MAX_STACK, MAX_STACK + 1, 5 * MAX_STACK])
def test_a_crowded_day_draws_a_stack_of_at_most_max_stack_marks_and_counts_the_rest(frames, on_one_day):
    one = frames.positions[frames.positions["as_of_precision"] == "day"].head(1)
    positions = pd.concat([one] * on_one_day, ignore_index=True).assign(id=[f"p{index}" for index in range(on_one_day)])
    figure = timeline_figure(positions, frames.events.head(0), PERIOD)
    marks = sum(len(trace.x) for trace in figure.data if trace.mode == "markers")
    more = [trace for trace in figure.data if trace.mode == "text"]
    if on_one_day <= MAX_STACK:
        assert marks == on_one_day and not more
    else:
        assert marks == MAX_STACK - 1
        assert list(more[0].text) == [f"+{on_one_day - MAX_STACK + 1}"]
        assert more[0].customdata[0].startswith(f"{on_one_day - MAX_STACK + 1} more on this day")
        assert max(more[0].y) > max(y for trace in figure.data if trace.mode == "markers" for y in trace.y)  # on top of the stack
    assert figure.layout.height == timeline_figure(pd.concat([one] * MAX_STACK), frames.events.head(0), PERIOD).layout.height

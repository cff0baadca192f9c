"""landscape.figures: the figures' data match the positions they draw."""

from __future__ import annotations

import itertools

import pandas as pd
import pytest
from builders import DP_QUOTES, add, add_issue, add_party, base, citation, frames_of

from landscape.figures import INK, MAX_STACK, _hover, _wrap, matrix_points, stance_matrix_figure, timeline_figure
from landscape.frames import stance_matrix
from landscape.vocabulary import CELL_STATUS, cell_colours


@pytest.fixture
def frames(real_frames):
    return real_frames


def contrast(one: str, other: str) -> float:
    from landscape.vocabulary import _luminance

    light, dark = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_matrix_figure_is_one_heatmap_with_a_symbol_per_cell_in_an_ink_that_reads(frames):
    matrix = stance_matrix(frames.positions, frames.parties, frames.issues)
    figure = stance_matrix_figure(matrix)
    assert len(figure.data) == 2  # the colours, and their symbols as text
    heatmap, symbols = figure.data
    assert list(heatmap.x) == list(frames.parties["name"])
    assert len(heatmap.y) == len(frames.issues)
    shown = {
        (x, y): (text, ink, data) for x, y, text, ink, data in zip(symbols.x, symbols.y, symbols.text, symbols.textfont.color, symbols.customdata, strict=True)
    }
    assert len(shown) == len(frames.issues) * len(frames.parties)
    for cell in matrix.itertuples():
        text, ink, hover = shown[(cell.party_name, cell.issue_name)]
        assert text == CELL_STATUS[cell.status].symbol + ("↻" if cell.changed else "")
        assert contrast(ink, CELL_STATUS[cell.status].colour) >= 4.5  # WCAG AA
        assert hover == cell.label


PERIOD = (pd.Timestamp("2025-01-01"), pd.Timestamp("2025-12-31"))


def test_timeline_draws_every_position_and_event_once_in_its_party_row(frames):
    positions = frames.positions[frames.positions["as_of_precision"] != "year"]
    events = frames.events[frames.events["precision"] != "year"]
    figure = timeline_figure(positions, events, PERIOD)
    drawn = list(markers(figure).values())
    assert sum(len(trace.x) for trace in drawn) == len(positions) + len(events)
    assert len(drawn) <= 5 and len(figure.data) <= 12  # one trace per stance and one for events (and their legend), not per position
    rows = dict(zip(figure.layout.yaxis.ticktext, figure.layout.yaxis.tickvals, strict=True))
    assert list(rows) == ["Events", *sorted(positions["party_name"].unique())]
    placed = []
    for stance in ("supports", "conditional", "ambiguous", "opposes"):
        trace = next(trace for trace in drawn if stance in trace.name)
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
    symbols = [symbol for trace in markers(figure).values() for symbol in trace.marker.symbol]
    precisions = [p for stance in ("supports", "conditional", "ambiguous", "opposes") for p in positions.loc[positions["stance"] == stance, "as_of_precision"]]
    assert [symbol.endswith("-open") for symbol in symbols] == [precision in ("month", "window") for precision in precisions]
    months = {(row.party_name, row.as_of) for row in positions.itertuples() if row.as_of_precision in ("month", "window")}
    assert len(figure.layout.shapes) == len(months)


def test_hover_text_is_escaped(frames):
    positions = frames.positions.head(1).assign(summary="<img src=x onerror=alert(1)>")
    figure = timeline_figure(positions, frames.events.head(0), PERIOD)
    hover = next(iter(markers(figure).values())).customdata[0]
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
    marks = sum(len(trace.x) for trace in markers(figure).values())
    more = [trace for trace in figure.data if trace.mode == "text"]
    if on_one_day <= MAX_STACK:
        assert marks == on_one_day and not more
    else:
        assert marks == MAX_STACK - 1
        assert list(more[0].text) == [f"+{on_one_day - MAX_STACK + 1}"]
        assert more[0].customdata[0].startswith(f"{on_one_day - MAX_STACK + 1} more on this day")
        assert max(more[0].y) > max(y for trace in markers(figure).values() for y in trace.y)  # on top of the stack
    assert figure.layout.height == timeline_figure(pd.concat([one] * MAX_STACK), frames.events.head(0), PERIOD).layout.height


# --- small data: what a reader hovers over, where marks and bands sit, how the axis is ticked -----------


@pytest.fixture
def small(tmp_path):
    """One party (Russia), one position dated to the month (August 2025, opposes), one event on a day (6 August)."""
    return frames_of(tmp_path, base())


def markers(figure) -> dict[str, object]:
    """The traces that draw marks (the legend's own entries draw none)."""
    return {trace.name: trace for trace in figure.data if trace.mode == "markers" and trace.showlegend is False}


def legend(figure) -> dict[str, object]:
    return {trace.name: trace for trace in figure.data if trace.showlegend is not False and trace.mode == "markers"}


def test_the_timeline_legend_shows_each_stance_by_its_colour_solid_and_says_what_hollow_means(small):
    """A month-dated first mark made its stance's legend entry hollow, as if hollow were a stance: the legend is by colour."""
    figure = timeline_figure(small.positions, small.events, PERIOD)
    assert list(markers(figure)["✘ opposes"].marker.symbol) == ["circle-open"]  # the one position is dated to the month
    entries = legend(figure)
    assert list(entries) == ["event", "✘ opposes", "date known to the day", "known to a month or a window of days"]
    assert entries["✘ opposes"].marker.symbol == "circle" and entries["✘ opposes"].marker.color == CELL_STATUS["opposes"].colour
    assert entries["event"].marker.symbol == "diamond"
    assert {entries[name].marker.color for name in ("date known to the day", "known to a month or a window of days")} == {"#666666"}
    assert entries["known to a month or a window of days"].marker.symbol == "circle-open"
    assert all(list(trace.x) == [None] for trace in entries.values())  # nothing drawn: legend only


def test_hover_labels_shorten_long_text_without_cutting_an_entity():
    assert _hover("a" * 220) == "a" * 220  # at the limit: whole
    assert _hover("a" * 221) == "a" * 219 + "…"  # one over: as long as the limit, the ellipsis included
    assert _hover("a" * 215 + "&amp;" + "b" * 100) == "a" * 215 + "…"  # the cut would fall inside &amp;: before it
    assert _hover("a" * 212 + "&lt;&amp;" + "b" * 50) == "a" * 212 + "&lt;…"  # only the entity cut in two goes
    assert _hover("a" * 210 + "&amp;" + "b" * 50) == "a" * 210 + "&amp;bbbb…"  # a whole entity before the cut stays
    assert _hover("Q&amp;A " + "a" * 300) == ("Q&amp;A " + "a" * 300)[:219] + "…"
    assert _hover("a" * 100, 50) == "a" * 49 + "…"


def test_hover_lines_hold_at_most_seventy_characters_and_never_break_a_word_or_an_entity():
    assert _wrap("x" * 35 + " " + "y" * 34) == "x" * 35 + " " + "y" * 34  # 70 characters: one line
    assert _wrap("x" * 35 + " " + "y" * 35) == "x" * 35 + "<br>" + "y" * 35
    long_word = "-".join(["word"] * 20) + "&amp;" + "z" * 20  # longer than a line, with hyphens: kept whole
    assert _wrap(f"a {long_word} b") == f"a<br>{long_word}<br>b"


def test_timeline_hover_tells_who_what_when_and_quotes_the_source(small):
    figure = timeline_figure(small.positions, small.events, PERIOD)
    traces = markers(figure)
    assert list(traces) == ["event", "✘ opposes"]
    assert list(traces["✘ opposes"].customdata) == [
        "<b>Russia · New sanctions: ✘ opposes</b><br>2025-08 (month only)<br>Russia has prepared to withstand economic pressure."
        "<br>Defense Priorities: “Russia has spent years preparing itself to withstand U.S. and European<br>economic pressure”"
    ]
    assert list(traces["event"].customdata) == [
        "<b>Witkoff visits Moscow</b><br>2025-08-06<br>Defense Priorities: “Until Trump envoy Steve Witkoff’s recent visit to Moscow”"
    ]
    for name, trace in traces.items():
        assert trace.hovertemplate == "%{customdata}<extra></extra>"  # the label alone, no trace name beside it
        assert trace.legendgroup == name
    assert traces["event"].marker.color == "#333333" and list(traces["event"].marker.symbol) == ["diamond"]
    assert traces["✘ opposes"].marker.color == CELL_STATUS["opposes"].colour and list(traces["✘ opposes"].marker.symbol) == ["circle-open"]


def test_every_curated_text_in_the_timeline_is_escaped(small):
    odd = "<i>A & B</i>"
    positions = small.positions.assign(party_name=odd, issue_name=odd, summary=odd, quote=odd)
    events = small.events.assign(title=odd, quote=odd)
    figure = timeline_figure(positions, events, PERIOD)
    escaped = "&lt;i&gt;A &amp; B&lt;/i&gt;"
    for trace in markers(figure).values():
        hover = trace.customdata[0]
        assert "<i>" not in hover and hover.count(escaped) == (4 if trace.name != "event" else 2)
    assert list(figure.layout.yaxis.ticktext) == ["Events", escaped]


def test_a_month_mark_sits_mid_month_over_a_band_of_the_whole_month_and_a_day_mark_on_its_day(small):
    positions = small.positions
    events = small.events.assign(title="Later", start=pd.Timestamp("2025-08-20"), end=pd.Timestamp("2025-08-20"))
    figure = timeline_figure(positions, pd.concat([small.events, events, events], ignore_index=True), PERIOD)
    traces = markers(figure)
    [middle] = traces["✘ opposes"].x
    assert pd.Timestamp(middle) == pd.Timestamp("2025-08-16")  # halfway between 1 and 31 August
    assert [pd.Timestamp(x) for x in traces["event"].x] == [pd.Timestamp("2025-08-06"), *[pd.Timestamp("2025-08-20")] * 2]
    [band] = figure.layout.shapes
    assert band.type == "rect" and band.layer == "below" and band.fillcolor == "#eeeeee" and band.line.width == 0
    assert pd.Timestamp(band.x0) == pd.Timestamp("2025-08-01")
    assert pd.Timestamp("2025-08-31") < pd.Timestamp(band.x1) < pd.Timestamp("2025-09-01")  # through the last day, not into September
    rows = dict(zip(figure.layout.yaxis.ticktext, figure.layout.yaxis.tickvals, strict=True))
    [mark] = traces["✘ opposes"].y
    assert band.y0 < mark < band.y1 and band.y0 < rows["Russia"] < band.y1
    events_y = list(traces["event"].y)
    assert events_y[2] == events_y[1] + 1 and events_y[0] == events_y[1]  # same day: stacked, one above the other
    assert max(events_y) < band.y0  # the events' row, stacks and all, stays above the party's band
    low, high = figure.layout.yaxis.range
    assert low > band.y1 and high < min(events_y) and high < rows["Events"]  # reversed: Events on top, everything in view


def test_a_taller_stack_makes_a_taller_row_and_a_taller_figure(small):
    def laid_out(copies: int):
        events = pd.concat([small.events] * copies, ignore_index=True)
        figure = timeline_figure(small.positions, events, PERIOD)
        rows = dict(zip(figure.layout.yaxis.ticktext, figure.layout.yaxis.tickvals, strict=True))
        return rows["Russia"] - rows["Events"], figure.layout.height, list(markers(figure)["event"].y)

    gap_one, height_one, _ = laid_out(1)
    gap_three, height_three, _ = laid_out(3)  # up to three marks share the room of one row
    gap_six, height_six, stacked = laid_out(6)
    assert (gap_one, height_one) == (gap_three, height_three)
    assert gap_six > gap_one and height_six > height_one
    assert stacked == sorted(stacked) and len(set(stacked)) == 6


@pytest.mark.parametrize(
    ("days", "dtick", "tickformat", "weekly"),
    [
        (365, "M1", "%b %Y", True),
        (3 * 366, "M1", "%b %Y", True),
        (3 * 366 + 1, "M12", "%Y", False),
        (40 * 366, "M12", "%Y", False),
        (40 * 366 + 1, "M120", "%Y", False),
    ],
)
def test_the_time_axis_is_ticked_by_month_up_to_three_years_then_by_year_then_by_decade(small, days, dtick, tickformat, weekly):
    start = pd.Timestamp("1990-01-01")
    figure = timeline_figure(small.positions, small.events, (start, start + pd.Timedelta(days=days)))
    axis = figure.layout.xaxis
    assert (axis.dtick, axis.tickformat) == (dtick, tickformat)
    assert [pd.Timestamp(x) for x in axis.range] == [start, start + pd.Timedelta(days=days)]
    assert (axis.minor.dtick == 7 * 86_400_000 and axis.minor.showgrid) if weekly else axis.minor.dtick is None


def small_matrix(tmp_path):
    """Two parties by two issues: Russia opposes sanctions (firm) and supports a ceasefire (hedged); Ukraine says nothing."""
    data = base()
    add_party(data, "ukraine", "Ukraine")
    add_issue(data, "ceasefire", "Ceasefire first")
    add(
        data,
        "positions",
        id="p2",
        issue="ceasefire",
        stance="supports",
        certainty="hedged",
        summary="Russia might accept a ceasefire.",
        citations=[citation(DP_QUOTES[1])],
    )
    frames = frames_of(tmp_path, data)
    return stance_matrix(frames.positions, frames.parties, frames.issues)


def test_each_matrix_cell_is_drawn_in_the_colour_the_matrix_page_gives_it(tmp_path):
    matrix = small_matrix(tmp_path)
    heatmap = stance_matrix_figure(matrix).data[0]
    bands = len(heatmap.colorscale) // 2
    assert (heatmap.zmin, heatmap.zmax) == (0, bands) and heatmap.showscale is False  # the symbols are the legend
    starts = {position: colour for position, colour in heatmap.colorscale[::2]}
    ends = {position: colour for position, colour in heatmap.colorscale[1::2]}
    issues, parties = list(heatmap.y), list(heatmap.x)
    drawn = set()
    for cell in matrix.itertuples():
        code = heatmap.z[issues.index(cell.issue_name)][parties.index(cell.party_name)]
        colour = cell_colours(cell.status, cell.certainty)[0]
        assert starts[code / bands] == ends[(code + 1) / bands] == colour, cell.label
        drawn.add((cell.status, cell.certainty))
    assert {("opposes", "firm"), ("supports", "hedged"), ("none", "")} <= {(s, c or "") for s, c in drawn}


def test_the_matrix_hovers_issue_party_and_verdict_and_reads_from_the_top_left(tmp_path):
    matrix = small_matrix(tmp_path)
    figure = stance_matrix_figure(matrix)
    heatmap, symbols = figure.data
    # The symbols' layer carries the hover and takes the click (a heatmap cannot be selected): each point names its cell.
    assert heatmap.hoverinfo == "skip" and symbols.hovertemplate == "%{y} · %{x}: %{customdata}<extra></extra>"
    assert (symbols.mode, symbols.showlegend, symbols.marker.opacity) == ("markers+text", False, 0)
    assert figure.layout.clickmode == "event+select"
    names = {(row.issue, row.party): (row.party_name, row.issue_name) for row in matrix.itertuples()}
    assert [names[cell] for cell in matrix_points(matrix)] == list(zip(symbols.x, symbols.y, strict=True))  # a point's index names its cell
    assert figure.layout.xaxis.side == "top" and figure.layout.yaxis.autorange == "reversed"
    assert list(heatmap.y) == ["New sanctions", "Ceasefire first"] and list(heatmap.x) == ["Russia", "Ukraine"]
    assert figure.layout.xaxis.tickfont.color == figure.layout.yaxis.tickfont.color == INK
    assert figure.layout.height == 260  # a floor for a few issues


def test_the_matrix_grows_26_pixels_an_issue_beyond_a_few_and_escapes_names(tmp_path):
    matrix = small_matrix(tmp_path)
    one_issue = matrix[matrix["issue"] == "sanctions"]
    many = pd.concat([one_issue.assign(issue=f"x-{n}", issue_name=f"Issue & more <{n}>") for n in range(15)], ignore_index=True)
    figure = stance_matrix_figure(many)
    assert figure.layout.height == 26 * 15 + 60
    assert list(figure.data[0].y)[:2] == ["Issue &amp; more &lt;0&gt;", "Issue &amp; more &lt;1&gt;"]
    odd_party = stance_matrix_figure(matrix.assign(party_name=matrix["party_name"].str.replace("Ukraine", "<b>U</b>")))
    assert list(odd_party.data[0].x) == ["Russia", "&lt;b&gt;U&lt;/b&gt;"]


def test_the_timeline_labels_are_in_body_ink_with_rows_as_categories_and_time_on_top(small):
    figure = timeline_figure(small.positions, small.events, PERIOD)
    x, y, legend = figure.layout.xaxis, figure.layout.yaxis, figure.layout.legend
    assert x.tickfont.color == y.tickfont.color == legend.font.color == INK  # WCAG AA on white, unlike the theme's grey
    assert (y.showgrid, y.zeroline) == (False, False)  # rows are categories: no value grid across them
    assert (x.side, x.showgrid, x.ticks, x.showline) == ("top", True, "outside", True)
    assert (legend.orientation, legend.yanchor, legend.xanchor, legend.x) == ("h", "top", "left", 0) and -0.1 < legend.y < 0  # under the chart
    assert figure.layout.hovermode == "closest"

"""Plotly figures built from frames: small payloads (one trace per stance, not per position)."""

from __future__ import annotations

import html
import textwrap
from functools import partial

import pandas as pd
import plotly.graph_objects as go

from landscape.vocabulary import CELL_STATUS, PRECISION, STANCE, STATE, Precision, Stance, cell_colours

# Plotly reads a few tags and entities (<b>, <br>, &lt;) in text; quotes need no escaping and
# would show as &quot; in tick labels.
_escape = partial(html.escape, quote=False)

# Streamlit's chart theme draws labels in a light grey (under WCAG AA's 4.5:1 on white): labels in body ink.
INK = "#31333F"
_STATUS_ORDER = list(CELL_STATUS)  # a band of the colour scale per status a cell can show


def _hover(text: str, limit: int = 220) -> str:
    """Already-escaped text shortened for a hover label, never cutting an entity in two."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if "&" in cut[-8:]:
        cut = cut[: cut.rindex("&")]
    return cut + "…"


def _wrap(text: str, width: int = 70) -> str:
    """Already-escaped text in lines of at most width characters for a hover label; words (and entities) stay whole."""
    return "<br>".join(textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False))


def matrix_points(matrix: pd.DataFrame) -> list[tuple[str, str]]:
    """(issue id, party id) of each point of the figure's clickable layer, in its order: issue by issue, party by party."""
    return [(issue, party) for issue in dict.fromkeys(matrix["issue"]) for party in dict.fromkeys(matrix["party"])]


def stance_matrix_figure(matrix: pd.DataFrame) -> go.Figure:
    """Parties × issues heatmap: colour and symbol per cell, one trace in all; paler where hedged or inferred, as in the matrix."""
    # Two bands per status: its full colour, and the paler one of a position the article only hedges or infers.
    codes = {(status, pale): 2 * index + pale for index, status in enumerate(_STATUS_ORDER) for pale in (0, 1)}
    # Plotly reads a little HTML in labels: curated names are escaped before they get there.
    matrix = matrix.assign(issue_name=matrix["issue_name"].map(_escape), party_name=matrix["party_name"].map(_escape))
    issues = list(dict.fromkeys(matrix["issue_name"]))
    parties = list(dict.fromkeys(matrix["party_name"]))
    wide = matrix.pivot(index="issue_name", columns="party_name", values="status").loc[issues, parties]
    labels = matrix.pivot(index="issue_name", columns="party_name", values="label").loc[issues, parties]
    changed = matrix.pivot(index="issue_name", columns="party_name", values="changed").loc[issues, parties]
    symbols = wide.map(lambda status: CELL_STATUS[status].symbol) + changed.map(lambda changed: "↻" if changed else "")
    pale = matrix.pivot(index="issue_name", columns="party_name", values="certainty").loc[issues, parties].isin(["hedged", "inferred"])
    n = 2 * len(_STATUS_ORDER)
    colorscale = []
    for (status, is_pale), code in codes.items():
        colour = cell_colours(status, "hedged" if is_pale else "firm")[0]
        colorscale += [[code / n, colour], [(code + 1) / n, colour]]
    z = [
        [codes[(status, int(is_pale))] for status, is_pale in zip(row_status, row_pale, strict=True)]
        for row_status, row_pale in zip(wide.to_numpy(), pale.to_numpy(), strict=True)
    ]
    hover = labels.map(_escape)
    figure = go.Figure(
        go.Heatmap(
            z=z,
            x=parties,
            y=issues,
            hoverinfo="skip",  # the cell's layer above carries its hover and takes its click
            colorscale=colorscale,
            zmin=0,
            zmax=n,
            showscale=False,
            xgap=2,
            ygap=2,
        )
    )
    # The symbols as a layer of points, each in the ink its cell's colour needs for WCAG AA (white on blue, black elsewhere).
    # A heatmap cannot be selected; these points can: a click on a cell selects its point (customdata: hover, issue, party).
    cells = [(party, issue) for issue in issues for party in parties]  # the order of matrix_points: a point's index names its cell
    invisible = {"opacity": 0}
    figure.add_trace(
        go.Scatter(
            x=[party for party, _ in cells],
            y=[issue for _, issue in cells],
            mode="markers+text",
            showlegend=False,
            marker={"symbol": "square", "size": 24, "opacity": 0},
            selected={"marker": invisible},
            unselected={"marker": invisible},
            text=[symbols.at[issue, party] for party, issue in cells],
            textfont={"size": 16, "color": [cell_colours(wide.at[issue, party], "firm")[1] for party, issue in cells]},
            customdata=[hover.at[issue, party] for party, issue in cells],
            hovertemplate="%{y} · %{x}: %{customdata}<extra></extra>",
        )
    )
    figure.update_layout(
        height=max(260, 26 * len(issues) + 60),
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        xaxis={"side": "top", "tickfont": {"color": INK}},
        yaxis={"autorange": "reversed", "tickfont": {"color": INK}},
        plot_bgcolor="#eeeeee",
        clickmode="event+select",
    )
    return figure


# The timeline draws (and its legend lists) the stances in this order: acceptance first, then doubt, then refusal.
TIMELINE_STANCES = (Stance.SUPPORTS, Stance.CONDITIONAL, Stance.AMBIGUOUS, Stance.OPPOSES)
# How well a date is known, in words after the date: " (month only)"; a day needs none.
PRECISION_TEXT = {str(precision): "" if precision is Precision.DAY else f" ({term.word})" for precision, term in PRECISION.items()}
_MARK_PIXELS = 15  # vertical room for one mark; marks on the same row and day stack, one above the other
MAX_STACK = 12  # marks in one stack at most, the last a "+N" for the rest of that day (the real data's highest stack is 12: all drawn)


def timeline_figure(positions: pd.DataFrame, events: pd.DataFrame, period: tuple[pd.Timestamp, pd.Timestamp]) -> go.Figure:
    """One row for the events, one per party: a mark per dated item, its colour the stance.

    A date known to the day is a solid mark; one known only to the month is a hollow mark in its
    middle, over a pale band across that month. Marks on the same row and day stack vertically, and
    a row is as tall as its highest stack. Year-only dates are left to the table: a band across a
    whole year would squeeze the months where everything happens.
    """
    party_rows = list(dict.fromkeys(positions.sort_values("party_name")["party_name"]))
    rows = ["Events", *party_rows]
    events = events.assign(row="Events", start_=events["start"], end_=events["end"])
    positions = positions.assign(row=positions["party_name"], start_=positions["as_of_start"], end_=positions["as_of_end"])

    def placed(frame: pd.DataFrame, precision: str) -> pd.DataFrame:
        fuzzy = frame[precision] != "day"
        x = (frame["start_"] + (frame["end_"] - frame["start_"]) / 2).where(fuzzy, frame["start_"])
        frame = frame.assign(x=x, fuzzy=fuzzy)
        return frame.assign(stack=frame.groupby(["row", "x"]).cumcount(), on_day=frame.groupby(["row", "x"])["x"].transform("size"))

    events, positions = placed(events, "precision"), placed(positions, "as_of_precision")

    # A day with more marks than a stack holds shows the first ones and a "+N" mark for the rest, which the table
    # lists: a stack of hundreds would make the chart thousands of pixels tall and slow to draw.
    def beyond_stack(frame: pd.DataFrame) -> pd.Series:
        return (frame["on_day"] > MAX_STACK) & (frame["stack"] >= MAX_STACK - 1)

    overflow = pd.concat([frame[beyond_stack(frame)] for frame in (events, positions)])
    events, positions = events[~beyond_stack(events)], positions[~beyond_stack(positions)]
    heights = pd.concat([events[["row", "stack"]], positions[["row", "stack"]], overflow[["row"]].assign(stack=MAX_STACK - 1)])
    heights = heights.groupby("row")["stack"].max().add(1)
    base, tops = {}, 0.0
    for row in rows:
        base[row] = tops
        tops += max(3, int(heights.get(row, 1))) + 1  # one unit of air between rows
    centre = {row: base[row] + (max(3, int(heights.get(row, 1)))) / 2 for row in rows}
    figure = go.Figure()
    bands = {
        (row, start, end)
        for frame in (events, positions)
        for row, start, end, fuzzy in zip(frame["row"], frame["start_"], frame["end_"], frame["fuzzy"], strict=True)
        if fuzzy
    }
    for row, start, end in sorted(bands):
        figure.add_shape(
            type="rect",
            x0=start,
            x1=end + pd.Timedelta(hours=23),
            y0=base[row] - 0.3,
            y1=base[row] + max(3, int(heights.get(row, 1))) - 0.7,
            fillcolor="#eeeeee",
            line_width=0,
            layer="below",
        )

    def add(frame: pd.DataFrame, hover: pd.Series, colour: str, name: str, symbol: str) -> None:
        figure.add_trace(
            go.Scatter(
                x=frame["x"],
                y=frame["row"].map(base) + frame["stack"] + 0.5,
                mode="markers",
                name=name,
                legendgroup=name,
                showlegend=False,
                customdata=hover,
                hovertemplate="%{customdata}<extra></extra>",
                marker={
                    "color": colour,
                    "size": 11,
                    "symbol": [f"{symbol}-open" if f else symbol for f in frame["fuzzy"]],
                    "line": {"width": 2, "color": colour},
                },
            )
        )

    if len(events):
        events = events.assign(title=events["title"].map(_escape), quote=events["quote"].map(_escape), source_names=events["source_names"].map(_escape))
        hover = (
            "<b>"
            + events["title"].map(lambda t: _wrap(_hover(t)))
            + "</b><br>"
            + events["date"]
            + events["precision"].map(PRECISION_TEXT)
            + "<br>"
            + events["source_names"]
            + ": “"
            + events["quote"].map(lambda q: _wrap(_hover(q, 160)))
            + "”"
        )
        add(events, hover, "#333333", "event", "diamond")

    frame = positions.rename(columns={"as_of_precision": "precision"}).assign(
        party_name=lambda f: f["party_name"].map(_escape),
        issue_name=lambda f: f["issue_name"].map(_escape),
        summary=lambda f: f["summary"].map(_escape),
        quote=lambda f: f["quote"].map(_escape),
        source_names=lambda f: f["source_names"].map(_escape),
    )
    for stance in TIMELINE_STANCES:
        part = frame[frame["stance"] == stance]
        if part.empty:
            continue
        term = STANCE[stance]
        hover = (
            "<b>"
            + part["party_name"]
            + " · "
            + part["issue_name"]
            + ": "
            + term.marked
            + "</b><br>"
            + part["as_of"]
            + part["precision"].map(PRECISION_TEXT)
            + "<br>"
            + part["summary"].map(lambda s: _wrap(_hover(s)))
            + "<br>"
            + part["source_names"]
            + ": “"
            + part["quote"].map(lambda q: _wrap(_hover(q, 160)))
            + "”"
        )
        add(part, hover, term.colour, term.marked, "circle")

    # The legend by colour alone: a solid mark per stance (and the events), whatever the first point's precision; then
    # what solid and hollow mean, in grey. A plotly legend copies a trace's first marker, hollow when its date is a month.
    def legend_entry(name: str, group: str, marker: dict) -> None:  # a legend line with no point of its own
        figure.add_trace(go.Scatter(x=[None], y=[None], mode="markers", name=name, legendgroup=group, hoverinfo="skip", marker=marker))

    drawn = [(trace.name, trace.marker.color) for trace in figure.data]
    for name, colour in drawn:
        legend_entry(name, name, {"color": colour, "size": 11, "symbol": "diamond" if name == "event" else "circle"})
    if drawn:
        for name, symbol in (("date known to the day", "circle"), ("known to a month or a window of days", "circle-open")):
            legend_entry(name, "precision", {"color": "#666666", "size": 11, "symbol": symbol, "line": {"width": 2, "color": "#666666"}})

    if len(overflow):
        more = overflow.groupby(["row", "x"], sort=False).size().rename("count").reset_index()
        figure.add_trace(
            go.Scatter(
                x=more["x"],
                y=more["row"].map(base) + MAX_STACK - 0.5,
                mode="text",
                text="+" + more["count"].astype(str),
                textfont={"size": 11, "color": INK},
                name="more on that day",
                showlegend=False,
                customdata=more["count"].astype(str) + " more on this day: the table below lists them all",
                hovertemplate="%{customdata}<extra></extra>",
            )
        )

    start, end = period
    figure.update_yaxes(
        tickvals=[centre[row] for row in rows],
        ticktext=[_escape(row) for row in rows],
        range=[tops, -1],
        showgrid=False,
        zeroline=False,
        tickfont={"color": INK},
    )
    # Months with weekly lines over a season; years over decades (thousands of weekly lines would stall the browser).
    if end - start <= pd.Timedelta(days=3 * 366):
        ticks = {"dtick": "M1", "tickformat": "%b %Y", "minor": {"dtick": 7 * 86_400_000, "showgrid": True, "gridcolor": "#f4f4f4"}}
    else:
        ticks = {"dtick": "M120" if end - start > pd.Timedelta(days=40 * 366) else "M12", "tickformat": "%Y"}
    figure.update_xaxes(
        range=[start, end], showgrid=True, gridcolor="#e5e5e5", side="top", ticks="outside", showline=True, linecolor="#999", tickfont={"color": INK}, **ticks
    )
    figure.update_layout(
        height=130 + _MARK_PIXELS * int(tops),
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        legend={"orientation": "h", "y": -0.01, "yanchor": "top", "x": 0, "xanchor": "left", "font": {"color": INK}},
        hovermode="closest",
        plot_bgcolor="#ffffff",
    )
    return figure


# --- where they could agree --------------------------------------------------------------------


def _arc(y0: float, y1: float, bulge: float, points: int = 24) -> tuple[list[float], list[float]]:
    """A half-ellipse from (0, y0) to (0, y1) bulging right by bulge: an edge beside a column of nodes."""
    import math

    centre, radius = (y0 + y1) / 2, (y1 - y0) / 2
    angles = [math.pi * index / (points - 1) for index in range(points)]
    return [bulge * math.sin(angle) for angle in angles], [centre - radius * math.cos(angle) for angle in angles]


def conditions_figure(nodes: list[str], edges: list[tuple[int, int, str, str, bool, str]]) -> go.Figure:
    """Issues in a column, each condition an arc from the issue it conditions to the issue it is tied to.

    nodes: issue names, top to bottom. edges: (from node, to node, colour, hover text, refused, party name); an edge from a
    node to itself is a refusal on that one issue (a loop). The hover text and the numbers in customdata (the edge's
    place in the list beside the chart) let a reader open its quote.
    """
    # Traces and arrows gathered first and handed to the figure once: add_trace and add_annotation validate the whole
    # figure again at each call, which grows with the square of the conditions.
    traces: list[go.Scatter] = []
    arrows: list[dict] = []
    for number, (start, end, colour, hover, refused, party) in enumerate(edges):
        if start == end:  # a small loop beside the node: a condition on the issue itself, refused by another party
            xs, ys = _arc(start - 0.5, start - 0.02, 0.6)  # above the node, clear of arcs that enter it
        else:  # an arc bulging further than any loop, its arrow at the issue the condition is tied to
            xs, ys = _arc(start, end, 1.2 + 0.4 * abs(end - start))
            arrows.append(
                {
                    "x": xs[-1],
                    "y": ys[-1],
                    "ax": xs[-4],
                    "ay": ys[-4],
                    "xref": "x",
                    "yref": "y",
                    "axref": "x",
                    "ayref": "y",
                    "text": "",
                    "showarrow": True,
                    "arrowhead": 2,
                    "arrowsize": 1.4,
                    "arrowwidth": 2,
                    "arrowcolor": colour,
                }
            )
        dash = "dot" if refused else "solid"
        traces.append(go.Scatter(x=xs, y=ys, mode="lines", line={"color": colour, "width": 3, "dash": dash}, hoverinfo="skip", showlegend=False))
        middle = len(xs) // 2
        traces.append(
            go.Scatter(
                x=[xs[middle]],
                y=[ys[middle]],
                mode="markers+text",
                text=[str(number + 1)],
                textposition="middle right",
                textfont={"color": INK, "size": 13},
                marker={"color": colour, "size": 16, "symbol": "x" if refused else "circle", "line": {"color": "#ffffff", "width": 1}},
                customdata=[number],
                hovertext=[_wrap(_escape(hover))],
                hovertemplate="%{hovertext}<extra></extra>",
                name=_escape(party),
                showlegend=False,
            )
        )
    traces.append(
        go.Scatter(
            x=[0] * len(nodes),
            y=list(range(len(nodes))),
            mode="markers+text",
            text=[_escape(name) for name in nodes],
            textposition="middle left",
            textfont={"color": INK, "size": 13},
            marker={"color": INK, "size": 10},
            hoverinfo="skip",
            showlegend=False,
        )
    )
    figure = go.Figure(data=traces, layout={"annotations": arrows})
    widest = max([1.2 + 0.4 * abs(end - start) for start, end, *_ in edges] or [1])
    figure.update_xaxes(visible=False, range=[-4.2, widest + 0.8], fixedrange=True)
    figure.update_yaxes(visible=False, range=[len(nodes) - 0.4, -0.6], fixedrange=True)
    figure.update_layout(
        height=90 + 70 * len(nodes),
        margin={"l": 4, "r": 4, "t": 10, "b": 10},
        plot_bgcolor="#ffffff",
        hovermode="closest",
        dragmode=False,
        clickmode="event+select",
    )
    return figure


def states_over_time_figure(issue_names: list[str], days: list[str], states: list[list[str]], marked: str = "") -> go.Figure:
    """One row per issue, one mark per replay step: its state of play that day (colour and symbol), a grey line along the row.

    A record of what the articles reported by each day, not a forecast.
    """
    figure = go.Figure()
    for row in range(len(issue_names)):
        figure.add_trace(go.Scatter(x=days, y=[row] * len(days), mode="lines", line={"color": "#d0d0d0", "width": 2}, hoverinfo="skip", showlegend=False))
    for state, term in STATE.items():  # its colour (Okabe–Ito, as the stances) and a marker symbol, so colour never stands alone
        colour, symbol, label = term.colour, term.marker, term.word
        xs, ys, hover = [], [], []
        for row, name in enumerate(issue_names):
            for day, held in zip(days, states[row], strict=True):
                if held == state:
                    xs.append(day)
                    ys.append(row)
                    hover.append(f"{_escape(name)}<br>{day}: {label}")
        figure.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="markers",
                name=label,
                hovertext=hover,
                hovertemplate="%{hovertext}<extra></extra>",
                marker={"color": colour, "symbol": symbol, "size": 9, "line": {"color": colour, "width": 2}},
            )
        )
    if marked in days:
        figure.add_vline(x=days.index(marked), line={"color": INK, "width": 1, "dash": "dot"})
    figure.update_xaxes(type="category", tickangle=-60, tickfont={"color": INK}, showgrid=False, side="top")
    figure.update_yaxes(
        tickvals=list(range(len(issue_names))),
        ticktext=[_escape(name) for name in issue_names],
        range=[len(issue_names) - 0.5, -0.7],
        tickfont={"color": INK},
        showgrid=False,
        zeroline=False,
        fixedrange=True,
    )
    figure.update_layout(
        height=150 + 26 * len(issue_names),
        margin={"l": 10, "r": 10, "t": 90, "b": 10},
        plot_bgcolor="#ffffff",
        legend={"orientation": "h", "y": -0.02, "yanchor": "top", "x": 0, "font": {"color": INK}},
        hovermode="closest",
    )
    return figure

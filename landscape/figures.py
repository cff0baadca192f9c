"""Plotly figures built from frames: small payloads (one trace per stance, not per position)."""

from __future__ import annotations

import html
import textwrap
from functools import partial

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from landscape.frames import STANCE_STYLE, STANCE_TEXT

# Plotly reads a few tags and entities (<b>, <br>, &lt;) in text; quotes need no escaping and
# would show as &quot; in tick labels.
_escape = partial(html.escape, quote=False)

_STATUS_ORDER = ["supports", "conditional", "ambiguous", "opposes", "conflicting", "none"]


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


def stance_matrix_figure(matrix: pd.DataFrame) -> go.Figure:
    """Parties × issues heatmap: colour and symbol per cell, one trace in all."""
    codes = {status: index for index, status in enumerate(_STATUS_ORDER)}
    # Plotly reads a little HTML in labels: curated names are escaped before they get there.
    matrix = matrix.assign(issue_name=matrix["issue_name"].map(_escape), party_name=matrix["party_name"].map(_escape))
    issues = list(dict.fromkeys(matrix["issue_name"]))
    parties = list(dict.fromkeys(matrix["party_name"]))
    wide = matrix.pivot(index="issue_name", columns="party_name", values="status").loc[issues, parties]
    counts = matrix.pivot(index="issue_name", columns="party_name", values="count").loc[issues, parties]
    symbols = wide.map(lambda status: STANCE_STYLE[status][1])
    n = len(_STATUS_ORDER)
    colorscale = []
    for index, status in enumerate(_STATUS_ORDER):
        colour = STANCE_STYLE[status][0]
        colorscale += [[index / n, colour], [(index + 1) / n, colour]]
    hover = wide.map(lambda status: STANCE_TEXT[status]) + counts.map(lambda count: f" ({count} position{'s' * (count != 1)})")
    figure = go.Figure(
        go.Heatmap(
            z=wide.map(codes.get).to_numpy(),
            x=parties,
            y=issues,
            text=symbols.to_numpy(),
            texttemplate="%{text}",
            textfont={"size": 16, "color": "#111"},
            customdata=hover.to_numpy(),
            hovertemplate="%{y} · %{x}: %{customdata}<extra></extra>",
            colorscale=colorscale,
            zmin=0,
            zmax=n,
            showscale=False,
            xgap=2,
            ygap=2,
        )
    )
    figure.update_layout(
        height=max(260, 26 * len(issues) + 60),
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        xaxis={"side": "top"},
        yaxis={"autorange": "reversed"},
        plot_bgcolor="#eeeeee",
    )
    return figure


def timeline_figure(positions: pd.DataFrame, events: pd.DataFrame) -> go.Figure:
    """Events above, dated positions below, on one time axis.

    A date known only to the month or year is drawn as a bar across that span, with a hollow
    marker in its middle; only a date known to the day is a solid point.
    """
    positions = positions.sort_values(["party_name", "issue_name", "as_of_start"]).assign(
        party_name=lambda frame: frame["party_name"].map(_escape),
        issue_name=lambda frame: frame["issue_name"].map(_escape),
        summary=lambda frame: frame["summary"].map(_escape),
        quote=lambda frame: frame["quote"].map(_escape),
    )
    events = events.assign(title=events["title"].map(_escape), quote=events["quote"].map(_escape))
    position_rows = list(dict.fromkeys(positions["party_name"] + " · " + positions["issue_name"]))
    events = events.assign(row=events["title"].map(lambda title: title if len(title) <= 60 else title[:59] + "…"))
    event_rows = list(dict.fromkeys(events["row"]))
    figure = make_subplots(
        rows=2,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.03,
        row_heights=[max(1, len(event_rows)), max(1, len(position_rows))],
        subplot_titles=("Events", "Positions by party and issue"),
    )

    def add_dated(frame: pd.DataFrame, rows: pd.Series, hover: pd.Series, colour: str, name: str, row: int, legend: bool) -> None:
        fuzzy = frame["precision"] != "day"
        span_x: list[object] = []
        span_y: list[object] = []
        for start, end, label in zip(frame.loc[fuzzy, "start"], frame.loc[fuzzy, "end"], rows[fuzzy], strict=True):
            span_x += [start, end + pd.Timedelta(hours=23), None]
            span_y += [label, label, None]
        if span_x:
            figure.add_trace(
                go.Scatter(x=span_x, y=span_y, mode="lines", line={"color": colour, "width": 7}, opacity=0.45,
                           hoverinfo="skip", showlegend=False, legendgroup=name),
                row=row, col=1,
            )  # fmt: skip
        middle = frame["start"] + (frame["end"] - frame["start"]) / 2
        figure.add_trace(
            go.Scatter(
                x=middle.where(fuzzy, frame["start"]),
                y=rows,
                mode="markers",
                marker={
                    "color": colour,
                    "size": 11,
                    "symbol": ["circle-open" if is_fuzzy else "circle" for is_fuzzy in fuzzy],
                    "line": {"width": 2, "color": colour},
                },
                customdata=hover,
                hovertemplate="%{customdata}<extra></extra>",
                name=name,
                legendgroup=name,
                showlegend=legend,
            ),
            row=row,
            col=1,
        )

    if len(events):
        hover = (
            "<b>" + events["title"].map(_hover) + "</b><br>" + events["date"] + " (" + events["precision"] + ", " + events["date_basis"] + ")"
            + "<br>" + events["sources"] + ": “" + events["quote"].map(lambda q: _wrap(_hover(q, 160))) + "”"
        )  # fmt: skip
        add_dated(events, events["row"], hover, "#333333", "event", 1, True)

    frame = positions.rename(columns={"as_of_start": "start", "as_of_end": "end", "as_of_precision": "precision"})
    labels = positions["party_name"] + " · " + positions["issue_name"]
    for stance in ("supports", "conditional", "ambiguous", "opposes"):
        chosen = frame["stance"] == stance
        if not chosen.any():
            continue
        part = frame[chosen]
        hover = (
            "<b>" + part["party_name"] + " · " + part["issue_name"] + ": " + STANCE_STYLE[stance][1] + " " + stance + "</b><br>"
            + part["as_of"] + " (" + part["precision"] + ")<br>" + part["summary"].map(lambda s: _wrap(_hover(s)))
            + "<br>" + part["sources"] + ": “" + part["quote"].map(lambda q: _wrap(_hover(q, 160))) + "”"
        )  # fmt: skip
        add_dated(part, labels[chosen], hover, STANCE_STYLE[stance][0], f"{STANCE_STYLE[stance][1]} {stance}", 2, True)

    figure.update_yaxes(categoryorder="array", categoryarray=event_rows[::-1], row=1, col=1)
    figure.update_yaxes(categoryorder="array", categoryarray=position_rows[::-1], row=2, col=1)
    figure.update_xaxes(showgrid=True, gridcolor="#e5e5e5")
    figure.update_layout(
        height=120 + 22 * (len(event_rows) + len(position_rows)),
        margin={"l": 10, "r": 10, "t": 80, "b": 10},
        legend={"orientation": "h", "y": 1.0, "yanchor": "top", "x": 0, "xanchor": "left", "yref": "container"},
        hovermode="closest",
        plot_bgcolor="#ffffff",
    )
    return figure

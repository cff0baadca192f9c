"""What each page draws, prepared from frames and the shared selection.

Plain functions (no Streamlit): the app memoizes their results per data version and selection,
so a filter change that has been seen before redraws without recomputing.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from landscape.figures import stance_matrix_figure, timeline_figure
from landscape.frames import STANCE_STYLE, Frames, Selection, busiest, filter_events, filter_positions, matrix_table, stance_matrix

OVERVIEW_ISSUES, OVERVIEW_PARTIES = 30, 8
COLOURED_CELLS = 4000  # above this the matrix is drawn without cell colours: symbols and words carry the stance
TIMELINE_ROWS, TIMELINE_EVENTS = 80, 40


def chosen_parties(frames: Frames, selection: Selection) -> pd.DataFrame:
    return frames.parties[frames.parties["id"].isin(selection.parties)] if selection.parties else frames.parties


def chosen_issues(frames: Frames, selection: Selection) -> pd.DataFrame:
    return frames.issues[frames.issues["id"].isin(selection.issues)] if selection.issues else frames.issues


@dataclass(frozen=True)
class OverviewView:
    metrics: dict[str, int]
    figure: go.Figure
    note: str
    latest_events: pd.DataFrame


def overview_view(frames: Frames, selection: Selection) -> OverviewView:
    positions = filter_positions(frames.positions, selection)
    events = filter_events(frames.events, selection)
    parties, issues = chosen_parties(frames, selection), chosen_issues(frames, selection)
    note = ""
    if len(issues) > OVERVIEW_ISSUES or len(parties) > OVERVIEW_PARTIES:
        issues = issues[issues["id"].isin(busiest(positions["issue"], OVERVIEW_ISSUES))]
        parties = parties[parties["id"].isin(busiest(positions["party"], OVERVIEW_PARTIES))]
        note = f"The {len(issues)} most-covered issues and {len(parties)} most-covered parties; the matrix page has them all."
    metrics = {
        "Positions": len(positions),
        "Parties": positions["party"].nunique(),
        "Issues covered": positions["issue"].nunique(),
        "Events": len(events),
        "Sources": len(frames.sources),
    }
    figure = stance_matrix_figure(stance_matrix(positions, parties, issues))
    return OverviewView(metrics, figure, note, events.sort_values("start", ascending=False).head(6))


@dataclass(frozen=True)
class MatrixView:
    table: pd.DataFrame  # one row per issue: its id, group, name, then one column per party
    styled: object  # the same table, coloured by stance (a pandas Styler), or the plain table when very large
    coloured: bool
    party_columns: list[str]
    positions: pd.DataFrame


def _cell_style(label: object) -> str:
    text = str(label)
    for colour, symbol in STANCE_STYLE.values():
        if text.startswith(f"{symbol} "):
            ink = {"#FFFFFF": "#9a9a9a", "#E69F00": "#000", "#999999": "#000"}.get(colour, "#fff")
            return f"background-color: {colour}; color: {ink}"
    return ""


def matrix_view(frames: Frames, selection: Selection) -> MatrixView:
    positions = filter_positions(frames.positions, selection)
    parties = chosen_parties(frames, selection)
    table = matrix_table(stance_matrix(positions, parties, chosen_issues(frames, selection)))
    party_columns = list(parties["name"])
    plain = table.drop(columns=["issue"])
    coloured = len(plain) * len(party_columns) <= COLOURED_CELLS
    styled = plain.style.map(_cell_style, subset=party_columns) if coloured else plain
    return MatrixView(table, styled, coloured, party_columns, positions)


@dataclass(frozen=True)
class TimelineView:
    figure: go.Figure | None
    notes: list[str]
    changes: list[tuple[pd.Series, pd.Series]]  # (earlier, later) positions
    events: pd.DataFrame


def timeline_view(frames: Frames, selection: Selection, all_years: bool) -> TimelineView:
    since = pd.Timestamp.min if all_years else pd.Timestamp("2025-01-01")
    positions = filter_positions(frames.positions, selection)
    positions = positions[positions["as_of_end"] >= since]
    events = filter_events(frames.events, selection)
    events = events[events["end"] >= since]
    notes = []
    rows = positions["party"] + "/" + positions["issue"]
    if rows.nunique() > TIMELINE_ROWS:
        positions = positions[rows.isin(busiest(rows, TIMELINE_ROWS))]
        notes.append(f"Showing the {TIMELINE_ROWS} party–issue rows with the most positions; filter by party or issue to see others.")
    if len(events) > TIMELINE_EVENTS:
        events = events.sort_values("start").tail(TIMELINE_EVENTS)
        notes.append(f"Showing the {TIMELINE_EVENTS} latest events; filter to see others.")
    figure = None if positions.empty and events.empty else timeline_figure(positions, events)
    by_id = frames.positions.set_index("id")
    later = positions[positions["supersedes"] != ""].sort_values("as_of_start")
    changes = [(by_id.loc[row["supersedes"]], row) for _, row in later.iterrows()]
    return TimelineView(figure, notes, changes, events)

"""The positions explorer's filtering, search and downloads."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

import pandas as pd

from landscape.frames import Frames, Selection, filter_positions


def explorer_view(frames: Frames, selection: Selection, stances: tuple[str, ...], period: tuple[dt.date, ...], search: str) -> pd.DataFrame:
    """The explorer's rows for the shared selection and its own filters (memoized by the app)."""
    rows = explorer_rows(filter_positions(frames.positions, selection), stances=stances, period=period, search=search)
    return rows.assign(citations=rows["id"].map(lambda position_id: _citations(frames, position_id)))


def _citations(frames: Frames, position_id: str) -> list[dict[str, str]]:
    return [{"source": source, "quote": quote} for _, source, quote, _ in frames.citations_by_owner.get(("position", position_id), [])]


def explorer_rows(
    positions: pd.DataFrame,
    *,
    stances: Sequence[str] = (),
    period: Sequence[dt.date] = (),
    search: str = "",
) -> pd.DataFrame:
    """Positions matching stance, a date range (overlapping the position's date span) and free text."""
    mask = pd.Series(True, index=positions.index)
    if stances:
        mask &= positions["stance"].isin(stances)
    if len(period) == 2:
        start, end = (pd.Timestamp(day) for day in period)
        mask &= (positions["as_of_end"] >= start) & (positions["as_of_start"] <= end)
    words = search.strip().casefold().split()
    if words:
        haystack = (positions["summary"] + " " + positions["quotes"] + " " + positions["speaker"]).str.casefold()
        for word in words:
            mask &= haystack.str.contains(word, regex=False)
    return positions[mask]


_EXPORT_COLUMNS = ["id", "party", "issue", "stance", "summary", "as_of", "as_of_precision", "attribution", "speaker"]


def rows_as_json(rows: pd.DataFrame) -> str:
    records = [
        {**{column: row[column] for column in _EXPORT_COLUMNS}, "citations": row["citations"] or []}
        for _, row in rows.iterrows()
    ]
    return json.dumps(records, ensure_ascii=False, indent=2)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> object:
    """A text cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first) prefixed with ', as OWASP advises."""
    return "'" + value if isinstance(value, str) and value.startswith(_FORMULA_START) else value


def rows_as_csv(rows: pd.DataFrame) -> str:
    """One row per position; citations as 'source: quote' joined by ' | '; no cell starts a formula."""
    table = rows[_EXPORT_COLUMNS].copy()
    table["citations"] = rows["citations"].map(lambda cs: " | ".join(f"{c['source']}: {c['quote']}" for c in cs or []))
    return table.map(spreadsheet_safe).to_csv(index=False)

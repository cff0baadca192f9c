"""The positions explorer's filtering, search and downloads."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

import pandas as pd


def explorer_rows(
    positions: pd.DataFrame,
    citations: pd.DataFrame,
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
    rows = positions[mask]
    return rows.assign(citations=rows["id"].map(_citations_by_position(citations)))


def _citations_by_position(citations: pd.DataFrame) -> dict[str, list[dict[str, str]]]:
    owned = citations[citations["owner_kind"] == "position"]
    grouped: dict[str, list[dict[str, str]]] = {}
    for owner, source, quote in zip(owned["owner_id"], owned["source"], owned["quote"], strict=True):
        grouped.setdefault(owner, []).append({"source": source, "quote": quote})
    return grouped


_EXPORT_COLUMNS = ["id", "party", "issue", "stance", "summary", "as_of", "as_of_precision", "attribution", "speaker"]


def rows_as_json(rows: pd.DataFrame) -> str:
    records = [
        {**{column: row[column] for column in _EXPORT_COLUMNS}, "citations": row["citations"] or []}
        for _, row in rows.iterrows()
    ]
    return json.dumps(records, ensure_ascii=False, indent=2)


def rows_as_csv(rows: pd.DataFrame) -> str:
    """One row per position; citations as 'source: quote' joined by ' | '."""
    table = rows[_EXPORT_COLUMNS].copy()
    table["citations"] = rows["citations"].map(lambda cs: " | ".join(f"{c['source']}: {c['quote']}" for c in cs or []))
    return table.to_csv(index=False)

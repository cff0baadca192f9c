"""The validated dataset as plain JSON-ready data: a stable shape other tools build on."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import unicodedata
from typing import Any
from urllib.parse import urlencode

import pandas as pd

from landscape.cells import Cell, compute_cells, inputs_from_landscape
from landscape.common import IssueState, landscape_state_of_play
from landscape.frames import REPLACED, Frames, known
from landscape.load import Dataset
from landscape.schema import Event, Landscape, Position, StatedFigure, is_discrepancy
from landscape.vocabulary import ATTRIBUTION, CERTAINTY, DATE_BASIS, STANCE, VERDICT, status_word

_BIBLIOGRAPHIC = ("title", "outlet", "author", "published", "url")


def _citations(citations: Any) -> list[dict[str, str]]:
    return [{"source": citation.source, "quote": citation.quote} for citation in citations]


def export_dict(dataset: Dataset, as_of: dt.date | None = None) -> dict[str, Any]:
    """sources, parties, issues, questions, positions, events and viewpoints; unknown values as null."""
    data = dataset.landscape
    sources = []
    for source in data.sources:
        row: dict[str, Any] = {"id": source.id, "file": source.file}
        for name in _BIBLIOGRAPHIC:
            attested = getattr(source, name)
            row[name] = None if attested.value is None else str(attested.value)
        for name in _BIBLIOGRAPHIC:
            row[f"{name}_basis"] = getattr(source, name).basis.value
        row["published_precision"] = source.published.value.precision.value if source.published.value else None
        sources.append(row)
    return {
        "schema_version": data.schema_version,
        "updated": str(data.updated),
        "sources": sources,
        "parties": [party.model_dump(mode="json") for party in data.parties],
        "issues": [issue.model_dump(mode="json") for issue in data.issues],
        "questions": [question.model_dump(mode="json") for question in data.questions],
        "positions": [position_row(position) for position in data.positions],
        "events": [event_row(event) for event in data.events],
        "viewpoints": [
            {
                "id": viewpoint.id,
                "source": viewpoint.source,
                "thesis": viewpoint.thesis,
                "citations": _citations(viewpoint.citations),
                "answers": [
                    {
                        "question": answer.question,
                        "answer": answer.answer,
                        "explanation": answer.explanation,
                        "citations": _citations(answer.citations),
                    }
                    for answer in viewpoint.answers
                ],
            }
            for viewpoint in data.viewpoints
        ],
        "figures": [figure_row(figure) for figure in data.figures],
        "as_of": None if as_of is None else as_of.isoformat(),
        "cells": [cell_row(cell) for cell in compute_cells(inputs_from_landscape(data), as_of=as_of).values()],
        "state_of_play": [state_row(state) for state in landscape_state_of_play(data, as_of)],
    }


def position_row(position: Position) -> dict[str, Any]:
    """Every field of the model as the data file has it (a new field comes along), and how precisely as_of is known."""
    return {**position.model_dump(mode="json"), "as_of_precision": position.as_of.precision.value}


def event_row(event: Event) -> dict[str, Any]:
    """Every field of the model as the data file has it, and how precisely the date is known."""
    return {**event.model_dump(mode="json"), "date_precision": event.date.precision.value}


def state_row(state: IssueState) -> dict[str, Any]:
    """An issue's state of play: common_ground, sticking_point or open; who stands where (party ids); the conditions in force.

    accepting: supports; conditional: accepts only on a condition; unclear: covered, but the sources disagree, one
    sends mixed signals, or the stance is ambiguous; silent: not covered. positions: party -> the positions behind its cell.
    """
    return {
        "issue": state.issue,
        "state": state.state.value,
        "accepting": list(state.accepting),
        "opposing": list(state.opposing),
        "conditional": list(state.conditional),
        "unclear": list(state.unclear),
        "silent": list(state.silent),
        "conditions": [
            {
                "position": condition.position,
                "party": condition.party,
                "text": condition.text,
                "issue": condition.linked_issue,
                "stance": condition.needs,
                "rejects": condition.rejects,
                "rejected_by": list(condition.rejected_by),
                "rejecting_positions": list(condition.rejecting_positions),
            }
            for condition in state.conditions
        ],
        "positions": {party: list(ids) for party, ids in state.positions.items()},
    }


def cell_row(cell: Cell) -> dict[str, Any]:
    """A party × issue cell: its verdict from the sources, the stance they establish, who says what."""
    return {
        "party": cell.party,
        "issue": cell.issue,
        "verdict": cell.verdict.value,
        "verdict_text": VERDICT[cell.verdict].word,  # in words: a disagreement, or different stances at different times, ...
        "stance": cell.stance,
        "certainty": cell.certainty,
        "sources": [{"source": source, "stances": list(stances)} for source, stances in cell.sources.items()],
        "changed": cell.changed,
        "positions": list(cell.positions),
        "history": list(cell.history),
        "approximate": cell.approximate,
        "reading_differs": cell.reading_differs,
        "back_and_forth": cell.back_and_forth,
    }


def figure_row(figure: StatedFigure) -> dict[str, Any]:
    """A stated figure with each source's value; a discrepancy when sources give different values."""
    return {
        "id": figure.id,
        "name": figure.name,
        "unit": figure.unit,
        "issue": figure.issue,
        "values": [
            {"value": value.value, "as_of": None if value.as_of is None else str(value.as_of), "citations": _citations(value.citations)}
            for value in figure.values
        ],
        "discrepancy": is_discrepancy(figure),
    }


def _cell_text(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def codebook_markdown(data: Landscape) -> str:
    """The codebook as one Markdown table, grouped, in the data's order: what the README shows."""
    lines = ["| group | issue (id) | proposition | supports means | opposes means | what is filed here |", "|---|---|---|---|---|---|"]
    groups = list(dict.fromkeys(issue.group for issue in data.issues))
    for group in groups:
        for issue in (issue for issue in data.issues if issue.group == group):
            cells = [group.value, f"**{issue.name}** (`{issue.id}`)", issue.proposition, issue.supports_means, issue.opposes_means, issue.scope]
            lines.append("| " + " | ".join(_cell_text(cell) for cell in cells) + " |")
    return "\n".join(lines) + "\n"


# --- the explorer's downloads: rows in names and plain words, for a newsroom ------------------------


# The newsroom table's header for each field of a position (Position.model_fields), and why the others are not columns:
# a field added to the model fails tests/test_export.py until it is in one of the two.
FIELD_HEADERS = {
    "id": "Position id",
    "supersedes": "Replaces",
    "contradicts": "Contradicts",
    "party": "Party",
    "issue": "Issue",
    "stance": "Stance",
    "certainty": "Certainty",
    "summary": "Summary",
    "as_of": "As of",
    "date_basis": "Date from",
    "date_note": "Date note",
    "attribution": "Attribution",
    "speaker": "Speaker",
}
NOT_IN_TABLE = {
    "citations": "one row per quote: Quote, Quote no. and the source's columns",
    "distinct_from": "a curator's note between positions of different moments; in the JSON download",
    "condition": "the condition's words stand in the summary and the quote; in the JSON download",
}
EXPORT_HEADERS = [
    "Position id",
    "Status",
    "Replaces",
    "Replaced by",
    "Contradicts",
    "Party",
    "Issue",
    "Proposition",
    "Stance",
    "Certainty",
    "Summary",
    "As of",
    "Date precision",
    "Date from",
    "Date note",
    "Attribution",
    "Speaker",
    "Quote",
    "Quote no.",
    "Outlet",
    "Title",
    "Author",
    "Published",
    "URL",
    "Passage in the app",
]
LINK_HEADERS = ("URL", "Passage in the app")
# The stable position ids: what a newsroom quotes back to tell two rows apart ("Cite this position" shows the same id).
ID_HEADERS = ("Position id", "Replaces", "Replaced by", "Contradicts")


def replaced_by(positions: pd.DataFrame) -> dict[str, str]:
    """position id -> the id of the position that replaced it."""
    return {earlier: later for later, earlier in zip(positions["id"], positions["supersedes"], strict=True) if earlier}


def _json_value(value: object) -> object:
    if isinstance(value, (list, tuple)):
        return list(value)
    return None if value == "" else value


def rows_as_json(rows: pd.DataFrame, frames: Frames | None = None) -> str:
    """The rows for tools: every field of each position in ids and codes, its status, and its quotes."""
    later = replaced_by(frames.positions) if frames is not None else {}
    records = [
        {
            # every field of the model as the data file has it (the frame holds each under its own name, "" for none)
            **{name: _json_value(row[name]) for name in Position.model_fields if name not in REPLACED},
            "as_of_precision": row["as_of_precision"],
            "status": status_word(row["superseded"]),
            "superseded_by": later.get(row["id"]),
            "citations": row["citations"] or [],
        }
        for _, row in rows.iterrows()
    ]
    return json.dumps(records, ensure_ascii=False, indent=2)


_SLUG = re.compile(r"[^a-z0-9]+")


def view_file_name(kind: str, labels: list[str], version: str, extension: str) -> str:
    """A download's name after what it holds: 'positions_russia-security_data-2026-11-27.csv'; the whole data says 'all'."""
    words = [_SLUG.sub("-", unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode().casefold()).strip("-") for label in labels]
    view = "_".join(word for word in words if word)[:80].strip("-_") or "all"
    return f"{kind}_{view}_data-{version}.{extension}"


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> object:
    """A text cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first) prefixed with ', as OWASP advises."""
    return "'" + value if isinstance(value, str) and value.startswith(_FORMULA_START) else value


def passage_link(app_url: str, source: str, cite: int) -> str:
    """The app's address of one passage in the reader: {app_url}/sources?read=<source>&cite=<passage index>."""
    return f"{app_url.rstrip('/')}/sources?{urlencode({'read': source, 'cite': int(cite)})}"


def export_table(rows: pd.DataFrame, frames: Frames, app_url: str) -> pd.DataFrame:
    """One row per quote of each position, every cell a string in names and plain words (EXPORT_HEADERS)."""
    sources = {row.id: row for row in frames.sources.itertuples()}
    propositions = dict(zip(frames.issues["id"], frames.issues["proposition"], strict=True))
    quotes = dict(zip(frames.citations["cite"], zip(frames.citations["source"], frames.citations["quote"], strict=True), strict=True))

    def text(value: object) -> str:
        return value if known(value) else ""

    later = replaced_by(frames.positions)
    records = []
    for row in rows.itertuples():
        cites = row.passages or ()
        for number, cite in enumerate(cites, start=1):
            source_id, quote = quotes[cite]
            source = sources[source_id]
            own = {  # the position's own fields, in names and plain words
                "id": row.id,
                "supersedes": row.supersedes or "",
                "contradicts": "; ".join(row.contradicts),
                "party": row.party_name,
                "issue": row.issue_name,
                "stance": STANCE[row.stance].word,
                "certainty": CERTAINTY[row.certainty].word,
                "summary": row.summary,
                "as_of": row.as_of,
                "date_basis": DATE_BASIS[row.date_basis].word,
                "date_note": row.date_note,
                "attribution": ATTRIBUTION[row.attribution].word,
                "speaker": row.speaker,
            }
            added = {
                "Status": status_word(row.superseded),
                "Replaced by": later.get(row.id, ""),
                "Proposition": propositions[row.issue],
                "Date precision": row.as_of_precision,
                "Quote": quote,
                "Quote no.": f"{number} of {len(cites)}",
                "Outlet": text(source.outlet),
                "Title": text(source.title),
                "Author": text(source.author),
                "Published": text(source.published),
                "URL": text(source.url),
                "Passage in the app": passage_link(app_url, source_id, cite),
            }
            records.append({**{FIELD_HEADERS[name]: value for name, value in own.items()}, **added})
    return pd.DataFrame(records, columns=EXPORT_HEADERS, dtype=object)


def rows_as_csv(rows: pd.DataFrame, frames: Frames, app_url: str) -> bytes:
    """The export table as CSV in UTF-8 with a byte-order mark, so that Excel reads the accents and dashes."""
    table = export_table(rows, frames, app_url).map(spreadsheet_safe)
    return table.to_csv(index=False).encode("utf-8-sig")


def rows_as_xlsx(rows: pd.DataFrame, frames: Frames, app_url: str) -> bytes:
    """The export table as an Excel workbook: text cells only (never formulas), links clickable, header frozen."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    table = export_table(rows, frames, app_url)
    book = Workbook()
    sheet = book.active
    sheet.title = "Positions"
    sheet.append(list(table.columns))
    for record in table.itertuples(index=False):
        sheet.append(list(record))
    links = {table.columns.get_loc(header) + 1 for header in LINK_HEADERS}
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if cell.data_type == "f":  # openpyxl reads a string starting with '=' as a formula: keep it text
                cell.data_type = "s"
            if cell.column in links and cell.value:
                cell.hyperlink = cell.value
                cell.style = "Hyperlink"
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = {"Summary": 60, "Quote": 60, "Proposition": 50, "Title": 40, "URL": 40, "Passage in the app": 40}
    for index, header in enumerate(table.columns, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = widths.get(header, 18)
        if header in ("Summary", "Quote", "Proposition"):
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()

"""The validated dataset as plain JSON-ready data: a stable shape other tools build on."""

from __future__ import annotations

import datetime as dt
from typing import Any

from landscape.cells import Cell, compute_cells, inputs_from_landscape
from landscape.load import Dataset
from landscape.schema import Landscape, StatedFigure, is_discrepancy

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
        "positions": [
            {
                "id": position.id,
                "party": position.party,
                "issue": position.issue,
                "stance": position.stance.value,
                "summary": position.summary,
                "as_of": str(position.as_of),
                "as_of_precision": position.as_of.precision.value,
                "attribution": position.attribution.value,
                "certainty": position.certainty.value,
                "date_basis": position.date_basis,
                "speaker": position.speaker,
                "supersedes": position.supersedes,
                "citations": _citations(position.citations),
            }
            for position in data.positions
        ],
        "events": [
            {
                "id": event.id,
                "date": str(event.date),
                "date_precision": event.date.precision.value,
                "date_basis": event.date_basis,
                "title": event.title,
                "kind": event.kind,
                "parties": list(event.parties),
                "issues": list(event.issues),
                "citations": _citations(event.citations),
            }
            for event in data.events
        ],
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
    }


def cell_row(cell: Cell) -> dict[str, Any]:
    """A party × issue cell: its verdict from the sources, the stance they establish, who says what."""
    return {
        "party": cell.party,
        "issue": cell.issue,
        "verdict": cell.verdict.value,
        "stance": cell.stance,
        "certainty": cell.certainty,
        "sources": [{"source": source, "stances": list(stances)} for source, stances in cell.sources.items()],
        "changed": cell.changed,
        "positions": list(cell.positions),
        "history": list(cell.history),
        "approximate": cell.approximate,
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

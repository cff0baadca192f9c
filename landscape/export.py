"""The validated dataset as plain JSON-ready data: a stable shape other tools build on."""

from __future__ import annotations

from typing import Any

from landscape.load import Dataset

_BIBLIOGRAPHIC = ("title", "outlet", "author", "published", "url")


def _citations(citations: Any) -> list[dict[str, str]]:
    return [{"source": citation.source, "quote": citation.quote} for citation in citations]


def export_dict(dataset: Dataset) -> dict[str, Any]:
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
                "speaker": position.speaker,
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
    }

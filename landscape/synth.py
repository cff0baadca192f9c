"""A synthetic dataset N times the real one, for measuring how the app scales.

Every object is copied N times with its id suffixed; quotes stay the real articles' words
(so the copy validates), and copies of a source cite the same seed file. Parties and issues
grow by the square root of N, so the matrix grows with N (not N²) while each cell still holds
about as many positions as today.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import yaml

try:
    from yaml import CSafeDumper as _Dumper
except ImportError:  # pragma: no cover
    from yaml import SafeDumper as _Dumper  # type: ignore[assignment]

from landscape.load import DEFAULT_DATA


class _NoAliasDumper(_Dumper):
    """Writes shared values out in full: the loader refuses anchors and aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


_OKABE_ITO = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"]


def _copy_id(item_id: str, copy: int) -> str:
    return item_id if copy == 0 else f"{item_id}-x{copy}"


def synthesize(data: dict[str, Any], scale: int) -> dict[str, Any]:
    """The dataset, scaled: sources, positions, events and viewpoints ×scale; parties and issues ×√scale."""
    if scale < 1:
        raise ValueError("scale must be 1 or more")
    side = math.ceil(math.sqrt(scale))
    out: dict[str, Any] = {
        "schema_version": data["schema_version"],
        "updated": str(data["updated"]),
        "changelog": data.get("changelog", []),
        "questions": data["questions"],
    }

    out["sources"] = [{**source, "id": _copy_id(source["id"], k)} for k in range(scale) for source in data["sources"]]
    out["parties"] = [
        {
            **party,
            "id": _copy_id(party["id"], k),
            "name": party["name"] if k == 0 else f"{party['name']} {k + 1}",
            "colour": party["colour"] if k == 0 else _OKABE_ITO[(k + index) % len(_OKABE_ITO)],
        }
        for k in range(side)
        for index, party in enumerate(data["parties"])
    ]
    out["issues"] = [
        {**issue, "id": _copy_id(issue["id"], k), "name": issue["name"] if k == 0 else f"{issue['name']} ({k + 1})"}
        for k in range(side)
        for issue in data["issues"]
    ]

    def cites(citations: list[dict[str, str]], k: int) -> list[dict[str, str]]:
        return [{**citation, "source": _copy_id(citation["source"], k)} for citation in citations]

    positions, events, viewpoints, figures = [], [], [], []
    for k in range(scale):
        party_copy, issue_copy = k % side, (k // side) % side
        for position in data.get("positions", []):
            copy = {
                **position,
                "id": _copy_id(position["id"], k),
                "party": _copy_id(position["party"], party_copy),
                "issue": _copy_id(position["issue"], issue_copy),
                "citations": cites(position["citations"], k),
            }
            if position.get("supersedes"):
                copy["supersedes"] = _copy_id(position["supersedes"], k)
            for field in ("contradicts", "distinct_from"):  # positions of the same copy, as supersedes
                if position.get(field):
                    copy[field] = [_copy_id(other, k) for other in position[field]]
            if position.get("condition"):  # a condition ties its own copy's issue and refuses its own copy's position
                condition = dict(position["condition"])
                if condition.get("issue"):
                    condition["issue"] = _copy_id(condition["issue"], issue_copy)
                if condition.get("rejects"):
                    condition["rejects"] = _copy_id(condition["rejects"], k)
                copy["condition"] = condition
            positions.append(copy)
        for event in data.get("events", []):
            events.append(
                {
                    **event,
                    "id": _copy_id(event["id"], k),
                    "citations": cites(event["citations"], k),
                    "parties": [_copy_id(p, party_copy) for p in event.get("parties", [])],
                    "issues": [_copy_id(i, issue_copy) for i in event.get("issues", [])],
                }
            )
        for viewpoint in data.get("viewpoints", []):
            viewpoints.append(
                {
                    **viewpoint,
                    "id": _copy_id(viewpoint["id"], k),
                    "source": _copy_id(viewpoint["source"], k),
                    "citations": cites(viewpoint["citations"], k),
                    "answers": [{**answer, "citations": cites(answer["citations"], k)} for answer in viewpoint.get("answers", [])],
                }
            )
        for figure in data.get("figures", []):
            figures.append(
                {
                    **figure,
                    "id": _copy_id(figure["id"], k),
                    **({"issue": _copy_id(figure["issue"], issue_copy)} if figure.get("issue") else {}),
                    "values": [{**value, "citations": cites(value["citations"], k)} for value in figure["values"]],
                }
            )
    reviewed = [
        {**entry, "source": _copy_id(entry["source"], k), **({"position": _copy_id(entry["position"], k)} if entry.get("position") else {})}
        for k in range(scale)
        for entry in data.get("reviewed", [])
    ]
    out.update(positions=positions, events=events, viewpoints=viewpoints, figures=figures, reviewed=reviewed)
    return out


def write_synthetic(scale: int, out: Path, source: Path = DEFAULT_DATA) -> Path:
    data = yaml.load(source.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    # Dates stay text, as curated ("2025-08" and "2025-08-15" alike).
    for section in ("positions", "events"):
        for item in data.get(section, []):
            for key in ("as_of", "date"):
                if key in item:
                    item[key] = str(item[key])
    for figure in data.get("figures", []):
        for value in figure["values"]:
            for key in ("as_of", "value"):
                if value.get(key) is not None:
                    value[key] = str(value[key])
    for source_item in data["sources"]:
        if source_item["published"].get("value") is not None:
            source_item["published"]["value"] = str(source_item["published"]["value"])
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("x", encoding="utf-8") as handle:  # never over an existing file (FileExistsError): it may be curated data
        yaml.dump(synthesize(data, scale), handle, Dumper=_NoAliasDumper, allow_unicode=True, sort_keys=False, width=200)
    return out

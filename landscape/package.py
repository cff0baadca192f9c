"""The export as a Frictionless data package: CSV tables with a table schema and foreign keys.

One CSV per table (sources, parties, issues, positions, citations, events, cells, figures, state of play, conditions) and a
datapackage.json describing them, so any tool that reads Frictionless packages can join them.
"""

from __future__ import annotations

import csv
import io
import json
import typing
import zipfile
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from landscape.export import export_dict, spreadsheet_safe
from landscape.load import REFERENCES, SINGULAR, Dataset
from landscape.schema import Condition, Event, Position

LICENSE_NOTE = "Curated data: positions, summaries and codes; quotes are short excerpts of the cited articles."


def _field(name: str, kind: str = "string", description: str = "", *, required: bool = False) -> dict[str, Any]:
    field: dict[str, Any] = {"name": name, "type": kind}
    if description:
        field["description"] = description
    if required:
        field["constraints"] = {"required": True}
    return field


def _key(field: str, resource: str, target: str = "id") -> dict[str, Any]:
    return {"fields": field, "reference": {"resource": resource, "fields": target}}


# The positions' and events' columns follow their models: every field under its name, described as the model describes
# it (a new field comes along), except: citations, which have a table of their own; a condition, whose fields become
# condition_<name> columns; lists of ids, joined by ';'. A field naming another object's id (load.REFERENCES) is a
# foreign key. Added: how precisely each date is known, after the date.
ELSEWHERE = {"citations": "citations"}
NESTED: dict[str, type[BaseModel]] = {"condition": Condition}
ADDED = {
    (Position, "as_of"): _field("as_of_precision", description="day, month, year or window: how precisely as_of is known"),
    (Event, "date"): _field("date_precision", description="day, month, year or window: how precisely the date is known"),
}


def _model_fields(model: type[BaseModel], table: str, prefix: str = "") -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """A model's columns and foreign keys in the table `table`."""
    fields: list[dict[str, Any]] = []
    keys: list[dict[str, Any]] = []
    for name, info in model.model_fields.items():
        if name in ELSEWHERE:
            continue
        if name in NESTED:
            nested_fields, nested_keys = _model_fields(NESTED[name], table, prefix=f"{name}_")
            fields, keys = fields + nested_fields, keys + nested_keys
            continue
        description, target = info.description or "", REFERENCES.get((model, name))
        if target and typing.get_origin(info.annotation) is list:
            ids = f"{SINGULAR[target]} ids separated by ';'"
            description = f"{description}; {ids}" if description else ids
        elif target:
            keys.append(_key(prefix + name, "" if target == table else target))
        fields.append(_field(prefix + name, description=description, required=info.is_required() and not prefix))
        if (model, name) in ADDED:
            fields.append(ADDED[(model, name)])
    return fields, keys


def _model_table(model: type[BaseModel], table: str) -> tuple[list[dict[str, Any]], list[str], list[dict[str, Any]]]:
    fields, keys = _model_fields(model, table)
    return fields, ["id"], keys


def model_record(row: dict[str, Any]) -> dict[str, Any]:
    """An exported object as one CSV row: lists of ids joined by ';', a nested object's fields as <name>_<field>."""
    record: dict[str, Any] = {}
    for name, value in row.items():
        if name in NESTED:
            record |= {f"{name}_{key}": nested for key, nested in (value or {}).items()}
        elif name in ELSEWHERE:
            continue
        elif isinstance(value, list):
            record[name] = ";".join(value)
        else:
            record[name] = value
    return record


# name -> (fields, primary key, foreign keys)
SCHEMAS: dict[str, tuple[list[dict[str, Any]], list[str] | None, list[dict[str, Any]]]] = {
    "sources": (
        [
            _field("id", required=True),
            _field("file"),
            _field("title"),
            _field("outlet"),
            _field("author"),
            _field("published", description="YYYY, YYYY-MM or YYYY-MM-DD, as precise as known"),
            _field("url"),
            *(_field(f"{name}_basis", description="text, public, inferred or unknown") for name in ("title", "outlet", "author", "published", "url")),
        ],
        ["id"],
        [],
    ),
    "parties": ([_field("id", required=True), _field("name"), _field("kind"), _field("colour")], ["id"], []),
    "issues": (
        [
            _field("id", required=True),
            _field("name"),
            _field("group"),
            _field("proposition"),
            _field("supports_means"),
            _field("opposes_means"),
            _field("scope"),
        ],
        ["id"],
        [],
    ),
    "positions": _model_table(Position, "positions"),
    "citations": (
        [
            _field("owner_kind", description="position, event, viewpoint, answer or figure"),
            _field("owner_id"),
            _field("source", required=True),
            _field("quote", description="verbatim words of the article"),
        ],
        None,
        [_key("source", "sources")],
    ),
    "events": _model_table(Event, "events"),
    "cells": (
        [
            _field("party", required=True),
            _field("issue", required=True),
            _field("verdict"),
            _field("stance"),
            _field("certainty"),
            _field("sources", description="source ids separated by ';'"),
            _field("changed", "boolean"),
            _field("positions", description="current position ids separated by ';'"),
        ],
        ["party", "issue"],
        [_key("party", "parties"), _key("issue", "issues")],
    ),
    "state_of_play": (
        [
            _field("issue", required=True),
            _field("state", description="common_ground, sticking_point or open"),
            _field("accepting", description="party ids that support it, separated by ';'"),
            _field("opposing", description="party ids that oppose it, separated by ';'"),
            _field("conditional", description="party ids that accept it only on a condition, separated by ';'"),
            _field("unclear", description="party ids covered but unclear (sources disagree, mixed signals, ambiguous), separated by ';'"),
            _field("silent", description="party ids no article covers on it, separated by ';'"),
            _field("positions", description="the position ids behind the cells, separated by ';'"),
        ],
        ["issue"],
        [_key("issue", "issues")],
    ),
    "conditions": (
        [
            _field("position", required=True),
            _field("party"),
            _field("issue", description="the conditional position's issue"),
            _field("text", description="the condition's words, as they stand in the position's quote"),
            _field("linked_issue", description="another issue the condition is about"),
            _field("needs", description="the stance on linked_issue the condition needs"),
            _field("rejected_by", description="party ids that refuse the condition, separated by ';'"),
            _field("rejecting_positions", description="the positions behind those refusals, separated by ';'"),
        ],
        ["position"],
        [_key("position", "positions"), _key("issue", "issues"), _key("linked_issue", "issues")],
    ),
    "figures": (
        [
            _field("figure", required=True),
            _field("name"),
            _field("unit"),
            _field("issue"),
            _field("value"),
            _field("as_of"),
            _field("source", required=True),
            _field("quote"),
            _field("discrepancy", "boolean"),
        ],
        None,
        [_key("issue", "issues"), _key("source", "sources")],
    ),
}


def package_tables(dataset: Dataset) -> dict[str, list[dict[str, Any]]]:
    data = export_dict(dataset)
    citations = []
    for kind, rows in (("position", data["positions"]), ("event", data["events"]), ("viewpoint", data["viewpoints"])):
        for row in rows:
            citations += [{"owner_kind": kind, "owner_id": row["id"], **citation} for citation in row["citations"]]
    for viewpoint in data["viewpoints"]:
        for answer in viewpoint["answers"]:
            citations += [{"owner_kind": "answer", "owner_id": viewpoint["id"], **citation} for citation in answer["citations"]]
    figures = [
        {
            "figure": figure["id"],
            "name": figure["name"],
            "unit": figure["unit"],
            "issue": figure["issue"],
            "value": value["value"],
            "as_of": value["as_of"],
            "source": citation["source"],
            "quote": citation["quote"],
            "discrepancy": figure["discrepancy"],
        }
        for figure in data["figures"]
        for value in figure["values"]
        for citation in value["citations"]
    ]
    for figure in data["figures"]:
        citations += [{"owner_kind": "figure", "owner_id": figure["id"], **citation} for value in figure["values"] for citation in value["citations"]]
    return {
        "sources": data["sources"],
        "parties": data["parties"],
        "issues": data["issues"],
        "positions": [model_record(row) for row in data["positions"]],
        "citations": citations,
        "events": [model_record(row) for row in data["events"]],
        "cells": [
            {**cell, "sources": ";".join(source["source"] for source in cell["sources"]), "positions": ";".join(cell["positions"])} for cell in data["cells"]
        ],
        "figures": figures,
        "state_of_play": [
            {
                **{key: ";".join(state[key]) for key in ("accepting", "opposing", "conditional", "unclear", "silent")},
                "issue": state["issue"],
                "state": state["state"],
                "positions": ";".join(position for ids in state["positions"].values() for position in ids),
            }
            for state in data["state_of_play"]
        ],
        "conditions": [
            {
                "position": condition["position"],
                "party": condition["party"],
                "issue": state["issue"],
                "text": condition["text"],
                "linked_issue": condition["issue"],
                "needs": condition["stance"],
                "rejected_by": ";".join(condition["rejected_by"]),
                "rejecting_positions": ";".join(condition["rejecting_positions"]),
            }
            for state in data["state_of_play"]
            for condition in state["conditions"]
        ],
    }


def _csv(rows: list[dict[str, Any]], fields: list[str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        # A text a spreadsheet would run as a formula (=HYPERLINK(...), +cmd|...) gets a leading ', as in the explorer's files.
        writer.writerow({name: ("true" if value is True else "false" if value is False else spreadsheet_safe(value)) for name, value in row.items()})
    return out.getvalue()


def package_files(dataset: Dataset) -> dict[str, str]:
    """File name -> text: datapackage.json and one CSV per table."""
    tables = package_tables(dataset)
    resources, files = [], {}
    for name, (fields, primary_key, foreign_keys) in SCHEMAS.items():
        path = f"{name}.csv"
        files[path] = _csv(tables[name], [field["name"] for field in fields])
        schema: dict[str, Any] = {"fields": fields, "missingValues": [""]}
        if primary_key:
            schema["primaryKey"] = primary_key
        if foreign_keys:
            schema["foreignKeys"] = foreign_keys
        resources.append(
            {"name": name, "path": path, "profile": "tabular-data-resource", "format": "csv", "encoding": "utf-8", "mediatype": "text/csv", "schema": schema}
        )
    descriptor = {
        "name": "negotiation-landscape",
        "title": "Negotiation Landscape: positions in the 2025 Russia–Ukraine peace negotiations",
        "version": str(dataset.landscape.updated),
        "changelog": list(dataset.landscape.changelog),  # what changed in this version, as the data file says
        "description": "Where each party stands on each issue, as five 2025 articles report it, every statement cited verbatim. " + LICENSE_NOTE,
        "profile": "tabular-data-package",
        "resources": resources,
    }
    files["datapackage.json"] = json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"
    return files


def write_package(dataset: Dataset, out: Path) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    for name, text in package_files(dataset).items():
        (out / name).write_text(text, encoding="utf-8")
    return out / "datapackage.json"


def package_zip(dataset: Dataset) -> bytes:
    """The package as one zip file, for a download button."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in package_files(dataset).items():
            # writestr of a bare name stores mode 0600: unzipped, only its owner could read it. Readable by all, like a download.
            info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = (0o100644 & 0xFFFF) << 16
            archive.writestr(info, text)
    return buffer.getvalue()

"""python -m landscape export: the stable JSON shape other tools build on."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import re
import subprocess
import sys
from types import SimpleNamespace

import yaml
from builders import DP_QUOTES, base, citation, frames_of, load
from conftest import PROJECT_ROOT, real_data

from landscape.__main__ import main
from landscape.export import codebook_markdown, export_dict, rows_as_csv, rows_as_json
from landscape.frames import Selection
from landscape.load import load_dataset
from landscape.views import explorer_view


def run_export(*args: str) -> SimpleNamespace:
    """The command line's export, called in-process: its exit code and what it printed."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["export", *args])
    return SimpleNamespace(returncode=code, stdout=out.getvalue(), stderr=err.getvalue())


def test_export_has_the_documented_shape(write_yaml, small_yaml):
    result = run_export(str(write_yaml(small_yaml)))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data["sources"][0]) >= {"id", "file", "title", "outlet", "author", "published", "url"}
    assert data["sources"][0]["published"] == "2025-08-09"
    assert data["parties"][0]["id"] == "russia" and data["parties"][0]["name"] == "Russia"
    assert {"id", "name"} <= set(data["issues"][0])
    position = data["positions"][0]
    assert {"id", "party", "issue", "stance", "summary", "as_of", "citations"} <= set(position)
    assert position["as_of"] == "2025-08" and position["as_of_precision"] == "month"
    assert position["citations"][0]["source"] == "dp"
    assert {"id", "date", "title", "citations"} <= set(data["events"][0])
    assert {"id", "source", "thesis", "citations"} <= set(data["viewpoints"][0])


def test_unknown_values_are_exported_as_null(write_yaml, small_yaml):
    unknown_author = small_yaml.replace("author: {value: Dan Caldwell, basis: public}", "author: {value: null, basis: unknown}")
    data = json.loads(run_export(str(write_yaml(unknown_author))).stdout)
    assert data["sources"][0]["author"] is None
    assert data["sources"][0]["author_basis"] == "unknown"


def test_export_of_invalid_data_fails_with_located_problems(write_yaml, small_yaml):
    path = write_yaml(small_yaml.replace("stance: opposes", "stance: maybe"))
    result = run_export(str(path))
    assert result.returncode == 1
    assert result.stdout == ""
    assert f"{path}:" in result.stderr and "Traceback" not in result.stderr


def test_validate_exits_1_and_prints_every_problem_without_traceback(write_yaml, small_yaml):
    path = write_yaml(small_yaml.replace("stance: opposes", "stance: maybe").replace("    party: russia", "    party: x"))
    result = subprocess.run([sys.executable, "-m", "landscape", "validate", str(path)], cwd=PROJECT_ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.count(f"{path}:") == 2 and "2 problems found." in result.stderr
    assert "Traceback" not in result.stderr


def test_the_exported_cell_of_a_change_names_its_verdict_stance_sources_and_history(write_yaml, small_yaml):
    """In process (the command's own path is tested above), so that mutation testing sees which code it covers."""
    changed = small_yaml.replace(
        "events:\n",
        "  - id: p2\n    party: russia\n    issue: sanctions\n    stance: supports\n    summary: Later.\n    as_of: 2025-08-09\n"
        "    attribution: reported\n    certainty: hedged\n    supersedes: p1\n"
        '    citations: [{source: dp, quote: "Russia now has an undeniable military edge."}]\n'
        "figures:\n  - id: edge\n    name: Who has the edge\n    values:\n      - value: Russia\n"
        '        citations: [{source: dp, quote: "Russia now has an undeniable military edge."}]\n'
        "events:\n",
    )
    data = json.loads(json.dumps(export_dict(load_dataset(write_yaml(changed)))))
    later = next(position for position in data["positions"] if position["id"] == "p2")
    assert (later["supersedes"], later["certainty"], later["date_basis"]) == ("p1", "hedged", "text")
    [cell] = data["cells"]
    assert cell == {
        "party": "russia",
        "issue": "sanctions",
        "verdict": "changed",
        "verdict_text": "changed over time",
        "stance": "supports",
        "certainty": "hedged",
        "sources": [{"source": "dp", "stances": ["supports"]}],
        "changed": True,
        "positions": ["p2"],
        "history": ["p1"],
        "approximate": False,
        "reading_differs": False,
        "back_and_forth": False,
    }
    [figure] = data["figures"]
    assert figure["values"][0]["value"] == "Russia" and figure["values"][0]["citations"][0]["source"] == "dp"
    assert figure["values"][0]["as_of"] is None
    assert figure["discrepancy"] is False


def test_an_unknown_publication_date_is_exported_as_null_with_no_precision(write_yaml, small_yaml):
    unknown = small_yaml.replace("published: {value: 2025-08-09, basis: public}", "published: {value: null, basis: unknown}")
    [source] = export_dict(load_dataset(write_yaml(unknown)))["sources"]
    assert (source["published"], source["published_basis"], source["published_precision"]) == (None, "unknown", None)


def _raw_data() -> dict:
    """The real data file read by plain YAML, independently of the loader."""
    return yaml.safe_load((PROJECT_ROOT / "data" / "positions.yaml").read_text(encoding="utf-8"))


def _precision(value) -> str:
    if "/" in str(value):
        return "window"  # an EDTF interval, 2025-08-19/2025-08-24
    return {10: "day", 7: "month", 4: "year"}[len(str(value))]


def test_the_export_of_the_real_data_says_what_the_data_file_says():
    raw = _raw_data()
    data = json.loads(json.dumps(export_dict(real_data())))
    assert (data["schema_version"], data["updated"], data["as_of"]) == (raw["schema_version"], str(raw["updated"]), None)
    assert [question["id"] for question in data["questions"]] == [question["id"] for question in raw["questions"]]
    for row, source in zip(data["sources"], raw["sources"], strict=True):
        assert (row["id"], row["file"]) == (source["id"], source["file"])
        for name in ("title", "outlet", "author", "published", "url"):
            value = source[name]["value"]
            assert row[name] == (None if value is None else str(value)), (source["id"], name)
            assert row[f"{name}_basis"] == source[name]["basis"]
        published = source["published"]["value"]
        assert row["published_precision"] == (None if published is None else _precision(published))
    for row, position in zip(data["positions"], raw["positions"], strict=True):
        expected = {
            "id": position["id"],
            "party": position["party"],
            "issue": position["issue"],
            "stance": position["stance"],
            "summary": " ".join(position["summary"].split()),
            "as_of": str(position["as_of"]),
            "as_of_precision": _precision(position["as_of"]),
            "attribution": position["attribution"],
            "certainty": position["certainty"],
            "date_basis": position.get("date_basis", "text"),
            "speaker": position.get("speaker"),
            "supersedes": position.get("supersedes"),
        }
        assert {key: row[key] for key in expected} | {"summary": " ".join(row["summary"].split())} == expected
    for row, event in zip(data["events"], raw["events"], strict=True):
        expected = {
            "id": event["id"],
            "date": str(event["date"]),
            "date_precision": _precision(event["date"]),
            "date_basis": event["date_basis"],
            "title": event["title"],
            "kind": event.get("kind", "negotiation"),
            "parties": event.get("parties", []),
            "issues": event.get("issues", []),
        }
        assert {key: row[key] for key in expected} == expected
    for row, viewpoint in zip(data["viewpoints"], raw["viewpoints"], strict=True):
        assert (row["id"], row["source"], " ".join(row["thesis"].split())) == (viewpoint["id"], viewpoint["source"], " ".join(viewpoint["thesis"].split()))
        got = [(a["question"], a["answer"], " ".join(a["explanation"].split())) for a in row["answers"]]
        assert got == [(a["question"], a["answer"], " ".join(a["explanation"].split())) for a in viewpoint["answers"]]
    for row, figure in zip(data["figures"], raw["figures"], strict=True):
        assert [value["as_of"] for value in row["values"]] == [None if "as_of" not in v else str(v["as_of"]) for v in figure["values"]]
    assert any(value["as_of"] for row in data["figures"] for value in row["values"]), "some stated figure is dated"


def test_the_export_as_of_a_day_replays_the_cells_of_that_day():
    dataset = real_data()
    today = export_dict(dataset)
    first = min(position.as_of.start for position in dataset.landscape.positions)
    before = export_dict(dataset, as_of=first - dt.timedelta(days=1))
    assert (before["as_of"], before["cells"]) == ((first - dt.timedelta(days=1)).isoformat(), [])
    alaska = export_dict(dataset, as_of=dt.date(2025, 8, 14))
    assert alaska["as_of"] == "2025-08-14"
    assert alaska["cells"] and alaska["cells"] != today["cells"]
    assert {(c["issue"], c["party"]) for c in alaska["cells"]} < {(c["issue"], c["party"]) for c in today["cells"]}


def test_a_pipe_in_the_codebook_does_not_split_its_table_row(write_yaml, small_yaml):
    data = load_dataset(write_yaml(small_yaml.replace("scope: Everything about this proposition.", "scope: This | or that.")))
    row = codebook_markdown(data.landscape).splitlines()[2]
    assert "This \\| or that." in row
    assert len(re.split(r"(?<!\\)\|", row)) == 8  # six cells between the outer pipes


def test_the_readme_shows_the_codebook_of_the_real_data():
    from landscape.export import codebook_markdown

    assert codebook_markdown(real_data().landscape) in (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")


def _two_citation_position() -> dict:
    data = base()
    data["positions"][0]["citations"] = [citation(DP_QUOTES[0]), citation(DP_QUOTES[1])]
    return data


def test_csv_download_keeps_every_citation_of_a_position(tmp_path):
    rows = explorer_view(frames_of(tmp_path, _two_citation_position()), Selection(), (), (), "")
    frames = frames_of(tmp_path, _two_citation_position())
    table = list(csv.DictReader(io.StringIO(rows_as_csv(rows, frames, "http://app").decode("utf-8-sig"))))
    assert [row["Quote"] for row in table] == [DP_QUOTES[0], DP_QUOTES[1]]  # one row per quote, none dropped


def test_json_download_keeps_every_citation_of_a_position(tmp_path):
    rows = explorer_view(frames_of(tmp_path, _two_citation_position()), Selection(), (), (), "")
    [record] = json.loads(rows_as_json(rows))
    assert record["citations"] == [citation(DP_QUOTES[0]), citation(DP_QUOTES[1])]


def test_export_keeps_the_citations_of_every_statement(tmp_path):
    data = _two_citation_position()
    exported = export_dict(load(tmp_path, data))
    [answer] = exported["viewpoints"][0]["answers"]
    assert answer["citations"] == data["viewpoints"][0]["answers"][0]["citations"]
    assert answer["citations"]  # viewpoint answers are exported with their citations
    assert exported["viewpoints"][0]["citations"] == data["viewpoints"][0]["citations"]
    assert exported["positions"][0]["citations"] == data["positions"][0]["citations"]
    assert exported["events"][0]["citations"] == [dict(c) for c in data["events"][0]["citations"]]


def test_every_field_of_a_position_reaches_the_frames_the_downloads_and_the_package():
    """The columns follow the model: a field added to Position comes along, or this test names where it must be added."""
    from conftest import real_data_frames

    from landscape.export import EXPORT_HEADERS, FIELD_HEADERS, NOT_IN_TABLE, export_table
    from landscape.frames import POSITION_COLUMNS, REPLACED
    from landscape.package import ELSEWHERE, NESTED, SCHEMAS, package_files
    from landscape.schema import Position

    fields = set(Position.model_fields)
    frames = real_data_frames()
    assert set(frames.positions.columns) == set(POSITION_COLUMNS) >= fields - set(REPLACED)
    for row, position in zip(frames.positions.to_dict("records"), frames.landscape.positions, strict=True):
        own = position.model_dump(mode="json", exclude=set(REPLACED))
        assert {name: row[name] for name in own} == {name: "" if value is None else value for name, value in own.items()}
    assert fields <= set(export_dict(real_data())["positions"][0])
    rows = explorer_view(frames, Selection(), (), (), "")
    assert fields <= set(json.loads(rows_as_json(rows, frames))[0])
    package = {field["name"] for field in SCHEMAS["positions"][0]}
    for name in fields - set(ELSEWHERE):
        assert name in package or any(column.startswith(f"{name}_") for column in package if name in NESTED), name
    header = next(csv.reader(io.StringIO(package_files(real_data())["positions.csv"])))
    assert header == [field["name"] for field in SCHEMAS["positions"][0]]
    # The newsroom table names each field in a reader's words: a new one needs a header, or a reason to leave it out.
    unplaced = fields - set(FIELD_HEADERS) - set(NOT_IN_TABLE)
    assert not unplaced, f"add {sorted(unplaced)} to landscape.export.FIELD_HEADERS (with a header in EXPORT_HEADERS) or to NOT_IN_TABLE"
    assert set(FIELD_HEADERS.values()) <= set(EXPORT_HEADERS) and not set(FIELD_HEADERS) & set(NOT_IN_TABLE)
    table = export_table(rows, frames, "https://app.example")
    assert list(table.columns) == EXPORT_HEADERS and not table.isna().any().any()


def test_every_field_of_an_event_reaches_the_frames_the_export_and_the_package():
    from conftest import real_data_frames

    from landscape.frames import EVENT_COLUMNS, REPLACED
    from landscape.package import ELSEWHERE, SCHEMAS
    from landscape.schema import Event

    fields = set(Event.model_fields)
    frames = real_data_frames()
    assert set(frames.events.columns) == set(EVENT_COLUMNS) >= fields - set(REPLACED)
    by_id = {event.id: event for event in frames.landscape.events}
    for row in frames.events.to_dict("records"):
        own = by_id[row["id"]].model_dump(mode="json", exclude=set(REPLACED))
        assert {name: row[name] for name in own} == {name: "" if value is None else value for name, value in own.items()}
    assert fields <= set(export_dict(real_data())["events"][0])
    assert fields - set(ELSEWHERE) <= {field["name"] for field in SCHEMAS["events"][0]}

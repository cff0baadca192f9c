"""python -m landscape export: the stable JSON shape other tools build on."""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
from types import SimpleNamespace

from conftest import PROJECT_ROOT

from landscape.__main__ import main


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


def test_export_keeps_supersedes_certainty_and_lists_cells_and_figures(write_yaml, small_yaml):
    changed = small_yaml.replace(
        "events:\n",
        "  - id: p2\n    party: russia\n    issue: sanctions\n    stance: supports\n    summary: Later.\n    as_of: 2025-08-09\n"
        "    attribution: reported\n    certainty: hedged\n    supersedes: p1\n"
        '    citations: [{source: dp, quote: "Russia now has an undeniable military edge."}]\n'
        "figures:\n  - id: edge\n    name: Who has the edge\n    values:\n      - value: Russia\n"
        '        citations: [{source: dp, quote: "Russia now has an undeniable military edge."}]\n'
        "events:\n",
    )
    result = run_export(str(write_yaml(changed)))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    later = next(position for position in data["positions"] if position["id"] == "p2")
    assert (later["supersedes"], later["certainty"], later["date_basis"]) == ("p1", "hedged", "text")
    [cell] = data["cells"]
    assert cell == {
        "party": "russia", "issue": "sanctions", "verdict": "changed", "stance": "supports", "certainty": "hedged",
        "sources": [{"source": "dp", "stances": ["supports"]}], "changed": True, "positions": ["p2"], "history": ["p1"],
        "approximate": False,
    }  # fmt: skip
    [figure] = data["figures"]
    assert figure["values"][0]["value"] == "Russia" and figure["values"][0]["citations"][0]["source"] == "dp"
    assert figure["discrepancy"] is False


def test_the_readme_shows_the_codebook_of_the_real_data():
    from landscape.export import codebook_markdown
    from landscape.load import load_dataset

    assert codebook_markdown(load_dataset().landscape) in (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")

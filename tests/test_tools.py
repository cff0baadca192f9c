"""The developer tools live in tools/, outside the shipped package, with one helper to serve the app."""

from __future__ import annotations

import ast
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


def test_the_package_imports_neither_playwright_nor_the_tools():
    for path in sorted((PROJECT_ROOT / "landscape").glob("*.py")):
        imported = _imports(path)
        assert not {name for name in imported if name.split(".")[0] in ("playwright", "tools", "tests")}, path.name


def _landscape_imports(path) -> set[str]:
    """The landscape modules a module imports, at its top or inside a function (a late import is still a dependency)."""
    modules = {module.stem for module in (PROJECT_ROOT / "landscape").glob("*.py")}
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module == "landscape":
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("landscape."):
            names.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            names |= {alias.name.split(".")[1] for alias in node.names if alias.name.startswith("landscape.")}
    return names & modules - {path.stem}


def test_the_package_has_no_import_cycle():
    graph = {path.stem: _landscape_imports(path) for path in (PROJECT_ROOT / "landscape").glob("*.py")}

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

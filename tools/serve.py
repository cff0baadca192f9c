"""One way to serve the app for tools and browser tests: a free port, the server's start, health and stop, Chromium.

    with serve(script="dashboard.py", env={"LANDSCAPE_DATA": path}) as base_url:
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            ...

`serve` yields the base URL (a str; its `.process` is the server's Popen, for its pid). `launch_chromium`
works with the sync and the async playwright API (await it with the latter). Debian's Chromium is used
(apt-get install chromium), not a browser Playwright downloads itself: that download fails in sandboxes without
the network it needs, and as root Chromium runs only with --no-sandbox.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# The app has finished its script run (after a click on a navigation link, wait for the new path first).
READY = "[data-testid='stApp'][data-test-script-state='notRunning']"
STARTUP_TIMEOUT = 60.0


class ServerURL(str):
    """The server's base URL; `.process` is its Popen (for the pid, e.g. to read its peak memory)."""

    process: subprocess.Popen


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_healthy(base_url: str, process: subprocess.Popen, log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {process.returncode} before answering:\n{log.read_text(errors='replace')[-4000:]}")
        try:
            with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as response:
                if response.read().decode().strip() == "ok":
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        time.sleep(0.1)
    raise RuntimeError(f"streamlit did not answer {base_url}/_stcore/health within {timeout:.0f} s:\n{log.read_text(errors='replace')[-4000:]}")


@contextlib.contextmanager
def serve(script: str | Path = "dashboard.py", env: dict[str, str] | None = None, *, timeout: float = STARTUP_TIMEOUT) -> Iterator[ServerURL]:
    """`streamlit run script` (relative to the repository) on a free local port with extra environment; yield its base URL.

    The server's output goes to a temporary log (shown if it fails to start); it is stopped on exit.
    """
    port = free_port()
    environment = {**os.environ, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false", **(env or {})}
    with tempfile.NamedTemporaryFile("w+b", prefix="streamlit-", suffix=".log") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port), "--server.headless", "true"],
            cwd=PROJECT_ROOT,
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            base_url = ServerURL(f"http://127.0.0.1:{port}")
            base_url.process = process
            _wait_healthy(base_url, process, Path(log.name), timeout)
            yield base_url
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)


def launch_chromium(playwright, **options):
    """Headless Debian Chromium with the arguments every tool and test uses (a coroutine with the async API)."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True, **options)


def peak_memory_mb(pid: int) -> float:
    """A process's peak resident memory (VmHWM) in MB, from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def open_overview_cell(page) -> None:
    """Click a cell of the overview's small matrix (a point of its symbols' layer) and wait for that cell's dialog."""
    chart = page.locator("[data-testid='stPlotlyChart']").first
    chart.scroll_into_view_if_needed()
    chart.locator(".scatterlayer .point").nth(1).click(force=True)
    page.get_by_role("dialog").wait_for()

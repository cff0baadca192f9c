"""Browser fixtures: the real Streamlit server in a subprocess, driven by headless Chromium.

In the style of datasette's test suite (``ds_localhost_http_server``): a session-scoped
fixture starts ``streamlit run dashboard.py`` on a free port with ``tools.serve.serve`` (the same
helper the benchmark and the load test use), yields the base URL and stops the server at the end. Every browser test is
skipped, with the reason given, when Debian's Chromium is not installed.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tools.serve import CHROMIUM, READY, launch_chromium, serve

PROJECT_ROOT = Path(__file__).resolve().parents[2]
# Screenshots go outside the tree unless asked for: LANDSCAPE_SCREENSHOTS=screenshots refreshes the README's.
SCREENSHOTS = Path(os.environ.get("LANDSCAPE_SCREENSHOTS") or Path(tempfile.gettempdir()) / "landscape-screenshots")


@pytest.fixture(scope="session")
def app_server() -> Iterator[str]:
    """The real app on the real data, shared by every browser test of the session."""
    with serve("dashboard.py") as base_url:
        yield base_url


@pytest.fixture(scope="session")
def app_url(app_server: str, browser) -> str:
    """Base URL of the shared session server, for tests that drive it in the browser.

    No warm-up visit to "/": the first test's deep link is also the server's first request,
    as after a deploy (test_cold_server_deep_link_runs_the_real_app checks that on its own server).
    """
    return app_server


@pytest.fixture
def start_server() -> Iterator[Callable[..., str]]:
    """Factory: start another server with extra environment, e.g. start_server(LANDSCAPE_DATA=str(path)).

    Each call starts its own process; all of them are stopped when the test ends.
    """
    stack = contextlib.ExitStack()

    def start(**env: str) -> str:
        return stack.enter_context(serve("dashboard.py", env))

    with stack:
        yield start


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"browser tests need Debian's Chromium at {CHROMIUM} (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests need the playwright package")
    with sync_api.sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            yield browser
        finally:
            browser.close()


LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def foreign(url: str) -> bool:
    """Whether a request goes over the network to another host than the app's (data: and blob: URLs stay in the page)."""
    parsed = urlparse(url)
    return parsed.scheme not in ("data", "blob", "about", "chrome-extension") and parsed.hostname not in LOCAL_HOSTS


@contextlib.contextmanager
def guarded_page(browser, width: int, height: int):
    """A fresh page of that size; every request it makes is recorded, and any to another host than the app's fails the test."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.set_default_timeout(30_000)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.requests = requests  # type: ignore[attr-defined]
    try:
        yield page
    finally:
        context.close()
    elsewhere = sorted({url for url in requests if foreign(url)})
    assert not elsewhere, f"the page asked another host: {elsewhere[:10]}"


@pytest.fixture
def page(browser):
    with guarded_page(browser, 1400, 1000) as page:
        yield page


@pytest.fixture
def phone_page(browser):
    """A page the size of a phone (390×844), guarded the same way."""
    with guarded_page(browser, 390, 844) as page:
        yield page


def wait_ready(page, *, path: str | None = None, timeout: float = 30_000) -> None:
    """Wait until the app has finished its script run.

    After a click on a navigation link, pass the new ``path`` (e.g. "/timeline"): the URL
    must change first, otherwise the old page's 'notRunning' state would satisfy the wait.
    """
    if path is not None:
        page.wait_for_url(lambda url: urlparse(url).path.rstrip("/") == path.rstrip("/"), timeout=timeout)
    page.wait_for_selector(READY, timeout=timeout)
    # A rerun can start just after load; give it a moment, then require the idle state again.
    page.wait_for_timeout(300)
    page.wait_for_selector(READY, timeout=timeout)


def goto(page, url: str) -> None:
    page.goto(url)
    wait_ready(page)


def wait_stable(page, locator, *, settle: float = 400, timeout: float = 30_000) -> int:
    """Wait until the app is idle and locator's count has stopped changing; return that count.

    Elements can arrive after the first idle state (a rerun, a lazily drawn block): reading the first
    link before they do, then clicking "the first link" again, may click another one.
    """
    deadline = time.monotonic() + timeout / 1000
    last = -1
    while time.monotonic() < deadline:
        wait_ready(page, timeout=timeout)
        count = locator.count()
        if count == last and count > 0:
            return count
        last = count
        page.wait_for_timeout(settle)
    raise AssertionError(f"{locator} did not settle within {timeout / 1000:.0f} s (last count {last})")


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot as <name>.png in SCREENSHOTS (a temporary folder unless LANDSCAPE_SCREENSHOTS is set)."""
    folder = SCREENSHOTS if SCREENSHOTS.is_absolute() else PROJECT_ROOT / SCREENSHOTS
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{name}.png"
    page.screenshot(path=str(target), full_page=True)
    return target

"""Browser fixtures: the real Streamlit server in a subprocess, driven by headless Chromium.

In the style of datasette's test suite (``ds_localhost_http_server``): a session-scoped
fixture starts ``streamlit run dashboard.py`` on a free port with ``tools.serve.serve`` (the same
helper the benchmark and the load test use), yields the base URL and stops the server at the end. Every browser test is
skipped, with the reason given, when Debian's Chromium is not installed.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tools.serve import CHROMIUM, READY, launch_chromium, serve

PROJECT_ROOT = Path(__file__).resolve().parents[2]
# Screenshots only when asked for, and then outside the tree unless named: LANDSCAPE_SCREENSHOTS=/tmp/shots.
SCREENSHOTS = os.environ.get("LANDSCAPE_SCREENSHOTS", "")


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


@dataclasses.dataclass
class PagePool:
    """One page per size for a worker's session, reused by test after test.

    A Streamlit page opened in a new browser context fetches and compiles the app's scripts again; a page
    that has loaded them before opens the next address sooner. Each test still starts from a new
    document (its first `goto`), and the pool leaves every page on about:blank between tests.
    """

    browser: object
    pages: dict[tuple[int, int], object] = dataclasses.field(default_factory=dict)

    def page(self, width: int, height: int):
        page = self.pages.get((width, height))
        if page is None or page.is_closed():
            page = self.pages[(width, height)] = new_page(self.browser, width, height)
        return page

    def release(self, page) -> None:
        """Back to about:blank (the app's session ends) at the page's own size, without the pages the test opened beside it."""
        try:
            width, height = next(size for size, kept in self.pages.items() if kept is page)
            if page.viewport_size != {"width": width, "height": height}:  # a test resized it
                page.set_viewport_size({"width": width, "height": height})
            if page.url.startswith("http"):  # what the app kept in the browser stays with this test
                page.evaluate("() => { sessionStorage.clear(); localStorage.clear(); }")
            page.goto("about:blank")
            for extra in page.context.pages:
                if extra is not page:
                    extra.close()
        except Exception:  # a crashed or closed page: the next test gets a new one
            self.pages = {size: kept for size, kept in self.pages.items() if kept is not page}
            page.context.close()

    def close(self) -> None:
        for page in self.pages.values():
            page.context.close()


@pytest.fixture(scope="session")
def page_pool(browser) -> Iterator[PagePool]:
    pool = PagePool(browser)
    yield pool
    pool.close()


def new_page(browser, width: int, height: int):
    """A page in a new browser context of that size: nothing cached, nothing stored."""
    page = browser.new_context(viewport={"width": width, "height": height}).new_page()
    page.set_default_timeout(30_000)
    return page


@contextlib.contextmanager
def guarded(page, done: Callable[[object], None]):
    """Record every request the page makes (`page.requests`) and fail the test on any to another host than the app's;
    dismiss and record any JavaScript dialog (`page.dialogs`, alert or confirm) and fail on it. `done(page)` cleans up."""
    requests: list[str] = []
    dialogs: list[str] = []

    def record_request(request) -> None:
        requests.append(request.url)

    def dismiss_dialog(dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("request", record_request)
    page.on("dialog", dismiss_dialog)
    page.requests, page.dialogs = requests, dialogs  # type: ignore[attr-defined]
    try:
        yield page
    finally:
        page.remove_listener("request", record_request)
        page.remove_listener("dialog", dismiss_dialog)
        done(page)
    elsewhere = sorted({url for url in requests if foreign(url)})
    assert not elsewhere, f"the page asked another host: {elsewhere[:10]}"
    assert not dialogs, f"the page opened a JavaScript dialog: {dialogs[:3]}"


def guarded_page(pool: PagePool, width: int, height: int):
    """The pool's page of that size, guarded, and handed back to the pool after the test."""
    return guarded(pool.page(width, height), pool.release)


DESKTOP = (1440, 900)
PHONE = (390, 844)


def fresh_page(browser, width: int = DESKTOP[0], height: int = DESKTOP[1]):
    """A page in a new browser context, as a colleague opening a shared link; guarded like the pool's pages."""
    return guarded(new_page(browser, width, height), lambda page: page.context.close())


@pytest.fixture
def page(page_pool):
    with guarded_page(page_pool, *DESKTOP) as page:
        yield page


@pytest.fixture
def phone_page(page_pool):
    """A page the size of a phone (390×844), guarded the same way."""
    with guarded_page(page_pool, *PHONE) as page:
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


def screenshot(page, name: str) -> Path | None:
    """With LANDSCAPE_SCREENSHOTS set (a folder), save a full-page screenshot there as <name>.png; otherwise nothing."""
    if not SCREENSHOTS:
        return None
    folder = Path(SCREENSHOTS)
    folder = folder if folder.is_absolute() else PROJECT_ROOT / folder
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{name}.png"
    page.screenshot(path=str(target), full_page=True)
    return target


def open_expanders(page, limit: int | None = None) -> int:
    """Open the page's expanders (the first `limit`) a reader can reach, from the last up; return how many.

    From the last up: an opening expander pushes down what is below it, and a click waits for its target to
    stop moving, so top-down waits out an opening animation per expander, bottom-up none. Expanders under
    an open dialog (inert) are out of a reader's reach and stay closed.
    """
    summaries = page.locator("[data-testid='stExpander'] summary").all()[:limit]
    reachable = [summary for summary in summaries if not summary.evaluate("element => Boolean(element.closest('[inert]'))")]
    for summary in reversed(reachable):
        summary.click()
    wait_ready(page)
    return len(reachable)


def wait_for_grid_rows(grid) -> None:
    """Wait until a data grid's accessible copy (a hidden table, filled a moment after the canvas) has a row of cells."""
    grid.locator("table [role='row']").nth(1).wait_for(state="attached")  # its header row, then a cell row


def click_grid(page, grid, x: float, y: float) -> None:
    """Click a data grid at (x, y) from its top left corner, once its rows are drawn.

    The grid draws on a canvas: a click that lands before its data arrived selects nothing. Its
    accessible copy (a hidden table) gets its rows with the data, so those are waited for first.
    """
    wait_for_grid_rows(grid)
    box = grid.bounding_box()
    page.mouse.click(box["x"] + x, box["y"] + y)
    wait_ready(page)

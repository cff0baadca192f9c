"""Hostile data and links in the real app: markup stays inert text, bad data is an error page, odd links a notice."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tools.serve import serve

from .conftest import click_grid, open_expanders, wait_ready

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
EXCEPTION = "[data-testid='stException']"
INJECTED = (
    "img[src='x'], img[src*='evil'], iframe, svg[onload], b[onmouseover], a[href*='evil']:not([href^='#']), "
    "a[href^='javascript:'], a[href^='data:'], a[href^='mailto:'], style:not([data-emotion]):not([nonce])"
)


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """One server for this module on a copy of injection.yaml, which the last test replaces and restores."""
    path = tmp_path_factory.mktemp("hostile") / "live.yaml"
    path.write_text((FIXTURES / "injection.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    with serve("dashboard.py", {"LANDSCAPE_DATA": str(path)}) as base:
        yield base, path


def test_injected_markup_is_shown_as_inert_text(hostile_server, page):
    base, _ = hostile_server

    def assert_inert(where: str) -> None:
        assert page.locator(EXCEPTION).count() == 0, where
        assert page.evaluate("window.__pwned === undefined"), where
        injected = page.locator(f":is([data-testid='stMain'], [data-testid='stSidebar'], [role='tooltip']) :is({INJECTED})")
        assert injected.count() == 0, (where, injected.first.evaluate("e => e.outerHTML"))
        headings = page.locator("[data-testid='stMain'] :is(h1, h2, h3, h4, h5, h6)").all_text_contents()
        assert not [text for text in headings if "Witkoff" in text or "===" in text], (where, headings)  # "\r===\r" made one
        assert not [url for url in page.requests if "evil" in url], where

    for path in ("/", "/matrix", "/timeline", "/positions", "/sources?read=dp&cite=0", "/sources"):
        page.goto(base + path)
        wait_ready(page)
        assert_inert(path)
    for help_icon in page.locator("[data-testid='stSidebar'] [data-testid='stTooltipHoverTarget']").all():
        help_icon.hover()  # the filters' tooltips list every party and issue name
        page.locator("[data-testid='stTooltipContent']").last.wait_for()
        assert_inert("/sources with a filter tooltip open")
    assert open_expanders(page) > 0  # the answers' explanations
    assert_inert("/sources with answers open")
    page.get_by_role("radio", name="Compare on questions", exact=True).click()
    wait_ready(page)
    assert_inert("/sources compare")
    assert page.dialogs == []  # an alert() would have run
    page.get_by_role("radio", name="Viewpoints", exact=True).click()
    wait_ready(page)
    # The hostile title is visible as the literal characters a curator typed.
    expect(page.get_by_text("<script>alert('title')</script> Summit").first).to_be_attached()


@contextlib.contextmanager
def file_replaced(path: Path, content: bytes) -> Iterator[None]:
    """The served data file swapped for `content` (atomically, as a deploy would), and the original put back after."""
    original = path.read_bytes()
    staged = path.parent / "staged.yaml"
    staged.write_bytes(content)
    os.replace(staged, path)
    try:
        yield
    finally:
        staged.write_bytes(original)
        os.replace(staged, path)


@pytest.mark.parametrize("fixture", ["unknown_stance", "billion_laughs", "python_object_tag"])
def test_bad_data_file_shows_an_error_page(hostile_server, page, fixture):
    """The module's server, its file swapped for a bad one: the app reloads a changed file, so this is the page
    a reader meets whether the server started on the bad file or the file changed under it."""
    base, path = hostile_server
    with file_replaced(path, (FIXTURES / "bad" / f"{fixture}.yaml").read_bytes()):
        page.goto(base + "/matrix?party=russia")
        wait_ready(page)
        expect(page.get_by_text("The data file cannot be shown")).to_have_count(1)
        assert page.locator(EXCEPTION).count() == 0
        assert page.locator("[data-testid='stDataFrame']").count() == 0
        assert "Traceback" not in page.locator("[data-testid='stMain']").inner_text()


def test_matrix_cell_heading_keeps_curated_markup_inert(hostile_server, page):
    base, _ = hostile_server
    page.goto(base + "/matrix")
    wait_ready(page)
    grid = page.locator("[data-testid='stDataFrame']").first
    click_grid(page, grid, grid.bounding_box()["width"] - 40, 54)  # the party's cell in the first issue's row
    dialog = page.get_by_role("dialog")  # the opened cell: its title names the party and the issue
    expect(dialog).to_have_count(1)
    assert "Sanctions" in dialog.inner_text()
    assert "![i](http:" in dialog.inner_text().replace("\u2060", "")
    assert page.locator(f":is([data-testid='stMain'], [role='dialog']) :is({INJECTED})").count() == 0


def test_long_repeated_and_unknown_link_parameters_are_dropped(app_url, page):
    long_value = "x" * 5000
    page.goto(f"{app_url}/matrix?party=russia&party=russia&party={long_value}&issue=%3Cscript%3E&colour=red&cite=abc")
    wait_ready(page)
    assert page.locator(EXCEPTION).count() == 0
    notice = page.locator("[data-testid='stMain']").get_by_text("Ignored from the link")
    expect(notice).to_have_count(1)
    text = notice.inner_text()
    assert "colour" in text and "<script>" in text and len(text) < 600
    assert "party=Russia" in page.url and long_value not in page.url and "colour" not in page.url


def test_url_like_values_in_the_link_notice_are_not_links(app_url, page):
    page.goto(f"{app_url}/matrix?party=www.evil-example.com&party=http://evil-example.com/x&party=a@evil-example.com")
    wait_ready(page)
    notice = page.locator("[data-testid='stMain']").get_by_text("Ignored from the link")
    expect(notice).to_have_count(1)
    assert "evil-example" in notice.inner_text()
    assert page.locator("a[href*='evil']").count() == 0


def test_a_hosted_app_survives_its_file_replaced_by_hostile_ones_and_recovers(hostile_server, page):
    """25,000 nested '[' used to kill the server process (a segfault in the C YAML composer); a FIFO hung every viewer."""
    base, path = hostile_server
    good = path.read_text(encoding="utf-8")
    page.goto(base + "/")
    wait_ready(page)
    expect(page.locator("[data-testid='stMetric']").first).to_be_visible()
    for make, message in (
        (lambda p: p.write_text("x: " + "[" * 25_000, encoding="utf-8"), "nested more than 32 levels"),
        (os.mkfifo, "not a regular file"),
    ):
        staged = path.parent / "staged.yaml"
        make(staged)
        os.replace(staged, path)
        page.reload()
        wait_ready(page)
        expect(page.get_by_text("The data file cannot be shown")).to_have_count(1)
        assert message in page.locator("[data-testid='stCode']").inner_text()
    path.unlink()
    path.write_text(good, encoding="utf-8")
    page.reload()
    wait_ready(page)
    expect(page.locator("[data-testid='stMetric']").first).to_be_visible()
    assert page.get_by_text("The data file cannot be shown").count() == 0

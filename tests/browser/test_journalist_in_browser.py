"""Journalist-ready, checked in the real app: an accessibility scan (axe-core) and a walk for ids on every page.

Every view a reader reaches (each page, a matrix cell opened, the reader at a linked passage,
the explorer with a row selected) is scanned by axe-core in Chromium at a desktop and a phone
size, and its text (visible text, the data grids' cells, title and aria-label attributes, the
filters' help, every chart's labels and hover text) is searched for the data's ids and codes.
"""

from __future__ import annotations

import contextlib
import json
import re

import pytest
from conftest import real_data
from shown_ids import FORBIDDEN, FORBIDDEN_PATTERN

from tools.serve import open_overview_cell

from .conftest import DESKTOP, PHONE, click_grid, guarded_page, open_expanders, screenshot, wait_for_grid_rows, wait_ready
from .test_pages_in_browser import PAGE_TITLES, assert_page_in_the_apps_frame

expect = pytest.importorskip("playwright.sync_api", reason="browser tests need the playwright package").expect
axe_playwright = pytest.importorskip("axe_playwright_python.sync_playwright", reason="the accessibility scan needs axe-playwright-python")

pytestmark = pytest.mark.browser

DATASET = real_data()  # the session's one load (tests/conftest.py): the views below are built from it at import
DATA = DATASET.landscape


def _far_passage(source: str) -> int:
    passages = DATASET.passages
    ordered = sorted((index for index, passage in enumerate(passages) if passage.source == source), key=lambda index: passages[index].start)
    return ordered[len(ordered) // 2]


VIEWS = {
    "overview": "/",
    "matrix": "/matrix",
    "matrix-cell": "/matrix?party=Russia&party=United+States&cell=ceasefire-first/russia",
    "matrix-as-of": "/matrix?as_of=2025-08-15",
    "common_ground": "/common_ground",
    "common-ground-condition": "/common_ground?as_of=2025-08-20&party=Russia&party=Ukraine",
    "timeline": "/timeline",
    "sources": "/sources",
    "compare": "/sources?section=Compare+on+questions",
    "reader": f"/sources?read=new-yorker&cite={_far_passage('new-yorker')}",
    "positions-row": "/positions",
    "about": "/about",
    "link-notice": "/matrix?party=nobody&cell=no-such/cell",
    "matrix-group": "/matrix?group=Security&party=Russia&source=The+New+Yorker",  # the filter line, an issue group's chip
    "overview-cell": "/",  # a cell of the small matrix clicked: its dialog
}


@contextlib.contextmanager
def opened_view(page_pool, base: str, view: str):
    """The view at a desktop's size, ready to read (a cell's dialog open, the reader at its passage, an explorer row selected)."""
    with guarded_page(page_pool, *DESKTOP) as page:
        page.goto(base + VIEWS[view])
        wait_ready(page)
        if view == "matrix-cell":
            page.get_by_role("dialog").wait_for()
        elif view == "common-ground-condition":  # a condition opened: its quotes and the refusal's
            page.get_by_text(re.compile(r"^1\. Russia accepts")).click()
            page.get_by_text(re.compile("non-starter for Kyiv")).first.wait_for()
        elif view == "reader":
            page.locator("#cited-passage").wait_for()
        elif view == "overview-cell":
            open_overview_cell(page)
            wait_ready(page)
        elif view == "positions-row":
            click_grid(page, page.locator("[data-testid='stDataFrame']").first, 12, 36 + 18)  # the first row's selection box
            page.get_by_text(re.compile("Read in context")).first.wait_for()
        yield page


# --- accessibility -----------------------------------------------------------------------------

BLOCKING = ("serious", "critical")
# Violations that come from Streamlit's own markup, which the app cannot change: rule id -> CSS selectors
# (axe targets) excluded, each with why. Everything else fails the test.
STREAMLIT_OWN: dict[str, tuple[str, ...]] = {}


def blocking_violations(page) -> list[str]:
    results = axe_playwright.Axe().run(page, options={"resultTypes": ["violations"]})
    found = []
    for violation in results.response["violations"]:
        if violation["impact"] not in BLOCKING:
            continue
        for node in violation["nodes"]:
            target = " ".join(map(str, node["target"]))
            if any(excluded in target for excluded in STREAMLIT_OWN.get(violation["id"], ())):
                continue
            found.append(f"{violation['id']} ({violation['impact']}) at {target}: {node['failureSummary'].splitlines()[-1].strip()}")
    return found


# --- ids -------------------------------------------------------------------------------------


READ_TEXTS = """() => {
  const texts = [document.body.innerText, document.title];
  // The data grids draw on a canvas; their accessible copy (a hidden table) holds every cell's text.
  for (const table of document.querySelectorAll("[data-testid='stDataFrame'] table")) texts.push(table.textContent);
  for (const element of document.querySelectorAll('[title], [aria-label], [placeholder]'))
    texts.push(element.getAttribute('title') || '', element.getAttribute('aria-label') || '', element.getAttribute('placeholder') || '');
  // Every chart's hover text and labels, drawn only when the pointer is over a mark.
  for (const plot of document.querySelectorAll('.js-plotly-plot')) {
    for (const trace of plot.data || []) texts.push(JSON.stringify([trace.name, trace.text, trace.hovertext, trace.customdata, trace.x, trace.y]));
    for (const [key, axis] of Object.entries(plot.layout || {})) if (/^[xy]axis/.test(key)) texts.push(JSON.stringify(axis.ticktext || []));
  }
  return texts.join('\\n');
}"""


def help_tooltips(page) -> list[str]:
    """The filters' help, shown on hovering their question marks."""
    texts = []
    sidebar = page.locator("[data-testid='stSidebar']")
    if not sidebar.is_visible():
        return texts
    for icon in sidebar.locator("[data-testid='stTooltipHoverTarget']").all():
        icon.hover()
        tooltip = page.locator("[data-testid='stTooltipContent']").last
        tooltip.wait_for()
        texts.append(tooltip.inner_text())
        page.mouse.move(0, 0)
    return texts


def test_forbidden_ids_are_the_real_risks_not_ordinary_words():
    assert {"usa", "europe", "new-yorker", "us-involvement", "ceasefire-first", "own_statement"} <= FORBIDDEN
    assert not {"russia", "ukraine", "splinter", "normalisation"} & FORBIDDEN  # their names are the same word


@pytest.mark.parametrize("view", list(VIEWS))
def test_on_a_desktop_and_a_phone_no_accessibility_violation_and_no_id_or_code_where_a_name_exists(app_url, page_pool, view):
    """One visit per view: on a page's own view, that it loads in the app's frame; the axe scan; every text a reader
    can reach, searched for ids; then the same visit at a phone's size (390×844) and the axe scan again.

    Resized rather than loaded anew: Streamlit lays a page out alike either way (the sidebar collapses, columns stack;
    compared by screenshot), and a second load per view would lengthen the suite for nothing. A page loaded at a phone's size is
    checked in test_pages_in_browser (the matrix's columns) and shown by `python -m tools.screenshots`."""
    with opened_view(page_pool, app_url, view) as page:
        if view in PAGE_TITLES:
            assert_page_in_the_apps_frame(page, *PAGE_TITLES[view])
            screenshot(page, view)
        problems = blocking_violations(page)
        assert not problems, "\n".join(problems)
        open_expanders(page, limit=12)  # what an expander holds
        for grid in page.locator("[data-testid='stDataFrame']").all():
            wait_for_grid_rows(grid)
        text = re.sub(r"https?://\S+", "", page.evaluate(READ_TEXTS))  # a link (a citation's) carries ids by design
        if view == "overview":
            text += "\n".join(help_tooltips(page))
        shown = sorted({match.group(1) for match in FORBIDDEN_PATTERN.finditer(text)})
        context_of = {word: text[max(0, text.find(word) - 60) : text.find(word) + 60] for word in shown}
        assert not shown, json.dumps(context_of, ensure_ascii=False, indent=1)

        page.set_viewport_size({"width": PHONE[0], "height": PHONE[1]})
        expect(page.locator("[data-testid='stSidebar']")).not_to_be_in_viewport()  # collapsed, as on a phone
        if view == "link-notice":  # what the link lost is said in the main area, not only in the collapsed sidebar
            notice = page.locator("[data-testid='stMain']").get_by_text("Ignored from the link")
            expect(notice).to_be_visible()
            assert "nobody" in notice.inner_text() and "no-such/cell" in notice.inner_text()
        problems = blocking_violations(page)
        assert not problems, "phone size:\n" + "\n".join(problems)

"""The real app in headless Chromium: pages load, shared links survive navigation, quotes open the reader."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from .conftest import click_grid, fresh_page, screenshot, wait_ready, wait_stable

_sync_api = pytest.importorskip("playwright.sync_api", reason="browser tests need the playwright package")
expect = _sync_api.expect
PlaywrightTimeout = _sync_api.TimeoutError

pytestmark = pytest.mark.browser

SIDEBAR = "[data-testid='stSidebar']"
MAIN = "[data-testid='stMain']"
EXCEPTION = "[data-testid='stException']"


def query(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query, keep_blank_values=True)


def chip_tags(page, label: str = "Parties"):
    """The chips of one sidebar multiselect (rendered tags, not the <template> copy)."""
    widget = page.locator(f"{SIDEBAR} [data-testid='stMultiSelect']").filter(has=page.get_by_label(label, exact=True))
    return widget.locator("[data-testid='stMultiSelectTagsContainer'] [data-tag]")


def chips(page, label: str = "Parties") -> list[str]:
    """The values shown as chips in one sidebar multiselect, now (after expect_chips, or to compare two pages)."""
    return chip_tags(page, label).evaluate_all("els => els.map(e => e.getAttribute('aria-label'))")


def expect_chips(page, expected: list[str], label: str = "Parties") -> None:
    """Wait until the multiselect shows exactly these chips, in order: they arrive after the run reports idle."""
    tags = chip_tags(page, label)
    expect(tags).to_have_count(len(expected))
    for number, name in enumerate(expected):
        expect(tags.nth(number)).to_have_attribute("aria-label", name)


def column_headers(page, having: str | None = None) -> list[str]:
    """Column headers of the first st.dataframe, from glide-data-grid's accessible table, once one reads `having`.

    The grid draws on a canvas; its <table role="grid"> copy is in the DOM but not visible, so
    a CSS role selector is used (get_by_role skips hidden elements). The grid of a filtered
    view can arrive after the run reports idle: a test names a column it expects, and waits for it.
    """
    headers = page.locator("[data-testid='stDataFrame']").first.locator("th[role='columnheader']")
    headers.first.wait_for(state="attached")
    if having is not None:
        expect(headers.filter(has_text=re.compile(rf"^\s*{re.escape(having)}\s*$"))).to_have_count(1)
    return [text.strip() for text in headers.all_text_contents()]


def y_tick_labels(page) -> list[str]:
    """Every y-axis tick label of the plotly chart (both subplots: .ytick and .y2tick)."""
    page.locator(".yaxislayer-above text").first.wait_for(state="attached")
    return page.locator(".yaxislayer-above text").all_text_contents()


# A page's view (in test_journalist_in_browser.VIEWS) -> its heading and its tab title
PAGE_TITLES = {
    "overview": ("Negotiation Landscape", "Overview"),
    "matrix": ("Issue matrix", "Issue matrix"),
    "timeline": ("Timeline", "Timeline"),
    "sources": ("Sources", "Sources and reader"),
    "positions-row": ("Positions explorer", "Positions explorer"),
    "about": ("About the data", "About the data"),
}


def assert_page_in_the_apps_frame(page, heading: str, tab: str) -> None:
    """No exception; the page's own heading and tab title; st.navigation's frame with the three shared filters around it.

    Called on the desktop visit of every page in test_journalist_in_browser (one visit per page for all its checks).
    """
    assert page.locator(EXCEPTION).count() == 0, page.locator(EXCEPTION).first.inner_text()
    assert page.locator("h1").filter(has_text=re.compile(rf"^\s*{re.escape(heading)}\s*$")).count() == 1
    assert page.title() == f"{tab} · Negotiation Landscape"
    expect(page.locator(f"{SIDEBAR} [data-testid='stMultiSelect']")).to_have_count(3)


def test_shared_link_survives_navigation(app_url, page):
    """The exact link of earlier versions (ids) still opens the same view; the link then carries names."""
    page.goto(f"{app_url}/matrix?party=russia")
    page.wait_for_url(re.compile(r"[?&]party=Russia\b"))  # the link's ids made names, then the script run again
    wait_ready(page)
    assert page.locator(EXCEPTION).count() == 0
    headers = column_headers(page, having="Russia")
    assert "Ukraine" not in headers and "United States" not in headers, headers
    expect_chips(page, ["Russia"])
    assert query(page).get("party") == ["Russia"]

    page.locator(f"{SIDEBAR} [data-testid='stSidebarNav']").get_by_role("link", name="Timeline").click()
    wait_ready(page, path="/timeline")
    assert query(page).get("party") == ["Russia"], page.url
    expect_chips(page, ["Russia"])
    assert page.locator(EXCEPTION).count() == 0
    assert y_tick_labels(page) == ["Events", "Russia"]  # one row per party: only the filtered one
    assert page.title() == "Timeline · Negotiation Landscape"


def test_a_link_with_names_opens_the_view_and_the_filters_show_names(app_url, page):
    page.goto(f"{app_url}/matrix?party=Russia&party=United+States&issue=Ceasefire+first&source=The+New+Yorker")
    wait_ready(page)
    expect_chips(page, ["Russia", "United States"])
    expect_chips(page, ["Ceasefire first"], "Issues")
    expect_chips(page, ["The New Yorker"], "Sources")
    assert query(page) == {"party": ["Russia", "United States"], "issue": ["Ceasefire first"], "source": ["The New Yorker"]}
    assert page.locator(MAIN).get_by_text("Ignored from the link").count() == 0
    headers = column_headers(page, having="United States")
    assert "Ukraine" not in headers, headers


FOCUS_MARK = "mark.cited-target"  # the linked passage's own highlight (reader.article_html)


def expect_section(page, name: str) -> None:
    """Wait until the Sources page shows this section: a selected st.tabs tab or a checked st.segmented_control option."""
    chosen = page.locator("[role='tab'][aria-selected='true'], [role='radio'][aria-checked='true']")
    expect(chosen.filter(has_text=re.compile(rf"^\s*{re.escape(name)}\s*$"))).to_have_count(1)


def normalized(text: str) -> str:
    return " ".join(text.split())


def assert_reader_at_passage(page) -> str:
    """The reader is open at the cited passage of the URL; returns the cite number."""
    params = query(page)
    assert params.get("read") and params.get("cite"), page.url
    cite = params["cite"][0]
    expect_section(page, "Reader")
    # The bordered box: the innermost block holding the "Linked passage [N]" heading (N in reading order).
    box = page.locator("[data-testid='stVerticalBlock']").filter(has=page.get_by_text(re.compile(r"^Linked passage \[\d+\]")))
    expect(box.first).to_be_attached()
    focus = page.locator(FOCUS_MARK)
    expect(focus.first).to_be_attached()
    focused = normalized(focus.first.text_content())
    assert focused
    assert focused in normalized(box.last.locator("strong").last.text_content())  # the bold passage in the box
    assert page.locator(EXCEPTION).count() == 0
    return cite


def test_quote_link_opens_reader_at_passage(app_url, page):
    """A quote's link on another page opens Sources at the Reader tab with the passage marked and anchored.

    The timeline it starts from also shows its tick labels without raw entities (plotly decodes only a few: an
    escaped quote, &quot;, used to show raw)."""
    page.goto(f"{app_url}/timeline")
    links = page.get_by_role("link", name=re.compile(r"in context"))
    wait_stable(page, links)
    labels = y_tick_labels(page)
    assert labels and not [label for label in labels if re.search(r"&(quot|amp|lt|gt|#\w+);", label)], labels
    link = links.first.element_handle()  # read and click the very same element
    href = link.get_attribute("href")
    link.click()
    wait_ready(page, path="/sources")
    page.wait_for_url(re.compile(r"[?&]read=.*[?&]cite=|[?&]cite=.*[?&]read="))
    cite = assert_reader_at_passage(page)
    assert f"cite={cite}" in href
    anchor = page.locator("mark#cited-passage")  # the passage's own anchor, which the reader scrolls to
    expect(anchor).to_have_count(1)
    assert anchor.text_content().strip()
    page.locator(FOCUS_MARK).first.scroll_into_view_if_needed()
    screenshot(page, "reader")


def test_read_in_context_on_sources_page_opens_reader(app_url, page):
    """On the Sources page itself the quote's control switches to the reader at that passage."""
    page.goto(f"{app_url}/sources")
    buttons = page.get_by_role("button", name=re.compile(r"Read in context"))
    wait_stable(page, buttons)
    expect_section(page, "Viewpoints")
    buttons.first.element_handle().click()
    page.wait_for_url(re.compile(r"[?&]read="), timeout=30_000)
    wait_ready(page)
    assert_reader_at_passage(page)


def test_unknown_id_in_link_is_ignored_and_reported_until_the_reader_changes_something(app_url, page):
    page.goto(f"{app_url}/?party=nobody&party=russia")
    wait_ready(page)
    assert page.locator(EXCEPTION).count() == 0
    expect_chips(page, ["Russia"])
    notice = page.locator(MAIN).get_by_text("Ignored from the link")
    expect(notice).to_have_count(1)
    assert "nobody" in notice.inner_text()
    page.locator(f"{SIDEBAR} [data-testid='stSidebarNav']").get_by_role("link", name="Timeline").click()
    wait_ready(page, path="/timeline")
    expect(page.get_by_text("Ignored from the link")).to_have_count(0)


def test_cold_server_deep_link_runs_the_real_app(start_server, page):
    """The first request to a fresh server is a deep link: it must still run inside dashboard.py.

    With a pages/ folder beside the entry, Streamlit starts in legacy multipage mode and would run
    pages/matrix.py alone (no navigation, no filters); cache._leave_legacy_multipage_mode handles it.
    """
    base_url = start_server()
    page.goto(f"{base_url}/matrix?party=russia")
    # Runs follow one another here (the page alone, then inside the app, then with the link's ids made names): the
    # address in names comes with the last, so it is waited for before the idle state (one run's end came too early).
    page.wait_for_url(re.compile(r"[?&]party=Russia\b"))
    wait_ready(page)
    expect_chips(page, ["Russia"])
    headers = column_headers(page, having="Russia")
    assert "Ukraine" not in headers, headers
    nav = page.locator(f"{SIDEBAR} [data-testid='stSidebarNav']")
    expect(nav.get_by_role("link", name="Sources and reader")).to_have_count(1)  # st.navigation's titles, not file names


def test_quote_link_in_a_fresh_page_scrolls_to_the_distinct_passage(app_url, browser, real_dataset):
    """A shared quote link opened cold: the passage, far down the article, is in view and marked apart."""
    passages = real_dataset.passages
    cite = max((index for index, passage in enumerate(passages) if passage.source == "new-yorker"), key=lambda index: passages[index].start)
    with fresh_page(browser) as page:
        page.goto(f"{app_url}/sources?read=new-yorker&cite={cite}")
        wait_ready(page)
        target = page.locator("#cited-passage")
        expect(target).to_have_class(re.compile(r"\bcited-target\b"))
        page.wait_for_function(
            "() => { const r = document.getElementById('cited-passage').getBoundingClientRect();"
            " return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight; }",
            timeout=10_000,
        )
        style = target.evaluate("e => { const s = getComputedStyle(e); return [s.backgroundColor, s.outlineStyle, s.outlineWidth]; }")
        other = page.locator("mark.cited:not(.cited-target)").first.evaluate("e => getComputedStyle(e).backgroundColor")
        assert style[0] != other and style[1] == "solid" and style[2] != "0px", (style, other)
        assert page.locator(EXCEPTION).count() == 0


def download_bytes(page, label: str) -> bytes:
    """Click a download button and return the file (tried twice: on a busy machine a click can land while the page settles).

    The app's download buttons do not rerun the page (on_click="ignore"): with a rerun, the file's request
    sometimes went unanswered and the button stayed disabled, spinning (seen twice in this test under load)."""
    for attempt in range(2):
        try:
            with page.expect_download(timeout=20_000) as download:
                page.get_by_role("button", name=label).click()
            return Path(download.value.path()).read_bytes()
        except PlaywrightTimeout:
            if attempt:
                raise
            wait_ready(page)
    raise AssertionError("unreachable")


def test_explorer_state_set_by_hand_goes_in_the_address_and_a_fresh_page_restores_it(app_url, page, browser):
    """The explorer's stance and search: set by hand, read from the address, opened anew (and its CSV downloaded)."""
    page.goto(f"{app_url}/positions")
    wait_ready(page)
    page.get_by_label("Search summaries and quotes").fill("Putin")
    page.get_by_label("Search summaries and quotes").press("Enter")
    page.wait_for_url(re.compile(r"[?&]search=Putin"))
    wait_ready(page)
    page.locator("[data-testid='stMultiSelect']").filter(has=page.get_by_label("Stance", exact=True)).click()
    page.get_by_role("option", name="opposes", exact=True).click()
    page.wait_for_url(re.compile(r"[?&]stance=opposes"))
    wait_ready(page)
    count = page.get_by_text(re.compile(r"^[\d,]+ of [\d,]+ positions")).inner_text()
    shared = page.url
    assert query(page).get("search") == ["Putin"] and query(page).get("stance") == ["opposes"], shared

    with fresh_page(browser) as fresh:
        fresh.goto(shared)
        wait_ready(fresh)
        expect(fresh.get_by_label("Search summaries and quotes")).to_have_value("Putin")
        expect(fresh.get_by_text(re.compile(r"^[\d,]+ of [\d,]+ positions"))).to_have_text(count)
        # The CSV download links each quote to its passage at this server's address, and Excel reads it (BOM).
        data = download_bytes(fresh, "Download CSV")
        assert data.startswith(b"\xef\xbb\xbf")
        rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
        assert rows and all(row["Passage in the app"].startswith(f"{app_url}/sources?read=") for row in rows)
        assert all("putin" in (row["Summary"] + row["Quote"] + row["Speaker"]).casefold() or row["Quote no."] != "1 of 1" for row in rows)


def test_sources_section_set_by_hand_goes_in_the_address_and_a_fresh_page_restores_it(app_url, page, browser):
    page.goto(f"{app_url}/sources")
    wait_ready(page)
    # Quotes are set in full ink (Streamlit's default 60% opacity gives about 3.9:1, under WCAG AA).
    assert page.locator("blockquote").first.evaluate("e => getComputedStyle(e).opacity") == "1"
    page.get_by_role("radio", name="Compare on questions", exact=True).click()
    page.wait_for_url(re.compile(r"[?&]section=Compare(\+|%20)on(\+|%20)questions"))
    wait_ready(page)
    shared = page.url
    with fresh_page(browser) as fresh:
        fresh.goto(shared)
        wait_ready(fresh)
        expect_section(fresh, "Compare on questions")
        expect(fresh.get_by_role("button", name="Read the passage").first).to_be_visible()


def test_on_a_phone_the_matrix_shows_two_party_columns_beside_the_issue(app_url, phone_page):
    """390×844: the pinned Issue column is narrow and cells wrap, so the second party's cell is on screen and opens."""
    page = phone_page
    page.goto(f"{app_url}/matrix")
    wait_ready(page)
    grid = page.locator("[data-testid='stDataFrame']").first
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    assert box["x"] + box["width"] <= 390
    click_grid(page, grid, 120 + 112 + 56, 38 + 33)  # the middle of the second party's first cell
    dialog = page.get_by_role("dialog")
    expect(dialog).to_have_count(1)
    assert dialog.get_by_role("heading").first.inner_text().startswith("Ukraine · ")

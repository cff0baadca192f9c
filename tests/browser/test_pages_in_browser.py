"""The real app in headless Chromium: pages load, shared links survive navigation, quotes open the reader."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from conftest import real_data, real_data_frames

from landscape.common import common_ground_view
from landscape.frames import Selection

from .conftest import click_grid, fresh_page, screenshot, wait_for_grid_rows, wait_ready, wait_stable

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
    "common_ground": ("Where they could agree", "Where they could agree"),
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
    expect(page.locator(f"{SIDEBAR} [data-testid='stMultiSelect']")).to_have_count(4)  # parties, issue groups, issues, sources


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
    wait_ready(page)
    changes = page.locator(MAIN).locator("[data-testid='stExpander']").filter(has_text="changes, side by side")
    if changes.count():  # more changes than fit: the latest are one click away
        changes.first.locator("summary").click()
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
    pages/matrix.py alone (no navigation, no filters); links._leave_legacy_multipage_mode handles it.
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
    return download_file(page, label)[0]


def download_file(page, label: str) -> tuple[bytes, str]:
    """Click a download button and return the file and its name (tried twice: on a busy machine a click can land while the page settles).

    The app's download buttons do not rerun the page (on_click="ignore"): with a rerun, the file's request
    sometimes went unanswered and the button stayed disabled, spinning (seen twice in this test under load)."""
    for attempt in range(2):
        try:
            with page.expect_download(timeout=20_000) as download:
                page.get_by_role("button", name=label).click()
            return Path(download.value.path()).read_bytes(), download.value.suggested_filename
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
        data, name = download_file(fresh, "Download CSV")
        version = real_data().landscape.updated
        assert name == f"positions_opposes_putin_data-{version}.csv"  # named after the view and the data's version
        assert data.startswith(b"\xef\xbb\xbf")
        rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
        assert rows and all(row["Passage in the app"].startswith(f"{app_url}/sources?read=") for row in rows)
        assert all(row["Position id"] and row["Status"] in ("current", "replaced") and row["Certainty"] for row in rows)
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
        expect(fresh.get_by_role("link", name="Read the passage").first).to_be_visible()


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


def test_a_condition_opens_its_quote_and_the_pages_link_reopens_the_same_view(app_url, page, browser):
    """Where they could agree: a date and filters set by hand go in the address; a condition clicked shows its quote and
    the refusal's; a fresh browser given the address shows the same state of play."""
    page.goto(f"{app_url}/common_ground?party=Russia&party=Ukraine")
    wait_ready(page)
    page.get_by_role("slider").first.press("ArrowLeft")  # the date control: from the latest positions to the last dated step
    page.wait_for_url(re.compile(r"[?&]as_of=\d{4}-\d{2}-\d{2}"))
    wait_ready(page)
    as_of = query(page)["as_of"][0]
    counts = common_ground_view(real_data_frames(), Selection(parties=("russia", "ukraine")), as_of).counts
    metrics = [str(counts[state]) for state in ("common_ground", "sticking_point", "open")]
    expect(page.locator("[data-testid='stMetricValue']")).to_have_text(metrics, timeout=20_000)  # the state of play of that day
    condition = page.get_by_text(re.compile(r"^\d+\. Russia accepts “Security guarantees for Ukraine”"))
    expect(page.get_by_text(re.compile("a non-starter for Kyiv"))).to_have_count(0)
    condition.click()
    expect(page.get_by_text(re.compile("thus will retain veto rights—a non-starter for Kyiv")).first).to_be_visible()
    expect(page.get_by_text(re.compile("^Refused by Ukraine"))).to_be_visible()
    shared = page.url
    assert query(page)["party"] == ["Russia", "Ukraine"] and query(page).get("as_of"), shared
    with fresh_page(browser) as fresh:
        fresh.goto(shared)
        wait_ready(fresh)
        expect(fresh.locator("[data-testid='stMetricValue']")).to_have_text(metrics, timeout=20_000)
        expect_chips(fresh, ["Russia", "Ukraine"])
        expect(fresh.get_by_text(re.compile(r"^\d+\. Russia accepts “Security guarantees for Ukraine”"))).to_be_visible()


def row_labels(grid) -> list[str]:
    """The first (Issue) column of a data grid, from its accessible copy."""
    wait_for_grid_rows(grid)
    rows = grid.locator("table [role='row']")
    return [row.locator("[role='gridcell']").first.text_content().strip() for row in rows.all()[1:]]


SECURITY = [issue.name for issue in real_data().landscape.issues if issue.group.value == "security"]


def test_picking_the_issue_group_security_shows_its_issues_and_the_link_carries_it(app_url, page):
    """ "Security" took six picks and a 330-character link: one pick now, and the link says ?group=Security."""
    page.goto(f"{app_url}/matrix")
    wait_ready(page)
    groups = page.locator(f"{SIDEBAR} [data-testid='stMultiSelect']").filter(has=page.get_by_label("Issue groups", exact=True))
    groups.click()
    page.get_by_role("option", name="Security", exact=True).click()
    page.wait_for_url(re.compile(r"[?&]group=Security\b"))
    wait_ready(page)
    page.keyboard.press("Escape")
    assert query(page) == {"group": ["Security"]}
    expect(groups.locator("[data-testid='stMultiSelectTagsContainer'] [data-tag]")).to_have_count(1)  # the chip, drawn after idle
    assert chips(page, "Issue groups") == ["Security"]
    grid = page.locator("[data-testid='stDataFrame']").first
    expect(grid.locator("table [role='row']")).to_have_count(len(SECURITY) + 1)
    assert row_labels(grid) == SECURITY
    line = page.locator(MAIN).get_by_text("Filtered view")
    expect(line).to_be_visible()
    assert "issues: the Security group" in line.locator("xpath=ancestor::*[@data-testid='stMarkdownContainer']").inner_text()

    page.locator(f"{SIDEBAR} [data-testid='stSidebarNav']").get_by_role("link", name="Positions explorer").click()
    wait_ready(page, path="/positions")
    assert query(page) == {"group": ["Security"]}, page.url  # the group goes with the reader from page to page
    with fresh_page(browser_of(page)) as fresh:  # and a shared link opens the same view
        fresh.goto(page.url)
        wait_ready(fresh)
        fresh_groups = fresh.locator(f"{SIDEBAR} [data-testid='stMultiSelect']").filter(has=fresh.get_by_label("Issue groups", exact=True))
        expect(fresh_groups.locator("[data-testid='stMultiSelectTagsContainer'] [data-tag]")).to_have_count(1)
        assert chips(fresh, "Issue groups") == ["Security"]
        grid = fresh.locator("[data-testid='stDataFrame']").first
        wait_for_grid_rows(grid)
        issues = set(
            grid.locator("table").first.evaluate("""table => {
            const rows = [...table.querySelectorAll("[role='row']")];
            const column = [...rows[0].children].findIndex(cell => cell.textContent.trim() === "Issue");
            return rows.slice(1).map(row => row.children[column].textContent.trim());
        }""")
        )
        assert issues and issues <= set(SECURITY), issues


def browser_of(page):
    return page.context.browser


def test_on_a_phone_the_line_above_the_page_says_the_view_is_filtered(app_url, phone_page):
    page = phone_page
    page.goto(f"{app_url}/matrix?group=Security&party=Russia&source=The+New+Yorker")
    wait_ready(page)
    expect(page.locator(SIDEBAR)).not_to_be_in_viewport()  # the sidebar, and its chips, are folded away on a phone
    line = page.locator(MAIN).get_by_text("Filtered view").locator("xpath=ancestor::*[@data-testid='stMarkdownContainer']")
    expect(line).to_be_in_viewport()
    assert normalized(line.inner_text()) == "filter_alt Filtered view · parties: Russia · issues: the Security group · sources: The New Yorker"
    assert line.bounding_box()["y"] < page.locator("h1").first.bounding_box()["y"]  # above the page's title
    screenshot(page, "filter-line-phone")
    page.goto(f"{app_url}/timeline")
    wait_ready(page)
    expect(page.locator(MAIN).get_by_text("Showing everything")).to_be_in_viewport()


def test_the_whole_matrix_is_in_view_at_1440x900_without_a_scroll_bar_of_its_own(app_url, page):
    page.goto(f"{app_url}/matrix")
    wait_ready(page)
    grid = page.locator("[data-testid='stDataFrame']").first
    wait_for_grid_rows(grid)
    issues = [
        issue.name for group in dict.fromkeys(i.group for i in real_data().landscape.issues) for issue in real_data().landscape.issues if issue.group == group
    ]
    assert row_labels(grid) == issues
    scroller = grid.locator(".dvn-scroller").first
    sizes = scroller.evaluate("e => [e.scrollHeight, e.clientHeight, e.scrollWidth, e.clientWidth]")
    assert sizes[0] <= sizes[1] + 1 and sizes[2] <= sizes[3] + 1, sizes  # nothing hidden behind a scroll bar inside the grid
    assert grid.bounding_box()["height"] >= 66 * len(issues)  # every row drawn at its full height


def test_a_click_on_the_overviews_small_matrix_opens_that_cells_dialog(app_url, page):
    page.goto(f"{app_url}/")
    wait_ready(page)
    chart = page.locator("[data-testid='stPlotlyChart']").first
    chart.scroll_into_view_if_needed()
    points = chart.locator(".scatterlayer .point")
    data = real_data().landscape
    expect(points).to_have_count(len(data.issues) * len(data.parties))  # one clickable point a cell
    points.nth(1).click(force=True)  # the first issue, the second party
    dialog = page.get_by_role("dialog")
    expect(dialog).to_have_count(1)
    first_issue = real_data().landscape.issues[0].name
    assert dialog.get_by_role("heading").first.inner_text() == f"Ukraine · {first_issue}"
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0)
    wait_ready(page)
    assert page.get_by_role("dialog").count() == 0  # closed for good, not reopened by the chart's old selection


def test_no_link_label_or_filter_chip_is_cut_short(app_url, phone_page):
    """ "Read in context: The American Conserv…" hid which article a link opens; a chip cut its issue's name."""
    page = phone_page
    page.goto(f"{app_url}/matrix?cell=territorial-concessions/ukraine")
    wait_ready(page)
    page.get_by_role("dialog").wait_for()
    expect(page.get_by_role("dialog").locator("[data-testid='stPageLink-NavLink']").first).to_be_visible()  # the dialog's links drawn
    cut = page.evaluate("""() => [...document.querySelectorAll("[data-testid='stPageLink-NavLink'] p, [data-tag] span")]
        .filter(e => e.getClientRects().length && e.scrollWidth > e.clientWidth + 1).map(e => e.innerText)""")
    labels = page.locator("[data-testid='stPageLink-NavLink']").all_inner_texts()
    assert any("The American Conservative" in label for label in labels) and not cut, cut
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(f"{app_url}/matrix?issue=Territorial+concessions+by+Ukraine&issue=Security+guarantees+for+Ukraine")
    wait_ready(page)
    assert chips(page, "Issues") == ["Territorial concessions by Ukraine", "Security guarantees for Ukraine"]
    cut = page.evaluate("""() => [...document.querySelectorAll("[data-testid='stSidebar'] [data-tag] *")]
        .filter(e => e.getClientRects().length && e.scrollWidth > e.clientWidth + 1).map(e => e.outerHTML.slice(0, 80))""")
    assert not cut, cut


def test_a_link_with_as_of_opens_that_moment_and_keeps_it_through_a_filter_change(app_url, browser):
    """A colleague's link to the matrix as of a day opens that day; a filter chosen by hand keeps it, in the page and the link.
    A day that is no step opens the nearest earlier step, with a notice."""
    with fresh_page(browser) as page:
        page.goto(f"{app_url}/matrix?as_of=2025-08-15")
        wait_ready(page)
        expect(page.locator(MAIN).get_by_text("As of 2025-08-15.", exact=False)).to_be_visible()
        page.locator(f"{SIDEBAR} [data-testid='stMultiSelect']").filter(has=page.get_by_label("Parties", exact=True)).click()
        page.get_by_role("option", name="Russia", exact=True).click()
        page.wait_for_url(re.compile(r"[?&]party=Russia\b"))
        wait_ready(page)
        expect(page.locator(MAIN).get_by_text("As of 2025-08-15.", exact=False)).to_be_visible()
        assert query(page).get("as_of") == ["2025-08-15"], page.url
        headers = page.locator("[data-testid='stDataFrame']").first.locator("th[role='columnheader']")
        expect(headers.filter(has_text="Ukraine")).to_have_count(0)  # the filtered grid, which can arrive after idle
        assert "Russia" in column_headers(page, having="Russia")
    with fresh_page(browser) as page:
        page.goto(f"{app_url}/matrix?as_of=2025-08-16")  # no step falls on the 16th
        wait_ready(page)
        expect(page.locator(MAIN).get_by_text("nearest earlier step", exact=False)).to_be_visible()
        shown = query(page).get("as_of", [""])[0]
        assert "2025-08-01" <= shown < "2025-08-16", page.url
        expect(page.locator(MAIN).get_by_text(f"As of {shown}.", exact=False)).to_be_visible()


def test_the_two_day_comparison_is_in_the_link_and_lists_what_moved_with_its_quotes(app_url, browser):
    with fresh_page(browser) as page:
        page.goto(f"{app_url}/matrix?as_of=2025-08-20&compare=2025-08-15")
        wait_ready(page)
        heading = page.locator(MAIN).get_by_text("What moved between 2025-08-15 and 2025-08-20")
        expect(heading).to_be_visible()
        assert query(page).get("compare") == ["2025-08-15"], page.url
        moved = page.locator(MAIN).locator("[data-testid='stExpander']").filter(has_text=re.compile(r" · .+: (the party moved|first reported|a report)"))
        first = moved.first
        first.locator("summary").click()
        expect(first.get_by_text("As of 2025-08-15:", exact=False)).to_be_visible()
        expect(first.get_by_role("link", name=re.compile(r"in context")).first).to_be_visible()  # each quote links to its passage

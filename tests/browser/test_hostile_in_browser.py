"""Hostile data and links in the real app: markup stays inert text, bad data is an error page, odd links a notice."""

from __future__ import annotations

from pathlib import Path

import pytest

from .conftest import wait_ready

pytestmark = pytest.mark.browser

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
EXCEPTION = "[data-testid='stException']"
INJECTED = (
    "img[src='x'], img[src*='evil.example'], iframe, svg[onload], b[onmouseover], "
    "a[href^='javascript:'], a[href^='data:'], style:not([data-emotion]):not([nonce])"
)


def test_injected_markup_is_shown_as_inert_text(start_server, page):
    base = start_server(LANDSCAPE_DATA=str(FIXTURES / "injection.yaml"))
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

    def assert_inert(where: str) -> None:
        assert page.locator(EXCEPTION).count() == 0, where
        assert page.evaluate("window.__pwned === undefined"), where
        injected = page.locator(f"[data-testid='stMain'] :is({INJECTED})")
        assert injected.count() == 0, (where, injected.first.evaluate("e => e.outerHTML"))

    for path in ("/", "/matrix", "/timeline", "/positions", "/sources?read=dp&cite=0", "/sources"):
        page.goto(base + path)
        wait_ready(page)
        assert_inert(path)
    for expander in page.locator("[data-testid='stExpander'] summary").all():
        expander.click()  # the answers' explanations
    assert_inert("/sources with answers open")
    page.get_by_role("radio", name="Compare on questions", exact=True).click()
    wait_ready(page)
    assert_inert("/sources compare")
    assert dialogs == []
    page.get_by_role("radio", name="Viewpoints", exact=True).click()
    wait_ready(page)
    # The hostile title is visible as the literal characters a curator typed.
    assert page.get_by_text("<script>alert('title')</script> Summit").count() >= 1


@pytest.mark.parametrize("fixture", ["unknown_stance", "billion_laughs", "python_object_tag"])
def test_bad_data_file_shows_an_error_page(start_server, page, fixture):
    base = start_server(LANDSCAPE_DATA=str(FIXTURES / "bad" / f"{fixture}.yaml"))
    page.goto(base + "/matrix?party=russia")
    wait_ready(page)
    assert page.locator(EXCEPTION).count() == 0
    assert page.get_by_text("The data file cannot be shown").count() == 1
    assert page.locator("[data-testid='stDataFrame']").count() == 0
    assert "Traceback" not in page.locator("[data-testid='stMain']").inner_text()


def test_long_repeated_and_unknown_link_parameters_are_dropped(app_url, page):
    long_value = "x" * 5000
    page.goto(f"{app_url}/matrix?party=russia&party=russia&party={long_value}&issue=%3Cscript%3E&colour=red&cite=abc")
    wait_ready(page)
    assert page.locator(EXCEPTION).count() == 0
    notice = page.locator("[data-testid='stSidebar']").get_by_text("Ignored from the link")
    assert notice.count() == 1
    text = notice.inner_text()
    assert "colour" in text and "<script>" in text and len(text) < 600
    assert "party=russia" in page.url and long_value not in page.url and "colour" not in page.url

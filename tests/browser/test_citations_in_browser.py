"""Citations that travel, in Chromium: a text fragment opens the original at the quote; a view's citation reopens the view."""

from __future__ import annotations

import functools
import html
import http.server
import threading
from collections.abc import Iterator

import pytest

from landscape.cite import text_fragment_url
from landscape.load import SEEDS_DIR

from .conftest import fresh_page, wait_ready
from .test_pages_in_browser import chips, column_headers, expect_chips

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def article_site(tmp_path_factory, real_dataset) -> Iterator[tuple[str, str]]:
    """A seed served locally as an HTML page, as its outlet would: (page URL, a quote from far down the article)."""
    data = real_dataset
    source = next(s for s in data.landscape.sources if s.id == "new-yorker")
    text = (SEEDS_DIR / source.file).read_text(encoding="utf-8")
    folder = tmp_path_factory.mktemp("site")
    paragraphs = "".join(f"<p>{html.escape(part)}</p>" for part in text.split("\n") if part.strip())
    (folder / "article.html").write_text(f"<!doctype html><html><body style='font-size:20px'>{paragraphs}</body></html>", encoding="utf-8")
    passages = [p for p in data.passages if p.source == source.id]
    quote = max(passages, key=lambda passage: passage.start).quote  # the last cited passage: far below the first screen
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/article.html", quote
    finally:
        server.shutdown()


def test_a_text_fragment_link_opens_the_original_scrolled_to_the_quote(page, article_site):
    url, quote = article_site
    page.goto(url)
    assert page.evaluate("window.scrollY") == 0
    page.goto("about:blank")
    page.goto(text_fragment_url(url, quote))
    page.wait_for_function("window.scrollY > 0", timeout=10_000)
    words = " ".join(quote.split()[:4])
    target = page.locator("p").filter(has_text=words).first
    box, height = target.bounding_box(), page.evaluate("window.innerHeight")
    assert box is not None and 0 <= box["y"] < height  # the quote's paragraph is on screen


def test_the_citation_of_a_view_reopens_the_same_view(app_url, page, browser):
    page.goto(f"{app_url}/matrix?party=russia&party=usa&cell=ceasefire-first/usa")
    wait_ready(page)
    page.keyboard.press("Escape")  # close the cell's dialog to reach the foot of the page
    wait_ready(page)
    expect_chips(page, ["Russia", "United States"])
    shown = (chips(page), column_headers(page, having="United States"))
    page.get_by_text("Cite this view").click()
    cited = page.locator("[data-testid='stCode'] code").first.inner_text()
    link = cited.split()[-1]
    assert link.startswith(app_url) and "party=Russia" in link
    with fresh_page(browser) as fresh:
        fresh.goto(link)
        wait_ready(fresh)
        expect_chips(fresh, shown[0])  # the same filters
        assert column_headers(fresh, having="United States") == shown[1]  # the same matrix

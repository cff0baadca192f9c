"""python -m tools.loadtest: concurrent browser sessions against one local server.

Each session opens the matrix with its own party filter, picks its own issue in the sidebar,
moves to the timeline through the navigation, and checks that it still sees exactly its own
filters and no error. Traffic goes only to a server this command starts on 127.0.0.1.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from dataclasses import dataclass
from urllib.parse import parse_qs, quote_plus, urlencode, urlsplit

from landscape.load import data_path, load_dataset
from tools.serve import READY, launch_chromium, peak_memory_mb, serve


@dataclass
class SessionResult:
    number: int
    seconds: float
    error: str | None


async def _session(browser, base: str, number: int, party: str, issue: str) -> SessionResult:
    start = time.perf_counter()
    context = await browser.new_context(viewport={"width": 1300, "height": 900})
    page = await context.new_page()
    page.set_default_timeout(180_000)  # twenty first loads at once on two cores take a while
    try:
        await page.goto(f"{base}/matrix?{urlencode({'party': party})}", timeout=180_000)
        await page.wait_for_selector(READY, timeout=180_000)
        box = page.get_by_role("combobox", name="Issues")
        await box.click()
        await page.keyboard.type(issue)
        await page.keyboard.press("Enter")
        await page.wait_for_url(f"**issue={quote_plus(issue)}**", timeout=180_000)
        await page.wait_for_selector(READY, timeout=180_000)
        await page.locator("[data-testid='stSidebarNav'] a", has_text="Timeline").click()
        await page.wait_for_url("**/timeline**", timeout=180_000)
        await page.wait_for_selector(READY, timeout=180_000)
        url = page.url
        chips = await page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect'] span[title]").all_inner_texts()
        problems = []
        query = parse_qs(urlsplit(url).query)
        if query.get("party") != [party] or query.get("issue") != [issue]:
            problems.append(f"URL {url} is not this session's filters")
        if sorted(chips) and sorted(chips) != sorted([party, issue]):
            problems.append(f"filters shown {chips}, expected {[party, issue]}")
        if await page.locator("[data-testid='stException']").count():
            problems.append("an exception is shown")
        return SessionResult(number, time.perf_counter() - start, "; ".join(problems) or None)
    except Exception as error:  # a load test reports every failure rather than stopping at the first
        return SessionResult(number, time.perf_counter() - start, f"{type(error).__name__}: {error}"[:300])
    finally:
        await context.close()


async def _run(sessions: int, base: str) -> list[SessionResult]:
    from playwright.async_api import async_playwright

    landscape = load_dataset(data_path()).landscape
    # A link opened with the party's name, as links carry names; the issue is chosen by its name too.
    parties = [party.name for party in landscape.parties]
    issues = [issue.name for issue in landscape.issues]
    async with async_playwright() as playwright:
        browser = await launch_chromium(playwright)
        tasks = [_session(browser, base, n, parties[n % len(parties)], issues[(n * 7) % len(issues)]) for n in range(sessions)]
        results = await asyncio.gather(*tasks)
        await browser.close()
    return list(results)


def run_loadtest(sessions: int) -> int:
    with serve("dashboard.py") as base:
        started = time.perf_counter()
        results = asyncio.run(_run(sessions, base))
        wall = time.perf_counter() - started
        peak = peak_memory_mb(base.process.pid)
    errors = [result for result in results if result.error]
    times = sorted(result.seconds for result in results)
    print(f"{sessions} concurrent sessions against one server, {wall:.1f} s in all")
    print(f"errors: {len(errors)}; per session median {statistics.median(times):.1f} s, slowest {times[-1]:.1f} s")
    print(f"server peak memory: {peak:.0f} MB")
    for result in errors:
        print(f"  session {result.number}: {result.error}")
    return 1 if errors else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.loadtest", description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", type=int, default=20)
    args = parser.parse_args(argv)
    return run_loadtest(args.sessions)


if __name__ == "__main__":
    sys.exit(main())

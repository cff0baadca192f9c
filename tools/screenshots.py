"""Screenshots of every page at a desktop and a phone size, for the README.

Run from the repository: .venv/bin/python -m tools.screenshots --out screenshots/
Starts the app on a free port, drives Debian's Chromium (/usr/bin/chromium) through playwright,
writes <view>-desktop.png (1440×900) and <view>-phone.png (390×844), and stops the server. Views: the
overview (and a cell of its small matrix opened), the matrix (all of it, filtered by an issue group, its list of
disagreements, and filtered to two parties with a cell open), the timeline and its table, the sources and the comparison
on questions, the reader at a linked passage, the explorer with a row selected, and about the data.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tools.serve import READY, launch_chromium, open_overview_cell, serve

ROOT = Path(__file__).resolve().parent.parent
SIZES = {"desktop": (1440, 900), "phone": (390, 844)}


def wait_ready(page) -> None:
    page.wait_for_selector(READY, timeout=30_000)
    page.wait_for_timeout(400)
    page.wait_for_selector(READY, timeout=30_000)


def _cite_far_in(source: str) -> int:
    """A passage of one article far down its text, so the reader visibly scrolls to it."""
    sys.path.insert(0, str(ROOT))
    from landscape.load import DEFAULT_DATA, load_dataset

    passages = load_dataset(DEFAULT_DATA).passages
    ordered = sorted((index for index, passage in enumerate(passages) if passage.source == source), key=lambda index: passages[index].start)
    return ordered[len(ordered) // 2]


def shots() -> list[tuple[str, str, str | None]]:
    """(file name, path and query, what to do once loaded)."""
    return [
        ("overview", "/", None),
        ("matrix", "/matrix?party=Russia&party=United+States&cell=ceasefire-first/russia", "dialog"),
        ("matrix-all", "/matrix", None),
        ("matrix-filtered", "/matrix?group=Security&party=Russia&party=Ukraine", None),
        ("matrix-disagree", "/matrix", "disagree"),
        ("matrix-as-of", "/matrix?as_of=2025-08-18", None),
        ("matrix-compare", "/matrix?as_of=2025-08-20&compare=2025-08-15", "compare"),
        ("common-ground", "/common_ground", None),
        ("overview-cell", "/", "overview-cell"),
        ("timeline", "/timeline", None),
        ("timeline-table", "/timeline", "table"),
        ("sources", "/sources", None),
        ("compare", "/sources?section=Compare+on+questions", None),
        ("reader", f"/sources?read=new-yorker&cite={_cite_far_in('new-yorker')}", "passage"),
        ("positions", "/positions", "row"),
        ("about", "/about", None),
        ("about-figures", "/about", "figures"),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    parser.add_argument("--only", nargs="*", help="page names to shoot (default: all)")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    with serve() as base, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            for size, (width, height) in SIZES.items():
                context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=1)
                page = context.new_page()
                for name, path, action in shots():
                    if args.only and name not in args.only:
                        continue
                    page.goto(base + path)
                    wait_ready(page)
                    if action == "dialog":
                        page.get_by_role("dialog").wait_for()
                    elif action == "passage":
                        page.wait_for_function(
                            "() => { const r = document.getElementById('cited-passage')?.getBoundingClientRect();"
                            " return r && r.top >= 0 && r.bottom <= window.innerHeight; }"
                        )
                    elif action == "figures":
                        page.get_by_text("Time within which Trump pledged").first.scroll_into_view_if_needed()
                        page.wait_for_timeout(300)
                    elif action == "compare":
                        page.get_by_text("What moved between").first.scroll_into_view_if_needed()
                        page.wait_for_timeout(300)
                    elif action == "disagree":
                        page.get_by_role("heading", name="Where sources disagree").scroll_into_view_if_needed()
                    elif action == "overview-cell":
                        open_overview_cell(page)
                        wait_ready(page)
                    elif action == "table":
                        page.get_by_text("The same as a table").click()
                        wait_ready(page)
                        page.locator("[data-testid='stDataFrame']").first.scroll_into_view_if_needed()
                        page.wait_for_timeout(500)
                    elif action == "row":
                        grid = page.locator("[data-testid='stDataFrame']").first
                        grid.click(position={"x": 12, "y": 36 + 18})  # the first row's selection box
                        wait_ready(page)
                    target = args.out / f"{name}-{size}.png"
                    page.screenshot(path=str(target))  # the screen as a reader sees it: the app scrolls inside it
                    print(target)
                context.close()
        finally:
            browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""python -m tools.bench: how the app scales, as ratios to the framework's own floor.

For each scale (synthetic data N times the real set) it reports medians over repeated runs:
- load: load_dataset (parse, validate, find every quote) against yaml's C loader parsing the same file;
- render: each page's first server-side run (AppTest) against a bare page that draws one plotly
  chart and one dataframe with as many rows as there are positions;
- rerun: a filter change on each page against the bare page's rerun after its own widget changes;
- browser: headless Chromium, from navigation to the matrix drawn and from a filter change to the
  redrawn matrix, against the bare page; and the server's peak memory.
Ratios are measured in one run on one machine, so they compare like with like.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from landscape.load import PROJECT_ROOT, load_dataset
from tools.serve import READY, launch_chromium, peak_memory_mb, serve

PAGES = ("overview", "matrix", "timeline", "sources", "positions")
TARGETS = {"load": 2.0, "render": 2.0, "rerun": 1.5, "browser": 1.5}
ENTRY = PROJECT_ROOT / "tests" / "app" / "entry.py"

BARE_PAGE = '''
import os
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

rows = int(os.environ["BENCH_ROWS"])
choice = st.multiselect("Parties", ["a", "b", "c"], key="party", bind="query-params")
frame = pd.DataFrame({"party": ["a", "b", "c", "d"] * (rows // 4 + 1), "value": range(4 * (rows // 4 + 1))}).head(rows)
if choice:
    frame = frame[frame["party"].isin(choice)]
st.plotly_chart(go.Figure(go.Bar(x=frame["party"].value_counts().index, y=frame["party"].value_counts().values)))
st.dataframe(frame)
'''


def _median_seconds(action: Callable[[], object], repeats: int, setup: Callable[[], object] | None = None) -> float:
    times = []
    for _ in range(repeats):
        if setup is not None:
            setup()
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _apptest(script: Path, env: dict[str, str]):
    from streamlit.testing.v1 import AppTest

    os.environ.update(env)
    return AppTest.from_file(str(script), default_timeout=600)


def measure_load(path: Path, repeats: int) -> tuple[float, float]:
    text = path.read_text(encoding="utf-8")
    floor = _median_seconds(lambda: yaml.load(text, Loader=yaml.CSafeLoader), repeats)
    ours = _median_seconds(lambda: load_dataset(path), repeats)
    return ours, floor


def measure_pages(path: Path, rows: int, bare: Path, repeats: int) -> dict[str, tuple[float, float]]:
    """(render seconds, filter-change seconds) per page, and for the bare page under 'bare'."""
    env = {"LANDSCAPE_DATA": str(path), "BENCH_ROWS": str(rows)}
    party = load_dataset(path).landscape.parties[0].id
    _apptest(ENTRY, env).run()  # the server has loaded this data version once: the cache is warm
    results: dict[str, tuple[float, float]] = {}
    for page in PAGES:
        renders, reruns = [], []
        for _ in range(repeats):
            app = _apptest(ENTRY, env)
            start = time.perf_counter()
            app.run()
            if page != "overview":
                first = time.perf_counter()
                app.switch_page(f"../../pages/{page}.py").run()
                renders.append(time.perf_counter() - first)
            else:
                renders.append(time.perf_counter() - start)
            app.multiselect(key="party").set_value([party])
            start = time.perf_counter()
            app.run()
            reruns.append(time.perf_counter() - start)
            if app.exception:
                raise RuntimeError(f"{page}: {app.exception[0].value}")
        results[page] = (statistics.median(renders), statistics.median(reruns))
    renders, reruns = [], []
    for _ in range(repeats):
        app = _apptest(bare, env)
        start = time.perf_counter()
        app.run()
        renders.append(time.perf_counter() - start)
        app.multiselect(key="party").set_value(["a"])
        start = time.perf_counter()
        app.run()
        reruns.append(time.perf_counter() - start)
    results["bare"] = (statistics.median(renders), statistics.median(reruns))
    return results


def _browser_times(page, url: str, path: str, option: str, repeats: int) -> tuple[float, float]:
    """Seconds from navigation to the matrix (dataframe) drawn, and from a filter change to it redrawn."""
    loads, changes = [], []
    for _ in range(repeats):
        start = time.perf_counter()
        page.goto(url + path)
        page.wait_for_selector(READY, timeout=600_000)
        page.wait_for_selector("[data-testid='stDataFrame'] canvas", timeout=600_000)
        loads.append(time.perf_counter() - start)
        field = page.get_by_role("combobox", name="Parties")
        start = time.perf_counter()
        field.click()
        page.keyboard.type(option)
        page.keyboard.press("Enter")
        page.wait_for_url(f"**party={option}**", timeout=60_000)
        page.wait_for_timeout(50)  # the rerun starts once the URL has changed
        page.wait_for_selector(READY, timeout=600_000)
        page.wait_for_selector("[data-testid='stDataFrame'] canvas", timeout=600_000)
        changes.append(time.perf_counter() - start)
    return statistics.median(loads), statistics.median(changes)


def measure_browser(path: Path, rows: int, bare: Path, repeats: int) -> tuple[tuple[float, float], tuple[float, float], float]:
    from playwright.sync_api import sync_playwright

    env = {"LANDSCAPE_DATA": str(path), "BENCH_ROWS": str(rows)}
    party = load_dataset(path).landscape.parties[0].id
    with serve("dashboard.py", env) as app_url, serve(bare, env) as bare_url, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        _browser_times(page, app_url, "/matrix", party, 1)  # warm: the data are loaded once per version
        ours = _browser_times(page, app_url, "/matrix", party, repeats)
        _browser_times(page, bare_url, "/", "a", 1)
        floor = _browser_times(page, bare_url, "/", "a", repeats)
        browser.close()
        return ours, floor, peak_memory_mb(app_url.process.pid)


def run_benchmark(scales: list[int], repeats: int, out: Path, browser: bool) -> int:
    from landscape.synth import write_synthetic

    lines = [
        "| scale | positions | measure | ours (s) | floor (s) | ratio | target |",
        "|---|---|---|---|---|---|---|",
    ]
    failures = []

    def row(scale: int, rows: int, measure: str, ours: float, floor: float, target: float | None) -> None:
        ratio = ours / floor if floor else float("inf")
        verdict = "" if target is None else (f"≤ {target} ✔" if ratio <= target else f"≤ {target} ✘")
        if target is not None and ratio > target:
            failures.append(f"{scale}x {measure}: {ratio:.2f}")
        lines.append(f"| {scale}x | {rows} | {measure} | {ours:.3f} | {floor:.3f} | {ratio:.2f} | {verdict} |")
        print(lines[-1], flush=True)

    print("\n".join(lines), flush=True)
    with tempfile.TemporaryDirectory() as folder:
        bare = Path(folder) / "bare_page.py"
        bare.write_text(BARE_PAGE, encoding="utf-8")
        for scale in scales:
            path = write_synthetic(scale, Path(folder) / f"synth-{scale}.yaml")
            rows = len(load_dataset(path).landscape.positions)
            ours, floor = measure_load(path, repeats)
            row(scale, rows, "load + validate vs C-loader parse", ours, floor, TARGETS["load"] if scale == max(scales) else None)
            pages = measure_pages(path, rows, bare, repeats)
            bare_render, bare_rerun = pages.pop("bare")
            render_target = TARGETS["render"] if scale == max(scales) else (1.3 if scale == 1 else None)
            for page, (render, rerun) in pages.items():
                row(scale, rows, f"{page}: first render vs bare page", render, bare_render, render_target)
                row(scale, rows, f"{page}: filter change vs bare rerun", rerun, bare_rerun, TARGETS["rerun"] if scale == max(scales) else None)
            if browser:
                (load, change), (bare_load, bare_change), peak = measure_browser(path, rows, bare, repeats)
                target = TARGETS["browser"] if scale == max(scales) else None
                row(scale, rows, "browser: navigation to matrix drawn", load, bare_load, target)
                row(scale, rows, "browser: filter change to matrix redrawn", change, bare_change, None)
                lines.append(f"| {scale}x | {rows} | peak server memory | {peak:.0f} MB | | | |")
                print(lines[-1], flush=True)
    header = f"Benchmark, {time.strftime('%Y-%m-%d %H:%M')} UTC, median of {repeats} runs, {os.cpu_count()} cores.\n\n"
    summary = "\nAll targets met.\n" if not failures else "\nTargets missed: " + "; ".join(failures) + "\n"
    out.write_text(header + "\n".join(lines) + "\n" + summary, encoding="utf-8")
    print(summary.strip())
    print(f"written to {out}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench", description=__doc__.split("\n")[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--repeats", type=int, default=5, help="runs per measurement; medians are reported")
    parser.add_argument("--out", type=Path, default=Path("bench-results.md"), help="where to write the table")
    parser.add_argument("--no-browser", action="store_true", help="skip the headless Chromium measurements")
    args = parser.parse_args(argv)
    return run_benchmark(scales=args.scales, repeats=args.repeats, out=args.out, browser=not args.no_browser)


if __name__ == "__main__":
    sys.exit(main())

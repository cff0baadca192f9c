"""python -m tools.bench: how the app scales, as ratios to the framework's own floor.

For each scale (synthetic data N times the real set) it reports medians over repeated runs:
- load: load_dataset (parse, validate, find every quote) against yaml's C loader parsing the same file,
  and reading the prepared data back from its snapshot (landscape.snapshot) against the same parse;
- render: each page's first server-side run (AppTest) against a bare page that draws one plotly
  chart and one dataframe with as many rows as there are positions;
- did you mean: the closest passage to a 1,500-character quote with typos, against finding the same
  passage verbatim (each in a freshly read article): a search by sliding window would be many times slower;
- rerun: a filter change on each page, server side (AppTest), against the bare page's rerun;
- browser, what a reader feels, in headless Chromium against the bare page served beside the app:
  each page fully drawn from navigation, and redrawn after a party is chosen in the filter, where
  "drawn" is the script done and the DOM quiet (no mutation for QUIET_MS; the time is that of the
  last mutation); the first page on a freshly started server (the data read from the snapshot, and
  without one, as on a first deploy); and the app server's peak memory.
Ratios are measured in one run on one machine, the bare page interleaved with ours, so they compare
like with like on a loaded machine.
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
from urllib.parse import quote_plus

import yaml

from landscape.load import PROJECT_ROOT, load_dataset
from tools.serve import READY, launch_chromium, peak_memory_mb, serve

PAGES = ("overview", "matrix", "timeline", "sources", "positions", "about")
TARGETS = {"load": 2.0, "render": 2.0, "drawn": 1.5, "change": 1.5, "fresh": 2.0, "did you mean": 10.0}
PEAK_MEMORY_MB = 509  # the 100x peak before the snapshot and the leaner pages: not to be exceeded
QUIET_MS = 750
ENTRY = PROJECT_ROOT / "tests" / "app" / "entry.py"

BARE_PAGE = """
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
"""


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


def measure_load(path: Path, repeats: int) -> tuple[float, float, float]:
    """(load and validate, read back from the snapshot, C-loader parse) in seconds."""
    from landscape.snapshot import load_prepared

    text = path.read_text(encoding="utf-8")
    floor = _median_seconds(lambda: yaml.load(text, Loader=yaml.CSafeLoader), repeats)
    ours = _median_seconds(lambda: load_dataset(path), repeats)
    load_prepared(path)  # writes the snapshot
    snapshot = _median_seconds(lambda: load_prepared(path), repeats)
    return ours, snapshot, floor


def measure_did_you_mean(repeats: int) -> tuple[float, float]:
    """(closest passage to a long mistyped quote, the same passage found verbatim) in seconds, each in a fresh article."""
    from landscape.load import SEEDS_DIR
    from landscape.quotes import Article

    text = (SEEDS_DIR / "004_9187dabedd4c7509.txt").read_text(encoding="utf-8")
    passage = " ".join(text[3000:4600].split()[1:-1])[:1500]
    typo = passage.replace("e", "a", 12)
    if Article.of(text).closest_passage(typo) is None:
        raise RuntimeError("did you mean: no passage suggested for the mistyped quote")
    ours = _median_seconds(lambda: Article.of(text).closest_passage(typo), repeats)
    floor = _median_seconds(lambda: Article.of(text).locate(passage), repeats)
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


# Every DOM change stamps the time; "drawn" is the last stamp once the run is over and the page quiet.
WATCH_MUTATIONS = """
window.__lastMutation = performance.now();
new MutationObserver(() => { window.__lastMutation = performance.now(); })
  .observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
"""
DRAWN = f"""(since) => {{
  const idle = document.querySelector("{READY}") !== null;
  const now = performance.now();
  return idle && now - window.__lastMutation >= {QUIET_MS} ? (window.__lastMutation - since) / 1000 : null;
}}"""


def _drawn(page, since: float, timeout: float = 300) -> float:
    """Seconds from `since` (the page's performance.now()) to its last DOM change, once the run is over and the page quiet."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        seconds = page.evaluate(DRAWN, since)
        if seconds is not None:
            return seconds
        page.wait_for_timeout(100)
    raise RuntimeError(f"{page.url} did not settle within {timeout:.0f} s")


def _open(page, url: str) -> float:
    """Navigation to fully drawn (performance.now() counts from the navigation's start)."""
    page.goto(url, wait_until="commit")
    page.wait_for_function("window.__lastMutation !== undefined")
    return _drawn(page, 0.0)


def _choose(page, option: str) -> float:
    """From choosing `option` in the Parties filter to the page redrawn."""
    field = page.get_by_role("combobox", name="Parties")
    field.click()
    page.keyboard.type(option)
    page.wait_for_timeout(QUIET_MS)  # the dropdown has drawn its options: only the change itself is timed
    since = page.evaluate("performance.now()")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**party={quote_plus(option)}**", timeout=60_000)
    seconds = _drawn(page, since)
    if page.locator("[data-testid='stException']").count():
        raise RuntimeError(f"{page.url}: an exception is shown")
    return seconds


def measure_browser(path: Path, rows: int, bare: Path, repeats: int, cache: Path, servers: int = 2) -> dict[str, tuple[float, float]]:
    """Per page and for 'bare': (fully drawn, filter change redrawn); 'fresh' and 'fresh, no snapshot': (first page, bare first page);
    'memory': (the app server's highest peak MB, 0).

    The pages are timed on `servers` pairs of freshly started servers (ours and the bare page's), `repeats` rounds each, and
    the medians taken over every round: one server's own state can set its pace for a while (a full garbage collection
    in mid-run, before the data were kept out of it), so one pair alone measures partly its luck."""
    from playwright.sync_api import sync_playwright

    env = {"LANDSCAPE_DATA": str(path), "BENCH_ROWS": str(rows), "LANDSCAPE_CACHE": str(cache)}
    party = load_dataset(path).landscape.parties[0].name  # the filter shows names, and the link carries them
    results: dict[str, tuple[float, float]] = {}
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        context.add_init_script(WATCH_MUTATIONS)
        page = context.new_page()
        page.set_default_timeout(300_000)
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in ("bare", *PAGES)}
        memory = 0.0
        for pair in range(servers):
            with serve("dashboard.py", env) as app_url, serve(bare, env) as bare_url:
                targets = {"bare": (f"{bare_url}/", "a"), **{name: (f"{app_url}/{'' if name == 'overview' else name}", party) for name in PAGES}}
                for run in range(repeats + 1):  # the first round warms the servers (the data are loaded once per version)
                    for name, (url, option) in targets.items():
                        drawn = _open(page, url)
                        change = _choose(page, option)
                        if run:
                            times[name].append((drawn, change))
                            print(f"  servers {pair + 1}: {name}: drawn {drawn:.2f} s, filter change {change:.2f} s", flush=True)
                memory = max(memory, peak_memory_mb(app_url.process.pid))
        for name, pairs in times.items():
            results[name] = (statistics.median(p[0] for p in pairs), statistics.median(p[1] for p in pairs))
        results["memory"] = (memory, 0.0)
        for label, keep in (("fresh", True), ("fresh, no snapshot", False)):
            ours, floor = [], []
            for _ in range(repeats):
                if not keep:
                    for snapshot in cache.glob("*.pickle"):
                        snapshot.unlink()
                with serve("dashboard.py", env) as app_url:
                    ours.append(_open(page, f"{app_url}/"))
                with serve(bare, env) as bare_url:
                    floor.append(_open(page, f"{bare_url}/"))
                print(f"  {label}: first page {ours[-1]:.2f} s, bare {floor[-1]:.2f} s", flush=True)
            results[label] = (statistics.median(ours), statistics.median(floor))
        browser.close()
    return results


def run_benchmark(scales: list[int], repeats: int, out: Path, browser: bool, servers: int = 2) -> int:
    from landscape.synth import write_synthetic

    lines = [
        "| scale | positions | measure | ours (s) | floor (s) | ratio | target |",
        "|---|---|---|---|---|---|---|",
    ]
    failures = []

    def row(scale: int, rows: int | str, measure: str, ours: float, floor: float, target: float | None) -> None:
        ratio = ours / floor if floor else float("inf")
        verdict = "" if target is None else (f"≤ {target} ✔" if ratio <= target else f"≤ {target} ✘")
        if target is not None and ratio > target:
            failures.append(f"{scale}x {measure}: {ratio:.2f}")
        lines.append(f"| {scale}x | {rows} | {measure} | {ours:.3f} | {floor:.3f} | {ratio:.2f} | {verdict} |")
        print(lines[-1], flush=True)

    print("\n".join(lines), flush=True)
    top = max(scales)
    ours, floor = measure_did_you_mean(repeats)
    row(1, "one quote", "did you mean: a 1,500-character mistyped quote vs the quote found verbatim", ours, floor, TARGETS["did you mean"])
    with tempfile.TemporaryDirectory() as folder:
        bare = Path(folder) / "bare_page.py"
        bare.write_text(BARE_PAGE, encoding="utf-8")
        cache = Path(folder) / "cache"  # the app's snapshots, never the user's cache
        os.environ["LANDSCAPE_CACHE"] = str(cache)
        for scale in scales:
            ends = scale in (1, top)
            path = write_synthetic(scale, Path(folder) / f"synth-{scale}.yaml")
            rows = len(load_dataset(path).landscape.positions)
            ours, snapshot, floor = measure_load(path, repeats)
            row(scale, rows, "load + validate vs C-loader parse", ours, floor, TARGETS["load"] if scale == top else None)
            row(scale, rows, "read the snapshot vs C-loader parse", snapshot, floor, None)
            pages = measure_pages(path, rows, bare, repeats)
            bare_render, bare_rerun = pages.pop("bare")
            render_target = TARGETS["render"] if scale == top else (1.3 if scale == 1 else None)
            for page, (render, rerun) in pages.items():
                row(scale, rows, f"{page}: first render vs bare page (server)", render, bare_render, render_target)
                row(scale, rows, f"{page}: filter change vs bare rerun (server)", rerun, bare_rerun, None)
            if browser:
                measured = measure_browser(path, rows, bare, repeats, cache, servers)
                bare_drawn, bare_change = measured.pop("bare")
                for page in PAGES:
                    drawn, change = measured[page]
                    row(scale, rows, f"browser: {page} fully drawn vs bare page", drawn, bare_drawn, TARGETS["drawn"] if ends else None)
                    row(scale, rows, f"browser: {page} filter change redrawn vs bare page", change, bare_change, TARGETS["change"] if ends else None)
                first, bare_first = measured["fresh"]
                row(scale, rows, "browser: first page on a fresh server vs bare", first, bare_first, TARGETS["fresh"] if scale == top else None)
                first, bare_first = measured["fresh, no snapshot"]
                row(scale, rows, "browser: first page on a fresh server, no snapshot vs bare", first, bare_first, None)
                peak = measured["memory"][0]
                verdict = f"≤ {PEAK_MEMORY_MB} MB " + ("✔" if peak <= PEAK_MEMORY_MB else "✘") if scale == top else ""
                if scale == top and peak > PEAK_MEMORY_MB:
                    failures.append(f"{scale}x peak server memory: {peak:.0f} MB")
                lines.append(f"| {scale}x | {rows} | peak server memory | {peak:.0f} MB | | | {verdict} |")
                print(lines[-1], flush=True)
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    header = (
        f"Benchmark, {time.strftime('%Y-%m-%d %H:%M')} UTC, median of {repeats} runs"
        f"{f' (in the browser: {repeats} on each of {servers} server pairs)' if browser else ''}, {os.cpu_count()} cores, "
        f"load average at the end {load} (1, 5, 15 min).\n\n"
    )
    summary = "\nAll targets met.\n" if not failures else "\nTargets missed: " + "; ".join(failures) + "\n"
    out.write_text(header + "\n".join(lines) + "\n" + summary, encoding="utf-8")
    print(summary.strip())
    print(f"written to {out}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.bench", description=__doc__.split("\n")[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 100])
    parser.add_argument("--repeats", type=int, default=3, help="runs per measurement; medians are reported")
    parser.add_argument("--out", type=Path, default=Path("bench-results.md"), help="where to write the table")
    parser.add_argument("--servers", type=int, default=2, help="pairs of freshly started servers the browser rounds are spread over")
    parser.add_argument("--no-browser", action="store_true", help="skip the headless Chromium measurements")
    args = parser.parse_args(argv)
    return run_benchmark(scales=args.scales, repeats=args.repeats, out=args.out, browser=not args.no_browser, servers=args.servers)


if __name__ == "__main__":
    sys.exit(main())

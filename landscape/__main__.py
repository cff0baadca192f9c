"""Command line: python -m landscape validate | export | codebook | synth | bench | loadtest."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from landscape.load import data_path, load_dataset
from landscape.yamlfile import DataFileError

PRINTED_PROBLEMS = 200


def _load_or_report(path: Path | None):
    try:
        return load_dataset(path)
    except DataFileError as error:
        for problem in error.problems[:PRINTED_PROBLEMS]:
            print(problem, file=sys.stderr)
        count = len(error.problems)
        if count > PRINTED_PROBLEMS:
            print(f"... and {count - PRINTED_PROBLEMS} more.", file=sys.stderr)
        print(f"{count} problem{'s' if count != 1 else ''} found.", file=sys.stderr)
        return None


def _validate(args: argparse.Namespace) -> int:
    dataset = _load_or_report(args.path)
    if dataset is None:
        return 1
    data = dataset.landscape
    print(
        f"{dataset.path}: valid. {len(data.sources)} sources, {len(data.parties)} parties, "
        f"{len(data.issues)} issues, {len(data.positions)} positions, {len(data.events)} events, "
        f"{len(data.viewpoints)} viewpoints; {len(dataset.passages)} quotes found in their articles."
    )
    return 0


def _export(args: argparse.Namespace) -> int:
    from landscape.export import export_dict

    dataset = _load_or_report(args.path)
    if dataset is None:
        return 1
    json.dump(export_dict(dataset), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


def _codebook(args: argparse.Namespace) -> int:
    from landscape.export import codebook_markdown

    dataset = _load_or_report(args.path)
    if dataset is None:
        return 1
    sys.stdout.write(codebook_markdown(dataset.landscape))
    return 0


def _synth(args: argparse.Namespace) -> int:
    from landscape.synth import write_synthetic

    if args.scale < 1:
        print("--scale must be 1 or more", file=sys.stderr)
        return 2
    path = write_synthetic(args.scale, args.out)
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB, scale {args.scale})")
    return 0


def _bench(args: argparse.Namespace) -> int:
    from landscape.bench import run_benchmark

    return run_benchmark(scales=args.scales, repeats=args.repeats, out=args.out, browser=not args.no_browser)


def _loadtest(args: argparse.Namespace) -> int:
    from landscape.loadtest import run_loadtest

    return run_loadtest(args.sessions)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m landscape", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    for name, handler, help_text in (
        ("validate", _validate, "check a data file; print every problem as PATH:LINE:COL: message"),
        ("export", _export, "print the validated data set as JSON"),
        ("codebook", _codebook, "print the codebook of issues as a Markdown table (the README's copy)"),
    ):
        command = commands.add_parser(name, help=help_text)
        command.add_argument("path", nargs="?", type=Path, default=None, help=f"data file (default: {data_path()})")
        command.set_defaults(handler=handler)
    synth = commands.add_parser("synth", help="write a valid synthetic data set N times the real one")
    synth.add_argument("--scale", type=int, required=True, help="how many times the real data set")
    synth.add_argument("--out", type=Path, required=True, help="where to write the YAML file")
    synth.set_defaults(handler=_synth)
    bench = commands.add_parser("bench", help="measure load, render, rerun and browser times against Streamlit's floor")
    bench.add_argument("--scales", type=int, nargs="+", default=[1, 10, 100])
    bench.add_argument("--repeats", type=int, default=5, help="runs per measurement; medians are reported")
    bench.add_argument("--out", type=Path, default=Path("bench-results.md"), help="where to write the table")
    bench.add_argument("--no-browser", action="store_true", help="skip the headless Chromium measurements")
    bench.set_defaults(handler=_bench)
    loadtest = commands.add_parser("loadtest", help="concurrent headless browser sessions against one local server")
    loadtest.add_argument("--sessions", type=int, default=20)
    loadtest.set_defaults(handler=_loadtest)
    args = parser.parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())

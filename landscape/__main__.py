"""Command line: python -m landscape validate | export | codebook | brief | package | synth.

The benchmark and the load test are developer tools outside the package: python -m tools.bench, python -m tools.loadtest."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from landscape.load import data_path, load_dataset
from landscape.plural import plural
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
        print(f"{plural(count, 'problem')} found.", file=sys.stderr)
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
    json.dump(export_dict(dataset, as_of=args.as_of), sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
    return 0


def _codebook(args: argparse.Namespace) -> int:
    from landscape.export import codebook_markdown

    dataset = _load_or_report(args.path)
    if dataset is None:
        return 1
    sys.stdout.write(codebook_markdown(dataset.landscape))
    return 0


def _brief(args: argparse.Namespace) -> int:
    from landscape.brief import brief_markdown
    from landscape.frames import Selection

    dataset = _load_or_report(args.path)
    if dataset is None:
        return 1
    known = {"party": {p.id for p in dataset.landscape.parties}, "issue": {i.id for i in dataset.landscape.issues},
             "source": {s.id for s in dataset.landscape.sources}}
    for kind, wanted in (("party", args.party), ("issue", args.issue), ("source", args.source)):
        unknown = sorted(set(wanted) - known[kind])
        if unknown:
            print(f"unknown {kind} {', '.join(unknown)}: use one of {', '.join(sorted(known[kind]))}", file=sys.stderr)
            return 2
    selection = Selection(tuple(args.party), tuple(args.issue), tuple(args.source))
    sys.stdout.write(brief_markdown(dataset, selection, args.as_of))
    return 0


def _package(args: argparse.Namespace) -> int:
    from landscape.package import write_package

    dataset = _load_or_report(args.path)
    if dataset is None:
        return 1
    print(f"wrote {write_package(dataset, args.out)}")
    return 0


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date: write YYYY-MM-DD") from None


def _synth(args: argparse.Namespace) -> int:
    from landscape.synth import write_synthetic

    if args.scale < 1:
        print("--scale must be 1 or more", file=sys.stderr)
        return 2
    path = write_synthetic(args.scale, args.out)
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB, scale {args.scale})")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m landscape", description=__doc__)
    # The options several commands share, declared once and given to each as a parent.
    data_file = argparse.ArgumentParser(add_help=False)
    data_file.add_argument("path", nargs="?", type=Path, default=None, help=f"data file (default: {data_path()})")
    as_of = argparse.ArgumentParser(add_help=False)
    as_of.add_argument("--as-of", type=_day, default=None, help="the cells and positions as they stood on this day (YYYY-MM-DD)")
    out = argparse.ArgumentParser(add_help=False)
    out.add_argument("--out", type=Path, required=True, help="where to write")
    commands = parser.add_subparsers(dest="command", required=True)
    for name, handler, parents, help_text in (
        ("validate", _validate, [data_file], "check a data file; print every problem as PATH:LINE:COL: message"),
        ("export", _export, [data_file, as_of], "print the validated data set as JSON"),
        ("codebook", _codebook, [data_file], "print the codebook of issues as a Markdown table (the README's copy)"),
        ("brief", _brief, [data_file, as_of], "a one-page Markdown brief of a view, every sentence footnoted with its quote"),
        ("package", _package, [data_file, out], "write the data as a Frictionless data package (datapackage.json and CSVs) into the --out folder"),
        ("synth", _synth, [out], "write a valid synthetic data set N times the real one to the --out file"),
    ):
        command = commands.add_parser(name, parents=parents, help=help_text)
        command.set_defaults(handler=handler)
        if name == "brief":
            for option in ("party", "issue", "source"):
                command.add_argument(f"--{option}", action="append", default=[], help=f"only this {option} id (repeatable), as in the app's link")
        elif name == "synth":
            command.add_argument("--scale", type=int, required=True, help="how many times the real data set")
    args = parser.parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())

"""Command line: python -m landscape validate | export | synth | bench."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from landscape.load import data_path, load_dataset
from landscape.yamlfile import DataFileError


def _load_or_report(path: Path | None):
    try:
        return load_dataset(path)
    except DataFileError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        count = len(error.problems)
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m landscape", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    for name, handler, help_text in (
        ("validate", _validate, "check a data file; print every problem as PATH:LINE:COL: message"),
        ("export", _export, "print the validated data set as JSON"),
    ):
        command = commands.add_parser(name, help=help_text)
        command.add_argument("path", nargs="?", type=Path, default=None, help=f"data file (default: {data_path()})")
        command.set_defaults(handler=handler)
    args = parser.parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())

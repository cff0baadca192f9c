"""Command line: python -m landscape validate | export | codebook | brief | package | coding | synth | coverage | intake | diff.

The benchmark and the load test are developer tools outside the package: python -m tools.bench, python -m tools.loadtest."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

from landscape.load import data_path, load_dataset
from landscape.plural import plural
from landscape.yamlfile import MAX_FILE_BYTES, MAX_KEPT_PROBLEMS, MIB, DataFileError, printable

PRINTED_PROBLEMS = MAX_KEPT_PROBLEMS
MAX_SYNTH_SCALE = 300  # about 27 MB: a larger file is refused by the loader (MAX_FILE_BYTES), and 100,000 ran out of memory


def _load_or_report(path: Path | None):
    try:
        return load_dataset(path)
    except DataFileError as error:
        for problem in error.problems[:PRINTED_PROBLEMS]:
            print(problem, file=sys.stderr)  # a Problem prints as one escaped, bounded line
        count = error.count
        if count > PRINTED_PROBLEMS:
            print(f"... and {count - PRINTED_PROBLEMS:,} more.", file=sys.stderr)
        print(f"{plural(count, 'problem')} found.", file=sys.stderr)
        return None


def _validate(args: argparse.Namespace) -> int:
    dataset = _load_or_report(args.path)
    if dataset is None:
        return 1
    data = dataset.landscape
    for undecided in dataset.undecided[:PRINTED_PROBLEMS]:
        print(f"{undecided} (to decide)")  # a Problem: one escaped, bounded line
    if len(dataset.undecided) > PRINTED_PROBLEMS:
        print(f"... and {len(dataset.undecided) - PRINTED_PROBLEMS:,} more to decide.")
    print(
        f"{printable(dataset.path, 300)}: valid. {len(data.sources)} sources, {len(data.parties)} parties, "
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
    known = {
        "party": {p.id for p in dataset.landscape.parties},
        "issue": {i.id for i in dataset.landscape.issues},
        "source": {s.id for s in dataset.landscape.sources},
    }
    for kind, wanted in (("party", args.party), ("issue", args.issue), ("source", args.source)):
        unknown = sorted(set(wanted) - known[kind])
        if unknown:
            choices = sorted(known[kind])
            listed = ", ".join(choices[:30]) + (f" and {len(choices) - 30:,} more" if len(choices) > 30 else "")
            print(f"unknown {kind} {', '.join(printable(item, 60) for item in unknown[:10])}: use one of {listed}", file=sys.stderr)
            return 2
    selection = Selection(tuple(args.party), tuple(args.issue), tuple(args.source))
    sys.stdout.write(brief_markdown(dataset, selection, args.as_of, app_url=args.app_url))
    return 0


def _package(args: argparse.Namespace) -> int:
    from landscape.package import write_package

    if args.out.exists() and not args.out.is_dir():
        print(f"{printable(args.out, 300)}: is a file, not a folder: --out names the folder the package is written into", file=sys.stderr)
        return 2
    dataset = _load_or_report(args.path)
    if dataset is None:
        return 1
    try:
        written = write_package(dataset, args.out)
    except OSError as error:
        print(f"{printable(args.out, 300)}: cannot write the package there: {printable(error.strerror or error, 200)}", file=sys.stderr)
        return 2
    print(f"wrote {printable(written, 300)}")
    return 0


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date: write YYYY-MM-DD") from None


def _synth(args: argparse.Namespace) -> int:
    from landscape.synth import write_synthetic

    if not 1 <= args.scale <= MAX_SYNTH_SCALE:
        print(
            f"--scale {args.scale}: give a whole number from 1 to {MAX_SYNTH_SCALE} "
            f"(100 writes about 9 MB; more than {MAX_SYNTH_SCALE} would pass the {MAX_FILE_BYTES // MIB} MiB a data file may have)",
            file=sys.stderr,
        )
        return 2
    if args.out.exists() or args.out.is_symlink():
        print(
            f"{printable(args.out, 300)}: already exists: synth never writes over a file (it may be the curated data); "
            "choose a new path or delete that file first",
            file=sys.stderr,
        )
        return 2
    try:
        path = write_synthetic(args.scale, args.out)
    except FileExistsError:  # made between the check and the write
        print(f"{printable(args.out, 300)}: already exists: choose a new path", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"{printable(args.out, 300)}: cannot be written: {printable(error.strerror or error, 200)}", file=sys.stderr)
        return 2
    print(f"wrote {printable(path, 300)} ({path.stat().st_size / 1e6:.1f} MB, scale {args.scale})")
    return 0


def _coding(args: argparse.Namespace) -> int:
    from landscape.coding import CODING_FILE, check_against_data, read_coding, summary_lines

    dataset = _load_or_report(args.path)
    if dataset is None:
        return 1
    try:
        coding = read_coding(args.coding or CODING_FILE)
    except DataFileError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return 1
    for line in summary_lines(coding):
        print(printable(line, 2000))
    problems = check_against_data(coding, dataset.landscape)
    for problem in problems[:PRINTED_PROBLEMS]:
        print(printable(f"{args.coding or CODING_FILE}: {problem}", 2000), file=sys.stderr)
    if len(problems) > PRINTED_PROBLEMS:
        print(f"... and {len(problems) - PRINTED_PROBLEMS:,} more.", file=sys.stderr)
    return 1 if problems else 0


def _coverage(args: argparse.Namespace) -> int:
    from landscape.coverage import audit, audit_lines

    dataset = _load_or_report(args.path)
    if dataset is None:
        return 1
    known = {source.id: source.outlet.value or source.id for source in dataset.landscape.sources}
    unknown = sorted(set(args.source) - set(known))
    if unknown:
        print(f"unknown source {', '.join(printable(item, 60) for item in unknown[:10])}: use one of {', '.join(sorted(known))}", file=sys.stderr)
        return 2
    result = audit(dataset, args.source or None)
    print("\n".join(printable(line, 2000) for line in audit_lines(result, {source_id: source_id for source_id in known})))  # an article's sentences, escaped
    if args.strict and not result.complete:
        print(f"{len(result.unaccounted)} unaccounted, {len(result.problems)} problems in reviewed: (--strict)", file=sys.stderr)
        return 1
    return 0


def _intake(args: argparse.Namespace) -> int:
    from landscape.intake import intake, write_queue

    dataset = _load_or_report(args.data)
    if dataset is None:
        return 1
    if args.id in {source.id for source in dataset.landscape.sources}:
        print(f"source {printable(args.id, 60)!r} is already in the data: choose a new id", file=sys.stderr)
        return 2
    try:
        text = args.path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        print(f"{printable(args.path, 300)}: cannot read the article as UTF-8 text ({printable(error, 200)})", file=sys.stderr)
        return 2
    result = intake(dataset.landscape, text, args.id, args.path.name)
    write_queue(result, args.out)
    print(f"wrote {printable(args.out, 300)}: a source stub (unreviewed) and {len(result['queue'])} sentences naming a party to review")
    return 0


def _diff(args: argparse.Namespace) -> int:
    from landscape.versions import RevisionError, changelog_draft, diff_landscapes, diff_lines, load_revision

    new = _load_or_report(args.new)
    if new is None:
        return 1
    if Path(args.old).is_file():
        old = _load_or_report(Path(args.old))
    else:
        try:
            old = load_revision(args.old, new.path)
        except RevisionError as error:
            print(printable(error, 600), file=sys.stderr)
            return 2
        except DataFileError as error:
            print(f"{printable(args.old, 300)}: the data file of that revision is not valid now:", file=sys.stderr)
            for problem in error.problems[:PRINTED_PROBLEMS]:
                print(problem, file=sys.stderr)
            return 1
    if old is None:
        return 1
    result = diff_landscapes(old.landscape, new.landscape)
    print("\n".join(printable(line, 2000) for line in diff_lines(result, new.landscape)))
    if args.changelog:
        print("\nchangelog:  # a draft: edit it into a reader's words, then put it after updated: in the data file")
        for line in changelog_draft(result, new.landscape):
            print("  - " + json.dumps(line, ensure_ascii=False))
    return 0


def _add_workbench_commands(commands: argparse._SubParsersAction, data_file: argparse.ArgumentParser, out: argparse.ArgumentParser) -> None:
    """The curator's workbench: coverage audit, intake of a new article, diff of two versions."""
    coverage = commands.add_parser("coverage", parents=[data_file], help="audit that every sentence naming a party is cited or reviewed")
    coverage.add_argument("--source", action="append", default=[], help="only this source id (repeatable)")
    coverage.add_argument("--strict", action="store_true", help="exit 1 while any sentence is unaccounted")
    coverage.set_defaults(handler=_coverage)
    intake = commands.add_parser("intake", parents=[out], help="a source stub and a review queue of a new article's sentences naming a party")
    intake.add_argument("path", type=Path, help="the article as UTF-8 text (copy it into seeds/ when you add the source)")
    intake.add_argument("--id", required=True, help="the new source's id (lower case, digits and -)")
    intake.add_argument("--data", type=Path, default=None, help=f"data file with the codebook and positions (default: {data_path()})")
    intake.set_defaults(handler=_intake)
    diff = commands.add_parser("diff", help="what changed between two versions of the data: positions and cell verdicts")
    diff.add_argument("old", help="the earlier data file, or a git revision (HEAD~1, main, a tag) of the NEW file")
    diff.add_argument("new", nargs="?", type=Path, default=None, help=f"the later data file (default: {data_path()})")
    diff.add_argument("--changelog", action="store_true", help="also print a draft changelog: list to edit into the data file")
    diff.set_defaults(handler=_diff)


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
        ("coding", _coding, [data_file], "the double coding's agreement per field, and a check that every difference is settled"),
        ("synth", _synth, [out], "write a valid synthetic data set N times the real one to the --out file"),
    ):
        command = commands.add_parser(name, parents=parents, help=help_text)
        command.set_defaults(handler=handler)
        if name == "brief":
            for option in ("party", "issue", "source"):
                command.add_argument(f"--{option}", action="append", default=[], help=f"only this {option} id (repeatable), as in the app's link")
            command.add_argument("--app-url", default="http://localhost:8501", help="the app's address, for each footnote's link to its passage")
        elif name == "coding":
            command.add_argument("--coding", type=Path, default=None, help="the coding file (default: data/coding.yaml)")
        elif name == "synth":
            command.add_argument("--scale", type=int, required=True, help="how many times the real data set")
    _add_workbench_commands(commands, data_file, out)
    args = parser.parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())

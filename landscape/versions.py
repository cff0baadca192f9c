"""What changed between two versions of the data: `python -m landscape diff OLD [NEW]`.

OLD and NEW are data files; OLD may instead be a git revision (`HEAD~1`, `main`, a tag), read from git for the
same path as NEW (default: the working data file). The diff lists positions added, removed and changed (field
by field, citations as quotes added and removed) and the matrix cells whose verdict or stance changed. Its
lines are a start for the version's `changelog:` in the data file, which the curator edits into a reader's words.
"""

from __future__ import annotations

import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from landscape.cells import Cell, compute_cells, inputs_from_landscape
from landscape.load import Dataset, load_dataset
from landscape.plural import plural
from landscape.schema import Landscape, Position
from landscape.vocabulary import VERDICT, Verdict

# The position fields compared one by one, in this order; citations are compared as (source, quote) pairs.
FIELDS = ("party", "issue", "stance", "certainty", "summary", "as_of", "date_basis", "attribution", "speaker", "supersedes")


class RevisionError(Exception):
    """A git revision that could not be read."""


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class PositionChange:
    id: str
    fields: tuple[FieldChange, ...]
    quotes_added: tuple[tuple[str, str], ...]
    quotes_removed: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class CellChange:
    party: str
    issue: str
    old: str  # the verdict in words, with the stance where there is one; "not covered" for a new cell
    new: str


@dataclass(frozen=True)
class Diff:
    old_version: str
    new_version: str
    added: tuple[Position, ...]
    removed: tuple[Position, ...]
    changed: tuple[PositionChange, ...]
    cells: tuple[CellChange, ...]

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed or self.cells)


def _text(value: Any) -> str:
    if value is None:
        return "(none)"
    return str(getattr(value, "value", value))


def _cell_words(cell: Cell | None) -> str:
    if cell is None:
        return VERDICT[Verdict.NONE].word
    words = VERDICT[cell.verdict].word
    return f"{words} ({cell.stance})" if cell.stance else words


def diff_landscapes(old: Landscape, new: Landscape) -> Diff:
    old_positions = {position.id: position for position in old.positions}
    new_positions = {position.id: position for position in new.positions}
    added = tuple(position for position_id, position in new_positions.items() if position_id not in old_positions)
    removed = tuple(position for position_id, position in old_positions.items() if position_id not in new_positions)
    changed = []
    for position_id, after in new_positions.items():
        before = old_positions.get(position_id)
        if before is None:
            continue
        fields = tuple(
            FieldChange(name, _text(getattr(before, name)), _text(getattr(after, name)))
            for name in FIELDS
            if _text(getattr(before, name)) != _text(getattr(after, name))
        )
        quotes_before = [(citation.source, citation.quote) for citation in before.citations]
        quotes_after = [(citation.source, citation.quote) for citation in after.citations]
        plus = tuple(quote for quote in quotes_after if quote not in quotes_before)
        minus = tuple(quote for quote in quotes_before if quote not in quotes_after)
        if fields or plus or minus:
            changed.append(PositionChange(position_id, fields, plus, minus))
    old_cells = compute_cells(inputs_from_landscape(old))
    new_cells = compute_cells(inputs_from_landscape(new))
    cells = []
    for key in sorted(old_cells.keys() | new_cells.keys()):
        before, after = _cell_words(old_cells.get(key)), _cell_words(new_cells.get(key))
        if before != after:
            issue, party = key
            cells.append(CellChange(party, issue, before, after))
    return Diff(str(old.updated), str(new.updated), added, removed, tuple(changed), tuple(cells))


def diff_lines(diff: Diff, data: Landscape) -> list[str]:
    """The diff in names and plain words, one item a line (ids in brackets, for the curator to find them)."""
    parties = {party.id: party.name for party in data.parties}
    issues = {issue.id: issue.name for issue in data.issues}

    def position_line(position: Position) -> str:
        party, issue = parties.get(position.party, position.party), issues.get(position.issue, position.issue)
        return f"{party} on {issue}: {position.stance} ({position.certainty}): {position.summary} [{position.id}]"

    lines = [f"Data version {diff.old_version} -> {diff.new_version}"]
    if diff.empty:
        return [*lines, "No position or cell changed."]
    lines.append(f"Positions added: {len(diff.added)}")
    lines += [f"  + {position_line(position)}" for position in diff.added]
    lines.append(f"Positions removed: {len(diff.removed)}")
    lines += [f"  - {position_line(position)}" for position in diff.removed]
    lines.append(f"Positions changed: {len(diff.changed)}")
    for change in diff.changed:
        lines.append(f"  ~ [{change.id}]")
        lines += [f"      {field.field}: {field.old} -> {field.new}" for field in change.fields]
        lines += [f'      quote added ({source}): "{quote}"' for source, quote in change.quotes_added]
        lines += [f'      quote removed ({source}): "{quote}"' for source, quote in change.quotes_removed]
    lines.append(f"Cells whose verdict changed: {len(diff.cells)}")
    lines += [f"  * {parties.get(cell.party, cell.party)} on {issues.get(cell.issue, cell.issue)}: {cell.old} -> {cell.new}" for cell in diff.cells]
    return lines


def changelog_draft(diff: Diff, data: Landscape) -> list[str]:
    """Short lines for the version's changelog, to edit: one per added or removed position and per changed cell."""
    parties = {party.id: party.name for party in data.parties}
    issues = {issue.id: issue.name for issue in data.issues}
    lines = [f"Added: {parties.get(p.party, p.party)} on {issues.get(p.issue, p.issue)}, {p.stance}: {p.summary}" for p in diff.added]
    lines += [f"Removed: {parties.get(p.party, p.party)} on {issues.get(p.issue, p.issue)}, {p.stance} [{p.id}]" for p in diff.removed]
    if diff.changed:
        lines.append(f"Revised {plural(len(diff.changed), 'position')}: " + ", ".join(change.id for change in diff.changed))
    lines += [f"{parties.get(c.party, c.party)} on {issues.get(c.issue, c.issue)} now reads: {c.new} (was: {c.old})" for c in diff.cells]
    return lines


def load_revision(revision: str, path: Path) -> Dataset:
    """The data file at path as it stood in a git revision, validated like any data file."""
    path = path.resolve()
    try:
        root = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=path.parent, capture_output=True, text=True, check=True).stdout.strip()
        relative = path.relative_to(Path(root).resolve()).as_posix()
        shown = subprocess.run(["git", "show", f"{revision}:{relative}"], cwd=root, capture_output=True, check=True).stdout
    except (OSError, ValueError, subprocess.CalledProcessError) as error:
        detail = error.stderr.decode(errors="replace").strip() if isinstance(error, subprocess.CalledProcessError) and isinstance(error.stderr, bytes) else ""
        raise RevisionError(f"{revision!r} is neither a data file nor a git revision holding {path.name}{': ' + detail if detail else ''}") from None
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / f"{path.stem}@{revision.replace('/', '_')}.yaml"
        copy.write_bytes(shown)
        return load_dataset(copy)

"""The verdict of each party × issue cell, computed from the sources that report it.

A cell's verdict says what the articles, taken together, establish about one party on one
issue: whether the sources agree, disagree, report mixed signals, record a change, or only one
of them covers it. Only two different sources on incompatible sides make a disagreement; two
labels from one article never do.

Plain functions over small records, so the export, the frames and the tests share one rule.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

from landscape.schema import Landscape


class Verdict(StrEnum):
    DISAGREE = "disagree"  # two or more sources on incompatible sides
    MIXED = "mixed"  # one source reports incompatible stances for the party (supports or conditional, and opposes)
    CHANGED = "changed"  # the party changed its position (a supersedes chain), sources consistent
    NUANCED = "nuanced"  # two or more sources, different but compatible stances (supports and conditional)
    AGREE = "agree"  # two or more sources, one stance
    SINGLE = "single"  # one source only
    NONE = "none"  # no article covers it


VERDICT_TEXT = {
    Verdict.DISAGREE: "sources disagree",
    Verdict.MIXED: "mixed signals in one source",
    Verdict.CHANGED: "changed over time",
    Verdict.NUANCED: "sources differ in degree",
    Verdict.AGREE: "sources agree",
    Verdict.SINGLE: "one source only",
    Verdict.NONE: "not covered",
}

# A stance that accepts the proposition, at least under conditions, cannot stand beside one that
# rejects it: these pairs, from two sources, are a disagreement. 'ambiguous' conflicts with nothing.
INCOMPATIBLE = frozenset({frozenset({"supports", "opposes"}), frozenset({"conditional", "opposes"})})
CERTAINTY_ORDER = ("firm", "hedged", "inferred")


class CellInput(NamedTuple):
    """What the verdict needs of one position."""

    id: str
    party: str
    issue: str
    stance: str
    certainty: str
    sources: tuple[str, ...]
    supersedes: str  # "" when it replaces nothing
    start: dt.date  # the first day its as_of can mean: a position dated to a month holds from the 1st
    precision: str = "day"  # day, month or year: how precisely as_of is known


@dataclass(frozen=True)
class Cell:
    party: str
    issue: str
    verdict: Verdict
    stance: str | None  # the stance the current positions establish; None when they disagree or are mixed
    certainty: str | None  # the firmest certainty among the positions that carry that stance
    sources: dict[str, tuple[str, ...]]  # source id -> the stances it reports (current positions)
    changed: bool  # a position in the cell replaced an earlier one
    positions: tuple[str, ...]  # the current positions' ids
    history: tuple[str, ...]  # positions replaced by a later one, up to the view's date
    approximate: bool = False  # a current position is dated only to the month or year: at a date, it may not yet have held


def incompatible(first: str, second: str) -> bool:
    return frozenset({first, second}) in INCOMPATIBLE


def inputs_from_landscape(data: Landscape) -> list[CellInput]:
    return [
        CellInput(
            position.id,
            position.party,
            position.issue,
            position.stance.value,
            position.certainty.value,
            tuple(dict.fromkeys(citation.source for citation in position.citations)),
            position.supersedes or "",
            position.as_of.start,
            position.as_of.precision.value,
        )
        for position in data.positions
    ]


def _combined_stance(stances: set[str]) -> str:
    """The stance several compatible reports establish together."""
    if len(stances) == 1:
        return next(iter(stances))
    clear = stances - {"ambiguous"}
    if len(clear) == 1:
        return next(iter(clear))  # an unclear report does not weaken a clear one
    return "conditional"  # supports beside conditional: what every source grants


def cell_verdict(positions: list[CellInput], *, party: str, issue: str, as_of: dt.date | None = None) -> Cell:
    """One cell from its positions: those current at `as_of` (default: the latest) decide it."""
    if as_of is not None:
        positions = [position for position in positions if position.start <= as_of]
    replaced = {position.supersedes for position in positions if position.supersedes}
    current = [position for position in positions if position.id not in replaced]
    history = tuple(position.id for position in positions if position.id in replaced)
    by_source: dict[str, list[str]] = {}
    for position in current:
        for source in position.sources:
            by_source.setdefault(source, []).append(position.stance)
    sources = {source: tuple(dict.fromkeys(stances)) for source, stances in by_source.items()}
    changed = any(position.supersedes for position in current) or bool(history)

    stance: str | None = None
    if not current:
        verdict = Verdict.NONE
    elif any(
        incompatible(first, second)
        for source, stances in sources.items()
        for other, other_stances in sources.items()
        if source < other
        for first in stances
        for second in other_stances
    ):
        verdict = Verdict.DISAGREE
    elif any(incompatible(first, second) for stances in sources.values() for first in stances for second in stances):
        verdict = Verdict.MIXED
    else:
        stance = _combined_stance({position.stance for position in current})
        if changed:
            verdict = Verdict.CHANGED
        elif len(sources) == 1:
            verdict = Verdict.SINGLE
        elif len({position.stance for position in current}) == 1:
            verdict = Verdict.AGREE
        else:
            verdict = Verdict.NUANCED
    certainty = None
    if stance is not None:
        certainties = {position.certainty for position in current if position.stance == stance} or {p.certainty for p in current}
        certainty = min(certainties, key=CERTAINTY_ORDER.index)
    approximate = any(position.precision != "day" for position in current)
    return Cell(party, issue, verdict, stance, certainty, sources, changed, tuple(p.id for p in current), history, approximate)


def compute_cells(positions: Iterable[CellInput], *, as_of: dt.date | None = None) -> dict[tuple[str, str], Cell]:
    """Every covered (issue, party) cell; an uncovered cell is simply absent."""
    grouped: dict[tuple[str, str], list[CellInput]] = {}
    for position in positions:
        grouped.setdefault((position.issue, position.party), []).append(position)
    cells = {
        (issue, party): cell_verdict(members, party=party, issue=issue, as_of=as_of) for (issue, party), members in grouped.items()
    }
    return {key: cell for key, cell in cells.items() if cell.verdict is not Verdict.NONE}

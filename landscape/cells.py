"""The verdict of each party × issue cell, computed from the sources that report it.

A cell's verdict says what the articles, taken together, establish about one party on one
issue: whether the sources agree, disagree, report mixed signals, record a change, or only one
of them covers it. Only two different sources on incompatible sides make a disagreement; two
labels from one article never do.

Plain functions over small records, so the export, the frames and the tests share one rule.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

from landscape.schema import Landscape, Position
from landscape.vocabulary import Verdict  # beside its words; importable from here as before

# A stance that accepts the proposition, at least under conditions, cannot stand beside one that
# rejects it: these pairs, from two sources, are a disagreement. 'ambiguous' conflicts with nothing.
INCOMPATIBLE = frozenset({frozenset({"supports", "opposes"}), frozenset({"conditional", "opposes"})})
CERTAINTY_ORDER = ("firm", "hedged", "inferred")
# Two reports describe the party at the same time when their date windows overlap or lie within a week of each
# other: closer than that, an article's "last week" and another's "on Monday" may be the same days.
SAME_TIME = dt.timedelta(days=7)
# An author's own reading of a party, or another party's claim about it ("Putin wants to make a deal", says Trump), is no
# report of the party's stance: shown and named, never alone a disagreement, and the cell's verdict rests on the reports.
READINGS = frozenset({"author_reading", "other_party_claim"})


class CellInput(NamedTuple):
    """What the verdict needs of one position."""

    id: str
    party: str
    issue: str
    stance: str
    certainty: str
    sources: tuple[str, ...]
    supersedes: str  # "" when it replaces nothing
    start: dt.date  # the first day its as_of can mean: before it, the position is not counted
    precision: str = "day"  # day, month, year or window: how precisely as_of is known
    end: dt.date | None = None  # the last day its as_of can mean (None: the same as start)
    attribution: str = "reported"
    contradicts: tuple[str, ...] = ()  # positions the curator records as a dispute with this one, whatever their dates
    distinct_from: tuple[str, ...] = ()  # positions of other moments the curator judged neither a change nor a dispute

    @property
    def last(self) -> dt.date:
        return self.end or self.start


@dataclass(frozen=True)
class Cell:
    party: str
    issue: str
    verdict: Verdict
    stance: str | None  # the stance the current positions establish (the latest, when shifted); None when they disagree or are mixed
    certainty: str | None  # the firmest certainty among the positions that carry that stance
    sources: dict[str, tuple[str, ...]]  # source id -> the stances it reports (current positions)
    changed: bool  # a position in the cell replaced an earlier one
    positions: tuple[str, ...]  # the current positions' ids
    history: tuple[str, ...]  # positions replaced by a later one, up to the view's date
    approximate: bool = False  # at the view's date, a current position's date window is still open: it may not yet have held
    clashes: tuple[tuple[str, str, str], ...] = ()  # current positions with incompatible stances: (id, id, PairKind value)
    reading_differs: bool = False  # an author's reading stands against a report (or another reading): shown, never ⇄
    back_and_forth: bool = False  # the party moved one way, then back


def incompatible(first: str, second: str) -> bool:
    return frozenset({first, second}) in INCOMPATIBLE


def same_time(first: CellInput, second: CellInput) -> bool:
    """The two date windows overlap or lie within a week of each other."""
    gap = max(first.start, second.start) - min(first.last, second.last)
    return gap <= SAME_TIME


def recorded_dispute(first: CellInput, second: CellInput) -> bool:
    return second.id in first.contradicts or first.id in second.contradicts


def inputs_from_landscape(data: Landscape) -> list[CellInput]:
    return inputs_from_positions(data.positions)


def inputs_from_positions(positions: Iterable[Position]) -> list[CellInput]:
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
            position.as_of.end,
            position.attribution.value,
            tuple(position.contradicts or ()),
            tuple(position.distinct_from or ()),
        )
        for position in positions
    ]


def _combined_stance(stances: set[str]) -> str:
    """The stance several compatible reports establish together."""
    if len(stances) == 1:
        return next(iter(stances))
    clear = stances - {"ambiguous"}
    if len(clear) == 1:
        return next(iter(clear))  # an unclear report does not weaken a clear one
    return "conditional"  # supports beside conditional: what every source grants


class PairKind(StrEnum):
    DISPUTE = "dispute"  # two sources, same time or recorded: sources disagree
    MIXED = "mixed"  # one source, same time
    SHIFT = "shift"  # different times, no change recorded
    READING = "reading"  # an author's reading or another party's claim against another position


def pair_kind(first: CellInput, second: CellInput) -> PairKind:
    """What two current, incompatible positions of one party on one issue amount to."""
    if first.attribution in READINGS or second.attribution in READINGS:
        return PairKind.READING
    shared_source = not set(first.sources).isdisjoint(second.sources)
    if recorded_dispute(first, second) and not shared_source:
        return PairKind.DISPUTE
    if not same_time(first, second):
        return PairKind.SHIFT
    return PairKind.MIXED if shared_source else PairKind.DISPUTE


def _moved_back(current: list[CellInput], everyone: list[CellInput]) -> bool:
    """A recorded chain of changes (supersedes) turned to an incompatible stance and then back again."""
    by_id = {position.id: position for position in everyone}
    for position in current:
        chain = [position.stance]
        step = position
        while step.supersedes in by_id and len(chain) <= len(by_id):
            step = by_id[step.supersedes]
            chain.append(step.stance)
        clear = [stance for stance in reversed(chain) if stance != "ambiguous"]
        if sum(incompatible(before, after) for before, after in itertools.pairwise(clear)) >= 2:
            return True
    return False


def cell_verdict(positions: list[CellInput], *, party: str, issue: str, as_of: dt.date | None = None) -> Cell:
    """One cell from its positions: those current at `as_of` (default: the latest) decide it.

    At a date, a position counts only from the first day its date window allows. Two incompatible stances
    are a disagreement only when two different articles report them of the same time (windows overlapping or
    within a week) or the curator recorded the dispute; further apart they are reports of different moments,
    and the latest stands. An author's reading never makes a disagreement on its own.
    """
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

    kinds: dict[tuple[str, str], PairKind] = {}
    for index, first in enumerate(current):
        for second in current[index + 1 :]:
            if incompatible(first.stance, second.stance):
                kinds[(first.id, second.id)] = pair_kind(first, second)
    found = set(kinds.values())
    reports = [position for position in current if position.attribution not in READINGS] or current
    report_sources = {source for position in reports for source in position.sources}
    stance: str | None = None
    if not current:
        verdict = Verdict.NONE
    elif PairKind.DISPUTE in found:
        verdict = Verdict.DISAGREE
    elif PairKind.MIXED in found:
        verdict = Verdict.MIXED
    else:
        standing = reports
        if PairKind.SHIFT in found:
            latest = max(reports, key=lambda p: (p.last, p.start))
            standing = [p for p in reports if same_time(p, latest) and not incompatible(p.stance, latest.stance)]
        stance = _combined_stance({position.stance for position in standing})
        if PairKind.SHIFT in found:
            verdict = Verdict.SHIFTED
        elif changed:
            verdict = Verdict.CHANGED
        elif len(report_sources) == 1:
            verdict = Verdict.SINGLE
        elif len({position.stance for position in reports}) == 1:
            verdict = Verdict.AGREE
        else:
            verdict = Verdict.NUANCED
    certainty = None
    if stance is not None:
        certainties = {position.certainty for position in reports if position.stance == stance} or {p.certainty for p in reports}
        certainty = min(certainties, key=CERTAINTY_ORDER.index)
    approximate = as_of is not None and any(position.precision != "day" and as_of < position.last for position in current)
    return Cell(
        party,
        issue,
        verdict,
        stance,
        certainty,
        sources,
        changed,
        tuple(p.id for p in current),
        history,
        approximate,
        clashes=tuple((first, second, kind.value) for (first, second), kind in kinds.items()),
        reading_differs=PairKind.READING in found,
        back_and_forth=_moved_back(current, positions),
    )


def compute_cells(positions: Iterable[CellInput], *, as_of: dt.date | None = None) -> dict[tuple[str, str], Cell]:
    """Every covered (issue, party) cell; an uncovered cell is simply absent."""
    grouped: dict[tuple[str, str], list[CellInput]] = {}
    for position in positions:
        grouped.setdefault((position.issue, position.party), []).append(position)
    cells = {(issue, party): cell_verdict(members, party=party, issue=issue, as_of=as_of) for (issue, party), members in grouped.items()}
    return {key: cell for key, cell in cells.items() if cell.verdict is not Verdict.NONE}


def _replaced_along(position: CellInput, by_id: dict[str, CellInput]) -> set[str]:
    """The ids a position replaces, following its supersedes chain back."""
    linked, current = set(), position
    while current.supersedes and current.supersedes in by_id and current.supersedes not in linked:
        linked.add(current.supersedes)
        current = by_id[current.supersedes]
    return linked


def unrecorded_pairs(positions: Iterable[CellInput]) -> list[tuple[CellInput, CellInput]]:
    """Current, incompatible reports of one party on one issue, further apart than a week, that the
    curator has neither linked as a change (supersedes, along a chain) nor recorded as a dispute: each needs a decision."""
    grouped: dict[tuple[str, str], list[CellInput]] = {}
    for position in positions:
        grouped.setdefault((position.issue, position.party), []).append(position)
    pairs = []
    for everyone in grouped.values():
        by_id = {position.id: position for position in everyone}
        replaced = {position.supersedes for position in everyone}
        members = [position for position in everyone if position.id not in replaced]  # history is settled already
        for index, first in enumerate(members):
            for second in members[index + 1 :]:
                if not incompatible(first.stance, second.stance) or {first.attribution, second.attribution} & READINGS:
                    continue
                if same_time(first, second) or recorded_dispute(first, second) or second.id in first.distinct_from or first.id in second.distinct_from:
                    continue
                if second.id in _replaced_along(first, by_id) or first.id in _replaced_along(second, by_id):
                    continue
                pairs.append((first, second))
    return pairs

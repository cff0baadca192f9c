"""Cell verdicts: each verdict arises from a small set of positions, and only sources make a conflict."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from landscape.cells import CellInput, Verdict, cell_verdict, compute_cells, incompatible, inputs_from_landscape
from landscape.load import load_dataset

AUG = dt.date(2025, 8, 1)


def position(pid: str, stance: str, *sources: str, certainty: str = "firm", supersedes: str = "", start: dt.date = AUG) -> CellInput:
    return CellInput(pid, "russia", "ceasefire", stance, certainty, tuple(sources), supersedes, start)


def verdict_of(*positions: CellInput, as_of: dt.date | None = None):
    return cell_verdict(list(positions), party="russia", issue="ceasefire", as_of=as_of)


def test_two_labels_from_one_source_are_mixed_signals_not_a_conflict():
    cell = verdict_of(position("a", "supports", "splinter"), position("b", "opposes", "splinter"))
    assert cell.verdict is Verdict.MIXED
    assert cell.stance is None


def test_compatible_stances_from_one_source_are_not_mixed_signals():
    cell = verdict_of(position("a", "supports", "x"), position("b", "conditional", "x"), position("c", "supports", "y"))
    assert (cell.verdict, cell.stance) == (Verdict.NUANCED, "conditional")
    assert verdict_of(position("a", "supports", "x"), position("b", "ambiguous", "x")).verdict is Verdict.SINGLE


def test_supports_against_opposes_from_two_sources_is_a_disagreement():
    cell = verdict_of(position("a", "supports", "splinter"), position("b", "opposes", "new-yorker"))
    assert cell.verdict is Verdict.DISAGREE
    assert cell.sources == {"splinter": ("supports",), "new-yorker": ("opposes",)}


def test_conditional_against_opposes_from_two_sources_is_a_disagreement():
    assert verdict_of(position("a", "conditional", "x"), position("b", "opposes", "y")).verdict is Verdict.DISAGREE


def test_conditional_beside_ambiguous_is_no_conflict_and_keeps_the_clear_stance():
    cell = verdict_of(position("a", "conditional", "x"), position("b", "ambiguous", "y"))
    assert cell.verdict is Verdict.NUANCED
    assert cell.stance == "conditional"


def test_supports_beside_conditional_from_two_sources_differ_in_degree():
    cell = verdict_of(position("a", "supports", "x"), position("b", "conditional", "y"))
    assert (cell.verdict, cell.stance) == (Verdict.NUANCED, "conditional")


def test_two_sources_with_one_stance_agree():
    cell = verdict_of(position("a", "opposes", "x"), position("b", "opposes", "y"))
    assert (cell.verdict, cell.stance) == (Verdict.AGREE, "opposes")


def test_one_position_cited_to_two_sources_counts_both():
    cell = verdict_of(position("a", "opposes", "x", "y"))
    assert cell.verdict is Verdict.AGREE
    assert set(cell.sources) == {"x", "y"}


def test_one_source_only():
    cell = verdict_of(position("a", "supports", "x"))
    assert (cell.verdict, cell.stance, cell.changed) == (Verdict.SINGLE, "supports", False)


def test_a_supersedes_chain_is_a_change_and_only_the_latest_position_decides():
    before = position("a", "supports", "x", start=dt.date(2025, 8, 1))
    after = position("b", "opposes", "x", supersedes="a", start=dt.date(2025, 8, 16))
    cell = verdict_of(before, after)
    assert (cell.verdict, cell.stance, cell.changed) == (Verdict.CHANGED, "opposes", True)
    assert cell.positions == ("b",)
    assert cell.history == ("a",)


def test_a_change_replays_by_date():
    before = position("a", "supports", "x", start=dt.date(2025, 8, 1))
    after = position("b", "opposes", "x", supersedes="a", start=dt.date(2025, 8, 16))
    early = verdict_of(before, after, as_of=dt.date(2025, 8, 14))
    assert (early.verdict, early.stance, early.changed) == (Verdict.SINGLE, "supports", False)
    assert verdict_of(before, after, as_of=dt.date(2025, 7, 1)).verdict is Verdict.NONE


def test_a_change_in_one_source_beside_a_contradicting_source_is_still_a_disagreement():
    before = position("a", "supports", "x")
    after = position("b", "opposes", "x", supersedes="a")
    other = position("c", "supports", "y")
    cell = verdict_of(before, after, other)
    assert cell.verdict is Verdict.DISAGREE
    assert cell.changed


def test_certainty_is_the_firmest_among_positions_holding_the_stance():
    cell = verdict_of(position("a", "opposes", "x", certainty="hedged"), position("b", "opposes", "y", certainty="inferred"))
    assert cell.certainty == "hedged"
    assert verdict_of(position("a", "opposes", "x", certainty="inferred")).certainty == "inferred"


def test_no_positions_is_not_covered_and_compute_cells_leaves_it_out():
    assert verdict_of().verdict is Verdict.NONE
    assert compute_cells([]) == {}


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [("supports", "opposes", True), ("opposes", "conditional", True), ("supports", "conditional", False),
     ("ambiguous", "opposes", False), ("supports", "supports", False)],
)  # fmt: skip
def test_incompatible_stances(first, second, expected):
    assert incompatible(first, second) is expected
    assert incompatible(second, first) is expected


def test_on_the_real_data_every_conflict_mark_has_two_sources_and_every_contradiction_has_its_mark():
    data = load_dataset().landscape
    inputs = inputs_from_landscape(data)
    cells = compute_cells(inputs)
    replaced = {p.supersedes for p in inputs if p.supersedes}
    current = [p for p in inputs if p.id not in replaced]
    contradicting = set()
    for first, second in itertools.combinations(current, 2):
        same_cell = (first.issue, first.party) == (second.issue, second.party)
        other_sources = any(a != b for a in first.sources for b in second.sources)
        if same_cell and other_sources and incompatible(first.stance, second.stance):
            contradicting.add((first.issue, first.party))
    marked = {key for key, cell in cells.items() if cell.verdict is Verdict.DISAGREE}
    assert marked == contradicting
    for key in marked:
        assert len(cells[key].sources) >= 2


def test_the_real_matrix_replays_the_alaska_summit():
    """As of 14 and 16 August 2025 the cells differ exactly where a position dated 15 or 16 August arrived."""
    import datetime as dt

    from landscape.export import cell_row

    inputs = inputs_from_landscape(load_dataset().landscape)
    before, after = (compute_cells(inputs, as_of=dt.date(2025, 8, day)) for day in (14, 16))
    changed = {key for key in before.keys() | after.keys() if key not in before or key not in after or cell_row(before[key]) != cell_row(after[key])}
    arrived = {(p.issue, p.party) for p in inputs if dt.date(2025, 8, 15) <= p.start <= dt.date(2025, 8, 16)}
    assert changed == arrived
    assert arrived, "the data has positions from the summit"

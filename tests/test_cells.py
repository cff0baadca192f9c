"""Cell verdicts: each verdict arises from a small set of positions, and only sources make a conflict."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from conftest import real_data

from landscape.cells import CellInput, Verdict, cell_verdict, compute_cells, incompatible, inputs_from_landscape

AUG = dt.date(2025, 8, 1)


def position(pid: str, stance: str, *sources: str, certainty: str = "firm", supersedes: str = "", start: dt.date = AUG, precision: str = "day") -> CellInput:
    return CellInput(pid, "russia", "ceasefire", stance, certainty, tuple(sources), supersedes, start, precision)


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


def test_an_ambiguous_report_beside_a_supporting_one_leaves_the_cell_supporting():
    for sources in (("x", "x"), ("x", "y")):
        cell = verdict_of(position("a", "supports", sources[0]), position("b", "ambiguous", sources[1]))
        assert cell.stance == "supports"


def test_a_party_that_only_sends_unclear_signals_stays_ambiguous():
    assert verdict_of(position("a", "ambiguous", "x")).stance == "ambiguous"
    assert verdict_of(position("a", "ambiguous", "x"), position("b", "ambiguous", "y")).stance == "ambiguous"


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
)
def test_incompatible_stances(first, second, expected):
    assert incompatible(first, second) is expected
    assert incompatible(second, first) is expected


def test_on_the_real_data_every_conflict_mark_has_two_sources_and_every_contradiction_has_its_mark():
    data = real_data().landscape
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

    inputs = inputs_from_landscape(real_data().landscape)
    before, after = (compute_cells(inputs, as_of=dt.date(2025, 8, day)) for day in (14, 16))
    changed = {key for key in before.keys() | after.keys() if key not in before or key not in after or cell_row(before[key]) != cell_row(after[key])}
    arrived = {(p.issue, p.party) for p in inputs if dt.date(2025, 8, 15) <= p.start <= dt.date(2025, 8, 16)}
    assert changed == arrived
    assert arrived, "the data has positions from the summit"


def test_a_position_holds_on_the_very_day_it_is_dated():
    cell = verdict_of(position("a", "opposes", "x", start=dt.date(2025, 8, 15)), as_of=dt.date(2025, 8, 15))
    assert (cell.verdict, cell.stance) == (Verdict.SINGLE, "opposes")


def test_a_position_replacing_one_left_out_of_the_view_still_marks_the_cell_changed():
    """Filtered to one source, the earlier position (from another article) is not in the view; the party still moved."""
    cell = verdict_of(position("b", "opposes", "new-yorker", supersedes="a"))
    assert cell.changed
    assert cell.verdict is Verdict.CHANGED


def test_a_cell_without_a_stance_claims_no_certainty():
    disagreement = verdict_of(position("a", "supports", "x"), position("b", "opposes", "y"))
    mixed = verdict_of(position("a", "supports", "x"), position("b", "opposes", "x"))
    for cell in (disagreement, mixed):
        assert cell.stance is None
        assert cell.certainty is None


def test_certainty_comes_only_from_the_positions_holding_the_cells_stance():
    """Supports (firm) beside conditional (hedged) makes a conditional cell: it is as firm as the conditional report, not the other."""
    cell = verdict_of(position("a", "supports", "x", certainty="firm"), position("b", "conditional", "y", certainty="hedged"))
    assert (cell.stance, cell.certainty) == ("conditional", "hedged")


def test_a_cell_resting_on_a_position_dated_only_to_the_month_is_approximate():
    assert not verdict_of(position("a", "opposes", "x")).approximate
    assert verdict_of(position("a", "opposes", "x", precision="month")).approximate
    assert verdict_of(position("a", "opposes", "x"), position("b", "opposes", "y", precision="year")).approximate
    replaced = position("a", "opposes", "x", precision="month")
    assert not verdict_of(replaced, position("b", "supports", "x", supersedes="a", start=dt.date(2025, 8, 20))).approximate


def test_on_the_real_data_a_cell_is_changed_and_approximate_exactly_where_its_positions_say_so():
    """Read straight from the data: a cell is changed where one of its positions supersedes another, approximate where a current one has no day."""
    data = real_data().landscape
    cells = compute_cells(inputs_from_landscape(data))
    replaced = {p.supersedes for p in data.positions if p.supersedes}
    changed = {(p.issue, p.party) for p in data.positions if p.supersedes}
    approximate = {(p.issue, p.party) for p in data.positions if p.id not in replaced and p.as_of.precision.value != "day"}
    assert changed and approximate, "the data has changes of position and month-dated positions"
    assert {key for key, cell in cells.items() if cell.changed} == changed
    assert {key for key, cell in cells.items() if cell.verdict is Verdict.CHANGED} <= changed
    assert {key for key, cell in cells.items() if cell.approximate} == approximate

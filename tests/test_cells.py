"""Cell verdicts: each verdict arises from a small set of positions, and only sources make a conflict."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from conftest import real_data

from landscape.cells import CellInput, Verdict, cell_verdict, compute_cells, incompatible, inputs_from_landscape, unrecorded_pairs
from landscape.schema import parse_fuzzy_date

AUG = dt.date(2025, 8, 1)


def position(
    pid: str,
    stance: str,
    *sources: str,
    certainty: str = "firm",
    supersedes: str = "",
    start: dt.date = AUG,
    precision: str = "day",
    when: str = "",
    attribution: str = "reported",
    contradicts: tuple[str, ...] = (),
) -> CellInput:
    """A position; `when` an EDTF date ('2025-08', '2025-08-19/2025-08-24') sets start, end and precision at once."""
    end = None
    if when:
        date = parse_fuzzy_date(when)
        start, end, precision = date.start, date.end, date.precision.value
    return CellInput(pid, "russia", "ceasefire", stance, certainty, tuple(sources), supersedes, start, precision, end, attribution, contradicts)


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
    [
        ("supports", "opposes", True),
        ("opposes", "conditional", True),
        ("supports", "conditional", False),
        ("ambiguous", "opposes", False),
        ("supports", "supports", False),
    ],
)
def test_incompatible_stances(first, second, expected):
    assert incompatible(first, second) is expected
    assert incompatible(second, first) is expected


def _apart_in_days(first, second) -> int:
    """Days between two as_of windows, read straight from the data (0 when they overlap)."""
    return max(0, (max(first.as_of.start, second.as_of.start) - min(first.as_of.end, second.as_of.end)).days)


def test_on_the_real_data_every_disagreement_is_two_articles_about_the_same_moment():
    """A ⇄ cell has two reports from different articles, incompatible, within a week of each other (or a dispute the curator
    recorded); every such pair makes its cell ⇄. Derived from the data's dates, not from the rule's code."""
    data = real_data().landscape
    cells = compute_cells(inputs_from_landscape(data))
    replaced = {p.supersedes for p in data.positions if p.supersedes}
    current = [p for p in data.positions if p.id not in replaced and p.attribution.value not in ("author_reading", "other_party_claim")]
    clashing = set()
    for first, second in itertools.combinations(current, 2):
        if (first.issue, first.party) != (second.issue, second.party) or not incompatible(first.stance, second.stance):
            continue
        sources = ({c.source for c in first.citations}, {c.source for c in second.citations})
        recorded = second.id in first.contradicts or first.id in second.contradicts
        if sources[0].isdisjoint(sources[1]) and (recorded or _apart_in_days(first, second) <= 7):
            clashing.add((first.issue, first.party))
    marked = {key for key, cell in cells.items() if cell.verdict is Verdict.DISAGREE}
    assert marked == clashing
    for key in marked:
        assert len(cells[key].sources) >= 2


def test_on_the_real_data_no_disagreement_pairs_reports_further_apart_than_a_week_unless_recorded():
    data = real_data().landscape
    by_id = {p.id: p for p in data.positions}
    cells = compute_cells(inputs_from_landscape(data))
    for cell in cells.values():
        if cell.verdict is not Verdict.DISAGREE:
            continue
        close = [(a, b) for a, b, _kind in cell.clashes if _apart_in_days(by_id[a], by_id[b]) <= 7 or b in by_id[a].contradicts or a in by_id[b].contradicts]
        assert close, f"{cell.party} × {cell.issue} is marked ⇄ on reports further apart than a week"


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


def test_a_cell_is_approximate_at_a_date_while_a_current_position_window_is_still_open():
    month = position("a", "opposes", "x", when="2025-08")
    assert verdict_of(month, as_of=dt.date(2025, 8, 10)).approximate
    assert not verdict_of(month, as_of=dt.date(2025, 9, 1)).approximate  # August is over: it held at some point before
    assert not verdict_of(month).approximate  # the latest view claims no day
    assert not verdict_of(position("a", "opposes", "x", when="2025-08-10"), as_of=dt.date(2025, 8, 10)).approximate
    replaced = position("a", "opposes", "x", when="2025-08")
    later = position("b", "supports", "x", supersedes="a", when="2025-08-20")
    assert not verdict_of(replaced, later, as_of=dt.date(2025, 8, 25)).approximate


def test_on_the_real_data_a_cell_is_changed_and_approximate_exactly_where_its_positions_say_so():
    """Read straight from the data: a cell is changed where one of its positions supersedes another; at a date, approximate where a
    current position's window is still open on that day."""
    data = real_data().landscape
    cells = compute_cells(inputs_from_landscape(data))
    changed = {(p.issue, p.party) for p in data.positions if p.supersedes}
    assert changed, "the data has changes of position"
    assert {key for key, cell in cells.items() if cell.changed} == changed
    assert {key for key, cell in cells.items() if cell.verdict is Verdict.CHANGED} <= changed
    day = dt.date(2025, 8, 20)
    held = [p for p in data.positions if p.as_of.start <= day]
    replaced_then = {p.supersedes for p in held if p.supersedes}
    open_windows = {(p.issue, p.party) for p in held if p.id not in replaced_then and p.as_of.precision.value != "day" and day < p.as_of.end}
    at_day = compute_cells(inputs_from_landscape(data), as_of=day)
    assert {key for key, cell in at_day.items() if cell.approximate} == open_windows


# --- time: the same two stances from two articles are a disagreement at one moment, a change at another ---------------


@pytest.mark.parametrize(
    ("first", "second", "verdict"),
    [
        ("2025-08-15", "2025-08-20", Verdict.DISAGREE),  # five days apart: the same moment
        ("2025-08-15", "2025-08-22", Verdict.DISAGREE),  # a week apart, the edge
        ("2025-08-15", "2025-08-23", Verdict.SHIFTED),  # eight days apart
        ("2025-08-01", "2025-10-12", Verdict.SHIFTED),
        ("2025-08", "2025-09-05", Verdict.DISAGREE),  # the month ends five days before
        ("2025-08", "2025-10-12", Verdict.SHIFTED),
        ("2025-08", "2025-08-20", Verdict.DISAGREE),  # inside the month
        ("2025", "2025-10-12", Verdict.DISAGREE),  # a year-only date overlaps every day of it
        ("2025-08-19/2025-08-24", "2025-08-30", Verdict.DISAGREE),
        ("2025-08-19/2025-08-24", "2025-09-05", Verdict.SHIFTED),
    ],
)
def test_two_articles_disagree_only_about_the_same_moment(first, second, verdict):
    cell = verdict_of(position("a", "supports", "x", when=first), position("b", "opposes", "y", when=second))
    assert cell.verdict is verdict
    if verdict is Verdict.SHIFTED:
        assert cell.stance == "opposes"  # the latest stands
    else:
        assert cell.stance is None


def test_shifted_cell_shows_the_latest_standing_whichever_order_the_positions_come_in():
    early, late = position("a", "opposes", "x", when="2025-08-01"), position("b", "conditional", "y", when="2025-10-12")
    assert verdict_of(late, early).stance == verdict_of(early, late).stance == "conditional"


def test_a_recorded_dispute_is_a_disagreement_whatever_the_dates():
    cell = verdict_of(position("a", "supports", "x", when="2025-08-01"), position("b", "opposes", "y", when="2025-10-12", contradicts=("a",)))
    assert cell.verdict is Verdict.DISAGREE


def test_a_change_may_cross_articles():
    cell = verdict_of(position("a", "opposes", "x", when="2025-08"), position("b", "conditional", "y", when="2025-10-12", supersedes="a"))
    assert (cell.verdict, cell.stance, cell.history) == (Verdict.CHANGED, "conditional", ("a",))


def test_an_author_reading_never_alone_makes_a_disagreement():
    report = position("a", "supports", "x", when="2025-08-15")
    reading = position("b", "opposes", "y", when="2025-08-15", attribution="author_reading", certainty="inferred")
    cell = verdict_of(report, reading)
    assert cell.verdict is not Verdict.DISAGREE and cell.reading_differs
    assert cell.stance == "supports"  # the report stands; the reading is shown and named
    assert not verdict_of(report, position("c", "supports", "y", when="2025-08-15")).reading_differs
    two_reports = verdict_of(report, position("b", "opposes", "y", when="2025-08-15"))
    assert two_reports.verdict is Verdict.DISAGREE and not two_reports.reading_differs


def test_a_party_that_moved_back_and_forth_says_so():
    first = position("a", "supports", "x", when="2025-08-01")
    second = position("b", "opposes", "y", when="2025-09-01", supersedes="a")
    third = position("c", "supports", "x", when="2025-10-01", supersedes="b")
    assert verdict_of(first, second, third).back_and_forth
    assert not verdict_of(first, second).back_and_forth
    # Unlinked reports that differ are no recorded move: a disagreement or reports of different times, never "back and forth".
    unlinked = verdict_of(first, second._replace(supersedes=""), third._replace(supersedes=""))
    assert not unlinked.back_and_forth


def test_at_a_date_a_window_counts_only_from_its_first_day():
    window = position("a", "opposes", "x", when="2025-08-19/2025-08-24")
    assert verdict_of(window, as_of=dt.date(2025, 8, 18)).verdict is Verdict.NONE
    assert verdict_of(window, as_of=dt.date(2025, 8, 19)).approximate
    assert not verdict_of(window, as_of=dt.date(2025, 8, 25)).approximate


def test_validation_lists_only_unlinked_incompatible_reports_further_apart_than_a_week():
    early, late = position("a", "supports", "x", when="2025-08-01"), position("b", "opposes", "y", when="2025-10-12")
    assert [(p.id, q.id) for p, q in unrecorded_pairs([early, late])] == [("a", "b")]
    assert unrecorded_pairs([early, late._replace(supersedes="a")]) == []
    assert unrecorded_pairs([early, late._replace(contradicts=("a",))]) == []
    assert unrecorded_pairs([early, late._replace(start=dt.date(2025, 8, 5), end=None)]) == []  # the same moment: a disagreement, no decision
    assert unrecorded_pairs([early, late._replace(stance="supports")]) == []


def test_another_party_claim_is_named_like_a_reading_and_the_verdict_rests_on_the_reports():
    report = position("a", "opposes", "x", when="2025-08-19/2025-08-24")
    claim = position("b", "supports", "y", when="2025-08-18", attribution="other_party_claim")  # "Putin wants to make a deal", says Trump
    cell = verdict_of(report, claim)
    assert (cell.verdict, cell.stance, cell.reading_differs) == (Verdict.SINGLE, "opposes", True)
    second_report = position("c", "opposes", "z", when="2025-08-20")
    assert verdict_of(report, claim, second_report).verdict is Verdict.AGREE  # two reports agree; the claim is named, not counted


def test_the_curator_can_record_two_reports_of_different_times_as_neither_a_change_nor_a_dispute():
    early, late = position("a", "opposes", "x", when="2025-08-19/2025-08-24"), position("b", "supports", "y", when="2025-10-13/2025-10-16")
    assert unrecorded_pairs([early, late._replace(distinct_from=("a",))]) == []
    assert verdict_of(early, late._replace(distinct_from=("a",))).verdict is Verdict.SHIFTED


def test_as_of_the_eve_of_alaska_nothing_reported_of_the_summit_or_later_is_counted():
    """As of 14 August 2025 no position whose date window begins after the 14th counts; The New Yorker's (published 19-24
    August) count only where the text dates them before the summit, never as of its publication month."""
    data = real_data().landscape
    eve = dt.date(2025, 8, 14)
    counted = {pid for cell in compute_cells(inputs_from_landscape(data), as_of=eve).values() for pid in (*cell.positions, *cell.history)}
    by_id = {position.id: position for position in data.positions}
    assert counted and all(by_id[pid].as_of.start <= eve for pid in counted)
    new_yorker = [by_id[pid] for pid in counted if any(c.source == "new-yorker" for c in by_id[pid].citations)]
    assert all(position.as_of.end <= eve for position in new_yorker), [p.id for p in new_yorker if p.as_of.end > eve]

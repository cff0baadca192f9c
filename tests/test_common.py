"""landscape.common: each issue's state of play follows from its cells; conditions are checked and linked."""

from __future__ import annotations

import datetime as dt

import pytest
from builders import DP_QUOTES, OTHER_QUOTE, add, add_issue, add_other_source, add_party, base, citation, line_of, load, write

from landscape.cells import compute_cells, inputs_from_landscape
from landscape.common import (
    State,
    conditions_from_landscape,
    landscape_state_of_play,
    moves,
    ordered,
    state_sentence,
    states_over_time,
)
from landscape.export import export_dict
from landscape.load import load_dataset
from landscape.yamlfile import DataFileError


def four_parties() -> dict:
    """Russia (in the base), Ukraine, the United States and European leaders; one issue, no positions yet."""
    data = base()
    add_party(data, "ukraine", "Ukraine")
    add_party(data, "usa", "United States")
    add_party(data, "europe", "European leaders")
    data["positions"] = []
    return data


def position(data: dict, party: str, stance: str, *, issue: str = "sanctions", quote: str = DP_QUOTES[0], source: str = "dp", **more) -> dict:
    item = {
        "id": f"{party}-{issue}-{stance}-{len(data['positions'])}",
        "party": party,
        "issue": issue,
        "stance": stance,
        "summary": "A summary.",
        "as_of": "2025-08",
        "attribution": "reported",
        "certainty": "firm",
        "citations": [citation(quote, source)],
        **more,
    }
    data["positions"].append(item)
    return item


def states(tmp_path, data: dict, as_of: dt.date | None = None) -> dict:
    return {state.issue: state for state in landscape_state_of_play(load(tmp_path, data).landscape, as_of)}


def test_every_covered_party_accepting_makes_common_ground(tmp_path):
    data = four_parties()
    for party in ("russia", "ukraine", "usa"):
        position(data, party, "supports")
    position(data, "europe", "conditional", condition={"text": "withstand U.S. and European economic pressure"})
    state = states(tmp_path, data)["sanctions"]
    assert state.state is State.COMMON_GROUND
    assert state.accepting == ("russia", "ukraine", "usa") and state.conditional == ("europe",) and not state.silent


def test_one_party_opposing_makes_a_sticking_point(tmp_path):
    data = four_parties()
    for party in ("russia", "ukraine", "usa"):
        position(data, party, "supports")
    position(data, "europe", "opposes")
    state = states(tmp_path, data)["sanctions"]
    assert state.state is State.STICKING_POINT and state.opposing == ("europe",)


def test_one_party_only_leaves_the_issue_open_and_names_the_silent(tmp_path):
    data = four_parties()
    position(data, "russia", "supports")
    state = states(tmp_path, data)["sanctions"]
    assert state.state is State.OPEN
    assert state.silent == ("ukraine", "usa", "europe")
    names = {"russia": "Russia", "ukraine": "Ukraine", "usa": "United States", "europe": "European leaders"}
    assert state_sentence(state, names, {}, 4) == "Russia accepts it; no article covers Ukraine, United States and European leaders."


def test_disagreeing_sources_count_as_unclear_never_as_a_side(tmp_path):
    data = four_parties()
    add_other_source(data)
    position(data, "russia", "supports")
    position(data, "ukraine", "supports")
    position(data, "usa", "supports")
    position(data, "usa", "opposes", quote=OTHER_QUOTE, source="other")  # another article: the sources disagree
    state = states(tmp_path, data)["sanctions"]
    assert state.unclear == ("usa",) and "usa" not in state.sides
    assert state.state is State.OPEN  # no one opposes, but a covered party is unclear: not common ground


def test_a_linked_condition_refused_on_its_issue_makes_a_sticking_point(tmp_path):
    data = four_parties()
    add_issue(data, "guarantees", "Guarantees")
    position(data, "ukraine", "conditional", condition={"text": "economic pressure", "issue": "guarantees", "stance": "supports"})
    position(data, "russia", "supports")
    position(data, "russia", "opposes", issue="guarantees", quote=DP_QUOTES[1])
    state = states(tmp_path, data)["sanctions"]
    assert state.state is State.STICKING_POINT
    (condition,) = state.conditions
    assert condition.linked_issue == "guarantees" and condition.rejected_by == ("russia",)
    assert condition.rejecting_positions == (data["positions"][2]["id"],)


def test_a_condition_refused_by_name_is_told_once_as_the_refusal(tmp_path):
    data = four_parties()
    russia = position(data, "russia", "conditional", condition={"text": "preparing itself to withstand"})
    position(data, "ukraine", "conditional", quote=DP_QUOTES[0], condition={"text": "economic pressure", "rejects": russia["id"]})
    state = states(tmp_path, data)["sanctions"]
    assert state.state is State.STICKING_POINT
    names = {"russia": "Russia", "ukraine": "Ukraine", "usa": "United States", "europe": "European leaders"}
    sentence = state_sentence(state, names, {}, 4)
    assert sentence.startswith("Russia and Ukraine accept it; Russia on the condition “preparing itself to withstand”, which Ukraine rejects;")
    assert "economic pressure" not in sentence


def test_every_party_on_record_opposing_is_common_ground_against_it(tmp_path):
    data = four_parties()
    position(data, "russia", "opposes")
    position(data, "ukraine", "opposes")
    state = states(tmp_path, data)["sanctions"]
    assert state.state is State.COMMON_GROUND and state.opposing == ("russia", "ukraine") and state.depth == 2


def test_the_state_follows_the_cells_at_a_date(tmp_path):
    data = four_parties()
    position(data, "russia", "supports", as_of="2025-08-01")
    position(data, "ukraine", "supports", as_of="2025-08-01")
    position(data, "usa", "opposes", as_of="2025-08-05")
    before = states(tmp_path, data, dt.date(2025, 8, 3))["sanctions"]
    after = states(tmp_path, data, dt.date(2025, 8, 6))["sanctions"]
    assert (before.state, after.state) == (State.COMMON_GROUND, State.STICKING_POINT)
    dataset = load(tmp_path, data)
    over = states_over_time(inputs_from_landscape(dataset.landscape), {}, ["russia", "ukraine", "usa", "europe"], ["sanctions"], ["2025-08-03", "2025-08-06"])
    assert moves(over, ["2025-08-03", "2025-08-06"]) == [("sanctions", "2025-08-06", State.COMMON_GROUND, State.STICKING_POINT)]


def test_issues_are_ordered_from_common_ground_to_the_deepest_divide_then_open(tmp_path):
    data = four_parties()
    for issue in ("split", "agreed", "lonely", "deep"):
        add_issue(data, issue, issue.title())
    for party in ("russia", "ukraine"):
        position(data, party, "supports", issue="agreed")
    position(data, "russia", "supports", issue="split")
    position(data, "ukraine", "opposes", issue="split")
    position(data, "russia", "supports", issue="deep")
    for party in ("ukraine", "usa"):
        position(data, party, "opposes", issue="deep")
    position(data, "russia", "supports", issue="lonely")
    order = [state.issue for state in ordered(landscape_state_of_play(load(tmp_path, data).landscape))]
    assert order[:3] == ["agreed", "split", "deep"] and order.index("lonely") > 2


@pytest.mark.parametrize(
    ("condition", "message"),
    [
        ({"text": "words not in the quote"}, "the condition's words are not in this position's quotes"),
        ({"text": "economic pressure", "issue": "nowhere", "stance": "supports"}, "unknown issue 'nowhere'"),
        ({"text": "economic pressure", "issue": "sanctions", "stance": "supports"}, "a condition's issue is another issue"),
        ({"text": "economic pressure", "issue": "sanctions"}, "a condition's issue and stance go together"),
        ({"text": "economic pressure", "rejects": "nobody"}, "unknown position 'nobody'"),
    ],
)
def test_a_bad_condition_is_reported_where_it_stands(tmp_path, condition, message):
    data = base()
    data["positions"][0]["stance"] = "conditional"
    data["positions"][0]["condition"] = condition
    path = write(tmp_path, data)
    with pytest.raises(DataFileError) as raised:
        load_dataset(path)
    problems = [problem for problem in raised.value.problems if message in problem.message]
    assert problems, [problem.message for problem in raised.value.problems]
    text = path.read_text(encoding="utf-8")
    assert line_of(text, "condition:") <= problems[0].line <= line_of(text, "condition:") + 4  # at the condition itself


def test_only_a_conditional_position_states_a_condition(tmp_path):
    data = base()
    data["positions"][0]["condition"] = {"text": "economic pressure"}
    with pytest.raises(DataFileError, match="only a conditional position states a condition"):
        load(tmp_path, data)


def test_a_condition_matches_its_quote_across_typography(tmp_path):
    data = base()
    add(
        data, "positions", id="p2", stance="conditional", citations=[citation(DP_QUOTES[3])], condition={"text": "Trump envoy Steve Witkoff's recent visit"}
    )  # straight apostrophe, curly in the article
    assert load(tmp_path, data).landscape.positions[1].condition is not None


# --- the real data -----------------------------------------------------------------------------


def test_every_conditional_position_of_the_data_states_its_condition(real_dataset):
    conditional = [position for position in real_dataset.landscape.positions if position.stance.value == "conditional"]
    assert conditional
    for position in conditional:
        assert position.condition is not None, position.id


def test_the_veto_and_the_territory_for_security_trade_are_linked_conditions(real_dataset):
    conditions = conditions_from_landscape(real_dataset.landscape)
    trade = conditions["ny-ukraine-donbas-withdrawal-de-facto"]
    assert (trade.issue, trade.linked_issue, trade.needs) == ("territorial-concessions", "security-guarantees", "supports")
    assert conditions["ny-ukraine-security-guarantees"].rejects == "ny-russia-security-guarantees-veto"
    guarantees = next(state for state in landscape_state_of_play(real_dataset.landscape) if state.issue == "security-guarantees")
    veto = next(condition for condition in guarantees.conditions if condition.position == "ny-russia-security-guarantees-veto")
    assert veto.rejected_by == ("ukraine",) and guarantees.state is State.STICKING_POINT


@pytest.mark.parametrize("day", [None, "2025-08-14", "2025-08-20"])
def test_the_exports_state_of_play_agrees_with_its_cells(real_dataset, day):
    as_of = dt.date.fromisoformat(day) if day else None
    exported = export_dict(real_dataset, as_of)
    cells = {(cell["issue"], cell["party"]): cell for cell in exported["cells"]}
    parties = [party["id"] for party in exported["parties"]]
    assert [row["issue"] for row in exported["state_of_play"]] == [issue["id"] for issue in exported["issues"]]
    for row in exported["state_of_play"]:
        for party in parties:
            cell = cells.get((row["issue"], party))
            expected = (
                "silent"
                if cell is None
                else "unclear"
                if cell["verdict"] in ("disagree", "mixed") or cell["stance"] not in ("supports", "conditional", "opposes")
                else {"supports": "accepting", "conditional": "conditional", "opposes": "opposing"}[cell["stance"]]
            )
            assert party in row[expected], (row["issue"], party, expected)
            if cell is not None:
                assert row["positions"][party] == cell["positions"]
        sides = row["accepting"] + row["conditional"] + row["opposing"]
        if row["state"] == "common_ground":
            assert len(sides) >= 2 and not row["unclear"] and not any(c["rejected_by"] for c in row["conditions"])
            assert not (row["opposing"] and (row["accepting"] or row["conditional"]))
        elif row["state"] == "sticking_point":
            assert row["opposing"] or any(c["rejected_by"] for c in row["conditions"])
    assert compute_cells  # the export's cells are compute_cells' (see test_export)


def test_some_issue_moves_between_the_fourteenth_and_the_twentieth_of_august(real_dataset):
    before = {row["issue"]: row["state"] for row in export_dict(real_dataset, dt.date(2025, 8, 14))["state_of_play"]}
    after = {row["issue"]: row["state"] for row in export_dict(real_dataset, dt.date(2025, 8, 20))["state_of_play"]}
    assert any(before[issue] != after[issue] for issue in before)


@pytest.mark.parametrize("pick", ["all", "two parties", "one group"])
def test_the_overview_counts_are_the_page_s_counts(real_frames, pick):
    """state_counts skips the page's figures; it must still count what the page shows."""
    from landscape.common import common_ground_view, state_counts
    from landscape.frames import Selection

    parties = tuple(real_frames.parties["id"][:2]) if pick == "two parties" else ()
    issues = tuple(real_frames.issues.loc[real_frames.issues["group"] == real_frames.issues["group"].iloc[0], "id"]) if pick == "one group" else ()
    selection = Selection(parties=parties, issues=issues)
    counts = state_counts(real_frames, selection)
    assert counts == common_ground_view(real_frames, selection).counts
    assert sum(counts.values()) == (len(issues) or len(real_frames.issues))


def test_a_data_set_with_more_conditions_than_a_diagram_can_hold_draws_and_lists_the_first_and_counts_the_rest(tmp_path):
    from landscape.common import CONDITIONS_DRAWN, common_ground_view
    from landscape.frames import Selection, build_frames
    from landscape.synth import write_synthetic

    path = tmp_path / "ten.yaml"
    write_synthetic(10, path)
    view = common_ground_view(build_frames(load_dataset(path)), Selection())
    assert len(view.edges) == CONDITIONS_DRAWN and view.hidden_edges > 0
    assert [edge.number for edge in view.edges] == list(range(1, CONDITIONS_DRAWN + 1))
    drawn = [trace.customdata[0] for trace in view.figure.data if trace.customdata is not None]
    assert drawn and set(drawn) <= set(range(CONDITIONS_DRAWN))  # every mark opens a listed condition

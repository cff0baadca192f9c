"""Where the parties could agree: each issue's state of play, computed from the cells at a date.

An issue is *common ground* when every party the articles cover on it accepts it (at least on a
condition), none opposes it and no condition is refused; a *sticking point* when one party accepts
and another opposes, or when a party's condition is refused by another; *open* when too few parties
take a clear side (the others are silent, or their cells unclear). A cell whose sources disagree, or
whose one source sends mixed signals, or whose stance is ambiguous, counts as unclear: never as a side.

Plain functions over cells (landscape.cells), so the export, the page, the brief and the tests share one rule.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from landscape.cells import Cell, CellInput, Verdict, compute_cells, incompatible, inputs_from_landscape
from landscape.plural import plural
from landscape.schema import Landscape
from landscape.vocabulary import SIDE, STATE, Side, State  # State beside its words; importable from here as before

if TYPE_CHECKING:
    import pandas as pd

STATE_ORDER = (State.COMMON_GROUND, State.STICKING_POINT, State.OPEN)  # the page's order: agreement, then divides, then the unknown
MIN_SIDES = 2  # parties that must take a clear side before an issue is common ground or a sticking point
UNCLEAR_VERDICTS = frozenset({Verdict.DISAGREE, Verdict.MIXED})
NUMBER_WORDS = {3: "All three", 4: "All four", 5: "All five", 6: "All six", 7: "All seven", 8: "All eight"}


class ConditionInput(NamedTuple):
    """What the state of play needs of one position's condition."""

    position: str
    party: str
    issue: str  # the issue of the conditional position
    text: str  # the article's words
    linked_issue: str  # "" when the condition names no other issue
    needs: str  # the stance on linked_issue it needs ("" when none)
    rejects: str  # another party's position whose condition this one refuses ("" when none)


def conditions_from_landscape(data: Landscape) -> dict[str, ConditionInput]:
    """position id -> its condition, for every position that states one."""
    return {
        position.id: ConditionInput(
            position.id,
            position.party,
            position.issue,
            position.condition.text,
            position.condition.issue or "",
            position.condition.stance.value if position.condition.stance else "",
            position.condition.rejects or "",
        )
        for position in data.positions
        if position.condition is not None
    }


@dataclass(frozen=True)
class ConditionState:
    """One condition in force at the date: whose, its words, the issue it ties in, and who refuses it."""

    position: str
    party: str
    issue: str
    text: str
    linked_issue: str | None
    needs: str | None
    rejected_by: tuple[str, ...]  # parties that refuse it
    rejecting_positions: tuple[str, ...]  # the positions behind those refusals
    rejects: str | None = None  # the other party's position whose condition this one refuses


@dataclass(frozen=True)
class IssueState:
    issue: str
    state: State
    accepting: tuple[str, ...]  # parties whose cell supports the proposition
    conditional: tuple[str, ...]  # parties whose cell accepts it only on a condition
    opposing: tuple[str, ...]
    unclear: tuple[str, ...]  # covered, but the sources disagree, one sends mixed signals, or the stance is ambiguous
    silent: tuple[str, ...]  # no article covers the party on the issue
    conditions: tuple[ConditionState, ...]
    positions: dict[str, tuple[str, ...]] = field(default_factory=dict)  # party -> the current positions behind its cell

    @property
    def sides(self) -> tuple[str, ...]:
        return (*self.accepting, *self.conditional, *self.opposing)

    @property
    def refused(self) -> tuple[ConditionState, ...]:
        return tuple(condition for condition in self.conditions if condition.rejected_by)

    @property
    def depth(self) -> int:
        """How deep the divide: opposing parties and refused conditions (0 for common ground)."""
        return len(self.opposing) + len(self.refused)


def cell_side(cell: Cell | None) -> str:
    """'supports', 'conditional' or 'opposes' for a clear cell; 'unclear' or 'silent' otherwise."""
    if cell is None or cell.verdict is Verdict.NONE:
        return "silent"
    if cell.verdict in UNCLEAR_VERDICTS or cell.stance not in ("supports", "conditional", "opposes"):
        return "unclear"
    return cell.stance


def rejections(conditions: Mapping[str, ConditionInput]) -> dict[str, list[ConditionInput]]:
    """position id -> the conditions that reject it by name, in the data's order (looked up, not searched, per condition)."""
    rejecting: dict[str, list[ConditionInput]] = {}
    for condition in conditions.values():
        if condition.rejects:
            rejecting.setdefault(condition.rejects, []).append(condition)
    return rejecting


def _refusals(
    condition: ConditionInput, cells: Mapping[tuple[str, str], Cell], parties: Sequence[str], rejecting: Mapping[str, Sequence[ConditionInput]]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Who refuses a condition: a party on the other side of the issue it needs, or whose current position rejects it by name."""
    parties_out: list[str] = []
    positions_out: list[str] = []
    for party in parties:
        if party == condition.party:
            continue
        if condition.linked_issue:
            cell = cells.get((condition.linked_issue, party))
            side = cell_side(cell)
            if side in ("supports", "conditional", "opposes") and incompatible(side, condition.needs):
                parties_out.append(party)
                positions_out += cell.positions
                continue
        for other in rejecting.get(condition.position, ()):
            if other.party == party:
                cell = cells.get((other.issue, party))
                if cell is not None and other.position in cell.positions:
                    parties_out.append(party)
                    positions_out.append(other.position)
                    break
    return tuple(dict.fromkeys(parties_out)), tuple(dict.fromkeys(positions_out))


def issue_state(
    issue: str,
    cells: Mapping[tuple[str, str], Cell],
    parties: Sequence[str],
    conditions: Mapping[str, ConditionInput],
    rejecting: Mapping[str, Sequence[ConditionInput]] | None = None,
) -> IssueState:
    """One issue's state from its cells (keyed (issue, party), as compute_cells gives them); rejecting: rejections(conditions)."""
    rejecting = rejections(conditions) if rejecting is None else rejecting
    groups: dict[str, list[str]] = {"supports": [], "conditional": [], "opposes": [], "unclear": [], "silent": []}
    positions: dict[str, tuple[str, ...]] = {}
    in_force: list[ConditionState] = []
    for party in parties:
        cell = cells.get((issue, party))
        groups[cell_side(cell)].append(party)
        if cell is not None and cell.positions:
            positions[party] = cell.positions
            for position in cell.positions:
                condition = conditions.get(position)
                if condition is not None:
                    rejected_by, refusing = _refusals(condition, cells, parties, rejecting)
                    in_force.append(
                        ConditionState(
                            position,
                            party,
                            issue,
                            condition.text,
                            condition.linked_issue or None,
                            condition.needs or None,
                            rejected_by,
                            refusing,
                            condition.rejects or None,
                        )
                    )
    accepting, conditional, opposing = groups["supports"], groups["conditional"], groups["opposes"]
    refused = any(condition.rejected_by for condition in in_force)
    if len(accepting) + len(conditional) + len(opposing) < MIN_SIDES:
        state = State.OPEN
    elif (opposing and (accepting or conditional)) or (refused and (accepting or conditional)):
        state = State.STICKING_POINT
    elif groups["unclear"]:
        state = State.OPEN  # no one opposes, but a covered party's stance is unclear: not yet common ground
    elif opposing:
        state = State.COMMON_GROUND  # every party on record rejects it: agreed, against the proposition
    else:
        state = State.COMMON_GROUND
    return IssueState(
        issue,
        state,
        tuple(accepting),
        tuple(conditional),
        tuple(opposing),
        tuple(groups["unclear"]),
        tuple(groups["silent"]),
        tuple(in_force),
        positions,
    )


def state_of_play(
    inputs: Iterable[CellInput],
    conditions: Mapping[str, ConditionInput],
    parties: Sequence[str],
    issues: Sequence[str],
    as_of: dt.date | None = None,
) -> list[IssueState]:
    """Every issue's state at a date (default: the latest positions), in the issues' order."""
    cells = compute_cells(inputs, as_of=as_of)
    rejecting = rejections(conditions)
    return [issue_state(issue, cells, parties, conditions, rejecting) for issue in issues]


def ordered(states: Iterable[IssueState]) -> list[IssueState]:
    """From common ground (widest first) to the deepest divide, then the open issues (most covered first)."""

    def key(state: IssueState) -> tuple[int, int, int]:
        rank = STATE_ORDER.index(state.state)
        if state.state is State.COMMON_GROUND:
            return rank, -len(state.sides), len(state.conditional)
        if state.state is State.STICKING_POINT:
            return rank, state.depth, -len(state.accepting) - len(state.conditional)
        return rank, -len(state.sides) - len(state.unclear), 0

    return sorted(states, key=key)  # stable: ties keep the codebook's order


def landscape_state_of_play(data: Landscape, as_of: dt.date | None = None) -> list[IssueState]:
    """The whole data set's state of play, every party and issue, in the codebook's order (what the export holds)."""
    parties = [party.id for party in data.parties]
    issues = [issue.id for issue in data.issues]
    return state_of_play(inputs_from_landscape(data), conditions_from_landscape(data), parties, issues, as_of)


def plural_parties(data: Landscape) -> frozenset[str]:
    """Parties named in the plural ("European leaders"), which take a plural verb; a state's name never does ("United States")."""
    return frozenset(party.id for party in data.parties if party.name.endswith("s") and party.kind.value != "state")


# --- in words ------------------------------------------------------------------------------------


def joined(names: Sequence[str]) -> str:
    names = list(names)
    if not names:
        return ""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def state_sentence(
    state: IssueState, party_names: Mapping[str, str], issue_names: Mapping[str, str], total_parties: int, plural: frozenset[str] = frozenset()
) -> str:
    """The issue's state in one plain sentence, from names and the conditions' own words (no ids).

    "All four accept it; Russia on the condition “…will retain veto rights”, which Ukraine rejects."
    A party named in `plural` ("European leaders") takes a plural verb. A condition that only refuses
    another party's condition is said once, as that refusal.
    """
    name = party_names.get

    def _verb(names: Sequence[str], singular: str, plural_form: str) -> str:
        return singular if len(names) == 1 and names[0] not in plural_names else plural_form

    plural_names = {party_names.get(p, p) for p in plural}
    accepting = [name(p, p) for p in (*state.accepting, *state.conditional)]
    opposing = [name(p, p) for p in state.opposing]
    clauses = []
    if accepting:
        who = NUMBER_WORDS.get(len(accepting), joined(accepting)) if len(accepting) == total_parties and len(accepting) > 1 else joined(accepting)
        clauses.append(f"{who} {_verb(accepting, 'accepts', 'accept')} it")
    if opposing:
        who = NUMBER_WORDS.get(len(opposing), joined(opposing)) if len(opposing) == total_parties and len(opposing) > 1 else joined(opposing)
        clauses.append(f"{who} {_verb(opposing, 'opposes', 'oppose')} it")
    said = {condition.position for condition in state.conditions}
    for condition in state.conditions:
        if condition.rejects in said:
            continue  # told as the refusal of the condition it rejects
        words = f"{name(condition.party, condition.party)} on the condition “{condition.text}”"
        if condition.linked_issue:
            needs = "accepted" if condition.needs == "supports" else "rejected"
            words += f" (that “{issue_names.get(condition.linked_issue, condition.linked_issue)}” is {needs})"
        if condition.rejected_by:
            rejecters = [name(p, p) for p in condition.rejected_by]
            words += f", which {joined(rejecters)} {_verb(rejecters, 'rejects', 'reject')}"
        clauses.append(words)
    if state.unclear:
        unclear = [name(p, p) for p in state.unclear]
        clauses.append(f"where {joined(unclear)} {_verb(unclear, 'stands', 'stand')} is unclear in the articles")
    if state.silent:
        silent = [name(p, p) for p in state.silent]
        clauses.append(f"no article covers {joined(silent)}")
    if not clauses:
        return "No party's position is recorded."
    sentence = "; ".join(clauses)
    return sentence[0].upper() + sentence[1:] + "."


# --- over time -----------------------------------------------------------------------------------


def states_over_time(
    inputs: Sequence[CellInput],
    conditions: Mapping[str, ConditionInput],
    parties: Sequence[str],
    issues: Sequence[str],
    days: Sequence[str],
) -> dict[str, list[State]]:
    """issue -> its state at each day (YYYY-MM-DD), in order: what was on record then, not a forecast."""
    over: dict[str, list[State]] = {issue: [] for issue in issues}
    for day in days:
        for state in state_of_play(inputs, conditions, parties, issues, dt.date.fromisoformat(day)):
            over[state.issue].append(state.state)
    return over


def moves(over: Mapping[str, list[State]], days: Sequence[str]) -> list[tuple[str, str, State, State]]:
    """Every (issue, day, before, after) where an issue's state changed from one step to the next."""
    return [
        (issue, days[index], states[index - 1], states[index])
        for issue, states in over.items()
        for index in range(1, len(states))
        if states[index] != states[index - 1]
    ]


# --- the page's view -----------------------------------------------------------------------------


@dataclass(frozen=True)
class AgreementRow:
    """One issue on the page: its state in words, and who stands where with the positions behind each."""

    issue: str
    name: str
    state: str  # a State value
    state_text: str
    sentence: str
    sides: list[tuple[str, str, tuple[str, ...]]]  # (party name, where it stands in words, its positions' ids)


@dataclass(frozen=True)
class ConditionEdge:
    """A condition in force, as the page lists and draws it."""

    number: int  # 1-based: its mark on the diagram
    party: str  # the party's name
    description: str  # in plain words, without ids
    position: str  # the conditional position (its quotes open from the list)
    refusals: tuple[tuple[str, str], ...]  # (party name, position id) of each refusal
    issue: str
    linked_issue: str | None


@dataclass(frozen=True)
class CommonGroundView:
    rows: list[AgreementRow]  # ordered from common ground to the deepest divide, then open issues
    counts: dict[str, int]  # State value -> how many issues are in it
    edges: list[ConditionEdge]
    figure: object | None  # the conditions drawn as links between issues (plotly), None without conditions
    over_time: object | None  # each issue's state at each replay step (plotly), None without steps
    moved: list[tuple[str, str, str, str, str]]  # (day, issue name, before, after, the positions dated that day on it, in words)
    hidden_edges: int = 0  # conditions past CONDITIONS_DRAWN, neither drawn nor listed (the page says how many)


CONDITIONS_DRAWN = 40  # conditions drawn and listed at most (the real data draw 6); more would be a diagram nobody can read


def condition_words(condition: ConditionState, party_names: Mapping[str, str], issue_names: Mapping[str, str]) -> str:
    """'Ukraine accepts “Territorial concessions by Ukraine” only on the condition “…”, tied to “Security guarantees…” being accepted.'"""
    party, issue = party_names.get(condition.party, condition.party), issue_names.get(condition.issue, condition.issue)
    words = f"{party} accepts “{issue}” only on the condition “{condition.text}”"
    if condition.linked_issue:
        needs = "accepted" if condition.needs == "supports" else "rejected"
        words += f", tied to “{issue_names.get(condition.linked_issue, condition.linked_issue)}” being {needs}"
    if condition.rejected_by:
        words += f"; refused by {joined([party_names.get(p, p) for p in condition.rejected_by])}"
    return words + "."


@dataclass(frozen=True)
class ChosenPlay:
    """What the selection keeps, ready to compute states from: its positions, their cell inputs and conditions, its parties and issues."""

    positions: pd.DataFrame
    inputs: list[CellInput]
    conditions: dict[str, ConditionInput]
    parties: list[str]
    issues: list[str]


def chosen_play(frames, selection) -> ChosenPlay:
    from landscape.frames import cell_inputs, filter_positions
    from landscape.views import chosen_issues, chosen_parties

    positions = filter_positions(frames.positions, selection)
    chosen = set(positions["id"])
    conditions = {pid: condition for pid, condition in conditions_from_landscape(frames.landscape).items() if pid in chosen}
    parties = list(chosen_parties(frames, selection)["id"])
    return ChosenPlay(positions, cell_inputs(positions), conditions, parties, list(chosen_issues(frames, selection)["id"]))


def common_ground_view(frames, selection, as_of: str = "") -> CommonGroundView:
    """The page 'Where they could agree' for the shared selection, at a day (YYYY-MM-DD) or, when empty, the latest."""
    from landscape.figures import conditions_figure, states_over_time_figure
    from landscape.views import replay_steps

    play = chosen_play(frames, selection)
    positions, inputs, conditions, parties, issues = play.positions, play.inputs, play.conditions, play.parties, play.issues
    party_names = dict(zip(frames.parties["id"], frames.parties["name"], strict=True))
    issue_names = dict(zip(frames.issues["id"], frames.issues["name"], strict=True))
    plural = plural_parties(frames.landscape)
    day = dt.date.fromisoformat(as_of) if as_of else None
    states = ordered(state_of_play(inputs, conditions, parties, issues, day))

    rows = []
    for state in states:
        sides = []
        for side, members in (("supports", state.accepting), ("conditional", state.conditional), ("opposes", state.opposing), ("unclear", state.unclear)):
            sides += [(party_names[party], SIDE[side].word, state.positions.get(party, ())) for party in members]
        rows.append(
            AgreementRow(
                state.issue,
                issue_names[state.issue],
                state.state.value,
                STATE[state.state].word,
                state_sentence(state, party_names, issue_names, len(parties), plural),
                sides,
            )
        )

    edges: list[ConditionEdge] = []
    for state in states:
        said = {condition.position for condition in state.conditions}
        for condition in state.conditions:
            if condition.rejects in said:
                continue  # a refusal of another party's condition: listed under that condition
            refusals = tuple(zip((party_names[p] for p in condition.rejected_by), condition.rejecting_positions, strict=False))
            edges.append(
                ConditionEdge(
                    len(edges) + 1,
                    party_names[condition.party],
                    condition_words(condition, party_names, issue_names),
                    condition.position,
                    refusals,
                    condition.issue,
                    condition.linked_issue,
                )
            )

    hidden_edges = max(0, len(edges) - CONDITIONS_DRAWN)
    edges = edges[:CONDITIONS_DRAWN]
    figure = None
    drawn = [edge for edge in edges if edge.linked_issue or edge.refusals]
    if drawn:
        nodes = list(dict.fromkeys(issue for edge in drawn for issue in (edge.issue, edge.linked_issue or edge.issue)))
        colours = dict(zip(frames.parties["name"], frames.parties["colour"], strict=True))
        figure = conditions_figure(
            [issue_names[issue] for issue in nodes],
            [
                (
                    nodes.index(edge.issue),
                    nodes.index(edge.linked_issue or edge.issue),
                    colours[edge.party],
                    f"{edge.number}. {edge.description}",
                    bool(edge.refusals),
                    edge.party,
                )
                for edge in edges
                if edge in drawn
            ],
        )
    steps = [step.day for step in replay_steps(frames, selection)]
    over_time, moved = None, []
    if len(steps) > 1:
        order = [row.issue for row in rows]
        over = states_over_time(inputs, conditions, parties, order, steps)
        over_time = states_over_time_figure([issue_names[issue] for issue in order], steps, [[s.value for s in over[issue]] for issue in order], as_of)
        starts = positions["as_of_start"].dt.date.map(dt.date.isoformat)

        def movers(issue: str, day: str) -> str:
            dated = positions[(positions["issue"] == issue) & (starts == day)]
            return "; ".join(dict.fromkeys(f"{row.party_name}: {SIDE.get(row.stance, SIDE[Side.UNCLEAR]).word}" for row in dated.itertuples()))

        moved = sorted((day, issue_names[issue], STATE[before].word, STATE[after].word, movers(issue, day)) for issue, day, before, after in moves(over, steps))
    counts = {state.value: sum(row.state == state.value for row in rows) for state in State}
    return CommonGroundView(rows, counts, edges, figure, over_time, moved, hidden_edges)


def agreement_link_label(counts: Mapping[str, int]) -> str:
    """The overview's link to the page: '2 issues of common ground and 9 sticking points: where they could agree'."""
    common, sticking = counts.get("common_ground", 0), counts.get("sticking_point", 0)
    issues = f"{plural(common, 'issue')} of common ground"
    points = plural(sticking, "sticking point")
    return f"{issues} and {points}: see where they could agree"


def state_counts(frames, selection) -> dict[str, int]:
    """How many issues are common ground, sticking points and open, for the overview (the page's counts, without its figures)."""
    play = chosen_play(frames, selection)
    states = [state.state for state in state_of_play(play.inputs, play.conditions, play.parties, play.issues)]
    return {state.value: states.count(state) for state in State}

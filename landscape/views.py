"""What each page draws, prepared from frames and the shared selection.

Plain functions (no Streamlit): the app memoizes their results per data version and selection,
so a filter change that has been seen before redraws without recomputing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlencode

import pandas as pd
import plotly.graph_objects as go

from landscape.cells import Verdict, cell_verdict
from landscape.figures import matrix_points, stance_matrix_figure, timeline_figure
from landscape.frames import (
    Frames,
    Selection,
    busiest,
    cell_inputs,
    filter_events,
    filter_positions,
    kept,
    known,
    matrix_table,
    stance_matrix,
)
from landscape.plural import plural
from landscape.reader import LegendEntry, article_html, legend_html, passage_context, reading_numbers
from landscape.schema import differs_over_time, is_discrepancy
from landscape.vocabulary import ATTRIBUTION, BASIS, CERTAINTY, OWNER, STANCE, VERDICT, Stance, cell_colours, status_word, words

if TYPE_CHECKING:
    from pandas.io.formats.style import Styler

OVERVIEW_ISSUES, OVERVIEW_PARTIES = 30, 8
COLOURED_CELLS = 4000  # above this the matrix is drawn without cell colours: symbols and words carry the stance
TIMELINE_ROWS, TIMELINE_EVENTS = 8, 60  # party rows, and events, drawn at most
ABOUT_FIGURES = 24  # stated figures drawn at most on the About page, each a panel of values and quotes
ABOUT_ISSUES = 40  # issues of the codebook written out at most (the real codebook has 18)
TIMELINE_CHANGES = 6  # changes of position shown side by side at most (the latest); each is two cards of quotes
# Rows the explorer's grid draws at most; the count and the downloads hold every match. A grid of every position
# (9 columns, two of them sentences) made large data's explorer the slowest page to draw.
EXPLORER_TABLE_ROWS = 1000


def chosen_parties(frames: Frames, selection: Selection) -> pd.DataFrame:
    return frames.parties[kept(frames.parties["id"], selection.keeps_party)]


def chosen_issues(frames: Frames, selection: Selection) -> pd.DataFrame:
    return frames.issues[kept(frames.issues["id"], selection.keeps_issue)]


@dataclass(frozen=True)
class OverviewView:
    metrics: dict[str, int]
    figure: go.Figure
    note: str
    latest_events: pd.DataFrame
    cells: list[tuple[str, str]]  # (issue id, party id) of each clickable point of the figure, by its index


def overview_view(frames: Frames, selection: Selection) -> OverviewView:
    positions = filter_positions(frames.positions, selection)
    events = filter_events(frames.events, selection)
    parties, issues = chosen_parties(frames, selection), chosen_issues(frames, selection)
    note = ""
    if len(issues) > OVERVIEW_ISSUES or len(parties) > OVERVIEW_PARTIES:
        issues = issues[issues["id"].isin(busiest(positions["issue"], OVERVIEW_ISSUES))]
        parties = parties[parties["id"].isin(busiest(positions["party"], OVERVIEW_PARTIES))]
        note = f"The {len(issues)} most-covered issues and {len(parties)} most-covered parties; the matrix page has them all."
    metrics = {
        "Positions": len(positions),
        "Parties": positions["party"].nunique(),
        "Issues covered": positions["issue"].nunique(),
        "Events": len(events),
        "Sources": len(frames.sources),
    }
    matrix = stance_matrix(positions, parties, issues)
    return OverviewView(metrics, stance_matrix_figure(matrix), note, events.sort_values("start", ascending=False).head(6), matrix_points(matrix))


@dataclass(frozen=True)
class MatrixView:
    table: pd.DataFrame  # one row per issue: its id, group, name, then one column per party
    colours: pd.DataFrame | None  # a CSS declaration per party cell, rows as in table; None when too large to colour
    party_columns: list[str]
    positions: pd.DataFrame
    matrix: pd.DataFrame  # the long form: one row per cell with its verdict
    party_ids: dict[str, str]  # a party column's name -> the party's id

    @property
    def coloured(self) -> bool:
        return self.colours is not None

    def grid_cell(self, issue_id: str, party_id: str) -> tuple[int, str] | None:
        """Where a cell is drawn in the grid: (row, party column), or None when this view does not show it."""
        issues = self.table["issue"].tolist()
        column = next((name for name, party in self.party_ids.items() if party == party_id), None)
        return (issues.index(issue_id), column) if issue_id in issues and column is not None else None

    def cell_at(self, row: int, column: str) -> tuple[str, str] | None:
        """The (issue id, party id) drawn at a grid position, or None for the Issue column or a row gone from the view."""
        if not 0 <= row < len(self.table) or column not in self.party_ids:
            return None
        return str(self.table.iloc[row]["issue"]), self.party_ids[column]


def matrix_view(frames: Frames, selection: Selection, as_of: str = "") -> MatrixView:
    """The matrix for the selection, as of a day (YYYY-MM-DD) or, when empty, with the latest positions."""
    positions = filter_positions(frames.positions, selection)
    parties = chosen_parties(frames, selection)
    day = dt.date.fromisoformat(as_of) if as_of else None
    matrix = stance_matrix(positions, parties, chosen_issues(frames, selection), as_of=day)
    table = matrix_table(matrix)
    party_columns = list(parties["name"])
    colours = None
    if len(table) * len(party_columns) <= COLOURED_CELLS:
        css = matrix.assign(
            css=[
                "background-color: {}; color: {}".format(*cell_colours(status, certainty))
                for status, certainty in zip(matrix["status"], matrix["certainty"], strict=True)
            ]
        ).pivot(index="issue", columns="party_name", values="css")
        colours = css.loc[table["issue"], party_columns].reset_index(drop=True)
    return MatrixView(table, colours, party_columns, positions, matrix, dict(zip(parties["name"], parties["id"], strict=True)))


def matrix_styler(view: MatrixView) -> Styler | pd.DataFrame:
    """The matrix as drawn: the table without ids, coloured by stance when the view has colours.

    Built by the page on every run, never memoized: Streamlit computes a Styler in place while it draws
    it (its styles cleared and rebuilt, its uuid set), so one Styler shared by concurrent sessions
    loses its colours in some of them. The view holds the colours as plain data instead.
    """
    plain = view.table.drop(columns=["issue"])
    if view.colours is None:
        return plain
    colours = view.colours
    return plain.style.apply(lambda _frame: colours, axis=None, subset=view.party_columns)


@dataclass(frozen=True)
class Disagreement:
    """A cell where two articles report incompatible stances: who, on what, and each article's side in words."""

    issue: str
    party: str
    heading: str  # "Russia · Ceasefire first"
    sides: str  # "The New Yorker: opposes; Splinter: supports"


def disagreements(frames: Frames, selection: Selection, as_of: str = "") -> list[Disagreement]:
    """The matrix page's list of cells where sources disagree, in the matrix's order (issues, then parties)."""
    view = matrix_view(frames, selection, as_of)
    conflicting = view.matrix[view.matrix["status"] == "conflicting"]
    positions = view.positions
    day = dt.date.fromisoformat(as_of) if as_of else None
    found = []
    for row in conflicting.itertuples():
        members = positions[(positions["issue"] == row.issue) & (positions["party"] == row.party)]
        cell = cell_verdict(cell_inputs(members), party=row.party, issue=row.issue, as_of=day)
        sides = "; ".join(f"{frames.source_names[source]}: {', '.join(STANCE[stance].word for stance in stances)}" for source, stances in cell.sources.items())
        found.append(Disagreement(row.issue, row.party, f"{row.party_name} · {row.issue_name}", sides))
    return found


@dataclass(frozen=True)
class CellDetail:
    """One matrix cell opened: its verdict in words and its positions, side by side by stance."""

    heading: str  # "Russia · Ceasefire first"
    proposition: str
    meanings: list[tuple[str, str]]  # (stance, what it means for this issue)
    verdict: str  # a Verdict value
    verdict_text: str
    explanation: str  # who says what, by outlet
    sides: list[tuple[str, pd.DataFrame]]  # (stance, the current positions holding it), in stance order
    history: pd.DataFrame  # positions a later one replaced
    changes: list[tuple[pd.Series, pd.Series, str]]  # (earlier, later, what changed in words)


def _joined(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def cell_detail(frames: Frames, selection: Selection, issue_id: str, party_id: str) -> CellDetail:
    positions = filter_positions(frames.positions, selection)
    chosen = positions[(positions["issue"] == issue_id) & (positions["party"] == party_id)]
    cell = cell_verdict(cell_inputs(chosen), party=party_id, issue=issue_id)
    issue = frames.issues.set_index("id").loc[issue_id]
    party_name = frames.parties.set_index("id").loc[party_id, "name"]
    outlets = frames.source_names
    said = "; ".join(f"{outlets[source]} reports {_joined([STANCE[s].word for s in stances])}" for source, stances in cell.sources.items())
    # The dialog puts the verdict first ("Sources agree."): the explanation gives the evidence, never the verdict again.
    explanations = {
        Verdict.NONE: "None of the articles reports this party's position on this issue.",
        Verdict.DISAGREE: f"{said}.",
        Verdict.MIXED: f"{said}.",
        Verdict.CHANGED: f"Now: {said}.",
        Verdict.NUANCED: f"Same direction, different degree: {said}.",
        Verdict.AGREE: f"{said}.",
        Verdict.SINGLE: f"{said}.",
    }
    current = chosen[chosen["id"].isin(cell.positions)]
    by_id = chosen.set_index("id")

    def dated_report(position_id: str) -> str:  # "The New Yorker reports opposes (2025-08-19 to 2025-08-24)"
        row = by_id.loc[position_id]
        return f"{_joined([outlets[source] for source in row['source_list']])} reports {STANCE[row['stance']].word} ({row['as_of'].replace('/', ' to ')})"

    if cell.verdict is Verdict.DISAGREE:  # name the reports that clash, and when each describes the party
        clashes = [f"{dated_report(first)} against {dated_report(second)}" for first, second, kind in cell.clashes if kind == "dispute"]
        explanations[Verdict.DISAGREE] = f"About the same moment: {'; '.join(clashes)}."
    if cell.verdict is Verdict.SHIFTED:
        dated = "; ".join(dated_report(position_id) for position_id in current.sort_values(["as_of_start", "as_of_end"])["id"])
        explanations[Verdict.SHIFTED] = f"More than a week apart, so not a contradiction: {dated}. The latest stands: {STANCE[cell.stance].word}."
    notes = []
    history = chosen[chosen["id"].isin(cell.history)]
    if cell.stance not in ("supports", "conditional") and history["stance"].isin(["supports"]).any():
        notes.append("It dropped the demand it made before.")
    if cell.back_and_forth:
        notes.append("The party moved one way, then back.")
    if cell.reading_differs:
        notes.append(
            "An author's own reading or another party's claim differs from what is reported; it is shown below, named as such, "
            "and never counted as a disagreement."
        )
    sides = [(stance, current[current["stance"] == stance].sort_values("as_of_start")) for stance in Stance if (current["stance"] == stance).any()]
    return CellDetail(
        heading=f"{party_name} · {issue['name']}",
        proposition=issue["proposition"],
        meanings=[("supports", issue["supports_means"]), ("opposes", issue["opposes_means"])],
        verdict=cell.verdict.value,
        verdict_text=VERDICT[cell.verdict].word,
        explanation=" ".join([explanations[cell.verdict], *notes]),
        sides=sides,
        history=chosen[chosen["id"].isin(cell.history)].sort_values("as_of_start"),
        changes=changes_of(frames, chosen[chosen["supersedes"].isin(cell.history)]),
    )


def change_in_words(frames: Frames, before: pd.Series, after: pd.Series) -> str:
    """What changed, in words: 'from supports to opposes, 2025-08 → 2025-08-16, around: Trump–Putin summit (2025-08-15)'."""
    moved = "kept its stance" if before["stance"] == after["stance"] else f"from {STANCE[before['stance']].word} to {STANCE[after['stance']].word}"
    words = f"{moved}, {before['as_of']} → {after['as_of']}"
    if after["as_of_precision"] == "day":  # an event just before a change known to the day is its likely occasion: name it
        events = frames.events
        near = (events["start"] >= after["as_of_start"] - pd.Timedelta(days=3)) & (events["end"] <= after["as_of_end"])
        involved = events["parties"].map(lambda ids: after["party"] in ids) & events["issues"].map(lambda ids: not ids or after["issue"] in ids)
        window = events[near & involved.astype(bool)]
        if len(window):
            words += ", around: " + "; ".join(f"{event.title} ({event.date})" for event in window.itertuples())
    return words


def changes_of(frames: Frames, later: pd.DataFrame) -> list[tuple[pd.Series, pd.Series, str]]:
    """Each later position with the earlier one it supersedes, and the change in words, oldest first."""
    by_id = frames.positions.set_index("id", drop=False)
    pairs = [(by_id.loc[row["supersedes"]], row) for _, row in later.sort_values("as_of_start").iterrows()]
    return [(before, after, change_in_words(frames, before, after)) for before, after in pairs]


# The summer's summits, with a week either side: the period the timeline opens on.
BUSY_PERIOD = ("August–October 2025", pd.Timestamp("2025-07-25"), pd.Timestamp("2025-11-05"))
ALL_DATES = "All dates"


@dataclass(frozen=True)
class TimelineView:
    figure: go.Figure | None
    notes: list[str]
    changes: list[tuple[pd.Series, pd.Series, str]]  # (earlier, later, what changed in words)
    table: pd.DataFrame  # the chart's twin: every item of the period, year-only dates included, in plain words
    events: pd.DataFrame
    hidden_changes: int = 0  # changes of position in the period beyond the TIMELINE_CHANGES shown


def data_span(frames: Frames) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    """The first and last day any dated item (position or event) can mean; None when nothing is dated."""
    starts = pd.concat([frames.positions["as_of_start"], frames.events["start"]]).dropna()
    ends = pd.concat([frames.positions["as_of_end"], frames.events["end"]]).dropna()
    return None if starts.empty or ends.empty else (starts.min(), ends.max())


def periods(frames: Frames) -> dict[str, str]:
    """The timeline's periods, key -> label: the busy months, each year something is dated in, and all dates."""
    dated = pd.concat([frames.positions["as_of_start"], frames.positions["as_of_end"], frames.events["start"], frames.events["end"]]).dropna()
    years = sorted(set(pd.DatetimeIndex(dated).year))  # an empty concat is not datetimelike (no .dt); an index of it is
    return {"busy": BUSY_PERIOD[0], **{str(year): f"All of {year}" for year in years}, "all": ALL_DATES}


def period_bounds(period: str, frames: Frames) -> tuple[pd.Timestamp, pd.Timestamp]:
    """A period's first and last day: "busy", a year ("2025"), or else all dates, the data's own span."""
    if period == "busy":
        return BUSY_PERIOD[1], BUSY_PERIOD[2]
    if len(period) == 4 and period.isascii() and period.isdigit():
        return pd.Timestamp(f"{period}-01-01"), pd.Timestamp(f"{period}-12-31")
    return data_span(frames) or (BUSY_PERIOD[1], BUSY_PERIOD[2])


def period_label(period: str, frames: Frames) -> str:
    return periods(frames).get(period) or (f"All of {period}" if period.isdigit() else ALL_DATES)


def passage_path(source: object, cite: object) -> str | None:
    """The reader at one passage, as a link relative to the page ('sources?read=…&cite=…'), so it works under any prefix."""
    if not known(source) or pd.isna(cite):
        return None
    return f"sources?{urlencode({'read': source, 'cite': int(cite)})}"


def timeline_table(positions: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """The chart's twin: each item's date, who, what, its source and a link to its first passage in the reader."""

    def first_source(lists: pd.Series) -> pd.Series:
        return lists.map(lambda ids: ids[0] if len(ids) else "")

    def links(frame: pd.DataFrame) -> list[str | None]:
        return [passage_path(source, cite) for source, cite in zip(first_source(frame["source_list"]), frame["cite"], strict=True)]

    rows = pd.concat(
        [
            pd.DataFrame(
                {
                    "Date": events["date"],
                    "Known to the": events["precision"],
                    "Who": "Event",
                    "Issue": "",
                    "What": events["title"],
                    "Source": events["source_names"],
                    "Passage": links(events),
                    "start": events["start"],
                }
            ),
            pd.DataFrame(
                {
                    "Date": positions["as_of"],
                    "Known to the": positions["as_of_precision"],
                    "Who": positions["party_name"],
                    "Issue": positions["issue_name"],
                    "What": positions["stance"] + ": " + positions["summary"],
                    "Source": positions["source_names"],
                    "Passage": links(positions),
                    "start": positions["as_of_start"],
                }
            ),
        ],
        ignore_index=True,
    )
    columns = ["Date", "Known to the", "Who", "Issue", "Source", "Passage", "What"]  # the long text last: the rest stays in view
    return rows.sort_values("start", kind="stable")[columns].reset_index(drop=True)


def timeline_view(frames: Frames, selection: Selection, period: str) -> TimelineView:
    start, end = period_bounds(period, frames)
    all_positions = filter_positions(frames.positions, selection)
    all_events = filter_events(frames.events, selection)
    positions = all_positions[(all_positions["as_of_end"] >= start) & (all_positions["as_of_start"] <= end)]
    events = all_events[(all_events["end"] >= start) & (all_events["start"] <= end)]
    notes = []
    outside = (len(all_positions) - len(positions)) + (len(all_events) - len(events))
    if outside:
        items = f"{plural(outside, 'dated item')} {plural(outside, 'falls', 'fall', number=False)}"
        notes.append(f"{items} outside {period_label(period, frames)}: choose another period to see them.")
    drawn_positions = positions[positions["as_of_precision"] != "year"]
    drawn_events = events[events["precision"] != "year"]
    year_only = (len(positions) - len(drawn_positions)) + (len(events) - len(drawn_events))
    if year_only:
        items = f"{plural(year_only, 'item')} known only to the year {plural(year_only, 'is', 'are', number=False)}"
        notes.append(f"{items} listed in the table below, not drawn.")
    parties = drawn_positions["party"]
    if parties.nunique() > TIMELINE_ROWS:
        drawn_positions = drawn_positions[parties.isin(busiest(parties, TIMELINE_ROWS))]
        notes.append(f"Showing the {TIMELINE_ROWS} parties with the most positions; filter by party to see others.")
    if len(drawn_events) > TIMELINE_EVENTS:
        drawn_events = drawn_events.sort_values("start").tail(TIMELINE_EVENTS)
        notes.append(f"Showing the {TIMELINE_EVENTS} latest events; filter to see others.")
    drawn = not (drawn_positions.empty and drawn_events.empty)
    if period == "all" and drawn:  # the axis spans what there is, with a little air, not a fixed century
        start = pd.concat([drawn_positions["as_of_start"], drawn_events["start"]]).min() - pd.Timedelta(days=120)
        end = pd.concat([drawn_positions["as_of_end"], drawn_events["end"]]).max() + pd.Timedelta(days=60)
    figure = timeline_figure(drawn_positions, drawn_events, (start, end)) if drawn else None
    later = positions[positions["supersedes"] != ""]
    hidden_changes = max(0, len(later) - TIMELINE_CHANGES)
    changes = changes_of(frames, later.sort_values("as_of_start", kind="stable").tail(TIMELINE_CHANGES))
    return TimelineView(figure, notes, changes, timeline_table(positions, events), events, hidden_changes)


@dataclass(frozen=True)
class StatedFigureView:
    id: str
    name: str
    unit: str | None
    issue_name: str | None
    discrepancy: bool  # two sources, different values, the same moment
    values: list[tuple[str, str | None, str]]  # (value, as of, the citation label that holds its quotes)
    over_time: bool = False  # different values stated more than a week apart: a change, not a clash


@dataclass(frozen=True)
class AboutView:
    codebook: list[tuple[str, pd.DataFrame]]  # (group, its issues: name, proposition, supports/opposes means, scope)
    figures: list[StatedFigureView]  # discrepancies first, at most ABOUT_FIGURES
    hidden_figures: int = 0  # figures matching the filters beyond those shown
    hidden_issues: int = 0  # issues matching the filters beyond the codebook's first ABOUT_ISSUES


def named_issues(text: str, names: dict[str, str]) -> str:
    """Text whose references to other issues by id ("goes to ukraine-nato") name them instead, in quotes, for a reader."""
    if not names:
        return text
    ids = "|".join(re.escape(issue_id) for issue_id in sorted(names, key=len, reverse=True))
    return re.sub(rf"(?<![\w-])({ids})(?![\w-])", lambda match: f"“{names[match.group(1)]}”", text)


def about_view(frames: Frames, selection: Selection) -> AboutView:
    issues = chosen_issues(frames, selection)
    issue_names = dict(zip(frames.issues["id"], frames.issues["name"], strict=True))
    shown = issues.head(ABOUT_ISSUES).assign(scope=lambda rows: rows["scope"].map(lambda scope: named_issues(scope, issue_names)))
    codebook = [
        (str(group), rows[["name", "proposition", "supports_means", "opposes_means", "scope"]].reset_index(drop=True))
        for group, rows in shown.groupby("group", sort=False)
    ]
    figures = []
    for figure in frames.landscape.figures:
        if not selection.keeps_issue(figure.issue):
            continue
        # Values the articles agree on are one value with every quote: a passage's label is the figure and its value,
        # so two equal values would each show both quotes, side by side.
        merged: dict[str, list[str]] = {}
        for value in figure.values:
            dates = merged.setdefault(f"{figure.name}: {value.value}", [value.value])
            if value.as_of is not None and str(value.as_of) not in dates[1:]:
                dates.append(str(value.as_of))
        values = [(shown, "; ".join(dates) or None, label) for label, (shown, *dates) in merged.items()]
        figures.append(
            StatedFigureView(
                figure.id, figure.name, figure.unit, issue_names.get(figure.issue or ""), is_discrepancy(figure), values, differs_over_time(figure)
            )
        )
    figures.sort(key=lambda figure: (not figure.discrepancy, not figure.over_time))
    return AboutView(codebook, figures[:ABOUT_FIGURES], max(0, len(figures) - ABOUT_FIGURES), max(0, len(issues) - ABOUT_ISSUES))


ABOUT_ARTICLES = 12  # the coverage audit's rows on the About page; the total counts every article


@dataclass(frozen=True)
class ArticleCoverage:
    article: str  # the name a reader sees
    named: int  # sentences naming a party
    cited: int
    reviewed: int
    unaccounted: int


@dataclass(frozen=True)
class VersionView:
    """The data's version, what changed in it (the curator's changelog) and the coverage audit per article."""

    version: str
    changelog: list[str]
    coverage: list[ArticleCoverage]  # at most ABOUT_ARTICLES, those with sentences unaccounted first
    total: ArticleCoverage  # every article together


def version_view(frames: Frames, _selection: Selection, texts: tuple[tuple[str, str], ...]) -> VersionView:
    """texts: (source id, article text) pairs; every article is audited whatever the filters (it is about the data)."""
    from landscape.coverage import audit_texts  # pysbd is loaded only when the About page is drawn

    citations = frames.citations
    passages = zip(citations["owner_kind"], citations["owner_id"], citations["source"], citations["start"], citations["end"], strict=True)
    result = audit_texts(frames.landscape, dict(texts), [(str(k), str(o), str(s), int(a), int(b)) for k, o, s, a, b in passages])
    counts = ("cited", "reviewed", "unaccounted")
    coverage = [
        ArticleCoverage(frames.source_names.get(source.source, source.source), source.named, *(source.count(status) for status in counts))
        for source in result.sources
    ]
    total = ArticleCoverage(f"All {len(coverage)} articles", *(sum(getattr(row, name) for row in coverage) for name in ("named", *counts)))
    coverage.sort(key=lambda row: row.unaccounted == 0)  # stable: articles still to read first, then the data's order
    return VersionView(str(frames.landscape.updated), list(frames.landscape.changelog), coverage[:ABOUT_ARTICLES], total)


@dataclass(frozen=True)
class ReplayStep:
    day: str  # YYYY-MM-DD
    what: str  # what happened that day, in plain words


def replay_steps(frames: Frames, selection: Selection) -> list[ReplayStep]:
    """The days on which something dated happened, in order, with the eve of the first: events, and the first day of
    each position's date. The days come from all the data, so a filter change keeps the chosen day; what each step
    says comes from the view."""
    days = {event.start.date().isoformat() for event in frames.events.itertuples() if event.precision != "year"}
    days |= {position.as_of_start.date().isoformat() for position in frames.positions.itertuples() if position.as_of_precision != "year"}
    if not days:
        return []
    positions = filter_positions(frames.positions, selection)
    events = filter_events(frames.events, selection)
    titles: dict[str, list[str]] = {}
    dated: dict[str, int] = {}
    for event in events.itertuples():
        if event.precision != "year":
            titles.setdefault(event.start.date().isoformat(), []).append(event.title)
    for position in positions.itertuples():
        if position.as_of_precision != "year":
            day = position.as_of_start.date().isoformat()
            dated[day] = dated.get(day, 0) + 1
    eve = (dt.date.fromisoformat(min(days)) - dt.timedelta(days=1)).isoformat()
    steps = [ReplayStep(eve, "The eve of the first dated step: only positions whose date began earlier count.")]
    for day in sorted(days):
        count = dated.get(day, 0)
        told = [*titles.get(day, []), *([f"{plural(count, 'position')} dated from this day"] if count else [])]
        steps.append(ReplayStep(day, "; ".join(told) + "." if told else "Nothing in this view is dated to this day; other parties or issues are."))
    return steps


def nearest_earlier_step(days: list[str], wanted: str) -> str | None:
    """The latest step on or before a day (ISO), or None when the day is malformed or before every step."""
    try:
        day = dt.date.fromisoformat(wanted).isoformat()
    except ValueError:
        return None
    earlier = [step for step in days if step <= day]
    return earlier[-1] if earlier else None


@dataclass(frozen=True)
class MovedCell:
    """A cell whose label differs between two days: both labels, why it moved, and the positions that arrived between."""

    party_name: str
    issue_name: str
    before: str
    after: str
    why: str  # "the party moved", "first reported by The New Yorker", ...
    arrived: pd.DataFrame  # the positions dated between the two days (after the first, up to the second)

    def __str__(self) -> str:
        return f"{self.party_name} · {self.issue_name}: {self.before} → {self.after} ({self.why})"


def matrix_comparison(frames: Frames, selection: Selection, earlier: str, later: str) -> list[MovedCell]:
    """Cells whose label differs between two days ('' for the latest), and why: the party moved (a position that supersedes
    another arrived), an article first reported it, or another report arrived."""
    before = matrix_view(frames, selection, earlier).matrix.set_index(["issue", "party"])
    after = matrix_view(frames, selection, later).matrix.set_index(["issue", "party"])

    def settled(labels: pd.Series) -> pd.Series:  # a window closing is no move: compare labels without it
        return labels.str.replace(" · date approximate", "", regex=False)

    moved = after[settled(before["label"]) != settled(after["label"])]
    positions = filter_positions(frames.positions, selection)
    window = positions["as_of_start"] > pd.Timestamp(earlier)
    if later:
        window &= positions["as_of_start"] <= pd.Timestamp(later)
    arrived = positions[window]
    cells = []
    for key, row in zip(moved.index, moved.itertuples(), strict=True):
        new = arrived[(arrived["issue"] == key[0]) & (arrived["party"] == key[1])].sort_values("as_of_start")
        outlets = _joined(list(dict.fromkeys(frames.source_names[source] for sources in new["source_list"] for source in sources))) if len(new) else ""
        if (new["supersedes"] != "").any():
            why = "the party moved"
        elif before.loc[key, "status"] == "none":
            why = f"first reported by {outlets}" if outlets else "first reported"
        else:
            why = f"a report by {outlets} arrived" if outlets else "a report arrived"
        cells.append(MovedCell(row.party_name, row.issue_name, before.loc[key, "label"], row.label, why, new))
    return cells


def matrix_changes(frames: Frames, selection: Selection, earlier: str, later: str) -> list[str]:
    """Cells whose label differs between two days, in words: 'Russia · Ceasefire first: ✔ supports → ✘ opposes (the party moved)'."""
    return [str(cell) for cell in matrix_comparison(frames, selection, earlier, later)]


# --- the positions explorer ----------------------------------------------------------------------


def explorer_view(frames: Frames, selection: Selection, stances: tuple[str, ...], period: tuple[dt.date, ...], search: str) -> pd.DataFrame:
    """The explorer's rows for the shared selection and its own filters (memoized by the app)."""
    rows = explorer_rows(filter_positions(frames.positions, selection), stances=stances, period=period, search=search)
    return rows.assign(
        citations=rows["id"].map(lambda position_id: _citations(frames, position_id)),
        passages=rows["id"].map(lambda position_id: tuple(cite for cite, *_ in frames.citations_by_owner.get(("position", position_id), []))),
    )


def _citations(frames: Frames, position_id: str) -> list[dict[str, str]]:
    return [{"source": source, "quote": quote} for _, source, quote, _ in frames.citations_by_owner.get(("position", position_id), [])]


def display_table(rows: pd.DataFrame, frames: Frames) -> pd.DataFrame:
    """The explorer's table on screen: names and plain words, no ids."""
    names = frames.source_names
    return pd.DataFrame(
        {
            "Party": rows["party_name"],
            "Issue": rows["issue_name"],
            "Status": rows["superseded"].map(status_word),
            "Stance": rows["stance"].map(words(STANCE)),
            "Certainty": rows["certainty"].map(words(CERTAINTY)),
            "Summary": rows["summary"],
            "As of": rows["as_of"],
            "Attribution": rows["attribution"].map(words(ATTRIBUTION)),
            "Sources": rows["source_list"].map(lambda ids: ", ".join(names[source] for source in ids)),
            "Quote": rows["quote"],
        }
    )


def explorer_table_view(
    frames: Frames, selection: Selection, stances: tuple[str, ...], period: tuple[dt.date, ...], search: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The explorer's matching rows and the table drawn from them (the first EXPLORER_TABLE_ROWS), both built once per filter state."""
    rows = explorer_view(frames, selection, stances, period, search)
    return rows, display_table(rows.head(EXPLORER_TABLE_ROWS), frames)


def explorer_caption(drawn: int, matching: int, total: int) -> str:
    """What the explorer's count says: how many positions match, and, when the table holds fewer, that the downloads hold all."""
    caption = f"{matching:,} of {total:,} positions. Select a row to read its quotes in context."
    if drawn < matching:
        caption += f" The table shows the first {drawn:,}; narrow the filters to see the others, or download them all."
    return caption


def explorer_bounds(frames: Frames, selection: Selection) -> tuple[dt.date, dt.date]:
    """The first and last day any position's date can mean: the explorer's date range (whatever the filters)."""
    del selection
    return frames.positions["as_of_start"].min().date(), frames.positions["as_of_end"].max().date()


def explorer_rows(
    positions: pd.DataFrame,
    *,
    stances: Sequence[str] = (),
    period: Sequence[dt.date] = (),
    search: str = "",
) -> pd.DataFrame:
    """Positions matching stance, a date range (overlapping the position's date span) and free text."""
    mask = pd.Series(True, index=positions.index)
    if stances:
        mask &= positions["stance"].isin(stances)
    if len(period) == 2:
        start, end = (pd.Timestamp(day) for day in period)
        mask &= (positions["as_of_end"] >= start) & (positions["as_of_start"] <= end)
    words = search.strip().casefold().split()
    if words:
        haystack = (positions["summary"] + " " + positions["quotes"] + " " + positions["speaker"]).str.casefold()
        for word in words:
            mask &= haystack.str.contains(word, regex=False)
    return positions[mask]


# --- the Sources page: panels, the reader ---------------------------------------


@dataclass(frozen=True)
class ReaderRequest:
    """Which article and passage a link asked the reader to open, after checking both."""

    source: str | None = None
    cite: int | None = None
    notices: list[str] = field(default_factory=list)


def reader_request(read: str | None, cite: str | None, frames: Frames) -> ReaderRequest:
    notices = []
    source = None
    if read:
        if read in set(frames.sources["id"]):
            source = read
        else:
            notices.append(f"The link asked for an unknown source ({read[:40]!r}); showing the first article.")
    number = None
    if cite:
        if not (cite.isascii() and cite.isdigit()) or len(cite) > 9:  # "²".isdigit() is True, int("²") fails
            notices.append(f"The link's passage number ({cite[:40]!r}) is not a number; showing the whole article.")
        else:
            wanted = int(cite)
            match = frames.citations[frames.citations["cite"] == wanted]
            if match.empty or (source is not None and match.iloc[0]["source"] != source):
                notices.append(f"The link's passage number {wanted} is not a passage of this article; showing the whole article.")
            else:
                number = wanted
                source = source or str(match.iloc[0]["source"])
    return ReaderRequest(source, number, notices)


SOURCE_PANELS = 12


@dataclass(frozen=True)
class SourcePanel:
    source_id: str
    title: str
    facts: list[tuple[str, str, str]]  # (field, value or "unknown", how it is known)
    viewpoint_id: str | None
    thesis: str | None
    answers: list[tuple[str, str, str, str]]  # (question text, answer, explanation, citation label)


@dataclass(frozen=True)
class SourcePanelsView:
    panels: list[SourcePanel]
    hidden: int
    articles: dict[str, str]  # source id -> "Title (Outlet)", for the reader's picker


def source_panels_view(frames: Frames, selection) -> SourcePanelsView:
    """Panels for the selected sources (at most SOURCE_PANELS) and their answers side by side."""
    sources = frames.sources[kept(frames.sources["id"], selection.keeps_source)]
    shown = sources.head(SOURCE_PANELS)
    viewpoints = {viewpoint.source: viewpoint for viewpoint in frames.landscape.viewpoints}
    questions = {question.id: question.text for question in frames.landscape.questions}
    panels = []
    for source in shown.itertuples():
        facts = [
            (label, getattr(source, name) if known(getattr(source, name)) else "unknown", BASIS[getattr(source, f"{name}_basis")].word)
            for name, label in (("outlet", "Outlet"), ("author", "Author"), ("published", "Published"), ("url", "URL"))
        ]
        viewpoint = viewpoints.get(source.id)
        answers = [(questions.get(a.question, a.question), a.answer, a.explanation, f"Answer: {a.question}") for a in (viewpoint.answers if viewpoint else [])]
        panels.append(
            SourcePanel(
                source.id,
                source.title if known(source.title) else "Title unknown",
                facts,
                viewpoint.id if viewpoint else None,
                viewpoint.thesis if viewpoint else None,
                answers,
            )
        )
    outlets = frames.source_names
    titles = dict(zip(frames.sources["id"], frames.sources["title"].fillna(frames.sources["name"]), strict=True))
    articles = {source: f"{titles[source]} ({outlets[source]})" for source in frames.sources["id"]}
    return SourcePanelsView(panels, len(sources) - len(shown), articles)


def passage_description(frames: Frames, owner_kind: str, owner_id: str, label: str) -> str:
    """What cites a passage, in names and plain words (a position's party and issue, a question's text)."""
    if owner_kind == "position":
        match = frames.positions[frames.positions["id"] == owner_id]
        if not match.empty:
            row = match.iloc[0]
            return f"{row['party_name']} on {row['issue_name']}: {row['summary']}"
    if owner_kind == "answer":
        question_id = label.removeprefix("Answer: ")
        questions = {question.id: question.text for question in frames.landscape.questions}
        answers = {(v.id, a.question): a.answer for v in frames.landscape.viewpoints for a in v.answers}
        answer = answers.get((owner_id, question_id))
        text = questions.get(question_id, question_id)
        return text if answer is None else f"{text} → {answer}"
    if owner_kind == "viewpoint":
        theses = {viewpoint.id: viewpoint.thesis for viewpoint in frames.landscape.viewpoints}
        return theses.get(owner_id, label)
    return label


@dataclass(frozen=True)
class FocusedPassage:
    number: int  # reading order in the article
    kind: str
    description: str
    before: str
    passage: str
    after: str


@dataclass(frozen=True)
class ReaderView:
    html: str
    legend_html: str
    focus: FocusedPassage | None
    legend: list[LegendEntry]  # in reading order


def reader_view(frames: Frames, selection, source_id: str, focus: int | None, text: str) -> ReaderView:
    del selection  # the reader shows every passage of the article, whatever the filters
    passages = frames.citations[frames.citations["source"] == source_id]
    numbers = reading_numbers(passages)
    legend = sorted(
        (
            LegendEntry(numbers[int(row.cite)], int(row.cite), OWNER[row.owner_kind].word, passage_description(frames, row.owner_kind, row.owner_id, row.label))
            for row in passages.itertuples()
        ),
        key=lambda entry: entry.number,
    )
    focused = None
    if focus is not None and focus in numbers:
        cited = frames.citations.set_index("cite").loc[focus]
        before, passage, after = passage_context(text, int(cited["start"]), int(cited["end"]))
        entry = next(entry for entry in legend if entry.cite == focus)
        focused = FocusedPassage(entry.number, entry.kind, entry.description, before, passage, after)
    return ReaderView(article_html(text, passages, focus), legend_html(legend, focus), focused, legend)

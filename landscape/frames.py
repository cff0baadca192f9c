"""Validated data as pandas frames, and the filters and aggregations the pages draw.

Frames are built once per data version (the app caches them); filtering is a boolean mask.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import pandas as pd

from landscape.cells import Cell, CellInput, Verdict, compute_cells
from landscape.cite import source_reference
from landscape.load import Dataset
from landscape.plural import plural
from landscape.schema import Event, Landscape, Position
from landscape.vocabulary import CELL_STATUS, CellState


def known(value: object) -> bool:
    """Whether a frame value holds something (None, NaN and "" stand for unknown)."""
    return isinstance(value, str) and value != ""


def stance_label(stance: str) -> str:
    return CELL_STATUS[stance].marked


# A position's or event's columns: every field of the model under its own name, in its JSON form (ids and codes, "" for
# none), so a field added to the model reaches the frame; except the citations, which the frame replaces by what the
# pages read of them (source_list, quote, quotes, cite, source_names). Then the columns the frame adds: names a reader
# sees, the date's precision and bounds, the citations, and whether a later position replaced this one.
REPLACED = frozenset({"citations"})
POSITION_ADDED = ("party_name", "issue_name", "as_of_precision", "as_of_start", "as_of_end")
POSITION_ADDED += ("source_list", "quote", "quotes", "cite", "source_names", "superseded")
EVENT_ADDED = ("precision", "start", "end", "source_list", "quote", "cite", "source_names")
POSITION_COLUMNS = (*(name for name in Position.model_fields if name not in REPLACED), *POSITION_ADDED)
EVENT_COLUMNS = (*(name for name in Event.model_fields if name not in REPLACED), *EVENT_ADDED)


def _own_columns(model: Position | Event) -> dict[str, object]:
    own = model.model_dump(mode="json", exclude=set(REPLACED))
    return {name: "" if value is None else value for name, value in own.items()}


@dataclass(frozen=True)
class Frames:
    """Everything the pages draw, as frames."""

    positions: pd.DataFrame  # one row per position, joined with party, issue and sources
    citations: pd.DataFrame  # one row per cited passage, with where it stands in its article
    events: pd.DataFrame  # one row per event
    parties: pd.DataFrame
    issues: pd.DataFrame  # in display order: by group, then as curated
    sources: pd.DataFrame
    landscape: Landscape  # the validated objects, for views that need more than a table
    citations_by_owner: dict[tuple[str, str], list[tuple[int, str, str, str]]]  # (kind, id) -> [(cite, source, quote, label)]
    # Looked up on every rerun by the widgets and views: built once per data version, here.
    source_names: dict[str, str]  # source id -> the name a reader sees (outlet, else title, else id)
    source_urls: dict[str, str | None]  # source id -> the article's address, None when unknown
    source_references: dict[str, str] = field(default_factory=dict)  # source id -> author, “title”, outlet, date: where to find it


def build_frames(dataset: Dataset) -> Frames:
    data = dataset.landscape
    parties = pd.DataFrame([party.model_dump(mode="json") for party in data.parties])
    group_order = list(dict.fromkeys(issue.group.value for issue in data.issues))
    issues = pd.DataFrame([{**issue.model_dump(mode="json"), "order": index} for index, issue in enumerate(data.issues)])
    issues["group_rank"] = issues["group"].map(group_order.index)
    issues = issues.sort_values(["group_rank", "order"], kind="stable").reset_index(drop=True)
    sources = pd.DataFrame(
        [
            {
                "id": source.id,
                "file": source.file,
                **{f: (None if getattr(source, f).value is None else str(getattr(source, f).value)) for f in ("title", "outlet", "author", "published", "url")},
                **{f"{f}_basis": getattr(source, f).basis.value for f in ("title", "outlet", "author", "published", "url")},
            }
            for source in data.sources
        ]
    )
    # What a reader sees for a source: its outlet, else its title, else (never shown when either is known) its id.
    sources["name"] = sources["outlet"].fillna(sources["title"]).fillna(sources["id"])
    party_names = dict(zip(parties["id"], parties["name"], strict=True))
    issue_rows = {row.id: row for row in issues.itertuples()}
    superseded = {position.supersedes for position in data.positions if position.supersedes}

    citations = pd.DataFrame(
        [
            {
                "cite": index,
                "owner_kind": passage.owner_kind,
                "owner_id": passage.owner_id,
                "label": passage.label,
                "source": passage.source,
                "quote": passage.quote,
                "start": passage.start,
                "end": passage.end,
            }
            for index, passage in enumerate(dataset.passages)
        ],
        columns=["cite", "owner_kind", "owner_id", "label", "source", "quote", "start", "end"],
    )
    position_cites = citations[citations["owner_kind"] == "position"].groupby("owner_id")["cite"].first()

    positions = pd.DataFrame(
        [
            {
                **_own_columns(position),
                "party_name": party_names[position.party],
                "issue_name": issue_rows[position.issue].name,
                "as_of_precision": position.as_of.precision.value,
                "as_of_start": pd.Timestamp(position.as_of.start),
                "as_of_end": pd.Timestamp(position.as_of.end),
                "source_list": list(dict.fromkeys(citation.source for citation in position.citations)),
                "quote": position.citations[0].quote,
                "quotes": " | ".join(citation.quote for citation in position.citations),
                "superseded": position.id in superseded,
            }
            for position in data.positions
        ],
        columns=[column for column in POSITION_COLUMNS if column not in ("cite", "source_names")],  # those two follow
    )
    positions["cite"] = positions["id"].map(position_cites).astype("Int64")
    source_names = dict(zip(sources["id"], sources["name"], strict=True))

    def named(source_lists: pd.Series) -> pd.Series:
        return source_lists.map(lambda ids: ", ".join(source_names[source] for source in ids)).astype("str")

    positions["source_names"] = named(positions["source_list"])

    events = pd.DataFrame(
        [
            {
                **_own_columns(event),
                "precision": event.date.precision.value,
                "start": pd.Timestamp(event.date.start),
                "end": pd.Timestamp(event.date.end),
                "source_list": list(dict.fromkeys(citation.source for citation in event.citations)),
                "quote": event.citations[0].quote,
            }
            for event in data.events
        ],
        columns=[column for column in EVENT_COLUMNS if column not in ("cite", "source_names")],
    ).sort_values("start", kind="stable", ignore_index=True)
    event_cites = citations[citations["owner_kind"] == "event"].groupby("owner_id")["cite"].first()
    events["cite"] = events["id"].map(event_cites).astype("Int64")
    events["source_names"] = named(events["source_list"])
    by_owner: dict[tuple[str, str], list[tuple[int, str, str, str]]] = {}
    for index, passage in enumerate(dataset.passages):
        by_owner.setdefault((passage.owner_kind, passage.owner_id), []).append((index, passage.source, passage.quote, passage.label))
    source_urls = {row.id: row.url if known(row.url) else None for row in sources.itertuples()}
    references = {source.id: source_reference(source) for source in data.sources}
    return Frames(positions, citations, events, parties, issues, sources, data, by_owner, source_names, source_urls, references)


@dataclass(frozen=True)
class Selection:
    """The shared filters: empty means all."""

    parties: tuple[str, ...] = ()
    issues: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()

    # The one rule every page, view, brief and download filters by, on frames and on models alike.
    def keeps_party(self, party: str | None) -> bool:
        return not self.parties or party in self.parties

    def keeps_issue(self, issue: str | None) -> bool:
        return not self.issues or issue in self.issues

    def keeps_source(self, source: str | None) -> bool:
        return not self.sources or source in self.sources

    def keeps_any_party(self, parties: Iterable[str]) -> bool:
        return not self.parties or any(self.keeps_party(party) for party in parties)

    def keeps_any_issue(self, issues: Iterable[str]) -> bool:
        return not self.issues or any(self.keeps_issue(issue) for issue in issues)

    def keeps_cited(self, sources: Iterable[str]) -> bool:
        """Something citing these sources: kept when one of them is chosen."""
        return not self.sources or any(self.keeps_source(source) for source in sources)

    def keeps_position(self, party: str, issue: str, sources: Iterable[str]) -> bool:
        return self.keeps_party(party) and self.keeps_issue(issue) and self.keeps_cited(sources)


def kept(values: pd.Series, keeps: Callable[[str], bool]) -> pd.Series:
    """A mask of the values the selection keeps: the rule asked once per distinct value."""
    return values.isin([value for value in values.unique() if keeps(value)])


def _kept_lists(lists: pd.Series, keeps: Callable[[list[str]], bool]) -> pd.Series:
    return lists.map(keeps).astype(bool)


def filter_positions(positions: pd.DataFrame, selection: Selection) -> pd.DataFrame:
    mask = kept(positions["party"], selection.keeps_party) & kept(positions["issue"], selection.keeps_issue)
    return positions[mask & _kept_lists(positions["source_list"], selection.keeps_cited)]


def filter_events(events: pd.DataFrame, selection: Selection) -> pd.DataFrame:
    mask = _kept_lists(events["parties"], selection.keeps_any_party) & _kept_lists(events["source_list"], selection.keeps_cited)
    # An event naming no issue concerns them all: kept whatever issues are chosen.
    return events[mask & _kept_lists(events["issues"], lambda ids: not ids or selection.keeps_any_issue(ids))]


def cell_status(cell: Cell | None) -> str:
    """What a matrix cell shows: a stance, 'conflicting' (sources disagree), 'mixed' or 'none'."""
    if cell is None:
        return CellState.NONE.value
    if cell.verdict is Verdict.DISAGREE:
        return CellState.CONFLICTING.value
    if cell.verdict is Verdict.MIXED:
        return CellState.MIXED.value
    return cell.stance or CellState.NONE.value


def cell_label(cell: Cell | None) -> str:
    """A cell in plain words: symbol and stance, how firmly, how many sources, whether it changed."""
    status = cell_status(cell)
    if cell is None:
        return stance_label(status)
    parts = [stance_label(status) + (" ↻" if cell.changed or cell.verdict is Verdict.SHIFTED else "")]
    if cell.certainty and cell.certainty != "firm":
        parts.append(cell.certainty)
    count = len(cell.sources)
    parts.append(plural(count, "source"))
    if cell.reading_differs:
        parts.append("a claim or reading differs")
    return " · ".join(parts)


def cell_inputs(positions: pd.DataFrame) -> list[CellInput]:
    return [
        CellInput(
            row.id,
            row.party,
            row.issue,
            row.stance,
            row.certainty,
            tuple(row.source_list),
            row.supersedes,
            row.as_of_start.date(),
            row.as_of_precision,
            row.as_of_end.date(),
            row.attribution,
            tuple(row.contradicts),
            tuple(row.distinct_from),
        )
        for row in positions.itertuples()
    ]


def stance_matrix(positions: pd.DataFrame, parties: pd.DataFrame, issues: pd.DataFrame, as_of: dt.date | None = None) -> pd.DataFrame:
    """Long form, one row per (issue, party): its verdict from the sources, status, label, counts.

    A position another one supersedes is history (the timeline shows it); the cell's verdict
    comes from the current ones, and 'changed' says there was an earlier stance. With `as_of`,
    the cells as they stood that day; a cell resting on a month- or year-only date says so.
    """
    cells = compute_cells(cell_inputs(positions), as_of=as_of)
    grid = pd.MultiIndex.from_product([issues["id"], parties["id"]], names=["issue", "party"])
    counts = positions.groupby(["issue", "party"]).size().reindex(grid, fill_value=0)
    matrix = grid.to_frame(index=False)
    chosen = [cells.get(key) for key in zip(matrix["issue"], matrix["party"], strict=True)]
    matrix["issue_name"] = matrix["issue"].map(dict(zip(issues["id"], issues["name"], strict=True)))
    matrix["issue_group"] = matrix["issue"].map(dict(zip(issues["id"], issues["group"], strict=True)))
    matrix["party_name"] = matrix["party"].map(dict(zip(parties["id"], parties["name"], strict=True)))
    matrix["verdict"] = [cell.verdict.value if cell else "none" for cell in chosen]
    matrix["status"] = [cell_status(cell) for cell in chosen]
    matrix["certainty"] = [(cell.certainty or "") if cell else "" for cell in chosen]
    matrix["sources"] = [len(cell.sources) if cell else 0 for cell in chosen]
    matrix["count"] = counts.to_numpy().astype(int)
    matrix["changed"] = [bool(cell and cell.changed) for cell in chosen]
    matrix["approximate"] = [bool(as_of and cell and cell.approximate) for cell in chosen]
    matrix["label"] = [
        cell_label(cell) + (" · date approximate" if approximate else "") for cell, approximate in zip(chosen, matrix["approximate"], strict=True)
    ]
    columns = [
        "issue",
        "issue_name",
        "issue_group",
        "party",
        "party_name",
        "verdict",
        "status",
        "certainty",
        "sources",
        "count",
        "changed",
        "approximate",
        "label",
    ]
    return matrix[columns]


def matrix_table(matrix: pd.DataFrame) -> pd.DataFrame:
    """The matrix as a wide table: one row per issue (group, name), one column per party, labels as cells."""
    table = matrix.pivot(index=["issue_group", "issue_name", "issue"], columns="party_name", values="label")
    order = list(dict.fromkeys(matrix["issue"]))
    table = table.reset_index().set_index("issue").loc[order].reset_index()
    party_order = list(dict.fromkeys(matrix["party_name"]))
    table = table[["issue", "issue_group", "issue_name", *party_order]]
    return table.rename(columns={"issue_group": "Group", "issue_name": "Issue"})


def busiest(values: pd.Series, limit: int) -> list[str]:
    """The `limit` values that occur most often, for views too large to draw whole."""
    return values.value_counts().head(limit).index.tolist()

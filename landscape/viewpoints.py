"""Viewpoints compared across sources, and reading the reader's URL request."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from landscape.frames import Frames, known
from landscape.load import OWNER_LABELS
from landscape.reader import LegendEntry, article_html, legend_html, passage_context, reading_numbers
from landscape.schema import BASIS_LABELS, Landscape


def _column_labels(labels: dict[str, str], reserved: set[str]) -> dict[str, str]:
    """Labels made unique as table columns: two sources of one outlet, or an outlet named like a fixed column, get their id added."""
    counts: dict[str, int] = {}
    for label in labels.values():
        counts[label.casefold()] = counts.get(label.casefold(), 0) + 1
    return {key: (f"{label} ({key})" if counts[label.casefold()] > 1 or label.casefold() in reserved else label) for key, label in labels.items()}


def answers_table(landscape: Landscape, source_ids: list[str]) -> pd.DataFrame:
    """One row per shared question, one column per source: the author's short answer."""
    outlets = _column_labels({source.id: source.outlet.value or source.id for source in landscape.sources}, reserved={"question"})
    answers = {
        (viewpoint.source, answer.question): answer.answer for viewpoint in landscape.viewpoints for answer in viewpoint.answers
    }
    rows = []
    for question in landscape.questions:
        row = {"Question": question.text}
        for source_id in source_ids:
            row[outlets[source_id]] = answers.get((source_id, question.id), "")
        rows.append(row)
    return pd.DataFrame(rows)


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
    answers: pd.DataFrame


def source_panels_view(frames: Frames, selection) -> SourcePanelsView:
    """Panels for the selected sources (at most SOURCE_PANELS) and their answers side by side."""
    sources = frames.sources[frames.sources["id"].isin(selection.sources)] if selection.sources else frames.sources
    shown = sources.head(SOURCE_PANELS)
    viewpoints = {viewpoint.source: viewpoint for viewpoint in frames.landscape.viewpoints}
    questions = {question.id: question.text for question in frames.landscape.questions}
    panels = []
    for source in shown.itertuples():
        facts = [
            (label, getattr(source, name) if known(getattr(source, name)) else "unknown", BASIS_LABELS[getattr(source, f"{name}_basis")])
            for name, label in (("outlet", "Outlet"), ("author", "Author"), ("published", "Published"), ("url", "URL"))
        ]
        viewpoint = viewpoints.get(source.id)
        answers = [
            (questions.get(a.question, a.question), a.answer, a.explanation, f"Answer: {a.question}") for a in (viewpoint.answers if viewpoint else [])
        ]
        panels.append(
            SourcePanel(source.id, source.title if known(source.title) else "Title unknown", facts,
                        viewpoint.id if viewpoint else None, viewpoint.thesis if viewpoint else None, answers)
        )  # fmt: skip
    return SourcePanelsView(panels, len(sources) - len(shown), answers_table(frames.landscape, list(shown["id"])))


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
            LegendEntry(
                numbers[int(row.cite)], int(row.cite), OWNER_LABELS[row.owner_kind], passage_description(frames, row.owner_kind, row.owner_id, row.label)
            )
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

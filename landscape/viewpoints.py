"""Viewpoints compared across sources, and reading the reader's URL request."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from landscape.frames import Frames, known
from landscape.reader import article_html, passage_context
from landscape.schema import Landscape


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


BASIS_TEXT = {"text": "stated in the text", "public": "confirmed publicly", "inferred": "inferred, not confirmed", "unknown": "unknown"}
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
            (name.capitalize(), getattr(source, name) if known(getattr(source, name)) else "unknown", BASIS_TEXT[getattr(source, f"{name}_basis")])
            for name in ("outlet", "author", "published", "url")
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


@dataclass(frozen=True)
class FocusedPassage:
    owner_kind: str
    label: str
    before: str
    passage: str
    after: str


@dataclass(frozen=True)
class ReaderView:
    html: str
    focus: FocusedPassage | None
    legend: list[tuple[int, str, str]]  # (cite, owner kind, label) in reading order


def reader_view(frames: Frames, selection, source_id: str, focus: int | None, text: str) -> ReaderView:
    del selection  # the reader shows every passage of the article, whatever the filters
    passages = frames.citations[frames.citations["source"] == source_id].sort_values("start")
    focused = None
    if focus is not None:
        cited = frames.citations.set_index("cite").loc[focus]
        before, passage, after = passage_context(text, int(cited["start"]), int(cited["end"]))
        focused = FocusedPassage(cited["owner_kind"], cited["label"], before, passage, after)
    legend = list(zip(passages["cite"].astype(int), passages["owner_kind"], passages["label"], strict=True))
    return ReaderView(article_html(text, passages, focus), focused, legend)

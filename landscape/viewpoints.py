"""Viewpoints compared across sources, and reading the reader's URL request."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from landscape.frames import Frames
from landscape.schema import Landscape


def answers_table(landscape: Landscape, source_ids: list[str]) -> pd.DataFrame:
    """One row per shared question, one column per source: the author's short answer."""
    outlets = {source.id: source.outlet.value or source.id for source in landscape.sources}
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
        if not cite.isdigit() or len(cite) > 9:
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

"""The source reader: an article's text with every cited passage marked, as safe HTML.

Every piece of text is escaped here; the only tags are the ones this module writes.
"""

from __future__ import annotations

import html
import itertools

import pandas as pd

OWNER_TEXT = {"position": "position", "event": "event", "viewpoint": "thesis", "answer": "viewpoint answer", "figure": "stated figure"}


def passage_segments(length: int, passages: pd.DataFrame) -> list[tuple[int, int, tuple[int, ...]]]:
    """Split [0, length) at every passage boundary: (start, end, cites covering that piece)."""
    bounds = sorted({0, length, *passages["start"].tolist(), *passages["end"].tolist()})
    spans = list(zip(passages["start"], passages["end"], passages["cite"], strict=True))
    segments = []
    for start, end in itertools.pairwise(bounds):
        covering = tuple(sorted(cite for s, e, cite in spans if s <= start and end <= e))
        segments.append((start, end, covering))
    return segments


def article_html(text: str, passages: pd.DataFrame, focus: int | None = None) -> str:
    """The article as paragraphs, cited passages in <mark>, each followed by its citation numbers."""
    ends: dict[int, list[int]] = {}
    for cite, end in zip(passages["cite"], passages["end"], strict=True):
        ends.setdefault(int(end), []).append(int(cite))
    out: list[str] = []
    for start, end, covering in passage_segments(len(text), passages):
        piece = html.escape(text[start:end]).replace("\n", "</p><p>")
        if covering:
            style = "background:#F0B45E" if focus in covering else "background:#FBE7B5"
            anchor = " id='cited-passage'" if focus in covering else ""  # 'focus' is stripped by DOMPurify
            piece = f"<mark{anchor} style='{style};padding:0 1px'>{piece}</mark>"
        out.append(piece)
        if end in ends:
            numbers = ",".join(str(cite) for cite in sorted(ends[end]))
            out.append(f"<sup style='color:#555'>[{numbers}]</sup>")
    return "<div style='line-height:1.6;font-size:1.02rem'><p>" + "".join(out) + "</p></div>"


def passage_context(text: str, start: int, end: int, margin: int = 300) -> tuple[str, str, str]:
    """The words before, the passage itself, and the words after, cut at white space."""
    before_start = max(0, start - margin)
    while before_start > 0 and not text[before_start - 1].isspace():
        before_start += 1
        if before_start >= start:
            break
    after_end = min(len(text), end + margin)
    while after_end < len(text) and not text[after_end].isspace():
        after_end += 1
    return text[before_start:start], text[start:end], text[end:after_end]

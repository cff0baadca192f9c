"""The source reader: an article's text with every cited passage marked, as safe HTML.

Every piece of text is escaped here (markupsafe); the only tags are the ones this module writes. Passages are
numbered on screen in reading order (1, 2, 3 … down the article); links keep the data's passage
index (`cite`), so the on-screen number and the link's number differ and both stay stable.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import pandas as pd
from markupsafe import escape as _markup_escape


def _escape(text: str) -> str:
    """Curated or article text as HTML text, by markupsafe (as datasette builds its HTML): & < > " ' all escaped."""
    return str(_markup_escape(text))


TARGET_ID = "cited-passage"  # the linked passage's first highlight; the page scrolls it into view
TARGET_CLASS = "cited-target"
PASSAGE_STYLE = "background:#FCEBC0;padding:0 1px;border-radius:2px"
TARGET_STYLE = "background:#FFB000;color:#000;padding:1px 2px;border-radius:3px;outline:2px solid #7A3E00;outline-offset:0"
TARGET_BADGE = (
    "<span style='background:#7A3E00;color:#FFF;font-size:0.75rem;font-weight:600;padding:1px 6px;"
    "border-radius:3px;margin-right:4px;white-space:nowrap'>linked passage ▸</span>"
)
NOTE_STYLE = "color:#3D3D3D;text-decoration:none"


def reading_numbers(passages: pd.DataFrame) -> dict[int, int]:
    """The data's passage index -> its number in reading order in this article (1-based)."""
    ordered = passages.sort_values(["start", "end", "cite"], kind="stable")["cite"]
    return {int(cite): number for number, cite in enumerate(ordered, start=1)}


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
    """The article as paragraphs, cited passages in <mark>, each followed by its reading-order number.

    Each passage starts with an anchor `passage-N`; its number after it links to `note-N` in the list
    below the text (legend_html). The linked passage (`focus`) is marked apart: its own class, a
    stronger colour with an outline, a "linked passage" badge, and the id the page scrolls to.
    """
    numbers = reading_numbers(passages)
    starts: dict[int, list[int]] = {}
    ends: dict[int, list[int]] = {}
    for cite, start, end in zip(passages["cite"], passages["start"], passages["end"], strict=True):
        starts.setdefault(int(start), []).append(numbers[int(cite)])
        ends.setdefault(int(end), []).append(numbers[int(cite)])
    out: list[str] = []
    target_marked = False
    for start, end, covering in passage_segments(len(text), passages):
        out.extend(f"<span id='passage-{number}' style='scroll-margin-top:6rem'></span>" for number in sorted(starts.get(start, ())))
        piece = _escape(text[start:end]).replace("\n", "</p><p>")
        if covering and focus in covering:
            anchor = "" if target_marked else f" id='{TARGET_ID}'"
            badge = "" if target_marked else TARGET_BADGE
            piece = f"{badge}<mark{anchor} class='cited {TARGET_CLASS}' style='{TARGET_STYLE}'>{piece}</mark>"
            target_marked = True
        elif covering:
            piece = f"<mark class='cited' style='{PASSAGE_STYLE}'>{piece}</mark>"
        out.append(piece)
        for number in sorted(ends.get(end, ())):
            out.append(f"<sup style='margin-left:2px'><a href='#note-{number}' style='{NOTE_STYLE}' title='What cites passage {number}'>[{number}]</a></sup>")
    return "<div style='line-height:1.7;font-size:1.02rem'><p>" + "".join(out) + "</p></div>"


@dataclass(frozen=True)
class LegendEntry:
    number: int  # reading order in the article
    cite: int  # the data's passage index, as in links
    kind: str  # in plain words: "Position", "The author's answer" …
    description: str  # names and plain words, never ids


def legend_html(entries: list[LegendEntry], focus: int | None = None) -> str:
    """What cites each passage, in reading order; each number links back to its passage in the text."""
    items = []
    for entry in entries:
        target = entry.cite == focus
        weight = "font-weight:600;" if target else ""
        mark = " <em>(the linked passage)</em>" if target else ""
        items.append(
            f"<li id='note-{entry.number}' style='{weight}margin:0.2em 0;scroll-margin-top:6rem'>"
            f"<a href='#passage-{entry.number}' title='Back to passage {entry.number} in the text'>[{entry.number}]</a> "
            f"{_escape(entry.kind)}: {_escape(entry.description)}{mark}</li>"
        )
    return "<ol style='list-style:none;padding-left:0;margin:0;line-height:1.5'>" + "".join(items) + "</ol>"


def scroll_script(cite: int) -> str:
    """A script that scrolls the linked passage into view once it is drawn. No data in it but a number.

    No '<' anywhere in it: DOMPurify drops a script whose text looks like a tag ('<6' included).
    """
    return (
        f"<script>/* passage {int(cite)} */(function(){{var tries=0;function go(){{"
        f"var el=document.getElementById('{TARGET_ID}');"
        "if(!el){if(60>tries++){setTimeout(go,100);}return;}"
        "el.scrollIntoView({block:'center'});}"
        "setTimeout(go,200);})();</script>"
    )


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

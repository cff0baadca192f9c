"""Intake of a new article: a source stub and a review queue for a curator to edit.

`python -m landscape intake PATH --id ID --out QUEUE.yaml` reads the article and the current data and writes
- **source**: a stub of the `sources:` entry with only what the text itself states (the title line, an author's
  byline, a URL in the text) and the dates it mentions as a note; everything else `unknown`, and
  `unreviewed: true`, which `validate` refuses until a curator has checked the stub and deleted the flag;
- **queue**: every sentence of the article that names a party (as the coverage audit finds them), with its
  verbatim words ready to paste as a quote, the parties it names, the three issues of the codebook whose
  proposition, scope and filed positions are most like it (TF-IDF cosine, computed here: no model, no download;
  every name of a party reads as one word, and a sentence is read with its paragraph at a lower weight; the two
  weights were chosen where the hold-one-article-out measure of tools/holdout.py is flat: 0.25 to 0.4 for
  positions, 0.5 to 0.75 for the paragraph),
  and the filed positions of those parties most like it, with their stance, so that a curator sees at once
  whether the sentence says the same or the opposite.
Each queue entry ends up as a position, an event, a viewpoint's citation or a `reviewed:` entry.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from landscape.coverage import Sentence, party_names, party_sentences
from landscape.schema import Issue, Landscape, Position

SUGGESTED_ISSUES = 3
SIMILAR_POSITIONS = 3
CONTEXT_WEIGHT = 0.5  # a sentence is read with its paragraph at this weight: "the point" and "he" borrow their neighbours' words
MIN_SIMILARITY = 0.12  # a filed position less like the sentence than this is not offered
POSITION_WEIGHT = 0.3  # an issue's score: its codebook entry's similarity + this x its most similar filed position's

_STOP_WORDS = """a an the and or but if of to in on at by for with from as is are was were be been being it its this that these
    those he she they them his her their we our you your i me my not no so than then there here what which who whom
    whose when where why how all any both each few more most other some such only own same too very can will just
    would could should may might must do does did has have had having into over under about after before again
    further once also even still said says say one two"""
_STOP = frozenset(_STOP_WORDS.split())
_WORD = re.compile(r"[a-z][a-z'-]*[a-z]|[a-z]")


def _stem(word: str) -> str:
    word = word.replace("'s", "").strip("'-")
    for suffix in ("ations", "ation", "ments", "ment", "ing", "ies", "es", "ed", "ly", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def tokens(text: str) -> list[str]:
    folded = text.casefold().replace("’", "'")
    return [_stem(word) for word in _WORD.findall(folded) if word not in _STOP and len(word) > 1]


class TfIdf:
    """TF-IDF vectors over a small corpus (the codebook, the positions and the new sentences), compared by cosine."""

    def __init__(self, documents: Iterable[str]):
        counts = [set(tokens(document)) for document in documents]
        self.size = len(counts)
        frequency = Counter(term for document in counts for term in document)
        self.idf = {term: math.log((1 + self.size) / (1 + seen)) + 1 for term, seen in frequency.items()}

    def vector(self, text: str) -> dict[str, float]:
        counts = Counter(tokens(text))
        vector = {term: (1 + math.log(count)) * self.idf.get(term, math.log(1 + self.size) + 1) for term, count in counts.items()}
        norm = math.sqrt(sum(value * value for value in vector.values())) or 1.0
        return {term: value / norm for term, value in vector.items()}


def cosine(left: dict[str, float], right: dict[str, float]) -> float:
    if len(left) > len(right):
        left, right = right, left
    return sum(value * right.get(term, 0.0) for term, value in left.items())


def issue_text(issue: Issue) -> str:
    return " ".join((issue.name, issue.proposition, issue.supports_means, issue.opposes_means, issue.scope))


def position_text(position: Position) -> str:
    return " ".join((position.summary, *(citation.quote for citation in position.citations)))


@dataclass(frozen=True)
class Suggestion:
    sentence: Sentence
    issues: tuple[tuple[str, float], ...]  # (issue id, score), best first
    similar: tuple[tuple[Position, float], ...]


def _party_words(data: Landscape) -> tuple[re.Pattern[str], dict[str, str]]:
    """Every name of every party, to be read as one word per party ("Zelensky", "Kyiv" and "Ukraine" alike)."""
    words = {name: f"party{party.id.replace('-', '')}" for party in data.parties for name in party_names(party)}
    pattern = re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(name) for name in sorted(words, key=len, reverse=True)) + r")(?:['’]s)?(?!\w)")
    return pattern, words


def suggest(data: Landscape, sentences: Sequence[Sentence], positions: Sequence[Position] | None = None) -> list[Suggestion]:
    """For each sentence, the best issues of the codebook and the most similar filed positions of the parties it names."""
    positions = list(data.positions if positions is None else positions)
    pattern, words = _party_words(data)

    def canonical(text: str) -> str:
        return pattern.sub(lambda match: words[match.group().removesuffix("'s").removesuffix("’s")], text)

    issue_texts = {issue.id: canonical(issue_text(issue)) for issue in data.issues}
    position_texts = [canonical(position_text(position)) for position in positions]
    sentence_texts = [canonical(sentence.text) for sentence in sentences]
    model = TfIdf([*issue_texts.values(), *position_texts, *sentence_texts])
    issue_vectors = {issue_id: model.vector(text) for issue_id, text in issue_texts.items()}
    position_vectors = [(position, model.vector(text)) for position, text in zip(positions, position_texts, strict=True)]
    out = []
    paragraphs: dict[int, str] = {}
    for sentence, text in zip(sentences, sentence_texts, strict=True):
        paragraphs[sentence.line] = paragraphs.get(sentence.line, "") + " " + text
    for sentence, text in zip(sentences, sentence_texts, strict=True):
        own = model.vector(text)
        around = model.vector(paragraphs[sentence.line])
        vector = {term: own.get(term, 0.0) + CONTEXT_WEIGHT * around.get(term, 0.0) for term in own.keys() | around.keys()}
        best_position: dict[str, float] = {}
        scored_positions = []
        for position, position_vector in position_vectors:
            score = cosine(vector, position_vector)
            best_position[position.issue] = max(best_position.get(position.issue, 0.0), score)
            if position.party in sentence.parties and score >= MIN_SIMILARITY:
                scored_positions.append((position, score))
        issues = sorted(
            ((issue_id, cosine(vector, issue_vector) + POSITION_WEIGHT * best_position.get(issue_id, 0.0)) for issue_id, issue_vector in issue_vectors.items()),
            key=lambda pair: -pair[1],
        )
        scored_positions.sort(key=lambda pair: -pair[1])
        out.append(Suggestion(sentence, tuple(issues[:SUGGESTED_ISSUES]), tuple(scored_positions[:SIMILAR_POSITIONS])))
    return out


_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_DATE_PATTERNS = (
    rf"\b(?:{_MONTHS})(?: \d{{1,2}})?,? \d{{4}}\b",
    rf"\b(?:{_MONTHS}) \d{{1,2}}\b",
    r"\b(?:19|20)\d{2}\b",
    r"\b(?:[Ll]ast|[Tt]his|[Nn]ext|[Oo]n) (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|week|month|year|December|November)\b",
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b",
)
_URL = re.compile(r"https?://[^\s<>\"')]+")
_BYLINE = re.compile(r"^\s*By ([A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3})\s*$", re.MULTILINE)


def dates_mentioned(text: str) -> list[str]:
    """The dates and days the text mentions, in order of first mention, each once (longest form first)."""
    found: list[tuple[int, str]] = []
    taken: list[tuple[int, int]] = []
    for pattern in _DATE_PATTERNS:
        for match in re.finditer(pattern, text):
            if any(start <= match.start() < end for start, end in taken):
                continue
            taken.append(match.span())
            found.append((match.start(), match.group()))
    return list(dict.fromkeys(words for _start, words in sorted(found)))


def _attested(value: str | None, basis: str = "text", note: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"value": value, "basis": basis if value is not None else "unknown"}
    if note:
        out["note"] = note
    return out


def source_stub(text: str, source_id: str, file_name: str) -> dict[str, Any]:
    """What the article itself states about itself; the rest unknown, and marked unreviewed."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    title = lines[0] if lines and len(lines[0]) <= 200 and not lines[0].endswith((".", ":")) else None
    byline = _BYLINE.search(text)
    url = _URL.search(text)
    dates = dates_mentioned(text)
    host = re.sub(r"^www\.", "", url.group().split("/")[2]) if url else None
    note = "The text mentions: " + "; ".join(dates) + ". Set the date from these, or from the public record." if dates else None
    return {
        "id": source_id,
        "file": file_name,
        "title": _attested(title),
        "outlet": _attested(host, "inferred", "The host of the URL in the text: write the outlet's name.") if host else _attested(None),
        "author": _attested(byline.group(1) if byline else None),
        "published": _attested(None, note=note[:2000] if note else None),
        "url": _attested(url.group().rstrip(".,;") if url else None),
        "unreviewed": True,
    }


def queue_entries(data: Landscape, suggestions: Sequence[Suggestion]) -> list[dict[str, Any]]:
    """The queue as plain data: one entry per sentence, its suggestions written out as one line each."""
    issue_names = {issue.id: issue.name for issue in data.issues}
    entries = []
    for number, suggestion in enumerate(suggestions, start=1):
        sentence = suggestion.sentence
        entries.append(
            {
                "n": number,
                "line": sentence.line,
                "quote": sentence.text,
                "parties": list(sentence.parties),
                "issues": [f"{issue} ({issue_names[issue]}), {score:.2f}" for issue, score in suggestion.issues],
                "similar_positions": [
                    f"{position.id}: {position.party} {position.stance} {position.issue}, {score:.2f}: {position.summary}"
                    for position, score in suggestion.similar
                ],
                "decision": "todo",
            }
        )
    return entries


QUEUE_HEADER = """\
# Intake of {file} as source {id!r}: written by `python -m landscape intake`, for a curator to edit.
# 1. source: check every field against the article (basis text, public, inferred or unknown), add what the public
#    record confirms, delete `unreviewed: true`, then copy the entry under sources: in data/positions.yaml.
# 2. queue: one entry per sentence that names a party. For each, set `decision` to what you filed:
#    a position (paste `quote` as its citation; the suggested issues and similar positions are a start, not an answer),
#    an event, a viewpoint's citation, or a reviewed: entry (background, author, no_stance, same_claim).
# 3. Then: python -m landscape validate && python -m landscape coverage --source {id} --strict
"""


def intake(data: Landscape, text: str, source_id: str, file_name: str, positions: Sequence[Position] | None = None) -> dict[str, Any]:
    """The stub and the queue for a new article's text."""
    sentences = party_sentences(data, source_id, file_name, text)
    return {"source": source_stub(text, source_id, file_name), "queue": queue_entries(data, suggest(data, sentences, positions))}


def write_queue(result: dict[str, Any], out: Path) -> Path:
    header = QUEUE_HEADER.format(file=result["source"]["file"], id=result["source"]["id"])
    body = yaml.safe_dump(result, allow_unicode=True, sort_keys=False, width=100_000)
    out.write_text(header + body, encoding="utf-8")
    return out

"""The coverage audit: is every sentence that names a party either cited or reviewed?

Every article is split into sentences (pysbd, which keeps "U.S." and "Mr." inside a sentence), one
paragraph (one line of the file) at a time. A sentence *names a party* when it contains the party's
name, one of its speakers or one of its aliases (ALIASES below, matched as whole words, case kept).
Each such sentence is then
- **cited**: a position, event, viewpoint, answer or figure quotes at least part of it;
- **reviewed**: the data file's `reviewed:` section holds an entry for it, matched by prefix: the
  entry's `sentence` is the sentence's first words (typography folded, white space collapsed), with
  why it is no position (background, the author's opinion, no stance, the same claim as a position);
- or **unaccounted**: nobody has read it yet, which `python -m landscape coverage --strict` refuses.
A `reviewed:` entry that matches no party sentence, or several different ones, is a problem too (a stale or
vague entry); one entry covers a sentence the article repeats word for word (a title printed twice).
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import pysbd

from landscape.load import Dataset
from landscape.quotes import fold
from landscape.schema import Landscape, Party

# Names a text uses for a party besides its `name` and `speakers`: demonyms, capitals, surnames.
# Keyed by party id; a party without an entry is found by its name and speakers only.
ALIASES: dict[str, tuple[str, ...]] = {
    "russia": ("Russian", "Russians", "Moscow", "Kremlin", "Putin"),
    "ukraine": ("Ukrainian", "Ukrainians", "Kyiv", "Kiev", "Zelensky", "Zelenskyy"),
    "usa": ("United States", "U.S.", "US", "America", "American", "Americans", "Washington", "Trump", "Witkoff"),
    "europe": ("Europe", "European", "Europeans", "Macron"),
}
# A passage counts as citing a sentence when it covers this many characters of it (or all of a shorter one):
# a quote that runs a few words into the next sentence does not account for that sentence.
MIN_OVERLAP = 15


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article, where it stands, and which parties it names."""

    source: str
    file: str
    line: int  # 1-based line of the article file (a paragraph)
    start: int
    end: int
    text: str
    parties: tuple[str, ...]


@dataclass(frozen=True)
class Account:
    """How a party sentence is accounted for: the records citing it, or the review entry for it."""

    sentence: Sentence
    cited_by: tuple[tuple[str, str], ...]  # (owner kind, owner id)
    reviewed: int | None  # index of its entry in `reviewed:`

    @property
    def status(self) -> str:
        return "cited" if self.cited_by else "reviewed" if self.reviewed is not None else "unaccounted"


@dataclass(frozen=True)
class SourceAudit:
    source: str
    accounts: tuple[Account, ...]

    def count(self, status: str) -> int:
        return sum(1 for account in self.accounts if account.status == status)

    @property
    def named(self) -> int:
        return len(self.accounts)


@dataclass(frozen=True)
class Audit:
    sources: tuple[SourceAudit, ...]
    problems: tuple[str, ...] = field(default=())  # review entries matching no sentence or several

    @property
    def unaccounted(self) -> list[Account]:
        return [account for source in self.sources for account in source.accounts if account.status == "unaccounted"]

    @property
    def complete(self) -> bool:
        return not self.unaccounted and not self.problems


@functools.cache
def _segmenter() -> pysbd.Segmenter:
    return pysbd.Segmenter(language="en", clean=False, char_span=True)


def split_sentences(text: str) -> list[tuple[int, int, int]]:
    """(line, start, end) of every sentence of text, each paragraph (line) split on its own; offsets into text."""
    return list(_split(text))


@functools.lru_cache(maxsize=64)  # pysbd is the audit's slow step; a synthetic data set cites the same few again and again
def _split(text: str) -> tuple[tuple[int, int, int], ...]:
    out: list[tuple[int, int, int]] = []
    offset = 0
    for number, line in enumerate(text.splitlines(keepends=True), start=1):
        body = line.rstrip("\r\n")
        if body.strip():
            cursor = 0
            for span in _segmenter().segment(body):
                at = body.find(span.sent.strip(), cursor)
                if at < 0:  # pysbd's spans are by search: fall back to its offsets
                    at = span.start
                stripped = span.sent.strip()
                end = at + len(stripped)
                if stripped:
                    out.append((number, offset + at, offset + end))
                cursor = max(cursor, end)
        offset += len(line)
    return tuple(out)


def party_names(party: Party) -> tuple[str, ...]:
    return tuple(dict.fromkeys((party.name, *party.speakers, *ALIASES.get(party.id, ()))))


NamesKey = tuple[tuple[str, tuple[str, ...]], ...]  # (party id, its names) for every party, in the data's order


def _names_key(data: Landscape) -> NamesKey:
    return tuple((party.id, party_names(party)) for party in data.parties)


@functools.lru_cache(maxsize=8)
def _matcher(key: NamesKey) -> tuple[re.Pattern[str], dict[str, tuple[str, ...]]]:
    """One pattern for every name of every party (longest first), and which parties each folded name stands for."""
    owners: dict[str, list[str]] = {}
    for party_id, names in key:
        for name in names:
            owners.setdefault(fold(name), []).append(party_id)
    alternatives = "|".join(re.escape(name) for name in sorted(owners, key=len, reverse=True))
    return re.compile(r"(?<![\w.])(?:" + alternatives + r")(?!\w)"), {name: tuple(ids) for name, ids in owners.items()}


def _parties_in(folded: str, key: NamesKey) -> tuple[str, ...]:
    pattern, owners = _matcher(key)
    found = {party for match in pattern.finditer(folded) for party in owners[match.group()]}
    return tuple(party_id for party_id, _names in key if party_id in found)


def parties_named(text: str, data: Landscape) -> tuple[str, ...]:
    """The ids of the parties text names, in the data's order."""
    return _parties_in(fold(text), _names_key(data))


@functools.lru_cache(maxsize=64)  # per article and set of parties: a synthetic data set cites the same few articles again and again
def _named_sentences(text: str, key: NamesKey) -> tuple[tuple[int, int, int, str, str, tuple[str, ...]], ...]:
    out = []
    for line, start, end in _split(text):
        words = " ".join(text[start:end].split())
        folded = fold(words)
        named = _parties_in(folded, key)
        if named:
            out.append((line, start, end, words, folded, named))
    return tuple(out)


def party_sentences(data: Landscape, source_id: str, file: str, text: str) -> list[Sentence]:
    """Every sentence of text that names a party, located in the article file."""
    return [Sentence(source_id, file, line, start, end, words, named) for line, start, end, words, _folded, named in _named_sentences(text, _names_key(data))]


def _cites(start: int, end: int, sentence: Sentence) -> bool:
    overlap = min(end, sentence.end) - max(start, sentence.start)
    return overlap >= min(MIN_OVERLAP, sentence.end - sentence.start)


Passage = tuple[str, str, str, int, int]  # (owner kind, owner id, source, start, end): where a record quotes an article


def audit(dataset: Dataset, sources: Iterable[str] | None = None) -> Audit:
    """The coverage of every party sentence of the chosen sources (default: all), with problems in `reviewed:`."""
    texts = {source_id: article.text for source_id, article in dataset.articles.items()}
    passages = [(p.owner_kind, p.owner_id, p.source, p.start, p.end) for p in dataset.passages]
    return audit_texts(dataset.landscape, texts, passages, sources)


def audit_texts(data: Landscape, texts: dict[str, str], passages: Iterable[Passage], sources: Iterable[str] | None = None) -> Audit:
    """The audit from the articles' texts and where the records quote them (what the app's frames keep)."""
    wanted = set(sources) if sources is not None else None
    reviews_by_source: dict[str, list[tuple[int, str]]] = {}
    for index, entry in enumerate(data.reviewed):
        reviews_by_source.setdefault(entry.source, []).append((index, fold(entry.sentence)))
    passages_by_source: dict[str, list[Passage]] = {}
    for passage in passages:
        passages_by_source.setdefault(passage[2], []).append(passage)
    audits, problems = [], []
    key = _names_key(data)
    for source in data.sources:
        text = texts.get(source.id)
        if text is None or (wanted is not None and source.id not in wanted):
            continue
        named = _named_sentences(text, key)
        sentences = [Sentence(source.id, source.file, line, start, end, words, ids) for line, start, end, words, _folded, ids in named]
        folded = [entry[4] for entry in named]
        matched: dict[int, int] = {}
        for index, prefix in reviews_by_source.get(source.id, []):
            hits = [number for number, sentence_text in enumerate(folded) if sentence_text.startswith(prefix)]
            entry = data.reviewed[index]
            if not hits:
                problems.append(f"reviewed entry {index + 1} ({source.id}): {entry.sentence[:60]!r} begins no sentence naming a party")
            elif len({folded[hit] for hit in hits}) == 1:  # one sentence repeated (a title printed twice): one entry covers it
                for hit in hits:
                    matched.setdefault(hit, index)
            else:
                lines = ", ".join(str(sentences[hit].line) for hit in hits)
                problems.append(
                    f"reviewed entry {index + 1} ({source.id}): {entry.sentence[:60]!r} begins {len(hits)} sentences (lines {lines}): quote more words"
                )
        starts = [sentence.start for sentence in sentences]  # in reading order
        cited: dict[int, dict[tuple[str, str], None]] = {}
        for kind, owner, _source, start, end in passages_by_source.get(source.id, []):
            for number in range(max(0, bisect.bisect_right(starts, start) - 1), bisect.bisect_left(starts, end)):
                if _cites(start, end, sentences[number]):
                    cited.setdefault(number, {})[(kind, owner)] = None
        accounts = [Account(sentence, tuple(cited.get(number, ())), matched.get(number)) for number, sentence in enumerate(sentences)]
        audits.append(SourceAudit(source.id, tuple(accounts)))
    return Audit(tuple(audits), tuple(problems))


def audit_lines(result: Audit, labels: dict[str, str]) -> list[str]:
    """The audit as text: a table per article, then every unaccounted sentence located, then the problems."""
    width = max((len(labels.get(source.source, source.source)) for source in result.sources), default=6)
    lines = [f"{'article':<{width}}  named  cited  reviewed  unaccounted"]
    for source in result.sources:
        lines.append(
            f"{labels.get(source.source, source.source):<{width}}  {source.named:>5}  {source.count('cited'):>5}  "
            f"{source.count('reviewed'):>8}  {source.count('unaccounted'):>11}"
        )
    for account in result.unaccounted:
        sentence = account.sentence
        lines.append(f"seeds/{sentence.file}:{sentence.line}: unaccounted ({sentence.source}; names {', '.join(sentence.parties)}): {sentence.text}")
    lines.extend(result.problems)
    return lines

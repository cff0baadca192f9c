"""Finding a cited quote in its article.

A quote must be the article's own words. Matching folds typography only (curly quotes, dashes,
non-breaking spaces, runs of white space) and never merges or splits a word:
- a quote starts and ends on word boundaries ("the" is not found inside "other");
- between two letters or digits, a space in the quote must be white space in the article and
  the other way round ("Zelen sky" is not "Zelensky", "maybewilling" is not "maybe willing");
- next to punctuation a space may be missing on either side, so that words the source runs
  together ("forces.The") still match a quote that spells them apart ("forces. The").
Offsets always point into the original text, so the reader can highlight exactly the passage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from rapidfuzz import fuzz

from landscape.yamlfile import MIB, read_regular_file

_TYPOGRAPHY = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "`": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u2033": '"',
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2015": "-",
    "\u2212": "-",
    "\u2026": "...",
}
MAX_ARTICLE_BYTES = 4 * MIB  # the longest seed is 14 KB
SUGGESTION_SCORE = 50  # rapidfuzz's 0-100 similarity below which no "did you mean" is offered


@dataclass(frozen=True)
class FoldedText:
    """A text with typography folded, and for each folded character its original offset."""

    folded: str
    origin: tuple[int, ...]

    @classmethod
    def of(cls, text: str, *, keep_spaces: bool = True) -> FoldedText:
        chars: list[str] = []
        origin: list[int] = []
        for index, char in enumerate(text):
            if char.isspace():
                if keep_spaces and chars and chars[-1] != " ":
                    chars.append(" ")
                    origin.append(index)
                continue
            for out in _TYPOGRAPHY.get(char, char):
                chars.append(out)
                origin.append(index)
        if chars and chars[-1] == " ":
            chars.pop()
            origin.pop()
        return cls("".join(chars), tuple(origin))

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original text's (start, end) of the folded characters [start, end)."""
        return self.origin[start], self.origin[end - 1] + 1


def fold(text: str, *, keep_spaces: bool = True) -> str:
    return FoldedText.of(text, keep_spaces=keep_spaces).folded


def _is_word(char: str) -> bool:
    return char.isalnum()


def quote_pattern(quote: str) -> re.Pattern[str] | None:
    """A pattern for the folded quote over folded article text, on word boundaries, words kept whole."""
    folded = fold(quote)
    if not folded:
        return None
    parts: list[str] = []
    for index, char in enumerate(folded):
        before = folded[index - 1] if index else ""
        if char == " ":
            after = folded[index + 1]  # folded text never ends with a space
            parts.append(" " if _is_word(before) and _is_word(after) else " ?")
            continue
        if before and before != " " and not (_is_word(before) and _is_word(char)):
            parts.append(" ?")  # the article may put a space next to punctuation where the quote has none
        parts.append(re.escape(char))
    start = r"(?<!\w)" if _is_word(folded[0]) else ""
    end = r"(?!\w)" if _is_word(folded[-1]) else ""
    return re.compile(start + "".join(parts) + end)


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) of space-separated text moved to word edges: a word cut at an edge is kept when most of it is inside."""

    def word_at(index: int) -> tuple[int, int]:
        after = text.find(" ", index)
        return text.rfind(" ", 0, index) + 1, len(text) if after < 0 else after

    word_start, word_end = word_at(start)
    if word_start < start:
        start = word_start if start - word_start <= word_end - start else word_end
    word_start, word_end = word_at(end)
    if word_start < end < word_end:
        end = word_end if word_end - end <= end - word_start else word_start
    while start < end and text[start] == " ":
        start += 1
    while end > start and text[end - 1] == " ":
        end -= 1
    return start, end


@dataclass(frozen=True)
class Article:
    """An article's text, folded for matching quotes."""

    text: str
    spaced: FoldedText

    @classmethod
    def of(cls, text: str) -> Article:
        return cls(text, FoldedText.of(text))

    def _exact(self, quote: str) -> tuple[int, int] | None:
        """The first verbatim occurrence on word boundaries (the common case: copied with the article's typography)."""
        at = self.text.find(quote)
        while quote and at >= 0:
            end = at + len(quote)
            starts_clean = not (_is_word(quote[0]) and at > 0 and _is_word(self.text[at - 1]))
            ends_clean = not (_is_word(quote[-1]) and end < len(self.text) and _is_word(self.text[end]))
            if starts_clean and ends_clean:
                return at, end
            at = self.text.find(quote, at + 1)
        return None

    def locate(self, quote: str) -> tuple[int, int] | None:
        """Where quote stands in the article, or None when the article does not contain it."""
        exact = self._exact(quote)
        if exact is not None:
            return exact
        pattern = quote_pattern(quote)
        found = pattern.search(self.spaced.folded) if pattern else None
        return self.spaced.span(found.start(), found.end()) if found else None

    def occurrences(self, quote: str, limit: int = 2) -> int:
        """How many times quote stands in the article (counting stops at limit)."""
        pattern = quote_pattern(quote)
        count = 0
        for _ in pattern.finditer(self.spaced.folded) if pattern else ():
            count += 1
            if count >= limit:
                break
        return count

    @cached_property
    def _unspaced(self) -> str:
        return fold(self.text, keep_spaces=False)

    def found_by_joining_or_splitting_words(self, quote: str) -> bool:
        """Whether quote would match if white space were ignored altogether (the rule this module refuses)."""
        return fold(quote, keep_spaces=False) in self._unspaced

    def closest_passage(self, quote: str) -> str | None:
        """The passage of the article most like quote, offered as 'did you mean' (rapidfuzz alignment)."""
        needle, haystack = fold(quote), self.spaced.folded
        if not needle or not haystack:
            return None
        if len(needle) >= len(haystack):
            start, end = 0, len(haystack)
            if fuzz.ratio(needle, haystack) < SUGGESTION_SCORE:
                return None
        else:
            alignment = fuzz.partial_ratio_alignment(needle, haystack, score_cutoff=SUGGESTION_SCORE)
            if alignment is None:
                return None
            start, end = alignment.dest_start, alignment.dest_end
        start, end = _whole_words(haystack, start, end)
        if start >= end:
            return None
        first, last = self.spaced.span(start, end)
        return " ".join(self.text[first:last].split())


@lru_cache(maxsize=64)
def article_from_file(path: str, mtime_ns: int, size: int) -> Article:
    """An article read from disk (a regular file of at most MAX_ARTICLE_BYTES), cached per file version.

    Raises DataFileError for a file that is not a readable regular file, UnicodeDecodeError for one not in UTF-8.
    """
    del mtime_ns, size  # part of the cache key only
    return Article.of(read_regular_file(path, max_bytes=MAX_ARTICLE_BYTES).decode("utf-8"))

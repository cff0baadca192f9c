"""Finding a cited quote in its article.

A quote must be the article's own words. Matching folds typography only (curly quotes,
dashes, non-breaking spaces, runs of white space) and, as a second try, ignores white
space altogether so that words the source runs together ("forces.The") still match a
quote that spells them apart. Offsets always point into the original text, so the reader
can highlight exactly the passage.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import lru_cache

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

    def find(self, needle: str) -> tuple[int, int] | None:
        """The (start, end) span in the original text of the first occurrence of needle."""
        if not needle:
            return None
        at = self.folded.find(needle)
        if at < 0:
            return None
        return self.origin[at], self.origin[at + len(needle) - 1] + 1


def fold(text: str, *, keep_spaces: bool = True) -> str:
    return FoldedText.of(text, keep_spaces=keep_spaces).folded


@dataclass(frozen=True)
class Article:
    """An article's text, folded two ways for matching quotes."""

    text: str
    spaced: FoldedText
    unspaced: FoldedText

    @classmethod
    def of(cls, text: str) -> Article:
        return cls(text, FoldedText.of(text), FoldedText.of(text, keep_spaces=False))

    def locate(self, quote: str) -> tuple[int, int] | None:
        """Where quote stands in the article, or None when the article does not contain it."""
        exact = self.text.find(quote)
        if exact >= 0:  # the common case: copied with the article's own typography
            return exact, exact + len(quote)
        span = self.spaced.find(fold(quote))
        if span is None:
            span = self.unspaced.find(fold(quote, keep_spaces=False))
        return span

    def closest_passage(self, quote: str) -> str | None:
        """The passage of the article most like quote, offered as 'did you mean'."""
        words = self.text.split()
        wanted = fold(quote).split()
        width = max(1, len(wanted))
        if not words:
            return None
        target = " ".join(wanted)
        matcher = difflib.SequenceMatcher(autojunk=False)
        matcher.set_seq2(target)
        best_ratio, best = 0.0, None
        for start in range(0, max(1, len(words) - width + 1)):
            window = " ".join(words[start : start + width])
            matcher.set_seq1(fold(window))
            if matcher.real_quick_ratio() <= best_ratio or matcher.quick_ratio() <= best_ratio:
                continue
            ratio = matcher.ratio()
            if ratio > best_ratio:
                best_ratio, best = ratio, window
        return best if best_ratio >= 0.5 else None


@lru_cache(maxsize=64)
def article_from_file(path: str, mtime_ns: int) -> Article:
    """An article read from disk, cached per file version."""
    del mtime_ns  # part of the cache key only
    with open(path, encoding="utf-8") as handle:
        return Article.of(handle.read())

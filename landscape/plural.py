"""Counted words in English, one way everywhere: "1 problem", "3 problems", "2 items fall"."""

from __future__ import annotations


def plural(count: int, one: str, many: str | None = None, *, number: bool = True) -> str:
    """`count` and the word that agrees with it ("1 source", "2 sources"); `many` for irregular forms ("is"/"are").

    With number=False only the word ("falls" or "fall"), for a verb that agrees with a count said before.
    """
    word = one if count == 1 else (many if many is not None else one + "s")
    return f"{count:,} {word}" if number else word

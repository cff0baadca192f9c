"""The data's ids and codes that a reader should never see where a name or a plain word exists.

Used by the browser walk over every page (tests/browser/test_journalist_in_browser.py) and by the
download tests: ids live only in links and in the JSON.
"""

from __future__ import annotations

import re

from conftest import real_data

from landscape.vocabulary import ATTRIBUTION

DATA = real_data().landscape


def _shown_as_a_word_in(word: str, name: str) -> bool:
    return re.search(rf"(?i)(?<![\w-]){re.escape(word)}(?![\w-])", name) is not None


def forbidden_ids() -> set[str]:
    """The data's ids and codes a reader should never see, compared case-sensitively as whole words: every id
    with a hyphen or an underscore, and the one-word party and source ids that are not their own name in other
    letters (`usa`, `europe`; not `russia` for Russia). One-word issue and question ids are ordinary words
    (`time`, `normalisation`) that an article may use, so they are left out."""
    ids = [party.id for party in DATA.parties] + [issue.id for issue in DATA.issues] + [source.id for source in DATA.sources]
    ids += [question.id for question in DATA.questions] + [position.id for position in DATA.positions] + [event.id for event in DATA.events]
    ids += [view.id for view in DATA.viewpoints] + [figure.id for figure in DATA.figures] + [str(code) for code in ATTRIBUTION]
    named = [(party.id, party.name) for party in DATA.parties] + [(source.id, source.outlet.value or "") for source in DATA.sources]
    one_word = {item for item, name in named if not re.search(r"[-_]", item) and not _shown_as_a_word_in(item, name)}
    return {item for item in ids if re.search(r"[-_]", item)} | one_word


FORBIDDEN = forbidden_ids()
FORBIDDEN_PATTERN = re.compile(r"(?<![\w-])(" + "|".join(sorted(map(re.escape, FORBIDDEN), key=len, reverse=True)) + r")(?![\w-])")

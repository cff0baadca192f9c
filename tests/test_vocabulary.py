"""landscape/vocabulary.py: every code a reader can meet has its words, and the marks that tell codes apart are distinct."""

from __future__ import annotations

import pytest

from landscape import cells, common, schema
from landscape.vocabulary import (
    ATTRIBUTION,
    CELL_STATUS,
    CERTAINTY,
    DATE_BASIS,
    GROUP,
    STANCE,
    STATE,
    VERDICT,
    VOCABULARY,
    CellState,
    Stance,
    Term,
    Verdict,
    words,
)


@pytest.mark.parametrize("enum", list(VOCABULARY), ids=lambda enum: enum.__name__)
def test_every_value_of_every_enum_has_a_word(enum):
    terms = VOCABULARY[enum]
    missing = [value.value for value in enum if value not in terms or not terms[value].word.strip()]
    assert not missing, f"{enum.__name__}: {missing} have no word in landscape/vocabulary.py"
    assert set(terms) <= set(enum), f"{enum.__name__}: words for values the enum no longer has"
    assert all(isinstance(term, Term) for term in terms.values())


def test_the_enums_the_models_and_cells_use_are_the_vocabulary_s():
    # A copy of an enum elsewhere would escape the walk above: the models, cells and common use these very classes.
    assert schema.Position.model_fields["stance"].annotation is Stance
    assert cells.Verdict is Verdict and common.State in VOCABULARY
    for name in ("Precision", "Basis", "DateBasis", "IssueGroup", "Stance", "Certainty", "Attribution", "ReviewReason"):
        assert getattr(schema, name) in VOCABULARY, name


def test_every_stance_and_cell_state_has_its_own_symbol_and_colour():
    symbols = [term.symbol for term in CELL_STATUS.values()]
    colours = [term.colour for term in CELL_STATUS.values()]
    assert len(CELL_STATUS) == len(Stance) + len(CellState)  # no stance and cell state share a code
    assert all(symbols) and len(set(symbols)) == len(symbols), symbols
    assert all(colours) and len(set(colours)) == len(colours), colours


def test_verdicts_and_states_are_told_apart_by_their_words_and_marks():
    verdict_words = [term.word for term in VERDICT.values()]
    assert len(set(verdict_words)) == len(verdict_words), verdict_words
    marks = [term.symbol for term in STATE.values()]
    markers = [term.marker for term in STATE.values()]
    assert all(marks) and len(set(marks)) == len(marks) and len(set(markers)) == len(markers)


def test_the_words_a_reader_sees_are_pinned():
    # Pinned as literals: a word changed in the vocabulary changes every page, export and brief at once.
    assert CELL_STATUS[CellState.CONFLICTING].word == "sources disagree" and STANCE[Stance.SUPPORTS].marked == "✔ supports"
    assert words(CERTAINTY) == {"firm": "stated plainly", "hedged": "hedged in the article", "inferred": "the author's inference"}
    assert words(DATE_BASIS) == {"text": "article", "public": "public record", "inferred": "curator's inference"}
    assert words(GROUP)["security"] == "Security"
    assert words(ATTRIBUTION)["own_statement"] == "the party's own statement"
    marks = {"common_ground": "● common ground", "sticking_point": "✘ sticking point", "open": "○ open"}
    assert {str(state): term.marked for state, term in STATE.items()} == marks


def test_the_timeline_draws_every_stance():
    from landscape.figures import TIMELINE_STANCES

    assert sorted(TIMELINE_STANCES) == sorted(Stance)  # a stance left out of the order would vanish from the timeline

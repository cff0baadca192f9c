"""landscape.schema: shapes and the rules that live on the models."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from landscape.schema import Position, StatedFigure, is_discrepancy


def figure(*values: tuple[str, str]) -> StatedFigure:
    return StatedFigure.model_validate(
        {"id": "f", "name": "Share held", "values": [{"value": value, "citations": [{"source": source, "quote": "words"}]} for value, source in values]}
    )


def test_two_sources_with_different_values_are_a_discrepancy():
    assert is_discrepancy(figure(("70%", "a"), ("75%", "b")))


def test_same_value_written_alike_or_one_source_is_no_discrepancy():
    assert not is_discrepancy(figure(("70%", "a"), ("70 %".replace(" ", ""), "b")))
    assert not is_discrepancy(figure(("About 70%", "a"), ("about  70%", "b")))
    assert not is_discrepancy(figure(("70%", "a"), ("75%", "a")))


def test_a_position_needs_a_certainty_and_knows_only_three():
    base = {
        "id": "p",
        "party": "russia",
        "issue": "x",
        "stance": "supports",
        "summary": "s",
        "as_of": "2025",
        "attribution": "reported",
        "citations": [{"source": "a", "quote": "words"}],
    }
    with pytest.raises(ValidationError, match="certainty"):
        Position.model_validate(base)
    with pytest.raises(ValidationError):
        Position.model_validate({**base, "certainty": "likely"})
    assert Position.model_validate({**base, "certainty": "hedged"}).date_basis == "text"


def _figure(*values: tuple[str, str | None, str]):
    from landscape.schema import StatedFigure

    return StatedFigure.model_validate(
        {"id": "f", "name": "Share", "values": [{"value": v, "as_of": d, "citations": [{"source": s, "quote": "some words"}]} for v, d, s in values]}
    )


def test_two_values_of_a_figure_clash_only_at_the_same_moment():
    from landscape.schema import differs_over_time, is_discrepancy

    same_week = _figure(("30%", "2025-08-15", "a"), ("25%", "2025-08-20", "b"))
    apart = _figure(("30%", "2025-08", "a"), ("25%", "2025-10", "b"))
    undated = _figure(("30%", None, "a"), ("25%", "2025-10", "b"))
    one_source = _figure(("30%", "2025-08-15", "a"), ("25%", "2025-08-15", "a"))
    agreeing = _figure(("30%", "2025-08-15", "a"), ("30%", "2025-10-15", "b"))
    assert [is_discrepancy(f) for f in (same_week, apart, undated, one_source, agreeing)] == [True, False, True, False, False]
    assert [differs_over_time(f) for f in (same_week, apart, undated, one_source, agreeing)] == [False, True, False, False, False]

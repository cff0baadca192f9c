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
    base = {"id": "p", "party": "russia", "issue": "x", "stance": "supports", "summary": "s", "as_of": "2025",
            "attribution": "reported", "citations": [{"source": "a", "quote": "words"}]}
    with pytest.raises(ValidationError, match="certainty"):
        Position.model_validate(base)
    with pytest.raises(ValidationError):
        Position.model_validate({**base, "certainty": "likely"})
    assert Position.model_validate({**base, "certainty": "hedged"}).date_basis == "text"

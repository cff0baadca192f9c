"""The double coding: agreement per field, and every difference settled in the data."""

from __future__ import annotations

import pytest
from builders import base, dump
from conftest import real_data

from landscape.coding import CodingFile, agreement, check_against_data, differences, summary_lines
from landscape.load import load_dataset


def coding(*rows: tuple[str, dict, dict | None, dict | None]) -> CodingFile:
    return CodingFile.model_validate(
        {
            "coded": "2026-12-06",
            "codings": [
                {"position": pid, "first": first, "second": second, **({"adjudicated": kept, "reason": "the passage says so"} if kept else {})}
                for pid, first, second, kept in rows
            ],
        }
    )


def code(stance: str, certainty: str = "firm", attribution: str = "reported") -> dict:
    return {"stance": stance, "certainty": certainty, "attribution": attribution}


def test_agreement_is_the_share_and_cohen_kappa_per_field():
    # Stance: 3 of 4 agree. Observed 0.75; chance: first (s,s,o,o), second (s,s,o,s): p_e = 0.5*0.75 + 0.5*0.25 = 0.5; kappa = 0.5.
    data = coding(
        ("a", code("supports"), code("supports"), None),
        ("b", code("supports"), code("supports"), None),
        ("c", code("opposes"), code("opposes"), None),
        ("d", code("opposes"), code("supports", "hedged"), None),
        ("e", code("opposes"), None, None),  # added in review: not counted
    )
    rows = {row.field: row for row in agreement(data.codings)}
    assert (rows["stance"].coded_twice, rows["stance"].agreed) == (4, 3)
    assert rows["stance"].kappa == pytest.approx(0.5)
    assert rows["certainty"].agreed == 3 and rows["attribution"].agreed == 4
    assert rows["attribution"].kappa == 1.0
    assert differences(data.codings[3]) == ["stance", "certainty"]
    assert summary_lines(data)[0] == "Stance: 3 of 4 agree (75%), Cohen's kappa 0.50"


def test_every_difference_must_be_adjudicated_and_the_data_must_carry_the_adjudicated_coding(tmp_path):
    path = tmp_path / "positions.yaml"
    path.write_text(dump(base()), encoding="utf-8")  # p1: opposes, firm, reported
    data = load_dataset(path).landscape
    agreed = coding(("p1", code("opposes"), code("opposes"), None))
    assert check_against_data(agreed, data) == []
    unsettled = coding(("p1", code("opposes"), code("supports"), None))
    assert check_against_data(unsettled, data) == ["'p1': the two codings differ in stance; record the adjudication and its reason"]
    kept_second = coding(("p1", code("opposes"), code("supports"), code("supports")))
    assert check_against_data(kept_second, data) == ["'p1': stance is 'opposes' in the data but 'supports' in its coding record"]
    assert check_against_data(coding(("p1", code("opposes"), code("supports"), code("opposes"))), data) == []
    assert check_against_data(coding(("zz", code("opposes"), None, None)), data) == [
        "position 'p1' has no coding record in data/coding.yaml",
        "coding record for 'zz': no such position in the data",
    ]


def test_every_real_position_is_coded_twice_and_every_difference_is_settled_in_the_data():
    from landscape.coding import read_coding

    coding = read_coding()
    data = real_data().landscape
    assert check_against_data(coding, data) == []
    assert all(record.second is not None for record in coding.codings), "a position is still coded once"
    assert {record.position for record in coding.codings} == {position.id for position in data.positions}

"""Names that mean one thing: hidden characters refused in every curated text, look-alike names refused where a reader tells them apart."""

from __future__ import annotations

import pytest
from builders import add, add_other_source, add_party, base, dump

from landscape.load import load_dataset
from landscape.names import check_visible, hidden_character, skeleton
from landscape.yamlfile import DataFileError

HIDDEN = {
    "right-to-left override": "\u202e",
    "left-to-right isolate": "\u2066",
    "zero-width space": "\u200b",
    "zero-width joiner": "\u200d",
    "soft hyphen": "\u00ad",
    "tag letter": "\U000e0041",
    "variation selector": "\ufe0f",
    "hangul filler": "\u3164",
    "escape": "\x1b",
    "bell": "\x07",
    "NUL": "\x00",
    "next line (C1)": "\x85",
    "line separator": "\u2028",
    "private use": "\ue000",
}


def problems(tmp_path, data) -> list[str]:
    path = tmp_path / "positions.yaml"
    path.write_text(dump(data), encoding="utf-8")
    with pytest.raises(DataFileError) as raised:
        load_dataset(path)
    return [str(problem) for problem in raised.value.problems]


@pytest.mark.parametrize("char", HIDDEN.values(), ids=HIDDEN.keys())
def test_a_hidden_character_is_not_visible_text(char):
    assert hidden_character(char)
    with pytest.raises(ValueError, match=f"U\\+{ord(char):04X}"):
        check_visible(f"Rus{char}sia")


def test_ordinary_text_with_accents_scripts_tabs_and_line_breaks_is_visible():
    for text in ("Russia", "Україна", "Zürich – “quoted” · ↻ ✔", "日本", "a\tb\nc\r\nd", "emoji 🤝"):
        assert check_visible(text) == text


@pytest.mark.parametrize(
    ("section", "field"),
    [
        ("parties", "name"),
        ("issues", "name"),
        ("questions", "text"),
        ("positions", "summary"),
        ("events", "title"),
        ("viewpoints", "thesis"),
        ("issues", "scope"),
    ],
)
def test_a_right_to_left_override_in_any_curated_text_is_refused_at_its_place(tmp_path, section, field):
    data = base()
    data[section][0][field] = "Russia\u202e aissuR"
    [problem] = problems(tmp_path, data)
    assert f"{section}.0.{field}" in problem and "U+202E RIGHT-TO-LEFT OVERRIDE" in problem
    assert "\u202e" not in problem  # the message shows the character's name, never the character itself


def test_a_tag_character_in_a_sources_outlet_and_a_control_character_in_a_speaker_are_refused(tmp_path):
    data = base()
    data["sources"][0]["outlet"]["value"] = "Defense Priorities\U000e0041"
    data["parties"][0]["speakers"] = ["Putin\x1b[31m"]
    found = problems(tmp_path, data)
    assert any("sources.0.outlet.value" in problem and "U+E0041 TAG LATIN CAPITAL LETTER A" in problem for problem in found)
    assert any("parties.0.speakers.0" in problem and "U+001B" in problem for problem in found)


def test_the_skeleton_folds_case_compatibility_forms_and_look_alike_letters():
    assert skeleton("Russia") == skeleton("RUSSIA") == skeleton("Russi\u0430") == skeleton("\uff32ussia") == skeleton("Ru\u0455sia")
    assert skeleton("United  States") == skeleton("united states")
    assert skeleton("Russia") != skeleton("Prussia")
    assert skeleton("rn") == skeleton("m")  # UTS #39's own example: a table of Unicode's, not ours


def test_two_parties_that_look_alike_are_refused_naming_both_and_where_the_first_stands(tmp_path):
    data = base()
    add_party(data, "fake-russia", "Russi\u0430")  # a Cyrillic а
    text = dump(data)
    first_line = text[: text.index("name: Russia")].count("\n") + 1
    [problem] = problems(tmp_path, data)
    assert "parties.1.name" not in problem.split(": ", 1)[0]  # located by line and column, named in the message
    assert "'Russiа' looks the same as 'Russia' (parties.0.name, " in problem
    assert f"positions.yaml:{first_line})" in problem
    assert "written with other characters" in problem


@pytest.mark.parametrize(
    ("section", "field", "first", "second"),
    [
        ("issues", "name", "Sanctions", "\uff33anctions"),  # fullwidth S: NFKC
        ("questions", "text", "Whom does time favour?", "Whom does time fav\u043eur?"),  # Cyrillic о
    ],
)
def test_issues_and_questions_that_look_alike_are_refused(tmp_path, section, field, first, second):
    data = base()
    data[section][0][field] = first
    add(data, section, id=f"second-{section}", **{field: second})
    found = problems(tmp_path, data)
    assert any(f"looks the same as '{first}' ({section}.0.{field}, " in problem for problem in found), found


@pytest.mark.parametrize("field", ["outlet", "title"])
def test_a_source_whose_outlet_or_title_looks_like_anothers_is_refused_but_a_shared_outlet_is_fine(tmp_path, field):
    data = base()
    other = add_other_source(data)
    assert other["outlet"] == data["sources"][0]["outlet"]  # the same outlet, two articles: fine
    load_dataset(write_data(tmp_path, data))
    original = data["sources"][0][field]["value"]
    other[field] = {"value": original.replace("e", "\u0435", 1), "basis": "text"}  # a Cyrillic е
    found = problems(tmp_path, data)
    assert any(f"sources.1.{field}.value" in problem and f"looks the same as '{original}' (sources.0.{field}.value, " in problem for problem in found), found


def write_data(tmp_path, data):
    path = tmp_path / "positions.yaml"
    path.write_text(dump(data), encoding="utf-8")
    return path


def test_a_party_named_like_a_matrix_column_in_look_alike_letters_is_refused(tmp_path):
    data = base()
    add_party(data, "group-party", "Gr\u043eup")  # Cyrillic о
    [problem] = problems(tmp_path, data)
    assert "may not be named 'Grоup'" in problem

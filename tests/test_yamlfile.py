"""landscape.yamlfile: YAML into plain Python with every value's place; what plain loaders accept silently is refused."""

from __future__ import annotations

import pytest

from landscape.yamlfile import MAX_DEPTH, DataFileError, parse_yaml, read_yaml_file


def problems(text: str) -> list[str]:
    with pytest.raises(DataFileError) as refused:
        parse_yaml(text, "f.yaml")
    return [str(problem) for problem in refused.value.problems]


def test_values_keep_their_line_and_column_and_dates_stay_text():
    document = parse_yaml("a: 1\nb:\n  - x\n  - when: 2025-08\n", "f.yaml")
    assert document.data == {"a": 1, "b": ["x", {"when": "2025-08"}]}
    assert document.where(("b", 1, "when")) == (4, 11)
    assert document.where(("b", 0)) == (3, 5)
    assert document.where(("b", 7, "missing")) == document.where(("b",))  # the nearest place that exists


def test_a_duplicate_key_is_refused_at_its_second_place():
    [problem] = problems("a: 1\nb: 2\na: 3\n")
    assert problem.startswith("f.yaml:3:1:") and "'a'" in problem


def test_anchors_aliases_and_python_tags_are_refused_never_built():
    assert any("alias" in p or "anchor" in p for p in problems("a: &x [1]\nb: *x\n"))
    assert any("tag" in p for p in problems("a: !!python/object/apply:os.system ['true']\n"))


def test_a_plain_tag_its_value_does_not_fit_is_a_located_problem():
    [problem] = problems("schema_version: !!bool maybe\n")
    assert problem.startswith("f.yaml:1:")


def test_nesting_deeper_than_the_bound_is_refused_before_building():
    text = "a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n"
    [problem] = problems(text)
    assert f"more than {MAX_DEPTH} levels" in problem


def test_an_empty_file_and_a_syntax_error_are_located(tmp_path):
    assert "empty" in problems("")[0]
    assert problems("a: [1, 2\n")[0].startswith("f.yaml:")
    path = tmp_path / "big.yaml"
    path.write_text("a: 1\n" * 100, encoding="utf-8")
    with pytest.raises(DataFileError) as refused:
        read_yaml_file(path, max_bytes=64)
    assert "MiB" in str(refused.value) or "bytes" in str(refused.value)

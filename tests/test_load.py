"""landscape.load: every kind of bad data gives a located problem; good data loads."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from landscape import load
from landscape.load import SEEDS_DIR, load_dataset
from landscape.schema import parse_fuzzy_date
from landscape.yamlfile import DataFileError


def problems_of(path) -> list[str]:
    with pytest.raises(DataFileError) as raised:
        load_dataset(path)
    return [str(problem) for problem in raised.value.problems]


def line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


def test_small_valid_file_loads_with_every_quote_located(write_yaml, small_yaml):
    dataset = load_dataset(write_yaml(small_yaml))
    assert [p.id for p in dataset.landscape.positions] == ["p1"]
    kinds = sorted(passage.owner_kind for passage in dataset.passages)
    assert kinds == ["answer", "event", "position", "viewpoint"]
    for passage in dataset.passages:
        article = dataset.articles[passage.source]
        assert article.text[passage.start : passage.end].startswith(passage.quote[:10].replace("’", "’"))


def test_yaml_syntax_error_is_located(write_yaml, small_yaml):
    broken = small_yaml.replace("    stance: opposes", "   stance: opposes")
    path = write_yaml(broken)
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}:{line_of(broken, '   stance: opposes')}:")
    assert "YAML syntax error" in problem


@pytest.mark.parametrize(
    ("before", "after", "message"),
    [
        ("    stance: opposes", "\tstance: opposes", "tab"),
        ('colour: "#D55E00"', 'colour: "#D55E00', "YAML syntax error"),
        ("    stance: opposes", "    stance: opposes\n    stanse: opposes", "stanse: unknown field"),
        ("    as_of: 2025-08", "    as_of: 2025-09-01", "after the publication of every article citing it"),
        ("author: {value: Dan Caldwell, basis: public}", "author: {value: Dan Caldwell, basis: unknown}", "basis 'unknown' goes with value: null"),
        ('"https://www.defensepriorities.org/opinion/x"', '"javascript:alert(1)"', "http:// or https://"),
    ],
    ids=["tab-indentation", "unclosed-quote", "unknown-field-a-likely-typo", "date-after-every-citing-article",
         "unknown-bibliographic-field-with-a-value", "url-not-http"],
)
def test_one_slip_gives_one_problem_that_says_what_it_is(write_yaml, small_yaml, before, after, message):
    [problem] = problems_of(write_yaml(small_yaml.replace(before, after)))
    assert message in problem


def test_empty_file_is_refused(write_yaml):
    [problem] = problems_of(write_yaml(""))
    assert ":1:1: the file is empty" in problem


def test_list_at_top_level_is_refused(write_yaml):
    [problem] = problems_of(write_yaml("- a\n- b\n"))
    assert "top level must be a mapping" in problem


def test_unknown_stance_is_located(write_yaml, small_yaml):
    broken = small_yaml.replace("stance: opposes", "stance: hates")
    path = write_yaml(broken)
    [problem] = problems_of(path)
    assert problem.startswith(f"{path}:{line_of(broken, 'stance: hates')}:")
    assert "positions.0.stance" in problem and "'supports'" in problem


def test_missing_field_points_at_its_object(write_yaml, small_yaml):
    broken = small_yaml.replace("    summary: Russia has prepared to withstand economic pressure.\n", "")
    [problem] = problems_of(write_yaml(broken))
    assert f":{line_of(broken, '  - id: p1')}:" in problem
    assert "positions.0.summary: required field is missing" in problem


def test_wrong_type_is_located(write_yaml, small_yaml):
    broken = small_yaml.replace("    parties: [russia]", "    parties: russia")
    [problem] = problems_of(write_yaml(broken))
    assert f":{line_of(broken, '    parties: russia')}:" in problem
    assert "events.0.parties" in problem


def test_unknown_party_issue_and_source_are_each_located(write_yaml, small_yaml):
    broken = (
        small_yaml.replace("    party: russia", "    party: rusia")
        .replace("    issue: sanctions", "    issue: sanction")
        .replace("      - source: dp\n", "      - source: dpx\n")
    )
    problems = problems_of(write_yaml(broken))
    assert len(problems) == 3
    assert f":{line_of(broken, 'party: rusia')}:" in problems[0] and "unknown party 'rusia'" in problems[0]
    assert f":{line_of(broken, 'issue: sanction')}:" in problems[1] and "unknown issue 'sanction'" in problems[1]
    assert f":{line_of(broken, 'source: dpx')}:" in problems[2] and "unknown source 'dpx'" in problems[2]


def test_duplicate_id_names_the_first_one(write_yaml, small_yaml):
    broken = small_yaml.replace("  - id: witkoff-moscow", "  - id: p1x").replace("  - id: p1\n", "  - id: p1x\n")
    broken = broken.replace("events:\n  - id: p1x", "events:\n  - id: witkoff-moscow")
    broken = broken.replace(
        "positions:\n",
        "positions:\n  - id: p1x\n    party: russia\n    issue: sanctions\n    stance: supports\n"
        '    summary: x.\n    as_of: 2025\n    attribution: reported\n    certainty: firm\n    citations: [{source: dp, quote: "Russia now has"}]\n',
    )
    [problem] = problems_of(write_yaml(broken))
    second = broken.index("  - id: p1x", broken.index("  - id: p1x") + 1)
    assert f":{broken[:second].count(chr(10)) + 1}:" in problem
    assert "duplicate id 'p1x'" in problem and f"first on line {line_of(broken, '  - id: p1x')}" in problem


def test_duplicate_mapping_key_is_detected(write_yaml, small_yaml):
    broken = small_yaml.replace("    stance: opposes", "    stance: opposes\n    stance: supports")
    [problem] = problems_of(write_yaml(broken))
    assert f":{line_of(broken, 'stance: supports')}:" in problem and "duplicate key 'stance'" in problem


@pytest.mark.parametrize("date", ["2025-02-30", "2025-13", "25-08-01", "2999-01-01"])
def test_impossible_date_is_located(write_yaml, small_yaml, date):
    broken = small_yaml.replace("    as_of: 2025-08", f"    as_of: {date}")
    [problem] = problems_of(write_yaml(broken))
    assert f":{line_of(broken, f'as_of: {date}')}:" in problem and "as_of" in problem


def test_quote_not_in_article_offers_the_closest_passage(write_yaml, small_yaml):
    broken = small_yaml.replace("preparing itself to withstand", "preparing itself to resist")
    path = write_yaml(broken)
    [problem] = problems_of(path)
    quote_line = line_of(broken, 'quote: "Russia has spent')
    assert problem.startswith(f"{path}:{quote_line}:")
    assert "quote not found in dp" in problem
    assert "Did you mean" in problem and "preparing itself to withstand" in problem


def test_source_file_outside_seeds_is_refused(write_yaml, small_yaml):
    broken = small_yaml.replace("file: 001_3d8f25a0667e7c1c.txt", "file: ../../etc/passwd")
    problems = problems_of(write_yaml(broken))
    assert any(f":{line_of(broken, 'file: ../')}:" in p and "inside seeds/" in p for p in problems)




def test_every_problem_is_reported_together(write_yaml, small_yaml):
    broken = small_yaml.replace("stance: opposes", "stance: hates").replace("    party: russia", "    party: nobody")
    assert len(problems_of(write_yaml(broken))) == 2


def test_data_path_comes_from_environment(monkeypatch, write_yaml, small_yaml):
    path = write_yaml(small_yaml)
    monkeypatch.setenv("LANDSCAPE_DATA", str(path))
    assert load_dataset().path == path


def test_a_long_mistyped_quote_is_reported_with_a_suggestion_in_well_under_a_second(write_yaml, small_yaml):
    """A 1,500-character quote with typos took validate 86 s with difflib's window search."""
    text = (SEEDS_DIR / "001_3d8f25a0667e7c1c.txt").read_text(encoding="utf-8")
    passage = " ".join(text[800:2600].split()[1:-1])[:1500]
    typo = passage.replace("e", "a", 15).replace('"', "'")
    broken = small_yaml.replace("Russia has spent years preparing itself to withstand U.S. and European economic pressure", typo)
    started = time.perf_counter()
    [problem] = problems_of(write_yaml(broken))
    assert time.perf_counter() - started < 1.5
    assert "quote not found in dp. Did you mean" in problem


def test_did_you_mean_is_bounded_per_load(monkeypatch, write_yaml, small_yaml):
    monkeypatch.setattr(load, "MAX_SUGGESTIONS", 1)
    broken = small_yaml.replace("withstand U.S.", "withstand the U.S.").replace("undeniable military edge", "undeniable military advantage")
    problems = problems_of(write_yaml(broken))
    assert len(problems) == 2
    assert "Did you mean" in problems[0] and "No suggestion: more than 1 quotes" in problems[1]


def test_a_short_quote_is_accepted_when_unique_in_its_article(write_yaml, small_yaml):
    dataset = load_dataset(write_yaml(small_yaml.replace("Russia now has an undeniable military edge.", "undeniable military edge")))
    assert any(passage.quote == "undeniable military edge" for passage in dataset.passages)


def test_an_invalid_object_still_has_its_references_checked(write_yaml, small_yaml):
    broken = small_yaml.replace("stance: opposes", "stance: hates").replace("    issue: sanctions", "    issue: nowhere")
    problems = problems_of(write_yaml(broken))
    assert any("positions.0.stance" in problem for problem in problems)
    assert any("unknown issue 'nowhere'" in problem for problem in problems)


def test_a_month_ends_on_its_last_day():
    assert parse_fuzzy_date("2024-02").end == dt.date(2024, 2, 29)
    assert parse_fuzzy_date("2025-12").end == dt.date(2025, 12, 31)


@pytest.mark.parametrize("url", ["https://example.org/a b", "http://", "ftp://example.org/x", "https//example.org"])
def test_urls_are_checked_by_pydantic_with_a_clear_message(write_yaml, small_yaml, url):
    [problem] = problems_of(write_yaml(small_yaml.replace("https://www.defensepriorities.org/opinion/x", url)))
    assert "a URL must start with http:// or https://, name a host and contain no spaces" in problem


def test_passages_keep_the_order_owners_and_labels_that_cite_numbers_rest_on(write_yaml, small_yaml):
    dataset = load_dataset(write_yaml(small_yaml))
    assert [(p.owner_kind, p.owner_id, p.label) for p in dataset.passages] == [
        ("position", "p1", "Russia has prepared to withstand economic pressure."),
        ("event", "witkoff-moscow", "Witkoff visits Moscow"),
        ("viewpoint", "dp-view", "Thesis"),
        ("answer", "dp-view", "Answer: time"),
    ]

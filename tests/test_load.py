"""landscape.load: every kind of bad data gives a located problem; good data loads."""

from __future__ import annotations

import datetime as dt

import pytest
from builders import DP_QUOTES, OTHER_FILE, OTHER_QUOTE, add, add_issue, add_other_source, add_party, base, citation, dump, line_of, write
from builders import load as load_written

from landscape import load
from landscape.load import SEEDS_DIR, load_dataset
from landscape.schema import parse_fuzzy_date
from landscape.yamlfile import DataFileError


def problems_of(path) -> list[str]:
    with pytest.raises(DataFileError) as raised:
        load_dataset(path)
    return [str(problem) for problem in raised.value.problems]


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
    ids=[
        "tab-indentation",
        "unclosed-quote",
        "unknown-field-a-likely-typo",
        "date-after-every-citing-article",
        "unknown-bibliographic-field-with-a-value",
        "url-not-http",
    ],
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


def test_a_long_mistyped_quote_is_reported_with_a_suggestion(write_yaml, small_yaml):
    """A 1,500-character quote with typos (how long it takes: tools/bench.py, "did you mean")."""
    text = (SEEDS_DIR / "001_3d8f25a0667e7c1c.txt").read_text(encoding="utf-8")
    passage = " ".join(text[800:2600].split()[1:-1])[:1500]
    typo = passage.replace("e", "a", 15).replace('"', "'")
    broken = small_yaml.replace("Russia has spent years preparing itself to withstand U.S. and European economic pressure", typo)
    [problem] = problems_of(write_yaml(broken))
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


# --- every check's message and place, exactly: a curator goes to line:column and reads what to do ---------


def located(text: str, tmp_path, seeds_dir=SEEDS_DIR) -> list[tuple[int, int, str]]:
    """(line, column, message) of every problem of a data file with this text, in file order."""
    path = tmp_path / "positions.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError) as raised:
        load_dataset(path, seeds_dir=seeds_dir)
    return [(problem.line, problem.column, problem.message) for problem in raised.value.problems]


def value_at(text: str, key_and_value: str, start: int = 0) -> tuple[int, int]:
    """Line and column of the value in the first 'key: value' (or '- value') at or after offset start."""
    at = text.index(key_and_value, start)
    key = key_and_value.split(": ", 1)[0] + ": " if ": " in key_and_value else "- "
    at += len(key)
    return text.count("\n", 0, at) + 1, at - text.rfind("\n", 0, at)


def id_last(item: dict) -> dict:
    """The same object with its id written last, so that its id and its first line are on different lines."""
    return {key: value for key, value in item.items() if key != "id"} | {"id": item["id"]}


LOOP = "a later position supersedes an earlier one, never the reverse"


def test_the_sections_walked_are_the_landscapes_lists_of_models_in_file_order():
    from landscape.schema import Event, Issue, Party, Question, ReviewedSentence, Source, StatedFigure, Viewpoint

    assert list(load._sections().items()) == [
        ("questions", Question),
        ("sources", Source),
        ("parties", Party),
        ("issues", Issue),
        ("positions", load.Position),
        ("events", Event),
        ("viewpoints", Viewpoint),
        ("figures", StatedFigure),
        ("reviewed", ReviewedSentence),
    ]


def test_a_position_superseding_itself_is_located_at_its_supersedes(tmp_path):
    data = base()
    data["positions"][0]["supersedes"] = "p1"
    text = dump(data)
    assert located(text, tmp_path) == [(*value_at(text, "supersedes: p1"), f"supersedes itself: {LOOP}")]


def test_a_loop_of_positions_is_named_at_each_of_its_members_and_a_chain_into_it_is_not(tmp_path):
    data = base()
    data["positions"][0]["supersedes"] = "p3"
    add(data, "positions", id="p2", supersedes="p1")
    add(data, "positions", id="p3", supersedes="p2")
    add(data, "positions", id="p4", supersedes="p1")  # later than the loop, not in it
    text = dump(data)
    loop = f"supersedes in a loop: p1 → p3 → p2 → p1: {LOOP}"
    assert located(text, tmp_path) == [(*value_at(text, f"supersedes: {name}"), loop) for name in ("p3", "p1", "p2")]


def test_no_positions_is_located_at_the_empty_list_or_at_the_top(tmp_path):
    message = "no positions: add at least one under positions: (every page draws them)"
    data = base()
    data["positions"] = []
    text = dump(data)
    assert located(text, tmp_path) == [(*value_at(text, "positions: []"), message)]
    del data["positions"]
    assert located(dump(data), tmp_path) == [(1, 1, message)]


def test_a_duplicate_id_points_at_both_ids_even_after_an_object_without_a_valid_id(tmp_path):
    data = base()
    add_party(data, "not An id", "Nobody")  # invalid: salvaged without an id
    usa, america = add_party(data, "usa", "United States"), add_party(data, "usa", "America")
    data["parties"][2:] = [id_last(usa), id_last(america)]
    text = dump(data)
    first = text.index("id: usa")
    [(line, column, bad_id), duplicate] = located(text, tmp_path)
    assert (line, column) == value_at(text, "id: not An id")
    assert bad_id.startswith("parties.1.id: ") and "pattern" in bad_id and "seeds/" not in bad_id
    assert duplicate == (
        *value_at(text, "id: usa", first + 1),
        f"duplicate id 'usa' in parties (first on line {value_at(text, 'id: usa')[0]}): ids must be unique",
    )


def test_a_name_used_twice_ignoring_case_and_spaces_points_at_the_first_one(tmp_path):
    data = base()
    add(data, "issues", id="broken", name="")  # invalid: salvaged without a name
    add(data, "issues", id="ceasefire", name="Ceasefire first")
    add(data, "issues", id="truce", name="CEASEFIRE   first")
    text = dump(data)
    [(_, _, empty), duplicate] = located(text, tmp_path)
    assert empty.startswith("issues.1.name: ")
    assert duplicate == (
        *value_at(text, "name: CEASEFIRE   first"),
        f"name 'CEASEFIRE   first' is already used in issues (line {value_at(text, 'name: Ceasefire first')[0]}): "
        "pages label rows and columns by it, so make it unique",
    )


def test_a_party_named_like_a_column_of_the_matrix_is_refused_at_its_name(tmp_path):
    data = base()
    add_party(data, "issue-party", "Issue")
    text = dump(data)
    assert located(text, tmp_path) == [(*value_at(text, "name: Issue"), "a party may not be named 'Issue': the issue matrix has a column of that name")]


@pytest.fixture
def seeds(tmp_path):
    """A seeds folder of this test: the two articles builders cite, nothing else."""
    folder = tmp_path / "seeds"
    folder.mkdir()
    for name in ("001_3d8f25a0667e7c1c.txt", OTHER_FILE):
        (folder / name).write_bytes((SEEDS_DIR / name).read_bytes())
    return folder


def test_sources_whose_article_cannot_be_read_are_each_located_and_the_next_ones_still_checked(tmp_path, seeds):
    (tmp_path / "elsewhere.txt").write_text("An article outside seeds/.", encoding="utf-8")
    (seeds / "outside.txt").symlink_to(tmp_path / "elsewhere.txt")
    long_name = "../" + "a" * 100 + ".txt"
    data = base()
    add(data, "sources", id="bad-name", file=long_name)
    add(data, "sources", id="out", file="outside.txt")
    add(data, "sources", id="gone", file="missing.txt")
    add_other_source(data)
    add(data, "positions", id="p2", citations=[citation(OTHER_QUOTE.replace("Tomahawk", "Patriot"), "other")])
    text = dump(data)
    problems = located(text, tmp_path, seeds_dir=seeds)
    assert problems[:3] == [
        (*value_at(text, f"file: {long_name}"), f"sources.1.file: {long_name[:80]!r} must be a file name inside seeds/ (no folders, no '..')"),
        (*value_at(text, "file: outside.txt"), "file 'outside.txt' must be a file name inside seeds/ (no folders, no '..')"),
        (*value_at(text, "file: missing.txt"), "article 'missing.txt' is not a readable UTF-8 file in seeds/: copy it there"),
    ]
    [(_, _, typo)] = problems[3:]
    assert typo.startswith("quote not found in other. Did you mean")


def test_an_article_edited_between_two_loads_is_read_again(tmp_path, seeds, write_yaml, small_yaml):
    import os

    article = seeds / "001_3d8f25a0667e7c1c.txt"
    path = write_yaml(small_yaml)
    load_dataset(path, seeds_dir=seeds)
    text = article.read_text(encoding="utf-8")
    stamp = article.stat().st_mtime_ns
    article.write_text(text.replace("undeniable military", "undeniable militaty"), encoding="utf-8")  # same size
    os.utime(article, ns=(stamp + 10**9, stamp + 10**9))
    with pytest.raises(DataFileError, match="quote not found in dp"):
        load_dataset(path, seeds_dir=seeds)
    article.write_text(text.replace("undeniable military", "undeniable  military"), encoding="utf-8")  # another size
    os.utime(article, ns=(stamp + 10**9, stamp + 10**9))  # the same time stamp
    assert any(p.quote == "Russia now has an undeniable military edge." for p in load_dataset(path, seeds_dir=seeds).passages)


def test_an_unknown_id_in_a_list_is_located_at_that_item_with_the_known_ids(tmp_path):
    data = base()
    data["events"][0]["parties"] = ["russia", "nobody"]
    text = dump(data)
    assert located(text, tmp_path) == [(*value_at(text, "- nobody"), "unknown party 'nobody': use one of russia, or add it under parties:")]


def test_an_answer_to_a_question_of_an_empty_list_says_none_is_defined(tmp_path):
    data = base()
    data["questions"] = []
    text = dump(data)
    assert located(text, tmp_path) == [(*value_at(text, "question: time"), "unknown question 'time': none defined, or add it under questions:")]


def test_up_to_twelve_ids_are_listed_and_beyond_that_the_closest_three_are_suggested(tmp_path):
    data = base()
    for name in ("ukraine-a", "ukraine-b", "ukraine-c", "ukraine-d", "china", "india", "brazil", "turkey", "poland", "france", "germany"):
        add_party(data, name, name.title())
    data["positions"][0]["party"] = "rusia"
    text = dump(data)
    known = "brazil, china, france, germany, india, poland, russia, turkey, ukraine-a, ukraine-b, ukraine-c, ukraine-d"
    assert [message for *_, message in located(text, tmp_path)] == [f"unknown party 'rusia': use one of {known}, or add it under parties:"]
    add_party(data, "japan", "Japan")
    data["events"][0]["parties"] = ["ukraine", "xyz"]
    assert [message for *_, message in located(dump(data), tmp_path)] == [
        "unknown party 'rusia': did you mean 'russia'?, or add it under parties:",
        "unknown party 'ukraine': did you mean 'ukraine-a' or 'ukraine-b' or 'ukraine-c'?, or add it under parties:",
        "unknown party 'xyz': none of the 13 parties is close, or add it under parties:",
    ]


def test_a_quote_found_only_by_joining_words_says_so(tmp_path, small_yaml):
    text = small_yaml.replace("preparing itself", "preparingitself")
    [(line, column, message)] = located(text, tmp_path)
    assert (line, column) == value_at(text, 'quote: "Russia has spent')
    assert message.startswith(
        "quote matches dp only by joining or splitting words (a space added or left out between two letters, "
        "or a word cut at either end): quote the article's words as they stand. Did you mean: \"Russia has spent years preparing itself"
    )


def test_a_short_quote_must_stand_once_and_one_of_at_least_forty_characters_may_stand_twice(tmp_path, seeds):
    sentence = "Both sides agreed to meet again in Doha."
    assert len(sentence) == load.UNAMBIGUOUS_CHARS
    (seeds / "twice.txt").write_text(f"{sentence} Nothing else was agreed. {sentence} The talks ended.", encoding="utf-8")
    data = base()
    add(data, "sources", id="twice", file="twice.txt")
    data["positions"][0]["citations"] = [citation(sentence, "twice")]
    load_dataset(write(tmp_path, data), seeds_dir=seeds)  # 40 characters: accepted, as the first occurrence
    short = sentence.removesuffix(" in Doha.")
    data["positions"][0]["citations"] = [citation(short, "twice")]
    text = dump(data)
    assert located(text, tmp_path, seeds_dir=seeds) == [
        (
            *value_at(text, f"quote: {short}"),
            f"quote {short!r} stands more than once in twice: quote enough of the passage to be unique (or at least 40 characters)",
        )
    ]


def test_each_of_the_first_suggestions_counts_once_and_a_passage_nothing_like_the_article_says_so(monkeypatch, tmp_path, small_yaml):
    monkeypatch.setattr(load, "MAX_SUGGESTIONS", 2)
    text = (
        small_yaml.replace("withstand U.S.", "withstand the U.S.")
        .replace("undeniable military edge", "undeniable military advantage")
        .replace("Until Trump envoy Steve Witkoff’s recent visit to Moscow", "Zebras quietly xylophone over jumbled quartz")
    )
    messages = [message for *_, message in located(text, tmp_path)]
    assert messages[0].startswith("quote not found in dp. Did you mean")
    assert messages[1] == "quote not found in dp. No similar passage found: check the source."
    assert messages[2].startswith("quote not found in dp. (No suggestion: more than 2 quotes are not found")


def test_a_question_answered_twice_by_one_author_is_located_at_the_answers(tmp_path):
    data = base()
    add(data["viewpoints"][0], "answers", answer="Ukraine")
    text = dump(data)
    answers = text.index("- question: time", text.index("answers:"))
    line, column = text.count("\n", 0, answers) + 1, answers - text.rfind("\n", 0, answers)  # the list of answers
    assert located(text, tmp_path) == [(line, column, "question 'time' is answered 2 times: keep one answer")]


def test_a_validators_message_is_shown_without_pydantics_prefix(tmp_path):
    data = base()
    data["sources"][0]["url"]["value"] = "javascript:alert(1)"
    text = dump(data)
    assert located(text, tmp_path) == [
        (*value_at(text, "value: javascript:alert(1)"), "sources.0.url.value: a URL must start with http:// or https://, name a host and contain no spaces")
    ]


@pytest.mark.parametrize(("text", "kind"), [("- a\n- b\n", "list"), ("just words\n", "str")])
def test_a_top_level_that_is_not_a_mapping_says_what_it_is(tmp_path, text, kind):
    assert located(text, tmp_path) == [(1, 1, f"the top level must be a mapping (sources:, parties:, ...), not a {kind}")]


def problems(tmp_path, data) -> list[str]:
    with pytest.raises(DataFileError) as raised:
        load_written(tmp_path, data)
    return [str(problem) for problem in raised.value.problems]


def the_problem_at(tmp_path, data, fragment: str) -> str:
    """The one problem the data has, which must name the line of the file where fragment stands."""
    [problem] = problems(tmp_path, data)
    assert f":{line_of(dump(data), fragment)}:" in problem
    return problem


def test_quote_found_only_in_another_article_than_the_cited_one_is_refused(tmp_path):
    data = base()
    add_other_source(data)
    data["positions"][0]["citations"] = [citation(DP_QUOTES[0], source="other")]  # the words are dp's, not other's
    assert "quote not found in other" in the_problem_at(tmp_path, data, DP_QUOTES[0])


def test_quote_is_located_in_the_article_it_cites(tmp_path):
    data = base()
    add_other_source(data)
    data["positions"][0]["citations"] = [citation(OTHER_QUOTE, source="other")]
    dataset = load_written(tmp_path, data)
    [passage] = [passage for passage in dataset.passages if passage.owner_kind == "position"]
    assert passage.source == "other"
    assert dataset.articles["other"].text[passage.start : passage.end] == OTHER_QUOTE


@pytest.mark.parametrize("section", ["questions", "sources", "parties", "issues", "positions", "events", "viewpoints"])
def test_duplicate_ids_are_refused_in_every_section(tmp_path, section):
    data = base()
    duplicate_id = data[section][0]["id"]
    add(data, section)  # a second object with the same id
    text = dump(data)
    found = [problem for problem in problems(tmp_path, data) if "duplicate id" in problem]
    second = line_of(text, f"- id: {duplicate_id}", text.index(f"- id: {duplicate_id}") + 1)
    assert len(found) == 1, found
    assert f":{second}:" in found[0]
    assert f"duplicate id {duplicate_id!r} in {section}" in found[0]
    assert f"first on line {line_of(text, f'- id: {duplicate_id}')}" in found[0]


def test_duplicate_event_ids_are_refused(tmp_path):
    data = base()
    add(data, "events", title="The same visit, entered twice")
    assert any("duplicate id 'witkoff-moscow' in events" in problem for problem in problems(tmp_path, data))


def test_supersedes_a_position_of_another_party_is_refused(tmp_path):
    data = base()
    add_party(data, "ukraine", "Ukraine")
    add(data, "positions", id="p2", party="ukraine", stance="supports", supersedes="p1")
    assert "supersedes 'p1', a position of another party or issue" in the_problem_at(tmp_path, data, "supersedes: p1")


def test_supersedes_a_position_on_another_issue_is_refused(tmp_path):
    data = base()
    add_issue(data, "other-issue", "Another issue")
    add(data, "positions", id="p2", issue="other-issue", stance="supports", supersedes="p1")
    [problem] = problems(tmp_path, data)
    assert "supersedes 'p1', a position of another party or issue" in problem


def test_supersedes_the_same_partys_position_on_the_same_issue_loads(tmp_path):
    data = base()
    add(data, "positions", id="p2", stance="supports", supersedes="p1")
    dataset = load_written(tmp_path, data)
    assert [position.supersedes for position in dataset.landscape.positions] == [None, "p1"]


def _next_year_day() -> str:
    return (dt.date.today() + dt.timedelta(days=400)).isoformat()


def test_position_dated_in_the_future_is_refused(tmp_path):
    data = base()
    data["sources"][0]["published"] = {"value": None, "basis": "unknown"}  # no publication date to be after
    future = _next_year_day()
    data["positions"][0]["as_of"] = future
    assert f"date {future} is in the future" in the_problem_at(tmp_path, data, future)


def test_position_dated_today_loads(tmp_path):
    data = base()
    data["sources"][0]["published"] = {"value": None, "basis": "unknown"}
    data["positions"][0]["as_of"] = dt.date.today().isoformat()
    assert str(load_written(tmp_path, data).landscape.positions[0].as_of) == dt.date.today().isoformat()


def test_event_dated_in_the_future_is_refused(tmp_path):
    data = base()
    data["sources"][0]["published"] = {"value": None, "basis": "unknown"}
    data["events"][0]["date"] = _next_year_day()
    assert any("in the future" in problem for problem in problems(tmp_path, data))


@pytest.mark.parametrize(
    "quote",
    [
        "Until Trump envoy Steve Witkoff’s recent visit to Moscow",  # as printed
        "Until Trump envoy Steve Witkoff's recent visit to Moscow",  # straight apostrophe: a folded match
        "Until  Trump envoy\nSteve Witkoff's recent   visit to Moscow",  # white space differs too
    ],
)
def test_highlight_spans_exactly_the_quoted_words(tmp_path, quote):
    data = base()
    data["events"][0]["citations"] = [citation(quote)]
    dataset = load_written(tmp_path, data)
    [passage] = [passage for passage in dataset.passages if passage.owner_kind == "event"]
    assert dataset.articles["dp"].text[passage.start : passage.end] == "Until Trump envoy Steve Witkoff’s recent visit to Moscow"

"""landscape.brief: a brief says nothing the data does not, and every sentence carries its quote."""

from __future__ import annotations

import re

import pytest

from landscape.__main__ import main
from landscape.brief import brief_markdown, sentences
from landscape.frames import Selection
from landscape.load import load_dataset

FOOTNOTE = re.compile(r'^\[\^(\d+)\]: "(.*)" \((.*)\)$')


@pytest.fixture(scope="module")
def real():
    return load_dataset()


def body_and_notes(brief: str) -> tuple[list[str], dict[str, tuple[str, str]]]:
    body, notes = [], {}
    for line in brief.splitlines():
        match = FOOTNOTE.match(line)
        if match:
            notes[match.group(1)] = (match.group(2), match.group(3))
        elif line and not line.startswith(("#", ">")):
            body.append(line.removeprefix("- "))
    return body, notes


def test_every_footnote_of_the_whole_brief_quotes_its_article_verbatim(real):
    _, notes = body_and_notes(brief_markdown(real))
    assert len(notes) > 100
    outlets = {source.outlet.value: source.id for source in real.landscape.sources}
    for quote, where in notes.values():
        source = outlets[where.split(",")[0]]
        assert real.articles[source].locate(quote) is not None, (where, quote)


def test_every_sentence_of_the_whole_brief_ends_with_a_footnote_that_exists(real):
    body, notes = body_and_notes(brief_markdown(real))
    for line in body:
        for sentence in sentences(line):
            marks = re.findall(r"\[\^(\d+)\]", sentence)
            assert marks, sentence
            assert set(marks) <= set(notes)


def test_the_brief_names_where_sources_disagree_and_follows_the_filters(real):
    whole = brief_markdown(real)
    assert "## Where sources disagree" in whole
    russia = brief_markdown(real, Selection(parties=("russia",)))
    headings = re.findall(r"^## (.+)$", russia, re.MULTILINE)
    assert headings == ["Where sources disagree", "Where they could agree", "Russia"] and "Filters: parties: Russia." in russia
    nothing = brief_markdown(real, Selection(parties=("russia",), sources=("defense-priorities",), issues=("un-peacekeeping",)))
    assert "No position matches this view." in nothing


def test_a_summary_splits_into_sentences_without_breaking_abbreviations_inside_words():
    assert sentences("Trump said so. The article does not say why") == ["Trump said so.", "The article does not say why."]
    assert sentences("The U.S. role is unclear.") == ["The U.S. role is unclear."]


def test_the_command_line_brief_takes_the_links_filters(real, capsys):
    assert main(["brief", "--party", "usa", "--as-of", "2025-08-14"]) == 0
    out = capsys.readouterr().out
    assert re.findall(r"^## (.+)$", out, re.MULTILINE)[-1] == "United States" and "as of 2025-08-14" in out
    assert "\n## Russia\n" not in out
    assert main(["brief", "--party", "nobody"]) == 2


def test_where_they_could_agree_says_each_issues_state_and_follows_the_date(real):
    import datetime as dt

    whole = brief_markdown(real)
    section = whole.split("## Where they could agree\n", 1)[1].split("\n## ", 1)[0]
    lines = [line for line in section.splitlines() if line.startswith("- ")]
    assert any(line.startswith("- Security guarantees for Ukraine (sticking point): All four accept it;") and "which Ukraine rejects" in line
               for line in lines)
    states = [line.split("(", 1)[1].split(")", 1)[0] for line in lines]
    order = ["common ground", "sticking point", "open"]
    assert [order.index(state) for state in states] == sorted(order.index(state) for state in states)
    early = brief_markdown(real, as_of=dt.date(2025, 8, 14)).split("## Where they could agree", 1)[1].split("\n## ", 1)[0]
    late = brief_markdown(real, as_of=dt.date(2025, 8, 20)).split("## Where they could agree", 1)[1].split("\n## ", 1)[0]
    assert re.sub(r"\[\^\d+\]", "", early) != re.sub(r"\[\^\d+\]", "", late)

"""landscape.brief: a brief says nothing the data does not, and every sentence carries its quote."""

from __future__ import annotations

import re

from landscape.__main__ import main
from landscape.brief import brief_markdown, sentences
from landscape.frames import Selection

FOOTNOTE = re.compile(r'^\[\^(\d+)\]: "(.*)" \((.*)\)$')


def body_and_notes(brief: str) -> tuple[list[str], dict[str, tuple[str, str]]]:
    body, notes = [], {}
    for line in brief.splitlines():
        match = FOOTNOTE.match(line)
        if match:
            notes[match.group(1)] = (match.group(2), match.group(3))
        elif line and not line.startswith(("#", ">")):
            body.append(line.removeprefix("- "))
    return body, notes


def test_every_footnote_of_the_whole_brief_quotes_its_article_verbatim(real_dataset):
    _, notes = body_and_notes(brief_markdown(real_dataset))
    assert len(notes) > 100
    outlets = {source.outlet.value: source.id for source in real_dataset.landscape.sources}
    for quote, where in notes.values():
        source = outlets[where.split(",")[0]]
        assert real_dataset.articles[source].locate(quote) is not None, (where, quote)


def test_every_sentence_of_the_whole_brief_ends_with_a_footnote_that_exists(real_dataset):
    body, notes = body_and_notes(brief_markdown(real_dataset))
    for line in body:
        for sentence in sentences(line):
            marks = re.findall(r"\[\^(\d+)\]", sentence)
            assert marks, sentence
            assert set(marks) <= set(notes)


def test_the_brief_names_where_sources_disagree_and_follows_the_filters(real_dataset):
    whole = brief_markdown(real_dataset)
    assert "## Where sources disagree" in whole
    russia = brief_markdown(real_dataset, Selection(parties=("russia",)))
    headings = re.findall(r"^## (.+)$", russia, re.MULTILINE)
    assert headings == ["Where sources disagree", "Russia"] and "Filters: parties: Russia." in russia
    nothing = brief_markdown(real_dataset, Selection(parties=("russia",), sources=("defense-priorities",), issues=("un-peacekeeping",)))
    assert "No position matches this view." in nothing


def test_a_summary_splits_into_sentences_without_breaking_abbreviations_inside_words():
    assert sentences("Trump said so. The article does not say why") == ["Trump said so.", "The article does not say why."]
    assert sentences("The U.S. role is unclear.") == ["The U.S. role is unclear."]


def test_the_command_line_brief_takes_the_links_filters(real_dataset, capsys):
    assert main(["brief", "--party", "usa", "--as-of", "2025-08-14"]) == 0
    out = capsys.readouterr().out
    assert re.findall(r"^## (.+)$", out, re.MULTILINE)[-1] == "United States" and "as of 2025-08-14" in out
    assert "\n## Russia\n" not in out
    assert main(["brief", "--party", "nobody"]) == 2

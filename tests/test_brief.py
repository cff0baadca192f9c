"""landscape.brief: a brief says nothing the data does not, and every sentence carries its quote."""

from __future__ import annotations

import re

from builders import base, load

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


def marked_sentences(line: str) -> list[str]:
    """A line of the brief in sentences, each with the footnote marks after its full stop (the splitter puts them apart)."""
    pieces: list[str] = []
    for piece in sentences(line):
        if pieces and re.fullmatch(r"(\[\^\d+\])+\.?", piece):
            pieces[-1] += piece
        else:
            pieces.append(piece)
    return pieces


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
        for sentence in marked_sentences(line):
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
    assert sentences("Then the U.S. Senate voted. Mr. Putin met Trump in Alaska") == ["Then the U.S. Senate voted.", "Mr. Putin met Trump in Alaska."]


def test_each_sentence_of_a_summary_carries_the_footnote_and_an_abbreviation_ends_none(tmp_path):
    data = base()
    data["positions"][0]["summary"] = "Russia shrugs off the U.S. Treasury. It has prepared for years"
    brief = brief_markdown(load(tmp_path, data))
    [line] = [line for line in brief.splitlines() if line.startswith("- Russia shrugs")]
    assert line == "- Russia shrugs off the U.S. Treasury.[^1] It has prepared for years (opposes; Defense Priorities, as of 2025-08).[^1]"


def test_the_command_line_brief_takes_the_links_filters(real_dataset, capsys):
    assert main(["brief", "--party", "usa", "--as-of", "2025-08-14"]) == 0
    out = capsys.readouterr().out
    assert re.findall(r"^## (.+)$", out, re.MULTILINE)[-1] == "United States" and "as of 2025-08-14" in out
    assert "\n## Russia\n" not in out
    assert main(["brief", "--party", "nobody"]) == 2

"""landscape.brief: a brief says nothing the data does not, and every sentence carries its quote."""

from __future__ import annotations

import re

import builders
from builders import base, load

from landscape.__main__ import main
from landscape.brief import brief_markdown, sentences
from landscape.frames import Selection, build_frames, filter_positions
from landscape.load import load_dataset
from landscape.schema import date_words

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
    from landscape.cells import Verdict, compute_cells, inputs_from_landscape

    whole = brief_markdown(real_dataset)
    clashes = [cell for cell in compute_cells(inputs_from_landscape(real_dataset.landscape)).values() if cell.verdict is Verdict.DISAGREE]
    assert ("## Where sources disagree" in whole) == bool(clashes)  # the real data: no two articles clash about one moment
    russia = brief_markdown(real_dataset, Selection(parties=("russia",)))
    headings = re.findall(r"^## (.+)$", russia, re.MULTILINE)
    assert headings[-2:] == ["Where they could agree", "Russia"] and "Filters: parties: Russia." in russia
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
    assert line == "- Russia shrugs off the U.S. Treasury.[^1] It has prepared for years (opposes; Defense Priorities, as of August 2025).[^1]"


def test_the_command_line_brief_takes_the_links_filters(real_dataset, capsys):
    assert main(["brief", "--party", "usa", "--as-of", "2025-08-14"]) == 0
    out = capsys.readouterr().out
    assert re.findall(r"^## (.+)$", out, re.MULTILINE)[-1] == "United States" and "as of 14 August 2025" in out
    assert "\n## Russia\n" not in out
    assert main(["brief", "--party", "nobody"]) == 2


def test_where_they_could_agree_says_each_issues_state_and_follows_the_date(real_dataset):
    import datetime as dt

    whole = brief_markdown(real_dataset)
    section = whole.split("## Where they could agree\n", 1)[1].split("\n## ", 1)[0]
    lines = [line for line in section.splitlines() if line.startswith("- ")]
    assert any(line.startswith("- Security guarantees for Ukraine (sticking point): All four accept it;") and "which Ukraine rejects" in line for line in lines)
    states = [line.split("(", 1)[1].split(")", 1)[0] for line in lines]
    order = ["common ground", "sticking point", "open"]
    assert [order.index(state) for state in states] == sorted(order.index(state) for state in states)
    early = brief_markdown(real_dataset, as_of=dt.date(2025, 8, 14)).split("## Where they could agree", 1)[1].split("\n## ", 1)[0]
    late = brief_markdown(real_dataset, as_of=dt.date(2025, 8, 20)).split("## Where they could agree", 1)[1].split("\n## ", 1)[0]
    assert re.sub(r"\[\^\d+\]", "", early) != re.sub(r"\[\^\d+\]", "", late)


def _two_articles(tmp_path, other_as_of: str):
    from builders import OTHER_QUOTE, add, add_other_source, base, citation, write

    data = base()  # p1: Russia opposes new sanctions, 2025-08, in the dp article
    add_other_source(data)["outlet"] = {"value": "Other Outlet", "basis": "public"}
    add(data, "positions", id="o1", stance="supports", as_of=other_as_of, citations=[citation(OTHER_QUOTE, "other")])
    return brief_markdown(load_dataset(write(tmp_path, data)))


def test_the_brief_lists_a_disagreement_only_about_the_same_moment(tmp_path):
    same = _two_articles(tmp_path, "2025-08-05")
    assert "## Where sources disagree" in same and "### New sanctions: sources disagree" in same
    apart = _two_articles(tmp_path, "2025-07-10")  # more than a week before August
    assert "## Where sources disagree" not in apart
    assert "### New sanctions: different stances at different times; the latest stands" in apart


def shows_what_the_page_keeps(dataset) -> int:
    """For each source filter, every current position the page's filter keeps is in the brief; how many were checked."""
    frames = build_frames(dataset)
    replaced = {position.supersedes for position in dataset.landscape.positions if position.supersedes}
    checked = 0
    for source in dataset.landscape.sources:
        selection = Selection(sources=(source.id,))
        brief = " ".join(brief_markdown(dataset, selection).split())
        for position in filter_positions(frames.positions, selection).itertuples():
            if position.id not in replaced:
                assert sentences(position.summary)[0][:-1] in brief, (source.id, position.id)
                checked += 1
    return checked


def test_a_source_filter_keeps_a_position_that_also_cites_a_second_article(tmp_path):
    """Filtered by the article a position cites second, the brief keeps it, as the page does."""
    data = builders.base()
    builders.add_other_source(data)
    data["positions"][0]["citations"].append(builders.citation(builders.OTHER_QUOTE, "other"))
    dataset = builders.load(tmp_path, data)
    assert shows_what_the_page_keeps(dataset) == 2  # the position under each of its two articles
    assert "Russia has prepared to withstand economic pressure" in brief_markdown(dataset, Selection(sources=("other",)))


def test_the_briefs_source_filter_is_the_pages_on_the_real_data(real_dataset):
    assert shows_what_the_page_keeps(real_dataset) > 50


def test_a_date_known_to_the_month_or_year_is_stated_at_that_precision(real_dataset):
    brief = brief_markdown(real_dataset)
    assert not re.search(r"\b20\d\d-\d\d-01\b", brief)  # no month made into its first day
    for position in real_dataset.landscape.positions:
        if position.as_of.precision.value != "day" and position.id not in {p.supersedes for p in real_dataset.landscape.positions}:
            assert f"as of {position.as_of.words})" in brief, position.id
    month = next(p for p in real_dataset.landscape.positions if p.as_of.precision.value == "month")
    assert month.as_of.words == date_words(str(month.as_of)) and re.fullmatch(r"[A-Z][a-z]+ 20\d\d", month.as_of.words)
    assert date_words("2025-08-05") == "5 August 2025" and date_words("2025") == "2025"


def test_every_footnote_names_the_author_and_links_to_its_passage_in_the_app(real_dataset):
    _, notes = body_and_notes(brief_markdown(real_dataset, app_url="https://app.example"))
    authors = {source.outlet.value: source.author.value or "author unknown" for source in real_dataset.landscape.sources}
    for quote, where in notes.values():
        outlet, author = where.split(", ")[:2]
        assert author == authors[outlet]
        link = re.search(r"passage: (https://app\.example/sources\?read=([a-z0-9-]+)&cite=(\d+))$", where)
        assert link, where
        passage = real_dataset.passages[int(link.group(3))]
        assert passage.source == link.group(2) and passage.quote == quote

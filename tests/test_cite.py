"""landscape.cite: citations of a view and of a position, and links into the original article."""

from __future__ import annotations

import datetime as dt
import json
from urllib.parse import unquote

from conftest import real_data

from landscape.cite import cite_position, cite_view, text_fragment_url


def test_a_short_quote_is_one_fragment_with_its_delimiters_encoded():
    url = text_fragment_url("https://example.org/a#top", "Russia-Ukraine war, & more")
    assert url == "https://example.org/a#:~:text=Russia%2DUkraine%20war%2C%20%26%20more"


def test_a_long_quote_is_named_by_its_first_and_last_words():
    quote = "one two three four five six seven eight nine ten"
    url = text_fragment_url("https://example.org/a", quote)
    start, end = url.split("#:~:text=")[1].split(",")
    assert (unquote(start), unquote(end)) == ("one two three four", "seven eight nine ten")


def test_a_view_citation_names_the_version_the_access_date_and_the_link():
    data = real_data().landscape
    link = "http://app/matrix?party=russia&cell=x%2Fy"
    citation = cite_view(data, link, "Issue matrix", dt.date(2026, 11, 27))
    assert citation.plain == f"Negotiation Landscape: Issue matrix. Data version {data.updated}. Accessed 2026-11-27. {link}"
    assert f"\\url{{{link}}}" in citation.bibtex and "year = {2026}" in citation.bibtex
    csl = json.loads(citation.csl_json)
    assert (csl["URL"], csl["version"], csl["accessed"]) == (link, str(data.updated), {"date-parts": [[2026, 11, 27]]})


def test_a_position_citation_has_its_id_and_each_quote_with_its_source():
    data = real_data().landscape
    position = next(p for p in data.positions if len(p.citations) > 1)
    sources = {source.id: source for source in data.sources}
    text = cite_position(position, sources, "http://app/matrix?cell=a%2Fb")
    lines = text.splitlines()
    assert lines[0].startswith(f"Negotiation Landscape, position {position.id}: ") and lines[0].endswith("http://app/matrix?cell=a%2Fb")
    assert len(lines) == 1 + len(position.citations)
    for line, citation in zip(lines[1:], position.citations, strict=True):
        assert line.startswith(f"“{' '.join(citation.quote.split())}”")
        assert (sources[citation.source].outlet.value or "outlet unknown") in line


def test_a_position_citation_carries_the_data_version():
    data = real_data().landscape
    position = data.positions[0]
    sources = {source.id: source for source in data.sources}
    first = cite_position(position, sources, "", str(data.updated)).splitlines()[0]
    assert first.startswith(f"Negotiation Landscape (data version {data.updated}), position {position.id}: ")

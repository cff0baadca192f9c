"""A one-page brief of a view, in Markdown: who stands where, where sources disagree, where they could agree, what changed.

Every sentence ends with a footnote that holds the article's own words and names its source, so
nothing in the brief says more than the data: the sentences are the curated summaries and the
cells' verdicts, never new prose about the parties.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field

import pysbd

from landscape.cells import Verdict, cell_verdict, inputs_from_landscape
from landscape.common import conditions_from_landscape, ordered, plural_parties, state_of_play, state_sentence
from landscape.export import passage_link
from landscape.frames import Selection
from landscape.load import Dataset
from landscape.schema import Citation, Position, Source, date_words
from landscape.vocabulary import CERTAINTY, STANCE, STATE, VERDICT

# A rule-based splitter that knows abbreviations ("U.S. Senate", "Mr. Putin"); clean=False keeps the text as written.
_SEGMENTER = pysbd.Segmenter(language="en", clean=False)


def source_name(source: Source) -> str:
    return source.outlet.value or source.title.value or source.id


def sentences(text: str) -> list[str]:
    """A summary split into its sentences, each ending with its own punctuation."""
    return list(_sentences(" ".join(text.split())))


@functools.lru_cache(maxsize=4096)  # the splitter's rules are many regular expressions: each summary is split once
def _sentences(text: str) -> tuple[str, ...]:
    parts = [part.strip() for part in _SEGMENTER.segment(text) if part.strip()]
    return tuple(part if part[-1] in ".!?…" else part + "." for part in parts)


@dataclass
class Footnotes:
    """Numbered footnotes, one per cited passage, reused when a passage is cited again."""

    sources: dict[str, Source]
    cites: dict[tuple[str, str], int] = field(default_factory=dict)  # (source, quote) -> the passage's index, for its link
    app_url: str = ""  # the app's address: each footnote links to its passage in the reader
    numbers: dict[tuple[str, str], int] = field(default_factory=dict)

    def mark(self, citations: list[Citation]) -> str:
        marks = []
        for citation in citations:
            key = (citation.source, citation.quote)
            number = self.numbers.setdefault(key, len(self.numbers) + 1)
            marks.append(f"[^{number}]")
        return "".join(dict.fromkeys(marks))

    def lines(self) -> list[str]:
        out = []
        for (source_id, quote), number in self.numbers.items():
            source = self.sources[source_id]
            facts = [source_name(source), source.author.value or "author unknown"]
            if source.title.value:
                facts.append(f"“{source.title.value}”")
            facts.append(date_words(source.published.value) if source.published.value else "date unknown")
            if source.url.value:
                facts.append(source.url.value)
            cite = self.cites.get((source_id, quote))
            if self.app_url and cite is not None:
                facts.append(f"passage: {passage_link(self.app_url, source_id, cite)}")
            quote_text = " ".join(quote.split())
            out.append(f'[^{number}]: "{quote_text}" ({", ".join(facts)})')
        return out


def _chosen(positions: list[Position], selection: Selection) -> list[Position]:
    return [
        position for position in positions if selection.keeps_position(position.party, position.issue, (citation.source for citation in position.citations))
    ]


def agreement_lines(data, chosen: list[Position], selection: Selection, as_of: dt.date | None, notes: Footnotes, by_id: dict) -> list[str]:
    """'Where they could agree': each covered issue's state of play in one sentence, footnoted with the positions behind it."""
    parties = [party.id for party in data.parties if selection.keeps_party(party.id)]
    issues = [issue.id for issue in data.issues if selection.keeps_issue(issue.id)]
    ids = {position.id for position in chosen}
    inputs = [cell_input for cell_input in inputs_from_landscape(data) if cell_input.id in ids]
    conditions = {pid: condition for pid, condition in conditions_from_landscape(data).items() if pid in ids}
    party_names = {party.id: party.name for party in data.parties}
    issue_names = {issue.id: issue.name for issue in data.issues}
    plural = plural_parties(data)
    lines = []
    for state in ordered(state_of_play(inputs, conditions, parties, issues, as_of)):
        behind = [pid for positions in state.positions.values() for pid in positions]
        behind += [pid for condition in state.conditions for pid in condition.rejecting_positions]
        if not behind:
            continue  # no article covers any chosen party on it: nothing to footnote
        marks = notes.mark([citation for pid in dict.fromkeys(behind) for citation in by_id[pid].citations])
        sentence = state_sentence(state, party_names, issue_names, len(parties), plural)
        lines.append(f"- {issue_names[state.issue]} ({STATE[state.state].word}): " + " ".join(part + marks for part in sentences(sentence)))
    if not lines:
        return []
    return ["## Where they could agree", "", *lines, ""]


def brief_markdown(dataset: Dataset, selection: Selection | None = None, as_of: dt.date | None = None, link: str = "", app_url: str = "") -> str:
    """The brief of a view; with `app_url`, each footnote links to its passage in the app's reader."""
    selection = selection or Selection()
    data = dataset.landscape
    sources = {source.id: source for source in data.sources}
    parties = {party.id: party for party in data.parties}
    issues = {issue.id: issue for issue in data.issues}
    cites: dict[tuple[str, str], int] = {}
    for index, passage in enumerate(dataset.passages):
        cites.setdefault((passage.source, passage.quote), index)
    notes = Footnotes(sources, cites, app_url)
    chosen = _chosen(list(data.positions), selection)
    by_id = {position.id: position for position in data.positions}
    inputs = {position.id: position for position in inputs_from_landscape(data)}
    cells = {}
    for party in data.parties:
        for issue in data.issues:
            members = [inputs[p.id] for p in chosen if (p.party, p.issue) == (party.id, issue.id)]
            if members:
                cell = cell_verdict(members, party=party.id, issue=issue.id, as_of=as_of)
                if cell.verdict is not Verdict.NONE:
                    cells[(party.id, issue.id)] = cell

    def said(position: Position) -> str:
        where = ", ".join(dict.fromkeys(source_name(sources[c.source]) for c in position.citations))
        certainty = "" if position.certainty.value == "firm" else f", {CERTAINTY[position.certainty.value].word}"
        marks = notes.mark(list(position.citations))
        body = sentences(position.summary)
        body[-1] = body[-1][:-1] + f" ({STANCE[position.stance.value].word}{certainty}; {where}, as of {position.as_of.words})" + body[-1][-1]
        return " ".join(sentence + marks for sentence in body)

    filters = [
        f"{label}: {', '.join(names[i].name if hasattr(names[i], 'name') else source_name(names[i]) for i in chosen_ids)}"
        for label, names, chosen_ids in (("parties", parties, selection.parties), ("issues", issues, selection.issues), ("sources", sources, selection.sources))
        if chosen_ids
    ]
    lines = [
        "# Where the parties stand: a brief",
        "",
        f"> Negotiation Landscape, data version {data.updated}; positions as of {date_words(as_of.isoformat()) if as_of else 'the latest date in the data'}.",
        f"> Filters: {'; '.join(filters) if filters else 'none (the whole data set)'}.",
        *([f"> This view: {link}"] if link else []),
        "> Every sentence ends with a footnote holding the article's own words.",
        "",
    ]
    disagreements = [(key, cell) for key, cell in cells.items() if cell.verdict is Verdict.DISAGREE]
    if disagreements:
        lines += ["## Where sources disagree", ""]
        for (party_id, issue_id), cell in disagreements:
            sides = "; ".join(
                f"{source_name(sources[source])} reports {' and '.join(STANCE[s].word for s in stances)}" for source, stances in cell.sources.items()
            )
            cited = [c for pid in cell.positions for c in by_id[pid].citations]
            lines.append(f"- {parties[party_id].name} · {issues[issue_id].name}: {sides}.{notes.mark(cited)}")
        lines.append("")
    lines += agreement_lines(data, chosen, selection, as_of, notes, by_id)
    for party in data.parties:
        party_cells = [(issue_id, cell) for (party_id, issue_id), cell in cells.items() if party_id == party.id]
        if not party_cells:
            continue
        lines += [f"## {party.name}", ""]
        for issue_id, cell in party_cells:
            latest = "; the latest stands" if cell.verdict is Verdict.SHIFTED else ""
            reading = "; an author's reading differs" if cell.reading_differs else ""
            lines += [f"### {issues[issue_id].name}: {VERDICT[cell.verdict].word}{latest}{reading}", ""]
            for position_id in cell.positions:
                lines.append(f"- {said(by_id[position_id])}")
            for position_id in cell.history:
                earlier = by_id[position_id]
                later = next(by_id[p] for p in cell.positions + cell.history if by_id[p].supersedes == position_id)
                change = f"from {STANCE[earlier.stance.value].word} ({earlier.as_of.words}) to {STANCE[later.stance.value].word} ({later.as_of.words})"
                lines.append(f"- Changed {change}.{notes.mark(list(earlier.citations) + list(later.citations))}")
            lines.append("")
    if not cells:
        lines += ["No position matches this view.", ""]
    return "\n".join([*lines, *notes.lines()]) + "\n"

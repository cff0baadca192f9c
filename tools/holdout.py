"""How well intake would have prepared each article: hold it out, run intake on it, compare with its curation.

    python -m tools.holdout [PATH]

For each article in turn: its positions are removed, intake runs on its text against the rest of the data,
and the table says what share of the article's curated positions have a passage in the queue (a queue sentence
covering at least part of a quote), what share have their issue among that sentence's suggested issues, and how
long the queue is. Prints a Markdown table (docs/curating.md's copy).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from landscape.coverage import MIN_OVERLAP, party_sentences
from landscape.intake import suggest
from landscape.load import Dataset, load_dataset


@dataclass(frozen=True)
class HoldOut:
    source: str
    label: str
    positions: int
    in_queue: int
    issue_suggested: int
    queue: int


def _overlaps(start: int, end: int, sentence_start: int, sentence_end: int) -> bool:
    return min(end, sentence_end) - max(start, sentence_start) >= min(MIN_OVERLAP, sentence_end - sentence_start)


def hold_out(dataset: Dataset) -> list[HoldOut]:
    data = dataset.landscape
    rows = []
    for source in data.sources:
        article = dataset.articles[source.id]
        curated = [position for position in data.positions if any(citation.source == source.id for citation in position.citations)]
        rest = [position for position in data.positions if position not in curated]
        sentences = party_sentences(data, source.id, source.file, article.text)
        suggestions = suggest(data, sentences, rest)
        in_queue = issue_suggested = 0
        for position in curated:
            spans = [(p.start, p.end) for p in dataset.passages if p.owner_kind == "position" and p.owner_id == position.id and p.source == source.id]
            hits = [s for s in suggestions if any(_overlaps(start, end, s.sentence.start, s.sentence.end) for start, end in spans)]
            in_queue += bool(hits)
            issue_suggested += any(position.issue in {issue for issue, _score in s.issues} for s in hits)
        label = source.outlet.value or source.id
        rows.append(HoldOut(source.id, label, len(curated), in_queue, issue_suggested, len(sentences)))
    return rows


def table(rows: list[HoldOut]) -> str:
    lines = [
        "| article held out | its positions | passage in the queue | issue among the 3 suggested | queue length |",
        "|---|---:|---:|---:|---:|",
    ]
    for row in [*rows, HoldOut("", "all five", *(sum(getattr(r, f) for r in rows) for f in ("positions", "in_queue", "issue_suggested", "queue")))]:
        lines.append(
            f"| {row.label} | {row.positions} | {row.in_queue / row.positions:.0%} ({row.in_queue}) | "
            f"{row.issue_suggested / row.positions:.0%} ({row.issue_suggested}) | {row.queue} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    dataset = load_dataset(Path(argv[0]) if argv else None)
    sys.stdout.write(table(hold_out(dataset)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

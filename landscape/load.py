"""Loading data/positions.yaml: parse, check the shape, resolve references, find every quote.

Every problem is collected with its file, line and column and reported together in one
DataFileError, so that a curator fixes a whole batch in one go.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from landscape.quotes import Article, article_from_file
from landscape.schema import Landscape, parse_fuzzy_date
from landscape.yamlfile import DataFileError, Document, Problem, read_yaml_file

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = PROJECT_ROOT / "data" / "positions.yaml"
SEEDS_DIR = PROJECT_ROOT / "seeds"


def data_path() -> Path:
    """The data file the app shows: $LANDSCAPE_DATA when set, else data/positions.yaml."""
    chosen = os.environ.get("LANDSCAPE_DATA")
    return Path(chosen) if chosen else DEFAULT_DATA


@dataclass(frozen=True)
class CitedPassage:
    """One citation, found in its article: what cites it and where the words stand."""

    owner_kind: str  # position, event, viewpoint or answer
    owner_id: str
    label: str
    source: str
    quote: str
    start: int
    end: int


@dataclass(frozen=True)
class Dataset:
    """Validated data, the articles it cites, and where each cited passage stands."""

    path: Path
    landscape: Landscape
    articles: dict[str, Article]
    passages: tuple[CitedPassage, ...]


def _describe_pydantic_error(error: dict[str, Any]) -> str:
    where = ".".join(str(part) for part in error["loc"] if isinstance(part, (str, int)))
    kind = error["type"]
    if kind == "missing":
        return f"{where}: required field is missing"
    if kind == "extra_forbidden":
        return f"{where}: unknown field (a typo? remove or rename it)"
    message = error["msg"].removeprefix("Value error, ")
    return f"{where}: {message}"


def _check_shape(document: Document) -> tuple[Landscape | None, list[Problem]]:
    if not isinstance(document.data, dict):
        kind = type(document.data).__name__
        return None, [document.problem((), f"the top level must be a mapping (sources:, parties:, ...), not a {kind}")]
    try:
        return Landscape.model_validate(document.data), []
    except ValidationError as invalid:
        return None, [
            document.problem(
                tuple(part for part in error["loc"] if isinstance(part, (str, int))), _describe_pydantic_error(error)
            )
            for error in invalid.errors(include_url=False)
        ]


def _items(data: dict[str, Any], section: str) -> list[tuple[int, dict[str, Any]]]:
    value = data.get(section)
    if not isinstance(value, list):
        return []
    return [(index, item) for index, item in enumerate(value) if isinstance(item, dict)]


def _ids(data: dict[str, Any], section: str) -> set[str]:
    return {item["id"] for _, item in _items(data, section) if isinstance(item.get("id"), str)}


def _read_articles(document: Document, seeds_dir: Path) -> tuple[dict[str, Article], dict[str, dt.date], list[Problem]]:
    articles: dict[str, Article] = {}
    published_by: dict[str, dt.date] = {}
    problems: list[Problem] = []
    seeds = seeds_dir.resolve()
    for index, source in _items(document.data, "sources"):
        file_name = source.get("file")
        if not isinstance(file_name, str) or not isinstance(source.get("id"), str):
            continue
        location = ("sources", index, "file")
        article_path = (seeds / file_name).resolve()
        if article_path.parent != seeds:
            problems.append(
                document.problem(location, f"file {file_name!r} must be a file name inside seeds/ (no folders, no '..')")
            )
            continue
        try:
            stat = article_path.stat()
            articles[source["id"]] = article_from_file(str(article_path), stat.st_mtime_ns)
        except (OSError, UnicodeDecodeError):
            problems.append(
                document.problem(location, f"article {file_name!r} is not a readable UTF-8 file in seeds/: copy it there")
            )
        published = source.get("published")
        if isinstance(published, dict) and published.get("value") is not None:
            with contextlib.suppress(ValueError):  # a bad date is reported by the schema
                published_by[source["id"]] = parse_fuzzy_date(published["value"]).end
    return articles, published_by, problems


def _reference_problems(document: Document, seeds_dir: Path) -> tuple[list[Problem], dict[str, Article], list[CitedPassage]]:
    data = document.data
    problems: list[Problem] = []

    for section in ("questions", "sources", "parties", "issues", "positions", "events", "viewpoints", "figures"):
        first_seen: dict[str, int] = {}
        for index, item in _items(data, section):
            item_id = item.get("id")
            if not isinstance(item_id, str):
                continue
            if item_id in first_seen:
                line, _ = document.where((section, first_seen[item_id], "id"))
                problems.append(
                    document.problem(
                        (section, index, "id"),
                        f"duplicate id {item_id!r} in {section} (first on line {line}): ids must be unique",
                    )
                )
            else:
                first_seen[item_id] = index

    known = {section: _ids(data, section) for section in ("questions", "sources", "parties", "issues")}
    singular = {"questions": "question", "sources": "source", "parties": "party", "issues": "issue"}

    def check_ref(location: tuple[Any, ...], section: str, value: Any) -> None:
        if isinstance(value, str) and value not in known[section]:
            choices = ", ".join(sorted(known[section])) or "none defined"
            problems.append(
                document.problem(
                    location, f"unknown {singular[section]} {value!r}: use one of {choices}, or add it under {section}:"
                )
            )

    articles, published_by, article_problems = _read_articles(document, seeds_dir)
    problems.extend(article_problems)
    passages: list[CitedPassage] = []
    today = dt.date.today()

    def check_citations(location: tuple[Any, ...], citations: Any, owner_kind: str, owner_id: str, label: str) -> list[str]:
        cited_sources: list[str] = []
        if not isinstance(citations, list):
            return cited_sources
        for index, citation in enumerate(citations):
            if not isinstance(citation, dict):
                continue
            source, quote = citation.get("source"), citation.get("quote")
            check_ref((*location, index, "source"), "sources", source)
            if not isinstance(source, str) or not isinstance(quote, str) or source not in articles:
                continue
            cited_sources.append(source)
            article = articles[source]
            span = article.locate(quote)
            if span is None:
                guess = article.closest_passage(quote)
                hint = f' Did you mean: "{guess}"?' if guess else " No similar passage found: check the source."
                problems.append(document.problem((*location, index, "quote"), f"quote not found in {source}.{hint}"))
                continue
            passages.append(CitedPassage(owner_kind, owner_id, label, source, quote, span[0], span[1]))
        return cited_sources

    def check_date_after_sources(location: tuple[Any, ...], value: Any, cited_sources: list[str]) -> None:
        try:
            when = parse_fuzzy_date(value)
        except ValueError:
            return  # reported by the schema
        if when.start > today:
            problems.append(document.problem(location, f"date {when} is in the future"))
            return
        latest = [published_by[source] for source in cited_sources if source in published_by]
        if latest and when.start > max(latest):
            problems.append(
                document.problem(
                    location, f"date {when} is after the publication of every article citing it ({max(latest)}): check the date"
                )
            )

    positions_by_id = {item.get("id"): item for _, item in _items(data, "positions")}
    for index, position in _items(data, "positions"):
        location = ("positions", index)
        check_ref((*location, "party"), "parties", position.get("party"))
        check_ref((*location, "issue"), "issues", position.get("issue"))
        position_id = str(position.get("id"))
        earlier_id = position.get("supersedes")
        if isinstance(earlier_id, str):
            earlier = positions_by_id.get(earlier_id)
            if earlier is None:
                problems.append(document.problem((*location, "supersedes"), f"supersedes unknown position {earlier_id!r}"))
            elif (earlier.get("party"), earlier.get("issue")) != (position.get("party"), position.get("issue")):
                problems.append(
                    document.problem((*location, "supersedes"), f"supersedes {earlier_id!r}, a position of another party or issue")
                )
        cited = check_citations(
            (*location, "citations"), position.get("citations"), "position", position_id, str(position.get("summary", ""))
        )
        check_date_after_sources((*location, "as_of"), position.get("as_of"), cited)

    for index, event in _items(data, "events"):
        location = ("events", index)
        for key, section in (("parties", "parties"), ("issues", "issues")):
            refs = event.get(key)
            if isinstance(refs, list):
                for ref_index, ref in enumerate(refs):
                    check_ref((*location, key, ref_index), section, ref)
        check_citations(
            (*location, "citations"), event.get("citations"), "event", str(event.get("id")), str(event.get("title", ""))
        )

    for index, viewpoint in _items(data, "viewpoints"):
        location = ("viewpoints", index)
        check_ref((*location, "source"), "sources", viewpoint.get("source"))
        viewpoint_id = str(viewpoint.get("id"))
        check_citations((*location, "citations"), viewpoint.get("citations"), "viewpoint", viewpoint_id, "Thesis")
        answers = viewpoint.get("answers")
        for answer_index, answer in enumerate(answers if isinstance(answers, list) else []):
            if not isinstance(answer, dict):
                continue
            answer_location = (*location, "answers", answer_index)
            check_ref((*answer_location, "question"), "questions", answer.get("question"))
            check_citations(
                (*answer_location, "citations"),
                answer.get("citations"),
                "answer",
                viewpoint_id,
                f"Answer: {answer.get('question')}",
            )
        counts = Counter(a.get("question") for a in answers if isinstance(a, dict)) if isinstance(answers, list) else Counter()
        for question, count in counts.items():
            if count > 1:
                problems.append(
                    document.problem((*location, "answers"), f"question {question!r} is answered {count} times: keep one answer")
                )

    for index, figure in _items(data, "figures"):
        location = ("figures", index)
        if figure.get("issue") is not None:
            check_ref((*location, "issue"), "issues", figure.get("issue"))
        values = figure.get("values")
        for value_index, value in enumerate(values if isinstance(values, list) else []):
            if isinstance(value, dict):
                check_citations(
                    (*location, "values", value_index, "citations"), value.get("citations"), "figure", str(figure.get("id")),
                    f"{figure.get('name', '')}: {value.get('value', '')}",
                )

    return problems, articles, passages


def load_dataset(path: Path | str | None = None, *, seeds_dir: Path = SEEDS_DIR) -> Dataset:
    """Read, validate and resolve a data file; raise DataFileError listing every problem."""
    path = Path(path) if path is not None else data_path()
    document = read_yaml_file(path)
    landscape, problems = _check_shape(document)
    if isinstance(document.data, dict):
        reference_problems, articles, passages = _reference_problems(document, seeds_dir)
        problems += reference_problems
    if problems or landscape is None:
        problems.sort(key=lambda problem: (problem.line, problem.column))
        raise DataFileError(problems)
    return Dataset(path, landscape, articles, tuple(passages))

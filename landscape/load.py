"""Loading data/positions.yaml: parse, check the shape, resolve references, find every quote.

Two passes, as followthemoney's ``generate()`` does: pydantic first checks the shape of every
object; then references between the typed objects are resolved and every quote is found in its
article. The second pass is driven by tables (REFERENCES, OWNERS, DATED, UNIQUE_TEXT): a new
section's references and citations are checked by adding its lines there, and any ``Citation``
anywhere in a section is found by the walk. When the shape is wrong, the objects that are valid
on their own are still resolved, so that a curator sees every problem in one go.

Every problem is collected with its file, line and column and reported together in one
DataFileError.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, TypeAdapter, ValidationError
from rapidfuzz import process

from landscape.names import skeleton
from landscape.quotes import Article, article_from_file
from landscape.schema import (
    Answer,
    Citation,
    Condition,
    Event,
    FuzzyDate,
    Landscape,
    Position,
    ReviewedSentence,
    StatedFigure,
    StatedValue,
    Viewpoint,
)
from landscape.vocabulary import OwnerKind
from landscape.yamlfile import MAX_KEPT_PROBLEMS, DataFileError, Document, Path_, Problem, printable, quoted, read_yaml_file

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = PROJECT_ROOT / "data" / "positions.yaml"
SEEDS_DIR = PROJECT_ROOT / "seeds"

# (model, field) -> the section whose ids the field names (each item, for a list field).
REFERENCES: dict[tuple[type[BaseModel], str], str] = {
    (Citation, "source"): "sources",
    (Position, "party"): "parties",
    (Position, "issue"): "issues",
    (Position, "supersedes"): "positions",
    (Position, "contradicts"): "positions",
    (Position, "distinct_from"): "positions",
    (Condition, "issue"): "issues",
    (Condition, "rejects"): "positions",
    (Event, "parties"): "parties",
    (Event, "issues"): "issues",
    (Viewpoint, "source"): "sources",
    (Answer, "question"): "questions",
    (StatedFigure, "issue"): "issues",
    (ReviewedSentence, "source"): "sources",
    (ReviewedSentence, "position"): "positions",
}
# Models whose citations the pages show together: (owner kind, label of each passage from the owner
# and the objects above it, nearest last). The owner's id is that of the nearest object with an id
# (an answer's is its viewpoint's; a figure value's, its figure's).
OWNERS: dict[type[BaseModel], tuple[str, Callable[[Any, tuple[BaseModel, ...]], str]]] = {
    Position: (OwnerKind.POSITION.value, lambda position, _above: position.summary),
    Event: (OwnerKind.EVENT.value, lambda event, _above: event.title),
    Viewpoint: (OwnerKind.VIEWPOINT.value, lambda _viewpoint, _above: "Thesis"),
    Answer: (OwnerKind.ANSWER.value, lambda answer, _above: f"Answer: {answer.question}"),
    StatedValue: (OwnerKind.FIGURE.value, lambda value, above: f"{above[-1].name}: {value.value}"),
}
# model -> its date field that can be neither in the future nor after every article citing the model.
DATED: dict[type[BaseModel], str] = {Position: "as_of", Event: "date"}
# section -> text that must be unique in it (ignoring case): pages use it as a row or column label.
UNIQUE_TEXT = {"parties": "name", "issues": "name", "questions": "text"}
# section -> texts a reader tells apart by their look, as (field, nested field): two that look alike
# (same UTS #39 skeleton, landscape.names) but are written differently are refused as impersonation.
# Besides UNIQUE_TEXT, sources' outlets and titles, where the same text twice is fine (one outlet, two articles).
LOOKALIKE_TEXT = {
    "parties": [("name", None)],
    "issues": [("name", None)],
    "questions": [("text", None)],
    "sources": [("outlet", "value"), ("title", "value")],
}
# The issue matrix's own columns (frames.matrix_table), which a party's name must not take.
RESERVED_PARTY_NAMES = {"group", "issue"}
SINGULAR = {"questions": "question", "sources": "source", "parties": "party", "issues": "issue", "positions": "position"}
UNAMBIGUOUS_CHARS = 40  # a quote shorter than this must stand only once in its article
MAX_SUGGESTIONS = 50  # "did you mean" searches per load: a file of thousands of typos stays fast


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
    undecided: tuple[Problem, ...] = ()  # reports apart in time with no change or dispute recorded: the curator decides each


def _describe_pydantic_error(error: dict[str, Any], prefix: Path_ = ()) -> str:
    where = _where((*prefix, *error["loc"]))
    kind = error["type"]
    if kind == "missing":
        return f"{where}: required field is missing"
    if kind == "extra_forbidden":
        return f"{where}: unknown field (a typo? remove or rename it)"
    if kind == "string_pattern_mismatch" and error["loc"][-1] == "file":
        return f"{where}: {str(error['input'])[:80]!r} must be a file name inside seeds/ (no folders, no '..')"
    message = error["msg"].removeprefix("Value error, ")
    return f"{where}: {message}"


def _where(location: tuple[Any, ...]) -> str:
    """sources.0.title: a location as a message names it, each part escaped and cut (a key may be a megabyte long)."""
    return ".".join(printable(part, 60) for part in location if isinstance(part, (str, int)))


@functools.cache
def _nested_models(model: type[BaseModel]) -> dict[str, type[BaseModel]]:
    """model's fields that hold another model, or a list of them: field -> that model."""
    nested = {}
    for name, info in model.model_fields.items():
        for candidate in (info.annotation, *typing.get_args(info.annotation)):
            if typing.get_origin(candidate) is list:
                candidate = typing.get_args(candidate)[0]
            if isinstance(candidate, type) and issubclass(candidate, BaseModel):
                nested[name] = candidate
    return nested


def _drop_unknown_fields(document: Document) -> tuple[list[Problem], int]:
    """Report and remove every key no model knows, before pydantic: at most MAX_KEPT_PROBLEMS reported, the rest counted.

    Pydantic would build an error object for each (490,000 unknown keys: 300 MB more, all but 200 never shown).
    """
    problems: list[Problem] = []
    more = 0
    stack: list[tuple[Any, type[BaseModel], Path_]] = [(document.data, Landscape, ())]
    while stack:
        value, model, location = stack.pop()
        if isinstance(value, list):
            stack.extend((item, model, (*location, index)) for index, item in enumerate(value))
            continue
        if not isinstance(value, dict):
            continue
        nested = _nested_models(model)
        for key in list(value):
            if key in model.model_fields:
                if key in nested:
                    stack.append((value[key], nested[key], (*location, key)))
                continue
            if len(problems) < MAX_KEPT_PROBLEMS:
                problems.append(document.problem((*location, key), f"{_where((*location, key))}: unknown field (a typo? remove or rename it)"))
            else:
                more += 1
            del value[key]
    return problems, more


def _sections() -> dict[str, type[BaseModel]]:
    """Landscape's list fields of models, in file order: section name -> item model."""
    sections = {}
    for name, info in Landscape.model_fields.items():
        args = typing.get_args(info.annotation)
        if typing.get_origin(info.annotation) is list and args and isinstance(args[0], type) and issubclass(args[0], BaseModel):
            sections[name] = args[0]
    return sections


SECTIONS = _sections()
Items = dict[str, list[tuple[int, BaseModel]]]  # section -> (index in the file, valid object)


def _check_shape(document: Document) -> tuple[Landscape | None, Items, list[Problem], int]:
    """The validated Landscape, or None with the objects that are valid on their own, shape problems and how many more there are."""
    data = document.data
    try:
        landscape = Landscape.model_validate(data)
    except ValidationError as invalid:
        problems = [  # the first ones only: the rest are counted by the caller (invalid.error_count())
            document.problem(tuple(part for part in error["loc"] if isinstance(part, (str, int))), _describe_pydantic_error(error))
            for error in invalid.errors(include_url=False)[:MAX_KEPT_PROBLEMS]
        ]
        more = invalid.error_count() - len(problems)
        items: Items = {}
        for section, model in SECTIONS.items():
            raw = data.get(section)
            items[section] = []
            for index, value in enumerate(raw if isinstance(raw, list) else []):
                try:
                    items[section].append((index, model.model_validate(value)))
                except ValidationError as invalid:  # reported above; resolve its valid fields all the same
                    salvaged = _salvage(model, value, invalid)
                    if salvaged is not None:
                        items[section].append((index, salvaged))
        return None, items, problems, more
    return landscape, {section: list(enumerate(getattr(landscape, section))) for section in SECTIONS}, [], 0


@functools.cache
def _field_adapter(model: type[BaseModel], name: str) -> TypeAdapter:
    info = model.model_fields[name]
    return TypeAdapter(Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation)


def _salvage(model: type[BaseModel], raw: Any, invalid: ValidationError) -> BaseModel | None:
    """An object of an invalid item built from its valid fields only (others unset), for the second pass."""
    if not isinstance(raw, dict):
        return None
    bad = {error["loc"][0] for error in invalid.errors() if error["loc"]}
    values: dict[str, Any] = {}
    for name in model.model_fields:
        if name in raw and name not in bad:
            try:
                values[name] = _field_adapter(model, name).validate_python(raw[name])
            except ValidationError:
                continue
    return model.model_construct(**({name: None for name in model.model_fields} | values))


def _walk(model: BaseModel, location: Path_, ancestors: tuple[BaseModel, ...]) -> Iterator[tuple[BaseModel, Path_, tuple[BaseModel, ...]]]:
    """Every model in model's tree (itself first), with its location and its ancestors (nearest last)."""
    yield model, location, ancestors
    inner = (*ancestors, model)
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, BaseModel):
            yield from _walk(value, (*location, name), inner)
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _walk(item, (*location, name, index), inner)


class _Resolver:
    """The second pass over the typed objects: references, uniqueness, dates and quotes."""

    def __init__(self, document: Document, items: Items, seeds_dir: Path):
        self.document = document
        self.items = items
        self.seeds_dir = seeds_dir
        self.problems: list[Problem] = []
        self.more = 0  # problems past MAX_KEPT_PROBLEMS, counted only
        self.undecided: list[Problem] = []
        self.passages: list[CitedPassage] = []
        self.articles: dict[str, Article] = {}
        self.published: dict[str, dt.date] = {}
        self.suggestions_left = MAX_SUGGESTIONS
        self.ids = {section: {getattr(model, "id", None) for _, model in entries} - {None} for section, entries in items.items()}

    def problem(self, location: Path_, message: str) -> None:
        if len(self.problems) < MAX_KEPT_PROBLEMS:
            self.problems.append(self.document.problem(location, message))
        else:
            self.more += 1

    def run(self) -> None:
        self.check_unique_ids()
        self.check_unique_text()
        self.check_positions()
        self.check_conditions()
        self.read_articles()
        today = dt.date.today()
        for section, entries in self.items.items():
            for index, item in entries:
                for model, location, ancestors in _walk(item, (section, index), ()):
                    self.check_references(model, location)
                    if isinstance(model, Citation):
                        self.check_quote(model, location, ancestors)
                    if type(model) in DATED:
                        self.check_date(model, location, today)
                    if isinstance(model, Viewpoint):
                        self.check_answers(model, location)

    def check_unique_ids(self) -> None:
        for section, entries in self.items.items():
            first_seen: dict[str, int] = {}
            for index, model in entries:
                item_id = getattr(model, "id", None)
                if item_id is None:
                    continue
                if item_id in first_seen:
                    line, _ = self.document.where((section, first_seen[item_id], "id"))
                    self.problem((section, index, "id"), f"duplicate id {item_id!r} in {section} (first on line {line}): ids must be unique")
                else:
                    first_seen[item_id] = index

    def check_unique_text(self) -> None:
        """Names a reader tells apart must look apart: compared by their UTS #39 skeleton (landscape.names), after NFKC and case."""
        for section, fields in LOOKALIKE_TEXT.items():
            for field_name, inner in fields:
                first_seen: dict[str, tuple[int, str]] = {}
                for index, model in self.items.get(section, []):
                    text = getattr(model, field_name)
                    text = getattr(text, inner, None) if inner else text
                    if not isinstance(text, str):  # a salvaged object without it, or an unknown value
                        continue
                    location = (section, index, field_name) if inner is None else (section, index, field_name, inner)
                    key = skeleton(text)
                    if key not in first_seen:
                        first_seen[key] = (index, text)
                        continue
                    first_index, first_text = first_seen[key]
                    first_location = (section, first_index, *location[2:])
                    line, _ = self.document.where(first_location)
                    same = " ".join(text.casefold().split()) == " ".join(first_text.casefold().split())
                    if same and UNIQUE_TEXT.get(section) == field_name:
                        self.problem(
                            location,
                            f"{field_name} {quoted(text)} is already used in {section} (line {line}): pages label rows and columns by it, so make it unique",
                        )
                    elif not same:
                        where = f"{printable(self.document.path, 200)}:{line}"
                        self.problem(
                            location,
                            f"{_where(location)} {quoted(text, 200)} looks the same as {quoted(first_text, 200)} ({_where(first_location)}, {where}) "
                            "but is written with other characters (look-alike letters from another script, or a compatibility form): "
                            "a reader could not tell them apart; write it in the same letters, or name it differently",
                        )
        reserved = {skeleton(name): name for name in RESERVED_PARTY_NAMES}
        for index, party in self.items.get("parties", []):
            if party.name is not None and skeleton(party.name) in reserved:
                self.problem(("parties", index, "name"), f"a party may not be named {quoted(party.name)}: the issue matrix has a column of that name")

    def check_positions(self) -> None:
        data = self.document.data
        if data.get("positions") in (None, []):
            location = ("positions",) if "positions" in data else ()
            self.problem(location, "no positions: add at least one under positions: (every page draws them)")
        positions = dict(self.items.get("positions", []))
        by_id = {position.id: (index, position) for index, position in positions.items() if position.id is not None}
        for index, position in positions.items():
            earlier = by_id.get(position.supersedes) if position.supersedes else None
            if earlier is not None and (earlier[1].party, earlier[1].issue) != (position.party, position.issue):
                self.problem(("positions", index, "supersedes"), f"supersedes {position.supersedes!r}, a position of another party or issue")
            elif earlier is not None and earlier[1].as_of is not None and position.as_of is not None and earlier[1].as_of.start > position.as_of.end:
                self.problem(
                    ("positions", index, "supersedes"),
                    f"supersedes {position.supersedes!r}, which begins after this one ends ({earlier[1].as_of} > {position.as_of}): "
                    "a later position supersedes an earlier one",
                )
            for field in ("contradicts", "distinct_from"):
                for number, other_id in enumerate(getattr(position, field) or []):
                    other = by_id.get(other_id)
                    if other is not None and (other[1].party, other[1].issue) != (position.party, position.issue):
                        self.problem(("positions", index, field, number), f"{field} {other_id!r}, a position of another party or issue")
        state: dict[str, int] = {}  # 1: on the chain being followed, 2: done
        for start in by_id:
            chain = []
            current: str | None = start
            while current in by_id and current not in state:
                state[current] = 1
                chain.append(current)
                current = by_id[current][1].supersedes
            if current in state and state[current] == 1:  # the chain came back to itself
                loop = chain[chain.index(current) :]
                for position_id in loop:
                    what = "supersedes itself" if len(loop) == 1 else "supersedes in a loop: " + " → ".join([*loop, loop[0]])
                    self.problem(("positions", by_id[position_id][0], "supersedes"), f"{what}: a later position supersedes an earlier one, never the reverse")
            for position_id in chain:
                state[position_id] = 2
        self.check_time_pairs(positions)

    def check_time_pairs(self, positions: dict[int, Position]) -> None:
        """Incompatible reports further apart than a week with no change or dispute recorded: listed for the curator."""
        if self.problems or any(None in (p.id, p.party, p.issue, p.stance, p.certainty, p.attribution, p.as_of, p.citations) for p in positions.values()):
            return  # a broken reference or shape comes first
        from landscape.cells import inputs_from_positions, unrecorded_pairs

        index_of = {position.id: index for index, position in positions.items()}
        inputs = inputs_from_positions(positions.values())
        for first, second in unrecorded_pairs(inputs):
            self.undecided.append(
                self.document.problem(
                    ("positions", index_of[second.id]),
                    f"{second.id!r} ({second.stance}, {positions[index_of[second.id]].as_of}) and {first.id!r} ({first.stance}, "
                    f"{positions[index_of[first.id]].as_of}) are incompatible and more than a week apart: record a change "
                    "(supersedes), a dispute (contradicts) or neither (distinct_from)",
                )
            )

    def check_conditions(self) -> None:
        """A condition belongs to a conditional position, quotes its words, and links another issue or another party's condition."""
        positions = dict(self.items.get("positions", []))
        by_id = {position.id: position for position in positions.values() if position.id is not None}
        for index, position in positions.items():
            condition = getattr(position, "condition", None)
            if condition is None:
                continue
            where = ("positions", index, "condition")
            if position.stance is not None and position.stance.value != "conditional":
                stance = position.stance.value
                self.problem(where, f"only a conditional position states a condition (this one {stance}): make it conditional or remove condition:")
            quotes = [citation.quote for citation in position.citations or [] if citation is not None]
            if condition.text and quotes and not any(Article.of(quote).locate(condition.text) is not None for quote in quotes):
                self.problem((*where, "text"), "the condition's words are not in this position's quotes: copy them from one of its citations")
            if condition.issue is not None and condition.issue == position.issue:
                self.problem((*where, "issue"), "a condition's issue is another issue than the position's own: name it, or leave issue out")
            rejected = by_id.get(condition.rejects) if condition.rejects else None
            if rejected is not None:
                if rejected.party == position.party:
                    self.problem((*where, "rejects"), f"rejects {condition.rejects!r}, a position of the same party: name another party's position")
                elif getattr(rejected, "condition", None) is None:
                    self.problem((*where, "rejects"), f"rejects {condition.rejects!r}, which states no condition: add its condition first")

    def read_articles(self) -> None:
        seeds = self.seeds_dir.resolve()
        for index, source in self.items.get("sources", []):
            if source.id is None or source.file is None:
                continue
            location = ("sources", index, "file")
            article_path = (seeds / source.file).resolve()
            if article_path.parent != seeds:
                self.problem(location, f"file {source.file!r} must be a file name inside seeds/ (no folders, no '..')")
                continue
            try:
                info = article_path.stat()
                self.articles[source.id] = article_from_file(str(article_path), info.st_mtime_ns, info.st_size)
            except (OSError, ValueError, DataFileError):  # UnicodeDecodeError is a ValueError
                self.problem(location, f"article {source.file!r} is not a readable UTF-8 file in seeds/: copy it there")
            if source.published is not None and source.published.value is not None:
                self.published[source.id] = source.published.value.end

    def check_references(self, model: BaseModel, location: Path_) -> None:
        for (model_type, field_name), section in REFERENCES.items():
            if not isinstance(model, model_type):
                continue
            value = getattr(model, field_name)
            refs = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
            for ref_index, ref in refs:
                if ref is None or ref in self.ids.get(section, ()):
                    continue
                where = (*location, field_name) if ref_index is None else (*location, field_name, ref_index)
                self.problem(where, f"unknown {SINGULAR[section]} {ref!r}: {self.choices(section, ref)}, or add it under {section}:")

    def choices(self, section: str, wrong: str) -> str:
        known = sorted(self.ids.get(section, ()))
        if not known:
            return "none defined"
        if len(known) <= 12:
            return "use one of " + ", ".join(known)
        close = [match for match, _score, _index in process.extract(wrong, known, limit=3, score_cutoff=60)]
        return ("did you mean " + " or ".join(repr(match) for match in close) + "?") if close else f"none of the {len(known)} {section} is close"

    def check_quote(self, citation: Citation, location: Path_, ancestors: tuple[BaseModel, ...]) -> None:
        article = self.articles.get(citation.source)
        if article is None:
            return  # an unknown source or an unreadable article: reported already
        quote, source = citation.quote, citation.source
        span = article.locate(quote)
        if span is None:
            if article.found_by_joining_or_splitting_words(quote):
                message = (
                    f"quote matches {source} only by joining or splitting words (a space added or left out between two letters, "
                    "or a word cut at either end): quote the article's words as they stand."
                )
            else:
                message = f"quote not found in {source}."
            self.problem((*location, "quote"), message + self.suggestion(article, quote))
            return
        if len(quote) < UNAMBIGUOUS_CHARS and article.occurrences(quote) > 1:
            self.problem(
                (*location, "quote"),
                f"quote {quote!r} stands more than once in {source}: quote enough of the passage to be unique (or at least {UNAMBIGUOUS_CHARS} characters)",
            )
            return
        owners = [index for index, model in enumerate(ancestors) if type(model) in OWNERS]
        if not owners:
            return
        owner = ancestors[owners[-1]]
        kind, label = OWNERS[type(owner)]
        owner_id = next((str(model.id) for model in reversed(ancestors[: owners[-1] + 1]) if hasattr(model, "id")), "")
        self.passages.append(CitedPassage(kind, owner_id, label(owner, ancestors[: owners[-1]]), source, quote, span[0], span[1]))

    def suggestion(self, article: Article, quote: str) -> str:
        if self.suggestions_left <= 0:
            return f" (No suggestion: more than {MAX_SUGGESTIONS} quotes are not found; fix these first.)"
        self.suggestions_left -= 1
        guess = article.closest_passage(quote)
        return f' Did you mean: "{guess}"?' if guess else " No similar passage found: check the source."

    def check_date(self, model: BaseModel, location: Path_, today: dt.date) -> None:
        field_name = DATED[type(model)]
        when: FuzzyDate | None = getattr(model, field_name)
        if when is None:
            return
        where = (*location, field_name)
        if when.start > today:
            self.problem(where, f"date {when} is in the future")
            return
        citations = getattr(model, "citations", None) or []
        latest = [self.published[citation.source] for citation in citations if citation.source in self.published]
        if latest and when.start > max(latest):
            self.problem(where, f"date {when} is after the publication of every article citing it ({max(latest)}): check the date")

    def check_answers(self, viewpoint: Viewpoint, location: Path_) -> None:
        counts: dict[str, int] = {}
        for answer in viewpoint.answers or []:
            counts[answer.question] = counts.get(answer.question, 0) + 1
        for question, count in counts.items():
            if count > 1:
                self.problem((*location, "answers"), f"question {question!r} is answered {count} times: keep one answer")


def load_dataset(path: Path | str | None = None, *, seeds_dir: Path = SEEDS_DIR) -> Dataset:
    """Read, validate and resolve a data file; raise DataFileError listing every problem."""
    path = Path(path) if path is not None else data_path()
    document = read_yaml_file(path)
    if not isinstance(document.data, dict):
        kind = type(document.data).__name__
        raise DataFileError([document.problem((), f"the top level must be a mapping (sources:, parties:, ...), not a {kind}")])
    unknown, more_unknown = _drop_unknown_fields(document)
    landscape, items, problems, more_shape = _check_shape(document)
    resolver = _Resolver(document, items, seeds_dir)
    resolver.run()
    problems = unknown + problems + resolver.problems
    if problems or landscape is None:
        problems.sort(key=lambda problem: (problem.line, problem.column))
        raise DataFileError(problems, more_unknown + more_shape + resolver.more)
    return Dataset(path, landscape, resolver.articles, tuple(resolver.passages), tuple(resolver.undecided))

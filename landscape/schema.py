"""The shape of data/positions.yaml, as pydantic models.

Shape only: references between objects (party, issue and source ids) and quotes are
checked afterwards by ``landscape.load``, once every object exists.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    HttpUrl,
    StringConstraints,
    TypeAdapter,
    ValidationError,
    model_validator,
)
from pydantic_core import core_schema

from landscape.names import check_visible
from landscape.vocabulary import (  # the enums live beside their words; importable from here as before
    Attribution,
    Basis,
    Certainty,
    DateBasis,
    IssueGroup,
    Precision,
    ReviewReason,
    Stance,
)

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80),
]
# Every curated text shows as it reads: no control, invisible or direction-changing character (landscape.names).
Visible = AfterValidator(check_visible)
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000), Visible]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), Visible]


_DATE_FORMS = {  # [0-9], not \d: "٢٠٢٥-٠٨" and a fullwidth "１９５３" are not dates here
    re.compile(r"^[0-9]{4}$"): Precision.YEAR,
    re.compile(r"^[0-9]{4}-[0-9]{2}$"): Precision.MONTH,
    re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"): Precision.DAY,
}


class FuzzyDate(str):
    """A date as precisely as the text fixes it, written in EDTF (the Library of Congress's format for uncertain
    dates): a day '2025-08-15', a month '2025-08', a year '2025', or a window '2025-08-19/2025-08-24'."""

    precision: Precision
    start: dt.date  # the first day the date can mean: from here on the position can have held
    end: dt.date  # the last day the date can mean

    def __new__(cls, value: str, precision: Precision) -> FuzzyDate:
        instance = super().__new__(cls, value)
        instance.precision = precision
        instance.start, instance.end = _edtf_bounds(value)
        return instance

    def __getnewargs__(self) -> tuple[str, Precision]:  # pickled with its precision (the prepared data's snapshot)
        return str(self), self.precision

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(parse_fuzzy_date, serialization=core_schema.to_string_ser_schema())

    @property
    def words(self) -> str:
        """The date as a reader says it, exactly as precise as known: '15 August 2025', 'August 2025', '2025'."""
        return date_words(self)


@functools.lru_cache(maxsize=4096)  # edtf's grammar is slow to parse and a data file repeats its dates
def _edtf_bounds(value: str) -> tuple[dt.date, dt.date]:
    from edtf import parse_edtf, struct_time_to_date

    parsed = parse_edtf(value)
    return struct_time_to_date(parsed.lower_strict()), struct_time_to_date(parsed.upper_strict())


def _plain_date(value: str) -> Precision:
    """The precision of one plain date, or a ValueError saying what is wrong with it."""
    for form, precision in _DATE_FORMS.items():
        if form.match(value):
            parts = [int(part) for part in value.split("-")] + [1, 1]
            try:
                dt.date(parts[0], parts[1], parts[2])
            except ValueError:
                raise ValueError(f"{value!r} is not a real date") from None
            if not 1900 <= parts[0] <= 2100:
                raise ValueError(f"{value!r}: the year must be between 1900 and 2100")
            return precision
    raise ValueError(
        f"{value[:40]!r}: write a date as YYYY, YYYY-MM or YYYY-MM-DD, only as precise as known, or a window of two such dates as YYYY-MM-DD/YYYY-MM-DD"
    )


def date_words(value: str) -> str:
    """'2025-08-15' -> '15 August 2025', '2025-08' -> 'August 2025', '2025' -> '2025', a window '19 August 2025 to
    24 August 2025': never more precise than written."""
    if "/" in str(value):
        return " to ".join(date_words(part) for part in str(value).split("/"))
    parts = str(value).split("-")
    if len(parts) == 1:
        return parts[0]
    month = calendar.month_name[int(parts[1])]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{int(parts[2])} {month} {parts[0]}"


def parse_fuzzy_date(value: Any) -> FuzzyDate:
    if isinstance(value, FuzzyDate):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, dt.date):
        value = value.isoformat()
    if not isinstance(value, str):
        raise ValueError("a date is written YYYY, YYYY-MM or YYYY-MM-DD, or a window YYYY-MM-DD/YYYY-MM-DD")
    value = value.strip()
    if not value.isascii():
        raise ValueError(f"{value[:40]!r}: write a date with the digits 0-9, as YYYY, YYYY-MM or YYYY-MM-DD")
    if value.count("/") == 1:
        first, last = value.split("/")
        _plain_date(first), _plain_date(last)
        window = FuzzyDate(value, Precision.WINDOW)
        if window.start > window.end:
            raise ValueError(f"{value!r}: a window's first date must come before its last")
        return window
    return FuzzyDate(value, _plain_date(value))


DateValue = FuzzyDate


_HTTP_URL = TypeAdapter(HttpUrl)


def _http_url(value: str | None) -> str | None:
    """The URL as written, when pydantic's HttpUrl accepts it and it has no white space."""
    if value is None:
        return value
    try:
        _HTTP_URL.validate_python(value)
    except ValidationError:
        raise ValueError("a URL must start with http:// or https://, name a host and contain no spaces") from None
    if any(char.isspace() for char in value):
        raise ValueError("a URL must start with http:// or https://, name a host and contain no spaces")
    return value


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Attested(Strict):
    basis: Basis
    note: Text | None = None

    @model_validator(mode="after")
    def _unknown_means_null(self) -> _Attested:
        value = self.value
        if self.basis is Basis.UNKNOWN and value is not None:
            raise ValueError("basis 'unknown' goes with value: null; record what is known, and how")
        if self.basis is not Basis.UNKNOWN and value is None:
            raise ValueError("value is null: set basis to 'unknown'")
        return self


class AttestedText(_Attested):
    value: ShortText | None


class AttestedUrl(_Attested):
    value: Annotated[ShortText | None, AfterValidator(_http_url)]


class AttestedDate(_Attested):
    value: DateValue | None


class Source(Strict):
    id: Id
    file: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_.-]+\.txt$", max_length=200)] = Field(description="a file name inside seeds/")
    title: AttestedText
    outlet: AttestedText
    author: AttestedText
    published: AttestedDate
    url: AttestedUrl
    unreviewed: bool = Field(False, description="set by `python -m landscape intake` on a stub; a curator checks the stub and deletes it")

    @model_validator(mode="after")
    def _reviewed_stub(self) -> Source:
        if self.unreviewed:
            raise ValueError(
                "this source is an intake stub still marked unreviewed: check its title, outlet, author, date and URL "
                "against the article (basis text, public, inferred or unknown), then delete `unreviewed: true`"
            )
        return self


class PartyKind(StrEnum):
    STATE = "state"
    BLOC = "bloc"
    ALLIANCE = "alliance"
    ORGANISATION = "organisation"
    GROUP = "group"


class Party(Strict):
    id: Id
    name: ShortText
    kind: PartyKind
    speakers: list[ShortText] = []
    colour: Annotated[str, StringConstraints(pattern=r"^#[0-9A-Fa-f]{6}$")]


class Issue(Strict):
    """One entry of the codebook: a proposition a party can support or oppose, and what belongs there."""

    id: Id
    name: ShortText
    group: IssueGroup
    proposition: Text
    supports_means: Text = Field(description="what a 'supports' stance means for this proposition")
    opposes_means: Text = Field(description="what an 'opposes' stance means for this proposition")
    scope: Text = Field(description="what is filed here, and what belongs in a neighbouring issue instead")


class Question(Strict):
    id: Id
    text: ShortText


class Citation(Strict):
    source: Id
    quote: Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=1500), Visible]


Citations = Annotated[list[Citation], Field(min_length=1)]


class Condition(Strict):
    """What a conditional position's acceptance hangs on: the article's words, and where they name another issue, that issue."""

    text: Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=500), Visible] = Field(
        description="the words of the condition, as they stand in one of the position's cited quotes"
    )
    issue: Id | None = Field(None, description="another issue the condition is about (Ukraine's withdrawal: security-guarantees)")
    stance: Stance | None = Field(None, description="the stance on that issue the condition needs (supports: the guarantees are given)")
    rejects: Id | None = Field(
        None, description="another party's conditional position whose condition this one refuses (Kyiv's 'non-starter' for Russia's veto)"
    )

    @model_validator(mode="after")
    def _issue_and_stance_together(self) -> Condition:
        if (self.issue is None) != (self.stance is None):
            raise ValueError("a condition's issue and stance go together: name the other issue and the stance on it the condition needs")
        if self.stance is not None and self.stance not in (Stance.SUPPORTS, Stance.OPPOSES):
            raise ValueError("a condition needs supports or opposes on its issue")
        return self


class Position(Strict):
    id: Id
    party: Id
    issue: Id
    stance: Stance
    summary: Text
    as_of: DateValue
    attribution: Attribution
    certainty: Certainty
    date_basis: DateBasis = Field(DateBasis.TEXT, description="where the day of as_of comes from: the article, the public record, or an inference")
    speaker: ShortText | None = None
    date_note: ShortText | None = Field(None, description="how the text fixes the date: 'at the Alaska press conference', 'on Monday'")
    supersedes: Id | None = Field(None, description="the id of this party's earlier position on the issue that this one replaced (from any article)")
    contradicts: list[Id] = Field(
        [], description="positions of other articles that describe another moment, yet the curator judges them a dispute, not a change"
    )
    distinct_from: list[Id] = Field(
        [],
        description="positions of other moments the curator read against this one and judged neither a change nor a dispute "
        "(analysts' reading in August against the party's own words in October): reports of different times",
    )
    citations: Citations
    condition: Condition | None = Field(None, description="for a conditional position: the condition it states")


class Event(Strict):
    id: Id
    date: DateValue
    date_basis: DateBasis
    title: ShortText
    kind: Literal["negotiation", "military", "political", "context"] = "negotiation"
    parties: list[Id] = []
    issues: list[Id] = []
    citations: Citations


class Answer(Strict):
    question: Id
    answer: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40), Visible]
    explanation: Text
    citations: Citations


class Viewpoint(Strict):
    id: Id
    source: Id
    thesis: Text
    citations: Citations
    answers: list[Answer] = []


class StatedValue(Strict):
    """One source's value for a figure, as the curator normalises it ("70%", "2025-08-15")."""

    value: ShortText
    as_of: DateValue | None = None
    citations: Citations


class StatedFigure(Strict):
    """A number (a share, a count, a date) the articles state about one thing; sources may differ."""

    id: Id
    name: ShortText = Field(description="what is measured, e.g. 'Share of Donetsk oblast held by Russia'")
    unit: ShortText | None = None
    issue: Id | None = None
    values: Annotated[list[StatedValue], Field(min_length=1)]


class ReviewedSentence(Strict):
    """A sentence naming a party that a curator read and coded as no position, and why."""

    source: Id
    sentence: Annotated[str, StringConstraints(strip_whitespace=True, min_length=12, max_length=300), Visible] = Field(
        description="the sentence's first words, as the article writes them (enough to tell it from every other sentence)"
    )
    reason: ReviewReason
    position: Id | None = Field(None, description="for same_claim: the position that already states it")
    note: ShortText | None = None

    @model_validator(mode="after")
    def _position_with_same_claim(self) -> ReviewedSentence:
        if self.reason is ReviewReason.SAME_CLAIM and self.position is None:
            raise ValueError("reason same_claim needs `position:`, the id of the position that already states it")
        if self.reason is not ReviewReason.SAME_CLAIM and self.position is not None:
            raise ValueError("`position:` goes only with reason same_claim")
        return self


def _normalised(value: str) -> str:
    return " ".join(value.casefold().split())


FIGURE_SAME_TIME = dt.timedelta(days=7)  # as for positions: values stated within a week describe the same moment


def _same_time(first: StatedValue, second: StatedValue) -> bool:
    """Both values describe one moment: dated within a week of each other, or either undated (nothing says otherwise)."""
    if first.as_of is None or second.as_of is None:
        return True
    return max(first.as_of.start, second.as_of.start) - min(first.as_of.end, second.as_of.end) <= FIGURE_SAME_TIME


def _differing_pairs(figure: StatedFigure) -> list[tuple[StatedValue, StatedValue]]:
    """Pairs of values from different sources that differ."""
    pairs = []
    for index, first in enumerate(figure.values):
        for second in figure.values[index + 1 :]:
            sources = ({c.source for c in first.citations}, {c.source for c in second.citations})
            if len(sources[0] | sources[1]) > 1 and _normalised(first.value) != _normalised(second.value):
                pairs.append((first, second))
    return pairs


def is_discrepancy(figure: StatedFigure) -> bool:
    """Two sources give different values for the same figure at the same moment (within a week, or undated)."""
    return any(_same_time(first, second) for first, second in _differing_pairs(figure))


def differs_over_time(figure: StatedFigure) -> bool:
    """Sources give different values stated at different dates, more than a week apart, and no discrepancy: a change, not a clash."""
    pairs = _differing_pairs(figure)
    return bool(pairs) and not any(_same_time(first, second) for first, second in pairs)


class Landscape(Strict):
    """The whole curated dataset."""

    schema_version: Literal[1]
    updated: DateValue = Field(description="when the curated data last changed: the data's own version, shown and cited")
    changelog: list[Text] = Field([], description="what changed in this version, in a reader's words (start from `python -m landscape diff`)")
    questions: list[Question]
    sources: Annotated[list[Source], Field(min_length=1)]
    parties: Annotated[list[Party], Field(min_length=1)]
    issues: Annotated[list[Issue], Field(min_length=1)]
    positions: list[Position] = []
    events: list[Event] = []
    viewpoints: list[Viewpoint] = []
    figures: list[StatedFigure] = []
    reviewed: list[ReviewedSentence] = []

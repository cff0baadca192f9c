"""Every word, symbol and colour a reader sees for a code, keyed by the code's enum: one vocabulary.

As followthemoney keeps `label:` beside each schema value, each enum here stands beside its terms, and every page,
figure, export and brief reads them from here. The enums live here too (the schema, cells and common re-export
them), so that the schema can read its words without an import cycle. Codes stay in links and JSON; words are for readers.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


@dataclass(frozen=True)
class Term:
    """What a reader sees for one code: its words, a symbol beside them (so colour never stands alone), its colour."""

    word: str
    symbol: str = ""
    colour: str | None = None  # Okabe–Ito, colour-blind safe
    marker: str = ""  # the plotly marker symbol where a figure draws the code as a mark

    @property
    def marked(self) -> str:
        """The symbol and the word: '✔ supports'."""
        return f"{self.symbol} {self.word}" if self.symbol else self.word


# --- what the data file records (landscape.schema) ------------------------------------------------


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    WINDOW = "window"  # an EDTF interval: the text fixes a span of days ("after Monday's meeting", in an article of that week)


# How well a date is known; a day needs no words (the timeline adds " (month only)" and so on).
PRECISION = {
    Precision.DAY: Term("day"),
    Precision.MONTH: Term("month only"),
    Precision.YEAR: Term("year only"),
    Precision.WINDOW: Term("some day in this window"),
}


class Basis(StrEnum):
    """Where a bibliographic fact comes from."""

    TEXT = "text"  # stated in the article itself
    PUBLIC = "public"  # confirmed by a public page
    INFERRED = "inferred"  # inferred from the text, not confirmed
    UNKNOWN = "unknown"  # not known: the value stays null


BASIS = {
    Basis.TEXT: Term("stated in the text"),
    Basis.PUBLIC: Term("confirmed publicly"),
    Basis.INFERRED: Term("inferred, not confirmed"),
    Basis.UNKNOWN: Term("unknown"),
}


class DateBasis(StrEnum):
    """Where the day of a position's as_of (or an event's date) comes from."""

    TEXT = "text"  # the article
    PUBLIC = "public"  # the public record
    INFERRED = "inferred"  # the curator's inference


DATE_BASIS = {DateBasis.TEXT: Term("article"), DateBasis.PUBLIC: Term("public record"), DateBasis.INFERRED: Term("curator's inference")}


class IssueGroup(StrEnum):
    TERRITORY = "territory"
    SECURITY = "security"
    MILITARY = "military"
    PROCESS = "process"
    POLITICAL = "political"
    ECONOMIC = "economic"
    HUMANITARIAN = "humanitarian"


GROUP = {group: Term(group.value.capitalize()) for group in IssueGroup}  # what the filter and its link say: "Security"


class Stance(StrEnum):
    SUPPORTS = "supports"
    OPPOSES = "opposes"
    CONDITIONAL = "conditional"
    AMBIGUOUS = "ambiguous"


STANCE = {
    Stance.SUPPORTS: Term("supports", "✔", "#0072B2"),
    Stance.OPPOSES: Term("opposes", "✘", "#D55E00"),
    Stance.CONDITIONAL: Term("conditional", "◐", "#E69F00"),
    Stance.AMBIGUOUS: Term("ambiguous", "?", "#BBBBBB"),
}


class Certainty(StrEnum):
    """How firmly the article establishes a position; a hedge lowers certainty, never changes the stance."""

    FIRM = "firm"  # the article states it plainly: the party's own words, or reported as fact
    HEDGED = "hedged"  # the article qualifies it: "reportedly", "appears", rumour, unnamed sources
    INFERRED = "inferred"  # the author concludes it from other facts; nobody is reported saying it


CERTAINTY = {Certainty.FIRM: Term("stated plainly"), Certainty.HEDGED: Term("hedged in the article"), Certainty.INFERRED: Term("the author's inference")}


class Attribution(StrEnum):
    OWN_STATEMENT = "own_statement"  # the party's own words or statement
    REPORTED = "reported"  # the author reports it as fact
    OTHER_PARTY_CLAIM = "other_party_claim"  # another party's claim about it
    ANALYST_QUOTED = "analyst_quoted"  # an analyst or source the author quotes
    AUTHOR_READING = "author_reading"  # the author's own inference


ATTRIBUTION = {
    Attribution.OWN_STATEMENT: Term("the party's own statement"),
    Attribution.REPORTED: Term("reported by the author"),
    Attribution.OTHER_PARTY_CLAIM: Term("another party's claim"),
    Attribution.ANALYST_QUOTED: Term("an analyst or source quoted"),
    Attribution.AUTHOR_READING: Term("the author's reading"),
}


class ReviewReason(StrEnum):
    """Why a sentence that names a party is no position of its own (the coverage audit's `reviewed:` entries)."""

    BACKGROUND = "background"  # history or context: what happened, not where a party stands on an issue
    AUTHOR = "author"  # the author's own opinion, filed under viewpoints
    NO_STANCE = "no_stance"  # names a party but states no stance on any issue of the codebook
    SAME_CLAIM = "same_claim"  # says again what a position filed from another passage says (named in `position`)


REVIEW_REASON = {
    ReviewReason.BACKGROUND: Term("background"),
    ReviewReason.AUTHOR: Term("the author's opinion (viewpoints)"),
    ReviewReason.NO_STANCE: Term("no stance on an issue"),
    ReviewReason.SAME_CLAIM: Term("the same claim as a filed position"),
}


class OwnerKind(StrEnum):
    """What a cited passage belongs to (landscape.load.OWNERS)."""

    POSITION = "position"
    EVENT = "event"
    VIEWPOINT = "viewpoint"
    ANSWER = "answer"
    FIGURE = "figure"


OWNER = {
    OwnerKind.POSITION: Term("Position"),
    OwnerKind.EVENT: Term("Event"),
    OwnerKind.VIEWPOINT: Term("The author's thesis"),
    OwnerKind.ANSWER: Term("The author's answer"),
    OwnerKind.FIGURE: Term("Stated figure"),
}


class PositionStatus(StrEnum):
    """Whether a later position of the party on the issue supersedes this one (the explorer's downloads)."""

    CURRENT = "current"
    REPLACED = "replaced"


POSITION_STATUS = {PositionStatus.CURRENT: Term("current"), PositionStatus.REPLACED: Term("replaced")}


def status_word(superseded: object) -> str:
    """'replaced' when a later position of the party on the issue supersedes it, else 'current'."""
    return POSITION_STATUS[PositionStatus.REPLACED if superseded else PositionStatus.CURRENT].word


# --- what the app computes from it (landscape.cells, landscape.frames, landscape.common) -----------


class Verdict(StrEnum):
    DISAGREE = "disagree"  # two sources report incompatible stances of the party at the same time (or a recorded dispute)
    MIXED = "mixed"  # one source reports incompatible stances of the party at the same time
    SHIFTED = "shifted"  # the articles report incompatible stances at different times, no change recorded: the latest stands
    CHANGED = "changed"  # the party changed its position (a supersedes chain), sources consistent
    NUANCED = "nuanced"  # two or more sources, different but compatible stances (supports and conditional)
    AGREE = "agree"  # two or more sources, one stance
    SINGLE = "single"  # one source only
    NONE = "none"  # no article covers it


VERDICT = {
    Verdict.DISAGREE: Term("sources disagree"),
    Verdict.MIXED: Term("mixed signals in one source"),
    Verdict.SHIFTED: Term("different stances at different times"),
    Verdict.CHANGED: Term("changed over time"),
    Verdict.NUANCED: Term("sources differ in degree"),
    Verdict.AGREE: Term("sources agree"),
    Verdict.SINGLE: Term("one source only"),
    Verdict.NONE: Term("not covered"),
}


class CellState(StrEnum):
    """What a matrix cell shows when it shows no stance (landscape.frames.cell_status)."""

    CONFLICTING = "conflicting"  # sources disagree
    MIXED = "mixed"  # one source sends mixed signals
    NONE = "none"  # no article covers it


CELL_STATE = {
    CellState.CONFLICTING: Term("sources disagree", "⇄", "#CC79A7"),
    CellState.MIXED: Term("mixed signals", "±", "#F0E442"),
    CellState.NONE: Term("not covered", "·", "#FFFFFF"),
}
# What a matrix cell can show: a stance, or one of the three states the sources leave it in, in the legend's order.
CELL_STATUS: dict[str, Term] = {**STANCE, **CELL_STATE}


class State(StrEnum):
    """An issue's state of play (landscape.common)."""

    COMMON_GROUND = "common_ground"
    STICKING_POINT = "sticking_point"
    OPEN = "open"


STATE = {
    State.COMMON_GROUND: Term("common ground", "●", "#0072B2", "circle"),
    State.STICKING_POINT: Term("sticking point", "✘", "#D55E00", "x"),
    State.OPEN: Term("open", "○", "#8A8886", "circle-open"),
}


class Side(StrEnum):
    """Where a party stands on an issue's state of play, as the page 'Where they could agree' says it."""

    SUPPORTS = "supports"
    CONDITIONAL = "conditional"
    OPPOSES = "opposes"
    UNCLEAR = "unclear"  # covered, but the sources disagree or one sends mixed signals
    AMBIGUOUS = "ambiguous"  # the stance itself is ambiguous


SIDE = {
    Side.SUPPORTS: Term("accepts"),
    Side.CONDITIONAL: Term("accepts on a condition"),
    Side.OPPOSES: Term("opposes"),
    Side.UNCLEAR: Term("unclear in the articles"),
    Side.AMBIGUOUS: Term("sends unclear signals"),
}

# Every enum the vocabulary covers, with its terms: tests walk it, so a new value without a word fails.
VOCABULARY: dict[type[StrEnum], dict] = {
    Precision: PRECISION,
    Basis: BASIS,
    DateBasis: DATE_BASIS,
    IssueGroup: GROUP,
    Stance: STANCE,
    Certainty: CERTAINTY,
    Attribution: ATTRIBUTION,
    ReviewReason: REVIEW_REASON,
    OwnerKind: OWNER,
    PositionStatus: POSITION_STATUS,
    Verdict: VERDICT,
    CellState: CELL_STATE,
    State: STATE,
    Side: SIDE,
}


def words(terms: dict) -> dict[str, str]:
    """code -> word, for mapping a frame's column of codes: rows['stance'].map(words(STANCE))."""
    return {str(code): term.word for code, term in terms.items()}


# --- colours ----------------------------------------------------------------------------------------


def _luminance(colour: str) -> float:
    def channel(value: int) -> float:
        value_ = value / 255
        return value_ / 12.92 if value_ <= 0.03928 else ((value_ + 0.055) / 1.055) ** 2.4

    red, green, blue = (int(colour[index : index + 2], 16) for index in (1, 3, 5))
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def _tint(colour: str, share: float) -> str:
    """The colour mixed with white: a paler cell for a position the article only hedges or infers."""
    mixed = (round(int(colour[index : index + 2], 16) * share + 255 * (1 - share)) for index in (1, 3, 5))
    return "#" + "".join(f"{value:02X}" for value in mixed)


def cell_colours(status: str, certainty: str) -> tuple[str, str]:
    """Background and ink for a cell showing a stance or a cell state: the ink with the higher contrast (WCAG), paler when not firm."""
    background = CELL_STATUS[status].colour
    if certainty in (Certainty.HEDGED, Certainty.INFERRED):
        background = _tint(background, 0.45)
    light = _luminance(background)
    ink = "#000000" if (light + 0.05) / 0.05 >= 1.05 / (light + 0.05) else "#FFFFFF"
    return background, ink

"""The double coding of every position: a first coding, a second coder's blind one, and the adjudication of each difference.

data/coding.yaml records, for every position, the stance, certainty and attribution of the first coding and of a second
coder who saw only the passage in its context and the codebook. Where they differ, the record says which coding was kept
and why, and the data file must carry exactly that. Agreement is reported per field as a share and as Cohen's kappa
(agreement beyond what two coders would reach by chance), as PA-X and the Manifesto Project publish theirs.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from landscape.load import PROJECT_ROOT
from landscape.schema import Attribution, Certainty, Id, Landscape, ShortText, Stance, Strict, Text
from landscape.yamlfile import DataFileError, read_yaml_file

CODING_FILE = PROJECT_ROOT / "data" / "coding.yaml"
FIELDS = ("stance", "certainty", "attribution")


class Coding(Strict):
    stance: Stance
    certainty: Certainty
    attribution: Attribution


class CodingRecord(Strict):
    position: Id
    first: Coding
    second: Coding | None = None  # None: added in review, not yet coded blind
    second_note: Text | None = None
    adjudicated: Coding | None = None
    reason: Text | None = None


class CodingFile(Strict):
    coded: ShortText | str
    codings: list[CodingRecord]


@dataclass(frozen=True)
class FieldAgreement:
    field: str
    coded_twice: int
    agreed: int
    kappa: float

    @property
    def share(self) -> float:
        return self.agreed / self.coded_twice if self.coded_twice else 0.0


def read_coding(path: Path = CODING_FILE) -> CodingFile:
    document = read_yaml_file(path)
    try:
        return CodingFile.model_validate(document.data)
    except ValidationError as error:
        first = error.errors()[0]
        location = tuple(part for part in first["loc"] if isinstance(part, (str, int)))
        raise DataFileError([document.problem(location, first["msg"])]) from None


def agreement(records: list[CodingRecord]) -> list[FieldAgreement]:
    """Per field, over the positions coded twice: how many codings agree, and Cohen's kappa."""
    from sklearn.metrics import cohen_kappa_score  # imported here: only the About page and the command line need it

    twice = [record for record in records if record.second is not None]
    result = []
    for field in FIELDS:
        first = [getattr(record.first, field).value for record in twice]
        second = [getattr(record.second, field).value for record in twice]
        agreed = sum(a == b for a, b in zip(first, second, strict=True))
        kappa = float(cohen_kappa_score(first, second)) if len(set(first) | set(second)) > 1 else 1.0
        result.append(FieldAgreement(field, len(twice), agreed, kappa))
    return result


def differences(record: CodingRecord) -> list[str]:
    return [field for field in FIELDS if record.second is not None and getattr(record.first, field) != getattr(record.second, field)]


def check_against_data(coding: CodingFile, data: Landscape) -> list[str]:
    """What in the coding file does not match the data: every position coded, every difference adjudicated and applied."""
    problems = []
    positions = {position.id: position for position in data.positions}
    recorded = {record.position for record in coding.codings}
    problems += [f"position {pid!r} has no coding record in data/coding.yaml" for pid in positions.keys() - recorded]
    for record in coding.codings:
        position = positions.get(record.position)
        if position is None:
            problems.append(f"coding record for {record.position!r}: no such position in the data")
            continue
        if differences(record) and (record.adjudicated is None or record.reason is None):
            problems.append(f"{record.position!r}: the two codings differ in {', '.join(differences(record))}; record the adjudication and its reason")
            continue
        final = record.adjudicated or record.first  # without a difference, the first coding is the second's too
        for field in FIELDS:
            if getattr(position, field) != getattr(final, field):
                problems.append(
                    f"{record.position!r}: {field} is {getattr(position, field).value!r} in the data but {getattr(final, field).value!r} in its coding record"
                )
    return problems


def summary_lines(coding: CodingFile) -> list[str]:
    """The agreement in plain words, one line per field, then how the differences were settled."""
    lines = [
        f"{row.field.capitalize()}: {row.agreed} of {row.coded_twice} agree ({row.share:.0%}), Cohen's kappa {row.kappa:.2f}"
        for row in agreement(coding.codings)
    ]
    differing = [record for record in coding.codings if differences(record)]
    settled = [record for record in differing if record.adjudicated is not None and record.reason is not None]
    kept_first = sum(1 for record in settled if record.adjudicated == record.first)
    kept_second = sum(1 for record in settled if record.adjudicated == record.second)
    lines.append(
        f"{len(differing)} positions coded differently; {len(settled)} adjudicated against the passage with the reason recorded: "
        f"the first coding kept in {kept_first}, the second in {kept_second}, a third reading in {len(settled) - kept_first - kept_second}."
    )
    added = sum(1 for record in coding.codings if record.second is None)
    if added:
        lines.append(f"{added} positions added in review are coded once so far.")
    return lines


METHOD = (
    "Every position was coded twice. The first coding was made with the position; a second coder then coded stance, "
    "certainty and attribution blind, from the quoted passage with about 400 characters of context either side and the "
    "codebook, never seeing the first coding. Where the two differ, the passage was read again and one coding kept (or a "
    "third), with the reason recorded in data/coding.yaml; the data carry the adjudicated coding. Agreement is given per "
    "field as a share and as Cohen's kappa, which discounts the agreement two coders would reach by chance (1 is perfect, 0 chance)."
)


def about_lines(path: Path = CODING_FILE) -> list[str]:
    """The agreement in plain words for the About page; a missing or broken file says so instead."""
    try:
        stat = path.stat()
    except OSError:
        return ["No double coding is recorded for this data file."]
    return list(_about_lines(path, stat.st_mtime_ns, stat.st_size))


@functools.lru_cache(maxsize=4)  # keyed on the file's version: an edit is read again
def _about_lines(path: Path, _mtime: int, _size: int) -> tuple[str, ...]:
    try:
        return tuple(summary_lines(read_coding(path)))
    except DataFileError as error:
        return (f"The double coding's file cannot be read: {error.problems[0]}",)

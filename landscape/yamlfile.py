"""Reading a curated YAML file into plain Python, remembering where every value stands.

yaml's C parser builds the node tree (fast, and it never constructs Python objects); this
module turns nodes into dicts, lists and scalars itself, so that it can:
- record the line and column of every value, keyed by its path, for located error messages;
- refuse what plain loaders accept silently: duplicate mapping keys (the last one would win),
  anchors and aliases (the door to "billion laughs" expansion bombs), and any tag other than
  YAML's plain ones (``!!python/object/apply`` and friends are refused, never executed);
- keep dates as text, so that "2025-08" and "2025-08-15" are read alike and an impossible date
  is reported by the schema instead of crashing the loader.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

try:  # the C parser is much faster; pure Python where libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

# Curated data is a few hundred kilobytes; even the 100x synthetic set stays far below this.
MAX_FILE_BYTES = 32 * 1024 * 1024

Path_ = tuple[str | int, ...]

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}
_SCALAR_CONSTRUCTOR = yaml.SafeLoader("")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a data file, at a place a curator can go to."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


class DataFileError(Exception):
    """The data file cannot be used; ``problems`` lists every located reason."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


@dataclass
class Document:
    """A parsed YAML document with the (line, column) of each value, by path."""

    path: str
    data: Any
    marks: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def where(self, location: Path_) -> tuple[int, int]:
        """The place of the value at location, or of its nearest ancestor that exists."""
        location = tuple(location)
        while location:
            if location in self.marks:
                return self.marks[location]
            location = location[:-1]
        return self.marks.get((), (1, 1))

    def problem(self, location: Path_, message: str) -> Problem:
        line, column = self.where(location)
        return Problem(self.path, line, column, message)


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Builder:
    def __init__(self, document: Document):
        self.document = document
        self.problems: list[Problem] = []
        self.seen: set[int] = set()

    def fail(self, node: yaml.Node, message: str) -> None:
        line, column = _mark(node)
        self.problems.append(Problem(self.document.path, line, column, message))

    def build(self, node: yaml.Node, location: Path_) -> Any:
        if id(node) in self.seen:
            self.fail(node, "anchors and aliases (&name, *name) are not allowed: write the value out")
            return None
        self.seen.add(id(node))
        self.document.marks[location] = _mark(node)
        if node.tag not in _PLAIN_TAGS:
            self.fail(node, f"tag {node.tag!r} is not allowed: only plain YAML values are read")
            return None
        if isinstance(node, yaml.MappingNode):
            result: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    self.fail(key_node, "a mapping key must be a plain word")
                    continue
                key = key_node.value
                if key in result:
                    line, _ = self.document.marks[(*location, key)]
                    self.fail(key_node, f"duplicate key {key!r} (first given on line {line}): keep one")
                    continue
                result[key] = self.build(value_node, (*location, key))
            return result
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*location, index)) for index, item in enumerate(node.value)]
        if node.tag in ("tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"):
            return node.value
        return _SCALAR_CONSTRUCTOR.construct_object(node, deep=True)


def parse_yaml(text: str, path: str) -> Document:
    """Parse YAML text into a Document; raise DataFileError with located problems."""
    document = Document(path, None)
    try:
        loader = _Loader(text)
        try:
            root = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = error.problem or "not valid YAML"
        if "\t" in what or "tab" in what:
            what += " (YAML indents with spaces, never tabs)"
        raise DataFileError([Problem(path, line, column, f"YAML syntax error: {what}")]) from None
    except yaml.YAMLError as error:
        raise DataFileError([Problem(path, 1, 1, f"YAML error: {error}")]) from None
    if root is None:
        raise DataFileError([Problem(path, 1, 1, "the file is empty: expected a mapping of sources, parties, issues, ...")])
    builder = _Builder(document)
    document.data = builder.build(root, ())
    if builder.problems:
        raise DataFileError(builder.problems)
    return document


def read_yaml_file(path: Path | str, *, max_bytes: int = MAX_FILE_BYTES) -> Document:
    """Read and parse a YAML file, refusing oversize files before parsing them."""
    path = Path(path)
    shown = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise DataFileError(
                [
                    Problem(
                        shown,
                        1,
                        1,
                        f"file is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB a data file may have: split or trim it",
                    )
                ]
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataFileError([Problem(shown, 1, 1, "file not found: check the path (or LANDSCAPE_DATA)")]) from None
    except IsADirectoryError:
        raise DataFileError([Problem(shown, 1, 1, "is a folder, not a YAML file")]) from None
    except OSError as error:
        raise DataFileError([Problem(shown, 1, 1, f"cannot be read: {error.strerror}")]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise DataFileError([Problem(shown, line, 1, "not UTF-8 text: save the file as UTF-8")]) from None
    return parse_yaml(text, shown)

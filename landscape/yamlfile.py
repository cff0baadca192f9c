"""Reading a curated YAML file into plain Python, remembering where every value stands.

A data file is read in two passes over libyaml's event stream, never as a node tree:
1. a scan that only counts, refusing a file nested deeper than MAX_DEPTH, holding more than
   MAX_NODES values, or taking longer than MAX_PARSE_SECONDS, before anything is built (the C
   composer recurses once per level: 25,000 nested "[" crashed the process);
2. a build, without recursion, into dicts, lists and scalars that records the line and column of
   every value by its path, for located error messages.
The build refuses what plain loaders accept silently: duplicate mapping keys (the last one would
win), anchors and aliases (the door to "billion laughs" expansion bombs), any tag other than
YAML's plain ones (``!!python/object/apply`` and friends are refused, never executed), and a
plain tag its value does not fit (``!!bool maybe``, a 5,000-digit ``!!int``). Dates stay text,
so that "2025-08" and "2025-08-15" are read alike and an impossible date is reported by the
schema. Only a regular file is read (never a device, a FIFO or a link out of its folder), and
never more than the size cap.
"""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
import yaml.resolver

try:  # the C parser is much faster; pure Python where libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MIB = 1024 * 1024
# Curated data is a few hundred kilobytes; the 100x synthetic set is 9 MiB and 465,000 events deep 7.
MAX_FILE_BYTES = 32 * MIB
MAX_DEPTH = 32
MAX_NODES = 1_000_000
MAX_PARSE_SECONDS = 20.0
MAX_NUMBER_CHARS = 100  # a longer number is a typo (Python refuses ints over 4,300 digits with a traceback)
# What is echoed of a file (a message, a value, a key) is bounded: a 1 MB key is not printed whole.
MAX_KEPT_PROBLEMS = 200  # problems kept and shown; the rest are counted (490,000 unknown keys took 914 MB when all were kept)
MAX_MESSAGE_CHARS = 600
MAX_VALUE_CHARS = 60  # of a value quoted in a message

Path_ = tuple[str | int, ...]

_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_TAG}{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")}
_KEEP_AS_TEXT = {f"{_TAG}str", f"{_TAG}timestamp"}
_MAP, _SEQ = f"{_TAG}map", f"{_TAG}seq"
_SCALAR_CONSTRUCTOR = yaml.SafeLoader("")
_RESOLVER = yaml.resolver.Resolver()
_NODE_STARTS = (yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent, yaml.AliasEvent)
_ALIASES = "anchors and aliases (&name, *name) are not allowed: write the value out"


def printable(text: object, limit: int | None = None) -> str:
    """Text that cannot forge a terminal's or a page's output: every control, format or separator character
    (an ANSI or OSC escape, a newline, a right-to-left override, a zero-width or tag character) written as its
    escape (``\\x1b``, ``\\n``, ``\\u202e``), and a text over limit characters cut, with its length stated."""
    text = str(text)
    cut = limit is not None and len(text) > limit
    shown = text[:limit] if cut else text
    escaped = "".join(char if char.isprintable() or char == " " else repr(char)[1:-1] for char in shown)
    return escaped + (f"… ({len(text):,} characters)" if cut else "")


def quoted(value: object, limit: int = MAX_VALUE_CHARS) -> str:
    """A value quoted inside a message: in quotes, escaped and cut (see printable)."""
    return "'" + printable(value, limit) + "'"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a data file, at a place a curator can go to."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        """One line, whatever the file holds: escaped and bounded (printable)."""
        return f"{printable(self.path, 300)}:{self.line}:{self.column}: {printable(self.message, MAX_MESSAGE_CHARS)}"


class DataFileError(Exception):
    """The data file cannot be used; ``problems`` lists the first MAX_KEPT_PROBLEMS located reasons, ``more`` counts the rest."""

    def __init__(self, problems: list[Problem], more: int = 0):
        self.problems = problems[:MAX_KEPT_PROBLEMS]
        self.more = more + max(0, len(problems) - MAX_KEPT_PROBLEMS)
        super().__init__("\n".join(str(problem) for problem in self.problems) + (f"\n... and {self.more:,} more." if self.more else ""))

    @property
    def count(self) -> int:
        return len(self.problems) + self.more


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


def _mark(event: yaml.Event) -> tuple[int, int]:
    return event.start_mark.line + 1, event.start_mark.column + 1


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix(_TAG) if tag.startswith(_TAG) else tag


def _events(text: str) -> Iterator[yaml.Event]:
    loader = _Loader(text)
    try:
        while loader.check_event():
            yield loader.get_event()
    finally:
        loader.dispose()


def _scan(text: str, path: str) -> None:
    """Count depth, values and time over the event stream; raise as soon as a bound is passed."""
    depth = nodes = documents = 0
    deadline = time.monotonic() + MAX_PARSE_SECONDS
    for event in _events(text):
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise DataFileError([Problem(path, *_mark(event), "a second document ('---'): a data file holds one")])
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
        elif isinstance(event, _NODE_STARTS):
            nodes += 1
            if nodes > MAX_NODES:
                raise DataFileError([Problem(path, *_mark(event), f"more than {MAX_NODES:,} values: a data file this large is refused (split or trim it)")])
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    raise DataFileError([Problem(path, *_mark(event), f"nested more than {MAX_DEPTH} levels deep: the data is never nested this deep")])
            if nodes % 65536 == 0 and time.monotonic() > deadline:
                raise DataFileError([Problem(path, *_mark(event), f"reading stopped after {MAX_PARSE_SECONDS:.0f} s: the file is too large or too complex")])


_NO_KEY = object()  # a mapping waiting for its next key
_BAD_KEY = object()  # the pending key was refused: its value is read and dropped


@dataclass
class _Open:
    """A mapping or sequence being built; value None when it is refused and only read through."""

    location: Path_ | None
    value: dict[str, Any] | list[Any] | None
    key: Any = _NO_KEY
    key_lines: dict[str, int] = field(default_factory=dict)
    is_key: bool = False  # a mapping or sequence used as a mapping key: refused


class _Builder:
    def __init__(self, document: Document):
        self.document = document
        self.problems: list[Problem] = []
        self.more = 0  # problems past MAX_KEPT_PROBLEMS, counted only

    def fail(self, event: yaml.Event, message: str) -> None:
        if len(self.problems) < MAX_KEPT_PROBLEMS:
            self.problems.append(Problem(self.document.path, *_mark(event), message))
        else:
            self.more += 1

    def build(self, events: Iterator[yaml.Event]) -> Any:
        stack: list[_Open] = []
        root: Any = None
        for event in events:
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                done = stack.pop()
                if done.is_key:
                    stack[-1].key = _BAD_KEY
                else:
                    root = self._place(stack, done.value, root)
                continue
            if not isinstance(event, _NODE_STARTS):
                continue  # stream and document events
            parent = stack[-1] if stack else None
            is_key = parent is not None and isinstance(parent.value, dict) and parent.key is _NO_KEY
            if is_key and parent is not None:
                self._key(parent, event)
                if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                    stack.append(_Open(None, None, is_key=True))
                continue
            location = self._location(parent)
            if location is not None:
                self.document.marks[location] = _mark(event)
            if isinstance(event, yaml.AliasEvent):
                self.fail(event, _ALIASES)
                root = self._place(stack, None, root)
            elif isinstance(event, yaml.ScalarEvent):
                root = self._place(stack, self._scalar(event), root)
            else:
                stack.append(_Open(location, self._container(event)))
        return root

    @staticmethod
    def _location(parent: _Open | None) -> Path_ | None:
        if parent is None:
            return ()
        if parent.location is None or parent.value is None or parent.key is _BAD_KEY:
            return None
        if isinstance(parent.value, list):
            return (*parent.location, len(parent.value))
        return (*parent.location, parent.key)

    @staticmethod
    def _place(stack: list[_Open], value: Any, root: Any) -> Any:
        if not stack:
            return value
        parent = stack[-1]
        if isinstance(parent.value, list):
            parent.value.append(value)
        elif isinstance(parent.value, dict):
            if parent.key is not _BAD_KEY:
                parent.value[parent.key] = value
            parent.key = _NO_KEY
        return root

    def _key(self, parent: _Open, event: yaml.Event) -> None:
        parent.key = _BAD_KEY
        if isinstance(event, yaml.AliasEvent):
            self.fail(event, _ALIASES)
        elif not isinstance(event, yaml.ScalarEvent):
            self.fail(event, "a mapping key must be a plain word")
        elif event.tag not in (None, "!") and event.tag not in _SCALAR_TAGS:
            self.fail(event, f"tag {_short_tag(event.tag)!r} is not allowed: only plain YAML values are read")
        elif event.value in parent.key_lines:
            line = parent.key_lines[event.value]
            self.fail(event, f"duplicate key {quoted(event.value)} (first given on line {line}): keep one")
        else:
            parent.key = event.value
            parent.key_lines[event.value] = _mark(event)[0]

    def _container(self, event: yaml.MappingStartEvent | yaml.SequenceStartEvent) -> dict[str, Any] | list[Any] | None:
        mapping = isinstance(event, yaml.MappingStartEvent)
        tag = event.tag
        if tag not in (None, "!", _MAP, _SEQ):
            self.fail(event, f"tag {_short_tag(tag)!r} is not allowed: only plain YAML values are read")
            return None
        if tag == (_SEQ if mapping else _MAP):
            self.fail(event, f"tag {_short_tag(tag)!r} does not fit a {'mapping' if mapping else 'list'}")
            return None
        return {} if mapping else []

    def _scalar(self, event: yaml.ScalarEvent) -> Any:
        tag = event.tag
        if tag is None or tag == "!":
            tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, event.implicit)
        if tag not in _SCALAR_TAGS:
            if tag in (_MAP, _SEQ):
                self.fail(event, f"tag {_short_tag(tag)!r} does not fit a plain value {event.value[:40]!r}")
            else:
                self.fail(event, f"tag {_short_tag(tag)!r} is not allowed: only plain YAML values are read")
            return None
        if tag in _KEEP_AS_TEXT:
            return event.value
        if tag != f"{_TAG}null" and len(event.value) > MAX_NUMBER_CHARS:
            self.fail(event, f"a {_short_tag(tag)} of {len(event.value):,} characters: a value this long is a typo")
            return None
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark)
        try:
            return _SCALAR_CONSTRUCTOR.construct_object(node, deep=True)
        except (ValueError, KeyError, TypeError, yaml.YAMLError):
            expected = {"bool": "true or false", "int": "a whole number", "float": "a number"}.get(tag.removeprefix(_TAG), "a plain value")
            self.fail(event, f"{event.value[:40]!r} is not a valid {_short_tag(tag)}: write {expected}")
            return None


def _syntax_problem(error: yaml.YAMLError, path: str) -> Problem:
    if isinstance(error, yaml.MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = error.problem or "not valid YAML"
        if "\t" in what or "tab" in what:
            what += " (YAML indents with spaces, never tabs)"
        return Problem(path, line, column, f"YAML syntax error: {what}")
    return Problem(path, 1, 1, f"YAML error: {error}")


def parse_yaml(text: str, path: str) -> Document:
    """Parse YAML text into a Document; raise DataFileError with located problems."""
    document = Document(path, None)
    try:
        _scan(text, path)
        builder = _Builder(document)
        root = builder.build(_events(text))
    except yaml.YAMLError as error:
        raise DataFileError([_syntax_problem(error, path)]) from None
    if not document.marks:
        raise DataFileError([Problem(path, 1, 1, "the file is empty: expected a mapping of sources, parties, issues, ...")])
    if builder.problems:
        raise DataFileError(builder.problems, builder.more)
    document.data = root
    return document


def _size(size: int) -> str:
    return f"{size / MIB:.1f} MiB"


def read_regular_file(path: Path | str, *, max_bytes: int, shown: str | None = None) -> bytes:
    """The bytes of a regular file of at most max_bytes; DataFileError for anything else.

    A device, a FIFO or a socket is refused without blocking (opened non-blocking, checked with
    fstat on the open file), and so is a symbolic link whose target lies outside the link's folder.
    """
    path = Path(path)
    shown = shown or str(path)

    def refuse(message: str) -> DataFileError:
        return DataFileError([Problem(shown, 1, 1, message)])

    try:
        real = path.resolve(strict=True)
        folder = path.absolute().parent.resolve()
        if path.is_symlink() and not real.is_relative_to(folder):
            raise refuse(f"is a symbolic link to {quoted(real, 200)}, outside its folder: copy the file instead")
        descriptor = os.open(real, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise refuse("file not found: check the path (or LANDSCAPE_DATA)") from None
    except (OSError, ValueError) as error:
        raise refuse(f"cannot be read: {getattr(error, 'strerror', None) or error}") from None
    try:  # checked on the descriptor before a file object is made of it: fdopen raises for a folder and leaks it
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise refuse("is a folder, not a YAML file: name the file inside it")
        if not stat.S_ISREG(info.st_mode):
            raise refuse("is not a regular file (a device, a pipe or a socket): a data file must be a plain file")
        handle = os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise
    with handle:
        if info.st_size > max_bytes:
            raise refuse(f"file is {_size(info.st_size)}, over the {max_bytes / MIB:g} MiB a file may have: split or trim it")
        chunks: list[bytes] = []
        total = 0
        while chunk := handle.read(min(MIB, max_bytes + 1 - total)):
            chunks.append(chunk)
            total += len(chunk)
            if total > max_bytes:  # grew while being read
                raise refuse(f"file is over the {max_bytes / MIB:g} MiB a file may have: split or trim it")
    return b"".join(chunks)


def read_yaml_file(path: Path | str, *, max_bytes: int = MAX_FILE_BYTES) -> Document:
    """Read and parse a YAML file, refusing oversize and irregular files before parsing them."""
    shown = str(path)
    raw = read_regular_file(path, max_bytes=max_bytes, shown=shown)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise DataFileError([Problem(shown, line, 1, "not UTF-8 text: save the file as UTF-8")]) from None
    return parse_yaml(text, shown)

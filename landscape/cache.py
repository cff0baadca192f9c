"""The data each page reads, loaded once per version of the file and the seeds, and page views memoized on it.

Shared by every session of the server: one validation per data version (a bad file's problems are
cached too), then each page's view of a selection built once (a functools.lru_cache per version).
What a viewer sees when the data cannot be used (the error page) lives here, beside the load it ends.
"""

from __future__ import annotations

import functools
import gc
import os
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import streamlit as st

from landscape.frames import Frames, Selection
from landscape.load import SEEDS_DIR, Dataset, data_path
from landscape.plural import plural
from landscape.snapshot import load_prepared
from landscape.yamlfile import MAX_KEPT_PROBLEMS, DataFileError, Problem

T = TypeVar("T")
MAX_VIEWS = 256  # memoized page views per data version


@dataclass(eq=False)
class AppData:
    """One data version: the dataset, its frames, and the views drawn from them so far."""

    dataset: Dataset
    frames: Frames

    def __post_init__(self) -> None:
        # One bounded, thread-safe memo per data version: it goes with the version it was built on.
        self._views = functools.lru_cache(maxsize=MAX_VIEWS)(self._build)

    def _build(self, build: Callable[..., Any], selection: Selection, options: tuple[Hashable, ...]) -> Any:
        return build(self.frames, selection, *options)

    def view(self, build: Callable[..., T], selection: Selection, *options: Hashable) -> T:
        """build(frames, selection, *options), memoized for this data version (shared by sessions)."""
        return self._views(build, selection, options)


@dataclass(frozen=True)
class LoadFailure:
    """Why one version of the data cannot be shown: cached like good data, so a bad file is read once."""

    problems: tuple[Problem, ...]  # the first ones (DataFileError keeps a bounded number)
    more: int = 0  # how many more there are


def file_version(path: Path) -> tuple[int, ...]:
    """What changes when a file is edited, replaced or swapped for a link: inode, type, size, times (of the link and its target).

    The change time (ctime) too: an edit that keeps the size and sets the modification time back (os.utime,
    `touch -r`, a copy keeping times) still moves it, and no program can set it.
    """
    versions: list[int] = []
    for info in (os.lstat(path), os.stat(path)):
        versions += [info.st_dev, info.st_ino, info.st_mode, info.st_size, info.st_mtime_ns, info.st_ctime_ns]
    return tuple(versions)


def seeds_version(seeds_dir: Path = SEEDS_DIR) -> tuple[tuple[str, int, int, int, int], ...]:
    """The version of every file in seeds/: editing an article reloads the data that cites it (change time included, as above)."""
    versions = []
    try:
        for entry in sorted(os.scandir(seeds_dir), key=lambda entry: entry.name):
            info = entry.stat(follow_symlinks=False)
            versions.append((entry.name, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns))
    except OSError:
        return ()
    return tuple(versions)


@st.cache_resource(max_entries=4, show_spinner=False)
def _load(path: str, version: tuple[int, ...], seeds: tuple[tuple[str, int, int, int, int], ...]) -> AppData | LoadFailure:
    """Parsed, validated data and frames for one version of the file and the seeds (shared, never mutated).

    A file that cannot be used gives a LoadFailure, cached too: concurrent viewers of a bad file
    wait for one validation, not one each. Good data come from the snapshot of an earlier run when
    one matches the file's and the seeds' content (landscape.snapshot), so a restarted server
    does not validate again.
    """
    del version, seeds  # cache key only: an edited file or article is loaded anew
    try:
        dataset, frames = load_prepared(Path(path))
    except DataFileError as error:
        return LoadFailure(tuple(error.problems), error.more)
    loaded = AppData(dataset, frames)
    keep_out_of_collections()
    return loaded


def keep_out_of_collections() -> None:
    """Leave every object alive now (the loaded data among them) out of Python's full garbage collections from here on.

    The prepared data live as long as their version is served, and a full collection walks every object
    alive, at whatever point of a script run it is set off: with large data that pause lands in most filter
    changes (docs/performance.md). Frozen objects are skipped; reference counting still frees them. The earlier
    freeze is undone first, so an earlier version of the data that nothing holds any more, cycles and all, is
    collected before the new one is frozen.
    """
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def app_data() -> AppData:
    """The current data, loaded once per file version; on bad data, an error page and stop."""
    path = data_path()
    try:
        loaded = _load(str(path), file_version(path), seeds_version())
    except (OSError, ValueError):
        show_data_error([Problem(str(path), 1, 1, "file not found: check the path (or LANDSCAPE_DATA)")])
    else:
        if isinstance(loaded, AppData):
            return loaded
        show_data_error(list(loaded.problems), loaded.more)
    st.stop()
    raise AssertionError("unreachable")  # st.stop() raises


def show_data_error(problems: list[Problem], more: int = 0) -> None:
    """The public error page: each problem one escaped, bounded line (Problem.__str__), the first ones and a count of the rest."""
    count = len(problems) + more
    st.error("**The data file cannot be shown.** Nothing from it is displayed until it is fixed.", icon=":material/error:")
    st.markdown(f"{plural(count, 'problem')} found. Fix them in the file, then refresh this page:")
    shown = problems[:MAX_KEPT_PROBLEMS]
    rest = f"\n... and {count - len(shown):,} more." if count > len(shown) else ""
    st.code("\n".join(str(problem) for problem in shown) + rest, language=None, wrap_lines=True)
    st.caption("Check the file from a terminal with `python -m landscape validate`.")

"""Shared fixtures: a small valid data file that tests break in one place at a time."""

from __future__ import annotations

import contextlib
import functools
import os
import subprocess
import tempfile
from pathlib import Path

import pytest
from hypothesis import Phase, settings
from hypothesis.configuration import set_hypothesis_home_dir

# Property tests (test_properties.py) stay bounded and deterministic in the normal run, and keep no
# example database (it would be written into the repository as .hypothesis/). To explore further,
# by hand: HYPOTHESIS_PROFILE=thorough .venv/bin/python -m pytest tests/test_properties.py
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "landscape-hypothesis")  # its patches and notes, outside the tree
# The normal run reports a failing example as found, with its reproduction blob, without minutes of shrinking.
settings.register_profile(
    "landscape", max_examples=40, deadline=None, database=None, derandomize=True, print_blob=True, phases=(Phase.explicit, Phase.reuse, Phase.generate)
)
settings.register_profile("thorough", max_examples=400, deadline=None, database=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "landscape"))

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# The app's snapshots of prepared data (landscape/snapshot.py) go to a folder of this test run, never the user's
# cache: AppTest and the browser tests' servers (which inherit the environment) write there.
os.environ["LANDSCAPE_CACHE"] = tempfile.mkdtemp(prefix="landscape-test-cache-")
_TREE = pytest.StashKey[dict | None]()

# Line numbers matter: tests assert on them. Quotes are verbatim from seeds/001_*.txt.
SMALL_VALID_YAML = """\
schema_version: 1
updated: 2025-10-20
questions:
  - id: time
    text: Whom does time favour?
sources:
  - id: dp
    file: 001_3d8f25a0667e7c1c.txt
    title: {value: "For a Trump–Putin Summit, Small Victories Can Turn Into Big Wins", basis: text}
    outlet: {value: Defense Priorities, basis: public}
    author: {value: Dan Caldwell, basis: public}
    published: {value: 2025-08-09, basis: public}
    url: {value: "https://www.defensepriorities.org/opinion/x", basis: public}
parties:
  - id: russia
    name: Russia
    kind: state
    colour: "#D55E00"
issues:
  - id: sanctions
    name: New sanctions
    group: economic
    proposition: The United States imposes new sanctions on Russia.
    supports_means: The party wants it done.
    opposes_means: The party rejects it.
    scope: Everything about this proposition.
positions:
  - id: p1
    party: russia
    issue: sanctions
    stance: opposes
    summary: Russia has prepared to withstand economic pressure.
    as_of: 2025-08
    attribution: reported
    certainty: firm
    citations:
      - source: dp
        quote: "Russia has spent years preparing itself to withstand U.S. and European economic pressure"
events:
  - id: witkoff-moscow
    date: 2025-08-06
    date_basis: public
    title: Witkoff visits Moscow
    parties: [russia]
    citations:
      - {source: dp, quote: "Until Trump envoy Steve Witkoff’s recent visit to Moscow"}
viewpoints:
  - id: dp-view
    source: dp
    thesis: Small steps at the summit can lead to peace.
    citations:
      - {source: dp, quote: "An end to the war is more likely to come from a series of baby steps than a giant leap."}
    answers:
      - question: time
        answer: Russia
        explanation: Russia has the military edge.
        citations:
          - {source: dp, quote: "Russia now has an undeniable military edge."}
"""


@functools.cache
def real_data():
    """The real data file (data/positions.yaml), loaded once per test process: the session's fixtures and the
    tables some test modules build at import share it. Tests read it and never change it."""
    from landscape.load import DEFAULT_DATA, load_dataset

    return load_dataset(DEFAULT_DATA)


@functools.cache
def real_data_frames():
    """The real data's frames, built once per test process (pandas copy-on-write: a test's derived frames never reach them)."""
    from landscape.frames import build_frames

    return build_frames(real_data())


@pytest.fixture(scope="session")
def real_dataset():
    """The real data file's Dataset, shared by the session."""
    return real_data()


@pytest.fixture(scope="session")
def real_frames():
    """The real data's frames, shared by the session."""
    return real_data_frames()


@pytest.fixture
def small_yaml() -> str:
    return SMALL_VALID_YAML


@pytest.fixture
def write_yaml(tmp_path):
    """Write YAML text to a file in a temporary folder and return its path."""

    def write(text: str, name: str = "positions.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


def _tree_snapshot() -> dict[str, tuple[int, int]] | None:
    """(mtime, size) of every file git sees in the repository (tracked or not, not ignored); None outside git."""
    try:
        listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=PROJECT_ROOT, capture_output=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    snapshot = {}
    for name in listed.stdout.decode().split("\0"):
        if name and name != ".venv":
            with contextlib.suppress(OSError):
                stat = (PROJECT_ROOT / name).stat()
                snapshot[name] = (stat.st_mtime_ns, stat.st_size)
    return snapshot


def pytest_sessionstart(session: pytest.Session) -> None:
    session.config.stash[_TREE] = _tree_snapshot()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """No test writes into the repository: a file created or changed during the run fails it."""
    before, after = session.config.stash.get(_TREE, None), _tree_snapshot()
    if before is None or after is None:
        return
    changed = sorted(name for name in before.keys() | after.keys() if before.get(name) != after.get(name))
    if changed:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter:
            reporter.ensure_newline()
            reporter.write_line(f"ERROR: the test run wrote into the repository: {', '.join(changed[:20])}", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED

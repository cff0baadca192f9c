"""landscape/versions.py and `python -m landscape diff`: what changed between two versions of the data."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from builders import DP_QUOTES, add, add_issue, base, citation, write

from landscape.__main__ import main


def two_versions():
    old = base()
    add_issue(old, "summit", "A summit")
    add(old, "positions", id="p0", issue="summit", stance="supports", summary="Russia wants a summit.")
    new = base()
    add_issue(new, "summit", "A summit")
    new["updated"] = "2025-10-21"
    new["positions"][0].update(stance="supports", summary="Russia now backs sanctions.")
    new["positions"][0]["citations"].append(citation(DP_QUOTES[1]))
    add(new, "positions", id="p2", certainty="hedged", summary="A second view.")
    return old, new


def test_diff_lists_exactly_what_changed(tmp_path, capsys):
    old, new = two_versions()
    old_path, new_path = write(tmp_path, old, "old.yaml"), write(tmp_path, new, "new.yaml")
    assert main(["diff", str(old_path), str(new_path)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "Data version 2025-10-20 -> 2025-10-21",
        "Positions added: 1",
        "  + Russia on New sanctions: supports (hedged): A second view. [p2]",
        "Positions removed: 1",
        "  - Russia on A summit: supports (firm): Russia wants a summit. [p0]",
        "Positions changed: 1",
        "  ~ [p1]",
        "      stance: opposes -> supports",
        "      summary: Russia has prepared to withstand economic pressure. -> Russia now backs sanctions.",
        f'      quote added (dp): "{DP_QUOTES[1]}"',
        "Cells whose verdict changed: 2",
        "  * Russia on New sanctions: one source only (opposes) -> one source only (supports)",
        "  * Russia on A summit: one source only (supports) -> not covered",
    ]


def test_diff_of_a_file_with_itself_says_nothing_changed(tmp_path, capsys):
    path = write(tmp_path, base())
    assert main(["diff", str(path), str(path)]) == 0
    assert capsys.readouterr().out.splitlines() == ["Data version 2025-10-20 -> 2025-10-20", "No position or cell changed."]


def test_changelog_draft_is_yaml_ready(tmp_path, capsys):
    import yaml

    old, new = two_versions()
    assert main(["diff", str(write(tmp_path, old, "old.yaml")), str(write(tmp_path, new, "new.yaml")), "--changelog"]) == 0
    out = capsys.readouterr().out
    draft = yaml.safe_load(out[out.index("changelog:") :])["changelog"]
    assert draft[0] == "Added: Russia on New sanctions, supports: A second view."
    assert draft[1] == "Removed: Russia on A summit, supports [p0]"
    assert "Revised 1 position: p1" in draft


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_diff_against_a_git_revision_of_the_working_file(tmp_path, capsys):
    old, new = two_versions()
    path = write(tmp_path, old)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "commit.gpgsign=false"]
    subprocess.run(["git", "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run([*git, "add", "positions.yaml"], cwd=tmp_path, check=True)
    subprocess.run([*git, "commit", "-qm", "old"], cwd=tmp_path, check=True)
    write(tmp_path, new)
    assert main(["diff", "HEAD", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Positions added: 1" in out and "  - Russia on A summit: supports (firm): Russia wants a summit. [p0]" in out
    assert main(["diff", "no-such-revision", str(path)]) == 2
    assert "neither a data file nor a git revision" in capsys.readouterr().err

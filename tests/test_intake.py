"""landscape/intake.py, `python -m landscape intake` and tools/holdout.py: a new article's stub and review queue."""

from __future__ import annotations

import pytest
import yaml
from builders import add_issue, base, load, write
from conftest import real_data

from landscape.__main__ import main
from landscape.intake import dates_mentioned, intake, source_stub
from landscape.load import SEEDS_DIR, load_dataset
from landscape.yamlfile import DataFileError
from tools.holdout import hold_out, table

ARTICLE = """\
A Summit in the Snow

By Jane Q. Writer

Last Friday, Putin met Trump in Alaska. On August 15, 2025 the Kremlin said that sanctions and economic pressure would never work.
The U.S. said no. Nobody else spoke.
More at https://example.org/news/summit.
"""


def test_the_stub_holds_only_what_the_text_states_and_is_marked_unreviewed():
    stub = source_stub(ARTICLE, "snow", "snow.txt")
    assert stub["title"] == {"value": "A Summit in the Snow", "basis": "text"}
    assert stub["author"] == {"value": "Jane Q. Writer", "basis": "text"}
    assert stub["url"] == {"value": "https://example.org/news/summit", "basis": "text"}
    assert stub["outlet"]["value"] == "example.org" and stub["outlet"]["basis"] == "inferred"
    assert stub["published"]["value"] is None and stub["published"]["basis"] == "unknown"
    assert stub["published"]["note"].startswith("The text mentions: Last Friday; August 15, 2025.")
    assert stub["unreviewed"] is True


def test_dates_mentioned_in_order_each_once():
    assert dates_mentioned("In February, 2022, and on Monday; last week. Then February, 2022 again, in 1953.") == [
        "February, 2022",
        "on Monday",
        "last week",
        "1953",
    ]


def test_validate_refuses_a_stub_still_marked_unreviewed(tmp_path):
    data = base()
    stub = source_stub((SEEDS_DIR / "000_ea6c4e2ea2389a72.txt").read_text(encoding="utf-8"), "new-one", "000_ea6c4e2ea2389a72.txt")
    data["sources"].append(stub)
    path = write(tmp_path, data)
    assert main(["validate", str(path)]) == 1
    with pytest.raises(DataFileError, match="intake stub still marked unreviewed"):
        load_dataset(path)
    del stub["unreviewed"]
    assert main(["validate", str(write(tmp_path, data))]) == 0


def test_the_queue_names_the_party_and_ranks_the_fitting_issue_first(tmp_path):
    data = base()
    add_issue(data, "summit", "A Trump–Putin summit")["proposition"] = "Trump and Putin meet in person at a summit in Alaska."
    landscape = load(tmp_path, data).landscape
    queue = intake(landscape, ARTICLE, "snow", "snow.txt")["queue"]
    assert [entry["quote"] for entry in queue] == [
        "Last Friday, Putin met Trump in Alaska.",
        "On August 15, 2025 the Kremlin said that sanctions and economic pressure would never work.",
    ]  # "The U.S. said no." names no party of this data set (only Russia)
    assert all(entry["parties"] == ["russia"] for entry in queue)
    assert queue[0]["issues"][0].startswith("summit (A Trump–Putin summit)")
    assert queue[1]["issues"][0].startswith("sanctions (New sanctions)")
    assert queue[1]["similar_positions"][0].startswith("p1: russia opposes sanctions")
    assert queue[0]["line"] == 5 and queue[1]["decision"] == "todo"


def test_intake_command_writes_the_queue_and_refuses_a_known_id(tmp_path, capsys):
    article = tmp_path / "snow.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "queue.yaml"
    assert main(["intake", str(article), "--id", "snow", "--out", str(out)]) == 0
    written = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert written["source"]["id"] == "snow" and written["source"]["unreviewed"] is True
    assert len(written["queue"]) >= 2 and written["queue"][0]["quote"] == "Last Friday, Putin met Trump in Alaska."
    assert main(["intake", str(article), "--id", "splinter", "--out", str(out)]) == 2
    assert "already in the data" in capsys.readouterr().err


def test_holding_out_each_article_finds_its_passages_and_issues():
    rows = hold_out(real_data())
    assert len(rows) == 5
    for row in rows:
        assert row.in_queue >= 0.95 * row.positions, row
        assert row.issue_suggested >= 0.8 * row.positions, row
    assert table(rows).count("\n") == 2 + 5 + 1


def test_the_readme_shows_the_hold_out_table_as_the_tool_prints_it():
    from landscape.load import PROJECT_ROOT

    assert table(hold_out(real_data())) in (PROJECT_ROOT / "docs" / "curating.md").read_text(encoding="utf-8")

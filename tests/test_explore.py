"""landscape.explore: explorer filters and downloads keep citations."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

from landscape.explore import explorer_rows, explorer_view, rows_as_csv, rows_as_json
from landscape.frames import Selection, build_frames
from landscape.load import DEFAULT_DATA, load_dataset

FRAMES = build_frames(load_dataset(DEFAULT_DATA))


def test_stance_and_date_filters():
    rows = explorer_rows(FRAMES.positions, stances=["opposes"], period=(dt.date(2025, 8, 15), dt.date(2025, 8, 15)))
    assert len(rows) > 0 and set(rows["stance"]) == {"opposes"}
    assert all((rows["as_of_start"] <= "2025-08-15") & (rows["as_of_end"] >= "2025-08-15"))


def test_search_matches_all_words_case_insensitively():
    rows = explorer_rows(FRAMES.positions, search="ARTICLE 5")
    assert len(rows) > 0
    assert all("article" in text.casefold() and "5" in text for text in rows["summary"] + rows["quotes"])


def test_downloads_include_citations():
    rows = explorer_view(FRAMES, Selection(), (), (), "Tomahawk")
    records = json.loads(rows_as_json(rows))
    assert len(records) == len(rows) > 0
    assert all(record["citations"] and record["citations"][0]["quote"] for record in records)
    table = list(csv.DictReader(io.StringIO(rows_as_csv(rows))))
    assert [row["id"] for row in table] == list(rows["id"])
    assert all(": " in row["citations"] for row in table)


def test_csv_cells_that_would_start_a_formula_are_neutralised():
    rows = explorer_view(FRAMES, Selection(), (), (), "").head(5).copy()
    rows["summary"] = ["=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "plain - text"]
    table = list(csv.DictReader(io.StringIO(rows_as_csv(rows))))
    assert [row["summary"] for row in table] == ["'=HYPERLINK(\"http://x\")", "'+1", "'-2", "'@SUM(A1)", "plain - text"]
    assert json.loads(rows_as_json(rows))[0]["summary"] == "=HYPERLINK(\"http://x\")"  # JSON carries the text as it is

"""python -m landscape export: the stable JSON shape other tools build on."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import subprocess
import sys
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

from conftest import PROJECT_ROOT

from landscape.__main__ import main
from landscape.export import EXPORT_HEADERS, LINK_HEADERS, rows_as_csv, rows_as_json, rows_as_xlsx
from landscape.frames import Selection, build_frames
from landscape.load import DEFAULT_DATA, load_dataset
from landscape.schema import ATTRIBUTION_LABELS
from landscape.views import display_table, explorer_rows, explorer_view, reader_request
from tests.shown_ids import FORBIDDEN_PATTERN


def run_export(*args: str) -> SimpleNamespace:
    """The command line's export, called in-process: its exit code and what it printed."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["export", *args])
    return SimpleNamespace(returncode=code, stdout=out.getvalue(), stderr=err.getvalue())


def test_export_has_the_documented_shape(write_yaml, small_yaml):
    result = run_export(str(write_yaml(small_yaml)))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data["sources"][0]) >= {"id", "file", "title", "outlet", "author", "published", "url"}
    assert data["sources"][0]["published"] == "2025-08-09"
    assert data["parties"][0]["id"] == "russia" and data["parties"][0]["name"] == "Russia"
    assert {"id", "name"} <= set(data["issues"][0])
    position = data["positions"][0]
    assert {"id", "party", "issue", "stance", "summary", "as_of", "citations"} <= set(position)
    assert position["as_of"] == "2025-08" and position["as_of_precision"] == "month"
    assert position["citations"][0]["source"] == "dp"
    assert {"id", "date", "title", "citations"} <= set(data["events"][0])
    assert {"id", "source", "thesis", "citations"} <= set(data["viewpoints"][0])


def test_unknown_values_are_exported_as_null(write_yaml, small_yaml):
    unknown_author = small_yaml.replace("author: {value: Dan Caldwell, basis: public}", "author: {value: null, basis: unknown}")
    data = json.loads(run_export(str(write_yaml(unknown_author))).stdout)
    assert data["sources"][0]["author"] is None
    assert data["sources"][0]["author_basis"] == "unknown"


def test_export_of_invalid_data_fails_with_located_problems(write_yaml, small_yaml):
    path = write_yaml(small_yaml.replace("stance: opposes", "stance: maybe"))
    result = run_export(str(path))
    assert result.returncode == 1
    assert result.stdout == ""
    assert f"{path}:" in result.stderr and "Traceback" not in result.stderr


def test_validate_exits_1_and_prints_every_problem_without_traceback(write_yaml, small_yaml):
    path = write_yaml(small_yaml.replace("stance: opposes", "stance: maybe").replace("    party: russia", "    party: x"))
    result = subprocess.run([sys.executable, "-m", "landscape", "validate", str(path)], cwd=PROJECT_ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.count(f"{path}:") == 2 and "2 problems found." in result.stderr
    assert "Traceback" not in result.stderr


def test_export_keeps_supersedes_certainty_and_lists_cells_and_figures(write_yaml, small_yaml):
    changed = small_yaml.replace(
        "events:\n",
        "  - id: p2\n    party: russia\n    issue: sanctions\n    stance: supports\n    summary: Later.\n    as_of: 2025-08-09\n"
        "    attribution: reported\n    certainty: hedged\n    supersedes: p1\n"
        '    citations: [{source: dp, quote: "Russia now has an undeniable military edge."}]\n'
        "figures:\n  - id: edge\n    name: Who has the edge\n    values:\n      - value: Russia\n"
        '        citations: [{source: dp, quote: "Russia now has an undeniable military edge."}]\n'
        "events:\n",
    )
    result = run_export(str(write_yaml(changed)))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    later = next(position for position in data["positions"] if position["id"] == "p2")
    assert (later["supersedes"], later["certainty"], later["date_basis"]) == ("p1", "hedged", "text")
    [cell] = data["cells"]
    assert cell == {
        "party": "russia", "issue": "sanctions", "verdict": "changed", "stance": "supports", "certainty": "hedged",
        "sources": [{"source": "dp", "stances": ["supports"]}], "changed": True, "positions": ["p2"], "history": ["p1"],
        "approximate": False,
    }  # fmt: skip
    [figure] = data["figures"]
    assert figure["values"][0]["value"] == "Russia" and figure["values"][0]["citations"][0]["source"] == "dp"
    assert figure["discrepancy"] is False


def test_the_readme_shows_the_codebook_of_the_real_data():
    from landscape.export import codebook_markdown
    from landscape.load import load_dataset

    assert codebook_markdown(load_dataset().landscape) in (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")


FRAMES = build_frames(load_dataset(DEFAULT_DATA))


def test_stance_and_date_filters():
    rows = explorer_rows(FRAMES.positions, stances=["opposes"], period=(dt.date(2025, 8, 15), dt.date(2025, 8, 15)))
    assert len(rows) > 0 and set(rows["stance"]) == {"opposes"}
    assert all((rows["as_of_start"] <= "2025-08-15") & (rows["as_of_end"] >= "2025-08-15"))


def test_search_matches_all_words_case_insensitively():
    rows = explorer_rows(FRAMES.positions, search="ARTICLE 5")
    assert len(rows) > 0
    assert all("article" in text.casefold() and "5" in text for text in rows["summary"] + rows["quotes"])


APP = "https://landscape.example/app"


def csv_rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_downloads_include_citations():
    rows = explorer_view(FRAMES, Selection(), (), (), "Tomahawk")
    records = json.loads(rows_as_json(rows))
    assert len(records) == len(rows) > 0
    assert all(record["citations"] and record["citations"][0]["quote"] for record in records)
    assert records[0]["id"] == rows.iloc[0]["id"]  # the JSON keeps ids, for tools
    table = csv_rows(rows_as_csv(rows, FRAMES, APP))
    assert len(table) == sum(len(citations) for citations in rows["citations"])  # one row per quote
    assert [row["Quote"] for row in table] == [c["quote"] for citations in rows["citations"] for c in citations]


def test_csv_opens_in_excel_with_names_sources_propositions_and_passage_links():
    rows = explorer_view(FRAMES, Selection(), (), (), "")
    data = rows_as_csv(rows, FRAMES, APP)
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark: Excel reads the accents and dashes
    table = csv_rows(data)
    assert list(table[0]) == EXPORT_HEADERS
    ids = set(FRAMES.parties["id"]) | set(FRAMES.issues["id"]) | set(FRAMES.sources["id"]) | set(ATTRIBUTION_LABELS)
    for column in ("Party", "Issue", "Stance", "Certainty", "Attribution", "Outlet"):
        assert not {row[column] for row in table} & ids, column
    assert {row["Party"] for row in table} <= set(FRAMES.parties["name"])
    assert {row["Attribution"] for row in table} <= set(ATTRIBUTION_LABELS.values())
    assert "own_statement" not in data.decode("utf-8-sig")
    assert {row["Proposition"] for row in table} <= set(FRAMES.issues["proposition"])
    assert {row["Outlet"] for row in table} == set(FRAMES.sources["outlet"])
    assert all(row["Title"] and row["Published"] for row in table)
    assert {row["URL"] for row in table} - {""} == set(FRAMES.sources["url"].dropna())  # an unknown URL stays empty
    for row in table[:20]:
        link = urlsplit(row["Passage in the app"])
        assert f"{link.scheme}://{link.netloc}{link.path}" == f"{APP}/sources"
        query = parse_qs(link.query)
        request = reader_request(query["read"][0], query["cite"][0], FRAMES)
        assert request.cite is not None and not request.notices  # the link opens the reader at that passage
        passage = FRAMES.citations.set_index("cite").loc[request.cite]
        assert passage["quote"] == row["Quote"] and passage["source"] == request.source


def test_excel_download_is_text_with_clickable_links():
    from openpyxl import load_workbook

    rows = explorer_view(FRAMES, Selection(), ("opposes",), (), "")
    rows = rows.assign(summary=["=HYPERLINK(\"http://evil\")", *rows["summary"].iloc[1:]])
    book = load_workbook(io.BytesIO(rows_as_xlsx(rows, FRAMES, APP)))
    sheet = book.active
    assert [cell.value for cell in sheet[1]] == EXPORT_HEADERS
    assert sheet.max_row - 1 == sum(len(c) for c in rows["citations"])
    summary = sheet.cell(row=2, column=EXPORT_HEADERS.index("Summary") + 1)
    assert summary.data_type == "s" and summary.value.startswith("=HYPERLINK")  # text, never a formula
    link = sheet.cell(row=2, column=EXPORT_HEADERS.index("Passage in the app") + 1)
    assert link.hyperlink.target == link.value and link.value.startswith(f"{APP}/sources?read=")


def test_explorer_table_shows_names_and_plain_words():
    table = display_table(explorer_view(FRAMES, Selection(), (), (), ""), FRAMES)
    assert "own_statement" not in set(table["Attribution"]) and set(table["Attribution"]) <= set(ATTRIBUTION_LABELS.values())
    assert not any(source in text.split(", ") for text in table["Sources"] for source in FRAMES.sources["id"])


def test_csv_cells_that_would_start_a_formula_are_neutralised():
    rows = explorer_view(FRAMES, Selection(), (), (), "").head(5).copy()
    rows["summary"] = ["=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)", "plain - text"]
    table = csv_rows(rows_as_csv(rows, FRAMES, APP))
    firsts = {}
    for row in table:
        firsts.setdefault(row["Summary"], row)
    assert list(firsts) == ["'=HYPERLINK(\"http://x\")", "'+1", "'-2", "'@SUM(A1)", "plain - text"]
    assert json.loads(rows_as_json(rows))[0]["summary"] == "=HYPERLINK(\"http://x\")"  # JSON carries the text as it is


def test_the_csv_shows_no_id_or_code_outside_its_links():
    frames = build_frames(load_dataset(DEFAULT_DATA))
    data = rows_as_csv(explorer_view(frames, Selection(), (), (), ""), frames, "http://localhost:8501")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    shown = {(column, match.group(1)) for row in rows for column, value in row.items() if column not in LINK_HEADERS
             for match in FORBIDDEN_PATTERN.finditer(value)}  # fmt: skip
    assert rows and not shown

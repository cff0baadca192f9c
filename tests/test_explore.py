"""landscape.explore: explorer filters and downloads keep citations."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from urllib.parse import parse_qs, urlsplit

from landscape.explore import EXPORT_HEADERS, LINK_HEADERS, display_table, explorer_rows, explorer_view, rows_as_csv, rows_as_json, rows_as_xlsx
from landscape.frames import Selection, build_frames
from landscape.load import DEFAULT_DATA, load_dataset
from landscape.schema import ATTRIBUTION_LABELS
from landscape.viewpoints import reader_request
from tests.shown_ids import FORBIDDEN_PATTERN

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

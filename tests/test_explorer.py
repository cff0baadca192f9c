"""The positions explorer (views.explorer_view) and its downloads (export.rows_as_*): explorer filters and downloads keep citations."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from urllib.parse import parse_qs, urlsplit

from builders import frames_of, three_precisions
from conftest import real_data_frames
from shown_ids import FORBIDDEN_PATTERN

from landscape.export import EXPORT_HEADERS, ID_HEADERS, LINK_HEADERS, rows_as_csv, rows_as_json, rows_as_xlsx, view_file_name
from landscape.frames import Selection
from landscape.views import display_table, explorer_rows, explorer_view, reader_request
from landscape.vocabulary import ATTRIBUTION, CERTAINTY, DATE_BASIS, words

FRAMES = real_data_frames()


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
    ids = set(FRAMES.parties["id"]) | set(FRAMES.issues["id"]) | set(FRAMES.sources["id"]) | set(words(ATTRIBUTION))
    for column in ("Party", "Issue", "Stance", "Certainty", "Attribution", "Outlet"):
        assert not {row[column] for row in table} & ids, column
    assert {row["Party"] for row in table} <= set(FRAMES.parties["name"])
    assert {row["Attribution"] for row in table} <= set(words(ATTRIBUTION).values())
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
    rows = rows.assign(summary=['=HYPERLINK("http://evil")', *rows["summary"].iloc[1:]])
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
    assert "own_statement" not in set(table["Attribution"]) and set(table["Attribution"]) <= set(words(ATTRIBUTION).values())
    assert not any(source in text.split(", ") for text in table["Sources"] for source in FRAMES.sources["id"])


def test_csv_cells_that_would_start_a_formula_are_neutralised():
    rows = explorer_view(FRAMES, Selection(), (), (), "").head(5).copy()
    rows["summary"] = ['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "plain - text"]
    table = csv_rows(rows_as_csv(rows, FRAMES, APP))
    firsts = {}
    for row in table:
        firsts.setdefault(row["Summary"], row)
    assert list(firsts) == ['\'=HYPERLINK("http://x")', "'+1", "'-2", "'@SUM(A1)", "plain - text"]
    assert json.loads(rows_as_json(rows))[0]["summary"] == '=HYPERLINK("http://x")'  # JSON carries the text as it is


def test_a_position_dated_to_a_day_is_listed_for_a_period_that_starts_or_ends_that_day():
    day = FRAMES.positions[FRAMES.positions["as_of_precision"] == "day"].iloc[0]
    first = day["as_of_start"].date()
    assert day["id"] in set(explorer_rows(FRAMES.positions, period=(first, first + dt.timedelta(days=3)))["id"])
    assert day["id"] in set(explorer_rows(FRAMES.positions, period=(first - dt.timedelta(days=3), first))["id"])


def test_search_takes_punctuation_literally_and_a_word_nobody_wrote_finds_nothing():
    bracketed = explorer_rows(FRAMES.positions, search="(")
    assert len(bracketed) > 0
    assert all("(" in text for text in bracketed["summary"] + bracketed["quotes"] + bracketed["speaker"])
    assert len(explorer_rows(FRAMES.positions, search="xx")) == 0


def test_the_explorer_view_applies_its_stance_and_search_filters():
    rows = explorer_view(FRAMES, Selection(), ("opposes",), (), "Donbas")
    assert len(rows) > 0 and set(rows["stance"]) == {"opposes"}
    assert all("donbas" in text.casefold() for text in rows["summary"] + rows["quotes"] + rows["speaker"])
    assert len(rows) < len(explorer_view(FRAMES, Selection(), (), (), "Donbas"))
    assert len(rows) < len(explorer_view(FRAMES, Selection(), ("opposes",), (), ""))


def test_the_explorer_table_has_readable_headers_and_names_every_source_of_a_position(tmp_path):
    from builders import DP_QUOTES, OTHER_QUOTE, add_other_source, base, citation, frames_of

    data = base()
    add_other_source(data)
    data["positions"][0]["citations"] = [citation(DP_QUOTES[0]), citation(OTHER_QUOTE, "other")]
    frames = frames_of(tmp_path, data)
    table = display_table(explorer_view(frames, Selection(), (), (), ""), frames)
    assert list(table.columns) == ["Party", "Issue", "Status", "Stance", "Certainty", "Summary", "As of", "Attribution", "Sources", "Quote"]
    names = dict(zip(frames.sources["id"], frames.sources["name"], strict=True))
    assert table["Sources"].tolist() == [f"{names['dp']}, {names['other']}"]


def test_each_csv_row_numbers_its_quote_and_says_where_the_date_and_the_author_come_from():
    DATE_BASIS_TEXT = words(DATE_BASIS)
    rows = explorer_view(FRAMES, Selection(), (), (), "")
    table = csv_rows(rows_as_csv(rows, FRAMES, APP))
    by_summary = {}
    for row in table:
        by_summary.setdefault(row["Position id"], []).append(row["Quote no."])
    assert any(len(numbers) > 1 for numbers in by_summary.values())
    for numbers in by_summary.values():
        assert numbers == [f"{n} of {len(numbers)}" for n in range(1, len(numbers) + 1)]
    assert {row["Date from"] for row in table} == {DATE_BASIS_TEXT[basis] for basis in rows["date_basis"]}
    known_authors = set(FRAMES.sources["author"].dropna())
    assert known_authors and {row["Author"] for row in table} - {""} == known_authors


def test_a_passage_link_from_an_app_address_ending_in_a_slash_has_no_double_slash():
    table = csv_rows(rows_as_csv(explorer_view(FRAMES, Selection(), (), (), "Tomahawk"), FRAMES, APP + "/"))
    assert all(row["Passage in the app"].startswith(f"{APP}/sources?read=") for row in table)


def test_the_json_download_is_readable_text_with_the_articles_own_characters():
    rows = explorer_view(FRAMES, Selection(), (), (), "")
    text = rows_as_json(rows)
    curly = [c["quote"] for citations in rows["citations"] for c in citations if "\u2019" in c["quote"]]
    assert curly and curly[0] in text  # not escaped as \\u2019
    assert text.count("\n") > len(rows)  # indented, one field a line


def test_the_excel_sheet_is_laid_out_for_reading():
    """A tab named Positions; a bold, frozen header; long text columns wide and wrapped; only the two link columns clickable."""
    from openpyxl import load_workbook

    rows = explorer_view(FRAMES, Selection(), (), (), "Tomahawk")
    sheet = load_workbook(io.BytesIO(rows_as_xlsx(rows, FRAMES, APP))).active
    assert sheet.title == "Positions"
    assert sheet.freeze_panes == "A2"
    assert all(cell.font.bold for cell in sheet[1]) and not any(cell.font.bold for cell in sheet[2])
    assert not any(cell.hyperlink for cell in sheet[1])
    column = {header: EXPORT_HEADERS.index(header) + 1 for header in EXPORT_HEADERS}
    letter = {header: sheet.cell(row=1, column=index).column_letter for header, index in column.items()}
    width = {header: sheet.column_dimensions[letter[header]].width for header in EXPORT_HEADERS}
    long_text = ("Summary", "Quote", "Proposition", "Title", "URL", "Passage in the app")
    assert min(width[header] for header in long_text) > max(width[header] for header in EXPORT_HEADERS if header not in long_text)
    for record in sheet.iter_rows(min_row=2):
        linked = {EXPORT_HEADERS[cell.column - 1] for cell in record if cell.hyperlink}
        assert linked == {header for header in ("URL", "Passage in the app") if record[column[header] - 1].value}
        for header in ("Summary", "Quote", "Proposition"):
            alignment = record[column[header] - 1].alignment
            assert alignment.wrap_text and alignment.vertical == "top", header
        assert not record[column["Party"] - 1].alignment.wrap_text
    assert any(sheet.cell(row=r, column=column["URL"]).hyperlink for r in range(2, sheet.max_row + 1))


def test_the_csv_shows_no_id_or_code_outside_its_links():
    frames = real_data_frames()
    data = rows_as_csv(explorer_view(frames, Selection(), (), (), ""), frames, "http://localhost:8501")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    shown = {
        (column, match.group(1))
        for row in rows
        for column, value in row.items()
        if column not in LINK_HEADERS + ID_HEADERS
        for match in FORBIDDEN_PATTERN.finditer(value)
    }
    assert rows and not shown


def test_the_grid_draws_the_first_rows_only_and_the_count_and_downloads_keep_every_match(monkeypatch):
    from landscape import views

    monkeypatch.setattr(views, "EXPLORER_TABLE_ROWS", 5)
    rows, table = views.explorer_table_view(FRAMES, Selection(), (), (), "")
    assert len(rows) == len(FRAMES.positions) > 5 and len(table) == 5
    assert table["Summary"].tolist() == rows["summary"].head(5).tolist()  # the first ones, in the explorer's order
    assert len(csv_rows(rows_as_csv(rows, FRAMES, APP))) == sum(len(citations) for citations in rows["citations"])
    narrow, narrow_table = views.explorer_table_view(FRAMES, Selection(), ("ambiguous",), (), "")
    assert len(narrow) <= 5 and len(narrow_table) == len(narrow)  # fewer matches than the cap: all drawn

    caption = views.explorer_caption(5, len(rows), len(rows))
    assert caption.startswith(f"{len(rows)} of {len(rows)} positions.") and "The table shows the first 5;" in caption
    assert views.explorer_caption(3, 3, 103) == "3 of 103 positions. Select a row to read its quotes in context."
    assert views.explorer_caption(1000, 9700, 10300).startswith("9,700 of 10,300 positions.")


def test_explorer_date_filter_keeps_positions_whose_month_or_year_overlaps(tmp_path):
    data = three_precisions()
    assert data["positions"][0]["as_of"] == "2025-08"
    positions = frames_of(tmp_path, data).positions
    inside_the_month = explorer_rows(positions, period=(dt.date(2025, 8, 10), dt.date(2025, 8, 20)))
    assert sorted(inside_the_month["id"]) == ["p-year", "p1"]
    whole_span = explorer_rows(positions, period=(dt.date(2025, 1, 1), dt.date(2025, 12, 31)))
    assert sorted(whole_span["id"]) == ["p-day", "p-year", "p1"]
    later = explorer_rows(positions, period=(dt.date(2025, 9, 1), dt.date(2025, 9, 30)))
    assert list(later["id"]) == ["p-year"]


def test_every_download_row_carries_the_position_id_its_status_and_its_certainty():
    """A replaced position ("Until the Alaska summit...") and the one that replaced it are told apart in every file."""
    rows = explorer_view(FRAMES, Selection(), (), (), "")
    replaced = FRAMES.positions[FRAMES.positions["superseded"]]
    assert len(replaced) > 0
    earlier = replaced.iloc[0]
    later = FRAMES.positions[FRAMES.positions["supersedes"] == earlier["id"]].iloc[0]
    certainty = {row.id: CERTAINTY[row.certainty].word for row in FRAMES.positions.itertuples()}
    table = csv_rows(rows_as_csv(rows, FRAMES, APP))
    by_id = {row["Position id"]: row for row in table}
    assert set(by_id) == set(rows["id"])
    assert by_id[earlier["id"]]["Status"] == "replaced" and by_id[earlier["id"]]["Replaced by"] == later["id"]
    assert by_id[later["id"]]["Status"] == "current" and by_id[later["id"]]["Replaces"] == earlier["id"]
    assert all(row["Certainty"] == certainty[row["Position id"]] for row in table)

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(rows_as_xlsx(rows, FRAMES, APP))).active
    header = [cell.value for cell in sheet[1]]
    cells = [dict(zip(header, (cell.value for cell in row), strict=True)) for row in sheet.iter_rows(min_row=2)]
    assert {row["Position id"]: (row["Status"], row["Certainty"]) for row in cells} == {key: (row["Status"], row["Certainty"]) for key, row in by_id.items()}


def test_the_json_download_holds_every_field_of_the_position_and_its_status():
    rows = explorer_view(FRAMES, Selection(), (), (), "")
    records = {record["id"]: record for record in json.loads(rows_as_json(rows, FRAMES))}
    model = {position.id: position for position in FRAMES.landscape.positions}
    for position_id, record in records.items():
        expected = model[position_id].model_dump(mode="json", exclude={"citations"})
        assert {name: record[name] for name in expected} == expected, position_id
        assert record["as_of_precision"] == model[position_id].as_of.precision.value
        assert record["status"] == ("replaced" if record["superseded_by"] else "current")


def test_a_download_is_named_after_its_view_and_the_data_version():
    assert view_file_name("positions", [], "2026-11-27", "csv") == "positions_all_data-2026-11-27.csv"
    assert view_file_name("positions", ["Russia", "Security", "Le Monde diplomatique"], "2026-11-27", "xlsx") == (
        "positions_russia_security_le-monde-diplomatique_data-2026-11-27.xlsx"
    )
    assert view_file_name("brief", ["Zürich talks / ‘peace’"], "2025", "md") == "brief_zurich-talks-peace_data-2025.md"

"""The positions explorer's filtering, search and downloads.

Downloads for a newsroom: the CSV and the Excel file speak in names and plain words, one row per
quote, each with its source (outlet, title, date, URL), the issue's proposition and a link to the
passage in the app; ids stay in the JSON (and in the links). Every cell is a string from
export_table(), so one step can treat each cell before it is written.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Sequence
from urllib.parse import urlencode

import pandas as pd

from landscape.frames import STANCE_TEXT, Frames, Selection, filter_positions, known
from landscape.schema import ATTRIBUTION_LABELS, CERTAINTY_LABELS, DATE_BASIS_LABELS


def explorer_view(frames: Frames, selection: Selection, stances: tuple[str, ...], period: tuple[dt.date, ...], search: str) -> pd.DataFrame:
    """The explorer's rows for the shared selection and its own filters (memoized by the app)."""
    rows = explorer_rows(filter_positions(frames.positions, selection), stances=stances, period=period, search=search)
    return rows.assign(
        citations=rows["id"].map(lambda position_id: _citations(frames, position_id)),
        passages=rows["id"].map(lambda position_id: tuple(cite for cite, *_ in frames.citations_by_owner.get(("position", position_id), []))),
    )


def _citations(frames: Frames, position_id: str) -> list[dict[str, str]]:
    return [{"source": source, "quote": quote} for _, source, quote, _ in frames.citations_by_owner.get(("position", position_id), [])]


def display_table(rows: pd.DataFrame, frames: Frames) -> pd.DataFrame:
    """The explorer's table on screen: names and plain words, no ids."""
    names = dict(zip(frames.sources["id"], frames.sources["name"], strict=True))
    return pd.DataFrame(
        {
            "Party": rows["party_name"],
            "Issue": rows["issue_name"],
            "Stance": rows["stance"].map(STANCE_TEXT),
            "Certainty": rows["certainty"].map(CERTAINTY_LABELS),
            "Summary": rows["summary"],
            "As of": rows["as_of"],
            "Attribution": rows["attribution"].map(ATTRIBUTION_LABELS),
            "Sources": rows["source_list"].map(lambda ids: ", ".join(names[source] for source in ids)),
            "Quote": rows["quote"],
        }
    )


def explorer_rows(
    positions: pd.DataFrame,
    *,
    stances: Sequence[str] = (),
    period: Sequence[dt.date] = (),
    search: str = "",
) -> pd.DataFrame:
    """Positions matching stance, a date range (overlapping the position's date span) and free text."""
    mask = pd.Series(True, index=positions.index)
    if stances:
        mask &= positions["stance"].isin(stances)
    if len(period) == 2:
        start, end = (pd.Timestamp(day) for day in period)
        mask &= (positions["as_of_end"] >= start) & (positions["as_of_start"] <= end)
    words = search.strip().casefold().split()
    if words:
        haystack = (positions["summary"] + " " + positions["quotes"] + " " + positions["speaker"]).str.casefold()
        for word in words:
            mask &= haystack.str.contains(word, regex=False)
    return positions[mask]


_EXPORT_COLUMNS = ["id", "party", "issue", "stance", "summary", "as_of", "as_of_precision", "attribution", "speaker"]
EXPORT_HEADERS = [
    "Party", "Issue", "Proposition", "Stance", "Certainty", "Summary", "As of", "Date precision", "Date from",
    "Attribution", "Speaker", "Quote", "Quote no.", "Outlet", "Title", "Author", "Published", "URL", "Passage in the app",
]  # fmt: skip
LINK_HEADERS = ("URL", "Passage in the app")


def rows_as_json(rows: pd.DataFrame) -> str:
    records = [
        {**{column: row[column] for column in _EXPORT_COLUMNS}, "citations": row["citations"] or []}
        for _, row in rows.iterrows()
    ]
    return json.dumps(records, ensure_ascii=False, indent=2)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> object:
    """A text cell a spreadsheet would run as a formula (=, +, -, @, tab, CR first) prefixed with ', as OWASP advises."""
    return "'" + value if isinstance(value, str) and value.startswith(_FORMULA_START) else value


def passage_link(app_url: str, source: str, cite: int) -> str:
    """The app's address of one passage in the reader: {app_url}/sources?read=<source>&cite=<passage index>."""
    return f"{app_url.rstrip('/')}/sources?{urlencode({'read': source, 'cite': int(cite)})}"


def export_table(rows: pd.DataFrame, frames: Frames, app_url: str) -> pd.DataFrame:
    """One row per quote of each position, every cell a string in names and plain words (EXPORT_HEADERS)."""
    sources = {row.id: row for row in frames.sources.itertuples()}
    propositions = dict(zip(frames.issues["id"], frames.issues["proposition"], strict=True))
    quotes = dict(zip(frames.citations["cite"], zip(frames.citations["source"], frames.citations["quote"], strict=True), strict=True))

    def text(value: object) -> str:
        return value if known(value) else ""

    records = []
    for row in rows.itertuples():
        cites = row.passages or ()
        for number, cite in enumerate(cites, start=1):
            source_id, quote = quotes[cite]
            source = sources[source_id]
            records.append(
                [
                    row.party_name, row.issue_name, propositions[row.issue], STANCE_TEXT[row.stance], CERTAINTY_LABELS[row.certainty],
                    row.summary, row.as_of, row.as_of_precision, DATE_BASIS_LABELS.get(row.date_basis, ""), ATTRIBUTION_LABELS[row.attribution],
                    row.speaker, quote, f"{number} of {len(cites)}", text(source.outlet), text(source.title), text(source.author),
                    text(source.published), text(source.url), passage_link(app_url, source_id, cite),
                ]
            )  # fmt: skip
    return pd.DataFrame(records, columns=EXPORT_HEADERS, dtype=object)


def rows_as_csv(rows: pd.DataFrame, frames: Frames, app_url: str) -> bytes:
    """The export table as CSV in UTF-8 with a byte-order mark, so that Excel reads the accents and dashes."""
    table = export_table(rows, frames, app_url).map(spreadsheet_safe)
    return table.to_csv(index=False).encode("utf-8-sig")


def rows_as_xlsx(rows: pd.DataFrame, frames: Frames, app_url: str) -> bytes:
    """The export table as an Excel workbook: text cells only (never formulas), links clickable, header frozen."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    table = export_table(rows, frames, app_url)
    book = Workbook()
    sheet = book.active
    sheet.title = "Positions"
    sheet.append(list(table.columns))
    for record in table.itertuples(index=False):
        sheet.append(list(record))
    links = {table.columns.get_loc(header) + 1 for header in LINK_HEADERS}
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if cell.data_type == "f":  # openpyxl reads a string starting with '=' as a formula: keep it text
                cell.data_type = "s"
            if cell.column in links and cell.value:
                cell.hyperlink = cell.value
                cell.style = "Hyperlink"
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    widths = {"Summary": 60, "Quote": 60, "Proposition": 50, "Title": 40, "URL": 40, "Passage in the app": 40}
    for index, header in enumerate(table.columns, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = widths.get(header, 18)
        if header in ("Summary", "Quote", "Proposition"):
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()

"""Positions explorer: every position, filtered and searched, with links and downloads.

The link holds the explorer's filters, each bound to its widget: `?stance=opposes&stance=conditional`,
`?dates=2025-08-01&dates=2025-08-31` (ISO dates, first and last day) and `?search=Tomahawks`.
"""

import streamlit as st

from landscape import links, widgets
from landscape.export import rows_as_csv, rows_as_json, rows_as_xlsx
from landscape.markdown import plain
from landscape.views import explorer_bounds, explorer_caption, explorer_table_view
from landscape.vocabulary import Stance

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

page = links.this_page()
frames = page.frames


st.title("Positions explorer")
left, middle, right = st.columns([2, 2, 3])
stances = left.multiselect("Stance", [str(stance) for stance in Stance], placeholder="All stances", key="stance", bind="query-params")
first, last = page.view(explorer_bounds)
period = middle.date_input("Dated between", value=(first, last), min_value=first, max_value=last, key="dates", bind="query-params")
search = right.text_input("Search summaries and quotes", key="search", max_chars=200, bind="query-params")

rows, table = page.view(explorer_table_view, tuple(stances), tuple(period), search)
st.caption(explorer_caption(len(table), len(rows), len(frames.positions)))
base = links.app_url()
version = frames.landscape.updated
extra = (*stances, *(f"{day}" for day in period if len(period) == 2 and (period[0], period[1]) != (first, last)), search)
downloads = (  # (label, extension, content type, the file built when clicked, what it holds)
    (
        "Download CSV",
        "csv",
        "text/csv",
        lambda: rows_as_csv(rows, frames, base),
        "One row per quote, in names and plain words, with each source and a link to the passage; opens in Excel.",
    ),
    ("Download Excel", "xlsx", XLSX, lambda: rows_as_xlsx(rows, frames, base), "The same rows as the CSV, as a workbook."),
    ("Download JSON", "json", "application/json", lambda: rows_as_json(rows, frames), "For tools: ids and codes, as in the data."),
)
for column, (label, extension, kind, build, what) in zip(st.columns([1, 1, 1, 3]), downloads, strict=False):
    name = links.view_file_name("positions", extension, version, *extra)
    column.download_button(label, build, name, kind, icon=":material/download:", on_click="ignore", help=what)

event = st.dataframe(
    table,
    hide_index=True,
    on_select="rerun",
    selection_mode="single-row",
    key="explorer_table",
    height=480,
    # The summary is what a reader scans: it gets the room; the short columns stay narrow.
    column_config={
        name: st.column_config.TextColumn(width=width)
        for name, width in (("Party", 125), ("Issue", 230), ("Stance", 95), ("Certainty", 160), ("As of", 85), ("Summary", 430))
    },
)
selected = event.selection.rows if event and event.selection else []
if selected and selected[0] < len(rows):
    position = rows.iloc[selected[0]]
    with st.container(border=True):
        st.markdown(f"**{plain(position['party_name'])} · {plain(position['issue_name'])}:** {plain(position['summary'])}")
        widgets.cited_passages(frames, "position", position["id"])

"""Positions explorer: every position, filtered and searched, with links and downloads.

The link holds the explorer's filters, each bound to its widget: `?stance=opposes&stance=conditional`,
`?dates=2025-08-01&dates=2025-08-31` (ISO dates, first and last day) and `?search=Tomahawks`.
"""

import streamlit as st

from landscape import links, widgets
from landscape.export import rows_as_csv, rows_as_json, rows_as_xlsx
from landscape.frames import STANCES
from landscape.markdown import plain
from landscape.views import explorer_bounds, explorer_caption, explorer_table_view

page = links.this_page()
frames = page.frames


st.title("Positions explorer")
left, middle, right = st.columns([2, 2, 3])
stances = left.multiselect("Stance", list(STANCES), placeholder="All stances", key="stance", bind="query-params")
first, last = page.view(explorer_bounds)
period = middle.date_input("Dated between", value=(first, last), min_value=first, max_value=last, key="dates", bind="query-params")
search = right.text_input("Search summaries and quotes", key="search", max_chars=200, bind="query-params")

rows, table = page.view(explorer_table_view, tuple(stances), tuple(period), search)
st.caption(explorer_caption(len(table), len(rows), len(frames.positions)))
base = links.app_url()
version = frames.landscape.updated
extra = (*stances, *(f"{day}" for day in period if len(period) == 2 and (period[0], period[1]) != (first, last)), search)
names = {ext: links.view_file_name("positions", ext, version, *extra) for ext in ("csv", "xlsx", "json")}
csv_column, xlsx_column, json_column, _ = st.columns([1, 1, 1, 3])
csv_column.download_button(
    "Download CSV",
    lambda: rows_as_csv(rows, frames, base),
    names["csv"],
    "text/csv",
    icon=":material/download:",
    on_click="ignore",
    help="One row per quote, in names and plain words, with each source and a link to the passage; opens in Excel.",
)
xlsx_column.download_button(
    "Download Excel",
    lambda: rows_as_xlsx(rows, frames, base),
    names["xlsx"],
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    icon=":material/download:",
    on_click="ignore",
)
json_column.download_button(
    "Download JSON",
    lambda: rows_as_json(rows, frames),
    names["json"],
    "application/json",
    icon=":material/download:",
    on_click="ignore",
    help="For tools: ids and codes, as in the data.",
)

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

"""Positions explorer: every position, filtered and searched, with links and downloads."""

import streamlit as st

from landscape import ui
from landscape.explore import explorer_view, rows_as_csv, rows_as_json
from landscape.frames import STANCES

data = ui.app_data()
frames = data.frames

st.title("Positions explorer")
left, middle, right = st.columns([2, 2, 3])
stances = left.multiselect("Stance", list(STANCES), placeholder="All stances", key="explorer_stance")
first, last = frames.positions["as_of_start"].min().date(), frames.positions["as_of_end"].max().date()
period = middle.date_input("Dated between", value=(first, last), min_value=first, max_value=last, key="explorer_dates")
search = right.text_input("Search summaries and quotes", key="explorer_search", max_chars=200)

rows = data.view(explorer_view, ui.current_selection(), tuple(stances), tuple(period), search)
st.caption(f"{len(rows)} of {len(frames.positions)} positions. Select a row to read its quotes in context.")
download_left, download_right, _ = st.columns([1, 1, 4])
download_left.download_button("Download CSV", lambda: rows_as_csv(rows), "positions.csv", "text/csv", icon=":material/download:")
download_right.download_button("Download JSON", lambda: rows_as_json(rows), "positions.json", "application/json", icon=":material/download:")

shown = rows[["party_name", "issue_name", "stance", "certainty", "summary", "as_of", "attribution", "sources", "quote"]]
event = st.dataframe(
    shown.rename(columns={"party_name": "Party", "issue_name": "Issue", "stance": "Stance", "certainty": "Certainty", "summary": "Summary",
                          "as_of": "As of", "attribution": "Attribution", "sources": "Sources", "quote": "Quote"}),
    hide_index=True, on_select="rerun", selection_mode="single-row", key="explorer_table", height=480,
)  # fmt: skip
selected = event.selection.rows if event and event.selection else []
if selected and selected[0] < len(rows):
    position = rows.iloc[selected[0]]
    with st.container(border=True):
        st.markdown(f"**{ui.plain(position['party_name'])} · {ui.plain(position['issue_name'])}:** {ui.plain(position['summary'])}")
        ui.cited_passages(frames, "position", position["id"])

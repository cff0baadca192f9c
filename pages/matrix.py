"""Issue matrix: parties × issues, grouped; select a cell to read its positions and quotes."""

import streamlit as st

from landscape import ui
from landscape.frames import ATTRIBUTION_TEXT
from landscape.views import matrix_view

data = ui.app_data()
frames = data.frames
view = data.view(matrix_view, ui.current_selection())

st.title("Issue matrix")
st.caption("Each cell: the stance a party takes on the issue's proposition, as reported. Select a cell to see why.")
ui.stance_legend()
if not view.coloured:
    st.caption("This matrix is too large to colour quickly; symbols and words show each stance. Filter by party or issue to see colours.")
event = st.dataframe(
    view.styled,
    hide_index=True,
    on_select="rerun",
    selection_mode="single-cell",
    key="matrix_cell",
    height=min(36 * (len(view.table) + 1) + 3, 1100),
    column_config={"Group": st.column_config.TextColumn(width="small"), "Issue": st.column_config.TextColumn(width="medium")},
)

cells = event.selection.cells if event and event.selection else []
issue_id = party_name = None
if cells:
    row, column = cells[0]
    if row < len(view.table):
        issue_id = view.table.iloc[row]["issue"]
        party_name = column if column in view.party_columns else None
if issue_id is None:
    st.info("Select a cell in a party's column to read its positions, each with its quote.", icon=":material/touch_app:")
    st.stop()

issue = frames.issues.set_index("id").loc[issue_id]
st.subheader(f"{ui.plain(party_name or 'All parties')} · {ui.plain(issue['name'])}", anchor=False)
st.markdown(f"**Proposition:** {ui.plain(issue['proposition'])}")
positions = view.positions
chosen = positions[(positions["issue"] == issue_id) & ((positions["party_name"] == party_name) if party_name else True)]
if chosen.empty:
    st.markdown("Not covered: none of the articles reports this party's position on this issue.")
for position in chosen.sort_values("as_of_start").itertuples():
    with st.container(border=True):
        st.html(ui.stance_badge_html(position.stance))
        history = " · superseded by a later position" if position.superseded else ""
        speaker = f" · {position.speaker}" if position.speaker else ""
        st.markdown(f"**{ui.plain(position.summary)}**")
        st.caption(
            ui.plain(f"{position.party_name} · as of {position.as_of} ({position.as_of_precision}) · "
                     f"{ATTRIBUTION_TEXT[position.attribution]}{speaker}{history}")
        )  # fmt: skip
        ui.cited_passages(frames, "position", position.id)

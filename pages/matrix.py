"""Issue matrix: parties × issues, grouped; select a cell to read its positions and quotes."""

import streamlit as st

from landscape import ui
from landscape.frames import ATTRIBUTION_TEXT, STANCE_STYLE, filter_positions, matrix_table, stance_matrix

data = ui.app_data()
frames, selection = data.frames, ui.current_selection()
positions = filter_positions(frames.positions, selection)
parties = frames.parties[frames.parties["id"].isin(selection.parties)] if selection.parties else frames.parties
issues = frames.issues[frames.issues["id"].isin(selection.issues)] if selection.issues else frames.issues

st.title("Issue matrix")
st.caption("Each cell: the stance a party takes on the issue's proposition, as reported. Select a cell to see why.")
ui.stance_legend()

matrix = stance_matrix(positions, parties, issues)
table = matrix_table(matrix)
party_columns = list(parties["name"])
colour_of = {f"{symbol} ": colour for colour, symbol in STANCE_STYLE.values()}


def cell_style(label: str) -> str:
    colour = next((c for prefix, c in colour_of.items() if str(label).startswith(prefix)), "#ffffff")
    text = {"#FFFFFF": "#9a9a9a", "#E69F00": "#000", "#999999": "#000"}.get(colour, "#fff")
    return f"background-color: {colour}; color: {text}"


styled = table.drop(columns=["issue"]).style.map(cell_style, subset=party_columns)
event = st.dataframe(
    styled,
    hide_index=True,
    on_select="rerun",
    selection_mode="single-cell",
    key="matrix_cell",
    height=min(36 * (len(table) + 1) + 3, 1100),
    column_config={"Group": st.column_config.TextColumn(width="small"), "Issue": st.column_config.TextColumn(width="medium")},
)

cells = event.selection.cells if event and event.selection else []
issue_id = party_name = None
if cells:
    row, column = cells[0]
    issue_id = table.iloc[row]["issue"]
    party_name = column if column in party_columns else None
if issue_id is None:
    st.info("Select a cell in a party's column to read its positions, each with its quote.", icon=":material/touch_app:")
    st.stop()

issue = frames.issues.set_index("id").loc[issue_id]
st.subheader(f"{party_name or 'All parties'} · {issue['name']}")
st.markdown(f"**Proposition:** {ui.plain(issue['proposition'])}")
chosen = positions[(positions["issue"] == issue_id) & ((positions["party_name"] == party_name) if party_name else True)]
if chosen.empty:
    st.markdown("No source covers this: none of the articles reports this party's position on this issue.")
for position in chosen.sort_values("as_of_start").itertuples():
    with st.container(border=True):
        st.html(ui.stance_badge_html(position.stance))
        history = " · superseded by a later position" if position.superseded else ""
        st.markdown(f"**{ui.plain(position.summary)}**")
        st.caption(
            ui.plain(f"{position.party_name} · as of {position.as_of} ({position.as_of_precision}) · "
                     f"{ATTRIBUTION_TEXT[position.attribution]}{' · ' + position.speaker if position.speaker else ''}{history}")
        )  # fmt: skip
        ui.cited_passages(frames, "position", position.id)

"""Issue matrix: parties × issues, grouped; select a cell to read its verdict, positions and quotes."""

import streamlit as st

from landscape import links, widgets
from landscape.parts import matrix as parts
from landscape.views import cell_detail, disagreements, matrix_changes, matrix_comparison, matrix_styler, matrix_view, replay_steps

ROW_HEIGHT = 66  # px; above 64 the grid wraps text
FULL_ROWS = 120  # issues drawn at full length at most (the real codebook has 18); "content" is capped at 10,000 px

page = links.this_page()
frames = page.frames
st.title("Issue matrix")
st.caption(
    "Each cell: the stance the articles report a party taking on the issue's proposition, and how many articles "
    "report it. ⇄ marks only cells where two articles contradict each other. Select a cell to see why."
)
steps = page.view(replay_steps)
as_of = widgets.replay_control(steps)  # "" for the latest positions, else a day in the link (?as_of=2025-08-16)
view = page.view(matrix_view, as_of)

widgets.stance_legend()
if as_of:
    previous = parts.previous_step(steps, as_of)
    moved = page.view(matrix_changes, previous, as_of) if previous else []
    parts.replay_summary(steps, as_of, previous, moved)
compare = parts.compare_control(steps)  # a second day, in the link (?compare=2025-08-14); drawn below the matrix
if not view.coloured:
    st.caption("This matrix is too large to colour quickly; symbols and words show each stance. Filter by party or issue to see colours.")

# The selected cell lives in the link (?cell=issue/party, in ids), so a shared link opens the same cell.
linked = links.cell_from_link(page.names)
shown = view.grid_cell(*linked) if linked else None
if linked and not shown:
    links.link_notice(f"cell {page.names['party'][linked[1]]} · {page.names['issue'][linked[0]]}, which the filters hide")

event = st.dataframe(
    matrix_styler(view),  # built per run from the memoized colours: a Styler is changed while it is drawn
    hide_index=True,
    on_select="rerun",
    selection_mode="single-cell",
    selection_default={"selection": {"cells": [list(shown)]}} if shown else None,
    key="matrix_cell",
    # Rows taller than 4rem let a cell's words wrap: on a phone the narrow pinned Issue column leaves
    # room for two party columns, the others a swipe away; on a wide screen the party columns grow.
    row_height=ROW_HEIGHT,
    # Every row in view, no scroll bar inside the page (the grid's last rows were hidden); a huge matrix scrolls within.
    height="content" if len(view.table) <= FULL_ROWS else 1100,
    column_config={"Group": None, "Issue": st.column_config.TextColumn(width=120, pinned=True)}  # groups: the codebook
    | {party: st.column_config.TextColumn(width=112) for party in view.party_columns},
)

cells = event.selection.cells if event and event.selection else []
issue_id, party_id = (view.cell_at(*cells[0]) if cells else linked if shown else None) or (None, None)
links.set_cell_in_link(issue_id, party_id)

if issue_id is None:
    st.info("Select a cell in a party's column to read its verdict and positions, each with its quote.", icon=":material/touch_app:")
else:
    # The answer opens where the eye is: a dialog over the matrix; closing it clears the selection.
    widgets.cell_dialog(frames, page.view(cell_detail, issue_id, party_id))

if compare:
    earlier, later = (compare, as_of) if not as_of or compare <= as_of else (as_of, compare)  # as_of '' is the latest
    parts.comparison(frames, earlier, later, page.view(matrix_comparison, earlier, later))

parts.disagreement_list(page.view(disagreements, as_of))

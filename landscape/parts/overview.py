"""The overview's own pieces: the latest events and where the data come from, each a Markdown block."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from landscape.frames import known
from landscape.markdown import plain
from landscape.widgets import CLOSED_DIALOGS


def event_lines(events: pd.DataFrame) -> None:
    """Events as one Markdown block, a line each: the date, then the title."""
    st.markdown("  \n".join(f"**{plain(event.date)}** · {plain(event.title)}" for event in events.itertuples()))


def source_list(sources: pd.DataFrame) -> None:
    """Sources as one Markdown list: outlet, publication date and title, each said unknown where it is."""
    st.markdown(
        "\n".join(
            f"- *{plain(source.name)}*, {plain(source.published if known(source.published) else 'date unknown')}: "
            f"{plain(source.title if known(source.title) else 'title unknown')}"
            for source in sources.itertuples()
        )
    )


def chart_key() -> str:
    """The small matrix's key: a new one after each closed cell dialog, so the chart drops the clicked cell (and plotly's dimming)."""
    return f"overview_chart_{st.session_state.get(CLOSED_DIALOGS, 0)}"

"""Timeline: events and dated positions, one row per party; changes of position side by side."""

import streamlit as st

from landscape import links, widgets
from landscape.markdown import plain
from landscape.views import periods, timeline_view

page = links.this_page()

st.title("Timeline")
st.caption(
    "One row for events, one per party; each mark's colour is the stance. A solid mark: a date known to the day. "
    "A hollow mark on a pale bar: a date known only to the month, drawn across it. Hover a mark for its quote."
)


@st.fragment
def timeline(page: links.PageState) -> None:
    """The period, the chart and what it lists: a change of period redraws only this part of the page."""
    # The label is what the link carries (?period=All+of+2025): a bound widget writes its displayed option.
    choices = periods(page.frames)  # the busy months, each year the data date something in, and all dates
    label = st.segmented_control("Period", list(choices.values()), default=choices["busy"], key="period", bind="query-params", required=True)
    period = {text: key for key, text in choices.items()}.get(label, "busy")
    view = page.view(timeline_view, period)
    for note in view.notes:
        st.caption(note)
    if view.figure is None:
        st.info("Nothing dated in this period matches the filters.")
    else:
        st.plotly_chart(view.figure, config={"displayModeBar": False}, key="timeline_chart")  # kept across reruns: redrawn in place
    if (table := widgets.lazy_expander(f"The same as a table ({len(view.table)} items)", "timeline_table")) is not None:
        base = links.app_url()  # each passage's full address: a link that can be copied and opened anywhere
        table.dataframe(
            view.table.assign(Passage=base + "/" + view.table["Passage"]),
            hide_index=True,
            width="stretch",
            column_config={
                "Date": st.column_config.TextColumn(width=80),
                "Known to the": st.column_config.TextColumn(width=90),
                "Source": st.column_config.TextColumn(width=150),
                "Passage": st.column_config.LinkColumn("Passage", display_text="Read the passage", help="Opens the article at this quote", width=130),
            },
        )

    st.subheader("Changes of position")
    if not view.changes:
        st.caption("No recorded change of position matches the filters.")
    # All of them when they fit; else the latest, drawn when asked for (each is two cards of quotes) so the chart comes first.
    elif (
        box := st.container()
        if not view.hidden_changes
        else widgets.lazy_expander(
            f"The {len(view.changes)} latest of {len(view.changes) + view.hidden_changes} changes, side by side (filter by party or issue to see others)",
            "timeline_changes",
        )
    ) is not None:
        with box:
            for before, after, words in view.changes:
                widgets.change_evidence(page.frames, before, after, words)

    if (events := widgets.lazy_expander(f"Events in this period ({len(view.events)}), each with its quote", "timeline_events")) is not None:
        with events:
            for event in view.events.itertuples():
                st.markdown(f"**{plain(event.date)}** · {plain(event.title)}")
                widgets.cited_passages(page.frames, "event", event.id)


timeline(page)

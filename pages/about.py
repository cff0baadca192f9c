"""About the data: how to read a cell, the codebook every position is filed against, and the stated figures."""

import streamlit as st

from landscape import cache, widgets
from landscape.views import about_view

data, view = cache.page_view(about_view)
frames = data.frames

st.title("About the data")
st.markdown(
    "Every position is a party's stance on one **proposition** of the codebook below, as an article reports it, "
    "with the article's own words. The party's reported position and an author's own opinion are kept apart: "
    "authors' arguments are on the Sources page."
)
widgets.reading_guide()

st.header("Figures the articles state")
st.caption("Numbers the articles give about one thing, each with its quote. Where two articles give different values, both are shown.")
if not view.figures:
    st.caption("No stated figure matches the filters.")
elif view.hidden_figures:
    st.caption(f"Showing {len(view.figures)} of {len(view.figures) + view.hidden_figures} figures, discrepancies first; filter by issue to see others.")
for figure in view.figures:
    with st.container(border=True):
        about = f" ({figure.unit})" if figure.unit else ""
        about += f" · {figure.issue_name}" if figure.issue_name else ""
        st.markdown(f"**{widgets.plain(figure.name)}**{widgets.plain(about)}")
        if figure.discrepancy:
            dates = sorted({as_of for _value, as_of, _label in figure.values if as_of})
            differently = f" They are dated differently ({', '.join(dates)}): the gap may be change over time, not disagreement." if len(dates) > 1 else ""
            st.warning(widgets.plain("The sources give different values for this figure." + differently), icon=":material/compare_arrows:")
        for column, (value, as_of, label) in zip(st.columns(len(figure.values)), figure.values, strict=True):
            with column:
                st.markdown(f"**{widgets.plain(value)}**" + (f" · as of {widgets.plain(as_of)}" if as_of else ""))
                widgets.cited_passages(frames, "figure", figure.id, label=label)

st.header("Codebook")
st.caption("Each issue states one proposition; a position is filed under exactly one, and the scope says where its neighbours' cases go.")
for group, issues in view.codebook:
    st.subheader(group.capitalize())
    st.dataframe(
        issues.rename(columns={"name": "Issue", "proposition": "Proposition", "supports_means": "Supports means",
                               "opposes_means": "Opposes means", "scope": "What is filed here"}),
        hide_index=True, width="stretch",
        column_config={"Issue": st.column_config.TextColumn(width="small")},
    )

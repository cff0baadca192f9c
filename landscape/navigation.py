"""The app's frame: page list, data, shared filters (landscape.links) and the citation box, declared once for every page.

dashboard.py calls run_app(). Tests call it from an entry file in tests/ (see docs/testing.md,
"How the tests run the app"): Streamlit's AppTest treats any app whose entry file sits next
to a folder named pages/ as a legacy multipage app, so the test entry lives elsewhere and
names the same page files by absolute path.
"""

from __future__ import annotations

import streamlit as st

from landscape import cache, links, widgets

# Streamlit draws quotes (blockquote) and captions at 60% opacity: about 3.9:1 on white, under
# WCAG AA's 4.5:1. Quotes are the evidence: full ink. Captions stay lighter, at about 6:1.
READABLE_CSS = (
    "<style>"
    "[data-testid='stMarkdownContainer'] blockquote{opacity:1 !important;border-left-color:#8A8886 !important}"
    "[data-testid='stCaptionContainer']{opacity:0.78 !important}"
    # A link's label and a filter's chip wrap instead of ending in "…": "Read in context: The American Conserv…" hid the source.
    "[data-testid='stPageLink-NavLink'],[data-testid='stPageLink-NavLink'] *{white-space:normal !important;overflow:visible !important;"
    "text-overflow:clip !important;height:auto !important}"
    "[data-testid='stMultiSelectTagsContainer'] [data-tag]{max-width:100% !important;height:auto !important}"
    "[data-testid='stMultiSelectTagsContainer'] [data-tag] *{white-space:normal !important;overflow:visible !important;"
    "text-overflow:clip !important;max-width:none !important}"
    "</style>"
)

# (key, title, icon); the key is the page's URL path and its file's name in pages/ (links.page_path).
PAGE_SPECS = (
    ("overview", "Overview", ":material/home:"),
    ("matrix", "Issue matrix", ":material/grid_on:"),
    ("common_ground", "Where they could agree", ":material/handshake:"),
    ("timeline", "Timeline", ":material/timeline:"),
    ("sources", "Sources and reader", ":material/menu_book:"),
    ("positions", "Positions explorer", ":material/table_view:"),
    ("about", "About the data", ":material/menu_book:"),
)


def run_app() -> None:
    # An emoji icon is drawn in the page itself (a data: URL); a :material/...: one would be fetched from a font host.
    st.set_page_config(page_title="Negotiation Landscape", page_icon="🤝", layout="wide")
    pages = [st.Page(links.page_path(key), title=title, icon=icon, url_path=key, default=(key == "overview")) for key, title, icon in PAGE_SPECS]
    page = st.navigation(pages)
    st.set_page_config(page_title=f"{page.title} · Negotiation Landscape")  # each tab says which page it holds
    st.html(READABLE_CSS)
    st.html(links.link_cap_script(), unsafe_allow_javascript=True)  # a link over Streamlit's cap reaches the server empty
    st.sidebar.caption("Negotiation Landscape: the 2025 Russia–Ukraine peace talks, every statement cited.")
    data = cache.app_data()
    notices = st.container()  # above the page: a phone hides the sidebar
    state = links.open_page(data, page.url_path)  # the link read once: the page gets it from links.this_page()
    links.view_line(state)
    page.run()
    widgets.cite_this_view(state, page.title)
    links.show_link_notices(notices, state.page)  # last: it compares every widget's state with the run before

"""The app's frame: page list, shared filters and data, declared once for every page.

dashboard.py calls run_app(). Tests call it from an entry file in tests/ (see docs/testing.md,
"How the tests run the app"): Streamlit's AppTest treats any app whose entry file sits next
to a folder named pages/ as a legacy multipage app, so the test entry lives elsewhere and
names the same page files by absolute path.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from landscape import cache, widgets

PAGES_DIR = Path(__file__).resolve().parent.parent / "pages"

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

# (key, file, title, icon); the key is also the page's URL path.
PAGE_SPECS = (
    ("overview", "overview.py", "Overview", ":material/home:"),
    ("matrix", "matrix.py", "Issue matrix", ":material/grid_on:"),
    ("common_ground", "common_ground.py", "Where they could agree", ":material/handshake:"),
    ("timeline", "timeline.py", "Timeline", ":material/timeline:"),
    ("sources", "sources.py", "Sources and reader", ":material/menu_book:"),
    ("positions", "positions.py", "Positions explorer", ":material/table_view:"),
    ("about", "about.py", "About the data", ":material/menu_book:"),
)


def run_app() -> None:
    # An emoji icon is drawn in the page itself (a data: URL); a :material/...: one would be fetched from a font host.
    st.set_page_config(page_title="Negotiation Landscape", page_icon="🤝", layout="wide")
    pages = {key: st.Page(PAGES_DIR / file, title=title, icon=icon, url_path=key, default=(key == "overview")) for key, file, title, icon in PAGE_SPECS}
    widgets.PAGES.update(pages)
    page = st.navigation(list(pages.values()))
    st.set_page_config(page_title=f"{page.title} · Negotiation Landscape")  # each tab says which page it holds
    st.html(READABLE_CSS)
    st.html(widgets.link_cap_script(), unsafe_allow_javascript=True)  # a link over Streamlit's cap reaches the server empty
    st.sidebar.caption("Negotiation Landscape: the 2025 Russia–Ukraine peace talks, every statement cited.")
    cache.FRAME.active = True
    cache.FRAME.page = page.url_path
    try:
        data = cache.app_data()
        notices = st.container()  # above the page: a phone hides the sidebar
        widgets.shared_filters(data.frames)
        widgets.view_line()
        page.run()
        widgets.cite_this_view(data, page.title)
        widgets.show_link_notices(notices)  # last: it compares every widget's state with the run before
    finally:
        cache.FRAME.active = False
        cache.FRAME.page = None

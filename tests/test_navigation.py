"""landscape.navigation: one frame for every page, registered by absolute path."""

from __future__ import annotations

from streamlit.runtime.pages_manager import PagesManager

from landscape.links import PAGES_DIR, page_path
from landscape.navigation import PAGE_SPECS


def test_every_page_file_exists_and_every_file_in_pages_is_a_page():
    files = {page_path(key) for key, _title, _icon in PAGE_SPECS}
    assert all(file.is_file() for file in files)
    assert set(PAGES_DIR.glob("*.py")) == files  # Streamlit's legacy mode would show any other as a page


def test_page_keys_are_their_url_paths_and_titles_are_plain_words():
    keys = [key for key, *_ in PAGE_SPECS]
    assert keys[0] == "overview" and len(set(keys)) == len(keys)
    assert all(key.isidentifier() and key.islower() for key in keys)
    assert all(title[0].isupper() and "_" not in title for _key, title, _icon in PAGE_SPECS)


def test_the_private_streamlit_flag_the_deep_link_workaround_sets_still_exists():
    """links._leave_legacy_multipage_mode sets PagesManager.uses_pages_directory: an upgrade that drops it must fail here,
    loudly, before the browser test of a deep link on a cold server (tests/browser) shows the symptom."""
    assert isinstance(PagesManager.uses_pages_directory, bool | None)

"""Text made safe for Streamlit's Markdown: curated words and addresses, inert wherever they are drawn.

Plain functions (no Streamlit): every widget and every link uses them, so none can forget.
"""

from __future__ import annotations

import re
from urllib.parse import quote as percent_encode

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=^\"'])")
_LINE_BREAKS = re.compile(r"[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+")
# What GFM turns into a link by itself: "www.", "scheme://" and "name@host". A word joiner
# (U+2060, invisible) after "www", after the scheme's ":" and after "@" stops it.
_AUTOLINK = re.compile(r"(?i)(\bwww)(?=\.)|(:)(?=//)|(@)")
WORD_JOINER = "\u2060"
# What a URL may keep as it is inside a Markdown link's destination: its delimiters, and "%" of escapes already made.
_URL_SAFE_IN_MARKDOWN = "!#$%&*+,-./:;=?@_~"


def plain(text: object) -> str:
    """Curated or URL text made inert wherever Streamlit reads markdown (body, headings, labels, tooltips, notices).

    Every markdown and HTML character is backslash-escaped, every kind of line break becomes a
    space (a "\\r===" line would otherwise make a heading), and what GFM would autolink is
    broken with an invisible word joiner. The text reads the same; nothing in it is live.
    """
    flat = _LINE_BREAKS.sub(" ", str(text))
    unlinked = _AUTOLINK.sub(lambda match: match.group(0) + WORD_JOINER, flat)
    return _MARKDOWN_SPECIAL.sub(r"\\\1", unlinked)


def markdown_url(url: str) -> str:
    """A checked http(s) address made safe as a Markdown link's destination: what could end or break it is percent-encoded."""
    return percent_encode(url, safe=_URL_SAFE_IN_MARKDOWN)  # brackets, quotes, backslash, backtick and spaces, among others

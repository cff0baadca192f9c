"""landscape.markdown: the one escaping function every widget uses for curated text, and addresses in Markdown links."""

from __future__ import annotations

import pytest

from landscape import markdown


@pytest.mark.parametrize("brk", ["\n", "\r", "\r\n", "\v", "\f", "\x85", "\u2028", "\u2029"])
def test_no_kind_of_line_break_survives(brk):
    assert not set(markdown.plain(f"X{brk}==={brk}# h")) & set("\n\r\v\f\x85\u2028\u2029")


def test_markdown_characters_are_escaped():
    assert markdown.plain("![x](http://host/t.png)") == "\\!\\[x\\]\\(http\\:\u2060//host/t\\.png\\)"
    assert markdown.plain(":red[x] $y$ &amp;") == "\\:red\\[x\\] \\$y\\$ \\&amp;"


@pytest.mark.parametrize(
    ("text", "broken_after"),
    [("www.evil-example.com", "www"), ("see WWW.evil-example.com", "WWW"), ("https://evil-example.com", "https:"), ("a@evil-example.com", "a@")],
)
def test_what_gfm_would_autolink_gets_a_word_joiner(text, broken_after):
    shown = markdown.plain(text).replace("\\", "")
    assert shown.replace(markdown.WORD_JOINER, "") == text
    assert broken_after + markdown.WORD_JOINER in shown


def test_a_url_in_a_markdown_link_cannot_end_or_break_it_and_keeps_its_escapes():
    url = "https://example.org/a_(b) c?x=[1]&y=\"'`\\<>#:~:text=Russia%2DUkraine,war"
    assert markdown.markdown_url(url) == ("https://example.org/a_%28b%29%20c?x=%5B1%5D&y=%22%27%60%5C%3C%3E#:~:text=Russia%2DUkraine,war")

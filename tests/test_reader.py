"""landscape.reader: highlighted articles are safe HTML, numbered in reading order."""

from __future__ import annotations

import pandas as pd

from landscape.reader import LegendEntry, article_html, legend_html, passage_context, passage_segments, scroll_script


def passages(*spans):
    return pd.DataFrame([{"cite": i, "start": s, "end": e} for i, (s, e) in enumerate(spans)])


def test_overlapping_passages_split_into_segments():
    assert passage_segments(10, passages((2, 6), (4, 8))) == [(0, 2, ()), (2, 4, (0,)), (4, 6, (0, 1)), (6, 8, (1,)), (8, 10, ())]


def test_article_text_is_escaped_and_focus_is_marked():
    html = article_html("a <script>alert(1)</script> b", passages((2, 10)), focus=0)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<mark id='cited-passage' class='cited cited-target'" in html and "[1]" in html


def test_passages_are_numbered_in_reading_order_and_link_both_ways():
    # The data's passage 0 comes second in the text: on screen it is [2], and links keep cite=0.
    spans = passages((10, 14), (2, 6))
    html = article_html("0123456789abcdefghij", spans, focus=0)
    assert html.index("[1]") < html.index("[2]")
    assert html.index("id='passage-1'") < html.index("id='passage-2'") < html.index("id='cited-passage'")
    assert "href='#note-1'" in html and "href='#note-2'" in html
    entries = [LegendEntry(1, 1, "Position", "Russia on <b>NATO</b>"), LegendEntry(2, 0, "Event", "Summit")]
    legend = legend_html(entries, focus=0)
    assert "href='#passage-1'" in legend and "id='note-2'" in legend
    assert "&lt;b&gt;NATO&lt;/b&gt;" in legend and "<b>" not in legend
    assert "(the linked passage)" in legend.split("id='note-2'")[1]


def test_scroll_script_holds_nothing_but_a_number():
    assert "cited-passage" in scroll_script(12) and "12" in scroll_script(12)
    assert scroll_script(True) == scroll_script(1)
    assert "<" not in scroll_script(12).removeprefix("<script>").removesuffix("</script>")  # DOMPurify would drop it


def test_context_surrounds_the_passage():
    before, passage, after = passage_context("one two three four five", 8, 13, margin=4)
    assert passage == "three" and before.endswith("two ") and after.startswith(" four")

"""landscape.reader and landscape.viewpoints: highlighted articles are safe HTML; links are checked."""

from __future__ import annotations

import pandas as pd

from landscape.frames import build_frames
from landscape.load import DEFAULT_DATA, load_dataset
from landscape.reader import LegendEntry, article_html, legend_html, passage_context, passage_segments, scroll_script
from landscape.viewpoints import answers_table, reader_request, reader_view


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


def test_reader_legend_names_owners_in_plain_words():
    frames = build_frames(load_dataset(DEFAULT_DATA))
    view = reader_view(frames, None, "splinter", None, load_dataset(DEFAULT_DATA).articles["splinter"].text)
    assert [entry.number for entry in view.legend] == list(range(1, len(view.legend) + 1))
    starts = dict(zip(frames.citations["cite"], frames.citations["start"], strict=True))
    assert [starts[entry.cite] for entry in view.legend] == sorted(starts[entry.cite] for entry in view.legend)
    descriptions = " ".join(entry.description for entry in view.legend)
    assert "Answer:" not in descriptions and "security-guarantees" not in descriptions
    assert {entry.kind for entry in view.legend} <= {"Position", "Event", "The author's thesis", "The author's answer", "Stated figure"}


def test_context_surrounds_the_passage():
    before, passage, after = passage_context("one two three four five", 8, 13, margin=4)
    assert passage == "three" and before.endswith("two ") and after.startswith(" four")


def test_answers_table_has_a_column_per_source_and_blank_when_unaddressed():
    landscape = load_dataset(DEFAULT_DATA).landscape
    table = answers_table(landscape, [source.id for source in landscape.sources])
    assert len(table) == len(landscape.questions)
    answered = sum(len(v.answers) for v in landscape.viewpoints)
    assert (table.iloc[:, 1:] != "").sum().sum() == answered


def test_reader_request_checks_source_and_passage():
    frames = build_frames(load_dataset(DEFAULT_DATA))
    first = frames.citations.iloc[0]
    ok = reader_request(first["source"], str(first["cite"]), frames)
    assert (ok.source, ok.cite, ok.notices) == (first["source"], int(first["cite"]), [])
    implied = reader_request(None, str(first["cite"]), frames)
    assert implied.source == first["source"]
    assert reader_request("nope", None, frames).notices
    assert reader_request(first["source"], "x1", frames).cite is None


def test_a_passage_number_in_other_scripts_digits_is_a_notice_not_a_crash():
    frames = build_frames(load_dataset(DEFAULT_DATA))
    for cite in ("²", "①", "٣", "１"):
        request = reader_request(None, cite, frames)
        assert request.cite is None and "not a number" in request.notices[0]


def test_answers_table_columns_stay_apart_when_outlets_collide():
    landscape = load_dataset(DEFAULT_DATA).landscape
    first, second = landscape.sources[0], landscape.sources[1]
    same_outlet = second.model_copy(update={"outlet": first.outlet})
    named_question = first.model_copy(update={"outlet": first.outlet.model_copy(update={"value": "Question"})})
    colliding = landscape.model_copy(update={"sources": [named_question, same_outlet.model_copy(update={"outlet": named_question.outlet})]})
    table = answers_table(colliding, [first.id, second.id])
    assert list(table.columns) == ["Question", f"Question ({first.id})", f"Question ({second.id})"]

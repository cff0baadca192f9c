"""landscape.reader and landscape.viewpoints: highlighted articles are safe HTML; links are checked."""

from __future__ import annotations

import pandas as pd

from landscape.frames import build_frames
from landscape.load import DEFAULT_DATA, load_dataset
from landscape.reader import article_html, passage_context, passage_segments
from landscape.viewpoints import answers_table, reader_request


def passages(*spans):
    return pd.DataFrame([{"cite": i, "start": s, "end": e} for i, (s, e) in enumerate(spans)])


def test_overlapping_passages_split_into_segments():
    assert passage_segments(10, passages((2, 6), (4, 8))) == [(0, 2, ()), (2, 4, (0,)), (4, 6, (0, 1)), (6, 8, (1,)), (8, 10, ())]


def test_article_text_is_escaped_and_focus_is_marked():
    html = article_html("a <script>alert(1)</script> b", passages((2, 10)), focus=0)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<mark id='cited-passage'" in html and "[0]" in html


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

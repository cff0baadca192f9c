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

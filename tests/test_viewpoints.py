"""landscape.viewpoints: the Sources page's views: the compare table, the reader's request and legend."""

from __future__ import annotations

from landscape.frames import build_frames
from landscape.load import DEFAULT_DATA, load_dataset
from landscape.viewpoints import answers_table, reader_request, reader_view


def test_reader_legend_names_owners_in_plain_words():
    frames = build_frames(load_dataset(DEFAULT_DATA))
    view = reader_view(frames, None, "splinter", None, load_dataset(DEFAULT_DATA).articles["splinter"].text)
    assert [entry.number for entry in view.legend] == list(range(1, len(view.legend) + 1))
    starts = dict(zip(frames.citations["cite"], frames.citations["start"], strict=True))
    assert [starts[entry.cite] for entry in view.legend] == sorted(starts[entry.cite] for entry in view.legend)
    descriptions = " ".join(entry.description for entry in view.legend)
    assert "Answer:" not in descriptions and "security-guarantees" not in descriptions
    assert {entry.kind for entry in view.legend} <= {"Position", "Event", "The author's thesis", "The author's answer", "Stated figure"}


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


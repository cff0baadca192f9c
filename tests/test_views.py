"""landscape.views: what each page draws, built without Streamlit."""

from __future__ import annotations

from builders import DP_QUOTES, add, add_party, base, citation, frames_of

from landscape.frames import Selection, build_frames
from landscape.load import DEFAULT_DATA, load_dataset
from landscape.views import cell_detail, changes_of, matrix_changes, reader_request, reader_view, replay_steps


def changed_data() -> dict:
    """p1 (opposes, August 2025) superseded by p2 (supports, 7 August); Witkoff's visit to Moscow on 6 August."""
    data = base()
    add(data, "positions", id="p2", stance="supports", as_of="2025-08-07", supersedes="p1", summary="Later, Russia supports it.",
        citations=[citation(DP_QUOTES[1])])
    return data


def test_a_change_is_told_in_words_with_the_event_just_before_it(tmp_path):
    frames = frames_of(tmp_path, changed_data())
    [(before, after, words)] = changes_of(frames, frames.positions[frames.positions["supersedes"] != ""])
    assert (before["id"], after["id"]) == ("p1", "p2")
    assert words == "from opposes to supports, 2025-08 → 2025-08-07, around: Witkoff visits Moscow (2025-08-06)"


def test_an_event_of_another_party_is_not_named_as_the_occasion(tmp_path):
    data = changed_data()
    add_party(data, "usa", "United States")
    data["events"][0]["parties"] = ["usa"]
    frames = frames_of(tmp_path, data)
    [(_, _, words)] = changes_of(frames, frames.positions[frames.positions["supersedes"] != ""])
    assert words == "from opposes to supports, 2025-08 → 2025-08-07"


def test_an_opened_cell_shows_its_change_side_by_side_and_its_verdict(tmp_path):
    frames = frames_of(tmp_path, changed_data())
    detail = cell_detail(frames, Selection(), "sanctions", "russia")
    assert detail.verdict == "changed"
    assert [stance for stance, _ in detail.sides] == ["supports"]
    [(before, after, _)] = detail.changes
    assert (before["stance"], after["stance"]) == ("opposes", "supports")
    assert detail.heading == "Russia · New sanctions"


def test_replay_steps_are_the_days_things_happened_and_the_matrix_changes_between_them(tmp_path):
    frames = frames_of(tmp_path, changed_data())
    steps = replay_steps(frames, Selection())
    assert [step.day for step in steps] == ["2025-08-01", "2025-08-06", "2025-08-07"]
    assert "Witkoff visits Moscow" in steps[1].what and "1 position dated from this day" in steps[2].what
    assert matrix_changes(frames, Selection(), "2025-08-06", "2025-08-07") == [
        "Russia · New sanctions: ✘ opposes · 1 source · date approximate → ✔ supports ↻ · 1 source"
    ]
    assert matrix_changes(frames, Selection(), "2025-08-01", "2025-08-06") == []


def test_reader_legend_names_owners_in_plain_words():
    frames = build_frames(load_dataset(DEFAULT_DATA))
    view = reader_view(frames, None, "splinter", None, load_dataset(DEFAULT_DATA).articles["splinter"].text)
    assert [entry.number for entry in view.legend] == list(range(1, len(view.legend) + 1))
    starts = dict(zip(frames.citations["cite"], frames.citations["start"], strict=True))
    assert [starts[entry.cite] for entry in view.legend] == sorted(starts[entry.cite] for entry in view.legend)
    descriptions = " ".join(entry.description for entry in view.legend)
    assert "Answer:" not in descriptions and "security-guarantees" not in descriptions
    assert {entry.kind for entry in view.legend} <= {"Position", "Event", "The author's thesis", "The author's answer", "Stated figure"}


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


def test_the_about_page_draws_a_bounded_number_of_figures(monkeypatch):
    from landscape import views
    from landscape.frames import build_frames
    from landscape.load import DEFAULT_DATA, load_dataset

    frames = build_frames(load_dataset(DEFAULT_DATA))
    everything = views.about_view(frames, Selection())
    assert everything.hidden_figures == 0
    monkeypatch.setattr(views, "ABOUT_FIGURES", 1)
    bounded = views.about_view(frames, Selection())
    assert len(bounded.figures) == 1 and bounded.hidden_figures == len(everything.figures) - 1
    assert bounded.figures[0] == everything.figures[0]  # discrepancies first


def test_the_codebook_on_the_about_page_is_bounded_and_keeps_the_data_order(monkeypatch):
    from landscape import views

    frames = build_frames(load_dataset(DEFAULT_DATA))
    everything = views.about_view(frames, Selection())
    written = [name for _group, issues in everything.codebook for name in issues["name"]]
    assert everything.hidden_issues == 0 and sorted(written) == sorted(frames.issues["name"])
    monkeypatch.setattr(views, "ABOUT_ISSUES", 5)
    bounded = views.about_view(frames, Selection())
    assert [name for _group, issues in bounded.codebook for name in issues["name"]] == written[:5]
    assert bounded.hidden_issues == len(written) - 5


def test_the_codebook_names_the_issues_its_scopes_refer_to_never_their_ids():
    from landscape import views

    frames = build_frames(load_dataset(DEFAULT_DATA))
    scopes = " ".join(scope for _group, issues in views.about_view(frames, Selection()).codebook for scope in issues["scope"])
    assert "goes to “Ukraine in NATO”" in scopes
    for issue_id in frames.issues["id"]:
        assert f"to {issue_id}" not in scopes and f" {issue_id};" not in scopes
    names = {"ukraine-nato": "Ukraine in NATO", "nato": "NATO alone"}
    assert views.named_issues("goes to ukraine-nato, not nato-like; nato.", names) == "goes to “Ukraine in NATO”, not nato-like; “NATO alone”."

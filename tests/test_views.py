"""landscape.views: what each page draws, built without Streamlit."""

from __future__ import annotations

import datetime as dt
import html
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd
from builders import DP_QUOTES, OTHER_QUOTE, add, add_issue, add_other_source, add_party, base, citation, clone, frames_of, unknown_bibliography
from conftest import real_data, real_data_frames
from pandas.io.formats.style import Styler
from streamlit.elements.lib.pandas_styler_utils import marshall_styler
from streamlit.proto.ArrowData_pb2 import ArrowData

from landscape import views
from landscape.cache import AppData
from landscape.frames import Selection, known
from landscape.reader import TARGET_ID
from landscape.views import cell_detail, changes_of, matrix_changes, reader_request, reader_view, replay_steps, source_panels_view
from landscape.vocabulary import cell_colours


def changed_data() -> dict:
    """p1 (opposes, August 2025) superseded by p2 (supports, 7 August); Witkoff's visit to Moscow on 6 August."""
    data = base()
    add(
        data,
        "positions",
        id="p2",
        stance="supports",
        as_of="2025-08-07",
        supersedes="p1",
        summary="Later, Russia supports it.",
        citations=[citation(DP_QUOTES[1])],
    )
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
    assert [step.day for step in steps] == ["2025-07-31", "2025-08-01", "2025-08-06", "2025-08-07"]  # the eve first
    assert "Witkoff visits Moscow" in steps[2].what and "1 position dated from this day" in steps[3].what
    assert matrix_changes(frames, Selection(), "2025-08-06", "2025-08-07") == [
        "Russia · New sanctions: ✘ opposes · 1 source · date approximate → ✔ supports ↻ · 1 source (the party moved)"
    ]
    assert matrix_changes(frames, Selection(), "2025-08-01", "2025-08-06") == []


def test_reader_legend_names_owners_in_plain_words():
    frames = real_data_frames()
    view = reader_view(frames, None, "splinter", None, real_data().articles["splinter"].text)
    assert [entry.number for entry in view.legend] == list(range(1, len(view.legend) + 1))
    starts = dict(zip(frames.citations["cite"], frames.citations["start"], strict=True))
    assert [starts[entry.cite] for entry in view.legend] == sorted(starts[entry.cite] for entry in view.legend)
    descriptions = " ".join(entry.description for entry in view.legend)
    assert "Answer:" not in descriptions and "security-guarantees" not in descriptions
    assert {entry.kind for entry in view.legend} <= {"Position", "Event", "The author's thesis", "The author's answer", "Stated figure"}


def test_reader_request_checks_source_and_passage():
    frames = real_data_frames()
    first = frames.citations.iloc[0]
    ok = reader_request(first["source"], str(first["cite"]), frames)
    assert (ok.source, ok.cite, ok.notices) == (first["source"], int(first["cite"]), [])
    implied = reader_request(None, str(first["cite"]), frames)
    assert implied.source == first["source"]
    assert reader_request("nope", None, frames).notices
    assert reader_request(first["source"], "x1", frames).cite is None


def test_a_passage_number_in_other_scripts_digits_is_a_notice_not_a_crash():
    frames = real_data_frames()
    for cite in ("²", "①", "٣", "１"):
        request = reader_request(None, cite, frames)
        assert request.cite is None and "not a number" in request.notices[0]


def test_the_about_page_draws_a_bounded_number_of_figures(monkeypatch):
    from landscape import views

    frames = real_data_frames()
    everything = views.about_view(frames, Selection())
    assert everything.hidden_figures == 0
    monkeypatch.setattr(views, "ABOUT_FIGURES", 1)
    bounded = views.about_view(frames, Selection())
    assert len(bounded.figures) == 1 and bounded.hidden_figures == len(everything.figures) - 1
    assert bounded.figures[0] == everything.figures[0]  # discrepancies first


def test_the_codebook_on_the_about_page_is_bounded_and_keeps_the_data_order(monkeypatch):
    from landscape import views

    frames = real_data_frames()
    everything = views.about_view(frames, Selection())
    written = [name for _group, issues in everything.codebook for name in issues["name"]]
    assert everything.hidden_issues == 0 and sorted(written) == sorted(frames.issues["name"])
    monkeypatch.setattr(views, "ABOUT_ISSUES", 5)
    bounded = views.about_view(frames, Selection())
    assert [name for _group, issues in bounded.codebook for name in issues["name"]] == written[:5]
    assert bounded.hidden_issues == len(written) - 5


def test_the_codebook_names_the_issues_its_scopes_refer_to_never_their_ids():
    from landscape import views

    frames = real_data_frames()
    scopes = " ".join(scope for _group, issues in views.about_view(frames, Selection()).codebook for scope in issues["scope"])
    assert "goes to “Ukraine in NATO”" in scopes
    for issue_id in frames.issues["id"]:
        assert f"to {issue_id}" not in scopes and f" {issue_id};" not in scopes
    names = {"ukraine-nato": "Ukraine in NATO", "nato": "NATO alone"}
    assert views.named_issues("goes to ukraine-nato, not nato-like; nato.", names) == "goes to “Ukraine in NATO”, not nato-like; “NATO alone”."


# --- small data sets for the page views ----------------------------------------------------------


def two_by_two() -> dict:
    """Russia opposes New sanctions (p1, August 2025); the United States supports Ceasefire first twice (u1, u2)."""
    data = base()
    add_party(data, "usa", "United States")
    add_issue(data, "ceasefire", "Ceasefire first")
    add(
        data,
        "positions",
        id="u1",
        party="usa",
        issue="ceasefire",
        stance="supports",
        as_of="2025-08-03",
        summary="The US wants a ceasefire.",
        citations=[citation(DP_QUOTES[1])],
    )
    add(
        data,
        "positions",
        id="u2",
        party="usa",
        issue="ceasefire",
        stance="supports",
        as_of="2025-08-05",
        summary="Still a ceasefire.",
        citations=[citation(DP_QUOTES[2])],
    )
    return data


def add_event(data: dict, event_id: str, date: str, **changes) -> dict:
    return add(data, "events", **{"id": event_id, "date": date, "title": f"Event {event_id}", **changes})


def test_the_overview_counts_what_the_selection_holds_and_draws_its_parties_and_issues(tmp_path):
    frames = frames_of(tmp_path, two_by_two())
    view = views.overview_view(frames, Selection())
    assert view.metrics == {"Positions": 3, "Parties": 2, "Issues covered": 2, "Events": 1, "Sources": 1}
    assert view.note == ""
    assert (list(view.figure.data[0].x), list(view.figure.data[0].y)) == (["Russia", "United States"], ["New sanctions", "Ceasefire first"])
    usa = views.overview_view(frames, Selection(parties=("usa",)))
    assert usa.metrics == {"Positions": 2, "Parties": 1, "Issues covered": 1, "Events": 0, "Sources": 1}
    assert list(usa.figure.data[0].x) == ["United States"] and usa.latest_events.empty
    sanctions = views.overview_view(frames, Selection(issues=("sanctions",)))
    assert list(sanctions.figure.data[0].y) == ["New sanctions"] and list(sanctions.figure.data[0].x) == ["Russia", "United States"]
    assert sanctions.metrics["Positions"] == 1 and sanctions.metrics["Events"] == 1


def test_the_overview_keeps_the_most_covered_issues_and_parties_and_says_so(tmp_path, monkeypatch):
    frames = frames_of(tmp_path, two_by_two())
    monkeypatch.setattr(views, "OVERVIEW_ISSUES", 2)
    monkeypatch.setattr(views, "OVERVIEW_PARTIES", 2)
    assert views.overview_view(frames, Selection()).note == ""  # exactly at the caps: everything is drawn
    monkeypatch.setattr(views, "OVERVIEW_ISSUES", 1)
    view = views.overview_view(frames, Selection())
    assert view.note == "The 1 most-covered issues and 2 most-covered parties; the matrix page has them all."
    assert list(view.figure.data[0].y) == ["Ceasefire first"] and list(view.figure.data[0].x) == ["Russia", "United States"]
    assert view.metrics["Positions"] == 3  # the counts are of the whole selection
    monkeypatch.setattr(views, "OVERVIEW_ISSUES", 2)
    monkeypatch.setattr(views, "OVERVIEW_PARTIES", 1)
    view = views.overview_view(frames, Selection())
    assert view.note == "The 2 most-covered issues and 1 most-covered parties; the matrix page has them all."
    assert list(view.figure.data[0].x) == ["United States"]


def test_the_overview_lists_the_six_latest_events_newest_first(tmp_path):
    data = base()
    for day in range(1, 9):
        add_event(data, f"e{day}", f"2025-07-0{day}")
    view = views.overview_view(frames_of(tmp_path, data), Selection())
    assert list(view.latest_events["id"]) == ["witkoff-moscow", "e8", "e7", "e6", "e5", "e4"]
    assert view.metrics["Events"] == 9


def test_the_matrix_view_has_a_row_per_issue_a_column_per_party_and_colours_each_cell(tmp_path, monkeypatch):
    data = two_by_two()
    for position in data["positions"][1:]:
        position["certainty"] = "hedged"  # a paler colour than a firm stance's
    frames = frames_of(tmp_path, data)
    assert cell_colours("supports", "hedged") != cell_colours("supports", "firm")
    view = views.matrix_view(frames, Selection())
    assert list(view.table.columns) == ["issue", "Group", "Issue", "Russia", "United States"]
    assert list(view.table["issue"]) == ["sanctions", "ceasefire"]
    assert view.party_columns == ["Russia", "United States"]
    assert view.party_ids == {"Russia": "russia", "United States": "usa"}
    assert list(view.positions["id"]) == ["p1", "u1", "u2"] and len(view.matrix) == 4
    assert view.coloured
    context = views.matrix_styler(view)._compute().ctx
    for row, issue in enumerate(["sanctions", "ceasefire"]):
        for column, party in enumerate(["russia", "usa"], start=2):
            cell = view.matrix[(view.matrix["issue"] == issue) & (view.matrix["party"] == party)].iloc[0]
            background, ink = cell_colours(cell["status"], cell["certainty"])
            assert context[(row, column)] == [("background-color", background), ("color", ink)]
    assert (0, 0) not in context and (0, 1) not in context  # group and issue name stay plain
    monkeypatch.setattr(views, "COLOURED_CELLS", 4)
    assert views.matrix_view(frames, Selection()).coloured
    monkeypatch.setattr(views, "COLOURED_CELLS", 3)
    plain = views.matrix_view(frames, Selection())
    assert not plain.coloured
    drawn = views.matrix_styler(plain)
    assert isinstance(drawn, pd.DataFrame) and drawn.equals(plain.table.drop(columns=["issue"]))


def _drawn(styler, session: str) -> tuple[str, bytes]:
    """What Streamlit sends a browser for a Styler (its cells' CSS and the table shown), its uuid taken out."""
    proto = ArrowData()
    marshall_styler(proto, styler, session)
    return proto.styler.styles.replace(proto.styler.uuid, "UUID"), proto.styler.display_values


def test_the_matrix_draws_the_same_colours_for_concurrent_sessions(tmp_path):
    """Sessions share the memoized view; each draws it at once, as Streamlit does, and sees every colour.

    A Styler kept in the shared view (or memoized anywhere) is recomputed in place by each drawing:
    styles cleared in one thread while another reads them, and the last session's uuid on everyone's.
    """
    data = two_by_two()
    for number in range(12):  # a bigger matrix: each drawing takes longer, and a shared Styler's race shows
        add_issue(data, f"issue{number}", f"Issue {number}")
        add(data, "positions", id=f"r{number}", issue=f"issue{number}", stance="supports" if number % 2 else "opposes", citations=[citation(DP_QUOTES[0])])
    frames = frames_of(tmp_path, data)
    shared = AppData(None, frames)  # the memo every session of the server reads
    expected = _drawn(views.matrix_styler(shared.view(views.matrix_view, Selection())), "alone")
    assert expected[0].count("#T_UUID_row") == 2 * len(frames.issues)  # every party cell has its colour
    sessions, rounds = 4, 40
    start = threading.Barrier(sessions)

    def session(number: int) -> list[tuple[str, bytes]]:
        seen = []
        for _ in range(rounds):
            start.wait()
            view = shared.view(views.matrix_view, Selection())
            seen.append(_drawn(views.matrix_styler(view), f"session{number}"))
        return seen

    with ThreadPoolExecutor(sessions) as pool:
        drawings = [drawing for seen in pool.map(session, range(sessions)) for drawing in seen]
    assert sum(drawing != expected for drawing in drawings) == 0
    view = shared.view(views.matrix_view, Selection())
    assert not any(isinstance(value, Styler) for value in vars(view).values())  # the view holds data only
    assert views.matrix_styler(view) is not views.matrix_styler(view)


def test_the_matrix_view_follows_the_selection_and_the_day(tmp_path):
    frames = frames_of(tmp_path, two_by_two())
    usa = views.matrix_view(frames, Selection(parties=("usa",), issues=("ceasefire",)))
    assert list(usa.table.columns) == ["issue", "Group", "Issue", "United States"] and list(usa.table["issue"]) == ["ceasefire"]
    assert usa.party_ids == {"United States": "usa"} and list(usa.positions["id"]) == ["u1", "u2"]
    assert list(views.matrix_view(frames, Selection(), "2025-07-31").matrix["status"]) == ["none"] * 4
    eleventh = views.matrix_view(frames, Selection(), "2025-08-04").matrix.set_index(["issue", "party"])
    assert eleventh.loc[("ceasefire", "usa"), "status"] == "supports" and eleventh.loc[("sanctions", "russia"), "approximate"]
    assert not views.matrix_view(frames, Selection()).matrix["approximate"].any()


def test_a_cell_goes_from_ids_to_its_place_in_the_grid_and_back(tmp_path):
    frames = frames_of(tmp_path, two_by_two())
    view = views.matrix_view(frames, Selection())
    for issue in ("sanctions", "ceasefire"):
        for party in ("russia", "usa"):
            place = view.grid_cell(issue, party)
            assert view.table.iloc[place[0]]["issue"] == issue and view.party_ids[place[1]] == party
            assert view.cell_at(*place) == (issue, party)
    usa = views.matrix_view(frames, Selection(parties=("usa",), issues=("ceasefire",)))
    assert usa.grid_cell("sanctions", "usa") is None and usa.grid_cell("ceasefire", "russia") is None  # filtered out: not drawn
    assert usa.grid_cell("ceasefire", "usa") == (0, "United States")
    assert usa.cell_at(0, "Issue") is None and usa.cell_at(1, "United States") is None


def test_matrix_changes_name_each_cell_that_moved_with_its_labels(tmp_path):
    frames = frames_of(tmp_path, two_by_two())
    assert views.matrix_changes(frames, Selection(), "2025-08-02", "2025-08-03") == [
        "United States · Ceasefire first: · not covered → ✔ supports · 1 source (first reported by Defense Priorities)"
    ]


def cell_of(tmp_path, *positions: dict, other_source: bool = False, party: str = "russia"):
    """The cell Russia × New sanctions with extra positions (each a dict of changes to p1); "other" is a second outlet's article."""
    tmp_path.mkdir(exist_ok=True)
    data = base()
    add_party(data, "usa", "United States")
    if other_source:
        add_other_source(data)["outlet"] = {"value": "Other Outlet", "basis": "public"}
    for changes in positions:
        add(data, "positions", **changes)
    return views.cell_detail(frames_of(tmp_path, data), Selection(), "sanctions", party)


def test_an_opened_cell_explains_its_verdict_by_outlet(tmp_path):
    single = cell_of(tmp_path / "single")
    assert (single.verdict, single.verdict_text) == ("single", "one source only")
    assert single.explanation == "Defense Priorities reports opposes."
    assert single.proposition == "The United States imposes new sanctions on Russia."
    assert single.meanings == [("supports", "The party wants it done."), ("opposes", "The party rejects it.")]
    assert [(stance, list(rows["id"])) for stance, rows in single.sides] == [("opposes", ["p1"])]
    assert single.history.empty and single.changes == []
    mixed = cell_of(
        tmp_path / "mixed",
        {"id": "p2", "stance": "supports", "citations": [citation(DP_QUOTES[1])]},
        {"id": "p3", "stance": "conditional", "citations": [citation(DP_QUOTES[2])]},
    )
    assert (mixed.verdict, mixed.verdict_text) == ("mixed", "mixed signals in one source")
    assert mixed.explanation == "Defense Priorities reports opposes, supports and conditional."
    assert [(stance, list(rows["id"])) for stance, rows in mixed.sides] == [("supports", ["p2"]), ("opposes", ["p1"]), ("conditional", ["p3"])]
    other = {"id": "o1", "as_of": "2025-07-15", "citations": [citation(OTHER_QUOTE, "other")]}
    agree = cell_of(tmp_path / "agree", other, other_source=True)
    assert agree.explanation == "Defense Priorities reports opposes; Other Outlet reports opposes."
    assert [(stance, list(rows["id"])) for stance, rows in agree.sides] == [("opposes", ["o1", "p1"])]  # oldest first
    disagree = cell_of(tmp_path / "disagree", {**other, "stance": "supports", "as_of": "2025-08-05"}, other_source=True)
    assert disagree.explanation == ("About the same moment: Defense Priorities reports opposes (2025-08) against Other Outlet reports supports (2025-08-05).")
    shifted = cell_of(tmp_path / "shifted", {**other, "stance": "supports"}, other_source=True)  # 15 July against August: apart
    assert (shifted.verdict, shifted.verdict_text) == ("shifted", "different stances at different times")
    assert shifted.explanation == (
        "More than a week apart, so not a contradiction: "
        "Other Outlet reports supports (2025-07-15); Defense Priorities reports opposes (2025-08). The latest stands: opposes."
    )
    nuanced = cell_of(tmp_path / "nuanced", {**other, "stance": "ambiguous"}, other_source=True)
    assert nuanced.explanation == "Same direction, different degree: Defense Priorities reports opposes; Other Outlet reports ambiguous."
    nobody = cell_of(tmp_path / "none", party="usa")
    assert (nobody.verdict, nobody.heading) == ("none", "United States · New sanctions")
    assert nobody.explanation == "None of the articles reports this party's position on this issue." and nobody.sides == []


def test_an_opened_changed_cell_says_which_position_is_current_and_keeps_the_replaced_one(tmp_path):
    frames = frames_of(tmp_path, changed_data())
    detail = views.cell_detail(frames, Selection(), "sanctions", "russia")
    assert detail.verdict_text == "changed over time"
    assert detail.explanation == "Now: Defense Priorities reports supports."
    assert list(detail.history["id"]) == ["p1"] and [list(rows["id"]) for _, rows in detail.sides] == [["p2"]]
    assert views.cell_detail(frames, Selection(parties=("russia",), issues=("sanctions",)), "sanctions", "russia").explanation == detail.explanation


def test_a_change_kept_or_known_only_to_the_month_names_no_occasion(tmp_path):
    data = changed_data()
    data["positions"][1]["stance"] = "opposes"
    (tmp_path / "kept").mkdir()
    frames = frames_of(tmp_path / "kept", data)
    [(_, _, words)] = views.changes_of(frames, frames.positions[frames.positions["supersedes"] != ""])
    assert words == "kept its stance, 2025-08 → 2025-08-07, around: Witkoff visits Moscow (2025-08-06)"
    data["positions"][1]["as_of"] = "2025-08"
    (tmp_path / "month").mkdir()
    frames = frames_of(tmp_path / "month", data)
    [(_, _, words)] = views.changes_of(frames, frames.positions[frames.positions["supersedes"] != ""])
    assert words == "kept its stance, 2025-08 → 2025-08"


def occasions(tmp_path, event_date: str, **event_changes) -> str:
    """The change p1 → p2 (7 August 2025) in words, with the one event moved to event_date."""
    tmp_path.mkdir(exist_ok=True)
    data = changed_data()
    add_issue(data, "ceasefire", "Ceasefire first")
    data["events"][0].update(date=event_date, **event_changes)
    frames = frames_of(tmp_path, data)
    [(_, _, words)] = views.changes_of(frames, frames.positions[frames.positions["supersedes"] != ""])
    return words.removeprefix("from opposes to supports, 2025-08 → 2025-08-07")


def test_the_occasion_of_a_change_is_an_event_of_its_party_and_issue_in_the_three_days_before_it(tmp_path):
    assert occasions(tmp_path / "a", "2025-08-04") == ", around: Witkoff visits Moscow (2025-08-04)"
    assert occasions(tmp_path / "b", "2025-08-03") == ""
    assert occasions(tmp_path / "c", "2025-08-07") == ", around: Witkoff visits Moscow (2025-08-07)"
    assert occasions(tmp_path / "d", "2025-08-08") == ""
    assert occasions(tmp_path / "e", "2025-08") == ""  # a month ends after the day of the change
    assert occasions(tmp_path / "f", "2025-08-06", issues=["sanctions"]) == ", around: Witkoff visits Moscow (2025-08-06)"
    assert occasions(tmp_path / "g", "2025-08-06", issues=["ceasefire"]) == ""


def test_several_events_before_a_change_are_all_named(tmp_path):
    data = changed_data()
    add(data, "events", id="call", date="2025-08-05", title="A phone call")
    frames = frames_of(tmp_path, data)
    [(_, _, words)] = views.changes_of(frames, frames.positions[frames.positions["supersedes"] != ""])
    assert words.endswith(", around: A phone call (2025-08-05); Witkoff visits Moscow (2025-08-06)")  # in date order


def test_the_periods_bounds_come_from_the_data_for_all_dates(tmp_path):
    data = base()
    data["sources"][0]["published"]["value"] = "2026-04-01"  # an article of the next spring
    add(data, "positions", id="later", as_of="2026-03", summary="A position of the next spring.")
    frames = frames_of(tmp_path, data)
    assert views.period_bounds("busy", frames) == (pd.Timestamp("2025-07-25"), pd.Timestamp("2025-11-05"))
    assert views.period_bounds("2025", frames) == (pd.Timestamp("2025-01-01"), pd.Timestamp("2025-12-31"))
    assert views.period_bounds("all", frames) == (pd.Timestamp("2025-08-01"), pd.Timestamp("2026-03-31"))
    assert views.periods(frames) == {"busy": "August–October 2025", "2025": "All of 2025", "2026": "All of 2026", "all": "All dates"}


def test_a_position_of_any_year_is_inside_all_dates(tmp_path):
    data = base()
    data["sources"][0]["published"]["value"] = "2026-04-01"  # an article of the next spring
    add(data, "positions", id="later", as_of="2026-03", summary="A position of the next spring.")
    add(data, "positions", id="long-ago", as_of="1949-12-31", summary="A position of long ago.")
    frames = frames_of(tmp_path, data)
    everything = views.timeline_view(frames, Selection(), "all")
    assert everything.notes == []
    assert {"opposes: A position of the next spring.", "opposes: A position of long ago."} <= set(everything.table["What"])
    assert views.timeline_view(frames, Selection(), "2026").notes == ["3 dated items fall outside All of 2026: choose another period to see them."]


def dated_data() -> dict:
    """Positions and events on each side of the busy period's bounds, one known to the month, one to the year."""
    data = base()
    data["sources"][0]["published"]["value"] = "2025-12-31"
    for name, day in (
        ("in-first", "2025-07-25"),
        ("in-last", "2025-11-05"),
        ("out-before", "2025-07-24"),
        ("out-after", "2025-11-06"),
        ("in-month", "2025-07"),
        ("in-year", "2025"),
        ("before-1950", "1949-12-31"),
    ):
        add(data, "positions", id=f"p-{name}", as_of=day, summary=f"Position {name}.")
        add_event(data, f"e-{name}", day)
    return data


def test_the_timeline_keeps_what_overlaps_its_period_and_counts_the_rest(tmp_path):
    frames = frames_of(tmp_path, dated_data())
    busy = views.timeline_view(frames, Selection(), "busy")
    kept = ["in-first", "in-last", "in-month", "in-year"]
    assert sorted(busy.events["id"]) == sorted(["witkoff-moscow", *(f"e-{name}" for name in kept)])
    assert busy.notes == [
        "6 dated items fall outside August–October 2025: choose another period to see them.",
        "2 items known only to the year are listed in the table below, not drawn.",
    ]
    assert len(busy.table) == 10  # the year-only items are in the table
    year = views.timeline_view(frames, Selection(), "2025")
    assert year.notes[0] == "2 dated items fall outside All of 2025: choose another period to see them."
    assert len(year.events) == 7
    everything = views.timeline_view(frames, Selection(), "all")
    assert everything.notes == ["2 items known only to the year are listed in the table below, not drawn."]  # nothing dated is outside
    russia = views.timeline_view(frames, Selection(parties=("russia",), issues=("sanctions",)), "2025")
    assert russia.notes == year.notes


def test_the_timeline_table_lists_events_and_positions_by_date_in_words(tmp_path):
    frames = frames_of(tmp_path, changed_data())
    table = views.timeline_view(frames, Selection(), "busy").table
    assert list(table.columns) == ["Date", "Known to the", "Who", "Issue", "Source", "Passage", "What"]
    assert table.drop(columns="Passage").to_dict("records") == [
        {
            "Date": "2025-08",
            "Known to the": "month",
            "Who": "Russia",
            "Issue": "New sanctions",
            "What": "opposes: Russia has prepared to withstand economic pressure.",
            "Source": "Defense Priorities",
        },
        {"Date": "2025-08-06", "Known to the": "day", "Who": "Event", "Issue": "", "What": "Witkoff visits Moscow", "Source": "Defense Priorities"},
        {
            "Date": "2025-08-07",
            "Known to the": "day",
            "Who": "Russia",
            "Issue": "New sanctions",
            "What": "supports: Later, Russia supports it.",
            "Source": "Defense Priorities",
        },
    ]
    assert all(link.startswith("sources?read=dp&cite=") for link in table["Passage"])


def test_the_timeline_axis_spans_its_period_or_for_all_dates_what_there_is(tmp_path):
    frames = frames_of(tmp_path, changed_data())

    def axis(period: str) -> list:
        return [pd.Timestamp(bound) for bound in views.timeline_view(frames, Selection(), period).figure.layout.xaxis.range]

    assert axis("busy") == [pd.Timestamp("2025-07-25"), pd.Timestamp("2025-11-05")]
    assert axis("2025") == [pd.Timestamp("2025-01-01"), pd.Timestamp("2025-12-31")]
    assert axis("all") == [pd.Timestamp("2025-08-01") - pd.Timedelta(days=120), pd.Timestamp("2025-08-31") + pd.Timedelta(days=60)]


def test_the_timeline_draws_nothing_when_nothing_is_dated_finer_than_the_year(tmp_path):
    data = base()
    data["positions"][0]["as_of"] = "2025"
    data["events"][0]["date"] = "2025"
    view = views.timeline_view(frames_of(tmp_path, data), Selection(), "all")
    assert view.figure is None
    assert view.notes == ["2 items known only to the year are listed in the table below, not drawn."]
    assert len(view.table) == 2


def test_a_single_item_outside_the_period_or_known_only_to_the_year_is_told_in_the_singular(tmp_path):
    data = base()
    data["positions"][0]["as_of"] = "2025"
    data["events"][0]["date"] = "2025-01-10"
    view = views.timeline_view(frames_of(tmp_path, data), Selection(), "busy")
    assert view.notes == [
        "1 dated item falls outside August–October 2025: choose another period to see them.",
        "1 item known only to the year is listed in the table below, not drawn.",
    ]


def test_the_timeline_draws_the_busiest_parties_and_the_latest_events_and_says_so(tmp_path, monkeypatch):
    data = two_by_two()
    add_event(data, "early", "2025-07-01")
    frames = frames_of(tmp_path, data)
    monkeypatch.setattr(views, "TIMELINE_ROWS", 2)
    monkeypatch.setattr(views, "TIMELINE_EVENTS", 2)
    whole = views.timeline_view(frames, Selection(), "busy")
    assert whole.notes == ["1 dated item falls outside August–October 2025: choose another period to see them."]  # the early event
    assert list(whole.figure.layout.yaxis.ticktext) == ["Events", "Russia", "United States"]
    monkeypatch.setattr(views, "TIMELINE_ROWS", 1)
    monkeypatch.setattr(views, "TIMELINE_EVENTS", 1)
    capped = views.timeline_view(frames, Selection(), "2025")
    assert capped.notes == [
        "Showing the 1 parties with the most positions; filter by party to see others.",
        "Showing the 1 latest events; filter to see others.",
    ]
    assert list(capped.figure.layout.yaxis.ticktext) == ["Events", "United States"]
    monkeypatch.setattr(views, "TIMELINE_EVENTS", 2)
    assert views.timeline_view(frames, Selection(), "2025").notes == capped.notes[:1]  # two events, two drawn: no note
    usa = views.timeline_view(frames, Selection(parties=("usa",)), "2025")
    assert usa.events.empty and usa.figure is not None and [trace.name for trace in usa.figure.data if trace.showlegend is False] == ["✔ supports"]
    [events] = [trace for trace in capped.figure.data if trace.name == "event" and trace.showlegend is False]
    assert [pd.Timestamp(x) for x in events.x] == [pd.Timestamp("2025-08-06")]
    assert len(capped.table) == 5 and len(capped.events) == 2  # the table and the list keep them all


def test_the_timeline_shows_the_latest_changes_of_its_period_oldest_first_and_counts_the_others(tmp_path, monkeypatch):
    data = changed_data()
    add(
        data,
        "positions",
        id="p3",
        stance="conditional",
        as_of="2025-08-08",
        supersedes="p2",
        summary="Then only on conditions.",
        citations=[citation(DP_QUOTES[2])],
    )
    frames = frames_of(tmp_path, data)
    both = views.timeline_view(frames, Selection(), "busy")
    assert [(before["id"], after["id"]) for before, after, _ in both.changes] == [("p1", "p2"), ("p2", "p3")]
    assert both.changes[1][2].startswith("from supports to conditional, 2025-08-07 → 2025-08-08")
    assert both.hidden_changes == 0
    monkeypatch.setattr(views, "TIMELINE_CHANGES", 2)
    assert views.timeline_view(frames, Selection(), "busy").hidden_changes == 0
    monkeypatch.setattr(views, "TIMELINE_CHANGES", 1)
    latest = views.timeline_view(frames, Selection(), "busy")
    assert [(before["id"], after["id"]) for before, after, _ in latest.changes] == [("p2", "p3")] and latest.hidden_changes == 1
    assert views.timeline_view(frames, Selection(issues=("other",)), "busy").changes == []


def test_the_about_page_lists_the_figures_of_the_chosen_issues_discrepancies_first():
    frames = real_data_frames()
    figures = views.about_view(frames, Selection()).figures
    assert len(figures) == len(frames.landscape.figures)
    flags = [(figure.discrepancy, figure.over_time) for figure in figures]
    assert flags == sorted(flags, reverse=True)  # discrepancies, then changes over time, then the rest
    # 30% held by Ukraine in August (The New Yorker), about 25% in October (The American Conservative): a change, not a clash.
    donetsk_share = next(figure for figure in figures if figure.id == "donetsk-share-held-by-ukraine")
    assert (donetsk_share.discrepancy, donetsk_share.over_time) == (False, True)
    issue = {figure.id: figure.issue for figure in frames.landscape.figures}
    names = dict(zip(frames.issues["id"], frames.issues["name"], strict=True))
    assert all(figure.issue_name == (names[issue[figure.id]] if issue[figure.id] else None) for figure in figures)
    [donetsk] = views.about_view(frames, Selection(issues=("territorial-concessions",))).figures
    assert donetsk.issue_name == names["territorial-concessions"]
    stated = {figure.id: figure for figure in frames.landscape.figures}
    for figure in figures:
        source = stated[figure.id]
        assert (figure.name, figure.unit) == (source.name, source.unit)
        expected = {f"{source.name}: {value.value}": (value.value, None if value.as_of is None else str(value.as_of)) for value in source.values}
        assert figure.values == [(*value, label) for label, value in expected.items()]  # values the articles agree on: once
    as_of = [as_of for figure in figures for _, as_of, _ in figure.values]
    assert None in as_of and any(isinstance(day, str) for day in as_of)
    chosen = ("weapons-supply", "territorial-concessions")
    expected = [figure.id for figure in frames.landscape.figures if figure.issue in chosen]
    assert len(expected) == 2  # with figures of other issues between them
    assert sorted(figure.id for figure in views.about_view(frames, Selection(issues=chosen)).figures) == sorted(expected)
    chosen = frames.issues[frames.issues["id"].isin(["territorial-concessions", "weapons-supply"])]
    codebook = views.about_view(frames, Selection(issues=tuple(chosen["id"])))
    assert [(group, list(rows["name"])) for group, rows in codebook.codebook] == [
        (group, [name]) for group, name in zip(chosen["group"], chosen["name"], strict=True)
    ]
    assert list(codebook.codebook[0][1].columns) == ["name", "proposition", "supports_means", "opposes_means", "scope"]
    assert all(isinstance(group, str) for group, _ in codebook.codebook) and codebook.hidden_issues == 0


def test_replay_steps_count_positions_per_day_and_skip_what_is_known_only_to_the_year(tmp_path):
    data = changed_data()
    add(data, "positions", id="p3", as_of="2025-08-07", summary="Same day.", citations=[citation(DP_QUOTES[2])])
    add(data, "positions", id="p4", as_of="2025", summary="Some time in 2025.", citations=[citation(DP_QUOTES[2])])
    add_event(data, "year-only", "2025")
    add_event(data, "same-day", "2025-08-06", title="Another meeting")
    frames = frames_of(tmp_path, data)
    assert [(step.day, step.what) for step in views.replay_steps(frames, Selection())][1:] == [
        ("2025-08-01", "1 position dated from this day."),
        ("2025-08-06", "Witkoff visits Moscow; Another meeting."),
        ("2025-08-07", "2 positions dated from this day."),
    ]
    add_party(data, "usa", "United States")
    # A filter keeps the days (a chosen day survives it); what each step says is the view's.
    filtered = views.replay_steps(frames_of(tmp_path, data), Selection(parties=("usa",)))
    assert [step.day for step in filtered] == ["2025-07-31", "2025-08-01", "2025-08-06", "2025-08-07"]
    assert all(step.what.startswith("Nothing in this view") for step in filtered[1:])


def test_a_day_that_is_no_step_opens_the_nearest_earlier_one():
    days = ["2025-08-14", "2025-08-15", "2025-08-18"]
    assert views.nearest_earlier_step(days, "2025-08-16") == "2025-08-15"
    assert views.nearest_earlier_step(days, "2025-08-18") == "2025-08-18"
    assert views.nearest_earlier_step(days, "2025-09-30") == "2025-08-18"
    assert views.nearest_earlier_step(days, "2025-08-01") is None
    assert views.nearest_earlier_step(days, "16 August") is None


def test_reader_request_notices_say_what_was_wrong_with_the_link():
    frames = real_data_frames()
    first = frames.citations.iloc[0]
    elsewhere = frames.citations[frames.citations["source"] != first["source"]].iloc[0]
    unknown = views.reader_request("x" * 50, str(first["cite"]), frames)
    assert unknown.notices == [f"The link asked for an unknown source ({'x' * 40!r}); showing the first article."]
    assert (unknown.source, unknown.cite) == (first["source"], int(first["cite"]))
    wrong = views.reader_request(first["source"], str(elsewhere["cite"]), frames)
    assert (wrong.source, wrong.cite) == (first["source"], None)
    assert wrong.notices == [f"The link's passage number {elsewhere['cite']} is not a passage of this article; showing the whole article."]
    missing = views.reader_request(None, "999999", frames)
    assert (missing.source, missing.cite) == (None, None) and "999999 is not a passage" in missing.notices[0]
    assert views.reader_request(None, "x" * 50, frames).notices == [f"The link's passage number ({'x' * 40!r}) is not a number; showing the whole article."]
    long = views.reader_request(None, "1" * 10, frames)
    assert long.notices == [f"The link's passage number ({'1' * 10!r}) is not a number; showing the whole article."]
    assert views.reader_request(None, "1" * 9, frames).notices == [
        f"The link's passage number {'1' * 9} is not a passage of this article; showing the whole article."
    ]
    assert views.reader_request("", "", frames) == views.ReaderRequest()


def two_sources() -> dict:
    data = base()
    add_other_source(data)["outlet"] = {"value": "Other Outlet", "basis": "public"}
    return data


def test_source_panels_list_what_is_known_of_each_article_and_its_authors_answers(tmp_path, monkeypatch):
    frames = frames_of(tmp_path, two_sources())
    view = views.source_panels_view(frames, Selection())
    dp, other = view.panels
    assert (dp.source_id, dp.title) == ("dp", "For a Trump–Putin Summit, Small Victories Can Turn Into Big Wins")
    assert dp.facts == [
        ("Outlet", "Defense Priorities", "confirmed publicly"),
        ("Author", "Dan Caldwell", "confirmed publicly"),
        ("Published", "2025-08-09", "confirmed publicly"),
        ("URL", "https://www.defensepriorities.org/opinion/x", "confirmed publicly"),
    ]
    assert (dp.viewpoint_id, dp.thesis) == ("dp-view", "Small steps at the summit can lead to peace.")
    assert dp.answers == [("Whom does time favour?", "Russia", "Russia has the military edge.", "Answer: time")]
    assert (other.source_id, other.title, other.viewpoint_id, other.thesis, other.answers) == ("other", "Another article", None, None, [])
    assert view.hidden == 0
    assert view.articles == {
        "dp": "For a Trump–Putin Summit, Small Victories Can Turn Into Big Wins (Defense Priorities)",
        "other": "Another article (Other Outlet)",
    }
    chosen = views.source_panels_view(frames, Selection(sources=("other",)))
    assert [panel.source_id for panel in chosen.panels] == ["other"] and chosen.hidden == 0 and chosen.articles == view.articles
    monkeypatch.setattr(views, "SOURCE_PANELS", 1)
    capped = views.source_panels_view(frames, Selection())
    assert [panel.source_id for panel in capped.panels] == ["dp"] and capped.hidden == 1


def test_a_source_panel_says_unknown_for_what_is_not_known(tmp_path):
    data = base()
    data["sources"][0]["title"] = {"value": None, "basis": "unknown"}
    data["sources"][0]["author"] = {"value": None, "basis": "unknown"}
    frames = frames_of(tmp_path, data)
    [panel] = views.source_panels_view(frames, Selection()).panels
    assert panel.title == "Title unknown"
    assert panel.facts[1] == ("Author", "unknown", "unknown")
    assert views.source_panels_view(frames, Selection()).articles == {"dp": f"{frames.sources['name'][0]} (Defense Priorities)"}


def test_a_passage_is_described_by_what_cites_it(tmp_path):
    frames = frames_of(tmp_path, base())
    describe = views.passage_description
    assert describe(frames, "position", "p1", "label") == "Russia on New sanctions: Russia has prepared to withstand economic pressure."
    assert describe(frames, "position", "nobody", "label") == "label"
    assert describe(frames, "answer", "dp-view", "Answer: time") == "Whom does time favour? → Russia"
    assert describe(frames, "answer", "another-view", "Answer: time") == "Whom does time favour?"
    assert describe(frames, "answer", "dp-view", "Answer: unasked") == "unasked"
    assert describe(frames, "viewpoint", "dp-view", "label") == "Small steps at the summit can lead to peace."
    assert describe(frames, "viewpoint", "nobody", "label") == "label"
    assert describe(frames, "event", "witkoff-moscow", "Witkoff visits Moscow") == "Witkoff visits Moscow"


def test_the_reader_focuses_a_passage_with_its_context_and_its_place_in_the_legend(tmp_path):
    frames = frames_of(tmp_path, base())
    text = (Path(__file__).parent.parent / "seeds" / "001_3d8f25a0667e7c1c.txt").read_text(encoding="utf-8")
    cites = dict(zip(frames.citations["owner_id"], frames.citations["cite"], strict=True))
    view = views.reader_view(frames, None, "dp", int(cites["p1"]), text)
    assert view.focus is not None
    assert view.focus.passage == DP_QUOTES[0] and view.focus.kind == "Position"
    assert view.focus.description == "Russia on New sanctions: Russia has prepared to withstand economic pressure."
    start = int(frames.citations.set_index("owner_id").loc["p1", "start"])
    assert view.focus.before and view.focus.after
    assert text[start - len(view.focus.before) : start + len(DP_QUOTES[0]) + len(view.focus.after)] == view.focus.before + DP_QUOTES[0] + view.focus.after
    assert view.focus.number == next(entry.number for entry in view.legend if entry.cite == cites["p1"])
    assert [entry.kind for entry in view.legend] == [entry.kind for entry in sorted(view.legend, key=lambda entry: entry.number)]
    assert sorted(entry.kind for entry in view.legend) == ["Event", "Position", "The author's answer", "The author's thesis"]
    assert view.html.count(f"id='{TARGET_ID}'") == 1 and view.legend_html.count("(the linked passage)") == 1
    assert view.html.count("class='cited") == len(view.legend) == 4  # every passage of the article, whatever the selection
    assert all(html.escape(entry.description) in view.legend_html for entry in view.legend)
    for unfocused in (views.reader_view(frames, Selection(parties=("nobody",)), "dp", None, text), views.reader_view(frames, None, "dp", 12345, text)):
        assert unfocused.focus is None and unfocused.legend == view.legend
        assert TARGET_ID not in unfocused.html and "(the linked passage)" not in unfocused.legend_html


def test_the_explorer_view_keeps_the_selection_and_gives_each_row_its_quotes_and_passages(tmp_path):
    data = two_sources()
    data["positions"][0]["citations"] = [citation(DP_QUOTES[0]), citation(OTHER_QUOTE, "other")]
    add_party(data, "usa", "United States")
    add(
        data,
        "positions",
        id="u1",
        party="usa",
        stance="supports",
        summary="The US wants sanctions.",
        speaker="Sergei Lavrov",
        citations=[citation(DP_QUOTES[1])],
    )
    frames = frames_of(tmp_path, data)
    rows = views.explorer_view(frames, Selection(), (), (), "")
    assert list(rows["id"]) == ["p1", "u1"]
    assert rows.iloc[0]["citations"] == [{"source": "dp", "quote": DP_QUOTES[0]}, {"source": "other", "quote": OTHER_QUOTE}]
    cites = frames.citations[frames.citations["owner_id"] == "p1"]["cite"]
    assert rows.iloc[0]["passages"] == tuple(cites) and len(cites) == 2
    assert list(views.explorer_view(frames, Selection(parties=("usa",)), (), (), "")["id"]) == ["u1"]
    assert list(views.explorer_view(frames, Selection(sources=("other",)), (), (), "")["id"]) == ["p1"]
    assert list(views.explorer_view(frames, Selection(), ("supports",), (), "")["id"]) == ["u1"]
    assert list(views.explorer_view(frames, Selection(), (), (), "  WANTS  us ")["id"]) == ["u1"]
    assert list(views.explorer_view(frames, Selection(), (), (), "lavrov")["id"]) == ["u1"]  # the speaker is searched too
    one_day = (views.explorer_bounds(frames, Selection())[0],)  # a range still being picked: no date filter yet
    assert list(views.explorer_view(frames, Selection(), (), one_day, "")["id"]) == ["p1", "u1"]


def test_the_explorer_date_range_is_every_day_a_position_can_mean(tmp_path):
    data = base()
    add(data, "positions", id="p2", as_of="2025", summary="Some time in 2025.", citations=[citation(DP_QUOTES[1])])
    frames = frames_of(tmp_path, data)
    assert views.explorer_bounds(frames, Selection(parties=("nobody",))) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    july = (dt.date(2025, 7, 1), dt.date(2025, 7, 31))
    assert list(views.explorer_rows(frames.positions, period=july)["id"]) == ["p2"]
    assert list(views.explorer_rows(frames.positions, period=(dt.date(2025, 7, 1), dt.date(2025, 8, 1)))["id"]) == ["p1", "p2"]
    assert list(views.explorer_rows(frames.positions, period=(dt.date(2025, 8, 31), dt.date(2025, 9, 30)))["id"]) == ["p1", "p2"]


def test_the_codebook_keeps_the_groups_in_the_order_of_the_data(tmp_path):
    data = base()
    add(data, "issues", id="ceasefire", name="Ceasefire first", group="security")
    add(data, "issues", id="aid", name="Aid", group="economic")
    data["issues"].insert(0, data["issues"].pop(1))  # security first: not the alphabetical order
    codebook = views.about_view(frames_of(tmp_path, data), Selection()).codebook
    assert [(group, list(rows["name"])) for group, rows in codebook] == [("security", ["Ceasefire first"]), ("economic", ["New sanctions", "Aid"])]


def test_the_timeline_table_lists_items_of_the_same_day_events_first_each_in_the_order_of_the_data():
    frames = real_data_frames()
    table = views.timeline_view(frames, Selection(), "all").table
    events = [(start, 0, index, title) for index, (start, title) in enumerate(zip(frames.events["start"], frames.events["title"], strict=True))]
    positions = [
        (start, 1, index, f"{stance}: {summary}")
        for index, (start, stance, summary) in enumerate(
            zip(frames.positions["as_of_start"], frames.positions["stance"], frames.positions["summary"], strict=True)
        )
    ]
    assert list(table["What"]) == [what for *_, what in sorted(events + positions)]
    assert len(table) == len(frames.events) + len(frames.positions)


def test_changes_of_the_same_day_beyond_the_cap_are_the_last_ones_of_the_data(tmp_path):
    data = base()
    data["positions"] = []
    for number in range(20):
        add_issue(data, f"issue-{number}", f"Issue {number}")
        data["positions"] += [
            clone(base()["positions"][0], id=f"before-{number}", issue=f"issue-{number}"),
            clone(base()["positions"][0], id=f"after-{number}", issue=f"issue-{number}", stance="supports", as_of="2025-08-07", supersedes=f"before-{number}"),
        ]
    view = views.timeline_view(frames_of(tmp_path, data), Selection(), "busy")
    assert [after["id"] for _, after, _ in view.changes] == [f"after-{number}" for number in range(14, 20)] and view.hidden_changes == 14


def test_unknown_source_fields_are_unknown_in_the_frames_and_panels(tmp_path):
    frames = frames_of(tmp_path, unknown_bibliography())
    assert not any(known(value) for value in frames.sources.loc[0, ["title", "outlet", "author", "published", "url"]])
    [panel] = source_panels_view(frames, Selection()).panels
    assert panel.title == "Title unknown"
    assert [(name, value) for name, value, _ in panel.facts] == [
        ("Outlet", "unknown"),
        ("Author", "unknown"),
        ("Published", "unknown"),
        ("URL", "unknown"),
    ]


def test_the_timeline_table_names_each_items_source_and_links_to_its_passage():
    frames = real_data_frames()
    view = views.timeline_view(frames, Selection(), "all")
    assert len(view.table) == len(frames.positions) + len(frames.events)
    from urllib.parse import parse_qs, urlsplit

    passages = real_data().passages
    whats = set()
    for row in view.table.itertuples():
        link = urlsplit(row.Passage)
        assert link.path == "sources" and row.Source, row
        query = parse_qs(link.query)
        passage = passages[int(query["cite"][0])]
        assert query["read"] == [passage.source] and frames.source_names[passage.source] in row.Source
        whats.add(passage.owner_kind)
    assert whats == {"position", "event"}


def test_the_list_of_disagreements_names_each_articles_side():
    frames = real_data_frames()
    found = views.disagreements(frames, Selection())
    matrix = views.matrix_view(frames, Selection()).matrix
    assert [(item.issue, item.party) for item in found] == list(
        matrix.loc[matrix["status"] == "conflicting", ["issue", "party"]].itertuples(index=False, name=None)
    )
    for item in found:
        assert item.sides.count(":") >= 2 and ("supports" in item.sides or "conditional" in item.sides)
        assert "opposes" in item.sides


def test_the_cells_explanation_never_repeats_its_verdict():
    """The dialog says "Sources agree." then the explanation: "Sources agree. The articles agree: ..." said it twice."""
    frames = real_data_frames()
    from landscape.vocabulary import VERDICT

    verdicts = set()
    for row in views.matrix_view(frames, Selection()).matrix.itertuples():
        if row.verdict == "none":
            continue
        detail = cell_detail(frames, Selection(), row.issue, row.party)
        verdicts.add(detail.verdict)
        words = {"agree", "disagree", "mixed", "changed", "the articles"}
        first = detail.explanation.casefold().split(". ")[0].split(":")[0]  # the lead-in, before the evidence and the notes
        assert not {word for word in words if word in first}, detail.explanation
        assert detail.verdict_text not in detail.explanation and detail.verdict_text in {term.word for term in VERDICT.values()}
    assert {"agree", "single", "changed", "shifted"} <= verdicts  # the real data have no two articles clashing about one moment

"""The 'Where they could agree' page in AppTest: what it says follows the export's state of play, the link's filters and date."""

from __future__ import annotations

import datetime as dt

from builders import drawn_text, open_page
from conftest import real_data

from landscape.common import State
from landscape.export import export_dict
from landscape.vocabulary import STATE

DATASET = real_data()
ISSUE_NAMES = {issue.id: issue.name for issue in DATASET.landscape.issues}


def counts(app) -> dict[str, int]:
    return {metric.label: int(metric.value) for metric in app.metric}


def exported_counts(as_of: dt.date | None = None, parties: tuple[str, ...] = ()) -> dict[str, int]:
    rows = export_dict(DATASET, as_of)["state_of_play"]
    assert not parties  # the export holds every party
    states = [row["state"] for row in rows]
    return {"Common ground": states.count("common_ground"), "Sticking points": states.count("sticking_point"), "Open": states.count("open")}


def issue_order(app) -> list[str]:
    """The issues' names in the order the page lists them (each row starts with its name in bold)."""
    names = set(ISSUE_NAMES.values())
    found = []
    for text in drawn_text(app):
        if text.startswith("**"):
            name = text[2:].split("**")[0]
            if name in names:
                found.append(name)
    return found


def test_the_page_counts_and_orders_the_issues_as_the_export_does():
    app = open_page("common_ground")
    assert not app.exception
    assert counts(app) == exported_counts()
    order = issue_order(app)
    assert len(order) == len(ISSUE_NAMES)
    states = {ISSUE_NAMES[row["issue"]]: row["state"] for row in export_dict(DATASET)["state_of_play"]}
    ranks = [list(State).index(State(states[name])) for name in order]
    assert ranks == sorted(ranks)  # common ground, then sticking points, then open
    text = "\n".join(drawn_text(app))
    assert "All four accept it; Russia on the condition" in text and "which Ukraine rejects" in text
    assert "not a forecast" in text


def test_the_links_date_gives_the_state_of_play_of_that_day():
    for day in ("2025-08-09", "2025-08-20"):  # days of the date control's steps (a day between steps is not one)
        app = open_page("common_ground", {"as_of": day})
        assert not app.exception
        assert app.select_slider(key="as_of").value == day
        assert counts(app) == exported_counts(dt.date.fromisoformat(day))
    assert exported_counts(dt.date(2025, 8, 9)) != exported_counts(dt.date(2025, 8, 20))


def test_the_links_filters_leave_out_the_other_parties_and_issues():
    app = open_page("common_ground", {"party": ["russia", "ukraine"], "issue": ["security-guarantees", "territorial-concessions"]})
    assert not app.exception
    assert sorted(issue_order(app)) == sorted([ISSUE_NAMES["security-guarantees"], ISSUE_NAMES["territorial-concessions"]])
    text = "\n".join(drawn_text(app))
    assert "European leaders" not in text and "United States" not in text
    assert "Russia and Ukraine accept it;" in text  # both chosen parties accept security guarantees, each on a condition


def test_opening_a_condition_shows_its_quote_and_the_refusals():
    app = open_page("common_ground")
    veto = next(p for p in DATASET.landscape.positions if p.id == "ny-russia-security-guarantees-veto")
    refusal = next(p for p in DATASET.landscape.positions if p.id == "ny-ukraine-security-guarantees")
    [closed] = [expander for expander in app.expander if "veto rights" in expander.label]
    assert not any("non-starter" in text for text in drawn_text(app))
    app.session_state[closed.key] = True  # the reader opens it
    app.run()
    text = "\n".join(drawn_text(app))
    assert veto.citations[0].quote in text and refusal.citations[0].quote in text
    assert "Refused by Ukraine" in text
    assert STATE[State.STICKING_POINT].word in text


def test_the_overview_counts_common_ground_and_sticking_points_and_links_the_page():
    app = open_page("overview")
    assert not app.exception
    wanted = exported_counts()
    label = f"{wanted['Common ground']} issues of common ground and {wanted['Sticking points']} sticking points: see where they could agree"
    links = [link for link in app.get("page_link") if link.proto.label == label]
    assert len(links) == 1 and links[0].proto.page.endswith("common_ground")

"""landscape.frames: joins, filters and the matrix aggregation, checked against the data."""

from __future__ import annotations

import re

import pytest
from builders import PINNED_STANCES, frames_of, two_issue_events

from landscape.cells import Cell, Verdict
from landscape.frames import (
    Selection,
    build_frames,
    cell_label,
    cell_status,
    filter_events,
    filter_positions,
    matrix_table,
    stance_label,
    stance_matrix,
)
from landscape.load import DEFAULT_DATA, load_dataset
from landscape.vocabulary import CELL_STATUS, cell_colours
from landscape.widgets import stance_badge_html


def independent_fold(text: str) -> str:
    """Written apart from landscape.quotes: straighten typography, drop all white space."""
    for curly, straight in (("‘", "'"), ("’", "'"), ("“", '"'), ("”", '"'), ("–", "-"), ("—", "-"), ("…", "...")):
        text = text.replace(curly, straight)
    return re.sub(r"\s+", "", text)


def test_positions_frame_has_one_joined_row_per_position(real_dataset, real_frames):
    dataset, frames = real_dataset, real_frames
    assert list(frames.positions["id"]) == [p.id for p in dataset.landscape.positions]
    names = {party.id: party.name for party in dataset.landscape.parties}
    assert all(frames.positions["party_name"] == frames.positions["party"].map(names))


def test_month_precision_spans_the_whole_month(real_frames):
    frames = real_frames
    month = frames.positions[frames.positions["as_of"].str.len() == 7].iloc[0]
    assert month["as_of_precision"] == "month"
    assert month["as_of_start"].day == 1 and (month["as_of_end"] + __import__("pandas").Timedelta(days=1)).day == 1


def test_every_cited_passage_points_at_its_quote(real_dataset, real_frames):
    dataset, frames = real_dataset, real_frames
    misplaced = []
    for row in frames.citations.itertuples():
        text = dataset.articles[row.source].text[row.start : row.end]
        if independent_fold(text) != independent_fold(row.quote):
            misplaced.append((row.cite, row.quote, text))
    assert len(frames.citations) > 0
    assert misplaced == []  # the highlighted words are the quoted words, every one of them


def test_filters_combine(real_frames):
    frames = real_frames
    selection = Selection(parties=("russia",), issues=("ukraine-nato", "european-force"))
    chosen = filter_positions(frames.positions, selection)
    assert len(chosen) > 0
    assert set(chosen["party"]) == {"russia"} and set(chosen["issue"]) <= {"ukraine-nato", "european-force"}
    by_source = filter_positions(frames.positions, Selection(sources=("splinter",)))
    assert all("splinter" in sources for sources in by_source["source_list"])
    events = filter_events(frames.events, Selection(parties=("europe",)))
    assert 0 < len(events) < len(frames.events) and all("europe" in ids for ids in events["parties"])


def test_cell_status_shows_the_verdict_not_the_labels():
    def cell(verdict, stance=None):
        return Cell("russia", "x", verdict, stance, "firm", {}, False, (), ())

    assert cell_status(None) == "none"
    assert cell_status(cell(Verdict.AGREE, "supports")) == "supports"
    assert cell_status(cell(Verdict.DISAGREE)) == "conflicting"
    assert cell_status(cell(Verdict.MIXED)) == "mixed"


def test_cell_label_names_stance_certainty_sources_and_change():
    cell = Cell("russia", "x", Verdict.CHANGED, "opposes", "hedged", {"a": ("opposes",), "b": ("opposes",)}, True, ("p2",), ("p1",))
    assert cell_label(cell) == "✘ opposes ↻ · hedged · 2 sources"
    assert cell_label(Cell("russia", "x", Verdict.SINGLE, "supports", "firm", {"a": ("supports",)}, False, ("p",), ())) == "✔ supports · 1 source"
    assert cell_label(None) == "· not covered"


def test_matrix_counts_match_positions_and_superseded_history_is_not_a_conflict(real_dataset, real_frames):
    dataset, frames = real_dataset, real_frames
    matrix = stance_matrix(frames.positions, frames.parties, frames.issues)
    assert len(matrix) == len(frames.parties) * len(frames.issues)
    assert matrix["count"].sum() == len(dataset.landscape.positions)
    superseded = [p for p in dataset.landscape.positions if p.supersedes]
    assert superseded, "the data records at least one change of position"
    for later in superseded:
        cell = matrix[(matrix["issue"] == later.issue) & (matrix["party"] == later.party)].iloc[0]
        assert cell["changed"]
        assert "↻" in cell["label"]
    conflicts = matrix[matrix["status"] == "conflicting"]
    assert (conflicts["verdict"] == "disagree").all() and (conflicts["sources"] >= 2).all()


def test_hedged_cells_are_paler_and_every_cell_ink_meets_contrast():
    from landscape.vocabulary import _luminance

    for status in CELL_STATUS:
        for certainty in ("firm", "hedged"):
            background, ink = cell_colours(status, certainty)
            light, dark = sorted([_luminance(background), _luminance(ink)])
            assert (dark + 0.05) / (light + 0.05) >= 4.5, (status, certainty)
    assert cell_colours("supports", "hedged")[0] != cell_colours("supports", "firm")[0]


def test_matrix_table_keeps_issue_order_and_party_columns(real_frames):
    frames = real_frames
    table = matrix_table(stance_matrix(frames.positions, frames.parties, frames.issues))
    assert list(table["issue"]) == list(frames.issues["id"])
    assert list(table.columns[3:]) == list(frames.parties["name"])


def fresh():
    """The real data's frames, built inside the calling test (so mutation testing sees which test covers build_frames)."""
    dataset = load_dataset(DEFAULT_DATA)
    return dataset, build_frames(dataset)


def _raw() -> dict:
    import yaml

    return yaml.safe_load(DEFAULT_DATA.read_text(encoding="utf-8"))


def test_every_position_row_says_what_the_data_file_says():
    _, frames = fresh()
    raw = _raw()
    party_names = {party["id"]: party["name"] for party in raw["parties"]}
    issues = {issue["id"]: issue for issue in raw["issues"]}
    outlets = {source["id"]: source["outlet"]["value"] or source["title"]["value"] or source["id"] for source in raw["sources"]}
    replaced = {position["supersedes"] for position in raw["positions"] if position.get("supersedes")}
    first_cite = frames.citations[frames.citations["owner_kind"] == "position"].groupby("owner_id")["cite"].min()
    assert len(frames.positions) == len(raw["positions"])
    for row, position in zip(frames.positions.to_dict("records"), raw["positions"], strict=True):
        sources = list(dict.fromkeys(citation["source"] for citation in position["citations"]))
        expected = {
            "id": position["id"],
            "party_name": party_names[position["party"]],
            "issue_name": issues[position["issue"]]["name"],
            "as_of": str(position["as_of"]),
            "as_of_precision": "window" if "/" in str(position["as_of"]) else {10: "day", 7: "month", 4: "year"}[len(str(position["as_of"]))],
            "date_basis": position.get("date_basis", "text"),
            "speaker": position.get("speaker") or "",
            "source_list": sources,
            "source_names": ", ".join(outlets[source] for source in sources),
            "superseded": position["id"] in replaced,
            "supersedes": position.get("supersedes") or "",
            "cite": first_cite[position["id"]],
        }
        assert {key: row[key] for key in expected} == expected
        assert " ".join(row["quote"].split()) == " ".join(position["citations"][0]["quote"].split())
        assert [" ".join(quote.split()) for quote in row["quotes"].split(" | ")] == [" ".join(c["quote"].split()) for c in position["citations"]]
    assert frames.positions["superseded"].any() and (frames.positions["speaker"] != "").any()
    assert (frames.positions["speaker"] == "").any()


def test_events_are_in_date_order_with_what_the_data_file_says():
    _, frames = fresh()
    raw = _raw()
    by_id = {event["id"]: event for event in raw["events"]}
    assert sorted(by_id) == sorted(frames.events["id"])
    assert list(frames.events.index) == list(range(len(frames.events)))
    starts = list(frames.events["start"])
    assert starts == sorted(starts)
    same_day = [ids for _, ids in frames.events.groupby("start", sort=False)["id"] if len(ids) > 1]
    order = [event["id"] for event in raw["events"]]
    for ids in same_day:  # events on one day keep the data's order
        assert list(ids) == sorted(ids, key=order.index)
    first_cite = frames.citations[frames.citations["owner_kind"] == "event"].groupby("owner_id")["cite"].min()
    for row in frames.events.to_dict("records"):
        event = by_id[row["id"]]
        sources = list(dict.fromkeys(citation["source"] for citation in event["citations"]))
        assert (row["date_basis"], row["kind"], row["parties"], row["source_list"], row["cite"]) == (
            event["date_basis"],
            event.get("kind", "negotiation"),
            event.get("parties", []),
            sources,
            first_cite[row["id"]],
        )


def test_issues_are_grouped_in_the_order_groups_first_appear_then_as_curated(tmp_path):
    from builders import add_issue, base, frames_of

    data = base()  # sanctions (economic)
    add_issue(data, "nato", "NATO")["group"] = "security"
    add_issue(data, "tariffs", "Tariffs")  # economic again, after a security issue
    add_issue(data, "troops", "Troops")["group"] = "security"
    frames = frames_of(tmp_path, data)
    assert list(frames.issues["id"]) == ["sanctions", "tariffs", "nato", "troops"]
    assert list(frames.issues.index) == [0, 1, 2, 3]
    assert list(frames.issues["group"]) == ["economic", "economic", "security", "security"]


def test_a_source_without_an_outlet_is_named_by_its_title_and_without_either_by_its_id(tmp_path):
    from builders import OTHER_QUOTE, add_other_source, base, frames_of

    data = base()
    other = add_other_source(data)
    data["sources"][0]["outlet"] = {"value": None, "basis": "unknown"}
    other["outlet"] = {"value": None, "basis": "unknown"}
    other["title"] = {"value": None, "basis": "unknown"}
    data["positions"][0]["citations"].append({"source": "other", "quote": OTHER_QUOTE})
    frames = frames_of(tmp_path, data)
    title = data["sources"][0]["title"]["value"]
    assert dict(zip(frames.sources["id"], frames.sources["name"], strict=True)) == {"dp": title, "other": "other"}
    [position] = frames.positions.to_dict("records")
    assert (position["source_list"], position["source_names"]) == (["dp", "other"], f"{title}, other")


def test_a_data_set_without_events_still_has_the_event_columns(tmp_path):
    from builders import base, frames_of

    data = base()
    data["events"] = []
    frames = frames_of(tmp_path, data)
    assert {"start", "parties", "issues", "source_list", "cite"} <= set(frames.events.columns)
    assert filter_events(frames.events, Selection(parties=("russia",), sources=("dp",))).empty


def test_filters_by_source_keep_exactly_what_cites_it_and_combine_with_the_others():
    _, frames = fresh()
    for source in frames.sources["id"]:
        kept = filter_positions(frames.positions, Selection(sources=(source,)))
        assert set(kept["id"]) == {row.id for row in frames.positions.itertuples() if source in row.source_list}
        events = filter_events(frames.events, Selection(sources=(source,)))
        assert set(events["id"]) == {row.id for row in frames.events.itertuples() if source in row.source_list}
    source = frames.positions["source_list"].explode().value_counts().index[0]
    party = frames.positions["party"].value_counts().index[0]
    both = filter_positions(frames.positions, Selection(parties=(party,), sources=(source,)))
    assert set(both["id"]) == {row.id for row in frames.positions.itertuples() if row.party == party and source in row.source_list}
    event_party = frames.events["parties"].explode().value_counts().index[0]
    event_issue = frames.events["issues"].explode().value_counts().index[0]
    events = filter_events(frames.events, Selection(parties=(event_party,), issues=(event_issue,)))
    expected = {row.id for row in frames.events.itertuples() if event_party in row.parties and (not row.issues or event_issue in row.issues)}
    assert set(events["id"]) == expected
    event_source = frames.events["source_list"].explode().value_counts().index[0]
    events = filter_events(frames.events, Selection(parties=(event_party,), sources=(event_source,)))
    assert set(events["id"]) == {row.id for row in frames.events.itertuples() if event_party in row.parties and event_source in row.source_list}
    assert set(events["id"]) != {row.id for row in frames.events.itertuples() if event_source in row.source_list}
    assert expected != {row.id for row in frames.events.itertuples() if not row.issues or event_issue in row.issues}


def test_the_matrix_states_each_cells_verdict_as_the_cells_module_decides_it():
    from landscape.cells import compute_cells, inputs_from_landscape

    dataset, frames = fresh()
    for as_of in (None, __import__("datetime").date(2025, 8, 20)):
        cells = compute_cells(inputs_from_landscape(dataset.landscape), as_of=as_of)
        matrix = stance_matrix(frames.positions, frames.parties, frames.issues, as_of=as_of)
        issue_groups = dict(zip(frames.issues["id"], frames.issues["group"], strict=True))
        for row in matrix.to_dict("records"):
            cell = cells.get((row["issue"], row["party"]))
            assert row["issue_group"] == issue_groups[row["issue"]]
            assert row["count"] == sum((p.issue, p.party) == (row["issue"], row["party"]) for p in dataset.landscape.positions)
            if cell is None:
                assert (row["verdict"], row["status"], row["certainty"], row["sources"], row["changed"]) == ("none", "none", "", 0, False)
                assert row["label"] == "· not covered"
                continue
            assert (row["verdict"], row["status"], row["certainty"]) == (cell.verdict.value, cell_status(cell), cell.certainty or "")
            assert (row["sources"], row["changed"]) == (len(cell.sources), cell.changed)
            approximate = as_of is not None and cell.approximate
            assert row["approximate"] == approximate
            assert row["label"] == cell_label(cell) + (" · date approximate" if approximate else "")
        assert matrix["changed"].any()
        assert matrix["approximate"].any() == (as_of is not None)


def test_the_matrix_table_is_headed_group_issue_and_the_party_names():
    _, frames = fresh()
    table = matrix_table(stance_matrix(frames.positions, frames.parties, frames.issues))
    assert list(table.columns) == ["issue", "Group", "Issue", *frames.parties["name"]]
    assert list(table["Issue"]) == list(frames.issues["name"])


def _wcag_luminance(colour: str) -> float:
    """Written apart from landscape.frames: WCAG 2 relative luminance of #RRGGBB."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_each_cell_takes_the_ink_of_higher_contrast_and_a_hedged_or_inferred_cell_is_its_colour_paled_with_white():
    for status, colour in ((status, term.colour) for status, term in CELL_STATUS.items()):
        for certainty in ("firm", "hedged", "inferred"):
            background, ink = cell_colours(status, certainty)
            if certainty == "firm":
                assert background == colour
            else:
                for index in (1, 3, 5):
                    full, pale = int(colour[index : index + 2], 16), int(background[index : index + 2], 16)
                    assert abs(pale - (0.45 * full + 0.55 * 255)) <= 0.5, (status, certainty)
            light = _wcag_luminance(background)
            on_black, on_white = (light + 0.05) / 0.05, 1.05 / (light + 0.05)
            assert ink == ("#000000" if on_black >= on_white else "#FFFFFF"), (status, certainty)


def test_an_empty_string_is_not_a_known_value():
    from landscape.frames import known

    assert not known("") and not known(None) and not known(float("nan"))
    assert known("Reuters")


def test_busiest_names_the_most_frequent_values_first():
    import pandas as pd

    from landscape.frames import busiest

    assert busiest(pd.Series(["a", "b", "b", "c", "c", "c"]), 2) == ["c", "b"]


def test_event_filter_keeps_only_events_on_the_chosen_issue(tmp_path):
    data = two_issue_events()
    frames = frames_of(tmp_path, data)
    issue_a = data["issues"][0]["id"]
    assert list(filter_events(frames.events, Selection(issues=("issue-b",)))["id"]) == ["event-b"]
    assert list(filter_events(frames.events, Selection(issues=(issue_a,)))["id"]) == [data["events"][0]["id"]]
    assert len(filter_events(frames.events, Selection(issues=(issue_a, "issue-b")))) == 2


@pytest.mark.parametrize("stance", list(PINNED_STANCES))
def test_stance_colour_symbol_and_words_are_pinned(stance):
    colour, symbol, words = PINNED_STANCES[stance]
    assert (CELL_STATUS[stance].colour, CELL_STATUS[stance].symbol, CELL_STATUS[stance].word) == (colour, symbol, words)
    assert stance_label(stance) == f"{symbol} {words}"
    badge = stance_badge_html(stance)
    assert f"background:{colour}" in badge and f">{symbol} {words}<" in badge


def test_supports_is_a_tick_and_opposes_a_cross():
    assert stance_label("supports") == "✔ supports"
    assert stance_label("opposes") == "✘ opposes"

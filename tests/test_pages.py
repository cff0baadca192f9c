"""AppTest for every page: renders without exception, with and without filters, and filters change what is shown.

AppTest runs tests/app/entry.py, which calls the same run_app() as dashboard.py from a folder
without pages/ (see docs/testing.md: AppTest treats an entry next to pages/ as a legacy multipage app).
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re

import pytest
from builders import PINNED_STANCES, base, drawn_text, open_page, three_precisions, two_issue_events, unknown_bibliography, write
from conftest import real_data, real_data_frames
from streamlit.testing.v1 import AppTest

from landscape.load import load_dataset
from landscape.markdown import plain
from landscape.schema import is_discrepancy

PAGES = ["overview", "matrix", "common_ground", "timeline", "sources", "positions", "about"]
TITLES = {
    "overview": "Negotiation Landscape",
    "matrix": "Issue matrix",
    "common_ground": "Where they could agree",
    "timeline": "Timeline",
    "sources": "Sources",
    "positions": "Positions explorer",
    "about": "About the data",
}
REAL = real_data().landscape
TWO_ISSUES = [REAL.issues[0], REAL.issues[-1]]


def markdown_text(app: AppTest) -> str:
    return "\n".join(element.value for element in app.markdown)


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_without_exception(page):
    app = open_page(page)
    assert not app.exception
    assert app.title[0].value == TITLES[page]


def linked_filters() -> tuple[list[str], list[str], list[object]]:
    """Two parties and two issues taken from the data (ids change as it is curated), and their positions."""
    data = real_data().landscape
    parties = list(dict.fromkeys(position.party for position in data.positions))[:2]
    issues = list(dict.fromkeys(p.issue for party in parties for p in data.positions if p.party == party))[:2]
    chosen = [p for p in data.positions if p.party in parties and p.issue in issues]
    return parties, issues, chosen


@pytest.mark.parametrize("page", PAGES)
def test_page_renders_with_filters_from_the_link(page):
    parties, issues, chosen = linked_filters()
    data = real_data().landscape
    party_names = [party.name for party in data.parties if party.id in parties]
    issue_names = {issue.name for issue in data.issues if issue.id in issues}
    app = open_page(page, {"party": parties, "issue": issues})
    assert not app.exception
    assert app.multiselect(key="party").value == parties
    assert app.multiselect(key="issue").value == issues
    if page == "overview":  # the counts are the chosen positions'
        assert int(app.metric[0].value) == len(chosen) < len(data.positions)
    elif page == "matrix":  # one column per chosen party, one row per chosen issue
        table = app.dataframe[0].value
        assert list(table.columns[2:]) == party_names and set(table["Issue"]) == issue_names
    elif page == "timeline":  # one row per chosen party, every mark a chosen party's position on a chosen issue
        figure = json.loads(app.get("plotly_chart")[0].proto.spec)
        assert figure["layout"]["yaxis"]["ticktext"][1:] == sorted(html.escape(party, quote=False) for party in party_names)
        heads = {
            hover.split("</b>")[0].removeprefix("<b>") for trace in figure["data"] for hover in trace.get("customdata") or [] if trace.get("name") != "event"
        }
        drawn = {html.escape(f"{party} · {issue}", quote=False) for party in party_names for issue in issue_names}
        assert heads and all(head.rsplit(":", 1)[0] in drawn for head in heads), heads
    elif page == "positions":  # exactly the chosen positions
        table = app.dataframe[0].value
        assert len(table) == len(chosen) and set(table["Party"]) <= set(party_names) and set(table["Issue"]) <= issue_names


def test_party_filter_narrows_the_overview_counts():
    everything = open_page("overview")
    russia = open_page("overview", {"party": "russia"})
    total = int(everything.metric[0].value)
    only_russia = int(russia.metric[0].value)
    assert 0 < only_russia < total
    assert russia.metric[1].value == "1"


def test_filter_widget_changes_the_matrix_columns():
    app = open_page("matrix")
    columns = list(app.dataframe[0].value.columns)
    assert "Ukraine" in columns and "Russia" in columns
    app.multiselect(key="party").set_value(["russia"]).run()
    columns = list(app.dataframe[0].value.columns)
    assert "Russia" in columns and "Ukraine" not in columns


def test_issue_filter_keeps_only_those_matrix_rows():
    app = open_page("matrix", {"issue": [issue.id for issue in TWO_ISSUES]})
    assert list(app.dataframe[0].value["Issue"]) == [issue.name for issue in TWO_ISSUES]


def test_a_cell_in_the_link_opens_its_verdict_with_both_sides_named():
    from landscape.cells import Verdict, compute_cells, inputs_from_landscape

    cells = compute_cells(inputs_from_landscape(REAL))
    # The real data have no two articles clashing about one moment; a cell of reports at different times has two sides too.
    (issue, party), cell = next((key, cell) for key, cell in cells.items() if cell.verdict in (Verdict.DISAGREE, Verdict.SHIFTED))
    app = open_page("matrix", {"cell": f"{issue}/{party}"})
    assert not app.exception
    text = markdown_text(app)
    assert ("Sources disagree." if cell.verdict is Verdict.DISAGREE else "Different stances at different times.") in text
    outlets = {source.id: source.outlet.value for source in REAL.sources}
    for source in cell.sources:
        assert outlets[source] in text
    assert app.query_params["cell"] == f"{issue}/{party}"


def test_a_cell_the_filters_hide_opens_nothing_and_says_so_in_words():
    issue, party = REAL.positions[0].issue, REAL.positions[0].party
    other = next(p.id for p in REAL.parties if p.id != party)
    app = open_page("matrix", {"cell": f"{issue}/{party}", "party": other})
    assert not app.exception
    names = {p.id: p.name for p in REAL.parties} | {i.id: i.name for i in REAL.issues}
    assert any(f"cell {names[party]} · {names[issue]}, which the filters hide" in notice for notice in link_notices(app))
    assert "cell" not in app.query_params


def test_an_unknown_cell_in_the_link_is_dropped_with_a_notice():
    app = open_page("matrix", {"cell": "no-such-issue/russia"})
    assert not app.exception
    assert "Sources disagree." not in markdown_text(app)
    assert any("unknown cell" in notice for notice in link_notices(app))


def test_the_about_page_shows_the_codebook_and_each_figure_discrepancy():
    app = open_page("about")
    from landscape.views import named_issues

    entries = [entry for element in app.markdown if "*Supports means:*" in element.value for entry in element.value.split("\n\n")]
    in_groups = [issue for group in dict.fromkeys(i.group for i in REAL.issues) for issue in REAL.issues if issue.group == group]
    assert len(entries) == len(in_groups)
    for entry, issue in zip(entries, in_groups, strict=True):  # each issue once, in its group, with what its stances mean
        assert entry.startswith(f"**{plain(issue.name)}.** {plain(issue.proposition)}")
        scope = named_issues(issue.scope, {other.id: other.name for other in REAL.issues})  # other issues named, not by id
        assert plain(issue.supports_means) in entry and plain(issue.opposes_means) in entry and plain(scope) in entry
    discrepancies = [figure for figure in REAL.figures if is_discrepancy(figure)]
    warnings = [element.value for element in app.warning]
    assert len(warnings) == len(discrepancies)
    shown = markdown_text(app)
    for figure in REAL.figures:  # one value: the figure and its value on one line; more: a heading, then each value
        [value] = figure.values if len(figure.values) == 1 else [None]
        if value is not None:
            assert f"{plain(figure.name)}**" in shown and f": **{plain(value.value)}**" in shown, figure.name
        else:
            assert all(f"**{plain(each.value)}**" in shown for each in figure.values), figure.name


def test_source_filter_narrows_the_explorer_rows():
    everything = open_page("positions")
    filtered = open_page("positions", {"source": "defense-priorities"})
    assert 0 < len(filtered.dataframe[0].value) < len(everything.dataframe[0].value)


def test_explorer_search_finds_quotes_and_summaries():
    app = open_page("positions")
    app.text_input(key="search").input("Tomahawks").run()
    table = app.dataframe[0].value
    positions = real_data().landscape.positions
    expected = [p for p in positions if "tomahawks" in " ".join([p.summary, p.speaker or "", *(c.quote for c in p.citations)]).casefold()]
    assert 0 < len(table) == len(expected) < len(positions)


def test_explorer_filters_round_trip_through_the_link():
    """Stance, dates and search are bound to ?stance=, ?dates= (ISO, first and last) and ?search=.

    The browser writes a bound widget's value into the address (AppTest cannot read it back; the
    browser test checks that); here the same state set by hand and opened from that exact link agree.
    """
    import datetime as dt

    by_hand = open_page("positions")
    by_hand.multiselect(key="stance").set_value(["opposes", "conditional"]).run()
    by_hand.date_input(key="dates").set_value((dt.date(2025, 8, 1), dt.date(2025, 8, 31))).run()
    by_hand.text_input(key="search").input("Putin").run()
    expected = by_hand.dataframe[0].value
    assert 0 < len(expected) < len(REAL.positions)
    link = {"stance": ["opposes", "conditional"], "dates": ["2025-08-01", "2025-08-31"], "search": "Putin"}
    fresh = open_page("positions", link)
    assert not fresh.exception
    assert fresh.multiselect(key="stance").value == ["opposes", "conditional"]
    assert fresh.date_input(key="dates").value == (dt.date(2025, 8, 1), dt.date(2025, 8, 31))
    assert fresh.text_input(key="search").value == "Putin"
    assert fresh.dataframe[0].value.equals(expected)
    assert {key: fresh.query_params[key] for key in link} == link  # kept, not dropped as unknown


def link_notices(app: AppTest) -> list[str]:
    """The 'Ignored from the link' notices, shown in the main area (a phone hides the sidebar)."""
    return [element.value for element in app.main.info if "Ignored from the link" in element.value]


def test_unknown_ids_in_the_link_are_dropped_with_a_notice():
    app = open_page("overview", {"party": ["nobody", "russia"], "colour": "red"})
    assert not app.exception
    assert app.multiselect(key="party").value == ["russia"]
    notice = "\n".join(link_notices(app))
    assert "nobody" in notice and "colour" in notice


def test_the_link_notice_stays_for_the_link_opened_and_goes_once_the_reader_changes_anything():
    app = open_page("overview", {"party": ["nobody", "russia"]})
    assert link_notices(app)
    app.run()  # the same view: still the link just opened
    assert link_notices(app)
    app.multiselect(key="party").set_value(["russia", "ukraine"]).run()
    assert not app.exception
    assert not link_notices(app)
    app.run()
    assert not link_notices(app)


def test_filters_show_names_and_a_link_with_names_or_with_ids_opens_the_same_view():
    by_id = open_page("matrix", {"party": ["russia", "usa"], "issue": "ceasefire-first", "source": "new-yorker"})
    by_name = open_page("matrix", {"party": ["Russia", "United States"], "issue": "Ceasefire first", "source": "The New Yorker"})
    for app in (by_id, by_name):
        assert not app.exception
        assert not link_notices(app)
        assert app.multiselect(key="party").value == ["russia", "usa"]  # the selection is in ids
        assert app.multiselect(key="party").options == ["Russia", "Ukraine", "United States", "European leaders"]  # shown as names
        assert app.multiselect(key="issue").value == ["ceasefire-first"]
        assert app.multiselect(key="source").value == ["new-yorker"]
    assert by_id.dataframe[0].value.equals(by_name.dataframe[0].value)
    helps = " ".join(widget.help or "" for widget in by_id.sidebar.multiselect)
    assert not re.search(r"\b(usa|europe|new-yorker|ceasefire-first)\b", helps)


PASSAGES = real_data().passages


def reading_order(source: str) -> list[int]:
    """The data's passage indices of one article, in the order they appear in its text."""
    return [index for index, _ in sorted(((i, p) for i, p in enumerate(PASSAGES) if p.source == source), key=lambda x: (x[1].start, x[1].end, x[0]))]


def html_text(app: AppTest) -> str:
    return "\n".join(element.proto.body for element in app.html)


def test_reader_opens_at_the_linked_passage():
    order = reading_order("splinter")
    cite = order[5]  # links carry the data's index; the page shows the number in reading order
    app = open_page("sources", {"read": "splinter", "cite": str(cite)})
    assert not app.exception
    assert "Linked passage [6]" in markdown_text(app)
    assert app.selectbox(key="reader_article").value == "splinter"
    assert app.segmented_control(key="section").value == "Reader"
    article = html_text(app)
    assert article.count("id='cited-passage'") == 1 and "cited-target" in article
    assert "scrollIntoView" in article  # the page scrolls the linked passage into view


def test_reader_numbers_passages_in_reading_order_and_names_what_cites_them():
    app = open_page("sources", {"read": "splinter"})
    article = html_text(app)
    numbers = [int(n) for n in re.findall(r"href='#note-(\d+)'", article)]
    assert numbers == list(range(1, len(reading_order("splinter")) + 1))
    assert "Answer: " not in article and "Answer\\:" not in markdown_text(app)  # no question ids, the questions' text
    questions = {question.text for question in REAL.questions}
    assert any(text in article for text in questions)
    assert "own_statement" not in article


def test_choosing_another_article_after_a_quote_link_sticks_and_goes_in_the_link():
    """The picker used to snap back: the page rewrote it from ?read= on every run."""
    cite = reading_order("splinter")[0]
    app = open_page("sources", {"read": "splinter", "cite": str(cite)})
    app.selectbox(key="reader_article").set_value("new-yorker").run()
    assert not app.exception
    assert app.selectbox(key="reader_article").value == "new-yorker"
    assert app.query_params["read"] == "new-yorker" and "cite" not in app.query_params
    assert "Linked passage" not in markdown_text(app)
    app.run()  # any later run keeps the choice
    assert app.selectbox(key="reader_article").value == "new-yorker"
    fresh = open_page("sources", {"read": app.query_params["read"]})
    assert fresh.selectbox(key="reader_article").value == "new-yorker"
    assert fresh.segmented_control(key="section").value == "Reader"


def test_sources_section_round_trips_through_the_link():
    """The section is bound to ?section= and the link carries its label (the browser writes it; AppTest cannot read it back)."""
    app = open_page("sources")
    assert app.segmented_control(key="section").value == "Viewpoints"
    app.segmented_control(key="section").set_value("Compare on questions").run()
    assert not app.exception
    assert "How each author answers" in "\n".join(caption.value for caption in app.caption)
    fresh = open_page("sources", {"section": "Compare on questions"})
    assert fresh.segmented_control(key="section").value == "Compare on questions"
    assert not fresh.exception


def test_leaving_the_reader_takes_article_and_passage_out_of_the_link():
    app = open_page("sources", {"read": "splinter", "cite": str(reading_order("splinter")[0])})
    app.segmented_control(key="section").set_value("Viewpoints").run()
    assert "read" not in app.query_params and "cite" not in app.query_params
    assert app.segmented_control(key="section").value == "Viewpoints"


def test_compare_on_questions_shows_every_source_and_links_each_answer_to_its_passage():
    app = open_page("sources", {"section": "Compare on questions"})
    text = markdown_text(app)
    for source in REAL.sources:
        assert source.outlet.value in text
    answers = sum(len(viewpoint.answers) for viewpoint in REAL.viewpoints)
    # A real link, not a button: it can be opened in a new tab, copied, and keeps the view's filters.
    links = [match for element in app.markdown for match in re.findall(r"\[Read the passage\]\((sources\?[^)]*)\)", element.value)]
    assert len(links) == answers and not [button for button in app.button if button.label == "Read the passage"]
    unaddressed = len(REAL.questions) * len(REAL.viewpoints) - answers  # one cell a question and an article with a viewpoint
    assert 0 < sum(element.value.endswith(":* not addressed") for element in app.markdown) == unaddressed
    from urllib.parse import parse_qs, urlsplit

    query = parse_qs(urlsplit(links[0]).query)
    passage = real_data().passages[int(query["cite"][0])]
    assert (passage.owner_kind, [passage.source]) == ("answer", query["read"])
    opened = open_page("sources", {"read": query["read"][0], "cite": query["cite"][0]})
    assert opened.segmented_control(key="section").value == "Reader"
    assert "Linked passage" in markdown_text(opened)
    filtered = open_page("sources", {"section": "Compare on questions", "party": "Russia"})
    assert all("party=Russia&read=" in element.value for element in filtered.markdown if "[Read the passage]" in element.value)


def test_reader_refuses_a_passage_of_another_article():
    cite = reading_order("new-yorker")[0]
    app = open_page("sources", {"read": "splinter", "cite": str(cite)})
    assert not app.exception
    assert "Linked passage" not in markdown_text(app)
    assert any("not a passage of this article" in caption.value for caption in app.caption)


def test_broken_data_file_shows_an_error_page_not_a_traceback(monkeypatch, write_yaml, small_yaml):
    monkeypatch.setenv("LANDSCAPE_DATA", str(write_yaml(small_yaml.replace("stance: opposes", "stance: hates"))))
    app = open_page("overview")
    assert not app.exception
    assert "cannot be shown" in app.error[0].value
    assert "stance" in app.code[0].value and ":31:" in app.code[0].value
    assert not app.metric  # nothing half-loaded


@pytest.mark.parametrize("cite", ["abc", "-1", "99999999", "1" * 40])
def test_malformed_reader_passage_is_a_notice_not_an_error(cite):
    app = open_page("sources", {"read": "new-yorker", "cite": cite})
    assert not app.exception
    assert any("passage number" in caption.value for caption in app.caption)


def test_the_timeline_period_round_trips_through_the_link():
    app = open_page("timeline")
    assert not app.dataframe  # the table is drawn only once its expander is opened
    app.session_state["timeline_table"] = True
    app.run()
    busy_items = len(app.dataframe[0].value)
    app.segmented_control(key="period").set_value("All dates").run()  # AppTest does not write bound widgets to the URL
    app.session_state["timeline_table"] = True  # its label holds the count: another count, another expander, closed
    app.run()
    everything = len(app.dataframe[0].value)
    assert everything > busy_items
    fresh = open_page("timeline", {"period": "All dates"})
    assert fresh.segmented_control(key="period").value == "All dates"
    fresh.session_state["timeline_table"] = True
    fresh.run()
    assert len(fresh.dataframe[0].value) == everything


def _timeline_with_every_change_open():
    app = open_page("timeline", {"period": "All dates"})
    app.session_state["timeline_changes"] = True  # beyond the few that fit, the reader opens the rest
    return app.run()


def test_changes_of_position_show_both_sides_with_their_sources():
    from landscape.views import TIMELINE_CHANGES

    app = _timeline_with_every_change_open()
    changes = sorted((p for p in REAL.positions if p.supersedes), key=lambda p: p.as_of.start)
    shown = changes[-TIMELINE_CHANGES:]  # the latest; the page says how many more a filter would show
    text = markdown_text(app)
    for later in shown:
        assert plain(later.summary) in text
    assert sum(caption.value == "Before" for caption in app.caption) == len(shown)


def test_changes_beyond_those_that_fit_are_the_latest_behind_a_click(monkeypatch):
    import dataclasses

    from landscape import views

    def latest_two(frames, selection, period):  # a new function: its own entry in the view cache
        view = real_timeline_view(frames, selection, period)
        return dataclasses.replace(view, changes=view.changes[-2:], hidden_changes=view.hidden_changes + len(view.changes) - 2)

    real_timeline_view = views.timeline_view
    monkeypatch.setattr(views, "timeline_view", latest_two)
    app = open_page("timeline", {"period": "All dates"})
    changes = [p for p in REAL.positions if p.supersedes]
    [closed] = [expander for expander in app.expander if "changes, side by side" in expander.label]
    assert closed.label.startswith(f"The 2 latest of {len(changes)} changes")
    assert not any(caption.value == "Before" for caption in app.caption)  # nothing drawn until asked for
    app.session_state["timeline_changes"] = True  # the reader opens it
    app.run()
    assert sum(caption.value == "Before" for caption in app.caption) == 2


@pytest.mark.parametrize("cite", ["²", "①", "x", "9999999999"])
def test_a_malformed_passage_number_in_the_link_is_a_notice(cite):
    app = open_page("sources", {"read": "splinter", "cite": cite})
    assert not app.exception
    assert any("passage number" in caption.value for caption in app.caption)


def test_the_matrix_as_of_a_day_in_the_link_replays_that_day_and_steps_back():
    from landscape.frames import Selection
    from landscape.views import matrix_view, replay_steps

    frames = real_data_frames()
    days = [step.day for step in replay_steps(frames, Selection())]
    summit = "2025-08-15"
    app = open_page("matrix", {"as_of": summit})
    assert app.select_slider(key="as_of").value == summit
    shown = app.dataframe[0].value
    expected = matrix_view(frames, Selection(), summit).table
    assert list(shown["Russia"]) == list(expected["Russia"])
    assert list(shown["Russia"]) != list(matrix_view(frames, Selection(), "").table["Russia"])
    assert f"As of {summit}" in markdown_text(app).replace("\\", "")
    app.button(key="as_of_back").click().run()
    assert app.select_slider(key="as_of").value == days[days.index(summit) - 1]


def test_quote_links_name_their_source_and_the_original_link_carries_a_text_fragment():
    app = _timeline_with_every_change_open()
    labels = [link.label for link in app.get("page_link")]
    reader_labels = [label for label in labels if label.startswith("Read in context: ")]
    outlets = {source.outlet.value for source in REAL.sources}
    assert reader_labels and {label.removeprefix("Read in context: ") for label in reader_labels} <= outlets
    assert "#:~:text=" in markdown_text(app)  # 'In the original', where the article's address is known


def test_the_overview_lists_the_six_latest_events_newest_first_and_the_sources_each_once():
    app = open_page("overview")
    [events] = [element.value for element in app.markdown if element.value.startswith("**20")]
    latest = sorted(REAL.events, key=lambda event: str(event.date), reverse=True)[:6]
    lines = events.split("  \n")
    assert [line.split("** · ")[0].strip("*") for line in lines] == [plain(str(event.date)) for event in latest]
    cutoff = str(latest[-1].date)  # events on the sixth-latest day tie: any of them may be the sixth
    titles = {line.split("** · ", 1)[1] for line in lines}
    assert len(titles) == 6 and titles <= {plain(event.title) for event in REAL.events if str(event.date) >= cutoff}
    [sources] = [element.value for element in app.markdown if element.value.startswith("- *")]
    assert [line.split("*")[1] for line in sources.splitlines()] == [plain(source.outlet.value) for source in REAL.sources]


def test_timeline_lists_only_the_events_of_the_issue_in_the_link(tmp_path, monkeypatch):
    monkeypatch.setenv("LANDSCAPE_DATA", str(write(tmp_path, two_issue_events())))
    app = open_page("timeline", {"issue": "issue-b"})
    assert not app.exception
    assert "Event about issue B" not in "\n".join(drawn_text(app))  # the events' list is drawn only once opened
    app.session_state["timeline_events"] = True  # the reader opens it
    app.run()
    text = "\n".join(drawn_text(app))
    assert "Event about issue B" in text
    assert "Event about issue A" not in text
    assert "Events in this period (1)" in text


def test_matrix_legend_pairs_each_symbol_with_its_stance(tmp_path, monkeypatch):
    monkeypatch.setenv("LANDSCAPE_DATA", str(write(tmp_path, base())))
    app = open_page("matrix")
    legend = next(caption.value for caption in app.caption if caption.value.startswith("Legend"))
    for _colour, symbol, words in PINNED_STANCES.values():
        assert f"{symbol} {words}" in legend.replace("\\", "")


def _text_of(app) -> str:
    return "\n".join(drawn_text(app) + drawn_text(app, "sidebar"))


NONE_SHOWN = re.compile(r"\bNone\b|\bnan\b|<NA>")


def test_unknown_source_fields_are_never_shown_as_none_on_the_sources_page(tmp_path, monkeypatch):
    monkeypatch.setenv("LANDSCAPE_DATA", str(write(tmp_path, unknown_bibliography())))
    app = open_page("sources")
    assert not app.exception
    text = _text_of(app)
    assert not NONE_SHOWN.search(text), text
    assert "Title unknown" in text
    for name in ("Outlet", "Author", "Published", "URL"):
        assert f"**{name}:** unknown" in text


def test_unknown_author_and_date_are_never_shown_as_none_on_the_overview(tmp_path, monkeypatch):
    data = base()
    for name in ("author", "published", "url"):
        data["sources"][0][name] = {"value": None, "basis": "unknown"}
    monkeypatch.setenv("LANDSCAPE_DATA", str(write(tmp_path, data)))
    app = open_page("overview")
    assert not app.exception
    text = _text_of(app)
    assert not NONE_SHOWN.search(text), text
    assert "date unknown" in text


def test_unknown_title_and_outlet_are_never_shown_as_none_on_the_overview(tmp_path, monkeypatch):
    monkeypatch.setenv("LANDSCAPE_DATA", str(write(tmp_path, unknown_bibliography())))
    app = open_page("overview")
    assert not app.exception
    assert not NONE_SHOWN.search(_text_of(app))


def test_explorer_page_date_filter_keeps_month_precision_positions(tmp_path, monkeypatch):
    monkeypatch.setenv("LANDSCAPE_DATA", str(write(tmp_path, three_precisions())))
    app = open_page("positions")
    assert not app.exception
    assert len(app.dataframe[0].value) == 3  # the default period spans every position
    app.date_input(key="dates").set_value((dt.date(2025, 8, 10), dt.date(2025, 8, 20))).run()
    assert not app.exception
    assert sorted(app.dataframe[0].value["Summary"]) == ["Dated to the year.", base()["positions"][0]["summary"]]


def test_the_matrix_lists_where_sources_disagree_and_each_entry_opens_its_cell(tmp_path, monkeypatch):
    """On a small data file where two articles clash about the same days (the real data have no such cell)."""
    from builders import OTHER_QUOTE, add, add_other_source, base, citation, write

    from landscape.cells import Verdict, compute_cells, inputs_from_landscape

    data = base()  # p1: Russia opposes new sanctions, 2025-08
    add_other_source(data)["outlet"] = {"value": "Other Outlet", "basis": "public"}
    add(data, "positions", id="o1", stance="supports", as_of="2025-08-05", citations=[citation(OTHER_QUOTE, "other")])
    path = write(tmp_path, data)
    monkeypatch.setenv("LANDSCAPE_DATA", str(path))
    small = load_dataset(path).landscape
    cells = compute_cells(inputs_from_landscape(small))
    disagree = [key for key, cell in cells.items() if cell.verdict is Verdict.DISAGREE]
    assert disagree == [("sanctions", "russia")]
    app = open_page("matrix")
    assert "Where sources disagree" in [element.value for element in app.subheader]
    names = {party.id: party.name for party in small.parties} | {issue.id: issue.name for issue in small.issues}
    entries = [button for button in app.button if button.key.startswith("disagree-")]
    assert sorted(plain(f"{names[party]} · {names[issue]}") for issue, party in disagree) == sorted(b.label for b in entries)
    issue, party = disagree[0]
    next(b for b in entries if b.key == f"disagree-{issue}-{party}").click().run()
    assert app.query_params["cell"] in (f"{issue}/{party}", [f"{issue}/{party}"])
    assert "Sources disagree." in markdown_text(app)


def test_a_figure_two_articles_agree_on_is_one_value_with_every_quote_once():
    agreed = [figure for figure in REAL.figures if len(figure.values) > 1 and len({each.value for each in figure.values}) == 1]
    assert agreed  # 24 hours, 15 August, 17 October
    shown = markdown_text(open_page("about"))
    for figure in agreed:
        [value] = {each.value for each in figure.values}
        assert shown.count(f"**{plain(value)}**") == 1, figure.name
        assert f"{len({c.source for each in figure.values for c in each.citations})} articles give this value" in shown
        for citation in (c for each in figure.values for c in each.citations):
            assert shown.count(f"“{plain(citation.quote)}”") == 1, citation.quote


def test_a_quote_whose_article_has_no_known_address_still_says_where_the_original_is():
    unlinked = next(source for source in REAL.sources if source.url.value is None)
    assert unlinked.author.value and unlinked.title.value  # The New Yorker: its author and title are known, its address is not
    app = open_page("matrix", {"cell": "territorial-concessions/ukraine"})
    shown = markdown_text(app).replace("\\", "")
    reference = f"*The original:* {unlinked.author.value}, “{unlinked.title.value}”, {unlinked.outlet.value}, "
    assert reference in shown and "(no web address known)" in shown
    quotes = [element.value for element in app.markdown if element.value.startswith("> “")]
    assert all(("#:~:text=" in quote) != ("no web address known" in quote) for quote in quotes)  # each quote: one or the other


def test_the_about_page_shows_the_version_its_changelog_and_the_coverage_per_article():
    from landscape.coverage import audit

    app = open_page("about")
    assert not app.exception
    headers = [element.value for element in app.header]
    assert f"This version: {REAL.updated}" in headers
    assert "What changed in this version" in [element.value for element in app.subheader]
    shown = markdown_text(app)
    assert REAL.changelog and all(f"- {plain(line)}" in shown for line in REAL.changelog)
    result = audit(real_data())
    names = {source.id: source.outlet.value for source in REAL.sources}
    for source in result.sources:
        counts = f"{source.count('cited')} cited, {source.count('reviewed')} reviewed, 0 unaccounted"
        assert f"**{plain(names[source.source])}**: every sentence naming a party ({source.named}): {counts}" in shown

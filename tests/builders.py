"""Small data sets derived from conftest's SMALL_VALID_YAML, for tests that need more than one of something.

Never write a whole data set by hand: load SMALL_VALID_YAML, clone its objects with a few fields
changed, and dump it again, so that fields the schema gains later flow through unchanged.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from conftest import SMALL_VALID_YAML
from streamlit.testing.v1 import AppTest

from landscape.frames import Frames, build_frames
from landscape.load import Dataset, load_dataset

# Verbatim passages of seeds/001_3d8f25a0667e7c1c.txt (source "dp"), none of them in seeds/000_*.
DP_QUOTES = (
    "Russia has spent years preparing itself to withstand U.S. and European economic pressure",
    "Russia now has an undeniable military edge.",
    "An end to the war is more likely to come from a series of baby steps than a giant leap.",
    "Until Trump envoy Steve Witkoff’s recent visit to Moscow",
)
# Another article, and a verbatim passage of it that is not in the dp article.
OTHER_FILE = "000_ea6c4e2ea2389a72.txt"
OTHER_QUOTE = "much public discourse has focused on whether the United States should provide Ukraine with Tomahawk cruise missiles"


class _NoAliases(yaml.SafeDumper):
    """The loader refuses anchors and aliases; never write them, even for a shared object."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def base() -> dict[str, Any]:
    """SMALL_VALID_YAML as plain Python: one source, party, issue, position, event, viewpoint."""
    return yaml.safe_load(SMALL_VALID_YAML)


def dump(data: dict[str, Any]) -> str:
    return yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=100_000)


def clone(item: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """A deep copy of one object with some fields changed (a field set to ... is removed)."""
    copied = copy.deepcopy(item)
    for key, value in changes.items():
        if value is ...:
            copied.pop(key, None)
        else:
            copied[key] = value
    return copied


def add(data: dict[str, Any], section: str, **changes: Any) -> dict[str, Any]:
    """Append a clone of the section's first object, with changes; return it."""
    item = clone(data[section][0], **changes)
    data[section].append(item)
    return item


def add_party(data: dict[str, Any], party_id: str, name: str) -> dict[str, Any]:
    return add(data, "parties", id=party_id, name=name)


def add_issue(data: dict[str, Any], issue_id: str, name: str) -> dict[str, Any]:
    return add(data, "issues", id=issue_id, name=name)


def add_other_source(data: dict[str, Any], source_id: str = "other") -> dict[str, Any]:
    """A second source: another article of seeds/, with the first source's bibliographic fields."""
    source = add(data, "sources", id=source_id, file=OTHER_FILE)
    source["title"] = {"value": "Another article", "basis": "text"}
    return source


def citation(quote: str, source: str = "dp") -> dict[str, str]:
    return {"source": source, "quote": quote}


def write(tmp_path: Path, data: dict[str, Any], name: str = "positions.yaml") -> Path:
    path = tmp_path / name
    path.write_text(dump(data), encoding="utf-8")
    return path


def load(tmp_path: Path, data: dict[str, Any]) -> Dataset:
    return load_dataset(write(tmp_path, data))


def frames_of(tmp_path: Path, data: dict[str, Any]) -> Frames:
    return build_frames(load(tmp_path, data))


def line_of(text: str, fragment: str, start: int = 0) -> int:
    """The 1-based line of the first occurrence of fragment at or after offset start."""
    return text[: text.index(fragment, start)].count("\n") + 1


ENTRY = str(Path(__file__).parent / "app" / "entry.py")
PAGES = ("overview", "matrix", "common_ground", "timeline", "sources", "positions", "about")


def open_page(page: str, query: dict[str, list[str] | str] | None = None) -> AppTest:
    """Run the app's frame on the overview, then switch to page, with the query string given."""
    app = AppTest.from_file(ENTRY, default_timeout=60)
    for key, value in (query or {}).items():
        app.query_params[key] = value
    app.run()
    if page != "overview":
        app.switch_page(f"../../pages/{page}.py").run()
    return app


def elements(node: Any) -> Iterator[Any]:
    """Every element and block of an AppTest tree, depth first."""
    yield node
    for child in getattr(node, "children", {}).values():
        yield from elements(child)


def drawn_text(app: AppTest, where: str = "main") -> list[str]:
    """Every string drawn in the main area (or sidebar): element values and labels, not tables.

    Markdown escapes (markdown.plain's backslashes and word joiners) are taken out: this is the text a reader sees."""
    root = app.main if where == "main" else app.sidebar
    found = []
    for node in elements(root):
        for attribute in ("value", "label", "help"):
            value = getattr(node, attribute, None) if attribute != "value" or not hasattr(node, "children") else None
            if isinstance(value, str):
                found.append(re.sub(r"\\(.)", r"\1", value).replace("\u2060", ""))
    return found


# --- small data sets several test modules share ---


def two_issue_events() -> dict:
    data = base()
    add_issue(data, "issue-b", "Issue B")
    data["events"][0]["issues"] = [data["issues"][0]["id"]]
    data["events"][0]["title"] = "Event about issue A"
    add(data, "events", id="event-b", title="Event about issue B", issues=["issue-b"])
    return data


def unknown_bibliography() -> dict:
    data = base()
    for name in ("title", "outlet", "author", "published", "url"):
        data["sources"][0][name] = {"value": None, "basis": "unknown"}
    return data


def three_precisions() -> dict:
    data = base()  # p1 is dated to the month (2025-08)
    add(data, "positions", id="p-day", as_of="2025-08-05", summary="Dated to the day.")
    add(data, "positions", id="p-year", as_of="2025", summary="Dated to the year.")
    return data


PINNED_STANCES = {  # pinned as literals: (colour, symbol, words)
    "supports": ("#0072B2", "✔", "supports"),
    "opposes": ("#D55E00", "✘", "opposes"),
    "conditional": ("#E69F00", "◐", "conditional"),
    "ambiguous": ("#BBBBBB", "?", "ambiguous"),
}

"""The real data file: it validates, and its quotes are found by a check independent of landscape.quotes."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
import yaml
from conftest import PROJECT_ROOT, real_data

from landscape.load import DEFAULT_DATA, SEEDS_DIR

SHARED_SEEDS = PROJECT_ROOT.parent / "shared" / "seeds"


def independent_fold(text: str) -> str:
    """Deliberately written apart from landscape.quotes: straighten typography, drop all white space."""
    for curly, straight in (("‘", "'"), ("’", "'"), ("“", '"'), ("”", '"'), ("–", "-"), ("—", "-"), ("…", "...")):
        text = text.replace(curly, straight)
    return re.sub(r"\s+", "", text)


def all_citations(node):
    if isinstance(node, dict):
        if "quote" in node and "source" in node:
            yield node["source"], node["quote"]
        for value in node.values():
            yield from all_citations(value)
    elif isinstance(node, list):
        for value in node:
            yield from all_citations(value)


def test_real_data_file_validates_from_the_command_line():
    result = subprocess.run([sys.executable, "-m", "landscape", "validate"], cwd=PROJECT_ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "valid." in result.stdout


def test_every_quote_is_in_its_article_by_an_independent_check():
    raw = yaml.safe_load(DEFAULT_DATA.read_text(encoding="utf-8"))
    files = {source["id"]: source["file"] for source in raw["sources"]}
    texts = {sid: independent_fold((SEEDS_DIR / name).read_text(encoding="utf-8")) for sid, name in files.items()}
    citations = list(all_citations(raw))
    assert len(citations) > 100
    missing = [(sid, quote) for sid, quote in citations if independent_fold(quote) not in texts[sid]]
    assert missing == []


def test_seeds_are_byte_identical_to_the_shared_articles():
    shared = sorted(SHARED_SEEDS.glob("*.txt")) if SHARED_SEEDS.is_dir() else []
    if not shared:
        pytest.skip(f"no shared copy of the articles at {SHARED_SEEDS}: nothing to compare seeds/ with")
    ours = sorted(SEEDS_DIR.glob("*.txt"))
    assert [path.name for path in ours] == [path.name for path in shared]
    for path in shared:
        assert (SEEDS_DIR / path.name).read_bytes() == path.read_bytes(), path.name


def test_fields_unknown_in_sources_md_stay_unknown():
    sources = {source.id: source for source in real_data().landscape.sources}
    assert sources["responsible-statecraft"].author.value is None
    assert sources["splinter"].author.value is None
    assert sources["new-yorker"].url.value is None
    for sid in ("responsible-statecraft", "new-yorker"):
        assert sources[sid].published.basis == "inferred"
        assert sources[sid].published.value.precision == "month"


def test_coverage_is_broad_enough_to_compare_parties():
    data = real_data().landscape
    assert len(data.positions) > 60
    assert len({position.issue for position in data.positions}) >= 12
    assert len(data.events) >= 12
    cited = {citation.source for position in data.positions for citation in position.citations}
    assert cited == {source.id for source in data.sources}
    assert {viewpoint.source for viewpoint in data.viewpoints} == cited

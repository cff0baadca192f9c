"""landscape.ui: the one escaping function, and the data cache keyed on the file's and the seeds' versions."""

from __future__ import annotations

import os

import pytest

from landscape import ui
from landscape.yamlfile import DataFileError


@pytest.mark.parametrize("brk", ["\n", "\r", "\r\n", "\v", "\f", "\x85", "\u2028", "\u2029"])
def test_no_kind_of_line_break_survives(brk):
    assert not set(ui.plain(f"X{brk}==={brk}# h")) & set("\n\r\v\f\x85\u2028\u2029")


def test_markdown_characters_are_escaped():
    assert ui.plain("![x](http://host/t.png)") == "\\!\\[x\\]\\(http\\:\u2060//host/t\\.png\\)"
    assert ui.plain(":red[x] $y$ &amp;") == "\\:red\\[x\\] \\$y\\$ \\&amp;"


@pytest.mark.parametrize(
    ("text", "broken_after"),
    [("www.evil-example.com", "www"), ("see WWW.evil-example.com", "WWW"), ("https://evil-example.com", "https:"), ("a@evil-example.com", "a@")],
)
def test_what_gfm_would_autolink_gets_a_word_joiner(text, broken_after):
    shown = ui.plain(text).replace("\\", "")
    assert shown.replace(ui.WORD_JOINER, "") == text
    assert broken_after + ui.WORD_JOINER in shown


def test_a_failed_load_is_cached_like_a_good_one(monkeypatch, tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("schema_version: 1\nquestions: nope\n", encoding="utf-8")
    calls = []

    def counting(target):
        calls.append(target)
        raise DataFileError([])

    monkeypatch.setattr(ui, "load_prepared", counting)
    ui._load.clear()
    first = ui._load(str(path), ui.file_version(path), ())
    second = ui._load(str(path), ui.file_version(path), ())
    assert isinstance(first, ui.LoadFailure) and second is first
    assert len(calls) == 1
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    ui._load(str(path), ui.file_version(path), ())
    assert len(calls) == 2  # a new version of the file is read again
    ui._load.clear()


def test_editing_a_seed_changes_the_cache_key(tmp_path):
    seed = tmp_path / "000_a.txt"
    seed.write_text("An article.", encoding="utf-8")
    before = ui.seeds_version(tmp_path)
    seed.write_text("An article, edited.", encoding="utf-8")
    assert ui.seeds_version(tmp_path) != before


def test_app_data_keys_the_cache_on_the_seeds_version(monkeypatch):
    keys = []
    monkeypatch.setattr(ui, "_leave_legacy_multipage_mode", lambda: None)
    monkeypatch.setattr(ui, "_load", lambda path, version, seeds: keys.append(seeds) or ui.LoadFailure(()))
    monkeypatch.setattr(ui, "show_data_error", lambda problems: None)
    monkeypatch.setattr(ui.st, "stop", lambda: (_ for _ in ()).throw(SystemExit))
    for version in ((("a.txt", 1, 1, 1),), (("a.txt", 1, 2, 2),)):
        monkeypatch.setattr(ui, "seeds_version", lambda version=version: version)
        with pytest.raises(SystemExit):
            ui.app_data()
    assert keys == [(("a.txt", 1, 1, 1),), (("a.txt", 1, 2, 2),)]

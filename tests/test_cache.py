"""landscape.cache: the data cache keyed on the file's and the seeds' versions; failed loads cached too."""

from __future__ import annotations

import gc
import os
import weakref

import pytest

from landscape import cache
from landscape.yamlfile import DataFileError


def test_a_failed_load_is_cached_like_a_good_one(monkeypatch, tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("schema_version: 1\nquestions: nope\n", encoding="utf-8")
    calls = []

    def counting(target):
        calls.append(target)
        raise DataFileError([])

    monkeypatch.setattr(cache, "load_prepared", counting)
    cache._load.clear()
    first = cache._load(str(path), cache.file_version(path), ())
    second = cache._load(str(path), cache.file_version(path), ())
    assert isinstance(first, cache.LoadFailure) and second is first
    assert len(calls) == 1
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    cache._load(str(path), cache.file_version(path), ())
    assert len(calls) == 2  # a new version of the file is read again
    cache._load.clear()


def test_editing_a_seed_changes_the_cache_key(tmp_path):
    seed = tmp_path / "000_a.txt"
    seed.write_text("An article.", encoding="utf-8")
    before = cache.seeds_version(tmp_path)
    seed.write_text("An article, edited.", encoding="utf-8")
    assert cache.seeds_version(tmp_path) != before


def test_app_data_keys_the_cache_on_the_seeds_version(monkeypatch):
    keys = []
    monkeypatch.setattr(cache, "_load", lambda path, version, seeds: keys.append(seeds) or cache.LoadFailure(()))
    monkeypatch.setattr(cache, "show_data_error", lambda problems, more=0: None)
    monkeypatch.setattr(cache.st, "stop", lambda: (_ for _ in ()).throw(SystemExit))
    for version in ((("a.txt", 1, 1, 1),), (("a.txt", 1, 2, 2),)):
        monkeypatch.setattr(cache, "seeds_version", lambda version=version: version)
        with pytest.raises(SystemExit):
            cache.app_data()
    assert keys == [(("a.txt", 1, 1, 1),), (("a.txt", 1, 2, 2),)]


@pytest.fixture
def unfrozen():
    """The process's garbage collector as it was: nothing frozen before or after the test."""
    gc.unfreeze()
    yield
    gc.unfreeze()


class Cyclic:
    """An object in a reference cycle: only the cyclic garbage collector can free it."""

    def __init__(self) -> None:
        self.itself = self


def _tracked(target: object) -> bool:
    return any(candidate is target for candidate in gc.get_objects())


def test_loaded_data_are_left_out_of_full_collections(monkeypatch, tmp_path, unfrozen):
    path = tmp_path / "data.yaml"
    path.write_text("schema_version: 1\n", encoding="utf-8")
    dataset, frames = Cyclic(), Cyclic()
    monkeypatch.setattr(cache, "load_prepared", lambda target: (dataset, frames))
    cache._load.clear()
    loaded = cache._load(str(path), cache.file_version(path), ())
    cache._load.clear()
    assert isinstance(loaded, cache.AppData) and loaded.frames is frames
    assert gc.get_freeze_count() > 0
    assert not _tracked(frames) and not _tracked(loaded)  # frozen: a full collection does not walk them
    assert _tracked(Cyclic())  # what comes later is collected as usual


def test_a_version_nothing_holds_any_more_is_freed_at_the_next_load(unfrozen):
    earlier = Cyclic()
    gone = weakref.ref(earlier)
    cache.keep_out_of_collections()
    del earlier
    gc.collect()
    assert gone() is not None  # frozen: its cycle is not collected while it stays frozen
    cache.keep_out_of_collections()  # the next version's load
    assert gone() is None

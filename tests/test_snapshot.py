"""The prepared data survive a restart: read back without validating, reloaded when the file or a seed changes."""

from __future__ import annotations

import gc
import os
import shutil
import stat

import pytest
from conftest import PROJECT_ROOT

from landscape import snapshot
from landscape.frames import build_frames
from landscape.load import SEEDS_DIR, load_dataset
from landscape.yamlfile import DataFileError


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("LANDSCAPE_CACHE", str(folder))
    return folder


@pytest.fixture
def seeds(tmp_path):
    """A copy of seeds/ that a test may edit."""
    return shutil.copytree(SEEDS_DIR, tmp_path / "seeds")


@pytest.fixture
def counted(monkeypatch):
    """Count the validations load_prepared runs."""
    calls = []
    real = snapshot.load_dataset

    def counting(path, *, seeds_dir):
        calls.append(path)
        return real(path, seeds_dir=seeds_dir)

    monkeypatch.setattr(snapshot, "load_dataset", counting)
    return calls


def _refuse_validation(monkeypatch):
    def refuse(*_args, **_kwargs):
        raise AssertionError("validated again although a snapshot matches")

    monkeypatch.setattr(snapshot, "load_dataset", refuse)


def test_a_second_load_reads_the_snapshot_without_validating(cache, seeds, write_yaml, small_yaml, monkeypatch):
    path = write_yaml(small_yaml)
    dataset, frames = snapshot.load_prepared(path, seeds_dir=seeds)
    assert sorted(file.name for file in cache.iterdir()) == sorted([snapshot.snapshot_path(path, cache).name, snapshot.INSTALL_KEY])
    _refuse_validation(monkeypatch)
    again, again_frames = snapshot.load_prepared(path, seeds_dir=seeds)
    assert again.landscape == dataset.landscape
    assert again.passages == dataset.passages
    assert again_frames.positions.equals(frames.positions)
    assert again_frames.citations_by_owner == frames.citations_by_owner
    date = again.landscape.positions[0].as_of
    assert (date, date.precision, date.start) == (
        dataset.landscape.positions[0].as_of,
        dataset.landscape.positions[0].as_of.precision,
        dataset.landscape.positions[0].as_of.start,
    )


def test_the_real_data_round_trip(cache):
    dataset, frames = snapshot.load_prepared(PROJECT_ROOT / "data" / "positions.yaml")
    key = snapshot.snapshot_key(PROJECT_ROOT / "data" / "positions.yaml")
    read = snapshot.read_snapshot(snapshot.snapshot_path(PROJECT_ROOT / "data" / "positions.yaml", cache), key)
    assert read is not None
    assert read[0].landscape == dataset.landscape
    assert build_frames(read[0]).positions.equals(frames.positions)


def test_editing_the_data_file_reloads_it(cache, seeds, write_yaml, small_yaml, counted):
    path = write_yaml(small_yaml)
    snapshot.load_prepared(path, seeds_dir=seeds)
    path.write_text(small_yaml.replace("Small steps at the summit", "Small steps at the meeting"), encoding="utf-8")
    dataset, _ = snapshot.load_prepared(path, seeds_dir=seeds)
    assert len(counted) == 2
    assert dataset.landscape.viewpoints[0].thesis.startswith("Small steps at the meeting")
    snapshot.load_prepared(path, seeds_dir=seeds)
    assert len(counted) == 2  # the edited version was snapshotted in its turn
    assert len(list(cache.iterdir())) == 2  # one snapshot per data file (the new one replaced the old), and the install's key


def test_editing_a_seed_reloads_and_revalidates(cache, seeds, write_yaml, small_yaml, counted):
    path = write_yaml(small_yaml)
    snapshot.load_prepared(path, seeds_dir=seeds)
    article = next(seeds.glob("001_*.txt"))
    article.write_text(article.read_text(encoding="utf-8").replace("undeniable military edge", "clear military edge"), encoding="utf-8")
    with pytest.raises(DataFileError):  # the quote is no longer in its article: the snapshot did not hide that
        snapshot.load_prepared(path, seeds_dir=seeds)
    assert len(counted) == 2


def test_adding_a_seed_changes_the_key(seeds, write_yaml, small_yaml):
    path = write_yaml(small_yaml)
    before = snapshot.snapshot_key(path, seeds)
    (seeds / "999_new.txt").write_text("A new article.", encoding="utf-8")
    assert snapshot.snapshot_key(path, seeds) != before


def test_a_code_change_changes_the_key(write_yaml, small_yaml, monkeypatch):
    path = write_yaml(small_yaml)
    before = snapshot.snapshot_key(path)
    monkeypatch.setattr(snapshot, "code_version", lambda: "another version of the code")
    assert snapshot.snapshot_key(path) != before


@pytest.mark.parametrize("damage", [b"", b"not a pickle at all", b"\x80\x05\x95garbage"])
def test_a_corrupt_snapshot_is_ignored_and_rewritten(cache, seeds, write_yaml, small_yaml, counted, damage):
    path = write_yaml(small_yaml)
    snapshot.load_prepared(path, seeds_dir=seeds)
    target = snapshot.snapshot_path(path, cache)
    target.write_bytes(damage)
    dataset, _ = snapshot.load_prepared(path, seeds_dir=seeds)
    assert len(counted) == 2 and dataset.landscape.sources[0].id == "dp"
    assert snapshot.read_snapshot(target, snapshot.snapshot_key(path, seeds)) is not None  # rewritten


def test_a_truncated_snapshot_is_ignored(cache, seeds, write_yaml, small_yaml, counted):
    path = write_yaml(small_yaml)
    snapshot.load_prepared(path, seeds_dir=seeds)
    target = snapshot.snapshot_path(path, cache)
    target.write_bytes(target.read_bytes()[: target.stat().st_size // 2])
    snapshot.load_prepared(path, seeds_dir=seeds)
    assert len(counted) == 2


def test_a_snapshot_with_another_key_is_ignored(cache, seeds, write_yaml, small_yaml, counted):
    path = write_yaml(small_yaml)
    prepared = snapshot.load_prepared(path, seeds_dir=seeds)
    target = snapshot.snapshot_path(path, cache)
    assert snapshot.write_snapshot(target, "some other key", prepared)
    snapshot.load_prepared(path, seeds_dir=seeds)
    assert len(counted) == 2


def test_a_bad_file_is_never_snapshotted(cache, write_yaml):
    path = write_yaml("schema_version: 1\nquestions: nope\n")
    for _ in range(2):
        with pytest.raises(DataFileError):
            snapshot.load_prepared(path)
    assert not cache.exists() or not any(cache.iterdir())


def test_the_cache_folder_is_private(cache, seeds, write_yaml, small_yaml):
    snapshot.load_prepared(write_yaml(small_yaml), seeds_dir=seeds)
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700
    for file in cache.iterdir():
        assert stat.S_IMODE(file.stat().st_mode) == 0o600
    assert not [file for file in cache.iterdir() if file.name.endswith(".tmp")]  # written atomically, nothing left behind


def test_a_snapshot_in_a_folder_others_may_write_is_not_read(cache, seeds, write_yaml, small_yaml, counted):
    path = write_yaml(small_yaml)
    snapshot.load_prepared(path, seeds_dir=seeds)
    os.chmod(cache, 0o777)
    assert snapshot.read_snapshot(snapshot.snapshot_path(path, cache), snapshot.snapshot_key(path, seeds)) is None
    snapshot.load_prepared(path, seeds_dir=seeds)  # validated again; the folder is left as it is (never chmod-ed) and not used
    assert len(counted) == 2 and stat.S_IMODE(cache.stat().st_mode) == 0o777


def test_no_cache_folder_inside_the_repository(monkeypatch):
    for inside in (PROJECT_ROOT, PROJECT_ROOT / "data", PROJECT_ROOT / "seeds" / "cache"):
        monkeypatch.setenv("LANDSCAPE_CACHE", str(inside))
        assert snapshot.cache_dir() is None
    monkeypatch.delenv("LANDSCAPE_CACHE")
    assert snapshot.cache_dir() == (snapshot.Path.home() / ".cache" / "negotiation-landscape").resolve()


def test_a_cache_folder_in_the_repository_writes_nothing_there(monkeypatch, counted):
    monkeypatch.setenv("LANDSCAPE_CACHE", str(PROJECT_ROOT / "data"))
    before = sorted(os.listdir(PROJECT_ROOT / "data"))
    snapshot.load_prepared(PROJECT_ROOT / "data" / "positions.yaml")
    snapshot.load_prepared(PROJECT_ROOT / "data" / "positions.yaml")
    assert len(counted) == 2  # no snapshot: validated each time
    assert sorted(os.listdir(PROJECT_ROOT / "data")) == before


def test_the_tests_own_cache_is_outside_the_repository():
    folder = snapshot.cache_dir()
    assert folder is not None and PROJECT_ROOT not in folder.parents


def test_a_fifo_is_never_read_for_its_key(tmp_path):
    fifo = tmp_path / "positions.yaml"
    os.mkfifo(fifo)
    assert snapshot.snapshot_key(fifo) is None


def test_the_unpickled_data_match_a_fresh_load(cache, seeds, write_yaml, small_yaml):
    path = write_yaml(small_yaml)
    snapshot.load_prepared(path, seeds_dir=seeds)
    read, _ = snapshot.load_prepared(path, seeds_dir=seeds)
    fresh = load_dataset(path, seeds_dir=seeds)
    assert read.landscape == fresh.landscape and read.articles.keys() == fresh.articles.keys()


def test_the_collector_is_paused_while_the_data_are_made_and_restored_after(monkeypatch, cache):
    states = {}
    real_load, real_frames, real_unpickle = snapshot.load_dataset, snapshot.build_frames, snapshot.pickle.loads

    def loading(path, *, seeds_dir):
        states["validate"] = gc.isenabled()
        return real_load(path, seeds_dir=seeds_dir)

    def framing(dataset):
        states["frames"] = gc.isenabled()
        return real_frames(dataset)

    def unpickling(handle):
        states["snapshot"] = gc.isenabled()
        return real_unpickle(handle)

    monkeypatch.setattr(snapshot, "load_dataset", loading)
    monkeypatch.setattr(snapshot, "build_frames", framing)
    monkeypatch.setattr(snapshot.pickle, "loads", unpickling)
    assert gc.isenabled()
    snapshot.load_prepared(PROJECT_ROOT / "data" / "positions.yaml")  # validated, then snapshotted
    snapshot.load_prepared(PROJECT_ROOT / "data" / "positions.yaml")  # read back
    assert states == {"validate": False, "frames": False, "snapshot": False}
    assert gc.isenabled()


def test_a_paused_collector_is_restored_as_it_was_even_after_an_error():
    with pytest.raises(DataFileError), snapshot.collector_paused():
        raise DataFileError([])
    assert gc.isenabled()
    gc.disable()
    try:
        with snapshot.collector_paused():
            pass
        assert not gc.isenabled()  # a caller's own pause is left alone
    finally:
        gc.enable()

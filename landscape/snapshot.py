"""The prepared data kept across restarts: a signed snapshot of the validated Dataset and its Frames.

Loading and validating the 100× file takes seconds; an app that sleeps and wakes (Community Cloud)
would make every first visitor wait for it. So once a file has been validated, the prepared data are
pickled to a cache folder, keyed by a hash of the data file's bytes, every seed article's bytes, the
code (every landscape/*.py) and the library versions. A server that starts again reads the snapshot
instead of validating anew. Editing the data file, a seed or the code changes the key: the snapshot
is ignored and rewritten. A snapshot that cannot be read, or whose key differs, is ignored too.

Where: $LANDSCAPE_CACHE, else ~/.cache/negotiation-landscape; never inside the repository (a folder
there is not used). Pickle runs code when read, so nothing is unpickled that this install did not
write: every snapshot is signed (HMAC-SHA256) with a random key made once per install and kept in the
folder (0600), and the signature and the content key are checked on the file's bytes before a single
byte is unpickled. Besides, a folder or file another user owns or may write is not used; the folder
is created private (0700) and an existing folder is never chmod-ed (a shared one is simply not used);
snapshots are written 0600 and atomically (a temporary file, then a rename).
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import hmac
import os
import pickle
import stat
import sys
import tempfile
from collections.abc import Iterator
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from landscape.frames import Frames, build_frames
from landscape.load import PROJECT_ROOT, SEEDS_DIR, Dataset, data_path, load_dataset

FORMAT = 2  # bump when the snapshot's layout changes
MAGIC = b"negotiation-landscape snapshot 2\n"  # then the signature (32 bytes), the content key, a newline, the pickle
SIGNATURE_BYTES = 32
INSTALL_KEY = "install.key"  # the folder's signing key: 32 random bytes, 0600
MAX_HASHED_BYTES = 64 * 1024 * 1024  # beyond this the loader refuses the file anyway: no snapshot
MAX_SNAPSHOT_BYTES = 1024 * 1024 * 1024  # read whole to check its signature: far above the 100x data's
LIBRARIES = ("pandas", "pydantic", "pydantic-core", "numpy", "pyyaml")
CODE_DIR = Path(__file__).resolve().parent

Prepared = tuple[Dataset, Frames]


def cache_dir() -> Path | None:
    """Where snapshots go: $LANDSCAPE_CACHE, else ~/.cache/negotiation-landscape; None (no snapshots) inside the repository."""
    chosen = os.environ.get("LANDSCAPE_CACHE")
    folder = Path(chosen).expanduser() if chosen else Path.home() / ".cache" / "negotiation-landscape"
    folder = folder.resolve()
    if folder == PROJECT_ROOT or PROJECT_ROOT in folder.parents:
        return None
    return folder


@lru_cache(maxsize=1)
def code_version() -> str:
    """A hash of the code that builds the prepared data and of the libraries that pickle it."""
    digest = hashlib.sha256(f"{FORMAT} {sys.version}".encode())
    for name in LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(name.encode())
    for path in sorted(CODE_DIR.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _hash_regular_file(digest, path: Path) -> None:
    """Add a regular file's bytes (never a FIFO or a device, which could block or never end); raise OSError otherwise."""
    with open(path, "rb", opener=lambda name, flags: os.open(name, flags | os.O_NONBLOCK)) as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_HASHED_BYTES:
            raise OSError(f"{path} is not a regular file of a usable size")
        digest.update(f"{info.st_size}\0".encode())
        while chunk := handle.read(1 << 20):
            digest.update(chunk)


def snapshot_key(path: Path, seeds_dir: Path = SEEDS_DIR) -> str | None:
    """The content key of one data file with its seeds and the code; None when a file cannot be hashed (then no snapshot)."""
    digest = hashlib.sha256(code_version().encode())
    try:
        # Where the file is and whether it is a link matter to the loader (a link out of its folder is refused).
        digest.update(f"{path.absolute()}\0{path.is_symlink()}\0{os.path.realpath(path)}\0".encode())
        _hash_regular_file(digest, path)
        digest.update(f"\0seeds {seeds_dir.absolute()}\0".encode())
        for entry in sorted(os.scandir(seeds_dir), key=lambda entry: entry.name):
            digest.update(f"{entry.name}\0{entry.is_symlink()}\0".encode())
            if entry.is_file():
                _hash_regular_file(digest, Path(entry.path))
    except OSError:
        return None
    return digest.hexdigest()


def snapshot_path(path: Path, folder: Path) -> Path:
    """One snapshot per data file (by its absolute path): a new version replaces the old one."""
    return folder / f"prepared-{hashlib.sha256(str(path.absolute()).encode()).hexdigest()[:24]}.pickle"


def _private(info: os.stat_result) -> bool:
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off while the data's objects are made, as it was after.

    Hundreds of thousands of new objects that all stay alive would set off full collections again and
    again, each walking all of them, for nothing: none of them is garbage (docs/performance.md).
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def _usable_folder(folder: Path) -> bool:
    """The folder is ours and nobody else may write in it (it is never chmod-ed: a shared folder is simply not used)."""
    try:
        info = os.stat(folder)
    except OSError:
        return False
    return stat.S_ISDIR(info.st_mode) and _private(info)


def _read_private(path: Path, limit: int) -> bytes:
    """A regular file of ours that nobody else may write, never through a link; OSError otherwise."""
    with open(path, "rb", opener=lambda name, flags: os.open(name, flags | os.O_NOFOLLOW | os.O_NONBLOCK)) as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode) or not _private(info) or info.st_size > limit:
            raise OSError(f"{path} is not a private regular file")
        return handle.read(limit + 1)


def install_key(folder: Path, *, create: bool) -> bytes | None:
    """The folder's signing key, made (32 random bytes, 0600) when asked and missing; None when there is none to use."""
    path = folder / INSTALL_KEY
    for _attempt in range(2):
        try:
            key = _read_private(path, SIGNATURE_BYTES)
            return key if len(key) == SIGNATURE_BYTES else None
        except FileNotFoundError:
            if not create:
                return None
        except OSError:
            return None
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        except FileExistsError:  # another process made it first: read theirs
            continue
        except OSError:
            return None
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(os.urandom(SIGNATURE_BYTES))
            handle.flush()
            os.fsync(handle.fileno())
    return None


def _signature(key: bytes, signed: bytes) -> bytes:
    return hmac.new(key, signed, hashlib.sha256).digest()


def read_snapshot(target: Path, key: str) -> Prepared | None:
    """The prepared data in target if it is ours, private, signed with this install's key and holds this key; else None.

    The signature and the content key are checked on the bytes first: nothing is unpickled that this install did not write.
    """
    try:
        if not _usable_folder(target.parent):
            return None
        secret = install_key(target.parent, create=False)
        if secret is None:
            return None
        raw = _read_private(target, MAX_SNAPSHOT_BYTES)
        header, key_line = len(MAGIC) + SIGNATURE_BYTES, key.encode() + b"\n"
        if not raw.startswith(MAGIC) or len(raw) < header + len(key_line):
            return None
        signature, signed = raw[len(MAGIC) : header], raw[header:]
        if not hmac.compare_digest(signature, _signature(secret, signed)) or not signed.startswith(key_line):
            return None
        with collector_paused():
            prepared = pickle.loads(memoryview(signed)[len(key_line) :])
    except Exception:  # a missing, truncated, corrupt or foreign snapshot is ignored: the data are validated anew
        return None
    if not isinstance(prepared, tuple) or len(prepared) != 2:
        return None
    dataset, frames = prepared
    if not isinstance(dataset, Dataset) or not isinstance(frames, Frames):
        return None
    return dataset, frames


def write_snapshot(target: Path, key: str, prepared: Prepared) -> bool:
    """Write a signed snapshot atomically into a private folder; False (and no snapshot) when that is not possible."""
    folder = target.parent
    try:
        with contextlib.suppress(FileExistsError):
            folder.mkdir(mode=0o700, parents=True)  # made here: private from the start
        if not _usable_folder(folder):  # not ours, or others may write in it: never chmod-ed, not used
            return False
        secret = install_key(folder, create=True)
        if secret is None or "\n" in key:
            return False
        signed = key.encode() + b"\n" + pickle.dumps(prepared, protocol=pickle.HIGHEST_PROTOCOL)
        descriptor, temporary = tempfile.mkstemp(prefix=".prepared-", suffix=".tmp", dir=folder)  # created 0600
        try:
            with os.fdopen(descriptor, "wb") as handle:
                handle.write(MAGIC + _signature(secret, signed))
                handle.write(signed)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, target)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except (OSError, pickle.PicklingError, RecursionError):
        return False
    return True


def load_prepared(path: Path | str | None = None, *, seeds_dir: Path = SEEDS_DIR) -> Prepared:
    """The validated dataset and its frames: from the snapshot when one matches, else loaded, validated and snapshotted.

    Raises DataFileError, as load_dataset does, for a file that cannot be used (failures are never snapshotted).
    """
    path = Path(path) if path is not None else data_path()
    folder = cache_dir()
    key = snapshot_key(path, seeds_dir) if folder is not None else None
    target = snapshot_path(path, folder) if folder is not None else None
    if key is not None and target is not None:
        prepared = read_snapshot(target, key)
        if prepared is not None:
            return prepared
    with collector_paused():
        dataset = load_dataset(path, seeds_dir=seeds_dir)
        prepared = (dataset, build_frames(dataset))
    # Written only if the files did not change while they were read: the key must name what was validated.
    if key is not None and target is not None and snapshot_key(path, seeds_dir) == key:
        write_snapshot(target, key, prepared)
    return prepared

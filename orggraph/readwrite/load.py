"""Load a dataset into an :class:`~orggraph.graph.OrgGraph`: the packaged YAML (the
default), another YAML directory, or a CSV pair.

Loading validates everything and raises :class:`~orggraph.exceptions.InvalidDataset`
listing every problem. A valid dataset is cached as a pickle keyed by the SHA-256 of
its files and of the code that builds it, so later commands start fast. Set
``ORGGRAPH_CACHE_DIR`` to move the cache, or ``ORGGRAPH_NO_CACHE=1`` to turn it off.

The cache folder is made private (mode 0700) and is bounded: it keeps one graph per dataset
(the latest version; an older one is removed when a newer one is written) and at most the
:data:`CACHE_KEEP` most recently used graphs in all. Unpickling runs code, so a cache file is only read when it and its
folder are owned by the user (or root) and writable by nobody else; otherwise the graph is
built from the files, with one warning line. Hashing the files for the key reads only
regular files, opened non-blocking and at most :data:`~orggraph.readwrite.records.MAX_FILE_BYTES`
each: a FIFO, a device or a link to one is left to the readers, which report it.

May import: exceptions, graph, readwrite.

>>> g = load()
>>> g.counts()["nodes"]["KKR"], g.counts()["nodes"]["RAR"], g.counts()["nodes"]["Kommune"]
(5, 8, 98)
"""

from __future__ import annotations

__all__ = ["DATA_DIR", "read_raw", "check_dataset", "build", "load", "dataset_files"]

import gc
import hashlib
import os
import pickle
import re
import stat
import sys
import tempfile
import time
from pathlib import Path

from orggraph.exceptions import DataError, InvalidDataset
from orggraph.graph import OrgGraph
from orggraph.readwrite.csv_dataset import csv_pair_paths
from orggraph.readwrite.records import DATA_DIR, MAX_FILE_BYTES, RawDataset, display_path, no_gc as _no_gc

# The YAML parser and the validator are imported where they are used: a cached load
# needs neither, and that keeps every command's start-up small.

#: The code that makes a graph from the files: part of the cache key. Everything in
#: readwrite/ and the modules below it, so that no hand-kept list can go stale.
_CODE = sorted([*(Path(__file__).resolve().parent.parent / name for name in
                  ("model.py", "graph.py", "text.py", "exceptions.py", "files.py")),
                *Path(__file__).resolve().parent.glob("*.py")])


def dataset_files(path: str | os.PathLike | None = None) -> list[Path]:
    """Every file a dataset may be read from: its data files, its register, and every file
    under the ``documents/`` folders a source document may come from (the dataset's own,
    then the packaged one). Names only: nothing is opened."""
    path = Path(path) if path is not None else DATA_DIR
    pair = csv_pair_paths(path)
    if pair is not None:
        return [*pair, DATA_DIR / "sources.yaml", *_documents(DATA_DIR / "documents")]
    folders = dict.fromkeys([path / "documents", DATA_DIR / "documents"])
    return sorted(path.glob("*.yaml")) + [file for folder in folders for file in _documents(folder)]


def _documents(folder: Path) -> list[Path]:
    """Every entry below ``folder``, hidden ones and sub-folders' included (``file:`` may
    name ``sub/x.txt``), without following links to folders."""
    out = []
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        out += [Path(root) / name for name in sorted(files)]
    return out


def read_raw(path: str | os.PathLike | None = None) -> RawDataset:
    """Read a dataset without validating it. ``path`` is a YAML directory or a CSV pair."""
    with _no_gc():
        return _read_raw(path)


def _read_raw(path: str | os.PathLike | None) -> RawDataset:
    from orggraph.readwrite.csv_dataset import read_csv_pair
    from orggraph.readwrite.yaml_dataset import read_yaml_dataset

    if path is None:
        return read_yaml_dataset(DATA_DIR)
    path = Path(path)
    if not path.exists():
        return RawDataset(errors=[DataError(display_path(path), None, "path", "does not exist")])
    if csv_pair_paths(path) is not None:
        return read_csv_pair(path, read_yaml_dataset(DATA_DIR, register_only=True))
    if path.is_dir():
        return read_yaml_dataset(path)
    return RawDataset(errors=[DataError(display_path(path), None, "path", "is neither a YAML dataset directory nor a CSV pair (nodes.csv and edges.csv)")])


def check_dataset(path: str | os.PathLike | None = None):
    """Read and validate a dataset, collecting every problem (a :class:`~orggraph.readwrite.validate.CheckResult`)."""
    from orggraph.readwrite.validate import check

    with _no_gc():
        return check(read_raw(path))


def build(result) -> OrgGraph:
    """Build the graph from a clean :class:`CheckResult`; raise if it has problems."""
    if result.errors:
        raise InvalidDataset(result.errors)
    with _no_gc():
        return OrgGraph.from_records(result.nodes, result.edges, result.documents)


#: How many cached graphs the cache folder keeps: the most recently used.
CACHE_KEEP = 8
_CACHE_NAME = re.compile(r"graph-[0-9a-f]{32}\.pickle")
_TEMP_NAME = re.compile(r"\.graph-[0-9a-f]{32}\.pickle\.[A-Za-z0-9_]+\.tmp")
_NONBLOCK = getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)


def _hash_file(digest, file: Path) -> None:
    """Add ``file``'s name and bytes to ``digest``. Only a regular file of at most
    MAX_FILE_BYTES is read (checked before opening, opened non-blocking, checked again);
    anything else (a FIFO, a device, a link to one, a folder, a missing or unreadable
    file) adds only its name and what it is: the readers report it if it is used."""
    digest.update(os.fsencode(file.name) + b"\0")
    try:
        info = os.stat(file)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_FILE_BYTES:
            raise OSError("not read")
        with os.fdopen(os.open(file, os.O_RDONLY | _NONBLOCK), "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise OSError("not read")
            size = 0
            while chunk := handle.read(1 << 20):
                size += len(chunk)
                if size > MAX_FILE_BYTES:
                    raise OSError("not read")
                digest.update(chunk)
            digest.update(b"\0%d\0" % size)
    except OSError:
        digest.update(b"\0not read\0")


def _cache_dir() -> Path:
    return Path(os.environ.get("ORGGRAPH_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "orggraph"))


def _cache_file(path: str | os.PathLike | None) -> Path | None:
    """The cache entry of the dataset at ``path`` as its files are now: ``graph-D-V.pickle``
    written as 32 hex digits, 16 naming the dataset (its folder) and 16 its version (the
    SHA-256 of its files and of the code that builds the graph). Only the latest version of
    a dataset is kept (see :func:`_evict`)."""
    if os.environ.get("ORGGRAPH_NO_CACHE"):
        return None
    digest = hashlib.sha256()
    for file in [*_CODE, *dataset_files(path)]:
        _hash_file(digest, file)
    where = os.fsencode(os.path.abspath(path)) if path is not None else b"packaged"
    return _cache_dir() / f"graph-{hashlib.sha256(where).hexdigest()[:16]}{digest.hexdigest()[:16]}.pickle"


def _untrusted(info: os.stat_result) -> str | None:
    """Why a cache file or folder with this status may not be unpickled, or None."""
    if not hasattr(os, "geteuid"):  # Windows: no owner or mode bits to check
        return None
    if info.st_uid not in (os.geteuid(), 0):
        return f"is owned by user id {info.st_uid}, not by you"
    if info.st_mode & 0o022:
        return f"is writable by others (mode {stat.S_IMODE(info.st_mode):04o})"
    return None


def _warn(message: str) -> None:
    print(f"orggraph: warning: {message}", file=sys.stderr)


def _private_folder(folder: Path) -> int | None:
    """An open descriptor of the cache folder, made with mode 0700 if missing, or None
    when there is none or it may not be trusted (then with one warning line)."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return None  # no cache folder (a file, read-only, ...): only costs speed
    problem = _untrusted(os.fstat(fd))
    if problem:
        os.close(fd)
        _warn(f"not using the load cache {display_path(folder)}: the folder {problem}; "
              f"make it yours with mode 0700, or set ORGGRAPH_CACHE_DIR")
        return None
    return fd


def _read_cache(folder_fd: int, cache_file: Path) -> OrgGraph | None:
    """The graph cached in ``cache_file`` if it is a regular file of the user's (or
    root's) that nobody else may write, else None (then with one warning line)."""
    try:
        if os.open in os.supports_dir_fd:
            fd = os.open(cache_file.name, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | _NONBLOCK, dir_fd=folder_fd)
        else:
            fd = os.open(cache_file, os.O_RDONLY | _NONBLOCK)
    except OSError:
        return None  # not cached yet (or a link, which orggraph never writes)
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        problem = "is not a regular file" if not stat.S_ISREG(info.st_mode) else _untrusted(info)
        if problem:
            _warn(f"not reading the cached graph {display_path(cache_file)}: it {problem}; it is rebuilt")
            return None
        try:
            with _no_gc():
                graph = pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError, TypeError, IndexError):
            return None  # a stale or broken entry is rebuilt
    if not isinstance(graph, OrgGraph):
        return None
    try:
        os.utime(cache_file)  # most recently used: kept longest
    except OSError:
        pass
    return graph


def _write_cache(cache_file: Path, graph: OrgGraph) -> None:
    """Write ``cache_file`` atomically (mode 0600), then remove all but the
    :data:`CACHE_KEEP` most recently used graphs. Failures only cost speed."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{cache_file.name}.", suffix=".tmp", dir=cache_file.parent)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as handle, _no_gc():  # written as it is made: no copy of it all in memory
            pickle.dump(graph, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, cache_file)
    except (OSError, pickle.PicklingError):
        return
    finally:
        if os.path.lexists(tmp):
            os.unlink(tmp)
    _evict(cache_file.parent, cache_file.name)


def _evict(folder: Path, kept: str | None = None) -> None:
    """Remove the user's own ``graph-*.pickle`` files beyond the :data:`CACHE_KEEP` most
    recently used, the older versions of the dataset just cached as ``kept`` (an edited
    dataset's old graph is never read again), and temporary files a killed run left more
    than an hour ago. Nothing else in the folder is touched. So the cache holds at most one
    graph per dataset and at most :data:`CACHE_KEEP` graphs."""
    uid = os.geteuid() if hasattr(os, "geteuid") else None
    graphs, stale = [], []
    try:
        with os.scandir(folder) as entries:
            for entry in entries:
                try:
                    info = entry.stat(follow_symlinks=False)
                except OSError:
                    continue
                if not stat.S_ISREG(info.st_mode) or (uid is not None and info.st_uid != uid):
                    continue
                if _CACHE_NAME.fullmatch(entry.name):
                    if kept and entry.name != kept and entry.name[:len("graph-") + 16] == kept[:len("graph-") + 16]:
                        stale.append(entry.name)  # an older version of the same dataset
                    else:
                        graphs.append((info.st_mtime, entry.name))
                elif _TEMP_NAME.fullmatch(entry.name) and info.st_mtime < time.time() - 3600:
                    stale.append(entry.name)
    except OSError:
        return
    graphs.sort(reverse=True)
    for name in [name for _, name in graphs[CACHE_KEEP:]] + stale:
        try:
            os.unlink(folder / name)
        except OSError:
            pass


def load(path: str | os.PathLike | None = None, *, cache: bool = True) -> OrgGraph:
    """Load and validate a dataset (the packaged one by default) into an :class:`OrgGraph`.

    Raises :class:`~orggraph.exceptions.InvalidDataset` with every problem found.
    """
    cache_file = _cache_file(path) if cache else None
    folder_fd = _private_folder(cache_file.parent) if cache_file is not None else None
    if folder_fd is not None:
        try:
            graph = _read_cache(folder_fd, cache_file)
        finally:
            os.close(folder_fd)
        if graph is not None:
            return _settled(graph)
    graph = build(check_dataset(path))
    if folder_fd is not None:
        _write_cache(cache_file, graph)
    return _settled(graph)


#: From how many nodes a loaded graph is moved out of the cycle collector's sight (see :func:`_settled`).
SETTLE_NODES = 10_000


def _settled(graph: OrgGraph) -> OrgGraph:
    """``graph``, moved (with everything made so far) into the collector's permanent generation
    when it is big: it was made with the collector paused, so otherwise the first collections
    after the load walk its millions of objects again, and a query pays a second or more for
    them. Its objects are still freed when no longer used; only its cycles stay."""
    if len(graph) >= SETTLE_NODES:
        gc.freeze()
    return graph

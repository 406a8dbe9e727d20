"""Loading: the cache key never blocks on or reads special files, the cache is private,
bounded and never unpickled when others could have written it, and a CSV pair reads only
the packaged register.

The small dataset of ``tests/data/broken/00-valid-yaml`` (two nodes, one edge, citing the
packaged KL notat) is the base of every case.
"""

import os
import pickle
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from orggraph.exceptions import InvalidDataset
from orggraph.readwrite import load as load_module
from orggraph.readwrite.load import CACHE_KEEP, load

BASE = Path(__file__).parent / "data" / "broken" / "00-valid-yaml"
SUMMARY = "orggraph: the dataset has 1 problem(s); see 'orggraph validate'."
#: The three quotes the base dataset cites from the packaged seed-003.
QUOTES = ("KKR Sjælland godkendte den 2. marts 2015", "administrativ styregruppe for beskæftigelsesområdet (ASB)",
          "som forbereder sager til behandling i KKR")


def _dataset(tmp_path: Path, *register: str) -> Path:
    """A copy of the base dataset as ``tmp_path/ds``, with extra lines for its sources.yaml."""
    folder = tmp_path / "ds"
    shutil.copytree(BASE, folder, symlinks=True)
    (folder / "documents").mkdir()
    if register:
        (folder / "sources.yaml").write_text(
            "documents:\n  - {id: seed-003, kind: seed, file: 003_d7c2b5fffb7635c3.txt, title: KL-notat}\n"
            + "".join(f"  - {line}\n" for line in register), encoding="utf-8")
    return folder


def _limit_memory():
    """In the child: at most 2 GB of address space, so a read of /dev/zero ends in MemoryError, not in swap."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


def _info(tmp_path: Path, seconds: int = 30) -> subprocess.CompletedProcess:
    """``orggraph info --data ds`` run from ``tmp_path`` in a fresh process, failing (not hanging) if it blocks."""
    env = dict(os.environ, ORGGRAPH_CACHE_DIR=str(tmp_path / "cache"))
    env.pop("ORGGRAPH_NO_CACHE", None)
    try:
        return subprocess.run([sys.executable, "-m", "orggraph", "info", "--data", "ds"], cwd=tmp_path, env=env,
                              capture_output=True, text=True, timeout=seconds, stdin=subprocess.DEVNULL, check=False,
                              preexec_fn=_limit_memory if sys.platform != "win32" else None)
    except subprocess.TimeoutExpired:
        pytest.fail(f"'orggraph info --data ds' blocked for {seconds} s")


def _fifo(path: Path) -> None:
    path.unlink(missing_ok=True)
    os.mkfifo(path)  # nobody writes: opening it for reading would block


def _fifo_as_data_file(folder):
    _fifo(folder / "data.yaml")


def _fifo_in_documents(folder):
    _fifo(folder / "documents" / "pipe.txt")


def _link_to_dev_zero_as_document(folder):
    os.symlink("/dev/zero", folder / "documents" / "zero.txt")


def _link_to_dev_zero_as_data_file(folder):
    os.symlink("/dev/zero", folder / "zero.yaml")


needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
needs_dev_zero = pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")


@pytest.mark.parametrize("make,register,expected", [
    pytest.param(_fifo_as_data_file, (), "ds/data.yaml: file: is a FIFO (named pipe), not a regular file",
                 marks=needs_fifo, id="fifo-as-data.yaml"),
    pytest.param(_fifo_in_documents, ("{id: pipe, kind: background, file: pipe.txt, title: En FIFO}",),
                 "ds/sources.yaml:3: documents[1].file: 'pipe.txt' in ds/documents is a FIFO (named pipe), not a regular file",
                 marks=needs_fifo, id="fifo-in-documents"),
    pytest.param(_link_to_dev_zero_as_document, ("{id: zero, kind: background, file: zero.txt, title: Endeløs}",),
                 "ds/sources.yaml:3: documents[1].file: 'zero.txt' in ds/documents is a link to a file outside the "
                 "documents folder; copy the file in instead",
                 marks=needs_dev_zero, id="link-to-dev-zero-as-document"),
    pytest.param(_link_to_dev_zero_as_data_file, (), "ds/zero.yaml: file: is a device, not a regular file",
                 marks=needs_dev_zero, id="link-to-dev-zero-as-data-file"),
])
def test_info_on_a_special_file_says_which_in_one_line_without_blocking(make, register, expected, tmp_path):
    make(_dataset(tmp_path, *register))
    done = _info(tmp_path)
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 1, done.stderr
    assert done.stderr.splitlines() == [expected, SUMMARY]
    assert done.stdout == ""


@needs_fifo
@needs_dev_zero
def test_special_files_no_one_cites_neither_block_nor_stop_the_cache(tmp_path):
    folder = _dataset(tmp_path)
    _fifo_in_documents(folder)
    _link_to_dev_zero_as_document(folder)
    first, second = _info(tmp_path), _info(tmp_path)
    assert (first.returncode, first.stderr) == (0, "")
    assert (second.returncode, second.stderr, second.stdout) == (0, "", first.stdout)
    assert len(list((tmp_path / "cache").glob("graph-*.pickle"))) == 1


def _notat(folder: Path, name: str, text: str) -> Path:
    path = folder / "documents" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", ["sub/notat.txt", ".notat.txt"])
def test_the_cache_key_covers_every_document_a_register_may_name(name, tmp_path, monkeypatch):
    """``file:`` may name a hidden file or one in a sub-folder: changing it must not leave a stale graph."""
    monkeypatch.setenv("ORGGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    folder = _dataset(tmp_path)
    (folder / "sources.yaml").write_text(f"documents:\n  - {{id: seed-003, kind: seed, file: {name}, title: Notat}}\n",
                                         encoding="utf-8")
    _notat(folder, name, "\n".join(QUOTES) + "\n")
    assert len(load(folder)) == 2
    assert len(list((tmp_path / "cache").glob("graph-*.pickle"))) == 1  # cached, not skipped for the sub-folder
    _notat(folder, name, "\n".join(QUOTES[1:]) + "\n")
    with pytest.raises(InvalidDataset, match="quote not found"):
        load(folder)


def _cache(tmp_path: Path, monkeypatch) -> Path:
    cache = tmp_path / "home" / "cache"
    monkeypatch.setenv("ORGGRAPH_CACHE_DIR", str(cache))
    monkeypatch.delenv("ORGGRAPH_NO_CACHE", raising=False)
    return cache


posix_owners = pytest.mark.skipif(not hasattr(os, "geteuid"), reason="owners and mode bits are POSIX")


@posix_owners
def test_the_cache_folder_and_files_are_private(tmp_path, monkeypatch):
    cache = _cache(tmp_path, monkeypatch)
    old = os.umask(0o002)  # a umask that would leave files group-writable
    try:
        load(_dataset(tmp_path))
    finally:
        os.umask(old)
    assert stat.S_IMODE(cache.stat().st_mode) == 0o700
    (entry,) = cache.iterdir()
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600


def _planted(cache: Path, tmp_path: Path, mode: int) -> tuple[Path, Path]:
    """A pickle in place of the dataset's cache entry that makes a folder when it is
    unpickled (as any code could run): (the entry, the folder it would make)."""
    folder = tmp_path / "ds"
    entry = load_module._cache_file(folder)
    assert entry.parent == cache
    marker = tmp_path / "unpickled"
    cache.mkdir(parents=True, exist_ok=True, mode=0o700)
    entry.write_bytes(pickle.dumps(_Planted(str(marker))))
    entry.chmod(mode)
    return entry, marker


class _Planted:
    def __init__(self, marker: str):
        self.marker = marker

    def __reduce__(self):
        return os.mkdir, (self.marker,)


@posix_owners
def test_a_private_cache_entry_is_unpickled(tmp_path, monkeypatch, capsys):
    """The control for the tests below: an entry of mode 0600 is read, so the planted pickle runs."""
    cache = _cache(tmp_path, monkeypatch)
    _dataset(tmp_path)
    _, marker = _planted(cache, tmp_path, 0o600)
    assert len(load(tmp_path / "ds")) == 2  # not an OrgGraph: rebuilt
    assert marker.is_dir()
    assert capsys.readouterr().err == ""


@posix_owners
@pytest.mark.parametrize("mode", [0o620, 0o602, 0o666], ids=oct)
def test_a_cache_entry_others_may_write_is_not_unpickled(mode, tmp_path, monkeypatch, capsys):
    cache = _cache(tmp_path, monkeypatch)
    _dataset(tmp_path)
    entry, marker = _planted(cache, tmp_path, mode)
    assert len(load(tmp_path / "ds")) == 2
    assert not marker.exists()
    assert capsys.readouterr().err == (f"orggraph: warning: not reading the cached graph {entry}: it is writable by "
                                       f"others (mode {mode:04o}); it is rebuilt\n")
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600  # replaced by orggraph's own
    assert len(load(tmp_path / "ds")) == 2
    assert capsys.readouterr().err == ""


@posix_owners
@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="giving a file to another user needs root")
def test_a_cache_entry_of_another_user_is_not_unpickled(tmp_path, monkeypatch, capsys):
    cache = _cache(tmp_path, monkeypatch)
    _dataset(tmp_path)
    entry, marker = _planted(cache, tmp_path, 0o600)
    os.chown(entry, 54321, 54321)
    assert len(load(tmp_path / "ds")) == 2
    assert not marker.exists()
    assert capsys.readouterr().err == (f"orggraph: warning: not reading the cached graph {entry}: it is owned by "
                                       f"user id 54321, not by you; it is rebuilt\n")


@posix_owners
def test_a_cache_folder_others_may_write_is_not_used(tmp_path, monkeypatch, capsys):
    cache = _cache(tmp_path, monkeypatch)
    _dataset(tmp_path)
    entry, marker = _planted(cache, tmp_path, 0o600)
    cache.chmod(0o777)
    for _ in range(2):
        assert len(load(tmp_path / "ds")) == 2
        assert not marker.exists()
        assert capsys.readouterr().err == (f"orggraph: warning: not using the load cache {cache}: the folder is "
                                           "writable by others (mode 0777); make it yours with mode 0700, or set "
                                           "ORGGRAPH_CACHE_DIR\n")
    assert [p.name for p in cache.iterdir()] == [entry.name]  # nothing written into it


def test_a_cache_folder_that_cannot_be_made_only_costs_speed(tmp_path, monkeypatch, capsys):
    (tmp_path / "file").write_text("", encoding="utf-8")
    monkeypatch.setenv("ORGGRAPH_CACHE_DIR", str(tmp_path / "file" / "cache"))
    assert len(load(_dataset(tmp_path))) == 2
    assert capsys.readouterr().err == ""


def test_the_cache_keeps_only_the_most_recently_used_graphs(tmp_path, monkeypatch):
    cache = _cache(tmp_path, monkeypatch)
    cache.mkdir(parents=True, mode=0o700)
    now = time.time()
    old = [f"graph-{i:032x}.pickle" for i in range(CACHE_KEEP + 3)]
    for age, name in enumerate(old, start=1):  # old[0] is the newest
        (cache / name).write_bytes(b"stale")
        os.utime(cache / name, (now - 60 * age, now - 60 * age))
    others = ["notes.txt", "graph-latest.pickle", f"graph-{'f' * 32}.pickle.bak", f".graph-{'e' * 32}.pickle.x1.tmp"]
    for name in others:
        (cache / name).write_bytes(b"not orggraph's")
    stale_temp = f".graph-{'d' * 32}.pickle.k2j_9.tmp"  # left by a killed run two hours ago
    (cache / stale_temp).write_bytes(b"half")
    os.utime(cache / stale_temp, (now - 7200, now - 7200))
    if hasattr(os, "symlink"):
        (tmp_path / "target").write_bytes(b"keep")
        os.symlink(tmp_path / "target", cache / f"graph-{'c' * 32}.pickle")
        others.append(f"graph-{'c' * 32}.pickle")

    entry = load_module._cache_file(_dataset(tmp_path))
    load(tmp_path / "ds")
    assert sorted(p.name for p in cache.iterdir()) == sorted([entry.name, *old[:CACHE_KEEP - 1], *others])
    assert (tmp_path / "target").read_bytes() == b"keep"

    os.utime(entry, (now - 3600, now - 3600))  # the oldest now; a hit makes it the newest again
    load(tmp_path / "ds")
    assert entry.stat().st_mtime > now - 60


def test_a_csv_pair_reads_only_the_packaged_register(graph, tmp_path, monkeypatch):
    from orggraph.readwrite import yaml_dataset
    from orggraph.readwrite.csv_dataset import write_csv_pair
    from orggraph.readwrite.load import DATA_DIR, read_raw

    write_csv_pair(graph, tmp_path)
    read = []
    real = yaml_dataset._read
    monkeypatch.setattr(yaml_dataset, "_read", lambda path, raw: read.append(path) or real(path, raw))
    raw = read_raw(tmp_path)
    assert read == [DATA_DIR / "sources.yaml"]
    assert (len(raw.nodes), len(raw.edges), raw.errors) == (len(graph), graph.graph.number_of_edges(), [])
    assert [d.data["id"] for d in raw.documents] == list(graph.documents)


def test_the_cache_key_covers_the_code_that_builds_a_graph():
    """Every orggraph module a build imports is hashed, but for packages, errors and output."""
    script = ("import sys; from orggraph.readwrite.load import load; load(cache=False); "
              "print(*sorted(m.__file__ for n, m in sys.modules.items() if n.startswith('orggraph')), sep='\\n')")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60)
    used = {Path(line) for line in done.stdout.splitlines()}
    untouched = {"__init__.py", "exceptions.py", "atomic.py"}
    assert sorted(str(p) for p in used - set(load_module._CODE) if p.name not in untouched) == []


def test_the_cache_keeps_one_graph_per_dataset_its_latest(tmp_path, monkeypatch):
    """An edited dataset's old graph is never read again: it goes when the new one is written,
    while another dataset's graph stays."""
    cache = _cache(tmp_path, monkeypatch)
    folder = _dataset(tmp_path)
    other = tmp_path / "other"
    shutil.copytree(folder, other, symlinks=True)
    assert len(load(other)) == 2
    first = load_module._cache_file(folder)
    load(folder)
    assert sorted(p.name for p in cache.glob("graph-*.pickle")) == sorted([first.name, load_module._cache_file(other).name])
    data = next(p for p in sorted(folder.glob("*.yaml")) if p.name != "sources.yaml")
    data.write_text(data.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    second = load_module._cache_file(folder)
    assert second != first
    load(folder)
    assert sorted(p.name for p in cache.glob("graph-*.pickle")) == sorted([second.name, load_module._cache_file(other).name])


def test_reading_and_checking_a_dataset_leave_no_reference_cycles(tmp_path):
    """The cycle collector is paused while a dataset is read and checked (records.no_gc), so
    anything caught in a reference cycle stays in memory until the whole load ends: a 1,000-file
    YAML folder once kept every file's line map that way (400 MiB more at 100,000 nodes)."""
    import gc

    from orggraph.readwrite.csv_dataset import write_csv_pair
    from orggraph.readwrite.load import check_dataset

    write_csv_pair(load(), tmp_path)
    was = gc.isenabled()
    gc.disable()  # only the collections asked for below: none runs in between by itself
    try:
        for dataset in (None, tmp_path):  # the packaged YAML (with anchors and aliases), a CSV pair
            gc.collect()
            result = check_dataset(dataset)
            assert not result.errors
            assert gc.collect() == 0, dataset
    finally:
        if was:
            gc.enable()

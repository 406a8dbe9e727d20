"""Output never destroys what the user did not ask to replace, and every write failure is one line.

Cases from the newcomer and attacker report (../shared/audits/newcomer-robustness-2026-11.md):
o03, o06, o07-o08b, o10, o12, o17, o19, o20, o21, o22, o23, o26, and `export charts` deleting
the user's own figures (issue 16).
"""

import hashlib
import json
import os
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from orggraph.atomic import atomic_write_bytes
from orggraph.cli import app
from orggraph.exceptions import WriteError

from conftest import unavailable

ORGGRAPH = [sys.executable, "-m", "orggraph"]


def run(*args, **kwargs) -> subprocess.CompletedProcess:
    """The real command in a process of its own, as a user runs it."""
    return subprocess.run([*ORGGRAPH, *args], capture_output=True, timeout=120, **kwargs)


def no_temporary_files(folder: Path) -> bool:
    return not [p for p in Path(folder).rglob("*") if p.name.endswith(".tmp")]


# --- standard output -------------------------------------------------------------------


def test_chart_to_stdout_prints_svg():
    result = run("chart", "principmodel", "--as-of", "2022-01-01", "-o", "-", "--format", "svg")
    assert result.returncode == 0, result.stderr
    assert result.stdout.lstrip().startswith(b"<?xml") and b"<svg" in result.stdout[:600]
    assert result.stdout.rstrip().endswith(b"</svg>")
    # the "written" line goes to stderr, so the SVG on stdout stays a valid file
    assert b"Principmodel" in result.stderr


@pytest.mark.parametrize("target", ["json", "graphml", "ttl", "cypher"])
def test_text_exports_go_to_stdout(target, graph):
    result = run("export", target, "-o", "-")
    assert result.returncode == 0, result.stderr
    from orggraph.formats import generate

    assert result.stdout == next(iter(generate(graph, target).values()))


def test_a_binary_format_is_refused_on_a_terminal(runner, monkeypatch):
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    with pytest.raises(WriteError, match="binary and standard output is a terminal"):
        atomic_write_bytes({Path("-"): b"\x89PNG\r\n\x1a\n\0\0"})


def test_several_files_cannot_go_to_stdout(runner):
    for args in (["export", "csv", "-o", "-"], ["export", "data", "-o", "-"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 2, result.output
        assert "give a folder" in result.output


def test_stdout_into_a_full_device_is_one_line():
    with open("/dev/full", "wb") as full:
        result = subprocess.run([*ORGGRAPH, "info"], stdout=full, stderr=subprocess.PIPE, timeout=60)
    assert result.returncode == 1
    assert result.stderr.decode().strip() == "orggraph: error: cannot write the output: No space left on device"


def test_a_reader_that_closes_early_is_no_error():
    reader = subprocess.Popen(["head", "-c", "10"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
    result = subprocess.run([*ORGGRAPH, "compare"], stdout=reader.stdin, stderr=subprocess.PIPE, timeout=60)
    reader.stdin.close()
    reader.wait(timeout=10)
    assert b"Traceback" not in result.stderr
    assert result.returncode in (0, 1) and len(result.stderr.decode().splitlines()) <= 1


# --- special files and links are written into, never replaced ---------------------------


def test_a_named_pipe_stays_a_pipe(tmp_path):
    fifo = tmp_path / "figur.svg"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = run("chart", "principmodel", "--as-of", "2022-01-01", "-o", str(fifo), "--format", "svg")
    reader.join(timeout=60)
    assert result.returncode == 0, result.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode), "the named pipe was replaced by a regular file"
    assert received and received[0].rstrip().endswith(b"</svg>")
    assert no_temporary_files(tmp_path)


def _device(tmp_path: Path, name: str, minor: int) -> Path:
    """A character device node like /dev/null (minor 3) or /dev/full (minor 7) in ``tmp_path``.

    Made here rather than using /dev itself, so that a regression replaces a node of the test's own.
    """
    if os.geteuid() != 0:
        unavailable("making a device node needs root (CI runs as root)")
    node = tmp_path / name
    os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, minor))
    return node


@pytest.mark.parametrize("args", [["export", "graphml"], ["export", "xlsx"], ["compare", "--format", "md"],
                                  ["chart", "principmodel", "--as-of", "2022-01-01", "--format", "svg"]])
def test_a_device_is_written_into_not_replaced(args, tmp_path):
    null = _device(tmp_path, "null", 3)
    result = run(*args, "-o", str(null))
    assert result.returncode == 0, result.stderr
    assert stat.S_ISCHR(os.lstat(null).st_mode), "the device node was replaced by a regular file"
    assert no_temporary_files(tmp_path)


def test_a_full_device_is_one_line_and_stays_a_device(tmp_path):
    full = _device(tmp_path, "full", 7)
    result = run("export", "graphml", "-o", str(full))
    assert result.returncode == 1
    assert result.stderr.decode().strip() == f"orggraph: error: cannot write {full}: No space left on device"
    assert stat.S_ISCHR(os.lstat(full).st_mode)


def test_a_symlink_stays_a_link_and_its_target_is_written(tmp_path):
    target = tmp_path / "real" / "figur.svg"
    target.parent.mkdir()
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "link.svg"
    link.symlink_to(target)
    result = run("chart", "principmodel", "--as-of", "2022-01-01", "-o", str(link))
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and link.resolve() == target.resolve()
    assert target.read_bytes().rstrip().endswith(b"</svg>")
    assert no_temporary_files(tmp_path)


# --- failures: one line naming the target, nothing left behind ---------------------------


@pytest.mark.parametrize("args", [
    ["chart", "principmodel", "--as-of", "2022-01-01", "-o", "/proc/p.svg"],
    ["compare", "-o", "/proc/x.md"],
    ["export", "graphml", "-o", "/proc/x.graphml"],
    ["export", "csv", "-o", "/proc/csv"],
])
def test_an_unwritable_target_is_one_line(args):
    result = run(*args)
    assert result.returncode == 1, result.stderr
    lines = result.stderr.decode().splitlines()
    assert len(lines) == 1 and lines[0].startswith("orggraph: error: cannot write /proc/"), lines
    assert ".tmp" not in lines[0]


def test_a_folder_in_the_way_is_one_line(tmp_path):
    (tmp_path / "x.svg").mkdir()
    result = run("chart", "principmodel", "--as-of", "2022-01-01", "-o", str(tmp_path / "x.svg"))
    assert result.returncode == 1
    assert result.stderr.decode().strip() == f"orggraph: error: cannot write {tmp_path / 'x.svg'}: is a folder; give a file name"


def test_a_failed_batch_keeps_the_previous_files(tmp_path, monkeypatch):
    from orggraph import atomic

    old = {tmp_path / "a.txt": b"old a", tmp_path / "b.txt": b"old b"}
    for path, data in old.items():
        path.write_bytes(data)

    def interrupted(*_):
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic_write_bytes({tmp_path / "a.txt": b"new a", tmp_path / "b.txt": b"new b"})
    assert {p: p.read_bytes() for p in old} == old
    assert no_temporary_files(tmp_path)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupted_export_leaves_no_partial_file(sig, tmp_path):
    out = tmp_path / "data"
    process = subprocess.Popen([*ORGGRAPH, "export", "data", "-o", str(out)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60  # until it writes, not a fixed second: on a busy machine it may still be importing
    while process.poll() is None and not list(tmp_path.rglob("*.tmp")) and time.monotonic() < deadline:
        time.sleep(0.02)
    process.send_signal(sig)
    _, err = process.communicate(timeout=60)
    assert process.returncode in (0, 130), (process.returncode, err)
    assert b"Traceback" not in err
    assert no_temporary_files(tmp_path)
    if process.returncode == 130:
        assert not out.exists() or not any(out.iterdir())


# --- export charts touches only what it wrote ---------------------------------------------


def test_export_charts_keeps_the_users_own_figures(tmp_path, runner):
    folder = tmp_path / "figurer"
    folder.mkdir()
    mine = {folder / "min-figur.svg": b"<svg>mine</svg>", folder / "min-figur.png": b"\x89PNG mine"}
    for path, data in mine.items():
        path.write_bytes(data)
    for _ in range(2):  # the second run has a manifest to go by
        result = runner.invoke(app, ["export", "charts", "-o", str(folder)])
        assert result.exit_code == 0, result.output
    assert {p: p.read_bytes() for p in mine} == mine


def test_export_charts_removes_a_chart_it_wrote_and_no_longer_makes(tmp_path, runner):
    folder = tmp_path / "charts"
    assert runner.invoke(app, ["export", "charts", "-o", str(folder)]).exit_code == 0
    manifest = json.loads((folder / "MANIFEST.json").read_text(encoding="utf-8"))
    gone, edited = folder / "rar-atlantis.svg", folder / "rar-atlantis.png"
    gone.write_bytes(b"<svg/>")
    edited.write_bytes(b"edited by hand")
    manifest["rar-atlantis"] = {"kind": "rar", "ref": "rar-atlantis", "title": "", "as_of": "", "dot_sha256": "",
                                "files": {gone.name: hashlib.sha256(b"<svg/>").hexdigest(),
                                          edited.name: hashlib.sha256(b"as exported").hexdigest(),
                                          "../outside.svg": "0" * 64}}
    (folder / "MANIFEST.json").write_text(json.dumps(manifest), encoding="utf-8")
    (tmp_path / "outside.svg").write_bytes(b"not ours")
    assert runner.invoke(app, ["export", "charts", "-o", str(folder)]).exit_code == 0
    assert not gone.exists(), "a chart the export wrote and no longer makes stays"
    assert edited.read_bytes() == b"edited by hand", "a file changed since the export was removed"
    assert (tmp_path / "outside.svg").read_bytes() == b"not ours"

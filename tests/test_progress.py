"""Long commands show progress on a terminal and nothing in a pipe; Ctrl-C stops an export cleanly (issue 20, part 5).

Each command runs as a real process, as a user runs it, on a generated dataset large enough
to take a while (tests/benchmarks/generated.py).
"""

import os
import pty
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from benchmarks.generated import write_generated
from orggraph import progress
from orggraph.atomic import atomic_writer

ORGGRAPH = [sys.executable, "-m", "orggraph"]


@pytest.fixture(scope="module")
def dataset(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("generated")
    write_generated(folder, 60)
    return folder


@pytest.fixture(scope="module")
def big_dataset(tmp_path_factory) -> Path:
    """Large enough (30,000 nodes) that an export is still writing for seconds after its first
    temporary file appears, so that Ctrl-C reliably lands while it writes."""
    folder = tmp_path_factory.mktemp("generated-big")
    write_generated(folder, 300)
    return folder


def _env(**more) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ORGGRAPH_PROGRESS")}
    return {**env, **more}


def _on_a_terminal(args: list[str], env: dict) -> tuple[int, bytes]:
    """Run with stderr on a pseudo-terminal (stdout a pipe); return the exit code and what the terminal showed."""
    master, slave = pty.openpty()
    process = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=slave, env=env)
    os.close(slave)
    shown = b""
    while True:
        ready, _, _ = select.select([master], [], [], 120)
        if not ready:
            process.kill()
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        shown += chunk
    os.close(master)
    process.communicate(timeout=120)
    return process.returncode, shown


def test_a_long_export_on_a_terminal_shows_a_bar_with_counts(dataset, tmp_path):
    # the bar appears after ORGGRAPH_PROGRESS_DELAY seconds (2 by default); 0 here, so the test does not depend on speed
    code, shown = _on_a_terminal([*ORGGRAPH, "export", "ttl", "--data", str(dataset), "-o", str(tmp_path / "g.ttl")],
                                 _env(ORGGRAPH_PROGRESS_DELAY="0"))
    assert code == 0, shown
    text = shown.decode("utf-8", "replace")
    nodes = sum(1 for _ in (dataset / "nodes.csv").open(encoding="utf-8")) - 1
    assert "Turtle: nodes" in text
    assert f"/{nodes}" in text, text[-2000:]  # a count out of the total
    assert "━" in text  # the bar itself
    assert (tmp_path / "g.ttl").stat().st_size > 0


def test_in_a_pipe_nothing_goes_to_stderr(dataset, tmp_path):
    result = subprocess.run([*ORGGRAPH, "export", "ttl", "--data", str(dataset), "-o", str(tmp_path / "g.ttl")],
                            capture_output=True, timeout=300, env=_env(ORGGRAPH_PROGRESS_DELAY="0"))
    assert result.returncode == 0, result.stderr
    assert result.stderr == b""


def test_progress_can_be_asked_for_in_a_pipe_and_turned_off_on_a_terminal(dataset, tmp_path):
    args = [*ORGGRAPH, "export", "xlsx", "--data", str(dataset), "-o", str(tmp_path / "g.xlsx")]
    forced = subprocess.run(args, capture_output=True, timeout=300, env=_env(ORGGRAPH_PROGRESS="1", ORGGRAPH_PROGRESS_DELAY="0"))
    assert forced.returncode == 0, forced.stderr
    assert "XLSX: Relationer" in forced.stderr.decode("utf-8", "replace")
    code, shown = _on_a_terminal(args, _env(ORGGRAPH_PROGRESS="0", ORGGRAPH_PROGRESS_DELAY="0"))
    assert code == 0
    assert shown == b""


@pytest.mark.parametrize("target", ["ttl", "data"])
def test_ctrl_c_during_an_export_exits_130_and_leaves_no_file(big_dataset, tmp_path, target):
    out = tmp_path / ("g.ttl" if target == "ttl" else "data")
    process = subprocess.Popen([*ORGGRAPH, "export", target, "--data", str(big_dataset), "-o", str(out)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(),
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))  # as in a terminal
    folder = tmp_path if target == "ttl" else out
    deadline = time.monotonic() + 120
    while not [p for p in folder.rglob("*.tmp")] and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)  # until the export is writing its (temporary) file
    assert process.poll() is None, "the export ended before it could be interrupted"
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 130, err
    assert b"Traceback" not in err
    assert not [p for p in tmp_path.rglob("*") if p.is_file()], "a partial or temporary file was left"


def test_a_writer_that_fails_leaves_the_previous_file(tmp_path):
    target = tmp_path / "g.ttl"
    target.write_bytes(b"old")
    with pytest.raises(KeyboardInterrupt):
        with atomic_writer(target) as out:
            out.write(b"new, half")
            raise KeyboardInterrupt
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["g.ttl"]


def test_the_writers_report_their_counts_to_a_reporter(dataset):
    from orggraph import load
    from orggraph.formats import generate

    seen: dict[str, int] = {}
    totals: dict[str, int | None] = {}

    class Recorder:
        def start(self, description, total):
            totals[description], seen[description] = total, 0
            return description

        def advance(self, handle, n):
            seen[handle] += n

        def finish(self, handle):
            pass

    graph = load(dataset)
    with progress.reporting(Recorder()):
        generate(graph, "ttl")
    assert totals["Turtle: nodes"] == seen["Turtle: nodes"] == graph.graph.number_of_nodes()
    assert totals["Turtle: relations"] == seen["Turtle: relations"] == graph.graph.number_of_edges()

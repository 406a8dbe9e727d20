"""Shared machinery for the scale benchmarks (issue 20): settings, a process runner that
measures one child's wall time and peak memory, the report rows, and the one place that
knows where ``who_supports`` lives.

Settings (environment):

- ``ORGGRAPH_BENCH_AREAS``: areas in the generated data (default 1000: 100,003 nodes, 284,000 edges);
- ``ORGGRAPH_BENCH_NEO4J_AREAS``: areas pushed to the Bolt server (default 500, as in the issue);
- ``ORGGRAPH_BENCH_TIMEOUT``: seconds before a command is killed and reported as "> N s" (default 600);
- ``ORGGRAPH_BENCH_ROUNDS``: rounds of a seconds-long row (default 3; the very slow rows run once);
- ``ORGGRAPH_BENCH_REPORT``: write the Markdown table here (else it is printed at the end).
"""

from __future__ import annotations

import importlib
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

AREAS = int(os.environ.get("ORGGRAPH_BENCH_AREAS", "1000"))
NEO4J_AREAS = int(os.environ.get("ORGGRAPH_BENCH_NEO4J_AREAS", str(min(500, AREAS))))
TIMEOUT = float(os.environ.get("ORGGRAPH_BENCH_TIMEOUT", "600"))
ROUNDS = int(os.environ.get("ORGGRAPH_BENCH_ROUNDS", "3"))
HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
#: The console script of the interpreter running the benchmarks (the project's venv).
ORGGRAPH = str(Path(sys.executable).with_name("orggraph"))
FLOORS = str(HERE / "floors.py")


def who_supports():
    """``who_supports`` wherever the package keeps it now (modules are being moved)."""
    for name in ("orggraph.queries.support", "orggraph.support"):
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        if hasattr(module, "who_supports"):
            return module.who_supports
    raise ImportError("who_supports is in none of orggraph.queries.support, orggraph.support")


@dataclass
class Run:
    """One child process: wall seconds, its own peak resident memory, exit code."""

    seconds: float
    peak_kib: int
    returncode: int | None
    timed_out: bool
    stderr: str = ""

    @property
    def ok(self) -> bool:
        return not self.timed_out and self.returncode == 0


#: GNU time reports the peak memory of the command it runs (``%M``, KiB).
GNU_TIME = "/usr/bin/time"


def run(cmd: list[str], env: dict | None = None, timeout: float | None = None, cwd=None,
        stdout=subprocess.DEVNULL) -> Run:
    """Run ``cmd`` to the end (or kill its process group after ``timeout`` s) and measure it.

    The peak memory is the command's own maximum resident set size, as ``/usr/bin/time -f
    %M`` reports it. Not a ``RUSAGE_CHILDREN`` delta (the largest of all children so far),
    and not ``os.wait4`` on a child of this process either: Linux keeps the high-water mark
    of the memory a child was forked with across ``exec``, so every child of a large pytest
    process would report the parent's size. ``time`` is small, so its child's figure is its own.
    Without GNU time, ``os.wait4`` on the command itself is used.
    """
    timeout = TIMEOUT if timeout is None else timeout
    wrapped = os.path.exists(GNU_TIME)
    with tempfile.TemporaryFile() as err, tempfile.NamedTemporaryFile(suffix=".rss") as rss:
        full = [GNU_TIME, "-f", "%M", "-o", rss.name, *cmd] if wrapped else cmd
        start = time.perf_counter()
        proc = subprocess.Popen(full, env=env, cwd=cwd, stdout=stdout, stderr=err, start_new_session=True)
        killed = threading.Event()

        def kill():
            """Kill the command (GNU time's children), so that time still reports its peak; else the group."""
            killed.set()
            try:
                children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children").read_text().split() if wrapped else []
            except OSError:
                children = []
            for child in children or [None]:
                try:
                    os.kill(int(child), signal.SIGKILL) if child else os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            timer.cancel()
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if killed.is_set():  # the group's other members, if any
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        err.seek(0)
        tail = err.read()[-2000:].decode("utf-8", "replace")
        peak = usage.ru_maxrss
        if wrapped:
            lines = Path(rss.name).read_text().split()
            peak = int(lines[-1]) if lines and lines[-1].isdigit() else 0
    return Run(seconds, peak, proc.returncode, killed.is_set(), tail)


def env(cache: Path | str | None, **more) -> dict:
    """The environment of a measured process: its own cache folder (or no cache), no colours."""
    out = dict(os.environ, NO_COLOR="1", COLUMNS="200", **more)
    out.pop("ORGGRAPH_NO_CACHE", None)
    if cache is None:
        out["ORGGRAPH_NO_CACHE"] = "1"
    else:
        out["ORGGRAPH_CACHE_DIR"] = str(cache)
    return out


# ---------------------------------------------------------------------------------- report


@dataclass
class Row:
    name: str
    runs: list[Run] = field(default_factory=list)
    floor: str | None = None  # the floor's row name
    goal: float | None = None  # the ratio to the floor the issue asks for
    goal_text: str = ""
    value: str | None = None  # a row with its own figure (elements/s, ms): shown as is
    note: str = ""

    @property
    def median(self) -> float | None:
        done = [r.seconds for r in self.runs if r.ok]
        return statistics.median(done) if done else None

    @property
    def peak_mib(self) -> float | None:
        return max((r.peak_kib for r in self.runs), default=0) / 1024 or None

    @property
    def timed_out(self) -> bool:
        return any(r.timed_out for r in self.runs)

    @property
    def failed(self) -> Run | None:
        return next((r for r in self.runs if not r.ok and not r.timed_out), None)


ROWS: dict[str, Row] = {}
#: What the report says about the session (the dataset's counts).
ROWS_META: dict[str, str] = {}


def _secs(s: float | None) -> str:
    if s is None:
        return "—"
    return f"{s * 1000:.0f} ms" if s < 1 else f"{s:.1f} s" if s < 100 else f"{s:.0f} s"


def _mib(m: float | None) -> str:
    if not m:
        return "—"
    return f"{m / 1024:.1f} GiB" if m >= 1024 else f"{m:.0f} MiB"


def time_text(row: Row) -> str:
    if row.value is not None:
        return row.value
    if row.timed_out and row.median is None:
        return f"> {TIMEOUT:.0f} s (timed out)"
    if row.failed is not None and row.median is None:
        return f"failed (exit {row.failed.returncode})"
    return _secs(row.median)


def ratio(row: Row) -> float | None:
    floor = ROWS.get(row.floor) if row.floor else None
    if floor is None or not floor.median:
        return None
    if row.median is not None:
        return row.median / floor.median
    if row.timed_out:
        return TIMEOUT / floor.median  # at least this
    return None


def ratio_text(row: Row) -> str:
    r = ratio(row)
    if r is None:
        return "—"
    floor = ROWS[row.floor]
    return f"{'> ' if row.timed_out and row.median is None else ''}{r:.1f}× {floor.name} ({_secs(floor.median)})"


def met(row: Row) -> str:
    if row.goal is None:
        return row.goal_text or "—"
    r = ratio(row)
    if r is None:
        return f"≤ {row.goal:g}×: not measured"
    ok = r <= row.goal and not (row.timed_out and row.median is None)
    limit = re.search(r"≤ (\d+) GiB", row.goal_text)  # the memory goal the row states, if any
    mem = row.peak_mib is None or limit is None or row.peak_mib <= int(limit.group(1)) * 1024
    return f"≤ {row.goal:g}×{row.goal_text}: {'met' if ok and mem else 'not met'}"


def warm_cache(folder: Path, data: Path) -> Path:
    """``folder`` as an orggraph cache holding ``data``'s graph (what the "cached" rows start from)."""
    result = run([ORGGRAPH, "info", "--data", str(data)], env(folder))
    assert result.ok, result.stderr
    return folder


def record(row: Row) -> Row:
    """Keep ``row`` for the table and print its line now (pytest shows it with ``-s``)."""
    ROWS[row.name] = row
    print(f"\n{line(row)}")
    return row


def line(row: Row) -> str:
    parts = [f"{row.name}: {'median ' if row.value is None and row.median is not None else ''}{time_text(row)}"]
    if ratio(row) is not None:
        parts.append(f"= {ratio_text(row)}")
    text = " ".join(parts)
    if row.peak_mib:
        text += f"; peak {_mib(row.peak_mib)}"
    if row.note:
        text += f" ({row.note})"
    return text


def table(header: str = "") -> str:
    out = [header, "", "| command | time (median) | vs floor | peak memory | goal | runs |", "|---|---|---|---|---|---|"]
    for row in ROWS.values():
        runs = f"{len(row.runs)}" if row.runs else "—"
        note = f" — {row.note}" if row.note else ""
        out.append(f"| {row.name}{note} | {time_text(row)} | {ratio_text(row)} | {_mib(row.peak_mib)} | {met(row)} | {runs} |")
    return "\n".join(out).lstrip() + "\n"


def measure(benchmark, name: str, cmd: list[str], environ: dict, *, rounds: int = ROUNDS, floor: str | None = None,
            goal: float | None = None, goal_text: str = "", setup=None, note: str = "", cwd=None) -> Row:
    """Run ``cmd`` ``rounds`` times under pytest-benchmark (``setup`` before each, not timed);
    a timed-out or failed round ends the row (later rounds do not run the command again)."""
    row = Row(name, floor=floor, goal=goal, goal_text=goal_text, note=note)

    def once():
        if row.runs and not row.runs[-1].ok:
            return
        row.runs.append(run(cmd, environ, cwd=cwd))

    benchmark.group = name
    benchmark.pedantic(once, setup=setup, rounds=rounds, iterations=1)
    record(row)
    benchmark.extra_info.update({"median_s": row.median, "peak_mib": row.peak_mib, "ratio": ratio(row),
                                 "timed_out": row.timed_out})
    bad = row.failed
    if bad is not None:
        raise AssertionError(f"{name} failed with exit {bad.returncode}:\n{bad.stderr}")
    return row


def floor(name: str, cmd: list[str], environ: dict | None = None, rounds: int = ROUNDS, note: str = "") -> Row:
    """Measure a floor (outside pytest-benchmark's timer; it is kept as a row of the table)."""
    row = Row(name, note=note)
    for _ in range(rounds):
        r = run(cmd, environ)
        row.runs.append(r)
        if not r.ok:
            raise AssertionError(f"floor {name} failed with exit {r.returncode}:\n{r.stderr}")
    return record(row)

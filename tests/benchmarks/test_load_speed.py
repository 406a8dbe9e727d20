"""Loading and library queries in one process (issue 20, parts 1 and 2), each against a floor
measured in the same run, so the ratio says where the time goes without process start-up:

- reading, validating and building the CSV pair against the load floor (the csv module and a
  networkx MultiDiGraph, :mod:`floors`), goal at most 2x, with the read/check/build shares;
- a query in the library on the loaded graph (``who_supports``, ``show``, ``paths``): the
  median in milliseconds, goal under 50 ms.

Run on purpose: ``.venv/bin/python3 -m pytest tests/benchmarks/test_load_speed.py -s``
(``ORGGRAPH_BENCH_AREAS`` sets the size; the whole-process rows are in ``test_scale.py``).
"""

from __future__ import annotations

import statistics
import time

import pytest

import _bench as B
import floors


def _median(function, rounds: int) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def test_csv_load_in_process(csv_pair, monkeypatch):
    from orggraph.readwrite.load import build, read_raw
    from orggraph.readwrite.validate import check

    monkeypatch.setenv("ORGGRAPH_NO_CACHE", "1")
    floor = _median(lambda: floors._load(csv_pair), B.ROUNDS)
    parts = []
    for _ in range(B.ROUNDS):
        t0 = time.perf_counter()
        raw = read_raw(csv_pair)
        t1 = time.perf_counter()
        result = check(raw)
        del raw
        t2 = time.perf_counter()
        build(result)
        parts.append((t1 - t0, t2 - t1, time.perf_counter() - t2))
    ours = statistics.median(sum(p) for p in parts)
    shares = [statistics.median(p[i] for p in parts) / floor for i in range(3)]
    print(f"\nCSV load in process: {ours:.2f} s, floor {floor:.2f} s, {ours / floor:.2f}x "
          f"(read {shares[0]:.2f}x, check {shares[1]:.2f}x, build {shares[2]:.2f}x)")
    assert result.errors == []


QUERIES = {
    "who_supports": lambda q, g: q.who_supports(g, f"br-g{B.AREAS // 2}"),
    "show": lambda q, g: q.show(g, f"kkr-g{B.AREAS // 2}"),
    "paths": lambda q, g: q.paths(g, f"organ-g{B.AREAS // 2}-1", f"br-g{B.AREAS // 2}"),
}


@pytest.mark.parametrize("query", list(QUERIES))
def test_library_query_after_load(query, csv_pair, cache, monkeypatch):
    import orggraph.queries as q
    from orggraph import load

    monkeypatch.setenv("ORGGRAPH_CACHE_DIR", str(cache))
    graph = load(csv_pair)
    seconds = _median(lambda: QUERIES[query](q, graph), 5)
    print(f"\n{query} in the library: {seconds * 1000:.1f} ms (goal < 50 ms)")

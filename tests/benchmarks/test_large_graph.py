"""In the library: load time and who-supports latency on the generated national data.

    .venv/bin/python3 -m pytest tests/benchmarks/test_large_graph.py --benchmark-only -s

Goal (issues 3 and 20): after the load, ``who_supports`` answers in under 50 ms per query.
The data is ``generated.py``'s CSV pair (``ORGGRAPH_BENCH_AREAS``, default 1000: 100,003
nodes and 284,000 edges); only top-level names of ``orggraph`` are used, and
``who_supports`` is found through ``_bench.who_supports`` wherever the package keeps it.
"""

import _bench as B
import pytest
from generated import expected

import orggraph

MID = B.AREAS // 2
LAST = B.AREAS - 1
#: Queries on the current day and on a day of the RAR era.
TARGETS = [(f"br-g{MID}", None), (f"post-br-g{LAST}-kom", None), (f"kkr-g{min(3, LAST)}", None),
           (f"rar-g{MID}", "2020-01-01")]


@pytest.fixture(scope="module")
def large(csv_pair):
    return orggraph.load(csv_pair, cache=False)


def test_load_in_library(benchmark, csv_pair, load_floor):
    benchmark.group = "library: load"
    graph = benchmark.pedantic(orggraph.load, args=(csv_pair,), kwargs={"cache": False}, rounds=1, iterations=1)
    assert len(graph) == expected(B.AREAS)[0]
    row = B.Row("orggraph.load in the library (no cache)", floor=load_floor.name, goal=2)
    row.runs.append(B.Run(benchmark.stats.stats.median, 0, 0, False))
    B.record(row)


@pytest.mark.parametrize("target, day", TARGETS, ids=[f"{t}@{d or 'now'}" for t, d in TARGETS])
def test_who_supports_latency(benchmark, large, target, day):
    who_supports = B.who_supports()
    large.resolve(target)  # the name index is built once per graph, at first use
    benchmark.group = "library: who_supports"
    result = benchmark(who_supports, large, target, day) if day else benchmark(who_supports, large, target)
    assert result["supporters"]
    median_ms = benchmark.stats.stats.median * 1000
    row = B.Row(f"who_supports in the library, {target}{' as of ' + day if day else ''}",
                goal_text="< 50 ms: " + ("met" if median_ms < 50 else "not met"))
    row.value = f"{median_ms:.1f} ms (max {benchmark.stats.stats.max * 1000:.1f} ms, {benchmark.stats.stats.rounds} calls)"
    B.record(row)

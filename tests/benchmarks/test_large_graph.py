"""Load time and who-supports latency on a generated graph of 100,000 nodes and ~300,000 edges.

    python3 -m pytest tests/benchmarks/test_large_graph.py --benchmark-only

Goal (issue 3): who-supports answers in at most 50 ms per query after the load.
"""

import pytest

from generated import write_generated
from orggraph.readwrite.load import load
from orggraph.queries.support import who_supports


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    folder = tmp_path_factory.mktemp("large")
    nodes, edges = write_generated(folder)
    assert nodes == 100_000 and 295_000 <= edges <= 305_000, (nodes, edges)
    print(f"\ngenerated graph: {nodes} nodes, {edges} edges")
    return folder


@pytest.fixture(scope="module")
def large(pair):
    return load(pair, cache=False)


def test_load_and_validate(benchmark, pair):
    benchmark.group = "large graph: load"
    graph = benchmark.pedantic(load, args=(pair,), kwargs={"cache": False}, rounds=3, iterations=1)
    assert len(graph) == 100_000


def test_load_from_cache(benchmark, pair, tmp_path, monkeypatch):
    monkeypatch.setenv("ORGGRAPH_CACHE_DIR", str(tmp_path))
    load(pair)  # fills the cache
    benchmark.group = "large graph: load"
    graph = benchmark.pedantic(load, args=(pair,), rounds=5, iterations=1)
    assert len(graph) == 100_000


@pytest.mark.parametrize("target", ["rar-g500-1", "post-g999-0-0", "kkr-g3"])
def test_who_supports_latency(benchmark, large, target):
    large.resolve(target)  # the name index is built once per graph, at first use
    benchmark.group = "large graph: who-supports"
    result = benchmark(who_supports, large, target)
    assert result["supporters"]


def test_who_supports_as_of_latency(benchmark, large):
    benchmark.group = "large graph: who-supports"
    result = benchmark(who_supports, large, "rar-g500-1", "2020-01-01")
    assert result["supporters"]

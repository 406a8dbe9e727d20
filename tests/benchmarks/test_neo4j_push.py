"""Pushing a generated graph of 50,000 nodes and ~150,000 edges to the local Bolt server.

    python3 -m pytest tests/benchmarks/test_neo4j_push.py --benchmark-only -s

Batched (``UNWIND $rows`` of 1,000 rows, the default) against one statement per row (the
same statements with ``batch_size=1``), each push into an emptied database (emptying is not
timed), in one session against the same server. Goals (issue 6): batched at least 20× faster, and at least 5,000
elements a second.
"""

import pytest

from generated import write_generated
from orggraph.readwrite.load import load

RESULTS = {}


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    folder = tmp_path_factory.mktemp("push")
    nodes, edges = write_generated(folder, areas=500)
    assert nodes == 50_000 and 147_000 <= edges <= 153_000, (nodes, edges)
    return load(folder, cache=False)


def _empty(store):
    with store._session() as session:
        session.run("MATCH (n) DETACH DELETE n").consume()


@pytest.mark.parametrize("size, rounds", [(1000, 3), (1, 1)], ids=["batched-1000", "one-row-per-statement"])
def test_push(benchmark, store, generated, size, rounds):
    benchmark.group = "neo4j push: 50,000 nodes, ~150,000 edges"
    result = benchmark.pedantic(store.push, args=(generated,), kwargs={"batch_size": size},
                                setup=lambda: _empty(store), rounds=rounds, iterations=1)
    elements = result["nodes"] + result["relationships"] + result["documents"]
    assert store.counts()["relationships"] == result["relationships"]
    median = benchmark.stats.stats.median
    RESULTS[size] = median
    print(f"\nbatch size {size}: {elements} elements, median {median:.1f} s, {elements / median:,.0f} elements/s")
    if len(RESULTS) == 2:
        print(f"batched is {RESULTS[1] / RESULTS[1000]:.1f}x faster than one statement per row")

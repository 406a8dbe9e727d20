"""Neo4j at scale (issue 20): the push against the Bolt server's own raw ingest. Run on purpose:

    .venv/bin/python3 -m pytest tests/benchmarks/test_neo4j_push.py --benchmark-only -s

The generated data of ``ORGGRAPH_BENCH_NEO4J_AREAS`` areas (default 500: 50,003 nodes and
142,000 edges) goes to the ArcadeDB Bolt test server (``tests/conftest.py``), four ways,
each reported as elements (nodes + relationships) a second:

- the floor, the server's raw ingest into an empty database: ``UNWIND $rows AS r CREATE
  (n:X) SET n = r`` (after a uniqueness constraint on ``X.id``) and the relationships by
  ``UNWIND $rows AS r MATCH (a:X {id: r.from}), (b:X {id: r.to}) CREATE (a)-[e:R]->(b) SET
  e = r``, 1,000 rows a statement, in one transaction;
- ``orggraph neo4j push`` as a whole process on the cached data, into an emptied database
  (fresh) and again over its own earlier push (update);
- a naive client: one auto-commit transaction per row (``CREATE`` a node, ``MATCH … CREATE``
  a relationship), on the first ``ORGGRAPH_BENCH_PER_ROW`` elements (default 5,000).

Goal: the fresh push within 1.5× of the raw ingest's time; emptying the database is not timed.
"""

import contextlib
import csv
import os
import time
from pathlib import Path

import _bench as B
import pytest
from generated import expected, write_generated

PER_ROW = int(os.environ.get("ORGGRAPH_BENCH_PER_ROW", "5000"))
BATCH = 1000


@pytest.fixture(scope="module")
def pushed_pair(tmp_path_factory):
    folder = tmp_path_factory.mktemp("push")
    counts = write_generated(folder, B.NEO4J_AREAS)
    assert counts == expected(B.NEO4J_AREAS), counts
    return folder


@pytest.fixture(scope="module")
def rows(pushed_pair):
    def read(name):
        with (Path(pushed_pair) / name).open(newline="", encoding="utf-8") as f:
            return [{k: v for k, v in row.items() if v} for row in csv.DictReader(f)]

    return read("nodes.csv"), read("edges.csv")


@pytest.fixture(scope="module")
def driver(bolt_server):
    import neo4j

    drv = neo4j.GraphDatabase.driver(bolt_server["uri"], auth=(bolt_server["user"], bolt_server["password"]))
    yield drv
    drv.close()


@pytest.fixture(scope="module")
def push_cache(tmp_path_factory, pushed_pair):
    return B.warm_cache(tmp_path_factory.mktemp("push-cache"), pushed_pair)


def _session(driver, bolt_server):
    return driver.session(database=bolt_server["database"])


def _empty(driver, bolt_server):
    with _session(driver, bolt_server) as session:
        session.run("MATCH (n) DETACH DELETE n").consume()


def _count(driver, bolt_server) -> tuple[int, int]:
    with _session(driver, bolt_server) as session:
        nodes = session.run("MATCH (n) RETURN count(n) AS n").single()["n"]
        rels = session.run("MATCH ()-[r]->() RETURN count(r) AS n").single()["n"]
    return nodes, rels


def _chunks(items, size):
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _rate(row: B.Row, elements: int) -> None:
    if row.median:
        rate = elements / row.median
        row.value = f"{B._secs(row.median)}, {rate:,.0f} elements/s"


def _raw_ingest(driver, bolt_server, nodes, edges):
    with _session(driver, bolt_server) as session:
        for statement in ("CREATE CONSTRAINT bench_x_id IF NOT EXISTS FOR (n:X) REQUIRE n.id IS UNIQUE",):
            with contextlib.suppress(Exception):  # a server without it ingests without the index
                session.run(statement).consume()
        with session.begin_transaction() as tx:
            for chunk in _chunks(nodes, BATCH):
                tx.run("UNWIND $rows AS r CREATE (n:X) SET n = r", rows=chunk).consume()
            for chunk in _chunks(edges, BATCH):
                tx.run("UNWIND $rows AS r MATCH (a:X {id: r.from}), (b:X {id: r.to}) CREATE (a)-[e:R]->(b) SET e = r",
                       rows=chunk).consume()
            tx.commit()


def test_raw_ingest_floor(benchmark, driver, bolt_server, rows):
    nodes, edges = rows
    row = B.Row("neo4j raw ingest floor (UNWIND … CREATE, empty db)", note=f"{len(nodes):,} nodes + {len(edges):,} relationships")

    def once():
        start = time.perf_counter()
        _raw_ingest(driver, bolt_server, nodes, edges)
        row.runs.append(B.Run(time.perf_counter() - start, 0, 0, False))

    benchmark.group = "neo4j"
    benchmark.pedantic(once, setup=lambda: _empty(driver, bolt_server), rounds=B.ROUNDS, iterations=1)
    assert _count(driver, bolt_server) == (len(nodes), len(edges))
    _rate(row, len(nodes) + len(edges))
    B.record(row)
    _empty(driver, bolt_server)


def _push_cmd(bolt_server, pair):
    return [B.ORGGRAPH, "neo4j", "push", "--data", str(pair), "--uri", bolt_server["uri"], "--user", bolt_server["user"],
            "--database", bolt_server["database"]]


@pytest.mark.parametrize("mode", ["fresh", "update"])
def test_push(benchmark, mode, driver, bolt_server, pushed_pair, push_cache, rows):
    nodes, edges = rows
    environ = B.env(push_cache, NEO4J_PASSWORD=bolt_server["password"])
    cmd = _push_cmd(bolt_server, pushed_pair)
    if mode == "update":
        _empty(driver, bolt_server)
        first = B.run(cmd, environ)
        assert first.ok, first.stderr
    setup = (lambda: _empty(driver, bolt_server)) if mode == "fresh" else None
    floor = B.ROWS.get("neo4j raw ingest floor (UNWIND … CREATE, empty db)")
    row = B.measure(benchmark, f"neo4j push ({mode}, cached data)", cmd, environ, setup=setup,
                    floor=floor.name if floor else None, goal=1.5 if mode == "fresh" else None,
                    note="whole process: start-up, cache load, schema, push")
    written = _count(driver, bolt_server)
    assert written[1] == len(edges) and written[0] >= len(nodes), written
    _rate(row, len(nodes) + len(edges))
    if row.value and mode == "fresh":
        row.goal_text = f"≤ 1.5× raw ingest: {'met' if floor and floor.median and row.median <= 1.5 * floor.median else 'not met'}"
        row.goal = None
    B.record(row)


def test_one_autocommit_transaction_per_row(benchmark, driver, bolt_server, rows):
    nodes, edges = rows
    share = len(nodes) / (len(nodes) + len(edges))
    sample_nodes = nodes[:max(1, round(PER_ROW * share))]
    ids = {n["id"] for n in sample_nodes}
    sample_edges = [e for e in edges if e["from"] in ids and e["to"] in ids][:PER_ROW - len(sample_nodes)]
    row = B.Row("neo4j one auto-commit transaction per row",
                note=f"on {len(sample_nodes):,} nodes + {len(sample_edges):,} relationships")

    def once():
        start = time.perf_counter()
        with _session(driver, bolt_server) as session:
            for n in sample_nodes:
                session.run("CREATE (n:X) SET n = $r", r=n).consume()
            for e in sample_edges:
                session.run("MATCH (a:X {id: $r.from}), (b:X {id: $r.to}) CREATE (a)-[e:R]->(b) SET e = $r", r=e).consume()
        row.runs.append(B.Run(time.perf_counter() - start, 0, 0, False))

    benchmark.group = "neo4j"
    benchmark.pedantic(once, setup=lambda: _empty(driver, bolt_server), rounds=1, iterations=1)
    _rate(row, len(sample_nodes) + len(sample_edges))
    B.record(row)
    _empty(driver, bolt_server)

"""Neo4j at scale (issue 20, part 4): ``Store.push`` against the Bolt server's own raw ingest.
Run on purpose:

    .venv/bin/python3 -m pytest tests/benchmarks/test_neo4j_scale.py --benchmark-only -s -p no:cacheprovider

The generated data of ``ORGGRAPH_BENCH_NEO4J_AREAS`` areas (default 500: 50,023 nodes with
the cited documents, 142,000 relationships) is loaded once in this process and written to the
ArcadeDB Bolt test server (``tests/conftest.py``). Every row is timed in this process, so
start-up and loading are left out on both sides (``test_neo4j_push.py`` times the whole
command). Each row is reported as elements (nodes + relationships) a second and as a ratio
to the floor:

- **floor**, the server's raw ingest into an empty database, after the same constraints as
  the push (``cypher/schema.cypher``): the push's own rows, built before the clock starts,
  written by ``UNWIND $rows AS r CREATE (n:Kind) SET n = r`` and ``UNWIND $rows AS r MATCH
  (a:Kind {id: r.from}) MATCH (b:Kind {id: r.to}) CREATE (a)-[e:REL]->(b) SET e = r.props``,
  ``BATCH_SIZE`` rows a statement, in one transaction;
- **fresh push**: ``Store.push`` into a database holding no orggraph data (its fast path),
  rows built from the graph inside the timing; goal ≤ 1.5× the floor;
- **update push**: ``Store.push`` over its own earlier push (MERGE on id);
- **batch sizes**: the fresh push with ``ORGGRAPH_BENCH_NEO4J_SIZES`` rows a statement
  (default 500,2000,5000,10000; one round each), beside the default size's row;
- **concurrent**: the floor's statements with the nodes of different kinds in
  ``ORGGRAPH_BENCH_NEO4J_WORKERS`` parallel sessions (default 2), then the relationships
  the same way; each batch commits on its own (one transaction cannot span sessions);
- **per row**: a naive client, one auto-commit transaction per node or relationship, on the
  first ``ORGGRAPH_BENCH_PER_ROW`` elements (default 5,000) of the same rows.

Emptying the database between rounds is not timed. The goals are reported, not asserted;
what is asserted is that every row wrote every element.
"""

import os
import re
import time
from concurrent.futures import ThreadPoolExecutor

import _bench as B
import pytest
from generated import expected, write_generated

PER_ROW = int(os.environ.get("ORGGRAPH_BENCH_PER_ROW", "5000"))
SIZES = [int(s) for s in os.environ.get("ORGGRAPH_BENCH_NEO4J_SIZES", "500,2000,5000,10000").split(",") if s]
WORKERS = int(os.environ.get("ORGGRAPH_BENCH_NEO4J_WORKERS", "2"))
FLOOR = "neo4j raw ingest floor (in process)"
BIG = 10 ** 9


@pytest.fixture(scope="module")
def graph(tmp_path_factory):
    import orggraph

    folder = tmp_path_factory.mktemp("neo4j-scale")
    assert write_generated(folder, B.NEO4J_AREAS) == expected(B.NEO4J_AREAS)
    return orggraph.load(folder, cache=False)


@pytest.fixture(scope="module")
def groups(graph):
    """The push's own rows, by statement group: ``[(label or (from, type, to), rows)]`` for nodes and edges."""
    from orggraph.formats.cypher import document_batches, edge_batches, node_batches

    def key(statement):
        names = re.findall(r"`([^`]+)`", statement)  # node: the label; edge: source, target, relation
        return names[0] if "]->" not in statement else (names[0], names[2], names[1])

    nodes = [(key(s), rows) for s, rows in [*document_batches(graph, BIG), *node_batches(graph, BIG)]]
    edges = [(key(s), rows) for s, rows in edge_batches(graph, BIG)]
    return nodes, edges


@pytest.fixture(scope="module")
def sizes(groups):
    nodes, edges = groups
    return sum(len(r) for _, r in nodes), sum(len(r) for _, r in edges)


@pytest.fixture(scope="module")
def store(bolt_server):
    from orggraph.graphdb.store import connect

    with connect(bolt_server["uri"], bolt_server["user"], bolt_server["password"], bolt_server["database"]) as opened:
        yield opened


def _empty(store):
    with store._session() as session:
        session.run("MATCH (n) DETACH DELETE n").consume()


def _schema(store):
    from orggraph.formats.cypher import schema_statements

    with store._session() as session:
        for statement in schema_statements():
            session.run(statement).consume()


def _counts(store) -> tuple[int, int]:
    found = store.counts()
    return found["nodes"], found["relationships"]


def _node_floor(name):
    return f"UNWIND $rows AS r CREATE (n:`{name}`) SET n = r"


def _edge_floor(ends):
    source, relation, target = ends
    return (f"UNWIND $rows AS r MATCH (a:`{source}` {{id: r.from}}) MATCH (b:`{target}` {{id: r.to}}) "
            f"CREATE (a)-[e:`{relation}`]->(b) SET e = r.props")


def _chunks(rows, size):
    for start in range(0, len(rows), size):
        yield rows[start:start + size]


def _timed(benchmark, row, setup, action, rounds):
    def once():
        start = time.perf_counter()
        action()
        row.runs.append(B.Run(time.perf_counter() - start, 0, 0, False))

    benchmark.group = "neo4j scale"
    benchmark.pedantic(once, setup=setup, rounds=rounds, iterations=1)


def _report(row, elements, goal=None):
    if row.median:
        row.value = f"{B._secs(row.median)}, {elements / row.median:,.0f} elements/s"
    floor = B.ROWS.get(FLOOR)
    if goal and floor and floor.median and row.median:
        row.goal_text = f"≤ {goal:g}× floor: {'met' if row.median <= goal * floor.median else 'not met'}"
    B.record(row)


def test_raw_ingest_floor(benchmark, store, groups, sizes):
    from orggraph.graphdb.store import BATCH_SIZE

    nodes, edges = groups
    row = B.Row(FLOOR, note=f"{sizes[0]:,} nodes + {sizes[1]:,} relationships, {BATCH_SIZE:,} rows a statement, one transaction")

    def ingest():
        with store._session() as session, session.begin_transaction() as tx:
            for name, rows in nodes:
                for chunk in _chunks(rows, BATCH_SIZE):
                    tx.run(_node_floor(name), rows=chunk).consume()
            for ends, rows in edges:
                for chunk in _chunks(rows, BATCH_SIZE):
                    tx.run(_edge_floor(ends), rows=chunk).consume()
            tx.commit()

    _schema(store)
    _timed(benchmark, row, lambda: _empty(store), ingest, B.ROUNDS)
    assert _counts(store) == sizes
    _report(row, sum(sizes))


@pytest.mark.parametrize("mode", ["fresh", "update"])
def test_push(benchmark, mode, store, graph, sizes):
    from orggraph.graphdb.store import BATCH_SIZE

    row = B.Row(f"neo4j push ({mode}, in process)", floor=FLOOR, note=f"Store.push, {BATCH_SIZE:,} rows a statement")
    results = []
    if mode == "update":
        _empty(store)
        store.push(graph)
    _timed(benchmark, row, (lambda: _empty(store)) if mode == "fresh" else None,
           lambda: results.append(store.push(graph)), B.ROUNDS)
    assert {r["fresh"] for r in results} == {mode == "fresh"}
    assert _counts(store) == sizes
    _report(row, sum(sizes), goal=1.5 if mode == "fresh" else None)


@pytest.mark.parametrize("size", SIZES)
def test_fresh_push_batch_size(benchmark, size, store, graph, sizes):
    row = B.Row(f"neo4j push (fresh, {size:,} rows a statement)", floor=FLOOR, note="Store.push, one round")
    _timed(benchmark, row, lambda: _empty(store), lambda: store.push(graph, batch_size=size), 1)
    assert _counts(store) == sizes
    _report(row, sum(sizes))


def test_concurrent_sessions(benchmark, store, groups, sizes):
    from orggraph.graphdb.store import BATCH_SIZE

    nodes, edges = groups
    row = B.Row(f"neo4j raw ingest, {WORKERS} concurrent sessions", floor=FLOOR,
                note="nodes: kinds split over the sessions; then relationships the same way; each batch commits")

    retries = []

    def write(work):
        import neo4j.exceptions

        with store._session() as session:
            for statement, chunk in work:
                while True:  # the store's driver does not retry (max_transaction_retry_time=0)
                    try:
                        with session.begin_transaction() as tx:
                            tx.run(statement, rows=chunk).consume()
                            tx.commit()
                        break
                    except neo4j.exceptions.TransientError:  # ArcadeDB: a concurrent change to the same page
                        retries.append(1)

    def phase(parts):
        shares = [[] for _ in range(WORKERS)]
        for k, part in enumerate(sorted(parts, key=lambda p: -len(p[1]))):  # the largest groups spread first
            shares[k % WORKERS] += part[2]
        with ThreadPoolExecutor(WORKERS) as pool:
            list(pool.map(write, shares))

    def ingest():
        phase([(name, rows, [(_node_floor(name), c) for c in _chunks(rows, BATCH_SIZE)]) for name, rows in nodes])
        phase([(ends, rows, [(_edge_floor(ends), c) for c in _chunks(rows, BATCH_SIZE)]) for ends, rows in edges])

    _timed(benchmark, row, lambda: _empty(store), ingest, 1)
    assert _counts(store) == sizes
    row.note += f"; {len(retries):,} batches retried after a conflict"
    _report(row, sum(sizes))


def test_one_autocommit_transaction_per_row(benchmark, store, groups, sizes):
    nodes, edges = groups
    share = sizes[0] / sum(sizes)
    node_rows = [(name, r) for name, rows in nodes for r in rows][:max(1, round(PER_ROW * share))]
    ids = {r["id"] for _, r in node_rows}
    edge_rows = [(ends, r) for ends, rows in edges for r in rows if r["from"] in ids and r["to"] in ids][:PER_ROW - len(node_rows)]
    row = B.Row("neo4j one auto-commit transaction per row", floor=FLOOR,
                note=f"on {len(node_rows):,} nodes + {len(edge_rows):,} relationships; the ratio is per element")

    def naive():
        with store._session() as session:
            for name, r in node_rows:
                session.run(f"CREATE (n:`{name}`) SET n = $r", r=r).consume()
            for (source, relation, target), r in edge_rows:
                session.run(f"MATCH (a:`{source}` {{id: $r.from}}) MATCH (b:`{target}` {{id: $r.to}}) "
                            f"CREATE (a)-[e:`{relation}`]->(b) SET e = $r.props", r=r).consume()

    _timed(benchmark, row, lambda: _empty(store), naive, 1)
    assert _counts(store) == (len(node_rows), len(edge_rows))
    elements = len(node_rows) + len(edge_rows)
    if row.median:
        row.value = f"{B._secs(row.median)}, {elements / row.median:,.0f} elements/s"
        floor = B.ROWS.get(FLOOR)
        if floor and floor.median:  # per element: the floor wrote every element, this a sample
            row.goal_text = f"{(row.median / elements) / (floor.median / sum(sizes)):.1f}× the floor's time per element"
    row.floor = None
    B.record(row)
    _empty(store)

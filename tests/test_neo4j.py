"""Neo4j (issue 6) on a real Bolt server: ArcadeDB from arcadedb-embedded, started by conftest.bolt_server."""

import copy
import json
import re

import pytest

import orggraph.neo4jdb
from orggraph.cli import app
from orggraph.exceptions import Neo4jConnectionError, Neo4jQueryError
from orggraph.formats.cypher import generate_cypher, split_statements
from orggraph.graph import OrgGraph
from orggraph.namedqueries import load_queries, twin_rows
from orggraph.neo4jdb import connect

from conftest import same_graph

NASTY = ["it's \"quoted\"", "back`tick`", "}) DETACH DELETE n //", "'}) MATCH (m) DETACH DELETE m //",
         "$rows {id: 1}", "new\nline; \\ backslash\\'", "Ærø – Æ Ø Å ✓"]


def _run(store, text, **params):
    with store._session() as session:
        return [r.data() for r in session.run(text, params)]


def _env(bolt_server) -> dict:
    return {"NEO4J_PASSWORD": bolt_server["password"], "NEO4J_URI": bolt_server["uri"],
            "NEO4J_USER": bolt_server["user"], "NEO4J_DATABASE": bolt_server["database"]}


def test_push_then_pull_gives_the_same_graph(store, graph):
    result = store.push(graph)
    assert (result["nodes"], result["relationships"], result["documents"]) == (233, 463, 18)
    back = store.pull()
    assert same_graph(back, graph)
    assert back.documents == graph.documents
    node = _run(store, "MATCH (n:RAR {id: 'rar-nordjylland'}) RETURN n.name AS name, n.source_documents AS docs, n.orggraph AS mark")[0]
    assert node["name"] == "RAR Nordjylland" and node["mark"] is True and isinstance(node["docs"], list)
    seats = _run(store, "MATCH (:KKR {id: 'kkr-nordjylland'})-[u:UDPEGER]->(p:Post) RETURN u.seats AS seats, p.id AS post")
    assert {"seats": 5, "post": "post-rar-nordjylland-kommunale"} in seats  # scalar attributes are properties too


def test_push_is_idempotent(store, graph):
    store.push(graph)
    first = store.counts()
    store.push(graph)
    assert store.counts() == first == {"nodes": 233 + 18, "relationships": 463}
    assert same_graph(store.pull(), graph)


def test_a_failure_in_the_middle_of_a_push_leaves_the_database_as_it_was(store, graph, monkeypatch):
    store.push(graph)
    before = store.counts()
    changed = copy.deepcopy(graph)
    changed.graph.nodes["rar-nordjylland"]["name"] = "Ændret navn"
    real_edge_batches = orggraph.neo4jdb.edge_batches

    def failing(g, size):
        batches = real_edge_batches(g, size)
        yield next(batches)  # one real batch is written, then the server refuses a statement
        yield "UNWIND $rows AS row CALL orggraph.no_such_procedure(row) YIELD x RETURN x", [{"id": "x"}]
        yield from batches

    monkeypatch.setattr(orggraph.neo4jdb, "edge_batches", failing)
    with pytest.raises(Neo4jQueryError, match="push the graph failed"):
        store.push(changed, wipe=True)
    assert store.counts() == before
    back = store.pull()
    assert back.node("rar-nordjylland")["name"] == "RAR Nordjylland"
    assert same_graph(back, graph)


def test_a_failed_first_push_leaves_an_empty_database_empty(store, graph, monkeypatch):
    real_node_batches = orggraph.neo4jdb.node_batches

    def failing(g, size):
        batches = real_node_batches(g, size)
        yield next(batches)
        yield next(batches)
        raise RuntimeError("the network went away")

    monkeypatch.setattr(orggraph.neo4jdb, "node_batches", failing)
    with pytest.raises(Neo4jQueryError, match="the network went away"):
        store.push(graph)
    assert store.counts() == {"nodes": 0, "relationships": 0}


def test_wipe_removes_only_what_orggraph_wrote(store, graph, runner, bolt_server):
    _run(store, "CREATE (:Person {name: 'Anne'})-[:KENDER]->(:Person {name: 'Bo'})")
    _run(store, "CREATE (:KKR {id: 'kkr-fremmed', name: 'Fremmed KKR'})")  # same label, not orggraph's
    store.push(graph)
    _run(store, "MATCH (p:Person {name: 'Anne'}), (k:KKR {id: 'kkr-nordjylland'}) CREATE (p)-[:ARBEJDER_I]->(k)")
    result = runner.invoke(app, ["neo4j", "push", "--wipe"], env=_env(bolt_server))
    assert result.exit_code == 0, result.output
    assert "Removed 250 nodes and 463 relationships" in result.output and "kept 1 nodes" in result.output
    assert store.counts() == {"nodes": 233 + 18 + 3, "relationships": 463 + 2}
    wiped = store.wipe()
    assert wiped == {"nodes": 232 + 18, "relationships": 463, "kept": 1}
    left = _run(store, "MATCH (n) RETURN labels(n) AS labels, n.name AS name ORDER BY name")
    assert left == [{"labels": ["Person"], "name": "Anne"}, {"labels": ["Person"], "name": "Bo"},
                    {"labels": ["KKR"], "name": "Fremmed KKR"}, {"labels": ["KKR"], "name": "KKR Nordjylland"}]
    assert _run(store, "MATCH ()-[r]->() RETURN type(r) AS type ORDER BY type") == [{"type": "ARBEJDER_I"}, {"type": "KENDER"}]
    assert store.pull().node_ids() == ["kkr-nordjylland"]


def _parity_cases(graph):
    targets = graph.node_ids("RAR") + graph.node_ids("KKR")
    for name in load_queries():
        if name == "path":
            for source in graph.node_ids("KKR"):
                for target in graph.node_ids("RAR"):
                    yield name, {"source": source, "target": target, "max_length": 3, "via": None, "as_of": None}
            continue
        for target in targets + ([None] if name == "mirrors" else []):
            for as_of in (None, "2016-06-01", "2019-06-01"):
                yield name, {"target": target, "as_of": as_of}


def test_every_named_query_gives_its_twins_rows_for_every_rar_and_kkr(store, graph):
    store.push(graph)
    cases = list(_parity_cases(graph))
    assert {name for name, _ in cases} == set(load_queries())
    for name, params in cases:
        got, want = store.query(name, params), twin_rows(graph, name, params)
        assert got == want, (name, params)
    assert sum(len(twin_rows(graph, name, params)) for name, params in cases) > 1000  # the cases are not empty


def _nasty_graph(graph) -> OrgGraph:
    nodes, edges = copy.deepcopy(graph.node_records()), copy.deepcopy(graph.edge_records())
    for record, text in zip([n for n in nodes if n["kind"] == "Organ"], NASTY):
        record["name"] = text
        record["aliases"] = [text, text + " (alias)"]
        record["attrs"] = {**record["attrs"], "note": text, "odd key `}) //": text}
        record["sources"][0]["quote"] = text
    edges[0]["attrs"] = {**edges[0]["attrs"], "how": NASTY[2]}
    return OrgGraph.from_records(nodes, edges, graph.documents)


def test_names_that_look_like_cypher_are_stored_and_read_back_intact(store, graph):
    _run(store, "CREATE (:Person {name: 'Anne'})")
    nasty = _nasty_graph(graph)
    store.push(nasty)
    assert same_graph(store.pull(), nasty)
    assert store.counts() == {"nodes": 233 + 18 + 1, "relationships": 463}
    found = _run(store, "MATCH (n:Organ) WHERE n.name IN $names RETURN n.name AS name, n.note AS note", names=NASTY)
    assert sorted(r["name"] for r in found) == sorted(NASTY) and all(r["name"] == r["note"] for r in found)


def test_the_exported_cypher_script_loads_the_same_graph(store, graph):
    """orggraph.cypher (what cypher-shell runs), statement by statement, including nasty names."""
    nasty = _nasty_graph(graph)
    for statement in split_statements(generate_cypher(nasty)):
        _run(store, statement)
    back = store.pull()
    assert same_graph(back, nasty) and back.documents == nasty.documents


def test_cli_query_prints_the_named_querys_rows(store, graph, runner, bolt_server):
    store.push(graph)
    env = _env(bolt_server)
    result = runner.invoke(app, ["neo4j", "query", "appointments", "--param", "target=rar-nordjylland", "--json"], env=env)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == twin_rows(graph, "appointments", {"target": "rar-nordjylland", "as_of": None})
    table = runner.invoke(app, ["neo4j", "query", "path", "-p", "source=kkr-sjaelland", "-p", "target=rar-sjaelland",
                                "-p", "max_length=2", "-p", 'via=["UDPEGER", "MEDLEM_AF"]'], env=env)
    assert table.exit_code == 0, table.output
    assert "kkr-sjaelland:UDPEGER:post-rar-sjaelland-kommunale, post-rar-sjaelland-kommunale:MEDLEM_AF:rar-sjaelland" in table.output
    bad = runner.invoke(app, ["neo4j", "query", "appointments", "--param", "who=x"], env=env)
    assert bad.exit_code == 1 and "takes no parameter 'who'" in bad.output


def test_cli_cypher_runs_in_a_read_transaction_that_changes_nothing(store, graph, runner, bolt_server):
    store.push(graph)
    env = _env(bolt_server)
    result = runner.invoke(app, ["neo4j", "cypher", "MATCH (r:RAR) WHERE r.id = $id RETURN r.name AS name", "-p", "id=rar-fyn", "--json"], env=env)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == [{"name": "RAR Fyn"}]
    before = store.counts()
    runner.invoke(app, ["neo4j", "cypher", "CREATE (x:Indtrængt {name: 'x'}) RETURN x"], env=env)
    runner.invoke(app, ["neo4j", "cypher", "MATCH (n) DETACH DELETE n"], env=env)
    assert store.counts() == before
    syntax = runner.invoke(app, ["neo4j", "cypher", "MATCH (n RETURN n"], env=env)
    assert syntax.exit_code == 1 and syntax.output.startswith("orggraph: error: run the query failed") and "Traceback" not in syntax.output


def test_cli_push_and_pull_write_a_loadable_csv_pair(store, graph, runner, bolt_server, tmp_path):
    env = _env(bolt_server)
    pushed = runner.invoke(app, ["neo4j", "push"], env=env)
    assert pushed.exit_code == 0, pushed.output
    assert "Wrote 233 nodes, 463 relationships and 18 documents" in pushed.output
    pulled = runner.invoke(app, ["neo4j", "pull", "-o", str(tmp_path / "pulled")], env=env)
    assert pulled.exit_code == 0, pulled.output
    assert "233 nodes, 463 relationships" in pulled.output
    info = runner.invoke(app, ["info", "--json", "--data", str(tmp_path / "pulled")])
    assert info.exit_code == 0, info.output
    assert json.loads(info.output)["nodes"] == graph.counts()["nodes"]


def test_bad_credentials_and_unreachable_servers_give_one_line(bolt_server, runner):
    env = {**_env(bolt_server), "NEO4J_PASSWORD": "wrong-secret-123"}
    result = runner.invoke(app, ["neo4j", "pull"], env=env)
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"orggraph: error: {bolt_server['uri']} refused the credentials of user 'root'; check --user and NEO4J_PASSWORD"]
    assert "wrong-secret-123" not in result.output
    gone = runner.invoke(app, ["neo4j", "pull", "--uri", "bolt://127.0.0.1:9"], env=_env(bolt_server))
    assert gone.exit_code == 1 and gone.output.strip() == "orggraph: error: cannot reach a Neo4j server at bolt://127.0.0.1:9: connection refused"
    missing = runner.invoke(app, ["neo4j", "pull"], env={**_env(bolt_server), "NEO4J_PASSWORD": None})
    assert missing.exit_code == 1 and "set the environment variable NEO4J_PASSWORD" in missing.output


@pytest.mark.parametrize("scheme", ["bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc"])
def test_every_driver_scheme_is_accepted_and_then_tried(scheme):
    """The URI passes the check and the driver tries the server: refused, not 'not a Neo4j URI'."""
    with pytest.raises(Neo4jConnectionError, match=f"cannot reach a Neo4j server at {re.escape(scheme)}://127.0.0.1:9"):
        connect(f"{scheme}://127.0.0.1:9", password="x", timeout=2)


@pytest.mark.parametrize("uri", ["http://localhost:7474", "localhost:7687", "bolt://", "neo4j+x://h"])
def test_other_uris_are_refused_before_connecting(uri):
    with pytest.raises(Neo4jConnectionError, match="is not a Neo4j URI"):
        connect(uri, password="x")


def test_neo4j_scheme_reaches_the_server(bolt_server, graph):
    """neo4j:// asks the server for a routing table; a single server answers with itself."""
    uri = bolt_server["uri"].replace("bolt://", "neo4j://")
    with connect(uri, bolt_server["user"], bolt_server["password"], bolt_server["database"]) as store:
        assert store.run("RETURN 1 AS one") == [{"one": 1}]

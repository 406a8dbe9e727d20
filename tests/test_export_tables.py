"""Issue 17, the tables: the neo4j-admin CSV, the Cypher script, the Excel CSV and the XLSX,
each opened by the reader its users use (a Bolt server loaded by neo4j-admin's rules,
cypher-shell's transaction commands, LibreOffice Calc, openpyxl)."""

import copy
import csv
import io
import json
import subprocess
from datetime import datetime

import openpyxl
import pytest

import neo4j_admin_loader
from conftest import require_binary, same_graph
from orggraph.exceptions import OrgGraphError
from orggraph.formats import FORMATS, generate
from orggraph.formats.cypher import generate_cypher, split_statements
from orggraph.formats.neo4j_admin import generate_neo4j_csv
from orggraph.graph import OrgGraph
from orggraph.namedqueries import load_queries

EVIL = '=HYPERLINK("http://127.0.0.1/x","klik")'


def _session_run(store, text, **params):
    with store._session() as session:
        return [r.data() for r in session.run(text, params)]


def _empty(store) -> None:
    _session_run(store, "MATCH (n) DETACH DELETE n")


def _dump(store) -> str:
    """Every node (labels, properties) and relationship (ends, type, properties), as typed JSON text.

    JSON tells ``5`` from ``5.0`` and ``true`` from ``1``, so equal dumps mean equal types too."""
    nodes = _session_run(store, "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props")
    edges = _session_run(store, "MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS type, b.id AS b, properties(r) AS props")
    key = lambda row: json.dumps(row, sort_keys=True, ensure_ascii=False)  # noqa: E731
    return json.dumps({"nodes": sorted(map(key, ({"labels": sorted(r["labels"]), "props": r["props"]} for r in nodes))),
                       "edges": sorted(map(key, edges))}, ensure_ascii=False)


def _query_cases(graph):
    """Every named query, for every RAR and KKR (and all mirrors), as in test_neo4j."""
    targets = graph.node_ids("RAR") + graph.node_ids("KKR")
    for name in load_queries():
        if name == "path":
            for source in graph.node_ids("KKR")[:2]:
                for target in graph.node_ids("RAR"):
                    yield name, {"source": source, "target": target, "max_length": 3, "via": None, "as_of": None}
            continue
        for target in targets + ([None] if name == "mirrors" else []):
            for as_of in (None, "2016-06-01"):
                yield name, {"target": target, "as_of": as_of}


def _answers(store, graph) -> list:
    return [(name, params, store.query(name, params)) for name, params in _query_cases(graph)]


def _load_csv(store, files: dict[str, bytes]) -> dict:
    text = {name: data.decode("utf-8") for name, data in files.items()}
    with store._session() as session:
        return neo4j_admin_loader.load(session, {"nodes.csv": text["nodes.csv"], "kilder.csv": text["kilder.csv"]},
                                       {"relationships.csv": text["relationships.csv"]})


# -- neo4j-admin CSV ------------------------------------------------------------------------


def test_the_loader_follows_neo4j_admins_rules():
    """Negative controls for the stand-in: quoting, empty fields, types and arrays."""
    rows = neo4j_admin_loader.parse('a:ID(s),:LABEL,n:long,b:boolean,t,l:string[]\n"x",L,5,TRUE,"",\n"y ""q""",L,,false,"m\nn","p;q"\n')
    columns = neo4j_admin_loader._columns(rows[0])
    first, second = (neo4j_admin_loader._row(columns, r, "t") for r in rows[1:])
    assert first["props"] == {"a": "x", "n": 5, "b": True, "t": ""}  # "" is a string, an empty field no property
    assert second["props"] == {"a": 'y "q"', "b": False, "t": "m\nn", "l": ["p", "q"]}
    with pytest.raises(ValueError, match="not implemented"):
        neo4j_admin_loader._row(neo4j_admin_loader._columns([("d:point", False)]), [("1", False)], "t")


def test_neo4j_admin_csv_gives_the_database_push_gives(store, graph):
    """Load the CSV by neo4j-admin's rules, then push into an emptied database: the same
    nodes, relationships, properties and types, and the same rows from every named query."""
    files = generate(graph, "csv")
    counts = _load_csv(store, files)
    assert counts == {"nodes": len(graph) + len(graph.documents), "relationships": sum(graph.counts()["edges"].values())}
    from_csv, csv_answers = _dump(store), _answers(store, graph)
    back = store.pull()  # the orggraph marker is there, so pull sees the data
    assert same_graph(back, graph) and back.documents == graph.documents

    _empty(store)
    store.push(graph)
    assert _dump(store) == from_csv
    pushed_answers = _answers(store, graph)
    assert csv_answers == pushed_answers
    assert sum(len(rows) for _, _, rows in pushed_answers) > 500  # the cases are not empty
    seats = store.query("appointments", {"target": "kkr-syddanmark", "as_of": None})
    assert seats and all(isinstance(r["seats"], int) for r in seats)  # the audit found null here
    assert all(r["how"] for r in store.query("mirrors", {"target": None, "as_of": None}))


def test_neo4j_admin_csv_headers_are_typed_like_push(graph):
    tables = generate_neo4j_csv(graph)
    nodes = next(csv.reader(io.StringIO(tables["nodes.csv"])))
    edges = next(csv.reader(io.StringIO(tables["relationships.csv"])))
    documents = next(csv.reader(io.StringIO(tables["kilder.csv"])))
    assert nodes[:2] == ["id:ID(orggraph)", ":LABEL"] and documents[:2] == ["id:ID(Kilde)", ":LABEL"]
    assert edges[:3] == [":START_ID(orggraph)", ":TYPE", ":END_ID(orggraph)"]
    for column in ("kind:string", "aliases:string[]", "valid_from:string", "source_documents:string[]", "orggraph:boolean",
                   "seats:long", "size:long", "kommunekode:long", "substitutes:boolean"):
        assert column in nodes, column
    for column in ("seats:long", "how:string", "orggraph:boolean", "source_documents:string[]"):
        assert column in edges, column
    assert "register:string" in documents


def test_neo4j_admin_csv_refuses_what_it_cannot_write(graph):
    nodes = copy.deepcopy(graph.node_records())
    nodes[0]["aliases"] = ["Nord; Syd"]
    with pytest.raises(OrgGraphError, match="array delimiter"):
        generate_neo4j_csv(OrgGraph.from_records(nodes, graph.edge_records(), graph.documents))
    nodes = copy.deepcopy(graph.node_records())
    organs = [n for n in nodes if "size" in n["attrs"]]
    organs[0]["attrs"]["size"] = "fjorten"
    with pytest.raises(OrgGraphError, match="property 'size' has values of more than one type"):
        generate_neo4j_csv(OrgGraph.from_records(nodes, graph.edge_records(), graph.documents))


def test_a_formula_like_name_is_kept_raw_in_the_neo4j_admin_csv(graph):
    """A prefix would change the name in Neo4j, so neo4j-admin's CSV carries it as it is (documented)."""
    nodes = copy.deepcopy(graph.node_records())
    nodes[0]["name"] = EVIL
    tables = generate_neo4j_csv(OrgGraph.from_records(nodes, graph.edge_records(), graph.documents))
    rows = neo4j_admin_loader.parse(tables["nodes.csv"])
    columns = neo4j_admin_loader._columns(rows[0])
    names = [neo4j_admin_loader._row(columns, r, "t")["props"]["name"] for r in rows[1:]]
    assert EVIL in names

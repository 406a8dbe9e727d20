"""Data exports: the graph in the formats analysts' tools open.

Each format keeps ids, kinds, relation types, validity dates and sources as far as the
format allows, and is written atomically. ``orggraph export FORMAT -o PATH`` writes one;
``orggraph export data -o DIR`` writes all of them, with the vocabulary and the Popolo
schema, as the project's ``exports/data/`` holds them.

>>> [f.name for f in FORMATS.values()]
['graphml', 'yed', 'gexf', 'json', 'csv', 'cypher', 'ttl', 'popolo', 'xlsx']
>>> from orggraph import load
>>> sorted(generate(load(), "csv"))
['excel/noder.csv', 'excel/relationer.csv', 'kilder.csv', 'nodes.csv', 'relationships.csv', 'schema.cypher']
>>> len(load().select(region="Sjælland").node_ids("Kommune"))
17

The registry only: each format's module has its own ``generate_X``; regenerating the
project's ``exports/`` folder is :mod:`orggraph.regenerate`. May import: graph, model,
exceptions, atomic, readwrite (the dataset CSV writer).
"""

from __future__ import annotations

__all__ = ["FORMATS", "Format", "generate", "write_format"]

from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from orggraph.atomic import atomic_write_bytes, is_stdout
from orggraph.exceptions import OrgGraphError, UsageError
from orggraph.graph import OrgGraph


class Format(NamedTuple):
    """An export format: its name, the file(s) it writes, the tools that open it, and its writer."""

    name: str
    files: tuple[str, ...]
    tools: str
    write: Callable[[OrgGraph], tuple[bytes, ...]]


def _graphml(graph):
    from orggraph.formats.networkx_formats import generate_graphml
    return (generate_graphml(graph),)


def _yed(graph):
    from orggraph.formats.yed import generate_yed
    return (generate_yed(graph),)


def _gexf(graph):
    from orggraph.formats.networkx_formats import generate_gexf
    return (generate_gexf(graph),)


def _json(graph):
    from orggraph.formats.networkx_formats import generate_json
    return (generate_json(graph),)


def _csv(graph):
    from orggraph.formats.cypher import SCHEMA_FILE
    from orggraph.formats.excel_csv import generate_excel_csv
    from orggraph.formats.neo4j_admin import generate_neo4j_csv
    tables, excel = generate_neo4j_csv(graph), generate_excel_csv(graph)
    return (*(tables[name].encode("utf-8") for name in ("nodes.csv", "relationships.csv", "kilder.csv")),
            SCHEMA_FILE.read_bytes(), excel["noder.csv"], excel["relationer.csv"])


def _cypher(graph):
    from orggraph.formats.cypher import generate_cypher
    return (generate_cypher(graph).encode("utf-8"),)


def _ttl(graph):
    from orggraph.formats.rdf import generate_turtle
    return (generate_turtle(graph).encode("utf-8"),)


def _popolo(graph):
    from orggraph.formats.popolo import popolo_bytes
    return (popolo_bytes(graph),)


def _xlsx(graph):
    from orggraph.formats.xlsx import generate_xlsx
    return (generate_xlsx(graph),)


#: The formats, by name. ``files`` are the names used inside ``exports/data/``.
FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("graphml", ("orggraph.graphml",), "Gephi, Cytoscape, networkx, igraph", _graphml),
    Format("yed", ("orggraph.yed.graphml",), "yEd: labels, colours and shapes by kind, laid out by Graphviz", _yed),
    Format("gexf", ("orggraph.gexf",), "Gephi (colours by kind, timeline from validity dates)", _gexf),
    Format("json", ("orggraph.json",), "networkx (node-link), D3 and other web pages", _json),
    Format("csv", ("nodes.csv", "relationships.csv", "kilder.csv", "schema.cypher", "excel/noder.csv", "excel/relationer.csv"),
           "neo4j-admin database import (the same database as orggraph neo4j push), orggraph --data; "
           "excel/: Danish Excel (double-click)", _csv),
    Format("cypher", ("orggraph.cypher",), "cypher-shell (one transaction), Neo4j Browser; Neo4j 4.4 or later", _cypher),
    Format("ttl", ("orggraph.ttl",), "rdflib, Apache Jena, GraphDB and other RDF stores (SPARQL)", _ttl),
    Format("popolo", ("orggraph.popolo.json",), "Popolo tools and registries", _popolo),
    Format("xlsx", ("orggraph.xlsx",), "Excel, LibreOffice Calc (Danish headers, date cells)", _xlsx),
)}

def _format(name: str) -> Format:
    if name not in FORMATS:
        raise OrgGraphError(f"unknown export format {name!r}. Choose from: {', '.join(FORMATS)}")
    return FORMATS[name]


def generate(graph: OrgGraph, name: str) -> dict[str, bytes]:
    """``{file name: bytes}`` of one format."""
    fmt = _format(name)
    return dict(zip(fmt.files, fmt.write(graph)))


def write_format(graph: OrgGraph, name: str, path: Path) -> list[Path]:
    """Write one format to ``path`` (a folder for csv, else a file), atomically; returns the files."""
    if name == "csv" and is_stdout(path):
        raise UsageError("csv writes several files (nodes.csv, relationships.csv, kilder.csv, schema.cypher and excel/); "
                         "give a folder with -o, not '-'")
    path = Path(path)
    if name != "csv" and path.is_dir():
        raise OrgGraphError(f"{path} is a folder; give a file name, such as {path / FORMATS[name].files[0]}")
    files = generate(graph, name)
    targets = {path / file: data for file, data in files.items()} if name == "csv" else {path: next(iter(files.values()))}
    atomic_write_bytes(targets)
    return list(targets)

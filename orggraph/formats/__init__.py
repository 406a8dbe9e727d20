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
project's ``exports/`` folder is :mod:`orggraph.regenerate`. May import: exceptions, progress, atomic, graph, formats.
"""

from __future__ import annotations

__all__ = ["FORMATS", "Format", "generate", "stream_format", "write_format"]

import io
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, ContextManager, NamedTuple

from orggraph.atomic import Batch, atomic_batch, is_stdout
from orggraph.exceptions import OrgGraphError, UsageError
from orggraph.graph import OrgGraph


class Format(NamedTuple):
    """An export format: its name, the file(s) it writes, the tools that open it, and its writer.

    ``write(graph, open_file)`` streams each file: ``open_file(name)`` is a context manager
    giving a binary file object for the file ``name`` (one of ``files``).
    """

    name: str
    files: tuple[str, ...]
    tools: str
    write: Callable[[OrgGraph, Callable[[str], ContextManager[BinaryIO]]], None]
    binary: bool = False


def _one(stream_name: str, module: str, name: str):
    def write(graph, open_file):
        from importlib import import_module

        with open_file(name) as out:
            getattr(import_module(f"orggraph.formats.{module}"), stream_name)(graph, out)
    return write


def _csv(graph, open_file):
    from orggraph.formats.cypher import SCHEMA_FILE
    from orggraph.formats.excel_csv import generate_excel_csv
    from orggraph.formats.neo4j_admin import generate_neo4j_csv

    tables = generate_neo4j_csv(graph)
    for name in ("nodes.csv", "relationships.csv", "kilder.csv"):
        with open_file(name) as out:
            out.write(tables.pop(name).encode("utf-8"))
    with open_file("schema.cypher") as out:
        out.write(SCHEMA_FILE.read_bytes())
    excel = generate_excel_csv(graph)
    for name in ("noder.csv", "relationer.csv"):
        with open_file(f"excel/{name}") as out:
            out.write(excel.pop(name))


#: The formats, by name. ``files`` are the names used inside ``exports/data/``.
FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("graphml", ("orggraph.graphml",), "Gephi, Cytoscape, networkx, igraph", _one("write_graphml", "networkx_formats", "orggraph.graphml")),
    Format("yed", ("orggraph.yed.graphml",), "yEd: labels, colours and shapes by kind, laid out by Graphviz",
           _one("write_yed", "yed", "orggraph.yed.graphml")),
    Format("gexf", ("orggraph.gexf",), "Gephi (colours by kind, timeline from validity dates)",
           _one("write_gexf", "networkx_formats", "orggraph.gexf")),
    Format("json", ("orggraph.json",), "networkx (node-link), D3 and other web pages", _one("write_json", "networkx_formats", "orggraph.json")),
    Format("csv", ("nodes.csv", "relationships.csv", "kilder.csv", "schema.cypher", "excel/noder.csv", "excel/relationer.csv"),
           "neo4j-admin database import (the same database as orggraph neo4j push), orggraph --data; "
           "excel/: Danish Excel (double-click)", _csv),
    Format("cypher", ("orggraph.cypher",), "cypher-shell (one transaction), Neo4j Browser; Neo4j 4.4 or later",
           _one("write_cypher", "cypher", "orggraph.cypher")),
    Format("ttl", ("orggraph.ttl",), "rdflib, Apache Jena, GraphDB and other RDF stores (SPARQL)",
           _one("write_turtle", "rdf", "orggraph.ttl")),
    Format("popolo", ("orggraph.popolo.json",), "Popolo tools and registries", _one("write_popolo", "popolo", "orggraph.popolo.json")),
    Format("xlsx", ("orggraph.xlsx",), "Excel, LibreOffice Calc (Danish headers, date cells)",
           _one("write_xlsx", "xlsx", "orggraph.xlsx"), binary=True),
)}

def _format(name: str) -> Format:
    if name not in FORMATS:
        raise OrgGraphError(f"unknown export format {name!r}. Choose from: {', '.join(FORMATS)}")
    return FORMATS[name]


def generate(graph: OrgGraph, name: str) -> dict[str, bytes]:
    """``{file name: bytes}`` of one format (in memory: for small data and tests)."""
    fmt = _format(name)
    files: dict[str, bytes] = {}

    @contextmanager
    def open_file(file: str):
        buffer = io.BytesIO()
        yield buffer
        files[file] = buffer.getvalue()

    fmt.write(graph, open_file)
    return {file: files[file] for file in fmt.files}


def stream_format(graph: OrgGraph, name: str, batch: Batch, target: Path, *, folder: bool = False, prefix: str = "") -> list[Path]:
    """Stream one format into ``batch`` (see :func:`orggraph.atomic.atomic_batch`): its files under the folder
    ``target`` (with ``prefix`` before each name) when ``folder`` or it has several files, else into the file ``target``."""
    fmt = _format(name)
    folder = folder or len(fmt.files) > 1
    written: list[Path] = []

    def open_file(file: str):
        path = Path(target) / f"{prefix}{file}" if folder else target
        written.append(path)
        return batch.open(path, binary=fmt.binary)

    from orggraph.progress import task

    with task(f"Writing {name}"):
        fmt.write(graph, open_file)
    return written


def write_format(graph: OrgGraph, name: str, path: Path) -> list[Path]:
    """Write one format to ``path`` (a folder for csv, else a file), atomically and as a stream; returns the files."""
    if name == "csv" and is_stdout(path):
        raise UsageError("csv writes several files (nodes.csv, relationships.csv, kilder.csv, schema.cypher and excel/); "
                         "give a folder with -o, not '-'")
    fmt = _format(name)
    if not is_stdout(path):
        path = Path(path)
        if name != "csv" and path.is_dir():
            raise OrgGraphError(f"{path} is a folder; give a file name, such as {path / fmt.files[0]}")
    with atomic_batch() as batch:
        return stream_format(graph, name, batch, path)

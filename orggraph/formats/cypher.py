r"""The Cypher that writes the graph into Neo4j: one statement text shared by
``orggraph neo4j push`` (rows sent as parameters) and the exported script for
cypher-shell (the same rows written as escaped literals, the data in one transaction
between ``:begin`` and ``:commit``).

Every node gets its kind as its single label, every edge its relation as its type; both
are quoted from the closed vocabulary in :mod:`orggraph.model`, never from data. The
properties are the flat encoding of :mod:`orggraph.formats.flat` plus ``orggraph: true``,
the mark by which ``orggraph neo4j push --wipe`` finds what orggraph wrote.

May import: exceptions, progress, model, graph, formats.

>>> print(literal("it's a \\ `}) DETACH DELETE n //"))
'it\'s a \\ `}) DETACH DELETE n //'
>>> print(literal({"seats": 5, "names": ["Å", None], "ok": True}))
{`names`: ['Å', null], `ok`: true, `seats`: 5}
>>> node_statement("KKR")
'UNWIND $rows AS row MERGE (n:`KKR` {id: row.id}) SET n = row'
>>> node_statement("KKR", create=True)
'UNWIND $rows AS row CREATE (n:`KKR`) SET n = row'
"""

from __future__ import annotations

__all__ = [
    "DOCUMENT_LABEL",
    "MARK",
    "SCHEMA_FILE",
    "SCRIPT_HEADER",
    "document_batches",
    "edge_batches",
    "edge_statement",
    "generate_cypher",
    "label",
    "literal",
    "node_batches",
    "node_statement",
    "schema_statements",
    "script_steps",
    "split_statements",
    "write_cypher",
]

import re
from collections.abc import Iterator
from importlib.resources import files
from importlib.resources.abc import Traversable

from orggraph.exceptions import OrgGraphError
from orggraph.formats.flat import edge_properties, node_properties, scalar_text, to_json
from orggraph.graph import OrgGraph
from orggraph.model import KINDS, RELATIONS

#: The property that marks a node or relationship as written by orggraph.
MARK = "orggraph"
#: The label of the nodes that hold the register of cited documents.
DOCUMENT_LABEL = "Kilde"
#: Constraints and indexes, run before any data is written: ``cypher/schema.cypher`` in the
#: repository, shipped as a resource of the package ``orggraph.cypher``.
SCHEMA_FILE: Traversable = files("orggraph.cypher") / "schema.cypher"

_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def literal(value) -> str:
    """``value`` as a Cypher literal: strings quoted with every special character escaped."""
    if value is None:
        return "null"
    if (text := scalar_text(value, "as a Cypher literal")) is not None:
        return text
    if isinstance(value, str):
        return "'" + "".join(_ESCAPES.get(c) or (f"\\u{ord(c):04x}" if ord(c) < 0x20 else c) for c in value) + "'"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_quoted(str(k))}: {literal(v)}" for k, v in sorted(value.items())) + "}"
    raise OrgGraphError(f"cannot write a {type(value).__name__} as a Cypher literal")


def _quoted(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


def label(name: str) -> str:
    """A kind or relation type, backtick-quoted; anything outside the vocabulary is refused."""
    if name not in KINDS and name not in RELATIONS:
        raise OrgGraphError(f"{name!r} is not a kind or relation type of the vocabulary")
    return _quoted(name)


def _node_statement(quoted_label: str, create: bool) -> str:
    found = f"CREATE (n:{quoted_label})" if create else f"MERGE (n:{quoted_label} {{id: row.id}})"
    return f"UNWIND $rows AS row {found} SET n = row"


def node_statement(kind: str, *, create: bool = False) -> str:
    """MERGE a batch of ``$rows`` (flat properties) as nodes of ``kind``.

    ``create=True`` CREATEs them instead: the fast path of a push into a database that holds
    no node with any of orggraph's labels, where MERGE would find nothing anyway.
    """
    return _node_statement(label(kind), create)


def edge_statement(source_kind: str, relation: str, target_kind: str, *, create: bool = False) -> str:
    """MERGE a batch of ``$rows`` (``{id, from, to, props}``) as relationships (``create=True``: CREATE them).

    ``props`` holds the ``id`` too, so ``SET r = row.props`` keeps it either way.
    """
    made = (f"CREATE (a)-[r:{label(relation)}]->(b)" if create
            else f"MERGE (a)-[r:{label(relation)} {{id: row.id}}]->(b)")
    return (f"UNWIND $rows AS row MATCH (a:{label(source_kind)} {{id: row.from}}) "
            f"MATCH (b:{label(target_kind)} {{id: row.to}}) {made} SET r = row.props")


def _chunks(rows: list, size: int) -> Iterator[list]:
    for start in range(0, len(rows), size):
        yield rows[start:start + size]


def document_batches(graph: OrgGraph, size: int = 1000, *, create: bool = False) -> Iterator[tuple[str, list[dict]]]:
    """``(statement, rows)`` writing the register of cited documents as ``:Kilde`` nodes.

    Each gets the register entry's scalar fields as properties and the whole entry as JSON
    text in ``register``, from which a pull rebuilds the register.
    """
    rows = []
    for doc_id, entry in sorted(graph.documents.items()):
        scalars = {k: v for k, v in entry.items() if isinstance(v, (str, int, float, bool)) and k not in ("register", MARK)}
        rows.append({**scalars, "id": doc_id, "register": to_json(entry), MARK: True})
    statement = _node_statement(_quoted(DOCUMENT_LABEL), create)
    for chunk in _chunks(rows, size):
        yield statement, chunk


def node_batches(graph: OrgGraph, size: int = 1000, *, create: bool = False) -> Iterator[tuple[str, list[dict]]]:
    """``(statement, rows)`` for every node, at most ``size`` rows a batch, grouped by kind
    (``create``: CREATE statements, see :func:`node_statement`)."""
    by_kind: dict[str, list[dict]] = {}
    for record in graph.node_records():
        by_kind.setdefault(record["kind"], []).append({**node_properties(record, graph.documents), MARK: True})
    for kind, rows in by_kind.items():
        for chunk in _chunks(rows, size):
            yield node_statement(kind, create=create), chunk


def edge_batches(graph: OrgGraph, size: int = 1000, *, create: bool = False) -> Iterator[tuple[str, list[dict]]]:
    """``(statement, rows)`` for every edge, grouped by the kinds of its ends and its type
    (``create``: CREATE statements, see :func:`edge_statement`)."""
    kinds = graph.kinds()
    groups: dict[tuple[str, str, str], list[dict]] = {}
    for record in graph.edge_records():
        props = {**edge_properties(record, graph.documents), MARK: True}
        row = {"id": record["id"], "from": record["from"], "to": record["to"], "props": props}
        groups.setdefault((kinds[record["from"]], record["type"], kinds[record["to"]]), []).append(row)
    for (source, relation, target), rows in groups.items():
        for chunk in _chunks(rows, size):
            yield edge_statement(source, relation, target, create=create), chunk


def script_steps(text: str) -> list[str]:
    r"""The steps of a Cypher script as cypher-shell runs them: each statement (split at a ``;``
    ending a line, ``//`` comment lines dropped) and each command line (``:begin``, ``:commit``)
    in order.

    >>> script_steps("// x\nCREATE (a);\n:begin\nMATCH (n)\nRETURN n;\n:commit\n")
    ['CREATE (a)', ':begin', 'MATCH (n)\nRETURN n', ':commit']
    """
    steps, lines = [], []
    for line in text.splitlines():
        if line.lstrip().startswith("//"):
            continue
        if line.startswith(":") and not "\n".join(lines).strip():
            steps.append(line.strip())
            continue
        lines.append(line)
        if re.search(r";[ \t]*$", line):
            steps.append(re.sub(r";[ \t]*$", "", "\n".join(lines)).strip())
            lines = []
    if "\n".join(lines).strip():
        steps.append("\n".join(lines).strip())
    return [s for s in steps if s]


def split_statements(text: str) -> list[str]:
    """The Cypher statements of a script, without cypher-shell's commands (``:begin``, ``:commit``):
    what a client that sends each statement on its own runs."""
    return [s for s in script_steps(text) if not s.startswith(":")]


def schema_statements(path: Traversable = SCHEMA_FILE) -> list[str]:
    """The statements of ``cypher/schema.cypher``."""
    try:
        return split_statements(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise OrgGraphError(f"cannot read the Neo4j schema {path}: {err.strerror}") from None


#: The head of the exported script: how to run it, and what a failure leaves.
SCRIPT_HEADER = """\
// orggraph: the graph for Neo4j 4.4 or later (FOR ... REQUIRE constraints need 4.4).
//
// cypher-shell (run it into an empty database, or over an earlier orggraph load):
//   cypher-shell -a neo4j://localhost:7687 -u neo4j -d neo4j -f orggraph.cypher
// The constraints run first, each on its own (Neo4j does not mix schema and data changes in
// one transaction; IF NOT EXISTS makes them safe to repeat). All data is written between
// :begin and :commit, one transaction: cypher-shell stops at the first error and the open
// transaction is rolled back, so a failed run leaves no data (only the constraints).
//
// Neo4j Browser does not know :begin and :commit (they are cypher-shell commands): delete
// those two lines, enable the multi-statement editor (Settings), paste and run. Each
// statement then commits on its own, so a run that stops half-way leaves part of the graph;
// run the script again: every statement MERGEs on id and replaces the properties, so a
// second run completes the graph and changes nothing else.
"""


def _script(graph: OrgGraph, size: int) -> Iterator[str]:
    """The lines of the script, each without its newline."""
    from orggraph.progress import task

    yield from SCRIPT_HEADER.rstrip("\n").split("\n")
    yield "// Schema (cypher/schema.cypher)"
    yield from (f"{s};" for s in schema_statements())
    yield from ("// The data, in one transaction", ":begin", "// The cited documents: one :Kilde node each")
    for statement, rows in document_batches(graph, size):
        yield statement.replace("$rows", literal(rows), 1) + ";"
    yield "// Nodes: one label per kind"
    with task("Cypher: nodes", graph.graph.number_of_nodes()) as advance:
        for statement, rows in node_batches(graph, size):
            yield statement.replace("$rows", literal(rows), 1) + ";"
            advance(len(rows))
    yield "// Relationships: one type per relation"
    with task("Cypher: relationships", graph.graph.number_of_edges()) as advance:
        for statement, rows in edge_batches(graph, size):
            yield statement.replace("$rows", literal(rows), 1) + ";"
            advance(len(rows))
    yield ":commit"


def generate_cypher(graph: OrgGraph, size: int = 200) -> str:
    """A script for cypher-shell: the schema, then every node and edge, values inlined as escaped literals.

    Each statement ends with ``;`` at the end of its line. The data statements are wrapped in
    ``:begin`` / ``:commit``, so cypher-shell writes them in one transaction (see
    :data:`SCRIPT_HEADER` for cypher-shell and Neo4j Browser).
    """
    return "".join(line + "\n" for line in _script(graph, size))


def write_cypher(graph: OrgGraph, out, size: int = 200) -> None:
    """Stream the script of :func:`generate_cypher` to the binary file ``out``, a statement at a time."""
    for line in _script(graph, size):
        out.write(line.encode("utf-8") + b"\n")

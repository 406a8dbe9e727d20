r"""CSV for ``neo4j-admin database import``: the same database that ``orggraph neo4j push`` writes.

The rows are the very rows :meth:`orggraph.graphdb.store.Store.push` sends
(:func:`~orggraph.formats.cypher.document_batches`, :func:`~orggraph.formats.cypher.node_batches`,
:func:`~orggraph.formats.cypher.edge_batches`), so the properties, their types, the labels and
the relationship types are push's, and nothing else:

- ``nodes.csv``: one row per node, label ``:LABEL`` (its kind), every property push writes
  (``id``, ``kind``, ``name``, ``aliases``, ``area``, ``valid_from``, ``valid_to``,
  ``confidence``, ``confidence_note``, ``attrs``, each scalar attribute such as ``seats``,
  ``size`` or ``binding``, each window of an uncertain date, ``uncertain_from`` and
  ``uncertain_to``, as ``string[]``, ``sources``, ``source_documents`` and the marker
  ``orggraph``); every kind of :data:`orggraph.model.KINDS` is a label;
- ``kilder.csv``: the cited documents as ``:Kilde`` nodes (``register`` holds the entry as JSON);
- ``relationships.csv``: one row per edge, ``:START_ID``, ``:TYPE``, ``:END_ID`` and its properties.

**Types.** Each property column is typed by Neo4j's import header format from the Python
values push sends: ``str`` → ``string``, ``int`` → ``long`` (push sends 64-bit Cypher
INTEGERs; ``int`` would store 32 bits), ``float`` → ``double``, ``bool`` → ``boolean``, a list
of strings → ``string[]``. The dates ``valid_from`` and ``valid_to`` stay ``string`` because
push writes ISO text and the named queries compare them with text (``valid_from <= $as_of``);
a ``date`` column would make those comparisons null. A column whose values have two types
cannot be written (neo4j-admin has one type per column): :class:`OrgGraphError` names it.

**Text.** Every string is quoted (``"``, inner quotes doubled), so an empty text stays an empty
text and an absent property is an empty unquoted field (neo4j-admin's rules with its defaults).
Arrays are joined with ``;``, neo4j-admin's default array delimiter; an element containing
``;`` is refused. A value may contain a line break, hence ``--multiline-fields=true``.
Cells are written as they are: a name beginning with ``= + - @`` is *not* prefixed, since a
prefix would change the data in Neo4j; give spreadsheet users ``excel/noder.csv`` instead.

**Ids.** Nodes use the ID space ``orggraph`` and documents ``Kilde``, so a document id may equal
a node id. The ids are also stored as the ``id`` property, as push stores them.

Import (Neo4j 5 and later; Neo4j 4.4: ``neo4j-admin import --database=neo4j`` with the same
options), into a database that does not exist yet, then create the constraints push creates::

    neo4j-admin database import full --nodes=nodes.csv --nodes=kilder.csv \
        --relationships=relationships.csv --multiline-fields=true neo4j
    cypher-shell -d neo4j -f schema.cypher

May import: exceptions, graph, formats.

>>> from orggraph import load
>>> files = generate_neo4j_csv(load())
>>> sorted(files)
['kilder.csv', 'nodes.csv', 'relationships.csv']
>>> files["nodes.csv"].splitlines()[0][:60]
'id:ID(orggraph),:LABEL,kind:string,name:string,aliases:strin'
>>> print(cell(["a", 'b "c" d']), cell(5), cell(True), cell(""), cell(None) == "")
"a;b ""c"" d" 5 true "" True
"""

from __future__ import annotations

__all__ = ["ARRAY_DELIMITER", "DOCUMENT_ID_SPACE", "FILES", "IMPORT_COMMAND", "NODE_ID_SPACE", "cell", "column_type", "generate_neo4j_csv"]


from orggraph.exceptions import OrgGraphError
from orggraph.formats.cypher import (
    DOCUMENT_LABEL,
    MARK,
    document_batches,
    edge_batches,
    node_batches,
)
from orggraph.formats.flat import EDGE_PROPERTIES, NODE_PROPERTIES, scalar_text
from orggraph.graph import OrgGraph

#: The files, in the order ``neo4j-admin`` is given them.
FILES = ("nodes.csv", "kilder.csv", "relationships.csv")
#: neo4j-admin's default ``--array-delimiter``.
ARRAY_DELIMITER = ";"
NODE_ID_SPACE = "orggraph"
DOCUMENT_ID_SPACE = DOCUMENT_LABEL
#: The import command for Neo4j 5 and later, run in the folder of the files.
IMPORT_COMMAND = ("neo4j-admin database import full --nodes=nodes.csv --nodes=kilder.csv "
                  "--relationships=relationships.csv --multiline-fields=true neo4j")

#: Leading property columns, in this order; the rest (scalar attributes) follow sorted.
_NODE_ORDER = [f for f in NODE_PROPERTIES] + ["source_documents", MARK]
_EDGE_ORDER = [f for f in EDGE_PROPERTIES] + ["source_documents", MARK]
_DOCUMENT_ORDER = ["title", "issuer", "date", "kind", "file", "note", "register", MARK]


def column_type(value) -> str:
    """The neo4j-admin header type of a property value push sends.

    >>> column_type(5), column_type(True), column_type("x"), column_type(["a"]), column_type(0.5)
    ('long', 'boolean', 'string', 'string[]', 'double')
    """
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    if isinstance(value, str):
        return "string"
    if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
        return "string[]"
    raise OrgGraphError(f"cannot write {value!r} as a neo4j-admin CSV value (a text, number, boolean or list of texts)")


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def cell(value) -> str:
    """One CSV field: text quoted, numbers and booleans bare, a list joined by ``;`` and quoted."""
    if value is None:
        return ""
    if (text := scalar_text(value, "to neo4j-admin CSV")) is not None:
        return text
    if isinstance(value, str):
        return _quote(value)
    if isinstance(value, (list, tuple)):
        for item in value:
            if ARRAY_DELIMITER in item:
                raise OrgGraphError(f"{item!r} contains {ARRAY_DELIMITER!r}, the array delimiter of the neo4j-admin CSV; "
                                    f"remove it from the name (neo4j-admin cannot escape it)")
        return _quote(ARRAY_DELIMITER.join(value))
    raise OrgGraphError(f"cannot write a {type(value).__name__} to neo4j-admin CSV")


def _columns(rows: list[dict], order: list[str], what: str) -> dict[str, str]:
    """``{property: type}`` over ``rows``, leading ``order`` first; mixed types are refused."""
    types: dict[str, dict[str, str]] = {}
    for row in rows:
        for key, value in row.items():
            types.setdefault(key, {}).setdefault(column_type(value), row.get("id"))
    for key, seen in types.items():
        if len(seen) > 1:
            found = ", ".join(f"{t} on {i!r}" for t, i in seen.items())
            raise OrgGraphError(f"{what}: property {key!r} has values of more than one type ({found}); "
                                f"neo4j-admin needs one type per column: give every {key!r} the same type")
    names = [k for k in order if k in types] + sorted(k for k in types if k not in order)
    return {k: next(iter(types[k])) for k in names}


def _table(header: list[str], rows: list[list[str]]) -> str:
    return "".join(",".join(line) + "\n" for line in [header, *rows])


def _nodes(rows: list[tuple[str, dict]], order: list[str], space: str, what: str) -> str:
    columns = _columns([props for _, props in rows], order, what)
    columns.pop("id", None)
    header = [f"id:ID({space})", ":LABEL"] + [f"{k}:{t}" for k, t in columns.items()]
    lines = [[cell(props["id"]), label] + [cell(props.get(k)) for k in columns] for label, props in rows]
    return _table(header, lines)


def generate_neo4j_csv(graph: OrgGraph) -> dict[str, str]:
    """``{file name: text}`` of the three files, from the rows push would send."""
    documents = [(DOCUMENT_LABEL, row) for _, rows in document_batches(graph) for row in rows]
    nodes = [(row["kind"], row) for _, rows in node_batches(graph) for row in rows]
    edges = [row for _, rows in edge_batches(graph) for row in rows]
    columns = _columns([e["props"] for e in edges], _EDGE_ORDER, "relationships.csv")
    header = [f":START_ID({NODE_ID_SPACE})", ":TYPE", f":END_ID({NODE_ID_SPACE})"] + [f"{k}:{t}" for k, t in columns.items()]
    lines = [[cell(e["from"]), e["props"]["type"], cell(e["to"])] + [cell(e["props"].get(k)) for k in columns] for e in edges]
    return {"nodes.csv": _nodes(nodes, _NODE_ORDER, NODE_ID_SPACE, "nodes.csv"),
            "kilder.csv": _nodes(documents, _DOCUMENT_ORDER, DOCUMENT_ID_SPACE, "kilder.csv"),
            "relationships.csv": _table(header, lines)}

"""A small, faithful stand-in for ``neo4j-admin database import`` that loads into a Bolt server.

neo4j-admin itself needs an offline Neo4j store, so the tests apply its documented rules
(Operations Manual, "Import" → "CSV header format" and the options' defaults) and write the
result through the driver:

- a file's first line is its header; fields are split at ``,`` (``--delimiter``), a field
  may be quoted with ``"`` and a quote inside is doubled; with ``--multiline-fields=true`` a
  quoted field may span lines;
- ``name:ID(space)`` is the node's id in an ID space, stored as the property ``name`` (a
  string, ``--id-type=STRING``); ``:LABEL`` holds labels separated by ``;``; relationships
  have ``:START_ID(space)``, ``:TYPE`` and ``:END_ID(space)``;
- ``name:type`` is a property of that type (``int``/``long``/``short``/``byte`` → integer,
  ``float``/``double`` → float, ``boolean`` → ``true`` when the text is ``true`` ignoring case,
  ``string``), ``name`` alone is a string, ``type[]`` is an array split at ``;``
  (``--array-delimiter``), ``:IGNORE`` is skipped;
- an empty unquoted field sets no property; a quoted empty field ``""`` is the empty string
  (``--ignore-empty-strings=false``); a relationship whose end is not among the nodes, or a
  duplicate id, fails the import (``--skip-bad-relationships=false``,
  ``--skip-duplicate-nodes=false``).

What is not implemented raises ``ValueError`` (other types, ID spaces missing from a
relationship file's ends, an ``:ID`` without a property name), so a test cannot pass by
loading something the way neo4j-admin would not.
"""

from __future__ import annotations

import re

DELIMITER, QUOTE, ARRAY_DELIMITER = ",", '"', ";"
_INTEGER = {"int", "long", "short", "byte"}
_FLOAT = {"float", "double"}
_KEY = re.compile(r"^([^:]*):(ID|START_ID|END_ID)(?:\(([^)]*)\))?$")
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def parse(text: str) -> list[list[tuple[str, bool]]]:
    """The records of CSV ``text``: each field as ``(value, was_quoted)``; quoted fields may hold line breaks."""
    records, record, field, quoted, i, n = [], [], [], False, 0, len(text)
    at_start = True
    while i < n:
        c = text[i]
        if at_start and c == QUOTE:
            quoted, at_start, i = True, False, i + 1
            while True:
                if i >= n:
                    raise ValueError("a quoted field is not closed")
                if text[i] == QUOTE:
                    if i + 1 < n and text[i + 1] == QUOTE:
                        field.append(QUOTE)
                        i += 2
                        continue
                    i += 1
                    break
                field.append(text[i])
                i += 1
            if i < n and text[i] not in (DELIMITER, "\n", "\r"):
                raise ValueError(f"text after a closing quote at character {i}")
            continue
        if c == DELIMITER:
            record.append(("".join(field), quoted))
            field, quoted, at_start = [], False, True
        elif c in "\r\n":
            if c == "\r" and i + 1 < n and text[i + 1] == "\n":
                i += 1
            record.append(("".join(field), quoted))
            records.append(record)
            record, field, quoted, at_start = [], [], False, True
        else:
            field.append(c)
            at_start = False
        i += 1
    if field or record or quoted:
        record.append(("".join(field), quoted))
        records.append(record)
    return records


def _convert(kind: str, value: str):
    if kind in _INTEGER:
        return int(value)
    if kind in _FLOAT:
        return float(value)
    if kind == "boolean":
        return value.strip().lower() == "true"
    if kind == "string":
        return value
    raise ValueError(f"type {kind!r} is not implemented by this loader")


def _columns(header: list[tuple[str, bool]]) -> list[dict]:
    columns = []
    for raw, _ in header:
        key = _KEY.match(raw)
        if key:
            columns.append({"role": key[2], "name": key[1], "space": key[3] or ""})
        elif raw in (":LABEL", ":TYPE", ":IGNORE"):
            columns.append({"role": raw[1:]})
        else:
            name, _, kind = raw.partition(":")
            kind = kind or "string"
            array = kind.endswith("[]")
            columns.append({"role": "property", "name": name, "type": kind.removesuffix("[]").lower(), "array": array})
    return columns


def _row(columns: list[dict], fields: list[tuple[str, bool]], where: str) -> dict:
    if len(fields) != len(columns):
        raise ValueError(f"{where}: {len(fields)} fields, the header has {len(columns)}")
    out = {"props": {}, "labels": []}
    for column, (value, quoted) in zip(columns, fields):
        role = column["role"]
        if role == "IGNORE":
            continue
        if role in ("ID", "START_ID", "END_ID"):
            out[role] = (column["space"], value)
            if role == "ID":
                if not column["name"]:
                    raise ValueError(f"{where}: an :ID without a property name is not implemented by this loader")
                out["props"][column["name"]] = value
        elif role == "LABEL":
            out["labels"] = [label for label in value.split(ARRAY_DELIMITER) if label]
        elif role == "TYPE":
            out["type"] = value
        elif value == "" and not quoted:
            continue  # an empty field: no property
        elif column["array"]:
            out["props"][column["name"]] = [_convert(column["type"], v) for v in value.split(ARRAY_DELIMITER)] if value else []
        else:
            out["props"][column["name"]] = _convert(column["type"], value)
    return out


def _quoted(name: str) -> str:
    if not _NAME.match(name):
        raise ValueError(f"{name!r} is not a plain label or type name")
    return f"`{name}`"


def load(session, node_files: dict[str, str], relationship_files: dict[str, str]) -> dict:
    """Load ``{file name: text}`` node and relationship files, in one transaction; returns counts."""
    nodes: dict[tuple[str, str], tuple[str, str]] = {}  # (space, id) -> (a label, the id property) to MATCH it by
    batches: dict[tuple[str, ...], list[dict]] = {}
    for file, text in node_files.items():
        header, *records = parse(text)
        columns = _columns(header)
        for number, fields in enumerate(records, 2):
            row = _row(columns, fields, f"{file}:{number}")
            key = row["ID"]
            if key in nodes:
                raise ValueError(f"{file}:{number}: duplicate id {key}")
            if not row["labels"]:
                raise ValueError(f"{file}:{number}: no label")
            nodes[key] = (row["labels"][0], next(c["name"] for c in columns if c["role"] == "ID"))
            batches.setdefault(tuple(row["labels"]), []).append(row["props"])
    edges: dict[tuple[str, str, str], list[dict]] = {}
    for file, text in relationship_files.items():
        header, *records = parse(text)
        columns = _columns(header)
        for number, fields in enumerate(records, 2):
            row = _row(columns, fields, f"{file}:{number}")
            ends = [row["START_ID"], row["END_ID"]]
            for end in ends:
                if end not in nodes:
                    raise ValueError(f"{file}:{number}: no node {end}")
            edges.setdefault((nodes[ends[0]], row["type"], nodes[ends[1]]), []).append(
                {"a": ends[0][1], "b": ends[1][1], "props": row["props"]})
    with session.begin_transaction() as tx:
        for labels, rows in batches.items():
            tx.run(f"UNWIND $rows AS row CREATE (n:{':'.join(_quoted(l) for l in labels)}) SET n = row", rows=rows).consume()
        for (start, rel, end), rows in edges.items():
            tx.run(f"UNWIND $rows AS row MATCH (a:{_quoted(start[0])} {{{_quoted(start[1])}: row.a}}) "
                   f"MATCH (b:{_quoted(end[0])} {{{_quoted(end[1])}: row.b}}) "
                   f"CREATE (a)-[r:{_quoted(rel)}]->(b) SET r = row.props", rows=rows).consume()
        tx.commit()
    return {"nodes": len(nodes), "relationships": sum(len(rows) for rows in edges.values())}

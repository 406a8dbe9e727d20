"""XLSX for Excel users: one sheet per node kind, one for the relations ("Relationer")
and one for the cited documents ("Kilder").

Columns: ``id``, ``name``, ``aliases`` (joined by `` | ``), ``area``, ``valid_from`` and
``valid_to`` (Excel dates), ``confidence``, ``confidence_note``, one ``attrs.KEY``
column per attribute of that kind (``attrs.KEY (JSON)`` when some value is a list or
object: every cell of that column is then JSON text), and ``source_N_document``,
``source_N_locator``, ``source_N_quote`` per citation. Relations also have ``from``,
``type`` and ``to``, with ``from_name`` and ``to_name`` for reading.

>>> import io, openpyxl
>>> from orggraph import load
>>> wb = openpyxl.load_workbook(io.BytesIO(generate_xlsx(load())))
>>> wb.sheetnames[:3], wb.sheetnames[-2:]
(['KKR', 'RAR', 'Kommune'], ['Relationer', 'Kilder'])
"""

from __future__ import annotations

__all__ = ["RELATIONS_SHEET", "DOCUMENTS_SHEET", "generate_xlsx", "read_xlsx"]

import io
import json
from datetime import date, datetime

from orggraph.formats.flat import to_json
from orggraph.formats.workbook import workbook_bytes
from orggraph.graph import OrgGraph
from orggraph.model import KINDS
from orggraph.readwrite.csv_dataset import ALIAS_SEPARATOR

RELATIONS_SHEET = "Relationer"
DOCUMENTS_SHEET = "Kilder"
_NODE = ["id", "name", "aliases", "area", "valid_from", "valid_to", "confidence", "confidence_note"]
_EDGE = ["id", "from", "from_name", "type", "to", "to_name", "area", "valid_from", "valid_to", "confidence", "confidence_note"]
_JSON = " (JSON)"


def _attr_columns(records: list[dict]) -> list[str]:
    keys: dict[str, bool] = {}
    for record in records:
        for key, value in (record["attrs"] or {}).items():
            keys[key] = keys.get(key, False) or isinstance(value, (list, dict))
    return [f"attrs.{k}{_JSON if is_json else ''}" for k, is_json in sorted(keys.items())]


def _sheet(records: list[dict], columns: list[str], extra: dict[str, dict] | None = None) -> tuple[list[str], list[list]]:
    attrs = _attr_columns(records)
    width = max((len(r["sources"]) for r in records), default=1) or 1
    header = columns + attrs + [f"source_{n}_{p}" for n in range(1, width + 1) for p in ("document", "locator", "quote")]
    rows = []
    for record in records:
        row = []
        for name in columns:
            value = (extra or {}).get(record["id"], {}).get(name, record.get(name))
            if name == "aliases":
                value = ALIAS_SEPARATOR.join(value or []) or None
            elif name in ("valid_from", "valid_to") and value:
                value = date.fromisoformat(value)
            row.append(value)
        for column in attrs:
            key = column.removeprefix("attrs.").removesuffix(_JSON)
            value = record["attrs"].get(key)
            row.append(to_json(value) if column.endswith(_JSON) and key in record["attrs"] else value)
        for n in range(width):
            source = record["sources"][n] if n < len(record["sources"]) else {}
            row += [source.get("document"), source.get("locator"), source.get("quote")]
        rows.append(row)
    return header, rows


def generate_xlsx(graph: OrgGraph) -> bytes:
    """The workbook's bytes."""
    nodes = graph.node_records()
    names = {r["id"]: r["name"] for r in nodes}
    sheets = []
    for kind in KINDS:
        records = [r for r in nodes if r["kind"] == kind]
        if records:
            sheets.append((kind, *_sheet(records, _NODE)))
    edges = graph.edge_records()
    extra = {e["id"]: {"from_name": names[e["from"]], "to_name": names[e["to"]]} for e in edges}
    sheets.append((RELATIONS_SHEET, *_sheet(edges, _EDGE, extra)))
    documents = list(graph.documents.values())
    doc_columns = ["id", "title", "issuer", "date", "kind", "file", "note"]
    sheets.append((DOCUMENTS_SHEET, doc_columns + ["record (JSON)"],
                   [[d.get(c) for c in doc_columns] + [to_json(d)] for d in documents]))
    return workbook_bytes(sheets, graph.latest_change())


def _value(header: str, value):
    if isinstance(value, datetime):
        return value.date().isoformat()
    if header.endswith(_JSON) and value is not None:
        return json.loads(value)
    return value


def _records(sheet, edge: bool) -> list[dict]:
    rows = sheet.iter_rows(values_only=True)
    header = list(next(rows))
    records = []
    for row in rows:
        cells = {h: _value(h, v) for h, v in zip(header, row)}
        record = {name: cells.get(name) for name in (_EDGE if edge else _NODE) if not name.endswith("_name")}
        if edge:
            record.pop("from_name", None)
        else:
            record["kind"] = sheet.title
            record["aliases"] = [a.strip() for a in (cells.get("aliases") or "").split(ALIAS_SEPARATOR.strip()) if a.strip()]
        key = lambda h: h.removeprefix("attrs.").removesuffix(_JSON)
        record["attrs"] = {key(h): v for h, v in cells.items() if h.startswith("attrs.") and v is not None}
        record["sources"] = []
        n = 1
        while f"source_{n}_document" in cells:
            if cells[f"source_{n}_document"] is not None:
                record["sources"].append({p: cells[f"source_{n}_{p}"] for p in ("document", "locator", "quote")})
            n += 1
        records.append(record)
    return records


def read_xlsx(data: bytes) -> OrgGraph:
    """Read a workbook written by :func:`generate_xlsx` with openpyxl, back into an OrgGraph."""
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data), read_only=True)
    nodes = [r for name in wb.sheetnames if name in KINDS for r in _records(wb[name], edge=False)]
    order = ("id", "kind", "name", "aliases", "area", "attrs", "valid_from", "valid_to", "confidence", "confidence_note", "sources")
    nodes = [{k: r[k] for k in order} for r in nodes]
    edges = [{k: r[k] for k in ("id", "from", "type", "to", "area", "attrs", "valid_from", "valid_to", "confidence", "confidence_note", "sources")}
             for r in _records(wb[RELATIONS_SHEET], edge=True)]
    rows = wb[DOCUMENTS_SHEET].iter_rows(values_only=True)
    next(rows)
    documents = {}
    for row in rows:
        entry = json.loads(row[-1])
        documents[entry["id"]] = entry
    return OrgGraph.from_records(nodes, edges, documents)

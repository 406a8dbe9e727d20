"""XLSX for Excel users: one sheet per node kind, one for the relations ("Relationer")
and one for the cited documents ("Kilder"), with Danish column headers.

A kind's sheet is named by its Danish name in :data:`orggraph.model.KINDS` ("Regionalt
beskæftigelsesråd", "Beslutning", "Opgave", "Anbefaling", "Forsøgsrunde"; within Excel's
31 characters), except the nine first kinds, whose sheets keep their short names (``KKR``,
``RAR``, ``Kommune``, …, ``Pejlemaerke``, ``Samarbejde``) so that workbooks and links made
before stay valid (:data:`SHEET_NAMES`).

Each sheet starts with what a person reads: ``navn``, ``id``, ``art`` (the kind's Danish
name), ``gyldig fra`` and ``gyldig til`` (date cells, ``yyyy-mm-dd``), ``sikkerhed`` (``oplyst``,
``udledt`` or ``ikke verificeret``) and ``kilder`` (the documents cited, by title and place). Then come ``andre navne`` (joined by
`` | ``), ``område``, ``sikkerhed, begrundelse``, one column per attribute of that kind
(``pladser``, ``hvordan``, ``bindende (skal/kan)``, ``dato i kilden``, …;
:data:`ATTRIBUTE_HEADERS`, and ``egenskab: KEY`` for the rest; `` (JSON)`` after the name
when some value is a list or an object, and then every cell of that column is JSON text;
a window of an uncertain start or end is two date cells, ``usikker start, tidligst`` and
``usikker start, senest``, likewise ``usikker slutning, …``), and ``kilde N``, ``kilde N, sted``, ``kilde N, citat`` per
citation, which :func:`parse_xlsx` reads back. Relations begin with ``fra``, ``relation``
(its Danish label) and ``til`` (names), then the ids. Any text that is an ISO date
(``2015-02-23``) is a date cell, so ``attrs.date`` and the documents' ``dato`` sort and filter
as dates.

Every sheet has a bold, frozen header row (and frozen first column) and a filter; text
beginning with ``= + - @`` is stored as text, never a formula (:mod:`orggraph.formats.workbook`).

May import: progress, model, graph, readwrite, formats.

>>> import io, openpyxl
>>> from orggraph import load
>>> wb = openpyxl.load_workbook(io.BytesIO(generate_xlsx(load())))
>>> wb.sheetnames[:3], wb.sheetnames[-2:]
(['KKR', 'RAR', 'Kommune'], ['Relationer', 'Kilder'])
>>> [c.value for c in wb["RAR"][1]][:7]
['navn', 'id', 'art', 'gyldig fra', 'gyldig til', 'sikkerhed', 'kilder']
"""

from __future__ import annotations

__all__ = [
    "ATTRIBUTE_HEADERS",
    "DOCUMENTS_SHEET",
    "HEADERS",
    "RELATIONS_SHEET",
    "SHEET_NAMES",
    "WINDOW_HEADERS",
    "attribute_header",
    "generate_xlsx",
    "header_key",
    "parse_xlsx",
    "sources_text",
    "write_xlsx",
]

import io
import json
import re
from collections.abc import Callable, Iterator
from datetime import date, datetime

from orggraph.formats.flat import to_json
from orggraph.formats.workbook import sheet_name, write_workbook
from orggraph.graph import OrgGraph
from orggraph.model import EDGE_FIELDS, KINDS, NODE_FIELDS, RELATIONS, Kind
from orggraph.readwrite.csv_dataset import ALIAS_SEPARATOR

RELATIONS_SHEET = "Relationer"
DOCUMENTS_SHEET = "Kilder"

#: Danish column headers for the record fields (and the readable-only columns).
HEADERS: dict[str, str] = {
    "name": "navn", "id": "id", "kind": "art", "valid_from": "gyldig fra", "valid_to": "gyldig til",
    "confidence": "sikkerhed", "sources": "kilder", "aliases": "andre navne", "area": "område",
    "confidence_note": "sikkerhed, begrundelse", "from_name": "fra", "relation": "relation", "to_name": "til",
    "from": "fra id", "type": "type", "to": "til id",
    # the Kilder sheet
    "title": "titel", "issuer": "udsteder", "date": "dato", "file": "fil", "note": "note", "record": "post (JSON)",
}
#: Danish headers for attributes; an attribute not listed is ``egenskab: KEY``.
ATTRIBUTE_HEADERS: dict[str, str] = {
    "seats": "pladser", "how": "hvordan", "size": "størrelse", "group": "gruppe", "members": "medlemmer",
    "kommunekode": "kommunekode", "substitutes": "suppleanter", "date": "vedtaget dato", "role": "rolle",
    "scope": "omfang", "year": "år", "region": "region", "region_code": "regionskode", "number": "nummer",
    "status": "status", "theme": "tema", "period": "periode", "tasks": "opgaver", "composition": "sammensætning",
    "composition_note": "sammensætning, note", "body_type": "organtype", "existing": "eksisterende",
    "pre_meetings": "formøder", "pre_meetings_how": "formøder, hvordan", "serves": "betjener",
    "reporting": "afrapportering", "model": "model", "track": "spor", "end": "ophør", "end_note": "ophør, note",
    "seats_note": "pladser, note", "date_note": "dato, note", "follow_up": "opfølgning", "subpoints": "underpunkter",
    "verb": "udsagnsord i kilden", "binding": "bindende (skal/kan)", "date_text": "dato i kilden",
    "decision_type": "beslutningstype", "frequency": "hyppighed", "deadline": "frist",
    "uncertain_from": "usikker start", "uncertain_to": "usikker slutning",
}
#: A window ``[earliest, latest]`` is two date cells: the attribute's header and one of these.
WINDOW_HEADERS = (", tidligst", ", senest")
#: The sheet of each kind: its Danish name, or, for the first nine kinds, the short name they always had.
SHEET_NAMES: dict[str, str] = {
    kind: kind if kind in (Kind.KKR, Kind.RAR, Kind.Kommune, Kind.Sekretariat, Kind.Organ, Kind.Post, Kind.Organisation, Kind.Pejlemaerke, Kind.Samarbejde)
    else sheet_name(label) for kind, label in KINDS.items()}
_KIND_OF_SHEET = {name: kind for kind, name in SHEET_NAMES.items()} | {kind: kind for kind in KINDS}
#: How sure a fact is, in Danish (the words of the charts' legend); read back to the codes.
CONFIDENCE_LABELS: dict[str, str] = {"stated": "oplyst", "derived": "udledt", "unverified": "ikke verificeret"}
_FROM_CONFIDENCE = {v: k for k, v in CONFIDENCE_LABELS.items()}
_OTHER_ATTRIBUTE = "egenskab: "
_JSON = " (JSON)"
_NODE = ["name", "id", "kind", "valid_from", "valid_to", "confidence", "sources", "aliases", "area", "confidence_note"]
_EDGE = ["from_name", "relation", "to_name", "id", "valid_from", "valid_to", "confidence", "sources",
         "from", "type", "to", "area", "confidence_note"]
_READABLE_ONLY = {"kind", "sources", "from_name", "relation", "to_name"}  # shown, not read back
_DOCUMENT = ["id", "title", "issuer", "date", "kind", "file", "note"]
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SOURCE_PARTS = (("document", ""), ("locator", ", sted"), ("quote", ", citat"))

assert not set(ATTRIBUTE_HEADERS.values()) & set(HEADERS.values()), "an attribute header would shadow a field header"
assert len({n.casefold() for n in SHEET_NAMES.values()} | {RELATIONS_SHEET.casefold(), DOCUMENTS_SHEET.casefold()}) == len(KINDS) + 2, \
    "two sheets would have the same name (Excel compares them without case)"


def attribute_header(key: str, is_json: bool = False) -> str:
    """The Danish column header of attribute ``key``.

    >>> attribute_header("seats"), attribute_header("later_decisions", True)
    ('pladser', 'egenskab: later_decisions (JSON)')
    """
    return ATTRIBUTE_HEADERS.get(key, _OTHER_ATTRIBUTE + key) + (_JSON if is_json else "")


_WINDOWS = ("uncertain_from", "uncertain_to")
_FROM_HEADER = {v: k for k, v in HEADERS.items()}
_FROM_ATTRIBUTE = {v: k for k, v in ATTRIBUTE_HEADERS.items()}


def header_key(header: str) -> tuple[str, str | None]:
    """``("field", name)``, ``("attr", key)``, ``("source", "N.part")``, ``("window", "key.N")`` or ``("other", None)``.

    >>> header_key("gyldig fra"), header_key("pladser"), header_key("kilde 2, citat")
    (('field', 'valid_from'), ('attr', 'seats'), ('source', '2.quote'))
    >>> header_key("usikker slutning, senest")
    ('window', 'uncertain_to.1')
    """
    source = re.match(r"^kilde (\d+)(, sted|, citat)?$", header)
    if source:
        part = next(p for p, suffix in _SOURCE_PARTS if suffix == (source[2] or ""))
        return "source", f"{source[1]}.{part}"
    for end, suffix in enumerate(WINDOW_HEADERS):
        if header.endswith(suffix) and _FROM_ATTRIBUTE.get(header.removesuffix(suffix)) in _WINDOWS:
            return "window", f"{_FROM_ATTRIBUTE[header.removesuffix(suffix)]}.{end}"
    bare = header.removesuffix(_JSON)
    if bare in _FROM_ATTRIBUTE:
        return "attr", _FROM_ATTRIBUTE[bare]
    if bare.startswith(_OTHER_ATTRIBUTE):
        return "attr", bare.removeprefix(_OTHER_ATTRIBUTE)
    if header in _FROM_HEADER:
        return "field", _FROM_HEADER[header]
    return "other", None


def sources_text(sources: list[dict], documents: dict) -> str:
    """The citations for reading: ``title (place)`` each, joined by ``; ``."""
    return "; ".join(f"{documents.get(s['document'], {}).get('title') or s['document']} ({s['locator']})" for s in sources)


def _cell(value):
    """A value as the cell holds it: an ISO date as a date."""
    if isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    return value


def _is_window(value) -> bool:
    return isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) and _ISO_DATE.match(v) for v in value)


def _attr_columns(records: list[dict]) -> list[tuple[str, bool | None]]:
    """``(key, is_json)`` per attribute; ``is_json`` None for a window written as two date cells."""
    keys: dict[str, bool] = {}
    windows: dict[str, bool] = {}
    for record in records:
        for key, value in (record["attrs"] or {}).items():
            keys[key] = keys.get(key, False) or isinstance(value, (list, dict))
            windows[key] = windows.get(key, True) and key in _WINDOWS and _is_window(value)
    return sorted((key, None if windows[key] else is_json) for key, is_json in keys.items())


def _sheet(records: list[dict], columns: list[str], readable: Callable[[dict], dict], what: str
           ) -> tuple[list[str], Iterator[list]]:
    """The header and the rows (made as they are read) of a sheet of ``records``."""
    attrs = _attr_columns(records)
    width = max((len(r["sources"]) for r in records), default=1) or 1
    header = [HEADERS[c] for c in columns]
    for key, is_json in attrs:
        header += [attribute_header(key) + suffix for suffix in WINDOW_HEADERS] if is_json is None else [attribute_header(key, is_json)]
    header += [f"kilde {n}{suffix}" for n in range(1, width + 1) for _, suffix in _SOURCE_PARTS]
    return header, _rows(records, columns, readable, attrs, width, what)


def _rows(records, columns, readable, attrs, width, what) -> Iterator[list]:
    from orggraph.progress import track

    for record in track(records, what, len(records)):
        row = []
        shown = readable(record)
        for name in columns:
            value = shown.get(name, record.get(name))
            if name == "aliases":
                value = ALIAS_SEPARATOR.join(value or []) or None
            elif name == "confidence":
                value = CONFIDENCE_LABELS.get(value, value)
            row.append(_cell(value))
        for key, is_json in attrs:
            value = record["attrs"].get(key)
            if is_json is None:
                row += [_cell(day) for day in value] if value else [None, None]
            else:
                row.append(to_json(value) if is_json and key in record["attrs"] else _cell(value))
        for n in range(width):
            source = record["sources"][n] if n < len(record["sources"]) else {}
            row += [source.get(part) for part, _ in _SOURCE_PARTS]
        yield row


def _sheets(graph: OrgGraph) -> Iterator[tuple[str, list[str], Iterator[list]]]:
    """The workbook's sheets, one at a time, each with its rows made as they are written."""
    nodes = graph.node_records()
    docs = graph.documents
    by_kind: dict[str, list[dict]] = {}
    for record in nodes:
        by_kind.setdefault(record["kind"], []).append(record)
    for kind in KINDS:
        records = by_kind.pop(kind, None)
        if records:
            label = KINDS[kind]
            yield (SHEET_NAMES[kind], *_sheet(records, _NODE, lambda r, label=label: {"kind": label, "sources": sources_text(r["sources"], docs)},
                                              f"XLSX: {SHEET_NAMES[kind]}"))
    names = {r["id"]: r["name"] for r in nodes}
    del nodes
    yield (RELATIONS_SHEET, *_sheet(graph.edge_records(), _EDGE,
                                    lambda e: {"from_name": names[e["from"]], "to_name": names[e["to"]],
                                               "relation": RELATIONS[e["type"]].label, "sources": sources_text(e["sources"], docs)},
                                    f"XLSX: {RELATIONS_SHEET}"))
    yield (DOCUMENTS_SHEET, [HEADERS[c] for c in _DOCUMENT] + [HEADERS["record"]],
           [[_cell(d.get(c)) for c in _DOCUMENT] + [to_json(d)] for d in docs.values()])


def write_xlsx(graph: OrgGraph, out) -> None:
    """Stream the workbook to the binary file ``out`` (openpyxl's write-only mode: a sheet's rows are never all in memory)."""
    write_workbook(out, _sheets(graph), graph.latest_change())


def generate_xlsx(graph: OrgGraph) -> bytes:
    """The workbook's bytes."""
    buffer = io.BytesIO()
    write_xlsx(graph, buffer)
    return buffer.getvalue()


def _value(header: str, value):
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if header.endswith(_JSON) and value is not None:
        return json.loads(value)
    return value


def _records(sheet, edge: bool) -> list[dict]:
    rows = sheet.iter_rows(values_only=True)
    header = list(next(rows))
    fields = [c for c in (_EDGE if edge else _NODE) if c not in _READABLE_ONLY]
    records = []
    for row in rows:
        record: dict = dict.fromkeys(fields)
        record["attrs"], sources, windows = {}, {}, {}
        for title, raw in zip(header, row):
            what, key = header_key(title)
            value = _value(title, raw)
            if what == "field" and key in record:
                record[key] = _FROM_CONFIDENCE.get(value, value) if key == "confidence" else value
            elif what == "attr" and value is not None:
                record["attrs"][key] = value
            elif what == "source":
                n, part = key.split(".")
                sources.setdefault(int(n), {})[part] = value
            elif what == "window" and value is not None:
                name, end = key.split(".")
                windows.setdefault(name, [None, None])[int(end)] = value
        record["attrs"].update(windows)
        if not edge:
            record["kind"] = _KIND_OF_SHEET[sheet.title]
            record["aliases"] = [a.strip() for a in (record["aliases"] or "").split(ALIAS_SEPARATOR.strip()) if a.strip()]
        record["sources"] = [sources[n] for n in sorted(sources) if sources[n].get("document") is not None]
        records.append(record)
    return records


def parse_xlsx(data: bytes) -> OrgGraph:
    """Parse a workbook written by :func:`generate_xlsx` (its bytes) with openpyxl, back into an OrgGraph."""
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data), read_only=True)
    nodes = [r for name in wb.sheetnames if name in _KIND_OF_SHEET for r in _records(wb[name], edge=False)]
    nodes = [{k: r[k] for k in NODE_FIELDS} for r in nodes]
    edges = [{k: r[k] for k in EDGE_FIELDS} for r in _records(wb[RELATIONS_SHEET], edge=True)]
    rows = wb[DOCUMENTS_SHEET].iter_rows(values_only=True)
    next(rows)
    documents = {}
    for row in rows:
        entry = json.loads(row[-1])
        documents[entry["id"]] = entry
    return OrgGraph.from_records(nodes, edges, documents)

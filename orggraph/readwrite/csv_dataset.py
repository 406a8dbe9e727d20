"""Read and write the dataset as a pair of CSV files, for analysts who keep data in
spreadsheets.

``nodes.csv`` has the columns ``id, kind, name, aliases, area, valid_from, valid_to,
confidence, confidence_note, attrs`` and ``edges.csv`` (or ``relationships.csv``)
has ``id, from, type, to, area, valid_from, valid_to, confidence, confidence_note,
attrs``. ``aliases`` are separated by `` | ``; ``attrs`` is one JSON object. Each
source takes three columns, ``source_N_document``, ``source_N_locator`` and
``source_N_quote``, for N = 1, 2, … The neo4j-admin import headers ``:ID``,
``:LABEL``, ``:START_ID``, ``:TYPE`` and ``:END_ID`` are read as ``id``, ``kind``,
``from``, ``type`` and ``to``. The documents cited are those of the packaged register.

The typed neo4j-admin files of ``orggraph export csv`` (:mod:`orggraph.formats.neo4j_admin`:
``name:string``, ``id:ID(orggraph)``, ``:START_ID(orggraph)`` …) are read too: ``aliases:string[]``
is split at ``;``, ``sources`` is the JSON list of citations, and the columns that only copy
another (the ``kind``/``type`` properties, each scalar attribute, ``source_documents``, the
``orggraph`` marker) are skipped, since ``attrs`` holds every attribute.

Cells are written as they are. A text beginning with ``= + - @`` is not prefixed with ``'``
(which would change the name that orggraph or Neo4j reads back), so a spreadsheet that opens
these files directly may take such a cell for a formula: import them with every column as
text, or open ``excel/noder.csv`` (:mod:`orggraph.formats.excel_csv`), which is prefixed.

May import: exceptions, atomic, model, readwrite.

>>> nodes_csv, edges_csv = generate_csv([{"id": "a", "kind": "KKR", "name": "A",
...     "sources": [{"document": "d", "locator": "l", "quote": "q"}]}], [])
>>> nodes_csv.splitlines()[0]
'id,kind,name,aliases,area,valid_from,valid_to,confidence,confidence_note,attrs,source_1_document,source_1_locator,source_1_quote'
"""

from __future__ import annotations

__all__ = ["read_csv_pair", "generate_csv", "write_csv_pair", "csv_pair_paths", "ALIAS_SEPARATOR"]

import csv
import io
import json
import os
import operator
import re
from pathlib import Path

from orggraph.atomic import atomic_write_texts
from orggraph.exceptions import DataError
from orggraph.model import EDGE_FIELDS, NODE_FIELDS, tabular
from orggraph.readwrite.records import MAX_DEPTH, LineMap, RawDataset, ReadProblem, Record, brief, display_path, printable, read_text

ALIAS_SEPARATOR = " | "
NODE_COLUMNS = [f for f in tabular(NODE_FIELDS) if f != "sources"]  # sources: source_N_document/locator/quote
EDGE_COLUMNS = [f for f in tabular(EDGE_FIELDS) if f != "sources"]
_NEO4J_HEADERS = {":ID": "id", ":LABEL": "kind", ":START_ID": "from", ":END_ID": "to", ":TYPE": "type"}
_SOURCE_COLUMN = re.compile(r"^source_(\d+)_(document|locator|quote)$")
_EDGE_FILES = ("edges.csv", "relationships.csv")


def csv_pair_paths(path: str | os.PathLike) -> tuple[Path, Path] | None:
    """The (nodes, edges) files named by ``path``: a directory holding them, or ``nodes.csv`` itself."""
    path = Path(path)
    folder = path.parent if path.name == "nodes.csv" else path
    if not (folder / "nodes.csv").is_file():
        return None
    for name in _EDGE_FILES:
        if (folder / name).is_file():
            return folder / "nodes.csv", folder / name
    return folder / "nodes.csv", folder / _EDGE_FILES[0]


#: neo4j-admin's default array delimiter, which the typed neo4j-admin form uses for ``aliases:string[]``.
NEO4J_ARRAY_DELIMITER = ";"
_NEO4J_KEY = re.compile(r"^([^:]*):(ID|START_ID|END_ID)(\([^)]*\))?$")
_NEO4J_TYPE = re.compile(r"^([^:]+):(string|long|int|short|byte|double|float|boolean|char|date|datetime|localdatetime|time|localtime|duration|point)(\[\])?$", re.I)


def _is_typed(header: list[str]) -> bool:
    """Whether ``header`` is the typed neo4j-admin form of :mod:`orggraph.formats.neo4j_admin` (typed
    property columns such as ``name:string``), not the plain pair or its renamed key columns."""
    return any(_NEO4J_TYPE.match(h.strip()) for h in header)


def _typed_header(header: list[str], known: list[str]) -> list[str | None]:
    """Column names of the typed neo4j-admin form; ``None`` for a column the record does not need.

    The key columns become ``id``, ``kind``, ``from``, ``type`` and ``to``; ``sources`` (JSON) and
    the fields of ``known`` are read; the ``kind``/``type`` properties (copies of the label and
    relationship type), ``source_documents``, the ``orggraph`` marker and the scalar attribute
    columns (copies of ``attrs``) are skipped, since ``attrs`` holds every attribute losslessly.
    """
    names: list[str | None] = []
    keys = {"ID": "id", "START_ID": "from", "END_ID": "to"}
    for raw in header:
        raw = raw.strip()
        key, typed = _NEO4J_KEY.match(raw), _NEO4J_TYPE.match(raw)
        if key:
            names.append(keys[key[2]])
        elif raw in (":LABEL", ":TYPE"):
            names.append("kind" if raw == ":LABEL" else "type")
        else:
            name = typed[1] if typed else raw
            copies = ("kind", "type") if ":LABEL" in header or ":TYPE" in header else ()
            names.append(name if (name in known or name == "sources") and name not in copies else None)
    return names


def _header_name(name: str) -> str:
    """A column name without neo4j-admin type suffixes: ``id:ID`` -> ``id``, ``:LABEL`` -> ``kind``."""
    name = name.strip()
    return _NEO4J_HEADERS.get(name) or name.partition(":")[0]


def _read_rows(path: Path, section: str, known: list[str], raw: RawDataset) -> list[Record]:
    shown = display_path(path)
    try:
        text = read_text(path, encoding="utf-8-sig")
    except FileNotFoundError:
        raw.errors.append(DataError(shown, None, "file", "is missing"))
        raw.complete = False
        return []
    except ReadProblem as err:
        raw.errors.append(DataError(shown, err.line, "file", str(err)))
        raw.complete = False
        return []
    if "\0" in text:  # csv would stop at it with a message that names no line
        at = text.index("\0")
        raw.errors.append(DataError(shown, text.count("\n", 0, at) + 1, "file",
                                    f"holds a NUL byte (at character {at - text.rfind(chr(10), 0, at)} of the line); "
                                    f"remove it (is this really a UTF-8 text file?)"))
        raw.complete = False
        return []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        raw_header = next(reader)
        typed = _is_typed(raw_header)
        header = _typed_header(raw_header, known) if typed else [_header_name(h) for h in raw_header]
    except StopIteration:
        raw.errors.append(DataError(shown, 1, "header", "the file is empty"))
        return []
    except csv.Error as err:
        raw.errors.append(DataError(shown, 1, "header", f"malformed CSV: {err}"))
        return []
    first_line = text.split("\n", 1)[0]
    if first_line.count(";") > first_line.count(","):
        raw.errors.append(DataError(shown, 1, "header", "the file seems to use ';' as separator; orggraph reads ',' CSV (RFC 4180): "
                                    "save it again with ',' between the cells"))
        raw.complete = False
        return []
    bad = False
    seen: dict[str, int] = {}
    for number, name in enumerate(header, 1):
        if name is None:  # a neo4j-admin column that only copies another (see _typed_header)
            continue
        if name in seen:
            raw.errors.append(DataError(shown, 1, printable(name), f"the column appears twice (columns {seen[name]} and {number}); remove one"))
            bad = True
            continue
        seen[name] = number
        if name not in known and not _SOURCE_COLUMN.match(name) and not (typed and name == "sources"):
            raw.errors.append(DataError(shown, 1, printable(name) or "header", f"unknown column. Choose from: {', '.join(known)}, source_N_document, source_N_locator, source_N_quote"))
            bad = True
    for name in ("id", "kind", "name") if section == "nodes" else ("from", "type", "to"):
        if name not in header:
            raw.errors.append(DataError(shown, 1, name, "required column is missing"))
            bad = True
    if bad:
        raw.complete = False
        return []
    plan = _plan(header, typed)
    simple = _simple_reader(plan)
    width = len(header)
    records = []
    append = records.append
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            raw.errors.append(DataError(shown, reader.line_num, "row", f"malformed CSV: {err}"))
            raw.complete = False
            break
        if not (row and row[0].strip()) and not "".join(row).strip():  # only white space (the first cell decides most rows)
            continue
        rec = Record({}, shown, "csv", "", LineMap.at(line))
        if len(row) != width:
            raw.errors.append(rec.error((), f"has {len(row)} cells, the header has {width}"))
            continue
        rec.data = simple(row, rec, raw) if simple else _row_to_data(row, plan, rec, raw)
        append(rec)
    return records


def _plan(header: list[str | None], typed: bool) -> list[tuple[int, str, str, object]]:
    """How each cell of a row is read, worked out once per file: ``(column, name, how, part)``
    in header order; the columns a typed neo4j-admin file only copies are left out."""
    plan = []
    for i, name in enumerate(header):
        if name is None:
            continue
        match = _SOURCE_COLUMN.match(name)
        if match:
            plan.append((i, name, "source", (int(match[1]), match[2])))
        elif name == "sources":
            plan.append((i, name, "sources", None))
        elif name == "aliases":
            plan.append((i, name, "typed aliases" if typed else "aliases", None))
        elif name == "attrs":
            plan.append((i, name, "attrs", None))
        else:
            plan.append((i, name, "", None))
    return plan


def _simple_reader(plan: list):
    """A faster :func:`_row_to_data` for the plain pair (no ``sources`` JSON column, no typed
    aliases): the same record, its plain cells read in one step. None for another file."""
    if any(how in ("sources", "typed aliases") for _, _, how, _ in plan):
        return None
    plain = [(i, name) for i, name, how, _ in plan if not how]
    names = [name for _, name in plain]
    indexes = [i for i, _ in plain]
    cells = _picker(indexes)
    aliases = next((i for i, _, how, _ in plan if how == "aliases"), None)
    attrs = next((i for i, _, how, _ in plan if how == "attrs"), None)
    groups: dict[int, list[tuple[str, int]]] = {}
    for i, _, how, part in plan:
        if how == "source":
            groups.setdefault(part[0], []).append((part[1], i))
    groups_in_order = [([part for part, _ in groups[n]], _picker([i for _, i in groups[n]])) for n in sorted(groups)]
    separator = ALIAS_SEPARATOR.strip()
    strip = str.strip
    parsed: dict[str, dict] = {}  # attrs cells repeat (a few sets of attributes): each distinct one is parsed once

    def read(row: list[str], rec: Record, raw: RawDataset) -> dict:
        data = {name: cell for name, cell in zip(names, map(strip, cells(row))) if cell}
        if aliases is not None:
            cell = row[aliases].strip()
            if cell:
                data["aliases"] = [a.strip() for a in cell.split(separator) if a.strip()]
        if attrs is not None:
            cell = row[attrs].strip()
            flat = parsed.get(cell)
            if flat is not None:  # a cell read before: a copy of what it gave, not the same dict
                data["attrs"] = flat.copy()
            elif cell:
                value = _attrs_cell(cell, rec, raw, data)
                if type(value) is dict and all(type(item) in _SCALARS for item in value.values()):
                    parsed[cell] = value.copy()
        sources = []
        for parts, source_cells in groups_in_order:
            source = {part: cell for part, cell in zip(parts, map(strip, source_cells(row))) if cell}
            if source:
                sources.append(source)
        data["sources"] = sources
        return data

    return read


_SCALARS = frozenset({str, int, float, bool, type(None)})


def _picker(indexes: list[int]):
    """A function that picks the cells at ``indexes`` out of a row, as a tuple (in one step).

    >>> _picker([2, 0])(["a", "b", "c"]), _picker([1])(["a", "b"]), _picker([])(["a"])
    (('c', 'a'), ('b',), ())
    """
    if len(indexes) > 1:
        return operator.itemgetter(*indexes)
    if indexes:
        (i,) = indexes
        return lambda row: (row[i],)
    return lambda row: ()


def _row_to_data(row: list[str], plan: list, rec: Record, raw: RawDataset) -> dict:
    data: dict = {}
    sources: dict[int, dict] = {}
    for i, name, how, part in plan:
        cell = row[i].strip()
        if not how:
            if cell:
                data[name] = cell
        elif how == "source":
            if cell:
                sources.setdefault(part[0], {})[part[1]] = cell
        elif how == "sources":  # neo4j-admin form: the citations as push writes them, JSON
            for n, source in enumerate(_json_sources(cell, rec, raw), 1):
                sources[n] = source
        elif how == "attrs":
            if cell:
                _attrs_cell(cell, rec, raw, data)
        elif cell:  # aliases
            separator = NEO4J_ARRAY_DELIMITER if how == "typed aliases" else ALIAS_SEPARATOR.strip()
            data["aliases"] = [a.strip() for a in cell.split(separator) if a.strip()]
    data["sources"] = [sources[n] for n in sorted(sources)] if len(sources) != 1 else list(sources.values())
    return data


def _attrs_cell(cell: str, rec: Record, raw: RawDataset, data: dict):
    """Put the ``attrs`` cell's JSON into ``data["attrs"]`` and return it; a cell that is not JSON is reported, and None returned."""
    try:
        data["attrs"] = value = _json(cell)
        return value
    except json.JSONDecodeError as err:
        raw.errors.append(rec.error(("attrs",), f"is not a JSON object: {err.msg}"))
    except _BadJSON as err:
        raw.errors.append(rec.error(("attrs",), str(err)))
    return None


def _json_sources(cell: str, rec: Record, raw: RawDataset) -> list[dict]:
    """The ``sources`` cell of the neo4j-admin form: a JSON list of ``{document, locator, quote}`` (a ``title`` is ignored)."""
    if not cell:
        return []
    try:
        value = _json(cell)
    except (json.JSONDecodeError, _BadJSON) as err:
        raw.errors.append(rec.error(("sources",), f"is not a JSON list of citations: {getattr(err, 'msg', err)}"))
        return []
    if not isinstance(value, list) or not all(isinstance(s, dict) for s in value):
        raw.errors.append(rec.error(("sources",), "is not a JSON list of citations ({document, locator, quote} objects)"))
        return []
    return [{k: s[k] for k in ("document", "locator", "quote") if k in s} for s in value]


class _BadJSON(ValueError):
    """JSON that orggraph refuses; the message says why."""


def _not_a_number(name: str):
    raise _BadJSON(f"{name} is not a number in JSON (RFC 8259); write a number, or null")


def _finite(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise _BadJSON(f"the number {brief(text)} is too large to be finite; write a smaller number, or text")
    return value


def _depth(value, depth: int = 0) -> int:
    if depth > MAX_DEPTH:
        raise _BadJSON(f"is nested more than {MAX_DEPTH} levels deep")
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    for item in items:
        _depth(item, depth + 1)
    return depth


_DECODER = json.JSONDecoder(parse_constant=_not_a_number, parse_float=_finite)  # made once: json.loads makes one a call


def _json(cell: str):
    """The ``attrs`` cell as JSON: no NaN or infinity, no number too long to read, not too deep.

    >>> _json('{"size": NaN}')
    Traceback (most recent call last):
    ...
    orggraph.readwrite.csv_dataset._BadJSON: NaN is not a number in JSON (RFC 8259); write a number, or null
    """
    try:
        value = json.loads(cell, parse_constant=_not_a_number, parse_float=_finite) if cell.startswith("\ufeff") else _DECODER.decode(cell)
    except RecursionError:
        raise _BadJSON(f"is nested more than {MAX_DEPTH} levels deep") from None
    except json.JSONDecodeError:
        raise
    except _BadJSON:
        raise
    except ValueError as err:  # an integer over Python's 4,300-digit limit
        raise _BadJSON("holds a whole number with more than 4300 digits; write it as text (in quotes)") from err
    _depth(value)
    return value


def read_csv_pair(path: str | os.PathLike, documents: RawDataset) -> RawDataset:
    """Read a CSV pair into a :class:`RawDataset`, citing the register in ``documents``."""
    pair = csv_pair_paths(path)
    raw = RawDataset(documents=documents.documents, documents_dir=documents.documents_dir,
                     errors=list(documents.errors), register_read=documents.register_read)
    if pair is None:
        raw.errors.append(DataError(display_path(path), None, "file", "no nodes.csv found"))
        return raw
    raw.nodes = _read_rows(pair[0], "nodes", NODE_COLUMNS, raw)
    raw.edges = _read_rows(pair[1], "edges", EDGE_COLUMNS, raw)
    return raw


def _cells(record: dict, columns: list[str], width: int) -> list[str]:
    out = []
    for name in columns:
        value = record.get(name)
        if name == "aliases":
            out.append(ALIAS_SEPARATOR.join(value or []))
        elif name == "attrs":
            out.append(json.dumps(value, ensure_ascii=False, sort_keys=True) if value else "")
        else:
            out.append("" if value is None else str(value))
    sources = record.get("sources", [])
    for i in range(width):
        src = sources[i] if i < len(sources) else {}
        out += [src.get("document", ""), src.get("locator", ""), src.get("quote", "")]
    return out


#: Column names in neo4j-admin import form, for ``generate_csv(..., neo4j_headers=True)``.
_NEO4J_NAMES = {"id": "id:ID", "kind": ":LABEL", "from": ":START_ID", "type": ":TYPE", "to": ":END_ID"}


def _table(records: list[dict], columns: list[str], neo4j_headers: bool = False) -> str:
    width = max((len(r.get("sources", [])) for r in records), default=1) or 1
    names = [_NEO4J_NAMES.get(c, c) if neo4j_headers and not (c == "id" and "from" in columns) else c for c in columns]
    header = names + [f"source_{n}_{part}" for n in range(1, width + 1) for part in ("document", "locator", "quote")]
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    for record in records:
        writer.writerow(_cells(record, columns, width))
    return buf.getvalue()


def generate_csv(nodes: list[dict], edges: list[dict], *, neo4j_headers: bool = False) -> tuple[str, str]:
    """The text of ``nodes.csv`` and ``edges.csv`` for node and edge records.

    With ``neo4j_headers`` the key columns are named for ``neo4j-admin database import``:
    ``id:ID`` and ``:LABEL`` in nodes, ``:START_ID``, ``:TYPE`` and ``:END_ID`` in
    relationships (where ``id`` stays a plain property); the loader reads both forms.

    >>> _, edges_csv = generate_csv([], [{"id": "e", "from": "a", "type": "UDPEGER", "to": "b"}], neo4j_headers=True)
    >>> edges_csv.splitlines()[0].split(",")[:4]
    ['id', ':START_ID', ':TYPE', ':END_ID']
    """
    return _table(nodes, NODE_COLUMNS, neo4j_headers), _table(edges, EDGE_COLUMNS, neo4j_headers)


def write_csv_pair(graph, directory: str | os.PathLike) -> tuple[Path, Path]:
    """Write ``graph`` as ``nodes.csv`` and ``edges.csv`` in ``directory``, atomically."""
    directory = Path(directory)
    nodes_text, edges_text = generate_csv(graph.node_records(), graph.edge_records())
    paths = (directory / "nodes.csv", directory / "edges.csv")
    atomic_write_texts({paths[0]: nodes_text, paths[1]: edges_text})
    return paths

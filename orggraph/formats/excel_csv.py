"""CSV for a Danish Excel: ``noder.csv`` (one row per node) and ``relationer.csv`` (one row
per relation), to open with a double-click.

Danish Excel splits a CSV at ``;`` (the list separator of the Danish locale) and reads it as
UTF-8 only when it starts with a byte order mark, so these files use ``;``, UTF-8 with a BOM
and CRLF line ends. They have no ``sep=`` line, which would make Excel ignore the BOM.

The columns are for reading, in Danish, like the XLSX sheets (:data:`orggraph.formats.xlsx.HEADERS`):
``navn, id, art, gyldig fra, gyldig til, sikkerhed, kilder, andre navne, område,
sikkerhed, begrundelse, egenskaber, citater`` for nodes and ``fra, relation, til, id, …,
fra id, til id`` for relations. ``sikkerhed`` is ``oplyst``, ``udledt`` or ``ikke verificeret``, ``egenskaber`` lists the attributes with the XLSX's Danish
names as ``pladser: 5; bindende (skal/kan): skal; …`` (a window of an uncertain date as
``usikker start: 2016-01-01 – 2016-03-31``),
``kilder`` the documents cited and ``citater`` the quotes. For data that orggraph reads
back, use the XLSX or the neo4j-admin CSV.

**Formulas.** A text cell beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return gets a leading ``'``, so Excel and LibreOffice show it as text and never evaluate it
(OWASP "CSV injection"). The ``'`` is visible in the cell.

May import: model, graph, readwrite, formats.

>>> from orggraph import load
>>> files = generate_excel_csv(load())
>>> sorted(files)
['noder.csv', 'relationer.csv']
>>> files["noder.csv"][:3] == "\\ufeff".encode()
True
>>> files["noder.csv"].decode("utf-8-sig").splitlines()[0][:43]
'navn;id;art;gyldig fra;gyldig til;sikkerhed'
>>> safe('=HYPERLINK("x")'), safe("-5"), safe(-5), safe("Æ=Ø")
('\\'=HYPERLINK("x")', "'-5", -5, 'Æ=Ø')
"""

from __future__ import annotations

__all__ = ["FILES", "FORMULA_START", "generate_excel_csv", "safe"]

import csv
import io

from orggraph.formats.flat import WINDOW_ATTRIBUTES, to_json
from orggraph.formats.xlsx import (
    CONFIDENCE_LABELS,
    HEADERS,
    attribute_header,
    sources_text,
)
from orggraph.graph import OrgGraph
from orggraph.model import KINDS, RELATIONS
from orggraph.readwrite.csv_dataset import ALIAS_SEPARATOR

FILES = ("noder.csv", "relationer.csv")
#: What a spreadsheet may read as the start of a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NODE = ["name", "id", "kind", "valid_from", "valid_to", "confidence", "sources", "aliases", "area", "confidence_note"]
_EDGE = ["from_name", "relation", "to_name", "id", "valid_from", "valid_to", "confidence", "sources", "from", "to", "area",
         "confidence_note"]


def safe(value):
    """``value`` for a spreadsheet cell: text that would start a formula gets a leading ``'``."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _attribute(key: str, value) -> str:
    if key in WINDOW_ATTRIBUTES and isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) for v in value):
        return f"{value[0]} – {value[1]}"
    return to_json(value) if isinstance(value, (list, dict)) else str(value)


def _attributes(attrs: dict) -> str:
    """``pladser: 5; usikker start: 2016-01-01 – 2016-03-31``.

    >>> _attributes({"binding": "skal", "uncertain_to": ["2016-11-02", "2018-04-29"]})
    'bindende (skal/kan): skal; usikker slutning: 2016-11-02 – 2018-04-29'
    """
    return "; ".join(f"{attribute_header(k)}: {_attribute(k, v)}" for k, v in sorted(attrs.items()))


def _quotes(sources: list[dict]) -> str:
    return " | ".join(f"«{s['quote']}»" for s in sources)


def _table(header: list[str], rows: list[list]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else safe(v) for v in row])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def generate_excel_csv(graph: OrgGraph) -> dict[str, bytes]:
    """``{"noder.csv": bytes, "relationer.csv": bytes}``."""
    docs = graph.documents
    nodes = graph.node_records()
    names = {r["id"]: r["name"] for r in nodes}
    extra = {"egenskaber": None, "citater": None}
    node_rows = []
    for r in nodes:
        readable = {"kind": KINDS[r["kind"]], "sources": sources_text(r["sources"], docs), "confidence": CONFIDENCE_LABELS.get(r["confidence"], r["confidence"]),
                    "aliases": ALIAS_SEPARATOR.join(r["aliases"] or []) or None}
        node_rows.append([readable.get(c, r.get(c)) for c in _NODE] + [_attributes(r["attrs"]), _quotes(r["sources"])])
    edge_rows = []
    for e in graph.edge_records():
        readable = {"from_name": names[e["from"]], "to_name": names[e["to"]], "relation": RELATIONS[e["type"]].label,
                    "sources": sources_text(e["sources"], docs), "confidence": CONFIDENCE_LABELS.get(e["confidence"], e["confidence"])}
        edge_rows.append([readable.get(c, e.get(c)) for c in _EDGE] + [_attributes(e["attrs"]), _quotes(e["sources"])])
    return {"noder.csv": _table([HEADERS[c] for c in _NODE] + list(extra), node_rows),
            "relationer.csv": _table([HEADERS[c] for c in _EDGE] + list(extra), edge_rows)}

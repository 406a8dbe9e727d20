"""Nodes and edges as flat property maps, for formats whose attributes must be scalars
(GraphML, GEXF, XLSX) and for Neo4j, whose properties may also be lists of scalars.

The encoding, the same everywhere:

- ``id``, ``kind`` (nodes), ``type`` (edges), ``name``, ``area``, ``valid_from``,
  ``valid_to`` (ISO dates as text), ``confidence`` and ``confidence_note`` as they are;
  a missing value is left out, never written as an empty string;
- ``aliases``: a list of strings (JSON text where lists are not allowed);
- ``attrs``: all attributes as one JSON object (the lossless copy), and each scalar
  attribute also as its own property, so ``seats`` or ``how`` can be queried directly; so
  is each window of an uncertain start or end (:data:`WINDOW_ATTRIBUTES`, two ISO days), as
  a list (JSON text where lists are not allowed), so that Cypher can ask
  ``r.uncertain_to[0] <= $day <= r.uncertain_to[1]``;
- ``sources``: the citations as a JSON list of ``{document, title, locator, quote}`` (the
  title from the register, so a file that cannot carry the register still names each
  document), and
  ``source_documents``: the cited document ids (a list, or JSON text).

Reading back uses only the lossless fields, so the scalar copies never drift.

May import: exceptions, model.

>>> from orggraph import load
>>> g = load()
>>> props = node_properties(g.node_records()[0], g.documents, lists=False)
>>> props["id"], props["kind"], props["aliases"]
('kkr-hovedstaden', 'KKR', '["Kommunekontaktråd Hovedstaden"]')
>>> node_record(props)["aliases"]
['Kommunekontaktråd Hovedstaden']
"""

from __future__ import annotations

__all__ = ["NODE_PROPERTIES", "EDGE_PROPERTIES", "RESERVED", "WINDOW_ATTRIBUTES", "scalar_text", "node_properties", "edge_properties", "node_record", "edge_record", "to_json", "from_json"]

import json
import math

from orggraph import model
from orggraph.exceptions import OrgGraphError
from orggraph.model import tabular

#: Fields of a node record, in the order the formats write them.
NODE_PROPERTIES = tabular(model.NODE_FIELDS)
#: Fields of an edge record besides its ends.
EDGE_PROPERTIES = tuple(f for f in tabular(model.EDGE_FIELDS) if f not in ("from", "to"))
#: Names an attribute may not take as its own property (it stays in ``attrs``).
RESERVED = frozenset(NODE_PROPERTIES + EDGE_PROPERTIES + ("from", "to", "source_documents", "label", "relation", "orggraph"))
_SCALARS = (str, int, float, bool)
#: Attributes holding a window ``[earliest, latest]`` of ISO days (``orggraph.model.ATTRIBUTE_TYPES``).
WINDOW_ATTRIBUTES = ("uncertain_from", "uncertain_to")


def scalar_text(value, target: str) -> str | None:
    """A boolean or a number as Cypher and neo4j-admin CSV both write it (``true``, ``5``, ``0.5``); None for
    anything else. A number that is not finite cannot be written to ``target`` and is refused.

    >>> scalar_text(True, "x"), scalar_text(5, "x"), scalar_text(0.5, "x"), scalar_text("5", "x")
    ('true', '5', '0.5', None)
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise OrgGraphError(f"cannot write {value!r} {target}")
        return repr(value)
    return None


def to_json(value) -> str:
    """Compact, stable JSON text (keys sorted, non-ASCII kept)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def from_json(text):
    """The value of JSON text written by :func:`to_json`; non-text is returned unchanged."""
    return json.loads(text) if isinstance(text, str) else text


def _properties(record: dict, fields: tuple[str, ...], lists: bool, documents: dict) -> dict:
    props: dict = {}
    for name in fields:
        value = record.get(name)
        if name == "attrs":
            attrs = value or {}
            if attrs:
                props["attrs"] = to_json(attrs)
            for key, item in attrs.items():
                if key not in RESERVED and isinstance(item, _SCALARS):
                    props[key] = item
                elif key in WINDOW_ATTRIBUTES and isinstance(item, list) and all(isinstance(day, str) for day in item):
                    props[key] = list(item) if lists else to_json(item)
        elif name == "sources":
            sources = [{"document": s["document"], "title": documents.get(s["document"], {}).get("title", ""),
                        "locator": s["locator"], "quote": s["quote"]} for s in value or []]
            props["sources"] = to_json(sources)
            documents = list(dict.fromkeys(s["document"] for s in sources))
            props["source_documents"] = documents if lists else to_json(documents)
        elif name == "aliases":
            if value:
                props["aliases"] = list(value) if lists else to_json(list(value))
        elif value is not None:
            props[name] = value
    return props


def node_properties(record: dict, documents: dict | None = None, *, lists: bool = True) -> dict:
    """A node record as flat properties, titling sources from ``documents``; ``lists=False`` writes lists as JSON text."""
    return _properties(record, NODE_PROPERTIES, lists, documents or {})


def edge_properties(record: dict, documents: dict | None = None, *, lists: bool = True) -> dict:
    """An edge record (without ``from`` and ``to``) as flat properties."""
    return _properties(record, EDGE_PROPERTIES, lists, documents or {})


def _record(props: dict, fields: tuple[str, ...]) -> dict:
    record = {name: props.get(name) for name in fields}
    record["aliases"] = list(from_json(props.get("aliases")) or []) if "aliases" in fields else None
    record["attrs"] = from_json(props.get("attrs")) or {}
    record["sources"] = [{k: s[k] for k in ("document", "locator", "quote")} for s in from_json(props.get("sources")) or []]
    if "aliases" not in fields:
        del record["aliases"]
    return record


def node_record(props: dict) -> dict:
    """The node record that :func:`node_properties` encoded."""
    return _record(props, NODE_PROPERTIES)


def edge_record(props: dict, source: str, target: str) -> dict:
    """The edge record that :func:`edge_properties` encoded, with its ends."""
    record = _record(props, EDGE_PROPERTIES)
    record["from"], record["to"] = source, target
    return record

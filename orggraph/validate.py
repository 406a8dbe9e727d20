"""Validate a :class:`~orggraph.readwrite.records.RawDataset`, collecting every problem.

Validation never stops at the first problem: it returns all of them, each located as
``file:line: field: message``, and the cleaned records when there are none.

>>> from orggraph.readwrite.records import RawDataset, Record
>>> raw = RawDataset(nodes=[Record({"id": "x", "kind": "Komune", "name": "X"}, "a.yaml", "yaml", "nodes[0]", {(): 3, ("kind",): 4})])
>>> [str(e) for e in check(raw).errors]  # doctest: +NORMALIZE_WHITESPACE
["a.yaml:4: nodes[0].kind: unknown kind 'Komune'. Choose from: KKR, RAR, Kommune, Sekretariat, Organ, Post, Organisation, Pejlemaerke, Samarbejde",
 'a.yaml:3: nodes[0].sources: at least one source is required']
"""

from __future__ import annotations

__all__ = ["check", "CheckResult", "NODE_FIELDS", "EDGE_FIELDS", "DOCUMENT_FIELDS", "edge_id"]

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from orggraph.exceptions import DataError
from orggraph.model import CONFIDENCE, KINDS, NEEDS_CONFIDENCE_NOTE, RELATIONS
from orggraph.readwrite.records import RawDataset, Record
from orggraph.text import fold_space

NODE_FIELDS = ("id", "kind", "name", "aliases", "area", "attrs", "valid_from", "valid_to", "confidence", "confidence_note", "sources")
EDGE_FIELDS = ("id", "from", "type", "to", "area", "attrs", "valid_from", "valid_to", "confidence", "confidence_note", "sources")
DOCUMENT_FIELDS = ("id", "title", "issuer", "date", "case_number", "document_number", "file", "kind", "url", "note", "cited_in")
DOCUMENT_KINDS = ("seed", "reference", "background")
SOURCE_FIELDS = ("document", "locator", "quote")

#: Where the packaged copies of the source documents are.
PACKAGED_DOCUMENTS = Path(__file__).resolve().parent / "data" / "documents"

_NODE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_EDGE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9:_-]*$")
_ATTR_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def edge_id(source: str, relation: str, target: str) -> str:
    """The default id of an edge: ``source:RELATION:target``."""
    return f"{source}:{relation}:{target}"


@dataclass
class CheckResult:
    """The outcome of :func:`check`: problems, and the clean records if there were none."""

    errors: list[DataError] = field(default_factory=list)
    nodes: list[dict] = field(default_factory=list)
    edges: list[dict] = field(default_factory=list)
    documents: dict[str, dict] = field(default_factory=dict)


class _Checker:
    def __init__(self, raw: RawDataset):
        self.raw = raw
        self.result = CheckResult(errors=list(raw.errors))
        self.texts: dict[str, str] = {}
        self.reported: set[str] = set()
        self.seen_ids: set[str] = set()  # every node id read, valid or not

    def fail(self, rec: Record, path: tuple, message: str) -> None:
        error = rec.error(path, message)
        if str(error) not in self.reported:  # a file-level field is reported once, not per record
            self.reported.add(str(error))
            self.result.errors.append(error)

    # -- shared field checks -------------------------------------------------
    def text(self, rec: Record, key: str, required: bool = False) -> str | None:
        value = rec.data.get(key)
        if value is None or value == "":
            if required:
                self.fail(rec, (key,), "is required")
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool) and key not in ("id", "name", "title"):
            value = str(value)
        if not isinstance(value, str) or not value.strip():
            self.fail(rec, (key,), f"must be text, not {value!r}")
            return None
        return value.strip()

    def unknown_fields(self, rec: Record, allowed: tuple[str, ...]) -> None:
        for key in rec.data:
            if key not in allowed:
                self.fail(rec, (key,), f"unknown field. Choose from: {', '.join(allowed)}")

    def iso_date(self, rec: Record, path: tuple, value) -> str | None:
        if value is None or value == "":
            return None
        if not isinstance(value, str) or not _ISO_DATE.match(value):
            self.fail(rec, path, f"bad date {value!r}: use YYYY-MM-DD")
            return None
        try:
            date.fromisoformat(value)
        except ValueError:
            self.fail(rec, path, f"bad date {value!r}: no such day")
            return None
        return value

    def common(self, rec: Record, out: dict) -> None:
        """Fields shared by nodes and edges: area, attrs, validity, confidence and sources."""
        data = rec.data
        out["area"] = self.text(rec, "area")
        out["attrs"] = self.attrs(rec)
        start = self.iso_date(rec, ("valid_from",), data.get("valid_from"))
        end = self.iso_date(rec, ("valid_to",), data.get("valid_to"))
        if start and end and end < start:
            self.fail(rec, ("valid_to",), f"valid_to {end} is before valid_from {start}")
        out["valid_from"], out["valid_to"] = start, end
        confidence = data.get("confidence") or "stated"
        if confidence not in CONFIDENCE:
            self.fail(rec, ("confidence",), f"unknown confidence {confidence!r}. Choose from: {', '.join(CONFIDENCE)}")
        out["confidence"] = confidence
        out["confidence_note"] = self.text(rec, "confidence_note")
        if confidence in NEEDS_CONFIDENCE_NOTE and not out["confidence_note"]:
            self.fail(rec, ("confidence_note",), f"a {confidence!r} fact must say why in confidence_note")
        out["sources"] = self.sources(rec)

    def attrs(self, rec: Record) -> dict:
        value = rec.data.get("attrs")
        if value is None or value == "":
            return {}
        if not isinstance(value, dict):
            self.fail(rec, ("attrs",), "must be a mapping of attribute names to values")
            return {}
        for key, item in value.items():
            if not _ATTR_KEY.match(key):
                self.fail(rec, ("attrs", key), f"bad attribute name {key!r}: use lower-case letters, digits and _")
            elif key == "date" or key.endswith("_date"):
                self.iso_date(rec, ("attrs", key), item)
        return value

    def sources(self, rec: Record) -> list[dict]:
        value = rec.data.get("sources")
        if not value:
            self.fail(rec, ("sources",), "at least one source is required")
            return []
        if not isinstance(value, list):
            self.fail(rec, ("sources",), "must be a list of {document, locator, quote}")
            return []
        out = []
        for i, src in enumerate(value):
            path = ("sources", i)
            if not isinstance(src, dict):
                self.fail(rec, path, "must be a mapping with document, locator and quote")
                continue
            for key in src:
                if key not in SOURCE_FIELDS:
                    self.fail(rec, path + (key,), f"unknown field. Choose from: {', '.join(SOURCE_FIELDS)}")
            clean = {}
            for key in SOURCE_FIELDS:
                item = src.get(key)
                if not isinstance(item, str) or not item.strip():
                    self.fail(rec, path + (key,), "is required" if item in (None, "") else "must be text")
                else:
                    clean[key] = item.strip()
            doc = clean.get("document")
            if doc and doc not in self.result.documents and self.raw.register_read:
                known = ", ".join(sorted(self.result.documents)) or "none"
                self.fail(rec, path + ("document",), f"unknown document {doc!r}. Registered: {known}")
            elif doc and "quote" in clean and doc in self.texts:
                if fold_space(clean["quote"]) not in self.texts[doc]:
                    self.fail(rec, path + ("quote",), f"quote not found in {self.result.documents[doc]['file']}: {clean['quote'][:60]!r}")
            out.append(clean)
        return out

    # -- records ---------------------------------------------------------------
    def documents(self) -> None:
        folder = Path(self.raw.documents_dir)
        for rec in self.raw.documents:
            self.unknown_fields(rec, DOCUMENT_FIELDS)
            doc = {key: self.text(rec, key) for key in DOCUMENT_FIELDS}
            for key in ("id", "title", "kind"):
                if doc[key] is None:
                    self.text(rec, key, required=True)
            if doc["id"] is None:
                continue
            if doc["id"] in self.result.documents:
                self.fail(rec, ("id",), f"{doc['id']!r} is duplicated")
                continue
            if doc["kind"] and doc["kind"] not in DOCUMENT_KINDS:
                self.fail(rec, ("kind",), f"unknown document kind {doc['kind']!r}. Choose from: {', '.join(DOCUMENT_KINDS)}")
            if doc["date"]:
                self.iso_date(rec, ("date",), doc["date"])
            if doc["file"]:
                path = folder / doc["file"]
                if not path.is_file():  # a dataset may cite the packaged copies of the documents
                    path = PACKAGED_DOCUMENTS / doc["file"]
                try:
                    self.texts[doc["id"]] = fold_space(path.read_text(encoding="utf-8"))
                except (OSError, UnicodeDecodeError) as err:
                    self.fail(rec, ("file",), f"cannot read {doc['file']!r} in {folder} or the packaged documents: {err.__class__.__name__}")
            self.result.documents[doc["id"]] = {k: v for k, v in doc.items() if v is not None}
        for rec in self.raw.documents:
            cited_in = rec.data.get("cited_in")
            if cited_in and cited_in not in self.result.documents:
                self.fail(rec, ("cited_in",), f"unknown document {cited_in!r}")

    def node(self, rec: Record) -> dict | None:
        self.unknown_fields(rec, NODE_FIELDS)
        out = {"id": self.text(rec, "id", required=True)}
        if out["id"] is not None:
            self.seen_ids.add(out["id"])
        if out["id"] is not None and not _NODE_ID.match(out["id"]):
            self.fail(rec, ("id",), f"bad id {out['id']!r}: use lower-case ASCII letters, digits and '-'")
            out["id"] = None
        kind = self.text(rec, "kind", required=True)
        if kind is not None and kind not in KINDS:
            self.fail(rec, ("kind",), f"unknown kind {kind!r}. Choose from: {', '.join(KINDS)}")
            kind = None
        out["kind"] = kind
        out["name"] = self.text(rec, "name", required=True)
        aliases = rec.data.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            self.fail(rec, ("aliases",), "must be a list of names")
            aliases = []
        out["aliases"] = [a.strip() for a in aliases]
        self.common(rec, out)
        return out

    def edge(self, rec: Record) -> dict:
        self.unknown_fields(rec, EDGE_FIELDS)
        out = {key: self.text(rec, key, required=key != "id") for key in ("id", "from", "type", "to")}
        if out["type"] is not None and out["type"] not in RELATIONS:
            self.fail(rec, ("type",), f"unknown relation {out['type']!r}. Choose from: {', '.join(RELATIONS)}")
            out["type"] = None
        if out["id"] is None and None not in (out["from"], out["type"], out["to"]):
            out["id"] = edge_id(out["from"], out["type"], out["to"])
        elif out["id"] is not None and not _EDGE_ID.match(out["id"]):
            self.fail(rec, ("id",), f"bad id {out['id']!r}: use ASCII letters, digits, ':', '_' and '-'")
        self.common(rec, out)
        return out

    def run(self) -> CheckResult:
        self.documents()
        kinds: dict[str, str | None] = {}
        first_seen: dict[str, Record] = {}
        nodes = []
        for rec in self.raw.nodes:
            node = self.node(rec)
            node_id = node["id"]
            if node_id is None:
                continue
            if node_id in first_seen:
                other = first_seen[node_id]
                self.fail(rec, ("id",), f"{node_id!r} is duplicated (first at {other.file}:{other.line(('id',))})")
                continue
            first_seen[node_id] = rec
            kinds[node_id] = node["kind"]
            nodes.append((rec, node))
        for rec, node in nodes:
            self.area(rec, node, kinds)
        edges = []
        seen_edges: dict[str, Record] = {}
        for rec in self.raw.edges:
            edge = self.edge(rec)
            self.area(rec, edge, kinds)
            for end in ("from", "to"):
                if edge[end] is not None and edge[end] not in self.seen_ids and self.raw.complete:
                    self.fail(rec, (end,), f"unknown id {edge[end]!r} (dangling reference)")
            src, dst, rel = kinds.get(edge["from"]), kinds.get(edge["to"]), edge["type"]
            if src and dst and rel and not (src in RELATIONS[rel].sources and dst in RELATIONS[rel].targets):
                relation = RELATIONS[rel]
                self.fail(
                    rec, ("type",),
                    f"{rel} may not go from {src} to {dst}: it connects "
                    f"{'/'.join(sorted(relation.sources))} -> {'/'.join(sorted(relation.targets))}",
                )
            if edge["id"] is not None:
                if edge["id"] in seen_edges:
                    other = seen_edges[edge["id"]]
                    self.fail(rec, ("id",), f"edge {edge['id']!r} is duplicated (first at {other.file}:{other.line()}); give one of them an explicit id")
                    continue
                seen_edges[edge["id"]] = rec
            edges.append(edge)
        if not self.result.errors:
            self.result.nodes = [node for _, node in nodes]
            self.result.edges = edges
        return self.result

    def area(self, rec: Record, record: dict, kinds: dict) -> None:
        area = record.get("area")
        if area is not None and kinds.get(area) != "KKR":
            self.fail(rec, ("area",), f"area {area!r} is not the id of a KKR node")


def check(raw: RawDataset) -> CheckResult:
    """Validate everything in ``raw`` and return all problems (and clean records if none)."""
    return _Checker(raw).run()

"""Validate a :class:`~orggraph.readwrite.records.RawDataset`, collecting every problem.

Validation never stops at the first problem: it returns all of them, each located as
``file:line: field: message``, and the cleaned records when there are none.

May import: exceptions, model, text, readwrite.

>>> from orggraph.readwrite.records import RawDataset, Record
>>> raw = RawDataset(nodes=[Record({"id": "x", "kind": "Komune", "name": "X"}, "a.yaml", "yaml", "nodes[0]", {(): 3, ("kind",): 4})])
>>> [str(e) for e in check(raw).errors]  # doctest: +NORMALIZE_WHITESPACE
["a.yaml:4: nodes[0].kind: unknown kind 'Komune'. Choose from: KKR, RAR, Kommune, Sekretariat, Organ, Post, Organisation, Pejlemaerke, Samarbejde,
     Beskaeftigelsesraad, Beslutning, Opgave, Anbefaling, Forsoegsrunde, Person",
 'a.yaml:3: nodes[0].sources: at least one source is required']
"""

from __future__ import annotations

__all__ = ["check", "CheckResult", "NODE_FIELDS", "EDGE_FIELDS", "DOCUMENT_FIELDS", "edge_id",
           "control_character", "MAX_DOCUMENT_BYTES"]

import difflib
import math
import os
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PureWindowsPath

from orggraph.exceptions import DataError
from orggraph.model import ATTRIBUTE_TYPES, ATTRIBUTES, CONFIDENCE, EDGE_FIELDS, KINDS, NEEDS_CONFIDENCE_NOTE, NODE_FIELDS, RELATIONS, Kind
from orggraph.readwrite.records import DATA_DIR, MAX_DEPTH, RawDataset, ReadProblem, Record, brief, display_path, no_gc, read_text
from orggraph.text import fold_space

DOCUMENT_FIELDS = ("id", "title", "issuer", "date", "case_number", "document_number", "file", "kind", "url", "note", "cited_in")
DOCUMENT_KINDS = ("seed", "reference", "background")
SOURCE_FIELDS = ("document", "locator", "quote")

#: Where the packaged copies of the source documents are.
PACKAGED_DOCUMENTS = DATA_DIR / "documents"
#: The largest source document read to check quotes.
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024

#: Fields whose text may run over several lines; every other text is one line.
MULTI_LINE = frozenset({"quote", "locator", "confidence_note", "note"})
# C0 and C1 control characters, DEL, and the bidirectional embeddings, overrides and isolates.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_CONTROL_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_CONTROL_NAMES = {0: "NUL", 7: "BEL", 8: "backspace", 9: "tab", 10: "line break", 11: "vertical tab", 12: "form feed",
                  13: "carriage return", 27: "ESC", 127: "DEL", 0x85: "next line"}

_NODE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_EDGE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9:_-]*$")
_ATTR_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


_NODE_FIELD_SET = frozenset(NODE_FIELDS)
_EDGE_FIELD_SET = frozenset(EDGE_FIELDS)
# Each name of the vocabulary as one string object, so that a big graph holds (and its cache
# pickles) each once, not once a record.
_KIND_NAMES = {kind: kind for kind in KINDS}
_RELATION_NAMES = {relation: relation for relation in RELATIONS}
_CONFIDENCE_NAMES = {mark: mark for mark in CONFIDENCE}
_STATED = _CONFIDENCE_NAMES["stated"]  # a record without a confidence


class _Slow(Exception):
    """Raised by :meth:`_Checker.fail` while the fast path probes: read this record carefully."""


def edge_id(source: str, relation: str, target: str) -> str:
    """The default id of an edge: ``source:RELATION:target``."""
    return f"{source}:{relation}:{target}"


def control_character(text: str, one_line: bool = True) -> str | None:
    """Why ``text`` may not be shown on a terminal, or None: the first control character
    (ESC, BEL, NUL, DEL, C1, a bidirectional override; in one-line text also tab and line
    breaks) and where it is.

    >>> control_character("RAR \\x1b]0;pwned\\x07")
    "the control character U+001B (ESC) at character 5 of 'RAR \\\\x1b]0;pwned\\\\x07'"
    >>> control_character("two\\nlines"), control_character("two\\nlines", one_line=False)
    ("a line break (U+000A) at character 4 of 'two\\\\nlines'", None)
    """
    found = (_CONTROL_ONE_LINE if one_line else _CONTROL).search(text)
    if found is None:
        return None
    code = ord(found.group())
    if code in (10, 13, 0x85, 0x2028, 0x2029):
        what = f"a line break (U+{code:04X})"
    else:
        name = _CONTROL_NAMES.get(code) or unicodedata.name(found.group(), "")
        what = f"the control character U+{code:04X}" + (f" ({name})" if name else "")
    return f"{what} at character {found.start() + 1} of {brief(text)}"


def _inside(path: str, roots: list[str]) -> bool:
    return any(path == root or path.startswith(root.rstrip(os.sep) + os.sep) for root in roots)


class _Refused(Exception):
    """A source document that is not read; the message says why."""


@dataclass
class CheckResult:
    """The outcome of :func:`check`: problems, and the clean records if there were none.

    ``warnings`` do not make a dataset invalid: an attribute key not declared for its kind or
    relation (:data:`orggraph.model.ATTRIBUTES`), which no code reads, is likely a typo.
    """

    errors: list[DataError] = field(default_factory=list)
    warnings: list[DataError] = field(default_factory=list)
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
        self.probing = False  # True while the fast path runs a careful check (see _fast_node)
        self.cited: dict[tuple, dict] = {}  # a clean source -> its one dict, shared by every record citing it
        self.clean_areas: dict[str, str] = {}  # an area as read -> the one clean string
        self.cited_items: dict[tuple, dict] = {}  # a clean source's items, as read -> the same dict
        self.good_attrs: set[tuple] = set()  # attribute sets already found good
        self.days: dict[str, str] = {}  # dates already found good, each kept once
        self.known_ids: dict[str, str] = {}  # the ids of the nodes kept so far, each kept once

    def fail(self, rec: Record, path: tuple, message: str) -> None:
        if self.probing:  # the fast path asked: this record is not clean, read it carefully
            raise _Slow
        error = rec.error(path, message)
        if str(error) not in self.reported:  # a file-level field is reported once, not per record
            self.reported.add(str(error))
            self.result.errors.append(error)

    def warn(self, rec: Record, path: tuple, message: str) -> None:
        if self.probing:  # a record with something to warn about is read carefully, and warned about once
            raise _Slow
        self.result.warnings.append(rec.error(path, message))

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
            self.fail(rec, (key,), f"must be text, not {brief(value)}")
            return None
        value = value.strip()
        problem = control_character(value, one_line=key not in MULTI_LINE)
        if problem:
            self.fail(rec, (key,), f"must not contain {problem}; remove it" if key in MULTI_LINE
                      else f"must be one line of text without control characters: found {problem}; remove it")
            return None
        return value

    def unknown_fields(self, rec: Record, allowed: tuple[str, ...]) -> None:
        for key in rec.data:
            if key not in allowed:
                self.fail(rec, (key,), f"unknown field. Choose from: {', '.join(allowed)}")

    def iso_date(self, rec: Record, path: tuple, value) -> str | None:
        if value is None or value == "":
            return None
        if not isinstance(value, str) or not _ISO_DATE.match(value):
            self.fail(rec, path, f"bad date {brief(value)}: use YYYY-MM-DD")
            return None
        try:
            date.fromisoformat(value)
        except ValueError:
            self.fail(rec, path, f"bad date {brief(value)}: no such day")
            return None
        return value

    def common(self, rec: Record, out: dict) -> None:
        """Fields shared by nodes and edges: area, attrs, validity, confidence and sources."""
        data = rec.data
        out["area"] = self.text(rec, "area")
        out["attrs"] = self.attrs(rec, out.get("kind") if "kind" in out else out.get("type"))
        start = self.iso_date(rec, ("valid_from",), data.get("valid_from"))
        end = self.iso_date(rec, ("valid_to",), data.get("valid_to"))
        if start and end and end < start:
            self.fail(rec, ("valid_to",), f"valid_to {end} is before valid_from {start}")
        out["valid_from"], out["valid_to"] = start, end
        self.windows(rec, out)
        confidence = data.get("confidence") or "stated"
        if not isinstance(confidence, str) or confidence not in CONFIDENCE:
            self.fail(rec, ("confidence",), f"unknown confidence {brief(confidence)}. Choose from: {', '.join(CONFIDENCE)}")
            confidence = "stated" if not isinstance(confidence, str) else confidence
        out["confidence"] = confidence
        out["confidence_note"] = self.text(rec, "confidence_note")
        if confidence in NEEDS_CONFIDENCE_NOTE and not out["confidence_note"]:
            self.fail(rec, ("confidence_note",), f"a {confidence!r} fact must say why in confidence_note")
        out["sources"] = self.sources(rec)

    def windows(self, rec: Record, out: dict) -> None:
        """An uncertain start or end: the validity runs over the whole window (never a gap).

        ``attrs.uncertain_from: [earliest, latest]`` says the fact began some day in the
        window, so ``valid_from`` must be its first day; ``attrs.uncertain_to`` likewise
        says it ended in the window, so ``valid_to`` must be its last day.
        """
        attrs = out["attrs"]
        for key, field, end in (("uncertain_from", "valid_from", 0), ("uncertain_to", "valid_to", 1)):
            window = attrs.get(key)
            if _has_type(window, ATTRIBUTE_TYPES[key]) and out[field] != window[end]:
                self.fail(rec, ("attrs", key), f"{field} must be {window[end]}, the {'first' if end == 0 else 'last'} day of the window {window[0]} – {window[1]}")

    def attrs(self, rec: Record, owner: str | None) -> dict:
        """The attributes of a node of kind ``owner`` or an edge of relation ``owner`` (None when unknown)."""
        value = rec.data.get("attrs")
        if value is None or value == "":
            return {}
        if not isinstance(value, dict):
            self.fail(rec, ("attrs",), "must be a mapping of attribute names to values")
            return {}
        for key, item in value.items():
            path = ("attrs", key)
            if not isinstance(key, str) or not _ATTR_KEY.match(key):
                self.fail(rec, path, f"bad attribute name {brief(key)}: use lower-case letters, digits and _")
            elif key == "date" or key.endswith("_date"):
                self.iso_date(rec, path, item)
            elif key in ATTRIBUTE_TYPES and not _has_type(item, ATTRIBUTE_TYPES[key]):
                self.fail(rec, path, f"must be {ATTRIBUTE_TYPES[key]}, not {brief(item)}")
            else:
                self.plain_value(rec, path, item)
            if isinstance(key, str) and _ATTR_KEY.match(key) and owner in ATTRIBUTES and key not in ATTRIBUTES[owner]:
                what = "kind" if owner in KINDS else "relation"
                close = difflib.get_close_matches(key, ATTRIBUTES[owner], n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                self.warn(rec, path, f"unknown attribute for {what} {owner}{hint}; known: {', '.join(ATTRIBUTES[owner])}")
        return value

    def plain_value(self, rec: Record, path: tuple, value, depth: int = 0) -> None:
        """An attribute's value: JSON data (finite numbers), its text free of control characters."""
        if depth > MAX_DEPTH:
            self.fail(rec, path, f"nested more than {MAX_DEPTH} levels deep")
        elif isinstance(value, str):
            problem = control_character(value, one_line=False)
            if problem:
                self.fail(rec, path, f"must not contain {problem}; remove it")
        elif isinstance(value, float) and not math.isfinite(value):
            self.fail(rec, path, f"{value} is not a finite number (JSON has no infinity or NaN)")
        elif isinstance(value, dict):
            for key, item in value.items():
                problem = control_character(key) if isinstance(key, str) else None
                if not isinstance(key, str):
                    self.fail(rec, path, f"keys must be text, not {brief(key)}")
                elif problem:
                    self.fail(rec, path, f"a key must be one line of text without control characters: found {problem}; remove it")
                else:
                    self.plain_value(rec, path + (key,), item, depth + 1)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                self.plain_value(rec, path + (i,), item, depth + 1)
        elif value is not None and not isinstance(value, (bool, int, float)):
            self.fail(rec, path, f"must be JSON data (text, number, true/false, list or mapping), not {brief(value)}")

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
                    self.fail(rec, path + (key,), "is required" if item is None or item == "" else f"must be text, not {brief(item)}")
                    continue
                item = item.strip()
                problem = control_character(item, one_line=key not in MULTI_LINE)
                if problem:
                    self.fail(rec, path + (key,), f"must not contain {problem}; remove it")
                else:
                    clean[key] = item
            doc = clean.get("document")
            if doc and doc not in self.result.documents and self.raw.register_read:
                known = sorted(self.result.documents)
                listed = ", ".join(known[:8]) + (f", … ({len(known)} in all)" if len(known) > 8 else "") if known else "none"
                self.fail(rec, path + ("document",), f"unknown document {brief(doc)}. Registered: {listed}")
            elif doc and "quote" in clean and doc in self.texts:
                if fold_space(clean["quote"]) not in self.texts[doc]:
                    self.fail(rec, path + ("quote",), f"quote not found in {self.result.documents[doc]['file']}: {clean['quote'][:60]!r}")
            out.append(clean)
        return out

    # -- the fast path ---------------------------------------------------------
    # A clean record (nearly every record of a real dataset) is read by the fast path below, in
    # a few steps per field; it gives the same clean record as the careful checks above. The
    # moment anything looks off it gives up (None), and the careful checks read the record and
    # word every problem. Checks that are rare or already cheap run the careful code itself
    # with ``probing`` set, where a problem raises _Slow instead of being reported.

    def probe(self, check, *args):
        self.probing = True
        try:
            return check(*args)
        finally:
            self.probing = False

    def fast_node(self, rec: Record) -> dict | None:
        data = rec.data
        if not data.keys() <= _NODE_FIELD_SET:
            return None
        node_id, kind, name = data.get("id"), data.get("kind"), data.get("name")
        if type(node_id) is not str or type(kind) is not str or type(name) is not str:
            return None
        node_id, kind, name = node_id.strip(), kind.strip(), name.strip()
        if not _NODE_ID.match(node_id) or kind not in KINDS or not name or _CONTROL_ONE_LINE.search(name):
            return None
        aliases = data.get("aliases")
        if aliases:
            if type(aliases) is not list:
                return None
            aliases = [a.strip() if type(a) is str else "" for a in aliases]
            if not all(aliases) or _CONTROL_ONE_LINE.search("".join(aliases)):
                return None
        else:
            aliases = []
        out = {"id": node_id, "kind": _KIND_NAMES[kind], "name": name, "aliases": aliases}
        return out if self.fast_common(rec, out, out["kind"]) else None

    def fast_edge(self, rec: Record) -> dict | None:
        data = rec.data
        if not data.keys() <= _EDGE_FIELD_SET:
            return None
        edge_id_ = data["id"] if "id" in data else None
        source, relation, target = data.get("from"), data.get("type"), data.get("to")
        if type(source) is not str or type(relation) is not str or type(target) is not str:
            return None
        known = self.known_ids  # read cells come stripped already: the strip is only a second try
        source = known.get(source) or known.get(source.strip())
        target = known.get(target) or known.get(target.strip())
        relation = relation if relation in RELATIONS else relation.strip()
        if source is None or target is None or relation not in RELATIONS:
            return None  # the careful checks say which end is unknown
        if edge_id_ is None or edge_id_ == "":
            edge_id_ = edge_id(source, relation, target)
        elif type(edge_id_) is not str:
            return None
        else:
            edge_id_ = edge_id_.strip()
            if not _EDGE_ID.match(edge_id_):
                return None
        out = {"id": edge_id_, "from": source, "type": _RELATION_NAMES[relation], "to": target}
        return out if self.fast_common(rec, out, out["type"]) else None

    def known_day(self, day) -> str | None | bool:
        """A validity date for the fast path: None when absent, the day kept once when good, False when not a good date."""
        if day is None or day == "":
            return None
        known = self.days.get(day) if type(day) is str else None
        return known if known is not None else (self.fast_day(day) or False)

    def fast_day(self, day) -> str | None:
        """``day`` kept once, if it is a good date; else None."""
        if type(day) is not str or not _ISO_DATE.match(day) or not _is_day(day):
            return None
        return self.days.setdefault(day, sys.intern(day))

    def fast_common(self, rec: Record, out: dict, owner: str) -> bool:
        """:meth:`common` for a clean record: False (and nothing reported) when it is not one.
        ``owner`` is the record's kind or relation: whose declared attributes apply
        (model.ATTRIBUTES). An absent field is found by ``in``, the cheapest test."""
        data = rec.data
        area = data["area"] if "area" in data else None
        if area is None or area == "":
            area = None
        elif type(area) is str:
            clean = self.clean_areas.get(area)
            if clean is None:
                clean = area.strip()
                if not clean or _CONTROL_ONE_LINE.search(clean):
                    return False
                clean = self.clean_areas[area] = self.known_ids.get(clean) or sys.intern(clean)
            area = clean
        else:
            return False
        out["area"] = area
        attrs = data["attrs"] if "attrs" in data else None
        if attrs is None or attrs == "":
            attrs = {}
        elif type(attrs) is not dict:
            return False
        out["attrs"] = attrs
        start = end = None
        if "valid_from" in data or "valid_to" in data:
            start, end = self.known_day(data.get("valid_from")), self.known_day(data.get("valid_to"))
            if start is False or end is False or (start and end and end < start):
                return False
        out["valid_from"] = start
        out["valid_to"] = end
        if "confidence" in data:
            confidence = data["confidence"] or "stated"
            confidence = _CONFIDENCE_NAMES.get(confidence) if type(confidence) is str else None
            if confidence is None:
                return False
        else:
            confidence = _STATED
        out["confidence"] = confidence
        note = data["confidence_note"] if "confidence_note" in data else None
        if note is None or note == "":
            note = None
        elif type(note) is not str:
            return False
        else:
            note = note.strip()
            if not note or _CONTROL.search(note):
                return False
        out["confidence_note"] = note
        if note is None and confidence in NEEDS_CONFIDENCE_NOTE:
            return False
        try:
            if attrs:
                try:  # most records repeat a few attribute sets: each is checked once
                    known = (owner, *attrs.items(), *map(type, attrs.values()))
                    if known not in self.good_attrs:
                        self.probe(self.attrs, rec, owner)
                        self.good_attrs.add(known)
                except TypeError:  # a list or mapping in it: check it every time
                    self.probe(self.attrs, rec, owner)
                if "uncertain_from" in attrs or "uncertain_to" in attrs:
                    self.probe(self.windows, rec, out)
            sources = data.get("sources")
            if type(sources) is not list or not sources:
                return False
            clean = []
            by_items = self.cited_items
            for source in sources:
                if type(source) is not dict:
                    return False
                try:  # a source seen before, its fields in the same order: its clean dict in one step
                    items = tuple(source.items())
                    shared = by_items.get(items)
                except TypeError:  # a list or mapping in it
                    return False
                if shared is not None:
                    clean.append(shared)
                    continue
                if len(source) != 3:
                    return False
                key = (source.get("document"), source.get("locator"), source.get("quote"))
                if type(key[0]) is not str or type(key[1]) is not str or type(key[2]) is not str:
                    return False
                shared = self.cited.get(key)
                if shared is None:
                    (shared,) = self.probe(self.sources, Record({"sources": [source]}, "", "", ""))
                    self.cited[key] = shared = {k: sys.intern(v) if k == "document" else v for k, v in shared.items()}
                by_items[items] = shared
                clean.append(shared)
        except _Slow:
            return False
        out["sources"] = clean
        return True

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
                self.fail(rec, ("id",), f"{brief(doc['id'])} is duplicated")
                continue
            if doc["kind"] and doc["kind"] not in DOCUMENT_KINDS:
                self.fail(rec, ("kind",), f"unknown document kind {brief(doc['kind'])}. Choose from: {', '.join(DOCUMENT_KINDS)}")
            if doc["date"]:
                self.iso_date(rec, ("date",), doc["date"])
            if doc["file"]:
                try:
                    self.texts[doc["id"]] = fold_space(self.document_text(doc["file"], folder))
                except _Refused as err:
                    self.fail(rec, ("file",), str(err))
            self.result.documents[doc["id"]] = {k: v for k, v in doc.items() if v is not None}
        for rec in self.raw.documents:
            cited_in = rec.data.get("cited_in")
            if isinstance(cited_in, str) and cited_in.strip() and cited_in.strip() not in self.result.documents:
                self.fail(rec, ("cited_in",), f"unknown document {brief(cited_in.strip())}")

    @staticmethod
    def document_text(name: str, folder: Path) -> str:
        """The text of the source document ``name``: a regular file inside the dataset's
        ``documents/`` folder or, failing that, the packaged one. Nothing outside them is
        opened: no absolute path, no '..', no link out of the folders, no FIFO or device."""
        shown = brief(name)
        if os.path.isabs(name) or name.startswith(("/", "\\")) or PureWindowsPath(name).drive:
            raise _Refused(f"{shown} is an absolute path; give the name of a file in the documents folder")
        if ".." in re.split(r"[\\/]", name):
            raise _Refused(f"{shown} leaves the documents folder ('..'); give the name of a file in the documents folder")
        roots = list(dict.fromkeys([folder, PACKAGED_DOCUMENTS]))  # a dataset may cite the packaged copies
        real_roots = [os.path.realpath(root) for root in roots]
        for base in roots:
            candidate = base / name
            root = "the packaged documents" if base == PACKAGED_DOCUMENTS else display_path(base)
            if not os.path.lexists(candidate):
                continue
            real = os.path.realpath(candidate)
            if not _inside(real, real_roots):
                raise _Refused(f"{shown} in {root} is a link to a file outside the documents folder; copy the file in instead")
            try:
                return read_text(real, limit=MAX_DOCUMENT_BYTES)
            except FileNotFoundError as err:
                raise _Refused(f"cannot read {shown} in {root}: FileNotFoundError") from err
            except ReadProblem as err:
                raise _Refused(f"{shown} in {root} {err}") from err
        raise _Refused(f"cannot read {shown} in {display_path(folder)} or the packaged documents: FileNotFoundError")

    def node(self, rec: Record) -> dict | None:
        out = self.fast_node(rec)
        if out is not None:
            self.seen_ids.add(out["id"])
            return out
        self.unknown_fields(rec, NODE_FIELDS)
        out = {"id": self.text(rec, "id", required=True)}
        if out["id"] is not None:
            self.seen_ids.add(out["id"])
        if out["id"] is not None and not _NODE_ID.match(out["id"]):
            self.fail(rec, ("id",), f"bad id {brief(out['id'])}: use lower-case ASCII letters, digits and '-'")
            out["id"] = None
        kind = self.text(rec, "kind", required=True)
        if kind is not None and kind not in KINDS:
            self.fail(rec, ("kind",), f"unknown kind {brief(kind)}. Choose from: {', '.join(KINDS)}")
            kind = None
        out["kind"] = kind
        out["name"] = self.text(rec, "name", required=True)
        aliases = rec.data.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            self.fail(rec, ("aliases",), f"must be a list of names, not {brief(aliases)}")
            aliases = []
        out["aliases"] = [a.strip() for a in aliases]
        for i, alias in enumerate(out["aliases"]):
            problem = control_character(alias)
            if problem:
                self.fail(rec, ("aliases", i), f"must be one line of text without control characters: found {problem}; remove it")
        self.common(rec, out)
        return out

    def edge(self, rec: Record, kinds: dict[str, str | None]) -> dict:
        out = self.fast_edge(rec)
        if out is not None:
            return out
        self.unknown_fields(rec, EDGE_FIELDS)
        out = {key: self.text(rec, key, required=key != "id") for key in ("id", "from", "type", "to")}
        if out["type"] is not None and out["type"] not in RELATIONS:
            self.fail(rec, ("type",), f"unknown relation {brief(out['type'])}. {_relation_choices(kinds.get(out['from']), kinds.get(out['to']))}")
            out["type"] = None
        if out["id"] is None and None not in (out["from"], out["type"], out["to"]):
            out["id"] = edge_id(out["from"], out["type"], out["to"])
        elif out["id"] is not None and not _EDGE_ID.match(out["id"]):
            self.fail(rec, ("id",), f"bad id {brief(out['id'])}: use ASCII letters, digits, ':', '_' and '-'")
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
                self.fail(rec, ("id",), f"{brief(node_id)} is duplicated (first at {other.file}:{other.line(('id',))})")
                continue
            first_seen[node_id] = rec
            kinds[node_id] = node["kind"]
            self.known_ids[node_id] = node_id
            nodes.append((rec, node))
        for rec, node in nodes:
            self.area(rec, node, kinds)
        edges = []
        seen_edges: dict[str, Record] = {}
        seen_ids, complete, kkr = self.seen_ids, self.raw.complete, Kind.KKR
        for rec in self.raw.edges:
            edge = self.edge(rec, kinds)
            area = edge.get("area")
            if area is not None and kinds.get(area) != kkr:
                self.area(rec, edge, kinds)
            source, target = edge["from"], edge["to"]
            if complete and not (source in seen_ids and target in seen_ids):
                for end in ("from", "to"):
                    if edge[end] is not None and edge[end] not in seen_ids:
                        self.fail(rec, (end,), f"unknown id {brief(edge[end])} (dangling reference)")
            src, dst, rel = kinds.get(source), kinds.get(target), edge["type"]
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
                    self.fail(rec, ("id",), f"edge {brief(edge['id'])} is duplicated (first at {other.file}:{other.line()}); give one of them an explicit id")
                    continue
                seen_edges[edge["id"]] = rec
            edges.append(edge)
        if not self.result.errors:
            self.result.nodes = [node for _, node in nodes]
            self.result.edges = edges
        return self.result

    def area(self, rec: Record, record: dict, kinds: dict) -> None:
        area = record.get("area")
        if area is not None and kinds.get(area) != Kind.KKR:
            self.fail(rec, ("area",), f"area {brief(area)} is not the id of a KKR node")


def _relation_choices(source: str | None, target: str | None) -> str:
    """The relations to choose from, narrowed to those the two ends' kinds allow when known.

    >>> _relation_choices("Kommune", "Samarbejde")
    'From Kommune to Samarbejde, choose from: DELTAGER_I'
    """
    names = [name for name, rel in RELATIONS.items()
             if (source is None or source in rel.sources) and (target is None or target in rel.targets)]
    ends = " ".join(part for part in (source and f"From {source}", target and f"to {target}") if part)
    if not names:
        return f"No relation may go {ends[0].lower() + ends[1:]}"
    return f"{ends}, choose from: {', '.join(names)}" if ends else f"Choose from: {', '.join(names)}"


def _is_day(value) -> bool:
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _has_type(value, kind: str) -> bool:
    if kind == "text":
        return isinstance(value, str)
    if kind == "a whole number (0 or more)":
        return isinstance(value, int) and not isinstance(value, bool) and value >= 0
    if kind == "a list of text":
        return isinstance(value, list) and all(isinstance(item, str) for item in value)
    if kind == "text or a list of text":
        return isinstance(value, str) or _has_type(value, "a list of text")
    if kind == "true or false":
        return isinstance(value, bool)
    if kind == "a list of mappings":
        return isinstance(value, list) and all(isinstance(item, dict) for item in value)
    if kind.startswith("one of: "):
        return isinstance(value, str) and value in kind[len("one of: "):].split(", ")
    if kind == "a date (YYYY-MM-DD)":
        return _is_day(value)
    if kind.startswith("two dates"):
        return isinstance(value, list) and len(value) == 2 and all(map(_is_day, value)) and value[0] <= value[1]
    raise ValueError(f"unknown attribute type {kind!r}")


def check(raw: RawDataset) -> CheckResult:
    """Validate everything in ``raw`` and return all problems (and clean records if none)."""
    with no_gc():
        return _Checker(raw).run()

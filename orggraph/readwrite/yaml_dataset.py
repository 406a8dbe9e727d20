"""Read the YAML dataset: one file per KKR area, one for the national frame, and
``sources.yaml``, the register of source documents.

A data file is a mapping with ``nodes`` and ``edges`` lists and, for a KKR area, an
``area`` key naming the KKR's id. Parsing keeps the line of every key so that
validation can say ``file:line: field: message``. libyaml's C composer is used when
PyYAML has it.

May import: exceptions, readwrite.

>>> obj, lines = parse_yaml("area: kkr-x\\nnodes:\\n  - id: a\\n    name: A\\n", "f.yaml")
>>> obj["nodes"][0]["name"], lines[("nodes", 0, "name")]
('A', 4)
"""

from __future__ import annotations

__all__ = ["parse_yaml", "read_yaml_dataset", "REGISTER_FILE"]

import math
import os
import re
from pathlib import Path

import yaml

from orggraph.exceptions import DataError, InvalidDataset
from orggraph.readwrite.records import MAX_DEPTH, LineMap, RawDataset, ReadProblem, Record, brief, display_path, printable, read_text

#: The register of source documents in a YAML dataset directory.
REGISTER_FILE = "sources.yaml"

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_YAML = "tag:yaml.org,2002:"
_INT = _YAML + "int"
_FLOAT = _YAML + "float"
_BOOL = _YAML + "bool"
_NULL = _YAML + "null"
_STR = _YAML + "str"
_TIMESTAMP = _YAML + "timestamp"
_MERGE = _YAML + "merge"
_SEQ = _YAML + "seq"
_MAP = _YAML + "map"

#: How many values aliases (``*name``) may add to a file beyond those written in it: this
#: many, or this factor times the values written, whichever is more. The packaged files
#: add at most 26 % through aliases; a "billion laughs" bomb adds millions of times.
MAX_ALIAS_GROWTH = 100_000
ALIAS_GROWTH_FACTOR = 10

_CONSTRUCTOR = yaml.constructor.SafeConstructor()


class _BadValue(Exception):
    """A scalar that orggraph refuses; the message says why."""


def _tag(tag: str) -> str:
    return "!!" + tag[len(_YAML):] if tag.startswith(_YAML) else tag


def _integer(node: yaml.ScalarNode) -> int:
    written = node.value
    digits = written.replace("_", "").lstrip("+-")
    try:
        value = _CONSTRUCTOR.construct_yaml_int(node)
    except (ValueError, IndexError) as err:
        if "limit" in str(err):
            raise _BadValue(f"the number {brief(written)} has more than 4300 digits; write it as text (in quotes)") from err
        raise _BadValue(f"{brief(written)} is not a whole number") from err
    if ":" in digits:
        raise _BadValue(f"{brief(written)} is a base-60 number in YAML 1.1 (= {value}); "
                        f"put it in quotes if it is text, such as a time of day")
    if len(digits) > 1 and digits[0] == "0" and digits[1] not in "bx":
        raise _BadValue(f"{brief(written)} is an octal number in YAML 1.1 (= {value}); "
                        f"write it without the leading 0, or put it in quotes if it is text")
    return value


def _float(node: yaml.ScalarNode) -> float:
    written = node.value
    try:
        value = _CONSTRUCTOR.construct_yaml_float(node)
    except (ValueError, IndexError) as err:
        raise _BadValue(f"{brief(written)} is not a number") from err
    if ":" in written:
        raise _BadValue(f"{brief(written)} is a base-60 number in YAML 1.1 (= {value}); put it in quotes if it is text")
    if not math.isfinite(value):
        raise _BadValue(f"{brief(written)} is not a finite number (JSON has no infinity or NaN); "
                        f"write a number, or put it in quotes if it is text")
    return value


def _scalar(node: yaml.ScalarNode):
    """Construct a scalar as PyYAML's SafeConstructor would; timestamps stay ISO strings,
    as the data model wants. Raises :class:`_BadValue` for a value orggraph refuses."""
    tag = node.tag
    if tag in (_STR, _TIMESTAMP):
        return node.value
    if tag == _NULL:
        return None
    if tag == _BOOL:
        value = _CONSTRUCTOR.bool_values.get(node.value.lower())
        if value is None:
            raise _BadValue(f"{brief(node.value)} is not true or false")
        return value
    if tag == _INT:
        return _integer(node)
    if tag == _FLOAT:
        return _float(node)
    raise _BadValue(f"the tag {brief(_tag(tag))} is not allowed: orggraph reads plain YAML values; remove the tag")


def parse_yaml(text: str, file: str) -> tuple[object, dict[tuple, int]]:
    """Parse YAML text into plain Python data and a map from key path to line.

    Raises :class:`DataError` for a syntax error, and :class:`InvalidDataset` listing
    every duplicated or non-text key, refused value or tag, recursive alias, alias bomb
    and too deep nesting.

    >>> parse_yaml("size: 017\\nmeets_at: 10:30\\n", "f.yaml")
    Traceback (most recent call last):
    ...
    orggraph.exceptions.InvalidDataset: f.yaml:1: size: '017' is an octal number in YAML 1.1 (= 15); write it without the leading 0, or put it in quotes if it is text
    f.yaml:2: meets_at: '10:30' is a base-60 number in YAML 1.1 (= 630); put it in quotes if it is text, such as a time of day
    """
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.reader.ReaderError as err:
        line = text.count("\n", 0, err.position) + 1 if isinstance(err.position, int) else None
        what = f"U+{err.character:04X}" if isinstance(err.character, int) else brief(err.character)
        raise DataError(file, line, "yaml", f"malformed YAML: the character {what} is not allowed ({err.reason}); remove it") from err
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else None
        raise DataError(file, line, "yaml", f"malformed YAML: {err.problem or err}") from err
    except yaml.YAMLError as err:
        raise DataError(file, None, "yaml", f"malformed YAML: {' '.join(str(err).split())}") from err
    if root is None:
        return None, {}
    problems: list[DataError] = []
    # Aliases and anchors need the walk of _check_structure (recursion, bombs); a text where
    # none can be written skips it, and nesting too deep sends it back to that walk.
    careful = _ANCHOR.search(text) is not None
    if careful:
        _check_structure(root, file, problems)
        if problems:
            raise InvalidDataset(problems)
    lines: dict[tuple, int] = {}
    strings: dict[str, str] = {}  # each text kept once per file: keys and sources repeat in every record
    keep = strings.setdefault

    def convert(node, path: tuple, line: int):
        if not careful and len(path) > MAX_DEPTH:
            raise _TooDeep
        lines.setdefault(path, line)
        if isinstance(node, yaml.MappingNode):
            if node.tag != _MAP:
                problems.append(DataError(file, line, _dotted(path), _tag_message(node.tag)))
            out = {}
            for key_node, value_node in node.value:
                key_line = key_node.start_mark.line + 1
                if isinstance(key_node, yaml.ScalarNode) and key_node.tag == _MERGE:
                    problems.append(DataError(file, key_line, _dotted(path + ("<<",)),
                                              "merge keys ('<<') are not supported; write the fields out"))
                    continue
                try:
                    key = _scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else None
                except _BadValue:
                    key = None
                if not isinstance(key, str):
                    problems.append(DataError(file, key_line, _dotted(path), "keys must be text"))
                    continue
                key = keep(key, key)
                if key in out:
                    problems.append(DataError(file, key_line, _dotted(path + (key,)), f"key {brief(key)} is duplicated"))
                    continue
                lines[path + (key,)] = key_line
                out[key] = convert(value_node, path + (key,), key_line)
            return out
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ:
                problems.append(DataError(file, line, _dotted(path), _tag_message(node.tag)))
            return [convert(item, path + (i,), item.start_mark.line + 1) for i, item in enumerate(node.value)]
        try:
            value = _scalar(node)
            return keep(value, value) if type(value) is str else value
        except _BadValue as err:
            problems.append(DataError(file, node.start_mark.line + 1, _dotted(path), str(err)))
            return None

    try:
        obj = convert(root, (), root.start_mark.line + 1)
    except _TooDeep:
        _check_structure(root, file, problems)  # words where it is too deep
        if problems:
            raise InvalidDataset(problems) from None
        raise
    finally:
        del convert  # it refers to itself: a cycle that would keep the file's line map alive while the collector is paused (no_gc)
    if problems:
        raise InvalidDataset(problems)
    return obj, lines


#: Where an anchor (``&name``) or alias (``*name``) could begin: after white space, a flow
#: indicator or at the start of the text. Quoted text such as "A &B" matches too (then the
#: careful walk just runs); "R&D" cannot be an anchor.
_ANCHOR = re.compile(r"(?:^|[\s\[\]{},])[&*]")


class _TooDeep(Exception):
    """Nesting deeper than MAX_DEPTH met while converting without the careful walk."""


def _tag_message(tag: str) -> str:
    return f"the tag {brief(_tag(tag))} is not allowed: orggraph reads plain YAML values; remove the tag"


def _check_structure(root, file: str, problems: list[DataError]) -> None:
    """Refuse recursive aliases, alias bombs and too deep nesting before anything is built.

    A node reached twice is an alias (``*name``) of an anchor (``&name``). Sizes are
    counted once per node, so a bomb is measured without being expanded.
    """
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()
    first_alias: list = []

    def measure(node, path: tuple, line: int, depth: int) -> int:
        key = id(node)
        if key in open_nodes:
            raise _Stop(DataError(file, line, _dotted(path),
                                  "a recursive alias: the alias (*name) is inside the value it names; aliases may not refer to their own container"))
        if key in sizes:
            if not first_alias:
                first_alias.append((path, line))
            return sizes[key]
        if depth > MAX_DEPTH:
            raise _Stop(DataError(file, line, _dotted(path[:6]) + "…",
                                  f"nested more than {MAX_DEPTH} levels deep; orggraph data needs at most a few levels"))
        open_nodes.add(key)
        size = 1
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                key_line = key_node.start_mark.line + 1
                name = key_node.value if isinstance(key_node, yaml.ScalarNode) else "?"
                size += measure(key_node, path, key_line, depth + 1) + measure(value_node, path + (name,), key_line, depth + 1)
        elif isinstance(node, yaml.SequenceNode):
            before = line
            for i, item in enumerate(node.value):
                # An alias item's node starts at its anchor; the item before it ends where the alias begins.
                size += measure(item, path + (i,), before if id(item) in sizes else item.start_mark.line + 1, depth + 1)
                before = item.end_mark.line + 1
        open_nodes.discard(key)
        sizes[key] = size
        return size

    try:
        total = measure(root, (), root.start_mark.line + 1, 0)
    except _Stop as stop:
        problems.append(stop.error)
        return
    finally:
        del measure  # it refers to itself (see parse_yaml)
    allowed = max(MAX_ALIAS_GROWTH, ALIAS_GROWTH_FACTOR * len(sizes))
    if total - len(sizes) > allowed:
        path, line = first_alias[0]
        problems.append(DataError(file, line, _dotted(path),
                                  f"aliases (*name) expand this file to {total:,} values from {len(sizes):,} written ones, "
                                  f"more than the {allowed:,} extra allowed (an alias bomb?); write the values out"))


class _Stop(Exception):
    def __init__(self, error: DataError):
        self.error = error


def _dotted(path: tuple) -> str:
    out = ""
    for part in path:
        part = part if isinstance(part, int) else printable(str(part))
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out or "document"


def _by_record(lines: dict[tuple, int]) -> dict[tuple, list[tuple[tuple, int]]]:
    """The line map split by record, ``("nodes", 3)``: ``(path below the record, line)`` pairs."""
    out: dict[tuple, list[tuple[tuple, int]]] = {}
    for path, line in lines.items():
        if len(path) >= 2:
            head = path[:2]
            pairs = out.get(head)
            if pairs is None:
                pairs = out[head] = []
            pairs.append((path[2:], line))
    return out


def _read(path: Path, raw: RawDataset) -> tuple[object, dict[tuple, int]] | None:
    shown = display_path(path)
    try:
        text = read_text(path)
    except FileNotFoundError:
        raw.errors.append(DataError(shown, None, "file", "is missing"))
        return None
    except ReadProblem as err:
        raw.errors.append(DataError(shown, err.line, "file", str(err)))
        return None
    try:
        return parse_yaml(text, shown)
    except DataError as err:
        raw.errors.append(err)
        return None
    except InvalidDataset as err:
        raw.errors += err.errors
        return None


_FROM_FILE = frozenset({"area"})


def _records(obj, lines, shown, section: str, raw: RawDataset, shapes: dict, area=None, by_record=None) -> list[Record]:
    """The records of ``obj[section]``, each with its :class:`LineMap` (``shapes`` shares
    their shapes); a file's ``area`` goes into each record that has none of its own."""
    by_record = _by_record(lines) if by_record is None else by_record
    items = obj.get(section, []) if isinstance(obj, dict) else None
    if items is None:
        items = []
    if not isinstance(items, list):
        raw.errors.append(DataError(shown, lines.get((section,)), section, "must be a list"))
        return []
    out = []
    for i, item in enumerate(items):
        pairs = by_record.get((section, i), [])
        file_area = area is not None and isinstance(item, dict) and "area" not in item  # a record's own area wins
        if file_area:
            pairs.append((("area",), lines.get(("area",), 1)))
        rec = Record(item, shown, "yaml", f"{section}[{i}]", LineMap.of(pairs, shapes))
        if not isinstance(item, dict):
            raw.errors.append(rec.error((), "must be a mapping of fields"))
            continue
        if file_area:
            rec.data = dict(item, area=area)
            rec.file_fields = _FROM_FILE
        out.append(rec)
    return out


def read_yaml_dataset(directory: str | os.PathLike, *, register_only: bool = False) -> RawDataset:
    """Read every ``*.yaml`` file in ``directory`` into a :class:`RawDataset`.

    With ``register_only``, only ``sources.yaml`` is read: what a CSV pair needs, which
    cites the packaged register. Nothing is validated beyond the file structure; see
    :mod:`orggraph.readwrite.validate`.
    """
    directory = Path(directory)
    raw = RawDataset(documents_dir=str(directory / "documents"))
    edges_csv = [directory / name for name in ("edges.csv", "relationships.csv") if (directory / name).is_file()]
    if edges_csv and not any(directory.glob("*.yaml")):  # half a CSV pair, not a YAML dataset
        raw.errors.append(DataError(display_path(directory / "nodes.csv"), None, "file",
                                    f"is missing; a CSV dataset is nodes.csv beside {edges_csv[0].name}"))
        raw.complete = False
        return raw
    register = directory / REGISTER_FILE
    raw.register_read = False
    shapes: dict = {}
    if not os.path.lexists(register):
        raw.errors.append(DataError(display_path(register), None, "file", "the register of source documents is missing"))
    else:
        parsed = _read(register, raw)
        if parsed is not None:
            obj, lines = parsed
            if not isinstance(obj, dict) or "documents" not in obj:
                raw.errors.append(DataError(display_path(register), 1, "documents", "a 'documents' list is required"))
            else:
                raw.documents = _records(obj, lines, display_path(register), "documents", raw, shapes)
                raw.register_read = True
    if register_only:
        return raw
    data_files = sorted(p for p in directory.glob("*.yaml") if p.name != REGISTER_FILE)
    if not data_files:
        raw.errors.append(DataError(display_path(directory), None, "directory", "holds no data files (*.yaml)"))
    for path in data_files:
        parsed = _read(path, raw)
        if parsed is None:
            raw.complete = False
            continue
        obj, lines = parsed
        shown = display_path(path)
        if not isinstance(obj, dict):
            raw.errors.append(DataError(shown, 1, "document", "must be a mapping with 'nodes' and 'edges'"))
            raw.complete = False
            continue
        for key in obj:
            if key not in ("area", "nodes", "edges"):
                raw.errors.append(
                    DataError(shown, lines.get((key,)), printable(key), "unknown section. Choose from: area, nodes, edges")
                )
        area = obj.get("area")
        by_record = _by_record(lines)
        raw.nodes += _records(obj, lines, shown, "nodes", raw, shapes, area, by_record)
        raw.edges += _records(obj, lines, shown, "edges", raw, shapes, area, by_record)
    return raw

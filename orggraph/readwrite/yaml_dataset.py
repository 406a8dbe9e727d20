"""Read the YAML dataset: one file per KKR area, one for the national frame, and
``sources.yaml``, the register of source documents.

A data file is a mapping with ``nodes`` and ``edges`` lists and, for a KKR area, an
``area`` key naming the KKR's id. Parsing keeps the line of every key so that
validation can say ``file:line: field: message``. libyaml's C composer is used when
PyYAML has it.

>>> obj, lines = parse_yaml("area: kkr-x\\nnodes:\\n  - id: a\\n    name: A\\n", "f.yaml")
>>> obj["nodes"][0]["name"], lines[("nodes", 0, "name")]
('A', 4)
"""

from __future__ import annotations

__all__ = ["parse_yaml", "read_yaml_dataset", "REGISTER_FILE"]

import os
from pathlib import Path

import yaml

from orggraph.exceptions import DataError
from orggraph.readwrite.records import RawDataset, Record, display_path

#: The register of source documents in a YAML dataset directory.
REGISTER_FILE = "sources.yaml"

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"


def _scalar(node: yaml.ScalarNode):
    """Construct a scalar; timestamps stay ISO strings, as the data model wants."""
    if node.tag == _NULL:
        return None
    if node.tag == _BOOL:
        return node.value.lower() in ("true", "yes", "on")
    if node.tag == _INT:
        return int(node.value.replace("_", ""), 0) if node.value[:2] in ("0x", "0o") else int(node.value)
    if node.tag == _FLOAT:
        return float(node.value)
    return node.value


def parse_yaml(text: str, file: str) -> tuple[object, dict[tuple, int]]:
    """Parse YAML text into plain Python data and a map from key path to line.

    Raises :class:`DataError` for a syntax error or a duplicated key.
    """
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else None
        raise DataError(file, line, "yaml", f"malformed YAML: {err.problem or err}") from err
    except yaml.YAMLError as err:
        raise DataError(file, None, "yaml", f"malformed YAML: {err}") from err
    lines: dict[tuple, int] = {}

    def convert(node, path: tuple):
        lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            out = {}
            for key_node, value_node in node.value:
                key = _scalar(key_node) if isinstance(key_node, yaml.ScalarNode) else None
                if not isinstance(key, str):
                    raise DataError(file, key_node.start_mark.line + 1, _dotted(path), "keys must be text")
                if key in out:
                    raise DataError(
                        file, key_node.start_mark.line + 1, _dotted(path + (key,)), f"key {key!r} is duplicated"
                    )
                lines[path + (key,)] = key_node.start_mark.line + 1
                out[key] = convert(value_node, path + (key,))
            return out
        if isinstance(node, yaml.SequenceNode):
            return [convert(item, path + (i,)) for i, item in enumerate(node.value)]
        return _scalar(node)

    return (convert(root, ()) if root is not None else None), lines


def _dotted(path: tuple) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out or "document"


def _sub_lines(lines: dict[tuple, int], prefix: tuple) -> dict[tuple, int]:
    n = len(prefix)
    return {path[n:]: line for path, line in lines.items() if path[:n] == prefix}


def _read(path: Path, raw: RawDataset) -> tuple[object, dict[tuple, int]] | None:
    shown = display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raw.errors.append(DataError(shown, None, "file", f"cannot read: {err}"))
        return None
    try:
        return parse_yaml(text, shown)
    except DataError as err:
        raw.errors.append(err)
        return None


def _records(obj, lines, shown, section: str, raw: RawDataset, area=None) -> list[Record]:
    items = obj.get(section, []) if isinstance(obj, dict) else None
    if items is None:
        items = []
    if not isinstance(items, list):
        raw.errors.append(DataError(shown, lines.get((section,)), section, "must be a list"))
        return []
    out = []
    for i, item in enumerate(items):
        rec = Record(item, shown, "yaml", f"{section}[{i}]", _sub_lines(lines, (section, i)))
        if not isinstance(item, dict):
            raw.errors.append(rec.error((), "must be a mapping of fields"))
            continue
        if area is not None and "area" not in item:  # a record's own area wins
            rec.data = dict(item, area=area)
            rec.lines[("area",)] = lines.get(("area",), 1)
            rec.file_fields = frozenset({"area"})
        out.append(rec)
    return out


def read_yaml_dataset(directory: str | os.PathLike) -> RawDataset:
    """Read every ``*.yaml`` file in ``directory`` into a :class:`RawDataset`.

    Nothing is validated beyond the file structure; see :mod:`orggraph.validate`.
    """
    directory = Path(directory)
    raw = RawDataset(documents_dir=str(directory / "documents"))
    register = directory / REGISTER_FILE
    raw.register_read = False
    if not register.is_file():
        raw.errors.append(DataError(display_path(register), None, "file", "the register of source documents is missing"))
    else:
        parsed = _read(register, raw)
        if parsed is not None:
            obj, lines = parsed
            if not isinstance(obj, dict) or "documents" not in obj:
                raw.errors.append(DataError(display_path(register), 1, "documents", "a 'documents' list is required"))
            else:
                raw.documents = _records(obj, lines, display_path(register), "documents", raw)
                raw.register_read = True
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
                    DataError(shown, lines.get((key,)), key, "unknown section. Choose from: area, nodes, edges")
                )
        area = obj.get("area")
        raw.nodes += _records(obj, lines, shown, "nodes", raw, area)
        raw.edges += _records(obj, lines, shown, "edges", raw, area)
    return raw

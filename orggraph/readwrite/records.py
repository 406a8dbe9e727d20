"""Records as read from a file, before validation, with the location of every field.

Both loaders (YAML and CSV) produce the same :class:`RawDataset` of :class:`Record`
objects. Validation then works on logical field paths such as ``("sources", 0,
"quote")``, and each record knows how to name that path and find its line in the
format it came from: ``nodes[3].sources[0].quote`` at the line of that key in YAML,
``source_1_quote`` on the row's line in CSV.

>>> r = Record({"id": "x"}, "data/a.yaml", "yaml", "nodes[3]", {(): 10, ("id",): 11})
>>> str(r.error(("id",), "bad id"))
'data/a.yaml:11: nodes[3].id: bad id'
>>> c = Record({"id": "x"}, "nodes.csv", "csv", "", {(): 4})
>>> str(c.error(("sources", 0, "quote"), "missing"))
'nodes.csv:4: source_1_quote: missing'

Values and names quoted in messages are shortened and never carry control characters
to the terminal:

>>> brief("2015-" + "0" * 5_000_000)
"'2015-000000000000000000000000000…000000000000000000000000000000000' (5000005 characters)"
>>> brief(list(range(200_000)))
'[0, 1, 2, 3, 4, 5, …] (200000 items)'
>>> printable("size\\x1b[2J")
"'size\\\\x1b[2J'"
"""

from __future__ import annotations

__all__ = ["Record", "RawDataset", "display_path", "brief", "printable"]

import os
import reprlib
from dataclasses import dataclass, field

from orggraph.exceptions import DataError


#: How many characters of a value a message quotes.
BRIEF = 80
#: How deep mappings and lists may nest in a record (the packaged data needs 6).
MAX_DEPTH = 50

_REPR = reprlib.Repr()
_REPR.maxstring = BRIEF - 10
_REPR.maxother = BRIEF - 10
_REPR.maxlist = _REPR.maxtuple = _REPR.maxset = _REPR.maxdict = 6
_REPR.maxlevel = 3
_REPR.fillvalue = "…"


def brief(value) -> str:
    """``repr(value)`` for a message, at most about :data:`BRIEF` characters, however big the value."""
    try:
        shown = _REPR.repr(value)
    except ValueError:  # an int over Python's 4,300-digit limit
        shown = f"<a number of about {value.bit_length() * 3 // 10} digits>"
    if len(shown) > BRIEF + 10:
        shown = shown[:BRIEF] + "…"
    if isinstance(value, str) and len(value) > _REPR.maxstring:
        shown += f" ({len(value)} characters)"
    elif isinstance(value, (list, dict)) and len(value) > _REPR.maxlist:
        shown += f" ({len(value)} items)"
    return shown


def printable(name: str) -> str:
    """A name (a key, a column, a file) as a message may show it: as it is when it is
    plain text, else quoted with its control characters escaped; never longer than about
    :data:`BRIEF` characters."""
    if name.isprintable() and len(name) <= BRIEF:
        return name
    return brief(name)


def display_path(path: str | os.PathLike) -> str:
    """A file path as it should appear in messages: relative to the working directory if below it."""
    path = os.fspath(path)
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        rel = ".."
    return printable(path if rel.startswith("..") else rel)


@dataclass
class Record:
    """One node or edge as read, with where each field came from."""

    data: dict
    file: str
    style: str  # "yaml" or "csv"
    prefix: str  # "nodes[3]" in YAML, "" in CSV
    lines: dict[tuple, int] = field(default_factory=dict)
    #: Fields the record takes from its file (a YAML file's ``area``), named without the prefix.
    file_fields: frozenset = frozenset()

    def line(self, path: tuple = ()) -> int | None:
        """The line of ``path``, or of the nearest enclosing field that has one."""
        while True:
            if path in self.lines:
                return self.lines[path]
            if not path:
                return None
            path = path[:-1]

    def field_name(self, path: tuple) -> str:
        """How ``path`` is named in this record's format."""
        if self.style == "csv":
            if len(path) >= 3 and path[0] == "sources":
                return f"source_{path[1] + 1}_{path[2]}"
            if path and path[0] == "sources":
                return "source_1_document"
            if len(path) > 1:  # inside the JSON of ``attrs``: attrs.size, attrs.tasks[0]
                return "".join(f"[{part}]" if isinstance(part, int) else f".{printable(str(part))}" for part in path)[1:]
            return printable(str(path[0])) if path else "row"
        if path and path[0] in self.file_fields:
            return printable(str(path[0]))
        name = self.prefix
        for part in path:
            name += f"[{part}]" if isinstance(part, int) else f".{printable(str(part))}"
        return name

    def error(self, path: tuple, message: str) -> DataError:
        """A :class:`DataError` located at ``path`` of this record."""
        return DataError(self.file, self.line(path), self.field_name(path), message)


@dataclass
class RawDataset:
    """Everything a loader read, plus the problems it found while reading."""

    nodes: list[Record] = field(default_factory=list)
    edges: list[Record] = field(default_factory=list)
    documents: list[Record] = field(default_factory=list)
    documents_dir: str = ""
    errors: list[DataError] = field(default_factory=list)
    #: False when a data file could not be read whole: references into it are not checked.
    complete: bool = True
    #: False when the register of documents could not be read: citations are not checked.
    register_read: bool = True

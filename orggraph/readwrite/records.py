"""Records as read from a file, before validation, with the location of every field.

Both loaders (YAML and CSV) produce the same :class:`RawDataset` of :class:`Record`
objects. Validation then works on logical field paths such as ``("sources", 0,
"quote")``, and each record knows how to name that path and find its line in the
format it came from: ``nodes[3].sources[0].quote`` at the line of that key in YAML,
``source_1_quote`` on the row's line in CSV.

May import: exceptions.

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

__all__ = ["DATA_DIR", "LineMap", "Record", "RawDataset", "display_path", "brief", "printable", "read_text", "ReadProblem", "MAX_FILE_BYTES", "no_gc"]

import contextlib
import gc
from array import array
from collections.abc import Mapping
import os
import reprlib
import stat
from dataclasses import dataclass, field

from pathlib import Path

from orggraph.exceptions import DataError

#: The packaged dataset, with its register (sources.yaml) and the documents it cites.
DATA_DIR = Path(__file__).resolve().parent.parent / "data"


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


def printable(name: str, limit: int | None = BRIEF) -> str:
    """A name (a key, a column, a file) as a message may show it: as it is when it is
    plain text, else quoted with its control characters escaped; never longer than about
    ``limit`` characters (no limit with None)."""
    if name.isprintable() and (limit is None or len(name) <= limit):
        return name
    return brief(name) if limit is not None else repr(name)


#: The largest data file read (the 100,000-node test dataset is 38 MB as CSV, 67 MB as YAML).
MAX_FILE_BYTES = 512 * 1024 * 1024


class ReadProblem(Exception):
    """A file that is not read, or not read as text; ``line`` is where, when known."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.line = line


def file_kind(mode: int) -> str:
    """What a file that is not a regular file is, for a message."""
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def read_text(path: str | os.PathLike, encoding: str = "utf-8", limit: int | None = None) -> str:
    """The text of a regular file of at most ``limit`` bytes (:data:`MAX_FILE_BYTES`).

    A FIFO, a device or a directory is refused before it is opened, so nothing blocks
    or reads forever; the file is opened non-blocking and checked again once open.
    Raises :class:`FileNotFoundError` for a missing file, :class:`ReadProblem` otherwise.
    """
    limit = MAX_FILE_BYTES if limit is None else limit
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise
    except OSError as err:
        raise ReadProblem(f"cannot read: {err.strerror or err.__class__.__name__}") from err
    if not stat.S_ISREG(info.st_mode):
        raise ReadProblem(f"is {file_kind(info.st_mode)}, not a regular file")
    if info.st_size > limit:
        raise ReadProblem(f"has {info.st_size:,} bytes; orggraph reads at most {limit:,}")
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise ReadProblem("is not a regular file")
            data = handle.read(limit + 1)
    except OSError as err:
        raise ReadProblem(f"cannot read: {err.strerror or err.__class__.__name__}") from err
    if len(data) > limit:
        raise ReadProblem(f"has more than {limit:,} bytes; orggraph reads at most {limit:,}")
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        utf16 = data[:2] in (b"\xff\xfe", b"\xfe\xff")
        hint = "it looks like UTF-16" if utf16 else "it may be Latin-1 or Windows-1252"
        raise ReadProblem(f"is not UTF-8 text: the byte {data[err.start]:#04x} at line {line} cannot be read "
                          f"({hint}); save the file as UTF-8", line) from err


def display_path(path: str | os.PathLike) -> str:
    """A file path as it should appear in messages: relative to the working directory if below it."""
    path = os.fspath(path)
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        rel = ".."
    return printable(path if rel.startswith("..") else rel, limit=None)


@contextlib.contextmanager
def no_gc():
    """Python's cycle collector paused while a dataset is read, checked or built: a load makes
    millions of dicts and lists, none of them in a cycle, and every collection walked all of
    them again (half the time of a big load went there)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


class LineMap(Mapping):
    """Where each field of a record is, compactly: a mapping from field path to line.

    The paths are a ``shape`` shared by every record written alike (a dict from path to
    position, made once); each record keeps only its line numbers, as an array. A
    100,000-node dataset has a million field lines; as one dict per record they took
    hundreds of megabytes.

    >>> shapes = {}
    >>> a = LineMap.of([((), 3), (("id",), 4)], shapes)
    >>> b = LineMap.of([((), 9), (("id",), 10)], shapes)
    >>> a[("id",)], b[("id",)], ("name",) in a, dict(b), a.shape is b.shape
    (4, 10, False, {(): 9, ('id',): 10}, True)
    >>> LineMap.at(7)[()]
    7
    """

    __slots__ = ("shape", "numbers")

    def __init__(self, shape: dict[tuple, int], numbers):
        self.shape = shape
        self.numbers = numbers

    @classmethod
    def of(cls, pairs: list[tuple[tuple, int]], shapes: dict[tuple, dict[tuple, int]]) -> "LineMap":
        """The map of ``(path, line)`` pairs, its shape taken from (or added to) ``shapes``."""
        paths = tuple(path for path, _ in pairs)
        shape = shapes.get(paths)
        if shape is None:
            shape = shapes[paths] = {path: i for i, path in enumerate(paths)}
        return cls(shape, array("I", [line for _, line in pairs]))

    @classmethod
    def at(cls, line: int) -> "LineMap":
        """The map of a record that only has its own line (a CSV row)."""
        return cls(_ROW, (line,))

    def __getitem__(self, path: tuple) -> int:
        return self.numbers[self.shape[path]]

    def __contains__(self, path) -> bool:
        return path in self.shape

    def __iter__(self):
        return iter(self.shape)

    def __len__(self) -> int:
        return len(self.shape)


_ROW = {(): 0}


@dataclass(slots=True)
class Record:
    """One node or edge as read, with where each field came from."""

    data: dict
    file: str
    style: str  # "yaml" or "csv"
    prefix: str  # "nodes[3]" in YAML, "" in CSV
    lines: Mapping[tuple, int] = field(default_factory=dict)  # a LineMap as read
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

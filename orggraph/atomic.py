"""Write output files without ever destroying what the user did not ask to replace.

- A regular file, or one that does not exist yet, is written **atomically**: to a
  temporary file beside it, renamed into place only when every file of the batch is
  complete. An interrupted run (Ctrl-C, SIGTERM, a full disk) leaves the previous files
  as they were and no temporary file behind.
- A **special file** (a named pipe, a device such as ``/dev/null``, a socket) is written
  straight into. It is never replaced by a regular file.
- A **symbolic link** is followed: its target is written, and the link stays a link.
- ``-`` means **standard output**. Binary data (a PNG, PDF or XLSX) is refused when
  standard output is a terminal.

Every failure is raised as :class:`~orggraph.exceptions.WriteError` naming the target the
user gave, never a temporary file.

Large outputs are written as a stream with :func:`atomic_batch` (several files, renamed
together when the batch ends well) or :func:`atomic_writer` (one file): the writer gets a
binary file object, so no output is ever held in memory whole.

May import: exceptions.

>>> import tempfile, pathlib
>>> with tempfile.TemporaryDirectory() as tmp:
...     d = pathlib.Path(tmp)
...     atomic_write_texts({d / "a.txt": "A", d / "b.txt": "B"})
...     (d / "a.txt").read_text(), sorted(p.name for p in d.iterdir())
...     with atomic_writer(d / "c.txt") as out:
...         _ = out.write(b"C, written in parts")
...     (d / "c.txt").read_text()
('A', ['a.txt', 'b.txt'])
'C, written in parts'
"""

from __future__ import annotations

__all__ = ["STDOUT", "Batch", "is_stdout", "atomic_batch", "atomic_write_bytes", "atomic_write_texts", "atomic_writer"]

import io
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from orggraph.exceptions import WriteError

#: The file name that means standard output.
STDOUT = "-"


def is_stdout(path) -> bool:
    """Whether ``path`` is ``-``, standard output.

    >>> is_stdout("-"), is_stdout(Path("-")), is_stdout("x.svg")
    (True, True, False)
    """
    return str(path) == STDOUT


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _is_binary(data: bytes) -> bool:
    if b"\0" in data:
        return True
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return True
    return False


def _write_stdout(data: bytes) -> None:
    stream = sys.stdout
    if _is_binary(data) and stream.isatty():
        raise WriteError(STDOUT, "this format is binary and standard output is a terminal; "
                                 "redirect it (> FILE, | COMMAND) or give -o FILE")
    stream.flush()
    stream.buffer.write(data) if hasattr(stream, "buffer") else stream.write(data.decode("utf-8"))
    stream.flush()


def _target(path: Path) -> tuple[Path, bool]:
    """Where to write for ``path``: ``(file, special)``; a symlink is followed, a folder refused."""
    real = path.resolve() if path.is_symlink() else path
    try:
        mode = os.stat(real).st_mode
    except FileNotFoundError:
        return real, False
    except OSError as err:
        raise WriteError(path, err.strerror or str(err)) from err
    if stat.S_ISDIR(mode):
        raise WriteError(path, "is a folder; give a file name")
    return real, not stat.S_ISREG(mode)


def _write_special(path: Path, shown: Path, data: bytes) -> None:
    try:
        with open(path, "wb", buffering=0) as handle:
            view = memoryview(data)
            while view:
                view = view[handle.write(view):]
    except OSError as err:
        raise WriteError(shown, err.strerror or str(err)) from err


def atomic_write_bytes(contents: dict[Path, bytes]) -> None:
    """Write each ``path: data``; on any failure no regular target is touched and no temporary file stays.

    Regular files get the usual permissions (0666 less the umask), not the private ones of
    a temporary file. Special files and ``-`` are written into after every regular file of
    the batch is in place.
    """
    if any(is_stdout(p) for p in contents) and len(contents) > 1:
        raise WriteError(STDOUT, "this output has several files, which cannot all go to standard output; give a folder")
    temps: list[tuple[str, Path, Path]] = []
    later: list[tuple[Path, Path, bytes]] = []
    mode = 0o666 & ~_umask()
    try:
        for shown, data in contents.items():
            if is_stdout(shown):
                later.append((Path(STDOUT), Path(STDOUT), data))
                continue
            shown = Path(shown)
            path, special = _target(shown)
            if special:
                later.append((path, shown, data))
                continue
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            except OSError as err:
                raise WriteError(shown, err.strerror or str(err)) from err
            temps.append((tmp, path, shown))
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(data)
                os.chmod(tmp, mode)
            except OSError as err:
                raise WriteError(shown, err.strerror or str(err)) from err
        for tmp, path, shown in temps:
            try:
                os.replace(tmp, path)
            except OSError as err:
                raise WriteError(shown, err.strerror or str(err)) from err
    finally:
        for tmp, _, _ in temps:
            if os.path.lexists(tmp):
                os.unlink(tmp)
    for path, shown, data in later:
        _write_stdout(data) if is_stdout(path) else _write_special(path, shown, data)


def atomic_write_texts(contents: dict[Path, str]) -> None:
    """Write each ``path: text`` as UTF-8 (see :func:`atomic_write_bytes`)."""
    atomic_write_bytes({path: text.encode("utf-8") for path, text in contents.items()})


class _Straight(io.RawIOBase):
    """Standard output as a binary stream that is never closed by its writer."""

    def __init__(self, stream) -> None:
        self.stream = stream

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.stream.write(data)
        return len(data)


class Batch:
    """Files written as streams, each to a temporary file beside its target, renamed together by :func:`atomic_batch`."""

    _CHUNK = 1 << 20

    def __init__(self) -> None:
        self._temps: list[tuple[str, Path, Path]] = []
        self._mode = 0o666 & ~_umask()

    @contextmanager
    def open(self, shown, *, binary: bool = False) -> Iterator[BinaryIO]:
        """A binary file object for ``shown`` (a path or ``-``); ``binary`` output is refused on a terminal."""
        if is_stdout(shown):
            if binary and sys.stdout.isatty():
                raise WriteError(STDOUT, "this format is binary and standard output is a terminal; "
                                         "redirect it (> FILE, | COMMAND) or give -o FILE")
            sys.stdout.flush()
            raw = getattr(sys.stdout, "buffer", None)
            handle = io.BufferedWriter(_Straight(raw if raw is not None else _TextSink(sys.stdout)), self._CHUNK)
            yield handle
            handle.flush()
            return
        shown = Path(shown)
        path, special = _target(shown)
        try:
            if special:
                handle = open(path, "wb", buffering=self._CHUNK)
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
                self._temps.append((tmp, path, shown))
                handle = os.fdopen(fd, "wb", buffering=self._CHUNK)
        except OSError as err:
            raise WriteError(shown, err.strerror or str(err)) from err
        try:
            with handle:
                yield handle
            if not special:
                os.chmod(tmp, self._mode)
        except OSError as err:
            raise WriteError(shown, err.strerror or str(err)) from err

    def _commit(self) -> None:
        for tmp, path, shown in self._temps:
            try:
                os.replace(tmp, path)
            except OSError as err:
                raise WriteError(shown, err.strerror or str(err)) from err

    def _clean(self) -> None:
        for tmp, _, _ in self._temps:
            if os.path.lexists(tmp):
                os.unlink(tmp)


class _TextSink:
    """A text stream (as tests give) taking bytes."""

    def __init__(self, stream) -> None:
        self.stream = stream

    def write(self, data) -> None:
        self.stream.write(bytes(data).decode("utf-8"))


@contextmanager
def atomic_batch() -> Iterator[Batch]:
    """Files streamed with ``batch.open(path)``; renamed into place together when the block ends without an error.

    On any failure or interruption (Ctrl-C, SIGTERM) no regular target is touched and no
    temporary file stays. Special files and ``-`` are written straight into as the writer goes.
    """
    batch = Batch()
    try:
        yield batch
        batch._commit()
    finally:
        batch._clean()


@contextmanager
def atomic_writer(path, *, binary: bool = False) -> Iterator[BinaryIO]:
    """One file streamed atomically (see :func:`atomic_batch`): a binary file object to write to."""
    with atomic_batch() as batch, batch.open(path, binary=binary) as handle:
        yield handle

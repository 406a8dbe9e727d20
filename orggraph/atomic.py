"""Write files atomically: everything goes to temporary files beside the targets,
which are renamed into place only when all of them were written.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> atomic_write_texts({d / "a.txt": "A", d / "b.txt": "B"})
>>> (d / "a.txt").read_text(), sorted(p.name for p in d.iterdir())
('A', ['a.txt', 'b.txt'])
"""

from __future__ import annotations

__all__ = ["atomic_write_texts", "atomic_write_bytes"]

import os
import tempfile
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def atomic_write_bytes(contents: dict[Path, bytes]) -> None:
    """Write each ``path: data``; on any failure no target is touched and no temporary file stays.

    The files get the usual permissions (0666 less the umask), not the private ones of a temporary file.
    """
    temps: list[tuple[str, Path]] = []
    mode = 0o666 & ~_umask()
    try:
        for path, data in contents.items():
            path = Path(path)
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
            temps.append((tmp, path))
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.chmod(tmp, mode)
        for tmp, path in temps:
            os.replace(tmp, path)
    finally:
        for tmp, _ in temps:
            if os.path.exists(tmp):
                os.unlink(tmp)


def atomic_write_texts(contents: dict[Path, str]) -> None:
    """Write each ``path: text`` as UTF-8, atomically (see :func:`atomic_write_bytes`)."""
    atomic_write_bytes({path: text.encode("utf-8") for path, text in contents.items()})

"""Regenerate the project's ``exports/`` folder: the charts and the data exports, each in
its own subfolder, by one command::

    orggraph export all -o exports

``orggraph export TARGET -o PATH`` also writes one part (``charts`` or ``data`` into a
folder) or one data format (into a file; a folder for ``csv``).

>>> TARGETS
('charts', 'data')
"""

from __future__ import annotations

__all__ = ["TARGETS", "CHOICES", "export"]

from pathlib import Path

from orggraph.exceptions import OrgGraphError
from orggraph.formats import FORMATS, export_data, select, write_format
from orggraph.graph import OrgGraph

#: What ``export all`` writes, each into ``<folder>/<target>/``.
TARGETS = ("charts", "data")
#: Everything ``orggraph export`` accepts.
CHOICES = (*TARGETS, "all", *FORMATS)


def export(graph: OrgGraph, target: str, path: Path, *, as_of: str | None = None, region: str | None = None) -> list[Path]:
    """Write ``target`` to ``path``; returns the files written.

    ``as_of`` and ``region`` filter the data formats (see :func:`orggraph.formats.select`);
    the charts and ``all`` always show the whole country at the data's latest state.
    """
    from orggraph.charts.export import export_charts

    path = Path(path)
    if target not in CHOICES:
        raise OrgGraphError(f"unknown export {target!r}. Choose from: {', '.join(CHOICES)}")
    if target in ("charts", "all") and (as_of or region):
        raise OrgGraphError(f"--as-of and --region filter the data formats, not '{target}'")
    writers = {"charts": lambda folder: export_charts(graph, folder),
               "data": lambda folder: export_data(select(graph, as_of, region), folder)}
    try:
        if target in FORMATS:
            return write_format(select(graph, as_of, region), target, path)
        if target == "all":
            return [file for name in TARGETS for file in writers[name](path / name)]
        return writers[target](path)
    except OSError as err:
        raise OrgGraphError(f"cannot write {err.filename or path}: {err.strerror}") from None

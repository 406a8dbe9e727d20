"""Regenerate the project's ``exports/`` folder: the charts (and, as they are added, the data
exports and the comparison), each in its own subfolder, by one command::

    orggraph export all -o exports

>>> TARGETS
('charts',)
"""

from __future__ import annotations

__all__ = ["TARGETS", "export"]

from pathlib import Path

from orggraph.exceptions import OrgGraphError
from orggraph.graph import OrgGraph

#: What ``export all`` writes, each into ``<folder>/<target>/``.
TARGETS = ("charts",)


def export(graph: OrgGraph, target: str, folder: Path) -> list[Path]:
    """Write ``target`` (``charts`` or ``all``) under ``folder``; returns the files written."""
    from orggraph.charts.export import export_charts

    folder = Path(folder)
    writers = {"charts": lambda: export_charts(graph, folder / "charts" if target == "all" else folder)}
    if target == "all":
        return [path for name in TARGETS for path in writers[name]()]
    if target not in writers:
        raise OrgGraphError(f"unknown export {target!r}. Choose from: {', '.join((*TARGETS, 'all'))}")
    return writers[target]()

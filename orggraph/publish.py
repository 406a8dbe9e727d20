"""Regenerate the project's ``exports/`` folder: the charts, the data exports, the comparison of the regions and the
explorer page, each in its own subfolder, by one command::

    orggraph export all -o exports

``orggraph export TARGET -o PATH`` also writes one part (``charts``, ``data``, ``compare`` or ``explorer`` into a
folder) or one data format (into a file; a folder for ``csv``).

>>> TARGETS
('charts', 'data', 'compare', 'explorer')
"""

from __future__ import annotations

__all__ = ["TARGETS", "CHOICES", "EXPLORER_FILE", "export", "export_compare", "stale_compare", "export_explorer", "stale_explorer"]

from pathlib import Path

from orggraph.atomic import atomic_write_bytes, is_stdout
from orggraph.exceptions import OrgGraphError, UsageError
from orggraph.formats import FORMATS, export_data, select, write_format
from orggraph.graph import OrgGraph

#: What ``export all`` writes, each into ``<folder>/<target>/``.
TARGETS = ("charts", "data", "compare", "explorer")
#: The explorer page in ``exports/explorer/``; its chart links point at ``exports/charts/``.
EXPLORER_FILE = "orggraph.html"
_CHARTS_URL = "../charts/"
#: Everything ``orggraph export`` accepts.
CHOICES = (*TARGETS, "all", *FORMATS)


def _compare_files(graph: OrgGraph) -> dict[str, bytes]:
    from orggraph.charts.build import RAR_ERA_DAY
    from orggraph.compare import compare
    from orggraph.compare.output import compare_files

    # A fixed day, so exports/ does not change with the day it is written: the RAR era,
    # the one the sources describe (the councils' support is unknown).
    return compare_files(compare(graph, as_of=RAR_ERA_DAY))


def export_compare(graph: OrgGraph, folder: Path) -> list[Path]:
    """Write the comparison of all five regions in the RAR era into ``folder`` as Markdown and XLSX."""
    files = {Path(folder) / name: data for name, data in _compare_files(graph).items()}
    atomic_write_bytes(files)
    return sorted(files)


def stale_compare(graph: OrgGraph, folder: Path) -> list[str]:
    """Files in ``folder`` that differ from what :func:`export_compare` would write now."""
    return [f"{name}: missing or out of date" for name, data in _compare_files(graph).items()
            if not (Path(folder) / name).is_file() or (Path(folder) / name).read_bytes() != data]


def _explorer_page(graph: OrgGraph) -> bytes:
    from orggraph.explorer import generate_explorer

    return generate_explorer(graph, charts_url=_CHARTS_URL)


def export_explorer(graph: OrgGraph, folder: Path) -> list[Path]:
    """Write the explorer page (Danish, opening on the data's latest change) into ``folder``, linked to ``../charts/``."""
    path = Path(folder) / EXPLORER_FILE
    atomic_write_bytes({path: _explorer_page(graph)})
    return [path]


def stale_explorer(graph: OrgGraph, folder: Path) -> list[str]:
    """``[problem]`` when the page in ``folder`` differs from what :func:`export_explorer` would write now."""
    path = Path(folder) / EXPLORER_FILE
    if not path.is_file() or path.read_bytes() != _explorer_page(graph):
        return [f"{EXPLORER_FILE}: missing or out of date"]
    return []


def export(graph: OrgGraph, target: str, path: Path, *, as_of: str | None = None, region: str | None = None) -> list[Path]:
    """Write ``target`` to ``path``; returns the files written.

    ``as_of`` and ``region`` filter the data formats (see :func:`orggraph.formats.select`);
    the charts and ``all`` always show the whole country at the data's latest state.
    """
    from orggraph.charts.export import export_charts

    path = Path(path)
    if target not in CHOICES:
        raise OrgGraphError(f"unknown export {target!r}. Choose from: {', '.join(CHOICES)}")
    if target in ("charts", "compare", "explorer", "all") and (as_of or region):
        raise UsageError(f"--as-of and --region filter the data formats, not '{target}'")
    writers = {"charts": lambda folder: export_charts(graph, folder),
               "data": lambda folder: export_data(select(graph, as_of, region), folder),
               "compare": lambda folder: export_compare(graph, folder),
               "explorer": lambda folder: export_explorer(graph, folder)}
    if target in FORMATS:
        return write_format(select(graph, as_of, region), target, path)
    if is_stdout(path):
        raise UsageError(f"'{target}' writes a folder of files; give a folder with -o, not '-'")
    if target == "all":
        return [file for name in TARGETS for file in writers[name](path / name)]
    return writers[target](path)

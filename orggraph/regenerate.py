"""Regenerate the project's ``exports/`` folder: the charts, the data exports, the comparison of the regions and the
explorer page, each in its own subfolder, by one command::

    orggraph export all -o exports

``orggraph export TARGET -o PATH`` also writes one part (``charts``, ``data``, ``compare`` or ``explorer`` into a
folder) or one data format (into a file; a folder for ``csv``).

>>> TARGETS
('charts', 'data', 'compare', 'explorer')

A test fails when ``exports/`` is stale: :func:`stale_data`, :func:`stale_compare`,
:func:`stale_explorer` and :func:`orggraph.charts.export.stale_charts` say what differs.
May import: exceptions, atomic, graph, formats, compare, charts, explorer.
"""

from __future__ import annotations

__all__ = ["TARGETS", "CHOICES", "EXPLORER_FILE", "data_files", "export", "export_compare", "export_data", "export_explorer", "stale",
           "stale_compare", "stale_data", "stale_explorer"]

from pathlib import Path

from orggraph.atomic import atomic_batch, atomic_write_bytes, is_stdout
from orggraph.exceptions import OrgGraphError, UsageError
from orggraph.formats import FORMATS, generate, stream_format, write_format
from orggraph.graph import OrgGraph

#: What ``export all`` writes, each into ``<folder>/<target>/``.
TARGETS = ("charts", "data", "compare", "explorer")
#: The explorer page in ``exports/explorer/``; its chart links point at ``exports/charts/``.
EXPLORER_FILE = "orggraph.html"
_CHARTS_URL = "../charts/"
#: Everything ``orggraph export`` accepts.
CHOICES = (*TARGETS, "all", *FORMATS)


def _data_extras() -> dict[str, bytes]:
    """The files of ``exports/data/`` that do not depend on the data: the vocabulary, the shapes and the Popolo schema."""
    from orggraph.formats.popolo import SCHEMA_FILE
    from orggraph.formats.rdf import VOCABULARY_FILE, shapes_turtle

    return {"vocabulary.ttl": VOCABULARY_FILE.read_bytes(), "shapes.ttl": shapes_turtle().encode("utf-8"),
            "popolo.schema.json": SCHEMA_FILE.read_bytes()}


def data_files(graph: OrgGraph) -> dict[str, bytes]:
    """Every file of ``exports/data/`` in memory (for the staleness check of small data): each format, ``csv/`` for
    the CSV files, the vocabulary and the schema."""
    files: dict[str, bytes] = {}
    for name in FORMATS:
        for file, data in generate(graph, name).items():
            files[f"csv/{file}" if name == "csv" else file] = data
    return files | _data_extras()


def export_data(graph: OrgGraph, folder: Path) -> list[Path]:
    """Write every data format into ``folder``, one format after the other as a stream; the files are renamed into
    place together at the end, so an interrupted run leaves the folder as it was."""
    folder = Path(folder)
    written: list[Path] = []
    with atomic_batch() as batch:
        for name in FORMATS:
            written += stream_format(graph, name, batch, folder, folder=True, prefix="csv/" if name == "csv" else "")
        for file, data in _data_extras().items():
            with batch.open(folder / file) as out:
                out.write(data)
            written.append(folder / file)
    return sorted(written)


def stale_data(graph: OrgGraph, folder: Path) -> list[str]:
    """Files in ``folder`` that differ from what :func:`export_data` would write now."""
    return stale(data_files(graph), folder)


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


def stale(files: dict[str, bytes], folder: Path) -> list[str]:
    """``["name: missing or out of date", …]`` for each of ``files`` that ``folder`` does not hold as it is."""
    folder = Path(folder)
    return [f"{name}: missing or out of date" for name, data in files.items()
            if not (folder / name).is_file() or (folder / name).read_bytes() != data]


def stale_compare(graph: OrgGraph, folder: Path) -> list[str]:
    """Files in ``folder`` that differ from what :func:`export_compare` would write now."""
    return stale(_compare_files(graph), folder)


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
    return stale({EXPLORER_FILE: _explorer_page(graph)}, folder)


def export(graph: OrgGraph, target: str, path: Path, *, as_of: str | None = None, region: str | None = None) -> list[Path]:
    """Write ``target`` to ``path``; returns the files written.

    ``as_of`` and ``region`` filter the data formats (see :meth:`orggraph.graph.OrgGraph.select`);
    the charts and ``all`` always show the whole country at the data's latest state.
    """
    from orggraph.charts.export import export_charts

    path = Path(path)
    if target not in CHOICES:
        raise OrgGraphError(f"unknown export {target!r}. Choose from: {', '.join(CHOICES)}")
    if target in ("charts", "compare", "explorer", "all") and (as_of or region):
        raise UsageError(f"--as-of and --region filter the data formats, not '{target}'")
    writers = {"charts": lambda folder: export_charts(graph, folder),
               "data": lambda folder: export_data(graph.select(as_of, region), folder),
               "compare": lambda folder: export_compare(graph, folder),
               "explorer": lambda folder: export_explorer(graph, folder)}
    if target in FORMATS:
        return write_format(graph.select(as_of, region), target, path)
    if is_stdout(path):
        raise UsageError(f"'{target}' writes a folder of files; give a folder with -o, not '-'")
    if target == "all":
        return [file for name in TARGETS for file in writers[name](path / name)]
    return writers[target](path)

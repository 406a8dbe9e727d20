"""Load a dataset into an :class:`~orggraph.graph.OrgGraph`: the packaged YAML (the
default), another YAML directory, or a CSV pair.

Loading validates everything and raises :class:`~orggraph.exceptions.InvalidDataset`
listing every problem. A valid dataset is cached as a pickle keyed by the SHA-256 of
its files and of the code that builds it, so later commands start fast. Set
``ORGGRAPH_CACHE_DIR`` to move the cache, or ``ORGGRAPH_NO_CACHE=1`` to turn it off.

>>> g = load()
>>> g.counts()["nodes"]["KKR"], g.counts()["nodes"]["RAR"], g.counts()["nodes"]["Kommune"]
(5, 8, 98)
"""

from __future__ import annotations

__all__ = ["DATA_DIR", "read_raw", "check_dataset", "build", "load", "dataset_files"]

import hashlib
import os
import pickle
from pathlib import Path

from orggraph.atomic import atomic_write_bytes
from orggraph.exceptions import DataError, InvalidDataset
from orggraph.graph import OrgGraph
from orggraph.readwrite.csv_dataset import csv_pair_paths
from orggraph.readwrite.records import RawDataset, display_path

# The YAML parser and the validator are imported where they are used: a cached load
# needs neither, and that keeps every command's start-up small.

#: The packaged dataset.
DATA_DIR = Path(__file__).resolve().parent.parent / "data"
_CODE = [Path(__file__).resolve().parent.parent / name for name in
         ("model.py", "graph.py", "validate.py", "readwrite/load.py", "readwrite/yaml_dataset.py", "readwrite/csv_dataset.py")]


def dataset_files(path: str | os.PathLike | None = None) -> list[Path]:
    """Every file a dataset is read from (data, register and documents)."""
    path = Path(path) if path is not None else DATA_DIR
    pair = csv_pair_paths(path)
    if pair is not None:
        return [*pair, DATA_DIR / "sources.yaml", *sorted((DATA_DIR / "documents").glob("*"))]
    return sorted(path.glob("*.yaml")) + sorted((path / "documents").glob("*"))


def read_raw(path: str | os.PathLike | None = None) -> RawDataset:
    """Read a dataset without validating it. ``path`` is a YAML directory or a CSV pair."""
    from orggraph.readwrite.csv_dataset import read_csv_pair
    from orggraph.readwrite.yaml_dataset import read_yaml_dataset

    if path is None:
        return read_yaml_dataset(DATA_DIR)
    path = Path(path)
    if not path.exists():
        return RawDataset(errors=[DataError(display_path(path), None, "path", "does not exist")])
    if csv_pair_paths(path) is not None:
        return read_csv_pair(path, read_yaml_dataset(DATA_DIR, register_only=True))
    if path.is_dir():
        return read_yaml_dataset(path)
    return RawDataset(errors=[DataError(display_path(path), None, "path", "is neither a YAML dataset directory nor a CSV pair (nodes.csv and edges.csv)")])


def check_dataset(path: str | os.PathLike | None = None):
    """Read and validate a dataset, collecting every problem (a :class:`~orggraph.validate.CheckResult`)."""
    from orggraph.validate import check

    return check(read_raw(path))


def build(result) -> OrgGraph:
    """Build the graph from a clean :class:`CheckResult`; raise if it has problems."""
    if result.errors:
        raise InvalidDataset(result.errors)
    graph = OrgGraph(result.documents)
    for node in result.nodes:
        graph.add_node(node)
    for edge in result.edges:
        graph.add_edge(edge)
    return graph


def _cache_file(path: str | os.PathLike | None) -> Path | None:
    if os.environ.get("ORGGRAPH_NO_CACHE"):
        return None
    digest = hashlib.sha256()
    try:
        for file in [*_CODE, *dataset_files(path)]:
            digest.update(str(file.name).encode() + b"\0" + file.read_bytes() + b"\0")
    except OSError:
        return None  # unreadable files: load normally, which reports them
    base = os.environ.get("ORGGRAPH_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "orggraph"
    )
    return Path(base) / f"graph-{digest.hexdigest()[:32]}.pickle"


def load(path: str | os.PathLike | None = None, *, cache: bool = True) -> OrgGraph:
    """Load and validate a dataset (the packaged one by default) into an :class:`OrgGraph`.

    Raises :class:`~orggraph.exceptions.InvalidDataset` with every problem found.
    """
    cache_file = _cache_file(path) if cache else None
    if cache_file is not None and cache_file.is_file():
        try:
            with cache_file.open("rb") as handle:
                graph = pickle.load(handle)
            if isinstance(graph, OrgGraph):
                return graph
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            pass  # a stale or broken cache entry is rebuilt below
    graph = build(check_dataset(path))
    if cache_file is not None:
        try:
            atomic_write_bytes({cache_file: pickle.dumps(graph, protocol=pickle.HIGHEST_PROTOCOL)})
        except OSError:
            pass  # a read-only cache directory only costs speed
    return graph

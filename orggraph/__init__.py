"""orggraph: the organisation and mandates of Danish cross-municipal employment policy as a graph.

May import: exceptions, graph, queries, readwrite.

>>> import orggraph
>>> g = orggraph.load()
>>> g.node(g.resolve("RAR Nordjylland"))["kind"]
'RAR'
"""

__version__ = "0.1.0"

from orggraph.exceptions import (
    AmbiguousReference,
    DataError,
    InvalidDataset,
    OrgGraphError,
    UnknownReference,
)
from orggraph.graph import OrgGraph
from orggraph.readwrite.load import check_dataset, load

#: The query functions, re-exported from orggraph.queries when first used, so that a
#: command (and a cached load) imports only the question it asks.
_QUERIES = ("appointments", "find", "info", "members", "memberships", "mirrors", "paths", "persons", "show", "who_supports")


def __getattr__(name: str):
    if name in _QUERIES:
        import orggraph.queries

        return getattr(orggraph.queries, name)
    raise AttributeError(f"module 'orggraph' has no attribute {name!r}")

__all__ = [
    "__version__",
    "AmbiguousReference",
    "DataError",
    "InvalidDataset",
    "OrgGraph",
    "OrgGraphError",
    "UnknownReference",
    "appointments",
    "check_dataset",
    "find",
    "info",
    "load",
    "members",
    "memberships",
    "mirrors",
    "paths",
    "persons",
    "show",
    "who_supports",
]

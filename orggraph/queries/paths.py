"""Paths between two nodes: all simple paths up to a length limit, shortest first.

Edges are followed in both directions unless ``directed`` is set; every hop keeps the
edge's own direction, so ``{"from": "post-…", "type": "MEDLEM_AF", "to": "rar-…"}`` reads
the same whichever way the path went.

>>> from orggraph import load
>>> g = load()
>>> [[h["type"] for h in p] for p in paths(g, "KKR Nordjylland", "RAR Nordjylland", via=["UDPEGER", "MEDLEM_AF"])["paths"]]
[['UDPEGER', 'MEDLEM_AF']]
"""

from __future__ import annotations

__all__ = ["paths", "MAX_PATHS"]

from orggraph.exceptions import OrgGraphError
from orggraph.graph import OrgGraph
from orggraph.model import RELATIONS

#: At most this many paths are returned (the shortest ones).
MAX_PATHS = 200


def _order(graph: OrgGraph, start: str, keys: list[str]) -> tuple:
    """Sort key within one length: hops against the edge direction last, then types and ids."""
    node, against = start, 0
    for key in keys:
        source, target = graph.ends(key)
        against += source != node
        node = target if source == node else source
    return against, [(graph.hop(k)["type"], k) for k in keys]


def paths(
    graph: OrgGraph,
    source: str,
    target: str,
    *,
    max_length: int = 4,
    via: list[str] | None = None,
    directed: bool = False,
    as_of: str | None = None,
    limit: int = MAX_PATHS,
) -> dict:
    """All simple paths from ``source`` to ``target`` with at most ``max_length`` hops.

    ``via`` restricts the relation types followed. Paths come shortest first; among
    paths of one length, those with fewer hops against the edges' direction come first,
    then they are ordered by relation types and edge ids; at most ``limit`` are returned, and ``truncated``
    says whether more existed.
    """
    if max_length < 1:
        raise OrgGraphError(f"the length limit must be at least 1, not {max_length}")
    unknown = sorted(set(via or []) - set(RELATIONS))
    if unknown:
        raise OrgGraphError(f"unknown relation {unknown[0]!r}. Choose from: {', '.join(RELATIONS)}")
    graph = graph.as_of(as_of)
    start, goal = graph.resolve(source), graph.resolve(target)
    allowed = set(via) if via else None

    def steps(node: str):
        for _, other, key, data in graph.out_edges(node):
            if allowed is None or data["type"] in allowed:
                yield other, key
        if not directed:
            for other, _, key, data in graph.in_edges(node):
                if allowed is None or data["type"] in allowed:
                    yield other, key

    found: list[list[str]] = []
    truncated = False
    for length in range(1, max_length + 1):  # iterative deepening: shortest first
        layer: list[list[str]] = []
        stack = [(start, [start], [])]
        while stack:
            node, visited, keys = stack.pop()
            if len(keys) == length:
                if node == goal:
                    layer.append(keys)
                continue
            for other, key in steps(node):
                if other not in visited and (other != goal or len(keys) + 1 == length):
                    stack.append((other, visited + [other], keys + [key]))
        layer.sort(key=lambda keys: _order(graph, start, keys))
        found += layer
        if len(found) >= limit:
            truncated = len(found) > limit
            found = found[:limit]
            break
    return {
        "from": graph.brief(start),
        "to": graph.brief(goal),
        "paths": [[graph.hop(k) for k in keys] for keys in found],
        "truncated": truncated,
    }

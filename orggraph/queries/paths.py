"""Paths between two nodes: all simple paths up to a length limit, shortest first.

Edges are followed in both directions unless ``directed`` is set; every hop keeps the
edge's own direction, so ``{"from": "post-…", "type": "MEDLEM_AF", "to": "rar-…"}`` reads
the same whichever way the path went.

May import: exceptions, model, graph.

>>> from orggraph import load
>>> g = load()
>>> [[h["type"] for h in p] for p in paths(g, "KKR Nordjylland", "RAR Nordjylland", via=["UDPEGER", "MEDLEM_AF"])["paths"]]
[['UDPEGER', 'MEDLEM_AF']]
"""

from __future__ import annotations

__all__ = ["paths", "path_text", "MAX_PATHS", "MAX_LENGTH", "DEFAULT_LENGTH"]

from orggraph.exceptions import OrgGraphError
from orggraph.graph import OrgGraph
from orggraph.model import RELATIONS

#: At most this many paths are returned (the shortest ones).
MAX_PATHS = 200
#: The most hops a path may have (``orggraph path --max-length``); the Cypher twin
#: ``cypher/path.cypher`` needs it as a literal bound (``[*1..8]``), and a test keeps the two in step.
MAX_LENGTH = 8
#: The hops a path may have when no length is given.
DEFAULT_LENGTH = 4


def _walk(start: str, ends: list[tuple[str, str]]):
    """Follow a path from ``start`` over edges given as ``(source, target)``: for each, whether it
    is followed in its own direction, and the node it leads to."""
    node = start
    for source, target in ends:
        forward = source == node
        node = target if forward else source
        yield forward, node


def _order(graph: OrgGraph, start: str, keys: list[str]) -> tuple:
    """Sort key within one length: hops against the edge direction last, then types and ids."""
    against = sum(not forward for forward, _ in _walk(start, [graph.ends(k) for k in keys]))
    return against, [(graph.edge_data(k)["type"], k) for k in keys]


def path_text(graph: OrgGraph, start: str, hops: list[dict]) -> str:
    """A path as ``A —udpeger→ B ←dækker— C``, followed from ``start``; each arrow in its edge's own direction.

    >>> from orggraph import load
    >>> g = load()
    >>> found = paths(g, "KKR Nordjylland", "RAR Nordjylland", via=["UDPEGER", "MEDLEM_AF"])
    >>> path_text(g, found["from"]["id"], found["paths"][0])
    'KKR Nordjylland —udpeger→ Kommunale pladser i RAR Nordjylland —medlem af→ RAR Nordjylland'
    """
    graph = graph.full
    text = graph.name(start)
    for hop, (forward, node) in zip(hops, _walk(start, [(h["from"], h["to"]) for h in hops])):
        label = RELATIONS[hop["type"]].label
        text += f" —{label}→ {graph.name(node)}" if forward else f" ←{label}— {graph.name(node)}"
    return text


def paths(
    graph: OrgGraph,
    source: str,
    target: str,
    *,
    max_length: int = DEFAULT_LENGTH,
    via: list[str] | None = None,
    directed: bool = False,
    as_of: str | None = None,
    limit: int = MAX_PATHS,
) -> dict:
    """All simple paths from ``source`` to ``target`` with at most ``max_length`` hops (1 to :data:`MAX_LENGTH`).

    ``via`` restricts the relation types followed. Paths come shortest first; among
    paths of one length, those with fewer hops against the edges' direction come first,
    then they are ordered by relation types and edge ids; at most ``limit`` are returned, and ``truncated``
    says whether more existed. Each hop is an edge row (:meth:`~orggraph.graph.OrgGraph.hop`).
    """
    if not 1 <= max_length <= MAX_LENGTH:
        raise OrgGraphError(f"the length limit must be from 1 to {MAX_LENGTH}, not {max_length}")
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

    # How many hops each node near the goal is from it (walking the steps backwards), up to
    # max_length - 1: a path is only extended to a node that can still reach the goal in the
    # hops left, so hubs (KL, the ministry) no longer fan the search out over every area.
    near = {goal: 0}
    frontier = [goal]
    for hops in range(1, max_length):
        following = []
        for node in frontier:
            backwards = [u for u, _, _, d in graph.in_edges(node) if allowed is None or d["type"] in allowed]
            if not directed:
                backwards += [v for _, v, _, d in graph.out_edges(node) if allowed is None or d["type"] in allowed]
            for other in backwards:
                if other not in near:
                    near[other] = hops
                    following.append(other)
        frontier = following
    too_far = max_length + 1

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
            left = length - len(keys) - 1
            for other, key in steps(node):
                if near.get(other, too_far) <= left and other not in visited and (other != goal or left == 0):
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

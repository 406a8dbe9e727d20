"""Who appoints which seats (UDPEGER), and which bodies or posts mirror which (SPEJLER).

May import: model, graph.

>>> from orggraph import load
>>> g = load()
>>> [(a["appointer"]["name"], a["seats"]) for a in appointments(g, "KKR Midtjylland", "2019-06-01")["appointments"]]
[('KKR Midtjylland', 5), ('KKR Midtjylland', 5)]
>>> [m["mirrored"]["id"] for m in mirrors(g, "Embedsmandsudvalget i KKR Syddanmark", "2019-06-01")["mirrors"]][:1]
['post-rar-fyn-naestformand-kommunal']
"""

from __future__ import annotations

__all__ = ["appointments", "mirrors"]

from orggraph.graph import OrgGraph
from orggraph.model import Kind, Rel


def _appointment(graph: OrgGraph, appointer: str, post: str, edge_id: str) -> dict:
    attrs = graph.edge_data(edge_id)["attrs"]
    bodies = [graph.brief(v) for _, v, _, _ in graph.out_edges(post, Rel.MEDLEM_AF)]
    return graph.edge_row(
        edge_id,
        appointer=graph.brief(appointer),
        post=graph.brief(post),
        body=bodies[0] if bodies else None,
        seats=attrs.get("seats"),
        how=attrs.get("how"),
        note=attrs.get("seats_note"),
    )


def appointments(graph: OrgGraph, ref: str, as_of: str | None = None) -> dict:
    """Who appoints which seats (UDPEGER), with the number of seats and how.

    For a RAR or another body: every group of its seats and who appoints it. For a KKR or
    an organisation: the seats it fills. For a post: who appoints it.
    """
    graph = graph.as_of(as_of)
    target = graph.resolve(ref)
    kind = graph.kind(target)
    rows = []
    if kind in (Kind.KKR, Kind.Organisation):
        rows = [_appointment(graph, target, v, k) for _, v, k, _ in graph.out_edges(target, Rel.UDPEGER)]
    else:
        posts = [target] if kind == Kind.Post else [u for u, _, _, _ in graph.in_edges(target, Rel.MEDLEM_AF)]
        rows = [_appointment(graph, u, post, k) for post in posts for u, _, k, _ in graph.in_edges(post, Rel.UDPEGER)]
    rows.sort(key=lambda r: ((r["body"] or {}).get("name", ""), r["post"]["name"], r["appointer"]["name"]))
    return {"target": graph.node(target), "appointments": rows}


def mirrors(graph: OrgGraph, ref: str | None = None, as_of: str | None = None) -> dict:
    """Which bodies or posts mirror which (SPEJLER), and how; all of them, or those touching ``ref``
    (for a body, also those of its member posts: "to af medlemmerne spejler …")."""
    graph = graph.as_of(as_of)
    target = graph.resolve(ref) if ref is not None else None
    members = {p for p, _, _, _ in graph.in_edges(target, Rel.MEDLEM_AF) if graph.kind(p) == Kind.Post} if target else set()
    rows = []
    for u, v, k, _ in graph.edges(Rel.SPEJLER):
        if target in (None, u, v) or u in members:
            rows.append(graph.edge_row(k, mirror=graph.brief(u), mirrored=graph.brief(v), how=graph.edge_data(k)["attrs"].get("how")))
    rows.sort(key=lambda r: (r["mirror"]["name"], r["mirrored"]["name"]))
    return {"target": graph.brief(target) if target else None, "mirrors": rows}

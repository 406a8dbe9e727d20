"""Queries on an :class:`~orggraph.graph.OrgGraph`. Each returns plain JSON-ready data;
the CLI prints it as a table or, with ``--json``, exactly as returned.

May import: exceptions, model, graph.

>>> from orggraph import load
>>> g = load()
>>> info(g, as_of="2022-01-01")["nodes"]["RAR"], info(g, as_of="2026-06-01")["nodes"]["Beskaeftigelsesraad"]
(8, 5)
>>> info(g)["body_types"]["Sekretariat"]["arbejdsmarkedskontor"]
3
>>> [n["id"] for n in find(g, "nordjylland", kind="RAR")]
['rar-nordjylland']
>>> result = show(g, "RAR Nordjylland")
>>> sorted({e["source"]["name"] for e in result["in"] if e["type"] == "SEKRETARIATSBETJENER"})
['Arbejdsmarkedskontor Midt-Nord']
>>> [(a["source"]["name"], a["attrs"]["seats"]) for s in result["seats"] for a in s["appointed_by"]
...  if s["post"]["id"] == "post-rar-nordjylland-kommunale"]
[('KKR Nordjylland', 5)]
"""

from __future__ import annotations

__all__ = ["info", "find", "show"]

from orggraph.exceptions import NotInForce
from orggraph.graph import OrgGraph, uncertain
from orggraph.model import KINDS, Kind, Rel


def info(graph: OrgGraph, as_of: str | None = None) -> dict:
    """Counts: nodes by kind, edges by relation type, bodies by type, and nodes by KKR area.

    ``{"as_of", "nodes": {kind: n}, "edges": {type: n}, "body_types": {kind: {body_type: n}},
    "areas": {kkr_id: {kind: n}}}``; nodes without an area are not in ``areas``.
    """
    graph = graph.as_of(as_of)
    result = graph.counts()
    body_types: dict[str, dict[str, int]] = {}
    areas: dict[str, dict[str, int]] = {}
    for node_id in graph.node_ids():
        data = graph.record(node_id)
        if "body_type" in data["attrs"]:
            kind = body_types.setdefault(data["kind"], {})
            kind[data["attrs"]["body_type"]] = kind.get(data["attrs"]["body_type"], 0) + 1
        if data["area"]:
            area = areas.setdefault(data["area"], {})
            area[data["kind"]] = area.get(data["kind"], 0) + 1
    result["body_types"] = {k: dict(sorted(v.items())) for k, v in sorted(body_types.items())}
    result["areas"] = {a: {k: v[k] for k in KINDS if k in v} for a, v in sorted(areas.items())}
    return {"as_of": as_of, **result}


def find(graph: OrgGraph, text: str, kind: str | None = None, as_of: str | None = None) -> list[dict]:
    """Nodes whose id, name or alias contains ``text`` (case and æøå folded): ``[{"id", "kind", "name"}]``;
    with ``as_of``, only nodes in force on that date."""
    return graph.as_of(as_of).find(text, kind)


def _relation(graph: OrgGraph, edge_id: str, other: str, side: str, as_of: str | None = None) -> dict:
    """A relation of the node shown, as an edge row with the node at its other end (``side``: ``source`` or ``target``)."""
    edge = graph.edge_data(edge_id)
    return graph.edge_row(
        edge_id,
        **{side: graph.brief(other)},
        attrs=edge["attrs"],
        uncertain=(uncertain(edge, as_of) or uncertain(graph.record(other), as_of)) if as_of else None,
    )


def show(graph: OrgGraph, ref: str, as_of: str | None = None) -> dict:
    """One node with its sources and every relation in and out, each with its sources.

    For a body with seats (a RAR, a regionalt beskæftigelsesråd), ``seats`` lists each group
    of seats with who appoints it.

    ``ref`` is an id, name or alias. With ``as_of``, facts not in force that day are left out,
    a relation only possibly in force that day (itself, or the node at its other end) says why
    in ``uncertain``, and ``era`` says
    whether the node itself is in force. A node that is not (a RAR after 2025-02-28) is still
    shown, without relations: ``era`` says when it was in force, what replaced it and from
    when, and the ``as_of_hint`` that reaches it. ``replaces`` lists what the node replaced
    (AFLOESER), whatever the date.

    >>> from orggraph import load
    >>> old = show(load(), "RAR Nordjylland", as_of="2026-06-01")
    >>> old["era"]["in_force"], old["era"]["valid_to"], [(r["node"]["id"], r["from"]) for r in old["era"]["replaced_by"]]
    (False, '2025-02-28', [('rbr-nordjylland', '2025-03-01')])
    """
    view = graph.as_of(as_of)
    try:
        node_id = view.resolve(ref)
    except NotInForce as err:
        node_id = err.node["id"]
    base = graph.full
    era = base.era(node_id, as_of) if as_of else None
    replaces = [base.edge_row(k, node=base.brief(v), **{"from": d["valid_from"] or base.record(node_id)["valid_from"]})
                for _, v, k, d in base.out_edges(node_id, Rel.AFLOESER)]

    def order(item: dict, side: str) -> tuple:
        return (item["type"], item[side]["name"], item["edge"])

    if era is not None and not era["in_force"]:
        out, into, seats = [], [], []
    else:
        out = [_relation(view, k, v, "target", as_of) for _, v, k, _ in view.out_edges(node_id)]
        into = [_relation(view, k, u, "source", as_of) for u, _, k, _ in view.in_edges(node_id)]
        seats = _seats(view, node_id, as_of)
    return {
        "as_of": as_of,
        "node": base.node(node_id),
        "era": era,
        "replaces": sorted(replaces, key=lambda r: r["node"]["name"]),
        "out": sorted(out, key=lambda e: order(e, "target")),
        "in": sorted(into, key=lambda e: order(e, "source")),
        "seats": seats,
    }


def _seats(graph: OrgGraph, node_id: str, as_of: str | None = None) -> list[dict]:
    """The groups of seats (Post nodes with a number of ``seats``) of a body, each with who appoints them."""
    seats = []
    for post, _, edge_id, data in graph.in_edges(node_id, Rel.MEDLEM_AF):
        data = graph.record(post)
        if data["kind"] != Kind.Post or "seats" not in data["attrs"]:
            continue  # a position such as a vice-chair is held by a seat-holder; it is not a seat group
        seats.append({
            "post": graph.brief(post),
            "seats": data["attrs"]["seats"],
            "membership": edge_id,
            "appointed_by": sorted(
                (_relation(graph, k, u, "source", as_of) for u, _, k, _ in graph.in_edges(post, Rel.UDPEGER)),
                key=lambda e: (e["source"]["name"], e["edge"]),
            ),
        })
    return sorted(seats, key=lambda s: s["post"]["name"])

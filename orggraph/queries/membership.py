"""Members and coverage: the municipalities in a KKR, covered by a RAR or taking part in
a body; and everything one municipality takes part in.

May import: model, graph.

>>> from orggraph import load
>>> g = load()
>>> len(members(g, "KKR Midtjylland")["members"])
19
>>> len(members(g, "RAR Vestjylland", as_of="2016-01-01")["members"]), len(members(g, "RAR Vestjylland", as_of="2019-01-01")["members"])
(8, 7)
>>> sorted({m["type"] for m in memberships(g, "Aalborg", as_of="2019-06-01")["memberships"]})
['DAEKKER', 'DELTAGER_I', 'MEDLEM_AF']

A fact only possibly in force on the date says why (Viborg moved between two RAR on a day
that is not known):

>>> [(m["part_of"]["name"], m["uncertain"]) for m in memberships(g, "kommune-791", as_of="2017-06-01")["memberships"]
...  if m["type"] == "DAEKKER"]
[('RAR Vestjylland', 'ophørte mellem 2016-11-02 og 2018-04-29'), ('RAR Østjylland', 'begyndte mellem 2016-11-02 og 2018-04-30')]
"""

from __future__ import annotations

__all__ = ["members", "memberships", "persons", "PART_OF_OUT", "PART_OF_IN"]

from orggraph.graph import OrgGraph, uncertain
from orggraph.model import Kind, Rel


#: What a node takes part in (:func:`memberships`): relations out of it (its KKR and bodies, cooperations) ...
PART_OF_OUT = (Rel.MEDLEM_AF, Rel.DELTAGER_I)
#: ... and into it (the RAR covering it, posts it holds, positions in it).
PART_OF_IN = (Rel.DAEKKER, Rel.BESTRIDES_AF, Rel.MEDLEM_AF)


def _row(graph: OrgGraph, other: str, edge_id: str, key: str) -> dict:
    """An edge row with the node at its other end under ``key`` (``member`` or ``part_of``)."""
    edge = graph.edge_data(edge_id)
    day = graph.day
    return graph.edge_row(
        edge_id,
        **{key: graph.brief(other)},
        attrs=edge["attrs"],
        uncertain=(uncertain(edge, day) or uncertain(graph.record(other), day)) if day else None,
    )


def members(graph: OrgGraph, ref: str, as_of: str | None = None) -> dict:
    """The municipalities (and seats) of a body: members of a KKR or an Organ, those a RAR or
    a regionalt beskæftigelsesråd covers, or those taking part in a cooperation.

    ``{"as_of", "target", "members": [{"edge", "type", "member", "attrs", "uncertain", "valid_from", …}]}`` (edge rows,
    see :meth:`~orggraph.graph.OrgGraph.edge_row`); ``uncertain``
    says why a row is only possibly true on ``as_of`` (see :func:`orggraph.graph.uncertain`)."""
    graph = graph.as_of(as_of)
    target = graph.resolve(ref)
    kind = graph.kind(target)
    if kind in (Kind.RAR, Kind.Beskaeftigelsesraad):
        rows = [_row(graph, v, k, "member") for _, v, k, _ in graph.out_edges(target, Rel.DAEKKER)]
    elif kind == Kind.Samarbejde:
        rows = [_row(graph, u, k, "member") for u, _, k, _ in graph.in_edges(target, Rel.DELTAGER_I)]
    else:
        rows = [_row(graph, u, k, "member") for u, _, k, _ in graph.in_edges(target, Rel.MEDLEM_AF)]
    rows.sort(key=lambda r: (r["member"]["kind"], r["member"]["name"]))
    return {"as_of": as_of, "target": graph.node(target), "members": rows}


def memberships(graph: OrgGraph, ref: str, as_of: str | None = None) -> dict:
    """Everything a municipality (or another node) takes part in: its KKR and bodies
    (MEDLEM_AF), cooperations (DELTAGER_I), the RAR covering it (DAEKKER), posts it holds
    (BESTRIDES_AF) and positions in it (MEDLEM_AF from a post); each row with ``uncertain``
    as in :func:`members`."""
    graph = graph.as_of(as_of)
    target = graph.resolve(ref)
    rows = [_row(graph, v, k, "part_of") for _, v, k, d in graph.out_edges(target) if d["type"] in PART_OF_OUT]
    rows += [_row(graph, u, k, "part_of") for u, _, k, d in graph.in_edges(target) if d["type"] in PART_OF_IN]
    rows.sort(key=lambda r: (r["type"], r["part_of"]["kind"], r["part_of"]["name"]))
    return {"as_of": as_of, "target": graph.node(target), "memberships": rows}


def _holder(graph: OrgGraph, person: str, edge_id: str) -> dict:
    """A person holding a post (the BESTRIDES_AF edge), as an edge row."""
    attrs = graph.edge_data(edge_id)["attrs"]
    return graph.edge_row(
        edge_id,
        person=graph.brief(person),
        role=attrs.get("role"),
        title=attrs.get("title"),
        nominated_by=graph.brief(attrs["nominated_by"]) if attrs.get("nominated_by") in graph else None,
        municipality=graph.brief(attrs["municipality"]) if attrs.get("municipality") in graph else None,
        substitute=None,
        roster=attrs.get("roster"),
    )


def persons(graph: OrgGraph, ref: str, as_of: str | None = None) -> dict:
    """Who sits in a council or body on a date, from the rosters loaded (see :mod:`orggraph.readwrite.roster`).

    ``{"as_of", "target", "seat_groups": [{"seat_group", "seats", "nominated_by", "holders",
    "vacant"}], "posts": [{"post", "holders"}], "members": [...]}``: each seat group with its
    size and nominators from the data, its holders (each with its ``substitute``), the chair
    posts with theirs, and the persons who are members of a body without seat groups.
    """
    graph = graph.as_of(as_of)
    target = graph.resolve(ref)
    nodes = graph.graph.nodes
    groups, posts = [], []
    for post, _, _, _ in graph.in_edges(target, Rel.MEDLEM_AF):
        if nodes[post]["kind"] != Kind.Post:
            continue
        held = [_holder(graph, v, k) for _, v, k, _ in graph.out_edges(post, Rel.BESTRIDES_AF) if nodes[v]["kind"] == Kind.Person]
        members = [h for h in held if h["role"] != "suppleant"]
        for sub in (h for h in held if h["role"] == "suppleant"):
            stands_in = graph.edge_data(sub["edge"])["attrs"].get("substitute_for")
            for member in members:
                if member["person"]["id"] == stands_in:
                    member["substitute"] = sub
        members.sort(key=lambda h: h["person"]["name"])
        if "seats" in nodes[post]["attrs"]:
            seats = nodes[post]["attrs"]["seats"]
            groups.append({"seat_group": graph.brief(post), "seats": seats,
                           "nominated_by": [graph.brief(u) for u, _, _, _ in graph.in_edges(post, Rel.UDPEGER)],
                           "holders": members, "vacant": max(0, seats - len(members))})
        elif members:
            posts.append({"post": graph.brief(post), "holders": members})
    groups.sort(key=lambda g: g["seat_group"]["name"])
    posts.sort(key=lambda p: p["post"]["name"])
    direct = [_holder(graph, u, k) for u, _, k, _ in graph.in_edges(target, Rel.MEDLEM_AF) if nodes[u]["kind"] == Kind.Person]
    direct.sort(key=lambda h: h["person"]["name"])
    return {"as_of": as_of, "target": graph.node(target), "seat_groups": groups, "posts": posts, "members": direct}

"""Members and coverage: the municipalities in a KKR, covered by a RAR or taking part in
a body; and everything one municipality takes part in.

>>> from orggraph import load
>>> g = load()
>>> len(members(g, "KKR Midtjylland")["members"])
19
>>> len(members(g, "RAR Vestjylland", as_of="2016-01-01")["members"]), len(members(g, "RAR Vestjylland", as_of="2019-01-01")["members"])
(8, 7)
>>> sorted({m["relation"] for m in memberships(g, "Aalborg", as_of="2019-06-01")["memberships"]})
['DAEKKER', 'DELTAGER_I', 'MEDLEM_AF']

A fact only possibly in force on the date says why (Viborg moved between two RAR on a day
that is not known):

>>> [(m["part_of"]["name"], m["uncertain"]) for m in memberships(g, "kommune-791", as_of="2017-06-01")["memberships"]
...  if m["relation"] == "DAEKKER"]
[('RAR Vestjylland', 'ophørte mellem 2016-11-02 og 2018-04-29'), ('RAR Østjylland', 'begyndte mellem 2016-11-02 og 2018-04-30')]
"""

from __future__ import annotations

__all__ = ["members", "memberships", "persons"]

from orggraph.graph import OrgGraph, uncertain
from orggraph.model import Kind, Rel


def _row(graph: OrgGraph, other: str, edge_id: str, key: str) -> dict:
    edge = graph.edge(edge_id)
    day = graph.day
    return {
        key: graph.brief(other),
        "relation": edge["type"],
        "attrs": edge["attrs"],
        "valid_from": edge["valid_from"],
        "valid_to": edge["valid_to"],
        "confidence": edge["confidence"],
        "uncertain": (uncertain(edge, day) or uncertain(graph.record(other), day)) if day else None,
        "edge": edge_id,
        "sources": edge["sources"],
    }


def members(graph: OrgGraph, ref: str, as_of: str | None = None) -> dict:
    """The municipalities (and seats) of a body: members of a KKR or an Organ, those a RAR or
    a regionalt beskæftigelsesråd covers, or those taking part in a cooperation.

    ``{"as_of", "target", "members": [{"member", "relation", …, "uncertain"}]}``; ``uncertain``
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
    rows = [_row(graph, v, k, "part_of") for _, v, k, d in graph.out_edges(target) if d["type"] in (Rel.MEDLEM_AF, Rel.DELTAGER_I)]
    rows += [_row(graph, u, k, "part_of") for u, _, k, d in graph.in_edges(target) if d["type"] in (Rel.DAEKKER, Rel.BESTRIDES_AF, Rel.MEDLEM_AF)]
    rows.sort(key=lambda r: (r["relation"], r["part_of"]["kind"], r["part_of"]["name"]))
    return {"as_of": as_of, "target": graph.node(target), "memberships": rows}


def _holder(graph: OrgGraph, person: str, edge_id: str) -> dict:
    edge = graph.edge(edge_id)
    attrs = edge["attrs"]
    return {
        "person": graph.brief(person),
        "role": attrs.get("role"),
        "title": attrs.get("title"),
        "nominated_by": graph.brief(attrs["nominated_by"]) if attrs.get("nominated_by") in graph else None,
        "municipality": graph.brief(attrs["municipality"]) if attrs.get("municipality") in graph else None,
        "valid_from": edge["valid_from"],
        "valid_to": edge["valid_to"],
        "substitute": None,
        "roster": attrs.get("roster"),
        "sources": edge["sources"],
    }


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
            stands_in = graph.edge(next(k for _, v, k, _ in graph.out_edges(post, Rel.BESTRIDES_AF) if v == sub["person"]["id"]))["attrs"].get("substitute_for")
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

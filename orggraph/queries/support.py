"""Who supports whom: secretariat service and support, direct and indirect.

The analysts' first question is "who supports which RAR member?". Support is an edge
of one of the types in :data:`SUPPORT` into the thing supported: a staff unit serving a
whole body (SEKRETARIATSBETJENER), the KKR side serving the municipal members of a
council (BETJENER, whatever verb the source used), pre-meetings and comments for them
(BRIEFER), and preparing cases for a KKR or a body (UNDERSTOETTER). For a RAR or a
council, the things supported are the council itself (body-level service, such as an
arbejdsmarkedskontor's) and each of its seats and positions (support that reaches only
those members, such as a KKR body serving the municipal seats). Indirect supporters
are one step behind a direct one, where the data says so: the body it is placed UNDER,
the body that set it up (NEDSAT_AF), who holds the supporting post (BESTRIDES_AF), or
the municipality that provides the employee in it (STILLER_TIL_RAADIGHED: Aalborg
Kommune provides the employee who serves RAR Nordjylland's municipal members; it does
not hold the post). A KKR, a council or an outside organisation is not counted as an
indirect supporter: that is the hierarchy, not support.

May import: model, graph.

>>> from orggraph import load
>>> g = load()
>>> [(s["supporter"]["id"], s["reaches"], s["direct"]) for s in who_supports(g, "RAR Hovedstaden")["supporters"]]
[('amk-oest', 'the_body', True), ('organ-hovedstaden-koordinationsgruppe', 'municipal_members', True), ('organ-hovedstaden-embedsmandsudvalg', 'municipal_members', False)]
"""

from __future__ import annotations

__all__ = ["who_supports", "SUPPORT", "INDIRECT", "INDIRECT_IN", "NOT_INDIRECT", "BODIES", "REACHES", "THE_BODY", "MUNICIPAL_MEMBERS", "SEAT", "POSITION"]

from orggraph.graph import OrgGraph
from orggraph.model import Kind, Rel

#: Relation types that are support, most formal first; where one supporter reaches one
#: thing by several, the first one here is reported.
SUPPORT = (Rel.SEKRETARIATSBETJENER, Rel.BETJENER, Rel.BRIEFER, Rel.UNDERSTOETTER)
#: Relation types followed one step out of a direct supporter to an indirect one.
INDIRECT = (Rel.UNDER, Rel.NEDSAT_AF, Rel.BESTRIDES_AF)
#: Relation types followed one step back into a direct supporter (who provides its staff).
INDIRECT_IN = (Rel.STILLER_TIL_RAADIGHED,)
#: Kinds that are never counted as indirect supporters.
NOT_INDIRECT = frozenset({Kind.KKR, Kind.Organisation, Kind.RAR, Kind.Beskaeftigelsesraad})
#: What a supporter reaches (``reaches`` in the result), in the order supporters are listed: the
#: council or body itself, only its municipal members, only one seat group, only one position.
REACHES = ("the_body", "municipal_members", "seat", "position")
THE_BODY, MUNICIPAL_MEMBERS, SEAT, POSITION = REACHES
#: Kinds of body a post can belong to and be supported through.
BODIES = (Kind.RAR, Kind.Beskaeftigelsesraad, Kind.Organ, Kind.KKR)


def _reaches(graph: OrgGraph, supported: str) -> str:
    """What a supporter reaches (one of :data:`REACHES`): the body itself, its municipal members, a seat group or a position."""
    if graph.kind(supported) != Kind.Post:
        return THE_BODY
    attrs = graph.attrs(supported)
    if attrs.get("group") == "kommunale":
        return MUNICIPAL_MEMBERS
    return SEAT if "seats" in attrs else POSITION


def _supported(graph: OrgGraph, target: str) -> list[tuple[str, list[dict]]]:
    """The things whose supporters count as the target's, each with the hops that tie it to the target.

    A body: itself and the posts that belong to it. A post: itself, the bodies it belongs to,
    and the seat groups whose holders hold it: a vice-chair held by one of the municipal
    members is a municipal member, so whoever serves the municipal members serves the vice-chair.
    """
    kind = graph.kind(target)
    things = [(target, [])]
    if kind == Kind.Post:
        things += [(v, [graph.hop(k)]) for _, v, k, _ in graph.out_edges(target, Rel.MEDLEM_AF)
                   if graph.kind(v) in BODIES]
        things += [(v, [graph.hop(k)]) for _, v, k, _ in graph.out_edges(target, Rel.BESTRIDES_AF)
                   if graph.kind(v) == Kind.Post]
    elif kind == Kind.Person:  # a person is what they hold: a seat in a seat group, a chair; or a member of a body
        things = [(target, [])]
        for post, _, k, _ in graph.in_edges(target, Rel.BESTRIDES_AF):
            things += [(thing, [*tail, graph.hop(k)]) for thing, tail in _supported(graph, post)]
        things += [(v, [graph.hop(k)]) for _, v, k, _ in graph.out_edges(target, Rel.MEDLEM_AF)]
    else:
        things += [(u, [graph.hop(k)]) for u, _, k, _ in graph.in_edges(target, Rel.MEDLEM_AF)
                   if graph.kind(u) == Kind.Post]
    return things


def _holding(graph: OrgGraph, path: list[dict]) -> str:
    """Why a supporter applies to a person, from the holding the path ends in: "som et af de 5
    kommunale medlemmer, udpeget af KKR Syddanmark"."""
    last = path[-1]
    names = graph.graph.nodes
    if last["type"] == Rel.MEDLEM_AF:
        return f"som medlem af {names[last['to']]['name']}"
    post = names[last["from"]]
    attrs = graph.edge_data(last["edge"])["attrs"]
    nominator = f", udpeget af {names[attrs['nominated_by']]['name']}" if attrs.get("nominated_by") in graph else ""
    if "seats" not in post["attrs"]:
        return f"som {post['name'][0].lower()}{post['name'][1:]}"
    seats, group = post["attrs"]["seats"], post["attrs"].get("group")
    who = f"et af de {seats} kommunale medlemmer" if group == "kommunale" else f"et af de {seats} medlemmer på {post['name']}"
    if attrs.get("role") == "suppleant":
        who = f"suppleant for {names[attrs['substitute_for']]['name']}, " + who if attrs.get("substitute_for") in graph else "suppleant, " + who
    return f"som {who}{nominator}"


def _roster_persons(graph: OrgGraph, target: str, body: str) -> list[dict]:
    """The roster's persons in a supporting body, each flagged against the person supported: the same
    municipality, a chair from the member's municipality (the Struer pattern) and who mirrors whom."""
    nodes = graph.graph.nodes
    home = nodes[target]["attrs"].get("municipality")
    held = {target} | {u for u, _, _, _ in graph.in_edges(target, Rel.BESTRIDES_AF)}
    links = [(u, k) for u, _, k, _ in graph.in_edges(body, Rel.MEDLEM_AF) if nodes[u]["kind"] == Kind.Person]
    links += [(v, k) for p, _, _, _ in graph.in_edges(body, Rel.MEDLEM_AF) if nodes[p]["kind"] == Kind.Post
              for _, v, k, _ in graph.out_edges(p, Rel.BESTRIDES_AF) if nodes[v]["kind"] == Kind.Person]
    rows = []
    for person, edge_id in links:
        if person == target:
            continue
        attrs = graph.edge_data(edge_id)["attrs"]
        municipality = attrs.get("municipality") or nodes[person]["attrs"].get("municipality")
        mirrored = [graph.brief(v) for _, v, _, _ in graph.out_edges(person, Rel.SPEJLER) if v in held]
        flags = []
        if home and municipality == home:
            flags.append("same_municipality")
            if attrs.get("role") == "formand":
                flags.append("chair_from_member_municipality")
        if mirrored:
            flags.append("mirrors_member")
        rows.append(graph.edge_row(edge_id, person=graph.brief(person), role=attrs.get("role"), title=attrs.get("title"),
                                   municipality=graph.brief(municipality) if municipality in graph else None,
                                   mirrors=mirrored, flags=flags))
    rows.sort(key=lambda r: (not r["flags"], r["person"]["name"]))
    return rows


def who_supports(graph: OrgGraph, ref: str, as_of: str | None = None) -> dict:
    """Every supporter of a RAR, seat, post, KKR, body or a roster's person, direct ones first.

    Each supporter comes with the relation type, what it ``supports`` and what that
    ``reaches`` (``the_body``, ``municipal_members``, ``seat`` or ``position``), the path
    of relations from the supporter to the target, and the sources of every hop. An
    indirect supporter says ``via`` which relation it stands behind the direct one
    (``UNDER``, ``NEDSAT_AF``, ``BESTRIDES_AF`` or ``STILLER_TIL_RAADIGHED``); a direct
    one has ``via`` None. For a person (from a roster), each supporter also says ``why`` it
    applies ("som et af de 5 kommunale medlemmer, udpeget af KKR Syddanmark") and lists the
    roster's ``persons`` in it, flagged ``same_municipality``, ``chair_from_member_municipality``
    or ``mirrors_member``. ``unknown`` says what the data does not know about the support
    (for a regionalt beskæftigelsesråd or its seats: who serves its municipal members), else None.
    """
    graph = graph.as_of(as_of)
    target = graph.resolve(ref)
    found: dict[tuple[str, str], dict] = {}

    def add(supporter: str, relation: str, supported: str, path: list[dict], via: str | None) -> None:
        key = (supporter, supported)
        if key in found and (found[key]["direct"] or via is not None):
            return
        found[key] = {
            "supporter": graph.node(supporter),
            "type": relation,
            "supports": graph.brief(supported),
            "reaches": _reaches(graph, supported),
            "direct": via is None,
            "via": via,
            "path": path,
            "sources": [s for hop in path for s in hop["sources"]],
        }

    direct = []
    for supported, tail in _supported(graph, target):
        for relation in SUPPORT:
            for supporter, _, edge_id, _ in graph.in_edges(supported, relation):
                if supporter != target:
                    path = [graph.hop(edge_id), *tail]
                    add(supporter, relation, supported, path, None)
                    direct.append((supporter, relation, supported, path))
    for supporter, relation, supported, path in direct:
        steps = [(v, k, d["type"]) for _, v, k, d in graph.out_edges(supporter) if d["type"] in INDIRECT]
        steps += [(u, k, d["type"]) for u, _, k, d in graph.in_edges(supporter) if d["type"] in INDIRECT_IN]
        for behind, edge_id, via in steps:
            if graph.kind(behind) not in NOT_INDIRECT and behind != target:
                add(behind, relation, supported, [graph.hop(edge_id), *path], via)
    supporters = sorted(
        found.values(),
        key=lambda s: (not s["direct"], REACHES.index(s["reaches"]), SUPPORT.index(s["type"]), s["supporter"]["name"]),
    )
    if graph.kind(target) == Kind.Person:
        for s in supporters:
            why = _holding(graph, s["path"])
            s["why"] = f"{why} (medlem af {s['supports']['name']})" if s["reaches"] == THE_BODY else why
            s["persons"] = _roster_persons(graph, target, s["supporter"]["id"])
    return {"target": graph.node(target), "supporters": supporters, "unknown": _unknown_support(graph, target)}


def _unknown_support(graph: OrgGraph, target: str) -> str | None:
    """What the data says is not known about the support of a council's members, for the council
    or one of its seat groups (the 2025 councils: ``attrs.support_of_municipal_members``)."""
    for body in [target, *(v for _, v, _, _ in graph.out_edges(target, Rel.MEDLEM_AF))]:
        note = (graph.attrs(body) or {}).get("support_of_municipal_members")
        if note:
            return note
    return None

"""The roles of the principle model, and which node fills each role in each KKR area.

KL's "principmodel" describes the organisation by roles, not names: a KKR appoints the
municipal members of its RAR; an arbejdsmarkedskontor is the RAR's secretariat; an
administrative body prepares the KKR's cases (UNDERSTOETTER); someone serves the
municipal RAR members (BETJENER, whatever verb the source used); some bodies are composed
to mirror them. Each role here is a rule over the graph, so the fillers are read from the
data and never typed in by hand. From 2025-03-01 the council in the area is a regionalt
beskæftigelsesråd (kind Beskaeftigelsesraad); it fills the "rar" role on such a date.

>>> from orggraph import load
>>> g = load().as_of("2019-01-01")
>>> fillers(g, "kkr-nordjylland")["serves_members"]
['post-nordjylland-sekretaer-rar']
>>> fillers(g, "kkr-syddanmark")["prepares"]
['organ-syddanmark-embedsmandsudvalg']
>>> [r.key for r in ROLES][:3]
['kkr', 'rar', 'municipal_seats']
>>> role_label("mirrors"), body_type_label("direktoerkreds", "en")
('Spejler de kommunale RAR-medlemmer', "directors' circle")

The labels of the roles (:data:`ROLES`) and of the body types (:data:`BODY_TYPES`) are stated
here once, for the comparison and the figures alike. One role is not in KL's figure and is not
drawn: "coordinates", a coordination group (by its body type), which the comparison shows.

May import: model, graph.
"""

from __future__ import annotations

__all__ = ["BODY_TYPES", "COORDINATION_GROUP", "COUNCILS", "ROLES", "ROLE_EDGES", "BodyType", "Role", "RoleEdge", "areas",
           "body_type_label", "coordinating", "fillers", "members_label", "mirror_edges", "municipal_seats", "role_edges",
           "role_label"]

from typing import NamedTuple

from orggraph.graph import OrgGraph
from orggraph.model import MUNICIPAL_GROUP, VICE_CHAIR, Kind, Rel


class Role(NamedTuple):
    """A role in the principle model, with its Danish and English names."""

    key: str
    da: str
    en: str
    band: str  # where the role sits in a chart: political, administrative or municipal


class RoleEdge(NamedTuple):
    """A relation between two roles: fillers of ``source`` relate by ``type`` to fillers of ``target``."""

    source: str
    type: str
    target: str


ROLES: tuple[Role, ...] = (
    Role("kkr", "KKR", "KKR", "political"),  # text, not vocabulary: the role's Danish and English labels
    Role("rar", "RAR i området", "RAR in the area", "political"),
    Role("municipal_seats", "De kommunale RAR-medlemmer", "The municipal RAR members", "political"),
    Role("prepares", "Forbereder KKR's sager", "Prepares the KKR's cases", "administrative"),
    Role("serves_members", "Betjener de kommunale RAR-medlemmer", "Serves the municipal RAR members", "administrative"),
    Role("mirrors", "Spejler de kommunale RAR-medlemmer", "Mirrors the municipal RAR members", "administrative"),
    Role("sets_up", "Har nedsat organet (andet end KKR)", "Set up the body (other than the KKR)", "administrative"),
    Role("body_secretariat", "Sekretariat for det administrative organ", "Secretariat of the administrative body", "administrative"),
    Role("rar_secretariat", "RAR's sekretariat", "The RAR's secretariat", "administrative"),
    Role("municipalities", "Kommunerne i KKR", "The municipalities in the KKR", "municipal"),
    # not drawn in the principle model; the comparison shows it
    Role("coordinates", "Koordinerer", "Coordinates", "administrative"),
)
_ROLES = {r.key: r for r in ROLES}


def role_label(key: str, lang: str = "da") -> str:
    """A role's label (a key of :data:`ROLES`) in ``lang`` (``da`` or ``en``)."""
    return getattr(_ROLES[key], lang)


class BodyType(NamedTuple):
    """A type of body (``attrs.body_type``) in Danish and English words.

    ``joint``: the comparison calls a body of this type a "fælles organ (…)", one of the
    municipalities' joint bodies, rather than naming the type alone (a directors' circle, a
    coordination group, a secretariat). ``owner``: whose unit it is, said after the type in
    the comparison ("KKR-sekretariat (KL)"), as the principle model says "KKR-sekretariatet (KL)".
    """

    da: str
    en: str
    joint: bool = True
    owner: str = ""


#: Coordination group: a body of this type fills the "coordinates" role.
COORDINATION_GROUP = "koordinationsgruppe"

#: The body types in the data, by the value of ``attrs.body_type``.
BODY_TYPES: dict[str, BodyType] = {
    "arbejdsgruppe": BodyType("arbejdsgruppe", "working group"),
    "direktoerkreds": BodyType("direktørkreds", "directors' circle", joint=False),
    "direktoernetvaerk": BodyType("direktørnetværk", "directors' network", joint=False),
    "embedsmandsudvalg": BodyType("embedsmandsudvalg", "civil servants' committee"),
    "forum": BodyType("forum", "forum"),
    COORDINATION_GROUP: BodyType("koordinationsgruppe", "coordination group", joint=False),
    "netvaerk": BodyType("netværk", "network"),
    "styregruppe": BodyType("styregruppe", "steering group"),
    "arbejdsmarkedskontor": BodyType("arbejdsmarkedskontor", "labour market office", joint=False, owner="STAR"),
    "kkr-sekretariat": BodyType("KKR-sekretariat", "KKR secretariat", joint=False, owner="KL"),
    "ministerium": BodyType("ministerium", "ministry", joint=False),
}


def body_type_label(body_type: str, lang: str = "da") -> str:
    """A body type (``direktoerkreds``) as words (``direktørkreds``); unknown types are shown as they are."""
    known = BODY_TYPES.get(body_type)
    return getattr(known, lang) if known else body_type

#: The relations drawn between roles in the principle model.
ROLE_EDGES: tuple[RoleEdge, ...] = (
    RoleEdge("kkr", Rel.UDPEGER, "municipal_seats"),
    RoleEdge("municipal_seats", Rel.MEDLEM_AF, "rar"),
    RoleEdge("municipalities", Rel.MEDLEM_AF, "kkr"),
    RoleEdge("rar", Rel.DAEKKER, "municipalities"),
    RoleEdge("rar_secretariat", Rel.SEKRETARIATSBETJENER, "rar"),
    RoleEdge("prepares", Rel.UNDERSTOETTER, "kkr"),
    RoleEdge("prepares", Rel.NEDSAT_AF, "kkr"),
    RoleEdge("prepares", Rel.UNDER, "kkr"),
    RoleEdge("serves_members", Rel.BETJENER, "municipal_seats"),
    RoleEdge("serves_members", Rel.UNDER, "prepares"),
    RoleEdge("mirrors", Rel.SPEJLER, "municipal_seats"),
    RoleEdge("prepares", Rel.NEDSAT_AF, "sets_up"),
    RoleEdge("body_secretariat", Rel.SEKRETARIATSBETJENER, "prepares"),
)


_MEMBERS = {
    "all": {"da": "de kommunale medlemmer", "en": "the municipal members"},
    "vice_chairs": {"da": "de kommunale næstformænd", "en": "the municipal vice-chairs"},
    "vice_chair": {"da": "den kommunale næstformand", "en": "the municipal vice-chair"},
}


def members_label(graph: OrgGraph, post: str, lang: str = "da", one: bool = False) -> str:
    """Which members of a council a post stands for (whom a body mirrors), in words read from its
    attributes, not its name: the municipal members (``attrs.group``), the municipal vice-chairs
    (``attrs.office``; ``one``: the vice-chair of one council), else the post's name.

    >>> from orggraph import load
    >>> g = load()
    >>> members_label(g, "post-rar-fyn-kommunale"), members_label(g, "post-rar-fyn-naestformand-kommunal", "en", one=True)
    ('de kommunale medlemmer', 'the municipal vice-chair')
    """
    attrs = graph.attrs(post)
    if attrs.get("group") == MUNICIPAL_GROUP:
        return _MEMBERS["all"][lang]
    if attrs.get("office") == VICE_CHAIR:
        return _MEMBERS["vice_chair" if one else "vice_chairs"][lang]
    return graph.name(post)


def areas(graph: OrgGraph) -> list[str]:
    """The KKR areas in the data: the ids of the KKR nodes, in data order."""
    return graph.node_ids(Kind.KKR)


def _sources_of(graph: OrgGraph, targets: set[str], relations: tuple[str, ...], kinds: tuple[str, ...] | None = None) -> list[str]:
    found = []
    for target in targets:
        for u, _, _, d in graph.in_edges(target):
            if d["type"] in relations and (kinds is None or graph.kind(u) in kinds) and u not in found:
                found.append(u)
    return found


#: Kinds of council whose municipal members a KKR appoints: the RAR until 2025-02-28, the
#: regionale beskæftigelsesråd from 2025-03-01.
COUNCILS = (Kind.RAR, Kind.Beskaeftigelsesraad)


def _on_a_council(graph: OrgGraph, post: str) -> bool:
    """Whether the post is a seat of a council in force in ``graph`` (a RAR's seat ends with the RAR)."""
    return any(graph.kind(v) in COUNCILS for _, v, _, _ in graph.out_edges(post, Rel.MEDLEM_AF))


def mirror_edges(graph: OrgGraph, sources, targets) -> list[str]:
    """SPEJLER edges into ``targets`` from ``sources`` or from a post that is a member of one of them
    (a body whose members mirror: "to af medlemmerne spejler …")."""
    targets, found = set(targets), []
    for u in sources:
        posts = [p for p, _, _, _ in graph.in_edges(u, Rel.MEDLEM_AF) if graph.kind(p) == Kind.Post]
        for start in [u, *posts]:
            found += [k for _, v, k, _ in graph.out_edges(start, Rel.SPEJLER) if v in targets]
    return sorted(dict.fromkeys(found))


def _mirroring(graph: OrgGraph, seats: list[str]) -> list[str]:
    """Who mirrors the seats: a body or post with a SPEJLER edge into them, or the body whose member post has one."""
    found = []
    for u in _sources_of(graph, set(seats), (Rel.SPEJLER,)):
        bodies = [v for _, v, _, _ in graph.out_edges(u, Rel.MEDLEM_AF) if graph.kind(v) == Kind.Organ]
        found += bodies if graph.kind(u) == Kind.Post and bodies else [u]
    return found


def municipal_seats(graph: OrgGraph, area: str) -> list[str]:
    """The posts of the municipal council members a KKR appoints, and the posts they hold (a municipal
    næstformand); only seats of a council in force (on a view's date)."""
    seats = [v for _, v, _, _ in graph.out_edges(area, Rel.UDPEGER) if _on_a_council(graph, v)]
    held = [u for seat in seats for u, _, _, _ in graph.in_edges(seat, Rel.BESTRIDES_AF)]
    return list(dict.fromkeys(seats + held))


def coordinating(graph: OrgGraph, area: str) -> list[str]:
    """The bodies, posts and secretariats of the area that coordinate: a coordination group (by its body type)."""
    return [n for n in graph.area_node_ids(area) if graph.kind(n) in (Kind.Organ, Kind.Post, Kind.Sekretariat)
            and graph.attrs(n).get("body_type") == COORDINATION_GROUP]


def fillers(graph: OrgGraph, area: str) -> dict[str, list[str]]:
    """For one KKR area, the node ids filling each role, in a stable order (ids sorted within a role)."""
    seats = municipal_seats(graph, area)
    rar = sorted({v for seat in seats for _, v, _, _ in graph.out_edges(seat, Rel.MEDLEM_AF) if graph.kind(v) in COUNCILS})
    prepares = _sources_of(graph, {area}, (Rel.UNDERSTOETTER,), (Kind.Organ, Kind.Post, Kind.Sekretariat))
    found = {
        "kkr": [area],
        "rar": rar,
        "municipal_seats": seats,
        "prepares": prepares,
        "serves_members": _sources_of(graph, set(seats), (Rel.BETJENER,)),
        "mirrors": _mirroring(graph, seats),
        "sets_up": [v for body in prepares for _, v, _, _ in graph.out_edges(body, Rel.NEDSAT_AF) if v != area],
        "body_secretariat": _sources_of(graph, set(prepares), (Rel.SEKRETARIATSBETJENER,)),
        "rar_secretariat": _sources_of(graph, set(rar), (Rel.SEKRETARIATSBETJENER,), (Kind.Sekretariat, Kind.Organisation)),
        "municipalities": [u for u, _, _, _ in graph.in_edges(area, Rel.MEDLEM_AF) if graph.kind(u) == Kind.Kommune],
        "coordinates": coordinating(graph, area),
    }
    return {key: sorted(dict.fromkeys(ids)) for key, ids in found.items()}


def role_edges(graph: OrgGraph, area: str, roles: dict[str, list[str]] | None = None) -> dict[RoleEdge, list[str]]:
    """For one KKR area, the edge ids behind each relation between roles (empty when the area lacks it)."""
    roles = roles or fillers(graph, area)
    found: dict[RoleEdge, list[str]] = {}
    for edge in ROLE_EDGES:
        targets = set(roles[edge.target])
        if edge.type == Rel.SPEJLER:
            found[edge] = mirror_edges(graph, roles[edge.source], targets)
        else:
            found[edge] = sorted(k for u in roles[edge.source] for _, v, k, _ in graph.out_edges(u, edge.type) if v in targets)
    return found

"""Compare the KKR areas' structures: a matrix of features × regions, a role-by-role diff
of two regions with a similarity score, and each region's deviations from the principle model.

Every cell is computed by a function from the graph (nothing is typed in), and carries
its evidence: the ids of the nodes and edges it was read from, with their sources.

May import: model, graph, queries.

>>> from orggraph import load
>>> m = compare(load(), as_of="2019-01-01")
>>> m["regions"]
['kkr-hovedstaden', 'kkr-midtjylland', 'kkr-nordjylland', 'kkr-sjaelland', 'kkr-syddanmark']
>>> row = next(f for f in m["features"] if f["feature"] == "serves_members.kind")
>>> row["values"]["kkr-nordjylland"]
'stab: én kommunes medarbejder (Aalborg Kommune)'
>>> row["values"]["kkr-sjaelland"] == row["values"]["kkr-midtjylland"]  # both: a steering group has the task
True
"""

from __future__ import annotations

__all__ = ["FEATURES", "THEMES", "COMPARED_ROLES", "Feature", "compare", "diff", "deviations", "decisions", "era",
           "themes", "kind_of", "serving_kind"]

from collections.abc import Callable
from typing import NamedTuple
from weakref import WeakKeyDictionary

from orggraph.graph import OrgGraph
from orggraph.model import MUNICIPAL_GROUP, Kind, Rel
from orggraph.queries.roles import (BODY_TYPES, ROLE_EDGES, ROLES, areas, body_type_label, fillers, members_label, mirror_edges,
                                    role_label)

#: Theme tags of a focus point: the tag and the word stems in its name that give it.
THEMES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("unge", ("unge",)),
    ("uddannelse", ("uddannelse",)),
    ("opkvalificering", ("opkvalificering", "kvalificeret", "kompetent")),
    ("virksomhedsservice", ("virksomhed", "efterspørgsel")),
    ("arbejdskraftforsyning", ("arbejdskraft", "arbejdsstyrke", "mobilitet", "arbejdsmarked")),
    ("vækst", ("vækst",)),
    ("økonomi", ("økonomi",)),
    ("effekt og viden", ("virker", "effekt", "vidensbaseret")),
    ("udsatte borgere", ("borgere", "borgerrettede")),
    ("tværkommunalt samarbejde", ("samarbejde på tværs",)),
    ("store anlægsprojekter", ("anlægsprojekter",)),
)


class Feature(NamedTuple):
    """A row of the matrix: its key, Danish label and the function giving ``(value, evidence)`` for an area."""

    key: str
    label: str
    compute: Callable[[OrgGraph, str, dict], tuple[object, list[dict]]]


# -- evidence ---------------------------------------------------------------------------
def _node_evidence(graph: OrgGraph, ids) -> list[dict]:
    return [{"id": n, "kind": graph.kind(n), "sources": graph.titled(graph.record(n)["sources"])} for n in ids]


def _edge_evidence(graph: OrgGraph, ids) -> list[dict]:
    out = []
    for edge_id in ids:
        edge = graph.edge(edge_id)
        out.append({"id": edge_id, "type": edge["type"], "sources": graph.titled(edge["sources"])})
    return out


def _edges(graph: OrgGraph, sources, relation: str, targets) -> list[str]:
    if relation == Rel.SPEJLER:  # a body mirrors through its members too
        return mirror_edges(graph, sources, targets)
    targets = set(targets)
    return sorted(k for u in sources for _, v, k, _ in graph.out_edges(u, relation) if v in targets)


def _names(graph: OrgGraph, ids) -> str | None:
    return "; ".join(graph.name(n) for n in ids) or None


# -- what a filler is -------------------------------------------------------------------
def kind_of(graph: OrgGraph, node_id: str) -> str:
    """What a filler is: a joint body (with its type), a directors' circle, a coordination group,
    one municipality's employee, KL's KKR secretariat, …

    >>> from orggraph import load
    >>> g = load()
    >>> kind_of(g, "organ-syddanmark-embedsmandsudvalg"), kind_of(g, "post-nordjylland-sekretaer-rar")
    ('fælles organ (embedsmandsudvalg)', 'én kommunes medarbejder (Aalborg Kommune)')
    """
    node = graph.record(node_id)
    body_type = node["attrs"].get("body_type")
    known = BODY_TYPES.get(body_type)
    if known and not known.joint:
        return f"{known.da} ({known.owner})" if known.owner else known.da
    if node["kind"] == Kind.Organ:
        return f"fælles organ ({body_type_label(body_type)})" if body_type else "fælles organ"
    if node["kind"] == Kind.Post:
        providers = [graph.record(u) for u, _, _, _ in graph.in_edges(node_id, Rel.STILLER_TIL_RAADIGHED)]
        municipal = [e["name"] for e in providers if e["kind"] == Kind.Kommune]
        return f"én kommunes medarbejder ({', '.join(municipal)})" if municipal else "post"
    return node["kind"]


def serving_kind(graph: OrgGraph, node_id: str) -> str:
    """What serves the municipal council members, as an organisational difference: a body
    (a steering group, a committee, a coordination group) that has the task, or staff (a
    secretariat, one municipality's employee) that do the work. The verb the source used
    ("betjene", "servicering", "understøtte") is no difference (it is kept in attrs.verb).

    >>> from orggraph import load
    >>> g = load().as_of("2019-01-01")
    >>> serving_kind(g, "organ-sjaelland-asb") == serving_kind(g, "organ-midtjylland-styregruppe")
    True
    >>> serving_kind(g, "post-nordjylland-sekretaer-rar")
    'stab: én kommunes medarbejder (Aalborg Kommune)'
    """
    if graph.kind(node_id) == Kind.Organ:
        return f"organ med opgaven: {kind_of(graph, node_id)}"
    return f"stab: {kind_of(graph, node_id)}"


def _describe(graph: OrgGraph, area: str, role: str, node_id: str) -> str:
    """What fills ``role`` in ``area``, in the terms that matter for the role: for the servicing
    of the members, a body with the task or staff (:func:`serving_kind`); for who set up the
    body, whether that is the KKR area's own network (established through KKR) or someone outside."""
    if role == "serves_members":
        return serving_kind(graph, node_id)
    if role == "sets_up" and graph.area(node_id) == area:
        return f"{kind_of(graph, node_id)} i KKR-området (etableret gennem KKR)"
    return kind_of(graph, node_id)


# -- the date of a comparison ---------------------------------------------------------
def _councils_from(graph: OrgGraph) -> str | None:
    base = graph.full
    days = [d["valid_from"] for d in map(base.record, base.node_ids(Kind.Beskaeftigelsesraad)) if d.get("valid_from")]
    return min(days, default=None)


def _last_rar_day(graph: OrgGraph) -> str | None:
    base = graph.full
    days = [d["valid_to"] for d in map(base.record, base.node_ids(Kind.RAR)) if d.get("valid_to")]
    return max(days, default=None)


def _era(graph: OrgGraph) -> str:
    """``council`` on a date when the regionale beskæftigelsesråd are in force and no RAR is,
    ``rar`` on a date when a RAR is, ``all`` without a date (every fact in the data)."""
    if getattr(graph, "_day", None) is None:
        return "all"
    key = _ERAS.get(graph)  # asked for every cell: found once per date's view (a view never changes)
    if key is None:
        key = _ERAS[graph] = ("rar" if graph.node_ids(Kind.RAR) else
                              "council" if graph.node_ids(Kind.Beskaeftigelsesraad) else "none")
    return key


#: Each date's view's era, while the view lives (see :func:`_era`).
_ERAS: WeakKeyDictionary = WeakKeyDictionary()


def era(graph: OrgGraph, as_of: str | None = None) -> dict:
    """Which era ``as_of`` lies in, and what the comparison can and cannot say there.

    ``{"key": "rar" | "council" | "all" | "none", "as_of", "text", "rar_era_as_of"}``: in the
    council era (from 2025-03-01) the principle model's arrangements of the RAR era are not
    carried over; ``text`` says in Danish what is unknown and ``rar_era_as_of`` is the last day
    of the RAR era, the --as-of that shows them.
    """
    view = graph.as_of(as_of)
    as_of = getattr(view, "_day", None)
    key = _era(view)
    last = _last_rar_day(view)
    texts = {
        "rar": "RAR-tiden: de regionale arbejdsmarkedsråd (RAR) og KKR-områdernes ordninger for deres kommunale medlemmer.",
        "all": "Alle fakta i data uanset dato; perioder vises, hvor de kendes.",
        "none": "Hverken RAR eller regionale beskæftigelsesråd er i kraft på denne dato.",
        "council": (f"Beskæftigelsesrådenes tid (fra {_councils_from(view) or '2025-03-01'}): de fem regionale beskæftigelsesråd "
                    "afløste de otte RAR. Kilderne siger ikke, hvilke KKR-organer der betjener, forbereder for eller spejler "
                    "rådenes kommunale medlemmer; RAR-tidens ordninger vises ikke her"
                    + (f", men med --as-of {last}." if last else ".")),
    }
    return {"key": key, "as_of": as_of, "text": texts[key], "rar_era_as_of": last}


#: What the comparison says, in the council era, where the sources say nothing.
_UNKNOWN_IN_COUNCIL_ERA = {
    "rar": "ukendt: ingen kilde siger, at KKR udpeger rådets kommunale medlemmer",
    "prepares": "ukendt for beskæftigelsesrådenes tid (ingen kilde)",
    "serves_members": "ukendt for beskæftigelsesrådenes tid (ingen kilde)",
    "mirrors": "ukendt for beskæftigelsesrådenes tid (ingen kilde)",
    "pre_meetings": "ukendt for beskæftigelsesrådenes tid (ingen kilde)",
}


def _unknown(graph: OrgGraph, role: str) -> str | None:
    """The cell for an empty role: None (nothing in the data) in the RAR era, 'ukendt …' in the council era."""
    return _UNKNOWN_IN_COUNCIL_ERA.get(role) if _era(graph) == "council" else None


def _size(graph: OrgGraph, node_id: str) -> str | None:
    attrs = graph.attrs(node_id)
    composition = attrs.get("composition")
    if isinstance(composition, list):
        composition = "; ".join(composition)
    parts = [f"{attrs['size']} medlemmer" if attrs.get("size") else None, composition]
    return ": ".join(p for p in parts if p) or None


# -- roles -------------------------------------------------------------------------------
#: The roles compared, with their Danish labels (:func:`orggraph.queries.roles.role_label`).
COMPARED_ROLES = tuple((key, role_label(key)) for key in ("prepares", "serves_members", "mirrors", "coordinates", "sets_up"))


def _role_edges_of(graph: OrgGraph, role: str, roles: dict) -> list[str]:
    ids = []
    for edge in ROLE_EDGES:
        if role in (edge.source, edge.target) and edge.source in roles and edge.target in roles:
            ids += _edges(graph, roles[edge.source], edge.type, roles[edge.target])
    if role == "coordinates":
        ids += sorted(k for u in roles["coordinates"] for _, _, k, d in graph.out_edges(u) if d["type"] in (Rel.UNDER, Rel.UNDERSTOETTER))
    return sorted(dict.fromkeys(ids))


def _role_feature(role: str, aspect: str):
    def compute(graph: OrgGraph, area: str, roles: dict):
        ids = roles[role]
        evidence = _node_evidence(graph, ids) + _edge_evidence(graph, _role_edges_of(graph, role, roles))
        if not ids:
            return _unknown(graph, role), []
        if aspect == "filler":
            return _names(graph, ids), evidence
        if aspect == "kind":
            return "; ".join(dict.fromkeys(_describe(graph, area, role, n) for n in ids)), _node_evidence(graph, ids)
        sizes = [f"{graph.name(n)}: {_size(graph, n)}" for n in ids if _size(graph, n)]
        return "; ".join(sizes) or None, _node_evidence(graph, ids)
    return compute


# -- the other features ------------------------------------------------------------------
def _municipalities(graph, area, roles):
    ids = roles["municipalities"]
    return len(ids), _edge_evidence(graph, _edges(graph, ids, Rel.MEDLEM_AF, [area]))


def _rar(graph, area, roles):
    seats = roles["municipal_seats"]
    appointed = _edges(graph, [area], Rel.UDPEGER, seats)
    edges = appointed + _edges(graph, seats, Rel.MEDLEM_AF, roles["rar"])
    names = []
    for council in roles["rar"]:
        marks = {graph.edge(k)["confidence"] for k in appointed for _, v, _, _ in graph.out_edges(graph.edge(k)["to"], Rel.MEDLEM_AF) if v == council}
        name = graph.name(council)
        names.append(f"{name} (KKR's udpegning ikke verificeret)" if marks == {"unverified"} else name)
    if not names and _era(graph) == "council":
        return _unknown(graph, "rar"), _edge_evidence(graph, edges)
    return "; ".join(names) or None, _edge_evidence(graph, edges)


def _bodies(graph, area, roles):
    ids = sorted(n for n in graph.area_node_ids(area) if graph.kind(n) == Kind.Organ)
    return len(ids), _node_evidence(graph, ids)


def _mirrored(graph, area, roles):
    edges = _edges(graph, roles["mirrors"], Rel.SPEJLER, roles["municipal_seats"])
    labels = [members_label(graph, graph.edge(edge_id)["to"]) for edge_id in edges]
    return "; ".join(dict.fromkeys(labels)) or _unknown(graph, "mirrors"), _edge_evidence(graph, edges)


def _pre_meetings(graph, area, roles):
    involved = sorted(dict.fromkeys(roles["serves_members"] + roles["prepares"]))
    briefs = _edges(graph, involved, Rel.BRIEFER, roles["municipal_seats"])
    # a body's undated pre_meetings attribute describes the RAR era; on a council-era date only BRIEFER edges count
    held = [n for n in involved if graph.attrs(n).get("pre_meetings")] if _era(graph) != "council" else []
    if not held and not briefs:
        return _unknown(graph, "pre_meetings") or "ikke oplyst", _node_evidence(graph, involved)
    hows = [graph.attrs(n).get("pre_meetings_how") for n in held]
    hows += [graph.edge(k)["attrs"].get("how") for k in briefs]
    hows = list(dict.fromkeys(h for h in hows if h))
    return "ja: " + "; ".join(hows) if hows else "ja", _node_evidence(graph, held) + _edge_evidence(graph, briefs)


def _focus(graph: OrgGraph, area: str) -> list[tuple[str, str, dict]]:
    """``(focus point, VEDTAGER edge id, edge data)``: the pejlemærker adopted by the KKR
    (recommendations, Anbefaling, are counted apart)."""
    return sorted((v, k, d) for _, v, k, d in graph.out_edges(area, Rel.VEDTAGER) if graph.kind(v) == Kind.Pejlemaerke)


def _category(graph: OrgGraph, node_id: str) -> str | None:
    """A pejlemærke's category (attrs.category, e.g. 'pejlemærke for kommunernes arbejde i RAR'), if the data gives one."""
    category = graph.attrs(node_id).get("category")
    return category.strip() if isinstance(category, str) and category.strip() else None


def _focus_parts(graph: OrgGraph, focus: list[str]) -> list[tuple[str, str]]:
    """``(pejlemærke, DEL_AF edge id)`` for each pejlemærke that is an item of one of ``focus``."""
    return sorted((u, k) for n in focus for u, _, k, _ in graph.in_edges(n, Rel.DEL_AF) if graph.kind(u) == Kind.Pejlemaerke)


def _focus_count(graph, area, roles):
    """How many pejlemærker; where a KKR adopted several kinds (attrs.category), each kind counted apart."""
    found = _focus(graph, area)
    evidence = _edge_evidence(graph, [k for _, k, _ in found])
    counts: dict[str, int] = {}
    for node_id, _, _ in found:
        key = _category(graph, node_id) or "uden kategori"
        counts[key] = counts.get(key, 0) + 1
    if len(counts) <= 1:
        parts = _focus_parts(graph, [n for n, _, _ in found])
        if found and parts:  # one overall focus unfolded in items (Syddanmark's "Vækst og Arbejdspladser")
            return f"{len(found)} ({len(parts)} delpunkter)", evidence + _edge_evidence(graph, [k for _, k in parts])
        return (len(found) if found else _unknown(graph, "focus") or 0), evidence
    return "; ".join(f"{n} {category}" for category, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))), evidence


def _recommendations(graph, area, roles):
    """The KKR's recommendations (Anbefaling) by binding: 'skal' binds every municipality that joins, 'kan' is voluntary."""
    ids = sorted({v for _, v, _, _ in graph.out_edges(area, Rel.VEDTAGER) if graph.kind(v) == Kind.Anbefaling}
                 | {n for n in graph.area_node_ids(area) if graph.kind(n) == Kind.Anbefaling})
    if not ids:
        return None, []
    counts: dict[str, int] = {}
    for n in ids:
        binding = graph.attrs(n).get("binding") or "binding ikke oplyst"
        counts[binding] = counts.get(binding, 0) + 1
    order = {"skal": 0, "kan": 1}
    text = ", ".join(f"{counts[b]} {b}" for b in sorted(counts, key=lambda b: (order.get(b, 2), b)))
    return f"{len(ids)}: {text}", _node_evidence(graph, ids)


def _decision_day(node: dict) -> str:
    """When a decision was taken, as the data knows it: an approximate date in words, or its valid_from."""
    return node["attrs"].get("date_text") or node.get("valid_from") or "udateret"


def decisions(graph: OrgGraph, area: str) -> list[dict]:
    """The decisions the KKR took (Beslutning nodes it TRAEFFER), earliest first, each with what
    it concerns (ANGAAR), its type (attrs.decision_type) and its date (valid_from, or
    attrs.date_text for an approximate one)."""
    rows = []
    for _, node_id, edge_id, _ in graph.out_edges(area, Rel.TRAEFFER):
        node = graph.record(node_id)
        concerns = [(v, k) for _, v, k, _ in graph.out_edges(node_id, Rel.ANGAAR)]
        rows.append({"id": node_id, "name": node["name"], "day": _decision_day(node), "valid_from": node.get("valid_from"),
                     "decision_type": node["attrs"].get("decision_type"), "confidence": node["confidence"],
                     "concerns": [graph.name(v) for v, _ in concerns],
                     "edges": [edge_id] + [k for _, k in concerns]})
    return sorted(rows, key=lambda r: (r["valid_from"] or "9999", r["name"]))


#: Danish plurals of the kinds a decision concerns, for "(6 pejlemærker)".
_PLURAL = {Kind.Pejlemaerke: "pejlemærker", Kind.Anbefaling: "anbefalinger", Kind.Samarbejde: "samarbejder",
           Kind.Forsoegsrunde: "forsøgsrunder", Kind.Opgave: "opgaver", Kind.Beslutning: "beslutninger"}


def _concerning(graph: OrgGraph, decision: str) -> str:
    """What a decision concerns, briefly: the one thing's name, or how many of each kind."""
    targets = [v for _, v, _, _ in graph.out_edges(decision, Rel.ANGAAR)]
    if len(targets) == 1:
        return graph.name(targets[0])
    counts: dict[str, int] = {}
    for v in targets:
        kind = graph.kind(v)
        counts[kind] = counts.get(kind, 0) + 1
    return ", ".join(f"{n} {_PLURAL.get(k, k)}" for k, n in counts.items())


def _decisions(graph, area, roles):
    rows = decisions(graph, area)
    parts = []
    for r in rows:
        what = r["decision_type"] or r["name"]
        about = f" ({_concerning(graph, r['id'])})" if r["concerns"] and r["decision_type"] else ""
        mark = "" if r["confidence"] == "stated" else (" [udledt]" if r["confidence"] == "derived" else " [ikke verificeret]")
        parts.append(f"{r['day']}: {what}{about}{mark}")
    evidence = _node_evidence(graph, [r["id"] for r in rows]) + _edge_evidence(graph, [k for r in rows for k in r["edges"]])
    return "; ".join(parts) or None, evidence


def _focus_adopted(graph, area, roles):
    found = _focus(graph, area)
    dates = sorted({d["attrs"].get("date") for _, _, d in found if d["attrs"].get("date")})
    notes = sorted({d["attrs"].get("date_note") for _, _, d in found if d["attrs"].get("date_note")})
    value = ", ".join(dates + [f"ikke oplyst ({n})" for n in notes]) or None
    return value, _edge_evidence(graph, [k for _, k, _ in found])


def themes(name: str) -> list[str]:
    """The theme tags of a focus point, read from its name (see :data:`THEMES`).

    >>> themes("Ungeindsats – understøtte at flere unge får uddannelse og kommer i job")
    ['unge', 'uddannelse']
    """
    text = name.lower()
    return [tag for tag, stems in THEMES if any(stem in text for stem in stems)] or ["andet"]


def _focus_themes(graph, area, roles):
    found = _focus(graph, area)
    nodes = [n for n, _, _ in found] + [u for u, _ in _focus_parts(graph, [n for n, _, _ in found])]
    counts: dict[str, int] = {}
    for node_id in nodes:
        for tag in themes(graph.name(node_id)):
            counts[tag] = counts.get(tag, 0) + 1
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return ", ".join(f"{tag} ({n})" for tag, n in ordered) or None, _node_evidence(graph, nodes)


def _cooperations(graph, area, roles):
    ids = sorted(n for n in graph.area_node_ids(area) if graph.kind(n) == Kind.Samarbejde)
    parts = []
    for n in ids:
        node = graph.record(n)
        span = f", {node.get('valid_from') or ''}–{node.get('valid_to') or ''}" if node.get("valid_from") or node.get("valid_to") else ""
        kind = node["attrs"].get("kind_of")
        parts.append(f"{node['name']} ({kind}{span})" if kind else node["name"])
    return "; ".join(parts) or None, _node_evidence(graph, ids)


FEATURES: tuple[Feature, ...] = (
    Feature("municipalities", "Kommuner i KKR", _municipalities),
    Feature("rar", "RAR, hvis kommunale medlemmer KKR udpeger", _rar),
    Feature("bodies", "Antal administrative organer", _bodies),
    *(Feature(f"{role}{suffix}", f"{label}{what}", _role_feature(role, aspect))
      for role, label in COMPARED_ROLES
      for suffix, what, aspect in (("", ": hvem", "filler"), (".kind", ": art", "kind"), (".size", ": størrelse og sammensætning", "size"))),
    Feature("mirrors.whom", "Spejler hvilke RAR-medlemmer", _mirrored),
    Feature("pre_meetings", "Formøder før RAR-møderne", _pre_meetings),
    Feature("focus.count", "Pejlemærker: antal", _focus_count),
    Feature("focus.adopted", "Pejlemærker: vedtaget", _focus_adopted),
    Feature("focus.themes", "Pejlemærker: temaer", _focus_themes),
    Feature("recommendations", "Anbefalinger: skal og kan", _recommendations),
    Feature("decisions", "KKR's beslutninger (dato: art)", _decisions),
    Feature("cooperations", "Samarbejder og forsøg", _cooperations),
    Feature("deviations", "Afvigelser fra principmodellen", lambda graph, area, roles: _deviation_cell(graph, area, roles)),
)


def _deviation_cell(graph: OrgGraph, area: str, roles: dict):
    found = _deviations(graph, area, roles)
    evidence = list({e["id"]: e for d in found for e in d["evidence"]}.values())
    return "; ".join(d["deviation"] for d in found) or "ingen", evidence


def _era_label(label: str, key: str) -> str:
    """A row's label on a council-era date: the councils' members, not the RAR's."""
    if key != "council":
        return label
    return (label.replace("RAR, hvis", "Beskæftigelsesråd, hvis").replace("RAR-møderne", "rådsmøderne")
            .replace("RAR-medlemmer", "rådsmedlemmer"))


def _regions(graph: OrgGraph, refs: list[str] | None) -> list[str]:
    chosen = [graph.resolve(r, kind=Kind.KKR) for r in refs] if refs else areas(graph)
    return list(dict.fromkeys(chosen))


def compare(graph: OrgGraph, regions: list[str] | None = None, as_of: str | None = None) -> dict:
    """The matrix: ``{"regions", "names", "as_of", "features": [{"feature", "label", "values", "evidence"}]}``.

    ``regions`` are KKR references (default: every KKR area); ``as_of`` keeps the facts in
    force that day (default: everything in the data, with periods shown). ``era`` says which
    era the date lies in (see :func:`era`): on a date after the RAR era, the RAR-era
    arrangements are not shown and the cells the sources cannot fill say "ukendt".
    """
    graph = graph.as_of(as_of)
    chosen = _regions(graph, regions)
    roles = {area: fillers(graph, area) for area in chosen}
    features = []
    for feature in FEATURES:
        values, evidence = {}, {}
        for area in chosen:
            values[area], evidence[area] = feature.compute(graph, area, roles[area])
        features.append({"feature": feature.key, "label": _era_label(feature.label, _era(graph)), "values": values, "evidence": evidence})
    return {"regions": chosen, "names": {a: graph.name(a) for a in chosen}, "as_of": as_of,
            "era": era(graph, None), "features": features}


# -- the role abstraction, its diff and the deviations ------------------------------------
def _abstraction(graph: OrgGraph, area: str) -> tuple[dict[str, str], set[tuple[str, str, str]], dict]:
    """The area as roles: ``{role: kinds of its fillers}``, the role edges present, and the fillers."""
    roles = fillers(graph, area)
    nodes = {r: "; ".join(sorted({_describe(graph, area, r, n) for n in ids})) for r, ids in roles.items() if ids}
    edges = {(e.source, e.type, e.target) for e in ROLE_EDGES
             if e.source in roles and e.target in roles and _edges(graph, roles[e.source], e.type, roles[e.target])}
    return nodes, edges, roles


def diff(graph: OrgGraph, first: str, second: str, as_of: str | None = None) -> dict:
    """What ``first`` has that ``second`` lacks and back, role by role, with a similarity score.

    The score compares the two role abstractions (a node per role that is filled, labelled
    with what fills it; an edge per relation between roles that the data shows). Since each
    role occurs once, the graph edit distance is the count of roles only one area fills,
    roles both fill with a different kind of filler, and role relations only one area has.
    ``similarity = 1 - distance / (size of first + size of second)``, where a size counts
    nodes and edges: 1 for identical structures, 0 for nothing in common.
    """
    graph = graph.as_of(as_of)
    a, b = graph.resolve(first, kind=Kind.KKR), graph.resolve(second, kind=Kind.KKR)
    (nodes_a, edges_a, roles_a), (nodes_b, edges_b, roles_b) = _abstraction(graph, a), _abstraction(graph, b)
    rows = []
    for role in (r.key for r in ROLES):
        fa, fb = roles_a.get(role, []), roles_b.get(role, [])
        if role in ("kkr", "rar", "municipal_seats", "municipalities"):
            status = "same role" if bool(fa) == bool(fb) else ("only " + (a if fa else b))
        elif fa and fb:
            status = "same kind" if nodes_a[role] == nodes_b[role] else "different kind"
        else:
            status = "neither" if not fa and not fb else "only " + (a if fa else b)
        if role == "mirrors":  # whom they mirror is part of what fills the role
            for nodes, area, roles in ((nodes_a, a, roles_a), (nodes_b, b, roles_b)):
                if role in nodes:
                    nodes[role] += f"; spejler {_mirrored(graph, area, roles)[0]}"
            if fa and fb:
                status = "same kind" if nodes_a[role] == nodes_b[role] else "different kind"
        rows.append({"role": role, "label": role_label(role), "status": status,
                     a: {"fillers": fa, "names": _names(graph, fa), "kind": nodes_a.get(role)},
                     b: {"fillers": fb, "names": _names(graph, fb), "kind": nodes_b.get(role)}})
    node_cost = len(set(nodes_a) ^ set(nodes_b)) + sum(1 for r in set(nodes_a) & set(nodes_b) if nodes_a[r] != nodes_b[r])
    edge_cost = len(edges_a ^ edges_b)
    size = len(nodes_a) + len(edges_a) + len(nodes_b) + len(edges_b)
    return {
        "regions": [a, b],
        "names": {a: graph.name(a), b: graph.name(b)},
        "role_labels": {row["role"]: row["label"] for row in rows},
        "roles": rows,
        "relations": {f"only {a}": sorted(map(list, edges_a - edges_b)), f"only {b}": sorted(map(list, edges_b - edges_a))},
        "distance": node_cost + edge_cost,
        "distance_parts": {"roles_only_in_one": len(set(nodes_a) ^ set(nodes_b)),
                           "roles_filled_by_another_kind": node_cost - len(set(nodes_a) ^ set(nodes_b)),
                           "relations_only_in_one": edge_cost},
        "similarity": round(1 - (node_cost + edge_cost) / size, 3) if size else 1.0,
    }


def deviations(graph: OrgGraph, area: str, as_of: str | None = None) -> list[dict]:
    """How an area departs from the principle model, each with its evidence.

    The principle model (KL): the municipalities' administrative body prepares the KKR's
    cases, and that body serves the municipal RAR members and is composed to mirror them.
    A deviation is a role nobody fills, a role filled by a post (one person) rather than
    a body, members served by another body than the one preparing the cases, a body
    that mirrors only some of the municipal members, or a body set up from outside the KKR
    area (a body the area's own directors' network set up, such as KD-Net in Midtjylland, is
    established through KKR and no deviation). On a date in the council era the principle
    model's roles are unknown, and that is said once instead of listing them as missing.
    """
    graph = graph.as_of(as_of)
    area = graph.resolve(area, kind=Kind.KKR)
    return _deviations(graph, area, fillers(graph, area))


def _deviations(graph: OrgGraph, area: str, roles: dict) -> list[dict]:
    found = []

    def add(text: str, nodes=(), edges=()) -> None:
        found.append({"deviation": text, "evidence": _node_evidence(graph, nodes) + _edge_evidence(graph, edges)})

    if _era(graph) == "council":
        last = _last_rar_day(graph)
        add("Principmodellen beskriver RAR-tiden; for beskæftigelsesrådene er det ukendt, hvem der betjener og spejler "
            "de kommunale medlemmer" + (f" (RAR-tiden: --as-of {last})" if last else ""))
    for role, label in COMPARED_ROLES[:3]:
        if not roles[role] and _era(graph) != "council":
            add(f"Ingen rolle '{label}' i data")
        for n in roles[role]:
            if graph.kind(n) == Kind.Post:
                add(f"'{label}' varetages af en person, ikke et organ: {graph.name(n)} ({kind_of(graph, n)})", [n])
    others = [n for n in roles["serves_members"] if n not in roles["prepares"]]
    if others and roles["prepares"]:
        add(f"De kommunale RAR-medlemmer betjenes af et andet organ end det, der forbereder KKR's sager: {_names(graph, others)}",
            others, _edges(graph, others, Rel.UNDER, roles["prepares"]))
    mirrored = _edges(graph, roles["mirrors"], Rel.SPEJLER, roles["municipal_seats"])
    groups = [s for s in roles["municipal_seats"] if graph.attrs(s).get("group") == MUNICIPAL_GROUP]
    reached = {graph.edge(e)["to"] for e in mirrored}
    if mirrored and not set(groups) <= reached:
        add(f"Spejler kun {_mirrored(graph, area, roles)[0]}, ikke alle de kommunale medlemmer", roles["mirrors"], mirrored)
    # A body set up by the KKR area's own network of municipal directors (Midtjylland's KD-Net) is
    # "etableret gennem KKR" in seed-003's sense: only a body set up from outside the area deviates.
    outside = [n for n in roles["sets_up"] if graph.area(n) != area]
    if outside:
        add(f"Organet er nedsat af {_names(graph, outside)}, ikke gennem KKR", outside,
            _edges(graph, roles["prepares"], Rel.NEDSAT_AF, outside))
    return found

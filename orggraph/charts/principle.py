"""The principle model and the five areas side by side, drawn on one fixed template.

The principle model shows generic roles only, as KL's figure does ("en principmodel, der
ikke inddrager de nuancer, der er i den konkrete organisering i de fem KKR-områder"):

- political level: the KKR nominates the municipal RAR members, whose mandate is the
  KKR's political focus points, and they sit in the RAR with the labour-market parties;
- administrative level: an administrative body prepares the KKR's cases and serves the
  municipal members; the KKR secretariat (KL) serves that body;
- the state: the arbejdsmarkedskontor (STAR) is the RAR's secretariat;
- the municipalities at the bottom.

Every role comes from the role rules in :mod:`orggraph.queries.roles`, so a role that no area fills
is not drawn, and every number (5 seats, 21 members, 98 municipalities) is read from the data.

The areas figure fills the same template in for each KKR area, one panel under the other,
with every slot pinned to the same position: where one body both prepares and serves, it
is one wide box; where two bodies do, two boxes. What else an area has is a dashed note.

May import: model, graph, queries, charts.

>>> from orggraph import load
>>> chart = build_principle(load(), "2022-01-01", "da")
>>> len(chart.nodes), len(chart.edges)
(7, 6)
>>> sorted(e.meaning for e in chart.edges)
['betjener', 'forbereder', 'medlem', 'sekretariat', 'sekretariat', 'udpeger']
"""

from __future__ import annotations

__all__ = ["build_principle", "build_areas", "GEOGRAPHIC", "short_name"]

import re
from collections import Counter

from orggraph.charts.caption import finish_caption
from orggraph.charts.dot import box_height
from orggraph.charts.spec import Band, Chart, ChartEdge, ChartNode
from orggraph.charts.style import PAGES, count
from orggraph.graph import OrgGraph
from orggraph.model import MUNICIPAL_GROUP, Kind, Rel
from orggraph.queries.roles import body_type_label, fillers, members_label, mirror_edges

#: The KKR areas from north to south and west to east, the order of every figure.
GEOGRAPHIC = ("kkr-nordjylland", "kkr-midtjylland", "kkr-syddanmark", "kkr-sjaelland", "kkr-hovedstaden")

_W = PAGES["portrait"].width
_BOX = 110.0
_COLS = (_BOX / 2, _W / 2, _W - _BOX / 2)  # centres of the three columns
_SPAN = (_COLS[0] - _BOX / 2, _COLS[1] + _BOX / 2)  # one box over the first two columns


def short_name(graph: OrgGraph, node_id: str) -> str:
    """A name as a figure shows it: without the area in brackets, a municipality without
    "Kommune" (in a list of the municipalities a RAR covers), and a long name replaced by its
    first alias that reads as a name ("Kredsen af direktører på beskæftigelsesområdet" ->
    "Direktørkredsen"). The full name stays in the caption's alt text and in the data. The
    one helper for shortening a name in a figure.

    >>> from orggraph import load
    >>> g = load()
    >>> short_name(g, "organ-hovedstaden-koordinationsgruppe"), short_name(g, "organ-nordjylland-direktoerkredsen")
    ('Koordinationsgruppen', 'Direktørkredsen')
    """
    data = graph.record(node_id)
    if data["kind"] == Kind.Kommune:
        return data["name"].removesuffix(" Kommune")
    name = re.sub(r"\s*\((KKR )?(Nordjylland|Midtjylland|Syddanmark|Sjælland|Hovedstaden)\)$", "", data["name"])
    if len(name) <= 34:
        return name
    readable = [a for a in data.get("aliases") or [] if 10 <= len(a) < len(name) and not a.split()[0].isupper()]
    return readable[0] if readable else name


def ordered_areas(graph: OrgGraph) -> list[str]:
    """The KKR areas in the data in geographic order (others after them, by id)."""
    present = graph.node_ids(Kind.KKR)
    return [a for a in GEOGRAPHIC if a in present] + sorted(a for a in present if a not in GEOGRAPHIC)


def _uncertain(record: dict) -> bool:
    return record.get("confidence") in ("derived", "unverified")


def _common(values, default=None):
    found = Counter(v for v in values if v is not None)
    return found.most_common(1)[0][0] if found else default


def _seats(graph: OrgGraph, area: str, roles: dict) -> list[tuple[int, bool, str]]:
    """``(seats, uncertain, edge id)`` of each nomination of municipal members by the KKR."""
    return [((d.get("attrs") or {}).get("seats") or 0, _uncertain(d), k)
            for _, v, k, d in graph.out_edges(area, Rel.UDPEGER) if v in roles["municipal_seats"]]


def _place(chart: Chart, node: ChartNode, x: float, top: float, height: float, total: float) -> None:
    node.pos = (x, total - (top + height / 2))
    chart.add_node(node)


def _cite(docs: set[str], *records: dict) -> None:
    for record in records:
        docs.update(s["document"] for s in record.get("sources", []))


def build_principle(graph: OrgGraph, as_of: str, lang: str) -> Chart:
    """The principle model: about seven generic boxes in four bands, no area's names."""
    view = graph.as_of(as_of)
    chart = Chart("principmodel", "principmodel", _title("principle", lang), as_of, lang)
    per_area = {area: fillers(view, area) for area in ordered_areas(view)}
    filled = {role for roles in per_area.values() for role, ids in roles.items() if ids}
    docs: set[str] = set()

    seats = [s for area, roles in per_area.items() for s, _, _ in _seats(view, area, roles) if s]
    rars = sorted({r for roles in per_area.values() for r in roles["rar"]})
    members = _common((view.attrs(r) or {}).get("members") for r in rars)
    parties = any(view.kind(o) == Kind.Organisation for r in rars
                  for post, _, _, _ in view.in_edges(r, Rel.MEDLEM_AF) for o, _, _, _ in view.in_edges(post, Rel.UDPEGER))
    focus = [k for area in per_area for _, _, k, _ in view.out_edges(area, Rel.VEDTAGER)]
    body_types = [t for t, _ in Counter((view.attrs(b) or {}).get("body_type") for roles in per_area.values()
                                        for b in roles["prepares"]).most_common() if t]
    kommuner = sorted({k for roles in per_area.values() for k in roles["municipalities"]})
    for roles in per_area.values():
        for ids in roles.values():
            for n in ids:
                _cite(docs, view.record(n))

    da = lang == "da"
    boxes = {
        "kkr": ChartNode("kkr", Kind.KKR, "KKR (kommunekontaktråd)" if da else "KKR (municipal contact council)", "political"),
        "municipal_seats": ChartNode("municipal_seats", Kind.Post,
                                     f"{_common(seats, 5)} kommunale RAR-medlemmer" if da else f"{_common(seats, 5)} municipal RAR members",
                                     "political", [("mandat: KKR's politiske pejlemærker" if da else "mandate: the KKR's focus points")] if focus else []),
        "rar": ChartNode("rar", Kind.RAR, "RAR (regionalt arbejdsmarkedsråd)" if da else "RAR (regional labour market council)", "political",
                         [count(members, "members", lang) + ((", bl.a. arbejdsmarkedets parter" if da else ", incl. the social partners")
                                                             if parties else "")] if members else []),
        "prepares": ChartNode("prepares", Kind.Organ, "Administrativt organ" if da else "Administrative body", "administrative",
                              [" eller ".join([", ".join(body_type_label(t, lang) for t in body_types[:-1]), body_type_label(body_types[-1], lang)])
                               if len(body_types) > 1 else body_type_label(body_types[0], lang)] if body_types else []),
        "body_secretariat": ChartNode("body_secretariat", Kind.Sekretariat, "KKR-sekretariatet (KL)" if da else "The KKR secretariat (KL)",
                                      "administrative"),
        "rar_secretariat": ChartNode("rar_secretariat", Kind.Sekretariat, "Arbejdsmarkedskontor (STAR)" if da else "Labour market office (STAR)",
                                     "state"),
        "municipalities": ChartNode("municipalities", Kind.Kommune,
                                    (f"De {len(kommuner)} kommuner" if da else f"The {len(kommuner)} municipalities"),
                                    "municipal", ["jobcentre og tværkommunale samarbejder" if da else "jobcentres and cross-municipal cooperation"]),
    }
    show = [key for key in boxes if key in filled or (key == "prepares" and "serves_members" in filled)]  # in drawing order
    for key in show:
        boxes[key].width = _SPAN[1] - _SPAN[0] if key in ("prepares", "municipalities") else _BOX
    if "municipalities" in show:
        boxes["municipalities"].width = _W
    _principle_layout(chart, boxes, show)
    edges = [("kkr", "udpeger", "municipal_seats", str(_common(seats, ""))), ("municipal_seats", "medlem", "rar", ""),
             ("prepares", "forbereder", "kkr", ""), ("prepares", "betjener", "municipal_seats", ""),
             ("body_secretariat", "sekretariat", "prepares", ""), ("rar_secretariat", "sekretariat", "rar", "")]
    needs = {"prepares": "prepares", "betjener": "serves_members"}
    for source, meaning, target, label in edges:
        role = needs.get(meaning, source)
        if source in show and target in show and role in filled:
            chart.add_edge(ChartEdge(source, meaning, target, label))
    chart.footnotes.append("Principmodel: de konkrete navne og variationer i de fem KKR-områder er ikke vist; se figuren over de fem områder."
                           if da else "Principle model: the names and variations of the five KKR areas are not shown; see the figure of the five areas.")
    return finish_caption(chart, view, docs)


def _principle_layout(chart: Chart, boxes: dict[str, ChartNode], show: list[str]) -> None:
    """Pin the principle model's boxes in four bands: political, administrative beside the state, municipalities."""
    height = {k: box_height(boxes[k]) for k in show}
    row = lambda *keys: max([height[k] for k in keys if k in show], default=0.0)  # noqa: E731
    top0 = 14.0
    political_bottom = top0 + row("kkr", "municipal_seats", "rar") + 8
    top1 = political_bottom + 26
    y = top1 + row("prepares", "rar_secretariat")
    top2 = y + 22
    if "body_secretariat" in show:
        y = top2 + row("body_secretariat")
    admin_bottom = y + 8
    top3 = admin_bottom + 16
    total = (top3 + row("municipalities") + 8) if "municipalities" in show else admin_bottom
    x = {"kkr": _COLS[0], "municipal_seats": _COLS[1], "rar": _COLS[2], "prepares": sum(_SPAN) / 2,
         "rar_secretariat": _COLS[2], "body_secretariat": _COLS[0], "municipalities": _W / 2}
    tops = {"kkr": top0, "municipal_seats": top0, "rar": top0, "prepares": top1, "rar_secretariat": top1,
            "body_secretariat": top2, "municipalities": top3}
    for key in show:
        _place(chart, boxes[key], x[key], tops[key], height[key], total)

    def band(key: str, x0: float, x1: float, top: float, bottom: float) -> None:
        chart.backgrounds.append(Band(key, x0, total - bottom, x1, total - top))

    band("political", 0.0, _W, 0.0, political_bottom)
    admin_right = _COLS[2] - _BOX / 2 - 8 if "rar_secretariat" in show else _W
    band("administrative", 0.0, admin_right, political_bottom, admin_bottom)
    if "rar_secretariat" in show:
        band("state", admin_right, _W, political_bottom, admin_bottom)
    if "municipalities" in show:
        band("municipal", 0.0, _W, admin_bottom, total)


def _title(kind: str, lang: str) -> str:
    titles = {
        "principle": ("Principmodel: politisk og administrativ organisering af det tværkommunale samarbejde på beskæftigelsesområdet",
                      "Principle model: political and administrative organisation of cross-municipal cooperation on employment"),
        "areas": ("De fem KKR-områders organisering af det tværkommunale samarbejde på beskæftigelsesområdet",
                  "How the five KKR areas organise cross-municipal cooperation on employment"),
    }
    return titles[kind][0 if lang == "da" else 1]


def display_name(view: OrgGraph, node_id: str, lang: str = "da") -> str:
    """How a filler is named in a box: a post held by one municipality's employee says so."""
    data = view.record(node_id)
    if data["kind"] == Kind.Post:
        employers = [view.name(u) for u, _, _, _ in view.in_edges(node_id, Rel.STILLER_TIL_RAADIGHED)
                     if view.kind(u) == Kind.Kommune]
        if employers:
            return (f"Medarbejder fra {employers[0]}" if lang == "da" else f"An employee of {employers[0]}")
    return short_name(view, node_id)


def _names(view: OrgGraph, ids, lang: str) -> str:
    names = [display_name(view, i, lang) for i in ids]
    joint = " og " if lang == "da" else " and "
    return ", ".join(names[:-1]) + joint + names[-1] if len(names) > 1 else "".join(names)


def _notes(view: OrgGraph, area: str, roles: dict, lang: str) -> list[str]:
    """An area's special features, from the data: who set the body up, whom it mirrors (when not all the
    municipal members), who is its secretariat, pre-meetings, and the area's other bodies."""
    da = lang == "da"
    found = []
    if roles["sets_up"]:
        found.append(("Nedsat af " if da else "Set up by ") + _names(view, roles["sets_up"], lang))
    targets = [view.edge(k)["to"] for k in mirror_edges(view, roles["mirrors"], roles["municipal_seats"])]
    groups = [s for s in roles["municipal_seats"] if view.attrs(s).get("group") == MUNICIPAL_GROUP]
    whom = [] if set(groups) <= set(targets) else targets  # all members mirrored: the model itself
    if whom and any(view.attrs(p).get("group") != MUNICIPAL_GROUP for p in whom):
        what = dict.fromkeys(members_label(view, p, lang) for p in whom)
        found.append(("Spejler " if da else "Mirrors ") + " og ".join(what))
    if roles["body_secretariat"]:
        found.append(("Sekretariat for organet: " if da else "Secretariat of the body: ") + _names(view, roles["body_secretariat"], lang))
    if any((view.attrs(n) or {}).get("pre_meetings") or any(view.out_edges(n, Rel.BRIEFER))
           for n in roles["prepares"] + roles["serves_members"]):
        found.append("Formøder før RAR-møderne" if da else "Pre-meetings before the RAR meetings")
    in_roles = {n for ids in roles.values() for n in ids}
    # other bodies of the area; one known only from a document title (unverified) is left out of a figure
    others = [n for n in view.area_node_ids(area)
              if view.kind(n) == Kind.Organ and n not in in_roles and view.record(n)["confidence"] != "unverified"]
    if others:
        found.append(("Desuden: " if da else "Also: ") + _names(view, others, lang))
    return found


def _slot_box(view: OrgGraph, area: str, slot: str, ids: list[str], lang: str, width: float) -> ChartNode:
    """One administrative slot filled by one or more bodies: their names, and type and size when one."""
    details = []
    if len(ids) == 1:
        attrs = view.attrs(ids[0]) or {}
        if attrs.get("body_type"):
            details.append(body_type_label(attrs["body_type"], lang) + (f", {count(attrs['size'], 'members', lang)}" if attrs.get("size") else ""))
    uncertain = all(_uncertain(view.record(i)) for i in ids)
    return ChartNode(f"{area}:{slot}", view.kind(ids[0]), _names(view, ids, lang), "administrative", details,
                     uncertain=uncertain, width=width)


def build_areas(graph: OrgGraph, as_of: str, lang: str) -> Chart:
    """The five KKR areas as small multiples on one A4 page, each filling the principle model's template."""
    view = graph.as_of(as_of)
    chart = Chart("omraader", "areas", _title("areas", lang), as_of, lang)
    docs: set[str] = set()
    panels = [(area, _area_boxes(view, area, fillers(view, area), lang, docs)) for area in ordered_areas(view)]
    row_a = max(box_height(b[k]) for _, b in panels for k in ("kkr", "members", "rar") if b.get(k))
    row_b = max([box_height(n) for _, b in panels for n in b["admin"] + b["amk"]], default=24.0)
    head, gap, panel_gap = 30.0, 26.0, 8.0
    panel_h = head + row_a + gap + row_b + 4
    total = len(panels) * panel_h + (len(panels) - 1) * panel_gap
    for i, (area, boxes) in enumerate(panels):
        top = i * (panel_h + panel_gap)
        if boxes["note"]:
            _place(chart, boxes["note"], _W - boxes["note"].width / 2, top, head - 4, total)
        for key, x in (("kkr", _COLS[0]), ("members", _COLS[1]), ("rar", _COLS[2])):
            if boxes.get(key):
                _place(chart, boxes[key], x, top + head, row_a, total)
        xs = [sum(_SPAN) / 2] if len(boxes["admin"]) == 1 else [_COLS[0], _COLS[1]]
        for node, x in zip(boxes["admin"], xs):
            _place(chart, node, x, top + head + row_a + gap, row_b, total)
        for node in boxes["amk"]:
            _place(chart, node, _COLS[2], top + head + row_a + gap, row_b, total)
        for edge in boxes["edges"]:
            chart.add_edge(edge)
        split = _COLS[2] - _BOX / 2 - 8
        # the political band takes in the panel's head, so its name has room left of the note
        chart.backgrounds += [Band("political", 0.0, total - (top + head + row_a + 5), _W, total - top, i == 0),
                              Band("administrative", 0.0, total - (top + panel_h), split, total - (top + head + row_a + 5), i == 0),
                              Band("state", split, total - (top + panel_h), _W, total - (top + head + row_a + 5), i == 0)]
    chart.footnotes.append("Hvert område er tegnet på samme skabelon som principmodellen; samme plads betyder samme rolle."
                           if lang == "da" else "Every area is drawn on the principle model's template; the same place means the same role.")
    return finish_caption(chart, view, docs)


def _area_boxes(view: OrgGraph, area: str, roles: dict, lang: str, docs: set[str]) -> dict:
    """One panel's boxes and arrows, each id prefixed by the area, in the template's slots."""
    da = lang == "da"
    kkr = view.record(area)
    _cite(docs, kkr)
    nominations = _seats(view, area, roles)
    for ids in roles.values():
        for n in ids:
            _cite(docs, view.record(n))
    boxes: dict = {"edges": [], "amk": []}
    boxes["kkr"] = ChartNode(f"{area}:kkr", Kind.KKR, kkr["name"], "political",
                             [count(len(roles["municipalities"]), "municipalities", lang)], uncertain=_uncertain(kkr), width=_BOX)
    seats = " + ".join(str(s) for s, _, _ in nominations if s) or "?"
    boxes["members"] = ChartNode(f"{area}:members", Kind.Post, f"{seats} kommunale RAR-medlemmer" if da else f"{seats} municipal RAR members",
                                 "political", width=_BOX)
    if roles["rar"]:
        names = [view.name(r) for r in roles["rar"]]
        boxes["rar"] = ChartNode(f"{area}:rar", Kind.RAR, (" og " if da else " and ").join(names), "political",
                                 uncertain=all(_uncertain(view.record(r)) for r in roles["rar"]), width=_BOX)
    prepares = roles["prepares"]
    serves = [b for b in roles["serves_members"] if b not in prepares]
    slots = {"prepares": prepares, "serves": serves} if prepares and serves else {"prepares": prepares or roles["serves_members"]}
    width = _BOX if len(slots) == 2 else _SPAN[1] - _SPAN[0]
    boxes["admin"] = [_slot_box(view, area, slot, ids, lang, width) for slot, ids in slots.items() if ids]
    slot_of = {b: f"{area}:{slot}" for slot, ids in slots.items() for b in ids}
    if roles["rar_secretariat"]:
        amk = roles["rar_secretariat"][0]
        boxes["amk"].append(ChartNode(f"{area}:amk", Kind.Sekretariat, short_name(view, amk) + " (STAR)", "state",
                                      uncertain=_uncertain(view.record(amk)), width=_BOX))
    notes = _notes(view, area, roles, lang)
    boxes["note"] = ChartNode(f"{area}:note", Kind.Organ, " · ".join(notes), "administrative", note=True,
                              width=_W - _SPAN[0] - _BOX - 20) if notes else None

    def arrow(source: str, meaning: str, target: str, evidence: list[str], label: str = "") -> None:
        for k in evidence:
            _cite(docs, view.edge(k))
        unsure = bool(evidence) and all(_uncertain(view.edge(k)) for k in evidence)
        boxes["edges"].append(ChartEdge(source, meaning, target, label, uncertain=unsure, evidence=evidence))

    arrow(f"{area}:kkr", "udpeger", f"{area}:members", [k for _, _, k in nominations])
    if roles["rar"]:
        arrow(f"{area}:members", "medlem", f"{area}:rar",
              [k for seat in roles["municipal_seats"] for _, v, k, _ in view.out_edges(seat, Rel.MEDLEM_AF) if v in roles["rar"]])
    for body in prepares:
        arrow(slot_of[body], "forbereder", f"{area}:kkr", [k for _, v, k, _ in view.out_edges(body, Rel.UNDERSTOETTER) if v == area])
    for body in roles["serves_members"]:
        arrow(slot_of[body], "betjener", f"{area}:members", [k for _, v, k, _ in view.out_edges(body, Rel.BETJENER) if v in roles["municipal_seats"]])
    if boxes["amk"] and roles["rar"]:
        arrow(f"{area}:amk", "sekretariat", f"{area}:rar", [k for amk in roles["rar_secretariat"]
                                                            for _, v, k, _ in view.out_edges(amk, Rel.SEKRETARIATSBETJENER) if v in roles["rar"]])
    return boxes

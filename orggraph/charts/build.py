"""Build charts from the graph: the principle model, one KKR area, one RAR, the whole country.

Nothing here is drawn by hand for a region: every box and arrow comes from the graph as
it stood on the chart's date (by default the latest change in the data, see
:meth:`orggraph.graph.OrgGraph.latest_change`).

>>> from orggraph import load
>>> g = load()
>>> chart = build_chart(g, "region", "KKR Sjælland")
>>> chart.title
'Organisering i KKR Sjælland'
>>> sorted(n for n in chart.nodes if n.startswith("organ-"))
['organ-sjaelland-asb', 'organ-sjaelland-jobforum']
>>> [n.title for n in chart.nodes.values() if n.kind == "Kommune"]
['Kommuner dækket af RAR Sjælland (17)']
>>> build_chart(g, "national").kinds()
['KKR', 'RAR', 'Kommune', 'Sekretariat']
"""

from __future__ import annotations

__all__ = ["CHART_KINDS", "build_chart", "chart_keys", "area_name"]

import textwrap
from collections import Counter

from orggraph.charts.spec import Chart, ChartEdge, ChartNode
from orggraph.charts.style import body_type_label, count, word, wrap
from orggraph.exceptions import UsageError
from orggraph.graph import OrgGraph
from orggraph.model import KINDS
from orggraph.roles import ROLE_EDGES, ROLES, areas, fillers, municipal_seats, role_edges
from orggraph.support import who_supports

#: The chart kinds, and whether each takes a reference.
CHART_KINDS: dict[str, bool] = {"principmodel": False, "region": True, "rar": True, "national": False}

_WIDTH = 38  # characters per line in a box
_BAND_OF_KIND = {
    "Organisation": "national", "KKR": "political", "RAR": "political", "Organ": "administrative",
    "Sekretariat": "administrative", "Kommune": "municipal", "Pejlemaerke": "political", "Samarbejde": "municipal",
}


def area_name(graph: OrgGraph, area: str) -> str:
    """A KKR area's short name: ``kkr-nordjylland`` -> ``Nordjylland``."""
    return graph.graph.nodes[area]["name"].removeprefix("KKR ").strip()


def _political_posts(graph: OrgGraph) -> set[str]:
    """Posts on the political level: seats in a RAR or KKR, and posts tied to them by BESTRIDES_AF."""
    found = {u for u, v, _, _ in graph.edges("MEDLEM_AF")
             if graph.graph.nodes[u]["kind"] == "Post" and graph.graph.nodes[v]["kind"] in ("RAR", "KKR")}
    todo = list(found)
    while todo:
        post = todo.pop()
        ends = [v for _, v, _, _ in graph.out_edges(post, "BESTRIDES_AF")] + [u for u, _, _, _ in graph.in_edges(post, "BESTRIDES_AF")]
        for other in ends:
            if graph.graph.nodes[other]["kind"] == "Post" and other not in found:
                found.add(other)
                todo.append(other)
    return found


def _details(data: dict, lang: str) -> list[str]:
    """The lines under a box's title: type, size, composition, seats."""
    attrs = data.get("attrs") or {}
    lines = []
    if attrs.get("body_type"):
        lines.append(body_type_label(attrs["body_type"], lang))
    if attrs.get("size"):
        lines.append(count(attrs["size"], "members", lang))
    elif data["kind"] == "RAR" and attrs.get("members"):
        lines.append(count(attrs["members"], "members", lang))
    if attrs.get("seats"):
        lines.append(count(attrs["seats"], "seats", lang))
    composition = attrs.get("composition")
    if composition:
        text = "; ".join(composition) if isinstance(composition, list) else composition
        lines += wrap(text, _WIDTH + 6)
    return lines


class _Builder:
    """Collects a chart's nodes and edges from the graph, and the documents they cite."""

    def __init__(self, graph: OrgGraph, chart: Chart, list_municipalities: bool = False):
        self.graph = graph
        self.chart = chart
        self.lang = chart.lang
        self.list_municipalities = list_municipalities
        self.political = _political_posts(graph)
        self.docs: set[str] = set()

    def cite(self, sources: list[dict]) -> None:
        self.docs.update(s["document"] for s in sources)

    def band(self, node_id: str) -> str:
        kind = self.graph.graph.nodes[node_id]["kind"]
        if kind == "Post":
            return "political" if node_id in self.political else "administrative"
        return _BAND_OF_KIND[kind]

    def node(self, node_id: str) -> None:
        if node_id in self.chart.nodes:
            return
        data = self.graph.graph.nodes[node_id]
        self.cite(data["sources"])
        self.chart.add_node(ChartNode(node_id, data["kind"], data["name"], self.band(node_id), _details(data, self.lang)))

    def edges_among(self, skip: tuple[str, ...] = ()) -> None:
        """Draw every edge of the graph between nodes already in the chart.

        A municipality's memberships are left to its group box (see :meth:`municipality_groups`).
        """
        drawn = set(self.chart.nodes)
        for u, v, k, d in self.graph.edges():
            if u in drawn and v in drawn and d["type"] not in skip:
                if not (d["type"] == "MEDLEM_AF" and self.graph.graph.nodes[u]["kind"] == "Kommune"):
                    self.edge(u, v, k, d)

    def edge(self, u: str, v: str, k: str, d: dict) -> None:
        if any(k in e.evidence for e in self.chart.edges):
            return
        self.cite(d["sources"])
        seats = (d.get("attrs") or {}).get("seats")
        differs = seats and seats != (self.graph.graph.nodes[v].get("attrs") or {}).get("seats")
        note = count(seats, "seats", self.lang) if d["type"] == "UDPEGER" and differs else ""  # else the seat box says it
        self.chart.add_edge(ChartEdge(u, d["type"], v, note, [k]))

    def municipality_groups(self, kommuner: list[str], rars: list[str], memberships: bool = True) -> None:
        """Draw municipalities as one box per covering RAR, with one arrow for the coverage and
        one for the memberships of each KKR or body drawn."""
        groups: dict[str, list[str]] = {}
        for kommune in kommuner:
            covering = [u for u, _, _, _ in self.graph.in_edges(kommune, "DAEKKER") if u in rars]
            for rar in covering or [""]:
                groups.setdefault(rar, []).append(kommune)
        for rar in [*rars, ""]:
            members = groups.get(rar)
            if not members:
                continue
            group_id = f"kommuner-{rar or 'uden-rar'}"
            title = (f"{word('covered_by', self.lang)} {self.graph.graph.nodes[rar]['name']}" if rar
                     else word("not_covered", self.lang)) + f" ({len(members)})"
            names = sorted(self.graph.graph.nodes[m]["name"].removesuffix(" Kommune") for m in members)
            details = wrap(", ".join(names), _WIDTH + 12) if self.list_municipalities else []
            for member in members:
                self.cite(self.graph.graph.nodes[member]["sources"])
            self.chart.add_node(ChartNode(group_id, "Kommune", title, "municipal", details))
            if rar:
                self._aggregate(rar, "DAEKKER", group_id, [(rar, m) for m in members])
            for body in [n for n, node in self.chart.nodes.items() if memberships and node.kind in ("KKR", "Organ")]:
                self._aggregate(group_id, "MEDLEM_AF", body, [(m, body) for m in members])

    def _aggregate(self, source: str, relation: str, target: str, pairs: list[tuple[str, str]]) -> None:
        evidence = [k for u, v in pairs for _, w, k, _ in self.graph.out_edges(u, relation) if w == v]
        if not evidence:
            return
        for u, v in pairs:
            for _, w, _, d in self.graph.out_edges(u, relation):
                if w == v:
                    self.cite(d["sources"])
        self.chart.add_edge(ChartEdge(source, relation, target, count(len(evidence), "municipalities", self.lang), evidence))

    def finish(self) -> Chart:
        self.chart.documents = sorted(self.docs)
        for doc in self.chart.documents:
            entry = self.graph.documents.get(doc, {})
            about = ", ".join(str(entry[k]) for k in ("issuer", "date") if entry.get(k))
            title = textwrap.shorten(entry.get("title") or "", 90, placeholder=" …")
            self.chart.source_lines.append(f"{doc}: {title}" + (f" ({about})" if about else ""))
        return self.chart


def _region(builder: _Builder, area: str) -> Chart:
    graph = builder.graph
    roles = fillers(graph, area)
    builder.node(area)
    for rar in roles["rar"]:
        builder.node(rar)
    for post in roles["municipal_seats"]:
        builder.node(post)
    for node_id, data in graph.graph.nodes(data=True):
        if data.get("area") != area or data["kind"] not in ("Organ", "Sekretariat", "Post"):
            continue
        if data["kind"] == "Post" and "group" in (data.get("attrs") or {}) and node_id not in roles["municipal_seats"]:
            continue  # the seats other organisations fill belong to the RAR charts
        builder.node(node_id)
    for secretariat in roles["rar_secretariat"]:
        builder.node(secretariat)
    _neighbours(builder)
    builder.edges_among(skip=("DAEKKER",))
    builder.municipality_groups(roles["municipalities"], roles["rar"])
    return builder.finish()


def _neighbours(builder: _Builder) -> None:
    """Add the municipalities or posts that hold drawn posts (Aalborg Kommune, Struer's mayor),
    and the municipality a drawn post belongs to (Struer Kommune)."""
    graph = builder.graph
    for _ in range(2):  # a post, the post holding it, and that post's municipality
        for node_id in list(builder.chart.nodes):
            if graph.graph.nodes[node_id]["kind"] != "Post":
                continue
            for _, v, _, d in graph.out_edges(node_id):
                if d["type"] in ("BESTRIDES_AF", "MEDLEM_AF") and graph.graph.nodes[v]["kind"] in ("Kommune", "Post"):
                    builder.node(v)


def _rar(builder: _Builder, rar: str) -> Chart:
    graph = builder.graph
    builder.node(rar)
    seats = [seat for seat, _, _, _ in graph.in_edges(rar, "MEDLEM_AF")]
    appointers = list(dict.fromkeys(a for seat in seats for a, _, _, _ in graph.in_edges(seat, "UDPEGER")))
    for node_id in seats + appointers:
        builder.node(node_id)
    builder.chart.stacks += [seats, [a for a in appointers if graph.graph.nodes[a]["kind"] == "Organisation"]]
    for secretariat, _, _, _ in graph.in_edges(rar, "SEKRETARIATSBETJENER"):
        builder.node(secretariat)
    for supporter in who_supports(graph, rar)["supporters"]:
        for hop in supporter["path"]:
            builder.node(hop["from"])
            builder.node(hop["to"])
    _neighbours(builder)
    builder.edges_among(skip=("DAEKKER",))
    builder.municipality_groups([v for _, v, _, _ in graph.out_edges(rar, "DAEKKER")], [rar])
    return builder.finish()


def _national(builder: _Builder) -> Chart:
    """Every KKR, RAR and arbejdsmarkedskontor, with the municipalities grouped by RAR.

    To stay legible at this scale, a KKR's appointment of a RAR's municipal members is one
    arrow from the KKR to the RAR (its evidence: the UDPEGER and MEDLEM_AF edges through
    the seats), and the municipalities' KKR memberships are left to the region charts.
    """
    graph = builder.graph
    kkrs, rars = graph.node_ids("KKR"), graph.node_ids("RAR")
    for node_id in kkrs + rars:
        builder.node(node_id)
    for kkr in kkrs:
        for _, seat, appoints, d in graph.out_edges(kkr, "UDPEGER"):
            for _, rar, member, m in graph.out_edges(seat, "MEDLEM_AF"):
                if rar in builder.chart.nodes:
                    builder.cite(d["sources"] + m["sources"])
                    note = count(d["attrs"]["seats"], "seats", builder.lang) if d["attrs"].get("seats") else ""
                    builder.chart.add_edge(ChartEdge(kkr, "UDPEGER", rar, note, [appoints, member]))
    for rar in rars:
        for secretariat, _, _, _ in graph.in_edges(rar, "SEKRETARIATSBETJENER"):
            builder.node(secretariat)
    builder.edges_among(skip=("DAEKKER", "UNDER"))
    kommuner = graph.node_ids("Kommune")
    builder.municipality_groups(kommuner, rars, memberships=False)
    return builder.finish()


def _principle(builder: _Builder) -> Chart:
    graph, lang, chart = builder.graph, builder.lang, builder.chart
    all_areas = areas(graph)
    per_area = {area: fillers(graph, area) for area in all_areas}
    for role in ROLES:
        present = [a for a in all_areas if per_area[a][role.key]]
        if not present:
            continue
        kinds = Counter(graph.graph.nodes[n]["kind"] for a in present for n in per_area[a][role.key])
        kind = min(kinds, key=lambda k: (-kinds[k], list(KINDS).index(k)))
        details = [word("in_areas", lang).format(n=len(present), total=len(all_areas))]
        for area in present:
            ids = per_area[area][role.key]
            for node_id in ids:
                builder.cite(graph.graph.nodes[node_id]["sources"])
            if role.key == "municipalities":
                text = count(len(ids), "municipalities", lang)
            else:
                text = "; ".join(_filler_text(graph, n, lang) for n in ids)
            lines = wrap(f"{area_name(graph, area)}: {text}", _WIDTH + 14)
            details += [lines[0]] + [f"   {line}" for line in lines[1:]]
        chart.add_node(ChartNode(f"role-{role.key}", kind, role.da if lang == "da" else role.en, role.band,
                                 details, variant=len(present) < len(all_areas)))
    per_edge = {area: role_edges(graph, area, per_area[area]) for area in all_areas}
    for edge in ROLE_EDGES:
        present = [a for a in all_areas if per_edge[a][edge]]
        if not present:
            continue
        evidence = [k for a in present for k in per_edge[a][edge]]
        for k in evidence:
            builder.cite(graph.edge(k)["sources"])
        note = "" if len(present) == len(all_areas) else ", ".join(area_name(graph, a) for a in present)
        chart.add_edge(ChartEdge(f"role-{edge.source}", edge.type, f"role-{edge.target}", note, evidence))
    chart.notes.append(word("variant", lang))
    return builder.finish()


def _filler_text(graph: OrgGraph, node_id: str, lang: str) -> str:
    data = graph.graph.nodes[node_id]
    attrs = data.get("attrs") or {}
    extra = [body_type_label(attrs["body_type"], lang)] if attrs.get("body_type") else []
    if attrs.get("size"):
        extra.append(count(attrs["size"], "members", lang))
    return data["name"] + (f" ({', '.join(extra)})" if extra else "")


def chart_keys(graph: OrgGraph) -> list[tuple[str, str | None]]:
    """Every chart that ``orggraph export charts`` writes: ``(kind, ref)`` pairs."""
    return ([("principmodel", None)] + [("region", a) for a in graph.node_ids("KKR")]
            + [("rar", r) for r in graph.node_ids("RAR")] + [("national", None)])


def build_chart(graph: OrgGraph, kind: str, ref: str | None = None, *, as_of: str | None = None,
                lang: str = "da", municipalities: bool = False) -> Chart:
    """Build one chart: ``principmodel``, ``region REF`` (a KKR), ``rar REF`` or ``national``.

    ``as_of`` defaults to the latest change in the data. ``lang`` is ``da`` or ``en``;
    ``municipalities`` lists the municipalities' names in their group boxes.
    """
    if kind not in CHART_KINDS:
        raise UsageError(f"unknown chart kind {kind!r}. Choose from: {', '.join(CHART_KINDS)}")
    if not CHART_KINDS[kind] and ref:
        raise UsageError(f"the {kind} chart takes no reference, but {ref!r} was given; "
                         "the region and rar charts take one")
    if CHART_KINDS[kind] and not ref:
        raise UsageError(f"the {kind} chart needs a reference, e.g. 'orggraph chart {kind} \"{'KKR Nordjylland' if kind == 'region' else 'RAR Fyn'}\"'")
    note = "" if as_of else word("latest", lang)
    as_of = as_of or graph.latest_change()
    view = graph.as_of(as_of)
    if kind == "region":
        area = view.resolve(ref, kind="KKR")
        chart = Chart(f"region-{area}", word("title_region", lang).format(name=view.graph.nodes[area]["name"]), as_of, lang, note)
        return _region(_Builder(view, chart, municipalities), area)
    if kind == "rar":
        rar = view.resolve(ref, kind="RAR")
        chart = Chart(rar, word("title_rar", lang).format(name=view.graph.nodes[rar]["name"]), as_of, lang, note)
        return _rar(_Builder(view, chart, municipalities), rar)
    chart = Chart(kind, word(f"title_{'principle' if kind == 'principmodel' else kind}", lang), as_of, lang, note)
    return (_principle if kind == "principmodel" else _national)(_Builder(view, chart, municipalities))

"""Build the charts from the graph: the principle model and the five areas (drawn on a fixed
template, see :mod:`orggraph.charts.principle`), one KKR area, one RAR, the whole country.

Each chart shows what a reader needs and says the rest in words: the KKR box says how many
municipalities it has, a RAR's seats are one table, the arbejdsmarkedskontorer are
containers around the RARs they serve, and posts and persons go into footnotes. Every box
and arrow still comes from the graph as it stood on the chart's date, and a fact that is
derived or unverified in the data is drawn dashed with a "*".

May import: exceptions, model, graph, queries, charts.

>>> from orggraph import load
>>> g = load()
>>> chart = build_chart(g, "region", "KKR Sjælland", as_of="2022-01-01")
>>> chart.title
'Organisering i KKR Sjælland'
>>> sorted(n for n in chart.nodes if n.startswith("organ-"))
['organ-sjaelland-asb', 'organ-sjaelland-jobforum']
>>> [n.title for n in build_chart(g, "national", as_of="2022-01-01").nodes.values()][:3]
['KKR Nordjylland', 'KKR Midtjylland', 'KKR Syddanmark']
"""

from __future__ import annotations

__all__ = ["CHART_KINDS", "RAR_ERA_DAY", "RAR_ORDER", "build_chart", "chart_keys", "chart_keys_on", "default_day", "export_keys"]

from orggraph.charts.caption import finish_caption
from orggraph.charts.layers import pin_rows
from orggraph.charts.principle import build_areas, build_principle, ordered_areas, short_name
from orggraph.charts.spec import CHART_KINDS, Chart, ChartEdge, ChartNode
from orggraph.charts.style import count, meaning_label
from orggraph.exceptions import NotInForce, OrgGraphError, UsageError, WrongKind
from orggraph.graph import OrgGraph
from orggraph.model import MUNICIPAL_GROUP, Kind, Rel
from orggraph.queries.roles import COUNCILS, body_type_label, fillers, members_label

#: The RARs from north to south and west to east.
RAR_ORDER = ("rar-nordjylland", "rar-vestjylland", "rar-oestjylland", "rar-sydjylland", "rar-fyn", "rar-sjaelland",
             "rar-hovedstaden", "rar-bornholm")

#: The day the RAR-era figures in exports/ are drawn for: the state after the last dated change the
#: RAR-era sources give (Det Nordjyske Frikommuneforsøg II ended on 2021-12-31). A fixed date, so the
#: export is the same whatever day it runs.
RAR_ERA_DAY = "2022-01-01"

_TITLES = {
    "region": ("Organisering i {name}", "Organisation in {name}"),
    "rar": ("{name}: udpegning, sekretariat og understøttelse", "{name}: nominations, secretariat and support"),
    "council": ("{name}: udpegning og sekretariat", "{name}: nominations and secretariat"),
    "national": ("KKR, RAR og arbejdsmarkedskontorer i hele landet", "KKR, RAR and labour market offices across Denmark"),
    "national-council": ("KKR og de regionale beskæftigelsesråd i hele landet", "KKR and the regional employment councils across Denmark"),
}


def _title(kind: str, lang: str, **names) -> str:
    return _TITLES[kind][0 if lang == "da" else 1].format(**names)


def _uncertain(record: dict) -> bool:
    return record.get("confidence") in ("derived", "unverified")


def _ordered_rars(graph: OrgGraph, rars) -> list[str]:
    """RARs in :data:`RAR_ORDER`; councils (and any other) in the geographic order of the KKR area whose
    municipalities they cover most, then by name."""
    rars = list(dict.fromkeys(rars))
    areas = {a: i for i, a in enumerate(ordered_areas(graph))}

    def area_rank(council: str) -> int:
        kkrs = [v for _, m, _, _ in graph.out_edges(council, Rel.DAEKKER) for _, v, _, _ in graph.out_edges(m, Rel.MEDLEM_AF)
                if graph.kind(v) == Kind.KKR]
        return areas.get(max(set(kkrs), key=kkrs.count), len(areas)) if kkrs else len(areas)

    rest = sorted((r for r in rars if r not in RAR_ORDER), key=lambda r: (area_rank(r), graph.name(r)))
    return [r for r in RAR_ORDER if r in rars] + rest


class _Facts:
    """What a chart cites and footnotes, collected while it is built."""

    def __init__(self, graph: OrgGraph, lang: str):
        self.graph, self.lang = graph, lang
        self.docs: set[str] = set()
        self.footnotes: list[str] = []

    def cite(self, record: dict) -> bool:
        """Cite a node or edge record; returns whether it is uncertain (and footnotes why)."""
        self.docs.update(s["document"] for s in record.get("sources", []))
        if _uncertain(record) and record.get("confidence_note"):
            mark = {"derived": ("udledt", "derived"), "unverified": ("ikke verificeret", "not verified")}[record["confidence"]]
            note = f"* {mark[0 if self.lang == 'da' else 1]}: {record['confidence_note']}"
            if note not in self.footnotes:
                self.footnotes.append(note)
        return _uncertain(record)

    def edges(self, ids) -> bool:
        """Cite edges by id; an arrow drawn from them is uncertain when every one is."""
        marks = [self.cite(self.graph.edge(k)) for k in ids]
        return bool(marks) and all(marks)

    def group(self, ids, what: str) -> bool:
        """Cite many edges of one kind (a council's coverage) with one footnote: where their notes
        differ only after a common first part ("…; at Morsø ligger i …"), that part is the note,
        said once for all ``what`` (e.g. "de 11 kommuner")."""
        records = [self.graph.edge(k) for k in ids]
        notes = sorted({r["confidence_note"] for r in records if _uncertain(r) and r.get("confidence_note")})
        if len(notes) <= 1:
            return self.edges(ids)
        for record in records:
            self.docs.update(s["document"] for s in record.get("sources", []))
        common = notes[0]
        for note in notes[1:]:
            while not note.startswith(common):
                common = common[:-1]
        cut = max(common.rfind("; "), common.rfind(". "))
        head = common[:cut].strip() if cut > 20 else None
        marks = sorted({r["confidence"] for r in records if _uncertain(r)})
        mark = {"derived": ("udledt", "derived"), "unverified": ("ikke verificeret", "not verified")}[marks[-1]]
        da = self.lang == "da"
        note = (f"* {mark[0 if da else 1]}: {head} ({'gælder' if da else 'applies to'} {what})" if head
                else f"* {mark[0 if da else 1]}: {what}: " + " ".join(notes))
        if note not in self.footnotes:
            self.footnotes.append(note)
        return all(_uncertain(r) for r in records)


def _rar_of(graph: OrgGraph, post: str) -> str | None:
    """The RAR a seat or post belongs to, through MEDLEM_AF or the post it is held by (a municipal vice-chair)."""
    seen, todo = {post}, [post]
    while todo:
        node = todo.pop()
        for _, v, _, _ in graph.out_edges(node, Rel.MEDLEM_AF):
            if graph.kind(v) in COUNCILS:
                return v
        ends = [v for _, v, _, _ in graph.out_edges(node, Rel.BESTRIDES_AF)] + [u for u, _, _, _ in graph.in_edges(node, Rel.BESTRIDES_AF)]
        for other in ends:
            if graph.kind(other) == Kind.Post and other not in seen:
                seen.add(other)
                todo.append(other)
    return None


def _body(graph: OrgGraph, node_id: str, band: str, lang: str, facts: _Facts) -> ChartNode:
    """A body, a secretariat or a post as one box: its name, then its type and size in words."""
    from orggraph.charts.principle import display_name

    data = graph.record(node_id)
    attrs = data.get("attrs") or {}
    what = body_type_label(attrs["body_type"], lang) if attrs.get("body_type") else ""
    if what.lower() in data["name"].lower():
        what = ""
    size = count(attrs["size"], "members", lang) if attrs.get("size") else ""
    details = [", ".join(p for p in (what, size) if p)] if what or size else []
    return ChartNode(node_id, data["kind"], display_name(graph, node_id, lang), band, details, uncertain=facts.cite(data))


def _post_footnotes(graph: OrgGraph, posts, facts: _Facts) -> None:
    """Posts and who holds them, as footnotes: "Næstformand i RAR Vestjylland: Borgmester i Struer Kommune"."""
    for post in posts:
        for _, holder, k, d in graph.out_edges(post, Rel.BESTRIDES_AF):
            facts.cite(d)
            when = f" ({d['valid_from'][:4]})" if d.get("valid_from") else ""
            note = f"{graph.name(post)}: {graph.name(holder)}{when}"
            if note not in facts.footnotes:
                facts.footnotes.append(note)


def _support_edges(chart: Chart, graph: OrgGraph, bodies: list[str], kkrs: list[str], rars: list[str], facts: _Facts,
                   lang: str) -> list[str]:
    """Arrows from the drawn bodies, in the words a reader knows; returns the posts they reach.

    Whom a body is composed to mirror, and who set it up, are written in its box rather than
    drawn as more arrows between the same two boxes.
    """
    posts = []
    drawn = set(chart.nodes)
    for body in bodies:
        mirrored: list[str] = []
        set_up: list[tuple[str, str, str]] = []
        briefs: list[tuple[str, str, str]] = []
        for _, v, k, d in graph.out_edges(body):
            kind = graph.kind(v)
            if d["type"] == Rel.UNDERSTOETTER and v in kkrs:
                chart.add_edge(ChartEdge(body, "forbereder", v, uncertain=facts.edges([k]), evidence=[k]))
            elif d["type"] == Rel.SPEJLER and kind == Kind.Post:
                unsure = facts.edges([k])
                mirrored.append(f"{members_label(graph, v, lang, one=True)} i {graph.record(_rar_of(graph, v))['name']}" + (" *" if unsure else "")
                                if _rar_of(graph, v) else graph.name(v))
                posts.append(v)
            elif d["type"] == Rel.BETJENER and kind == Kind.Post:
                rar = _rar_of(graph, v)
                if rar in rars:
                    chart.add_edge(ChartEdge(body, "betjener", rar, members_label(graph, v, lang, one=True), uncertain=facts.edges([k]), evidence=[k]))
                    posts.append(v)
            elif d["type"] == Rel.BRIEFER and kind == Kind.Post and _rar_of(graph, v) in rars:
                briefs.append((_rar_of(graph, v), v, k))
                posts.append(v)
            elif d["type"] in (Rel.SEKRETARIATSBETJENER, Rel.UNDERSTOETTER) and v in drawn and v != body:
                chart.add_edge(ChartEdge(body, "sekretariat" if d["type"] == Rel.SEKRETARIATSBETJENER else "forbereder", v,
                                         uncertain=facts.edges([k]), evidence=[k]))
            elif d["type"] in (Rel.UNDER, Rel.NEDSAT_AF) and v in drawn:
                set_up.append((v, k, "under" if d["type"] == Rel.UNDER else "nedsat"))
        for v, k, meaning in set_up:  # in words when an arrow already joins the two boxes, else an arrow of its own
            unsure = facts.edges([k])
            if any({e.source, e.target} == {body, v} for e in chart.edges):
                chart.nodes[body].details.append(f"{meaning_label(meaning, lang)} {short_name(graph, v)}" + (" *" if unsure else ""))
            else:
                chart.add_edge(ChartEdge(body, meaning, v, uncertain=unsure, evidence=[k]))
        for rar, post, k in briefs:  # pre-meetings: in words beside an arrow that already joins the boxes, else an arrow
            unsure = facts.edges([k])
            if any({e.source, e.target} == {body, rar} for e in chart.edges):
                line = f"{meaning_label('briefer', lang)} {members_label(graph, post, lang, one=True)}" + (" *" if unsure else "")
                if line not in chart.nodes[body].details:  # one line for the same members of several RAR
                    chart.nodes[body].details.append(line)
            else:
                chart.add_edge(ChartEdge(body, "briefer", rar, members_label(graph, post, lang, one=True), uncertain=unsure, evidence=[k]))
        if mirrored:
            chart.nodes[body].details.append(("spejler " if lang == "da" else "mirrors ") + (" og " if lang == "da" else " and ").join(mirrored))
        members = [u for u, _, _, _ in graph.in_edges(body, Rel.MEDLEM_AF) if graph.kind(u) == Kind.Post]
        by_members = [(v, k) for m in members for _, v, k, _ in graph.out_edges(m, Rel.SPEJLER)
                      if graph.kind(v) == Kind.Post]
        if by_members:  # "to af medlemmerne spejler …": some members of the body mirror, not the body as a whole
            posts += [v for v, _ in by_members]
            whom = [f"{members_label(graph, v, lang, one=True)} i {graph.record(_rar_of(graph, v))['name']}" if _rar_of(graph, v)
                    else graph.name(v) for v, _ in by_members]
            whom = [w + (" *" if facts.edges([k]) else "") for w, (_, k) in zip(whom, by_members)]
            count = len({m for m in members if any(graph.out_edges(m, Rel.SPEJLER))})
            number = {1: "et", 2: "to", 3: "tre", 4: "fire"}.get(count, str(count)) if lang == "da" else str(count)
            chart.nodes[body].details.append(
                (f"{number} af medlemmerne spejler " if lang == "da" else f"{number} of the members mirror ")
                + (" og " if lang == "da" else " and ").join(whom))
    return posts


def _nominations(chart: Chart, graph: OrgGraph, kkr: str, rars: list[str], facts: _Facts) -> None:
    """One "udpeger N" arrow from the KKR to each RAR whose municipal members it nominates, in the RARs' order."""
    nominated = [(seat, k, d) for _, seat, k, d in graph.out_edges(kkr, Rel.UDPEGER)]
    order = {r: i for i, r in enumerate(rars)}
    for seat, k, d in sorted(nominated, key=lambda n: order.get(_rar_of(graph, n[0]), len(order))):
        rar = _rar_of(graph, seat)
        if rar in rars:
            facts.edges([m for _, r, m, _ in graph.out_edges(seat, Rel.MEDLEM_AF) if r == rar])  # which RAR: cited too
            chart.add_edge(ChartEdge(kkr, "udpeger", rar, str((d.get("attrs") or {}).get("seats") or ""), uncertain=facts.edges([k]),
                                     evidence=[k]))


def _depths(graph: OrgGraph, bodies: list[str]) -> dict[str, int]:
    """How deep each body sits under the others drawn (placed under or set up by one of them)."""
    parents = {b: [v for _, v, _, d in graph.out_edges(b)
                   if d["type"] in (Rel.UNDER, Rel.NEDSAT_AF, Rel.SEKRETARIATSBETJENER, Rel.UNDERSTOETTER) and v in bodies and v != b]
               for b in bodies}

    def depth(b: str, seen: frozenset = frozenset()) -> int:
        return 1 + max((depth(p, seen | {b}) for p in parents[b] if p not in seen), default=-1)

    return {b: depth(b) for b in bodies}


def _region(graph: OrgGraph, chart: Chart, area: str, facts: _Facts) -> Chart:
    lang = chart.lang
    roles = fillers(graph, area)
    rars = _ordered_rars(graph, roles["rar"])
    kkr = graph.record(area)
    chart.add_node(ChartNode(area, Kind.KKR, kkr["name"], "political", [count(len(roles["municipalities"]), "municipalities", lang)],
                             uncertain=facts.cite(kkr)))
    for rar in rars:
        covered = [v for _, v, _, _ in graph.out_edges(rar, Rel.DAEKKER)]
        chart.add_node(ChartNode(rar, graph.kind(rar), graph.name(rar), "political",
                                 [count(len(covered), "municipalities", lang)], uncertain=facts.cite(graph.record(rar))))
    bodies = [n for n in graph.area_node_ids(area) if graph.kind(n) in (Kind.Organ, Kind.Sekretariat)]
    bodies += [p for p in roles["serves_members"] + roles["prepares"] if graph.kind(p) == Kind.Post]
    bodies = list(dict.fromkeys(bodies))
    for body in bodies:
        chart.add_node(_body(graph, body, "administrative", lang, facts))
    amks = roles["rar_secretariat"]
    for amk in amks:
        chart.add_node(ChartNode(amk, graph.kind(amk), _secretariat_name(graph, amk), "state",
                                 uncertain=facts.cite(graph.record(amk))))
    _nominations(chart, graph, area, rars, facts)
    posts = _support_edges(chart, graph, bodies, [area], rars, facts, lang)
    for amk in amks:
        for _, rar, k, _ in graph.out_edges(amk, Rel.SEKRETARIATSBETJENER):
            if rar in rars:
                chart.add_edge(ChartEdge(amk, "sekretariat", rar, uncertain=facts.edges([k]), evidence=[k]))
    _post_footnotes(graph, list(dict.fromkeys(posts + [p for p in bodies if graph.kind(p) == Kind.Post]
                                                + [n for n in graph.area_node_ids(area)
                                                   if graph.kind(n) == Kind.Post and not graph.attrs(n).get("group")])),
                    facts)
    _unknown_support(graph, rars, roles["serves_members"], facts, lang)
    cooperations = [n for n in graph.area_node_ids(area) if graph.kind(n) == Kind.Samarbejde]
    for n in cooperations:
        facts.cite(graph.record(n))
    if cooperations:
        facts.footnotes.append(("Tværkommunale samarbejder: " if lang == "da" else "Cross-municipal cooperation: ")
                               + "; ".join(graph.name(n) for n in cooperations))
    depth = _depths(graph, bodies)
    admin = [[b for b in bodies if depth[b] == d] for d in range(max(depth.values(), default=0) + 1)]
    pin_rows(chart, [[("political", [area], (0.0, 0.5))], [("political", rars, (0.3, 1.0))], [("administrative", admin[0] if admin else []), ("state", amks)],
                     *[[("administrative", row)] for row in admin[1:]]])
    return chart


def _unknown_support(graph: OrgGraph, councils: list[str], serving: list[str], facts: _Facts, lang: str) -> None:
    """A footnote for a regionalt beskæftigelsesråd drawn without anyone serving its municipal members:
    the sources do not say who does (the RAR era's arrangements are not carried over)."""
    for council in councils:
        if graph.kind(council) != Kind.Beskaeftigelsesraad or any(_rar_of(graph, v) == council for b in serving
                                                                              for _, v, _, d in graph.out_edges(b)
                                                                              if d["type"] in (Rel.BETJENER, Rel.BRIEFER)):
            continue
        name = graph.name(council)
        facts.footnotes.append(f"Ukendt: hvilke KKR-organer der betjener de kommunale medlemmer af {name}; kilderne siger det ikke, "
                               "og RAR-tidens ordninger er ikke overført." if lang == "da" else
                               f"Unknown: which KKR bodies serve the municipal members of {name}; the sources do not say, "
                               "and the RAR era's arrangements are not carried over.")


def _seat_table(graph: OrgGraph, rar: str, facts: _Facts, lang: str) -> tuple[list[list[str]], list[str]]:
    """The RAR's seat groups as table rows (who nominates, seats), and the municipal seat posts."""
    rows, municipal = [], []
    for seat, _, k, d in graph.in_edges(rar, Rel.MEDLEM_AF):
        data = graph.record(seat)
        if data["kind"] != Kind.Post or not (data.get("attrs") or {}).get("seats"):
            continue
        facts.cite(d)
        facts.cite(data)
        nominators = [(u, e) for u, _, _, e in graph.in_edges(seat, Rel.UDPEGER)]
        unsure = any([facts.cite(e) for _, e in nominators])
        who = ", ".join(short_name(graph, u) for u, _ in nominators) or data["name"]
        holders = sorted(graph.name(v) for _, v, _, e in graph.out_edges(seat, Rel.BESTRIDES_AF)
                         if graph.kind(v) == Kind.Person and (e.get("attrs") or {}).get("role") != "suppleant")
        rows.append(([who + (" *" if unsure else ""), str(data["attrs"]["seats"])], [[f"  {name}", ""] for name in holders]))
        if data["attrs"].get("group") == MUNICIPAL_GROUP:
            municipal.append(seat)
    rows.sort(key=lambda r: -int(r[0][1]))
    header = ["Indstilles af", "Pladser"] if lang == "da" else ["Nominated by", "Seats"]
    # with a roster loaded (--roster), each seat group's members are listed under it, by name
    return [header, *(row for group, names in rows for row in [group, *names])], municipal


def _rar(graph: OrgGraph, chart: Chart, rar: str, facts: _Facts) -> Chart:
    lang = chart.lang
    data = graph.record(rar)
    table, municipal = _seat_table(graph, rar, facts, lang)
    seats = sum(int(r[1]) for r in table[1:] if r[1])
    kkrs = list(dict.fromkeys(u for seat in municipal for u, _, _, _ in graph.in_edges(seat, Rel.UDPEGER)
                              if graph.kind(u) == Kind.KKR))
    for kkr in kkrs:
        chart.add_node(ChartNode(kkr, Kind.KKR, graph.name(kkr), "political", uncertain=facts.cite(graph.record(kkr))))
    chart.add_node(ChartNode(rar, data["kind"], f"{data['name']}: {count(seats, 'seats', lang)}", "political", uncertain=facts.cite(data),
                             table=table, width=230.0))
    area_of = {k: fillers(graph, k) for k in kkrs}
    bodies = []
    for kkr, roles in area_of.items():
        for body in roles["serves_members"] + roles["mirrors"]:
            reaches = {_rar_of(graph, v) for _, v, _, d in graph.out_edges(body) if d["type"] in (Rel.BETJENER, Rel.BRIEFER, Rel.SPEJLER)
                       and graph.kind(v) == Kind.Post}
            if rar in reaches and body not in bodies:
                bodies.append(body)
    for body in bodies:
        chart.add_node(_body(graph, body, "administrative", lang, facts))
    amks = [u for u, _, _, _ in graph.in_edges(rar, Rel.SEKRETARIATSBETJENER) if graph.kind(u) in _SECRETARIATS]
    for amk in amks:
        chart.add_node(ChartNode(amk, graph.kind(amk), _secretariat_name(graph, amk), "state",
                                 uncertain=facts.cite(graph.record(amk))))
    for kkr in kkrs:
        _nominations(chart, graph, kkr, [rar], facts)
    posts = _support_edges(chart, graph, bodies, kkrs, [rar], facts, lang)
    _unknown_support(graph, [rar], bodies, facts, lang)
    for amk in amks:
        k = next(k for _, v, k, _ in graph.out_edges(amk, Rel.SEKRETARIATSBETJENER) if v == rar)
        chart.add_edge(ChartEdge(amk, "sekretariat", rar, uncertain=facts.edges([k]), evidence=[k]))
    covered = sorted((v for _, v, _, _ in graph.out_edges(rar, Rel.DAEKKER)), key=lambda v: graph.name(v))
    if covered:
        unsure = facts.group([k for _, _, k, _ in graph.out_edges(rar, Rel.DAEKKER)],
                             f"de {len(covered)} kommuner" if lang == "da" else f"the {len(covered)} municipalities")
        names = ", ".join(short_name(graph, v) for v in covered)
        head = f"De {len(covered)} kommuner" if lang == "da" else f"The {len(covered)} municipalities"
        chart.nodes[rar].details.append(f"{head}{' *' if unsure else ''}: {names}" if len(covered) > 1
                                        else graph.name(covered[0]) + (" *" if unsure else ""))
    held = [p for p, _, _, _ in graph.in_edges(rar, Rel.MEDLEM_AF) if graph.kind(p) == Kind.Post
            and not (graph.attrs(p) or {}).get("seats")]
    _post_footnotes(graph, list(dict.fromkeys(posts + held + municipal)), facts)
    pin_rows(chart, [[("political", [*kkrs, rar])], [("administrative", bodies), ("state", amks)]])
    return chart


def _national(graph: OrgGraph, chart: Chart, facts: _Facts) -> Chart:
    """Left to right: the KKRs in geographic order, each nominating to its RARs; the RARs in
    containers for the arbejdsmarkedskontor that is their secretariat, with their municipality count."""
    lang = chart.lang
    kkrs = ordered_areas(graph)
    rars = _ordered_rars(graph, graph.node_ids(Kind.RAR) + graph.node_ids(Kind.Beskaeftigelsesraad))
    for kkr in kkrs:
        members = [u for u, _, _, _ in graph.in_edges(kkr, Rel.MEDLEM_AF) if graph.kind(u) == Kind.Kommune]
        chart.add_node(ChartNode(kkr, Kind.KKR, graph.name(kkr), "political", [count(len(members), "municipalities", lang)],
                                 uncertain=facts.cite(graph.record(kkr))))
    unsure_amk: dict[str, bool] = {}
    coverage: list[str] = []
    for rar in rars:
        secretariats = [(u, k) for u, _, k, _ in graph.in_edges(rar, Rel.SEKRETARIATSBETJENER) if graph.kind(u) in _SECRETARIATS]
        cluster = None
        if secretariats:
            cluster, k = secretariats[0]
            unsure_amk[cluster] = unsure_amk.get(cluster, False) | facts.edges([k]) | facts.cite(graph.record(cluster))
        covered = [v for _, v, _, _ in graph.out_edges(rar, Rel.DAEKKER)]
        coverage += [k for _, _, k, _ in graph.out_edges(rar, Rel.DAEKKER)]
        chart.add_node(ChartNode(rar, graph.kind(rar), graph.name(rar), "political",
                                 [count(len(covered), "municipalities", lang)], uncertain=facts.cite(graph.record(rar)), cluster=cluster))
    facts.group(coverage, "hvilke kommuner hvert råd dækker" if lang == "da" else "which municipalities each council covers")
    for amk, unsure in unsure_amk.items():
        chart.clusters[amk] = (_secretariat_name(graph, amk) + (", sekretariat for" if lang == "da" else ", secretariat of")
                               + (" *" if unsure else ""))
    for kkr in kkrs:
        _nominations(chart, graph, kkr, rars, facts)
    _pin_national(chart, kkrs, rars)
    return chart


#: Kinds that serve a whole council as its secretariat: an arbejdsmarkedskontor (STAR) for a RAR,
#: a ministry for a regionalt beskæftigelsesråd.
_SECRETARIATS = (Kind.Sekretariat, Kind.Organisation)


def _secretariat_name(graph: OrgGraph, node_id: str) -> str:
    """An arbejdsmarkedskontor with "(STAR)" after it; a ministry by its name."""
    return short_name(graph, node_id) + (" (STAR)" if graph.kind(node_id) == Kind.Sekretariat else "")


def _pin_national(chart: Chart, kkrs: list[str], rars: list[str]) -> None:
    """Two columns: the KKRs at the left, each level with the RARs it nominates to, and the
    RARs at the right in their containers, in geographic order from the top."""
    from orggraph.charts.dot import box_height, text_width
    from orggraph.charts.layers import natural_width
    from orggraph.charts.spec import Band
    from orggraph.charts.style import PAGES, SMALL_PT

    width = PAGES[chart.page].width
    for node in chart.nodes.values():
        node.width = min(natural_width(node), 150.0)
    box = max(chart.nodes[r].width for r in rars)
    container = max([box + 20] + [text_width(label, SMALL_PT) + 14 for label in chart.clusters.values()])
    rar_x = width - container / 2
    label, gap, between = 16.0, 8.0, 12.0
    y, places, spans = 0.0, {}, {}
    for i, rar in enumerate(rars):
        cluster = chart.nodes[rar].cluster
        if i == 0 or cluster != chart.nodes[rars[i - 1]].cluster:
            y += (between if i else 0) + label
            spans[cluster] = [y - label]
        h = box_height(chart.nodes[rar])
        places[rar] = y + h / 2
        y += h + gap
        spans[cluster].append(y)
    total = y + 2
    for rar in rars:
        chart.nodes[rar].pos = (rar_x, total - places[rar])
    for kkr in kkrs:
        targets = [e.target for e in chart.edges if e.source == kkr and e.target in places]
        middle = sum(places[t] for t in targets) / len(targets) if targets else 0.0
        chart.nodes[kkr].pos = (chart.nodes[kkr].width / 2 + 2, total - middle)
    x0 = width - container
    for cluster, (top, *_, bottom) in spans.items():
        if cluster:
            chart.backgrounds.append(Band("state", x0, total - bottom, width, total - top, label=chart.clusters[cluster]))


def default_day(graph: OrgGraph) -> str | None:
    """The date a chart is drawn for when none is given: :meth:`OrgGraph.current_day` (the latest
    change in the data on or before today)."""
    return graph.current_day()


def _rar_era_only(graph: OrgGraph, kind: str, as_of: str) -> None:
    """The principle model and the five areas are KL's model of the RAR era (KKR bodies serving the
    municipal RAR members). On a date when no RAR is in force, stop with one line that names the era
    and the --as-of that reaches the RAR era: drawing the template with every role unknown would
    look like a model the sources do not give."""
    view = graph.as_of(as_of)
    if view.node_ids(Kind.RAR):
        return
    base = graph.full
    ends = [base.record(n)["valid_to"] for n in base.node_ids(Kind.RAR) if base.record(n)["valid_to"]]
    councils = [base.record(n)["valid_from"] for n in base.node_ids(Kind.Beskaeftigelsesraad) if base.record(n)["valid_from"]]
    era = (f"the era of the regionale beskæftigelsesråd (from {min(councils)})" if councils and min(councils) <= as_of
           else "a date when no RAR is in force")
    hint = f"; use --as-of {max(ends)} (the RAR era's last day) or earlier" if ends and max(ends) < as_of else ""
    raise OrgGraphError(f"the {kind} chart shows KL's principle model of the RAR era, and {as_of} lies in {era}: "
                     f"the sources do not say which KKR bodies serve the councils' municipal members{hint}")


def _resolve_council(view: OrgGraph, ref: str) -> str:
    """A RAR, or a regionalt beskæftigelsesråd, for the rar chart."""
    try:
        return view.resolve(ref, kind=Kind.RAR)
    except (WrongKind, NotInForce) as err:
        try:
            return view.resolve(ref, kind=Kind.Beskaeftigelsesraad)
        except (WrongKind, NotInForce):
            raise err from None


def build_chart(graph: OrgGraph, kind: str, ref: str | None = None, *, as_of: str | None = None, lang: str = "da") -> Chart:
    """Build one chart: ``principmodel``, ``areas``, ``region REF`` (a KKR), ``rar REF`` (a RAR or a
    regionalt beskæftigelsesråd) or ``national``.

    ``as_of`` defaults to :func:`default_day`; ``lang`` is ``da`` or ``en``. On a date in the era of
    the regionale beskæftigelsesråd, the region, rar and national charts draw what is known (the
    councils, their seats and secretariat, a KKR's nomination marked unverified) and say in a
    footnote what is unknown; the principmodel and areas charts stop with one line (see
    :func:`_rar_era_only`).
    """
    if kind not in CHART_KINDS:
        raise UsageError(f"unknown chart kind {kind!r}. Choose from: {', '.join(CHART_KINDS)}")
    if not CHART_KINDS[kind] and ref:
        raise UsageError(f"the {kind} chart takes no reference, but {ref!r} was given; the region and rar charts take one")
    if CHART_KINDS[kind] and not ref:
        raise UsageError(f"the {kind} chart needs a reference, e.g. 'orggraph chart {kind} \"{'KKR Nordjylland' if kind == 'region' else 'RAR Fyn'}\"'")
    as_of = as_of or default_day(graph)
    if kind in ("principmodel", "areas"):
        _rar_era_only(graph, kind, as_of)
    if kind == "principmodel":
        return build_principle(graph, as_of, lang)
    if kind == "areas":
        return build_areas(graph, as_of, lang)
    view = graph.as_of(as_of)
    facts = _Facts(view, lang)
    if kind == "region":
        area = view.resolve(ref, kind=Kind.KKR)
        chart = _region(view, Chart(f"region-{area}", kind, _title(kind, lang, name=view.name(area)), as_of, lang), area, facts)
    elif kind == "rar":
        rar = _resolve_council(view, ref)
        title = _title("rar" if view.kind(rar) == Kind.RAR else "council", lang, name=view.name(rar))
        chart = _rar(view, Chart(rar, kind, title, as_of, lang), rar, facts)
    elif view.node_ids(Kind.RAR) or not view.node_ids(Kind.Beskaeftigelsesraad):
        chart = _national(view, Chart("national", kind, _title(kind, lang), as_of, lang), facts)
    else:
        chart = _national(view, Chart("national-raad", kind, _title("national-council", lang), as_of, lang), facts)
    chart.footnotes = facts.footnotes
    return finish_caption(chart, view, facts.docs)


def chart_keys(graph: OrgGraph) -> list[tuple[str, str | None]]:
    """Every chart of the RAR era: ``(kind, ref)`` pairs, in geographic order."""
    return ([("principmodel", None), ("areas", None)] + [("region", a) for a in ordered_areas(graph)]
            + [("rar", r) for r in _ordered_rars(graph, graph.node_ids(Kind.RAR))] + [("national", None)])


def chart_keys_on(graph: OrgGraph, day: str) -> list[tuple[str, str | None]]:
    """The charts there are on ``day``: the RAR era's (see :func:`chart_keys`) while a RAR is in force;
    after it, each KKR area, each regionalt beskæftigelsesråd and the national chart."""
    view = graph.as_of(day)
    if view.node_ids(Kind.RAR) or not view.node_ids(Kind.Beskaeftigelsesraad):
        return chart_keys(graph)
    return ([("region", a) for a in ordered_areas(view)]
            + [("rar", c) for c in _ordered_rars(view, view.node_ids(Kind.Beskaeftigelsesraad))] + [("national", None)])


def export_keys(graph: OrgGraph) -> list[tuple[str, str | None, str]]:
    """Every chart that ``orggraph export charts`` writes, ``(kind, ref, as_of)``, each on an explicit
    date so the export is the same whatever day it runs: the RAR era's charts on :data:`RAR_ERA_DAY`,
    and, when the data has regionale beskæftigelsesråd, the national chart on the day they began."""
    keys = [(kind, ref, RAR_ERA_DAY) for kind, ref in chart_keys(graph)]
    starts = [graph.record(n)["valid_from"] for n in graph.node_ids(Kind.Beskaeftigelsesraad) if graph.record(n)["valid_from"]]
    if starts:
        keys.append(("national", None, min(starts)))
    return keys


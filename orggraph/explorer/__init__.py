"""The explorer: one self-contained, offline HTML page to search the graph, read every
node's sources, ask who supports whom, and move through time.

Every answer the page shows is computed here, in Python, and embedded as JSON: the graph
records with their validity, and :func:`orggraph.queries.support.who_supports` and
:func:`orggraph.queries.support.mirrors` for every node on every *period*, the stretch of days
between two dates on which something in the data starts or stops being in force (inside a
period the graph is the same, so one answer serves every day of it). The page only filters
nodes and relations by date with the same inclusive rule as :meth:`OrgGraph.as_of`, folds
names like :func:`orggraph.text.fold_name` for its search, and draws. Cytoscape.js, vendored
under ``static/`` with its licence, draws the graph; nothing is fetched from a network.

The output depends only on the data and the options: no timestamps, JSON with sorted keys.

May import: atomic, model, graph, queries, compare, charts.

>>> from orggraph import load
>>> page = generate_explorer(load())
>>> page.startswith(b"<!DOCTYPE html>") and b"http://" not in page.split(b"<script")[0]
True
>>> days = change_dates(load())
>>> days[0], "2025-03-01" in days  # the RAR began; the regionale beskæftigelsesråd replaced them
('2015-01-01', True)
"""

from __future__ import annotations

__all__ = ["change_dates", "period_dates", "explorer_data", "generate_explorer", "write_explorer", "STATIC_FILES"]

import json
import re
from datetime import date, timedelta
from importlib import resources
from pathlib import Path

from orggraph.atomic import atomic_write_bytes
from orggraph.graph import OrgGraph
from orggraph.model import KINDS, Kind, RELATIONS, Rel

#: The vendored and own files inlined into the page, in order.
STATIC_FILES = ("explorer.css", "cytoscape.min.js", "explorer.js")

#: Each kind's band, as in the charts: political, administrative, state, municipalities.
_BANDS = {Kind.KKR: "political", Kind.RAR: "political", Kind.Beskaeftigelsesraad: "political", Kind.Post: "political",
          Kind.Pejlemaerke: "political", Kind.Anbefaling: "political", Kind.Beslutning: "political",
          Kind.Organ: "administrative", Kind.Sekretariat: "administrative", Kind.Opgave: "administrative", Kind.Organisation: "state",
          Kind.Kommune: "municipal", Kind.Samarbejde: "municipal", Kind.Forsoegsrunde: "municipal",
          Kind.Person: "political"}


def change_dates(graph: OrgGraph) -> list[str]:
    """Every date on which something starts (``valid_from``) or stops (the day after ``valid_to``) being in force, sorted
    (:meth:`OrgGraph.change_days`)."""
    return graph.change_days()


def period_dates(graph: OrgGraph) -> list[str | None]:
    """One day in each period: the day before the first change, then each change date.

    With no dated fact there is one period, ``[None]``: the whole graph on every day.
    """
    days = change_dates(graph)
    if not days:
        return [None]
    return [(date.fromisoformat(days[0]) - timedelta(days=1)).isoformat(), *days]


def _materialized(graph: OrgGraph, day: str | None) -> OrgGraph:
    """``graph.as_of(day)`` copied into a graph of its own: the same nodes and edges in the same
    order, so the same answers, but without a filter on every look-up."""
    if day is None:
        return graph
    view = graph.as_of(day)
    return OrgGraph.from_records(view.node_records(), view.edge_records(), graph.documents)


def _compact_support(result: dict) -> list:
    """``who_supports``' answer with nodes and hops as ids; the page rebuilds the full answer from the records."""
    return [[s["supporter"]["id"], s["type"], s["supports"]["id"], s["reaches"], s["direct"], [h["edge"] for h in s["path"]],
             s.get("via")] for s in result["supporters"]]


def _region_of(graph: OrgGraph, node_id: str, data: dict) -> str | None:
    """The KKR area a node is drawn in: its own, or for a municipality the KKR it is a member of."""
    if data["area"]:
        return data["area"]
    if data["kind"] == Kind.KKR:
        return node_id
    for _, v, _, _ in graph.out_edges(node_id, Rel.MEDLEM_AF):
        if graph.kind(v) == Kind.KKR:
            return v
    return None


def _charts(graph: OrgGraph, node_id: str, data: dict, region: str | None, rars: set[str]) -> list[str]:
    """The chart files (names in ``exports/charts/``, without suffix) that show a node."""
    out = []
    if data["kind"] == Kind.RAR:
        out.append(node_id)
    if data["kind"] == Kind.Beskaeftigelsesraad:  # exports/charts draws the councils in the national chart of their era
        return ["national-raad"]
    for _, v, _, _ in graph.out_edges(node_id, Rel.MEDLEM_AF):
        if v in rars and data["kind"] == Kind.Post:
            out.append(v)
    if region and data["kind"] != Kind.Kommune:
        out.append(f"region-{region}")
    return list(dict.fromkeys(out))


def explorer_data(graph: OrgGraph, *, as_of: str | None = None, lang: str = "da", charts_url: str | None = None,
                  compare_matrix: bool = True) -> dict:
    """Everything the page shows, as one JSON-ready dict.

    ``support[node][period]`` and ``mirrors[node][period]`` index ``answers`` (the compact
    answers, each stored once), or are ``-1`` where the node is not in force.
    """
    from orggraph.charts.principle import GEOGRAPHIC
    from orggraph.charts.style import BANDS, KIND_STYLE, MEANINGS, RELATION_MEANING
    from orggraph.queries.appointments import mirrors
    from orggraph.queries.support import who_supports

    periods = period_dates(graph)
    answers: list = []
    seen: dict[str, int] = {}

    def intern(value) -> int:
        key = json.dumps(value, ensure_ascii=False, sort_keys=True)
        if key not in seen:
            seen[key] = len(answers)
            answers.append(value)
        return seen[key]

    support: dict[str, list[int]] = {}
    mirrored: dict[str, list[int]] = {}
    for node_id in graph.graph.nodes:
        support[node_id] = [-1] * len(periods)
        mirrored[node_id] = [-1] * len(periods)
    for p, day in enumerate(periods):
        view = _materialized(graph, day)
        by_node: dict[str, list[str]] = {}
        for row in mirrors(view)["mirrors"]:  # sorted once; each node's rows keep that order
            mirror = row["mirror"]["id"]
            # a body is answered with its member posts' mirrors too (orggraph.queries.support.mirrors)
            bodies = [v for _, v, _, _ in view.out_edges(mirror, Rel.MEDLEM_AF)] if view.kind(mirror) == Kind.Post else []
            for end in dict.fromkeys((mirror, row["mirrored"]["id"], *bodies)):
                by_node.setdefault(end, []).append(row["edge"])
        for node_id in view.graph.nodes:
            support[node_id][p] = intern(_compact_support(who_supports(view, node_id)))
            mirrored[node_id][p] = intern(by_node.get(node_id, []))
    rars = set(graph.node_ids(Kind.RAR))
    nodes = []
    for node_id in graph.node_ids():
        data = graph.record(node_id)
        region = _region_of(graph, node_id, data)
        record = {"id": node_id, **{k: data[k] for k in ("kind", "name", "aliases", "area", "attrs", "valid_from",
                                                        "valid_to", "confidence", "confidence_note", "sources")}}
        record["region"] = region
        record["charts"] = _charts(graph, node_id, data, region, rars) if charts_url is not None else []
        nodes.append(record)
    edges = graph.edge_records()
    kkrs = graph.node_ids(Kind.KKR)
    regions = [a for a in GEOGRAPHIC if a in kkrs] + sorted(a for a in kkrs if a not in GEOGRAPHIC)
    result = {
        "lang": lang,
        "as_of": as_of,
        "charts_url": charts_url,
        "periods": periods,
        "documents": {k: {"title": v.get("title", "")} for k, v in sorted(graph.documents.items())},
        "kinds": {k: {"label": label, "band": _BANDS.get(k, "administrative"), "fill": KIND_STYLE[k].fill,
                      "border": KIND_STYLE[k].border} for k, label in KINDS.items()},
        "bands": {b: {"da": da, "en": en} for b, (da, en) in BANDS.items()},
        "relations": {t: {"da": r.label, "en": r.meaning, "line": MEANINGS[RELATION_MEANING[t]][2]} for t, r in RELATIONS.items()},
        "regions": [{"id": r, "name": graph.name(r)} for r in regions],
        "nodes": nodes,
        "edges": edges,
        "answers": answers,
        "support": support,
        "mirrors": mirrored,
        "compare": _compare(graph, as_of) if compare_matrix else None,
    }
    return result


def _compare(graph: OrgGraph, as_of: str | None) -> dict | None:
    """The comparison matrix of the KKR areas with each cell's evidence as node and edge ids, on the
    page's date, or (without one) on the day the RAR-era figures are drawn for, so the page stays
    the same whatever day it is written."""
    from orggraph.charts.build import RAR_ERA_DAY
    from orggraph.compare import compare

    if not graph.node_ids(Kind.KKR):
        return None
    matrix = compare(graph, as_of=as_of or RAR_ERA_DAY)
    return {"regions": matrix["regions"], "names": matrix["names"], "as_of": matrix["as_of"],
            "features": [{"feature": f["feature"], "label": f["label"], "values": f["values"],
                          "evidence": {r: [e["id"] for e in items] for r, items in f["evidence"].items()}}
                         for f in matrix["features"]]}


def _static(name: str) -> str:
    return resources.files("orggraph.explorer").joinpath("static", name).read_text(encoding="utf-8")


def _script_json(value) -> str:
    """JSON safe inside a ``<script>`` element: no ``</``, no ``<!--``, no line separators JavaScript once refused."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


_TITLE = {"da": "orggraph – stifinder", "en": "orggraph – explorer"}


def generate_explorer(graph: OrgGraph, *, as_of: str | None = None, lang: str = "da", charts_url: str | None = None) -> bytes:
    """The explorer page as UTF-8 bytes: HTML with its CSS, Cytoscape.js, its script and the data inlined."""
    data = explorer_data(graph, as_of=as_of, lang=lang, charts_url=charts_url)
    css, cytoscape, script = (_static(name) for name in STATIC_FILES)
    parts = {"LANG": lang, "TITLE": _TITLE[lang], "CSS": css, "CYTOSCAPE": cytoscape.replace("</script", "<\\/script"),
             "SCRIPT": script, "DATA": _script_json(data)}
    page = re.sub(r"\{\{([A-Z]+)\}\}", lambda m: parts[m.group(1)], _static("explorer.html"))
    return page.encode("utf-8")


def write_explorer(graph: OrgGraph, path: Path, **options) -> Path:
    """Write the explorer page to ``path`` (atomically; ``-`` is standard output)."""
    atomic_write_bytes({Path(path): generate_explorer(graph, **options)})
    return Path(path)

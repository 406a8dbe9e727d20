"""Popolo JSON: areas, organisations, posts, memberships and the focus points as motions,
each with start and end dates and sources. Valid against the official popolo-spec JSON
schemas (the tests check every object with them) and against
``orggraph/data/popolo.schema.json``, the document schema written from the specification.

- ``areas``: the five regions (classification ``region``, identifier the region code) and
  the municipalities (``kommune``, identifier the kommunekode, ``parent_id`` the region),
  from the municipalities' ``region`` and ``region_code`` attributes. Their ids are
  ``area-region-<code>`` and ``area-kommune-<kommunekode>``.
- ``organizations``: every KKR, RAR, Kommune, Sekretariat, Organ, Organisation and
  Samarbejde; ``classification`` is the kind's Danish name, ``parent_id`` the body it is
  UNDER, a municipality's kommunekode is an identifier with scheme ``kommunekode``.
  ``area_id``: a municipality's own area; anything else with a KKR area, the region of
  that KKR (a KKR area is a region). ``seats``: a RAR's members or a body's size (the
  extension EveryPolitician's Popolo readers know).
- ``posts``: every Post, ``organization_id`` the body it belongs to (MEDLEM_AF).
- ``memberships``, each with the edge's id, dates and sources:

  - MEDLEM_AF of municipalities in KKR and bodies, and DELTAGER_I in cooperations:
    ``member`` the municipality or KKR, ``organization_id`` the body;
  - a post held by a municipality or organisation (BESTRIDES_AF): ``member`` the holder,
    ``post_id`` the post, ``organization_id`` the post's body when it has one;
  - the seats a KKR or organisation nominates (UDPEGER of a post that belongs to a body):
    ``post_id`` the post, ``organization_id`` the body, ``on_behalf_of_id`` the nominating
    organisation, ``seats`` (an extension) the number of seats, dated by both the
    nomination and the post's place in the body. orggraph records no persons yet, so these
    memberships have no ``member``: the holders sit on behalf of the nominator.

- ``motions``: each focus point a KKR adopted (VEDTAGER), dated by its adoption.
- ``sources``: one Popolo link per citation, its url the document's URI and its note
  ``title — locator: «quote»``.
- ``confidence`` and ``confidence_note``: an extension (Popolo allows extra properties)
  on anything ``derived`` or ``unverified``.

Popolo has no place for SEKRETARIATSBETJENER, SPEJLER, DAEKKER (a RAR's coverage changes
over time; Popolo areas have no dates), NEDSAT_AF, UNDERSTOETTER or a post held by another
post's holder: use another format for those. ``persons`` is empty: orggraph records seats,
not people.

>>> from orggraph import load
>>> g = load()
>>> data = generate_popolo(g)
>>> nodes, edges = g.counts()["nodes"], g.counts()["edges"]
>>> len(data["organizations"]) == sum(nodes[kind] for kind in ORGANIZATION_KINDS)
True
>>> len(data["posts"]) == nodes["Post"], len(data["motions"]) == edges["VEDTAGER"]
(True, True)
>>> [m["on_behalf_of_id"] for m in data["memberships"] if m.get("post_id") == "post-rar-fyn-kommunale"]
['kkr-syddanmark']
"""

from __future__ import annotations

__all__ = ["SCHEMA_FILE", "ORGANIZATION_KINDS", "generate_popolo", "popolo_bytes"]

import json
from pathlib import Path

from orggraph.formats.rdf import BASE
from orggraph.graph import OrgGraph
from orggraph.model import KINDS

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "data" / "popolo.schema.json"
#: Node kinds that are Popolo organisations.
ORGANIZATION_KINDS = ("KKR", "RAR", "Kommune", "Sekretariat", "Organ", "Organisation", "Samarbejde")


def _links(graph: OrgGraph, sources: list[dict]) -> list[dict]:
    return [{"url": f"{BASE}document/{s['document']}",
             "note": f"{s['title']} — {s['locator']}: «{s['quote']}»"} for s in graph.titled(sources)]


def _dated(out: dict, record: dict, start: str, end: str) -> dict:
    """Add the record's validity dates, and its confidence mark when it is not simply stated."""
    if record.get("valid_from"):
        out[start] = record["valid_from"]
    if record.get("valid_to"):
        out[end] = record["valid_to"]
    if record["confidence"] != "stated":
        out["confidence"], out["confidence_note"] = record["confidence"], record["confidence_note"]
    return out


def _areas(graph: OrgGraph) -> tuple[list[dict], dict[str, str]]:
    """The region and municipality areas, and ``{node id: area id}`` for the organisations."""
    regions: dict[int, dict] = {}
    municipalities, area_of, region_of_kkr = [], {}, {}
    for record in graph.node_records():
        attrs = record["attrs"]
        if record["kind"] != "Kommune" or "region_code" not in attrs:
            continue
        region = f"area-region-{attrs['region_code']}"
        regions.setdefault(attrs["region_code"], {"id": region, "name": f"Region {attrs['region']}",
                                                  "identifier": str(attrs["region_code"]), "classification": "region"})
        area = {"id": f"area-kommune-{attrs['kommunekode']}", "name": record["name"],
                "identifier": str(attrs["kommunekode"]), "classification": "kommune", "parent_id": region,
                "sources": _links(graph, record["sources"])}
        municipalities.append(area)
        area_of[record["id"]] = area["id"]
        if record["area"]:
            region_of_kkr.setdefault(record["area"], set()).add(region)
    for record in graph.node_records():
        regions_here = region_of_kkr.get(record["area"], set())
        if record["id"] not in area_of and record["kind"] in ORGANIZATION_KINDS and len(regions_here) == 1:
            area_of[record["id"]] = next(iter(regions_here))
    return [regions[code] for code in sorted(regions)] + municipalities, area_of


def _overlap(*records: dict) -> tuple[str | None, str | None]:
    """The period in which all ``records`` are valid: the latest start and the earliest end."""
    starts = [r["valid_from"] for r in records if r.get("valid_from")]
    ends = [r["valid_to"] for r in records if r.get("valid_to")]
    return max(starts, default=None), min(ends, default=None)


def generate_popolo(graph: OrgGraph) -> dict:
    """The graph as a Popolo document (a dict ready for JSON)."""
    kinds = {n: d["kind"] for n, d in graph.graph.nodes(data=True)}
    parent = {u: v for u, v, _, _ in graph.edges("UNDER") if kinds[v] in ORGANIZATION_KINDS}
    post_in = {u: k for u, v, k, _ in graph.edges("MEDLEM_AF") if kinds[u] == "Post"}  # post -> its MEDLEM_AF edge id
    post_org = {u: graph.edge(k)["to"] for u, k in post_in.items()}
    areas, area_of = _areas(graph)
    organizations, posts, memberships, motions = [], [], [], []
    for record in graph.node_records():
        kind = record["kind"]
        if kind in ORGANIZATION_KINDS:
            org = {"id": record["id"], "name": record["name"], "classification": KINDS[kind]}
            if record["aliases"]:
                org["other_names"] = [{"name": a} for a in record["aliases"]]
            if kind == "Kommune" and "kommunekode" in record["attrs"]:
                org["identifiers"] = [{"identifier": str(record["attrs"]["kommunekode"]), "scheme": "kommunekode"}]
            if record["id"] in parent:
                org["parent_id"] = parent[record["id"]]
            if record["id"] in area_of:
                org["area_id"] = area_of[record["id"]]
            seats = record["attrs"].get("members", record["attrs"].get("size"))
            if isinstance(seats, int):
                org["seats"] = seats
            org["sources"] = _links(graph, record["sources"])
            organizations.append(_dated(org, record, "founding_date", "dissolution_date"))
        elif kind == "Post":
            post = {"id": record["id"], "label": record["name"], "role": record["name"]}
            if record["id"] in post_org:
                post["organization_id"] = post_org[record["id"]]
            post["sources"] = _links(graph, record["sources"])
            posts.append(_dated(post, record, "start_date", "end_date"))
    for record in graph.edge_records():
        source, relation, target = record["from"], record["type"], record["to"]
        membership = None
        if relation in ("MEDLEM_AF", "DELTAGER_I") and kinds[source] in ORGANIZATION_KINDS:
            membership = {"id": record["id"], "member": {"@type": "Organization", "id": source}, "organization_id": target}
        elif relation == "BESTRIDES_AF" and kinds[target] in ORGANIZATION_KINDS:
            membership = {"id": record["id"], "member": {"@type": "Organization", "id": target}, "post_id": source,
                          "role": graph.graph.nodes[source]["name"]}
            if source in post_org:
                membership["organization_id"] = post_org[source]
        elif relation == "UDPEGER" and target in post_in:
            seat = graph.edge(post_in[target])
            post = graph.node(target)
            membership = {"id": record["id"], "label": f"{post['name']}, indstillet af {graph.node(source)['name']}",
                          "role": post["name"], "organization_id": post_org[target], "post_id": target,
                          "on_behalf_of_id": source}
            seats = record["attrs"].get("seats", seat["attrs"].get("seats", post["attrs"].get("seats")))
            if isinstance(seats, int) and "seats_note" not in record["attrs"]:
                membership["seats"] = seats
            membership["sources"] = _links(graph, record["sources"] + seat["sources"])
            start, end = _overlap(record, seat)
            memberships.append(_dated(membership, {**record, "valid_from": start, "valid_to": end}, "start_date", "end_date"))
            continue
        elif relation == "VEDTAGER":
            pm = graph.node(target)
            motion = {"id": target, "organization_id": source, "text": pm["name"], "classification": KINDS["Pejlemaerke"],
                      "result": "pass", "sources": _links(graph, record["sources"] + pm["sources"])}
            day = record.get("valid_from") or pm.get("valid_from")
            if day:
                motion["date"] = day
            motions.append(motion)
        if membership is not None:
            membership["sources"] = _links(graph, record["sources"])
            memberships.append(_dated(membership, record, "start_date", "end_date"))
    return {"persons": [], "organizations": organizations, "areas": areas, "posts": posts,
            "memberships": memberships, "motions": motions}


def popolo_bytes(graph: OrgGraph) -> bytes:
    """:func:`generate_popolo` as UTF-8 JSON text."""
    return (json.dumps(generate_popolo(graph), ensure_ascii=False, indent=1) + "\n").encode("utf-8")

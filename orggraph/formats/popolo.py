"""Popolo JSON: organisations, posts, memberships and the focus points as motions, each
with start and end dates and sources, valid against ``orggraph/data/popolo.schema.json``
(written from the Popolo specification).

- ``organizations``: every KKR, RAR, Kommune, Sekretariat, Organ, Organisation and
  Samarbejde; ``classification`` is the kind's Danish name, ``parent_id`` the body it is
  UNDER, a municipality's kommunekode is an identifier with scheme ``kommunekode``.
- ``posts``: every Post, ``organization_id`` the body it belongs to (MEDLEM_AF).
- ``memberships``: MEDLEM_AF of municipalities in KKR and bodies, DELTAGER_I in
  cooperations, and a post held by a municipality (BESTRIDES_AF); ``member`` names the
  member organisation, the id is the edge id.
- ``motions``: each focus point a KKR adopted (VEDTAGER), dated by its adoption.
- ``sources``: one Popolo link per citation, its url the document's URI and its note
  ``title — locator: «quote»``.

- ``confidence`` and ``confidence_note``: an extension (Popolo allows extra properties)
  on anything ``derived`` or ``unverified``.

Popolo has no place for UDPEGER, SEKRETARIATSBETJENER, SPEJLER, DAEKKER, NEDSAT_AF,
UNDERSTOETTER, a post held by another post or a post that belongs to no body: use
another format for those. ``persons`` is empty: orggraph records seats, not people.

>>> from orggraph import load
>>> g = load()
>>> data = generate_popolo(g)
>>> nodes, edges = g.counts()["nodes"], g.counts()["edges"]
>>> len(data["organizations"]) == sum(nodes[kind] for kind in ORGANIZATION_KINDS)
True
>>> len(data["posts"]) == nodes["Post"], len(data["motions"]) == edges["VEDTAGER"]
(True, True)
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


def generate_popolo(graph: OrgGraph) -> dict:
    """The graph as a Popolo document (a dict ready for JSON)."""
    kinds = {n: d["kind"] for n, d in graph.graph.nodes(data=True)}
    parent = {u: v for u, v, _, _ in graph.edges("UNDER") if kinds[v] in ORGANIZATION_KINDS}
    post_org = {u: v for u, v, _, _ in graph.edges("MEDLEM_AF") if kinds[u] == "Post"}
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
        elif relation == "BESTRIDES_AF" and kinds[target] in ORGANIZATION_KINDS and source in post_org:
            membership = {"id": record["id"], "member": {"@type": "Organization", "id": target},
                          "organization_id": post_org[source], "post_id": source, "role": graph.graph.nodes[source]["name"]}
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
    return {"persons": [], "organizations": organizations, "posts": posts, "memberships": memberships, "motions": motions}


def popolo_bytes(graph: OrgGraph) -> bytes:
    """:func:`generate_popolo` as UTF-8 JSON text."""
    return (json.dumps(generate_popolo(graph), ensure_ascii=False, indent=1) + "\n").encode("utf-8")

"""Popolo JSON: areas, organisations, posts, memberships and the focus points as motions,
each with start and end dates and sources. Valid against the official popolo-spec JSON
schemas (the tests check every object with them) and against
``orggraph/data/popolo.schema.json``, the document schema written from the specification.

- ``areas``: the five regions (classification ``region``, identifier the region code) and
  the municipalities (``kommune``, identifier the kommunekode, ``parent_id`` the region),
  from the municipalities' ``region`` and ``region_code`` attributes. Their ids are
  ``area-region-<code>`` and ``area-kommune-<kommunekode>``.
- ``organizations``: every KKR, RAR, Beskaeftigelsesraad, Kommune, Sekretariat, Organ,
  Organisation and Samarbejde; ``classification`` is the kind's Danish name, ``parent_id``
  the body it is UNDER (for a cooperation without one, the cooperation it is DEL_AF), a
  municipality's kommunekode is an identifier with scheme ``kommunekode``.
  ``area_id``: a municipality's own area; anything else with a KKR area, the region of
  that KKR (a KKR area is a region). ``seats``: a RAR's members or a body's size (the
  extension EveryPolitician's Popolo readers know).
- ``posts``: every Post, ``organization_id`` the body it belongs to (MEDLEM_AF).
- ``memberships``, each with the edge's id, dates and sources:

  - MEDLEM_AF of municipalities and organisations in KKR and bodies, and DELTAGER_I in
    cooperations: ``member`` the municipality or organisation, ``organization_id`` the body;
  - a post held by an organisation (BESTRIDES_AF): ``member`` the holder, ``post_id`` the
    post, ``organization_id`` the post's body when it has one;
  - the seats a KKR, organisation or municipality nominates (UDPEGER of a post that belongs
    to a body, a RAR's or a Beskaeftigelsesraad's):
    ``post_id`` the post, ``organization_id`` the body, ``on_behalf_of_id`` the nominating
    organisation, ``seats`` (an extension) the number of seats, dated by both the
    nomination and the post's place in the body. These memberships have no ``member``: the
    holders sit on behalf of the nominator (the persons are named only by a roster, below).

- ``motions``: each focus point or recommendation a KKR adopted (VEDTAGER), dated by its
  adoption, and each decision (Beslutning) with the body that took it (TRAEFFER) as
  ``organization_id``, ``result`` ``pass`` and its ``decision_type`` (else "Beslutning") as
  ``classification``. A decision known only to lie in a window (``uncertain_from``) is dated
  with the part of the date the window's two ends share (``2016`` for early 2016), never a
  made-up day.
- ``sources``: one Popolo link per citation, its url the document's URI and its note
  ``title — locator: «quote»``.
- ``confidence`` and ``confidence_note``: an extension (Popolo allows extra properties)
  on anything ``derived`` or ``unverified``; likewise ``date_text`` (a rough date in the
  source's words) and ``uncertain_from``/``uncertain_to`` (the window ``[earliest, latest]``
  in which a start or end lies; the Popolo dates then are orggraph's validity, which covers
  the window).

Popolo has no place for SEKRETARIATSBETJENER, BETJENER, BRIEFER, SPEJLER, GIVER_MANDAT,
DAEKKER (a RAR's coverage changes over time; Popolo areas have no dates), NEDSAT_AF,
UNDERSTOETTER, HAR_OPGAVE and the tasks (Popolo has no purpose or remit), ANGAAR (a
motion has no subject; the decision's name says it), RAPPORTERER_TIL, ANSOEGER, HUSER,
AFLOESER (an organisation has no predecessor; the founding and dissolution dates tell
it), UDNAEVNER (a membership names who it is on behalf of, not who appointed it),
STILLER_TIL_RAADIGHED (the employee is a person not recorded, and ``on_behalf_of`` would
say the employee sits for the municipality, which the sources do not say), the trial rounds
(Forsoegsrunde: a Popolo event is an occasion people attend, not a phase of a trial), a
DEL_AF other than a cooperation's, or a post held by another post's holder: use another
format for those.

- ``persons``: the persons of a user's roster (``--roster``), each with its sources; empty for
  the packaged data, which names no persons. A person holding a seat or a chair
  (BESTRIDES_AF) is a membership with ``member`` and ``person_id`` the person, ``post_id``,
  the post's body as ``organization_id``, the roster's role (``medlem``, ``formand``, …) and
  who nominated the person as ``on_behalf_of_id``; a person in a KKR body (MEDLEM_AF) is a
  membership of that body.

May import: model, graph, formats.

>>> from orggraph import load
>>> g = load()
>>> data = generate_popolo(g)
>>> nodes, edges = g.counts()["nodes"], g.counts()["edges"]
>>> len(data["organizations"]) == sum(nodes[kind] for kind in ORGANIZATION_KINDS)
True
>>> len(data["posts"]) == nodes["Post"], len(data["motions"]) == edges["VEDTAGER"] + edges.get("TRAEFFER", 0)
(True, True)
>>> [m["on_behalf_of_id"] for m in data["memberships"] if m.get("post_id") == "post-rar-fyn-kommunale"]
['kkr-syddanmark']
"""

from __future__ import annotations

__all__ = ["SCHEMA_FILE", "ORGANIZATION_KINDS", "generate_popolo", "popolo_bytes", "write_popolo"]

import json
from pathlib import Path

from orggraph.formats.rdf import BASE
from orggraph.graph import OrgGraph
from orggraph.model import KINDS, Kind, Rel

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "data" / "popolo.schema.json"
#: Node kinds that are Popolo organisations.
POPOLO_PERSON = "Person"  # text, not vocabulary: Popolo's class name, which orggraph's kind happens to share
ORGANIZATION_KINDS = (Kind.KKR, Kind.RAR, Kind.Beskaeftigelsesraad, Kind.Kommune, Kind.Sekretariat, Kind.Organ, Kind.Organisation, Kind.Samarbejde)
#: Attributes copied onto a Popolo object as extensions: a rough date and the windows of uncertain dates.
_DATE_EXTENSIONS = ("date_text", "uncertain_from", "uncertain_to")


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
    for key in _DATE_EXTENSIONS:
        if key in (record.get("attrs") or {}):
            out[key] = record["attrs"][key]
    return out


def _window_date(window: list[str]) -> str | None:
    """The part of an ISO date both ends of ``window`` share: a day, a month or a year (Popolo allows all three).

    >>> _window_date(["2016-01-01", "2016-03-31"]), _window_date(["2016-09-01", "2016-09-30"]), _window_date(["2016-11-02", "2018-04-29"])
    ('2016', '2016-09', None)
    """
    for length in (10, 7, 4):
        if window[0][:length] == window[1][:length]:
            return window[0][:length]
    return None


def _areas(graph: OrgGraph) -> tuple[list[dict], dict[str, str]]:
    """The region and municipality areas, and ``{node id: area id}`` for the organisations."""
    regions: dict[int, dict] = {}
    municipalities, area_of, region_of_kkr = [], {}, {}
    for record in graph.node_records():
        attrs = record["attrs"]
        if record["kind"] != Kind.Kommune or "region_code" not in attrs:
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
    kinds = graph.kinds()
    parent = {u: v for u, v, _, _ in graph.edges(Rel.DEL_AF) if kinds[u] == kinds[v] == Kind.Samarbejde}
    parent |= {u: v for u, v, _, _ in graph.edges(Rel.UNDER) if kinds[v] in ORGANIZATION_KINDS}
    post_in = {u: k for u, v, k, _ in graph.edges(Rel.MEDLEM_AF) if kinds[u] == Kind.Post}  # post -> its MEDLEM_AF edge id
    post_org = {u: graph.edge(k)["to"] for u, k in post_in.items()}
    areas, area_of = _areas(graph)
    organizations, posts, memberships, motions, persons = [], [], [], [], []
    takers: dict[str, int] = {}
    for _, decision, _, _ in graph.edges(Rel.TRAEFFER):
        takers[decision] = takers.get(decision, 0) + 1
    for record in graph.node_records():
        kind = record["kind"]
        if kind in ORGANIZATION_KINDS:
            org = {"id": record["id"], "name": record["name"], "classification": KINDS[kind]}
            if record["aliases"]:
                org["other_names"] = [{"name": a} for a in record["aliases"]]
            if kind == Kind.Kommune and "kommunekode" in record["attrs"]:
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
        elif kind == Kind.Person:  # only from a user's roster: the packaged data names none
            persons.append({"id": record["id"], "name": record["name"], "sources": _links(graph, record["sources"])})
        elif kind == Kind.Post:
            post = {"id": record["id"], "label": record["name"], "role": record["name"]}
            if record["id"] in post_org:
                post["organization_id"] = post_org[record["id"]]
            post["sources"] = _links(graph, record["sources"])
            posts.append(_dated(post, record, "start_date", "end_date"))
    for record in graph.edge_records():
        source, relation, target = record["from"], record["type"], record["to"]
        membership = None
        if relation in (Rel.MEDLEM_AF, Rel.DELTAGER_I) and kinds[source] in ORGANIZATION_KINDS:
            membership = {"id": record["id"], "member": {"@type": "Organization", "id": source}, "organization_id": target}
        elif relation == Rel.MEDLEM_AF and kinds[source] == Kind.Person:
            membership = {"id": record["id"], "member": {"@type": POPOLO_PERSON, "id": source}, "person_id": source,
                          "organization_id": target}
            if record["attrs"].get("role"):
                membership["role"] = record["attrs"]["role"]
        elif relation == Rel.BESTRIDES_AF and kinds[target] == Kind.Person:
            membership = {"id": record["id"], "member": {"@type": POPOLO_PERSON, "id": target}, "person_id": target,
                          "post_id": source, "role": record["attrs"].get("role") or graph.name(source)}
            if source in post_org:
                membership["organization_id"] = post_org[source]
            if kinds.get(record["attrs"].get("nominated_by")) in ORGANIZATION_KINDS:
                membership["on_behalf_of_id"] = record["attrs"]["nominated_by"]
        elif relation == Rel.BESTRIDES_AF and kinds[target] in ORGANIZATION_KINDS:
            membership = {"id": record["id"], "member": {"@type": "Organization", "id": target}, "post_id": source,
                          "role": graph.name(source)}
            if source in post_org:
                membership["organization_id"] = post_org[source]
        elif relation == Rel.UDPEGER and target in post_in:
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
        elif relation == Rel.VEDTAGER:
            pm = graph.node(target)
            motion = {"id": target, "organization_id": source, "text": pm["name"], "classification": KINDS[pm["kind"]],
                      "result": "pass", "sources": _links(graph, record["sources"] + pm["sources"])}
            day = record.get("valid_from") or pm.get("valid_from")
            if day:
                motion["date"] = day
            motions.append(motion)
        elif relation == Rel.TRAEFFER:
            motions.append(_decision(graph, record, takers[target] > 1))
        if membership is not None:
            membership["sources"] = _links(graph, record["sources"])
            memberships.append(_dated(membership, record, "start_date", "end_date"))
    return {"persons": persons, "organizations": organizations, "areas": areas, "posts": posts,
            "memberships": memberships, "motions": motions}


def _decision(graph: OrgGraph, record: dict, shared: bool) -> dict:
    """A decision (TRAEFFER's target) as a passed motion of the body that took it; ``shared``: others took it too."""
    decision = graph.node(record["to"])
    attrs = decision["attrs"]
    motion = {"id": record["id"] if shared else decision["id"], "organization_id": record["from"], "text": decision["name"],
              "classification": attrs.get("decision_type") or KINDS[Kind.Beslutning], "result": "pass",
              "sources": _links(graph, record["sources"] + decision["sources"])}
    if isinstance(attrs.get("date"), str):
        motion["date"] = attrs["date"]
    elif attrs.get("uncertain_from"):
        day = _window_date(attrs["uncertain_from"])
        if day:
            motion["date"] = day
    elif decision.get("valid_from"):
        motion["date"] = decision["valid_from"]
    return _dated(motion, {**decision, "valid_from": None, "valid_to": None}, "start_date", "end_date")


def popolo_bytes(graph: OrgGraph) -> bytes:
    """:func:`generate_popolo` as UTF-8 JSON text."""
    return (json.dumps(generate_popolo(graph), ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def write_popolo(graph: OrgGraph, out) -> None:
    """Stream :func:`popolo_bytes` to the binary file ``out``, an item at a time (the whole text is never held)."""
    document = generate_popolo(graph)
    out.write(b"{")
    for n, (key, items) in enumerate(document.items()):
        out.write(((",\n " if n else "\n ") + json.dumps(key, ensure_ascii=False) + ": ").encode("utf-8"))
        if not items:
            out.write(b"[]")
            continue
        out.write(b"[")
        chunk = []
        for m, item in enumerate(items):
            chunk.append((",\n  " if m else "\n  ") + json.dumps(item, ensure_ascii=False, indent=1).replace("\n", "\n  "))
            if len(chunk) == 1024:
                out.write("".join(chunk).encode("utf-8"))
                chunk.clear()
        out.write(("".join(chunk) + "\n ]").encode("utf-8"))
    out.write(b"\n}\n" if document else b"}\n")

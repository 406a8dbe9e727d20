"""The packaged graph plus one node of every kind and one edge of every relation type, for
the export tests (issue 14): every format must carry the whole vocabulary of
:mod:`orggraph.model`, whether or not today's data uses all of it yet.

The added records are built from the vocabulary (``KINDS``, ``RELATIONS`` and the typed
attributes of ``orggraph.model.ATTRIBUTE_TYPES``), never from today's ids: each relation gets
one edge between kinds it allows, preferring the added nodes, so a new kind or relation in
the model is covered without editing this file. Their sources repeat a real citation of the
packaged data (the exports need a document from the register), and their names say they are
test records.
"""

from __future__ import annotations

import functools

import orggraph
from orggraph.graph import OrgGraph
from orggraph.model import KINDS, RELATIONS, allowed

#: Prefix of every added id.
PREFIX = "proeve-"

#: The typed attributes the added records carry, by kind or relation type; values as the validator wants them.
NODE_ATTRS: dict[str, dict] = {
    "Anbefaling": {"binding": "skal", "deadline": "2015-12-31", "date_text": "i 2015"},
    "Beslutning": {"decision_type": "godkendelse", "date_text": "starten af 2016", "uncertain_from": ["2016-01-01", "2016-03-31"]},
    "Forsoegsrunde": {"date_text": "efteråret 2016", "uncertain_to": ["2016-09-01", "2016-11-30"]},
    "Beskaeftigelsesraad": {"members": 18},
}
EDGE_ATTRS: dict[str, dict] = {
    "BETJENER": {"verb": "sekretariatsbetjene", "how": "betjener de kommunale medlemmer"},
    "RAPPORTERER_TIL": {"frequency": "årligt"},
    "ANSOEGER": {"date_text": "sommeren 2016"},
}
#: Validity of the added records: a window's record runs over the whole window (see validate.windows).
NODE_DATES: dict[str, tuple[str | None, str | None]] = {
    "Beslutning": ("2016-01-01", None),
    "Forsoegsrunde": ("2016-01-01", "2016-11-30"),
    "Beskaeftigelsesraad": ("2025-03-01", None),
}

#: Edges added besides the one per relation: the uses the exports map in their own way.
EXTRA_EDGES = [
    ("Post", "MEDLEM_AF", "Beskaeftigelsesraad"),  # a seat in a council ...
    ("Kommune", "UDPEGER", "Post"),  # ... nominated by a municipality (Popolo: on behalf of it)
    ("Post", "BESTRIDES_AF", "Organisation"),  # a post held by an organisation (org:heldBy, a Popolo membership)
    ("Beskaeftigelsesraad", "AFLOESER", "RAR"),  # a council replaces a RAR
    ("KKR", "TRAEFFER", "Beslutning"),  # a KKR takes a decision
    ("Anbefaling", "DEL_AF", "Pejlemaerke"),  # a recommendation under a focus area
]


def sample_id(kind: str) -> str:
    """The id of the added node of ``kind``."""
    return PREFIX + kind.lower()


def _node(kind: str, source: dict) -> dict:
    start, end = NODE_DATES.get(kind, (None, None))
    attrs = NODE_ATTRS.get(kind, {})
    windowed = "uncertain_from" in attrs or "uncertain_to" in attrs
    return {"id": sample_id(kind), "kind": kind, "name": f"{KINDS[kind]} (prøve)", "aliases": [f"Prøve-{kind}"], "area": None,
            "attrs": dict(attrs), "valid_from": start, "valid_to": end,
            "confidence": "derived" if windowed else "stated",
            "confidence_note": "Testpost: datoen kendes kun som et tidsrum." if windowed else None,
            "sources": [dict(source)]}


def _edge(relation: str, start: str, end: str, source: dict) -> dict:
    return {"id": f"{start}:{relation}:{end}", "from": start, "type": relation, "to": end, "area": None,
            "attrs": dict(EDGE_ATTRS.get(relation, {})), "valid_from": None, "valid_to": None,
            "confidence": "stated", "confidence_note": None, "sources": [dict(source)]}


def extend(graph: OrgGraph) -> OrgGraph:
    """``graph`` with one added node per kind and one added edge per relation type (see the module)."""
    nodes = [dict(r) for r in graph.node_records()]
    edges = [dict(r) for r in graph.edge_records()]
    source = next(r["sources"][0] for r in nodes if r["sources"])
    added = {kind: _node(kind, source) for kind in KINDS}
    nodes += added.values()
    order = list(KINDS)[::-1]  # the newest kinds first, so that they appear in most relations
    for relation, rule in sorted(RELATIONS.items()):
        starts = sorted(rule.sources, key=order.index)
        ends = sorted(rule.targets, key=order.index)
        s, t = next(((s, t) for s in starts for t in ends if s != t), (starts[0], ends[0]))
        edges.append(_edge(relation, sample_id(s), sample_id(t), source))
    for start, relation, end in EXTRA_EDGES:
        assert allowed(relation, start, end), (start, relation, end)
        edges.append(_edge(relation, sample_id(start), sample_id(end), source))
    edges = list({e["id"]: e for e in edges}.values())
    return OrgGraph.from_records(nodes, edges, graph.documents)


@functools.cache
def sample_graph() -> OrgGraph:
    """The packaged graph, extended (loaded once)."""
    return extend(orggraph.load(cache=False))

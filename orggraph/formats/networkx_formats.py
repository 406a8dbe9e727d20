"""GraphML, GEXF and networkx node-link JSON, written by networkx itself.

- **GraphML** (yEd, Gephi): node and edge attributes are the flat properties of
  :mod:`orggraph.formats.flat`, lists and objects as JSON text. The graph's ``documents``
  attribute holds the register of cited documents as JSON text.
- **GEXF** (Gephi): the same attributes; the node label is its name and the edge label
  the relation's Danish name, the relation type is the attribute ``relation`` (GEXF keeps
  ``type`` for directed/undirected), each node is coloured by kind with the charts'
  colours, and validity dates are also GEXF ``start``/``end`` so Gephi's timeline works.
  networkx writes no graph attributes to GEXF, so the register is not in the file; each
  source still carries its document's title.
- **JSON**: ``networkx.node_link_data`` of the graph with every field in its own JSON
  type (lists, objects, sources as objects), edges under ``"edges"`` keyed by edge id.

>>> from orggraph import load
>>> g = load()
>>> back = read_graphml_records(generate_graphml(g))
>>> back.counts() == g.counts()  # every node and edge, by kind and type
True
"""

from __future__ import annotations

__all__ = [
    "to_networkx", "generate_graphml", "generate_gexf", "generate_json",
    "read_graphml_records", "read_gexf_records", "read_json_records",
]

import io
import json
import re

import networkx as nx

from orggraph.formats.flat import edge_properties, edge_record, from_json, node_properties, node_record, to_json
from orggraph.graph import OrgGraph
from orggraph.model import RELATIONS


def to_networkx(graph: OrgGraph, *, flat: bool = True) -> nx.MultiDiGraph:
    """A plain MultiDiGraph of ``graph``: flat scalar attributes, or (``flat=False``) the records as they are."""
    out = nx.MultiDiGraph()
    out.graph["name"] = "orggraph"
    out.graph["documents"] = to_json(graph.documents) if flat else graph.documents
    for record in graph.node_records():
        data = node_properties(record, graph.documents, lists=False) if flat else dict(record)
        data.pop("id")
        out.add_node(record["id"], **data)
    for record in graph.edge_records():
        data = edge_properties(record, graph.documents, lists=False) if flat else {k: v for k, v in record.items() if k not in ("from", "to")}
        out.add_edge(record["from"], record["to"], key=record["id"], **data)
    return out


def _graph_from_networkx(g: nx.MultiDiGraph, relation_key: str = "type") -> OrgGraph:
    nodes = [node_record({**data, "id": node}) for node, data in g.nodes(data=True)]
    edges = []
    for u, v, key, data in g.edges(keys=True, data=True):
        data = {**data, "id": data.get("id", key), "type": data[relation_key]}
        edges.append(edge_record(data, u, v))
    return OrgGraph.from_records(nodes, edges, from_json(g.graph.get("documents")) or {})


def generate_graphml(graph: OrgGraph) -> bytes:
    """GraphML of ``graph`` (UTF-8)."""
    buf = io.BytesIO()
    nx.write_graphml_xml(to_networkx(graph), buf, encoding="utf-8", named_key_ids=True)
    return buf.getvalue()


def read_graphml_records(data: bytes) -> OrgGraph:
    """Read GraphML written by :func:`generate_graphml` with networkx, back into an OrgGraph."""
    return _graph_from_networkx(nx.read_graphml(io.BytesIO(data), force_multigraph=True))


def _hex_rgb(colour: str) -> dict:
    return {"r": int(colour[1:3], 16), "g": int(colour[3:5], 16), "b": int(colour[5:7], 16), "a": 1.0}


def generate_gexf(graph: OrgGraph) -> bytes:
    """GEXF 1.2 of ``graph``, coloured by kind; the file's date is the data's latest change, not today."""
    from orggraph.charts.style import KIND_STYLE

    g = to_networkx(graph)
    for _, data in g.nodes(data=True):
        data["label"] = data["name"]
        data["viz"] = {"color": _hex_rgb(KIND_STYLE[data["kind"]].border)}
        _spell(data)
    for _, _, key, data in g.edges(keys=True, data=True):
        data["id"] = key
        data["relation"] = data.pop("type")
        data["label"] = RELATIONS[data["relation"]].label
        _spell(data)
    buf = io.BytesIO()
    nx.write_gexf(g, buf, encoding="utf-8", version="1.2draft")
    stamp = (graph.latest_change() or "1970-01-01").encode()
    return re.sub(rb'lastmodifieddate="[0-9-]+"', b'lastmodifieddate="' + stamp + b'"', buf.getvalue(), count=1)


def _spell(data: dict) -> None:
    if data.get("valid_from"):
        data["start"] = data["valid_from"]
    if data.get("valid_to"):
        data["end"] = data["valid_to"]


def read_gexf_records(data: bytes) -> OrgGraph:
    """Read GEXF written by :func:`generate_gexf` with networkx, back into an OrgGraph."""
    g = nx.read_gexf(io.BytesIO(data), node_type=str)
    return _graph_from_networkx(g, relation_key="relation")


def generate_json(graph: OrgGraph) -> bytes:
    """networkx node-link JSON of ``graph``, every field in its JSON type."""
    data = nx.node_link_data(to_networkx(graph, flat=False), edges="edges")
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def read_json_records(data: bytes) -> OrgGraph:
    """Read node-link JSON written by :func:`generate_json` with networkx, back into an OrgGraph."""
    g = nx.node_link_graph(json.loads(data), edges="edges")
    nodes = [{"id": n, **d} for n, d in g.nodes(data=True)]
    edges = [{"id": k, "from": u, "to": v, **d} for u, v, k, d in g.edges(keys=True, data=True)]
    order = ("id", "from", "type", "to")
    edges = [{**{k: e[k] for k in order}, **{k: v for k, v in e.items() if k not in order}} for e in edges]
    return OrgGraph.from_records(nodes, edges, g.graph.get("documents") or {})

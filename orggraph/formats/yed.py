"""GraphML for yEd: the GraphML export plus yFiles graphics, laid out by Graphviz.

yEd shows only what its own ``yfiles.type`` keys describe; other ``<data>`` become hidden
custom properties. This flavour adds, to the same document as
:func:`orggraph.formats.networkx_formats.generate_graphml`:

- per node a ``y:ShapeNode``: ``y:Geometry`` (position from a Graphviz ``dot`` layout of
  the whole graph, size from the name's length), ``y:Fill`` in the charts' colour for its
  kind (:data:`orggraph.colours.KIND_STYLE`), a ``y:BorderStyle``, a ``y:NodeLabel``
  with the name and a ``y:Shape`` per kind (:data:`SHAPES`);
- per edge a ``y:PolyLineEdge`` with an arrow at the target and a ``y:EdgeLabel`` with the
  relation's Danish name (:data:`orggraph.model.RELATIONS`).

The data keys stay as they are, so networkx, igraph and Gephi read the file like the plain
GraphML (networkx also picks the label and position out of the graphics).

Layout needs Graphviz's ``dot`` program; without it :func:`generate_yed` raises
:class:`~orggraph.exceptions.OrgGraphError` saying how to install it. ``dot`` takes minutes
on thousands of nodes and does not finish on a national dataset, so a graph of more than
:data:`DOT_LIMIT` nodes is laid out as a grid instead: by area, then kind, then id, the
boxes in rows (yEd's Layout menu lays it out anew).

May import: exceptions, model, colours, graph, formats.
"""

from __future__ import annotations

__all__ = ["DOT_LIMIT", "SHAPES", "Y_NS", "generate_yed", "write_yed", "layout"]

import json
import math

from lxml import etree

from orggraph.exceptions import OrgGraphError
from orggraph.formats.networkx_formats import _XSI, GRAPHML_NS, graphml_document, write_graphml_stream
from orggraph.graph import OrgGraph
from orggraph.model import Kind, RELATIONS

Y_NS = "http://www.yworks.com/xml/graphml"

#: yEd shape of each node kind, so kinds differ by outline as well as by colour.
SHAPES: dict[str, str] = {
    Kind.KKR: "roundrectangle",
    Kind.RAR: "ellipse",
    Kind.Kommune: "rectangle",
    Kind.Sekretariat: "parallelogram",
    Kind.Organ: "hexagon",
    Kind.Post: "octagon",
    Kind.Organisation: "rectangle3d",
    Kind.Pejlemaerke: "diamond",
    Kind.Samarbejde: "trapezoid",
    Kind.Beskaeftigelsesraad: "trapezoid2",
    Kind.Beslutning: "fatarrow",
    Kind.Opgave: "parallelogram2",
    Kind.Anbefaling: "triangle",
    Kind.Forsoegsrunde: "fatarrow2",
    Kind.Person: "star5",
}

_HEIGHT = 30.0  # points
_FONT = 12
#: The most nodes laid out by ``dot``; a larger graph is laid out as a grid (see the module).
DOT_LIMIT = 2000


def _box(name: str) -> tuple[float, float]:
    """Width and height (points) of a node's box: room for its name in yEd's 12 pt Dialog font."""
    return max(60.0, round(7.0 * len(name) + 20.0)), _HEIGHT


def _grid(graph: OrgGraph) -> dict[str, tuple[float, float]]:
    """Top-left corners of the boxes in a grid, by area, kind and id."""
    from orggraph.model import KINDS

    order = {kind: n for n, kind in enumerate(KINDS)}
    records = sorted(graph.node_records(), key=lambda r: (r.get("area") or "", order.get(r["kind"], 0), r["id"]))
    columns = max(1, math.ceil(math.sqrt(len(records))))
    width = max((_box(r["name"])[0] for r in records), default=60.0) + 20.0
    return {r["id"]: (float((i % columns) * width), float((i // columns) * (_HEIGHT + 20.0))) for i, r in enumerate(records)}


def layout(graph: OrgGraph) -> dict[str, tuple[float, float]]:
    """Top-left corner (points, y down, as yEd wants) of every node's box, from ``dot``'s layout (a grid beyond
    :data:`DOT_LIMIT` nodes)."""
    if graph.graph.number_of_nodes() > DOT_LIMIT:
        return _grid(graph)
    import graphviz

    dot = graphviz.Digraph("orggraph", graph_attr={"rankdir": "LR", "nodesep": "0.3", "ranksep": "0.8"},
                           node_attr={"shape": "box", "fixedsize": "true", "label": ""})
    # DOT names n0, n1, ...: an id with a colon would otherwise be read as node:port
    names = {record["id"]: f"n{i}" for i, record in enumerate(sorted(graph.node_records(), key=lambda r: r["id"]))}
    ids = {name: node for node, name in names.items()}
    for record in graph.node_records():
        width, height = _box(record["name"])
        dot.node(names[record["id"]], width=f"{width / 72:.3f}", height=f"{height / 72:.3f}")
    for edge in sorted(graph.edge_records(), key=lambda e: e["id"]):
        dot.edge(names[edge["from"]], names[edge["to"]])
    try:
        laid = json.loads(graphviz.Source(dot.source).pipe(format="json", engine="dot"))
    except graphviz.ExecutableNotFound:
        raise OrgGraphError(
            "the yEd export needs Graphviz's 'dot' program for its layout, which was not found. "
            "Install it (Debian/Ubuntu: 'sudo apt-get install graphviz'; see https://graphviz.org/download/), "
            "or export plain GraphML (orggraph export graphml), which needs no Graphviz."
        ) from None
    except graphviz.CalledProcessError as err:
        raise OrgGraphError(f"Graphviz failed to lay out the graph: {err.stderr.decode(errors='replace').strip()}") from err
    top = float(laid["bb"].split(",")[3])
    corners = {}
    for obj in laid.get("objects", []):
        if "pos" not in obj:
            continue
        x, y = (float(v) for v in obj["pos"].split(","))
        width, height = float(obj["width"]) * 72, float(obj["height"]) * 72
        corners[ids[obj["name"]]] = (round(x - width / 2, 1) + 0.0, round(top - y - height / 2, 1) + 0.0)  # + 0.0: no "-0.0"
    return corners


def _y(tag: str, attrib: dict | None = None, text: str | None = None) -> etree._Element:
    element = etree.Element(f"{{{Y_NS}}}{tag}", {k: str(v) for k, v in (attrib or {}).items()})
    if text is not None:
        element.text = text
    return element


def _node_graphics(name: str, kind: str, corner: tuple[float, float]) -> etree._Element:
    from orggraph.colours import KIND_STYLE

    width, height = _box(name)
    style = KIND_STYLE[kind]
    shape = _y("ShapeNode")
    shape.append(_y("Geometry", {"x": f"{corner[0]:.1f}", "y": f"{corner[1]:.1f}", "width": f"{width:.1f}", "height": f"{height:.1f}"}))
    shape.append(_y("Fill", {"color": style.fill.upper(), "transparent": "false"}))
    shape.append(_y("BorderStyle", {"color": style.border.upper(), "type": "line", "width": "1.0"}))
    shape.append(_y("NodeLabel", {"alignment": "center", "autoSizePolicy": "content", "fontFamily": "Dialog",
                                  "fontSize": _FONT, "fontStyle": "plain", "hasBackgroundColor": "false",
                                  "hasLineColor": "false", "modelName": "internal", "modelPosition": "c",
                                  "textColor": "#000000", "visible": "true"}, name))
    shape.append(_y("Shape", {"type": SHAPES[kind]}))
    return shape


def _edge_graphics(relation: str) -> etree._Element:
    edge = _y("PolyLineEdge")
    edge.append(_y("Path", {"sx": "0.0", "sy": "0.0", "tx": "0.0", "ty": "0.0"}))
    edge.append(_y("LineStyle", {"color": "#000000", "type": "line", "width": "1.0"}))
    edge.append(_y("Arrows", {"source": "none", "target": "standard"}))
    edge.append(_y("EdgeLabel", {"alignment": "center", "fontFamily": "Dialog", "fontSize": "10", "fontStyle": "plain",
                                 "hasBackgroundColor": "false", "hasLineColor": "false", "modelName": "centered",
                                 "modelPosition": "center", "preferredPlacement": "anywhere", "textColor": "#000000",
                                 "visible": "true"}, RELATIONS[relation].label))
    edge.append(_y("BendStyle", {"smoothed": "false"}))
    return edge


def _yed_parts(graph: OrgGraph, nsmap: dict | None = None):
    corners = layout(graph)
    keys = (etree.Element(f"{{{GRAPHML_NS}}}key", {"id": "n_graphics", "for": "node", "yfiles.type": "nodegraphics"}, nsmap=nsmap),
            etree.Element(f"{{{GRAPHML_NS}}}key", {"id": "e_graphics", "for": "edge", "yfiles.type": "edgegraphics"}, nsmap=nsmap))

    def node_extra(node, data):
        holder = etree.Element(f"{{{GRAPHML_NS}}}data", key="n_graphics", nsmap=nsmap)
        holder.append(_node_graphics(data["name"], data["kind"], corners[node]))
        return [holder]

    def edge_extra(u, v, key, data):
        holder = etree.Element(f"{{{GRAPHML_NS}}}data", key="e_graphics", nsmap=nsmap)
        holder.append(_edge_graphics(data["type"]))
        return [holder]

    return {"node_extra": node_extra, "edge_extra": edge_extra, "extra_keys": keys, "nsmap": {"y": Y_NS}}


def generate_yed(graph: OrgGraph) -> bytes:
    """GraphML of ``graph`` with yFiles graphics (labels, colours, shapes, a ``dot`` layout) for yEd."""
    root = graphml_document(graph, **_yed_parts(graph))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def write_yed(graph: OrgGraph, out) -> None:
    """Stream :func:`generate_yed` to the binary file ``out``, a node or edge at a time."""
    write_graphml_stream(graph, out, **_yed_parts(graph, nsmap={None: GRAPHML_NS, "xsi": _XSI, "y": Y_NS}))

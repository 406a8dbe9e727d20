"""GraphML, GEXF and node-link JSON: written to each format's rules, read back with networkx.

- **GraphML** (networkx, igraph, graph-tool, Gephi, Cytoscape): node and edge attributes
  are the flat properties of :mod:`orggraph.formats.flat`, lists and objects as JSON text;
  the graph's ``documents`` attribute holds the register of cited documents as JSON text.
  Every ``<key>`` id is unique, as the GraphML schema's ``key_id_key`` requires: node keys
  are ``n_<name>``, edge keys ``e_<name>`` and graph keys ``g_<name>``, each with its
  readable ``attr.name`` and a typed ``attr.type`` (``int``, ``boolean``, ``string``).
  Each node has a ``label`` (its Danish name) and each edge a ``label`` (the relation's
  Danish name), which Gephi shows as labels. Gephi's GraphML importer turns keys named
  ``size``, ``x``, ``y``, ``r``, ``g``, ``b``, ``weight`` (and a few more) into visual
  properties, so an attribute with such a name is written under another ``attr.name``
  (``size`` as ``body_size``); the lossless ``attrs`` JSON keeps the original.
  The edge id is both the ``<edge id>`` and an ``id`` data key: python-igraph 1.0 does not
  read ``<edge id>`` correctly, but takes an ``id`` key instead (with a warning that it
  did), and Gephi takes that key as the edge's id, which is the same value.
  :mod:`orggraph.formats.yed` adds yEd's graphics to the same document.
- **GEXF 1.3** (Gephi): written by orggraph, not networkx, so that it follows the 1.3
  schema: no ``name`` on ``<graph>``, no ``networkx_key``, a ``label`` on every node and
  edge, typed attributes (``integer``, ``boolean``, ``string``; GEXF has no date type, so
  dates are ISO text), the relation type as the attribute ``relation`` and as the edge
  ``kind`` (so Gephi keeps parallel edges of different relations apart), each node coloured
  by kind with the charts' colours (``viz:color``), and validity as ``start``/``end`` with
  ``mode="dynamic"`` and ``timeformat="date"``, so Gephi's timeline works. GEXF has no graph
  attributes, so the register is not in the file; each source still carries its
  document's title.
- **JSON**: node-link JSON with every field in its own JSON type (lists, objects, sources
  as objects). The edges are under ``"links"``, the key D3 and networkx 3.2–3.5 read, and
  the same list again under ``"edges"``, the key networkx 3.6 reads by default, so
  ``networkx.node_link_graph(json.load(f))`` works with its defaults in every networkx the
  project allows.

May import: progress, model, colours, graph, formats.

>>> from orggraph import load
>>> g = load()
>>> back = parse_graphml(generate_graphml(g))
>>> back.counts() == g.counts()  # every node and edge, by kind and type
True
"""

from __future__ import annotations

__all__ = [
    "GEPHI_RENAMED",
    "GEXF_NS",
    "GEXF_VIZ_NS",
    "GRAPHML_NS",
    "generate_gexf",
    "generate_graphml",
    "generate_json",
    "graphml_document",
    "parse_gexf",
    "parse_graphml",
    "parse_json",
    "to_networkx",
    "write_gexf",
    "write_graphml",
    "write_json",
]

import io
import json
import re
from collections.abc import Callable

import networkx as nx
from lxml import etree

from orggraph.formats.flat import edge_properties, edge_record, from_json, node_properties, node_record, to_json
from orggraph.graph import OrgGraph
from orggraph.model import RELATIONS

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
GEXF_NS = "http://gexf.net/1.3"
GEXF_VIZ_NS = "http://gexf.net/1.3/viz"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"

#: Attribute names Gephi's GraphML importer takes as visual properties (matched by key id or
#: ``attr.name``, per element kind), other than the ``label`` orggraph writes on purpose.
_GEPHI_PROPERTIES = {
    "node": {"d3", "x", "y", "xpos", "ypos", "z", "size", "r", "g", "b"},
    "edge": {"edgelabel", "d7", "weight", "edge weight", "id", "edgeid", "r", "g", "b"},
}
#: The ``attr.name`` under which such an attribute is written instead; others get ``attr_``.
GEPHI_RENAMED = {"size": "body_size"}

_INT32 = range(-2**31, 2**31)


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


def _graph_from_networkx(g: nx.MultiDiGraph | nx.DiGraph, relation_key: str = "type") -> OrgGraph:
    nodes = [node_record({**data, "id": node}) for node, data in g.nodes(data=True)]
    triples = g.edges(keys=True, data=True) if g.is_multigraph() else ((u, v, None, d) for u, v, d in g.edges(data=True))
    edges = []
    for u, v, key, data in triples:
        data = {**data, "id": data.get("id", key), "type": data[relation_key]}
        edges.append(edge_record(data, u, v))
    return OrgGraph.from_records(nodes, edges, from_json(g.graph.get("documents")) or {})


# --- GraphML ---------------------------------------------------------------------------

def _text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _graphml_type(values: list) -> str:
    """The GraphML ``attr.type`` that holds every one of ``values`` (``string`` when they mix)."""
    if all(isinstance(v, bool) for v in values):
        return "boolean"
    if all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return "int" if all(v in _INT32 for v in values) else "long"
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        return "double"
    return "string"


def _gephi_safe(name: str, scope: str) -> str:
    if name.lower() in _GEPHI_PROPERTIES.get(scope, ()):
        return GEPHI_RENAMED.get(name, f"attr_{name}")
    return name


def _key_id(prefix: str, name: str) -> str:
    return prefix + re.sub(r"[^\w.-]", "_", name)  # an NMTOKEN, as the schema wants


def _graphml_data(graph: OrgGraph) -> tuple[dict, list[tuple[str, dict]], list[tuple[str, str, str, dict]]]:
    """Graph, node and edge attributes as GraphML writes them (Gephi-safe names, labels added)."""
    g = to_networkx(graph)
    nodes = []
    for node, data in g.nodes(data=True):
        row = {"label": data["name"]}
        row.update({_gephi_safe(k, "node"): v for k, v in data.items()})
        nodes.append((node, row))
    edges = []
    for u, v, key, data in g.edges(keys=True, data=True):
        row = {(k if k == "id" else _gephi_safe(k, "edge")): val for k, val in data.items()}
        row["label"] = RELATIONS[data["type"]].label
        edges.append((u, v, key, row))
    return dict(g.graph), nodes, edges


def graphml_document(graph: OrgGraph, *, node_extra: Callable[[str, dict], list] | None = None,
                     edge_extra: Callable[[str, str, str, dict], list] | None = None,
                     extra_keys: tuple = (), nsmap: dict | None = None) -> etree._Element:
    """The ``<graphml>`` element of ``graph``: unique typed keys, then one directed ``<graph>``.

    ``extra_keys`` are further ``<key>`` elements, and ``node_extra(id, data)`` and
    ``edge_extra(source, target, id, data)`` give further ``<data>`` elements per node and
    edge; :mod:`orggraph.formats.yed` uses them for yEd's graphics.
    """
    graph_data, nodes, edges = _graphml_data(graph)
    root = etree.Element(f"{{{GRAPHML_NS}}}graphml", nsmap={None: GRAPHML_NS, "xsi": _XSI, **(nsmap or {})})
    root.set(f"{{{_XSI}}}schemaLocation", f"{GRAPHML_NS} http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd")
    keys: dict[tuple[str, str], str] = {}
    for scope, prefix, rows in (("graph", "g_", [graph_data]), ("node", "n_", [d for _, d in nodes]), ("edge", "e_", [d for *_, d in edges])):
        values: dict[str, list] = {}
        for row in rows:
            for name, value in row.items():
                values.setdefault(name, []).append(value)
        for name, seen in values.items():
            keys[scope, name] = key_id = _key_id(prefix, name)
            etree.SubElement(root, f"{{{GRAPHML_NS}}}key", {"id": key_id, "for": scope, "attr.name": name, "attr.type": _graphml_type(seen)})
    for key in extra_keys:
        root.append(key)
    body = etree.SubElement(root, f"{{{GRAPHML_NS}}}graph", {"id": "orggraph", "edgedefault": "directed"})

    def add_data(parent, scope, row):
        for name, value in row.items():
            etree.SubElement(parent, f"{{{GRAPHML_NS}}}data", key=keys[scope, name]).text = _text(value)

    add_data(body, "graph", graph_data)  # first, so readers that stream (graph-tool) see it as the graph's
    for node, row in nodes:
        element = etree.SubElement(body, f"{{{GRAPHML_NS}}}node", id=node)
        add_data(element, "node", row)
        for extra in node_extra(node, row) if node_extra else ():
            element.append(extra)
    for u, v, key, row in edges:
        element = etree.SubElement(body, f"{{{GRAPHML_NS}}}edge", id=key, source=u, target=v)
        add_data(element, "edge", row)
        for extra in edge_extra(u, v, key, row) if edge_extra else ():
            element.append(extra)
    return root


def _xml_bytes(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def generate_graphml(graph: OrgGraph) -> bytes:
    """GraphML of ``graph`` (UTF-8), with unique key ids and Gephi-safe attribute names."""
    return _xml_bytes(graphml_document(graph))


def _write_xml(root: etree._Element, out) -> None:
    etree.ElementTree(root).write(out, xml_declaration=True, encoding="UTF-8", pretty_print=True)


_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_XML_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_XML_ATTR = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#13;", "\n": "&#10;", "\t": "&#9;"})


def _xml_text(text: str) -> str:
    if _XML_ILLEGAL.search(text):
        raise ValueError(f"{text!r}: XML cannot hold control characters")
    return text.translate(_XML_TEXT)


def _xml_attr(text: str) -> str:
    if _XML_ILLEGAL.search(text):
        raise ValueError(f"{text!r}: XML cannot hold control characters")
    return text.translate(_XML_ATTR)


class _Types:
    """The GraphML type of each attribute name, from the values seen (as :func:`_graphml_type` over all of them)."""

    def __init__(self) -> None:
        self.seen: dict[str, set[str]] = {}

    def add(self, row: dict) -> None:
        for name, value in row.items():
            if isinstance(value, bool):
                kind = "bool"
            elif isinstance(value, int):
                kind = "int" if value in _INT32 else "long"
            elif isinstance(value, float):
                kind = "float"
            else:
                kind = "str"
            self.seen.setdefault(name, set()).add(kind)

    def types(self) -> dict[str, str]:
        out = {}
        for name, kinds in self.seen.items():
            if kinds == {"bool"}:
                out[name] = "boolean"
            elif kinds <= {"int", "long"}:
                out[name] = "long" if "long" in kinds else "int"
            elif kinds <= {"int", "long", "float"}:
                out[name] = "double"
            else:
                out[name] = "string"
        return out


def _graphml_rows(graph: OrgGraph):
    """``(graph row, node rows, edge rows)``: generators of what :func:`_graphml_data` lists, made again each time."""
    documents = graph.documents
    graph_row = {"name": "orggraph", "documents": to_json(documents)}

    def nodes():
        for record in graph.node_records():
            data = node_properties(record, documents, lists=False)
            node = data.pop("id")
            row = {"label": data["name"]}
            row.update({_gephi_safe(k, "node"): v for k, v in data.items()})
            yield node, row

    def edges():
        for record in graph.edge_records():
            data = edge_properties(record, documents, lists=False)
            u, v = record["from"], record["to"]
            row = {(k if k == "id" else _gephi_safe(k, "edge")): val for k, val in data.items()}
            row["label"] = RELATIONS[data["type"]].label
            yield u, v, record["id"], row

    return graph_row, nodes, edges


def _extra_xml(elements: list, indent: str, drop: tuple[str, ...]) -> str:
    """lxml ``elements`` pretty-printed at ``indent``, without the namespace declarations the root already makes."""
    text = "".join(etree.tostring(e, pretty_print=True, encoding="unicode") for e in elements)
    for declaration in drop:
        text = text.replace(declaration, "")
    return "".join(indent + line + "\n" for line in text.splitlines())


def write_graphml_stream(graph: OrgGraph, out, *, node_extra=None, edge_extra=None, extra_keys: tuple = (),
                         nsmap: dict | None = None) -> None:
    """Stream the document of :func:`graphml_document` to the binary file ``out``, byte for byte as lxml prints it.

    Two passes over the records: one for the keys' types (which come first in the file), one to write.
    """
    graph_row, nodes, edges = _graphml_rows(graph)
    types = {"graph": _Types(), "node": _Types(), "edge": _Types()}
    types["graph"].add(graph_row)
    for _, row in nodes():
        types["node"].add(row)
    for *_, row in edges():
        types["edge"].add(row)
    namespaces = {None: GRAPHML_NS, "xsi": _XSI, **(nsmap or {})}
    declared = " ".join(f'xmlns="{uri}"' if prefix is None else f'xmlns:{prefix}="{uri}"' for prefix, uri in namespaces.items())
    drop = tuple(" " + d for d in declared.split(" "))
    keys: dict[tuple[str, str], str] = {}
    head = ["<?xml version='1.0' encoding='UTF-8'?>\n",
            f'<graphml {declared} xsi:schemaLocation="{GRAPHML_NS} http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n']
    for scope, prefix in (("graph", "g_"), ("node", "n_"), ("edge", "e_")):
        for name, kind in types[scope].types().items():
            keys[scope, name] = key_id = _key_id(prefix, name)
            head.append(f'  <key id="{_xml_attr(key_id)}" for="{scope}" attr.name="{_xml_attr(name)}" attr.type="{kind}"/>\n')
    if extra_keys:
        head.append(_extra_xml(list(extra_keys), "  ", drop))
    head.append('  <graph id="orggraph" edgedefault="directed">\n')

    def data(scope: str, row: dict, indent: str) -> list[str]:
        lines = []
        for name, value in row.items():
            text = _text(value)
            lines.append(f'{indent}<data key="{keys[scope, name]}">{_xml_text(text)}</data>\n')
        return lines

    head += data("graph", graph_row, "    ")
    out.write("".join(head).encode("utf-8"))
    from orggraph.progress import track

    chunk: list[str] = []

    def flush(force: bool = False) -> None:
        if force or len(chunk) > 4096:
            out.write("".join(chunk).encode("utf-8"))
            chunk.clear()

    n_nodes, n_edges = graph.graph.number_of_nodes(), graph.graph.number_of_edges()
    for node, row in track(nodes(), "GraphML: nodes", n_nodes):
        chunk.append(f'    <node id="{_xml_attr(node)}">\n')
        chunk += data("node", row, "      ")
        if node_extra:
            chunk.append(_extra_xml(node_extra(node, row), "      ", drop))
        chunk.append("    </node>\n")
        flush()
    for u, v, key, row in track(edges(), "GraphML: relations", n_edges):
        chunk.append(f'    <edge id="{_xml_attr(key)}" source="{_xml_attr(u)}" target="{_xml_attr(v)}">\n')
        chunk += data("edge", row, "      ")
        if edge_extra:
            chunk.append(_extra_xml(edge_extra(u, v, key, row), "      ", drop))
        chunk.append("    </edge>\n")
        flush()
    chunk.append("  </graph>\n</graphml>\n")
    flush(True)


def write_graphml(graph: OrgGraph, out) -> None:
    """Stream the GraphML of :func:`generate_graphml` to the binary file ``out``, a node or edge at a time."""
    write_graphml_stream(graph, out)


def parse_graphml(data: bytes) -> OrgGraph:
    """Read GraphML written by :func:`generate_graphml` (or the yEd flavour) with networkx, back into an OrgGraph."""
    return _graph_from_networkx(nx.read_graphml(io.BytesIO(data), force_multigraph=True))


# --- GEXF ------------------------------------------------------------------------------

def _gexf_type(values: list) -> str:
    """The GEXF 1.3 attribute type that holds every one of ``values``."""
    kind = _graphml_type(values)
    return {"int": "integer", "long": "long", "boolean": "boolean", "double": "double"}.get(kind, "string")


def _hex_rgb(colour: str) -> dict[str, str]:
    return {"r": str(int(colour[1:3], 16)), "g": str(int(colour[3:5], 16)), "b": str(int(colour[5:7], 16)), "a": "1.0"}


def generate_gexf(graph: OrgGraph) -> bytes:
    """GEXF 1.3 of ``graph``, coloured by kind, with validity intervals; the file's date is the data's latest change."""
    return _xml_bytes(_gexf_document(graph))


def write_gexf(graph: OrgGraph, out) -> None:
    """Stream the GEXF of :func:`generate_gexf` to the binary file ``out``, a node or edge at a time, byte for byte as
    lxml prints it (two passes: the attributes' types come first)."""
    from orggraph.colours import KIND_STYLE
    from orggraph.progress import track

    documents = graph.documents

    def nodes():
        for record in graph.node_records():
            data = node_properties(record, documents, lists=False)
            yield data.pop("id"), data

    def edges():
        for record in graph.edge_records():
            data = edge_properties(record, documents, lists=False)
            row = {k: val for k, val in data.items() if k not in ("id", "type")}
            yield record["from"], record["to"], record["id"], {"relation": data["type"], **row}

    types = {"node": _Types(), "edge": _Types()}
    for _, row in nodes():
        types["node"].add(row)
    for *_, row in edges():
        types["edge"].add(row)
    head = ["<?xml version='1.0' encoding='UTF-8'?>\n",
            f'<gexf xmlns="{GEXF_NS}" xmlns:viz="{GEXF_VIZ_NS}" xmlns:xsi="{_XSI}" version="1.3" '
            f'xsi:schemaLocation="{GEXF_NS} http://gexf.net/1.3/gexf.xsd">\n',
            f'  <meta lastmodifieddate="{_xml_attr(graph.latest_change() or "1970-01-01")}">\n',
            "    <creator>orggraph</creator>\n",
            "    <description>Danish employment-policy organisation (KKR, RAR, municipalities, bodies); "
            "node and edge intervals are the validity dates (inclusive)</description>\n",
            "  </meta>\n",
            '  <graph defaultedgetype="directed" mode="dynamic" timeformat="date">\n']
    ids: dict[tuple[str, str], str] = {}
    for scope, prefix in (("node", "n_"), ("edge", "e_")):
        declared = types[scope].types()
        if not declared:
            head.append(f'    <attributes class="{scope}" mode="static"/>\n')
            continue
        head.append(f'    <attributes class="{scope}" mode="static">\n')
        for name, kind in declared.items():
            ids[scope, name] = attr_id = _key_id(prefix, name)
            gexf_kind = {"int": "integer", "long": "long", "boolean": "boolean", "double": "double"}.get(kind, "string")
            head.append(f'      <attribute id="{_xml_attr(attr_id)}" title="{_xml_attr(name)}" type="{gexf_kind}"/>\n')
        head.append("    </attributes>\n")
    out.write("".join(head).encode("utf-8"))

    def spell(row: dict) -> str:
        return ((f' start="{_xml_attr(row["valid_from"])}"' if row.get("valid_from") else "")
                + (f' end="{_xml_attr(row["valid_to"])}"' if row.get("valid_to") else ""))

    def attvalues(scope: str, row: dict) -> list[str]:
        if not row:
            return ["        <attvalues/>\n"]
        return ["        <attvalues>\n",
                *(f'          <attvalue for="{ids[scope, name]}" value="{_xml_attr(_text(value))}"/>\n' for name, value in row.items()),
                "        </attvalues>\n"]

    colours = {kind: " ".join(f'{k}="{v}"' for k, v in _hex_rgb(style.border).items()) for kind, style in KIND_STYLE.items()}
    chunk = [f'    <nodes count="{graph.graph.number_of_nodes()}">\n']
    for node, row in track(nodes(), "GEXF: nodes", graph.graph.number_of_nodes()):
        chunk.append(f'      <node id="{_xml_attr(node)}" label="{_xml_attr(row["name"])}"{spell(row)}>\n')
        chunk += attvalues("node", row)
        chunk.append(f"        <viz:color {colours[row['kind']]}/>\n      </node>\n")
        if len(chunk) > 4096:
            out.write("".join(chunk).encode("utf-8"))
            chunk.clear()
    chunk.append("    </nodes>\n")
    if not graph.graph.number_of_nodes():  # lxml prints an empty element so
        chunk[-2:] = ['    <nodes count="0"/>\n']
    chunk.append(f'    <edges count="{graph.graph.number_of_edges()}">\n')
    for u, v, key, row in track(edges(), "GEXF: relations", graph.graph.number_of_edges()):
        relation = row["relation"]
        chunk.append(f'      <edge id="{_xml_attr(key)}" source="{_xml_attr(u)}" target="{_xml_attr(v)}" '
                     f'label="{_xml_attr(RELATIONS[relation].label)}" kind="{relation}"{spell(row)}>\n')
        chunk += attvalues("edge", row)
        chunk.append("      </edge>\n")
        if len(chunk) > 4096:
            out.write("".join(chunk).encode("utf-8"))
            chunk.clear()
    chunk.append("    </edges>\n")
    if not graph.graph.number_of_edges():
        chunk[-2:] = ['    <edges count="0"/>\n']
    chunk.append("  </graph>\n</gexf>\n")
    out.write("".join(chunk).encode("utf-8"))


def _gexf_document(graph: OrgGraph) -> etree._Element:
    from orggraph.colours import KIND_STYLE

    g = to_networkx(graph)
    root = etree.Element(f"{{{GEXF_NS}}}gexf", nsmap={None: GEXF_NS, "viz": GEXF_VIZ_NS, "xsi": _XSI}, version="1.3")
    root.set(f"{{{_XSI}}}schemaLocation", f"{GEXF_NS} http://gexf.net/1.3/gexf.xsd")
    meta = etree.SubElement(root, f"{{{GEXF_NS}}}meta", lastmodifieddate=graph.latest_change() or "1970-01-01")
    etree.SubElement(meta, f"{{{GEXF_NS}}}creator").text = "orggraph"
    etree.SubElement(meta, f"{{{GEXF_NS}}}description").text = (
        "Danish employment-policy organisation (KKR, RAR, municipalities, bodies); "
        "node and edge intervals are the validity dates (inclusive)")
    body = etree.SubElement(root, f"{{{GEXF_NS}}}graph", defaultedgetype="directed", mode="dynamic", timeformat="date")

    nodes = [(node, {k: v for k, v in data.items()}) for node, data in g.nodes(data=True)]
    edges = []
    for u, v, key, data in g.edges(keys=True, data=True):
        row = {k: val for k, val in data.items() if k not in ("id", "type")}
        edges.append((u, v, key, {"relation": data["type"], **row}))
    attribute_ids: dict[tuple[str, str], str] = {}
    for scope, prefix, rows in (("node", "n_", [d for _, d in nodes]), ("edge", "e_", [d for *_, d in edges])):
        values: dict[str, list] = {}
        for row in rows:
            for name, value in row.items():
                values.setdefault(name, []).append(value)
        declared = etree.SubElement(body, f"{{{GEXF_NS}}}attributes", {"class": scope, "mode": "static"})
        for name, seen in values.items():
            attribute_ids[scope, name] = attr_id = _key_id(prefix, name)
            etree.SubElement(declared, f"{{{GEXF_NS}}}attribute", id=attr_id, title=name, type=_gexf_type(seen))

    def spell(element, row):
        if row.get("valid_from"):
            element.set("start", row["valid_from"])
        if row.get("valid_to"):
            element.set("end", row["valid_to"])

    def attvalues(element, scope, row):
        holder = etree.SubElement(element, f"{{{GEXF_NS}}}attvalues")
        for name, value in row.items():
            etree.SubElement(holder, f"{{{GEXF_NS}}}attvalue", {"for": attribute_ids[scope, name], "value": _text(value)})

    node_list = etree.SubElement(body, f"{{{GEXF_NS}}}nodes", count=str(len(nodes)))
    for node, row in nodes:
        element = etree.SubElement(node_list, f"{{{GEXF_NS}}}node", id=node, label=row["name"])
        spell(element, row)
        attvalues(element, "node", row)
        etree.SubElement(element, f"{{{GEXF_VIZ_NS}}}color", _hex_rgb(KIND_STYLE[row["kind"]].border))
    edge_list = etree.SubElement(body, f"{{{GEXF_NS}}}edges", count=str(len(edges)))
    for u, v, key, row in edges:
        element = etree.SubElement(edge_list, f"{{{GEXF_NS}}}edge", id=key, source=u, target=v,
                                   label=RELATIONS[row["relation"]].label, kind=row["relation"])
        spell(element, row)
        attvalues(element, "edge", row)
    return root


def parse_gexf(data: bytes) -> OrgGraph:
    """Read GEXF written by :func:`generate_gexf` with networkx, back into an OrgGraph."""
    g = nx.read_gexf(io.BytesIO(data), node_type=str)
    return _graph_from_networkx(g, relation_key="relation")


# --- JSON ------------------------------------------------------------------------------

def generate_json(graph: OrgGraph) -> bytes:
    """Node-link JSON of ``graph``, every field in its JSON type; edges under ``links`` and again under ``edges``.

    Built here rather than by ``networkx.node_link_data``, whose keyword for the edge key
    changed (``link=`` before 3.4, ``edges=`` since), so the file is the same whichever
    networkx writes it.
    """
    g = to_networkx(graph, flat=False)
    nodes = [{"id": node, **data} for node, data in g.nodes(data=True)]
    links = [{"source": u, "target": v, "key": key, **data} for u, v, key, data in g.edges(keys=True, data=True)]
    data = {"directed": True, "multigraph": True, "graph": dict(g.graph), "nodes": nodes, "links": links, "edges": links}
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def write_json(graph: OrgGraph, out) -> None:
    """Stream :func:`generate_json` to the binary file ``out``, a node or link at a time (the same bytes)."""
    from orggraph.progress import track

    def dumped(value, indent: str) -> str:
        return json.dumps(value, ensure_ascii=False, indent=1).replace("\n", "\n" + indent)

    def items(rows, what: str, total: int) -> None:
        out.write(b"[")
        chunk, first = [], True
        for row in track(rows, what, total):
            chunk.append(("\n  " if first else ",\n  ") + dumped(row, "  "))
            first = False
            if len(chunk) == 1024:
                out.write("".join(chunk).encode("utf-8"))
                chunk.clear()
        out.write("".join(chunk).encode("utf-8") + (b"]" if first else b"\n ]"))

    def links():
        for record in graph.edge_records():
            yield {"source": record["from"], "target": record["to"], "key": record["id"],
                   **{k: v for k, v in record.items() if k not in ("from", "to")}}

    def nodes():
        for record in graph.node_records():
            yield {"id": record["id"], **{k: v for k, v in record.items() if k != "id"}}

    head = {"directed": True, "multigraph": True, "graph": {"name": "orggraph", "documents": graph.documents}}
    out.write(dumped(head, "")[:-2].encode("utf-8") + b',\n "nodes": ')
    n_nodes, n_edges = graph.graph.number_of_nodes(), graph.graph.number_of_edges()
    items(nodes(), "JSON: nodes", n_nodes)
    out.write(b',\n "links": ')
    items(links(), "JSON: links", n_edges)
    out.write(b',\n "edges": ')
    items(links(), "JSON: edges", n_edges)
    out.write(b"\n}\n")


def _node_link_graph(data: dict) -> nx.MultiDiGraph:
    try:
        return nx.node_link_graph(data, edges="links")
    except TypeError:  # networkx 3.2 and 3.3 call the keyword link
        return nx.node_link_graph(data, link="links")


def parse_json(data: bytes) -> OrgGraph:
    """Read node-link JSON written by :func:`generate_json` with networkx, back into an OrgGraph."""
    g = _node_link_graph(json.loads(data))
    nodes = [{"id": n, **d} for n, d in g.nodes(data=True)]
    edges = [{"id": k, "from": u, "to": v, **d} for u, v, k, d in g.edges(keys=True, data=True)]
    order = ("id", "from", "type", "to")
    edges = [{**{k: e[k] for k in order}, **{k: v for k, v in e.items() if k not in order}} for e in edges]
    return OrgGraph.from_records(nodes, edges, g.graph.get("documents") or {})

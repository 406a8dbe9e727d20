"""GraphML, the yEd flavour, GEXF and node-link JSON (issue 17): each opened by the readers its users use.

- GraphML: no XSD of GraphML can be had offline here (graphdrawing.org's schema is not in
  any package on PyPI, npm or Debian), so :func:`graphml_problems` checks the schema's
  structural rules itself: unique ``<key id>`` (the schema's ``key_id_key``), every
  ``<data key>`` naming a declared key of its element's domain (``key_for_data``), the
  allowed ``for`` and ``attr.type`` values, NMTOKEN ids, unique node and edge ids, and
  edges between declared nodes. A negative control shows it catches networkx's
  ``named_key_ids=True`` output, which broke ``key_id_key``. Then networkx and python-igraph
  read the file, and the Gephi importer's rules (from its ``ImporterGraphML.java``) are
  checked.
- yEd: the yFiles graphics are parsed with lxml; yEd itself cannot run here.
- GEXF: validated against the official GEXF 1.3 XSD, vendored in ``tests/data/schemas``.
- JSON: read with networkx's defaults and with ``edges="links"``.
"""

import copy
import io
import json
import re
import warnings
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
from lxml import etree

from orggraph.charts.style import KIND_STYLE
from orggraph.exceptions import OrgGraphError
from orggraph.formats.networkx_formats import (
    GEXF_NS, GEXF_VIZ_NS, GRAPHML_NS, generate_gexf, generate_graphml, generate_json, parse_gexf,
    parse_graphml, parse_json, to_networkx,
)
from orggraph.model import KINDS, RELATIONS

from conftest import require_binary, same_graph, unavailable

SCHEMAS = Path(__file__).parent / "data" / "schemas"
G = f"{{{GRAPHML_NS}}}"
Y = "{http://www.yworks.com/xml/graphml}"
NMTOKEN = re.compile(r"[\w.:-]+")
#: Keys Gephi's GraphML importer takes as visual properties, by key id or attr.name (ImporterGraphML.java).
GEPHI_NODE_PROPERTIES = {"d3", "x", "y", "xpos", "ypos", "z", "size", "r", "g", "b"}
GEPHI_EDGE_PROPERTIES = {"edgelabel", "d7", "weight", "edge weight", "id", "edgeid", "r", "g", "b"}


@pytest.fixture(scope="module")
def graphml(graph):
    return generate_graphml(graph)


@pytest.fixture(scope="module")
def yed(graph):
    require_binary("dot", "apt-get install graphviz")
    from orggraph.formats.yed import generate_yed

    return generate_yed(graph)


@pytest.fixture(scope="module")
def gexf(graph):
    return generate_gexf(graph)


def graphml_problems(data: bytes) -> list[str]:
    """Where ``data`` breaks GraphML's structural rules (graphml-structure.xsd and graphml-attributes.xsd)."""
    root = etree.fromstring(data)
    problems = []
    if root.tag != f"{G}graphml":
        return [f"root element is {root.tag}, not graphml"]
    keys = root.findall(f"{G}key")
    for key_id, n in Counter(k.get("id") for k in keys).items():
        if n > 1:
            problems.append(f"key id {key_id!r} is used {n} times (key_id_key)")
    domains = {k.get("id"): k.get("for", "all") for k in keys}
    for key in keys:
        if key.get("for", "all") not in {"all", "graphml", "graph", "node", "edge", "hyperedge", "port", "endpoint"}:
            problems.append(f"key {key.get('id')!r}: for={key.get('for')!r}")
        if key.get("attr.type") not in (None, "boolean", "int", "long", "float", "double", "string"):
            problems.append(f"key {key.get('id')!r}: attr.type={key.get('attr.type')!r}")
        for name in ("id", "attr.name"):
            if key.get(name) is not None and not NMTOKEN.fullmatch(key.get(name)):
                problems.append(f"key {key.get('id')!r}: {name} is not an NMTOKEN")
    for data_element in root.iter(f"{G}data"):
        parent = etree.QName(data_element.getparent()).localname
        key = data_element.get("key")
        if key not in domains:
            problems.append(f"<data key={key!r}> in a {parent}: no such key (key_for_data)")
        elif domains[key] not in ("all", parent):
            problems.append(f"<data key={key!r}> in a {parent}, but the key is for {domains[key]}")
    for graph_element in root.iter(f"{G}graph"):
        if graph_element.get("edgedefault") not in ("directed", "undirected"):
            problems.append("graph without a valid edgedefault")
        nodes = [n.get("id") for n in graph_element.findall(f"{G}node")]
        edges = graph_element.findall(f"{G}edge")
        for label, ids in (("node", nodes), ("edge", [e.get("id") for e in edges if e.get("id") is not None])):
            problems += [f"{label} id {i!r} is used {n} times" for i, n in Counter(ids).items() if n > 1]
            problems += [f"{label} id {i!r} is not an NMTOKEN" for i in ids if not NMTOKEN.fullmatch(i)]
        declared = set(nodes)
        problems += [f"edge {e.get('id')!r} ends at an undeclared node" for e in edges
                     if e.get("source") not in declared or e.get("target") not in declared]
    return problems


# --- GraphML ---------------------------------------------------------------------------

def test_graphml_follows_the_structural_rules_of_the_schema(graphml):
    assert graphml_problems(graphml) == []


def test_the_graphml_check_catches_shared_key_ids(graph):
    """Negative control: networkx's named_key_ids=True (the old writer) gives node and edge keys one id."""
    buf = io.BytesIO()
    nx.write_graphml_xml(to_networkx(graph), buf, named_key_ids=True)
    problems = graphml_problems(buf.getvalue())
    assert "key id 'name' is used 2 times (key_id_key)" in problems
    broken = generate_graphml(graph).replace(b'<data key="n_kind">', b'<data key="e_type">', 1)
    assert any("but the key is for edge" in p for p in graphml_problems(broken))


def test_graphml_keys_are_per_domain_and_typed(graphml):
    keys = etree.fromstring(graphml).findall(f"{G}key")
    by_domain = {(k.get("for"), k.get("attr.name")): k for k in keys}
    for (domain, name), key in by_domain.items():
        assert key.get("id") == {"graph": "g_", "node": "n_", "edge": "e_"}[domain] + name
    assert by_domain["node", "name"].get("id") != by_domain["graph", "name"].get("id")
    assert by_domain["edge", "seats"].get("attr.type") == "int"
    assert by_domain["node", "kommunekode"].get("attr.type") == "int"
    assert by_domain["node", "existing"].get("attr.type") == "boolean"
    assert by_domain["node", "valid_from"].get("attr.type") == "string"


def test_graphml_round_trip_in_networkx_is_lossless(graph, graphml):
    back = parse_graphml(graphml)
    assert same_graph(back, graph) and back.documents == graph.documents
    g = nx.read_graphml(io.BytesIO(graphml), force_multigraph=True)
    flat = to_networkx(graph)
    assert set(g.nodes) == set(flat.nodes)
    assert {k for *_, k in g.edges(keys=True)} == {k for *_, k in flat.edges(keys=True)}
    for node, data in flat.nodes(data=True):
        read = g.nodes[node]
        assert read["label"] == data["name"]
        assert {k: v for k, v in read.items() if k not in ("label", "body_size")} == {k: v for k, v in data.items() if k != "size"}
        assert read.get("body_size") == data.get("size")
    for u, v, key, data in flat.edges(keys=True, data=True):
        read = g.edges[u, v, key]
        assert read["label"] == RELATIONS[data["type"]].label
        assert {k: v for k, v in read.items() if k != "label"} == data
    assert g.graph["documents"] == flat.graph["documents"]


def test_graphml_opens_in_igraph_with_every_node_edge_and_attribute(graph, graphml, tmp_path):
    try:
        import igraph
    except ImportError:
        unavailable("python-igraph is not installed (pip install igraph)")
    path = tmp_path / "orggraph.graphml"
    path.write_bytes(graphml)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        g = igraph.Graph.Read_GraphML(str(path))
    # igraph 1.0 fills its edge "id" from <edge id> wrongly (with vertex ids); the "id" key, which it says it used, is right
    assert all(str(w.message).startswith("Could not add edge ids, there is already an 'id' edge attribute") for w in caught)
    assert g.is_directed() and g.vcount() == len(graph.node_records()) and g.ecount() == len(graph.edge_records())
    keys = etree.fromstring(graphml).findall(f"{G}key")
    names = {domain: {k.get("attr.name") for k in keys if k.get("for") == domain} for domain in ("graph", "node", "edge")}
    assert names["node"] <= set(g.vs.attributes())
    assert names["edge"] <= set(g.es.attributes())
    assert set(g.attributes()) == names["graph"]
    assert json.loads(g["documents"]) == graph.documents
    by_id = {v["id"]: v for v in g.vs}
    assert set(by_id) == set(graph.graph.nodes)
    assert all(by_id[r["id"]]["label"] == r["name"] == by_id[r["id"]]["name"] for r in graph.node_records())
    assert sorted(g.es["id"]) == sorted(e["id"] for e in graph.edge_records())
    ends = sorted((g.vs[e.source]["id"], g.es[e.index]["type"], g.vs[e.target]["id"]) for e in g.es)
    assert ends == sorted((e["from"], e["type"], e["to"]) for e in graph.edge_records())


def test_graphml_gives_gephi_labels_and_no_key_it_would_take_as_a_visual_property(graph, graphml):
    keys = etree.fromstring(graphml).findall(f"{G}key")
    for key in keys:  # the edge key "id" is Gephi's edge id, and holds the <edge id>
        reserved = GEPHI_NODE_PROPERTIES if key.get("for") == "node" else GEPHI_EDGE_PROPERTIES - {"id"} if key.get("for") == "edge" else set()
        assert key.get("id").lower() not in reserved and key.get("attr.name").lower() not in reserved, key.attrib
    assert {(k.get("for"), k.get("attr.name")) for k in keys} >= {("node", "label"), ("edge", "label")}
    g = nx.read_graphml(io.BytesIO(graphml), force_multigraph=True)
    sized = {r["id"]: r["attrs"]["size"] for r in graph.node_records() if "size" in r["attrs"]}
    assert sized and {n: g.nodes[n]["body_size"] for n in sized} == sized  # the member count is kept as data


# --- yEd -------------------------------------------------------------------------------

def test_yed_nodes_have_label_geometry_colour_and_shape(graph, yed):
    from orggraph.formats.yed import SHAPES

    root = etree.fromstring(yed)
    graphics_keys = {k.get("yfiles.type"): k.get("id") for k in root.findall(f"{G}key") if k.get("yfiles.type")}
    assert set(graphics_keys) == {"nodegraphics", "edgegraphics"}
    positions = []
    nodes = {r["id"]: r for r in graph.node_records()}
    seen = set()
    for node in root.iter(f"{G}node"):
        record = nodes[node.get("id")]
        shape = node.find(f"{G}data[@key='{graphics_keys['nodegraphics']}']/{Y}ShapeNode")
        assert shape is not None, node.get("id")
        assert shape.find(f"{Y}NodeLabel").text == record["name"]
        geometry = shape.find(f"{Y}Geometry")
        box = {k: float(geometry.get(k)) for k in ("x", "y", "width", "height")}
        assert box["width"] > 0 and box["height"] > 0
        positions.append((box["x"], box["y"]))
        assert shape.find(f"{Y}Fill").get("color").lower() == KIND_STYLE[record["kind"]].fill.lower()
        assert shape.find(f"{Y}Shape").get("type") == SHAPES[record["kind"]]
        seen.add(node.get("id"))
    assert seen == set(nodes)
    assert len(set(positions)) == len(positions)  # laid out: no two boxes at the same place, not all at 0,0
    assert len(set(SHAPES.values())) == len(KINDS) == len(SHAPES)


def test_yed_draws_every_kind_in_its_colour_and_shape():
    """The whole vocabulary: each kind's node has its fill and its own shape, each relation its Danish label."""
    from orggraph.formats.yed import SHAPES, generate_yed
    from vocabulary_sample import sample_graph, sample_id

    sample = sample_graph()
    root = etree.fromstring(generate_yed(sample))
    nodes = {n.get("id"): n for n in root.iter(f"{G}node")}
    for kind in KINDS:
        shape = nodes[sample_id(kind)].find(f"{G}data[@key='n_graphics']/{Y}ShapeNode")
        assert shape.find(f"{Y}Shape").get("type") == SHAPES[kind]
        assert shape.find(f"{Y}Fill").get("color").lower() == KIND_STYLE[kind].fill.lower()
    labels = {e.find(f"{G}data[@key='e_graphics']/{Y}PolyLineEdge/{Y}EdgeLabel").text for e in root.iter(f"{G}edge")}
    assert labels == {rule.label for rule in RELATIONS.values()}


def test_gexf_of_every_kind_is_valid_against_the_gexf_1_3_schema():
    from vocabulary_sample import sample_graph

    assert _gexf_schema_errors(generate_gexf(sample_graph())) == []


def test_yed_edges_have_the_danish_relation_label_and_an_arrow(graph, yed):
    root = etree.fromstring(yed)
    types = {e["id"]: e["type"] for e in graph.edge_records()}
    count = 0
    for edge in root.iter(f"{G}edge"):
        line = edge.find(f"{G}data[@key='e_graphics']/{Y}PolyLineEdge")
        assert line.find(f"{Y}EdgeLabel").text == RELATIONS[types[edge.get("id")]].label
        assert line.find(f"{Y}Arrows").get("target") == "standard"
        count += 1
    assert count == len(types)


def test_yed_file_is_still_graphml_that_networkx_reads(graph, yed):
    assert graphml_problems(yed) == []
    assert same_graph(parse_graphml(yed), graph)
    g = nx.read_graphml(io.BytesIO(yed), force_multigraph=True)
    assert all(g.nodes[r["id"]]["label"] == r["name"] for r in graph.node_records())


def test_yed_layout_without_dot_says_how_to_install_it(graph, monkeypatch, tmp_path):
    from orggraph.formats.yed import generate_yed

    monkeypatch.setenv("PATH", str(tmp_path))  # no dot on it
    with pytest.raises(OrgGraphError, match="needs Graphviz's 'dot' program.*apt-get install graphviz"):
        generate_yed(graph)


# --- GEXF ------------------------------------------------------------------------------

def _gexf_schema_errors(data: bytes) -> list[str]:
    """Errors of the official GEXF 1.3 XSD, less the published schema's viz-namespace defect (see the README there)."""
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "gexf-1.3" / "gexf.xsd")))
    schema.validate(etree.fromstring(data))
    defect = f"Element '{{{GEXF_VIZ_NS}}}color': This element is not expected."
    return [e.message for e in schema.error_log if e.message != defect]


def test_gexf_is_valid_against_the_gexf_1_3_schema(graph, gexf):
    assert _gexf_schema_errors(gexf) == []
    schema = etree.XMLSchema(etree.parse(str(SCHEMAS / "gexf-1.3" / "gexf.xsd")))
    schema.validate(etree.fromstring(gexf))
    assert len(schema.error_log) == len(graph.node_records())  # only the filtered defect: one per coloured node


def test_the_gexf_schema_rejects_what_the_old_file_had(gexf):
    """Negative control: ``name`` on ``<graph>``, as networkx writes it, is an error."""
    named = gexf.replace(b'<graph defaultedgetype="directed"', b'<graph name="orggraph" defaultedgetype="directed"', 1)
    assert any("'name' is not allowed" in e for e in _gexf_schema_errors(named))


def test_gexf_has_labels_typed_attributes_and_validity_intervals(graph, gexf):
    root = etree.fromstring(gexf)
    body = root.find(f"{{{GEXF_NS}}}graph")
    assert body.get("name") is None and body.get("mode") == "dynamic" and body.get("timeformat") == "date"
    assert b"networkx_key" not in gexf
    types = {(a.getparent().get("class"), a.get("title")): a.get("type") for a in body.iter(f"{{{GEXF_NS}}}attribute")}
    assert types["edge", "seats"] == types["node", "kommunekode"] == "integer"
    assert types["node", "existing"] == types["node", "substitutes"] == "boolean"
    assert types["node", "valid_from"] == types["edge", "valid_to"] == "string"  # GEXF has no date type; dates are start/end
    assert ("edge", "networkx_key") not in types and ("edge", "id") not in types
    nodes = {r["id"]: r for r in graph.node_records()}
    for node in body.iter(f"{{{GEXF_NS}}}node"):
        record = nodes[node.get("id")]
        assert node.get("label") == record["name"]
        assert (node.get("start"), node.get("end")) == (record["valid_from"], record["valid_to"])
    edges = {e["id"]: e for e in graph.edge_records()}
    dated = 0
    for edge in body.iter(f"{{{GEXF_NS}}}edge"):
        record = edges[edge.get("id")]
        assert edge.get("label") == RELATIONS[record["type"]].label and edge.get("kind") == record["type"]
        assert (edge.get("start"), edge.get("end")) == (record["valid_from"], record["valid_to"])
        dated += edge.get("start") is not None or edge.get("end") is not None
    assert dated == sum(1 for e in edges.values() if e["valid_from"] or e["valid_to"]) > 0


def test_gexf_reads_back_in_networkx(graph, gexf):
    g = nx.read_gexf(io.BytesIO(gexf), node_type=str)
    assert {n: d["kind"] for n, d in g.nodes(data=True)} == {r["id"]: r["kind"] for r in graph.node_records()}
    assert {d["id"]: d["relation"] for *_, d in g.edges(data=True)} == {e["id"]: e["type"] for e in graph.edge_records()}
    assert g.nodes["kommune-791"]["kommunekode"] == 791  # an integer, not text
    assert same_graph(parse_gexf(gexf), graph)


# --- JSON ------------------------------------------------------------------------------

def test_json_reads_with_networkx_defaults_and_in_d3(graph):
    data = json.loads(generate_json(graph))
    assert {"directed", "multigraph", "graph", "nodes", "links"} <= set(data)
    assert data["directed"] is True and data["multigraph"] is True
    assert data["links"] == data["edges"]  # "links" for D3 and networkx 3.2–3.5, "edges" for 3.6's default
    ids = {n["id"] for n in data["nodes"]}
    assert all(link["source"] in ids and link["target"] in ids for link in data["links"])
    for g in (nx.node_link_graph(copy.deepcopy(data)), nx.node_link_graph({k: v for k, v in data.items() if k != "edges"}, edges="links")):
        assert g.is_directed() and g.is_multigraph()
        assert g.number_of_nodes() == len(graph.node_records()) and g.number_of_edges() == len(graph.edge_records())
    assert same_graph(parse_json(generate_json(graph)), graph)

"""Data exports (issue 7): each format read back by a real reader, losing nothing the format can carry."""

import copy
import io
import json
from datetime import datetime
from pathlib import Path

import jsonschema
import networkx as nx
import openpyxl
import pytest
import rdflib

import orggraph
from orggraph.cli import app
from orggraph.formats import FORMATS, generate
from orggraph.regenerate import data_files, stale_data
from orggraph.formats.networkx_formats import parse_gexf, parse_graphml, parse_json
from orggraph.formats.popolo import ORGANIZATION_KINDS, SCHEMA_FILE, generate_popolo
from orggraph.formats.rdf import VOCABULARY_FILE
from orggraph.formats.xlsx import SHEET_NAMES, parse_xlsx
from orggraph.model import KINDS, RELATIONS

from conftest import data_counts, data_records, same_graph
from vocabulary_sample import sample_graph, sample_id

EXPORTS = Path(__file__).resolve().parents[1] / "exports" / "data"


@pytest.mark.parametrize("fmt, reader", [("graphml", parse_graphml), ("json", parse_json), ("gexf", parse_gexf)])
def test_networkx_formats_round_trip_every_kind_relation_and_attribute(fmt, reader):
    """The whole vocabulary, with the new typed attributes (binding, windows, verb …), survives each format."""
    sample = sample_graph()
    back = reader(generate(sample, fmt)[FORMATS[fmt].files[0]])
    assert same_graph(back, sample)
    assert back.node(sample_id("Anbefaling"))["attrs"]["binding"] == sample.node(sample_id("Anbefaling"))["attrs"]["binding"]


@pytest.mark.parametrize("fmt, reader", [("graphml", parse_graphml), ("json", parse_json), ("gexf", parse_gexf)])
def test_networkx_formats_round_trip(graph, fmt, reader):
    data = generate(graph, fmt)[FORMATS[fmt].files[0]]
    back = reader(data)
    assert same_graph(back, graph)
    assert back.counts() == data_counts()  # every node and edge in the data files, by kind and type
    if fmt != "gexf":  # GEXF has no graph attributes, so no register of documents
        assert back.documents == graph.documents


def test_graphml_encodes_lists_as_json_text(graph):
    g = nx.read_graphml(io.BytesIO(generate(graph, "graphml")["orggraph.graphml"]), force_multigraph=True)
    node = g.nodes["kkr-nordjylland"]
    assert node["kind"] == "KKR" and node["name"] == "KKR Nordjylland"
    assert json.loads(node["aliases"]) == graph.node("kkr-nordjylland")["aliases"]
    assert [s["document"] for s in json.loads(node["sources"])] == [s["document"] for s in graph.node("kkr-nordjylland")["sources"]]
    edge = g.edges["kkr-nordjylland", "post-rar-nordjylland-kommunale", "kkr-nordjylland:UDPEGER:post-rar-nordjylland-kommunale"]
    assert edge["type"] == "UDPEGER" and edge["seats"] == 5  # scalar attributes are typed attributes too


def test_gexf_has_kind_and_colour_per_node():
    """One colour per kind, the charts' own, for every kind and relation of the vocabulary."""
    from orggraph.charts.style import KIND_STYLE

    g = nx.read_gexf(io.BytesIO(generate(sample_graph(), "gexf")["orggraph.gexf"]))
    colours = {}
    for _, data in g.nodes(data=True):
        colour = data["viz"]["color"]
        colours.setdefault(data["kind"], set()).add((colour["r"], colour["g"], colour["b"]))
    assert set(colours) == set(KINDS)
    for kind, seen in colours.items():
        hex_colour = KIND_STYLE[kind].border
        assert seen == {(int(hex_colour[1:3], 16), int(hex_colour[3:5], 16), int(hex_colour[5:7], 16))}
    assert len({next(iter(s)) for s in colours.values()}) == len(KINDS)
    relations = {d["relation"] for _, _, d in g.edges(data=True)}
    assert relations == set(RELATIONS)


def test_csv_has_neo4j_admin_headers_and_reads_back_with_the_loader(graph, tmp_path):
    files = generate(graph, "csv")
    nodes_header = files["nodes.csv"].decode().splitlines()[0].split(",")
    edges_header = files["relationships.csv"].decode().splitlines()[0].split(",")
    assert nodes_header[:4] == ["id:ID(orggraph)", ":LABEL", "kind:string", "name:string"]
    assert edges_header[:4] == [":START_ID(orggraph)", ":TYPE", ":END_ID(orggraph)", "id:string"]
    for name, data in files.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_bytes(data)
    back = orggraph.load(tmp_path, cache=False)
    assert same_graph(back, graph)


def _sparql_count(rdf: rdflib.Graph, pattern: str) -> int:
    query = ("PREFIX org: <http://www.w3.org/ns/org#> PREFIX og: <https://w3id.org/orggraph/vocab#> "
             "PREFIX prov: <http://www.w3.org/ns/prov#> PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> "
             f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {pattern} }}")
    return int(next(iter(rdf.query(query)))[0])


@pytest.fixture(scope="module")
def rdf(graph):
    return rdflib.Graph().parse(data=generate(graph, "ttl")["orggraph.ttl"].decode(), format="turtle")


def test_turtle_counts_organisations_and_posts_like_the_graph(graph, rdf):
    counts = graph.counts()["nodes"]
    bodies = {"KKR", "RAR", "Beskaeftigelsesraad", "Kommune", "Sekretariat", "Organ", "Organisation", "Samarbejde"}
    organisations = sum(n for kind, n in counts.items() if kind in bodies)
    assert _sparql_count(rdf, "{ ?x a org:Organization } UNION { ?x a org:OrganizationalCollaboration }") == organisations
    assert _sparql_count(rdf, "?x a org:Post") == counts["Post"]
    for kind, n in counts.items():
        assert _sparql_count(rdf, f"?x a og:{kind}") == n
    assert _sparql_count(rdf, "?x a og:Relation") == len(graph.edge_records())
    # memberships: MEDLEM_AF/DELTAGER_I of an agent, coverage (DAEKKER), an agent holding a post of a body
    # (a post's own MEDLEM_AF is org:postIn, since a post is not an agent); each has member and organisation
    kind = {n: d["kind"] for n, d in graph.graph.nodes(data=True)}
    in_body = {u for u, _, _, _ in graph.edges("MEDLEM_AF") if kind[u] == "Post"}
    memberships = [k for u, v, k, d in graph.edges() if (d["type"] in ("MEDLEM_AF", "DELTAGER_I") and kind[u] != "Post")
                   or d["type"] == "DAEKKER" or (d["type"] == "BESTRIDES_AF" and kind[v] != "Post" and u in in_body)]
    held = [k for u, v, k, d in graph.edges("BESTRIDES_AF") if kind[v] != "Post" and u in in_body]
    assert _sparql_count(rdf, "?x a org:Membership") == len(memberships)
    assert _sparql_count(rdf, "?x a org:Membership ; org:organization ?o ; org:member ?m") == len(memberships)
    assert _sparql_count(rdf, "?x a org:Membership ; og:post ?p") == len(held)
    direct = "?x a og:Relation ; og:relationType 'UDPEGER' ; rdf:subject ?s ; rdf:object ?o . ?s og:udpeger ?o"
    assert _sparql_count(rdf, direct) == len(list(graph.edges("UDPEGER")))


def test_turtle_keeps_every_node_and_edge_with_dates_and_sources(graph, rdf):
    query = """PREFIX og: <https://w3id.org/orggraph/vocab#> PREFIX dcterms: <http://purl.org/dc/terms/>
      PREFIX prov: <http://www.w3.org/ns/prov#>
      SELECT ?id ?kind ?from ?to ?confidence (COUNT(DISTINCT ?d) AS ?sources) WHERE {
        ?x dcterms:identifier ?id ; og:confidence ?confidence .
        OPTIONAL { ?x og:kind ?kind } OPTIONAL { ?x og:relationType ?kind }
        OPTIONAL { ?x og:validFrom ?from } OPTIONAL { ?x og:validTo ?to }
        OPTIONAL { ?x prov:qualifiedDerivation ?d }
      } GROUP BY ?id ?kind ?from ?to ?confidence"""
    found = {str(r.id): (str(r.kind), r["from"] and str(r["from"]), r.to and str(r.to), str(r.confidence), int(r.sources))
             for r in rdf.query(query)}
    expected = {r["id"]: (r.get("kind") or r.get("type"), r["valid_from"], r["valid_to"], r["confidence"], len(r["sources"]))
                for r in graph.node_records() + graph.edge_records()}
    assert found == expected
    quotes = {str(q) for q in rdf.objects(None, rdflib.URIRef("https://w3id.org/orggraph/vocab#quote"))}
    assert quotes == {s["quote"] for r in graph.node_records() + graph.edge_records() for s in r["sources"]}


def test_turtle_membership_has_member_during(graph, rdf):
    query = """PREFIX org: <http://www.w3.org/ns/org#> PREFIX time: <http://www.w3.org/2006/time#>
      PREFIX dcterms: <http://purl.org/dc/terms/>
      SELECT ?id ?start WHERE { ?m a org:Membership ; dcterms:identifier ?id ; org:memberDuring ?i .
        ?i time:hasBeginning ?b . ?b time:inXSDDate ?start }"""
    rows = {str(r.id): str(r.start) for r in rdf.query(query)}
    memberships = {str(r.id) for r in rdf.query("PREFIX org: <http://www.w3.org/ns/org#> PREFIX dcterms: <http://purl.org/dc/terms/> "
                                                "SELECT ?id WHERE { ?m a org:Membership ; dcterms:identifier ?id }")}
    dated = {k: d["valid_from"] for _, _, k, d in graph.edges() if d["valid_from"] and k in memberships}
    assert rows == dated and rows["rar-vestjylland:DAEKKER:kommune-791"] == "2015-01-01"


@pytest.mark.parametrize("which", ["data", "every kind and relation"])
def test_vocabulary_defines_every_term_the_export_uses_in_danish_and_english(rdf, which):
    if which != "data":
        rdf = rdflib.Graph().parse(data=generate(sample_graph(), "ttl")["orggraph.ttl"].decode(), format="turtle")
    vocab = rdflib.Graph().parse(VOCABULARY_FILE, format="turtle")
    og = "https://w3id.org/orggraph/vocab#"
    used = {str(t) for triple in rdf for t in triple if isinstance(t, rdflib.URIRef) and str(t).startswith(og)}
    assert {og + "udpeger", og + "sekretariatsbetjener", og + "spejler"} <= used
    for term in used:
        langs = {label.language for label in vocab.objects(rdflib.URIRef(term), rdflib.RDFS.label)}
        assert {"da", "en"} <= langs, term


def test_popolo_is_valid_against_the_schema_and_keeps_dates_and_sources(graph):
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    data = json.loads(generate(graph, "popolo")["orggraph.popolo.json"])
    assert list(validator.iter_errors(data)) == []
    organisations = {o["id"]: o for o in data["organizations"]}
    in_files = data_records()
    assert len(organisations) == len(data["organizations"])
    assert set(organisations) == {n["id"] for n in in_files["nodes"] if n["kind"] in ORGANIZATION_KINDS}
    assert sorted(p["id"] for p in data["posts"]) == sorted(n["id"] for n in in_files["nodes"] if n["kind"] == "Post")
    edges = data_counts()["edges"]
    assert len(data["motions"]) == edges["VEDTAGER"] + edges.get("TRAEFFER", 0)  # one per adoption and per decision taken
    assert organisations["organ-hovedstaden-koordinationsgruppe"]["parent_id"] == "organ-hovedstaden-embedsmandsudvalg"
    assert organisations["kommune-851"]["identifiers"] == [{"identifier": "851", "scheme": "kommunekode"}]
    trial = organisations["sam-nordjylland-frikommuneforsoeg"]
    assert trial["dissolution_date"] == "2021-12-31" and len(trial["sources"]) == len(graph.node("sam-nordjylland-frikommuneforsoeg")["sources"])
    for record in graph.node_records():
        out = organisations.get(record["id"]) or next((p for p in data["posts"] if p["id"] == record["id"]), None)
        if out is not None:
            assert (out.get("founding_date", out.get("start_date")), out.get("dissolution_date", out.get("end_date"))) == (record["valid_from"], record["valid_to"])
            assert [s["url"].rsplit("/", 1)[1] for s in out["sources"]] == [s["document"] for s in record["sources"]]
    memberships = {m["id"]: m for m in data["memberships"]}
    assert "rar-vestjylland:DAEKKER:kommune-791" not in memberships  # coverage is not a membership
    nj = memberships["kommune-851:MEDLEM_AF:kkr-nordjylland"]
    assert nj["member"] == {"@type": "Organization", "id": "kommune-851"} and nj["organization_id"] == "kkr-nordjylland"
    motion = next(m for m in data["motions"] if m["organization_id"] == "kkr-sjaelland")
    assert motion["date"] and motion["result"] == "pass"


def test_popolo_schema_rejects_what_popolo_forbids(graph):
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))
    data = generate_popolo(graph)
    broken = copy.deepcopy(data)
    del broken["organizations"][0]["name"]
    broken["posts"][0]["start_date"] = "1. januar 2015"
    next(m for m in broken["memberships"] if "member" in m)["member"]["@type"] = "Post"
    seat = next(m for m in broken["memberships"] if "on_behalf_of_id" in m)
    del seat["on_behalf_of_id"]  # a membership with neither a member nor the organisation its holders sit for
    broken["areas"][0]["parent_id"] = 7
    messages = [e.message for e in validator.iter_errors(broken)]
    assert len(messages) == 5


def test_xlsx_reads_back_with_openpyxl(graph):
    data = generate(graph, "xlsx")["orggraph.xlsx"]
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb.sheetnames == [SHEET_NAMES[kind] for kind in KINDS if kind in data_counts()["nodes"]] + ["Relationer", "Kilder"]
    sheet = wb["Samarbejde"]
    header = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[header.index("id")] == "sam-nordjylland-frikommuneforsoeg")
    assert isinstance(row[header.index("gyldig til")], datetime)  # a real date cell, under a Danish header
    back = parse_xlsx(data)
    assert same_graph(back, graph) and back.documents == graph.documents


def test_region_and_date_filters(graph):
    sjaelland = graph.select(region="Sjælland")
    kinds = {d["area"] for _, d in sjaelland.graph.nodes(data=True)}
    assert kinds == {"kkr-sjaelland", None}  # plus KL and STAR, which its relations reach
    # 17 municipalities in KKR Sjælland: ../shared/reference/municipalities.csv
    assert len(sjaelland.node_ids("Kommune")) == 17 and sjaelland.node_ids("RAR") == ["rar-sjaelland"]
    assert all(e["area"] == "kkr-sjaelland" for e in sjaelland.edge_records())
    before = graph.select(as_of="2016-11-01", region="Midtjylland")
    after = graph.select(as_of="2018-04-30", region="Midtjylland")
    assert before.has_edge_between("rar-vestjylland", "kommune-791") and not after.has_edge_between("rar-vestjylland", "kommune-791")
    assert after.has_edge_between("rar-oestjylland", "kommune-791")


def test_cli_exports_each_format_and_reports_errors(runner, tmp_path):
    for name in FORMATS:
        target = tmp_path / ("csv" if name == "csv" else f"out.{name}")
        result = runner.invoke(app, ["export", name, "-o", str(target), "--region", "Nordjylland", "--as-of", "2019-01-01"])
        assert result.exit_code == 0, result.output
    assert orggraph.load(tmp_path / "csv", cache=False).node_ids("RAR") == ["rar-nordjylland"]
    bad = runner.invoke(app, ["export", "xlsx", "-o", str(tmp_path / "bad.xlsx"), "--region", "RAR Fyn"])
    assert bad.exit_code == 1 and "is RAR Fyn (RAR, rar-fyn), not a KKR" in bad.stderr and not (tmp_path / "bad.xlsx").exists()
    bad = runner.invoke(app, ["export", "ttl", "-o", str(tmp_path)])
    assert bad.exit_code == 1 and "is a folder" in bad.output
    bad = runner.invoke(app, ["export", "charts", "-o", str(tmp_path / "c"), "--as-of", "2019-01-01"])
    assert bad.exit_code == 2 and "--as-of and --region filter the data formats, not 'charts'" in bad.stderr  # a usage error
    assert not (tmp_path / "c").exists()


def test_data_exports_are_not_stale(graph):
    assert stale_data(graph, EXPORTS) == [], "run: orggraph export all -o exports"


def test_a_data_change_makes_the_data_exports_stale(graph):
    changed = copy.deepcopy(graph)
    changed.graph.nodes["organ-sjaelland-jobforum"]["attrs"]["size"] = 18
    stale = {line.split(":")[0] for line in stale_data(changed, EXPORTS)}
    # Popolo carries a body's size as its seats; relationships.csv and excel/relationer.csv only the edges, kilder.csv only the
    # documents; the vocabulary and the schemas do not depend on the data
    assert stale == set(data_files(graph)) - {"csv/relationships.csv", "csv/excel/relationer.csv", "csv/kilder.csv",
                                              "csv/schema.cypher", "vocabulary.ttl", "shapes.ttl", "popolo.schema.json"}

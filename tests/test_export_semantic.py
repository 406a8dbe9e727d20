"""The linked-data and Popolo exports, read the way their users read them (issue 17).

Turtle: rdflib parses the export, pyshacl checks it against the shipped SHACL shapes
(``orggraph/data/shapes.ttl``), and the analysts' SPARQL questions shipped in
``orggraph/data/sparql/*.rq`` are run on it. Popolo: every object is validated against the
official popolo-spec JSON schemas (draft 3), vendored in ``tests/data/popolo/``.

Every expected answer is derived from the YAML data files (``conftest.data_records``), not
typed in by hand, so the tests follow the data.
"""

import copy
import json
import re
from pathlib import Path

import jsonschema
import pytest
import rdflib
from rdflib import Literal

from orggraph.formats import generate
from orggraph.formats.popolo import SCHEMA_FILE, generate_popolo as generate_popolo_of
from orggraph.model import KINDS, RELATIONS
from orggraph.formats.rdf import (
    BASE,
    SPARQL_DIR,
    STANDARD_CLASS,
    STANDARD_PREDICATE,
    TYPED_ATTRIBUTES,
    VOCABULARY_FILE,
    WINDOW_ATTRIBUTES,
    relation_property,
    shapes_turtle,
    sparql_queries,
)

from conftest import data_records, edge_key, unavailable
from vocabulary_sample import EDGE_ATTRS, NODE_ATTRS, sample_graph, sample_id

OG = rdflib.Namespace(BASE + "vocab#")
ORG = rdflib.Namespace("http://www.w3.org/ns/org#")
ID = rdflib.Namespace(BASE + "id/")


# --- the data files, read with PyYAML alone ------------------------------------------------


def _text(value) -> str | None:
    """A YAML value as the export writes it (PyYAML reads ISO dates as ``datetime.date``)."""
    return None if value is None else str(value)


def _in_force(record: dict, day: str) -> bool:
    start, end = _text(record.get("valid_from")), _text(record.get("valid_to"))
    return (start is None or start <= day) and (end is None or day <= end)


@pytest.fixture(scope="module")
def files():
    """``{"nodes": {id: record}, "edges": [record], "by_name": {name: id}}`` from the YAML files."""
    records = data_records()
    nodes = {n["id"]: n for n in records["nodes"]}
    return {"nodes": nodes, "edges": records["edges"], "by_name": {n["name"]: i for i, n in nodes.items()}}


def _edges(files, relation: str, start: str | None = None, end: str | None = None) -> list[dict]:
    return [e for e in files["edges"] if e["type"] == relation
            and start in (None, e["from"]) and end in (None, e["to"])]


def _posts_of(files, body: str) -> list[str]:
    """The posts that belong to ``body`` (MEDLEM_AF from a Post) in the data files."""
    return [e["from"] for e in _edges(files, "MEDLEM_AF", end=body) if files["nodes"][e["from"]]["kind"] == "Post"]


# --- Turtle ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def turtle(graph) -> rdflib.Graph:
    return rdflib.Graph().parse(data=generate(graph, "ttl")["orggraph.ttl"].decode(), format="turtle")


def _rows(rdf: rdflib.Graph, query: str) -> list[dict]:
    result = rdf.query(query)
    return [{str(var): row[var] for var in result.vars} for row in result]


def _shacl(data: rdflib.Graph):
    try:
        import pyshacl
    except ImportError:
        unavailable("pyshacl is not installed (pip install -e '.[test]')")
    shapes = rdflib.Graph().parse(data=shapes_turtle(), format="turtle")
    conforms, report, text = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    return conforms, report, text


def test_turtle_conforms_to_the_shipped_shacl_shapes(turtle):
    conforms, _, text = _shacl(turtle)
    assert conforms, text


def test_shacl_shapes_reject_a_broken_graph(turtle):
    """Each break the audit found (or a typed literal made text) is one violation on its path."""
    broken = rdflib.Graph()
    for triple in turtle:
        broken.add(triple)
    membership = next(broken.subjects(rdflib.RDF.type, ORG.Membership))
    broken.remove((membership, ORG.member, None))  # a membership without a member
    post, holder = next((p, h) for p, h in broken.subject_objects(ORG.postIn))
    broken.add((post, ORG.heldBy, next(p for p in broken.subjects(rdflib.RDF.type, ORG.Post) if p != post)))  # held by a post
    seats_of = next(broken.subjects(OG.seats, None))
    broken.set((seats_of, OG.seats, Literal("5")))  # a number as text
    dated = next(s for s in broken.subjects(OG.validFrom, None) if (s, OG.validTo, None) not in broken)
    broken.add((dated, OG.validTo, Literal("1900-01-01", datatype=rdflib.XSD.date)))  # ends before it begins
    conforms, report, text = _shacl(broken)
    assert not conforms
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    found = {(report.value(r, sh.focusNode), report.value(r, sh.resultPath)) for r in report.objects(None, sh.result)}  # top-level results, not their details
    assert found == {(membership, ORG.member), (post, ORG.heldBy), (seats_of, OG.seats), (dated, OG.validFrom)}, text


def test_every_membership_names_an_agent_and_held_by_names_agents_only(turtle, files):
    missing = "PREFIX org: <http://www.w3.org/ns/org#> SELECT ?m WHERE { ?m a org:Membership FILTER NOT EXISTS { ?m org:member ?x } }"
    assert _rows(turtle, missing) == []
    agent_kinds = {"KKR", "RAR", "Beskaeftigelsesraad", "Kommune", "Sekretariat", "Organ", "Organisation", "Samarbejde"}
    held = {(str(p), str(h)) for p, h in turtle.subject_objects(ORG.heldBy)}
    by_holder = {(str(ID[e["from"]]), str(ID[e["to"]])) for e in _edges(files, "BESTRIDES_AF")}
    assert held == {(p, h) for p, h in by_holder if files["nodes"][h.rsplit("/", 1)[1]]["kind"] in agent_kinds}
    of_post = {(str(p), str(h)) for p, h in turtle.subject_objects(OG.heldByHolderOf)}
    assert of_post == by_holder - held and of_post  # the posts held by another post's holder


@pytest.mark.parametrize("attr", ["seats", "size", "members", "date", "substitutes", "group"])
def test_attributes_are_typed_literals_on_their_own_predicate(turtle, files, attr):
    """Every node and edge with the attribute in the data files has it as a typed literal."""
    local, kind = TYPED_ATTRIBUTES[attr]
    datatype = {"integer": rdflib.XSD.integer, "date": rdflib.XSD.date, "boolean": rdflib.XSD.boolean, None: None}[kind]
    expected = {ID[n["id"]]: n["attrs"][attr] for n in files["nodes"].values() if attr in (n.get("attrs") or {})}
    expected |= {ID["edge/" + edge_key(e)]: e["attrs"][attr] for e in files["edges"] if attr in (e.get("attrs") or {})}
    assert expected, f"no {attr} in the data files"
    found = {s: o for s, o in turtle.subject_objects(OG[local])}
    assert set(found) == set(expected)
    for subject, literal in found.items():
        assert literal.datatype == datatype, (subject, literal)
        assert literal.toPython() == expected[subject] or str(literal) == str(expected[subject]), (subject, literal)


def test_dated_coverage_uses_the_memberships_and_the_direct_triple_does_not(turtle, files):
    rar = files["by_name"]["RAR Vestjylland"]
    day = "2019-01-01"
    in_force = {e["to"] for e in _edges(files, "DAEKKER", start=rar) if _in_force(e, day)}
    ever = {e["to"] for e in _edges(files, "DAEKKER", start=rar)}
    assert in_force < ever  # a municipality moved: the question has a different answer on that day
    assert {str(o) for o in turtle.objects(ID[rar], OG.daekker)} == {str(ID[k]) for k in ever}


# --- the analysts' questions (orggraph/data/sparql/*.rq) -----------------------------------


def test_each_shipped_query_says_what_it_asks():
    queries = sparql_queries()
    assert set(queries) == {"who_nominates", "coverage_on_day", "seats_per_group", "decisions"}
    for name, text in queries.items():
        assert text.startswith("# ") and text.splitlines()[0].endswith("?"), f"{SPARQL_DIR / name}.rq: first line is the question"


def test_who_nominates_the_municipal_members_of_rar_fyn(turtle, files):
    rar = files["by_name"]["RAR Fyn"]
    posts = [p for p in _posts_of(files, rar) if (files["nodes"][p].get("attrs") or {}).get("group") == "kommunale"]
    expected = {files["nodes"][e["from"]]["name"] for p in posts for e in _edges(files, "UDPEGER", end=p)}
    rows = _rows(turtle, sparql_queries()["who_nominates"])
    assert {str(r["name"]) for r in rows} == expected == {"KKR Syddanmark"}
    assert {int(r["seats"]) for r in rows} == {files["nodes"][p]["attrs"]["seats"] for p in posts}


def _coverage_query(rar_name: str, day: str) -> str:
    text = sparql_queries()["coverage_on_day"]
    default = '("RAR Vestjylland"@da "2019-01-01"^^xsd:date)'
    assert default in text
    return text.replace(default, f'("{rar_name}"@da "{day}"^^xsd:date)')


@pytest.mark.parametrize("day", ["2019-01-01", "2016-01-01", "2016-11-01", "2016-11-02"])
def test_coverage_on_a_day_matches_the_data_files_for_every_rar(turtle, files, day):
    for rar, node in files["nodes"].items():
        if node["kind"] != "RAR":
            continue
        expected = {str(ID[e["to"]]) for e in _edges(files, "DAEKKER", start=rar) if _in_force(e, day)}
        rows = _rows(turtle, _coverage_query(node["name"], day))
        assert {str(r["kommune"]) for r in rows} == expected, (node["name"], day)


@pytest.mark.parametrize("day", ["2015-06-01", "2017-06-01", "2019-01-01", "2024-06-01"])
def test_coverage_on_a_day_says_which_coverage_is_uncertain(turtle, graph, day):
    """?uncertain is what orggraph.graph.uncertain says of the coverage edge that day (e.g. Viborg's move)."""
    from orggraph.graph import uncertain

    for rar in graph.node_ids("RAR") + graph.node_ids("Beskaeftigelsesraad"):
        expected = {str(ID[e["to"]]): uncertain(e, day) is not None for e in graph.edge_records()
                    if e["type"] == "DAEKKER" and e["from"] == rar and _in_force(e, day)}
        rows = _rows(turtle, _coverage_query(graph.node(rar)["name"], day))
        assert {str(r["kommune"]): r["uncertain"].toPython() for r in rows} == expected, (rar, day)


def test_decisions_of_each_kkr_with_their_day_and_what_they_concern(turtle, files):
    text = sparql_queries()["decisions"]
    default = 'VALUES ?bodyName { "KKR Nordjylland"@da }'
    assert default in text
    names = {i: n["name"] for i, n in files["nodes"].items()}
    asked = 0
    for kkr in (i for i, n in files["nodes"].items() if n["kind"] == "KKR"):
        rows = _rows(turtle, text.replace(default, f'VALUES ?bodyName {{ "{names[kkr]}"@da }}'))
        expected = {}
        for edge in _edges(files, "TRAEFFER", start=kkr):
            decision = files["nodes"][edge["to"]]
            attrs = decision.get("attrs") or {}
            window = [str(d) for d in attrs["uncertain_from"]] if "uncertain_from" in attrs else [None, None]
            concerns = sorted(names[e["to"]] for e in _edges(files, "ANGAAR", start=edge["to"]))
            expected[str(ID[edge["to"]])] = (decision["name"], _text(attrs.get("date") or decision.get("valid_from")),
                                             attrs.get("date_text"), *window, concerns)
        found = {str(r["decision"]): (str(r["name"]), _text(r["day"]), _text(r["dateText"]), _text(r["earliest"]),
                                      _text(r["latest"]), sorted(str(r["concerns"]).split(" | ")) if str(r["concerns"]) else [])
                 for r in rows}
        assert found == expected, kkr
        asked += len(found)
    assert asked and asked == sum(1 for e in files["edges"] if e["type"] == "TRAEFFER" and files["nodes"][e["from"]]["kind"] == "KKR")


def test_rar_vestjylland_covers_seven_municipalities_on_2019_01_01_without_viborg(turtle, files):
    rows = _rows(turtle, sparql_queries()["coverage_on_day"])  # the file as shipped
    rar = files["by_name"]["RAR Vestjylland"]
    expected = {files["nodes"][e["to"]]["name"] for e in _edges(files, "DAEKKER", start=rar) if _in_force(e, "2019-01-01")}
    assert sorted(str(r["name"]) for r in rows) == sorted(expected)
    assert len(expected) == 7 and "Viborg Kommune" not in expected


def test_seats_per_group_add_up_to_the_council_size(turtle, files):
    rar = files["by_name"]["RAR Fyn"]
    seats: dict[str, int] = {}
    nominators: dict[str, set[str]] = {}
    for post in _posts_of(files, rar):
        attrs = files["nodes"][post].get("attrs") or {}
        if "seats" in attrs:
            seats[attrs["group"]] = seats.get(attrs["group"], 0) + attrs["seats"]
            nominators.setdefault(attrs["group"], set()).update(
                files["nodes"][e["from"]]["name"] for e in _edges(files, "UDPEGER", end=post))
    rows = _rows(turtle, sparql_queries()["seats_per_group"])
    assert {str(r["group"]): int(r["seats"]) for r in rows} == seats
    assert {str(r["group"]): set(str(r["nominatedBy"]).split(", ")) for r in rows} == nominators
    assert sum(seats.values()) == files["nodes"][rar]["attrs"]["members"] == 21
    assert all(r["seats"].datatype == rdflib.XSD.integer for r in rows)  # a sum of xsd:integer, not of text


# --- Popolo ---------------------------------------------------------------------------------

POPOLO_SCHEMAS = Path(__file__).resolve().parent / "data" / "popolo"
#: Which official schema each list of the document is made of.
POPOLO_LISTS = {"persons": "person", "organizations": "organization", "areas": "area", "posts": "post",
                "memberships": "membership", "motions": "motion"}


@pytest.fixture(scope="module")
def popolo_validators() -> dict[str, jsonschema.Draft3Validator]:
    """A draft-3 validator per Popolo class, its ``$ref``\\ s resolved to the vendored schemas (no network)."""
    import referencing
    from referencing.jsonschema import DRAFT3

    schemas = {}
    for path in sorted(POPOLO_SCHEMAS.glob("*.json")):
        schema = json.loads(path.read_text(encoding="utf-8"))
        assert schema["id"] == f"http://www.popoloproject.com/schemas/{path.name}#"
        schemas[path.stem] = schema
    registry = referencing.Registry().with_resources(
        (schema["id"], referencing.Resource(contents=schema, specification=DRAFT3)) for schema in schemas.values())
    return {name: jsonschema.Draft3Validator(schemas[name], registry=registry,
                                             format_checker=jsonschema.Draft3Validator.FORMAT_CHECKER)
            for name in POPOLO_LISTS.values()}


@pytest.fixture(scope="module")
def popolo(graph) -> dict:
    return json.loads(generate(graph, "popolo")["orggraph.popolo.json"])


def _popolo_errors(validators, data: dict) -> list[str]:
    return [f"{key}[{i}]: {error.message}" for key, name in POPOLO_LISTS.items()
            for i, item in enumerate(data.get(key, [])) for error in validators[name].iter_errors(item)]


def test_popolo_is_valid_against_the_official_popolo_schemas(popolo, popolo_validators):
    assert set(popolo) == set(POPOLO_LISTS)
    assert _popolo_errors(popolo_validators, popolo) == []


def test_the_official_popolo_schemas_catch_what_they_forbid(popolo, popolo_validators):
    broken = copy.deepcopy(popolo)
    broken["posts"][0]["start_date"] = "1. januar 2015"
    del broken["organizations"][0]["sources"][0]["url"]
    broken["areas"][0]["parent_id"] = 1081
    broken["memberships"][0]["on_behalf_of_id"] = ["org-da"]
    errors = _popolo_errors(popolo_validators, broken)
    assert [e.split(":")[0] for e in errors] == ["organizations[0]", "areas[0]", "posts[0]", "memberships[0]"], errors


def test_popolo_follows_the_specification_rules_the_schemas_leave_out(popolo):
    """Ids are unique and every reference resolves; a membership names its organisation or post (membership spec)."""
    ids = {key: [item["id"] for item in popolo[key]] for key in POPOLO_LISTS}
    for key, found in ids.items():
        assert len(found) == len(set(found)), key
    organizations, areas, posts = set(ids["organizations"]), set(ids["areas"]), set(ids["posts"])
    for membership in popolo["memberships"]:
        assert membership.get("organization_id") or membership.get("post_id"), membership["id"]
        assert membership.get("member") or (membership.get("post_id") and membership.get("on_behalf_of_id")), membership["id"]
        assert {membership.get("organization_id"), membership.get("on_behalf_of_id")} - {None} <= organizations
        if "member" in membership:
            assert membership["member"]["id"] in (organizations if membership["member"]["@type"] == "Organization" else set(ids["persons"]))
        assert membership.get("post_id") in posts | {None}
    for item in popolo["organizations"] + popolo["areas"] + popolo["posts"]:
        assert item.get("area_id") in areas | {None} and item.get("parent_id") in (areas if item in popolo["areas"] else organizations) | {None}


def test_popolo_areas_are_the_municipalities_and_their_regions(popolo, files):
    municipalities = [n for n in files["nodes"].values() if n["kind"] == "Kommune"]
    regions = {n["attrs"]["region_code"]: n["attrs"]["region"] for n in municipalities}
    areas = {a["id"]: a for a in popolo["areas"]}
    assert {(a["identifier"], a["name"]) for a in areas.values() if a["classification"] == "region"} == {
        (str(code), f"Region {name}") for code, name in regions.items()}
    kommune_areas = {a["identifier"]: a for a in areas.values() if a["classification"] == "kommune"}
    assert set(kommune_areas) == {str(n["attrs"]["kommunekode"]) for n in municipalities}
    organizations = {o["id"]: o for o in popolo["organizations"]}
    for node in municipalities:
        area = areas[organizations[node["id"]]["area_id"]]  # a municipality's area is its own
        assert area["identifier"] == str(node["attrs"]["kommunekode"]) and area["name"] == node["name"]
        assert areas[area["parent_id"]]["identifier"] == str(node["attrs"]["region_code"])
    # anything in a KKR area is related to that KKR's region, e.g. RAR Fyn (KKR Syddanmark) to Region Syddanmark
    rar = files["nodes"][files["by_name"]["RAR Fyn"]]
    region_of_kkr = {n["area"]: n["attrs"]["region_code"] for n in municipalities}
    assert areas[organizations[rar["id"]]["area_id"]]["identifier"] == str(region_of_kkr[rar["area"]])


def test_popolo_seats_sit_on_behalf_of_their_nominator(popolo, files):
    """One membership per nomination (UDPEGER) of a post in a body: post, body and on_behalf_of_id from the data files."""
    body_of = {e["from"]: e for e in files["edges"] if e["type"] == "MEDLEM_AF" and files["nodes"][e["from"]]["kind"] == "Post"}
    expected = {edge_key(e): (e["to"], body_of[e["to"]]["to"], e["from"]) for e in _edges(files, "UDPEGER") if e["to"] in body_of}
    seats = {m["id"]: (m["post_id"], m["organization_id"], m["on_behalf_of_id"]) for m in popolo["memberships"] if "on_behalf_of_id" in m}
    assert seats == expected
    rar = files["by_name"]["RAR Fyn"]
    fyn = [m for m in popolo["memberships"] if m.get("organization_id") == rar and "on_behalf_of_id" in m]
    kommunale = [m for m in fyn if (files["nodes"][m["post_id"]].get("attrs") or {}).get("group") == "kommunale"]
    assert [m["on_behalf_of_id"] for m in kommunale] == [files["by_name"]["KKR Syddanmark"]]

    def on(day: str) -> int:  # seats in force on a day: the nominations dated by nomination and seat
        return sum(m.get("seats", 0) for m in fyn if m.get("start_date", day) <= day <= m.get("end_date", day))

    assert on("2020-01-01") == files["nodes"][rar]["attrs"]["members"]  # FH's 6 from 2019
    unsplit = {e["to"] for e in _edges(files, "UDPEGER") if "seats_note" in (e.get("attrs") or {})}
    joint = sum(files["nodes"][p]["attrs"]["seats"] for p in _posts_of(files, rar) if p in unsplit)
    assert joint and on("2018-01-01") == files["nodes"][rar]["attrs"]["members"] - joint  # LO and FTF's joint 6: no split


def test_popolo_has_the_posts_held_by_an_organisation_and_not_a_municipalitys_employee(popolo, files):
    """BESTRIDES_AF of an organisation (or a roster's person) is a membership; a municipality that provides an employee
    (STILLER_TIL_RAADIGHED, e.g. Aalborg's for the secretary of the municipal RAR members) holds no post."""
    sample = sample_graph()
    data = generate_popolo_of(sample)
    expected = {e["id"]: (e["to"], e["from"]) for e in sample.edge_records()
                if e["type"] == "BESTRIDES_AF" and sample.node(e["to"])["kind"] in ("Kommune", "Organisation", "Person")}
    held = {m["id"]: (m["member"]["id"], m["post_id"]) for m in data["memberships"] if "post_id" in m and "member" in m}
    assert held == expected and expected
    provided = {(e["from"], e["to"]) for e in _edges(files, "STILLER_TIL_RAADIGHED")}
    assert provided  # Aalborg Kommune's employee, in the data files
    assert not provided & {(m["member"]["id"], m["post_id"]) for m in popolo["memberships"] if "post_id" in m and "member" in m}


def test_popolo_opens_in_everypolitician_popolo(popolo, files):
    """everypolitician-popolo (``popolo_data``), a Popolo reader, follows the ids and dates of the export."""
    try:
        from popolo_data.importer import Popolo
    except ImportError:
        unavailable("everypolitician-popolo is not installed (pip install -e '.[test]')")
    from datetime import date

    reader = Popolo(popolo)
    assert (len(reader.organizations), len(reader.areas), len(reader.posts), len(reader.memberships)) == tuple(
        len(popolo[key]) for key in ("organizations", "areas", "posts", "memberships"))
    rar = files["by_name"]["RAR Fyn"]
    assert reader.organizations.get(id=rar).seats == files["nodes"][rar]["attrs"]["members"]
    seats = [m for m in reader.memberships if m.organization_id == rar and m.on_behalf_of_id]
    for day in ("2018-06-01", "2020-06-01"):
        expected = {(e["to"], files["nodes"][e["from"]]["name"]) for post in _posts_of(files, rar)
                    for e in _edges(files, "UDPEGER", end=post) if _in_force(e, day)}
        in_force = {(m.post.id, m.on_behalf_of.name) for m in seats if m.current_at(date.fromisoformat(day))}
        assert in_force == expected, day
    held = {(reader.organizations.get(id=m.data["member"]["id"]).name, m.post.label)
            for m in reader.memberships if m.post_id and not m.on_behalf_of_id}
    assert held == {(files["nodes"][e["to"]]["name"], files["nodes"][e["from"]]["name"]) for e in _edges(files, "BESTRIDES_AF")
                    if files["nodes"][e["to"]]["kind"] in ("Kommune", "Organisation")}  # e.g. Aalborg Kommune's secretary


# --- the whole vocabulary (issue 14): the data plus one record of every kind and relation ------

TIME = rdflib.Namespace("http://www.w3.org/2006/time#")
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
DCTERMS = rdflib.Namespace("http://purl.org/dc/terms/")
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
_PREFIXES = {"og": OG, "org": ORG, "prov": PROV, "dcterms": DCTERMS, "skos": rdflib.SKOS}


def _term(curie: str) -> rdflib.URIRef:
    prefix, local = curie.split(":")
    return _PREFIXES[prefix][local]


@pytest.fixture(scope="module")
def sample_turtle() -> rdflib.Graph:
    return rdflib.Graph().parse(data=generate(sample_graph(), "ttl")["orggraph.ttl"].decode(), format="turtle")


@pytest.fixture(scope="module")
def vocabulary() -> rdflib.Graph:
    return rdflib.Graph().parse(VOCABULARY_FILE, format="turtle")


def _labelled(vocabulary, term) -> None:
    labels = {label.language for label in vocabulary.objects(term, rdflib.RDFS.label)}
    assert {"da", "en"} <= labels, term
    assert {"da", "en"} <= {c.language for c in vocabulary.objects(term, rdflib.RDFS.comment)} or term in (
        OG[k] for k in ("KKR", "RAR", "Kommune", "Sekretariat", "Organ", "Organisation", "Post", "Pejlemaerke", "Samarbejde")), term


@pytest.mark.parametrize("relation", sorted(RELATIONS))
def test_every_relation_has_its_own_property_with_danish_and_english_labels(sample_turtle, vocabulary, relation):
    prop = OG[relation_property(relation)]
    assert (prop, rdflib.RDF.type, rdflib.OWL.ObjectProperty) in vocabulary
    _labelled(vocabulary, prop)
    assert str(next(label for label in vocabulary.objects(prop, rdflib.RDFS.label) if label.language == "da")) == RELATIONS[relation].label
    edges = [e for e in sample_graph().edge_records() if e["type"] == relation]
    assert edges
    for edge in edges:  # the direct triple, and the statement naming it
        assert (ID[edge["from"]], prop, ID[edge["to"]]) in sample_turtle, edge["id"]
        assert sample_turtle.value(ID["edge/" + edge["id"]], rdflib.RDF.predicate) == prop


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_kind_is_its_class_and_the_standard_class_it_specialises(sample_turtle, vocabulary, kind):
    _labelled(vocabulary, OG[kind])
    assert str(next(label for label in vocabulary.objects(OG[kind], rdflib.RDFS.label) if label.language == "da")) == KINDS[kind]
    node = ID[sample_id(kind)]
    assert {OG[kind], _term(STANDARD_CLASS[kind])} <= set(sample_turtle.objects(node, rdflib.RDF.type))


def test_a_beskaeftigelsesraad_is_an_organization_and_a_decision_an_activity(sample_turtle):
    council, decision = ID[sample_id("Beskaeftigelsesraad")], ID[sample_id("Beslutning")]
    assert (council, rdflib.RDF.type, ORG.Organization) in sample_turtle
    assert (decision, rdflib.RDF.type, PROV.Activity) in sample_turtle
    takers = {e["from"] for e in sample_graph().edge_records() if e["type"] == "TRAEFFER" and e["to"] == sample_id("Beslutning")}
    assert {str(a) for a in sample_turtle.objects(decision, PROV.wasAssociatedWith)} == {str(ID[t]) for t in takers}


@pytest.mark.parametrize("relation", sorted(STANDARD_PREDICATE))
def test_the_standard_term_is_written_beside_the_relation_property(sample_turtle, relation):
    graph = sample_graph()
    for edge in (e for e in graph.edge_records() if e["type"] == relation):
        kinds = graph.node(edge["from"])["kind"], graph.node(edge["to"])["kind"]
        predicate = {("MEDLEM_AF", "Post"): ORG.postIn}.get((relation, kinds[0]), _term(STANDARD_PREDICATE[relation]))
        if relation == "BESTRIDES_AF" and kinds[1] == "Post":
            predicate = OG.heldByHolderOf
        start, end = (edge["to"], edge["from"]) if relation == "TRAEFFER" else (edge["from"], edge["to"])
        assert (ID[start], predicate, ID[end]) in sample_turtle, edge["id"]


def test_a_replacement_is_an_org_change_event(sample_turtle):
    replacements = [e for e in sample_graph().edge_records() if e["type"] == "AFLOESER"]
    assert replacements
    for edge in replacements:
        event = ID["edge/" + edge["id"]]
        assert (event, rdflib.RDF.type, ORG.ChangeEvent) in sample_turtle
        assert sample_turtle.value(event, ORG.originalOrganization) == ID[edge["to"]]
        assert sample_turtle.value(event, ORG.resultingOrganization) == ID[edge["from"]]


@pytest.mark.parametrize("attr", ["binding", "deadline", "date_text", "verb", "decision_type", "frequency"])
def test_the_new_typed_attributes_survive_as_typed_literals(sample_turtle, attr):
    """E.g. an Anbefaling's binding (skal/kan) is og:binding, its deadline an xsd:date."""
    local, kind = TYPED_ATTRIBUTES[attr]
    graph = sample_graph()
    expected = {ID[r["id"]]: r["attrs"][attr] for r in graph.node_records() if attr in r["attrs"]}
    expected |= {ID["edge/" + r["id"]]: r["attrs"][attr] for r in graph.edge_records() if attr in r["attrs"]}
    assert expected
    found = dict(sample_turtle.subject_objects(OG[local]))
    assert {s: str(o) for s, o in found.items()} == {s: str(v) for s, v in expected.items()}
    for literal in found.values():
        assert {"date": (rdflib.XSD.date, None), "da": (None, "da"), None: (None, None)}[kind] == (literal.datatype, literal.language)
    anbefaling = ID[sample_id("Anbefaling")]
    assert str(sample_turtle.value(anbefaling, OG.binding)) == NODE_ATTRS["Anbefaling"]["binding"]


def _windows(rdf: rdflib.Graph, prop) -> dict:
    out = {}
    for subject, window in rdf.subject_objects(prop):
        begin = rdf.value(rdf.value(window, TIME.hasBeginning), TIME.inXSDDate)
        end = rdf.value(rdf.value(window, TIME.hasEnd), TIME.inXSDDate)
        assert (window, rdflib.RDF.type, TIME.ProperInterval) in rdf
        out[str(subject)] = [str(begin), str(end)]
    return out


@pytest.mark.parametrize("attr", sorted(WINDOW_ATTRIBUTES))
def test_uncertain_windows_survive_as_time_intervals(sample_turtle, turtle, attr):
    """The sample's windows, and every window in the data files, read back from the Turtle."""
    for rdf, records in ((sample_turtle, sample_graph().node_records() + sample_graph().edge_records()),
                         (turtle, data_records()["nodes"] + data_records()["edges"])):
        expected = {str(ID[r["id"]] if "kind" in r else ID["edge/" + edge_key(r)]): [str(d) for d in r["attrs"][attr]]
                    for r in records if attr in (r.get("attrs") or {})}
        assert _windows(rdf, OG[WINDOW_ATTRIBUTES[attr]]) == expected
    assert any(attr in (r["attrs"] or {}) for r in sample_graph().node_records())


def test_the_shapes_accept_every_kind_and_relation(sample_turtle):
    conforms, _, text = _shacl(sample_turtle)
    assert conforms, text


def _break_udnaevner(rdf):
    kommune = ID[sample_id("Kommune")]
    rdf.add((kommune, OG.udnaevner, ID[sample_id("Beskaeftigelsesraad")]))  # only an Organisation appoints
    return kommune, None  # the start is of the wrong kind: a node-level violation


def _break_relation_type(rdf):
    relation = ID["edge/" + next(e["id"] for e in sample_graph().edge_records() if e["type"] == "AFLOESER")]
    rdf.set((relation, OG.relationType, Literal("UDPEGER_IKKE")))
    return relation, OG.relationType


def _break_council_class(rdf):
    council = ID[sample_id("Beskaeftigelsesraad")]
    rdf.remove((council, rdflib.RDF.type, ORG.Organization))
    return council, None


def _break_binding(rdf):
    anbefaling = ID[sample_id("Anbefaling")]
    rdf.set((anbefaling, OG.binding, Literal("måske")))
    return anbefaling, OG.binding


def _break_window(rdf):
    decision = ID[sample_id("Beslutning")]
    rdf.remove((rdf.value(decision, OG.uncertainFrom), TIME.hasEnd, None))
    return decision, OG.uncertainFrom


@pytest.mark.parametrize("damage", [_break_udnaevner, _break_relation_type, _break_council_class, _break_binding, _break_window])
def test_the_generated_shapes_reject_what_the_vocabulary_forbids(sample_turtle, damage):
    """A relation between kinds it may not connect, an unknown relation type, a council that is
    not an org:Organization, a binding that is neither skal nor kan, a window without its end:
    each is a violation on the damaged node."""
    broken = rdflib.Graph()
    for triple in sample_turtle:
        broken.add(triple)
    focus, path = damage(broken)
    conforms, report, text = _shacl(broken)
    assert not conforms
    found = {(report.value(r, SH.focusNode), report.value(r, SH.resultPath)) for r in report.objects(None, SH.result)}
    assert (focus, path) in found, text


def test_the_shipped_shapes_file_lists_the_vocabulary_of_the_model():
    """The shapes (exports/data/shapes.ttl) list every kind and relation type of orggraph.model."""
    shapes = rdflib.Graph().parse(data=shapes_turtle(), format="turtle")
    lists = {}
    for shape in shapes.subjects(rdflib.RDF.type, SH.NodeShape):
        for prop in shapes.objects(shape, SH.property):
            path, values = shapes.value(prop, SH.path), shapes.value(prop, SH["in"])
            if values is not None:
                lists[path] = [str(v) for v in rdflib.collection.Collection(shapes, values)]
    assert lists[OG.kind] == list(KINDS) and lists[OG.relationType] == list(RELATIONS)


# --- Popolo for the whole vocabulary ---------------------------------------------------------


def test_popolo_of_every_kind_and_relation_is_valid(popolo_validators):
    data = generate_popolo_of(sample_graph())
    assert _popolo_errors(popolo_validators, data) == []
    schema = json.loads((Path(__file__).resolve().parents[1] / "orggraph" / "data" / "popolo.schema.json").read_text(encoding="utf-8"))
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(data)) == []


def test_popolo_decisions_are_motions_of_the_body_that_took_them(popolo_validators):
    graph = sample_graph()
    data = generate_popolo_of(graph)
    organizations = {o["id"]: o for o in data["organizations"]}
    assert organizations[sample_id("Beskaeftigelsesraad")]["classification"] == KINDS["Beskaeftigelsesraad"]
    decision = graph.node(sample_id("Beslutning"))
    takers = sorted(e["from"] for e in graph.edge_records() if e["type"] == "TRAEFFER" and e["to"] == decision["id"])
    motions = [m for m in data["motions"] if m["text"] == decision["name"]]
    assert sorted(m["organization_id"] for m in motions) == takers and len(takers) > 1
    window = decision["attrs"]["uncertain_from"]
    for motion in motions:  # dated as precisely as the window allows (both ends in 2016), never a made-up day
        assert motion["result"] == "pass" and motion["classification"] == decision["attrs"]["decision_type"]
        assert motion["date"] == window[0][:4] == window[1][:4]
        assert motion["uncertain_from"] == window and motion["date_text"] == decision["attrs"]["date_text"]
    adopted = next(m for m in data["motions"] if m["id"] == sample_id("Anbefaling"))
    assert adopted["classification"] == KINDS["Anbefaling"]


def test_popolo_seats_a_municipality_nominates_sit_on_its_behalf():
    graph = sample_graph()
    data = generate_popolo_of(graph)
    nominated = [e for e in graph.edge_records() if e["type"] == "UDPEGER" and graph.node(e["from"])["kind"] == "Kommune"]
    assert nominated
    seats = {m["id"]: m for m in data["memberships"] if "on_behalf_of_id" in m}
    for edge in nominated:
        assert seats[edge["id"]]["on_behalf_of_id"] == edge["from"]
        assert seats[edge["id"]]["organization_id"] == sample_id("Beskaeftigelsesraad")


def test_popolo_carries_a_rosters_persons_and_their_seats(graph, popolo_validators):
    """Issue 15: with a roster (the invented one in tests/data/rosters), persons and their
    memberships: the seat, the council, the role and who nominated the person."""
    from orggraph.readwrite.roster import add_rosters

    with_persons = add_rosters(graph, [Path(__file__).resolve().parent / "data" / "rosters" / "rar-fyn.csv"])
    data = json.loads(generate(with_persons, "popolo")["orggraph.popolo.json"])
    assert _popolo_errors(popolo_validators, data) == []
    assert jsonschema.Draft202012Validator(json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))).is_valid(data)
    assert len(data["persons"]) == 11 and all(p["sources"] for p in data["persons"])
    anna = [m for m in data["memberships"] if m.get("person_id") == "person-anna-fiktiv"]
    assert {(m["post_id"], m["organization_id"], m["role"], m["on_behalf_of_id"], m["start_date"]) for m in anna} == {
        ("post-rar-fyn-kommunale", "rar-fyn", "næstformand", "kkr-syddanmark", "2016-01-01"),
        ("post-rar-fyn-naestformand-kommunal", "rar-fyn", "næstformand", "kkr-syddanmark", "2016-01-01")}
    jens = [m for m in data["memberships"] if m.get("person_id") == "person-jens-fiktiv"]
    assert [(m["organization_id"], m.get("post_id")) for m in jens] == [("organ-syddanmark-embedsmandsudvalg", None)]
    assert json.loads(generate(graph, "popolo")["orggraph.popolo.json"])["persons"] == []

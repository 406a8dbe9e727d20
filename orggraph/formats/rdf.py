"""Turtle: the graph as linked data with the W3C Organization Ontology, PROV-O and the
orggraph vocabulary (``orggraph/data/vocabulary.ttl``, Danish and English labels).

- Every node is ``<base>id/<id>``, typed with its orggraph class (``og:KKR`` …) and the
  org class it specialises (``org:Organization``, ``org:OrganizationalCollaboration``,
  ``org:Post``; focus points are ``skos:Concept``), named by ``skos:prefLabel``/``altLabel``.
- Every edge gives a direct triple (``og:udpeger``, ``org:subOrganizationOf``,
  ``org:postIn``, ``org:heldBy``, ``org:memberOf`` …) and a resource ``<base>id/edge/<id>``
  (an ``og:Relation``, i.e. an ``rdf:Statement``) carrying its id, type, validity,
  confidence and sources. Every MEDLEM_AF and DELTAGER_I edge is also an
  ``org:Membership`` with ``org:organization``, ``org:memberDuring`` (its validity, when
  dated) and ``org:member`` (a municipality, KKR or organisation) or, for a seat in a
  body, ``og:post`` (a post is not an agent, so it is not an ``org:member``).
- Sources: ``prov:wasDerivedFrom`` the document, and a ``prov:Derivation`` with the
  locator and quote; documents are ``prov:Entity`` with title and register entry.

No blank nodes are used, so the same data always gives the same file.

>>> from orggraph import load
>>> import rdflib
>>> graph = load()
>>> g = rdflib.Graph().parse(data=generate_turtle(graph), format="turtle")
>>> q = "PREFIX org: <http://www.w3.org/ns/org#> SELECT (COUNT(?p) AS ?n) WHERE { ?p a org:Post }"
>>> int(next(iter(g.query(q)))[0]) == graph.counts()["nodes"]["Post"]
True
"""

from __future__ import annotations

__all__ = ["BASE", "OG", "ORG", "VOCABULARY_FILE", "generate_turtle", "vocabulary_turtle"]

from pathlib import Path
from urllib.parse import quote

from orggraph.formats.flat import to_json
from orggraph.graph import OrgGraph

#: Where the data and the vocabulary live (see README.md, "Linked data").
BASE = "https://w3id.org/orggraph/"
VOCABULARY_FILE = Path(__file__).resolve().parent.parent / "data" / "vocabulary.ttl"

_ORG_CLASS = {
    "KKR": "Organization", "RAR": "Organization", "Kommune": "Organization", "Sekretariat": "Organization",
    "Organ": "Organization", "Organisation": "Organization", "Samarbejde": "OrganizationalCollaboration",
    "Post": "Post",
}
#: The direct predicate of each relation: org terms where the ontology has one, else the vocabulary's.
_PREDICATE = {
    "UDPEGER": "og:udpeger", "SEKRETARIATSBETJENER": "og:sekretariatsbetjener", "SPEJLER": "og:spejler",
    "DAEKKER": "og:daekker", "NEDSAT_AF": "og:nedsatAf", "UNDERSTOETTER": "og:understoetter",
    "VEDTAGER": "og:vedtager", "DELTAGER_I": "og:deltagerI", "UNDER": "org:subOrganizationOf",
    "BESTRIDES_AF": "org:heldBy", "MEDLEM_AF": "org:memberOf",
}


def _namespaces():
    from rdflib import Namespace

    return Namespace(BASE + "vocab#"), Namespace("http://www.w3.org/ns/org#")


def __getattr__(name):  # OG and ORG, without importing rdflib at module import
    if name in ("OG", "ORG"):
        return _namespaces()[0 if name == "OG" else 1]
    raise AttributeError(name)


def vocabulary_turtle() -> str:
    """The text of the orggraph vocabulary file."""
    return VOCABULARY_FILE.read_text(encoding="utf-8")


def _uri(*parts: str):
    from rdflib import URIRef

    return URIRef(BASE + "/".join(quote(p, safe="-._~:") for p in parts))


def generate_turtle(graph: OrgGraph) -> str:
    """The graph as Turtle."""
    from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace
    from rdflib.namespace import DCTERMS, PROV, TIME

    og, org = _namespaces()
    terms = {"og": og, "org": org}
    rdf = Graph()
    for prefix, ns in (("og", og), ("org", org), ("prov", PROV), ("skos", SKOS), ("dcterms", DCTERMS),
                       ("time", TIME), ("ogid", Namespace(BASE + "id/")), ("ogdoc", Namespace(BASE + "document/"))):
        rdf.bind(prefix, ns)
    json_type = RDF.JSON

    def term(name: str):
        prefix, local = name.split(":")
        return terms[prefix][local]

    def common(subject, record: dict, path: tuple[str, ...]) -> None:
        if record.get("area"):
            rdf.add((subject, og.area, _uri("id", record["area"])))
        for field, prop in (("valid_from", og.validFrom), ("valid_to", og.validTo)):
            if record.get(field):
                rdf.add((subject, prop, Literal(record[field], datatype=XSD.date)))
        rdf.add((subject, og.confidence, Literal(record["confidence"])))
        if record.get("confidence_note"):
            rdf.add((subject, og.confidenceNote, Literal(record["confidence_note"], lang="da")))
        if record.get("attrs"):
            rdf.add((subject, og.attributes, Literal(to_json(record["attrs"]), datatype=json_type)))
        for n, source in enumerate(record["sources"], start=1):
            document = _uri("document", source["document"])
            derivation = _uri(*path, "source", str(n))
            rdf.add((subject, PROV.wasDerivedFrom, document))
            rdf.add((subject, PROV.qualifiedDerivation, derivation))
            rdf.add((derivation, RDF.type, PROV.Derivation))
            rdf.add((derivation, PROV.entity, document))
            rdf.add((derivation, og.position, Literal(n)))
            rdf.add((derivation, og.locator, Literal(source["locator"])))
            rdf.add((derivation, og.quote, Literal(source["quote"], lang="da")))

    for doc_id, entry in graph.documents.items():
        document = _uri("document", doc_id)
        rdf.add((document, RDF.type, PROV.Entity))
        rdf.add((document, DCTERMS.identifier, Literal(doc_id)))
        rdf.add((document, DCTERMS.title, Literal(entry.get("title", ""), lang="da")))
        if entry.get("issuer"):
            rdf.add((document, DCTERMS.creator, Literal(entry["issuer"])))
        if entry.get("date"):
            rdf.add((document, DCTERMS.date, Literal(entry["date"], datatype=XSD.date)))
        rdf.add((document, og.documentRecord, Literal(to_json(entry), datatype=json_type)))

    for record in graph.node_records():
        node = _uri("id", record["id"])
        rdf.add((node, RDF.type, og[record["kind"]]))
        rdf.add((node, RDF.type, org[_ORG_CLASS[record["kind"]]] if record["kind"] in _ORG_CLASS else SKOS.Concept))
        rdf.add((node, og.kind, Literal(record["kind"])))
        rdf.add((node, DCTERMS.identifier, Literal(record["id"])))
        rdf.add((node, SKOS.prefLabel, Literal(record["name"], lang="da")))
        rdf.add((node, RDFS.label, Literal(record["name"], lang="da")))
        for alias in record["aliases"] or []:
            rdf.add((node, SKOS.altLabel, Literal(alias, lang="da")))
        common(node, record, ("id", record["id"]))

    kinds = {n: d["kind"] for n, d in graph.graph.nodes(data=True)}
    for record in graph.edge_records():
        source, target = _uri("id", record["from"]), _uri("id", record["to"])
        predicate = _PREDICATE[record["type"]]
        if record["type"] == "MEDLEM_AF" and kinds[record["from"]] == "Post":
            predicate = "org:postIn"
        edge = _uri("id", "edge", record["id"])
        rdf.add((source, term(predicate), target))
        rdf.add((edge, RDF.type, og.Relation))
        rdf.add((edge, RDF.subject, source))
        rdf.add((edge, RDF.predicate, term(predicate)))
        rdf.add((edge, RDF.object, target))
        rdf.add((edge, DCTERMS.identifier, Literal(record["id"])))
        rdf.add((edge, og.relationType, Literal(record["type"])))
        if record["type"] in ("MEDLEM_AF", "DELTAGER_I"):
            rdf.add((edge, RDF.type, org.Membership))
            rdf.add((edge, og.post if predicate == "org:postIn" else org.member, source))
            rdf.add((edge, org.organization, target))
            if record.get("valid_from") or record.get("valid_to"):
                interval = _uri("id", "edge", record["id"], "during")
                rdf.add((edge, org.memberDuring, interval))
                rdf.add((interval, RDF.type, TIME.Interval))
                for field, prop in (("valid_from", TIME.hasBeginning), ("valid_to", TIME.hasEnd)):
                    if record.get(field):
                        instant = _uri("id", "edge", record["id"], "during", field)
                        rdf.add((interval, prop, instant))
                        rdf.add((instant, RDF.type, TIME.Instant))
                        rdf.add((instant, TIME.inXSDDate, Literal(record[field], datatype=XSD.date)))
        common(edge, record, ("id", "edge", record["id"]))
    return rdf.serialize(format="turtle")

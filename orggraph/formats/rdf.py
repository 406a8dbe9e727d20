"""Turtle: the graph as linked data with the W3C Organization Ontology, PROV-O, OWL-Time and
the orggraph vocabulary (``orggraph/data/vocabulary.ttl``, Danish and English labels),
checked by the SHACL shapes in ``orggraph/data/shapes.ttl``.

- Every node is ``<base>id/<id>``, typed with its orggraph class (``og:KKR`` …) and the
  org class it specialises (``org:Organization``, ``org:OrganizationalCollaboration``,
  ``org:Post``; focus points are ``skos:Concept``), named by ``skos:prefLabel``/``altLabel``.
- Every edge gives a direct triple (``og:udpeger``, ``org:subOrganizationOf``,
  ``org:postIn``, ``org:heldBy``, ``org:memberOf`` …) and a resource ``<base>id/edge/<id>``
  (an ``og:Relation``, i.e. an ``rdf:Statement``) carrying its id, type, validity,
  confidence and sources. The direct triples carry no dates: a question about one day goes
  through the relation resources or the memberships.
- Memberships: MEDLEM_AF of a municipality or organisation (role ``og:Medlem``),
  DELTAGER_I (``og:Deltager``), a RAR's coverage of a municipality, DAEKKER
  (``og:DaekketKommune``: the municipality is the ``org:member``, the RAR the
  ``org:organization``), and a post held by a municipality or organisation, BESTRIDES_AF
  (``og:Indehaver``, with ``og:post``; only when the post belongs to a body), are also an
  ``org:Membership`` on the edge's resource, with ``org:member``, ``org:organization``,
  ``org:role`` and, when dated, ``org:memberDuring``: a ``time:Interval`` whose
  ``time:hasBeginning``/``time:hasEnd`` are ``time:Instant``\\ s with ``time:inXSDDate``.
  Every ``org:Membership`` has an ``org:member``.
- A post that belongs to a body (MEDLEM_AF from a Post) is ``org:postIn``, not a
  membership: a post is not an agent. ``org:heldBy`` points only at agents (a municipality
  or organisation); a post held by the holder of another post is ``og:heldByHolderOf``.
- Numbers, dates and flags in ``attrs`` are typed literals on their own predicates
  (:data:`TYPED_ATTRIBUTES`: ``og:seats``, ``og:size``, ``og:memberCount``, ``og:date`` …),
  and the whole ``attrs`` is also kept as one ``og:attributes`` JSON literal (lossless).
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
>>> q = "PREFIX og: <https://w3id.org/orggraph/vocab#> SELECT ?n WHERE { <https://w3id.org/orggraph/id/rar-fyn> og:memberCount ?n }"
>>> next(iter(g.query(q)))[0].datatype
rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#integer')
"""

from __future__ import annotations

__all__ = ["BASE", "OG", "ORG", "VOCABULARY_FILE", "SHAPES_FILE", "SPARQL_DIR", "TYPED_ATTRIBUTES",
           "generate_turtle", "vocabulary_turtle", "sparql_queries"]

from pathlib import Path
from urllib.parse import quote

from orggraph.formats.flat import to_json
from orggraph.graph import OrgGraph

#: Where the data and the vocabulary live (see README.md, "Linked data").
BASE = "https://w3id.org/orggraph/"
_DATA = Path(__file__).resolve().parent.parent / "data"
VOCABULARY_FILE = _DATA / "vocabulary.ttl"
#: SHACL shapes for the export: the vocabulary's typed literals and ORG as this export uses it.
SHAPES_FILE = _DATA / "shapes.ttl"
#: Analysts' questions in SPARQL, one ``.rq`` file each, run by the tests on the export.
SPARQL_DIR = _DATA / "sparql"

#: Attributes written as typed literals on their own predicate: ``attr: (og local name, XSD type)``.
#: ``None`` as the type gives a plain string, ``"da"`` a Danish-tagged text.
TYPED_ATTRIBUTES: dict[str, tuple[str, str | None]] = {
    "seats": ("seats", "integer"),
    "size": ("size", "integer"),
    "members": ("memberCount", "integer"),
    "number": ("number", "integer"),
    "date": ("date", "date"),
    "substitutes": ("substitutes", "boolean"),
    "group": ("group", None),
    "kommunekode": ("kommunekode", None),
    "how": ("how", "da"),
}

_ORG_CLASS = {
    "KKR": "Organization", "RAR": "Organization", "Kommune": "Organization", "Sekretariat": "Organization",
    "Organ": "Organization", "Organisation": "Organization", "Samarbejde": "OrganizationalCollaboration",
    "Post": "Post",
}
#: Kinds that are agents (``foaf:Agent`` through ``org:Organization``): what ``org:heldBy`` may point at.
_AGENTS = frozenset(k for k, c in _ORG_CLASS.items() if c != "Post")
#: The direct predicate of each relation: org terms where the ontology has one, else the vocabulary's.
_PREDICATE = {
    "UDPEGER": "og:udpeger", "SEKRETARIATSBETJENER": "og:sekretariatsbetjener", "SPEJLER": "og:spejler",
    "DAEKKER": "og:daekker", "NEDSAT_AF": "og:nedsatAf", "UNDERSTOETTER": "og:understoetter",
    "VEDTAGER": "og:vedtager", "DELTAGER_I": "og:deltagerI", "UNDER": "org:subOrganizationOf",
    "BESTRIDES_AF": "org:heldBy", "MEDLEM_AF": "org:memberOf",
}
#: The org:Role of each kind of membership.
_ROLE = {"MEDLEM_AF": "Medlem", "DELTAGER_I": "Deltager", "DAEKKER": "DaekketKommune", "BESTRIDES_AF": "Indehaver"}


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


def sparql_queries() -> dict[str, str]:
    """``{name: query text}`` of the shipped SPARQL questions (``orggraph/data/sparql/*.rq``)."""
    return {path.stem: path.read_text(encoding="utf-8") for path in sorted(SPARQL_DIR.glob("*.rq"))}


def _uri(*parts: str):
    from rdflib import URIRef

    return URIRef(BASE + "/".join(quote(p, safe="-._~:") for p in parts))


def _typed(value, kind: str | None):
    """``value`` as the literal :data:`TYPED_ATTRIBUTES` asks for, or None when it is not of that type."""
    from rdflib import XSD, Literal

    if kind == "integer":
        return Literal(value, datatype=XSD.integer) if isinstance(value, int) and not isinstance(value, bool) else None
    if kind == "boolean":
        return Literal(value, datatype=XSD.boolean) if isinstance(value, bool) else None
    if kind == "date":
        return Literal(str(value), datatype=XSD.date) if len(str(value)) == 10 else None
    if kind == "da":
        return Literal(value, lang="da") if isinstance(value, str) else None
    return Literal(str(value)) if isinstance(value, (str, int)) and not isinstance(value, bool) else None


def generate_turtle(graph: OrgGraph) -> str:
    """The graph as Turtle (see the module's description for the model)."""
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
            for attr, (local, kind) in TYPED_ATTRIBUTES.items():
                literal = _typed(record["attrs"][attr], kind) if attr in record["attrs"] else None
                if literal is not None:
                    rdf.add((subject, og[local], literal))
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

    def membership(edge, record: dict, member: str, organization: str, post: str | None = None) -> None:
        rdf.add((edge, RDF.type, org.Membership))
        rdf.add((edge, org.member, _uri("id", member)))
        rdf.add((edge, org.organization, _uri("id", organization)))
        rdf.add((edge, org.role, og[_ROLE[record["type"]]]))
        if post is not None:
            rdf.add((edge, og.post, _uri("id", post)))
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
    post_org = {u: v for u, v, _, _ in graph.edges("MEDLEM_AF") if kinds[u] == "Post"}
    for record in graph.edge_records():
        start, relation, end = record["from"], record["type"], record["to"]
        source, target = _uri("id", start), _uri("id", end)
        predicate = _PREDICATE[relation]
        if relation == "MEDLEM_AF" and kinds[start] == "Post":
            predicate = "org:postIn"
        elif relation == "BESTRIDES_AF" and kinds[end] not in _AGENTS:
            predicate = "og:heldByHolderOf"
        edge = _uri("id", "edge", record["id"])
        rdf.add((source, term(predicate), target))
        rdf.add((edge, RDF.type, og.Relation))
        rdf.add((edge, RDF.subject, source))
        rdf.add((edge, RDF.predicate, term(predicate)))
        rdf.add((edge, RDF.object, target))
        rdf.add((edge, DCTERMS.identifier, Literal(record["id"])))
        rdf.add((edge, og.relationType, Literal(relation)))
        if relation in ("MEDLEM_AF", "DELTAGER_I") and predicate != "org:postIn":
            membership(edge, record, start, end)
        elif relation == "DAEKKER":
            membership(edge, record, end, start)
        elif predicate == "org:heldBy" and start in post_org:
            membership(edge, record, end, post_org[start], post=start)
        common(edge, record, ("id", "edge", record["id"]))
    return rdf.serialize(format="turtle")

"""Turtle: the graph as linked data with the W3C Organization Ontology, PROV-O, OWL-Time,
Dublin Core and the orggraph vocabulary (``orggraph/data/vocabulary.ttl``, Danish and English
labels), checked by the SHACL shapes of :func:`shapes_turtle` (``orggraph/data/shapes.ttl``
plus the closed lists of :mod:`orggraph.model`).

- Every node is ``<base>id/<id>``, typed with its orggraph class (``og:KKR`` …) and the
  standard class it specialises (:data:`STANDARD_CLASS`): the bodies are
  ``org:Organization`` (a Beskaeftigelsesraad too, like a RAR), cooperations
  ``org:OrganizationalCollaboration``, posts ``org:Post``, a decision (Beslutning) and a
  trial round (Forsoegsrunde) ``prov:Activity`` (what PROV and ORG's ``org:ChangeEvent``
  users query for things that happened), focus points, recommendations and tasks
  ``skos:Concept``. Named by ``skos:prefLabel``/``altLabel``.
- Every edge gives its relation's own property, ``og:`` and the relation's name in camel
  case (:func:`relation_property`: ``og:udpeger``, ``og:medlemAf``, ``og:delAf`` …; one per
  relation of :data:`orggraph.model.RELATIONS`, so every relation can be asked for alike),
  and, where a standard term says the same, that term too (:data:`STANDARD_PREDICATE`):
  ``org:subOrganizationOf`` (UNDER), ``org:memberOf``/``org:postIn`` (MEDLEM_AF),
  ``org:heldBy`` (BESTRIDES_AF of an agent; a post held by another post's holder is
  ``og:heldByHolderOf``), ``org:reportsTo`` (RAPPORTERER_TIL), ``org:purpose``
  (HAR_OPGAVE: the task), ``dcterms:isPartOf`` (DEL_AF), ``dcterms:subject`` (ANGAAR: what
  a decision concerns), ``dcterms:replaces`` (AFLOESER), and, the other way round,
  ``prov:wasAssociatedWith`` from a decision to the body that took it (TRAEFFER). No
  standard term fits nominating (UDPEGER), the minister's appointing (UDNAEVNER: ORG has no
  appointing, and ``org:heldBy`` would name the minister as the holder), serving, briefing,
  mandating, applying, housing or providing an employee: those are ``og:`` only.
  Each edge is also a resource ``<base>id/edge/<id>`` (an ``og:Relation``, i.e. an
  ``rdf:Statement`` whose ``rdf:predicate`` is the relation's ``og:`` property) carrying its
  id, type, validity, confidence and sources. The direct triples carry no dates: a question
  about one day goes through the relation resources or the memberships.
- Memberships: MEDLEM_AF of a municipality or organisation (role ``og:Medlem``),
  DELTAGER_I (``og:Deltager``), a RAR's or council's coverage of a municipality, DAEKKER
  (``og:DaekketKommune``: the municipality is the ``org:member``, the council the
  ``org:organization``), and a post held by an organisation, BESTRIDES_AF
  (``og:Indehaver``, with ``og:post``; only when the post belongs to a body), are also an
  ``org:Membership`` on the edge's resource, with ``org:member``, ``org:organization``,
  ``org:role`` and, when dated, ``org:memberDuring``: a ``time:Interval`` whose
  ``time:hasBeginning``/``time:hasEnd`` are ``time:Instant``\\ s with ``time:inXSDDate``.
  Every ``org:Membership`` has an ``org:member``.
- A replacement (AFLOESER) is also an ``org:ChangeEvent`` on the edge's resource, with
  ``org:originalOrganization`` (the RAR) and ``org:resultingOrganization`` (the council).
- A post that belongs to a body (MEDLEM_AF from a Post) is ``org:postIn``, not a
  membership: a post is not an agent. ``org:heldBy`` points only at agents.
- Numbers, dates, flags and short texts in ``attrs`` are typed literals on their own
  predicates (:data:`TYPED_ATTRIBUTES`: ``og:seats``, ``og:memberCount``, ``og:date``,
  ``og:binding`` (``skal``/``kan``), ``og:deadline``, ``og:dateText`` (the source's own
  words for a rough date, ``@da``), ``og:verb`` …). A start or end known only to lie in a
  window (``uncertain_from``/``uncertain_to``) is ``og:uncertainFrom``/``og:uncertainTo``: a
  ``time:ProperInterval`` ``<record>/uncertain_from`` whose ``time:hasBeginning`` and
  ``time:hasEnd`` instants give the earliest and latest day (:data:`WINDOW_ATTRIBUTES`).
  The whole ``attrs`` is also kept as one ``og:attributes`` JSON literal (lossless).
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

__all__ = ["BASE", "OG", "ORG", "VOCABULARY_FILE", "SHAPES_FILE", "SPARQL_DIR", "STANDARD_CLASS", "STANDARD_PREDICATE",
           "TYPED_ATTRIBUTES", "WINDOW_ATTRIBUTES", "generate_turtle", "relation_property", "shapes_turtle",
           "sparql_queries", "vocabulary_turtle"]

from pathlib import Path
from urllib.parse import quote

from orggraph.formats.flat import to_json
from orggraph.graph import OrgGraph
from orggraph.model import KINDS, Kind, RELATIONS, Rel

#: Where the data and the vocabulary live (see README.md, "Linked data").
BASE = "https://w3id.org/orggraph/"
_DATA = Path(__file__).resolve().parent.parent / "data"
VOCABULARY_FILE = _DATA / "vocabulary.ttl"
#: SHACL shapes for the export, written by hand: the vocabulary's typed literals and ORG as this
#: export uses it. :func:`shapes_turtle` adds the closed lists taken from :mod:`orggraph.model`.
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
    "verb": ("verb", "da"),
    "binding": ("binding", None),
    "decision_type": ("decisionType", "da"),
    "frequency": ("frequency", "da"),
    "date_text": ("dateText", "da"),
    "deadline": ("deadline", "date"),
}
#: Attributes holding a window ``[earliest, latest]``: ``attr: og local name`` of a ``time:ProperInterval``.
WINDOW_ATTRIBUTES: dict[str, str] = {"uncertain_from": "uncertainFrom", "uncertain_to": "uncertainTo"}

#: The standard class each kind specialises, besides its own ``og:`` class.
STANDARD_CLASS: dict[str, str] = {
    Kind.KKR: "org:Organization", Kind.RAR: "org:Organization", Kind.Beskaeftigelsesraad: "org:Organization",
    Kind.Kommune: "org:Organization", Kind.Sekretariat: "org:Organization", Kind.Organ: "org:Organization",
    Kind.Organisation: "org:Organization", Kind.Samarbejde: "org:OrganizationalCollaboration", Kind.Post: "org:Post",
    Kind.Beslutning: "prov:Activity", Kind.Forsoegsrunde: "prov:Activity",
    Kind.Pejlemaerke: "skos:Concept", Kind.Anbefaling: "skos:Concept", Kind.Opgave: "skos:Concept",
    Kind.Person: "prov:Person",
}
#: Kinds that are agents (``foaf:Agent`` through ``org:Organization``): what ``org:heldBy`` may point at.
_AGENTS = frozenset(k for k, c in STANDARD_CLASS.items() if c in ("org:Organization", "org:OrganizationalCollaboration", "prov:Person"))
#: The standard term written beside a relation's own property, where one says the same (see the module).
#: MEDLEM_AF and BESTRIDES_AF depend on the ends (:func:`_standard`); TRAEFFER is written from the decision.
STANDARD_PREDICATE: dict[str, str] = {
    Rel.UNDER: "org:subOrganizationOf", Rel.MEDLEM_AF: "org:memberOf", Rel.BESTRIDES_AF: "org:heldBy",
    Rel.RAPPORTERER_TIL: "org:reportsTo", Rel.HAR_OPGAVE: "org:purpose", Rel.DEL_AF: "dcterms:isPartOf",
    Rel.ANGAAR: "dcterms:subject", Rel.AFLOESER: "dcterms:replaces", Rel.TRAEFFER: "prov:wasAssociatedWith",
}
#: The org:Role of each kind of membership.
_ROLE = {Rel.MEDLEM_AF: "Medlem", Rel.DELTAGER_I: "Deltager", Rel.DAEKKER: "DaekketKommune", Rel.BESTRIDES_AF: "Indehaver"}


def relation_property(relation: str) -> str:
    """The local name of a relation's own ``og:`` property: its name in camel case.

    >>> relation_property("UDPEGER"), relation_property("STILLER_TIL_RAADIGHED")
    ('udpeger', 'stillerTilRaadighed')
    """
    first, *rest = relation.lower().split("_")
    return first + "".join(part.capitalize() for part in rest)


def _standard(relation: str, source_kind: str, target_kind: str) -> str | None:
    """The standard (or ``og:heldByHolderOf``) predicate written beside the relation's own, if any."""
    if relation == Rel.MEDLEM_AF and source_kind == Kind.Post:
        return "org:postIn"
    if relation == Rel.BESTRIDES_AF and target_kind not in _AGENTS:
        return "og:heldByHolderOf"
    return STANDARD_PREDICATE.get(relation)


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


def shapes_turtle() -> str:
    """The SHACL shapes: ``orggraph/data/shapes.ttl`` and the closed lists of :mod:`orggraph.model`.

    Generated, so that they cannot drift from the vocabulary: the kinds (``og:kind``), the
    relation types (``og:relationType``), the membership roles, the standard class every
    ``og:`` class must also have (a Beskaeftigelsesraad is an ``org:Organization``), and for
    each relation the kinds its property may start and end at (``og:udnaevner`` from an
    Organisation to a RAR or Beskaeftigelsesraad, …).

    >>> "ogsh:relation-UDNAEVNER" in shapes_turtle()
    True
    """
    def items(values) -> str:
        return " ".join(f'"{v}"' for v in values)

    def classes(kinds) -> str:
        return " ".join(f"[ sh:class og:{k} ]" for k in sorted(kinds, key=list(KINDS).index))

    lines = [SHAPES_FILE.read_text(encoding="utf-8").rstrip("\n"), "",
             "# --- Generated by orggraph.formats.rdf.shapes_turtle from orggraph.model (KINDS, RELATIONS) ---",
             "",
             "ogsh:Kind a sh:NodeShape ; sh:targetSubjectsOf og:kind ;",
             f"    sh:property [ sh:path og:kind ; sh:minCount 1 ; sh:maxCount 1 ; sh:in ( {items(KINDS)} ) ] .",
             "ogsh:RelationType a sh:NodeShape ; sh:targetClass og:Relation ;",
             f"    sh:property [ sh:path og:relationType ; sh:minCount 1 ; sh:maxCount 1 ; sh:in ( {items(RELATIONS)} ) ] ;",
             "    sh:property [ sh:path rdf:predicate ; sh:in ( "
             + " ".join(f"og:{relation_property(r)}" for r in RELATIONS) + " ) ] .",
             "ogsh:Role a sh:NodeShape ; sh:targetClass org:Membership ;",
             "    sh:property [ sh:path org:role ; sh:maxCount 1 ; sh:in ( "
             + " ".join(f"og:{role}" for role in _ROLE.values()) + " ) ] ."]
    for kind in KINDS:
        lines += [f"ogsh:kind-{kind} a sh:NodeShape ; sh:targetClass og:{kind} ;",
                  f"    rdfs:comment \"Every og:{kind} is also a {STANDARD_CLASS[kind]}.\"@en ;",
                  f"    sh:class {STANDARD_CLASS[kind]} ."]
    for relation, rule in RELATIONS.items():
        prop = f"og:{relation_property(relation)}"
        lines += [f"ogsh:relation-{relation} a sh:NodeShape ; sh:targetSubjectsOf {prop} ;",
                  f"    rdfs:comment \"{relation}: from {', '.join(sorted(rule.sources))} to {', '.join(sorted(rule.targets))}.\"@en ;",
                  f"    sh:or ( {classes(rule.sources)} ) ;",
                  f"    sh:property [ sh:path {prop} ; sh:or ( {classes(rule.targets)} ) ] ."]
    return "\n".join(lines) + "\n"


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


def _is_window(value) -> bool:
    return isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) and len(v) == 10 for v in value)


def generate_turtle(graph: OrgGraph) -> str:
    """The graph as Turtle (see the module's description for the model)."""
    from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef
    from rdflib.namespace import DCTERMS, PROV, TIME

    og, org = _namespaces()
    terms = {"og": og, "org": org, "prov": PROV, "dcterms": DCTERMS, "skos": SKOS}
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
            for attr, local in WINDOW_ATTRIBUTES.items():
                if _is_window(record["attrs"].get(attr)):
                    window(subject, og[local], _uri(*path, attr), record["attrs"][attr])
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

    def instant(interval, prop, uri, day: str) -> None:
        rdf.add((interval, prop, uri))
        rdf.add((uri, RDF.type, TIME.Instant))
        rdf.add((uri, TIME.inXSDDate, Literal(day, datatype=XSD.date)))

    def window(subject, prop, uri, days: list[str]) -> None:
        rdf.add((subject, prop, uri))
        rdf.add((uri, RDF.type, TIME.ProperInterval))
        instant(uri, TIME.hasBeginning, URIRef(f"{uri}/earliest"), days[0])
        instant(uri, TIME.hasEnd, URIRef(f"{uri}/latest"), days[1])

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
                    instant(interval, prop, _uri("id", "edge", record["id"], "during", field), record[field])

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
        rdf.add((node, RDF.type, term(STANDARD_CLASS[record["kind"]])))
        rdf.add((node, og.kind, Literal(record["kind"])))
        rdf.add((node, DCTERMS.identifier, Literal(record["id"])))
        rdf.add((node, SKOS.prefLabel, Literal(record["name"], lang="da")))
        rdf.add((node, RDFS.label, Literal(record["name"], lang="da")))
        for alias in record["aliases"] or []:
            rdf.add((node, SKOS.altLabel, Literal(alias, lang="da")))
        common(node, record, ("id", record["id"]))

    kinds = {n: d["kind"] for n, d in graph.graph.nodes(data=True)}
    post_org = {u: v for u, v, _, _ in graph.edges(Rel.MEDLEM_AF) if kinds[u] == Kind.Post}
    for record in graph.edge_records():
        start, relation, end = record["from"], record["type"], record["to"]
        source, target = _uri("id", start), _uri("id", end)
        own = og[relation_property(relation)]
        standard = _standard(relation, kinds[start], kinds[end])
        edge = _uri("id", "edge", record["id"])
        rdf.add((source, own, target))
        if relation == Rel.TRAEFFER:  # the decision was taken by the body: PROV's association, the other way round
            rdf.add((target, term(standard), source))
        elif standard:
            rdf.add((source, term(standard), target))
        rdf.add((edge, RDF.type, og.Relation))
        rdf.add((edge, RDF.subject, source))
        rdf.add((edge, RDF.predicate, own))
        rdf.add((edge, RDF.object, target))
        rdf.add((edge, DCTERMS.identifier, Literal(record["id"])))
        rdf.add((edge, og.relationType, Literal(relation)))
        if relation in (Rel.MEDLEM_AF, Rel.DELTAGER_I) and standard != "org:postIn":
            membership(edge, record, start, end)
        elif relation == Rel.DAEKKER:
            membership(edge, record, end, start)
        elif standard == "org:heldBy" and start in post_org:
            membership(edge, record, end, post_org[start], post=start)
        elif relation == Rel.AFLOESER:
            rdf.add((edge, RDF.type, org.ChangeEvent))
            rdf.add((edge, org.originalOrganization, target))
            rdf.add((edge, org.resultingOrganization, source))
        common(edge, record, ("id", "edge", record["id"]))
    return rdf.serialize(format="turtle")

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

May import: progress, model, graph, formats.

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

__all__ = ["BASE", "VOCABULARY_FILE", "SHAPES_FILE", "SPARQL_DIR", "STANDARD_CLASS", "STANDARD_PREDICATE",
           "TYPED_ATTRIBUTES", "WINDOW_ATTRIBUTES", "PREFIXES", "generate_turtle", "relation_property", "shapes_turtle",
           "sparql_queries", "write_turtle"]

from collections.abc import Iterator
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


def _is_window(value) -> bool:
    return isinstance(value, list) and len(value) == 2 and all(isinstance(v, str) and len(v) == 10 for v in value)


#: The prefixes of the Turtle file, in the order it declares them.
PREFIXES: tuple[tuple[str, str], ...] = (
    ("og", BASE + "vocab#"), ("org", "http://www.w3.org/ns/org#"), ("prov", "http://www.w3.org/ns/prov#"),
    ("skos", "http://www.w3.org/2004/02/skos/core#"), ("dcterms", "http://purl.org/dc/terms/"),
    ("time", "http://www.w3.org/2006/time#"), ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"), ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ("ogid", BASE + "id/"), ("ogdoc", BASE + "document/"))
_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"})


def _iri(*parts: str) -> str:
    return "<" + BASE + "/".join(quote(p, safe="-._~:") for p in parts) + ">"


def _text(value) -> str:
    """A plain string literal."""
    return '"' + str(value).translate(_ESCAPES) + '"'


def _da(value) -> str:
    return '"' + str(value).translate(_ESCAPES) + '"@da'


def _day(value) -> str:
    return '"' + str(value).translate(_ESCAPES) + '"^^xsd:date'


def _typed_text(value, kind: str | None) -> str | None:
    """``value`` as the literal :data:`TYPED_ATTRIBUTES` asks for (Turtle text), or None when it is not of that type."""
    if kind == "integer":
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else None
    if kind == "boolean":
        return ("true" if value else "false") if isinstance(value, bool) else None
    if kind == "date":
        return _day(value) if len(str(value)) == 10 else None
    if kind == "da":
        return _da(value) if isinstance(value, str) else None
    return _text(value) if isinstance(value, (str, int)) and not isinstance(value, bool) else None


def _block(subject: str, pairs: list[str]) -> str:
    """One subject's triples: ``subject p o ; p o .``"""
    return subject + " " + " ;\n    ".join(pairs) + " .\n"


def _turtle(graph: OrgGraph) -> Iterator[str]:
    """The Turtle file in pieces: the prefixes, then a block per subject (a subject may come back in another block)."""
    from orggraph.progress import track

    yield "".join(f"@prefix {prefix}: <{iri}> .\n" for prefix, iri in PREFIXES) + "\n"

    def instant(out: list[str], uri: str, day: str) -> None:
        out.append(_block(uri, ["a time:Instant", f"time:inXSDDate {_day(day)}"]))

    def common(pairs: list[str], out: list[str], record: dict, path: tuple[str, ...]) -> None:
        if record.get("area"):
            pairs.append(f"og:area {_iri('id', record['area'])}")
        if record.get("valid_from"):
            pairs.append(f"og:validFrom {_day(record['valid_from'])}")
        if record.get("valid_to"):
            pairs.append(f"og:validTo {_day(record['valid_to'])}")
        pairs.append(f"og:confidence {_text(record['confidence'])}")
        if record.get("confidence_note"):
            pairs.append(f"og:confidenceNote {_da(record['confidence_note'])}")
        attrs = record.get("attrs")
        if attrs:
            pairs.append(f"og:attributes {_text(to_json(attrs))}^^rdf:JSON")
            for attr, (local, kind) in TYPED_ATTRIBUTES.items():
                literal = _typed_text(attrs[attr], kind) if attr in attrs else None
                if literal is not None:
                    pairs.append(f"og:{local} {literal}")
            for attr, local in WINDOW_ATTRIBUTES.items():
                if _is_window(attrs.get(attr)):
                    uri = _iri(*path, attr)
                    pairs.append(f"og:{local} {uri}")
                    earliest, latest = uri[:-1] + "/earliest>", uri[:-1] + "/latest>"
                    out.append(_block(uri, ["a time:ProperInterval", f"time:hasBeginning {earliest}", f"time:hasEnd {latest}"]))
                    instant(out, earliest, attrs[attr][0])
                    instant(out, latest, attrs[attr][1])
        for n, source in enumerate(record["sources"], start=1):
            document = _iri("document", source["document"])
            derivation = _iri(*path, "source", str(n))
            pairs.append(f"prov:wasDerivedFrom {document}")
            pairs.append(f"prov:qualifiedDerivation {derivation}")
            out.append(_block(derivation, ["a prov:Derivation", f"prov:entity {document}", f"og:position {n}",
                                           f"og:locator {_text(source['locator'])}", f"og:quote {_da(source['quote'])}"]))

    def membership(pairs: list[str], out: list[str], record: dict, member: str, organization: str,
                   post: str | None = None) -> None:
        pairs += ["a org:Membership", f"org:member {_iri('id', member)}", f"org:organization {_iri('id', organization)}",
                  f"org:role og:{_ROLE[record['type']]}"]
        if post is not None:
            pairs.append(f"og:post {_iri('id', post)}")
        if record.get("valid_from") or record.get("valid_to"):
            interval = _iri("id", "edge", record["id"], "during")
            pairs.append(f"org:memberDuring {interval}")
            during = ["a time:Interval"]
            for field, prop in (("valid_from", "time:hasBeginning"), ("valid_to", "time:hasEnd")):
                if record.get(field):
                    uri = _iri("id", "edge", record["id"], "during", field)
                    during.append(f"{prop} {uri}")
                    instant(out, uri, record[field])
            out.append(_block(interval, during))

    out: list[str] = []
    for doc_id, entry in graph.documents.items():
        pairs = ["a prov:Entity", f"dcterms:identifier {_text(doc_id)}", f"dcterms:title {_da(entry.get('title', ''))}"]
        if entry.get("issuer"):
            pairs.append(f"dcterms:creator {_text(entry['issuer'])}")
        if entry.get("date"):
            pairs.append(f"dcterms:date {_day(entry['date'])}")
        pairs.append(f"og:documentRecord {_text(to_json(entry))}^^rdf:JSON")
        out.append(_block(_iri("document", doc_id), pairs))
    yield "".join(out)

    for n, record in enumerate(track(graph.node_records(), "Turtle: nodes", graph.graph.number_of_nodes()), start=1):
        pairs = [f"a og:{record['kind']}, {STANDARD_CLASS[record['kind']]}", f"og:kind {_text(record['kind'])}",
                 f"dcterms:identifier {_text(record['id'])}", f"skos:prefLabel {_da(record['name'])}",
                 f"rdfs:label {_da(record['name'])}"]
        pairs += [f"skos:altLabel {_da(alias)}" for alias in record["aliases"] or []]
        blocks: list[str] = []
        common(pairs, blocks, record, ("id", record["id"]))
        out = [_block(_iri("id", record["id"]), pairs), *blocks]
        yield "".join(out)

    kinds = graph.kinds()
    post_org = {u: v for u, v, _, _ in graph.edges(Rel.MEDLEM_AF) if kinds[u] == Kind.Post}
    for record in track(graph.edge_records(), "Turtle: relations", graph.graph.number_of_edges()):
        start, relation, end = record["from"], record["type"], record["to"]
        source, target = _iri("id", start), _iri("id", end)
        own = f"og:{relation_property(relation)}"
        standard = _standard(relation, kinds[start], kinds[end])
        blocks = [f"{source} {own} {target} .\n"]
        if relation == Rel.TRAEFFER:  # the decision was taken by the body: PROV's association, the other way round
            blocks.append(f"{target} {standard} {source} .\n")
        elif standard:
            blocks.append(f"{source} {standard} {target} .\n")
        types = ["og:Relation"]
        pairs = [f"rdf:subject {source}", f"rdf:predicate {own}", f"rdf:object {target}",
                 f"dcterms:identifier {_text(record['id'])}", f"og:relationType {_text(relation)}"]
        if relation in (Rel.MEDLEM_AF, Rel.DELTAGER_I) and standard != "org:postIn":
            membership(pairs, blocks, record, start, end)
        elif relation == Rel.DAEKKER:
            membership(pairs, blocks, record, end, start)
        elif standard == "org:heldBy" and start in post_org:
            membership(pairs, blocks, record, end, post_org[start], post=start)
        elif relation == Rel.AFLOESER:
            types.append("org:ChangeEvent")
            pairs += [f"org:originalOrganization {target}", f"org:resultingOrganization {source}"]
        common(pairs, blocks, record, ("id", "edge", record["id"]))
        blocks.append(_block(_iri("id", "edge", record["id"]), ["a " + ", ".join(types), *pairs]))
        yield "".join(blocks)


def write_turtle(graph: OrgGraph, out) -> None:
    """Stream the Turtle of ``graph`` (see the module) to the binary file ``out``, a subject at a time."""
    chunk: list[str] = []
    for n, piece in enumerate(_turtle(graph), start=1):
        chunk.append(piece)
        if not n % 512:
            out.write("".join(chunk).encode("utf-8"))
            chunk.clear()
    out.write("".join(chunk).encode("utf-8"))


def generate_turtle(graph: OrgGraph) -> str:
    """The graph as Turtle (see the module's description for the model)."""
    return "".join(_turtle(graph))

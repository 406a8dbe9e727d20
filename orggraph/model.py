"""The closed vocabulary: node kinds, relation types, and what each relation may connect.

This module is the single place that says what a valid orggraph graph may contain.
Loaders, validation, charts and the Neo4j writer all read it; nothing else defines
a kind or a relation.

May import: nothing of orggraph.

>>> allowed("UDPEGER", "KKR", "Post")
True
>>> allowed("UDPEGER", "Pejlemaerke", "Post")
False
>>> KINDS["Beskaeftigelsesraad"]
'Regionalt beskæftigelsesråd'
>>> Rel.UDPEGER, Kind.Beskaeftigelsesraad
('UDPEGER', 'Beskaeftigelsesraad')

Every kind and relation has its constant, and nothing more:

>>> [k for k in vars(Kind) if not k.startswith("_")] == list(KINDS)
True
>>> [r for r in vars(Rel) if not r.startswith("_")] == list(RELATIONS)
True
"""

from __future__ import annotations

__all__ = [
    "KINDS",
    "RELATIONS",
    "Kind",
    "Rel",
    "NODE_FIELDS",
    "EDGE_FIELDS",
    "STRUCTURED_FIELDS",
    "tabular",
    "CONFIDENCE",
    "NEEDS_CONFIDENCE_NOTE",
    "Relation",
    "allowed",
    "ATTRIBUTE_TYPES",
    "ATTRIBUTES",
    "MUNICIPAL_GROUP",
    "VICE_CHAIR",
]

from typing import NamedTuple

#: Node kinds with their Danish label (used in tables and charts).
KINDS: dict[str, str] = {
    "KKR": "Kommunekontaktråd",
    "RAR": "Regionalt arbejdsmarkedsråd",
    "Kommune": "Kommune",
    "Sekretariat": "Sekretariat",
    "Organ": "Administrativt organ",
    "Post": "Post",
    "Organisation": "Organisation",
    "Pejlemaerke": "Pejlemærke",
    "Samarbejde": "Samarbejde",
    # added for the data audit and the 2025 reform (see README, "The data model"):
    "Beskaeftigelsesraad": "Regionalt beskæftigelsesråd",
    "Beslutning": "Beslutning",
    "Opgave": "Opgave",
    "Anbefaling": "Anbefaling",
    "Forsoegsrunde": "Forsøgsrunde",
    # only from a user's roster file (--roster); the packaged data names no persons:
    "Person": "Person",
}


class Relation(NamedTuple):
    """A relation type: which kinds it may connect, and its Danish label."""

    sources: frozenset[str]
    targets: frozenset[str]
    label: str
    meaning: str


def _rel(sources: str, targets: str, label: str, meaning: str) -> Relation:
    return Relation(frozenset(sources.split()), frozenset(targets.split()), label, meaning)


#: Relation types. Where the sources demanded it, the starting model in DESIGN.md was
#: widened; each widening is marked "refined" and explained in README.md.
RELATIONS: dict[str, Relation] = {
    # refined: a municipality may nominate (the 2025 councils' "5 fra kommuner i regionen").
    "UDPEGER": _rel("KKR Organisation Kommune", "Post", "udpeger", "nominates the holders of the seats"),
    # Staff units (an arbejdsmarkedskontor, a KKR-sekretariat, a ministry) serving a whole body.
    "SEKRETARIATSBETJENER": _rel(
        "Sekretariat Organ Post Organisation", "RAR Beskaeftigelsesraad Organ KKR", "sekretariatsbetjener",
        "provides secretariat service to",
    ),
    # One function, one name: the KKR side's servicing of the municipal council members,
    # whatever verb the author used ("betjener", "sekretariatsbetjene", "servicering",
    # "understøtte"); the source's verb is kept in attrs.verb.
    "BETJENER": _rel(
        "Organ Sekretariat Post", "Post", "betjener",
        "serves the municipal members of a council: prepares their meetings and briefs them",
    ),
    "SPEJLER": _rel("Organ Post Person", "Post Organ Person", "spejler", "is composed to mirror"),
    # refined: a position belongs to a municipality (kommunaldirektør i Struer Kommune).
    "MEDLEM_AF": _rel(
        "Kommune Post Organisation Person", "KKR RAR Beskaeftigelsesraad Organ Kommune", "medlem af",
        "is a member of; a seat belongs to a body",
    ),
    "DAEKKER": _rel("RAR Beskaeftigelsesraad", "Kommune", "dækker", "covers geographically"),
    "NEDSAT_AF": _rel("Organ", "KKR Organ", "nedsat af", "was set up by"),
    # refined: bodies placed under a KKR, a KKR under KL, an office under STAR.
    "UNDER": _rel(
        "Organ Sekretariat KKR", "Organ KKR Organisation", "under",
        "is organisationally placed under",
    ),
    # Preparing cases and discussions for a political body (not the servicing of members: BETJENER).
    "UNDERSTOETTER": _rel(
        "Organ Post Sekretariat", "KKR Organ", "understøtter",
        "prepares cases and discussions for",
    ),
    # refined: a roster's person holds a seat in a seat group, or a chair (see orggraph.readwrite.roster).
    "BESTRIDES_AF": _rel(
        "Post", "Post Organisation Person", "bestrides af", "the seat or position is held by"
    ),
    "VEDTAGER": _rel("KKR", "Pejlemaerke Anbefaling", "vedtager", "adopts"),
    # A KKR decides, approves and follows up; the municipalities (and other bodies) take part.
    "DELTAGER_I": _rel("Kommune Organisation", "Samarbejde", "deltager i", "takes part in"),
    "GIVER_MANDAT": _rel(
        "Pejlemaerke KKR", "Post", "giver mandat til",
        "is the political basis and mandate of the members in the seats",
    ),
    "HAR_OPGAVE": _rel(
        "KKR RAR Beskaeftigelsesraad Organ Sekretariat Organisation", "Opgave", "har opgaven",
        "has the task",
    ),
    "DEL_AF": _rel(
        "Anbefaling Pejlemaerke Forsoegsrunde Samarbejde", "Pejlemaerke Samarbejde", "del af",
        "is an item, a round or a part of",
    ),
    "TRAEFFER": _rel("KKR Organisation", "Beslutning", "træffer", "takes the decision"),
    "ANGAAR": _rel(
        "Beslutning", "Pejlemaerke Anbefaling Samarbejde Forsoegsrunde Opgave Beslutning", "angår",
        "the decision concerns",
    ),
    "RAPPORTERER_TIL": _rel(
        "Samarbejde Organ Kommune", "KKR", "rapporterer til", "reports to (attrs.frequency says how often)"
    ),
    "BRIEFER": _rel(
        "Organ Post Sekretariat", "Post", "briefer",
        "holds pre-meetings with, or writes comments for, the members in the seats",
    ),
    "ANSOEGER": _rel("Samarbejde Kommune", "Organisation", "ansøger", "applies to"),
    "UDNAEVNER": _rel("Organisation", "RAR Beskaeftigelsesraad", "udnævner", "appoints the members of"),
    "STILLER_TIL_RAADIGHED": _rel(
        "Kommune", "Post Sekretariat", "stiller til rådighed", "provides an employee for the post or unit"
    ),
    "HUSER": _rel("Kommune", "Sekretariat", "huser", "houses the secretariat"),
    "AFLOESER": _rel(
        "Beskaeftigelsesraad Organisation", "RAR Organisation", "afløser", "replaces (from its valid_from)"
    ),
}

class Kind:
    """Every node kind as a constant (``Kind.KKR == "KKR"``): code names kinds through these, never as
    string literals, so a typo is an AttributeError at import, not a silent empty answer."""

    KKR = "KKR"
    RAR = "RAR"
    Kommune = "Kommune"
    Sekretariat = "Sekretariat"
    Organ = "Organ"
    Post = "Post"
    Organisation = "Organisation"
    Pejlemaerke = "Pejlemaerke"
    Samarbejde = "Samarbejde"
    Beskaeftigelsesraad = "Beskaeftigelsesraad"
    Beslutning = "Beslutning"
    Opgave = "Opgave"
    Anbefaling = "Anbefaling"
    Forsoegsrunde = "Forsoegsrunde"
    Person = "Person"


class Rel:
    """Every relation type as a constant (``Rel.UDPEGER == "UDPEGER"``), as :class:`Kind` for kinds."""

    UDPEGER = "UDPEGER"
    SEKRETARIATSBETJENER = "SEKRETARIATSBETJENER"
    BETJENER = "BETJENER"
    SPEJLER = "SPEJLER"
    MEDLEM_AF = "MEDLEM_AF"
    DAEKKER = "DAEKKER"
    NEDSAT_AF = "NEDSAT_AF"
    UNDER = "UNDER"
    UNDERSTOETTER = "UNDERSTOETTER"
    BESTRIDES_AF = "BESTRIDES_AF"
    VEDTAGER = "VEDTAGER"
    DELTAGER_I = "DELTAGER_I"
    GIVER_MANDAT = "GIVER_MANDAT"
    HAR_OPGAVE = "HAR_OPGAVE"
    DEL_AF = "DEL_AF"
    TRAEFFER = "TRAEFFER"
    ANGAAR = "ANGAAR"
    RAPPORTERER_TIL = "RAPPORTERER_TIL"
    BRIEFER = "BRIEFER"
    ANSOEGER = "ANSOEGER"
    UDNAEVNER = "UDNAEVNER"
    STILLER_TIL_RAADIGHED = "STILLER_TIL_RAADIGHED"
    HUSER = "HUSER"
    AFLOESER = "AFLOESER"


#: The fields of a node record, in the order the data files, the graph and the JSON give them.
NODE_FIELDS: tuple[str, ...] = ("id", "kind", "name", "aliases", "area", "attrs", "valid_from", "valid_to", "confidence",
                                "confidence_note", "sources")
#: The fields of an edge record, in the same order.
EDGE_FIELDS: tuple[str, ...] = ("id", "from", "type", "to", "area", "attrs", "valid_from", "valid_to", "confidence",
                                "confidence_note", "sources")
#: The fields that hold structure (a mapping, a list of sources) rather than one value.
STRUCTURED_FIELDS: tuple[str, ...] = ("attrs", "sources")


def tabular(fields: tuple[str, ...]) -> tuple[str, ...]:
    """``fields`` in the order of a table or a property list: the one-value fields first, the
    structured ones (:data:`STRUCTURED_FIELDS`) last.

    >>> tabular(NODE_FIELDS)
    ('id', 'kind', 'name', 'aliases', 'area', 'valid_from', 'valid_to', 'confidence', 'confidence_note', 'attrs', 'sources')
    """
    return tuple(f for f in fields if f not in STRUCTURED_FIELDS) + tuple(f for f in STRUCTURED_FIELDS if f in fields)


#: How sure a fact is (see reference/national_facts.md).
CONFIDENCE: tuple[str, ...] = ("stated", "derived", "unverified")

#: Confidence marks that must say why (the reasoning, or what was not read).
NEEDS_CONFIDENCE_NOTE: frozenset[str] = frozenset({"derived", "unverified"})


# -- attributes ---------------------------------------------------------------------------
# ``attrs`` holds what a source says beyond the fields. The keys are declared here per kind and
# per relation, so validation can warn on a key nobody reads (a typo that would silently change
# an answer); keys the code reads have a type that validation checks.

_TEXT = "text"
_WHOLE = "a whole number (0 or more)"
_TEXTS = "a list of text"
_WINDOW = "two dates [earliest, latest] (YYYY-MM-DD)"
_ANY = "any JSON data"

#: The type of each attribute key the code reads; any other declared key may hold any JSON data.
ATTRIBUTE_TYPES: dict[str, str] = {
    "body_type": _TEXT, "group": _TEXT, "office": _TEXT, "how": _TEXT, "kind_of": _TEXT, "seats_note": _TEXT,
    "date_note": _TEXT, "pre_meetings_how": _TEXT, "category": _TEXT, "support_of_municipal_members": _TEXT,
    "composition": "text or a list of text", "tasks": _TEXTS,
    "size": _WHOLE, "seats": _WHOLE, "members": _WHOLE, "number": _WHOLE, "kommunekode": _WHOLE, "region_code": _WHOLE,
    "pre_meetings": "true or false",
    "later_decisions": "a list of mappings",
    "verb": _TEXT, "binding": "one of: skal, kan", "decision_type": _TEXT, "frequency": _TEXT, "date_text": _TEXT,
    "date": "a date (YYYY-MM-DD)", "deadline": "a date (YYYY-MM-DD)",
    "uncertain_from": _WINDOW, "uncertain_to": _WINDOW,
}

#: ``attrs.group`` of a council's municipal seats (the seats a KKR appoints).
MUNICIPAL_GROUP = "kommunale"
#: ``attrs.office`` of a post that is a council's vice-chair.
VICE_CHAIR = "næstformand"

#: Keys any node or edge may carry: a note, and where a date is known only roughly, its wording.
_COMMON = ("note", "end_note", "evidence_note", "date_text", "uncertain_from", "uncertain_to")
#: What a roster (``--roster``) puts on a person's edges.
_ROSTER = ("role", "roster", "nominated_by", "municipality", "title", "substitute_for")


def _keys(*names: str) -> dict[str, str]:
    return {name: ATTRIBUTE_TYPES.get(name, _ANY) for name in (*names, *_COMMON)}


#: The declared attribute keys of each kind and relation, with their types.
ATTRIBUTES: dict[str, dict[str, str]] = {
    Kind.KKR: _keys("appendices", "attention", "cooperation_overview", "focus_points_implemented_through"),
    Kind.RAR: _keys("members", "members_note"),
    Kind.Kommune: _keys("kommunekode", "region", "region_code"),
    Kind.Sekretariat: _keys("body_type", "after_2025"),
    Kind.Organ: _keys("body_type", "size", "composition", "composition_note", "tasks", "tasks_note", "pre_meetings",
                      "pre_meetings_how", "role", "serves", "based_on", "established_like", "existing", "member_list"),
    Kind.Post: _keys("group", "office", "seats", "how", "role", "law_wording", "merger_note", "nomination_note", "substitutes"),
    Kind.Organisation: _keys("body_type", "unknowns"),
    Kind.Pejlemaerke: _keys("category", "number", "how", "role", "scope", "status", "examples", "subpoints", "subpoints_note",
                            "subpoints_2015", "subpoints_2015_note"),
    Kind.Samarbejde: _keys("kind_of", "status", "theme", "period", "year", "end", "participants", "aims", "background",
                           "clusters", "model", "link", "reporting", "planned_trials", "again_note"),
    Kind.Beskaeftigelsesraad: _keys("members", "support_of_municipal_members", "first_term_from", "next_term_from", "terms_note",
                                    "merger_note"),
    Kind.Beslutning: _keys("decision_type", "date", "date_note", "verb", "aim", "commitment", "draft", "first_step", "follow_up",
                           "frequency", "binding_note"),
    Kind.Opgave: _keys("date_note", "holder_note"),
    Kind.Anbefaling: _keys("binding", "deadline", "status"),
    Kind.Forsoegsrunde: _keys("number", "application_date", "start", "start_note", "trials_start"),
    Kind.Person: _keys("title", "municipality"),
    **{relation: _keys("how") for relation in RELATIONS},
    Rel.UDPEGER: _keys("how", "seats", "seats_note", "law_wording", "purpose"),
    Rel.MEDLEM_AF: _keys("how", "seats", *_ROSTER),
    Rel.BESTRIDES_AF: _keys("how", *_ROSTER),
    Rel.SPEJLER: _keys("how", *_ROSTER),
    Rel.BETJENER: _keys("how", "verb"),
    Rel.HAR_OPGAVE: _keys("how", "verb", "date_note"),
    Rel.VEDTAGER: _keys("how", "date", "date_note", "follow_up", "scope", "later_decisions"),
    Rel.DEL_AF: _keys("how", "status"),
    Rel.RAPPORTERER_TIL: _keys("how", "frequency"),
    Rel.ANSOEGER: _keys("how", "end_date_text"),
}


def allowed(relation: str, source_kind: str, target_kind: str) -> bool:
    """Whether ``relation`` may go from a ``source_kind`` node to a ``target_kind`` node."""
    rel = RELATIONS.get(relation)
    return rel is not None and source_kind in rel.sources and target_kind in rel.targets

"""The closed vocabulary: node kinds, relation types, and what each relation may connect.

This module is the single place that says what a valid orggraph graph may contain.
Loaders, validation, charts and the Neo4j writer all read it; nothing else defines
a kind or a relation.

>>> allowed("UDPEGER", "KKR", "Post")
True
>>> allowed("UDPEGER", "Kommune", "Post")
False
>>> sorted(KINDS)[:3]
['KKR', 'Kommune', 'Organ']
"""

from __future__ import annotations

__all__ = [
    "KINDS",
    "RELATIONS",
    "CONFIDENCE",
    "NEEDS_CONFIDENCE_NOTE",
    "Relation",
    "allowed",
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
    "UDPEGER": _rel("KKR Organisation", "Post", "udpeger", "nominates the holders of the seats"),
    "SEKRETARIATSBETJENER": _rel(
        "Sekretariat Organ Post", "RAR Post Organ KKR", "sekretariatsbetjener",
        "provides secretariat service to",
    ),
    "SPEJLER": _rel("Organ Post", "Post Organ", "spejler", "is composed to mirror"),
    # refined: a position belongs to a municipality (kommunaldirektør i Struer Kommune).
    "MEDLEM_AF": _rel(
        "Kommune Post Organisation", "KKR RAR Organ Kommune", "medlem af",
        "is a member of; a seat belongs to a body",
    ),
    "DAEKKER": _rel("RAR", "Kommune", "dækker", "covers geographically"),
    "NEDSAT_AF": _rel("Organ", "KKR Organ", "nedsat af", "was set up by"),
    # refined: bodies placed under a KKR, a KKR under KL, an office under STAR.
    "UNDER": _rel(
        "Organ Sekretariat KKR", "Organ KKR Organisation", "under",
        "is organisationally placed under",
    ),
    "UNDERSTOETTER": _rel(
        "Organ Post Sekretariat", "KKR Organ Post", "understøtter",
        "prepares, assists or supports",
    ),
    "BESTRIDES_AF": _rel(
        "Post", "Post Kommune Organisation", "bestrides af", "the seat or position is held by"
    ),
    "VEDTAGER": _rel("KKR", "Pejlemaerke", "vedtager", "adopts"),
    "DELTAGER_I": _rel("Kommune KKR", "Samarbejde", "deltager i", "takes part in"),
}

#: How sure a fact is (see reference/national_facts.md).
CONFIDENCE: tuple[str, ...] = ("stated", "derived", "unverified")

#: Confidence marks that must say why (the reasoning, or what was not read).
NEEDS_CONFIDENCE_NOTE: frozenset[str] = frozenset({"derived", "unverified"})


def allowed(relation: str, source_kind: str, target_kind: str) -> bool:
    """Whether ``relation`` may go from a ``source_kind`` node to a ``target_kind`` node."""
    rel = RELATIONS.get(relation)
    return rel is not None and source_kind in rel.sources and target_kind in rel.targets

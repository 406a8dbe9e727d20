"""The colour and shape of each node kind, shared by the figures, the explorer and the
GraphML, yEd and GEXF exports, so a kind looks the same in every tool.

May import: model.

>>> KIND_STYLE["RAR"].fill
'#fdd0a2'
>>> from orggraph.model import KINDS
>>> set(KIND_STYLE) == set(KINDS)
True
"""

from __future__ import annotations

__all__ = ["KIND_STYLE", "KindStyle"]

from typing import NamedTuple

from orggraph.model import Kind


class KindStyle(NamedTuple):
    """Fill and border of a node kind; ``mermaid`` holds its Mermaid shape brackets."""

    fill: str
    border: str
    mermaid: tuple[str, str]


#: Light fills that stay distinct in greyscale print; borders are dark.
KIND_STYLE: dict[str, KindStyle] = {
    Kind.KKR: KindStyle("#c6dbef", "#08306b", ("(", ")")),
    Kind.RAR: KindStyle("#fdd0a2", "#7f2704", ("(", ")")),
    Kind.Kommune: KindStyle("#e5f5e0", "#00441b", ("[", "]")),
    Kind.Sekretariat: KindStyle("#efedf5", "#3f007d", ("[", "]")),
    Kind.Organ: KindStyle("#fff7bc", "#662506", ("[", "]")),
    Kind.Post: KindStyle("#fde0ef", "#67001f", ("[", "]")),
    Kind.Organisation: KindStyle("#f0f0f0", "#252525", ("[", "]")),
    Kind.Pejlemaerke: KindStyle("#edf8b1", "#004529", ("[", "]")),
    Kind.Samarbejde: KindStyle("#deebf7", "#2171b5", ("[", "]")),
    # the 2025 councils look like a RAR's successor: a warmer orange, round like the RAR
    Kind.Beskaeftigelsesraad: KindStyle("#fdae6b", "#8c2d04", ("(", ")")),
    # events, tasks and items: light fills with shapes of their own in Mermaid
    Kind.Beslutning: KindStyle("#fee6ce", "#a63603", ("{{", "}}")),
    Kind.Opgave: KindStyle("#f7fcb9", "#4d4d00", ("[/", "/]")),
    Kind.Anbefaling: KindStyle("#e7e1ef", "#54278f", ("[[", "]]")),
    Kind.Forsoegsrunde: KindStyle("#d9f0d3", "#1b7837", ("([", "])")),
    # a person from a roster: white with the Post's border, round (a person, not an office)
    Kind.Person: KindStyle("#ffffff", "#800026", ("([", "])")),
}

"""How charts look: one colour and shape per kind, one line style per relation type,
and the words around the graph in Danish and English. Every chart reads this module,
so a kind or relation looks the same everywhere.

>>> KIND_STYLE["RAR"].shape
'box3d'
>>> word("legend", "en")
'Legend'
>>> count(1, "seats", "da"), count(5, "municipalities", "en")
('1 plads', '5 municipalities')
>>> kind_label("Organ", "da"), relation_label("SPEJLER", "en")
('Administrativt organ', 'mirrors')
"""

from __future__ import annotations

__all__ = [
    "KindStyle", "LineStyle", "KIND_STYLE", "LINE_STYLE", "BANDS", "LANGS", "FONT",
    "word", "wrap", "count", "kind_label", "relation_label", "body_type_label",
]

import textwrap
from typing import NamedTuple

from orggraph.model import KINDS, RELATIONS

FONT = "DejaVu Sans"
LANGS = ("da", "en")


class KindStyle(NamedTuple):
    """Graphviz shape and colours of a node kind, with its Mermaid shape brackets."""

    shape: str
    fill: str
    border: str
    mermaid: tuple[str, str]


class LineStyle(NamedTuple):
    """Graphviz line style, colour and arrowhead of a relation type, with its Mermaid arrow."""

    style: str
    color: str
    arrowhead: str
    penwidth: float
    mermaid: str
    dasharray: str


KIND_STYLE: dict[str, KindStyle] = {
    "KKR": KindStyle("box", "#c6dbef", "#08519c", ("(", ")")),
    "RAR": KindStyle("box3d", "#fdd0a2", "#a63603", ("{{", "}}")),
    "Kommune": KindStyle("folder", "#e5f5e0", "#31a354", ("[(", ")]")),
    "Sekretariat": KindStyle("component", "#f2f0f7", "#54278f", ("[[", "]]")),
    "Organ": KindStyle("box", "#fff7bc", "#b8860b", ("[", "]")),
    "Post": KindStyle("note", "#fde0ef", "#c51b7d", ("([", "])")),
    "Organisation": KindStyle("house", "#f0f0f0", "#525252", ("[/", "\\]")),
    "Pejlemaerke": KindStyle("tab", "#edf8b1", "#41ab5d", ("[/", "/]")),
    "Samarbejde": KindStyle("parallelogram", "#deebf7", "#3182bd", (">", "]")),
}

LINE_STYLE: dict[str, LineStyle] = {
    "UDPEGER": LineStyle("bold", "#08519c", "normal", 2.0, "==>", ""),
    "SEKRETARIATSBETJENER": LineStyle("dashed", "#d94801", "vee", 1.6, "-.->", "6 3"),
    "SPEJLER": LineStyle("dotted", "#6a51a3", "diamond", 1.8, "-.->", "2 3"),
    "MEDLEM_AF": LineStyle("solid", "#525252", "onormal", 1.0, "-->", ""),
    "DAEKKER": LineStyle("solid", "#31a354", "dot", 1.2, "--o", ""),
    "NEDSAT_AF": LineStyle("dashed", "#000000", "tee", 1.2, "-.->", "10 4"),
    "UNDER": LineStyle("solid", "#000000", "normal", 1.2, "-->", ""),
    "UNDERSTOETTER": LineStyle("dashed", "#238b45", "empty", 1.6, "-.->", "4 2"),
    "BESTRIDES_AF": LineStyle("dotted", "#b8860b", "box", 1.4, "-.->", "1 3"),
    "VEDTAGER": LineStyle("solid", "#41ab5d", "normal", 1.0, "-->", ""),
    "DELTAGER_I": LineStyle("dotted", "#3182bd", "normal", 1.0, "-.->", "1 2"),
}

#: The horizontal bands of a chart, top to bottom.
BANDS: dict[str, dict[str, str]] = {
    "national": {"da": "Nationale aktører og organisationer", "en": "National actors and organisations"},
    "political": {"da": "Politisk niveau", "en": "Political level"},
    "administrative": {"da": "Administrativt niveau", "en": "Administrative level"},
    "municipal": {"da": "Kommunerne", "en": "The municipalities"},
}

_KINDS_EN = {
    "KKR": "Municipal contact council (KKR)", "RAR": "Regional labour market council (RAR)",
    "Kommune": "Municipality", "Sekretariat": "Secretariat", "Organ": "Administrative body",
    "Post": "Seat or position", "Organisation": "Organisation", "Pejlemaerke": "Focus point",
    "Samarbejde": "Cooperation",
}
_RELATIONS_EN = {
    "UDPEGER": "appoints", "SEKRETARIATSBETJENER": "provides secretariat to", "SPEJLER": "mirrors",
    "MEDLEM_AF": "member of", "DAEKKER": "covers", "NEDSAT_AF": "set up by", "UNDER": "placed under",
    "UNDERSTOETTER": "supports", "BESTRIDES_AF": "held by", "VEDTAGER": "adopts", "DELTAGER_I": "takes part in",
}
_BODY_TYPES = {
    "arbejdsgruppe": ("arbejdsgruppe", "working group"),
    "direktoerkreds": ("direktørkreds", "directors' circle"),
    "direktoernetvaerk": ("direktørnetværk", "directors' network"),
    "embedsmandsudvalg": ("embedsmandsudvalg", "civil servants' committee"),
    "forum": ("forum", "forum"),
    "koordinationsgruppe": ("koordinationsgruppe", "coordination group"),
    "netvaerk": ("netværk", "network"),
    "styregruppe": ("styregruppe", "steering group"),
    "arbejdsmarkedskontor": ("arbejdsmarkedskontor", "labour market office"),
    "kkr-sekretariat": ("KKR-sekretariat", "KKR secretariat"),
}

_SINGULAR = {"members": "member", "seats": "seat", "municipalities": "municipality"}
_WORDS = {
    "legend": ("Signaturforklaring", "Legend"),
    "as_of": ("Stand pr.", "As of"),
    "latest": ("seneste ændring i data", "latest change in the data"),
    "sources": ("Kilder", "Sources"),
    "members": ("medlemmer", "members"),
    "member": ("medlem", "member"),
    "seats": ("pladser", "seats"),
    "seat": ("plads", "seat"),
    "municipalities": ("kommuner", "municipalities"),
    "municipality": ("kommune", "municipality"),
    "covered_by": ("Kommuner dækket af", "Municipalities covered by"),
    "not_covered": ("Kommuner uden RAR-dækning i data", "Municipalities without RAR coverage in the data"),
    "in_areas": ("i {n} af {total} KKR-områder", "in {n} of {total} KKR areas"),
    "variant": ("stiplet kant: variant, ikke i alle KKR-områder", "dashed border: variant, not in every KKR area"),
    "generated": ("Genereret af orggraph fra de citerede kilder", "Generated by orggraph from the cited sources"),
    "title_principle": (
        "Principmodel: politisk og administrativ organisering af det tværkommunale samarbejde på beskæftigelsesområdet",
        "Principle model: political and administrative organisation of cross-municipal cooperation on employment",
    ),
    "title_region": ("Organisering i {name}", "Organisation in {name}"),
    "title_rar": ("{name}: udpegning, sekretariat og understøttelse", "{name}: appointments, secretariat and support"),
    "title_national": (
        "KKR, RAR og arbejdsmarkedskontorer i hele landet",
        "KKR, RAR and labour market offices across Denmark",
    ),
}


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` characters, never breaking at hyphens (one line at least)."""
    return textwrap.wrap(text, width, break_on_hyphens=False) or [""]


def word(key: str, lang: str) -> str:
    """A fixed phrase of the charts in ``lang`` (``da`` or ``en``)."""
    return _WORDS[key][LANGS.index(lang)]


def count(n: int, plural: str, lang: str) -> str:
    """``n`` with the noun in singular or plural: ``count(1, "seats", "da")`` is ``'1 plads'``."""
    return f"{n} {word(plural if n != 1 else _SINGULAR[plural], lang)}"


def kind_label(kind: str, lang: str) -> str:
    """The name of a node kind in ``lang``."""
    return KINDS[kind] if lang == "da" else _KINDS_EN[kind]


def relation_label(relation: str, lang: str) -> str:
    """The name of a relation type in ``lang``."""
    return RELATIONS[relation].label if lang == "da" else _RELATIONS_EN[relation]


def body_type_label(body_type: str, lang: str) -> str:
    """A body type (``direktoerkreds``) as words (``direktørkreds``); unknown types are shown as they are."""
    pair = _BODY_TYPES.get(body_type)
    return pair[LANGS.index(lang)] if pair else body_type

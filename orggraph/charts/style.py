"""How charts look, once for all of them: the page a figure is drawn for, the font and its
sizes, one fill per kind, the four line styles, the bands, and every word around the
graph in Danish and English. The words for the roles and the body types are
:mod:`orggraph.queries.roles`' (one set for the figures and the comparison).

Figures are drawn at their final size for a Word or PDF note: a 16 cm text column (A4
portrait with 2.5 cm margins, 453 × at most 680 pt), or a 24.7 cm landscape section.
Box text is 9 pt, and nothing is smaller than 8 pt. Nothing is ever scaled down to fit.

May import: model, colours, charts.

>>> PAGES["portrait"]
Page(width=453.0, height=680.0, name='16 cm spalte (A4 stående)')
>>> LINES["udpeger"].style, LINES["uncertain"].style
('solid', 'dashed')
>>> meaning_label("betjener", "da"), meaning_label("betjener", "en")
('betjener', 'serves')
>>> count(1, "seats", "da"), count(5, "municipalities", "en")
('1 plads', '5 municipalities')
>>> danish_date("2015-07-01"), danish_date("2022-01-01", "en")
('1. juli 2015', '1 January 2022')
"""

from __future__ import annotations

__all__ = [
    "Page", "PAGES", "FONT", "SVG_FONTS", "BOX_PT", "SMALL_PT", "KindStyle", "KIND_STYLE", "Line", "LINES",
    "MEANINGS", "RELATION_MEANING", "BANDS", "LANGS", "word", "count", "meaning_label", "danish_date",
]

from datetime import date
from typing import NamedTuple

from orggraph.charts import LANGS
from orggraph.colours import KIND_STYLE, KindStyle
from orggraph.model import Rel



#: The font charts are laid out with: Liberation Sans has Arial's metrics, so a figure
#: set in Arial on a Windows PC keeps its line breaks.
FONT = "Liberation Sans"
#: The font stack written into SVG files: Word and browsers take the first they have.
SVG_FONTS = "Arial, 'Liberation Sans', Helvetica, sans-serif"
#: Box text; and the smallest text (edge labels, band names, notes). Both at final size.
BOX_PT = 9.0
SMALL_PT = 8.0


class Page(NamedTuple):
    """The area a figure is drawn for, in points (1/72 inch)."""

    width: float
    height: float
    name: str


PAGES: dict[str, Page] = {
    "portrait": Page(453.0, 680.0, "16 cm spalte (A4 stående)"),
    "landscape": Page(700.0, 453.0, "24,7 cm bred sektion (A4 liggende)"),
}


class Line(NamedTuple):
    """One of the four line styles: Graphviz style, width, colour and arrowhead; Mermaid arrow."""

    style: str
    penwidth: float
    color: str
    arrowhead: str
    mermaid: str


#: At most four line styles, told apart in greyscale by weight, tone and dashes.
LINES: dict[str, Line] = {
    "udpeger": Line("solid", 2.2, "#08306b", "normal", "==>"),     # the political mandate
    "support": Line("solid", 1.1, "#252525", "vee", "-->"),        # forbereder, betjener, sekretariat for, spejler
    "structure": Line("solid", 0.7, "#737373", "onormal", "---"),  # medlem af, dækker, under, nedsat af
    "uncertain": Line("dashed", 1.1, "#252525", "vee", "-.->"),    # any of them, derived or unverified: "*"
}

#: What an arrow means, in the words a reader knows, and its line style.
MEANINGS: dict[str, tuple[str, str, str]] = {
    "udpeger": ("udpeger", "nominates", "udpeger"),
    "forbereder": ("forbereder sager", "prepares cases", "support"),
    "betjener": ("betjener", "serves", "support"),
    "sekretariat": ("sekretariat for", "secretariat of", "support"),
    "spejler": ("spejler", "mirrors", "support"),
    "medlem": ("medlem af", "member of", "structure"),
    "daekker": ("dækker", "covers", "structure"),
    "under": ("under", "placed under", "structure"),
    "nedsat": ("nedsat af", "set up by", "structure"),
    # added with the 2025 vocabulary (orggraph.model): each relation's words, in the four line styles
    "briefer": ("holder formøder med", "briefs", "support"),
    "mandat": ("giver mandat til", "gives a mandate to", "udpeger"),
    "opgave": ("har opgaven", "has the task", "support"),
    "del": ("del af", "part of", "structure"),
    "traeffer": ("træffer", "takes", "support"),
    "angaar": ("angår", "concerns", "structure"),
    "rapporterer": ("rapporterer til", "reports to", "support"),
    "ansoeger": ("ansøger", "applies to", "support"),
    "udnaevner": ("udnævner", "appoints", "udpeger"),
    "stiller": ("stiller medarbejder til rådighed", "provides an employee", "support"),
    "huser": ("huser", "houses", "structure"),
    "afloeser": ("afløser", "replaces", "structure"),
    "vedtager": ("vedtager", "adopts", "support"),
    "deltager": ("deltager i", "takes part in", "structure"),
    "bestrides": ("bestrides af", "held by", "structure"),
}

#: The meaning (a key of :data:`MEANINGS`) each relation of the vocabulary is drawn with, so every
#: relation has Danish and English words and a line style. Servicing the municipal members is
#: BETJENER ("betjener"); SEKRETARIATSBETJENER is a staff unit serving a whole body ("sekretariat for").
RELATION_MEANING: dict[str, str] = {
    Rel.UDPEGER: "udpeger", Rel.SEKRETARIATSBETJENER: "sekretariat", Rel.BETJENER: "betjener", Rel.SPEJLER: "spejler",
    Rel.MEDLEM_AF: "medlem", Rel.DAEKKER: "daekker", Rel.NEDSAT_AF: "nedsat", Rel.UNDER: "under", Rel.UNDERSTOETTER: "forbereder",
    Rel.BESTRIDES_AF: "bestrides", Rel.VEDTAGER: "vedtager", Rel.DELTAGER_I: "deltager", Rel.GIVER_MANDAT: "mandat",
    Rel.HAR_OPGAVE: "opgave", Rel.DEL_AF: "del", Rel.TRAEFFER: "traeffer", Rel.ANGAAR: "angaar", Rel.RAPPORTERER_TIL: "rapporterer",
    Rel.BRIEFER: "briefer", Rel.ANSOEGER: "ansoeger", Rel.UDNAEVNER: "udnaevner", Rel.STILLER_TIL_RAADIGHED: "stiller",
    Rel.HUSER: "huser", Rel.AFLOESER: "afloeser",
}

#: The horizontal bands, top to bottom.
BANDS: dict[str, tuple[str, str]] = {
    "political": ("Politisk niveau", "Political level"),
    "administrative": ("Administrativt niveau", "Administrative level"),
    "state": ("Staten", "The state"),
    "municipal": ("Kommunerne", "The municipalities"),
}

_MONTHS = {
    "da": ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
           "December"),
}
_SINGULAR = {"members": "member", "seats": "seat", "municipalities": "municipality"}
_WORDS = {
    "members": ("medlemmer", "members"),
    "member": ("medlem", "member"),
    "seats": ("pladser", "seats"),
    "seat": ("plads", "seat"),
    "municipalities": ("kommuner", "municipalities"),
    "municipality": ("kommune", "municipality"),
    "figure": ("Figur", "Figure"),
    "source": ("Kilde", "Source"),
    "sources": ("Kilder", "Sources"),
    "uncertain": ("* ikke verificeret eller udledt", "* not verified or derived"),
    "lines": ("Tyk linje: udpeger. Tynd linje: opgave (forbereder, betjener, sekretariat for, spejler). "
              "Grå linje: medlem af, dækker. Stiplet linje og *: udledt eller ikke verificeret.",
              "Thick line: nominates. Thin line: task (prepares, serves, secretariat of, mirrors). "
              "Grey line: member of, covers. Dashed line and *: derived or not verified."),
}


def word(key: str, lang: str) -> str:
    """A fixed phrase of the charts in ``lang`` (``da`` or ``en``)."""
    return _WORDS[key][LANGS.index(lang)]


def count(n: int, plural: str, lang: str) -> str:
    """``n`` with the noun in singular or plural: ``count(1, "seats", "da")`` is ``'1 plads'``."""
    return f"{n} {word(plural if n != 1 else _SINGULAR[plural], lang)}"


def meaning_label(meaning: str, lang: str) -> str:
    """What an arrow says (a key of :data:`MEANINGS`) in ``lang``."""
    return MEANINGS[meaning][LANGS.index(lang)]


def danish_date(iso: str, lang: str = "da") -> str:
    """An ISO date as a reader writes it: ``1. juli 2015`` (or ``1 July 2015``)."""
    day = date.fromisoformat(iso)
    month = _MONTHS[lang][day.month - 1]
    return f"{day.day}. {month} {day.year}" if lang == "da" else f"{day.day} {month} {day.year}"

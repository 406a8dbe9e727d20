"""The caption beside a figure: title, a date line that says what the date covers, a Danish
"Kilde:" line naming the documents by title and date, the footnotes and an alt text.

The image itself carries none of this, so the caption goes into the Word note (or the
``.txt``/``.json`` file written next to each figure, see :func:`caption_files`).

May import: graph, charts.

>>> from orggraph import load
>>> from orggraph.charts.build import build_chart
>>> chart = build_chart(load(), "region", "KKR Sjælland", as_of="2022-01-01")
>>> chart.date_line.startswith("Organisering iflg. KL, "), chart.date_line.endswith("1. juli 2015; status pr. 1. januar 2022")
(True, True)
>>> chart.source_line.startswith("Kilder: KL: Politiske fokuspunkter")
True
"""

from __future__ import annotations

__all__ = ["finish_caption", "caption_text", "caption_files", "document_label"]

import json

from orggraph.charts.spec import Chart
from orggraph.charts.style import danish_date, meaning_label, word
from orggraph.graph import OrgGraph

#: Danish names of the project's own reference pages, whose register titles are for developers.
_REFERENCE_DA = {
    "ref-facts": ("Lovgivning og KL's KKR-sider (samlet i orggraphs faktaark)",
                  "Legislation and KL's KKR pages (collected in orggraph's fact sheet)"),
    "ref-municipalities": ("Danmarks administrative inddeling (DAGI): de 98 kommuner",
                           "Danish administrative geography (DAGI): the 98 municipalities"),
}


def document_label(graph: OrgGraph, doc: str, lang: str = "da") -> str:
    """A document as a reader cites it: issuer, title and date, never the internal id.

    >>> from orggraph import load
    >>> document_label(load(), "seed-003")
    'KL: Politiske fokuspunkter for det tværkommunale samarbejde på beskæftigelsesområdet samt de fem KKR-områders organisering (1. juli 2015)'
    """
    if doc in _REFERENCE_DA:
        return _REFERENCE_DA[doc][0 if lang == "da" else 1]
    entry = graph.documents.get(doc, {})
    issuer = (entry.get("issuer") or "").split(",")[0].strip()
    title = entry.get("title") or doc
    when = f" ({danish_date(entry['date'], lang)})" if entry.get("date") else ""
    return f"{issuer}: {title}{when}" if issuer else f"{title}{when}"


def _date_line(graph: OrgGraph, documents: list[str], as_of: str | None, lang: str) -> str:
    dated = sorted({(graph.documents[d]["date"], (graph.documents[d].get("issuer") or "").split(",")[0].strip())
                    for d in documents if graph.documents.get(d, {}).get("date") and graph.documents[d].get("kind") == "seed"})
    parts = []
    if dated:
        by_issuer: dict[str, list[str]] = {}
        for day, issuer in dated:
            by_issuer.setdefault(issuer, []).append(danish_date(day, lang))
        joint = " og " if lang == "da" else " and "
        said = "; ".join(f"{issuer}, {joint.join(days)}" if issuer else joint.join(days) for issuer, days in by_issuer.items())
        parts.append(("Organisering iflg. " if lang == "da" else "Organisation according to ") + said)
    if as_of:
        parts.append(("status pr. " if lang == "da" else "as of ") + danish_date(as_of, lang))
    return "; ".join(parts)


def _alt(chart: Chart) -> str:
    """The figure in words: every box and every arrow, in the order drawn."""
    boxes = [n for n in chart.nodes.values() if not n.note]
    said = [f"{chart.nodes[e.source].title} {meaning_label(e.meaning, chart.lang)}"
            + (f" {e.label}" if e.label and not chart.nodes[e.target].title.startswith(e.label) else "")
            + f" {chart.nodes[e.target].title}" + (" (*)" if e.uncertain else "") for e in chart.edges]
    notes = [" ".join(n.details) or n.title for n in chart.nodes.values() if n.note]
    if chart.lang == "da":
        text = f"{chart.title}. Figuren viser {len(boxes)} bokse: " + "; ".join(n.title for n in boxes) + "."
        text += (" Pile: " + "; ".join(said) + ".") if said else ""
        text += (" Bemærkninger: " + " ".join(notes)) if notes else ""
    else:
        text = f"{chart.title}. The figure shows {len(boxes)} boxes: " + "; ".join(n.title for n in boxes) + "."
        text += (" Arrows: " + "; ".join(said) + ".") if said else ""
        text += (" Notes: " + " ".join(notes)) if notes else ""
    return text


def finish_caption(chart: Chart, graph: OrgGraph, documents: set[str], date_line: str | None = None) -> Chart:
    """Fill in the chart's caption from the documents its boxes and arrows cite."""
    chart.documents = sorted(documents, key=lambda d: (not d.startswith("seed"), d))
    chart.date_line = date_line if date_line is not None else _date_line(graph, chart.documents, chart.as_of, chart.lang)
    chart.source_line = f"{word('source' if len(chart.documents) == 1 else 'sources', chart.lang)}: " + "; ".join(
        document_label(graph, d, chart.lang) for d in chart.documents)
    if any(e.uncertain for e in chart.edges) or any(n.uncertain for n in chart.nodes.values()):
        if not any(f.startswith("*") for f in chart.footnotes):
            chart.footnotes.append(word("uncertain", chart.lang))
    chart.footnotes.append(word("lines", chart.lang))
    chart.alt = _alt(chart)
    return chart


def caption_text(chart: Chart, number: int | None = None) -> str:
    """The caption as plain text, ready to paste under the figure.

    >>> from orggraph import load
    >>> from orggraph.charts.build import build_chart
    >>> print(caption_text(build_chart(load(), "region", "KKR Sjælland", as_of="2022-01-01"), 3).splitlines()[0])
    Figur 3. Organisering i KKR Sjælland
    """
    head = f"{word('figure', chart.lang)} {number}. " if number else ""
    lines = [head + chart.title, chart.date_line, chart.source_line, *chart.footnotes, "",
             ("Alternativ tekst: " if chart.lang == "da" else "Alt text: ") + chart.alt]
    return "\n".join(line for line in lines if line is not None) + "\n"


def caption_files(chart: Chart) -> dict[str, bytes]:
    """``{suffix: bytes}`` of the caption files written next to a figure: ``.txt`` and ``.json``."""
    data = {**chart.caption(), "key": chart.key, "kind": chart.kind, "as_of": chart.as_of, "lang": chart.lang,
            "documents": chart.documents, "page": chart.page}
    return {"txt": caption_text(chart).encode("utf-8"),
            "json": (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")}

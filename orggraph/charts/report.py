"""The document an analyst actually sends: every figure at 16 cm in a Word file, each with a
"Figur n." caption, the date line, the "Kilde:" line, its footnotes and alt text, and the
comparison of the five areas as a table.

The page is A4 portrait with 2.5 cm margins, so a figure drawn for the 16 cm column goes in
at 100 %. Figures are PNG at 300 dpi (Word shows them sharp and prints them at their size).

May import: atomic, graph, compare, charts.

>>> from orggraph import load
>>> data = report_bytes(load(), keys=[("principmodel", None)])
>>> data[:2]
b'PK'
"""

from __future__ import annotations

__all__ = ["report_bytes", "write_report"]

import io
from pathlib import Path

from orggraph.atomic import atomic_write_bytes
from orggraph.charts.build import RAR_ERA_DAY, build_chart, chart_keys_on, export_keys
from orggraph.charts.render import chart_bytes, natural_size
from orggraph.graph import OrgGraph

_TEXT = {
    "title": ("Organisering af det tværkommunale samarbejde på beskæftigelsesområdet", "Organisation of cross-municipal cooperation on employment"),
    "intro": ("Figurerne er tegnet af orggraph ud fra de citerede kilder. Hver figur står i sin endelige størrelse (16 cm). "
              "Stiplede linjer og * markerer udledte eller ikke verificerede oplysninger.",
              "The figures are drawn by orggraph from the cited sources, each at its final size (16 cm). "
              "Dashed lines and * mark derived or unverified facts."),
    "table": ("Tabel 1. Sammenligning af de fem KKR-områder", "Table 1. The five KKR areas compared"),
    "feature": ("Egenskab", "Feature"),
    "alt": ("Alternativ tekst", "Alt text"),
}


def _t(key: str, lang: str) -> str:
    return _TEXT[key][0 if lang == "da" else 1]


def _alt_text(picture, title: str, text: str) -> None:
    """Set a picture's title and description (its alt text) in the document XML."""
    props = picture._inline.docPr
    props.set("title", title)
    props.set("descr", text)


def report_bytes(graph: OrgGraph, lang: str = "da", as_of: str | None = None, keys=None) -> bytes:
    """The report as DOCX bytes: every chart of ``keys`` (default: all, as ``orggraph export charts``) and the comparison.

    Without ``as_of``, each chart is drawn on the date ``orggraph export charts`` gives it and the
    comparison on :data:`RAR_ERA_DAY`; with it, the charts there are on that day (see
    :func:`chart_keys_on`) and the comparison on that day.
    """
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.shared import Cm, Pt

    from orggraph.compare import compare

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = Cm(2.5)
    style = document.styles["Normal"]
    style.font.name, style.font.size = "Arial", Pt(10)
    document.core_properties.title = _t("title", lang)
    document.add_heading(_t("title", lang), level=1)
    document.add_paragraph(_t("intro", lang))
    if keys:
        dated = [(kind, ref, as_of or RAR_ERA_DAY) for kind, ref in keys]
    else:
        dated = [(kind, ref, as_of) for kind, ref in chart_keys_on(graph, as_of)] if as_of else export_keys(graph)
    for number, (kind, ref, day) in enumerate(dated, 1):
        chart = build_chart(graph, kind, ref, as_of=day, lang=lang)
        width, _ = natural_size(chart)
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.keep_with_next = True
        picture = paragraph.add_run().add_picture(io.BytesIO(chart_bytes(chart, "png")), width=Cm(min(16.0, width / 72 * 2.54)))
        _alt_text(picture, chart.title, chart.alt)
        caption = document.add_paragraph(style="Caption")
        caption.add_run(f"{'Figur' if lang == 'da' else 'Figure'} {number}. {chart.title}")
        for line in (chart.date_line, chart.source_line, *chart.footnotes):
            if line:
                small = document.add_paragraph(line)
                small.paragraph_format.space_after = Pt(2)
                for run in small.runs:
                    run.font.size = Pt(8)
    result = compare(graph, as_of=as_of or RAR_ERA_DAY)
    document.add_paragraph(_t("table", lang), style="Caption")
    table = document.add_table(rows=1, cols=1 + len(result["regions"]))
    table.style = "Table Grid"
    header = table.rows[0].cells
    header[0].text = _t("feature", lang)
    for cell, area in zip(header[1:], result["regions"]):
        cell.text = result["names"][area]
    for feature in result["features"]:
        cells = table.add_row().cells
        cells[0].text = feature["label"]
        for cell, area in zip(cells[1:], result["regions"]):
            value = feature["values"][area]
            cell.text = "–" if value is None else str(value)
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                for run in paragraph.runs:
                    run.font.size = Pt(7.5)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def write_report(graph: OrgGraph, path: Path, lang: str = "da", as_of: str | None = None) -> Path:
    """Write the report to ``path`` (see :mod:`orggraph.atomic`)."""
    atomic_write_bytes({path: report_bytes(graph, lang, as_of)})
    return Path(path)

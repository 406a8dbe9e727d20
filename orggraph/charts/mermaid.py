"""Draw a :class:`~orggraph.charts.spec.Chart` as a Mermaid flowchart (``.mmd``) for wikis
and Markdown previews.

The bands become subgraphs, and boxes and arrows keep their meaning, words and the dashed
"*" of a derived or unverified fact. The title sits in the front matter as a quoted YAML
string, so no name can break it or inject settings; labels are escaped with Mermaid's
entity codes. Mermaid does its own layout, so for print use the PDF, SVG or PNG.

May import: charts.

>>> from orggraph import load
>>> from orggraph.charts.build import build_chart
>>> text = generate_mermaid(build_chart(load(), "rar", "RAR Fyn", as_of="2022-01-01"))
>>> text.splitlines()[1]
'title: "RAR Fyn: udpegning, sekretariat og understøttelse"'
>>> "flowchart TB" in text and "classDef kind_RAR" in text
True
>>> escape_text('Say "hi" <b>')
'Say #quot;hi#quot; #lt;b#gt;'
"""

from __future__ import annotations

__all__ = ["generate_mermaid", "escape_text"]

import json

from orggraph.charts.spec import Chart, ChartNode
from orggraph.charts.style import BANDS, KIND_STYLE, LANGS, LINES, MEANINGS, meaning_label

_ENTITIES = {"&": "#amp;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "#": "#35;", "|": "#124;", "\n": " "}


def escape_text(text: str) -> str:
    """Text safe inside a quoted Mermaid label."""
    return "".join(_ENTITIES.get(ch, ch) for ch in text)


def _box(node_id: str, node: ChartNode) -> str:
    left, right = KIND_STYLE[node.kind].mermaid
    lines = [f"<b>{escape_text(node.title + (' *' if node.uncertain else ''))}</b>"] + [escape_text(line) for line in node.details]
    if node.table:
        lines += [escape_text(" · ".join(cell for cell in row if cell)) for row in node.table[1:]]
    return f'{node_id}{left}"{"<br/>".join(lines)}"{right}'


def generate_mermaid(chart: Chart) -> str:
    """The chart as Mermaid flowchart text; the caption (title, date line, sources) goes in comments."""
    ids = {node_id: f"n{i}" for i, node_id in enumerate(chart.nodes)}
    out = ["---", f"title: {json.dumps(chart.title, ensure_ascii=False)}", "---"]
    out += [f"%% {line}" for line in (chart.date_line, chart.source_line, *chart.footnotes) if line]
    out.append("flowchart TB")
    for band in chart.bands():
        out.append(f'  subgraph band_{band}["{escape_text(BANDS[band][LANGS.index(chart.lang)])}"]')
        out += [f"    {_box(ids[n], node)}" for n, node in chart.nodes.items() if node.band == band]
        out.append("  end")
    styles = []
    for edge in chart.edges:
        line = LINES["uncertain" if edge.uncertain else MEANINGS[edge.meaning][2]]
        words = " ".join(p for p in (meaning_label(edge.meaning, chart.lang), edge.label) if p) + (" *" if edge.uncertain else "")
        out.append(f'  {ids[edge.source]} {line.mermaid}|"{escape_text(words)}"| {ids[edge.target]}')
        styles.append(line)
    for kind in dict.fromkeys(node.kind for node in chart.nodes.values()):
        style = KIND_STYLE[kind]
        out.append(f"  classDef kind_{kind} fill:{style.fill},stroke:{style.border},stroke-width:1px,color:#000")
        out.append(f"  class {','.join(ids[n] for n, node in chart.nodes.items() if node.kind == kind)} kind_{kind}")
    dashed = [ids[n] for n, node in chart.nodes.items() if node.uncertain or node.note]
    if dashed:
        out.append("  classDef uncertain stroke-dasharray:5 3")
        out.append(f"  class {','.join(dashed)} uncertain")
    for i, line in enumerate(styles):
        dash = ",stroke-dasharray:5 3" if line.style == "dashed" else ""
        out.append(f"  linkStyle {i} stroke:{line.color},stroke-width:{line.penwidth}px{dash}")
    return "\n".join(out) + "\n"

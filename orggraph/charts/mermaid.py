"""Draw a :class:`~orggraph.charts.spec.Chart` as a Mermaid flowchart (``.mmd``) for wikis.

The bands become subgraphs; kinds get the same shapes and colours as in the Graphviz
charts (as far as Mermaid has them), and relations the same colours and dash patterns.
Text is escaped with Mermaid's entity codes, so names with quotes or brackets are safe.

>>> from orggraph import load
>>> from orggraph.charts.build import build_chart
>>> text = generate_mermaid(build_chart(load(), "region", "KKR Nordjylland"))
>>> text.splitlines()[1]
'title: "Organisering i KKR Nordjylland"'
>>> "flowchart TB" in text and "classDef kind_Organ" in text
True
>>> escape_text('Say "hi" <b>')
'Say #quot;hi#quot; #lt;b#gt;'
"""

from __future__ import annotations

import json

__all__ = ["generate_mermaid", "escape_text"]

from orggraph.charts.spec import Chart
from orggraph.charts.style import BANDS, KIND_STYLE, LINE_STYLE, kind_label, relation_label, word

_ENTITIES = {"&": "#amp;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "#": "#35;", "|": "#124;"}


def escape_text(text: str) -> str:
    """Text safe inside a quoted Mermaid label."""
    return "".join(_ENTITIES.get(ch, ch) for ch in text)


def _box(node_id: str, kind: str, lines: list[str]) -> str:
    left, right = KIND_STYLE[kind].mermaid
    return f'{node_id}{left}"{"<br/>".join(lines)}"{right}'


def generate_mermaid(chart: Chart) -> str:
    """The chart as Mermaid flowchart text, with a legend and a footnote."""
    lang = chart.lang
    ids = {node_id: f"n{i}" for i, node_id in enumerate(chart.nodes)}
    stand = f"{word('as_of', lang)} {chart.as_of}" + (f" ({chart.as_of_note})" if chart.as_of_note else "")
    out = ["---", f"title: {json.dumps(chart.title, ensure_ascii=False)}", "---", f"%% {stand}", "flowchart TB"]
    for band in chart.bands():
        out.append(f'  subgraph band_{band}["{escape_text(BANDS[band][lang])}"]')
        for node_id, node in chart.nodes.items():
            if node.band == band:
                lines = [f"<b>{escape_text(node.title)}</b>"] + [escape_text(line) for line in node.details]
                out.append(f"    {_box(ids[node_id], node.kind, lines)}")
        out.append("  end")
    links = []
    for edge in chart.edges:
        label = escape_text(relation_label(edge.type, lang)) + (f"<br/>{escape_text(edge.note)}" if edge.note else "")
        out.append(f'  {ids[edge.source]} {LINE_STYLE[edge.type].mermaid}|"{label}"| {ids[edge.target]}')
        links.append(edge.type)

    out.append(f'  subgraph legend["{escape_text(word("legend", lang))}"]')
    for kind in chart.kinds():
        out.append(f"    {_box('legend_' + kind, kind, [escape_text(kind_label(kind, lang))])}")
    for relation in chart.relations():
        out.append(f'    legend_{relation}_a[" "] {LINE_STYLE[relation].mermaid}|"{escape_text(relation_label(relation, lang))}"| legend_{relation}_b[" "]')
        links.append(relation)
    notes = [*chart.notes, f"{word('sources', lang)}:", *chart.source_lines, f"{word('generated', lang)}; {stand}."]
    out.append(f'    legend_footnote["{"<br/>".join(escape_text(n) for n in notes)}"]')
    out.append("  end")

    for kind in chart.kinds():
        style = KIND_STYLE[kind]
        out.append(f"  classDef kind_{kind} fill:{style.fill},stroke:{style.border},stroke-width:1.6px,color:#000")
        members = [ids[n] for n, node in chart.nodes.items() if node.kind == kind] + [f"legend_{kind}"]
        out.append(f"  class {','.join(members)} kind_{kind}")
    variants = [ids[n] for n, node in chart.nodes.items() if node.variant]
    if variants:
        out.append("  classDef variant stroke-dasharray:5 3")
        out.append(f"  class {','.join(variants)} variant")
    out.append("  classDef plain fill:none,stroke:none")
    out.append(f"  class legend_footnote,{','.join(f'legend_{r}_a,legend_{r}_b' for r in chart.relations()) or 'legend_footnote'} plain")
    for i, relation in enumerate(links):
        style = LINE_STYLE[relation]
        dash = f",stroke-dasharray:{style.dasharray}" if style.dasharray else ""
        out.append(f"  linkStyle {i} stroke:{style.color},stroke-width:{style.penwidth}px{dash}")
    return "\n".join(out) + "\n"

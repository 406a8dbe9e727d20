"""Draw a :class:`~orggraph.charts.spec.Chart` as Graphviz DOT text. Making the text needs
no Graphviz binary; :mod:`orggraph.charts.render` turns it into SVG, PNG or PDF.

Each band (national actors, political level, administrative level, municipalities) is a
cluster, and invisible edges keep the bands in order from top to bottom (``newrank``
ranks the clusters' nodes together). Within a band, an arrow that points up the
hierarchy (member of, placed under, set up by) is laid out from the parent down and
drawn backwards, so parents sit above their children.

>>> from orggraph import load
>>> from orggraph.charts.build import build_chart
>>> text = generate_dot(build_chart(load(), "rar", "RAR Bornholm"))
>>> "newrank=true" in text and "cluster_band_political" in text and "cluster_legend" in text
True
>>> '"amk-oest"' in text
True
"""

from __future__ import annotations

__all__ = ["generate_dot"]

from html import escape

from orggraph.charts.spec import ROW, Chart, ChartNode
from orggraph.charts.style import BANDS, FONT, KIND_STYLE, LINE_STYLE, kind_label, relation_label, word, wrap

#: Relations that point up a hierarchy; inside one band they are laid out parent first.
_UPWARD = frozenset({"MEDLEM_AF", "UNDER", "NEDSAT_AF"})
_BAND_FILL = {"national": "#f7f7f7", "political": "#eef3fa", "administrative": "#fbf8ec", "municipal": "#f1f8ef"}


def _label(title: str, details: list[str], title_size: int = 13) -> str:
    """An HTML-like label: the title in bold, the details smaller below it."""
    parts = [f'<font point-size="{title_size}"><b>{"<br/>".join(escape(line) for line in wrap(title, 30))}</b></font>']
    parts += [f'<font point-size="11">{escape(line)}</font>' for line in details]
    return "<" + "<br/>".join(parts) + ">"


def _node_attrs(node: ChartNode) -> dict[str, str]:
    style = KIND_STYLE[node.kind]
    styles = ["filled"] + (["rounded"] if node.kind == "KKR" else []) + (["dashed"] if node.variant else [])
    return {"shape": style.shape, "style": ",".join(styles), "fillcolor": style.fill, "color": style.border,
            "penwidth": "1.6", "label": _label(node.title, node.details), "tooltip": node.id}


def _edge_attrs(relation: str, label: str, backwards: bool) -> dict[str, str]:
    style = LINE_STYLE[relation]
    attrs = {"style": style.style, "color": style.color, "penwidth": str(style.penwidth), "fontcolor": style.color,
             "label": label, "tooltip": relation}
    if backwards:
        attrs.update(dir="back", arrowtail=style.arrowhead, arrowhead="none")
    else:
        attrs["arrowhead"] = style.arrowhead
    return attrs


def generate_dot(chart: Chart, settings: dict[str, str] | None = None) -> str:
    """The chart as DOT text: banded clusters, styled nodes and edges, a legend and a footnote.

    ``settings`` are extra graph attributes, such as ``{"dpi": "150"}`` for rendering.
    """
    import graphviz  # imported here: only charts need it

    lang = chart.lang
    dot = graphviz.Digraph(name=chart.key)
    stand = f"{word('as_of', lang)} {chart.as_of}" + (f" ({chart.as_of_note})" if chart.as_of_note else "")
    dot.attr(newrank="true", rankdir="TB", compound="true", nodesep="0.25", ranksep="0.3", pad="0.3",
             fontname=FONT, labelloc="t", labeljust="c",
             label=f'<<font point-size="18"><b>{escape(chart.title)}</b></font><br/><font point-size="12">{escape(stand)}</font><br/> >')
    if settings:
        dot.attr(**settings)
    dot.attr("node", fontname=FONT, margin="0.12,0.06")
    dot.attr("edge", fontname=FONT, fontsize="11")

    bands = chart.bands()
    order = {band: i for i, band in enumerate(bands)}
    for band in bands:
        with dot.subgraph(name=f"cluster_band_{band}") as sub:
            sub.attr(label=f"<<b>{escape(BANDS[band][lang])}</b>>", labeljust="l", style="filled,rounded",
                     fillcolor=_BAND_FILL[band], color="#bdbdbd", fontsize="13")
            for node in chart.nodes.values():
                if node.band == band:
                    sub.node(node.id, **_node_attrs(node))
    levels = [[n.id for n in chart.nodes.values() if n.band == band] for band in bands]
    levels.append(["legend_top"])
    for i, (upper, lower) in enumerate(zip(levels, levels[1:])):  # keep the bands in order
        anchor = f"band_gap_{i}"
        dot.node(anchor, shape="point", style="invis", width="0", height="0", label="")
        for node_id in upper:
            dot.edge(node_id, anchor, style="invis", weight="0")
        for node_id in lower:
            dot.edge(anchor, node_id, style="invis", weight="0")

    for stack in chart.stacks:  # wrap long rows of siblings
        for upper, lower in zip(stack, stack[ROW:]):
            dot.edge(upper, lower, style="invis")

    for edge in chart.edges:
        a, b = chart.nodes[edge.source], chart.nodes[edge.target]
        backwards = order[a.band] > order[b.band] or (a.band == b.band and edge.type in _UPWARD)
        label = edge.note  # the line style names the relation (see the legend); the label adds counts
        tail, head = (edge.target, edge.source) if backwards else (edge.source, edge.target)
        dot.edge(tail, head, **_edge_attrs(edge.type, label, backwards))

    _legend(dot, chart)
    return dot.source


def _legend(dot, chart: Chart) -> None:
    """A legend of the kinds and relations drawn (kinds in one row, relations three to a row),
    then a footnote with the date and the sources."""
    lang = chart.lang
    with dot.subgraph(name="cluster_legend") as legend:
        legend.attr(label=f"<<b>{escape(word('legend', lang))}</b>>", labeljust="l", style="rounded", color="#969696", fontsize="12")
        legend.node("legend_top", shape="point", style="invis", width="0", height="0", label="")
        rows = [["legend_top"], [f"legend_kind_{kind}" for kind in chart.kinds()]]
        with legend.subgraph() as row:
            row.attr(rank="same")
            for kind in chart.kinds():
                style = KIND_STYLE[kind]
                row.node(f"legend_kind_{kind}", label=kind_label(kind, lang), shape=style.shape, fontsize="9", penwidth="1.4",
                         style="filled,rounded" if kind == "KKR" else "filled", fillcolor=style.fill, color=style.border)
        relations = chart.relations()
        for start in range(0, len(relations), 3):
            names = []
            with legend.subgraph() as row:
                row.attr(rank="same")
                for relation in relations[start:start + 3]:
                    tail, head = f"legend_rel_{relation}_a", f"legend_rel_{relation}_b"
                    for node_id in (tail, head):
                        row.node(node_id, shape="point", width="0.06", color="#969696", label="")
                    if names:
                        row.edge(names[-1], tail, style="invis", minlen="2")
                    row.edge(tail, head, minlen="3", **_edge_attrs(relation, relation_label(relation, lang), False))
                    names += [tail, head]
            rows.append(names)
        footnote = [*chart.notes, f"{word('sources', lang)}:", *chart.source_lines,
                    f"{word('generated', lang)}; {word('as_of', lang).lower()} {chart.as_of}."]
        legend.node("legend_footnote", shape="plaintext", fontsize="9", label="\\l".join(footnote) + "\\l")
        rows.append(["legend_footnote"])
        for upper, lower in zip(rows, rows[1:]):
            legend.edge(upper[0], lower[0], style="invis")

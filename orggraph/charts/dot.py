"""Draw a :class:`~orggraph.charts.spec.Chart` as Graphviz DOT text, at its final size.

Making the text needs no Graphviz binary; :mod:`orggraph.charts.render` renders it. The
figure carries no title, legend or source block: those go into the caption beside it.
Text is set in :data:`~orggraph.charts.style.FONT` at 9 pt in boxes and 8 pt elsewhere,
and the drawing is never scaled.

Every box is pinned where its builder placed it (:mod:`orggraph.charts.layers`,
:mod:`orggraph.charts.principle`), and Graphviz's ``neato`` draws straight arrows between
them; the bands are tinted backgrounds, and an arrow's words sit beside it, clear of the
boxes (:func:`label_places`). Every arrow carries its meaning in words as its tooltip, the
ids of the graph edges behind it in ``comment``, and ``class="uncertain"`` when it is
drawn dashed.

May import: charts.

>>> from orggraph import load
>>> from orggraph.charts.build import build_chart
>>> text = generate_dot(build_chart(load(), "national", as_of="2022-01-01"))
>>> 'layout="neato"' in text and 'fontname="Liberation Sans"' in text
True
>>> any(line.strip().startswith(("size=", "ratio=")) for line in text.splitlines())  # never scaled to fit
False
"""

from __future__ import annotations

__all__ = ["generate_dot", "label_lines", "box_height", "text_width", "fill", "edge_words"]

import json
from functools import cache
from html import escape
from importlib import resources
from math import floor

from orggraph.charts.spec import Band, Chart, ChartEdge, ChartNode
from orggraph.charts.style import BANDS, BOX_PT, FONT, KIND_STYLE, LANGS, LINES, MEANINGS, PAGES, SMALL_PT, meaning_label

_BAND_FILL = {"political": "#f3f6fb", "administrative": "#fbf9f0", "state": "#f5f5f5", "municipal": "#f2f8f0"}
#: The width of a box that has none set, and a box's inner margins, in points.
_WIDTH = 130.0
_MARGIN = (4.3, 2.2)


def _q(value: str) -> str:
    """A DOT double-quoted string."""
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _attrs(attrs: dict) -> str:
    return "[" + ", ".join(f"{k}={v if str(v).startswith('<') else _q(v)}" for k, v in attrs.items()) + "]"


@cache
def _widths() -> dict:
    with resources.files("orggraph.charts").joinpath("font_widths.json").open(encoding="utf-8") as handle:
        return json.load(handle)


def text_width(text: str, size: float = SMALL_PT, bold: bool = False) -> float:
    """How wide ``text`` is in points, set in Liberation Sans (Arial's metrics) at ``size``.

    >>> round(text_width("KKR Fyn", 9, bold=True), 1)
    38.0
    """
    table = _widths()["bold" if bold else "regular"]
    return sum(table.get(ch, 0.6) for ch in text) * size


def fill(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """``text`` in lines no wider than ``width`` points, breaking only between words (one line at least).

    >>> fill("Arbejdsmarkedskontor Midt-Nord (STAR)", 100, 9, bold=True)
    ['Arbejdsmarkedskontor', 'Midt-Nord (STAR)']
    """
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(f"{lines[-1]} {word}", size, bold) <= width:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines or [""]


def label_lines(node: ChartNode) -> tuple[list[str], list[str]]:
    """A box's title lines (with "*" when uncertain) and detail lines, fitted to its width."""
    size = SMALL_PT if node.note else BOX_PT
    inner = (node.width or _WIDTH) - 2 * _MARGIN[0] - 2
    title = node.title + (" *" if node.uncertain else "")
    return fill(title, inner, size, bold=not node.note), [line for d in node.details for line in fill(d, inner, size)]


def box_height(node: ChartNode) -> float:
    """How tall a box is in points: its lines of text and the margins."""
    titles, details = label_lines(node)
    lines = len(titles) + len(details) + len(node.table or [])
    return max(22.0, lines * (SMALL_PT if node.note else BOX_PT) * 1.17 + 2 * _MARGIN[1] + 2)


def _label(node: ChartNode) -> str:
    titles, details = label_lines(node)
    if node.table:
        rows = [f'<tr><td colspan="{len(node.table[0])}" align="center"><b>{"<br/>".join(map(escape, titles))}</b></td></tr>']
        for i, row in enumerate(node.table):
            cells = "".join(f'<td align="{"left" if j == 0 else "right"}">{"<i>" if i == 0 else ""}{escape(str(c))}{"</i>" if i == 0 else ""}</td>'
                            for j, c in enumerate(row))
            rows.append(f"<tr>{cells}</tr>")
        for line in details:
            rows.append(f'<tr><td colspan="{len(node.table[0])}" align="left">{escape(line)}</td></tr>')
        return '<<table border="0" cellborder="0" cellspacing="0" cellpadding="1">' + "".join(rows) + "</table>>"
    if node.note:
        return "<" + "<br/>".join(escape(line) for line in titles + details) + ">"
    parts = [f"<b>{escape(line)}</b>" for line in titles] + [escape(line) for line in details]
    return "<" + "<br/>".join(parts) + ">"


def _node(node: ChartNode) -> str:
    style = KIND_STYLE[node.kind]
    styles = ["filled"] + (["rounded"] if KIND_STYLE[node.kind].mermaid[0] == "(" else []) + (["dashed"] if node.uncertain or node.note else [])
    attrs = {"shape": "box", "style": ",".join(styles), "fillcolor": "#ffffff" if node.note else style.fill,
             "color": style.border, "penwidth": "0.8" if node.note else "1.0", "label": _label(node),
             "fontsize": str(SMALL_PT if node.note else BOX_PT), "tooltip": node.title, "id": f"node-{node.id}"}
    if node.width:
        attrs["width"] = f"{node.width / 72:.3f}"
    if node.pos:
        attrs["pos"] = f"{node.pos[0]:.1f},{node.pos[1]:.1f}!"
    return f"  {_q(node.id)} {_attrs(attrs)};"


def edge_words(chart: Chart, edge: ChartEdge) -> str:
    """What an arrow says: its meaning in words, the extra label, and "*" when uncertain."""
    return " ".join(p for p in (meaning_label(edge.meaning, chart.lang), edge.label) if p) + (" *" if edge.uncertain else "")


def _rect(x: float, y: float, w: float, h: float) -> tuple[float, float, float, float]:
    return x - w / 2, y - h / 2, x + w / 2, y + h / 2


def _overlaps(a, b, pad: float = 1.5) -> bool:
    return not (a[2] + pad <= b[0] or b[2] + pad <= a[0] or a[3] + pad <= b[1] or b[3] + pad <= a[1])


def _overlap_area(a, b) -> float:
    return max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * max(0.0, min(a[3], b[3]) - max(a[1], b[1]))


class _Placed:
    """Rectangles filed under the grid cells they touch, so that finding what may overlap one
    looks only at its own cells, not at everything placed (a national chart has thousands)."""

    _CELL = 64.0  # points: about one box wide, so a box touches a few cells

    def __init__(self) -> None:
        self.rects: list[tuple[float, float, float, float]] = []
        self._cells: dict[tuple[int, int], list[int]] = {}

    def _span(self, rect, pad: float):
        size = self._CELL
        x0, x1 = floor((rect[0] - pad) / size), floor((rect[2] + pad) / size)
        y0, y1 = floor((rect[1] - pad) / size), floor((rect[3] + pad) / size)
        return ((i, j) for i in range(x0, x1 + 1) for j in range(y0, y1 + 1))

    def add(self, rect) -> None:
        index = len(self.rects)
        self.rects.append(rect)
        for cell in self._span(rect, 0.0):
            self._cells.setdefault(cell, []).append(index)

    def near(self, rect, pad: float = 2.0) -> list[tuple[float, float, float, float]]:
        """Every rectangle that may come within ``pad`` of ``rect``, in the order they were added."""
        found: set[int] = set()
        for cell in self._span(rect, pad):
            found.update(self._cells.get(cell, ()))
        return [self.rects[i] for i in sorted(found)]


def label_places(chart: Chart) -> dict[int, tuple[float, float]]:
    """Where each arrow's words go in a pinned chart: beside the arrow, clear of every box and of
    the words already placed; tried at the middle first, then nearer either end, on either side."""
    placed_rects = _Placed()  # the boxes, the bands' names, then each arrow's words as they are placed
    for n in chart.nodes.values():
        if n.pos:
            placed_rects.add(_rect(*n.pos, n.width or _WIDTH, box_height(n)))
    for band in chart.backgrounds:  # the band's name at its top left
        if band.named:
            name = band.label or BANDS[band.band][LANGS.index(chart.lang)]
            placed_rects.add((band.x0, band.y1 - SMALL_PT * 1.6, band.x0 + text_width(name, SMALL_PT) + 6, band.y1))
    placed: dict[int, tuple[float, float]] = {}
    for index, edge in enumerate(chart.edges):
        a, b = chart.nodes[edge.source], chart.nodes[edge.target]
        (ax, ay), (bx, by) = a.pos, b.pos
        dx, dy = bx - ax, by - ay

        def leave(node: ChartNode) -> float:
            w, h = (node.width or _WIDTH) / 2, box_height(node) / 2
            return min(w / abs(dx) if dx else float("inf"), h / abs(dy) if dy else float("inf"))

        start, end = leave(a), 1 - leave(b)
        words = edge_words(chart, edge)
        w, h = text_width(words, SMALL_PT) + 2, SMALL_PT * 1.25
        candidates = []
        for t in (0.5, 0.35, 0.65, 0.2, 0.8):
            mx, my = ax + dx * (start + (end - start) * t), ay + dy * (start + (end - start) * t)
            if abs(dy) < abs(dx) * 0.3:
                candidates += [(mx, my + h / 2 + 2), (mx, my - h / 2 - 2)]
            else:
                left, right = (mx - w / 2 - 4, my), (mx + w / 2 + 4, my)
                candidates += [left, right] if dx < -1 else [right, left]
        width = PAGES[chart.page].width

        def covered(rect) -> float:  # how much of the words other things would cover (summed in placing order)
            return sum(_overlap_area(rect, other) for other in placed_rects.near(rect, 0.0))

        def free(rect) -> bool:
            return not any(_overlaps(rect, other) for other in placed_rects.near(rect))

        tried = [(min(max(x, w / 2), width - w / 2), y) for x, y in candidates]  # inside the page
        x, y = next((p for p in tried if free(_rect(p[0], p[1], w, h))), None) or \
            min(tried, key=lambda p: covered(_rect(p[0], p[1], w, h)))  # else the least covered place
        placed[index] = (x, y)
        placed_rects.add(_rect(x, y, w, h))
    return placed


def _label_node(chart: Chart, index: int, words: str, pos: tuple[float, float]) -> str:
    """A pinned chart's arrow words as a text of their own (see :func:`label_places`)."""
    attrs = {"shape": "plaintext", "label": words, "fontsize": str(SMALL_PT), "fontcolor": "#252525", "width": "0", "height": "0",
             "margin": "0", "pos": f"{pos[0]:.1f},{pos[1]:.1f}!", "id": f"label-{index}", "tooltip": words}
    return f"  {_q(f'label-{index}')} {_attrs(attrs)};"


def _edge(chart: Chart, edge: ChartEdge, index: int) -> str:
    line = LINES["uncertain" if edge.uncertain else MEANINGS[edge.meaning][2]]
    words = edge_words(chart, edge)
    source, target = chart.nodes[edge.source].title, chart.nodes[edge.target].title
    attrs = {"style": line.style, "penwidth": str(line.penwidth), "color": line.color, "arrowhead": line.arrowhead,
             "arrowsize": "0.7", "label": words,
             "fontsize": str(SMALL_PT), "fontcolor": "#252525",
             "tooltip": f"{source} {words} {target}", "id": f"edge-{index}", "comment": " ".join(edge.evidence)}
    if edge.uncertain:
        attrs["class"] = "uncertain"
    del attrs["label"]  # the words are placed beside the arrow (see label_places)
    return f"  {_q(edge.source)} -> {_q(edge.target)} {_attrs(attrs)};"


def _background(chart: Chart, band: Band) -> str:
    """A band's tinted background in a pinned chart, with its name at the top left."""
    name = band.label or BANDS[band.band][LANGS.index(chart.lang)]
    width, height = band.x1 - band.x0, band.y1 - band.y0
    text = (f'<font point-size="{SMALL_PT}" color="#525252">{escape(name)}</font>') if band.named else ""
    label = (f'<<table border="0" cellborder="0" cellspacing="0" cellpadding="2" fixedsize="true" width="{int(width)}" '
             f'height="{int(height)}"><tr><td align="left" valign="top">{text}</td></tr></table>>')
    key = f"band-{band.band}-{int(band.y0)}-{int(band.x0)}"
    fill, line = (_BAND_FILL[band.band], _BAND_FILL[band.band]) if band.label is None else ("#ffffff", "#737373")
    attrs = {"shape": "box", "style": "filled" if band.label is None else "rounded,filled", "fillcolor": fill, "color": line,
             "fixedsize": "true", "width": f"{width / 72:.3f}", "height": f"{height / 72:.3f}", "label": label,
             "pos": f"{(band.x0 + band.x1) / 2:.1f},{(band.y0 + band.y1) / 2:.1f}!", "tooltip": name, "id": key}
    return f"  {_q(key)} {_attrs(attrs)};"


def generate_dot(chart: Chart, settings: dict[str, str] | None = None) -> str:
    """The chart as DOT text, at final size; ``settings`` are extra graph attributes (``{"dpi": "300"}``)."""
    graph = {"layout": "neato", "inputscale": "72", "overlap": "true", "splines": "line", "outputorder": "nodesfirst",
             "fontname": FONT, "fontsize": str(SMALL_PT), "pad": "0", "margin": "0", "bgcolor": "white", **(settings or {})}
    out = [f"digraph {_q(chart.key)} {{"]
    out += [f"  {k}={_q(v)};" for k, v in graph.items()]
    out.append(f"  node [fontname={_q(FONT)}, margin=\"{_MARGIN[0] / 72:.3f},{_MARGIN[1] / 72:.3f}\", height=\"0.3\"];")
    out.append(f"  edge [fontname={_q(FONT)}];")
    out += [_background(chart, b) for b in chart.backgrounds]
    out += [_node(n) for n in chart.nodes.values()]
    out += [_edge(chart, edge, i) for i, edge in enumerate(chart.edges)]
    out += [_label_node(chart, i, edge_words(chart, chart.edges[i]), pos) for i, pos in label_places(chart).items()]
    out.append("}")
    return "\n".join(out) + "\n"

"""Pin a chart's boxes in rows, band under band, at the page's width: the layout of the
region and RAR charts, and of the principle model's template.

A row holds segments side by side, each in one band: the political row spans the page;
below it the administrative bodies sit on the left and the state (STAR) on the right, as
in KL's principle model. Each row's order is chosen so that the straight arrows cross as
little as possible, and pass through no box they do not connect; the few boxes of a chart
make trying every order cheap.

May import: charts.

>>> from orggraph.charts.spec import Chart, ChartEdge, ChartNode
>>> c = Chart("demo", "region", "Demo", None, "da")
>>> for i, band in (("k", "political"), ("a", "political"), ("b", "political"), ("s", "administrative")):
...     c.add_node(ChartNode(i, "Organ", i.upper(), band))
>>> c.add_edge(ChartEdge("k", "udpeger", "a")); c.add_edge(ChartEdge("k", "udpeger", "b"))
>>> pin_rows(c, [[("political", ["a", "k", "b"])], [("administrative", ["s"])]])
>>> crossings(c)
0
"""

from __future__ import annotations

__all__ = ["pin_rows", "crossings", "least_width", "natural_width"]

from itertools import permutations, product
from math import prod

from orggraph.charts.dot import box_height, text_width
from orggraph.charts.spec import Band, Chart, ChartNode
from orggraph.charts.style import BOX_PT, PAGES

_MARGIN = 10.6  # a box's inner margins and border, left and right together
_ROW_GAP = 46.0  # room between rows for the arrows and their words
_LABEL = 14.0  # room for a band's name


def natural_width(node: ChartNode) -> float:
    """The width a box needs for its text on one line each (a table: its widest row)."""
    lines = [text_width(node.title + (" *" if node.uncertain else ""), BOX_PT, bold=True)]
    lines += [text_width(d, BOX_PT) for d in node.details]
    if node.table:
        columns = list(zip(*node.table))
        lines.append(sum(max(text_width(str(c), BOX_PT) for c in col) + 8 for col in columns))
    return max(lines) + _MARGIN + 3


def least_width(node: ChartNode) -> float:
    """The narrowest a box can be: its longest word on a line of its own (words are never broken)."""
    words = [text_width(w, BOX_PT, bold=True) for w in (node.title + (" *" if node.uncertain else "")).split()]
    words += [text_width(w, BOX_PT) for d in node.details for w in d.split()]
    return max(words, default=0.0) + _MARGIN + 3


def _segments(chart: Chart, a: str, b: str) -> tuple[tuple[float, float], tuple[float, float]]:
    return chart.nodes[a].pos, chart.nodes[b].pos


def _cross(p1, p2, p3, p4) -> bool:
    def orient(a, b, c):
        return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])

    d1, d2, d3, d4 = orient(p3, p4, p1), orient(p3, p4, p2), orient(p1, p2, p3), orient(p1, p2, p4)
    return (d1 > 0) != (d2 > 0) and (d3 > 0) != (d4 > 0) and 0 not in (d1, d2, d3, d4)


def _through(node: ChartNode, p1, p2) -> bool:
    """Whether the segment p1–p2 passes through the box."""
    w, h = node.width / 2, box_height(node) / 2
    x, y = node.pos
    corners = [(x - w, y - h), (x + w, y - h), (x + w, y + h), (x - w, y + h)]
    return any(_cross(p1, p2, corners[i], corners[(i + 1) % 4]) for i in range(4))


def crossings(chart: Chart) -> int:
    """How many pairs of straight arrows cross (arrows sharing a box do not count)."""
    edges = [(e.source, e.target) for e in chart.edges]
    found = 0
    for i, (a, b) in enumerate(edges):
        for c, d in edges[i + 1:]:
            if {a, b} & {c, d}:
                continue
            if _cross(*_segments(chart, a, b), *_segments(chart, c, d)):
                found += 1
    return found


def _score(chart: Chart) -> float:
    blocked = sum(1 for e in chart.edges for n in chart.nodes.values()
                  if n.id not in (e.source, e.target) and n.pos and not n.note and _through(n, *_segments(chart, e.source, e.target)))
    length = sum(abs(chart.nodes[e.source].pos[0] - chart.nodes[e.target].pos[0]) for e in chart.edges)
    return crossings(chart) * 100 + blocked * 50 + length * 0.01


def _spread(chart: Chart, ids: list[str], x0: float, x1: float, y: float) -> None:
    """Place boxes evenly between x0 and x1, centred on y."""
    free = (x1 - x0) - sum(chart.nodes[i].width for i in ids)
    gap = free / len(ids)
    x = x0 + gap / 2
    for i in ids:
        chart.nodes[i].pos = (x + chart.nodes[i].width / 2, y)
        x += chart.nodes[i].width + gap


def _order(chart: Chart, ids: list[str], span: tuple[float, float], y: float) -> list[str]:
    """The order of one row's boxes that scores best, the rest of the chart held."""
    best, best_score = list(ids), None
    for order in permutations(ids):
        _spread(chart, list(order), *span, y)
        score = _score(chart)
        if best_score is None or score < best_score:
            best, best_score = list(order), score
    _spread(chart, best, *span, y)
    return best


def pin_rows(chart: Chart, rows: list[list[tuple[str, list[str]]]], width: float | None = None) -> None:
    """Pin the chart's boxes: ``rows`` top to bottom, each a list of ``(band, box ids)`` segments
    (or ``(band, box ids, (from, to))`` with the share of the width the segment takes).

    The political band spans the page; the administrative band takes the left and the
    state the right, as wide as its widest box. Sets each box's width and position and
    the bands' backgrounds, and makes the chart ``pinned``.
    """
    width = width or PAGES[chart.page].width
    shares = {(r, band): seg[2] for r, row in enumerate(rows) for seg in row for band in [seg[0]] if len(seg) > 2}
    rows = [[(band, [i for i in ids if i in chart.nodes], r) for band, ids, *_ in row] for r, row in enumerate(rows)]
    rows = [[seg for seg in row if seg[1]] for row in rows]
    rows = [row for row in rows if row]
    state = [natural_width(chart.nodes[i]) for row in rows for band, ids, _ in row if band == "state" for i in ids]
    right = min(max(state), 160.0) + 12 if state else 0.0
    if state:  # the administrative row beside the state needs its words' room first: narrow the state to make it
        floor = max(max(60.0, least_width(chart.nodes[i])) for row in rows for band, ids, _ in row if band == "state" for i in ids) + 12
        need = max([sum(max(60.0, least_width(chart.nodes[i])) + 14 for i in ids)
                    for r, row in enumerate(rows) for band, ids, _ in row if band == "administrative" and (r, band) not in shares],
                   default=0.0)
        right = max(floor, min(right, width - need))

    def span(band: str, r: int | None = None) -> tuple[float, float]:
        if (r, band) in shares:
            return shares[(r, band)][0] * width, shares[(r, band)][1] * width
        return {"state": (width - right, width), "administrative": (0.0, width - right)}.get(band, (0.0, width))

    for row in rows:
        for band, ids, origin in row:
            x0, x1 = span(band, origin)
            cap = max(60.0, (x1 - x0 - 14 * len(ids)) / len(ids))
            for i in ids:
                chart.nodes[i].width = max(60.0, least_width(chart.nodes[i]), min(natural_width(chart.nodes[i]), cap, 220.0))
    heights = [max(box_height(chart.nodes[i]) for _, ids, _ in row for i in ids) for row in rows]
    tops, y = [], _LABEL
    for r, h in enumerate(heights):
        if r and {b for b, _, _ in rows[r]} - {b for b, _, _ in rows[r - 1]}:
            y += _LABEL  # a band starts: room for its name
        tops.append(y)
        y += h + _ROW_GAP
    total = y - _ROW_GAP + 8
    centre = [total - tops[r] - heights[r] / 2 for r in range(len(rows))]
    for r, row in enumerate(rows):
        for band, ids, origin in row:
            _spread(chart, ids, *span(band, origin), centre[r])
    segments = [(r, s) for r, row in enumerate(rows) for s, (_, ids, _) in enumerate(row) if len(ids) > 1]
    choices = [list(permutations(rows[r][s][1])) for r, s in segments]
    if prod(len(c) for c in choices) <= 20000:  # few boxes: try every combination of orders
        best, best_score = None, None
        for combo in product(*choices):
            for (r, s), order in zip(segments, combo):
                _spread(chart, list(order), *span(rows[r][s][0], rows[r][s][2]), centre[r])
            score = _score(chart)
            if best_score is None or score < best_score:
                best, best_score = combo, score
        for (r, s), order in zip(segments, best or ()):
            rows[r][s] = (rows[r][s][0], list(order), rows[r][s][2])
            _spread(chart, list(order), *span(rows[r][s][0], rows[r][s][2]), centre[r])
    else:
        for _ in range(3):  # try every order of each row, the others held
            for r, s in segments:
                band, ids, origin = rows[r][s]
                if len(ids) <= 6:
                    rows[r][s] = (band, _order(chart, ids, span(band, origin), centre[r]), origin)
    extent: dict[str, list[float]] = {}
    for r, row in enumerate(rows):
        for band, _, _ in row:
            top, bottom = tops[r] - _LABEL - 4, tops[r] + heights[r] + 8
            low, high = extent.get(band, [top, bottom])
            extent[band] = [min(low, top), max(high, bottom)]
    for band, (top, bottom) in extent.items():
        x0, x1 = span(band)
        chart.backgrounds.append(Band(band, x0, total - bottom, x1, total - max(0.0, top)))

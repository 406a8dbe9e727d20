"""Measuring instruments for the charts' quality gates (issue 13, part 8).

Pure functions that the chart tests call on a chart's DOT text, its ``dot -Tjson`` layout,
its rendered PDF and its Mermaid text. They measure; the thresholds live in the tests.
The method follows Appendix B of ``shared/audits/charts-review-2026-11.md``.

- :func:`layout`: ``dot -Tjson`` on DOT text (``layout=neato`` in the text is honoured).
- :func:`crossings`: where visible edges cross, outside ``cluster_legend``.
- :func:`text_sizes`: the size of every character in a PDF, as drawn (scaling included);
  :func:`page_size`: its page; :func:`smallest_fitted_text`: the smallest text once the
  page is fitted into a column (:data:`PORTRAIT` or :data:`LANDSCAPE`).
- :func:`legend_share`: ``cluster_legend``'s height over the drawing's height.
- :func:`labels`: every drawn text of a chart, tags stripped; :func:`english_words` and
  :func:`internal_ids` (``seed-``/``ref-``) in them.
- :func:`dashed_edges`: each visible edge's style and the attributes that identify it;
  :func:`undashed`: derived or unverified edges drawn solid.
- :func:`mermaid_errors`: the Mermaid diagrams that do not render (Mermaid in chromium).

Requirements: Graphviz's ``dot`` (layouts), pdfplumber (PDF text), and for Mermaid
``tests/js`` installed (``bash tests/js/install.sh``) plus Debian's chromium. None of them
is imported or run until a function needs it. Nothing here uses the network. Examples
that need ``dot`` are marked ``+SKIP`` (pytest collects doctests on machines without
Graphviz too); ``tests/test_chartquality.py`` runs the same cases, marked ``render``.

>>> english_words(["Kommunale pladser i RAR Fyn", "KKR appoints the members"])
['appoints', 'the', 'members']
>>> internal_ids(["Kilde: seed-003, s. 2", "RAR Fyn"])
['seed-003']
"""

from __future__ import annotations

import io
import json
import math
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

__all__ = [
    "PORTRAIT", "LANDSCAPE", "ENGLISH_WORDS", "UNCERTAIN",
    "layout", "crossings", "edge_polylines",
    "text_sizes", "page_size", "smallest_fitted_text",
    "legend_share", "labels", "english_words", "internal_ids",
    "dashed_edges", "undashed", "mermaid_errors", "JS_DIR",
]

#: A4 portrait with Word's 2.5 cm margins: the 16 cm text column, at most 680 pt tall.
PORTRAIT = (453.0, 680.0)
#: The same page turned for a figure drawn landscape: 700 x 453 pt.
LANDSCAPE = (700.0, 453.0)

#: Points sampled on each cubic Bézier segment of an edge (Appendix B).
SAMPLES_PER_CUBIC = 20
#: A crossing this close (pt) to a box that both edges end at is their common endpoint, not a crossing.
SHARED_BOX_MARGIN = 15.0
#: Crossings closer than this (pt) are one crossing.
MERGE_DISTANCE = 6.0


# --------------------------------------------------------------------------- layout

def layout(dot_text: str, *, timeout: float = 120) -> dict:
    """Lay ``dot_text`` out with the ``dot`` binary (``dot -Tjson``) and return the parsed JSON.

    A ``layout=neato`` graph attribute in the text makes ``dot -Tjson`` run neato, pinned
    ``pos="x,y!"`` included, so a pinned chart is measured as it is drawn. Coordinates are
    in points with y upwards; node ``width``/``height`` are in inches (strings), as
    Graphviz writes them. Raises ``FileNotFoundError`` without ``dot`` and ``RuntimeError``
    when Graphviz fails.

    >>> g = layout('digraph { a -> b }')  # doctest: +SKIP
    >>> [o["name"] for o in g["objects"]], len(g["edges"])  # doctest: +SKIP
    (['a', 'b'], 1)
    """
    binary = shutil.which("dot")
    if binary is None:
        raise FileNotFoundError("Graphviz's 'dot' is not on PATH (apt-get install graphviz)")
    done = subprocess.run([binary, "-Tjson"], input=dot_text.encode("utf-8"), capture_output=True, timeout=timeout)
    if done.returncode != 0:
        raise RuntimeError(f"dot -Tjson failed ({done.returncode}): {done.stderr.decode(errors='replace').strip()}")
    return json.loads(done.stdout)


def _objects(graph: dict) -> list[dict]:
    return graph.get("objects") or []


def _nodes(graph: dict) -> dict[int, dict]:
    """Node objects by ``_gvid``. Graphviz's JSON lists the ``_subgraph_cnt`` subgraphs
    (clusters included) first, then the nodes."""
    return {o["_gvid"]: o for o in _objects(graph)[int(graph.get("_subgraph_cnt", 0)):]}


def _legend_clusters(graph: dict) -> list[dict]:
    return [o for o in _objects(graph) if o.get("name") == "cluster_legend"]


def _legend_edges(graph: dict) -> set[int]:
    """``_gvid`` of the edges drawn inside a ``cluster_legend`` (listed by it, or with both ends in it)."""
    out: set[int] = set()
    for cluster in _legend_clusters(graph):
        inside = set(cluster.get("nodes") or [])
        out |= set(cluster.get("edges") or [])
        out |= {e["_gvid"] for e in graph.get("edges") or [] if e["tail"] in inside and e["head"] in inside}
    return out


def _visible(edge: dict) -> bool:
    styles = {s.strip() for s in str(edge.get("style", "")).split(",")}
    return "invis" not in styles


def _box(node: dict) -> tuple[float, float, float, float] | None:
    """A node's box ``(x0, y0, x1, y1)`` in points, or None when it has no position."""
    if "pos" not in node:
        return None
    x, y = (float(v) for v in str(node["pos"]).split(",")[:2])
    w, h = float(node.get("width", 0)) * 36, float(node.get("height", 0)) * 36  # inches -> half-size in pt
    return (x - w, y - h, x + w, y + h)


# --------------------------------------------------------------------------- crossings

def _bezier(p0, p1, p2, p3, n: int) -> list[tuple[float, float]]:
    out = []
    for i in range(n + 1):
        t = i / n
        a, b, c, d = (1 - t) ** 3, 3 * t * (1 - t) ** 2, 3 * t * t * (1 - t), t ** 3
        out.append((a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0], a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1]))
    return out


def _spline(pos: str, samples: int) -> list[list[tuple[float, float]]]:
    """Polylines of one edge ``pos`` ("e,x,y s,x,y p0 c1 c2 p1 ..."; ``;`` separates splines).

    The arrow parts (from the spline's end to the ``s``/``e`` point) are drawn too, so they
    are kept as straight segments.
    """
    lines = []
    for part in pos.split(";"):
        start = end = None
        points = []
        for token in part.split():
            if token.startswith("s,"):
                start = tuple(float(v) for v in token[2:].split(",")[:2])
            elif token.startswith("e,"):
                end = tuple(float(v) for v in token[2:].split(",")[:2])
            else:
                points.append(tuple(float(v) for v in token.split(",")[:2]))
        if not points:
            continue
        line = [start] if start else []
        if len(points) >= 4 and (len(points) - 1) % 3 == 0:
            for i in range(0, len(points) - 1, 3):
                curve = _bezier(*points[i:i + 4], samples)
                line += curve if not line else curve[1:] if line[-1] == curve[0] else curve
        else:  # not a Bézier list: take the points as a polyline
            line += points
        if end:
            line.append(end)
        lines.append(line)
    return lines


def _clip(p: tuple[float, float], q: tuple[float, float], box) -> tuple[float, float]:
    """Where the segment from ``p`` (inside ``box``) to ``q`` leaves the box."""
    if box is None:
        return p
    x0, y0, x1, y1 = box
    dx, dy = q[0] - p[0], q[1] - p[1]
    t = 1.0
    for d, lo, hi, v in ((dx, x0, x1, p[0]), (dy, y0, y1, p[1])):
        if d > 0:
            t = min(t, (hi - v) / d)
        elif d < 0:
            t = min(t, (lo - v) / d)
    t = max(0.0, t)
    return (p[0] + t * dx, p[1] + t * dy)


def edge_polylines(graph: dict, samples: int = SAMPLES_PER_CUBIC) -> list[dict]:
    """Each visible edge outside ``cluster_legend`` as ``{"gvid", "tail", "head", "lines"}``.

    ``lines`` are polylines in points: the edge's ``pos`` splines sampled ``samples`` points
    per cubic Bézier. An edge without ``pos`` is drawn as the straight line between its two
    boxes, unless the graph has ``splines=none`` or ``splines=""`` (then no edge is drawn and
    none is returned). A self-loop is left out: it cannot cross another edge in a chart's
    sense.

    >>> g = layout('digraph { layout=neato; a [pos="0,0!"]; b [pos="100,0!"]; a -> b; a -> a [style=invis] }')  # doctest: +SKIP
    >>> [(e["tail"], e["head"], len(e["lines"])) for e in edge_polylines(g)]  # doctest: +SKIP
    [('a', 'b', 1)]
    """
    nodes = _nodes(graph)
    legend = _legend_edges(graph)
    out = []
    for edge in graph.get("edges") or []:
        if edge.get("_gvid") in legend or not _visible(edge) or edge["tail"] == edge["head"]:
            continue
        tail, head = nodes.get(edge["tail"]), nodes.get(edge["head"])
        if "pos" in edge:
            lines = _spline(str(edge["pos"]), samples)
        elif str(graph.get("splines", "true")).lower() in ("none", "") or tail is None or head is None:
            continue
        else:
            a = tuple(float(v) for v in str(tail.get("pos", "0,0")).split(",")[:2])
            b = tuple(float(v) for v in str(head.get("pos", "0,0")).split(",")[:2])
            lines = [[_clip(a, b, _box(tail)), _clip(b, a, _box(head))]]
        out.append({"gvid": edge.get("_gvid"), "tail": (tail or {}).get("name", edge["tail"]),
                    "head": (head or {}).get("name", edge["head"]), "ends": {edge["tail"], edge["head"]}, "lines": lines})
    return out


def _segments(lines) -> list[tuple[float, float, float, float]]:
    return [(p[0], p[1], q[0], q[1]) for line in lines for p, q in zip(line, line[1:]) if p != q]


def _bounds(segments):
    xs = [v for s in segments for v in (s[0], s[2])]
    ys = [v for s in segments for v in (s[1], s[3])]
    return (min(xs), min(ys), max(xs), max(ys))


def _intersection(s, r) -> tuple[float, float] | None:
    """The point where segments ``s`` and ``r`` cross properly (``0 <= t < 1`` on both, so a
    crossing exactly at a sample point is found once), or None; parallel segments never cross."""
    x1, y1, x2, y2 = s
    x3, y3, x4, y4 = r
    dx1, dy1, dx2, dy2 = x2 - x1, y2 - y1, x4 - x3, y4 - y3
    den = dx1 * dy2 - dy1 * dx2
    if abs(den) < 1e-12:
        return None
    t = ((x3 - x1) * dy2 - (y3 - y1) * dx2) / den
    u = ((x3 - x1) * dy1 - (y3 - y1) * dx1) / den
    if 0 <= t < 1 and 0 <= u < 1:
        return (x1 + t * dx1, y1 + t * dy1)
    return None


def _distance_to_box(p, box) -> float:
    x0, y0, x1, y1 = box
    dx = max(x0 - p[0], 0.0, p[0] - x1)
    dy = max(y0 - p[1], 0.0, p[1] - y1)
    return math.hypot(dx, dy)


def crossings(graph: dict, *, samples: int = SAMPLES_PER_CUBIC, shared_margin: float = SHARED_BOX_MARGIN,
              merge: float = MERGE_DISTANCE) -> list[tuple[float, float]]:
    """The points (pt) where two visible edges of a ``dot -Tjson`` layout cross.

    Appendix B: every visible edge outside ``cluster_legend`` is sampled (:func:`edge_polylines`);
    for each pair of edges the proper intersections of their segments are found; those
    within ``shared_margin`` pt of a box that both edges end at are dropped (they meet
    there, they do not cross); points closer than ``merge`` pt are counted once.
    Invisible edges (``style=invis``) are left out, so are the edges inside the legend.

    Merging is over all points, as Appendix B lists it: three edges through one spot count
    once, not three times. On the charts of commit 0af1b93 this gives 2-40 where the audit's
    table (commit 9173c34, its code not published) has 2-45: 10/13 for the principle model,
    40/45 for the national chart, the same 13 and 2 for Hovedstaden and Nordjylland.

    >>> x = 'digraph { layout=neato; inputscale=72; a [pos="0,0!"]; b [pos="200,200!"]; c [pos="0,200!"]; d [pos="200,0!"]; a -> b; c -> d }'  # doctest: +SKIP
    >>> len(crossings(layout(x)))  # an X  # doctest: +SKIP
    1
    """
    nodes = _nodes(graph)
    boxes = {gvid: _box(node) for gvid, node in nodes.items()}
    edges = []
    for edge in edge_polylines(graph, samples):
        segments = _segments(edge["lines"])
        if segments:
            edges.append((edge["ends"], segments, _bounds(segments)))
    found: list[tuple[float, float]] = []
    for i, (ends_a, segs_a, (ax0, ay0, ax1, ay1)) in enumerate(edges):
        for ends_b, segs_b, (bx0, by0, bx1, by1) in edges[i + 1:]:
            if ax1 < bx0 or bx1 < ax0 or ay1 < by0 or by1 < ay0:
                continue
            lo_x, lo_y, hi_x, hi_y = max(ax0, bx0), max(ay0, by0), min(ax1, bx1), min(ay1, by1)
            near_a = [s for s in segs_a if min(s[0], s[2]) <= hi_x and max(s[0], s[2]) >= lo_x
                      and min(s[1], s[3]) <= hi_y and max(s[1], s[3]) >= lo_y]
            near_b = [s for s in segs_b if min(s[0], s[2]) <= hi_x and max(s[0], s[2]) >= lo_x
                      and min(s[1], s[3]) <= hi_y and max(s[1], s[3]) >= lo_y]
            shared = [boxes[g] for g in ends_a & ends_b if boxes.get(g)]
            for s in near_a:
                for r in near_b:
                    if max(s[0], s[2]) < min(r[0], r[2]) or max(r[0], r[2]) < min(s[0], s[2]) \
                            or max(s[1], s[3]) < min(r[1], r[3]) or max(r[1], r[3]) < min(s[1], s[3]):
                        continue
                    point = _intersection(s, r)
                    if point and not any(_distance_to_box(point, box) <= shared_margin for box in shared):
                        found.append(point)
    merged: list[tuple[float, float]] = []
    for point in found:
        if all(math.dist(point, kept) >= merge for kept in merged):
            merged.append(point)
    return merged


# --------------------------------------------------------------------------- PDF text

def _pdf(pdf: bytes):
    import pdfplumber

    return pdfplumber.open(io.BytesIO(pdf))


def _char_size(char: dict) -> float:
    """A character's size as drawn: its font size times the scale of the text's vertical axis.

    pdfminer's ``size`` is the height of the glyph box, which for rotated text is the glyph's
    advance instead; this undoes the rotation. With ``matrix = (a, b, c, d, e, f)`` (text
    matrix times CTM, font size not included), the box is ``|a|*adv + |c|*fs`` wide and
    ``|b|*adv + |d|*fs`` tall, where ``adv`` is the advance and ``fs`` the font size in text
    space; the drawn size is ``fs * hypot(c, d)``.
    """
    a, b, c, d = (float(v) for v in char["matrix"][:4])
    adv = float(char.get("adv") or 0)
    width, height = float(char["width"]), float(char["height"])
    if abs(d) >= abs(c) and abs(d) > 1e-9:
        fs = (height - abs(b) * adv) / abs(d)
    elif abs(c) > 1e-9:
        fs = (width - abs(a) * adv) / abs(c)
    else:
        return float(char.get("size") or 0)
    return fs * math.hypot(c, d)


def text_sizes(pdf: bytes) -> list[float]:
    """The size (pt, as drawn on the page) of every visible character in the PDF, all pages.

    Sizes include every scaling the PDF applies (Graphviz's ``size`` attribute writes a
    scale into the page's transformation) and are right for rotated text too (``rotate=90``).
    Blanks are left out. Rounded to 0.01 pt. Needs pdfplumber.
    """
    with _pdf(pdf) as doc:
        return [round(_char_size(c), 2) for page in doc.pages for c in page.chars if c.get("text", "").strip()]


def page_size(pdf: bytes) -> tuple[float, float]:
    """The first page's ``(width, height)`` in pt, as displayed (a ``/Rotate`` of 90 or 270 swaps them)."""
    with _pdf(pdf) as doc:
        page = doc.pages[0]
        width, height = float(page.mediabox[2] - page.mediabox[0]), float(page.mediabox[3] - page.mediabox[1])
        return (height, width) if int(page.rotation or 0) % 180 == 90 else (width, height)


def smallest_fitted_text(pdf: bytes, column: tuple[float, float] = PORTRAIT) -> float:
    """The smallest text (pt) once the PDF's page is fitted into ``column`` (width, height in pt).

    ``min(text_sizes) * min(1, column_w / page_w, column_h / page_h)``: a page larger than the
    column is shrunk to fit, a smaller one is placed at 100 %. :data:`PORTRAIT` is the
    16 cm column (453 x 680 pt), :data:`LANDSCAPE` the landscape section (700 x 453 pt).
    ``math.inf`` when the PDF has no text.
    """
    sizes = text_sizes(pdf)
    if not sizes:
        return math.inf
    width, height = page_size(pdf)
    return round(min(sizes) * min(1.0, column[0] / width, column[1] / height), 2)


# --------------------------------------------------------------------------- legend, labels, words

def legend_share(graph: dict) -> float:
    """Height of ``cluster_legend``'s ``bb`` over the height of the graph's ``bb`` (0 without a legend).

    >>> legend_share(layout('digraph { a -> b; subgraph cluster_legend { l } }')) > 0  # doctest: +SKIP
    True
    >>> legend_share(layout('digraph { a -> b }'))  # doctest: +SKIP
    0.0
    """
    clusters = [o for o in _legend_clusters(graph) if o.get("bb")]
    if not clusters or not graph.get("bb"):
        return 0.0
    _, gy0, _, gy1 = (float(v) for v in graph["bb"].split(","))
    _, ly0, _, ly1 = (float(v) for v in clusters[0]["bb"].split(","))
    return (ly1 - ly0) / (gy1 - gy0) if gy1 > gy0 else 0.0


_TEXT_DRAWS = ("_ldraw_", "_hldraw_", "_tldraw_", "_draw_", "_hdraw_", "_tdraw_")


def _texts(ops: list[dict]) -> str:
    """The text of one xdot draw list: spans on one baseline joined, lines top to bottom."""
    spans = [op for op in ops if op.get("op") == "T" and op.get("text", "").strip()]
    rows: dict[float, list[dict]] = {}
    for span in spans:
        rows.setdefault(round(float(span["pt"][1]), 1), []).append(span)
    lines = []
    for y in sorted(rows, reverse=True):
        lines.append("".join(s["text"] for s in sorted(rows[y], key=lambda s: float(s["pt"][0]))).strip())
    return "\n".join(lines)


def labels(chart: str | dict) -> list[str]:
    """Every visible text of a chart, one string per label (lines joined by ``\\n``).

    ``chart`` is DOT text (laid out with :func:`layout`) or a layout. The text is what
    Graphviz draws: node labels (HTML-like labels without their tags, entities decoded)
    with their xlabels, edge labels, head and tail labels, cluster labels and the graph
    label. Invisible nodes and edges are left out; tooltips are not drawn, so not here.

    >>> labels('digraph { label="Titel"; a [label=<<b>KKR</b> Fyn<br/>5 &amp; 6>]; a -> b [label="udpeger"] }')  # doctest: +SKIP
    ['Titel', 'KKR Fyn\\n5 & 6', 'b', 'udpeger']
    """
    graph = layout(chart) if isinstance(chart, str) else chart
    out = []
    for item in [graph, *_objects(graph), *(graph.get("edges") or [])]:
        if item is not graph and not _visible(item):
            continue
        text = "\n".join(t for t in (_texts(item.get(key) or []) for key in _TEXT_DRAWS) if t)
        if text:
            out.append(text)
    return out


#: Common English words that are not Danish words, so one in a Danish label is English.
#: Left out because Danish has them too: i, at, for, to (two), under, over, by (town), man,
#: den, det, is (ice), have (garden), land, hand, bad, fast, kind, art, tag, mens, as (A/S),
#: per, vice, region, regional, national, administrative (Danish plural), support, job,
#: center, forum, team, plus, status. Kept although Danish spells them too, because a chart
#: never means the Danish word: "and" (duck) and "from" (pious); pass them in ``allow`` if
#: a label ever needs them.
ENGLISH_WORDS = frozenset("""
the and of from with in on or not this that these those which who whose what when where
are was were been has will would can could should must may
an see also only each every other than into onto within between
facts fact sources source backbone public members member seats seat chair chairman chairs
appoints appointed appoint supports supported prepares prepared prepare serves served serve
secretariat committee council board boards municipality municipalities municipal
employment labour labor market political level levels state government ministry agency
legend generated date unverified derived stated uncertain area areas director directors
group groups network employee employees office offices deputy mayor mayors
""".split())


def english_words(texts, allow=()) -> list[str]:
    """The words of ``texts`` (strings) that are in :data:`ENGLISH_WORDS`, each once, in order.

    Words are runs of letters (Danish letters included), compared lower-case; ``allow``
    lists words to accept anyway (a proper name, say).

    >>> english_words(["Stand pr. 2022", "Sources: seed-003", "The Board"], allow=["board"])
    ['sources', 'the']
    """
    allowed = {w.lower() for w in allow}
    seen: list[str] = []
    for text in texts:
        for word in re.findall(r"[^\W\d_]+", str(text)):
            word = word.lower()
            if word in ENGLISH_WORDS and word not in allowed and word not in seen:
                seen.append(word)
    return seen


def internal_ids(texts) -> list[str]:
    """The data's internal ids in ``texts``: ``seed-...`` and ``ref-...`` (documents and
    references), each once, in order. A label must name a source, not its id.

    >>> internal_ids(["KKR (ref-kl-2015)", "reference-free", "seed-003; seed-003"])
    ['ref-kl-2015', 'seed-003']
    """
    seen: list[str] = []
    for text in texts:
        for found in re.findall(r"(?<![\w-])(?:seed|ref)-[\w.-]*\w", str(text), flags=re.IGNORECASE):
            if found not in seen:
                seen.append(found)
    return seen


# --------------------------------------------------------------------------- dashed edges

#: The data's confidence marks that a chart must draw dashed.
UNCERTAIN = ("derived", "unverified")


def dashed_edges(graph: dict) -> list[dict]:
    """Every visible edge of a layout outside the legend, with what identifies it.

    Each is ``{"tail", "head", "style", "dashed", "id", "class", "evidence", "tooltip",
    "label"}``: ``dashed`` is true when ``style`` has ``dashed`` (``dotted`` is not dashed);
    ``evidence`` is the edge's ``comment`` split on blanks, which orggraph's DOT fills with
    the ids of the graph edges behind the arrow; ``label`` is its drawn text.

    >>> g = layout('digraph { a -> b [style=dashed, comment="a:UNDER:b", id="edge-0"]; a -> c }')  # doctest: +SKIP
    >>> [(e["head"], e["dashed"], e["evidence"], e["id"]) for e in dashed_edges(g)]  # doctest: +SKIP
    [('b', True, ['a:UNDER:b'], 'edge-0'), ('c', False, [], '')]
    """
    nodes = {o["_gvid"]: o for o in _objects(graph)}
    legend = _legend_edges(graph)
    out = []
    for edge in graph.get("edges") or []:
        if edge.get("_gvid") in legend or not _visible(edge):
            continue
        style = str(edge.get("style", ""))
        out.append({"tail": nodes.get(edge["tail"], {}).get("name", edge["tail"]),
                    "head": nodes.get(edge["head"], {}).get("name", edge["head"]),
                    "style": style, "dashed": "dashed" in {s.strip() for s in style.split(",")},
                    "id": edge.get("id", ""), "class": edge.get("class", ""),
                    "evidence": str(edge.get("comment", "")).split(), "tooltip": edge.get("tooltip", ""),
                    "label": "\n".join(t for t in (_texts(edge.get(k) or []) for k in ("_ldraw_", "_hldraw_", "_tldraw_")) if t)})
    return out


def undashed(drawn: list[dict], uncertain: set[str] | dict[str, str], *, every: bool = True) -> list[dict]:
    """The drawn edges (from :func:`dashed_edges`) that stand for derived or unverified graph
    edges but are drawn solid.

    ``uncertain`` holds the ids of the graph's edges whose confidence is in :data:`UNCERTAIN`
    (``{r["id"] for r in graph.edge_records() if r["confidence"] in UNCERTAIN}``). An arrow
    must be dashed when ``every`` one of its evidence edges is uncertain (an arrow that one
    stated edge supports may stay solid); with ``every=False``, when any is. An arrow
    without evidence cannot be judged and is not returned.

    >>> drawn = [{"evidence": ["x:UNDER:y"], "dashed": False}, {"evidence": ["p:UNDER:q"], "dashed": True}]
    >>> undashed(drawn, {"x:UNDER:y", "p:UNDER:q"})
    [{'evidence': ['x:UNDER:y'], 'dashed': False}]
    """
    test = all if every else any
    return [e for e in drawn if e["evidence"] and not e["dashed"] and test(i in uncertain for i in e["evidence"])]


# --------------------------------------------------------------------------- Mermaid

#: The npm project with mermaid-cli (``bash tests/js/install.sh`` installs it).
JS_DIR = Path(__file__).resolve().parent / "js"


def mermaid_errors(diagrams: dict[str, str], *, timeout: float = 300) -> dict[str, str]:
    """``{name: message}`` for each Mermaid diagram that does not render; ``{}`` when all do.

    All diagrams are rendered in ONE run of ``tests/js/render-mermaid.mjs``: one headless
    Debian chromium (``$PUPPETEER_EXECUTABLE_PATH``, default ``/usr/bin/chromium``), one page
    with the mermaid that mermaid-cli installs, and ``mermaid.render()`` for each diagram:
    Mermaid's own parser (front matter included) and its drawing to SVG, as ``mmdc`` does.
    Messages are Mermaid's, with line and column (``YAMLException: bad indentation of a
    mapping entry (1:15)`` for an unquoted ``title: RAR Fyn: x``). About 3 s to start and
    0.5 s a diagram. Raises ``FileNotFoundError`` when node, chromium or ``tests/js/node_modules`` is missing,
    and ``RuntimeError`` when the run itself fails.
    """
    node = shutil.which("node")
    if node is None:
        raise FileNotFoundError("Node.js is not on PATH (needs node >= 20 and npm; then bash tests/js/install.sh)")
    if not (JS_DIR / "node_modules" / "@mermaid-js" / "mermaid-cli").is_dir():
        raise FileNotFoundError(f"mermaid-cli is not installed in {JS_DIR} (bash tests/js/install.sh)")
    browser = os.environ.get("PUPPETEER_EXECUTABLE_PATH") or "/usr/bin/chromium"
    if not Path(browser).exists():
        raise FileNotFoundError(f"no browser at {browser} (apt-get install chromium, or set PUPPETEER_EXECUTABLE_PATH)")
    if not diagrams:
        return {}
    env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": browser, "PUPPETEER_SKIP_DOWNLOAD": "1"}
    with tempfile.TemporaryDirectory(prefix="orggraph-mermaid-") as home:
        env.setdefault("XDG_CONFIG_HOME", home)  # chromium's crash and profile files stay out of ~
        env.setdefault("XDG_CACHE_HOME", home)
        given = Path(home) / "diagrams.json"
        given.write_text(json.dumps(diagrams), encoding="utf-8")
        done = subprocess.run([node, str(JS_DIR / "render-mermaid.mjs"), str(given)], stdin=subprocess.DEVNULL,
                              capture_output=True, cwd=JS_DIR, env=env, timeout=timeout)
    if done.returncode != 0:
        raise RuntimeError(f"render-mermaid.mjs failed ({done.returncode}): {done.stderr.decode(errors='replace').strip()[-2000:]}")
    return json.loads(done.stdout.decode("utf-8").strip().splitlines()[-1])

"""What a chart holds before it is drawn: boxes in bands, arrows with a meaning, and the
caption that goes beside the figure (title, what the date covers, the sources, footnotes,
alt text). The builders (:mod:`orggraph.charts.build`, :mod:`orggraph.charts.principle`)
make a :class:`Chart` from the graph; :mod:`orggraph.charts.dot` and
:mod:`orggraph.charts.mermaid` draw it.

May import: charts.

>>> c = Chart(key="demo", kind="region", title="Demo", as_of="2019-01-01", lang="da")
>>> c.add_node(ChartNode("kkr-x", "KKR", "KKR X", "political"))
>>> c.add_node(ChartNode("organ-x", "Organ", "Styregruppen", "administrative"))
>>> c.add_edge(ChartEdge("organ-x", "forbereder", "kkr-x", uncertain=True))
>>> c.bands(), c.caption()["footnotes"]
(['political', 'administrative'], [])
"""

from __future__ import annotations

__all__ = ["CHART_KINDS", "Chart", "ChartNode", "ChartEdge", "Band"]

from dataclasses import dataclass, field
from typing import NamedTuple

from orggraph.charts import CHART_KINDS
from orggraph.charts.style import BANDS, MEANINGS


class Band(NamedTuple):
    """A band's tinted background in a pinned chart, in points (origin bottom left); ``named`` shows its name.

    With a ``label``, it is a container instead (an arbejdsmarkedskontor around the RARs it
    serves): an outlined box with that label at its top left.
    """

    band: str
    x0: float
    y0: float
    x1: float
    y1: float
    named: bool = True
    label: str | None = None


@dataclass
class ChartNode:
    """A box. ``id`` is the graph's node id, or a made-up id for a role, group or note.

    ``uncertain`` boxes (derived or unverified in the data) are drawn dashed with a "*".
    ``pos`` pins the box's centre (points, origin bottom left) in a template chart, and
    ``width`` its width in points. ``table`` rows make a table box (the first row is the
    header). A ``note`` is a dashed remark, not an organisation. ``cluster`` names the
    container the box sits in (an arbejdsmarkedskontor around its RARs).
    """

    id: str
    kind: str
    title: str
    band: str
    details: list[str] = field(default_factory=list)
    uncertain: bool = False
    pos: tuple[float, float] | None = None
    width: float | None = None
    table: list[list[str]] | None = None
    note: bool = False
    cluster: str | None = None


@dataclass
class ChartEdge:
    """An arrow with one meaning (a key of :data:`~orggraph.charts.style.MEANINGS`), such as
    ``udpeger`` or ``betjener``. ``label`` adds to the meaning's words ("5"); ``evidence``
    lists the ids of the graph's edges behind the arrow."""

    source: str
    meaning: str
    target: str
    label: str = ""
    uncertain: bool = False
    evidence: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if self.meaning not in MEANINGS:
            raise ValueError(f"unknown arrow meaning {self.meaning!r}; choose from {', '.join(MEANINGS)}")


@dataclass
class Chart:
    """A chart ready to draw, with its caption.

    Every box is pinned (its ``pos``) before the chart is drawn. ``page`` is the page the
    figure is drawn for (see :data:`~orggraph.charts.style.PAGES`), ``clusters`` names the
    containers, and ``backgrounds`` are its bands (:class:`Band`).
    """

    key: str
    kind: str
    title: str
    as_of: str | None
    lang: str
    page: str = "portrait"
    nodes: dict[str, ChartNode] = field(default_factory=dict)
    edges: list[ChartEdge] = field(default_factory=list)
    clusters: dict[str, str] = field(default_factory=dict)
    backgrounds: list[Band] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    date_line: str = ""
    source_line: str = ""
    footnotes: list[str] = field(default_factory=list)
    alt: str = ""

    def add_node(self, node: ChartNode) -> None:
        """Add a box; adding the same id twice keeps the first."""
        self.nodes.setdefault(node.id, node)

    def add_edge(self, edge: ChartEdge) -> None:
        """Add an arrow between two boxes already in the chart; the same arrow twice is drawn once."""
        for drawn in self.edges:
            if (drawn.source, drawn.meaning, drawn.target) == (edge.source, edge.meaning, edge.target):
                drawn.evidence += [e for e in edge.evidence if e not in drawn.evidence]
                drawn.uncertain = drawn.uncertain or edge.uncertain
                return
        self.edges.append(edge)

    def bands(self) -> list[str]:
        """The bands that hold at least one box, top to bottom."""
        used = {n.band for n in self.nodes.values()}
        return [b for b in BANDS if b in used]

    def caption(self) -> dict:
        """What goes beside the figure: ``{"title", "date_line", "source_line", "footnotes", "alt"}``."""
        return {"title": self.title, "date_line": self.date_line, "source_line": self.source_line,
                "footnotes": list(self.footnotes), "alt": self.alt}

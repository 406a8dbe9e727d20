"""What a chart holds, before it is drawn: nodes in bands, typed edges, a title, the date
and the documents behind it. The builders in :mod:`orggraph.charts.build` make a
:class:`Chart` from the graph; :mod:`orggraph.charts.dot` and
:mod:`orggraph.charts.mermaid` draw it.

>>> c = Chart(key="demo", title="Demo", as_of="2019-01-01", lang="da")
>>> c.add_node(ChartNode("kkr-x", "KKR", "KKR X", "political"))
>>> c.add_edge(ChartEdge("kkr-x", "UDPEGER", "kkr-x"))
>>> c.kinds(), c.relations(), c.bands()
(['KKR'], ['UDPEGER'], ['political'])
"""

from __future__ import annotations

__all__ = ["Chart", "ChartNode", "ChartEdge", "ROW"]

from dataclasses import dataclass, field

from orggraph.charts.style import BANDS
from orggraph.model import KINDS, RELATIONS


#: The most boxes of a stack side by side; more wrap onto the next row.
ROW = 4


@dataclass
class ChartNode:
    """A box in a chart. ``id`` is the graph's node id, or a made-up id for a group or role."""

    id: str
    kind: str
    title: str
    band: str
    details: list[str] = field(default_factory=list)
    variant: bool = False  # drawn with a dashed border: not found in every KKR area


@dataclass
class ChartEdge:
    """An arrow in a chart; ``evidence`` lists the ids of the graph's edges behind it."""

    source: str
    type: str
    target: str
    note: str = ""
    evidence: list[str] = field(default_factory=list)


@dataclass
class Chart:
    """A chart ready to draw."""

    key: str
    title: str
    as_of: str | None
    lang: str
    as_of_note: str = ""
    stacks: list[list[str]] = field(default_factory=list)  # sibling boxes to wrap into rows of ``ROW``
    nodes: dict[str, ChartNode] = field(default_factory=dict)
    edges: list[ChartEdge] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    source_lines: list[str] = field(default_factory=list)  # one line per document, for the footnote
    notes: list[str] = field(default_factory=list)

    def add_node(self, node: ChartNode) -> None:
        """Add a node; adding the same id twice keeps the first."""
        self.nodes.setdefault(node.id, node)

    def add_edge(self, edge: ChartEdge) -> None:
        """Add an edge between two nodes already in the chart."""
        self.edges.append(edge)

    def kinds(self) -> list[str]:
        """The node kinds drawn, in vocabulary order."""
        drawn = {n.kind for n in self.nodes.values()}
        return [k for k in KINDS if k in drawn]

    def relations(self) -> list[str]:
        """The relation types drawn, in vocabulary order."""
        drawn = {e.type for e in self.edges}
        return [r for r in RELATIONS if r in drawn]

    def bands(self) -> list[str]:
        """The bands that hold at least one node, top to bottom."""
        used = {n.band for n in self.nodes.values()}
        return [b for b in BANDS if b in used]

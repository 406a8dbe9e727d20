"""Organisation charts like KL's principle-model figures, drawn from the graph.

>>> from orggraph import load
>>> chart = build_chart(load(), "rar", "RAR Fyn")
>>> "amk-syd" in chart.nodes and "organ-syddanmark-embedsmandsudvalg" in chart.nodes
True
>>> generate_dot(chart).startswith("digraph")
True
"""

from orggraph.charts.build import CHART_KINDS, build_chart, chart_keys
from orggraph.charts.dot import generate_dot
from orggraph.charts.mermaid import generate_mermaid
from orggraph.charts.render import FORMATS, chart_bytes, write_chart
from orggraph.charts.spec import Chart, ChartEdge, ChartNode

__all__ = [
    "CHART_KINDS", "FORMATS", "Chart", "ChartEdge", "ChartNode",
    "build_chart", "chart_keys", "chart_bytes", "generate_dot", "generate_mermaid", "write_chart",
]

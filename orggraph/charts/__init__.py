"""Figures for a KL note, drawn from the graph at their final size: the principle model, the
five areas side by side, one KKR area, one RAR and the whole country, each with a caption.

>>> from orggraph import load
>>> chart = build_chart(load(), "rar", "RAR Fyn", as_of="2022-01-01")
>>> "amk-syd" in chart.nodes and "organ-syddanmark-embedsmandsudvalg" in chart.nodes
True
>>> generate_dot(chart).startswith("digraph")
True
>>> chart.source_line.startswith("Kilder: KL:")
True
"""

from orggraph.charts.build import CHART_KINDS, build_chart, chart_keys
from orggraph.charts.caption import caption_files, caption_text
from orggraph.charts.dot import generate_dot
from orggraph.charts.mermaid import generate_mermaid
from orggraph.charts.render import FORMATS, chart_bytes, fit, write_chart
from orggraph.charts.spec import Chart, ChartEdge, ChartNode

__all__ = [
    "CHART_KINDS", "FORMATS", "Chart", "ChartEdge", "ChartNode",
    "build_chart", "chart_keys", "chart_bytes", "caption_files", "caption_text", "fit", "generate_dot", "generate_mermaid",
    "write_chart",
]

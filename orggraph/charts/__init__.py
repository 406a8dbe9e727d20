"""Figures for a KL note, drawn from the graph at their final size: the principle model, the
five areas side by side, one KKR area, one RAR and the whole country, each with a caption.

The choices the charts offer (:data:`CHART_KINDS`, :data:`FORMATS`, :data:`LANGS`) are stated
here, so the CLI can offer them at start-up cheaply; every other name is imported from its
module when first used.

May import: lazy.

>>> from orggraph import load
>>> from orggraph.charts import build_chart, generate_dot
>>> chart = build_chart(load(), "rar", "RAR Fyn", as_of="2022-01-01")
>>> "amk-syd" in chart.nodes and "organ-syddanmark-embedsmandsudvalg" in chart.nodes
True
>>> generate_dot(chart).startswith("digraph")
True
>>> chart.source_line.startswith("Kilder: KL:")
True
"""

from orggraph.lazy import lazy_names

#: The chart kinds, and whether each takes a reference.
CHART_KINDS: dict[str, bool] = {"principmodel": False, "areas": False, "region": True, "rar": True, "national": False}
#: Output formats: text formats are written as they are, the others rendered by ``dot``.
FORMATS = ("svg", "png", "pdf", "dot", "mmd")
#: The languages of a chart and its caption.
LANGS = ("da", "en")

#: Each other public name and the module of the package that defines it.
_WHERE = {
    "Chart": "spec", "ChartEdge": "spec", "ChartNode": "spec",
    "build_chart": "build", "chart_keys": "build",
    "caption_files": "caption", "caption_text": "caption",
    "generate_dot": "dot",
    "generate_mermaid": "mermaid",
    "chart_bytes": "render", "fit": "render", "write_chart": "render",
}

__all__ = [
    "CHART_KINDS", "FORMATS", "LANGS", "Chart", "ChartEdge", "ChartNode",
    "build_chart", "chart_keys", "chart_bytes", "caption_files", "caption_text", "fit", "generate_dot", "generate_mermaid",
    "write_chart",
]


__getattr__, __dir__ = lazy_names(__name__, _WHERE)

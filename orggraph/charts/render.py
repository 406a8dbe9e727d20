"""Write charts to files: DOT and Mermaid text need nothing; SVG, PNG and PDF are rendered
by Graphviz's ``dot`` binary, and without it the error says how to install it.

Files are written atomically: a chart is rendered in memory, then renamed into place.

>>> import tempfile, pathlib
>>> from orggraph import load
>>> from orggraph.charts.build import build_chart
>>> with tempfile.TemporaryDirectory() as folder:
...     out = write_chart(build_chart(load(), "region", "KKR Sjælland"), pathlib.Path(folder) / "sjaelland.mmd")
...     out.name, out.read_text(encoding="utf-8").startswith("---")
('sjaelland.mmd', True)
"""

from __future__ import annotations

__all__ = ["FORMATS", "chart_format", "chart_bytes", "write_chart"]

from pathlib import Path

from orggraph.atomic import atomic_write_bytes
from orggraph.charts.dot import generate_dot
from orggraph.charts.mermaid import generate_mermaid
from orggraph.charts.spec import Chart
from orggraph.exceptions import OrgGraphError, UsageError

#: Output formats: text formats are written as they are, the others rendered by ``dot``.
FORMATS = ("svg", "png", "pdf", "dot", "mmd")

#: Render settings per format: PNG at print resolution; SVG as laid out. PDF: see :func:`_a4`.
_RENDER = {"png": {"dpi": "150"}, "svg": {}}
#: The printable area of an A4 page in inches (21 x 29.7 cm less 1 cm margins), less the chart's padding.
_A4 = (6.9, 10.3)


def chart_format(path: Path, fmt: str | None = None) -> str:
    """The output format: ``fmt`` if given, else the file's suffix; an unknown one is an error."""
    chosen = (fmt or Path(path).suffix.lstrip(".")).lower()
    if chosen == "gv":
        chosen = "dot"
    if chosen not in FORMATS:
        raise UsageError(f"{str(path)!r}: unknown chart format {chosen!r}. Choose from: {', '.join(FORMATS)} (by suffix or --format)")
    return chosen


def _render(dot_text: str, fmt: str):
    import graphviz

    try:
        output = graphviz.Source(dot_text).pipe(format=fmt)
        return output.decode("utf-8") if fmt == "plain" else output
    except graphviz.ExecutableNotFound:
        raise OrgGraphError(
            f"rendering {fmt.upper()} needs Graphviz's 'dot' program, which was not found. "
            "Install it (Debian/Ubuntu: 'sudo apt-get install graphviz'; see https://graphviz.org/download/), "
            "or write .dot or .mmd, which need no Graphviz."
        ) from None
    except graphviz.CalledProcessError as err:
        raise OrgGraphError(f"Graphviz failed to render the chart: {err.stderr.decode(errors='replace').strip()}") from err


def _a4(chart: Chart) -> dict[str, str]:
    """PDF settings: scaled down to fit an A4 page, upright or landscape, whichever shows it larger."""
    width, height = (float(v) for v in _render(generate_dot(chart), "plain").split()[2:4])
    short, long = _A4
    upright = min(short / width, long / height)
    landscape = min(long / width, short / height)
    return {"size": f"{short},{long}" if upright >= landscape else f"{long},{short}"}


def chart_bytes(chart: Chart, fmt: str) -> bytes:
    """The chart in ``fmt`` (one of :data:`FORMATS`) as bytes."""
    if fmt == "mmd":
        return generate_mermaid(chart).encode("utf-8")
    if fmt == "dot":
        return generate_dot(chart).encode("utf-8")
    settings = _a4(chart) if fmt == "pdf" else _RENDER[fmt]
    return _render(generate_dot(chart, settings), fmt)


def write_chart(chart: Chart, path: Path, fmt: str | None = None) -> Path:
    """Write one chart to ``path`` in ``fmt`` (default: by suffix), atomically."""
    path = Path(path)
    atomic_write_bytes({path: chart_bytes(chart, chart_format(path, fmt))})
    return path


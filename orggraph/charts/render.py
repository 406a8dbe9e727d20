"""Write charts in the formats their users need, at final size: nothing is ever scaled down.

- **PDF**: vector, with the font embedded, at the figure's final size (for PDF notes).
- **SVG**: sized in centimetres, text in a font stack Word and browsers have (Arial, then
  Liberation Sans, Helvetica, sans-serif), for the web and for current Word.
- **PNG**: 300 dpi at final size, with the resolution stored in the file (a pHYs chunk), so
  Word inserts a 16 cm figure at 16 cm.
- **DOT** and **Mermaid** text, which need no Graphviz.

SVG, PNG and PDF are rendered by Graphviz's ``dot`` program; without it, the error says
how to install it. :func:`fit` says when a figure is larger than the page it is drawn
for, so a builder can split or shorten it rather than let it be shrunk.

May import: exceptions, atomic, charts.

>>> import tempfile, pathlib
>>> from orggraph import load
>>> from orggraph.charts.build import build_chart
>>> with tempfile.TemporaryDirectory() as tmp:
...     out = write_chart(build_chart(load(), "region", "KKR Sjælland"), pathlib.Path(tmp) / "sjaelland.mmd")
...     out.name, out.read_text(encoding="utf-8").startswith("---")
('sjaelland.mmd', True)
"""

from __future__ import annotations

__all__ = ["FORMATS", "BINARY", "chart_format", "chart_bytes", "write_chart", "natural_size", "fit", "png_dpi"]

import re
import struct
import zlib
from pathlib import Path

from orggraph.atomic import atomic_write_bytes, is_stdout
from orggraph.charts import FORMATS
from orggraph.charts.dot import generate_dot
from orggraph.charts.mermaid import generate_mermaid
from orggraph.charts.spec import Chart
from orggraph.charts.style import PAGES, SVG_FONTS
from orggraph.exceptions import OrgGraphError, UsageError

#: The formats that are not text.
BINARY = ("png", "pdf")
#: Print resolution of PNG files.
DPI = 300


def chart_format(path: Path, fmt: str | None = None) -> str:
    """The output format: ``fmt`` if given, else the file's suffix; an unknown one is a usage error."""
    if fmt is None and is_stdout(path):
        raise UsageError("writing a chart to standard output needs --format (svg, png, pdf, dot or mmd)")
    chosen = (fmt or Path(path).suffix.lstrip(".")).lower()
    if chosen == "gv":
        chosen = "dot"
    if chosen not in FORMATS:
        raise UsageError(f"{str(path)!r}: unknown chart format {chosen!r}. Choose from: {', '.join(FORMATS)} (by suffix or --format)")
    return chosen


def _render(dot_text: str, fmt: str) -> bytes:
    import graphviz

    try:
        return graphviz.Source(dot_text).pipe(format=fmt)
    except graphviz.ExecutableNotFound:
        raise OrgGraphError(
            f"rendering {fmt.upper()} needs Graphviz's 'dot' program, which was not found. "
            "Install it (Debian/Ubuntu: 'sudo apt-get install graphviz'; see https://graphviz.org/download/), "
            "or write .dot or .mmd, which need no Graphviz."
        ) from None
    except graphviz.CalledProcessError as err:
        raise OrgGraphError(f"Graphviz failed to render the chart: {err.stderr.decode(errors='replace').strip()}") from err


def natural_size(chart: Chart) -> tuple[float, float]:
    """The figure's width and height in points, as laid out, at 100 %."""
    head = _render(generate_dot(chart, {"dpi": "72"}), "svg")[:600].decode("utf-8")
    width, height = (float(re.search(rf'{side}="([\d.]+)pt"', head).group(1)) for side in ("width", "height"))
    return width, height


def fit(chart: Chart) -> list[str]:
    """Warnings when the figure is larger than the page it is drawn for (it is never shrunk)."""
    page = PAGES[chart.page]
    width, height = natural_size(chart)
    found = []
    if width > page.width + 0.5:
        found.append(f"{chart.key}: {width / 72 * 2.54:.1f} cm wide, wider than the {page.name} "
                     f"({page.width / 72 * 2.54:.1f} cm); it is not shrunk, so split or shorten it")
    if height > page.height + 0.5:
        found.append(f"{chart.key}: {height / 72 * 2.54:.1f} cm tall, taller than the {page.name} "
                     f"({page.height / 72 * 2.54:.1f} cm); it is not shrunk, so split or shorten it")
    return found


def png_dpi(png: bytes, dpi: int = DPI) -> bytes:
    """``png`` with its resolution recorded (a pHYs chunk right after the header), replacing any it had."""
    pixels_per_metre = round(dpi / 0.0254)
    body = b"pHYs" + struct.pack(">IIB", pixels_per_metre, pixels_per_metre, 1)
    chunk = struct.pack(">I", 9) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)
    head, rest = png[:33], png[33:]  # signature (8) + IHDR (25)
    out, pos = [head], 0
    while pos < len(rest):
        length = struct.unpack(">I", rest[pos:pos + 4])[0]
        kind = rest[pos + 4:pos + 8]
        if kind != b"pHYs":
            out.append(rest[pos:pos + 12 + length])
        pos += 12 + length
    return out[0] + chunk + b"".join(out[1:])


def _svg(data: bytes) -> bytes:
    """SVG in centimetres with a font stack Word users have."""
    text = data.decode("utf-8")

    def cm(match: re.Match) -> str:
        return f'{match.group(1)}="{float(match.group(2)) / 72 * 2.54:.2f}cm"'

    head_end = text.index(">", text.index("<svg"))
    head = re.sub(r'\b(width|height)="([\d.]+)pt"', cm, text[:head_end])
    body = re.sub(r'font-family="[^"]*"', f'font-family="{SVG_FONTS}"', text[head_end:])
    return (head + body).encode("utf-8")


def chart_bytes(chart: Chart, fmt: str) -> bytes:
    """The chart in ``fmt`` (one of :data:`FORMATS`) as bytes, at final size."""
    if fmt == "mmd":
        return generate_mermaid(chart).encode("utf-8")
    if fmt == "dot":
        return generate_dot(chart).encode("utf-8")
    if fmt == "png":
        return png_dpi(_render(generate_dot(chart, {"dpi": str(DPI)}), "png"))
    data = _render(generate_dot(chart, {"dpi": "72"}), fmt)
    return _svg(data) if fmt == "svg" else _dated(data, chart.as_of)


def _dated(pdf: bytes, day: str | None) -> bytes:
    """The PDF with its creation date set to the chart's date, not the moment of rendering, so the
    same chart gives the same bytes (the field keeps its length, so the file's offsets stay right)."""
    stamp = (day or "2000-01-01").replace("-", "").encode()
    return re.sub(rb"/CreationDate \(D:\d{14}Z\)", b"/CreationDate (D:" + stamp + b"000000Z)", pdf)


def write_chart(chart: Chart, path: Path, fmt: str | None = None) -> Path:
    """Write one chart to ``path`` in ``fmt`` (default: by suffix); see :mod:`orggraph.atomic`."""
    atomic_write_bytes({path: chart_bytes(chart, chart_format(path, fmt))})
    return Path(path)

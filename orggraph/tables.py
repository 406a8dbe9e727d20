"""Plain-text tables and short source labels for the CLI's readable output.

May import: nothing of orggraph.

>>> print(render([["KKR", 5], ["RAR", 8]], ["Type", "Antal"]))
Type  Antal
----  -----
KKR   5
RAR   8
>>> source_label({"document": "seed-003", "locator": "KKR Sjælland"})
'seed-003 (KKR Sjælland)'
"""

from __future__ import annotations

__all__ = ["render", "cell", "source_label", "sources_label", "shorten", "printable", "terminal_width"]

import os
import re
import sys
import textwrap

#: Characters a terminal may act on: C0 and C1 controls, DEL, and the bidirectional overrides.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    r"""``text`` with every character a terminal could act on shown as an escape; newlines and tabs stay.

    >>> print(printable("KKR\x1b]0;pwned\x07 Fyn\u202e"))
    KKR\x1b]0;pwned\x07 Fyn\u202e
    """
    return _UNSAFE.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text)


def terminal_width() -> int | None:
    """The width to fit tables to: ``$COLUMNS``, else the terminal's when standard output is one, else none."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    try:
        return os.get_terminal_size(sys.stdout.fileno()).columns if sys.stdout.isatty() else None
    except (OSError, ValueError, AttributeError):
        return None


def shorten(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters, with an ellipsis when cut."""
    return text if len(text) <= width else text[: width - 1] + "…"


def _fit(widths: list[int], headers: list[str], total: int) -> list[int]:
    """Narrow the widest columns until the row fits ``total`` characters (never below 6 or the header's first word)."""
    widths = list(widths)
    floors = [min(w, max(6, len(h.split()[0]) if h.split() else 6)) for w, h in zip(widths, headers)]
    room = total - 2 * (len(widths) - 1)
    while sum(widths) > room:
        i = max(range(len(widths)), key=lambda k: widths[k] - floors[k])
        if widths[i] <= floors[i]:
            break
        widths[i] -= 1
    return widths


def render(rows: list[list], headers: list[str], max_width: int = 60, width: int | None = None) -> str:
    """Rows as aligned columns under a header.

    Cells longer than ``max_width`` are cut. The table is fitted to ``width`` characters
    (default: :func:`terminal_width`) by wrapping the widest columns onto more lines; with
    no width known (output into a pipe or file), lines are as long as the cells need.
    Control characters are shown as escapes (:func:`printable`).
    """
    cells = [[shorten(printable(" ".join(("" if c is None else str(c)).split())), max_width) for c in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    width = terminal_width() if width is None else width
    if width:
        widths = _fit(widths, headers, width)
    lines = []
    for row in [headers, ["-" * w for w in widths], *cells]:
        parts = [textwrap.wrap(c, w, break_on_hyphens=False) or [""] for c, w in zip(row, widths)]
        for k in range(max(len(p) for p in parts)):
            lines.append("  ".join((p[k] if k < len(p) else "").ljust(w) for p, w in zip(parts, widths)).rstrip())
    return "\n".join(lines)


def cell(value) -> str:
    """A value as table text: lists joined by commas, maps as JSON, null as empty.

    >>> cell(["UDPEGER", "MEDLEM_AF"]), cell(None), cell({"a": 1}), cell(True)
    ('UDPEGER, MEDLEM_AF', '', '{"a":1}', 'true')
    """
    import json

    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ", ".join(cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return str(value)


def source_label(source: dict) -> str:
    """A source abbreviated to its document id and locator."""
    return f"{source['document']} ({source['locator']})"


def sources_label(sources: list[dict]) -> str:
    """Several sources abbreviated to their distinct document ids."""
    return ", ".join(dict.fromkeys(s["document"] for s in sources))

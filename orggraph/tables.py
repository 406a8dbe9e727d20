"""Plain-text tables and short source labels for the CLI's readable output.

>>> print(render([["KKR", 5], ["RAR", 8]], ["Type", "Antal"]))
Type  Antal
----  -----
KKR   5
RAR   8
>>> source_label({"document": "seed-003", "locator": "KKR Sjælland"})
'seed-003 (KKR Sjælland)'
"""

from __future__ import annotations

__all__ = ["render", "cell", "source_label", "sources_label", "shorten"]


def shorten(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters, with an ellipsis when cut."""
    return text if len(text) <= width else text[: width - 1] + "…"


def render(rows: list[list], headers: list[str], max_width: int = 60) -> str:
    """Rows as aligned columns under a header; cells longer than ``max_width`` are cut."""
    cells = [[shorten("" if c is None else str(c), max_width) for c in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in cells]) for i, h in enumerate(headers)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
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

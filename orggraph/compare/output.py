"""The comparison of the regions (:func:`orggraph.compare.compare`) as a terminal table,
Markdown, CSV, JSON and an Excel workbook (one sheet for the matrix, one for the evidence).

In Markdown each cell links to its evidence further down the page; in the workbook the
"Evidens" sheet has one row per cited source of every cell.

May import: exceptions, atomic, tables, formats, compare.

>>> from orggraph import load
>>> from orggraph.compare import compare
>>> text = generate_matrix(compare(load(), ["Nordjylland", "Sjælland"]), "csv").decode()
>>> text.splitlines()[0]
'feature,label,KKR Nordjylland,KKR Sjælland'
"""

from __future__ import annotations

__all__ = ["MATRIX_FORMATS", "generate_matrix", "evidence_rows", "matrix_format", "write_matrix", "COMPARE_FILES", "compare_files"]

import csv
import html
import io
import json
from pathlib import Path

from orggraph.atomic import atomic_write_bytes
from orggraph.compare import MATRIX_FORMATS
from orggraph.exceptions import OrgGraphError, UsageError
from orggraph.formats.workbook import workbook_bytes

_SUFFIXES = {".md": "md", ".csv": "csv", ".json": "json", ".xlsx": "xlsx", ".txt": "table"}
#: The files of ``exports/compare/``.
COMPARE_FILES = ("sammenligning.md", "sammenligning.xlsx")


def _text(value) -> str:
    return "–" if value is None else str(value)


def _header(result: dict) -> list[str]:
    return [result["names"][a] for a in result["regions"]]


def evidence_rows(result: dict) -> list[list]:
    """One row per cell and cited source: feature, region, id, kind or type, document, title, locator, quote."""
    rows = []
    for feature in result["features"]:
        for area in result["regions"]:
            for item in feature["evidence"][area]:
                what = item.get("kind") or item.get("type")
                for source in item["sources"] or [{}]:
                    rows.append([feature["feature"], area, item["id"], what, source.get("document"), source.get("title"),
                                 source.get("locator"), source.get("quote")])
    return rows


def _table(result: dict) -> str:
    from orggraph.tables import render

    rows = [[f["label"]] + [_text(f["values"][a]) for a in result["regions"]] for f in result["features"]]
    return render(rows, ["Egenskab"] + _header(result), max_width=48) + "\n"


def _anchor(feature: str, area: str) -> str:
    return f"ev-{feature}-{area}".replace(".", "-")


def _md_cell(text: str) -> str:
    """Text safe in a Markdown table cell: no raw HTML, no cell break, one line."""
    return html.escape(str(text), quote=False).replace("|", "\\|").replace("\n", " ")


def _markdown(result: dict) -> str:
    stamp = f" pr. {result['as_of']}" if result.get("as_of") else " (alle fakta i data, med perioder)"
    lines = [f"# Sammenligning af KKR-områderne{stamp}", "",
             "Hver celle er beregnet fra grafen af `orggraph compare`; klik på en værdi for dens evidens "
             "(knuder og relationer med kilder).", "",
             "| Egenskab | " + " | ".join(map(_md_cell, _header(result))) + " |", "|---" * (len(result["regions"]) + 1) + "|"]
    for f in result["features"]:
        cells = [f"[{_md_cell(_text(f['values'][a]))}](#{_anchor(f['feature'], a)})" if f["evidence"][a] else _md_cell(_text(f["values"][a]))
                 for a in result["regions"]]
        lines.append(f"| {_md_cell(f['label'])} | " + " | ".join(cells) + " |")
    lines += ["", "## Evidens", ""]
    for f in result["features"]:
        for area in result["regions"]:
            if not f["evidence"][area]:
                continue
            lines.append(f'<a id="{_anchor(f["feature"], area)}"></a>**{_md_cell(f["label"])}, {_md_cell(result["names"][area])}**')
            lines.append("")
            for item in f["evidence"][area]:
                cited = "; ".join(f"{s['document']} ({s['locator']}): «{s['quote']}»" for s in item["sources"])
                lines.append(f"- `{item['id']}` ({item.get('kind') or item.get('type')}): {_md_cell(cited)}")
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _csv(result: dict) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["feature", "label"] + _header(result))
    for f in result["features"]:
        writer.writerow([f["feature"], f["label"]] + ["" if f["values"][a] is None else f["values"][a] for a in result["regions"]])
    return out.getvalue()


def _xlsx(result: dict) -> bytes:
    matrix = ("Sammenligning", ["feature", "label"] + _header(result),
              [[f["feature"], f["label"]] + [f["values"][a] for a in result["regions"]] for f in result["features"]])
    evidence = ("Evidens", ["feature", "region", "id", "art_eller_relation", "document", "title", "locator", "quote"], evidence_rows(result))
    return workbook_bytes([matrix, evidence], result.get("as_of"))


def generate_matrix(result: dict, fmt: str) -> bytes:
    """The comparison in one format, as bytes."""
    if fmt == "xlsx":
        return _xlsx(result)
    writers = {"table": _table, "md": _markdown, "csv": _csv,
               "json": lambda r: json.dumps(r, ensure_ascii=False, indent=2) + "\n"}
    if fmt not in writers:
        raise OrgGraphError(f"unknown comparison format {fmt!r}. Choose from: {', '.join(MATRIX_FORMATS)}")
    return writers[fmt](result).encode("utf-8")


def matrix_format(path: Path | None, fmt: str | None) -> str:
    """The format asked for: ``fmt``, else the suffix of ``path``, else a table."""
    if fmt:
        return fmt
    if path is None:
        return "table"
    if path.suffix.lower() not in _SUFFIXES:
        raise UsageError(f"{path}: cannot tell the format from the suffix; use --format ({', '.join(MATRIX_FORMATS)})")
    return _SUFFIXES[path.suffix.lower()]


def write_matrix(result: dict, path: Path, fmt: str) -> Path:
    """Write the comparison to ``path`` atomically."""
    path = Path(path)
    if path.is_dir():
        raise OrgGraphError(f"{path} is a folder; give a file name, such as {path / COMPARE_FILES[0]}")
    atomic_write_bytes({path: generate_matrix(result, fmt)})
    return path


def compare_files(result: dict) -> dict[str, bytes]:
    """The files of ``exports/compare/``: the five regions as Markdown and XLSX."""
    return {name: generate_matrix(result, name.rsplit(".", 1)[1]) for name in COMPARE_FILES}

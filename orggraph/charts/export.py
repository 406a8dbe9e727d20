"""Regenerate every chart in a folder (the project's ``exports/charts/``): each figure as PDF,
SVG, PNG and Mermaid, with its caption beside it (``.txt`` and ``.json``), and a manifest
that lets a test tell when the files are stale.

``MANIFEST.json`` records, for each chart, the SHA-256 of its DOT and Mermaid text and its
caption (which depend only on the data and the code) and of each file written. When the
data or the drawing code changes, they change and the manifest no longer matches: run
``orggraph export charts -o exports/charts`` again.

May import: atomic, graph, charts.
"""

from __future__ import annotations

__all__ = ["CHART_FILES", "CAPTION_FILES", "export_charts", "chart_manifest", "stale_charts"]

import hashlib
import json
from pathlib import Path

from orggraph.atomic import atomic_write_bytes
from orggraph.charts.build import build_chart, export_keys
from orggraph.charts.caption import caption_files
from orggraph.charts.dot import generate_dot
from orggraph.charts.mermaid import generate_mermaid
from orggraph.charts.render import chart_bytes
from orggraph.graph import OrgGraph

#: The formats written for each chart, and its caption files.
CHART_FILES = ("pdf", "svg", "png", "mmd")
CAPTION_FILES = ("txt", "json")
MANIFEST = "MANIFEST.json"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _source_sha(chart) -> str:
    text = generate_dot(chart) + generate_mermaid(chart) + caption_files(chart)["json"].decode("utf-8")
    return _sha(text.encode("utf-8"))


def chart_manifest(graph: OrgGraph) -> dict[str, str]:
    """``{chart key: sha256 of its DOT and Mermaid text and caption}`` for every chart the export writes."""
    return {chart.key: _source_sha(chart) for chart in (build_chart(graph, kind, ref, as_of=day) for kind, ref, day in export_keys(graph))}


def export_charts(graph: OrgGraph, folder: Path) -> list[Path]:
    """Write every chart in every format of :data:`CHART_FILES`, with its caption files, into
    ``folder``, and ``MANIFEST.json``; all files at once.

    Chart files that an earlier export wrote (as its manifest records) and that this one no
    longer makes are removed. No other file in ``folder`` is touched: a figure of the
    user's own stays.
    """
    folder = Path(folder)
    before = _written_before(folder)
    files: dict[Path, bytes] = {}
    manifest: dict[str, dict] = {}
    for kind, ref, day in export_keys(graph):
        chart = build_chart(graph, kind, ref, as_of=day)
        entry = {"kind": kind, "ref": ref, "title": chart.title, "as_of": chart.as_of, "source_sha256": _source_sha(chart),
                 "files": {}}
        outputs = {fmt: chart_bytes(chart, fmt) for fmt in CHART_FILES} | caption_files(chart)
        for fmt, data in outputs.items():
            files[folder / f"{chart.key}.{fmt}"] = data
            entry["files"][f"{chart.key}.{fmt}"] = _sha(data)
        manifest[chart.key] = entry
    files[folder / MANIFEST] = (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    atomic_write_bytes(files)
    for name, sha in before.items():
        old = folder / name
        if old not in files and old.is_file() and not old.is_symlink() and _sha(old.read_bytes()) == sha:
            old.unlink()
    return sorted(files)


def _written_before(folder: Path) -> dict[str, str]:
    """``{file name: sha256}`` of the chart files the manifest in ``folder`` says an export wrote.

    Only plain names in ``folder`` count, so a doctored manifest cannot point elsewhere.
    """
    try:
        recorded = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        return {name: sha for entry in recorded.values() for name, sha in entry["files"].items()
                if isinstance(name, str) and name == Path(name).name and isinstance(sha, str)}
    except (OSError, ValueError, AttributeError, KeyError, TypeError):
        return {}


def stale_charts(graph: OrgGraph, folder: Path) -> list[str]:
    """What is out of date in ``folder``: charts whose DOT text changed, and files missing or edited."""
    folder = Path(folder)
    path = folder / MANIFEST
    if not path.exists():
        return [f"{path}: missing"]
    recorded = json.loads(path.read_text(encoding="utf-8"))
    problems = []
    current = chart_manifest(graph)
    for key, sha in current.items():
        entry = recorded.get(key)
        if entry is None:
            problems.append(f"{key}: not exported")
            continue
        if entry.get("source_sha256") != sha:
            problems.append(f"{key}: the data or the drawing code changed since the export")
        for name, file_sha in entry["files"].items():
            if not (folder / name).exists() or _sha((folder / name).read_bytes()) != file_sha:
                problems.append(f"{name}: missing or changed by hand")
    problems += [f"{key}: exported, but no longer made" for key in recorded if key not in current]
    return problems

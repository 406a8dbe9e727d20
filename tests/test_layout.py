"""The layout keeps its promises: imports point downwards with no circle, the vocabulary is
named only in model.py, and the README's "Where things are" names modules that exist.

The layers, bottom first (a module may import its own package and anything in a lower layer):

0. exceptions
1. model, text, atomic, tables, lazy
2. graph, colours
3. readwrite, queries
4. formats, and the package root ``orggraph`` (load and the lazy query re-exports)
5. compare, graphdb
6. charts
7. explorer
8. regenerate
9. cli
10. __main__
"""

import ast
import re
from pathlib import Path

import pytest

from orggraph.model import KINDS, RELATIONS

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "orggraph"

LAYERS = {
    "orggraph.exceptions": 0, "orggraph.progress": 0,
    "orggraph.model": 1, "orggraph.text": 1, "orggraph.atomic": 1, "orggraph.tables": 1, "orggraph.lazy": 1,
    "orggraph.graph": 2, "orggraph.colours": 2,
    "orggraph.readwrite": 3, "orggraph.queries": 3,
    "orggraph.formats": 4, "orggraph": 4,
    "orggraph.compare": 5, "orggraph.graphdb": 5, "orggraph.cypher": 5,
    "orggraph.charts": 6,
    "orggraph.explorer": 7,
    "orggraph.regenerate": 8,
    "orggraph.cli": 9,
    "orggraph.__main__": 10,
}
#: Marks a line whose literal is Danish text (a column header, a label) that a kind's name happens to equal.
NOT_VOCABULARY = "# text, not vocabulary"


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if "static" in path.parts:
            continue
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _unit(module: str) -> str:
    """The layer unit a module belongs to: the longest prefix named in LAYERS."""
    parts = module.split(".")
    for n in range(len(parts), 0, -1):
        if ".".join(parts[:n]) in LAYERS:
            return ".".join(parts[:n])
    raise AssertionError(f"{module} is in no layer; add it to LAYERS in {Path(__file__).name}")


def _imports(path: Path) -> set[str]:
    """Every orggraph module ``path`` imports, at the top or inside a function."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "orggraph"}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "orggraph":
            for alias in node.names:  # "from orggraph.queries import support" imports a module
                sub = f"{node.module}.{alias.name}"
                found.add(sub if sub in MODULES else node.module)
    return found


GRAPH = {module: _imports(path) for module, path in MODULES.items()}


def test_every_module_is_in_a_layer():
    assert all(_unit(m) for m in MODULES)


def test_imports_point_downwards():
    upward = []
    for module, imported in GRAPH.items():
        unit = _unit(module)
        for other in sorted(imported):
            other_unit = _unit(other)
            if other_unit == unit:
                continue
            if LAYERS[other_unit] >= LAYERS[unit]:
                upward.append(f"{module} (layer {LAYERS[unit]}) imports {other} (layer {LAYERS[other_unit]})")
    assert upward == []


def test_no_import_circle():
    """No module reaches itself through the imports (a package's __init__ re-exporting its own modules
    is not a circle: they do not import it back)."""
    circles = []

    def visit(module, trail):
        for other in sorted(GRAPH.get(module, ())):
            if other == trail[0]:
                circles.append(" -> ".join([*trail, other]))
            elif other not in trail and len(trail) < 12 and other in GRAPH:
                visit(other, [*trail, other])

    for module in GRAPH:
        visit(module, [module])
    assert circles == []


def test_the_import_check_sees_an_upward_import_and_a_circle(monkeypatch):
    """The checks above can fail: a graph module importing the charts is both."""
    monkeypatch.setitem(GRAPH, "orggraph.graph", GRAPH["orggraph.graph"] | {"orggraph.charts.style"})
    monkeypatch.setitem(GRAPH, "orggraph.charts.style", GRAPH["orggraph.charts.style"] | {"orggraph.graph"})
    with pytest.raises(AssertionError, match="orggraph.graph"):
        test_imports_point_downwards()
    with pytest.raises(AssertionError, match="orggraph.charts.style -> orggraph.graph"):
        test_no_import_circle()


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def vocabulary_literals(path: Path) -> list[str]:
    """``file:line: 'NAME'`` for each string literal in ``path`` that is a kind or relation name."""
    text = path.read_text(encoding="utf-8")
    lines, tree = text.splitlines(), ast.parse(text)
    docs, found = _docstrings(tree), []
    for node in ast.walk(tree):
        if (isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs
                and (node.value in KINDS or node.value in RELATIONS)
                and NOT_VOCABULARY not in lines[node.lineno - 1]):
            found.append((node.lineno, f"{path.relative_to(ROOT)}:{node.lineno}: {node.value!r}"))
    return [hit for _, hit in sorted(found)]


def test_no_kind_or_relation_literal_outside_the_model():
    """Code names kinds and relations as Kind.X and Rel.X (orggraph.model), never as strings."""
    stray = [hit for module, path in MODULES.items() if module != "orggraph.model" for hit in vocabulary_literals(path)]
    assert stray == []


def test_the_literal_check_sees_a_stray_literal(tmp_path, monkeypatch):
    monkeypatch.setattr(__import__(__name__), "ROOT", tmp_path)
    module = tmp_path / "m.py"
    module.write_text('"""Doc: MEDLEM_AF."""\nx = g.edges("MEDLEM_AF")\ny = ["Organ", "Navn"]  # text, not vocabulary\nz = "KKR"\n')
    assert vocabulary_literals(module) == ["m.py:2: 'MEDLEM_AF'", "m.py:4: 'KKR'"]


def _where_things_are() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Where things are", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"`(orggraph/[\w/.]+)`", section)


def test_where_things_are_names_modules_that_exist():
    named = _where_things_are()
    assert len(named) >= 20, named
    missing = [name for name in named if not (ROOT / name).exists()]
    assert missing == []


def test_where_things_are_names_every_module():
    """A newcomer finds every module of the package in the README's map (a folder entry covers its modules)."""
    named = _where_things_are()
    folders = [n for n in named if n.endswith("/")]
    unnamed = [str(p.relative_to(ROOT)) for p in MODULES.values()
               if str(p.relative_to(ROOT)) not in named and not any(str(p.relative_to(ROOT)).startswith(f) for f in folders)]
    assert unnamed == []


def declared_imports(path: Path) -> set[str] | None:
    """The units a module's docstring says it may import (``May import: graph, model.``), or None."""
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    found = re.search(r"May import: (.*?)\.(?:\s|$)", doc, re.S)
    if not found:
        return None
    text = " ".join(found.group(1).split())
    if text == "nothing of orggraph":
        return set()
    return {"orggraph" if name == "the package root" else f"orggraph.{name}" for name in text.split(", ")}


def test_every_module_says_what_it_may_import():
    """Each module's docstring names the parts of orggraph it imports, and the names stay true."""
    wrong = []
    for module, path in MODULES.items():
        declared = declared_imports(path)
        used = {_unit(other) for other in GRAPH[module]}
        if declared is None:
            wrong.append(f"{module}: no 'May import:' line")
        elif used - declared:
            wrong.append(f"{module} imports {', '.join(sorted(used - declared))} but says 'May import: {', '.join(sorted(declared))}'")
        elif unknown := [d for d in declared if d not in LAYERS]:
            wrong.append(f"{module} names {unknown}, which are no part of orggraph")
    assert wrong == []


def test_the_docstring_check_sees_an_import_it_does_not_name(monkeypatch):
    monkeypatch.setitem(GRAPH, "orggraph.text", GRAPH["orggraph.text"] | {"orggraph.model"})
    with pytest.raises(AssertionError, match="orggraph.text imports orggraph.model"):
        test_every_module_says_what_it_may_import()

"""The generated national data and the floors, made once per benchmark session, and the
report of every row (printed at the end, or written to ``$ORGGRAPH_BENCH_REPORT``).

Run on purpose (``norecursedirs`` keeps the ordinary suite out of this folder):

    .venv/bin/python3 -m pytest tests/benchmarks --benchmark-only

See ``_bench.py`` for the settings (size, timeout, rounds).
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _bench as B
from generated import expected, write_generated, write_yaml_folder

_STARTED = {}
_PARENT = {}


def pytest_configure(config):
    """Remember ``tests/conftest.py``: this file takes the module name ``conftest`` from it."""
    parent = str(Path(__file__).resolve().parents[1] / "conftest.py")
    for plugin in config.pluginmanager.get_plugins():
        if getattr(plugin, "__file__", None) == parent:
            _PARENT["module"] = plugin


def __getattr__(name):
    """``tests/browser.py`` imports helpers with ``from conftest import ...``; pytest leaves this
    file under that name, so they are looked up in ``tests/conftest.py``."""
    if "module" in _PARENT and not name.startswith("__"):
        return getattr(_PARENT["module"], name)
    raise AttributeError(name)


def pytest_sessionstart(session):
    import time

    _STARTED["t"] = time.time()


@pytest.fixture(scope="session")
def csv_pair(tmp_path_factory):
    """The CSV pair of ``ORGGRAPH_BENCH_AREAS`` areas."""
    folder = tmp_path_factory.mktemp("csv-pair")
    counts = write_generated(folder, B.AREAS)
    assert counts == expected(B.AREAS), counts
    B.ROWS_META["dataset"] = (f"{B.AREAS:,} areas: {counts[0]:,} nodes, {counts[1]:,} edges "
                              f"(nodes.csv {os.path.getsize(folder / 'nodes.csv') / 1e6:.1f} MB, "
                              f"edges.csv {os.path.getsize(folder / 'edges.csv') / 1e6:.1f} MB)")
    return folder


@pytest.fixture(scope="session")
def yaml_folder(tmp_path_factory):
    """The same data as a YAML directory: sources.yaml, national.yaml and one file per area."""
    folder = tmp_path_factory.mktemp("yaml-folder")
    assert write_yaml_folder(folder, B.AREAS) == expected(B.AREAS)
    return folder


@pytest.fixture(scope="session")
def cache(tmp_path_factory, csv_pair):
    """A cache folder holding the CSV pair's cached graph (the "cached" rows)."""
    return B.warm_cache(tmp_path_factory.mktemp("cache"), csv_pair)


@pytest.fixture(scope="session")
def load_floor(csv_pair):
    return B.floor("load floor", [B.PYTHON, B.FLOORS, "load", str(csv_pair)],
                   note="csv module + networkx MultiDiGraph")


@pytest.fixture(scope="session")
def export_floor(csv_pair, tmp_path_factory):
    out = tmp_path_factory.mktemp("export-floor") / "floor.graphml"
    return B.floor("export floor", [B.PYTHON, B.FLOORS, "export", str(csv_pair), str(out)],
                   note="load floor + networkx write_graphml")


@pytest.fixture(scope="session")
def pickle_floor(csv_pair, tmp_path_factory):
    out = tmp_path_factory.mktemp("pickle") / "graph.pickle"
    made = B.run([B.PYTHON, B.FLOORS, "pickle-write", str(csv_pair), str(out)])
    assert made.ok, made.stderr
    return B.floor("unpickle floor", [B.PYTHON, B.FLOORS, "pickle", str(out)],
                   note=f"import networkx, typer; unpickle a plain MultiDiGraph, {out.stat().st_size / 1e6:.0f} MB")


@pytest.fixture(scope="session")
def yaml_floor(yaml_folder):
    return B.floor("YAML floor", [B.PYTHON, B.FLOORS, "yaml", str(yaml_folder)], rounds=1,
                   note="PyYAML CSafeLoader reads the same files")


@pytest.fixture(scope="session")
def startup_floor():
    return B.floor("start-up floor", [B.PYTHON, B.FLOORS, "startup"], note="import networkx, typer")


def pytest_terminal_summary(terminalreporter):
    if not B.ROWS:
        return
    import time

    commit = subprocess.run(["git", "-C", str(B.HERE), "rev-parse", "HEAD"], check=False, capture_output=True, text=True).stdout.strip()
    header = "\n".join([
        "orggraph scale benchmarks (issue 20)",
        "",
        f"- dataset: {B.ROWS_META.get('dataset', f'{B.AREAS:,} areas')}",
        f"- code: {os.environ.get('ORGGRAPH_BENCH_CODE', commit or 'unknown')}",
        f"- timeout per command {B.TIMEOUT:.0f} s; {B.ROUNDS} rounds for seconds-long rows, 1 for the very slow",
        f"- whole session {time.time() - _STARTED.get('t', time.time()):.0f} s",
    ])
    text = B.table(header)
    target = os.environ.get("ORGGRAPH_BENCH_REPORT")
    if target:
        Path(target).write_text(text, encoding="utf-8")
        terminalreporter.write_line(f"benchmark report written to {target}")
    terminalreporter.section("orggraph scale benchmarks")
    for row in B.ROWS.values():
        terminalreporter.write_line(B.line(row))
    terminalreporter.write_line("")
    terminalreporter.write(text)

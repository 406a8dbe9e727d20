"""Shared fixtures: the packaged graph, loaded once, and a CLI runner.

The load cache is redirected for every test and doctest by the root ``conftest.py``.
"""

import functools
import os
import shutil
from collections import Counter
from pathlib import Path
from typing import NoReturn

import pytest
import yaml
from typer.testing import CliRunner

import orggraph

ROOT = Path(__file__).resolve().parents[1]
#: ../shared beside the checkout: the seed documents and the reference frame.
SHARED = ROOT.parent / "shared"
#: The packaged data files, read here with PyYAML alone, not through orggraph's loader.
DATA_FILES = ROOT / "orggraph" / "data"


@pytest.fixture(scope="session")
def graph():
    return orggraph.load(cache=False)


@pytest.fixture
def runner():
    return CliRunner()


def same_graph(a, b) -> bool:
    """Equal nodes and edges, every field, whatever the order."""
    by_id = lambda record: record["id"]  # noqa: E731
    return (sorted(a.node_records(), key=by_id) == sorted(b.node_records(), key=by_id)
            and sorted(a.edge_records(), key=by_id) == sorted(b.edge_records(), key=by_id))


@functools.cache
def data_records() -> dict[str, list[dict]]:
    """``{"nodes", "edges", "documents"}``: every record of ``orggraph/data/*.yaml`` as PyYAML reads it.

    Expected counts come from here, so a test compares what orggraph built with what the
    files hold rather than with a number typed in by hand.
    """
    out = {"nodes": [], "edges": [], "documents": []}
    for path in sorted(DATA_FILES.glob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        for section in out:
            out[section] += data.get(section) or []
    return out


def edge_key(record: dict) -> str:
    """An edge's id as the data files imply it: ``from:TYPE:to``."""
    return record.get("id") or f"{record['from']}:{record['type']}:{record['to']}"


#: A small valid dataset (two nodes, one edge, quoting seed 003) for tests that break one rule at a time.
SMALL_DATASET = """\
area: kkr-sjaelland
nodes:
  - id: kkr-sjaelland
    kind: KKR
    name: KKR Sjælland
    sources:
      - {document: seed-003, locator: KKR Sjælland, quote: "KKR Sjælland godkendte den 2. marts 2015"}
  - id: organ-asb
    kind: Organ
    name: ASB
    sources:
      - {document: seed-003, locator: Organisering, quote: "administrativ styregruppe for beskæftigelsesområdet (ASB)"}
edges:
  - from: organ-asb
    type: UNDERSTOETTER
    to: kkr-sjaelland
    sources:
      - {document: seed-003, locator: Organisering, quote: "som forbereder sager til behandling i KKR"}
"""


def check_yaml(folder: Path, data: str) -> list[str]:
    """Validate ``data`` as ``folder/data.yaml`` (with a register citing seed 003): the problems as printed lines.

    Run it from ``folder`` (``monkeypatch.chdir``) for file names without a folder.
    """
    from orggraph.readwrite.load import check_dataset

    (folder / "data.yaml").write_text(data, encoding="utf-8")
    (folder / "sources.yaml").write_text(
        "documents:\n  - {id: seed-003, kind: seed, file: 003_d7c2b5fffb7635c3.txt, title: KL-notat om de fem KKR-områders organisering}\n",
        encoding="utf-8")
    return [str(e) for e in check_dataset(folder).errors]


def cli_commands() -> dict[tuple[str, ...], object]:
    """Every command the typer app ``orggraph.cli.app`` registers, sub-commands of its groups
    included (``("neo4j", "push")``), mapped to its click command."""
    import typer.main

    from orggraph.cli import app

    def walk(group, prefix):
        for name, command in group.commands.items():
            yield (*prefix, name), command
            if hasattr(command, "commands"):  # a group such as neo4j
                yield from walk(command, (*prefix, name))

    return dict(walk(typer.main.get_command(app), ()))


def data_counts() -> dict[str, dict[str, int]]:
    """``{"nodes": {kind: n}, "edges": {type: n}}`` counted in the data files (the shape of ``OrgGraph.counts()``)."""
    records = data_records()
    return {"nodes": dict(Counter(n["kind"] for n in records["nodes"])),
            "edges": dict(Counter(e["type"] for e in records["edges"]))}


def unavailable(reason: str) -> NoReturn:
    """What a test does when something it needs is missing: fail in CI (``CI`` set), skip elsewhere.

    CI installs everything (``.ci/setup``), so there a missing tool is a broken setup, not
    a reason to pass quietly.
    """
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI must run every test", pytrace=False)
    pytest.skip(reason)


def require_binary(name: str, install: str) -> str:
    """The path of program ``name``, or :func:`unavailable` saying how to ``install`` it."""
    path = shutil.which(name)
    if path is None:
        unavailable(f"{name!r} is not on PATH ({install})")
    return path


def shared_dir() -> Path:
    """../shared, or :func:`unavailable` when it is not beside the checkout."""
    if not SHARED.is_dir():
        unavailable(f"{SHARED} is not beside the checkout")
    return SHARED


@pytest.hookimpl(tryfirst=True)  # before -m deselects
def pytest_collection_modifyitems(items):
    """Every test on the Bolt server is marked ``bolt``, so ``-m "not bolt"`` leaves them out."""
    for item in items:
        if "bolt_server" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.bolt)


def pytest_runtest_setup(item):
    """A ``render`` test needs Graphviz's ``dot``: it fails in CI without it, and skips elsewhere."""
    if item.get_closest_marker("render"):
        require_binary("dot", "apt-get install graphviz")


BOLT_PASSWORD = "orggraph-test-pw"


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def bolt_server(tmp_path_factory):
    """A real Bolt server (ArcadeDB from arcadedb-embedded) on 127.0.0.1, for the whole session.

    Yields ``{"uri", "user", "password", "database"}``. Without the package it is
    :func:`unavailable`: a failure in CI, a skip elsewhere.
    """
    import importlib.util
    import subprocess
    import sys

    if importlib.util.find_spec("arcadedb_embedded") is None:
        unavailable("arcadedb-embedded is not installed, so there is no Bolt server (pip install -e '.[test]')")
    bolt, http = _free_port(), _free_port()
    root = tmp_path_factory.mktemp("arcadedb")
    env = {**os.environ, "NEO4J_PASSWORD": BOLT_PASSWORD}
    server = subprocess.Popen([sys.executable, str(Path(__file__).with_name("boltserver.py")), str(root), str(bolt), str(http), "orggraph"],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env, cwd=root)
    line = server.stdout.readline()
    if line.strip() != "READY":
        server.kill()
        pytest.fail(f"the Bolt server did not start (it said {line!r})")
    yield {"uri": f"bolt://127.0.0.1:{bolt}", "user": "root", "password": BOLT_PASSWORD, "database": "orggraph"}
    server.stdin.close()
    try:
        server.wait(timeout=60)
    except subprocess.TimeoutExpired:
        server.kill()


@pytest.fixture
def store(bolt_server):
    """An empty database on the Bolt server, as a connected :class:`orggraph.graphdb.store.Store`."""
    from orggraph.graphdb.store import connect

    with connect(bolt_server["uri"], bolt_server["user"], bolt_server["password"], bolt_server["database"]) as opened:
        with opened._session() as session:
            session.run("MATCH (n) DETACH DELETE n").consume()
        yield opened

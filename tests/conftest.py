"""Shared fixtures: the packaged graph, loaded once, and a CLI runner.

The load cache is redirected for every test and doctest by the root ``conftest.py``.
"""

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

import orggraph

#: ../shared beside the checkout: the seed documents and the reference frame.
SHARED = Path(__file__).resolve().parents[2] / "shared"


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


def shared_dir() -> Path:
    """../shared, or skip (outside CI only) when it is not there."""
    if not SHARED.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{SHARED} is missing; CI must run with ../shared beside the checkout")
        pytest.skip(f"{SHARED} is not beside the checkout")
    return SHARED


BOLT_PASSWORD = "orggraph-test-pw"


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def bolt_server(tmp_path_factory):
    """A real Bolt server (ArcadeDB from arcadedb-embedded) on 127.0.0.1, for the whole session.

    Yields ``{"uri", "user", "password", "database"}``. Skipped only outside CI when the
    package is not installed; in CI a missing package fails.
    """
    import importlib.util
    import subprocess
    import sys

    if importlib.util.find_spec("arcadedb_embedded") is None:
        if os.environ.get("CI"):
            pytest.fail("arcadedb-embedded is not installed; CI must test Neo4j code on a real Bolt server")
        pytest.skip("arcadedb-embedded is not installed (pip install -e '.[test]')")
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
    """An empty database on the Bolt server, as a connected :class:`orggraph.neo4jdb.Store`."""
    from orggraph.neo4jdb import connect

    with connect(bolt_server["uri"], bolt_server["user"], bolt_server["password"], bolt_server["database"]) as opened:
        with opened._session() as session:
            session.run("MATCH (n) DETACH DELETE n").consume()
        yield opened

"""For every test and every doctest (pytest collects ``tests/`` and ``orggraph/``):
the load cache goes to pytest's temporary folder, never to ``~/.cache/orggraph``.

Also registers the markers, so ``--strict-markers`` accepts them:
``-m "not bolt and not render"`` is the quick inner loop.
"""

import pytest


def pytest_configure(config):
    config.addinivalue_line("markers", "render: needs Graphviz's dot binary (fails in CI when missing, else skips)")
    config.addinivalue_line("markers", "bolt: needs the Bolt server from arcadedb-embedded (fails in CI when missing, else skips)")


def pytest_ignore_collect(collection_path):
    """Never walk ``node_modules`` (tests/js holds about 30,000 files of mermaid-cli): it costs
    two seconds a run, and ``--doctest-modules`` would import any Python file found there.

    pyproject's ``norecursedirs`` replaces pytest's default list, which has ``node_modules``.
    """
    if collection_path.name == "node_modules":
        return True
    return None


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch):
    """Keep the load cache out of the user's home directory, in tests and doctests alike."""
    monkeypatch.setenv("ORGGRAPH_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))
    monkeypatch.delenv("COLUMNS", raising=False)  # tables are fitted to $COLUMNS: tests set it themselves

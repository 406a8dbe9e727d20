"""Shared fixtures: the packaged graph, loaded once, and a CLI runner."""

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


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch):
    """Keep the load cache out of the user's home directory during tests."""
    monkeypatch.setenv("ORGGRAPH_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))


def shared_dir() -> Path:
    """../shared, or skip (outside CI only) when it is not there."""
    if not SHARED.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"{SHARED} is missing; CI must run with ../shared beside the checkout")
        pytest.skip(f"{SHARED} is not beside the checkout")
    return SHARED

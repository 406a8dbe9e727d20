"""The built wheel, installed in a fresh virtual environment, works outside the checkout.

Every other test imports orggraph from the editable checkout, where ``cypher/`` sits beside
the package, so a file the wheel forgets goes unnoticed there. This module builds the wheel
from a copy of the source, installs it (with its dependencies, from pip's index and cache)
into a new venv under tmp_path, and runs the installed ``orggraph`` from a folder outside
the checkout: validate, export all, neo4j push and a named query on the Bolt server.

A last test runs ``.ci/setup`` on a copy of the source with the system's own Python (Debian 12's
refuses a bare ``pip install``), which must make ``.venv/`` and install orggraph there.

Building the wheel must work everywhere. Creating the venv or installing the dependencies
can fail for want of a network; outside CI that skips, in CI (``CI`` set) it fails.
"""

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from orggraph.regenerate import data_files
from orggraph.graphdb.named import twin_rows

from conftest import unavailable

ROOT = Path(__file__).resolve().parents[1]
#: What building and setting up need; not tests/ (whose broken inputs include a link to /dev/zero).
SOURCE = ("pyproject.toml", "README.md", "orggraph", "cypher", ".ci")


def _copy_source(to: Path) -> Path:
    """The files a build needs, copied to ``to`` (builds write build/ and *.egg-info: not into the checkout).

    Symbolic links are copied as links, never followed.
    """
    to.mkdir()
    for name in SOURCE:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, to / name, symlinks=True, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(ROOT / name, to / name, follow_symlinks=False)
    return to


def _run(args, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(args, capture_output=True, text=True, timeout=600, **kwargs)


def _tail(proc: subprocess.CompletedProcess) -> str:
    return f"exit {proc.returncode}\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}"


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """``{"wheel", "venv", "run"}``: the built wheel, the venv it is installed in, and a runner
    for the installed ``orggraph`` (cwd outside the checkout, no PYTHONPATH)."""
    base = tmp_path_factory.mktemp("wheel")
    source = _copy_source(base / "source")
    built = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(base / "dist"), str(source)])
    assert built.returncode == 0, f"pip wheel failed: {_tail(built)}"
    (wheel,) = (base / "dist").glob("orggraph-*.whl")
    venv = base / "venv"
    for step in ([sys.executable, "-m", "venv", str(venv)], [str(venv / "bin" / "python"), "-m", "pip", "install", "-q", str(wheel)]):
        done = _run(step)
        if done.returncode:
            unavailable(f"cannot build a fresh venv with the wheel ({' '.join(step[-3:])}): {_tail(done)}")
    elsewhere = base / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env.update(PATH=f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}", ORGGRAPH_CACHE_DIR=str(base / "cache"))

    def run(*args, extra_env=None) -> subprocess.CompletedProcess:
        return _run([str(venv / "bin" / "orggraph"), *args], cwd=elsewhere, env={**env, **(extra_env or {})})

    yield {"wheel": wheel, "venv": venv, "run": run, "cwd": elsewhere, "env": env}
    shutil.rmtree(venv, ignore_errors=True)  # 80 MB that pytest would otherwise keep for three runs


def test_the_wheel_holds_every_package_the_named_queries_the_schema_and_the_data(installed):
    names = set(zipfile.ZipFile(installed["wheel"]).namelist())
    packages = sorted(p.parent.relative_to(ROOT).as_posix() for p in (ROOT / "orggraph").rglob("__init__.py"))
    assert packages and [p for p in packages if f"{p}/__init__.py" not in names] == []
    cypher = sorted(p.name for p in (ROOT / "cypher").glob("*.cypher"))
    assert "schema.cypher" in cypher and [c for c in cypher if f"orggraph/cypher/{c}" not in names] == []
    data = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "orggraph" / "data").rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    assert data and [d for d in data if d not in names] == []


def test_the_installed_package_is_the_venvs_not_the_checkouts(installed):
    code = "import importlib.resources as r, orggraph; print(orggraph.__file__); print(r.files('orggraph.cypher').joinpath('schema.cypher').read_text()[:2])"
    shown = _run([str(installed["venv"] / "bin" / "python"), "-c", code], cwd=installed["cwd"], env=installed["env"])
    assert shown.returncode == 0, _tail(shown)
    where, start = shown.stdout.splitlines()
    assert Path(where).is_relative_to(installed["venv"]) and start == "//"


def _cells(xlsx: bytes) -> dict:
    import io

    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(xlsx), read_only=True)
    return {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)] for sheet in book.worksheets}


def test_installed_orggraph_validates_and_exports_everything(installed, graph, tmp_path):
    valid = installed["run"]("validate")
    assert valid.returncode == 0, _tail(valid)
    out = tmp_path / "out"
    exported = installed["run"]("export", "all", "-o", str(out))
    assert exported.returncode == 0, _tail(exported)
    assert "Traceback" not in exported.stderr
    want = data_files(graph)  # what the checkout writes; the wheel must write the same
    got = {p.relative_to(out / "data").as_posix(): p.read_bytes() for p in (out / "data").rglob("*") if p.is_file()}
    assert sorted(got) == sorted(want)
    assert [name for name in want if got[name] != want[name] and not name.endswith(".xlsx")] == []
    # openpyxl writes its XML with lxml when that is installed, with ElementTree otherwise, so
    # the workbook's bytes depend on the environment; its cells must not
    assert _cells(got["orggraph.xlsx"]) == _cells(want["orggraph.xlsx"])
    assert b"CREATE CONSTRAINT orggraph_kkr_id IF NOT EXISTS" in got["orggraph.cypher"]
    assert list((out / "charts").glob("*.svg")) and any((out / "compare").iterdir())
    from orggraph.regenerate import stale_explorer

    assert stale_explorer(graph, out / "explorer") == []  # the wheel ships the page's static files


def test_installed_orggraph_pushes_to_neo4j_and_runs_a_named_query(installed, graph, bolt_server):
    env = {"NEO4J_URI": bolt_server["uri"], "NEO4J_USER": bolt_server["user"], "NEO4J_PASSWORD": bolt_server["password"],
           "NEO4J_DATABASE": bolt_server["database"]}
    pushed = installed["run"]("neo4j", "push", "--wipe", extra_env=env)
    assert pushed.returncode == 0, _tail(pushed)
    edges = sum(graph.counts()["edges"].values())
    assert f"Wrote {len(graph)} nodes, {edges} relationships and {len(graph.documents)} documents" in pushed.stdout
    want = twin_rows(graph, "who_supports", {"target": "rar-fyn", "as_of": None})
    assert want, "RAR Fyn has supporters in the data"
    asked = installed["run"]("neo4j", "query", "who_supports", "-p", "target=rar-fyn", "--json", extra_env=env)
    assert asked.returncode == 0, _tail(asked)
    assert json.loads(asked.stdout) == want
    table = installed["run"]("neo4j", "query", "who_supports", "-p", "target=rar-fyn", extra_env=env)
    assert table.returncode == 0, _tail(table)
    assert want[0]["supporter"] in table.stdout and f"({len(want)} rows)" in table.stdout


SYSTEM_PYTHON = Path("/usr/bin/python3")


def test_ci_setup_works_with_the_systems_own_python(tmp_path):
    """.ci/setup on a copy of the checkout, with only the system's directories on PATH: Debian 12's
    Python refuses a bare pip install (PEP 668), so setup must make and use .venv/."""
    if not SYSTEM_PYTHON.exists():
        pytest.skip(f"{SYSTEM_PYTHON} is not here (CI runs on Debian 12, where it is)")
    source = _copy_source(tmp_path / "checkout")
    env = {"HOME": os.environ.get("HOME", str(tmp_path)), "PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
           "TMPDIR": str(tmp_path), "PYTHON": str(SYSTEM_PYTHON), "ORGGRAPH_CACHE_DIR": str(tmp_path / "cache")}
    env.update({k: v for k, v in os.environ.items() if k.startswith("PIP_")})  # the machine's package index, if any
    try:
        _check_ci_setup(source, tmp_path, env)
    finally:
        shutil.rmtree(source / ".venv", ignore_errors=True)  # 300 MB with the Bolt server's bundled JRE


def _check_ci_setup(source: Path, tmp_path: Path, env: dict) -> None:
    setup = _run(["bash", str(source / ".ci" / "setup")], cwd=tmp_path, env=env)
    if setup.returncode and "Could not find a version" in setup.stderr + setup.stdout:
        unavailable(f"no package index to install from: {_tail(setup)}")
    assert setup.returncode == 0, _tail(setup)
    assert "Traceback" not in setup.stderr
    written = [line.split(" (")[0] for line in setup.stdout.splitlines() if line.endswith(" arrows)")]
    assert len(written) == 1, setup.stdout  # the main job says where it drew the principle model
    chart = Path(written[0])
    assert chart.name == "principmodel.svg" and chart.parent.parent == tmp_path  # a folder of its own in $TMPDIR
    assert chart.read_text(encoding="utf-8").lstrip().startswith(("<?xml", "<svg"))
    python = source / ".venv" / "bin" / "python3"
    shown = _run([str(python), "-c", "import orggraph, sys; print(orggraph.__file__); print(sys.base_prefix)"], cwd=tmp_path)
    assert shown.returncode == 0, _tail(shown)
    where, base = shown.stdout.splitlines()
    assert Path(where).is_relative_to(source) and Path(base) == Path("/usr")  # editable, in a venv of the system's Python

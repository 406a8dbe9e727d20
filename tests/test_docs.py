"""The README stays true: its commands exist and its shown output is current."""

import re
from pathlib import Path

from orggraph.cli import app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _block_after(marker: str) -> str:
    start = README.index(marker)
    return README[start:].split("```", 2)[1].strip("\n")


def test_documented_commands_exist(runner):
    documented = set(re.findall(r"`orggraph ([a-z0-9-]+)", README))
    assert documented >= {"validate", "info", "find", "show"}
    for command in documented:
        assert runner.invoke(app, [command, "-h"]).exit_code == 0, command


def test_every_command_is_documented():
    import typer.main

    commands = typer.main.get_command(app).commands
    for name in commands:
        assert f"`orggraph {name}" in README, name


def test_info_output_in_readme_is_current(runner):
    assert _block_after("(`orggraph info`)") == runner.invoke(app, ["info"]).stdout.rstrip("\n")


def test_find_and_show_output_in_readme_are_current(runner):
    assert _block_after("(`orggraph find embedsmand`)") == runner.invoke(app, ["find", "embedsmand"]).stdout.rstrip("\n")
    assert _block_after("(`orggraph show Koordinationsgruppen`)") == runner.invoke(app, ["show", "Koordinationsgruppen"]).stdout.rstrip("\n")


def test_the_two_commands_are_in_the_readme():
    assert "bash .ci/setup" in README and "python3 -m pytest" in README
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    assert "bash .ci/setup" in ci and "python3 -m pytest" in ci


def test_doctests_write_nothing_outside_their_temporary_folder(tmp_path):
    """The doctests load() the graph and write files: the load cache and every file go to pytest's folder.

    Run the doctests that load (graph.py) and write (atomic.py, charts/render.py) in a fresh pytest
    with HOME, XDG_CACHE_HOME and TMPDIR pointing to empty folders, which must stay empty.
    """
    import os
    import subprocess
    import sys

    home, xdg, tmp, basetemp = (tmp_path / name for name in ("home", "xdg", "tmp", "basetemp"))
    for folder in (home, xdg, tmp):
        folder.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("ORGGRAPH_CACHE_DIR", "ORGGRAPH_NO_CACHE")}
    env.update(HOME=str(home), XDG_CACHE_HOME=str(xdg), TMPDIR=str(tmp))
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--basetemp", str(basetemp),
                           "orggraph/graph.py", "orggraph/atomic.py", "orggraph/charts/render.py"],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert [p for folder in (home, xdg, tmp) for p in folder.rglob("*")] == []
    assert list(basetemp.rglob("graph-*.pickle")), "the doctests' load() used no cache at all"

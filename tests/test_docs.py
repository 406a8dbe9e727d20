"""The README stays true: its commands exist and its shown output is current."""

import re
import shlex
from pathlib import Path

import pytest

from orggraph.cli import app

from conftest import cli_commands

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = cli_commands()


def _block_after(command: str) -> str:
    """The output the README shows for `orggraph COMMAND`: the code block that opens right
    after the paragraph naming the command in backticks, whatever the prose around it says."""
    marker = f"`orggraph {command}`"
    for found in re.finditer(re.escape(marker), README):
        rest = README[found.end():]
        paragraph_end = rest.find("\n\n")
        after = rest[paragraph_end:].lstrip("\n") if paragraph_end >= 0 else ""
        if after.startswith("```"):
            return after.split("\n", 1)[1].split("```", 1)[0].rstrip("\n")
    raise AssertionError(f"the README shows no output block after {marker}")


def test_documented_commands_exist():
    # leading global options (`orggraph --data mine/ --json info`) are skipped to reach the command
    documented = re.findall(r"`orggraph (?:--?[a-z][a-z-]*(?: [^-\s`][^\s`]*)? )*([a-z0-9][a-z0-9-]*)(?: ([a-z0-9][a-z0-9-]*))?", README)
    assert {first for first, _ in documented} >= {"validate", "info", "find", "show", "neo4j"}
    for first, second in documented:
        assert (first,) in COMMANDS, f"the README documents `orggraph {first}`, which does not exist"
        if hasattr(COMMANDS[(first,)], "commands"):  # a group: the next word is its sub-command
            assert (first, second) in COMMANDS, f"the README documents `orggraph {first} {second}`, which does not exist"


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_every_command_is_documented(path):
    assert f"`orggraph {' '.join(path)}" in README


#: Commands whose output the README shows in a block after them: (command line, exit code, shown part).
#: "all" is the whole output (stdout and stderr as a terminal shows them); "end", its last lines.
SHOWN = [
    ("info --as-of 2022-01-01", 0, "all"),
    ("find embedsmand --as-of 2022-01-01", 0, "all"),
    ("show Koordinationsgruppen --as-of 2022-01-01", 0, "all"),
    ('show "RAR Nordjylland" --as-of 2026-06-01', 0, "all"),
    ('show "beskæftigelsesråd Nordjylland" --as-of 2026-06-01', 0, "end"),
    ('who-supports "RAR Hovedstaden" --as-of 2022-01-01', 0, "all"),
    ("validate tests/data/broken/27-several-problems", 1, "all"),
    ("compare --diff Syddanmark Midtjylland --as-of 2022-01-01", 0, "end"),
]


@pytest.mark.parametrize("command, code, part", SHOWN, ids=[c for c, _, _ in SHOWN])
def test_output_shown_in_the_readme_is_current(runner, monkeypatch, command, code, part):
    monkeypatch.chdir(ROOT)  # the README's paths are relative to the checkout
    shown = _block_after(command)
    result = runner.invoke(app, shlex.split(command))
    assert result.exit_code == code, result.output
    output = result.output.rstrip("\n")
    if part == "end":
        assert output.splitlines()[-len(shown.splitlines()):] == shown.splitlines()
    else:
        assert output == shown


#: Shell sessions in the README's code blocks: a `$ orggraph …` line, then what it prints.
SESSIONS = re.findall(r"^\$ orggraph (.+)\n((?:(?!\$ |```).*\n)+)", README, flags=re.MULTILINE)


@pytest.mark.parametrize("command, shown", SESSIONS, ids=[c for c, _ in SESSIONS])
def test_shell_sessions_in_the_readme_are_current(runner, monkeypatch, command, shown):
    monkeypatch.chdir(ROOT)
    result = runner.invoke(app, shlex.split(command))
    assert result.output.rstrip("\n") == shown.rstrip("\n")


#: "`orggraph COMMAND` gives `TEXT`" in the README's prose: TEXT is printed by the command.
GIVES = re.findall(r"`orggraph ([^`]+)` gives\s+`([^`]+)`", README)


@pytest.mark.parametrize("command, text", GIVES, ids=[c for c, _ in GIVES])
def test_what_the_readme_says_a_command_gives_is_printed(runner, command, text):
    result = runner.invoke(app, shlex.split(command))
    assert result.exit_code == 0, result.output
    assert text in result.output


def test_the_readme_examples_were_found():
    """The three kinds of example above are found by pattern; a README edit must not make them silently vanish."""
    assert SESSIONS and GIVES
    assert ("path", "KKR Midtjylland", "RAR Vestjylland") == tuple(shlex.split(GIVES[0][0])[:3])


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

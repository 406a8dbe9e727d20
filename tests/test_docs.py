"""The README stays true: its commands exist and its shown output is current."""

import re
from pathlib import Path

from orggraph.cli import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


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

"""The CLI prints tables, or with --json exactly what the library returns; errors exit 1."""

import json

import pytest

from orggraph import __version__, queries
from orggraph.cli import app

from conftest import cli_commands

#: Every command and sub-command, taken from the typer app itself.
COMMANDS = cli_commands()


def test_the_command_list_holds_the_neo4j_sub_commands():
    assert {("neo4j", sub) for sub in ("push", "pull", "wipe", "query", "cypher")} <= set(COMMANDS)
    assert {("validate",), ("who-supports",), ("chart",), ("compare",), ("export",)} <= set(COMMANDS)


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_every_command_has_help(runner, path):
    help_text = " ".join((COMMANDS[path].help or "").split())
    assert help_text, f"orggraph {' '.join(path)} has no help text"
    result = runner.invoke(app, [*path, "-h"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Usage: orggraph {' '.join(path)} ")
    assert help_text in " ".join(result.output.split())


def test_version(runner):
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.strip() == f"orggraph {__version__}"


def test_validate_packaged_data(runner):
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("packaged data: valid (")
    assert json.loads(runner.invoke(app, ["validate", "--json"]).stdout) == {"valid": True, "errors": [], "warnings": []}


def test_info_json_equals_the_library(runner, graph):
    result = runner.invoke(app, ["info", "--json", "--as-of", "2022-01-01"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == queries.info(graph, "2022-01-01")


def test_info_table_has_danish_labels(runner):
    result = runner.invoke(app, ["info"])
    assert "Kommunekontaktråd" in result.stdout and "sekretariatsbetjener" in result.stdout


def test_show_json_equals_the_library(runner, graph):
    result = runner.invoke(app, ["show", "RAR Nordjylland", "--json", "--as-of", "2022-01-01"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == queries.show(graph, "RAR Nordjylland", "2022-01-01")


def test_show_rar_nordjylland_has_appointer_secretariat_and_municipalities(runner):
    result = json.loads(runner.invoke(app, ["show", "rar nordjylland", "--json", "--as-of", "2022-01-01"]).stdout)
    municipal = next(s for s in result["seats"] if s["post"]["id"] == "post-rar-nordjylland-kommunale")
    (appointer,) = municipal["appointed_by"]
    assert (appointer["source"]["name"], appointer["attrs"]["seats"]) == ("KKR Nordjylland", 5)
    assert any(s["document"] == "seed-000" and "udpeger fem kommunale medlemmer" in s["quote"] for s in appointer["sources"])
    secretariats = [e for e in result["in"] if e["type"] == "SEKRETARIATSBETJENER"]
    assert [e["source"]["name"] for e in secretariats] == ["Arbejdsmarkedskontor Midt-Nord"]
    assert secretariats[0]["sources"][0]["title"]
    covered = [e["target"]["name"] for e in result["out"] if e["type"] == "DAEKKER"]
    assert len(covered) == 11 and "Aalborg Kommune" in covered
    assert all(e["sources"] for e in result["out"] + result["in"])


def test_show_as_of_leaves_out_facts_not_in_force(runner):
    def covered(day):
        result = json.loads(runner.invoke(app, ["show", "RAR Vestjylland", "--as-of", day, "--json"]).stdout)
        return {e["target"]["name"] for e in result["out"] if e["type"] == "DAEKKER"}

    assert "Viborg Kommune" in covered("2016-01-01")
    assert "Viborg Kommune" not in covered("2019-01-01") and len(covered("2019-01-01")) == 7


@pytest.mark.parametrize("ref", ["direktoerkredsen", "DIREKTØRKREDSEN", "organ-nordjylland-direktoerkredsen", "Kredsen af direktører på beskæftigelsesområdet"])
def test_references_ignore_case_and_danish_spelling(runner, ref):
    result = runner.invoke(app, ["show", ref, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["node"]["id"] == "organ-nordjylland-direktoerkredsen"


def test_ambiguous_reference_lists_candidates_and_exits_1(runner):
    result = runner.invoke(app, ["show", "Embedsmandsudvalget"])
    assert result.exit_code == 1
    assert "ambiguous" in result.stderr
    assert "organ-hovedstaden-embedsmandsudvalg" in result.stderr and "organ-syddanmark-embedsmandsudvalg" in result.stderr


def test_unknown_reference_suggests_and_exits_1(runner):
    result = runner.invoke(app, ["show", "RAR Nordjyland"])
    assert result.exit_code == 1
    assert "Did you mean: RAR Nordjylland," in result.stderr


def test_bad_date_is_a_usage_error(runner):
    result = runner.invoke(app, ["show", "RAR Fyn", "--as-of", "2019-13-01"])
    assert result.exit_code == 2
    assert "use YYYY-MM-DD" in result.output


def test_find_with_kind(runner, graph):
    result = runner.invoke(app, ["find", "aalborg", "--kind", "Kommune", "--json"])
    assert json.loads(result.stdout) == [{"id": "kommune-851", "kind": "Kommune", "name": "Aalborg Kommune"}]
    assert json.loads(result.stdout) == queries.find(graph, "aalborg", "Kommune")
    assert runner.invoke(app, ["find", "x", "--kind", "Nope"]).exit_code == 2


def test_data_option_reads_a_csv_pair(runner, graph, tmp_path):
    from orggraph.readwrite.csv_dataset import write_csv_pair

    write_csv_pair(graph, tmp_path)
    result = runner.invoke(app, ["info", "--data", str(tmp_path), "--json", "--as-of", "2022-01-01"])
    assert json.loads(result.stdout) == queries.info(graph, "2022-01-01")


def test_python_dash_m(tmp_path):
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "orggraph", "info", "--json", "--as-of", "2022-01-01"], capture_output=True, text=True, env={"ORGGRAPH_NO_CACHE": "1", "PATH": ""})
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["nodes"]["RAR"] == 8


def test_a_run_builds_only_the_command_it_runs():
    from orggraph.cli import app
    from orggraph.cli._startup import only_the_command_run

    slim = only_the_command_run(app, ["who-supports"])
    assert [c.callback.__name__ for c in slim.registered_commands] == ["who_supports"]
    assert len(app.registered_commands) > 10  # the full app is untouched
    assert only_the_command_run(app, ["-h"]) is app and only_the_command_run(app, ["nope"]) is app and only_the_command_run(app, []) is app


def test_the_console_script_runs_one_command_end_to_end():
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "orggraph", "who-supports", "RAR Fyn", "--json", "--as-of", "2022-01-01"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert '"amk-syd"' in done.stdout

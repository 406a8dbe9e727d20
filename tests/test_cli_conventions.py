"""Conventional CLI behaviour (issue 16, part 4): usage errors exit 2, global options before or
after the command, one region lookup, tables that fit the terminal, Danish output, and output
escaped for the terminal, Markdown and Mermaid."""

import json
import re

import pytest
import yaml

from orggraph.cli import app
from orggraph.tables import printable, render

DATA = "orggraph/data"


@pytest.mark.parametrize("args", [
    ["chart", "principmodel", "KKR Fyn", "-o", "x.svg"],         # a reference the chart does not use
    ["chart", "national", "RAR Fyn", "-o", "x.svg"],
    ["chart", "region", "-o", "x.svg"],                          # a reference the chart needs
    ["chart", "principmodel", "-o", "x.jpg"],                    # an unknown suffix
    ["compare", "--diff", "Fyn", "Sjælland", "-o", "x.md"],      # clashing options
    ["compare", "--format", "xlsx"],                             # a workbook to the terminal
    ["export", "charts", "--region", "Fyn", "-o", "x"],          # a filter the target does not take
    ["info", "--as-of", "20160101"],                             # not YYYY-MM-DD, though Python would read it
    ["info", "--as-of", "2016-W01-1"],
    ["--data", DATA, "neo4j", "wipe"],                           # a global option the command does not take
])
def test_usage_errors_exit_2(args, runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert not list(tmp_path.iterdir()), "a usage error wrote a file"


@pytest.mark.parametrize("command", [["info"], ["find", "Aalborg"], ["show", "RAR Vestjylland"],
                                     ["members", "RAR Vestjylland"], ["who-supports", "RAR Fyn"], ["compare"]])
def test_global_options_work_before_or_after_the_command(command, runner):
    after = runner.invoke(app, [*command, "--data", DATA, "--as-of", "2016-06-01", "--json"])
    before = runner.invoke(app, ["--data", DATA, "--as-of", "2016-06-01", "--json", *command])
    mixed = runner.invoke(app, ["--json", *command, "--as-of=2016-06-01"])
    assert after.exit_code == 0, after.output
    assert before.stdout == after.stdout == mixed.stdout
    json.loads(before.stdout)


def test_as_of_before_the_command_applies(runner):
    """Viborg moved from RAR Vestjylland to RAR Østjylland (reference/national_facts.md)."""
    early = json.loads(runner.invoke(app, ["--as-of", "2016-01-01", "--json", "members", "RAR Vestjylland"]).stdout)
    late = json.loads(runner.invoke(app, ["--as-of", "2019-01-01", "--json", "members", "RAR Vestjylland"]).stdout)
    names = lambda result: {m["member"]["name"] for m in result["members"]}  # noqa: E731
    assert "Viborg Kommune" in names(early) and "Viborg Kommune" not in names(late)


def test_validate_takes_data_like_every_loading_command(runner):
    result = runner.invoke(app, ["--data", "tests/data/broken/27-several-problems", "validate"])
    assert result.exit_code == 1
    assert "unknown kind 'Udvalg'" in result.stderr


def test_version(runner):
    from orggraph import __version__

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout.strip() == f"orggraph {__version__}"


@pytest.mark.parametrize("name", ["Sjælland", "KKR Sjælland", "kkr-sjaelland", "sjaelland"])
def test_one_region_lookup_in_every_command(name, runner, tmp_path):
    chart = runner.invoke(app, ["chart", "region", name, "-o", str(tmp_path / "r.dot"), "--json"])
    assert chart.exit_code == 0, chart.output
    assert json.loads(chart.stdout)["title"].endswith("KKR Sjælland")
    compare = runner.invoke(app, ["compare", name, "--json"])
    assert compare.exit_code == 0 and json.loads(compare.stdout)["regions"] == ["kkr-sjaelland"]
    export = runner.invoke(app, ["export", "json", "--region", name, "-o", str(tmp_path / "r.json")])
    assert export.exit_code == 0, export.output


def test_rar_lookup_takes_the_short_name(runner, tmp_path):
    result = runner.invoke(app, ["chart", "rar", "Fyn", "-o", str(tmp_path / "f.dot"), "--json", "--as-of", "2022-01-01"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["title"].startswith("RAR Fyn:")
    wrong = runner.invoke(app, ["chart", "region", "RAR Fyn", "-o", str(tmp_path / "f.dot"), "--as-of", "2022-01-01"])
    assert wrong.exit_code == 1 and "is RAR Fyn (RAR, rar-fyn), not a KKR" in wrong.stderr


@pytest.mark.parametrize("args", [["who-supports", "RAR Hovedstaden", "--as-of", "2022-01-01"], ["compare"], ["show", "RAR Nordjylland", "--as-of", "2022-01-01"],
                                  ["compare", "--diff", "Syddanmark", "Midtjylland"]])
@pytest.mark.parametrize("columns", [80, 120])
def test_tables_fit_the_terminal(args, columns, runner):
    wide = runner.invoke(app, args, env={"COLUMNS": ""})
    assert max(map(len, wide.stdout.splitlines())) > columns, "the case no longer tests fitting"
    result = runner.invoke(app, args, env={"COLUMNS": str(columns)})
    assert result.exit_code == 0, result.output
    assert max(map(len, result.stdout.splitlines())) <= columns


def test_json_keeps_the_full_text_that_tables_wrap(runner):
    table = runner.invoke(app, ["who-supports", "RAR Hovedstaden", "--as-of", "2022-01-01"], env={"COLUMNS": "80"}).stdout
    result = json.loads(runner.invoke(app, ["who-supports", "RAR Hovedstaden", "--json", "--as-of", "2022-01-01"]).stdout)
    longest = max((s["supporter"]["name"] for s in result["supporters"]), key=len)
    assert len(longest) > 20 and longest not in table.replace("\n", " ")  # wrapped in the table, whole in JSON


def test_terminal_control_characters_are_escaped():
    evil = "RAR\x1b]0;pwned\x07 Fyn\u202e\x9b2J"
    shown = render([[evil]], ["Navn"], width=80)
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]", shown)
    assert "\\x1b]0;pwned\\x07" in printable(evil)


def test_json_output_escapes_what_a_terminal_acts_on(capsys):
    from orggraph.cli._common import print_json

    print_json({"name": "a\x1b[2Jb\x9b\u202ec"})
    out = capsys.readouterr().out
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]", out)
    assert json.loads(out) == {"name": "a\x1b[2Jb\x9b\u202ec"}


def test_compare_markdown_passes_no_raw_html(graph):
    from orggraph.compare import compare
    from orggraph.compare.output import generate_matrix

    result = compare(graph)
    area = result["regions"][0]
    result["names"][area] = "<script>alert(1)</script> | <img src=x onerror=alert(2)>"
    text = generate_matrix(result, "md").decode("utf-8")
    assert "<script>" not in text and "<img" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; \\| &lt;img" in text
    assert all(line.count(" | ") == len(result["regions"]) for line in text.splitlines() if line.startswith("| ") and "---" not in line)


def test_a_mermaid_title_cannot_inject_settings(graph):
    from orggraph.charts.build import build_chart
    from orggraph.charts.mermaid import generate_mermaid

    chart = build_chart(graph, "principmodel", as_of="2022-01-01")
    chart.title = 'RAR Fyn: x\nconfig:\n  theme: forest\n"quoted" #'
    front = generate_mermaid(chart).split("---\n")[1]
    assert yaml.safe_load(front) == {"title": chart.title}


@pytest.mark.parametrize("fmt", ["csv", "md"])
def test_machine_formats_on_stdout_are_not_wrapped(fmt, runner):
    narrow = runner.invoke(app, ["compare", "--format", fmt], env={"COLUMNS": "40"})
    wide = runner.invoke(app, ["compare", "--format", fmt], env={"COLUMNS": ""})
    assert narrow.exit_code == 0 and narrow.stdout == wide.stdout


def _choices(command: str, param: str) -> list[str]:
    """The choices click offers for one parameter of one command (what --help lists and a typo is told)."""
    import typer.main

    click_command = typer.main.get_command(app).commands[command]
    return list(next(p for p in click_command.params if p.name == param).type.choices)


def test_the_cli_offers_exactly_the_librarys_choices():
    """The CLI's choice lists are the library's constants, not retyped beside them."""
    from orggraph.charts import CHART_KINDS, FORMATS, LANGS
    from orggraph.compare import MATRIX_FORMATS

    assert _choices("chart", "kind") == list(CHART_KINDS)
    assert _choices("chart", "fmt") == list(FORMATS)
    for command in ("chart", "report", "explore"):
        assert _choices(command, "lang") == list(LANGS), command
    assert _choices("compare", "fmt") == list(MATRIX_FORMATS)


def test_start_up_does_not_import_the_charts_or_the_comparison():
    """The choice lists come from light modules: a query's start-up builds no chart machinery."""
    import subprocess
    import sys

    code = ("import sys, orggraph.cli.commands; print(sorted(m for m in sys.modules if m.startswith(('orggraph.charts.', "
            "'orggraph.compare.', 'orggraph.queries.roles'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"

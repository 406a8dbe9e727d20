"""Every broken input gives exactly the expected file:line: field: message lines and exit 1."""

from pathlib import Path

import pytest

from orggraph.cli import app

BROKEN = Path(__file__).parent / "data" / "broken"
CASES = sorted(p.name for p in BROKEN.iterdir() if (p / "expected.txt").is_file())


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 25


@pytest.mark.parametrize("case", CASES)
def test_broken_input_is_reported(case, runner, monkeypatch):
    monkeypatch.chdir(BROKEN / case)
    result = runner.invoke(app, ["validate", "."])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    expected = (BROKEN / case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert result.stderr.splitlines() == expected
    assert result.stdout.strip() == f".: {len(expected)} problem(s)"


@pytest.mark.parametrize("case", CASES)
def test_broken_input_as_json(case, runner, monkeypatch):
    monkeypatch.chdir(BROKEN / case)
    result = runner.invoke(app, ["validate", ".", "--json"])
    assert result.exit_code == 1
    import json

    report = json.loads(result.stdout)
    expected = (BROKEN / case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert report["valid"] is False
    rendered = [f"{e['file']}:{'' if e['line'] is None else str(e['line']) + ':'} {e['field']}: {e['message']}" for e in report["errors"]]
    assert rendered == expected


@pytest.mark.parametrize("case", ["00-valid-yaml", "00-valid-csv"])
def test_the_bases_of_the_corpus_are_valid(case, runner, monkeypatch):
    monkeypatch.chdir(BROKEN / case)
    result = runner.invoke(app, ["validate", "."])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == ".: valid (2 nodes, 1 edges)"


def test_commands_that_load_bad_data_exit_1_without_traceback(runner):
    result = runner.invoke(app, ["info", "--data", str(BROKEN / "27-several-problems")])
    assert result.exit_code == 1
    assert "unknown kind 'Udvalg'" in result.stderr
    assert "the dataset has 3 problem(s)" in result.stderr
    assert "Traceback" not in result.output

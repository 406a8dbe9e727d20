"""Every broken input gives exactly the expected file:line: field: message lines and exit 1."""

import os
import re
import shutil
import signal
import time
from pathlib import Path

import pytest

from orggraph.cli import app

BROKEN = Path(__file__).parent / "data" / "broken"
CASES = sorted(p.name for p in BROKEN.iterdir() if (p / "expected.txt").is_file())
#: Valid datasets with something doubtful: ``warnings.txt`` is what validate prints to standard error, exit 0.
WARNING_CASES = sorted(p.name for p in BROKEN.iterdir() if (p / "warnings.txt").is_file())


def test_every_case_has_its_expected_output_and_is_listed_in_the_readme():
    folders = sorted(p.name for p in BROKEN.iterdir() if p.is_dir())
    without = [name for name in folders if not name.startswith("00-valid-") and name not in CASES + WARNING_CASES]
    assert without == [], "every broken case needs an expected.txt (or, valid with warnings, a warnings.txt)"
    listed = re.findall(r"^\| (\d\d-[a-z0-9-]+) \|", (BROKEN / "README.md").read_text(encoding="utf-8"), re.M)
    assert listed == folders, "tests/data/broken/README.md must list every folder, in order, and no other"


@pytest.mark.parametrize("case", CASES)
def test_every_message_is_one_short_line(case):
    for line in (BROKEN / case / "expected.txt").read_text(encoding="utf-8").splitlines():
        assert len(line) <= 300, line[:300]
        assert line.isprintable(), repr(line)


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


@pytest.mark.parametrize("case", WARNING_CASES)
def test_doubtful_input_is_valid_with_warnings(case, runner, monkeypatch):
    """An attribute the vocabulary does not declare for its kind or relation is a warning, not an error."""
    import json

    monkeypatch.chdir(BROKEN / case)
    expected = (BROKEN / case / "warnings.txt").read_text(encoding="utf-8").splitlines()
    assert expected and all(line.startswith("orggraph: warning: ") for line in expected)
    result = runner.invoke(app, ["validate", "."])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == expected
    assert result.stdout.strip().endswith(f"; {len(expected)} warning(s))")
    report = json.loads(runner.invoke(app, ["validate", ".", "--json"]).stdout)
    assert report["valid"] is True and report["errors"] == []
    rendered = [f"orggraph: warning: {w['file']}:{w['line']}: {w['field']}: {w['message']}" for w in report["warnings"]]
    assert rendered == expected


def test_every_undeclared_attribute_is_named_with_the_declared_ones():
    """The warning lists exactly the keys model.ATTRIBUTES declares for the record's kind or relation."""
    from orggraph.model import ATTRIBUTES, Kind, Rel

    lines = (BROKEN / "56-attrs-undeclared" / "warnings.txt").read_text(encoding="utf-8").splitlines()
    assert lines[0].endswith("known: " + ", ".join(ATTRIBUTES[Kind.Organ]))
    assert lines[1].endswith("known: " + ", ".join(ATTRIBUTES[Rel.UNDERSTOETTER]))


def test_the_packaged_data_uses_only_declared_attributes(runner):
    result = runner.invoke(app, ["validate"])
    assert result.exit_code == 0, result.output
    assert "warning" not in result.output


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


def _copy_of(case: str, folder: Path) -> Path:
    target = folder / case
    shutil.copytree(BROKEN / case, target, symlinks=True)
    return target


def _register(folder: Path, *lines: str) -> None:
    (folder / "sources.yaml").write_text(
        "documents:\n  - {id: seed-003, kind: seed, file: 003_d7c2b5fffb7635c3.txt, title: KL-notat}\n"
        + "".join(f"  - {line}\n" for line in lines), encoding="utf-8")


def _validate(runner, folder: Path, monkeypatch, seconds: int = 20):
    """``orggraph validate .`` in ``folder``, failing (not hanging) if it blocks."""
    monkeypatch.chdir(folder)

    def hung(signum, frame):
        raise AssertionError(f"validate blocked for {seconds} s")

    old = signal.signal(signal.SIGALRM, hung)
    signal.alarm(seconds)
    try:
        return runner.invoke(app, ["validate", "."])
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_in_documents_is_refused_without_being_opened(runner, tmp_path, monkeypatch):
    folder = _copy_of("00-valid-yaml", tmp_path)
    (folder / "documents").mkdir()
    os.mkfifo(folder / "documents" / "pipe.txt")  # nobody writes: opening it for reading would block
    _register(folder, "{id: pipe, kind: background, file: pipe.txt, title: En FIFO}")
    result = _validate(runner, folder, monkeypatch)
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines() == [
        "sources.yaml:3: documents[1].file: 'pipe.txt' in documents is a FIFO (named pipe), not a regular file"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
@pytest.mark.parametrize("base,name", [("00-valid-yaml", "more.yaml"), ("00-valid-csv", "edges.csv")])
def test_a_fifo_as_a_data_file_is_refused_without_being_opened(base, name, runner, tmp_path, monkeypatch):
    folder = _copy_of(base, tmp_path)
    (folder / name).unlink(missing_ok=True)
    os.mkfifo(folder / name)
    result = _validate(runner, folder, monkeypatch)
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines() == [f"{name}: file: is a FIFO (named pipe), not a regular file"]


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_links_to_a_device_are_refused_without_being_read(runner, tmp_path, monkeypatch):
    folder = _copy_of("00-valid-yaml", tmp_path)
    (folder / "documents").mkdir()
    os.symlink("/dev/zero", folder / "zero.yaml")
    os.symlink("/dev/zero", folder / "documents" / "zero.txt")
    _register(folder, "{id: zero, kind: background, file: zero.txt, title: Endeløs}")
    result = _validate(runner, folder, monkeypatch)
    assert result.stderr.splitlines() == [
        "zero.yaml: file: is a device, not a regular file",
        "sources.yaml:3: documents[1].file: 'zero.txt' in documents is a link to a file outside the documents folder; copy the file in instead"]


def test_a_document_over_the_size_limit_is_not_read(runner, tmp_path, monkeypatch):
    from orggraph.readwrite import validate

    folder = _copy_of("00-valid-yaml", tmp_path)
    (folder / "documents").mkdir()
    (folder / "documents" / "big.txt").write_text("x" * 20_000, encoding="utf-8")
    _register(folder, "{id: big, kind: background, file: big.txt, title: Stor}")
    monkeypatch.setattr(validate, "MAX_DOCUMENT_BYTES", 19_999)  # the seed cited beside it has 12,448
    result = _validate(runner, folder, monkeypatch)
    assert result.stderr.splitlines() == [
        "sources.yaml:3: documents[1].file: 'big.txt' in documents has 20,000 bytes; orggraph reads at most 19,999"]


def test_a_document_in_the_datasets_own_folder_is_read_and_wins(runner, tmp_path, monkeypatch):
    folder = _copy_of("00-valid-yaml", tmp_path)
    (folder / "documents").mkdir()
    (folder / "documents" / "003_d7c2b5fffb7635c3.txt").write_text("Et andet notat.\n", encoding="utf-8")
    result = _validate(runner, folder, monkeypatch)
    assert result.exit_code == 1
    assert "quote not found in 003_d7c2b5fffb7635c3.txt: 'KKR Sjælland godkendte den 2. marts 2015'" in result.stderr


def test_an_alias_bomb_is_refused_without_expanding_it():
    from orggraph.exceptions import InvalidDataset
    from orggraph.readwrite.yaml_dataset import parse_yaml

    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 30)]  # 10**30 values
    start = time.perf_counter()
    with pytest.raises(InvalidDataset) as caught:
        parse_yaml("\n".join(lines), "bomb.yaml")
    assert time.perf_counter() - start < 5
    assert "(an alias bomb?)" in str(caught.value)


def test_numbers_are_read_as_pyyaml_reads_them():
    from orggraph.readwrite.yaml_dataset import parse_yaml

    text = "a: 0b101\nb: -0x1A\nc: 1_000\nd: 0\ne: 1.5e+3\nf: yes\ng: ~\nh: 2015-01-01\ni: !!str 017\nj: '10:30'\n"
    assert parse_yaml(text, "f.yaml")[0] == {"a": 5, "b": -26, "c": 1000, "d": 0, "e": 1500.0, "f": True, "g": None,
                                             "h": "2015-01-01", "i": "017", "j": "10:30"}


def test_aliases_for_repeated_values_still_work():
    from orggraph.readwrite.yaml_dataset import parse_yaml

    obj, _ = parse_yaml("a:\n  sources: &s [{document: d, quote: q}]\nb:\n  sources: *s\n", "f.yaml")
    assert obj["a"]["sources"] == obj["b"]["sources"] == [{"document": "d", "quote": "q"}]


@pytest.mark.parametrize("command", [["info"], ["chart", "principmodel", "-o", "{tmp}/p.dot"], ["export", "json", "-o", "{tmp}/x.json"]])
def test_attributes_of_the_wrong_type_stop_at_validation(command, runner, tmp_path):
    """``body_type: 5`` once passed validate and then crashed info, charts and exports."""
    args = [part.replace("{tmp}", str(tmp_path)) for part in command]
    result = runner.invoke(app, [*args, "--data", str(BROKEN / "44-attrs-wrong-type")])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "attrs.body_type: must be text, not 5" in result.stderr


def test_nested_attribute_keys_and_values_are_checked():
    """Inside attrs, keys and text at any depth are checked, also for data built by a program."""
    from orggraph.readwrite.records import RawDataset, Record
    from orggraph.readwrite.validate import check

    attrs = {"later_decisions": [{"de\x1bcision": "x", "date": "2019"}], "rounds": [{"theme": "a\u202eb"}], "odd": {1: "x"},
             "share": float("nan")}
    record = {"id": "organ-x", "kind": "Organ", "name": "X", "attrs": attrs,
              "sources": [{"document": "d", "locator": "l", "quote": "q"}]}
    raw = RawDataset(nodes=[Record(record, "a.yaml", "yaml", "nodes[0]", {(): 1})], register_read=False)
    assert [str(e) for e in check(raw).errors] == [
        "a.yaml:1: nodes[0].attrs.later_decisions[0]: a key must be one line of text without control characters: "
        "found the control character U+001B (ESC) at character 3 of 'de\\x1bcision'; remove it",
        "a.yaml:1: nodes[0].attrs.rounds[0].theme: must not contain the control character U+202E (RIGHT-TO-LEFT OVERRIDE) "
        "at character 2 of 'a\\u202eb'; remove it",
        "a.yaml:1: nodes[0].attrs.odd: keys must be text, not 1",
        "a.yaml:1: nodes[0].attrs.share: nan is not a finite number (JSON has no infinity or NaN)",
    ]


def test_long_file_paths_are_shown_whole(tmp_path):
    from orggraph.readwrite.load import check_dataset

    folder = _copy_of("13-missing-name", tmp_path / ("a-long-folder-name-" * 6))
    errors = check_dataset(folder).errors
    assert [e.file for e in errors] == [str(folder / "data.yaml")]


def test_many_aliases_in_a_big_file_are_not_taken_for_a_bomb():
    """20,000 records sharing one source add 140,000 values: more than 100,000, but little
    beside what the file writes out itself."""
    from orggraph.readwrite.yaml_dataset import parse_yaml

    text = "shared: &s {document: d, locator: l, quote: q}\nnodes:\n" + "".join(f"  - {{id: n{i}, source: *s}}\n" for i in range(20_000))
    obj, _ = parse_yaml(text, "big.yaml")
    assert len(obj["nodes"]) == 20_000 and obj["nodes"][-1]["source"] == {"document": "d", "locator": "l", "quote": "q"}

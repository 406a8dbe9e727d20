"""Seeded mutation fuzzing of the data input side: readers and validator never crash.

Four valid bases are mutated: the corpus's ``00-valid-yaml`` and ``00-valid-csv``, and a
slice of the packaged data (the KKR Syddanmark file with the national nodes it refers
to) written as YAML and as a CSV pair. Each case applies one to three mutations (byte
flips, deleted, repeated or swapped lines, odd YAML scalars, scalar/list/mapping swaps,
aliases and tags, truncation, control characters, encoding damage, odd CSV cells) and
runs :func:`orggraph.check_dataset` on the result. Every case must end in a result whose
problems are one printable line each, or in a valid dataset that builds and answers the
``info``-style queries; every 25th case also runs ``orggraph validate`` through the CLI.

The seeds are fixed: case ``(base, chunk, i)`` is always the same input, and a failure
prints how to rebuild it (:func:`make_case`) and its diff against the base.
"""

from __future__ import annotations

import csv
import difflib
import io
import json
import random
import shutil
from pathlib import Path

import pytest
import yaml

from orggraph.cli import app
from orggraph.exceptions import OrgGraphError
from orggraph.readwrite.csv_dataset import generate_csv
from orggraph.readwrite.load import DATA_DIR, build, check_dataset, read_raw
from orggraph.readwrite.records import RawDataset, Record
from orggraph.readwrite.validate import check

BROKEN = Path(__file__).parent / "data" / "broken"
#: Cases per chunk, and chunks per base: 2,100 cases in all.
CHUNK = 50
CHUNKS = {"yaml-corpus": 12, "csv-corpus": 10, "yaml-slice": 12, "csv-slice": 8}
#: Every how-many-th case also goes through the CLI.
CLI_EVERY = 25

ODD_SCALARS = [
    "0b101", "-0x1A", "1:30", "10:30", "1:30.5", ".inf", "-.inf", ".nan", ".NaN", "017", "00", "1.0e+400",
    "9" * 5000, "-" + "1" * 4400, "yes", "no", "on", "off", "~", "null", "''", '""', "'   '", "!evil x",
    "!!binary aGk=", "!!python/object/apply:os.system [id]", "!!str 5", "!!int x", "!!float y", "!!bool maybe",
    "!!timestamp 2015-01-01", "!!set {a, b}", "&a x", "*a", "*nowhere", "[*a]", "{a: b}", "[a, b]", "[]", "{}",
    '"\\e]0;pwned\\a"', '"\\u202eevil"', '"a\\nb"', '"\\0"', '"\\x9b"', '"\\t"', "2015-02-30", "2015-01-01T10:00:00",
    "0000-01-01", "9999-12-31", "20150101", "-1", "0", "2.5", "true", "x" * 3000, "../../../../etc/passwd",
    "/dev/zero", "/dev/stdin", ".", "documents", "003_d7c2b5fffb7635c3.txt", "seed-003", "kkr-sjaelland",
    "organ-asb", "KKR", "Organ", "UNDERSTOETTER", "UDPEGER", "derived", "stated", "|\n  block\n  text",
    ">-\n  folded", "? complex", "<<: {a: b}", "'unclosed", "[unclosed", "{a: [b, {c: d}]}", "- x",
]
ODD_CELLS = [
    "", " ", '"', '""', "'", ";", ",", "\t", "\x00", "\x1b[2J", "\u202e", "\r", "\n", "a\nb", "NaN",
    '{"size": NaN}', '{"size": Infinity}', '{"a": 1e400}', '{"size": ' + "1" * 5000 + "}", "[1, 2]", "{}",
    '{"body_type": 5}', '{"body_type": true}', '{"tasks": "x"}', '{"composition": [1]}', '{"seats": -1}',
    '{"later_decisions": [1]}', '{"a": ' + "[" * 60 + "]" * 60 + "}", '{"date": "2015-02-30"}', '{"Bad Key": 1}',
    '{"how": {"a": "b"}}', "{size: 5}", "2015-02-30", "2015/01/01", "derived", "sure", "Udvalg", "SUPPORTS",
    "kkr-fyn", "organ-asb", "kkr-sjaelland", "seed-999", "seed-003", "x" * 200_000, "Æ" * 100, "=HYPERLINK(1)",
    "a | b", " | ", "\ufeff", "\udcff",
]
CONTROL_CHARS = ["\x00", "\x07", "\x08", "\x1b", "\x7f", "\x85", "\x9b", "\u202e", "\u2066", "\u2028", "\r", "\t", "\ufeff", "\n"]


# -- the bases ----------------------------------------------------------------------------
def _slice_records() -> tuple[list[dict], list[dict]]:
    """The raw records of kkr-syddanmark.yaml, and the national nodes its edges and areas name."""
    raw = read_raw()
    area_file = [r for r in raw.nodes + raw.edges if r.file.endswith("kkr-syddanmark.yaml")]
    nodes = [r.data for r in area_file if "kind" in r.data]
    edges = [r.data for r in area_file if "kind" not in r.data]
    wanted = {e[end] for e in edges for end in ("from", "to")} | {r.get("area") for r in nodes + edges}
    have = {n["id"] for n in nodes}
    nodes += [r.data for r in raw.nodes if r.data.get("id") in wanted - have]
    return nodes, edges


def _bases() -> dict[str, dict[str, bytes]]:
    def read(case: str) -> dict[str, bytes]:
        return {p.name: p.read_bytes() for p in sorted((BROKEN / case).iterdir()) if p.name != "expected.txt"}

    nodes, edges = _slice_records()
    register = (DATA_DIR / "sources.yaml").read_bytes()
    yaml_slice = yaml.safe_dump({"nodes": nodes, "edges": edges}, allow_unicode=True, sort_keys=False, width=100)
    checked = check(RawDataset(  # the CSV slice is written from the validated records
        nodes=[Record(n, "n", "yaml", "n") for n in nodes], edges=[Record(e, "e", "yaml", "e") for e in edges],
        documents=read_raw().documents, documents_dir=str(DATA_DIR / "documents")))
    assert not checked.errors, checked.errors[:3]
    nodes_csv, edges_csv = generate_csv(checked.nodes, checked.edges)
    return {
        "yaml-corpus": read("00-valid-yaml"),
        "csv-corpus": read("00-valid-csv"),
        "yaml-slice": {"data.yaml": yaml_slice.encode("utf-8"), "sources.yaml": register},
        "csv-slice": {"nodes.csv": nodes_csv.encode("utf-8"), "edges.csv": edges_csv.encode("utf-8")},
    }


_BASES: dict[str, dict[str, bytes]] = {}


def bases() -> dict[str, dict[str, bytes]]:
    if not _BASES:
        _BASES.update(_bases())
    return _BASES


# -- mutations -----------------------------------------------------------------------------
def _lines(text: str) -> list[str]:
    return text.split("\n")


def _byte_flip(rng, data: bytes) -> tuple[bytes, str]:
    if not data:
        return b"\xff", "byte flip in an empty file"
    at = rng.randrange(len(data))
    new = rng.choice([data[at] ^ (1 << rng.randrange(8)), rng.randrange(256)])
    return data[:at] + bytes([new]) + data[at + 1:], f"byte {at} set to {new:#04x}"


def _truncate(rng, data: bytes) -> tuple[bytes, str]:
    at = rng.randrange(len(data) + 1)
    return data[:at], f"truncated at byte {at}"


def _encoding(rng, data: bytes) -> tuple[bytes, str]:
    text = data.decode("utf-8", "replace")
    how = rng.choice(["latin-1", "utf-16", "bom", "mojibake", "cut-utf8", "cp1252"])
    if how == "latin-1":
        return text.encode("latin-1", "replace"), "re-encoded as Latin-1"
    if how == "cp1252":
        return text.encode("cp1252", "replace"), "re-encoded as cp1252"
    if how == "utf-16":
        return text.encode("utf-16"), "re-encoded as UTF-16"
    if how == "bom":
        return b"\xef\xbb\xbf" + data, "UTF-8 BOM added"
    if how == "mojibake":
        return text.encode("utf-8").decode("latin-1").encode("utf-8"), "UTF-8 read as Latin-1 and written again"
    at = data.find("æ".encode()) if "æ".encode() in data else rng.randrange(len(data) + 1)
    return data[:at] + data[at:at + 1] + data[at + 2:], f"a UTF-8 sequence cut at byte {at}"


def _text_mutation(rng, text: str, csv_file: bool) -> tuple[str, str]:
    lines = _lines(text)
    n = len(lines)
    i, j = rng.randrange(n), rng.randrange(n)
    how = rng.choice(["delete", "duplicate", "swap", "value", "value", "value", "type", "control", "indent", "alias", "key"]
                     + (["cell", "cell", "cell", "header"] if csv_file else []))
    if how == "delete":
        return "\n".join(lines[:i] + lines[i + 1:]), f"line {i + 1} deleted"
    if how == "duplicate":
        return "\n".join(lines[:i + 1] + lines[i:]), f"line {i + 1} repeated"
    if how == "swap":
        lines[i], lines[j] = lines[j], lines[i]
        return "\n".join(lines), f"lines {i + 1} and {j + 1} swapped"
    if how == "control":
        at = rng.randrange(len(text) + 1)
        char = rng.choice(CONTROL_CHARS)
        return text[:at] + char + text[at:], f"{char!r} inserted at character {at}"
    if how == "indent":
        line = lines[i]
        lines[i] = line[2:] if line.startswith("  ") and rng.random() < 0.5 else "  " + line
        return "\n".join(lines), f"indentation of line {i + 1} changed"
    if how == "alias":
        anchor = rng.choice(["&a ", "&b ", "*a", "*b", "<<: *a", "!evil ", "!!python/name:os.system "])
        line = lines[i]
        cut = line.find(": ") + 2 if ": " in line else len(line) - len(line.lstrip(" -"))
        lines[i] = line[:cut] + anchor + ("" if anchor.startswith(("*", "<<")) else line[cut:])
        return "\n".join(lines), f"{anchor!r} put into line {i + 1}"
    if how == "key":
        key = rng.choice(["name", "id", "kind", "attrs", "sources", "area", "valid_from", "confidence", "aliases",
                          "nodes", "edges", "documents", "file", "cited_in", "x", "1", "<<", "? [a]"])
        line = lines[i]
        indent = line[: len(line) - len(line.lstrip(" "))]
        lines.insert(i + 1, f"{indent}{key}: {rng.choice(ODD_SCALARS)}")
        return "\n".join(lines), f"key {key!r} added after line {i + 1}"
    if csv_file and how in ("cell", "header"):
        row = 0 if how == "header" else rng.randrange(1, n) if n > 1 else 0
        cells = lines[row].split(",")
        c = rng.randrange(len(cells))
        if how == "header":
            cells[c] = rng.choice(["id", "name", "kind", "attrs", "source_1_quote", "source_0_quote", "id:ID", ":LABEL",
                                   "note", "", " name ", "source_9_document", "id;kind;name", "\ufeffid"])
        else:
            cell = rng.choice(ODD_CELLS)
            cells[c] = '"' + cell.replace('"', '""') + '"' if rng.random() < 0.7 else cell
        lines[row] = ",".join(cells)
        return "\n".join(lines), f"{how} cell {c + 1} of line {row + 1} changed"
    # a value, or its type
    line = lines[i]
    if ": " in line:
        head, _, value = line.partition(": ")
    elif line.lstrip().startswith("- "):
        head, value = line[: line.index("- ") + 1], line[line.index("- ") + 2:]
    else:
        head, value = line, ""
    if how == "type":
        new = rng.choice([f"[{value}]", f"{{x: {value}}}", "[]", "{}", "[a, [b, {c: d}]]", "{a: 1, b: [2]}"])
    else:
        new = rng.choice(ODD_SCALARS)
    sep = ": " if ": " in line else " " if head.endswith("-") else ": "
    lines[i] = head + sep + new
    return "\n".join(lines), f"line {i + 1} value {how}: {new[:40]!r}"


ODD_VALUES = [
    5, -1, 0, 2.5, -0.0, 10**30, 1e300, True, False, None, "", " ", "x" * 10_000, "a\nb", "\x1b[31mred", "\u202eevil",
    "\x00", [], {}, [1, "a"], ["a", "b"], {"a": {"b": [1]}}, [{"decision": 5, "date": [1]}], [{}], [[["deep"]]],
    "2015-02-30", "2015-01-01", "2030-12-31", "kkr-sjaelland", "seed-003", "KKR", "Organ", "derived", "unverified",
    "UDPEGER", "koordinationsgruppe", "=cmd|' /C calc'!A0", "Æ" * 300,
]
FIELDS = ["id", "kind", "name", "aliases", "area", "attrs", "valid_from", "valid_to", "confidence", "confidence_note",
          "sources", "from", "type", "to"]
ATTR_KEYS = ["body_type", "group", "how", "kind_of", "seats_note", "date_note", "pre_meetings", "pre_meetings_how",
             "composition", "tasks", "size", "seats", "members", "later_decisions", "date", "kommunekode", "x", "substitutes"]


def _structured(rng, name: str, data: bytes) -> tuple[bytes, str]:
    """Change one field of one record to an odd value, keeping the file well-formed."""
    if name.endswith(".csv"):
        try:
            rows = list(csv.reader(io.StringIO(data.decode("utf-8", "replace"), newline="")))
        except csv.Error:
            return data, "nothing to change"
        if len(rows) < 2 or not rows[0]:
            return data, "nothing to change"
        r, c = rng.randrange(1, len(rows)), rng.randrange(len(rows[0]))
        if c >= len(rows[r]):
            return data, "nothing to change"
        value = rng.choice(ODD_VALUES)
        column = rows[0][c]
        if column == "attrs":
            cell = json.dumps({rng.choice(ATTR_KEYS): value}, ensure_ascii=False)
        else:
            cell = value if isinstance(value, str) else json.dumps(value)
        rows[r][c] = cell
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(rows)
        return out.getvalue().encode("utf-8", "surrogateescape"), f"{column} of row {r + 1} set to {cell[:60]!r}"
    try:
        obj = yaml.safe_load(data)
    except yaml.YAMLError:
        return data, "nothing to change"
    if not isinstance(obj, dict):
        return data, "nothing to change"
    sections = [k for k in ("nodes", "edges", "documents") if isinstance(obj.get(k), list) and obj[k]]
    if not sections:
        return data, "nothing to change"
    section = rng.choice(sections)
    i = rng.randrange(len(obj[section]))
    record = obj[section][i]
    if not isinstance(record, dict):
        return data, "nothing to change"
    value = rng.choice(ODD_VALUES)
    where = rng.random()
    if section == "documents":
        key = rng.choice(["id", "title", "kind", "file", "date", "cited_in", "url", "note"])
        record[key] = value
        path = f"{section}[{i}].{key}"
    elif where < 0.5:
        attrs = record.setdefault("attrs", {}) if isinstance(record.get("attrs", {}), dict) else {}
        key = rng.choice(ATTR_KEYS + sorted(attrs))
        attrs[key] = value
        path = f"{section}[{i}].attrs.{key}"
    elif where < 0.7 and isinstance(record.get("sources"), list) and record["sources"] and isinstance(record["sources"][0], dict):
        key = rng.choice(["document", "locator", "quote", "x"])
        record["sources"][0][key] = value
        path = f"{section}[{i}].sources[0].{key}"
    else:
        key = rng.choice(FIELDS)
        record[key] = value
        path = f"{section}[{i}].{key}"
    text = yaml.safe_dump(obj, allow_unicode=True, sort_keys=False, width=100)
    return text.encode("utf-8", "surrogateescape"), f"{path} set to {value!r:.60}"


def _mutate(rng, files: dict[str, bytes]) -> tuple[dict[str, bytes], list[str]]:
    files = dict(files)
    done = []
    for _ in range(rng.choice([1, 1, 1, 2, 2, 3])):
        if not files:
            break
        weights = {"data.yaml": 4, "nodes.csv": 3, "edges.csv": 2, "sources.yaml": 1}
        name = rng.choices(sorted(files), [weights.get(n, 1) for n in sorted(files)])[0]
        data = files[name]
        pick = rng.random()
        if pick < 0.12:
            data, what = _byte_flip(rng, data)
        elif pick < 0.18:
            data, what = _truncate(rng, data)
        elif pick < 0.24:
            data, what = _encoding(rng, data)
        elif pick < 0.26:
            files.pop(name)
            done.append(f"{name}: deleted")
            continue
        elif pick < 0.56:
            data, what = _structured(rng, name, data)
        else:
            text, what = _text_mutation(rng, data.decode("utf-8", "surrogateescape"), name.endswith(".csv"))
            data = text.encode("utf-8", "surrogateescape")
        files[name] = data
        done.append(f"{name}: {what}")
    return files, done


def make_case(base: str, chunk: int, i: int) -> tuple[dict[str, bytes], list[str]]:
    """The mutated files of case ``i`` of ``chunk`` of ``base``, and what was done to them."""
    rng = random.Random(f"orggraph-fuzz/{base}/{chunk}/{i}")
    return _mutate(rng, bases()[base])


# -- what must hold -----------------------------------------------------------------------
@pytest.fixture(autouse=True)
def _packaged_register_read_once(monkeypatch):
    """A CSV pair cites the packaged register, and ``read_raw`` reads the whole packaged
    YAML dataset to get it (0.25 s a case); read it once, the rest is unchanged."""
    from orggraph.readwrite import yaml_dataset

    real = yaml_dataset.read_yaml_dataset
    packaged = real(DATA_DIR, register_only=True)

    def read(directory, **options):
        if Path(directory) == DATA_DIR:
            return packaged
        return real(directory, **options)

    monkeypatch.setattr(yaml_dataset, "read_yaml_dataset", read)


def _queries(graph) -> None:
    """``info``-style questions on a valid dataset: none may fail but for a reference problem."""
    from orggraph.queries.lookup import find, info, show
    from orggraph.queries.appointments import appointments
    from orggraph.queries.support import who_supports

    info(graph)
    find(graph, "")
    records = graph.node_records()
    for record in records[:15]:
        show(graph, record["id"])
    for record in records:
        if record["kind"] in ("RAR", "KKR"):
            who_supports(graph, record["id"])
            appointments(graph, record["id"])


def _compare(graph) -> None:
    """The comparison of the regions, for a sample of the valid datasets."""
    from orggraph.compare import compare

    try:
        compare(graph)
    except OrgGraphError:
        pass


def _check(folder: Path, files: dict[str, bytes], cli: bool, runner, sample: bool = False) -> None:
    for old in folder.iterdir():
        shutil.rmtree(old) if old.is_dir() else old.unlink()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    try:
        result = check_dataset(folder)
    except OrgGraphError:
        return
    for error in result.errors:
        line = str(error)
        assert "\n" not in line and line.isprintable(), f"a message that is not one printable line: {line[:300]!r}"
        assert len(line) <= 1000, f"a message of {len(line)} characters: {line[:300]!r}…"
    if not result.errors:
        graph = build(result)
        try:
            _queries(graph)
        except OrgGraphError:
            pass
        if cli or sample:
            _compare(graph)
    if cli:
        run = runner.invoke(app, ["validate", str(folder)])
        assert run.exit_code in (0, 1), run.output
        assert run.exception is None or isinstance(run.exception, SystemExit), repr(run.exception)
        assert "Traceback" not in run.output
        if run.exit_code == 1:
            assert run.stderr.strip(), "invalid, but no message"
        assert run.exit_code == (1 if result.errors else 0), run.output


def _diff(base: dict[str, bytes], files: dict[str, bytes]) -> str:
    out = []
    for name in sorted(set(base) | set(files)):
        old = base.get(name, b"").decode("utf-8", "replace").splitlines()
        new = files.get(name, b"").decode("utf-8", "replace").splitlines()
        out += difflib.unified_diff(old, new, f"a/{name}", f"b/{name}", n=1, lineterm="")
    shown = ("".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in line[:300]) + ("…" if len(line) > 300 else "")
             for line in out)  # escaped: an inserted ESC must not reach the terminal
    return "\n".join(shown)[:4000]


@pytest.mark.parametrize("base,chunk", [(b, c) for b, n in CHUNKS.items() for c in range(n)])
def test_mutated_inputs_never_crash(base, chunk, tmp_path, runner):
    folder = tmp_path / "case"
    folder.mkdir()
    for i in range(CHUNK):
        files, done = make_case(base, chunk, i)
        try:
            _check(folder, files, cli=(chunk * CHUNK + i) % CLI_EVERY == 0, runner=runner, sample=i % 5 == 0)
        except Exception as err:  # noqa: BLE001 - every failure is reported with its input
            pytest.fail(f"case make_case({base!r}, {chunk}, {i}) failed: {err.__class__.__name__}: {str(err)[:500]}\n"
                        f"mutations: {done}\n{_diff(bases()[base], files)}")


def test_the_bases_are_valid(tmp_path, runner):
    for base, files in bases().items():
        folder = tmp_path / base
        folder.mkdir()
        _check(folder, files, cli=False, runner=runner)
        assert check_dataset(folder).errors == [], base


def test_the_fuzz_cases_are_reproducible_and_many():
    assert make_case("yaml-corpus", 3, 7) == make_case("yaml-corpus", 3, 7)
    assert sum(CHUNKS.values()) * CHUNK >= 2000

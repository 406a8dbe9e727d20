"""DATA.md, the repeatable audit: every fact the five documents give, where it sits in the
data, and the recall that follows. These tests keep it true: every id it names exists,
every fact the independent audit listed is accounted for, and the recall it states is
the one its rows give, at least 97 % of the core facts in every document."""

import re
from fractions import Fraction
from pathlib import Path

import pytest
from conftest import shared_dir

from orggraph import load

DATA_MD = Path(__file__).resolve().parent.parent / "DATA.md"
ROW = re.compile(r"^\|\s*(?P<fact>\d{3}-\d{2}|[RTN]-\d{2})[^|]*\|(?P<text>[^|]*)\|(?P<where>.*)\|\s*(?P<status>✓|◐|✗)\s*\|\s*$")
SUMMARY = re.compile(r"^\|\s*(?P<doc>seed-\d{3})\s*\|\s*(?P<facts>\d+)\s*\|\s*(?P<core>\d+)\s*\|.*\|\s*\*\*(?P<recall>[\d.]+) %\*\*\s*\|\s*$")
CITED = re.compile(r"`([^`\s]+)`")


def _rows() -> list[dict]:
    rows = []
    for line in DATA_MD.read_text(encoding="utf-8").splitlines():
        match = ROW.match(line)
        if match:
            rows.append({k: v.strip() for k, v in match.groupdict().items()})
    return rows


def _core_recall(rows: list[dict]) -> Fraction:
    core = [r for r in rows if not r["text"].startswith("(c)")]
    held = sum(Fraction(1) if r["status"] == "✓" else Fraction(1, 2) if r["status"] == "◐" else 0 for r in core)
    return held / len(core)


def test_every_id_data_md_names_is_in_the_data():
    graph = load()
    missing = []
    for row in _rows():
        for ref in CITED.findall(row["where"]):
            if ":" in ref:
                try:
                    graph.edge(ref)
                except Exception:
                    missing.append((row["fact"], ref))
            elif re.fullmatch(r"[a-z0-9][a-z0-9-]*", ref) and ref not in graph:
                missing.append((row["fact"], ref))
    assert not missing


def test_every_fact_the_audit_listed_is_accounted_for():
    audit = (shared_dir() / "audits" / "data-audit-2026-11.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| (\d{3}-\d{2}) \|", audit, re.M))
    total = int(re.search(r"^\| \*\*all\*\* \| \*\*(\d+)\*\* \|", audit, re.M).group(1))  # the audit's own total
    assert len(listed) == total
    assert listed <= {r["fact"] for r in _rows()}


def test_a_fact_left_out_says_why():
    for row in _rows():
        if row["status"] == "✗":
            assert len(row["where"]) > 15, row["fact"]


@pytest.mark.parametrize("doc", ["000", "001", "002", "003", "004"])
def test_core_recall_is_at_least_97_percent_and_stated_truly(doc):
    rows = [r for r in _rows() if r["fact"].startswith(doc + "-")]
    recall = _core_recall(rows)
    assert recall >= Fraction(97, 100), float(recall)
    stated = {m["doc"]: m for m in map(SUMMARY.match, DATA_MD.read_text(encoding="utf-8").splitlines()) if m}
    summary = stated[f"seed-{doc}"]
    assert int(summary["facts"]) == len(rows)
    assert int(summary["core"]) == sum(not r["text"].startswith("(c)") for r in rows)
    assert abs(float(summary["recall"]) - float(recall) * 100) < 0.05

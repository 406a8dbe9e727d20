"""Persons from a member roster (issue 15), with the INVENTED rosters under tests/data/rosters/
(no real names): loading, the statute checks on each council's own date, and the questions."""

from __future__ import annotations

import json
import os
from pathlib import Path

from typer.testing import CliRunner

from orggraph import load
from orggraph.cli import app
from orggraph.readwrite.roster import add_rosters

ROSTERS = Path(__file__).parent / "data" / "rosters"
FYN, RBR, BROKEN = (str(ROSTERS / name) for name in ("rar-fyn.csv", "rbr-syddanmark.csv", "broken.csv"))
HEADER = "name,body,role,nominated_by,municipality,title,substitute_for,mirrors,valid_from,valid_to,source,locator,quote\n"
runner = CliRunner()


def _run(*args):
    return runner.invoke(app, list(args))


def test_who_supports_a_municipal_member_lists_the_serving_body_its_persons_and_the_flags():
    result = _run("--roster", FYN, "who-supports", "Anna Fiktiv", "--as-of", "2017-01-01", "--json")
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    supporters = {s["supporter"]["name"]: s for s in answer["supporters"]}
    assert set(supporters) == {"Arbejdsmarkedskontor Syd", "Embedsmandsudvalget i KKR Syddanmark"}
    serving = supporters["Embedsmandsudvalget i KKR Syddanmark"]
    # the data: KKR Syddanmark nominates the 5 municipal seats of RAR Fyn
    assert serving["why"] == "som et af de 5 kommunale medlemmer, udpeget af KKR Syddanmark"
    assert serving["reaches"] == "municipal_members"
    persons = {p["person"]["name"]: p for p in serving["persons"]}
    assert persons["Jens Fiktiv"]["flags"] == ["same_municipality", "mirrors_member"]
    assert persons["Jens Fiktiv"]["municipality"]["name"] == "Odense Kommune"
    assert persons["Karen Fiktiv"]["flags"] == []  # Nyborg, not Odense
    assert supporters["Arbejdsmarkedskontor Syd"]["reaches"] == "the_body"
    assert all(s["sources"] for s in answer["supporters"])


def test_a_chair_of_the_supporting_body_from_the_members_municipality_is_flagged(tmp_path):
    roster = tmp_path / "struer.csv"
    roster.write_text(HEADER + "\n".join([
        "Ivan Fiktiv,RAR Vestjylland,næstformand,KKR Midtjylland,Struer,borgmester,,,2016-01-01,,Opdigtet,x,",
        "Ulla Fiktiv,Den administrative styregruppe/baggrundsgruppe for beskæftigelsesområdet,formand,,Struer,kommunaldirektør,,,2016-01-01,,Opdigtet,x,",
    ]) + "\n", encoding="utf-8")
    graph = add_rosters(load(), [roster])
    from orggraph.queries.support import who_supports

    answer = who_supports(graph, "Ivan Fiktiv", "2016-06-01")
    flagged = {p["person"]["name"]: p["flags"] for s in answer["supporters"] for p in s["persons"]}
    assert flagged.get("Ulla Fiktiv") == ["same_municipality", "chair_from_member_municipality"], answer["supporters"]


def test_a_broken_roster_gives_one_line_per_problem_and_exit_1():
    result = _run("--roster", BROKEN, "who-supports", "RAR Vestjylland", "--as-of", "2016-06-01")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    lines = [ln for ln in result.output.splitlines() if ln.startswith(BROKEN)]
    assert lines == [
        f"{BROKEN}:8: body: Arbejdsgiverpladser (DA) i RAR Vestjylland has 6 seat(s) on 2016-01-01 (the data's seat group), and this line is member number 7",
        f"{BROKEN}:9: municipality: Aarhus Kommune is not covered by RAR Vestjylland on 2016-01-01 (the data's 'dækker'); a municipal member comes from a municipality the council covers",
        f"{BROKEN}:12: substitute_for: Ivan Fiktiv already has a substitute, Julie Fiktiv ({BROKEN}:11); a member has at most one",
        f"{BROKEN}:13: body: no node matches 'RAR Vestjyland'. Did you mean: RAR Vestjylland, RAR Østjylland? Try 'orggraph find TEXT'.",
    ]
    assert "Hvem understøtter" not in result.output  # no answer is printed
    assert result.output.splitlines()[-1] == ("orggraph: the roster has 4 problem(s); nothing was answered or written. "
                                              "Check it with 'orggraph validate --roster FILE'.")


def test_validate_with_a_roster_reports_the_statute_and_exits_1():
    result = _run("validate", "--roster", BROKEN, "--json")
    assert result.exit_code == 1
    errors = json.loads(result.output)["errors"]
    assert [(e["line"], e["field"]) for e in errors] == [(8, "body"), (9, "municipality"), (12, "substitute_for"), (13, "body")]
    ok = _run("validate", "--roster", FYN, "--roster", RBR)
    assert ok.exit_code == 0, ok.output


def test_each_council_is_checked_against_its_own_statute_by_date(tmp_path):
    """FH has 6 seats in a RAR but 5 in a regionalt beskæftigelsesråd from 2025-03-01 (the data's seat groups)."""
    council = "Det regionale beskæftigelsesråd for Region Syddanmark"
    rar = tmp_path / "rar.csv"
    rar.write_text(HEADER + "".join(f"P{i} Fiktiv,RAR Fyn,medlem,FH,,,,,2019-06-01,,Opdigtet,x,\n" for i in range(6)), encoding="utf-8")
    assert _run("validate", "--roster", str(rar)).exit_code == 0
    rbr = tmp_path / "rbr.csv"
    rbr.write_text(HEADER + "".join(f"P{i} Fiktiv,{council},medlem,FH,,,,,2025-03-01,,Opdigtet,x,\n" for i in range(6)), encoding="utf-8")
    result = _run("validate", "--roster", str(rbr), "--json")
    assert result.exit_code == 1
    assert [(e["line"], e["message"]) for e in json.loads(result.output)["errors"]] == [
        (7, "Lønmodtagerpladser (FH) i beskæftigelsesrådet for Region Syddanmark has 5 seat(s) on 2025-03-01 "
            "(the data's seat group), and this line is member number 6")]
    # the RAR's own nominator is not the council's: LO nominated before 2019, and no RAR after 2025-02-28
    late = tmp_path / "late.csv"
    late.write_text(HEADER + "Q Fiktiv,RAR Fyn,medlem,DA,,,,,2025-06-01,,Opdigtet,x,\n", encoding="utf-8")
    errors = json.loads(_run("validate", "--roster", str(late), "--json").output)["errors"]
    assert errors[0]["field"] == "body" and "not in force on 2025-06-01" in errors[0]["message"]


def test_a_line_without_a_source_or_with_a_wrong_nominator_is_an_error(tmp_path):
    roster = tmp_path / "r.csv"
    roster.write_text(HEADER + "A Fiktiv,RAR Fyn,medlem,DA,,,,,2016-01-01,,,,\n"
                      "B Fiktiv,RAR Fyn,medlem,KKR Midtjylland,Odense,,,,2016-01-01,,Opdigtet,x,\n"
                      "C Fiktiv,RAR Fyn,vicevært,DA,,,,,2016-01-01,,Opdigtet,x,\n", encoding="utf-8")
    errors = json.loads(_run("validate", "--roster", str(roster), "--json").output)["errors"]
    assert [(e["line"], e["field"]) for e in errors] == [(2, "source"), (3, "nominated_by"), (4, "role")]
    assert errors[1]["message"].startswith("KKR Midtjylland nominates none of the seats in RAR Fyn on 2016-01-01")


def test_members_persons_shows_seat_groups_nominators_and_substitutes():
    result = _run("--roster", FYN, "members", "RAR Fyn", "--persons", "--as-of", "2017-01-01", "--json")
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    groups = {g["seat_group"]["name"]: g for g in answer["seat_groups"]}
    municipal = groups["Kommunale pladser i RAR Fyn"]
    assert (municipal["seats"], municipal["vacant"], [n["name"] for n in municipal["nominated_by"]]) == (5, 0, ["KKR Syddanmark"])
    anna = next(h for h in municipal["holders"] if h["person"]["name"] == "Anna Fiktiv")
    assert anna["substitute"]["person"]["name"] == "Finn Fiktiv"
    assert [h["person"]["name"] for p in answer["posts"] for h in p["holders"]] == ["Anna Fiktiv"]
    assert len(groups) == 7 and sum(g["seats"] for g in groups.values()) == 21
    # on a date after Inge Fiktiv's term (to 2018-12-31) the employee seats are empty again
    later = json.loads(_run("--roster", FYN, "members", "RAR Fyn", "--persons", "--as-of", "2019-06-01", "--json").output)
    assert {g["seat_group"]["name"]: len(g["holders"]) for g in later["seat_groups"]}["Lønmodtagerpladser i RAR Fyn"] == 0
    council = json.loads(_run("--roster", RBR, "members", "rbr-syddanmark", "--persons", "--json").output)
    assert sum(g["seats"] for g in council["seat_groups"]) == 18


def test_show_a_person():
    result = _run("--roster", FYN, "show", "Anna Fiktiv", "--as-of", "2017-01-01", "--json")
    assert result.exit_code == 0, result.output
    node = json.loads(result.output)["node"]
    assert (node["kind"], node["attrs"]["municipality"]) == ("Person", "kommune-461")
    assert node["sources"][0]["document"].startswith("Opdigtet medlemsliste")


def test_a_roster_never_reaches_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("ORGGRAPH_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("ORGGRAPH_NO_CACHE", raising=False)
    assert _run("--roster", FYN, "info", "--json").exit_code == 0
    assert _run("--roster", FYN, "info", "--json").exit_code == 0
    cached = list((tmp_path / "cache").glob("*.pickle"))
    assert cached
    for file in cached:
        data = file.read_bytes()
        assert b"Fiktiv" not in data and "Opdigtet".encode() not in data
    assert "Person" not in load().counts()["nodes"]


def test_an_xlsx_roster_with_danish_headers_reads_like_the_csv(tmp_path):
    import csv

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    with open(RBR, encoding="utf-8") as handle:
        for row in csv.reader(handle):
            sheet.append(row)
    book.save(tmp_path / "rbr.xlsx")
    from_xlsx = add_rosters(load(), [tmp_path / "rbr.xlsx"])
    from_csv = add_rosters(load(), [RBR])
    assert sorted(from_xlsx.node_ids("Person")) == sorted(from_csv.node_ids("Person"))
    assert len(from_xlsx.node_ids("Person")) == 7


def test_the_rar_charts_seat_table_lists_the_members_by_name(tmp_path):
    out = tmp_path / "fyn.mmd"
    result = _run("--roster", FYN, "chart", "rar", "RAR Fyn", "--as-of", "2017-01-01", "-o", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "KKR Syddanmark * · 5<br/>  Anna Fiktiv<br/>  Bent Fiktiv<br/>  Cecilie Fiktiv<br/>  Dan Fiktiv<br/>  Eva Fiktiv<br/>" in text
    assert "Finn Fiktiv<br/>" not in text  # the substitute holds no seat of their own
    plain = tmp_path / "plain.mmd"
    assert _run("chart", "rar", "RAR Fyn", "--as-of", "2017-01-01", "-o", str(plain)).exit_code == 0
    assert "Fiktiv" not in plain.read_text(encoding="utf-8")


def test_exports_hold_no_person():
    exports = Path(__file__).resolve().parent.parent / "exports"
    files = [p for p in exports.rglob("*") if p.is_file()]
    assert files
    for file in files:
        data = file.read_bytes()
        assert b"Fiktiv" not in data and b'"kind": "Person"' not in data and b"person-" not in data, file
    popolo = json.loads((exports / "data" / "orggraph.popolo.json").read_text(encoding="utf-8"))
    assert popolo["persons"] == []


def test_the_statute_is_checked_in_the_data_too(tmp_path):
    """A council's seat groups must add up to its members on every date (the data's own numbers)."""
    import shutil

    from orggraph.readwrite.load import DATA_DIR

    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    national = data / "national.yaml"
    text = national.read_text(encoding="utf-8")
    start = text.index("- id: post-rar-fyn-da\n")
    end = start + text[start:].index("    seats: 6\n")
    national.write_text(text[:end] + "    seats: 7\n" + text[end + len("    seats: 6\n"):], encoding="utf-8")
    result = _run("validate", str(data), "--json")
    assert result.exit_code == 1
    errors = json.loads(result.output)["errors"]
    assert len(errors) == 1 and errors[0]["file"].endswith("national.yaml") and errors[0]["field"].endswith(".attrs.members")
    assert errors[0]["message"].startswith("RAR Fyn has 21 members, but its seat groups add up to 22 on 2015-01-01:")


def test_overlapping_terms_in_one_seat_and_a_second_chair_are_reported(tmp_path):
    roster = tmp_path / "r.csv"
    roster.write_text(HEADER + "A Fiktiv,RAR Fyn,formand,DA,,,,,2016-01-01,2017-12-31,Opdigtet,x,\n"
                      "A Fiktiv,RAR Fyn,medlem,DA,,,,,2017-06-01,,Opdigtet,x,\n"
                      "B Fiktiv,RAR Fyn,formand,DA,,,,,2017-01-01,,Opdigtet,x,\n"
                      "C Fiktiv,RAR Fyn,formand,DA,,,,,2018-01-01,,Opdigtet,x,\n", encoding="utf-8")
    errors = json.loads(_run("validate", "--roster", str(roster), "--json").output)["errors"]
    assert [(e["line"], e["field"], e["message"]) for e in errors] == [
        (3, "valid_from", f"A Fiktiv's term in Arbejdsgiverpladser (DA) i RAR Fyn overlaps the term on {roster}:2"),
        (4, "role", f"RAR Fyn has one chair at a time; this term overlaps A Fiktiv's ({roster}:2)"),
        (5, "role", f"RAR Fyn has one chair at a time; this term overlaps B Fiktiv's ({roster}:4)"),
    ]

"""Time (issue 14, point 4 and audit § 3.10): the default date every answer is given for, and
facts whose start or end is known only to lie in a window.

The change days are read from the data files with PyYAML alone, not through orggraph, so the
default date is checked against the data rather than against orggraph's own arithmetic.
"""

import json
import re
from datetime import date, timedelta

import pytest

from orggraph.cli import app
from orggraph.graph import uncertain
from orggraph.queries.membership import members, memberships
from orggraph.queries.lookup import show
from conftest import data_records, shared_dir

#: Viborg's move between RAR Vestjylland and RAR Østjylland (audit § 3.10: "Viborg belongs to
#: no RAR from 2016-11-02 to 2018-04-29" in the old data) lies in this window.
WINDOW = ("2016-11-02", "2018-04-29")


def _change_days() -> list[str]:
    records = data_records()["nodes"] + data_records()["edges"]
    days = {str(r["valid_from"]) for r in records if r.get("valid_from")}
    days |= {(date.fromisoformat(str(r["valid_to"])) + timedelta(days=1)).isoformat() for r in records if r.get("valid_to")}
    return sorted(days)


@pytest.mark.parametrize("today", ["2014-06-01", "2015-01-01", "2022-06-01", "2025-02-28", "2025-03-01", "2026-06-01", "2026-12-31", "2027-06-01", "2040-01-01"])
def test_the_default_date_is_the_latest_change_on_or_before_today(graph, today):
    earlier = [d for d in _change_days() if d <= today]
    assert graph.current_day(today) == (earlier[-1] if earlier else None)
    assert graph.current_day(date.fromisoformat(today)) == graph.current_day(today)


def test_in_2026_the_default_is_the_day_the_councils_began(graph):
    reform = (shared_dir() / "reference" / "reform_2025.md").read_text(encoding="utf-8")
    assert "Bekendtgørelsen træder i kraft den 1. marts 2025." in reform
    assert graph.current_day("2026-06-01") == "2025-03-01"
    # it stays the same until the next change comes into force: the merger of 1 January 2027
    assert graph.current_day("2026-12-31") == "2025-03-01" and graph.current_day("2027-01-01") == "2027-01-01"


def test_the_default_date_is_todays_state(graph):
    today = date.today().isoformat()
    day = graph.current_day()
    assert day == graph.current_day(today) and day <= today
    # nothing in the data changes between that day and today
    assert not [d for d in _change_days() if day < d <= today]


COMMANDS = [
    ["info"],
    ["show", "rbr-nordjylland"],
    ["who-supports", "rbr-nordjylland"],
    ["appointments", "rbr-nordjylland"],
    ["mirrors"],
    ["members", "rbr-nordjylland"],
    ["memberships", "Aalborg"],
    ["path", "KKR Nordjylland", "rbr-nordjylland"],
    ["compare"],
    ["compare", "--diff", "Nordjylland", "Sjælland"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a))
def test_without_as_of_every_command_answers_for_the_default_date_and_names_it(runner, graph, args):
    day = graph.current_day()
    table = runner.invoke(app, args, env={"COLUMNS": "200"})
    assert table.exit_code == 0, table.output
    assert table.stdout.splitlines()[0] == f"Stand pr. {day} (seneste ændring i data; vælg en anden dato med --as-of)"
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["as_of"] == day


@pytest.mark.parametrize("args", COMMANDS[:3], ids=lambda a: " ".join(a))
def test_the_default_gives_the_same_answer_as_that_date_given(runner, graph, args):
    day = graph.current_day()
    default = json.loads(runner.invoke(app, [*args, "--json"]).stdout)
    given = runner.invoke(app, [*args, "--json", "--as-of", day])
    assert json.loads(given.stdout) == default
    assert runner.invoke(app, [*args, "--as-of", day]).stdout.splitlines()[0] == f"Stand pr. {day}"


def test_a_chart_without_as_of_is_drawn_for_the_default_date_and_says_so(runner, graph, tmp_path):
    result = runner.invoke(app, ["chart", "national", "-o", str(tmp_path / "n.dot"), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["as_of"] == graph.current_day()
    table = runner.invoke(app, ["chart", "national", "-o", str(tmp_path / "n.dot")])
    assert f"Stand pr. {graph.current_day()}" in table.stdout


def test_the_help_says_what_the_default_date_is(runner):
    top = " ".join(runner.invoke(app, ["--help"], env={"COLUMNS": "200"}).stdout.split())
    assert "Without --as-of" in top and "current state" in top and "--as-of 2022-01-01" in top
    for command in ("show", "who-supports", "members", "memberships", "compare", "chart"):
        text = " ".join(runner.invoke(app, [command, "--help"], env={"COLUMNS": "200"}).stdout.split())
        assert "Default: the current state of the data" in text, command


def test_viborg_in_2017_belongs_to_both_rar_each_uncertain(runner, graph):
    """audit § 3.10: `orggraph memberships kommune-791 --as-of 2017-06-01` showed no RAR at all."""
    rows = [m for m in memberships(graph, "kommune-791", as_of="2017-06-01")["memberships"] if m["type"] == "DAEKKER"]
    assert {m["part_of"]["id"] for m in rows} == {"rar-vestjylland", "rar-oestjylland"}
    said = {m["part_of"]["id"]: m["uncertain"] for m in rows}
    assert said["rar-vestjylland"] == f"ophørte mellem {WINDOW[0]} og {WINDOW[1]}"
    assert said["rar-oestjylland"].startswith(f"begyndte mellem {WINDOW[0]} og ")
    table = runner.invoke(app, ["memberships", "kommune-791", "--as-of", "2017-06-01"], env={"COLUMNS": "250"}).stdout
    assert f"(usikker: ophørte mellem {WINDOW[0]} og {WINDOW[1]})" in table
    assert f"(usikker: begyndte mellem {WINDOW[0]}" in table
    data = json.loads(runner.invoke(app, ["memberships", "kommune-791", "--as-of", "2017-06-01", "--json"]).stdout)
    assert {m["part_of"]["id"]: m["uncertain"] for m in data["memberships"] if m["type"] == "DAEKKER"} == said


@pytest.mark.parametrize("day, sure", [("2016-11-01", "rar-vestjylland"), ("2018-04-30", "rar-oestjylland"), ("2019-06-01", "rar-oestjylland")])
def test_outside_the_window_viborg_has_one_rar_surely(graph, day, sure):
    rows = [m for m in memberships(graph, "kommune-791", as_of=day)["memberships"] if m["type"] == "DAEKKER"]
    assert [(m["part_of"]["id"], m["uncertain"]) for m in rows] == [(sure, None)]


def test_the_uncertain_edges_are_derived_and_say_why(graph):
    for rar in ("rar-vestjylland", "rar-oestjylland"):
        (edge,) = [d for _, v, _, d in graph.out_edges(rar, "DAEKKER") if v == "kommune-791"]
        assert edge["confidence"] == "derived" and re.search(r"usikker", edge["confidence_note"])
        assert uncertain(edge, "2017-06-01") and edge["attrs"]["date_text"]


def test_show_and_members_flag_an_uncertain_row(runner, graph):
    shown = show(graph, "kommune-791", as_of="2017-06-01")
    flagged = {e["source"]["id"]: e["uncertain"] for e in shown["in"] if e["type"] == "DAEKKER"}
    assert set(flagged) == {"rar-vestjylland", "rar-oestjylland"} and all(flagged.values())
    rows = members(graph, "RAR Vestjylland", as_of="2017-06-01")["members"]
    assert [r["uncertain"] for r in rows if r["member"]["id"] == "kommune-791"] == [f"ophørte mellem {WINDOW[0]} og {WINDOW[1]}"]
    assert all(r["uncertain"] is None for r in rows if r["member"]["id"] != "kommune-791")
    table = runner.invoke(app, ["show", "kommune-791", "--as-of", "2017-06-01"], env={"COLUMNS": "250"}).stdout
    assert "(usikker: ophørte mellem" in table


def test_a_body_not_yet_in_force_names_the_date_that_reaches_it(runner):
    result = runner.invoke(app, ["path", "KKR Sjælland", "Region Østdanmark", "--as-of", "2026-06-01"])
    assert result.exit_code == 1
    (line,) = result.stderr.strip().splitlines()
    assert "not in force on 2026-06-01" in line and "--as-of 2027-01-01" in line


def test_a_near_miss_suggests_a_name_from_another_date(runner):
    result = runner.invoke(app, ["show", "RAR Nordjyland"])
    assert result.exit_code == 1 and "Did you mean: RAR Nordjylland" in result.stderr


def test_find_without_hits_on_the_date_lists_the_other_dates(runner):
    result = runner.invoke(app, ["find", "RAR Bornholm", "--as-of", "2026-06-01"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "Ingen knuder matcher 'RAR Bornholm' pr. 2026-06-01" in result.stdout
    assert "rar-bornholm" in result.stdout and "2015-01-01 – 2025-02-28" in result.stdout

"""The 2025 reform (issue 14, point 4): five regionale beskæftigelsesråd replaced the eight RAR.

Expected values are read from the reform page (reference/reform_2025.md, shipped as
documents/reform_2025.md, register id ``ref-reform``) and from the municipality list, not
from what the tool prints today.
"""

import csv
import json
import re

import pytest

from orggraph.cli import app
from orggraph.queries.membership import members, memberships
from orggraph.queries.lookup import show
from conftest import shared_dir

#: A day in the council era, and one in the RAR era.
COUNCIL_ERA, RAR_ERA = "2026-06-01", "2022-01-01"
REGIONS = {"nordjylland": "Nordjylland", "midtjylland": "Midtjylland", "syddanmark": "Syddanmark",
           "hovedstaden": "Hovedstaden", "sjaelland": "Sjælland"}
DANISH_MONTHS = {"januar": 1, "februar": 2, "marts": 3, "april": 4, "maj": 5, "juni": 6}


@pytest.fixture(scope="module")
def reform() -> str:
    return (shared_dir() / "reference" / "reform_2025.md").read_text(encoding="utf-8")


def _danish_day(text: str) -> str:
    day, month, year = re.fullmatch(r"(\d+)\. (\w+) (\d{4})", text).groups()
    return f"{year}-{DANISH_MONTHS[month]:02d}-{int(day):02d}"


@pytest.fixture(scope="module")
def start(reform) -> str:
    """B218: "Bekendtgørelsen træder i kraft den 1. marts 2025." """
    return _danish_day(re.search(r"Bekendtgørelsen træder i kraft den (\d+\. \w+ \d{4})\.", reform).group(1))


@pytest.fixture(scope="module")
def rar_end(reform) -> str:
    return re.search(r"So the eight RAR ended on \*\*(\d{4}-\d{2}-\d{2})\*\*", reform).group(1)


@pytest.fixture(scope="module")
def law_seats(reform) -> dict[str, int]:
    """L1656 § 29: "Der udpeges 1) 6 fra Dansk Arbejdsgiverforening, 2) 5 fra …", by nominating group."""
    said = re.search(r"Der udpeges (.*?)\.\"", reform).group(1)
    found = {who: int(n) for n, who in re.findall(r"\d\) (\d+) fra ([^,]+?)(?=,| og \d\)|$)", said)}
    assert len(found) == 5, found
    return found


@pytest.fixture(scope="module")
def regions_of_municipalities() -> dict[str, str]:
    rows = csv.DictReader((shared_dir() / "reference" / "municipalities.csv").open(encoding="utf-8"))
    return {f"kommune-{row['kommunekode']}": row["region"] for row in rows}


def test_the_rar_ended_the_day_before_the_reform_came_into_force(reform, start, rar_end, graph):
    from datetime import date, timedelta

    assert date.fromisoformat(rar_end) == date.fromisoformat(start) - timedelta(days=1)
    for rar in graph.node_ids("RAR"):
        assert graph.node(rar)["valid_to"] == rar_end, rar
        seat_posts = [u for u, _, _, _ in graph.in_edges(rar, "MEDLEM_AF") if graph.node(u)["kind"] == "Post"
                      and "seats" in graph.node(u)["attrs"]]
        assert seat_posts and all(graph.node(p)["valid_to"] == rar_end for p in seat_posts), rar
    assert not graph.as_of(start).node_ids("RAR") and len(graph.as_of(rar_end).node_ids("RAR")) == 8


def test_show_rar_nordjylland_in_2026_says_it_was_replaced_by_what_and_from_when(runner, start, rar_end):
    result = runner.invoke(app, ["show", "RAR Nordjylland", "--as-of", COUNCIL_ERA])
    assert result.exit_code == 0, result.output
    council = "Det regionale beskæftigelsesråd for Region Nordjylland"
    assert f"ophørte {rar_end}" in result.stdout
    assert f"afløst fra {start} af {council}" in result.stdout
    assert f"--as-of {rar_end}" in result.stdout
    data = json.loads(runner.invoke(app, ["show", "RAR Nordjylland", "--as-of", COUNCIL_ERA, "--json"]).stdout)
    assert data["as_of"] == COUNCIL_ERA and data["era"]["in_force"] is False and data["era"]["valid_to"] == rar_end
    assert [(r["node"]["name"], r["from"]) for r in data["era"]["replaced_by"]] == [(council, start)]
    assert data["out"] == [] and data["in"] == []  # nothing of the RAR is in force in 2026


@pytest.mark.parametrize("command", [["who-supports"], ["appointments"], ["members"], ["mirrors"]])
def test_other_commands_on_a_replaced_rar_fail_with_one_line_naming_the_era(runner, command, start, rar_end):
    result = runner.invoke(app, [*command, "RAR Nordjylland", "--as-of", COUNCIL_ERA])
    assert result.exit_code == 1
    (line,) = result.stderr.strip().splitlines()
    assert f"not in force on {COUNCIL_ERA}" in line and rar_end in line
    assert f"replaced from {start} by Det regionale beskæftigelsesråd for Region Nordjylland" in line
    assert f"--as-of {rar_end}" in line


@pytest.mark.parametrize("ref", ["Det regionale beskæftigelsesråd for Region Nordjylland", "beskæftigelsesråd Nordjylland", "rbr-nordjylland"])
def test_the_nordjylland_council_shows_its_18_seats_with_the_municipal_nomination_unverified(runner, ref, law_seats, reform):
    total = int(re.search(r"Et regionalt beskæftigelsesråd består af (\d+) medlemmer", reform).group(1))
    assert sum(law_seats.values()) == total == 18  # 6 + 5 + 1 + 1 + 5
    result = runner.invoke(app, ["show", ref, "--as-of", COUNCIL_ERA, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["node"]["id"] == "rbr-nordjylland" and data["node"]["kind"] == "Beskaeftigelsesraad"
    assert sum(s["seats"] for s in data["seats"]) == total
    by_appointer = {a["source"]["name"]: (s["seats"], a["confidence"]) for s in data["seats"] for a in s["appointed_by"]}
    assert by_appointer == {
        "DA": (law_seats["Dansk Arbejdsgiverforening"], "stated"),
        "FH": (law_seats["Fagbevægelsens Hovedorganisation"], "stated"),
        "Akademikerne": (law_seats["Akademikerne"], "stated"),
        "Regionsrådet i Region Nordjylland": (law_seats["regionsrådet"], "stated"),
        "KKR Nordjylland": (law_seats["kommuner i regionen"], "unverified"),
    }
    municipal = next(s for s in data["seats"] if s["appointed_by"][0]["source"]["kind"] == "KKR")
    (kkr,) = municipal["appointed_by"]
    assert "5 fra kommuner i regionen" in kkr["confidence_note"] and kkr["attrs"]["law_wording"] == "5 fra kommuner i regionen"
    table = runner.invoke(app, ["show", ref, "--as-of", COUNCIL_ERA]).stdout
    assert f"{total} pladser" in table and "unverified" in table


def test_lederne_and_dh_have_no_seats_in_the_councils(graph):
    view = graph.as_of(COUNCIL_ERA)
    for council in view.node_ids("Beskaeftigelsesraad"):
        appointers = {u for s in show(graph, council, as_of=COUNCIL_ERA)["seats"] for u in [s["appointed_by"][0]["source"]["id"]]}
        assert not appointers & {"org-lederne", "org-dh"}, council


def test_five_councils_one_per_region_each_covering_its_region(graph, regions_of_municipalities):
    councils = graph.as_of(COUNCIL_ERA).node_ids("Beskaeftigelsesraad")
    assert sorted(councils) == sorted(f"rbr-{r}" for r in REGIONS)
    covered = {}
    for region_id, region in REGIONS.items():
        node = graph.node(f"rbr-{region_id}")
        assert node["name"] == f"Det regionale beskæftigelsesråd for Region {region}" and node["valid_from"] == "2025-03-01"
        rows = members(graph, f"rbr-{region_id}", as_of=COUNCIL_ERA)["members"]
        ids = [r["member"]["id"] for r in rows]
        assert sorted(ids) == sorted(k for k, reg in regions_of_municipalities.items() if reg == region), region
        covered.update(dict.fromkeys(ids, region_id))
    assert len(covered) == 98  # every municipality by exactly one council


def test_bornholm_is_covered_by_the_hovedstaden_council_and_has_no_council_of_its_own(graph, reform):
    assert "… Tårnby og Vallensbæk og Bornholms Regionskommune." in reform
    rows = [m for m in memberships(graph, "Bornholm", as_of=COUNCIL_ERA)["memberships"] if m["type"] == "DAEKKER"]
    assert [(m["part_of"]["id"], m["confidence"]) for m in rows] == [("rbr-hovedstaden", "stated")]
    assert not [n for n in graph.node_ids("Beskaeftigelsesraad") if "Bornholm" in graph.node(n)["name"]]
    assert any("Bornholms Regionskommune" in s["quote"] for s in graph.edge(rows[0]["edge"])["sources"])


def test_the_rest_of_the_coverage_is_derived_with_the_reason(graph):
    for _, kommune, key, data in graph.edges("DAEKKER"):
        if not key.startswith("rbr-") or kommune in ("kommune-400", "kommune-185", "kommune-187"):
            continue
        assert data["confidence"] == "derived" and "kommunelisten" in data["confidence_note"], key


def test_each_council_replaces_the_rar_whose_municipalities_it_took_over(graph, start, rar_end):
    before, after = graph.as_of(rar_end), graph.as_of(start)
    replaced = {}
    for council, rar, key, data in graph.edges("AFLOESER"):
        if graph.node(council)["kind"] != "Beskaeftigelsesraad":
            continue
        assert data["valid_from"] == start and data["confidence"] == "derived" and data["confidence_note"], key
        old = {v for _, v, _, _ in before.out_edges(rar, "DAEKKER")}
        new = {v for _, v, _, _ in after.out_edges(council, "DAEKKER")}
        assert old and old <= new, key
        replaced[rar] = council
    assert sorted(replaced) == sorted(graph.node_ids("RAR"))  # all eight, each by one council
    assert replaced["rar-bornholm"] == "rbr-hovedstaden"


def test_the_ministry_is_the_councils_secretariat_and_appoints_their_members(graph, reform):
    quote = "Beskæftigelsesministeriet varetager sekretariatsbetjeningen af de regionale arbejdsmarkedsråd."
    assert quote in reform
    view = graph.as_of(COUNCIL_ERA)
    for council in view.node_ids("Beskaeftigelsesraad"):
        secretariats = [(u, d) for u, _, _, d in view.in_edges(council, "SEKRETARIATSBETJENER")]
        assert [u for u, _ in secretariats] == ["org-beskaeftigelsesministeriet"], council
        assert any(s["quote"] == quote for s in secretariats[0][1]["sources"])
        assert [u for u, _, _, _ in view.in_edges(council, "UDNAEVNER")] == ["org-beskaeftigelsesministeriet"]
    before = graph.as_of(RAR_ERA)
    assert all([u for u, _, _, _ in before.in_edges(rar, "UDNAEVNER")] == ["org-beskaeftigelsesministeriet"] for rar in before.node_ids("RAR"))


def test_the_councils_task_and_terms(graph, reform):
    task = "at følge beskæftigelsesindsatsen på tværs af kommuner og bidrage til administrationen af ordninger på beskæftigelsesområdet"
    assert task in reform
    first = _danish_day(re.search(r"Rådenes første funktionsperiode regnes fra den (\d+\. \w+ \d{4})\.", reform).group(1))
    view = graph.as_of(COUNCIL_ERA)
    for council in view.node_ids("Beskaeftigelsesraad"):
        (opgave,) = [v for _, v, _, _ in view.out_edges(council, "HAR_OPGAVE")]
        assert graph.node(opgave)["name"].lower() == task[len("at "):].lower()
        attrs = graph.node(council)["attrs"]
        # the next term: 1 June in the year after the local elections of November 2025 (derived)
        assert attrs["first_term_from"] == first and attrs["next_term_from"] == "2026-06-01"
        assert "afledt" in attrs["terms_note"]


def test_nothing_of_the_rar_era_support_is_carried_over_to_the_councils(graph):
    from orggraph.queries.support import who_supports

    view = graph.as_of(COUNCIL_ERA)
    for council in view.node_ids("Beskaeftigelsesraad"):
        assert graph.node(council)["attrs"]["support_of_municipal_members"].startswith("ukendt: kun RAR-tidens ordninger er belagt")
        supporters = {s["supporter"]["id"] for s in who_supports(graph, council, as_of=COUNCIL_ERA)["supporters"]}
        assert supporters == {"org-beskaeftigelsesministeriet"}, council


def test_region_oestdanmark_from_2027_with_the_unknowns_said(runner, graph, reform):
    merger = _danish_day(re.search(r"med virkning fra den (\d+\. \w+ \d{4}): 1\) Sammenlægning af Region Sjælland og Region Hovedstaden", reform).group(1))
    node = graph.node("org-region-oestdanmark")
    assert node["valid_from"] == merger == "2027-01-01"
    assert {v for _, v, _, _ in graph.out_edges("org-region-oestdanmark", "AFLOESER")} == {"org-regionsraadet-hovedstaden", "org-regionsraadet-sjaelland"}
    assert "ikke fundet" in node["attrs"]["unknowns"] and "KKR" in node["attrs"]["unknowns"]
    for council in ("rbr-hovedstaden", "rbr-sjaelland"):
        assert "ikke fundet" in graph.node(council)["attrs"]["merger_note"]
        assert graph.node(council)["valid_to"] is None  # what happens to the councils is not known, so no end is invented
    result = runner.invoke(app, ["show", "Region Østdanmark", "--as-of", COUNCIL_ERA])
    assert result.exit_code == 0 and f"først gyldig fra {merger}" in result.stdout and f"--as-of {merger}" in result.stdout


def test_star_offices_after_2025_are_unverified(graph):
    for amk in ("amk-midt-nord", "amk-oest", "amk-syd"):
        assert graph.node(amk)["attrs"]["after_2025"].startswith("Ikke verificeret")
        assert all(d["valid_to"] == "2025-02-28" for _, _, _, d in graph.out_edges(amk, "SEKRETARIATSBETJENER"))


def test_the_general_rar_and_kkr_tasks_come_from_the_seeds(graph):
    rar_tasks = {"opgave-rar-overvaage", "opgave-rar-strategisk-raadgivende"}
    kkr_tasks = {"opgave-kkr-koordinere", "opgave-kkr-droefte-samarbejde"}
    before = graph.as_of(RAR_ERA)
    for rar in before.node_ids("RAR"):
        assert {v for _, v, _, _ in before.out_edges(rar, "HAR_OPGAVE")} >= rar_tasks, rar
    for kkr in graph.node_ids("KKR"):
        assert {v for _, v, _, _ in before.out_edges(kkr, "HAR_OPGAVE")} >= kkr_tasks, kkr
    quotes = {s["quote"] for t in rar_tasks | kkr_tasks for s in graph.node(t)["sources"]}
    assert any("overvåger udviklingen på det regionale arbejdsmarked" in q for q in quotes)
    assert any("strategisk og rådgivende rolle" in q for q in quotes)
    assert any("skal herefter drøftes i kommunekontakttrådene (KKR)" in q for q in quotes)
    assert any("KKR er tiltænkt en større rolle i koordineringen" in q for q in quotes)


def test_a_rar_era_query_and_chart_still_work_with_an_explicit_date(runner, tmp_path):
    shown = json.loads(runner.invoke(app, ["show", "RAR Nordjylland", "--as-of", RAR_ERA, "--json"]).stdout)
    assert shown["era"]["in_force"] and sum(s["seats"] for s in shown["seats"]) == 21
    chart = runner.invoke(app, ["chart", "rar", "RAR Nordjylland", "--as-of", RAR_ERA, "-o", str(tmp_path / "rar.dot"), "--json"])
    assert chart.exit_code == 0, chart.output
    assert json.loads(chart.stdout)["as_of"] == RAR_ERA


def test_who_supports_a_council_says_that_its_members_support_is_unknown(runner):
    """reform_2025.md: who supports the municipal members of the new councils is unverified; only
    the RAR era's arrangements are sourced. The answer says so, for the council and its seats."""
    reference = (shared_dir() / "reference" / "reform_2025.md").read_text(encoding="utf-8")
    assert "only the RAR-era arrangements in the seeds are sourced" in reference
    for ref in ("rbr-nordjylland", "post-rbr-nordjylland-kommunale"):
        result = runner.invoke(app, ["who-supports", ref, "--as-of", "2026-06-01", "--json"])
        answer = json.loads(result.output)
        assert answer["unknown"] and "RAR-tidens ordninger" in answer["unknown"], ref
        assert not [s for s in answer["supporters"] if s["type"] in ("BETJENER", "BRIEFER")]
        human = runner.invoke(app, ["who-supports", ref, "--as-of", "2026-06-01"]).output
        assert "Ukendt: kun RAR-tidens ordninger er belagt" in human
    rar = json.loads(runner.invoke(app, ["who-supports", "rar-nordjylland", "--as-of", "2022-01-01", "--json"]).output)
    assert rar["unknown"] is None

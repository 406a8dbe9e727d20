"""The data audit's findings for KKR Nordjylland and KKR Sjælland (issue 14;
../shared/audits/data-audit-2026-11.md: E1-E3, m1, m3, m4, m5, m7, m8, m10, § 3.3, § 3.9,
§ 3.10, § 3.12), each pinned against the seed sentence it rests on. Every test asserts the
right structure, with expected values read from the seeds and the reference, not typed in
from today's output."""

import csv
import json
import re

import pytest

from conftest import data_records, shared_dir
from orggraph import load
from orggraph.cli import app
from orggraph.graph import uncertain

MONTHS = {m: i for i, m in enumerate(["januar", "februar", "marts", "april", "maj", "juni", "juli", "august",
                                      "september", "oktober", "november", "december"], start=1)}


def _seed(name: str) -> str:
    text = next(shared_dir().joinpath("seeds").glob(f"{name}_*.txt")).read_text(encoding="utf-8")
    return " ".join(text.split())


def _day(d: str, month: str, year: str) -> str:
    return f"{year}-{MONTHS[month]:02d}-{int(d):02d}"


def _municipalities(region: str) -> set[str]:
    """The ids of a region's municipalities, from the reference list."""
    with (shared_dir() / "reference" / "municipalities.csv").open(encoding="utf-8") as f:
        return {f"kommune-{row['kommunekode']}" for row in csv.DictReader(f) if row["region"] == region}


@pytest.fixture(scope="module")
def g():
    return load()


def _out(g, node, relation):
    return [v for _, v, _, _ in g.out_edges(node, relation)]


def _in(g, node, relation):
    return [u for u, _, _, _ in g.in_edges(node, relation)]


def _quotes(record) -> list[str]:
    return [" ".join(s["quote"].split()) for s in record["sources"]]


def _invoke(runner, *args):
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# -- E1: KKR Nordjylland decided; the municipalities applied and take part ------------------
def test_e1_the_frikommune_members_are_the_municipalities_and_the_kkr_decided(g, runner):
    seed = _seed("000")
    assert "KKR Nordjylland besluttede i starten af 2016, at de nordjyske kommuner skulle ansøge" in seed
    trial = "sam-nordjylland-frikommuneforsoeg"
    members = _invoke(runner, "members", "Det Nordjyske Frikommuneforsøg II", "--as-of", "2018-01-01")["members"]
    assert {m["member"]["id"] for m in members} == _municipalities("Nordjylland")
    assert len(members) == 11 and "kkr-nordjylland" not in {m["member"]["id"] for m in members}
    # the KKR's part is a decision dated "starten af 2016" that concerns the trial
    decisions = [d for d in _out(g, "kkr-nordjylland", "TRAEFFER") if trial in _out(g, d, "ANGAAR")]
    assert len(decisions) == 1
    decision = g.node(decisions[0])
    assert decision["kind"] == "Beslutning" and decision["attrs"]["date_text"] == "starten af 2016"
    start, end = decision["attrs"]["uncertain_from"]
    assert start == decision["valid_from"] == "2016-01-01" and end < "2016-06-01"  # before the summer application
    assert decision["confidence"] == "derived" and uncertain(decision, "2016-02-01")


def test_e1_the_application_went_to_the_ministry_in_summer_and_was_approved_in_autumn_2016(g):
    seed = _seed("000")
    assert "ansøgte i sommeren 2016 Økonomi- og Indenrigsministeriet" in seed and "godkendt i efteråret 2016" in seed
    ministry = g.node("org-oim")
    assert ministry["kind"] == "Organisation" and ministry["name"] == "Økonomi- og Indenrigsministeriet"
    applicants = set(_in(g, "org-oim", "ANSOEGER"))
    assert applicants == _municipalities("Nordjylland")
    for u in applicants:
        edge = g.edge(f"{u}:ANSOEGER:org-oim")
        assert edge["attrs"]["date_text"] == "sommeren 2016" and edge["confidence"] == "derived"
        assert edge["attrs"]["uncertain_from"] == ["2016-06-01", "2016-08-31"]
    # pending while the application was being considered, not afterwards
    assert len(_in(g.as_of("2016-07-15"), "org-oim", "ANSOEGER")) == 11
    assert _in(g.as_of("2017-01-01"), "org-oim", "ANSOEGER") == []
    # the approval: a decision by the ministry (derived: the source says "blev godkendt")
    approval = g.node(_out(g, "org-oim", "TRAEFFER")[0])
    assert approval["attrs"]["date_text"] == "efteråret 2016" and approval["attrs"]["uncertain_from"] == ["2016-09-01", "2016-11-30"]
    assert "sam-nordjylland-frikommuneforsoeg" in _out(g, approval["id"], "ANGAAR")
    # the network starts with the approval: uncertain in the autumn, absent in the summer, surely there in 2017
    trial = g.node("sam-nordjylland-frikommuneforsoeg")
    assert trial["valid_from"] == "2016-09-01" and trial["valid_to"] == "2021-12-31"
    assert "sam-nordjylland-frikommuneforsoeg" not in g.as_of("2016-07-01")
    assert uncertain(trial, "2016-10-15") and uncertain(trial, "2017-01-01") is None


def test_the_trial_rounds_are_parts_of_the_trial_with_the_dates_of_seed_000(g):
    rounds = re.findall(r"Forsøgene fra (\d)\. ansøgningsrunde d\. (\d+)\. (\w+) (\d{4}) (blev påbegyndt|kan påbegyndes) (\d+)\. (\w+) (\d{4})",
                        _seed("000"))
    assert len(rounds) == 3
    found = {g.node(r)["attrs"]["number"]: g.node(r) for r in _in(g, "sam-nordjylland-frikommuneforsoeg", "DEL_AF")}
    assert set(found) == {1, 2, 3}
    for number, d1, m1, y1, verb, d2, m2, y2 in rounds:
        node = found[int(number)]
        assert node["kind"] == "Forsoegsrunde"
        assert node["attrs"]["application_date"] == node["valid_from"] == _day(d1, m1, y1)
        assert node["attrs"]["trials_start"] == _day(d2, m2, y2)
        assert node["attrs"]["start"] == ("påbegyndt" if verb == "blev påbegyndt" else verb)
        assert node["valid_to"] == "2021-12-31"  # "Forsøgene slutter senest 31. december 2021."
    assert found[3]["attrs"]["start"] == "kan påbegyndes"


# -- decisions as events: 27.2.2015 and 16.11.2018 -------------------------------------------
@pytest.mark.parametrize("day, said", [("2015-02-27", "d. 27. februar 2015"), ("2018-11-16", "d. 16. november 2018")])
def test_nordjyllands_adoption_and_continuation_are_decisions_on_both_focus_points(g, day, said):
    assert said in _seed("000")
    focus = sorted(_out(g, "kkr-nordjylland", "VEDTAGER"))
    assert len(focus) == 2  # the VEDTAGER edges stay
    decisions = [d for d in _out(g, "kkr-nordjylland", "TRAEFFER") if g.node(d)["valid_from"] == day]
    assert len(decisions) == 1
    assert sorted(_out(g, decisions[0], "ANGAAR")) == focus
    assert any(said in q for q in _quotes(g.node(decisions[0])))
    # the free attribute is gone
    assert not any("later_decisions" in (e.get("attrs") or {}) for e in data_records()["edges"] if e["from"] == "kkr-nordjylland")


# -- E2, m10: Business Region North Denmark ---------------------------------------------------
def test_e2_brn_has_no_member_and_the_effort_is_part_of_its_activities_by_reading(g, runner):
    sentence = "Indsatsen på beskæftigelsesområdet skal således også ses som en del af de samlede aktiviteter, der sker i regi af Business Region North Denmark."
    assert sentence in _seed("003")
    assert _invoke(runner, "members", "Business Region North Denmark")["members"] == []
    brn = g.node("sam-business-region-north-denmark")
    assert "kind_of" not in brn["attrs"]  # m10: no source says what kind of cooperation it is
    parts = _in(g, brn["id"], "DEL_AF")
    assert sorted(parts) == sorted(_out(g, "kkr-nordjylland", "VEDTAGER"))
    for part in parts:
        edge = g.edge(f"{part}:DEL_AF:{brn['id']}")
        assert edge["confidence"] == "derived" and sentence in _quotes(edge)
        assert "medlem" in edge["confidence_note"]


# -- the mandate of the municipal RAR members ------------------------------------------------
def test_the_focus_points_are_the_political_basis_of_the_municipal_rar_members(g):
    seed0 = "Pejlemærkerne er udgangspunkt for det tværkommunale samarbejde og de kommunale medlemmers samarbejde med arbejdsmarkedets parter i RAR."
    intro = "politisk grundlag for den virksomhed, som de fem kommunale medlemmer, som KKR har udpeget til RAR, udøver."
    assert seed0 in _seed("000") and intro in _seed("003")
    nordjylland = _out(g, "kkr-nordjylland", "VEDTAGER")
    for pm in nordjylland:
        assert _out(g, pm, "GIVER_MANDAT") == ["post-rar-nordjylland-kommunale"]
        edge = g.edge(f"{pm}:GIVER_MANDAT:post-rar-nordjylland-kommunale")
        assert edge["confidence"] == "stated" and seed0 in _quotes(edge)  # said of Nordjylland's own focus points
    # Sjælland: only the note's introduction says it, of all five KKR together
    edge = g.edge("pm-sjaelland-anlaegsprojekter:GIVER_MANDAT:post-rar-sjaelland-kommunale")
    assert edge["confidence"] == "derived" and any(intro in q for q in _quotes(edge))


# -- tasks -----------------------------------------------------------------------------------
def test_kkr_nordjylland_and_its_directors_have_the_tasks_the_sources_name(g):
    seed0, seed3 = _seed("000"), _seed("003")
    tasks = {g.node(t)["name"]: g.node(t) for t in _out(g, "kkr-nordjylland", "HAR_OPGAVE")}
    assert "KKR Nordjylland drøfter konkrete samarbejder mellem kommunerne på beskæftigelsesområdet" in seed0
    assert "Drøfte konkrete samarbejder mellem kommunerne på beskæftigelsesområdet" in tasks
    strategic = g.node("opgave-kkr-nordjylland-strategisk-bane")
    assert strategic["name"] in tasks and "27. februar 2015" in strategic["attrs"]["date_note"]
    assert all(q in seed3 for q in _quotes(strategic)) and "agere på den strategiske bane" in _quotes(strategic)[0]
    kreds = [g.node(t) for t in _out(g, "organ-nordjylland-direktoerkredsen", "HAR_OPGAVE")]
    assert [t["name"] for t in kreds] == ["Forberede og understøtte drøftelserne i KKR Nordjylland"]
    assert "har som sådan til opgave at forberede og understøtte drøftelserne i KKR" in seed3


def test_the_direktoerkreds_is_set_up_through_kkr_by_inference_and_stays_under_it(g):
    assert "Det er en af de faste arbejdsgrupper, der indgår i den administrative organisering i KKR Nordjylland." in _seed("003")
    assert _out(g, "organ-nordjylland-direktoerkredsen", "UNDER") == ["kkr-nordjylland"]
    edge = g.edge("organ-nordjylland-direktoerkredsen:NEDSAT_AF:kkr-nordjylland")
    assert edge["confidence"] == "derived" and any("etableret gennem KKR" in q for q in _quotes(edge))


# -- m7: Nordjylland FP 1's two versions -----------------------------------------------------
def test_m7_the_2015_and_the_later_subpoints_are_kept_apart_and_dated(g):
    seed0, seed3 = _seed("000"), _seed("003")
    attrs = g.node("pm-nordjylland-arbejdskraft")["attrs"]
    assert len(attrs["subpoints_2015"]) == 2 and all(p in seed3 for p in attrs["subpoints_2015"])
    assert all("(" in p for p in attrs["subpoints_2015"])  # the note's bracketed explanations are kept
    assert len(attrs["subpoints"]) == 4 and all(p in seed0 for p in attrs["subpoints"])
    assert not set(attrs["subpoints"]) & set(attrs["subpoints_2015"])
    assert "27. februar 2015" in attrs["subpoints_2015_note"]
    assert "16. november 2018" in attrs["subpoints_note"] and "ikke oplyst" in attrs["subpoints_note"]


# -- m1, § 3.12: Aalborg's employee ----------------------------------------------------------
def test_m1_aalborg_provides_the_employee_and_holds_no_post(g, runner):
    assert "varetages af en medarbejder fra Aalborg Kommune" in _seed("003")
    post = g.node("post-nordjylland-sekretaer-rar")
    assert _in(g, post["id"], "STILLER_TIL_RAADIGHED") == ["kommune-851"]
    assert _out(g, post["id"], "BESTRIDES_AF") == []
    assert "Medarbejder fra Aalborg Kommune" in post["name"] and "Sekretær" not in post["name"]
    assert _out(g, post["id"], "BETJENER") == ["post-rar-nordjylland-kommunale"]
    rows = _invoke(runner, "memberships", "Aalborg Kommune", "--as-of", "2016-06-01")["memberships"]
    assert not [r for r in rows if r["type"] == "BESTRIDES_AF" and r["part_of"]["id"] == post["id"]]
    # the post exists only with the RAR whose members it serves
    # the post is stated; only its end, with the RAR's, is derived, and it says so
    assert post["valid_to"] == g.node("rar-nordjylland")["valid_to"] == "2025-02-28" and post["confidence"] == "stated"
    assert "afledt" in post["attrs"]["end_note"]


# -- E3, m4: Sjælland's job clusters -----------------------------------------------------------
def test_e3_the_job_clusters_are_the_municipalities_reporting_yearly_to_kkr_sjaelland(g, runner):
    seed = _seed("003")
    assert "godkendte KKR Sjælland en model med inddeling af kommunerne i et antal geografisk/relevante jobklynger, som efterfølgende dannes" in seed
    assert "En gang årligt præsenterer klyngerne forventningerne til det kommende års klynge-samarbejde for KKR Sjælland" in seed
    members = _invoke(runner, "members", "sam-sjaelland-jobklynger", "--as-of", "2016-01-01")["members"]
    assert {m["member"]["id"] for m in members} == _municipalities("Sjælland") and len(members) == 17
    assert all(m["confidence"] == "derived" for m in members)
    report = g.edge("sam-sjaelland-jobklynger:RAPPORTERER_TIL:kkr-sjaelland")
    assert report["attrs"]["frequency"] == "en gang årligt"
    clusters = g.node("sam-sjaelland-jobklynger")
    assert "ikke oplyst" in clusters["attrs"]["clusters"] and clusters["attrs"]["date_text"] == "som efterfølgende dannes"
    # the model: a decision of KKR Sjælland, dated by "Desuden godkendte" after the decision of 2.3.2015
    model = [d for d in _out(g, "kkr-sjaelland", "TRAEFFER") if "sam-sjaelland-jobklynger" in _out(g, d, "ANGAAR")]
    assert len(model) == 1
    assert g.node(model[0])["valid_from"] == "2015-03-02" and g.node(model[0])["confidence"] == "derived"
    assert "sikre fremdrift" in " ".join(g.node(t)["name"].lower() for t in _out(g, "kkr-sjaelland", "HAR_OPGAVE"))


# -- m3: the 2015-only focus area ----------------------------------------------------------------
def test_m3_sjaellands_focus_area_was_for_2015_only(g, runner):
    assert "KKR Sjælland godkendte den 2. marts 2015, at der i 2015 kun udpeges ét fælleskommunalt fokusområde" in _seed("003")
    area = g.node("pm-sjaelland-anlaegsprojekter")
    assert (area["valid_from"], area["valid_to"], area["confidence"]) == ("2015-03-02", "2015-12-31", "derived")
    assert "pm-sjaelland-anlaegsprojekter" in g.as_of("2015-06-01")
    assert "pm-sjaelland-anlaegsprojekter" not in g.as_of("2016-06-01")
    shown = _invoke(runner, "show", "KKR Sjælland", "--as-of", "2016-06-01")
    assert not [e for e in shown["out"] if e["type"] == "VEDTAGER"]
    decision = [d for d in _out(g, "kkr-sjaelland", "TRAEFFER") if "pm-sjaelland-anlaegsprojekter" in _out(g, d, "ANGAAR")]
    assert [g.node(d)["valid_from"] for d in decision] == ["2015-03-02"]


# -- m5: ASB's own tasks and the whole administrative organisation's ---------------------------
def test_m5_asbs_tasks_are_its_own_and_the_organisations_are_shared_by_inference(g):
    seed = _seed("003")
    assert "(ASB), som forbereder sager til behandling i KKR og betjener de kommunalt udpegede medlemmer" in seed
    assert "en administrativ organisering, som har til opgave at understøtte de politiske drøftelser mellem kommunerne" in seed
    asb = g.node("organ-sjaelland-asb")
    assert asb["attrs"]["tasks"] == ["forberede sager til behandling i KKR", "betjene de kommunalt udpegede medlemmer af RAR"]
    assert not [q for q in _quotes(asb) if "understøtte de politiske drøftelser" in q]
    shared = "opgave-sjaelland-understoette-droeftelser"
    holders = sorted(_in(g, shared, "HAR_OPGAVE"))
    assert holders == ["organ-sjaelland-asb", "organ-sjaelland-jobforum"]
    assert all(g.edge(f"{h}:HAR_OPGAVE:{shared}")["confidence"] == "derived" for h in holders)
    own = {t: g.edge(f"organ-sjaelland-asb:HAR_OPGAVE:{t}")["confidence"] for t in _out(g, "organ-sjaelland-asb", "HAR_OPGAVE")}
    assert own == {"opgave-sjaelland-forberede-sager": "stated", "opgave-sjaelland-sekretariatsbetjene-rar": "stated", shared: "derived"}


# -- m8, § 3.9: the cooperation known only from a title -------------------------------------
def test_m8_the_17_jobcentres_rest_on_the_title_list_and_are_unverified(g):
    title = "De 17 jobcentre i Region Sjælland ønsker at styrke samarbejdet om at bistå virksomhederne med ledig arbejdskraft på tværs af kommunerne."
    assert title in _seed("004")
    node = g.node("sam-sjaelland-17-jobcentre")
    assert {s["document"] for s in node["sources"]} == {"seed-004-titler"}
    assert node["confidence"] == "unverified" and "relaterede dokumenter" in node["confidence_note"]
    assert {s["document"] for s in node["sources"]} == {"seed-004-titler"}
    takers = _in(g, node["id"], "DELTAGER_I")
    assert set(takers) == _municipalities("Sjælland")
    for u in takers:
        edge = g.edge(f"{u}:DELTAGER_I:{node['id']}")
        assert edge["confidence"] == "unverified" and "jobcenter" in edge["attrs"]["how"]
        assert "seed-004" not in {s["document"] for s in edge["sources"]}

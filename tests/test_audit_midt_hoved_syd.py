"""The data audit's findings for Midtjylland, Hovedstaden and Syddanmark (issue 14; audit
../shared/audits/data-audit-2026-11.md, problems 1, 4, 6, 8-12; M1, M2, m2, m6, m8; § 3.1-3.12),
each fixed and pinned against the seed text it rests on. Each test asserts the right
structure, not only that the wrong one is gone."""

import json
import re

import pytest
import yaml

from orggraph import load
from orggraph.cli import app
from orggraph.graph import uncertain

from conftest import DATA_FILES, data_records, shared_dir

MY_FILES = ("kkr-midtjylland.yaml", "kkr-hovedstaden.yaml", "kkr-syddanmark.yaml")
AREA_IDS = ("virksomhedsrettede", "borgerrettede", "opkvalificering-medarbejdere", "dokumentation")
HEADINGS = ("Virksomhedsrettede indsatser", "Borgerrettede indsatser", "Opkvalificering af medarbejdere",
            "Dokumentation af effekt af indsats")


def _fold(text: str) -> str:
    return " ".join(text.split())


def _seed_raw(name: str) -> str:
    return next(shared_dir().joinpath("seeds").glob(f"{name}_*.txt")).read_text(encoding="utf-8")


def _seed(name: str) -> str:
    return _fold(_seed_raw(name))


def _draft_and_titles() -> tuple[str, str]:
    """seed-004's file: the title list (seed-004-titler) comes before 'Transkript:', the draft notat after it."""
    titles, draft = _seed("004").split("Transkript:", 1)
    return draft, titles


def _bullets(text: str, after: str, before: str) -> list[str]:
    """The '- ' lines of a seed between two markers."""
    block = text.split(after, 1)[1].split(before, 1)[0]
    return [line[2:].strip() for line in block.splitlines() if line.startswith("- ")]


@pytest.fixture(scope="module")
def graph():
    return load(cache=False)


def _edges(graph, relation, source=None, target=None):
    return [(u, v, d) for u, v, _, d in graph.graph.edges(keys=True, data=True)
            if d["type"] == relation and source in (None, u) and target in (None, v)]


def _node(graph, node_id):
    return graph.node(node_id)


# -- Hovedstaden: skal/kan, draft vs adopted (problem 1, M2, § 3.4) ----------------------------

#: Per focus area, the draft's recommendations as the audit counts them from seed-004
#: (rows 004-14 … 004-17): (skal, kan). The test below checks each item's text against the draft.
DRAFT_COUNTS = {"virksomhedsrettede": (3, 1), "borgerrettede": (2, 3), "opkvalificering-medarbejdere": (2, 2),
                "dokumentation": (1, 2)}


def _draft_sections() -> dict[str, str]:
    """The draft's text under each focus-area heading (after the sentence on skal and kan)."""
    draft, _ = _draft_and_titles()
    body = draft.split("som er frivillige for kommunerne at følge.", 1)[1]
    starts = [body.index(h) for h in HEADINGS]
    ends = starts[1:] + [len(body)]
    return {area: body[s:e] for area, s, e in zip(AREA_IDS, starts, ends)}


def test_hovedstaden_has_8_skal_and_8_kan_recommendations_each_part_of_its_area(graph):
    draft, _ = _draft_and_titles()
    assert "Under hvert område er anbefalingerne delt op mellem skal og kan" in draft
    sections = _draft_sections()
    found = {area: {"skal": 0, "kan": 0} for area in AREA_IDS}
    for anb in graph.node_ids("Anbefaling"):
        node = _node(graph, anb)
        if node["area"] != "kkr-hovedstaden":
            continue
        parts = [v for _, v, _ in _edges(graph, "DEL_AF", source=anb)]
        assert len(parts) == 1 and parts[0].startswith("pm-hovedstaden-"), anb
        area = parts[0].removeprefix("pm-hovedstaden-")
        quote = _fold(next(s["quote"] for s in node["sources"] if s["document"] == "seed-004"))
        assert quote in sections[area], (anb, area)  # the item stands under its heading in the draft
        binding = node["attrs"]["binding"]
        assert (binding == "skal") == quote.startswith("Alle kommuner skal"), anb
        found[area][binding] += 1
    assert {a: (c["skal"], c["kan"]) for a, c in found.items()} == DRAFT_COUNTS
    assert sum(s for s, _ in DRAFT_COUNTS.values()) == sum(k for _, k in DRAFT_COUNTS.values()) == 8


def test_hovedstadens_recommendations_say_they_come_from_the_draft(graph):
    draft, _ = _draft_and_titles()
    assert "Udkast til anbefalinger" in draft and "Den 26. januar 2015" in draft
    items = [n for n in graph.node_ids("Anbefaling") if _node(graph, n)["area"] == "kkr-hovedstaden"]
    assert len(items) == 16
    for anb in items:
        node = _node(graph, anb)
        assert node["attrs"]["status"] == "udkast", anb
        assert "udkastet af 26. januar 2015" in node["confidence_note"], anb
        # the adoption of 23.2.2015 reaches the four areas, never the draft's wording
        assert not [e for e in graph.in_edges(anb) if e[3]["type"] in ("VEDTAGER", "ANGAAR")], anb
    for area in AREA_IDS:  # the flattened sub-points are gone
        attrs = _node(graph, f"pm-hovedstaden-{area}")["attrs"]
        assert "subpoints" not in attrs and "subpoints_note" not in attrs


def test_skal_i_2015_items_have_a_derived_deadline(graph):
    draft, _ = _draft_and_titles()
    in_2015 = re.findall(r"Alle kommuner skal i 2015 [^.]*\.", draft)
    assert len(in_2015) == 2
    dated = [n for n in graph.node_ids("Anbefaling") if _node(graph, n)["attrs"].get("date_text") == "i 2015"]
    assert len(dated) == len(in_2015)
    for anb in dated:
        node = _node(graph, anb)
        assert node["attrs"]["deadline"] == "2015-12-31" and node["attrs"]["binding"] == "skal"
        assert node["confidence"] == "derived" and "i 2015" in node["confidence_note"]
        assert _fold(node["sources"][0]["quote"]) in in_2015


def test_hovedstadens_pejlemaerker_and_focus_areas_are_counted_apart(graph):
    text = _seed_raw("003")
    pejlemaerker = _bullets(text, "pejlemærker for kommunernes arbejde i RAR:", "KKR Hovedstaden godkendte endvidere")
    areas = _bullets(text, "der skal drøftes i regi af KKR:", "Anbefalingerne er det første skridt")
    assert (len(pejlemaerker), len(areas)) == (6, 4)
    adopted = [v for _, v, _ in _edges(graph, "VEDTAGER", source="kkr-hovedstaden")]
    by_category = {}
    for pm in adopted:
        node = _node(graph, pm)
        by_category.setdefault(node["attrs"]["category"], set()).add(node["name"])
    assert by_category == {"pejlemærke for kommunernes arbejde i RAR": set(pejlemaerker),
                           "fokusområde for tværkommunalt samarbejde": set(areas)}
    # the six, not the four, are the municipal RAR members' political basis
    mandates = {u for u, _, _ in _edges(graph, "GIVER_MANDAT", target="post-rar-hovedstaden-kommunale")}
    assert {_node(graph, m)["name"] for m in mandates} == set(pejlemaerker)


def test_joining_commits_to_the_skal_items_and_is_followed_up_yearly(graph):
    draft, _ = _draft_and_titles()
    assert "ved tilslutning til anbefalingerne forpligter sig til at følge" in draft
    assert "Der vil årligt skulle følges op på anbefalingerne" in draft
    decision = _node(graph, "beslutning-hovedstaden-anbefalinger-2015")
    assert "tilslutning" in decision["attrs"]["commitment"] and "skal" in decision["attrs"]["commitment"]
    assert decision["attrs"]["frequency"] == "årligt"


# -- decisions as events --------------------------------------------------------------------

def test_the_adoptions_are_decisions_taken_by_the_kkr_and_concerning_what_was_adopted(graph):
    seed3, seed1 = _seed("003"), _seed("001")
    assert "KKR Hovedstaden godkendte den 23. februar 2015" in seed3
    assert "KKR Midtjylland har den 20. april 2015 vedtaget" in seed1
    cases = {
        "beslutning-hovedstaden-pejlemaerker-2015": ("kkr-hovedstaden", "2015-02-23", 6),
        "beslutning-hovedstaden-anbefalinger-2015": ("kkr-hovedstaden", "2015-02-23", 4),
        "beslutning-midtjylland-pejlemaerker-2015": ("kkr-midtjylland", "2015-04-20", 7),
    }
    for decision, (kkr, day, n) in cases.items():
        node = _node(graph, decision)
        assert node["kind"] == "Beslutning" and node["valid_from"] == day == node["attrs"]["date"]
        assert [u for u, _, _ in _edges(graph, "TRAEFFER", target=decision)] == [kkr]
        concerns = {v for _, v, _ in _edges(graph, "ANGAAR", source=decision)}
        assert len(concerns) == n
        assert concerns <= {v for _, v, _ in _edges(graph, "VEDTAGER", source=kkr)}  # the VEDTAGER edges stay
    for kkr in ("kkr-hovedstaden", "kkr-midtjylland", "kkr-syddanmark"):
        assert all("later_decisions" not in d["attrs"] for _, _, d in _edges(graph, "VEDTAGER", source=kkr))


def test_syddanmarks_decision_is_dated_only_by_the_window_the_source_gives(graph):
    assert "drøftet og godkendt på møderne i de fem KKR i februar/marts og i april 2015" in _seed("003")
    node = _node(graph, "beslutning-syddanmark-fokus-2015")
    assert node["attrs"]["uncertain_from"] == ["2015-02-01", "2015-04-30"] and node["confidence"] == "derived"
    assert uncertain(node, "2015-03-15") is not None and uncertain(node, "2015-06-01") is None


def test_the_2016_17_adjustment_rests_on_a_title_and_is_unverified(graph):
    _, titles = _draft_and_titles()
    assert "justerede anbefalinger til tværgående samarbejder i KKR Hovedstaden i 2016 og 2017" in titles
    node = _node(graph, "beslutning-hovedstaden-justering-2016-17")
    assert node["confidence"] == "unverified" and {s["document"] for s in node["sources"]} == {"seed-004-titler"}
    assert [v for _, v, _ in _edges(graph, "ANGAAR", source=node["id"])] == ["beslutning-hovedstaden-anbefalinger-2015"]


# -- Syddanmark (§ 3.8, m6) -----------------------------------------------------------------

def test_syddanmarks_four_items_are_parts_of_vaekst_og_arbejdspladser_which_gives_the_mandate(graph):
    text = _seed_raw("003")
    assert "fokus er rettet mod Vækst og Arbejdspladser" in text and "et tydeligt ståsted og mandat" in text
    items = _bullets(text, "Mere konkret udfoldes fokus i følgende:", "Organisering")
    assert len(items) == 4
    focus = "pm-syddanmark-vaekst-arbejdspladser"
    assert _node(graph, focus)["name"] == "Vækst og Arbejdspladser"
    assert [v for _, v, _ in _edges(graph, "VEDTAGER", source="kkr-syddanmark")] == [focus]
    parts = [u for u, _, _ in _edges(graph, "DEL_AF", target=focus)]
    assert len(parts) == len(items)
    for part in parts:  # each part's name opens its bullet
        assert any(_fold(item).startswith(_node(graph, part)["name"]) for item in items), part
    seats = {"post-rar-fyn-kommunale", "post-rar-sydjylland-kommunale"}
    assert {v for _, v, _ in _edges(graph, "GIVER_MANDAT", source=focus)} == seats
    # 003-58: "sikre mandat fra KKR til de kommunale RAR medlemmer"
    assert "sikre mandat fra KKR til de kommunale RAR medlemmer" in _fold(text)
    assert {v for _, v, _ in _edges(graph, "GIVER_MANDAT", source="kkr-syddanmark")} == seats


def test_exactly_two_committee_members_mirror_the_municipal_vice_chairs(graph):
    assert "hvoraf to af medlemmerne spejler de kommunale næstformænd i RAR" in _seed("003")
    committee = "organ-syddanmark-embedsmandsudvalg"
    assert not _edges(graph, "SPEJLER", source=committee)  # not the whole body
    vice = {"post-rar-fyn-naestformand-kommunal", "post-rar-sydjylland-naestformand-kommunal"}
    mirrors = [(u, v) for u, v, _ in _edges(graph, "SPEJLER") if v in vice]
    assert len(mirrors) == 2 and {v for _, v in mirrors} == vice
    for member, _ in mirrors:
        assert _node(graph, member)["kind"] == "Post"
        assert [v for _, v, _ in _edges(graph, "MEDLEM_AF", source=member)] == [committee]
    assert _node(graph, committee)["attrs"]["size"] == 6


def test_syddanmarks_committee_briefs_the_municipal_members_before_rar_meetings(graph):
    assert "Der afholdes ligeledes formøder med de kommunale medlemmer før mødet i RAR." in _seed("003")
    briefed = {v for _, v, _ in _edges(graph, "BRIEFER", source="organ-syddanmark-embedsmandsudvalg")}
    assert briefed == {"post-rar-fyn-kommunale", "post-rar-sydjylland-kommunale"}


# -- tasks ----------------------------------------------------------------------------------

def test_the_bodies_tasks_are_opgave_nodes_with_their_quotes(graph):
    text = _seed_raw("003")
    listed = _bullets(text, "Embedsmandsudvalget har følgende opgaver:", "KKR Midtjylland")
    assert len(listed) == 5
    tasks = [v for _, v, _ in _edges(graph, "HAR_OPGAVE", source="organ-syddanmark-embedsmandsudvalg")]
    quotes = {_fold(_node(graph, t)["sources"][0]["quote"]) for t in tasks}
    assert quotes == {_fold(item) for item in listed}
    expected = {"organ-hovedstaden-embedsmandsudvalg": 3, "organ-hovedstaden-koordinationsgruppe": 1,
                "organ-hovedstaden-arbejdsgruppe": 1, "organ-midtjylland-styregruppe": 4}
    for body, n in expected.items():
        assert len(_edges(graph, "HAR_OPGAVE", source=body)) == n, body
    for body in expected | {"organ-syddanmark-embedsmandsudvalg": 5}:
        assert "tasks" not in _node(graph, body)["attrs"], body  # no duplicate of the Opgave nodes


# -- Midtjylland (M1, m2, § 3.2, § 3.11) -----------------------------------------------------

def test_struers_mayor_is_no_certain_vice_chair_in_2024(runner):
    assert "hvor borgmesteren samtidig er næstformand i RAR Vestjylland" in _seed("003")
    for day, unsure in (("2015-07-01", True), ("2024-01-01", True)):
        result = runner.invoke(app, ["show", "post-rar-vestjylland-naestformand", "--as-of", day, "--json"])
        assert result.exit_code == 0, result.output
        held = [e for e in json.loads(result.stdout)["out"]
                if e["type"] == "BESTRIDES_AF" and e["target"]["id"] == "post-struer-borgmester"]
        assert len(held) == 1
        assert bool(held[0]["uncertain"]) is unsure and "2015-07-01" in held[0]["uncertain"]
        assert held[0]["attrs"]["date_text"] == "pr. 1.7.2015"
    # after the RAR's end (2025-02-28) nothing is shown at all
    result = runner.invoke(app, ["show", "post-struer-borgmester", "--as-of", "2026-01-01", "--json"])
    assert result.exit_code == 0, result.output
    assert not [e for e in json.loads(result.stdout)["in"] if e["type"] == "BESTRIDES_AF"]


def test_struers_kommunaldirektoer_chairs_the_group_as_of_the_note_only(graph):
    edge = graph.edge("post-midtjylland-formand-styregruppe:BESTRIDES_AF:post-struer-kommunaldirektoer")
    assert edge["attrs"]["uncertain_to"] == ["2015-07-01", "2025-02-28"] and edge["valid_to"] == "2025-02-28"
    assert uncertain(edge, "2024-01-01") is not None


def test_the_chair_of_the_group_mirrors_the_vice_chair_of_rar_vestjylland(graph):
    assert "Formanden for den administrative styregruppe er kommunaldirektøren i Struer Kommune, hvor borgmesteren" in _seed("003")
    edge = graph.edge("post-midtjylland-formand-styregruppe:SPEJLER:post-rar-vestjylland-naestformand")
    assert edge["confidence"] == "derived" and "spejlings-princippet" in edge["confidence_note"]


def test_midtjyllands_seven_pejlemaerker_give_the_municipal_seats_of_both_rar_their_mandate(graph):
    text = _seed_raw("001")
    pejlemaerker = _bullets(text, "arbejdsmarkedsområdet skal:", "Den 27. marts 2015")
    assert len(pejlemaerker) == 7 and "De kommunale repræsentanters arbejde i de to RAR" in text
    adopted = {v for _, v, _ in _edges(graph, "VEDTAGER", source="kkr-midtjylland")}
    assert len(adopted) == 7
    for pm in adopted:
        assert {v for _, v, _ in _edges(graph, "GIVER_MANDAT", source=pm)} == {
            "post-rar-vestjylland-kommunale", "post-rar-oestjylland-kommunale"}, pm


def test_the_municipal_vice_chairs_end_with_the_rar(graph):
    for post in ("post-rar-vestjylland-naestformand", "post-rar-fyn-naestformand-kommunal",
                 "post-rar-sydjylland-naestformand-kommunal"):
        node = _node(graph, post)
        assert node["valid_to"] == "2025-02-28", post
        assert any(s["document"] == "ref-reform" for s in node["sources"]), post
        assert post not in graph.as_of("2025-03-01").graph


# -- host municipalities (§ 3.12) -----------------------------------------------------------

@pytest.mark.parametrize("seed, kommune, secretariat, kkr", [
    ("001", "kommune-751", "sek-kkr-midtjylland", "KKR MIDTJYLLAND"),
    ("004", "kommune-165", "sek-kkr-hovedstaden", "KKR HOVEDSTADEN"),
])
def test_a_municipality_houses_each_kkr_secretariat(graph, seed, kommune, secretariat, kkr):
    name = _node(graph, kommune)["name"]  # Aarhus Kommune, Albertslund Kommune
    text = _seed(seed)
    assert name in text and kkr in text
    assert [v for _, v, _ in _edges(graph, "HUSER", source=kommune)] == [secretariat]
    assert _node(graph, secretariat)["kind"] == "Sekretariat"


# -- seed-004: the notat's links and the title list (§ 3.9, m8) -------------------------------

def test_greater_copenhagen_revus_and_the_kkrs_responsibility_are_held(graph):
    draft, _ = _draft_and_titles()
    for said, record in (("under det overordnede brand Greater Copenhagen", "sam-greater-copenhagen"),
                         ("Grøn, Sund, Smart og Kreativ vækst være væsentlige pejlemærker for jobcentrenes arbejde",
                          "pm-hovedstaden-revus"),
                         ("Beskæftigelsesreformen placerer ansvaret for det tværkommunale samarbejde i regi af KKR",
                          "kkr-hovedstaden")):
        assert said in draft
        assert any(said in _fold(s["quote"]) for s in _node(graph, record)["sources"]), record
    assert not _edges(graph, "VEDTAGER", target="pm-hovedstaden-revus")  # from the draft only


def test_title_only_facts_cite_the_title_list_and_are_unverified():
    draft, titles = _draft_and_titles()
    files = {path.name for path in DATA_FILES.glob("*.yaml")}
    assert set(MY_FILES) <= files
    checked = 0
    for name in MY_FILES:
        data = yaml.safe_load((DATA_FILES / name).read_text(encoding="utf-8"))
        for record in data["nodes"] + data["edges"]:
            docs = {s["document"] for s in record["sources"]}
            for source in record["sources"]:
                if source["document"] == "seed-004":
                    assert _fold(source["quote"]) in draft, source["quote"]
                if source["document"] == "seed-004-titler":
                    assert _fold(source["quote"]) in titles, source["quote"]
            if docs == {"seed-004-titler"}:
                assert record.get("confidence") == "unverified", record.get("id") or record["from"]
                checked += 1
    # the four cooperations and fora named only by titles, and the 2016/17 adjustment with its two edges
    assert checked >= 9
    nodes = {n["id"]: n for n in data_records()["nodes"]}
    for title_only in ("sam-nordsjaellands-rekrutteringsservice", "sam-hovedstadens-rekrutteringsservice",
                       "sam-fynsk-tillaeg-beskaeftigelsesplan", "organ-hovedstaden-dialogforum",
                       "organ-politisk-praktikpladsforum", "sam-faelles-ungeindsats-oestdanmark"):
        assert nodes[title_only]["confidence"] == "unverified", title_only
    # a title that names no region is tied to no KKR area
    assert nodes["organ-politisk-praktikpladsforum"]["area"] is None

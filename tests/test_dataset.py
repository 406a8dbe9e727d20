"""The packaged dataset holds what the source documents and the reference frame say."""

import csv

import pytest

from orggraph.queries.lookup import info, show
from conftest import SMALL_DATASET, check_yaml, data_records, edge_key, shared_dir

AREAS = ["kkr-nordjylland", "kkr-midtjylland", "kkr-syddanmark", "kkr-hovedstaden", "kkr-sjaelland"]
RARS = ["rar-nordjylland", "rar-vestjylland", "rar-oestjylland", "rar-fyn", "rar-sydjylland", "rar-hovedstaden", "rar-bornholm", "rar-sjaelland"]


def test_counts_of_the_national_frame(graph):
    nodes = info(graph)["nodes"]
    # domain facts: 98 municipalities (../shared/reference/municipalities.csv), five KKR (ref-facts, KL-KKR),
    # eight RAR (ref-facts, LOV-2014 § 27)
    assert (nodes["Kommune"], nodes["KKR"], nodes["RAR"]) == (98, 5, 8)
    offices = [n for n in graph.node_ids("Sekretariat") if graph.node(n)["attrs"].get("body_type") == "arbejdsmarkedskontor"]
    assert sorted(offices) == ["amk-midt-nord", "amk-oest", "amk-syd"]


def test_municipalities_match_the_reference(graph):
    rows = list(csv.DictReader((shared_dir() / "reference" / "municipalities.csv").open(encoding="utf-8")))
    assert len(rows) == 98
    for row in rows:
        node = graph.node(f"kommune-{row['kommunekode']}")
        assert node["attrs"]["region"] == row["region"]
        kkrs = [graph.graph.nodes[v]["name"] for _, v, _, _ in graph.out_edges(node["id"], "MEDLEM_AF") if graph.graph.nodes[v]["kind"] == "KKR"]
        assert kkrs == [row["kkr"]]
        rars = [(graph.graph.nodes[u]["name"], d["confidence"]) for u, _, _, d in graph.in_edges(node["id"], "DAEKKER") if d["valid_from"] == "2015-01-01"]
        mark = "derived" if row["name"] == "Viborg" else row["rar_2015_mark"]  # Viborg's end date is derived
        assert rars == [(row["rar_2015"], mark)], row["name"]


BOTH = {"rar-vestjylland", "rar-oestjylland"}


@pytest.mark.parametrize("day, rars", [("2015-06-01", {"rar-vestjylland"}), ("2016-11-01", {"rar-vestjylland"}), ("2016-11-02", BOTH),
                                       ("2018-04-29", BOTH), ("2018-04-30", {"rar-oestjylland"}), ("2019-06-01", {"rar-oestjylland"})])
def test_viborg_moves_from_vestjylland_to_oestjylland(graph, day, rars):
    """The move lies between 2016-11-02 and 2018-04-29 (audit § 3.10): inside that window both RAR
    cover Viborg, each marked uncertain, never a gap; outside it one RAR, surely."""
    from orggraph.graph import uncertain

    covering = {u: d for u, _, _, d in graph.as_of(day).in_edges("kommune-791", "DAEKKER") if u.startswith("rar-")}
    assert set(covering) == rars
    assert all((uncertain(d, day) is not None) is (rars == BOTH) for d in covering.values())


@pytest.mark.parametrize("rar", RARS)
def test_every_rar_has_21_seats_in_7_groups(graph, rar):
    seats = show(graph, rar)["seats"]
    # domain facts (ref-facts, LOV-2014 § 28): 21 members in seven groups, five of them the municipalities'
    assert len(seats) == 7
    assert sum(s["seats"] for s in seats) == 21
    municipal = [s for s in seats if s["post"]["id"] == f"post-{rar}-kommunale"]
    assert municipal[0]["seats"] == 5
    appointers = [a for a in municipal[0]["appointed_by"] if a["source"]["kind"] == "KKR"]
    assert len(appointers) == 1 and appointers[0]["attrs"]["seats"] == 5
    assert "ministeren udnævner efter indstilling" in appointers[0]["attrs"]["how"]


@pytest.mark.parametrize("rar, office, mark", [
    ("rar-nordjylland", "amk-midt-nord", "stated"), ("rar-vestjylland", "amk-midt-nord", "stated"),
    ("rar-oestjylland", "amk-midt-nord", "stated"), ("rar-hovedstaden", "amk-oest", "stated"),
    ("rar-sjaelland", "amk-oest", "stated"), ("rar-bornholm", "amk-oest", "stated"),
    ("rar-fyn", "amk-syd", "derived"), ("rar-sydjylland", "amk-syd", "derived"),
])
def test_each_rar_has_its_arbejdsmarkedskontor(graph, rar, office, mark):
    edges = [(u, d["confidence"]) for u, _, _, d in graph.in_edges(rar, "SEKRETARIATSBETJENER")]
    assert edges == [(office, mark)]


@pytest.mark.parametrize("rar, kkr, mark", [
    ("rar-nordjylland", "kkr-nordjylland", "stated"), ("rar-sjaelland", "kkr-sjaelland", "stated"),
    ("rar-vestjylland", "kkr-midtjylland", "stated"), ("rar-oestjylland", "kkr-midtjylland", "stated"),
    ("rar-fyn", "kkr-syddanmark", "derived"), ("rar-sydjylland", "kkr-syddanmark", "derived"),
    ("rar-hovedstaden", "kkr-hovedstaden", "derived"), ("rar-bornholm", "kkr-hovedstaden", "unverified"),
])
def test_who_appoints_the_municipal_seats_keeps_the_reference_marks(graph, rar, kkr, mark):
    edges = [(u, d["confidence"]) for u, _, _, d in graph.in_edges(f"post-{rar}-kommunale", "UDPEGER")]
    assert edges == [(kkr, mark)]


BODIES = {
    "kkr-nordjylland": {"organ-nordjylland-direktoerkredsen"},
    "kkr-midtjylland": {"organ-midtjylland-kd-net", "organ-midtjylland-styregruppe", "organ-midtjylland-dialogforum"},
    "kkr-syddanmark": {"organ-syddanmark-embedsmandsudvalg"},
    "kkr-hovedstaden": {"organ-hovedstaden-embedsmandsudvalg", "organ-hovedstaden-koordinationsgruppe", "organ-hovedstaden-arbejdsgruppe", "organ-hovedstaden-dialogforum"},
    "kkr-sjaelland": {"organ-sjaelland-asb", "organ-sjaelland-jobforum"},
}


@pytest.mark.parametrize("area", AREAS)
def test_administrative_bodies_of_each_area(graph, area):
    assert {n for n in graph.node_ids("Organ") if graph.graph.nodes[n]["area"] == area} == BODIES[area]


@pytest.mark.parametrize("body, size, composition", [
    ("organ-nordjylland-direktoerkredsen", 11, "en direktør fra hver af de 11 nordjyske kommuner"),
    ("organ-syddanmark-embedsmandsudvalg", 6, None),
    ("organ-hovedstaden-koordinationsgruppe", 11, "en arbejdsmarkedsdirektør og 10 jobcenterchefer"),
])
def test_body_sizes_and_compositions(graph, body, size, composition):
    attrs = graph.node(body)["attrs"]
    assert attrs["size"] == size
    if composition:
        assert attrs["composition"] == composition


@pytest.mark.parametrize("kkr, count, date", [
    ("kkr-nordjylland", 2, "2015-02-27"), ("kkr-midtjylland", 7, "2015-04-20"), ("kkr-sjaelland", 1, "2015-03-02"),
    ("kkr-hovedstaden", 10, "2015-02-23"), ("kkr-syddanmark", 1, None),
])
def test_focus_points_and_their_dates(graph, kkr, count, date):
    adopted = [d["attrs"].get("date") for _, _, _, d in graph.out_edges(kkr, "VEDTAGER")]
    assert len(adopted) == count
    assert set(adopted) == {date}


def test_nordjylland_continued_its_focus_points_in_2018(graph):
    decisions = [graph.node(v) for _, v, _, _ in graph.out_edges("kkr-nordjylland", "TRAEFFER")]
    later = [d for d in decisions if d["valid_from"] == "2018-11-16"]
    assert len(later) == 1 and later[0]["attrs"]["verb"] == "videreføre"
    assert sorted(v for _, v, _, _ in graph.out_edges(later[0]["id"], "ANGAAR")) == sorted(v for _, v, _, _ in graph.out_edges("kkr-nordjylland", "VEDTAGER"))


def test_the_nordjylland_trial_has_three_rounds_and_eleven_participants(graph):
    trial = graph.node("sam-nordjylland-frikommuneforsoeg")
    assert sorted(str(graph.node(u)["attrs"]["trials_start"]) for u, _, _, _ in graph.in_edges(trial["id"], "DEL_AF")) == ["2017-07-01", "2018-01-01", "2018-07-01"]
    assert trial["valid_to"] == "2021-12-31"
    participants = [u for u, _, _, _ in graph.in_edges(trial["id"], "DELTAGER_I") if graph.graph.nodes[u]["kind"] == "Kommune"]
    assert len(participants) == 11


def test_the_rar_end_under_the_2024_law_is_a_derived_date(graph):
    """reform_2025.md: the law replacing the RAR came into force on 2025-03-01, so the RAR ended the
    day before (derived); the node says so in end_note and cites the line."""
    import re

    reform = (shared_dir() / "reference" / "reform_2025.md").read_text(encoding="utf-8")
    (end,) = re.findall(r"So the eight RAR ended on \*\*(\d{4}-\d{2}-\d{2})\*\*", reform)
    for rar in RARS:
        node = graph.node(rar)
        assert node["valid_to"] == end and "lov nr. 1656" in node["attrs"]["end_note"] and "afledt" in node["attrs"]["end_note"]
        assert any(s["document"] == "ref-reform" and end in s["quote"] for s in node["sources"])


@pytest.mark.parametrize("section", ["nodes", "edges"])
def test_derived_and_unverified_facts_in_the_data_files_say_why_and_the_graph_keeps_it(section, graph):
    """Read with PyYAML, not the loader: every fact not stated outright has a note, and the graph shows that note."""
    unsure = [r for r in data_records()[section] if r.get("confidence", "stated") != "stated"]
    assert unsure
    for record in unsure:
        key = record["id"] if section == "nodes" else edge_key(record)
        note = str(record.get("confidence_note") or "").strip()
        assert note, key
        loaded = graph.node(key) if section == "nodes" else graph.edge(key)
        assert (loaded["confidence"], loaded["confidence_note"]) == (record["confidence"], note), key


@pytest.mark.parametrize("broken, expected", [
    (SMALL_DATASET.replace("    name: ASB\n", "    name: ASB\n    confidence: unverified\n"),
     ["data.yaml:8: nodes[1].confidence_note: a 'unverified' fact must say why in confidence_note"]),
    (SMALL_DATASET.replace("    to: kkr-sjaelland\n", "    to: kkr-sjaelland\n    confidence: derived\n    confidence_note: ''\n"),
     ["data.yaml:18: edges[0].confidence_note: a 'derived' fact must say why in confidence_note"]),
])
def test_a_derived_or_unverified_fact_without_a_note_is_refused(tmp_path, monkeypatch, broken, expected):
    monkeypatch.chdir(tmp_path)
    assert check_yaml(tmp_path, broken) == expected


def test_info_shows_the_offices_and_every_area(graph):
    result = info(graph)
    assert result["body_types"]["Sekretariat"]["arbejdsmarkedskontor"] == 3
    assert set(result["areas"]) == set(AREAS)
    assert all(result["areas"][a]["Organ"] >= 1 for a in AREAS)
    assert sum(result["areas"][a]["Kommune"] for a in AREAS) == 98

"""Comparing the regions (issue 5): findings pinned to the sources, data changes change the matrix, formats agree."""

import io
import json
import re
from pathlib import Path

import openpyxl
import pytest

from orggraph.cli import app
from orggraph.compare import compare, deviations, diff
from orggraph.compare.output import evidence_rows, generate_matrix
from orggraph.graph import OrgGraph
from orggraph.regenerate import stale_compare

EXPORTS = Path(__file__).resolve().parents[1] / "exports" / "compare"
AREAS = ["kkr-hovedstaden", "kkr-midtjylland", "kkr-nordjylland", "kkr-sjaelland", "kkr-syddanmark"]


def _row(result, key):
    return next(f for f in result["features"] if f["feature"] == key)


def _quotes(cell):
    return [s["quote"] for item in cell for s in item["sources"]]


#: A day in the RAR era, after every KKR had adopted its pejlemærker (the last, Midtjylland, on
#: 2015-04-20) and while Sjælland's focus area for 2015 was in force.
RAR_ERA = "2015-06-01"
#: A day in the era of the regionale beskæftigelsesråd (from 2025-03-01, ref-reform).
COUNCIL_ERA = "2025-06-01"


@pytest.fixture(scope="module")
def matrix(graph):
    return compare(graph, as_of=RAR_ERA)


def test_all_five_regions_by_default_with_evidence_in_every_filled_cell(matrix):
    assert matrix["regions"] == AREAS
    for feature in matrix["features"]:
        assert set(feature["values"]) == set(feature["evidence"]) == set(AREAS)
        for area in AREAS:
            if feature["values"][area] is not None and feature["feature"] not in ("pre_meetings", "deviations"):
                assert feature["evidence"][area], (feature["feature"], area)
                assert all(item["sources"] for item in feature["evidence"][area]), (feature["feature"], area)


def test_only_nordjylland_serves_the_municipal_members_by_one_municipalitys_employee(matrix):
    kinds = _row(matrix, "serves_members.kind")["values"]
    employee = [a for a, v in kinds.items() if v and "én kommunes medarbejder" in v]
    assert employee == ["kkr-nordjylland"]
    assert kinds["kkr-nordjylland"] == "stab: én kommunes medarbejder (Aalborg Kommune)"
    evidence = _row(matrix, "serves_members")["evidence"]["kkr-nordjylland"]
    assert {e["id"] for e in evidence} >= {"post-nordjylland-sekretaer-rar"}
    assert any("medarbejder fra Aalborg Kommune" in q for q in _quotes(evidence)), _quotes(evidence)
    assert "seed-003" in {s["document"] for item in evidence for s in item["sources"]}


def test_syddanmark_mirrors_the_vice_chairs_and_midtjylland_the_members(matrix):
    whom = _row(matrix, "mirrors.whom")
    assert whom["values"]["kkr-syddanmark"] == "de kommunale næstformænd"
    # Midtjylland: the group mirrors the municipal members; its chair (Struer's kommunaldirektør) mirrors
    # RAR Vestjylland's vice-chair (Struer's mayor, audit § 3.2)
    assert whom["values"]["kkr-midtjylland"].startswith("de kommunale medlemmer")
    assert [a for a in AREAS if whom["values"][a] is None] == ["kkr-hovedstaden", "kkr-nordjylland", "kkr-sjaelland"]
    assert any("næstformænd" in q for q in _quotes(whom["evidence"]["kkr-syddanmark"]))
    assert any("spejlings" in q for q in _quotes(whom["evidence"]["kkr-midtjylland"]))
    assert {e["type"] for e in whom["evidence"]["kkr-syddanmark"]} == {"SPEJLER"}


def test_sjaelland_adopted_one_focus_area_and_the_others_several(matrix):
    counts = _row(matrix, "focus.count")
    assert counts["values"]["kkr-sjaelland"] == 1
    assert all(isinstance(counts["values"][a], str) or counts["values"][a] > 1 for a in AREAS if a not in ("kkr-sjaelland", "kkr-syddanmark"))
    # seed-003: Syddanmark's one overall focus "Vækst og Arbejdspladser", unfolded in four items (audit § 3.8)
    assert counts["values"]["kkr-syddanmark"] == "1 (4 delpunkter)"
    assert any("kun udpeges ét fælleskommunalt fokusområde" in q for q in _quotes(counts["evidence"]["kkr-sjaelland"]))
    assert _row(matrix, "focus.adopted")["values"]["kkr-sjaelland"] == "2015-03-02"
    assert _row(matrix, "focus.themes")["values"]["kkr-sjaelland"] == "store anlægsprojekter (1)"


def test_decisions_come_from_the_kkrs_decision_nodes(graph):
    """seed-000: "KKR Nordjylland d. 16. november 2018 har besluttet at videreføre" the two focus points;
    the decision is a Beslutning node the KKR takes (TRAEFFER), dated by its valid_from."""
    before = _row(compare(graph, ["Nordjylland"], as_of="2018-11-15"), "decisions")
    after = _row(compare(graph, ["Nordjylland"], as_of="2019-01-01"), "decisions")
    assert "2018-11-16" not in (before["values"]["kkr-nordjylland"] or "")
    assert "2018-11-16: " in after["values"]["kkr-nordjylland"]
    assert any("16. november 2018" in q for q in _quotes(after["evidence"]["kkr-nordjylland"]))
    assert {e["type"] for e in after["evidence"]["kkr-nordjylland"] if "type" in e} >= {"TRAEFFER"}


def test_pejlemaerker_are_counted_by_category_where_a_kkr_has_two_kinds(graph):
    """A KKR with pejlemærker of two categories (attrs.category, as Hovedstaden's "pejlemærker for
    kommunernes arbejde i RAR" and its areas for cooperation) gets each kind counted apart."""
    def change(nodes, edges):
        focus = sorted(v for _, v, _, _ in graph.out_edges("kkr-midtjylland", "VEDTAGER") if graph.node(v)["kind"] == "Pejlemaerke")
        out = []
        for n in nodes:
            if n["id"] in focus:
                category = "pejlemærke for kommunernes arbejde i RAR" if n["id"] == focus[0] else "fokusområde for tværkommunalt samarbejde"
                n = {**n, "attrs": {**n["attrs"], "category": category}}
            out.append(n)
        return out, edges

    value = _row(compare(_changed(graph, change), ["Midtjylland"], as_of=RAR_ERA), "focus.count")["values"]["kkr-midtjylland"]
    total = _row(compare(graph, ["Midtjylland"], as_of=RAR_ERA), "focus.count")["values"]["kkr-midtjylland"]
    assert total > 2  # seed-001: the 19 municipalities' pejlemærker
    assert value == f"{total - 1} fokusområde for tværkommunalt samarbejde; 1 pejlemærke for kommunernes arbejde i RAR"


def test_the_servicing_row_reports_the_organisation_not_the_verb(graph, matrix):
    """Sjælland's ASB "betjener de kommunalt udpegede medlemmer", Midtjylland's styregruppe gives
    "servicering" (seed-003): different verbs, one function, both steering groups that have the task.
    Nordjylland's is staff: "en medarbejder fra Aalborg Kommune"."""
    kinds = _row(matrix, "serves_members.kind")["values"]
    assert kinds["kkr-sjaelland"] == kinds["kkr-midtjylland"] and kinds["kkr-sjaelland"].startswith("organ med opgaven")
    assert kinds["kkr-nordjylland"].startswith("stab: ")
    result = diff(graph, "Midtjylland", "Sjælland", as_of=RAR_ERA)
    roles = {r["role"]: r for r in result["roles"]}
    assert roles["serves_members"]["status"] == "same kind"
    assert not [r for side in result["relations"].values() for r in side if "serves_members" in r]
    verbs = {graph.edge(e["id"])["attrs"].get("verb") for a in ("kkr-sjaelland", "kkr-midtjylland")
             for e in _row(matrix, "serves_members")["evidence"][a] if e.get("type") == "BETJENER"}
    assert len(verbs) == 2  # the sources' verbs differ, and are kept


def test_a_council_era_comparison_shows_no_rar_era_arrangement_and_says_what_is_unknown(graph):
    result = compare(graph, as_of=COUNCIL_ERA)
    assert result["era"]["key"] == "council" and "--as-of 2025-02-28" in result["era"]["text"]
    councils = _row(result, "rar")["values"]
    assert all(v and "RAR" not in v for v in councils.values()), councils
    for key in ("serves_members", "serves_members.kind", "mirrors", "mirrors.whom", "pre_meetings"):
        assert all(v.startswith("ukendt") for v in _row(result, key)["values"].values()), key
    assert all("ukendt" in v for v in _row(result, "deviations")["values"].values())
    assert "rådsmedlemmer" in _row(result, "serves_members")["label"]
    # and the RAR era, on its last day, still shows them
    last = compare(graph, as_of=result["era"]["rar_era_as_of"])
    assert _row(last, "serves_members.kind")["values"]["kkr-nordjylland"].startswith("stab")


def test_pre_meetings_are_stated_only_for_syddanmark(matrix):
    values = _row(matrix, "pre_meetings")["values"]
    assert values["kkr-syddanmark"].startswith("ja")
    assert {values[a] for a in AREAS if a != "kkr-syddanmark"} == {"ikke oplyst"}


def test_deviations_from_the_principle_model(graph):
    texts = {a: [d["deviation"] for d in deviations(graph, a, RAR_ERA)] for a in AREAS}
    assert any("varetages af en person" in t for t in texts["kkr-nordjylland"])
    assert any("Spejler kun de kommunale næstformænd" in t for t in texts["kkr-syddanmark"])
    # KD-Net is the Midtjylland KKR area's own network of municipal directors: established through KKR
    assert not any("KD-Net" in t for t in texts["kkr-midtjylland"])
    assert any("Koordinationsgruppen" in t for t in texts["kkr-hovedstaden"])
    assert all(d["evidence"] for a in AREAS for d in deviations(graph, a, RAR_ERA) if not d["deviation"].startswith("Ingen"))


def _changed(graph, change) -> OrgGraph:
    nodes, edges = graph.node_records(), graph.edge_records()
    nodes, edges = change(nodes, edges)
    return OrgGraph.from_records(nodes, edges, graph.documents)


def test_a_change_in_the_data_changes_the_matrix(graph, matrix):
    """Nothing is typed in: drop Syddanmark's mirror edges and give Sjælland a second focus point."""
    def change(nodes, edges):
        udvalg = {"organ-syddanmark-embedsmandsudvalg"} | {e["from"] for e in edges if e["type"] == "MEDLEM_AF"
                                                           and e["to"] == "organ-syddanmark-embedsmandsudvalg"}
        edges = [e for e in edges if not (e["type"] == "SPEJLER" and e["from"] in udvalg)]
        extra = {**next(n for n in nodes if n["id"] == "pm-sjaelland-anlaegsprojekter"), "id": "pm-sjaelland-unge", "name": "Flere unge i job"}
        vedtager = {**next(e for e in edges if e["to"] == "pm-sjaelland-anlaegsprojekter"), "id": "kkr-sjaelland:VEDTAGER:pm-sjaelland-unge", "to": "pm-sjaelland-unge"}
        return nodes + [extra], edges + [vedtager]

    after = compare(_changed(graph, change), as_of=RAR_ERA)
    assert _row(after, "mirrors.whom")["values"]["kkr-syddanmark"] is None
    assert _row(after, "focus.count")["values"]["kkr-sjaelland"] == 2
    assert "unge (1)" in _row(after, "focus.themes")["values"]["kkr-sjaelland"]
    changed = {f["feature"] for f, g in zip(matrix["features"], after["features"]) if f["values"] != g["values"]}
    assert changed == {"mirrors", "mirrors.kind", "mirrors.size", "mirrors.whom", "focus.count", "focus.themes", "deviations"}


def test_diff_lists_roles_and_scores_similarity(graph):
    result = diff(graph, "Syddanmark", "Midtjylland")
    roles = {r["role"]: r for r in result["roles"]}
    assert roles["sets_up"]["status"] == "only kkr-midtjylland"
    assert "spejler de kommunale næstformænd" in roles["mirrors"]["kkr-syddanmark"]["kind"]
    assert "spejler de kommunale medlemmer" in roles["mirrors"]["kkr-midtjylland"]["kind"]
    assert result["distance"] == sum(result["distance_parts"].values()) > 0
    assert 0 < result["similarity"] < 1
    assert diff(graph, "Midtjylland", "Syddanmark")["distance"] == result["distance"]
    same = diff(graph, "Sjælland", "kkr-sjaelland")
    assert (same["distance"], same["similarity"]) == (0, 1.0)


def test_diff_distance_counts_each_role_relation_only_one_region_has(graph):
    """Sjælland's body is set up by the KKR (NEDSAT_AF). Without that edge, the relation 'prepares —nedsat af→ kkr'
    becomes a difference if Nordjylland's body is set up by its KKR too, and stops being one if it is not."""
    before = diff(graph, "Nordjylland", "Sjælland", as_of=RAR_ERA)
    removed = _changed(graph, lambda n, e: (n, [x for x in e if x["id"] != "organ-sjaelland-asb:NEDSAT_AF:kkr-sjaelland"]))
    after = diff(removed, "Nordjylland", "Sjælland", as_of=RAR_ERA)
    nordjylland_too = ["prepares", "NEDSAT_AF", "kkr"] not in before["relations"]["only kkr-sjaelland"]
    assert after["distance"] == before["distance"] + (1 if nordjylland_too else -1)
    assert (["prepares", "NEDSAT_AF", "kkr"] in after["relations"]["only kkr-nordjylland"]) == nordjylland_too


def test_xlsx_holds_the_same_values_as_the_json(matrix):
    data = json.loads(generate_matrix(matrix, "json"))
    book = openpyxl.load_workbook(io.BytesIO(generate_matrix(matrix, "xlsx")))
    rows = [[c.value for c in row] for row in book["Sammenligning"].iter_rows()]
    assert rows[0] == ["feature", "label"] + [data["names"][a] for a in data["regions"]]
    assert rows[1:] == [[f["feature"], f["label"]] + [f["values"][a] for a in data["regions"]] for f in data["features"]]
    evidence = [[c.value for c in row] for row in book["Evidens"].iter_rows()][1:]
    assert evidence == evidence_rows(data) and len(evidence) > 100


def test_markdown_links_every_cell_with_evidence_to_its_evidence(matrix):
    text = generate_matrix(matrix, "md").decode()
    links = set(re.findall(r"\]\(#(ev-[^)]+)\)", text))
    anchors = set(re.findall(r'<a id="(ev-[^"]+)"></a>', text))
    assert links and links == anchors
    assert "| Betjener de kommunale RAR-medlemmer: art |" in text


def test_cli_compare_formats_and_errors(runner, tmp_path, graph):
    result = runner.invoke(app, ["compare", "Nordjylland", "KKR Syddanmark", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["regions"] == ["kkr-nordjylland", "kkr-syddanmark"]
    assert {"feature", "values", "evidence"} <= set(data["features"][0])
    out = tmp_path / "m.csv"
    assert runner.invoke(app, ["compare", "-o", str(out)]).exit_code == 0
    assert out.read_text(encoding="utf-8").splitlines()[0] == "feature,label,KKR Hovedstaden,KKR Midtjylland,KKR Nordjylland,KKR Sjælland,KKR Syddanmark"
    table = runner.invoke(app, ["compare", "--as-of", RAR_ERA])
    assert table.exit_code == 0 and "én kommunes medarbejder (Aalborg Kommune)" in table.output
    bad = runner.invoke(app, ["compare", "Atlantis"])
    assert bad.exit_code == 1 and bad.output.startswith("orggraph: error:") and "Traceback" not in bad.output
    xlsx = runner.invoke(app, ["compare", "--format", "xlsx"])
    assert xlsx.exit_code == 2 and "-o FILE.xlsx" in xlsx.output
    d = runner.invoke(app, ["compare", "--diff", "Syddanmark", "Midtjylland"])
    assert d.exit_code == 0 and "Lighed 0." in d.output and "kun KKR Midtjylland" in d.output
    # Danish throughout: role and relation labels, not internal keys, ids or "1 roller"
    for internal in ("NEDSAT_AF", "SEKRETARIATSBETJENER", "sets_up", "serves_members", "kkr-midtjylland", " 1 roller", " 1 relationer"):
        assert internal not in d.output, internal
    assert "—nedsat af→" in d.output


def test_the_comparison_in_exports_is_not_stale(graph):
    assert stale_compare(graph, EXPORTS) == [], "run: orggraph export all -o exports"


def test_the_comparison_and_the_figures_share_one_set_of_labels(graph, matrix):
    """A role and a body type are worded once (queries/roles.py): the matrix's rows, the diff's
    roles and a figure's box say the same words."""
    from orggraph.charts.build import build_chart
    from orggraph.compare.regions import COMPARED_ROLES, kind_of
    from orggraph.queries.roles import BODY_TYPES, ROLES, body_type_label, role_label

    labels = {row["feature"]: row["label"] for row in matrix["features"]}
    for key, label in COMPARED_ROLES:
        assert label == role_label(key) and labels[key] == f"{label}: hvem"
    assert diff(graph, "Midtjylland", "Syddanmark", as_of=RAR_ERA)["role_labels"] == {r.key: r.da for r in ROLES}
    typed = [n for n in graph.node_ids() if graph.attrs(n).get("body_type")]
    assert typed
    for node_id in typed:
        assert graph.attrs(node_id)["body_type"] in BODY_TYPES, node_id  # a new body type needs its words
        assert body_type_label(graph.attrs(node_id)["body_type"]) in kind_of(graph, node_id), node_id
    box = build_chart(graph, "region", "KKR Sjælland", as_of="2022-01-01").nodes["organ-sjaelland-jobforum"]
    assert box.details[0].startswith(body_type_label(graph.attrs("organ-sjaelland-jobforum")["body_type"]) + ",")

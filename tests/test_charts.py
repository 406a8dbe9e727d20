"""Charts: what the DOT holds, real rendering with Graphviz's dot, layout, languages, dates,
and the staleness of exports/charts."""

import copy
import json
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from orggraph.charts import FORMATS, build_chart, chart_bytes, chart_keys, generate_dot, generate_mermaid, write_chart
from orggraph.charts.export import stale_charts
from orggraph.charts.style import relation_label
from orggraph.cli import app
from orggraph.exceptions import OrgGraphError

from conftest import data_counts, data_records

EXPORTS = Path(__file__).resolve().parents[1] / "exports"
#: The magic bytes each chart format starts with.
MAGIC = {"svg": b"<?xml", "png": b"\x89PNG", "pdf": b"%PDF", "dot": b"digraph", "mmd": b"---"}


def layout(chart) -> dict:
    """The chart laid out by the real dot binary, as Graphviz's JSON."""
    done = subprocess.run(["dot", "-Tjson"], input=generate_dot(chart), capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


def drawn(laid: dict) -> tuple[set[str], set[str], list[dict]]:
    """(node names, cluster names, edges with tail/head names) of a laid-out chart."""
    objects = laid["objects"]
    clusters = {o["name"] for o in objects if o["name"].startswith("cluster_")}
    names = {o["_gvid"]: o["name"] for o in objects if "nodes" not in o and not o["name"].startswith("cluster_")}
    edges = [{**e, "tail": names[e["tail"]], "head": names[e["head"]]} for e in laid.get("edges", [])]
    return set(names.values()), clusters, edges


def graph_nodes(laid: dict) -> set[str]:
    nodes, _, _ = drawn(laid)
    return {n for n in nodes if not n.startswith(("legend_", "band_gap_"))}


@pytest.mark.render
def test_region_chart_has_the_expected_nodes_edges_and_clusters(graph):
    chart = build_chart(graph, "region", "KKR Nordjylland")
    nodes, clusters, edges = drawn(layout(chart))
    assert graph_nodes(layout(chart)) == {
        "kkr-nordjylland", "rar-nordjylland", "post-rar-nordjylland-kommunale", "organ-nordjylland-direktoerkredsen",
        "sek-kkr-nordjylland", "post-nordjylland-sekretaer-rar", "amk-midt-nord", "kommune-851",
        "kommuner-rar-nordjylland",
    }
    assert clusters == {"cluster_band_political", "cluster_band_administrative", "cluster_band_municipal", "cluster_legend"}
    pairs = {(e["tail"], e["head"], e["tooltip"]) for e in edges if "tooltip" in e and not e["tail"].startswith("legend_")}
    assert ("kkr-nordjylland", "post-rar-nordjylland-kommunale", "UDPEGER") in pairs
    # drawn from the parent down, with the arrow turned back: still "the seats are a member of the RAR"
    assert ("rar-nordjylland", "post-rar-nordjylland-kommunale", "MEDLEM_AF") in pairs
    assert ("post-rar-nordjylland-kommunale", "post-nordjylland-sekretaer-rar", "SEKRETARIATSBETJENER") in pairs
    assert ("rar-nordjylland", "kommuner-rar-nordjylland", "DAEKKER") in pairs
    labels = {e.get("label") for e in edges if e.get("tooltip") == "DAEKKER" and not e["tail"].startswith("legend_")}
    assert labels == {"11 kommuner"}


@pytest.mark.render
@pytest.mark.parametrize("kind,ref", [("principmodel", None), ("region", "kkr-midtjylland"), ("rar", "rar-vestjylland"), ("national", None)])
def test_the_legend_has_one_entry_per_relation_and_kind_drawn(graph, kind, ref):
    chart = build_chart(graph, kind, ref)
    _, _, edges = drawn(layout(chart))
    drawn_types = {e["tooltip"] for e in edges if "tooltip" in e and not e["tail"].startswith("legend_")}
    legend = {e["tooltip"]: e["label"] for e in edges if e["tail"].startswith("legend_rel_") and e.get("style") != "invis"}
    assert set(legend) == drawn_types == set(chart.relations())
    assert all(legend[t] == relation_label(t, "da") for t in legend)
    nodes, _, _ = drawn(layout(chart))
    assert {n.removeprefix("legend_kind_") for n in nodes if n.startswith("legend_kind_")} == set(chart.kinds())


@pytest.mark.parametrize("area", ["kkr-nordjylland", "kkr-midtjylland", "kkr-syddanmark", "kkr-hovedstaden", "kkr-sjaelland"])
def test_each_region_chart_holds_exactly_the_regions_bodies(graph, area):
    chart = build_chart(graph, "region", area)
    view = graph.as_of(chart.as_of)
    for kind in ("Organ", "Sekretariat"):
        in_data = {n for n, d in view.graph.nodes(data=True) if d["kind"] == kind and d["area"] == area}
        in_chart = {n for n, node in chart.nodes.items() if node.kind == kind and graph.node(n)["area"] == area}
        assert in_chart == in_data, kind
    other_areas = {n for n, node in chart.nodes.items() if node.kind == "Organ" and graph.node(n)["area"] != area}
    assert not other_areas
    rar_secretariats = {u for u, v, _, _ in view.edges("SEKRETARIATSBETJENER") if v in chart.nodes and chart.nodes[v].kind == "RAR"}
    assert rar_secretariats and rar_secretariats <= set(chart.nodes)


@pytest.mark.render
@pytest.mark.parametrize("kind,ref", [("principmodel", None), ("national", None)]
                         + [("region", a) for a in ("kkr-nordjylland", "kkr-midtjylland", "kkr-syddanmark", "kkr-hovedstaden", "kkr-sjaelland")]
                         + [("rar", r) for r in ("rar-nordjylland", "rar-vestjylland", "rar-oestjylland", "rar-fyn", "rar-sydjylland",
                                                 "rar-hovedstaden", "rar-bornholm", "rar-sjaelland")])
def test_every_chart_renders_with_dot_and_labels_do_not_overlap(graph, kind, ref):
    chart = build_chart(graph, kind, ref)
    for fmt in ("svg", "png", "pdf"):
        assert chart_bytes(chart, fmt).startswith(MAGIC[fmt]), fmt
    laid = layout(chart)
    boxes = []
    for o in laid["objects"]:
        if "pos" in o and o.get("style") != "invis" and o.get("shape") != "point":
            x, y = map(float, o["pos"].split(","))
            w, h = float(o["width"]) * 72, float(o["height"]) * 72
            boxes.append((o["name"], x - w / 2, y - h / 2, x + w / 2, y + h / 2))
    for i, (a, ax0, ay0, ax1, ay1) in enumerate(boxes):
        for b, bx0, by0, bx1, by1 in boxes[i + 1:]:
            assert ax1 <= bx0 or bx1 <= ax0 or ay1 <= by0 or by1 <= ay0, f"{a} overlaps {b}"
    for edge in laid.get("edges", []):
        if "lp" in edge:
            x, y = map(float, edge["lp"].split(","))
            inside = [n for n, x0, y0, x1, y1 in boxes if x0 < x < x1 and y0 < y < y1]
            assert not inside, f"label {edge['label']!r} lies on {inside}"


@pytest.mark.render
def test_pdf_fits_an_a4_page(graph):
    pdf = chart_bytes(build_chart(graph, "national"), "pdf")
    box = pdf.split(b"/MediaBox [")[1].split(b"]")[0].split()
    width, height = float(box[2]) / 72, float(box[3]) / 72
    assert max(width, height) <= 11.69 and min(width, height) <= 8.27, (width, height)


def test_missing_dot_is_one_clear_error(graph, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    chart = build_chart(graph, "region", "kkr-sjaelland")
    with pytest.raises(OrgGraphError, match="needs Graphviz's 'dot' program.*apt-get install graphviz"):
        write_chart(chart, tmp_path / "sjaelland.svg")
    assert not list(tmp_path.iterdir())
    write_chart(chart, tmp_path / "sjaelland.dot")  # text formats need no binary
    write_chart(chart, tmp_path / "sjaelland.mmd")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sjaelland.dot", "sjaelland.mmd"]


def test_mermaid_has_bands_nodes_styles_and_escapes_names(graph):
    chart = build_chart(graph, "region", "kkr-syddanmark")
    chart = copy.deepcopy(chart)
    chart.nodes["organ-syddanmark-embedsmandsudvalg"].title = 'Udvalget "A|B" <x> #1'
    text = generate_mermaid(chart)
    assert text.startswith('---\ntitle: "Organisering i KKR Syddanmark"\n---\n')
    for band in chart.bands():
        assert f"subgraph band_{band}[" in text
    assert "Udvalget #quot;A#124;B#quot; #lt;x#gt; #35;1" in text
    assert text.count("linkStyle") == len(chart.edges) + len(chart.relations())
    assert "classDef variant" not in text


@pytest.mark.parametrize("day,covered", [("2016-11-01", 8), ("2018-04-30", 7)])
def test_as_of_moves_viborg(graph, day, covered):
    chart = build_chart(graph, "region", "KKR Midtjylland", as_of=day, municipalities=True)
    group = chart.nodes["kommuner-rar-vestjylland"]
    assert group.title == f"Kommuner dækket af RAR Vestjylland ({covered})"
    assert ("Viborg" in " ".join(group.details)) == (covered == 8)


def test_as_of_changes_who_appoints(graph):
    before = build_chart(graph, "rar", "RAR Nordjylland", as_of="2018-12-31")
    after = build_chart(graph, "rar", "RAR Nordjylland", as_of="2019-01-01")
    assert {"org-lo", "org-ftf"} <= set(before.nodes) and "org-fh" not in before.nodes
    assert "org-fh" in after.nodes and not {"org-lo", "org-ftf"} & set(after.nodes)
    assert before.as_of == "2018-12-31" and not before.as_of_note
    assert build_chart(graph, "rar", "RAR Nordjylland").as_of == graph.latest_change()


def test_english_labels(graph):
    chart = build_chart(graph, "region", "KKR Hovedstaden", lang="en")
    text = generate_dot(chart)
    assert chart.title == "Organisation in KKR Hovedstaden"
    assert "Legend" in text and "Political level" in text and "supports" in text
    assert "Signaturforklaring" not in text


def test_principle_model_shows_roles_and_variants(graph):
    chart = build_chart(graph, "principmodel")
    assert all(n.startswith("role-") for n in chart.nodes)
    serves = chart.nodes["role-serves_members"]
    assert serves.details[0] == "i 5 af 5 KKR-områder" and not serves.variant
    assert any(line.startswith("Nordjylland: Sekretær for de kommunale RAR-medlemmer") for line in serves.details)
    mirrors = chart.nodes["role-mirrors"]
    assert mirrors.variant and mirrors.details[0] == "i 2 af 5 KKR-områder"
    assert [line.split(":")[0] for line in mirrors.details[1:] if not line.startswith(" ")] == ["Midtjylland", "Syddanmark"]
    spejler = [e for e in chart.edges if e.type == "SPEJLER"]
    assert len(spejler) == 1 and spejler[0].note == "Midtjylland, Syddanmark"
    # its evidence is every SPEJLER edge in the data files (an edge's id is from:TYPE:to)
    in_files = [f"{e['from']}:SPEJLER:{e['to']}" for e in data_records()["edges"] if e["type"] == "SPEJLER"]
    assert sorted(spejler[0].evidence) == sorted(in_files)


def test_exports_are_not_stale(graph):
    assert stale_charts(graph, EXPORTS / "charts") == [], "run: orggraph export all -o exports"


def test_a_data_change_makes_the_exports_stale(graph):
    changed = copy.deepcopy(graph)
    changed.graph.nodes["organ-sjaelland-jobforum"]["attrs"]["size"] = 18
    assert stale_charts(changed, EXPORTS / "charts") == ["region-kkr-sjaelland: the data or the drawing code changed since the export"]


@pytest.mark.render
def test_cli_chart_writes_each_format(runner, tmp_path):
    assert set(MAGIC) == set(FORMATS)
    for fmt in FORMATS:
        result = runner.invoke(app, ["chart", "rar", "RAR Bornholm", "-o", str(tmp_path / f"bornholm.{fmt}")])
        assert result.exit_code == 0, result.output
        assert (tmp_path / f"bornholm.{fmt}").read_bytes().startswith(MAGIC[fmt]), fmt


def test_cli_chart_reports_errors(runner, tmp_path):
    bad = runner.invoke(app, ["chart", "region", "RAR Fyn", "-o", str(tmp_path / "x.svg")])
    assert bad.exit_code == 1 and "not a KKR" in bad.output
    bad = runner.invoke(app, ["chart", "region", "KKR Fyn", "-o", str(tmp_path / "x.txt")])
    assert bad.exit_code == 2 and "unknown chart format 'txt'" in bad.output
    assert not (tmp_path / "x.svg").exists() and not (tmp_path / "x.txt").exists()


def test_chart_keys_cover_one_chart_per_kkr_and_rar_and_the_two_overviews(graph):
    keys = chart_keys(graph)
    nodes = data_counts()["nodes"]
    assert Counter(kind for kind, _ in keys) == {"principmodel": 1, "national": 1, "region": nodes["KKR"], "rar": nodes["RAR"]}
    assert (nodes["KKR"], nodes["RAR"]) == (5, 8)  # domain facts: five KKR (ref-facts, KL-KKR), eight RAR (ref-facts, LOV-2014 § 27)
    assert {ref for kind, ref in keys if kind == "region"} == {n["id"] for n in data_records()["nodes"] if n["kind"] == "KKR"}
    assert {ref for kind, ref in keys if kind == "rar"} == {n["id"] for n in data_records()["nodes"] if n["kind"] == "RAR"}

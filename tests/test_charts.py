"""Figures: what each chart draws against the data, the quality gates of issue 13 measured on
the real ``dot -Tjson`` layout and the rendered PDF, formats for Word and PDF, captions,
Mermaid, the Word report, and the staleness of exports/charts."""

import copy
import io
import json
import struct
from collections import Counter
from pathlib import Path

import pytest

import chartquality as q
from conftest import data_counts, data_records, require_binary, unavailable
from orggraph.charts import FORMATS, build_chart, chart_bytes, chart_keys, generate_dot, generate_mermaid, write_chart
from orggraph.charts.build import CHART_KINDS, RAR_ORDER
from orggraph.charts.export import stale_charts
from orggraph.charts.principle import GEOGRAPHIC
from orggraph.charts.render import fit, natural_size
from orggraph.cli import app
from orggraph.cli.commands import ChartKind
from orggraph.exceptions import NotInForce, OrgGraphError

EXPORTS = Path(__file__).resolve().parents[1] / "exports"
#: The magic bytes each chart format starts with.
MAGIC = {"svg": b"<?xml", "png": b"\x89PNG", "pdf": b"%PDF", "dot": b"digraph", "mmd": b"---"}
#: The date the seeds describe (the RAR era): the charts of the exports are drawn at the data's latest change.
RAR_ERA = "2022-01-01"
#: Crossing targets of issue 13: none, except at most 2 in a region chart.
MOST_CROSSINGS = {"principmodel": 0, "areas": 0, "rar": 0, "national": 0, "region": 2}


def all_charts(graph, lang="da"):
    return [build_chart(graph, kind, ref, as_of=RAR_ERA, lang=lang) for kind, ref in chart_keys(graph)]


@pytest.fixture(scope="module")
def charts(graph):
    return all_charts(graph)


@pytest.fixture(scope="module")
def laid(charts):
    require_binary("dot", "apt-get install graphviz")
    return {c.key: q.layout(generate_dot(c)) for c in charts}


def keys(charts):
    return [c.key for c in charts]


# --- the quality gates ------------------------------------------------------------------


@pytest.mark.render
def test_every_figure_is_at_most_16_cm_wide_and_a_page_tall_never_shrunk(charts):
    for chart in charts:
        width, height = natural_size(chart)
        assert width <= 453.0 + 1 and height <= 680.0 + 1, (chart.key, width / 72 * 2.54, height / 72 * 2.54)
        assert fit(chart) == [], chart.key
        assert not any(line.strip().startswith(("size=", "ratio=")) for line in generate_dot(chart).splitlines()), chart.key  # never scaled


@pytest.mark.render
def test_no_text_under_8_pt_once_the_pdf_is_fitted_into_the_column(charts):
    require_binary("dot", "apt-get install graphviz")
    for chart in charts:
        pdf = chart_bytes(chart, "pdf")
        page = q.page_size(pdf)
        assert page[0] <= 453.0 + 1, chart.key  # drawn for the column, so fitting does not shrink it
        assert q.smallest_fitted_text(pdf, q.PORTRAIT) >= 7.9, chart.key
        assert min(q.text_sizes(pdf)) >= 7.9, chart.key


@pytest.mark.render
def test_box_text_is_9_pt(charts):
    for chart in charts:
        sizes = Counter(round(s, 1) for s in q.text_sizes(chart_bytes(chart, "pdf")))
        assert sizes.most_common(1)[0][0] == 9.0, (chart.key, sizes)


@pytest.mark.render
def test_crossings_within_their_targets(charts, laid):
    for chart in charts:
        found = q.crossings(laid[chart.key])
        assert len(found) <= MOST_CROSSINGS[chart.kind], (chart.key, found)


@pytest.mark.render
def test_no_legend_in_the_image(charts, laid):
    for chart in charts:
        assert q.legend_share(laid[chart.key]) == 0.0, chart.key


@pytest.mark.render
def test_danish_figures_hold_no_english_and_no_internal_ids(charts, laid):
    for chart in charts:
        texts = q.labels(laid[chart.key])
        assert q.internal_ids(texts) == [], chart.key
        assert q.english_words(texts, allow=["STAR"]) == [], (chart.key, q.english_words(texts))
        caption = [chart.title, chart.date_line, chart.source_line, *chart.footnotes, chart.alt]
        assert q.internal_ids(caption) == [], chart.key
        ours = [chart.title, chart.date_line, chart.source_line, chart.alt]  # footnotes quote the data's notes as written
        assert q.english_words(ours) == [], (chart.key, q.english_words(ours))


@pytest.mark.render
def test_english_figures_are_english(graph):
    for chart in (build_chart(graph, "principmodel", as_of=RAR_ERA, lang="en"), build_chart(graph, "rar", "RAR Fyn", as_of=RAR_ERA, lang="en")):
        texts = " ".join(q.labels(q.layout(generate_dot(chart))))
        for danish in ("udpeger", "betjener", "Politisk niveau", "kommuner", "Indstilles af"):
            assert danish not in texts, (chart.key, danish)
        assert "nominates" in texts or "Nominated by" in texts


@pytest.mark.render
def test_every_derived_or_unverified_edge_is_drawn_dashed(graph, charts, laid):
    uncertain = {r["id"] for r in graph.edge_records() if r["confidence"] in q.UNCERTAIN}
    for chart in charts:
        drawn = q.dashed_edges(laid[chart.key])
        assert len(drawn) == len(chart.edges), chart.key
        assert q.undashed(drawn, uncertain) == [], chart.key
        for edge in drawn:  # and a dashed arrow says so with "*"
            if edge["dashed"]:
                assert "*" in edge["tooltip"], (chart.key, edge)


def test_at_most_four_line_styles():
    from orggraph.charts.style import LINES, MEANINGS

    assert len(LINES) <= 4 and {m[2] for m in MEANINGS.values()} <= set(LINES)
    looks = {(line.style, line.penwidth, line.color) for line in LINES.values()}
    assert len(looks) == len(LINES)  # told apart without colour: weight, tone or dashes


@pytest.mark.render
def test_every_mermaid_file_renders_in_mermaid(charts):
    try:
        errors = q.mermaid_errors({c.key: generate_mermaid(c) for c in charts})
    except FileNotFoundError as err:
        unavailable(str(err))
    assert errors == {}


# --- what each chart draws --------------------------------------------------------------


def test_principle_model_is_generic_roles_only(graph):
    chart = build_chart(graph, "principmodel", as_of=RAR_ERA)
    assert 6 <= len(chart.nodes) <= 8
    names = {r["name"] for r in data_records()["nodes"]}
    assert not {n.title for n in chart.nodes.values()} & names  # no area's own names
    pairs = Counter(frozenset((e.source, e.target)) for e in chart.edges)
    assert max(pairs.values()) == 1  # one arrow per pair of roles
    said = {(e.source, e.meaning, e.target) for e in chart.edges}
    assert {("kkr", "udpeger", "municipal_seats"), ("prepares", "forbereder", "kkr"), ("prepares", "betjener", "municipal_seats"),
            ("rar_secretariat", "sekretariat", "rar")} <= said
    # the numbers come from the data: 5 seats (UDPEGER from a KKR), 21 members, 98 municipalities
    seats = Counter(e["attrs"]["seats"] for e in data_records()["edges"] if e["type"] == "UDPEGER" and e["from"].startswith("kkr-"))
    members = Counter(n["attrs"]["members"] for n in data_records()["nodes"] if n["kind"] == "RAR")
    assert chart.nodes["municipal_seats"].title.startswith(f"{seats.most_common(1)[0][0]} kommunale")
    assert chart.nodes["rar"].details[0].startswith(f"{members.most_common(1)[0][0]} medlemmer")
    assert chart.nodes["municipalities"].title == f"De {data_counts()['nodes']['Kommune']} kommuner"
    assert [b.band for b in chart.backgrounds][:2] == ["political", "administrative"] and "state" in [b.band for b in chart.backgrounds]


def test_a_role_no_area_fills_is_not_drawn(graph):
    from orggraph.queries.roles import fillers

    view = copy.deepcopy(graph)
    for node_id in {n for area in GEOGRAPHIC for n in fillers(graph.as_of(RAR_ERA), area)["body_secretariat"]}:
        view.graph.remove_node(node_id)
    chart = build_chart(view, "principmodel", as_of=RAR_ERA)
    assert "body_secretariat" not in chart.nodes and "body_secretariat" in build_chart(graph, "principmodel", as_of=RAR_ERA).nodes


def test_the_areas_sit_on_one_template(graph):
    chart = build_chart(graph, "areas", as_of=RAR_ERA)
    kkrs = [n for n in chart.nodes.values() if n.kind == "KKR"]
    assert [n.title for n in kkrs] == [graph.graph.nodes[a]["name"] for a in GEOGRAPHIC]
    for slot in ("kkr", "members", "rar", "amk"):  # the same role in the same place in every panel
        xs = {round(chart.nodes[f"{a}:{slot}"].pos[0], 1) for a in GEOGRAPHIC}
        assert len(xs) == 1, slot
    ys = [chart.nodes[f"{a}:kkr"].pos[1] for a in GEOGRAPHIC]
    steps = [a - b for a, b in zip(ys, ys[1:])]
    assert max(steps) - min(steps) < 0.5  # panels of one height
    for area in GEOGRAPHIC:  # one wide box where one body prepares and serves, two where two do
        from orggraph.queries.roles import fillers

        roles = fillers(graph.as_of(RAR_ERA), area)
        merged = set(roles["prepares"]) == set(roles["serves_members"])
        assert (f"{area}:serves" in chart.nodes) is not merged, area
        assert chart.nodes[f"{area}:kkr"].details == [f"{len(roles['municipalities'])} kommuner"]


def test_each_areas_special_feature_is_a_note_from_the_data(graph):
    chart = build_chart(graph, "areas", as_of=RAR_ERA)
    notes = {a: chart.nodes[f"{a}:note"].title if f"{a}:note" in chart.nodes else "" for a in GEOGRAPHIC}
    assert "KD-Net" in notes["kkr-midtjylland"]
    assert "næstformænd" in notes["kkr-syddanmark"]
    assert "JobForum" in notes["kkr-sjaelland"]
    assert "Aalborg Kommune" in notes["kkr-nordjylland"] or "Aalborg Kommune" in chart.nodes["kkr-nordjylland:serves"].title
    assert all(chart.nodes[f"{a}:note"].note for a in GEOGRAPHIC if f"{a}:note" in chart.nodes)


def test_rar_chart_is_one_seat_table_adding_up_to_the_data(graph):
    for rar in RAR_ORDER:
        chart = build_chart(graph, "rar", rar, as_of=RAR_ERA)
        table = chart.nodes[rar].table
        members = {e["from"] for e in data_records()["edges"] if e["type"] == "MEDLEM_AF" and e["to"] == rar}
        in_data = sum((n.get("attrs") or {}).get("seats", 0) for n in data_records()["nodes"]
                      if n["id"] in members and graph.as_of(RAR_ERA).graph.has_node(n["id"]))
        assert sum(int(row[1]) for row in table[1:]) == in_data == 21, rar  # 21 seats: LOV-2014 § 28 (ref-facts)
        assert len(chart.nodes) <= 6
        kommuner = [n for n in chart.nodes[rar].details if "kommune" in n.lower()]
        assert kommuner, rar


def test_rar_bornholm_marks_what_is_not_verified(graph):
    chart = build_chart(graph, "rar", "RAR Bornholm", as_of=RAR_ERA)
    kkr_row = next(r for r in chart.nodes["rar-bornholm"].table if r[0].startswith("KKR"))
    assert kkr_row[0].endswith("*")
    nomination = next(e for e in chart.edges if e.meaning == "udpeger")
    assert nomination.uncertain
    assert any("ikke verificeret" in f and "27" in f for f in chart.footnotes)


def test_national_chart_runs_in_geographic_order_with_amk_containers(graph, laid):
    chart = build_chart(graph, "national", as_of=RAR_ERA)
    kkrs = [n.id for n in chart.nodes.values() if n.kind == "KKR"]
    rars = [n.id for n in chart.nodes.values() if n.kind == "RAR"]
    assert kkrs == list(GEOGRAPHIC) and rars == list(RAR_ORDER)
    for rar in rars:
        assert chart.nodes[rar].cluster and chart.nodes[rar].cluster.startswith("amk-")
    tops = {o["name"]: float(o["pos"].split(",")[1]) for o in laid["national"]["objects"] if "pos" in o}
    assert [tops[k] for k in kkrs] == sorted((tops[k] for k in kkrs), reverse=True)  # north at the top
    assert [tops[r] for r in rars] == sorted((tops[r] for r in rars), reverse=True)


def test_region_chart_draws_each_body_once_and_at_most_12_boxes(graph):
    for area in GEOGRAPHIC:
        chart = build_chart(graph, "region", area, as_of=RAR_ERA)
        assert len([n for n in chart.nodes.values() if not n.note]) <= 12
        assert not any(n.kind == "Post" and (graph.graph.nodes[n.id].get("attrs") or {}).get("group") for n in chart.nodes.values()
                       if n.id in graph.graph)
        assert chart.nodes[area].details == [f"{sum(1 for e in data_records()['edges'] if e['type'] == 'MEDLEM_AF' and e['to'] == area and e['from'].startswith('kommune-'))} kommuner"]


def test_posts_and_persons_go_to_footnotes(graph):
    chart = build_chart(graph, "region", "KKR Midtjylland", as_of=RAR_ERA)
    assert any(f.startswith("Næstformand i RAR Vestjylland: Borgmester i Struer Kommune") for f in chart.footnotes)
    assert not any("Struer" in n.title for n in chart.nodes.values())


@pytest.mark.parametrize("day,viborg", [("2016-11-01", True), ("2018-04-30", False)])
def test_as_of_moves_viborg(graph, day, viborg):
    """Viborg moved from RAR Vestjylland to RAR Østjylland between 2016-11 and 2018-04 (ref-facts)."""
    chart = build_chart(graph, "rar", "RAR Vestjylland", as_of=day)
    text = " ".join(chart.nodes["rar-vestjylland"].details)
    assert ("Viborg" in text) is viborg


def test_as_of_changes_who_nominates(graph):
    """The employee seats: LO and FTF nominate until 2018-12-31, FH from 2019-01-01 (ref-facts)."""
    for day in ("2018-12-31", "2019-01-01"):
        chart = build_chart(graph, "rar", "RAR Nordjylland", as_of=day)
        rows = {r[0].rstrip(" *"): r[1] for r in chart.nodes["rar-nordjylland"].table[1:]}
        view = graph.as_of(day)
        nominators = ", ".join(view.graph.nodes[u]["name"] for u, _, _, _ in view.in_edges("post-rar-nordjylland-fh", "UDPEGER"))
        assert rows[nominators] == "6", (day, rows)
    assert "LO, FTF" in {r[0].rstrip(" *") for r in build_chart(graph, "rar", "RAR Nordjylland", as_of="2018-12-31").nodes["rar-nordjylland"].table}
    assert "FH" in {r[0].rstrip(" *") for r in build_chart(graph, "rar", "RAR Nordjylland", as_of="2019-01-01").nodes["rar-nordjylland"].table}
    assert build_chart(graph, "national").as_of == graph.current_day()  # without a date: the state today
    if graph.as_of(graph.current_day()).node_ids("RAR") == []:  # the RAR has ended: the error says which date reaches it
        with pytest.raises(NotInForce, match="Use --as-of 2025-02-28"):
            build_chart(graph, "rar", "RAR Nordjylland")


def test_every_arrow_is_in_the_graph_with_its_confidence(graph, charts):
    view = graph.as_of(RAR_ERA)
    for chart in charts:
        for edge in chart.edges:
            for k in edge.evidence:
                record = view.edge(k)
                assert record is not None, (chart.key, k)
            if edge.evidence:
                marks = [view.edge(k)["confidence"] for k in edge.evidence]
                assert edge.uncertain == all(m in q.UNCERTAIN for m in marks), (chart.key, edge)


# --- captions, formats, report ----------------------------------------------------------


def test_caption_names_documents_by_title_and_date(graph):
    chart = build_chart(graph, "region", "KKR Sjælland", as_of=RAR_ERA)
    assert chart.date_line.endswith("status pr. 1. januar 2022")
    assert "1. juli 2015" in chart.date_line
    seed = next(d for d in data_records()["documents"] if d["id"] == "seed-003")
    assert seed["title"] in chart.source_line and chart.source_line.startswith("Kilde")
    assert chart.alt.startswith(chart.title) and all(n.title in chart.alt for n in chart.nodes.values() if not n.note)


@pytest.mark.render
def test_png_is_300_dpi_at_final_size(graph):
    chart = build_chart(graph, "principmodel", as_of=RAR_ERA)
    png = chart_bytes(chart, "png")
    at = png.index(b"pHYs")
    x, y, unit = struct.unpack(">IIB", png[at + 4:at + 13])
    assert (x, y, unit) == (11811, 11811, 1)  # 300 dpi in pixels per metre
    width_px = struct.unpack(">I", png[16:20])[0]
    assert abs(width_px / 300 * 72 - natural_size(chart)[0]) < 3  # 16 cm at 300 dpi: the final size


@pytest.mark.render
def test_svg_is_in_cm_with_a_font_word_has(graph):
    svg = chart_bytes(build_chart(graph, "principmodel", as_of=RAR_ERA), "svg").decode("utf-8")
    head = svg[svg.index("<svg"):svg.index(">", svg.index("<svg"))]
    assert abs(float(head.split('width="')[1].split("cm")[0]) - 16.0) < 0.05
    assert "DejaVu" not in svg and "font-family=\"Arial, 'Liberation Sans', Helvetica, sans-serif\"" in svg


def test_missing_dot_is_one_clear_error(graph, tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    chart = build_chart(graph, "region", "kkr-sjaelland", as_of=RAR_ERA)
    with pytest.raises(OrgGraphError, match="needs Graphviz's 'dot' program.*apt-get install graphviz"):
        write_chart(chart, tmp_path / "sjaelland.svg")
    assert not list(tmp_path.iterdir())
    write_chart(chart, tmp_path / "sjaelland.dot")  # text formats need no binary
    write_chart(chart, tmp_path / "sjaelland.mmd")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sjaelland.dot", "sjaelland.mmd"]


def test_mermaid_escapes_names_and_quotes_the_title(graph):
    chart = copy.deepcopy(build_chart(graph, "region", "kkr-syddanmark", as_of=RAR_ERA))
    chart.nodes["organ-syddanmark-embedsmandsudvalg"].title = 'Udvalget "A|B" <x> #1'
    text = generate_mermaid(chart)
    assert text.startswith('---\ntitle: "Organisering i KKR Syddanmark"\n---\n')
    assert "Udvalget #quot;A#124;B#quot; #lt;x#gt; #35;1" in text
    assert text.count("linkStyle") == len(chart.edges)


@pytest.mark.render
def test_cli_chart_writes_each_format_and_the_caption(runner, tmp_path):
    assert set(MAGIC) == set(FORMATS)
    for fmt in FORMATS:
        result = runner.invoke(app, ["chart", "rar", "RAR Bornholm", "--as-of", RAR_ERA, "-o", str(tmp_path / f"bornholm.{fmt}")])
        assert result.exit_code == 0, result.output
        assert (tmp_path / f"bornholm.{fmt}").read_bytes().startswith(MAGIC[fmt]), fmt
        assert "Kilde" in result.output
    result = runner.invoke(app, ["chart", "areas", "--as-of", RAR_ERA, "-o", str(tmp_path / "omr.pdf"), "--caption", "--json"])
    assert result.exit_code == 0, result.output
    caption = json.loads((tmp_path / "omr.json").read_text(encoding="utf-8"))
    assert caption["title"] == json.loads(result.stdout)["caption"]["title"] and (tmp_path / "omr.txt").read_text(encoding="utf-8").startswith(caption["title"])


def test_cli_chart_reports_errors(runner, tmp_path):
    bad = runner.invoke(app, ["chart", "region", "RAR Fyn", "--as-of", RAR_ERA, "-o", str(tmp_path / "x.svg")])
    assert bad.exit_code == 1 and "not a KKR" in bad.output
    bad = runner.invoke(app, ["chart", "region", "KKR Fyn", "-o", str(tmp_path / "x.txt")])
    assert bad.exit_code == 2 and "unknown chart format 'txt'" in bad.output
    assert not (tmp_path / "x.svg").exists() and not (tmp_path / "x.txt").exists()


def test_the_cli_offers_every_chart_kind():
    assert [k.value for k in ChartKind] == list(CHART_KINDS)


@pytest.mark.render
def test_report_holds_every_figure_with_caption_source_and_alt_text(graph, runner, tmp_path):
    from docx import Document

    out = tmp_path / "figurer.docx"
    result = runner.invoke(app, ["report", "--as-of", RAR_ERA, "-o", str(out)])
    assert result.exit_code == 0, result.output
    document = Document(io.BytesIO(out.read_bytes()))
    texts = [p.text for p in document.paragraphs]
    charts = all_charts(graph)
    for number, chart in enumerate(charts, 1):
        assert f"Figur {number}. {chart.title}" in texts
        assert chart.source_line in texts
    pictures = document.inline_shapes
    assert len(pictures) == len(charts)
    for picture, chart in zip(pictures, charts):
        assert abs(picture.width.cm - min(16.0, natural_size(chart)[0] / 72 * 2.54)) < 0.05
        assert picture._inline.docPr.get("descr") == chart.alt
    assert len(document.tables) == 1 and document.tables[0].rows[0].cells[1].text == "KKR Hovedstaden"


@pytest.mark.render
def test_report_opens_in_libreoffice(graph, tmp_path):
    """The report opens in LibreOffice, which turns it into a PDF with every figure."""
    import subprocess

    office = require_binary("soffice", "apt-get install libreoffice-writer-nogui")
    from orggraph.charts.report import write_report

    write_report(graph, tmp_path / "figurer.docx")
    done = subprocess.run([office, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "figurer.docx")],
                          capture_output=True, timeout=180, env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    pdf = (tmp_path / "figurer.pdf").read_bytes()
    assert pdf.count(b"/Subtype /Image") + pdf.count(b"/Subtype/Image") >= len(chart_keys(graph))


# --- exports/ ---------------------------------------------------------------------------


def test_exports_are_not_stale(graph):
    assert stale_charts(graph, EXPORTS / "charts") == [], "run: orggraph export all -o exports"


def test_a_data_change_makes_the_exports_stale(graph):
    changed = copy.deepcopy(graph)
    changed.graph.nodes["organ-sjaelland-jobforum"]["attrs"]["size"] = 18
    assert "region-kkr-sjaelland: the data or the drawing code changed since the export" in stale_charts(changed, EXPORTS / "charts")


def test_chart_keys_cover_the_overviews_and_one_chart_per_kkr_and_rar(graph):
    found = chart_keys(graph)
    nodes = data_counts()["nodes"]
    assert Counter(kind for kind, _ in found) == {"principmodel": 1, "areas": 1, "national": 1, "region": nodes["KKR"], "rar": nodes["RAR"]}
    assert (nodes["KKR"], nodes["RAR"]) == (5, 8)  # domain facts: five KKR (ref-facts, KL-KKR), eight RAR (ref-facts, LOV-2014 § 27)
    assert [ref for kind, ref in found if kind == "region"] == list(GEOGRAPHIC)
    assert [ref for kind, ref in found if kind == "rar"] == list(RAR_ORDER)


# --------------------------------------------------------------------------- the 2025 reform

COUNCIL_ERA = "2025-06-01"  # after the five regionale beskæftigelsesråd began on 2025-03-01 (ref-reform)


def test_the_rar_era_principle_model_is_unchanged_at_2022(graph):
    """KL's principle model (seed-003): the KKR nominates the municipal RAR members, an administrative body
    prepares its cases and serves them, the KKR secretariat serves the body, STAR's office is the RAR's
    secretariat. Servicing is BETJENER now; the figure is the same as before the vocabulary changed."""
    chart = build_chart(graph, "principmodel", as_of=RAR_ERA)
    assert sorted(chart.nodes) == ["body_secretariat", "kkr", "municipal_seats", "municipalities", "prepares", "rar",
                                   "rar_secretariat"]
    assert sorted((e.source, e.meaning, e.target) for e in chart.edges) == [
        ("body_secretariat", "sekretariat", "prepares"), ("kkr", "udpeger", "municipal_seats"),
        ("municipal_seats", "medlem", "rar"), ("prepares", "betjener", "municipal_seats"),
        ("prepares", "forbereder", "kkr"), ("rar_secretariat", "sekretariat", "rar")]
    assert chart.nodes["municipal_seats"].title == "5 kommunale RAR-medlemmer"


def test_a_council_era_national_chart_has_the_five_councils(graph):
    """ref-reform: five regionale beskæftigelsesråd replace the eight RAR from 2025-03-01, with the ministry as
    their secretariat; that KKR nominates their municipal members is unverified, so those arrows are dashed."""
    chart = build_chart(graph, "national", as_of=COUNCIL_ERA)
    councils = [n for n in chart.nodes.values() if n.kind == "Beskaeftigelsesraad"]
    assert len(councils) == 5 and not [n for n in chart.nodes.values() if n.kind == "RAR"]
    assert "beskæftigelsesråd" in chart.title and chart.key != "national"
    nominations = [e for e in chart.edges if e.meaning == "udpeger"]
    view = graph.as_of(COUNCIL_ERA)
    for edge in nominations:
        marks = {view.edge(k)["confidence"] for k in edge.evidence}
        assert edge.uncertain == (marks <= {"derived", "unverified"})
    secretariats = {n.cluster for n in councils}
    assert len(secretariats) == 1 and None not in secretariats
    assert view.graph.nodes[secretariats.pop()]["kind"] == "Organisation"  # the ministry, not an arbejdsmarkedskontor
    assert len(chart.footnotes) < 10  # the coverage's notes are said once, not per municipality


def test_a_council_chart_shows_its_seats_and_says_the_support_is_unknown(graph):
    council = next(n for n in graph.as_of(COUNCIL_ERA).node_ids("Beskaeftigelsesraad"))
    chart = build_chart(graph, "rar", council, as_of=COUNCIL_ERA)
    seats = sum(int(r[1]) for r in chart.nodes[council].table[1:])
    assert seats == 18  # ref-reform: 18 members each
    assert any(f.startswith("Ukendt: hvilke KKR-organer der betjener") for f in chart.footnotes)
    assert not [e for e in chart.edges if e.meaning == "betjener"]


@pytest.mark.parametrize("kind", ["principmodel", "areas"])
def test_the_principle_model_stops_in_the_council_era_with_one_line(graph, runner, tmp_path, kind):
    """KL's principle model describes how KKR bodies serve the RAR members; for the councils the sources say
    nothing, so the figure is not drawn with every role unknown: one line names the era and the --as-of."""
    with pytest.raises(OrgGraphError) as err:
        build_chart(graph, kind, as_of=COUNCIL_ERA)
    assert "RAR era" in str(err.value) and "--as-of 2025-02-28" in str(err.value)
    result = runner.invoke(app, ["chart", kind, "--as-of", COUNCIL_ERA, "-o", str(tmp_path / "x.svg")])
    assert result.exit_code == 1 and len(result.output.strip().splitlines()) == 1 and "--as-of 2025-02-28" in result.output
    assert not (tmp_path / "x.svg").exists()


def test_every_kind_and_relation_has_a_danish_label_and_a_look_of_its_own():
    from orggraph.charts.style import KIND_STYLE, LINES, MEANINGS, RELATION_MEANING
    from orggraph.model import KINDS, RELATIONS

    assert set(KIND_STYLE) == set(KINDS)
    assert len({s.fill for s in KIND_STYLE.values()}) == len(KIND_STYLE)  # no two kinds share a fill
    assert set(RELATION_MEANING) == set(RELATIONS)
    assert len(set(RELATION_MEANING.values())) == len(RELATION_MEANING)  # no two relations share words
    for meaning in RELATION_MEANING.values():
        da, en, line = MEANINGS[meaning]
        assert da and en and da != en or meaning == "under"
        assert line in LINES
    assert RELATION_MEANING["BETJENER"] == "betjener" and RELATION_MEANING["SEKRETARIATSBETJENER"] == "sekretariat"


def test_export_draws_the_rar_era_on_a_fixed_day_and_the_councils_on_their_first(graph):
    from orggraph.charts.build import RAR_ERA_DAY, export_keys

    keys = export_keys(graph)
    assert RAR_ERA_DAY == RAR_ERA
    assert [(k, r) for k, r, d in keys if d == RAR_ERA_DAY] == chart_keys(graph)
    councils = [d for k, r, d in keys if d != RAR_ERA_DAY]
    starts = sorted(graph.graph.nodes[c]["valid_from"] for c in graph.node_ids("Beskaeftigelsesraad"))
    assert councils == ([starts[0]] if starts else [])


def test_the_charts_on_a_council_era_day_are_the_areas_the_councils_and_the_country(graph):
    from orggraph.charts.build import chart_keys_on

    keys = chart_keys_on(graph, COUNCIL_ERA)
    councils = graph.as_of(COUNCIL_ERA).node_ids("Beskaeftigelsesraad")
    assert [r for k, r in keys if k == "rar"] and {r for k, r in keys if k == "rar"} == set(councils)
    assert ("principmodel", None) not in keys and ("areas", None) not in keys and keys[-1] == ("national", None)
    assert chart_keys_on(graph, RAR_ERA) == chart_keys(graph)


def test_a_body_whose_members_mirror_says_how_many_and_its_pre_meetings_once():
    """seed-003, Syddanmark: "hvoraf to af medlemmerne spejler de kommunale næstformænd i RAR", and the
    committee "holder formøder med de kommunale medlemmer" of both RAR: one line each in its box."""
    from orggraph import load

    chart = build_chart(load(), "region", "kkr-syddanmark", as_of="2022-01-01")
    details = chart.nodes["organ-syddanmark-embedsmandsudvalg"].details
    edges = data_records()["edges"]
    members = {e["from"] for e in edges if e["type"] == "MEDLEM_AF" and e["to"] == "organ-syddanmark-embedsmandsudvalg"}
    mirroring = {e["from"] for e in edges if e["type"] == "SPEJLER" and e["from"] in members}
    assert len(mirroring) == 2
    said = [d for d in details if "af medlemmerne spejler" in d]
    assert len(said) == 1 and said[0].startswith("to af medlemmerne spejler")
    assert "RAR Fyn" in said[0] and "RAR Sydjylland" in said[0]
    assert sum("holder formøder med" in d for d in details) == 1


def test_the_areas_figure_keeps_band_names_clear_of_boxes_and_arrow_words():
    """A band's name ("Politisk niveau") is printed at its top left: no box may cover it, and no
    arrow's words may be printed on it (both happened in the first panel of the areas figure)."""
    from orggraph import load
    from orggraph.charts.dot import _rect, box_height, edge_words, label_places, text_width, SMALL_PT, BANDS, LANGS, _WIDTH

    chart = build_chart(load(), "areas", None, as_of="2022-01-01")
    # every text measured alike: its width, and 1.25 times its size in height
    names = [(b.x0, b.y1 - SMALL_PT * 1.25, b.x0 + text_width(b.label or BANDS[b.band][LANGS.index(chart.lang)], SMALL_PT), b.y1)
             for b in chart.backgrounds if b.named]
    assert len(names) == 3  # political, administrative, state: named once, in the first panel
    boxes = [_rect(*n.pos, n.width or _WIDTH, box_height(n)) for n in chart.nodes.values()]
    words = [_rect(x, y, text_width(edge_words(chart, chart.edges[i]), SMALL_PT), SMALL_PT * 1.25)
             for i, (x, y) in label_places(chart).items()]

    def overlap(a, b):
        return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]

    assert not [(n, b) for n in names for b in boxes if overlap(n, b)]
    assert not [(n, w) for n in names for w in words if overlap(n, w)]

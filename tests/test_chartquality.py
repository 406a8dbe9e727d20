"""The chart quality instruments (``tests/chartquality.py``) on inputs whose answer is known.

Each instrument is tried on a small synthetic drawing or PDF where the right number can be
worked out by hand, so a broken instrument fails here rather than passing a bad chart. The
last test only prints today's numbers for every chart (``pytest -rP -k todays``): the
charts are being redesigned, and their thresholds belong to the chart tests.

Tests that need Graphviz's ``dot`` are marked ``render``; those that need pdfplumber, or
node with ``tests/js`` installed and chromium, fail in CI (``CI`` set) and skip elsewhere.
"""

import itertools
import math
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

import chartquality as cq
from conftest import require_binary, unavailable


def _pdf(dot_text: str) -> bytes:
    """``dot -Tpdf`` of ``dot_text``."""
    return subprocess.run(["dot", "-Tpdf"], input=dot_text.encode(), capture_output=True, check=True).stdout


@pytest.fixture(scope="module")
def pdfplumber():
    try:
        import pdfplumber
    except ImportError:
        unavailable("pdfplumber is not installed (pip install -e '.[test]')")
    return pdfplumber


@pytest.fixture(scope="module")
def mermaid():
    """What :func:`chartquality.mermaid_errors` needs: node, tests/js installed, chromium."""
    require_binary("node", "Node.js >= 20 and npm, then bash tests/js/install.sh")
    if not (cq.JS_DIR / "node_modules" / "@mermaid-js" / "mermaid-cli").is_dir():
        unavailable("tests/js is not installed (bash tests/js/install.sh)")
    browser = os.environ.get("PUPPETEER_EXECUTABLE_PATH") or "/usr/bin/chromium"
    if not Path(browser).exists() and not shutil.which(browser):
        unavailable(f"no chromium at {browser} (apt-get install chromium)")
    return cq.mermaid_errors


def pinned(nodes: dict[str, tuple[float, float]], edges: str, extra: str = "") -> str:
    """A neato graph with every box pinned at ``nodes`` (pt) and straight edges: its crossings are certain."""
    boxes = " ".join(f'{name} [pos="{x},{y}!"];' for name, (x, y) in nodes.items())
    return ('digraph { layout=neato; inputscale=72; splines=line; '
            f'node [shape=box, width=0.3, height=0.3, fixedsize=true, label=""]; {extra} {boxes} {edges} }}')


SQUARE = {"a": (0, 0), "b": (200, 200), "c": (0, 200), "d": (200, 0)}


# --------------------------------------------------------------------------- crossings

@pytest.mark.render
@pytest.mark.parametrize("edges, expected", [
    ("a -> b; c -> d;", 1),                    # an X
    ("c -> b; a -> d;", 0),                    # two parallel edges
    ("a -> b; a -> c; a -> d;", 0),            # a fan: they share their start, they do not cross
    ("a -> b; c -> d [style=invis];", 0),      # an invisible edge is not drawn
    ("a -> b; c -> d; b -> a;", 2),            # two edges on one line both cross the other
])
def test_crossings_of_pinned_drawings(edges, expected):
    assert len(cq.crossings(cq.layout(pinned(SQUARE, edges)))) == expected


@pytest.mark.render
def test_the_crossing_is_where_the_lines_meet():
    graph = cq.layout(pinned(SQUARE, "a -> b; c -> d;"))
    centres = [tuple(map(float, o["pos"].split(","))) for o in graph["objects"]]
    middle = (sum(x for x, _ in centres) / 4, sum(y for _, y in centres) / 4)
    [point] = cq.crossings(graph)
    assert math.dist(point, middle) < 0.5


@pytest.mark.render
def test_k33_two_rows_has_nine_crossings():
    """K3,3 drawn in two rows crosses once for every pair of edges whose ends are in opposite
    order: 3 x 3 = 9. The positions keep the nine points at least 44 pt apart and 70 pt from the rows."""
    top, bottom = (0, 160, 390), (70, 190, 390)
    nodes = {f"t{i}": (x, 300) for i, x in enumerate(top)} | {f"b{i}": (x, 0) for i, x in enumerate(bottom)}
    edges = " ".join(f"t{i} -> b{j};" for i in range(3) for j in range(3))
    points = cq.crossings(cq.layout(pinned(nodes, edges)))
    assert len(points) == 9
    assert min(math.dist(p, q) for p, q in itertools.combinations(points, 2)) > 40


@pytest.mark.render
def test_three_edges_through_one_point_count_once():
    """Appendix B merges points closer than 6 pt: three diameters of a hexagon are one crossing."""
    corners = {f"n{i}": (200 + 150 * math.cos(i * math.pi / 3), 200 + 150 * math.sin(i * math.pi / 3)) for i in range(6)}
    assert len(cq.crossings(cq.layout(pinned(corners, "n0 -> n3; n1 -> n4; n2 -> n5;")))) == 1


@pytest.mark.render
def test_a_crossing_next_to_a_shared_box_is_not_counted():
    """b -> a and c -> a meet at a; drawn as curves they may cross just outside a's box. That is a
    common end, not a crossing, when it lies within 15 pt of a's box; farther away it counts."""
    graph = cq.layout(pinned({"a": (0, 0), "b": (-100, 200), "c": (100, 200)}, "b -> a; c -> a;"))
    b_to_a, c_to_a = graph["edges"]
    ax, ay = map(float, graph["objects"][0]["pos"].split(","))
    # Bend both edges into an X just above a's box (top at ay + 10.8): crossing 6 pt above it.
    b_to_a["pos"] = f"{ax - 40},{ay + 40} {ax - 20},{ay + 30} {ax + 10},{ay + 10.8} {ax + 20},{ay + 5}"
    c_to_a["pos"] = f"{ax + 40},{ay + 40} {ax + 20},{ay + 30} {ax - 10},{ay + 10.8} {ax - 20},{ay + 5}"
    assert cq.crossings(graph) == []
    assert len(cq.crossings(graph, shared_margin=0)) == 1


@pytest.mark.render
def test_edges_in_the_legend_are_left_out():
    legend = 'subgraph cluster_legend { la [pos="400,0!"]; lb [pos="500,100!"]; lc [pos="400,100!"]; ld [pos="500,0!"]; la -> lb; lc -> ld; }'
    graph = cq.layout(pinned(SQUARE, "a -> c;", extra=legend))
    assert cq.crossings(graph) == []
    assert len(cq.crossings(cq.layout(pinned(SQUARE, "a -> c;", extra=legend.replace("cluster_legend", "cluster_other"))))) == 1


@pytest.mark.render
def test_an_edge_without_pos_is_a_straight_line_between_its_boxes():
    graph = cq.layout(pinned(SQUARE, "a -> b; c -> d;"))
    for edge in graph["edges"]:
        del edge["pos"]
    [line] = cq.edge_polylines(graph)[0]["lines"]
    assert len(line) == 2
    assert len(cq.crossings(graph)) == 1


@pytest.mark.render
def test_edge_polylines_leave_out_loops_and_invisible_edges():
    graph = cq.layout(pinned(SQUARE, "a -> b; a -> a; c -> d [style=invis]; c -> d [style=\"dashed,invis\"];"))
    assert [(e["tail"], e["head"]) for e in cq.edge_polylines(graph)] == [("a", "b")]
    [line] = cq.edge_polylines(graph)[0]["lines"]
    assert len(line) == 1 + cq.SAMPLES_PER_CUBIC + 1  # one cubic sampled, and the arrow's tip


@pytest.mark.render
def test_splines_none_draws_no_edges():
    graph = cq.layout(pinned(SQUARE, "a -> b; c -> d;", extra="splines=none;"))
    assert not any("pos" in e for e in graph["edges"])
    assert cq.crossings(graph) == []


@pytest.mark.render
def test_a_dot_layout_is_laid_out_by_dot():
    """Without ``layout=neato`` the text is laid out by dot: ranks top to bottom."""
    graph = cq.layout("digraph { a -> b; a -> c; b -> d; c -> d }")
    y = {o["name"]: float(o["pos"].split(",")[1]) for o in graph["objects"]}
    assert y["a"] > y["b"] == y["c"] > y["d"]
    assert cq.crossings(graph) == []


def test_layout_reports_graphviz_errors():
    if shutil.which("dot") is None:
        with pytest.raises(FileNotFoundError):
            cq.layout("digraph { a }")
        return
    with pytest.raises(RuntimeError, match="dot -Tjson failed"):
        cq.layout("digraph { a -> }")


# --------------------------------------------------------------------------- PDF text

SIZES = 'digraph { node [shape=box]; a [label="Boks ni", fontsize=9]; b [label="Fodnote", fontsize=7.5]; a -> b [label="kant", fontsize=8]; }'


@pytest.mark.render
def test_text_sizes_of_a_known_pdf(pdfplumber):
    pdf = _pdf(SIZES)
    sizes = cq.text_sizes(pdf)
    assert set(sizes) == {9.0, 7.5, 8.0}
    assert sizes.count(7.5) == len("Fodnote")
    assert cq.smallest_fitted_text(pdf) == 7.5  # a small page is placed at 100 %, not enlarged


@pytest.mark.render
def test_page_size_is_the_drawing_plus_its_padding(pdfplumber):
    _, _, width, height = map(float, cq.layout(SIZES)["bb"].split(","))
    page = cq.page_size(_pdf(SIZES))
    # pad=4 pt, and Graphviz's PDF device adds a margin of 36 pt on each side (graph attribute margin)
    assert page == pytest.approx((width + 8 + 72, height + 8 + 72), abs=1)
    assert cq.page_size(_pdf(SIZES.replace("digraph {", "digraph { margin=0;"))) == pytest.approx((width + 8, height + 8), abs=1)


@pytest.mark.render
def test_size_scaling_shrinks_the_text(pdfplumber):
    """``size="0.8,0.8"`` fits the drawing into 57.6 x 57.6 pt: every size shrinks by the same factor."""
    _, _, width, height = map(float, cq.layout(SIZES)["bb"].split(","))
    scaled = cq.text_sizes(_pdf(SIZES.replace("digraph {", 'digraph { size="0.8,0.8";')))
    factor = max(scaled) / 9
    assert factor == pytest.approx(57.6 / (max(width, height) + 8), rel=0.02)  # the drawing with its 4 pt pad
    assert factor < 0.6
    assert sorted(set(scaled)) == pytest.approx([7.5 * factor, 8 * factor, 9 * factor], abs=0.015)


@pytest.mark.render
def test_rotated_text_keeps_its_size(pdfplumber):
    """``rotate=90`` turns the drawing; pdfminer's own ``size`` would then give the glyphs' widths."""
    pdf = _pdf(SIZES.replace("digraph {", "digraph { rotate=90;"))
    assert set(cq.text_sizes(pdf)) == {9.0, 7.5, 8.0}
    width, height = cq.page_size(pdf)
    assert width > height


@pytest.mark.render
def test_smallest_fitted_text_in_a_column(pdfplumber):
    """A drawing 2 x 453 pt wide is halved in the portrait column; the landscape section takes more."""
    row = " ".join(f'n{i} [label="Kommune {i}", fontsize=10];' for i in range(14))
    pdf = _pdf(f'digraph {{ rankdir=LR; node [shape=box]; edge [style=invis]; {row} '
               + " -> ".join(f"n{i}" for i in range(14)) + " }")
    width, height = cq.page_size(pdf)
    assert width > 453 * 1.5
    assert cq.smallest_fitted_text(pdf) == pytest.approx(10 * 453 / width, abs=0.01)
    assert cq.smallest_fitted_text(pdf, cq.LANDSCAPE) == pytest.approx(10 * min(1, 700 / width), abs=0.01)
    assert cq.smallest_fitted_text(pdf, column=(10_000, 10_000)) == 10


@pytest.mark.render
def test_a_pdf_without_text(pdfplumber):
    pdf = _pdf('digraph { a [label="", shape=point] }')
    assert cq.text_sizes(pdf) == []
    assert cq.smallest_fitted_text(pdf) == math.inf


# --------------------------------------------------------------------------- legend, labels, words

@pytest.mark.render
def test_legend_share():
    body = "a -> b -> c -> d;"
    legend = 'subgraph cluster_legend { label="Signaturforklaring"; l1 -> l2; }'
    with_legend = cq.layout(f"digraph {{ {body} {legend} d -> l1 [style=invis]; }}")
    _, gy0, _, gy1 = map(float, with_legend["bb"].split(","))
    [cluster] = [o for o in with_legend["objects"] if o.get("name") == "cluster_legend"]
    _, ly0, _, ly1 = map(float, cluster["bb"].split(","))
    assert cq.legend_share(with_legend) == pytest.approx((ly1 - ly0) / (gy1 - gy0))
    assert 0.25 < cq.legend_share(with_legend) < 0.5  # 2 of 6 ranks, plus the legend's label
    assert cq.legend_share(cq.layout(f"digraph {{ {body} }}")) == 0
    assert cq.legend_share(cq.layout("digraph { subgraph cluster_legend { l1 } }")) > 0.7  # the cluster's margin is outside it


@pytest.mark.render
def test_labels_are_the_drawn_text():
    dot = ('digraph { label="Figurens titel"; '
           'subgraph cluster_band { label="Politisk niveau"; k [label=<<b>KKR</b> Fyn<br/><i>5 &amp; 6 pladser</i>>, xlabel="note"]; } '
           'r [shape=box, label="RAR Fyn", tooltip="tooltip text"]; '
           'skjult [style=invis, label="seed-001"]; '
           'k -> r [label="udpeger", headlabel="5", taillabel="KKR-medlemmer"]; '
           'k -> skjult [style=invis, label="ref-x"]; }')
    texts = cq.labels(dot)
    assert "Figurens titel" in texts and "Politisk niveau" in texts and "RAR Fyn" in texts
    assert "KKR Fyn\n5 & 6 pladser\nnote" in texts or "note\nKKR Fyn\n5 & 6 pladser" in texts
    assert "udpeger\n5\nKKR-medlemmer" in texts
    assert not any("<" in t or "tooltip" in t or "seed-" in t or "ref-" in t for t in texts)
    assert cq.labels(cq.layout(dot)) == texts


def test_english_words():
    assert cq.english_words(["Kommunale pladser i RAR Fyn", "Stand pr. 1. januar 2022"]) == []
    assert cq.english_words(["Sources: the KL note", "Facts from the backbone"]) == ["sources", "the", "facts", "from", "backbone"]
    assert cq.english_words(["Public Board"], allow=["board"]) == ["public"]
    assert cq.english_words(["Sekretariat for RAR", "secretariat"]) == ["secretariat"]


def test_english_words_are_matchable_and_not_danish():
    """Every listed word is one run of lower-case letters (else it could never match), and none
    of these common Danish words is listed."""
    assert all(w.isalpha() and w.islower() for w in cq.ENGLISH_WORDS)
    danish = ("i at for til to under over by man den det is have land hand bad fast kind art tag mens som "
              "per vice region regional national administrative job center forum team plus status og af fra med "
              "kommune kommuner medlem medlemmer pladser udpeger understøtter sekretariat styregruppe direktørkreds "
              "arbejdsmarkedskontor beskæftigelse politisk administrativt niveau staten kilde kilder stand").split()
    assert not set(danish) & cq.ENGLISH_WORDS


def test_internal_ids():
    assert cq.internal_ids(["Kilde: seed-003 og seed-004, s. 2", "(ref-kl-notat-2015)"]) == ["seed-003", "seed-004", "ref-kl-notat-2015"]
    assert cq.internal_ids(["Reference-rammen", "ref-", "preseed-1", "RAR Fyn"]) == []


# --------------------------------------------------------------------------- dashed edges

@pytest.mark.render
def test_dashed_edges_and_undashed():
    dot = ('digraph { '
           'a -> b [id="edge-0", comment="a:UNDER:b", style=dashed, class="uncertain", label="nedsat af *"]; '
           'a -> c [id="edge-1", comment="a:UNDERSTOETTER:c", style=solid, tooltip="a understøtter c"]; '
           'c -> b [id="edge-2", comment="c:UNDER:b d:UNDER:b", style="dotted"]; '
           'a -> d [id="edge-3", comment="a:UDPEGER:d d:X:a", style="bold,dashed"]; '
           'a -> e [style=invis, comment="a:X:e"]; '
           'subgraph cluster_legend { l1 -> l2 [comment="a:UNDER:b"]; } }')
    drawn = cq.dashed_edges(cq.layout(dot))  # in Graphviz's order: by tail
    by_id = {e["id"]: e for e in drawn}
    assert {i: e["dashed"] for i, e in by_id.items()} == {"edge-0": True, "edge-1": False, "edge-2": False, "edge-3": True}
    assert by_id["edge-0"]["evidence"] == ["a:UNDER:b"] and by_id["edge-0"]["class"] == "uncertain"
    assert by_id["edge-0"]["label"] == "nedsat af *"
    assert by_id["edge-1"]["tooltip"] == "a understøtter c" and (by_id["edge-1"]["tail"], by_id["edge-1"]["head"]) == ("a", "c")
    assert by_id["edge-2"]["evidence"] == ["c:UNDER:b", "d:UNDER:b"]
    uncertain = {"a:UNDER:b", "a:UNDERSTOETTER:c", "c:UNDER:b", "a:UDPEGER:d"}
    assert [e["id"] for e in cq.undashed(drawn, uncertain)] == ["edge-1"]  # edge-2 has one stated edge behind it
    assert sorted(e["id"] for e in cq.undashed(drawn, uncertain, every=False)) == ["edge-1", "edge-2"]
    assert cq.undashed(drawn, set()) == []


# --------------------------------------------------------------------------- Mermaid

VALID = "flowchart TB\n  kkr[\"KKR Fyn\"] -->|udpeger| rar[\"RAR Fyn\"]\n"


def test_mermaid_valid_and_broken_diagrams(mermaid):
    errors = mermaid({
        "valid": VALID,
        "quoted title": '---\ntitle: "RAR Fyn: sammensætning"\n---\n' + VALID,
        "unquoted title": "---\ntitle: RAR Fyn: x\n---\n" + VALID,  # the bug issue 13 names
        "syntax": "flowchart TB\n  a --> b -->\n",
        "unknown diagram": "orgchart\n  a\n",
    })
    assert list(errors) == ["unquoted title", "syntax", "unknown diagram"]
    assert "YAML" in errors["unquoted title"] and "1:15" in errors["unquoted title"]
    assert "Parse error" in errors["syntax"]
    assert mermaid({}) == {}


# --------------------------------------------------------------------------- today's charts

@pytest.mark.render
def test_todays_charts_report(graph, pdfplumber, capsys):
    """Informational: today's numbers for every chart, printed (``pytest -rP -k todays``).

    It asserts only that every instrument returns a number, because the charts are being
    redesigned; the gates themselves (text >= 7 pt fitted, crossings within each chart's
    target, legend share, dashed uncertain edges, Mermaid that renders) belong in the chart
    tests once the new charts land.
    """
    from orggraph.charts.build import build_chart, export_keys
    from orggraph.charts.dot import generate_dot
    from orggraph.charts.mermaid import generate_mermaid
    from orggraph.charts.render import chart_bytes

    uncertain = {r["id"] for r in graph.edge_records() if r["confidence"] in cq.UNCERTAIN}
    rows, diagrams = [], {}
    for kind, ref, day in export_keys(graph):
        chart = build_chart(graph, kind, ref, as_of=day)
        shape = cq.layout(generate_dot(chart))
        pdf = chart_bytes(chart, "pdf")
        texts = cq.labels(shape)
        drawn = cq.dashed_edges(shape)
        column = cq.LANDSCAPE if getattr(chart, "page", "portrait") == "landscape" else cq.PORTRAIT
        row = {"chart": chart.key, "crossings": len(cq.crossings(shape)), "edges": len(cq.edge_polylines(shape)),
               "fitted_portrait": cq.smallest_fitted_text(pdf), "fitted_own_page": cq.smallest_fitted_text(pdf, column),
               "page": tuple(round(v) for v in cq.page_size(pdf)), "legend": round(cq.legend_share(shape), 2),
               "ids": len(cq.internal_ids(texts)), "english": cq.english_words(texts),
               "undashed": len(cq.undashed(drawn, uncertain)), "with_evidence": sum(bool(e["evidence"]) for e in drawn)}
        rows.append(row)
        diagrams[chart.key] = generate_mermaid(chart)
        assert isinstance(row["crossings"], int) and row["fitted_portrait"] > 0 and 0 <= row["legend"] <= 1
    print(f"{'chart':28} {'cross':>5} {'edges':>5} {'fit16cm':>7} {'fitpage':>7} {'page pt':>11} {'legend':>6} "
          f"{'ids':>3} {'undashed':>8}  english")
    for r in rows:
        print(f"{r['chart']:28} {r['crossings']:5} {r['edges']:5} {r['fitted_portrait']:7.2f} {r['fitted_own_page']:7.2f} "
              f"{'x'.join(map(str, r['page'])):>11} {r['legend']:6.2f} {r['ids']:3} {r['undashed']:3}/{r['with_evidence']:<4}  "
              f"{' '.join(r['english'][:8])}")
    if shutil.which("node") and (cq.JS_DIR / "node_modules").is_dir() and Path("/usr/bin/chromium").exists():
        start = time.perf_counter()
        errors = cq.mermaid_errors(diagrams)
        print(f"mermaid: {len(diagrams)} diagrams rendered in {time.perf_counter() - start:.1f} s; "
              f"{len(diagrams) - len(errors)} render, failing: {sorted(errors) or 'none'}")
        for name, message in errors.items():
            print(f"  {name}: {' | '.join(message.splitlines()[:3])}")

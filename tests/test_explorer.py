"""The explorer (issue 19): one offline HTML page. The Python side is checked here directly; the
page is checked in a real browser (Debian's chromium through Selenium and chromium-driver),
which fails in CI without them and skips elsewhere.

The answers the page shows must be the library's: the browser tests rebuild who-supports,
mirrors and search in the page and compare them with :mod:`orggraph.queries.support` and
:meth:`OrgGraph.find`, value for value.
"""

import json
import re
from pathlib import Path

import pytest

from orggraph.cli import app
from orggraph.explorer import change_dates, explorer_data, generate_explorer, period_dates
from orggraph.regenerate import EXPLORER_FILE, stale_explorer
from orggraph.queries.appointments import mirrors
from orggraph.queries.support import who_supports

from browser import requested_urls, screenshot_dir, start_chromium, stop_chromium

ROOT = Path(__file__).resolve().parents[1]
EXPORTS = ROOT / "exports" / "explorer"
STATIC = ROOT / "orggraph" / "explorer" / "static"


# -- the page as bytes --------------------------------------------------------------------------
def test_the_page_is_deterministic_and_self_contained(graph):
    page = generate_explorer(graph)
    assert page == generate_explorer(graph)
    text = page.decode("utf-8")
    # nothing is loaded from anywhere: no src or href to another file, no import, no fetch
    assert not re.search(r"""<(script|link|img|iframe)[^>]+(src|href)=""", text)
    assert "fetch(" not in text.split('id="og-data"')[0].split("<script>")[-1]
    assert "default-src 'none'" in text  # and the Content-Security-Policy forbids it anyway
    assert text.count("</script>") == 3  # cytoscape, the data, the page's script: none closed early


def test_the_vendored_library_ships_with_its_licence_and_version():
    versions = (STATIC / "VERSIONS").read_text(encoding="utf-8")
    assert "cytoscape 3.34.4" in versions
    assert "Permission is hereby granted" in (STATIC / "cytoscape.LICENSE").read_text(encoding="utf-8")
    import hashlib

    sha = hashlib.sha256((STATIC / "cytoscape.min.js").read_bytes()).hexdigest()
    assert sha in versions


def test_periods_follow_the_change_dates(graph):
    days = change_dates(graph)
    assert days[-1] == graph.latest_change()
    assert "2016-11-02" in days and "2018-04-30" in days  # Viborg leaves RAR Vestjylland, joins RAR Østjylland
    assert period_dates(graph) == ["2014-12-31", *days]


def test_the_embedded_answers_are_the_librarys(graph):
    """Every node on the first, a middle and the last period (the browser test below takes the others)."""
    data = explorer_data(graph)
    for p, day in enumerate(data["periods"]):
        if p not in (0, 3, len(data["periods"]) - 1):
            continue
        view = graph.as_of(day)
        for node_id in graph.graph.nodes:
            index = data["support"][node_id][p]
            if node_id not in view.graph:
                assert index == -1
                continue
            expected = who_supports(graph, node_id, day)["supporters"]
            got = data["answers"][index]
            assert [[s["supporter"]["id"], s["type"], s["supports"]["id"], s["reaches"], s["direct"],
                     [h["edge"] for h in s["path"]], s["via"]] for s in expected] == got, (node_id, day)
            assert [m["edge"] for m in mirrors(graph, node_id, day)["mirrors"]] == data["answers"][data["mirrors"][node_id][p]]


def test_explore_command_writes_the_page(runner, tmp_path):
    out = tmp_path / "x.html"
    result = runner.invoke(app, ["explore", "-o", str(out), "--lang", "en", "--as-of", "2016-06-01", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == {"written": [str(out)], "as_of": "2016-06-01"}
    text = out.read_text(encoding="utf-8")
    assert '<html lang="en">' in text and '"as_of":"2016-06-01"' in text


def test_explore_refuses_a_file_that_is_not_html(runner, tmp_path):
    result = runner.invoke(app, ["explore", "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code == 2
    assert not (tmp_path / "x.pdf").exists()


def test_the_explorer_in_exports_is_not_stale(graph):
    assert stale_explorer(graph, EXPORTS) == [], "run: orggraph export all -o exports (or export explorer -o exports/explorer)"


# -- the page in a browser --------------------------------------------------------------------------
@pytest.fixture(scope="module")
def pages(graph, tmp_path_factory):
    folder = tmp_path_factory.mktemp("explorer")
    (folder / "da.html").write_bytes(generate_explorer(graph, charts_url="../charts/"))
    (folder / "en.html").write_bytes(generate_explorer(graph, lang="en"))
    return folder


@pytest.fixture(scope="module")
def browser():
    driver, profile = start_chromium()
    yield driver
    stop_chromium(driver, profile)


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    return screenshot_dir(tmp_path_factory.mktemp("screenshots"))


def _open(driver, path: Path, hash_: str = ""):
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get("about:blank")
    driver.get(path.as_uri() + hash_)
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return !!(window.OG && window.OG.ready)"))


def _details(driver) -> str:
    return driver.find_element("id", "details").text


def _search_and_open(driver, text: str, result_text: str | None = None):
    from selenium.webdriver.common.by import By

    box = driver.find_element(By.ID, "search")
    box.clear()
    box.send_keys(text)
    buttons = driver.find_elements(By.CSS_SELECTOR, "#results button")
    chosen = [b for b in buttons if result_text is None or result_text in b.text]
    assert chosen, [b.text for b in buttons]
    chosen[0].click()


def _set_date(driver, day: str):
    driver.execute_script("OG.setDay(arguments[0])", day)


def test_page_loads_without_errors_or_network(browser, pages, shots):
    browser.get_log("browser"), browser.get_log("performance")  # empty both logs
    _open(browser, pages / "da.html")
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []
    urls = requested_urls(browser)
    page = (pages / "da.html").as_uri()
    assert [u for u in urls if not (u.startswith(("data:", "blob:", "about:")) or u.split("#")[0] == page)] == []
    assert browser.find_element("id", "search").get_attribute("type") == "search"
    assert browser.execute_script("return document.documentElement.lang") == "da"
    assert "Søg" in browser.find_element("tag name", "header").text
    browser.save_screenshot(str(shots / "explorer-start.png"))


def test_page_works_with_the_network_off(browser, pages):
    browser.execute_cdp_cmd("Network.enable", {})
    browser.execute_cdp_cmd("Network.emulateNetworkConditions",
                            {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
    try:
        _open(browser, pages / "da.html", "#id=rar-fyn&date=2019-01-01")
        assert "Arbejdsmarkedskontor Syd" in browser.find_element("id", "who-supports").text
        assert browser.execute_script("return OG.cy.nodes('.node').length") > 100
    finally:
        browser.execute_cdp_cmd("Network.emulateNetworkConditions",
                                {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})


def test_search_opens_koordinationsgruppen_with_its_quote(browser, pages, shots):
    _open(browser, pages / "da.html", "#date=2019-01-01")  # in the RAR era, when it serves the RAR members
    _search_and_open(browser, "Koordinationsgruppen")
    text = _details(browser)
    assert "Koordinationsgruppen (KKR Hovedstaden)" in text
    assert "10 jobcenterchefer" in text
    assert "Under udvalget er der nedsat en koordinationsgruppe bestående af en arbejdsmarkedsdirektør og 10 jobcenterchefer." in text
    assert "udledt" in text  # its relation to the municipal seats is derived, and says so
    browser.save_screenshot(str(shots / "explorer-koordinationsgruppen.png"))


def test_search_matches_the_cli(browser, pages, graph):
    _open(browser, pages / "da.html")
    queries = ["aalborg", "AALBORG", "Koordinationsgruppen", "koordinationsgruppen", "direktoerkredsen", "Direktørkredsen",
               "aabenraa", "Åbenrå", "rar", "RAR  Fyn", "ae", "oe", "aa", "kkr-", "næstformand", "naestformand", "é",
               "  sjælland ", "STAR", "fh", "lo", "xyz-none", "ø", "Høje-Taastrup", "hoeje taastrup", "frikommune"]
    for day in ("2016-06-01", "2019-01-01", None):
        got = browser.execute_script("return arguments[0].map(q => OG.find(q, arguments[1]))", queries, day)
        want = [graph.as_of(day).find(q) for q in queries]
        assert got == want, day


def test_fold_is_the_librarys(browser, pages):
    from orggraph.text import fold_name

    _open(browser, pages / "da.html")
    words = ["Åbenrå", "DIREKTØRKREDSEN", "Næstved\tKommune", "  a   b ", "Straße", "Café", "ÆØÅ æøå", "İstanbul", "ﬁnans"]
    assert browser.execute_script("return arguments[0].map(OG.fold)", words) == [fold_name(w) for w in words]


def test_who_supports_in_the_page_equals_the_library(browser, pages, graph):
    _open(browser, pages / "da.html")
    targets = [n for n in graph.node_ids() if graph.graph.nodes[n]["kind"] in ("RAR", "KKR", "Organ", "Sekretariat", "Post")]
    days = [*period_dates(graph), "2016-06-01", "2099-01-01"]
    got = browser.execute_script(
        "return arguments[1].map(d => arguments[0].map(t => [OG.whoSupports(t, d), OG.mirrors(t, d)]))", targets, days)
    for day, row in zip(days, got):
        view = graph.as_of(day)
        for target, (support, mirrored) in zip(targets, row):
            if target not in view.graph:
                assert support is None and mirrored is None
                continue
            assert support == who_supports(graph, target, day), (target, day)
            assert mirrored == mirrors(graph, target, day), (target, day)


def test_who_supports_the_vice_chair_of_rar_fyn(browser, pages, shots):
    _open(browser, pages / "da.html", "#date=2019-01-01")
    _search_and_open(browser, "næstformand i RAR Fyn", "Kommunal næstformand i RAR Fyn")
    section = browser.find_element("id", "who-supports").text
    assert "Hvem understøtter Kommunal næstformand i RAR Fyn" in section
    supporters = browser.find_element("css selector", "#who-supports ol.support").text
    assert "Arbejdsmarkedskontor Syd" in supporters  # the office serves the whole council
    # a vice-chair held by a municipal member is a municipal member, so the embedsmandsudvalg
    # that serves the municipal members supports the vice-chair (who_supports, issue 15)
    assert "Embedsmandsudvalget i KKR Syddanmark" in supporters
    browser.save_screenshot(str(shots / "explorer-who-supports.png"))


def _covered_by(driver) -> list[str]:
    """The RARs the details panel says cover the node: the 'dækker ←' relations' other ends."""
    items = driver.find_elements("css selector", "#rels-in > li")
    return [li.find_element("css selector", "button").text for li in items if li.text.startswith("dækker")]


def test_the_date_moves_viborg(browser, pages, shots):
    _open(browser, pages / "da.html")
    _search_and_open(browser, "Viborg", "Viborg Kommune")
    _set_date(browser, "2016-06-01")
    assert _covered_by(browser) == ["RAR Vestjylland"]
    assert "date=2016-06-01" in browser.current_url
    browser.save_screenshot(str(shots / "explorer-viborg-2016.png"))
    _set_date(browser, "2019-01-01")
    assert _covered_by(browser) == ["RAR Østjylland"]
    browser.save_screenshot(str(shots / "explorer-viborg-2019.png"))


def test_the_date_input_is_a_control_a_user_can_set(browser, pages):
    from selenium.webdriver.common.by import By

    _open(browser, pages / "da.html", "#id=kommune-791")
    browser.execute_script("""const d = document.getElementById('date'); d.value = '2016-06-01';
                              d.dispatchEvent(new Event('change'));""")
    assert _covered_by(browser) == ["RAR Vestjylland"]
    options = [o.get_attribute("value") for o in browser.find_elements(By.CSS_SELECTOR, "#changes option")]
    assert "2019-01-01" in options and "2016-11-02" in options


def _relations(driver, side: str) -> list[tuple[str, str]]:
    """``(relation label, other end's name)`` of each relation in the details panel, in order."""
    from orggraph.model import RELATIONS

    labels = sorted({r.label for r in RELATIONS.values()}, key=len, reverse=True)  # "har opgaven" before "har"
    items = driver.find_elements("css selector", f"#rels-{side} > li")
    return [(next(label for label in labels if li.text.startswith(label + " ")), li.find_element("css selector", "button").text)
            for li in items]


@pytest.mark.parametrize("ref, day", [("post-rar-fyn-fh", "2018-06-01"), ("post-rar-fyn-fh", "2019-06-01"),
                                      ("kommune-791", "2016-06-01"), ("rar-vestjylland", "2019-01-01"), ("org-fh", "2019-06-01")])
def test_relations_in_words_are_orggraph_show(browser, pages, graph, ref, day):
    from orggraph.model import RELATIONS
    from orggraph.queries.lookup import show

    _open(browser, pages / "da.html", f"#id={ref}&date={day}")
    want = show(graph, ref, day)
    for side, key in (("out", "target"), ("in", "source")):
        assert _relations(browser, side) == [(RELATIONS[e["type"]].label, e[key]["name"]) for e in want[side]], side


def test_lo_ftf_become_fh(browser, pages, graph):
    _open(browser, pages / "da.html", "#id=post-rar-fyn-fh&date=2018-06-01")
    appointed = [name for label, name in _relations(browser, "in") if label == "udpeger"]
    assert "FH" not in appointed and {"LO", "FTF"} <= set(appointed)
    _open(browser, pages / "da.html", "#id=post-rar-fyn-fh&date=2019-06-01")
    assert [name for label, name in _relations(browser, "in") if label == "udpeger"] == ["FH"]


def test_a_deep_link_reopens_the_same_view(browser, pages):
    _open(browser, pages / "da.html")
    _search_and_open(browser, "Koordinationsgruppen")
    _set_date(browser, "2016-06-01")
    url = browser.current_url
    assert "id=organ-hovedstaden-koordinationsgruppe" in url and "date=2016-06-01" in url
    text = _details(browser)
    browser.get("about:blank")
    browser.get(url)
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, 10).until(lambda d: d.execute_script("return !!(window.OG && window.OG.ready)"))
    assert _details(browser) == text
    assert browser.find_element("id", "date").get_attribute("value") == "2016-06-01"


def test_the_comparison_links_each_cell_to_its_evidence(browser, pages, shots, graph):
    from selenium.webdriver.common.by import By

    from orggraph.compare import compare

    _open(browser, pages / "da.html")
    browser.find_element(By.ID, "v-compare").click()
    cells = browser.find_elements(By.CSS_SELECTOR, "#compare td button")
    from orggraph.charts.build import RAR_ERA_DAY

    matrix = compare(graph, as_of=RAR_ERA_DAY)  # a page written without a date compares on the RAR-era figures' day
    assert len(cells) == len(matrix["features"]) * len(matrix["regions"])
    assert RAR_ERA_DAY in browser.find_element(By.ID, "compare-note").text
    cell = browser.find_element(By.CSS_SELECTOR, '#compare button[data-feature="serves_members.kind"][data-region="kkr-nordjylland"]')
    assert cell.text == "stab: én kommunes medarbejder (Aalborg Kommune)"
    cell.click()
    evidence = browser.find_element(By.ID, "evidence").text
    row = next(f for f in matrix["features"] if f["feature"] == "serves_members.kind")
    for item in row["evidence"]["kkr-nordjylland"]:
        for source in item["sources"]:
            assert source["quote"] in evidence
    browser.save_screenshot(str(shots / "explorer-compare.png"))


def test_chart_links_point_at_the_exported_charts(browser, pages):
    from selenium.webdriver.common.by import By

    _open(browser, pages / "da.html", "#id=rar-fyn")
    links = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, ".chartlinks a")]
    assert [h.rsplit("/", 2)[-2:] for h in links] == [["charts", "rar-fyn.svg"], ["charts", "region-kkr-syddanmark.svg"]]
    for href in links:
        assert (ROOT / "exports" / "charts" / href.rsplit("/", 1)[-1]).is_file()


def test_keyboard_alone_with_visible_focus(browser, pages, shots):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    _open(browser, pages / "da.html")
    browser.find_element(By.TAG_NAME, "body").send_keys("/")
    active = browser.switch_to.active_element
    assert active.get_attribute("id") == "search"
    active.send_keys("aalborg")
    first = browser.find_element(By.CSS_SELECTOR, "#results button").get_attribute("data-node")
    active.send_keys(Keys.ARROW_DOWN)
    focused = browser.switch_to.active_element
    assert focused.get_attribute("data-node") == first
    outline = browser.execute_script("const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth]")
    assert outline[0] == "solid" and float(outline[1].removesuffix("px")) >= 2
    browser.save_screenshot(str(shots / "explorer-keyboard.png"))
    focused.send_keys(Keys.ARROW_DOWN)
    focused = browser.switch_to.active_element
    focused.send_keys(Keys.ENTER)
    assert browser.find_element(By.ID, "node-name").text == browser.execute_script(
        "return OG.node(arguments[0]).name", focused.get_attribute("data-node"))
    assert browser.switch_to.active_element.get_attribute("id") == "details"


def test_the_english_page(browser, pages):
    _open(browser, pages / "en.html", "#id=rar-fyn&date=2019-01-01")
    assert browser.execute_script("return document.documentElement.lang") == "en"
    text = _details(browser)
    assert "Who supports RAR Fyn on 2019-01-01" in text and "the whole body" in text
    assert "Search" in browser.find_element("tag name", "header").text


def test_the_date_reaches_the_councils_and_the_new_kinds_have_words_and_colours(browser, pages, graph):
    """ref-reform: the eight RAR end on 2025-02-28, five regionale beskæftigelsesråd begin on 2025-03-01."""
    from selenium.webdriver.common.by import By

    from orggraph.charts.style import KIND_STYLE
    from orggraph.model import KINDS

    _open(browser, pages / "da.html", "#id=kkr-nordjylland&date=2025-06-01")
    options = [o.get_attribute("value") for o in browser.find_elements(By.CSS_SELECTOR, "#changes option")]
    assert "2025-03-01" in options
    shown = browser.execute_script("return OG.cy.nodes('.node').map(n => n.id())")
    councils = graph.as_of("2025-06-01").node_ids("Beskaeftigelsesraad")
    assert len(councils) == 5 and set(councils) <= set(shown) and not [n for n in shown if n in graph.node_ids("RAR")]
    legend = browser.find_element(By.ID, "legend").text
    present = {graph.graph.nodes[n]["kind"] for n in graph.node_ids()}
    for kind in present:
        assert KINDS[kind] in legend, kind
    colours = browser.execute_script("return Object.fromEntries(Object.entries(OG.kinds).map(([k, v]) => [k, v.fill]))")
    assert colours == {k: s.fill for k, s in KIND_STYLE.items()}
    # every relation drawn has a line style, and the legend names the relations in each
    lines = browser.execute_script("return OG.cy.edges().map(e => e.classes().filter(c => c !== 'uncertain')[0])")
    assert lines and set(lines) <= {"udpeger", "support", "structure"}
    assert "betjener" in legend and "sekretariatsbetjener" in legend
    _open(browser, pages / "da.html", "#id=rar-nordjylland&date=2025-06-01")
    assert "Ikke i kraft på denne dato" in _details(browser)  # the RAR ended on 2025-02-28


def test_a_page_without_a_date_opens_on_todays_state(browser, pages, graph):
    _open(browser, pages / "da.html")
    assert browser.execute_script("return OG.state.day") == graph.current_day()

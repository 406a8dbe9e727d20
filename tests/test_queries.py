"""who-supports, appointments, mirrors, path, members and memberships, pinned to the sources."""

import json

import pytest

from orggraph.cli import app
from orggraph.exceptions import NotInForce, OrgGraphError
from orggraph.queries.membership import members, memberships
from orggraph.queries.paths import paths
from orggraph.queries.appointments import appointments, mirrors
from orggraph.queries.support import who_supports

# Who supports each RAR, as the documents say:
# - the arbejdsmarkedskontor serves the council as a whole (seed 000; KL-SJ; AMK-TITLES);
# - Nordjylland: "Sekretariatsbetjeningen af de kommunale medlemmer af RAR varetages af en
#   medarbejder fra Aalborg Kommune" (seed 003) — the post, and Aalborg Kommune behind it as the
#   municipality that provides the employee (it does not hold the post);
# - Midtjylland: the administrative styregruppe/baggrundsgruppe gives "konkret bistand til de
#   kommunale RAR-medlemmer" in both RAR (seed 003, KDNET), set up by KD-net (seed 001);
# - Syddanmark: the embedsmandsudvalg "Sekretariatsbetjene de kommunale RAR medlemmer" (seed 003);
# - Hovedstaden: "Koordinationsgruppen har samtidig til opgave at understøtte de kommunale
#   repræsentanter i RAR", placed under the Embedsmandsudvalg (seed 003);
# - Sjælland: ASB "betjener de kommunalt udpegede medlemmer" (seed 003).
#: A day in the RAR era (the eight RAR ended on 2025-02-28, ref-reform), after FH replaced LO and FTF.
RAR_ERA = "2019-06-01"

SUPPORTERS = {
    "rar-nordjylland": {("amk-midt-nord", "the_body", True), ("post-nordjylland-sekretaer-rar", "municipal_members", True), ("kommune-851", "municipal_members", False)},
    "rar-vestjylland": {("amk-midt-nord", "the_body", True), ("organ-midtjylland-styregruppe", "municipal_members", True), ("organ-midtjylland-kd-net", "municipal_members", False)},
    "rar-oestjylland": {("amk-midt-nord", "the_body", True), ("organ-midtjylland-styregruppe", "municipal_members", True), ("organ-midtjylland-kd-net", "municipal_members", False)},
    "rar-fyn": {("amk-syd", "the_body", True), ("organ-syddanmark-embedsmandsudvalg", "municipal_members", True)},
    "rar-sydjylland": {("amk-syd", "the_body", True), ("organ-syddanmark-embedsmandsudvalg", "municipal_members", True)},
    "rar-hovedstaden": {("amk-oest", "the_body", True), ("organ-hovedstaden-koordinationsgruppe", "municipal_members", True), ("organ-hovedstaden-embedsmandsudvalg", "municipal_members", False)},
    "rar-bornholm": {("amk-oest", "the_body", True)},
    "rar-sjaelland": {("amk-oest", "the_body", True), ("organ-sjaelland-asb", "municipal_members", True)},
}


@pytest.mark.parametrize("rar", sorted(SUPPORTERS))
def test_exact_supporters_of_each_rar(graph, rar):
    result = who_supports(graph, rar)
    assert {(s["supporter"]["id"], s["reaches"], s["direct"]) for s in result["supporters"]} == SUPPORTERS[rar]


@pytest.mark.parametrize("rar", sorted(SUPPORTERS))
def test_supporter_paths_connect_and_carry_sources(graph, rar):
    result = who_supports(graph, rar)
    directs = [s["direct"] for s in result["supporters"]]
    assert directs == sorted(directs, reverse=True), "direct supporters first"
    for s in result["supporters"]:
        node = s["supporter"]["id"]
        for hop in s["path"]:
            assert node in (hop["from"], hop["to"])
            node = hop["to"] if hop["from"] == node else hop["from"]
            assert hop["sources"] and all(src["quote"] for src in hop["sources"])
        assert node == rar
        assert s["sources"] == [src for hop in s["path"] for src in hop["sources"]]


def test_body_level_service_is_kept_apart_from_municipal_support(graph):
    result = who_supports(graph, "RAR Nordjylland")
    by_reach = {s["supporter"]["id"]: (s["type"], s["supports"]["id"]) for s in result["supporters"]}
    assert by_reach["amk-midt-nord"] == ("SEKRETARIATSBETJENER", "rar-nordjylland")
    assert by_reach["post-nordjylland-sekretaer-rar"] == ("BETJENER", "post-rar-nordjylland-kommunale")


def test_aalborg_kommune_provides_the_employee_and_holds_no_post(graph):
    """seed-003: "Sekretariatsbetjeningen af de kommunale medlemmer af RAR varetages af en medarbejder fra
    Aalborg Kommune". who-supports shows Aalborg Kommune behind the employee's post as the municipality
    that provides the employee, never as the holder of the post."""
    aalborg = next(s for s in who_supports(graph, "rar-nordjylland")["supporters"] if s["supporter"]["id"] == "kommune-851")
    first = aalborg["path"][0]
    assert (first["type"], first["from"], first["to"]) == ("STILLER_TIL_RAADIGHED", "kommune-851", "post-nordjylland-sekretaer-rar")
    assert aalborg["via"] == "STILLER_TIL_RAADIGHED" and not aalborg["direct"]
    assert "BESTRIDES_AF" not in [hop["type"] for hop in aalborg["path"]]
    assert any("medarbejder fra Aalborg Kommune" in src["quote"] for src in first["sources"])


def test_cli_who_supports_says_aalborg_provides_the_employee(runner):
    result = runner.invoke(app, ["who-supports", "RAR Nordjylland", "--as-of", "2016-06-01", "--json"])
    assert result.exit_code == 0, result.output
    rows = [s for s in json.loads(result.stdout)["supporters"] if s["supporter"]["id"] == "kommune-851"]
    assert [s["via"] for s in rows] == ["STILLER_TIL_RAADIGHED"]
    table = runner.invoke(app, ["who-supports", "RAR Nordjylland", "--as-of", "2016-06-01"]).stdout
    assert "Aalborg Kommune —stiller til rådighed→" in table and "bestrides af" not in table


def test_who_supports_a_seat_includes_the_councils_secretariat(graph):
    result = who_supports(graph, "post-rar-hovedstaden-kommunale")
    assert [(s["supporter"]["id"], s["reaches"]) for s in result["supporters"]] == [
        ("amk-oest", "the_body"), ("organ-hovedstaden-koordinationsgruppe", "municipal_members"),
        ("organ-hovedstaden-embedsmandsudvalg", "municipal_members")]


def test_who_supports_a_kkr_and_a_body(graph):
    assert {s["supporter"]["id"] for s in who_supports(graph, "KKR Sjælland")["supporters"]} == {"organ-sjaelland-asb"}
    kreds = who_supports(graph, "Direktørkredsen")["supporters"]
    assert {s["supporter"]["id"] for s in kreds} == {"sek-kkr-nordjylland", "post-nordjylland-sekretaer-rar", "kommune-851"}


def test_appointments_of_a_rar_and_of_a_kkr(graph):
    rows = appointments(graph, "RAR Nordjylland", as_of=RAR_ERA)["appointments"]
    assert sum(r["seats"] or 0 for r in rows if r["appointer"]["id"] != "org-lo" and r["appointer"]["id"] != "org-ftf") == 21
    municipal = [r for r in rows if r["post"]["id"] == "post-rar-nordjylland-kommunale"]
    assert [(r["appointer"]["id"], r["seats"]) for r in municipal] == [("kkr-nordjylland", 5)]
    assert "ministeren udnævner efter indstilling" in municipal[0]["how"]
    filled = appointments(graph, "KKR Midtjylland", as_of=RAR_ERA)["appointments"]
    assert [(r["body"]["id"], r["seats"]) for r in filled] == [("rar-vestjylland", 5), ("rar-oestjylland", 5)]


@pytest.mark.parametrize("day, appointers", [("2018-12-31", {"org-lo", "org-ftf"}), ("2019-01-01", {"org-fh"})])
def test_appointments_as_of_the_fh_merger(graph, day, appointers):
    rows = appointments(graph, "post-rar-fyn-fh", as_of=day)["appointments"]
    assert {r["appointer"]["id"] for r in rows} == appointers


def test_mirrors(graph):
    # Syddanmark's mirrors of the municipal vice-chairs, whichever member of the udvalg holds them (from the data)
    syddanmark = {(u, v) for u, v, _, _ in graph.edges("SPEJLER")
                  if v in ("post-rar-fyn-naestformand-kommunal", "post-rar-sydjylland-naestformand-kommunal")}
    rows = mirrors(graph, as_of=RAR_ERA)["mirrors"]
    # seed-003: the styregruppe mirrors the municipal members; Syddanmark's udvalg the municipal vice-chairs;
    # Struer's kommunaldirektør chairs the styregruppe and Struer's mayor is RAR Vestjylland's vice-chair (audit § 3.2)
    assert {(r["mirror"]["id"], r["mirrored"]["id"]) for r in rows} == {
        ("organ-midtjylland-styregruppe", "post-rar-vestjylland-kommunale"),
        ("organ-midtjylland-styregruppe", "post-rar-oestjylland-kommunale"),
        ("post-midtjylland-formand-styregruppe", "post-rar-vestjylland-naestformand"),
    } | syddanmark
    # seed-003: "to af medlemmerne" of Syddanmark's udvalg mirror the municipal vice-chairs: member posts of the body
    udvalg = mirrors(graph, "Embedsmandsudvalget i KKR Syddanmark", as_of=RAR_ERA)["mirrors"]
    assert sorted(r["mirrored"]["id"] for r in udvalg) == ["post-rar-fyn-naestformand-kommunal", "post-rar-sydjylland-naestformand-kommunal"]
    assert all(graph.has_edge_between(r["mirror"]["id"], "organ-syddanmark-embedsmandsudvalg", "MEDLEM_AF")
               or r["mirror"]["id"] == "organ-syddanmark-embedsmandsudvalg" for r in udvalg)
    assert all(r["how"] and r["sources"] for r in rows)
    assert len(mirrors(graph, "RAR Fyn")["mirrors"]) == 0
    assert len(mirrors(graph, "post-rar-fyn-naestformand-kommunal")["mirrors"]) == 1


def _kkr_rar_pairs(graph):
    return [(kkr, rar) for kkr in graph.node_ids("KKR") for _, post, _, _ in graph.out_edges(kkr, "UDPEGER")
            for _, rar, _, _ in graph.out_edges(post, "MEDLEM_AF")]


def test_path_from_each_kkr_to_each_rar_it_appoints_to(graph):
    graph = graph.as_of(RAR_ERA)
    pairs = _kkr_rar_pairs(graph)
    assert len(pairs) == 8
    for kkr, rar in pairs:
        found = paths(graph, kkr, rar)["paths"]
        nominated = [p for p in found if [h["type"] for h in p] == ["UDPEGER", "MEDLEM_AF"]]
        assert nominated and len(nominated[0]) == len(found[0]), (kkr, rar)  # among the shortest
        assert nominated[0][0]["from"] == kkr and nominated[0][-1]["to"] == rar


def test_paths_are_simple_and_shortest_first(graph):
    found = paths(graph, "Aalborg", "RAR Nordjylland", max_length=3)["paths"]
    assert [len(p) for p in found] == sorted(len(p) for p in found)
    assert len(found[0]) == 1 and found[0][0]["type"] == "DAEKKER"
    for p in found:
        visited = ["kommune-851"]
        for hop in p:
            visited.append(hop["to"] if hop["from"] == visited[-1] else hop["from"])
        assert len(visited) == len(set(visited))


def test_path_via_and_directed(graph):
    graph = graph.as_of(RAR_ERA)
    via = paths(graph, "KKR Midtjylland", "RAR Vestjylland", via=["UDPEGER", "MEDLEM_AF"])["paths"]
    assert [[h["type"] for h in p] for p in via] == [["UDPEGER", "MEDLEM_AF"]]
    directed = paths(graph, "KKR Midtjylland", "RAR Vestjylland", directed=True)["paths"]
    assert [h["type"] for h in directed[0]] == ["UDPEGER", "MEDLEM_AF"]
    for p in directed:  # every hop in its own direction (the pejlemærker's mandate, GIVER_MANDAT, is one more way)
        assert p[0]["from"] == "kkr-midtjylland" and p[-1]["to"] == "rar-vestjylland"
        assert all(a["to"] == b["from"] for a, b in zip(p, p[1:]))
    backwards = paths(graph, "RAR Vestjylland", "KKR Midtjylland", directed=True, max_length=2)["paths"]
    assert backwards and all(p[0]["from"] == "rar-vestjylland" and p[-1]["to"] == "kkr-midtjylland" for p in backwards)
    with pytest.raises(OrgGraphError, match="unknown relation 'NOPE'"):
        paths(graph, "KKR Midtjylland", "RAR Vestjylland", via=["NOPE"])


def test_path_limit_is_reported(graph):
    result = paths(graph, "KKR Nordjylland", "RAR Nordjylland", limit=3)
    assert len(result["paths"]) == 3 and result["truncated"] is True


@pytest.mark.parametrize("day, has_viborg, unsure", [("2016-11-01", True, False), ("2016-11-02", True, True),
                                                      ("2018-04-29", True, True), ("2018-04-30", False, False)])
def test_members_of_vestjylland_at_the_boundaries(graph, day, has_viborg, unsure):
    """Viborg moved from RAR Vestjylland to RAR Østjylland at a date between 2016-11-02 and 2018-04-29
    (audit § 3.10): inside that window it is shown, marked uncertain, never as a gap."""
    from orggraph.graph import uncertain

    names = {m["member"]["id"] for m in members(graph, "RAR Vestjylland", as_of=day)["members"]}
    assert ("kommune-791" in names) is has_viborg
    edge = next(d for _, v, _, d in graph.out_edges("rar-vestjylland", "DAEKKER") if v == "kommune-791")
    assert (uncertain(edge, day) is not None) is unsure


@pytest.mark.parametrize("day, rar", [("2016-06-01", "rar-vestjylland"), ("2019-06-01", "rar-oestjylland")])
def test_viborgs_rar_in_2016_and_2019(graph, day, rar):
    covering = [m["part_of"]["id"] for m in memberships(graph, "Viborg", as_of=day)["memberships"] if m["type"] == "DAEKKER"]
    assert covering == [rar]


@pytest.mark.parametrize("day, present", [("2021-12-31", True), ("2022-01-01", False)])
def test_the_trial_ends_with_2021(graph, day, present):
    cooperations = {m["part_of"]["id"] for m in memberships(graph, "Aalborg", as_of=day)["memberships"]}
    assert ("sam-nordjylland-frikommuneforsoeg" in cooperations) is present


@pytest.mark.parametrize("day, count", [("2015-02-26", 0), ("2015-02-27", 2)])
def test_focus_points_exist_from_their_adoption(graph, day, count):
    from orggraph.queries.lookup import show

    assert len([e for e in show(graph, "KKR Nordjylland", as_of=day)["out"] if e["type"] == "VEDTAGER"]) == count


def test_a_rar_before_2015_is_not_in_force(graph):
    with pytest.raises(NotInForce, match="not in force on 2014-12-31"):
        who_supports(graph, "RAR Bornholm", as_of="2014-12-31")
    assert who_supports(graph, "RAR Bornholm", as_of="2015-01-01")["supporters"]


def test_members_of_kkr_and_body(graph):
    assert len(members(graph, "KKR Sjælland")["members"]) == 17
    assert len(members(graph, "JobForum")["members"]) == 17
    # seed-002: "borgermestrene i de 11 kommuner"; the KKR decided that they should apply, it takes no part
    frikommune = members(graph, "Det Nordjyske Frikommuneforsøg II")["members"]
    assert len(frikommune) == 11 and {m["member"]["kind"] for m in frikommune} == {"Kommune"}


@pytest.mark.parametrize("command, args, function, call", [
    ("who-supports", ["RAR Fyn", "--as-of", RAR_ERA], who_supports, ("RAR Fyn", RAR_ERA)),
    ("appointments", ["KKR Syddanmark", "--as-of", RAR_ERA], appointments, ("KKR Syddanmark", RAR_ERA)),
    ("mirrors", ["--as-of", RAR_ERA], mirrors, (None, RAR_ERA)),
    ("members", ["RAR Vestjylland", "--as-of", "2019-01-01"], members, ("RAR Vestjylland", "2019-01-01")),
    ("memberships", ["Struer", "--as-of", RAR_ERA], memberships, ("Struer", RAR_ERA)),
])
def test_cli_json_equals_the_library(runner, graph, command, args, function, call):
    result = runner.invoke(app, [command, *args, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {"as_of": call[-1], **function(graph, *call)}  # the CLI names the date


def test_cli_path(runner, graph):
    result = runner.invoke(app, ["path", "KKR Sjælland", "RAR Sjælland", "--via", "UDPEGER", "--via", "MEDLEM_AF", "--json", "--as-of", RAR_ERA])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {"as_of": RAR_ERA, **paths(graph, "KKR Sjælland", "RAR Sjælland", via=["UDPEGER", "MEDLEM_AF"], limit=50, as_of=RAR_ERA)}
    table = runner.invoke(app, ["path", "KKR Sjælland", "RAR Sjælland", "--via", "UDPEGER", "--via", "MEDLEM_AF", "--as-of", RAR_ERA]).stdout
    assert "KKR Sjælland —udpeger→ Kommunale pladser i RAR Sjælland —medlem af→ RAR Sjælland" in table
    assert runner.invoke(app, ["path", "a", "b", "--via", "NOPE"]).exit_code == 2


def test_cli_who_supports_table_is_danish(runner):
    table = runner.invoke(app, ["who-supports", "RAR Nordjylland", "--as-of", RAR_ERA]).stdout
    assert "kun de kommunale medlemmer" in table and "hele organet" in table and "indirekte" in table


def test_cli_not_in_force_exits_1(runner):
    result = runner.invoke(app, ["who-supports", "RAR Bornholm", "--as-of", "2014-06-01"])
    assert result.exit_code == 1 and "is not in force on 2014-06-01" in result.stderr


def test_who_supports_a_municipal_vice_chair_reaches_the_body_serving_the_municipal_members(graph):
    """A vice-chair held by one of the municipal members is a municipal member (issue 15): the
    bodies that serve that RAR's municipal seat group support the vice-chair too, through the
    BESTRIDES_AF edge, with that edge's sources. Expected values come from the data files."""
    from conftest import data_records

    edges = data_records()["edges"]
    held = {e["from"]: e["to"] for e in edges if e["type"] == "BESTRIDES_AF" and e["to"].startswith("post-rar-")}
    assert {"post-rar-fyn-naestformand-kommunal", "post-rar-sydjylland-naestformand-kommunal",
            "post-rar-vestjylland-naestformand"} <= set(held)
    for vice_chair, seats in held.items():
        serving = {e["from"] for e in edges if e["to"] == seats and e["type"] in ("SEKRETARIATSBETJENER", "BETJENER", "BRIEFER")}
        assert serving, seats
        result = who_supports(graph, vice_chair)
        found = {s["supporter"]["id"]: s for s in result["supporters"] if s["direct"]}
        for body in serving:
            supporter = found[body]
            assert supporter["supports"]["id"] == seats and supporter["reaches"] == "municipal_members"
            assert [hop["type"] for hop in supporter["path"]][-1] == "BESTRIDES_AF"
            assert supporter["path"][-1]["from"] == vice_chair and supporter["path"][-1]["to"] == seats
            assert any(s["quote"] for s in supporter["sources"])

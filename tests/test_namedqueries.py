"""The named Cypher queries: headers are checked, and every query has an embedded twin."""

import re
import textwrap

import pytest

from orggraph.exceptions import QueryFileError
from orggraph.graphdb.named import CYPHER_DIR, TWINS, load_queries, parse_query, twin_rows


def test_every_named_query_has_a_twin_and_back():
    assert set(load_queries()) == set(TWINS)


def _shipped_files() -> dict[str, str]:
    """The text of every shipped query file with a name header, by file name."""
    files = {p.name: p.read_text(encoding="utf-8") for p in CYPHER_DIR.iterdir() if p.name.endswith(".cypher")}
    return {name: text for name, text in files.items() if text.startswith("// name:")}


def _used_parameters(text: str) -> list[str]:
    """``$names`` in Cypher text outside comments and string literals, in order of first use."""
    code = re.sub(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|//[^\n]*", " ", text)
    return list(dict.fromkeys(re.findall(r"\$([A-Za-z_][A-Za-z0-9_]*)", code)))


def test_each_shipped_querys_parameters_are_exactly_those_its_body_uses_and_its_readme_lists():
    files = _shipped_files()
    queries = load_queries()
    assert sorted(q.file.rsplit("/", 1)[-1] for q in queries.values()) == sorted(files)
    readme = (CYPHER_DIR / "README.md").read_text(encoding="utf-8")
    listed = {m[1]: tuple(re.findall(r"`(\w+)`", m[2])) for m in re.finditer(r"^\| `(\w+)` \| ([^|]*) \|", readme, re.M)}
    for file, text in files.items():
        header = text.splitlines()[1]
        declared = tuple(p.strip() for p in header.partition("params:")[2].split(",") if p.strip())
        name = text.splitlines()[0].partition("name:")[2].strip()
        assert set(_used_parameters(text)) == set(declared), file
        assert queries[name].params == declared, file
        assert listed[name] == declared, f"cypher/README.md lists {listed[name]} for {name}"
    assert set(listed) == set(queries)


def _support_pairs(graph, target):
    """(supporter, thing) for every support edge into ``target`` or into a post that is a member of it."""
    things = {target} | {u for u, v, _, _ in graph.edges("MEDLEM_AF") if v == target and graph.node(u)["kind"] == "Post"}
    return {(u, v) for relation in ("SEKRETARIATSBETJENER", "BETJENER", "BRIEFER", "UNDERSTOETTER") for u, v, _, _ in graph.edges(relation)
            if v in things and u != target}


def test_who_supports_lists_every_direct_supporter_in_the_data(graph):
    checked = 0
    for target in graph.node_ids("RAR") + graph.node_ids("KKR"):
        rows = twin_rows(graph, "who_supports", {"target": target, "as_of": None})
        want = _support_pairs(graph, target)
        assert {(r["supporter"], r["supports"]) for r in rows if r["direct"]} == want, target
        checked += len(want)
    assert checked >= len(graph.node_ids("RAR"))  # every RAR has a secretariat at least
    fyn = twin_rows(graph, "who_supports", {"target": "rar-fyn", "as_of": None})
    secretariat = next(u for u, v, _, _ in graph.edges("SEKRETARIATSBETJENER") if v == "rar-fyn")
    assert {"supporter": secretariat, "type": "SEKRETARIATSBETJENER", "supports": "rar-fyn", "reaches": "the_body", "direct": True} in fyn
    # the KKR side's servicing of the municipal members is BETJENER, whatever verb the source used
    seats = next(u for u, v, _, _ in graph.edges("MEDLEM_AF") if v == "rar-fyn" and graph.node(u)["attrs"].get("group") == "kommunale")
    serving = {u for u, v, _, _ in graph.edges("BETJENER") if v == seats}
    assert serving and {(r["supporter"], r["type"]) for r in fyn if r["supports"] == seats and r["direct"]} == {(u, "BETJENER") for u in serving}


def test_who_supports_shows_the_municipality_that_provides_the_employee_not_as_a_holder(graph):
    """seed-003: "Sekretariatsbetjeningen af de kommunale medlemmer af RAR varetages af en medarbejder
    fra Aalborg Kommune". Aalborg Kommune provides the employee (STILLER_TIL_RAADIGHED); it holds no post."""
    rows = twin_rows(graph, "who_supports", {"target": "rar-nordjylland", "as_of": "2016-06-01"})
    employee = next(v for u, v, _, _ in graph.edges("STILLER_TIL_RAADIGHED") if u == "kommune-851")
    assert {"supporter": employee, "type": "BETJENER", "supports": "post-rar-nordjylland-kommunale",
            "reaches": "municipal_members", "direct": True} in rows
    assert {"supporter": "kommune-851", "type": "BETJENER", "supports": "post-rar-nordjylland-kommunale",
            "reaches": "municipal_members", "direct": False} in rows
    assert not any(v == "kommune-851" for _, v, _, _ in graph.edges("BESTRIDES_AF"))


def test_appointments_of_a_kkr_are_its_udpeger_edges(graph):
    for kkr in graph.node_ids("KKR"):
        want = []
        for u, post, _, data in graph.edges("UDPEGER"):
            if u == kkr:
                bodies = [v for p, v, _, _ in graph.edges("MEDLEM_AF") if p == post] or [None]
                want += [(kkr, post, body, data["attrs"].get("seats")) for body in bodies]
        rows = twin_rows(graph, "appointments", {"target": kkr, "as_of": None})
        assert sorted((r["appointer"], r["post"], r["body"], r["seats"]) for r in rows) == sorted(want, key=str), kkr
        assert want, f"{kkr} appoints nobody in the data"


def test_members_of_a_rar_are_the_municipalities_it_covers(graph):
    for rar in graph.node_ids("RAR"):
        rows = twin_rows(graph, "members", {"target": rar, "as_of": None})
        covered = sorted(v for u, v, _, _ in graph.edges("DAEKKER") if u == rar)
        assert covered and [r["member"] for r in rows if r["type"] == "DAEKKER"] == covered, rar


def test_paths_are_every_walk_of_at_most_two_edges_between_a_kkr_and_a_rar(graph):
    """Enumerated here from the edge list, in either direction, without repeating a node."""
    edges = [(k, u, v) for u, v, k, _ in graph.edges()]

    def other(edge, end):
        _, u, v = edge
        return v if end == u else u if end == v else None

    found = 0
    for kkr in graph.node_ids("KKR"):
        for rar in graph.node_ids("RAR"):
            want = [[e[0]] for e in edges if other(e, kkr) == rar]
            want += [[e[0], f[0]] for e in edges if other(e, kkr) not in (None, kkr, rar)
                     for f in edges if other(f, other(e, kkr)) == rar]
            rows = twin_rows(graph, "path", {"source": kkr, "target": rar, "max_length": 2, "via": None, "as_of": None})
            assert sorted(r["hops"] for r in rows) == sorted(want), (kkr, rar)
            assert all(r["length"] == len(r["hops"]) for r in rows)
            found += len(want)
    appointed = [(u, v) for u, v, _, _ in graph.edges("UDPEGER") if graph.node(u)["kind"] == "KKR"]
    assert found >= len(appointed)  # at least each KKR's appointment of a RAR seat, and the seat's membership


def _problem(text):
    with pytest.raises(QueryFileError) as err:
        parse_query(textwrap.dedent(text), "q.cypher")
    return str(err.value)


def test_missing_header():
    assert _problem("MATCH (n) RETURN n\n").startswith("q.cypher:1: the header must have '// name: …' on line 1")


def test_undeclared_parameter():
    problem = _problem("""\
        // name: q
        // params: target
        // A query.
        MATCH (n {id: $target})
        WHERE n.valid_from <= $as_of
        RETURN n
        """)
    assert problem == "q.cypher:5: parameter $as_of is not declared in '// params:'"


def test_unused_parameter_and_empty_body():
    problem = _problem("""\
        // name: q
        // params: target
        // A query.
        """)
    assert problem.splitlines() == ["q.cypher:4: the query body is empty", "q.cypher:2: declared parameter 'target' is never used"]


def test_missing_description():
    assert "q.cypher:3: the header's third line" in _problem("// name: q\n// params:\nMATCH (n) RETURN n\n")


def test_duplicate_names(tmp_path):
    for stem in ("a", "b"):
        (tmp_path / f"{stem}.cypher").write_text("// name: same\n// params:\n// A query.\nMATCH (n) RETURN n\n", encoding="utf-8")
    with pytest.raises(QueryFileError, match=r"b.cypher:1: query name 'same' is duplicated \(first in .*a.cypher\)"):
        load_queries(tmp_path)


def test_files_without_a_name_header_are_not_named_queries(tmp_path):
    (tmp_path / "schema.cypher").write_text("CREATE CONSTRAINT x IF NOT EXISTS FOR (n:KKR) REQUIRE n.id IS UNIQUE;\n", encoding="utf-8")
    assert load_queries(tmp_path) == {}


def test_the_shipped_queries_parse():
    queries = load_queries(CYPHER_DIR)
    assert {"who_supports", "appointments", "mirrors", "path", "members", "memberships"} <= set(queries)
    assert all(q.description for q in queries.values())

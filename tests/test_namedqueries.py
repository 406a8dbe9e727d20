"""The named Cypher queries: headers are checked, and every query has an embedded twin."""

import textwrap

import pytest

from orggraph.exceptions import QueryFileError
from orggraph.namedqueries import CYPHER_DIR, TWINS, load_queries, parse_query, twin_rows


def test_every_named_query_has_a_twin_and_back():
    assert set(load_queries()) == set(TWINS)


@pytest.mark.parametrize("name", sorted(TWINS))
def test_twins_run_for_every_rar_and_kkr(graph, name):
    query = load_queries()[name]
    targets = graph.node_ids("RAR") + graph.node_ids("KKR")
    for target in targets:
        params = {"target": target, "as_of": None}
        if name == "path":
            params = {"source": graph.node_ids("KKR")[0], "target": target, "max_length": 2, "via": None, "as_of": None}
        rows = twin_rows(graph, name, params)
        assert isinstance(rows, list)
        assert set(params) == set(query.params)


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

"""One edge-row shape in every JSON result (issue 18): wherever a query returns an edge, as a relation,
an appointment, a mirroring, a membership, a holder, a replacement or a hop of a path, the row has the
keys of orggraph.graph.EDGE_ROW with the values OrgGraph.edge_row gives, and the query's own keys
beside them; checked on the packaged data and the invented rosters, on dates in both eras."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from orggraph import load
from orggraph.graph import EDGE_ROW
from orggraph.queries import appointments, members, memberships, mirrors, paths, persons, show, who_supports
from orggraph.readwrite.roster import add_rosters

ROSTERS = Path(__file__).parent / "data" / "rosters"
DAYS = (None, "2016-06-01", "2022-01-01", "2025-06-01")


@pytest.fixture(scope="module")
def roster_graph():
    return add_rosters(load(), [ROSTERS / "rar-fyn.csv", ROSTERS / "rbr-syddanmark.csv"])


def _targets(graph, day):
    view = graph.as_of(day)
    kinds = ("RAR", "Beskaeftigelsesraad", "KKR", "Organ", "Person")  # text, not vocabulary
    return [n for n in view.node_ids() if view.kind(n) in kinds] + ["kommune-791", "post-rar-fyn-naestformand-kommunal"]


def _edge_rows(graph, day):
    """(query, rows) for every list of edges every query returns, for every target in force on ``day``."""
    view = graph.as_of(day)
    for target in _targets(graph, day):
        if target not in view:
            continue
        shown = show(graph, target, day)
        yield "show out", shown["out"]
        yield "show in", shown["in"]
        yield "show replaces", shown["replaces"]
        yield "show replaced_by", (shown["era"] or {}).get("replaced_by", [])
        for seat in shown["seats"]:
            yield "show seats", seat["appointed_by"]
        yield "appointments", appointments(graph, target, day)["appointments"]
        yield "mirrors", mirrors(graph, target, day)["mirrors"]
        yield "members", members(graph, target, day)["members"]
        yield "memberships", memberships(graph, target, day)["memberships"]
        seated = persons(graph, target, day)
        holders = [h for g in seated["seat_groups"] for h in g["holders"]] + [h for p in seated["posts"] for h in p["holders"]]
        yield "persons", holders + seated["members"] + [h["substitute"] for h in holders if h["substitute"]]
        for s in who_supports(graph, target, day)["supporters"]:
            yield "who_supports path", s["path"]
            yield "who_supports persons", s.get("persons", [])
    yield "mirrors", mirrors(graph, None, day)["mirrors"]
    for old in graph.node_ids("RAR"):  # a RAR asked about after the reform says what replaced it  # text, not vocabulary
        if day and old not in view:
            yield "show replaced_by", show(graph, old, day)["era"]["replaced_by"]
    for source, target in (("kkr-sjaelland", "rar-sjaelland"), ("kommune-101", "kkr-hovedstaden")):
        if source in view and target in view:
            for hops in paths(graph, source, target, max_length=3, as_of=day, limit=10**6)["paths"]:
                yield "paths", hops


def test_every_edge_row_has_the_common_keys_with_the_edges_values(roster_graph):
    seen: dict[str, set[frozenset]] = {}
    for day in DAYS:
        for query, rows in _edge_rows(roster_graph, day):
            for row in rows:
                assert set(EDGE_ROW) <= set(row), (query, sorted(set(EDGE_ROW) - set(row)))
                common = roster_graph.edge_row(row["edge"])
                assert {k: row[k] for k in EDGE_ROW} == common, (query, row["edge"])
                assert "id" not in row and "relation" not in row, (query, "the edge id is 'edge' and its type 'type'")
                seen.setdefault(query, set()).add(frozenset(row))
    # each query has one shape: the same own keys in every row
    assert {q: len(shapes) for q, shapes in seen.items()} == dict.fromkeys(seen, 1)
    # and every query that returns edges was seen returning some
    assert set(seen) == {"show out", "show in", "show replaces", "show replaced_by", "show seats", "appointments", "mirrors",
                         "members", "memberships", "persons", "who_supports path", "who_supports persons", "paths"}


def test_the_readme_states_the_one_edge_row():
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    stated = re.search(r"An \*\*edge row\*\* is `\{([^}]*)\}`", readme)
    assert stated, "the README's command table says what an edge row is"
    assert tuple(re.findall(r'"(\w+)"', stated[1])) == EDGE_ROW

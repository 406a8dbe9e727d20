"""The Cypher twins (cypher/*.cypher) state the library's vocabulary by hand: these tests parse the
relation lists, kinds, order of preference, ``reaches`` values, bounds and the in-force predicate out
of the files and compare them with the Python constants (issue 18), so a change on one side fails here
until the other follows."""

import re
from importlib.resources import files

import pytest

from orggraph.queries import membership, support
from orggraph.queries.paths import DEFAULT_LENGTH, MAX_LENGTH

CYPHER = {p.name: p.read_text(encoding="utf-8") for p in files("orggraph.cypher").iterdir() if p.name.endswith(".cypher")}
README = files("orggraph.cypher").joinpath("README.md").read_text(encoding="utf-8")


def _body(name: str) -> str:
    """The query without its comment lines."""
    return "\n".join(line for line in CYPHER[name].splitlines() if not line.lstrip().startswith("//"))


def _strings(text: str) -> list[str]:
    return re.findall(r"'([^']*)'", text)


WHO = _body("who_supports.cypher")


def test_the_support_relations_are_supports_in_its_order():
    pattern = re.search(r"\(s\)-\[r:([A-Z_|]+)\]->\(thing\)", WHO)
    assert pattern and tuple(pattern[1].split("|")) == support.SUPPORT


def test_the_more_formal_relation_is_picked_by_its_rank_in_support():
    case = re.search(r"CASE type((?: WHEN '[A-Z_]+' THEN \d+)+) END AS rank", WHO)
    assert case, "the rank is an explicit CASE over every type, with no ELSE"
    ranks = re.findall(r"WHEN '([A-Z_]+)' THEN (\d+)", case[1])
    assert ranks == [(t, str(i)) for i, t in enumerate(support.SUPPORT)]
    assert "ORDER BY direct DESC, rank" in WHO


def test_the_indirect_steps_are_indirect_and_indirect_in():
    out = re.search(r"startNode\(i\) = s AND type\(i\) IN \[([^\]]*)\]", WHO)
    into = re.search(r"endNode\(i\) = s AND type\(i\) = '([A-Z_]+)'", WHO)
    assert out and tuple(_strings(out[1])) == support.INDIRECT
    assert into and (into[1],) == support.INDIRECT_IN


def test_the_kinds_never_counted_as_indirect_are_not_indirect():
    kinds = re.search(r"AND NOT \(((?:behind:\w+(?: OR )?)+)\) AND behind <> t", WHO)
    assert kinds and set(re.findall(r"behind:(\w+)", kinds[1])) == set(support.NOT_INDIRECT)


def test_the_bodies_a_post_is_supported_through_are_bodies():
    lists = [tuple(re.findall(rf"{v}:(\w+)", m[0])) for v in ("b", "x") for m in re.finditer(rf"\({v}:\w+(?: OR {v}:\w+)+\)", WHO)]
    assert len(lists) == 2 and all(kinds == support.BODIES for kinds in lists), lists


def test_the_reaches_values_are_reaches_in_their_order():
    case = re.search(r"CASE WHEN NOT thing:Post THEN '(\w+)'\s+WHEN thing.group = 'kommunale' THEN '(\w+)'\s+"
                     r"WHEN thing.seats IS NOT NULL THEN '(\w+)'\s+ELSE '(\w+)' END AS reaches", WHO)
    assert case and case.groups() == support.REACHES


def test_memberships_follows_the_same_relations_as_the_library():
    body = _body("memberships.cypher")
    out = re.search(r"startNode\(r\) = t AND type\(r\) IN \[([^\]]*)\]", body)
    into = re.search(r"endNode\(r\) = t AND type\(r\) IN \[([^\]]*)\]", body)
    assert out and tuple(_strings(out[1])) == membership.PART_OF_OUT
    assert into and tuple(_strings(into[1])) == membership.PART_OF_IN


def test_the_path_bounds_are_the_librarys():
    body = _body("path.cypher")
    assert re.findall(r"\[\*1\.\.(\d+)\]", body) == [str(MAX_LENGTH)]
    assert re.findall(r"coalesce\(\$max_length, (\d+)\)", body) == [str(DEFAULT_LENGTH)]


def _in_force_predicate() -> str:
    block = re.search(r"<!-- in-force -->\n```cypher\n(.*)\n```", README)
    assert block, "cypher/README.md states the in-force predicate once, after <!-- in-force -->"
    return block[1]


def test_the_in_force_predicate_is_stated_once_and_is_the_librarys_rule():
    from orggraph.graph import _in_force

    rule = _in_force_predicate()
    # the same rule as OrgGraph.as_of: inclusive at both ends, a missing date open
    as_python = (rule.replace("$as_of", "day").replace("IS NULL", "is None").replace(" OR ", " or ").replace(" AND ", " and ")
                 .replace("x.valid_from", "x.get('valid_from')").replace("x.valid_to", "x.get('valid_to')"))
    for record in ({}, {"valid_from": "2015-01-01"}, {"valid_to": "2018-04-29"}, {"valid_from": "2015-01-01", "valid_to": "2018-04-29"}):
        for day in ("2014-12-31", "2015-01-01", "2017-06-01", "2018-04-29", "2018-04-30"):
            assert eval(as_python, {"x": record, "day": day}) == _in_force(record, day), (record, day)


@pytest.mark.parametrize("name", sorted(CYPHER))
def test_every_copy_of_the_in_force_predicate_is_exactly_the_stated_one(name):
    rule = _in_force_predicate()
    # the stated predicate with any one variable in place of x, the same variable throughout
    copy = re.compile(re.escape(rule).replace(r"x\.", r"(?P=v)\.").replace(r"(?P=v)\.", r"(?P<v>\w+)\.", 1))
    body = _body(name)
    found = list(copy.finditer(body))
    rest = copy.sub("", body)
    assert "valid_from" not in rest and "valid_to" not in rest, f"{name}: a validity test that is not the stated predicate"
    for match in found:  # every copy is guarded by "$as_of IS NULL OR", directly or around all(… WHERE …)
        before = body[:match.start()]
        assert re.search(r"\$as_of IS NULL OR \(+$", before) or re.search(r"\$as_of IS NULL OR all\(\w+ IN \w+\(p\) WHERE $", before), (name, match[0])
    if name != "schema.cypher":
        assert found, f"{name} filters nothing by date"


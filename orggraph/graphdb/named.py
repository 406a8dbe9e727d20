"""Named Cypher queries in ``cypher/``, and their embedded twins.

``cypher/`` sits at the top of the repository and is installed as the package
``orggraph.cypher`` (see ``pyproject.toml``), so the queries are read with
:mod:`importlib.resources` from a wheel and from a checkout alike.

Each query file starts with a header, the way aiosql keeps SQL::

    // name: who_supports
    // params: target, as_of
    // Who supports a RAR, seat, KKR or body.

then the Cypher body. The loader refuses a missing or malformed header, a duplicate
name, an empty body, a ``$parameter`` that the header does not declare and a declared
parameter that the body never uses, naming file and line. Each query has an embedded
twin, a function of ``(graph, params)`` that returns the same rows from the in-memory
graph; the Neo4j tests compare the two.

May import: exceptions, queries, readwrite.

>>> queries = load_queries()
>>> queries["who_supports"].params
('target', 'as_of')
>>> from orggraph import load
>>> rows = twin_rows(load(), "appointments", {"target": "rar-nordjylland", "as_of": None})
>>> [r for r in rows if r["post"] == "post-rar-nordjylland-kommunale"]
[{'appointer': 'kkr-nordjylland', 'post': 'post-rar-nordjylland-kommunale', 'body': 'rar-nordjylland', 'seats': 5}]
"""

from __future__ import annotations

__all__ = ["NamedQuery", "CYPHER_DIR", "parse_query", "load_queries", "named_query", "twin_rows", "TWINS"]

import os
import re
from dataclasses import dataclass
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

from orggraph.exceptions import Neo4jQueryError, QueryFileError
from orggraph.readwrite.records import display_path

#: The shipped named queries: the package ``orggraph.cypher`` (``cypher/`` in the repository).
CYPHER_DIR: Traversable = files("orggraph.cypher")

_NAME = re.compile(r"^//\s*name:\s*(\S*)\s*$")
_PARAMS = re.compile(r"^//\s*params:\s*(.*?)\s*$")
_IDENTIFIER = re.compile(r"^[a-z_][a-z0-9_]*$")
_PARAM_USE = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_BOUND = re.compile(r"\[\*1\.\.(\d+)\]")


@dataclass(frozen=True)
class NamedQuery:
    """A named Cypher query: its name, declared parameters, description and body."""

    name: str
    params: tuple[str, ...]
    description: str
    body: str
    file: str
    line: int  # where the body starts

    def statement(self, params: dict) -> str:
        """The body to run with ``params``.

        Cypher takes no parameter as the upper bound of a variable-length pattern, so a query
        with a ``max_length`` parameter holds the most it allows as a literal (``[*1..8]``, the
        ``MAX_LENGTH`` of :mod:`orggraph.queries.paths`) and runs with it lowered to the length asked
        for (default 4): the same rows, without walking longer paths only to drop them (on the
        ArcadeDB test server each hop more costs about three times as long).

        >>> named_query("path").statement({"max_length": 2}).splitlines()[0]
        'MATCH p = (a {id: $source})-[*1..2]-(b {id: $target})'
        """
        if "max_length" not in self.params:
            return self.body
        from orggraph.queries.paths import DEFAULT_LENGTH

        wanted = params.get("max_length")
        wanted = DEFAULT_LENGTH if wanted is None else wanted

        def lower(match: re.Match) -> str:
            most = int(match[1])
            if isinstance(wanted, bool) or not isinstance(wanted, int) or not 1 <= wanted <= most:
                raise Neo4jQueryError(f"query {self.name!r}: max_length must be a whole number from 1 to {most}, not {wanted!r}")
            return f"[*1..{wanted}]"

        return _BOUND.sub(lower, self.body)


def parse_query(text: str, file: str) -> NamedQuery:
    """Parse one query file; raise :class:`QueryFileError` listing every problem."""
    lines = text.splitlines()
    problems = []

    def header(index: int, pattern: re.Pattern, what: str):
        match = pattern.match(lines[index]) if index < len(lines) else None
        if not match:
            problems.append(f"{file}:{index + 1}: the header must have '// {what}: …' on line {index + 1}")
        return match

    name_match, params_match = header(0, _NAME, "name"), header(1, _PARAMS, "params")
    name = name_match[1] if name_match else ""
    if name_match and not _IDENTIFIER.match(name):
        problems.append(f"{file}:1: bad query name {name!r}: use lower-case letters, digits and _")
    params = tuple(p.strip() for p in params_match[1].split(",") if p.strip()) if params_match else ()
    for param in params:
        if not _IDENTIFIER.match(param):
            problems.append(f"{file}:2: bad parameter name {param!r}")
    description = lines[2][2:].strip() if len(lines) > 2 and lines[2].startswith("//") else ""
    if not description:
        problems.append(f"{file}:3: the header's third line must be '// ' and a one-line description")
    start = next((i for i in range(2, len(lines)) if not lines[i].startswith("//")), len(lines))
    body_lines = lines[start:]
    if not any(line.strip() and not line.strip().startswith("//") for line in body_lines):
        problems.append(f"{file}:{start + 1}: the query body is empty")
    used = set()
    for offset, line in enumerate(body_lines):
        code = line.split("//", 1)[0]
        for param in _PARAM_USE.findall(code):
            used.add(param)
            if param not in params:
                problems.append(f"{file}:{start + offset + 1}: parameter ${param} is not declared in '// params:'")
    for param in params:
        if param not in used:
            problems.append(f"{file}:2: declared parameter {param!r} is never used")
    if problems:
        raise QueryFileError("\n".join(dict.fromkeys(problems)))
    return NamedQuery(name, params, description, "\n".join(body_lines).strip() + "\n", file, start + 1)


def _shown(place) -> str:
    """A folder or file for a message: relative to the working directory when it is on disk."""
    return display_path(place) if isinstance(place, (str, os.PathLike)) else str(place)


def load_queries(directory: str | Path | Traversable = CYPHER_DIR) -> dict[str, NamedQuery]:
    """Every ``*.cypher`` file in ``directory`` with a ``// name:`` header, by name.

    Files without a name header (such as ``schema.cypher``) are not named queries.
    ``directory`` is a folder or an :mod:`importlib.resources` traversable; the default is
    the shipped queries.
    """
    if isinstance(directory, str):
        directory = Path(directory)
    if not directory.is_dir():
        raise QueryFileError(f"{_shown(directory)}: no such folder of named queries")
    queries: dict[str, NamedQuery] = {}
    problems = []
    for path in sorted((p for p in directory.iterdir() if p.name.endswith(".cypher") and p.is_file()), key=lambda p: p.name):
        text = path.read_text(encoding="utf-8")
        if not text.lstrip().startswith("// name:"):
            continue
        try:
            query = parse_query(text, _shown(path))
        except QueryFileError as err:
            problems.append(str(err))
            continue
        if query.name in queries:
            problems.append(f"{query.file}:1: query name {query.name!r} is duplicated (first in {queries[query.name].file})")
            continue
        queries[query.name] = query
    if problems:
        raise QueryFileError("\n".join(problems))
    return queries


def named_query(name: str, directory: str | Path | Traversable = CYPHER_DIR) -> NamedQuery:
    """The named query ``name``; an unknown name raises :class:`QueryFileError` listing the names.

    >>> named_query("mirrors").params
    ('target', 'as_of')
    """
    queries = load_queries(directory)
    if name not in queries:
        raise QueryFileError(f"no named query {name!r}. Choose from: {', '.join(sorted(queries))}")
    return queries[name]


# -- embedded twins: the same rows from the in-memory graph ---------------------------
def _who_supports(graph, p):
    from orggraph.queries.support import who_supports

    return [{"supporter": s["supporter"]["id"], "type": s["type"], "supports": s["supports"]["id"],
             "reaches": s["reaches"], "direct": s["direct"]}
            for s in who_supports(graph, p["target"], p.get("as_of"))["supporters"]]


def _appointments(graph, p):
    from orggraph.queries.appointments import appointments

    return [{"appointer": a["appointer"]["id"], "post": a["post"]["id"], "body": (a["body"] or {}).get("id"), "seats": a["seats"]}
            for a in appointments(graph, p["target"], p.get("as_of"))["appointments"]]


def _mirrors(graph, p):
    from orggraph.queries.appointments import mirrors

    return [{"mirror": m["mirror"]["id"], "mirrored": m["mirrored"]["id"], "how": m["how"]}
            for m in mirrors(graph, p.get("target"), p.get("as_of"))["mirrors"]]


def _path(graph, p):
    from orggraph.queries.paths import DEFAULT_LENGTH, paths

    found = paths(graph, p["source"], p["target"], max_length=int(p.get("max_length") or DEFAULT_LENGTH),
                  via=p.get("via"), as_of=p.get("as_of"), limit=10**9)
    return [{"length": len(hops), "hops": [h["edge"] for h in hops]} for hops in found["paths"]]


def _members(graph, p):
    from orggraph.queries.membership import members

    return [{"member": m["member"]["id"], "type": m["type"]} for m in members(graph, p["target"], p.get("as_of"))["members"]]


def _memberships(graph, p):
    from orggraph.queries.membership import memberships

    return [{"part_of": m["part_of"]["id"], "type": m["type"]}
            for m in memberships(graph, p["target"], p.get("as_of"))["memberships"]]


#: The embedded twin of each named query, and the columns of the query's ``ORDER BY`` (none for
#: ``path``: its Cypher sorts as :func:`orggraph.queries.paths.paths` does, and the twin keeps that order).
TWINS = {
    "who_supports": (_who_supports, ("supporter", "supports")),
    "appointments": (_appointments, ("body", "post", "appointer")),
    "mirrors": (_mirrors, ("mirror", "mirrored")),
    "path": (_path, ()),
    "members": (_members, ("member",)),
    "memberships": (_memberships, ("type", "part_of")),
}


def _cypher_order(row: dict, columns: tuple[str, ...]) -> tuple:
    """Cypher's ascending order: nulls last."""
    return tuple((row[c] is None, row[c] if row[c] is not None else 0) for c in columns)


def twin_rows(graph, name: str, params: dict) -> list[dict]:
    """The rows the named query ``name`` gives, computed on the in-memory ``graph``, in the query's order.

    Rows the ``ORDER BY`` leaves tied keep the twin's own order.
    """
    if name not in TWINS:
        raise QueryFileError(f"no embedded twin for query {name!r}. Choose from: {', '.join(TWINS)}")
    twin, order = TWINS[name]
    return sorted(twin(graph, params), key=lambda row: _cypher_order(row, order))

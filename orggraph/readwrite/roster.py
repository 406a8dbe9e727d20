"""Persons from a member roster: a CSV or XLSX file the user keeps, loaded on top of a dataset.

The packaged data names no persons: the sources name offices. A roster says who held a seat
(or a chair) when, and where that is published. Each line becomes a ``Person`` who holds
(``BESTRIDES_AF``, from the post to the person) the seat in its seat group, and the chair or
vice-chair post where the role says so; in a body without seat groups (a KKR body) the person
is a member of the body (``MEDLEM_AF``); ``mirrors`` becomes ``SPEJLER``. The role, who
nominated, the municipality and the substitute are attributes of the holding.

Then the statute is checked, with the numbers from the data on each line's date: the seat
groups of the council and their ``seats``, who nominates each group (``UDPEGER``) and which
municipalities the council covers (``DAEKKER``). Every problem is a
:class:`~orggraph.exceptions.DataError` (``file:line: field: message``); all of them are
collected and raised together as :class:`~orggraph.exceptions.InvalidRoster`.

Nothing here writes anything: the persons live only in the graph returned, never in the
packaged data, the load cache or ``exports/``.

May import: exceptions, model, text, graph.
"""

from __future__ import annotations

__all__ = ["COLUMNS", "ALIASES", "ROLES", "read_roster", "add_rosters", "check_rosters", "check_councils"]

import csv
import os
import re
from datetime import date, timedelta
from pathlib import Path

from orggraph.exceptions import DataError, InvalidRoster, OrgGraphError
from orggraph.graph import OrgGraph
from orggraph.model import Kind, RELATIONS, Rel
from orggraph.text import fold_name

#: The columns of a roster, in order.
COLUMNS = ("name", "body", "role", "nominated_by", "municipality", "title", "substitute_for", "mirrors",
           "valid_from", "valid_to", "source", "locator", "quote")
#: Danish header names accepted for each column.
ALIASES = {
    "navn": "name", "organ": "body", "råd": "body", "rolle": "role", "udpeget af": "nominated_by",
    "indstillet af": "nominated_by", "udpeget_af": "nominated_by", "kommune": "municipality", "titel": "title",
    "suppleant for": "substitute_for", "suppleant_for": "substitute_for", "spejler": "mirrors",
    "gyldig fra": "valid_from", "gyldig_fra": "valid_from", "gyldig til": "valid_to", "gyldig_til": "valid_to",
    "kilde": "source", "sted": "locator", "citat": "quote",
}
#: The roles a line may give.
ROLES = ("medlem", "formand", "næstformand", "suppleant")
_COUNCILS = (Kind.RAR, Kind.Beskaeftigelsesraad)
_BODIES = (*_COUNCILS, Kind.Organ, Kind.KKR, Kind.Sekretariat)
_NOMINATORS = tuple(sorted(RELATIONS[Rel.UDPEGER].sources))  # who may nominate, as the vocabulary says
_ROLE_WORDS = {"formand": "formand", "næstformand": "næstformand"}


class _Line(dict):
    """One roster line: its cells, file and line number, and what it resolved to."""

    def err(self, field: str, message: str) -> DataError:
        return DataError(self["_file"], self["_line"], field, message)


def _header(cell: str) -> str:
    text = (cell or "").strip().lower()
    return ALIASES.get(text, ALIASES.get(text.replace("-", " "), text))


def read_roster(path: str | os.PathLike) -> tuple[list[_Line], list[DataError]]:
    """The lines of a CSV or XLSX roster, each with ``_file`` and ``_line``, and the problems with the file itself."""
    path = Path(path)
    shown = str(path)
    if not path.is_file():
        return [], [DataError(shown, None, "roster", "does not exist or is not a file")]
    try:
        if path.suffix.lower() == ".xlsx":
            from openpyxl import load_workbook

            sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
            rows = [["" if v is None else (v.isoformat()[:10] if hasattr(v, "isoformat") else str(v)) for v in row]
                    for row in sheet.iter_rows(values_only=True)]
        else:
            with open(path, newline="", encoding="utf-8-sig") as handle:
                sample = handle.read(4096)
                handle.seek(0)
                dialect = csv.Sniffer().sniff(sample, delimiters=",;\t") if sample else csv.excel
                rows = list(csv.reader(handle, dialect))
    except (OSError, UnicodeDecodeError, csv.Error, ValueError, KeyError) as err:
        return [], [DataError(shown, None, "roster", f"cannot be read: {err}")]
    if not rows:
        return [], [DataError(shown, 1, "header", f"the file is empty; the columns are: {', '.join(COLUMNS)}")]
    header = [_header(c) for c in rows[0]]
    problems = [DataError(shown, 1, "header", f"unknown column {c!r}. Choose from: {', '.join(COLUMNS)}")
                for c, h in zip(rows[0], header) if h not in COLUMNS and c.strip()]
    problems += [DataError(shown, 1, "header", f"missing column {c!r}") for c in ("name", "body", "role", "source") if c not in header]
    if problems:
        return [], problems
    lines = []
    for number, row in enumerate(rows[1:], 2):
        if not any(c.strip() for c in row):
            continue
        line = _Line({c: "" for c in COLUMNS})
        line.update({h: (v or "").strip() for h, v in zip(header, row) if h in COLUMNS})
        line["_file"], line["_line"] = shown, number
        lines.append(line)
    return lines, []


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold_name(text).replace("æ", "ae").replace("ø", "oe").replace("å", "aa")).strip("-")


def _date(line: _Line, field: str, problems: list) -> str | None:
    value = line[field]
    if not value:
        return None
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise ValueError
        return date.fromisoformat(value).isoformat()
    except ValueError:
        problems.append(line.err(field, f"{value!r} is not a date; use YYYY-MM-DD"))
        return None


def _resolve(graph: OrgGraph, line: _Line, field: str, kinds: tuple[str, ...], problems: list, kind: str | None = None) -> str | None:
    """The id ``line[field]`` names on the line's date, of one of ``kinds``; None (and a problem) if not."""
    try:
        found = graph.resolve(line[field], kind=kind)
    except OrgGraphError as err:
        problems.append(line.err(field, str(err)))
        return None
    node = graph.record(found)
    if node["kind"] not in kinds:
        problems.append(line.err(field, f"{line[field]!r} is {node['name']} ({node['kind']}), not one of: {', '.join(kinds)}"))
        return None
    return found


def _overlap(a: _Line, b: _Line) -> bool:
    return a["_from"] <= (b["_to"] or "9999-12-31") and b["_from"] <= (a["_to"] or "9999-12-31")


def _seat_groups(view: OrgGraph, body: str) -> list[str]:
    return [u for u, _, _, _ in view.in_edges(body, Rel.MEDLEM_AF)
            if view.kind(u) == Kind.Post and "seats" in view.attrs(u)]


def _nominators(view: OrgGraph, post: str) -> list[str]:
    return [u for u, _, _, _ in view.in_edges(post, Rel.UDPEGER)]


def _chair_posts(view: OrgGraph, body: str, role: str) -> list[str]:
    """The body's posts for ``role`` in the data: a 'formand' post's name begins with (or is about)
    the chair; a 'næstformand' post's with the vice-chair."""
    out = []
    for u, _, _, _ in view.in_edges(body, Rel.MEDLEM_AF):
        data = view.record(u)
        words = fold_name(data["name"]).split()
        if data["kind"] == Kind.Post and "seats" not in data["attrs"] and fold_name(role) in words[:2]:
            out.append(u)
    return out


def _resolve_lines(graph: OrgGraph, lines: list[_Line], problems: list) -> None:
    """Fill each line's ``_body``, ``_group``, ``_chair`` etc. from the data on its date (``_from``)."""
    for line in lines:
        before = len(problems)
        if not line["name"]:
            problems.append(line.err("name", "missing; give the person's name"))
        if line["role"] not in ROLES:
            problems.append(line.err("role", f"{line['role']!r} is not a role. Choose from: {', '.join(ROLES)}"
                                     if line["role"] else f"missing. Choose from: {', '.join(ROLES)}"))
        if not line["source"]:
            problems.append(line.err("source", "missing; say where the line comes from (e.g. the title and date of a published member list)"))
        start, end = _date(line, "valid_from", problems), _date(line, "valid_to", problems)
        if not line["valid_from"]:
            problems.append(line.err("valid_from", "missing; the statute is checked on the date the term began (YYYY-MM-DD)"))
        if start and end and end < start:
            problems.append(line.err("valid_to", f"{end} is before valid_from {start}"))
        line["_from"], line["_to"] = start, end
        if not line["body"]:
            problems.append(line.err("body", "missing; name the council or body (e.g. 'RAR Vestjylland')"))
        if start is None or not line["body"]:
            line["_ok"] = False
            continue
        view = graph.as_of(start)
        line["_view"] = view
        line["_body"] = _resolve(view, line, "body", _BODIES, problems)
        line["_municipality"] = _resolve(view, line, "municipality", (Kind.Kommune,), problems, kind=Kind.Kommune) if line["municipality"] else None
        line["_nominated_by"] = _resolve(view, line, "nominated_by", _NOMINATORS, problems) if line["nominated_by"] else None
        line["_ok"] = len(problems) == before
        line["_group"] = line["_chair"] = None


def _place(line: _Line, problems: list) -> None:
    """The seat group (and chair post) a council member's line holds, checked against who nominates
    that group and the municipalities the council covers."""
    view, body = line["_view"], line["_body"]
    name = view.name(body)
    groups = _seat_groups(view, body)
    nominator, municipality = line["_nominated_by"], line["_municipality"]
    if nominator:
        fitting = [g for g in groups if nominator in _nominators(view, g)]
        if not fitting:
            by = "; ".join(f"{view.name(g)} ({view.attrs(g)['seats']}): "
                           + ", ".join(view.name(n) for n in _nominators(view, g)) for g in groups)
            problems.append(line.err("nominated_by", f"{view.name(nominator)} nominates none of the seats in "
                                                     f"{name} on {line['_from']}; the seat groups and who nominates them: {by}"))
            return
    elif municipality:
        fitting = [g for g in groups if view.attrs(g).get("group") == "kommunale"]
    else:
        problems.append(line.err("nominated_by", f"missing; say who nominated the member of {name} (e.g. 'DA', or the KKR)"))
        return
    if len(fitting) != 1:
        problems.append(line.err("nominated_by", f"cannot tell the seat group in {name}: "
                                                 f"{', '.join(view.name(g) for g in fitting) or 'none'}"))
        return
    group = line["_group"] = fitting[0]
    if view.attrs(group).get("group") == "kommunale":
        if not municipality:
            problems.append(line.err("municipality", f"missing; a municipal member of {name} comes from a municipality it covers"))
        elif not view.has_edge_between(body, municipality, Rel.DAEKKER):
            problems.append(line.err("municipality", f"{view.name(municipality)} is not covered by {name} on "
                                                     f"{line['_from']} (the data's 'dækker'); a municipal member comes from a municipality the council covers"))
        elif nominator and view.kind(nominator) == Kind.KKR and not view.has_edge_between(municipality, nominator, Rel.MEDLEM_AF):
            problems.append(line.err("nominated_by", f"{view.name(municipality)} is not a member of "
                                                     f"{view.name(nominator)} on {line['_from']}"))
    if line["role"] in _ROLE_WORDS:
        posts = _chair_posts(view, body, line["role"])
        if len(posts) > 1:
            kommunal = [p for p in posts if "kommunal" in fold_name(view.name(p))]
            posts = kommunal if view.attrs(group).get("group") == "kommunale" and kommunal else \
                [p for p in posts if p not in kommunal]
        line["_chair"] = posts[0] if len(posts) == 1 else None


def check_rosters(graph: OrgGraph, lines: list[_Line]) -> list[DataError]:
    """Resolve every line and check the statute; the problems, in file and line order.

    The lines are changed in place (their ``_body``, ``_group``, ``_chair``, ``_person``, …).
    """
    problems: list[DataError] = []
    _resolve_lines(graph, lines, problems)
    good = [ln for ln in lines if ln["_ok"]]
    by_name: dict[tuple[str, str], list[_Line]] = {}
    for line in good:
        line["_person"] = "person-" + _slug(line["name"])
        by_name.setdefault((line["_body"], fold_name(line["name"])), []).append(line)
    councils = [ln for ln in good if graph.kind(ln["_body"]) in _COUNCILS]
    for line in councils:
        if line["role"] != "suppleant":
            _place(line, problems)
    for line in good:
        if line["role"] == "suppleant":
            if not line["substitute_for"]:
                problems.append(line.err("substitute_for", "missing; name the member this person stands in for"))
                continue
            members = [m for m in by_name.get((line["_body"], fold_name(line["substitute_for"])), [])
                       if m["role"] != "suppleant" and _overlap(m, line)]
            if not members:
                problems.append(line.err("substitute_for", f"{line['substitute_for']!r} is not a member of "
                                                           f"{graph.name(line['_body'])} in this roster during the term"))
                continue
            line["_member"] = members[0]
            line["_group"] = members[0].get("_group")
        elif line["substitute_for"]:
            problems.append(line.err("substitute_for", f"only a line with role 'suppleant' stands in for a member (this one is {line['role']!r})"))
    # at most one substitute per member
    subs: dict[int, list[_Line]] = {}
    for line in good:
        if line.get("_member") is not None:
            for other in subs.setdefault(id(line["_member"]), []):
                if _overlap(other, line):
                    problems.append(line.err("substitute_for", f"{line['substitute_for']} already has a substitute, "
                                                               f"{other['name']} ({other['_file']}:{other['_line']}); a member has at most one"))
                    break
            subs[id(line["_member"])].append(line)
    # seat groups never over-filled; one chair; the vice-chairs the data states; no overlapping terms in one seat
    holders: dict[str, list[_Line]] = {}
    for line in councils:
        if line.get("_group") and line["role"] != "suppleant":
            holders.setdefault(line["_group"], []).append(line)
    for group, held in holders.items():
        for line in held:
            view = line["_view"]
            seats = view.attrs(group)["seats"]
            active = sorted((h for h in held if _overlap(h, {"_from": line["_from"], "_to": line["_from"]})),
                            key=lambda h: (h["_from"], h["_file"], h["_line"]))
            same = [h for h in active if h is not line and fold_name(h["name"]) == fold_name(line["name"]) and h["_line"] < line["_line"]]
            if same:
                problems.append(line.err("valid_from", f"{line['name']}'s term in {view.name(group)} overlaps "
                                                       f"the term on {same[0]['_file']}:{same[0]['_line']}"))
            elif len(active) > seats and line in active[seats:]:
                problems.append(line.err("body", f"{view.name(group)} has {seats} seat(s) on {line['_from']} "
                                                 f"(the data's seat group), and this line is member number {active.index(line) + 1}"))
    for role in _ROLE_WORDS:
        bodies: dict[str, list[_Line]] = {}
        for line in councils:
            if line["role"] == role:
                bodies.setdefault(line["_body"], []).append(line)
        for body, held in bodies.items():
            for line in held:
                view = line["_view"]
                stated = len(_chair_posts(view, body, role))
                most = 1 if role == "formand" else stated
                earlier = [h for h in held if h["_line"] < line["_line"] and _overlap(h, line)]
                if most and len(earlier) >= most:
                    word = "chair" if role == "formand" else f"vice-chair(s) the data states ({most})"
                    problems.append(line.err("role", f"{view.name(body)} has one {word} at a time; this term overlaps "
                                                     f"{earlier[-1]['name']}'s ({earlier[-1]['_file']}:{earlier[-1]['_line']})"
                                                     if role == "formand" else
                                                     f"{view.name(body)} has the {word}; this term overlaps "
                                                     f"{earlier[-1]['name']}'s ({earlier[-1]['_file']}:{earlier[-1]['_line']})"))
    # mirrors: a roster person's name or a node of the data
    names = {fold_name(ln["name"]): ln["_person"] for ln in good}
    for line in good:
        if line["mirrors"]:
            line["_mirrors"] = names.get(fold_name(line["mirrors"])) or _resolve(line["_view"], line, "mirrors", (Kind.Post, Kind.Organ), problems)
    problems.sort(key=lambda p: (p.file, p.line or 0))
    return problems


def _source(line: _Line) -> dict:
    return {"document": line["source"], "locator": line["locator"] or line["source"], "quote": line["quote"]}


def add_rosters(graph: OrgGraph, paths: list[str | os.PathLike]) -> OrgGraph:
    """A new graph: ``graph`` (all dates) with the persons of the rosters at ``paths``.

    Raises :class:`~orggraph.exceptions.InvalidRoster` with every problem of every roster
    (a file that cannot be read, an unknown or ambiguous reference, a missing source, a
    broken statute rule). ``graph`` itself is not changed.
    """
    graph = graph.full
    lines, problems = [], []
    for path in paths:
        found, trouble = read_roster(path)
        lines += found
        problems += trouble
    problems += check_rosters(graph, lines)
    if problems:
        raise InvalidRoster(problems)
    out = OrgGraph.from_records(graph.node_records(), graph.edge_records(), graph.documents)
    for line in lines:
        if line["source"] not in out.documents:
            out.documents[line["source"]] = {"title": line["source"], "kind": "roster"}
        pid = line["_person"]
        if pid not in out:
            out.add_node({"id": pid, "kind": Kind.Person, "name": line["name"], "aliases": [], "area": None,
                          "attrs": {}, "valid_from": None, "valid_to": None, "confidence": "stated",
                          "confidence_note": None, "sources": []})
        data = out.record(pid)
        data["sources"] = [*data["sources"], _source(line)]
        for key, field in (("title", "title"), ("municipality", "_municipality")):
            if line.get(field) and key not in data["attrs"]:
                data["attrs"] = {**data["attrs"], key: line[field]}
        attrs = {"role": line["role"], "roster": f"{line['_file']}:{line['_line']}"}
        for key, field in (("nominated_by", "_nominated_by"), ("municipality", "_municipality"), ("title", "title")):
            if line.get(field):
                attrs[key] = line[field]
        if line.get("_member") is not None:
            attrs["substitute_for"] = line["_member"]["_person"]

        def edge(start: str, relation: str, end: str) -> None:
            out.add_edge({"id": f"{start}:{relation}:{end}:{line['_file']}:{line['_line']}", "from": start, "type": relation,
                          "to": end, "area": None, "attrs": dict(attrs), "valid_from": line["_from"], "valid_to": line["_to"],
                          "confidence": "stated", "confidence_note": None, "sources": [_source(line)]})

        if line.get("_group"):
            edge(line["_group"], Rel.BESTRIDES_AF, pid)
        else:
            edge(pid, Rel.MEDLEM_AF, line["_body"])
        if line.get("_chair"):
            edge(line["_chair"], Rel.BESTRIDES_AF, pid)
        if line.get("_mirrors"):
            edge(pid, Rel.SPEJLER, line["_mirrors"])
    return out


def _change_days(records: list[dict]) -> set[str]:
    """The days on which ``records`` start or stop being in force (as :meth:`OrgGraph.change_days`)."""
    days = {r["valid_from"] for r in records if r.get("valid_from")}
    return days | {(date.fromisoformat(r["valid_to"]) + timedelta(days=1)).isoformat() for r in records if r.get("valid_to")}


def check_councils(graph: OrgGraph, raw=None) -> list[DataError]:
    """The statute in the dataset itself: on every day something changes, each council's seat
    groups (its posts with ``seats``) add up to its ``members`` (21 in a RAR, 18 in a regionalt
    beskæftigelsesråd). Located at the council's ``attrs.members`` in ``raw`` (a
    :class:`~orggraph.readwrite.records.RawDataset`, or a function that reads it, called only
    when there is a problem to locate) when given.

    >>> from orggraph import load
    >>> check_councils(load())
    []
    """
    councils = [n for n in graph.node_ids() if graph.kind(n) in _COUNCILS and isinstance(graph.attrs(n).get("members"), int)]
    change_days = graph.change_days() if councils else []
    views: dict[str, OrgGraph] = {}
    found = []
    # A council's seat count can only change on a day its own record, its MEDLEM_AF edges or
    # their posts start or stop: those days (and the first change day of all) are looked at,
    # not every change day of a big dataset. The first failing day is the same.
    for index, council in enumerate(councils):
        full = graph.full
        records = [full.record(council)]
        for u, _, _, d in full.in_edges(council, Rel.MEDLEM_AF):
            records += [d, full.record(u)]
        for day in sorted(set(change_days[:1]) | _change_days(records)):
            view = views.get(day)
            if view is None:  # not `or`: a view's truth is its length, which counts every node
                view = views[day] = graph.as_of(day)
            if council not in view:
                continue
            data = view.record(council)
            members = data["attrs"]["members"]
            groups = _seat_groups(view, council)
            seats = sum(view.attrs(g)["seats"] for g in groups)
            if groups and seats != members:
                found.append((day, index, council, view, data, members, groups, seats))
                break
    problems, where = [], None
    for day, _, council, view, data, members, groups, seats in sorted(found, key=lambda f: f[:2]):
        if where is None:  # read the records' lines only for a problem to place
            raw = raw() if callable(raw) else raw
            where = {r.data.get("id"): r for r in (raw.nodes if raw is not None else [])}
        record = where.get(council)
        file, line = (record.file, record.line(("attrs", "members"))) if record else ("dataset", None)
        field = f"{record.prefix}.attrs.members".lstrip(".") if record else f"{council}.attrs.members"
        listed = ", ".join(f"{view.name(g)} {view.attrs(g)['seats']}" for g in groups)
        problems.append(DataError(file, line, field, f"{data['name']} has {members} members, but its seat groups add up "
                                                     f"to {seats} on {day}: {listed}"))
    return problems

"""OrgGraph: the organisation as a typed networkx MultiDiGraph, with its source register.

Nodes are keyed by id; edges by edge id. Every node and edge keeps its kind or
relation type, attributes, validity dates, confidence mark and sources.

May import: exceptions, model, text.

>>> from orggraph import load
>>> g = load()
>>> g.node("kkr-nordjylland")["kind"]
'KKR'
>>> g.resolve("direktoerkredsen")
'organ-nordjylland-direktoerkredsen'
>>> g.as_of("2016-06-01").has_edge_between("rar-vestjylland", "kommune-791")
True
>>> g.as_of("2019-06-01").has_edge_between("rar-vestjylland", "kommune-791")
False
"""

from __future__ import annotations

__all__ = ["EDGE_ROW", "OrgGraph", "uncertain"]

import difflib
import functools
import operator
from datetime import date, timedelta
from collections import Counter
from collections.abc import Iterator

import networkx as nx

from orggraph.exceptions import AmbiguousReference, NotInForce, OrgGraphError, UnknownReference, WrongKind
from orggraph.model import EDGE_FIELDS, KINDS, NODE_FIELDS, Kind, RELATIONS, Rel
from orggraph.text import fold_name

_NODE_KEYS = NODE_FIELDS[1:]  # stored on the networkx node; the id is its key
_EDGE_KEYS = tuple(f for f in EDGE_FIELDS if f not in ("id", "from", "type", "to"))  # the ends and key are networkx's; type is stored first
#: The views a networkx graph caches on itself, each pointing back at the graph (see OrgGraph.__del__).
_NX_CACHED_VIEWS = tuple(dict.fromkeys(name for cls in nx.MultiDiGraph.__mro__ for name, value in vars(cls).items()
                                       if isinstance(value, functools.cached_property)))
# A record's stored fields picked in one step (a record missing one goes the slower way, .get).
_NODE_STORED = (_NODE_KEYS, operator.itemgetter(*_NODE_KEYS))
_EDGE_STORED = (("type", *_EDGE_KEYS), operator.itemgetter("type", *_EDGE_KEYS))


#: The keys every edge has as a row of a query's JSON result (:meth:`OrgGraph.edge_row`): the edge id,
#: its relation type, validity, confidence and titled sources; each query adds its own keys
#: (``mirror``, ``appointer``, ``from``/``to`` of a path's hop …) between ``type`` and ``valid_from``.
EDGE_ROW = ("edge", "type", "valid_from", "valid_to", "confidence", "confidence_note", "sources")


def _known(relation: str | None) -> None:
    """Refuse a relation name outside the vocabulary (a programming error, not bad data)."""
    if relation is not None and relation not in RELATIONS:
        raise ValueError(f"unknown relation {relation!r}; see orggraph.model.RELATIONS")


def _in_force(record: dict, day: str) -> bool:
    start, end = record.get("valid_from"), record.get("valid_to")
    return (start is None or start <= day) and (end is None or day <= end)


def uncertain(record: dict, day: str) -> str | None:
    """Why ``record`` is only possibly in force on ``day``, or None when it surely is.

    A start or an end known only to lie in a window (``attrs.uncertain_from`` or
    ``attrs.uncertain_to``, see README "Dates") makes the fact uncertain inside it.

    >>> edge = {"valid_to": "2018-04-29", "attrs": {"uncertain_to": ["2016-11-02", "2018-04-29"]}}
    >>> uncertain(edge, "2017-06-01")
    'ophørte mellem 2016-11-02 og 2018-04-29'
    >>> uncertain(edge, "2016-01-01") is None
    True
    """
    attrs = record.get("attrs") or {}
    start, end = attrs.get("uncertain_from"), attrs.get("uncertain_to")
    if start and start[0] <= day < start[1]:
        return f"begyndte mellem {start[0]} og {start[1]}"
    if end and end[0] <= day <= end[1]:
        return f"ophørte mellem {end[0]} og {end[1]}"
    return None


class OrgGraph:
    """The organisation graph.

    ``graph`` is the underlying :class:`networkx.MultiDiGraph`; ``documents`` maps a
    document id to its register entry (title, issuer, date, …).
    """

    def __init__(self, documents: dict[str, dict] | None = None):
        self.graph = nx.MultiDiGraph()
        self.documents: dict[str, dict] = dict(documents or {})
        self._edge_ends: dict[str, tuple[str, str]] = {}
        self._index: dict[str, list[str]] | None = None
        self._base: OrgGraph | None = None  # the full graph, when this is an as_of view

    def __del__(self) -> None:
        # A networkx graph keeps the views it hands out (G.edges, G.degree, ...) in its own
        # __dict__, and each view points back at the graph: a cycle, so a dropped graph and every
        # node and edge dict in it waited for the cycle collector (1.1 s at 100k nodes, against
        # well under that freed at once). The views are only caches: dropped here, the graph
        # goes as soon as nothing else holds it.
        try:
            cached = vars(self.graph)
            for name in _NX_CACHED_VIEWS:
                cached.pop(name, None)
        except Exception:  # half-made (an error in __init__), or the interpreter shutting down: nothing to do
            pass

    # -- building ------------------------------------------------------------
    @classmethod
    def from_records(cls, nodes: list[dict], edges: list[dict], documents: dict[str, dict] | None = None) -> OrgGraph:
        """A graph of clean node and edge records, as :meth:`node_records` and :meth:`edge_records` give them.

        >>> from orggraph import load
        >>> g = load()
        >>> copy = OrgGraph.from_records(g.node_records(), g.edge_records(), g.documents)
        >>> copy.node_records() == g.node_records() and copy.edge_records() == g.edge_records()
        True
        """
        graph = cls(documents)
        # networkx's own dicts, filled directly: what add_node and add_edge do, without their
        # per-call checks (a third of a big dataset's load). A repeated id goes the usual way.
        g = graph.graph
        node_data, succ, pred, edge_ends = g._node, g._succ, g._pred, graph._edge_ends
        (node_keys, node_values), (edge_keys, edge_values) = _NODE_STORED, _EDGE_STORED
        for record in nodes:
            node_id = record["id"]
            if node_id in node_data:
                graph.add_node(record)
                continue
            try:
                node_data[node_id] = dict(zip(node_keys, node_values(record)))
            except KeyError:
                node_data[node_id] = {k: record.get(k) for k in _NODE_KEYS}
            succ[node_id] = {}
            pred[node_id] = {}
        for record in edges:
            source, target, key = record["from"], record["to"], record["id"]
            out = succ.get(source)
            if out is None or target not in pred:
                graph.add_edge(record)  # raises: an unknown end
                continue
            keys = out.get(target)
            if keys is None:
                keys = out[target] = pred[target][source] = {}
            elif key in keys:
                graph.add_edge(record)
                continue
            try:
                keys[key] = dict(zip(edge_keys, edge_values(record)))
            except KeyError:
                keys[key] = {"type": record["type"], **{k: record.get(k) for k in _EDGE_KEYS}}
            edge_ends[key] = (source, target)
        getattr(nx, "_clear_cache", lambda _: None)(g)
        graph._index = graph._group_index = None
        return graph

    def add_node(self, record: dict) -> None:
        """Add a node from a clean record (see :mod:`orggraph.readwrite.validate`)."""
        self.graph.add_node(record["id"], **{k: record.get(k) for k in _NODE_KEYS})
        self._index = None
        self._group_index = None

    def add_edge(self, record: dict) -> None:
        """Add an edge from a clean record; both ends must exist."""
        source, target = record["from"], record["to"]
        for end in (source, target):
            if end not in self.graph:
                raise OrgGraphError(f"edge {record['id']!r} refers to unknown node {end!r}")
        self.graph.add_edge(source, target, key=record["id"], type=record["type"], **{k: record.get(k) for k in _EDGE_KEYS})
        self._edge_ends[record["id"]] = (source, target)

    # -- reading ---------------------------------------------------------------
    def __contains__(self, node_id: str) -> bool:
        return node_id in self.graph

    def __len__(self) -> int:
        return self.graph.number_of_nodes()

    def titled(self, sources: list[dict]) -> list[dict]:
        """Sources in the public shape ``{document, title, locator, quote}``."""
        return [
            {"document": s["document"], "title": self.documents.get(s["document"], {}).get("title", ""),
             "locator": s["locator"], "quote": s["quote"]}
            for s in sources
        ]

    def kind(self, node_id: str) -> str:
        """The kind of a node (one of :data:`orggraph.model.KINDS`).

        >>> from orggraph import load
        >>> g = load()
        >>> g.kind("rar-fyn"), g.name("rar-fyn"), g.attrs("kkr-fyn") if "kkr-fyn" in g else {}
        ('RAR', 'RAR Fyn', {})
        """
        return self.graph.nodes[node_id]["kind"]

    def name(self, node_id: str) -> str:
        """The display name of a node."""
        return self.graph.nodes[node_id]["name"]

    def attrs(self, node_id: str) -> dict:
        """A node's typed attributes (``{}`` when it has none); see :data:`orggraph.model.ATTRIBUTES`."""
        return self.graph.nodes[node_id]["attrs"] or {}

    def area(self, node_id: str) -> str | None:
        """The KKR area a node belongs to, or None."""
        return self.graph.nodes[node_id]["area"]

    def record(self, node_id: str) -> dict:
        """A node's stored fields (kind, name, aliases, area, attrs, validity, confidence, sources), read-only by
        convention; :meth:`node` gives the JSON-ready copy with titled sources."""
        return self.graph.nodes[node_id]

    def ends(self, edge_id: str) -> tuple[str, str]:
        """``(source, target)`` of an edge, in its own direction.

        >>> from orggraph import load
        >>> g = load()
        >>> _, _, k, _ = next(g.edges("UDPEGER"))
        >>> g.kind(g.ends(k)[0]) in ("KKR", "Kommune", "Organisation")
        True
        """
        return self._edge_ends[edge_id]

    def edge_data(self, edge_id: str) -> dict:
        """An edge's stored fields (type, area, attrs, validity, confidence, sources); :meth:`edge` gives the JSON copy."""
        source, target = self._edge_ends[edge_id]
        return self.graph.edges[source, target, edge_id]

    def node(self, node_id: str) -> dict:
        """A node as a JSON-ready dict: id, kind, name and all its attributes, with sources."""
        data = self.graph.nodes[node_id]
        out = {"id": node_id}
        out.update({k: data[k] for k in _NODE_KEYS})
        out["sources"] = self.titled(data["sources"])
        return out

    def brief(self, node_id: str) -> dict:
        """``{"id", "kind", "name"}`` of a node."""
        data = self.graph.nodes[node_id]
        return {"id": node_id, "kind": data["kind"], "name": data["name"]}

    def _edge_dict(self, source: str, target: str, key: str, data: dict) -> dict:
        out = {"id": key, "from": source, "type": data["type"], "to": target}
        out.update({k: data[k] for k in _EDGE_KEYS})
        return out

    def edge(self, edge_id: str) -> dict:
        """An edge as a JSON-ready dict, with sources titled."""
        source, target = self._edge_ends[edge_id]
        out = self._edge_dict(source, target, edge_id, self.graph.edges[source, target, edge_id])
        out["sources"] = self.titled(out["sources"])
        return out

    def edge_row(self, edge_id: str, **extra) -> dict:
        """An edge as a row of a query's result: the keys of :data:`EDGE_ROW`, with the query's own
        keys ``extra`` after ``type``. Every query that returns edges returns them in this shape.

        >>> from orggraph import load
        >>> row = load().edge_row("kkr-nordjylland:UDPEGER:post-rar-nordjylland-kommunale", seats=5)
        >>> list(row)
        ['edge', 'type', 'seats', 'valid_from', 'valid_to', 'confidence', 'confidence_note', 'sources']
        >>> row["type"], row["confidence"], row["sources"][0]["title"][:15]
        ('UDPEGER', 'stated', 'KKR Nordjylland')
        """
        taken = sorted(set(extra) & set(EDGE_ROW))
        if taken:
            raise ValueError(f"{taken[0]!r} is a key of every edge row (EDGE_ROW); a query may not redefine it")
        data = self.edge_data(edge_id)
        return {"edge": edge_id, "type": data["type"], **extra, "valid_from": data["valid_from"], "valid_to": data["valid_to"],
                "confidence": data["confidence"], "confidence_note": data["confidence_note"], "sources": self.titled(data["sources"])}

    def hop(self, edge_id: str) -> dict:
        """One step of a path: an :meth:`edge_row` with ``from`` and ``to`` in the edge's own direction."""
        source, target = self._edge_ends[edge_id]
        return self.edge_row(edge_id, **{"from": source, "to": target})

    def node_ids(self, kind: str | None = None) -> list[str]:
        """Node ids, optionally of one kind, in the order they were added."""
        if kind is None:
            return list(self.graph)
        return self._indexed(self.full._groups()[0].get(kind, ()))

    def kinds(self) -> dict[str, str]:
        """``{node id: kind}`` of every node, in the order they were added (the formats look kinds up by the thousand)."""
        return {n: d["kind"] for n, d in self.graph.nodes(data=True)}

    def area_node_ids(self, area: str) -> list[str]:
        """The ids of the nodes whose ``area`` is ``area``, in the order they were added.

        >>> from orggraph import load
        >>> g = load().as_of("2022-01-01")
        >>> g.area_node_ids("kkr-fyn") == [n for n in g.node_ids() if g.area(n) == "kkr-fyn"]
        True
        """
        return self._indexed(self.full._groups()[1].get(area, ()))

    def _indexed(self, ids) -> list[str]:
        """``ids`` of the full graph that this graph (a date's view) holds."""
        if self._base is None:
            return list(ids)
        graph = self.graph
        return [n for n in ids if n in graph]

    def _groups(self) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
        """The node ids by kind and by area, built once (on the full graph) when first asked:
        a big dataset's figures and comparisons ask per area and per kind many times."""
        groups = getattr(self, "_group_index", None)
        if groups is None:
            kinds: dict[str, list[str]] = {}
            areas: dict[str, list[str]] = {}
            for node_id, data in self.graph.nodes(data=True):
                kinds.setdefault(data["kind"], []).append(node_id)
                if data["area"] is not None:
                    areas.setdefault(data["area"], []).append(node_id)
            groups = self._group_index = (kinds, areas)
        return groups

    def node_records(self) -> list[dict]:
        """Every node as a clean record (the loaders' input shape), sources untitled."""
        return [{"id": n, **{k: d[k] for k in _NODE_KEYS}} for n, d in self.graph.nodes(data=True)]

    def edge_records(self) -> list[dict]:
        """Every edge as a clean record (the loaders' input shape), sources untitled."""
        return [self._edge_dict(u, v, k, d) for u, v, k, d in self.graph.edges(keys=True, data=True)]

    def edges(self, relation: str | None = None) -> Iterator[tuple[str, str, str, dict]]:
        """``(source, target, edge_id, data)`` for every edge, or every edge of ``relation``.

        A relation outside the vocabulary is refused, so a typo cannot pass as "no edges":

        >>> from orggraph import load
        >>> next(load().edges("UDPGER"))
        Traceback (most recent call last):
        ...
        ValueError: unknown relation 'UDPGER'; see orggraph.model.RELATIONS
        """
        _known(relation)
        for u, v, k, d in self.graph.edges(keys=True, data=True):
            if relation is None or d["type"] == relation:
                yield u, v, k, d

    def out_edges(self, node_id: str, relation: str | None = None) -> Iterator[tuple[str, str, str, dict]]:
        """``(source, target, edge_id, data)`` for edges leaving ``node_id``."""
        _known(relation)
        try:  # networkx's own adjacency (filtered in a date's view): no view object a call
            neighbours = self.graph._succ[node_id]
        except KeyError:
            return
        for v, keys in neighbours.items():
            for k, d in keys.items():
                if relation is None or d["type"] == relation:
                    yield node_id, v, k, d

    def in_edges(self, node_id: str, relation: str | None = None) -> Iterator[tuple[str, str, str, dict]]:
        """``(source, target, edge_id, data)`` for edges entering ``node_id``."""
        _known(relation)
        try:
            neighbours = self.graph._pred[node_id]
        except KeyError:
            return
        for u, keys in neighbours.items():
            for k, d in keys.items():
                if relation is None or d["type"] == relation:
                    yield u, node_id, k, d

    def has_edge_between(self, source: str, target: str, relation: str | None = None) -> bool:
        """Whether any edge (of ``relation``, if given) goes from ``source`` to ``target``."""
        _known(relation)
        if not self.graph.has_edge(source, target):
            return False
        return relation is None or any(d["type"] == relation for d in self.graph[source][target].values())

    def counts(self) -> dict:
        """``{"nodes": {kind: n}, "edges": {type: n}}``, kinds in vocabulary order."""
        kinds = Counter(d["kind"] for _, d in self.graph.nodes(data=True))
        types = Counter(d["type"] for _, _, d in self.graph.edges(data=True))
        return {
            "nodes": {k: kinds[k] for k in KINDS if kinds[k]},
            "edges": dict(sorted(types.items())),
        }

    # -- time ------------------------------------------------------------------
    @property
    def full(self) -> OrgGraph:
        """The whole graph, all dates: this graph, or the graph an :meth:`as_of` view was taken of."""
        return self._base if self._base is not None else self

    @property
    def day(self) -> str | None:
        """The date of an :meth:`as_of` view; None for the whole graph."""
        return getattr(self, "_day", None)

    def as_of(self, day: str | None) -> OrgGraph:
        """The graph as it stood on ``day`` (ISO date; validity is inclusive at both ends).

        The result is a read-only view: nodes and edges are filtered when they are
        looked at, so taking a view costs nothing however large the graph is.
        """
        if day is None:
            return self
        base = self.graph
        nodes, succ = base._node, base._succ  # networkx's own dicts: no view object a look
        known: dict[str, bool] = {}  # a node's answer, found once: a view asks about a node many times

        def node_in_force(n: str) -> bool:
            answer = known.get(n)
            if answer is None:
                answer = known[n] = _in_force(nodes[n], day)
            return answer

        view = OrgGraph.__new__(OrgGraph)
        view.graph = nx.subgraph_view(
            base,
            filter_node=node_in_force,
            filter_edge=lambda u, v, k: _in_force(succ[u][v][k], day),
        )
        view.documents = self.documents
        view._edge_ends = self._edge_ends
        view._index = None
        view._base = self._base if self._base is not None else self
        view._day = day
        return view

    def change_days(self) -> list[str]:
        """Every day on which something in the data starts or stops being in force, sorted.

        A fact that ends on ``valid_to`` stops being in force the day after, so that day is
        the change. Between two change days the graph stays the same.
        """
        graph = self.full.graph
        records = [d for _, d in graph.nodes(data=True)] + [d for _, _, d in graph.edges(data=True)]
        days = {r["valid_from"] for r in records if r.get("valid_from")}
        days |= {(date.fromisoformat(r["valid_to"]) + timedelta(days=1)).isoformat() for r in records if r.get("valid_to")}
        return sorted(days)

    def latest_change(self) -> str | None:
        """The last date on which anything in the data starts or stops being in force,
        future dates included (a known merger in 2027, say).

        From this day on the graph stays the same. Exports use it as their modification date;
        queries, charts and comparisons default to :meth:`current_day` instead.

        >>> from orggraph import load
        >>> load().latest_change()  # Region Østdanmark, from the merger of 1 January 2027
        '2027-01-01'
        """
        return max(self.change_days(), default=None)

    def current_day(self, today: str | date | None = None) -> str | None:
        """The default date of every query, chart and comparison: the latest day, on or before
        ``today`` (default: the computer's date), on which anything in the data starts or stops
        being in force.

        The state of the data on ``today`` is the state that began on this day, so answers
        name that day ("Stand pr. 2025-03-01") and stay the same until the next change in the
        data comes into force. None when nothing in the data is dated on or before ``today``.

        >>> from orggraph import load
        >>> g = load()
        >>> g.current_day("2026-06-01")  # the five regionale beskæftigelsesråd, from 1 March 2025
        '2025-03-01'
        >>> g.current_day("2025-02-28") < "2025-03-01"
        True
        >>> g.current_day("2027-06-01")  # Region Østdanmark
        '2027-01-01'
        """
        day = (today if isinstance(today, str) else (today or date.today()).isoformat())
        past = [d for d in self.change_days() if d <= day]
        return past[-1] if past else None

    def replaced_by(self, node_id: str) -> list[dict]:
        """What replaced ``node_id`` (AFLOESER edges into it), whatever the date.

        Edge rows (:meth:`edge_row`) with ``node`` (``{id, kind, name}``) and ``from``, earliest
        first; ``from`` is the day the replacement took over (its own valid_from).
        """
        base = self._base if self._base is not None else self
        rows = []
        for source, _, key, data in base.in_edges(node_id, Rel.AFLOESER):
            start = data["valid_from"] or base.record(source)["valid_from"]
            rows.append(base.edge_row(key, node=base.brief(source), **{"from": start}))
        return sorted(rows, key=lambda r: (r["from"] or "", r["node"]["name"]))

    def era(self, node_id: str, day: str) -> dict:
        """Where ``day`` lies against the validity of ``node_id``: in force, or not (yet) and what to ask instead.

        ``{"in_force", "uncertain", "valid_from", "valid_to", "replaced_by", "as_of_hint", "text"}``: ``uncertain``
        says why a node in force is only possibly so (see :func:`uncertain`); ``as_of_hint`` is a
        date on which the node is in force (its last day when it has ended, its first when it has not
        begun), ``text`` says all of it in one Danish sentence (empty when the node is in force).
        """
        base = self._base if self._base is not None else self
        data = base.record(node_id)
        start, end = data["valid_from"], data["valid_to"]
        in_force = _in_force(data, day)
        replaced = self.replaced_by(node_id) if end and end < day else []
        hint = None if in_force else (end if end and end < day else start)
        text = ""
        if not in_force:
            if end and end < day:
                text = f"{data['name']} ophørte {end}"
                if replaced:
                    text += "; afløst fra " + " og ".join(
                        f"{r['from']} af {r['node']['name']}" for r in replaced)
            else:
                text = f"{data['name']} er først gyldig fra {start}"
            text += f". Brug --as-of {hint} for at se {data['name']}."
        return {"in_force": in_force, "uncertain": uncertain(data, day) if in_force else None, "valid_from": start,
                "valid_to": end, "replaced_by": replaced, "as_of_hint": hint, "text": text}

    # -- references --------------------------------------------------------------
    def _names(self) -> dict[str, list[str]]:
        """Folded id, name and alias -> node ids, built once on the full graph."""
        if self._base is not None:
            return self._base._names()
        if self._index is None:
            index: dict[str, list[str]] = {}
            for node_id, data in self.graph.nodes(data=True):
                for name in {node_id, data["name"], *data["aliases"]}:
                    ids = index.setdefault(fold_name(name), [])
                    if node_id not in ids:
                        ids.append(node_id)
            self._index = index
        return self._index

    def select(self, as_of: str | None = None, region: str | None = None) -> "OrgGraph":
        """The part of the graph to export: in force on ``as_of``, and/or one KKR area.

        A region is the nodes whose ``area`` is that KKR, the edges whose ``area`` is that KKR,
        and the nodes those edges reach (KL, STAR, the arbejdsmarkedskontor serving its RAR).

        >>> from orggraph import load
        >>> part = load().select("2022-01-01", "Nordjylland")
        >>> "rar-nordjylland" in part.graph, "rar-fyn" in part.graph
        (True, False)
        """
        view = self.as_of(as_of)
        if region is None:
            return view
        area = view.resolve(region, kind=Kind.KKR)
        edges = [e for e in view.edge_records() if e["area"] == area]
        keep = {n for n, d in view.graph.nodes(data=True) if d["area"] == area} | {e[end] for e in edges for end in ("from", "to")}
        return OrgGraph.from_records([r for r in view.node_records() if r["id"] in keep], edges, self.documents)

    def resolve(self, ref: str, kind: str | None = None) -> str:
        """The id of the node that ``ref`` names, by id, name or alias; of ``kind`` when given.

        Case, white space and æ/ø/å against ae/oe/aa are ignored. With ``kind``, a short
        name is also tried with the kind in front, so "Sjælland" finds "KKR Sjælland" for
        ``kind="KKR"`` and "RAR Sjælland" for ``kind="RAR"``. This is the one lookup every
        command uses. Raises :class:`UnknownReference` (with suggestions),
        :class:`AmbiguousReference` or :class:`WrongKind`.

        >>> from orggraph import load
        >>> g = load()
        >>> g.resolve("Sjælland", kind="KKR"), g.resolve("sjaelland", kind="RAR"), g.resolve("kkr-sjaelland", kind="KKR")
        ('kkr-sjaelland', 'rar-sjaelland', 'kkr-sjaelland')
        """
        if kind is None:
            return self._resolve(ref)
        try:
            found = self._resolve(ref)
        except (UnknownReference, AmbiguousReference) as err:
            try:
                return self._resolve_kind(f"{kind} {ref}", kind)
            except NotInForce:
                raise  # "Fyn" names RAR Fyn, which is not in force on this date: say so
            except UnknownReference:
                raise err from None
        if self.graph.nodes[found]["kind"] == kind:
            return found
        try:
            return self._resolve_kind(f"{kind} {ref}", kind)
        except (UnknownReference, AmbiguousReference):
            node = self.graph.nodes[found]
            raise WrongKind(ref, found, node["name"], node["kind"], kind) from None

    def _resolve_kind(self, ref: str, kind: str) -> str:
        found = self._resolve(ref)
        if self.graph.nodes[found]["kind"] != kind:
            raise UnknownReference(ref)
        return found

    def _resolve(self, ref: str) -> str:
        if ref in self.graph:
            return ref
        if self._base is not None and ref in self._base.graph:
            raise self._not_in_force(ref, ref)
        matches = [m for m in self._names().get(fold_name(ref), []) if m in self.graph]
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise AmbiguousReference(ref, [self.brief(m) for m in matches])
        if self._base is not None:  # known, but not on this date?
            known = [m for m in self._names().get(fold_name(ref), []) if m not in self.graph]
            if len(known) == 1:
                raise self._not_in_force(ref, known[0])
        close = difflib.get_close_matches(fold_name(ref), list(self._names()), n=3, cutoff=0.75)
        names = self.full.graph.nodes  # a near miss on another date is still the name meant
        suggestions = list(dict.fromkeys(names[i]["name"] for c in close for i in self._names()[c]))
        raise UnknownReference(ref, suggestions)

    def _not_in_force(self, ref: str, node_id: str) -> NotInForce:
        """The error for a reference to a node not in force on this view's day: when it was in
        force, what replaced it, and the --as-of that reaches it, in one line."""
        era = self.era(node_id, self._day)
        return NotInForce(ref, self._base.node(node_id), self._day, era["replaced_by"], era["as_of_hint"])

    def find(self, text: str, kind: str | None = None) -> list[dict]:
        """Nodes whose id, name or an alias contains ``text`` (folded), as ``{"id", "kind", "name"}``."""
        needle = fold_name(text)
        hits = {i for name, ids in self._names().items() if needle in name for i in ids if i in self.graph}
        found = [self.brief(i) for i in self.graph if i in hits]
        return [f for f in found if kind is None or f["kind"] == kind]

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state["_index"] = None
        state.pop("_group_index", None)
        return state

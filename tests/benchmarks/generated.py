"""A generated national dataset for the benchmarks (issue 20), independent of the packaged data.

Each "area" is shaped like a KKR area over ten years: a KKR, a RAR (2015-01-01 to
2025-02-28) and the regionalt beskæftigelsesråd that replaces it (from 2025-03-01), each
with three seat groups whose seats add up to the council's members (21 and 18), 20
municipalities, 6 administrative bodies (one closed and one set up in 2021), a
secretariat, 4 focus points (two from 2019), 4 cooperations with their participants,
12 decisions taken at KKR meetings from 2015 to 2026 (``TRAEFFER``/``ANGAAR``), and 44
persons: the municipal council members and their substitutes for two RAR terms and the
new council (``BESTRIDES_AF`` post -> person), and the KKR's political members for two
terms. Three national organisations (KL, the ministry, the labour market's parties) are
shared by every area.

``PER_AREA`` holds the per-area counts and ``GLOBAL_NODES`` the shared ones, so
``areas=1000`` gives 100,003 nodes and 284,000 edges; tests derive their expected totals
from these, not from typed-in numbers. Every record cites a verbatim quote from the
packaged source document ``seed-003`` (the validator checks it), so the dataset
validates for real.

Writers: :func:`write_generated` (the CSV pair ``nodes.csv`` + ``edges.csv``),
:func:`write_yaml_folder` (``sources.yaml``, ``national.yaml`` and one file per area) and
:func:`write_yaml_one_file` (``sources.yaml`` and every record in one ``data.yaml``).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

DOCUMENT = "seed-003"
DOCUMENT_FILE = "003_d7c2b5fffb7635c3.txt"
LOCATOR = "generated"
QUOTE = "Den administrative organisering"
SOURCE = [DOCUMENT, LOCATOR, QUOTE]
REGISTER = (f"documents:\n  - {{id: {DOCUMENT}, kind: seed, file: {DOCUMENT_FILE}, "
            "title: KL-notat om de fem KKR-områders organisering}\n")

RAR_FROM, RAR_TO, BR_FROM = "2015-01-01", "2025-02-28", "2025-03-01"
#: Two RAR terms and the new council's first term; the KKR's two political terms.
RAR_TERMS = [("2015-01-01", "2018-12-31"), ("2019-01-01", RAR_TO)]
KKR_TERMS = [("2018-01-01", "2021-12-31"), ("2022-01-01", None)]
MEETINGS = ["2015-02-23", "2015-11-16", "2016-06-20", "2017-03-06", "2018-11-16", "2019-09-02",
            "2020-06-15", "2021-03-01", "2022-05-02", "2023-09-18", "2024-11-25", "2026-03-02"]
MUNICIPALITIES = 20

GLOBAL = [
    {"id": "org-g-kl", "kind": "Organisation", "name": "KL (genereret)"},
    {"id": "org-g-ministeriet", "kind": "Organisation", "name": "Ministeriet (genereret)"},
    {"id": "org-g-parterne", "kind": "Organisation", "name": "Arbejdsmarkedets parter (genereret)"},
]


def _area(a: int) -> tuple[list[dict], list[dict]]:
    """The node and edge records of area ``a`` (dicts with the YAML dataset's fields, no sources)."""
    kkr, rar, br, sek = f"kkr-g{a}", f"rar-g{a}", f"br-g{a}", f"sek-g{a}"
    nodes: list[dict] = []
    edges: list[dict] = []

    def node(id_, kind, name, **more):
        nodes.append({"id": id_, "kind": kind, "name": name, **more})
        return id_

    def edge(src, rel, dst, **more):
        edges.append({"from": src, "type": rel, "to": dst, **more})

    node(kkr, "KKR", f"KKR G{a}", aliases=[f"Kommunekontaktråd G{a}"])
    node(rar, "RAR", f"RAR G{a}", valid_from=RAR_FROM, valid_to=RAR_TO, attrs={"members": 21})
    node(br, "Beskaeftigelsesraad", f"Beskæftigelsesråd G{a}", valid_from=BR_FROM, attrs={"members": 18})
    groups = {}
    for council, seats, when in ((rar, (5, 14, 2), {"valid_from": RAR_FROM, "valid_to": RAR_TO}),
                                 (br, (5, 11, 2), {"valid_from": BR_FROM})):
        for group, n, nominator in zip(("kom", "parter", "oevrige"), seats, (kkr, "org-g-parterne", "org-g-ministeriet")):
            post = node(f"post-{council}-{group}", "Post", f"{group.capitalize()} pladser i {council.upper()}",
                        attrs={"seats": n, "group": group}, **when)
            groups[council, group] = post
            edge(post, "MEDLEM_AF", council)
            edge(nominator, "UDPEGER", post, attrs={"seats": n})
    kommuner = [node(f"kommune-g{a}-{i}", "Kommune", f"Kommune {i} i G{a}") for i in range(MUNICIPALITIES)]
    organs = [node(f"organ-g{a}-{i}", "Organ", f"Organ {i} i G{a}", attrs={"body_type": "direktoerkreds" if i == 0 else "arbejdsgruppe"},
                   **({"valid_to": "2020-12-31"} if i == 4 else {"valid_from": "2021-01-01"} if i == 5 else {}))
              for i in range(6)]
    node(sek, "Sekretariat", f"KKR-sekretariatet G{a}", attrs={"body_type": "kkr-sekretariat"})
    pms = [node(f"pm-g{a}-{i}", "Pejlemaerke", f"Pejlemærke {i} i G{a}", valid_from="2015-02-23" if i < 2 else "2019-09-02",
                attrs={"number": i + 1}) for i in range(4)]
    sams = [node(f"sam-g{a}-{i}", "Samarbejde", f"Samarbejde {i} i G{a}") for i in range(4)]
    decisions = [node(f"bes-g{a}-{i}", "Beslutning", f"KKR G{a} beslutter punkt {i} ({day})", valid_from=day,
                      attrs={"decision_type": "vedtagelse", "date": day}) for i, day in enumerate(MEETINGS)]
    # the councils and the frame
    edge(kkr, "UNDER", "org-g-kl")
    edge("org-g-ministeriet", "UDNAEVNER", rar)
    edge("org-g-ministeriet", "UDNAEVNER", br)
    edge(br, "AFLOESER", rar, valid_from=BR_FROM)
    for council in (rar, br):
        edges.extend({"from": council, "type": "DAEKKER", "to": k} for k in kommuner)
        edge(sek, "SEKRETARIATSBETJENER", council)
    edge(sek, "SEKRETARIATSBETJENER", kkr)
    edge(kommuner[0], "HUSER", sek)
    edge(kommuner[0], "STILLER_TIL_RAADIGHED", sek)
    # the municipalities
    for i, k in enumerate(kommuner):
        edge(k, "MEDLEM_AF", kkr)
        edge(k, "MEDLEM_AF", organs[0])
        if i < 8:
            edge(k, "MEDLEM_AF", organs[1])
        edge(k, "DELTAGER_I", sams[i % 4])
        edge(k, "DELTAGER_I", sams[(i + 1) % 4])
    for k in kommuner[:4]:
        edge(k, "ANSOEGER", "org-g-ministeriet")
    for k in kommuner[:10]:
        edge(k, "RAPPORTERER_TIL", kkr, attrs={"frequency": "årligt"})
    # the bodies
    for i, o in enumerate(organs):
        edge(o, "UNDER", kkr, **({"valid_to": "2020-12-31"} if i == 4 else {"valid_from": "2021-01-01"} if i == 5 else {}))
    for o in organs[1:4]:
        edge(o, "NEDSAT_AF", organs[0])
    edge(organs[5], "NEDSAT_AF", organs[0], valid_from="2021-01-01")
    edge(organs[4], "NEDSAT_AF", organs[0], valid_to="2020-12-31")
    for o in organs[:2]:
        edge(o, "UNDERSTOETTER", kkr)
    for council in (rar, br):
        edge(organs[0], "BETJENER", groups[council, "kom"], attrs={"verb": "betjener"})
        edge(organs[1], "BRIEFER", groups[council, "kom"])
    # focus points, cooperations, decisions
    for i, pm in enumerate(pms):
        edge(kkr, "VEDTAGER", pm)
        edge(pm, "GIVER_MANDAT", groups[rar if i < 2 else br, "kom"])
    for i, s in enumerate(sams):
        edge(s, "RAPPORTERER_TIL", kkr)
        edge(s, "DEL_AF", pms[i])
        edge(s, "ANSOEGER", "org-g-ministeriet")
    for i, d in enumerate(decisions):
        edge(kkr, "TRAEFFER", d)
        edge(d, "ANGAAR", pms[i % 2] if MEETINGS[i] < "2019-09-02" else pms[2 + i % 2])
        edge(d, "ANGAAR", sams[i % 4])
        if i % 3 == 2:
            edge(d, "ANGAAR", decisions[i - 1])
    # persons: council members and substitutes (one term each), the KKR's political members
    p = 0

    def person(municipality):
        nonlocal p
        pid = node(f"person-g{a}-{p}", "Person", f"Person {p} i G{a}", attrs={"municipality": municipality})
        p += 1
        return pid

    terms = [(rar, t) for t in RAR_TERMS] + [(br, (BR_FROM, None))]
    for council, (start, end) in terms:
        post = groups[council, "kom"]
        for seat in range(5):
            member = person(kommuner[seat * 3])
            substitute = person(kommuner[seat * 3 + 1])
            for pid, role, more in ((member, "medlem", {}), (substitute, "suppleant", {"substitute_for": member})):
                e = {"from": post, "type": "BESTRIDES_AF", "to": pid, "valid_from": start,
                     "attrs": {"role": role, "nominated_by": kkr, **more}}
                if end:
                    e["valid_to"] = end
                edges.append(e)
    for start, end in KKR_TERMS:
        for seat in range(7):
            pid = person(kommuner[seat * 2])
            e = {"from": pid, "type": "MEDLEM_AF", "to": kkr, "valid_from": start, "attrs": {"role": "medlem"}}
            if end:
                e["valid_to"] = end
            edges.append(e)
    return nodes, edges


def _counts() -> tuple[int, int]:
    nodes, edges = _area(0)
    return len(nodes), len(edges)


#: Nodes and edges per area, and the nodes shared by all areas.
PER_AREA: tuple[int, int] = _counts()
GLOBAL_NODES = len(GLOBAL)


def expected(areas: int) -> tuple[int, int]:
    """The (nodes, edges) the writers produce for ``areas`` areas."""
    return PER_AREA[0] * areas + GLOBAL_NODES, PER_AREA[1] * areas


def records(areas: int):
    """``(area_id or None, nodes, edges)`` for the shared organisations, then each area."""
    yield None, [dict(n) for n in GLOBAL], []
    for a in range(areas):
        yield (f"kkr-g{a}", *_area(a))


_NODE_HEAD = ["id", "kind", "name", "aliases", "area", "valid_from", "valid_to", "attrs",
              "source_1_document", "source_1_locator", "source_1_quote"]
_EDGE_HEAD = ["from", "type", "to", "area", "valid_from", "valid_to", "attrs",
              "source_1_document", "source_1_locator", "source_1_quote"]


def _row(rec: dict, head: list[str], area: str | None) -> list[str]:
    out = []
    for col in head[:-3]:
        value = area if col == "area" else rec.get(col)
        if col == "aliases":
            value = " | ".join(value or [])
        elif col == "attrs":
            value = json.dumps(value, ensure_ascii=False) if value else ""
        out.append("" if value is None else value)
    return out + SOURCE


def write_generated(folder: Path, areas: int = 1000) -> tuple[int, int]:
    """Write the CSV pair ``nodes.csv`` and ``edges.csv`` for ``areas`` areas; return the counts."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    n_nodes = n_edges = 0
    with (folder / "nodes.csv").open("w", newline="", encoding="utf-8") as nf, \
         (folder / "edges.csv").open("w", newline="", encoding="utf-8") as ef:
        nw, ew = csv.writer(nf, lineterminator="\n"), csv.writer(ef, lineterminator="\n")
        nw.writerow(_NODE_HEAD)
        ew.writerow(_EDGE_HEAD)
        for area, nodes, edges in records(areas):
            nw.writerows(_row(n, _NODE_HEAD, area) for n in nodes)
            ew.writerows(_row(e, _EDGE_HEAD, area) for e in edges)
            n_nodes, n_edges = n_nodes + len(nodes), n_edges + len(edges)
    return n_nodes, n_edges


def _yaml_scalar(value) -> str:
    if isinstance(value, int):
        return str(value)
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _yaml_record(rec: dict, area: str | None = None) -> str:
    lines = []
    for key, value in rec.items():
        if key == "aliases":
            lines.append(f"aliases: [{', '.join(_yaml_scalar(v) for v in value)}]")
        elif key == "attrs":
            lines.append("attrs: {" + ", ".join(f"{k}: {_yaml_scalar(v)}" for k, v in value.items()) + "}")
        else:
            lines.append(f"{key}: {_yaml_scalar(value)}")
    if area:
        lines.append(f"area: {area}")
    lines.append("sources:")
    lines.append(f"  - {{document: {DOCUMENT}, locator: {LOCATOR}, quote: {_yaml_scalar(QUOTE)}}}")
    return "  - " + "\n    ".join(lines) + "\n"


def _yaml_file(parts, per_record_area: bool) -> str:
    out_nodes, out_edges = [], []
    for area, nodes, edges in parts:
        tag = area if per_record_area else None
        out_nodes += [_yaml_record(n, tag) for n in nodes]
        out_edges += [_yaml_record(e, tag) for e in edges]
    return "nodes:\n" + "".join(out_nodes) + "edges:\n" + "".join(out_edges)


def write_yaml_folder(folder: Path, areas: int = 1000) -> tuple[int, int]:
    """Write a YAML dataset directory: ``sources.yaml``, ``national.yaml`` (the shared
    organisations) and one ``kkr-gN.yaml`` per area (with ``area:``); return the counts."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sources.yaml").write_text(REGISTER, encoding="utf-8")
    n_nodes = n_edges = 0
    for area, nodes, edges in records(areas):
        name = f"{area}.yaml" if area else "national.yaml"
        text = (f"area: {area}\n" if area else "") + _yaml_file([(None, nodes, edges)], False)
        (folder / name).write_text(text, encoding="utf-8")
        n_nodes, n_edges = n_nodes + len(nodes), n_edges + len(edges)
    return n_nodes, n_edges


def write_yaml_one_file(folder: Path, areas: int) -> tuple[int, int]:
    """Write ``sources.yaml`` and every record of ``areas`` areas in one ``data.yaml`` (each
    record with its own ``area``); return the counts (records = nodes + edges)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sources.yaml").write_text(REGISTER, encoding="utf-8")
    parts = list(records(areas))
    (folder / "data.yaml").write_text(_yaml_file(parts, True), encoding="utf-8")
    return sum(len(n) for _, n, _ in parts), sum(len(e) for _, _, e in parts)

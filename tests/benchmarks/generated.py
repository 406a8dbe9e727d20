"""A generated organisation graph for benchmarks, written as a CSV pair.

Each "area" has a KKR, 2 RAR with 7 seat groups each, 60 municipalities, 10 bodies,
8 focus points and 5 cooperations (100 nodes) and about 300 edges of the real
relation types, so that 1,000 areas give 100,000 nodes and 300,000 edges. Every
node and edge cites a real quote from seed 003, so loading validates it for real.
"""

import csv
from pathlib import Path

SOURCE = ["seed-003", "generated", "Den administrative organisering"]


def _area(a: int):
    kkr, nodes, edges = f"kkr-g{a}", [], []
    nodes.append((kkr, "KKR", f"KKR G{a}"))
    bodies = [f"organ-g{a}-{i}" for i in range(10)]
    nodes += [(b, "Organ", f"Organ {i} i G{a}") for i, b in enumerate(bodies)]
    kommuner = [f"kommune-g{a}-{i}" for i in range(60)]
    nodes += [(k, "Kommune", f"Kommune {i} i G{a}") for i, k in enumerate(kommuner)]
    for r in range(2):
        rar = f"rar-g{a}-{r}"
        nodes.append((rar, "RAR", f"RAR G{a}-{r}"))
        for g in range(7):
            post = f"post-g{a}-{r}-{g}"
            nodes.append((post, "Post", f"Plads {g} i RAR G{a}-{r}"))
            edges += [(post, "MEDLEM_AF", rar), (kkr, "UDPEGER", post)]
        edges += [(rar, "DAEKKER", k) for k in kommuner[r * 30:(r + 1) * 30]]
        edges += [(bodies[r], "UNDERSTOETTER", f"post-g{a}-{r}-0"), (bodies[2 + r], "SEKRETARIATSBETJENER", f"post-g{a}-{r}-0")]
    nodes += [(f"pm-g{a}-{i}", "Pejlemaerke", f"Pejlemærke {i} i G{a}") for i in range(8)]
    nodes += [(f"sam-g{a}-{i}", "Samarbejde", f"Samarbejde {i} i G{a}") for i in range(5)]
    edges += [(kkr, "VEDTAGER", f"pm-g{a}-{i}") for i in range(8)]
    edges += [(k, "MEDLEM_AF", kkr) for k in kommuner]
    edges += [(k, "MEDLEM_AF", bodies[i % 10]) for i, k in enumerate(kommuner)]
    edges += [(k, "DELTAGER_I", f"sam-g{a}-{i % 5}") for i, k in enumerate(kommuner)]
    edges += [(b, "UNDER", kkr) for b in bodies[:8]] + [(b, "NEDSAT_AF", bodies[0]) for b in bodies[1:9]]
    edges += [(b, "UNDERSTOETTER", kkr) for b in bodies[4:10]]
    return nodes, edges


def write_generated(folder: Path, areas: int = 1000) -> tuple[int, int]:
    """Write ``nodes.csv`` and ``edges.csv`` for ``areas`` areas; return the counts."""
    folder.mkdir(parents=True, exist_ok=True)
    n_nodes = n_edges = 0
    with (folder / "nodes.csv").open("w", newline="", encoding="utf-8") as nf, \
         (folder / "edges.csv").open("w", newline="", encoding="utf-8") as ef:
        nw, ew = csv.writer(nf, lineterminator="\n"), csv.writer(ef, lineterminator="\n")
        nw.writerow(["id", "kind", "name", "source_1_document", "source_1_locator", "source_1_quote"])
        ew.writerow(["from", "type", "to", "source_1_document", "source_1_locator", "source_1_quote"])
        for a in range(areas):
            nodes, edges = _area(a)
            nw.writerows([*n, *SOURCE] for n in nodes)
            ew.writerows([*e, *SOURCE] for e in edges)
            n_nodes, n_edges = n_nodes + len(nodes), n_edges + len(edges)
    return n_nodes, n_edges

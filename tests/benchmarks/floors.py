"""The floors of the scale benchmarks, each run as a whole process (no orggraph import):

    python floors.py load FOLDER             # csv module reads nodes.csv + edges.csv, builds a networkx MultiDiGraph
    python floors.py export FOLDER OUT       # the same, then networkx's own write_graphml to OUT
    python floors.py pickle-write FOLDER OUT # the same graph, pickled to OUT (made once, not timed)
    python floors.py pickle FILE             # import networkx and typer, unpickle the plain graph
    python floors.py yaml FOLDER             # PyYAML's CSafeLoader reads every *.yaml in FOLDER
    python floors.py startup                 # import networkx and typer
"""

import sys


def _load(folder):
    import csv
    from pathlib import Path

    import networkx as nx

    graph = nx.MultiDiGraph()
    with (Path(folder) / "nodes.csv").open(newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            graph.add_node(row["id"], **row)
    with (Path(folder) / "edges.csv").open(newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            graph.add_edge(row["from"], row["to"], key=f"{row['from']}:{row['type']}:{row['to']}", **row)
    return graph


def main(mode, *args):
    if mode == "load":
        _load(args[0])
    elif mode == "export":
        import networkx as nx

        nx.write_graphml(_load(args[0]), args[1])
    elif mode == "pickle-write":
        import pickle

        with open(args[1], "wb") as f:
            pickle.dump(_load(args[0]), f, protocol=pickle.HIGHEST_PROTOCOL)
    elif mode == "pickle":
        import pickle

        import networkx
        import typer

        with open(args[0], "rb") as f:
            pickle.load(f)
    elif mode == "yaml":
        from pathlib import Path

        import yaml

        for path in sorted(Path(args[0]).glob("*.yaml")):
            yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    elif mode == "startup":
        import networkx  # noqa: F401
        import typer  # noqa: F401
    else:
        raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    main(*sys.argv[1:])

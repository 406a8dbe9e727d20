"""The packaged dataset survives a round trip through the CSV pair."""

import csv

from orggraph.readwrite.csv_dataset import write_csv_pair
from orggraph.readwrite.load import load


def _canonical(graph):
    return sorted(graph.node_records(), key=lambda r: r["id"]), sorted(graph.edge_records(), key=lambda r: r["id"])


def test_round_trip_through_csv_gives_the_same_graph(graph, tmp_path):
    nodes_path, edges_path = write_csv_pair(graph, tmp_path)
    again = load(tmp_path, cache=False)
    assert _canonical(again) == _canonical(graph)
    assert again.documents == graph.documents
    assert nodes_path.read_text(encoding="utf-8").count("\n") == len(graph) + 1


def test_data_option_accepts_the_nodes_file_itself(graph, tmp_path):
    write_csv_pair(graph, tmp_path)
    assert _canonical(load(tmp_path / "nodes.csv", cache=False)) == _canonical(graph)


def test_neo4j_admin_headers_are_read(graph, tmp_path):
    write_csv_pair(graph, tmp_path)
    rename = {"id": "id:ID", "kind": ":LABEL", "from": ":START_ID", "type": ":TYPE", "to": ":END_ID"}
    for name in ("nodes.csv", "edges.csv"):
        rows = list(csv.reader((tmp_path / name).open(encoding="utf-8")))
        rows[0] = [rename.get(h, h) for h in rows[0]]
        if name == "edges.csv":
            rows[0][0] = "id"
        with (tmp_path / name).open("w", encoding="utf-8", newline="") as out:
            csv.writer(out, lineterminator="\n").writerows(rows)
    (tmp_path / "edges.csv").rename(tmp_path / "relationships.csv")
    assert _canonical(load(tmp_path, cache=False)) == _canonical(graph)


def test_csv_write_is_atomic(graph, tmp_path, monkeypatch):
    import pytest

    from orggraph import atomic
    from orggraph.exceptions import WriteError

    (tmp_path / "nodes.csv").write_text("old", encoding="utf-8")

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(atomic.os, "replace", broken_replace)
    with pytest.raises(WriteError, match="cannot write .*nodes.csv: disk full"):  # one line naming the target
        write_csv_pair(graph, tmp_path)
    assert (tmp_path / "nodes.csv").read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["nodes.csv"]

"""Loading: a CSV pair reads only the packaged register."""


def test_a_csv_pair_reads_only_the_packaged_register(graph, tmp_path, monkeypatch):
    from orggraph.readwrite import yaml_dataset
    from orggraph.readwrite.csv_dataset import write_csv_pair
    from orggraph.readwrite.load import DATA_DIR, read_raw

    write_csv_pair(graph, tmp_path)
    read = []
    real = yaml_dataset._read
    monkeypatch.setattr(yaml_dataset, "_read", lambda path, raw: read.append(path) or real(path, raw))
    raw = read_raw(tmp_path)
    assert read == [DATA_DIR / "sources.yaml"]
    assert (len(raw.nodes), len(raw.edges), raw.errors) == (len(graph), graph.graph.number_of_edges(), [])
    assert [d.data["id"] for d in raw.documents] == list(graph.documents)

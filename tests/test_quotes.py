"""Every quote in the packaged dataset occurs in the cited source document in ../shared."""

import pytest

from orggraph.readwrite.load import DATA_DIR, read_raw
from orggraph.text import fold_space
from conftest import SMALL_DATASET, check_yaml, data_records, edge_key, shared_dir

#: Where each shipped document comes from in ../shared.
ORIGINALS = {"seed": "seeds", "reference": "reference"}


def _documents():
    raw = read_raw()
    return {r.data["id"]: r.data for r in raw.documents}, raw


def test_shipped_documents_are_identical_to_shared():
    shared = shared_dir()
    documents, _ = _documents()
    for doc in documents.values():
        if "file" in doc:
            original = shared / ORIGINALS[doc["kind"]] / doc["file"]
            assert (DATA_DIR / "documents" / doc["file"]).read_bytes() == original.read_bytes(), doc["file"]


def test_every_seed_is_registered():
    shared = shared_dir()
    documents, _ = _documents()
    files = {d.get("file") for d in documents.values()}
    assert {p.name for p in (shared / "seeds").iterdir()} <= files


def test_every_quote_occurs_in_its_shared_document():
    shared = shared_dir()
    documents, raw = _documents()
    texts = {
        doc_id: fold_space((shared / ORIGINALS[d["kind"]] / d["file"]).read_text(encoding="utf-8"))
        for doc_id, d in documents.items() if "file" in d
    }
    missing, checked = [], 0
    for rec in raw.nodes + raw.edges:
        for i, source in enumerate(rec.data["sources"]):
            if source["document"] in texts:
                checked += 1
                if fold_space(source["quote"]) not in texts[source["document"]]:
                    missing.append(f"{rec.file}:{rec.line(('sources', i))}: {source['quote'][:70]!r}")
    assert not missing, "\n".join(missing)
    assert checked > 500


@pytest.mark.parametrize("section", ["nodes", "edges"])
def test_every_record_in_the_data_files_cites_a_source_and_the_graph_keeps_it(section, graph):
    """Read with PyYAML, not the loader: every record quotes a document, and the loaded graph has exactly those sources."""
    in_files = data_records()[section]
    assert in_files
    for record in in_files:
        key = record["id"] if section == "nodes" else edge_key(record)
        cited = [(s["document"], s["locator"], s["quote"].strip()) for s in record.get("sources") or []]
        assert cited and all(all(part for part in source) for source in cited), key
        loaded = graph.node(key) if section == "nodes" else graph.edge(key)
        assert [(s["document"], s["locator"], s["quote"]) for s in loaded["sources"]] == cited, key


def test_the_small_dataset_is_valid(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert check_yaml(tmp_path, SMALL_DATASET) == []


@pytest.mark.parametrize("broken, expected", [
    pytest.param(SMALL_DATASET.replace("""    name: ASB
    sources:
      - {document: seed-003, locator: Organisering, quote: "administrativ styregruppe for beskæftigelsesområdet (ASB)"}
""", "    name: ASB\n"), ["data.yaml:8: nodes[1].sources: at least one source is required"], id="node-without-sources"),
    pytest.param(SMALL_DATASET.replace("""    to: kkr-sjaelland
    sources:
      - {document: seed-003, locator: Organisering, quote: "som forbereder sager til behandling i KKR"}
""", "    to: kkr-sjaelland\n    sources: []\n"), ["data.yaml:17: edges[0].sources: at least one source is required"], id="edge-with-empty-sources"),
    pytest.param(SMALL_DATASET.replace('{document: seed-003, locator: Organisering, quote: "som forbereder sager til behandling i KKR"}',
                                       "{document: seed-003, locator: Organisering}"),
                 ["data.yaml:18: edges[0].sources[0].quote: is required"], id="source-without-quote"),
])
def test_a_fact_without_a_source_is_refused(tmp_path, monkeypatch, broken, expected):
    monkeypatch.chdir(tmp_path)
    assert check_yaml(tmp_path, broken) == expected


def test_the_validator_rejects_a_changed_quote(tmp_path):
    import shutil

    from orggraph.readwrite.load import check_dataset

    shutil.copytree(DATA_DIR, tmp_path / "data")
    path = tmp_path / "data" / "kkr-sjaelland.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("godkendte den 2. marts 2015", "godkendte den 3. marts 2015", 1), encoding="utf-8")
    errors = check_dataset(tmp_path / "data").errors
    assert len(errors) == 1 and errors[0].field.endswith(".quote") and "quote not found" in errors[0].message

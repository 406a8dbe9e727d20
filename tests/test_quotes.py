"""Every quote in the packaged dataset occurs in the cited source document in ../shared."""

import pytest

from orggraph.readwrite.load import DATA_DIR, read_raw
from orggraph.text import fold_space
from conftest import shared_dir

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
def test_everything_has_a_source(section, graph):
    records = graph.node_records() if section == "nodes" else graph.edge_records()
    assert records and all(r["sources"] for r in records)


def test_the_validator_rejects_a_changed_quote(tmp_path):
    import shutil

    from orggraph.readwrite.load import check_dataset

    shutil.copytree(DATA_DIR, tmp_path / "data")
    path = tmp_path / "data" / "kkr-sjaelland.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("godkendte den 2. marts 2015", "godkendte den 3. marts 2015", 1), encoding="utf-8")
    errors = check_dataset(tmp_path / "data").errors
    assert len(errors) == 1 and errors[0].field.endswith(".quote") and "quote not found" in errors[0].message

"""Every format streams to its file the same bytes as its in-memory generator (issue 20, part 3).

The streamed writers (``write_X(graph, file)``) write a node or relation at a time; the
in-memory ``generate_X`` stay for small uses. Both must give one file, whatever the data's
filter.
"""

import pytest

from orggraph import load
from orggraph.formats import FORMATS, generate, write_format
from orggraph.regenerate import data_files, export_data


@pytest.fixture(scope="module")
def graphs():
    whole = load()
    return {"whole": whole, "2022": whole.select("2022-01-01", None), "Nordjylland": whole.select(None, "Nordjylland")}


@pytest.mark.parametrize("name", [f for f in FORMATS if f != "csv"])
@pytest.mark.parametrize("which", ["whole", "2022", "Nordjylland"])
def test_a_streamed_format_is_the_generated_one(graphs, name, which, tmp_path):
    graph = graphs[which]
    [path] = write_format(graph, name, tmp_path / f"out.{name}")
    assert path.read_bytes() == generate(graph, name)[FORMATS[name].files[0]]
    assert [p.name for p in tmp_path.iterdir()] == [f"out.{name}"]  # no temporary file left


def test_export_data_streams_what_the_staleness_check_compares(graphs, tmp_path):
    written = export_data(graphs["whole"], tmp_path)
    expected = data_files(graphs["whole"])
    assert sorted(str(p.relative_to(tmp_path)) for p in written) == sorted(expected)
    assert {name: (tmp_path / name).read_bytes() for name in expected} == expected
    assert not [p for p in tmp_path.rglob("*.tmp")]

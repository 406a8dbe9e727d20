"""Names that look like spreadsheet formulas stay text in every workbook (newcomer and attacker
report, security findings 1 and 2: LibreOffice evaluated =HYPERLINK(...) in orggraph.xlsx)."""

import csv
import io
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
import yaml

from conftest import require_binary
from orggraph.cli import app

DATA = Path(__file__).resolve().parents[1] / "orggraph" / "data"
EVIL = '=HYPERLINK("http://127.0.0.1/x","klik")'


@pytest.fixture(scope="module")
def evil_dataset(tmp_path_factory):
    """The packaged data with Aalborg Kommune renamed to a formula."""
    folder = tmp_path_factory.mktemp("evil") / "data"
    shutil.copytree(DATA, folder)
    path = folder / "national.yaml"
    text = path.read_text(encoding="utf-8")
    assert "name: Aalborg Kommune" in text
    path.write_text(text.replace("name: Aalborg Kommune", f"name: {yaml.safe_dump(EVIL).strip().splitlines()[0]}", 1), encoding="utf-8")
    return folder


def formulas(path: Path) -> list[str]:
    workbook = openpyxl.load_workbook(path)
    return [c.value for sheet in workbook for row in sheet.iter_rows() for c in row if c.data_type == "f"]


@pytest.mark.parametrize("args", [["export", "xlsx"], ["compare", "--format", "xlsx"]])
def test_no_cell_is_a_formula(args, evil_dataset, runner, tmp_path):
    out = tmp_path / "x.xlsx"
    result = runner.invoke(app, [*args, "--data", str(evil_dataset), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert formulas(out) == []
    texts = [c.value for sheet in openpyxl.load_workbook(out) for row in sheet.iter_rows() for c in row]
    assert EVIL in texts or args[0] == "compare"


def test_libreoffice_shows_the_name_not_a_link(evil_dataset, runner, tmp_path):
    office = require_binary("soffice", "apt-get install libreoffice-calc-nogui or libreoffice-writer-nogui")
    out = tmp_path / "orggraph.xlsx"
    assert runner.invoke(app, ["export", "xlsx", "--data", str(evil_dataset), "-o", str(out)]).exit_code == 0
    sheet = next(s.title for s in openpyxl.load_workbook(out) if any(c.value == EVIL for row in s.iter_rows() for c in row))
    done = subprocess.run([office, "--headless", "--convert-to", f'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1',
                           "--outdir", str(tmp_path), str(out)], capture_output=True, timeout=180,
                          env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"})  # sheet names such as Forsøgsrunde
    assert done.returncode == 0, done.stderr
    cells = [cell for path in tmp_path.glob("orggraph*.csv") for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8")))
             for cell in row]
    assert EVIL in cells, sheet  # shown as typed, not evaluated to "klik"
    assert "klik" not in cells


def test_no_cell_is_a_formula_in_the_sheets_of_the_new_kinds():
    """A decision, task, recommendation, round or council named like a formula, and a rough date
    in the source's words that looks like one, stay text in their Danish-named sheets."""
    import io

    from orggraph.formats.xlsx import SHEET_NAMES, generate_xlsx
    from orggraph.graph import OrgGraph
    from vocabulary_sample import sample_graph, sample_id

    sample = sample_graph()
    kinds = ("Beskaeftigelsesraad", "Beslutning", "Opgave", "Anbefaling", "Forsoegsrunde")
    nodes = [dict(r, name=EVIL, attrs={**r["attrs"], "date_text": "=1+1"}) if r["id"] in {sample_id(k) for k in kinds} else r
             for r in sample.node_records()]
    workbook = openpyxl.load_workbook(io.BytesIO(generate_xlsx(OrgGraph.from_records(nodes, sample.edge_records(), sample.documents))))
    assert [c.value for sheet in workbook for row in sheet.iter_rows() for c in row if c.data_type == "f"] == []
    for kind in kinds:
        values = [c.value for row in workbook[SHEET_NAMES[kind]].iter_rows() for c in row]
        assert EVIL in values and "=1+1" in values, kind

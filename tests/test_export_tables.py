"""Issue 17, the tables: the neo4j-admin CSV, the Cypher script, the Excel CSV and the XLSX,
each opened by the reader its users use (a Bolt server loaded by neo4j-admin's rules,
cypher-shell's transaction commands, LibreOffice Calc, openpyxl)."""

import copy
import csv
import io
import json
import subprocess
from datetime import datetime

import neo4j_admin_loader
import openpyxl
import pytest

from conftest import require_binary, same_graph
from orggraph.exceptions import OrgGraphError
from orggraph.formats import generate
from orggraph.formats.cypher import generate_cypher, split_statements
from orggraph.formats.neo4j_admin import generate_neo4j_csv
from orggraph.formats.xlsx import parse_xlsx
from orggraph.graph import OrgGraph
from orggraph.graphdb.named import load_queries

EVIL = '=HYPERLINK("http://127.0.0.1/x","klik")'


def _session_run(store, text, **params):
    with store._session() as session:
        return [r.data() for r in session.run(text, params)]


def _empty(store) -> None:
    _session_run(store, "MATCH (n) DETACH DELETE n")


def _dump(store) -> str:
    """Every node (labels, properties) and relationship (ends, type, properties), as typed JSON text.

    JSON tells ``5`` from ``5.0`` and ``true`` from ``1``, so equal dumps mean equal types too."""
    nodes = _session_run(store, "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props")
    edges = _session_run(store, "MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS type, b.id AS b, properties(r) AS props")
    key = lambda row: json.dumps(row, sort_keys=True, ensure_ascii=False)
    return json.dumps({"nodes": sorted(map(key, ({"labels": sorted(r["labels"]), "props": r["props"]} for r in nodes))),
                       "edges": sorted(map(key, edges))}, ensure_ascii=False)


def _query_cases(graph):
    """Every named query, for every RAR and KKR (and all mirrors), as in test_neo4j."""
    targets = graph.node_ids("RAR") + graph.node_ids("KKR")
    for name in load_queries():
        if name == "path":
            for source in graph.node_ids("KKR")[:2]:
                for target in graph.node_ids("RAR"):
                    yield name, {"source": source, "target": target, "max_length": 3, "via": None, "as_of": None}
            continue
        for target in targets + ([None] if name == "mirrors" else []):
            for as_of in (None, "2016-06-01"):
                yield name, {"target": target, "as_of": as_of}


def _answers(store, graph) -> list:
    return [(name, params, store.query(name, params)) for name, params in _query_cases(graph)]


def _load_csv(store, files: dict[str, bytes]) -> dict:
    text = {name: data.decode("utf-8") for name, data in files.items()}
    with store._session() as session:
        return neo4j_admin_loader.load(session, {"nodes.csv": text["nodes.csv"], "kilder.csv": text["kilder.csv"]},
                                       {"relationships.csv": text["relationships.csv"]})


# -- neo4j-admin CSV ------------------------------------------------------------------------


def test_the_loader_follows_neo4j_admins_rules():
    """Negative controls for the stand-in: quoting, empty fields, types and arrays."""
    rows = neo4j_admin_loader.parse('a:ID(s),:LABEL,n:long,b:boolean,t,l:string[]\n"x",L,5,TRUE,"",\n"y ""q""",L,,false,"m\nn","p;q"\n')
    columns = neo4j_admin_loader._columns(rows[0])
    first, second = (neo4j_admin_loader._row(columns, r, "t") for r in rows[1:])
    assert first["props"] == {"a": "x", "n": 5, "b": True, "t": ""}  # "" is a string, an empty field no property
    assert second["props"] == {"a": 'y "q"', "b": False, "t": "m\nn", "l": ["p", "q"]}
    with pytest.raises(ValueError, match="not implemented"):
        neo4j_admin_loader._row(neo4j_admin_loader._columns([("d:point", False)]), [("1", False)], "t")


def test_neo4j_admin_csv_gives_the_database_push_gives(store, graph):
    """Load the CSV by neo4j-admin's rules, then push into an emptied database: the same
    nodes, relationships, properties and types, and the same rows from every named query."""
    files = generate(graph, "csv")
    counts = _load_csv(store, files)
    assert counts == {"nodes": len(graph) + len(graph.documents), "relationships": sum(graph.counts()["edges"].values())}
    from_csv, csv_answers = _dump(store), _answers(store, graph)
    back = store.pull()  # the orggraph marker is there, so pull sees the data
    assert same_graph(back, graph) and back.documents == graph.documents

    _empty(store)
    store.push(graph)
    assert _dump(store) == from_csv
    pushed_answers = _answers(store, graph)
    assert csv_answers == pushed_answers
    assert sum(len(rows) for _, _, rows in pushed_answers) > 500  # the cases are not empty
    seats = store.query("appointments", {"target": "kkr-syddanmark", "as_of": None})
    assert seats and all(isinstance(r["seats"], int) for r in seats)  # the audit found null here
    assert all(r["how"] for r in store.query("mirrors", {"target": None, "as_of": None}))


def test_neo4j_admin_csv_headers_are_typed_like_push(graph):
    tables = generate_neo4j_csv(graph)
    nodes = next(csv.reader(io.StringIO(tables["nodes.csv"])))
    edges = next(csv.reader(io.StringIO(tables["relationships.csv"])))
    documents = next(csv.reader(io.StringIO(tables["kilder.csv"])))
    assert nodes[:2] == ["id:ID(orggraph)", ":LABEL"] and documents[:2] == ["id:ID(Kilde)", ":LABEL"]
    assert edges[:3] == [":START_ID(orggraph)", ":TYPE", ":END_ID(orggraph)"]
    for column in ("kind:string", "aliases:string[]", "valid_from:string", "source_documents:string[]", "orggraph:boolean",
                   "seats:long", "size:long", "kommunekode:long", "substitutes:boolean"):
        assert column in nodes, column
    for column in ("seats:long", "how:string", "orggraph:boolean", "source_documents:string[]"):
        assert column in edges, column
    assert "register:string" in documents


def test_neo4j_admin_csv_refuses_what_it_cannot_write(graph):
    nodes = copy.deepcopy(graph.node_records())
    nodes[0]["aliases"] = ["Nord; Syd"]
    with pytest.raises(OrgGraphError, match="array delimiter"):
        generate_neo4j_csv(OrgGraph.from_records(nodes, graph.edge_records(), graph.documents))
    nodes = copy.deepcopy(graph.node_records())
    organs = [n for n in nodes if "size" in n["attrs"]]
    organs[0]["attrs"]["size"] = "fjorten"
    with pytest.raises(OrgGraphError, match="property 'size' has values of more than one type"):
        generate_neo4j_csv(OrgGraph.from_records(nodes, graph.edge_records(), graph.documents))


def test_a_formula_like_name_is_kept_raw_in_the_neo4j_admin_csv(graph):
    """A prefix would change the name in Neo4j, so neo4j-admin's CSV carries it as it is (documented)."""
    nodes = copy.deepcopy(graph.node_records())
    nodes[0]["name"] = EVIL
    tables = generate_neo4j_csv(OrgGraph.from_records(nodes, graph.edge_records(), graph.documents))
    rows = neo4j_admin_loader.parse(tables["nodes.csv"])
    columns = neo4j_admin_loader._columns(rows[0])
    names = [neo4j_admin_loader._row(columns, r, "t")["props"]["name"] for r in rows[1:]]
    assert EVIL in names


# -- the Cypher script ----------------------------------------------------------------------


def run_like_cypher_shell(session, text: str) -> None:
    """Run a script the way ``cypher-shell -f`` does with its default ``--fail-fast``: each
    statement on its own (auto-commit) outside ``:begin``/``:commit``, inside them in one
    explicit transaction; at the first error it stops, and the open transaction is rolled back
    (as the server does when cypher-shell exits and the connection closes)."""
    from orggraph.formats.cypher import script_steps

    tx = None
    try:
        for step in script_steps(text):
            if step == ":begin":
                tx = session.begin_transaction()
            elif step == ":commit":
                tx.commit()
                tx = None
            elif step.startswith(":"):
                raise ValueError(f"cypher-shell command {step!r} is not emulated")
            else:
                (tx or session).run(step).consume()
    finally:
        if tx is not None:
            tx.rollback()


def _broken(script: str) -> str:
    """The script with a statement that the server refuses, after the nodes and before the relationships."""
    marker = "// Relationships: one type per relation\n"
    assert marker in script
    return script.replace(marker, "UNWIND [1] AS x CALL orggraph.no_such_procedure(x) YIELD y RETURN y;\n" + marker, 1)


def test_the_cypher_script_runs_in_one_transaction_and_gives_pushs_database(store, graph):
    script = generate_cypher(graph)
    steps = [s for s in script.splitlines() if s.startswith(":")]
    assert steps == [":begin", ":commit"]
    lines = script.splitlines()
    assert lines.index(":begin") > max(i for i, line in enumerate(lines) if line.startswith("CREATE CONSTRAINT"))  # schema first
    with store._session() as session:
        run_like_cypher_shell(session, script)
    from_script = _dump(store)
    _empty(store)
    store.push(graph)
    assert _dump(store) == from_script


def test_a_failed_cypher_shell_run_leaves_no_data(store, graph):
    import neo4j.exceptions

    with store._session() as session, pytest.raises(neo4j.exceptions.Neo4jError):
        run_like_cypher_shell(session, _broken(generate_cypher(graph)))
    assert store.counts() == {"nodes": 0, "relationships": 0}


def test_a_browser_run_that_stops_half_way_is_repaired_by_running_it_again(store, graph):
    """Neo4j Browser runs each statement on its own (no :begin/:commit) and stops at an error;
    the MERGE statements make a second, whole run give push's database."""
    broken = split_statements(_broken(generate_cypher(graph)))
    with store._session() as session:
        for statement in broken:
            try:
                session.run(statement).consume()
            except Exception:  # noqa: BLE001 - the Browser stops at the first error
                break
    partial = store.counts()
    assert 0 < partial["nodes"] and partial["relationships"] == 0
    with store._session() as session:
        for statement in split_statements(generate_cypher(graph)):
            session.run(statement).consume()
    from_script = _dump(store)
    _empty(store)
    store.push(graph)
    assert _dump(store) == from_script


# -- Excel CSV ------------------------------------------------------------------------------


def _evil_graph(graph) -> OrgGraph:
    nodes = copy.deepcopy(graph.node_records())
    target = next(n for n in nodes if n["id"] == "kommune-851")  # Aalborg Kommune
    target["name"] = EVIL
    target["aliases"] = ["+45 1234", "@ærø", "-minus"]
    return OrgGraph.from_records(nodes, graph.edge_records(), graph.documents)


def _libreoffice(tmp_path, source, target: str, infilter: str | None = None):
    office = require_binary("soffice", "apt-get install libreoffice-calc-nogui")
    args = [office, "--headless"] + ([f"--infilter={infilter}"] if infilter else []) + ["--convert-to", target, "--outdir", str(tmp_path), str(source)]
    # a UTF-8 locale: LibreOffice names each sheet's CSV after the sheet ("orggraph-Forsøgsrunde.csv")
    env = {"HOME": str(tmp_path), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    done = subprocess.run(args, check=False, capture_output=True, timeout=180, env=env)
    assert done.returncode == 0, done.stderr


def test_excel_csv_is_danish_excel_csv(graph):
    files = generate(graph, "csv")
    for name in ("excel/noder.csv", "excel/relationer.csv"):
        data = files[name]
        assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data and not data.startswith(b"\xef\xbb\xbfsep=")
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
        assert len({len(r) for r in rows}) == 1
    nodes = list(csv.DictReader(io.StringIO(files["excel/noder.csv"].decode("utf-8-sig"), newline=""), delimiter=";"))
    edges = list(csv.DictReader(io.StringIO(files["excel/relationer.csv"].decode("utf-8-sig"), newline=""), delimiter=";"))
    assert len(nodes) == len(graph) and len(edges) == sum(graph.counts()["edges"].values())
    assert list(nodes[0])[:7] == ["navn", "id", "art", "gyldig fra", "gyldig til", "sikkerhed", "kilder"]
    assert list(edges[0])[:3] == ["fra", "relation", "til"]
    row = next(e for e in edges if e["id"] == "kkr-nordjylland:UDPEGER:post-rar-nordjylland-kommunale")
    assert row["relation"] == "udpeger" and row["fra"] == "KKR Nordjylland" and "pladser: 5" in row["egenskaber"]
    assert {r["sikkerhed"] for r in nodes + edges} <= {"oplyst", "udledt", "ikke verificeret"}


def test_libreoffice_opens_the_excel_csv_as_text_with_one_value_per_column(graph, tmp_path):
    """Danish Excel's settings (';', UTF-8 from the BOM): æøå intact, a formula-like name shown as text."""
    data = generate(_evil_graph(graph), "csv")["excel/noder.csv"]
    parsed = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert ["'" + EVIL, "kommune-851"] == next(r for r in parsed if r[1] == "kommune-851")[:2]
    header = parsed[0]
    assert next(r for r in parsed if r[1] == "kommune-851")[header.index("andre navne")] == "'+45 1234 | @ærø | -minus"
    source = tmp_path / "noder.csv"
    source.write_bytes(data)
    _libreoffice(tmp_path, source, "xlsx", "CSV:59,34,76,1")
    sheet = openpyxl.load_workbook(tmp_path / "noder.xlsx").active
    rows = [[c for c in row] for row in sheet.iter_rows()]
    header = [c.value for c in rows[0]]
    assert header[:3] == ["navn", "id", "art"] and "område" in header
    assert all(c.data_type != "f" for row in rows for c in row)
    evil = next(row for row in rows if row[1].value == "kommune-851")
    assert evil[0].value == "'" + EVIL and evil[0].data_type == "s"
    assert any(row[0].value == "Ærø Kommune" for row in rows)
    assert all(len([c for c in row if c.value is not None]) <= len(header) for row in rows)
    assert sheet.max_column == len(header)
    # negative control: the same cell without the prefix is read as a formula
    assert b'"\'=HYPERLINK(' in data
    (tmp_path / "raw.csv").write_bytes(data.replace(b'"\'=HYPERLINK(', b'"=HYPERLINK('))
    _libreoffice(tmp_path, tmp_path / "raw.csv", "xlsx", "CSV:59,34,76,1")
    raw = openpyxl.load_workbook(tmp_path / "raw.xlsx").active
    assert any(c.data_type == "f" for row in raw.iter_rows() for c in row)


# -- XLSX -----------------------------------------------------------------------------------


def test_xlsx_has_danish_headers_date_cells_frozen_headers_and_filters(graph):
    data = generate(graph, "xlsx")["orggraph.xlsx"]
    wb = openpyxl.load_workbook(io.BytesIO(data))
    for sheet in wb:
        header = [c.value for c in sheet[1]]
        assert sheet.freeze_panes == "B2" and sheet.auto_filter.ref, sheet.title
        assert not [h for h in header if h in ("name", "valid_from", "valid_to", "confidence", "source_1_document")
                    or h.startswith("attrs.")], sheet.title
    assert [c.value for c in wb["RAR"][1]][:7] == ["navn", "id", "art", "gyldig fra", "gyldig til", "sikkerhed", "kilder"]
    assert [c.value for c in wb["Relationer"][1]][:3] == ["fra", "relation", "til"]

    def cell(sheet, row_id, column, id_column="id"):
        header = [c.value for c in wb[sheet][1]]
        row = next(r for r in wb[sheet].iter_rows(min_row=2) if r[header.index(id_column)].value == row_id)
        return row[header.index(column)]

    for found in (cell("Samarbejde", "sam-nordjylland-frikommuneforsoeg", "gyldig til"),
                  cell("Kilder", "seed-003", "dato"),
                  next(c for row in wb["Relationer"].iter_rows(min_row=2) for c in row
                       if c.column == [h.value for h in wb["Relationer"][1]].index("vedtaget dato") + 1 and c.value)):
        assert found.is_date and isinstance(found.value, datetime) and found.number_format == "yyyy-mm-dd"
    assert cell("Relationer", "kkr-nordjylland:UDPEGER:post-rar-nordjylland-kommunale", "pladser").value == 5
    assert cell("RAR", "rar-fyn", "sikkerhed").value == {"stated": "oplyst", "derived": "udledt"}[graph.node("rar-fyn")["confidence"]]
    back = parse_xlsx(data)
    assert same_graph(back, graph) and back.documents == graph.documents


def test_libreoffice_reads_the_xlsx_headers_and_dates(graph, tmp_path):
    source = tmp_path / "orggraph.xlsx"
    source.write_bytes(generate(_evil_graph(graph), "xlsx")["orggraph.xlsx"])
    _libreoffice(tmp_path, source, "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1")
    sheets = {p.stem.removeprefix("orggraph-"): list(csv.reader(io.StringIO(p.read_text(encoding="utf-8"))))
              for p in tmp_path.glob("orggraph-*.csv")}
    assert set(sheets) == set(openpyxl.load_workbook(source).sheetnames)
    assert sheets["Kommune"][0][:7] == ["navn", "id", "art", "gyldig fra", "gyldig til", "sikkerhed", "kilder"]
    kilder = {row[0]: row for row in sheets["Kilder"][1:]}
    assert sheets["Kilder"][0][3] == "dato" and kilder["seed-003"][3] == graph.documents["seed-003"]["date"]  # shown yyyy-mm-dd
    header = sheets["Samarbejde"][0]
    row = next(r for r in sheets["Samarbejde"] if r[1] == "sam-nordjylland-frikommuneforsoeg")
    assert row[header.index("gyldig til")] == graph.node("sam-nordjylland-frikommuneforsoeg")["valid_to"]
    names = [r[0] for r in sheets["Kommune"]]
    assert EVIL in names and "klik" not in names and "Ærø Kommune" in names


def test_neo4j_admin_csv_keeps_quotes_line_breaks_and_commas(store, graph):
    """Quoted fields with doubled quotes, commas and line breaks (``--multiline-fields=true``) load intact."""
    texts = ['it\'s "quoted", with a comma', "new\nline and \\ backslash", "Ærø – Æ Ø Å ✓", EVIL, ""]
    nodes = copy.deepcopy(graph.node_records())
    for record, text in zip([n for n in nodes if n["kind"] == "Organ"], texts):
        record["name"] = text or "x"
        record["aliases"] = [text or "y", "alias"]
        record["attrs"] = {**record["attrs"], "note": text}
    odd = OrgGraph.from_records(nodes, graph.edge_records(), graph.documents)
    _load_csv(store, generate(odd, "csv"))
    from_csv = _dump(store)
    back = store.pull()
    assert same_graph(back, odd)
    _empty(store)
    store.push(odd)
    assert _dump(store) == from_csv


# -- the whole vocabulary (issue 14): the data plus a record of every kind and relation -------


def test_every_kind_has_a_sheet_name_excel_accepts():
    """At most 31 characters, none of []:*?/\\, no apostrophe at either end, not 'History', unique
    without regard to case (Excel's rules); the kinds added for the audit and the reform by their Danish name."""
    from orggraph.formats.xlsx import DOCUMENTS_SHEET, RELATIONS_SHEET, SHEET_NAMES
    from orggraph.model import KINDS

    names = [SHEET_NAMES[kind] for kind in KINDS] + [RELATIONS_SHEET, DOCUMENTS_SHEET]
    for name in names:
        assert 0 < len(name) <= 31 and not set(name) & set("[]:*?/\\") and name[0] != "'" != name[-1] and name != "History", name
    assert len({n.casefold() for n in names}) == len(names)
    for kind in ("Beskaeftigelsesraad", "Beslutning", "Opgave", "Anbefaling", "Forsoegsrunde"):
        assert SHEET_NAMES[kind] == KINDS[kind]  # e.g. "Regionalt beskæftigelsesråd", "Forsøgsrunde"


def _sheet_rows(wb, sheet: str) -> dict[str, dict]:
    rows = wb[sheet].iter_rows(values_only=True)
    header = next(rows)
    return {row[header.index("id")]: dict(zip(header, row)) for row in rows}


def test_xlsx_of_every_kind_and_relation_has_danish_headers_and_reads_back():
    """An Anbefaling's binding under 'bindende (skal/kan)', its deadline a date cell, a decision's
    uncertain start as two date cells, a relation's verb under 'udsagnsord i kilden'; all read back."""
    from orggraph.formats.xlsx import SHEET_NAMES
    from vocabulary_sample import sample_graph, sample_id

    sample = sample_graph()
    data = generate(sample, "xlsx")["orggraph.xlsx"]
    wb = openpyxl.load_workbook(io.BytesIO(data))
    anbefaling = sample.node(sample_id("Anbefaling"))
    row = _sheet_rows(wb, SHEET_NAMES["Anbefaling"])[anbefaling["id"]]
    assert row["bindende (skal/kan)"] == anbefaling["attrs"]["binding"]
    assert row["frist"] == datetime.fromisoformat(anbefaling["attrs"]["deadline"]) and row["dato i kilden"] == anbefaling["attrs"]["date_text"]
    decision = sample.node(sample_id("Beslutning"))
    row = _sheet_rows(wb, SHEET_NAMES["Beslutning"])[decision["id"]]
    window = [row["usikker start, tidligst"], row["usikker start, senest"]]
    assert window == [datetime.fromisoformat(day) for day in decision["attrs"]["uncertain_from"]]
    assert row["beslutningstype"] == decision["attrs"]["decision_type"] and row["art"] == "Beslutning"
    round_ = sample.node(sample_id("Forsoegsrunde"))
    row = _sheet_rows(wb, SHEET_NAMES["Forsoegsrunde"])[round_["id"]]
    assert [row["usikker slutning, tidligst"], row["usikker slutning, senest"]] == [datetime.fromisoformat(d) for d in round_["attrs"]["uncertain_to"]]
    cells = {c.coordinate: c for c in wb[SHEET_NAMES["Beslutning"]][2]}
    assert all(c.number_format == "yyyy-mm-dd" for c in cells.values() if isinstance(c.value, datetime))
    served = next(e for e in sample.edge_records() if e["type"] == "BETJENER" and "verb" in e["attrs"])
    assert _sheet_rows(wb, "Relationer")[served["id"]]["udsagnsord i kilden"] == served["attrs"]["verb"]
    back = parse_xlsx(data)
    assert same_graph(back, sample) and back.documents == sample.documents


def test_excel_csv_of_every_kind_shows_the_new_attributes_in_danish():
    from orggraph.model import KINDS
    from vocabulary_sample import sample_graph, sample_id

    from orggraph.formats.excel_csv import generate_excel_csv

    sample = sample_graph()
    files = generate_excel_csv(sample)
    nodes = {r["id"]: r for r in csv.DictReader(io.StringIO(files["noder.csv"].decode("utf-8-sig"), newline=""), delimiter=";")}
    edges = {r["id"]: r for r in csv.DictReader(io.StringIO(files["relationer.csv"].decode("utf-8-sig"), newline=""), delimiter=";")}
    assert {nodes[sample_id(kind)]["art"] for kind in KINDS} == set(KINDS.values())
    anbefaling = sample.node(sample_id("Anbefaling"))
    assert f"bindende (skal/kan): {anbefaling['attrs']['binding']}" in nodes[anbefaling["id"]]["egenskaber"]
    window = sample.node(sample_id("Beslutning"))["attrs"]["uncertain_from"]
    assert f"usikker start: {window[0]} – {window[1]}" in nodes[sample_id("Beslutning")]["egenskaber"]
    reports = next(e for e in sample.edge_records() if e["type"] == "RAPPORTERER_TIL" and "frequency" in e["attrs"])
    row = edges[reports["id"]]
    assert row["relation"] == "rapporterer til" and f"hyppighed: {reports['attrs']['frequency']}" in row["egenskaber"]


def test_neo4j_admin_csv_has_every_label_and_type_and_the_windows_as_arrays():
    from orggraph.model import KINDS, RELATIONS
    from vocabulary_sample import sample_graph

    tables = generate_neo4j_csv(sample_graph())
    nodes = list(csv.reader(io.StringIO(tables["nodes.csv"])))
    edges = list(csv.reader(io.StringIO(tables["relationships.csv"])))
    assert {row[1] for row in nodes[1:]} == set(KINDS) and {row[1] for row in edges[1:]} == set(RELATIONS)
    assert {"uncertain_from:string[]", "uncertain_to:string[]", "binding:string", "deadline:string", "date_text:string"} <= set(nodes[0])
    assert {"verb:string", "frequency:string"} <= set(edges[0])


def test_the_schema_has_a_uniqueness_constraint_for_every_kind():
    """cypher/schema.cypher (run by push, the script and after neo4j-admin) covers orggraph.model's kinds and :Kilde."""
    import re

    from orggraph.formats.cypher import DOCUMENT_LABEL, schema_statements
    from orggraph.model import KINDS

    labels = [re.fullmatch(r"CREATE CONSTRAINT orggraph_(\w+)_id IF NOT EXISTS FOR \(n:(\w+)\) REQUIRE n\.id IS UNIQUE", s)
              for s in schema_statements()]
    assert all(labels), schema_statements()
    assert [m[2] for m in labels] == list(KINDS) + [DOCUMENT_LABEL]
    assert all(m[1] == m[2].lower() for m in labels)


def test_the_cypher_script_writes_every_label_and_type_of_the_vocabulary(store):
    """orggraph.cypher of the whole vocabulary, run as cypher-shell runs it, gives push's database."""
    from orggraph.model import KINDS, RELATIONS
    from vocabulary_sample import sample_graph

    sample = sample_graph()
    script = generate_cypher(sample)
    assert {k for k in KINDS if f"MERGE (n:`{k}` {{id: row.id}})" in script} == set(KINDS)
    assert {r for r in RELATIONS if f"MERGE (a)-[r:`{r}` {{id: row.id}}]->(b)" in script} == set(RELATIONS)
    with store._session() as session:
        run_like_cypher_shell(session, script)
    from_script = _dump(store)
    _empty(store)
    store.push(sample)
    assert _dump(store) == from_script
    assert same_graph(store.pull(), sample)

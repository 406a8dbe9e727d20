"""Issue 20: a national dataset loads, answers and exports in seconds. Run on purpose:

    .venv/bin/python3 -m pytest tests/benchmarks/test_scale.py --benchmark-only -s

Every row runs ``orggraph`` as a whole process (wall time and that process's own peak
memory) on the generated data of ``generated.py`` (``ORGGRAPH_BENCH_AREAS``, default
1000: 100,003 nodes, 284,000 edges), against a floor measured in the same run, and is
reported as the median and its ratio to the floor. The goals:

- ``validate`` of the CSV pair at most 2× the load floor (the csv module reads both files
  and builds a networkx MultiDiGraph); of the same data as YAML files at most 2× PyYAML's
  C loader reading them; one YAML file linear in its size;
- ``who-supports``, ``show`` and ``path`` on the cached data at most 1.5× the floor
  "import networkx and typer, and unpickle a plain networkx graph of the same data";
- ``chart national``, ``compare`` and ``info`` within 3× the load floor;
- every ``export`` format at most 3× the export floor (the load floor, then networkx's
  ``write_graphml``) and at most 2 GiB of peak memory; ``export data`` no slower than the
  sum of its parts.

A command that runs longer than ``ORGGRAPH_BENCH_TIMEOUT`` (default 600 s) is killed and
reported as "> N s". The goals are reported (met / not met), not asserted: the rows
measure; a command that fails fails its test.
"""

import _bench as B
import pytest
from generated import write_yaml_one_file

MID = B.AREAS // 2
LAST = B.AREAS - 1


def test_validate_csv(benchmark, csv_pair, load_floor):
    B.measure(benchmark, "validate (CSV pair)", [B.ORGGRAPH, "validate", str(csv_pair)], B.env(None),
              floor=load_floor.name, goal=2, goal_text=", ≤ 1 GiB")


def test_validate_yaml_folder(benchmark, yaml_folder, yaml_floor):
    B.measure(benchmark, f"validate ({B.AREAS:,} YAML files)", [B.ORGGRAPH, "validate", str(yaml_folder)], B.env(None),
              floor=yaml_floor.name, goal=2, goal_text=", ≤ 1 GiB")


#: One YAML file at two sizes (areas): about 800 and 8,000 records, as in the issue.
ONE_FILE = (2, 20)


def test_one_yaml_file_is_linear(benchmark, tmp_path_factory, startup_floor):
    rows = []
    for areas in ONE_FILE:
        folder = tmp_path_factory.mktemp(f"one-file-{areas}")
        nodes, edges = write_yaml_one_file(folder, areas)
        records = nodes + edges
        floor = B.floor(f"YAML floor, one file of {records:,} records", [B.PYTHON, B.FLOORS, "yaml", str(folder)])
        row = B.Row(f"validate one YAML file of {records:,} records", floor=floor.name)
        for _ in range(B.ROUNDS if areas == ONE_FILE[0] else 1):
            row.runs.append(B.run([B.ORGGRAPH, "validate", str(folder)], B.env(None)))
            if not row.runs[-1].ok:
                break
        B.record(row)
        assert row.failed is None, row.failed.stderr
        rows.append((records, row))
    (small_n, small), (big_n, big) = rows
    base = startup_floor.median
    per = [(r.median - base) / n if r.median else None for n, r in rows]
    linear = B.Row("one YAML file: time per record, large / small", goal_text="≈ 1 (linear)")
    if None in per:
        linear.value = f"> {(B.TIMEOUT - base) / big_n / per[0]:.1f} (the large file timed out)" if per[0] else "—"
    else:
        linear.value = f"{per[1] / per[0]:.2f} ({big_n / small_n:.1f}× the records took {(big.median - base) / (small.median - base):.1f}× the time, start-up subtracted)"
    B.record(linear)
    benchmark.group = "one YAML file"
    benchmark.extra_info["linearity"] = linear.value
    benchmark.pedantic(lambda: None, rounds=1, iterations=1)  # the rows above are the measurement


QUERIES = {
    "who-supports": ["who-supports", f"br-g{MID}"],
    "show": ["show", f"kkr-g{MID}"],
    "path": ["path", f"organ-g{MID}-1", f"br-g{MID}"],
}


@pytest.mark.parametrize("query", list(QUERIES))
def test_cached_query(benchmark, query, csv_pair, cache, pickle_floor):
    B.measure(benchmark, f"{query} (cached)", [B.ORGGRAPH, *QUERIES[query], "--data", str(csv_pair)], B.env(cache),
              floor=pickle_floor.name, goal=1.5)


def test_info_first_run(benchmark, csv_pair, load_floor, tmp_path_factory):
    folder = {}

    def fresh_cache():
        folder["path"] = tmp_path_factory.mktemp("info-cold")
        environ.update(B.env(folder["path"]))

    environ = B.env(tmp_path_factory.mktemp("info-cold"))
    B.measure(benchmark, "info (first run, empty cache)", [B.ORGGRAPH, "info", "--data", str(csv_pair)], environ,
              floor=load_floor.name, goal=3, setup=fresh_cache)


def test_info_cached(benchmark, csv_pair, cache, load_floor):
    B.measure(benchmark, "info (cached)", [B.ORGGRAPH, "info", "--data", str(csv_pair)], B.env(cache),
              floor=load_floor.name, goal=3)


def test_chart_national(benchmark, csv_pair, cache, load_floor, tmp_path):
    B.measure(benchmark, "chart national (cached)", [B.ORGGRAPH, "chart", "national", "-o", str(tmp_path / "national.svg"),
                                                     "--data", str(csv_pair)], B.env(cache),
              rounds=1, floor=load_floor.name, goal=3)


def test_compare(benchmark, csv_pair, cache, load_floor, tmp_path):
    B.measure(benchmark, f"compare ({B.AREAS:,} areas, cached)", [B.ORGGRAPH, "compare", "-o", str(tmp_path / "compare.md"),
                                                                 "--data", str(csv_pair)], B.env(cache),
              floor=load_floor.name, goal=3)


#: ``orggraph export FORMAT``: the formats of ``orggraph export --help``, each with its file name.
EXPORTS = {"graphml": "g.graphml", "yed": "y.graphml", "gexf": "g.gexf", "json": "g.json", "csv": "csv",
           "cypher": "g.cypher", "ttl": "g.ttl", "popolo": "popolo.json", "xlsx": "g.xlsx", "data": "data"}
#: Run once: they take minutes (or hit the timeout) on today's code.
SLOW = {"ttl", "xlsx", "data"}


@pytest.mark.parametrize("fmt", list(EXPORTS))
def test_export(benchmark, fmt, csv_pair, cache, export_floor, tmp_path):
    out = tmp_path / EXPORTS[fmt]
    row = B.measure(benchmark, f"export {fmt} (cached)", [B.ORGGRAPH, "export", fmt, "-o", str(out), "--data", str(csv_pair)],
                    B.env(cache), rounds=1 if fmt in SLOW else B.ROUNDS, floor=export_floor.name, goal=3, goal_text=", ≤ 2 GiB")
    if row.median is not None:
        assert out.exists()
    if fmt == "data":
        parts = [B.ROWS.get(f"export {f} (cached)") for f in EXPORTS if f != "data"]
        medians = [p.median for p in parts if p is not None]
        timed_out = [p for p in parts if p is not None and p.timed_out and p.median is None]
        if len(medians) + len(timed_out) == len(EXPORTS) - 1:
            total = sum(medians) + B.TIMEOUT * len(timed_out)
            row.note = f"sum of its parts {'> ' if timed_out else ''}{B._secs(total)}"
            # its goal is no slower than its parts one after another (and ≤ 2 GiB), not 3x one format's floor
            row.goal = round(total / B.ROWS[export_floor.name].median, 1)
            row.goal_text = ", the sum of its parts; ≤ 2 GiB"
            B.record(row)

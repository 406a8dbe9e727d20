"""Start-up cost of ``orggraph info`` against ``python -c "import networkx, typer"``.

Run on purpose, not in the ordinary suite:

    python3 -m pytest tests/benchmarks --benchmark-only

The goal (issue 2): ``orggraph info`` on the packaged data takes at most 1.3x the wall
time of the baseline. Each command runs in a fresh process, so the medians include
interpreter start-up; compare the medians of one session, since the machine is noisy.
The ratios are printed at the end of the run and kept in the JSON report's extra_info.
"""

import os
import shutil
import subprocess
import sys

import pytest

BASELINE = [sys.executable, "-c", "import networkx, typer"]
INFO = [shutil.which("orggraph") or sys.executable, *([] if shutil.which("orggraph") else ["-m", "orggraph"]), "info"]
MEDIANS: dict[str, float] = {}


def _run(command, env):
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)


@pytest.fixture
def env(tmp_path):
    return dict(os.environ, ORGGRAPH_CACHE_DIR=str(tmp_path / "cache"))


@pytest.mark.parametrize("name", ["baseline", "info-cached", "info-cold"])
def test_startup(benchmark, env, name):
    command = BASELINE if name == "baseline" else INFO
    if name == "info-cold":
        env["ORGGRAPH_NO_CACHE"] = "1"
    _run(command, env)  # fills the cache for the cached run
    benchmark.group = "start-up"
    benchmark.pedantic(_run, args=(command, env), rounds=25, iterations=1, warmup_rounds=2)
    MEDIANS[name] = benchmark.stats.stats.median
    if "baseline" in MEDIANS and name != "baseline":
        ratio = MEDIANS[name] / MEDIANS["baseline"]
        benchmark.extra_info["ratio_to_baseline"] = round(ratio, 3)
        print(f"\n{name}: median {MEDIANS[name] * 1000:.0f} ms = {ratio:.2f}x baseline ({MEDIANS['baseline'] * 1000:.0f} ms)")

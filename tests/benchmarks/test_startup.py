"""Start-up cost of ``orggraph info`` and ``orggraph who-supports`` against
``python -c "import networkx, typer"``.

Run on purpose, not in the ordinary suite:

    python3 -m pytest tests/benchmarks --benchmark-only

The goals: ``orggraph info`` (issue 2) and ``orggraph who-supports`` (issue 3) on the
packaged data take at most 1.3x the wall time of the baseline. Each command runs in a fresh process, so the medians include
interpreter start-up; compare the medians of one session, since the machine is noisy.
The ratios are printed at the end of the run and kept in the JSON report's extra_info.
"""

import os
import shutil
import subprocess
import sys

import pytest

BASELINE = [sys.executable, "-c", "import networkx, typer"]
ORGGRAPH = [shutil.which("orggraph")] if shutil.which("orggraph") else [sys.executable, "-m", "orggraph"]
COMMANDS = {
    "baseline": BASELINE,
    "info-cached": [*ORGGRAPH, "info"],
    "info-cold": [*ORGGRAPH, "info"],
    "who-supports": [*ORGGRAPH, "who-supports", "RAR Nordjylland"],
}
MEDIANS: dict[str, float] = {}


def _run(command, env):
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)


@pytest.fixture
def env(tmp_path):
    return dict(os.environ, ORGGRAPH_CACHE_DIR=str(tmp_path / "cache"))


@pytest.mark.parametrize("name", list(COMMANDS))
def test_startup(benchmark, env, name):
    command = COMMANDS[name]
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

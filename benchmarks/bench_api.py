"""The documented calls at scale: ``wm.evaluate()`` against the large-batch path, and streaming
``wupmodel evaluate --out`` to Parquet.

Run: ``make bench`` (or ``.venv/bin/python -m pytest benchmarks/bench_api.py -s --benchmark-only
-o python_files="bench_*.py"``). Each case runs in a fresh subprocess, so its peak resident
memory (``ru_maxrss``) is its own; times are medians of the rounds.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).parent
N_EVALUATE = 200_000
N_STREAM = 1_000_000

_SCRIPT = """
import json, resource, sys, time
import numpy as np
sys.path.insert(0, {bench!r})
from conftest import synthetic_stock
from bench_evaluate import CONTRACT, MONEY, village_totals
import wupmodel as wm
import wupmodel.io as wio
stock = synthetic_stock({n})
scenario = wm.load_scenario()
case = {case!r}
t0 = time.perf_counter()
if case == "batch":  # iter_evaluate chunk by chunk, village totals (the large-batch path)
    totals = village_totals(stock, scenario, money=True)
elif case == "evaluate":  # the documented call, then the same totals
    out = wm.evaluate(stock, scenario)
    parts = np.stack([out.totals(name) for name in CONTRACT + MONEY])
    totals = np.vstack([parts, out.feasible.sum(axis=0)])
elif case == "evaluate_summarise":  # the documented call, then the strategy tables
    out = wm.evaluate(stock, scenario)
    tables = wm.summarise(out, scenario)
elif case == "stream":  # what `wupmodel evaluate --out outcomes.parquet` does
    chunks = wm.iter_evaluate(stock, scenario, chunk_size=wio.STREAM_CHUNK_GROUPS)
    rows, _ = wio.write_outcomes(chunks,
                                {out!r})
seconds = time.perf_counter() - t0
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"seconds": seconds, "peak_rss_mb": peak}}))
"""


def run_case(case: str, n: int, tmp: Path) -> dict:
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    code = _SCRIPT.format(bench=str(BENCH), n=n, case=case, out=str(tmp / "outcomes.parquet"))
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_default_evaluate_against_batch_path(benchmark, tmp_path):
    """``wm.evaluate()`` of 200 000 distinct dwellings x 96 options, then the village totals,
    against ``iter_evaluate`` with totals (target: at most 2.5x, at most 4 GB)."""
    rounds = 3
    results: dict[str, list[dict]] = {"batch": [], "evaluate": [], "evaluate_summarise": []}

    def run():
        for _ in range(rounds):  # interleaved: the shared machine's speed drifts
            for case in results:
                results[case].append(run_case(case, N_EVALUATE, tmp_path))

    benchmark.pedantic(run, rounds=1, iterations=1)
    med = {case: sorted(r["seconds"] for r in rs)[rounds // 2] for case, rs in results.items()}
    peak = {case: max(r["peak_rss_mb"] for r in rs) for case, rs in results.items()}
    benchmark.extra_info.update(seconds=med, peak_rss_mb=peak, ratio=med["evaluate"] / med["batch"])
    print(
        f"\n{N_EVALUATE} dwellings: batch {med['batch']:.1f} s / {peak['batch']:.0f} MB; "
        f"evaluate() + totals {med['evaluate']:.1f} s / {peak['evaluate']:.0f} MB "
        f"({med['evaluate'] / med['batch']:.2f}x); evaluate() + summarise() "
        f"{med['evaluate_summarise']:.1f} s / {peak['evaluate_summarise']:.0f} MB"
    )


@pytest.mark.parametrize("n", [N_STREAM])
def test_stream_outcomes_to_parquet(benchmark, tmp_path, n):
    """``wupmodel evaluate --out outcomes.parquet`` for 1 M distinct dwellings (target: <= 4 GB)."""
    result = benchmark.pedantic(run_case, args=("stream", n, tmp_path), rounds=1, iterations=1)
    size_mb = (tmp_path / "outcomes.parquet").stat().st_size / 1e6
    benchmark.extra_info.update(result, file_mb=size_mb)
    print(
        f"\n{n} dwellings streamed to Parquet: {result['seconds']:.0f} s, peak"
        f" {result['peak_rss_mb']:.0f} MB, file {size_mb:.0f} MB"
    )

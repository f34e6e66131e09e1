"""Evaluation throughput: distinct synthetic dwellings × the full catalogue (96 options).

Run: `make bench` (or `.venv/bin/python -m pytest benchmarks/bench_evaluate.py --benchmark-only`).
Each size is timed in-process on one core; peak memory is measured in a fresh subprocess
(ru_maxrss), so one size's allocations do not hide another's.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from wupmodel.evaluate import iter_evaluate
from wupmodel.scenario import Scenario

sys.path.insert(0, str(Path(__file__).parent))
from conftest import synthetic_stock  # noqa: E402

SIZES = [1_000, 10_000, 100_000, 1_000_000]
CHUNK = 25_000


#: The quantities of the long-table contract, all reduced for every option.
CONTRACT = (
    "gas_m3",
    "electricity_import_kwh",
    "electricity_export_kwh",
    "heat_gj",
    "peak_kw",
    "co2_kg",
    "capex_eur",
)


#: Money outputs reduced as well when the money layer is on.
MONEY = (
    "subsidy_eur",
    "end_user_annual_cost_eur",
    "national_annual_cost_eur",
    "monthly_cost_change_eur",
    "npv_end_user_eur",
)


def village_totals(stock, scenario: Scenario, money: bool | str = False) -> np.ndarray:
    """Per-option village totals of every contract quantity, chunk by chunk (bounded memory).

    Returns an array (quantities, options). ``money=True`` (or ``"contract"``) runs the money
    layer for the five money outputs of the contract (:data:`MONEY`), ``"all"`` for every
    money output (both without the IRR, whose root finding is measured separately); the five
    are reduced as well.
    """
    total = None
    names = CONTRACT + (MONEY if money else ())
    outputs = None if money == "all" else MONEY
    for part in iter_evaluate(
        stock, scenario, chunk_size=CHUNK, money=bool(money), irr=False, money_outputs=outputs
    ):
        t = np.stack([part.totals(name) for name in names])
        t = np.vstack([t, part.feasible.sum(axis=0)])
        total = t if total is None else total + t
    return total


_MEMORY_SCRIPT = """
import json, resource, sys
sys.path.insert(0, {bench!r})
from conftest import synthetic_stock
from bench_evaluate import village_totals
from wupmodel.scenario import Scenario
stock = synthetic_stock({n})
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
village_totals(stock, Scenario(), money={money!r})
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({{"peak_rss_mb": peak / 1024, "before_eval_mb": base / 1024}}))
"""


def peak_memory_mb(n: int, money: bool | str) -> dict:
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    code = _MEMORY_SCRIPT.format(bench=str(Path(__file__).parent), n=n, money=money)
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(
    "money", [False, "contract", "all"], ids=["physics", "with_money", "with_money_all"]
)
@pytest.mark.parametrize("n", SIZES)
def test_evaluate_throughput(benchmark, n, money):
    stock = synthetic_stock(n)
    scenario = Scenario()
    rounds = 3  # the shared VM's speed varies from minute to minute: report min and median
    result = benchmark.pedantic(
        village_totals, args=(stock, scenario, money), rounds=rounds, iterations=1
    )
    assert np.isfinite(result).all()
    n_options = result.shape[1]
    seconds = benchmark.stats.stats.median
    benchmark.extra_info["min_s"] = benchmark.stats.stats.min
    benchmark.extra_info["dwellings"] = n
    benchmark.extra_info["options"] = n_options
    benchmark.extra_info["dwelling_options_per_s"] = n * n_options / seconds
    benchmark.extra_info.update(peak_memory_mb(n, money))
    print(
        f"\n{n} dwellings x {n_options} options ({f'money: {money}' if money else 'physics'}):"
        f" median {seconds:.2f} s (min {benchmark.stats.stats.min:.2f} s),"
        f" {n * n_options / seconds:,.0f} dwelling-options/s, peak RSS"
        f" {benchmark.extra_info['peak_rss_mb']:.0f} MB"
    )


@pytest.mark.parametrize("n", [100_000, 1_000_000])
def test_money_overhead_interleaved(benchmark, n):
    """What the money layer adds, from interleaved runs (physics, contract money, all money).

    The shared VM's speed drifts from minute to minute, so separate benchmarks of physics and
    money can land in different phases; each round here times the three back to back and the
    ratio is taken per round (median over rounds).
    """
    import time

    stock = synthetic_stock(n)
    scenario = Scenario()
    village_totals(stock.iloc[:2000], scenario, "all")  # warm caches and imports
    rounds = 3
    times = np.zeros((rounds, 3))

    def run():
        for r in range(rounds):
            for j, money in enumerate((False, "contract", "all")):
                t0 = time.perf_counter()
                village_totals(stock, scenario, money)
                times[r, j] = time.perf_counter() - t0

    benchmark.pedantic(run, rounds=1, iterations=1)
    contract = np.median(times[:, 1] / times[:, 0] - 1.0)
    everything = np.median(times[:, 2] / times[:, 0] - 1.0)
    benchmark.extra_info.update(
        physics_s=np.median(times[:, 0]),
        contract_s=np.median(times[:, 1]),
        all_s=np.median(times[:, 2]),
        money_adds_contract=contract,
        money_adds_all=everything,
    )
    print(
        f"\n{n} dwellings: physics {np.median(times[:, 0]):.2f} s, with money (contract)"
        f" {np.median(times[:, 1]):.2f} s, (all outputs) {np.median(times[:, 2]):.2f} s; money adds"
        f" {contract:.0%} (contract) / {everything:.0%} (all), per-round ratios"
        f" {np.round(times[:, 1] / times[:, 0] - 1, 2).tolist()} /"
        f" {np.round(times[:, 2] / times[:, 0] - 1, 2).tolist()}"
    )


def test_irr_village(benchmark):
    """The IRR (root finding per dwelling × option over 25 years) on the default village."""
    import wupmodel as wm

    scenario = wm.load_scenario()
    stock = wm.synthesise_stock(scenario.village.buurt_code)

    def run():  # money is computed when first read: read the IRR inside the timed part
        return wm.evaluate(stock, scenario, irr=True)["irr"]

    irr = benchmark.pedantic(run, rounds=3, iterations=1)
    assert np.isfinite(irr).any()

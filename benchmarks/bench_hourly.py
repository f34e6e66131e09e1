"""The hourly pass (issue 21): the default village under every packaged strategy, and 100 000
dwellings under every strategy, 8 760 hours each.

Run: ``make bench`` (or ``.venv/bin/python -m pytest benchmarks/bench_hourly.py -s
--benchmark-only -o python_files="bench_*.py"``). Targets: the default village (758 groups × 6
strategies) within 1 s; 100 000 dwellings within 60 s on one core and 4 GB. The 100 000 case
runs in a fresh subprocess so its peak resident memory (``ru_maxrss``) is its own; its CPU time
is reported beside the wall time because the shared VM's load varies.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

import wupmodel as wm
from wupmodel.evaluate import building_inputs
from wupmodel.params import default_params, packaged_table
from wupmodel.physics import (
    HourlyOptions,
    RowChoice,
    building_response,
    heating_systems,
    hourly_curves,
    hourly_pass,
    rows_from_physics,
)
from wupmodel.vocabulary import HEATING_SYSTEMS, INSULATION_LEVELS

BENCH = Path(__file__).parent
N_LARGE = 100_000


def strategy_rows(groups, counts, params):
    """Hourly rows of every packaged strategy for ``groups`` (a validated stock or its groups):
    each group at the strategy's level, or the next level up where the system does not fit
    there, or the reference where none fits (the rule of village.strategy_choice)."""
    inputs = building_inputs(groups)
    building = building_response(inputs, params)
    systems = heating_systems(building, inputs.dwelling_type, params)
    table = packaged_table("strategies")
    n = len(groups)
    parts = []
    for _, s in table.iterrows():
        heat = HEATING_SYSTEMS.index(s["heating"])
        start = INSULATION_LEVELS.index(s["insulation"])
        ok = systems.feasible[:, start:, heat]
        first = np.where(ok.any(axis=1), start + ok.argmax(axis=1), -1)
        parts.append(
            RowChoice(
                group=np.arange(n),
                insulation=np.where(first >= 0, first, 0),
                heating=np.where(first >= 0, heat, 0),
                pv=np.zeros(n, bool),
                count=counts,
            )
        )
    choice = RowChoice(
        *(np.concatenate([getattr(p, f) for p in parts]) for f in RowChoice.__dataclass_fields__)
    )
    rows = rows_from_physics(building, systems, inputs, choice, params)
    return rows, np.repeat(np.arange(len(parts)), n)


@pytest.fixture(scope="module")
def village():
    scenario = wm.load_scenario()
    out = wm.evaluate(wm.stock_for(scenario), scenario, irr=False)
    return strategy_rows(out.groups, out.counts, default_params())


@pytest.mark.parametrize(
    ("scale", "year"), [("month", 2015), ("weather", 1987)], ids=["energy_2015", "design_1987"]
)
def test_hourly_default_village(benchmark, village, scale, year):
    rows, curve = village
    params, curves = default_params(), hourly_curves(year)
    opt = HourlyOptions(scale=scale)
    t0 = time.process_time()
    hourly_pass(rows, curves, params, curve_of_row=curve, options=opt)  # first call: caches
    first_cpu = time.process_time() - t0
    cpu = []

    def run():
        t = time.process_time()
        result = hourly_pass(rows, curves, params, curve_of_row=curve, options=opt)
        cpu.append(time.process_time() - t)
        return result

    result = benchmark.pedantic(run, rounds=5, iterations=1)
    assert np.isfinite(result.curves["electricity_import_kw"]).all()
    stats = benchmark.stats.stats
    benchmark.extra_info.update(
        rows=rows.n, min_s=stats.min, cpu_median_s=float(np.median(cpu)), first_cpu_s=first_cpu
    )
    print(
        f"\ndefault village, {rows.n} rows (758 groups x 6 strategies), {scale} {year}: "
        f"median {stats.median:.2f} s (min {stats.min:.2f} s), CPU median "
        f"{np.median(cpu):.2f} s; first call {first_cpu:.2f} s CPU (monthly and COP tables)"
    )


_SCRIPT = """
import json, resource, sys, time
sys.path.insert(0, {bench!r})
from conftest import synthetic_stock
from bench_hourly import strategy_rows
from wupmodel.params import default_params
from wupmodel.physics import HourlyOptions, hourly_pass
from wupmodel.physics import hourly_curves
stock = synthetic_stock({n})
rows, curve = strategy_rows(stock, stock["count"].to_numpy(float), default_params())
t0, c0 = time.perf_counter(), time.process_time()
result = hourly_pass(rows, hourly_curves({year}), default_params(), curve_of_row=curve,
                     options=HourlyOptions(scale={scale!r}))
print(json.dumps({{"seconds": time.perf_counter() - t0, "cpu_s": time.process_time() - c0,
                   "rows": rows.n,
                   "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                   "peak_kw": float(result.net_load_kw.max(axis=1).sum())}}))
"""


@pytest.mark.parametrize(
    ("scale", "year"), [("month", 2015), ("weather", 1987)], ids=["energy_2015", "design_1987"]
)
def test_hourly_100k_dwellings(benchmark, scale, year):
    env = dict(os.environ, OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1", MKL_NUM_THREADS="1")
    code = _SCRIPT.format(bench=str(BENCH), n=N_LARGE, year=year, scale=scale)
    found = {}

    def run():
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
        )
        found.update(json.loads(done.stdout.strip().splitlines()[-1]))

    benchmark.pedantic(run, rounds=1, iterations=1)
    benchmark.extra_info.update(found)
    print(
        f"\n{N_LARGE} dwellings x 6 strategies ({found['rows']} rows), {scale} {year}: "
        f"{found['seconds']:.1f} s wall, {found['cpu_s']:.1f} s CPU, "
        f"peak RSS {found['peak_rss_mb']:.0f} MB"
    )
    assert found["peak_rss_mb"] < 4096

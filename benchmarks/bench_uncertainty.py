"""Benchmarks of the uncertainty module (``make bench``): a 10 000-sample sweep of the default
village, the Drenthe batch (every packaged buurt × 2 scenarios), serial and on 2 Dask workers."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

import wupmodel as wm
from wupmodel.uncertainty import DaskExecutor

EXAMPLE = Path(__file__).parents[1] / "scenarios" / "uncertainty.yaml"
_TIMES: dict[str, float] = {}


@pytest.fixture(scope="module")
def scenarios():
    a = wm.load_scenario()
    b = wm.load_scenario(EXAMPLE).model_copy(
        update={"name": "B: cheaper heat pumps", "parameters": {"cost.air_hp_fixed_eur": 5000.0}}
    )
    return [a, b]


def test_sweep_10000_default_village(benchmark):
    scenario = wm.load_scenario(EXAMPLE)
    stock = wm.synthesise_stock(scenario.village.buurt_code)
    result = benchmark.pedantic(
        wm.sweep,
        args=(scenario, stock),
        kwargs={"samples": 10_000, "seed": 1, "per_household": True},
        rounds=3,
        iterations=1,
    )
    assert result.design.n_samples == 10_000


def test_batch_drenthe_serial(benchmark, scenarios):
    def run():
        t = time.perf_counter()
        out = wm.batch("drenthe", scenarios)
        _TIMES["serial"] = time.perf_counter() - t
        return out

    out = benchmark.pedantic(run, rounds=1, iterations=1)
    assert out["buurt_code"].nunique() == 657


def test_batch_drenthe_dask_2_workers(benchmark, scenarios):
    ex = DaskExecutor("local:2")
    try:

        def run():
            t = time.perf_counter()
            out = wm.batch("drenthe", scenarios, executor=ex)
            _TIMES["dask"] = time.perf_counter() - t
            return out

        out = benchmark.pedantic(run, rounds=1, iterations=1)
    finally:
        ex.close()
    assert out["buurt_code"].nunique() == 657
    if "serial" in _TIMES:
        print(
            f"\nbatch serial {_TIMES['serial']:.1f} s, 2 Dask workers {_TIMES['dask']:.1f} s, "
            f"speed-up {_TIMES['serial'] / _TIMES['dask']:.2f}x"
        )

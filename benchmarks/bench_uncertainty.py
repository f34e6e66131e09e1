"""Benchmarks of the uncertainty module (``make bench``): a 10 000-sample sweep of the default
village, the Drenthe batch (every packaged buurt × 2 scenarios), serial and on 2 Dask workers."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

import wupmodel as wm
import wupmodel.io as wio
from wupmodel.uncertainty import DaskExecutor, make_executor

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
        args=(stock, scenario),
        kwargs={"samples": 10_000, "seed": 1, "per_household": True},
        rounds=3,
        iterations=1,
    )
    assert result.design.n_samples == 10_000


def _with(line: str) -> wm.Scenario:
    """``scenarios/uncertainty.yaml`` with one more uncertain input."""
    text = EXAMPLE.read_text("utf-8").replace("  groups:", f"    {line}\n  groups:")
    return wio.scenario_from_text(text, "uncertainty.yaml + " + line.split(":")[0])


@pytest.mark.parametrize("scheduler", [None, "local:2"])
def test_sweep_10000_physical_parameter(benchmark, scheduler):
    """Issue 24's target (<= 60 s on 2 cores): 10 000 samples of the example's price factors
    and the PV yield (800-950 kWh/kWp) along the sample axis; it took 409 s sample by sample."""
    scenario = _with("pv.specific_yield_kwh_per_kwp: {low: 800, high: 950}")
    stock = wm.synthesise_stock(scenario.village.buurt_code)
    result = benchmark.pedantic(
        wm.sweep,
        args=(stock, scenario),
        kwargs={"samples": 10_000, "seed": 1, "executor": scheduler},
        rounds=1 if scheduler else 3,
        iterations=1,
    )
    print(f"\n{result.notes[0]}", flush=True)


def test_sweep_1000_cost_parameter(benchmark):
    """A cost that moves some households across a subsidy, loan or rent limit: those groups
    (186 of 758) are evaluated sample by sample; 1 000 samples, serial."""
    scenario = _with("cost.air_hp_fixed_eur: {low: 5000, high: 9000}")
    stock = wm.synthesise_stock(scenario.village.buurt_code)
    result = benchmark.pedantic(
        wm.sweep, args=(stock, scenario), kwargs={"samples": 1000, "seed": 1}, rounds=1
    )
    print(f"\n{result.notes[0]}", flush=True)


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


def test_unreachable_scheduler_message(benchmark):
    """How long ``--scheduler tcp://...`` takes to say that nobody answers (it was a test's
    < 10 s assertion; the connect timeout is ``CONNECT_TIMEOUT_S``)."""

    def run():
        with pytest.raises(wm.WupInputError, match="does not answer"):
            make_executor("tcp://127.0.0.1:9")

    benchmark.pedantic(run, rounds=1, iterations=1)

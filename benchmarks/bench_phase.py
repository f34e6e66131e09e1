"""The time path (``wm.phase``) on the default village and on a 3 000-dwelling stock.

Targets (issue 22): Aalden yearly 2026-2050 by groups ≤ 5 s, 5-year steps ≤ 1 s; a 3 000-dwelling
stock (several Drenthe buurten synthesised together) ≤ 15 s. Each is timed with the packaged
phasing settings (installer capacity per 1 000 dwellings, notice, lead time, and the packaged
CO2 path: 27 % less CO2 than keeping gas in 2030, 56 % in 2040, 84 % in 2050), with the
README's CO2 path (30 % in 2030, 60 % in 2040, 80 % in 2050) and without a CO2 path (nothing
binds). The whole verb is timed: the evaluation of every switch year and the search. The
process's CPU time goes in ``extra_info`` beside the wall time: on a shared machine the wall
time says more about the other processes than about this one.
"""

from __future__ import annotations

import time

import pandas as pd
import pytest

import wupmodel as wm

PATH = {2030: 0.3, 2040: 0.6, 2050: 0.8}

#: Four Coevorden buurten, 3 145 dwellings: Schoonoord, Oosterhesselen, Aalden, Ballast.
BUURTEN = ("BU01094047", "BU01093032", "BU01095059", "BU01091007")


@pytest.fixture(scope="module")
def aalden():
    scenario = wm.load_scenario()
    return scenario, wm.stock_for(scenario)


@pytest.fixture(scope="module")
def four_buurten():
    """The four buurten synthesised and put together, each zone named after its buurt."""
    parts = []
    for code in BUURTEN:
        stock = wm.synthesise_stock(code)
        for column in ("heat_network_zone", "grid_zone"):
            named = stock[column].astype(object)
            stock[column] = named.where(named.isna() | (named == ""), code + ":" + named)
        parts.append(stock)
    stock = pd.concat(parts, ignore_index=True)
    assert 3000 <= stock["count"].sum() <= 3300
    return wm.load_scenario(), stock


#: The three CO2 paths timed: the packaged one, the README's and none.
EXTRA = {"packaged": {}, "co2_path": {"co2_path": PATH}, "no_path": {"co2_path": {}}}


def _timed(benchmark, run, rounds: int):
    """Run under the benchmark; the mean CPU seconds of a round go in ``extra_info``."""
    cpu = []

    def once():
        c0 = time.process_time()
        out = run()
        cpu.append(time.process_time() - c0)
        return out

    plan = benchmark.pedantic(once, rounds=rounds, iterations=1)
    benchmark.extra_info.update(cpu_s=sum(cpu) / len(cpu))
    return plan


@pytest.mark.parametrize("path", list(EXTRA))
@pytest.mark.parametrize("step", [1, 5])
def test_aalden(benchmark, aalden, step, path):
    scenario, stock = aalden
    plan = _timed(benchmark, lambda: wm.phase(stock, scenario, step=step, **EXTRA[path]), 2)
    assert plan.has_plan
    benchmark.extra_info.update(
        status=plan.status, gap=plan.gap, objective_eur=plan.objective_eur, **plan.timings
    )


@pytest.mark.parametrize("path", list(EXTRA))
def test_3000_dwellings_yearly(benchmark, four_buurten, path):
    scenario, stock = four_buurten
    plan = _timed(benchmark, lambda: wm.phase(stock, scenario, **EXTRA[path]), 1)
    assert plan.has_plan
    benchmark.extra_info.update(status=plan.status, gap=plan.gap, **plan.timings)

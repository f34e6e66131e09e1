"""The time path (``wm.phase``) on the default village and on a 3 000-dwelling stock.

Targets (issue 22): Aalden yearly 2026-2050 by groups ≤ 5 s, 5-year steps ≤ 1 s; a 3 000-dwelling
stock (several Drenthe buurten synthesised together) ≤ 15 s. Each is timed with the packaged
phasing settings (installer capacity per 1 000 dwellings, notice, lead time; no CO2 path) and
with the README's CO2 path (30 % in 2030, 60 % in 2040, 80 % in 2050), the case whose limits
bind. The whole verb is timed: the evaluation of every switch year and the search.
"""

from __future__ import annotations

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


@pytest.mark.parametrize("path", ["packaged", "co2_path"])
@pytest.mark.parametrize("step", [1, 5])
def test_aalden(benchmark, aalden, step, path):
    scenario, stock = aalden
    extra = {"co2_path": PATH} if path == "co2_path" else {}

    def run():
        return wm.phase(stock, scenario, step=step, **extra)

    plan = benchmark.pedantic(run, rounds=3 if path == "packaged" else 1, iterations=1)
    assert plan.has_plan
    benchmark.extra_info.update(
        status=plan.status, gap=plan.gap, objective_eur=plan.objective_eur, **plan.timings
    )


@pytest.mark.parametrize("path", ["packaged", "co2_path"])
def test_3000_dwellings_yearly(benchmark, four_buurten, path):
    scenario, stock = four_buurten
    extra = {"co2_path": PATH} if path == "co2_path" else {}
    plan = benchmark.pedantic(lambda: wm.phase(stock, scenario, **extra), rounds=1, iterations=1)
    assert plan.has_plan
    benchmark.extra_info.update(status=plan.status, gap=plan.gap, **plan.timings)

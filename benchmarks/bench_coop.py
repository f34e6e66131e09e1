"""The cooperative business case as the app's Coöperatie page calls it: the default village
evaluated once, then ``wm.business_case`` per change of tariff, fee, member capital or
participation (target < 0.5 s per call; a new connection fee re-evaluates the village).

Run: ``make bench`` (or ``.venv/bin/python -m pytest benchmarks/bench_coop.py --benchmark-only
-o python_files="bench_*.py"``).
"""

from __future__ import annotations

import pytest

import wupmodel as wm


@pytest.fixture(scope="module")
def village():
    scenario = wm.load_scenario()
    stock = wm.stock_for(scenario)
    return scenario, stock, wm.evaluate(stock, scenario, irr=False)


def test_business_case_from_alternatives(benchmark, village):
    scenario, stock, outcomes = village
    case = benchmark(wm.business_case, scenario, outcomes, stock=stock)
    assert case.loop is not None
    assert benchmark.stats.stats.median < 0.5


def test_business_case_app_call_new_fee(benchmark, village):
    scenario, stock, outcomes = village
    case = benchmark(
        wm.business_case,
        scenario,
        outcomes,
        stock=stock,
        tariff_fixed_eur_per_yr=700.0,
        tariff_eur_per_gj=35.0,
        connection_fee_eur=2000.0,
        member_capital_eur=1.5e6,
        participation=0.8,
    )
    assert case.connection_fee_eur == 2000.0
    assert benchmark.stats.stats.median < 0.5

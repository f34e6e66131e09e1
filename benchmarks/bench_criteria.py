"""Well-being criteria (issue 25): the indicators of every dwelling × option of the default
village beside ``evaluate``, and the ranking with 100 000 random weightings.

Run: ``make bench`` (or ``.venv/bin/python -m pytest benchmarks/bench_criteria.py -s
--benchmark-only -o python_files="bench_*.py"``). Targets: indicators <= 0.5 s, the ranking with
its robustness (100 000 weightings, TOPSIS and weighted sum) <= 1 s.
"""

from __future__ import annotations

import pytest

import wupmodel as wm
from wupmodel.criteria import (
    indicators,
    stakeholder_weights,
    strategy_indicators,
    weigh,
    weighed_criteria,
)

N_WEIGHTINGS = 100_000


@pytest.fixture(scope="module")
def village():
    scenario = wm.load_scenario()
    outcomes = wm.evaluate(wm.stock_for(scenario), scenario)
    return scenario.params(), outcomes


def test_indicators_default_village(benchmark, village):
    params, outcomes = village
    result = benchmark(indicators, outcomes, params)
    assert result["overheating_tojuli_k"].shape == (outcomes.n_groups, outcomes.catalogue.size)
    assert benchmark.stats.stats.median <= 0.5


def test_strategy_table_default_village(benchmark, village):
    params, outcomes = village
    table = benchmark(strategy_indicators, outcomes, params)
    assert len(table) == 6


@pytest.mark.parametrize("method", ["topsis", "weighted"])
def test_ranking_with_100k_weightings(benchmark, village, method):
    params, outcomes = village
    table = strategy_indicators(outcomes, params)
    tenants = stakeholder_weights(params, weighed_criteria(params))["tenants"]
    result = benchmark(weigh, table, params, tenants, method, N_WEIGHTINGS)
    assert result.robustness.sum() == pytest.approx(1.0)
    assert benchmark.stats.stats.median <= 1.0

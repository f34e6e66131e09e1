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


def test_afwegen_weight_move(benchmark, village):
    """What the page Afwegen computes when a slider moves (target <= 0.3 s, the app's slider
    budget): the cached weighing reweighed, the ranking, the groups and every indicator as
    frames, the robustness bars and the radar (Streamlit's own rendering not included)."""
    import wupmodel.app as wa

    params, outcomes = village
    base = wm.criteria(None, wm.load_scenario(), outcomes=outcomes, n_samples=20_000)
    weights = dict.fromkeys(base.weights.criteria, 1.0)
    moves = iter(range(10**9))

    def move():
        weights["monthly_cost_change_avg_eur"] = float(next(moves) % 11) / 2  # 0 ... 5
        result = base.reweigh(weights)
        frames = (wa.ranking_frame(result), wa.groups_frame(result), wa.indicator_frame(result))
        return result, frames, wa.robustness_bars(result), wa.criteria_radar(result)

    result, *_ = benchmark(move)
    assert result.robustness.sum() == pytest.approx(1.0)
    assert benchmark.stats.stats.median <= 0.3


def test_criteria_verb_default_village(benchmark, village):
    """wm.criteria on evaluated outcomes: indicators, the strategy table, the weighing with
    100 000 random weightings and the five groups (what wupmodel run adds to its files)."""
    params, outcomes = village
    scenario = wm.load_scenario()
    result = benchmark(wm.criteria, None, scenario, outcomes=outcomes)
    assert result.robustness.sum() == pytest.approx(1.0)

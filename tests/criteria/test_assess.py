"""The verb ``wm.criteria``: strategies (and a plan) weighed, the groups side by side, the chance
of paying more from a sweep, and reweighing without recomputing."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

import wupmodel as wm
from wupmodel.criteria import (
    as_shares,
    group_rankings,
    paying_more_chance,
    plan_figures,
    plan_shares,
    stakeholder_weights,
    strategy_indicators,
    weigh,
    weighed_criteria,
)
from wupmodel.errors import WupInputError
from wupmodel.village import strategies_from_table, strategy_choice, strategy_summary

N = 20_000  # random weightings: enough for these tests


@pytest.fixture(scope="module")
def result(village):
    scenario, _, outcomes = village
    return wm.criteria(None, scenario, outcomes=outcomes, n_samples=N)


def test_the_verb_is_the_table_weighed(village, result):
    scenario, params, outcomes = village
    table = strategy_indicators(outcomes, params)
    pd.testing.assert_frame_equal(result.table, table, check_exact=False, rtol=1e-12)
    alone = weigh(table, params, None, "topsis", N)
    pd.testing.assert_series_equal(result.scores, alone.scores)
    pd.testing.assert_series_equal(result.robustness, alone.robustness)
    assert result.robustness.sum() == pytest.approx(1.0)
    groups = stakeholder_weights(params, weighed_criteria(params))
    pd.testing.assert_frame_equal(
        result.group_ranks, group_rankings(table, params, groups), check_names=False
    )


def test_a_group_by_name_and_a_wrong_name(village, result):
    scenario, params, outcomes = village
    tenants = wm.criteria(None, scenario, outcomes=outcomes, weights="tenants", n_samples=10)
    pd.testing.assert_series_equal(tenants.ranks, result.group_ranks["tenants"], check_names=False)
    assert tenants.weights.group == "tenants"
    with pytest.raises(WupInputError, match="unknown stakeholder group 'tenant'.*'tenants'"):
        wm.criteria(None, scenario, outcomes=outcomes, weights="tenant")


def test_json_has_strategies_ranking_robustness_and_groups(result):
    data = json.loads(json.dumps(result.to_dict()))
    assert {"strategies", "ranking", "robustness", "weights", "groups", "indicators"} <= set(data)
    assert sum(data["robustness"].values()) == pytest.approx(1.0)
    assert data["strategies"]["reference"]["chance_paying_more"] is None  # no sweep given
    assert "no uncertainty sweep" in data["notices"][0]
    assert data["groups"]["residents"]["ranking"]["hybrid"] == int(
        result.group_ranks.at["hybrid", "residents"]
    )


def test_reweigh_equals_a_new_weighing_and_keeps_the_robustness(village, result):
    _, params, _ = village
    weights = {"co2_t": 3.0, "noise_excess_db": 1.0}
    again = result.reweigh(weights)
    fresh = weigh(result.table, params, weights, "topsis", N)
    pd.testing.assert_series_equal(again.scores, fresh.scores)
    pd.testing.assert_series_equal(again.ranks, fresh.ranks)
    assert again.robustness is result.robustness or again.robustness.equals(result.robustness)
    other = result.reweigh(weights, method="weighted")
    pd.testing.assert_series_equal(
        other.robustness, weigh(result.table, params, weights, "weighted", N).robustness
    )


def test_tables_for_the_workbook(result):
    tables = result.tables()
    assert set(tables) == {"criteria", "criteria_ranking", "criteria_weights"}
    rows = tables["criteria"].set_index("indicator")
    assert rows.at["co2_t", "reference"] == pytest.approx(result.table.at["reference", "co2_t"])
    assert rows.at["co2_t", "weighed"] and not rows.at["cooling_kwh", "weighed"]
    ranking = tables["criteria_ranking"]
    assert ranking["robustness"].sum() == pytest.approx(1.0)
    assert {f"rank_{g}" for g in result.groups} <= set(ranking.columns)
    weights = tables["criteria_weights"]
    assert weights["weight_used"].sum() == pytest.approx(1.0)
    assert weights["weight_tenants"].sum() == pytest.approx(1.0)


def _strategy_as_plan(outcomes, strategy):
    """A plan's per-dwelling table that takes exactly the strategy's options."""
    choice = strategy_choice(outcomes, strategy)
    rows = outcomes.dwelling_group
    return pd.DataFrame(
        {
            "dwelling_id": outcomes.dwelling_ids.astype(str),
            "option_id": outcomes.catalogue.option_ids[choice][rows],
            "dwellings": outcomes.dwelling_count.astype(float),
        }
    )


def test_a_plan_that_is_a_strategy_scores_as_the_strategy(village):
    """The plan's row is formed as the strategy summary forms a strategy's: a plan taking one
    strategy's options (and its collective cost) gets that strategy's figures."""
    _, params, outcomes = village
    strategies = strategies_from_table(params.table("strategies"))
    air = next(s for s in strategies if s.name == "all_electric_air")
    shares = plan_shares(outcomes, _strategy_as_plan(outcomes, air))
    np.testing.assert_array_equal(
        shares, as_shares(strategy_choice(outcomes, air), outcomes.n_groups, shares.shape[1])
    )
    summary = strategy_summary(outcomes, [air], params).iloc[0]
    figures = plan_figures(outcomes, params, shares, summary["collective_eur_per_yr"])
    for name, value in figures.items():
        assert value == pytest.approx(summary[name], rel=1e-12, abs=1e-9), name
    table = strategy_indicators(outcomes, params, strategies, {"air": shares, air.name: shares})
    dwelling = [c for c in table.columns if c not in figures and c != "chance_paying_more"]
    pd.testing.assert_series_equal(
        table.loc["air", dwelling], table.loc[air.name, dwelling], check_names=False
    )


def test_a_plan_of_another_village_is_refused(village):
    _, _, outcomes = village
    other = pd.DataFrame(
        {"dwelling_id": ["x"], "option_id": ["current+gas_boiler"], "dwellings": 1}
    )
    with pytest.raises(WupInputError, match="plan"):
        plan_shares(outcomes, other)


@pytest.fixture(scope="module")
def sweep(village):
    scenario, _, outcomes = village
    uncertain = wm.load_scenario("scenarios/uncertainty.yaml")
    return wm.sweep(wm.stock_for(scenario), uncertain, samples=16, method="lhs", per_household=True)


def test_chance_of_paying_more_by_hand(sweep):
    """Dwelling-weighted mean over the households of the share of samples with a rise > 1 EUR."""
    chance = paying_more_chance(sweep, 1.0)
    counts = sweep.groups["count"].to_numpy(dtype=float)
    for i, s in enumerate(sweep.strategies):
        rise = sweep.household_change[:, i, :] > 1.0  # (samples, groups)
        assert chance[s] == pytest.approx((rise.mean(axis=0) * counts).sum() / counts.sum())
    assert chance["reference"] == 0.0


def test_the_chance_is_a_weighed_criterion_with_a_sweep(village, sweep):
    scenario, _, outcomes = village
    result = wm.criteria(None, scenario, outcomes=outcomes, risk=sweep, n_samples=1000)
    assert "chance_paying_more" in result.weights.criteria
    assert result.table["chance_paying_more"].notna().all()
    assert not result.notices
    with pytest.raises(WupInputError, match="per_household"):
        no_households = wm.sweep(
            wm.stock_for(scenario),
            wm.load_scenario("scenarios/uncertainty.yaml"),
            samples=4,
            method="lhs",
        )
        wm.criteria(None, scenario, outcomes=outcomes, risk=no_households)

"""The default village's strategies scored on every criterion, weighed and ranked."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from wupmodel.criteria import (
    group_rankings,
    indicator_table,
    score_strategies,
    stakeholder_weights,
    strategy_indicators,
    weigh,
    weighed_criteria,
)
from wupmodel.errors import WupInputError
from wupmodel.village import strategies_from_table, strategy_choice, strategy_summary


@pytest.fixture(scope="module")
def table(village):
    _, params, outcomes = village
    return strategy_indicators(outcomes, params)


def test_table_rows_and_columns(village, table):
    _, params, _ = village
    assert list(table.index) == params.table("strategies")["strategy"].tolist()
    meta = indicator_table(params)
    assert list(table.columns) == [c for c in meta.index if c in table.columns]
    assert set(weighed_criteria(params)) <= set(table.columns)


def test_dwelling_weighted_means_and_shares(village, village_indicators, table):
    _, params, outcomes = village
    counts = outcomes.counts
    for s in strategies_from_table(params.table("strategies")):
        choice = strategy_choice(outcomes, s)
        for name in ("overheating_tojuli_k", "cold_surface_k", "works_days", "mould_surface_rh"):
            x = village_indicators.pick(name, choice)
            assert table.loc[s.name, name] == pytest.approx((counts * x).sum() / counts.sum())
    row = table.loc["all_electric_air"]
    assert row["needs_screen"] + row["needs_relocation"] == pytest.approx(row["noise_over_limit"])
    assert np.isnan(table.loc["reference", "noise_rating_db_a"])  # no outdoor unit anywhere


def test_money_co2_and_grid_are_the_strategy_summary(village, table):
    _, params, outcomes = village
    summary = strategy_summary(outcomes, strategies_from_table(params.table("strategies")), params)
    summary = summary.set_index("strategy")
    for column in ("monthly_cost_change_avg_eur", "national_extra_eur_per_yr", "co2_t", "peak_kw"):
        np.testing.assert_allclose(table[column], summary[column])


def test_climate_adaptation_by_hand(village, table):
    _, params, outcomes = village
    from wupmodel.criteria import group_envelope

    env = group_envelope(outcomes.groups, params)
    flat = params.table("criteria_roofs").set_index("dwelling_type")["flat_roof_share"]
    share = outcomes.groups["dwelling_type"].astype(str).map(flat).to_numpy(dtype=float)
    counts = outcomes.counts
    green = (counts * env.roof_area_m2 * share).sum()  # no PV in the packaged strategies
    np.testing.assert_allclose(table["green_roof_m2"], green)
    kept = green * 0.808 * 0.4  # 808 mm/yr (KNMI Eelde), 40 % kept (SBRCURnet 390)
    np.testing.assert_allclose(table["green_roof_retained_m3_per_yr"], kept)
    np.testing.assert_allclose(
        table["roof_rain_to_sewer_m3_per_yr"],
        (counts * env.roof_area_m2).sum() * 0.808 * 0.9 - kept,
    )
    assert table.loc["all_electric_ground", "passive_cooling_share"] == 1.0
    assert table.loc["all_electric_air", ["cooling_share", "passive_cooling_share"]].tolist() == [
        1,
        0,
    ]
    in_zone = (outcomes.groups["heat_network_zone"].fillna("") != "").to_numpy()
    assert table.loc["heat_network_mt", "street_works_share"] == pytest.approx(
        counts[in_zone].sum() / counts.sum()
    )


def test_weighted_sum_score_by_hand(village, table):
    """Equal weights, min-max normalisation with the smallest difference that matters."""
    _, params, _ = village
    meta = indicator_table(params)
    result = weigh(table, params, None, "weighted", n_samples=1000)
    crit = list(result.weights.criteria)
    total = 0.0
    for c in crit:
        x = table[c]
        spread = max(x.max() - x.min(), meta.at[c, "min_range"])
        good = (x - x.min()) if meta.at[c, "direction"] == "higher" else (x.max() - x)
        total = total + good / spread / len(crit)
    np.testing.assert_allclose(result.scores, total)
    assert result.ranks[result.scores.idxmax()] == 1


def test_result_ranking_robustness_and_json(village, table):
    _, params, _ = village
    result = weigh(table, params, method="topsis", n_samples=20_000)
    assert result.robustness.sum() == pytest.approx(1.0)
    assert sorted(result.ranks) == list(range(1, len(table) + 1))
    data = json.loads(json.dumps(result.to_dict(params)))
    assert {"strategies", "ranking", "robustness", "weights", "method", "indicators"} <= set(data)
    assert data["strategies"]["reference"]["co2_t"] == pytest.approx(
        table.loc["reference", "co2_t"]
    )
    assert data["ranking"][0]["rank"] == 1
    assert sum(data["robustness"].values()) == pytest.approx(1.0)
    assert data["indicators"]["co2_t"]["direction"] == "lower"
    with pytest.raises(WupInputError, match="unknown method 'promethee'"):
        weigh(table, params, method="promethee")


def test_stakeholder_groups_side_by_side(village, table):
    _, params, outcomes = village
    groups = stakeholder_weights(params, weighed_criteria(params))
    ranks = group_rankings(table, params, groups)
    assert list(ranks.columns) == list(groups) and list(ranks.index) == list(table.index)
    assert (ranks.min() == 1).all()
    same = score_strategies(outcomes, params, groups["tenants"], "topsis", n_samples=1000)
    pd.testing.assert_series_equal(same.ranks, ranks["tenants"], check_names=False)


def test_a_weight_only_on_missing_criteria_is_an_error(village, table):
    _, params, _ = village
    partial = table.copy()
    partial.loc["hybrid", "co2_t"] = np.nan
    with pytest.raises(WupInputError, match="left out"):
        weigh(partial, params, {"co2_t": 1.0}, n_samples=10)
    result = weigh(partial, params, None, n_samples=10)
    assert "co2_t" not in result.weights.criteria and result.notices

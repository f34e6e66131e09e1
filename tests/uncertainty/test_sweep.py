"""The sweep's figures against full evaluations through the public API, sample by sample."""

from __future__ import annotations

import numpy as np
import pytest
from sweep_oracle import compare

import wupmodel as wm
import wupmodel.io as wio
from wupmodel.uncertainty import design, sweep

PRICES = """
uncertainty:
  parameters:
    prices.gas_supply_eur_m3: {low: 0.6, high: 1.8, group: energy}
    prices.elec_supply_eur_kwh:
      {distribution: triangular, low: 0.7, mode: 1.0, high: 1.5, group: energy}
    prices.gas_production_eur_m3: {low: 0.6, high: 1.8}
    prices.elec_production_eur_kwh.trend: {low: -0.3, high: 0.6}
    prices.heat_variable_eur_gj: {distribution: lognormal, mean: 1.0, sd: 0.2, low: 0.5, high: 2}
    prices.feed_in_eur_kwh: {low: 0, high: 5}
  groups:
    energy: {correlation: 0.7}
"""


def test_vectorised_price_path_equals_brute_force(small_stock):
    scenario = wio.scenario_from_text(PRICES)
    result = sweep(small_stock, scenario, samples=64, method="lhs", seed=3)
    assert "matrix products" in result.notes[0]
    compare(result, scenario, small_stock, [0, 7, 31, 63])


def test_physics_and_prices_mixed_equal_brute_force(small_stock):
    text = PRICES.replace(
        "  groups:",
        "    cost.air_hp_fixed_eur: {low: 5000, high: 9000}\n"
        "    finance.social_discount_rate: {low: 0.01, high: 0.04}\n  groups:",
    )
    scenario = wio.scenario_from_text(text)
    result = sweep(small_stock, scenario, samples=4, method="lhs", seed=5)
    assert "one by one" in result.notes[0]
    compare(result, scenario, small_stock, [0, 3])
    oat = sweep(small_stock, scenario, method="oat", samples=1)
    assert any("matrix products" in n for n in oat.notes)  # the base point's price rows
    compare(oat, scenario, small_stock, [0, 2, 11, 14, 16])


def test_same_seed_same_result_and_per_household(small_stock):
    scenario = wio.scenario_from_text(PRICES)
    a = sweep(small_stock, scenario, samples=32, seed=9, per_type=True, per_household=True)
    b = sweep(
        small_stock, scenario, samples=32, seed=9, per_type=True, per_household=True, task_samples=5
    )
    assert a.table.equals(b.table)
    c = sweep(small_stock, scenario, samples=32, seed=10)
    assert not a.table.equals(c.table)
    n_groups = len(a.groups)
    assert a.household_change.shape == (32, 6, n_groups)
    avg = (a.household_change @ a.groups["count"].to_numpy(float)) / a.groups["count"].sum()
    np.testing.assert_allclose(avg, a.figure("monthly_cost_change_avg_eur").to_numpy(), rtol=1e-5)
    per_type = a.per_type.groupby(["sample", "strategy"], sort=False)[
        ["monthly_cost_change_avg_eur", "dwellings"]
    ].apply(
        lambda g: (g["monthly_cost_change_avg_eur"] * g["dwellings"]).sum() / g["dwellings"].sum()
    )
    flat = a.table.set_index(["sample", "strategy"])["monthly_cost_change_avg_eur"]
    np.testing.assert_allclose(per_type.loc[flat.index], flat, rtol=1e-9)


def test_design_marginals_and_correlation():
    scenario = wio.scenario_from_text(PRICES)
    d = design(scenario, 4000, "lhs", seed=1)
    gas, elec = d.values[:, 0], d.values[:, 1]
    assert gas.min() >= 0.6 and gas.max() <= 1.8
    assert abs(gas.mean() - 1.2) < 0.01  # uniform keeps its mean under the copula
    assert abs(elec.mean() - (0.7 + 1.0 + 1.5) / 3) < 0.01
    from scipy.stats import spearmanr

    rho = spearmanr(gas, elec).statistic
    assert 0.6 < rho < 0.75  # Gaussian copula 0.7 -> Spearman 6/pi asin(0.35) = 0.68
    with pytest.raises(wm.WupInputError, match="independent inputs"):
        design(scenario, 64, "sobol")

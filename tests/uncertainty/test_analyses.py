"""Analyses against numbers from outside the code: Ishigami's analytic Sobol' indices, a linear
model's tornado, and hand-made comparisons."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import wupmodel as wm
import wupmodel.io as wio
from wupmodel.uncertainty import (
    design,
    distributions,
    household_risk,
    least_regret,
    oat_effects,
    prob_cheaper,
    sobol_from_samples,
    sobol_indices,
    sweep,
    tornado,
    unit_sobol_saltelli,
)


def ishigami(x: np.ndarray, a: float = 7.0, b: float = 0.1) -> np.ndarray:
    return np.sin(x[:, 0]) + a * np.sin(x[:, 1]) ** 2 + b * x[:, 2] ** 4 * np.sin(x[:, 0])


def ishigami_indices(a: float = 7.0, b: float = 0.1):
    """Analytic first-order and total indices (Ishigami & Homma 1990; Saltelli et al. 2008)."""
    pi = np.pi
    v1 = 0.5 * (1 + b * pi**4 / 5) ** 2
    v2 = a**2 / 8
    v13 = b**2 * pi**8 * (1 / 18 - 1 / 50)
    v = v1 + v2 + v13
    return np.array([v1, v2, 0.0]) / v, np.array([v1 + v13, v2, v13]) / v


def test_sobol_ishigami_matches_analytic():
    n = 2**13
    u = unit_sobol_saltelli(n, 3, seed=4)
    x = -np.pi + 2 * np.pi * u
    res = sobol_from_samples(ishigami(x), ["x1", "x2", "x3"], seed=1)
    s1, st = ishigami_indices()
    # The bootstrap confidence half-widths at N = 8192 are ~0.01-0.02; allow 3 of them and 0.03.
    tol1 = np.maximum(0.03, 3 * res["S1_conf"].to_numpy())
    tolt = np.maximum(0.03, 3 * res["ST_conf"].to_numpy())
    np.testing.assert_array_less(np.abs(res["S1"].to_numpy() - s1), tol1)
    np.testing.assert_array_less(np.abs(res["ST"].to_numpy() - st), tolt)


def test_tornado_linear_model_ranks_by_coefficient_times_range():
    coef = np.array([3.0, -10.0, 0.5, 2.0, -1.0])
    low = np.array([0.0, 1.0, -5.0, 2.0, 0.0])
    high = np.array([1.0, 1.2, 15.0, 4.5, 7.0])
    base = (low + high) / 2
    rows = [base]
    for i in range(coef.size):
        for v in (low[i], high[i]):
            r = base.copy()
            r[i] = v
            rows.append(r)
    y = np.array(rows) @ coef + 4.0
    names = [f"x{i}" for i in range(coef.size)]
    table = oat_effects(y, names, low, high)
    expected = np.argsort(-np.abs(coef * (high - low)), kind="stable")
    assert table["factor"].tolist() == [names[i] for i in expected]
    np.testing.assert_allclose(table["swing"], np.abs(coef * (high - low))[expected], rtol=1e-12)


SCEN = """
uncertainty:
  parameters:
    prices.gas_supply_eur_m3: {low: 0.6, high: 1.8, group: energy}
    prices.elec_supply_eur_kwh: {low: 0.7, high: 1.5, group: energy}
    prices.gas_production_eur_m3: {low: 0.6, high: 1.8}
    prices.elec_production_eur_kwh: {low: 0.7, high: 1.5}
  groups:
    energy: {correlation: 1.0}
"""


def test_tornado_and_sobol_on_a_village(small_stock):
    scenario = wio.scenario_from_text(SCEN)
    oat = sweep(small_stock, scenario, method="oat")
    assert oat.design.factors == (
        "energy",
        "prices.gas_production_eur_m3",
        "prices.elec_production_eur_kwh",
    )
    t = tornado(oat, "national_extra_eur_per_yr", "all_electric_air")
    assert (
        t.loc[t["factor"] == "energy", "swing"].item() == 0.0
    )  # end-user prices: no national effect
    # the national cost is linear in the production prices: steps -0.4 and +0.8 from 1
    row = t[t["factor"] == "prices.gas_production_eur_m3"].iloc[0]
    assert row["effect_high"] == pytest.approx(-2.0 * row["effect_low"], rel=1e-9)
    sob = sweep(small_stock, scenario, samples=256, method="sobol", seed=2)
    assert sob.design.n_samples == 256 * 5
    s = sobol_indices(sob, "national_extra_eur_per_yr", "all_electric_air")
    assert s.loc[s["factor"] == "energy", "ST"].item() == pytest.approx(0.0, abs=1e-6)
    assert s["S1"].sum() == pytest.approx(1.0, abs=0.1)  # additive in the two production prices
    with pytest.raises(wm.WupInputError, match="method='oat'"):
        tornado(sob)


def test_distributions_comparisons_regret_and_households(small_stock):
    scenario = wio.scenario_from_text(SCEN)
    res = sweep(small_stock, scenario, samples=200, seed=1, per_household=True)
    wide = res.figure("national_extra_eur_per_yr")
    dist = distributions(res)
    np.testing.assert_allclose(dist["mean"], wide.mean().to_numpy())
    np.testing.assert_allclose(dist["p50"], wide.median().to_numpy())
    p = prob_cheaper(res, a="hybrid", b="all_electric_air")
    assert p == pytest.approx((wide["hybrid"] < wide["all_electric_air"]).mean())
    m = prob_cheaper(res)
    assert m.loc["hybrid", "all_electric_air"] == pytest.approx(p)
    reg = least_regret(res)
    v = wide[list(res.strategies[1:])].to_numpy()
    regret = v - v.min(axis=1, keepdims=True)
    assert reg["strategy"].iloc[0] == np.asarray(res.strategies[1:])[regret.max(axis=0).argmin()]
    assert reg["p_best"].sum() == pytest.approx(1.0)
    risk = household_risk(res, threshold_eur=10.0, strategy="all_electric_air")
    i = res.strategies.index("all_electric_air")
    np.testing.assert_allclose(risk["p_rise"], (res.household_change[:, i, :] > 10.0).mean(axis=0))
    assert isinstance(risk, pd.DataFrame) and len(risk) == len(res.groups)


@pytest.mark.parametrize(
    ("entry", "match"),
    [
        ("prices.gas_supply_eur_m3: {low: 1.5, high: 0.5}", r"low \(1.5\) must not exceed high"),
        (
            "cost.air_hp_fixed_eur: {distribution: normal, mean: 7000, sd: -5}",
            "sd .* must not be negative",
        ),
        ("cost.air_hp_fixd_eur: {low: 5000, high: 9000}", "did you mean 'cost.air_hp_fixed_eur'"),
        ("prices.gas_suply_eur_m3: {low: 0.5, high: 1}", "did you mean 'prices.gas_supply_eur_m3'"),
        ("cost.air_hp_fixed_eur: {low: 1, high: 9000}", "outside the range 3000 to 12000"),
    ],
)
def test_bad_uncertainty_gets_one_clear_message(entry, match):
    with pytest.raises(wm.WupInputError, match=match) as err:
        wio.scenario_from_text(f"uncertainty:\n  parameters:\n    {entry}\n", "s.yaml")
    assert str(err.value).startswith("s.yaml, line ")
    assert str(err.value).count("\n") == 0


def test_bad_sample_counts_and_methods():
    scenario = wio.scenario_from_text(SCEN)
    with pytest.raises(wm.WupInputError, match="at least 1"):
        design(scenario, 0)
    with pytest.raises(wm.WupInputError, match="power of two"):
        design(scenario, 100, "sobol")
    with pytest.raises(wm.WupInputError, match="unknown sampling method"):
        design(scenario, 10, "mc")
    with pytest.raises(wm.WupInputError, match="no uncertain parameters"):
        design(wm.load_scenario(), 10)
    wide = wio.scenario_from_text("uncertainty:\n  prices.heat_fixed_eur: {low: 0.5, high: 5}\n")
    with pytest.raises(wm.WupInputError, match="uncertainty.parameters.prices.heat_fixed_eur"):
        sweep(wm.synthesise_stock("BU01095059").iloc[:5], wide, samples=4)

"""Packaged collective defaults: sourced rows, annualisation checked with numpy-financial."""

from __future__ import annotations

import numpy_financial as npf
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from wupmodel.money import capital_recovery_factor
from wupmodel.optimise import OptimiseSettings, solve
from wupmodel.params import default_params, parameter_table


def annuity(rate: float, years: float) -> float:
    """Yearly payment on 1 € borrowed, from numpy-financial (independent of the package)."""
    return float(npf.pmt(rate, years, -1.0))


# Rates below 1e-6 are left out: numpy-financial's pmt divides by (1 + r)^n − 1 and loses
# all precision there (it returns inf for r = 1e-103); r = 0 exactly it handles.
@given(rate=st.one_of(st.just(0.0), st.floats(1e-6, 0.2)), years=st.integers(1, 80))
def test_capital_recovery_factor_matches_numpy_financial(rate, years):
    # rel 1e-9: both are closed forms; npf loses ~n·eps/r relative precision at small r.
    assert capital_recovery_factor(rate, years) == pytest.approx(annuity(rate, years), rel=1e-9)


def test_collective_rows_are_sourced_and_in_range():
    table = parameter_table()
    rows = table[table.index.str.startswith("collective.")]
    assert len(rows) >= 14
    for pid, row in rows.iterrows():
        assert isinstance(row["source"], str) and len(row["source"]) > 20, pid
        assert float(row["min"]) <= float(row["value"]) <= float(row["max"]), pid
        assert not pd.isna(row["year"]), pid
        if row["source"].startswith("assumption"):
            assert "because" in row["source"], pid


def test_main_pipe_cost_is_vesta_formula_at_one_megawatt():
    """parameters-nl.md §4.2: K_min = 1.3 (400 + 210 P^0.5), K_max = 1.3 (800 + 200 P^0.6)."""
    row = parameter_table().loc["collective.heat_network.main_eur_per_m"]
    p_mw = 1.0
    k_min = 1.3 * (400 + 210 * p_mw**0.5)
    k_max = 1.3 * (800 + 200 * p_mw**0.6)
    assert float(row["min"]) == pytest.approx(k_min)  # 793
    assert float(row["max"]) == pytest.approx(k_max)  # 1300
    assert float(row["value"]) == pytest.approx((k_min + k_max) / 2, abs=1.0)


def test_capital_recovery_factor_small_rates():
    """At tiny rates the annuity tends to straight-line repayment, 1/n."""
    assert capital_recovery_factor(1e-103, 4) == pytest.approx(0.25, rel=1e-12)
    assert capital_recovery_factor(0.0, 4) == 0.25


def eac_per_eur(rate: float, life: float, horizon: float = 25) -> float:
    """Equivalent annual cost of 1 EUR of an asset living ``life`` >= ``horizon`` years, by hand:
    bought at t = 0, no replacement within the horizon, the unused (life - horizon)/life of it
    credited at the horizon (linear residual value), spread with numpy-financial's annuity."""
    residual = (life - horizon) / life
    return (1.0 - residual * (1.0 + rate) ** -horizon) * annuity(rate, horizon)


def test_from_params_annualises_like_the_dwellings_and_the_village_summary():
    p = default_params()
    r = p["finance.social_discount_rate"]
    assert r == pytest.approx(0.0225)  # PBL Vesta Basis.dms
    s = OptimiseSettings.from_params(co2_reduction=0.4)
    assert s.co2_reduction == 0.4
    assert s.diversity == pytest.approx(0.5)  # Vesta GTF_w_Enet
    assert s.grid_capacity_kw_per_dwelling == pytest.approx(3.6 * 0.5)
    f30 = eac_per_eur(r, 30)  # heat network, 30 years, over the 25-year horizon
    hn = s.heat_network_default
    assert hn.annual_cost_eur == pytest.approx(120000 * (f30 + 0.02), rel=1e-12)
    # The main is in the option costs per connection by default (wupmodel.money.appraise) ...
    assert hn.annual_cost_eur_per_zone_dwelling == 0.0
    # ... or per zone dwelling on request.
    trunk = OptimiseSettings.from_params(trunk_per_zone=True).heat_network_default
    assert trunk.annual_cost_eur_per_zone_dwelling == pytest.approx(
        1046 * 1.25 * 10 * (f30 + 0.01), rel=1e-12
    )
    assert hn.min_participation == pytest.approx(0.5)
    f50 = eac_per_eur(r, 50)  # grid assets
    rf = s.reinforcement_default
    assert rf.annual_cost_eur == pytest.approx(63673 * f50, rel=1e-12)
    assert rf.added_kw == pytest.approx(630)
    assert rf.annual_cost_eur_per_zone_dwelling == pytest.approx(118 * 10 * f50, rel=1e-12)
    park = s.solar_park  # lives exactly the horizon: the plain annuity
    assert park.annual_cost_eur_per_kwp == pytest.approx(800 * (annuity(r, 25) + 0.02), rel=1e-12)
    assert park.yield_kwh_per_kwp == pytest.approx(900)
    # Sanity against a hand figure: 800 €/kWp over 25 yr at 2.25 % + 2 % O&M ≈ 58 €/kWp/yr,
    # i.e. about 6.5 ct/kWh at 900 kWh/kWp.
    assert park.annual_cost_eur_per_kwp / 900 == pytest.approx(0.0647, abs=5e-4)
    # The scenario's horizon and rate are used when given.
    s40 = OptimiseSettings.from_params(horizon_years=20, social_rate=0.04)
    assert s40.reinforcement_default.annual_cost_eur == pytest.approx(
        63673 * eac_per_eur(0.04, 50, 20), rel=1e-12
    )


def test_optimiser_and_village_summary_charge_the_same_collective_costs():
    # One heat-network source and one reinforced zone cost the same per year in both views.
    from wupmodel.money import equivalent_annual_cost

    p = default_params()
    r = p["finance.social_discount_rate"]
    s = OptimiseSettings.from_params()
    source = p["collective.heat_network.source_fixed_eur"]
    village_source = equivalent_annual_cost(
        source,
        p["collective.heat_network.lifetime_yr"],
        25,
        r,
        annual_cost=source * p["collective.heat_network.source_om_share"],
    )
    assert s.heat_network_default.annual_cost_eur == pytest.approx(float(village_source), rel=1e-12)
    substation = p["finance.mv_lv_substation_eur"]
    village_substation = equivalent_annual_cost(
        substation, p["finance.grid_asset_lifetime_years"], 25, r
    )
    assert s.reinforcement_default.annual_cost_eur == pytest.approx(
        float(village_substation), rel=1e-12
    )


def test_defaults_give_a_working_village_model(make_random_table):
    table = make_random_table(9, G=40, O=6, zones=2, gzones=2)
    plan = solve(table, OptimiseSettings.from_params(co2_reduction=0.5))
    assert plan.status == "optimal", plan.message
    assert set(plan.grid_reinforced) == {"k0", "k1"}
    assert set(plan.heat_network_built) <= {"z0", "z1"}

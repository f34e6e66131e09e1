"""Participation from each household's alternative, niet-meer-dan-anders, and the uptake loop."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import wupmodel as wm
from wupmodel.coop import (
    HeatNetworkAsset,
    ZoneHouseholds,
    nmda_heat_cost_eur_per_yr,
    solve_uptake_loop,
    zone_households,
)
from wupmodel.money import annual_bill_eur, bill_components_eur, capital_recovery_factor


@pytest.fixture(scope="module")
def village():
    scenario = wm.load_scenario()
    stock = wm.stock_for(scenario)
    outcomes = wm.evaluate(stock, scenario, irr=False)
    return scenario, stock, outcomes, wm.model_inputs(scenario).money


def test_nmda_equals_the_gas_boiler_alternative(village):
    """A heat bill at the niet-meer-dan-anders maximum leaves the household's yearly cost (energy
    bills + boiler) where its gas boiler has it, under the same prices."""
    _scenario, _stock, outcomes, ctx = village
    nmda = nmda_heat_cost_eur_per_yr(outcomes, ctx)
    cat = outcomes.catalogue
    ref, net = cat.reference_index, cat.index_of("current", "heat_network_mt")
    p = ctx.params
    for g in (0, 3, 17, 200):
        gas, imp = outcomes["gas_m3"][g, ref], outcomes["electricity_import_kwh"][g, ref]
        gas_bill = bill_components_eur(gas, imp, 0.0, 0.0, True, False, ctx.tariffs)["total"]
        boiler = outcomes["capex_heating_eur"][g, ref]
        boiler_yearly = boiler * (
            float(capital_recovery_factor(ctx.settings.household_rate, p["life.gas_boiler_years"]))
            + p["om.gas_boiler_share"]
        )
        gj = outcomes["heat_gj"][g, net]
        per_gj = ctx.tariffs.heat_variable_eur_gj[0]
        # a tariff whose fixed part makes the heat bill exactly the household's maximum
        fixed = np.array(ctx.tariffs.heat_fixed_eur, dtype=float)
        fixed[0] = nmda[g] - per_gj * gj
        tariffs = dataclasses.replace(ctx.tariffs, heat_fixed_eur=fixed)
        on_network = annual_bill_eur(
            0.0,
            outcomes["electricity_import_kwh"][g, net],
            0.0,
            gj,
            False,
            True,
            tariffs,
            year_index=0,
        )
        assert on_network == pytest.approx(float(gas_bill) + boiler_yearly, rel=1e-12)


def test_tariff_shift_matches_the_model_evaluated_at_that_tariff(village):
    """The network cost at another tariff is the model's own cost at it (bills are linear; the
    rent of a tenant is the one agreed on the scenario's prices)."""
    scenario, stock, outcomes, ctx = village
    hh = zone_households(outcomes, ctx, "kern")
    data = scenario.model_dump()
    data["prices"] = {"heat_fixed_eur": 700.0, "heat_variable_eur_gj": 30.0}
    # tenants' rents stay those agreed on the scenario's prices (evaluate's rent_prices): the
    # cooperative's tariff moves the bills, not the rent rule's expected saving
    other = wm.evaluate(
        stock, wm.model_inputs(type(scenario)(**data), rent_prices=scenario.prices), irr=False
    )
    model = other["end_user_annual_cost_eur"][hh.group_index, hh.network_option]
    assert hh.network_cost_at(700.0, 30.0) == pytest.approx(model, abs=1e-6)
    # and who joins is exactly who is at least `stickiness` below the alternative
    joined = hh.joining(700.0, 30.0)
    cheaper = model <= (1 - hh.stickiness) * hh.alternative_cost_eur_per_yr
    assert np.array_equal(joined, hh.counts * cheaper)


def test_participation_is_vectorised_and_falls_with_the_tariff(village):
    _scenario, _stock, outcomes, ctx = village
    hh = zone_households(outcomes, ctx, "kern")
    grid = np.linspace(-2000.0, 1500.0, 15)
    share = hh.participation(grid, 20.0)
    assert share.shape == (15,)
    assert (np.diff(share) <= 1e-12).all()
    assert share[0] == pytest.approx(1.0) and share[-1] < share[0]


@settings(max_examples=50, deadline=None)
@given(
    p1=st.floats(0.01, 1.0),
    p2=st.floats(0.01, 1.0),
    load=st.floats(2.0, 30.0),
    zone=st.integers(20, 2000),
)
def test_more_participation_never_raises_the_cost_per_connection(p1, p2, load, zone):
    lo, hi = sorted((p1, p2))
    scenario = wm.load_scenario()
    ctx = wm.model_inputs(scenario).money
    asset = HeatNetworkAsset.from_params("z", zone, ctx.params, ctx.tariffs, 30)
    c_lo = asset.cost_per_connection_eur_per_yr(lo * zone, lo * zone * load, 0.04, 30)
    c_hi = asset.cost_per_connection_eur_per_yr(hi * zone, hi * zone * load, 0.04, 30)
    assert c_hi <= c_lo * (1 + 1e-12)


def _toy(alternative: np.ndarray) -> ZoneHouseholds:
    n = alternative.size
    return ZoneHouseholds(
        zone="toy",
        group_index=np.arange(n),
        counts=np.ones(n),
        network_option=np.zeros(n, dtype=np.intp),
        alternative_option=np.zeros(n, dtype=np.intp),
        heat_gj=np.full(n, 40.0),
        design_load_kw=np.full(n, 10.0),
        network_cost_eur_per_yr=np.full(n, 2000.0),
        alternative_cost_eur_per_yr=alternative,
        acm_fixed_avg_eur=800.0,
        acm_per_gj_avg_eur=30.0,
        fee_eur=0.0,
        stickiness=0.0,
    )


def test_loop_converges_and_reports_its_rounds():
    # household k joins while 2000 + (F - 800) <= alternative_k; the network needs
    # 80 000 EUR/yr from fixed charges: F = 80 000 / n; the highest stable uptake is ~71 %
    alternative = np.linspace(1800.0, 3600.0, 100)
    hh = _toy(alternative)
    loop = solve_uptake_loop(hh, lambda j: 80_000.0 / j.sum(), 30.0, None, 0.1)
    assert loop.converged and loop.iterations >= 2
    joined = hh.joining(loop.tariff_fixed_eur_per_yr, 30.0)
    assert loop.tariff_fixed_eur_per_yr == pytest.approx(80_000.0 / joined.sum())
    assert 0.6 < loop.participation < 0.75
    assert loop.participation == pytest.approx(joined.sum() / 100)
    assert [p for _, p in loop.path] == sorted((p for _, p in loop.path), reverse=True)


def test_loop_says_why_uptake_collapses_or_hits_the_cap():
    hh = _toy(np.linspace(1000.0, 2000.0, 50))
    collapse = solve_uptake_loop(hh, lambda j: 200_000.0 / j.sum(), 30.0, None, 0.5)
    assert not collapse.converged and "collapses" in collapse.reason
    capped = solve_uptake_loop(hh, lambda j: 200_000.0 / j.sum(), 30.0, 828.0, 0.5)
    assert not capped.converged and "above the ACM cap 828" in capped.reason

"""The LT heat network's own tariff under the Wet collectieve warmte (issue 20's leftover): its
households pay the cost-based tariff of a reference network fed by the LT source, with the heat
delivered at the LT network's lower losses; the MT households' tariff does not depend on it.
Before the Wcw year both pay the ACM maximum."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wupmodel.money import (
    ON_LT_NETWORK,
    Component,
    Dwellings,
    EnergyQuantities,
    FinanceSettings,
    Investments,
    MoneyInputs,
    PathOptions,
    annual_bill_eur,
    bill_components_eur,
    heat_source_names,
    money_outcomes,
    tariff_paths,
)
from wupmodel.params import default_params, packaged_table

P = default_params()
YEARS = np.arange(2026, 2051)
KWH_PER_GJ = 1e9 / 3.6e6


def _series(name: str) -> np.ndarray:
    paths = packaged_table("price_paths")
    return paths[paths["series"] == name].set_index("year")["value"].loc[YEARS].to_numpy()


def test_lt_tariff_by_hand_from_the_reference_lt_networks_annual_cost_per_connection():
    """Default scenario: LT source aquathermal with a collective heat pump, Wcw from 2027.

    Heat cost per GJ delivered (PBL Vesta, CE Delft 2024): the source covers 85 %, its water
    pumps 0.017 GJe/GJ plus the heat pump's 1 / SCOP 4.0; gas peak boilers (efficiency 0.925,
    31.65 MJ/m3) the rest; network pumps 0.0072 GJe/GJ; all over (1 - 0.08): an LT network
    loses 2.6 GJ a year per connection against 30 GJ delivered (10.5 GJ for an MT network).
    Reference network (the packaged collective.* figures): 250 connections, 70 % of the zone,
    6 kW and 30 GJ a year each."""
    elec_gj = _series("elec_commodity_eur_kwh") * KWH_PER_GJ  # EUR per GJ of electricity
    gas_gj = (_series("gas_commodity_eur_m3") + _series("green_gas_surcharge_eur_m3")) / 0.03165
    produced = 0.85 * (0.017 + 1 / 4.0) * elec_gj + 0.15 * gas_gj / 0.925 + 0.0072 * elec_gj
    heat_cost = produced / (1 - 0.08)

    n = 250
    main = 1046 * 1.25 * 10 * (n / 0.7)  # EUR/m x detour x m per zone dwelling x zone dwellings
    source = 120_000 + 90 * (0.62 + 0.38 / n) * n * 6.0  # WKO fixed + per diversified kW
    service = 6509 * n
    om = 0.02 * source + 0.01 * (main + service)
    rate = 0.51 * 0.03 + 0.49 * 0.06  # Wcw: 51 % public at 3 %, the rest at 6 %
    crf = rate / (1 - (1 + rate) ** -30)
    deductions = n * (6000 + 4510 / 1.21)  # WIS and the connection fees excl. VAT
    fixed_eur = crf * (main + source + service - deductions) + om  # per network, per year
    annual_per_connection = (fixed_eur + n * 30 * heat_cost) / n

    t = tariff_paths(P)
    fixed, per_gj = t.heat_lt_fixed_eur, t.heat_lt_variable_eur_gj
    np.testing.assert_allclose(fixed[1:], 1.21 * fixed_eur / n, rtol=1e-9)
    np.testing.assert_allclose(per_gj[1:], 1.21 * heat_cost[1:], rtol=1e-9)
    # the household's fixed charge plus 30 GJ at the price per GJ: the cost per connection
    np.testing.assert_allclose(fixed[1:] + 30 * per_gj[1:], 1.21 * annual_per_connection[1:])
    # 2026, before the Wcw: the ACM maximum (828 EUR/yr, 40.97 EUR/GJ incl. VAT), as for MT
    assert fixed[0] == pytest.approx(828.0)
    assert per_gj[0] == pytest.approx(40.97)
    assert (t.heat_fixed_eur[0], t.heat_variable_eur_gj[0]) == (fixed[0], per_gj[0])
    # the same reference pipes: the fixed charges agree, the heat is cheaper than the biomass's
    np.testing.assert_allclose(t.heat_fixed_eur[1:], fixed[1:])
    assert (per_gj[1:] < t.heat_variable_eur_gj[1:]).all()


def test_the_acm_switch_keeps_both_networks_at_the_acm_maximum():
    acm = tariff_paths(P, options=PathOptions(heat_tariff="acm"))
    np.testing.assert_array_equal(acm.heat_lt_fixed_eur, acm.heat_fixed_eur)
    np.testing.assert_array_equal(acm.heat_lt_variable_eur_gj, acm.heat_variable_eur_gj)


def test_an_mt_tariff_override_holds_for_lt_in_the_acm_years_only():
    """The ACM maximum is one tariff for both networks; the cost-based tariffs are each
    network's own (an LT override leaves the MT tariff alone)."""
    base = tariff_paths(P)
    path = dict(zip(YEARS.tolist(), (1.2 * base.heat_variable_eur_gj).tolist(), strict=True))
    dearer = tariff_paths(P, overrides={"heat_variable_eur_gj": path})
    assert dearer.heat_lt_variable_eur_gj[0] == pytest.approx(1.2 * 40.97)
    np.testing.assert_array_equal(
        dearer.heat_lt_variable_eur_gj[1:], base.heat_lt_variable_eur_gj[1:]
    )
    acm = tariff_paths(
        P, overrides={"heat_fixed_eur": 700.0}, options=PathOptions(heat_tariff="acm")
    )
    assert (acm.heat_lt_fixed_eur == 700.0).all()
    own = tariff_paths(P, overrides={"heat_lt_fixed_eur": 500.0})
    np.testing.assert_array_equal(own.heat_fixed_eur, base.heat_fixed_eur)
    assert (own.heat_lt_fixed_eur == 500.0).all()


def _bills(paths, heat_gj: float, network) -> np.ndarray:
    return annual_bill_eur(0.0, 2500.0, 0.0, heat_gj, False, network, paths)


@settings(max_examples=25, deadline=None)
@given(
    scop=st.floats(2.0, 7.0),
    lt_source=st.sampled_from(heat_source_names(P)),
    heat_gj=st.floats(1.0, 80.0),
)
def test_mt_bills_ignore_the_lt_source_and_lt_bills_follow_its_cost(scop, lt_source, heat_gj):
    """Whatever the LT source and its heat pump's SCOP: the MT household's bill is the same in
    every year; the LT household's bill differs from the default LT source's by exactly
    (1 + VAT) x heat x the difference of the sources' costs per GJ delivered from the Wcw year,
    and not at all before it."""
    base = tariff_paths(P)
    params = P.with_overrides({"heatnet.lt_source_scop": scop})
    other = tariff_paths(params, options=PathOptions(lt_source=lt_source))
    np.testing.assert_array_equal(_bills(other, heat_gj, True), _bills(base, heat_gj, True))
    moved = _bills(other, heat_gj, ON_LT_NETWORK) - _bills(base, heat_gj, ON_LT_NETWORK)
    cost = other.heat.lt.cost_eur_per_gj_delivered - base.heat.lt.cost_eur_per_gj_delivered
    np.testing.assert_allclose(moved[1:], 1.21 * heat_gj * cost[1:], atol=1e-9)
    assert moved[0] == 0.0


@settings(max_examples=15, deadline=None)
@given(scop=st.floats(2.0, 6.9))
def test_a_better_lt_heat_pump_never_raises_the_lt_bill(scop):
    lower = tariff_paths(P.with_overrides({"heatnet.lt_source_scop": scop}))
    higher = tariff_paths(P.with_overrides({"heatnet.lt_source_scop": scop + 0.1}))
    assert (_bills(higher, 30.0, ON_LT_NETWORK) < _bills(lower, 30.0, ON_LT_NETWORK))[1:].all()


def test_bill_lines_and_the_money_kernel_price_each_network_at_its_own_tariff():
    """From 2027 (the first Wcw year as year 1): the first-year bill of the money kernel and
    the bill lines equal annual_bill_eur, the MT row at the MT tariff, the LT row at the LT
    tariff (fixed + 30 GJ x price, incl. VAT)."""
    t = tariff_paths(P, start_year=2027)
    on_net = np.array([[False, True, True]])
    on_lt = np.array([[False, False, True]])
    energy = EnergyQuantities(
        gas_m3=np.array([[1200.0, 0.0, 0.0]]),
        elec_import_kwh=np.array([[2500.0, 2500.0, 2900.0]]),
        elec_export_kwh=0.0,
        heat_gj=np.array([[0.0, 30.0, 30.0]]),
        has_gas_connection=np.array([[True, False, False]]),
        on_heat_network=on_net,
        on_lt_network=on_lt,
    )
    inputs = MoneyInputs(
        energy=energy,
        investments=Investments({"heating": Component(np.zeros((1, 3)), 15.0)}, 0.0),
        dwellings=Dwellings(reference_index=np.array([0])),
        co2_kg_per_yr=np.zeros((1, 3)),
    )
    settings_ = dataclasses.replace(
        FinanceSettings.from_params(P, horizon_years=20), compute_irr=False
    )
    bill = money_outcomes(inputs, t, settings_, P, outputs=["bill_year1_eur"]).bill_year1_eur
    codes = np.array([False, True, ON_LT_NETWORK])
    direct = annual_bill_eur(
        energy.gas_m3, energy.elec_import_kwh, 0.0, energy.heat_gj, energy.has_gas_connection,
        codes, t, 0,
    )  # fmt: skip
    np.testing.assert_allclose(bill, direct, rtol=1e-12)
    lines = bill_components_eur(
        0.0, energy.elec_import_kwh, 0.0, energy.heat_gj, False, codes, t, 0
    )
    heat = lines["heat_fixed"] + lines["heat_variable"]
    np.testing.assert_allclose(heat[0, 1], t.heat_fixed_eur[0] + 30 * t.heat_variable_eur_gj[0])
    np.testing.assert_allclose(
        heat[0, 2], t.heat_lt_fixed_eur[0] + 30 * t.heat_lt_variable_eur_gj[0]
    )
    assert heat[0, 2] < heat[0, 1]  # aquathermal heat at 8 % loss against biomass at 26 %

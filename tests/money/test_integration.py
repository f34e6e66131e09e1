"""Money in the evaluation: identities, perspectives, subsidies, CO2 over the horizon."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import wupmodel as wm
from wupmodel.scenario import scenario_from_text
from wupmodel.stock import validate_stock
from wupmodel.vocabulary import HEATING_SYSTEMS


def _stock(tenure: str = "koop") -> pd.DataFrame:
    rows = [
        {
            "dwelling_id": "a",
            "dwelling_type": "tussenwoning",
            "construction_year": 1972,
            "floor_area_m2": 110,
            "energy_label": "D",
            "tenure": tenure,
            "household_income_eur": 45_000,
            "heat_network_zone": "kern",
        },
        {
            "dwelling_id": "b",
            "dwelling_type": "vrijstaand",
            "construction_year": 1935,
            "floor_area_m2": 160,
            "tenure": tenure,
            "household_income_eur": 80_000,
            "heat_network_zone": "kern",
        },
        {
            "dwelling_id": "c",
            "dwelling_type": "meergezins_laag",
            "construction_year": 1995,
            "floor_area_m2": 75,
            "tenure": tenure,
            "heat_network_zone": "kern",
        },
    ]
    return validate_stock(pd.DataFrame(rows), "test")


@pytest.fixture(scope="module")
def base():
    scenario = wm.load_scenario()
    return scenario, wm.evaluate(_stock(), scenario)


def test_reference_has_zero_extra_cost_in_both_perspectives(base):
    _, out = base
    ref = out.catalogue.reference_index
    for name in (
        "national_extra_cost_eur_per_yr",
        "end_user_extra_cost_eur_per_yr",
        "monthly_cost_change_eur",
        "npv_end_user_eur",
        "co2_avoided_kg_per_yr",
    ):
        np.testing.assert_allclose(out[name][:, ref], 0.0, atol=1e-9, err_msg=name)


@pytest.mark.parametrize(
    "override",
    [
        "finance.gas_tax_eur_m3: 0.9",
        "finance.elec_tax_eur_kwh: 0.05",
        "finance.tax_credit_eur: 300",
        "finance.vat: 0.09",
        "finance.vat_investments: 0.09",
        "finance.isde_hp_air_per_kw_eur: 400",
        "finance.isde_heat_network_eur: 0",
    ],
)
def test_taxes_and_subsidies_leave_national_cost_unchanged(base, override):
    scenario, out = base
    changed = scenario_from_text(f"parameters:\n  {override}\n", "override")
    other = wm.evaluate(_stock(), changed)
    np.testing.assert_allclose(
        other["national_annual_cost_eur"], out["national_annual_cost_eur"], rtol=1e-12
    )
    # ... while the household's view moves
    assert not np.allclose(other["end_user_annual_cost_eur"], out["end_user_annual_cost_eur"])


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(markup=st.floats(0.0, 1.0), rise=st.floats(0.01, 1.0))
def test_higher_gas_price_never_makes_the_boiler_relatively_cheaper(base, markup, rise):
    """For any gas price and any rise of it, the extra cost of every option against the gas
    boiler can only fall (end-user view: the supply markup feeds the bill)."""
    low = wm.evaluate(
        _stock(),
        scenario_from_text(f"parameters:\n  finance.gas_supply_markup_eur_m3: {markup}\n", "low"),
    )
    high = wm.evaluate(
        _stock(),
        scenario_from_text(
            f"parameters:\n  finance.gas_supply_markup_eur_m3: {markup + rise}\n", "high"
        ),
    )
    assert (
        high["end_user_extra_cost_eur_per_yr"] <= low["end_user_extra_cost_eur_per_yr"] + 1e-9
    ).all()
    # and strictly for an option that leaves gas
    air = low.catalogue.index_of("standard", "air_hp")
    assert (
        high["end_user_extra_cost_eur_per_yr"][:, air]
        < low["end_user_extra_cost_eur_per_yr"][:, air]
    ).all()


def test_isde_air_heat_pump_2026_by_hand(base):
    # ISDE 2026 air/water heat pump: 1 025 EUR + 225 EUR per kW + 200 EUR A+++ bonus (rvo.nl);
    # no insulation and no other measure in the option, owner-occupier.
    _, out = base
    idx = out.catalogue.index_of("current", "air_hp")
    kw = out["capacity_kw"][:, idx]
    expected = np.minimum(1025 + 225 * kw + 200, out["capex_eur"][:, idx])
    np.testing.assert_allclose(out["subsidy_eur"][:, idx], expected, rtol=1e-9)


def test_isde_heat_network_connection(base):
    _, out = base
    idx = out.catalogue.index_of("current", "heat_network_mt")
    # ISDE fixed amount for a heat-network connection: 3 775 EUR since 1 Jan 2024 (072nieuws.nl,
    # 22 Jan 2024, reporting the raise from 3 325 EUR; Rijksoverheid 2023)
    np.testing.assert_allclose(out["subsidy_eur"][:, idx], 3775.0)


def test_housing_corporations_get_no_isde():
    out = wm.evaluate(_stock("huur_corporatie"))
    assert (out["subsidy_eur"] == 0).all()


def test_cumulative_co2_follows_the_grid_path(base):
    # PBL Vesta ASA2025 RAT_CO2_KWH 2026-2050: 0.195, 0.181, 0.169, 0.158, 0.100, then 0.088 (2031+)
    grid_sum = 0.195 + 0.181 + 0.169 + 0.158 + 0.100 + 0.088 * 20
    _, out = base
    heating = np.asarray(HEATING_SYSTEMS)[out.catalogue.heating]
    cols = np.isin(heating, ["gas_boiler", "hybrid_hp", "air_hp", "ground_hp"])
    expected = out["gas_m3"] * 1.78 * 25 + out["electricity_import_kwh"] * grid_sum
    np.testing.assert_allclose(out["co2_cum_kg"][:, cols], expected[:, cols], rtol=1e-9)


def test_to_frame_has_the_money_columns(base):
    frame = base[1].to_frame()
    for col in (
        "subsidy_eur",
        "end_user_annual_cost_eur",
        "national_annual_cost_eur",
        "monthly_cost_change_eur",
        "npv_end_user_eur",
    ):
        assert col in frame.columns


def test_energy_cost_share_uses_income_or_the_tenure_default(base):
    _, out = base
    ref = out.catalogue.reference_index
    share = out["energy_cost_share_year1"][:, ref]
    bill = out["bill_year1_eur"][:, ref]
    rows = {d: g for d, g in zip(out.dwelling_ids, out.dwelling_group, strict=True)}
    assert share[rows["a"]] == pytest.approx(bill[rows["a"]] / 45_000)  # income from the stock
    assert (
        np.isfinite(share[rows["c"]]) and 0 < share[rows["c"]] < 0.3
    )  # no income: Drenthe default


def test_village_totals_reduce_without_arrays_and_match_them():
    # Outcomes.totals of a money output reduces chunk by chunk (money_totals); it must equal the
    # weighted sum of the (G, O) array computed the ordinary way.
    scenario = wm.load_scenario()
    stock = pd.concat(
        [_stock(), _stock("huur_particulier").assign(dwelling_id=lambda d: d.dwelling_id + "2")]
    )
    stock = validate_stock(stock.reset_index(drop=True), "test")
    names = [
        "subsidy_eur",
        "end_user_annual_cost_eur",
        "national_annual_cost_eur",
        "monthly_cost_change_eur",
        "npv_end_user_eur",
        "monthly_cost_avg_eur",
        "simple_payback_years",
        "bill_year1_eur",
    ]
    reduced = wm.evaluate(stock, scenario, irr=False)
    arrays = wm.evaluate(stock, scenario, irr=False)
    for name in names:
        want = arrays.counts @ np.asarray(arrays[name])
        np.testing.assert_allclose(reduced.totals(name), want, rtol=1e-10, atol=1e-6, err_msg=name)


def test_money_outputs_selection():
    scenario = wm.load_scenario()
    out = wm.evaluate(_stock(), scenario, money_outputs=["npv_end_user_eur", "subsidy_eur"])
    assert {"npv_end_user_eur", "subsidy_eur"} <= set(out.quantities)
    assert "national_annual_cost_eur" not in out.quantities and "gas_m3" in out.quantities
    full = wm.evaluate(_stock(), scenario)
    np.testing.assert_allclose(out["npv_end_user_eur"], full["npv_end_user_eur"], rtol=1e-12)
    with pytest.raises(wm.WupInputError, match="unknown money output"):
        wm.evaluate(_stock(), scenario, money_outputs=["npv"])


def test_a_smaller_catalogue_gives_the_same_numbers_per_option():
    # The full catalogue is the option grid in order; a restricted one selects cells of it. The
    # figures of an option must not depend on which other options are evaluated with it.
    full = wm.load_scenario()
    small = scenario_from_text(
        "catalogue:\n  insulation: [current, standard]\n"
        "  heating: [gas_boiler, air_hp, heat_network_lt]\n"
        "  pv: [false, true]\n  solar_thermal: [false]\n",
        "small.yaml",
    )
    a = wm.evaluate(_stock(), full)
    b = wm.evaluate(_stock(), small)
    cols = [list(a.catalogue.option_ids).index(i) for i in b.catalogue.option_ids]
    for name in (
        "gas_m3",
        "electricity_import_kwh",
        "capex_eur",
        "subsidy_eur",
        "lcc_end_user_eur",
        "national_annual_cost_eur",
        "monthly_cost_change_eur",
        "npv_end_user_eur",
        "irr",
    ):
        np.testing.assert_allclose(
            b[name], a[name][:, cols], rtol=1e-10, atol=1e-9, equal_nan=True, err_msg=name
        )


def test_rent_is_agreed_on_the_prices_it_is_set_on():
    """Corporation tenants: at dearer gas the expected saving is larger, so the rent the saving
    rule allows can only rise (up to the landlord's annuity); with ``rent_prices`` the rent stays
    the one agreed at the central prices while the bills follow the dearer gas."""
    stock = _stock("huur_corporatie")
    central = wm.load_scenario()
    dearer = scenario_from_text("prices:\n  gas_supply_eur_m3: {2026: 1.2}\n", "dearer")
    base = wm.evaluate(stock, central, irr=False)
    moving = wm.evaluate(stock, dearer, irr=False)
    agreed = wm.evaluate(stock, wm.model_inputs(dearer, rent_prices=central.prices), irr=False)
    rent = "rent_increase_eur_per_month"
    assert (moving[rent] >= base[rent] - 1e-9).all() and (moving[rent] > base[rent] + 1.0).any()
    np.testing.assert_allclose(agreed[rent], base[rent], rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(agreed["bill_year1_eur"], moving["bill_year1_eur"], rtol=1e-12)

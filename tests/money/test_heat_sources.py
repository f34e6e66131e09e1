"""Issue 20: each heat source's CO2 and production cost per GJ delivered, and the cost-based
tariff under the Wet collectieve warmte, by hand."""

from __future__ import annotations

import numpy as np
import pytest

import wupmodel as wm
from wupmodel.money import (
    PathOptions,
    capital_recovery_factor,
    heat_network_costs,
    heat_source_factors,
    heat_source_names,
    owner_rate,
    reference_network,
    tariff_paths,
    wis_eur_per_connection,
)
from wupmodel.params import default_params

P = default_params()
GRID = np.array([0.195, 0.10])  # kg/kWh (PBL Vesta RAT_CO2_KWH 2026, 2030)
GAS = np.array([0.323, 0.3455])  # EUR/m3
ELEC = np.array([0.087, 0.10])  # EUR/kWh
BIO = np.array([13.33, 12.56])  # EUR/GJ fuel (Vesta KGJ_BIOMASSA)
KWH_PER_GJ = 277.777777778
GAS_CO2_PER_GJ = 1.78 / 0.03165  # ISSO 82 1.78 kg/m3 over 31.65 MJ/m3 (Vesta): 56.24 kg/GJ
ETA_PEAK = 0.925  # Vesta Efficiency_piekketel 0.78-1.07, midpoint
PUMP = 0.0072  # Vesta Pompenergie_Wnet
LOSS = 0.26  # PBL (2020) average loss of Dutch heat networks


def by_hand_co2_produced(primary_share, fuel_co2_per_gj_fuel, eta, aux_gje):
    grid_per_gj = GRID * KWH_PER_GJ
    return (
        primary_share * (fuel_co2_per_gj_fuel / eta + aux_gje * grid_per_gj)
        + (1 - primary_share) * GAS_CO2_PER_GJ / ETA_PEAK
        + PUMP * grid_per_gj
    )


@pytest.mark.parametrize(
    "source, share, fuel_co2, eta, aux",
    [
        ("biomass", 0.85, 0.0, 0.9, 0.0),  # biogenic CO2 out of the energy sector (IPCC 2006)
        ("geothermal", 0.85, 0.0, 1.0, 0.05),
        ("aquathermal_hp", 0.85, 0.0, 1.0, 0.017 + 1 / 4.0),  # TEO 0.017 + 1 / SCOP 4
        ("residual_heat", 0.85, 0.0, 1.0, 0.0),
        ("gas_peak", 1.0, GAS_CO2_PER_GJ, ETA_PEAK, 0.0),
    ],
)
def test_co2_per_gj_delivered_is_the_source_factor_over_one_minus_losses(
    source, share, fuel_co2, eta, aux
):
    f = heat_source_factors(P, source, GRID, GAS, ELEC, BIO)
    produced = by_hand_co2_produced(share, fuel_co2, eta, aux)
    np.testing.assert_allclose(f.co2_kg_per_gj_produced, produced, rtol=1e-9)
    np.testing.assert_allclose(f.co2_kg_per_gj_delivered, produced / (1 - LOSS), rtol=1e-9)
    assert f.loss_share == LOSS


def test_every_source_is_tested_and_every_mt_factor_is_below_a_gas_boiler():
    assert set(heat_source_names(P)) == {
        "biomass",
        "geothermal",
        "aquathermal_hp",
        "residual_heat",
        "gas_peak",
    }
    boiler = GAS_CO2_PER_GJ / 1.04  # an HR boiler's CO2 per GJ of heat (Vesta 1.04)
    for source in heat_source_names(P):
        f = heat_source_factors(P, source, GRID, GAS, ELEC, BIO)
        if source != "gas_peak":
            assert (f.co2_kg_per_gj_delivered < boiler).all(), source


def test_biomass_production_cost_by_hand():
    f = heat_source_factors(P, "biomass", GRID, GAS, ELEC, BIO)
    produced = 0.85 * BIO / 0.9 + 0.15 * GAS / 0.03165 / ETA_PEAK + PUMP * ELEC * KWH_PER_GJ
    np.testing.assert_allclose(f.cost_eur_per_gj_produced, produced, rtol=1e-9)
    np.testing.assert_allclose(f.cost_eur_per_gj_delivered, produced / (1 - LOSS), rtol=1e-9)


def test_the_mt_network_counts_its_own_source_not_the_isso82_forfait():
    """Before issue 20: costed as biomass, counted at ISSO 82's 50.6 kg/GJ (6 % less CO2 than
    the reference for the MT strategy); now the source's own factor."""
    t = tariff_paths(P)
    assert t.heat.mt.source == "biomass"
    assert t.heat.mt.co2_kg_per_gj_delivered[0] < 50.6 / 3
    geo = tariff_paths(P, options=PathOptions(mt_source="geothermal"))
    assert geo.heat.mt.co2_kg_per_gj_delivered[0] != t.heat.mt.co2_kg_per_gj_delivered[0]


def test_wcw_cost_based_tariff_equals_the_annual_cost_per_connection_by_hand():
    heat_cost = np.array([20.0, 21.0])  # EUR/GJ delivered
    net = heat_network_costs(
        P,
        zone_dwellings=400,
        connections=280,
        design_load_kw=280 * 6.0,
        heat_gj=280 * 30.0,
        heat_cost_eur_per_gj=heat_cost,
    )
    # by hand, from the packaged parameters (PBL Vesta kentallen, THERMOS diversity):
    main = 1046 * 1.25 * 10 * 400  # EUR/m x detour x m per zone dwelling x zone dwellings
    diversity = 0.62 + 0.38 / 280
    source = 120_000 + 90 * diversity * 280 * 6.0
    service = 6509 * 280
    assert net.capex_eur == pytest.approx(main + source + service)
    om = 0.02 * source + 0.01 * (main + service)
    rate = 0.51 * 0.03 + 0.49 * 0.06  # Wcw public majority at 3 %, the rest at 6 % (Vesta)
    assert owner_rate(P) == pytest.approx(rate)
    crf = rate / (1 - (1 + rate) ** -30)  # 30-year assets (Vesta)
    assert float(capital_recovery_factor(rate, 30)) == pytest.approx(crf)
    deductions = 280 * (6000 + 4510 / 1.21)  # WIS per connection and the connection fees
    annual = (crf * (main + source + service - deductions) + om + 280 * 30 * heat_cost) / 280
    np.testing.assert_allclose(net.annual_cost_per_connection(rate, deductions), annual, rtol=1e-12)
    vat = np.array([0.21, 0.21])
    fixed, per_gj = net.cost_based_tariff(rate, vat, deductions)
    # the household's fixed charge plus its heat at the price per GJ is the cost per connection
    np.testing.assert_allclose(fixed + per_gj * 30.0, 1.21 * annual, rtol=1e-12)
    np.testing.assert_allclose(per_gj, 1.21 * heat_cost)


def test_wis_only_from_its_minimum_size():
    # RVO WIS 2025: at least 250 small connections
    assert wis_eur_per_connection(P, 249) == 0.0
    assert wis_eur_per_connection(P, 250) == 6000.0
    assert wis_eur_per_connection(P, 400, enabled=False) == 0.0


def test_households_pay_the_reference_networks_cost_based_tariff_from_2027():
    t = tariff_paths(P)
    net = reference_network(P, t.heat_production_eur_gj)
    n = net.connections
    deductions = n * (6000 + 4510 / 1.21)
    fixed, per_gj = net.cost_based_tariff(owner_rate(P), t.vat, deductions)
    np.testing.assert_allclose(t.heat_fixed_eur[1:], fixed[1:])
    np.testing.assert_allclose(t.heat_variable_eur_gj[1:], per_gj[1:])
    private = tariff_paths(P, options=PathOptions(ownership="private"))
    assert private.heat_fixed_eur[1] > t.heat_fixed_eur[1]  # private capital costs more


def test_scenario_block_and_unknown_source():
    scenario = wm.load_scenario()
    assert scenario.heat_networks.mt_source == "biomass"
    with pytest.raises(wm.WupInputError, match="unknown heat source 'biomas'"):
        wm.apply_settings(scenario, {"heat_networks.mt_source": "biomas"})


def test_one_description_of_a_network_for_summary_optimiser_cooperative_and_tariff():
    """The cooperative's case, the households' cost-based tariff and the national cost of the
    village summary and the optimiser all take a network's parts from one description
    (money.collective.heat_network_costs): a zone of 400 dwellings, 280 connected at 6 kW."""
    from wupmodel.coop.asset import HeatNetworkAsset
    from wupmodel.money import collective_unit_costs

    zone_dwellings, n, load_kw, rate = 400, 280, 6.0, owner_rate(P)
    t = tariff_paths(P)
    asset = HeatNetworkAsset.from_params("kern", zone_dwellings, P, t, 30)
    coop = asset.costs(n, n * load_kw, heat_gj=n * 30.0)
    net = heat_network_costs(
        P,
        zone_dwellings=zone_dwellings,
        connections=n,
        design_load_kw=n * load_kw,
        heat_gj=n * 30.0,
        heat_cost_eur_per_gj=asset.heat_cost_eur_per_gj,
    )
    # the cooperative's network is the tariff's network, part by part
    for part in ("main_eur", "source_eur", "service_eur", "capex_eur", "om_eur_per_yr"):
        assert getattr(coop, part) == pytest.approx(getattr(net, part), rel=1e-12), part
    assert coop.fixed_eur_per_yr(rate) == pytest.approx(net.fixed_eur_per_yr(rate), rel=1e-12)
    # the heat the cooperative buys is the MT source's production cost per GJ delivered
    np.testing.assert_allclose(asset.heat_cost_eur_per_gj[:25], t.heat.mt.cost_eur_per_gj_delivered)
    # the summary and the optimiser: the zone's fixed source and the main per zone dwelling
    # (annualised at the social rate over the horizon) from the same parameters
    unit = collective_unit_costs(P, 30, 0.0225)
    main_per_dwelling = 1046 * 1.25 * 10  # EUR/m x detour x m per zone dwelling (PBL Vesta)
    assert net.main_eur == pytest.approx(main_per_dwelling * zone_dwellings)
    annual = float(capital_recovery_factor(0.0225, 30))  # the 30-year assets over 30 years
    assert unit.heat_network_main_eur_per_yr_per_dwelling == pytest.approx(
        main_per_dwelling * (annual + 0.01), rel=1e-9
    )
    assert unit.heat_network_source_eur_per_yr == pytest.approx(120_000 * (annual + 0.02))
    # each connection's own part in the national cost (service pipe and substation, source per
    # kW at the large-network diversity) is the network's, within the 1 / n diversity term
    per_connection = 6509 + 90 * 0.62 * load_kw
    assert n * per_connection == pytest.approx(
        net.service_eur + net.source_eur - 120_000, rel=0.005
    )

"""The village summary worked out by hand on a stock of four dwelling kinds (153 dwellings).

The physics and money of each dwelling x option come from ``evaluate`` (tested elsewhere
against published figures); here every *village* figure of ``summarise`` is recomputed in the
test from those per-option rows with the rules written out: the strategy's fallback to the
lowest deeper feasible level, CO2 and its reduction, investment and subsidy of the dwellings
that change, the peak after simultaneity f(n) = a + (1 - a)/n, LV reinforcement by whole
substations per grid zone, the heat-network source per zone with connections, national extra
cost and EUR per tonne, the woonlasten average and the share paying more, and who pays per
tenure. The collective annual costs use the life-cycle formula written out below (one
investment, no replacement within the horizon, linear residual value at the horizon).

The stock: d1 detached 1931 label G (owner, "koop", no heat-network zone, grid lv1); d2
semi-detached 1968 D (owner, zone kern, lv1); d3 150 mid-terraced 1976 C (social rent, kern,
lv2); d4 end-terrace 1985 C (owner, kern, lv2). Overrides make the cases the issue names happen: LV
capacity 1.2 kW per dwelling and 100 kW substations, so all-electric needs two substations
in lv2 where the reference needs one; LT emitter works that only add 20 % (1.2), so at
current insulation an air heat pump is not feasible and the strategy falls back per dwelling
(d1 to basic, the others to standard).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import wupmodel as wm

STOCK_CSV = (
    "dwelling_id,dwelling_type,construction_year,floor_area_m2,energy_label,gas_m3,tenure,"
    "heat_network_zone,grid_zone,count\n"
    """d1,detached,1931,152,G,2300,eigenaar,,lv1,1
d2,semi_detached,1968,131,D,1550,eigenaar,kern,lv1,1
d3,mid_terrace,1976,108,C,1150,huur_corporatie,kern,lv2,150
d4,end_terrace,1985,120,C,1300,eigenaar,kern,lv2,1
"""
)
LEVELS = ["current", "basic", "standard", "deep"]
SETTINGS = {
    # the named fallback of the zone peaks, worked out by hand here (the hours' zone peaks:
    # tests/hourly/test_grid.py)
    "grid.peak_from_hours": 0.0,
    "collective.grid.capacity_kw_per_dwelling": 1.2,
    "finance.mv_lv_substation_kw": 100.0,
    "physics.lt_emitter_capacity_factor": 1.2,
}
STRATEGIES = [
    wm.Strategy("reference", "gas_boiler", "current"),
    wm.Strategy("air_from_current", "air_hp", "current"),
    wm.Strategy("air_standard", "air_hp", "standard"),
    wm.Strategy("hybrid_basic", "hybrid_hp", "basic"),
    wm.Strategy("lt_standard", "heat_network_lt", "standard"),
    wm.Strategy("mt_current", "heat_network_mt", "current"),
]


def _four_dwellings(scenario, folder):
    """The four dwellings evaluated under ``scenario`` (the stock written into ``folder``): the
    outcomes and their rows without PV or solar thermal, by dwelling, heating and insulation."""
    path = folder / "four.csv"
    path.write_text(STOCK_CSV, encoding="utf-8")
    outcomes = wm.evaluate(wm.load_stock(path), scenario)
    frame = outcomes.to_frame()
    rows = frame[~frame["pv"] & ~frame["solar_thermal"]].set_index(
        ["dwelling_id", "heating", "insulation"]
    )
    return outcomes, rows


def _price_path(name: str) -> np.ndarray:
    """The packaged price path ``name`` for 2026-2050 (data/price_paths.csv)."""
    from wupmodel.params import packaged_table

    paths = packaged_table("price_paths")
    years = np.arange(2026, 2051)
    return paths[paths["series"] == name].set_index("year")["value"].loc[years].to_numpy()


@pytest.fixture(scope="module")
def village(tmp_path_factory):
    scenario = wm.apply_settings(wm.load_scenario(), SETTINGS)
    outcomes, plain = _four_dwellings(scenario, tmp_path_factory.mktemp("stock"))
    summary = wm.summarise(outcomes, scenario, strategies=STRATEGIES)
    return scenario, plain, summary


def hand_choice(plain: pd.DataFrame, heating: str, preferred: str) -> pd.DataFrame:
    """Per dwelling the row the strategy takes: the preferred level if feasible, else the next
    deeper feasible one, else the gas boiler at the current level."""
    rows = []
    for dwelling in ["d1", "d2", "d3", "d4"]:
        chosen = None
        for level in LEVELS[LEVELS.index(preferred) :]:
            row = plain.loc[(dwelling, heating, level)]
            if bool(row["feasible"]):
                chosen = (dwelling, heating, level)
                break
        rows.append(chosen or (dwelling, "gas_boiler", "current"))
    return plain.loc[rows]


def eac(
    investment_eur: float, lifetime_yr: float, horizon_yr: int, rate: float, om_share: float = 0.0
) -> float:
    """Equivalent annual cost of one investment without replacement within the horizon
    (lifetime >= horizon): PV = I - I (L - H)/L (1+r)^-H + O&M annuity; times the CRF."""
    assert lifetime_yr >= horizon_yr
    residual = (lifetime_yr - horizon_yr) / lifetime_yr * (1 + rate) ** -horizon_yr
    crf = rate / (1 - (1 + rate) ** -horizon_yr)
    pvf = (1 - (1 + rate) ** -horizon_yr) / rate
    return (investment_eur * (1 - residual) + investment_eur * om_share * pvf) * crf


def collective_by_hand(rows: pd.DataFrame, scenario) -> tuple[float, int, float, dict[str, int]]:
    """(heat-network sources EUR/yr, zones reinforced, grid EUR/yr, substations per zone)."""
    p = scenario.params()
    horizon = scenario.years.end - scenario.years.start + 1
    rate = p["finance.social_discount_rate"]
    zone_of = {"d1": "", "d2": "kern", "d3": "kern", "d4": "kern"}
    grid_of = {"d1": "lv1", "d2": "lv1", "d3": "lv2", "d4": "lv2"}
    dwellings = rows.index.get_level_values("dwelling_id")
    heating = rows.index.get_level_values("heating")
    on_net = [h in ("heat_network_mt", "heat_network_lt") for h in heating]
    zones = {zone_of[d] for d, net in zip(dwellings, on_net, strict=True) if net and zone_of[d]}
    sources = len(zones) * eac(
        p["collective.heat_network.source_fixed_eur"],
        p["collective.heat_network.lifetime_yr"],
        horizon,
        rate,
        p["collective.heat_network.source_om_share"],
    )
    a = p["grid.simultaneity_asymptote"]
    substation = eac(
        p["finance.mv_lv_substation_eur"], p["finance.grid_asset_lifetime_years"], horizon, rate
    )
    cable = eac(
        p["finance.lv_cable_reinforcement_eur_m"] * p["collective.grid.cable_m_per_dwelling"],
        p["finance.grid_asset_lifetime_years"],
        horizon,
        rate,
    )
    grid_eur, reinforced, per_zone = 0.0, 0, {}
    for zone in ("lv1", "lv2"):
        sel = [grid_of[d] == zone for d in dwellings]
        n = float(rows["count"][sel].sum())
        peak = float((rows["count"] * rows["peak_kw"])[sel].sum()) * (a + (1 - a) / n)
        excess = max(peak - 1.2 * n, 0.0)
        per_zone[zone] = math.ceil(excess / 100.0)
        if excess > 0:
            reinforced += 1
            grid_eur += per_zone[zone] * substation + n * cable
    return sources, reinforced, grid_eur, per_zone


def test_the_cases_the_stock_is_built_for(village):
    scenario, plain, _ = village
    air = hand_choice(plain, "air_hp", "current")
    assert list(air.index.get_level_values("insulation")) == [
        "basic",
        "standard",
        "standard",
        "standard",
    ]
    lt = hand_choice(plain, "heat_network_lt", "standard")
    assert lt.index.get_level_values("heating")[0] == "gas_boiler"  # d1 is in no zone
    ref = hand_choice(plain, "gas_boiler", "current")
    # lv1: 2 dwellings x 3 kW x (0.5 + 0.5/2) = 4.5 kW > 2.4 kW; lv2: 151 x 3 x 0.503 = 228 > 181
    assert collective_by_hand(ref, scenario)[3] == {"lv1": 1, "lv2": 1}
    assert collective_by_hand(hand_choice(plain, "air_hp", "standard"), scenario)[3]["lv2"] == 2


@pytest.mark.parametrize("strategy", STRATEGIES[1:], ids=lambda s: s.name)
def test_summary_row_by_hand(village, strategy):
    scenario, plain, summary = village
    row = summary["summary"].set_index("strategy").loc[strategy.name]
    ref = hand_choice(plain, "gas_boiler", "current")
    got = hand_choice(plain, strategy.heating, strategy.insulation)
    n = got["count"].to_numpy()
    moved = got.index.get_level_values("heating") != "gas_boiler"
    moved |= got.index.get_level_values("insulation") != "current"
    a = scenario.params()["grid.simultaneity_asymptote"]

    def total(col, mask=None):
        values = got[col].to_numpy() * n
        return float(values[mask].sum() if mask is not None else values.sum())

    co2_ref = float((ref["co2_kg"].to_numpy() * n).sum())
    assert row["dwellings"] == 153
    assert row["dwellings_feasible"] == pytest.approx(n[moved].sum())
    assert row["co2_t"] == pytest.approx(total("co2_kg") / 1e3, rel=1e-12)
    assert row["co2_reduction"] == pytest.approx(1 - total("co2_kg") / co2_ref, rel=1e-12)
    assert row["gas_m3"] == pytest.approx(total("gas_m3"), rel=1e-12)
    assert row["heat_gj"] == pytest.approx(total("heat_gj"), rel=1e-12, abs=1e-9)
    assert row["investment_eur"] == pytest.approx(total("capex_eur", moved), rel=1e-12)
    assert row["investment_per_dwelling_eur"] == pytest.approx(
        total("capex_eur", moved) / n[moved].sum(), rel=1e-12
    )
    assert row["subsidy_eur"] == pytest.approx(total("subsidy_eur", moved), rel=1e-12, abs=1e-9)
    assert row["peak_kw"] == pytest.approx(total("peak_kw") * (a + (1 - a) / 153), rel=1e-12)

    src, zones, grid, _ = collective_by_hand(got, scenario)
    src0, _, grid0, _ = collective_by_hand(ref, scenario)
    collective = src - src0 + grid - grid0
    assert row["grid_zones_reinforced"] == zones
    assert row["collective_eur_per_yr"] == pytest.approx(collective, rel=1e-9, abs=1e-6)
    national = total("national_extra_cost_eur_per_yr") + collective
    assert row["national_extra_eur_per_yr"] == pytest.approx(national, rel=1e-9)
    avoided_t = total("co2_avoided_kg_per_yr") / 1e3
    assert row["national_eur_per_t_co2"] == pytest.approx(national / avoided_t, rel=1e-9)
    assert row["national_eur_per_weq_per_yr"] == pytest.approx(national / 153, rel=1e-9)

    change = got["monthly_cost_change_eur"].to_numpy()
    assert row["monthly_cost_change_avg_eur"] == pytest.approx(
        float((change * n).sum() / 153), rel=1e-12
    )
    assert row["share_paying_more"] == pytest.approx(float(n[change > 1.0].sum() / 153))
    parts = (got["bill_year1_eur"].to_numpy() - ref["bill_year1_eur"].to_numpy()) / 12
    parts += (
        got["loan_payment_eur_per_month"].to_numpy() - ref["loan_payment_eur_per_month"].to_numpy()
    )
    parts += (
        got["own_capital_eur_per_month"].to_numpy() - ref["own_capital_eur_per_month"].to_numpy()
    )
    parts += (
        got["rent_increase_eur_per_month"].to_numpy()
        - ref["rent_increase_eur_per_month"].to_numpy()
    )
    assert row[
        ["bill_change_avg_eur", "loan_avg_eur", "own_capital_avg_eur", "rent_avg_eur"]
    ].sum() == pytest.approx(float((parts * n).sum() / 153), rel=1e-9)

    # who pays: the tenant group (d3, social rent) and the owners (d1, d2, d4)
    who = summary["who_pays"].set_index(["strategy", "tenure"])
    tenant = who.loc[(strategy.name, "huur_corporatie")]
    assert tenant["dwellings"] == 150
    assert tenant["monthly_cost_change_avg_eur"] == pytest.approx(change[2], rel=1e-12)
    owners = who.loc[(strategy.name, "koop")]
    w = n[[0, 1, 3]]
    assert owners["monthly_cost_change_avg_eur"] == pytest.approx(
        float((change[[0, 1, 3]] * w).sum() / 3), rel=1e-12
    )
    assert owners["share_paying_more"] == pytest.approx(float((change[[0, 1, 3]] > 1.0).sum() / 3))


def test_co2_identities_per_system(village):
    """CO2 of each option in year 1 = gas x 1.78 kg/m3 (packaged ``co2.gas_kg_per_m3``) +
    imported electricity x the grid factor of the first year + delivered heat x the heat's own
    factor per GJ delivered (issue 20): the source's CO2 per GJ produced / (1 - loss share: 26 %
    MT, 8 % LT, 2.6 of 32.6 GJ a year per connection, CE Delft 2024 via PBL Vesta), the
    source covering 85 % and gas peak boilers (efficiency 0.925) the rest, the pumps 0.72 % of the
    heat in electricity; MT biomass (no CO2 at the stack), LT aquathermal with a collective heat
    pump (0.017 GJe/GJ for the water + 1 / SCOP)."""
    scenario, plain, _ = village
    p = scenario.params()
    rows = plain.reset_index()
    boiler = rows[rows["heating"] == "gas_boiler"]
    # Gas boiler rows give the first-year grid factor from their electricity (appliances).
    grid_kg_kwh = (
        (boiler["co2_kg"] - boiler["gas_m3"] * p["co2.gas_kg_per_m3"])
        / boiler["electricity_import_kwh"]
    ).to_numpy()
    assert np.ptp(grid_kg_kwh) < 1e-12
    grid = float(grid_kg_kwh[0])
    assert 0.05 < grid < 0.5  # kg/kWh, a Dutch grid factor of the 2020s
    grid_gj = grid / 0.0036  # kg per GJ of electricity
    peak = 0.15 * p["co2.gas_kg_per_m3"] / 0.03165 / 0.925  # gas peak boilers, kg/GJ produced
    pumps = 0.0072 * grid_gj
    kept = 1 - p["heatnet.loss_share"]
    kept_lt = 1 - p["heatnet.lt_loss_share"]
    assert kept_lt == pytest.approx(1 - 0.08)
    factors = {
        "heat_network_mt": (peak + pumps) / kept,  # biomass: 0 kg/GJ at the stack
        "heat_network_lt": (
            0.85 * (0.017 + 1 / p["heatnet.lt_source_scop"]) * grid_gj + peak + pumps
        )
        / kept_lt,
    }
    for system, factor in factors.items():
        net = rows[rows["heating"] == system]
        assert net["co2_kg"].to_numpy() == pytest.approx(
            (
                net["gas_m3"] * p["co2.gas_kg_per_m3"]
                + net["electricity_import_kwh"] * grid
                + net["heat_gj"] * factor
            ).to_numpy(),
            rel=1e-9,
        )


def test_gas_standing_charge_only_where_the_gas_connection_stays(village, tmp_path):
    """Raise the gas standing charges (network + supplier) by 100 EUR/yr excl. VAT: the bill of
    every option that keeps gas (boiler, hybrid) rises by exactly 100 x (1 + VAT); the bills of
    all-electric and heat-network options do not move."""
    scenario, plain, _ = village
    p = scenario.params()
    higher = wm.apply_settings(
        scenario,
        {
            "finance.gas_network_standing_eur": p["finance.gas_network_standing_eur"] + 60.0,
            "finance.gas_supplier_standing_eur": p["finance.gas_supplier_standing_eur"] + 40.0,
        },
    )
    _, after = _four_dwellings(higher, tmp_path)
    rise = after["bill_year1_eur"] - plain["bill_year1_eur"]
    heating = rise.index.get_level_values("heating")
    keeps_gas = np.isin(heating, ["gas_boiler", "hybrid_hp"])
    paths = village[2]["price_paths"]
    vat = float(paths[(paths["series"] == "vat") & (paths["year"] == 2026)]["value"].iloc[0])
    assert vat == pytest.approx(0.21)
    assert rise[keeps_gas].to_numpy() == pytest.approx(100.0 * (1 + vat), rel=1e-9)
    assert np.abs(rise[~keeps_gas].to_numpy()).max() < 1e-9


def test_lt_heat_is_priced_at_its_own_source_in_the_national_cost(village, tmp_path):
    """The LT network's heat costs the nation its own source's production cost (aquathermal
    with a collective heat pump), not the MT source's (biomass): against the same village with
    a biomass LT source, the national annual cost of every LT option moves by
    crf x heat x sum_y (1 + r)^-y (cost_LT,y - cost_MT,y), and no other option moves.
    Per GJ delivered the peak boilers and pumps cancel: 0.85 x ((0.017 + 1 / SCOP) x the
    electricity production price per GJ - the biomass fuel price / 0.9) / (1 - the LT network's
    losses, 8 %)."""
    scenario, plain, _ = village
    p = scenario.params()
    biomass = wm.apply_settings(scenario, {"heat_networks.lt_source": "biomass"})
    _, other = _four_dwellings(biomass, tmp_path)
    elec_per_gj = _price_path("elec_commodity_eur_kwh") * 1e9 / 3.6e6
    delta = 0.85 * ((0.017 + 1 / p["heatnet.lt_source_scop"]) * elec_per_gj)
    delta = (delta - 0.85 * _price_path("biomass_fuel_eur_gj") / 0.9) / (1 - 0.08)
    rate = p["finance.social_discount_rate"]
    pv_per_gj = float(((1 + rate) ** -np.arange(1, 26)) @ delta)
    crf = rate / (1 - (1 + rate) ** -25)
    moved = plain["national_annual_cost_eur"] - other["national_annual_cost_eur"]
    lt = moved.index.get_level_values("heating") == "heat_network_lt"
    expected = crf * plain.loc[lt, "heat_gj"] * pv_per_gj
    assert (expected < 0).all()  # aquathermal heat costs the nation less than biomass heat
    assert moved[lt].to_numpy() == pytest.approx(expected.to_numpy(), rel=1e-9)
    assert np.abs(moved[~lt].to_numpy()).max() < 1e-6


def test_a_zones_own_source_sets_its_networks_co2_and_national_heat_cost(village, tmp_path):
    """``heat_networks.zone_sources: {kern: residual_heat}``: in *kern* both networks take the
    residual heat's CO2 per GJ delivered, (0.15 x gas peak + pumps) / (1 - losses) (residual
    heat carries no CO2 of its own, CE Delft), and its production cost, 0.85 x 5 EUR/GJ bought
    + 0.15 x gas / 0.925 + pumps, over (1 - losses); d1 (no zone) does not move."""
    scenario, plain, _ = village
    p = scenario.params()
    residual = wm.apply_settings(
        scenario, {"heat_networks.zone_sources": {"kern": "residual_heat"}}
    )
    _, other = _four_dwellings(residual, tmp_path)

    kept = 1 - p["heatnet.loss_share"]
    # CO2: first-year grid factor from a boiler row (as in test_co2_identities_per_system)
    boiler = plain.reset_index().query("heating == 'gas_boiler'").iloc[0]
    grid = (boiler["co2_kg"] - boiler["gas_m3"] * p["co2.gas_kg_per_m3"]) / boiler[
        "electricity_import_kwh"
    ]
    peak = 0.15 * p["co2.gas_kg_per_m3"] / 0.03165 / 0.925
    factor = (peak + 0.0072 * grid / 0.0036) / kept
    rows = other.reset_index()
    in_kern = rows["dwelling_id"].isin(["d2", "d3", "d4"]).to_numpy()
    networks = rows["heating"].isin(["heat_network_mt", "heat_network_lt"]).to_numpy()
    sel = rows[in_kern & networks]
    assert sel["co2_kg"].to_numpy() == pytest.approx(
        (
            sel["gas_m3"] * p["co2.gas_kg_per_m3"]
            + sel["electricity_import_kwh"] * grid
            + sel["heat_gj"] * factor
        ).to_numpy(),
        rel=1e-9,
    )
    # national heat cost: the residual heat's path in place of the MT (biomass) path
    gas_per_gj = _price_path("gas_commodity_eur_m3") + _price_path("green_gas_surcharge_eur_m3")
    gas_per_gj = gas_per_gj / 0.03165
    # (the packaged 2030 commodity point is the midpoint of Vesta's plateaus, issue 20)
    elec_per_gj = _price_path("elec_commodity_eur_kwh") * 1e9 / 3.6e6
    pumps = 0.0072 * elec_per_gj
    residual_cost = (0.85 * 5.0 + 0.15 * gas_per_gj / 0.925 + pumps) / kept
    biomass_cost = (
        0.85 * _price_path("biomass_fuel_eur_gj") / 0.9 + 0.15 * gas_per_gj / 0.925 + pumps
    ) / kept
    rate = p["finance.social_discount_rate"]
    discount = (1 + rate) ** -np.arange(1, 26)
    crf = rate / (1 - (1 + rate) ** -25)
    moved = (other["national_annual_cost_eur"] - plain["national_annual_cost_eur"]).reset_index(
        drop=True
    )
    heat = plain["heat_gj"].reset_index(drop=True)
    mt = (rows["heating"] == "heat_network_mt").to_numpy() & in_kern
    expected_mt = crf * heat[mt] * float(discount @ (residual_cost - biomass_cost))
    assert moved[mt].to_numpy() == pytest.approx(expected_mt.to_numpy(), rel=1e-6)
    assert np.abs(moved[~(in_kern & networks)].to_numpy()).max() < 1e-6

"""Money for every dwelling × option: subsidies, components, and both cost perspectives.

Glue between the physical outcomes (:mod:`wupmodel.evaluate`) and the money layer
(:mod:`wupmodel.costs`): it states which investments an option consists of (with their
lifetimes and O&M), which ISDE subsidies it earns, and which national-only costs it causes.

Assumptions made here (documented in the README):

* ISDE is granted to owner-occupiers and private landlords; housing corporations
  (``huur_corporatie``) use other schemes and get none here.
* Insulation measures for ISDE follow the level: ``basic`` insulates the floor; ``standard``
  floor, roof, cavity wall and HR++ glass; ``deep`` floor, roof, facade (outside/inside) and
  triple glass. Doors are not subsidised.
* A heat pump (hybrid, air, ground), a heat-network connection and a solar water heater each
  count as a measure for the ISDE doubling rule.
* The national cost of a heat-network option includes its share of the distribution main in
  the street (per connection, excl. VAT). The collective source is a per-zone cost that the
  optimiser and the village summary add separately.
* A dwelling that no longer uses gas has its gas connection removed (national one-off cost) and
  pays no gas standing charge; an all-electric dwelling's connection is upgraded to 3x25 A.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial

import numpy as np
import pandas as pd

from wupmodel.catalogue import Catalogue
from wupmodel.costs import (
    OUTPUT_FIELDS,
    Component,
    FinanceSettings,
    MoneyOutcomes,
    money_outcomes,
)
from wupmodel.finance import equivalent_annual_cost
from wupmodel.params import Params
from wupmodel.physics.insulation import ELEMENTS
from wupmodel.scenario import Scenario
from wupmodel.stock.synth import income_means_eur, synthesis_scalars
from wupmodel.subsidies import (
    isde_heat_network_eur,
    isde_heat_pump_eur,
    isde_insulation_package_eur,
)
from wupmodel.tariffs import TariffPaths, tariff_paths
from wupmodel.vocabulary import DWELLING_TYPES, HEATING_SYSTEMS, INSULATION_LEVELS, TENURES

#: Money outputs added to the outcome table (all per dwelling, EUR unless named otherwise).
MONEY_QUANTITIES: dict[str, str] = {
    "subsidy_eur": "ISDE subsidy, EUR",
    "net_investment_eur": "investment incl. VAT minus subsidy, EUR",
    "end_user_annual_cost_eur": "equivalent annual cost for the occupant over the horizon (household rate), EUR/yr",
    "national_annual_cost_eur": "equivalent annual national cost (no taxes or subsidies, 2.25 %), EUR/yr",
    "national_network_annual_eur": "part of the national cost for the heat-network main in the street, EUR/yr",
    "bill_year1_eur": "energy bill in the first year, EUR/yr",
    "monthly_cost_year1_eur": "woonlasten in year 1: bill + loan repayment (tenants: + rent increase), EUR/month",
    "monthly_cost_avg_eur": "woonlasten averaged over the horizon, EUR/month",
    "monthly_cost_change_eur": "change of year-1 woonlasten vs the dwelling's reference option, EUR/month",
    "npv_end_user_eur": "NPV of the option vs the reference for the occupant (positive = better), EUR",
    "lcc_end_user_eur": "life-cycle cost for the occupant over the horizon, EUR",
    "irr": "IRR of the owner's extra investment vs the reference, fraction/yr",
    "simple_payback_years": "extra net investment / first-year savings, years",
    "national_extra_cost_eur_per_yr": "national cost vs the reference, EUR/yr",
    "end_user_extra_cost_eur_per_yr": "occupant's equivalent annual cost vs the reference, EUR/yr",
    "co2_avg_kg": "CO2 averaged over the horizon (grid path), kg/yr",
    "co2_avoided_kg_per_yr": "CO2 avoided vs the reference, averaged over the horizon, kg/yr",
    "national_cost_eur_per_t_co2": "national extra cost per tonne CO2 avoided, EUR/t",
    "energy_cost_share_year1": "year-1 energy bill as a share of household income (Drenthe mean of the tenure class where unknown)",
}

_HEAT_PUMPS = {"hybrid_hp": "hybrid", "air_hp": "air", "ground_hp": "ground"}
_NETWORKS = ("heat_network_mt", "heat_network_lt")
_GLASS = {"standard": "hr_glass", "deep": "triple_glass"}
_FACADE = {"basic": "cavity_wall", "standard": "cavity_wall", "deep": "facade"}


@dataclass(frozen=True)
class MoneyContext:
    """What the money layer needs once per scenario (not per chunk)."""

    tariffs: TariffPaths
    settings: FinanceSettings
    params: Params


def money_context(scenario: Scenario, params: Params) -> MoneyContext:
    """Tariff paths and finance settings of a scenario (overrides and defaults merged)."""
    f = scenario.finance
    changes: dict[str, object] = {
        "horizon_years": scenario.years.horizon_years,
        "financing": f.financing,
        "loan_term_years": f.loan_term_years,
    }
    if f.household_discount_rate is not None:
        changes["household_rate"] = f.household_discount_rate
    if f.social_discount_rate is not None:
        changes["social_rate"] = f.social_discount_rate
    if f.rent_increase_cap_eur_month is not None:
        changes["rent_increase_cap_eur_month"] = f.rent_increase_cap_eur_month
    if f.loan_rate is not None:
        params = params.with_overrides({"finance.warmtefonds_rate": f.loan_rate}, source=scenario.name)
    tariffs = tariff_paths(
        params,
        start_year=scenario.years.start,
        end_year=scenario.years.end,
        overrides=scenario.prices,
        ets2_start_year=f.ets2_start_year,
    )
    return MoneyContext(tariffs, FinanceSettings.from_params(params, **changes), params)


def isde_subsidy_eur(
    treated_area_m2: np.ndarray,
    capacity_kw: np.ndarray,
    capex_eur: np.ndarray,
    eligible: np.ndarray,
    catalogue: Catalogue,
    params: Params,
) -> np.ndarray:
    """ISDE subsidy per dwelling × option (EUR), capped at the option's investment.

    Parameters
    ----------
    treated_area_m2
        (G, L, 5) insulated area per level and element (:data:`ELEMENTS` order).
    capacity_kw
        (G, O) heat-pump thermal capacity.
    capex_eur
        (G, O) investment incl. VAT.
    eligible
        (G,) bool, the household can apply (not a housing corporation).
    """
    heating = np.asarray(HEATING_SYSTEMS)[catalogue.heating]
    hp = np.zeros_like(capex_eur)
    for system, kind in _HEAT_PUMPS.items():
        cols = heating == system
        hp[:, cols] = isde_heat_pump_eur(kind, capacity_kw[:, cols], params=params)
    network = np.isin(heating, _NETWORKS)
    other_measures = (np.isin(heating, list(_HEAT_PUMPS)) | network).astype(int) + catalogue.solar_thermal
    # Insulation: the amount depends on the level and, through the doubling rule, on how many
    # other measures the option has (0, 1 or 2). Compute it per level and count on (G,)
    # vectors, then gather one column per option.
    area = {name: treated_area_m2[:, :, i] for i, name in enumerate(ELEMENTS)}
    n_other_max = 2
    per_level = np.zeros((capex_eur.shape[0], len(INSULATION_LEVELS), n_other_max + 1))
    for li, name in enumerate(INSULATION_LEVELS):
        if name == "current":
            continue
        measures = {"floor": area["floor"][:, li], "roof": area["roof"][:, li], _FACADE[name]: area["facade"][:, li]}
        if name in _GLASS:
            measures[_GLASS[name]] = area["window"][:, li]
        for k in range(n_other_max + 1):
            per_level[:, li, k] = isde_insulation_package_eur(measures, n_other_measures=k, params=params)
    flat = per_level.reshape(per_level.shape[0], -1)
    ins = np.take(flat, catalogue.insulation * (n_other_max + 1) + other_measures, axis=1)
    total = hp + ins + np.where(network, isde_heat_network_eur(params=params), 0.0)[None, :]
    return np.where(eligible[:, None], np.minimum(total, capex_eur), 0.0)


def appraise(
    groups: pd.DataFrame,
    arrays,
    catalogue: Catalogue,
    treated_area_m2: np.ndarray,
    ctx: MoneyContext,
    *,
    irr: bool = True,
) -> dict[str, np.ndarray]:
    """Money outputs (G, O) for a chunk of groups; see :data:`MONEY_QUANTITIES`.

    Values are arrays, or callables that compute the array on first use (outputs derived from
    others, so that a caller who needs a few outputs does not pay for all).

    Parameters
    ----------
    groups
        The chunk's groups (for tenure, income, dwelling type).
    arrays
        The chunk's physical outcome arrays (:class:`wupmodel.evaluate.FactoredArrays`).
    catalogue
        The options.
    treated_area_m2
        (G, L, 5) insulated area per level and element.
    ctx
        Scenario tariffs, finance settings and parameters.
    irr
        Compute the IRR (slow for very large stocks).
    """
    p = ctx.params
    heating = np.asarray(HEATING_SYSTEMS)[catalogue.heating]
    network = np.isin(heating, _NETWORKS)
    gas = arrays["gas_m3"]
    tenure = pd.Categorical(groups["tenure"], categories=TENURES).codes
    tenure = np.where(tenure < 0, 0, tenure)  # unknown tenure: treated as owner-occupied
    income = pd.to_numeric(groups["household_income_eur"], errors="coerce").to_numpy(float)

    life = np.array([p[f"life.{h}_years"] for h in heating])
    om = np.array([p[f"om.{h}_share"] for h in heating])
    # The cost tables hold prices incl. 21 % VAT; the household pays the scenario's VAT on
    # investments, the national view none: rescale so only the end-user price moves with VAT.
    vat = p["finance.vat_investments"]
    to_vat = (1.0 + vat) / (1.0 + p["cost.vat_included_in_prices"])

    def component(name: str, life_years, om_share) -> Component:
        capex = arrays[name] if to_vat == 1.0 else arrays[name] * to_vat
        return Component(capex, life_years, om_share, vat)

    components = {
        "insulation": component("capex_insulation_eur", p["life.insulation_years"], p["om.insulation_share"]),
        "heating": component("capex_heating_eur", life[None, :], om[None, :]),
        "pv": component("capex_pv_eur", p["life.pv_years"], p["om.pv_share"]),
        "solar_thermal": component(
            "capex_solar_thermal_eur", p["life.solar_thermal_years"], p["om.solar_thermal_share"]
        ),
    }
    # National-only costs (excl. VAT): the network main per connection, connection upgrades.
    main_eur = (
        p["collective.heat_network.main_eur_per_m"]
        * p["collective.heat_network.main_m_per_dwelling"]
        * p["collective.heat_network.detour_factor"]
    )
    all_electric = np.isin(heating, ["air_hp", "ground_hp"])
    national = {
        "connection_upgrade": Component(
            np.where(all_electric, p["finance.grid_connection_upgrade_eur"], 0.0)[None, :],
            p["finance.grid_asset_lifetime_years"],
            0.0,
            0.0,
        ),
    }
    flats = np.isin(groups["dwelling_type"].astype(str), DWELLING_TYPES[4:])
    removal = np.where(flats, p["finance.gas_connection_removal_flat_eur"], p["finance.gas_connection_removal_eur"])
    eligible = tenure != TENURES.index("huur_corporatie")
    capex_paid = arrays["capex_eur"] if to_vat == 1.0 else arrays["capex_eur"] * to_vat
    subsidy = isde_subsidy_eur(treated_area_m2, arrays["capacity_kw"], capex_paid, eligible, catalogue, p)
    # Horizon-average CO2 from the evaluation's own yearly factors (grid path, LT network).
    co2_avg = arrays["co2_cum_kg"] / ctx.settings.horizon_years
    ref = np.full(len(groups), catalogue.reference_index)
    money: MoneyOutcomes = money_outcomes(
        gas_m3=gas,
        elec_import_kwh=arrays["electricity_import_kwh"],
        elec_export_kwh=arrays["electricity_export_kwh"],
        heat_gj=arrays["heat_gj"],
        has_gas_connection=gas > 0,
        on_heat_network=np.broadcast_to(network[None, :], gas.shape),
        components=components,
        subsidy_eur=subsidy,
        co2_kg_per_yr=co2_avg,
        reference_index=ref,
        tariffs=ctx.tariffs,
        settings=ctx.settings if irr else _without_irr(ctx.settings),
        params=p,
        household_income_eur=income,
        tenure=tenure,
        national_components=national,
        gas_removal_eur=removal,
    )
    # The main in the street, per connection, as an equivalent annual national cost with the
    # same conventions (replacements, residual value, social rate) as every other component.
    network_eac = np.where(
        network,
        equivalent_annual_cost(
            main_eur,
            p["collective.heat_network.lifetime_yr"],
            ctx.settings.horizon_years,
            ctx.settings.social_rate,
            annual_cost=main_eur * p["collective.heat_network.main_om_share"],
        ),
        0.0,
    )[None, :]
    money = replace(money, national_annual_cost_eur=money.national_annual_cost_eur + network_eac)
    # Outputs derived from others (NPV, changes, EUR/t, ...) are computed on first access.
    out: dict[str, np.ndarray | Callable[[], np.ndarray]] = {
        name: partial(getattr, money, name) for name in MONEY_QUANTITIES if name in OUTPUT_FIELDS
    }
    # Energy cost as a share of income: where the stock has no income, the Drenthe mean
    # disposable income of the household's tenure class (CBS, as in the synthetic stock).
    default_income = income_means_eur(synthesis_scalars(p))[tenure]
    income_or_default = np.where(np.isfinite(income) & (income > 0), income, default_income)
    out["energy_cost_share_year1"] = partial(_share, money, income_or_default)
    out["co2_avg_kg"] = co2_avg
    if money.irr is None:
        out["irr"] = partial(np.full, gas.shape, np.nan)
    out["national_network_annual_eur"] = partial(np.repeat, network_eac, gas.shape[0], axis=0)
    return out


def _share(money: MoneyOutcomes, income_eur: np.ndarray) -> np.ndarray:
    return money.bill_year1_eur / income_eur[:, None]


def _without_irr(settings: FinanceSettings) -> FinanceSettings:
    return replace(settings, compute_irr=False)

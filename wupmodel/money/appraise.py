"""Money for every dwelling × option: subsidies, components, and both cost perspectives.

Glue between the physical outcomes (:mod:`wupmodel.evaluate`) and the money layer
(:mod:`wupmodel.money.costs`): it states which investments an option consists of (with their
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

from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import partial
from typing import Any

import numpy as np
import pandas as pd

from wupmodel.errors import WupInputError
from wupmodel.money.costs import (
    OUTPUT_FIELDS,
    SUMMABLE_OUTPUTS,
    MoneyOutcomes,
    money_outcomes,
    money_totals,
)
from wupmodel.money.finance import equivalent_annual_cost
from wupmodel.money.settings import Component, FinanceSettings, MoneyContext
from wupmodel.money.subsidies import (
    _NETWORKS,
    isde_subsidy_eur,
)
from wupmodel.options import Catalogue, OptionGrid
from wupmodel.vocabulary import DWELLING_TYPES, HEATING_SYSTEMS, TENURES

#: Money outputs added to the outcome table (all per dwelling, EUR unless named otherwise).
MONEY_QUANTITIES: dict[str, str] = {
    "subsidy_eur": "ISDE subsidy, EUR",
    "net_investment_eur": "investment incl. VAT minus subsidy, EUR",
    "end_user_annual_cost_eur": "equivalent annual cost for the occupant over the horizon (household rate), EUR/yr",
    "national_annual_cost_eur": "equivalent annual national cost (no taxes or subsidies, at the social discount rate of the run), EUR/yr",
    "national_network_annual_eur": "part of the national cost for the heat-network main in the street, EUR/yr",
    "bill_year1_eur": "energy bill in the first year, EUR/yr",
    "monthly_cost_year1_eur": "woonlasten in year 1: energy bill + loan repayment + own money's monthly equivalent (household rate, horizon) + rent increase (tenants), EUR/month",
    "loan_payment_eur_per_month": "Warmtefonds loan repayment in year 1, EUR/month",
    "own_capital_eur_per_month": "own money spent (net investment minus loan) as a monthly annuity at the household rate over the horizon, EUR/month",
    "rent_increase_eur_per_month": "rent increase paid by a tenant, EUR/month",
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


def appraise(
    groups: pd.DataFrame,
    arrays,
    grid: OptionGrid,
    catalogue: Catalogue,
    ctx: MoneyContext,
    *,
    irr: bool = True,
    outputs: Iterable[str] | None = None,
) -> dict[str, Any]:
    """Money outputs (G, O) for a chunk of groups; see :data:`MONEY_QUANTITIES`.

    Values are arrays, or callables that compute the array on first use (outputs derived from
    others, so that a caller who needs a few outputs does not pay for all).

    Parameters
    ----------
    groups
        The chunk's groups (for tenure, income, dwelling type).
    arrays
        The chunk's physical outcome arrays (:class:`wupmodel.outcomes.FactoredArrays`).
    grid
        The same quantities on the option grid (what the money layer computes on).
    catalogue
        The options.
    ctx
        Scenario tariffs, finance settings and parameters.
    irr
        Compute the IRR (slow for very large stocks).
    outputs
        Names from :data:`MONEY_QUANTITIES` to return (default: all).
    """
    wanted = list(MONEY_QUANTITIES) if outputs is None else list(outputs)
    unknown = sorted(set(wanted) - set(MONEY_QUANTITIES))
    if unknown:
        raise WupInputError(
            f"unknown money output(s) {', '.join(unknown)}; allowed: {', '.join(MONEY_QUANTITIES)}"
        )
    # what the money layer must compute: the outputs asked for (the subsidy is factored here)
    money_fields = [n for n in wanted if n in OUTPUT_FIELDS and n != "subsidy_eur"]
    if "energy_cost_share_year1" in wanted:
        money_fields.append("bill_year1_eur")
    if not irr:
        money_fields = [n for n in money_fields if n != "irr"]
    p = ctx.params
    q = grid.arrays
    heating = np.asarray(HEATING_SYSTEMS)
    combo_heating = grid.combo_heating

    def per_combo(per_system: np.ndarray) -> np.ndarray:
        """(H,) values per heating system -> (1, 1, C) on the grid's combinations."""
        return per_system[combo_heating][None, None, :]

    network = np.isin(heating, _NETWORKS)
    tenure = pd.Categorical(groups["tenure"], categories=TENURES).codes
    tenure = np.where(tenure < 0, 0, tenure)  # unknown tenure: treated as owner-occupied
    income = pd.to_numeric(groups["household_income_eur"], errors="coerce").to_numpy(float)

    life = per_combo(np.array([p[f"life.{h}_years"] for h in heating]))
    om = per_combo(np.array([p[f"om.{h}_share"] for h in heating]))
    # The cost tables hold prices incl. 21 % VAT; the household pays the scenario's VAT on
    # investments, the national view none: rescale so only the end-user price moves with VAT.
    vat = p["finance.vat_investments"]
    to_vat = (1.0 + vat) / (1.0 + p["cost.vat_included_in_prices"])

    def paid(name: str) -> np.ndarray:
        return q[name] if to_vat == 1.0 else q[name] * to_vat

    capex = {
        name: paid(f"capex_{name}_eur") for name in ("insulation", "heating", "pv", "solar_thermal")
    }
    components = {
        "insulation": Component(
            capex["insulation"], p["life.insulation_years"], p["om.insulation_share"], vat
        ),
        "heating": Component(capex["heating"], life, om, vat),
        "pv": Component(capex["pv"], p["life.pv_years"], p["om.pv_share"], vat),
        "solar_thermal": Component(
            capex["solar_thermal"], p["life.solar_thermal_years"], p["om.solar_thermal_share"], vat
        ),
    }
    # National-only costs (excl. VAT): connection upgrades and the heat-network main in the
    # street per connection, with the same conventions (replacements, residual value, social
    # rate) as every other component.
    main_eur = (
        p["collective.heat_network.main_eur_per_m"]
        * p["collective.heat_network.main_m_per_dwelling"]
        * p["collective.heat_network.detour_factor"]
    )
    all_electric = np.isin(heating, ["air_hp", "ground_hp"])
    national = {
        "connection_upgrade": Component(
            per_combo(np.where(all_electric, p["finance.grid_connection_upgrade_eur"], 0.0)),
            p["finance.grid_asset_lifetime_years"],
            0.0,
            0.0,
        ),
        "network_main": Component(
            per_combo(np.where(network, main_eur, 0.0)),
            p["collective.heat_network.lifetime_yr"],
            p["collective.heat_network.main_om_share"],
            0.0,
        ),
    }
    flats = pd.Categorical(
        groups["dwelling_type"], categories=DWELLING_TYPES
    ).codes >= DWELLING_TYPES.index("meergezins_laag")
    removal = np.where(
        flats, p["finance.gas_connection_removal_flat_eur"], p["finance.gas_connection_removal_eur"]
    )
    eligible = tenure != TENURES.index("huur_corporatie")
    n_g, n_l, n_h = q["capacity_kw"].shape
    subsidised = capex["insulation"] + capex["heating"] + capex["solar_thermal"]  # (G, 1, C)
    subsidy = isde_subsidy_eur(
        grid.treated_area_m2,
        q["capacity_kw"],
        subsidised.reshape(n_g, grid.n_solar_thermal, n_l, n_h),
        eligible,
        p,
    ).reshape(n_g, 1, -1)
    horizon = ctx.settings.horizon_years
    gas = q["gas_m3"]
    money = _MoneySource(
        grid,
        dict(
            gas_m3=gas,
            elec_import_kwh=q["electricity_demand_kwh"],
            elec_export_kwh=q["pv_kwh"],
            self_consumed_kwh=q["pv_self_kwh"],
            heat_gj=q["heat_gj"],
            has_gas_connection=gas > 0,
            on_heat_network=per_combo(network),
            components=components,
            subsidy_eur=subsidy,
            # Horizon-average CO2 from the evaluation's own yearly factors (grid path, LT network).
            co2_kg_per_yr=partial(_grid_cells, grid, arrays, "co2_cum_kg", 1.0 / horizon),
            reference_index=np.full(len(groups), grid.option_index[catalogue.reference_index]),
            tariffs=ctx.tariffs,
            rent_tariffs=ctx.rent_tariffs,
            settings=ctx.settings if irr else _without_irr(ctx.settings),
            params=p,
            household_income_eur=income,
            tenure=tenure,
            national_components=national,
            gas_removal_eur=removal,
            option_axes=2,
            outputs=money_fields or ["bill_year1_eur"],
        ),
    )
    # Outputs in catalogue order, computed when first read (arrays) or summed (totals).
    out: dict[str, Any] = {name: _MoneyColumn(money, name) for name in money_fields}
    # The subsidy depends on the combination only (no ISDE for PV): kept factored.
    out["subsidy_eur"] = (subsidy[:, 0], grid.option_index % grid.shape[1])
    # Energy cost as a share of income: where the stock has no income, the Drenthe mean
    # disposable income of the household's tenure class (CBS, as in the synthetic stock).
    default_income = ctx.default_income_eur[tenure]
    income_or_default = np.where(np.isfinite(income) & (income > 0), income, default_income)
    out["energy_cost_share_year1"] = partial(
        _share, _MoneyColumn(money, "bill_year1_eur"), income_or_default
    )
    out["co2_avg_kg"] = partial(_co2_avg, arrays, horizon)
    if not irr:
        out["irr"] = partial(np.full, (len(groups), catalogue.size), np.nan)
    network_eac = equivalent_annual_cost(
        main_eur,
        p["collective.heat_network.lifetime_yr"],
        horizon,
        ctx.settings.social_rate,
        annual_cost=main_eur * p["collective.heat_network.main_om_share"],
    )
    network_eac = np.where(network[catalogue.heating], network_eac, 0.0)[None, :]
    out["national_network_annual_eur"] = partial(np.repeat, network_eac, len(groups), axis=0)
    return {name: out[name] for name in wanted}


class _MoneySource:
    """The money layer of one chunk, computed when first needed.

    Arrays: one :func:`money_outcomes` call for every output asked for but the IRR (cached),
    and one more for the IRR when it is read (its root finding costs more than all the others
    together, so a reader of the woonlasten or the NPV does not pay for it). Totals per option
    (:meth:`totals`): one :func:`money_totals` call (cached per weights), which never
    materialises the (G, O) arrays, unless the arrays exist already.
    """

    def __init__(self, grid: OptionGrid, inputs: dict[str, Any]) -> None:
        self.grid = grid
        self.inputs = inputs
        self._money: MoneyOutcomes | None = None
        self._irr: MoneyOutcomes | None = None
        self._totals: tuple[np.ndarray, dict[str, np.ndarray]] | None = None

    def release(self) -> None:
        self._money = self._irr = None
        self._totals = None

    def array(self, name: str) -> np.ndarray:
        if name == "irr":
            if self._irr is None:
                self._irr = money_outcomes(**{**self.inputs, "outputs": ["irr"]})
            return self.grid.to_options(self._irr.irr)
        if self._money is None:
            others = [n for n in self.inputs["outputs"] if n != "irr"] or ["bill_year1_eur"]
            self._money = money_outcomes(**{**self.inputs, "outputs": others})
        return self.grid.to_options(getattr(self._money, name))

    def totals(self, name: str, weights: np.ndarray) -> np.ndarray:
        if self._money is not None or name not in SUMMABLE_OUTPUTS:
            return weights @ self.array(name)
        if self._totals is None or not np.array_equal(self._totals[0], weights):
            summable = [n for n in self.inputs["outputs"] if n in SUMMABLE_OUTPUTS]
            self._totals = (
                np.array(weights, dtype=float),
                money_totals(weights, **{**self.inputs, "outputs": summable}),
            )
        return self._totals[1][name][self.grid.option_index]


class _MoneyColumn:
    """One money output: call it for the (G, O) array; ``totals(weights)`` for the sums."""

    def __init__(self, source: _MoneySource, name: str) -> None:
        self.source, self.name = source, name

    def __call__(self) -> np.ndarray:
        return self.source.array(self.name)

    def totals(self, weights: np.ndarray) -> np.ndarray:
        return self.source.totals(self.name, weights)

    def release(self) -> None:
        """Forget the chunk's computed money (it is computed again when next read)."""
        self.source.release()


def _grid_cells(grid: OptionGrid, arrays, name: str, scale: float) -> np.ndarray:
    """A factored outcome on the option grid, (G, P, S, L, H); cells outside the catalogue are 0."""
    values = arrays[name] * scale
    if not grid.is_identity:
        cells = np.zeros((values.shape[0], grid.n_cells))
        cells[:, grid.option_index] = values
        values = cells
    return values.reshape((values.shape[0],) + grid.shape)


def _co2_avg(arrays, horizon: int) -> np.ndarray:
    return arrays["co2_cum_kg"] / horizon


def _share(bill_year1: Callable[[], np.ndarray], income_eur: np.ndarray) -> np.ndarray:
    return bill_year1() / income_eur[:, None]


def _without_irr(settings: FinanceSettings) -> FinanceSettings:
    return replace(settings, compute_irr=False)

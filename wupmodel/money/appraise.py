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
from wupmodel.money.bills import EnergyQuantities
from wupmodel.money.collective import main_eur_per_zone_dwelling
from wupmodel.money.costs import (
    OUTPUT_FIELDS,
    SUMMABLE_OUTPUTS,
    MoneyOutcomes,
    money_outcomes,
    money_totals,
)
from wupmodel.money.finance import discount_factors, equivalent_annual_cost
from wupmodel.money.settings import (
    Component,
    Dwellings,
    Investments,
    MoneyContext,
    MoneyInputs,
)
from wupmodel.money.subsidies import HEAT_NETWORK_SYSTEMS, isde_subsidy_eur, lai_eligible
from wupmodel.options import Catalogue, OptionGrid
from wupmodel.params import Params
from wupmodel.physics.battery import battery_catalogue
from wupmodel.vocabulary import DWELLING_TYPES, ENERGY_LABELS, HEATING_SYSTEMS, TENURES

#: Money outputs added to the outcome table (all per dwelling, EUR unless named otherwise).
MONEY_QUANTITIES: dict[str, str] = {
    "subsidy_eur": "ISDE subsidy, EUR",
    "net_investment_eur": "investment incl. VAT minus subsidy, EUR",
    "end_user_annual_cost_eur": "equivalent annual cost for the occupant over the horizon "
    "(household rate), EUR/yr",
    "national_annual_cost_eur": "equivalent annual national cost (no taxes or subsidies, at the "
    "social discount rate of the run), EUR/yr",
    "national_network_annual_eur": "part of the national cost for the heat-network main in the "
    "street, EUR/yr",
    "bill_year1_eur": "energy bill in the first year, EUR/yr",
    "monthly_cost_year1_eur": "woonlasten in year 1: energy bill + loan repayment + own money's "
    "monthly equivalent (household rate, horizon) + rent increase (tenants), EUR/month",
    "loan_payment_eur_per_month": "Warmtefonds loan repayment in year 1, EUR/month",
    "own_capital_eur_per_month": "own money spent (net investment minus loan) as a monthly "
    "annuity at the household rate over the horizon, EUR/month",
    "rent_increase_eur_per_month": "rent increase paid by a tenant, EUR/month",
    "monthly_cost_avg_eur": "woonlasten averaged over the horizon, EUR/month",
    "monthly_cost_change_eur": "change of year-1 woonlasten vs the dwelling's reference option, "
    "EUR/month",
    "npv_end_user_eur": "NPV of the option vs the reference for the occupant (positive = "
    "better), EUR",
    "lcc_end_user_eur": "life-cycle cost for the occupant over the horizon, EUR",
    "irr": "IRR of the owner's extra investment vs the reference, fraction/yr",
    "simple_payback_years": "extra net investment / first-year savings, years",
    "national_extra_cost_eur_per_yr": "national cost vs the reference, EUR/yr",
    "end_user_extra_cost_eur_per_yr": "occupant's equivalent annual cost vs the reference, EUR/yr",
    "co2_avg_kg": "CO2 averaged over the horizon (grid path), kg/yr",
    "co2_avoided_kg_per_yr": "CO2 avoided vs the reference, averaged over the horizon, kg/yr",
    "national_cost_eur_per_t_co2": "national extra cost per tonne CO2 avoided, EUR/t",
    "energy_cost_share_year1": "year-1 energy bill as a share of household income (Drenthe mean "
    "of the tenure class where unknown)",
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
    tenure = _tenure_codes(groups)
    inputs = _money_inputs(groups, arrays, grid, catalogue, ctx, tenure)
    if not irr:
        ctx = replace(ctx, settings=replace(ctx.settings, compute_irr=False))
    money = _MoneySource(grid, inputs, ctx, money_fields or ["bill_year1_eur"])
    # Outputs in catalogue order, computed when first read (arrays) or summed (totals).
    out: dict[str, Any] = {name: _MoneyColumn(money, name) for name in money_fields}
    # The subsidy depends on the combination only (no ISDE for PV): kept factored.
    subsidy = inputs.investments.subsidy_eur
    out["subsidy_eur"] = (subsidy[:, 0], grid.option_index % grid.shape[1])
    # Energy cost as a share of income: where the stock has no income, the Drenthe mean
    # disposable income of the household's tenure class (CBS, as in the synthetic stock).
    income = inputs.dwellings.household_income_eur
    default_income = ctx.default_income_eur[tenure]
    income_or_default = np.where(np.isfinite(income) & (income > 0), income, default_income)
    out["energy_cost_share_year1"] = partial(
        _share, _MoneyColumn(money, "bill_year1_eur"), income_or_default
    )
    out["co2_avg_kg"] = partial(_co2_avg, arrays, ctx.settings.horizon_years)
    if not irr:
        out["irr"] = partial(np.full, (len(groups), catalogue.size), np.nan)
    network_eac = _network_main_annual_eur(
        ctx.params, ctx.settings.horizon_years, ctx.settings.social_rate
    )
    network = np.isin(np.asarray(HEATING_SYSTEMS), HEAT_NETWORK_SYSTEMS)
    network_eac = np.where(network[catalogue.heating], network_eac, 0.0)[None, :]
    out["national_network_annual_eur"] = partial(np.repeat, network_eac, len(groups), axis=0)
    return {name: out[name] for name in wanted}


def _tenure_codes(groups: pd.DataFrame) -> np.ndarray:
    """Tenure code per group (unknown tenure: treated as owner-occupied)."""
    tenure = pd.Categorical(groups["tenure"], categories=TENURES).codes
    return np.where(tenure < 0, 0, tenure)


def _per_combo(grid: OptionGrid, per_system: np.ndarray) -> np.ndarray:
    """(H,) values per heating system -> (1, 1, C) on the grid's combinations."""
    return per_system[grid.combo_heating][None, None, :]


def _components(grid: OptionGrid, params: Params) -> dict[str, Component]:
    """The end-user investments of every option, incl. the scenario's VAT (EUR).

    The cost tables hold prices incl. 21 % VAT; the household pays the scenario's VAT on
    investments, the national view none: rescale so only the end-user price moves with VAT.
    """
    p, heating = params, HEATING_SYSTEMS
    vat = p["finance.vat_investments"]
    to_vat = (1.0 + vat) / (1.0 + p["cost.vat_included_in_prices"])

    def paid(name: str) -> np.ndarray:
        capex = grid.arrays[f"capex_{name}_eur"]
        return capex if to_vat == 1.0 else capex * to_vat

    life = _per_combo(grid, np.array([p[f"life.{h}_years"] for h in heating]))
    om = _per_combo(grid, np.array([p[f"om.{h}_share"] for h in heating]))
    return {
        "insulation": Component(
            paid("insulation"), p["life.insulation_years"], p["om.insulation_share"], vat
        ),
        "heating": Component(paid("heating"), life, om, vat),
        "pv": Component(paid("pv"), p["life.pv_years"], p["om.pv_share"], vat),
        "solar_thermal": Component(
            paid("solar_thermal"), p["life.solar_thermal_years"], p["om.solar_thermal_share"], vat
        ),
        "battery": Component(paid("battery"), _battery_lifetime(grid, params), 0.0, vat),
    }


def _battery_lifetime(grid: OptionGrid, params: Params) -> np.ndarray:
    """(1, P, 1) lifetime of the home battery of each solar level (the catalogue's; any value
    where there is none: its investment is 0)."""
    life = battery_catalogue(params)["lifetime_years"].to_numpy(dtype=float)
    return np.full((1, grid.shape[0], 1), float(life.min()))


def _network_main_eur(params: Params) -> float:
    """A connection's share of the heat-network main in the street, excl. VAT (EUR)."""
    return main_eur_per_zone_dwelling(params)


def _network_main_annual_eur(params: Params, horizon_years: int, social_rate: float) -> float:
    """The main's equivalent annual national cost per connection (EUR/yr)."""
    main_eur = _network_main_eur(params)
    return equivalent_annual_cost(
        main_eur,
        params["collective.heat_network.lifetime_yr"],
        horizon_years,
        social_rate,
        annual_cost=main_eur * params["collective.heat_network.main_om_share"],
    )


def _design_load_per_combo(grid: OptionGrid) -> np.ndarray:
    """(G, 1, C) the dwelling's design heat load at the combination's insulation level: the
    all-electric air heat pump's capacity there (``hp.design_cover_share`` = 1)."""
    cap = grid.arrays["capacity_kw"]  # (G, L, H)
    air = cap[:, :, HEATING_SYSTEMS.index("air_hp")]
    per_level = np.repeat(air, cap.shape[2], axis=1)  # (G, L * H)
    return np.tile(per_level, grid.n_solar_thermal)[:, None, :]


def _network_connection_eur(grid: OptionGrid, params: Params) -> np.ndarray:
    """A connection's own part of the network (:func:`heat_network_costs`), excl. VAT, less
    the connection fee the household's investment already brings into the national view: the
    service pipe and substation, and the source's part per kW of its diversified load."""
    p = params
    fee_excl_vat = p["cost.heatnet_connection_fee_eur"] / (1.0 + p["cost.vat_included_in_prices"])
    per_kw = p["coop.heat_network.source_eur_per_kw"] * p["coop.heat_network.diversity_base"]
    service = p["coop.heat_network.service_connection_eur"] - fee_excl_vat
    return service + per_kw * _design_load_per_combo(grid)


def _national_components(grid: OptionGrid, params: Params) -> dict[str, Component]:
    """National-only costs (excl. VAT): connection upgrades, and a heat-network connection's
    share of the main in the street and its own service pipe, substation and source capacity
    (the parts of :func:`wupmodel.money.collective.heat_network_costs` that go with a
    connection; the zone's fixed source is a collective cost), with the same conventions
    (replacements, residual value, social rate) as every other component."""
    p, heating = params, np.asarray(HEATING_SYSTEMS)
    all_electric = np.isin(heating, ["air_hp", "ground_hp"])
    network = np.isin(heating, HEAT_NETWORK_SYSTEMS)
    on_network = _per_combo(grid, network)
    life = p["collective.heat_network.lifetime_yr"]
    return {
        "connection_upgrade": Component(
            _per_combo(grid, np.where(all_electric, p["finance.grid_connection_upgrade_eur"], 0.0)),
            p["finance.grid_asset_lifetime_years"],
            0.0,
            0.0,
        ),
        "network_main": Component(
            _per_combo(grid, np.where(network, _network_main_eur(p), 0.0)),
            life,
            p["collective.heat_network.main_om_share"],
            0.0,
        ),
        "network_connection": Component(
            np.where(on_network, _network_connection_eur(grid, p), 0.0),
            life,
            p["collective.heat_network.main_om_share"],
            0.0,
        ),
    }


def _heat_source_component(
    groups: pd.DataFrame, grid: OptionGrid, ctx: MoneyContext
) -> dict[str, Component]:
    """Each network's heat at its own source's production cost in the national view.

    The money kernel prices every network's heat at one national path
    (``heat_production_eur_gj``, the MT source's). The LT source's cost per GJ delivered
    differs (:mod:`wupmodel.money.heat_supply`, e.g. aquathermal with a heat pump against
    biomass), and so does a zone's own source (``heat_networks.zone_sources``, for both networks
    of that zone): the difference, discounted at the social rate over the horizon as the kernel
    discounts every price, is a national-only present value per GJ a year. Held as a component
    of that present value with a life of the horizon (no replacement, no residual value: one
    euro of it costs one euro), so its annualised national cost is exactly the heat priced at
    its own source's path. Empty without heat sources or when every network is the MT source's.
    """
    heat = ctx.tariffs.heat
    if heat is None:
        return {}
    horizon = int(ctx.settings.horizon_years)
    discount = discount_factors(ctx.settings.social_rate, horizon)
    mt = np.asarray(heat.mt.cost_eur_per_gj_delivered, dtype=float)[:horizon]

    def pv_over_mt(factors) -> float:
        cost = np.asarray(factors.cost_eur_per_gj_delivered, dtype=float)[:horizon]
        return float(discount @ (cost - mt))

    systems = np.asarray(HEATING_SYSTEMS)
    per_gj = _per_combo(grid, np.where(systems == "heat_network_lt", pv_over_mt(heat.lt), 0.0))
    if heat.zones and "heat_network_zone" in groups:
        zones = (
            groups["heat_network_zone"]
            .astype(object)
            .where(groups["heat_network_zone"].notna(), "")
        )
        zones = zones.astype(str).to_numpy()
        network = _per_combo(grid, np.isin(systems, HEAT_NETWORK_SYSTEMS))
        per_gj = np.repeat(per_gj, len(groups), axis=0)
        for zone, factors in heat.zones.items():
            rows = zones == zone
            per_gj[rows] = np.where(network[0], pv_over_mt(factors), per_gj[rows])
    if not per_gj.any():
        return {}
    return {"heat_source": Component(per_gj * grid.arrays["heat_gj"], horizon, 0.0, 0.0)}


def _gas_removal_eur(groups: pd.DataFrame, params: Params) -> np.ndarray:
    """National cost of removing the gas connection per group: flats or ground-bound (EUR)."""
    flats = pd.Categorical(
        groups["dwelling_type"], categories=DWELLING_TYPES
    ).codes >= DWELLING_TYPES.index("meergezins_laag")
    return np.where(
        flats,
        params["finance.gas_connection_removal_flat_eur"],
        params["finance.gas_connection_removal_eur"],
    )


def _isde_subsidy(
    grid: OptionGrid,
    components: dict[str, Component],
    tenure: np.ndarray,
    groups: pd.DataFrame,
    params: Params,
) -> np.ndarray:
    """ISDE per group x combination, (G, 1, C); none for housing corporations; plus the
    Lokale Aanpak Isolatie grant where the scenario counts on it (at most the insulation
    investment; the total at most the subsidised investment)."""
    eligible = tenure != TENURES.index("huur_corporatie")
    capacity_kw = grid.arrays["capacity_kw"]
    n_groups, n_levels, n_heating = capacity_kw.shape
    subsidised = (
        components["insulation"].capex_eur
        + components["heating"].capex_eur
        + components["solar_thermal"].capex_eur
    )  # (G, 1, C)
    isde = isde_subsidy_eur(
        grid.treated_area_m2,
        capacity_kw,
        subsidised.reshape(n_groups, grid.n_solar_thermal, n_levels, n_heating),
        eligible,
        params,
    ).reshape(n_groups, 1, -1)
    lai = lai_eligible(
        tenure,
        pd.Categorical(groups["energy_label"], categories=ENERGY_LABELS).codes,
        pd.to_numeric(groups["household_income_eur"], errors="coerce").to_numpy(float),
        params,
    )
    if not lai.any():
        return isde
    insulation = np.broadcast_to(components["insulation"].capex_eur, isde.shape)
    grant = np.minimum(params["subsidy.lai_eur_per_dwelling"], insulation)
    total = isde + np.where(lai[:, None, None], grant, 0.0)
    return np.minimum(total, np.broadcast_to(subsidised, isde.shape))


def _money_inputs(
    groups: pd.DataFrame,
    arrays,
    grid: OptionGrid,
    catalogue: Catalogue,
    ctx: MoneyContext,
    tenure: np.ndarray,
) -> MoneyInputs:
    """What the money layer computes on, on the option grid (PV x combination)."""
    on_grid, params = grid.arrays, ctx.params
    components = _components(grid, params)
    network = np.isin(np.asarray(HEATING_SYSTEMS), HEAT_NETWORK_SYSTEMS)
    gas_m3 = on_grid["gas_m3"]
    income = pd.to_numeric(groups["household_income_eur"], errors="coerce").to_numpy(float)
    return MoneyInputs(
        energy=EnergyQuantities(
            gas_m3=gas_m3,
            elec_import_kwh=on_grid["electricity_demand_kwh"],
            elec_export_kwh=on_grid["pv_kwh"],
            self_consumed_kwh=on_grid["pv_self_kwh"],
            heat_gj=on_grid["heat_gj"],
            has_gas_connection=gas_m3 > 0,
            on_heat_network=_per_combo(grid, network),
            on_lt_network=_per_combo(grid, np.asarray(HEATING_SYSTEMS) == "heat_network_lt"),
        ),
        investments=Investments(
            components=components,
            subsidy_eur=_isde_subsidy(grid, components, tenure, groups, params),
            national_components=_national_components(grid, params)
            | _heat_source_component(groups, grid, ctx),
        ),
        dwellings=Dwellings(
            reference_index=np.full(len(groups), grid.option_index[catalogue.reference_index]),
            tenure=tenure,
            household_income_eur=income,
            gas_removal_eur=_gas_removal_eur(groups, params),
        ),
        # Horizon-average CO2 from the evaluation's own yearly factors (grid path, LT network).
        co2_kg_per_yr=partial(
            _grid_cells, grid, arrays, "co2_cum_kg", 1.0 / ctx.settings.horizon_years
        ),
        option_axes=2,
    )


class _MoneySource:
    """The money layer of one chunk, computed when first needed.

    Arrays: one :func:`money_outcomes` call for every output asked for but the IRR (cached),
    and one more for the IRR when it is read (its root finding costs more than all the others
    together, so a reader of the woonlasten or the NPV does not pay for it). Totals per option
    (:meth:`totals`): one :func:`money_totals` call (cached per weights), which never
    materialises the (G, O) arrays, unless the arrays exist already.
    """

    def __init__(
        self, grid: OptionGrid, inputs: MoneyInputs, ctx: MoneyContext, outputs: list[str]
    ) -> None:
        self.grid = grid
        self.inputs = inputs
        self.ctx = ctx
        self.outputs = outputs
        self._money: MoneyOutcomes | None = None
        self._irr: MoneyOutcomes | None = None
        self._totals: tuple[np.ndarray, dict[str, np.ndarray]] | None = None

    def release(self) -> None:
        self._money = self._irr = None
        self._totals = None

    def _outcomes(self, outputs: list[str]) -> MoneyOutcomes:
        ctx = self.ctx
        return money_outcomes(
            self.inputs,
            ctx.tariffs,
            ctx.settings,
            ctx.params,
            rent_tariffs=ctx.rent_tariffs,
            outputs=outputs,
        )

    def array(self, name: str) -> np.ndarray:
        if name == "irr":
            if self._irr is None:
                self._irr = self._outcomes(["irr"])
            return self.grid.to_options(self._irr.irr)
        if self._money is None:
            self._money = self._outcomes(
                [n for n in self.outputs if n != "irr"] or ["bill_year1_eur"]
            )
        return self.grid.to_options(getattr(self._money, name))

    def totals(self, name: str, weights: np.ndarray) -> np.ndarray:
        if self._money is not None or name not in SUMMABLE_OUTPUTS:
            return weights @ self.array(name)
        if self._totals is None or not np.array_equal(self._totals[0], weights):
            ctx = self.ctx
            totals = money_totals(
                weights,
                self.inputs,
                ctx.tariffs,
                ctx.settings,
                ctx.params,
                rent_tariffs=ctx.rent_tariffs,
                outputs=[n for n in self.outputs if n in SUMMABLE_OUTPUTS],
            )
            self._totals = (np.array(weights, dtype=float), totals)
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

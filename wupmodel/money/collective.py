"""Annual costs of the collective assets: heat-network source and main, LV-grid reinforcement,
solar park.

One place for the economics that the village summary (:mod:`wupmodel.village`) and the
optimiser (:meth:`wupmodel.optimise.problem.OptimiseSettings.from_params`) both charge. Every
investment is annualised like the dwellings' own national costs
(:func:`wupmodel.money.finance.equivalent_annual_cost`: replacements within the horizon, linear
residual value at its end, the social discount rate), so the optimiser's national cost of a
plan and the summary's agree. The annual cost is linear in the investment, so a unit cost per
asset (per zone, per substation, per dwelling, per kWp) times the number of units is exact.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from wupmodel.money.finance import capital_recovery_factor, equivalent_annual_cost
from wupmodel.params import Params


@dataclass(frozen=True)
class CollectiveUnitCosts:
    """National annual cost (EUR/yr, excl. VAT) of one unit of each collective asset.

    Attributes
    ----------
    heat_network_source_eur_per_yr
        One heat-network source (fixed investment per zone, PBL Vesta WKO/TEO kentallen) with
        its O&M.
    heat_network_main_eur_per_yr_per_dwelling
        The distribution main in the street per zone dwelling, with its O&M.
    substation_eur_per_yr
        One new MV/LV substation.
    substation_kw
        Capacity one substation adds (kW).
    lv_cable_eur_per_yr_per_dwelling
        LV cable reinforcement per dwelling of a reinforced grid zone.
    solar_park_eur_per_yr_per_kwp
        Solar park per kWp, with its O&M.
    """

    heat_network_source_eur_per_yr: float
    heat_network_main_eur_per_yr_per_dwelling: float
    substation_eur_per_yr: float
    substation_kw: float
    lv_cable_eur_per_yr_per_dwelling: float
    solar_park_eur_per_yr_per_kwp: float


def collective_unit_costs(
    params: Params, horizon_years: int, social_rate: float | None = None
) -> CollectiveUnitCosts:
    """The annual cost of each collective asset's unit over the horizon at the social rate.

    Parameters
    ----------
    params
        Parameters with the ``collective.*`` and ``finance.*`` ids (sources in ``wupmodel params``).
    horizon_years
        Appraisal horizon (yr), the scenario's.
    social_rate
        Discount rate; default ``finance.social_discount_rate``.
    """
    p = params
    rate = p["finance.social_discount_rate"] if social_rate is None else social_rate

    def annual(investment_eur: float, lifetime_years: float, om_share: float = 0.0) -> float:
        return float(
            equivalent_annual_cost(
                investment_eur,
                lifetime_years,
                horizon_years,
                rate,
                annual_cost=investment_eur * om_share,
            )
        )

    hn_life = p["collective.heat_network.lifetime_yr"]
    main_eur = main_eur_per_zone_dwelling(p)
    grid_life = p["finance.grid_asset_lifetime_years"]
    return CollectiveUnitCosts(
        heat_network_source_eur_per_yr=annual(
            p["collective.heat_network.source_fixed_eur"],
            hn_life,
            p["collective.heat_network.source_om_share"],
        ),
        heat_network_main_eur_per_yr_per_dwelling=annual(
            main_eur, hn_life, p["collective.heat_network.main_om_share"]
        ),
        substation_eur_per_yr=annual(p["finance.mv_lv_substation_eur"], grid_life),
        substation_kw=p["finance.mv_lv_substation_kw"],
        lv_cable_eur_per_yr_per_dwelling=annual(
            p["finance.lv_cable_reinforcement_eur_m"] * p["collective.grid.cable_m_per_dwelling"],
            grid_life,
        ),
        solar_park_eur_per_yr_per_kwp=annual(
            p["collective.solar_park.capex_eur_per_kwp"],
            p["collective.solar_park.lifetime_yr"],
            p["collective.solar_park.om_share"],
        ),
    )


# --------------------------------------------------------------------------------------------
# One heat network: the function the village summary, the optimiser, the cooperative's case
# and the households' cost-based tariff (Wcw) all take their heat-network costs from.
# --------------------------------------------------------------------------------------------
def main_eur_per_zone_dwelling(params: Params) -> float:
    """The distribution main in the street per dwelling of the zone, excl. VAT (EUR)."""
    p = params
    return (
        p["collective.heat_network.main_eur_per_m"]
        * p["collective.heat_network.detour_factor"]
        * p["collective.heat_network.main_m_per_dwelling"]
    )


def diversity_factor(params: Params, connections: float) -> float:
    """Network diversity f = base + (1 - base) / n of ``connections`` connections (1 for one)."""
    base = params["coop.heat_network.diversity_base"]
    return base + (1.0 - base) / max(float(connections), 1.0)


def owner_rate(params: Params, ownership: str = "public_majority") -> float:
    """Yearly cost of the network owners' capital: under the Wcw a public majority
    (``collective.heat_network.public_share`` at the public rate, the rest at the private
    return); ``"private"`` = the private return alone."""
    p = params
    if ownership == "private":
        return float(p["collective.heat_network.private_rate"])
    share = p["collective.heat_network.public_share"]
    return float(
        share * p["collective.heat_network.public_rate"]
        + (1.0 - share) * p["collective.heat_network.private_rate"]
    )


@dataclass(frozen=True)
class HeatNetworkCosts:
    """What one heat network costs (EUR excl. VAT), by part, and its heat.

    Attributes
    ----------
    zone_dwellings, connections
        Dwellings along the main, and those connected.
    main_eur, source_eur, service_eur
        Investment in the main (every street of the zone), the source (fixed part plus a part
        per kW of the diversified design load) and the service pipes and substations.
    source_om_share, network_om_share
        Yearly O&M as shares of the source and of the pipes (main and service).
    life_years
        Life of the network's assets (annualisation).
    heat_gj
        Heat delivered per year (GJ/yr).
    heat_cost_eur_per_gj
        Production cost per GJ delivered per year (losses included), (Y,).
    """

    zone_dwellings: float
    connections: float
    main_eur: float
    source_eur: float
    service_eur: float
    source_om_share: float
    network_om_share: float
    life_years: float
    heat_gj: float
    heat_cost_eur_per_gj: np.ndarray

    @property
    def capex_eur(self) -> float:
        """Total investment (EUR)."""
        return self.main_eur + self.source_eur + self.service_eur

    @property
    def om_eur_per_yr(self) -> float:
        """Yearly O&M of the built network (EUR/yr)."""
        return self.source_om_share * self.source_eur + self.network_om_share * (
            self.main_eur + self.service_eur
        )

    def fixed_eur_per_yr(self, rate: float, deductions_eur: float = 0.0) -> float:
        """Capital (an annuity at ``rate`` over the assets' life of the investment less
        ``deductions_eur``: subsidies and connection fees) plus O&M (EUR/yr)."""
        crf = float(capital_recovery_factor(rate, self.life_years))
        return crf * (self.capex_eur - deductions_eur) + self.om_eur_per_yr

    def annual_cost_per_connection(self, rate: float, deductions_eur: float = 0.0) -> np.ndarray:
        """The network's whole yearly cost per connection, heat included (EUR/yr), (Y,)."""
        heat = self.heat_gj * np.asarray(self.heat_cost_eur_per_gj, dtype=float)
        return (self.fixed_eur_per_yr(rate, deductions_eur) + heat) / self.connections

    def cost_based_tariff(
        self, rate: float, vat: np.ndarray, deductions_eur: float = 0.0
    ) -> tuple[np.ndarray, np.ndarray]:
        """The Wcw cost-based tariff incl. VAT: a fixed charge per connection that recovers
        capital and O&M, and a price per GJ that recovers the heat's production cost.

        Returns
        -------
        (fixed EUR/yr, price EUR/GJ), each (Y,): fixed + price x heat per connection equals
        :meth:`annual_cost_per_connection` times (1 + VAT).
        """
        v1 = 1.0 + np.asarray(vat, dtype=float)
        fixed = v1 * self.fixed_eur_per_yr(rate, deductions_eur) / self.connections
        return fixed, v1 * np.asarray(self.heat_cost_eur_per_gj, dtype=float)


def heat_network_costs(
    params: Params,
    *,
    zone_dwellings: float,
    connections: float,
    design_load_kw: float,
    heat_gj: float,
    heat_cost_eur_per_gj: np.ndarray,
) -> HeatNetworkCosts:
    """One zone's heat network from the packaged (or scenario) parameters.

    Parameters
    ----------
    params
        ``collective.heat_network.*`` and ``coop.heat_network.*`` parameters.
    zone_dwellings
        Dwellings along the main (the main runs past all of them).
    connections
        Dwellings connected (> 0).
    design_load_kw
        Summed design heat load of the connections (kW), diversified here.
    heat_gj
        Heat delivered per year (GJ/yr).
    heat_cost_eur_per_gj
        Production cost per GJ delivered per year (:mod:`wupmodel.money.heat_supply`).

    Returns
    -------
    HeatNetworkCosts
    """
    p = params
    n = max(float(connections), 0.0)
    source = 0.0
    if n > 0:
        source = p["collective.heat_network.source_fixed_eur"] + p[
            "coop.heat_network.source_eur_per_kw"
        ] * diversity_factor(p, n) * float(design_load_kw)
    return HeatNetworkCosts(
        zone_dwellings=float(zone_dwellings),
        connections=n,
        main_eur=main_eur_per_zone_dwelling(p) * float(zone_dwellings),
        source_eur=source,
        service_eur=p["coop.heat_network.service_connection_eur"] * n,
        source_om_share=p["collective.heat_network.source_om_share"],
        network_om_share=p["collective.heat_network.main_om_share"],
        life_years=p["collective.heat_network.lifetime_yr"],
        heat_gj=float(heat_gj),
        heat_cost_eur_per_gj=np.asarray(heat_cost_eur_per_gj, dtype=float),
    )


def reference_network(params: Params, heat_cost_eur_per_gj: np.ndarray) -> HeatNetworkCosts:
    """The reference village network whose cost-based tariff the households pay
    (``collective.heat_network.reference_*``: connections, participation, load, heat)."""
    p = params
    n = p["collective.heat_network.reference_connections"]
    return heat_network_costs(
        p,
        zone_dwellings=n / p["collective.heat_network.reference_participation"],
        connections=n,
        design_load_kw=n * p["collective.heat_network.reference_design_load_kw"],
        heat_gj=n * p["collective.heat_network.reference_heat_gj"],
        heat_cost_eur_per_gj=heat_cost_eur_per_gj,
    )


def wis_eur_per_connection(params: Params, connections: float, enabled: bool = True) -> float:
    """The WIS per connection a network of ``connections`` receives (0 below the minimum)."""
    if not enabled or connections < params["subsidy.wis_min_connections"]:
        return 0.0
    return float(params["coop.subsidy.wis_eur_per_connection"])

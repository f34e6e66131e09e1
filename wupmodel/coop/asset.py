"""The cooperative's assets, built from the model's own parameters and paths.

A **heat network** of one zone: the distribution main along every street of the zone (the
``collective.heat_network.*`` main cost per zone dwelling that the optimiser charges per zone),
the collective source (``collective.heat_network.source_fixed_eur`` plus a part per kW of the
connections' diversified design load), a service pipe and substation per connection, their O&M
(the ``collective.*`` shares) -- the parts of :class:`~wupmodel.money.collective.HeatNetworkCosts`
that the village summary, the optimiser and the households' cost-based tariff share -- and the
heat bought at the production cost per GJ delivered of the zone's source
(``heat_networks.zone_sources``, else the ``heat_production_eur_gj`` path of the MT source, or
for an LT network the LT source's at the LT network's losses: :func:`heat_cost_path`); the
WIS per connection from ``subsidy.wis_min_connections`` connections. Revenue: the tariff (incl.
VAT as published, here excl. VAT) and the connection fees; the design load per dwelling is the
model's own (the heat-pump capacity at the design temperature of the dwelling's insulation
level, ``capacity_kw``).

A **solar park**: ``collective.solar_park.*`` capex, yield, O&M and life, sold at a price per kWh
(SDE++ or feed-in).

Everything here is in EUR excl. VAT; the kernel (:mod:`wupmodel.coop.cashflow`) takes the
:class:`~wupmodel.coop.cashflow.ProjectYears` these functions build.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray

from wupmodel.coop.cashflow import ProjectYears
from wupmodel.coop.inputs import CoopInputs
from wupmodel.errors import WupInputError
from wupmodel.money.collective import HeatNetworkCosts, main_eur_per_zone_dwelling
from wupmodel.money.tariffs import TariffPaths
from wupmodel.params import Params

FloatArray = NDArray[np.float64]


def year_path(series: FloatArray, n_years: int) -> FloatArray:
    """A price path on the business case's years t = 0 .. n (index t = year start + t), held
    constant after its last year."""
    s = np.asarray(series, dtype=float)
    idx = np.minimum(np.arange(n_years + 1), s.size - 1)
    return s[idx]


def operating_share(phasing: tuple[float, ...], n_years: int) -> FloatArray:
    """Share of the connections in operation in each year: those built by the end of the year
    before (t = 0 is construction)."""
    built = np.cumsum(np.r_[phasing, np.zeros(max(n_years + 1 - len(phasing), 0))])[: n_years + 1]
    return np.r_[0.0, np.minimum(built[:-1], 1.0)]


def by_phasing(total: float, phasing: tuple[float, ...], n_years: int) -> FloatArray:
    """``total`` spread over the construction years."""
    out = np.zeros(n_years + 1)
    w = np.asarray(phasing, dtype=float)[: n_years + 1]
    out[: w.size] = total * w
    return out


def heat_cost_path(zone: str, tariffs: TariffPaths, network: str = "heat_network_mt") -> FloatArray:
    """Production cost of the heat a zone's network sells, EUR per GJ delivered per scenario year.

    The zone's own source (``heat_networks.zone_sources``) when it has one; else on an MT network
    the MT source's cost as the paths hold it (``heat_production_eur_gj``, overrides kept), on an
    LT network the LT source's, delivered at ``heatnet.lt_loss_share``: that path moved by the
    LT source's cost less the MT source's, as the money stage builds the LT tariff from it
    (:func:`wupmodel.money.tariff_paths`).
    """
    supply = tariffs.heat
    if supply is not None and str(zone) in supply.zones:
        return supply.zones[str(zone)].cost_eur_per_gj_delivered
    mt = np.asarray(tariffs.heat_production_eur_gj, dtype=float)
    if network != "heat_network_lt":
        return mt
    if supply is None:
        raise WupInputError(
            "an LT cooperative network needs the tariff paths' heat supply (the LT source's"
            " cost); build them with wupmodel.money.tariff_paths"
        )
    return mt + (supply.lt.cost_eur_per_gj_delivered - supply.mt.cost_eur_per_gj_delivered)


@dataclass(frozen=True)
class HeatNetworkAsset:
    """The unit costs of one zone's heat network (EUR excl. VAT) and the paths it runs on.

    Attributes
    ----------
    zone
        Zone name.
    zone_dwellings
        Dwellings in the zone (the main runs along all their streets).
    main_eur
        Investment in the distribution main (fixed for the zone).
    source_fixed_eur, source_eur_per_kw
        Source investment: fixed part, and per kW of diversified design load.
    diversity_base
        Diversity factor f = base + (1 - base) / n.
    service_eur_per_connection
        Service pipe and substation per connection.
    source_om_share, network_om_share
        Yearly O&M as shares of the source and of the pipes (main and service).
    life_years
        Asset life (depreciation, replacement).
    heat_cost_eur_per_gj
        Heat purchase (production) cost per GJ sold, per year t = 0 .. H: the zone's source
        (``heat_networks.zone_sources``, else the network type's source) per GJ delivered.
    vat
        VAT rate per year t = 0 .. H (tariffs are published incl. VAT).
    wis_min_connections
        Fewest connections for the WIS (``subsidy.wis_min_connections``).
    """

    zone: str
    zone_dwellings: float
    main_eur: float
    source_fixed_eur: float
    source_eur_per_kw: float
    diversity_base: float
    service_eur_per_connection: float
    source_om_share: float
    network_om_share: float
    life_years: float
    heat_cost_eur_per_gj: FloatArray
    vat: FloatArray
    wis_min_connections: float = 0.0

    @classmethod
    def from_params(
        cls,
        zone: str,
        zone_dwellings: float,
        params: Params,
        tariffs: TariffPaths,
        horizon_years: int,
        network: str = "heat_network_mt",
    ) -> HeatNetworkAsset:
        """The zone's network from the packaged (or scenario) parameters and price paths;
        ``network`` ``heat_network_lt`` buys the LT source's heat (:func:`heat_cost_path`)."""
        p = params
        return cls(
            zone=zone,
            zone_dwellings=float(zone_dwellings),
            main_eur=float(main_eur_per_zone_dwelling(p) * zone_dwellings),
            source_fixed_eur=float(p["collective.heat_network.source_fixed_eur"]),
            source_eur_per_kw=float(p["coop.heat_network.source_eur_per_kw"]),
            diversity_base=float(p["coop.heat_network.diversity_base"]),
            service_eur_per_connection=float(p["coop.heat_network.service_connection_eur"]),
            source_om_share=float(p["collective.heat_network.source_om_share"]),
            network_om_share=float(p["collective.heat_network.main_om_share"]),
            life_years=float(p["collective.heat_network.lifetime_yr"]),
            heat_cost_eur_per_gj=year_path(heat_cost_path(zone, tariffs, network), horizon_years),
            vat=year_path(tariffs.vat, horizon_years),
            wis_min_connections=float(p["subsidy.wis_min_connections"]),
        )

    def diversity(self, connections: float) -> float:
        """Diversity factor of ``connections`` connections (1 for one)."""
        n = max(float(connections), 1.0)
        return self.diversity_base + (1.0 - self.diversity_base) / n

    def costs(self, connections: float, design_load_kw: float, heat_gj: float = 0.0):
        """The network as :class:`~wupmodel.money.collective.HeatNetworkCosts`, the one
        description of a heat network's costs the village summary, the optimiser and the
        households' cost-based tariff share."""
        n = max(float(connections), 0.0)
        source = 0.0
        if n > 0:
            source = self.source_fixed_eur + self.source_eur_per_kw * self.diversity(n) * float(
                design_load_kw
            )
        return HeatNetworkCosts(
            zone_dwellings=self.zone_dwellings,
            connections=n,
            main_eur=self.main_eur,
            source_eur=source,
            service_eur=self.service_eur_per_connection * n,
            source_om_share=self.source_om_share,
            network_om_share=self.network_om_share,
            life_years=self.life_years,
            heat_gj=float(heat_gj),
            heat_cost_eur_per_gj=self.heat_cost_eur_per_gj,
        )

    def capex_parts_eur(self, connections: float, design_load_kw: float) -> dict[str, float]:
        """Investment by part for ``connections`` connections with a summed design load."""
        c = self.costs(connections, design_load_kw)
        return {"main": c.main_eur, "source": c.source_eur, "service_connections": c.service_eur}

    def fixed_om_eur_per_yr(self, parts: dict[str, float]) -> float:
        """Yearly O&M of the built network."""
        return self.source_om_share * parts["source"] + self.network_om_share * (
            parts["main"] + parts["service_connections"]
        )

    def cost_per_connection_eur_per_yr(
        self, connections: float, design_load_kw: float, rate: float, horizon_years: int
    ) -> float:
        """Fixed cost per connection (EUR/yr): the investment as an annuity at ``rate`` over the
        horizon plus the fixed O&M, divided by the connections (heat purchase excluded)."""
        if connections <= 0:
            return float("inf")
        c = replace(self.costs(connections, design_load_kw), life_years=float(horizon_years))
        return c.fixed_eur_per_yr(rate) / connections

    def years(
        self,
        *,
        connections: float,
        heat_gj: float,
        design_load_kw: float,
        tariff_fixed_eur_per_yr: FloatArray,
        tariff_eur_per_gj: FloatArray,
        connection_fee_eur: float,
        inputs: CoopInputs,
    ) -> ProjectYears:
        """The network's drivers per year t = 0 .. H.

        Parameters
        ----------
        connections, heat_gj, design_load_kw
            Connections when built, their heat sold per year (GJ/yr) and summed design load (kW).
        tariff_fixed_eur_per_yr, tariff_eur_per_gj
            Tariff incl. VAT per year t = 0 .. H (or scalars).
        connection_fee_eur
            One-off fee incl. VAT per connection.
        inputs
            Horizon, phasing, subsidies.
        """
        h = inputs.horizon_years
        w = inputs.build_phasing
        parts = self.capex_parts_eur(connections, design_load_kw)
        total = sum(parts.values())
        capex = by_phasing(total, w, h)
        # replacements at the end of each part's life when it ends before the horizon does (no
        # residual value is counted for a late replacement)
        life = max(int(round(self.life_years)), 1)
        for b, share in enumerate(w):
            for t in range(b + life, h, life):
                capex[t] += total * share
        running = operating_share(w, h)
        vat1 = 1.0 + self.vat
        fixed = np.broadcast_to(np.asarray(tariff_fixed_eur_per_yr, dtype=float), (h + 1,))
        per_gj = np.broadcast_to(np.asarray(tariff_eur_per_gj, dtype=float), (h + 1,))
        revenue = running * (connections * fixed + heat_gj * per_gj) / vat1
        opex = running * (self.fixed_om_eur_per_yr(parts) + heat_gj * self.heat_cost_eur_per_gj)
        fees = by_phasing(connections * connection_fee_eur / vat1[0], w, h)
        wis = inputs.wis_eur_per_connection if connections >= self.wis_min_connections else 0.0
        grants = by_phasing(connections * wis, w, h)
        grants[0] += inputs.provincial_grant_eur
        return ProjectYears(
            capex_eur=capex,
            revenue_eur=revenue,
            opex_eur=opex,
            connection_fees_eur=fees,
            grants_eur=grants,
            depreciation_years=self.life_years,
        )


@dataclass(frozen=True)
class SolarParkAsset:
    """A cooperative solar park (EUR excl. VAT).

    Attributes
    ----------
    kwp
        Size (kWp).
    capex_eur_per_kwp, yield_kwh_per_kwp, om_share, life_years
        ``collective.solar_park.*``.
    price_eur_per_kwh
        Revenue per kWh excl. VAT per year t = 0 .. H: SDE++ base amount, feed-in or member
        supply price.
    """

    kwp: float
    capex_eur_per_kwp: float
    yield_kwh_per_kwp: float
    om_share: float
    life_years: float
    price_eur_per_kwh: FloatArray

    @classmethod
    def from_params(
        cls, kwp: float, price_eur_per_kwh: FloatArray, params: Params
    ) -> SolarParkAsset:
        p = params
        return cls(
            kwp=float(kwp),
            capex_eur_per_kwp=float(p["collective.solar_park.capex_eur_per_kwp"]),
            yield_kwh_per_kwp=float(p["collective.solar_park.yield_kwh_per_kwp"]),
            om_share=float(p["collective.solar_park.om_share"]),
            life_years=float(p["collective.solar_park.lifetime_yr"]),
            price_eur_per_kwh=np.asarray(price_eur_per_kwh, dtype=float),
        )

    def years(self, inputs: CoopInputs, price_eur_per_kwh: float | None = None) -> ProjectYears:
        """The park's drivers per year; no replacement within its life, nothing after it."""
        h = inputs.horizon_years
        w = inputs.build_phasing
        capex_total = self.kwp * self.capex_eur_per_kwp
        running = operating_share(w, h)
        t = np.arange(h + 1)
        running = np.where(t <= int(round(self.life_years)) + len(w) - 1, running, 0.0)
        price = self.price_eur_per_kwh if price_eur_per_kwh is None else price_eur_per_kwh
        revenue = running * self.kwp * self.yield_kwh_per_kwp * price
        opex = running * self.om_share * capex_total
        grants = np.zeros(h + 1)
        grants[0] = inputs.provincial_grant_eur
        return ProjectYears(
            capex_eur=by_phasing(capex_total, w, h),
            revenue_eur=revenue,
            opex_eur=opex,
            connection_fees_eur=np.zeros(h + 1),
            grants_eur=grants,
            depreciation_years=self.life_years,
        )

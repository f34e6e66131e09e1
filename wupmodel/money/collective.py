"""Annual costs of the collective assets: heat-network source and main, LV-grid reinforcement,
neighbourhood battery, solar park.

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

from wupmodel.money.finance import equivalent_annual_cost
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
    battery_eur_per_yr
        One neighbourhood battery at a grid zone's substation, with its O&M.
    battery_kw, battery_kwh, battery_round_trip_efficiency
        Its power (the peak it shaves), usable energy and round-trip efficiency.
    """

    heat_network_source_eur_per_yr: float
    heat_network_main_eur_per_yr_per_dwelling: float
    substation_eur_per_yr: float
    substation_kw: float
    lv_cable_eur_per_yr_per_dwelling: float
    solar_park_eur_per_yr_per_kwp: float
    battery_eur_per_yr: float = 0.0
    battery_kw: float = 0.0
    battery_kwh: float = 0.0
    battery_round_trip_efficiency: float = 1.0


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
    main_eur = (
        p["collective.heat_network.main_eur_per_m"]
        * p["collective.heat_network.detour_factor"]
        * p["collective.heat_network.main_m_per_dwelling"]
    )
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
        battery_eur_per_yr=annual(
            p["collective.neighbourhood_battery.capex_eur_per_kwh"]
            * p["collective.neighbourhood_battery.energy_kwh"],
            p["collective.neighbourhood_battery.lifetime_yr"],
            p["collective.neighbourhood_battery.om_share"],
        ),
        battery_kw=p["collective.neighbourhood_battery.power_kw"],
        battery_kwh=p["collective.neighbourhood_battery.energy_kwh"],
        battery_round_trip_efficiency=p["collective.neighbourhood_battery.round_trip_efficiency"],
    )

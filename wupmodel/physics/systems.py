"""Heating systems: energy use, electric peak, feasibility and investment per dwelling × level × system.

Systems (``vocabulary.HEATING_SYSTEMS``), all meeting the calibrated space heat and hot water:

``gas_boiler``
    HR boiler (space 1.04, hot water 0.72 on LHV) plus a little auxiliary electricity.
``hybrid_hp``
    Air/water heat pump sized at ``hp.hybrid_capacity_share`` of the design load (at least
    ``hp.hybrid_min_kw``) next to the existing boiler; bin method over the Drenthe climate: the
    heat pump covers the load up to its capacity while its COP ≥ ``hp.hybrid_switch_cop``; the
    boiler does the rest and all hot water. Peak = its largest electric input.
``air_hp``
    All-electric air/water heat pump sized at 100 % of the design load (colder hours than the
    design temperature use the built-in electric backup, COP ≥ ``hp.cop_floor``); hot water at
    the Vesta SPF. Needs a meter-cupboard upgrade, LT emitter works where the dwelling needs
    more than ``hp.lt_ready_supply_temp_c``; infeasible above ``hp.max_supply_temp_c``.
``ground_hp``
    As ``air_hp`` with the brine/water fit and a brine temperature; not for high-rise
    apartments (no room for individual boreholes).
``heat_network_mt``
    Delivery set, in-house piping, connection fee; heat = (space + hot water) / delivery
    efficiency; no gas; feasible everywhere (zones are checked by the caller).
``heat_network_lt``
    As MT, but only where the dwelling needs no more than the LT supply temperature (no emitter
    works: where the need is above it the option is infeasible); tap water by a booster heat
    pump drawing on the network (COP ``physics.heatnet_booster_cop``).

Cooking gas is not modelled (the ``gas_m3`` here is space heat and hot water only).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from wupmodel.params import Params
from wupmodel.physics.demand import GJ_TO_KWH, BuildingResponse
from wupmodel.physics.heatpump import interp_supply, interp_supply_capacity, seasonal_tables
from wupmodel.vocabulary import DWELLING_TYPES, HEATING_SYSTEMS

__all__ = ["SystemResponse", "heating_systems"]

_H = {name: i for i, name in enumerate(HEATING_SYSTEMS)}
_HIGH_RISE = np.array([t == "meergezins_hoog" for t in DWELLING_TYPES])
_APARTMENT = np.array([t.startswith("meergezins") for t in DWELLING_TYPES])


@dataclass(frozen=True)
class SystemResponse:
    """Per dwelling × insulation level × heating system, arrays of shape (n, L, H), H = 6.

    Attributes
    ----------
    gas_m3
        Natural gas for space heat and hot water [m³/yr] (cooking not modelled).
    electricity_kwh
        Electricity for heating and hot water incl. auxiliaries and boosters [kWh/yr];
        excludes appliances.
    heat_gj
        Heat bought from a heat network, metered at the delivery set [GJ/yr].
    peak_kw
        Electric peak for heating at the design temperature, per dwelling, before diversity [kW].
    feasible
        Technical feasibility (zones are checked elsewhere).
    capex_eur
        Heating-system investment incl. VAT, before subsidy [€].
    capacity_kw
        Heat-pump thermal capacity [kW]; 0 where none.
    seasonal_cop
        SCOP for space heating where a heat pump heats the dwelling; NaN elsewhere.
    heat_pump_share
        Share of space heat delivered by a heat pump [-].
    """

    gas_m3: np.ndarray
    electricity_kwh: np.ndarray
    heat_gj: np.ndarray
    peak_kw: np.ndarray
    feasible: np.ndarray
    capex_eur: np.ndarray
    capacity_kw: np.ndarray
    seasonal_cop: np.ndarray
    heat_pump_share: np.ndarray


def heating_systems(building: BuildingResponse, dwelling_type: np.ndarray, params: Params) -> SystemResponse:
    """Energy, peak, feasibility and cost of each heating system at each insulation level.

    Parameters
    ----------
    building
        Output of :func:`~wupmodel.physics.demand.building_response`.
    dwelling_type
        Integer codes into ``vocabulary.DWELLING_TYPES``, shape (n,).
    params
        Parameters (``hp.*``, ``physics.*``, ``cost.*``).

    Returns
    -------
    SystemResponse
    """
    p = params
    tables = seasonal_tables(p)
    space = np.asarray(building.space_heat_kwh, dtype=float)  # (n, L)
    n, n_lev = space.shape
    dhw = np.asarray(building.hot_water_kwh, dtype=float)[:, None] * np.ones((1, n_lev))
    load = np.asarray(building.design_heat_load_kw, dtype=float)
    supply = np.asarray(building.supply_temp_c, dtype=float)
    dtype = np.asarray(dwelling_type, dtype=np.int64)
    high_rise = _HIGH_RISE[dtype][:, None]
    apartment = _APARTMENT[dtype][:, None]
    m3_per_kwh = 3.6 / p["physics.gas_lhv_mj_m3"]
    eta_sh, eta_dhw = p["physics.boiler_efficiency_space"], p["physics.boiler_efficiency_dhw"]
    aux = p["physics.boiler_aux_kwh"]

    shape = (n, n_lev, len(HEATING_SYSTEMS))
    gas = np.zeros(shape)
    elec = np.zeros(shape)
    heat = np.zeros(shape)
    peak = np.zeros(shape)
    feasible = np.ones(shape, dtype=bool)
    capex = np.zeros(shape)
    capacity = np.zeros(shape)
    scop = np.full(shape, np.nan)
    share = np.zeros(shape)
    boiler_gas_dhw = dhw / eta_dhw * m3_per_kwh

    # Gas boiler (reference).
    g = _H["gas_boiler"]
    gas[..., g] = space / eta_sh * m3_per_kwh + boiler_gas_dhw
    elec[..., g] = aux
    capex[..., g] = p["cost.gas_boiler_eur"]

    # Hybrid heat pump next to the existing boiler.
    h = _H["hybrid_hp"]
    cap = np.maximum(p["hp.hybrid_capacity_share"] * load, p["hp.hybrid_min_kw"])
    cap_share = np.where(load > 0, cap / np.maximum(load, 1e-9), 1.0)
    hp_share, hp_scop, hp_peak = interp_supply_capacity(
        (tables.hybrid_share, tables.hybrid_scop, tables.hybrid_peak_frac), supply, cap_share)
    gas[..., h] = space * (1.0 - hp_share) / eta_sh * m3_per_kwh + boiler_gas_dhw
    elec[..., h] = space * hp_share / hp_scop + aux
    peak[..., h] = hp_peak * load
    capex[..., h] = p["cost.hybrid_hp_fixed_eur"] + p["cost.hybrid_hp_per_kw_eur"] * cap
    capacity[..., h] = cap
    scop[..., h] = np.where(hp_share > 0, hp_scop, np.nan)
    share[..., h] = hp_share

    # All-electric heat pumps: LT emitter works bring the need down to the LT-ready temperature.
    lt_ready = p["hp.lt_ready_supply_temp_c"]
    needs_emitters = supply > lt_ready
    operating = np.minimum(supply, lt_ready)
    emitters = np.where(needs_emitters, np.where(apartment, p["cost.lt_emitters_high_rise_eur"],
                                                 p["cost.lt_emitters_low_rise_eur"]), 0.0)
    meter = np.where(apartment, p["cost.meter_cupboard_high_rise_eur"], p["cost.meter_cupboard_low_rise_eur"])
    electric_ok = supply <= p["hp.max_supply_temp_c"]
    for name, table_scop, table_cop_d, spf_dhw, fixed, per_kw in (
        ("air_hp", tables.scop_air, tables.cop_air_design, p["hp.air_dhw_spf"],
         p["cost.air_hp_fixed_eur"], p["cost.air_hp_per_kw_eur"]),
        ("ground_hp", tables.scop_ground, tables.cop_ground_design, p["hp.ground_dhw_spf"],
         p["cost.ground_hp_fixed_eur"], p["cost.ground_hp_per_kw_eur"]),
    ):
        k = _H[name]
        s = interp_supply(table_scop, operating)
        elec[..., k] = space / s + dhw / spf_dhw
        peak[..., k] = load / interp_supply(table_cop_d, operating)
        capex[..., k] = fixed + per_kw * load + meter + emitters
        capacity[..., k] = load
        scop[..., k] = s
        share[..., k] = 1.0
        feasible[..., k] = electric_ok
    feasible[..., _H["ground_hp"]] &= ~high_rise

    # Heat networks.
    delivery = p["physics.heatnet_delivery_efficiency"]
    inhouse = np.where(apartment, p["cost.heatnet_inhouse_high_rise_eur"], p["cost.heatnet_inhouse_low_rise_eur"])
    connect = p["cost.heatnet_delivery_set_eur"] + inhouse + p["cost.heatnet_connection_fee_eur"]
    mt = _H["heat_network_mt"]
    heat[..., mt] = (space + dhw) / delivery / GJ_TO_KWH
    capex[..., mt] = connect
    lt = _H["heat_network_lt"]
    cop_boost = p["physics.heatnet_booster_cop"]
    heat[..., lt] = (space + dhw * (1.0 - 1.0 / cop_boost)) / delivery / GJ_TO_KWH
    elec[..., lt] = dhw / cop_boost
    peak[..., lt] = p["physics.heatnet_booster_peak_kw"]
    capex[..., lt] = connect + p["cost.heatnet_booster_eur"]
    feasible[..., lt] = supply <= p["physics.heatnet_lt_supply_temp_c"]

    return SystemResponse(
        gas_m3=gas,
        electricity_kwh=elec,
        heat_gj=heat,
        peak_kw=peak,
        feasible=feasible,
        capex_eur=capex,
        capacity_kw=capacity,
        seasonal_cop=scop,
        heat_pump_share=share,
    )

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
    All-electric air/water heat pump (Carnot model fitted to Keymark, :mod:`heatpump`) covering
    ``hp.design_cover_share`` of the design load at the design temperature; an electric backup
    heater covers the rest, in the yearly electricity and the peak. Hot water at the Vesta SPF.
    Needs a meter-cupboard upgrade and LT emitter works (:mod:`emitters`) where the existing
    emitters need more than ``hp.lt_ready_supply_temp_c``; feasibility is judged after the
    works: infeasible (reason ``supply_above_limit_after_lt_emitters``) where the dwelling then
    still needs more than ``hp.max_supply_temp_c``.
``ground_hp``
    As ``air_hp`` with the brine/water model and a brine temperature; not for high-rise
    apartments (reason ``no_room_for_boreholes``).
``heat_network_mt``
    Delivery set, in-house piping, connection fee; heat = (space + hot water) / delivery
    efficiency; no gas; feasible everywhere (zones are checked by the caller).
``heat_network_lt``
    As MT, with LT emitter works where the existing emitters need more than the LT supply
    temperature ``physics.heatnet_lt_supply_temp_c``; infeasible where the need after the works
    is still above it. Tap water by a booster heat pump drawing on the network (COP
    ``physics.heatnet_booster_cop``).

Cooking gas is not modelled (the ``gas_m3`` here is space heat and hot water only).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from wupmodel.params import Params
from wupmodel.physics._memo import per_params
from wupmodel.physics.demand import GJ_TO_KWH, BuildingResponse
from wupmodel.physics.emitters import lt_emitter_works
from wupmodel.physics.heatpump import (
    SeasonalTables,
    interp_supply_capacity,
    interp_supply_many,
    seasonal_tables,
)
from wupmodel.vocabulary import DWELLING_TYPES, HEATING_SYSTEMS

__all__ = ["SystemResponse", "heating_systems", "hot_water_energy_per_kwh", "REASONS"]

#: Why an option is infeasible, by code (0 = feasible). evaluate() adds the zone and roof codes.
REASONS: tuple[str, ...] = (
    "",
    "supply_above_limit_after_lt_emitters",
    "no_room_for_boreholes",
    "outside_heat_network_zone",
    "no_roof_for_pv",
)

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
        Share of space heat delivered by a heat pump (its backup heater excluded) [-].
    operating_supply_c
        Design supply temperature the system runs at, after the emitter works it includes [°C].
    reason
        Code into :data:`REASONS` of why the option is infeasible (0 where feasible), int8.
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
    operating_supply_c: np.ndarray
    reason: np.ndarray


def heating_systems(
    building: BuildingResponse, dwelling_type: np.ndarray, params: Params
) -> SystemResponse:
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
    space = np.asarray(building.space_heat_kwh, dtype=float)  # (n, L)
    n, n_lev = space.shape
    dhw = np.asarray(building.hot_water_kwh, dtype=float)[:, None]  # (n, 1), broadcasts over levels
    load = np.asarray(building.design_heat_load_kw, dtype=float)
    supply = np.asarray(building.supply_temp_c, dtype=float)
    dtype = np.asarray(dwelling_type, dtype=np.int64)
    high_rise = _HIGH_RISE[dtype][:, None]
    apartment = _APARTMENT[dtype][:, None]
    m3_per_kwh = 3.6 / p["physics.gas_lhv_mj_m3"]
    eta_sh, eta_dhw = p["physics.boiler_efficiency_space"], p["physics.boiler_efficiency_dhw"]
    aux = p["physics.boiler_aux_kwh"]
    supply_lt = np.asarray(building.supply_temp_lt_emitters_c, dtype=float)
    works_hp, operating, electric_ok = lt_emitter_works(
        supply, supply_lt, p["hp.lt_ready_supply_temp_c"], p["hp.max_supply_temp_c"]
    )
    t_lt = p["physics.heatnet_lt_supply_temp_c"]
    works_lt, operating_lt, lt_ok = lt_emitter_works(supply, supply_lt, t_lt, t_lt)
    hp = _heat_pump_performance(load, supply, operating, p)
    boiler_gas_dhw = dhw / eta_dhw * m3_per_kwh

    # Hybrid heat pump next to the existing boiler (existing emitters).
    cap, hp_share, hp_scop = hp["hybrid_capacity"], hp["hybrid_share"], hp["hybrid_scop"]
    hybrid_gas = space * (1.0 - hp_share) / eta_sh * m3_per_kwh + boiler_gas_dhw

    # All-electric heat pumps and the LT network: LT emitter works where the need is above the target.
    emitter_cost = np.where(
        apartment, p["cost.lt_emitters_high_rise_eur"], p["cost.lt_emitters_low_rise_eur"]
    )
    emitters = np.where(works_hp, emitter_cost, 0.0)
    meter = np.where(
        apartment, p["cost.meter_cupboard_high_rise_eur"], p["cost.meter_cupboard_low_rise_eur"]
    )
    too_hot = np.int8(REASONS.index("supply_above_limit_after_lt_emitters"))
    electric_reason = np.where(electric_ok, np.int8(0), too_hot)
    ground_reason = np.where(
        high_rise, np.int8(REASONS.index("no_room_for_boreholes")), electric_reason
    )
    cover = p["hp.design_cover_share"]

    def electric_capex(name: str) -> np.ndarray:
        return (
            p[f"cost.{name}_fixed_eur"]
            + p[f"cost.{name}_per_kw_eur"] * cover * load
            + meter
            + emitters
        )

    # Heat networks.
    delivery = p["physics.heatnet_delivery_efficiency"]
    inhouse = np.where(
        apartment, p["cost.heatnet_inhouse_high_rise_eur"], p["cost.heatnet_inhouse_low_rise_eur"]
    )
    connect = p["cost.heatnet_delivery_set_eur"] + inhouse + p["cost.heatnet_connection_fee_eur"]
    cop_boost = p["physics.heatnet_booster_cop"]

    shape = (n, n_lev)
    return SystemResponse(
        gas_m3=_by_system(
            shape,
            float,
            gas_boiler=space / eta_sh * m3_per_kwh + boiler_gas_dhw,
            hybrid_hp=hybrid_gas,
            air_hp=0.0,
            ground_hp=0.0,
            heat_network_mt=0.0,
            heat_network_lt=0.0,
        ),
        electricity_kwh=_by_system(
            shape,
            float,
            gas_boiler=aux,
            hybrid_hp=space * hp_share / hp_scop + aux,
            air_hp=space / hp["air_scop"] + dhw / p["hp.air_dhw_spf"],
            ground_hp=space / hp["ground_scop"] + dhw / p["hp.ground_dhw_spf"],
            heat_network_mt=0.0,
            heat_network_lt=dhw / cop_boost,
        ),
        heat_gj=_by_system(
            shape,
            float,
            gas_boiler=0.0,
            hybrid_hp=0.0,
            air_hp=0.0,
            ground_hp=0.0,
            heat_network_mt=(space + dhw) / delivery / GJ_TO_KWH,
            heat_network_lt=(space + dhw * (1.0 - 1.0 / cop_boost)) / delivery / GJ_TO_KWH,
        ),
        peak_kw=_by_system(
            shape,
            float,
            gas_boiler=0.0,
            hybrid_hp=hp["hybrid_peak_frac"] * load,
            air_hp=load * hp["air_peak_frac"],
            ground_hp=load * hp["ground_peak_frac"],
            heat_network_mt=0.0,
            heat_network_lt=p["physics.heatnet_booster_peak_kw"],
        ),
        feasible=_by_system(
            shape,
            bool,
            gas_boiler=True,
            hybrid_hp=True,
            air_hp=electric_ok,
            ground_hp=electric_ok & ~high_rise,
            heat_network_mt=True,
            heat_network_lt=lt_ok,
        ),
        capex_eur=_by_system(
            shape,
            float,
            gas_boiler=p["cost.gas_boiler_eur"],
            hybrid_hp=p["cost.hybrid_hp_fixed_eur"] + p["cost.hybrid_hp_per_kw_eur"] * cap,
            air_hp=electric_capex("air_hp"),
            ground_hp=electric_capex("ground_hp"),
            heat_network_mt=connect,
            heat_network_lt=connect
            + p["cost.heatnet_booster_eur"]
            + np.where(works_lt, emitter_cost, 0.0),
        ),
        capacity_kw=_by_system(
            shape,
            float,
            gas_boiler=0.0,
            hybrid_hp=cap,
            air_hp=cover * load,
            ground_hp=cover * load,
            heat_network_mt=0.0,
            heat_network_lt=0.0,
        ),
        seasonal_cop=_by_system(
            shape,
            float,
            gas_boiler=np.nan,
            hybrid_hp=np.where(hp_share > 0, hp_scop, np.nan),
            air_hp=hp["air_scop"],
            ground_hp=hp["ground_scop"],
            heat_network_mt=np.nan,
            heat_network_lt=np.nan,
        ),
        heat_pump_share=_by_system(
            shape,
            float,
            gas_boiler=0.0,
            hybrid_hp=hp_share,
            air_hp=1.0 - hp["air_backup_share"],
            ground_hp=1.0 - hp["ground_backup_share"],
            heat_network_mt=0.0,
            heat_network_lt=0.0,
        ),
        operating_supply_c=_by_system(
            shape,
            float,
            gas_boiler=supply,
            hybrid_hp=supply,
            air_hp=operating,
            ground_hp=operating,
            heat_network_mt=supply,
            heat_network_lt=operating_lt,
        ),
        reason=_by_system(
            shape,
            np.int8,
            gas_boiler=0,
            hybrid_hp=0,
            air_hp=electric_reason,
            ground_hp=ground_reason,
            heat_network_mt=0,
            heat_network_lt=np.where(lt_ok, np.int8(0), too_hot),
        ),
    )


def _by_system(shape: tuple[int, int], dtype: type, **columns: np.ndarray | float) -> np.ndarray:
    """(n, L, H) array from one (n, L)-broadcastable value per heating system (all H named)."""
    if set(columns) != set(HEATING_SYSTEMS):
        raise ValueError(f"need a value for each of {HEATING_SYSTEMS}")
    out = np.empty((*shape, len(HEATING_SYSTEMS)), dtype=dtype)
    for name, value in columns.items():
        out[..., _H[name]] = value
    return out


@per_params
def _tables(params: Params) -> SeasonalTables:
    """The seasonal heat-pump tables, computed once per Params."""
    tables = seasonal_tables(params)
    for value in vars(tables).values():
        value.setflags(write=False)
    return tables


# The last heat-pump performance computed: (params values, params tables, load, supply, result).
_last_performance: tuple | None = None


def _heat_pump_performance(
    load: np.ndarray, supply: np.ndarray, operating: np.ndarray, params: Params
) -> dict[str, np.ndarray]:
    """Heat-pump figures per dwelling × level that depend only on design load and supply temperatures.

    ``supply`` is the need with the existing emitters (hybrid), ``operating`` the supply the
    all-electric heat pumps run at after their emitter works.

    The evaluation calls :func:`heating_systems` twice per chunk of dwellings (without and with
    a solar water heater: other hot water, same load and supply), so the last result is kept and
    reused when the load, the supply temperature (compared by value) and the Params are the
    same. The arrays are read-only; :func:`heating_systems` copies them into its output.
    """
    global _last_performance
    last = _last_performance
    if (
        last is not None
        and last[0] is params.values
        and last[1] is params.tables
        and last[2].shape == load.shape
        and last[3].shape == supply.shape
        and np.array_equal(last[2], load)
        and np.array_equal(last[3], supply)
        and np.array_equal(last[5], operating)
    ):
        return last[4]
    p = params
    tables = _tables(p)
    cap = np.maximum(p["hp.hybrid_capacity_share"] * load, p["hp.hybrid_min_kw"])
    cap_share = np.where(load > 0, cap / np.maximum(load, 1e-9), 1.0)
    hybrid_share, hybrid_scop, hybrid_peak_frac = interp_supply_capacity(
        (tables.hybrid_share, tables.hybrid_scop, tables.hybrid_peak_frac), supply, cap_share
    )
    names = (
        "air_scop",
        "air_peak_frac",
        "air_backup_share",
        "ground_scop",
        "ground_peak_frac",
        "ground_backup_share",
    )
    values = interp_supply_many(
        (
            tables.scop_air,
            tables.peak_frac_air,
            tables.backup_share_air,
            tables.scop_ground,
            tables.peak_frac_ground,
            tables.backup_share_ground,
        ),
        operating,
    )
    result = {
        "hybrid_capacity": cap,
        "hybrid_share": hybrid_share,
        "hybrid_scop": hybrid_scop,
        "hybrid_peak_frac": hybrid_peak_frac,
        **dict(zip(names, values, strict=True)),
    }
    for value in result.values():
        value.setflags(write=False)
    _last_performance = (
        params.values,
        params.tables,
        load.copy(),
        supply.copy(),
        result,
        operating.copy(),
    )
    return result


def hot_water_energy_per_kwh(params: Params) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Carrier use per kWh of hot water for each heating system, shape (H,) each.

    :func:`heating_systems` is linear in the hot-water demand with these coefficients, so a
    smaller hot-water demand (a solar water heater) changes gas, electricity and network heat by
    the reduction times them, without evaluating the systems again.

    Returns
    -------
    tuple of np.ndarray
        (gas [m³/kWh], electricity [kWh/kWh], network heat [GJ/kWh]) in ``HEATING_SYSTEMS`` order.
    """
    p = params
    m3_per_kwh = 3.6 / p["physics.gas_lhv_mj_m3"]
    boiler = m3_per_kwh / p["physics.boiler_efficiency_dhw"]
    cop_boost = p["physics.heatnet_booster_cop"]
    delivery = p["physics.heatnet_delivery_efficiency"]

    def by_system(**values: float) -> np.ndarray:
        return np.array([values.get(name, 0.0) for name in HEATING_SYSTEMS])

    gas = by_system(gas_boiler=boiler, hybrid_hp=boiler)
    elec = by_system(
        air_hp=1.0 / p["hp.air_dhw_spf"],
        ground_hp=1.0 / p["hp.ground_dhw_spf"],
        heat_network_lt=1.0 / cop_boost,
    )
    heat = (
        by_system(heat_network_mt=1.0, heat_network_lt=1.0 - 1.0 / cop_boost) / delivery / GJ_TO_KWH
    )
    return gas, elec, heat

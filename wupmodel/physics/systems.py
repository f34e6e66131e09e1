"""Heating systems: energy use, electric peak, feasibility and investment per dwelling × level ×
system.

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

from dataclasses import dataclass, fields
from typing import NamedTuple

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
    dwellings = _Dwellings.of(building, dwelling_type)
    supply_c, supply_lt_c = dwellings.supply_c, dwellings.supply_lt_c
    hp_works = _EmitterWorks(
        *lt_emitter_works(
            supply_c, supply_lt_c, p["hp.lt_ready_supply_temp_c"], p["hp.max_supply_temp_c"]
        )
    )
    t_lt_c = p["physics.heatnet_lt_supply_temp_c"]
    lt_works = _EmitterWorks(*lt_emitter_works(supply_c, supply_lt_c, t_lt_c, t_lt_c))
    hp = _heat_pump_performance(dwellings.load_kw, supply_c, hp_works.operating_c, p)
    systems = {
        **_boilers(dwellings, hp, p),
        **_all_electric_heat_pumps(dwellings, hp, hp_works, p),
        **_heat_networks(dwellings, lt_works, p),
    }
    shape = dwellings.space_kwh.shape
    return SystemResponse(
        **{
            f.name: _by_system(
                shape,
                _DTYPES.get(f.name, float),
                {name: getattr(figures, f.name) for name, figures in systems.items()},
            )
            for f in fields(SystemResponse)
        }
    )


@dataclass(frozen=True)
class _Dwellings:
    """What the heating systems need of the dwellings: (n, L) per level, (n, 1) per dwelling."""

    space_kwh: np.ndarray  # calibrated useful space heat per year, (n, L)
    hot_water_kwh: np.ndarray  # useful hot-water heat per year, (n, 1)
    load_kw: np.ndarray  # design heat load, (n, L)
    supply_c: np.ndarray  # supply temperature the existing emitters need, (n, L)
    supply_lt_c: np.ndarray  # supply temperature needed after LT emitter works, (n, L)
    high_rise: np.ndarray  # (n, 1) bool
    apartment: np.ndarray  # (n, 1) bool

    @classmethod
    def of(cls, building: BuildingResponse, dwelling_type: np.ndarray) -> _Dwellings:
        type_code = np.asarray(dwelling_type, dtype=np.int64)
        return cls(
            space_kwh=np.asarray(building.space_heat_kwh, dtype=float),
            hot_water_kwh=np.asarray(building.hot_water_kwh, dtype=float)[:, None],
            load_kw=np.asarray(building.design_heat_load_kw, dtype=float),
            supply_c=np.asarray(building.supply_temp_c, dtype=float),
            supply_lt_c=np.asarray(building.supply_temp_lt_emitters_c, dtype=float),
            high_rise=_HIGH_RISE[type_code][:, None],
            apartment=_APARTMENT[type_code][:, None],
        )


class _EmitterWorks(NamedTuple):
    """The LT emitter works of an option (:func:`~wupmodel.physics.emitters.lt_emitter_works`)."""

    done: np.ndarray  # works done, (n, L) bool
    operating_c: np.ndarray  # supply temperature the system runs at [°C], (n, L)
    feasible: np.ndarray  # that temperature within the system's limit, (n, L) bool


@dataclass(frozen=True)
class _SystemFigures:
    """One heating system's :class:`SystemResponse` fields, each broadcastable to (n, L)."""

    capex_eur: np.ndarray | float
    operating_supply_c: np.ndarray
    gas_m3: np.ndarray | float = 0.0
    electricity_kwh: np.ndarray | float = 0.0
    heat_gj: np.ndarray | float = 0.0
    peak_kw: np.ndarray | float = 0.0
    feasible: np.ndarray | bool = True
    capacity_kw: np.ndarray | float = 0.0
    seasonal_cop: np.ndarray | float = np.nan
    heat_pump_share: np.ndarray | float = 0.0
    reason: np.ndarray | int = 0


#: dtype of the SystemResponse fields that are not float
_DTYPES: dict[str, type] = {"feasible": bool, "reason": np.int8}
_TOO_HOT = np.int8(REASONS.index("supply_above_limit_after_lt_emitters"))
_NO_BOREHOLES = np.int8(REASONS.index("no_room_for_boreholes"))


def _boilers(
    dwellings: _Dwellings, hp: _HeatPumpPerformance, p: Params
) -> dict[str, _SystemFigures]:
    """The HR boiler, and the hybrid heat pump next to it (existing emitters): the boiler does
    the space heat the heat pump leaves and all hot water."""
    space_kwh = dwellings.space_kwh
    m3_per_kwh = 3.6 / p["physics.gas_lhv_mj_m3"]
    eta_space = p["physics.boiler_efficiency_space"]
    aux_kwh = p["physics.boiler_aux_kwh"]
    hot_water_gas_m3 = dwellings.hot_water_kwh / p["physics.boiler_efficiency_dhw"] * m3_per_kwh
    share = hp.hybrid_share
    return {
        "gas_boiler": _SystemFigures(
            gas_m3=space_kwh / eta_space * m3_per_kwh + hot_water_gas_m3,
            electricity_kwh=aux_kwh,
            capex_eur=p["cost.gas_boiler_eur"],
            operating_supply_c=dwellings.supply_c,
        ),
        "hybrid_hp": _SystemFigures(
            gas_m3=space_kwh * (1.0 - share) / eta_space * m3_per_kwh + hot_water_gas_m3,
            electricity_kwh=space_kwh * share / hp.hybrid_scop + aux_kwh,
            peak_kw=hp.hybrid_peak_frac * dwellings.load_kw,
            capex_eur=p["cost.hybrid_hp_fixed_eur"]
            + p["cost.hybrid_hp_per_kw_eur"] * hp.hybrid_capacity_kw,
            capacity_kw=hp.hybrid_capacity_kw,
            seasonal_cop=np.where(share > 0, hp.hybrid_scop, np.nan),
            heat_pump_share=share,
            operating_supply_c=dwellings.supply_c,
        ),
    }


def _all_electric_heat_pumps(
    dwellings: _Dwellings, hp: _HeatPumpPerformance, works: _EmitterWorks, p: Params
) -> dict[str, _SystemFigures]:
    """The air/water and ground-source heat pumps: sized at ``hp.design_cover_share`` of the
    design load, a meter-cupboard upgrade and LT emitter works where needed; infeasible where
    the supply after the works is too hot, a ground source also in high-rise apartments."""
    load_kw = dwellings.load_kw
    cover = p["hp.design_cover_share"]
    emitters_eur = np.where(works.done, _lt_emitter_cost_eur(dwellings, p), 0.0)
    meter_eur = np.where(
        dwellings.apartment,
        p["cost.meter_cupboard_high_rise_eur"],
        p["cost.meter_cupboard_low_rise_eur"],
    )
    too_hot = np.where(works.feasible, np.int8(0), _TOO_HOT)
    feasible = {"air_hp": works.feasible, "ground_hp": works.feasible & ~dwellings.high_rise}
    reason = {"air_hp": too_hot, "ground_hp": np.where(dwellings.high_rise, _NO_BOREHOLES, too_hot)}
    out = {}
    heat_pumps = (("air_hp", "air", hp.air), ("ground_hp", "ground", hp.ground))
    for name, source, figures in heat_pumps:  # two systems, each over all dwellings × levels
        out[name] = _SystemFigures(
            electricity_kwh=dwellings.space_kwh / figures.scop
            + dwellings.hot_water_kwh / p[f"hp.{source}_dhw_spf"],
            peak_kw=load_kw * figures.peak_frac,
            feasible=feasible[name],
            capex_eur=p[f"cost.{name}_fixed_eur"]
            + p[f"cost.{name}_per_kw_eur"] * cover * load_kw
            + meter_eur
            + emitters_eur,
            capacity_kw=cover * load_kw,
            seasonal_cop=figures.scop,
            heat_pump_share=1.0 - figures.backup_share,
            operating_supply_c=works.operating_c,
            reason=reason[name],
        )
    return out


def _heat_networks(
    dwellings: _Dwellings, works: _EmitterWorks, p: Params
) -> dict[str, _SystemFigures]:
    """The MT and LT heat networks: delivery set, in-house piping and connection fee; the LT
    network adds a booster heat pump for tap water and LT emitter works where needed."""
    space_kwh, hot_water_kwh = dwellings.space_kwh, dwellings.hot_water_kwh
    delivery = p["physics.heatnet_delivery_efficiency"]
    cop_boost = p["physics.heatnet_booster_cop"]
    inhouse_eur = np.where(
        dwellings.apartment,
        p["cost.heatnet_inhouse_high_rise_eur"],
        p["cost.heatnet_inhouse_low_rise_eur"],
    )
    connect_eur = (
        p["cost.heatnet_delivery_set_eur"] + inhouse_eur + p["cost.heatnet_connection_fee_eur"]
    )
    return {
        "heat_network_mt": _SystemFigures(
            heat_gj=(space_kwh + hot_water_kwh) / delivery / GJ_TO_KWH,
            capex_eur=connect_eur,
            operating_supply_c=dwellings.supply_c,
        ),
        "heat_network_lt": _SystemFigures(
            electricity_kwh=hot_water_kwh / cop_boost,
            heat_gj=(space_kwh + hot_water_kwh * (1.0 - 1.0 / cop_boost)) / delivery / GJ_TO_KWH,
            peak_kw=p["physics.heatnet_booster_peak_kw"],
            feasible=works.feasible,
            capex_eur=connect_eur
            + p["cost.heatnet_booster_eur"]
            + np.where(works.done, _lt_emitter_cost_eur(dwellings, p), 0.0),
            operating_supply_c=works.operating_c,
            reason=np.where(works.feasible, np.int8(0), _TOO_HOT),
        ),
    }


def _lt_emitter_cost_eur(dwellings: _Dwellings, p: Params) -> np.ndarray:
    """Cost of LT emitter works where they are done [€], (n, 1)."""
    return np.where(
        dwellings.apartment, p["cost.lt_emitters_high_rise_eur"], p["cost.lt_emitters_low_rise_eur"]
    )


def _by_system(
    shape: tuple[int, int], dtype: type, values: dict[str, np.ndarray | float]
) -> np.ndarray:
    """(n, L, H) array from one (n, L)-broadcastable value per heating system (all H named)."""
    if set(values) != set(HEATING_SYSTEMS):
        raise ValueError(f"need a value for each of {HEATING_SYSTEMS}")
    out = np.empty((*shape, len(HEATING_SYSTEMS)), dtype=dtype)
    for name, value in values.items():
        out[..., _H[name]] = value
    return out


@per_params
def _tables(params: Params) -> SeasonalTables:
    """The seasonal heat-pump tables, computed once per Params."""
    tables = seasonal_tables(params)
    for value in vars(tables).values():
        value.setflags(write=False)
    return tables


@dataclass(frozen=True)
class _AllElectricFigures:
    """Seasonal figures of an all-electric heat pump per dwelling × level, (n, L)."""

    scop: np.ndarray  # seasonal COP for space heating [-]
    peak_frac: np.ndarray  # electric input at the design temperature per kW design load [-]
    backup_share: np.ndarray  # share of space heat from the electric backup heater [-]


@dataclass(frozen=True)
class _HeatPumpPerformance:
    """Heat-pump figures per dwelling × level, (n, L), read-only arrays."""

    hybrid_capacity_kw: np.ndarray
    hybrid_share: np.ndarray  # share of space heat the hybrid heat pump delivers [-]
    hybrid_scop: np.ndarray
    hybrid_peak_frac: np.ndarray  # its largest electric input per kW design load [-]
    air: _AllElectricFigures
    ground: _AllElectricFigures


# The last heat-pump performance computed:
# (params values, params tables, load, supply, result, operating supply).
_last_performance: tuple | None = None


def _heat_pump_performance(
    load: np.ndarray, supply: np.ndarray, operating: np.ndarray, params: Params
) -> _HeatPumpPerformance:
    """Heat-pump figures per dwelling × level that depend only on design load and supply
    temperatures.

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
    electric = interp_supply_many(
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
    for value in (cap, hybrid_share, hybrid_scop, hybrid_peak_frac, *electric):
        value.setflags(write=False)
    result = _HeatPumpPerformance(
        hybrid_capacity_kw=cap,
        hybrid_share=hybrid_share,
        hybrid_scop=hybrid_scop,
        hybrid_peak_frac=hybrid_peak_frac,
        air=_AllElectricFigures(*electric[:3]),
        ground=_AllElectricFigures(*electric[3:]),
    )
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

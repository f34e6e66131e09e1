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
    boiler = _Boiler.of(dwellings, p)
    installation = _HeatPumpInstallation.of(dwellings, hp_works, p)
    connection = _NetworkConnection.of(dwellings, p)
    systems: dict[str, _System] = {
        "gas_boiler": _GasBoiler(dwellings, boiler, p),
        "hybrid_hp": _HybridHeatPump(dwellings, boiler, hp, p),
        "air_hp": _AllElectricHeatPump("air", dwellings, hp.air, installation, p),
        "ground_hp": _AllElectricHeatPump("ground", dwellings, hp.ground, installation, p),
        "heat_network_mt": _HeatNetworkMT(dwellings, connection),
        "heat_network_lt": _HeatNetworkLT(dwellings, connection, lt_works, p),
    }
    # One quantity of all systems at a time (the systems compute it when asked): few (n, L)
    # temporaries alive, and each (n, L, H) array filled while it is in cache.
    shape = dwellings.space_kwh.shape
    return SystemResponse(
        **{
            f.name: _by_system(
                shape,
                _DTYPES.get(f.name, float),
                {name: getattr(system, f.name) for name, system in systems.items()},
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


#: dtype of the SystemResponse fields that are not float
_DTYPES: dict[str, type] = {"feasible": bool, "reason": np.int8}
_TOO_HOT = np.int8(REASONS.index("supply_above_limit_after_lt_emitters"))
_NO_BOREHOLES = np.int8(REASONS.index("no_room_for_boreholes"))


class _System:
    """A heating system's :class:`SystemResponse` fields, each broadcastable to (n, L).

    A subclass gives ``capex_eur`` and ``operating_supply_c`` and the fields where it differs
    from these defaults (no gas, electricity, network heat, peak, heat pump; feasible), as
    properties computed when read.
    """

    gas_m3: np.ndarray | float = 0.0
    electricity_kwh: np.ndarray | float = 0.0
    heat_gj: np.ndarray | float = 0.0
    peak_kw: np.ndarray | float = 0.0
    feasible: np.ndarray | bool = True
    capacity_kw: np.ndarray | float = 0.0
    seasonal_cop: np.ndarray | float = np.nan
    heat_pump_share: np.ndarray | float = 0.0
    reason: np.ndarray | int = 0


class _Boiler(NamedTuple):
    """The HR boiler's figures, shared by the boiler and the hybrid heat pump beside it."""

    m3_per_kwh: float  # gas per kWh of its lower heating value
    efficiency_space: float  # [-] on LHV
    aux_kwh: float  # auxiliary electricity per year
    hot_water_gas_m3: np.ndarray  # gas for all hot water, (n, 1)

    @classmethod
    def of(cls, dwellings: _Dwellings, p: Params) -> _Boiler:
        m3_per_kwh = 3.6 / p["physics.gas_lhv_mj_m3"]
        hot_water_gas_m3 = dwellings.hot_water_kwh / p["physics.boiler_efficiency_dhw"] * m3_per_kwh
        return cls(
            m3_per_kwh,
            p["physics.boiler_efficiency_space"],
            p["physics.boiler_aux_kwh"],
            hot_water_gas_m3,
        )


class _GasBoiler(_System):
    """HR boiler: space heat and hot water from gas, a little auxiliary electricity."""

    def __init__(self, dwellings: _Dwellings, boiler: _Boiler, p: Params) -> None:
        self.dwellings, self.boiler = dwellings, boiler
        self.capex_eur = p["cost.gas_boiler_eur"]
        self.operating_supply_c = dwellings.supply_c
        self.electricity_kwh = boiler.aux_kwh

    @property
    def gas_m3(self) -> np.ndarray:
        b = self.boiler
        space_m3 = self.dwellings.space_kwh / b.efficiency_space * b.m3_per_kwh
        return space_m3 + b.hot_water_gas_m3


class _HybridHeatPump(_System):
    """Air/water heat pump beside the existing boiler (existing emitters): it covers the space
    heat its capacity and COP allow; the boiler does the rest and all hot water."""

    def __init__(
        self, dwellings: _Dwellings, boiler: _Boiler, hp: _HeatPumpPerformance, p: Params
    ) -> None:
        self.dwellings, self.boiler, self.hp = dwellings, boiler, hp
        self.capacity_kw = hp.hybrid_capacity_kw
        self.heat_pump_share = hp.hybrid_share
        self.operating_supply_c = dwellings.supply_c
        self.capex_eur = (
            p["cost.hybrid_hp_fixed_eur"] + p["cost.hybrid_hp_per_kw_eur"] * hp.hybrid_capacity_kw
        )

    @property
    def gas_m3(self) -> np.ndarray:
        b, share = self.boiler, self.hp.hybrid_share
        space_m3 = self.dwellings.space_kwh * (1.0 - share) / b.efficiency_space * b.m3_per_kwh
        return space_m3 + b.hot_water_gas_m3

    @property
    def electricity_kwh(self) -> np.ndarray:
        hp = self.hp
        return self.dwellings.space_kwh * hp.hybrid_share / hp.hybrid_scop + self.boiler.aux_kwh

    @property
    def peak_kw(self) -> np.ndarray:
        return self.hp.hybrid_peak_frac * self.dwellings.load_kw

    @property
    def seasonal_cop(self) -> np.ndarray:
        return np.where(self.hp.hybrid_share > 0, self.hp.hybrid_scop, np.nan)


class _HeatPumpInstallation(NamedTuple):
    """What an all-electric heat pump needs besides the unit."""

    works: _EmitterWorks  # LT emitter works
    emitters_eur: np.ndarray  # their cost where done, (n, L)
    meter_eur: np.ndarray  # meter-cupboard upgrade, (n, 1)
    too_hot: np.ndarray  # reason code where the supply after the works is too hot, (n, L) int8

    @classmethod
    def of(cls, dwellings: _Dwellings, works: _EmitterWorks, p: Params) -> _HeatPumpInstallation:
        meter_eur = np.where(
            dwellings.apartment,
            p["cost.meter_cupboard_high_rise_eur"],
            p["cost.meter_cupboard_low_rise_eur"],
        )
        emitters_eur = np.where(works.done, _lt_emitter_cost_eur(dwellings, p), 0.0)
        return cls(works, emitters_eur, meter_eur, np.where(works.feasible, np.int8(0), _TOO_HOT))


class _AllElectricHeatPump(_System):
    """An air/water or ground-source (``source``) heat pump sized at ``hp.design_cover_share``
    of the design load, a backup heater for the rest; infeasible where the supply after the
    emitter works is too hot, a ground source also in high-rise apartments."""

    def __init__(
        self,
        source: str,
        dwellings: _Dwellings,
        figures: _AllElectricFigures,
        installation: _HeatPumpInstallation,
        p: Params,
    ) -> None:
        self.source, self.dwellings, self.figures = source, dwellings, figures
        self.installation, self.p = installation, p
        self.cover = p["hp.design_cover_share"]
        self.seasonal_cop = figures.scop
        self.operating_supply_c = installation.works.operating_c

    @property
    def electricity_kwh(self) -> np.ndarray:
        d = self.dwellings
        return (
            d.space_kwh / self.figures.scop + d.hot_water_kwh / self.p[f"hp.{self.source}_dhw_spf"]
        )

    @property
    def peak_kw(self) -> np.ndarray:
        return self.dwellings.load_kw * self.figures.peak_frac

    @property
    def feasible(self) -> np.ndarray:
        feasible = self.installation.works.feasible
        return feasible & ~self.dwellings.high_rise if self.source == "ground" else feasible

    @property
    def capex_eur(self) -> np.ndarray:
        name, p = f"{self.source}_hp", self.p
        return (
            p[f"cost.{name}_fixed_eur"]
            + p[f"cost.{name}_per_kw_eur"] * self.cover * self.dwellings.load_kw
            + self.installation.meter_eur
            + self.installation.emitters_eur
        )

    @property
    def capacity_kw(self) -> np.ndarray:
        return self.cover * self.dwellings.load_kw

    @property
    def heat_pump_share(self) -> np.ndarray:
        return 1.0 - self.figures.backup_share

    @property
    def reason(self) -> np.ndarray:
        too_hot = self.installation.too_hot
        if self.source == "ground":
            return np.where(self.dwellings.high_rise, _NO_BOREHOLES, too_hot)
        return too_hot


class _NetworkConnection(NamedTuple):
    """What both heat networks need: the delivery set's efficiency and the connection."""

    delivery_efficiency: float  # [-]
    connect_eur: np.ndarray  # delivery set, in-house piping and connection fee, (n, 1)

    @classmethod
    def of(cls, dwellings: _Dwellings, p: Params) -> _NetworkConnection:
        inhouse_eur = np.where(
            dwellings.apartment,
            p["cost.heatnet_inhouse_high_rise_eur"],
            p["cost.heatnet_inhouse_low_rise_eur"],
        )
        connect_eur = (
            p["cost.heatnet_delivery_set_eur"] + inhouse_eur + p["cost.heatnet_connection_fee_eur"]
        )
        return cls(p["physics.heatnet_delivery_efficiency"], connect_eur)


class _HeatNetworkMT(_System):
    """MT heat network: all space heat and hot water as network heat at the delivery set."""

    def __init__(self, dwellings: _Dwellings, connection: _NetworkConnection) -> None:
        self.dwellings, self.connection = dwellings, connection
        self.capex_eur = connection.connect_eur
        self.operating_supply_c = dwellings.supply_c

    @property
    def heat_gj(self) -> np.ndarray:
        d = self.dwellings
        return (d.space_kwh + d.hot_water_kwh) / self.connection.delivery_efficiency / GJ_TO_KWH


class _HeatNetworkLT(_System):
    """LT heat network: LT emitter works where needed, tap water by a booster heat pump drawing
    on the network; infeasible where the supply after the works is above the network's."""

    def __init__(
        self,
        dwellings: _Dwellings,
        connection: _NetworkConnection,
        works: _EmitterWorks,
        p: Params,
    ) -> None:
        self.dwellings, self.connection, self.works, self.p = dwellings, connection, works, p
        self.cop_boost = p["physics.heatnet_booster_cop"]
        self.peak_kw = p["physics.heatnet_booster_peak_kw"]
        self.feasible = works.feasible
        self.operating_supply_c = works.operating_c

    @property
    def electricity_kwh(self) -> np.ndarray:
        return self.dwellings.hot_water_kwh / self.cop_boost

    @property
    def heat_gj(self) -> np.ndarray:
        d = self.dwellings
        heat_kwh = d.space_kwh + d.hot_water_kwh * (1.0 - 1.0 / self.cop_boost)
        return heat_kwh / self.connection.delivery_efficiency / GJ_TO_KWH

    @property
    def capex_eur(self) -> np.ndarray:
        emitters_eur = np.where(self.works.done, _lt_emitter_cost_eur(self.dwellings, self.p), 0.0)
        return self.connection.connect_eur + self.p["cost.heatnet_booster_eur"] + emitters_eur

    @property
    def reason(self) -> np.ndarray:
        return np.where(self.works.feasible, np.int8(0), _TOO_HOT)


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

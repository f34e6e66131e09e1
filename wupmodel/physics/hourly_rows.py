"""The rows of the hourly pass: one dwelling group under one option each, and where they come from.

:class:`HourlyRows` holds what the pass needs of a row (the model's yearly carriers, the
useful heat behind them, the heat pump's sizing and supply temperature, the dwelling's type and
age for its space-heat shape); :func:`rows_from_physics` picks them from the physics' (n, L) and
(n, L, H) arrays for a choice of options; :func:`etm_shape_index` maps each row onto the ETM's
space-heat shapes.

Insulation ↔ ETM shape: ETM classes by envelope R (ECN: low 0.3, medium 1.5, high 4.3 m²K/W).
``deep`` → high; ``standard`` → medium (high from ``hourly.etm_high_from_year``); ``current``
and ``basic`` → by construction year: low before ``hourly.etm_medium_from_year`` (facades of
R ≈ 0.4), medium until ``hourly.etm_high_from_year``, high after. House types: vrijstaand →
detached, twee-onder-een-kap → semi-detached, hoekwoning → corner, tussenwoning → terraced,
meergezins (low and high rise) → apartments.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

from wupmodel.params import Params
from wupmodel.physics.demand import BuildingInputs, BuildingResponse
from wupmodel.physics.monthly import YearlyInputs
from wupmodel.physics.solar import pv_system
from wupmodel.physics.systems import SystemResponse
from wupmodel.vocabulary import DWELLING_TYPES, HEATING_SYSTEMS, INSULATION_LEVELS

__all__ = ["HourlyRows", "RowChoice", "rows_from_physics", "etm_shape_index"]

#: ETM house type (index into hourly_data.ETM_HOUSE_TYPES) of each of the model's dwelling types.
_ETM_HOUSE = np.array(
    [
        {
            "vrijstaand": 3,
            "twee_onder_een_kap": 2,
            "hoekwoning": 1,
            "tussenwoning": 0,
            "meergezins_laag": 4,
            "meergezins_hoog": 4,
        }[t]
        for t in DWELLING_TYPES
    ]
)


def etm_shape_index(
    dwelling_type: np.ndarray,
    insulation: np.ndarray,
    construction_year: np.ndarray,
    params: Params,
) -> np.ndarray:
    """Index of each row's space-heat shape into the 15 = 5 house types × 3 ETM levels, (n,).

    ``house * 3 + level`` (see the module docstring for the two maps).
    """
    level = np.asarray(insulation, dtype=np.intp)
    year = np.asarray(construction_year)
    standard = INSULATION_LEVELS.index("standard")
    deep = INSULATION_LEVELS.index("deep")
    high = (level == deep) | (year >= params["hourly.etm_high_from_year"])
    medium = (level == standard) | (year >= params["hourly.etm_medium_from_year"])
    etm = np.where(high, 2, np.where(medium, 1, 0))
    return _ETM_HOUSE[np.asarray(dwelling_type, dtype=np.intp)] * 3 + etm


@dataclass(frozen=True)
class HourlyRows:
    """Rows of the hourly pass: one dwelling group under one option each, arrays of shape (n,).

    Attributes
    ----------
    count
        Dwellings in the group (weights of the coincident sums).
    dwelling_type, construction_year, insulation, heating
        Codes into ``DWELLING_TYPES``, ``INSULATION_LEVELS``, ``HEATING_SYSTEMS``; year.
    space_heat_kwh, hot_water_kwh, appliance_kwh, pv_kwh
        Useful space heat, hot water met by the heating system, appliance electricity and PV
        yield per dwelling [kWh/yr].
    gas_m3, heating_electricity_kwh, heat_gj
        The model's yearly carriers of the heating system per dwelling (electricity without
        appliances) [m³/yr, kWh/yr, GJ/yr].
    design_heat_load_kw
        Useful heat load at the design outdoor temperature [kW].
    supply_c
        Design supply temperature the heating system runs at [°C].
    capacity_kw
        Heat-pump thermal capacity [kW] (the hybrid's is what limits it; 0 without one).
    """

    count: np.ndarray
    dwelling_type: np.ndarray
    construction_year: np.ndarray
    insulation: np.ndarray
    heating: np.ndarray
    space_heat_kwh: np.ndarray
    hot_water_kwh: np.ndarray
    appliance_kwh: np.ndarray
    pv_kwh: np.ndarray
    gas_m3: np.ndarray
    heating_electricity_kwh: np.ndarray
    heat_gj: np.ndarray
    design_heat_load_kw: np.ndarray
    supply_c: np.ndarray
    capacity_kw: np.ndarray

    def __post_init__(self) -> None:
        n = np.shape(self.count)
        for f in fields(self):
            value = np.asarray(getattr(self, f.name))
            if value.shape != n or value.ndim != 1:
                raise ValueError(f"HourlyRows.{f.name}: shape {value.shape}, expected {n}")
            if value.dtype.kind == "f" and not (np.isfinite(value).all() and (value >= 0).all()):
                raise ValueError(f"HourlyRows.{f.name}: every value must be finite and >= 0")
            object.__setattr__(self, f.name, value)
        if n and (self.heating.min() < 0 or self.heating.max() >= len(HEATING_SYSTEMS)):
            raise ValueError("HourlyRows.heating: codes into HEATING_SYSTEMS")

    @property
    def n(self) -> int:
        return int(self.count.size)

    def take(self, index: np.ndarray | slice) -> HourlyRows:
        """The rows ``index``."""
        return HourlyRows(**{f.name: getattr(self, f.name)[index] for f in fields(self)})

    def yearly_inputs(self) -> YearlyInputs:
        """What the monthly model needs of these rows."""
        load = np.maximum(self.design_heat_load_kw, 1e-9)
        return YearlyInputs(
            heating=self.heating,
            space_heat_kwh=self.space_heat_kwh,
            hot_water_kwh=self.hot_water_kwh,
            appliance_kwh=self.appliance_kwh,
            pv_kwh=self.pv_kwh,
            gas_m3=self.gas_m3,
            heating_electricity_kwh=self.heating_electricity_kwh,
            heat_gj=self.heat_gj,
            supply_c=self.supply_c,
            capacity_share=np.where(self.design_heat_load_kw > 0, self.capacity_kw / load, 1.0),
        )


@dataclass(frozen=True)
class RowChoice:
    """Which option each row takes, arrays of shape (n,).

    Attributes
    ----------
    group
        Row of the physics arrays (dwelling or group of identical dwellings).
    insulation, heating
        Codes into ``INSULATION_LEVELS`` and ``HEATING_SYSTEMS``.
    pv
        Rooftop PV (the roof-limited system of :func:`~wupmodel.physics.solar.pv_system`).
    count
        Dwellings the row stands for.
    """

    group: np.ndarray
    insulation: np.ndarray
    heating: np.ndarray
    pv: np.ndarray
    count: np.ndarray


def rows_from_physics(
    building: BuildingResponse,
    systems: SystemResponse,
    inputs: BuildingInputs,
    choice: RowChoice,
    params: Params,
) -> HourlyRows:
    """:class:`HourlyRows` of the chosen options, from the physics' (n, L) and (n, L, H) arrays.

    No solar water heater (its smaller hot water would have to be passed with the carriers
    it changes).
    """
    g = np.asarray(choice.group, dtype=np.intp)
    lev = np.asarray(choice.insulation, dtype=np.intp)
    h = np.asarray(choice.heating, dtype=np.intp)
    _kwp, pv_kwh, _capex = pv_system(building.roof_area_m2, params)
    return HourlyRows(
        count=np.asarray(choice.count, dtype=float),
        dwelling_type=np.asarray(inputs.dwelling_type)[g],
        construction_year=np.asarray(inputs.construction_year)[g],
        insulation=lev,
        heating=h,
        space_heat_kwh=building.space_heat_kwh[g, lev],
        hot_water_kwh=building.hot_water_kwh[g],
        appliance_kwh=building.appliance_kwh[g],
        pv_kwh=np.where(np.asarray(choice.pv, dtype=bool), pv_kwh[g], 0.0),
        gas_m3=systems.gas_m3[g, lev, h],
        heating_electricity_kwh=systems.electricity_kwh[g, lev, h],
        heat_gj=systems.heat_gj[g, lev, h],
        design_heat_load_kw=building.design_heat_load_kw[g, lev],
        supply_c=systems.operating_supply_c[g, lev, h],
        capacity_kw=systems.capacity_kw[g, lev, h],
    )

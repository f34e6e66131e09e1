"""The monthly model: the model's yearly carriers spread over the twelve months.

The yearly figures (:mod:`wupmodel.physics.systems`) come from the Drenthe bin table
(:mod:`wupmodel.physics.climate`); this module splits them into months with the same
ingredients and no others, so that the months add up to the year exactly:

* appliances: by the months of the NEDU E1A profile, hot water by those of the Jordan (2001)
  profile (both packaged with the hourly curves, :mod:`wupmodel.physics.hourly_data`, and the
  same in every weather year; E1A puts 10 % of the year in January and 7 % in July, where an
  even split by hours -- the *flat* profile that :func:`wupmodel.physics.solar.monthly_profiles`
  keeps for its own monthly self-consumption -- would give 8.5 % each);
* the boiler's auxiliary electricity: by the hours of the month (flat);
* PV: by the NTA 8800 irradiance on a 45° south plane (its *PV* profile);
* useful space heat, and the gas or network heat that meets it: by the heating degree hours
  below the heating limit (its *heating* profile, which is also the bin method's heat per
  month);
* heat-pump electricity for space heating: by the bin method of
  :func:`wupmodel.physics.heatpump.seasonal_tables` run on each month's bins (colder months
  have a lower COP, so their share of the electricity exceeds their share of the heat);
* the hybrid heat pump: the same per-month bin method gives the share of each month's space
  heat that the heat pump delivers, and so the boiler's gas per month.

The monthly tables are interpolated on the model's supply-temperature (and hybrid capacity)
grids, as the yearly figures are. :func:`yearly_components` splits a row's yearly carriers
into their parts (space heat, hot water, appliances, auxiliaries) with the per-kWh
coefficients of :func:`wupmodel.physics.systems.hot_water_energy_per_kwh`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from wupmodel.params import Params
from wupmodel.physics._memo import per_params
from wupmodel.physics.climate import TemperatureBins, temperature_bins
from wupmodel.physics.heatpump import interp_supply_capacity, interp_supply_many, seasonal_tables
from wupmodel.physics.hourly_data import MONTH_START, WEATHER_YEARS, hourly_curves
from wupmodel.physics.solar import monthly_profiles
from wupmodel.physics.systems import hot_water_energy_per_kwh
from wupmodel.vocabulary import HEATING_SYSTEMS

__all__ = [
    "MonthlyTables",
    "YearlyInputs",
    "Components",
    "monthly_tables",
    "yearly_components",
    "monthly_components",
]

_H = {name: i for i, name in enumerate(HEATING_SYSTEMS)}
_AUX_SYSTEMS = np.array([s in ("gas_boiler", "hybrid_hp") for s in HEATING_SYSTEMS])


@dataclass(frozen=True)
class MonthlyTables:
    """Month shares from the model's own profiles and bin method (read-only arrays).

    Attributes
    ----------
    flat, pv, heat
        Share of the year in each month, shape (12,): hours, PV irradiance, heating degree
        hours below the heating limit (:func:`~wupmodel.physics.solar.monthly_profiles`).
    appliances, hot_water
        Share of the year in each month of the NEDU E1A and Jordan (2001) profiles, (12,).
    air_electricity, ground_electricity
        Share of the yearly space-heating electricity (heat pump and backup heater) in each
        month on the supply grid, shape (12, S).
    hybrid_heat
        Share of each month's space heat delivered by the hybrid heat pump on the supply ×
        capacity grid, shape (12, S, C).
    hybrid_electricity
        Share of the hybrid heat pump's yearly electricity in each month, shape (12, S, C).
    """

    flat: np.ndarray
    pv: np.ndarray
    heat: np.ndarray
    appliances: np.ndarray
    hot_water: np.ndarray
    air_electricity: np.ndarray
    ground_electricity: np.ndarray
    hybrid_heat: np.ndarray
    hybrid_electricity: np.ndarray


def _month_totals(hours: np.ndarray) -> np.ndarray:
    """Sums of an (H,) hourly profile over the calendar months, (12,)."""
    return np.add.reduceat(np.asarray(hours, dtype=float), MONTH_START[:-1])


def _shares(per_month: np.ndarray) -> np.ndarray:
    """Normalise (12, ...) month values over the months (0 where the year is 0)."""
    total = per_month.sum(axis=0, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, per_month / total, 1.0 / per_month.shape[0])


@per_params
def monthly_tables(params: Params) -> MonthlyTables:
    """The month shares of :class:`MonthlyTables`, computed once per Params.

    :func:`~wupmodel.physics.heatpump.seasonal_tables` runs on each month's bins: the month's
    heat is Σ hours·load fraction, its electricity that heat / the month's seasonal COP.
    """
    pv, flat, heat = monthly_profiles(params)
    bins = temperature_bins(params)
    air, ground, hp_heat, hp_elec = [], [], [], []
    with np.errstate(invalid="ignore", divide="ignore"):
        for m in range(12):  # twelve months, not a loop over dwellings
            hours = bins.hours_by_month[m]
            month = TemperatureBins(bins.temp_c, hours, bins.hours_by_month[m : m + 1])
            t = seasonal_tables(params, month)
            share = heat[m]  # the month's heat as a share of the year's (bin method)
            air.append(np.nan_to_num(share / t.scop_air))
            ground.append(np.nan_to_num(share / t.scop_ground))
            hp_heat.append(np.nan_to_num(t.hybrid_share))
            hp_elec.append(np.nan_to_num(share * t.hybrid_share / t.hybrid_scop))
    profiles = hourly_curves(WEATHER_YEARS[0])  # E1A and hot water: the same in every year
    out = MonthlyTables(
        flat=flat,
        pv=pv,
        heat=heat,
        appliances=_shares(_month_totals(profiles.appliances)),
        hot_water=_shares(_month_totals(profiles.hot_water)),
        air_electricity=_shares(np.array(air)),
        ground_electricity=_shares(np.array(ground)),
        hybrid_heat=np.clip(np.array(hp_heat), 0.0, 1.0),
        hybrid_electricity=_shares(np.array(hp_elec)),
    )
    for value in vars(out).values():
        value.setflags(write=False)
    return out


@dataclass(frozen=True)
class YearlyInputs:
    """What the monthly model needs of each row (a dwelling group under one option), (n,).

    Attributes
    ----------
    heating
        Heating-system codes into ``vocabulary.HEATING_SYSTEMS``.
    space_heat_kwh, hot_water_kwh, appliance_kwh, pv_kwh
        Useful space heat, useful hot water met by the heating system, appliance electricity
        and PV yield [kWh/yr].
    gas_m3, heating_electricity_kwh, heat_gj
        The model's yearly carriers of the heating system: gas [m³/yr], electricity for heat,
        hot water and auxiliaries (no appliances) [kWh/yr], network heat [GJ/yr].
    supply_c
        Design supply temperature the system runs at [°C].
    capacity_share
        Hybrid heat-pump capacity as a share of the design heat load [-] (unused otherwise).
    """

    heating: np.ndarray
    space_heat_kwh: np.ndarray
    hot_water_kwh: np.ndarray
    appliance_kwh: np.ndarray
    pv_kwh: np.ndarray
    gas_m3: np.ndarray
    heating_electricity_kwh: np.ndarray
    heat_gj: np.ndarray
    supply_c: np.ndarray
    capacity_share: np.ndarray


@dataclass(frozen=True)
class Components:
    """A row's carriers split into parts that follow one hourly shape each.

    Shapes (n,) for yearly components, (n, 12) for monthly ones.

    Attributes
    ----------
    space_heat_kwh
        Useful space heat [kWh].
    space_electricity_kwh
        Heat-pump electricity for space heating, backup heater included [kWh].
    space_gas_m3
        Gas for space heating [m³].
    space_heat_gj
        Network heat for space heating [GJ].
    hot_water_electricity_kwh, hot_water_gas_m3, hot_water_heat_gj
        The heating system's carriers for hot water.
    auxiliary_kwh
        Boiler pumps and fans [kWh].
    appliance_kwh
        Appliances and lighting [kWh].
    pv_kwh
        PV yield [kWh].
    """

    space_heat_kwh: np.ndarray
    space_electricity_kwh: np.ndarray
    space_gas_m3: np.ndarray
    space_heat_gj: np.ndarray
    hot_water_electricity_kwh: np.ndarray
    hot_water_gas_m3: np.ndarray
    hot_water_heat_gj: np.ndarray
    auxiliary_kwh: np.ndarray
    appliance_kwh: np.ndarray
    pv_kwh: np.ndarray

    @property
    def electricity_kwh(self) -> np.ndarray:
        """Electricity demand, heating and appliances [kWh]."""
        return (
            self.space_electricity_kwh
            + self.hot_water_electricity_kwh
            + self.auxiliary_kwh
            + self.appliance_kwh
        )

    @property
    def gas_m3(self) -> np.ndarray:
        return self.space_gas_m3 + self.hot_water_gas_m3

    @property
    def heat_gj(self) -> np.ndarray:
        return self.space_heat_gj + self.hot_water_heat_gj


def yearly_components(rows: YearlyInputs, params: Params) -> Components:
    """Split each row's yearly carriers into space heating, hot water, auxiliaries, appliances.

    The hot-water parts are the hot water times the system's carrier use per kWh
    (:func:`~wupmodel.physics.systems.hot_water_energy_per_kwh`), the auxiliaries
    ``physics.boiler_aux_kwh`` for a boiler and a hybrid; space heating is what remains of the
    model's carrier (never below 0), so the parts add up to the model's yearly figures.
    """
    gas_per, elec_per, heat_per = hot_water_energy_per_kwh(params)
    h = np.asarray(rows.heating, dtype=np.intp)
    dhw = np.asarray(rows.hot_water_kwh, dtype=float)
    aux = np.where(_AUX_SYSTEMS[h], params["physics.boiler_aux_kwh"], 0.0)
    aux = np.minimum(aux, rows.heating_electricity_kwh)
    dhw_elec = np.minimum(dhw * elec_per[h], rows.heating_electricity_kwh - aux)
    dhw_gas = np.minimum(dhw * gas_per[h], rows.gas_m3)
    dhw_heat = np.minimum(dhw * heat_per[h], rows.heat_gj)
    return Components(
        space_heat_kwh=np.asarray(rows.space_heat_kwh, dtype=float),
        space_electricity_kwh=np.maximum(rows.heating_electricity_kwh - aux - dhw_elec, 0.0),
        space_gas_m3=np.maximum(rows.gas_m3 - dhw_gas, 0.0),
        space_heat_gj=np.maximum(rows.heat_gj - dhw_heat, 0.0),
        hot_water_electricity_kwh=dhw_elec,
        hot_water_gas_m3=dhw_gas,
        hot_water_heat_gj=dhw_heat,
        auxiliary_kwh=aux,
        appliance_kwh=np.asarray(rows.appliance_kwh, dtype=float),
        pv_kwh=np.asarray(rows.pv_kwh, dtype=float),
    )


def monthly_components(rows: YearlyInputs, params: Params) -> Components:
    """The monthly model: every component of :func:`yearly_components` per month, (n, 12).

    The months of each component add up to its yearly value (to rounding); see the module
    docstring for the shares.
    """
    t = monthly_tables(params)
    year = yearly_components(rows, params)
    h = np.asarray(rows.heating, dtype=np.intp)
    supply = np.asarray(rows.supply_c, dtype=float)

    def spread(total: np.ndarray, share: np.ndarray) -> np.ndarray:
        return np.asarray(total, dtype=float)[:, None] * share

    # Heat-pump electricity: the per-month bin method, interpolated at each row's supply (the
    # heating profile for any other row, whose space-heating electricity is 0 when consistent).
    elec_share = np.broadcast_to(t.heat, (h.size, 12)).copy()
    for code, table in ((_H["air_hp"], t.air_electricity), (_H["ground_hp"], t.ground_electricity)):
        mine = np.flatnonzero(h == code)
        if mine.size:
            elec_share[mine] = np.stack(interp_supply_many(tuple(table), supply[mine]), axis=1)
    # Hybrid: the heat pump's share of each month's heat and of its yearly electricity.
    gas_share = np.broadcast_to(t.heat, (h.size, 12)).copy()
    hybrid = np.flatnonzero(h == _H["hybrid_hp"])
    if hybrid.size:
        cap = np.asarray(rows.capacity_share, dtype=float)[hybrid]
        heat_share = np.stack(
            interp_supply_capacity(tuple(t.hybrid_heat), supply[hybrid], cap), axis=1
        )
        elec_share[hybrid] = np.stack(
            interp_supply_capacity(tuple(t.hybrid_electricity), supply[hybrid], cap), axis=1
        )
        gas_share[hybrid] = _row_shares(t.heat * np.clip(1.0 - heat_share, 0.0, 1.0))
    return Components(
        space_heat_kwh=spread(year.space_heat_kwh, t.heat),
        space_electricity_kwh=spread(year.space_electricity_kwh, _row_shares(elec_share)),
        space_gas_m3=spread(year.space_gas_m3, gas_share),
        space_heat_gj=spread(year.space_heat_gj, t.heat),
        hot_water_electricity_kwh=spread(year.hot_water_electricity_kwh, t.hot_water),
        hot_water_gas_m3=spread(year.hot_water_gas_m3, t.hot_water),
        hot_water_heat_gj=spread(year.hot_water_heat_gj, t.hot_water),
        auxiliary_kwh=spread(year.auxiliary_kwh, t.flat),
        appliance_kwh=spread(year.appliance_kwh, t.appliances),
        pv_kwh=spread(year.pv_kwh, t.pv),
    )


def _row_shares(a: np.ndarray) -> np.ndarray:
    """Normalise (n, 12) over the months; a row of zeros stays zero."""
    total = a.sum(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, a / total, 0.0)

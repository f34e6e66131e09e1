"""The LV grid from the hours: each zone's design peak, and what the village does about an excess.

A grid zone's **design load** in hour t is the coincident net load of its dwellings in the design
weather year (``hourly.design_weather_year``; the hourly pass of :mod:`wupmodel.physics.hourly`
under its ``"weather"`` scaling, home batteries left out), plus a term for the zone's finite
size: with N dwellings of own peaks p_i (``peak_kw``, at the design temperature) and hourly
loads h_i(t),

    load(t) = (1 − 1/N) · Σ_i h_i(t) + Σ_i p_i / N,

THERMOS's form f(n) = a + (1 − a)/n with the hours as its asymptote: one dwelling has its own
peak, a large zone the coincident hours of the ETM's shapes (each the average of 300 houses
shifted in time, Quintel etdataset ``heat_demand/smoothing.py``). Both terms are linear in the
number of dwellings on each option, so the optimiser's grid constraint stays linear hour by
hour. The zone's **peak** is the largest hour. ``grid.peak_from_hours`` = 0 gives the named
fallback instead: the sum of the dwellings' own peaks times the simultaneity curve
(:func:`~wupmodel.physics.grid.diversified_peak_kw`), without hours.

Where a zone's peak exceeds its capacity (``collective.grid.capacity_kw_per_dwelling`` × its
dwellings) the village either **reinforces** it (new MV/LV substations for the excess, and its
cables) or, where it suffices, places a **neighbourhood battery** (``collective.
neighbourhood_battery.*``) that shaves the peak: it may discharge up to its power, each day's
excess must fit in its energy, and the day must leave the grid room to recharge it (the day's
load plus the excess / efficiency within 24 h × the capacity). :func:`grid_fix` takes the
cheaper; the optimiser weighs the same two with the same rule (:mod:`wupmodel.optimise.build`).

The hours of a choice are computed once (a cache on the rows' content), so the summary of every
scenario that moves prices only does not redo them.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass, fields, replace

import numpy as np
import pandas as pd

from wupmodel.money.collective import CollectiveUnitCosts
from wupmodel.outcomes import Outcomes
from wupmodel.params import Params
from wupmodel.physics import (
    HOURS,
    HourlyOptions,
    HourlyRows,
    diversified_peak_kw,
    hourly_curves,
    hourly_pass,
    weather_year_of,
)
from wupmodel.vocabulary import DWELLING_TYPES

__all__ = [
    "GridZones",
    "ZonePeaks",
    "GridFix",
    "rows_of",
    "rows_of_pairs",
    "zone_peaks",
    "zone_peaks_of_rows",
    "zone_peaks_of_shares",
    "grid_fix",
    "battery_shaves",
    "peak_from_hours",
]

#: HourlyRows field -> outcome quantity (per dwelling, under each group's option).
_ROW_QUANTITIES = {
    "space_heat_kwh": "space_heat_kwh",
    "hot_water_kwh": "hot_water_kwh",
    "appliance_kwh": "appliance_kwh",
    "pv_kwh": "pv_kwh",
    "gas_m3": "gas_m3",
    "heating_electricity_kwh": "heating_electricity_kwh",
    "heat_gj": "heat_gj",
    "design_heat_load_kw": "design_heat_load_kw",
    "supply_c": "operating_supply_c",
    "capacity_kw": "capacity_kw",
}


@dataclass(frozen=True)
class GridZones:
    """The LV grid zones of the groups.

    Attributes
    ----------
    names
        Zone names, sorted.
    zone_of
        Zone index of each group, (G,).
    dwellings
        Dwellings per zone, (K,).
    """

    names: tuple[str, ...]
    zone_of: np.ndarray
    dwellings: np.ndarray

    @classmethod
    def of(cls, outcomes: Outcomes) -> GridZones:
        zone = outcomes.groups["grid_zone"].astype(str).to_numpy()
        names, zone_of = np.unique(zone, return_inverse=True)
        dwellings = np.bincount(zone_of, weights=outcomes.counts, minlength=names.size)
        return cls(tuple(str(n) for n in names), zone_of, dwellings)


def peak_from_hours(params: Params) -> bool:
    """Whether zone peaks come from the hours (``grid.peak_from_hours``) or the fallback."""
    return params["grid.peak_from_hours"] >= 0.5


def _dwelling_codes(outcomes: Outcomes) -> tuple[np.ndarray, np.ndarray]:
    groups = outcomes.groups
    types = pd.Categorical(groups["dwelling_type"], categories=DWELLING_TYPES).codes
    return np.asarray(types, dtype=np.int64), groups["construction_year"].to_numpy(np.int64)


def _clean(a: np.ndarray) -> np.ndarray:
    """A physical quantity as the hourly rows take it: finite and ≥ 0 (an infeasible option's
    figures may be neither)."""
    return np.maximum(np.nan_to_num(np.asarray(a, dtype=float)), 0.0)


def rows_of(outcomes: Outcomes, choice: np.ndarray) -> HourlyRows:
    """The hourly pass's rows of every group under option ``choice[g]``, (G,) rows."""
    cat = outcomes.catalogue
    types, years = _dwelling_codes(outcomes)
    return HourlyRows(
        count=outcomes.counts,
        dwelling_type=types,
        construction_year=years,
        insulation=cat.insulation[choice],
        heating=cat.heating[choice],
        **{f: _clean(outcomes.pick(q, choice)) for f, q in _ROW_QUANTITIES.items()},
    )


def rows_of_pairs(outcomes: Outcomes, group: np.ndarray, option: np.ndarray) -> HourlyRows:
    """The hourly rows of (group, option) pairs, one dwelling each (``count`` 1).

    Reads the (G, O) arrays whole: for a village's optimiser, not for a large stock.
    """
    cat = outcomes.catalogue
    types, years = _dwelling_codes(outcomes)
    g, o = np.asarray(group, dtype=np.intp), np.asarray(option, dtype=np.intp)
    return HourlyRows(
        count=np.ones(g.size),
        dwelling_type=types[g],
        construction_year=years[g],
        insulation=cat.insulation[o],
        heating=cat.heating[o],
        **{f: _clean(outcomes[q][g, o]) for f, q in _ROW_QUANTITIES.items()},
    )


@dataclass(frozen=True)
class ZonePeaks:
    """Each grid zone's design peak, shape (K,) unless said otherwise.

    Attributes
    ----------
    method
        ``"hours"`` or ``"simultaneity"`` (the fallback).
    weather_year
        The design weather year (None for the fallback).
    names, dwellings, capacity_kw
        The zones, their dwellings and their capacity before reinforcement [kW].
    peak_kw
        Design peak [kW]: the largest hour of the design load (or the fallback's).
    peak_hour
        Hour of the year of the peak (−1 for the fallback).
    coincident_kw
        Largest coincident load of the hours alone, without the finite-size term [kW] (NaN
        for the fallback).
    load_kw
        The design load per hour, (K, 8760) [kW]; None for the fallback.
    village_peak_kw
        The village's peak: the largest hour of the zones' loads together (the fallback: the
        simultaneity curve over all dwellings).
    """

    method: str
    weather_year: int | None
    names: tuple[str, ...]
    dwellings: np.ndarray
    capacity_kw: np.ndarray
    peak_kw: np.ndarray
    peak_hour: np.ndarray
    coincident_kw: np.ndarray
    load_kw: np.ndarray | None
    village_peak_kw: float

    @property
    def excess_kw(self) -> np.ndarray:
        """Peak above capacity, ≥ 0 [kW]."""
        return np.maximum(self.peak_kw - self.capacity_kw, 0.0)

    @property
    def peak_kw_per_dwelling(self) -> np.ndarray:
        """Design peak per dwelling of each zone [kW]."""
        return self.peak_kw / np.maximum(self.dwellings, 1e-12)


def zone_peaks(
    outcomes: Outcomes,
    choice: np.ndarray,
    params: Params,
    *,
    weather_year: int | None = None,
    method: str | None = None,
) -> ZonePeaks:
    """The design peak of every grid zone when each group takes option ``choice[g]``.

    Parameters
    ----------
    outcomes
        Evaluated outcomes (with the quantities the hourly rows need).
    choice
        Option per group, (G,).
    params
        Parameters (``hourly.design_weather_year``, ``grid.*``, ``collective.grid.*``).
    weather_year
        Another shipped weather year than the design year.
    method
        ``"hours"`` or ``"simultaneity"``; default from ``grid.peak_from_hours``.
    """
    zones = GridZones.of(outcomes)
    peak = outcomes.pick("peak_kw", choice) * outcomes.counts
    method = method or ("hours" if peak_from_hours(params) else "simultaneity")
    if method == "simultaneity":
        return _fallback(zones, peak, params)
    rows = rows_of(outcomes, choice)
    return zone_peaks_of_rows(rows, zones.zone_of, peak, zones, params, weather_year)


def zone_peaks_of_shares(outcomes: Outcomes, shares: np.ndarray, params: Params) -> ZonePeaks:
    """:func:`zone_peaks` of a plan that splits groups over options, (G, O) ``shares`` (each
    row summing to 1): one hourly row per (group, option) with a share, as the strategy summary
    forms a strategy's peak (a plan of whole options gives :func:`zone_peaks`' figures)."""
    zones = GridZones.of(outcomes)
    shares = np.asarray(shares, dtype=float)
    g, o = np.nonzero(shares > 0)
    count = outcomes.counts[g] * shares[g, o]
    own = count * np.asarray(outcomes["peak_kw"], dtype=float)[g, o]
    if not peak_from_hours(params):
        return _fallback(GridZones(zones.names, zones.zone_of[g], zones.dwellings), own, params)
    rows = replace(rows_of_pairs(outcomes, g, o), count=count)
    return zone_peaks_of_rows(rows, zones.zone_of[g], own, zones, params)


# long because each argument is a separate array of the rows (loads, zones, own peaks) or of the
# zones; bundling them into a type only this function reads would not help a caller
def zone_peaks_of_rows(
    rows: HourlyRows,
    zone_of_row: np.ndarray,
    own_peak_kw: np.ndarray,
    zones: GridZones,
    params: Params,
    weather_year: int | None = None,
) -> ZonePeaks:
    """:class:`ZonePeaks` from hourly rows (a group under an option each, ``count`` dwellings).

    ``zone_of_row``: the zone of each row; ``own_peak_kw``: the row's dwellings' own peaks
    together (``count`` × ``peak_kw``) [kW], (n,) each.
    """
    year = (
        weather_year_of(params, "hourly.design_weather_year")
        if weather_year is None
        else int(weather_year)
    )
    hours = _coincident(rows, np.asarray(zone_of_row), len(zones.names), year, params)
    n = np.maximum(zones.dwellings, 1.0)[:, None]
    own = np.bincount(zone_of_row, weights=own_peak_kw, minlength=len(zones.names))[:, None]
    load = hours * (1.0 - 1.0 / n) + own / n
    hour = load.argmax(axis=1)
    k = np.arange(load.shape[0])
    return ZonePeaks(
        method="hours",
        weather_year=year,
        names=zones.names,
        dwellings=zones.dwellings,
        capacity_kw=_capacity(zones, params),
        peak_kw=load[k, hour],
        peak_hour=hour,
        coincident_kw=hours.max(axis=1),
        load_kw=load,
        village_peak_kw=float(load.sum(axis=0).max()),
    )


def _capacity(zones: GridZones, params: Params) -> np.ndarray:
    return params["collective.grid.capacity_kw_per_dwelling"] * zones.dwellings


def _fallback(zones: GridZones, peak: np.ndarray, params: Params) -> ZonePeaks:
    """The named fallback: Σ dwelling peaks × the simultaneity curve, per zone."""
    zone_sum = np.bincount(zones.zone_of, weights=peak, minlength=len(zones.names))
    total = float(diversified_peak_kw(peak.sum(), zones.dwellings.sum(), params))
    return ZonePeaks(
        method="simultaneity",
        weather_year=None,
        names=zones.names,
        dwellings=zones.dwellings,
        capacity_kw=_capacity(zones, params),
        peak_kw=np.asarray(diversified_peak_kw(zone_sum, zones.dwellings, params)),
        peak_hour=np.full(len(zones.names), -1),
        coincident_kw=np.full(len(zones.names), np.nan),
        load_kw=None,
        village_peak_kw=total,
    )


# ---------------------------------------------------------------------------------------------
# the hours of a choice, cached on the rows' content

_CACHE: dict[bytes, np.ndarray] = {}
_LOCK = threading.Lock()
_CACHE_SIZE = 64


def _key(rows: HourlyRows, zone_of: np.ndarray, year: int, params: Params) -> bytes:
    h = hashlib.blake2b(digest_size=20)
    for f in fields(rows):
        h.update(np.ascontiguousarray(getattr(rows, f.name)).tobytes())
    h.update(np.ascontiguousarray(zone_of, dtype=np.int64).tobytes())
    relevant = sorted(
        (k, v) for k, v in params.values.items() if k.startswith(("hp.", "physics.", "hourly."))
    )
    h.update(repr((year, id(params.tables), relevant)).encode())
    return h.digest()


def _coincident(
    rows: HourlyRows, zone_of: np.ndarray, n_zones: int, year: int, params: Params
) -> np.ndarray:
    """Coincident net load (import − export) of each zone per hour, (K, 8760) [kW]."""
    key = _key(rows, zone_of, year, params)
    with _LOCK:
        hit = _CACHE.get(key)
    if hit is None:
        keep = rows.count > 0
        result = hourly_pass(
            rows.take(np.flatnonzero(keep)),
            hourly_curves(year),
            params,
            curve_of_row=np.asarray(zone_of)[keep] if keep.any() else None,
            options=HourlyOptions(scale="weather"),
        )
        hit = np.zeros((n_zones, HOURS))
        got = result.net_load_kw
        if keep.any():
            hit[: got.shape[0]] = got
        hit.setflags(write=False)
        with _LOCK:
            if len(_CACHE) >= _CACHE_SIZE:
                _CACHE.pop(next(iter(_CACHE)))
            _CACHE[key] = hit
    return hit


# ---------------------------------------------------------------------------------------------
# what the village does about an excess


@dataclass(frozen=True)
class GridFix:
    """Per zone, what answers its excess, and its annual national cost; (K,) each.

    Attributes
    ----------
    substations
        New MV/LV substations (0 = not reinforced).
    battery
        A neighbourhood battery shaves the peak instead.
    eur_per_yr
        Annual cost of the zone's answer [EUR/yr].
    """

    substations: np.ndarray
    battery: np.ndarray
    eur_per_yr: np.ndarray

    @property
    def reinforced(self) -> np.ndarray:
        return self.substations > 0

    @property
    def total_eur_per_yr(self) -> float:
        return float(self.eur_per_yr.sum())


def battery_shaves(
    load_kw: np.ndarray, limit_kw: np.ndarray, unit: CollectiveUnitCosts
) -> np.ndarray:
    """Whether one neighbourhood battery keeps each zone's load within ``limit_kw``, (K,).

    The rule the optimiser uses too: in no hour the excess over the limit above the battery's
    power; on no day more excess than its energy; and every day leaves room to recharge it:
    the day's load plus its excess / round-trip efficiency within 24 h × the limit.
    """
    load = np.atleast_2d(load_kw)
    limit = np.asarray(limit_kw, dtype=float)[:, None]
    excess = np.maximum(load - limit, 0.0)
    days = excess.reshape(excess.shape[0], -1, 24).sum(axis=2)
    energy = load.reshape(load.shape[0], -1, 24).sum(axis=2)
    eta = unit.battery_round_trip_efficiency
    return (
        (excess.max(axis=1) <= unit.battery_kw + 1e-9)
        & (days.max(axis=1) <= unit.battery_kwh + 1e-9)
        & ((energy + days / eta).max(axis=1) <= 24.0 * limit[:, 0] + 1e-9)
        & (unit.battery_kw > 0)
    )


def grid_fix(peaks: ZonePeaks, unit: CollectiveUnitCosts) -> GridFix:
    """The cheaper answer to each zone's excess: reinforcement, or a neighbourhood battery where
    it suffices (hours only; the fallback has no hours to shave)."""
    excess = peaks.excess_kw
    over = excess > 1e-9
    substations = np.where(over, np.ceil(excess / unit.substation_kw), 0.0)
    reinforce = np.where(
        over,
        substations * unit.substation_eur_per_yr
        + peaks.dwellings * unit.lv_cable_eur_per_yr_per_dwelling,
        0.0,
    )
    can_shave = np.zeros(over.shape, dtype=bool)
    if peaks.load_kw is not None:
        can_shave = over & battery_shaves(peaks.load_kw, peaks.capacity_kw, unit)
    battery = can_shave & (unit.battery_eur_per_yr < reinforce)
    return GridFix(
        substations=np.where(battery, 0, substations).astype(int),
        battery=battery,
        eur_per_yr=np.where(battery, unit.battery_eur_per_yr, reinforce),
    )

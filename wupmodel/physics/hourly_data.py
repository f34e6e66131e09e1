"""The packaged hourly curves (``wupmodel/data/hourly/``): reading them, nothing else.

The hourly kernel (:mod:`wupmodel.physics.hourly`) takes an :class:`HourlyCurves` and never
touches a file; this module reads ``curves.npz`` once per weather year, like
:mod:`wupmodel.params` reads the packaged tables. Curves and their sources are listed in
``data/hourly/hourly_curves.csv`` (one row per curve with ``source`` and ``year``); the
licence (MIT, Quintel ETM etsource; KNMI temperatures CC BY 4.0) and the attribution are in
``data/hourly/README.md``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
import pandas as pd

from wupmodel.errors import WupInputError

__all__ = [
    "HOURS",
    "MONTH_HOURS",
    "MONTH_START",
    "ETM_HOUSE_TYPES",
    "ETM_INSULATION",
    "WEATHER_YEARS",
    "ATTRIBUTION",
    "HourlyCurves",
    "hourly_curves",
    "hourly_curve_sources",
]

#: Hours of a weather year (every shipped year has 365 days; hour 0 = 1 January 00:00 UTC).
HOURS = 8760
#: Hours per calendar month of a 365-day year, shape (12,).
MONTH_HOURS = np.array([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]) * 24
#: First hour of every month and the end of the year, shape (13,).
MONTH_START = np.concatenate([[0], np.cumsum(MONTH_HOURS)])
#: The ETM's five house types, in the order of :attr:`HourlyCurves.space_heat`'s second axis.
ETM_HOUSE_TYPES: tuple[str, ...] = (
    "terraced_houses",
    "corner_houses",
    "semi_detached_houses",
    "detached_houses",
    "apartments",
)
#: The ETM's insulation levels of its space-heat shapes (ECN classes, envelope R about 0.3,
#: 1.5 and 4.3 m²K/W), in the order of :attr:`HourlyCurves.space_heat`'s third axis.
ETM_INSULATION: tuple[str, ...] = ("low", "medium", "high")
#: Weather years shipped.
WEATHER_YEARS: tuple[int, ...] = (1987, 1997, 2004, 2015)
#: The attribution the KNMI licence asks for wherever the temperatures are shown.
ATTRIBUTION = (
    "Bron temperatuur: KNMI (station 260 De Bilt), CC BY 4.0; via Quintel ETM etsource (MIT)."
)

_PROFILES = ("appliances", "hot_water", "pv", "solar_thermal")


@dataclass(frozen=True)
class HourlyCurves:
    """The curves of one weather year, every array read-only, hours on the last axis (H = 8760).

    Attributes
    ----------
    weather_year
        The weather year of ``t_air_c`` and ``space_heat``.
    t_air_c
        De Bilt air temperature [°C], shape (H,), float64.
    space_heat
        Share of the yearly space heat in each hour, shape (5, 3, H) float32: ETM house type
        (:data:`ETM_HOUSE_TYPES`) × ETM insulation (:data:`ETM_INSULATION`); each sums to 1.
    appliances
        NEDU E1A household electricity profile, share of the yearly total per hour, (H,).
    hot_water
        Jordan (2001) domestic hot-water profile, share of the yearly total per hour, (H,).
    pv
        Rooftop PV of households (weather year 2015), share of the yearly yield per hour, (H,).
    solar_thermal
        Solar thermal collectors (weather year 2015), share of the yearly yield per hour, (H,).
    """

    weather_year: int
    t_air_c: np.ndarray
    space_heat: np.ndarray
    appliances: np.ndarray
    hot_water: np.ndarray
    pv: np.ndarray
    solar_thermal: np.ndarray

    @property
    def month_of_hour(self) -> np.ndarray:
        """Month index 0..11 of every hour, shape (H,)."""
        return np.repeat(np.arange(12), MONTH_HOURS)


def _data_dir():
    return resources.files("wupmodel") / "data" / "hourly"


@cache
def _arrays() -> dict[str, np.ndarray]:
    with _data_dir().joinpath("curves.npz").open("rb") as fh, np.load(fh) as npz:
        return {name: npz[name] for name in npz.files}


def weather_year_of(params, key: str) -> int:
    """The shipped weather year the parameter ``key`` holds (``hourly.design_weather_year``,
    ``hourly.default_weather_year``, ``hourly.cold_check_weather_year``).

    Raises
    ------
    WupInputError
        Naming ``key``, when its year is not one of :data:`WEATHER_YEARS` (the parameter's
        range lets the years between them through).
    """
    try:
        return hourly_curves(params[key]).weather_year
    except WupInputError as err:
        raise WupInputError(f"{key}: {err}", key) from None


def hourly_curves(weather_year: int | float) -> HourlyCurves:
    """The packaged curves of ``weather_year`` (read once, cached; arrays are read-only).

    Raises
    ------
    WupInputError
        When the weather year is not one of :data:`WEATHER_YEARS`.
    """
    number = isinstance(weather_year, int | float | np.integer | np.floating)
    if not number or isinstance(weather_year, bool) or float(weather_year) not in WEATHER_YEARS:
        shipped = ", ".join(str(y) for y in WEATHER_YEARS)
        shown = f"{weather_year:g}" if number and not isinstance(weather_year, bool) else ""
        raise WupInputError(
            f"weather year {shown or repr(weather_year)} is not shipped; choose one of {shipped} "
            "(2015 is the ETM's default year, 1987 its cold year)"
        )
    return _curves(int(weather_year))


@cache
def _curves(year: int) -> HourlyCurves:
    arrays = _arrays()
    i = int(np.flatnonzero(arrays["weather_years"] == year)[0])
    profiles = {name: arrays["profiles"][k] for k, name in enumerate(_PROFILES)}
    curves = HourlyCurves(
        weather_year=year,
        t_air_c=arrays["t_air_decidegc"][i].astype(float) / 10.0,
        space_heat=np.ascontiguousarray(arrays["space_heat"][i]),
        **profiles,
    )
    for value in vars(curves).values():
        if isinstance(value, np.ndarray):
            value.setflags(write=False)
    return curves


@cache
def hourly_curve_sources() -> pd.DataFrame:
    """Every packaged curve with its array, unit, description, ``source`` and ``year``."""
    with _data_dir().joinpath("hourly_curves.csv").open("r", encoding="utf-8") as fh:
        return pd.read_csv(fh)

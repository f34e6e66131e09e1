"""Outdoor climate for Drenthe: monthly normals and an hourly temperature bin table.

No hourly weather file ships with the package and nothing is fetched at run time. The bin
table (``data/climate_drenthe.csv``: hours per 1 K outdoor-temperature bin, per month, 8760 h)
is built by :func:`build_temperature_bins` from the KNMI monthly normals of station Eelde (280),
with hourly temperatures inside each month taken as normally distributed around the monthly
mean (standard deviation ``physics.climate_hourly_sd_k``). The monthly table
(``data/physics_climate_monthly.csv``) also holds the NTA 8800 reference climate (De Bilt) and
the solar irradiance used by the monthly heat balance and the PV profile.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import ndtr

from wupmodel.params import Params

__all__ = [
    "MONTHS",
    "TemperatureBins",
    "MonthlyClimate",
    "build_temperature_bins",
    "temperature_bins",
    "monthly_climate",
    "heating_degree_days",
    "heating_degree_hours_by_month",
]

#: Month column suffixes of the bin table (``hours_m01`` ... ``hours_m12``).
MONTHS: tuple[str, ...] = tuple(f"m{m:02d}" for m in range(1, 13))


@dataclass(frozen=True)
class TemperatureBins:
    """Hours per outdoor-temperature bin.

    Attributes
    ----------
    temp_c
        Bin centres [°C], shape (B,), ascending, 1 K apart.
    hours
        Hours per bin over the year, shape (B,); sums to 8760.
    hours_by_month
        Hours per bin per month, shape (12, B).
    """

    temp_c: np.ndarray
    hours: np.ndarray
    hours_by_month: np.ndarray


@dataclass(frozen=True)
class MonthlyClimate:
    """Monthly climate used by the heat balance and the PV profile (arrays of shape (12,)).

    Attributes
    ----------
    hours
        Hours in the month [h].
    temp_c
        Mean outdoor temperature [°C] of the chosen station.
    irradiance_vertical_w_m2
        Mean total irradiance on a vertical surface, averaged over eight orientations [W/m²].
    irradiance_pv_w_m2
        Mean total irradiance on a 45° surface facing S, SE or SW (mean of the three) [W/m²].
    """

    hours: np.ndarray
    temp_c: np.ndarray
    irradiance_vertical_w_m2: np.ndarray
    irradiance_pv_w_m2: np.ndarray


def build_temperature_bins(
    monthly_mean_c: np.ndarray,
    month_hours: np.ndarray,
    sd_k: float,
    t_min_c: int = -25,
    t_max_c: int = 40,
) -> TemperatureBins:
    """Spread each month's hours over 1 K bins with a normal distribution around the mean.

    Parameters
    ----------
    monthly_mean_c
        Mean outdoor temperature per month [°C], shape (12,).
    month_hours
        Hours per month [h], shape (12,).
    sd_k
        Standard deviation of hourly temperatures around the monthly mean [K].
    t_min_c, t_max_c
        Centres of the lowest and highest bin [°C]; the tails beyond are lumped into them.

    Returns
    -------
    TemperatureBins
        Bins with centres ``t_min_c .. t_max_c``; each month's hours are preserved exactly.
    """
    mean = np.asarray(monthly_mean_c, dtype=float)
    hours = np.asarray(month_hours, dtype=float)
    centres = np.arange(t_min_c, t_max_c + 1, dtype=float)
    edges = np.concatenate(([-np.inf], centres[1:] - 0.5, [np.inf]))
    cdf = ndtr((edges[None, :] - mean[:, None]) / sd_k)
    by_month = np.diff(cdf, axis=1) * hours[:, None]
    return TemperatureBins(temp_c=centres, hours=by_month.sum(axis=0), hours_by_month=by_month)


def temperature_bins(params: Params) -> TemperatureBins:
    """The packaged Drenthe (KNMI Eelde) bin table ``climate_drenthe``."""
    table = params.table("climate_drenthe")
    by_month = table[[f"hours_{m}" for m in MONTHS]].to_numpy(dtype=float).T
    return TemperatureBins(
        temp_c=table["temp_c"].to_numpy(dtype=float),
        hours=table["hours"].to_numpy(dtype=float),
        hours_by_month=by_month,
    )


def monthly_climate(params: Params, station: str = "eelde") -> MonthlyClimate:
    """Monthly climate from ``physics_climate_monthly``.

    Parameters
    ----------
    params
        Parameters holding the table.
    station
        ``"eelde"`` (KNMI 280, the default for Drenthe) or ``"nta8800_debilt"`` (the NTA 8800
        reference climate, used to compare with RVO's NTA 8800 results).
    """
    table = params.table("physics_climate_monthly")
    column = {"eelde": "temp_eelde_c", "nta8800_debilt": "temp_nta8800_debilt_c"}[station]
    return MonthlyClimate(
        hours=table["hours"].to_numpy(dtype=float),
        temp_c=table[column].to_numpy(dtype=float),
        irradiance_vertical_w_m2=table["irradiance_vertical_mean_w_m2"].to_numpy(dtype=float),
        irradiance_pv_w_m2=table["irradiance_45deg_south_w_m2"].to_numpy(dtype=float),
    )


def heating_degree_days(bins: TemperatureBins, base_c: float = 18.0) -> float:
    """Heating degree days [K·d] from the bin table: Σ hours · max(base − T, 0) / 24."""
    return float(np.sum(bins.hours * np.maximum(base_c - bins.temp_c, 0.0)) / 24.0)


def heating_degree_hours_by_month(bins: TemperatureBins, limit_c: float) -> np.ndarray:
    """Heating degree hours per month [K·h], shape (12,), below the heating limit ``limit_c``."""
    return bins.hours_by_month @ np.maximum(limit_c - bins.temp_c, 0.0)

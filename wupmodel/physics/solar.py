"""Rooftop PV, PV self-consumption and solar water heaters."""

from __future__ import annotations

import numpy as np

from wupmodel.params import Params
from wupmodel.physics._memo import per_params
from wupmodel.physics.climate import (
    heating_degree_hours_by_month,
    monthly_climate,
    temperature_bins,
)
from wupmodel.physics.demand import GJ_TO_KWH

__all__ = ["pv_system", "pv_self_consumption_kwh", "solar_thermal", "monthly_profiles"]


def pv_system(
    roof_area_m2: np.ndarray, params: Params
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Rooftop PV that fits the roof, capped at a typical residential size.

    Parameters
    ----------
    roof_area_m2
        Roof area per dwelling [m²] (NaN or negative = no roof available).
    params
        ``pv.*`` and ``cost.pv_eur_per_wp``.

    Returns
    -------
    tuple of np.ndarray
        (kwp [kWp], yield_kwh [kWh/yr], capex_eur incl. VAT [€]), each shaped like the input.
    """
    roof = np.nan_to_num(np.asarray(roof_area_m2, dtype=float), nan=0.0)
    kwp = np.clip(
        roof * params["pv.usable_roof_share"] * params["pv.kwp_per_m2"], 0.0, params["pv.max_kwp"]
    )
    return (
        kwp,
        kwp * params["pv.specific_yield_kwh_per_kwp"],
        kwp * 1000.0 * params["cost.pv_eur_per_wp"],
    )


def monthly_profiles(params: Params) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Monthly shares (12,) of PV yield, of flat demand and of seasonal heating electricity.

    PV follows the NTA 8800 irradiance on a 45° south-facing plane; flat demand the hours of the
    month; heating the Drenthe heating degree hours below the heating limit.
    """
    clim = monthly_climate(params)
    pv = clim.irradiance_pv_w_m2 * clim.hours
    flat = clim.hours
    heat = heating_degree_hours_by_month(
        temperature_bins(params), params["physics.heating_limit_temp_c"]
    )
    return pv / pv.sum(), flat / flat.sum(), heat / heat.sum()


_PV_BLOCK = (
    16384  # elements per block of the monthly balance: (12, block) temporaries stay in cache
)


@per_params
def _self_consumption_coefficients(params: Params) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Month weights of the overlap sum, computed once per Params (see pv_self_consumption_kwh).

    min(pv·a_m, flat·b_m + seasonal·c_m) = a_m · min(pv, flat·b_m/a_m + seasonal·c_m/a_m) for
    a_m > 0, so the overlap is a_m @ min(pv, coef @ [flat; seasonal]). Months without PV
    (a_m = 0) add min(pv·0, flat·b_m + seasonal·c_m) and are kept apart.
    Returns (a of the PV months, coef (M, 2) of the PV months, (b, c) (M0, 2) of the others).
    """
    f_pv, f_flat, f_heat = monthly_profiles(params)
    sun = f_pv > 0
    coef = np.stack([f_flat[sun] / f_pv[sun], f_heat[sun] / f_pv[sun]], axis=1)
    dark = np.stack([f_flat[~sun], f_heat[~sun]], axis=1)
    out = (np.ascontiguousarray(f_pv[sun]), coef, dark)
    for a in out:
        a.setflags(write=False)
    return out


def pv_self_consumption_kwh(
    pv_yield_kwh: np.ndarray,
    electricity_demand_kwh: np.ndarray,
    heating_electricity_kwh: np.ndarray,
    params: Params,
) -> np.ndarray:
    """PV electricity used on site [kWh/yr]; arguments broadcast against each other.

    Monthly balance: PV and demand are spread over the months (demand other than heating flat,
    heating electricity partly flat (``pv.heating_flat_share``) and otherwise by heating degree
    hours, so it falls mostly in winter when PV is low); within a month only
    ``pv.within_month_simultaneity`` of the overlap min(PV, demand) is simultaneous. Never above
    the yield or the demand.

    Parameters
    ----------
    pv_yield_kwh
        PV production [kWh/yr].
    electricity_demand_kwh
        Total electricity demand incl. heating [kWh/yr].
    heating_electricity_kwh
        The part of the demand used by the heating system [kWh/yr].
    params
        Parameters.
    """
    pv, demand, heating = np.broadcast_arrays(
        *(
            np.atleast_1d(np.asarray(x, dtype=float))
            for x in (pv_yield_kwh, electricity_demand_kwh, heating_electricity_kwh)
        )
    )
    scalar = all(
        np.ndim(x) == 0 for x in (pv_yield_kwh, electricity_demand_kwh, heating_electricity_kwh)
    )
    a_sun, coef, dark = _self_consumption_coefficients(params)
    seasonal_share = 1.0 - params["pv.heating_flat_share"]
    simultaneity = params["pv.within_month_simultaneity"]

    # Blocks of rows along the first axis, so that every temporary stays in cache.
    shape = pv.shape
    rows_per_block = max(1, _PV_BLOCK // max(1, int(np.prod(shape[1:]))))
    out = np.empty(shape)
    size = min(shape[0], rows_per_block) * (pv.size // max(shape[0], 1))
    x_buf = np.empty((2, size))  # [flat; seasonal] demand
    month_buf = np.empty((a_sun.size, size))  # per month: min(PV, demand / PV share)
    for lo in range(0, shape[0], rows_per_block):  # blocks of rows, not single dwellings
        rows = slice(lo, lo + rows_per_block)
        p, d = pv[rows].ravel(), demand[rows].ravel()
        x, month = x_buf[:, : p.size], month_buf[:, : p.size]
        heat = np.minimum(np.clip(heating[rows].ravel(), 0.0, None), d)
        np.multiply(heat, seasonal_share, out=x[1])
        np.subtract(d, x[1], out=x[0])
        np.matmul(coef, x, out=month)
        np.minimum(month, p, out=month)
        overlap = a_sun @ month
        if dark.size:
            overlap += np.minimum(dark @ x, p * 0.0).sum(axis=0)  # PV × a_m = 0 (NaN for inf PV)
        overlap *= simultaneity
        np.minimum(overlap, np.minimum(p, d), out=overlap)
        out[rows] = np.clip(overlap, 0.0, None).reshape((-1, *shape[1:]))
    return out[0] if scalar else out


def solar_thermal(hot_water_kwh: np.ndarray, params: Params) -> tuple[np.ndarray, np.ndarray]:
    """Solar water heater of ``solar_thermal.collector_m2``.

    Returns
    -------
    tuple of np.ndarray
        (hot-water heat supplied by the collector [kWh/yr], capex_eur incl. VAT [€]); supply is
        the collector yield capped at ``solar_thermal.max_solar_fraction`` of the demand.
    """
    demand = np.clip(np.asarray(hot_water_kwh, dtype=float), 0.0, None)
    area = params["solar_thermal.collector_m2"]
    yield_kwh = area * params["solar_thermal.yield_gj_per_m2"] * GJ_TO_KWH
    supplied = np.minimum(yield_kwh, params["solar_thermal.max_solar_fraction"] * demand)
    capex = np.full(demand.shape, area * params["cost.solar_thermal_eur_per_m2"])
    return supplied, capex

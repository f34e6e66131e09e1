"""Rooftop PV, the month shares of PV, flat and heating profiles, and solar water heaters.

PV used at home comes from the hours: :mod:`wupmodel.physics.selfuse`.
"""

from __future__ import annotations

import numpy as np

from wupmodel.params import Params
from wupmodel.physics.climate import (
    heating_degree_hours_by_month,
    monthly_climate,
    temperature_bins,
)
from wupmodel.physics.demand import GJ_TO_KWH

__all__ = ["pv_system", "solar_thermal", "monthly_profiles"]


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

"""Winter comfort and health: cold surfaces, draught, and the risk of damp and mould.

* **Cold surfaces.** The inner surface of an element is colder than the room air by
  R_si · U · (θ_i − θ_e) (NEN-EN-ISO 6946, R_si = 0.13 m²K/W); averaged over the envelope area
  at the design temperatures it says how cold the walls and windows feel (radiant asymmetry,
  cold down-draught along glass). Insulation lowers U, so it never makes this worse.
* **Draught.** The air leakage qv10 after the option's measures (draught-proofing, airtight
  deep renovation).
* **Damp and mould** (NEN-EN-ISO 13788). The household's moisture raises the indoor vapour
  pressure by Δp = G / q · R_v · T_i over the outdoor air's, where q is the air actually exchanged:
  the leakage plus the share of the required ventilation that natural supply delivers in winter
  (balanced mechanical ventilation delivers all of it). Mould can grow where the relative
  humidity at the coldest opaque surface (R_si = 0.25 m²K/W) reaches 0.8. Insulation warms the
  surfaces; draught-proofing without ventilation lowers q: insulation without ventilation can
  raise the risk.
"""

from __future__ import annotations

import numpy as np

from wupmodel.criteria.tables import DampSettings

__all__ = [
    "R_VAPOUR_J_KG_K",
    "surface_temp_drop_k",
    "cold_surface_k",
    "saturation_pressure_pa",
    "indoor_vapour_pressure_pa",
    "surface_rh",
]

#: Gas constant of water vapour [J/(kg·K)] (NEN-EN-ISO 13788 table 1: 462; 461.5 from R/M).
R_VAPOUR_J_KG_K = 461.5


def surface_temp_drop_k(
    u_w_m2k: np.ndarray | float, rsi_m2k_w: float, delta_t_k: np.ndarray | float
) -> np.ndarray:
    """How much colder the inner surface is than the room air: R_si · U · Δθ [K]."""
    return rsi_m2k_w * np.asarray(u_w_m2k, dtype=float) * np.asarray(delta_t_k, dtype=float)


def cold_surface_k(
    u_w_m2k: np.ndarray,
    element_area_m2: np.ndarray,
    floor_b_factor: np.ndarray,
    rsi_m2k_w: float,
    delta_t_k: float,
) -> np.ndarray:
    """Area-weighted mean surface-temperature drop over the envelope [K].

    Parameters
    ----------
    u_w_m2k
        (..., L, 5) U-values (floor, facade, roof, window, door).
    element_area_m2
        (..., 5) element areas.
    floor_b_factor
        (...,) the ground floor's temperature reduction factor (the crawl space is warmer than
        outdoors).
    rsi_m2k_w
        Internal surface resistance.
    delta_t_k
        Indoor minus outdoor design temperature.
    """
    u = np.asarray(u_w_m2k, dtype=float)
    area = np.asarray(element_area_m2, dtype=float)[..., None, :]
    b = np.ones(u.shape[:-2] + (1, 5))
    b[..., 0] = np.asarray(floor_b_factor, dtype=float)[..., None]
    drop = surface_temp_drop_k(u * b, rsi_m2k_w, delta_t_k)
    return (drop * area).sum(axis=-1) / area.sum(axis=-1)


def saturation_pressure_pa(temp_c: np.ndarray | float) -> np.ndarray:
    """Saturation vapour pressure [Pa] (NEN-EN-ISO 13788 annex E, over water / over ice)."""
    t = np.asarray(temp_c, dtype=float)
    return np.where(
        t >= 0.0,
        610.5 * np.exp(17.269 * t / (237.3 + t)),
        610.5 * np.exp(21.875 * t / (265.5 + t)),
    )


def indoor_vapour_pressure_pa(
    air_exchange_dm3s: np.ndarray | float,
    indoor_temp_c: float,
    outdoor_temp_c: float,
    settings: DampSettings,
) -> np.ndarray:
    """Indoor vapour pressure [Pa]: the outdoor air's plus the household's moisture in it.

    Δν = G / q [kg/m³] with G the moisture production [kg/s] and q the air exchanged [m³/s];
    Δp = Δν · R_v · T_i.
    """
    q_m3s = np.maximum(np.asarray(air_exchange_dm3s, dtype=float), 1e-6) / 1000.0
    g_kg_s = settings.moisture_production_kg_per_day / 86400.0
    excess = g_kg_s / q_m3s * R_VAPOUR_J_KG_K * (indoor_temp_c + 273.15)
    return settings.winter_outdoor_rh * saturation_pressure_pa(outdoor_temp_c) + excess


def surface_rh(vapour_pressure_pa: np.ndarray, surface_temp_c: np.ndarray | float) -> np.ndarray:
    """Relative humidity at a surface (capped at 1: condensation)."""
    return np.minimum(vapour_pressure_pa / saturation_pressure_pa(surface_temp_c), 1.0)

"""Summer overheating: the NTA 8800 July cooling balance and the TOjuli indicator.

NTA 8800 §5.7 (formula 5.40) rates the risk of overheating of a dwelling per facade as

    TOjuli = Q_C;nd;juli · 1000 / (H · t_juli)        [K]

the July cooling need at the cooling setpoint (24 °C, table 7.13) divided by the heat transfer
of the zone and the hours of July; Bbl 4.149b limits it to 1.20 for new dwellings without active
cooling (§5.7.1: sufficient active cooling counts as TOjuli = 0). The need is the monthly
cooling balance of NTA 8800 7.52–7.55:

    Q_C;nd = Q_C;gn − η_C;ls · Q_C;ht,   η_C;ls = (1 − γ^−a) / (1 − γ^−(a+1)),   γ = Q_gn / Q_ht

with the internal gains (180 W per occupant, NTA 8800 7.21–7.24), the window solar gains less
the long-wave loss to the sky (7.32, 7.39, 7.40) and the transmission and ventilation losses at
(θ_C;set − θ_e); a = a0 + τ/τ0 with the time constant τ of the zone.

Per facade, NTA 8800 shares the zone's losses and internal gains by facade area; with the glazing
spread over the facades in proportion to their area, every facade's TOjuli equals the whole
dwelling's with that facade's irradiance, so the largest is the dwelling's balance on the worst
facade's irradiance (south-west in July, NTA 8800 table 17.2). All functions broadcast.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from wupmodel.criteria.tables import SummerSettings
from wupmodel.params import Params

__all__ = [
    "SummerDwelling",
    "Month",
    "GainSettings",
    "occupants",
    "cooling_need_kwh",
    "tojuli_k",
    "air_cooling_eer",
]


@dataclass(frozen=True)
class SummerDwelling:
    """The dwelling in the cooling balance; every field broadcasts against the others.

    Attributes
    ----------
    floor_area_m2
        Usable floor area [m²].
    h_tr_w_k, h_ve_w_k
        Transmission and ventilation heat-transfer coefficients in summer [W/K] (no heat
        recovery: the bypass is open).
    window_area_m2, window_g, window_u_w_m2k
        Window area [m²], solar transmittance [-] and U-value [W/m²K].
    """

    floor_area_m2: np.ndarray | float
    h_tr_w_k: np.ndarray | float
    h_ve_w_k: np.ndarray | float
    window_area_m2: np.ndarray | float
    window_g: np.ndarray | float
    window_u_w_m2k: np.ndarray | float


@dataclass(frozen=True)
class Month:
    """One month: hours, mean outdoor temperature [°C], irradiance on the glass [W/m²]."""

    hours_h: float
    outdoor_temp_c: float
    irradiance_w_m2: float


@dataclass(frozen=True)
class GainSettings:
    """Gains, utilisation and setpoint of the NTA 8800 cooling balance (packaged ``physics.*``)."""

    cooling_setpoint_c: float
    internal_gain_per_person_w: float
    solar_angle_factor: float
    frame_fraction: float
    sky_loss_w_per_w_k: float
    sun_shading_factor: float
    heat_capacity_kj_m2k: float
    utilisation_a0: float
    utilisation_tau0_h: float
    occupancy: tuple[float, float, float, float, float]

    @classmethod
    def of(cls, params: Params, summer: SummerSettings) -> GainSettings:
        p = params
        return cls(
            cooling_setpoint_c=summer.cooling_setpoint_c,
            internal_gain_per_person_w=p["physics.internal_gain_per_person_w"],
            solar_angle_factor=p["physics.solar_angle_factor"],
            frame_fraction=p["physics.window_frame_fraction"],
            sky_loss_w_per_w_k=p["physics.sky_view_factor_vertical"]
            * p["physics.external_surface_resistance_m2k_w"]
            * p["physics.sky_radiation_coefficient_w_m2k"]
            * p["physics.sky_temperature_difference_k"],
            sun_shading_factor=summer.sun_shading_factor,
            heat_capacity_kj_m2k=p["physics.heat_capacity_kj_m2k"],
            utilisation_a0=p["physics.utilisation_a0"],
            utilisation_tau0_h=p["physics.utilisation_tau0_h"],
            occupancy=(
                p["physics.occupancy_area_low_m2"],
                p["physics.occupancy_area_high_m2"],
                p["physics.occupants_at_area_low"],
                p["physics.occupants_at_area_high"],
                p["physics.occupants_per_m2_above_high"],
            ),
        )


def occupants(floor_area_m2: np.ndarray | float, gains: GainSettings) -> np.ndarray:
    """NTA 8800 eq. 7.22–7.24: occupants from the floor area (1 up to 30 m², 2.28 at 100 m²)."""
    a = np.asarray(floor_area_m2, dtype=float)
    a_lo, a_hi, n_lo, n_hi, per_m2 = gains.occupancy
    mid = n_lo + (n_hi - n_lo) * (a - a_lo) / (a_hi - a_lo)
    return np.where(a <= a_lo, n_lo, np.where(a <= a_hi, mid, n_hi + per_m2 * (a - a_hi)))


def cooling_need_kwh(dwelling: SummerDwelling, month: Month, gains: GainSettings) -> np.ndarray:
    """Net cooling need of the month, Q_C;nd [kWh] (NTA 8800 7.52–7.55).

    Returns an array of the broadcast shape of ``dwelling``'s fields; 0 where the losses are
    more than twice the gains (NTA 8800: no cooling need).
    """
    d, g = dwelling, gains
    kh = month.hours_h / 1000.0
    area = np.asarray(d.floor_area_m2, dtype=float)
    aw = np.asarray(d.window_area_m2, dtype=float)
    internal = g.internal_gain_per_person_w * occupants(area, g)
    sky = g.sky_loss_w_per_w_k * np.asarray(d.window_u_w_m2k, dtype=float) * aw
    solar = (
        g.solar_angle_factor
        * np.asarray(d.window_g, dtype=float)
        * (1.0 - g.frame_fraction)
        * aw
        * g.sun_shading_factor
        * month.irradiance_w_m2
    )
    q_gn = (internal + solar - sky) * kh
    h = np.asarray(d.h_tr_w_k, dtype=float) + np.asarray(d.h_ve_w_k, dtype=float)
    q_ht = h * (g.cooling_setpoint_c - month.outdoor_temp_c) * kh
    tau_h = g.heat_capacity_kj_m2k / 3.6 * area / h
    a = g.utilisation_a0 + tau_h / g.utilisation_tau0_h
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        gamma = q_gn / q_ht
        eta = (1.0 - gamma ** (-a)) / (1.0 - gamma ** (-(a + 1.0)))
    eta = np.where(np.abs(gamma - 1.0) < 1e-9, a / (a + 1.0), eta)
    eta = np.where(q_ht <= 0.0, 1.0, eta)  # outdoor warmer than the setpoint: all losses count
    need = np.maximum(q_gn - eta * q_ht, 0.0)
    no_need = (q_gn <= 0.0) | ((q_ht > 0.0) & (q_ht > 2.0 * q_gn))
    return np.where(no_need, 0.0, need)


def tojuli_k(
    need_kwh: np.ndarray | float, h_total_w_k: np.ndarray | float, hours_h: float
) -> np.ndarray:
    """NTA 8800 formula 5.40: TOjuli = Q_C;nd;juli · 1000 / (H · t_juli) [K]."""
    return np.asarray(need_kwh, dtype=float) * 1000.0 / (np.asarray(h_total_w_k) * hours_h)


def air_cooling_eer(
    outdoor_temp_c: np.ndarray | float, flow_temp_c: float, fit: tuple[float, ...]
) -> np.ndarray:
    """EER of an air/water heat pump cooling: hplib's fit p1·T_in + p2·T_out + p3 + p4·T_amb.

    For an outdoor-air unit T_in = T_amb = the outdoor temperature; T_out is the chilled-water
    flow temperature [°C]. Floored at 1.
    """
    p1, p2, p3, p4 = fit
    t = np.asarray(outdoor_temp_c, dtype=float)
    return np.maximum(p1 * t + p2 * flow_temp_c + p3 + p4 * t, 1.0)

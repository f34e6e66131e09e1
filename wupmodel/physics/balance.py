"""NTA 8800 / EN ISO 13790 monthly heat balance of dwellings (the theoretical space-heat need).

Moved out of :mod:`wupmodel.physics.demand` (which keeps the archetypes, the envelope and the
building response): setpoint with temperature levelling and night setback, internal and solar
gains with utilisation. See :func:`space_heat_need_kwh`.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from wupmodel.params import Params
from wupmodel.physics.climate import MonthlyClimate

__all__ = ["space_heat_need_kwh", "window_g_value"]

_BLOCK = 2048  # dwelling-levels per block of the monthly balance: (12, block) arrays stay in cache


def window_g_value(u_window_w_m2k: np.ndarray, params: Params) -> np.ndarray:
    """Solar transmittance g of the glazing, from its U-value class (single, double/HR, HR++,
    triple)."""
    p = params
    u = np.asarray(u_window_w_m2k, dtype=float)
    # The first class whose lower U bound the glazing reaches (nested where: np.select is slower).
    return np.where(
        u >= p["physics.u_class_single_w_m2k"],
        p["physics.g_single"],
        np.where(
            u >= p["physics.u_class_double_w_m2k"],
            p["physics.g_double"],
            np.where(
                u >= p["physics.u_class_hrpp_w_m2k"], p["physics.g_hrpp"], p["physics.g_triple"]
            ),
        ),
    )


def _occupants(floor_area_m2: np.ndarray, params: Params) -> np.ndarray:
    """NTA 8800 eq. 7.22–7.24: occupants per dwelling from the usable area.

    1 occupant up to 30 m², rising linearly to 2.28 at 100 m², then 0.01 per m² more.
    """
    a = np.asarray(floor_area_m2, dtype=float)
    a_lo, a_hi = params["physics.occupancy_area_low_m2"], params["physics.occupancy_area_high_m2"]
    n_lo, n_hi = params["physics.occupants_at_area_low"], params["physics.occupants_at_area_high"]
    mid = n_lo + (n_hi - n_lo) * (a - a_lo) / (a_hi - a_lo)
    high = n_hi + params["physics.occupants_per_m2_above_high"] * (a - a_hi)
    return np.where(a <= a_lo, n_lo, np.where(a <= a_hi, mid, high))


def space_heat_need_kwh(
    floor_area_m2: np.ndarray,
    h_tr_w_k: np.ndarray,
    h_ve_w_k: np.ndarray,
    window_area_m2: np.ndarray,
    window_u_w_m2k: np.ndarray,
    apartment: np.ndarray,
    climate: MonthlyClimate,
    params: Params,
) -> np.ndarray:
    """Annual net space-heat need [kWh/yr] by the NTA 8800 / EN ISO 13790 monthly method.

    All arguments broadcast against each other (e.g. (n, 1) and (n, L)); the month axis is
    added internally.

    Parameters
    ----------
    floor_area_m2
        Usable floor area [m²].
    h_tr_w_k, h_ve_w_k
        Transmission and ventilation heat-transfer coefficients [W/K].
    window_area_m2, window_u_w_m2k
        Window area [m²] and U-value [W/m²K] (g follows from the U-value class).
    apartment
        True for dwellings in an apartment building (NTA 8800 7.78: f_mod;sp 0.5 instead of 0.6).
    climate
        Monthly outdoor temperature and irradiance.
    params
        Parameters (``physics.*``).
    """
    p = params
    f32 = np.float32
    inputs = np.broadcast_arrays(
        *(
            np.atleast_1d(np.asarray(x))
            for x in (floor_area_m2, h_tr_w_k, h_ve_w_k, window_area_m2, window_u_w_m2k, apartment)
        )
    )
    shape = inputs[0].shape
    scalar = all(
        np.ndim(x) == 0
        for x in (floor_area_m2, h_tr_w_k, h_ve_w_k, window_area_m2, window_u_w_m2k, apartment)
    )

    months = _MonthConstants.of(climate, p)
    # Blocks of rows along the first axis (all arrays of a block are small and stay in cache).
    inner = int(np.prod(shape[1:]))
    rows_per_block = max(1, _BLOCK // max(inner, 1))
    scratch = _Scratch.of(months.n, min(shape[0], rows_per_block) * inner)
    out = np.empty(shape)
    if out.size == 0:
        return out
    for lo in range(0, shape[0], rows_per_block):  # blocks of dwellings, not single ones
        rows = slice(lo, lo + rows_per_block)
        area, h_tr, h_ve, aw, uw, apt = (x[rows].ravel() for x in inputs)
        block = _Block(
            floor_area_m2=area.astype(f32),
            h_w_k=(h_tr.astype(float) + h_ve.astype(float)).astype(f32),
            window_area_m2=aw.astype(f32),
            window_u_w_m2k=uw.astype(f32),
            apartment=apt.astype(bool),
        )
        need = _monthly_balance(block, months, p, scratch.first(area.size))
        out[rows] = need.reshape(-1, *shape[1:])
    return out[0] if scalar else out


class _MonthConstants(NamedTuple):
    """Month quantities of the balance as (12, 1) columns (the balance works on (12, m) arrays)."""

    t_kh32: np.ndarray  # hours of the month / 1000 (W × kh = kWh), float32
    it_kh32: np.ndarray  # vertical irradiance × kh, float32
    t_kh64: np.ndarray  # t_kh32 as float64
    set_te64: np.ndarray  # setpoint − outdoor temperature (computed in float32)
    setback_te64: np.ndarray  # setback temperature − outdoor temperature (computed in float32)
    sky: float  # long-wave loss of glass to the sky per (W/m²K × m²)
    n: int

    @classmethod
    def of(cls, climate: MonthlyClimate, p: Params) -> _MonthConstants:
        f32 = np.float32
        te = climate.temp_c.astype(f32)
        t_kh = (climate.hours / 1000.0).astype(f32)
        it_kh = (climate.irradiance_vertical_w_m2 * t_kh).astype(f32)
        sky = (
            p["physics.sky_view_factor_vertical"]
            * p["physics.external_surface_resistance_m2k_w"]
            * p["physics.sky_radiation_coefficient_w_m2k"]
            * p["physics.sky_temperature_difference_k"]
        )
        return cls(
            t_kh[:, None],
            it_kh[:, None],
            t_kh.astype(float)[:, None],
            (p["physics.heating_setpoint_c"] - te).astype(float)[:, None],
            (p["physics.setback_temp_c"] - te).astype(float)[:, None],
            sky,
            te.size,
        )


class _Block(NamedTuple):
    """The m dwelling-levels of one block of the balance, shape (m,).

    The dwelling quantities are float32, as the balance is good to ~1e-6 relative (float32 ×
    float64 promotes to float64, so their float64 copies used with the float64 month arrays
    give the same numbers as mixing the types there).
    """

    floor_area_m2: np.ndarray  # usable floor area [m²], float32
    h_w_k: np.ndarray  # transmission + ventilation heat-transfer coefficient [W/K], float32
    window_area_m2: np.ndarray  # float32
    window_u_w_m2k: np.ndarray  # float32
    apartment: np.ndarray  # bool


class _Scratch(NamedTuple):
    """Reusable (months, m) work arrays of :func:`_monthly_balance`, named by what they hold."""

    gains32: np.ndarray  # gains [kWh/month] as computed, float32
    solar32: np.ndarray  # solar gains [kWh/month], float32
    gains_kwh: np.ndarray  # the gains as float64
    setpoint_diff_k: np.ndarray  # levelled setpoint − outdoor temperature [K]
    setpoint_loss_kwh: np.ndarray  # heat loss at the levelled setpoint [kWh/month]
    heat_loss_kwh: np.ndarray  # heat loss with the night setback [kWh/month]
    work: np.ndarray  # (6, months, m) float64 temporaries of the setback and utilisation terms
    flag: np.ndarray  # bool

    @classmethod
    def of(cls, n_months: int, size: int) -> _Scratch:
        f32 = np.empty((2, n_months, size), dtype=np.float32)
        f64 = np.empty((10, n_months, size))
        return cls(
            f32[0], f32[1], f64[0], f64[1], f64[2], f64[3], f64[4:], np.empty_like(f32[0], bool)
        )

    def first(self, m: int) -> _Scratch:
        """Views of the first ``m`` columns."""
        return _Scratch(*(x[..., :m] for x in self))


class _Dynamics(NamedTuple):
    """Per dwelling-level constants of the levelling, setback and utilisation terms, (m,)."""

    levelling: np.ndarray  # k of 7.78: θ_set,eff − θ_e = (θ_set − θ_e)·(1 − k), float64
    h_w_k64: np.ndarray  # the block's heat-transfer coefficient [W/K] as float64
    setback_ratio64: np.ndarray  # setback hours / time constant τ [-]
    free_cooling_mean64: np.ndarray  # mean of the free-cooling curve over the setback [-]
    utilisation_a: np.ndarray  # gain-utilisation parameter a_H [-], float32
    utilisation_a64: np.ndarray  # a_H as float64

    @classmethod
    def of(cls, block: _Block, p: Params) -> _Dynamics:
        """Temperature levelling (7.78), intermittent heating: time constant [h] and setback
        ratio, and the gain utilisation parameter a_H."""
        a, h = block.floor_area_m2, block.h_w_k
        f_sp = np.where(
            block.apartment,
            p["physics.level_spatial_fraction_apartment"],
            p["physics.level_spatial_fraction_house"],
        )
        h_e = f_sp * h / a
        k = (
            p["physics.level_time_fraction"]
            * f_sp
            * h_e
            / (h_e + p["physics.level_internal_conductance_w_m2k"])
        )
        tau_h = p["physics.heat_capacity_kj_m2k"] / 3.6 * a / h
        pr = p["physics.setback_hours_per_day"] / tau_h
        e_full = -np.expm1(-pr) / pr  # mean of the free-cooling curve over the setback period
        a_h = p["physics.utilisation_a0"] + tau_h / p["physics.utilisation_tau0_h"]
        h64, pr64, e_full64, a_h64 = (x.astype(float) for x in (h, pr, e_full, a_h))
        return cls(k, h64, pr64, e_full64, a_h, a_h64)


def _monthly_balance(
    block: _Block, months: _MonthConstants, p: Params, scratch: _Scratch
) -> np.ndarray:
    """Annual space-heat need [kWh/yr] of a block of m dwelling-levels, shape (m,).

    need = heat loss with the night setback − utilisation × gains, per month, ≥ 0; see
    :func:`space_heat_need_kwh`. The terms work in place on ``scratch``.
    """
    dynamics = _Dynamics.of(block, p)
    gains_kwh = _gains_kwh(block, months, p, scratch)
    diff_k, setpoint_loss_kwh = _setpoint_loss_kwh(dynamics, months, scratch)
    float_ratio, setback_ratio = _float_and_setback_ratios(
        gains_kwh, setpoint_loss_kwh, diff_k, months, scratch.work
    )
    a_red = _setback_reduction(float_ratio, setback_ratio, dynamics, p, scratch.work)
    heat_loss_kwh = np.multiply(setpoint_loss_kwh, a_red, out=scratch.heat_loss_kwh)

    gamma = float_ratio  # the free-floating ratio is no longer needed
    eta = _gain_utilisation(gains_kwh, heat_loss_kwh, dynamics, scratch, gamma_out=gamma)
    eta *= gains_kwh
    need_kwh = heat_loss_kwh
    need_kwh -= eta
    np.maximum(need_kwh, 0.0, out=need_kwh)
    np.copyto(need_kwh, 0.0, where=gamma > p["physics.gamma_max"])
    return _annual_sum(need_kwh)


def _gains_kwh(block: _Block, months: _MonthConstants, p: Params, scratch: _Scratch) -> np.ndarray:
    """Monthly heat gains [kWh/month], (months, m), computed in float32: internal gains, window
    solar gains minus the long-wave loss of the glass to the sky (7.21, 7.32, 7.39, 7.40).

    Gains = c_t · t + c_i · I·t with c_t [W] and c_i [m²] per dwelling-level.
    """
    aw, uw = block.window_area_m2, block.window_u_w_m2k
    c_t_w = (
        p["physics.internal_gain_per_person_w"] * _occupants(block.floor_area_m2, p)
        - months.sky * uw * aw
    ).astype(np.float32)
    c_i_m2 = (
        p["physics.solar_angle_factor"]
        * window_g_value(uw, p)
        * (1.0 - p["physics.window_frame_fraction"])
        * aw
    ).astype(np.float32)
    gains32, solar32 = scratch.gains32, scratch.solar32
    np.multiply(months.t_kh32, c_t_w, out=gains32)
    np.multiply(months.it_kh32, c_i_m2, out=solar32)
    gains32 += solar32
    scratch.gains_kwh[...] = gains32
    return scratch.gains_kwh


def _setpoint_loss_kwh(
    dynamics: _Dynamics, months: _MonthConstants, scratch: _Scratch
) -> tuple[np.ndarray, np.ndarray]:
    """The levelled setpoint − outdoor temperature [K] and the heat loss at it [kWh/month]."""
    diff_k, loss_kwh = scratch.setpoint_diff_k, scratch.setpoint_loss_kwh
    np.multiply(months.set_te64, 1.0 - dynamics.levelling, out=diff_k)
    np.maximum(diff_k, 1e-9, out=diff_k)  # K
    np.multiply(diff_k, dynamics.h_w_k64, out=loss_kwh)
    loss_kwh *= months.t_kh64
    return diff_k, loss_kwh


def _float_and_setback_ratios(
    gains_kwh: np.ndarray,
    setpoint_loss_kwh: np.ndarray,
    diff_k: np.ndarray,
    months: _MonthConstants,
    work: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """The free-floating ratio d_float = min(gains / loss, 1) (in ``work[0]``: the share of the
    setpoint difference the gains alone would keep) and the setback ratio
    d_set = (θ_setback − θ_e) / (θ_set,eff − θ_e) in [0, 1] (in ``work[1]``)."""
    d_float, d_set = work[0], work[1]
    np.divide(gains_kwh, setpoint_loss_kwh, out=d_float)
    np.minimum(d_float, 1.0, out=d_float)
    np.divide(months.setback_te64, diff_k, out=d_set)
    np.clip(d_set, 0.0, 1.0, out=d_set)
    return d_float, d_set


def _setback_reduction(
    d_float: np.ndarray, d_set: np.ndarray, dynamics: _Dynamics, p: Params, work: np.ndarray
) -> np.ndarray:
    """Reduction a_red of the heat loss by intermittent heating with night setback (7.59–7.73),
    (months, m), in ``work[3]``; uses ``work[2:]``."""
    gap, a_red, t1, t2 = work[2], work[3], work[4], work[5]
    pr64 = dynamics.setback_ratio64
    np.subtract(d_set, d_float, out=gap)
    np.subtract(1.0, d_float, out=t2)  # 1 − d_float
    np.multiply(t2, dynamics.free_cooling_mean64, out=a_red)
    a_red += d_float  # mean reduction if the setback temperature is not reached
    np.maximum(gap, 1e-30, out=t1)
    np.maximum(t2, 1e-30, out=t2)
    t1 /= t2
    below = gap > 0
    for month in np.flatnonzero(below.any(axis=1)):  # the log only in months where it is used
        np.log(t1[month], out=t1[month])
    t1 /= -pr64  # f_low = −log(…)/pr: share of the period at the setback temperature
    reached = below & (t1 < 1.0)  # the setback temperature is reached within the period
    np.subtract(1.0, d_set, out=t2)
    t2 /= pr64
    t2 += d_set
    t1 *= gap
    t2 -= t1
    np.copyto(a_red, t2, where=reached)
    np.clip(a_red, 0.0, 1.0, out=a_red)
    np.subtract(1.0, a_red, out=a_red)
    a_red *= p["physics.setback_hours_per_day"] / 24.0
    np.subtract(1.0, a_red, out=a_red)
    return a_red


def _gain_utilisation(
    gains_kwh: np.ndarray,
    heat_loss_kwh: np.ndarray,
    dynamics: _Dynamics,
    scratch: _Scratch,
    *,
    gamma_out: np.ndarray,
) -> np.ndarray:
    """Gain utilisation η = (1 − γ^a)/(1 − γ^(a+1)) with γ = gains / loss (7.46–7.56),
    (months, m); γ goes into ``gamma_out``. Uses ``scratch.work[3:]`` and ``scratch.flag``."""
    gamma = gamma_out
    t_abs, t1, t2 = scratch.work[3], scratch.work[4], scratch.work[5]
    np.divide(gains_kwh, heat_loss_kwh, out=gamma)
    np.maximum(gamma, 1e-30, out=t1)
    np.log(t1, out=t1)
    t1 *= dynamics.utilisation_a64
    np.exp(t1, out=t1)  # γ^a
    np.multiply(t1, gamma, out=t2)
    np.subtract(1.0, t2, out=t2)
    np.subtract(1.0, t1, out=t1)
    np.subtract(gamma, 1.0, out=t_abs)
    np.abs(t_abs, out=t_abs)
    near_one = np.less(t_abs, 1e-6, out=scratch.flag)  # γ ≈ 1: η is the limit a/(a+1)
    any_near_one = near_one.any()
    if any_near_one:
        np.copyto(t2, 1.0, where=near_one)
    eta = t1
    eta /= t2
    if any_near_one:
        a_h = dynamics.utilisation_a
        np.copyto(eta, np.broadcast_to(a_h / (a_h + 1.0), eta.shape), where=near_one)
    return eta


def _annual_sum(need_kwh: np.ndarray) -> np.ndarray:
    """Sum over the months (axis 0), shape (m,).

    In the order NumPy sums 12 contiguous values (pairwise: ((m0+m1)+(m2+m3)) + ((m4+m5)+
    (m6+m7)), then + m8 … m11), so it is the month-last layout's sum to the bit.
    """
    if need_kwh.shape[0] != 12:
        return need_kwh.sum(axis=0)
    total = ((need_kwh[0] + need_kwh[1]) + (need_kwh[2] + need_kwh[3])) + (
        (need_kwh[4] + need_kwh[5]) + (need_kwh[6] + need_kwh[7])
    )
    for month in range(8, 12):
        total += need_kwh[month]
    return total

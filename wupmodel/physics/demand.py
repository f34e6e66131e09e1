"""Heat demand of dwellings at four insulation levels.

Method, per dwelling and level (all NumPy broadcasting, no loop over dwellings):

1. **Archetype** by dwelling type and construction year (``data/archetypes.csv``: RVO
   Voorbeeldwoningen 2022 geometry and U-values; apartments derived from the tussenwoning).
   Element areas scale with the usable floor area. The map from our construction periods
   (``vocabulary.CONSTRUCTION_PERIODS``) to RVO's: pre1930, 1930_1945 and 1946_1964 → RVO
   "<1965" (vrijstaand, twee-onder-een-kap), or "<1946" / "1946-1964" (hoek, tussen);
   1965_1974, 1975_1991, 1992_2005 → the RVO period of the same name; 2006_later → "2006-2014"
   up to 2014 and "2015-2018" from 2015 (the table is keyed by year, so this refinement is
   free). meergezins_laag / meergezins_hoog use the tussenwoning row of the same period with
   facade, window and door area per m² kept and roof and ground floor shared over 4 / 8
   storeys.
2. **Heat transfer**: H_T = Σ A·U·b (floor b = 0.7, radiator foil on bare facades) and
   H_V = ρc·(q_vent + q_inf) with the NTA 8800 ventilation requirement
   (f_τ · 0.5 dm³/s·m², table 11.8, reduced by heat recovery) and an infiltration
   q_inf = a + b·qv10 (qv10 from the NTA 8800 forfait, tables 11.13/11.14; a and b fitted to
   RVO's NTA 8800 results, see ``physics.csv``).
3. **Monthly balance** (NTA 8800 ch. 7 / EN ISO 13790 monthly method): setpoint 20 °C lowered
   by the NTA 8800 temperature levelling (7.78) and the night setback (7.59–7.73), internal
   gains 180 W per occupant (7.21–7.24), window solar gains on the orientation-averaged
   vertical irradiance (7.32, 7.39, 7.40), gain utilisation (7.46–7.56). This gives the
   theoretical net demand ``space_heat_theoretical_kwh`` (like RVO's Q_H,nd).
4. **Label**: a known energy label scales the current demand by the PBL Vesta ratio of space
   heat at that label to the archetype's default label (``physics_label_factors.csv``); the
   deviation fades with deeper levels (r_L = 1 + (r − 1)·Q_L/Q_current).
5. **Practice factor** (prebound effect): metered gas use calibrates it where known; otherwise
   a power law of the theoretical intensity. It multiplies every level.

Hot water and appliance electricity per dwelling come from PBL Vesta (Vww, Ve per type and
period). Cooking gas is not modelled.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import NamedTuple

import numpy as np
import pandas as pd

from wupmodel.params import Params
from wupmodel.physics._memo import per_params
from wupmodel.physics.calibration import _label_factor, _practice_factor
from wupmodel.physics.climate import MonthlyClimate, monthly_climate
from wupmodel.physics.insulation import ELEMENTS, emitter_supply_temp_c, insulation_levels
from wupmodel.vocabulary import DWELLING_TYPES

__all__ = [
    "BuildingInputs",
    "BuildingResponse",
    "building_response",
    "archetype_index",
    "qv10_forfait_dm3s_m2",
    "ventilation_flow_dm3s",
    "window_g_value",
    "space_heat_need_kwh",
    "heat_transfer_coefficients",
    "GJ_TO_KWH",
]

GJ_TO_KWH = 1e9 / 3.6e6  # 277.78 kWh per GJ (definition)
_APARTMENTS = np.array([t.startswith("meergezins") for t in DWELLING_TYPES])
_BLOCK = 2048  # dwelling-levels per block of the monthly balance: (12, block) arrays stay in cache
_ROWS = 8192  # dwellings per block of building_response


@dataclass(frozen=True)
class BuildingInputs:
    """Dwellings to evaluate; one entry per dwelling (or group of identical dwellings), shape (n,).

    Attributes
    ----------
    dwelling_type
        Integer codes into ``vocabulary.DWELLING_TYPES``.
    construction_year
        Construction year.
    floor_area_m2
        Usable floor area (NTA 8800 gebruiksoppervlak) [m²].
    energy_label
        Integer codes into ``vocabulary.ENERGY_LABELS``; -1 = unknown.
    gas_m3
        Metered natural gas use [m³/yr]; NaN = unknown.
    roof_area_m2
        Roof area available for PV [m²]; NaN = unknown (then from the archetype).
    """

    dwelling_type: np.ndarray
    construction_year: np.ndarray
    floor_area_m2: np.ndarray
    energy_label: np.ndarray
    gas_m3: np.ndarray
    roof_area_m2: np.ndarray


@dataclass(frozen=True)
class BuildingResponse:
    """Demand and envelope response; L = len(INSULATION_LEVELS) = 4.

    Attributes
    ----------
    space_heat_kwh
        (n, L) useful space heat per year, calibrated to real use (× practice factor) [kWh/yr].
    space_heat_theoretical_kwh
        (n, L) NTA 8800-like net demand before the practice factor [kWh/yr].
    hot_water_kwh
        (n,) useful hot-water heat per year [kWh/yr].
    appliance_kwh
        (n,) appliance and lighting electricity per year [kWh/yr].
    design_heat_load_kw
        (n, L) useful heat load at the design outdoor temperature (−10 °C) [kW].
    supply_temp_c
        (n, L) supply temperature the existing emitters need at design conditions [°C].
    insulation_capex_eur
        (n, L) investment incl. VAT to reach the level from the current state [€].
    insulated_area_m2
        (n, L) area of the insulation measures taken [m²].
    n_measures
        (n, L) number of distinct ISDE-eligible insulation measures (int).
    treated_area_m2
        (n, L, 5) insulated area per element (floor, facade, roof, window, door) [m²].
    roof_area_m2
        (n,) roof area available for PV per dwelling (apartments share the roof) [m²].
    practice_factor
        (n,) actual / theoretical space-heat ratio used [-].
    """

    space_heat_kwh: np.ndarray
    space_heat_theoretical_kwh: np.ndarray
    hot_water_kwh: np.ndarray
    appliance_kwh: np.ndarray
    design_heat_load_kw: np.ndarray
    supply_temp_c: np.ndarray
    insulation_capex_eur: np.ndarray
    insulated_area_m2: np.ndarray
    n_measures: np.ndarray
    treated_area_m2: np.ndarray
    roof_area_m2: np.ndarray
    practice_factor: np.ndarray


# ---------------------------------------------------------------------------------------
# Archetypes


def archetype_index(dwelling_type: np.ndarray, construction_year: np.ndarray, params: Params) -> np.ndarray:
    """Row of ``archetypes.csv`` for each dwelling (by type and construction year), shape (n,)."""
    first_year, rows = _archetype_lookup(params)
    dtype = np.asarray(dwelling_type, dtype=np.int64)
    year = np.asarray(construction_year, dtype=np.int64)
    known = (dtype >= 0) & (dtype < len(DWELLING_TYPES))
    out = np.full(dtype.shape, -1, dtype=np.int64)
    out[known] = rows[dtype[known], np.clip(year[known] - first_year, 0, rows.shape[1] - 1)]
    if (out < 0).any():
        bad = np.unique(dtype[out < 0])
        raise ValueError(f"no archetype for dwelling type code(s) {bad.tolist()}; allowed 0..{len(DWELLING_TYPES) - 1}")
    return out


@per_params
def _archetype_lookup(params: Params) -> tuple[int, np.ndarray]:
    """(first year Y0, rows): rows[type, year − Y0] is the archetype row (-1: no archetype).

    The years run from the first to the last ``year_from`` of the table; earlier and later
    years are clipped onto them, which picks the same row as a search on ``year_from``.
    """
    table = params.table("archetypes")
    starts_all = table["year_from"].to_numpy(dtype=np.int64)
    years = np.arange(starts_all.min(), starts_all.max() + 1)
    rows = np.full((len(DWELLING_TYPES), years.size), -1, dtype=np.int64)
    type_codes = table["dwelling_type"].map({t: i for i, t in enumerate(DWELLING_TYPES)}).to_numpy()
    for code in range(len(DWELLING_TYPES)):  # six types, not a loop over dwellings
        mine = np.flatnonzero(type_codes == code)
        if mine.size == 0:
            continue
        order = mine[np.argsort(starts_all[mine])]
        pos = np.clip(np.searchsorted(starts_all[order], years, side="right") - 1, 0, order.size - 1)
        rows[code] = order[pos]
    rows.setflags(write=False)
    return int(years[0]), rows


def qv10_forfait_dm3s_m2(type_factor: np.ndarray, spec: np.ndarray, construction_year: np.ndarray, params: Params) -> np.ndarray:
    """NTA 8800 forfaitary air leakage qv10 = f_type · f_y · q_spec [dm³/s per m²] (eq. 11.86)."""
    t = params.table("physics_airtightness")
    starts = t["year_from"].to_numpy()
    f_y = t["f_y"].to_numpy(dtype=float)
    pos = np.clip(np.searchsorted(starts, np.asarray(construction_year), side="right") - 1, 0, len(starts) - 1)
    return np.asarray(type_factor) * np.asarray(spec) * f_y[pos]


def ventilation_flow_dm3s(floor_area_m2: np.ndarray, params: Params) -> np.ndarray:
    """Required outdoor-air flow for the heat balance [dm³/s]: f_τ(A)·q_spec·A (NTA 8800 table 11.8)."""
    a = np.asarray(floor_area_m2, dtype=float)
    f_tau = np.minimum(params["physics.vent_ftau_a"] + params["physics.vent_ftau_b_per_m2"] * a, params["physics.vent_ftau_max"])
    return f_tau * params["physics.vent_spec_dm3s_m2"] * a


def window_g_value(u_window_w_m2k: np.ndarray, params: Params) -> np.ndarray:
    """Solar transmittance g of the glazing, from its U-value class (single, double/HR, HR++, triple)."""
    p = params
    u = np.asarray(u_window_w_m2k, dtype=float)
    # The first class whose lower U bound the glazing reaches (nested where: np.select is slower).
    return np.where(u >= p["physics.u_class_single_w_m2k"], p["physics.g_single"],
                    np.where(u >= p["physics.u_class_double_w_m2k"], p["physics.g_double"],
                             np.where(u >= p["physics.u_class_hrpp_w_m2k"], p["physics.g_hrpp"], p["physics.g_triple"])))


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


# ---------------------------------------------------------------------------------------
# Monthly heat balance


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
    inputs = np.broadcast_arrays(*(np.atleast_1d(np.asarray(x)) for x in (
        floor_area_m2, h_tr_w_k, h_ve_w_k, window_area_m2, window_u_w_m2k, apartment)))
    shape = inputs[0].shape
    scalar = all(np.ndim(x) == 0 for x in (floor_area_m2, h_tr_w_k, h_ve_w_k, window_area_m2, window_u_w_m2k,
                                           apartment))

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
        need = _monthly_balance(area.astype(f32), (h_tr.astype(float) + h_ve.astype(float)).astype(f32),
                                aw.astype(f32), uw.astype(f32), apt.astype(bool), months, p, scratch.first(area.size))
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
        sky = (p["physics.sky_view_factor_vertical"] * p["physics.external_surface_resistance_m2k_w"]
               * p["physics.sky_radiation_coefficient_w_m2k"] * p["physics.sky_temperature_difference_k"])
        return cls(t_kh[:, None], it_kh[:, None], t_kh.astype(float)[:, None],
                   (p["physics.heating_setpoint_c"] - te).astype(float)[:, None],
                   (p["physics.setback_temp_c"] - te).astype(float)[:, None], sky, te.size)


class _Scratch(NamedTuple):
    """Reusable (months, size) work arrays of :func:`_monthly_balance`."""

    f32: np.ndarray  # (2, months, size) float32
    f64: np.ndarray  # (10, months, size) float64
    flag: np.ndarray  # (months, size) bool

    @classmethod
    def of(cls, n_months: int, size: int) -> _Scratch:
        return cls(np.empty((2, n_months, size), dtype=np.float32), np.empty((10, n_months, size)),
                   np.empty((n_months, size), dtype=bool))

    def first(self, m: int) -> _Scratch:
        """Views of the first ``m`` columns."""
        return _Scratch(self.f32[:, :, :m], self.f64[:, :, :m], self.flag[:, :m])


def _monthly_balance(a: np.ndarray, h: np.ndarray, aw: np.ndarray, uw: np.ndarray, apt: np.ndarray,
                     months: _MonthConstants, p: Params, scratch: _Scratch) -> np.ndarray:
    """Annual space-heat need of a block of m dwelling-levels, shape (m,); see space_heat_need_kwh.

    ``a``, ``h``, ``aw``, ``uw`` are float32 (m,): the gains and the dwelling quantities are
    float32, as the balance is good to ~1e-6 relative. float32 × float64 promotes to float64,
    so their float64 copies (…64) used with the float64 month arrays give the same numbers as
    mixing the types there.
    """
    # Gains [kWh/month] = c_t · t + c_i · I·t: internal gains, window solar gains minus the
    # long-wave loss of the glass to the sky (7.21, 7.32, 7.39, 7.40).
    c_t = (p["physics.internal_gain_per_person_w"] * _occupants(a, p) - months.sky * uw * aw).astype(np.float32)
    c_i = (p["physics.solar_angle_factor"] * window_g_value(uw, p) * (1.0 - p["physics.window_frame_fraction"])
           * aw).astype(np.float32)

    # Temperature levelling in dwellings (7.78): θ_set,eff − θ_e = (θ_set − θ_e)·(1 − k).
    f_sp = np.where(apt, p["physics.level_spatial_fraction_apartment"], p["physics.level_spatial_fraction_house"])
    h_e = f_sp * h / a
    k = p["physics.level_time_fraction"] * f_sp * h_e / (h_e + p["physics.level_internal_conductance_w_m2k"])
    # Intermittent heating: time constant [h] and setback ratio; gain utilisation parameter a_H.
    tau = p["physics.heat_capacity_kj_m2k"] / 3.6 * a / h
    pr = p["physics.setback_hours_per_day"] / tau
    e_full = -np.expm1(-pr) / pr  # mean of the free-cooling curve over the setback period
    a_h = p["physics.utilisation_a0"] + tau / p["physics.utilisation_tau0_h"]
    h64, pr64, e_full64, a_h64 = (x.astype(float) for x in (h, pr, e_full, a_h))

    q32, t32 = scratch.f32
    q_gn, diff, losses, d_float, d_set, gap, mean, t1, t2, q_ht = scratch.f64
    np.multiply(months.t_kh32, c_t, out=q32)
    np.multiply(months.it_kh32, c_i, out=t32)
    q32 += t32
    q_gn[...] = q32  # gains, computed in float32

    np.multiply(months.set_te64, 1.0 - k, out=diff)
    np.maximum(diff, 1e-9, out=diff)  # K
    np.multiply(diff, h64, out=losses)
    losses *= months.t_kh64  # kWh at the (levelled) setpoint

    # Intermittent heating with night setback (7.59–7.73).
    np.divide(q_gn, losses, out=d_float)
    np.minimum(d_float, 1.0, out=d_float)
    np.divide(months.setback_te64, diff, out=d_set)
    np.clip(d_set, 0.0, 1.0, out=d_set)
    np.subtract(d_set, d_float, out=gap)
    np.subtract(1.0, d_float, out=t2)  # 1 − d_float
    np.multiply(t2, e_full64, out=mean)
    mean += d_float  # mean reduction if the setback temperature is not reached
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
    np.copyto(mean, t2, where=reached)
    np.clip(mean, 0.0, 1.0, out=mean)
    np.subtract(1.0, mean, out=mean)
    mean *= p["physics.setback_hours_per_day"] / 24.0
    np.subtract(1.0, mean, out=mean)  # a_red
    np.multiply(losses, mean, out=q_ht)

    # Gain utilisation (7.46–7.56): η = (1 − γ^a)/(1 − γ^(a+1)).
    gamma = d_float  # d_float is no longer needed
    np.divide(q_gn, q_ht, out=gamma)
    np.maximum(gamma, 1e-30, out=t1)
    np.log(t1, out=t1)
    t1 *= a_h64
    np.exp(t1, out=t1)  # γ^a
    np.multiply(t1, gamma, out=t2)
    np.subtract(1.0, t2, out=t2)
    np.subtract(1.0, t1, out=t1)
    np.subtract(gamma, 1.0, out=mean)
    np.abs(mean, out=mean)
    near_one = np.less(mean, 1e-6, out=scratch.flag)  # γ ≈ 1: η is the limit a/(a+1)
    any_near_one = near_one.any()
    if any_near_one:
        np.copyto(t2, 1.0, where=near_one)
    eta = t1
    eta /= t2
    if any_near_one:
        np.copyto(eta, np.broadcast_to(a_h / (a_h + 1.0), eta.shape), where=near_one)
    eta *= q_gn
    need = q_ht
    need -= eta
    np.maximum(need, 0.0, out=need)
    np.copyto(need, 0.0, where=gamma > p["physics.gamma_max"])

    # Annual sum in the order NumPy sums 12 contiguous values (pairwise: ((m0+m1)+(m2+m3)) +
    # ((m4+m5)+(m6+m7)), then + m8 … m11), so it is the month-last layout's sum to the bit.
    if need.shape[0] != 12:
        return need.sum(axis=0)
    total = ((need[0] + need[1]) + (need[2] + need[3])) + ((need[4] + need[5]) + (need[6] + need[7]))
    for month in range(8, 12):
        total += need[month]
    return total


def heat_transfer_coefficients(
    floor_area_m2: np.ndarray,
    element_area_m2: np.ndarray,
    u_w_m2k: np.ndarray,
    floor_b_factor: np.ndarray,
    facade_factor: np.ndarray | float,
    qv10_dm3s_m2: np.ndarray,
    heat_recovery: np.ndarray | float,
    params: Params,
) -> tuple[np.ndarray, np.ndarray]:
    """Transmission and ventilation heat-transfer coefficients H_T, H_V [W/K], shape (n, L).

    Parameters
    ----------
    floor_area_m2
        Usable floor area [m²], shape (n,).
    element_area_m2
        Element areas [m²], shape (n, 5) in ``insulation.ELEMENTS`` order.
    u_w_m2k
        U-values [W/m²K], shape (n, L, 5).
    floor_b_factor
        Temperature reduction factor of the ground floor (crawl space) [-], shape (n,).
    facade_factor
        Multiplier on the facade transmission (radiator foil) [-], broadcastable to (n, L).
    qv10_dm3s_m2
        Air leakage at 10 Pa [dm³/s per m²], broadcastable to (n, L).
    heat_recovery
        Heat-recovery efficiency of the ventilation [-], broadcastable to (n, L).
    params
        ``physics.vent_*``, ``physics.infiltration_*``, ``physics.air_volumetric_heat_capacity_j_m3k``.
    """
    area = np.asarray(floor_area_m2, dtype=float)
    u = np.asarray(u_w_m2k, dtype=float)
    element_area = np.asarray(element_area_m2, dtype=float)

    def ua(e: int) -> np.ndarray:  # U·A of element e, (n, L), without an (n, L, 5) temporary
        return u[..., e] * element_area[:, None, e]

    h_t = ua(0) * np.asarray(floor_b_factor, dtype=float)[:, None] + ua(1) * facade_factor + ua(2) + ua(3) + ua(4)
    rho_c = params["physics.air_volumetric_heat_capacity_j_m3k"] / 1000.0  # W per (dm³/s·K)
    q_vent = ventilation_flow_dm3s(area, params)[:, None] * (1.0 - np.asarray(heat_recovery, dtype=float))
    q_inf = (params["physics.infiltration_base_dm3s_m2"]
             + params["physics.infiltration_qv10_coeff"] * np.asarray(qv10_dm3s_m2, dtype=float)) * area[:, None]
    return h_t, rho_c * (q_vent + q_inf)


# ---------------------------------------------------------------------------------------
# Building response


def building_response(inputs: BuildingInputs, params: Params, *, station: str = "eelde") -> BuildingResponse:
    """Demand, design load, supply temperature and insulation cost at every insulation level.

    Parameters
    ----------
    inputs
        The dwellings (arrays of shape (n,)).
    params
        Packaged parameters and tables (``archetypes``, ``physics_*``, ``physics.*``, ``cost.*``).
    station
        Climate of the monthly balance: ``"eelde"`` (Drenthe, default) or ``"nta8800_debilt"``
        (the NTA 8800 reference climate, to compare with RVO's NTA 8800 results).

    Returns
    -------
    BuildingResponse
        Arrays of shape (n,) or (n, L), rows independent of each other.
    """
    # Rows are independent, so blocks of rows give the same numbers as one pass; they keep the
    # many (n, L, …) temporaries small (cache-sized, reused memory rather than fresh pages).
    n = np.asarray(inputs.floor_area_m2).shape[0]
    if n <= _ROWS:
        return _building_response(inputs, params, station)
    parts = [_building_response(_rows_of(inputs, slice(lo, lo + _ROWS)), params, station)
             for lo in range(0, n, _ROWS)]  # blocks of dwellings
    return BuildingResponse(**{f.name: np.concatenate([getattr(part, f.name) for part in parts])
                               for f in fields(BuildingResponse)})


def _rows_of(inputs: BuildingInputs, rows: slice) -> BuildingInputs:
    """The dwellings ``rows`` of ``inputs`` (a scalar field is kept as is: it broadcasts)."""
    def take(x: np.ndarray) -> np.ndarray:
        x = np.asarray(x)
        return x[rows] if x.ndim else x

    return BuildingInputs(**{f.name: take(getattr(inputs, f.name)) for f in fields(BuildingInputs)})


def _building_response(inputs: BuildingInputs, params: Params, station: str) -> BuildingResponse:
    """:func:`building_response` of one block of dwellings."""
    p = params
    dtype = np.asarray(inputs.dwelling_type, dtype=np.int64)
    year = np.asarray(inputs.construction_year, dtype=np.int64)
    area = np.asarray(inputs.floor_area_m2, dtype=float)
    arch = _archetype_columns(p)
    idx = archetype_index(dtype, year, p)

    def col(name: str) -> np.ndarray:
        return arch[name][idx]

    scale = area / col("ref_floor_area_m2")
    areas = np.stack([col(f"{e}_area_m2") for e in ELEMENTS], axis=1) * scale[:, None]
    u_cur = np.stack([col(f"u_{e}_current") for e in ELEMENTS], axis=1)
    u_orig = np.stack([col(f"u_{e}_orig") for e in ELEMENTS], axis=1)
    b_floor = col("floor_b_factor")
    apartment = _APARTMENTS[dtype]

    qv10 = qv10_forfait_dm3s_m2(col("qv10_type_factor"), col("qv10_spec_dm3s_m2"), year, p)
    env = insulation_levels(u_cur, areas, qv10, year, p)

    h_t, h_ve = heat_transfer_coefficients(area, areas, env.u_w_m2k, b_floor, env.facade_foil_factor,
                                           env.qv10_dm3s_m2, env.heat_recovery, p)
    h_t_orig = heat_transfer_coefficients(area, areas, u_orig[:, None, :], b_floor, 1.0,
                                          env.qv10_dm3s_m2[:, :1], 0.0, p)[0][:, 0]

    climate = monthly_climate(p, station)
    q_model = space_heat_need_kwh(area[:, None], h_t, h_ve, areas[:, None, 3], env.u_w_m2k[:, :, 3],
                                  apartment[:, None], climate, p)
    q_model = _running_min(q_model)  # triple glass (lower g) never counts as worse

    # Label adjustment, fading with depth of renovation.
    r = _label_factor(idx, np.asarray(inputs.energy_label, dtype=np.int64), p)
    with np.errstate(divide="ignore", invalid="ignore"):
        rel = np.where(q_model[:, :1] > 0, q_model / q_model[:, :1], 1.0)
    r_level = 1.0 + (r[:, None] - 1.0) * rel
    q_theor = q_model * r_level

    # Design heat load (ISSO 51 style, no gains) and the supply temperature the emitters need.
    dt_design = p["physics.design_indoor_temp_c"] - p["physics.design_outdoor_temp_c"]
    load = _running_min((h_t + h_ve) * dt_design / 1000.0 * r_level)
    load_orig = (h_t_orig + h_ve[:, 0]) * dt_design / 1000.0
    supply = emitter_supply_temp_c(load, (load_orig * p["physics.emitter_oversize_factor"])[:, None],
                                   col("emitter_supply_design_c")[:, None], col("emitter_return_design_c")[:, None], p)

    hot_water = col("hot_water_gj") * GJ_TO_KWH
    appliance = col("appliance_gj") * GJ_TO_KWH
    pf = _practice_factor(q_theor[:, 0], area, hot_water, np.asarray(inputs.gas_m3, dtype=float), p)

    roof_in = np.asarray(inputs.roof_area_m2, dtype=float)
    roof = np.where(np.isfinite(roof_in), roof_in, areas[:, 2])
    return BuildingResponse(
        space_heat_kwh=q_theor * pf[:, None],
        space_heat_theoretical_kwh=q_theor,
        hot_water_kwh=hot_water,
        appliance_kwh=appliance,
        design_heat_load_kw=load,
        supply_temp_c=supply,
        insulation_capex_eur=env.capex_eur,
        insulated_area_m2=env.insulated_area_m2,
        n_measures=env.n_measures,
        treated_area_m2=env.treated_area_m2,
        roof_area_m2=roof,
        practice_factor=pf,
    )


def _running_min(x: np.ndarray) -> np.ndarray:
    """``np.minimum.accumulate(x, axis=1)`` one column at a time (much faster for (n, L) arrays)."""
    out = np.array(x, dtype=float)
    for j in range(1, out.shape[1]):  # a few insulation levels
        np.minimum(out[:, j - 1], out[:, j], out=out[:, j])
    return out


@per_params
def _archetype_columns(params: Params) -> dict[str, np.ndarray]:
    """The numeric columns of ``archetypes.csv`` as float arrays (row = archetype index)."""
    arch = params.table("archetypes")
    columns = {}
    for name in arch.columns:
        if pd.api.types.is_numeric_dtype(arch[name]):
            columns[name] = arch[name].to_numpy(dtype=float)
            columns[name].setflags(write=False)
    return columns

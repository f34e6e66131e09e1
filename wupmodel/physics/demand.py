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

from dataclasses import dataclass

import numpy as np

from wupmodel.params import Params
from wupmodel.physics.climate import MonthlyClimate, monthly_climate
from wupmodel.physics.insulation import ELEMENTS, emitter_supply_temp_c, insulation_levels
from wupmodel.vocabulary import DWELLING_TYPES, ENERGY_LABELS

__all__ = [
    "BuildingInputs",
    "BuildingResponse",
    "building_response",
    "archetype_index",
    "qv10_forfait_dm3s_m2",
    "ventilation_flow_dm3s",
    "window_g_value",
    "space_heat_need_kwh",
    "practice_factor_default",
    "heat_transfer_coefficients",
    "GJ_TO_KWH",
]

GJ_TO_KWH = 1e9 / 3.6e6  # 277.78 kWh per GJ (definition)
_APARTMENTS = np.array([t.startswith("meergezins") for t in DWELLING_TYPES])
_BLOCK = 512  # rows per block of the monthly balance (cache-sized temporaries, ~2x faster)


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
    roof_area_m2: np.ndarray
    practice_factor: np.ndarray


# ---------------------------------------------------------------------------------------
# Archetypes


def archetype_index(dwelling_type: np.ndarray, construction_year: np.ndarray, params: Params) -> np.ndarray:
    """Row of ``archetypes.csv`` for each dwelling (by type and construction year), shape (n,)."""
    table = params.table("archetypes")
    dtype = np.asarray(dwelling_type, dtype=np.int64)
    year = np.asarray(construction_year, dtype=np.int64)
    out = np.full(dtype.shape, -1, dtype=np.int64)
    type_codes = table["dwelling_type"].map({t: i for i, t in enumerate(DWELLING_TYPES)}).to_numpy()
    for code in range(len(DWELLING_TYPES)):  # six types, not a loop over dwellings
        rows = np.flatnonzero(type_codes == code)
        if rows.size == 0:
            continue
        order = rows[np.argsort(table["year_from"].to_numpy()[rows])]
        starts = table["year_from"].to_numpy()[order]
        mask = dtype == code
        pos = np.clip(np.searchsorted(starts, year[mask], side="right") - 1, 0, order.size - 1)
        out[mask] = order[pos]
    if (out < 0).any():
        bad = np.unique(dtype[out < 0])
        raise ValueError(f"no archetype for dwelling type code(s) {bad.tolist()}; allowed 0..{len(DWELLING_TYPES) - 1}")
    return out


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
    u = np.asarray(u_window_w_m2k, dtype=float)
    return np.select(
        [u >= params["physics.u_class_single_w_m2k"], u >= params["physics.u_class_double_w_m2k"],
         u >= params["physics.u_class_hrpp_w_m2k"]],
        [params["physics.g_single"], params["physics.g_double"], params["physics.g_hrpp"]],
        default=params["physics.g_triple"],
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
    # Per dwelling/level quantities with a trailing month axis of length 1; month arrays (12,).
    # The (…, 12) month arrays are float32: the balance is good to ~1e-6 relative and this
    # halves memory traffic in the hot path; the annual sum is taken in float64.
    f32 = np.float32
    a = np.asarray(floor_area_m2, dtype=f32)[..., None]
    h = (np.asarray(h_tr_w_k, dtype=float) + np.asarray(h_ve_w_k, dtype=float)).astype(f32)[..., None]
    aw = np.asarray(window_area_m2, dtype=f32)[..., None]
    uw = np.asarray(window_u_w_m2k, dtype=f32)[..., None]
    te = climate.temp_c.astype(f32)
    t_kh = (climate.hours / 1000.0).astype(f32)  # kh per month: W × kh = kWh
    setpoint = p["physics.heating_setpoint_c"]

    # Gains [kWh/month] = c_t · t + c_i · I·t: internal gains, window solar gains minus the
    # long-wave loss of the glass to the sky (7.21, 7.32, 7.39, 7.40).
    sky = (p["physics.sky_view_factor_vertical"] * p["physics.external_surface_resistance_m2k_w"]
           * p["physics.sky_radiation_coefficient_w_m2k"] * p["physics.sky_temperature_difference_k"])
    c_t = (p["physics.internal_gain_per_person_w"] * _occupants(a, p) - sky * uw * aw).astype(f32)
    c_i = (p["physics.solar_angle_factor"] * window_g_value(uw, p) * (1.0 - p["physics.window_frame_fraction"])
           * aw).astype(f32)
    q_gn = c_t * t_kh + c_i * (climate.irradiance_vertical_w_m2 * t_kh).astype(f32)

    # Temperature levelling in dwellings (7.78): θ_set,eff − θ_e = (θ_set − θ_e)·(1 − k).
    f_sp = np.where(np.asarray(apartment)[..., None], p["physics.level_spatial_fraction_apartment"],
                    p["physics.level_spatial_fraction_house"])
    h_e = f_sp * h / a
    k = p["physics.level_time_fraction"] * f_sp * h_e / (h_e + p["physics.level_internal_conductance_w_m2k"])
    diff = np.maximum((setpoint - te) * (1.0 - k), 1e-9)  # K, (…, 12)
    losses = h * diff * t_kh  # kWh at the (levelled) setpoint

    # Intermittent heating with night setback (7.59–7.73).
    tau = p["physics.heat_capacity_kj_m2k"] / 3.6 * a / h  # time constant [h]
    pr = p["physics.setback_hours_per_day"] / tau
    d_float = np.minimum(q_gn / losses, 1.0)
    d_set = np.clip((p["physics.setback_temp_c"] - te) / diff, 0.0, 1.0)
    gap = d_set - d_float
    mean_full = d_float + (1.0 - d_float) * (-np.expm1(-pr) / pr)
    f_low = -np.log(np.maximum(gap, 1e-30) / np.maximum(1.0 - d_float, 1e-30)) / pr
    reached = (gap > 0) & (f_low < 1.0)  # the setback temperature is reached within the period
    mean_red = np.where(reached, (1.0 - d_set) / pr + d_set - f_low * gap, mean_full)
    a_red = 1.0 - p["physics.setback_hours_per_day"] / 24.0 * (1.0 - np.clip(mean_red, 0.0, 1.0))
    q_ht = losses * a_red

    # Gain utilisation (7.46–7.56): η = (1 − γ^a)/(1 − γ^(a+1)).
    a_h = p["physics.utilisation_a0"] + tau / p["physics.utilisation_tau0_h"]
    gamma = q_gn / q_ht
    g_a = np.exp(a_h * np.log(np.maximum(gamma, 1e-30)))
    near_one = np.abs(gamma - 1.0) < 1e-6
    eta = np.where(near_one, a_h / (a_h + 1.0), (1.0 - g_a) / np.where(near_one, 1.0, 1.0 - g_a * gamma))
    need = np.where(gamma > p["physics.gamma_max"], 0.0, np.maximum(q_ht - eta * q_gn, 0.0))
    return need.sum(axis=-1, dtype=np.float64)


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
    ua = np.asarray(u_w_m2k, dtype=float) * np.asarray(element_area_m2, dtype=float)[:, None, :]
    h_t = (ua[..., 0] * np.asarray(floor_b_factor, dtype=float)[:, None] + ua[..., 1] * facade_factor
           + ua[..., 2] + ua[..., 3] + ua[..., 4])
    rho_c = params["physics.air_volumetric_heat_capacity_j_m3k"] / 1000.0  # W per (dm³/s·K)
    q_vent = ventilation_flow_dm3s(area, params)[:, None] * (1.0 - np.asarray(heat_recovery, dtype=float))
    q_inf = (params["physics.infiltration_base_dm3s_m2"]
             + params["physics.infiltration_qv10_coeff"] * np.asarray(qv10_dm3s_m2, dtype=float)) * area[:, None]
    return h_t, rho_c * (q_vent + q_inf)


def practice_factor_default(intensity_kwh_m2: np.ndarray, params: Params) -> np.ndarray:
    """Default practice factor from the theoretical space-heat intensity [kWh/m²·yr].

    pf = (q / q_ref)^(−β), clipped to [``physics.practice_min``, ``physics.practice_max``]:
    poorly insulated dwellings use far less than the norm calculation (prebound), very good
    ones somewhat more (rebound).
    """
    q = np.maximum(np.asarray(intensity_kwh_m2, dtype=float), 1e-9)
    pf = (q / params["physics.practice_ref_intensity_kwh_m2"]) ** (-params["physics.practice_exponent"])
    return np.clip(pf, params["physics.practice_min"], params["physics.practice_max"])


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
    p = params
    dtype = np.asarray(inputs.dwelling_type, dtype=np.int64)
    year = np.asarray(inputs.construction_year, dtype=np.int64)
    area = np.asarray(inputs.floor_area_m2, dtype=float)
    arch = p.table("archetypes")
    idx = archetype_index(dtype, year, p)

    def col(name: str) -> np.ndarray:
        return arch[name].to_numpy(dtype=float)[idx]

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
    q_model = np.empty_like(h_t)
    for lo in range(0, len(area), _BLOCK):  # blocks of rows keep the month arrays in cache
        s = slice(lo, lo + _BLOCK)
        q_model[s] = space_heat_need_kwh(area[s, None], h_t[s], h_ve[s], areas[s, None, 3],
                                         env.u_w_m2k[s, :, 3], apartment[s, None], climate, p)
    q_model = np.minimum.accumulate(q_model, axis=1)  # triple glass (lower g) never counts as worse

    # Label adjustment, fading with depth of renovation.
    r = _label_factor(idx, np.asarray(inputs.energy_label, dtype=np.int64), p)
    with np.errstate(divide="ignore", invalid="ignore"):
        rel = np.where(q_model[:, :1] > 0, q_model / q_model[:, :1], 1.0)
    r_level = 1.0 + (r[:, None] - 1.0) * rel
    q_theor = q_model * r_level

    # Design heat load (ISSO 51 style, no gains) and the supply temperature the emitters need.
    dt_design = p["physics.design_indoor_temp_c"] - p["physics.design_outdoor_temp_c"]
    load = np.minimum.accumulate((h_t + h_ve) * dt_design / 1000.0 * r_level, axis=1)
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
        roof_area_m2=roof,
        practice_factor=pf,
    )


def _label_factor(archetype: np.ndarray, label: np.ndarray, params: Params) -> np.ndarray:
    """Vesta space-heat ratio of the dwelling's label to the archetype default (1 if unknown)."""
    t = params.table("physics_label_factors")
    n_arch = int(params.table("archetypes")["archetype_id"].max()) + 1
    grid = np.ones((n_arch, len(ENERGY_LABELS)))
    codes = t["label"].map({lab: i for i, lab in enumerate(ENERGY_LABELS)}).to_numpy()
    grid[t["archetype_id"].to_numpy(), codes] = t["factor"].to_numpy(dtype=float)
    known = (label >= 0) & (label < len(ENERGY_LABELS))
    r = np.where(known, grid[archetype, np.clip(label, 0, len(ENERGY_LABELS) - 1)], 1.0)
    return np.clip(r, params["physics.label_factor_min"], params["physics.label_factor_max"])


def _practice_factor(q_current_kwh: np.ndarray, area: np.ndarray, hot_water_kwh: np.ndarray,
                     gas_m3: np.ndarray, params: Params) -> np.ndarray:
    """Practice factor: from metered gas where known, else the default curve."""
    default = practice_factor_default(q_current_kwh / area, params)
    kwh_per_m3 = params["physics.gas_lhv_mj_m3"] / 3.6
    with np.errstate(divide="ignore", invalid="ignore"):
        space_gas_kwh = gas_m3 * kwh_per_m3 - hot_water_kwh / params["physics.boiler_efficiency_dhw"]
        calibrated = space_gas_kwh * params["physics.boiler_efficiency_space"] / q_current_kwh
    calibrated = np.clip(calibrated, params["physics.practice_calibrated_min"], params["physics.practice_calibrated_max"])
    use = np.isfinite(gas_m3) & (q_current_kwh > 0)
    return np.where(use, calibrated, default)

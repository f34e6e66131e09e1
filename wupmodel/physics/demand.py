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
5. **Practice factor** (prebound effect, :mod:`wupmodel.physics.practice`): a power law of
   the theoretical intensity of each insulation state (PBL Referentieverbruik II); a dwelling
   with metered gas keeps its own ratio to that curve at every level.
6. **Emitters**: the supply temperature the existing emitters need (radiator equation) and the
   one they would need after LT emitter works (:mod:`wupmodel.physics.emitters`).

Hot water and appliance electricity per dwelling come from PBL Vesta (Vww, Ve per type and
period). Cooking gas is not modelled.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np
import pandas as pd

from wupmodel.params import Params
from wupmodel.physics._memo import per_params
from wupmodel.physics.balance import space_heat_need_kwh, window_g_value
from wupmodel.physics.climate import monthly_climate
from wupmodel.physics.emitters import supply_with_lt_emitters_c
from wupmodel.physics.insulation import (
    ELEMENTS,
    LevelEnvelope,
    already_standard,
    emitter_supply_temp_c,
    insulation_levels,
    label_element_state,
)
from wupmodel.physics.practice import practice_factor_default, practice_factors
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
    already_insulated
        True where the dwelling's current state already is the ``standard`` insulation level
        (a survey's answer; :func:`~wupmodel.physics.insulation.already_standard`); ``None`` =
        nobody.
    """

    dwelling_type: np.ndarray
    construction_year: np.ndarray
    floor_area_m2: np.ndarray
    energy_label: np.ndarray
    gas_m3: np.ndarray
    roof_area_m2: np.ndarray
    already_insulated: np.ndarray | None = None


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
    supply_temp_lt_emitters_c
        (n, L) supply temperature needed after LT emitter works (never above
        ``supply_temp_c``) [°C].
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
        (n, L) actual / theoretical space-heat ratio of each insulation state [-].
    """

    space_heat_kwh: np.ndarray
    space_heat_theoretical_kwh: np.ndarray
    hot_water_kwh: np.ndarray
    appliance_kwh: np.ndarray
    design_heat_load_kw: np.ndarray
    supply_temp_c: np.ndarray
    supply_temp_lt_emitters_c: np.ndarray
    insulation_capex_eur: np.ndarray
    insulated_area_m2: np.ndarray
    n_measures: np.ndarray
    treated_area_m2: np.ndarray
    roof_area_m2: np.ndarray
    practice_factor: np.ndarray


# ---------------------------------------------------------------------------------------
# Archetypes


def archetype_index(
    dwelling_type: np.ndarray, construction_year: np.ndarray, params: Params
) -> np.ndarray:
    """Row of ``archetypes.csv`` for each dwelling (by type and construction year), shape (n,)."""
    first_year, rows = _archetype_lookup(params)
    dtype = np.asarray(dwelling_type, dtype=np.int64)
    year = np.asarray(construction_year, dtype=np.int64)
    known = (dtype >= 0) & (dtype < len(DWELLING_TYPES))
    out = np.full(dtype.shape, -1, dtype=np.int64)
    out[known] = rows[dtype[known], np.clip(year[known] - first_year, 0, rows.shape[1] - 1)]
    if (out < 0).any():
        bad = np.unique(dtype[out < 0])
        raise ValueError(
            f"no archetype for dwelling type code(s) {bad.tolist()}; "
            f"allowed 0..{len(DWELLING_TYPES) - 1}"
        )
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
        pos = np.clip(
            np.searchsorted(starts_all[order], years, side="right") - 1, 0, order.size - 1
        )
        rows[code] = order[pos]
    rows.setflags(write=False)
    return int(years[0]), rows


def qv10_forfait_dm3s_m2(
    type_factor: np.ndarray, spec: np.ndarray, construction_year: np.ndarray, params: Params
) -> np.ndarray:
    """NTA 8800 forfaitary air leakage qv10 = f_type · f_y · q_spec [dm³/s per m²] (eq. 11.86)."""
    t = params.table("physics_airtightness")
    starts = t["year_from"].to_numpy()
    f_y = t["f_y"].to_numpy(dtype=float)
    pos = np.clip(
        np.searchsorted(starts, np.asarray(construction_year), side="right") - 1, 0, len(starts) - 1
    )
    return np.asarray(type_factor) * np.asarray(spec) * f_y[pos]


def ventilation_flow_dm3s(floor_area_m2: np.ndarray, params: Params) -> np.ndarray:
    """Required outdoor-air flow for the heat balance [dm³/s]: f_τ(A)·q_spec·A (NTA 8800
    table 11.8)."""
    a = np.asarray(floor_area_m2, dtype=float)
    f_tau = np.minimum(
        params["physics.vent_ftau_a"] + params["physics.vent_ftau_b_per_m2"] * a,
        params["physics.vent_ftau_max"],
    )
    return f_tau * params["physics.vent_spec_dm3s_m2"] * a


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
        ``physics.vent_*``, ``physics.infiltration_*``,
        ``physics.air_volumetric_heat_capacity_j_m3k``.
    """
    area = np.asarray(floor_area_m2, dtype=float)
    u = np.asarray(u_w_m2k, dtype=float)
    element_area = np.asarray(element_area_m2, dtype=float)

    def ua(e: int) -> np.ndarray:  # U·A of element e, (n, L), without an (n, L, 5) temporary
        return u[..., e] * element_area[:, None, e]

    h_t = (
        ua(0) * np.asarray(floor_b_factor, dtype=float)[:, None]
        + ua(1) * facade_factor
        + ua(2)
        + ua(3)
        + ua(4)
    )
    rho_c = params["physics.air_volumetric_heat_capacity_j_m3k"] / 1000.0  # W per (dm³/s·K)
    q_vent = ventilation_flow_dm3s(area, params)[:, None] * (
        1.0 - np.asarray(heat_recovery, dtype=float)
    )
    q_inf = (
        params["physics.infiltration_base_dm3s_m2"]
        + params["physics.infiltration_qv10_coeff"] * np.asarray(qv10_dm3s_m2, dtype=float)
    ) * area[:, None]
    return h_t, rho_c * (q_vent + q_inf)


# ---------------------------------------------------------------------------------------
# Building response


def building_response(
    inputs: BuildingInputs, params: Params, *, station: str = "eelde"
) -> BuildingResponse:
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
    parts = [
        _building_response(_rows_of(inputs, slice(lo, lo + _ROWS)), params, station)
        for lo in range(0, n, _ROWS)
    ]  # blocks of dwellings
    return BuildingResponse(
        **{
            f.name: np.concatenate([getattr(part, f.name) for part in parts])
            for f in fields(BuildingResponse)
        }
    )


def _rows_of(inputs: BuildingInputs, rows: slice) -> BuildingInputs:
    """The dwellings ``rows`` of ``inputs`` (a scalar field is kept as is: it broadcasts)."""

    def take(x: np.ndarray | None) -> np.ndarray | None:
        if x is None:
            return None
        x = np.asarray(x)
        return x[rows] if x.ndim else x

    return BuildingInputs(**{f.name: take(getattr(inputs, f.name)) for f in fields(BuildingInputs)})


def _building_response(inputs: BuildingInputs, params: Params, station: str) -> BuildingResponse:
    """:func:`building_response` of one block of dwellings."""
    p = params
    arch = _Archetype.of(inputs, p)
    ratio = _label_factor(arch.row, np.asarray(inputs.energy_label, dtype=np.int64), p)
    env = _envelope_levels(arch, ratio, inputs.already_insulated, p)
    heat = _HeatTransfer.of(arch, env, p)

    q_model_kwh = _running_min(_model_space_heat_kwh(arch, env, heat, p, station))
    # the label's ratio not explained by the elements' state: exactly r at the current level
    explained = _explained_ratio(arch, env, q_model_kwh[:, 0], ratio != 1.0, p, station)
    if inputs.already_insulated is not None:  # their state is the survey's, not the label's
        explained = np.where(np.asarray(inputs.already_insulated, dtype=bool), 1.0, explained)
    residual = np.clip(
        ratio / explained, p["physics.label_factor_min"], p["physics.label_factor_max"]
    )
    label_factor = _label_factor_by_level(q_model_kwh, residual, p)
    q_theor_kwh = q_model_kwh * label_factor

    load_kw = _design_heat_load_kw(heat, label_factor, p)
    supply_c, supply_lt_c = _supply_temperatures_c(arch, heat, load_kw, p)

    hot_water_kwh = arch.column("hot_water_gj") * GJ_TO_KWH
    appliance_kwh = arch.column("appliance_gj") * GJ_TO_KWH
    gas_m3 = np.asarray(inputs.gas_m3, dtype=float)
    pf = practice_factors(q_theor_kwh, arch.floor_area_m2, hot_water_kwh, gas_m3, p)

    roof_in_m2 = np.asarray(inputs.roof_area_m2, dtype=float)
    roof_m2 = np.where(np.isfinite(roof_in_m2), roof_in_m2, arch.element_area_m2[:, 2])
    return BuildingResponse(
        space_heat_kwh=q_theor_kwh * pf,
        space_heat_theoretical_kwh=q_theor_kwh,
        hot_water_kwh=hot_water_kwh,
        appliance_kwh=appliance_kwh,
        design_heat_load_kw=load_kw,
        supply_temp_c=supply_c,
        supply_temp_lt_emitters_c=supply_lt_c,
        insulation_capex_eur=env.capex_eur,
        insulated_area_m2=env.insulated_area_m2,
        n_measures=env.n_measures,
        treated_area_m2=env.treated_area_m2,
        roof_area_m2=roof_m2,
        practice_factor=pf,
    )


@dataclass(frozen=True)
class _Archetype:
    """Each dwelling's archetype, its geometry scaled to the dwelling, shape (n,) or (n, 5)."""

    row: np.ndarray  # row of archetypes.csv
    type_code: np.ndarray  # into DWELLING_TYPES
    construction_year: np.ndarray  # int64
    floor_area_m2: np.ndarray
    element_area_m2: np.ndarray  # (n, 5) in ELEMENTS order, scaled by the floor area
    u_current_w_m2k: np.ndarray  # (n, 5)
    u_original_w_m2k: np.ndarray  # (n, 5) as built
    floor_b_factor: np.ndarray  # temperature reduction factor of the ground floor [-]
    qv10_dm3s_m2: np.ndarray  # current air leakage (NTA 8800 forfait) [dm³/s per m²]
    columns: dict[str, np.ndarray]  # the numeric columns of archetypes.csv (row = archetype)

    @classmethod
    def of(cls, inputs: BuildingInputs, p: Params) -> _Archetype:
        type_code = np.asarray(inputs.dwelling_type, dtype=np.int64)
        year = np.asarray(inputs.construction_year, dtype=np.int64)
        area_m2 = np.asarray(inputs.floor_area_m2, dtype=float)
        columns = _archetype_columns(p)
        row = archetype_index(type_code, year, p)

        def col(name: str) -> np.ndarray:
            return columns[name][row]

        scale = area_m2 / col("ref_floor_area_m2")
        return cls(
            row=row,
            type_code=type_code,
            construction_year=year,
            floor_area_m2=area_m2,
            element_area_m2=np.stack([col(f"{e}_area_m2") for e in ELEMENTS], axis=1)
            * scale[:, None],
            u_current_w_m2k=np.stack([col(f"u_{e}_current") for e in ELEMENTS], axis=1),
            u_original_w_m2k=np.stack([col(f"u_{e}_orig") for e in ELEMENTS], axis=1),
            floor_b_factor=col("floor_b_factor"),
            qv10_dm3s_m2=qv10_forfait_dm3s_m2(
                col("qv10_type_factor"), col("qv10_spec_dm3s_m2"), year, p
            ),
            columns=columns,
        )

    def column(self, name: str) -> np.ndarray:
        """Column ``name`` of ``archetypes.csv`` per dwelling, (n,)."""
        return self.columns[name][self.row]

    @property
    def apartment(self) -> np.ndarray:
        """True for dwellings in an apartment building, (n,)."""
        return _APARTMENTS[self.type_code]


def _envelope_levels(
    arch: _Archetype, label_ratio: np.ndarray, already_insulated: np.ndarray | None, p: Params
) -> LevelEnvelope:
    """The insulation levels from the state the dwelling's label implies
    (:func:`~wupmodel.physics.insulation.label_element_state`); dwellings whose household says
    it has already insulated start from the standard level."""
    year = arch.construction_year
    state = label_element_state(
        arch.u_current_w_m2k,
        arch.u_original_w_m2k,
        arch.element_area_m2,
        arch.floor_b_factor,
        year,
        label_ratio,
        p,
    )
    env = insulation_levels(
        arch.u_current_w_m2k, arch.element_area_m2, arch.qv10_dm3s_m2, year, p, state
    )
    done = None if already_insulated is None else np.asarray(already_insulated, dtype=bool)
    if done is not None and done.any():
        standard = already_standard(
            _take_rows(env, done), arch.element_area_m2[done], year[done], p
        )
        env = _replace_rows(env, done, standard)
    return env


@dataclass(frozen=True)
class _HeatTransfer:
    """Heat-transfer coefficients [W/K] of every dwelling."""

    transmission_w_k: np.ndarray  # H_T per level, (n, L)
    ventilation_w_k: np.ndarray  # H_V per level, (n, L)
    transmission_original_w_k: np.ndarray  # H_T as built (the emitters' design), (n,)

    @classmethod
    def of(cls, arch: _Archetype, env: LevelEnvelope, p: Params) -> _HeatTransfer:
        area_m2, element_m2, b_floor = arch.floor_area_m2, arch.element_area_m2, arch.floor_b_factor
        h_t, h_ve = heat_transfer_coefficients(
            area_m2,
            element_m2,
            env.u_w_m2k,
            b_floor,
            env.facade_foil_factor,
            env.qv10_dm3s_m2,
            env.heat_recovery,
            p,
        )
        h_t_orig = heat_transfer_coefficients(
            area_m2,
            element_m2,
            arch.u_original_w_m2k[:, None, :],
            b_floor,
            1.0,
            env.qv10_dm3s_m2[:, :1],
            0.0,
            p,
        )[0][:, 0]
        return cls(h_t, h_ve, h_t_orig)


def _model_space_heat_kwh(
    arch: _Archetype, env: LevelEnvelope, heat: _HeatTransfer, p: Params, station: str
) -> np.ndarray:
    """Net space-heat need of the monthly balance [kWh/yr], (n, L), before the label."""
    return space_heat_need_kwh(
        arch.floor_area_m2[:, None],
        heat.transmission_w_k,
        heat.ventilation_w_k,
        arch.element_area_m2[:, None, 3],
        env.u_w_m2k[:, :, 3],
        arch.apartment[:, None],
        monthly_climate(p, station),
        p,
    )


def _explained_ratio(
    arch: _Archetype,
    env: LevelEnvelope,
    q_current_kwh: np.ndarray,
    labelled: np.ndarray,
    p: Params,
    station: str,
) -> np.ndarray:
    """The part of the label's ratio the elements' state explains: the model's current space
    heat over the archetype's own current state's, (n,); 1 where the label moves no element
    (``labelled`` False: unknown or the default label) or both are 0."""
    out = np.ones(q_current_kwh.shape)
    rows = np.flatnonzero(labelled)
    if rows.size == 0:
        return out
    u_arch = arch.u_current_w_m2k[rows, None, :]
    area = arch.floor_area_m2[rows]
    elements = arch.element_area_m2[rows]
    qv = env.qv10_dm3s_m2[rows, :1]
    h_t, h_v = heat_transfer_coefficients(
        area, elements, u_arch, arch.floor_b_factor[rows], 1.0, qv, 0.0, p
    )
    q_arch = space_heat_need_kwh(
        area[:, None],
        h_t,
        h_v,
        elements[:, None, 3],
        u_arch[:, :, 3],
        arch.apartment[rows, None],
        monthly_climate(p, station),
        p,
    )[:, 0]
    with np.errstate(divide="ignore", invalid="ignore"):
        out[rows] = np.where(q_arch > 0, q_current_kwh[rows] / q_arch, 1.0)
    return out


def _label_factor_by_level(q_model_kwh: np.ndarray, r: np.ndarray, p: Params) -> np.ndarray:
    """The label's factor on the space heat per level, (n, L): r_L = 1 + (r − 1)·Q_L/Q_current,
    fading with the depth of the renovation; ``r`` (n,) is the part of the label's ratio that
    the elements' state does not explain."""
    with np.errstate(divide="ignore", invalid="ignore"):
        rel = np.where(q_model_kwh[:, :1] > 0, q_model_kwh / q_model_kwh[:, :1], 1.0)
    return 1.0 + (r[:, None] - 1.0) * rel


def _design_temperature_difference_k(p: Params) -> float:
    return p["physics.design_indoor_temp_c"] - p["physics.design_outdoor_temp_c"]


def _design_heat_load_kw(heat: _HeatTransfer, label_factor: np.ndarray, p: Params) -> np.ndarray:
    """Useful heat load at the design outdoor temperature [kW], (n, L) (ISSO 51 style, no
    gains); never higher at a deeper level."""
    dt_design = _design_temperature_difference_k(p)
    h_w_k = heat.transmission_w_k + heat.ventilation_w_k
    return _running_min(h_w_k * dt_design / 1000.0 * label_factor)


def _supply_temperatures_c(
    arch: _Archetype, heat: _HeatTransfer, load_kw: np.ndarray, p: Params
) -> tuple[np.ndarray, np.ndarray]:
    """Supply temperature [°C] the existing emitters need at the design load, and the one
    after LT emitter works (never higher), (n, L) each.

    The emitters were sized for the as-built design load × ``physics.emitter_oversize_factor``
    at the archetype's design regime.
    """
    dt_design = _design_temperature_difference_k(p)
    load_orig_kw = (
        (heat.transmission_original_w_k + heat.ventilation_w_k[:, 0]) * dt_design / 1000.0
    )
    rated_kw = (load_orig_kw * p["physics.emitter_oversize_factor"])[:, None]
    regime = (
        arch.column("emitter_supply_design_c")[:, None],
        arch.column("emitter_return_design_c")[:, None],
    )
    supply_c = emitter_supply_temp_c(load_kw, rated_kw, *regime, p)
    supply_lt_c = np.minimum(supply_with_lt_emitters_c(load_kw, rated_kw, *regime, p), supply_c)
    return supply_c, supply_lt_c


def _take_rows(env: LevelEnvelope, rows: np.ndarray) -> LevelEnvelope:
    """The dwellings ``rows`` (a mask) of an envelope (``heat_recovery`` is per level: kept)."""
    return LevelEnvelope(
        **{
            f.name: getattr(env, f.name)
            if f.name == "heat_recovery"
            else getattr(env, f.name)[rows]
            for f in fields(LevelEnvelope)
        }
    )


def _replace_rows(env: LevelEnvelope, rows: np.ndarray, part: LevelEnvelope) -> LevelEnvelope:
    """``env`` with the dwellings ``rows`` (a mask) taken from ``part``."""
    out = {}
    for f in fields(LevelEnvelope):
        whole = getattr(env, f.name)
        if f.name != "heat_recovery":
            whole = np.array(whole, copy=True)
            whole[rows] = getattr(part, f.name)
        out[f.name] = whole
    return LevelEnvelope(**out)


def _running_min(x: np.ndarray) -> np.ndarray:
    """``np.minimum.accumulate(x, axis=1)`` one column at a time (much faster for (n, L) arrays)."""
    out = np.array(x, dtype=float)
    for j in range(1, out.shape[1]):  # a few insulation levels
        np.minimum(out[:, j - 1], out[:, j], out=out[:, j])
    return out


def _label_factor(archetype: np.ndarray, label: np.ndarray, params: Params) -> np.ndarray:
    """Vesta space-heat ratio of the dwelling's label to the archetype default (1 if unknown)."""
    grid = _label_factor_grid(params)
    known = (label >= 0) & (label < len(ENERGY_LABELS))
    r = np.where(known, grid[archetype, np.clip(label, 0, len(ENERGY_LABELS) - 1)], 1.0)
    return np.clip(r, params["physics.label_factor_min"], params["physics.label_factor_max"])


@per_params
def _label_factor_grid(params: Params) -> np.ndarray:
    """(archetype, label) -> Vesta space-heat ratio to the archetype's default label; 1 where
    none."""
    t = params.table("physics_label_factors")
    n_arch = int(params.table("archetypes")["archetype_id"].max()) + 1
    grid = np.ones((n_arch, len(ENERGY_LABELS)))
    codes = t["label"].map({lab: i for i, lab in enumerate(ENERGY_LABELS)}).to_numpy()
    grid[t["archetype_id"].to_numpy(), codes] = t["factor"].to_numpy(dtype=float)
    grid.setflags(write=False)
    return grid


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

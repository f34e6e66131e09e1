"""The envelope of every dwelling group at every insulation level, for the comfort indicators.

The energy outcomes do not carry U-values, air leakage or heat-transfer coefficients, so they
are formed again here from the same physics (:mod:`wupmodel.physics.demand` and
:mod:`~wupmodel.physics.insulation`): RVO archetype by type and year, element areas scaled to
the floor area, the four insulation levels (a survey's "already insulated" starts at the
standard level, as in the evaluation). The label factor that scales the energy demand does not
change an envelope property, so it is not applied here.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

import numpy as np
import pandas as pd

from wupmodel.params import Params
from wupmodel.physics.balance import window_g_value
from wupmodel.physics.demand import (
    archetype_index,
    heat_transfer_coefficients,
    qv10_forfait_dm3s_m2,
    ventilation_flow_dm3s,
)
from wupmodel.physics.insulation import ELEMENTS, LevelEnvelope, already_standard, insulation_levels
from wupmodel.vocabulary import DWELLING_TYPES

__all__ = ["Envelope", "group_envelope"]

_APARTMENT = np.array([t.startswith("meergezins") for t in DWELLING_TYPES])


@dataclass(frozen=True)
class Envelope:
    """Envelope of G dwelling groups at L insulation levels.

    Attributes
    ----------
    dwelling_type
        (G,) codes into :data:`~wupmodel.vocabulary.DWELLING_TYPES`.
    floor_area_m2
        (G,) usable floor area [m²].
    element_area_m2
        (G, 5) element areas in :data:`~wupmodel.physics.insulation.ELEMENTS` order [m²].
    u_w_m2k
        (G, L, 5) U-values [W/m²K].
    floor_b_factor
        (G,) temperature reduction factor of the ground floor [-].
    qv10_dm3s_m2
        (G, L) air leakage at 10 Pa [dm³/s per m²].
    heat_recovery
        (L,) heat-recovery efficiency of the ventilation (balanced ventilation at deep) [-].
    h_tr_w_k
        (G, L) transmission heat-transfer coefficient [W/K].
    vent_required_dm3s
        (G,) required outdoor-air flow (NTA 8800 table 11.8) [dm³/s].
    infiltration_dm3s
        (G, L) infiltration through gaps [dm³/s].
    window_g
        (G, L) solar transmittance of the glazing [-].
    roof_area_m2
        (G,) roof area per dwelling (the stock's where given, else the archetype's) [m²].
    """

    dwelling_type: np.ndarray
    floor_area_m2: np.ndarray
    element_area_m2: np.ndarray
    u_w_m2k: np.ndarray
    floor_b_factor: np.ndarray
    qv10_dm3s_m2: np.ndarray
    heat_recovery: np.ndarray
    h_tr_w_k: np.ndarray
    vent_required_dm3s: np.ndarray
    infiltration_dm3s: np.ndarray
    window_g: np.ndarray
    roof_area_m2: np.ndarray

    @property
    def apartment(self) -> np.ndarray:
        """(G,) True for dwellings in a block of flats."""
        return _APARTMENT[self.dwelling_type]


def _numeric(groups: pd.DataFrame, name: str) -> np.ndarray:
    if name not in groups:
        return np.full(len(groups), np.nan)
    return pd.to_numeric(groups[name], errors="coerce").to_numpy(dtype=float)


def _levels(groups: pd.DataFrame, columns: dict, idx: np.ndarray, params: Params) -> tuple:
    """(areas, LevelEnvelope) of the groups, with "already insulated" groups at standard."""
    area = groups["floor_area_m2"].to_numpy(dtype=float)
    year = groups["construction_year"].to_numpy(dtype=np.int64)
    scale = area / columns["ref_floor_area_m2"][idx]
    areas = np.stack([columns[f"{e}_area_m2"][idx] for e in ELEMENTS], axis=1) * scale[:, None]
    u_cur = np.stack([columns[f"u_{e}_current"][idx] for e in ELEMENTS], axis=1)
    qv10 = qv10_forfait_dm3s_m2(
        columns["qv10_type_factor"][idx], columns["qv10_spec_dm3s_m2"][idx], year, params
    )
    env = insulation_levels(u_cur, areas, qv10, year, params)
    if "already_insulated" in groups:
        done = groups["already_insulated"].fillna(False).to_numpy(dtype=bool)
        if done.any():
            part = already_standard(_rows(env, done), areas[done], year[done], params)
            env = _with_rows(env, done, part)
    return areas, env


def _rows(env: LevelEnvelope, rows: np.ndarray) -> LevelEnvelope:
    return replace(
        env,
        **{f.name: getattr(env, f.name)[rows] for f in fields(env) if f.name != "heat_recovery"},
    )


def _with_rows(env: LevelEnvelope, rows: np.ndarray, part: LevelEnvelope) -> LevelEnvelope:
    out = {}
    for f in fields(env):
        if f.name == "heat_recovery":
            continue
        whole = np.array(getattr(env, f.name), copy=True)
        whole[rows] = getattr(part, f.name)
        out[f.name] = whole
    return replace(env, **out)


def group_envelope(groups: pd.DataFrame, params: Params) -> Envelope:
    """The envelope of every group (rows of a validated stock or of ``Outcomes.groups``).

    Parameters
    ----------
    groups
        Needs ``dwelling_type``, ``construction_year`` and ``floor_area_m2``; uses
        ``roof_area_m2`` and ``already_insulated`` where present.
    params
        Packaged parameters (``archetypes`` table, ``physics.*``).
    """
    dtype = np.asarray(
        pd.Categorical(groups["dwelling_type"], categories=DWELLING_TYPES).codes, dtype=np.int64
    )
    year = groups["construction_year"].to_numpy(dtype=np.int64)
    area = groups["floor_area_m2"].to_numpy(dtype=float)
    arch = params.table("archetypes")
    columns = {c: arch[c].to_numpy(dtype=float) for c in arch.columns if arch[c].dtype.kind in "if"}
    idx = archetype_index(dtype, year, params)
    areas, env = _levels(groups, columns, idx, params)
    b_floor = columns["floor_b_factor"][idx]
    h_tr, _ = heat_transfer_coefficients(
        area, areas, env.u_w_m2k, b_floor, env.facade_foil_factor, env.qv10_dm3s_m2, 0.0, params
    )
    infiltration = (
        params["physics.infiltration_base_dm3s_m2"]
        + params["physics.infiltration_qv10_coeff"] * env.qv10_dm3s_m2
    ) * area[:, None]
    roof_in = _numeric(groups, "roof_area_m2")
    return Envelope(
        dwelling_type=dtype,
        floor_area_m2=area,
        element_area_m2=areas,
        u_w_m2k=env.u_w_m2k,
        floor_b_factor=b_floor,
        qv10_dm3s_m2=env.qv10_dm3s_m2,
        heat_recovery=np.asarray(env.heat_recovery, dtype=float),
        h_tr_w_k=h_tr,
        vent_required_dm3s=ventilation_flow_dm3s(area, params),
        infiltration_dm3s=infiltration,
        window_g=window_g_value(env.u_w_m2k[:, :, 3], params),
        roof_area_m2=np.where(np.isfinite(roof_in), roof_in, areas[:, 2]),
    )

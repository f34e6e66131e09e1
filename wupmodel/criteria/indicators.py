"""Well-being indicators of every dwelling group × option, beside the energy outcomes.

:func:`indicators` forms them from an :class:`~wupmodel.outcomes.Outcomes` and the packaged
parameters, all as (groups, options) arrays without a loop over dwellings or options: what
depends on the envelope is computed per insulation level (G, L) and taken onto the options'
levels; what depends on the heating system is a mask over the options. The meaning, unit,
direction and source of each is in ``criteria_indicators.csv`` (:func:`indicator_table`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from wupmodel.criteria.comfort import (
    cold_surface_k,
    indoor_vapour_pressure_pa,
    surface_rh,
    surface_temp_drop_k,
)
from wupmodel.criteria.envelope import Envelope, group_envelope
from wupmodel.criteria.noise import assess_noise, sound_power_db_a, sound_pressure_db_a
from wupmodel.criteria.summer import (
    GainSettings,
    Month,
    SummerDwelling,
    air_cooling_eer,
    cooling_need_kwh,
    tojuli_k,
)
from wupmodel.criteria.tables import DampSettings, NoiseSettings, SummerSettings
from wupmodel.criteria.works import works_indicators
from wupmodel.options import Catalogue
from wupmodel.outcomes import Outcomes
from wupmodel.params import Params
from wupmodel.vocabulary import DWELLING_TYPES, HEATING_SYSTEMS

__all__ = ["Indicators", "indicators", "COOLING_MONTHS"]

#: Months (1-based) whose cooling need the cooling electricity counts.
COOLING_MONTHS: tuple[int, ...] = (5, 6, 7, 8, 9)
_AIR, _GROUND = HEATING_SYSTEMS.index("air_hp"), HEATING_SYSTEMS.index("ground_hp")
_OUTDOOR_UNIT = np.isin(np.array(HEATING_SYSTEMS), ["hybrid_hp", "air_hp"])


@dataclass(frozen=True)
class Indicators:
    """Indicators of G dwelling groups × O options.

    Attributes
    ----------
    group_ids
        (G,) ``group_id`` of each group.
    counts
        (G,) dwellings per group.
    option_ids
        (O,) readable option ids.
    values
        Indicator name -> (G, O) array (see ``criteria_indicators.csv`` for units).
    """

    group_ids: np.ndarray
    counts: np.ndarray
    option_ids: np.ndarray
    values: Mapping[str, np.ndarray]

    def __getitem__(self, name: str) -> np.ndarray:
        return self.values[name]

    @property
    def names(self) -> list[str]:
        return list(self.values)

    def pick(self, name: str, choice: np.ndarray) -> np.ndarray:
        """(G,) value of ``name`` under option ``choice[g]`` of each group."""
        return self.values[name][np.arange(self.counts.size), choice]

    def to_frame(self) -> pd.DataFrame:
        """Long table: one row per group × option, one column per indicator."""
        n_opt = self.option_ids.size
        data = {
            "group_id": np.repeat(self.group_ids, n_opt),
            "count": np.repeat(self.counts, n_opt),
            "option_id": np.tile(self.option_ids, self.counts.size),
        }
        data.update({k: np.asarray(v, dtype=float).ravel() for k, v in self.values.items()})
        return pd.DataFrame(data)


def _month(params: Params, month: int, temp_column: str) -> Month:
    row = params.table("physics_climate_monthly").set_index("month").loc[month]
    return Month(
        float(row["hours"]), float(row[temp_column]), float(row["irradiance_vertical_mean_w_m2"])
    )


def _summer_dwelling(env: Envelope, summer: SummerSettings, params: Params) -> SummerDwelling:
    rho_c = params["physics.air_volumetric_heat_capacity_j_m3k"] / 1000.0  # W per (dm³/s·K)
    area = env.floor_area_m2[:, None]
    flow = (
        env.vent_required_dm3s[:, None]
        + env.infiltration_dm3s
        + summer.purge_ventilation_dm3s_m2 * area
    )
    return SummerDwelling(
        floor_area_m2=area,
        h_tr_w_k=env.h_tr_w_k,
        h_ve_w_k=rho_c * flow,
        window_area_m2=env.element_area_m2[:, 3:4],
        window_g=env.window_g,
        window_u_w_m2k=env.u_w_m2k[:, :, 3],
    )


def _cooling_eer(params: Params, summer: SummerSettings, month: Month) -> tuple[float, float]:
    """(air, ground) EER of cooling in ``month``."""
    fit = params.table("criteria_cooling_eer").set_index("heating").loc["air_hp"]
    coeffs = tuple(float(fit[f"p{k}_eer"]) for k in range(1, 5))
    air = float(air_cooling_eer(month.outdoor_temp_c, summer.cooling_flow_temp_c, coeffs))
    return air, summer.ground_passive_cooling_eer


def _summer(env: Envelope, catalogue: Catalogue, params: Params) -> dict[str, np.ndarray]:
    """TOjuli with and without the option's cooling, and the cooling electricity, (G, O)."""
    summer = SummerSettings.of(params)
    gains = GainSettings.of(params, summer)
    dwelling = _summer_dwelling(env, summer, params)
    hours = _month(params, 7, "temp_nta8800_debilt_c").hours_h
    july = Month(hours, summer.july_outdoor_temp_c, summer.july_irradiance_worst_w_m2)
    h_total = dwelling.h_tr_w_k + dwelling.h_ve_w_k
    need = cooling_need_kwh(dwelling, july, gains)  # (G, L)
    cap_w = summer.cooling_capacity_w_m2 * env.floor_area_m2[:, None]  # (G, 1)
    can_cool = np.isin(catalogue.heating, [_AIR, _GROUND])[None, :]
    levels = catalogue.insulation
    passive = tojuli_k(need, h_total, july.hours_h)[:, levels]
    residual = np.maximum(need - cap_w * july.hours_h / 1000.0, 0.0)[:, levels]
    cooled = np.where(can_cool, tojuli_k(residual, h_total[:, levels], july.hours_h), passive)
    air_kwh = np.zeros_like(need)
    ground_kwh = np.zeros_like(need)
    for m in COOLING_MONTHS:  # five months, not a loop over dwellings
        month = _month(params, m, "temp_eelde_c")
        delivered = np.minimum(
            cooling_need_kwh(dwelling, month, gains), cap_w * month.hours_h / 1e3
        )
        eer_air, eer_ground = _cooling_eer(params, summer, month)
        air_kwh += delivered / eer_air
        ground_kwh += delivered / eer_ground
    heating = catalogue.heating[None, :]
    cooling = np.where(
        heating == _AIR,
        air_kwh[:, levels],
        np.where(heating == _GROUND, ground_kwh[:, levels], 0.0),
    )
    return {
        "overheating_tojuli_k": cooled,
        "overheating_passive_tojuli_k": passive,
        "overheating_over_limit": (cooled > summer.tojuli_limit_k).astype(float),
        "cooling_kwh": cooling,
    }


def _noise(env: Envelope, outcomes: Outcomes, params: Params) -> dict[str, np.ndarray]:
    """Outdoor-unit sound at the neighbour and the rule's verdict, (G, O)."""
    settings = NoiseSettings.of(params)
    placement = params.table("criteria_noise_placement").set_index("dwelling_type")
    placement = placement.reindex(list(DWELLING_TYPES))
    distance = placement["distance_m"].to_numpy(dtype=float)[env.dwelling_type][:, None]
    q = placement["directivity_q"].to_numpy(dtype=float)[env.dwelling_type][:, None]
    lw = sound_power_db_a(
        outcomes["capacity_kw"],
        params.table("criteria_heatpump_sound"),
        settings.noise_sound_power_quantile,
    )
    has_unit = _OUTDOOR_UNIT[outcomes.catalogue.heating][None, :]
    verdict = assess_noise(sound_pressure_db_a(lw, distance, q), has_unit, settings)
    return {
        "noise_rating_db_a": verdict.rating_db_a,
        "noise_excess_db": verdict.excess_db,
        "noise_over_limit": verdict.over_limit.astype(float),
        "needs_screen": verdict.needs_screen.astype(float),
        "needs_relocation": verdict.needs_relocation.astype(float),
    }


def _comfort(env: Envelope, catalogue: Catalogue, params: Params) -> dict[str, np.ndarray]:
    """Cold surfaces, draught and the NEN-EN-ISO 13788 surface humidity, (G, O)."""
    damp = DampSettings.of(params)
    dt_design = params["physics.design_indoor_temp_c"] - params["physics.design_outdoor_temp_c"]
    cold = cold_surface_k(
        env.u_w_m2k, env.element_area_m2, env.floor_b_factor, damp.rsi_comfort_m2k_w, dt_design
    )
    theta_i = params["physics.heating_setpoint_c"]
    theta_e = _month(params, 1, "temp_eelde_c").outdoor_temp_c
    u = env.u_w_m2k
    u_coldest = np.maximum.reduce(
        [u[:, :, 0] * env.floor_b_factor[:, None], u[:, :, 1], u[:, :, 2]]
    )
    theta_si = theta_i - surface_temp_drop_k(u_coldest, damp.rsi_mould_m2k_w, theta_i - theta_e)
    used = np.where(env.heat_recovery > 0.0, 1.0, damp.natural_ventilation_use_share)
    exchange = used[None, :] * env.vent_required_dm3s[:, None] + env.infiltration_dm3s
    rh = surface_rh(indoor_vapour_pressure_pa(exchange, theta_i, theta_e, damp), theta_si)
    levels = catalogue.insulation
    return {
        "cold_surface_k": cold[:, levels],
        "draught_qv10_dm3s_m2": env.qv10_dm3s_m2[:, levels],
        "mould_surface_rh": rh[:, levels],
        "mould_risk": (rh >= damp.mould_surface_rh_limit).astype(float)[:, levels],
    }


def _emitter_works(outcomes: Outcomes, params: Params) -> np.ndarray:
    """(G, O) bool: the option includes LT emitter works (existing emitters too cold)."""
    supply = outcomes["supply_temp_c"]
    heating = outcomes.catalogue.heating[None, :]
    hp = np.isin(heating, [_AIR, _GROUND]) & (supply > params["hp.lt_ready_supply_temp_c"])
    lt = (heating == HEATING_SYSTEMS.index("heat_network_lt")) & (
        supply > params["physics.heatnet_lt_supply_temp_c"]
    )
    return hp | lt


def indicators(outcomes: Outcomes, params: Params) -> Indicators:
    """Every well-being indicator of every dwelling group × option.

    Parameters
    ----------
    outcomes
        An evaluation (uses ``groups``, the catalogue and ``capacity_kw``, ``supply_temp_c``,
        ``capex_insulation_eur`` and ``peak_kw``).
    params
        Packaged parameters with the scenario's overrides (``criteria.*``, ``physics.*``, the
        ``criteria_*`` tables).

    Returns
    -------
    Indicators
        (G, O) arrays named as in ``criteria_indicators.csv`` (level ``dwelling``).
    """
    env = group_envelope(outcomes.groups, params)
    cat = outcomes.catalogue
    values: dict[str, np.ndarray] = {}
    values.update(_summer(env, cat, params))
    values.update(_noise(env, outcomes, params))
    values.update(_comfort(env, cat, params))
    values.update(
        works_indicators(
            cat,
            outcomes["capex_insulation_eur"] > 0.0,
            _emitter_works(outcomes, params),
            params.table("criteria_works"),
        )
    )
    values["peak_kw_per_dwelling"] = np.asarray(outcomes["peak_kw"], dtype=float)
    return Indicators(
        group_ids=outcomes.groups["group_id"].to_numpy(),
        counts=outcomes.counts,
        option_ids=cat.option_ids,
        values=values,
    )

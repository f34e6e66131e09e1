"""The criteria's packaged defaults: what each indicator means, and the settings of the kernels.

Scalar defaults are the ``criteria.*`` rows of ``data/parameters/criteria.csv`` (a scenario may
override them like any parameter); tables are ``data/criteria_*.csv``. Every row names its
``source`` and ``year``. The kernels take the small frozen settings below, never a Params.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from wupmodel.params import Params

__all__ = [
    "DIRECTIONS",
    "indicator_table",
    "weighed_criteria",
    "SummerSettings",
    "NoiseSettings",
    "DampSettings",
    "RainSettings",
]

#: Allowed directions of an indicator: is a lower or a higher value better?
DIRECTIONS: tuple[str, ...] = ("lower", "higher")


def indicator_table(params: Params) -> pd.DataFrame:
    """The packaged indicator definitions (``criteria_indicators.csv``), indexed by indicator.

    Columns: ``level`` (dwelling, strategy or village), ``unit``, ``direction`` (``lower`` or
    ``higher`` is better), ``aggregate`` (how a strategy's value is formed), ``weigh`` (in the
    default weighing), ``theme``, ``label_nl``, ``label_en``, ``method``, ``source``, ``year``.
    """
    table = params.table("criteria_indicators").set_index("indicator")
    bad = sorted(set(table["direction"]) - set(DIRECTIONS))
    if bad:
        raise RuntimeError(f"criteria_indicators.csv: unknown direction(s) {bad}")
    table["weigh"] = table["weigh"].astype(str).str.lower().eq("true")
    return table


def weighed_criteria(params: Params) -> list[str]:
    """The criteria of the default weighing (``weigh`` in ``criteria_indicators.csv``)."""
    table = indicator_table(params)
    return table.index[table["weigh"]].tolist()


def _value(params: Params, name: str) -> float:
    return float(params[f"criteria.{name}"])


@dataclass(frozen=True)
class SummerSettings:
    """The July balance behind TOjuli and the cooling an option can deliver."""

    cooling_setpoint_c: float
    tojuli_limit_k: float
    july_irradiance_worst_w_m2: float
    july_outdoor_temp_c: float
    purge_ventilation_dm3s_m2: float
    sun_shading_factor: float
    cooling_capacity_w_m2: float
    cooling_flow_temp_c: float
    ground_passive_cooling_eer: float

    @classmethod
    def of(cls, params: Params) -> SummerSettings:
        return cls(**{name: _value(params, name) for name in cls.__dataclass_fields__})


@dataclass(frozen=True)
class NoiseSettings:
    """The Bouwbesluit / Bbl rule for an outdoor unit and the mitigation by a screen."""

    noise_limit_db_a: float
    noise_tonal_penalty_db: float
    noise_screen_attenuation_db: float
    noise_sound_power_quantile: float

    @classmethod
    def of(cls, params: Params) -> NoiseSettings:
        return cls(**{name: _value(params, name) for name in cls.__dataclass_fields__})


@dataclass(frozen=True)
class DampSettings:
    """Surface temperatures and the NEN-EN-ISO 13788 surface-humidity check."""

    rsi_comfort_m2k_w: float
    rsi_mould_m2k_w: float
    mould_surface_rh_limit: float
    moisture_production_kg_per_day: float
    winter_outdoor_rh: float
    natural_ventilation_use_share: float

    @classmethod
    def of(cls, params: Params) -> DampSettings:
        return cls(**{name: _value(params, name) for name in cls.__dataclass_fields__})


@dataclass(frozen=True)
class RainSettings:
    """Rain on the village's roofs: green roofs and disconnection from the sewer."""

    rainfall_mm_per_yr: float
    green_roof_retention_share: float
    green_roof_storm_buffer_l_m2: float
    roof_runoff_share: float

    @classmethod
    def of(cls, params: Params) -> RainSettings:
        return cls(**{name: _value(params, name) for name in cls.__dataclass_fields__})

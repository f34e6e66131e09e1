"""Outdoor-unit noise at the neighbour, against the Bouwbesluit / Bbl limit.

Since 1 April 2021 (Bouwbesluit 2012 art. 3.8/3.9, now the Besluit bouwwerken leefomgeving) an
outdoor heat-pump unit may cause at most 40 dB(A) in the evening and at night at the plot boundary
with a residential plot (1.5 m high) or at a neighbour's openable window, determined per the
Handleiding meten en rekenen industrielawaai, which adds 5 dB to a tonal sound. The level at
distance r of a point source of sound power Lw with directivity Q (2 on the ground, 4 against a
wall, 8 in a corner) is

    Lp = Lw + 10·log10(Q / (4·π·r²))          (Q = 2: Lp = Lw − 20·log10(r) − 8)

A screen or enclosure lowers the level at the neighbour by its attenuation; a unit still above
the limit with one needs another place (or a quieter unit, or a ground source).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from wupmodel.criteria.tables import NoiseSettings

__all__ = [
    "sound_pressure_db_a",
    "sound_power_db_a",
    "screened_level_db_a",
    "NoiseAssessment",
    "assess_noise",
]


def sound_pressure_db_a(
    sound_power_db_a: np.ndarray | float,
    distance_m: np.ndarray | float,
    directivity_q: np.ndarray | float = 2.0,
) -> np.ndarray:
    """Sound pressure level [dB(A)] at ``distance_m`` from a point source of ``sound_power_db_a``.

    Free-field spreading over the solid angle 4π/Q: Lp = Lw + 10·log10(Q / (4·π·r²)).
    """
    r = np.asarray(distance_m, dtype=float)
    q = np.asarray(directivity_q, dtype=float)
    return np.asarray(sound_power_db_a, dtype=float) + 10.0 * np.log10(q / (4.0 * np.pi * r * r))


def sound_power_db_a(
    capacity_kw: np.ndarray | float, sound_table: pd.DataFrame, quantile_percent: float = 50.0
) -> np.ndarray:
    """Keymark sound power [dB(A)] of an outdoor unit of ``capacity_kw`` (packaged classes).

    ``sound_table`` is ``criteria_heatpump_sound.csv``: capacity classes ``capacity_from_kw <
    P <= capacity_to_kw`` with the 10/50/90 % quantiles of the units' sound power;
    ``quantile_percent`` picks one (10, 50 or 90). Capacities outside the classes take the
    nearest class.
    """
    column = {10.0: "lw_p10_db_a", 50.0: "lw_p50_db_a", 90.0: "lw_p90_db_a"}.get(
        float(quantile_percent)
    )
    if column is None:
        raise ValueError(f"sound power quantile {quantile_percent} is not 10, 50 or 90")
    upper = sound_table["capacity_to_kw"].to_numpy(dtype=float)
    lw = sound_table[column].to_numpy(dtype=float)
    cls = np.searchsorted(upper, np.asarray(capacity_kw, dtype=float), side="left")
    return lw[np.clip(cls, 0, lw.size - 1)]


def screened_level_db_a(
    rating_db_a: np.ndarray | float, screen_attenuation_db: np.ndarray | float
) -> np.ndarray:
    """The level with a screen: lowered by its attenuation (a screen never adds sound)."""
    return np.asarray(rating_db_a, dtype=float) - np.maximum(screen_attenuation_db, 0.0)


@dataclass(frozen=True)
class NoiseAssessment:
    """The rule applied to outdoor units; every field has the input's shape.

    Attributes
    ----------
    rating_db_a
        Level at the neighbour incl. the tonal penalty, without a screen [dB(A)]; NaN where
        there is no outdoor unit.
    excess_db
        How far the rating level lies above the limit without a screen (0 within it, and where
        there is no outdoor unit) [dB].
    over_limit
        Above the limit without a screen.
    needs_screen
        Above the limit without a screen, within it with one.
    needs_relocation
        Still above the limit with a screen.
    mitigated_db_a
        The level after the mitigation the rule asks for (the screen where the unit is over
        the limit) [dB(A)]; NaN without an outdoor unit.
    """

    rating_db_a: np.ndarray
    excess_db: np.ndarray
    over_limit: np.ndarray
    needs_screen: np.ndarray
    needs_relocation: np.ndarray
    mitigated_db_a: np.ndarray


def assess_noise(
    sound_pressure: np.ndarray, has_unit: np.ndarray, settings: NoiseSettings
) -> NoiseAssessment:
    """Apply the tonal penalty, the limit and the screen to the level at the neighbour.

    Parameters
    ----------
    sound_pressure
        Sound pressure level at the receiver [dB(A)] (:func:`sound_pressure_db_a`).
    has_unit
        Whether there is an outdoor unit at all (broadcasts against ``sound_pressure``).
    settings
        Limit, tonal penalty and screen attenuation.
    """
    unit = np.broadcast_to(np.asarray(has_unit, dtype=bool), np.shape(sound_pressure))
    rating = np.where(unit, sound_pressure + settings.noise_tonal_penalty_db, np.nan)
    screened = screened_level_db_a(rating, settings.noise_screen_attenuation_db)
    limit = settings.noise_limit_db_a
    over = unit & (rating > limit)
    relocate = unit & (screened > limit)
    return NoiseAssessment(
        rating_db_a=rating,
        excess_db=np.where(unit, np.maximum(rating - limit, 0.0), 0.0),
        over_limit=over,
        needs_screen=over & ~relocate,
        needs_relocation=relocate,
        mitigated_db_a=np.where(over, screened, rating),
    )

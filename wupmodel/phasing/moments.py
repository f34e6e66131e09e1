"""The moments that make a switch cheap: when each gas boiler is due, what is left of it, and the
steps of the time path.

Boiler life
-----------
A gas boiler's life is Weibull distributed (mean ``m``, shape ``k``; scale
``λ = m / Γ(1 + 1/k)``). In a village whose boilers have been replaced at the end of their life
for decades (a stationary renewal process) the *remaining* life of the boiler in place has the
density ``S(r) / m``, ``S`` the Weibull survival function, so its distribution function is the
regularised lower incomplete gamma function ``P(1/k, (r/λ)^k)``. A stock without a
``boiler_year`` gets each dwelling's remaining life from that distribution (stratified over a
row's ``count``, seeded by the village's seed); a stock with one gets the median remaining life
of a boiler of that age: ``λ ((a/λ)^k + ln 2)^(1/k) − a``. The boiler is *due* in the start
year plus the whole years of its remaining life.

Remaining value
---------------
A switch in year ``t`` scraps the boiler in place. Its straight-line remaining value is
``((due − t) mod L) / L`` of a new boiler (``L`` the boiler's technical life): the old boiler
up to its due year, after that the gas boiler that replaced it. A switch in a due year scraps
nothing.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from scipy.special import gammaincinv

from wupmodel.errors import WupInputError

__all__ = [
    "boiler_cohorts",
    "median_remaining_life_years",
    "period_starts",
    "remaining_life_years",
    "remaining_value_share",
    "weibull_scale_years",
]


def weibull_scale_years(mean_years: float, shape: float) -> float:
    """Weibull scale λ [yr] of a life with this mean [yr] and shape [-]."""
    return float(mean_years) / math.gamma(1.0 + 1.0 / float(shape))


def remaining_life_years(quantile: np.ndarray, mean_years: float, shape: float) -> np.ndarray:
    """Remaining life [yr] of a boiler in place at the given quantiles of its distribution.

    The stationary residual life of a Weibull life: ``F(r) = P(1/k, (r/λ)^k)``, inverted with
    :func:`scipy.special.gammaincinv`.
    """
    q = np.clip(np.asarray(quantile, dtype=float), 0.0, 1.0 - 1e-12)
    scale = weibull_scale_years(mean_years, shape)
    return scale * gammaincinv(1.0 / shape, q) ** (1.0 / shape)


def median_remaining_life_years(
    age_years: np.ndarray, mean_years: float, shape: float
) -> np.ndarray:
    """Median remaining life [yr] of a boiler that has run ``age_years`` (Weibull life)."""
    age = np.maximum(np.asarray(age_years, dtype=float), 0.0)
    scale = weibull_scale_years(mean_years, shape)
    return scale * ((age / scale) ** shape + math.log(2.0)) ** (1.0 / shape) - age


def period_starts(start_year: int, end_year: int, step: int) -> np.ndarray:
    """First year of each step: every year, or the start and then every multiple of 5."""
    years = np.arange(int(start_year), int(end_year) + 1)
    if step == 1:
        return years
    return np.concatenate([[start_year], years[1:][years[1:] % step == 0]]).astype(np.int64)


def remaining_value_share(due_year: np.ndarray, year: np.ndarray, life_years: float) -> np.ndarray:
    """Straight-line remaining value of the gas boiler in place in ``year``, as a share of a new
    one: ``((due − year) mod L) / L`` (broadcasts)."""
    life = float(life_years)
    gap = np.asarray(due_year, dtype=float) - np.asarray(year, dtype=float)
    return np.mod(gap, life) / life


def boiler_cohorts(
    stock: pd.DataFrame,
    start_year: int,
    mean_years: float,
    shape: float,
    seed: int = 0,
) -> pd.DataFrame:
    """The year each dwelling's boiler is due, as cohorts of the stock's rows.

    Parameters
    ----------
    stock
        A validated stock; its optional ``boiler_year`` (year installed) is used where given.
    start_year
        The plan's first year; a ``boiler_year`` after it is an error.
    mean_years, shape
        The boiler's Weibull life.
    seed
        Seed of the remaining lives drawn for rows without ``boiler_year``.

    Returns
    -------
    pandas.DataFrame
        ``row`` (position in ``stock``), ``due_year`` and ``count`` (dwellings of the row due
        that year), one line per row and due year.

    Raises
    ------
    WupInputError
        A ``boiler_year`` after the start year, naming the dwelling.
    """
    n = len(stock)
    count = stock["count"].to_numpy(dtype=np.int64) if "count" in stock else np.ones(n, np.int64)
    installed = (
        pd.to_numeric(stock["boiler_year"], errors="coerce").to_numpy(dtype=float)
        if "boiler_year" in stock
        else np.full(n, np.nan)
    )
    future = np.isfinite(installed) & (installed > start_year)
    if future.any():
        r = int(np.argmax(future))
        raise WupInputError(
            f"stock: dwelling '{stock['dwelling_id'].iloc[r]}' has boiler_year "
            f"{installed[r]:.0f}, after the plan's start year {start_year}; allowed: a year "
            f"up to {start_year} (when the boiler in place was installed), or empty",
            "stock",
        )
    known = np.isfinite(installed)
    due_known = start_year + np.floor(
        median_remaining_life_years(start_year - installed[known], mean_years, shape)
    )
    # rows without a boiler year: stratified quantiles (j + u) / count over each row's dwellings
    rows = np.flatnonzero(~known)
    per_row = count[rows]
    u = np.random.default_rng(seed).random(rows.size)
    dwelling_row = np.repeat(np.arange(rows.size), per_row)
    first = np.repeat(np.cumsum(per_row) - per_row, per_row)
    j = np.arange(dwelling_row.size) - first
    q = (j + u[dwelling_row]) / per_row[dwelling_row]
    due_drawn = start_year + np.floor(remaining_life_years(q, mean_years, shape))
    frame = pd.DataFrame(
        {
            "row": np.concatenate([np.flatnonzero(known), rows[dwelling_row]]),
            "due_year": np.concatenate([due_known, due_drawn]).astype(np.int64),
            "count": np.concatenate([count[known], np.ones(dwelling_row.size, np.int64)]),
        }
    )
    out = frame.groupby(["row", "due_year"], sort=True, as_index=False)["count"].sum()
    return out.reset_index(drop=True)

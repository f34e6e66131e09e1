"""Analyses of a sweep: tornado, distributions, P(A cheaper than B), Sobol' indices, least
regret, and per household the chance that monthly costs rise by more than a threshold.

Each analysis has a plain-array core (testable on any model) and a wrapper that reads a
:class:`wupmodel.uncertainty.sweep.SweepResult`. Lower is better for every money figure the
analyses compare (costs); pass ``lower_is_better=False`` for a figure where higher is better.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from wupmodel.errors import WupInputError
from wupmodel.uncertainty.sweep import SweepResult

__all__ = [
    "oat_effects",
    "tornado",
    "sobol_from_samples",
    "sobol_indices",
    "distributions",
    "prob_cheaper",
    "least_regret",
    "household_risk",
]


def _need(result: SweepResult, method: str, analysis: str) -> None:
    if result.design.method != method:
        raise WupInputError(
            f"{analysis} needs a sweep with method='{method}' (this one used"
            f" '{result.design.method}')"
        )


def _strategies(result: SweepResult, strategy: str | Sequence[str] | None) -> list[str]:
    if strategy is None:
        return list(result.strategies)
    names = [strategy] if isinstance(strategy, str) else list(strategy)
    for s in names:
        if s not in result.strategies:
            raise WupInputError(
                f"unknown strategy '{s}'; the sweep has {', '.join(result.strategies)}"
            )
    return names


# ---------------------------------------------------------------------------------------
# tornado


def oat_effects(
    y: NDArray[np.float64],
    factors: Sequence[str],
    low_values: Sequence[float] | None = None,
    high_values: Sequence[float] | None = None,
) -> pd.DataFrame:
    """Tornado table from one-at-a-time outputs.

    Parameters
    ----------
    y
        (1 + 2k,) outputs: the base row, then per factor its low and its high row
        (the order of :func:`wupmodel.uncertainty.sampling.design` with ``"oat"``).
    factors
        The k factor names.
    low_values, high_values
        The factors' low and high input values (shown in the table), optional.

    Returns
    -------
    pandas.DataFrame
        One row per factor, ranked by ``swing`` = |output at high - output at low|:
        ``factor``, ``low``, ``high``, ``output_low``, ``output_high``, ``effect_low`` and
        ``effect_high`` (vs the base), ``swing``.
    """
    y = np.asarray(y, dtype=float)
    k = len(factors)
    if y.shape != (1 + 2 * k,):
        raise ValueError(f"expected {1 + 2 * k} outputs for {k} factors, got {y.shape}")
    base, lo, hi = y[0], y[1::2], y[2::2]
    frame = pd.DataFrame(
        {
            "factor": list(factors),
            "low": np.nan if low_values is None else np.asarray(low_values, dtype=float),
            "high": np.nan if high_values is None else np.asarray(high_values, dtype=float),
            "base_output": base,
            "output_low": lo,
            "output_high": hi,
            "effect_low": lo - base,
            "effect_high": hi - base,
            "swing": np.abs(hi - lo),
        }
    )
    return frame.sort_values("swing", ascending=False, kind="stable").reset_index(drop=True)


def tornado(
    result: SweepResult,
    figure: str = "national_extra_eur_per_yr",
    strategy: str | Sequence[str] | None = None,
) -> pd.DataFrame:
    """Ranked low/high effect of every factor on ``figure``, per strategy (an ``"oat"`` sweep).

    Returns the :func:`oat_effects` table with a ``strategy`` and a ``figure`` column.
    """
    _need(result, "oat", "a tornado")
    d = result.design
    wide = result.figure(figure)
    first = [int(np.flatnonzero(d.factor_of == f)[0]) for f in range(len(d.factors))]
    lows = [d.values[1 + 2 * f, c] for f, c in enumerate(first)]
    highs = [d.values[2 + 2 * f, c] for f, c in enumerate(first)]
    parts = []
    for s in _strategies(result, strategy):
        t = oat_effects(wide[s].to_numpy(), d.factors, lows, highs)
        t.insert(0, "figure", figure)
        t.insert(0, "strategy", s)
        parts.append(t)
    return pd.concat(parts, ignore_index=True)


# ---------------------------------------------------------------------------------------
# Sobol'


def sobol_from_samples(
    y: NDArray[np.float64],
    factors: Sequence[str],
    seed: int | None = 0,
    conf_level: float = 0.95,
    num_resamples: int = 200,
) -> pd.DataFrame:
    """First-order and total Sobol' indices (SALib) from outputs on a Saltelli design.

    Parameters
    ----------
    y
        (N (k + 2),) outputs in the row order of
        :func:`wupmodel.uncertainty.sampling.unit_sobol_saltelli`.
    factors
        The k factor names.
    seed
        Seed of SALib's bootstrap (confidence intervals).

    Returns
    -------
    pandas.DataFrame
        ``factor``, ``S1``, ``S1_conf``, ``ST``, ``ST_conf`` (half-widths at ``conf_level``).
    """
    from SALib.analyze import sobol

    y = np.asarray(y, dtype=float)
    k = len(factors)
    if y.size % (k + 2):
        raise ValueError(f"{y.size} outputs do not form a Saltelli design of {k} factors")
    if not np.isfinite(y).all():
        raise WupInputError(
            "Sobol' indices need a finite output in every sample (the figure is NaN in some)"
        )
    problem = {"num_vars": k, "names": list(factors), "bounds": [[0.0, 1.0]] * k}
    if np.ptp(y) == 0:
        zeros = np.zeros(k)
        return pd.DataFrame(
            {"factor": list(factors), "S1": zeros, "S1_conf": zeros, "ST": zeros, "ST_conf": zeros}
        )
    res = sobol.analyze(
        problem,
        y,
        calc_second_order=False,
        num_resamples=num_resamples,
        conf_level=conf_level,
        seed=seed,
    )
    return pd.DataFrame(
        {
            "factor": list(factors),
            "S1": res["S1"],
            "S1_conf": res["S1_conf"],
            "ST": res["ST"],
            "ST_conf": res["ST_conf"],
        }
    )


def sobol_indices(
    result: SweepResult,
    figure: str = "national_extra_eur_per_yr",
    strategy: str | Sequence[str] | None = None,
    seed: int | None = 0,
) -> pd.DataFrame:
    """Sobol' indices of ``figure`` per strategy and factor (a ``"sobol"`` sweep)."""
    _need(result, "sobol", "Sobol' indices")
    wide = result.figure(figure)
    parts = []
    for s in _strategies(result, strategy):
        t = sobol_from_samples(wide[s].to_numpy(), result.design.factors, seed=seed)
        t.insert(0, "figure", figure)
        t.insert(0, "strategy", s)
        parts.append(t)
    return pd.concat(parts, ignore_index=True)


# ---------------------------------------------------------------------------------------
# distributions, comparisons, regret


def _monte_carlo(result: SweepResult, analysis: str) -> None:
    if result.design.method == "oat":
        raise WupInputError(f"{analysis} needs a sampled sweep ('lhs' or 'sobol'), not 'oat'")


def distributions(
    result: SweepResult,
    figure: str = "national_extra_eur_per_yr",
    quantiles: Sequence[float] = (0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95),
) -> pd.DataFrame:
    """Per strategy: mean, sd and quantiles of ``figure`` over the samples (NaN samples skipped)."""
    _monte_carlo(result, "a distribution")
    wide = result.figure(figure)
    rows = []
    for s in result.strategies:
        v = wide[s].to_numpy()
        ok = v[np.isfinite(v)]
        row = {
            "strategy": s,
            "figure": figure,
            "samples": int(ok.size),
            "mean": ok.mean() if ok.size else np.nan,
            "sd": ok.std(ddof=1) if ok.size > 1 else np.nan,
        }
        qs = np.quantile(ok, quantiles) if ok.size else np.full(len(quantiles), np.nan)
        row.update({f"p{round(q * 100):02d}": val for q, val in zip(quantiles, qs, strict=True)})
        rows.append(row)
    return pd.DataFrame(rows)


def prob_cheaper(
    result: SweepResult,
    figure: str = "national_extra_eur_per_yr",
    a: str | None = None,
    b: str | None = None,
) -> pd.DataFrame | float:
    """P(strategy A's ``figure`` is lower than B's) over the samples.

    With ``a`` and ``b``: that probability (float). Without: the matrix (rows A, columns B).
    """
    _monte_carlo(result, "a comparison")
    wide = result.figure(figure)
    if a is not None or b is not None:
        if a is None or b is None:
            raise WupInputError("give both strategies a and b, or neither")
        _strategies(result, [a, b])
        return float((wide[a].to_numpy() < wide[b].to_numpy()).mean())
    v = wide.to_numpy()
    matrix = (v[:, :, None] < v[:, None, :]).mean(axis=0)
    return pd.DataFrame(
        matrix, index=pd.Index(result.strategies, name="A"), columns=list(result.strategies)
    )


def least_regret(
    result: SweepResult,
    figure: str = "national_extra_eur_per_yr",
    strategies: Sequence[str] | None = None,
    lower_is_better: bool = True,
) -> pd.DataFrame:
    """Regret of each strategy: how much worse than the best strategy of the same sample.

    By default the reference is left out (the aim is leaving gas). Returns per strategy the
    ``max_regret``, ``mean_regret``, ``p95_regret`` and ``p_best`` (share of samples where it is
    best), sorted by ``max_regret``: the first row is the least-regret (minimax) strategy.
    """
    _monte_carlo(result, "least regret")
    names = list(result.strategies[1:]) if strategies is None else _strategies(result, strategies)
    v = result.figure(figure)[names].to_numpy()
    if not lower_is_better:
        v = -v
    v = np.where(np.isfinite(v), v, np.inf)
    regret = v - v.min(axis=1, keepdims=True)
    best = regret == 0
    frame = pd.DataFrame(
        {
            "strategy": names,
            "figure": figure,
            "max_regret": regret.max(axis=0),
            "mean_regret": regret.mean(axis=0),
            "p95_regret": np.quantile(regret, 0.95, axis=0),
            "p_best": best.mean(axis=0),
        }
    )
    return frame.sort_values(["max_regret", "mean_regret"], kind="stable").reset_index(drop=True)


def household_risk(
    result: SweepResult, threshold_eur: float = 0.0, strategy: str | Sequence[str] | None = None
) -> pd.DataFrame:
    """Per household (group of identical dwellings) and strategy: P(monthly costs rise by more
    than ``threshold_eur``), and the 90th percentile of the rise (a ``per_household`` sweep)."""
    if result.household_change is None:
        raise WupInputError("household risk needs a sweep with per_household=True")
    _monte_carlo(result, "household risk")
    groups = result.groups
    cols = [
        c
        for c in (
            "group_id",
            "count",
            "dwelling_type",
            "tenure",
            "construction_year",
            "floor_area_m2",
            "energy_label",
        )
        if c in groups
    ]
    parts = []
    for s in _strategies(result, strategy):
        i = result.strategies.index(s)
        change = result.household_change[:, i, :].astype(float)  # (N, G)
        frame = groups[cols].copy()
        frame.insert(0, "strategy", s)
        frame["p_rise"] = (change > threshold_eur).mean(axis=0)
        frame["change_p50_eur"] = np.quantile(change, 0.5, axis=0)
        frame["change_p90_eur"] = np.quantile(change, 0.9, axis=0)
        parts.append(frame)
    out = pd.concat(parts, ignore_index=True)
    out.attrs["threshold_eur"] = float(threshold_eur)
    return out

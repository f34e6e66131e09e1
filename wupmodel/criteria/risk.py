"""The household's chance of paying more, from an uncertainty sweep, as a criterion.

A per-household sweep (:func:`wupmodel.sweep` with ``per_household=True``) gives each dwelling
group's year-1 monthly cost change in every sample; :func:`wupmodel.household_risk` turns it into
each household's probability that its costs rise by more than a threshold. The criterion
``chance_paying_more`` of a strategy is the dwelling-weighted mean of that probability: the
chance that a household of the village, picked at random, ends up paying more. The sweep
evaluates the packaged strategies only, so a plan (a mix per dwelling) has no value.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from wupmodel.errors import WupInputError
from wupmodel.uncertainty import SweepResult, household_risk

__all__ = ["CHANCE", "paying_more_chance", "chance_column"]

#: The criterion's name (``criteria_indicators.csv``).
CHANCE = "chance_paying_more"


def paying_more_chance(sweep: SweepResult, threshold_eur: float) -> pd.Series:
    """Strategy -> dwelling-weighted mean probability that a household's year-1 monthly costs
    rise by more than ``threshold_eur``.

    Parameters
    ----------
    sweep
        A Monte Carlo sweep with ``per_household=True``.
    threshold_eur
        The rise [EUR/month] above which a household pays more
        (``criteria.paying_more_threshold_eur``).

    Raises
    ------
    WupInputError
        A sweep without the households' changes, or not a Monte Carlo sweep.
    """
    risk = household_risk(sweep, threshold_eur)
    weighted = risk["p_rise"] * risk["count"]
    by = risk.assign(weighted=weighted).groupby("strategy", sort=False)
    chance = by["weighted"].sum() / by["count"].sum()
    return chance.rename(CHANCE)


def chance_column(
    sweep: SweepResult | None, strategies: Sequence[str], threshold_eur: float
) -> tuple[np.ndarray, tuple[str, ...]]:
    """The column ``chance_paying_more`` for the rows ``strategies`` and why some are missing.

    Returns
    -------
    (values, notices)
        NaN for every row without a sweep, and for rows the sweep does not cover (a plan).
    """
    values = np.full(len(strategies), np.nan)
    if sweep is None:
        return values, (
            f"criterion '{CHANCE}' left out: no uncertainty sweep was given (the chance that a "
            "household pays more needs one: wupmodel criteria --uncertainty FILE, or "
            "wm.criteria(..., risk=wm.sweep(stock, scenario, per_household=True)))",
        )
    if sweep.household_change is None:
        raise WupInputError(
            "risk: the sweep has no per-household changes; run it with per_household=True", "risk"
        )
    chance = paying_more_chance(sweep, threshold_eur)
    values = chance.reindex(list(strategies)).to_numpy(dtype=float)
    missing = [s for s, v in zip(strategies, values, strict=True) if not np.isfinite(v)]
    notices = ()
    if missing:
        notices = (
            f"criterion '{CHANCE}' has no value for {', '.join(missing)}: the sweep "
            f"({sweep.design.n_samples} samples) evaluates the packaged strategies, not a "
            "plan's mix of options; left out of the weighing",
        )
    return values, notices

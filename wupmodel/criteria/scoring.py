"""Strategies scored on every criterion and weighed: the table, the ranking and its robustness.

:func:`strategy_indicators` forms the table strategy × indicator: the dwelling indicators under
each strategy's choice of options (dwelling-weighted means; shares for yes/no indicators), the
money, CO2 and grid figures of the strategy summary, and the village's climate-adaptation figures.
:func:`weigh` normalises the weighed criteria, scores the strategies (weighted sum or TOPSIS)
with the village's weights, ranks them, and measures robustness: the share of all weightings
(uniform over the weight simplex) in which each strategy comes first.
:func:`score_strategies` does both; the result type is
:class:`~wupmodel.criteria.result.CriteriaResult`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from wupmodel.criteria.choices import as_shares
from wupmodel.criteria.climate import climate_adaptation
from wupmodel.criteria.envelope import group_envelope
from wupmodel.criteria.indicators import Indicators, indicators
from wupmodel.criteria.result import CriteriaResult, weigh_table
from wupmodel.criteria.tables import indicator_table
from wupmodel.criteria.weights import Weights
from wupmodel.outcomes import Outcomes
from wupmodel.params import Params
from wupmodel.village import Strategy, strategies_from_table, strategy_choice, strategy_summary

__all__ = [
    "strategy_indicators",
    "weigh",
    "group_rankings",
    "score_strategies",
]

#: Columns of the strategy summary that are criteria (``criteria_indicators.csv``, level strategy).
_SUMMARY = (
    "monthly_cost_change_avg_eur",
    "share_paying_more",
    "national_extra_eur_per_yr",
    "co2_t",
    "peak_kw",
)


def _aggregate(ind: Indicators, shares: np.ndarray, meta: pd.DataFrame) -> dict[str, float]:
    """Dwelling-weighted mean (or share) of every dwelling indicator under (G, O) ``shares``;
    cells without a value (no outdoor unit: no noise level) count for nothing."""
    out = {}
    for name in ind.names:
        x = np.asarray(ind[name], dtype=float)
        ok = np.isfinite(x)
        weight = ind.counts[:, None] * shares * ok  # (G, O) dwellings with a value
        total = weight.sum()
        out[name] = float((weight * np.where(ok, x, 0.0)).sum() / total) if total > 0 else np.nan
    return {k: out[k] for k in meta.index if k in out}


def strategy_indicators(
    outcomes: Outcomes,
    params: Params,
    strategies: Sequence[Strategy] | None = None,
    choices: Mapping[str, np.ndarray] | None = None,
) -> pd.DataFrame:
    """The table strategy × indicator.

    Parameters
    ----------
    outcomes
        An evaluation (with money, for the money criteria).
    params
        Parameters with the scenario's overrides.
    strategies
        The strategies (default: the packaged ``strategies.csv``).
    choices
        Strategy name -> (G,) option per group or (G, O) shares, to score other choices (e.g.
        an optimised plan's, :func:`~wupmodel.criteria.choices.plan_shares`); default:
        :func:`~wupmodel.village.strategy_choice` of each strategy. The money, CO2 and grid
        columns of a choice that is no strategy are NaN (the caller fills them:
        :func:`~wupmodel.criteria.assess.plan_figures`); ``chance_paying_more`` is NaN (it
        needs a sweep: :func:`~wupmodel.criteria.assess.paying_more_chance`).
    """
    strategies = list(strategies or strategies_from_table(params.table("strategies")))
    if choices is None:
        choices = {s.name: strategy_choice(outcomes, s) for s in strategies}
    shares = {
        name: as_shares(c, outcomes.n_groups, outcomes.catalogue.size)
        for name, c in choices.items()
    }
    meta = indicator_table(params)
    ind = indicators(outcomes, params)
    rows = {name: _aggregate(ind, s, meta) for name, s in shares.items()}
    table = pd.DataFrame.from_dict(rows, orient="index")
    known = [s for s in strategies if s.name in shares]
    summary = strategy_summary(outcomes, known, params).set_index("strategy")
    summary = summary.reindex(table.index)  # a choice that is no packaged strategy: NaN
    for column in _SUMMARY:
        table[column] = summary[column] if column in summary else np.nan
    table["chance_paying_more"] = np.nan
    village = climate_adaptation(outcomes, params, shares, group_envelope(outcomes.groups, params))
    table = table.join(village)
    return table[[c for c in meta.index if c in table.columns]]


def weigh(
    table: pd.DataFrame,
    params: Params,
    weights: Weights | Mapping[str, float] | None = None,
    method: str = "topsis",
    n_samples: int = 100_000,
    seed: int | None = 0,
) -> CriteriaResult:
    """Score, rank and test the robustness of the strategies of ``table``.

    Parameters
    ----------
    table
        Strategy × indicator (:func:`strategy_indicators`).
    params
        Parameters (the indicator definitions: direction, smallest difference that matters).
    weights
        Criterion -> weight over the weighed criteria (:func:`weighed_criteria`); None: equal.
    method
        ``weighted`` (weighted sum) or ``topsis``.
    n_samples, seed
        Random weightings behind the robustness shares.
    """
    return weigh_table(table, indicator_table(params), weights, method, n_samples, seed)


def group_rankings(
    table: pd.DataFrame, params: Params, groups: Mapping[str, Weights], method: str = "topsis"
) -> pd.DataFrame:
    """Rank of every strategy under each group's weights, side by side (strategy × group)."""
    meta = indicator_table(params)
    return pd.DataFrame(
        {g: weigh_table(table, meta, w, method, n_samples=1).ranks for g, w in groups.items()}
    )


def score_strategies(
    outcomes: Outcomes,
    params: Params,
    weights: Weights | Mapping[str, float] | None = None,
    method: str = "topsis",
    strategies: Sequence[Strategy] | None = None,
    n_samples: int = 100_000,
) -> CriteriaResult:
    """:func:`strategy_indicators` then :func:`weigh` (what ``wm.criteria`` will return)."""
    table = strategy_indicators(outcomes, params, strategies)
    return weigh(table, params, weights, method, n_samples)

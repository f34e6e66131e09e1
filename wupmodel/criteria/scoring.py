"""Strategies scored on every criterion and weighed: the table, the ranking and its robustness.

:func:`strategy_indicators` forms the table strategy × indicator: the dwelling indicators under
each strategy's choice of options (dwelling-weighted means; shares for yes/no indicators), the
money, CO2 and grid figures of the strategy summary, and the village's climate-adaptation figures.
:func:`weigh` normalises the weighed criteria, scores the strategies (weighted sum or TOPSIS)
with the village's weights, ranks them, and measures robustness: the share of all weightings
(uniform over the weight simplex) in which each strategy comes first.
:func:`score_strategies` does both; its :meth:`CriteriaResult.to_dict` is the JSON
(``strategies``, ``ranking``, ``robustness``, ``weights``, ``method``, ``indicators``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from wupmodel.criteria.climate import climate_adaptation
from wupmodel.criteria.envelope import group_envelope
from wupmodel.criteria.indicators import Indicators, indicators
from wupmodel.criteria.tables import indicator_table, weighed_criteria
from wupmodel.criteria.weighing import METHODS, normalise, ranks, robustness, scores
from wupmodel.criteria.weights import Weights, validate_weights
from wupmodel.errors import WupInputError
from wupmodel.outcomes import Outcomes
from wupmodel.params import Params
from wupmodel.village import Strategy, strategies_from_table, strategy_choice, strategy_summary

__all__ = [
    "CriteriaResult",
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


@dataclass(frozen=True)
class CriteriaResult:
    """Strategies scored, weighed and ranked.

    Attributes
    ----------
    table
        Strategy × indicator values (every indicator, weighed or not).
    weights
        The weights used over the weighed criteria (sum 1).
    method
        ``weighted`` or ``topsis``.
    scores
        Score per strategy (higher is better).
    ranks
        Rank per strategy (1 = best; ties share the better rank).
    robustness
        Share of random weightings (uniform over the simplex) in which each strategy is first.
    n_samples
        Number of random weightings behind ``robustness``.
    notices
        Remarks (criteria left out because no strategy has a value, ...).
    """

    table: pd.DataFrame
    weights: Weights
    method: str
    scores: pd.Series
    ranks: pd.Series
    robustness: pd.Series
    n_samples: int
    notices: tuple[str, ...] = ()

    def ranking(self) -> pd.DataFrame:
        """Strategies best first: ``rank``, ``score``, ``robustness``."""
        frame = pd.DataFrame(
            {"rank": self.ranks, "score": self.scores, "robustness": self.robustness}
        )
        return frame.sort_values(["rank", "score"], ascending=[True, False])

    def to_dict(self, params: Params | None = None) -> dict[str, object]:
        """The JSON form: ``strategies`` (strategy -> indicator -> value), ``ranking``,
        ``robustness`` (strategy -> share first, summing to 1), ``weights``, ``method``,
        ``n_samples``, ``notices`` and, with ``params``, ``indicators`` (unit, direction,
        labels)."""

        def clean(value: object) -> object:
            v = float(value)  # type: ignore[arg-type]
            return None if not np.isfinite(v) else v

        out: dict[str, object] = {
            "method": self.method,
            "weights": self.weights.as_dict(),
            "strategies": {
                s: {k: clean(v) for k, v in row.items()} for s, row in self.table.iterrows()
            },
            "ranking": [
                {"strategy": s, "rank": int(r["rank"]), "score": clean(r["score"])}
                for s, r in self.ranking().iterrows()
            ],
            "robustness": {s: float(v) for s, v in self.robustness.items()},
            "n_samples": self.n_samples,
            "notices": list(self.notices),
        }
        if params is not None:
            meta = indicator_table(params).reindex(self.table.columns)
            out["indicators"] = {
                k: {c: meta.at[k, c] for c in ("unit", "direction", "label_nl", "label_en")}
                for k in meta.index
            }
        return out


def _aggregate(ind: Indicators, choice: np.ndarray, meta: pd.DataFrame) -> dict[str, float]:
    """Dwelling-weighted mean (or share) of every dwelling indicator under ``choice``."""
    out = {}
    for name in ind.names:
        x = ind.pick(name, choice)
        ok = np.isfinite(x)
        weight = ind.counts[ok].sum()
        out[name] = float((ind.counts[ok] * x[ok]).sum() / weight) if weight > 0 else np.nan
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
        Strategy name -> (G,) option per group, to score other choices (e.g. an optimised
        plan's); default: :func:`~wupmodel.village.strategy_choice` of each strategy.
    """
    strategies = list(strategies or strategies_from_table(params.table("strategies")))
    if choices is None:
        choices = {s.name: strategy_choice(outcomes, s) for s in strategies}
    meta = indicator_table(params)
    ind = indicators(outcomes, params)
    rows = {name: _aggregate(ind, choice, meta) for name, choice in choices.items()}
    table = pd.DataFrame.from_dict(rows, orient="index")
    summary = strategy_summary(outcomes, strategies, params).set_index("strategy")
    summary = summary.reindex(table.index)  # a choice that is no packaged strategy: NaN
    for column in _SUMMARY:
        table[column] = summary[column] if column in summary else np.nan
    village = climate_adaptation(outcomes, params, choices, group_envelope(outcomes.groups, params))
    table = table.join(village)
    return table[[c for c in meta.index if c in table.columns]]


def _weights(weights: Weights | Mapping[str, float] | None, criteria: Sequence[str]) -> Weights:
    if weights is None:
        return validate_weights(dict.fromkeys(criteria, 1.0), criteria, group="equal")
    if isinstance(weights, Weights):
        return validate_weights(weights.as_dict(), criteria, group=weights.group)
    return validate_weights(weights, criteria)


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
    if method not in METHODS:
        raise WupInputError(f"unknown method '{method}'; allowed: {', '.join(METHODS)}", "method")
    meta = indicator_table(params)
    criteria = weighed_criteria(params)
    w = _weights(weights, criteria)
    present = [c for c in criteria if c in table and table[c].notna().all()]
    notices = tuple(
        f"criterion '{c}' left out of the weighing: not every strategy has a value"
        for c in criteria
        if c not in present
    )
    keep = np.isin(np.array(criteria), present)
    if not (w.values[keep] > 0).any():
        raise WupInputError("weights: every criterion with a weight above 0 is left out", "weights")
    used = Weights(tuple(present), w.values[keep] / w.values[keep].sum(), w.group)
    matrix = table[present].to_numpy(dtype=float)
    benefit = meta.loc[present, "direction"].eq("higher").to_numpy()
    normalised = normalise(matrix, benefit, "minmax", meta.loc[present, "min_range"].to_numpy())
    score = scores(normalised, used.values, method)
    share = robustness(normalised, method, n_samples, seed)
    index = table.index
    return CriteriaResult(
        table=table,
        weights=used,
        method=method,
        scores=pd.Series(score, index=index, name="score"),
        ranks=pd.Series(ranks(score), index=index, name="rank"),
        robustness=pd.Series(share, index=index, name="robustness"),
        n_samples=int(n_samples),
        notices=notices,
    )


def group_rankings(
    table: pd.DataFrame, params: Params, groups: Mapping[str, Weights], method: str = "topsis"
) -> pd.DataFrame:
    """Rank of every strategy under each group's weights, side by side (strategy × group)."""
    return pd.DataFrame(
        {g: weigh(table, params, w, method, n_samples=1).ranks for g, w in groups.items()}
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

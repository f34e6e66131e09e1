"""What a weighing returns: the table, the weights, the ranking, its robustness, the groups.

:class:`CriteriaResult` is the result type of :func:`wupmodel.criteria` (and of
:func:`~wupmodel.criteria.scoring.weigh`): strategies scored on every indicator, the weights used,
scores and ranks, the robustness shares, and each stakeholder group's ranking beside them. It
reweighs itself without recomputing the indicators (:meth:`CriteriaResult.reweigh`: what the app
does on a slider move), gives its JSON (:meth:`CriteriaResult.to_dict`) and its tables for a
workbook (:meth:`CriteriaResult.tables`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from wupmodel.criteria.weighing import METHODS, normalise, ranks, robustness, scores
from wupmodel.criteria.weights import Weights, validate_weights
from wupmodel.errors import WupInputError

__all__ = ["CriteriaResult", "weigh_table"]

#: Columns of the indicator definitions a result keeps (``criteria_indicators.csv``).
META_COLUMNS = ("level", "unit", "direction", "weigh", "theme", "label_nl", "label_en", "min_range")


def _clean(value: object) -> float | None:
    v = float(value)  # type: ignore[arg-type]
    return None if not np.isfinite(v) else v


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
    meta
        The indicator definitions (unit, direction, labels, smallest difference that matters,
        whether weighed by default), indexed by indicator.
    groups
        Stakeholder group -> its weights (over the criteria that may be weighed).
    group_ranks
        Strategy × group: each group's ranking (empty without groups).
    seed
        Seed of the random weightings.
    """

    table: pd.DataFrame
    weights: Weights
    method: str
    scores: pd.Series
    ranks: pd.Series
    robustness: pd.Series
    n_samples: int
    notices: tuple[str, ...] = ()
    meta: pd.DataFrame | None = None
    groups: Mapping[str, Weights] = field(default_factory=dict)
    group_ranks: pd.DataFrame = field(default_factory=pd.DataFrame)
    seed: int | None = 0

    def ranking(self) -> pd.DataFrame:
        """Strategies best first: ``rank``, ``score``, ``robustness``."""
        frame = pd.DataFrame(
            {"rank": self.ranks, "score": self.scores, "robustness": self.robustness}
        )
        return frame.sort_values(["rank", "score"], ascending=[True, False])

    def normalised(self) -> pd.DataFrame:
        """Strategy × weighed criterion on the common scale of the weighing (min-max with the
        smallest difference that matters; 1 = best, more is better for every criterion)."""
        names = list(self.weights.criteria)
        if self.meta is None or not names:
            return pd.DataFrame(index=self.table.index)
        meta = self.meta.loc[names]
        values = normalise(
            self.table[names].to_numpy(dtype=float),
            meta["direction"].eq("higher").to_numpy(),
            "minmax",
            meta["min_range"].to_numpy(dtype=float),
        )
        return pd.DataFrame(values, index=self.table.index, columns=names)

    def reweigh(
        self, weights: Weights | Mapping[str, float] | None, method: str | None = None
    ) -> CriteriaResult:
        """The same table weighed again (the indicators are not recomputed).

        The robustness shares do not depend on the weights, only on the table and the method:
        they are kept unless ``method`` changes.
        """
        if self.meta is None:
            raise ValueError("reweigh needs the indicator definitions (meta)")
        method = method or self.method
        again = weigh_table(
            self.table,
            self.meta,
            weights,
            method,
            self.n_samples,
            self.seed,
            shares=self.robustness if method == self.method else None,
        )
        return replace(
            again,
            notices=tuple(dict.fromkeys((*self.notices, *again.notices))),
            groups=self.groups,
            group_ranks=self.group_ranks,
        )

    def to_dict(self, params: object | None = None) -> dict[str, object]:
        """The JSON form: ``strategies`` (strategy -> indicator -> value), ``ranking``,
        ``robustness`` (strategy -> share first, summing to 1), ``weights``, ``method``,
        ``n_samples``, ``notices``, ``groups`` (group -> weights and ranking) and
        ``indicators`` (unit, direction, labels). ``params`` is accepted for the phase-1 call
        and not needed."""
        out: dict[str, object] = {
            "method": self.method,
            "weights": self.weights.as_dict(),
            "strategies": {
                s: {k: _clean(v) for k, v in row.items()} for s, row in self.table.iterrows()
            },
            "ranking": [
                {"strategy": s, "rank": int(r["rank"]), "score": _clean(r["score"])}
                for s, r in self.ranking().iterrows()
            ],
            "robustness": {s: float(v) for s, v in self.robustness.items()},
            "n_samples": self.n_samples,
            "notices": list(self.notices),
            "groups": {
                g: {
                    "weights": w.as_dict(),
                    "ranking": {s: int(r) for s, r in self.group_ranks[g].items()}
                    if g in self.group_ranks
                    else {},
                }
                for g, w in self.groups.items()
            },
        }
        meta = self._meta(params)
        if meta is not None:
            meta = meta.reindex(self.table.columns)
            out["indicators"] = {
                k: {c: meta.at[k, c] for c in ("unit", "direction", "label_nl", "label_en")}
                for k in meta.index
            }
        return out

    def _meta(self, params: object | None) -> pd.DataFrame | None:
        if self.meta is not None or params is None:
            return self.meta
        from wupmodel.criteria.tables import indicator_table

        return indicator_table(params)  # type: ignore[arg-type]

    def tables(self, lang: str = "en") -> dict[str, pd.DataFrame]:
        """The result as tables for a workbook or CSV files.

        ``criteria``: one row per indicator (label, unit, direction, weighed), one column per
        strategy; ``criteria_ranking``: per strategy its rank, score and robustness under the
        weights used, and each group's rank; ``criteria_weights``: per criterion the weight
        used and each group's weight. ``lang="nl"`` gives the labels and the direction
        ("lager", "hoger": which is better) in Dutch; the ids stay.
        """
        meta = (self.meta if self.meta is not None else pd.DataFrame()).reindex(self.table.columns)
        label = "label_nl" if lang == "nl" and "label_nl" in meta else "label_en"
        direction = meta.get("direction", pd.Series(index=meta.index, dtype=object))
        if lang == "nl":
            direction = direction.map(_DIRECTION_NL).fillna(direction)
        indicators = pd.DataFrame(
            {
                "indicator": self.table.columns,
                "label": meta.get(label, pd.Series(index=meta.index, dtype=object)).values,
                "unit": meta.get("unit", pd.Series(index=meta.index, dtype=object)).values,
                "direction": direction.values,
                "weighed": [c in self.weights.criteria for c in self.table.columns],
            }
        )
        indicators = pd.concat(
            [indicators, self.table.T.reset_index(drop=True).astype(float)], axis=1
        )
        ranking = self.ranking().rename_axis("strategy").reset_index()
        ranking.insert(1, "method", self.method)
        for g in self.group_ranks:
            ranking[f"rank_{g}"] = ranking["strategy"].map(self.group_ranks[g]).astype("Int64")
        names = list(dict.fromkeys([*self.weights.criteria, *_group_criteria(self.groups)]))
        weights = pd.DataFrame({"criterion": names})
        weights["label"] = weights["criterion"].map(meta[label] if label in meta else {})
        weights["weight_used"] = weights["criterion"].map(self.weights.as_dict()).fillna(0.0)
        for g, w in self.groups.items():
            weights[f"weight_{g}"] = weights["criterion"].map(w.as_dict()).fillna(0.0)
        return {"criteria": indicators, "criteria_ranking": ranking, "criteria_weights": weights}


#: An indicator's direction (criteria_indicators.csv) in Dutch: which value is better.
_DIRECTION_NL = {"lower": "lager", "higher": "hoger"}


def _group_criteria(groups: Mapping[str, Weights]) -> list[str]:
    return [c for w in groups.values() for c in w.criteria]


def _weights(weights: Weights | Mapping[str, float] | None, criteria: list[str]) -> Weights:
    if weights is None:
        return validate_weights(dict.fromkeys(criteria, 1.0), criteria, group="equal")
    if isinstance(weights, Weights):
        raw = {c: v for c, v in weights.as_dict().items() if v > 0 or c in criteria}
        return validate_weights(raw, criteria, group=weights.group)
    return validate_weights(weights, criteria)


# long because it is the weighing's one entry: the table, its definitions and the five settings
# a caller passes by name (the robustness shares when the caller already has them)
def weigh_table(
    table: pd.DataFrame,
    meta: pd.DataFrame,
    weights: Weights | Mapping[str, float] | None = None,
    method: str = "topsis",
    n_samples: int = 100_000,
    seed: int | None = 0,
    shares: pd.Series | None = None,
) -> CriteriaResult:
    """Score, rank and test the robustness of the strategies of ``table``.

    Parameters
    ----------
    table
        Strategy × indicator.
    meta
        The indicator definitions (:func:`~wupmodel.criteria.tables.indicator_table`): which
        may be weighed (``weigh``), ``direction`` and ``min_range``.
    weights
        Criterion -> weight over the weighed criteria; None: equal.
    method
        ``weighted`` (weighted sum) or ``topsis``.
    n_samples, seed
        Random weightings behind the robustness shares.
    shares
        Robustness shares already computed for this table and method (kept as they are).
    """
    if method not in METHODS:
        raise WupInputError(f"unknown method '{method}'; allowed: {', '.join(METHODS)}", "method")
    criteria = meta.index[meta["weigh"]].tolist()
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
    index = table.index
    if shares is None:
        shares = pd.Series(robustness(normalised, method, n_samples, seed), index=index)
    return CriteriaResult(
        table=table,
        weights=used,
        method=method,
        scores=pd.Series(score, index=index, name="score"),
        ranks=pd.Series(ranks(score), index=index, name="rank"),
        robustness=shares.rename("robustness"),
        n_samples=int(n_samples),
        notices=notices,
        meta=meta[[c for c in META_COLUMNS if c in meta]],
        seed=seed,
    )

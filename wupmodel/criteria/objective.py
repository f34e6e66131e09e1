"""The village's weights as an objective for the optimiser: cost plus the weighed criteria.

A plan is a choice of options per dwelling, so a criterion enters a linear objective through
its figure per dwelling × option: the indicator itself for the dwelling criteria (TOjuli, cold
surfaces, draught, damp, noise, works, space), and for the village criteria the per-dwelling
figure they add up from (the monthly cost change, CO2, the peak, the room left for a green
roof; a household paying more as 0 or 1). Each criterion is scaled by its span in the village,
Σ_g n_g (max_o − min_o) over the feasible options, as min-max normalisation scales it across
strategies; the optimiser's own cost (in its perspective) is the criterion
``national_extra_eur_per_yr`` (national) or ``monthly_cost_change_avg_eur`` (end user). The
objective, in euros a year,

    cost + Σ_c (w_c / w_cost) · (span_cost / span_c) · s_c · f_c        (s_c = −1 if more is better)

is the weighted sum of the normalised criteria times span_cost / w_cost, so the plan minimises
the weighted sum; costs reported stay the true costs. The chance of paying more has no figure
per dwelling × option (it comes from a sweep of the strategies) and is left out.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from wupmodel.criteria.climate import green_roof_m2
from wupmodel.criteria.indicators import Indicators
from wupmodel.criteria.weights import Weights
from wupmodel.errors import WupInputError
from wupmodel.outcomes import Outcomes
from wupmodel.params import Params

__all__ = ["COST_CRITERION", "ObjectiveTerms", "dwelling_figures", "objective_terms"]

#: The criterion that is the optimiser's own cost, per perspective.
COST_CRITERION: dict[str, str] = {
    "national": "national_extra_eur_per_yr",
    "end_user": "monthly_cost_change_avg_eur",
}
_COST_ARRAY = {"national": "national_annual_cost_eur", "end_user": "end_user_annual_cost_eur"}


def dwelling_figures(
    outcomes: Outcomes, params: Params, ind: Indicators, names: list[str]
) -> tuple[dict[str, np.ndarray], list[str]]:
    """(G, O) per-dwelling figure of each criterion of ``names`` that has one, and those that
    have none."""
    change = np.asarray(outcomes["monthly_cost_change_eur"], dtype=float)
    village = {
        "monthly_cost_change_avg_eur": lambda: change,
        "share_paying_more": lambda: (change > params["criteria.paying_more_threshold_eur"]).astype(
            float
        ),
        "national_extra_eur_per_yr": lambda: outcomes["national_annual_cost_eur"],
        "co2_t": lambda: np.asarray(outcomes["co2_kg"], dtype=float) / 1000.0,
        "peak_kw": lambda: outcomes["peak_kw"],
        "green_roof_m2": lambda: green_roof_m2(outcomes, params),
    }
    figures: dict[str, np.ndarray] = {}
    missing = []
    for name in names:
        if name in ind.values:
            figures[name] = np.nan_to_num(np.asarray(ind[name], dtype=float))  # no unit: 0 dB
        elif name in village:
            figures[name] = np.asarray(village[name](), dtype=float)
        else:
            missing.append(name)
    return figures, missing


def _span(figure: np.ndarray, feasible: np.ndarray, counts: np.ndarray) -> float:
    """Σ_g n_g (max_o − min_o) of ``figure`` over each group's feasible options."""
    hi = np.where(feasible, figure, -np.inf).max(axis=1)
    lo = np.where(feasible, figure, np.inf).min(axis=1)
    ok = np.isfinite(hi) & np.isfinite(lo)
    return float((counts[ok] * (hi[ok] - lo[ok])).sum())


@dataclass(frozen=True)
class ObjectiveTerms:
    """The weighed criteria as an objective: ``extra_eur`` (G, O) added to each dwelling's
    option cost [EUR/yr-equivalent], the price of each criterion's unit, and notes."""

    extra_eur: np.ndarray
    price_eur: pd.Series
    notices: tuple[str, ...]


def objective_terms(
    outcomes: Outcomes,
    params: Params,
    ind: Indicators,
    weights: Weights,
    perspective: str,
    meta: pd.DataFrame,
) -> ObjectiveTerms:
    """The weighted objective's extra term per dwelling group × option.

    Parameters
    ----------
    outcomes, params, ind
        The evaluation (with money), its parameters and indicators.
    weights
        The village's weights (any criteria that may be weighed).
    perspective
        The optimiser's cost: ``national`` or ``end_user``.
    meta
        The indicator definitions (direction).

    Raises
    ------
    WupInputError
        The cost criterion of the perspective has weight 0 (the objective is cost-led).
    """
    cost_name = COST_CRITERION[perspective]
    w = weights.as_dict()
    if w.get(cost_name, 0.0) <= 0:
        raise WupInputError(
            f"weights: the weighted objective needs a weight above 0 on '{cost_name}' (the "
            f"optimiser's cost in the {perspective} perspective)",
            "weights",
        )
    counts = outcomes.counts
    feasible = np.asarray(outcomes["feasible"], dtype=bool)
    cost_span = _span(np.asarray(outcomes[_COST_ARRAY[perspective]], float), feasible, counts)
    others = [c for c, v in w.items() if v > 0 and c != cost_name]
    figures, missing = dwelling_figures(outcomes, params, ind, others)
    extra = np.zeros(feasible.shape)
    prices = {}
    notices = [
        f"weighted objective: '{c}' left out (no figure per dwelling and option)" for c in missing
    ]
    for name, figure in figures.items():
        span = _span(figure, feasible, counts)
        if span <= 0:
            continue  # no choice moves it: a constant
        sign = -1.0 if meta.at[name, "direction"] == "higher" else 1.0
        prices[name] = sign * (w[name] / w[cost_name]) * cost_span / span
        extra += prices[name] * np.where(feasible, figure, 0.0)
    notices.append(
        "weighted objective: cost plus the weighed criteria, each priced at (its weight / the "
        f"weight of '{cost_name}') x the cost's span / its span in the village; the plan's "
        "costs are the true costs, its shadow prices are in weighted euros"
    )
    return ObjectiveTerms(extra, pd.Series(prices, dtype=float), tuple(notices))

"""The verb :func:`criteria`: a village's strategies (and a plan) weighed with its own weights.

It evaluates the stock once (or takes the outcomes), scores every packaged strategy (and an
optimised plan, as the row ``plan``) on every indicator (:func:`strategy_indicators`), adds the
household's chance of paying more where an uncertainty sweep is given (:func:`chance_column`),
weighs with the village's weights (TOPSIS or the weighted sum), measures the robustness of the
ranking over all weightings, and ranks the strategies for each stakeholder group side by side.

The chance of paying more: a per-household sweep (:func:`wupmodel.sweep` with
``per_household=True``) gives each dwelling group's year-1 monthly cost change in every sample;
:func:`wupmodel.household_risk` each household's probability that its costs rise by more than a
threshold. The criterion ``chance_paying_more`` of a strategy is the dwelling-weighted mean of
that probability: the chance that a household of the village, picked at random, ends up paying
more (:func:`paying_more_chance`). The sweep evaluates the packaged strategies only, so a plan (a
mix per dwelling) has no value.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd

from wupmodel.criteria.choices import plan_shares
from wupmodel.criteria.result import CriteriaResult, weigh_table
from wupmodel.criteria.scoring import strategy_indicators
from wupmodel.criteria.tables import indicator_table, weighed_criteria
from wupmodel.criteria.weights import Weights, stakeholder_weights, validate_weights
from wupmodel.errors import WupInputError
from wupmodel.evaluate import evaluate
from wupmodel.inputs import ModelInputs, as_inputs
from wupmodel.outcomes import Outcomes
from wupmodel.params import Params
from wupmodel.physics import diversified_peak_kw
from wupmodel.scenario import Scenario
from wupmodel.uncertainty import SweepResult, household_risk
from wupmodel.village import Strategy, strategies_from_table, strategy_choice

__all__ = [
    "criteria",
    "plan_figures",
    "PLAN_ROW",
    "CHANCE",
    "paying_more_chance",
    "chance_column",
]

#: The row of an optimised plan in the table.
PLAN_ROW = "plan"

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


def plan_figures(
    outcomes: Outcomes, params: Params, shares: np.ndarray, extra_eur_per_yr: float
) -> dict[str, float]:
    """The money, CO2 and grid criteria of a plan, as the strategy summary forms them.

    Parameters
    ----------
    outcomes
        The evaluation the plan was made from (with money).
    params
        Its parameters.
    shares
        (G, O) the plan's shares (:func:`~wupmodel.criteria.choices.plan_shares`).
    extra_eur_per_yr
        The plan's national cost beyond its dwellings' options [EUR/yr]: its collective assets
        (heat networks built, grids reinforced, a solar park; the reference is taken to need
        none) and the screens a noise limit added.

    Returns
    -------
    dict
        ``monthly_cost_change_avg_eur``, ``share_paying_more``, ``national_extra_eur_per_yr``,
        ``co2_t`` and ``peak_kw`` (the village peak after simultaneity).
    """
    counts = outcomes.counts
    n = float(counts.sum())

    def total(figure: np.ndarray) -> float:
        return float(counts @ (shares * np.asarray(figure, dtype=float)).sum(axis=1))

    change = np.asarray(outcomes["monthly_cost_change_eur"], dtype=float)
    peak = total(outcomes["peak_kw"])
    return {
        "monthly_cost_change_avg_eur": total(change) / n,
        "share_paying_more": total(change > params["criteria.paying_more_threshold_eur"]) / n,
        "national_extra_eur_per_yr": total(outcomes["national_extra_cost_eur_per_yr"])
        + float(extra_eur_per_yr),
        "co2_t": total(outcomes["co2_kg"]) / 1e3,
        "peak_kw": float(diversified_peak_kw(peak, n, params)),
    }


def _groups(groups: Mapping[str, Any] | None, params: Params, names: list[str]) -> dict:
    """Stakeholder group -> weights: the packaged illustrative groups, or those given."""
    if groups is None:
        return stakeholder_weights(params, names)
    out = {}
    for g, w in groups.items():
        raw = w.as_dict() if isinstance(w, Weights) else w
        out[str(g)] = validate_weights(raw, names, f"weights of group '{g}'", str(g))
    return out


def _main_weights(
    weights: Weights | Mapping[str, float] | str | None, groups: Mapping[str, Weights]
) -> Weights | Mapping[str, float] | None:
    """The weighing's weights: as given, or a group's by name."""
    if not isinstance(weights, str):
        return weights
    if weights not in groups:
        close = difflib.get_close_matches(weights, list(groups), n=1, cutoff=0.5)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise WupInputError(
            f"group: unknown stakeholder group '{weights}'{hint}; allowed: {', '.join(groups)}",
            "group",
        )
    return groups[weights]


def _table(
    outcomes: Outcomes, params: Params, strategies: Sequence[Strategy], plan: Any
) -> tuple[pd.DataFrame, list[str]]:
    """Strategy (and plan) × indicator, and notices about the plan."""
    choices: dict[str, np.ndarray] = {s.name: strategy_choice(outcomes, s) for s in strategies}
    if plan is None:
        return strategy_indicators(outcomes, params, strategies, choices), []
    if not plan.has_solution:
        return strategy_indicators(outcomes, params, strategies, choices), [
            "plan: no plan meets the targets; only the strategies are weighed"
        ]
    shares = plan_shares(outcomes, plan.dwellings)
    choices[PLAN_ROW] = shares
    table = strategy_indicators(outcomes, params, strategies, choices)
    dwellings = float(
        outcomes.counts @ (shares * outcomes["national_extra_cost_eur_per_yr"]).sum(axis=1)
    )
    # the plan's own national total against the reference: its collective assets and any screens
    extra = plan.total_cost_eur["national"] - plan.reference_cost_eur["national"] - dwellings
    figures = plan_figures(outcomes, params, shares, extra)
    for name, value in figures.items():
        table.loc[PLAN_ROW, name] = value
    return table, []


# long because it is the public verb: each keyword is a user-facing option (the CLI's flags, the
# app's controls) that callers pass by name
def criteria(
    stock: pd.DataFrame | None = None,
    scenario: Scenario | ModelInputs | None = None,
    *,
    outcomes: Outcomes | None = None,
    weights: Weights | Mapping[str, float] | str | None = None,
    method: str = "topsis",
    groups: Mapping[str, Weights | Mapping[str, float]] | None = None,
    plan: Any = None,
    risk: SweepResult | None = None,
    strategies: Sequence[Strategy] | None = None,
    n_samples: int = 100_000,
    seed: int | None = 0,
) -> CriteriaResult:
    """The strategies (and a plan) scored on every criterion, weighed, ranked and tested.

    Parameters
    ----------
    stock
        A validated stock (ignored when ``outcomes`` is given).
    scenario
        The scenario, or its :class:`~wupmodel.inputs.ModelInputs` (default: the packaged one).
    outcomes
        Outcomes already evaluated with money (saves the evaluation).
    weights
        Criterion -> weight (any scale; criteria not named weigh 0), a :class:`Weights`, the
        name of a stakeholder group of ``groups``, or None (equal weights).
    method
        ``topsis`` (default) or ``weighted`` (weighted sum).
    groups
        Stakeholder group -> weights, ranked side by side; None: the packaged illustrative
        groups (``criteria_weights.csv``); ``{}``: none.
    plan
        An optimised :class:`~wupmodel.optimise.Plan` of the same outcomes, scored as the row
        ``plan`` beside the strategies.
    risk
        A per-household Monte Carlo sweep (:func:`wupmodel.sweep` with ``per_household=True``):
        the chance that a household pays more (``chance_paying_more``); without it that
        criterion is left out and a notice says why.
    strategies
        The strategies (default: the packaged ``strategies.csv``).
    n_samples, seed
        Random weightings behind the robustness shares.

    Returns
    -------
    CriteriaResult
        ``table``, ``weights``, ``ranking()``, ``robustness`` (summing to 1), ``group_ranks``,
        ``notices``; ``to_dict()`` is the JSON, ``tables()`` the workbook's sheets.

    Examples
    --------
    >>> import wupmodel as wm
    >>> scenario = wm.load_scenario()
    >>> result = wm.criteria(wm.stock_for(scenario), scenario, weights="tenants")
    >>> round(float(result.robustness.sum()), 6)
    1.0
    """
    inputs = as_inputs(scenario)
    params = inputs.params
    if outcomes is None:
        if stock is None:
            raise ValueError("give a stock or outcomes")
        outcomes = evaluate(stock, inputs, irr=False)
    strategies = list(strategies or strategies_from_table(params.table("strategies")))
    table, notices = _table(outcomes, params, strategies, plan)
    chance, risk_notes = chance_column(
        risk, list(table.index), params["criteria.paying_more_threshold_eur"]
    )
    table[CHANCE] = chance
    meta = indicator_table(params)
    names = weighed_criteria(params)
    by_group = _groups(groups, params, names)
    result = weigh_table(table, meta, _main_weights(weights, by_group), method, n_samples, seed)
    ranks = {
        g: weigh_table(table, meta, w, method, 1, seed, shares=result.robustness).ranks
        for g, w in by_group.items()
    }
    generic = [n for n in result.notices if not (risk_notes and f"'{CHANCE}'" in n)]
    return replace(
        result,
        notices=(*risk_notes, *notices, *generic),
        groups=by_group,
        group_ranks=pd.DataFrame(ranks, index=table.index),
    )

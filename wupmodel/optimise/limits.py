"""The well-being criteria in the optimiser: limits as constraints, weights as an objective.

:func:`apply_limits` marks the options a limit rules out infeasible before the solve
(:func:`wupmodel.criteria.limit_masks`: a unit too loud even with a screen, worse summer
overheating than today) and gives the options a screen keeps within the noise limit the screen's
cost: its price (``criteria.noise_screen_cost_eur``, incl. VAT) in the investment and, as an
equivalent annual cost over the heat pump's life to the horizon, in both perspectives' annual
costs (national: without VAT, social rate; end user: household rate) and in the monthly costs.
The reference option and households' own choices are never ruled out. The notices say how many
options each limit removed.

:func:`weighted_objective` adds the village's weights to the objective
(:func:`wupmodel.criteria.objective_terms`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

import numpy as np

from wupmodel.criteria import (
    Indicators,
    LimitMasks,
    Weights,
    indicator_table,
    limit_masks,
    objective_terms,
    validate_weights,
    weighed_criteria,
)
from wupmodel.inputs import ModelInputs
from wupmodel.money import equivalent_annual_cost
from wupmodel.optimise.problem import OptionTable
from wupmodel.outcomes import Outcomes
from wupmodel.vocabulary import HEATING_SYSTEMS

__all__ = ["apply_limits", "weighted_objective", "screen_costs"]

_WHY = {
    "noise": "outdoor unit above the noise limit even with a screen",
    "overheating": "more summer overheating (TOjuli) than the dwelling has today",
}


def screen_costs(outcomes: Outcomes, inputs: ModelInputs) -> dict[str, np.ndarray]:
    """(O,) cost of a screen per option: ``capex`` [EUR incl. VAT], ``national`` and
    ``end_user`` equivalent annual cost [EUR/yr] over the option's heat-pump life."""
    p = inputs.params
    capex = float(p["criteria.noise_screen_cost_eur"])
    heating = np.asarray(HEATING_SYSTEMS)[outcomes.catalogue.heating]
    # a screen only ever goes with an outdoor unit (hybrid, air): other systems take the air
    # heat pump's life, never used
    life = np.array([p.values.get(f"life.{h}_years", p["life.air_hp_years"]) for h in heating])
    horizon = inputs.horizon_years
    national = equivalent_annual_cost(
        capex / (1.0 + p["finance.vat_investments"]), life, horizon, inputs.social_rate
    )
    end_user = equivalent_annual_cost(capex, life, horizon, p["finance.household_discount_rate"])
    return {"capex": np.full(life.shape, capex), "national": national, "end_user": end_user}


def _with_screens(
    table: OptionTable, screen: np.ndarray, costs: Mapping[str, np.ndarray]
) -> OptionTable:
    def plus(a: np.ndarray, per_option: np.ndarray) -> np.ndarray:
        return np.asarray(a, dtype=float) + np.where(screen, per_option[None, :], 0.0)

    annual = {k: plus(v, costs[k]) for k, v in table.annual_cost_eur.items()}
    return replace(
        table,
        annual_cost_eur=annual,
        capex_eur=plus(table.capex_eur, costs["capex"]),
        monthly_cost_change_eur=plus(table.monthly_cost_change_eur, costs["end_user"] / 12.0),
    )


def _notices(masks: LimitMasks, feasible: np.ndarray, screen: np.ndarray, eur: float) -> list:
    cells = int(feasible.sum())
    notes = [
        f"limit {name}: {int((mask & feasible).sum()):,} of {cells:,} feasible options "
        f"(dwelling rows x options) removed ({_WHY[name]})"
        for name, mask in masks.removed.items()
    ]
    if "noise" in masks.removed:
        notes.append(
            f"limit noise: {int(screen.sum()):,} options kept with a screen around the outdoor "
            f"unit (EUR {eur:,.0f} incl. VAT added to their cost)"
        )
    return notes


def apply_limits(
    table: OptionTable,
    outcomes: Outcomes,
    inputs: ModelInputs,
    ind: Indicators,
    limits: Sequence[str],
    rows: np.ndarray,
) -> tuple[OptionTable, list[str]]:
    """The option table with the limits applied, and notices saying what they removed.

    Parameters
    ----------
    table
        The optimiser's table (one row per group, or per dwelling).
    outcomes, inputs, ind
        The evaluation, its inputs and its indicators per group × option.
    limits
        Names from :data:`wupmodel.vocabulary.CRITERIA_LIMITS`.
    rows
        (rows,) the outcomes' group of each table row.
    """
    masks = limit_masks(ind, outcomes.catalogue.reference_index, limits)
    allowed = masks.allowed[rows]
    keep = np.zeros_like(allowed)  # the reference and households' own choices stay
    ref = np.asarray(table.reference_option)
    keep[np.arange(rows.size), ref] = True
    fixed = np.asarray(table.fixed_option)
    keep[np.flatnonzero(fixed >= 0), fixed[fixed >= 0]] = True
    feasible = np.asarray(table.feasible, dtype=bool)
    new_feasible = feasible & (allowed | keep)
    screen = masks.screen[rows] & new_feasible
    out = replace(table, feasible=new_feasible)
    if screen.any():
        out = _with_screens(out, screen, screen_costs(outcomes, inputs))
    removed = LimitMasks(
        masks.allowed, masks.screen, {k: v[rows] & ~keep for k, v in masks.removed.items()}
    )
    eur = float(inputs.params["criteria.noise_screen_cost_eur"])
    return out, _notices(removed, feasible, screen, eur)


def weighted_objective(
    table: OptionTable,
    outcomes: Outcomes,
    inputs: ModelInputs,
    ind: Indicators,
    weights: Weights | Mapping[str, float],
    perspective: str,
    rows: np.ndarray,
) -> tuple[OptionTable, list[str]]:
    """The table with the weighted objective's extra per row × option, and its notices."""
    params = inputs.params
    criteria = weighed_criteria(params)
    if not isinstance(weights, Weights):
        weights = validate_weights(weights, criteria, "weights")
    terms = objective_terms(outcomes, params, ind, weights, perspective, indicator_table(params))
    return replace(table, objective_extra_eur=terms.extra_eur[rows]), list(terms.notices)

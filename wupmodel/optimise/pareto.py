"""The cost–CO2 Pareto front: the CO2 row moved along one reused model (ε-constraint)."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np

from wupmodel.errors import WupInputError
from wupmodel.optimise.plan import Plan
from wupmodel.optimise.problem import (
    OptimiseSettings,
    OptionTable,
)
from wupmodel.optimise.solve import LoadedProblem


def pareto_front(
    table: OptionTable,
    settings: OptimiseSettings | None = None,
    n_points: int = 20,
    shadow_prices: bool = True,
) -> list[Plan]:
    """Cost–CO2 Pareto front by the ε-constraint method.

    From the least-cost plan without a CO2 target to the least-CO2 plan (then least cost),
    ``n_points`` CO2 caps evenly spaced in between (on ``settings.co2_basis``); each point is
    the least-cost plan under its cap and the other constraints of ``settings``. One model is
    built and re-solved with changed bounds (warm starts on the matrix path).

    Parameters
    ----------
    table, settings
        As for :func:`solve`; ``objective`` and ``co2_reduction`` are ignored.
    n_points
        Number of ε points including both ends (≥ 2).
    shadow_prices
        Compute duals per point (one extra LP per point for a MILP).

    Returns
    -------
    list of Plan
        Feasible points ordered by CO2 (ascending), dominated and duplicate points removed.
        If the least-cost plan has no solution, a one-element list with that plan.
    """
    settings = OptimiseSettings() if settings is None else settings
    if n_points < 2:
        raise WupInputError("pareto_front: n_points must be at least 2", "pareto_front")
    base = replace(settings, objective="cost", co2_reduction=None)
    problem = LoadedProblem(table, base)
    r_cost, q_cost = problem.optimise("cost")
    p_cost = problem.plan(r_cost, q_cost, "cost", shadow_prices)
    if not p_cost.has_solution:
        return [p_cost]
    r_min, q_min = problem.optimise("co2")
    p_min = problem.plan(r_min, q_min, "co2", shadow_prices)
    if not p_min.has_solution:
        return [p_cost]
    key = "co2_kg" if base.co2_basis == "first_year" else "co2_cum_kg"
    e_hi, e_lo = getattr(p_cost, key), getattr(p_min, key)
    plans = [p_cost]
    for eps in np.linspace(e_hi, e_lo, n_points)[1:-1].tolist():
        r, q = problem.optimise("cost", co2_cap=eps)
        plans.append(problem.plan(r, q, "cost", shadow_prices))
    plans.append(p_min)
    return _non_dominated([p for p in plans if p.has_solution], key)


def _non_dominated(plans: list[Plan], key: str) -> list[Plan]:
    """Points ordered by CO2, each strictly cheaper than every point with less CO2."""
    order = sorted(plans, key=lambda p: (getattr(p, key), p.objective_eur))
    kept: list[Plan] = []
    best_cost = math.inf
    last_co2 = -math.inf
    for p in order:
        co2, cost = getattr(p, key), p.objective_eur
        tol = 1e-9 * max(1.0, abs(cost))
        if cost < best_cost - tol and (not kept or co2 > last_co2 + 1e-9 * max(1.0, abs(co2))):
            kept.append(p)
            best_cost = cost
            last_co2 = co2
    return kept

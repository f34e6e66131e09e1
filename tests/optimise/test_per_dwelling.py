"""The exact per-dwelling plan (``wupmodel/optimise/dwellings.py``) against an independent MILP.

A small synthesised village (every 20th dwelling of Aalden: 38 dwellings × 96 options, three
LV zones, a heat-network zone) is optimised per dwelling by the own search and by the
independent dense ``scipy.optimize.milp`` formulation of ``tests/reference_milp.py`` solved to a
zero gap; the optima agree to 1e-6, with the grid free, with the grid binding (capacities
below the free plan's peaks, no reinforcement) and with reinforcement decisions.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from reference_milp import reference_milp

import wupmodel as wm
import wupmodel.io as wio
from wupmodel.optimise.build import build_model
from wupmodel.optimise.dwellings import lagrangian
from wupmodel.optimise.from_outcomes import option_table, settings_for
from wupmodel.optimise.solve import solve
from wupmodel.optimise.solvers import SolveRequest


@pytest.fixture(scope="module")
def village():
    scenario = wm.load_scenario()
    stock = wm.synthesise_stock(scenario.village.buurt_code).iloc[::20].reset_index(drop=True)
    inputs = wm.model_inputs(scenario)
    outcomes = wm.evaluate(stock, inputs, irr=False)
    table = option_table(outcomes, inputs.horizon_years, per_dwelling=True)
    base = settings_for(inputs, co2_reduction=0.6, per_dwelling=True, mip_gap=0.0)
    return table, base


@pytest.fixture(scope="module")
def free_grid(village):
    table, base = village
    s = replace(base, grid_capacity_kw_per_dwelling=1e3)
    return s, solve(table, s)


def _agrees(table, s):
    expected = reference_milp(table, s)
    plan = solve(table, s)
    assert expected is not None
    assert plan.status == "optimal", plan.message
    assert plan.objective_eur == pytest.approx(expected, rel=1e-6)
    assert plan.gap <= 1e-6
    assert set(np.unique(plan.shares)) <= {0.0, 1.0}  # one option per dwelling
    assert plan.co2_reduction >= 0.6 - 1e-9
    assert plan.timings["lp_solves"] >= 1  # the own search, not the solver's MIP
    return plan


def test_grid_free_equals_independent_milp(village, free_grid):
    table, _ = village
    s, _ = free_grid
    _agrees(table, s)


@pytest.mark.parametrize("share", [0.97, 0.9])
def test_grid_binding_equals_independent_milp(village, free_grid, share):
    table, _ = village
    s_free, free = free_grid
    cap = {z: share * kw for z, kw in free.peak_kw.items()}
    s = replace(
        s_free, grid_capacity_kw=cap, grid_capacity_kw_per_dwelling=None, reinforcement_default=None
    )
    plan = _agrees(table, s)
    assert plan.objective_eur > free.objective_eur + 1.0  # the grid changes the plan
    assert all(plan.peak_kw[z] <= cap[z] + 1e-6 for z in cap)


def test_grid_reinforcement_and_heat_network_equal_independent_milp(village):
    table, base = village
    plan = _agrees(table, replace(base, grid_capacity_kw_per_dwelling=1.3))
    assert any(plan.grid_reinforced.values())


def test_the_default_gap_is_proven(village):
    table, base = village
    plan = solve(table, replace(base, mip_gap=None))
    assert plan.status == "optimal" and 0 <= plan.gap <= 1e-6


def test_lagrangian_bound_holds_for_any_multipliers(village, free_grid):
    """The bound that leaves options out of a leaf's core is valid for any multipliers (a
    wrong sign counts as 0), and with the relaxation's duals it is the relaxation's value."""
    table, _ = village
    s_free, free = free_grid
    s = replace(
        s_free,
        grid_capacity_kw={z: 0.95 * kw for z, kw in free.peak_kw.items()},
        grid_capacity_kw_per_dwelling=None,
        reinforcement_default=None,
        heat_network_default=None,  # no collective column: the leaf is the whole model
    )
    optimum = reference_milp(table, s)
    model = build_model(table, s)
    assert model.collective_cols.size == 0
    req = SolveRequest(
        model.cost[s.perspective],
        model.row_lower,
        model.row_upper,
        model.col_lower,
        model.col_upper,
        model.integrality,
    )
    rng = np.random.default_rng(4)
    scale = np.r_[np.zeros(model.n_groups), np.full(model.n_rows - model.n_groups, 50.0)]
    for _ in range(20):
        y = rng.normal(0.0, 1.0, model.n_rows) * scale
        assert lagrangian(model, req, y).bound <= optimum + 1e-6
    relaxed = solve(table, replace(s, per_dwelling=False))
    duals = np.zeros(model.n_rows)
    by_name = {c.name: c for c in relaxed.constraints}
    for i, name in enumerate(model.row_names):
        if name in by_name:  # back from the reported units (EUR/t, upper side) to d obj/d bound
            c = by_name[name]
            duals[i] = -c.shadow_price / (1000.0 if c.kind == "co2" else 1.0)
    tight = lagrangian(model, req, duals).bound
    assert tight <= optimum + 1e-6
    assert tight == pytest.approx(relaxed.objective_eur, rel=1e-7)


def test_no_plan_in_time_says_so_in_words(village):
    table, base = village
    plan = solve(table, replace(base, time_limit_s=1e-4))
    assert plan.status == "time_limit" and not plan.has_solution
    assert "No feasible plan was found within the time limit of 0.0001 s" in plan.message


def test_a_plan_not_proven_in_time_says_so_in_words(village, monkeypatch):
    """A core stopped by the clock (as if time ran out in HiGHS): the plan comes back with its
    proven gap and says in words that it is not proven optimal."""
    from wupmodel.optimise import dwellings

    real = dwellings.solve_core

    def stopped(*args, **kwargs):
        res = real(*args, **kwargs)
        if res.x is None:
            return res
        return replace(res, status="time_limit", bound=res.objective - 50.0)

    monkeypatch.setattr(dwellings, "solve_core", stopped)
    table, base = village
    plan = solve(table, replace(base, time_limit_s=60.0))
    assert plan.status == "time_limit" and plan.has_solution
    # at least the stopped core's 50 EUR/yr; more when other parts were still open
    assert 50.0 / plan.objective_eur * (1 - 1e-6) <= plan.gap < 0.05
    assert plan.message.startswith("Not proven optimal: stopped at the time limit of 60 s")
    assert "relative gap" in plan.message
    assert f"(proven gap {plan.gap:.2g})" in wio.plan_text(plan, "test").splitlines()[0]


def test_progress_reports_come_with_a_long_search(village, monkeypatch):
    from wupmodel.optimise import dwellings

    monkeypatch.setattr(dwellings, "PROGRESS_EVERY_S", 0.0)
    table, base = village
    seen = []
    plan = solve(table, replace(base, progress=seen.append))
    assert plan.status == "optimal" and seen
    assert seen[-1].best == pytest.approx(plan.objective_eur, rel=1e-9)
    assert all(p.bound <= p.best + 1e-6 for p in seen if np.isfinite(p.best))

"""Properties of optimal plans: monotone cost in the CO2 target, Pareto fronts, bookkeeping."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wupmodel.optimise import (
    GridReinforcement,
    HeatNetwork,
    OptimiseSettings,
    SolarPark,
    pareto_front,
    solve,
)

COLLECTIVE = dict(
    heat_network_default=HeatNetwork(
        annual_cost_eur=9000, annual_cost_eur_per_zone_dwelling=50, min_participation=0.5
    ),
    grid_capacity_kw_per_dwelling=0.9,
    diversity=0.5,
    reinforcement_default=GridReinforcement(annual_cost_eur=2500, added_kw=60),
)


def _max_reduction(table, s):
    plan = solve(table, replace(s, objective="co2", co2_reduction=None))
    return plan.co2_reduction


@pytest.mark.parametrize("kind", ["lp", "milp"])
def test_tighter_co2_target_never_lowers_cost(make_random_table, kind):
    table = make_random_table(4)
    s = OptimiseSettings(mip_gap=0.0, **(COLLECTIVE if kind == "milp" else {}))
    top = _max_reduction(table, s)
    costs = [
        solve(table, replace(s, co2_reduction=t)).objective_eur
        for t in np.linspace(0.0, top - 1e-6, 9)
    ]
    # Optimal costs of nested feasible sets: non-decreasing up to solver round-off (1e-9 rel).
    assert all(b >= a * (1 - 1e-9) for a, b in zip(costs, costs[1:], strict=False))
    assert costs[-1] > costs[0]  # the sweep is not flat: the target really binds


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 10_000), a=st.floats(0.0, 0.9), b=st.floats(0.0, 0.9))
def test_tighter_target_property(make_random_table, seed, a, b):
    table = make_random_table(seed, G=6, O=4)
    lo, hi = sorted((a, b))
    p_lo = solve(table, OptimiseSettings(co2_reduction=lo))
    p_hi = solve(table, OptimiseSettings(co2_reduction=hi))
    if p_hi.status == "optimal":
        assert p_lo.status == "optimal"
        assert p_hi.objective_eur >= p_lo.objective_eur * (1 - 1e-9)
    if p_lo.status == "infeasible":
        assert p_hi.status == "infeasible"


@pytest.mark.parametrize("kind", ["lp", "milp"])
def test_pareto_points_are_ordered_and_non_dominated(make_random_table, kind):
    table = make_random_table(5)
    s = OptimiseSettings(mip_gap=0.0, **(COLLECTIVE if kind == "milp" else {}))
    front = pareto_front(table, s, n_points=12)
    assert len(front) >= 5
    co2 = np.array([p.co2_kg for p in front])
    cost = np.array([p.objective_eur for p in front])
    assert np.all(np.diff(co2) > 0)  # ordered by CO2, no duplicates
    assert np.all(np.diff(cost) < 0)  # more CO2 only if cheaper
    for i in range(len(front)):
        for j in range(len(front)):
            dominates = (
                co2[j] <= co2[i] and cost[j] <= cost[i] and (co2[j] < co2[i] or cost[j] < cost[i])
            )
            assert not dominates
    # The ends: least CO2 (CO2 objective) and least cost (no target).
    least_cost = solve(table, s)
    least_co2 = solve(table, replace(s, objective="co2"))
    assert cost[-1] == pytest.approx(least_cost.objective_eur, rel=1e-9)
    assert co2[0] == pytest.approx(least_co2.co2_kg, rel=1e-6)
    # Along the front the CO2 price rises as CO2 falls (convex front for the LP).
    if kind == "lp":
        prices = [p.co2_shadow_price_eur_per_t for p in front[1:-1]]
        assert all(b <= a + 1e-6 for a, b in zip(prices, prices[1:], strict=False))


def test_plan_bookkeeping_matches_the_table(make_random_table):
    """Totals, shares and limits recomputed here from the table and the plan's shares."""
    table = make_random_table(6)
    fixed = np.full(table.n_groups, -1)
    fixed[2] = 1
    table = replace(
        table,
        fixed_option=fixed,
        feasible=table.feasible
        | (np.arange(table.n_options) == 1)[None, :] * (np.arange(table.n_groups) == 2)[:, None],
    )
    park = SolarPark(annual_cost_eur_per_kwp=58.0, yield_kwh_per_kwp=900.0, max_kwp=300.0)
    s = OptimiseSettings(
        co2_reduction=0.5,
        max_monthly_increase_eur=40.0,
        budget_eur=1.5e6,
        energy_neutral_share=0.5,
        solar_park=park,
        **COLLECTIVE,
    )
    plan = solve(table, s)
    assert plan.status == "optimal", plan.message
    x = plan.shares
    n = x * table.count[:, None]
    np.testing.assert_allclose(x.sum(axis=1), 1.0, atol=1e-9)
    assert np.all(x[~table.feasible] == 0)
    assert x[2, 1] == pytest.approx(1.0)
    # Monthly limit (group 2 is exempt: it already chose).
    free = np.arange(table.n_groups) != 2
    assert np.all(table.monthly_cost_change_eur[free][x[free] > 0] <= 40.0 + 1e-9)
    # Cost totals: option costs plus the collective items the plan reports.
    zone = table.heat_network_zone
    built_cost = sum(
        9000 + 50 * table.count[zone == z].sum() for z, b in plan.heat_network_built.items() if b
    )
    reinf_cost = 2500 * sum(plan.grid_reinforced.values())
    expected = (
        (n * table.annual_cost_eur["national"]).sum()
        + built_cost
        + reinf_cost
        + 58.0 * plan.solar_park_kwp
    )
    assert plan.total_cost_eur["national"] == pytest.approx(expected, rel=1e-9)
    assert plan.objective_eur == plan.total_cost_eur["national"]
    assert plan.total_cost_eur["end_user"] == pytest.approx(
        (n * table.annual_cost_eur["end_user"]).sum() + 58.0 * plan.solar_park_kwp, rel=1e-9
    )
    # CO2, energy and budget.
    ref = (table.count * table.co2_kg[np.arange(table.n_groups), 0]).sum()
    assert plan.co2_kg == pytest.approx((n * table.co2_kg).sum(), rel=1e-12)
    assert plan.co2_reduction == pytest.approx(1 - plan.co2_kg / ref, rel=1e-12)
    assert plan.co2_reduction >= 0.5 - 1e-7
    assert (n * (table.capex_eur - table.subsidy_eur)).sum() <= 1.5e6 * (1 + 1e-9)
    local = (n * table.pv_kwh).sum() + 900.0 * plan.solar_park_kwp
    assert local >= 0.5 * (n * table.electricity_kwh).sum() * (1 - 1e-9)
    # Grid: peaks after diversity within capacity (+60 kW where reinforced).
    for k, peak in plan.peak_kw.items():
        sel = table.grid_zone == k
        assert peak == pytest.approx(0.5 * (n[sel] * table.peak_kw[sel]).sum(), rel=1e-12)
        cap = 0.9 * table.count[sel].sum() + 60 * plan.grid_reinforced.get(k, False)
        assert peak <= cap + 1e-6
    # Heat networks: joined only where built, at least half the zone when built.
    hn = np.isin(table.heating, ["heat_network_mt", "heat_network_lt"])
    for z, share in plan.heat_network_participation.items():
        on = n[zone == z][:, hn].sum() / table.count[zone == z].sum()
        assert share == pytest.approx(on, abs=1e-12)
        assert (on >= 0.5 - 1e-9) if plan.heat_network_built[z] else on == pytest.approx(0)


def test_co2_objective_is_least_co2_then_least_cost(make_random_table):
    table = make_random_table(8)
    s = OptimiseSettings(mip_gap=0.0, budget_eur=6e5)
    least = solve(table, replace(s, objective="co2"))
    assert least.status == "optimal"
    # No plan under the same budget emits less: a target just above its reduction fails.
    over = solve(table, replace(s, co2_reduction=least.co2_reduction + 1e-4))
    assert over.status == "infeasible"
    # And among plans at that CO2 it is the cheapest (within the stage tolerance).
    at = solve(table, replace(s, co2_reduction=least.co2_reduction - 1e-9))
    assert least.objective_eur == pytest.approx(at.objective_eur, rel=1e-6)


def test_time_limit_applies_per_solver_call(make_random_table):
    """HiGHS compares ``time_limit`` with the Highs object's cumulative run clock; the matrix
    path re-solves one object, so each call must be given the clock so far + the limit."""
    from wupmodel.optimise import HighsSession, SolveRequest, build_model

    model = build_model(make_random_table(5, G=200, O=8), OptimiseSettings(co2_reduction=0.5))
    session = HighsSession(model)
    h = session._h
    for _ in range(3):
        req = SolveRequest(
            c=model.cost["national"],
            row_lower=model.row_lower,
            row_upper=model.row_upper,
            col_lower=model.col_lower,
            col_upper=model.col_upper,
            integrality=model.integrality,
            time_limit_s=0.5,
        )
        clock = h.getRunTime()
        assert session.solve(req).status == "optimal"
        assert h.getOptionValue("time_limit")[1] == pytest.approx(clock + 0.5, abs=1e-3)
    assert h.getRunTime() > 0  # the clock did advance

"""The own branch and bound over the collective binaries (``collective_method='branch'``).

Checked against numbers from outside the code under test: every fixing of the binaries solved
as an LP by ``scipy.optimize.milp`` (brute force over the 2**k fixings), the solver's own MIP
(``collective_method='mip'``) solved independently, finite differences for the shadow prices,
and a Pareto front of independent solves for the re-used model.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import replace

import numpy as np
import pytest
from scipy.optimize import Bounds, LinearConstraint, milp

from wupmodel.optimise import (
    GridReinforcement,
    HeatNetwork,
    HighsSession,
    OptimiseSettings,
    PulpSession,
    RawResult,
    SolveRequest,
    SolveStatus,
    branch_collective,
    build_model,
    pareto_front,
    solve,
)

OPTIMAL, TIME_LIMIT = SolveStatus.OPTIMAL, SolveStatus.TIME_LIMIT
NO_SOLUTION, INFEASIBLE = SolveStatus.NO_SOLUTION, SolveStatus.INFEASIBLE

COLLECTIVE = dict(
    heat_networks={
        "z0": HeatNetwork(
            annual_cost_eur=8000, annual_cost_eur_per_zone_dwelling=120, min_participation=0.4
        )
    },
    heat_network_default=HeatNetwork(annual_cost_eur=12000, min_participation=0.6),
    grid_capacity_kw_per_dwelling=0.9,
    diversity=0.5,
    reinforcement_default=GridReinforcement(
        annual_cost_eur=2500, added_kw=60, annual_cost_eur_per_zone_dwelling=30
    ),
)


def _request(model, settings) -> SolveRequest:
    return SolveRequest(
        c=model.cost[settings.perspective],
        row_lower=model.row_lower,
        row_upper=model.row_upper,
        col_lower=model.col_lower,
        col_upper=model.col_upper,
        integrality=model.integrality,
        mip_gap=0.0,
    )


def _lp_over_fixings(model, c) -> dict[tuple[int, ...], float]:
    """Every fixing of the collective binaries solved as an LP by scipy (HiGHS inside scipy,
    a separate model built from the matrices here): fixing -> optimum (inf when infeasible)."""
    coll = model.collective_cols
    out = {}
    for combo in itertools.product((0.0, 1.0), repeat=coll.size):
        lb, ub = model.col_lower.copy(), model.col_upper.copy()
        lb[coll] = ub[coll] = combo
        res = milp(
            c,
            integrality=np.zeros(model.n_cols),
            bounds=Bounds(lb, ub),
            constraints=LinearConstraint(model.A.toarray(), model.row_lower, model.row_upper),
        )
        out[tuple(int(v) for v in combo)] = res.fun if res.success else math.inf
    return out


@pytest.mark.parametrize("session_cls", [HighsSession, PulpSession], ids=["matrix", "pulp"])
@pytest.mark.parametrize("seed,target", [(1, 0.55), (2, 0.5), (3, 0.6), (4, 0.45)])
def test_branch_equals_the_best_fixing(make_random_table, session_cls, seed, target):
    table = make_random_table(seed, G=14, O=6, zones=3, gzones=3)
    s = OptimiseSettings(co2_reduction=target, **COLLECTIVE)
    model = build_model(table, s)
    coll = model.collective_cols
    assert coll.size >= 5  # 3 heat-network zones (those with an open option) + 3 grid zones
    by_fixing = _lp_over_fixings(model, model.cost["national"])
    best = min(by_fixing.values())
    res = branch_collective(session_cls(model), _request(model, s), coll)
    if math.isinf(best):
        assert res.status == INFEASIBLE
        return
    assert res.status == OPTIMAL and res.gap <= 1e-9
    assert res.objective == pytest.approx(best, rel=1e-7)
    chosen = tuple(int(v) for v in np.round(res.x[coll]))
    assert by_fixing[chosen] == pytest.approx(best, rel=1e-7)
    assert res.duals_fixed and res.row_dual is not None
    # Bounding did prune: fewer LPs than a tree that visits every node (2**(k+1) - 1).
    assert 1 <= res.lp_solves < 2 ** (coll.size + 1) - 1


@pytest.mark.parametrize("seed", [1, 2, 5])
def test_branch_plan_equals_solver_mip_plan(make_random_table, seed):
    """Same optimum and the same collective decisions as HiGHS's MIP and CBC (zero gap)."""
    table = make_random_table(seed, G=14, O=6, zones=3, gzones=3)
    s = OptimiseSettings(co2_reduction=0.5, budget_eur=1.5e6, mip_gap=0.0, **COLLECTIVE)
    branch = solve(table, replace(s, collective_method="branch", backend="highspy"))
    for other in (replace(s, collective_method="mip", backend="highspy"), replace(s, solver="cbc")):
        ref = solve(table, other)
        assert branch.status == ref.status
        if ref.status == "optimal":
            assert branch.objective_eur == pytest.approx(ref.objective_eur, rel=1e-6)
    assert branch.timings["lp_solves"] >= 1


def test_auto_picks_branch_only_where_it_applies(make_random_table):
    table = make_random_table(1)
    s = OptimiseSettings(co2_reduction=0.55, **COLLECTIVE)
    assert solve(table, replace(s, backend="highspy")).timings["lp_solves"] >= 1
    assert solve(table, replace(s, backend="pulp")).timings["lp_solves"] == 0  # small: PuLP MIP
    assert (
        solve(table, replace(s, backend="highspy", collective_method="mip")).timings["lp_solves"]
        == 0
    )
    # per dwelling: the exact search (LPs over the collective binaries, a core per leaf), or
    # the solver's MIP when asked for
    per_dwelling = replace(s, backend="highspy", per_dwelling=True)
    assert solve(table, per_dwelling).timings["lp_solves"] >= 1
    assert solve(table, replace(per_dwelling, collective_method="mip")).timings["lp_solves"] == 0
    assert solve(table, replace(per_dwelling, solver="cbc")).timings["lp_solves"] == 0


def test_branch_duals_without_second_lp_match_finite_differences(make_random_table):
    """The incumbent is the LP with the binaries fixed, so its duals are the plan's shadow
    prices (no second LP: ``duals_s`` 0); one more kg of CO2 target costs the shadow price
    while the collective decisions stay."""
    table = make_random_table(3, G=14, O=6, zones=3, gzones=3)
    s = OptimiseSettings(
        co2_reduction=0.6, collective_method="branch", backend="highspy", mip_gap=0.0, **COLLECTIVE
    )
    plan = solve(table, s)
    assert plan.status == "optimal" and plan.timings["duals_s"] == 0.0
    assert any(plan.heat_network_built.values()) and any(plan.grid_reinforced.values())
    price = plan.co2_shadow_price_eur_per_t
    assert price > 0
    ref_kg = plan.co2_reference_kg
    step_kg = 1.0
    tighter = solve(table, replace(s, co2_reduction=0.6 + step_kg / ref_kg))
    assert tighter.heat_network_built == plan.heat_network_built
    assert tighter.grid_reinforced == plan.grid_reinforced
    fd = (tighter.objective_eur - plan.objective_eur) / step_kg * 1000.0
    assert fd == pytest.approx(price, rel=1e-4)
    # The solver's MIP path gets the same price from its second LP.
    mip = solve(table, replace(s, collective_method="mip"))
    assert mip.timings["duals_s"] > 0
    assert mip.co2_shadow_price_eur_per_t == pytest.approx(price, rel=1e-6)


def test_pareto_on_one_model_equals_independent_solves(make_random_table):
    """The front re-solves one model with changed CO2 caps; each point must equal a fresh
    solve (solver MIP through PuLP) at the same cap."""
    table = make_random_table(5, G=14, O=6, zones=3, gzones=3)
    s = OptimiseSettings(mip_gap=0.0, collective_method="branch", backend="highspy", **COLLECTIVE)
    n = 9
    front = pareto_front(table, s, n_points=n)
    assert len(front) >= 4
    ref_kg = front[0].co2_reference_kg
    caps = np.linspace(front[-1].co2_kg, front[0].co2_kg, n)
    fresh = replace(s, collective_method="mip", backend="pulp")
    independent = [
        solve(table, replace(fresh, co2_reduction=1.0 - cap / ref_kg)) for cap in caps[1:-1]
    ]
    costs = [front[-1].objective_eur, front[0].objective_eur]
    costs += [p.objective_eur for p in independent if p.status == "optimal"]
    distinct = sorted({round(c, 3) for c in costs}, reverse=True)
    got = [p.objective_eur for p in front]
    assert len(got) == len(distinct)
    for a, b in zip(sorted(got, reverse=True), distinct, strict=True):
        assert a == pytest.approx(b, rel=1e-7)
    # The end points are the least-cost and least-CO2 plans of fresh solves.
    assert front[-1].objective_eur == pytest.approx(solve(table, fresh).objective_eur, rel=1e-9)
    assert front[0].co2_kg == pytest.approx(
        solve(table, replace(fresh, objective="co2")).co2_kg, rel=1e-6
    )
    # Without shadow prices the same points.
    quick = pareto_front(table, s, n_points=n, shadow_prices=False)
    assert [p.objective_eur for p in quick] == pytest.approx(got, rel=1e-9)
    assert all(math.isnan(p.co2_shadow_price_eur_per_t) for p in quick)


class _StopAfter:
    """A session that answers ``time_limit`` (no solution) after ``n`` LPs."""

    def __init__(self, inner, n):
        self.inner, self.n = inner, n

    def solve(self, req):
        self.n -= 1
        if self.n < 0:
            return RawResult(TIME_LIMIT)
        return self.inner.solve(req)


def test_branch_stopped_early_returns_best_leaf_with_gap(make_random_table):
    table = make_random_table(2, G=14, O=6, zones=3, gzones=3)
    s = OptimiseSettings(co2_reduction=0.5, **COLLECTIVE)
    model = build_model(table, s)
    coll = model.collective_cols
    full = branch_collective(HighsSession(model), _request(model, s), coll)
    assert full.status == OPTIMAL and full.lp_solves > 3
    for n in range(1, full.lp_solves):
        res = branch_collective(_StopAfter(HighsSession(model), n), _request(model, s), coll)
        assert res.status in (TIME_LIMIT, NO_SOLUTION, OPTIMAL)
        if res.status == TIME_LIMIT:  # a feasible leaf, no better than the optimum
            assert res.objective >= full.objective * (1 - 1e-9)
            assert res.gap > 0
        elif res.status == OPTIMAL:  # proved before the stop
            assert res.objective == pytest.approx(full.objective, rel=1e-9)
        else:
            assert res.x is None
    # A time limit that has run out before the root: no plan, a clear status, no exception.
    req = replace(_request(model, s), time_limit_s=1e-9)
    assert branch_collective(HighsSession(model), req, coll).status == NO_SOLUTION
    plan = solve(
        table, replace(s, collective_method="branch", backend="highspy", time_limit_s=1e-9)
    )
    assert plan.status == "time_limit" and not plan.has_solution


def test_branch_infeasible_target_names_the_same_best_reduction(make_random_table):
    table = make_random_table(1, G=14, O=6, zones=3, gzones=3)
    s = OptimiseSettings(co2_reduction=0.97, mip_gap=0.0, **COLLECTIVE)
    branch = solve(table, replace(s, collective_method="branch", backend="highspy"))
    mip = solve(table, replace(s, collective_method="mip", backend="pulp"))
    assert branch.status == mip.status == "infeasible"
    assert branch.best_co2_reduction == pytest.approx(mip.best_co2_reduction, rel=1e-6)
    assert "best reduction" in branch.message


def test_branch_rejects_integer_dwelling_columns(make_random_table):
    model = build_model(make_random_table(1), OptimiseSettings(per_dwelling=True, **COLLECTIVE))
    with pytest.raises(ValueError, match="only the branching columns"):
        branch_collective(
            HighsSession(model), _request(model, OptimiseSettings()), model.collective_cols
        )

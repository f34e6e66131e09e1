"""An independent formulation with ``scipy.optimize.milp`` gives the same optimum.

The reference model (``tests/reference_milp.py``) is written from the option table and the
settings with plain loops and dense matrices; it shares no code with
:mod:`wupmodel.optimise.build`. Objectives
must agree to rel 1e-6 (both solved to a zero MIP gap; the tolerance covers the solvers'
feasibility tolerances of ~1e-7 on constraints with coefficients up to ~1e4).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from reference_milp import reference_milp

from wupmodel.optimise import GridReinforcement, HeatNetwork, OptimiseSettings, SolarPark, solve


def _collective():
    return dict(
        heat_networks={
            "z0": HeatNetwork(
                annual_cost_eur=8000, annual_cost_eur_per_zone_dwelling=120, min_participation=0.4
            )
        },
        heat_network_default=HeatNetwork(annual_cost_eur=12000, min_participation=0.6),
        grid_capacity_kw={"k0": 45.0},
        grid_capacity_kw_per_dwelling=0.9,
        diversity=0.5,
        reinforcement_default=GridReinforcement(
            annual_cost_eur=2500, added_kw=60, annual_cost_eur_per_zone_dwelling=30
        ),
    )


CASES = {
    "lp-co2": dict(co2_reduction=0.5),
    "lp-co2-cumulative-end-user": dict(
        co2_reduction=0.45, co2_basis="cumulative", perspective="end_user"
    ),
    "milp-collective": dict(co2_reduction=0.55, budget_eur=1.2e6, **_collective()),
    "milp-collective-per-dwelling": dict(
        co2_reduction=0.55, budget_eur=1.2e6, per_dwelling=True, **_collective()
    ),
    "energy-neutral-park-max-installs": dict(
        energy_neutral_share=0.7,
        max_installations={"air_hp": 40, "ground_hp": 10},
        solar_park=SolarPark(
            annual_cost_eur_per_kwp=60.0,
            yield_kwh_per_kwp=900.0,
            max_kwp=400.0,
            co2_kg_per_kwp=150.0,
        ),
        co2_reduction=0.5,
    ),
    "monthly-limit": dict(max_monthly_increase_eur=25.0, co2_reduction=0.3),
    "monthly-limit-extra-subsidy": dict(
        max_monthly_increase_eur=10.0, co2_reduction=0.5, extra_subsidy_budget_eur=15000.0
    ),
}


#: How the collective binaries are decided: the solver's MIP through PuLP, or the own branch
#: and bound (LP nodes) on the HiGHS matrix path and through PuLP.
METHODS = {
    "solver-mip": dict(collective_method="mip"),
    "branch-matrix": dict(collective_method="branch", backend="highspy"),
    "branch-pulp": dict(collective_method="branch", backend="pulp"),
}


@pytest.mark.parametrize("method", sorted(METHODS))
@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("seed", [1, 2])
def test_objective_matches_scipy_milp(make_random_table, case, seed, method):
    table = make_random_table(seed)
    s = OptimiseSettings(mip_gap=0.0, **CASES[case], **METHODS[method])
    expected = reference_milp(table, s)
    plan = solve(table, s)
    if expected is None:
        assert plan.status == "infeasible"
    else:
        assert plan.status == "optimal", plan.message
        assert plan.objective_eur == pytest.approx(expected, rel=1e-6)


def test_fixed_options_match_scipy_milp(make_random_table):
    table = make_random_table(3)
    fixed = np.full(table.n_groups, -1)
    fixed[[0, 5, 7]] = [0, 2, 1]
    table = replace(
        table,
        fixed_option=fixed,
        feasible=table.feasible | (np.arange(table.n_options)[None, :] == fixed[:, None]),
    )
    s = OptimiseSettings(mip_gap=0.0, co2_reduction=0.4, **_collective())
    expected = reference_milp(table, s)
    plan = solve(table, s)
    assert expected is not None and plan.status == "optimal"
    assert plan.objective_eur == pytest.approx(expected, rel=1e-6)
    for g, o in ((0, 0), (5, 2), (7, 1)):
        assert plan.shares[g, o] == pytest.approx(1.0)


def test_cases_exercise_the_constraints(make_random_table):
    """Guard against vacuous comparisons: the cases above bind constraints and build things."""
    table = make_random_table(1)
    binding, built, reinforced, subsidy = set(), False, False, 0.0
    for case in CASES.values():
        plan = solve(table, OptimiseSettings(**case))
        binding |= {c.kind for c in plan.binding_constraints}
        built |= any(plan.heat_network_built.values())
        reinforced |= any(plan.grid_reinforced.values())
        subsidy += plan.extra_subsidy_eur_per_yr
    assert {"co2", "budget", "energy_neutral"} <= binding
    assert built and reinforced and subsidy > 0

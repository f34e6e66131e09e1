"""Failure modes: infeasible targets, blocking limits, time limits, invalid input, JSON."""

from __future__ import annotations

import importlib
import json
from dataclasses import replace

import numpy as np
import pytest

from wupmodel.errors import WupInputError
from wupmodel.optimise import GridReinforcement, HeatNetwork, OptimiseSettings, SolarPark, solve


@pytest.fixture(scope="module")
def two_groups(make_table):
    """Groups A, B of 10: gas 1000 €/yr 2000 kg; heat pump A 1300 €/500 kg, B 1600 €/400 kg.

    Heat pumps cost 1000 € upfront. Reference 40 000 kg; all heat pumps save
    15 000 + 16 000 = 31 000 kg, a 77.5 % reduction at most.
    """
    return make_table(
        [[1000, 1300], [1000, 1600]],
        [[2000, 500], [2000, 400]],
        count=[10, 10],
        capex=[[0, 1000], [0, 1000]],
    )


@pytest.mark.parametrize("solver", ["highs", "cbc"])
def test_infeasible_target_names_best_reduction(two_groups, solver):
    plan = solve(two_groups, OptimiseSettings(co2_reduction=0.8, solver=solver))
    assert plan.status == "infeasible"
    assert plan.best_co2_reduction == pytest.approx(0.775, rel=1e-6)
    assert "80.0%" in plan.message and "77.5%" in plan.message
    assert plan.shares is None and not plan.has_solution


def test_best_reduction_respects_the_other_constraints(two_groups):
    """A 10 000 € budget buys 10 heat pumps; B's save most (1 600 kg each): 16 000 kg = 40 %."""
    plan = solve(two_groups, OptimiseSettings(co2_reduction=0.5, budget_eur=10000.0))
    assert plan.status == "infeasible"
    assert plan.best_co2_reduction == pytest.approx(0.40, rel=1e-6)
    assert "40.0%" in plan.message


def test_blocking_limits_are_named(make_table):
    """Energy-neutral 40 % needs heat pumps with PV (2 000 of 3 000 kWh), but they raise
    monthly costs by 30 €/month over a 20 € limit: either limit alone blocks; the grid does not.
    """
    table = make_table(
        [[1000, 1300]],
        [[2000, 500]],
        count=[10],
        pv=[[0, 2000]],
        electricity=[[3000, 5000]],
        monthly=[[0, 30]],
        peak=[[1, 2]],
    )
    s = OptimiseSettings(
        energy_neutral_share=0.4, max_monthly_increase_eur=20.0, grid_capacity_kw={"k": 100.0}
    )
    plan = solve(table, s)
    assert plan.status == "infeasible"
    assert "the energy-neutral target" in plan.message
    assert "the monthly-cost limit" in plan.message
    assert "grid" not in plan.message
    # With a big enough extra-subsidy budget the limit is met by paying 12 × 10 € per dwelling.
    ok = solve(table, replace(s, extra_subsidy_budget_eur=10 * 120.0))
    assert ok.status == "optimal"
    # 40 % of use: 0.4 × (3000 (10 − n) + 5000 n) = 2000 n → n = 10; 10 × 120 € = 1 200 €/yr.
    assert ok.extra_subsidy_eur_per_yr == pytest.approx(1200.0, rel=1e-6)
    assert ok.max_monthly_increase_eur == pytest.approx(20.0, rel=1e-9)


def test_grid_too_small_even_for_the_reference(make_table):
    table = make_table([[1000, 900]], [[2000, 500]], count=[10], peak=[[2, 3]])
    plan = solve(table, OptimiseSettings(grid_capacity_kw={"k": 15.0}))
    assert plan.status == "infeasible"
    assert "the grid capacity" in plan.message
    # A reinforcement option makes it feasible: 20 kW ≤ 15 + 10.
    ok = solve(
        table,
        OptimiseSettings(
            grid_capacity_kw={"k": 15.0},
            reinforcement={"k": GridReinforcement(annual_cost_eur=50.0, added_kw=10.0)},
        ),
    )
    assert ok.status == "optimal" and ok.grid_reinforced == {"k": True}


@pytest.fixture(scope="module")
def hard_milp(make_random_table):
    """1 500 single dwellings × 8 options with a budget (a knapsack), CO2 target, 6 heat-network
    zones and 12 grid zones with reinforcement: many seconds to prove optimality."""
    table = make_random_table(7, G=1500, O=8, zones=6, gzones=12, max_count=1)
    s = OptimiseSettings(
        per_dwelling=True,
        co2_reduction=0.6,
        budget_eur=8e6,
        mip_gap=0.0,
        heat_network_default=HeatNetwork(9000, 300, 0.5),
        grid_capacity_kw_per_dwelling=0.9,
        diversity=0.5,
        reinforcement_default=GridReinforcement(2500, 60),
    )
    return table, s


@pytest.mark.parametrize("backend,limit", [("highspy", 0.05), ("pulp", 0.05), ("highspy", 1.0)])
def test_time_limit_returns_plan_or_clear_status(hard_milp, backend, limit):
    table, s = hard_milp
    plan = solve(table, replace(s, time_limit_s=limit, backend=backend))
    assert plan.status == "time_limit"
    if plan.has_solution:  # the best plan found, with its gap
        assert plan.gap > 0
        assert "gap" in plan.message
        assert plan.co2_reduction >= 0.6 - 1e-6
    else:
        assert "time limit" in plan.message and f"{limit:g} s" in plan.message
    json.dumps(plan.to_json_dict())


def test_invalid_inputs_raise_user_errors(make_table):
    table = make_table([[1000, 1300]], [[2000, 500]])
    with pytest.raises(WupInputError, match="'co2_kg' has shape"):
        solve(replace(table, co2_kg=np.zeros((2, 2))))
    with pytest.raises(WupInputError, match="unknown heating system"):
        solve(replace(table, heating=np.array(["gas_boiler", "pellet_stove"])))
    with pytest.raises(WupInputError, match="reference option"):
        solve(replace(table, feasible=np.array([[False, True]])))
    with pytest.raises(WupInputError, match="not a finite number"):
        solve(
            replace(
                table,
                annual_cost_eur={
                    "national": np.array([[np.nan, 1.0]]),
                    "end_user": np.array([[1.0, 1.0]]),
                },
            )
        )
    with pytest.raises(WupInputError, match="objective 'money' is unknown"):
        solve(table, OptimiseSettings(objective="money"))
    with pytest.raises(WupInputError, match="whole dwelling counts"):
        solve(replace(table, count=np.array([2.5])), OptimiseSettings(per_dwelling=True))
    with pytest.raises(WupInputError, match="max_installations has unknown heating"):
        solve(table, OptimiseSettings(max_installations={"pellet": 3}))


def test_json_summary(two_groups):
    s = OptimiseSettings(co2_reduction=0.3, solar_park=SolarPark(60.0, 900.0))
    d = json.loads(json.dumps(solve(two_groups, s).to_json_dict()))
    for key in (
        "status",
        "objective_eur",
        "co2_kg",
        "co2_reduction",
        "choices",
        "shadow_prices",
        "collective",
    ):
        assert key in d
    assert d["status"] == "optimal"
    assert d["shadow_prices"]["co2"]["value"] == pytest.approx(200.0, rel=1e-6)
    assert d["shadow_prices"]["co2"]["unit"] == "EUR/t"
    assert d["choices"]["g0"] == {"o0": pytest.approx(0.2), "o1": pytest.approx(0.8)}
    assert d["collective"]["solar_park_kwp"] == 0.0
    infeasible = solve(two_groups, OptimiseSettings(co2_reduction=0.9)).to_json_dict()
    text = json.dumps(infeasible)  # NaN totals become null, never invalid JSON
    assert "NaN" not in text


def test_unavailable_solver_falls_back_with_a_notice(two_groups, monkeypatch):
    opt = importlib.import_module("wupmodel.optimise.solve")

    monkeypatch.setattr(opt, "cbc_available", lambda: False)
    plan = solve(two_groups, OptimiseSettings(co2_reduction=0.3, solver="cbc"))
    assert plan.status == "optimal" and plan.solver == "highs"
    assert any("CBC is not available" in n for n in plan.notices)
    assert plan.objective_eur == pytest.approx(22400.0, rel=1e-9)

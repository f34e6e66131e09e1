"""Shadow prices: hand-calculated values and finite differences of the optimal cost.

Each instance is chosen so the optimal basis does not change over the finite-difference step
(the marginal group's share stays strictly between 0 and 1), so the dual must equal the
difference quotient up to solver round-off: tolerance rel 1e-6.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from wupmodel.optimise import HeatNetwork, OptimiseSettings, SolarPark, solve

COMBOS = [("highs", "pulp"), ("cbc", "pulp"), ("highs", "highspy")]
IDS = ["highs-pulp", "cbc", "highs-matrix"]


def fd_tol(solver: str, objective: float) -> float:
    """Absolute tolerance on a difference of two optimal objectives [€].

    HiGHS hands values over in double precision. PuLP reads CBC's solution file, which prints
    8 significant digits, so each CBC objective carries up to ~1e-7 relative error; the
    difference of two of them gets 4e-7 × objective.
    """
    return 4e-7 * abs(objective) if solver == "cbc" else 1e-9 * abs(objective)


@pytest.fixture(scope="module")
def two_groups(make_table):
    """Groups A and B, 10 dwellings each; gas 1000 €/yr and 2000 kg/yr.

    Heat pump: A 1300 €/yr, 500 kg → 300 € / 1500 kg = 200 €/t;
               B 1600 €/yr, 400 kg → 600 € / 1600 kg = 375 €/t.
    Reference 40 000 kg.
    """
    return make_table([[1000, 1300], [1000, 1600]], [[2000, 500], [2000, 400]], count=[10, 10])


@pytest.mark.parametrize("solver,backend", COMBOS, ids=IDS)
@pytest.mark.parametrize(
    "target,price,cost",
    [
        # 30 %: 12 000 kg from A alone (8 of 10 dwellings): 20 000 + 8 × 300 = 22 400 €, 200 €/t.
        (0.30, 200.0, 22400.0),
        # 50 %: all of A (15 000 kg, 3 000 €) + 5 000 kg from B (3.125 dwellings, 1 875 €), 375 €/t.
        (0.50, 375.0, 24875.0),
    ],
)
def test_co2_shadow_price_by_hand_and_finite_difference(
    two_groups, solver, backend, target, price, cost
):
    s = OptimiseSettings(co2_reduction=target, solver=solver, backend=backend)
    plan = solve(two_groups, s)
    assert plan.status == "optimal"
    assert plan.objective_eur == pytest.approx(cost, rel=1e-7)  # CBC: 8 significant digits
    assert plan.co2_shadow_price_eur_per_t == pytest.approx(price, rel=1e-6)
    co2 = next(c for c in plan.constraints if c.name == "co2")
    assert co2.binding and co2.unit == "EUR/t"
    # One more ton: the target rises by 1000 kg / 40 000 kg.
    tighter = solve(two_groups, replace(s, co2_reduction=target + 1000.0 / 40000.0))
    assert tighter.objective_eur - plan.objective_eur == pytest.approx(
        price, rel=1e-6, abs=fd_tol(solver, cost)
    )


@pytest.mark.parametrize("solver,backend", COMBOS, ids=IDS)
def test_grid_budget_and_energy_shadow_prices(make_table, solver, backend):
    """One group of 10; a heat pump saves 100 €/yr but adds 3 kW and costs 3 000 € upfront.

    Grid 25 kW (1 kW each on gas): 10 + 3·n ≤ 25 → n = 5, price 100/3 €/yr per kW.
    Budget 18 000 € → n ≤ 6 (not binding). Energy-neutral 50 % of 10 × 3 000 kWh from a
    park at 60 €/kWp/yr and 900 kWh/kWp: price 60/0.9 = 66.67 €/yr per MWh.
    """
    table = make_table(
        [[1000, 900]],
        [[2000, 500]],
        count=[10],
        peak=[[1, 4]],
        capex=[[0, 3000]],
        electricity=[[3000, 3000]],
    )
    park = SolarPark(annual_cost_eur_per_kwp=60.0, yield_kwh_per_kwp=900.0)
    s = OptimiseSettings(
        grid_capacity_kw={"k": 25.0},
        budget_eur=18000.0,
        energy_neutral_share=0.5,
        solar_park=park,
        solver=solver,
        backend=backend,
    )
    plan = solve(table, s)
    assert plan.status == "optimal"
    prices = plan.shadow_prices
    assert prices["grid:k"] == pytest.approx(100.0 / 3.0, rel=1e-6)
    assert prices["budget"] == pytest.approx(0.0, abs=1e-9)
    assert prices["energy_neutral"] == pytest.approx(60.0 / 0.9, rel=1e-6)
    assert plan.solar_park_kwp == pytest.approx(15000.0 / 900.0, rel=1e-7)  # CBC: 8 digits
    # Finite differences: +1 kW grid, −1 MWh energy target (share −1000/30 000).
    more_grid = solve(table, replace(s, grid_capacity_kw={"k": 26.0}))
    tol = fd_tol(solver, plan.objective_eur)
    assert plan.objective_eur - more_grid.objective_eur == pytest.approx(
        100.0 / 3.0, rel=1e-6, abs=tol
    )
    less_energy = solve(table, replace(s, energy_neutral_share=0.5 - 1000.0 / 30000.0))
    assert plan.objective_eur - less_energy.objective_eur == pytest.approx(
        60.0 / 0.9, rel=1e-6, abs=tol
    )
    # A tighter budget binds: 15 000 € → n = 5 either way (grid); 12 000 € → n = 4,
    # price 100/3000 €/yr per €.
    tight = solve(table, replace(s, budget_eur=12000.0))
    assert tight.shadow_prices["budget"] == pytest.approx(100.0 / 3000.0, rel=1e-6)
    assert tight.shadow_prices["grid:k"] == pytest.approx(0.0, abs=1e-9)


@pytest.mark.parametrize("solver,backend", COMBOS, ids=IDS)
def test_milp_duals_with_collective_decision_fixed(make_table, solver, backend):
    """A zone of 10: gas (1000 €, 2000 kg), network (1200 €, 200 kg), heat pump (1500 €, 500 kg).

    Network 500 €/yr, minimum participation 50 %.
    * Target 50 % (10 000 kg): network, 10 000/1 800 = 5.56 dwellings → 11 611.1 €
      (heat pumps alone: 6.67 × 500 = 12 000 €). CO2 price 200/1800 € per kg = 111.1 €/t.
    * Target 40 % (8 000 kg): the 5-dwelling minimum binds (9 000 kg saved), CO2 does not;
      the participation price is 200 €/yr per dwelling.
    """
    heating = np.array(["gas_boiler", "heat_network_lt", "air_hp"])
    table = make_table(
        [[1000, 1200, 1500]],
        [[2000, 200, 500]],
        count=[10],
        heating=heating,
        hn_zone=np.array(["z"]),
    )
    base = OptimiseSettings(
        heat_networks={"z": HeatNetwork(500.0, min_participation=0.5)},
        solver=solver,
        backend=backend,
        mip_gap=0.0,
    )
    plan = solve(table, replace(base, co2_reduction=0.5))
    assert plan.status == "optimal" and plan.heat_network_built == {"z": True}
    assert plan.objective_eur == pytest.approx(10000 + 200 * 10000 / 1800 + 500, rel=1e-7)
    assert plan.co2_shadow_price_eur_per_t == pytest.approx(1000 * 200 / 1800, rel=1e-6)
    fd = solve(table, replace(base, co2_reduction=0.5 + 100 / 20000)).objective_eur
    assert (fd - plan.objective_eur) * 10 == pytest.approx(
        1000 * 200 / 1800, rel=1e-6, abs=10 * fd_tol(solver, fd)
    )
    assert any("collective decisions fixed" in n for n in plan.notices)

    plan40 = solve(table, replace(base, co2_reduction=0.4))
    assert plan40.shadow_prices["heat_network_participation:z"] == pytest.approx(200.0, rel=1e-6)
    assert plan40.co2_shadow_price_eur_per_t == pytest.approx(0.0, abs=1e-9)
    # 0.1 dwelling less participation (share 0.49) saves 20 €.
    fd40 = solve(
        table,
        replace(
            base, co2_reduction=0.4, heat_networks={"z": HeatNetwork(500.0, min_participation=0.49)}
        ),
    )
    assert plan40.objective_eur - fd40.objective_eur == pytest.approx(
        20.0, rel=1e-6, abs=fd_tol(solver, fd40.objective_eur)
    )


def test_cumulative_basis_reports_its_unit(two_groups):
    plan = solve(two_groups, OptimiseSettings(co2_reduction=0.3, co2_basis="cumulative"))
    co2 = next(c for c in plan.constraints if c.name == "co2")
    # co2_cum = 20 × first-year in the factory: 200 €/t first-year → 10 €/yr per cumulative t.
    assert co2.shadow_price == pytest.approx(10.0, rel=1e-6)
    assert "cumulative" in co2.unit


@pytest.mark.parametrize("solver,backend", COMBOS, ids=IDS)
def test_co2_objective_prices_in_tonnes_and_extra_cost_vs_reference(make_table, solver, backend):
    """Least CO2 under a budget: one group of 10 on gas (1 000 €/yr, 2 000 kg/yr); a heat pump
    costs 3 000 € upfront, 900 €/yr, 500 kg/yr. Budget 15 000 € → 5 heat pumps, CO2
    5·500 + 5·2 000 = 12 500 kg. One euro more buys 1/3 000 of a heat pump, which avoids
    1 500 kg / 3 000 = 0.5 kg: the budget's price is 0.0005 t CO2/yr per EUR. The CO2 row is
    what is minimised and carries no price. Cost 5·900 + 5·1 000 = 9 500 €/yr against the
    all-gas 10 000 €/yr: extra cost vs the reference −500 €/yr."""
    table = make_table([[1000, 900]], [[2000, 500]], count=[10], capex=[[0, 3000]])
    s = OptimiseSettings(objective="co2", budget_eur=15000.0, solver=solver, backend=backend)
    plan = solve(table, s)
    assert plan.co2_kg == pytest.approx(12500.0, rel=1e-7)
    assert not any(c.kind == "co2" for c in plan.constraints)
    budget = next(c for c in plan.constraints if c.kind == "budget")
    assert budget.binding and budget.unit == "t CO2/yr per EUR"
    assert budget.shadow_price == pytest.approx(0.0005, rel=1e-6)
    more = solve(table, replace(s, budget_eur=15000.0 + 300.0))
    assert (plan.co2_kg - more.co2_kg) / 1000.0 / 300.0 == pytest.approx(0.0005, rel=1e-6)
    assert plan.reference_cost_eur["national"] == pytest.approx(10000.0, rel=1e-7)
    assert plan.extra_cost_eur_per_yr["national"] == pytest.approx(-500.0, rel=1e-6)

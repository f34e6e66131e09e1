"""HiGHS (through PuLP and directly) and CBC agree on every test model.

All solved to a zero MIP gap; objectives must agree to rel 1e-6 (solver feasibility
tolerances ~1e-7 on coefficients up to ~1e4), statuses exactly, and shadow prices of LP
models (unique duals there) to rel 1e-5 / abs 1e-3 €.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from wupmodel.optimise import GridReinforcement, HeatNetwork, OptimiseSettings, SolarPark, solve

COMBOS = [("cbc", "pulp"), ("highs", "highspy")]


def _models(make_table, make_random_table):
    collective = dict(
        heat_network_default=HeatNetwork(annual_cost_eur=9000, min_participation=0.5),
        grid_capacity_kw_per_dwelling=0.9,
        diversity=0.5,
        reinforcement_default=GridReinforcement(annual_cost_eur=2500, added_kw=60),
    )
    park = SolarPark(annual_cost_eur_per_kwp=58.0, yield_kwh_per_kwp=900.0, max_kwp=500.0)
    hand = make_table(
        [[1000, 1400, 1100], [1000, 1500, 1150], [1000, 1200, 1300]],
        [[2000, 400, 300]] * 3,
        peak=[[1, 4, 1]] * 3,
        heating=np.array(["gas_boiler", "air_hp", "heat_network_lt"]),
        hn_zone=np.array(["z"] * 3),
    )
    hand_settings = OptimiseSettings(
        per_dwelling=True,
        co2_reduction=1 - 2000 / 6000,
        heat_networks={"z": HeatNetwork(annual_cost_eur=600, min_participation=2 / 3)},
        grid_capacity_kw={"k": 6},
        reinforcement={"k": GridReinforcement(100, 5)},
    )
    return {
        "hand-per-dwelling": (hand, hand_settings),
        "lp-co2": (make_random_table(1), OptimiseSettings(co2_reduction=0.5)),
        "lp-co2-infeasible": (make_random_table(1), OptimiseSettings(co2_reduction=0.99)),
        "milp-collective": (
            make_random_table(1),
            OptimiseSettings(co2_reduction=0.55, **collective),
        ),
        "milp-per-dwelling": (
            make_random_table(2),
            OptimiseSettings(co2_reduction=0.5, per_dwelling=True, **collective),
        ),
        "energy-neutral-park": (
            make_random_table(2),
            OptimiseSettings(energy_neutral_share=0.7, solar_park=park, budget_eur=1.5e6),
        ),
        "co2-objective-budget": (
            make_random_table(2),
            OptimiseSettings(objective="co2", budget_eur=8e5, **collective),
        ),
    }


@pytest.mark.parametrize("solver,backend", COMBOS, ids=["cbc", "highspy-matrix"])
@pytest.mark.parametrize(
    "name",
    [
        "hand-per-dwelling",
        "lp-co2",
        "lp-co2-infeasible",
        "milp-collective",
        "milp-per-dwelling",
        "energy-neutral-park",
        "co2-objective-budget",
    ],
)
def test_solvers_agree(make_table, make_random_table, name, solver, backend):
    table, settings = _models(make_table, make_random_table)[name]
    ref = solve(table, replace(settings, mip_gap=0.0, solver="highs", backend="pulp"))
    other = solve(table, replace(settings, mip_gap=0.0, solver=solver, backend=backend))
    assert (ref.solver, ref.backend) == ("highs", "pulp")
    assert (other.solver, other.backend) == (solver, backend), other.notices
    assert other.status == ref.status
    if ref.status == "optimal":
        assert other.objective_eur == pytest.approx(ref.objective_eur, rel=1e-6)
        if settings.objective == "co2":  # the CO2 optimum is unique in value
            assert other.co2_kg == pytest.approx(ref.co2_kg, rel=1e-6)
        if not settings.per_dwelling and not settings.heat_network_default:
            for a, b in zip(ref.constraints, other.constraints, strict=True):
                assert a.name == b.name
                assert b.shadow_price == pytest.approx(a.shadow_price, rel=1e-5, abs=1e-3)
    else:
        assert "best reduction" in other.message

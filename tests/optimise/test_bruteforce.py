"""The optimiser's optimum equals a brute-force enumeration on small instances.

Data are integers, so every constraint either holds exactly or is violated by at least 1
unit: the brute force and the solver (feasibility tolerance ~1e-7) can never disagree about
feasibility, and the optimal costs must agree to round-off (rel 1e-9).
"""

from __future__ import annotations

import itertools
import math
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wupmodel.optimise import GridReinforcement, HeatNetwork, OptimiseSettings, solve

HEATING = np.array(["gas_boiler", "air_hp", "heat_network_lt"])
G, O = 3, 3  # noqa: E741 - O is the option count


def brute_force(cost, co2, peak, co2_cap, hn=None, grid=None):
    """Least cost over every option per dwelling and every collective decision.

    ``hn = (fixed_cost, min_share)``; ``grid = (capacity_kw, added_kw, cost)``. Returns
    ``inf`` when nothing is feasible.
    """
    best = math.inf
    for choice in itertools.product(range(O), repeat=G):
        n_hn = sum(HEATING[o] == "heat_network_lt" for o in choice)
        c_x = sum(cost[g][o] for g, o in enumerate(choice))
        e_x = sum(co2[g][o] for g, o in enumerate(choice))
        p_x = sum(peak[g][o] for g, o in enumerate(choice))
        if e_x > co2_cap + 1e-6:
            continue
        for built in (0, 1) if hn else (0,):
            if hn and n_hn > 0 and not built:
                continue  # a heat-network option needs the network
            if hn and built and n_hn + 1e-9 < hn[1] * G:
                continue  # minimum participation
            for reinforced in (0, 1) if grid else (0,):
                if grid and p_x > grid[0] + grid[1] * reinforced + 1e-6:
                    continue
                total = c_x + (hn[0] * built if hn else 0) + (grid[2] * reinforced if grid else 0)
                best = min(best, total)
    return best


ints = st.integers


@st.composite
def instances(draw):
    cost = [[draw(ints(500, 3000)) for _ in range(O)] for _ in range(G)]
    co2 = [[draw(ints(1000, 3000))] + [draw(ints(0, 2500)) for _ in range(O - 1)] for _ in range(G)]
    peak = [[draw(ints(1, 5)) for _ in range(O)] for _ in range(G)]
    ref = sum(row[0] for row in co2)
    co2_cap = draw(ints(0, ref))
    hn = (draw(ints(0, 1500)), draw(st.sampled_from([0.0, 1 / 3, 2 / 3, 1.0])))
    grid = (draw(ints(3, 15)), draw(ints(1, 10)), draw(ints(0, 500)))
    return cost, co2, peak, co2_cap, hn, grid


def _settings(co2, co2_cap, hn, grid, **kw):
    ref = sum(row[0] for row in co2)
    s = OptimiseSettings(per_dwelling=True, mip_gap=0.0, co2_reduction=1.0 - co2_cap / ref, **kw)
    if hn is not None:
        s = replace(
            s, heat_networks={"z": HeatNetwork(annual_cost_eur=hn[0], min_participation=hn[1])}
        )
    if grid is not None:
        s = replace(
            s,
            grid_capacity_kw={"k": grid[0]},
            reinforcement={"k": GridReinforcement(annual_cost_eur=grid[2], added_kw=grid[1])},
        )
    return s


@pytest.mark.parametrize("with_hn", [False, True], ids=["no-heat-network", "heat-network"])
@pytest.mark.parametrize("with_grid", [False, True], ids=["no-grid", "grid"])
@settings(max_examples=25, deadline=None)
@given(inst=instances())
def test_per_dwelling_optimum_equals_brute_force(make_table, inst, with_hn, with_grid):
    cost, co2, peak, co2_cap, hn, grid = inst
    hn = hn if with_hn else None
    grid = grid if with_grid else None
    table = make_table(
        cost,
        co2,
        peak=peak,
        heating=HEATING if with_hn else np.array(["gas_boiler", "air_hp", "air_hp"]),
        hn_zone=np.array(["z"] * G),
    )
    expected = brute_force(cost, co2, peak, co2_cap, hn, grid)
    plan = solve(table, _settings(co2, co2_cap, hn, grid))
    if math.isinf(expected):
        assert plan.status == "infeasible"
        assert plan.message
    else:
        assert plan.status == "optimal", plan.message
        # Integer data: equal up to floating-point round-off.
        assert plan.objective_eur == pytest.approx(expected, rel=1e-9, abs=1e-6)
        # The per-dwelling plan names one option per dwelling.
        assert set(plan.choices) == {"g0", "g1", "g2"}
        assert all(isinstance(v, str) for v in plan.choices.values())


@settings(max_examples=20, deadline=None)
@given(inst=instances(), counts=st.lists(ints(1, 3), min_size=G, max_size=G))
def test_integer_counts_equal_brute_force_over_compositions(make_table, inst, counts):
    """Groups of identical dwellings, per-dwelling decisions: enumerate dwellings per option."""
    cost, co2, peak, _, _, _ = inst
    ref = sum(c * row[0] for c, row in zip(counts, co2, strict=True))
    co2_cap = ref // 2

    def compositions(n):
        return [(a, b, n - a - b) for a in range(n + 1) for b in range(n + 1 - a)]

    best = math.inf
    for comp in itertools.product(*(compositions(c) for c in counts)):
        e = sum(np.dot(k, co2[g]) for g, k in enumerate(comp))
        if e <= co2_cap + 1e-6:
            best = min(best, sum(np.dot(k, cost[g]) for g, k in enumerate(comp)))
    table = make_table(cost, co2, count=counts, peak=peak)
    plan = solve(
        table, OptimiseSettings(per_dwelling=True, mip_gap=0.0, co2_reduction=1.0 - co2_cap / ref)
    )
    if math.isinf(best):
        assert plan.status == "infeasible"
    else:
        assert plan.status == "optimal", plan.message
        assert plan.objective_eur == pytest.approx(best, rel=1e-9, abs=1e-6)
        # Shares are whole dwellings.
        n = plan.shares * np.asarray(counts)[:, None]
        np.testing.assert_allclose(n, np.round(n), atol=1e-9)


def test_hand_example_heat_network_and_reinforcement(make_table):
    """Written out by hand: three dwellings, network 600 €/yr, reinforcement 100 €/yr.

    Costs (gas, air HP, heat network): g0 (1000, 1400, 1100), g1 (1000, 1500, 1150),
    g2 (1000, 1200, 1300). CO2 (gas, HP, HN) = (2000, 400, 300) each; reference 6000 kg; cap
    2000 kg: one gas boiler already leaves 2000 + 300 + 300 > 2000, so every dwelling switches.
    Peaks: gas 1, HP 4, HN 1; grid 6 kW (+5 kW for 100 €/yr).

    * all HN: 3550 + 600 = 4150, peak 3.
    * g2 HP, g0 and g1 HN: 1100 + 1150 + 1200 + 600 = 4050, peak 6 → no reinforcement.
    * g0 HP, g1 and g2 HN: 1400 + 1150 + 1300 + 600 = 4450; g1 HP: 4500.
    * all HP: peak 12 > 6 + 5, infeasible even reinforced.
    * two HP and one HN: below the 2/3 minimum participation, infeasible.
    Optimum 4050.
    """
    cost = [[1000, 1400, 1100], [1000, 1500, 1150], [1000, 1200, 1300]]
    co2 = [[2000, 400, 300]] * 3
    peak = [[1, 4, 1]] * 3
    table = make_table(cost, co2, peak=peak, heating=HEATING, hn_zone=np.array(["z"] * 3))
    s = _settings(co2, 2000, (600, 2 / 3), (6, 5, 100))
    plan = solve(table, s)
    assert plan.status == "optimal"
    assert plan.objective_eur == pytest.approx(4050.0, rel=1e-12)
    assert plan.choices == {"g0": "o2", "g1": "o2", "g2": "o1"}
    assert plan.heat_network_built == {"z": True}
    assert plan.grid_reinforced == {"k": False}
    assert plan.peak_kw["k"] == pytest.approx(6.0)
    assert plan.co2_kg == pytest.approx(1000.0)
    assert brute_force(cost, co2, peak, 2000, (600, 2 / 3), (6, 5, 100)) == 4050

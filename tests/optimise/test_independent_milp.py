"""An independent formulation with ``scipy.optimize.milp`` gives the same optimum.

The reference model below is written from the option table and the settings with plain
loops and dense matrices; it shares no code with :mod:`wupmodel.optimise.build`. Objectives
must agree to rel 1e-6 (both solved to a zero MIP gap; the tolerance covers the solvers'
feasibility tolerances of ~1e-7 on constraints with coefficients up to ~1e4).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from scipy.optimize import Bounds, LinearConstraint, milp

from wupmodel.optimise import GridReinforcement, HeatNetwork, OptimiseSettings, SolarPark, solve

HN = ("heat_network_mt", "heat_network_lt")


def reference_milp(t, s):
    """Least objective of the village model, or ``None`` when infeasible."""
    cost = np.asarray(t.annual_cost_eur[s.perspective], float)
    G, O = cost.shape  # noqa: E741 - O is the option count
    count = np.asarray(t.count, float)
    heating = np.asarray(t.heating)
    zone = np.asarray(t.heat_network_zone)
    gzone = np.asarray(t.grid_zone)
    co2 = np.asarray(t.co2_kg if s.co2_basis == "first_year" else t.co2_cum_kg, float)
    # --- which (g, o) may be chosen
    ub_n = np.zeros((G, O))
    for g in range(G):
        for o in range(O):
            ok = bool(t.feasible[g, o])
            if heating[o] in HN and zone[g] == "":
                ok = False
            if (
                s.max_monthly_increase_eur is not None
                and s.extra_subsidy_budget_eur is None
                and t.monthly_cost_change_eur[g, o] > s.max_monthly_increase_eur
            ):
                ok = False
            if t.fixed_option[g] >= 0:
                ok = o == t.fixed_option[g]
            ub_n[g, o] = count[g] if ok else 0.0
    # zones with a configured network and an open heat-network option get a binary; without
    # a configuration, heat-network options are individual options
    hn_zones = sorted(
        {
            zone[g]
            for g in range(G)
            for o in range(O)
            if zone[g]
            and heating[o] in HN
            and ub_n[g, o] > 0
            and (zone[g] in s.heat_networks or s.heat_network_default is not None)
        }
    )
    grid_zones = (
        sorted(set(gzone))
        if s.grid_capacity_kw_per_dwelling is not None
        else sorted(s.grid_capacity_kw or {})
    )
    reinf_zones = [
        k for k in grid_zones if s.reinforcement_default is not None or k in s.reinforcement
    ]
    n_n, n_y, n_r = G * O, len(hn_zones), len(reinf_zones)
    has_park = s.solar_park is not None
    nv = n_n + n_y + n_r + (1 if has_park else 0)
    iy, ir, ip = n_n, n_n + n_y, n_n + n_y + n_r

    def col(g, o):
        return g * O + o

    c = np.zeros(nv)
    lb = np.zeros(nv)
    ub = np.zeros(nv)
    integ = np.zeros(nv)
    for g in range(G):
        for o in range(O):
            c[col(g, o)] = cost[g, o]
            ub[col(g, o)] = ub_n[g, o]
            integ[col(g, o)] = 1 if s.per_dwelling else 0
    for j, z in enumerate(hn_zones):
        hn = s.heat_networks.get(z, s.heat_network_default)
        n_z = count[zone == z].sum()
        c[iy + j] = (
            hn.annual_cost_eur + hn.annual_cost_eur_per_zone_dwelling * n_z
            if s.perspective == "national"
            else hn.end_user_annual_cost_eur
        )
        ub[iy + j], integ[iy + j] = 1, 1
    for j, k in enumerate(reinf_zones):
        rf = s.reinforcement.get(k, s.reinforcement_default)
        n_k = count[gzone == k].sum()
        c[ir + j] = (
            rf.annual_cost_eur + rf.annual_cost_eur_per_zone_dwelling * n_k
            if s.perspective == "national"
            else rf.end_user_annual_cost_eur
        )
        ub[ir + j], integ[ir + j] = 1, 1
    if has_park:
        p = s.solar_park
        c[ip] = (
            p.annual_cost_eur_per_kwp
            if s.perspective == "national" or p.end_user_annual_cost_eur_per_kwp is None
            else p.end_user_annual_cost_eur_per_kwp
        )
        ub[ip] = np.inf if p.max_kwp is None else p.max_kwp
    rows, lo, hi = [], [], []

    def add(row, low, high):
        rows.append(row)
        lo.append(low)
        hi.append(high)

    for g in range(G):  # every dwelling takes one option
        r = np.zeros(nv)
        r[[col(g, o) for o in range(O)]] = 1
        add(r, count[g], count[g])
    if s.co2_reduction is not None:
        ref = sum(count[g] * co2[g, t.reference_option[g]] for g in range(G))
        r = np.zeros(nv)
        for g in range(G):
            for o in range(O):
                r[col(g, o)] = co2[g, o]
        if has_park:
            r[ip] = -(
                s.solar_park.co2_kg_per_kwp
                if s.co2_basis == "first_year"
                else s.solar_park.co2_cum_kg_per_kwp
            )
        add(r, -np.inf, (1 - s.co2_reduction) * ref)
    if s.budget_eur is not None:
        r = np.zeros(nv)
        for g in range(G):
            for o in range(O):
                r[col(g, o)] = t.capex_eur[g, o] - t.subsidy_eur[g, o]
        add(r, -np.inf, s.budget_eur)
    div = 1.0 if s.diversity is None else s.diversity
    for k in grid_zones:
        r = np.zeros(nv)
        for g in np.flatnonzero(gzone == k):
            for o in range(O):
                r[col(g, o)] = div * t.peak_kw[g, o]
        cap = (s.grid_capacity_kw or {}).get(k)
        if cap is None:
            cap = s.grid_capacity_kw_per_dwelling * count[gzone == k].sum()
        if k in reinf_zones:
            r[ir + reinf_zones.index(k)] = -s.reinforcement.get(k, s.reinforcement_default).added_kw
        add(r, -np.inf, cap)
    for j, z in enumerate(hn_zones):
        hn = s.heat_networks.get(z, s.heat_network_default)
        n_z = count[zone == z].sum()
        link = np.zeros(nv)
        for g in np.flatnonzero(zone == z):
            for o in range(O):
                if heating[o] in HN:
                    link[col(g, o)] = 1
        r = link.copy()
        r[iy + j] = -n_z
        add(r, -np.inf, 0)  # joining needs the network
        r = link.copy()
        r[iy + j] = -hn.min_participation * n_z
        add(r, 0, np.inf)  # minimum participation when built
    if s.energy_neutral_share is not None:
        r = np.zeros(nv)
        for g in range(G):
            for o in range(O):
                r[col(g, o)] = t.pv_kwh[g, o] - s.energy_neutral_share * t.electricity_kwh[g, o]
        if has_park:
            r[ip] = s.solar_park.yield_kwh_per_kwp
        add(r, 0, np.inf)
    if s.max_monthly_increase_eur is not None and s.extra_subsidy_budget_eur is not None:
        r = np.zeros(nv)
        for g in range(G):
            for o in range(O):
                over = t.monthly_cost_change_eur[g, o] - s.max_monthly_increase_eur
                if t.fixed_option[g] < 0 and over > 0:
                    r[col(g, o)] = 12 * over
        add(r, -np.inf, s.extra_subsidy_budget_eur)
    for h, mx in s.max_installations.items():
        r = np.zeros(nv)
        for g in range(G):
            for o in range(O):
                if heating[o] == h:
                    r[col(g, o)] = 1
        add(r, -np.inf, mx)
    res = milp(
        c,
        integrality=integ,
        bounds=Bounds(lb, ub),
        constraints=LinearConstraint(np.array(rows), lo, hi),
        options={"mip_rel_gap": 0.0},
    )
    return res.fun if res.success else None


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

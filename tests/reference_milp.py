"""An independent formulation of the village optimisation with ``scipy.optimize.milp``.

Written from the option table and the settings with plain loops and dense matrices; it shares
no code with :mod:`wupmodel.optimise.build` or the solvers. Used by the optimiser's oracle
tests (``tests/optimise/test_independent_milp.py``, ``test_per_dwelling.py``).
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

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

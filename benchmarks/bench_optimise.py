"""Optimiser benchmarks (pytest-benchmark; not part of the test suite).

Run: ``.venv/bin/python -m pytest benchmarks/bench_optimise.py --benchmark-only
--benchmark-columns=min,median,max -s``. Every case records ``build_s`` (matrix + solver
model: PuLP objects or the highspy hand-over), ``solve_s`` (solver calls incl. the hand-over
PuLP does inside ``solve``) and the plan status in ``extra_info`` and prints them.

Targets (from the task): groups LP (~300 × 96) ≤ 1 s; per-dwelling Aalden (758 × 96) ≤ 15 s;
20-point Pareto ≤ 15 s. The synthetic tables below are for timing only: their numbers are
plausible magnitudes, not sourced defaults.
"""

from __future__ import annotations

import time
from dataclasses import replace

import numpy as np
import pytest

from wupmodel.optimise import OptimiseSettings, OptionTable, pareto_front, solve

HEATING = ("gas_boiler", "hybrid_hp", "air_hp", "ground_hp", "heat_network_mt", "heat_network_lt")


def synthetic_table(
    n_groups: int,
    seed: int = 0,
    mean_count: float = 1.0,
    n_hn_zones: int = 3,
    n_grid_zones: int = 6,
    hn_share: float = 0.6,
) -> OptionTable:
    """A structured synthetic option table: 4 insulation levels × 6 heating × PV × solar thermal.

    96 options per group. Group ``count`` is 1 when ``mean_count`` is 1, else drawn around it.
    Heat pumps need insulation level ≥ 1 (LT network ≥ 2); heat-network options only in zones.
    """
    rng = np.random.default_rng(seed)
    G = n_groups
    lvl, heat, pv, st = (
        a.ravel()
        for a in np.meshgrid(np.arange(4), np.arange(6), np.arange(2), np.arange(2), indexing="ij")
    )
    O = lvl.size  # noqa: E741 - O is the option count
    heating = np.array(HEATING)[heat]
    count = (
        np.ones(G) if mean_count == 1 else np.maximum(1, rng.poisson(mean_count, G)).astype(float)
    )
    q = rng.uniform(8000, 30000, G)[:, None]  # space + hot-water heat [kWh/yr]
    e_base = rng.uniform(2000, 4500, G)[:, None]
    roof = rng.uniform(1500, 5000, G)[:, None]
    size = rng.uniform(0.7, 1.5, G)[:, None]
    demand = q * np.array([1.0, 0.85, 0.7, 0.55])[lvl][None, :] - 1500.0 * st[None, :]
    demand = np.maximum(demand, 2000.0)
    hp_share = np.array([0, 0.7, 1, 1, 0, 0])[heat][None, :]
    cop = np.array([1, 4.0, 3.2, 4.2, 1, 1])[heat][None, :]
    gas_frac = np.array([1, 0.3, 0, 0, 0, 0])[heat][None, :]
    hn_frac = np.array([0, 0, 0, 0, 1, 1])[heat][None, :]
    gas_m3 = demand * gas_frac / 9.77 / 0.95
    heat_gj = demand * hn_frac * 0.0036
    elec = e_base + demand * hp_share / cop
    pv_kwh = roof * pv[None, :]
    capex = (
        np.array([0, 3000, 9000, 20000])[lvl][None, :] * size
        + np.array([2500, 6000, 12000, 25000, 5000, 8000])[heat][None, :]
        + 4000 * pv[None, :]
        + 3000 * st[None, :]
    )
    energy = (
        1.3 * gas_m3
        + 0.30 * np.maximum(elec - 0.3 * pv_kwh, 0)
        - 0.05 * 0.7 * pv_kwh
        + 45.0 * heat_gj
    )
    national = capex / 15.0 + energy * 0.8
    end_user = capex / 12.0 + energy
    noise = rng.normal(1.0, 0.03, (G, O))
    national, end_user = national * noise, end_user * noise
    co2 = 1.78 * gas_m3 + 0.195 * np.maximum(elec - pv_kwh, 0) + 50.6 * 0.3 * heat_gj
    in_zone = rng.random(G) < hn_share
    hn_zone = np.where(
        in_zone, np.array([f"hn{i}" for i in range(n_hn_zones)])[rng.integers(0, n_hn_zones, G)], ""
    )
    grid_zone = np.array([f"lv{i}" for i in range(n_grid_zones)])[rng.integers(0, n_grid_zones, G)]
    feasible = np.ones((G, O), dtype=bool)
    feasible &= ~((np.isin(heating, ["air_hp", "ground_hp"]) & (lvl < 1))[None, :])
    feasible &= ~(((heating == "heat_network_lt") & (lvl < 2))[None, :])
    feasible &= rng.random((G, O)) > 0.05
    ref = np.zeros(G, dtype=int)  # level 0, gas boiler, no PV, no solar thermal
    feasible[:, 0] = True
    peak = (
        1.2
        + np.array([0, 1.5, 4.0, 3.0, 0.2, 0.8])[heat][None, :]
        * np.array([1.0, 0.9, 0.8, 0.7])[lvl][None, :]
    ) * size
    monthly = (end_user - end_user[:, :1]) / 12.0
    return OptionTable(
        group_id=np.array([f"d{i}" for i in range(G)]),
        count=count,
        option_id=np.array(
            [f"L{a}-{HEATING[b]}-pv{c}-st{d}" for a, b, c, d in zip(lvl, heat, pv, st, strict=True)]
        ),
        heating=heating,
        feasible=feasible,
        annual_cost_eur={"national": national, "end_user": end_user},
        capex_eur=capex * np.ones((G, 1)),
        subsidy_eur=0.15 * capex * np.ones((G, 1)),
        co2_kg=co2,
        co2_cum_kg=co2 * 14.0,
        peak_kw=peak,
        electricity_kwh=elec,
        pv_kwh=pv_kwh * np.ones((G, 1)),
        heat_gj=heat_gj,
        gas_m3=gas_m3,
        monthly_cost_change_eur=monthly,
        reference_option=ref,
        heat_network_zone=hn_zone,
        grid_zone=grid_zone,
        fixed_option=np.full(G, -1),
        horizon_years=25,
    )


def _record(benchmark, plan, label: str) -> None:
    benchmark.extra_info.update(
        status=plan.status,
        build_s=round(plan.build_seconds, 4),
        solve_s=round(plan.solve_seconds, 4),
        backend=plan.backend,
        solver=plan.solver,
        objective_eur=round(plan.objective_eur, 2) if plan.has_solution else None,
        timings={k: round(v, 4) for k, v in plan.timings.items()},
    )
    print(
        f"\n{label}: status={plan.status} backend={plan.backend} solver={plan.solver} "
        f"build={plan.build_seconds:.3f}s solve={plan.solve_seconds:.3f}s "
        f"timings={ {k: round(v, 3) for k, v in plan.timings.items()} } gap={plan.gap}"
    )


@pytest.fixture(scope="module")
def groups_300():
    """~758 dwellings in 300 groups (Aalden-sized), 96 options."""
    return synthetic_table(300, seed=1, mean_count=2.5)


@pytest.fixture(scope="module")
def aalden_758():
    """758 single dwellings, 96 options."""
    return synthetic_table(758, seed=2)


@pytest.mark.parametrize("solver,backend", [("highs", "auto"), ("highs", "pulp"), ("cbc", "pulp")])
def test_groups_lp(benchmark, groups_300, solver, backend):
    """Groups LP, 300 × 96, CO2 −50 % and LV capacity 2.5 kW/dwelling (no collective binaries)."""
    s = OptimiseSettings(
        co2_reduction=0.5,
        grid_capacity_kw_per_dwelling=2.5,
        diversity=0.5,
        solver=solver,
        backend=backend,
    )
    plan = benchmark.pedantic(solve, args=(groups_300, s), rounds=3, iterations=1)
    assert plan.status == "optimal"
    _record(benchmark, plan, f"groups LP 300x96 {solver}/{backend}")


@pytest.mark.parametrize("solver,backend", [("highs", "auto"), ("cbc", "pulp")])
def test_per_dwelling_aalden(benchmark, aalden_758, solver, backend):
    """758 dwellings × 96 options, binaries, packaged collective defaults, CO2 −60 %."""
    s = OptimiseSettings.from_params(
        per_dwelling=True,
        co2_reduction=0.6,
        solver=solver,
        backend=backend,
        mip_gap=1e-4,
        time_limit_s=60,
    )
    plan = benchmark.pedantic(solve, args=(aalden_758, s), rounds=1, iterations=1)
    assert plan.status in ("optimal", "time_limit")
    _record(benchmark, plan, f"per-dwelling 758x96 {solver}/{backend}")


@pytest.mark.parametrize("method", ["branch", "mip"])
def test_groups_collective(benchmark, aalden_758, method):
    """758 single dwellings as shares, 3 heat-network + 6 grid zones with binaries, CO2 −60 %,
    0.9 kW/dwelling LV capacity (reinforcement binding): own LP branch and bound vs HiGHS MIP."""
    s = OptimiseSettings.from_params(
        co2_reduction=0.6,
        grid_capacity_kw_per_dwelling=0.9,
        backend="highspy",
        collective_method=method,
    )
    plan = benchmark.pedantic(solve, args=(aalden_758, s), rounds=1, iterations=1)
    assert plan.status == "optimal"
    _record(benchmark, plan, f"groups 758x96 + 9 collective binaries, {method}")


@pytest.mark.parametrize("backend", ["pulp", "highspy"])
def test_pareto_20(benchmark, groups_300, backend):
    """20-point cost–CO2 front on the groups LP, with shadow prices."""
    s = OptimiseSettings(grid_capacity_kw_per_dwelling=2.5, diversity=0.5, backend=backend)
    front = benchmark.pedantic(pareto_front, args=(groups_300, s, 20), rounds=1, iterations=1)
    assert len(front) >= 10
    benchmark.extra_info.update(points=len(front), backend=backend)
    print(
        f"\nPareto 20 ({backend}): {len(front)} non-dominated points, "
        f"CO2 {front[0].co2_reduction:.1%}..{front[-1].co2_reduction:.1%}"
    )


@pytest.mark.parametrize("n", [1000, 5000, 20000])
@pytest.mark.parametrize(
    "solver,backend", [("highs", "pulp"), ("highs", "highspy"), ("cbc", "pulp")]
)
def test_scaling(benchmark, n, solver, backend):
    """Per-dwelling rows (groups of one) with shares: LP of n × 96 columns, CO2 −50 % + grid."""
    table = synthetic_table(n, seed=3)
    s = OptimiseSettings(
        co2_reduction=0.5,
        grid_capacity_kw_per_dwelling=2.5,
        diversity=0.5,
        backend=backend,
        solver=solver,
        time_limit_s=600.0,
    )
    t0 = time.perf_counter()
    plan = benchmark.pedantic(solve, args=(table, s), rounds=1, iterations=1)
    assert plan.status in ("optimal", "time_limit")
    _record(
        benchmark, plan, f"scaling n={n} {solver}/{backend} (wall {time.perf_counter() - t0:.2f}s)"
    )


def test_scaling_milp_20k(benchmark):
    """20 000 single dwellings with binaries and collective defaults (matrix path)."""
    table = synthetic_table(20000, seed=4, n_hn_zones=10, n_grid_zones=40)
    s = OptimiseSettings.from_params(
        per_dwelling=True, co2_reduction=0.5, mip_gap=1e-3, time_limit_s=120
    )
    plan = benchmark.pedantic(solve, args=(table, s), rounds=1, iterations=1)
    assert plan.status in ("optimal", "time_limit")
    _record(benchmark, plan, "per-dwelling MILP 20000x96 auto")


def test_pulp_vs_matrix_same_answer(groups_300):
    """Not a timing: the two back ends give the same optimum on the benchmark model."""
    s = OptimiseSettings(co2_reduction=0.5, grid_capacity_kw_per_dwelling=2.5, diversity=0.5)
    a = solve(groups_300, replace(s, backend="pulp"))
    b = solve(groups_300, replace(s, backend="highspy"))
    assert a.objective_eur == pytest.approx(b.objective_eur, rel=1e-7)

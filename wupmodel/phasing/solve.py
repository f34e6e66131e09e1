"""The time path's verb: :func:`phase`, from a stock and a scenario to a
:class:`~wupmodel.phasing.result.Phasing`; and what it says when the CO2 path is out of reach.
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np
import pandas as pd

from wupmodel.errors import WupInputError
from wupmodel.inputs import ModelInputs, as_inputs
from wupmodel.phasing.master import LPSolution, Master
from wupmodel.phasing.moments import boiler_cohorts, period_starts
from wupmodel.phasing.problem import TimeProblem, time_problem
from wupmodel.phasing.result import Phasing
from wupmodel.phasing.search import (
    MIP_GAP,
    SearchResult,
    branch_and_price,
    generate,
    price_and_branch,
)
from wupmodel.phasing.settings import (
    PACKAGED_PATH,
    PhasingSettings,
    co2_path,
    phasing_settings,
    validate_settings,
)
from wupmodel.phasing.table import PhasedTable, phased_table
from wupmodel.phasing.tables import (
    LIMITS,
    binding_table,
    collective_years,
    dwelling_table,
    switches,
    yearly_table,
    zone_table,
)
from wupmodel.scenario import Scenario

#: CO2 above a milestone's cap that counts as missing it [kg/yr].
SHORTFALL_TOL_KG = 1e-3


#: Settings of the time path: (field, unit, the parameter it defaults to or "").
_SETTINGS = (
    ("step", "yr", ""),
    ("collective_step", "yr", ""),
    ("perspective", "", ""),
    ("heat_pumps_per_year", "installations/yr", "phasing.heat_pumps_per_1000_dwellings"),
    ("insulation_jobs_per_year", "installations/yr", "phasing.insulation_jobs_per_1000_dwellings"),
    ("budget_eur_per_year", "EUR/yr", ""),
    ("budget_basis", "", ""),
    ("notice_years", "yr", "phasing.gas_notice_years"),
    ("reinforcement_lead_years", "yr", "phasing.reinforcement_lead_years"),
    ("works_discount", "fraction", "phasing.works_discount"),
    ("boiler_life_mean_years", "yr", "phasing.boiler_life_mean_years"),
    ("boiler_life_shape", "-", "phasing.boiler_life_weibull_shape"),
    ("isde_last_year", "year", "phasing.isde_last_year"),
    ("max_monthly_increase_eur", "EUR/month", ""),
)


def settings_table(settings: PhasingSettings, inputs: ModelInputs) -> pd.DataFrame:
    """The time path's settings as used, each with its unit, origin and source."""
    from wupmodel.params import parameter_table

    table = parameter_table()
    rows = []
    for name, unit, pid in _SETTINGS:
        value = getattr(settings, name)
        origin = inputs.scenario.origin_of(f"phasing.{name}") or inputs.scenario.origin_of(pid)
        source = str(table.at[pid, "source"]) if pid else "scenario (phasing block or targets)"
        if pid.endswith("_per_1000_dwellings"):
            if getattr(inputs.phasing, name) is not None:
                source = "scenario (phasing block)"
            else:
                per = inputs.params[pid]
                source = f"{per:g} per 1 000 dwellings of the village: {source}"
        rows.append((name, "" if value is None else str(value), unit, origin, source))
    path_source = "scenario (targets.co2_path) or the call"
    if inputs.targets.co2_path is None and dict(settings.co2_path) == co2_path(inputs):
        path_source = "packaged path: " + " | ".join(
            f"{y}: {table.at[name, 'source']}"
            for y, name in PACKAGED_PATH.items()
            if y in settings.co2_path
        )
    rows.append(
        ("co2_path", str(dict(settings.co2_path)), "reduction", "targets.co2_path", path_source)
    )
    rows.append(("works", str(dict(settings.works)), "zone: year", "phasing.works", ""))
    return pd.DataFrame(rows, columns=["setting", "value", "unit", "origin", "source"])


def _check_works(table: PhasedTable, settings: PhasingSettings) -> None:
    """Every zone with planned works is a zone of the stock."""
    base = table.base
    zones = set(np.asarray(base.heat_network_zone).astype(str)) | set(
        np.asarray(base.grid_zone).astype(str)
    )
    zones.discard("")
    for zone in settings.works:
        if zone not in zones:
            raise WupInputError(
                f"phasing.works: zone '{zone}' is not a zone of the stock; allowed: "
                f"{', '.join(sorted(zones))} (its heat-network and LV grid zones)",
                "phasing.works",
            )


def _cohorts(stock: pd.DataFrame, table: PhasedTable, settings: PhasingSettings):
    """Cohorts (table row × boiler due year) and, per stock row, its largest cohort."""
    due = boiler_cohorts(
        stock,
        table.start_year,
        settings.boiler_life_mean_years,
        settings.boiler_life_shape,
        settings.seed,
    )
    due["table_row"] = table.dwelling_row[due["row"].to_numpy()]
    cohorts = due.groupby(["table_row", "due_year"], as_index=False, sort=True)["count"].sum()
    cohorts = cohorts.rename(columns={"table_row": "row"})
    index = pd.MultiIndex.from_frame(cohorts[["row", "due_year"]])
    due["cohort"] = index.get_indexer(pd.MultiIndex.from_frame(due[["table_row", "due_year"]]))
    largest = due.sort_values(["row", "count"], ascending=[True, False]).drop_duplicates("row")
    largest = largest.sort_values("row")
    stock_rows = pd.DataFrame(
        {
            "dwelling_id": table.dwelling_ids[largest["row"].to_numpy()],
            "due_year": largest["due_year"].to_numpy(),
            "cohort": largest["cohort"].to_numpy(),
        }
    )
    return cohorts, stock_rows


def _relaxed(master: Master, kind: str) -> bool:
    """True when the CO2 path is met with the rows of ``kind`` taken away (the LP
    relaxation: collective decisions free)."""
    rows = np.flatnonzero(np.asarray(master.rows.kind) == kind)
    if not rows.size:
        return False
    master.set_row_upper(rows, np.full(rows.size, np.inf))
    sol, _ = generate(master)
    master.set_row_upper(rows, np.asarray(master.rows.upper, dtype=float)[rows])
    return sol.status == "optimal" and _shortfall(master, sol).max() <= SHORTFALL_TOL_KG


def _shortfall(master: Master, sol: LPSolution) -> np.ndarray:
    """CO2 above each milestone's cap [kg/yr]."""
    cols = master.cols
    return sol.x[cols.short0 : cols.missing0]


def _percent(path: dict[int, float]) -> str:
    return ", ".join(f"{y}: {r:.0%}" for y, r in path.items())


def _diagnose(master: Master, sol: LPSolution, prob: TimeProblem):
    """Why the CO2 path is out of reach: the reductions reachable, and which single limit,
    relaxed, brings it within reach."""
    short = _shortfall(master, sol)
    reached = prob.reductions - short / np.maximum(prob.co2_reference_kg, 1e-9)
    best = {int(y): float(r) for y, r in zip(prob.milestones, reached, strict=True)}
    asked = {int(y): float(r) for y, r in zip(prob.milestones, prob.reductions, strict=True)}
    master.set_bounds(
        master.collective_cols,
        np.zeros(master.collective_cols.size),
        master.upper_fixed[master.collective_cols],
    )
    kinds = [k for k in LIMITS if k not in ("co2", "max") and _relaxed(master, k)]
    freeing = [LIMITS[k] for k in kinds]
    s = prob.settings
    limits = {
        "installer capacity (heat pumps)": f"{s.heat_pumps_per_year:.0f} heat pumps a year",
        "installer capacity (insulation)": f"{s.insulation_jobs_per_year:.0f} jobs a year",
        "yearly budget": f"EUR {s.budget_eur_per_year or 0:,.0f} a year",
    }
    if freeing:
        named = "; ".join(f"{f} ({limits[f]})" if f in limits else f for f in freeing)
        why = f"Binding: {named}; relaxing it alone makes the path reachable."
    else:
        why = (
            "Relaxing a single limit (installer capacity, budget, grid, notice) is not enough; "
            "the options cannot reach the path by those years."
        )
    message = (
        f"No plan meets the CO2 path ({_percent(asked)} less CO2 than keeping gas). "
        f"The best reachable path is {_percent(best)}. {why}"
    )
    return message, best, tuple(kinds)


def _search(master: Master, settings: PhasingSettings, offset: float) -> SearchResult:
    """The plan: whole dwellings, or groups with whole collective decisions."""
    run = price_and_branch if settings.per_dwelling else branch_and_price
    return run(master, settings.time_limit_s, settings.mip_gap, offset=offset)


def _phasing(
    master: Master, result: SearchResult, stock_rows: pd.DataFrame, status: str
) -> Phasing:
    """The plan's tables from the search's best solution."""
    prob = master.prob
    sol = result.solution
    binding = binding_table(master, sol)
    cols = master.cols
    penalty = float(
        np.dot(master.cost_fixed[cols.short0 : cols.built0], sol.x[cols.short0 : cols.built0])
    )
    sw = switches(master, sol)
    built, reinforced = collective_years(master, sol)
    return Phasing(
        status=status,
        perspective=prob.settings.perspective,
        step=prob.settings.step,
        objective_eur=prob.reference_eur + sol.objective - penalty,
        reference_eur=prob.reference_eur,
        bound_eur=prob.reference_eur + result.bound,
        gap=result.gap,
        years=tuple(int(y) for y in prob.table.years),
        yearly=yearly_table(prob, sw, binding),
        zones=zone_table(prob, sw, built, reinforced),
        dwellings=dwelling_table(prob, sw, built, stock_rows),
        binding=binding,
        best_path={int(y): float(r) for y, r in zip(prob.milestones, prob.reductions, strict=True)},
        co2_path=dict(prob.settings.co2_path),
        notices=list(result.notes),
    )


# long because it is the public verb: each keyword is a user-facing option (the CLI's flags, the
# app's controls) that callers pass by name
def phase(
    stock: pd.DataFrame | None = None,
    scenario: Scenario | ModelInputs | None = None,
    *,
    per_dwelling: bool = False,
    step: int | None = None,
    time_limit_s: float | None = None,
    mip_gap: float | None = None,
    **overrides: Any,
) -> Phasing:
    """The plan over the years: who switches when, each zone's network and reinforcement year.

    Parameters
    ----------
    stock
        A validated stock (``boiler_year`` used where given).
    scenario
        The scenario, or its :class:`~wupmodel.inputs.ModelInputs` (default: the packaged
        one); its ``phasing:`` block and ``targets.co2_path`` set the limits (a null path is
        the packaged one: 27 % less CO2 in 2030, 56 % in 2040, 84 % in 2050).
    per_dwelling
        One whole choice per dwelling (MILP) instead of shares per group.
    step
        Years per step, 1 or 5 (default: the scenario's).
    time_limit_s, mip_gap
        Limits of the search: seconds, and the relative gap (of the plan's cost) within which
        a plan counts as optimal (default :data:`~wupmodel.phasing.search.MIP_GAP`).
    **overrides
        Any :class:`~wupmodel.phasing.settings.PhasingSettings` field, e.g.
        ``heat_pumps_per_year=30``, ``co2_path={2030: 0.3, 2050: 0.9}``,
        ``budget_eur_per_year=2e5``.

    Returns
    -------
    Phasing
        The plan, or (``status == 'infeasible'``) why the CO2 path is out of reach.

    Examples
    --------
    >>> import wupmodel as wm
    >>> scenario = wm.load_scenario()
    >>> plan = wm.phase(wm.stock_for(scenario), scenario, step=5)
    >>> plan.status, plan.years[0], plan.years[-1]
    ('optimal', 2026, 2050)
    """
    t0 = time.perf_counter()
    if stock is None:
        raise WupInputError("phase: give a stock (wupmodel.stock_for(scenario) for the village)")
    inputs = as_inputs(scenario)
    dwellings = float(stock["count"].sum()) if "count" in stock else float(len(stock))
    settings = phasing_settings(
        inputs,
        dwellings,
        step=step,
        per_dwelling=per_dwelling or None,
        time_limit_s=time_limit_s,
        mip_gap=mip_gap,
        **overrides,
    )
    validate_settings(settings, inputs.start_year, inputs.end_year)
    periods = period_starts(inputs.start_year, inputs.end_year, settings.step)
    table = phased_table(stock, inputs, periods, settings)
    _check_works(table, settings)
    cohorts, stock_rows = _cohorts(stock, table, settings)
    t1 = time.perf_counter()
    prob = time_problem(table, cohorts, settings)
    master = Master(prob)
    result = _search(master, settings, prob.reference_eur)
    t2 = time.perf_counter()
    timings = {"table_s": t1 - t0, "search_s": t2 - t1, "lp_solves": float(master.lp_solves)}
    if result.solution is None:
        message = f"the search ended without a plan ({result.status})"
        return Phasing(status=result.status, message=message, timings=timings)
    short = _shortfall(master, result.solution)
    if short.max(initial=0.0) > SHORTFALL_TOL_KG:
        out = _phasing(master, result, stock_rows, "infeasible")
        message, best, kinds = _diagnose(master, result.solution, prob)
        out.message, out.best_path, out.limiting, out.timings = message, best, kinds, timings
        out.assumptions = settings_table(settings, inputs)
        return out
    gap_ok = result.gap <= (MIP_GAP if settings.mip_gap is None else settings.mip_gap) + 1e-12
    status = "optimal" if result.status in ("optimal", "feasible") and gap_ok else "feasible"
    out = _phasing(master, result, stock_rows, status)
    out.assumptions = settings_table(settings, inputs)
    timings["total_s"] = time.perf_counter() - t0
    out.timings = {**timings, "nodes": float(result.nodes), "rounds": float(result.rounds)}
    if prob.pairs_dropped:
        out.notices.append(
            f"{prob.pairs_dropped} dwelling × option pairs left out: another option of the "
            "same kind is as good in every year and figure"
        )
    return out

"""From evaluated outcomes and a scenario to an optimised village plan.

:func:`optimise` is the public entry point: it evaluates the stock (or takes outcomes already
evaluated), turns them into the optimiser's :class:`~wupmodel.optimise.problem.OptionTable`,
maps the scenario's targets onto :class:`~wupmodel.optimise.problem.OptimiseSettings` and
solves.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd

from wupmodel.criteria import Weights, check_limits, indicators
from wupmodel.errors import WupInputError
from wupmodel.evaluate import evaluate
from wupmodel.gridpeak import peak_from_hours, zone_peaks
from wupmodel.inputs import ModelInputs, as_inputs
from wupmodel.optimise.grid_hours import hour_loads, solve_with_hours
from wupmodel.optimise.limits import apply_limits, weighted_objective
from wupmodel.optimise.pareto import pareto_front
from wupmodel.optimise.plan import Plan
from wupmodel.optimise.problem import (
    HEAT_NETWORK_SYSTEMS,
    HeatNetwork,
    OptimiseSettings,
    OptionTable,
)
from wupmodel.optimise.solve import solve
from wupmodel.outcomes import Outcomes
from wupmodel.scenario import Scenario
from wupmodel.survey import SurveyTargets, survey_label, survey_stock, survey_targets
from wupmodel.village import default_strategies, strategy_choice
from wupmodel.vocabulary import HEATING_SYSTEMS

#: Zone name for dwellings when the stock has no heat-network zones at all (then every
#: dwelling may join, as :func:`wupmodel.evaluate.evaluate` assumes too).
VILLAGE_ZONE = "village"


def option_table(
    outcomes: Outcomes,
    horizon_years: int,
    per_dwelling: bool = False,
    fixed: Mapping[str, str] | None = None,
) -> OptionTable:
    """The optimiser's input from evaluated outcomes (money outputs required).

    Parameters
    ----------
    outcomes
        Evaluated with ``money=True``.
    horizon_years
        Years to the horizon (for the cumulative CO2 basis).
    per_dwelling
        One row per input row (dwelling, or a grouped input row with its ``count``) instead of
        one per group of identical dwellings.
    fixed
        Options households already chose: dwelling_id -> option id (e.g. ``standard+air_hp``)
        or option number (its place in the catalogue, from 0; needs ``per_dwelling`` rows). An
        unknown dwelling or option, or an option not feasible for that dwelling, is a
        :class:`~wupmodel.errors.WupInputError`.
    """
    if per_dwelling:
        rows = outcomes.dwelling_group
        ids = outcomes.dwelling_ids.astype(str)
        count = outcomes.dwelling_count.astype(float)
    else:
        rows = np.arange(outcomes.n_groups)
        ids = outcomes.groups["group_id"].astype(str).to_numpy()
        count = outcomes.counts

    def a(name: str) -> np.ndarray:
        return np.ascontiguousarray(outcomes[name][rows])

    groups = outcomes.groups
    zone = groups["heat_network_zone"].astype(object).where(groups["heat_network_zone"].notna(), "")
    zone = zone.astype(str).to_numpy()
    if (zone == "").all():
        zone = np.full(zone.shape, VILLAGE_ZONE)
    cat = outcomes.catalogue
    return OptionTable(
        group_id=ids,
        count=count,
        option_id=cat.option_ids,
        heating=np.asarray(HEATING_SYSTEMS)[cat.heating],
        feasible=a("feasible"),
        annual_cost_eur={
            "national": a("national_annual_cost_eur"),
            "end_user": a("end_user_annual_cost_eur"),
        },
        capex_eur=a("capex_eur"),
        subsidy_eur=a("subsidy_eur"),
        co2_kg=a("co2_kg"),
        co2_cum_kg=a("co2_cum_kg"),
        peak_kw=a("peak_kw"),
        electricity_kwh=a("electricity_demand_kwh"),
        pv_kwh=a("pv_kwh"),
        heat_gj=a("heat_gj"),
        gas_m3=a("gas_m3"),
        monthly_cost_change_eur=a("monthly_cost_change_eur"),
        reference_option=np.full(rows.size, cat.reference_index),
        heat_network_zone=zone[rows],
        grid_zone=groups["grid_zone"].astype(str).to_numpy()[rows],
        fixed_option=_fixed_options(fixed or {}, ids, cat.option_ids, a("feasible")),
        horizon_years=horizon_years,
    )


def _fixed_options(
    fixed: Mapping[str, str], ids: np.ndarray, option_ids: np.ndarray, feasible: np.ndarray
) -> np.ndarray:
    """Option index per row for households that already chose (-1 = free)."""
    out = np.full(ids.size, -1)
    if not fixed:
        return out
    row_of = {d: i for i, d in enumerate(ids)}
    option_of = {o: j for j, o in enumerate(option_ids)}
    # an option by its number in the catalogue's (grid) order as well as by its id
    option_of.update({str(j): j for j in range(len(option_ids))})
    unknown = [str(d) for d in fixed if str(d) not in row_of]
    if unknown:
        shown = ", ".join(repr(d[:40]) for d in unknown[:5])
        more = f" and {len(unknown) - 5} more" if len(unknown) > 5 else ""
        raise WupInputError(
            f"fixed choices: {len(unknown)} dwelling(s) not in the stock: {shown}{more}; "
            "give the stock's dwelling_id"
        )
    for dwelling, option in fixed.items():  # a handful of households, not a hot path
        option = str(option).strip()
        if option not in option_of:
            names = [str(o) for o in option_ids]
            close = difflib.get_close_matches(option, names, n=3, cutoff=0.6)
            hint = (
                f"close matches: {', '.join(close)}"
                if close
                else f"no close match; options read like '{names[-1]}' "
                "(insulation+heating+pv+solar water heater) or their number from 0"
            )
            raise WupInputError(
                f"fixed choices: '{option[:80]}' (dwelling '{str(dwelling)[:80]}') is not an "
                f"option; {hint}"
            )
        i, j = row_of[str(dwelling)], option_of[option]
        if not feasible[i, j]:
            raise WupInputError(
                f"fixed choices: option '{option}' is not feasible for dwelling '{dwelling}'"
            )
        out[i] = j
    return out


def prune_dominated(table: OptionTable, settings: OptimiseSettings) -> tuple[OptionTable, int]:
    """Mark options that cannot be in any optimum as infeasible; returns the table and the count.

    Within one class of heating systems (each heat-network system, and each system with an
    installation limit, on its own; all other individual systems together — so participation
    and installation limits are untouched), option j of a dwelling is dropped when another
    feasible option k of the same dwelling is at least as good in every figure a constraint or
    the objective uses — cost in the chosen perspective, CO2 on the chosen basis (first year or
    cumulative), peak (or the load at every candidate row of an hourly grid constraint in the
    dwelling's zone), and, when those constraints are set, the budget figure, the monthly cost
    change, and electricity use and PV production — and strictly better in one (exact ties keep
    the first). Any plan using j can move those
    dwellings to k without breaking a constraint or raising the objective, so the optimum is
    unchanged; the model just gets smaller. The reference option and households' fixed options
    are never dropped.
    """
    dims = [
        table.objective_cost_eur(settings.perspective),
        table.co2_kg if settings.co2_basis == "first_year" else table.co2_cum_kg,
    ]
    if table.grid_rows is None:
        dims.append(table.peak_kw)
    else:
        dims += _grid_row_dims(table)
    if settings.budget_eur is not None:
        dims.append(
            table.subsidy_eur
            if settings.budget_basis == "subsidy"
            else table.capex_eur - table.subsidy_eur
        )
    if settings.max_monthly_increase_eur is not None:
        dims.append(table.monthly_cost_change_eur)
    if settings.energy_neutral_share is not None:
        dims += [table.electricity_kwh, -table.pv_kwh]
    dims = [np.asarray(d, dtype=float) for d in dims]  # D arrays of (G, O)
    feasible = table.feasible.copy()
    n_before = int(feasible.sum())
    # Compare within classes the constraints treat alike: each heat-network system and each
    # system with an installation limit on its own, all other individual systems together.
    limited = set(settings.max_installations) | set(HEAT_NETWORK_SYSTEMS)
    classes = np.where(np.isin(table.heating, list(limited)), table.heating, "individual")
    for cls in np.unique(classes):
        cols = np.flatnonzero(classes == cls)
        ok = table.feasible[:, cols]
        # better_eq[g, k, j]: option k is at least as good as j in every figure; one figure
        # at a time (a reduction over a short last axis is several times slower).
        n = cols.size
        better_eq = np.broadcast_to(ok[:, :, None], (ok.shape[0], n, n)).copy()
        strictly = np.zeros_like(better_eq)
        for d in dims:
            v = d[:, cols]
            vk, vj = v[:, :, None], v[:, None, :]
            better_eq &= vk <= vj
            strictly |= vk < vj
        first = np.arange(n)[:, None] < np.arange(n)[None, :]
        dominates = better_eq & (strictly | first[None, :, :])
        dominates[:, np.arange(cols.size), np.arange(cols.size)] = False
        feasible[:, cols] &= ~dominates.any(axis=1)
    # The reference and households' fixed options stay (the model refers to them).
    for keep in (np.asarray(table.reference_option), np.asarray(table.fixed_option)):
        rows = np.flatnonzero(keep >= 0)
        feasible[rows, keep[rows]] = table.feasible[rows, keep[rows]]
    return replace(table, feasible=feasible), n_before - int(feasible.sum())


def _grid_row_dims(table: OptionTable) -> list[np.ndarray]:
    """The load at every candidate row of the hourly grid constraint in each group's own zone,
    as (G, O) figures: the k-th row of the group's zone (its last row where a zone has fewer)."""
    gr = table.grid_rows
    coef = np.asarray(gr.coef, dtype=float)
    row_zone = np.asarray(gr.zone).astype(str)
    group_zone = np.asarray(table.grid_zone).astype(str)
    zone_rows = {z: np.flatnonzero(row_zone == z) for z in np.unique(group_zone)}
    n_dims = max((r.size for r in zone_rows.values()), default=0)
    if n_dims == 0:
        return []
    pick = np.zeros((group_zone.size, n_dims), dtype=np.intp)
    for z, r in zone_rows.items():  # the grid zones, a handful
        if r.size:
            pick[group_zone == z] = r[np.minimum(np.arange(n_dims), r.size - 1)]
    g = np.arange(group_zone.size)[:, None]
    return [coef[g, :, pick[:, [k]]][:, 0, :] for k in range(n_dims)]


def settings_for(inputs: ModelInputs, **overrides: Any) -> OptimiseSettings:
    """Optimiser settings: packaged collective defaults, the scenario's targets, then overrides
    (``None`` values in ``overrides`` are ignored)."""
    t = inputs.targets
    # collective investments annualised over the scenario's horizon at its social rate, as
    # the dwellings' own national costs are
    settings = OptimiseSettings.from_params(
        inputs.params, horizon_years=inputs.horizon_years, social_rate=inputs.social_rate
    )
    changes: dict[str, Any] = {
        "perspective": t.perspective,
        "co2_reduction": t.co2_reduction,
        "co2_basis": t.co2_basis,
        "budget_eur": t.budget_eur,
        "energy_neutral_share": t.energy_neutral_share,
        "max_monthly_increase_eur": t.max_monthly_cost_increase_eur,
        "max_installations": dict(t.max_installations),
    }
    if t.heat_network_min_participation is not None and settings.heat_network_default is not None:
        changes["heat_network_default"] = replace(
            settings.heat_network_default, min_participation=t.heat_network_min_participation
        )
    changes.update({k: v for k, v in overrides.items() if v is not None})
    return replace(settings, **changes)


# long because it is the public verb: each keyword is a user-facing option (the CLI's flags, the
# app's controls) that callers pass by name; bundling them would change every call
def optimise(
    stock: pd.DataFrame | None = None,
    scenario: Scenario | ModelInputs | None = None,
    *,
    outcomes: Outcomes | None = None,
    per_dwelling: bool = False,
    pareto: int = 0,
    prune: bool = True,
    fixed: Mapping[str, str] | None = None,
    survey: pd.DataFrame | None = None,
    limits: Sequence[str] | None = None,
    weights: Mapping[str, float] | Weights | None = None,
    **overrides: Any,
) -> Plan:
    """The cheapest village mix under the scenario's targets (and a Pareto front on request).

    Parameters
    ----------
    stock
        A validated stock (ignored when ``outcomes`` is given).
    scenario
        The scenario, or its :class:`~wupmodel.inputs.ModelInputs` (default: the packaged one).
    outcomes
        Outcomes already evaluated with money (saves the evaluation).
    per_dwelling
        One binary choice per dwelling (MILP) instead of shares per group.
    pareto
        Number of cost–CO2 Pareto points to trace (0 = none).
    prune
        Drop dominated options before solving (:func:`prune_dominated`; same optimum, smaller
        model).
    fixed
        Options households already chose (dwelling_id -> option_id); the table then has one row
        per dwelling (shares or binaries as ``per_dwelling`` says).
    survey
        A survey from :func:`wupmodel.io.load_survey`: its choices are fixed as ``fixed`` is
        (a *yes* to the heat network -> the dwelling's cheapest heat-network option, a planned
        heat pump -> its cheapest heat-pump option; a dwelling in both with different options
        is an error), and each zone's minimum heat-network participation becomes at least the
        share of its dwellings that said yes (:func:`wupmodel.survey.survey_targets`; a higher
        minimum from the scenario or the parameters stays). The plan's notices say which choices and
        minima came from the survey. When the stock is evaluated here, *already insulated:
        yes* makes the dwelling's current state the standard insulation level
        (:func:`wupmodel.survey.survey_stock`).
    limits
        Limits on the well-being criteria, added to the scenario's ``targets.limits``:
        ``noise`` (no outdoor unit above the noise limit without a screen; a screen's cost is
        added where one suffices) and ``overheating`` (no worse summer overheating than
        today); the options they rule out are marked infeasible before the solve and the
        plan's notices say how many (:func:`wupmodel.optimise.limits.apply_limits`).
    weights
        The village's weights (criterion -> weight, :mod:`wupmodel.criteria`): minimise cost
        plus the weighed criteria instead of cost alone
        (:func:`wupmodel.optimise.limits.weighted_objective`); the plan's costs stay true costs.
    **overrides
        Any :class:`~wupmodel.optimise.problem.OptimiseSettings` field, e.g. ``co2_reduction=0.6``,
        ``budget_eur=5e6``, ``perspective="end_user"``, ``solver="cbc"``.

    Returns
    -------
    Plan
        The plan; ``plan.pareto_front`` holds the Pareto points (empty unless ``pareto`` > 0).

    Examples
    --------
    >>> import wupmodel as wm
    >>> scenario = wm.load_scenario()
    >>> plan = wm.optimise(wm.stock_for(scenario), scenario, co2_reduction=0.6)
    >>> str(plan.status), round(plan.co2_reduction, 2)
    ('optimal', 0.6)
    """
    inputs = as_inputs(scenario)
    if outcomes is None:
        outcomes = _evaluated(stock, inputs, survey)
    from_survey = None if survey is None else _from_survey(survey, outcomes, fixed)
    if from_survey is not None:
        fixed = {**(fixed or {}), **from_survey.choices}
    rows_per_dwelling = per_dwelling or bool(fixed)
    table = option_table(
        outcomes, inputs.horizon_years, per_dwelling=rows_per_dwelling, fixed=fixed
    )
    settings = settings_for(inputs, per_dwelling=per_dwelling, **overrides)
    rows = outcomes.dwelling_group if rows_per_dwelling else np.arange(outcomes.n_groups)
    table, criteria_notes = _criteria_terms(
        table, outcomes, inputs, (*inputs.targets.limits, *(limits or ())), weights, settings, rows
    )
    survey_notes: list[str] = []
    if from_survey is not None:
        settings, minimum_notes = _survey_minimum(
            settings, from_survey.min_participation, survey.attrs.get("source", "survey")
        )
        survey_notes = from_survey.notices + minimum_notes
    plan, table = _solve(table, settings, outcomes, inputs, prune, rows)
    plan.notices = survey_notes + criteria_notes + list(plan.notices)
    if plan.has_solution:
        plan.dwellings = plan_per_dwelling(plan, outcomes, per_dwelling_rows=rows_per_dwelling)
    if pareto > 0:
        plan.pareto_front = pareto_front(table, settings, n_points=pareto)
    return plan


# long because it hands the caller's choices (pruning, the table's rows) to both grid paths
def _solve(
    table: OptionTable,
    settings: OptimiseSettings,
    outcomes: Outcomes,
    inputs: ModelInputs,
    prune: bool,
    group_of_row: np.ndarray,
) -> tuple[Plan, OptionTable]:
    """Solve, with the grid constraint from the hours of the design year where the zone peaks
    come from the hours (:mod:`wupmodel.optimise.grid_hours`), else after diversity.

    A plan per dwelling keeps the grid after diversity (the design-day peaks times the
    simultaneity curve): issue 24's exact search proves its plan in seconds with it, while with
    the hours' grid rows its cores took minutes without a proof (docs/hourly.md)."""

    constrained = bool(settings.grid_capacity_kw) or (
        settings.grid_capacity_kw_per_dwelling is not None
    )
    # the hours' rows unless grid.optimise_from_hours = 0 (the design-day peaks after diversity)
    hours = (
        constrained
        and peak_from_hours(inputs.params)
        and inputs.params["grid.optimise_from_hours"] >= 0.5
    )

    def run(t: OptionTable) -> Plan:
        return solve(prune_dominated(t, settings)[0] if prune else t, settings)

    if hours and settings.per_dwelling:
        plan = run(table)
        plan.notices.append(
            "per dwelling the grid constraint is the design-day peaks after diversity "
            "(grid.simultaneity_asymptote), not the hours of the design year: the exact search "
            "cannot yet prove a plan with the hours' grid rows; plan by groups for the hours"
        )
        return plan, table
    if not hours:
        return run(table), table
    loads = hour_loads(outcomes, group_of_row, inputs.params)
    return solve_with_hours(table, settings, loads, _first_hours(outcomes, inputs), run)


def _first_hours(outcomes: Outcomes, inputs: ModelInputs) -> list[int]:
    """The candidate hours to start from: every packaged strategy's peak hour in each zone."""
    hours = set()
    for strategy in default_strategies():  # six strategies
        peaks = zone_peaks(outcomes, strategy_choice(outcomes, strategy), inputs.params)
        hours |= {int(h) for h in peaks.peak_hour if h >= 0}
    return sorted(hours)


def _criteria_terms(
    table: OptionTable,
    outcomes: Outcomes,
    inputs: ModelInputs,
    limits: Sequence[str],
    weights: Mapping[str, float] | Weights | None,
    settings: OptimiseSettings,
    rows: np.ndarray,
) -> tuple[OptionTable, list[str]]:
    """The table with the well-being limits applied and the weighted objective added."""
    limits = check_limits(limits)
    if not limits and weights is None:
        return table, []
    ind = indicators(outcomes, inputs.params)
    notes: list[str] = []
    if limits:
        table, notes = apply_limits(table, outcomes, inputs, ind, limits, rows)
    if weights is not None:
        table, more = weighted_objective(
            table, outcomes, inputs, ind, weights, settings.perspective, rows
        )
        notes += more
    return table, notes


def _evaluated(
    stock: pd.DataFrame | None, inputs: ModelInputs, survey: pd.DataFrame | None
) -> Outcomes:
    """The stock evaluated with money; a survey's *already insulated: yes* first makes those
    dwellings' current state the standard insulation level."""
    if stock is None:
        raise ValueError("give a stock or outcomes")
    if survey is not None:
        stock = survey_stock(stock, survey)
    return evaluate(stock, inputs, irr=False)


def _from_survey(
    survey: pd.DataFrame, outcomes: Outcomes, fixed: Mapping[str, str] | None
) -> SurveyTargets:
    """The survey's choices and minimum participation, with a notice when it has *already
    insulated* answers that the outcomes given were evaluated without."""
    from_survey = survey_targets(survey, outcomes, fixed=fixed, no_zone=VILLAGE_ZONE)
    said_insulated = "already_insulated" in survey and bool(
        (survey["already_insulated"] == 1.0).any()
    )
    if said_insulated and "already_insulated" not in outcomes.groups:
        from_survey.notices.append(
            f"{survey_label(survey.attrs.get('source', 'survey'))}: 'already insulated' "
            "answers not in the outcomes given; evaluate "
            "wupmodel.survey.survey_stock(stock, survey)"
        )
    return from_survey


def _survey_minimum(
    settings: OptimiseSettings, minimum: Mapping[str, float], source: str
) -> tuple[OptimiseSettings, list[str]]:
    """Settings with each zone's minimum heat-network participation raised to the survey's
    yes-share, and the notices that say so."""
    networks: dict[str, HeatNetwork] = dict(settings.heat_networks)
    notes = []
    label = survey_label(source)
    for zone, share in sorted(minimum.items()):
        base = networks.get(zone, settings.heat_network_default)
        if base is None:
            notes.append(
                f"{label}: zone '{zone}' has no heat-network settings; its yes-share "
                f"{share:.0%} is not applied as a minimum"
            )
            continue
        networks[zone] = replace(base, min_participation=max(float(base.min_participation), share))
        kept = (
            ""
            if share >= base.min_participation
            else f"; the minimum {base.min_participation:.0%} already set is higher and stays"
        )
        notes.append(
            f"{label}: minimum heat-network participation in zone '{zone}' if built "
            f"{networks[zone].min_participation:.1%} (the survey's yes-share {share:.1%}{kept})"
        )
    return replace(settings, heat_networks=networks), notes


def plan_per_dwelling(plan: Plan, outcomes: Outcomes, per_dwelling_rows: bool) -> pd.DataFrame:
    """The plan expanded to the stock's dwellings: one row per input dwelling × option it takes.

    A group's shares apply to each of its dwellings (an LP may split a group of identical
    dwellings over options: ``share`` says which part takes which). Options are spelled out as
    insulation level, heating system, PV and solar water heater; ``dwellings`` is the input
    row's ``count`` × ``share``, so the column sums to the plan's dwellings per option.
    """
    rows = np.arange(outcomes.dwelling_ids.size) if per_dwelling_rows else outcomes.dwelling_group
    shares = np.asarray(plan.shares)[rows]
    option_index = {o: j for j, o in enumerate(outcomes.catalogue.option_ids)}
    plan_options = np.array([option_index[o] for o in plan.option_id])  # table column -> catalogue
    dwelling, column = np.nonzero(shares > 1e-9)
    option = plan_options[column]
    cat = outcomes.catalogue.to_frame()
    frame = pd.DataFrame(
        {
            "dwelling_id": outcomes.dwelling_ids[dwelling].astype(str),
            "option_id": cat["option_id"].to_numpy()[option],
            "insulation": cat["insulation"].to_numpy()[option],
            "heating": cat["heating"].to_numpy()[option],
            "pv": cat["pv"].to_numpy()[option],
            "solar_water_heater": cat["solar_thermal"].to_numpy()[option],
            "share": shares[dwelling, column],
            "dwellings": outcomes.dwelling_count[dwelling] * shares[dwelling, column],
        }
    )
    return frame

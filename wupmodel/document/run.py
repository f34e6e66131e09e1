"""One run for the document: every result the chapters are read from, computed once.

:class:`DocumentRun` holds the evaluation and its tables, the optimised plan (with each
household's row), the cooperative's business case, the survey, the uncertainty sweep where the
scenario has ranges, and the results of capabilities that later issues add (the time path,
the village's weighing, the hourly grid): ``None`` while the model does not have them, and the
chapters say so.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from wupmodel.coop import BusinessCase, business_case
from wupmodel.criteria import criteria
from wupmodel.errors import WupInputError
from wupmodel.evaluate import evaluate
from wupmodel.hours import hourly
from wupmodel.inputs import ModelInputs, as_inputs
from wupmodel.optimise import Plan, optimise
from wupmodel.outcomes import Outcomes
from wupmodel.phasing import phase
from wupmodel.scenario import Scenario
from wupmodel.summary import summarise
from wupmodel.uncertainty import SweepResult, distributions, household_risk, sweep, tornado

__all__ = [
    "DocumentRun",
    "DEFAULT_CO2_REDUCTION",
    "PAYS_MORE_EUR",
    "RISK_SAMPLES",
    "run_for_document",
]

#: the plan's CO2 target when the scenario sets none (as the app's Plan page)
DEFAULT_CO2_REDUCTION = 0.6
#: a household pays more when its monthly costs rise by more than this (EUR/month), as in the
#: strategy summary's ``share_paying_more``
PAYS_MORE_EUR = 1.0
#: samples of the uncertainty sweep behind the risks chapter
RISK_SAMPLES = 64


@dataclass
class Capability:
    """A result of a capability of the model, or why it is not there."""

    name: str
    result: Any = None
    available: bool = False


@dataclass
class DocumentRun:
    """Every result the document is read from (see the module docstring)."""

    inputs: ModelInputs
    stock: pd.DataFrame
    outcomes: Outcomes
    tables: dict[str, pd.DataFrame]
    plan: Plan
    plan_rows: pd.DataFrame
    co2_target: float
    co2_target_origin: str
    case: BusinessCase | None
    case_origin: str
    survey: pd.DataFrame | None = None
    risk: dict[str, pd.DataFrame] | None = None
    risk_origin: str = ""
    phasing: Capability = field(default_factory=lambda: Capability("phasing"))
    criteria: Capability = field(default_factory=lambda: Capability("criteria"))
    hourly: Capability = field(default_factory=lambda: Capability("hourly"))
    village_name: str = ""

    @property
    def village(self) -> str:
        """The village's name: as the provenance names it (an uploaded file), else the
        scenario's."""
        return self.village_name or self.scenario.village.name

    @property
    def scenario(self) -> Scenario:
        return self.inputs.scenario

    @property
    def dwellings(self) -> float:
        return float(self.outcomes.counts.sum())

    @property
    def summary(self) -> pd.DataFrame:
        return self.tables["summary"]

    def strategy(self, name: str) -> pd.Series:
        """One row of the strategy summary."""
        return self.summary.set_index("strategy").loc[name]


def check_survey(survey: pd.DataFrame, stock: pd.DataFrame) -> None:
    """A survey must name the stock's dwellings: one clear message (first row, how many)."""
    source = survey.attrs.get("source", "survey")
    ids = set(stock["dwelling_id"].astype(str))
    unknown = survey.loc[~survey["dwelling_id"].astype(str).isin(ids)]
    if not unknown.empty:
        row = unknown["row"].iloc[0] if "row" in unknown else unknown.index[0] + 2
        raise WupInputError(
            f"{source}: row {row}: dwelling '{unknown['dwelling_id'].iloc[0]}' is not in the"
            f" stock ({len(unknown)} of {len(survey)} survey rows name dwellings the stock does"
            " not have); the survey does not match these dwellings",
            source,
            code="survey_unknown_dwelling",
        )


def plan_rows(plan: Plan, outcomes: Outcomes) -> pd.DataFrame:
    """Every dwelling under the plan: its option (one row per option it takes a share of),
    type, construction year, tenure, zones and first-year money.

    Columns ``dwelling_id``, ``option_id``, ``heating``, ``insulation``, ``dwellings`` (the
    row's weight: count x share), ``dwelling_type``, ``construction_year``, ``tenure``,
    ``heat_network_zone``, ``grid_zone``, ``monthly_cost_change_eur``, ``capex_eur``,
    ``subsidy_eur``, ``loan_payment_eur_per_month``, ``bill_year1_eur``,
    ``monthly_cost_year1_eur``.
    """
    rows = plan.dwellings.copy() if plan.dwellings is not None else pd.DataFrame()
    if rows.empty:
        return rows
    ids = pd.Index(np.asarray(outcomes.dwelling_ids).astype(str))
    at = ids.get_indexer(rows["dwelling_id"].astype(str))
    group = outcomes.dwelling_group[at]
    option = pd.Index(outcomes.catalogue.option_ids).get_indexer(rows["option_id"].astype(str))
    groups = outcomes.groups
    for col in ("dwelling_type", "construction_year", "tenure", "heat_network_zone", "grid_zone"):
        if col in groups:
            rows[col] = groups[col].astype(object).to_numpy()[group]
    for name in (
        "monthly_cost_change_eur",
        "capex_eur",
        "subsidy_eur",
        "loan_payment_eur_per_month",
        "bill_year1_eur",
        "monthly_cost_year1_eur",
    ):
        if name in outcomes.arrays:
            rows[name] = outcomes[name][group, option]
    return rows


def _co2_target(inputs: ModelInputs, co2_reduction: float | None) -> tuple[float, str]:
    if co2_reduction is not None:
        return float(co2_reduction), "given"
    if inputs.scenario.targets.co2_reduction is not None:
        return float(inputs.scenario.targets.co2_reduction), "scenario"
    return DEFAULT_CO2_REDUCTION, "default"


def _case(
    stock: pd.DataFrame,
    inputs: ModelInputs,
    outcomes: Outcomes,
    plan: Plan,
    survey: pd.DataFrame | None,
    coop: Mapping[str, Any],
) -> tuple[BusinessCase | None, str]:
    """The cooperative's case: for the zone whose heat network the plan builds, at the plan's
    participation; otherwise for the village's heat-network zone at what its households would
    choose (or the survey, or the participation asked), and for the whole zone when none of them
    would join. None when no dwelling lies in a zone
    where a heat network may come."""
    zones = stock["heat_network_zone"] if "heat_network_zone" in stock else None
    if zones is None or not zones.notna().any():
        return None, "no_zone"
    changes = dict(coop)
    built = [z for z, b in plan.heat_network_built.items() if b] if plan.has_solution else []
    if built and "zone" not in changes:
        zone = built[0]
        changes["zone"] = zone
        share = plan.heat_network_participation.get(zone)
        if share is not None and math.isfinite(share) and "participation" not in changes:
            changes["participation"] = float(share)
        origin = "plan"
    elif "participation" in changes:
        origin = "given"
    else:
        origin = "survey" if survey is not None else "alternatives"
    case = business_case(stock, inputs, outcomes=outcomes, survey=survey, **changes)
    if case.connections < 0.5 and origin in ("survey", "alternatives"):
        # nobody would join: the case of the whole zone shows what a network can do at best
        changes["participation"] = 1.0
        case = business_case(stock, inputs, outcomes=outcomes, survey=survey, **changes)
        origin = "whole_zone"
    return case, origin


def _risk(
    stock: pd.DataFrame, inputs: ModelInputs, ranges: Scenario | None, strategy: str
) -> tuple[dict[str, pd.DataFrame] | None, str]:
    """The uncertainty sweep behind the risks chapter (None when there are no ranges)."""
    scenario = inputs.scenario
    origin = "scenario"
    if not scenario.uncertainty.parameters:
        if ranges is None or not ranges.uncertainty.parameters:
            return None, "none"
        scenario = scenario.model_copy(update={"uncertainty": ranges.uncertainty})
        origin = "ranges"
    result: SweepResult = sweep(stock, scenario, samples=RISK_SAMPLES, per_household=True)
    oat = sweep(stock, scenario, method="oat")
    figures = {
        "household": household_risk(result),
        "national": distributions(result, "national_extra_eur_per_yr"),
        "monthly": distributions(result, "monthly_cost_change_avg_eur"),
        "tornado": tornado(oat, "national_extra_eur_per_yr", strategy=strategy),
    }
    return figures, origin


def main_strategy(plan: Plan, summary: pd.DataFrame) -> str:
    """The default strategy closest to the plan: the one of the heating system most dwellings
    take that is not the gas boiler (the all-electric air heat pump when none switch)."""
    by = {k: v for k, v in plan.dwellings_by_heating.items() if k != "gas_boiler" and v > 0}
    heating = max(by, key=by.get) if by else "air_hp"
    match = summary.loc[summary["heating"] == heating, "strategy"]
    return str(match.iloc[0]) if len(match) else str(summary["strategy"].iloc[-1])


def _hourly(run: DocumentRun, stock: pd.DataFrame, given: Mapping[str, Any]) -> Capability:
    """The hourly grid pass (:func:`wupmodel.hourly`, issue 21) as plain data (its report's
    ``to_json_dict()``): the one given, else computed on the run's evaluation for today and the
    plan's main strategy (the two the chapter compares)."""
    if "hourly" in given:
        hours = given["hourly"]
    else:
        chosen = list(dict.fromkeys(["reference", main_strategy(run.plan, run.summary)]))
        hours = hourly(stock, run.inputs, strategies=chosen, outcomes=run.outcomes)
    if hours is not None and not isinstance(hours, Mapping):
        hours = hours.to_json_dict()
    return Capability("hourly", hours, hours is not None)


def _later_capabilities(run: DocumentRun, stock: pd.DataFrame, given: Mapping[str, Any]) -> None:
    """The time path (:func:`wupmodel.phase`), the weighing (:func:`wupmodel.criteria`) and the
    hourly grid (:func:`_hourly`)."""
    run.hourly = _hourly(run, stock, given)
    if "phasing" in given:
        run.phasing = Capability("phasing", given["phasing"], given["phasing"] is not None)
    else:
        own = run.inputs.scenario.targets.co2_path  # the scenario's own path, else the plan's
        path = {} if own else {"co2_path": {int(run.inputs.scenario.years.end): run.co2_target}}
        result = phase(stock, run.inputs, step=5, **path)
        run.phasing = Capability("phasing", result, True)
    if "criteria" in given:
        run.criteria = Capability("criteria", given["criteria"], given["criteria"] is not None)
    else:
        weighed = criteria(
            stock,
            run.inputs,
            outcomes=run.outcomes,
            plan=run.plan if run.plan.has_solution else None,
        )
        run.criteria = Capability("criteria", weighed, True)


def run_for_document(
    stock: pd.DataFrame,
    scenario: Scenario | ModelInputs | None,
    *,
    survey: pd.DataFrame | None = None,
    co2_reduction: float | None = None,
    coop: Mapping[str, Any] | None = None,
    ranges: Scenario | None = None,
    given: Mapping[str, Any] | None = None,
) -> DocumentRun:
    """Compute every result the document reads (see :func:`wupmodel.wup_document`)."""
    inputs = as_inputs(scenario)
    if survey is not None:
        check_survey(survey, stock)
    given = dict(given or {})
    outcomes = given.get("outcomes") or evaluate(stock, inputs)
    tables = summarise(outcomes, inputs)
    target, origin = _co2_target(inputs, co2_reduction)
    if given.get("plan") is not None and given["plan"].has_solution:
        target, origin = float(given["plan"].co2_reduction), "given"
    plan = given.get("plan") or optimise(
        stock, inputs, outcomes=outcomes, survey=survey, co2_reduction=target
    )
    rows = plan_rows(plan, outcomes) if plan.has_solution else pd.DataFrame()
    case, case_origin = _case(stock, inputs, outcomes, plan, survey, coop or {})
    strategy = main_strategy(plan, tables["summary"])
    risk, risk_origin = _risk(stock, inputs, ranges, strategy)
    run = DocumentRun(
        inputs=inputs,
        stock=stock,
        outcomes=outcomes,
        tables=tables,
        plan=plan,
        plan_rows=rows,
        co2_target=target,
        co2_target_origin=origin,
        case=case,
        case_origin=case_origin,
        survey=survey,
        risk=risk,
        risk_origin=risk_origin,
    )
    _later_capabilities(run, stock, given)
    return run

"""Result tables: the strategy summary, per type, who pays, per dwelling, assumptions, price paths.

:func:`summarise` turns outcomes into the tables an adviser reads (pure: frames in, frames
out); :mod:`wupmodel.io` writes them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from wupmodel.assumptions import assumptions, policy, price_paths, scenario_table
from wupmodel.inputs import ModelInputs, as_inputs
from wupmodel.money.appraise import MONEY_QUANTITIES
from wupmodel.outcomes import Outcomes
from wupmodel.physics import REASONS
from wupmodel.scenario import Scenario
from wupmodel.village import (
    Strategy,
    default_strategies,
    strategy_choice,
    strategy_summary,
    who_pays,
)

#: Per-dwelling columns in the per-dwelling sheet (under each strategy).
_DWELLING_COLUMNS = (
    "option_id",
    "gas_m3",
    "electricity_import_kwh",
    "heat_gj",
    "co2_kg",
    "capex_eur",
    "subsidy_eur",
    "bill_year1_eur",
    "loan_payment_eur_per_month",
    "own_capital_eur_per_month",
    "rent_increase_eur_per_month",
    "monthly_cost_year1_eur",
    "monthly_cost_change_eur",
    "npv_end_user_eur",
    "end_user_extra_cost_eur_per_yr",
    "national_annual_cost_eur",
)
#: per-dwelling columns counted only for the dwellings that change (as in the summary)
_CHANGED_ONLY = ("capex_eur", "subsidy_eur")


def per_dwelling(outcomes: Outcomes, strategies: list[Strategy]) -> pd.DataFrame:
    """One row per dwelling × strategy: the option it takes and its key figures."""
    frames = []
    groups = outcomes.groups
    rows = outcomes.dwelling_group
    option_ids = outcomes.catalogue.option_ids
    for s in strategies:
        choice = strategy_choice(outcomes, s)
        data = {
            "strategy": s.name,
            "dwelling_id": outcomes.dwelling_ids,
            "count": outcomes.dwelling_count,
            "dwelling_type": groups["dwelling_type"].astype(str).to_numpy()[rows],
            "construction_year": groups["construction_year"].to_numpy()[rows],
            "floor_area_m2": groups["floor_area_m2"].to_numpy()[rows],
            "energy_label": groups["energy_label"].astype(object).to_numpy()[rows],
            "tenure": groups["tenure"].astype(object).to_numpy()[rows],
            "option_id": option_ids[choice][rows],
            "changes": (choice != outcomes.catalogue.reference_index)[rows],
            "not_feasible_reason": _reason_at_level(outcomes, s)[rows],
        }
        for name in _DWELLING_COLUMNS[1:]:
            if name in outcomes.arrays:
                data[name] = outcomes.pick(name, choice)[rows]
        frames.append(pd.DataFrame(data))
    return pd.concat(frames, ignore_index=True)


def _reason_at_level(outcomes: Outcomes, strategy: Strategy) -> np.ndarray:
    """Per group: why the strategy's own option (its system at its insulation level) is not
    feasible ("" where it is, or where the catalogue lacks the option), issue 9."""
    empty = np.full(outcomes.n_groups, "", dtype=object)
    if "reason_code" not in outcomes.arrays:
        return empty
    try:
        own = outcomes.catalogue.index_of(
            strategy.insulation, strategy.heating, strategy.pv, strategy.solar_thermal
        )
    except KeyError:
        return empty
    code = outcomes.pick("reason_code", np.full(outcomes.n_groups, own)).astype(np.int64)
    return np.asarray(REASONS, dtype=object)[code]


def per_type(dwellings: pd.DataFrame) -> pd.DataFrame:
    """Averages per dwelling, per strategy x dwelling type (weighted by ``count``).

    Columns are named ``avg_<figure>``; the investment and subsidy are counted only for the
    dwellings that change (0 for those that keep the reference), as in the summary.
    """
    value_cols = [c for c in _DWELLING_COLUMNS[1:] if c in dwellings]
    values = dwellings[value_cols].copy()
    for col in _CHANGED_ONLY:
        if col in values:
            values[col] = values[col].where(dwellings["changes"], 0.0)
    weighted = values.mul(dwellings["count"], axis=0)
    weighted[["strategy", "dwelling_type"]] = dwellings[["strategy", "dwelling_type"]]
    weighted["dwellings"] = dwellings["count"]
    sums = weighted.groupby(["strategy", "dwelling_type"], sort=False).sum()
    means = sums[value_cols].div(sums["dwellings"], axis=0)
    means.columns = [f"avg_{c}" for c in value_cols]
    means.insert(0, "dwellings", sums["dwellings"])
    return means.reset_index()


def summarise(
    outcomes: Outcomes,
    scenario: Scenario | ModelInputs | None = None,
    strategies: list[Strategy] | None = None,
) -> dict[str, pd.DataFrame]:
    """The village's result tables, by sheet name: the strategy summary, per type, who pays,
    per dwelling, the assumptions (every parameter as used), the price paths (as used), the
    policy figures per year (with their carried-forward marks) and the resolved scenario.

    Parameters
    ----------
    outcomes
        An evaluation of the scenario (with money).
    scenario
        The scenario that was evaluated, or its :class:`~wupmodel.inputs.ModelInputs` (horizon,
        social rate, parameters, price paths, overrides).
    strategies
        The strategies to compare (default :func:`~wupmodel.village.default_strategies`).

    Examples
    --------
    >>> import wupmodel as wm
    >>> scenario = wm.load_scenario()
    >>> tables = wm.summarise(wm.evaluate(wm.stock_for(scenario), scenario), scenario)
    >>> list(tables["summary"]["strategy"])[:2]
    ['reference', 'hybrid']
    """
    inputs = as_inputs(scenario)
    strategies = default_strategies() if strategies is None else strategies
    # every per-dwelling money figure the tables pick, under every strategy, in one pass
    choices = [strategy_choice(outcomes, s) for s in strategies]
    choices.append(np.full(outcomes.n_groups, outcomes.catalogue.reference_index))
    outcomes.prefetch([n for n in MONEY_QUANTITIES if n != "irr"], choices)
    summary = strategy_summary(
        outcomes, strategies, inputs.params, inputs.horizon_years, inputs.social_rate
    )
    dwellings = per_dwelling(outcomes, strategies)
    tables = {"summary": summary, "per_type": per_type(dwellings)}
    if "monthly_cost_change_eur" in outcomes.arrays:
        tables["who_pays"] = who_pays(outcomes, strategies)
    tables["per_dwelling"] = dwellings
    tables["assumptions"] = assumptions(inputs)
    tables["price_paths"] = price_paths(inputs)
    tables["policy"] = policy(inputs)
    tables["scenario"] = scenario_table(inputs.scenario)
    return tables


def village_summary(
    outcomes: Outcomes,
    scenario: Scenario | ModelInputs | None = None,
    strategies: list[Strategy] | None = None,
) -> pd.DataFrame:
    """Only the strategy summary of :func:`summarise` (the same numbers, less work): what
    the app redraws after every slider move."""
    inputs = as_inputs(scenario)
    strategies = default_strategies() if strategies is None else strategies
    return strategy_summary(
        outcomes, strategies, inputs.params, inputs.horizon_years, inputs.social_rate
    )

"""What a plan means for the households and who pays: pure tables and sentences.

:func:`plan_who_pays` reads, for every dwelling and the option (or options, with shares) the
plan gives it, the change of its monthly housing costs in the first year, and sums per tenure;
:func:`plan_measures` counts every measure (insulation, heating, solar panels, solar water
heaters); :func:`plan_payers` says who pays what; :func:`shadow_price_words` says what the last
tonne of the CO2 target costs.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from wupmodel.app.i18n import format_money, format_number, t, value_label
from wupmodel.optimise.plan import Plan
from wupmodel.outcomes import Outcomes
from wupmodel.vocabulary import HEATING_SYSTEMS, INSULATION_LEVELS

__all__ = ["plan_who_pays", "plan_measures", "plan_payers", "shadow_price_words", "PAYS_MORE_EUR"]

#: a household pays more when its monthly costs rise by more than this (EUR/month), as in the
#: village summary's ``share_paying_more``
PAYS_MORE_EUR = 1.0


def plan_who_pays(plan: Plan, outcomes: Outcomes) -> pd.DataFrame:
    """Per tenure: dwellings, the average change of monthly costs (EUR/month, year 1) and the
    dwellings paying more than :data:`PAYS_MORE_EUR` under the plan.

    Parameters
    ----------
    plan
        A plan with its per-dwelling rows (:func:`wupmodel.optimise` with a stock or outcomes).
    outcomes
        The evaluation the plan was made from (with money).

    Returns
    -------
    pandas.DataFrame
        Columns ``tenure``, ``dwellings``, ``monthly_cost_change_avg_eur``,
        ``households_paying_more``, ``share_paying_more``; empty without a plan.
    """
    columns = [
        "tenure",
        "dwellings",
        "monthly_cost_change_avg_eur",
        "households_paying_more",
        "share_paying_more",
    ]
    if plan.dwellings is None or not len(plan.dwellings):
        return pd.DataFrame(columns=columns)
    rows = plan.dwellings
    ids = pd.Index(np.asarray(outcomes.dwelling_ids).astype(str))
    at = ids.get_indexer(rows["dwelling_id"].astype(str))
    if (at < 0).any():
        raise ValueError("the plan has dwellings the outcomes do not")
    group = outcomes.dwelling_group[at]
    option = pd.Index(outcomes.catalogue.option_ids).get_indexer(rows["option_id"].astype(str))
    change = outcomes["monthly_cost_change_eur"][group, option]
    tenure = outcomes.groups["tenure"].astype(object).to_numpy()[group]
    weight = rows["dwellings"].to_numpy(dtype=float)
    frame = pd.DataFrame(
        {
            "tenure": pd.Series(tenure).where(pd.notna(tenure), "unknown").astype(str),
            "dwellings": weight,
            "sum": change * weight,
            "more": weight * (change > PAYS_MORE_EUR),
        }
    )
    out = frame.groupby("tenure", sort=False).sum()
    result = pd.DataFrame(
        {
            "tenure": out.index,
            "dwellings": out["dwellings"].to_numpy(),
            "monthly_cost_change_avg_eur": (out["sum"] / out["dwellings"]).to_numpy(),
            "households_paying_more": out["more"].to_numpy(),
            "share_paying_more": (out["more"] / out["dwellings"]).to_numpy(),
        }
    )
    return result[columns]


def plan_measures(plan: Plan, lang: str = "nl") -> pd.DataFrame:
    """Every measure of a plan and how many dwellings take it: insulation (per level), heating
    (per system, the gas boilers that stay included), solar panels and solar water heaters.

    Returns
    -------
    pandas.DataFrame
        Columns ``t("measure")`` and ``t("dwellings_col")`` (whole dwellings; a share of a
        group of identical dwellings counts as its share).
    """
    columns = [t("measure", lang), t("dwellings_col", lang)]
    if plan.dwellings is None or not len(plan.dwellings):
        return pd.DataFrame(columns=columns)
    d = plan.dwellings
    n = d["dwellings"].to_numpy(dtype=float)
    rows = []
    for level in INSULATION_LEVELS:
        if level == "current":
            continue
        count = float(n[d["insulation"].astype(str).to_numpy() == level].sum())
        if count > 0.5:
            rows.append(
                (f"{t('insulation_word', lang)}: {value_label('insulation', level, lang)}", count)
            )
    for system in HEATING_SYSTEMS:
        count = float(n[d["heating"].astype(str).to_numpy() == system].sum())
        if count > 0.5:
            rows.append((value_label("heating", system, lang), count))
    for column, key in (("pv", "measure_pv"), ("solar_water_heater", "measure_solar_water")):
        count = float(n[d[column].astype(bool).to_numpy()].sum())
        if count > 0.5:
            rows.append((t(key, lang), count))
    return pd.DataFrame(
        [(name, format_number(count, lang)) for name, count in rows], columns=columns
    )


def plan_payers(plan: Plan, dwellings: float, lang: str = "nl") -> pd.DataFrame:
    """Who pays what under a plan, a year, against every dwelling keeping its gas boiler and
    no collective works: the households together (incl. taxes, after subsidy, a year and per
    household a month), the Netherlands as a whole (no taxes or subsidies) and, within that,
    the collective works (heat network, grid reinforcement, solar park); the investment and
    the subsidy of the households' measures."""
    extra = plan.extra_cost_eur_per_yr
    households = extra.get("end_user", float("nan"))
    rows = [
        (
            t("payer_households", lang),
            format_money(households, lang, sign=True),
            t("per_household_month", lang).format(
                eur=format_money(households / 12.0 / max(dwellings, 1.0), lang, sign=True)
            ),
        ),
        (
            t("payer_national", lang),
            format_money(extra.get("national", float("nan")), lang, sign=True),
            t("payer_national_note", lang),
        ),
        (
            t("payer_collective", lang),
            format_money(plan.collective_cost_eur.get("national", 0.0), lang),
            t("payer_collective_note", lang),
        ),
        (
            t("payer_investment", lang),
            format_money(plan.capex_eur, lang),
            t("payer_subsidy", lang).format(eur=format_money(plan.subsidy_eur, lang)),
        ),
    ]
    return pd.DataFrame(
        rows, columns=[t("payer", lang), t("payer_amount", lang), t("payer_what", lang)]
    )


def shadow_price_words(plan: Plan, lang: str = "nl") -> str:
    """The shadow price of the CO2 target in words: what one tonne more of yearly reduction
    would add to the national cost, a year; or that the target costs nothing extra."""
    price = plan.co2_shadow_price_eur_per_t
    if not np.isfinite(price) or price <= 0.5:
        return t("shadow_none", lang)
    return t("shadow_words", lang).format(eur=format_money(price, lang))

"""What a plan means for the households: who pays more, per tenure (pure tables).

:func:`plan_who_pays` reads, for every dwelling and the option (or options, with shares) the
plan gives it, the change of its monthly housing costs in the first year, and sums per tenure.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from wupmodel.optimise.plan import Plan
from wupmodel.outcomes import Outcomes

__all__ = ["plan_who_pays", "PAYS_MORE_EUR"]

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

"""The village at a glance: what the stock is made of and what it uses today (pure tables).

:func:`stock_overview` counts dwellings by type, construction period, energy label and tenure
and gives, under the reference (every dwelling keeps its gas boiler), the gas use per
dwelling, CO2 per dwelling type and the monthly energy bill per dwelling. The app draws these;
nothing here formats or translates.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from wupmodel.outcomes import Outcomes
from wupmodel.vocabulary import CONSTRUCTION_PERIODS, DWELLING_TYPES, ENERGY_LABELS, TENURES

__all__ = ["stock_overview", "period_of"]


def period_of(years: np.ndarray) -> np.ndarray:
    """The construction period name (:data:`~wupmodel.vocabulary.CONSTRUCTION_PERIODS`) of each
    year."""
    years = np.asarray(years, dtype=np.int64)
    starts = np.array([lo for _name, lo, _hi in CONSTRUCTION_PERIODS])
    names = np.array([name for name, _lo, _hi in CONSTRUCTION_PERIODS], dtype=object)
    return names[np.searchsorted(starts, years, side="right") - 1]


def _counts(values: pd.Series, weights: np.ndarray, order: tuple[str, ...]) -> pd.DataFrame:
    keys = values.astype(object).where(values.notna(), "unknown").astype(str).to_numpy()
    totals = pd.Series(weights, dtype=float).groupby(keys).sum()
    present = [k for k in order if k in totals.index] + [k for k in totals.index if k not in order]
    return pd.DataFrame({"value": present, "dwellings": totals.reindex(present).to_numpy()})


def stock_overview(outcomes: Outcomes) -> dict[str, pd.DataFrame | dict[str, float]]:
    """Tables describing the village today.

    Parameters
    ----------
    outcomes
        An evaluation of the village with money (the reference option is read).

    Returns
    -------
    dict
        ``types``, ``periods``, ``labels``, ``tenure``: columns ``value``, ``dwellings``
        (weighted by ``count``, in vocabulary order, missing as ``"unknown"``);
        ``co2_by_type``: ``value``, ``co2_t`` (first-year CO2 of the reference, t/yr);
        ``per_dwelling``: one row per group with ``count``, ``gas_m3`` (m3/yr) and
        ``bill_eur_per_month`` (first-year energy bill / 12) under the reference;
        ``totals``: ``dwellings``, ``gas_m3``, ``co2_t``, ``bill_eur_per_month_avg``.
    """
    groups = outcomes.groups
    counts = outcomes.counts
    ref = np.full(outcomes.n_groups, outcomes.catalogue.reference_index)
    gas = outcomes.pick("gas_m3", ref)
    co2 = outcomes.pick("co2_kg", ref)
    bill = (
        outcomes.pick("bill_year1_eur", ref) / 12.0
        if "bill_year1_eur" in outcomes.arrays
        else np.full(len(groups), np.nan)
    )
    types = groups["dwelling_type"].astype(str)
    co2_type = pd.Series(co2 * counts / 1e3).groupby(types.to_numpy()).sum()
    order = [k for k in DWELLING_TYPES if k in co2_type.index]
    n = float(counts.sum())
    return {
        "types": _counts(groups["dwelling_type"], counts, DWELLING_TYPES),
        "periods": _counts(
            pd.Series(period_of(groups["construction_year"].to_numpy())),
            counts,
            tuple(name for name, _lo, _hi in CONSTRUCTION_PERIODS),
        ),
        "labels": _counts(groups["energy_label"], counts, ENERGY_LABELS),
        "tenure": _counts(groups["tenure"], counts, TENURES),
        "co2_by_type": pd.DataFrame({"value": order, "co2_t": co2_type.reindex(order).to_numpy()}),
        "per_dwelling": pd.DataFrame({"count": counts, "gas_m3": gas, "bill_eur_per_month": bill}),
        "totals": {
            "dwellings": n,
            "gas_m3": float((gas * counts).sum()),
            "co2_t": float((co2 * counts).sum() / 1e3),
            "bill_eur_per_month_avg": float((bill * counts).sum() / n),
        },
    }

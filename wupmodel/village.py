"""Village totals: strategies, energy balance, CO2 against the reference.

A *strategy* imposes one heating system at a preferred insulation level on the village (as
PBL's Startanalyse does per buurt). A dwelling for which that system is not feasible at the
preferred level takes the lowest deeper level at which it is; if none, it keeps the reference
(gas boiler) and is counted as not feasible.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from wupmodel.evaluate import Outcomes
from wupmodel.params import Params
from wupmodel.physics import diversified_peak_kw
from wupmodel.vocabulary import INSULATION_LEVELS


@dataclass(frozen=True)
class Strategy:
    """One heating system at a preferred insulation level, PV and solar thermal on or off."""

    name: str
    heating: str
    insulation: str
    pv: bool = False
    solar_thermal: bool = False
    label_nl: str = ""
    label_en: str = ""


def strategies_from_table(table: pd.DataFrame) -> list[Strategy]:
    """Strategies from the packaged ``strategies`` table."""
    return [
        Strategy(
            name=r.strategy,
            heating=r.heating,
            insulation=r.insulation,
            pv=str(r.pv).lower() == "true",
            solar_thermal=str(r.solar_thermal).lower() == "true",
            label_nl=r.label_nl,
            label_en=r.label_en,
        )
        for r in table.itertuples()
    ]


def strategy_choice(outcomes: Outcomes, strategy: Strategy) -> np.ndarray:
    """Option index per group for ``strategy``; the reference where it is not feasible.

    Returns
    -------
    numpy.ndarray
        (G,) int option indices.
    """
    cat = outcomes.catalogue
    ref = cat.reference_index
    start = INSULATION_LEVELS.index(strategy.insulation)
    choice = np.full(outcomes.n_groups, -1)
    # Walk up the (at most four) insulation levels: the first feasible one wins.
    for level in INSULATION_LEVELS[start:]:
        try:
            idx = cat.index_of(level, strategy.heating, strategy.pv, strategy.solar_thermal)
        except KeyError:
            continue
        take = (choice < 0) & outcomes.feasible[:, idx]
        choice[take] = idx
    choice[choice < 0] = ref
    return choice


def strategy_summary(
    outcomes: Outcomes, strategies: list[Strategy], params: Params
) -> pd.DataFrame:
    """Village totals per strategy: energy, CO2 and reduction, investment, grid peak.

    Returns
    -------
    pandas.DataFrame
        One row per strategy with ``dwellings_feasible``, ``gas_m3``, ``electricity_mwh``
        (grid import), ``heat_gj``, ``co2_t`` (first year), ``co2_reduction`` (fraction vs the
        reference strategy), ``investment_eur`` (total, before subsidy), ``investment_per_dwelling_eur``
        (per dwelling that changes), and ``peak_kw`` (village peak after diversity).
    """
    counts = outcomes.counts
    n_total = counts.sum()
    ref = outcomes.catalogue.reference_index
    ref_co2 = float((outcomes["co2_kg"][:, ref] * counts).sum())
    rows = []
    for s in strategies:
        choice = strategy_choice(outcomes, s)
        moved = choice != ref
        changed = float(counts[moved].sum())

        def total(name: str, choice=choice) -> float:
            return float((outcomes.pick(name, choice) * counts).sum())

        co2 = total("co2_kg")
        peak_sum = total("peak_kw")
        feasible_n = changed if s.heating != "gas_boiler" or s.insulation != "current" else n_total
        rows.append(
            {
                "strategy": s.name,
                "label_nl": s.label_nl,
                "label_en": s.label_en,
                "heating": s.heating,
                "insulation": s.insulation,
                "dwellings": n_total,
                "dwellings_feasible": feasible_n,
                "gas_m3": total("gas_m3"),
                "electricity_mwh": total("electricity_import_kwh") / 1e3,
                "pv_mwh": total("pv_kwh") / 1e3,
                "heat_gj": total("heat_gj"),
                "co2_t": co2 / 1e3,
                "co2_reduction": 1.0 - co2 / ref_co2 if ref_co2 > 0 else 0.0,
                "investment_eur": total("capex_eur"),
                "investment_per_dwelling_eur": total("capex_eur") / changed if changed else 0.0,
                "peak_kw": float(diversified_peak_kw(peak_sum, n_total, params)),
            }
        )
    return pd.DataFrame(rows)


"""What one evaluation of a sweep gives: per-dwelling values per strategy, and the key
figures they reduce to (shared by the sweep's paths, the separable sample axis and batches)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from wupmodel.evaluate import evaluate
from wupmodel.inputs import ModelInputs
from wupmodel.money import collective_unit_costs
from wupmodel.scenario import Scenario
from wupmodel.uncertainty.distributions import UncertainInput
from wupmodel.village import Strategy, collective_costs_eur_per_yr, strategy_choice

__all__ = [
    "FIELDS",
    "FIGURES",
    "MONEY_OUTPUTS",
    "PAYING_MORE_EUR",
    "SweepShared",
    "point_figures",
    "reduce_figures",
]

#: Per-dwelling values picked per strategy (all affine in the price inputs).
FIELDS = (
    "national_extra_cost_eur_per_yr",
    "end_user_extra_cost_eur_per_yr",
    "monthly_cost_change_eur",
    "co2_avoided_kg_per_yr",
    "co2_kg",
    "capex_eur",
    "subsidy_eur",
)
_F = {name: i for i, name in enumerate(FIELDS)}
_MONEY = [f for f in FIELDS if f not in ("co2_kg", "capex_eur")]
#: The money outputs a sweep or batch evaluation computes.
MONEY_OUTPUTS = tuple(_MONEY)

#: Key figures per sample × strategy (as in the strategy table of ``wupmodel run``).
FIGURES: dict[str, str] = {
    "co2_t": "CO2 in the first year, t/yr",
    "co2_reduction": "CO2 reduction vs the reference (fraction)",
    "investment_eur": "investment incl. VAT before subsidy, dwellings that change, EUR",
    "subsidy_eur": "ISDE subsidy, EUR",
    "national_extra_eur_per_yr": (
        "national extra cost vs the reference incl. collective costs, EUR/yr"
    ),
    "national_eur_per_t_co2": "national extra cost per tonne CO2 avoided, EUR/t",
    "national_eur_per_weq_per_yr": "national extra cost per dwelling equivalent, EUR/WEQ/yr",
    "end_user_extra_eur_per_yr": "occupants' equivalent annual cost vs the reference, EUR/yr",
    "monthly_cost_change_avg_eur": "average change of year-1 monthly housing costs, EUR/month",
    "share_paying_more": "share of households whose year-1 monthly costs rise by more than 1 EUR",
}
#: A household "pays more" when its monthly costs rise by more than this (as the strategy table).
PAYING_MORE_EUR = 1.0


# ---------------------------------------------------------------------------------------
# one point: a full evaluation


@dataclass(frozen=True)
class SweepShared:
    """What every task needs (scattered once to Dask workers)."""

    stock: pd.DataFrame
    scenario: Scenario
    strategies: tuple[Strategy, ...]
    inputs: tuple[UncertainInput, ...]
    per_type: bool
    per_household: bool


def point_figures(
    shared: SweepShared, inputs: ModelInputs, outcomes=None, collective: bool = True
) -> tuple[NDArray, NDArray]:
    """One full evaluation: per-dwelling values (M, S, G) and collective extras (S,) EUR/yr.

    ``inputs``: a sample's model inputs (:mod:`wupmodel.uncertainty.samples`: the rent agreed
    before its sampled price paths). ``outcomes``: an evaluation of ``shared.stock`` under
    ``inputs`` to reuse (else made here). ``collective=False`` leaves the collective extras at
    0 (a part of the stock has no village-level costs of its own).
    """
    out = outcomes or evaluate(shared.stock, inputs, irr=False, money_outputs=_MONEY)
    choices = [strategy_choice(out, s) for s in shared.strategies]
    values = np.stack([np.stack([out.pick(m, ch) for ch in choices]) for m in FIELDS])
    moved = np.stack([ch != out.catalogue.reference_index for ch in choices])  # (S, G)
    values[_F["capex_eur"]] *= moved
    values[_F["subsidy_eur"]] *= moved
    if not collective:
        return values, np.zeros(len(choices))
    params, h, rate = inputs.params, inputs.horizon_years, inputs.social_rate
    unit = collective_unit_costs(params, h, rate)  # once for every strategy
    ref = np.full(out.n_groups, out.catalogue.reference_index)
    coll_ref = collective_costs_eur_per_yr(out, ref, params, h, rate, unit)

    def collective_extra(choice: NDArray) -> float:
        c = collective_costs_eur_per_yr(out, choice, params, h, rate, unit)
        return (
            c["heat_network_sources_eur_per_yr"]
            - coll_ref["heat_network_sources_eur_per_yr"]
            + c["grid_reinforcement_eur_per_yr"]
            - coll_ref["grid_reinforcement_eur_per_yr"]
        )

    return values, np.array([collective_extra(ch) for ch in choices])


def reduce_figures(
    values: NDArray, coll: NDArray, counts: NDArray, types: NDArray | None, per_household: bool
) -> dict[str, NDArray]:
    """Figures (n, S) from per-dwelling values (n, M, S, G) and collective extras (S,), or
    (n, S) per sample."""
    n_total = counts.sum()
    tot = values @ counts  # (n, M, S)
    co2 = tot[:, _F["co2_kg"]]
    ref_co2 = co2[:, :1]  # the reference strategy comes first (checked in sweep)
    coll = np.asarray(coll, dtype=float)
    national = tot[:, _F["national_extra_cost_eur_per_yr"]] + (
        coll if coll.ndim == 2 else coll[None, :]
    )
    avoided_t = tot[:, _F["co2_avoided_kg_per_yr"]] / 1e3
    change = values[:, _F["monthly_cost_change_eur"]]  # (n, S, G)
    more = change > PAYING_MORE_EUR
    with np.errstate(divide="ignore", invalid="ignore"):
        per_t = np.where(avoided_t > 0, national / avoided_t, np.nan)
    out = {
        "co2_t": co2 / 1e3,
        "co2_reduction": np.where(
            ref_co2 > 0, 1.0 - co2 / np.where(ref_co2 > 0, ref_co2, 1.0), 0.0
        ),
        "investment_eur": tot[:, _F["capex_eur"]],
        "subsidy_eur": tot[:, _F["subsidy_eur"]],
        "national_extra_eur_per_yr": national,
        "national_eur_per_t_co2": per_t,
        "national_eur_per_weq_per_yr": national / n_total,
        "end_user_extra_eur_per_yr": tot[:, _F["end_user_extra_cost_eur_per_yr"]],
        "monthly_cost_change_avg_eur": (change @ counts) / n_total,
        "share_paying_more": (more @ counts) / n_total,
    }
    if types is not None:  # (G, T) dwellings per type
        n_type = counts @ types
        out["type_change"] = (change @ types) / np.where(n_type > 0, n_type, 1.0)
        out["type_more"] = (more @ types) / np.where(n_type > 0, n_type, 1.0)
        out["type_national"] = values[:, _F["national_extra_cost_eur_per_yr"]] @ types
    if per_household:
        out["household"] = change.astype(np.float32)
    return out

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

from wupmodel.money.collective import CollectiveUnitCosts, collective_unit_costs
from wupmodel.money.tariffs import gas_network_factor
from wupmodel.outcomes import Outcomes
from wupmodel.params import Params, packaged_table
from wupmodel.physics import REASONS, diversified_peak_kw
from wupmodel.vocabulary import HEATING_SYSTEMS, INSULATION_LEVELS


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


def default_strategies() -> list[Strategy]:
    """The packaged village strategies (PBL Startanalyse: each heating system at its level)."""
    return strategies_from_table(packaged_table("strategies"))


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


def level_fit(outcomes: Outcomes, strategy: Strategy, choice: np.ndarray) -> dict[str, float | str]:
    """Where the strategy's system does not fit at its insulation level, and why.

    Returns ``dwellings_deeper_insulation`` (dwellings that take a deeper level than the
    strategy's), ``share_deeper_insulation`` (of all dwellings), ``dwellings_keep_gas`` (not
    feasible at any level: they keep the reference) and ``not_feasible_reasons``: the dwellings
    for which the option at the strategy's own level is infeasible, counted per reason code
    (:data:`~wupmodel.physics.REASONS`), as ``"code n; code n"`` ("" when none).
    """
    counts = outcomes.counts
    cat = outcomes.catalogue
    start = INSULATION_LEVELS.index(strategy.insulation)
    deeper = (choice != cat.reference_index) & (cat.insulation[choice] > start)
    is_reference = choice == cat.reference_index
    keep_gas = 0.0 if strategy.heating == "gas_boiler" else float(counts[is_reference].sum())
    reasons = ""
    if "reason_code" in outcomes.arrays:
        try:
            own = cat.index_of(
                strategy.insulation, strategy.heating, strategy.pv, strategy.solar_thermal
            )
        except KeyError:
            own = None
        if own is not None:
            code = outcomes.pick("reason_code", np.full(outcomes.n_groups, own)).astype(np.int64)
            n = np.bincount(code, weights=counts, minlength=len(REASONS))
            reasons = "; ".join(
                f"{REASONS[k]} {n[k]:.0f}" for k in range(1, len(REASONS)) if n[k] > 0
            )
    n_deeper = float(counts[deeper].sum())
    return {
        "dwellings_deeper_insulation": n_deeper,
        "share_deeper_insulation": n_deeper / float(counts.sum()),
        "dwellings_keep_gas": keep_gas,
        "not_feasible_reasons": reasons,
    }


def gas_network_for_stayers(
    outcomes: Outcomes, choice: np.ndarray, params: Params
) -> dict[str, float]:
    """The "last one pays" effect in the village: the gas network's charge per connection if
    the village's gas network were paid by the dwellings that keep their gas connection.

    The charge's fixed part (``finance.gas_network_fixed_share``: mains and transport) is
    shared over the connections that remain (:func:`~wupmodel.money.tariffs.gas_network_factor`,
    at least ``finance.gas_network_min_remaining_share``); the rest goes with each connection.
    The bills of the model use the national path of the remaining connections (the regulator
    spreads a network's costs over its whole area); these figures show what staying on gas
    would cost if the village's own departures set the charge.

    Returns
    -------
    dict
        ``gas_connections_kept`` (dwellings still using gas), ``gas_network_local_eur_per_yr``
        (incl. VAT, per remaining connection; NaN when none remain) and
        ``stayers_extra_eur_per_month`` (above today's charge, incl. VAT).
    """
    counts = outcomes.counts
    kept = float(counts[outcomes.pick("gas_m3", choice) > 0].sum())
    share = kept / float(counts.sum()) if counts.sum() > 0 else 0.0
    base = params["finance.gas_network_standing_eur"] * (1.0 + params["finance.vat"])
    factor = float(
        gas_network_factor(
            np.array(share),
            params["finance.gas_network_fixed_share"],
            params["finance.gas_network_min_remaining_share"],
        )
    )
    local = base * factor if kept > 0 else float("nan")
    return {
        "gas_connections_kept": kept,
        "gas_network_local_eur_per_yr": local,
        "stayers_extra_eur_per_month": (local - base) / 12.0 if kept > 0 else 0.0,
    }


def collective_costs_eur_per_yr(
    outcomes: Outcomes,
    choice: np.ndarray,
    params: Params,
    horizon_years: int,
    social_rate: float,
    unit: CollectiveUnitCosts | None = None,
) -> dict[str, float]:
    """Village-level national costs (EUR/yr) of a choice of options: network sources, LV grid.

    * A heat-network source (fixed investment per zone, PBL Vesta WKO/TEO kentallen) for every
      heat-network zone with at least one connection.
    * LV-grid reinforcement for every grid zone whose peak after simultaneity exceeds its
      capacity (``collective.grid.capacity_kw_per_dwelling`` × dwellings): new MV/LV substations
      for the excess and the zone's cables reinforced.

    Investments are annualised like every other national cost (replacements within the horizon,
    residual value, social discount rate). ``unit`` (:func:`collective_unit_costs` of the same
    arguments) saves recomputing them when many choices are costed.
    """
    counts = outcomes.counts
    heating = np.asarray(HEATING_SYSTEMS)[outcomes.catalogue.heating][choice]
    on_net = np.isin(heating, ["heat_network_mt", "heat_network_lt"])
    zones = outcomes.groups["heat_network_zone"].fillna("").astype(str).to_numpy()
    n_sources = len(set(zones[on_net & (zones != "")])) + int((on_net & (zones == "")).any())
    unit = unit or collective_unit_costs(params, horizon_years, social_rate)
    peak = outcomes.pick("peak_kw", choice) * counts
    _zones, zone_of = np.unique(
        outcomes.groups["grid_zone"].astype(str).to_numpy(), return_inverse=True
    )
    zone_n = np.bincount(zone_of, weights=counts)
    zone_peak = diversified_peak_kw(np.bincount(zone_of, weights=peak), zone_n, params)
    excess = np.maximum(
        zone_peak - params["collective.grid.capacity_kw_per_dwelling"] * zone_n, 0.0
    )
    substations = np.ceil(excess / unit.substation_kw)
    reinforced_dwellings = np.where(excess > 0, zone_n, 0.0)
    grid_eac = (
        substations.sum() * unit.substation_eur_per_yr
        + reinforced_dwellings.sum() * unit.lv_cable_eur_per_yr_per_dwelling
    )
    return {
        "heat_network_sources_eur_per_yr": float(n_sources * unit.heat_network_source_eur_per_yr),
        "grid_reinforcement_eur_per_yr": float(grid_eac),
        "grid_zones_reinforced": int((excess > 0).sum()),
    }


def strategy_summary(
    outcomes: Outcomes,
    strategies: list[Strategy],
    params: Params,
    horizon_years: int = 25,
    social_rate: float | None = None,
) -> pd.DataFrame:
    """Village totals per strategy: energy, CO2, investment, grid peak, and both money views.

    Returns
    -------
    pandas.DataFrame
        One row per strategy. Energy and CO2 are first-year village totals; ``co2_reduction``
        is the fraction below the reference strategy. ``investment_eur`` and ``subsidy_eur``
        count the dwellings that change; ``investment_per_dwelling_eur`` divides by them.
        ``peak_kw`` is the village peak after simultaneity. ``dwellings_deeper_insulation``,
        ``share_deeper_insulation``, ``dwellings_keep_gas`` and ``not_feasible_reasons`` say where
        the system does not fit at the strategy's level and why (:func:`level_fit`). With money
        outcomes:
        ``national_extra_eur_per_yr`` (vs the reference, incl. collective costs),
        ``national_eur_per_t_co2`` (per tonne avoided, horizon average),
        ``national_eur_per_weq_per_yr``, ``end_user_extra_eur_per_yr``,
        ``monthly_cost_change_avg_eur`` (over all dwellings; woonlasten = bill + loan + own
        money's monthly equivalent + rent increase) with its parts ``bill_change_avg_eur``,
        ``loan_avg_eur``, ``own_capital_avg_eur``, ``rent_avg_eur`` (:func:`woonlasten_parts`), and
        ``households_paying_more`` and ``share_paying_more`` (dwellings whose year-1 monthly
        costs rise by more than 1 EUR).
    """
    village = _Village.of(outcomes, params, horizon_years, social_rate)
    rows = []
    for s in strategies:
        choice = strategy_choice(outcomes, s)
        row = _physical_row(village, s, choice)
        if village.has_money:
            row.update(_money_row(village, choice))
        rows.append(row)
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class _Village:
    """What every strategy's row is compared with: the reference, the counts, the unit costs."""

    outcomes: Outcomes
    params: Params
    horizon_years: int
    social_rate: float
    unit: CollectiveUnitCosts
    ref_co2_kg: float
    ref_collective: dict
    has_money: bool

    @classmethod
    def of(
        cls, outcomes: Outcomes, params: Params, horizon_years: int, social_rate: float | None
    ) -> _Village:
        rate = params["finance.social_discount_rate"] if social_rate is None else social_rate
        unit = collective_unit_costs(params, horizon_years, rate)
        ref_choice = np.full(outcomes.n_groups, outcomes.catalogue.reference_index)
        return cls(
            outcomes=outcomes,
            params=params,
            horizon_years=horizon_years,
            social_rate=rate,
            unit=unit,
            ref_co2_kg=float((outcomes.pick("co2_kg", ref_choice) * outcomes.counts).sum()),
            ref_collective=collective_costs_eur_per_yr(
                outcomes, ref_choice, params, horizon_years, rate, unit
            ),
            has_money="national_annual_cost_eur" in outcomes.arrays,
        )

    @property
    def dwellings(self) -> float:
        return float(self.outcomes.counts.sum())

    def total(self, name: str, choice: np.ndarray, mask: np.ndarray | None = None) -> float:
        """Village total of a per-dwelling figure under ``choice`` (only ``mask`` groups)."""
        values = self.outcomes.pick(name, choice) * self.outcomes.counts
        return float(values[mask].sum() if mask is not None else values.sum())


def _physical_row(village: _Village, s: Strategy, choice: np.ndarray) -> dict:
    """Energy, CO2, investment and grid peak of a strategy, and where it does not fit."""
    outcomes, n_total = village.outcomes, village.dwellings
    moved = choice != outcomes.catalogue.reference_index
    changed = float(outcomes.counts[moved].sum())
    co2 = village.total("co2_kg", choice)
    is_reference = (
        s.heating == "gas_boiler" and s.insulation == "current" and not s.pv and not s.solar_thermal
    )
    investment = village.total("capex_eur", choice, mask=moved)
    return {
        "strategy": s.name,
        "label_nl": s.label_nl,
        "label_en": s.label_en,
        "heating": s.heating,
        "insulation": s.insulation,
        "dwellings": n_total,
        "dwellings_feasible": n_total if is_reference else changed,
        "gas_m3": village.total("gas_m3", choice),
        "electricity_mwh": village.total("electricity_import_kwh", choice) / 1e3,
        "pv_mwh": village.total("pv_kwh", choice) / 1e3,
        "heat_gj": village.total("heat_gj", choice),
        "co2_t": co2 / 1e3,
        "co2_reduction": 1.0 - co2 / village.ref_co2_kg if village.ref_co2_kg > 0 else 0.0,
        "investment_eur": investment,
        "investment_per_dwelling_eur": investment / changed if changed else 0.0,
        "peak_kw": float(
            diversified_peak_kw(village.total("peak_kw", choice), n_total, village.params)
        ),
        **level_fit(outcomes, s, choice),
        **gas_network_for_stayers(outcomes, choice, village.params),
    }


def _money_row(village: _Village, choice: np.ndarray) -> dict:
    """Both money views of a strategy: national extra cost (with collective costs) per year,
    per tonne and per WEQ, occupants' cost, the woonlasten and who pays more."""
    outcomes, n_total, counts = village.outcomes, village.dwellings, village.outcomes.counts
    moved = choice != outcomes.catalogue.reference_index
    coll = collective_costs_eur_per_yr(
        outcomes, choice, village.params, village.horizon_years, village.social_rate, village.unit
    )
    ref = village.ref_collective
    extra_collective = (
        coll["heat_network_sources_eur_per_yr"]
        - ref["heat_network_sources_eur_per_yr"]
        + coll["grid_reinforcement_eur_per_yr"]
        - ref["grid_reinforcement_eur_per_yr"]
    )
    national_extra = village.total("national_extra_cost_eur_per_yr", choice) + extra_collective
    avoided_t = village.total("co2_avoided_kg_per_yr", choice) / 1e3
    change = outcomes.pick("monthly_cost_change_eur", choice)
    return {
        **woonlasten_parts(outcomes, choice, counts, n_total),
        "subsidy_eur": village.total("subsidy_eur", choice, mask=moved),
        "national_extra_eur_per_yr": national_extra,
        "collective_eur_per_yr": extra_collective,
        "grid_zones_reinforced": coll["grid_zones_reinforced"],
        "co2_avoided_t_per_yr": avoided_t,
        "national_eur_per_t_co2": national_extra / avoided_t if avoided_t > 0 else float("nan"),
        "national_eur_per_weq_per_yr": national_extra / n_total,
        "end_user_extra_eur_per_yr": village.total("end_user_extra_cost_eur_per_yr", choice),
        "monthly_cost_change_avg_eur": float((change * counts).sum() / n_total),
        "households_paying_more": float(counts[change > 1.0].sum()),
        "share_paying_more": float(counts[change > 1.0].sum() / n_total),
    }


#: The parts of the woonlasten (EUR/month per dwelling): output -> its monthly factor.
WOONLASTEN_PARTS: dict[str, tuple[str, float]] = {
    "bill_change_avg_eur": ("bill_year1_eur", 1.0 / 12.0),
    "loan_avg_eur": ("loan_payment_eur_per_month", 1.0),
    "own_capital_avg_eur": ("own_capital_eur_per_month", 1.0),
    "rent_avg_eur": ("rent_increase_eur_per_month", 1.0),
}


def woonlasten_parts(
    outcomes: Outcomes, choice: np.ndarray, counts: np.ndarray, n: float
) -> dict[str, float]:
    """Average change vs the reference (EUR/month per dwelling) of each part of the woonlasten:
    energy bill, loan repayment, own money's monthly equivalent, rent increase; they add up to
    ``monthly_cost_change_avg_eur``. Parts the run did not compute are left out."""
    ref = np.full(outcomes.n_groups, outcomes.catalogue.reference_index)
    out = {}
    for column, (name, factor) in WOONLASTEN_PARTS.items():
        if name in outcomes.arrays:
            diff = outcomes.pick(name, choice) - outcomes.pick(name, ref)
            out[column] = float(factor * (diff * counts).sum() / n) if n else 0.0
    return out


def who_pays(outcomes: Outcomes, strategies: list[Strategy]) -> pd.DataFrame:
    """Per strategy and tenure: dwellings, average monthly cost change, share paying more,
    average year-1 energy cost as a share of income (where income is known).
    """
    counts = outcomes.counts
    tenure = outcomes.groups["tenure"].astype(object).fillna("onbekend").astype(str).to_numpy()
    rows = []
    for s in strategies:
        choice = strategy_choice(outcomes, s)
        change = outcomes.pick("monthly_cost_change_eur", choice)
        share = outcomes.pick("energy_cost_share_year1", choice)
        frame = pd.DataFrame(
            {
                "tenure": tenure,
                "n": counts,
                "change": change * counts,
                "more": counts * (change > 1.0),
                "share": np.nan_to_num(share) * counts,
                "n_share": counts * np.isfinite(share),
            }
        )
        for ten, g in frame.groupby("tenure", sort=True):
            n = g["n"].sum()
            idx = g.index.to_numpy()
            parts = woonlasten_parts(_subset(outcomes, idx), choice[idx], counts[idx], n)
            rows.append(
                {
                    "strategy": s.name,
                    "tenure": ten,
                    "dwellings": n,
                    "monthly_cost_change_avg_eur": g["change"].sum() / n,
                    **parts,
                    "share_paying_more": g["more"].sum() / n,
                    "energy_cost_share_of_income": (
                        g["share"].sum() / g["n_share"].sum()
                        if g["n_share"].sum()
                        else float("nan")
                    ),
                }
            )
    return pd.DataFrame(rows)


class _subset:
    """The outcomes of some groups only, enough for :func:`woonlasten_parts`."""

    def __init__(self, outcomes: Outcomes, idx: np.ndarray) -> None:
        self._o, self._idx = outcomes, idx
        self.arrays = outcomes.arrays
        self.n_groups = idx.size
        self.catalogue = outcomes.catalogue

    def pick(self, name: str, choice: np.ndarray) -> np.ndarray:
        full = np.full(self._o.n_groups, self.catalogue.reference_index)
        full[self._idx] = choice
        return self._o.pick(name, full)[self._idx]

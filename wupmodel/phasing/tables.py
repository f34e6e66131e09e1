"""The plan's tables read from the solved model: per year, per zone, per dwelling, and what
binds (see :class:`~wupmodel.phasing.result.Phasing` for their columns)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from wupmodel.phasing.master import LPSolution, Master
from wupmodel.phasing.moments import remaining_value_share
from wupmodel.phasing.problem import TimeProblem
from wupmodel.vocabulary import HEATING_SYSTEMS, INSULATION_LEVELS

#: A switch column counts from this many dwellings on (solver round-off below).
EPS = 1e-7


@dataclass(frozen=True)
class Switches:
    """The switch columns a plan uses: pair, step and dwellings of each."""

    pair: np.ndarray
    step: np.ndarray
    dwellings: np.ndarray

    def of(self, prob: TimeProblem) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(cohort, option, table row) of each switch."""
        cohort = prob.cohort[self.pair]
        return cohort, prob.option[self.pair], prob.row[cohort]


def switches(master: Master, sol: LPSolution) -> Switches:
    """The switch columns with dwellings in ``sol``."""
    x = sol.x[master.cols.x0 : master.n_cols]
    used = x > EPS
    return Switches(master.cf[used], master.cp[used], x[used])


def collective_years(master: Master, sol: LPSolution) -> tuple[np.ndarray, np.ndarray]:
    """Year each zone's heat network is built and LV grid reinforced (NaN = never)."""
    prob, cols = master.prob, master.cols
    years = prob.periods[prob.collective_steps].astype(float)
    n_c = years.size

    def first(values: np.ndarray) -> np.ndarray:
        blocks = values.reshape(-1, n_c) > 0.5
        return np.where(blocks.any(axis=1), years[np.argmax(blocks, axis=1)], np.nan)

    built = first(sol.x[cols.built0 : cols.reinforced0])
    reinforced = first(sol.x[cols.reinforced0 : cols.x0])
    return built, reinforced


def _per_year(prob: TimeProblem, sw: Switches, values: np.ndarray, from_on: bool) -> np.ndarray:
    """Σ values over the switches made in each year (``from_on``: in each year and after)."""
    years = prob.table.years
    start = prob.periods[sw.step] - years[0]
    made = np.bincount(start, weights=values, minlength=years.size)
    return np.cumsum(made) if from_on else made


def _co2_by_year(prob: TimeProblem, sw: Switches) -> np.ndarray:
    """CO2 of the village in every year [kg/yr]."""
    table = prob.table
    cohort, option, row = sw.of(prob)
    ref_row = np.asarray(table.base.reference_option)[prob.row]
    ref = np.asarray(table.base.reference_option)[row]
    out = np.empty(table.years.size)
    for k, year in enumerate(table.years.tolist()):
        co2 = table.co2_kg(year)
        base = float(np.dot(prob.count, co2[prob.row, ref_row]))
        diff = co2[row, option] - co2[row, ref]
        switched = prob.periods[sw.step] <= year
        out[k] = base + float(np.dot(sw.dwellings[switched], diff[switched]))
    return out


def yearly_table(prob: TimeProblem, sw: Switches, binding: pd.DataFrame) -> pd.DataFrame:
    """One row per year (columns: :class:`~wupmodel.phasing.result.Phasing`)."""
    table = prob.table
    cohort, option, row = sw.of(prob)
    heating = prob.heating[option]
    out = pd.DataFrame({"year": table.years})
    for h in HEATING_SYSTEMS:
        out[f"installations_{h}"] = _per_year(prob, sw, sw.dwellings * (heating == h), False)
    level = table.insulation[option]
    for lvl in INSULATION_LEVELS[1:]:
        out[f"insulated_{lvl}"] = _per_year(prob, sw, sw.dwellings * (level == lvl), False)
    out["switches"] = _per_year(prob, sw, sw.dwellings, False)
    capex = np.asarray(table.base.capex_eur, dtype=float)[row, option]
    subsidy = table.subsidy_eur[row, option, np.searchsorted(table.periods, prob.periods[sw.step])]
    out["capex_eur"] = _per_year(prob, sw, sw.dwellings * capex, False)
    out["subsidy_eur"] = _per_year(prob, sw, sw.dwellings * subsidy, False)
    co2 = _co2_by_year(prob, sw)
    reference = _reference_co2(prob)
    out["co2_kg"] = co2
    out["co2_reduction"] = np.where(reference > 0, 1.0 - co2 / np.maximum(reference, 1e-9), 0.0)
    ref = np.asarray(table.base.reference_option)
    today = float(np.dot(prob.count, np.asarray(table.base.peak_kw)[prob.row, ref[prob.row]]))
    peak = prob.peak_diff_kw[sw.pair] * sw.dwellings
    out["grid_peak_kw"] = today * table.diversity + _per_year(prob, sw, peak, True)
    hours = np.array([prob.settings.installer_hours.get(h, 0.0) for h in heating.tolist()])
    out["installer_hours"] = _per_year(prob, sw, sw.dwellings * hours, False)
    gas_free = sw.dwellings * prob.is_gas_free[option]
    out["dwellings_on_gas"] = prob.count.sum() - _per_year(prob, sw, gas_free, True)
    words = binding.groupby("year")["limit"].agg(lambda s: "; ".join(dict.fromkeys(s)))
    out["binding"] = out["year"].map(words).fillna("")
    return out


def _reference_co2(prob: TimeProblem) -> np.ndarray:
    """CO2 of the all-reference village in every year [kg/yr]."""
    table = prob.table
    ref = np.asarray(table.base.reference_option)[prob.row]
    return np.array(
        [float(np.dot(prob.count, table.co2_kg(y)[prob.row, ref])) for y in table.years.tolist()]
    )


def zone_table(prob: TimeProblem, sw: Switches, built: np.ndarray, reinforced: np.ndarray):
    """One row per heat-network zone and per LV grid zone."""
    table, settings = prob.table, prob.settings
    hn, rf = table.heat_networks, table.reinforcements
    cohort, option, _ = sw.of(prob)
    # gas-free dwellings of each gas zone by year; the zone's gas leaves when none is left
    zone_of = prob.gas_zone[cohort]
    years = table.years
    gone = np.zeros((len(prob.gas_zones), years.size))
    free = prob.is_gas_free[option]
    start = prob.periods[sw.step] - years[0]
    np.add.at(gone, (zone_of[free], start[free]), sw.dwellings[free])
    left = prob.gas_zone_dwellings[:, None] - np.cumsum(gone, axis=1)
    off = left <= 1e-6
    gas_year = {
        z: float(years[np.argmax(off[k])]) if off[k].any() else np.nan
        for k, z in enumerate(prob.gas_zones)
    }
    rows = []
    for j, zone in enumerate(hn.names):
        rows.append(("heat_network", zone, hn.dwellings[j], built[j], np.nan, np.nan))
    for j, zone in enumerate(rf.names):
        rows.append(("grid", zone, rf.dwellings[j], np.nan, reinforced[j], gas_year.get(zone)))
    for zone in prob.gas_zones:
        if zone not in rf.names:
            n = prob.gas_zone_dwellings[prob.gas_zones.index(zone)]
            rows.append(("grid", zone, n, np.nan, np.nan, gas_year[zone]))
    frame = pd.DataFrame(
        rows,
        columns=[
            "kind",
            "zone",
            "dwellings",
            "heat_network_year",
            "reinforcement_year",
            "gas_disconnection_year",
        ],
    )
    frame["works_year"] = frame["zone"].map(lambda z: settings.works.get(z, np.nan)).astype(float)
    return frame[["zone", "kind", *frame.columns.drop(["zone", "kind"])]]


def _reasons(prob: TimeProblem, sw: Switches, built: np.ndarray) -> np.ndarray:
    """Why each switch happens when it does (codes of :data:`~wupmodel.phasing.result.REASONS`):
    its zone's network comes that year; else its boiler is due; else it pays for itself then;
    else the CO2 path (or another limit) asks for it."""
    cohort, option, _ = sw.of(prob)
    year = prob.periods[sw.step]
    reason = np.where(prob.delta_eur[sw.pair, sw.step] < 0, "pays_for_itself", "co2_path")
    reason = reason.astype(object)
    share = remaining_value_share(prob.due_year[cohort], year, prob.table.boiler_life_years)
    reason[(share == 0) & prob.is_gas_free[option]] = "boiler_due"
    if built.size:
        zone = prob.network_zone[cohort]
        network_year = np.where(zone >= 0, built[np.maximum(zone, 0)], np.nan)
        reason[prob.is_network[option] & (year == network_year)] = "heat_network"
    return reason


def dwelling_table(
    prob: TimeProblem, sw: Switches, built: np.ndarray, stock_rows: pd.DataFrame
) -> pd.DataFrame:
    """One row per stock row: its cohort's largest choice (module docstring of ``result``).

    ``stock_rows`` has ``dwelling_id``, ``due_year`` and ``cohort`` (its largest cohort).
    """
    table = prob.table
    cohort, option, _ = sw.of(prob)
    n = prob.n_cohorts
    share = sw.dwellings / prob.count[cohort]
    # per cohort its largest switch (ties: the earliest); staying is what is left
    order = np.lexsort((sw.step, -share, cohort))
    first = order[np.r_[True, cohort[order][1:] != cohort[order][:-1]]] if order.size else order
    best = np.full(n, -1)
    best[cohort[first]] = first
    stayed = 1.0 - np.bincount(cohort, weights=share, minlength=n)
    padded = np.append(share, 0.0)  # best = -1 reads the padding
    pick = np.where((best >= 0) & (padded[best] >= stayed - 1e-9), best, -1)
    reasons = _reasons(prob, sw, built)
    options = np.asarray(table.base.option_id).astype(str)
    ref = np.asarray(table.base.reference_option)
    c = stock_rows["cohort"].to_numpy()
    k = pick[c]
    has = k >= 0

    def at(values: np.ndarray, fill) -> np.ndarray:
        return np.append(values, fill)[k] if values.size else np.full(k.size, fill)

    chosen = np.where(has, at(option, 0), ref[prob.row[c]])
    year = np.where(has, at(prob.periods[sw.step].astype(float), np.nan), np.nan)
    return pd.DataFrame(
        {
            "dwelling_id": stock_rows["dwelling_id"].astype(str).to_numpy(),
            "year": year,
            "option_id": options[chosen],
            "heating": prob.heating[chosen],
            "insulation": table.insulation[chosen],
            "share": np.where(has, at(share, 0.0), stayed[c]),
            "boiler_due_year": stock_rows["due_year"].to_numpy(),
            "reason": np.where(has, at(reasons.astype(object), "stays"), "stays"),
        }
    )


#: Row families that can bind, as the tables name them.
LIMITS: dict[str, str] = {
    "heat_pumps": "installer capacity (heat pumps)",
    "insulation": "installer capacity (insulation)",
    "budget": "yearly budget",
    "grid": "LV grid capacity",
    "co2": "CO2 path",
    "notice": "notice before gas leaves",
    "max": "most installations of a system",
}


def binding_table(master: Master, sol: LPSolution) -> pd.DataFrame:
    """The limits whose duals are not zero at the plan (the LP with its collective decisions
    fixed): limit, year, zone and shadow price (the cost's fall per unit relaxed)."""
    prob, rows = master.prob, master.rows
    y = sol.row_dual if sol.row_dual is not None else np.zeros(rows.n)
    kinds = np.asarray(rows.kind)
    found = []
    n_p = prob.periods.size
    rf_names = prob.table.reinforcements.names
    for kind, label in LIMITS.items():
        if kind not in rows.first:
            continue
        idx = np.flatnonzero(kinds == kind)
        local = idx - rows.first[kind]
        for r, k in zip(idx.tolist(), local.tolist(), strict=True):
            if abs(y[r]) <= 1e-6:
                continue
            year, zone = _where(prob, kind, k, n_p, rf_names)
            found.append((label, year, zone, -float(y[r])))
    return pd.DataFrame(found, columns=["limit", "year", "zone", "shadow_price"])


def _where(prob: TimeProblem, kind: str, k: int, n_p: int, rf_names) -> tuple[int, str]:
    """The year and zone of the ``k``-th row of a family."""
    if kind == "co2":
        return int(prob.milestones[k]), ""
    if kind == "grid":
        return int(prob.periods[k % n_p]), rf_names[k // n_p]
    if kind == "notice":
        return int(prob.periods[k % prob.notice_steps]), prob.gas_zones[k // prob.notice_steps]
    if kind == "max":
        return int(prob.table.end_year), sorted(prob.settings.max_installations)[k]
    return int(prob.periods[k]), ""

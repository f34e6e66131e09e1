"""The optimiser's LV grid constraint from the hours, by constraint generation.

A grid zone's design load in hour t (:mod:`wupmodel.gridpeak`) is linear in the dwellings on
each option: Σ n[g, o] · c[g, o, t] with c = h(t) · (1 − 1/N) + p / N (the option's hourly
net load h and own peak p, the zone's N dwellings). The constraint "no hour of the design year
above the zone's capacity" is one row per hour, 8 760 per zone; almost all are slack. So the
model starts from a few candidate hours (each packaged strategy's peak hour per zone), is
solved, and the plan's zone loads are computed over every hour; each zone with an hour above
its capacity (plus its neighbourhood battery's power where one is placed) gets that hour as a
new row, each day whose excess over the capacity does not fit in its battery a row for that
day's excess hours, and each day that leaves no room to recharge it a row for the day's
energy; then it is solved again, until no hour exceeds (:data:`MAX_ROUNDS` at most). Every
row added holds for any plan (they are valid inequalities), so the last plan is optimal for
the whole year. Options are pruned against the candidate rows of each round.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from wupmodel.gridpeak import GridZones, rows_of_pairs, zone_peaks_of_rows
from wupmodel.optimise.plan import Plan
from wupmodel.optimise.problem import GridRows, OptimiseSettings, OptionTable
from wupmodel.outcomes import Outcomes
from wupmodel.params import Params
from wupmodel.physics import hourly_curves, weather_year_of
from wupmodel.physics.hourly_at import LoadsAtHours

__all__ = [
    "HourLoads",
    "hour_loads",
    "forget_hour_loads",
    "Cut",
    "grid_rows",
    "solve_with_hours",
    "MAX_ROUNDS",
]

#: Rounds of constraint generation at most.
MAX_ROUNDS = 12
#: Rows a plan's loads keep for the next plan, at most.
MAX_KNOWN_CUTS = 30
#: An hour counts as above the capacity by more than this [kW].
TOLERANCE_KW = 0.01


class HourLoads:
    """Each table row × option's design-load coefficient at hours, computed as hours are asked
    for (:func:`~wupmodel.physics.hourly_at.load_at_hours` over every feasible group × option;
    an infeasible option's coefficient is 0, as it never takes a dwelling)."""

    def __init__(self, outcomes: Outcomes, group_of_row: np.ndarray, params: Params) -> None:
        self.outcomes = outcomes
        self.params = params
        self.group_of_row = np.asarray(group_of_row, dtype=np.intp)
        n_groups, n_options = outcomes.n_groups, outcomes.catalogue.size
        self.shape = (n_groups, n_options)
        g, o = np.nonzero(np.asarray(outcomes.feasible, dtype=bool))
        self.pair_of = np.full(self.shape, -1, dtype=np.intp)  # (G, O) -> pair, -1 infeasible
        self.pair_of[g, o] = np.arange(g.size)
        self.pairs = rows_of_pairs(outcomes, g, o)
        self.zones = GridZones.of(outcomes)
        self.own_peak_kw = np.nan_to_num(np.asarray(outcomes["peak_kw"], dtype=float))
        self.year = weather_year_of(params, "hourly.design_weather_year")
        self.at_hours = LoadsAtHours(self.pairs, hourly_curves(self.year), params)
        self._hours: dict[int, np.ndarray] = {}
        #: the rows the last plan of these loads ended with: valid for any plan, so the next
        #: plan (another target, the same village) starts from them and mostly needs one solve
        self.known_cuts: list[Cut] = []

    def _coef(self, hours: list[int]) -> np.ndarray:
        """(G, O, T) coefficients of the groups at ``hours``."""
        missing = sorted({h for h in hours if h not in self._hours})
        if missing:
            got = self.at_hours.at(np.array(missing))
            feasible = self.pair_of >= 0
            for k, h in enumerate(missing):  # the new hours, not the dwellings
                full = np.zeros(self.shape)
                full[feasible] = got[self.pair_of[feasible], k]
                self._hours[h] = full
        n = np.maximum(self.zones.dwellings, 1.0)[self.zones.zone_of][:, None]
        fixed = self.own_peak_kw / n
        return np.stack([self._hours[h] * (1.0 - 1.0 / n) + fixed for h in hours], axis=-1)

    def load_of_plan(self, plan: Plan, count: np.ndarray):
        """The plan's :class:`~wupmodel.gridpeak.ZonePeaks` over every hour of the design year."""
        dwellings = np.asarray(plan.shares) * np.asarray(count, dtype=float)[:, None]
        n_go = np.zeros(self.shape)
        np.add.at(n_go, self.group_of_row, dwellings)
        g, o = np.nonzero(n_go > 0)
        pair = self.pair_of[g, o]
        if (pair < 0).any():
            raise ValueError("the plan puts dwellings on an option infeasible in its outcomes")
        rows = self.pairs.take(pair)
        rows = replace(rows, count=n_go[g, o])
        own = n_go[g, o] * self.own_peak_kw[g, o]
        return zone_peaks_of_rows(rows, self.zones.zone_of[g], own, self.zones, self.params)


#: HourLoads kept for the outcomes they were made of (at most this many at a time)
_KEEP = 4
_KEPT: dict[tuple, tuple[weakref.ref, HourLoads]] = {}
_KEPT_LOCK = threading.Lock()


def hour_loads(outcomes: Outcomes, group_of_row: np.ndarray, params: Params) -> HourLoads:
    """The :class:`HourLoads` of ``outcomes``, kept while they live: the same village planned
    again under another target (the app's Plan page) asks for the same loads, and fitting them
    takes about half a second for the default village."""
    rows = np.asarray(group_of_row, dtype=np.intp)
    key = (id(outcomes), rows.tobytes(), tuple(sorted(params.values.items())), id(params.tables))
    with _KEPT_LOCK:
        kept = _KEPT.get(key)
        if kept is not None and kept[0]() is outcomes:
            return kept[1]
    loads = HourLoads(outcomes, rows, params)
    with _KEPT_LOCK:
        for old in [k for k, (ref, _) in _KEPT.items() if ref() is None]:
            del _KEPT[old]
        while len(_KEPT) >= _KEEP:
            del _KEPT[next(iter(_KEPT))]
        _KEPT[key] = (weakref.ref(outcomes), loads)
    return loads


def forget_hour_loads() -> None:
    """Drop every kept :class:`HourLoads` (a benchmark of a village's first plan)."""
    with _KEPT_LOCK:
        _KEPT.clear()


@dataclass(frozen=True)
class Cut:
    """One row of the grid constraint: a zone and its hours.

    ``kind``: ``"hour"`` (the load at one hour, ``hours`` = (t,)), ``"energy"`` (a day's
    excess hours S, which the battery's energy holds) or ``"recharge"`` (a day's 24 hours and
    its excess hours S: room to recharge the battery).
    """

    zone: str
    kind: str
    hours: tuple[int, ...]
    excess: tuple[int, ...] = ()


def grid_rows(loads: HourLoads, cuts: list[Cut], eta: float) -> GridRows:
    """The :class:`~wupmodel.optimise.problem.GridRows` of ``cuts`` for the table's rows."""
    needed = sorted({h for c in cuts for h in c.hours + c.excess})
    coef = loads._coef(needed)[loads.group_of_row]  # (G_table, O, T)
    column = {h: k for k, h in enumerate(needed)}
    out, cap, power, energy, names = [], [], [], [], []
    for c in cuts:  # the candidate rows, a few dozen

        def total(hours: tuple[int, ...]) -> np.ndarray:
            return coef[:, :, [column[h] for h in hours]].sum(axis=2)

        if c.kind == "hour":
            out.append(total(c.hours))
            cap.append(1.0), power.append(1.0), energy.append(0.0)
            names.append(f"grid:{c.zone}@h{c.hours[0]}")
        elif c.kind == "energy":
            out.append(total(c.hours))
            cap.append(float(len(c.hours))), power.append(0.0), energy.append(1.0)
            names.append(f"grid_battery_energy:{c.zone}@d{c.hours[0] // 24}")
        else:
            out.append(total(c.hours) + total(c.excess) / eta)
            cap.append(24.0 + len(c.excess) / eta), power.append(0.0), energy.append(0.0)
            names.append(f"grid_battery_recharge:{c.zone}@d{c.hours[0] // 24}")
    return GridRows(
        coef=np.stack(out, axis=-1),
        zone=np.array([c.zone for c in cuts]),
        cap_mult=np.array(cap),
        power_mult=np.array(power),
        energy_mult=np.array(energy),
        name=np.array(names),
    )


def _new_cuts(plan: Plan, peaks, settings: OptimiseSettings, known: set) -> list[Cut]:
    """The rows the plan breaks: per zone its worst hour, a day's excess beyond its battery,
    a day without room to recharge it."""
    battery = settings.neighbourhood_battery
    eta = 1.0 if battery is None else float(battery.round_trip_efficiency)
    cuts: list[Cut] = []
    hours: set[int] = set()
    for k, zone in enumerate(peaks.names):  # the grid zones, a handful
        if zone not in plan.grid_capacity_kw:
            continue  # unconstrained
        limit = plan.grid_capacity_kw[zone]
        placed = bool(plan.grid_battery.get(zone, False))
        load = peaks.load_kw[k]
        shaved = limit + (battery.power_kw if placed and battery is not None else 0.0)
        hours |= _worst_hours(load, shaved)
        if placed and battery is not None:
            cuts += _battery_cuts(zone, load, limit, battery.energy_kwh, eta)
    # an hour one zone exceeds at is a likely peak of the others (their dwellings are alike)
    cuts += [Cut(z, "hour", (h,)) for z in plan.grid_capacity_kw for h in sorted(hours)]
    return [c for c in cuts if (c.zone, c.kind, c.hours, c.excess) not in known]


def _worst_hours(load: np.ndarray, limit: float, days: int = 3) -> set[int]:
    """The peak hours of the (up to) ``days`` days on which the load exceeds ``limit`` most."""
    peak = load.reshape(-1, 24).max(axis=1)
    worst = np.argsort(-peak)[:days]
    worst = worst[peak[worst] > limit + TOLERANCE_KW]
    return {int(24 * d + load[24 * d : 24 * d + 24].argmax()) for d in worst}


def _battery_cuts(zone: str, load: np.ndarray, limit: float, energy_kwh: float, eta: float):
    """A zone's days whose excess does not fit in its battery, or that leave no room to
    recharge it: one cut each for the worst such day."""
    days = load.reshape(-1, 24)
    over = np.maximum(days - limit, 0.0)
    cuts = []
    day = int(over.sum(axis=1).argmax())
    if over[day].sum() > energy_kwh + TOLERANCE_KW:
        hours = tuple(int(24 * day + h) for h in np.flatnonzero(over[day] > 0))
        cuts.append(Cut(zone, "energy", hours))
    use = days.sum(axis=1) + over.sum(axis=1) / eta
    day = int(use.argmax())
    if use[day] > 24.0 * limit + TOLERANCE_KW:
        excess = tuple(int(24 * day + h) for h in np.flatnonzero(over[day] > 0))
        cuts.append(Cut(zone, "recharge", tuple(range(24 * day, 24 * day + 24)), excess))
    return cuts


def solve_with_hours(
    table: OptionTable,
    settings: OptimiseSettings,
    loads: HourLoads,
    first_hours: list[int],
    solve: Callable[[OptionTable], Plan],
) -> tuple[Plan, OptionTable]:
    """Solve ``table`` with its grid constraint over every hour of the design year.

    Returns the plan (its ``peak_kw`` the zones' design peaks over all hours) and the table
    with the final rows (for a Pareto front on the same rows). The candidate rows are
    ``first_hours`` in every zone and the rows ``loads``' last plan ended with
    (:attr:`HourLoads.known_cuts`): every row holds for any plan, so the optimum is the same
    whatever came before; only among equally cheap plans may the one returned differ.
    """
    battery = settings.neighbourhood_battery
    eta = 1.0 if battery is None else float(battery.round_trip_efficiency)
    cuts = [Cut(z, "hour", (h,)) for z in loads.zones.names for h in sorted(set(first_hours))]
    cuts += [c for c in loads.known_cuts if c not in cuts]
    known = {(c.zone, c.kind, c.hours, c.excess) for c in cuts}
    for rounds in range(1, MAX_ROUNDS + 1):  # rounds of constraint generation, a few
        current = replace(table, grid_rows=grid_rows(loads, cuts, eta))
        plan = solve(current)
        if not plan.has_solution:
            return plan, current
        peaks = loads.load_of_plan(plan, table.count)
        new = _new_cuts(plan, peaks, settings, known)
        plan.peak_kw = {z: float(p) for z, p in zip(peaks.names, peaks.peak_kw, strict=True)}
        if not new:
            loads.known_cuts = cuts[:MAX_KNOWN_CUTS]
            plan.notices.append(
                f"grid constraint from the hours of {loads.year}: {len(cuts)} candidate rows, "
                f"{rounds} solve(s); no hour of the year above a zone's capacity"
            )
            return plan, current
        cuts += new
        known |= {(c.zone, c.kind, c.hours, c.excess) for c in new}
    plan.notices.append(
        f"grid constraint from the hours of {loads.year}: after {MAX_ROUNDS} solves some hours "
        "still exceed a zone's capacity; the plan's grid peaks say by how much"
    )
    return plan, current

"""The time path as numbers per cohort × option (a *pair*) × step: costs, CO2, peaks.

A *cohort* is a row of the option table (a dwelling group, or a dwelling) whose boilers are
due in the same year. Its dwellings either stay on the reference (a gas boiler at the current
insulation, replaced when due) or switch, once, to an option at the start of a step. Only the
pairs (cohort, option) that can be in an optimal plan are kept (:func:`undominated`); ``F``
pairs, ``P`` steps, ``M`` CO2 milestones. :class:`TimeProblem` holds what the model's columns
and rows need, computed once:

``delta_eur`` (F, P)
    What a switch adds to the discounted cost of staying: the option's present value from the
    step on minus the reference's from the same step (both bought then, both with their
    residual value at the end credited), plus, for an option that scraps the gas boiler, the
    boiler's straight-line remaining value then (:mod:`wupmodel.phasing.moments`).
``co2_diff_kg`` (F, M)
    The option's CO2 minus the reference's in each milestone year [kg/yr per dwelling].
``budget_eur`` (F, P)
    What a switch draws on the yearly budget: investment net of subsidy, or the subsidy.
``peak_diff_kw`` (F,)
    Electric peak after diversity minus the reference's [kW per dwelling].
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from wupmodel.optimise import HEAT_NETWORK_SYSTEMS
from wupmodel.phasing.moments import period_starts, remaining_value_share
from wupmodel.phasing.settings import PhasingSettings
from wupmodel.phasing.table import HEAT_PUMP_SYSTEMS, KEEPS_BOILER, PhasedTable

#: One join row per cohort and collective step (True: the LP's network decisions come out
#: nearly whole) or one per zone (False: fewer rows, a weaker bound).
STRONG_JOIN = True


def _codes(names: np.ndarray, known: tuple[str, ...]) -> np.ndarray:
    """Position of each name in ``known`` (-1 = not there)."""
    lookup = {z: j for j, z in enumerate(known)}
    return np.array([lookup.get(str(z), -1) for z in names.tolist()], dtype=np.int64)


@dataclass(frozen=True)
class TimeProblem:
    """Figures per pair × step (see the module docstring).

    Attributes
    ----------
    table, settings
        What the problem was built from.
    row, count, due_year
        (N,) option-table row, dwellings and the year the boilers are due, per cohort.
    cohort, option
        (F,) each pair's cohort and option.
    allowed
        (F, P) the switch is possible then (feasible, within the monthly-cost limit).
    delta_eur, co2_diff_kg, budget_eur, peak_diff_kw
        See the module docstring.
    milestones, reductions, co2_reference_kg
        (M,) milestone years, required reductions and the all-reference village's CO2 then.
    is_heat_pump, is_insulation, is_network, is_gas_free, heating
        (O,) what an option is: counted by the heat-pump and insulation capacity, on a heat
        network, without gas; its heating system.
    network_zone, grid_zone, gas_zone
        (N,) each cohort's heat-network zone (index into ``table.heat_networks``),
        constrained grid zone (``table.reinforcements``) and gas zone (:attr:`gas_zones`);
        -1 = none.
    gas_zones, gas_zone_dwellings
        Zones whose gas leaves together (the LV grid zones) and their dwellings.
    grid_room_kw
        (K,) peak the grid of each constrained zone can take above today's [kW].
    notice_steps
        Steps that start before the notice has run (no zone entirely off gas then).
    collective_steps, step_block
        (C,) the steps in which a heat network may be built or a grid reinforced, and (P,) for
        each step the last of them at or before it.
    network_eligible
        (Z,) dwellings of each heat-network zone that may join its network.
    joiner, join_zone, join_size
        (N,) each cohort's *join group* (-1 = may join no network), and per join group its
        network zone and dwellings: one group per cohort (the strong form of 'no network,
        nobody joins', :data:`STRONG_JOIN`), else one per zone.
    grid_added_kw
        (K,) capacity a reinforcement adds that the zone can use: the least of what it adds
        and the most the zone's switches could ever need above today's room [kW].
    reference_eur
        Present value of every dwelling staying on the reference [€].
    pairs_dropped
        Pairs left out because another option of the cohort is as good in every figure.
    """

    table: PhasedTable
    settings: PhasingSettings
    row: np.ndarray
    count: np.ndarray
    due_year: np.ndarray
    cohort: np.ndarray
    option: np.ndarray
    allowed: np.ndarray
    delta_eur: np.ndarray
    co2_diff_kg: np.ndarray
    budget_eur: np.ndarray | None
    peak_diff_kw: np.ndarray
    milestones: np.ndarray
    reductions: np.ndarray
    co2_reference_kg: np.ndarray
    is_heat_pump: np.ndarray
    is_insulation: np.ndarray
    is_network: np.ndarray
    is_gas_free: np.ndarray
    heating: np.ndarray
    network_zone: np.ndarray
    grid_zone: np.ndarray
    gas_zone: np.ndarray
    gas_zones: tuple[str, ...]
    gas_zone_dwellings: np.ndarray
    grid_room_kw: np.ndarray
    notice_steps: int
    collective_steps: np.ndarray
    step_block: np.ndarray
    network_eligible: np.ndarray
    joiner: np.ndarray
    join_zone: np.ndarray
    join_size: np.ndarray
    grid_added_kw: np.ndarray
    reference_eur: float
    pairs_dropped: int = 0

    @property
    def n_cohorts(self) -> int:
        """Number of cohorts ``N``."""
        return int(self.row.size)

    @property
    def n_pairs(self) -> int:
        """Number of pairs ``F``."""
        return int(self.cohort.size)

    @property
    def periods(self) -> np.ndarray:
        """(P,) first year of each step."""
        return self.table.periods


def _options(table: PhasedTable) -> dict[str, np.ndarray]:
    """What each option is (flags by option)."""
    heating = np.asarray(table.base.heating).astype(str)
    return {
        "heating": heating,
        "is_heat_pump": np.isin(heating, HEAT_PUMP_SYSTEMS),
        "is_insulation": table.insulation != "current",
        "is_network": np.isin(heating, HEAT_NETWORK_SYSTEMS),
        "is_gas_free": ~np.isin(heating, KEEPS_BOILER),
    }


def _allowed(table: PhasedTable, row: np.ndarray, settings: PhasingSettings) -> np.ndarray:
    """(N, O, P): feasible, a heat network only inside a network zone, within the monthly
    limit at the switch, never the reference itself."""
    base = table.base
    heating = np.asarray(base.heating).astype(str)
    feasible = np.asarray(base.feasible, dtype=bool).copy()
    outside = np.asarray(base.heat_network_zone).astype(str) == ""
    feasible[np.ix_(outside, np.isin(heating, HEAT_NETWORK_SYSTEMS))] = False
    ref = np.asarray(base.reference_option)
    feasible[np.arange(ref.size), ref] = False
    allowed = np.repeat(feasible[:, :, None], table.periods.size, axis=2)
    limit = settings.max_monthly_increase_eur
    if limit is not None:
        allowed &= table.monthly_change_eur <= float(limit) + 1e-9
    return allowed[row]


def _delta(table: PhasedTable, row: np.ndarray, due: np.ndarray, scraps: np.ndarray) -> np.ndarray:
    """(N, O, P) discounted cost of a switch vs staying (see the module docstring)."""
    ref = np.asarray(table.base.reference_option)[row]
    npv = table.npv_eur[row]
    delta = npv - npv[np.arange(row.size), ref][:, None, :]
    share = remaining_value_share(due[:, None], table.periods[None, :], table.boiler_life_years)
    stranded = table.boiler_eur[row][:, None] * share * table.discount(table.periods)[None, :]
    delta += stranded[:, None, :] * scraps[None, :, None]
    return delta


def _budget(table: PhasedTable, row: np.ndarray, settings: PhasingSettings) -> np.ndarray | None:
    """(N, O, P) what a switch draws on the yearly budget, or ``None`` without a budget."""
    if settings.budget_eur_per_year is None:
        return None
    subsidy = table.subsidy_eur[row]
    if settings.budget_basis == "subsidy":
        return subsidy
    return np.asarray(table.base.capex_eur, dtype=float)[row][:, :, None] - subsidy


def _co2(table: PhasedTable, row: np.ndarray, count: np.ndarray, settings: PhasingSettings):
    """Milestones, reductions, the reference's CO2 then and each option's difference."""
    milestones = np.array(sorted(settings.co2_path), dtype=np.int64)
    reductions = np.array([settings.co2_path[y] for y in milestones.tolist()], dtype=float)
    ref = np.asarray(table.base.reference_option)[row]
    diffs, reference = [], []
    for year in milestones.tolist():
        co2 = table.co2_kg(year)[row]
        at_ref = co2[np.arange(row.size), ref]
        diffs.append(co2 - at_ref[:, None])
        reference.append(float(np.dot(count, at_ref)))
    n, o = row.size, table.insulation.size
    diff = np.stack(diffs, axis=2) if diffs else np.zeros((n, o, 0))
    return milestones, reductions, np.array(reference), diff


def _zones(table: PhasedTable, row: np.ndarray, count: np.ndarray) -> dict[str, object]:
    """Each cohort's zones, the gas zones and the grid's room above today's peak."""
    base = table.base
    grid_names = np.asarray(base.grid_zone).astype(str)[row]
    gas_zones = tuple(sorted(set(grid_names.tolist())))
    gas_zone = _codes(grid_names, gas_zones)
    dwellings = np.bincount(gas_zone, weights=count, minlength=len(gas_zones))
    grid_zone = _codes(grid_names, table.reinforcements.names)
    ref = np.asarray(base.reference_option)[row]
    peak = np.asarray(base.peak_kw, dtype=float)[row] * table.diversity
    today = np.bincount(
        grid_zone[grid_zone >= 0],
        weights=(count * peak[np.arange(row.size), ref])[grid_zone >= 0],
        minlength=table.reinforcements.n,
    )
    return {
        "network_zone": _codes(
            np.asarray(base.heat_network_zone).astype(str)[row], table.heat_networks.names
        ),
        "grid_zone": grid_zone,
        "gas_zone": gas_zone,
        "gas_zones": gas_zones,
        "gas_zone_dwellings": dwellings,
        "grid_room_kw": np.maximum(table.reinforcements.capacity_kw - today, 0.0),
        "peak_diff_kw": peak - peak[np.arange(row.size), ref][:, None],
    }


def undominated(figures: list[np.ndarray], allowed: np.ndarray, classes: np.ndarray) -> np.ndarray:
    """(N, O) options that no other option of the same class beats in every figure.

    Option ``j`` of a cohort is dropped when an option ``k`` of the same class (the same rows
    of capacity, heat network, gas and installation limits) is allowed in every step ``j``
    is, and is at least as good in every figure — the switch's cost and budget figure in
    every step, CO2 in every milestone year, the peak — and strictly better in one (exact
    ties keep the first). Any plan using ``j`` can move its dwellings to ``k``, step for step,
    without breaking a row or raising the cost, so the optimum is unchanged.

    Parameters
    ----------
    figures
        Arrays (N, O, D_k): smaller is better; entries of steps a switch is not allowed in are
        ``inf``.
    allowed
        (N, O, P) where a switch is allowed.
    classes
        (O,) class label of each option.
    """
    values = np.concatenate([np.where(np.isfinite(f), f, np.inf) for f in figures], axis=2)
    keep = allowed.any(axis=2)
    for label in np.unique(classes):
        cols = np.flatnonzero(classes == label)
        keep[:, cols] &= ~_dominated(values[:, cols, :], keep[:, cols])
    return keep


#: Figures the dominance filter compares on the whole (cohort, option, option) cube before it
#: keeps only the triples still in play.
DENSE_FIGURES = 3


def _dominated(v: np.ndarray, ok: np.ndarray) -> np.ndarray:
    """(N, n) options of one class that another (``k``) beats: as good in every figure of
    ``v`` (N, n, D), better in one or an equal earlier one (exact ties keep the first). The
    first :data:`DENSE_FIGURES` figures are compared on the whole cube; then the triples
    (cohort, k, j) still in play are kept as index arrays and each figure thins them."""
    n_rows, n = ok.shape
    # the figures least alike first (the last, then every few): fewer triples stay in play
    n_d = v.shape[2]
    order = np.r_[np.arange(n_d - 1, -1, -max(1, n_d // 4)), np.arange(n_d)]
    order = order[np.sort(np.unique(order, return_index=True)[1])]
    flat = np.moveaxis(v, 2, 0).reshape(n_d, -1)  # (D, N * n): one figure per row
    pairs = ok[:, :, None] & ok[:, None, :]
    pairs[:, np.arange(n), np.arange(n)] = False
    strictly = np.zeros_like(pairs)
    strictly[:] = np.arange(n)[:, None] < np.arange(n)[None, :]  # an exact tie keeps the first
    for d in order[:DENSE_FIGURES]:  # dense while most triples are in play
        vd = flat[d].reshape(n_rows, n)
        vk, vj = vd[:, :, None], vd[:, None, :]
        pairs &= vk <= vj
        strictly |= vk < vj
    i, k, j = np.nonzero(pairs)
    at_k, at_j = i * n + k, i * n + j
    strictly = strictly[i, k, j]
    for d in order[DENSE_FIGURES:]:
        vk, vj = flat[d, at_k], flat[d, at_j]
        live = vk <= vj
        strictly = strictly[live] | (vk[live] < vj[live])
        at_k, at_j = at_k[live], at_j[live]
        if not at_k.size:
            break
    dominated = np.zeros(n_rows * n, dtype=bool)
    dominated[at_j[strictly]] = True
    return dominated.reshape(n_rows, n)


def _classes(flags: dict[str, np.ndarray], settings: PhasingSettings) -> np.ndarray:
    """(O,) options that share every row but the figures compared: capacity, network, gas,
    and the heating system where the scenario limits its installations."""
    limited = np.isin(flags["heating"], list(settings.max_installations))
    code = (
        flags["is_heat_pump"].astype(int)
        + 2 * flags["is_insulation"]
        + 4 * flags["is_network"]
        + 8 * flags["is_gas_free"]
    )
    return np.where(limited, np.char.add("limited:", flags["heating"]), code.astype(str))


def collective_steps(table: PhasedTable, settings: PhasingSettings) -> np.ndarray:
    """Steps in which collective works may happen (see ``collective_step`` of the settings):
    the first, those on the 5-year grid, those holding a works year, and the first one after
    the reinforcement lead time."""
    periods = table.periods
    if settings.collective_step == 1:
        return np.arange(periods.size)
    years = list(period_starts(table.start_year, table.end_year, settings.collective_step))
    years += list(settings.works.values())
    years.append(table.start_year + settings.reinforcement_lead_years)
    years = np.array([y for y in years if y <= table.end_year], dtype=np.int64)
    holding = np.searchsorted(periods, years, side="right") - 1
    return np.unique(np.concatenate([[0], holding[holding >= 0]]))


def _collective(table: PhasedTable, allowed, row, count, zones, peak, settings) -> dict:
    """Collective steps, the dwellings that may join each network, the usable reinforcement."""
    steps = collective_steps(table, settings)
    block = np.searchsorted(steps, np.arange(table.periods.size), side="right") - 1
    hn, rf = table.heat_networks, table.reinforcements
    joins = (allowed.any(axis=2) & np.isin(table.base.heating, HEAT_NETWORK_SYSTEMS)).any(axis=1)
    zone = zones["network_zone"]
    eligible = np.bincount(
        zone[joins & (zone >= 0)], weights=count[joins & (zone >= 0)], minlength=hn.n
    )
    most = np.max(np.where(allowed.any(axis=2), peak, 0.0), axis=1).clip(min=0.0)
    grid = zones["grid_zone"]
    need = np.bincount(grid[grid >= 0], weights=(count * most)[grid >= 0], minlength=rf.n)
    added = np.minimum(rf.added_kw, np.maximum(need - zones["grid_room_kw"], 0.0))
    may = joins & (zone >= 0)
    if STRONG_JOIN:
        joiner = np.where(may, np.cumsum(may) - 1, -1)
        join_zone, join_size = zone[may], count[may]
    else:
        joiner = np.where(may, zone, -1)
        join_zone, join_size = np.arange(hn.n), eligible
    return {
        "collective_steps": steps,
        "step_block": block,
        "network_eligible": eligible,
        "joiner": joiner,
        "join_zone": np.asarray(join_zone, dtype=np.int64),
        "join_size": np.asarray(join_size, dtype=float),
        "grid_added_kw": added,
    }


def time_problem(
    table: PhasedTable, cohorts: pd.DataFrame, settings: PhasingSettings
) -> TimeProblem:
    """The figures of the time path for these cohorts (dominated pairs left out).

    Parameters
    ----------
    table
        The option table per switch step.
    cohorts
        ``row`` (of ``table.base``), ``due_year`` and ``count`` per cohort.
    settings
        The time path's settings.
    """
    row = cohorts["row"].to_numpy(dtype=np.int64)
    count = cohorts["count"].to_numpy(dtype=float)
    due = cohorts["due_year"].to_numpy(dtype=np.int64)
    flags = _options(table)
    milestones, reductions, reference, diff = _co2(table, row, count, settings)
    zones = _zones(table, row, count)
    allowed = _allowed(table, row, settings)
    delta = _delta(table, row, due, flags["is_gas_free"].astype(float))
    budget = _budget(table, row, settings)
    peak = zones.pop("peak_diff_kw")
    gated = [np.where(allowed, delta, np.inf), diff, peak[:, :, None]]
    if budget is not None:
        gated.append(np.where(allowed, budget, np.inf))
    keep = undominated(gated, allowed, _classes(flags, settings))
    collective = _collective(table, allowed, row, count, zones, peak, settings)
    cohort, option = np.nonzero(keep)
    ref = np.asarray(table.base.reference_option)[row]
    stranded_now = table.boiler_eur[row] * remaining_value_share(
        due, table.start_year, table.boiler_life_years
    )
    return TimeProblem(
        table=table,
        settings=settings,
        row=row,
        count=count,
        due_year=due,
        cohort=cohort,
        option=option,
        allowed=allowed[cohort, option],
        delta_eur=delta[cohort, option],
        co2_diff_kg=diff[cohort, option],
        budget_eur=None if budget is None else budget[cohort, option],
        peak_diff_kw=peak[cohort, option],
        milestones=milestones,
        reductions=reductions,
        co2_reference_kg=reference,
        notice_steps=int(np.sum(table.periods < table.start_year + settings.notice_years)),
        reference_eur=float(np.dot(count, table.npv_eur[row, ref, 0] - stranded_now)),
        pairs_dropped=int(allowed.any(axis=2).sum() - cohort.size),
        **flags,
        **zones,
        **collective,
    )


def coarsen(prob: TimeProblem, steps: np.ndarray, weak_join: bool = False) -> TimeProblem:
    """The same problem with switches only at the start of the given steps (a subset of
    ``prob``'s, the first included); each new step lasts until the next one. ``weak_join``:
    one join row per heat-network zone and collective step instead of one per cohort (far
    fewer rows, a weaker bound)."""
    steps = np.asarray(steps, dtype=np.int64)
    if weak_join and prob.join_size.size:
        may = prob.joiner >= 0
        prob = replace(
            prob,
            joiner=np.where(may, prob.network_zone, -1),
            join_zone=np.arange(prob.table.heat_networks.n),
            join_size=np.asarray(prob.network_eligible, dtype=float),
        )
    t = prob.table
    periods = t.periods[steps]
    lengths = np.diff(np.append(periods, t.end_year + 1))
    table = replace(
        t,
        periods=periods,
        lengths=lengths,
        npv_eur=t.npv_eur[:, :, steps],
        subsidy_eur=t.subsidy_eur[:, :, steps],
        monthly_change_eur=t.monthly_change_eur[:, :, steps],
        heat_networks=replace(t.heat_networks, pv_eur=t.heat_networks.pv_eur[:, steps]),
        reinforcements=replace(t.reinforcements, pv_eur=t.reinforcements.pv_eur[:, steps]),
    )
    block = np.searchsorted(steps, prob.collective_steps, side="right") - 1
    kept = np.unique(block[block >= 0])
    return replace(
        prob,
        table=table,
        collective_steps=kept,
        step_block=np.searchsorted(kept, np.arange(steps.size), side="right") - 1,
        allowed=prob.allowed[:, steps],
        delta_eur=prob.delta_eur[:, steps],
        budget_eur=None if prob.budget_eur is None else prob.budget_eur[:, steps],
        notice_steps=int(np.sum(periods < t.start_year + prob.settings.notice_years)),
    )

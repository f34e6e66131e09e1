"""The time-indexed model as a HiGHS model whose switch columns are added as they are needed.

Columns
-------
``stay[i]``
    Dwellings of cohort ``i`` that stay on the reference (cost 0: every cost is counted
    against staying).
``short[m]``
    CO2 above the milestone ``m``'s cap [kg/yr], at :data:`SHORTFALL_EUR_PER_KG`; zero in a
    plan that meets the path (what is left when no plan can is the best reachable path).
``missing[z]``
    Dwellings a built heat network lacks to its minimum share, at
    :data:`MISSING_EUR_PER_DWELLING` (so that a restricted model stays feasible while its
    columns are generated; never in a plan).
``built[z, c]``, ``reinforced[k, c]``
    The heat network of zone ``z`` is built, the LV grid of zone ``k`` reinforced, by the
    collective step ``c`` (cumulative: 0 or 1, never back; the cost of building in step ``c``
    telescoped over the collective steps, :attr:`TimeProblem.collective_steps`). A
    reinforcement is closed before its lead time has run.
``x[f, p]``
    Dwellings of pair ``f`` (a cohort and an option) that switch at the start of step ``p``;
    added by :meth:`~wupmodel.phasing.master.Master.add` (column generation,
    :mod:`wupmodel.phasing.search`).

Rows
----
``assign[i]``  stay + Σ x = the cohort's dwellings.
``co2[m]``     Σ_{p starts ≤ m} co2 difference · x − short[m] ≤ −reduction · reference CO2.
``heat_pumps[p]``, ``insulation[p]``  switches in step ``p`` ≤ capacity × the step's years.
``budget[p]``  Σ budget figure · x ≤ budget × the step's years.
``grid[k, p]`` Σ_{p' ≤ p} diversity · peak difference · x − added kW · reinforced ≤ room.
``join[i, c]`` a cohort's network switches by the end of collective step ``c`` − its dwellings
               · built[z, c] ≤ 0 (per cohort: the strong form of 'no network, nobody joins').
``share[z]``   all network switches in ``z`` − minimum share · dwellings · built by the end ≥ 0.
``order``      built[z, p] ≤ built[z, p + 1] (and reinforced).
``notice[g, p]`` for steps before the notice has run: gas-free dwellings of gas zone ``g`` by
               step ``p`` ≤ its dwellings − 1 (the zone keeps its gas).
``max[h]``     Σ x on heating system ``h`` ≤ the scenario's maximum.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from wupmodel.phasing.problem import TimeProblem

#: What a kg/yr of CO2 above a milestone's cap costs in the model [€ per kg/yr]: far above any
#: switch's cost per kg, so the model meets the path whenever it can.
SHORTFALL_EUR_PER_KG = 1.0e4

#: What a dwelling missing from a built network's minimum share costs in the model [€].
MISSING_EUR_PER_DWELLING = 1.0e9

#: Dwellings a zone keeps on gas until the notice has run.
NOTICE_KEEP_DWELLINGS = 1.0

_INF = np.inf


@dataclass
class Rows:
    """Row offsets of each family and their bounds (built once)."""

    lower: list[float] = field(default_factory=list)
    upper: list[float] = field(default_factory=list)
    kind: list[str] = field(default_factory=list)
    first: dict[str, int] = field(default_factory=dict)

    def block(self, kind: str, lower: np.ndarray, upper: np.ndarray) -> int:
        """Append rows of one family; returns the first row's index."""
        lower = np.atleast_1d(np.asarray(lower, dtype=float))
        upper = np.broadcast_to(np.asarray(upper, dtype=float), lower.shape)
        self.first[kind] = len(self.lower)
        self.lower += lower.tolist()
        self.upper += upper.tolist()
        self.kind += [kind] * lower.size
        return self.first[kind]

    @property
    def n(self) -> int:
        """Number of rows."""
        return len(self.lower)


def _capacity_rows(rows: Rows, prob: TimeProblem) -> None:
    """Installer capacity and the budget per step (only those that are set)."""
    s, lengths = prob.settings, prob.table.lengths.astype(float)
    if np.isfinite(s.heat_pumps_per_year):
        rows.block("heat_pumps", np.full(lengths.size, -_INF), s.heat_pumps_per_year * lengths)
    if np.isfinite(s.insulation_jobs_per_year):
        rows.block("insulation", np.full(lengths.size, -_INF), s.insulation_jobs_per_year * lengths)
    if prob.budget_eur is not None:
        rows.block("budget", np.full(lengths.size, -_INF), s.budget_eur_per_year * lengths)


def _zone_rows(rows: Rows, prob: TimeProblem) -> None:
    """Grid capacity, the heat-network link and minimum share, and the order of the steps."""
    n_p = prob.periods.size
    hn, rf = prob.table.heat_networks, prob.table.reinforcements
    if rf.n:
        rows.block("grid", np.full(rf.n * n_p, -_INF), np.repeat(prob.grid_room_kw, n_p))
    n_c = prob.collective_steps.size
    n_join = prob.join_size.size
    if hn.n and n_join:
        rows.block("join", np.full(n_join * n_c, -_INF), 0.0)
    if hn.n:
        rows.block("share", np.zeros(hn.n), _INF)
    if n_c > 1 and hn.n:
        rows.block("order_built", np.full(hn.n * (n_c - 1), -_INF), 0.0)
    if n_c > 1 and rf.n:
        rows.block("order_reinforced", np.full(rf.n * (n_c - 1), -_INF), 0.0)


def build_rows(prob: TimeProblem) -> Rows:
    """Every row of the model, with its bounds (the module docstring lists them)."""
    rows = Rows()
    rows.block("assign", prob.count, prob.count)
    if prob.milestones.size:
        rows.block(
            "co2",
            np.full(prob.milestones.size, -_INF),
            -prob.reductions * prob.co2_reference_kg,
        )
    _capacity_rows(rows, prob)
    _zone_rows(rows, prob)
    if prob.notice_steps:
        keep = np.minimum(NOTICE_KEEP_DWELLINGS, prob.gas_zone_dwellings)
        upper = np.repeat(prob.gas_zone_dwellings - keep, prob.notice_steps)
        rows.block("notice", np.full(upper.size, -_INF), upper)
    limits = prob.settings.max_installations
    if limits:
        rows.block(
            "max", np.full(len(limits), -_INF), np.array([limits[h] for h in sorted(limits)])
        )
    return rows


@dataclass
class Columns:
    """Column offsets: ``stay | short | missing | built | reinforced | x...``."""

    n_stay: int
    n_short: int
    n_missing: int
    n_built: int
    n_reinforced: int

    @property
    def short0(self) -> int:
        return self.n_stay

    @property
    def missing0(self) -> int:
        return self.n_stay + self.n_short

    @property
    def built0(self) -> int:
        return self.missing0 + self.n_missing

    @property
    def reinforced0(self) -> int:
        return self.built0 + self.n_built

    @property
    def x0(self) -> int:
        return self.reinforced0 + self.n_reinforced


def _triplets(*parts: tuple[np.ndarray, np.ndarray, np.ndarray]):
    """Concatenated (row, column, value) triplets."""
    r = np.concatenate([np.asarray(p[0], dtype=np.int64) for p in parts])
    c = np.concatenate([np.asarray(p[1], dtype=np.int64) for p in parts])
    v = np.concatenate([np.asarray(p[2], dtype=float) for p in parts])
    return r, c, v


def fixed_columns(prob: TimeProblem, rows: Rows) -> tuple[Columns, dict[str, np.ndarray]]:
    """The columns every model has: stay, shortfall, built and reinforced; their costs, bounds
    and matrix entries (triplets)."""
    n = prob.row.size
    n_c = prob.collective_steps.size
    hn, rf = prob.table.heat_networks, prob.table.reinforcements
    cols = Columns(n, prob.milestones.size, hn.n, hn.n * n_c, rf.n * n_c)
    parts = [(rows.first["assign"] + np.arange(n), np.arange(n), np.ones(n))]
    if cols.n_short:
        m = np.arange(cols.n_short)
        parts.append((rows.first["co2"] + m, cols.short0 + m, -np.ones(m.size)))
    if cols.n_missing:
        z = np.arange(cols.n_missing)
        parts.append((rows.first["share"] + z, cols.missing0 + z, np.ones(z.size)))
    parts += _collective_entries(prob, rows, cols.built0, hn, "built", "join")
    parts += _collective_entries(prob, rows, cols.reinforced0, rf, "reinforced", "grid")
    r, c, v = _triplets(*parts) if parts else (np.zeros(0),) * 3
    cost = np.zeros(cols.x0)
    cost[cols.short0 : cols.missing0] = SHORTFALL_EUR_PER_KG
    cost[cols.missing0 : cols.built0] = MISSING_EUR_PER_DWELLING
    steps = prob.collective_steps
    cost[cols.built0 : cols.reinforced0] = _telescoped(hn.pv_eur[:, steps]).ravel()
    cost[cols.reinforced0 : cols.x0] = _telescoped(rf.pv_eur[:, steps]).ravel()
    upper = np.full(cols.x0, _INF)
    upper[cols.built0 :] = 1.0
    lead = prob.table.start_year + prob.settings.reinforcement_lead_years
    closed = np.tile(prob.periods[steps] < lead, rf.n)
    upper[cols.reinforced0 : cols.x0][closed] = 0.0
    return cols, {"row": r, "col": c, "val": v, "cost": cost, "upper": upper}


def _telescoped(pv: np.ndarray) -> np.ndarray:
    """Cost of a cumulative 'by step p' column: pv[p] − pv[p + 1] (0 after the last step), so
    the first step at 1 pays that step's cost."""
    return pv - np.concatenate([pv[:, 1:], np.zeros((pv.shape[0], 1))], axis=1)


def _collective_entries(prob: TimeProblem, rows: Rows, col0: int, zones, name: str, link: str):
    """Matrix entries of ``built[z, c]`` (link rows of the steps ``c`` covers, the share and
    order rows) or ``reinforced[k, c]`` (grid and order rows); ``c`` a collective step."""
    if not zones.n:
        return []
    n_p, n_c = prob.periods.size, prob.collective_steps.size
    if link == "join":
        parts = _join_entries(prob, rows, col0) if "join" in rows.first else []
    else:  # every (zone, step) grid row takes the column of the collective step covering it
        z = np.repeat(np.arange(zones.n), n_p)
        p = np.tile(np.arange(n_p), zones.n)
        cols = col0 + z * n_c + prob.step_block[p]
        parts = [(rows.first[link] + z * n_p + p, cols, -prob.grid_added_kw[z])]
    if link == "join":
        zz = np.arange(zones.n)
        last = col0 + zz * n_c + n_c - 1
        parts.append((rows.first["share"] + zz, last, -(zones.min_share * zones.dwellings)))
    if n_c > 1:
        z1 = np.repeat(np.arange(zones.n), n_c - 1)
        c1 = np.tile(np.arange(n_c - 1), zones.n)
        order = rows.first[f"order_{name}"] + z1 * (n_c - 1) + c1
        parts.append((order, col0 + z1 * n_c + c1, np.ones(c1.size)))
        parts.append((order, col0 + z1 * n_c + c1 + 1, -np.ones(c1.size)))
    return parts


def _join_entries(prob: TimeProblem, rows: Rows, col0: int):
    """``built[z, c]`` in the join rows of every cohort of ``z`` that may join: −its dwellings."""
    n_c = prob.collective_steps.size
    n_join = prob.join_size.size
    jj = np.repeat(np.arange(n_join), n_c)
    c = np.tile(np.arange(n_c), n_join)
    zone = np.repeat(prob.join_zone, n_c)
    value = -np.repeat(prob.join_size, n_c)
    return [(rows.first["join"] + jj * n_c + c, col0 + zone * n_c + c, value)]


def switch_entries(prob: TimeProblem, rows: Rows, f: np.ndarray, p: np.ndarray):
    """Matrix entries of switch columns ``x[f, p]`` (pair ``f``, step ``p``; the ``k``-th column
    is the ``k``-th of the arrays), as (row, column position, value) triplets."""
    k = np.arange(f.size)
    i, o = prob.cohort[f], prob.option[f]
    parts = [(rows.first["assign"] + i, k, np.ones(f.size))]
    for m, year in enumerate(prob.milestones.tolist()):
        sel = prob.periods[p] <= year
        first = rows.first["co2"] + m
        parts.append((np.full(sel.sum(), first), k[sel], prob.co2_diff_kg[f[sel], m]))
    for kind, flag in (("heat_pumps", prob.is_heat_pump), ("insulation", prob.is_insulation)):
        if kind in rows.first:
            sel = flag[o]
            parts.append((rows.first[kind] + p[sel], k[sel], np.ones(sel.sum())))
    if "budget" in rows.first:
        parts.append((rows.first["budget"] + p, k, prob.budget_eur[f, p]))
    parts += _cumulative_entries(prob, rows, f, p, k)
    if "share" in rows.first:
        zone = prob.network_zone[i]
        sel = prob.is_network[o] & (zone >= 0)
        parts.append((rows.first["share"] + zone[sel], k[sel], np.ones(sel.sum())))
    if "max" in rows.first:
        limited = sorted(prob.settings.max_installations)
        h = np.array([limited.index(x) if x in limited else -1 for x in prob.heating.tolist()])
        sel = h[o] >= 0
        parts.append((rows.first["max"] + h[o][sel], k[sel], np.ones(sel.sum())))
    return _triplets(*parts)


def _cumulative_entries(prob: TimeProblem, rows: Rows, f, p, k):
    """Entries in rows of every step from the switch on: grid (peak) and notice (gas-free)."""
    parts = []
    n_p = prob.periods.size
    i, o = prob.cohort[f], prob.option[f]
    if "grid" in rows.first:
        zone = prob.grid_zone[i]
        peak = prob.peak_diff_kw[f]
        sel = (zone >= 0) & (peak != 0)
        parts.append(_spread(rows.first["grid"], zone[sel], p[sel], n_p, n_p, k[sel], peak[sel]))
    if "join" in rows.first:
        joiner = prob.joiner[i]
        sel = prob.is_network[o] & (joiner >= 0)
        n_c = prob.collective_steps.size
        block = prob.step_block[p[sel]]
        ones = np.ones(sel.sum())
        parts.append(_spread(rows.first["join"], joiner[sel], block, n_c, n_c, k[sel], ones))
    if "notice" in rows.first:
        n_s = prob.notice_steps
        zone = prob.gas_zone[i]
        sel = prob.is_gas_free[o] & (p < n_s)
        ones = np.ones(sel.sum())
        parts.append(_spread(rows.first["notice"], zone[sel], p[sel], n_s, n_s, k[sel], ones))
    return parts


def _spread(first: int, zone, p, width: int, upto: int, k, value):
    """Rows ``first + zone * width + q`` for every step ``q`` from ``p`` to ``upto − 1``."""
    reps = np.maximum(upto - p, 0)
    col = np.repeat(k, reps)
    start = np.repeat(np.cumsum(reps) - reps, reps)
    q = np.repeat(p, reps) + np.arange(col.size) - start
    return first + np.repeat(zone, reps) * width + q, col, np.repeat(value, reps)

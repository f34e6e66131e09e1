"""The restricted model in HiGHS, and the prices that say which switch columns it lacks.

:class:`Master` holds the model of :mod:`wupmodel.phasing.model` in one ``highspy.Highs``
object: every row and the fixed columns from the start, switch columns added as column
generation finds them (:meth:`Master.add`; HiGHS keeps its basis, so each re-solve is a warm
start). :func:`reduced_costs` prices every switch (cohort × option × step) at once against the
rows' duals: HiGHS's column duals are ``c − Aᵀy`` with ``y`` its row duals, so a switch whose
``c − Aᵀy`` is negative would lower the objective and belongs in the model.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from wupmodel.phasing.model import Rows, build_rows, fixed_columns, switch_entries
from wupmodel.phasing.problem import TimeProblem


@dataclass
class LPSolution:
    """One solve of the restricted model."""

    status: str  #: ``optimal``, ``infeasible``, ``time_limit`` or ``error``
    objective: float = math.nan
    x: np.ndarray | None = None
    row_dual: np.ndarray | None = None


class Master:
    """The model of a :class:`~wupmodel.phasing.problem.TimeProblem` in HiGHS.

    Parameters
    ----------
    prob
        The problem.
    threads
        HiGHS threads (``None`` = its default).
    """

    def __init__(self, prob: TimeProblem, threads: int | None = None) -> None:
        import highspy

        self._hs = highspy
        self.prob = prob
        self.rows: Rows = build_rows(prob)
        self.cols, fixed = fixed_columns(prob, self.rows)
        n_rows, n_cols = self.rows.n, self.cols.x0
        a = sp.csr_matrix((fixed["val"], (fixed["row"], fixed["col"])), shape=(n_rows, n_cols))
        h = highspy.Highs()
        h.setOptionValue("output_flag", False)
        if threads is not None:
            h.setOptionValue("threads", int(threads))
        h.passModel(
            n_cols,
            n_rows,
            int(a.nnz),
            int(highspy.MatrixFormat.kRowwise),
            int(highspy.ObjSense.kMinimize),
            0.0,
            fixed["cost"],
            np.zeros(n_cols),
            fixed["upper"],
            np.asarray(self.rows.lower, dtype=float),
            np.asarray(self.rows.upper, dtype=float),
            a.indptr.astype(np.int32),
            a.indices.astype(np.int32),
            a.data.astype(float),
            np.zeros(n_cols, dtype=np.int32),
        )
        self.h = h
        self.upper_fixed = fixed["upper"].copy()
        self.cost_fixed = fixed["cost"].copy()
        self.cf = np.zeros(0, np.int64)
        self.cp = np.zeros(0, np.int64)
        self.in_model = np.zeros(prob.delta_eur.shape, dtype=bool)
        self.lp_solves = 0
        self.solver_s = 0.0
        self._terms: StepTerms | None = None

    @property
    def n_cols(self) -> int:
        """Columns in the model now."""
        return self.cols.x0 + self.cf.size

    @property
    def step_terms(self) -> StepTerms:
        """The problem's :class:`StepTerms` (built on first use)."""
        if self._terms is None:
            self._terms = step_terms(self.prob)
        return self._terms

    @property
    def collective_cols(self) -> np.ndarray:
        """The ``built`` and ``reinforced`` columns."""
        return np.arange(self.cols.built0, self.cols.x0)

    def add(self, f: np.ndarray, p: np.ndarray, integer: bool = False) -> None:
        """Add switch columns ``x[f, p]`` (those not in the model yet)."""
        new = ~self.in_model[f, p]
        f, p = f[new], p[new]
        if not f.size:
            return
        r, k, v = switch_entries(self.prob, self.rows, f, p)
        order = np.lexsort((r, k))
        r, k, v = r[order], k[order], v[order]
        starts = np.searchsorted(k, np.arange(f.size)).astype(np.int32)
        first = self.n_cols
        self.h.addCols(
            f.size,
            self.prob.delta_eur[f, p].astype(float),
            np.zeros(f.size),
            self.prob.count[self.prob.cohort[f]].astype(float),
            v.size,
            starts,
            r.astype(np.int32),
            v.astype(float),
        )
        if integer:
            self.set_integrality(np.arange(first, first + f.size), True)
        self.cf = np.concatenate([self.cf, f])
        self.cp = np.concatenate([self.cp, p])
        self.in_model[f, p] = True

    def set_bounds(self, cols: np.ndarray, lower: np.ndarray, upper: np.ndarray) -> None:
        """Change the bounds of some columns."""
        cols = np.asarray(cols, dtype=np.int32)
        if cols.size:
            self.h.changeColsBounds(
                cols.size, cols, np.asarray(lower, dtype=float), np.asarray(upper, dtype=float)
            )

    def set_integrality(self, cols: np.ndarray, integer: bool) -> None:
        """Mark columns integer (or continuous again)."""
        cols = np.asarray(cols, dtype=np.int32)
        if cols.size:
            flag = np.full(cols.size, 1 if integer else 0, dtype=np.uint8)
            self.h.changeColsIntegrality(cols.size, cols, flag)

    def set_row_upper(self, rows: np.ndarray, upper: np.ndarray) -> None:
        """Change the upper bounds of some rows (lower bounds kept)."""
        rows = np.asarray(rows, dtype=np.int32)
        lower = np.asarray(self.rows.lower, dtype=float)[rows]
        self.h.changeRowsBounds(rows.size, rows, lower, np.asarray(upper, dtype=float))

    def set_costs(self, cols: np.ndarray, cost: np.ndarray) -> None:
        """Change the costs of some columns."""
        cols = np.asarray(cols, dtype=np.int32)
        if cols.size:
            self.h.changeColsCost(cols.size, cols, np.asarray(cost, dtype=float))

    def solve(
        self,
        time_limit_s: float | None = None,
        mip_gap: float | None = None,
        cutoff: float = math.inf,
    ) -> LPSolution:
        """Solve the model as it is now. With a finite ``cutoff`` the dual simplex stops as soon
        as its objective (a lower bound of the LP's) passes it: status ``cutoff``, objective
        ``inf`` (the LP costs more than that)."""
        h = self.h
        h.setOptionValue("time_limit", h.getRunTime() + time_limit_s if time_limit_s else math.inf)
        h.setOptionValue("mip_rel_gap", 1e-4 if mip_gap is None else float(mip_gap))
        h.setOptionValue("objective_bound", float(cutoff))
        t0 = time.perf_counter()
        h.run()
        status = h.getModelStatus()
        s = self._hs.HighsModelStatus
        if status == s.kUnknown:  # numerical trouble in a warm start: once more from scratch
            h.clearSolver()
            h.run()
            status = h.getModelStatus()
        self.solver_s += time.perf_counter() - t0
        self.lp_solves += 1
        if status in (s.kInfeasible, s.kUnboundedOrInfeasible):
            return LPSolution("infeasible")
        if status == s.kObjectiveBound:
            return LPSolution("cutoff", math.inf)
        info = h.getInfo()
        has_primal = int(info.primal_solution_status) == 2
        if status != s.kOptimal and not has_primal:
            stopped = status in (s.kTimeLimit, s.kIterationLimit, s.kInterrupt)
            return LPSolution("time_limit" if stopped else "error")
        sol = h.getSolution()
        return LPSolution(
            "optimal" if status == s.kOptimal else "time_limit",
            float(info.objective_function_value),
            np.asarray(sol.col_value, dtype=float),
            np.asarray(sol.row_dual, dtype=float) if sol.dual_valid else None,
        )


def _family(rows: Rows, y: np.ndarray, kind: str, n: int) -> np.ndarray:
    """The duals of one family of rows (zeros when the model has none)."""
    if kind not in rows.first:
        return np.zeros(n)
    first = rows.first[kind]
    return y[first : first + n]


def _reverse_cumsum(a: np.ndarray) -> np.ndarray:
    """Σ over this step and every later one, along the last axis."""
    return np.flip(np.cumsum(np.flip(a, axis=-1), axis=-1), axis=-1)


@dataclass(frozen=True)
class StepTerms:
    """How each switch's reduced cost depends on the step, as a sparse product: ``A @ B`` with
    ``A`` (F, K) fixed per problem — a pair's CO2 difference per milestone, 1 for a heat pump
    and for insulation, its peak difference in its grid zone, 1 in its join group and in its
    gas zone when it leaves gas — and ``B`` (K, P) the matching duals per step, built from the
    rows' duals each round (:func:`reduced_costs`). One sparse-dense product instead of a
    masked pass over the (F, P) table per family of rows."""

    a: sp.csr_matrix
    first: dict[str, int]
    blocked: np.ndarray  #: (F, P) the switch is not allowed


def step_terms(prob: TimeProblem) -> StepTerms:
    """The fixed half of :class:`StepTerms` for a problem."""
    i, o = prob.cohort, prob.option
    f = np.arange(prob.n_pairs)
    parts, first, k = [], {}, 0

    def block(name: str, width: int, rows: np.ndarray, cols: np.ndarray, vals) -> None:
        nonlocal k
        first[name] = k
        parts.append((rows, k + cols, np.broadcast_to(np.asarray(vals, dtype=float), rows.shape)))
        k += width

    m = prob.milestones.size
    block("co2", m, np.repeat(f, m), np.tile(np.arange(m), f.size), prob.co2_diff_kg.ravel())
    hp, ins = prob.is_heat_pump[o], prob.is_insulation[o]
    block("heat_pumps", 1, f[hp], np.zeros(hp.sum(), np.int64), 1.0)
    block("insulation", 1, f[ins], np.zeros(ins.sum(), np.int64), 1.0)
    zone = prob.grid_zone[i]
    on = zone >= 0
    block("grid", prob.table.reinforcements.n, f[on], zone[on], prob.peak_diff_kw[on])
    joiner = prob.joiner[i]
    on = prob.is_network[o] & (joiner >= 0)
    block("join", prob.join_size.size, f[on], joiner[on], 1.0)
    on = prob.is_gas_free[o]
    block("notice", len(prob.gas_zones), f[on], prob.gas_zone[i][on], 1.0)
    r = np.concatenate([p[0] for p in parts])
    c = np.concatenate([p[1] for p in parts])
    v = np.concatenate([p[2] for p in parts])
    a = sp.csr_matrix((v, (r, c)), shape=(prob.n_pairs, k))
    return StepTerms(a, first, ~prob.allowed)


def _step_duals(prob: TimeProblem, rows: Rows, y: np.ndarray, terms: StepTerms) -> np.ndarray:
    """(K, P) the duals each column of ``terms.a`` meets when a switch is in step ``p``."""
    n_p = prob.periods.size
    b = np.zeros((terms.a.shape[1], n_p))
    m = prob.milestones.size
    if m:  # a switch in step p counts in every milestone at or after its start
        co2 = _family(rows, y, "co2", m)
        counts = prob.periods[None, :] <= prob.milestones[:, None]
        b[terms.first["co2"] : terms.first["co2"] + m] = co2[:, None] * counts
    for kind in ("heat_pumps", "insulation"):
        b[terms.first[kind]] = _family(rows, y, kind, n_p)
    n_k = prob.table.reinforcements.n
    if n_k:
        grid = _family(rows, y, "grid", n_k * n_p).reshape(n_k, n_p)
        b[terms.first["grid"] : terms.first["grid"] + n_k] = _reverse_cumsum(grid)
    n_join = prob.join_size.size
    if "join" in rows.first and n_join:
        n_c = prob.collective_steps.size
        join = _reverse_cumsum(_family(rows, y, "join", n_join * n_c).reshape(n_join, n_c))
        b[terms.first["join"] : terms.first["join"] + n_join] = join[:, prob.step_block]
    n_s, n_g = prob.notice_steps, len(prob.gas_zones)
    if n_s:
        notice = _family(rows, y, "notice", n_g * n_s).reshape(n_g, n_s)
        b[terms.first["notice"] : terms.first["notice"] + n_g, :n_s] = _reverse_cumsum(notice)
    return b


def reduced_costs(
    prob: TimeProblem, rows: Rows, y: np.ndarray, terms: StepTerms | None = None
) -> np.ndarray:
    """(F, P) ``c − Aᵀy`` of every switch column; ``inf`` where a switch is not allowed.

    ``terms`` (:func:`step_terms` of ``prob``) is built when not given; a column generation
    passes the same one every round."""
    terms = step_terms(prob) if terms is None else terms
    i, o = prob.cohort, prob.option
    hn = prob.table.heat_networks
    # per pair: the terms that do not depend on the step
    flat = -_family(rows, y, "assign", prob.n_cohorts)[i]
    if hn.n:
        share = _family(rows, y, "share", hn.n)
        zone = prob.network_zone[i]
        flat -= np.where(prob.is_network[o] & (zone >= 0), share[np.maximum(zone, 0)], 0.0)
    limits = prob.settings.max_installations
    if limits:
        duals = dict(zip(sorted(limits), _family(rows, y, "max", len(limits)), strict=True))
        flat -= np.array([duals.get(h, 0.0) for h in prob.heating.tolist()])[o]
    rc = prob.delta_eur + flat[:, None]
    rc -= np.asarray(terms.a @ _step_duals(prob, rows, y, terms))
    if prob.budget_eur is not None:
        rc -= prob.budget_eur * _family(rows, y, "budget", prob.periods.size)[None, :]
    rc[terms.blocked] = np.inf
    return rc

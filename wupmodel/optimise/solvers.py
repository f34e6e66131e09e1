"""Solver back ends for :class:`~wupmodel.optimise.build.MatrixModel`.

Two back ends behind one small interface (:class:`SolverSession`):

* :class:`PulpSession` — builds PuLP variables once (``prob.add_variable``) and every row as
  a ``pulp.LpAffineExpression`` from (variable, coefficient) pairs taken straight from the CSR
  arrays (never Python ``sum()``), then solves with ``pulp.HiGHS`` (highspy, in process) or
  ``pulp.PULP_CBC_CMD`` (the CBC binary bundled with PuLP 3).
* :class:`HighsSession` — the *matrix path*: passes the CSR arrays to highspy with one
  ``passModel`` call, and changes costs and bounds in place between solves (warm starts for
  Pareto sweeps). Used for large models where PuLP's per-variable Python objects dominate.

A session is created once per model and solved several times with different objectives and
bounds (cost then CO2, ε-constraint points, the fixed-integer LP for duals, diagnosis).
Solutions come back as :class:`RawResult` with row duals as ∂objective/∂bound: for a binding
``≤`` row of a minimisation the dual is ≤ 0, for a binding ``≥`` row ≥ 0 (both back ends
and both solvers use this sign; see ``tests/optimise/test_duals.py``).
"""

from __future__ import annotations

import heapq
import math
import time
import warnings
from dataclasses import dataclass, field, replace
from typing import Protocol

import numpy as np

from wupmodel.optimise.build import MatrixModel
from wupmodel.optimise.problem import SolveStatus

#: The statuses of :class:`RawResult`, by their short names.
OPTIMAL = SolveStatus.OPTIMAL
TIME_LIMIT = SolveStatus.TIME_LIMIT
NO_SOLUTION = SolveStatus.NO_SOLUTION
INFEASIBLE = SolveStatus.INFEASIBLE
ERROR = SolveStatus.ERROR


@dataclass
class RawResult:
    """What a solver returned.

    Attributes
    ----------
    status
        One of ``optimal``, ``time_limit``, ``no_solution``, ``infeasible``, ``error``.
    x
        Column values (``None`` without a solution).
    objective
        Objective value in the objective's unit (``nan`` without a solution).
    row_dual
        ∂objective/∂row bound per row (``None`` when the solver gave none).
    gap
        Relative MIP gap (0 for an optimal LP; ``nan`` when unknown).
    seconds
        Wall time of the solve call, including the hand-over to the solver [s].
    solver_seconds
        Time HiGHS itself reports for the run [s] (``nan`` for CBC).
    message
        Solver message for ``error``.
    duals_fixed
        ``row_dual`` are the duals of the LP with the collective binaries fixed at their
        values in ``x`` (what :func:`branch_collective` returns), so no second LP is needed.
    lp_solves
        Number of LPs solved for this result (:func:`branch_collective`; 0 otherwise).
    """

    status: str
    x: np.ndarray | None = None
    objective: float = math.nan
    row_dual: np.ndarray | None = None
    gap: float = math.nan
    seconds: float = 0.0
    solver_seconds: float = math.nan
    message: str = ""
    duals_fixed: bool = False
    lp_solves: int = 0

    @property
    def has_solution(self) -> bool:
        """True for ``optimal`` and ``time_limit``."""
        return self.status in (OPTIMAL, TIME_LIMIT) and self.x is not None


@dataclass
class SolveRequest:
    """Objective and bounds for one solve (full-length arrays)."""

    c: np.ndarray
    row_lower: np.ndarray
    row_upper: np.ndarray
    col_lower: np.ndarray
    col_upper: np.ndarray
    integrality: np.ndarray
    time_limit_s: float | None = None
    mip_gap: float | None = None
    extra: dict = field(default_factory=dict)


class SolverSession(Protocol):
    """A model loaded into a solver back end."""

    backend: str
    solver: str
    build_seconds: float

    def solve(self, req: SolveRequest) -> RawResult:  # pragma: no cover - protocol
        """Solve with the given objective and bounds."""
        ...


def highs_available() -> bool:
    """True when highspy can be imported."""
    try:
        import highspy  # noqa: F401
    except ImportError:  # pragma: no cover - highspy is a dependency
        return False
    return True


def cbc_available() -> bool:
    """True when PuLP's bundled CBC binary runs here."""
    import pulp

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return bool(pulp.PULP_CBC_CMD(msg=False).available())
        except Exception:  # pragma: no cover - depends on the platform build
            return False


def _status_from_highs(h) -> tuple[str, float]:
    """Map a highspy model status to our status and the relative MIP gap."""
    import highspy

    ms = h.getModelStatus()
    info = h.getInfo()
    has_primal = int(info.primal_solution_status) == 2  # kSolutionStatusFeasible
    S = highspy.HighsModelStatus
    gap = float(info.mip_gap) if math.isfinite(info.mip_gap) else math.nan
    if ms == S.kOptimal:
        return OPTIMAL, gap
    if ms in (S.kInfeasible, S.kUnboundedOrInfeasible):
        return INFEASIBLE, math.nan
    stopped = {S.kTimeLimit, S.kIterationLimit, S.kSolutionLimit, S.kInterrupt}
    for extra in ("kMemoryLimit", "kHighsInterrupt", "kObjectiveBound", "kObjectiveTarget"):
        if hasattr(S, extra):
            stopped.add(getattr(S, extra))
    if ms in stopped:
        return (TIME_LIMIT if has_primal else NO_SOLUTION), gap
    return ERROR, math.nan


class HighsSession:
    """The matrix path: the model handed to highspy as arrays, changed in place between solves.

    Parameters
    ----------
    model
        The matrix model.
    threads
        HiGHS thread count (``None`` = HiGHS default).
    """

    backend = "highspy"
    solver = "highs"

    def __init__(self, model: MatrixModel, threads: int | None = None) -> None:
        import highspy

        t0 = time.perf_counter()
        self._hs = highspy
        h = highspy.Highs()
        h.setOptionValue("output_flag", False)
        if threads is not None:
            h.setOptionValue("threads", int(threads))
        A = model.A
        integ = model.integrality.astype(np.int32)
        h.passModel(
            model.n_cols,
            model.n_rows,
            int(A.nnz),
            int(highspy.MatrixFormat.kRowwise),
            int(highspy.ObjSense.kMinimize),
            0.0,
            np.zeros(model.n_cols),
            model.col_lower.astype(float),
            model.col_upper.astype(float),
            model.row_lower.astype(float),
            model.row_upper.astype(float),
            A.indptr.astype(np.int32),
            A.indices.astype(np.int32),
            A.data.astype(float),
            integ,
        )
        self._h = h
        self._c = np.zeros(model.n_cols)
        self._rl = model.row_lower.astype(float).copy()
        self._ru = model.row_upper.astype(float).copy()
        self._cl = model.col_lower.astype(float).copy()
        self._cu = model.col_upper.astype(float).copy()
        self._int = model.integrality.copy()
        self.build_seconds = time.perf_counter() - t0

    def _sync(self, req: SolveRequest) -> None:
        h = self._h
        idx = np.flatnonzero(req.c != self._c)
        if idx.size:
            h.changeColsCost(idx.size, idx.astype(np.int32), req.c[idx].astype(float))
            self._c = req.c.astype(float).copy()
        rows = np.flatnonzero((req.row_lower != self._rl) | (req.row_upper != self._ru))
        if rows.size:
            h.changeRowsBounds(
                rows.size,
                rows.astype(np.int32),
                req.row_lower[rows].astype(float),
                req.row_upper[rows].astype(float),
            )
            self._rl = req.row_lower.astype(float).copy()
            self._ru = req.row_upper.astype(float).copy()
        cols = np.flatnonzero((req.col_lower != self._cl) | (req.col_upper != self._cu))
        if cols.size:
            h.changeColsBounds(
                cols.size,
                cols.astype(np.int32),
                req.col_lower[cols].astype(float),
                req.col_upper[cols].astype(float),
            )
            self._cl = req.col_lower.astype(float).copy()
            self._cu = req.col_upper.astype(float).copy()
        ints = np.flatnonzero(req.integrality != self._int)
        if ints.size:
            h.changeColsIntegrality(
                ints.size, ints.astype(np.int32), req.integrality[ints].astype(np.uint8)
            )
            self._int = req.integrality.copy()
        # HiGHS checks time_limit against the object's cumulative run clock, so a limit per
        # call is the clock so far plus the limit.
        h.setOptionValue(
            "time_limit", h.getRunTime() + float(req.time_limit_s) if req.time_limit_s else math.inf
        )
        h.setOptionValue("mip_rel_gap", float(req.mip_gap) if req.mip_gap is not None else 1e-4)

    def solve(self, req: SolveRequest) -> RawResult:
        """Solve with the objective and bounds of ``req``."""
        t0 = time.perf_counter()
        try:
            self._sync(req)
            run0 = self._h.getRunTime()
            self._h.run()
            run_s = self._h.getRunTime() - run0
            status, gap = _status_from_highs(self._h)
        except Exception as exc:  # noqa: BLE001 - a solver failure becomes a status
            return RawResult(ERROR, seconds=time.perf_counter() - t0, message=str(exc))
        seconds = time.perf_counter() - t0
        if status not in (OPTIMAL, TIME_LIMIT):
            return RawResult(status, seconds=seconds, solver_seconds=run_s)
        sol = self._h.getSolution()
        x = np.asarray(sol.col_value, dtype=float)
        duals = np.asarray(sol.row_dual, dtype=float) if sol.dual_valid else None
        if not req.integrality.any():
            gap = 0.0 if status == OPTIMAL else gap
        return RawResult(
            status,
            x=x,
            objective=float(self._h.getInfo().objective_function_value),
            row_dual=duals,
            gap=gap,
            seconds=seconds,
            solver_seconds=run_s,
        )


class PulpSession:
    """PuLP back end: variables and row expressions built once, solved with HiGHS or CBC.

    Parameters
    ----------
    model
        The matrix model.
    solver
        ``'highs'`` (``pulp.HiGHS``) or ``'cbc'`` (``pulp.PULP_CBC_CMD``).
    threads
        Solver thread count (``None`` = solver default).
    """

    backend = "pulp"

    def __init__(
        self, model: MatrixModel, solver: str = "highs", threads: int | None = None
    ) -> None:
        import pulp

        t0 = time.perf_counter()
        self._pulp = pulp
        self.solver = solver
        self._threads = threads
        factory = pulp.LpProblem("wupmodel_vars", pulp.LpMinimize)
        cont, integer = pulp.LpContinuous, pulp.LpInteger
        lo = model.col_lower.tolist()
        hi = [None if not math.isfinite(u) else u for u in model.col_upper.tolist()]
        cats = [integer if b else cont for b in model.integrality.tolist()]
        self._vars = [
            factory.add_variable(f"v{j}", lo[j], hi[j], cats[j]) for j in range(model.n_cols)
        ]
        A = model.A
        indptr = A.indptr.tolist()
        idx = A.indices.tolist()
        vals = A.data.tolist()
        v = self._vars
        LAE = pulp.LpAffineExpression
        self._rows = [
            LAE(
                zip(
                    [v[j] for j in idx[indptr[i] : indptr[i + 1]]],
                    vals[indptr[i] : indptr[i + 1]],
                    strict=True,
                )
            )
            for i in range(model.n_rows)
        ]
        self._cl = model.col_lower.copy()
        self._cu = model.col_upper.copy()
        self._int = model.integrality.copy()
        self._n_rows = model.n_rows
        self.build_seconds = time.perf_counter() - t0

    def _solver(self, req: SolveRequest, mip: bool):
        pulp = self._pulp
        gap = req.mip_gap
        if self.solver == "cbc":
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return pulp.PULP_CBC_CMD(
                    msg=False,
                    timeLimit=req.time_limit_s,
                    gapRel=gap,
                    mip=mip,
                    threads=self._threads,
                )
        return pulp.HiGHS(
            msg=False, timeLimit=req.time_limit_s, gapRel=gap, mip=mip, threads=self._threads
        )

    def _sync_columns(self, req: SolveRequest) -> None:
        pulp = self._pulp
        changed = np.flatnonzero(
            (req.col_lower != self._cl)
            | (req.col_upper != self._cu)
            | (req.integrality != self._int)
        )
        for j in changed.tolist():
            var = self._vars[j]
            var.lowBound = float(req.col_lower[j])
            u = float(req.col_upper[j])
            var.upBound = u if math.isfinite(u) else None
            var.cat = pulp.LpInteger if req.integrality[j] else pulp.LpContinuous
        self._cl = req.col_lower.copy()
        self._cu = req.col_upper.copy()
        self._int = req.integrality.copy()

    def solve(self, req: SolveRequest) -> RawResult:
        """Build a PuLP problem with the objective and bounds of ``req`` and solve it."""
        pulp = self._pulp
        t0 = time.perf_counter()
        self._sync_columns(req)
        prob = pulp.LpProblem("wupmodel", pulp.LpMinimize)
        nz = np.flatnonzero(req.c)
        v = self._vars
        prob.setObjective(
            pulp.LpAffineExpression(
                zip([v[j] for j in nz.tolist()], req.c[nz].tolist(), strict=True)
            )
        )
        cons: list[list] = [[] for _ in range(self._n_rows)]
        EQ, GE, LE = pulp.LpConstraintEQ, pulp.LpConstraintGE, pulp.LpConstraintLE
        lo_all = req.row_lower.tolist()
        hi_all = req.row_upper.tolist()
        for i in range(self._n_rows):
            lo, hi, expr = lo_all[i], hi_all[i], self._rows[i]
            lo_f, hi_f = math.isfinite(lo), math.isfinite(hi)
            if lo_f and hi_f and lo == hi:
                cons[i].append(pulp.LpConstraint(expr, EQ, f"r{i}", lo))
            else:
                if lo_f:
                    cons[i].append(pulp.LpConstraint(expr, GE, f"r{i}_lo", lo))
                if hi_f:
                    cons[i].append(pulp.LpConstraint(expr, LE, f"r{i}_hi", hi))
            for con in cons[i]:
                prob.addConstraint(con)
        # A variable that appears in no row and not in the objective is left out of the
        # problem by PuLP; it has no effect and reads back as 0 (its lower bound).
        mip = bool(req.integrality.any())
        for var in v:  # no stale values from an earlier solve for variables left out
            var.varValue = None
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                prob.solve(self._solver(req, mip))
        except Exception as exc:  # noqa: BLE001 - a solver failure becomes a status
            return RawResult(ERROR, seconds=time.perf_counter() - t0, message=str(exc))
        seconds = time.perf_counter() - t0
        status, gap = self._status(prob, mip)
        run_s = math.nan
        if self.solver == "highs" and getattr(prob, "solverModel", None) is not None:
            run_s = float(prob.solverModel.getRunTime())
        if status not in (OPTIMAL, TIME_LIMIT):
            return RawResult(status, seconds=seconds, solver_seconds=run_s)
        x = np.array([var.varValue if var.varValue is not None else 0.0 for var in v])
        duals = None
        if not mip:
            duals = np.array(
                [sum((con.pi or 0.0) for con in cs) if cs else 0.0 for cs in cons], dtype=float
            )
        obj = float(np.dot(req.c, x))
        return RawResult(
            status,
            x=x,
            objective=obj,
            row_dual=duals,
            gap=gap,
            seconds=seconds,
            solver_seconds=run_s,
        )

    def _status(self, prob, mip: bool) -> tuple[str, float]:
        pulp = self._pulp
        if self.solver == "highs" and getattr(prob, "solverModel", None) is not None:
            try:
                status, gap = _status_from_highs(prob.solverModel)
                if not mip and status == OPTIMAL:
                    gap = 0.0
                return status, gap
            except Exception:  # noqa: BLE001 - fall back to PuLP's own status
                pass
        st, sol = prob.status, prob.sol_status
        if st == pulp.LpStatusOptimal and sol == pulp.LpSolutionOptimal:
            return OPTIMAL, 0.0 if not mip else math.nan
        if st == pulp.LpStatusOptimal and sol == pulp.LpSolutionIntegerFeasible:
            return TIME_LIMIT, math.nan
        if st == pulp.LpStatusInfeasible:
            return INFEASIBLE, math.nan
        if st == pulp.LpStatusNotSolved:
            return NO_SOLUTION, math.nan
        return ERROR, math.nan


#: A collective column counts as integral in an LP solution within this distance of 0 or 1.
BRANCH_INT_TOL = 1e-6

#: Without a ``mip_gap``, :func:`branch_collective` proves optimality to this relative
#: tolerance (of the objective; the LP's own tolerances are ~1e-7 absolute on rows).
BRANCH_REL_TOL = 1e-9


class _BranchSearch:
    """The state of one :func:`branch_collective` search.

    Open nodes are ``(bound, tick, lo, hi)`` on a heap: the parent's LP objective (a lower
    bound), a counter that keeps ties first in first out, and the bounds of the branching
    columns. ``best`` is the incumbent leaf; ``stopped`` says the time ran out.
    """

    def __init__(self, session: SolverSession, req: SolveRequest, cols: np.ndarray) -> None:
        self.t0 = time.perf_counter()
        self.session = session
        self.cols = np.asarray(cols, dtype=np.int64)
        integ = np.asarray(req.integrality, dtype=bool).copy()
        integ[self.cols] = False
        if integ.any():
            raise ValueError("branch_collective: only the branching columns may be integer")
        self.deadline = self.t0 + float(req.time_limit_s) if req.time_limit_s else math.inf
        self.lp = replace(
            req,
            col_lower=np.asarray(req.col_lower, dtype=float).copy(),
            col_upper=np.asarray(req.col_upper, dtype=float).copy(),
            integrality=integ,
            mip_gap=None,
        )
        self.rel_gap = (
            max(float(req.mip_gap), BRANCH_REL_TOL) if req.mip_gap is not None else BRANCH_REL_TOL
        )
        self.n_lp = 0
        self.solver_s = 0.0
        self.best: RawResult | None = None
        self.heap: list[tuple[float, int, np.ndarray, np.ndarray]] = []
        self.tick = 0
        self.stopped = False

    def root(self) -> bool:
        """Put the root node on the heap; False when the binaries' bounds leave no value."""
        lo = np.maximum(np.ceil(self.lp.col_lower[self.cols] - BRANCH_INT_TOL), 0.0)
        hi = np.minimum(np.floor(self.lp.col_upper[self.cols] + BRANCH_INT_TOL), 1.0)
        if (lo > hi).any():
            return False
        heapq.heappush(self.heap, (-math.inf, self.tick, lo, hi))
        return True

    def beaten(self, objective: float) -> bool:
        """True when ``objective`` cannot improve on the incumbent by more than the gap."""
        if self.best is None:
            return False
        return objective >= self.best.objective - self.rel_gap * max(1.0, abs(self.best.objective))

    def solve_lp(self, lo: np.ndarray, hi: np.ndarray) -> RawResult:
        """The LP with the branching columns bounded by ``lo`` and ``hi``, within the time left."""
        cols = self.cols
        self.lp.col_lower[cols] = lo
        self.lp.col_upper[cols] = hi
        left = self.deadline - time.perf_counter()
        self.lp.time_limit_s = left if math.isfinite(self.deadline) else None
        r = self.session.solve(self.lp)
        self.n_lp += 1
        if math.isfinite(r.solver_seconds):
            self.solver_s += r.solver_seconds
        return r

    def visit(self, bound: float, lo: np.ndarray, hi: np.ndarray) -> RawResult | None:
        """Solve a node: prune it, close it as a leaf, or branch on its most fractional binary.

        Returns the search's result when an LP fails (``error``), else ``None``.
        """
        r = self.solve_lp(lo, hi)
        if r.status == INFEASIBLE:
            return None
        if r.status != OPTIMAL:
            return self.interrupted(r, "node", bound, lo, hi)
        if self.beaten(r.objective):
            return None
        v = r.x[self.cols]
        frac = np.abs(v - np.round(v))
        if frac.max(initial=0.0) <= BRANCH_INT_TOL:
            if np.array_equal(lo, hi):
                leaf = r
            else:  # integral but not all fixed: fix them, a leaf whose duals are the fixed LP's
                fixed = np.round(v)
                leaf = self.solve_lp(fixed, fixed)
            if leaf.status == OPTIMAL:
                if self.best is None or leaf.objective < self.best.objective:
                    self.best = leaf
                return None
            if leaf.status != INFEASIBLE:
                return self.interrupted(leaf, "leaf", bound, lo, hi)
            # Round-off: the fixed LP failed although the relaxation was integral; branch.
            frac = np.where(lo != hi, 0.5, 0.0)
        self.branch(r.objective, lo, hi, int(np.argmax(frac)))
        return None

    def interrupted(
        self, r: RawResult, what: str, bound: float, lo: np.ndarray, hi: np.ndarray
    ) -> RawResult | None:
        """An LP without an optimum: out of time puts the node back and stops (``None``);
        anything else ends the search with ``error``."""
        if r.status in (TIME_LIMIT, NO_SOLUTION):
            heapq.heappush(self.heap, (bound, -1, lo, hi))  # back in front of its ties
            self.stopped = True
            return None
        return self.result(ERROR, message=r.message or f"LP {what} ended with status {r.status}")

    def branch(self, bound: float, lo: np.ndarray, hi: np.ndarray, j: int) -> None:
        """Two children: binary ``j`` fixed to 0 and to 1, both bounded by the node's LP."""
        hi_down = hi.copy()
        hi_down[j] = 0.0
        lo_up = lo.copy()
        lo_up[j] = 1.0
        for child_lo, child_hi in ((lo, hi_down), (lo_up, hi)):
            self.tick += 1
            heapq.heappush(self.heap, (bound, self.tick, child_lo.copy(), child_hi.copy()))

    def outcome(self) -> RawResult:
        """The incumbent with its gap to the best open bound, once the search has ended."""
        best = self.best
        if best is None:
            return self.result(NO_SOLUTION if self.stopped else INFEASIBLE)
        open_bound = min((h[0] for h in self.heap), default=best.objective)
        gap = max(0.0, (best.objective - open_bound) / max(abs(best.objective), 1e-10))
        if self.stopped and gap > self.rel_gap:
            return self.result(TIME_LIMIT, best, gap)
        return self.result(OPTIMAL, best, gap)

    def result(
        self, status: str, res: RawResult | None = None, gap: float = math.nan, message: str = ""
    ) -> RawResult:
        """``res`` (or no solution) with ``status``, ``gap`` and the search's counters."""
        out = RawResult(status, message=message) if res is None else replace(res, status=status)
        out.gap = gap
        out.seconds = time.perf_counter() - self.t0
        out.solver_seconds = self.solver_s
        out.lp_solves = self.n_lp
        out.duals_fixed = res is not None
        return out


def branch_collective(session: SolverSession, req: SolveRequest, cols: np.ndarray) -> RawResult:
    """Exact branch and bound over a few binary columns, every node an LP.

    For models whose only integer columns are the collective decisions (heat network per
    zone, grid reinforcement per zone: a handful of binaries) while the dwelling columns are
    continuous shares. Every node is the LP with the branched binaries fixed by their bounds
    and the others relaxed to [0, 1], solved on the same ``session`` (on the matrix path HiGHS
    keeps its basis, so each node is a warm-started dual simplex run of a few hundred
    iterations). Nodes are taken best bound first; a node whose LP solution has integral
    binaries is closed by fixing them (a leaf), and the best leaf is the incumbent. The
    search ends when no open node's bound is below the incumbent by more than the gap:
    ``req.mip_gap`` relative, or :data:`BRANCH_REL_TOL` when it is ``None`` — so the result
    is optimal, not just within HiGHS's default 1e-4 gap.

    The incumbent is an LP with the binaries fixed, so its ``row_dual`` are the shadow prices
    around the plan (``duals_fixed``). ``req.time_limit_s`` bounds the whole search; when it
    runs out the best leaf is returned as ``time_limit`` with its gap (``no_solution`` without
    one).

    Parameters
    ----------
    session
        Any back end (the matrix path is the fast one).
    req
        The MILP request: only ``cols`` may be integer, with bounds within [0, 1].
    cols
        The binary columns to branch on.
    """
    search = _BranchSearch(session, req, cols)
    if not search.root():
        return search.result(INFEASIBLE)
    while search.heap:
        bound, _, lo, hi = search.heap[0]
        if search.beaten(bound):
            break
        if time.perf_counter() >= search.deadline:
            search.stopped = True
            break
        heapq.heappop(search.heap)
        failed = search.visit(bound, lo, hi)
        if failed is not None:
            return failed
        if search.stopped:
            break
    return search.outcome()

"""The exact per-dwelling plan: branch on the collective decisions, a small core per leaf.

A per-dwelling model has one integer column per (dwelling, option) and a handful of
*coupling* rows besides the one assignment row per dwelling: CO2, a grid row per LV zone,
heat-network link and participation, budget, and the like. Its LP relaxation therefore has
at most as many fractional dwellings as coupling rows, and the integer optimum lies just
above it. :func:`branch_dwellings` uses that structure:

1. **Collective decisions.** A best-bound branch and bound over the few collective binaries
   (heat network per zone, reinforcement per grid zone), every node the LP relaxation re-solved
   on the same HiGHS model with warm starts, as the group plan does
   (:func:`~wupmodel.optimise.solvers.branch_collective`). Its first leaf is the group plan's
   relaxation; the dwellings' plan starts from it.
2. **A core per leaf.** With the collective decisions fixed, the LP's row duals ``y`` on the
   coupling rows give the Lagrangian bound ``L(y) = Σ_d count_d · min_o r[d, o] + Σ_k y_k ·
   b_k`` with ``r = c − Aᵀy`` (a valid lower bound for any multipliers of the right sign, so
   it does not rest on the LP's tolerances), and for any plan
   ``cost = L(y) + Σ (r[d, o] − min_o r[d, ·]) · n[d, o] + Σ_k |y_k| · slack_k``. A plan
   that costs at most ``L(y) + Δ`` can therefore only use options within ``Δ`` of its
   dwelling's best reduced cost. Every other option is left out, dwellings with a single option
   left are fixed, and the small remaining MIP (the *core*: a few hundred dwellings with two or
   three options each) is solved by HiGHS with the cutoff ``L(y) + Δ``. A plan found is the
   leaf's optimum; none found proves that the leaf costs more than ``L(y) + Δ``, and ``Δ``
   grows (up to the incumbent) until the leaf is decided.
3. **The proof.** The search ends when no open node and no leaf has a lower bound more than
   the relative gap (default :data:`PER_DWELLING_REL_GAP`) below the best plan; the gap
   reported is ``(best − lowest bound) / best`` over everything explored.

Default village (758 dwellings, 96 options, four collective binaries, six coupling rows):
the LP relaxation leaves two dwellings fractional, the best plan costs 10.88 €/yr more than the
relaxation, and the core holds ~650 dwellings with ~1 500 options (``benchmarks/``).
"""

from __future__ import annotations

import heapq
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from wupmodel.optimise.build import MatrixModel
from wupmodel.optimise.problem import SolveStatus
from wupmodel.optimise.solvers import HighsSession, RawResult, SolveRequest

#: The relative gap a per-dwelling plan is proven to when ``mip_gap`` is not given [-].
PER_DWELLING_REL_GAP = 1e-6

#: The smallest relative gap the search aims at (``mip_gap=0``): floating-point sums of a
#: village's costs carry ~1e-12 relative error, the solvers' row tolerances ~1e-9 [-].
MIN_REL_GAP = 1e-9

#: The first core of a leaf keeps options within this share of the leaf's bound of their
#: dwelling's best (Aalden: 1e-5 × 1.66 M€/yr = 17 €/yr, the leaf's optimum lies 10.88 €/yr
#: above its relaxation); it grows fourfold until the leaf is decided [-].
FIRST_CORE_REL = 1e-5

#: Seconds between two progress reports of a long search.
PROGRESS_EVERY_S = 2.0

#: A column value counts as integral within this distance of a whole number.
INT_TOL = 1e-6


@dataclass(frozen=True)
class SearchProgress:
    """Where a per-dwelling search stands (what a progress callback receives).

    Attributes
    ----------
    seconds
        Time since the search began [s].
    best
        Objective of the best plan so far (``inf`` before the first).
    bound
        Lowest bound of anything not yet decided (``-inf`` before the first LP).
    gap
        Relative gap between the two [-] (``inf`` without a plan).
    nodes
        LPs and cores solved so far.
    """

    seconds: float
    best: float
    bound: float
    gap: float
    nodes: int


ProgressCallback = Callable[[SearchProgress], None]


@dataclass(frozen=True)
class _Lagrangian:
    """A leaf's Lagrangian bound and each dwelling column's reduced cost above its best."""

    bound: float  #: L(y), a lower bound of every plan of the leaf
    excess: np.ndarray  #: (n_x,) r[d, o] − min_o r[d, ·] ≥ 0; inf where the column is closed


def lagrangian(model: MatrixModel, req: SolveRequest, row_dual: np.ndarray) -> _Lagrangian:
    """The Lagrangian bound of ``req`` (collective columns fixed) with the multipliers
    ``row_dual`` on the coupling rows, and the dwelling columns' excess reduced costs.

    A multiplier of the wrong sign for its row's finite bounds is set to 0, so the bound is
    valid for any ``row_dual``. A continuous column without an upper bound (the solar park)
    counts with a reduced cost of at least 0 (its LP value makes it ~0 at the optimum).
    """
    n_groups, n_x = model.n_groups, model.n_x
    lo, hi = req.row_lower, req.row_upper
    y = np.asarray(row_dual, dtype=float).copy()
    y[:n_groups] = 0.0  # the assignment rows are kept, not dualised
    y = np.where(((y < 0) & np.isfinite(hi)) | ((y > 0) & np.isfinite(lo)), y, 0.0)
    reduced = np.asarray(req.c, dtype=float) - model.A.T @ y
    row_term = float(
        np.sum(np.where(y > 0, y * _finite(lo), np.where(y < 0, y * _finite(hi), 0.0)))
    )
    r_x = np.where(req.col_upper[:n_x] > 0, reduced[:n_x], np.inf)
    starts = np.flatnonzero(np.r_[True, model.x_group[1:] != model.x_group[:-1]])
    best = np.minimum.reduceat(r_x, starts)  # columns are ordered by dwelling
    count = req.row_lower[:n_groups]
    x_term = float(np.dot(count[model.x_group[starts]], best))
    rest = reduced[n_x:]
    c_lo, c_hi = req.col_lower[n_x:], req.col_upper[n_x:]
    rest = np.where(np.isinf(c_hi), np.maximum(rest, 0.0), rest)
    rest = np.where(np.isinf(c_lo), np.minimum(rest, 0.0), rest)
    ends = np.where(rest > 0, rest * _finite(c_lo), np.where(rest < 0, rest * _finite(c_hi), 0.0))
    bound = x_term + float(np.sum(ends)) + row_term
    excess = r_x - np.repeat(best, np.diff(np.r_[starts, n_x]))
    return _Lagrangian(bound, excess)


def _finite(a: np.ndarray) -> np.ndarray:
    """``a`` with infinite entries as 0 (where they are multiplied by 0 anyway)."""
    return np.where(np.isfinite(a), a, 0.0)


@dataclass(frozen=True)
class _Core:
    """The leaf's MIP restricted to the options within ``Δ``: columns, rows, fixed part."""

    cols: np.ndarray  #: columns of the full model kept (dwelling options, then the rest)
    rows: np.ndarray  #: rows of the full model kept
    fixed_x: np.ndarray  #: (n_cols,) values of the columns left out (fixed dwellings)
    constant: float  #: objective of the fixed part
    complete: bool  #: every open option kept: the core is the whole leaf


def core_of(model: MatrixModel, req: SolveRequest, lagr: _Lagrangian, delta: float) -> _Core:
    """The core of a leaf: options within ``delta`` of their dwelling's best reduced cost;
    dwellings with one such option fixed to it."""
    n_x = model.n_x
    kept = lagr.excess <= delta
    per_dwelling = np.bincount(model.x_group[kept], minlength=model.n_groups)
    free = per_dwelling >= 2
    in_core = kept & free[model.x_group]
    fixed_x = np.zeros(model.n_cols)
    single = kept & ~free[model.x_group]
    fixed_x[:n_x][single] = req.row_lower[model.x_group[single]]  # the whole dwelling (count)
    cols = np.r_[np.flatnonzero(in_core), np.arange(n_x, model.n_cols)]
    rows = np.r_[np.flatnonzero(free), np.arange(model.n_groups, model.n_rows)]
    return _Core(
        cols=cols,
        rows=rows,
        fixed_x=fixed_x,
        constant=float(np.dot(req.c, fixed_x)),
        complete=bool(kept.sum() == np.isfinite(lagr.excess).sum()),
    )


@dataclass(frozen=True)
class _CoreResult:
    """What HiGHS made of a core: a plan (full-length ``x``) or none, and the core's bound."""

    status: str  #: optimal, infeasible (nothing under the cutoff), time_limit, error
    x: np.ndarray | None
    objective: float
    bound: float


# long because a core solve takes the core, its cutoff and gap, the clock, the threads and a
# watcher, all from the one search that calls it
def solve_core(
    model: MatrixModel,
    req: SolveRequest,
    core: _Core,
    cutoff: float,
    abs_gap: float,
    time_limit_s: float | None,
    threads: int | None,
    watch: Callable[[float, float], None] | None = None,
) -> _CoreResult:
    """Solve a core with HiGHS's MIP: plans costing more than ``cutoff`` are cut off.

    ``watch(best, bound)`` is called as HiGHS goes (its MIP interrupt callback)."""
    import highspy

    A = model.A[core.rows][:, core.cols].tocsr()
    activity = model.A[core.rows] @ core.fixed_x
    n = core.cols.size
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    if threads is not None:
        h.setOptionValue("threads", int(threads))
    integ = np.asarray(req.integrality, dtype=bool)[core.cols]
    h.passModel(
        n,
        core.rows.size,
        int(A.nnz),
        int(highspy.MatrixFormat.kRowwise),
        int(highspy.ObjSense.kMinimize),
        core.constant,
        np.asarray(req.c, dtype=float)[core.cols],
        np.asarray(req.col_lower, dtype=float)[core.cols],
        np.asarray(req.col_upper, dtype=float)[core.cols],
        req.row_lower[core.rows] - activity,
        req.row_upper[core.rows] - activity,
        A.indptr.astype(np.int32),
        A.indices.astype(np.int32),
        A.data.astype(float),
        integ.astype(np.int32),
    )
    h.setOptionValue("mip_rel_gap", 0.0)
    h.setOptionValue("mip_abs_gap", float(abs_gap))
    if math.isfinite(cutoff):
        h.setOptionValue("objective_bound", float(cutoff))
    if time_limit_s is not None:
        h.setOptionValue("time_limit", max(float(time_limit_s), 1e-3))
    # Measured on Aalden's cores: the root's cuts close the gap; these heuristics only cost.
    for option in ("feasibility_jump", "rins", "rens"):
        h.setOptionValue(f"mip_heuristic_run_{option}", False)
    if watch is not None:
        h.cbMipInterrupt.subscribe(
            lambda event: watch(event.data_out.mip_primal_bound, event.data_out.mip_dual_bound)
        )
    h.run()
    S = highspy.HighsModelStatus
    status = h.getModelStatus()
    info = h.getInfo()
    has_x = int(info.primal_solution_status) == 2
    bound = float(info.mip_dual_bound) if math.isfinite(info.mip_dual_bound) else -math.inf
    if status in (S.kInfeasible, S.kUnboundedOrInfeasible) or (
        status == S.kObjectiveBound and not has_x
    ):
        return _CoreResult("infeasible", None, math.inf, cutoff)
    if not has_x and status != S.kOptimal:
        stopped = status in (S.kTimeLimit, S.kInterrupt, S.kSolutionLimit, S.kIterationLimit)
        return _CoreResult("time_limit" if stopped else "error", None, math.inf, bound)
    x = core.fixed_x.copy()
    x[core.cols] = np.asarray(h.getSolution().col_value, dtype=float)
    x[: model.n_x] = np.round(x[: model.n_x])
    objective = float(np.dot(req.c, x))
    if status != S.kOptimal:
        return _CoreResult("time_limit", x, objective, bound)
    if objective > cutoff + abs_gap:
        # HiGHS may hand back a plan above the cutoff that it found on the way (presolve, a
        # heuristic) while its search under the cutoff came back empty: a plan, no better one.
        return _CoreResult("infeasible", x, objective, cutoff)
    return _CoreResult("optimal", x, objective, bound)


class _Search:
    """The state of one :func:`branch_dwellings` search (see the module docstring).

    ``heap`` holds open nodes ``(bound, tick, lo, hi)`` over the collective columns; ``best``
    is the incumbent plan; ``decided`` the lowest bound of everything pruned or decided so far
    (leaves, and nodes whose bound reached the incumbent); ``stopped`` says time ran out.
    """

    # long because the search's state is set up in one place: bounds, gap, clock, counters
    def __init__(
        self,
        session: HighsSession,
        model: MatrixModel,
        req: SolveRequest,
        rel_gap: float,
        threads: int | None,
        progress: ProgressCallback | None,
    ) -> None:
        self.t0 = time.perf_counter()
        self.session, self.model, self.threads, self.progress = session, model, threads, progress
        self.cols = model.collective_cols
        self.integrality = np.asarray(req.integrality, dtype=bool).copy()
        self.lp = replace(
            req,
            col_lower=np.asarray(req.col_lower, dtype=float).copy(),
            col_upper=np.asarray(req.col_upper, dtype=float).copy(),
            integrality=np.zeros_like(self.integrality),
            mip_gap=None,
        )
        self.rel_gap = max(float(rel_gap), MIN_REL_GAP)
        self.deadline = self.t0 + float(req.time_limit_s) if req.time_limit_s else math.inf
        self.best: RawResult | None = None
        self.heap: list[tuple[float, int, np.ndarray, np.ndarray, RawResult | None]] = []
        self.tick = 0
        self.decided = math.inf
        self.leaves: dict[tuple[float, ...], float] = {}  #: config -> its bound (nan: open)
        self.stopped = False
        self.failed: RawResult | None = None
        self.n_lp = 0
        self.n_cores = 0
        self.solver_s = 0.0
        self.last_report = self.t0
        self.leaf_bound = math.inf  #: bound of the leaf whose core is being solved
        self.leaf_cap = math.inf  #: that core's cutoff
        self.watch = self._watch if progress is not None else None

    # -- bounds -----------------------------------------------------------------------------
    @property
    def upper(self) -> float:
        """The incumbent's objective (``inf`` without one)."""
        return self.best.objective if self.best is not None else math.inf

    def tolerance(self) -> float:
        """The absolute gap the proof allows at the incumbent."""
        return self.rel_gap * max(1.0, abs(self.upper)) if self.best is not None else 0.0

    def closes(self, bound: float) -> bool:
        """True when a part with lower bound ``bound`` cannot beat the incumbent by the gap."""
        return self.best is not None and bound >= self.upper - self.tolerance()

    def lowest_bound(self) -> float:
        """The lowest bound of the whole search: open nodes and what was decided."""
        return min([self.decided, self.leaf_bound] + [h[0] for h in self.heap])

    def gap(self) -> float:
        """The proven relative gap so far (``inf`` without a plan)."""
        if self.best is None:
            return math.inf
        low = self.lowest_bound()
        return max(0.0, (self.upper - low) / max(abs(self.upper), 1e-10))

    def time_left(self) -> float | None:
        """Seconds to the deadline (``None`` without a limit)."""
        return None if math.isinf(self.deadline) else self.deadline - time.perf_counter()

    def report(self, force: bool = False, core_best: float = math.inf) -> None:
        """Tell the progress callback where the search stands, every few seconds."""
        now = time.perf_counter()
        if self.progress is None or (not force and now - self.last_report < PROGRESS_EVERY_S):
            return
        self.last_report = now
        best = min(self.upper, core_best)
        low = self.lowest_bound()
        gap = max(0.0, (best - low) / max(abs(best), 1e-10)) if math.isfinite(best) else math.inf
        self.progress(SearchProgress(now - self.t0, best, low, gap, self.n_lp + self.n_cores))

    def _watch(self, core_best: float, core_bound: float) -> None:
        """A core's progress (HiGHS's callback): its bound raises the leaf's."""
        if math.isfinite(core_bound):
            self.leaf_bound = max(self.leaf_bound, min(core_bound, self.leaf_cap))
        self.report(core_best=core_best)

    # -- LPs --------------------------------------------------------------------------------
    def solve_lp(self, lo: np.ndarray, hi: np.ndarray) -> RawResult:
        """The relaxation with the collective columns bounded by ``lo`` and ``hi``."""
        self.lp.col_lower[self.cols] = lo
        self.lp.col_upper[self.cols] = hi
        left = self.time_left()
        self.lp.time_limit_s = None if left is None else max(left, 1e-3)
        r = self.session.solve(self.lp)
        self.n_lp += 1
        if math.isfinite(r.solver_seconds):
            self.solver_s += r.solver_seconds
        return r

    def stop(self, r: RawResult, bound: float, lo: np.ndarray, hi: np.ndarray) -> None:
        """An LP without an optimum: out of time puts the node back; else the search failed."""
        if r.status in (SolveStatus.TIME_LIMIT, SolveStatus.NO_SOLUTION):
            self.push(bound, lo, hi)
            self.stopped = True
        else:
            self.failed = r

    def push(
        self, bound: float, lo: np.ndarray, hi: np.ndarray, leaf: RawResult | None = None
    ) -> None:
        """An open node, or a leaf (``lo == hi``) with its relaxation ``leaf`` to decide."""
        self.tick += 1
        heapq.heappush(self.heap, (bound, self.tick, lo.copy(), hi.copy(), leaf))

    # -- nodes ------------------------------------------------------------------------------
    def visit(self, bound: float, lo: np.ndarray, hi: np.ndarray) -> None:
        """A node: prune it, or put its leaf on the heap and branch while other leaves below
        it may be cheaper. Leaves are decided in the order of their bounds, like nodes."""
        r = self.solve_lp(lo, hi)
        if r.status == SolveStatus.INFEASIBLE:
            return
        if r.status != SolveStatus.OPTIMAL:
            return self.stop(r, bound, lo, hi)
        if self.closes(r.objective):
            self.decided = min(self.decided, r.objective)
            return
        v = r.x[self.cols]
        frac = np.abs(v - np.round(v))
        if frac.max(initial=0.0) > INT_TOL:
            j = int(np.argmax(frac))
        else:  # the relaxation's collective decisions are whole: that leaf is a candidate
            config = np.round(v)
            key = tuple(config.tolist())
            if key not in self.leaves:
                self.leaves[key] = math.nan  # on the heap, not decided yet
                fixed = r if np.array_equal(lo, hi) else self.solve_lp(config, config)
                if fixed.status == SolveStatus.OPTIMAL:
                    self.push(fixed.objective, config, config, fixed)
                elif fixed.status != SolveStatus.INFEASIBLE:
                    return self.stop(fixed, bound, lo, hi)
            if np.array_equal(lo, hi):
                return
            j = int(np.argmax(lo != hi))  # other leaves below this node may still be cheaper
        hi_down = hi.copy()
        hi_down[j] = 0.0
        lo_up = lo.copy()
        lo_up[j] = 1.0
        self.push(r.objective, lo, hi_down)
        self.push(r.objective, lo_up, hi)

    def leaf(self, bound: float, config: np.ndarray, lp: RawResult) -> None:
        """Decide the leaf with the collective decisions ``config``: its best plan, or a bound
        proving it cannot beat the incumbent."""
        self.lp.col_lower[self.cols] = config
        self.lp.col_upper[self.cols] = config
        low = self.decide_leaf(lp)
        if self.stopped:
            self.push(low, config, config, lp)  # undecided: its bound stays open
        elif self.failed is None:
            self.leaves[tuple(config.tolist())] = low
            self.decided = min(self.decided, low)

    def decide_leaf(self, lp: RawResult) -> float:
        """The leaf's lower bound after its cores; updates the incumbent."""
        model, req = self.model, self.lp
        x = lp.x[: model.n_x]
        if np.all(np.abs(x - np.round(x)) <= INT_TOL):
            whole = lp.x.copy()
            whole[: model.n_x] = np.round(x)
            self.offer(whole, lp)
            return lp.objective
        lagr = lagrangian(
            model, req, lp.row_dual if lp.row_dual is not None else np.zeros(model.n_rows)
        )
        mip = replace(req, integrality=self.integrality)
        low = lagr.bound  # proven for this leaf so far
        delta = FIRST_CORE_REL * max(1.0, abs(lagr.bound))  # the core: options within delta
        while not self.closes(low):
            if self.best is not None:
                delta = min(delta, self.upper - lagr.bound)
            core = core_of(model, req, lagr, delta)
            cutoff = self.upper if core.complete else min(self.upper, lagr.bound + delta)
            left = self.time_left()
            if left is not None and left <= 0:
                self.stopped = True
                return low
            abs_gap = 0.5 * self.rel_gap * max(1.0, abs(lagr.bound))
            self.leaf_bound, self.leaf_cap = low, cutoff
            res = solve_core(model, mip, core, cutoff, abs_gap, left, self.threads, self.watch)
            self.leaf_bound = math.inf
            self.n_cores += 1
            self.report()
            if res.x is not None:
                self.offer(res.x, lp)
            if res.status == "optimal":
                return max(low, min(res.bound, res.objective))
            if res.status == "time_limit":
                self.stopped = True
                return max(low, min(res.bound, cutoff))
            if res.status != "infeasible":
                self.failed = RawResult(SolveStatus.ERROR, message="the core MIP failed")
                return low
            low = max(low, cutoff)  # nothing in the leaf costs less than the cutoff
            if core.complete:
                return low
            delta *= 4.0
        return low

    def offer(self, x: np.ndarray, lp: RawResult) -> None:
        """A whole plan: the incumbent when cheaper. Its duals are the leaf's relaxation's."""
        objective = float(np.dot(self.lp.c, x))
        if objective < self.upper:
            self.best = replace(lp, x=x, objective=objective)

    # -- the end ----------------------------------------------------------------------------
    def outcome(self) -> RawResult:
        """The incumbent with its proven gap, or why there is none."""
        if self.failed is not None:
            return self.result(SolveStatus.ERROR, None, math.nan, self.failed.message)
        if self.best is None:
            status = SolveStatus.NO_SOLUTION if self.stopped else SolveStatus.INFEASIBLE
            return self.result(status, None, math.nan)
        gap = self.gap()
        proven = gap <= self.rel_gap * (1.0 + 1e-9)
        status = SolveStatus.OPTIMAL if proven else SolveStatus.TIME_LIMIT
        return self.result(status, self.best, gap)

    def result(
        self, status: str, res: RawResult | None, gap: float, message: str = ""
    ) -> RawResult:
        """``res`` (or no plan) with ``status``, ``gap`` and the search's counters."""
        out = RawResult(status, message=message) if res is None else replace(res, status=status)
        out.gap = gap
        out.seconds = time.perf_counter() - self.t0
        out.solver_seconds = self.solver_s
        out.lp_solves = self.n_lp
        out.duals_fixed = res is not None and res.row_dual is not None
        return out


# long because the search has three knobs besides the model (gap, threads, progress) and is
# called with all of them by name from one place (LoadedProblem.run)
def branch_dwellings(
    session: HighsSession,
    model: MatrixModel,
    req: SolveRequest,
    rel_gap: float = PER_DWELLING_REL_GAP,
    threads: int | None = None,
    progress: ProgressCallback | None = None,
) -> RawResult:
    """The exact per-dwelling plan of ``req``, proven to ``rel_gap`` (module docstring).

    Parameters
    ----------
    session
        The model on the HiGHS matrix path (its LPs are re-solved with warm starts).
    model
        The matrix model of ``session``.
    req
        The request: dwelling columns integer, collective columns binary (their bounds within
        [0, 1]), other columns continuous; ``time_limit_s`` bounds the whole search.
    rel_gap
        Relative gap to prove [-] (at least :data:`MIN_REL_GAP`).
    threads
        HiGHS threads for the cores (``None`` = HiGHS's default).
    progress
        Called every :data:`PROGRESS_EVERY_S` seconds of a long search with a
        :class:`SearchProgress`.

    Returns
    -------
    RawResult
        ``optimal`` with the proven ``gap``; ``time_limit`` with the best plan and its gap
        when time ran out first; ``no_solution``, ``infeasible`` or ``error`` without a plan.
        ``row_dual`` are those of the plan's leaf relaxation (``duals_fixed``).
    """
    search = _Search(session, model, req, rel_gap, threads, progress)
    cols = search.cols
    lo = np.maximum(np.ceil(search.lp.col_lower[cols] - INT_TOL), 0.0)
    hi = np.minimum(np.floor(search.lp.col_upper[cols] + INT_TOL), 1.0)
    if (lo > hi).any():
        return search.result(SolveStatus.INFEASIBLE, None, math.nan)
    search.push(-math.inf, lo, hi)
    while search.heap:
        bound, _, lo, hi, leaf = search.heap[0]
        if search.closes(bound):
            break
        if time.perf_counter() >= search.deadline:
            search.stopped = True
            break
        heapq.heappop(search.heap)
        if leaf is None:
            search.visit(bound, lo, hi)
        else:
            search.leaf(bound, lo, leaf)
        search.report()
        if search.stopped or search.failed is not None:
            break
    if search.best is not None and not search.stopped:
        search.decided = min([search.decided] + [h[0] for h in search.heap])
        search.heap.clear()
    search.report(force=search.progress is not None and time.perf_counter() - search.t0 > 5)
    return search.outcome()

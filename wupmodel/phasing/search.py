"""Solving the time path: column generation, coarse to fine, and a branch and price over the
village's collective decisions.

Column generation
-----------------
The full model has a switch column for every cohort × option × step (Aalden yearly: 758 ×
96 × 25 ≈ 1.8 million), but a plan uses about one per cohort. :func:`generate` solves the
restricted model, prices every switch against its duals
(:func:`~wupmodel.phasing.master.reduced_costs`, one vectorised pass) and adds each cohort's
switch with the most negative reduced cost; it stops when none is negative: then the
restricted LP's optimum is the full LP's. A yearly model starts from the 5-year model's
solution (:func:`root`): that model is small (and its heat-network link is per zone, not per
cohort), and its switches, spread over the years of their step, are most of what the yearly
plan needs; a 5-year model with a CO2 path starts the same way from one step per milestone.

Branch and price
----------------
The collective decisions (heat network built by step ``p`` per zone, LV grid reinforced by
step ``p``) are binaries. :func:`branch_and_price` searches them best bound first; every node
is the LP with some of them fixed by their bounds (fixing ``built[z, p]`` to 1 fixes every
later step too, to 0 every earlier one), solved by column generation, so its objective bounds
every plan below it; a node whose binaries come out whole is a plan. A first plan comes from
rounding the root's collective decisions in a few ways (:func:`_dive`: a fixed charge the LP
buys a fraction of is rounded up where its need grows large), improved one zone at a time
(:func:`_local_search`) while it is further from the root's bound than the gap. The search
stops when no open node's bound is below the best plan by more than the gap, relative to the
plan's whole discounted cost (``mip_gap``); without one it does not branch and the plan counts
as optimal when within :data:`MIP_GAP` of the root's bound. With ``per_dwelling`` the switch
columns are whole dwellings: the root's columns are kept and HiGHS solves that model as a MIP
(price and branch; the gap to the root's bound is reported); a small model gets every switch
column first (:data:`ALL_COLUMNS`), so its MIP is exact.
"""

from __future__ import annotations

import heapq
import math
import time
from dataclasses import dataclass, field

import numpy as np

from wupmodel.phasing.master import LPSolution, Master, reduced_costs
from wupmodel.phasing.moments import period_starts
from wupmodel.phasing.problem import TimeProblem, coarsen

#: A reduced cost below minus this [€] brings a column in.
PRICE_TOL_EUR = 1e-6

#: Default relative gap of the search, of the plan's whole discounted cost: a plan within 1 %
#: of the least cost any plan can have (the root LP's bound) is taken; ``mip_gap=0`` asks for a
#: proven optimum (a branch and price that can take minutes on a village).
MIP_GAP = 1e-2

#: A binary counts as whole within this distance of 0 or 1.
INT_TOL = 1e-6

#: A model with more steps than this is solved from its 5-year model's solution first.
COARSE_ABOVE_STEPS = 8

#: Most LPs the local search over the zones' collective steps solves.
LOCAL_SEARCH_SOLVES = 8

#: A zone whose root binaries are all within this of 0 or 1 is fixed first in the dive.
FIRM = 0.05

#: The dive's roundings of the root's collective decisions: ``None`` rounds at one half, a
#: number at that share of the zone's value at the last step (:func:`_rounded`).
#: (On Aalden with a CO2 path, one half of the cumulative value and 75 % of the last value
#: priced worst every time; 25 % and 50 % best.)
ROUND_SHARES: tuple[float | None, ...] = (0.25, 0.5)

#: A zone whose root value at the last step is below this is rounded to never.
ROUND_FLOOR = 0.02

#: Up to this many switch columns in all, a whole-dwelling MIP gets every one of them (exact).
ALL_COLUMNS = 20_000

#: Weight of the best-bound duals in the duals a cold start's rounds price at
#: (:func:`generate`; on Aalden with 5-year steps and the packaged CO2 path 0.5 took 10 000
#: simplex iterations instead of 12 000; from a warm start, the yearly model's and the
#: nodes', it took more rounds, so those price at their own duals).
SMOOTHING = 0.5

#: A priced candidate's LP is cut off this far above the cost it has to beat [€] (so that a tie,
#: which the cheapest-first choice would not take anyway, is not cut by round-off).
CUTOFF_SLACK_EUR = 1.0

#: Most rounds of column generation per node (a guard; they end far sooner).
MAX_ROUNDS = 500


@dataclass
class SearchResult:
    """The best plan the search found."""

    status: str  #: ``optimal``, ``time_limit``, ``no_solution``, ``infeasible`` or ``error``
    solution: LPSolution | None = None
    bound: float = math.nan
    gap: float = math.nan
    nodes: int = 0
    rounds: int = 0
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)


def _first_per_cohort(cohort: np.ndarray, value: np.ndarray) -> np.ndarray:
    """Per cohort, the pair with the smallest ``value`` (the first of equals; pairs are ordered
    by cohort)."""
    if not cohort.size:
        return np.zeros(0, dtype=np.int64)
    starts = np.flatnonzero(np.r_[True, cohort[1:] != cohort[:-1]])
    least = np.minimum.reduceat(value, starts)
    counts = np.diff(np.r_[starts, cohort.size])
    hit = np.flatnonzero(value == np.repeat(least, counts))
    first = np.r_[True, cohort[hit][1:] != cohort[hit][:-1]]
    return hit[first]


def initial_columns(master: Master) -> None:
    """Each cohort's cheapest switch over its options and steps (a plan without limits)."""
    prob = master.prob
    delta = np.where(prob.allowed, prob.delta_eur, np.inf)
    best_p = np.argmin(delta, axis=1)
    value = delta[np.arange(prob.n_pairs), best_p]
    first = _first_per_cohort(prob.cohort, value)
    first = first[np.isfinite(value[first])]
    master.add(first, best_p[first])


def _best_per_cohort(master: Master, rc: np.ndarray, tol: float):
    """Per cohort, its switch with the most negative reduced cost (if below ``-tol``), from
    ``rc`` with the model's own columns at ``inf``."""
    prob = master.prob
    best_p = np.argmin(rc, axis=1)
    value = rc[np.arange(prob.n_pairs), best_p]
    first = _first_per_cohort(prob.cohort, value)
    first = first[value[first] < -tol]
    return first, best_p[first]


def _new_columns(master: Master, y: np.ndarray, tol: float) -> tuple[np.ndarray, np.ndarray]:
    """Per cohort, its switch with the most negative reduced cost (if below ``-tol``)."""
    rc = reduced_costs(master.prob, master.rows, y, master.step_terms)
    rc[master.in_model] = np.inf
    return _best_per_cohort(master, rc, tol)


def lagrangian_bound(master: Master, sol: LPSolution, rc: np.ndarray) -> float:
    """A lower bound of the full LP from a restricted solution and every switch's reduced
    cost ``rc`` at its duals (Farley's): the restricted objective, less what the switches at
    their upper bound (a whole cohort) gain, plus each cohort's dwellings times its most
    negative reduced cost (its dwellings put in that one switch)."""
    prob = master.prob
    count = prob.count[prob.cohort[master.cf]]
    x = sol.x[master.cols.x0 :]
    up = x >= count - 1e-9
    gain = float(np.dot(rc[master.cf[up], master.cp[up]], count[up]))
    starts = np.flatnonzero(np.r_[True, prob.cohort[1:] != prob.cohort[:-1]])
    least = np.minimum.reduceat(rc.min(axis=1), starts) if starts.size else np.zeros(0)
    return sol.objective - gain + float(np.dot(prob.count, np.minimum(0.0, least)))


def generate(
    master: Master, deadline: float = math.inf, integer: bool = False, smoothing: float = 0.0
) -> tuple[LPSolution, int]:
    """Column generation to the LP optimum of the model with its current bounds.

    With ``smoothing`` (a model started cold, :func:`root`) each round prices at the duals
    smoothed towards those that gave the best Lagrangian bound so far (Wentges: that share of
    the best, the rest the current), which damps the duals' swings from round to round; when
    the smoothed duals price nothing, the current duals' columns are added. It stops only when
    the current duals price nothing, so the restricted LP's optimum is the full LP's. Returns
    the last solution and the number of rounds; ``time_limit`` when the deadline came first.
    """
    rounds = 0
    best_y, best_bound = None, -math.inf
    while True:
        left = deadline - time.perf_counter()
        if left <= 0:
            return LPSolution("time_limit"), rounds
        sol = master.solve(time_limit_s=left if math.isfinite(left) else None)
        rounds += 1
        if sol.status != "optimal" or sol.row_dual is None:
            return sol, rounds
        y = sol.row_dual
        rc = reduced_costs(master.prob, master.rows, y, master.step_terms)
        bound = lagrangian_bound(master, sol, rc)
        rc[master.in_model] = np.inf
        f, p = _best_per_cohort(master, rc, PRICE_TOL_EUR)
        if not f.size or rounds >= MAX_ROUNDS:
            return sol, rounds
        if bound > best_bound:
            best_y, best_bound = y.copy(), bound
        if smoothing and best_y is not None:
            smooth = smoothing * best_y + (1.0 - smoothing) * y
            f2, p2 = _new_columns(master, smooth, PRICE_TOL_EUR)
            if f2.size:
                f, p = f2, p2
        master.add(f, p, integer=integer)


def _coarse_years(prob: TimeProblem) -> np.ndarray:
    """The first years of a yearly model's 5-year start: every fifth year, each step ending in
    a milestone year (2026, 2031, 2036, … for milestones 2030, 2040, 2050). Steps that start in
    a milestone year, as the 5-year plan's do, would count five years of installer capacity
    towards it where the yearly model counts one: the yearly model's first LP would miss the
    path its start met, and its first rounds, priced at the shortfall's penalty, are the
    dearest."""
    start, end = int(prob.table.start_year), int(prob.table.end_year)
    if not prob.milestones.size:
        return period_starts(start, end, 5)
    years = np.arange(start, end + 1)
    after = prob.milestones.astype(np.int64) + 1
    anchor = int(after[0]) % 5
    keep = (years == start) | (years % 5 == anchor) | np.isin(years, after)
    return years[keep]


def _coarse_steps(prob: TimeProblem) -> np.ndarray | None:
    """The steps of a model's coarse start, or ``None`` to start it cold: a yearly model's
    5-year start (:func:`_coarse_years`); a model of a few steps with a CO2 path starts from one
    step per milestone — the first step and those right after each milestone's (5-year steps
    with milestones 2030, 2040, 2050: 2026, 2035, 2045), so each coarse step counts the same
    years of installer capacity towards its milestone as the steps it stands for."""
    n_p = prob.periods.size
    if n_p > COARSE_ABOVE_STEPS:
        return np.searchsorted(prob.periods, _coarse_years(prob))
    if not prob.milestones.size:
        return None
    after = np.searchsorted(prob.periods, prob.milestones, side="right")
    steps = np.unique(np.r_[0, after[after < n_p]])
    return steps if steps.size < n_p else None


def root(master: Master, deadline: float = math.inf) -> tuple[LPSolution, int]:
    """The root LP; a model of many steps starts from its 5-year model's switches
    (:func:`_coarse_years`), each spread over the years of its step, and a model of a few
    steps with a CO2 path from a model of one step per milestone (:func:`_coarse_steps`).
    That coarse model links a heat network's joiners to its zone's network per zone, not per
    cohort (:func:`~wupmodel.phasing.problem.coarsen` with ``weak_join``): a quarter of the
    rows, so its LPs are cheap; it only proposes columns, and the model's own LP, with the
    link per cohort, is solved to its optimum from them."""
    prob = master.prob
    initial_columns(master)
    rounds = 0
    steps = _coarse_steps(prob)
    if steps is not None:
        coarse = Master(coarse := coarsen(prob, steps, weak_join=True))
        initial_columns(coarse)
        sol, rounds = generate(coarse, deadline, smoothing=SMOOTHING)
        master.lp_solves += coarse.lp_solves  # the counts say every LP of the plan
        master.solver_s += coarse.solver_s
        if sol.status == "optimal":
            used = sol.x[coarse.cols.x0 :] > 1e-9
            f, q = coarse.cf[used], coarse.cp[used]
            lo = steps[q]
            hi = np.append(steps, prob.periods.size)[q + 1]
            f = np.repeat(f, hi - lo)
            p = np.concatenate([np.arange(a, b) for a, b in zip(lo, hi, strict=True)] or [[]])
            p = p.astype(np.int64)
            ok = coarse.prob.allowed[f, 0] | prob.allowed[f, p]
            ok &= prob.allowed[f, p]
            master.add(f[ok], p[ok])
    sol, more = generate(master, deadline, smoothing=SMOOTHING if steps is None else 0.0)
    return sol, rounds + more


class _Search:
    """The state of one branch and price (best bound first)."""

    def __init__(self, master: Master, deadline: float, rel_gap: float, offset: float) -> None:
        self.master = master
        self.cols = master.collective_cols
        self.lower0 = np.zeros(self.cols.size)
        self.upper0 = master.upper_fixed[self.cols].copy()
        self.deadline = deadline
        self.rel_gap = rel_gap
        self.offset = offset
        self.best: LPSolution | None = None
        self.best_binaries: np.ndarray | None = None
        self.heap: list[tuple[float, int, np.ndarray, np.ndarray]] = []
        self.tick = 0
        self.nodes = 0
        self.rounds = 0
        self.stopped = False
        #: the bases of the last candidates :func:`_priced` solved, in their order
        self.bases: list = []

    def tolerance(self) -> float:
        """The gap in euros: relative to the best plan's whole discounted cost."""
        if self.best is None:
            return 0.0
        return self.rel_gap * max(1.0, abs(self.offset + self.best.objective))

    def beaten(self, bound: float) -> bool:
        """True when ``bound`` cannot improve on the best plan by more than the gap."""
        return self.best is not None and bound >= self.best.objective - self.tolerance()

    def is_plan(self, sol: LPSolution) -> bool:
        """Whole binaries and every built network at its minimum share."""
        m = self.master
        v = sol.x[self.cols]
        missing = sol.x[m.cols.missing0 : m.cols.built0]
        return bool(np.abs(v - np.round(v)).max(initial=0.0) <= INT_TOL) and bool(
            (missing <= 1e-6).all()
        )

    def offer(self, sol: LPSolution) -> None:
        """Keep ``sol`` when it is a plan better than the best."""
        if self.is_plan(sol) and (self.best is None or sol.objective < self.best.objective):
            self.best = sol
            self.best_binaries = np.round(sol.x[self.cols])

    def solve_node(self, lower: np.ndarray, upper: np.ndarray) -> LPSolution:
        """The node's LP by column generation."""
        self.master.set_bounds(self.cols, lower, upper)
        sol, rounds = generate(self.master, self.deadline)
        self.nodes += 1
        self.rounds += rounds
        return sol

    def visit(self, lower: np.ndarray, upper: np.ndarray) -> LPSolution | None:
        """Solve a node; close it as a plan or branch. Returns a failed solution to stop on."""
        sol = self.solve_node(lower, upper)
        if sol.status == "infeasible":
            return None
        if sol.status != "optimal":
            self.stopped = sol.status == "time_limit"
            return sol
        if self.beaten(sol.objective):
            return None
        v = sol.x[self.cols]
        frac = np.abs(v - np.round(v))
        if frac.max(initial=0.0) <= INT_TOL:
            self.offer(sol)
            return None
        self.branch(sol.objective, lower, upper, int(np.argmax(frac)))
        return None

    def branch(self, bound: float, lower: np.ndarray, upper: np.ndarray, j: int) -> None:
        """Two children: the cumulative binary ``j`` at 0 (and every earlier step of its zone),
        at 1 (and every later one)."""
        n_p = self.master.prob.collective_steps.size
        zone0 = (j // n_p) * n_p
        p = j % n_p
        down_u = upper.copy()
        down_u[zone0 : zone0 + p + 1] = 0.0
        up_l = lower.copy()
        up_l[zone0 + p : zone0 + n_p] = np.minimum(1.0, upper[zone0 + p : zone0 + n_p])
        for lo, hi in ((lower, down_u), (up_l, upper)):
            if (lo <= hi).all():
                self.tick += 1
                heapq.heappush(self.heap, (bound, self.tick, lo.copy(), hi.copy()))


def _priced(search: _Search, candidates: list[np.ndarray]) -> list[float]:
    """Each candidate set of binaries priced on the model's columns as they are: one LP each,
    an upper bound of its plan's cost. Each starts from the basis the model had before the
    first (the plan or LP the candidates are moves from), not from the previous candidate's:
    half the simplex iterations. Only the cheapest candidate, and only if it beats the best
    plan, is used: each LP is cut off (``inf``) once its dual simplex bound passes the best
    plan's cost or the cheapest candidate's so far."""
    h = search.master.h
    start = h.getBasis()
    values, search.bases = [], []
    limit = math.inf if search.best is None else search.best.objective
    for fixed in candidates:
        if start.valid:
            h.setBasis(start)
        search.master.set_bounds(search.cols, fixed, fixed)
        sol = search.master.solve(cutoff=limit + CUTOFF_SLACK_EUR)
        values.append(sol.objective if sol.status == "optimal" else math.inf)
        limit = min(limit, values[-1])
        search.bases.append(h.getBasis())
    return values


def _try_best(search: _Search, candidates: list[np.ndarray], values: list[float]) -> bool:
    """Solve the best-priced candidate by column generation; True when it beats the best."""
    if not candidates or not np.isfinite(min(values)):
        return False
    before = math.inf if search.best is None else search.best.objective
    best = int(np.argmin(values))
    fixed = candidates[best]
    if len(search.bases) == len(candidates) and search.bases[best].valid:
        search.master.h.setBasis(search.bases[best])  # its own priced LP's basis
    node = search.solve_node(fixed, fixed)
    if node.status == "optimal":
        search.offer(node)
    return search.best is not None and search.best.objective < before - 1e-9


def _rounded(v: np.ndarray, share: float | None) -> np.ndarray:
    """Per zone, the first collective step the dive rounds up to (``n_c`` = never): where the
    LP's cumulative value reaches one half (``share`` None), or ``share`` of its value at the
    last step (a fixed charge the LP buys a fraction of: the year its need grows large);
    never when that last value is below :data:`ROUND_FLOOR`."""
    n_c = v.shape[1]
    whole = np.abs(v - np.round(v)).max(axis=1) <= FIRM
    level = np.where(whole | (share is None), 0.5, (share or 0.0) * v[:, -1])
    level = np.where(whole | (v[:, -1] >= ROUND_FLOOR), np.maximum(level, INT_TOL), np.inf)
    reached = v >= level[:, None] - INT_TOL
    return np.where(reached.any(axis=1), np.argmax(reached, axis=1), n_c)


def _dive(search: _Search, sol: LPSolution) -> None:
    """A first plan from the root: every zone's collective decision rounded to a year in a few
    ways (:func:`_rounded`, one per entry of :data:`ROUND_SHARES`), each priced on the model's
    columns (:func:`_priced`), the best solved by column generation."""
    n_c = search.master.prob.collective_steps.size
    v = sol.x[search.cols].reshape(-1, n_c)
    candidates, seen = [], set()
    for share in ROUND_SHARES:
        fixed = np.minimum(_binaries_of(_rounded(v, share), n_c), search.upper0)
        key = fixed.tobytes()
        if key not in seen:
            seen.add(key)
            candidates.append(fixed)
    values = _priced(search, candidates)
    _try_best(search, candidates, values)


def _years_of(binaries: np.ndarray, n_c: int) -> np.ndarray:
    """Per zone, the first collective step at 1 (``n_c`` = never)."""
    blocks = binaries.reshape(-1, n_c) > 0.5
    return np.where(blocks.any(axis=1), np.argmax(blocks, axis=1), n_c)


def _binaries_of(years: np.ndarray, n_c: int) -> np.ndarray:
    """Cumulative binaries with each zone's first step at ``years`` (``n_c`` = never)."""
    return (np.arange(n_c)[None, :] >= years[:, None]).astype(float).ravel()


def _local_search(search: _Search, max_solves: int, zones: np.ndarray) -> None:
    """Improve the best plan one zone at a time: each zone's collective step moved one step
    earlier or later, or to never, with the others kept; each move priced on the model's
    columns (:func:`_priced`), the best solved by column generation and kept when better.
    Until no move helps or ``max_solves`` LPs are spent. Only ``zones`` move (those the root
    LP left in doubt)."""
    n_c = search.master.prob.collective_steps.size
    solves = 0
    while search.best_binaries is not None and solves < max_solves:
        years = _years_of(search.best_binaries, n_c)
        moves = []
        for zone in zones:
            for year in sorted({years[zone] - 1, years[zone] + 1, n_c} - {years[zone]}):
                trial = years.copy()
                trial[zone] = year
                fixed = np.minimum(_binaries_of(trial, n_c), search.upper0)
                if 0 <= year <= n_c and np.array_equal(_years_of(fixed, n_c), trial):
                    moves.append(fixed)
        moves = moves[: max(0, max_solves - solves)]
        values = _priced(search, moves)
        solves += len(moves) + 1
        if not values or min(values) >= search.best.objective - 1e-9:
            return
        if not _try_best(search, moves, values):
            return


def branch_and_price(
    master: Master,
    time_limit_s: float | None = None,
    mip_gap: float | None = None,
    offset: float = 0.0,
) -> SearchResult:
    """The least-cost plan with whole collective decisions (module docstring).

    ``offset`` is added to the model's objective to give the plan's whole discounted cost
    (the reference's present value), the base of the relative gap. Without ``mip_gap`` the
    plan is the dive's, improved by the local search, and its gap to the root's bound is
    reported (no branching); with it the branch and price runs until the gap is closed to it
    (``0``: a proven optimum) or the time runs out.
    """
    t0 = time.perf_counter()
    deadline = t0 + time_limit_s if time_limit_s else math.inf
    gap = MIP_GAP if mip_gap is None else max(float(mip_gap), 1e-12)
    search = _Search(master, deadline, gap, offset)
    prove = mip_gap is not None
    sol, rounds = root(master, deadline)
    search.rounds += rounds
    search.nodes += 1
    if sol.status != "optimal":
        return SearchResult(sol.status if sol.status != "time_limit" else "no_solution")
    bound = sol.objective
    if master.collective_cols.size and not search.is_plan(sol):
        _dive(search, sol)
        n_c = master.prob.collective_steps.size
        v = sol.x[search.cols].reshape(-1, n_c)
        doubtful = np.flatnonzero(np.abs(v - np.round(v)).max(axis=1) > FIRM)
        if not search.beaten(bound):
            _local_search(search, LOCAL_SEARCH_SOLVES, doubtful)
        heapq.heappush(search.heap, (bound, 0, search.lower0, search.upper0))
    else:
        search.offer(sol)
    failed: LPSolution | None = None
    while prove and search.heap and failed is None:
        node_bound, _, lower, upper = search.heap[0]
        if search.beaten(node_bound):
            break
        if time.perf_counter() >= deadline:
            search.stopped = True
            break
        heapq.heappop(search.heap)
        failed = search.visit(lower, upper)
        if search.stopped:
            heapq.heappush(search.heap, (node_bound, -1, lower, upper))
    return _outcome(search, failed, bound, time.perf_counter() - t0)


def _outcome(search: _Search, failed: LPSolution | None, root_bound: float, seconds: float):
    """The search's result: its best plan, re-solved so the model holds that plan's state."""
    counters = {"nodes": search.nodes, "rounds": search.rounds, "seconds": seconds}
    if failed is not None and not search.stopped:
        return SearchResult("error", **counters)
    if search.best is None:
        status = "no_solution" if search.stopped else "infeasible"
        return SearchResult(status, bound=root_bound, **counters)
    open_bound = min([h[0] for h in search.heap] + [search.best.objective])
    fixed = search.best_binaries
    best = search.solve_node(fixed, fixed)
    if best.status != "optimal":
        best = search.best
    span = max(1.0, abs(search.offset + best.objective))
    gap = max(0.0, (best.objective - open_bound) / span)
    status = "optimal" if gap <= search.rel_gap else "time_limit" if search.stopped else "feasible"
    return SearchResult(status, best, open_bound, gap, **counters)


def price_and_branch(
    master: Master,
    time_limit_s: float | None = None,
    mip_gap: float | None = None,
    offset: float = 0.0,
) -> SearchResult:
    """Whole dwellings: the root's columns, then HiGHS's MIP on them (module docstring)."""
    t0 = time.perf_counter()
    deadline = t0 + time_limit_s if time_limit_s else math.inf
    sol, rounds = root(master, deadline)
    if sol.status != "optimal":
        return SearchResult(sol.status if sol.status != "time_limit" else "no_solution")
    prob = master.prob
    every = bool(prob.allowed.sum() <= ALL_COLUMNS)
    if every:  # small: every switch in the MIP, so it is exact
        master.add(*np.nonzero(prob.allowed))
    master.set_integrality(np.arange(master.cols.x0, master.n_cols), True)
    master.set_integrality(master.collective_cols, True)
    left = deadline - time.perf_counter()
    gap = MIP_GAP if mip_gap is None else mip_gap
    mip = master.solve(time_limit_s=left if math.isfinite(left) else None, mip_gap=gap)
    seconds = time.perf_counter() - t0
    if mip.x is None:
        return SearchResult("no_solution", bound=sol.objective, rounds=rounds, seconds=seconds)
    bound = float(master.h.getInfo().mip_dual_bound) if every else sol.objective
    span = max(1.0, abs(offset + mip.objective))
    gap = max(0.0, (mip.objective - bound) / span)
    note = (
        "whole dwellings: every switch column, HiGHS's MIP"
        if every
        else "whole dwellings: the switch columns of the LP relaxation's column generation, "
        f"then HiGHS's MIP on them; {gap:.3%} of the plan's cost above the relaxation's bound"
    )
    return SearchResult(mip.status, mip, bound, gap, 1, rounds, seconds, [note])

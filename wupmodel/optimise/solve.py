"""Village optimisation: which option each group of dwellings takes, and what the village builds.

The evaluation layer gives, for every dwelling group × option, per-dwelling figures (costs in
both perspectives, investment, subsidy, CO2, electric peak, energy); this module picks the mix.

Model
-----
Variables are ``n[g, o]``, the number of dwellings of group ``g`` on option ``o`` (the share
is ``n / count``; integer when ``per_dwelling``), with Σₒ n = count. Collective decisions are
binaries per heat-network zone (built) and per grid zone (reinforced), and a continuous
solar-park size [kWp]. The objective is the total annual cost [€/yr] in the chosen
perspective (``Σ cost·n`` + collective costs), or CO2 (lexicographic: least CO2, then least
cost at that CO2). Constraints: CO2 reduction vs the all-reference village, investment
budget, LV grid capacity after diversity (+ reinforcement), heat-network link and minimum
participation, energy-neutral share, monthly-cost limit per household (with an optional
extra-subsidy budget), options households already chose, maximum installations per heating
system. Row-by-row definitions: :mod:`wupmodel.optimise.build`.

Conventions
-----------
* **Budget** (``budget_eur``): one-off euros. ``budget_basis='end_user_net'`` (default) caps
  the households' investment net of subsidies, Σ (capex − subsidy)·n; ``'subsidy'`` caps the
  public subsidy Σ subsidy·n. Collective investments are annual costs in the objective, not
  part of the budget.
* **Monthly-cost limit** (``max_monthly_increase_eur``): an option whose year-1 woonlasten
  change exceeds the limit is closed to free households. With ``extra_subsidy_budget_eur``
  (€/yr) it stays open and the optimiser allocates the least extra subsidy that brings those
  households back to the limit, 12·(change − limit) €/yr per dwelling: linear in ``n``, so no
  extra variable is needed. The extra subsidy is a transfer (municipality → household): it is
  **capped** by its budget and **not counted** in either cost total; the plan reports it.
* **Collective costs per perspective.** National: heat-network cost per zone (fixed, plus an
  optional part per zone dwelling), reinforcement per grid zone, solar park. End user: by
  default only the solar park (a village cooperative); heat networks and grid reinforcement
  reach households through the tariffs already in ``annual_cost_eur['end_user']`` (set the
  ``end_user_*`` fields to change that). Whatever the zone cost holds must not also be in the
  per-dwelling option costs: :mod:`wupmodel.money.appraise` puts the distribution main into the
  national cost of heat-network options per connection, so :meth:`OptimiseSettings.from_params`
  charges the zone only the collective source; ``trunk_per_zone=True`` charges the main per
  zone dwelling instead, for option tables without it.
* **Shadow prices** are the fall in the objective [€/yr] per unit a constraint is relaxed
  (= the rise per unit it is tightened while the optimal basis holds). The CO2 row is
  reported per tonne: first-year basis in €/t (€/yr per t/yr); cumulative basis in €/yr per
  t cumulative to the horizon (the unit string says so). For a MILP
  the duals come from a second LP: collective binaries fixed at their optimum and
  per-dwelling integrality relaxed (shares). For group shares these are the exact marginal
  prices as long as the collective decisions stay as they are; for per-dwelling plans they
  price the relaxation around the plan, an approximation (the plan's notices say so).
* **Status**: ``'optimal'``, ``'time_limit'`` (best plan found, with its ``gap``; or no plan
  and a message), ``'infeasible'`` (with a message naming the best CO2 reduction the other
  constraints allow, or which constraint groups block a plan), ``'error'`` (solver failure,
  with its message). Never an exception for a solver outcome; invalid inputs raise
  :class:`~wupmodel.errors.WupInputError`.

Solvers: HiGHS by default, CBC (``pulp.PULP_CBC_CMD``) as the alternative, falling back to
the other with a notice when one is missing. ``backend='auto'`` uses PuLP (``pulp.HiGHS``)
for small models and hands larger ones to HiGHS directly as sparse arrays (the matrix path,
see :data:`AUTO_MATRIX_NNZ` and :mod:`wupmodel.optimise.solvers`). CBC returns its solution
through a text file with 8 significant digits, so its figures carry ~1e-8 relative error.

Collective decisions with group shares: the only integer columns are then a handful of
binaries (heat network per zone, reinforcement per grid zone). On the matrix path they are
decided by an exact branch and bound of our own whose nodes are LPs re-solved on the same
HiGHS model with warm starts (:func:`~wupmodel.optimise.solvers.branch_collective`,
``collective_method``); its best leaf is the LP with the binaries fixed, so it also gives the
shadow prices without a second LP. It proves optimality to 1e-9 relative (or ``mip_gap``),
tighter than HiGHS's default MIP gap of 1e-4.

Per-dwelling plans with HiGHS (``collective_method`` ``'auto'`` or ``'branch'``) use the same
branch and bound over the collective binaries, and decide each leaf exactly through a small core
of the options within reach of the leaf's Lagrangian bound
(:func:`~wupmodel.optimise.dwellings.branch_dwellings`); the plan is proven to ``mip_gap`` or
1e-6 relative and its ``gap`` is the proven one.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from typing import Any

import numpy as np

from wupmodel.optimise.build import MatrixModel, build_model
from wupmodel.optimise.dwellings import PER_DWELLING_REL_GAP, branch_dwellings
from wupmodel.optimise.plan import ConstraintReport, Plan
from wupmodel.optimise.problem import (
    AUTO_BRANCH_MAX_BINARIES,
    AUTO_MATRIX_INTEGERS,
    AUTO_MATRIX_NNZ,
    CO2_STAGE_ABS_TOL_KG,
    CO2_STAGE_REL_TOL,
    HEAT_NETWORK_SYSTEMS,
    PERSPECTIVES,
    SHARE_EPS,
    OptimiseSettings,
    OptionTable,
    SolveStatus,
    validate_settings,
    validate_table,
)
from wupmodel.optimise.solvers import (
    ERROR,
    INFEASIBLE,
    NO_SOLUTION,
    OPTIMAL,
    TIME_LIMIT,
    HighsSession,
    PulpSession,
    RawResult,
    SolveRequest,
    branch_collective,
    cbc_available,
    highs_available,
)
from wupmodel.vocabulary import HEATING_SYSTEMS

# ---------------------------------------------------------------------------------------------
# Solving
# ---------------------------------------------------------------------------------------------

_FAMILY_LABELS = {
    "co2": "the CO2 reduction target",
    "budget": "the investment budget",
    "grid": "the grid capacity",
    "hn_min": "the minimum heat-network participation",
    "energy_neutral": "the energy-neutral target",
    "extra_subsidy": "the extra-subsidy budget",
    "max_install": "the maximum installations per heating system",
    "monthly": "the monthly-cost limit",
    "fixed": "the options households already chose",
}

_ROW_UNITS = {  # kind -> (scale to the reported unit, price unit, quantity unit)
    "co2": (1000.0, "EUR/t", "kg"),
    "budget": (1.0, "EUR/yr per EUR", "EUR"),
    "grid": (1.0, "EUR/yr per kW", "kW"),
    "hn_min": (1.0, "EUR/yr per dwelling", "dwellings"),
    "energy_neutral": (1000.0, "EUR/yr per MWh", "kWh/yr"),
    "extra_subsidy": (1.0, "EUR/yr per EUR/yr", "EUR/yr"),
    "max_install": (1.0, "EUR/yr per dwelling", "dwellings"),
}


class LoadedProblem:
    """A built model loaded into one solver session, solved as often as needed."""

    def __init__(self, table: OptionTable, settings: OptimiseSettings) -> None:
        validate_settings(settings)
        validate_table(table, settings.per_dwelling)
        self.table = table
        self.settings = settings
        self.notices: list[str] = []
        self.co2_stage: tuple[RawResult, SolveRequest] | None = None
        t0 = time.perf_counter()
        self.model: MatrixModel = build_model(table, settings)
        self.matrix_s = time.perf_counter() - t0
        self.notices.extend(self.model.notices)
        self.solve_s = 0.0
        self.duals_s = 0.0
        self.diagnosis_s = 0.0
        self.solver_run_s = 0.0
        self.solver, self.backend = self._choose()
        t1 = time.perf_counter()
        if self.backend == "highspy":
            self.session = HighsSession(self.model, threads=settings.threads)
        else:
            self.session = PulpSession(self.model, self.solver, threads=settings.threads)
        self.backend_build_s = time.perf_counter() - t1
        self.branch_cols = self._branch_cols()
        self.dwelling_search = self.backend == "highspy" and self._exact_per_dwelling()
        self.lp_solves = 0
        if self.model.is_mip and settings.per_dwelling:
            self.dual_note = (
                "shadow prices come from the LP relaxation with the collective "
                "decisions fixed (per-dwelling choices relaxed to shares)"
            )
        elif self.model.is_mip:
            self.dual_note = (
                "shadow prices come from the LP with the collective decisions "
                "fixed at their optimum"
            )
        else:
            self.dual_note = ""

    def _choose(self) -> tuple[str, str]:
        s = self.settings
        solver = s.solver
        if solver == "cbc" and not cbc_available():
            self.notices.append("CBC is not available here; solved with HiGHS instead")
            solver = "highs"
        if solver == "highs" and not highs_available():  # pragma: no cover - dependency
            if cbc_available():
                self.notices.append("HiGHS (highspy) is not available; solved with CBC instead")
                solver = "cbc"
        backend = s.backend
        if solver == "cbc" and backend == "highspy":
            self.notices.append("CBC runs through PuLP; backend 'highspy' ignored")
            backend = "pulp"
        if backend == "auto" and solver == "highs" and self._exact_per_dwelling():
            backend = "highspy"  # the exact per-dwelling search re-solves LPs on the matrix path
        if backend == "auto":
            large = (
                self.model.A.nnz > AUTO_MATRIX_NNZ
                or int(self.model.integrality.sum()) > AUTO_MATRIX_INTEGERS
            )
            backend = "highspy" if (solver == "highs" and large) else "pulp"
        return solver, backend

    def _exact_per_dwelling(self) -> bool:
        """True when a per-dwelling model is solved by the own exact search (the settings'
        ``collective_method``; HiGHS only)."""
        s = self.settings
        if not (s.per_dwelling and self.model.is_mip) or s.collective_method == "mip":
            return False
        return s.collective_method == "branch" or (
            self.model.collective_cols.size <= AUTO_BRANCH_MAX_BINARIES
        )

    def _branch_cols(self) -> np.ndarray | None:
        """The collective binaries to branch on ourselves, or ``None`` (solver's MIP)."""
        s = self.settings
        m = self.model
        coll = m.collective_cols
        if s.per_dwelling or not coll.size or s.collective_method == "mip":
            return None
        if s.collective_method == "auto" and not (
            self.backend == "highspy" and coll.size <= AUTO_BRANCH_MAX_BINARIES
        ):
            return None
        return coll

    # -- requests ---------------------------------------------------------------------------
    def request(self, c: np.ndarray, co2_cap: float | None = None) -> SolveRequest:
        m = self.model
        req = SolveRequest(
            c=np.asarray(c, dtype=float),
            row_lower=m.row_lower.copy(),
            row_upper=m.row_upper.copy(),
            col_lower=m.col_lower.copy(),
            col_upper=m.col_upper.copy(),
            integrality=m.integrality.copy(),
            time_limit_s=self.settings.time_limit_s,
            mip_gap=self.settings.mip_gap,
        )
        if co2_cap is not None:
            req.row_upper[m.co2_row] = min(req.row_upper[m.co2_row], float(co2_cap))
        return req

    def run(self, req: SolveRequest, bucket: str = "solve") -> RawResult:
        if self.dwelling_search and req.integrality.any():
            s = self.settings
            res = branch_dwellings(
                self.session,
                self.model,
                req,
                rel_gap=PER_DWELLING_REL_GAP if s.mip_gap is None else s.mip_gap,
                threads=s.threads,
                progress=s.progress,
            )
            self.lp_solves += res.lp_solves
        elif self.branch_cols is not None and req.integrality.any():
            res = branch_collective(self.session, req, self.branch_cols)
            self.lp_solves += res.lp_solves
        else:
            res = self.session.solve(req)
        if math.isfinite(res.solver_seconds):
            self.solver_run_s += res.solver_seconds
        if bucket == "duals":
            self.duals_s += res.seconds
        elif bucket == "diagnosis":
            self.diagnosis_s += res.seconds
        else:
            self.solve_s += res.seconds
        return res

    # -- stages -----------------------------------------------------------------------------
    def optimise(
        self, objective: str, co2_cap: float | None = None
    ) -> tuple[RawResult, SolveRequest]:
        s = self.settings
        m = self.model
        req = self.request(m.cost[s.perspective], co2_cap)
        if objective == "co2":
            req1 = self.request(m.co2[s.co2_basis], co2_cap)
            r1 = self.run(req1)
            # Shadow prices under the CO2 objective are those of this stage (CO2 per unit
            # relaxed); the cost stage below only picks the cheapest of the minimum-CO2 plans.
            self.co2_stage = (r1, req1)
            if not r1.has_solution:
                return r1, req1
            cap = r1.objective + max(CO2_STAGE_REL_TOL * abs(r1.objective), CO2_STAGE_ABS_TOL_KG)
            req.row_upper[m.co2_row] = min(req.row_upper[m.co2_row], cap)
            r2 = self.run(req)
            if not r2.has_solution:
                self.notices.append(
                    "the least-cost stage at minimum CO2 found no plan in time; "
                    "the minimum-CO2 plan is reported without cost optimisation"
                )
                return r1, req
            if r1.status == TIME_LIMIT and r2.status == OPTIMAL:
                r2.status = TIME_LIMIT
                r2.gap = r1.gap
            return r2, req
        return self.run(req), req

    def duals(self, res: RawResult, req: SolveRequest) -> np.ndarray | None:
        m = self.model
        if not res.has_solution:
            return None
        if not m.is_mip or res.duals_fixed:
            return res.row_dual
        req2 = SolveRequest(
            c=req.c,
            row_lower=req.row_lower,
            row_upper=req.row_upper,
            col_lower=req.col_lower.copy(),
            col_upper=req.col_upper.copy(),
            integrality=np.zeros_like(req.integrality),
            time_limit_s=req.time_limit_s,
        )
        coll = m.collective_cols
        vals = np.round(res.x[coll])
        req2.col_lower[coll] = vals
        req2.col_upper[coll] = vals
        r2 = self.run(req2, "duals")
        if r2.status != OPTIMAL:
            return None
        return r2.row_dual

    def diagnose(self, req: SolveRequest) -> tuple[str, float | None]:
        """Explain an infeasible model: best CO2 reduction, or which limits block a plan."""
        s = self.settings
        m = self.model
        basis = s.co2_basis
        if s.co2_reduction is not None:
            rq = self.request(m.co2[basis])
            rq.row_upper[m.co2_row] = np.inf
            r = self.run(rq, "diagnosis")
            if r.has_solution:
                best = 1.0 - r.objective / m.co2_reference_kg[basis]
                basis_txt = "first-year" if basis == "first_year" else "cumulative"
                return (
                    f"No plan reaches the {basis_txt} CO2 reduction target of "
                    f"{s.co2_reduction:.1%}: the best reduction the other constraints allow is "
                    f"{best:.1%}. Lower the target to at most {best:.1%}, or relax the budget, "
                    f"grid, participation or monthly-cost limits.",
                    best,
                )
        families = [
            k
            for k in (
                "co2",
                "budget",
                "grid",
                "hn_min",
                "energy_neutral",
                "extra_subsidy",
                "max_install",
            )
            if np.any((m.row_kind == k) & (np.isfinite(m.row_lower) | np.isfinite(m.row_upper)))
        ]
        if m.limited_cols.size:
            families.append("monthly")
        if m.fixed_closed_cols.size:
            families.append("fixed")
        zero = np.zeros(m.n_cols)
        restoring = []
        for fam in families:
            rq = self.request(zero)
            if fam == "monthly":
                rq.col_upper[m.limited_cols] = m.x_upper_open[m.limited_cols]
            elif fam == "fixed":
                rq.col_upper[m.fixed_closed_cols] = m.x_upper_open[m.fixed_closed_cols]
            else:
                rows = m.row_kind == fam
                rq.row_lower[rows] = -np.inf
                rq.row_upper[rows] = np.inf
            r = self.run(rq, "diagnosis")
            if r.has_solution:
                restoring.append(_FAMILY_LABELS[fam])
        extra = ""
        if m.limited_cols.size:
            open_x = np.ones(m.n_x, dtype=bool)
            open_x[m.limited_cols] = False
            open_x &= m.col_upper[: m.n_x] > 0
            has_open = np.bincount(m.x_group[open_x], minlength=m.n_groups) > 0
            stuck = np.asarray(self.table.group_id).astype(str)[~has_open]
            if stuck.size:
                extra = (
                    f" {stuck.size} group(s) have no option within the monthly-cost limit "
                    f"(e.g. {', '.join(repr(g) for g in stuck[:5])})."
                )
        if restoring:
            return (
                "No plan meets all constraints together. Relaxing any one of these makes "
                f"a plan possible: {', '.join(restoring)}." + extra,
                None,
            )
        listed = ", ".join(_FAMILY_LABELS[f] for f in families) or "none"
        return (
            "No plan meets all constraints together, and relaxing a single group of "
            f"constraints is not enough (groups tried: {listed})." + extra,
            None,
        )

    # -- plan -------------------------------------------------------------------------------
    def plan(
        self, res: RawResult, req: SolveRequest, objective: str, with_duals: bool = True
    ) -> Plan:
        s = self.settings
        m = self.model
        t = self.table
        notices = list(self.notices)
        base = dict(
            objective=objective,
            perspective=s.perspective,
            co2_basis=s.co2_basis,
            group_id=tuple(np.asarray(t.group_id).astype(str).tolist()),
            option_id=tuple(np.asarray(t.option_id).astype(str).tolist()),
            solver=self.solver,
            backend=self.backend,
            co2_reference_kg=m.co2_reference_kg["first_year"],
            co2_cum_reference_kg=m.co2_reference_kg["cumulative"],
        )
        if res.status == INFEASIBLE:
            msg, best = self.diagnose(req)
            return self._finish(
                Plan(
                    status=SolveStatus.INFEASIBLE,
                    message=msg,
                    best_co2_reduction=best,
                    notices=notices,
                    **base,
                )
            )
        if res.status == NO_SOLUTION:
            return self._finish(
                Plan(
                    status=SolveStatus.TIME_LIMIT,
                    notices=notices,
                    message=(
                        f"No feasible plan was found within the time limit of "
                        f"{s.time_limit_s:g} s; allow more time (time_limit_s) or a larger "
                        f"mip_gap."
                        if s.time_limit_s
                        else "The solver stopped before finding a feasible plan."
                    ),
                    **base,
                )
            )
        if res.status == ERROR:
            return self._finish(
                Plan(
                    status=SolveStatus.ERROR,
                    notices=notices,
                    message=f"The solver failed: {res.message}",
                    **base,
                )
            )
        duals = None
        if with_duals:
            duals = (
                self.duals(*self.co2_stage)
                if objective == "co2" and self.co2_stage
                else self.duals(res, req)
            )
        if with_duals and self.dual_note:
            notices.append(self.dual_note)
        plan = self._plan_from_solution(res, req, duals, objective, notices, base)
        return self._finish(plan)

    def _finish(self, plan: Plan) -> Plan:
        plan.build_seconds = self.matrix_s + self.backend_build_s
        plan.solve_seconds = self.solve_s + self.duals_s + self.diagnosis_s
        plan.timings = {
            "matrix_s": self.matrix_s,
            "backend_build_s": self.backend_build_s,
            "solve_s": self.solve_s,
            "duals_s": self.duals_s,
            "diagnosis_s": self.diagnosis_s,
            "solver_run_s": self.solver_run_s,
            "lp_solves": float(self.lp_solves),
        }
        return plan

    def _plan_from_solution(
        self,
        res: RawResult,
        req: SolveRequest,
        duals: np.ndarray | None,
        objective: str,
        notices: list[str],
        base: dict,
    ) -> Plan:
        """The plan of a solution: shares, collective decisions, totals and constraint reports."""
        s = self.settings
        m = self.model
        t = self.table
        d = _decisions(m, t, res.x, s.per_dwelling)
        collective, totals = _cost_totals(m, t, d)
        co2_kg, co2_cum_kg, reduction = _co2_totals(s, m, t, d)
        extra_by_group, max_monthly = _extra_subsidy(m, t, d)
        electricity_kwh, pv_kwh = d.total(t.electricity_kwh), d.total(t.pv_kwh)
        park = s.solar_park
        park_kwh = d.park_kwp * park.yield_kwh_per_kwp if park is not None else 0.0
        return Plan(
            status=SolveStatus.OPTIMAL if res.status == OPTIMAL else SolveStatus.TIME_LIMIT,
            message="" if res.status == OPTIMAL else _not_proven(s.time_limit_s, res.gap),
            objective_eur=totals[s.perspective],
            shares=d.shares,
            choices=_choices(d, t, base["group_id"], base["option_id"], s.per_dwelling),
            heat_network_built={z: bool(b) for z, b in zip(m.hn_zones, d.built, strict=True)},
            grid_reinforced={
                z: bool(b) for z, b in zip(m.grid_reinf_zones, d.reinforced, strict=True)
            },
            solar_park_kwp=d.park_kwp,
            total_cost_eur=totals,
            reference_cost_eur=_reference_costs(t),
            collective_cost_eur=collective,
            capex_eur=d.total(t.capex_eur),
            subsidy_eur=d.total(t.subsidy_eur),
            extra_subsidy_eur_per_yr=float(extra_by_group.sum()),
            extra_subsidy_by_group_eur_per_yr=extra_by_group,
            co2_kg=co2_kg,
            co2_cum_kg=co2_cum_kg,
            co2_reduction=reduction,
            peak_kw=_grid_peaks_kw(s, t, d),
            grid_capacity_kw=_grid_capacities_kw(m, d),
            heat_network_participation=_heat_network_participation(t, d),
            dwellings_by_heating=_dwellings_by_heating(t, d),
            electricity_kwh=electricity_kwh,
            pv_kwh=pv_kwh,
            solar_park_kwh=park_kwh,
            energy_neutral_share=(pv_kwh + park_kwh) / electricity_kwh
            if electricity_kwh > 0
            else math.nan,
            gas_m3=d.total(t.gas_m3),
            heat_gj=d.total(t.heat_gj),
            max_monthly_increase_eur=max_monthly,
            constraints=self._constraint_reports(res.x, req, duals, t.horizon_years, objective),
            gap=res.gap,
            notices=notices,
            **base,
        )

    def _constraint_reports(
        self,
        x: np.ndarray,
        req: SolveRequest,
        duals: np.ndarray | None,
        horizon_years: int,
        objective: str = "cost",
    ) -> list[ConstraintReport]:
        m = self.model
        activity = m.A @ x
        out = []
        for i in np.flatnonzero(~np.isin(m.row_kind, ("assign", "hn_link"))).tolist():
            kind = str(m.row_kind[i])
            lo, hi = float(req.row_lower[i]), float(req.row_upper[i])
            if not (math.isfinite(lo) or math.isfinite(hi)):
                continue
            a = float(activity[i])
            upper_side = math.isfinite(hi) and (not math.isfinite(lo) or abs(hi - a) <= abs(a - lo))
            bound = hi if upper_side else lo
            slack = (hi - a) if upper_side else (a - lo)
            tol = 1e-6 * max(1.0, abs(bound))
            binding = slack <= tol
            if kind == "hn_min":  # 0 >= 0 when the network is not built: not a real limit
                zone = m.row_names[i].split(":", 1)[1]
                binding = binding and x[m.hn_col0 + m.hn_zones.index(zone)] > 0.5
            scale, unit, qunit = _ROW_UNITS[kind]
            if kind == "co2" and self.settings.co2_basis == "cumulative":
                unit = f"EUR/yr per t (cumulative to the horizon, {horizon_years} yr)"
            if objective == "co2" and kind == "co2":
                continue  # what is minimised is not a constraint with a price of its own
            meaningful = True
            if objective == "co2":
                # The objective is kg CO2: prices in t CO2 avoided per unit relaxed.
                scale = scale / 1000.0 if kind not in ("co2", "energy_neutral") else 1.0
                per = unit.split(" per ", 1)[1] if " per " in unit else qunit
                if kind == "energy_neutral":
                    per = "MWh"
                co2_unit = (
                    "t CO2/yr"
                    if self.settings.co2_basis == "first_year"
                    else f"t CO2 (cumulative to the horizon, {horizon_years} yr)"
                )
                unit = f"{co2_unit} per {per}" if meaningful else "-"
            if duals is None or not meaningful:
                price = math.nan
            else:
                d = float(duals[i])
                price = (-d if upper_side else d) * scale
                if abs(price) < 1e-9 * scale:
                    price = 0.0
            out.append(
                ConstraintReport(
                    name=m.row_names[i],
                    kind=kind,
                    activity=a,
                    bound=bound,
                    slack=slack,
                    binding=bool(binding),
                    shadow_price=price,
                    unit=unit,
                    quantity_unit=qunit,
                )
            )
        return out


def _not_proven(time_limit_s: float | None, gap: float) -> str:
    """The words for a plan whose optimality was not proven in time."""
    limit = f" of {time_limit_s:g} s" if time_limit_s else ""
    within = (
        f"it is at most {100 * gap:.2g} % above the best possible plan (relative gap {gap:.2g})"
        if math.isfinite(gap)
        else "how far it is from the best possible plan is not known"
    )
    return (
        f"Not proven optimal: stopped at the time limit{limit} with the best plan found; "
        f"{within}. Allow more time to prove it."
    )


# ---------------------------------------------------------------------------------------------
# Reading a solution back
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Decisions:
    """A solution read back: dwellings per group × option and the collective decisions."""

    shares: np.ndarray  #: (G, O) share of each group on each option [-], rows sum to 1
    dwellings: np.ndarray  #: (G, O) dwellings of each group on each option (shares × count)
    built: np.ndarray  #: (n_hn,) bool, heat network built per zone of ``hn_zones``
    reinforced: np.ndarray  #: (n_gr,) bool, grid reinforced per zone of ``grid_reinf_zones``
    park_kwp: float  #: solar-park size [kWp]

    def total(self, figure: np.ndarray) -> float:
        """Village total of a (G, O) per-dwelling figure: Σ dwellings · figure."""
        return float(np.sum(self.dwellings * np.asarray(figure, dtype=float)))


def _decisions(m: MatrixModel, t: OptionTable, x: np.ndarray, per_dwelling: bool) -> _Decisions:
    """Shares and collective decisions from the column values ``x``.

    Dwelling counts are clipped at 0 (and rounded per dwelling); shares below
    :data:`SHARE_EPS` become 0 and none exceeds 1. Binaries are rounded.
    """
    count = np.asarray(t.count, dtype=float)
    n = np.clip(x[: m.n_x], 0.0, None)
    if per_dwelling:
        n = np.round(n)
    n_go = np.zeros((m.n_groups, m.n_options))
    n_go[m.x_group, m.x_option] = n
    shares = n_go / count[:, None]
    shares[shares < SHARE_EPS] = 0.0
    shares = np.minimum(shares, 1.0)
    n_gr = len(m.grid_reinf_zones)
    return _Decisions(
        shares=shares,
        dwellings=shares * count[:, None],
        built=np.round(x[m.hn_col0 : m.gr_col0]) > 0.5 if m.hn_zones else np.zeros(0, bool),
        reinforced=np.round(x[m.gr_col0 : m.gr_col0 + n_gr]) > 0.5 if n_gr else np.zeros(0, bool),
        park_kwp=float(max(x[m.park_col], 0.0)) if m.park_col is not None else 0.0,
    )


def _cost_totals(
    m: MatrixModel, t: OptionTable, d: _Decisions
) -> tuple[dict[str, float], dict[str, float]]:
    """Collective and total annual cost per perspective [€/yr].

    Collective: heat networks built, grids reinforced, the solar park; total: the dwellings'
    option costs plus the collective cost.
    """
    reinf_idx = [m.grid_zones.index(z) for z in m.grid_reinf_zones]
    collective: dict[str, float] = {}
    totals: dict[str, float] = {}
    for p in PERSPECTIVES:
        col = float(np.dot(m.hn_cost[p], d.built)) if m.hn_zones else 0.0
        if reinf_idx:
            col += float(np.dot(m.grid_cost[p][reinf_idx], d.reinforced))
        col += d.park_kwp * m.park_cost.get(p, 0.0)
        collective[p] = col
        totals[p] = d.total(t.annual_cost_eur[p]) + col
    return collective, totals


def _reference_costs(t: OptionTable) -> dict[str, float]:
    """Annual cost per perspective with every dwelling on its reference option [€/yr].

    Gas boiler, no collective asset: the base that ``run``'s "extra cost vs the reference" is
    measured from.
    """
    count = np.asarray(t.count, dtype=float)
    cell = (np.arange(count.size), np.asarray(t.reference_option, dtype=np.int64))
    return {
        p: float(np.dot(count, np.asarray(t.annual_cost_eur[p], dtype=float)[cell]))
        for p in PERSPECTIVES
    }


def _co2_totals(
    s: OptimiseSettings, m: MatrixModel, t: OptionTable, d: _Decisions
) -> tuple[float, float, float]:
    """First-year CO2 [kg/yr], cumulative CO2 [kg] (both net of the park's credit) and the
    reduction vs the all-reference village on the settings' basis [-] (nan without emissions)."""
    park = s.solar_park
    credit1 = park.co2_kg_per_kwp * d.park_kwp if park is not None else 0.0
    credit2 = park.co2_cum_kg_per_kwp * d.park_kwp if park is not None else 0.0
    co2_1 = d.total(t.co2_kg) - credit1
    co2_2 = d.total(t.co2_cum_kg) - credit2
    ref = m.co2_reference_kg[s.co2_basis]
    on_basis = co2_1 if s.co2_basis == "first_year" else co2_2
    return co2_1, co2_2, 1.0 - on_basis / ref if ref > 0 else math.nan


def _grid_peaks_kw(s: OptimiseSettings, t: OptionTable, d: _Decisions) -> dict[str, float]:
    """Peak after diversity per grid zone [kW], every zone of the table."""
    grid_zone = np.asarray(t.grid_zone).astype(str)
    div = 1.0 if s.diversity is None else float(s.diversity)
    peak_g = (d.dwellings * np.asarray(t.peak_kw, dtype=float)).sum(axis=1) * div
    return {z: float(peak_g[grid_zone == z].sum()) for z in sorted(set(grid_zone.tolist()) - {""})}


def _grid_capacities_kw(m: MatrixModel, d: _Decisions) -> dict[str, float]:
    """Capacity per constrained grid zone, plus the added kW where reinforced [kW]."""
    cap = {}
    for j, z in enumerate(m.grid_zones):
        added = (
            m.grid_added_kw[j]
            if z in m.grid_reinf_zones and d.reinforced[m.grid_reinf_zones.index(z)]
            else 0.0
        )
        cap[z] = float(m.grid_capacity_kw[j] + added)
    return cap


def _heat_network_participation(t: OptionTable, d: _Decisions) -> dict[str, float]:
    """Share of each heat-network zone's dwellings on heat-network options [-]."""
    count = np.asarray(t.count, dtype=float)
    hn_opt = np.isin(np.asarray(t.heating).astype(str), HEAT_NETWORK_SYSTEMS)
    hn_zone = np.asarray(t.heat_network_zone).astype(str)
    hn_g = d.dwellings[:, hn_opt].sum(axis=1)
    participation = {}
    for z in sorted(set(hn_zone.tolist()) - {""}):
        sel = hn_zone == z
        participation[z] = float(hn_g[sel].sum() / count[sel].sum())
    return participation


def _dwellings_by_heating(t: OptionTable, d: _Decisions) -> dict[str, float]:
    """Dwellings per heating system in the table, in vocabulary order."""
    heating = np.asarray(t.heating).astype(str)
    return {
        h: float(d.dwellings[:, heating == h].sum())
        for h in HEATING_SYSTEMS
        if (heating == h).any()
    }


def _extra_subsidy(m: MatrixModel, t: OptionTable, d: _Decisions) -> tuple[np.ndarray, float]:
    """Extra subsidy per group [€/yr] and the largest year-1 monthly increase any household on
    the plan sees after it [€/month]."""
    extra_go = np.zeros((m.n_groups, m.n_options))
    extra_go[m.x_group, m.x_option] = m.extra_coef
    by_group = (d.dwellings * extra_go).sum(axis=1)
    monthly = np.asarray(t.monthly_cost_change_eur, dtype=float) - extra_go / 12.0
    return by_group, float(np.max(np.where(d.shares > 0, monthly, -np.inf)))


def _choices(
    d: _Decisions,
    t: OptionTable,
    group_ids: tuple[str, ...],
    option_ids: tuple[str, ...],
    per_dwelling: bool,
) -> dict[str, Any]:
    """Group -> {option: share} (non-zero shares); a single dwelling of a per-dwelling plan ->
    its option."""
    count = np.asarray(t.count, dtype=float)
    choices: dict[str, Any] = {}
    for g, gid in enumerate(group_ids):
        nz = np.flatnonzero(d.shares[g])
        if per_dwelling and count[g] == 1:
            choices[gid] = option_ids[int(nz[np.argmax(d.shares[g, nz])])]
        else:
            choices[gid] = {option_ids[o]: float(d.shares[g, o]) for o in nz.tolist()}
    return choices


def solve(table: OptionTable, settings: OptimiseSettings | None = None) -> Plan:
    """Optimise the village: option shares per group and the collective decisions.

    Parameters
    ----------
    table
        Per-dwelling figures per group × option.
    settings
        Objective, targets, limits and collective options (``None`` = defaults: least
        national cost, no constraints).

    Returns
    -------
    Plan
        Status ``'optimal'``, ``'time_limit'``, ``'infeasible'`` (with a message) or
        ``'error'``; see the module docstring.

    Raises
    ------
    WupInputError
        When the table or the settings are invalid (never for a solver outcome).
    """
    settings = OptimiseSettings() if settings is None else settings
    problem = LoadedProblem(table, settings)
    res, req = problem.optimise(settings.objective)
    return problem.plan(res, req, settings.objective)

"""``optimise``: the cheapest village mix under the scenario's targets."""

from __future__ import annotations

import argparse
import difflib
import sys

import wupmodel as wm
import wupmodel.io as wio
from wupmodel import WupInputError
from wupmodel.cli.common import destinations, load, report_plan, scenario_arg


def add_optimise_parser(sub) -> None:
    """``optimise``: targets, solver and outputs."""
    op = sub.add_parser(
        "optimise",
        help="find the cheapest village mix under a CO2 target (and the cost-CO2 Pareto front)",
        description=(
            "Choose, for every dwelling group (or dwelling), its insulation, heating and "
            "solar options, and the collective decisions (heat network per zone, LV-grid "
            "reinforcement, solar park), minimising cost under the scenario's targets. Exits with "
            "status 3 when no plan meets the targets."
        ),
    )
    scenario_arg(op)
    op.add_argument(
        "--co2-reduction",
        type=float,
        metavar="FRACTION",
        default=None,
        help="minimum CO2 reduction vs the reference, 0-1 (overrides the scenario)",
    )
    op.add_argument(
        "--budget",
        type=float,
        metavar="EUR",
        default=None,
        help="investment budget net of subsidies, EUR",
    )
    op.add_argument(
        "--perspective",
        choices=["national", "end_user"],
        default=None,
        help="cost to minimise (default: the scenario's)",
    )
    op.add_argument(
        "--objective",
        choices=["cost", "co2"],
        default=None,
        help="minimise cost (default) or CO2 under the budget",
    )
    op.add_argument(
        "--per-dwelling",
        action="store_true",
        help="one choice per dwelling (MILP) instead of shares per group",
    )
    op.add_argument(
        "--pareto",
        type=int,
        metavar="N",
        default=0,
        help="also trace the cost-CO2 Pareto front with N points",
    )
    _criteria_args(op)
    _solver_args(op)
    op.add_argument("--json", metavar="FILE", default=None, help="write the plan as JSON")
    op.add_argument(
        "--out",
        metavar="DIR",
        default=None,
        help=(
            "write plan.xlsx (per dwelling, per heating system, collective decisions, "
            "constraints and shadow prices, Pareto front) and plan.json to this folder"
        ),
    )
    op.add_argument(
        "--fixed",
        metavar="FILE",
        default=None,
        help="CSV with columns dwelling_id, option_id: options households already chose",
    )
    op.add_argument(
        "--survey",
        metavar="FILE",
        default=None,
        help=(
            "survey CSV/XLSX: fixed choices and each "
            "zone's minimum heat-network participation (its yes-share)"
        ),
    )


def _criteria_args(op: argparse.ArgumentParser) -> None:
    """The well-being limits and the weighted objective (issue 25)."""
    op.add_argument(
        "--limit",
        action="append",
        metavar="NAME",
        default=[],
        help=(
            "a well-being limit the plan respects, beside the scenario's targets.limits: noise "
            "(no outdoor unit above the noise limit without a screen; a screen's cost is added "
            "where one suffices), overheating (no worse summer overheating than today); "
            "repeatable"
        ),
    )
    op.add_argument(
        "--weights",
        metavar="FILE",
        default=None,
        help=(
            "minimise cost plus the village's weighed criteria (a weights file as for "
            "wupmodel criteria) instead of cost alone"
        ),
    )
    op.add_argument(
        "--group",
        metavar="NAME",
        default=None,
        help=(
            "the weighted objective with this group's weights (of --weights, else the packaged "
            "illustrative residents, tenants, corporation, municipality, equal)"
        ),
    )


def _solver_args(op) -> None:
    """``--solver`` and ``--time-limit``."""
    op.add_argument("--solver", choices=["highs", "cbc"], default="highs", help="MILP/LP solver")
    op.add_argument(
        "--time-limit",
        type=float,
        metavar="S",
        default=None,
        help="time limit of each optimisation, s; a per-dwelling plan not proven optimal by "
        "then comes with its proven gap",
    )


def _check_fraction(value: float | None, name: str) -> None:
    if value is not None and not (0.0 <= value <= 1.0):
        raise WupInputError(f"{name} must be between 0 and 1 (got {value})")


def _progress(state) -> None:
    """A long per-dwelling search, every few seconds on stderr."""
    best = (
        f"{state.best:,.0f} EUR/yr".replace(",", " ") if state.best < float("inf") else "none yet"
    )
    gap = f"{state.gap:.2g}" if state.gap < float("inf") else "-"
    print(
        f"optimise: {state.seconds:.0f} s, best plan {best}, proven gap {gap} "
        f"({state.nodes} LPs and cores)",
        file=sys.stderr,
        flush=True,
    )


def _objective_weights(args: argparse.Namespace):
    """The weights of a weighted objective (--weights, --group), or None (cost alone)."""
    if args.weights is None and args.group is None:
        return None
    groups = wio.read_weights(args.weights) if args.weights else wio.packaged_weights()
    name = args.group or next(iter(groups))
    if name not in groups:
        close = difflib.get_close_matches(name, list(groups), n=1, cutoff=0.5)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise WupInputError(
            f"--group: unknown group '{name}'{hint}; allowed: {', '.join(groups)}", "--group"
        )
    return groups[name]


def cmd_optimise(args: argparse.Namespace) -> int:
    _check_fraction(args.co2_reduction, "--co2-reduction")
    if args.budget is not None and args.budget < 0:
        raise WupInputError(f"--budget must be zero or positive (got {args.budget})")
    if args.pareto < 0 or args.pareto > 200:
        raise WupInputError(f"--pareto must be between 0 and 200 (got {args.pareto})")
    if args.time_limit is not None and args.time_limit <= 0:
        raise WupInputError(f"--time-limit must be positive (got {args.time_limit})")
    with destinations(args) as dest:
        json_path = dest.file(args.json, (".json",), "--json") if args.json else None
        out_dir = dest.folder(args.out) if args.out else None
        plan, scenario = _plan(args)
        written = []
        if plan.has_solution or json_path is not None:
            with dest.writing():
                if json_path is not None:
                    wio.write_json(json_path, plan.to_json_dict())
                if out_dir is not None and plan.has_solution:
                    wio.write_plan(out_dir, plan)
            written = dest.commit()
    return report_plan(
        written,
        args.json,
        wio.plan_text(plan, scenario.name),
        plan.has_solution,
        "no plan meets the targets",
    )


def _plan(args: argparse.Namespace):
    """The plan the arguments ask for, and the scenario it was made under."""
    fixed = wio.load_fixed_choices(args.fixed) if args.fixed else None
    survey = wio.load_survey(args.survey) if args.survey else None
    weights = _objective_weights(args)
    scenario, stock = load(args)
    plan = wm.optimise(
        stock,
        scenario,
        per_dwelling=args.per_dwelling,
        pareto=args.pareto,
        fixed=fixed,
        survey=survey,
        co2_reduction=args.co2_reduction,
        budget_eur=args.budget,
        perspective=args.perspective,
        objective=args.objective,
        solver=args.solver,
        time_limit_s=args.time_limit,
        progress=_progress if args.per_dwelling else None,
        limits=args.limit,
        weights=weights,
    )
    return plan, scenario


def add_parsers(sub) -> dict:
    """Add this module's commands; returns command name -> handler."""
    add_optimise_parser(sub)
    return {"optimise": cmd_optimise}

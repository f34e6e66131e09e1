"""``phase``: the plan over the years (who switches when, each zone's network and reinforcement)."""

from __future__ import annotations

import argparse

import wupmodel as wm
import wupmodel.io as wio
from wupmodel import WupInputError
from wupmodel.cli.common import (
    command_line,
    destinations,
    load,
    report_plan,
    scenario_arg,
)


def add_phase_parser(sub) -> None:
    """``phase``: step, per dwelling, solver limits and outputs."""
    op = sub.add_parser(
        "phase",
        help="plan the years 2026-2050: who switches when, each zone's heat network and "
        "LV reinforcement year",
        description="A time-indexed optimisation: per dwelling group (or dwelling) the option "
        "and the year it switches, per zone the year of its heat network and LV reinforcement, "
        "least discounted cost under the installer capacity, the yearly budget, the CO2 path "
        "(targets.co2_path; null = the packaged path, 27/56/84 % less CO2 than keeping gas in "
        "2030/2040/2050; {} = none), the notice before gas leaves a zone and the grid's lead "
        "time (the scenario's phasing: block). Exits with status 3 when no plan meets the CO2 "
        "path, naming the binding limit and the best reachable path.",
    )
    scenario_arg(op)
    op.add_argument(
        "--step",
        type=int,
        choices=[1, 5],
        default=None,
        help="years per step: 1 (every year) or 5 (faster); default: the scenario's",
    )
    op.add_argument(
        "--per-dwelling",
        action="store_true",
        help="one whole choice per dwelling (MILP) instead of shares per group",
    )
    op.add_argument(
        "--time-limit", type=float, metavar="S", default=None, help="search time limit, s"
    )
    op.add_argument(
        "--gap",
        type=float,
        metavar="FRACTION",
        default=None,
        help="accept a plan within this share of the least possible cost (default 0.01; "
        "0 = prove the optimum, slow)",
    )
    op.add_argument("--json", metavar="FILE", default=None, help="write the plan as JSON")
    op.add_argument(
        "--out",
        metavar="DIR",
        default=None,
        help="write phasing.xlsx (per year, per zone, per dwelling, binding limits, "
        "assumptions, provenance) and phasing.json to this folder",
    )


def cmd_phase(args: argparse.Namespace) -> int:
    if args.time_limit is not None and args.time_limit <= 0:
        raise WupInputError(f"--time-limit must be positive (got {args.time_limit})")
    if args.gap is not None and not 0 <= args.gap < 1:
        raise WupInputError(f"--gap must be from 0 to below 1 (got {args.gap})")
    with destinations(args) as dest:
        json_path = dest.file(args.json, (".json",), "--json") if args.json else None
        out_dir = dest.folder(args.out) if args.out else None
        scenario, stock = load(args)
        plan = wm.phase(
            stock,
            scenario,
            per_dwelling=args.per_dwelling,
            step=args.step,
            time_limit_s=args.time_limit,
            mip_gap=args.gap,
        )
        provenance = wio.run_provenance(scenario, args.stock, command=command_line())
        with dest.writing():
            if json_path is not None:
                wio.write_json(json_path, {**plan.to_json_dict(), "provenance": provenance})
            if out_dir is not None and not plan.yearly.empty:
                wio.write_phasing(out_dir, plan, provenance)
        written = dest.commit()
    return report_plan(
        written,
        args.json,
        wio.phasing_text(plan, scenario.name),
        plan.has_plan,
        "no plan meets the CO2 path",
    )


def add_parsers(sub) -> dict:
    """Add this module's commands; returns command name -> handler."""
    add_phase_parser(sub)
    return {"phase": cmd_phase}

"""``criteria``: the strategies (and a plan) on every criterion, weighed with the village's
weights, ranked, with the robustness of the ranking and the stakeholder groups side by side."""

from __future__ import annotations

import argparse
import difflib
import json

import wupmodel as wm
import wupmodel.io as wio
from wupmodel import WupInputError
from wupmodel.cli.common import command_line, destinations, load, scenario_arg

#: Samples of the uncertainty sweep behind the chance of paying more (small: a criterion, not a
#: study; the Onzekerheid page and ``wupmodel sweep`` run larger ones).
RISK_SAMPLES = 64


def add_criteria_parser(sub) -> None:
    cr = sub.add_parser(
        "criteria",
        help="weigh the strategies on well-being, comfort and climate beside cost and CO2",
        description=(
            "Score every strategy (and, with --with-plan, the optimiser's plan) on every "
            "criterion: summer overheating, noise at the neighbour, cold surfaces, draught, "
            "damp, days of works, space, grid peak, money, CO2, green roofs and the chance a "
            "household pays more; rank them with the village's weights (TOPSIS or weighted "
            "sum); say in what share of all weightings each comes first; and rank them for "
            "each stakeholder group side by side."
        ),
    )
    scenario_arg(cr)
    cr.add_argument(
        "--weights",
        metavar="FILE",
        default=None,
        help=(
            "the village's weights: CSV with columns criterion, weight (and group), or YAML "
            "criterion: weight (or group: {criterion: weight}); default: equal weights and the "
            "packaged illustrative groups"
        ),
    )
    cr.add_argument(
        "--method", choices=["topsis", "weighted"], default="topsis", help="how to weigh"
    )
    cr.add_argument(
        "--group",
        metavar="NAME|all",
        default="all",
        help=(
            "rank with this group's weights (from --weights, else the packaged illustrative "
            "residents, tenants, corporation, municipality, equal); 'all' (default): equal "
            "weights (or the file's one group); every group is ranked side by side"
        ),
    )
    cr.add_argument(
        "--with-plan",
        action="store_true",
        help="also score the optimiser's plan under the scenario's targets (and --limit)",
    )
    cr.add_argument(
        "--limit",
        action="append",
        metavar="NAME",
        default=[],
        help="with --with-plan: a limit the plan respects (noise, overheating; repeatable)",
    )
    cr.add_argument(
        "--uncertainty",
        metavar="FILE",
        default=None,
        help=(
            "scenario YAML whose uncertainty: section gives the chance a household pays more "
            "(e.g. scenarios/uncertainty.yaml); default: the scenario's own section, if any"
        ),
    )
    cr.add_argument(
        "--risk-samples",
        type=int,
        metavar="N",
        default=RISK_SAMPLES,
        help=f"samples of that sweep (default {RISK_SAMPLES}; 0: leave the criterion out)",
    )
    cr.add_argument("--format", choices=["table", "json"], default="table", help="output format")
    cr.add_argument(
        "--out",
        metavar="DIR",
        default=None,
        help="also write criteria.xlsx, criteria.json and CSV files to this folder",
    )
    cr.add_argument(
        "--lang",
        choices=["en", "nl"],
        default="en",
        help="workbook headers and labels (default English)",
    )


def _weights(args: argparse.Namespace) -> tuple[str | None, dict | None]:
    """(the group whose weights rank, the groups side by side) from --weights and --group,
    checked before any computing."""
    groups = wio.read_weights(args.weights) if args.weights else None
    if args.group == "all":
        return (next(iter(groups)) if groups and len(groups) == 1 else None), groups
    known = list(groups or wio.packaged_weights())
    if args.group not in known:
        close = difflib.get_close_matches(args.group, known, n=1, cutoff=0.5)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise WupInputError(
            f"--group: unknown stakeholder group '{args.group}'{hint}; allowed: all, "
            + ", ".join(known),
            "--group",
        )
    return args.group, groups


def _check(args: argparse.Namespace) -> None:
    """The arguments that need no computing, checked first (the output folder by
    :func:`cmd_criteria`'s destinations)."""
    if args.risk_samples < 0 or args.risk_samples > 10_000:
        raise WupInputError(
            f"--risk-samples must be between 0 and 10000 (got {args.risk_samples})",
            "--risk-samples",
        )
    if args.limit and not args.with_plan:
        raise WupInputError("--limit needs --with-plan (the limits apply to the plan)", "--limit")


def _risk(args: argparse.Namespace, scenario, stock):
    """A per-household sweep for the chance of paying more, or None (a notice says why)."""
    if args.risk_samples == 0:
        return None
    if args.uncertainty:
        ranges = wm.load_scenario(args.uncertainty).uncertainty
        scenario = scenario.model_copy(update={"uncertainty": ranges})
    if not scenario.uncertainty.parameters:
        return None
    return wm.sweep(stock, scenario, samples=args.risk_samples, method="lhs", per_household=True)


def cmd_criteria(args: argparse.Namespace) -> int:
    _check(args)
    with destinations(args) as dest:
        out_dir = dest.folder(args.out) if args.out else None
        main, groups = _weights(args)
        scenario, stock = load(args)
        inputs = wm.model_inputs(scenario)
        outcomes = wm.evaluate(stock, inputs, irr=False)
        plan = None
        if args.with_plan:
            plan = wm.optimise(stock, inputs, outcomes=outcomes, limits=args.limit)
        result = wm.criteria(
            stock,
            inputs,
            outcomes=outcomes,
            weights=main,
            method=args.method,
            groups=groups,
            plan=plan,
            risk=_risk(args, scenario, stock),
        )
        block = wio.run_provenance(scenario, args.stock, command_line())
        if out_dir is not None:
            with dest.writing():
                wio.write_criteria(out_dir, result, scenario, block, lang=args.lang)
            written = dest.commit()
    if args.format == "json":
        print(json.dumps(wio.criteria_json(result, scenario, block), indent=2, ensure_ascii=False))
        return 0
    print(wio.criteria_text(result, scenario.name, int(outcomes.counts.sum())))
    if args.out:
        print(f"\nWrote {len(written)} files to {args.out}: " + ", ".join(p.name for p in written))
    return 0


def add_parsers(sub) -> dict:
    """Add this module's commands; returns command name -> handler."""
    add_criteria_parser(sub)
    return {"criteria": cmd_criteria}

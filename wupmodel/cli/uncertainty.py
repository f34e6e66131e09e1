"""``sweep`` and ``batch``: uncertainty over the scenario's ranges, and buurten x scenarios."""

from __future__ import annotations

import argparse
import sys

import wupmodel as wm
import wupmodel.io as wio
from wupmodel.cli.common import destinations, load, progress_bar, scenario_arg, scheduler_arg


def add_uncertainty_parsers(sub) -> None:
    sw = sub.add_parser(
        "sweep", help="Monte Carlo / Sobol' / one-at-a-time sweep over the scenario's uncertainty"
    )
    scenario_arg(sw)
    sw.add_argument(
        "--samples", type=int, default=1000, help="samples (sobol: base N, a power of two)"
    )
    sw.add_argument("--method", choices=["lhs", "sobol", "oat"], default="lhs")
    sw.add_argument("--seed", type=int, default=0)
    scheduler_arg(sw)
    sw.add_argument("--per-type", action="store_true", help="also write figures per dwelling type")
    sw.add_argument(
        "--out", required=True, metavar="FILE.parquet", help="tidy table sample x strategy"
    )
    sw.add_argument(
        "--report", metavar="DIR", default=None, help="workbook and HTML plots into DIR"
    )
    ba = sub.add_parser(
        "batch", help="every buurt x scenario: key figures and the cheapest strategy"
    )
    ba.add_argument("--buurten", default="drenthe", metavar="drenthe|FILE")
    ba.add_argument(
        "--scenarios",
        nargs="+",
        default=None,
        metavar="A.yaml",
        help="scenario files (default: the packaged default scenario)",
    )
    ba.add_argument("--seed", type=int, default=0, help="seed of the stock synthesis")
    scheduler_arg(ba)
    ba.add_argument(
        "--out",
        required=True,
        metavar="FILE.parquet",
        help="results (a summary workbook FILE.xlsx is written beside it)",
    )


def cmd_sweep(args: argparse.Namespace) -> int:
    with destinations(args) as dest:
        out = dest.file(args.out, (".parquet", ".csv"))
        report = dest.folder(args.report, "--report") if args.report else None
        scenario, stock = load(args)
        try:
            result = wm.sweep(
                stock,
                scenario,
                samples=args.samples,
                method=args.method,
                seed=args.seed,
                executor=args.scheduler,
                per_type=args.per_type,
                progress=progress_bar("sweep"),
            )
        except RuntimeError as err:
            print(f"error: {err}", file=sys.stderr)
            return 1
        with dest.writing():
            wio.write_frame(result.to_frame(), out)
            if result.per_type is not None:
                per_type = out.with_name(out.stem + "_per_type" + out.suffix)
                wio.write_frame(result.per_type, per_type)
            if report is not None:
                wio.write_sweep_report(result, report)
        written = dest.commit()
    print(
        f"{scenario.name}: {result.design.n_samples} samples ({args.method}) x "
        f"{len(result.strategies)} strategies"
    )
    for note in result.notes[:5]:
        print(f"  {note}")
    print("Wrote " + ", ".join(str(p) for p in written))
    return 0


def cmd_batch(args: argparse.Namespace) -> int:
    with destinations(args) as dest:
        out = dest.file(args.out, (".parquet", ".csv"))
        scenarios = [wm.load_scenario(p) for p in args.scenarios] if args.scenarios else None
        try:
            results = wm.batch(
                args.buurten,
                scenarios,
                executor=args.scheduler,
                seed=args.seed,
                progress=progress_bar("batch"),
            )
        except RuntimeError as err:
            print(f"error: {err}", file=sys.stderr)
            return 1
        with dest.writing():
            wio.write_batch(results, out)
        written = dest.commit()
    n = results["buurt_code"].nunique()
    print(
        f"{n} buurten x {results['scenario'].nunique()} scenarios; wrote "
        + ", ".join(str(p) for p in written)
    )
    return 0


def add_parsers(sub) -> dict:
    """Add this module's commands; returns command name -> handler."""
    add_uncertainty_parsers(sub)
    return {"sweep": cmd_sweep, "batch": cmd_batch}

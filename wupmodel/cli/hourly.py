"""``hourly``: the village hour by hour under each strategy (issue 21)."""

from __future__ import annotations

import argparse
import json

import wupmodel as wm
import wupmodel.io as wio
from wupmodel.cli.common import destinations, load, scenario_arg


def add_hourly_parser(sub) -> None:
    """``hourly``: strategies, weather year, battery and outputs."""
    op = sub.add_parser(
        "hourly",
        help="load curves, LV zone peaks, PV self-consumption and home batteries, hour by hour",
        description=(
            "Per strategy, the village's hourly load in the design weather year (peak, its "
            "time, the load-duration curve, each LV zone's peak against its capacity) and, with "
            "PV on every roof that takes it, the share of PV the households use themselves, the "
            "export and what a home battery changes; and the monthly sums of the hours against "
            "the monthly model."
        ),
    )
    scenario_arg(op)
    op.add_argument(
        "--strategy",
        action="append",
        default=None,
        metavar="S",
        help="a packaged strategy (repeatable; default: all)",
    )
    op.add_argument(
        "--weather-year",
        type=int,
        default=None,
        metavar="Y",
        help="weather year of the load curves and peaks: 1987, 1997, 2004 or 2015 "
        "(default: the design year, 2015; the cold-year check stays at 1987)",
    )
    op.add_argument(
        "--battery-kwh",
        type=float,
        default=None,
        metavar="KWH",
        help="home battery of the battery figures, within the battery catalogue (5-20 kWh)",
    )
    op.add_argument("--format", choices=["table", "json"], default="table", help="output format")
    op.add_argument(
        "--out",
        metavar="DIR",
        default=None,
        help="write hourly.json and hourly_curves.parquet (the hourly curves) to this folder",
    )


def cmd_hourly(args: argparse.Namespace) -> int:
    written: list = []
    with destinations(args) as dest:
        out_dir = dest.folder(args.out) if args.out else None
        scenario, stock = load(args)
        report = wm.hourly(
            stock,
            scenario,
            strategies=args.strategy,
            weather_year=args.weather_year,
            battery_kwh=args.battery_kwh,
        )
        if out_dir is not None:
            with dest.writing():
                wio.write_hourly(out_dir, report)
            written = dest.commit()
    if args.format == "json":
        print(json.dumps(report.to_json_dict(), indent=2))
    else:
        print(wio.hourly_text(report))
    if args.out:
        print("wrote " + ", ".join(str(p) for p in written))
    return 0


def add_parsers(sub) -> dict:
    """Add this module's commands; returns command name -> handler."""
    add_hourly_parser(sub)
    return {"hourly": cmd_hourly}

"""What every command shares: the scenario and stock arguments, loading them, the command
line for the provenance, its output destinations, the progress bar and the exit codes."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import wupmodel as wm
import wupmodel.io as wio

#: A bad file or value: one message, no traceback.
EXIT_INPUT_ERROR = 2
#: ``optimise``: no plan meets the targets.
EXIT_NO_PLAN = 3

#: The arguments of the running command (for the provenance block of its files).
ARGV: list[str] = []


def scenario_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "scenario",
        nargs="?",
        default=None,
        help="scenario YAML file (default: the packaged Aalden 2026 scenario)",
    )
    p.add_argument(
        "--stock",
        metavar="FILE",
        default=None,
        help="dwelling table (CSV, XLSX or Parquet); default: the scenario's village",
    )
    p.add_argument(
        "--set",
        metavar="KEY=VALUE",
        action="append",
        default=[],
        dest="settings",
        help=(
            "change one setting, parameter or price path, e.g. --set"
            " finance.social_discount_rate=0.04 --set prices.gas_supply_eur_m3=0.8 --set"
            " 'prices.gas_supply_eur_m3={2026: 0.5, 2040: 0.8}' (repeatable; a path given for a few"
            " years is interpolated linearly and held after the last)"
        ),
    )


def load(args: argparse.Namespace):
    scenario = wm.load_scenario(args.scenario)
    settings = getattr(args, "settings", None)
    if settings:
        scenario = wm.apply_settings(scenario, wm.parse_settings(settings), origin="--set")
    scenario = wio.for_stock_file(scenario, args.stock)
    return scenario, wm.stock_for(scenario, args.stock)


def command_line() -> list[str]:
    """The command line that runs, as the provenance records it."""
    return ["wupmodel", *ARGV]


def destinations(args: argparse.Namespace) -> wio.Destinations:
    """The command's outputs, checked before it works and never written onto one of its
    inputs (the scenario, ``--stock``, ``--survey``, ``--fixed``, ``--weights``,
    ``--uncertainty``, compared scenarios)."""
    names = ("scenario", "stock", "survey", "fixed", "weights", "uncertainty")
    inputs = [getattr(args, k, None) for k in names]
    inputs += list(getattr(args, "scenarios", None) or [])
    return wio.Destinations(inputs)


def progress_bar(label: str):
    """A small terminal progress bar on stderr: ``progress(done, total)``."""
    import time

    start = time.perf_counter()

    def progress(done: int, total: int) -> None:
        if not sys.stderr.isatty() and done < total:
            return
        width = 30
        filled = int(width * done / max(total, 1))
        elapsed = time.perf_counter() - start
        print(
            f"\r{label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total} {elapsed:5.1f} s",
            end="\n" if done >= total else "",
            file=sys.stderr,
            flush=True,
        )

    return progress


def scheduler_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--scheduler",
        default=None,
        metavar="SPEC",
        help=(
            "where to run: local[:N] (a Dask LocalCluster of N processes) or tcp://HOST:PORT "
            "(an existing Dask scheduler); default: this process"
        ),
    )


def share_arg(text: str) -> float:
    """A share as 0.85 or 85%."""
    text = text.strip()
    try:
        return float(text[:-1]) / 100.0 if text.endswith("%") else float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a share: {text!r} (give e.g. 0.85 or 85%)") from None


def report_plan(
    written: Sequence[Path], json_path: str | None, text: str, found: bool, failure: str
) -> int:
    """Print what a plan command wrote (the folder's files, then the JSON) and its text; exit
    :data:`EXIT_NO_PLAN` with ``failure`` on standard error when no plan was ``found``."""
    folder = [str(p) for p in written if json_path is None or p != Path(json_path)]
    if folder:
        print("wrote " + ", ".join(folder))
    print(text)
    if not found:
        print(f"error: {failure}", file=sys.stderr)
        return EXIT_NO_PLAN
    if json_path:
        print(f"\nwrote {json_path}")
    return 0

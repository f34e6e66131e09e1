"""Command-line interface: ``wupmodel run | evaluate | stock | params``.

A thin layer over the public API. User errors (bad files, bad values) print one clear
message to stderr and exit with status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from wupmodel.errors import WupInputError

EXIT_INPUT_ERROR = 2


def _scenario_arg(p: argparse.ArgumentParser) -> None:
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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wupmodel",
        description="Scenario and financial model for a village heat plan (Wijkuitvoeringsplan).",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    run = sub.add_parser(
        "run",
        help="compare the village strategies (reference and each heating system)",
        description="Print, for the village, the reference and each heating system at its "
        "sensible insulation level: dwellings feasible, gas, electricity, CO2 and its reduction, "
        "investment, and grid peak.",
    )
    _scenario_arg(run)
    run.add_argument("--format", choices=["table", "json"], default="table", help="output format")

    ev = sub.add_parser(
        "evaluate",
        help="write every dwelling x option outcome to a CSV or Parquet file",
        description="Evaluate every dwelling against every option and write the long table.",
    )
    _scenario_arg(ev)
    ev.add_argument("--out", required=True, metavar="FILE", help="output .csv or .parquet file")
    ev.add_argument(
        "--per", choices=["dwelling", "group"], default="dwelling",
        help="one row per dwelling (default) or per group of identical dwellings",
    )

    st = sub.add_parser(
        "stock",
        help="synthesise a dwelling table for a Drenthe buurt",
        description="Build a deterministic dwelling table that reproduces a buurt's counts by "
        "type, construction period and energy label (PBL Startanalyse 2020 statistics).",
    )
    st.add_argument("--buurt", required=True, metavar="CODE", help="CBS buurt code, e.g. BU01095059")
    st.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    st.add_argument("--out", required=True, metavar="FILE", help="output .csv, .xlsx or .parquet")

    pa = sub.add_parser(
        "params",
        help="list the default parameters with unit, allowed range and source",
        description="List the packaged default parameters (what a scenario may override).",
    )
    pa.add_argument("--grep", default=None, help="only parameters whose id contains this text")

    va = sub.add_parser("validate", help="check a scenario file and print it with defaults filled in")
    va.add_argument("scenario", help="scenario YAML file")
    return parser


# ---------------------------------------------------------------------------------------


def _load(args: argparse.Namespace):
    from wupmodel import load_scenario, load_stock, synthesise_stock

    scenario = load_scenario(args.scenario)
    stock_path = args.stock or scenario.village.stock_file
    if stock_path:
        stock = load_stock(stock_path)
    else:
        stock = synthesise_stock(scenario.village.buurt_code, seed=scenario.village.seed)
    return scenario, stock


def _check_out(path: str, allowed: tuple[str, ...]) -> Path:
    out = Path(path)
    if out.suffix.lower() not in allowed:
        raise WupInputError(f"{path}: output must end in {' or '.join(allowed)}", path)
    if out.parent and not out.parent.exists():
        raise WupInputError(f"{path}: folder {out.parent} does not exist", path)
    return out


def _write_frame(frame: pd.DataFrame, out: Path) -> None:
    """Write atomically: a temporary file in the same folder, then rename."""
    tmp = out.with_name(f".{out.name}.tmp")
    if out.suffix.lower() == ".parquet":
        frame.to_parquet(tmp, index=False)
    else:
        frame.to_csv(tmp, index=False)
    tmp.replace(out)


def _fmt_int(x: float) -> str:
    return f"{x:,.0f}".replace(",", " ")


def cmd_run(args: argparse.Namespace) -> int:
    from wupmodel import evaluate
    from wupmodel.params import packaged_table
    from wupmodel.village import strategies_from_table, strategy_summary

    scenario, stock = _load(args)
    outcomes = evaluate(stock, scenario)
    params = scenario.params()
    summary = strategy_summary(outcomes, strategies_from_table(packaged_table("strategies")), params)
    if args.format == "json":
        payload = {
            "scenario": scenario.name,
            "dwellings": int(outcomes.counts.sum()),
            "year": scenario.years.start,
            "strategies": summary.to_dict(orient="records"),
            "notices": list(outcomes.notices),
        }
        print(json.dumps(payload, indent=2))
        return 0
    n = int(outcomes.counts.sum())
    print(f"{scenario.name}: {n} dwellings, first year {scenario.years.start}")
    table = pd.DataFrame(
        {
            "strategy": summary["strategy"],
            "insulation": summary["insulation"],
            "feasible": [f"{int(a)}/{int(b)}" for a, b in zip(summary["dwellings_feasible"], summary["dwellings"], strict=True)],
            "gas m3/yr": summary["gas_m3"].map(_fmt_int),
            "elec MWh/yr": summary["electricity_mwh"].map(lambda x: f"{x:,.0f}"),
            "heat GJ/yr": summary["heat_gj"].map(_fmt_int),
            "CO2 t/yr": summary["co2_t"].map(lambda x: f"{x:,.0f}"),
            "CO2 vs ref": summary["co2_reduction"].map(lambda x: f"{-x:+.0%}"),
            "invest. k EUR": (summary["investment_eur"] / 1e3).map(_fmt_int),
            "per dwelling EUR": summary["investment_per_dwelling_eur"].map(_fmt_int),
            "grid peak kW": summary["peak_kw"].map(_fmt_int),
        }
    )
    print(table.to_string(index=False))
    print(
        "\nInvestment incl. VAT before subsidy, for the dwellings that change. Grid peak after "
        "diversity at -10 degC. Dwellings where a system is not feasible keep the gas boiler."
    )
    for note in outcomes.notices:
        print(f"Note: {note}")
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    from wupmodel import evaluate

    out = _check_out(args.out, (".csv", ".parquet"))
    scenario, stock = _load(args)
    if args.stock and Path(args.stock).resolve() == out.resolve():
        raise WupInputError(f"{args.out}: refusing to overwrite the input stock file", args.out)
    frame = evaluate(stock, scenario).to_frame(per=args.per)
    _write_frame(frame, out)
    print(f"wrote {len(frame)} rows ({frame['option_id'].nunique()} options) to {out}")
    return 0


def cmd_stock(args: argparse.Namespace) -> int:
    from wupmodel import synthesise_stock
    from wupmodel.stock import write_stock

    out = _check_out(args.out, (".csv", ".xlsx", ".parquet"))
    stock = synthesise_stock(args.buurt, seed=args.seed)
    write_stock(stock, out)
    print(f"wrote {int(stock['count'].sum())} dwellings of {args.buurt} to {out}")
    return 0


def cmd_params(args: argparse.Namespace) -> int:
    from wupmodel.params import parameter_table

    table = parameter_table().reset_index()
    if args.grep:
        table = table[table["parameter"].str.contains(args.grep, regex=False)]
    with pd.option_context("display.max_rows", None, "display.max_colwidth", 80, "display.width", 200):
        print(table[["parameter", "value", "unit", "min", "max", "source", "year"]].to_string(index=False))
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from wupmodel.scenario import dump_scenario, load_scenario

    scenario = load_scenario(args.scenario)
    scenario.params()
    print(f"{args.scenario}: valid")
    print(dump_scenario(scenario))
    return 0


COMMANDS = {
    "run": cmd_run,
    "evaluate": cmd_evaluate,
    "stock": cmd_stock,
    "params": cmd_params,
    "validate": cmd_validate,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_INPUT_ERROR
    try:
        return COMMANDS[args.command](args)
    except WupInputError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_INPUT_ERROR
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

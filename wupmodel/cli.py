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
        "grid peak, investment and subsidy, national extra cost (EUR/yr, EUR/t CO2, EUR/WEQ/yr), "
        "average monthly cost change and the share of households paying more.",
    )
    _scenario_arg(run)
    run.add_argument("--format", choices=["table", "json"], default="table", help="output format")
    run.add_argument(
        "--out", metavar="DIR", default=None,
        help="also write results.xlsx (summary, per type, who pays, per dwelling, assumptions with "
        "sources), CSV files and summary.json to this folder",
    )

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

    op = sub.add_parser(
        "optimise",
        help="find the cheapest village mix under a CO2 target (and the cost-CO2 Pareto front)",
        description="Choose, for every dwelling group (or dwelling), its insulation, heating and "
        "solar options, and the collective decisions (heat network per zone, LV-grid "
        "reinforcement, solar park), minimising cost under the scenario's targets. Exits with "
        "status 3 when no plan meets the targets.",
    )
    _scenario_arg(op)
    op.add_argument("--co2-reduction", type=float, metavar="FRACTION", default=None,
                    help="minimum CO2 reduction vs the reference, 0-1 (overrides the scenario)")
    op.add_argument("--budget", type=float, metavar="EUR", default=None,
                    help="investment budget net of subsidies, EUR")
    op.add_argument("--perspective", choices=["national", "end_user"], default=None,
                    help="cost to minimise (default: the scenario's)")
    op.add_argument("--objective", choices=["cost", "co2"], default=None,
                    help="minimise cost (default) or CO2 under the budget")
    op.add_argument("--per-dwelling", action="store_true",
                    help="one choice per dwelling (MILP) instead of shares per group")
    op.add_argument("--pareto", type=int, metavar="N", default=0,
                    help="also trace the cost-CO2 Pareto front with N points")
    op.add_argument("--solver", choices=["highs", "cbc"], default="highs", help="MILP/LP solver")
    op.add_argument("--time-limit", type=float, metavar="S", default=None, help="solver time limit, s")
    op.add_argument("--json", metavar="FILE", default=None, help="write the plan as JSON")
    op.add_argument("--fixed", metavar="FILE", default=None,
                    help="CSV with columns dwelling_id, option_id: options households already chose")

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
    """Write a CSV or Parquet file atomically."""
    from wupmodel.report import atomic_write

    if out.suffix.lower() == ".parquet":
        atomic_write(out, lambda tmp: frame.to_parquet(tmp, index=False))
    else:
        atomic_write(out, lambda tmp: frame.to_csv(tmp, index=False))


def _fmt_int(x: float) -> str:
    return f"{x:,.0f}".replace(",", " ")


def _money(x: float) -> str:
    return "-" if x != x else _fmt_int(x)


def cmd_run(args: argparse.Namespace) -> int:
    from wupmodel import evaluate
    from wupmodel.params import packaged_table
    from wupmodel.report import run_tables, summary_json, write_outputs
    from wupmodel.village import strategies_from_table

    scenario, stock = _load(args)
    if args.out:
        out_dir = Path(args.out)
        if out_dir.exists() and not out_dir.is_dir():
            raise WupInputError(f"{args.out}: exists and is not a folder", args.out)
    params = scenario.params()
    outcomes = evaluate(stock, scenario, params=params)
    strategies = strategies_from_table(packaged_table("strategies"))
    tables = run_tables(outcomes, scenario, params, strategies)
    summary = tables["summary"]
    payload = summary_json(tables, scenario, outcomes.notices)
    if args.out:
        written = write_outputs(args.out, tables, payload, scenario)
    if args.format == "json":
        print(json.dumps(payload, indent=2, ensure_ascii=False))
        return 0
    n = int(outcomes.counts.sum())
    print(f"{scenario.name}: {n} dwellings; first year {scenario.years.start}, horizon to {scenario.years.end}")
    print("\nEnergy and CO2 (first year, village totals)")
    energy = pd.DataFrame(
        {
            "strategy": summary["strategy"],
            "insulation": summary["insulation"],
            "feasible": [f"{int(a)}/{int(b)}" for a, b in zip(summary["dwellings_feasible"], summary["dwellings"], strict=True)],
            "gas m3/yr": summary["gas_m3"].map(_fmt_int),
            "elec MWh/yr": summary["electricity_mwh"].map(_fmt_int),
            "heat GJ/yr": summary["heat_gj"].map(_fmt_int),
            "CO2 t/yr": summary["co2_t"].map(_fmt_int),
            "CO2 vs ref": summary["co2_reduction"].map(lambda x: f"{-x:+.0%}"),
            "grid peak kW": summary["peak_kw"].map(_fmt_int),
        }
    )
    print(energy.to_string(index=False))
    print("\nMoney (EUR of the price year; national: no taxes or subsidies, 2.25 %)")
    money = pd.DataFrame(
        {
            "strategy": summary["strategy"],
            "invest. k EUR": (summary["investment_eur"] / 1e3).map(_fmt_int),
            "per dwelling": summary["investment_per_dwelling_eur"].map(_fmt_int),
            "subsidy k EUR": (summary["subsidy_eur"] / 1e3).map(_fmt_int),
            "national extra k EUR/yr": (summary["national_extra_eur_per_yr"] / 1e3).map(_money),
            "EUR/t CO2": summary["national_eur_per_t_co2"].map(_money),
            "EUR/WEQ/yr": summary["national_eur_per_weq_per_yr"].map(_money),
            "monthly change EUR": summary["monthly_cost_change_avg_eur"].map(lambda x: f"{x:+.0f}"),
            "paying more": summary["share_paying_more"].map(lambda x: f"{x:.0%}"),
        }
    )
    print(money.to_string(index=False))
    print(
        "\nInvestment incl. VAT before subsidy, for the dwellings that change; a dwelling where a "
        "system is not feasible keeps its gas boiler. National extra cost vs the reference includes "
        "heat-network sources and LV-grid reinforcement. Monthly change: year-1 woonlasten (bill + "
        "loan or rent increase) vs the gas boiler, averaged over all dwellings."
    )
    for note in outcomes.notices:
        print(f"Note: {note}")
    if args.out:
        print(f"\nWrote {len(written)} files to {args.out}: " + ", ".join(p.name for p in written))
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


EXIT_NO_PLAN = 3


def _check_fraction(value: float | None, name: str) -> None:
    if value is not None and not (0.0 <= value <= 1.0):
        raise WupInputError(f"{name} must be between 0 and 1 (got {value})")


def _read_fixed(path: str) -> dict[str, str]:
    """dwelling_id -> option_id from a small CSV file."""
    try:
        frame = pd.read_csv(path, dtype=str)
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as err:
        raise WupInputError(f"{path}: cannot read the fixed choices ({err.__class__.__name__})", path) from None
    missing = {"dwelling_id", "option_id"} - set(frame.columns)
    if missing:
        raise WupInputError(f"{path}: needs the columns dwelling_id and option_id (missing: {', '.join(sorted(missing))})", path)
    return dict(zip(frame["dwelling_id"].str.strip(), frame["option_id"].str.strip(), strict=True))


def cmd_optimise(args: argparse.Namespace) -> int:
    from wupmodel.planning import optimise

    _check_fraction(args.co2_reduction, "--co2-reduction")
    if args.budget is not None and args.budget < 0:
        raise WupInputError(f"--budget must be zero or positive (got {args.budget})")
    if args.pareto < 0 or args.pareto > 200:
        raise WupInputError(f"--pareto must be between 0 and 200 (got {args.pareto})")
    if args.time_limit is not None and args.time_limit <= 0:
        raise WupInputError(f"--time-limit must be positive (got {args.time_limit})")
    if args.json:
        _check_out(args.json, (".json",))
    fixed = _read_fixed(args.fixed) if args.fixed else None
    scenario, stock = _load(args)
    plan, front = optimise(
        stock, scenario, per_dwelling=args.per_dwelling, pareto=args.pareto, fixed=fixed,
        co2_reduction=args.co2_reduction, budget_eur=args.budget, perspective=args.perspective,
        objective=args.objective, solver=args.solver, time_limit_s=args.time_limit,
    )
    payload = plan.to_json_dict()
    if front:
        payload["pareto"] = [
            {"co2_kg": p.co2_kg, "co2_reduction": p.co2_reduction, "objective_eur": p.objective_eur,
             "status": p.status}
            for p in front
        ]
    if args.json:
        from wupmodel.report import atomic_write

        text = json.dumps(payload, indent=2, ensure_ascii=False, default=str)
        atomic_write(Path(args.json), lambda tmp: tmp.write_text(text, "utf-8"))
    print(f"{scenario.name}: status {plan.status}" + (f" (gap {plan.gap:.1%})" if plan.gap == plan.gap and plan.gap > 0 else ""))
    if plan.message:
        print(plan.message)
    for note in plan.notices:
        print(f"Note: {note}")
    if not plan.has_solution:
        print("error: no plan meets the targets", file=sys.stderr)
        return EXIT_NO_PLAN
    print(f"objective ({plan.perspective} cost): {_fmt_int(plan.objective_eur)} EUR/yr")
    print(f"CO2 first year: {plan.co2_kg / 1e3:,.0f} t ({plan.co2_reduction:.0%} below the reference)")
    print(f"investment {_fmt_int(plan.capex_eur)} EUR, subsidy {_fmt_int(plan.subsidy_eur)} EUR")
    built = [z for z, b in plan.heat_network_built.items() if b]
    reinforced = [z for z, b in plan.grid_reinforced.items() if b]
    print(f"heat networks built: {', '.join(built) or 'none'}; grid zones reinforced: "
          f"{', '.join(reinforced) or 'none'}; solar park {plan.solar_park_kwp:,.0f} kWp")
    print("dwellings by heating system: " + ", ".join(
        f"{k} {v:,.0f}" for k, v in plan.dwellings_by_heating.items() if v > 0.005))
    binding = plan.binding_constraints
    if binding:
        print("binding constraints (shadow price):")
        for c in binding:
            print(f"  {c.name}: {c.shadow_price:,.1f} {c.unit}")
    if front:
        print("\nPareto front (cost vs CO2):")
        for p in front:
            print(f"  CO2 {p.co2_kg / 1e3:8,.0f} t ({p.co2_reduction:4.0%})  cost {_fmt_int(p.objective_eur):>12} EUR/yr")
    if args.json:
        print(f"\nwrote {args.json}")
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
    "optimise": cmd_optimise,
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


# --------------------------------------------------------------------------------------------
# uncertainty: sweep and batch (thin blocks over the public API)


def _progress_bar(label: str):
    """A small terminal progress bar on stderr: ``progress(done, total)``."""
    import time

    start = time.perf_counter()

    def progress(done: int, total: int) -> None:
        if not sys.stderr.isatty() and done < total:
            return
        width = 30
        filled = int(width * done / max(total, 1))
        elapsed = time.perf_counter() - start
        print(f"\r{label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total} {elapsed:5.1f} s",
              end="\n" if done >= total else "", file=sys.stderr, flush=True)

    return progress


def _scheduler_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--scheduler", default=None, metavar="SPEC",
                   help="where to run: local[:N] (a Dask LocalCluster of N processes) or tcp://HOST:PORT "
                        "(an existing Dask scheduler); default: this process")


def add_uncertainty_parsers(sub) -> None:
    sw = sub.add_parser("sweep", help="Monte Carlo / Sobol' / one-at-a-time sweep over the scenario's uncertainty")
    _scenario_arg(sw)
    sw.add_argument("--samples", type=int, default=1000, help="samples (sobol: base N, a power of two)")
    sw.add_argument("--method", choices=["lhs", "sobol", "oat"], default="lhs")
    sw.add_argument("--seed", type=int, default=0)
    _scheduler_arg(sw)
    sw.add_argument("--per-type", action="store_true", help="also write figures per dwelling type")
    sw.add_argument("--out", required=True, metavar="FILE.parquet", help="tidy table sample x strategy")
    sw.add_argument("--report", metavar="DIR", default=None, help="workbook and HTML plots into DIR")
    ba = sub.add_parser("batch", help="every buurt x scenario: key figures and the cheapest strategy")
    ba.add_argument("--buurten", default="drenthe", metavar="drenthe|FILE")
    ba.add_argument("--scenarios", nargs="+", default=None, metavar="A.yaml",
                    help="scenario files (default: the packaged default scenario)")
    ba.add_argument("--seed", type=int, default=0, help="seed of the stock synthesis")
    _scheduler_arg(ba)
    ba.add_argument("--out", required=True, metavar="FILE.parquet",
                    help="results (a summary workbook FILE.xlsx is written beside it)")


def cmd_sweep(args: argparse.Namespace) -> int:
    import wupmodel as wm
    from wupmodel.uncertainty.report import write_sweep_report, write_table

    out = Path(args.out)
    if out.suffix.lower() not in (".parquet", ".csv"):
        raise WupInputError(f"{args.out}: the output must end in .parquet or .csv", args.out)
    scenario, stock = _load(args)
    try:
        result = wm.sweep(scenario, stock, samples=args.samples, method=args.method, seed=args.seed,
                          executor=args.scheduler, per_type=args.per_type, progress=_progress_bar("sweep"))
    except RuntimeError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    written = [write_table(result.to_frame(), out)]
    if result.per_type is not None:
        written.append(write_table(result.per_type, out.with_name(out.stem + "_per_type" + out.suffix)))
    if args.report:
        written += write_sweep_report(result, args.report)
    print(f"{scenario.name}: {result.design.n_samples} samples ({args.method}) x {len(result.strategies)} strategies")
    for note in result.notes[:5]:
        print(f"  {note}")
    print("Wrote " + ", ".join(str(p) for p in written))
    return 0


def cmd_batch(args: argparse.Namespace) -> int:
    import wupmodel as wm
    from wupmodel.uncertainty.report import write_batch

    if Path(args.out).suffix.lower() not in (".parquet", ".csv"):
        raise WupInputError(f"{args.out}: the output must end in .parquet or .csv", args.out)
    scenarios = [wm.load_scenario(p) for p in args.scenarios] if args.scenarios else None
    try:
        results = wm.batch(args.buurten, scenarios, executor=args.scheduler, seed=args.seed,
                           progress=_progress_bar("batch"))
    except RuntimeError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    written = write_batch(results, args.out)
    n = results["buurt_code"].nunique()
    print(f"{n} buurten x {results['scenario'].nunique()} scenarios; wrote " + ", ".join(str(p) for p in written))
    return 0


COMMANDS.update({"sweep": cmd_sweep, "batch": cmd_batch})
_build_parser_without_uncertainty = build_parser


def build_parser() -> argparse.ArgumentParser:  # noqa: F811 - extends the parser above
    parser = _build_parser_without_uncertainty()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    add_uncertainty_parsers(sub)
    return parser

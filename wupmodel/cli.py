"""Command-line interface: ``wupmodel run | evaluate | stock | optimise | compare | sweep | batch | params | validate | check-model | coop``.

A thin layer over the public API. User errors (bad files, bad values) print one clear
message to stderr and exit with status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

import wupmodel as wm
from wupmodel import WupInputError

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
    p.add_argument(
        "--set",
        metavar="KEY=VALUE",
        action="append",
        default=[],
        dest="settings",
        help="change one setting, parameter or price path, e.g. --set finance.social_discount_rate=0.04 "
        "--set prices.gas_supply_eur_m3=0.8 --set 'prices.gas_supply_eur_m3={2026: 0.5, 2040: 0.8}' "
        "(repeatable; a path given for a few years is interpolated linearly and held after the last)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wupmodel",
        description="Scenario and financial model for a village heat plan (Wijkuitvoeringsplan).",
    )
    parser.add_argument("--version", action="version", version=f"wupmodel {wm.__version__}")
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
        "--out",
        metavar="DIR",
        default=None,
        help="also write results.xlsx (read me, summary, per type, who pays, per dwelling, assumptions "
        "and price paths as used, scenario, provenance), CSV files, summary.json and scenario_used.yaml",
    )
    run.add_argument(
        "--lang", choices=["en", "nl"], default="en", help="workbook headers (default English)"
    )

    ev = sub.add_parser(
        "evaluate",
        help="write every dwelling x option outcome to a CSV or Parquet file",
        description="Evaluate every dwelling against every option and write the long table.",
    )
    _scenario_arg(ev)
    ev.add_argument("--out", required=True, metavar="FILE", help="output .csv or .parquet file")
    ev.add_argument(
        "--per",
        choices=["dwelling", "group"],
        default="dwelling",
        help="one row per dwelling (default) or per group of identical dwellings",
    )

    st = sub.add_parser(
        "stock",
        help="synthesise a dwelling table for a Drenthe buurt",
        description="Build a deterministic dwelling table that reproduces a buurt's counts by "
        "type, construction period and energy label (PBL Startanalyse 2020 statistics).",
    )
    st.add_argument(
        "--buurt", required=True, metavar="CODE", help="CBS buurt code, e.g. BU01095059"
    )
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
    op.add_argument("--solver", choices=["highs", "cbc"], default="highs", help="MILP/LP solver")
    op.add_argument(
        "--time-limit", type=float, metavar="S", default=None, help="solver time limit, s"
    )
    op.add_argument("--json", metavar="FILE", default=None, help="write the plan as JSON")
    op.add_argument(
        "--out",
        metavar="DIR",
        default=None,
        help="write plan.xlsx (per dwelling, per heating system, collective decisions, "
        "constraints and shadow prices, Pareto front) and plan.json to this folder",
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
        help="survey CSV/XLSX: fixed choices and each "
        "zone's minimum heat-network participation (its yes-share)",
    )

    pa = sub.add_parser(
        "params",
        help="list the default parameters with unit, allowed range and source",
        description="List the packaged default parameters (what a scenario may override).",
    )
    pa.add_argument("--grep", default=None, help="only parameters whose id contains this text")
    pa.add_argument(
        "--full", action="store_true", help="also show each parameter's source and year"
    )

    va = sub.add_parser(
        "validate", help="check a scenario file and print it with defaults filled in"
    )
    va.add_argument("scenario", help="scenario YAML file")
    va.add_argument(
        "--set",
        metavar="KEY=VALUE",
        action="append",
        default=[],
        dest="settings",
        help="change one setting first (as for run)",
    )

    co = sub.add_parser(
        "compare",
        help="set the village strategies of two or more scenarios side by side",
        description="Evaluate each scenario and print, per strategy, its figures in both perspectives "
        "side by side with the differences from the first, and which assumptions differ.",
    )
    co.add_argument(
        "scenarios", nargs="+", metavar="SCENARIO", help="scenario YAML files (two or more)"
    )
    co.add_argument(
        "--stock", metavar="FILE", default=None, help="one dwelling table for all scenarios"
    )
    co.add_argument(
        "--out",
        metavar="DIR",
        default=None,
        help="write comparison.xlsx and CSV files (comparison, assumptions_differing) here",
    )
    co.add_argument(
        "--lang", choices=["en", "nl"], default="en", help="workbook headers (default English)"
    )
    add_uncertainty_parsers(sub)
    add_check_model_parser(sub)
    add_coop_parser(sub)
    return parser


# ---------------------------------------------------------------------------------------


def _load(args: argparse.Namespace):
    scenario = wm.load_scenario(args.scenario)
    settings = getattr(args, "settings", None)
    if settings:
        scenario = wm.apply_settings(scenario, wm.parse_settings(settings), origin="--set")
    scenario = wm.for_stock_file(scenario, args.stock)
    return scenario, wm.stock_for(scenario, args.stock)


_ARGV: list[str] = []


def _command_line() -> list[str]:
    return ["wupmodel", *_ARGV]


def _check_out(path: str, allowed: tuple[str, ...]) -> Path:
    out = Path(path)
    if out.suffix.lower() not in allowed:
        raise WupInputError(f"{path}: output must end in {' or '.join(allowed)}", path)
    if out.parent and not out.parent.exists():
        raise WupInputError(f"{path}: folder {out.parent} does not exist", path)
    return out


def cmd_run(args: argparse.Namespace) -> int:
    scenario, stock = _load(args)
    if args.out:
        out_dir = Path(args.out)
        if out_dir.exists() and not out_dir.is_dir():
            raise WupInputError(f"{args.out}: exists and is not a folder", args.out)
    params = scenario.params()
    outcomes = wm.evaluate(stock, scenario, params=params)
    tables = wm.summarise(outcomes, scenario, params)
    block = wm.run_provenance(scenario, args.stock, _command_line())
    if args.out:
        written = wm.write_outputs(
            args.out, tables, scenario, outcomes.notices, provenance=block, lang=args.lang
        )
    if args.format == "json":
        print(
            json.dumps(
                wm.summary_json(tables, scenario, outcomes.notices, block),
                indent=2,
                ensure_ascii=False,
            )
        )
        return 0
    print(wm.run_text(tables, scenario, int(outcomes.counts.sum()), outcomes.notices))
    if args.out:
        print(f"\nWrote {len(written)} files to {args.out}: " + ", ".join(p.name for p in written))
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    out = _check_out(args.out, (".csv", ".parquet"))
    scenario, stock = _load(args)
    if args.stock and Path(args.stock).resolve() == out.resolve():
        raise WupInputError(f"{args.out}: refusing to overwrite the input stock file", args.out)
    # streamed chunk by chunk: the long table is never held whole in memory
    rows, n_options = wm.write_outcomes(
        wm.iter_evaluate(stock, scenario, chunk_size=wm.STREAM_CHUNK_GROUPS), out, per=args.per
    )
    print(f"wrote {rows} rows ({n_options} options) to {out}")
    return 0


def cmd_stock(args: argparse.Namespace) -> int:
    out = _check_out(args.out, (".csv", ".xlsx", ".parquet"))
    stock = wm.synthesise_stock(args.buurt, seed=args.seed)
    wm.write_stock(stock, out)
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
        raise WupInputError(
            f"{path}: cannot read the fixed choices ({err.__class__.__name__})", path
        ) from None
    missing = {"dwelling_id", "option_id"} - set(frame.columns)
    if missing:
        raise WupInputError(
            f"{path}: needs the columns dwelling_id and option_id (missing: {', '.join(sorted(missing))})",
            path,
        )
    return dict(zip(frame["dwelling_id"].str.strip(), frame["option_id"].str.strip(), strict=True))


def cmd_optimise(args: argparse.Namespace) -> int:
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
    survey = wm.load_survey(args.survey) if args.survey else None
    scenario, stock = _load(args)
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
    )
    if args.json:
        wm.write_json(args.json, plan.to_json_dict())
    if args.out and plan.has_solution:
        written = wm.write_plan(args.out, plan)
        print("wrote " + ", ".join(str(p) for p in written))
    print(wm.plan_text(plan, scenario.name))
    if not plan.has_solution:
        print("error: no plan meets the targets", file=sys.stderr)
        return EXIT_NO_PLAN
    if args.json:
        print(f"\nwrote {args.json}")
    return 0


def params_text(table: pd.DataFrame, full: bool = False, width: int = 100) -> str:
    """The parameter list in ``width`` columns: id, value, unit, allowed range; the
    description (and with ``full`` the source and year) on indented lines below."""
    lines = []
    for row in table.itertuples():
        head = f"{row.parameter}  {row.value:g} {row.unit}  [{row.min:g} .. {row.max:g}]"
        lines.append(textwrap.shorten(head, width, placeholder=" ..."))
        lines += textwrap.wrap(
            str(row.description), width, initial_indent="    ", subsequent_indent="    "
        )
        if full:
            lines += textwrap.wrap(
                f"source ({row.year}): {row.source}",
                width,
                initial_indent="    ",
                subsequent_indent="      ",
            )
    return "\n".join(lines)


def cmd_params(args: argparse.Namespace) -> int:
    table = wm.parameter_table().reset_index()
    if args.grep:
        table = table[table["parameter"].str.contains(args.grep, regex=False)]
        if table.empty:
            print(f"no parameter matches '{args.grep}'")
            return 0
    print(params_text(table, args.full))
    print(
        "\n"
        + textwrap.fill(
            "Price paths (override under prices: or with --set prices.<series>; "
            "gas_supply_eur_m3 feeds the bill, gas_production_eur_m3 the national "
            "view): " + ", ".join(wm.PRICE_SERIES),
            100,
        )
    )
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    scenario = wm.load_scenario(args.scenario)
    if args.settings:
        scenario = wm.apply_settings(scenario, wm.parse_settings(args.settings), origin="--set")
    scenario.params()
    print(f"{args.scenario}: valid; as run (packaged defaults filled in):")
    print(wm.dump_scenario(scenario, resolved=True))
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    if args.out:
        out_dir = Path(args.out)
        if out_dir.exists() and not out_dir.is_dir():
            raise WupInputError(f"{args.out}: exists and is not a folder", args.out)
    scenarios = [wm.for_stock_file(wm.load_scenario(p), args.stock) for p in args.scenarios]
    stock = wm.load_stock(args.stock) if args.stock else None
    labels = [Path(p).stem for p in args.scenarios]
    tables = wm.compare(scenarios, stock=stock, labels=labels)
    print(wm.compare_text(tables))
    if args.out:
        written = wm.write_comparison(
            args.out, tables, scenarios, args.stock, _command_line(), args.lang
        )
        print(f"\nWrote {len(written)} files to {args.out}: " + ", ".join(p.name for p in written))
    return 0


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
        print(
            f"\r{label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total} {elapsed:5.1f} s",
            end="\n" if done >= total else "",
            file=sys.stderr,
            flush=True,
        )

    return progress


def _scheduler_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--scheduler",
        default=None,
        metavar="SPEC",
        help="where to run: local[:N] (a Dask LocalCluster of N processes) or tcp://HOST:PORT "
        "(an existing Dask scheduler); default: this process",
    )


def add_uncertainty_parsers(sub) -> None:
    sw = sub.add_parser(
        "sweep", help="Monte Carlo / Sobol' / one-at-a-time sweep over the scenario's uncertainty"
    )
    _scenario_arg(sw)
    sw.add_argument(
        "--samples", type=int, default=1000, help="samples (sobol: base N, a power of two)"
    )
    sw.add_argument("--method", choices=["lhs", "sobol", "oat"], default="lhs")
    sw.add_argument("--seed", type=int, default=0)
    _scheduler_arg(sw)
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
    _scheduler_arg(ba)
    ba.add_argument(
        "--out",
        required=True,
        metavar="FILE.parquet",
        help="results (a summary workbook FILE.xlsx is written beside it)",
    )


def cmd_sweep(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if out.suffix.lower() not in (".parquet", ".csv"):
        raise WupInputError(f"{args.out}: the output must end in .parquet or .csv", args.out)
    scenario, stock = _load(args)
    try:
        result = wm.sweep(
            scenario,
            stock,
            samples=args.samples,
            method=args.method,
            seed=args.seed,
            executor=args.scheduler,
            per_type=args.per_type,
            progress=_progress_bar("sweep"),
        )
    except RuntimeError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    written = [wm.write_frame(result.to_frame(), out)]
    if result.per_type is not None:
        written.append(
            wm.write_frame(result.per_type, out.with_name(out.stem + "_per_type" + out.suffix))
        )
    if args.report:
        written += wm.write_sweep_report(result, args.report)
    print(
        f"{scenario.name}: {result.design.n_samples} samples ({args.method}) x {len(result.strategies)} strategies"
    )
    for note in result.notes[:5]:
        print(f"  {note}")
    print("Wrote " + ", ".join(str(p) for p in written))
    return 0


def cmd_batch(args: argparse.Namespace) -> int:
    if Path(args.out).suffix.lower() not in (".parquet", ".csv"):
        raise WupInputError(f"{args.out}: the output must end in .parquet or .csv", args.out)
    scenarios = [wm.load_scenario(p) for p in args.scenarios] if args.scenarios else None
    try:
        results = wm.batch(
            args.buurten,
            scenarios,
            executor=args.scheduler,
            seed=args.seed,
            progress=_progress_bar("batch"),
        )
    except RuntimeError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    written = wm.write_batch(results, args.out)
    n = results["buurt_code"].nunique()
    print(
        f"{n} buurten x {results['scenario'].nunique()} scenarios; wrote "
        + ", ".join(str(p) for p in written)
    )
    return 0


# check-model: the model against published figures (issue 9)


def add_check_model_parser(sub) -> None:
    ch = sub.add_parser(
        "check-model",
        help="compare the model with published figures (Keymark, PBL, CBS, Startanalyse); exit 1 if any is off",
        description="Print each comparison of the model with a published figure: COP at the Keymark "
        "test points, SCOP, the insulated mid-terrace peak, gas kept after insulation, apartments vs "
        "CBS and PBL, all-electric national cost vs the Startanalyse, share needing deep insulation, "
        "grid peak per dwelling; modelled, published, the band it must fall in, the model's figure "
        "before issue 9 and the source. Exit status 1 when a figure falls outside its band.",
    )
    _scenario_arg(ch)
    ch.add_argument(
        "--format", choices=["table", "csv", "json"], default="table", help="output format"
    )


def cmd_check_model(args: argparse.Namespace) -> int:
    scenario, stock = _load(args)
    table = wm.check_model(scenario, stock=stock)
    if args.format == "csv":
        print(table.to_csv(index=False), end="")
    elif args.format == "json":
        print(table.to_json(orient="records", indent=2))
    else:
        print(wm.check_model_text(table))
    return 0 if bool(table["passed"].all()) else 1


# cooperative business case (issue 12): a thin block over the public API


def _share_arg(text: str) -> float:
    """A share as 0.85 or 85%."""
    text = text.strip()
    try:
        return float(text[:-1]) / 100.0 if text.endswith("%") else float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a share: {text!r} (give e.g. 0.85 or 85%)") from None


def add_coop_parser(sub) -> None:
    co = sub.add_parser(
        "coop",
        help="the business case of a village cooperative: heat network of a zone, or a solar park",
        description="A cooperative's 30-year business case: yearly cash flow, financing (member capital, member "
        "loans, a public loan, bank debt sized by a minimum DSCR), project and member IRR, DSCR and LLCR, "
        "break-even tariff and participation, the participation curve from each household's own cheapest "
        "alternative (and a survey), and the tariff <-> uptake loop. --out writes coop.xlsx and coop.json.",
    )
    _scenario_arg(co)
    co.add_argument("--asset", choices=["heat_network", "solar_park"], default="heat_network")
    co.add_argument(
        "--zone", metavar="Z", default=None, help="heat-network zone (default: the largest)"
    )
    co.add_argument(
        "--survey",
        metavar="FILE",
        default=None,
        help="CSV/XLSX: dwelling_id, would_join (yes/maybe/no) [, plans_heat_pump, already_insulated, "
        "invest_eur], or per group dwelling_id, join_yes, join_maybe, join_no",
    )
    co.add_argument(
        "--participation",
        type=_share_arg,
        metavar="SHARE",
        default=None,
        help="share of the zone that connects (0-1 or 85%%); default: from each household's alternative",
    )
    co.add_argument(
        "--tariff-fixed",
        type=float,
        metavar="EUR",
        default=None,
        dest="tariff_fixed_eur_per_yr",
        help="fixed charge per connection, EUR/yr incl. VAT (default: the ACM maximum)",
    )
    co.add_argument(
        "--tariff-gj",
        type=float,
        metavar="EUR",
        default=None,
        dest="tariff_eur_per_gj",
        help="price per GJ incl. VAT (default: the ACM maximum's path)",
    )
    co.add_argument(
        "--connection-fee",
        type=float,
        metavar="EUR",
        default=None,
        dest="connection_fee_eur",
        help="one-off connection fee incl. VAT (default: the ACM maximum)",
    )
    co.add_argument(
        "--member-capital", type=float, metavar="EUR", default=None, dest="member_capital_eur"
    )
    co.add_argument(
        "--member-loans", type=float, metavar="EUR", default=None, dest="member_loan_eur"
    )
    co.add_argument(
        "--public-loan", type=float, metavar="EUR", default=None, dest="public_loan_eur"
    )
    co.add_argument(
        "--wis",
        type=float,
        metavar="EUR",
        default=None,
        dest="wis_eur_per_connection",
        help="WIS subsidy per connection the cooperative receives",
    )
    co.add_argument(
        "--grant",
        type=float,
        metavar="EUR",
        default=None,
        dest="provincial_grant_eur",
        help="provincial or other lump-sum grant",
    )
    co.add_argument("--min-dscr", type=float, metavar="X", default=None, dest="min_dscr")
    co.add_argument(
        "--debt-share",
        type=_share_arg,
        metavar="SHARE",
        default=None,
        dest="max_debt_share",
        help="largest bank debt as a share of the investment",
    )
    co.add_argument(
        "--interest", type=float, metavar="RATE", default=None, dest="debt_interest_rate"
    )
    co.add_argument(
        "--cost-based",
        action="store_true",
        help="cost-based tariff (Wcw): heat at its cost per GJ, the fixed charge from the uptake loop",
    )
    co.add_argument(
        "--no-acm-cap", action="store_true", help="allow a tariff above the ACM maximum"
    )
    co.add_argument("--park-kwp", type=float, metavar="KWP", default=None, dest="park_kwp")
    co.add_argument(
        "--park-price",
        type=float,
        metavar="EUR",
        default=None,
        dest="park_price_eur_per_kwh",
        help="solar park revenue per kWh (SDE++ base amount or feed-in), EUR/kWh",
    )
    co.add_argument(
        "--park-members",
        type=_share_arg,
        metavar="SHARE",
        default=None,
        dest="park_member_share",
        help="share of the park's yield supplied to members (at the retail supply price)",
    )
    co.add_argument(
        "--out", metavar="DIR", default=None, help="write coop.xlsx and coop.json to this folder"
    )
    co.add_argument(
        "--json", action="store_true", help="print the business case as JSON instead of the summary"
    )
    co.add_argument(
        "--sensitivity",
        choices=["lhs", "oat"],
        default=None,
        help="also run the business case over the scenario's uncertainty: section (needs --out; "
        "writes coop_sensitivity.csv)",
    )
    co.add_argument(
        "--samples", type=int, default=32, help="samples of an lhs sensitivity run (default 32)"
    )
    co.add_argument(
        "--participation-range",
        type=_share_arg,
        nargs=2,
        metavar=("LOW", "HIGH"),
        default=None,
        help="sweep the participation too, between LOW and HIGH",
    )


_COOP_SETTINGS = (
    "zone",
    "participation",
    "tariff_fixed_eur_per_yr",
    "tariff_eur_per_gj",
    "connection_fee_eur",
    "member_capital_eur",
    "member_loan_eur",
    "public_loan_eur",
    "wis_eur_per_connection",
    "provincial_grant_eur",
    "min_dscr",
    "max_debt_share",
    "debt_interest_rate",
    "park_kwp",
    "park_price_eur_per_kwh",
    "park_member_share",
)


def cmd_coop(args: argparse.Namespace) -> int:
    if args.out:
        out_dir = Path(args.out)
        if out_dir.exists() and not out_dir.is_dir():
            raise WupInputError(f"{args.out}: exists and is not a folder", args.out)
    changes = {k: getattr(args, k) for k in _COOP_SETTINGS if getattr(args, k) is not None}
    changes["asset"] = args.asset
    if args.cost_based:
        changes["tariff_basis"] = "cost_based"
    if args.no_acm_cap:
        changes["acm_cap"] = False
    settings = wm.coop_settings(changes, source="wupmodel coop")
    scenario, stock = _load(args)
    survey = wm.load_survey(args.survey) if args.survey else None
    case = wm.business_case(scenario, stock=stock, settings=settings, survey=survey)
    if args.sensitivity and not args.out:
        raise WupInputError("--sensitivity needs --out DIR (it writes coop_sensitivity.csv there)")
    sens = None
    if args.sensitivity:  # before anything is written: a bad uncertainty section writes nothing
        if not 1 <= args.samples <= 10_000:
            raise WupInputError(f"--samples must be between 1 and 10 000 (got {args.samples})")
        sens = wm.coop_sweep(
            scenario,
            stock,
            settings=settings,
            samples=args.samples,
            method=args.sensitivity,
            participation=tuple(args.participation_range) if args.participation_range else None,
            survey=survey,
        )
    if args.out:
        block = wm.run_provenance(scenario, args.stock, _command_line())
        written = wm.write_business_case(args.out, case, provenance=block)
        if sens is not None:
            written.append(wm.write_frame(sens.figures, Path(args.out) / "coop_sensitivity.csv"))
    if args.json:
        print(json.dumps(case.to_json_dict(), indent=2, ensure_ascii=False))
    else:
        print(f"{scenario.name}: cooperative business case")
        print(wm.coop_text(case))
        if sens is not None and args.sensitivity == "oat":
            print("\nProject NPV, one input at a time (largest swings):")
            for row in sens.tornado().head(5).itertuples():
                print(f"  {row.factor}: {row.output_low:,.0f} to {row.output_high:,.0f} EUR")
        elif sens is not None:
            q = sens.figures["project_npv_eur"].quantile([0.1, 0.5, 0.9])
            print(
                f"\nProject NPV over {len(sens.figures)} samples: P10 {q.iloc[0]:,.0f}, median {q.iloc[1]:,.0f}, "
                f"P90 {q.iloc[2]:,.0f} EUR"
            )
    if args.out:
        print(
            f"\nWrote {', '.join(str(p) for p in written)}",
            file=sys.stderr if args.json else sys.stdout,
        )
    return 0


COMMANDS = {
    "run": cmd_run,
    "evaluate": cmd_evaluate,
    "stock": cmd_stock,
    "optimise": cmd_optimise,
    "params": cmd_params,
    "validate": cmd_validate,
    "compare": cmd_compare,
    "sweep": cmd_sweep,
    "batch": cmd_batch,
    "check-model": cmd_check_model,
    "coop": cmd_coop,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    _ARGV[:] = list(sys.argv[1:] if argv is None else argv)
    if args.command is None:
        parser.print_help()
        return EXIT_INPUT_ERROR
    try:
        code = COMMANDS[args.command](args)
        sys.stdout.flush()
        return code
    except WupInputError as err:
        print(f"error: {err}", file=sys.stderr)
        return EXIT_INPUT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # e.g. ``wupmodel params | head``: the reader has gone, stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

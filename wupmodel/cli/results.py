"""Commands over one run: ``run``, ``evaluate``, ``stock``, ``params``, ``validate``,
``compare`` and ``check-model``."""

from __future__ import annotations

import argparse
import json
import textwrap
from pathlib import Path

import pandas as pd

import wupmodel as wm
import wupmodel.io as wio
from wupmodel.cli.common import command_line, destinations, load, scenario_arg


def add_run_parser(sub) -> None:
    """``run``: the village strategies side by side."""
    run = sub.add_parser(
        "run",
        help="compare the village strategies (reference and each heating system)",
        description=(
            "Print, for the village, the reference and each heating system at its sensible"
            " insulation level: dwellings feasible, gas, electricity, CO2 and its reduction, grid"
            " peak, investment and subsidy, national extra cost (EUR/yr, EUR/t CO2, EUR/WEQ/yr),"
            " average monthly cost change and the share of households paying more."
        ),
    )
    scenario_arg(run)
    run.add_argument("--format", choices=["table", "json"], default="table", help="output format")
    run.add_argument(
        "--out",
        metavar="DIR",
        default=None,
        help=(
            "also write results.xlsx (read me, summary, per type, who pays, per dwelling,"
            " assumptions and price paths as used, scenario, provenance, the well-being criteria"
            " and their ranking with the weights used), CSV files, summary.json and"
            " scenario_used.yaml"
        ),
    )
    run.add_argument(
        "--lang", choices=["en", "nl"], default="en", help="workbook headers (default English)"
    )


def add_evaluate_parser(sub) -> None:
    """``evaluate``: every dwelling x option to a file."""
    ev = sub.add_parser(
        "evaluate",
        help="write every dwelling x option outcome to a CSV or Parquet file",
        description="Evaluate every dwelling against every option and write the long table.",
    )
    scenario_arg(ev)
    ev.add_argument("--out", required=True, metavar="FILE", help="output .csv or .parquet file")
    ev.add_argument(
        "--per",
        choices=["dwelling", "group"],
        default="dwelling",
        help="one row per dwelling (default) or per group of identical dwellings",
    )


def add_stock_parser(sub) -> None:
    """``stock``: a synthesised village."""
    st = sub.add_parser(
        "stock",
        help="synthesise a dwelling table for a Drenthe buurt",
        description=(
            "Build a deterministic dwelling table that reproduces a buurt's counts by "
            "type, construction period and energy label (PBL Startanalyse 2020 statistics)."
        ),
    )
    st.add_argument(
        "--buurt", required=True, metavar="CODE", help="CBS buurt code, e.g. BU01095059"
    )
    st.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    st.add_argument("--out", required=True, metavar="FILE", help="output .csv, .xlsx or .parquet")


def add_params_parser(sub) -> None:
    """``params``: the packaged defaults."""
    pa = sub.add_parser(
        "params",
        help="list the default parameters with unit, allowed range and source",
        description="List the packaged default parameters (what a scenario may override).",
    )
    pa.add_argument(
        "--grep",
        default=None,
        help="only parameters, policy series, heat sources and price paths containing this text",
    )
    pa.add_argument(
        "--full", action="store_true", help="also show each parameter's source and year"
    )


def add_validate_parser(sub) -> None:
    """``validate``: a scenario file checked."""
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


def add_compare_parser(sub) -> None:
    """``compare``: scenarios side by side."""
    co = sub.add_parser(
        "compare",
        help="set the village strategies of two or more scenarios side by side",
        description=(
            "Evaluate each scenario and print, per strategy, its figures in both perspectives "
            "side by side with the differences from the first, and which assumptions differ."
        ),
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


def add_check_model_parser(sub) -> None:
    ch = sub.add_parser(
        "check-model",
        help=(
            "compare the model with published figures (Keymark, PBL, CBS, Startanalyse); exit 1 if"
            " any is off"
        ),
        description=(
            "Print each comparison of the model with a published figure: COP at the Keymark test"
            " points, SCOP, the insulated mid-terrace peak, gas kept after insulation, apartments"
            " vs CBS and PBL, all-electric national cost vs the Startanalyse, share needing deep"
            " insulation, grid peak per dwelling; modelled, published, the band it must fall in,"
            " the model's figure before issue 9 or 20 and the source; the 2026 taxes, ISDE,"
            " feed-in floor, ETS2, green gas and heat-network CO2 (issue 20); with --drenthe how"
            " the all-electric EUR/t ranks across the Drenthe buurten against PBL's direction."
            " Exit status 1 when a figure falls"
            " outside its band."
        ),
    )
    scenario_arg(ch)
    ch.add_argument(
        "--format", choices=["table", "csv", "json"], default="table", help="output format"
    )
    ch.add_argument(
        "--drenthe",
        action="store_true",
        help=(
            "also rank the all-electric EUR/t across the Drenthe buurten against PBL's direction"
            " (every buurt evaluated: about a minute on two cores)"
        ),
    )
    ch.add_argument(
        "--scheduler",
        default=None,
        help="where the Drenthe buurten run, as for batch (e.g. local:2); default serial",
    )


def cmd_run(args: argparse.Namespace) -> int:
    with destinations(args) as dest:
        out_dir = dest.folder(args.out) if args.out else None
        scenario, stock = load(args)
        inputs = wm.model_inputs(scenario)
        outcomes = wm.evaluate(stock, inputs)
        tables = wm.summarise(outcomes, inputs)
        # the files and the JSON carry the well-being criteria, weighed equally (wupmodel
        # criteria weighs with a village's own weights)
        weighed = (
            wm.criteria(stock, inputs, outcomes=outcomes)
            if args.out or args.format == "json"
            else None
        )
        block = wio.run_provenance(scenario, args.stock, command_line())
        if out_dir is not None:
            with dest.writing():
                wio.write_outputs(
                    out_dir,
                    tables,
                    scenario,
                    outcomes.notices,
                    provenance=block,
                    lang=args.lang,
                    criteria=weighed,
                )
            written = dest.commit()
    if args.format == "json":
        print(
            json.dumps(
                wio.summary_json(tables, scenario, outcomes.notices, block, weighed),
                indent=2,
                ensure_ascii=False,
            )
        )
        return 0
    print(wio.run_text(tables, scenario, int(outcomes.counts.sum()), outcomes.notices))
    if args.out:
        print(f"\nWrote {len(written)} files to {args.out}: " + ", ".join(p.name for p in written))
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    with destinations(args) as dest:
        out = dest.file(args.out, (".csv", ".parquet"))
        scenario, stock = load(args)
        # streamed chunk by chunk: the long table is never held whole in memory
        with dest.writing():
            rows, n_options = wio.write_outcomes(
                wm.iter_evaluate(stock, scenario, chunk_size=wio.STREAM_CHUNK_GROUPS),
                out,
                per=args.per,
            )
        dest.commit()
    print(f"wrote {rows} rows ({n_options} options) to {args.out}")
    return 0


def cmd_stock(args: argparse.Namespace) -> int:
    with destinations(args) as dest:
        out = dest.file(args.out, (".csv", ".xlsx", ".parquet"))
        stock = wm.synthesise_stock(args.buurt, seed=args.seed)
        with dest.writing():
            wio.write_stock(stock, out)
        dest.commit()
    print(f"wrote {int(stock['count'].sum())} dwellings of {args.buurt} to {args.out}")
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


def tables_text(grep: str | None, full: bool = False, width: int = 100) -> list[str]:
    """The policy figures per year, the heat sources and the price paths (the packaged tables
    besides the scalar parameters) whose name contains ``grep``; a value held from an earlier
    year is marked CARRIED FORWARD."""
    lines: list[str] = []

    def keep(name: str) -> bool:
        return grep is None or grep in name

    policy = wio.packaged_table("policy_by_year")
    for name, rows in policy.groupby("series", sort=True):
        if not keep(f"policy.{name}"):
            continue
        lines.append(
            textwrap.shorten(f"policy.{name}  ({rows['unit'].iloc[0]}, policy_by_year.csv)", width)
        )
        for r in rows.itertuples():
            mark = "  CARRIED FORWARD" if str(r.carried_forward).lower() == "true" else ""
            lines.append(f"    {r.year}: {r.value:g}{mark}")
            if full or mark:
                lines += textwrap.wrap(
                    f"source ({r.source_year}): {r.source}",
                    width,
                    initial_indent="      ",
                    subsequent_indent="        ",
                )
    sources = wio.packaged_table("heat_sources")
    for r in sources.itertuples():
        if keep(f"heat_source.{r.heat_source}"):
            pump = " + collective heat pump" if str(r.collective_heat_pump) == "True" else ""
            lines += textwrap.wrap(
                f"heat_source.{r.heat_source}  primary share {r.primary_share:g}, fuel"
                f" {r.primary_fuel}, electricity {r.aux_electricity_gje_per_gj:g} GJe/GJ{pump}",
                width,
                subsequent_indent="    ",
            )
            if full:
                lines += textwrap.wrap(
                    f"source ({r.year}): {r.source}",
                    width,
                    initial_indent="    ",
                    subsequent_indent="      ",
                )
    paths = wio.packaged_table("price_paths")
    for name, rows in paths.groupby("series", sort=True):
        if grep is None or not keep(f"price_paths.{name}"):
            continue
        marked = rows[rows["carried_forward"].astype(str).str.lower() == "true"]
        tail = f"; CARRIED FORWARD from {int(marked['year'].min())}" if len(marked) else ""
        lines += textwrap.wrap(
            f"price_paths.{name}  {rows['value'].iloc[0]:g} ({rows['year'].iloc[0]}) .."
            f" {rows['value'].iloc[-1]:g} ({rows['year'].iloc[-1]}) {rows['unit'].iloc[0]}{tail}",
            width,
            subsequent_indent="    ",
        )
        if full or len(marked):
            source = marked["source"].iloc[0] if len(marked) else rows["source"].iloc[0]
            lines += textwrap.wrap(
                f"source: {source}", width, initial_indent="    ", subsequent_indent="      "
            )
    return lines


def cmd_params(args: argparse.Namespace) -> int:
    table = wm.parameter_table().reset_index()
    extra = tables_text(args.grep, args.full)
    if args.grep:
        table = table[table["parameter"].str.contains(args.grep, regex=False)]
        if table.empty and not extra:
            print(f"no parameter matches '{args.grep}'")
            return 0
    if not table.empty:
        print(params_text(table, args.full))
    if extra:
        print("\n" + "\n".join(extra))
    print(
        "\n"
        + textwrap.fill(
            "Price paths (override under prices: or with --set prices.<series>; "
            "gas_supply_eur_m3 feeds the bill, gas_production_eur_m3 the national "
            "view): " + ", ".join(wio.PRICE_SERIES),
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
    print(wio.dump_scenario(scenario, resolved=True))
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    with destinations(args) as dest:
        out_dir = dest.folder(args.out) if args.out else None
        scenarios = [wio.for_stock_file(wm.load_scenario(p), args.stock) for p in args.scenarios]
        stock = wm.load_stock(args.stock) if args.stock else None
        labels = [Path(p).stem for p in args.scenarios]
        tables = wm.compare(stock, scenarios, labels=labels)
        if out_dir is not None:
            with dest.writing():
                wio.write_comparison(
                    out_dir, tables, scenarios, args.stock, command_line(), args.lang
                )
            written = dest.commit()
    print(wio.compare_text(tables))
    if args.out:
        print(f"\nWrote {len(written)} files to {args.out}: " + ", ".join(p.name for p in written))
    return 0


def cmd_check_model(args: argparse.Namespace) -> int:
    scenario, stock = load(args)
    table = wm.check_model(stock, scenario, drenthe=args.drenthe, executor=args.scheduler)
    if args.format == "csv":
        print(table.to_csv(index=False), end="")
    elif args.format == "json":
        print(table.to_json(orient="records", indent=2))
    else:
        print(wio.check_model_text(table))
    return 0 if bool(table["passed"].all()) else 1


def add_parsers(sub) -> dict:
    """Add this module's commands; returns command name -> handler."""
    for add in (
        add_run_parser,
        add_evaluate_parser,
        add_stock_parser,
        add_params_parser,
        add_validate_parser,
        add_compare_parser,
        add_check_model_parser,
    ):
        add(sub)
    return {
        "run": cmd_run,
        "evaluate": cmd_evaluate,
        "stock": cmd_stock,
        "params": cmd_params,
        "validate": cmd_validate,
        "compare": cmd_compare,
        "check-model": cmd_check_model,
    }

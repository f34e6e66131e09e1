"""``coop``: a village cooperative's business case (heat network of a zone, or solar park)."""

from __future__ import annotations

import argparse
import json
import sys

import wupmodel as wm
import wupmodel.io as wio
from wupmodel import WupInputError
from wupmodel.cli.common import command_line, destinations, load, scenario_arg, share_arg


def add_coop_parser(sub) -> None:
    co = sub.add_parser(
        "coop",
        help="the business case of a village cooperative: heat network of a zone, or a solar park",
        description=(
            "A cooperative's 30-year business case: yearly cash flow, financing (member capital,"
            " member loans, a public loan, bank debt sized by a minimum DSCR), project and member"
            " IRR, DSCR and LLCR, break-even tariff and participation, the participation curve from"
            " each household's own cheapest alternative (and a survey), and the tariff <-> uptake"
            " loop. --out writes coop.xlsx and coop.json."
        ),
    )
    scenario_arg(co)
    co.add_argument("--asset", choices=["heat_network", "solar_park"], default="heat_network")
    co.add_argument(
        "--zone", metavar="Z", default=None, help="heat-network zone (default: the largest)"
    )
    co.add_argument(
        "--network",
        choices=["mt", "lt"],
        default=None,
        help="the heat network's temperature: its households, tariff and heat (default mt)",
    )
    co.add_argument(
        "--survey",
        metavar="FILE",
        default=None,
        help=(
            "CSV/XLSX: dwelling_id, would_join (yes/maybe/no) [, plans_heat_pump,"
            " already_insulated, invest_eur], or per group dwelling_id, join_yes, join_maybe,"
            " join_no"
        ),
    )
    _tariff_args(co)
    _financing_args(co)
    _tariff_rule_and_park_args(co)
    _output_args(co)


def _tariff_args(co: argparse.ArgumentParser) -> None:
    """Participation and the households' tariff."""
    co.add_argument(
        "--participation",
        type=share_arg,
        metavar="SHARE",
        default=None,
        help=(
            "share of the zone that connects (0-1 or 85%%); default: from each household's"
            " alternative"
        ),
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


def _financing_args(co: argparse.ArgumentParser) -> None:
    """Member capital and loans, subsidies, grants, the bank's terms."""
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
        type=share_arg,
        metavar="SHARE",
        default=None,
        dest="max_debt_share",
        help="largest bank debt as a share of the investment",
    )
    co.add_argument(
        "--interest", type=float, metavar="RATE", default=None, dest="debt_interest_rate"
    )


def _tariff_rule_and_park_args(co: argparse.ArgumentParser) -> None:
    """The tariff rule (ACM cap, cost-based) and a solar park's size and prices."""
    co.add_argument(
        "--cost-based",
        action="store_true",
        help=(
            "cost-based tariff (Wcw): heat at its cost per GJ, the fixed charge from the uptake"
            " loop"
        ),
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
        type=share_arg,
        metavar="SHARE",
        default=None,
        dest="park_member_share",
        help="share of the park's yield supplied to members (at the retail supply price)",
    )


def _output_args(co: argparse.ArgumentParser) -> None:
    """Files, JSON and the sensitivity run."""
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
        help=(
            "also run the business case over the scenario's uncertainty: section (needs --out; "
            "writes coop_sensitivity.csv)"
        ),
    )
    co.add_argument(
        "--samples", type=int, default=32, help="samples of an lhs sensitivity run (default 32)"
    )
    co.add_argument(
        "--participation-range",
        type=share_arg,
        nargs=2,
        metavar=("LOW", "HIGH"),
        default=None,
        help="sweep the participation too, between LOW and HIGH",
    )


_COOP_SETTINGS = (
    "zone",
    "network",
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
    if args.sensitivity and not args.out:
        raise WupInputError("--sensitivity needs --out DIR (it writes coop_sensitivity.csv there)")
    with destinations(args) as dest:
        out_dir = dest.folder(args.out) if args.out else None
        scenario, case, sens = _case(args)
        if out_dir is not None:
            with dest.writing():
                block = wio.run_provenance(scenario, args.stock, command_line())
                wio.write_business_case(out_dir, case, provenance=block)
                if sens is not None:
                    wio.write_frame(sens.figures, out_dir / "coop_sensitivity.csv")
            written = dest.commit()
    if args.json:
        print(json.dumps(case.to_json_dict(), indent=2, ensure_ascii=False))
    else:
        print(f"{scenario.name}: cooperative business case")
        print(wio.coop_text(case))
        if sens is not None and args.sensitivity == "oat":
            print("\nProject NPV, one input at a time (largest swings):")
            for row in sens.tornado().head(5).itertuples():
                print(f"  {row.factor}: {row.output_low:,.0f} to {row.output_high:,.0f} EUR")
        elif sens is not None:
            q = sens.figures["project_npv_eur"].quantile([0.1, 0.5, 0.9])
            print(
                f"\nProject NPV over {len(sens.figures)} samples: P10 {q.iloc[0]:,.0f}, median "
                f"{q.iloc[1]:,.0f}, P90 {q.iloc[2]:,.0f} EUR"
            )
    if args.out:
        print(
            f"\nWrote {', '.join(str(p) for p in written)}",
            file=sys.stderr if args.json else sys.stdout,
        )
    return 0


def _case(args: argparse.Namespace):
    """The scenario, the business case and (with ``--sensitivity``) its sweep."""
    changes = {k: getattr(args, k) for k in _COOP_SETTINGS if getattr(args, k) is not None}
    changes["asset"] = args.asset
    if args.cost_based:
        changes["tariff_basis"] = "cost_based"
    if args.no_acm_cap:
        changes["acm_cap"] = False
    settings = wm.coop_settings(changes, source="wupmodel coop")
    scenario, stock = load(args)
    survey = wio.load_survey(args.survey) if args.survey else None
    case = wm.business_case(stock, scenario, settings=settings, survey=survey)
    sens = None
    if args.sensitivity:  # before anything is written: a bad uncertainty section writes nothing
        if not 1 <= args.samples <= 10_000:
            raise WupInputError(f"--samples must be between 1 and 10 000 (got {args.samples})")
        sens = wm.coop_sweep(
            stock,
            scenario,
            settings=settings,
            samples=args.samples,
            method=args.sensitivity,
            participation=tuple(args.participation_range) if args.participation_range else None,
            survey=survey,
        )
    return scenario, case, sens


def add_parsers(sub) -> dict:
    """Add this module's commands; returns command name -> handler."""
    add_coop_parser(sub)
    return {"coop": cmd_coop}

"""``report``: the village's Wijkuitvoeringsplan as a document (Word, HTML, PDF), and with
``--letters`` one page per household."""

from __future__ import annotations

import argparse
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import wupmodel as wm
import wupmodel.app as wa
import wupmodel.io as wio
from wupmodel import WupInputError
from wupmodel.cli.common import command_line, load, scenario_arg, share_arg


def add_report_parser(sub) -> None:
    re = sub.add_parser(
        "report",
        help="write the village's plan (Wijkuitvoeringsplan) as a Dutch document: docx, html, pdf",
        description=(
            "Run the model once (evaluation, strategies, the optimised plan, the cooperative's"
            " business case, uncertainty where the scenario has ranges) and write the village's"
            " Wijkuitvoeringsplan in Dutch: wup.docx (editable), wup.html (one self-contained"
            " page), wup.pdf (where a Chromium can print it), wup.json (the run's key results)"
            " and wup_tabellen.xlsx (every table the document was read from). Every number in"
            " the text comes from the run; every table and figure names its table."
        ),
    )
    scenario_arg(re)
    re.add_argument("--out", required=True, metavar="DIR", help="output folder (created if needed)")
    re.add_argument(
        "--survey",
        metavar="FILE",
        default=None,
        help="survey CSV/XLSX of the households (must name the stock's dwellings)",
    )
    re.add_argument(
        "--letters",
        action="store_true",
        help="also write brieven.docx and brieven.html: one page per household (the survey's, or"
        " every dwelling)",
    )
    re.add_argument(
        "--address-column",
        metavar="NAME",
        default=None,
        help="with --letters and your own --stock file: print this column of the file (e.g. the"
        " street and number) on each letter; addresses are never printed otherwise",
    )
    re.add_argument(
        "--co2-reduction",
        type=share_arg,
        metavar="SHARE",
        default=None,
        help="the plan's CO2 target, 0-1 or 60%% (default: the scenario's, else 60%%)",
    )
    re.add_argument(
        "--participation",
        type=share_arg,
        metavar="SHARE",
        default=None,
        help="heat-network participation of the cooperative's case (default: the plan's, or each"
        " household's cheapest choice)",
    )
    re.add_argument(
        "--ranges",
        metavar="FILE",
        default=None,
        help="a scenario whose uncertainty ranges the risks chapter uses when the scenario has"
        " none (e.g. scenarios/uncertainty.yaml)",
    )
    re.add_argument(
        "--format",
        action="append",
        choices=list(wio.WUP_FORMATS),
        default=None,
        dest="formats",
        help="docx, html or pdf (repeatable; default all three)",
    )
    re.add_argument(
        "--figures",
        choices=["auto", "plotly", "matplotlib"],
        default="auto",
        help="the app's Plotly figures through a browser (auto where there is one) or matplotlib",
    )


def cmd_report(args: argparse.Namespace) -> int:
    start = time.perf_counter()
    if args.co2_reduction is not None and not 0.0 <= args.co2_reduction <= 1.0:
        raise WupInputError(f"--co2-reduction must be between 0 and 1 (got {args.co2_reduction})")
    inputs = [args.scenario, args.stock, args.survey, args.ranges]
    with wio.Destinations(inputs) as dest:  # checked first, written whole, never onto an input
        out_dir = dest.folder(args.out)
        doc = _document(args)
        with ThreadPoolExecutor(max_workers=1) as pool:  # the workbook while figures are drawn
            workbook = pool.submit(wio.wup_workbook_bytes, doc)
            images, note = wa.document_images(doc, args.figures)
            workbook = workbook.result()
        with dest.writing():
            _staged, notes = wio.write_wup_document(
                out_dir, doc, images, tuple(args.formats or wio.WUP_FORMATS), workbook
            )
        written = dest.commit()
    for text in [note, *notes]:
        if text:
            print(f"note: {text}", file=sys.stderr)
    for what in doc.missing:
        print(f"note: not yet in the model, said so in the document: {what}", file=sys.stderr)
    print(
        f"{doc.title}: {len(doc.chapters)} chapters"
        + (f", {len(doc.letters)} letters" if doc.letters else "")
        + f" in {time.perf_counter() - start:.1f} s; wrote "
        + ", ".join(str(p) for p in written)
    )
    return 0


def _document(args: argparse.Namespace) -> wm.WupDocument:
    """The document of the run the arguments ask for."""
    survey = wio.load_survey(args.survey) if args.survey else None
    ranges = wm.load_scenario(args.ranges) if args.ranges else None
    scenario, stock = load(args)
    coop = {} if args.participation is None else {"participation": args.participation}
    addresses = None
    if args.address_column:
        if not (args.letters and args.stock):
            raise WupInputError("--address-column needs --letters and your own --stock file")
        addresses = wio.stock_addresses(args.stock, args.address_column)
    doc = wm.wup_document(
        stock,
        scenario,
        survey=survey,
        co2_reduction=args.co2_reduction,
        coop=coop,
        ranges=ranges,
        letters=args.letters,
        addresses=addresses,
        provenance=wio.run_provenance(scenario, args.stock, command_line()),
    )
    return doc


def add_parsers(sub) -> dict:
    """Add this module's commands; returns command name -> handler."""
    add_report_parser(sub)
    return {"report": cmd_report}

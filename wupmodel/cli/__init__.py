"""Command-line interface: ``wupmodel run | evaluate | stock | optimise | phase | criteria |
compare | sweep | batch | params | validate | check-model | coop | hourly | report``.

A thin layer over the public API (:mod:`wupmodel`, :mod:`wupmodel.io`): one module per family
of commands, each adding its parsers and naming its handlers: ``results`` (run, evaluate,
stock, params, validate, compare, check-model), ``optimise``, ``phase`` (the plan over the
years), ``criteria`` (well-being weighed beside cost and CO2), ``uncertainty`` (sweep, batch),
``coop``, ``hourly`` (hour by hour after saldering), ``report`` (the Wijkuitvoeringsplan as a
document); ``common`` holds what they share.
User errors (bad files, bad
values) print one clear message to stderr and exit with status 2, never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

import wupmodel as wm
from wupmodel import WupInputError
from wupmodel.cli import coop, criteria, hourly, optimise, phase, report, results, uncertainty
from wupmodel.cli.common import ARGV, EXIT_INPUT_ERROR

__all__ = ["build_parser", "main"]

#: The command families, in the order ``wupmodel --help`` lists them.
FAMILIES = (results, optimise, phase, criteria, uncertainty, coop, hourly, report)


def build_parser() -> tuple[argparse.ArgumentParser, dict]:
    """The parser, and command name -> handler."""
    parser = argparse.ArgumentParser(
        prog="wupmodel",
        description="Scenario and financial model for a village heat plan (Wijkuitvoeringsplan).",
    )
    parser.add_argument("--version", action="version", version=f"wupmodel {wm.__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands: dict = {}
    for family in FAMILIES:
        commands.update(family.add_parsers(sub))
    return parser, commands


def main(argv: Sequence[str] | None = None) -> int:
    parser, commands = build_parser()
    args = parser.parse_args(argv)
    ARGV[:] = list(sys.argv[1:] if argv is None else argv)
    if args.command is None:
        parser.print_help()
        return EXIT_INPUT_ERROR
    try:
        code = commands[args.command](args)
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

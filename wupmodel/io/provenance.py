"""What ran: the provenance block of every output file, and the run's effective assumptions.

* :func:`run_provenance` -- model version, date and time, the stock (file name and SHA-256, an
  uploaded file's name, SHA-256, rows and dwellings (:func:`uploaded_stock_source`), or buurt
  code and seed), the command line, the scenario's name and every override with its
  origin (scenario file, ``--set``, app).
* :func:`provenance_table` -- the block as ``item, value`` rows.
* :func:`mark_unused_village` -- the scenario sheet's village settings marked as not used when
  the dwellings came from another file.

The run's effective assumptions (parameters, price paths, the resolved scenario) are tables of
:mod:`wupmodel.assumptions`.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd

from wupmodel.money.tariffs import PATH_RULE
from wupmodel.scenario import Scenario

__all__ = [
    "mark_unused_village",
    "provenance_table",
    "run_provenance",
    "uploaded_stock_source",
]


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("wupmodel")
    except PackageNotFoundError:  # pragma: no cover - running from a source tree
        return "unknown"


def _sha256(path: str | os.PathLike) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def uploaded_stock_source(stock: pd.DataFrame, file_name: str, sha256: str) -> dict[str, Any]:
    """The ``stock_source`` of :func:`run_provenance` for a stock read from bytes (an upload).

    Parameters
    ----------
    stock
        The validated stock (:func:`wupmodel.read_stock_bytes`): one row per dwelling or group.
    file_name
        The uploaded file's name, as the user gave it.
    sha256
        The SHA-256 of the uploaded bytes (hex).

    Returns
    -------
    dict
        ``file``, ``sha256``, ``rows`` (data rows read), ``dwellings`` (the sum of ``count``)
        and ``origin``.
    """
    return {
        "file": str(file_name),
        "sha256": str(sha256),
        "rows": int(len(stock)),
        "dwellings": int(pd.to_numeric(stock["count"]).sum()),
        "origin": "uploaded file (held in memory, not written to disk)",
    }


def run_provenance(
    scenario: Scenario,
    stock_file: str | os.PathLike | None = None,
    command: Sequence[str] | str | None = None,
    created: datetime | None = None,
    stock_source: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The provenance block: what ran, on which dwellings, when, with which overrides.

    Parameters
    ----------
    scenario
        The scenario that ran.
    stock_file
        The stock file used (``--stock``); default the scenario's own ``village.stock_file``;
        without one, the synthesised buurt (code and seed) is recorded.
    command
        The command line (list of arguments or one string); ``None`` = not from a command
        line (e.g. the app or a script).
    created
        Date and time of the run (default now, local time with its offset).
    stock_source
        Where the stock came from when it is neither a file on disk nor the scenario's buurt,
        e.g. an upload (:func:`uploaded_stock_source`: ``file``, ``sha256``, ``rows``,
        ``dwellings``): recorded as the stock, and its ``file`` as the village, instead of the
        scenario's buurt. Not together with ``stock_file``.

    Returns
    -------
    dict
        ``model``, ``version``, ``created``, ``command``, ``scenario``, ``village``, ``stock``
        (``file``, ``sha256`` or ``buurt_code``, ``seed``; or ``stock_source``),
        ``overrides`` (key -> origin), ``price_path_rule``.
    """
    if stock_source is not None and stock_file is not None:
        raise ValueError("give stock_file or stock_source, not both")
    path = stock_file or scenario.village.stock_file
    village = scenario.village.name
    if stock_source is not None:
        stock: dict[str, Any] = dict(stock_source)
        village = str(stock.get("file") or village)
    elif path:
        stock = {"file": Path(path).name, "path": str(path), "sha256": _sha256(path)}
    else:
        stock = {
            "buurt_code": scenario.village.buurt_code,
            "seed": scenario.village.seed,
            "synthesised": "PBL Startanalyse 2020 buurt statistics",
        }
    if isinstance(command, str) or command is None:
        cmd = command
    else:
        cmd = " ".join(str(c) for c in command)
    when = (created or datetime.now().astimezone()).isoformat(timespec="seconds")
    overridden = {
        k: v for k, v in scenario.origins.items() if not v.startswith("scenario file default")
    }
    return {
        "model": "wupmodel",
        "version": _version(),
        "created": when,
        "command": cmd,
        "scenario": scenario.name,
        "village": village,
        "stock": stock,
        "overrides": dict(sorted(overridden.items())),
        "price_path_rule": PATH_RULE,
    }


def mark_unused_village(
    tables: Mapping[str, pd.DataFrame], scenario: Scenario, block: Mapping[str, Any]
) -> Mapping[str, pd.DataFrame]:
    """The tables with the scenario sheet's village settings and description marked as not
    used for the stock when the dwellings came from elsewhere than the scenario says: a file
    given with ``--stock`` or an upload (the provenance ``block`` names it). The scenario's
    buurt code, seed, stock file and description (written for its own village) did not make
    the dwellings; settings made for the other file (origin ``--stock``) stay as they are.
    Without a ``scenario`` table, or when the stock is the scenario's own, ``tables`` is returned.
    """
    stock = block.get("stock") or {}
    file = stock.get("file") if isinstance(stock, Mapping) else None
    own = scenario.village.stock_file
    if "scenario" not in tables or not file or (own and Path(own).name == file):
        return tables
    table = tables["scenario"].copy()
    unused = (table["key"].str.startswith("village.") | (table["key"] == "description")) & (
        table["origin"] != "--stock"
    )
    table.loc[unused, "origin"] = (
        f"not used for the stock: the dwellings are the file '{file}' (see provenance)"
    )
    return {**tables, "scenario": table}


def provenance_table(block: Mapping[str, Any]) -> pd.DataFrame:
    """The provenance block as ``item, value`` rows (for a sheet or a CSV file)."""
    rows = []
    for key, value in block.items():
        if isinstance(value, Mapping):
            if not value:
                rows.append({"item": key, "value": "none"})
            for k, v in value.items():
                rows.append({"item": f"{key}.{k}", "value": "" if v is None else str(v)})
        else:
            rows.append({"item": key, "value": "" if value is None else str(value)})
    return pd.DataFrame(rows, columns=["item", "value"])

"""What ran: the provenance block of every output file, and the run's effective assumptions.

* :func:`run_provenance` -- model version, date and time, the stock (file name and SHA-256, an
  uploaded file's name, SHA-256, rows and dwellings (:func:`uploaded_stock_source`), or buurt
  code and seed), the command line, the scenario's name and every override with its
  origin (scenario file, ``--set``, app).
* :func:`assumptions` -- every packaged parameter with the value the run used, its default,
  whether and where it was overridden.
* :func:`price_paths` -- every yearly price and tariff series as the run used it (overrides
  applied), with its unit, origin and what it feeds (the bill, the national view).
* :func:`scenario_table` -- the resolved scenario (no ``null`` left where a default was used),
  one row per key.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from wupmodel.money.tariffs import PATH_RULE, tariff_paths
from wupmodel.params import Params, parameter_table
from wupmodel.scenario import Scenario, dump_scenario

__all__ = [
    "run_provenance",
    "uploaded_stock_source",
    "assumptions",
    "price_paths",
    "scenario_table",
    "provenance_table",
    "PATH_RULE",
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


def assumptions(params: Params, scenario: Scenario) -> pd.DataFrame:
    """Every parameter with the value used in this run, its default, and where an override
    came from (``origin``: "scenario file X", "--set", "app"; "" for a default)."""
    table = parameter_table().reset_index()
    table["default"] = table["value"]
    table["value"] = [params.values[k] for k in table["parameter"]]
    table["overridden"] = table["parameter"].isin(params.overridden)
    table["origin"] = [
        scenario.origin_of(k) if k in params.overridden else "" for k in table["parameter"]
    ]
    cols = [
        "parameter",
        "value",
        "unit",
        "default",
        "overridden",
        "origin",
        "min",
        "max",
        "description",
        "source",
        "year",
    ]
    return table[cols]


#: What each price series feeds, and what it is built from by default.
_FEEDS = {
    "gas_supply_eur_m3": (
        "end-user bill",
        "Vesta gas commodity path + finance.gas_supply_markup_eur_m3",
    ),
    "gas_tax_eur_m3": ("end-user bill", "finance.gas_tax_eur_m3"),
    "elec_supply_eur_kwh": (
        "end-user bill",
        "Vesta electricity commodity path + finance.elec_supply_markup_eur_kwh",
    ),
    "elec_tax_eur_kwh": ("end-user bill", "finance.elec_tax_eur_kwh"),
    "tax_credit_eur": ("end-user bill", "finance.tax_credit_eur"),
    "vat": ("end-user bill", "finance.vat"),
    "gas_standing_eur": ("end-user bill", "gas network + supplier standing charges"),
    "elec_standing_eur": ("end-user bill", "electricity network + supplier standing charges"),
    "heat_fixed_eur": ("end-user bill", "finance.heat_fixed_eur (ACM, incl. VAT)"),
    "heat_variable_eur_gj": (
        "end-user bill",
        "finance.heat_variable_eur_gj x all-in gas price / 2026",
    ),
    "feed_in_eur_kwh": ("end-user bill", "finance.feed_in_net_eur_kwh"),
    "net_metering": ("end-user bill", "finance.net_metering_last_year (1 = net metering)"),
    "co2_price_eur_t": (
        "end-user bill (ETS2 on gas)",
        "Vesta CO2 price path from finance.ets2_start_year",
    ),
    "grid_co2_kg_kwh": ("CO2 of both views", "Vesta grid CO2 intensity path"),
    "gas_production_eur_m3": ("national view", "Vesta gas commodity path (no taxes, no mark-up)"),
    "elec_production_eur_kwh": ("national view", "Vesta electricity commodity path"),
    "heat_production_eur_gj": ("national view", "finance.heat_production_eur_gj"),
    "gas_network_standing_eur": ("national view and bill", "finance.gas_network_standing_eur"),
    "elec_network_standing_eur": ("national view and bill", "finance.elec_network_standing_eur"),
}


def _unit(name: str) -> str:
    for suffix, unit in (
        ("_eur_m3", "EUR/m3"),
        ("_eur_kwh", "EUR/kWh"),
        ("_eur_gj", "EUR/GJ"),
        ("_eur_t", "EUR/t CO2"),
        ("_kg_kwh", "kg CO2/kWh"),
        ("_eur", "EUR/yr"),
    ):
        if name.endswith(suffix):
            return unit
    return "fraction" if name == "vat" else "1 = yes"


def price_paths(params: Params, scenario: Scenario) -> pd.DataFrame:
    """Every yearly price and tariff series as used in this run (overrides applied).

    Columns: ``series`` (the name to use under ``prices:`` and ``--set prices.<series>``),
    ``year``, ``value``, ``unit``, ``overridden``, ``origin``, ``feeds`` (the end-user bill or
    the national view: the national view prices gas at ``gas_production_eur_m3``, the bill at
    ``gas_supply_eur_m3`` + tax + VAT) and ``built_from`` (the default; for an override the
    rule of :data:`PATH_RULE`).
    """
    f = scenario.finance
    paths = tariff_paths(
        params,
        start_year=scenario.years.start,
        end_year=scenario.years.end,
        overrides=scenario.prices,
        ets2_start_year=f.ets2_start_year,
    )
    rows = []
    for name, values in paths.series().items():
        over = name in scenario.prices
        feeds, built = _FEEDS.get(name, ("", ""))
        origin = scenario.origin_of(f"prices.{name}") if over else ""
        for year, value in zip(paths.years, values, strict=True):
            rows.append(
                {
                    "series": name,
                    "year": int(year),
                    "value": float(value),
                    "unit": _unit(name),
                    "overridden": over,
                    "origin": origin,
                    "feeds": feeds,
                    "built_from": PATH_RULE if over else built,
                }
            )
    return pd.DataFrame(rows)


def _flatten(data: Mapping[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping) and value and key != "prices":
            out += _flatten(value, f"{name}.")
        elif isinstance(value, Mapping) and value:  # prices: one row per series
            out += [(f"{name}.{k}", v) for k, v in value.items()]
        else:
            out.append((name, value))
    return out


def scenario_table(scenario: Scenario) -> pd.DataFrame:
    """The resolved scenario, one row per key: ``key``, ``value`` (YAML text; finance
    defaults filled in; ``none`` where a target or limit is off), ``origin``."""
    data = yaml.safe_load(dump_scenario(scenario, resolved=True))
    rows = []
    for key, value in _flatten(data):
        if value is None:
            text = "none"
        elif isinstance(value, str | int | float | bool):
            text = str(value)
        else:
            text = yaml.safe_dump(value, default_flow_style=True).strip()
        rows.append({"key": key, "value": text, "origin": scenario.origin_of(key)})
    return pd.DataFrame(rows, columns=["key", "value", "origin"])

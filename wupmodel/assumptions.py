"""The run's effective assumptions as tables (pure: parameters and scenario in, frames out).

* :func:`assumptions` -- every packaged parameter with the value the run used, its default,
  whether and where it was overridden.
* :func:`price_paths` -- every yearly price and tariff series as the run used it (overrides
  applied), with its unit, origin and what it feeds (the bill, the national view).
* :func:`policy` -- the policy figures per year (taxes, heat tariffs, feed-in floor, ISDE), each
  marked where it is carried forward rather than published for its year.
* :func:`scenario_table` -- the resolved scenario (no ``null`` left where a default was used),
  one row per key.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd
import yaml

from wupmodel.inputs import ModelInputs
from wupmodel.money.policy import policy_table
from wupmodel.money.tariffs import PATH_RULE
from wupmodel.params import parameter_table
from wupmodel.scenario import Scenario, dump_scenario

__all__ = ["assumptions", "price_paths", "policy", "scenario_table"]


def assumptions(inputs: ModelInputs) -> pd.DataFrame:
    """Every parameter with the value used in this run, its default, and where an override
    came from (``origin``: "scenario file X", "--set", "app"; "" for a default)."""
    params, scenario = inputs.params, inputs.scenario
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
        "Vesta gas commodity path + finance.gas_supply_markup_eur_m3 + green_gas_surcharge_eur_m3",
    ),
    "gas_tax_eur_m3": (
        "end-user bill",
        "policy_by_year gas_tax_0_1000_eur_m3 (finance.gas_tax_eur_m3)",
    ),
    "elec_supply_eur_kwh": (
        "end-user bill",
        "Vesta electricity commodity path + finance.elec_supply_markup_eur_kwh",
    ),
    "elec_tax_eur_kwh": (
        "end-user bill",
        "policy_by_year elec_tax_0_10000_eur_kwh (finance.elec_tax_eur_kwh)",
    ),
    "tax_credit_eur": ("end-user bill", "policy_by_year tax_credit_eur (finance.tax_credit_eur)"),
    "vat": ("end-user bill", "finance.vat"),
    "gas_standing_eur": (
        "end-user bill",
        "gas network charge x the share over the remaining connections + supplier charge",
    ),
    "elec_standing_eur": ("end-user bill", "electricity network + supplier standing charges"),
    "heat_fixed_eur": (
        "end-user bill",
        "ACM maximum (policy_by_year acm_heat_fixed_eur) before the Wcw year, then the cost-based"
        " fixed charge of the reference network fed by the MT source (incl. VAT)",
    ),
    "heat_variable_eur_gj": (
        "end-user bill",
        "ACM: finance.heat_variable_eur_gj x all-in gas price / 2026; Wcw: the MT source's"
        " production cost per GJ delivered (incl. VAT)",
    ),
    "heat_lt_fixed_eur": (
        "end-user bill (LT network)",
        "as heat_fixed_eur before the Wcw year, then the cost-based fixed charge of the"
        " reference network fed by the LT source (incl. VAT)",
    ),
    "heat_lt_variable_eur_gj": (
        "end-user bill (LT network)",
        "as heat_variable_eur_gj before the Wcw year, then the LT source's production cost per"
        " GJ delivered at heatnet.lt_loss_share (incl. VAT)",
    ),
    "feed_in_eur_kwh": (
        "end-user bill",
        "finance.feed_in_net_eur_kwh; 2027-2029 at least 50 % of the bare supply price less"
        " finance.feed_in_cost_eur_kwh",
    ),
    "net_metering": ("end-user bill", "finance.net_metering_last_year (1 = net metering)"),
    "co2_price_eur_t": (
        "end-user bill (ETS2 on gas)",
        "the ETS2 path of finance.ets2_path from finance.ets2_start_year",
    ),
    "grid_co2_kg_kwh": ("CO2 of both views", "Vesta grid CO2 intensity path"),
    "gas_production_eur_m3": ("national view", "Vesta gas commodity path (no taxes, no mark-up)"),
    "elec_production_eur_kwh": ("national view", "Vesta electricity commodity path"),
    "heat_production_eur_gj": (
        "national view",
        "the MT source's production cost per GJ delivered (heat_sources.csv, heat_networks:)",
    ),
    "gas_network_standing_eur": ("national view and bill", "finance.gas_network_standing_eur"),
    "green_gas_surcharge_eur_m3": (
        "end-user bill and national view",
        "price_paths green_gas_surcharge_eur_m3 (in the gas supply and production prices)",
    ),
    "gas_connections_remaining_share": (
        "end-user bill",
        "price_paths gas_connections_remaining_share (national scenario path)",
    ),
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
    return "fraction" if name in ("vat", "gas_connections_remaining_share") else "1 = yes"


def price_paths(inputs: ModelInputs) -> pd.DataFrame:
    """Every yearly price and tariff series as used in this run (overrides applied).

    Columns: ``series`` (the name to use under ``prices:`` and ``--set prices.<series>``),
    ``year``, ``value``, ``unit``, ``overridden``, ``origin``, ``feeds`` (the end-user bill or
    the national view: the national view prices gas at ``gas_production_eur_m3``, the bill at
    ``gas_supply_eur_m3`` + tax + VAT), ``built_from`` (the default; for an override the
    rule of :data:`PATH_RULE`) and ``carried_forward`` (True where the year's value rests on a
    figure published for an earlier year and held: not published for that year).
    """
    paths, scenario = inputs.tariffs, inputs.scenario
    rows = []
    for name, values in paths.series().items():
        over = name in inputs.price_overrides
        feeds, built = _FEEDS.get(name, ("", ""))
        origin = scenario.origin_of(f"prices.{name}") if over else ""
        marks = paths.carried_forward.get(name, np.zeros(paths.n_years, dtype=bool))
        for year, value, mark in zip(paths.years, values, marks, strict=True):
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
                    "carried_forward": bool(mark),
                }
            )
    return pd.DataFrame(rows)


def policy(inputs: ModelInputs) -> pd.DataFrame:
    """The policy figures per year of the run's horizon (``policy_by_year.csv``): energy tax
    brackets, tax credit, ACM heat tariffs, connection fee, feed-in floor and ISDE rules, each
    with ``carried_forward`` (not published for that year: held from ``published_year``) and
    its source."""
    return policy_table(inputs.params, inputs.tariffs.years)


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

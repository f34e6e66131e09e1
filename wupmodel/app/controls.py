"""The main assumptions a village evening moves, as controls: value now, range, step, source.

:data:`CONTROLS` lists them (gas, electricity and CO2 prices, ISDE, Warmtefonds, discount
rates, heat tariff); :func:`control_values` reads their values in a scenario,
:func:`control_sources` says where each default comes from (the packaged tables), and
:func:`apply_controls` returns the scenario with the values set (through
:func:`wupmodel.apply_settings`, origin ``"app"``). A price control sets the value of its
path in one year and scales the whole path with it, so the path keeps its shape.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from wupmodel.assumptions import price_paths
from wupmodel.inputs import model_inputs
from wupmodel.overrides import apply_settings
from wupmodel.params import Params, packaged_table, parameter_table
from wupmodel.scenario import Scenario

__all__ = [
    "Control",
    "CONTROLS",
    "control_values",
    "control_sources",
    "control_options",
    "apply_controls",
]


@dataclass(frozen=True)
class Control:
    """One control: ``key`` (a price series ``prices.<s>``, a parameter id, a scenario key, or
    ``isde_percent``), the i18n key of its label, its kind (``price``, ``param``, ``rate``,
    ``percent``, ``choice``), range and step in the unit shown, the year of a price and the
    packaged row its source is read from."""

    key: str
    label: str
    kind: str
    low: float = 0.0
    high: float = 1.0
    step: float = 0.01
    year: int = 2026
    source_of: str = ""
    choices: tuple[str, ...] = ()


CONTROLS: tuple[Control, ...] = (
    Control(
        "prices.gas_supply_eur_m3",
        "ctl_gas",
        "price",
        0.20,
        2.00,
        0.01,
        2026,
        "gas_commodity_eur_m3",
    ),
    Control(
        "prices.elec_supply_eur_kwh",
        "ctl_elec",
        "price",
        0.05,
        0.80,
        0.01,
        2026,
        "elec_commodity_eur_kwh",
    ),
    Control(
        "prices.co2_price_eur_t",
        "ctl_co2",
        "price",
        0.0,
        400.0,
        5.0,
        2030,
        "co2_price_ets2_central_eur_t",
    ),
    Control(
        "isde_percent",
        "ctl_isde",
        "percent",
        0.0,
        200.0,
        5.0,
        source_of="finance.isde_hp_air_start_eur",
    ),
    Control("finance.financing", "ctl_financing", "choice", choices=("warmtefonds", "own")),
    Control(
        "finance.loan_rate",
        "ctl_loan_rate",
        "rate",
        0.0,
        10.0,
        0.05,
        source_of="finance.warmtefonds_rate",
    ),
    Control(
        "finance.household_discount_rate",
        "ctl_household_rate",
        "rate",
        0.0,
        15.0,
        0.25,
        source_of="finance.household_discount_rate",
    ),
    Control(
        "finance.social_discount_rate",
        "ctl_social_rate",
        "rate",
        0.0,
        8.0,
        0.25,
        source_of="finance.social_discount_rate",
    ),
    Control(
        "finance.heat_fixed_eur",
        "ctl_heat_fixed",
        "param",
        0.0,
        2000.0,
        10.0,
        source_of="finance.heat_fixed_eur",
    ),
    Control(
        "finance.heat_variable_eur_gj",
        "ctl_heat_var",
        "param",
        0.0,
        150.0,
        0.5,
        source_of="finance.heat_variable_eur_gj",
    ),
)

#: the ISDE amounts the ISDE control scales (EUR, EUR/m2, EUR/kW; not limits or flags)
ISDE_AMOUNTS: tuple[str, ...] = tuple(
    pid
    for pid, unit in parameter_table()["unit"].items()
    if pid.startswith("finance.isde_") and unit in ("EUR", "EUR/m2", "EUR/kW")
)


def _path(paths: pd.DataFrame, series: str) -> tuple[np.ndarray, np.ndarray]:
    part = paths[paths["series"] == series]
    return part["year"].to_numpy(dtype=int), part["value"].to_numpy(dtype=float)


def control_values(scenario: Scenario) -> dict[str, float | str]:
    """Each control's value in ``scenario``, in the unit shown (rates in percent)."""
    inputs = model_inputs(scenario)
    return _values(scenario, inputs.params, price_paths(inputs))


def _values(scenario: Scenario, params: Params, paths: pd.DataFrame) -> dict[str, float | str]:
    out: dict[str, float | str] = {}
    for c in CONTROLS:
        if c.kind == "price":
            part = paths[(paths["series"] == c.key.split(".", 1)[1]) & (paths["year"] == c.year)]
            out[c.key] = float(part["value"].iloc[0])
        elif c.kind == "percent":
            pid = ISDE_AMOUNTS[0]
            default = float(parameter_table().loc[pid, "value"])
            out[c.key] = 100.0 * params[pid] / default if default else 100.0
        elif c.kind == "choice":
            out[c.key] = str(getattr(scenario.finance, c.key.split(".", 1)[1]))
        elif c.kind == "rate":
            out[c.key] = 100.0 * float(params[c.source_of])
        else:
            out[c.key] = float(params[c.key])
    return out


def _carried_mark(rows: pd.DataFrame) -> str:
    """`` [CARRIED FORWARD from <year>: ...]`` when some of the rows hold an earlier figure."""
    if "carried_forward" not in rows:
        return ""
    marked = rows[rows["carried_forward"].astype(str).str.lower() == "true"]
    if marked.empty:
        return ""
    return f" [CARRIED FORWARD from {int(marked['year'].min())}: {marked['source'].iloc[0]}]"


def control_sources() -> dict[str, str]:
    """Where each control's default comes from (the ``source`` of its packaged row); a default
    that rests on a figure carried forward from an earlier year says so (``CARRIED FORWARD``)."""
    table = parameter_table()
    prices = packaged_table("price_paths")
    out = {}
    for c in CONTROLS:
        if c.kind == "price":
            rows = prices[prices["series"] == c.source_of]
            out[c.key] = (str(rows["source"].iloc[0]) if len(rows) else "") + _carried_mark(rows)
            markup = {
                "gas_commodity_eur_m3": "finance.gas_supply_markup_eur_m3",
                "elec_commodity_eur_kwh": "finance.elec_supply_markup_eur_kwh",
            }.get(c.source_of)
            if markup:
                out[c.key] += f"; + {table.loc[markup, 'source']}"
        elif c.source_of:
            out[c.key] = str(table.loc[c.source_of, "source"])
            if "carried forward" in out[c.key].lower():
                out[c.key] = out[c.key].replace("carried forward", "CARRIED FORWARD")
        else:
            out[c.key] = "wupmodel scenario (finance.financing)"
    return out


def control_options(control: Control, start: float) -> list[float]:
    """The values a slider of ``control`` offers: its range in steps, with ``start`` (the
    scenario's value, which need not be on a step) in its place, so the slider opens on it."""
    grid = np.round(np.arange(control.low, control.high + control.step / 2, control.step), 10)
    values = [float(v) for v in grid]
    near = [i for i, v in enumerate(values) if abs(v - start) <= control.step * 1e-6]
    if near:
        values[near[0]] = float(start)
    else:
        values = sorted([*values, float(start)])
    return values


def apply_controls(scenario: Scenario, values: Mapping[str, float | str]) -> Scenario:
    """``scenario`` with the controls in ``values`` set (only those that differ from it).

    Raises
    ------
    WupInputError
        For a value outside what the scenario allows.
    """
    inputs = model_inputs(scenario)
    paths = price_paths(inputs)
    now = _values(scenario, inputs.params, paths)
    settings: dict[str, object] = {}
    for c in CONTROLS:
        if c.key not in values:
            continue
        new = values[c.key]
        if c.kind == "choice":
            if new != now[c.key]:
                settings[c.key] = new
            continue
        new = float(new)
        if np.isclose(new, float(now[c.key]), rtol=1e-9, atol=1e-12):
            continue
        if c.kind == "price":
            years, path = _path(paths, c.key.split(".", 1)[1])
            at = float(path[years == c.year][0])
            scaled = path * (new / at) if at else np.where(years >= c.year, new, path)
            settings[c.key] = {int(y): float(v) for y, v in zip(years, scaled, strict=True)}
        elif c.kind == "percent":
            table = parameter_table()
            for pid in ISDE_AMOUNTS:
                settings[pid] = float(table.loc[pid, "value"]) * new / 100.0
        elif c.kind == "rate":
            settings[c.key] = new / 100.0
        else:
            settings[c.key] = new
    return apply_settings(scenario, settings, origin="app") if settings else scenario

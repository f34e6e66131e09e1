"""Changing one number of a scenario by its dotted key: ``--set key=value`` and the app.

A key is one of

* a scenario key: ``finance.social_discount_rate``, ``finance.financing``,
  ``targets.co2_reduction``, ``years.end``, ``village.seed``, ``name``, ...;
* a packaged parameter id (``heatpump.max_supply_temp_c``), optionally written
  ``parameters.<id>``;
* a price path: ``prices.<series>`` (``prices.gas_supply_eur_m3=0.8`` or
  ``prices.gas_supply_eur_m3={2026: 0.5, 2040: 0.8}``).

Values are read as YAML (``0.04``, ``own``, ``[current, deep]``, ``{2026: 0.5}``). The result
is validated like a scenario file, and every key it set is recorded with its origin
(``--set``, ``app``, ...) for the provenance of the output files.
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from wupmodel.errors import WupInputError
from wupmodel.params import parameter_table
from wupmodel.scenario import (
    BLOCK_PARAMETERS,
    Scenario,
    _check_prices,
    _format_errors,
    load_yaml_text,
)

__all__ = ["apply_settings", "parse_settings", "known_keys", "for_stock_file"]


def known_keys() -> list[str]:
    """Every key :func:`apply_settings` accepts (price series as ``prices.<series>``)."""
    from wupmodel.money.tariffs import SERIES

    keys: list[str] = []
    for name, field in Scenario.model_fields.items():
        sub = field.annotation
        if isinstance(sub, type) and issubclass(sub, BaseModel):
            keys += [f"{name}.{k}" for k in sub.model_fields]
        elif name not in ("parameters", "prices", "uncertainty"):
            keys.append(name)
    keys += list(parameter_table().index)
    keys += [f"prices.{s}" for s in SERIES]
    return list(dict.fromkeys(keys))


def parse_settings(items: Iterable[str]) -> dict[str, Any]:
    """``["a.b=0.4", "c=own"]`` -> ``{"a.b": 0.4, "c": "own"}`` (values read as YAML).

    Raises
    ------
    WupInputError
        For an item without ``=``, an empty key or a value that is not valid YAML.
    """
    out: dict[str, Any] = {}
    for item in items:
        key, sep, text = item.partition("=")
        key = key.strip()
        if not sep or not key:
            raise WupInputError(
                f"--set {item!r}: write key=value, e.g. --set finance.social_discount_rate=0.04"
            )
        try:  # the scenario's limits: size, aliases, a key given twice
            value = load_yaml_text(text, f"--set {key[:80]}") if text.strip() else None
        except WupInputError as err:
            if "not valid YAML" not in str(err):
                raise
            shown = text if len(text) <= 80 else text[:77] + "..."
            raise WupInputError(
                f"--set {key[:80]!r}: the value {shown!r} is not a number, word, list or mapping"
            ) from None
        if value is None:
            raise WupInputError(f"--set {item!r}: no value after '='")
        out[key] = value
    return out


def _unknown(key: str) -> WupInputError:
    close = difflib.get_close_matches(key, known_keys(), n=1, cutoff=0.5)
    hint = f"; the closest key is '{close[0]}'" if close else ""
    return WupInputError(
        f"--set: unknown key '{key}'{hint} (see wupmodel params for parameter ids)"
    )


def apply_settings(
    scenario: Scenario, settings: Mapping[str, Any], origin: str = "--set"
) -> Scenario:
    """A copy of ``scenario`` with ``settings`` (dotted key -> value) applied and validated.

    Parameters
    ----------
    scenario
        The scenario to change (not modified).
    settings
        Dotted key -> value, see the module docstring.
    origin
        Where the values came from, recorded for the outputs' provenance ("--set", "app").

    Returns
    -------
    Scenario

    Raises
    ------
    WupInputError
        An unknown key (naming the closest known key) or a value the scenario rejects.
    """
    from wupmodel.money.tariffs import SERIES

    if not settings:
        return scenario
    data = scenario.model_dump(mode="python")
    params = set(parameter_table().index)
    origins: dict[str, str] = {}
    for key, value in settings.items():
        head, _, rest = key.partition(".")
        if head == "parameters" and rest:
            key, head, rest = rest, rest.partition(".")[0], rest.partition(".")[2]
            if key not in params:
                raise _unknown(key)
        if head == "prices":
            if rest not in SERIES:
                raise _unknown(key)
            data["prices"] = {**data["prices"], rest: value}
        elif (
            head in Scenario.model_fields
            and rest
            and isinstance(data.get(head), dict)
            and rest in data[head]
            and head not in ("parameters", "uncertainty")
        ):
            data[head] = {**data[head], rest: value}
            if rest in BLOCK_PARAMETERS.get(head, {}):
                origins[BLOCK_PARAMETERS[head][rest]] = origin
        elif (
            not rest
            and head in Scenario.model_fields
            and head not in ("parameters", "prices", "uncertainty")
        ):
            data[head] = value
        elif key in params:
            data["parameters"] = {**data["parameters"], key: value}
        else:
            raise _unknown(key)
        origins[key] = origin
    text = yaml.safe_dump({k: v for k, v in settings.items()}, sort_keys=False)
    try:
        new = Scenario.model_validate(data)
    except ValidationError as err:
        raise WupInputError(
            _format_errors(err, "", origin).replace(f"{origin}: ", f"{origin} "), origin
        ) from None
    _check_prices(new, text, origin)
    new.parameter_overrides()  # the same number twice is an error here, not in the run
    return new.with_origins({**scenario.origins, **origins})


def for_stock_file(scenario: Scenario, stock_file: str | os.PathLike | None) -> Scenario:
    """``scenario`` run on another stock file (``--stock``): the village is named after the
    file (not the scenario's buurt) and the scenario's title says so; origin ``--stock``."""
    if not stock_file:
        return scenario
    stem = Path(stock_file).stem
    return apply_settings(
        scenario,
        {"village.name": stem, "name": f"{stem} ({scenario.name} settings)"},
        origin="--stock",
    )

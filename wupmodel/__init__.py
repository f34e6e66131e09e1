"""wupmodel: scenario and financial modelling for Dutch village heat plans (WUP).

The one public API shared by the CLI, the Streamlit app and the tests:

>>> import wupmodel as wm
>>> scenario = wm.load_scenario()                      # packaged default: Aalden 2026
>>> stock = wm.synthesise_stock(scenario.village.buurt_code)
>>> outcomes = wm.evaluate(stock, scenario)
>>> outcomes.to_frame().shape[1] > 10
True

Names are imported on first use (PEP 562), so ``import wupmodel`` stays cheap and a
submodule can be used on its own.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS: dict[str, str] = {
    "InfeasibleError": "wupmodel.errors",
    "WupInputError": "wupmodel.errors",
    "Outcomes": "wupmodel.evaluate",
    "evaluate": "wupmodel.evaluate",
    "iter_evaluate": "wupmodel.evaluate",
    "Params": "wupmodel.params",
    "default_params": "wupmodel.params",
    "Scenario": "wupmodel.scenario",
    "dump_scenario": "wupmodel.scenario",
    "load_scenario": "wupmodel.scenario",
    "scenario_from_text": "wupmodel.scenario",
    "load_stock": "wupmodel.stock",
    "synthesise_stock": "wupmodel.stock",
    "validate_stock": "wupmodel.stock",
}

__all__ = [
    "InfeasibleError",
    "Outcomes",
    "Params",
    "Scenario",
    "WupInputError",
    "default_params",
    "dump_scenario",
    "evaluate",
    "iter_evaluate",
    "load_scenario",
    "load_stock",
    "scenario_from_text",
    "synthesise_stock",
    "validate_stock",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'wupmodel' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))


if TYPE_CHECKING:  # pragma: no cover
    from wupmodel.errors import InfeasibleError, WupInputError
    from wupmodel.evaluate import Outcomes, evaluate, iter_evaluate
    from wupmodel.params import Params, default_params
    from wupmodel.scenario import Scenario, dump_scenario, load_scenario, scenario_from_text
    from wupmodel.stock import load_stock, synthesise_stock, validate_stock

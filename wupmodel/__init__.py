"""wupmodel: scenario and financial modelling for Dutch village heat plans (WUP).

The one public API shared by the CLI, the Streamlit app and the tests:

>>> import wupmodel as wm
>>> scenario = wm.load_scenario()                      # packaged default: Aalden 2026
>>> stock = wm.synthesise_stock(scenario.village.buurt_code)
>>> outcomes = wm.evaluate(stock, scenario)
>>> outcomes.to_frame().shape[0] == 758 * 96
True
"""

from wupmodel.errors import InfeasibleError, WupInputError
from wupmodel.evaluate import Outcomes, evaluate, iter_evaluate
from wupmodel.params import Params, default_params
from wupmodel.scenario import Scenario, dump_scenario, load_scenario, scenario_from_text
from wupmodel.stock import load_stock, synthesise_stock, validate_stock
from wupmodel.uncertainty import (
    SweepResult,
    batch,
    distributions,
    household_risk,
    least_regret,
    prob_cheaper,
    sobol_indices,
    sweep,
    tornado,
)

__version__ = "0.1.0"

__all__ = [
    "InfeasibleError",
    "SweepResult",
    "batch",
    "distributions",
    "household_risk",
    "least_regret",
    "prob_cheaper",
    "sobol_indices",
    "sweep",
    "tornado",
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

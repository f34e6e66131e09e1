"""wupmodel: scenario and financial modelling for Dutch village heat plans (WUP).

The modelling verbs and their result types; the CLI, the app and the tests call these, and
two namespaces beside them: :mod:`wupmodel.io` (every reader and writer) and
:mod:`wupmodel.app` (what the village app shows).

>>> import wupmodel as wm
>>> scenario = wm.load_scenario()                      # packaged default: Aalden 2026
>>> stock = wm.stock_for(scenario)                     # its stock file, else its buurt synthesised
>>> inputs = wm.model_inputs(scenario)                 # the scenario as numbers, once
>>> outcomes = wm.evaluate(stock, inputs)              # every dwelling x every option
>>> outcomes.to_frame().shape[0] == 758 * 144            # 96 options, 48 with a battery
True
>>> tables = wm.summarise(outcomes, inputs)            # strategy summary, who pays, ...
>>> plan = wm.optimise(stock, inputs, co2_reduction=0.6)
>>> path = wm.phase(stock, inputs, step=5)                # who switches when, 2026-2050
>>> weighed = wm.criteria(stock, inputs, outcomes=outcomes, plan=plan)  # well-being, ranked
>>> hours = wm.hourly(stock, inputs)                    # peaks, self-consumption, batteries
>>> doc = wm.wup_document(stock, inputs)              # the village's plan as a document
"""

from wupmodel.compare import compare
from wupmodel.coop import (
    BusinessCase,
    business_case,
    coop_settings,
    coop_sweep,
    participation_curve,
)
from wupmodel.criteria import CriteriaResult, criteria
from wupmodel.document import WupDocument, wup_document
from wupmodel.errors import WupInputError
from wupmodel.evaluate import evaluate, iter_evaluate
from wupmodel.hours import HourlyReport, hourly
from wupmodel.inputs import ModelInputs, model_inputs
from wupmodel.optimise import Plan, optimise
from wupmodel.outcomes import Outcomes
from wupmodel.overrides import apply_settings, parse_settings
from wupmodel.params import Params, parameter_table
from wupmodel.phasing import Phasing, phase
from wupmodel.scenario import Scenario, load_scenario
from wupmodel.stock import load_stock, stock_for, synthesise_stock
from wupmodel.summary import summarise
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
from wupmodel.validation import check_model
from wupmodel.village import Strategy, default_strategies

__version__ = "0.1.0"

__all__ = [
    # reading the inputs
    "load_scenario",
    "load_stock",
    "synthesise_stock",
    "stock_for",
    "apply_settings",
    "parse_settings",
    "parameter_table",
    "model_inputs",
    # evaluating and summarising
    "evaluate",
    "iter_evaluate",
    "summarise",
    "default_strategies",
    "compare",
    "check_model",
    "hourly",
    # weighing and choosing
    "criteria",
    "optimise",
    "phase",
    # uncertainty and batches
    "sweep",
    "batch",
    "tornado",
    "sobol_indices",
    "distributions",
    "prob_cheaper",
    "least_regret",
    "household_risk",
    # the cooperative
    "business_case",
    "coop_settings",
    "coop_sweep",
    "participation_curve",
    # the plan as a document
    "wup_document",
    # result and input types
    "Scenario",
    "ModelInputs",
    "Params",
    "Outcomes",
    "Strategy",
    "Plan",
    "Phasing",
    "CriteriaResult",
    "HourlyReport",
    "SweepResult",
    "BusinessCase",
    "WupDocument",
    "WupInputError",
    "__version__",
]

"""wupmodel: scenario and financial modelling for Dutch village heat plans (WUP).

The one public API shared by the CLI, the Streamlit app and the tests:

>>> import wupmodel as wm
>>> scenario = wm.load_scenario()                      # packaged default: Aalden 2026
>>> stock = wm.stock_for(scenario)                     # its stock file, else its buurt synthesised
>>> outcomes = wm.evaluate(stock, scenario)            # every dwelling x every option
>>> outcomes.to_frame().shape[0] == 758 * 96
True
>>> tables = wm.summarise(outcomes, scenario)          # strategy summary, who pays, ...
>>> plan = wm.optimise(stock, scenario, co2_reduction=0.6)
"""

from wupmodel.compare import compare, compare_tables

# cooperative business case (issue 12)
from wupmodel.coop.business import BusinessCase, business_case, participation_curve
from wupmodel.coop.inputs import CoopSettings, coop_settings
from wupmodel.coop.sensitivity import CoopSweep, coop_sweep
from wupmodel.coop.survey import (
    SurveyTargets,
    load_survey,
    load_survey_bytes,
    survey_choices,
    survey_stock,
    survey_targets,
    survey_template,
)
from wupmodel.errors import InfeasibleError, WupInputError
from wupmodel.evaluate import evaluate, iter_evaluate
from wupmodel.money.tariffs import PATH_RULE
from wupmodel.money.tariffs import SERIES as PRICE_SERIES
from wupmodel.optimise.from_outcomes import optimise
from wupmodel.optimise.plan import ConstraintReport, Plan
from wupmodel.optimise.problem import SolveStatus
from wupmodel.outcomes import QUANTITIES, Outcomes
from wupmodel.overrides import apply_settings, for_stock_file, known_keys, parse_settings
from wupmodel.params import Params, default_params, packaged_table, parameter_table
from wupmodel.report.atomic import atomic_write
from wupmodel.report.coop_files import business_case_tables, coop_text, write_business_case
from wupmodel.report.files import (
    STREAM_CHUNK_GROUPS,
    summary_json,
    write_comparison,
    write_frame,
    write_json,
    write_outcomes,
    write_outputs,
)
from wupmodel.report.i18n import LANGUAGES, t
from wupmodel.report.plan_files import plan_tables, write_plan
from wupmodel.report.plots import strategy_bars
from wupmodel.report.provenance import run_provenance
from wupmodel.report.tables import default_strategies, summarise
from wupmodel.report.text import compare_text, plan_text, run_text
from wupmodel.report.workbook import write_workbook
from wupmodel.scenario import Scenario, dump_scenario, load_scenario, scenario_from_text
from wupmodel.stock import load_stock, stock_for, synthesise_stock, validate_stock, write_stock
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
from wupmodel.uncertainty.report import write_batch, write_sweep_report
from wupmodel.validation import check_model, check_model_text  # issue 9: wupmodel check-model
from wupmodel.village import Strategy

# isort: split
# --- the village app (issue 10): stock upload, one house, overview, controls, figures, downloads
from wupmodel.house import house_stock, house_strategies, income_classes, income_of_class
from wupmodel.report.controls import CONTROLS, apply_controls, control_sources, control_values
from wupmodel.report.coop_plots import coop_cash_flow_chart, coop_dscr_chart, participation_chart
from wupmodel.report.downloads import (
    csv_zip_bytes,
    plan_json_bytes,
    plan_workbook_bytes,
    results_workbook_bytes,
    table_xlsx_bytes,
)
from wupmodel.report.i18n import column_label, format_number, translate_frame, value_label
from wupmodel.report.overview import stock_overview
from wupmodel.report.plan_view import plan_who_pays
from wupmodel.report.plots import (
    category_bars,
    compare_chart,
    distribution_chart,
    histogram_bars,
    house_money_chart,
    house_monthly_chart,
    mix_chart,
    pareto_chart,
    risk_chart,
    tornado_chart,
)
from wupmodel.report.problems import problem_report, upload_message
from wupmodel.report.provenance import uploaded_stock_source
from wupmodel.report.tables import village_summary
from wupmodel.report.workbook import safe_text, workbook_bytes
from wupmodel.stock.read import MAX_UPLOAD_BYTES, UPLOAD_EXTENSIONS, read_stock_bytes
from wupmodel.stock.schema import PROBLEM_CODES
from wupmodel.vocabulary import DWELLING_TYPES, ENERGY_LABELS, HEATING_SYSTEMS, TENURES

__version__ = "0.1.0"

__all__ = [
    "LANGUAGES",
    "PATH_RULE",
    "PRICE_SERIES",
    "QUANTITIES",
    "STREAM_CHUNK_GROUPS",
    "ConstraintReport",
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
    "Plan",
    "Scenario",
    "SolveStatus",
    "Strategy",
    "WupInputError",
    "__version__",
    "apply_settings",
    "atomic_write",
    "compare",
    "compare_tables",
    "compare_text",
    "default_params",
    "default_strategies",
    "dump_scenario",
    "evaluate",
    "for_stock_file",
    "iter_evaluate",
    "known_keys",
    "load_scenario",
    "load_stock",
    "optimise",
    "packaged_table",
    "parameter_table",
    "parse_settings",
    "plan_text",
    "run_provenance",
    "run_text",
    "scenario_from_text",
    "stock_for",
    "strategy_bars",
    "summarise",
    "summary_json",
    "synthesise_stock",
    "t",
    "validate_stock",
    "write_frame",
    "write_comparison",
    "write_json",
    "write_outcomes",
    "write_outputs",
    "write_plan",
    "plan_tables",
    "write_batch",
    "write_stock",
    "write_sweep_report",
    "write_workbook",
    # issue 9: validation
    "check_model",
    "check_model_text",
    # --- the village app (issue 10)
    "CONTROLS",
    "coop_cash_flow_chart",
    "format_number",
    "coop_dscr_chart",
    "participation_chart",
    "DWELLING_TYPES",
    "ENERGY_LABELS",
    "HEATING_SYSTEMS",
    "MAX_UPLOAD_BYTES",
    "TENURES",
    "UPLOAD_EXTENSIONS",
    "apply_controls",
    "category_bars",
    "column_label",
    "compare_chart",
    "control_sources",
    "control_values",
    "csv_zip_bytes",
    "distribution_chart",
    "histogram_bars",
    "house_money_chart",
    "house_monthly_chart",
    "house_stock",
    "house_strategies",
    "income_classes",
    "income_of_class",
    "mix_chart",
    "pareto_chart",
    "plan_json_bytes",
    "plan_who_pays",
    "plan_workbook_bytes",
    "read_stock_bytes",
    "results_workbook_bytes",
    "table_xlsx_bytes",
    "risk_chart",
    "safe_text",
    "stock_overview",
    "tornado_chart",
    "translate_frame",
    "uploaded_stock_source",
    "problem_report",
    "upload_message",
    "PROBLEM_CODES",
    "value_label",
    "village_summary",
    "workbook_bytes",
    # cooperative business case (issue 12)
    "BusinessCase",
    "CoopSettings",
    "business_case",
    "coop_settings",
    "load_survey",
    "load_survey_bytes",
    "participation_curve",
    "business_case_tables",
    "coop_text",
    "write_business_case",
    "CoopSweep",
    "coop_sweep",
    "survey_choices",
    "SurveyTargets",
    "survey_targets",
    "survey_template",
    "survey_stock",
]

"""Every reader and writer: what goes into files and what comes out of them.

Readers: stock files and uploads (:func:`load_stock`, :func:`read_stock_bytes`), surveys
(:func:`load_survey`, :func:`load_survey_bytes`), households' fixed choices
(:func:`load_fixed_choices`), scenario text (:func:`scenario_from_text`,
:func:`dump_scenario`), packaged tables (:func:`packaged_table`), a village's weights
(:func:`read_weights`). Writers, each atomic (a
temporary file beside the target, renamed when complete): the results (workbook, CSV, JSON,
Parquet, the scenario used), comparisons, plans and their time paths, a cooperative's business
case, sweeps and batches; the provenance block every file carries; the terminal text the CLI
prints.

The compute stages never import this namespace; the CLI and the app do.

``atomic`` (atomic writes) · ``destinations`` (a command's outputs: checked, staged, moved
into place, never onto an input) · ``files`` (the run's files) · ``workbook`` (the adviser's Excel
workbook) · ``headers`` (headers with units, number formats) · ``provenance`` (what ran) ·
``plan_files`` · ``phasing_files`` (the plan over the years) · ``coop_files`` ·
``uncertainty_files`` · ``survey_files`` · ``weights_files`` (a village's weights) ·
``criteria_files`` (the weighing's text and files) · ``hourly_files`` (the hourly report's
JSON, the hourly curves as Parquet, its text) · ``text`` (what the CLI prints) · the WUP
document: ``wup_files`` (all its files, all or nothing), ``wup_docx`` (Word), ``wup_html`` (one
self-contained page), ``wup_pdf`` (printed by a headless Chromium where there is one) and
``wup_figures`` (its figures drawn with matplotlib). Dwelling files are read and written by
:mod:`wupmodel.stock` (re-exported here).
"""

from wupmodel.io.atomic import atomic_write
from wupmodel.io.coop_files import (
    business_case_bytes,
    business_case_tables,
    coop_text,
    write_business_case,
)
from wupmodel.io.criteria_files import criteria_json, criteria_text, write_criteria
from wupmodel.io.destinations import Destinations
from wupmodel.io.files import (
    STREAM_CHUNK_GROUPS,
    summary_json,
    write_comparison,
    write_frame,
    write_json,
    write_outcomes,
    write_outputs,
)
from wupmodel.io.hourly_files import hourly_text, write_hourly
from wupmodel.io.phasing_files import phasing_tables, phasing_text, write_phasing
from wupmodel.io.plan_files import plan_tables, write_plan
from wupmodel.io.provenance import (
    mark_unused_village,
    provenance_table,
    run_provenance,
    uploaded_stock_source,
)
from wupmodel.io.survey_files import load_fixed_choices, load_survey, load_survey_bytes
from wupmodel.io.text import check_model_text, compare_text, plan_text, run_text
from wupmodel.io.uncertainty_files import write_batch, write_sweep_report
from wupmodel.io.weights_files import packaged_weights, read_weights
from wupmodel.io.workbook import XLSX_OPTIONS, safe_text, workbook_bytes, write_workbook
from wupmodel.io.wup_docx import letters_docx_bytes, wup_docx_bytes
from wupmodel.io.wup_figures import draw_figures
from wupmodel.io.wup_files import (
    WUP_FORMATS,
    check_document_folder,
    stock_addresses,
    write_wup_document,
    wup_json,
    wup_workbook_bytes,
)
from wupmodel.io.wup_html import letters_html, wup_html
from wupmodel.io.wup_pdf import find_browser, html_to_pdf, html_to_png
from wupmodel.money.tariffs import PATH_RULE
from wupmodel.money.tariffs import SERIES as PRICE_SERIES
from wupmodel.overrides import for_stock_file, known_keys
from wupmodel.params import packaged_table
from wupmodel.scenario import dump_scenario, scenario_from_text
from wupmodel.stock import (
    MAX_UPLOAD_BYTES,
    PROBLEM_CODES,
    UPLOAD_EXTENSIONS,
    load_stock,
    read_stock_bytes,
    write_stock,
)

__all__ = [
    "Destinations",
    "MAX_UPLOAD_BYTES",
    "PATH_RULE",
    "PRICE_SERIES",
    "PROBLEM_CODES",
    "STREAM_CHUNK_GROUPS",
    "UPLOAD_EXTENSIONS",
    "WUP_FORMATS",
    "XLSX_OPTIONS",
    "atomic_write",
    "business_case_bytes",
    "business_case_tables",
    "check_document_folder",
    "check_model_text",
    "compare_text",
    "coop_text",
    "criteria_json",
    "criteria_text",
    "draw_figures",
    "dump_scenario",
    "find_browser",
    "for_stock_file",
    "hourly_text",
    "html_to_pdf",
    "html_to_png",
    "known_keys",
    "letters_docx_bytes",
    "letters_html",
    "load_stock",
    "load_fixed_choices",
    "load_survey",
    "load_survey_bytes",
    "mark_unused_village",
    "packaged_table",
    "packaged_weights",
    "phasing_tables",
    "phasing_text",
    "plan_tables",
    "plan_text",
    "provenance_table",
    "read_stock_bytes",
    "read_weights",
    "run_provenance",
    "run_text",
    "safe_text",
    "scenario_from_text",
    "summary_json",
    "uploaded_stock_source",
    "workbook_bytes",
    "write_batch",
    "write_business_case",
    "write_comparison",
    "write_criteria",
    "write_frame",
    "write_hourly",
    "write_json",
    "write_outcomes",
    "write_outputs",
    "write_phasing",
    "write_plan",
    "write_stock",
    "write_sweep_report",
    "write_workbook",
    "stock_addresses",
    "write_wup_document",
    "wup_workbook_bytes",
    "wup_docx_bytes",
    "wup_html",
    "wup_json",
]

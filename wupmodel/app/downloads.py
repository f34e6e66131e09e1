"""The app's downloads as bytes, built in memory (nothing is written to disk).

:func:`results_workbook_bytes` is the adviser's workbook of :func:`wupmodel.write_outputs`,
:func:`csv_zip_bytes` its tables as CSV files in a zip, :func:`plan_workbook_bytes` and
:func:`plan_json_bytes` the plan of :func:`wupmodel.write_plan`. Text cells that a spreadsheet
would read as a formula are escaped (:func:`~wupmodel.io.workbook.safe_text`).
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Mapping
from typing import Any

import pandas as pd

from wupmodel.criteria import CriteriaResult
from wupmodel.io.plan_files import plan_tables
from wupmodel.io.provenance import mark_unused_village, provenance_table, run_provenance
from wupmodel.io.workbook import XLSX_OPTIONS, safe_text, workbook_bytes
from wupmodel.optimise.plan import Plan
from wupmodel.scenario import Scenario

__all__ = [
    "results_workbook_bytes",
    "csv_zip_bytes",
    "plan_workbook_bytes",
    "plan_json_bytes",
    "table_xlsx_bytes",
]


def _block(
    scenario: Scenario, provenance: Mapping[str, Any] | None, stock_source: Mapping[str, Any] | None
) -> dict[str, Any]:
    if provenance is not None:
        return dict(provenance)
    return run_provenance(scenario, stock_source=stock_source)


def _with_stock_source(
    tables: Mapping[str, pd.DataFrame], scenario: Scenario, stock_source: Mapping[str, Any] | None
) -> Mapping[str, pd.DataFrame]:
    """The tables with the scenario sheet's village settings marked as not used when the stock
    came from elsewhere (an upload; :func:`~wupmodel.io.provenance.mark_unused_village`)."""
    if stock_source is None:
        return tables
    return mark_unused_village(tables, scenario, {"stock": stock_source})


def results_workbook_bytes(
    tables: Mapping[str, pd.DataFrame],
    scenario: Scenario,
    lang: str = "en",
    provenance: Mapping[str, Any] | None = None,
    stock_source: Mapping[str, Any] | None = None,
    criteria: CriteriaResult | None = None,
) -> bytes:
    """``results.xlsx`` of :func:`wupmodel.write_outputs` (read-me and provenance sheets) as bytes.

    ``provenance`` is the whole block (default :func:`~wupmodel.run_provenance` of
    ``scenario``); ``stock_source`` names a stock that is not the scenario's buurt, e.g. an
    upload (:func:`~wupmodel.uploaded_stock_source`), so the block does not claim the buurt
    (and the scenario sheet marks its village settings and description as not used for the
    stock). ``criteria`` (the village's weighing) adds its sheets: the indicators per strategy,
    the ranking with the weights used and the weights themselves.
    """
    return workbook_bytes(
        _with_criteria(_with_stock_source(tables, scenario, stock_source), criteria, lang),
        _block(scenario, provenance, stock_source),
        lang,
    )


def _with_criteria(
    tables: Mapping[str, pd.DataFrame], criteria: CriteriaResult | None, lang: str = "en"
) -> Mapping[str, pd.DataFrame]:
    return tables if criteria is None else {**tables, **criteria.tables(lang)}


def csv_zip_bytes(
    tables: Mapping[str, pd.DataFrame],
    scenario: Scenario,
    provenance: Mapping[str, Any] | None = None,
    stock_source: Mapping[str, Any] | None = None,
    criteria: CriteriaResult | None = None,
) -> bytes:
    """One UTF-8 CSV per table (and ``provenance.csv``) in a zip, as bytes (``provenance``,
    ``stock_source`` and ``criteria`` as for :func:`results_workbook_bytes`)."""
    block = _block(scenario, provenance, stock_source)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, frame in {
            **_with_criteria(_with_stock_source(tables, scenario, stock_source), criteria),
            "provenance": provenance_table(block),
        }.items():
            zf.writestr(f"{name}.csv", safe_text(frame).to_csv(index=False))
    return buffer.getvalue()


def plan_workbook_bytes(plan: Plan) -> bytes:
    """``plan.xlsx`` of :func:`wupmodel.write_plan` as bytes."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(
        buffer, engine="xlsxwriter", engine_kwargs={"options": XLSX_OPTIONS}
    ) as writer:
        for name, frame in plan_tables(plan).items():
            safe_text(frame).to_excel(writer, sheet_name=name, index=False)
            sheet = writer.sheets[name]
            sheet.freeze_panes(1, 0)
            sheet.autofit()
    return buffer.getvalue()


def plan_json_bytes(plan: Plan) -> bytes:
    """``plan.json`` of :func:`wupmodel.write_plan` as UTF-8 bytes."""
    return json.dumps(plan.to_json_dict(), indent=2, ensure_ascii=False, default=str).encode(
        "utf-8"
    )


def table_xlsx_bytes(frame: pd.DataFrame, sheet: str = "table") -> bytes:
    """One table as a workbook of one sheet, as bytes (e.g. the survey to fill in): text that a
    spreadsheet would read as a formula escaped, text written as text."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(
        buffer, engine="xlsxwriter", engine_kwargs={"options": XLSX_OPTIONS}
    ) as writer:
        safe_text(frame).to_excel(writer, sheet_name=sheet[:31], index=False)
        writer.sheets[sheet[:31]].set_column(0, max(len(frame.columns) - 1, 0), 18)
    return buffer.getvalue()

"""The Excel workbook an adviser reads: a read-me sheet, readable headers with units, number
formats (full precision kept in the cells), frozen header rows and column widths.

:func:`write_workbook` writes one sheet per table (sheet names = table names) after a
``read_me`` sheet (what each sheet holds, the perspectives, the provenance block), atomically.
"""

from __future__ import annotations

import io
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from wupmodel.io.atomic import atomic_write
from wupmodel.io.headers import header, number_format
from wupmodel.io.provenance import provenance_table

__all__ = [
    "write_workbook",
    "workbook_bytes",
    "safe_text",
    "SHEET_NOTES",
    "readme_table",
    "XLSX_OPTIONS",
]

#: xlsxwriter options: text is always written as text (a cell that begins with "=" is never a
#: live formula, a URL-like text never a hyperlink)
XLSX_OPTIONS: dict[str, Any] = {"strings_to_formulas": False, "strings_to_urls": False}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_text(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells beginning with = + - @ (or a tab or carriage
    return) start with an apostrophe, so no spreadsheet reads them as a formula (CSV files and
    uploads echoed back). Numbers and negative numbers are left alone."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or isinstance(
            out[col].dtype, pd.StringDtype | pd.CategoricalDtype
        ):
            values = out[col].astype(object)
            bad = values.map(lambda v: isinstance(v, str) and v.startswith(_FORMULA_START))
            if bad.any():
                out[col] = values.where(~bad, "'" + values.astype(str))
    out.columns = [
        ("'" + c) if isinstance(c, str) and c.startswith(_FORMULA_START) else c for c in out.columns
    ]
    return out


#: What each sheet holds (the read-me sheet lists the sheets present).
SHEET_NOTES: dict[str, str] = {
    "summary": (
        "One row per village strategy (the reference and each heating system at its insulation "
        "level): energy and CO2 in the first year, investment and subsidy for the dwellings that "
        "change, the national extra cost vs the reference (no taxes or subsidies, social discount "
        "rate, incl. heat-network sources and LV-grid reinforcement), the end-user extra cost, and "
        "the change of monthly woonlasten with its parts."
    ),
    "per_type": (
        "Per strategy and dwelling type: averages per dwelling (weighted by the number of"
        " dwellings); the investment and subsidy count only the dwellings that change, as in"
        " summary."
    ),
    "who_pays": (
        "Per strategy and tenure: the average change of monthly woonlasten and the share of "
        "households paying more than 1 EUR/month more."
    ),
    "per_dwelling": "One row per dwelling and strategy: the option it takes and its key figures.",
    "assumptions": (
        "Every parameter with the value used in this run, its packaged default, whether and "
        "where it was overridden (scenario file, --set, app), allowed range and source."
    ),
    "price_paths": (
        "Every yearly price and tariff series as used in this run (overrides applied), with what "
        "it feeds (the end-user bill or the national view) and how it was built; "
        "carried_forward = TRUE where the year's value is held from an earlier published year."
    ),
    "policy": (
        "Policy figures per year (energy tax brackets, tax credit, ACM heat tariffs, connection"
        " fee, feed-in floor, ISDE rules) with their source; carried_forward = TRUE where no"
        " figure was published for that year and the value of published_year is held."
    ),
    "scenario": "The scenario as run, every default filled in, with where each value came from.",
    "provenance": (
        "What ran: model version, date and time, stock file and its SHA-256 (or buurt and seed), "
        "command line, overrides."
    ),
    "plan_summary": (
        "The optimised plan: status, objective (total and as extra cost vs the reference), CO2."
    ),
    "plan_dwellings": (
        "The plan per dwelling: insulation, heating, PV and solar water heater "
        "(a share where the plan splits a group of identical dwellings)."
    ),
    "plan_strategies": "The plan's dwellings by heating system and insulation level.",
    "collective": "Collective decisions: heat network per zone, LV-grid reinforcement, solar park.",
    "constraints": (
        "Constraints of the plan, binding or not, with shadow prices where they mean something."
    ),
    "pareto": "The cost-CO2 Pareto front (when traced).",
    "criteria": (
        "Well-being beside cost and CO2: one row per indicator (overheating, noise at the "
        "neighbour, cold surfaces, draught, damp, works, space, grid, money, climate "
        "adaptation) with its unit and whether it is weighed, one column per strategy (village "
        "means or shares; see criteria_indicators.csv for each method and source)."
    ),
    "criteria_ranking": (
        "The strategies ranked with the weights used (TOPSIS or weighted sum), the robustness "
        "(share of random weightings in which each comes first; sums to 1) and the rank under "
        "each stakeholder group's weights (the packaged groups are illustrative, not a survey)."
    ),
    "criteria_weights": "The weight of each criterion used in the ranking and per group (sum 1).",
}

_PERSPECTIVES = (
    "Two perspectives. National (maatschappelijk): costs to the Netherlands as a whole, without"
    " taxes or subsidies, at the social discount rate; used for EUR/t CO2 and EUR per dwelling"
    " equivalent (WEQ). End user (eindgebruiker): what the occupant pays incl. taxes and VAT, minus"
    " subsidy, at the household discount rate. Woonlasten = energy bill + loan repayment"
    " (Warmtefonds) or rent increase (tenants) + the monthly equivalent of own money spent (annuity"
    " at the household discount rate over the horizon)."
)


def readme_table(sheets: list[str], provenance: Mapping[str, Any] | None) -> pd.DataFrame:
    """The read-me rows: each sheet and what it holds, the perspectives, the provenance."""
    rows = [
        {
            "item": "wupmodel results",
            "value": (
                "Scenario and financial model for a village heat plan (Wijkuitvoeringsplan). Every"
                " figure was computed under the assumptions in the sheets assumptions, price_paths"
                " and scenario."
            ),
        }
    ]
    rows += [{"item": f"sheet {s}", "value": SHEET_NOTES.get(s, "")} for s in sheets]
    rows.append({"item": "perspectives", "value": _PERSPECTIVES})
    if provenance:
        rows += provenance_table(provenance).to_dict(orient="records")
    return pd.DataFrame(rows, columns=["item", "value"])


def _width(frame: pd.DataFrame, column: str, head: str) -> float:
    values = frame[column].head(200)
    if pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
        longest = 12
    else:
        longest = int(values.astype(str).str.len().max()) if len(values) else 0
    return float(min(max(len(head) * 0.9, longest, 8) + 2, 60))


def write_workbook(
    path: str | os.PathLike,
    tables: Mapping[str, pd.DataFrame],
    provenance: Mapping[str, Any] | None = None,
    lang: str = "en",
) -> Path:
    """Write ``tables`` to an ``.xlsx`` file with a read-me sheet first.

    Parameters
    ----------
    path
        The ``.xlsx`` file (written through a temporary name).
    tables
        Sheet name -> table (names are cut to 31 characters).
    provenance
        The block of :func:`wupmodel.io.provenance.run_provenance` (shown on the read-me
        sheet; also written as a ``provenance`` sheet).
    lang
        ``"en"`` (default) or ``"nl"`` for Dutch headers.

    Returns
    -------
    Path
    """

    path = Path(path)
    atomic_write(path, lambda tmp: _write_book(tmp, tables, provenance, lang))
    return path


def workbook_bytes(
    tables: Mapping[str, pd.DataFrame],
    provenance: Mapping[str, Any] | None = None,
    lang: str = "en",
) -> bytes:
    """The workbook of :func:`write_workbook` as bytes, built in memory (nothing on disk)."""
    buffer = io.BytesIO()
    _write_book(buffer, tables, provenance, lang)
    return buffer.getvalue()


def _write_book(
    target: Any, tables: Mapping[str, pd.DataFrame], provenance: Mapping[str, Any] | None, lang: str
) -> None:
    sheets = {name: safe_text(frame) for name, frame in tables.items()}
    if provenance is not None and "provenance" not in sheets:
        sheets["provenance"] = provenance_table(provenance)
    readme = readme_table(list(sheets), provenance)
    with pd.ExcelWriter(
        target, engine="xlsxwriter", engine_kwargs={"options": XLSX_OPTIONS}
    ) as writer:
        book = writer.book
        head_fmt = book.add_format({"bold": True, "text_wrap": True, "valign": "top", "bottom": 1})
        wrap = book.add_format({"text_wrap": True, "valign": "top"})
        formats: dict[str, Any] = {}
        readme.to_excel(writer, sheet_name="read_me", index=False)
        ws = writer.sheets["read_me"]
        ws.set_column(0, 0, 28, wrap)
        ws.set_column(1, 1, 110, wrap)
        ws.freeze_panes(1, 0)
        for name, frame in sheets.items():
            sheet_name = name[:31]
            heads = [header(str(c), lang) for c in frame.columns]
            frame.to_excel(writer, sheet_name=sheet_name, index=False, header=False, startrow=1)
            ws = writer.sheets[sheet_name]
            for j, (col, head) in enumerate(zip(frame.columns, heads, strict=True)):
                ws.write(0, j, head, head_fmt)
                numeric = pd.api.types.is_numeric_dtype(
                    frame[col]
                ) and not pd.api.types.is_bool_dtype(frame[col])
                code = number_format(str(col), numeric)
                if code not in formats:
                    formats[code] = book.add_format({"num_format": code})
                ws.set_column(j, j, _width(frame, col, head), formats[code])
            ws.set_row(0, 45)
            ws.freeze_panes(1, 1 if len(frame.columns) > 4 else 0)
            if len(frame):
                ws.autofilter(0, 0, len(frame), max(len(frame.columns) - 1, 0))

"""The validation report of an uploaded stock in the resident's language.

:func:`upload_message` says a problem with the whole file (too large, binary, a column
missing ...) in Dutch or English by its ``WupInputError.code``.

:func:`problem_report` turns ``WupInputError.problems`` (every bad cell of a stock table, see
:mod:`wupmodel.stock.schema`) into a table for a village evening: the row as the user sees it
in the file (the CSV line or the sheet row), the column under its Dutch or English header (and
the user's own header where it differs), the value as typed, what is wrong in words and what is
allowed in words (dwelling types as "twee-onder-een-kap", never as snake_case). The English
messages of the CLI are not touched.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd

from wupmodel.app.i18n import format_number, t, value_label

__all__ = ["problem_report", "upload_message", "REPORT_COLUMNS"]

#: the report's columns, by their string key
REPORT_COLUMNS: tuple[str, ...] = (
    "rep_where",
    "rep_column",
    "rep_value",
    "rep_problem",
    "rep_allowed",
)

_UNIT_WORDS = {
    "nl": {"m³/yr": "m³ per jaar", "kWh/yr": "kWh per jaar", "€/yr": "euro per jaar", "m²": "m²"},
    "en": {"m³/yr": "m³ a year", "kWh/yr": "kWh a year", "€/yr": "euro a year", "m²": "m²"},
}


def _where(entry: Mapping[str, object], lang: str) -> str:
    if entry.get("row") is None:
        return ""
    line, kind = entry.get("line"), entry.get("line_kind")
    if line is not None:
        return f"{t('rep_sheet_row' if kind == 'sheet row' else 'rep_line', lang)} {int(line)}"
    return f"{t('rep_row', lang)} {int(entry['row'])}"


def _column(entry: Mapping[str, object], lang: str) -> str:
    field = str(entry.get("field") or "")
    if not field:
        return str(entry.get("column", ""))
    name = value_label("stock_column", field, lang)
    header = str(entry.get("header") or "")
    # the user's own header where it is an alias (e.g. 'bouwjr'), to find the column in the file;
    # not the canonical name, which would put snake_case on the screen
    if header and header != field and header.strip().lower() != name.lower():
        name = f"{name} ({t('rep_your_column', lang)} '{header}')"
    return name


def _number(value: float, field: str, lang: str) -> str:
    if field == "construction_year":
        return str(int(value))  # a year has no thousands separator
    return format_number(value, lang, 0 if float(value).is_integer() else 1)


def _allowed(entry: Mapping[str, object], lang: str) -> str:
    code, field = str(entry.get("code") or ""), str(entry.get("field") or "")
    or_empty = f", {t('rep_or_empty', lang)}" if entry.get("optional") else ""
    if code in ("empty_id", "duplicate_id"):
        return t("rep_allowed_id", lang)
    if code in ("count_not_a_number", "count_not_whole"):
        return t("rep_allowed_count", lang)
    values = entry.get("allowed_values")
    if values:
        if field == "energy_label":
            return ", ".join(map(str, values)) + (
                f", {t('rep_or_empty_unknown', lang)}" if or_empty else ""
            )
        return ", ".join(value_label(field, v, lang).lower() for v in values) + or_empty
    if entry.get("low") is not None and entry.get("high") is not None:
        unit = _UNIT_WORDS.get(lang, _UNIT_WORDS["nl"]).get(
            str(entry.get("unit") or ""), str(entry.get("unit") or "")
        )
        span = (
            f"{_number(float(entry['low']), field, lang)} {t('rep_to', lang)} "  # type: ignore[arg-type]
            f"{_number(float(entry['high']), field, lang)}"
        )  # type: ignore[arg-type]
        return f"{span} {unit}".strip() + or_empty
    return str(entry.get("allowed", ""))


def _value(entry: Mapping[str, object], lang: str) -> str:
    value = str(entry.get("value", ""))
    return t("rep_empty", lang) if value == "(empty)" else value


def problem_report(problems: Iterable[Mapping[str, object]], lang: str = "nl") -> pd.DataFrame:
    """Every problem of a stock file as a table in ``lang`` ("nl" or "en").

    Parameters
    ----------
    problems
        ``WupInputError.problems`` of :func:`wupmodel.read_stock_bytes` or
        :func:`wupmodel.validate_stock`.
    lang
        The language of the texts and the headers.

    Returns
    -------
    pandas.DataFrame
        One row per bad cell, in the order of the file, with the columns (headers translated)
        where (the CSV line or the sheet row the user sees; the data row for a table without a
        file), column (its translated header, and the user's own where it differs), value (as
        typed), problem (in words, by its code; the English message for a problem without a
        code) and allowed (in words: the dwelling types, tenures and labels, a range with its
        unit, or the rule).
    """
    rows = []
    for entry in problems:
        code = str(entry.get("code") or "")
        problem = t(f"problem_{code}", lang) if code else str(entry.get("problem", ""))
        rows.append(
            [
                _where(entry, lang),
                _column(entry, lang),
                _value(entry, lang),
                problem,
                _allowed(entry, lang),
            ]
        )
    return pd.DataFrame(rows, columns=[t(k, lang) for k in REPORT_COLUMNS])


def upload_message(err: Exception, lang: str = "nl") -> str:
    """A problem with a whole uploaded file in ``lang``, by the error's ``code`` (the figures
    from its ``details``: sizes in MB, the line, the columns in words); the error's own English
    message where it has no code.
    """
    code = str(getattr(err, "code", "") or "")
    text = t(f"upload_{code}", lang) if code else ""
    if not text or text == f"upload_{code}":
        return str(err)
    details = dict(getattr(err, "details", {}) or {})
    words: dict[str, str] = {}
    for key, value in details.items():
        if key == "fields":
            words[key] = ", ".join(value_label("stock_column", f, lang) for f in value)  # type: ignore[union-attr]
        elif key == "field":
            words[key] = value_label("stock_column", value, lang)
        elif key == "columns":
            words[key] = ", ".join(f"'{c}'" for c in value)  # type: ignore[union-attr]
        elif key in ("size_mb", "max_mb"):
            words[key] = format_number(float(value), lang, 1 if key == "size_mb" else 0)  # type: ignore[arg-type]
        else:
            words[key] = str(value)
    try:
        return text.format(**words)
    except (KeyError, IndexError, ValueError):
        return str(err)

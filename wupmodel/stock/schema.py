"""The column contract of a dwelling stock, and its validation.

A *stock* is a pandas DataFrame with one row per dwelling, or one row per group of identical
dwellings with a ``count`` column. :func:`validate_stock` turns whatever a user supplies
(spreadsheet export, BAG extract, synthesised table) into the canonical form the rest of
wupmodel relies on, or raises one :class:`~wupmodel.errors.WupInputError` that says what is
wrong, where, and what is allowed.

Canonical columns (always all present in the output, in this order)
-------------------------------------------------------------------
============================  ==========================================  ======================
column                        meaning                                     dtype / allowed
============================  ==========================================  ======================
``dwelling_id`` (required)    unique id of the row                        str, unique, not empty
``dwelling_type`` (required)  one of ``DWELLING_TYPES``                   Categorical
``construction_year`` (req.)  year built                                  int64, 1500..this year
``floor_area_m2`` (required)  usable floor area (gebruiksoppervlak), m²    float64, 15..2000
``energy_label``              registered/provisional label A++++..G       Categorical, NaN = unknown
``gas_m3``                    metered natural gas use, m³/yr              float64, 0..20 000, NaN
``electricity_kwh``           metered electricity use, kWh/yr             float64, 0..50 000, NaN
``roof_area_m2``              roof area usable for PV, m²                 float64, 0..2000, NaN
``tenure``                    ``koop``/``huur_corporatie``/``huur_particulier``  Categorical, NaN
``household_income_eur``      household income, €/yr (see below)          float64, 0..1e6, NaN
``heat_network_zone``         zone name where a heat network may come     object: str or None
``grid_zone``                 low-voltage grid zone                       str, missing -> "default"
``boiler_year``               year the gas boiler was installed           float64, 1950..this year, NaN
``count``                     dwellings the row stands for                int64 >= 1, default 1
============================  ==========================================  ======================

``household_income_eur`` is whatever income concept the user supplies; the synthesiser
(:mod:`wupmodel.stock.synth`) fills CBS *besteedbaar* (disposable) household income.

Input rules (column names, spellings, numbers) are in :mod:`wupmodel.stock.parse`.

Errors name the source, the row (1-based data row; for files also the line or sheet row the
user sees), the column, the bad value and what is allowed. All bad values of a table are
reported in one message (at most five examples per problem, with the total count).

``WupInputError.problems`` lists every bad cell for a front end: besides the English ``where``,
``column``, ``problem`` and ``allowed`` of the message it gives a ``code`` per kind of problem
(:data:`PROBLEM_CODES`), the canonical ``field`` and the user's ``header``, the ``line`` the
user sees (file line or sheet row; ``line_kind`` says which) and what is allowed as data
(``allowed_values`` for a vocabulary, ``low``/``high``/``unit``/``optional`` for a number), so
that the report can be written in another language (:func:`wupmodel.problem_report`).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from wupmodel.errors import WupInputError
from wupmodel.stock.parse import (
    _TENURE_LOOKUP,
    _TYPE_LOOKUP,
    _blank_mask,
    _map_columns,
    _missing_message,
    _parse_category,
    _parse_ids,
    _parse_labels,
    _parse_numbers,
    _parse_text,
)
from wupmodel.vocabulary import DWELLING_TYPES, ENERGY_LABELS, TENURES

REQUIRED_COLUMNS: tuple[str, ...] = (
    "dwelling_id",
    "dwelling_type",
    "construction_year",
    "floor_area_m2",
)
OPTIONAL_COLUMNS: tuple[str, ...] = (
    "energy_label",
    "gas_m3",
    "electricity_kwh",
    "roof_area_m2",
    "tenure",
    "household_income_eur",
    "heat_network_zone",
    "grid_zone",
    "boiler_year",
    "count",
)
#: All canonical columns, in output order.
STOCK_COLUMNS: tuple[str, ...] = REQUIRED_COLUMNS + OPTIONAL_COLUMNS

#: Allowed closed ranges of the numeric columns (construction_year's upper bound is this year).
NUMERIC_RANGES: dict[str, tuple[float, float]] = {
    "construction_year": (1500, np.inf),
    "floor_area_m2": (15.0, 2000.0),
    "gas_m3": (0.0, 20_000.0),
    "electricity_kwh": (0.0, 50_000.0),
    "roof_area_m2": (0.0, 2000.0),
    "household_income_eur": (0.0, 1_000_000.0),
    "boiler_year": (1950, np.inf),
}

#: every kind of problem a stock table can have, by the code of ``WupInputError.problems``
PROBLEM_CODES: tuple[str, ...] = (
    "empty_id",
    "duplicate_id",
    "unknown_dwelling_type",
    "not_a_number",
    "missing_value",
    "not_a_whole_year",
    "year_in_future",
    "year_out_of_range",
    "value_out_of_range",
    "unknown_energy_label",
    "unknown_tenure",
    "count_not_a_number",
    "count_not_whole",
)

_UNITS = {
    "construction_year": "",
    "floor_area_m2": " m²",
    "gas_m3": " m³/yr",
    "electricity_kwh": " kWh/yr",
    "roof_area_m2": " m²",
    "household_income_eur": " €/yr",
    "boiler_year": "",
}


@dataclass
class _Issue:
    """Bad values of one kind in one column."""

    column: str  # display label, e.g. "column 'woningtype' (dwelling_type)"
    rows: np.ndarray  # 0-based positions into the (non-empty) data
    values: list[object] | None  # first few bad values; None: do not show values
    problem: str  # "is not a known dwelling type"
    allowed: str
    short: str  # "unknown dwelling type"
    code: str = ""  # one of PROBLEM_CODES
    field: str = ""  # canonical column
    header: str = ""  # the user's column name
    allowed_data: dict[str, object] | None = None  # allowed_values, or low/high/unit/optional


class _Problems:
    """Collects issues and formats them as one user-facing message."""

    def __init__(
        self, source: str, row_numbers: np.ndarray, line_numbers: np.ndarray | None, line_word: str
    ) -> None:
        self.source = source
        self.row_numbers = row_numbers  # 1-based data-row number per data position
        self.line_numbers = line_numbers  # file line / sheet row per data position, or None
        self.line_word = line_word
        self.issues: list[_Issue] = []
        self.extra: list[str] = []  # whole sentences (duplicates), without the source prefix
        self.extra_cells: list[
            dict[str, object]
        ] = []  # the cells of those sentences, for the report

    def add(
        self,
        column: str,
        mask: np.ndarray,
        values: Sequence[object] | None,
        problem: str,
        allowed: str,
        short: str,
        *,
        code: str = "",
        field: str = "",
        header: str = "",
        allowed_data: dict[str, object] | None = None,
    ) -> None:
        """Record the rows in ``mask`` as bad (``problem`` for one row, ``short`` for a list;
        ``code``, ``field``, ``header`` and ``allowed_data`` for the report)."""
        positions = np.flatnonzero(mask)
        if positions.size:
            shown = None if values is None else [values[i] for i in positions]
            self.issues.append(
                _Issue(
                    column,
                    positions,
                    shown,
                    problem,
                    allowed,
                    short,
                    code,
                    field,
                    header,
                    allowed_data,
                )
            )

    def cell(self, position: int) -> dict[str, object]:
        """Where a data position is: its data ``row``, ``where`` (English), ``line`` and ``line_kind``."""
        line = None if self.line_numbers is None else int(self.line_numbers[position])
        return {
            "row": int(self.row_numbers[position]),
            "where": self.where(position),
            "line": line,
            "line_kind": None if line is None else self.line_word,
        }

    def where(self, position: int) -> str:
        row = int(self.row_numbers[position])
        if self.line_numbers is None:
            return f"row {row}"
        return f"row {row} ({self.line_word} {int(self.line_numbers[position])})"

    def report(self) -> tuple[dict[str, object], ...]:
        """Every problem, one entry per bad cell: ``row`` (data row), ``where`` (row and file
        line), ``column``, ``value`` (as typed, or empty), ``problem`` and ``allowed``; whole
        sentences (duplicate ids) as entries without a row."""
        out: list[dict[str, object]] = []
        for issue in self.issues:
            data = {
                "allowed_values": None,
                "low": None,
                "high": None,
                "unit": "",
                "optional": False,
                **(issue.allowed_data or {}),
            }
            for k, r in enumerate(issue.rows):
                value = "" if issue.values is None else _show(issue.values[k])
                out.append(
                    {
                        **self.cell(int(r)),
                        "column": issue.column,
                        "value": value,
                        "problem": issue.short,
                        "allowed": issue.allowed,
                        "code": issue.code,
                        "field": issue.field,
                        "header": issue.header,
                        **data,
                    }
                )
        if self.extra_cells:
            out += self.extra_cells
        else:
            out += [
                {
                    "row": None,
                    "where": "",
                    "column": "",
                    "value": "",
                    "problem": sentence,
                    "allowed": "",
                }
                for sentence in self.extra
            ]
        return tuple(sorted(out, key=lambda e: (e["row"] is None, e["row"] or 0)))

    def raise_if_any(self) -> None:
        if not self.issues and not self.extra:
            return
        try:
            self._raise()
        except WupInputError as err:
            err.problems = self.report()
            raise

    def _raise(self) -> None:
        if not self.extra and len(self.issues) == 1 and self.issues[0].rows.size == 1:
            issue = self.issues[0]
            what = "the value" if issue.values is None else _show(issue.values[0])
            msg = (
                f"{self.source}, {self.where(int(issue.rows[0]))}, {issue.column}: "
                f"{what} {issue.problem}; allowed: {issue.allowed}"
            )
            raise WupInputError(msg, self.source)
        if not self.issues and len(self.extra) == 1:
            raise WupInputError(f"{self.source}, {self.extra[0]}", self.source)
        total = sum(i.rows.size for i in self.issues)
        rows = np.unique(np.concatenate([i.rows for i in self.issues])) if self.issues else []
        head = (
            f"{self.source}: {total} bad value{_s(total)} in {len(rows)} row{_s(len(rows))}"
            if self.issues
            else f"{self.source}: problems"
        )
        lines = [head + ":"]
        for issue in self.issues:
            n = issue.rows.size
            if issue.values is None:
                examples = ", ".join(self.where(int(r)) for r in issue.rows[:5])
            else:
                examples = ", ".join(
                    f"{self.where(int(r))}: {_show(v)}"
                    for r, v in zip(issue.rows[:5], issue.values, strict=False)
                )
            more = f", and {n - 5} more" if n > 5 else ""
            lines.append(
                f"  {issue.column}: {issue.short} in {n} row{_s(n)} ({examples}{more}); "
                f"allowed: {issue.allowed}"
            )
        lines.extend(f"  {sentence}" for sentence in self.extra)
        raise WupInputError("\n".join(lines), self.source)


def _s(n: int) -> str:
    return "" if n == 1 else "s"


def _show(value: object) -> str:
    """Show a bad value the way the user typed it."""
    if value is None or (isinstance(value, float | np.floating) and np.isnan(value)):
        return "(empty)"
    if isinstance(value, str) and not value.strip():
        return "(empty)"
    if isinstance(value, float | np.floating) and np.isfinite(value) and float(value).is_integer():
        return str(int(value))
    if isinstance(value, int | np.integer | float | np.floating):
        return str(value)
    return repr(str(value)) if isinstance(value, str) else repr(value)


def validate_stock(frame: pd.DataFrame, source: str = "<stock>") -> pd.DataFrame:
    """Check a dwelling table against the stock contract and return its canonical form.

    Parameters
    ----------
    frame
        One row per dwelling (or per group of identical dwellings with a ``count`` column).
        Column names may be aliases (see the module docstring); unknown and address-like
        columns are dropped.
    source
        Name of the input used in error messages (usually the file name).

    Returns
    -------
    pandas.DataFrame
        A new frame with exactly the columns :data:`STOCK_COLUMNS`, canonical dtypes and a
        fresh ``RangeIndex``. ``attrs["ignored_columns"]`` lists the dropped column names.

    Raises
    ------
    WupInputError
        With one message naming ``source``, the rows, columns, bad values and what is allowed.
    """
    return _validate(frame, source)


def _validate(
    frame: pd.DataFrame,
    source: str,
    *,
    line_numbers: np.ndarray | None = None,
    line_word: str = "line",
    decimal: str = ".",
) -> pd.DataFrame:
    """:func:`validate_stock` with file context.

    ``line_numbers`` gives the file line (or sheet row, named by ``line_word``) of every row of
    ``frame``; ``decimal`` is the decimal mark of number text (``"."`` or ``","``).
    """
    if not isinstance(frame, pd.DataFrame):
        raise WupInputError(
            f"{source}: expected a table (pandas DataFrame), got {type(frame).__name__}", source
        )
    if frame.shape[1] == 0:
        raise WupInputError(
            f"{source}: the stock table has no columns; required: {', '.join(REQUIRED_COLUMNS)}",
            source,
            code="columns_missing",
            details={"fields": REQUIRED_COLUMNS},
        )
    original_names = [str(c) for c in frame.columns]
    frame = frame.set_axis(original_names, axis=1)
    dupes = sorted({n for n in original_names if original_names.count(n) > 1})
    if dupes:
        raise WupInputError(
            f"{source}: column name(s) {', '.join(map(repr, dupes))} appear more "
            "than once; keep one of each",
            source,
            code="columns_twice",
            details={"columns": tuple(dupes)},
        )

    mapping, ignored = _map_columns(original_names, source)
    missing = [c for c in REQUIRED_COLUMNS if c not in mapping]
    if missing:
        raise WupInputError(
            _missing_message(source, missing, original_names, ignored),
            source,
            code="columns_missing",
            details={"fields": tuple(missing)},
        )

    # Skip rows that are entirely empty (trailing spreadsheet rows); keep user row numbers.
    used = frame[[mapping[c] for c in mapping]]
    empty = _blank_mask(used).all(axis=1).to_numpy()
    row_numbers = np.arange(1, len(frame) + 1)[~empty]
    kept_lines = None if line_numbers is None else np.asarray(line_numbers)[~empty]
    data = used.loc[~empty].reset_index(drop=True)
    if len(data) == 0:
        raise WupInputError(
            f"{source}: the stock table has no data rows (only a header?); "
            "add one row per dwelling",
            source,
            code="no_rows",
        )

    problems = _Problems(source, row_numbers, kept_lines, line_word)

    def label(canon: str) -> str:
        name = mapping[canon]
        return f"column {name!r}" + (f" ({canon})" if name != canon else "")

    def about(canon: str, code: str, **allowed_data: object) -> dict[str, object]:
        return {
            "code": code,
            "field": canon,
            "header": mapping[canon],
            "allowed_data": allowed_data or None,
        }

    out: dict[str, object] = {}
    n = len(data)

    # dwelling_id
    ids, id_missing = _parse_ids(data[mapping["dwelling_id"]])
    problems.add(
        label("dwelling_id"),
        id_missing,
        None,
        "is empty",
        "a non-empty, unique id per row",
        "empty id",
        **about("dwelling_id", "empty_id"),
    )
    out["dwelling_id"] = ids

    # dwelling type
    types, bad_t = _parse_category(data[mapping["dwelling_type"]], _TYPE_LOOKUP, required=True)
    problems.add(
        label("dwelling_type"),
        bad_t,
        data[mapping["dwelling_type"]].tolist(),
        "is not a known dwelling type",
        f"{', '.join(DWELLING_TYPES)} (or spellings such as 'semi-detached', "
        "'2-onder-1-kap', 'rijtjeswoning', 'appartement')",
        "unknown dwelling type",
        **about("dwelling_type", "unknown_dwelling_type", allowed_values=DWELLING_TYPES),
    )
    out["dwelling_type"] = pd.Categorical(types, categories=DWELLING_TYPES)

    # numbers
    this_year = _dt.date.today().year
    for canon in (
        "construction_year",
        "floor_area_m2",
        "gas_m3",
        "electricity_kwh",
        "roof_area_m2",
        "household_income_eur",
        "boiler_year",
    ):
        if canon not in mapping:
            out[canon] = np.full(n, np.nan)
            continue
        raw = data[mapping[canon]]
        values, is_missing, is_text = _parse_numbers(raw, decimal)
        lo, hi = NUMERIC_RANGES[canon]
        is_year = canon in ("construction_year", "boiler_year")
        if is_year:
            hi = float(this_year)
        allowed = f"{lo:g} to {hi:g}{_UNITS[canon]}"
        if canon not in REQUIRED_COLUMNS:
            allowed += ", or empty"
        rawlist = raw.tolist()
        col = label(canon)
        bounds = {
            "low": float(lo),
            "high": float(hi),
            "unit": _UNITS[canon].strip(),
            "optional": canon not in REQUIRED_COLUMNS,
        }
        problems.add(
            col,
            is_text,
            rawlist,
            "is not a number",
            allowed,
            "not a number",
            **about(canon, "not_a_number", **bounds),
        )
        ok = ~is_text & ~is_missing
        if canon in REQUIRED_COLUMNS:
            problems.add(
                col,
                is_missing,
                None,
                "is missing",
                allowed,
                "missing value",
                **about(canon, "missing_value", **bounds),
            )
        checked = np.where(ok, values, lo)
        if is_year:
            frac = ok & (np.mod(checked, 1.0) != 0)
            problems.add(
                col,
                frac,
                rawlist,
                "is not a whole year",
                allowed,
                "not a whole year",
                **about(canon, "not_a_whole_year", **bounds),
            )
            future = ok & ~frac & (checked > this_year)
            problems.add(
                col,
                future,
                rawlist,
                "is in the future",
                allowed,
                "year in the future",
                **about(canon, "year_in_future", **bounds),
            )
            low = ok & ~frac & (checked < lo)
            problems.add(
                col,
                low,
                rawlist,
                "is outside the allowed range",
                allowed,
                "year outside the allowed range",
                **about(canon, "year_out_of_range", **bounds),
            )
        else:
            outside = ok & ((checked < lo) | (checked > hi))
            problems.add(
                col,
                outside,
                rawlist,
                "is outside the allowed range",
                allowed,
                "value outside the allowed range",
                **about(canon, "value_out_of_range", **bounds),
            )
        out[canon] = values

    # energy label
    if "energy_label" in mapping:
        raw = data[mapping["energy_label"]]
        labels, bad_l = _parse_labels(raw)
        problems.add(
            label("energy_label"),
            bad_l,
            raw.tolist(),
            "is not an energy label",
            f"{', '.join(ENERGY_LABELS)}, or empty for unknown",
            "unknown energy label",
            **about(
                "energy_label", "unknown_energy_label", allowed_values=ENERGY_LABELS, optional=True
            ),
        )
    else:
        labels = np.full(n, None, dtype=object)
    out["energy_label"] = pd.Categorical(labels, categories=ENERGY_LABELS)

    # tenure
    if "tenure" in mapping:
        raw = data[mapping["tenure"]]
        tenure, bad_ten = _parse_category(raw, _TENURE_LOOKUP, required=False)
        problems.add(
            label("tenure"),
            bad_ten,
            raw.tolist(),
            "is not a known tenure",
            f"{', '.join(TENURES)} (or spellings such as 'koopwoning', 'eigenaar', "
            "'corporatie', 'sociale huur', 'particuliere huur', 'private rent'), "
            "or empty",
            "unknown tenure",
            **about("tenure", "unknown_tenure", allowed_values=TENURES, optional=True),
        )
    else:
        tenure = np.full(n, None, dtype=object)
    out["tenure"] = pd.Categorical(tenure, categories=TENURES)

    # zones
    if "heat_network_zone" in mapping:
        # present but empty = not in a zone ("" ); a missing column keeps None (see evaluate)
        out["heat_network_zone"] = _parse_text(data[mapping["heat_network_zone"]], "")
    else:
        out["heat_network_zone"] = np.full(n, None, dtype=object)
    if "grid_zone" in mapping:
        out["grid_zone"] = _parse_text(data[mapping["grid_zone"]], "default")
    else:
        out["grid_zone"] = np.full(n, "default", dtype=object)

    # count
    if "count" in mapping:
        raw = data[mapping["count"]]
        cnt, c_missing, c_text = _parse_numbers(raw, decimal)
        cnt = np.where(c_missing, 1.0, cnt)
        allowed = "a whole number of at least 1 (empty means 1)"
        problems.add(
            label("count"),
            c_text,
            raw.tolist(),
            "is not a number",
            allowed,
            "not a number",
            **about("count", "count_not_a_number"),
        )
        checked = np.where(c_text, 1.0, cnt)
        bad_c = ~c_text & ((np.mod(checked, 1.0) != 0) | (checked < 1))
        problems.add(
            label("count"),
            bad_c,
            raw.tolist(),
            "is not a whole number of at least 1",
            allowed,
            "not a whole number of at least 1",
            **about("count", "count_not_whole"),
        )
        out["count"] = np.where(c_text | bad_c, 1.0, cnt)
    else:
        out["count"] = np.ones(n)

    # duplicated ids (an error path: the loop runs over duplicated rows only)
    dup = pd.Series(ids).duplicated(keep=False).to_numpy() & ~id_missing
    if dup.any():
        where_by_id: dict[str, list[str]] = {}
        for pos in np.flatnonzero(dup):
            where_by_id.setdefault(str(ids[pos]), []).append(problems.where(int(pos)))
        shown = list(where_by_id.items())[:5]
        detail = "; ".join(f"{k!r} in {' and '.join(v[:3])}" for k, v in shown)
        more = f"; and {len(where_by_id) - 5} more" if len(where_by_id) > 5 else ""
        k = len(where_by_id)
        problems.extra.append(
            f"{label('dwelling_id')}: {k} id{' is' if k == 1 else 's are'} used more than once "
            f"({detail}{more}); allowed: a unique dwelling_id per row"
        )
        problems.extra_cells += [
            {
                **problems.cell(int(pos)),
                "column": label("dwelling_id"),
                "value": _show(ids[pos]),
                "problem": "id used more than once",
                "allowed": "a unique dwelling_id per row",
                "code": "duplicate_id",
                "field": "dwelling_id",
                "header": mapping["dwelling_id"],
                "allowed_values": None,
                "low": None,
                "high": None,
                "unit": "",
                "optional": False,
            }
            for pos in np.flatnonzero(dup)
        ]

    problems.raise_if_any()

    result = pd.DataFrame(
        {
            "dwelling_id": pd.Series(ids, dtype=object),
            "dwelling_type": out["dwelling_type"],
            "construction_year": np.asarray(out["construction_year"]).astype(np.int64),
            "floor_area_m2": np.asarray(out["floor_area_m2"], dtype=np.float64),
            "energy_label": out["energy_label"],
            "gas_m3": np.asarray(out["gas_m3"], dtype=np.float64),
            "electricity_kwh": np.asarray(out["electricity_kwh"], dtype=np.float64),
            "roof_area_m2": np.asarray(out["roof_area_m2"], dtype=np.float64),
            "tenure": out["tenure"],
            "household_income_eur": np.asarray(out["household_income_eur"], dtype=np.float64),
            "heat_network_zone": pd.Series(out["heat_network_zone"], dtype=object),
            "grid_zone": pd.Series(out["grid_zone"], dtype=object),
            "boiler_year": np.asarray(out["boiler_year"], dtype=np.float64),
            "count": np.asarray(out["count"]).astype(np.int64),
        }
    )
    result.attrs["ignored_columns"] = ignored
    return result

"""The column contract of a dwelling stock, and its validation.

A *stock* is a pandas DataFrame with one row per dwelling, or one row per group of identical
dwellings with a ``count`` column. :func:`validate_stock` turns whatever a user supplies
(spreadsheet export, BAG extract, synthesised table) into the canonical form the rest of
wupmodel relies on, or raises one :class:`~wupmodel.errors.WupInputError` that says what is
wrong, where, and what is allowed. :func:`validate_table` does the same for a table read from
a file, naming the file line (or sheet row) of each bad row and reading its decimal mark.

The checks run one family at a time (ids, dwelling types, numbers and their ranges, energy
labels, tenures, zones, counts, unique ids), each adding its problems to one collection, so a
table with many mistakes gets them all in one message.

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
``boiler_year``               year the gas boiler was installed           float64, 1950..now, NaN
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
    TENURE_LOOKUP,
    TYPE_LOOKUP,
    blank_mask,
    map_columns,
    missing_columns_message,
    parse_category,
    parse_ids,
    parse_labels,
    parse_numbers,
    parse_text,
)
from wupmodel.vocabulary import DWELLING_TYPES, ENERGY_LABELS, TENURES

__all__ = [
    "NUMERIC_RANGES",
    "OPTIONAL_COLUMNS",
    "PROBLEM_CODES",
    "REQUIRED_COLUMNS",
    "STOCK_COLUMNS",
    "validate_stock",
    "validate_table",
]

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

#: Numeric columns that hold a year: whole, never after this year.
YEAR_COLUMNS: tuple[str, ...] = ("construction_year", "boiler_year")

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

_ALLOWED_TYPES = (
    f"{', '.join(DWELLING_TYPES)} (or spellings such as 'semi-detached', "
    "'2-onder-1-kap', 'rijtjeswoning', 'appartement')"
)
_ALLOWED_LABELS = f"{', '.join(ENERGY_LABELS)}, or empty for unknown"
_ALLOWED_TENURES = (
    f"{', '.join(TENURES)} (or spellings such as 'koopwoning', 'eigenaar', "
    "'corporatie', 'sociale huur', 'particuliere huur', 'private rent'), "
    "or empty"
)
_ALLOWED_COUNT = "a whole number of at least 1 (empty means 1)"
_ALLOWED_UNIQUE_ID = "a unique dwelling_id per row"

#: What a report entry says is allowed as data when its kind of problem says nothing.
_NO_ALLOWED_DATA: dict[str, object] = {
    "allowed_values": None,
    "low": None,
    "high": None,
    "unit": "",
    "optional": False,
}


# --------------------------------------------------------------------------------------------
# problems: collected over the whole table, raised as one message


@dataclass(frozen=True)
class _ProblemKind:
    """One kind of bad value in one column: its words in the message and its report fields."""

    column: str  # display label, e.g. "column 'woningtype' (dwelling_type)"
    problem: str  # after a single bad value: "is not a known dwelling type"
    short: str  # in a list of rows: "unknown dwelling type"
    allowed: str  # what is allowed, in words
    code: str  # one of PROBLEM_CODES
    field: str  # canonical column
    header: str  # the user's column name
    allowed_data: dict[str, object] | None = None  # allowed_values, or low/high/unit/optional

    def report_fields(self) -> dict[str, object]:
        """The fields of a report entry after its ``column`` and ``value``."""
        return {
            "problem": self.short,
            "allowed": self.allowed,
            "code": self.code,
            "field": self.field,
            "header": self.header,
            **_NO_ALLOWED_DATA,
            **(self.allowed_data or {}),
        }


@dataclass
class _Issue:
    """The bad values of one kind in one column."""

    kind: _ProblemKind
    rows: np.ndarray  # 0-based positions into the (non-empty) data
    values: list[object] | None  # the bad values as typed, row by row; None: do not show them


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
        self.extra_cells: list[dict[str, object]] = []  # the cells of those sentences

    def add(self, kind: _ProblemKind, mask: np.ndarray, values: Sequence[object] | None) -> None:
        """Record the rows in ``mask`` as bad values of ``kind``.

        ``values`` are the column's cells as typed, shown in the message and the report; None
        shows no values (e.g. for empty cells).
        """
        positions = np.flatnonzero(mask)
        if positions.size:
            shown = None if values is None else [values[i] for i in positions]
            self.issues.append(_Issue(kind, positions, shown))

    def cell(self, position: int) -> dict[str, object]:
        """Where a data position is: its data ``row``, ``where`` (English), ``line`` and
        ``line_kind``."""
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
            column, fields = issue.kind.column, issue.kind.report_fields()
            for k, r in enumerate(issue.rows):
                value = "" if issue.values is None else _show(issue.values[k])
                out.append({**self.cell(int(r)), "column": column, "value": value, **fields})
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
                f"{self.source}, {self.where(int(issue.rows[0]))}, {issue.kind.column}: "
                f"{what} {issue.kind.problem}; allowed: {issue.kind.allowed}"
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
                f"  {issue.kind.column}: {issue.kind.short} in {n} row{_s(n)} "
                f"({examples}{more}); allowed: {issue.kind.allowed}"
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


# --------------------------------------------------------------------------------------------
# validation


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
    return validate_table(frame, source)


def validate_table(
    frame: pd.DataFrame,
    source: str,
    *,
    line_numbers: np.ndarray | None = None,
    line_word: str = "line",
    decimal: str = ".",
) -> pd.DataFrame:
    """:func:`validate_stock` of a table read from a file, with the file's context.

    Parameters
    ----------
    frame, source
        As for :func:`validate_stock`.
    line_numbers
        The file line (or sheet row) of every row of ``frame``, named in messages beside the
        data row; None names data rows only.
    line_word
        What ``line_numbers`` count: ``"line"`` or ``"sheet row"``.
    decimal
        The decimal mark of number text: ``"."`` or ``","``.

    Returns
    -------
    pandas.DataFrame
        As :func:`validate_stock`.
    """
    frame = _with_text_names(frame, source)
    headers, ignored = _known_columns(frame, source)
    table, row_numbers, kept_lines = _data_rows(frame, headers, source, line_numbers)
    problems = _Problems(source, row_numbers, kept_lines, line_word)

    ids, id_empty = _check_ids(table, problems)
    columns: dict[str, object] = {"dwelling_id": ids}
    columns["dwelling_type"] = _check_dwelling_types(table, problems)
    columns.update(_check_numbers(table, problems, decimal))
    columns["energy_label"] = _check_energy_labels(table, problems)
    columns["tenure"] = _check_tenures(table, problems)
    columns.update(_zones(table))
    columns["count"] = _check_counts(table, problems, decimal)
    _check_unique_ids(ids, id_empty, table, problems)
    problems.raise_if_any()

    result = _canonical_frame(columns)
    result.attrs["ignored_columns"] = ignored
    return result


@dataclass(frozen=True)
class _Table:
    """The data rows of a stock table and the user's header of each canonical column."""

    data: pd.DataFrame  # the known columns of the non-empty rows, 0-based positions
    headers: dict[str, str]  # canonical column -> the user's column name

    def __contains__(self, canon: str) -> bool:
        return canon in self.headers

    @property
    def n_rows(self) -> int:
        return len(self.data)

    def cells(self, canon: str) -> pd.Series:
        """The cells of column ``canon`` as the user gave them."""
        return self.data[self.headers[canon]]

    def label(self, canon: str) -> str:
        """How messages name a column: the user's header, and the canonical name if different."""
        name = self.headers[canon]
        return f"column {name!r}" + (f" ({canon})" if name != canon else "")

    def kind(
        self, canon: str, code: str, problem: str, short: str, allowed: str, **allowed_data: object
    ) -> _ProblemKind:
        """A kind of problem in column ``canon`` (see :class:`_ProblemKind`)."""
        return _ProblemKind(
            column=self.label(canon),
            problem=problem,
            short=short,
            allowed=allowed,
            code=code,
            field=canon,
            header=self.headers[canon],
            allowed_data=allowed_data or None,
        )


def _with_text_names(frame: pd.DataFrame, source: str) -> pd.DataFrame:
    """``frame`` with its column names as text; raised: not a table, no or repeated columns."""
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
    names = [str(c) for c in frame.columns]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated:
        raise WupInputError(
            f"{source}: column name(s) {', '.join(map(repr, repeated))} appear more "
            "than once; keep one of each",
            source,
            code="columns_twice",
            details={"columns": tuple(repeated)},
        )
    return frame.set_axis(names, axis=1)


def _known_columns(frame: pd.DataFrame, source: str) -> tuple[dict[str, str], list[str]]:
    """Canonical column -> the user's header, and the dropped headers; raised: required
    columns missing."""
    names = list(frame.columns)
    headers, ignored = map_columns(names, source)
    missing = [c for c in REQUIRED_COLUMNS if c not in headers]
    if missing:
        raise WupInputError(
            missing_columns_message(source, missing, names, ignored),
            source,
            code="columns_missing",
            details={"fields": tuple(missing)},
        )
    return headers, ignored


def _data_rows(
    frame: pd.DataFrame, headers: dict[str, str], source: str, line_numbers: np.ndarray | None
) -> tuple[_Table, np.ndarray, np.ndarray | None]:
    """The rows that are not entirely empty (trailing spreadsheet rows are skipped), with their
    1-based data-row numbers and file lines; raised: no data rows."""
    used = frame[[headers[c] for c in headers]]
    empty = blank_mask(used).all(axis=1).to_numpy()
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
    return _Table(data, headers), row_numbers, kept_lines


def _check_ids(table: _Table, problems: _Problems) -> tuple[np.ndarray, np.ndarray]:
    """The ids as text, and where they are empty (a problem)."""
    ids, empty = parse_ids(table.cells("dwelling_id"))
    kind = table.kind(
        "dwelling_id", "empty_id", "is empty", "empty id", "a non-empty, unique id per row"
    )
    problems.add(kind, empty, None)
    return ids, empty


def _check_dwelling_types(table: _Table, problems: _Problems) -> pd.Categorical:
    """The canonical dwelling types (spellings mapped); unknown or empty ones are problems."""
    cells = table.cells("dwelling_type")
    types, unknown = parse_category(cells, TYPE_LOOKUP, required=True)
    kind = table.kind(
        "dwelling_type",
        "unknown_dwelling_type",
        "is not a known dwelling type",
        "unknown dwelling type",
        _ALLOWED_TYPES,
        allowed_values=DWELLING_TYPES,
    )
    problems.add(kind, unknown, cells.tolist())
    return pd.Categorical(types, categories=DWELLING_TYPES)


def _check_numbers(table: _Table, problems: _Problems, decimal: str) -> dict[str, np.ndarray]:
    """Every numeric column (:data:`NUMERIC_RANGES`) as float64, NaN where empty or absent."""
    this_year = _dt.date.today().year
    numbers: dict[str, np.ndarray] = {}
    for canon in NUMERIC_RANGES:
        if canon in table:
            numbers[canon] = _check_number_column(table, problems, canon, decimal, this_year)
        else:
            numbers[canon] = np.full(table.n_rows, np.nan)
    return numbers


def _check_number_column(
    table: _Table, problems: _Problems, canon: str, decimal: str, this_year: int
) -> np.ndarray:
    """One numeric column: text that is no number, empty required cells, values out of range."""
    cells = table.cells(canon)
    values, empty, text = parse_numbers(cells, decimal)
    low, high = NUMERIC_RANGES[canon]
    if canon in YEAR_COLUMNS:
        high = float(this_year)
    required = canon in REQUIRED_COLUMNS
    allowed = f"{low:g} to {high:g}{_UNITS[canon]}" + ("" if required else ", or empty")
    bounds = {
        "low": float(low),
        "high": float(high),
        "unit": _UNITS[canon].strip(),
        "optional": not required,
    }

    def kind(code: str, problem: str, short: str) -> _ProblemKind:
        return table.kind(canon, code, problem, short, allowed, **bounds)

    as_typed = cells.tolist()
    problems.add(kind("not_a_number", "is not a number", "not a number"), text, as_typed)
    if required:
        problems.add(kind("missing_value", "is missing", "missing value"), empty, None)
    is_number = ~text & ~empty
    checked = np.where(is_number, values, low)
    for code, problem, short, bad in _range_problems(canon, checked, is_number, low, high):
        problems.add(kind(code, problem, short), bad, as_typed)
    return values


def _range_problems(
    canon: str, checked: np.ndarray, is_number: np.ndarray, low: float, high: float
) -> list[tuple[str, str, str, np.ndarray]]:
    """(code, problem, short, mask) of the numbers outside what column ``canon`` allows.

    A year (construction, boiler) must be whole, not in the future and not before ``low``;
    any other number within ``low`` .. ``high``.
    """
    if canon not in YEAR_COLUMNS:
        outside = is_number & ((checked < low) | (checked > high))
        return [
            (
                "value_out_of_range",
                "is outside the allowed range",
                "value outside the allowed range",
                outside,
            )
        ]
    fraction = is_number & (np.mod(checked, 1.0) != 0)
    future = is_number & ~fraction & (checked > high)
    early = is_number & ~fraction & (checked < low)
    return [
        ("not_a_whole_year", "is not a whole year", "not a whole year", fraction),
        ("year_in_future", "is in the future", "year in the future", future),
        (
            "year_out_of_range",
            "is outside the allowed range",
            "year outside the allowed range",
            early,
        ),
    ]


def _check_energy_labels(table: _Table, problems: _Problems) -> pd.Categorical:
    """The energy labels (NaN = unknown); text that is no label is a problem."""
    if "energy_label" not in table:
        return pd.Categorical(np.full(table.n_rows, None, dtype=object), categories=ENERGY_LABELS)
    cells = table.cells("energy_label")
    labels, unknown = parse_labels(cells)
    kind = table.kind(
        "energy_label",
        "unknown_energy_label",
        "is not an energy label",
        "unknown energy label",
        _ALLOWED_LABELS,
        allowed_values=ENERGY_LABELS,
        optional=True,
    )
    problems.add(kind, unknown, cells.tolist())
    return pd.Categorical(labels, categories=ENERGY_LABELS)


def _check_tenures(table: _Table, problems: _Problems) -> pd.Categorical:
    """The canonical tenures (spellings mapped, NaN = unknown); unknown text is a problem."""
    if "tenure" not in table:
        return pd.Categorical(np.full(table.n_rows, None, dtype=object), categories=TENURES)
    cells = table.cells("tenure")
    tenures, unknown = parse_category(cells, TENURE_LOOKUP, required=False)
    kind = table.kind(
        "tenure",
        "unknown_tenure",
        "is not a known tenure",
        "unknown tenure",
        _ALLOWED_TENURES,
        allowed_values=TENURES,
        optional=True,
    )
    problems.add(kind, unknown, cells.tolist())
    return pd.Categorical(tenures, categories=TENURES)


def _zones(table: _Table) -> dict[str, np.ndarray]:
    """The heat-network and grid zones as text (never a problem)."""
    if "heat_network_zone" in table:
        # present but empty = not in a zone (""); a missing column keeps None (see evaluate)
        heat_network = parse_text(table.cells("heat_network_zone"), "")
    else:
        heat_network = np.full(table.n_rows, None, dtype=object)
    if "grid_zone" in table:
        grid = parse_text(table.cells("grid_zone"), "default")
    else:
        grid = np.full(table.n_rows, "default", dtype=object)
    return {"heat_network_zone": heat_network, "grid_zone": grid}


def _check_counts(table: _Table, problems: _Problems, decimal: str) -> np.ndarray:
    """Dwellings per row (1 where empty, absent or bad); not a whole number >= 1 is a problem."""
    if "count" not in table:
        return np.ones(table.n_rows)
    cells = table.cells("count")
    counts, empty, text = parse_numbers(cells, decimal)
    counts = np.where(empty, 1.0, counts)
    as_typed = cells.tolist()
    not_a_number = table.kind(
        "count", "count_not_a_number", "is not a number", "not a number", _ALLOWED_COUNT
    )
    problems.add(not_a_number, text, as_typed)
    checked = np.where(text, 1.0, counts)
    not_whole = ~text & ((np.mod(checked, 1.0) != 0) | (checked < 1))
    not_whole_kind = table.kind(
        "count",
        "count_not_whole",
        "is not a whole number of at least 1",
        "not a whole number of at least 1",
        _ALLOWED_COUNT,
    )
    problems.add(not_whole_kind, not_whole, as_typed)
    return np.where(text | not_whole, 1.0, counts)


def _check_unique_ids(
    ids: np.ndarray, id_empty: np.ndarray, table: _Table, problems: _Problems
) -> None:
    """Ids used more than once: one sentence for the message, one report entry per cell."""
    duplicated = pd.Series(ids).duplicated(keep=False).to_numpy() & ~id_empty
    if not duplicated.any():
        return
    positions = np.flatnonzero(duplicated)
    kind = table.kind(
        "dwelling_id",
        "duplicate_id",
        "is used more than once",
        "id used more than once",
        _ALLOWED_UNIQUE_ID,
    )
    problems.extra.append(_duplicates_sentence(kind.column, ids, positions, problems))
    fields = kind.report_fields()
    problems.extra_cells += [
        {**problems.cell(int(pos)), "column": kind.column, "value": _show(ids[pos]), **fields}
        for pos in positions
    ]


def _duplicates_sentence(
    column: str, ids: np.ndarray, positions: np.ndarray, problems: _Problems
) -> str:
    """The ids used more than once and where (at most five ids, three places each)."""
    where_by_id: dict[str, list[str]] = {}
    for pos in positions:  # an error path: the loop runs over duplicated rows only
        where_by_id.setdefault(str(ids[pos]), []).append(problems.where(int(pos)))
    shown = list(where_by_id.items())[:5]
    detail = "; ".join(f"{k!r} in {' and '.join(v[:3])}" for k, v in shown)
    more = f"; and {len(where_by_id) - 5} more" if len(where_by_id) > 5 else ""
    k = len(where_by_id)
    return (
        f"{column}: {k} id{' is' if k == 1 else 's are'} used more than once "
        f"({detail}{more}); allowed: {_ALLOWED_UNIQUE_ID}"
    )


def _canonical_frame(columns: dict[str, object]) -> pd.DataFrame:
    """The validated columns as the canonical stock frame (:data:`STOCK_COLUMNS`, dtypes)."""
    return pd.DataFrame(
        {
            "dwelling_id": pd.Series(columns["dwelling_id"], dtype=object),
            "dwelling_type": columns["dwelling_type"],
            "construction_year": np.asarray(columns["construction_year"]).astype(np.int64),
            "floor_area_m2": np.asarray(columns["floor_area_m2"], dtype=np.float64),
            "energy_label": columns["energy_label"],
            "gas_m3": np.asarray(columns["gas_m3"], dtype=np.float64),
            "electricity_kwh": np.asarray(columns["electricity_kwh"], dtype=np.float64),
            "roof_area_m2": np.asarray(columns["roof_area_m2"], dtype=np.float64),
            "tenure": columns["tenure"],
            "household_income_eur": np.asarray(columns["household_income_eur"], dtype=np.float64),
            "heat_network_zone": pd.Series(columns["heat_network_zone"], dtype=object),
            "grid_zone": pd.Series(columns["grid_zone"], dtype=object),
            "boiler_year": np.asarray(columns["boiler_year"], dtype=np.float64),
            "count": np.asarray(columns["count"]).astype(np.int64),
        }
    )

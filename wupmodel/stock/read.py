"""Reading and writing stock files (CSV, XLSX, Parquet).

:func:`load_stock` turns a file into a validated stock (see :mod:`wupmodel.stock.schema`);
:func:`write_stock` writes one. Reading never modifies the input: files are only opened for
reading (``"rb"``). Every problem with a file (missing, a folder, empty, binary, wrongly
encoded, not really CSV/XLSX/Parquet, unsupported extension) is one
:class:`~wupmodel.errors.WupInputError` naming the file and what is accepted, never a
traceback.

CSV details
-----------
* Encoding: UTF-8 with or without BOM. If the bytes are not valid UTF-8, Windows-1252 (then
  Latin-1) is tried, but only if the decoded text is plausible (no control characters, at most
  10 % non-ASCII characters); otherwise the file is rejected. UTF-16 files and files with NUL
  bytes are rejected with a hint to save as "CSV UTF-8".
* Separator: ``,``, ``;`` or tab, whichever occurs most often in the header line (outside
  quotes).
* Decimal mark: a decimal comma is assumed when the separator is ``;`` (what Dutch Excel
  writes) or when number-like cells with a comma decimal (``120,5``) outnumber those with a
  point (``120.5``). Every cell is read as text and converted by the validator, so leading
  zeros in ids survive.
* Parsed with the :mod:`csv` module: quoted fields may hold separators and line breaks; a row
  with more non-empty fields than the header is an error (pandas would silently shift the
  columns); missing trailing fields are empty.
* Row numbers in messages are data rows (1 = first row under the header; completely empty
  lines are skipped but keep their numbers) with the file line in brackets.
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from wupmodel.errors import WupInputError
from wupmodel.stock.schema import STOCK_COLUMNS, validate_stock, validate_table
from wupmodel.stock.synth import synthesise_stock

__all__ = [
    "READ_EXTENSIONS",
    "WRITE_EXTENSIONS",
    "UPLOAD_EXTENSIONS",
    "MAX_UPLOAD_BYTES",
    "load_stock",
    "read_stock_bytes",
    "read_upload_table",
    "UploadTable",
    "write_stock",
]

#: File extensions :func:`load_stock` reads, by format.
READ_EXTENSIONS: dict[str, str] = {
    ".csv": "csv",
    ".txt": "csv",
    ".tsv": "csv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".parquet": "parquet",
    ".pq": "parquet",
}
#: File extensions :func:`write_stock` writes, by format.
WRITE_EXTENSIONS: dict[str, str] = {".csv": "csv", ".xlsx": "xlsx", ".parquet": "parquet"}

#: File extensions :func:`read_stock_bytes` accepts (an upload: CSV or Excel only).
UPLOAD_EXTENSIONS: dict[str, str] = {".csv": "csv", ".txt": "csv", ".tsv": "csv", ".xlsx": "xlsx"}
#: Largest upload :func:`read_stock_bytes` reads (10 MB).
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
_XLSX_MAGIC = b"PK\x03\x04"

_MAX_NON_ASCII_SHARE = 0.10  # plausibility limit for a cp1252/latin-1 fallback decode
_SNIFF_BYTES = 64 * 1024


def load_stock(path: str | os.PathLike[str]) -> pd.DataFrame:
    """Read a stock file (CSV, XLSX or Parquet, by extension) and validate it.

    Parameters
    ----------
    path
        The file. ``.csv``/``.txt``/``.tsv`` are read as delimited text, ``.xlsx``/``.xlsm``
        (first sheet, header in the first row) with openpyxl, ``.parquet``/``.pq`` with pyarrow.

    Returns
    -------
    pandas.DataFrame
        The validated stock (:func:`~wupmodel.stock.schema.validate_stock`).

    Raises
    ------
    WupInputError
        For any problem with the file or its contents, naming the file.
    """
    p = Path(path)
    name = p.name or str(path)
    if not p.exists():
        raise WupInputError(f"{name}: file not found ({p})", name)
    if p.is_dir():
        raise WupInputError(f"{name}: is a folder, not a stock file ({p})", name)
    fmt = READ_EXTENSIONS.get(p.suffix.lower())
    if fmt is None:
        hint = " (save old .xls files as .xlsx)" if p.suffix.lower() == ".xls" else ""
        raise WupInputError(
            f"{name}: cannot read files of type {p.suffix or '(no extension)'!r}{hint}; "
            f"supported: {', '.join(READ_EXTENSIONS)}",
            name,
        )
    try:
        size = p.stat().st_size
    except OSError as err:
        raise WupInputError(f"{name}: cannot read the file ({err.strerror})", name) from None
    if size == 0:
        raise WupInputError(
            f"{name}: the file is empty; expected a {fmt.upper()} table with a "
            "header row and one row per dwelling",
            name,
        )
    if fmt == "csv":
        frame, decimal, lines = _read_csv(p, name)
        return validate_table(frame, name, line_numbers=lines, line_word="line", decimal=decimal)
    if fmt == "xlsx":
        frame = _read_xlsx(p, name)
        sheet_rows = np.arange(2, len(frame) + 2)  # header in sheet row 1
        return validate_table(frame, name, line_numbers=sheet_rows, line_word="sheet row")
    frame = _read_parquet(p, name)
    return validate_table(frame, name)


def read_raw_table(path: str | os.PathLike[str]) -> pd.DataFrame:
    """A stock file's cells as read, before validation: every column kept, address-like ones
    too. Only for a column the user names on purpose (the letters' address lines); call
    :func:`load_stock` first, which checks the file."""
    p = Path(path)
    fmt = READ_EXTENSIONS.get(p.suffix.lower())
    if fmt == "csv":
        return _read_csv(p, p.name)[0]
    return _read_xlsx(p, p.name) if fmt == "xlsx" else _read_parquet(p, p.name)


def read_stock_bytes(data: bytes, filename: str, max_bytes: int = MAX_UPLOAD_BYTES) -> pd.DataFrame:
    """Read an uploaded stock (CSV or XLSX bytes, by the file name's extension) and validate it.

    Nothing is written to disk and nothing is evaluated: CSV is parsed with :mod:`csv`, XLSX
    with openpyxl (cell values, never formulas run; a cell holding a formula is read as its
    text and fails validation where a number is needed). Address-like columns are dropped.

    Parameters
    ----------
    data
        The file's bytes.
    filename
        Its name (only the extension is used, and the name in messages).
    max_bytes
        Largest accepted size.

    Returns
    -------
    pandas.DataFrame
        The validated stock.

    Raises
    ------
    WupInputError
        Too large, empty, wrong type, binary, wrongly encoded, damaged, or bad values; for bad
        values ``err.problems`` lists every bad cell with its row.
    """
    table = read_upload_table(data, filename, max_bytes)
    return validate_table(
        table.frame,
        table.name,
        line_numbers=table.line_numbers,
        line_word=table.line_word,
        decimal=table.decimal,
    )


@dataclass(frozen=True)
class UploadTable:
    """An uploaded table as text cells, before any validation.

    Attributes
    ----------
    frame
        One column per header cell (stripped), one row per data row; CSV cells are text, XLSX
        cells as openpyxl gives them (never a formula's result).
    name
        The file name (no directory), for messages.
    line_numbers
        Each row's line (CSV) or sheet row (XLSX) in the file, for messages.
    line_word
        ``"line"`` or ``"sheet row"``.
    decimal
        The CSV's decimal mark (``"."`` for XLSX).
    """

    frame: pd.DataFrame
    name: str
    line_numbers: np.ndarray
    line_word: str
    decimal: str


def read_upload_table(data: bytes, filename: str, max_bytes: int = MAX_UPLOAD_BYTES) -> UploadTable:
    """Read an uploaded CSV or XLSX file (bytes, by the name's extension) into text cells, safely.

    The checks every upload gets, whatever it holds (a stock, a survey): type by extension and
    content, size, empty, an XLSX saved as CSV, binary or wrongly encoded text, malformed CSV,
    damaged workbook; parsed in memory with :mod:`csv` or openpyxl, no pickle or eval.

    Raises
    ------
    WupInputError
        With a ``code`` per kind of problem (``file_type``, ``file_too_large``, ``file_empty``,
        ``file_xlsx_as_csv``, ``file_not_xlsx``, ``csv_malformed``, ...).
    """
    name = Path(str(filename)).name or "upload"
    fmt = UPLOAD_EXTENSIONS.get(Path(name).suffix.lower())
    if fmt is None:
        raise WupInputError(
            f"{name}: cannot read files of type {Path(name).suffix or '(no extension)'!r}; "
            "upload a CSV (.csv) or Excel (.xlsx) table",
            name,
            code="file_type",
            details={"suffix": Path(name).suffix},
        )
    if not isinstance(data, bytes | bytearray | memoryview):
        raise WupInputError(f"{name}: expected the bytes of a file", name)
    data = bytes(data)
    if len(data) > max_bytes:
        raise WupInputError(
            f"{name}: the file is {len(data) / 1e6:.1f} MB; at most "
            f"{max_bytes / 1e6:.0f} MB is accepted",
            name,
            code="file_too_large",
            details={"size_mb": len(data) / 1e6, "max_mb": max_bytes / 1e6},
        )
    if not data.strip():
        raise WupInputError(
            f"{name}: the file is empty; expected a table with a header row and "
            "one row per dwelling",
            name,
            code="file_empty",
        )
    if fmt == "csv":
        if data.startswith(_XLSX_MAGIC):
            raise WupInputError(
                f"{name}: this is an Excel or zip file, not a CSV; save it as .xlsx "
                "or as CSV UTF-8",
                name,
                code="file_xlsx_as_csv",
            )
        frame, decimal, lines = _parse_csv(data, name)
        return UploadTable(frame, name, lines, "line", decimal)
    if not data.startswith(_XLSX_MAGIC):
        raise WupInputError(
            f"{name}: not a readable .xlsx workbook; save it again from Excel as "
            ".xlsx, or as CSV UTF-8",
            name,
            code="file_not_xlsx",
        )
    frame = _xlsx_frame(io.BytesIO(data), name)
    return UploadTable(frame, name, np.arange(2, len(frame) + 2), "sheet row", ".")


# --------------------------------------------------------------------------------------------
# CSV


def _read_bytes(p: Path, name: str) -> bytes:
    try:
        with p.open("rb") as fh:
            return fh.read()
    except OSError as err:
        raise WupInputError(f"{name}: cannot read the file ({err.strerror})", name) from None


def _decode(raw: bytes, name: str) -> str:
    """Decode CSV bytes as described in the module docstring."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise WupInputError(
            f"{name}: the file is UTF-16 encoded; save it as 'CSV UTF-8' "
            "(comma or semicolon separated)",
            name,
            code="file_utf16",
        )
    head = raw[:_SNIFF_BYTES]
    if b"\x00" in head:
        raise WupInputError(
            f"{name}: this is not a text (CSV) file (it contains binary data); "
            "expected a CSV table, an .xlsx workbook or a .parquet file",
            name,
            code="file_binary",
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    for encoding in ("cp1252", "latin-1"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _plausible(text):
            return text
    raise WupInputError(
        f"{name}: the file is not readable text (not UTF-8, and not plausible "
        "as Windows-1252/Latin-1); save it as 'CSV UTF-8'",
        name,
        code="file_encoding",
    )


def _plausible(text: str) -> bool:
    if not text:
        return False
    if re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", text):
        return False
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    return non_ascii / len(text) <= _MAX_NON_ASCII_SHARE


def _header_separator(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip()), "")
    outside = re.sub(r'"[^"]*"', "", first)
    counts = {sep: outside.count(sep) for sep in (",", ";", "\t")}
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] > 0 else ","


def _detect_decimal(frame: pd.DataFrame, sep: str) -> str:
    if sep == ";":
        return ","
    sample = frame.head(2000)
    if sample.empty:
        return "."
    cells = pd.Series(pd.unique(sample.to_numpy(dtype=object).ravel()), dtype=object)
    cells = cells[cells.map(lambda v: isinstance(v, str))].str.strip()
    comma = int(cells.str.fullmatch(r"[+-]?\d+,\d+").sum())
    point = int(cells.str.fullmatch(r"[+-]?\d+\.\d+").sum())
    return "," if comma > point else "."


def _read_csv(p: Path, name: str) -> tuple[pd.DataFrame, str, np.ndarray]:
    """Parse a CSV file into a frame of text cells, its decimal mark and each row's line."""
    return _parse_csv(_read_bytes(p, name), name)


def _parse_csv(raw: bytes, name: str) -> tuple[pd.DataFrame, str, np.ndarray]:
    text = _decode(raw, name)
    if not text.strip():
        raise WupInputError(
            f"{name}: the file is empty (only blank lines); expected a header "
            "row and one row per dwelling",
            name,
            code="file_empty",
        )
    sep = _header_separator(text)
    reader = csv.reader(io.StringIO(text), delimiter=sep, skipinitialspace=True)
    try:
        if '"' in text:  # quoted fields may span lines: track the line of every record
            records, lines = [], []
            last = 0
            for fields in reader:  # file parsing, not a hot path
                records.append(fields)
                lines.append(last + 1)
                last = reader.line_num
        else:  # one record per physical line (blank lines give empty records)
            records = list(reader)
            lines = list(range(1, len(records) + 1))
    except csv.Error as err:
        raise WupInputError(
            f"{name}: the CSV is malformed near line {reader.line_num} ({err})",
            name,
            code="csv_malformed",
            details={"line": reader.line_num},
        ) from None
    first = next(i for i, rec in enumerate(records) if any(f.strip() for f in rec))
    header = [f.strip() for f in records[first]]
    data, data_lines = records[first + 1 :], np.asarray(lines[first + 1 :], dtype=np.int64)
    width = len(header)
    lengths = np.fromiter(map(len, data), dtype=np.int64, count=len(data))
    for i in np.flatnonzero(lengths != width):  # only ragged rows (usually blank lines)
        fields = data[i]
        if len(fields) > width:
            if any(f.strip() for f in fields[width:]):
                raise WupInputError(
                    f"{name}: line {data_lines[i]} has {len(fields)} fields but the header has "
                    f"{width}; the CSV is malformed (check the separator {sep!r} and the "
                    "quoting)",
                    name,
                    code="csv_ragged_line",
                    details={
                        "line": int(data_lines[i]),
                        "n_fields": len(fields),
                        "width": width,
                        "sep": sep,
                    },
                )
            data[i] = fields[:width]
        else:
            data[i] = fields + [""] * (width - len(fields))
    names = [h if h else f"(unnamed column {j + 1})" for j, h in enumerate(header)]
    frame = pd.DataFrame(data, columns=names, dtype=object)
    unnamed = [n for n, h in zip(names, header, strict=True) if not h]
    if unnamed and all(_blank_column(frame[c]) for c in unnamed):
        frame = frame.drop(columns=unnamed)  # trailing separators in spreadsheet exports
    return frame, _detect_decimal(frame, sep), data_lines


def _blank_column(series: pd.Series) -> bool:
    return bool(series.astype("string").str.strip().fillna("").eq("").all())


# --------------------------------------------------------------------------------------------
# XLSX and Parquet


def _read_xlsx(p: Path, name: str) -> pd.DataFrame:
    try:
        with p.open("rb") as fh:
            return _xlsx_frame(fh, name)
    except OSError as err:
        raise WupInputError(f"{name}: cannot read the file ({err.strerror})", name) from None


def _xlsx_frame(fh: Any, name: str) -> pd.DataFrame:
    try:
        frame = pd.read_excel(fh, sheet_name=0, dtype=object, engine="openpyxl")
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as err:
        raise WupInputError(
            f"{name}: not a readable .xlsx workbook ({type(err).__name__}: "
            f"{err}); save it again from Excel as .xlsx, or as CSV UTF-8",
            name,
            code="file_not_xlsx",
        ) from None
    except Exception as err:  # openpyxl raises many types for damaged files
        raise WupInputError(
            f"{name}: not a readable .xlsx workbook ({type(err).__name__})",
            name,
            code="file_not_xlsx",
        ) from None
    frame.columns = [str(c).strip() for c in frame.columns]
    unnamed = [c for c in frame.columns if c.startswith("Unnamed: ")]
    if unnamed and all(frame[c].isna().all() for c in unnamed):
        frame = frame.drop(columns=unnamed)
    return frame


def _read_parquet(p: Path, name: str) -> pd.DataFrame:
    try:
        with p.open("rb") as fh:
            return pd.read_parquet(fh)
    except Exception as err:  # pyarrow raises ArrowInvalid, OSError, ... for non-parquet data
        raise WupInputError(
            f"{name}: not a readable Parquet file ({type(err).__name__})", name
        ) from None


# --------------------------------------------------------------------------------------------
# writing


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_stock(frame: pd.DataFrame, path: str | os.PathLike[str]) -> Path:
    """Write a stock to CSV, XLSX or Parquet (by extension), atomically.

    The frame is validated first, so only the canonical columns (:data:`STOCK_COLUMNS`, plus a
    ``group_id`` column if present) are written: never address or other unknown columns. The
    data go to a temporary file in the target folder that is renamed over ``path`` only when
    complete, so a failed write never leaves a partial file.

    Parameters
    ----------
    frame
        A stock (validated or not).
    path
        Target file; ``.csv`` (UTF-8, comma separator, decimal point), ``.xlsx`` or
        ``.parquet``.

    Returns
    -------
    pathlib.Path
        The written path.
    """
    p = Path(path)
    name = p.name or str(path)
    fmt = WRITE_EXTENSIONS.get(p.suffix.lower())
    if fmt is None:
        raise WupInputError(
            f"{name}: cannot write files of type {p.suffix or '(none)'!r}; "
            f"supported: {', '.join(WRITE_EXTENSIONS)}",
            name,
        )
    folder = p.parent if str(p.parent) else Path(".")
    if not folder.is_dir():
        raise WupInputError(f"{name}: the folder {folder} does not exist", name)
    if p.is_dir():
        raise WupInputError(f"{name}: is a folder, cannot write a stock file there", name)

    out = validate_stock(frame, source=name)
    if "group_id" in frame.columns:
        out.insert(0, "group_id", frame["group_id"].to_numpy())
    out = out[[c for c in ("group_id", *STOCK_COLUMNS) if c in out.columns]]

    fd, tmp_name = tempfile.mkstemp(prefix=f".{p.stem}.", suffix=p.suffix, dir=folder)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp creates 0600; give the usual permissions
        if fmt == "csv":
            out.to_csv(tmp, index=False, encoding="utf-8")
        elif fmt == "xlsx":
            with pd.ExcelWriter(tmp, engine="xlsxwriter") as writer:
                out.to_excel(writer, index=False, sheet_name="stock")
        else:
            out.to_parquet(tmp, index=False)
        os.replace(tmp, p)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return p


def stock_for(village: Any, stock_file: str | os.PathLike[str] | None = None) -> pd.DataFrame:
    """The dwelling stock of a scenario's village: its stock file, else its synthesised buurt.

    Parameters
    ----------
    village
        A scenario or its ``village`` section (``stock_file``, ``buurt_code``, ``seed``).
    stock_file
        A stock file that takes the place of the village's own (e.g. ``--stock``).

    Examples
    --------
    >>> import wupmodel as wm
    >>> int(wm.stock_for(wm.load_scenario())["count"].sum())
    758
    """
    village = getattr(village, "village", village)
    path = stock_file or village.stock_file
    if path:
        return load_stock(path)
    return synthesise_stock(village.buurt_code, seed=village.seed)

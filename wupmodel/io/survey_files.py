"""Survey files and fixed choices: read from a CSV or XLSX file, or from an upload's bytes.

Files get the checks every upload gets (:func:`wupmodel.stock.read_upload_table`: size, empty,
encoding, the separator from the header, damaged workbooks); a survey then gets
:func:`wupmodel.survey.validate_survey`'s, the fixed choices their own (a column missing, a
blank cell, a dwelling twice).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from wupmodel.errors import WupInputError
from wupmodel.stock import MAX_UPLOAD_BYTES, read_upload_table
from wupmodel.survey import columns_found, validate_survey


def load_survey(
    path_or_frame: str | Path | pd.DataFrame,
    *,
    source: str | None = None,
    row_numbers: np.ndarray | None = None,
) -> pd.DataFrame:
    """Read and check a survey (:func:`wupmodel.survey.validate_survey`): one row per dwelling
    (or stock row) with ``dwelling_id``, ``yes``, ``maybe``, ``no`` (dwellings),
    ``plans_heat_pump``, ``already_insulated`` (dwellings or NaN) and ``invest_eur``.

    Row numbers in messages are the file's (header = row 1), or ``row_numbers`` (one per row of
    a frame); ``source`` names a frame in messages (default ``"survey"``).
    """
    if isinstance(path_or_frame, pd.DataFrame):
        return validate_survey(
            path_or_frame.copy(), source=source or "survey", row_numbers=row_numbers
        )
    table = _read_table(path_or_frame, "survey")
    frame = table.frame.astype(object).where(table.frame.notna(), "").astype(str)
    return validate_survey(frame, source=str(path_or_frame), row_numbers=table.line_numbers)


def _read_table(path: str | Path, what: str):
    """A small CSV or XLSX table from a file, through the checks every upload gets
    (:func:`wupmodel.stock.read_upload_table`: size, empty, encoding, the separator from the
    header, damaged files)."""
    source = str(path)
    p = Path(path)
    if not p.is_file():
        raise WupInputError(f"{source}: no such file", source)
    if p.suffix.lower() not in (".csv", ".xlsx"):
        raise WupInputError(f"{source}: a {what} must be a .csv or .xlsx file", source)
    size = p.stat().st_size
    if size > MAX_UPLOAD_BYTES:
        raise WupInputError(
            f"{source}: the file is {size / 1e6:.1f} MB; a {what} of at most "
            f"{MAX_UPLOAD_BYTES / 1e6:.0f} MB is accepted",
            source,
        )
    try:
        data = p.read_bytes()
    except OSError as err:
        raise WupInputError(f"{source}: cannot read the file ({err.strerror})", source) from None
    try:
        return read_upload_table(data, p.name)
    except WupInputError as err:  # name the file as given, not only its name
        message = str(err)
        if not message.startswith(source):
            message = message.replace(p.name, source, 1)
        raise WupInputError(message, source, code=err.code, details=err.details) from None


def load_fixed_choices(path: str | Path) -> dict[str, str]:
    """Options households already chose (``--fixed``): a CSV or XLSX file with the columns
    ``dwelling_id`` and ``option_id``, checked like a stock file.

    Returns
    -------
    dict
        dwelling_id -> option id (or the option's number in the catalogue).

    Raises
    ------
    WupInputError
        Empty, only a header, a column missing (with the columns found and, for a one-column
        file, the separator to use), a blank cell, a dwelling given twice (both lines).
    """
    source = str(path)
    table = _read_table(path, "file of fixed choices")
    frame = table.frame.astype(object).where(table.frame.notna(), "").astype(str)
    frame.columns = [str(c).strip().lower() for c in frame.columns]
    missing = [c for c in ("dwelling_id", "option_id") if c not in frame.columns]
    if missing:
        raise WupInputError(
            f"{source}: needs the columns dwelling_id and option_id (missing: "
            f"{', '.join(missing)}; {columns_found(list(frame.columns))})",
            source,
        )
    if frame.empty:
        raise WupInputError(
            f"{source}: has a header but no choices; give one row per dwelling that chose "
            "(dwelling_id, option_id)",
            source,
        )
    lines = np.asarray(table.line_numbers)
    word = table.line_word
    out: dict[str, str] = {}
    first: dict[str, int] = {}
    for i, (dwelling, option) in enumerate(
        zip(frame["dwelling_id"].str.strip(), frame["option_id"].str.strip(), strict=True)
    ):
        line = int(lines[i])
        for column, value in (("dwelling_id", dwelling), ("option_id", option)):
            if not value:
                raise WupInputError(f"{source}: {word} {line}: {column} is empty", source)
        if dwelling in first:
            raise WupInputError(
                f"{source}: dwelling '{dwelling[:80]}' is given twice ({word}s {first[dwelling]} "
                f"and {line}); keep one choice per dwelling",
                source,
            )
        first[dwelling] = line
        out[dwelling] = option
    return out


def load_survey_bytes(data: bytes, filename: str) -> pd.DataFrame:
    """:func:`load_survey` of an uploaded file's bytes (CSV or XLSX, by the name's extension).

    The upload gets the checks of every upload (:func:`wupmodel.stock.read.read_upload_table`:
    type, size, encoding, damaged files; parsed in memory, no pickle or eval, nothing written)
    and the survey's own; messages name the file and its line or sheet row.
    """
    table = read_upload_table(data, filename)
    frame = table.frame.astype(object).where(table.frame.notna(), "").astype(str)
    return validate_survey(frame, source=table.name, row_numbers=table.line_numbers)

"""Survey files: a survey read from a CSV or XLSX file, or from an upload's bytes.

The checks are :func:`wupmodel.survey.validate_survey`'s; this module only reads.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from wupmodel.errors import WupInputError
from wupmodel.stock import read_upload_table
from wupmodel.survey import validate_survey


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
        source = source or "survey"
    else:
        source = str(path_or_frame)
    if isinstance(path_or_frame, pd.DataFrame):
        raw = path_or_frame.copy()
    else:
        path = Path(path_or_frame)
        if not path.exists():
            raise WupInputError(f"{source}: no such file", source)
        try:
            if path.suffix.lower() in (".xlsx", ".xlsm"):
                raw = pd.read_excel(path, dtype=str)
            elif path.suffix.lower() == ".csv":
                raw = pd.read_csv(path, dtype=str, keep_default_na=False, sep=None, engine="python")
            else:
                raise WupInputError(f"{source}: a survey must be a .csv or .xlsx file", source)
        except (OSError, ValueError, UnicodeDecodeError, pd.errors.ParserError) as err:
            if isinstance(err, WupInputError):
                raise
            raise WupInputError(
                f"{source}: cannot read the survey ({err.__class__.__name__})", source
            ) from None
    return validate_survey(raw, source=source, row_numbers=row_numbers)


def load_survey_bytes(data: bytes, filename: str) -> pd.DataFrame:
    """:func:`load_survey` of an uploaded file's bytes (CSV or XLSX, by the name's extension).

    The upload gets the checks of every upload (:func:`wupmodel.stock.read.read_upload_table`:
    type, size, encoding, damaged files; parsed in memory, no pickle or eval, nothing written)
    and the survey's own; messages name the file and its line or sheet row.
    """
    table = read_upload_table(data, filename)
    frame = table.frame.astype(object).where(table.frame.notna(), "").astype(str)
    return validate_survey(frame, source=table.name, row_numbers=table.line_numbers)

"""The dwelling stock: its column contract, file input/output, synthesis and grouping.

* :func:`validate_stock` — check any table against the stock contract, return canonical form.
* :func:`load_stock` / :func:`write_stock` — CSV, XLSX and Parquet files.
* :func:`synthesise_stock` — a dwelling table for a Drenthe buurt from PBL buurt statistics.
* :func:`group_stock` — collapse identical dwellings into counted groups.
"""

from __future__ import annotations

from wupmodel.stock.group import group_stock
from wupmodel.stock.read import (
    MAX_UPLOAD_BYTES,
    UPLOAD_EXTENSIONS,
    load_stock,
    read_stock_bytes,
    read_upload_table,
    stock_for,
    write_stock,
)
from wupmodel.stock.schema import (
    OPTIONAL_COLUMNS,
    PROBLEM_CODES,
    REQUIRED_COLUMNS,
    STOCK_COLUMNS,
    validate_stock,
)
from wupmodel.stock.synth import synthesise_stock

__all__ = [
    "MAX_UPLOAD_BYTES",
    "OPTIONAL_COLUMNS",
    "PROBLEM_CODES",
    "UPLOAD_EXTENSIONS",
    "REQUIRED_COLUMNS",
    "STOCK_COLUMNS",
    "group_stock",
    "load_stock",
    "read_stock_bytes",
    "read_upload_table",
    "stock_for",
    "synthesise_stock",
    "validate_stock",
    "write_stock",
]

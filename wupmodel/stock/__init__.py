"""The dwelling stock: its column contract, file input/output, synthesis and grouping.

* :func:`validate_stock` — check any table against the stock contract, return canonical form;
  :func:`validate_table` the same for a table read from a file (file lines in the messages).
  :data:`STOCK_COLUMNS` (= :data:`REQUIRED_COLUMNS` + :data:`OPTIONAL_COLUMNS`) and
  :data:`PROBLEM_CODES` (the kinds of bad cell in ``WupInputError.problems``) come with it
  (:mod:`~wupmodel.stock.schema`; how cells and column names are read: :mod:`~.parse`).
* :func:`load_stock` / :func:`write_stock` — CSV, XLSX and Parquet files; :func:`stock_for` —
  a scenario's stock file, else its synthesised buurt; :func:`read_stock_bytes` — an upload,
  checked in memory (:mod:`~wupmodel.stock.read`).
* :func:`synthesise_stock` — a dwelling table for a Drenthe buurt from PBL buurt statistics;
  :func:`synthesis_scalars` and :func:`income_means_eur` — its assumptions and the mean
  incomes per tenure (:mod:`~wupmodel.stock.synth`).
* :func:`group_stock` — collapse identical dwellings into counted groups
  (:mod:`~wupmodel.stock.group`).
"""

from __future__ import annotations

from wupmodel.stock.group import group_stock
from wupmodel.stock.parse import DWELLING_TYPE_SPELLINGS, TENURE_SPELLINGS
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
    validate_table,
)
from wupmodel.stock.synth import (
    PERIODS,
    SEED_LABELS,
    buurt_label_counts,
    controlled_round,
    income_means_eur,
    ipf,
    largest_remainder,
    lognormal_gini,
    pooled_ipf_shares,
    synthesis_scalars,
    synthesise_stock,
)

__all__ = [
    "DWELLING_TYPE_SPELLINGS",
    "TENURE_SPELLINGS",
    "PERIODS",
    "SEED_LABELS",
    "buurt_label_counts",
    "controlled_round",
    "ipf",
    "largest_remainder",
    "lognormal_gini",
    "pooled_ipf_shares",
    "MAX_UPLOAD_BYTES",
    "OPTIONAL_COLUMNS",
    "PROBLEM_CODES",
    "UPLOAD_EXTENSIONS",
    "REQUIRED_COLUMNS",
    "STOCK_COLUMNS",
    "group_stock",
    "income_means_eur",
    "load_stock",
    "read_stock_bytes",
    "read_upload_table",
    "stock_for",
    "synthesis_scalars",
    "synthesise_stock",
    "validate_stock",
    "validate_table",
    "write_stock",
]

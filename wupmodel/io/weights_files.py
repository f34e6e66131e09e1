"""Weights files: a village's weights per stakeholder group, from CSV or YAML.

CSV: columns ``criterion``, ``weight`` and optionally ``group`` (other columns are ignored).
YAML: ``criterion: weight`` (one group, ``custom``) or ``group: {criterion: weight}``. Every
mistake is one :class:`~wupmodel.errors.WupInputError` naming the file and the key
(:mod:`wupmodel.criteria.weights` checks the values).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd
import yaml

from wupmodel.criteria import (
    Weights,
    stakeholder_weights,
    weighed_criteria,
    weights_from_mapping,
    weights_from_table,
)
from wupmodel.errors import WupInputError
from wupmodel.params import default_params

__all__ = ["read_weights", "packaged_weights"]


def read_weights(path: str | Path, criteria: Sequence[str] | None = None) -> dict[str, Weights]:
    """Weights per group from a CSV (``criterion,weight[,group]``) or YAML file.

    YAML is either ``criterion: weight`` (one group, ``custom``) or ``group: {criterion: weight}``.
    ``criteria`` are those that may be weighed (default: the packaged ones,
    :func:`wupmodel.criteria.weighed_criteria`).
    """
    if criteria is None:
        criteria = weighed_criteria(default_params())
    path = Path(path)
    source = path.name
    if not path.is_file():
        raise WupInputError(f"weights file {path} does not exist", source)
    if path.suffix.lower() in (".yaml", ".yml"):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
            problem = getattr(exc, "problem", None) or "cannot be read"
            raise WupInputError(f"{source}: not valid YAML{where} ({problem})", source) from None
        return weights_from_mapping(data, criteria, source)
    try:
        table = pd.read_csv(path)
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as exc:
        raise WupInputError(f"{source}: not a readable CSV table ({exc})", source) from None
    return weights_from_table(table, criteria, source)


def packaged_weights() -> dict[str, Weights]:
    """The packaged illustrative weights per stakeholder group (``criteria_weights.csv``:
    equal, residents, tenants, corporation, municipality; not a survey)."""
    params = default_params()
    return stakeholder_weights(params, weighed_criteria(params))

"""Weights of the criteria: validated, normalised, and per stakeholder group.

A village gives weights as criterion -> number (any scale: they are divided by their sum);
criteria it does not name weigh 0. Weights may come per stakeholder group (residents, tenants,
the housing corporation, the municipality ...) and are then shown side by side. The packaged
defaults (``criteria_weights.csv``) are illustrative, not a survey.

Every mistake a person can make raises :class:`~wupmodel.errors.WupInputError` with one
sentence naming the key: a weight below 0, weights that are all 0, an unknown criterion (with
a did-you-mean), a number that is not a number, a weights table with a misspelled column.
Files are read by :func:`wupmodel.io.read_weights`.
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from wupmodel.errors import WupInputError
from wupmodel.params import Params

__all__ = [
    "Weights",
    "validate_weights",
    "stakeholder_weights",
    "weights_from_table",
    "weights_from_mapping",
]


@dataclass(frozen=True)
class Weights:
    """Normalised weights (summing to 1) over a list of criteria.

    Attributes
    ----------
    criteria
        The criteria, in order.
    values
        (C,) weights ≥ 0, summing to 1.
    group
        Whose weights (a stakeholder group), "" if not said.
    """

    criteria: tuple[str, ...]
    values: np.ndarray
    group: str = ""

    def as_dict(self) -> dict[str, float]:
        return {c: float(w) for c, w in zip(self.criteria, self.values, strict=True)}


def _unknown(key: str, allowed: Sequence[str], source: str) -> WupInputError:
    close = difflib.get_close_matches(key, list(allowed), n=3, cutoff=0.5)
    hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
    return WupInputError(
        f"{source}: unknown criterion '{key}'{hint} (allowed: {', '.join(allowed)})", source
    )


def _number(key: str, value: object, source: str) -> float:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise WupInputError(
            f"{source}: the weight of '{key}' is {value!r}, not a number", source
        ) from None
    if not math.isfinite(number):
        raise WupInputError(f"{source}: the weight of '{key}' is {value!r}, not a number", source)
    if number < 0:
        raise WupInputError(
            f"{source}: the weight of '{key}' is {number:g}; a weight must be 0 or more", source
        )
    return number


def validate_weights(
    raw: Mapping[str, object], criteria: Sequence[str], source: str = "weights", group: str = ""
) -> Weights:
    """Check and normalise weights given as criterion -> number.

    Parameters
    ----------
    raw
        Criterion -> weight (any positive scale); criteria not named weigh 0.
    criteria
        The criteria that may be weighed, in the order of the result.
    source
        Where the weights come from (a file name, "command line" ...), for the message.
    group
        Whose weights.

    Raises
    ------
    WupInputError
        Unknown criterion, a weight that is not a number or below 0, all weights 0.
    """
    allowed = list(criteria)
    values = dict.fromkeys(allowed, 0.0)
    for key, value in raw.items():
        name = str(key).strip()
        if name not in values:
            raise _unknown(name, allowed, source)
        values[name] = _number(name, value, source)
    total = sum(values.values())
    if total <= 0:
        who = f" of '{group}'" if group else ""
        raise WupInputError(
            f"{source}: the weights{who} are all 0; give at least one criterion a weight above 0",
            source,
        )
    vector = np.array([values[c] for c in allowed]) / total
    return Weights(criteria=tuple(allowed), values=vector, group=group)


def weights_from_table(
    table: pd.DataFrame, criteria: Sequence[str], source: str = "weights"
) -> dict[str, Weights]:
    """Weights per group from a table with columns ``criterion``, ``weight`` and optionally
    ``group`` (rows without a group form the group ``custom``); other columns are ignored."""
    columns = [str(c).strip() for c in table.columns]
    for need in ("criterion", "weight"):
        if need not in columns:
            close = difflib.get_close_matches(need, columns, n=1, cutoff=0.5)
            hint = f"; did you mean to write '{need}' for '{close[0]}'?" if close else ""
            raise WupInputError(
                f"{source}: column '{need}' is missing (found: {', '.join(columns)}){hint}", source
            )
    frame = table.set_axis(columns, axis=1)
    if "group" in frame:
        names = frame["group"].fillna("custom").astype(str).str.strip().replace("", "custom")
    else:
        names = pd.Series("custom", index=frame.index)
    out: dict[str, Weights] = {}
    for name in dict.fromkeys(names):  # the groups in file order (a few), not the rows
        part = frame[names == name]
        dupes = part["criterion"][part["criterion"].duplicated()].tolist()
        if dupes:
            raise WupInputError(
                f"{source}: criterion '{dupes[0]}' is weighed twice for group '{name}'", source
            )
        raw = dict(zip(part["criterion"].astype(str), part["weight"], strict=True))
        out[name] = validate_weights(raw, criteria, source, group=name)
    return out


def stakeholder_weights(params: Params, criteria: Sequence[str]) -> dict[str, Weights]:
    """The packaged illustrative weights per group (``criteria_weights.csv``): ``equal``,
    ``residents``, ``tenants``, ``corporation``, ``municipality``."""
    return weights_from_table(params.table("criteria_weights"), criteria, "criteria_weights.csv")


def weights_from_mapping(
    data: object, criteria: Sequence[str], source: str = "weights"
) -> dict[str, Weights]:
    """Weights from ``{criterion: weight}`` or ``{group: {criterion: weight}}``."""
    if not isinstance(data, Mapping) or not data:
        raise WupInputError(
            f"{source}: expected criterion: weight pairs (or groups of them), found {data!r}",
            source,
        )
    nested = [isinstance(v, Mapping) for v in data.values()]
    if all(nested):
        return {str(g): validate_weights(w, criteria, source, str(g)) for g, w in data.items()}
    if any(nested):
        raise WupInputError(
            f"{source}: mix of groups and single weights; give either criterion: weight pairs or "
            "groups of them",
            source,
        )
    return {"custom": validate_weights(data, criteria, source, "custom")}

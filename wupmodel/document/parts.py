"""Small pieces the chapters share: tables from rows, lists in a sentence, counts in words,
weighted sums over the plan's households."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd

from wupmodel.document import numbers as nl
from wupmodel.document.model import Figure, Paragraph, Series, Table
from wupmodel.vocabulary import CONSTRUCTION_PERIODS

__all__ = [
    "and_list",
    "figure",
    "missing",
    "table",
    "weighted_mean",
    "households",
    "dwellings",
    "period_of",
]


def table(
    key: str,
    caption: str,
    columns: Sequence[str],
    rows: Iterable[Sequence[str]],
    source: str,
    note: str = "",
    kind: str = "text",
    text_columns: int = 1,
) -> Table:
    """A table; the first ``text_columns`` columns left-aligned, the others (figures)
    right-aligned."""
    body = tuple(tuple(str(c) for c in r) for r in rows)
    align = ("l",) * text_columns + ("r",) * (len(columns) - text_columns)
    return Table(key, caption, tuple(columns), body, source, align, note, kind)


def figure(  # long because a figure's words, data and source are each one argument
    key: str,
    title: str,
    alt: str,
    source: str,
    kind: str,
    categories: Sequence[str],
    series: dict[str, Sequence[float]],
    axis: str = "",
    decimals: int = 0,
    percent: bool = False,
    chart: str = "",
) -> Figure:
    """A figure with its series given as name -> values."""
    return Figure(
        key=key,
        title=title,
        alt=alt,
        source=source,
        kind=kind,
        categories=tuple(str(c) for c in categories),
        series=tuple(
            Series(name, tuple(float(v) for v in values)) for name, values in series.items()
        ),
        axis=axis,
        decimals=decimals,
        percent=percent,
        chart=chart,
    )


def missing(what: str, when: str) -> Paragraph:
    """A capability the model does not have yet, said in the document (never invented)."""
    return Paragraph(f"{what} volgt wanneer {when}. Dit deel vult zich dan vanzelf.", "missing")


def and_list(items: Sequence[str]) -> str:
    """``a, b en c``."""
    items = [i for i in items if i]
    if not items:
        return ""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " en " + items[-1]


def weighted_mean(values: pd.Series | np.ndarray, weights: pd.Series | np.ndarray) -> float:
    """The mean of ``values`` weighted by ``weights`` (NaN without weight)."""
    v = np.asarray(values, dtype=float)
    w = np.asarray(weights, dtype=float)
    total = w.sum()
    return float((v * w).sum() / total) if total > 0 else float("nan")


def households(n: float) -> str:
    """``1 huishouden``, ``412 huishoudens``."""
    return f"{nl.num(n)} {'huishouden' if round(n) == 1 else 'huishoudens'}"


def dwellings(n: float) -> str:
    """``1 woning``, ``412 woningen``."""
    return f"{nl.num(n)} {'woning' if round(n) == 1 else 'woningen'}"


def period_of(years: np.ndarray) -> np.ndarray:
    """The construction period of each year (names of
    :data:`~wupmodel.vocabulary.CONSTRUCTION_PERIODS`)."""
    years = np.asarray(years, dtype=np.int64)
    starts = np.array([lo for _name, lo, _hi in CONSTRUCTION_PERIODS])
    names = np.array([name for name, _lo, _hi in CONSTRUCTION_PERIODS], dtype=object)
    return names[np.searchsorted(starts, years, side="right") - 1]

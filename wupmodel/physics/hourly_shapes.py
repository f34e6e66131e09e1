"""Shapes to hours: fitting hourly shapes to monthly totals, and summing them over rows.

Every component of a row (appliances, hot water, PV, the gas or network heat for space
heating, ...) is a shared hourly shape carried to the row's monthly totals: in month m its hours
are ``a[m] · shape + b[m]``, with a = total / (the shape's sum in m) but at most ``max_scale``
times the year's factor, and b the rest of the total spread evenly over the month's hours
(:func:`month_coefficients`).
Because the shape is shared, the coincident sum over many rows of a linear component needs no
per-row hours at all: Σ_rows count·(a·shape + b) = (Σ count·a)·shape + Σ count·b, per curve,
shape and month (:func:`coincident_sum`). Only the components that are not linear in a shape
(heat-pump electricity, self-consumption, batteries) are computed row by row.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from wupmodel.physics.hourly_data import HOURS, MONTH_HOURS, MONTH_START, HourlyCurves

__all__ = [
    "ShapeBank",
    "shape_bank",
    "month_sums",
    "month_coefficients",
    "hours_of",
    "fit_months",
    "coincident_sum",
    "SPACE_SHAPES",
    "APPLIANCES",
    "HOT_WATER",
    "FLAT",
    "PV",
]

_TINY = 1e-12
#: Rows 0..14 of the bank: space heat of ETM house type h and insulation i at 3·h + i.
SPACE_SHAPES = 15
APPLIANCES, HOT_WATER, FLAT, PV = 15, 16, 17, 18


@dataclass(frozen=True)
class ShapeBank:
    """The shared hourly shapes of one weather year in the pass's dtype.

    Attributes
    ----------
    shapes
        (19, H): the 15 space-heat shapes, appliances, hot water, flat (ones), PV.
    sums
        (19, 12) float64: each shape's sum in each month.
    """

    shapes: np.ndarray
    sums: np.ndarray


def shape_bank(curves: HourlyCurves, dtype: type) -> ShapeBank:
    """The :class:`ShapeBank` of ``curves``."""
    shapes = np.concatenate(
        [
            curves.space_heat.reshape(SPACE_SHAPES, HOURS),
            np.stack([curves.appliances, curves.hot_water, np.ones(HOURS), curves.pv]),
        ]
    ).astype(dtype)
    return ShapeBank(shapes=shapes, sums=month_sums(shapes))


def month_sums(hours: np.ndarray) -> np.ndarray:
    """Sums over each calendar month of (..., H) hours, shape (..., 12), float64.

    Each day is summed in the hours' dtype (24 values), the days of a month in float64, so a
    float32 month sum is good to ~1e-7 relative.
    """
    days = hours.reshape(*hours.shape[:-1], -1, 24).sum(axis=-1, dtype=hours.dtype)
    return np.add.reduceat(days.astype(np.float64), MONTH_START[:-1] // 24, axis=-1)


def month_coefficients(
    target: np.ndarray, shape_sums: np.ndarray, max_scale: float
) -> tuple[np.ndarray, np.ndarray]:
    """(a, b), each shaped like ``target`` (..., 12): hours = a·shape + b meet the target.

    a = target / shape sum, the month's own factor, but at most ``max_scale`` × the year's
    factor (the year's target / the shape's year sum), so that a month the shape leaves nearly
    empty is not scaled up steeply; 0 where the shape is empty. b is what a leaves of the
    month's target, per hour of the month.
    """
    year = np.sum(target, axis=-1, keepdims=True) / np.maximum(
        np.sum(shape_sums, axis=-1, keepdims=True), _TINY
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        a = np.minimum(np.where(shape_sums > _TINY, target / shape_sums, 0.0), max_scale * year)
    b = np.maximum(target - a * shape_sums, 0.0) / MONTH_HOURS
    return a, np.where(b > _TINY * np.maximum(np.abs(target), 1.0) / MONTH_HOURS, b, 0.0)


def hours_of(a: np.ndarray, b: np.ndarray, shape_rows: np.ndarray) -> np.ndarray:
    """(r, H) hours a·shape + b of each row, month by month; ``shape_rows`` (r, H) or (H,).

    ``a``, ``b`` (r, 12). A (r, H) ``shape_rows`` is overwritten and returned.
    """
    dtype = shape_rows.dtype
    if shape_rows.ndim == 1:
        out = np.empty((a.shape[0], HOURS), dtype=dtype)
        out[:] = shape_rows
    else:
        out = shape_rows
    a, b = a.astype(dtype), b.astype(dtype)
    with_b = np.flatnonzero((b > 0).any(axis=1))
    for m in range(12):  # twelve months, each over all rows and hours at once
        part = out[:, MONTH_START[m] : MONTH_START[m + 1]]
        part *= a[:, m, None]
        if with_b.size:
            part[with_b] += b[with_b, m, None]
    return out


def fit_months(hours: np.ndarray, target: np.ndarray, max_scale: float) -> np.ndarray:
    """Make each row's own hours (r, H) meet ``target`` (r, 12) in every month, in place.

    :func:`month_coefficients` with the row's own month sums; rows whose target has a NaN
    are left as they are. Returns ``hours``.
    """
    keep = np.isnan(target).any(axis=1)
    fit = np.flatnonzero(~keep)
    if fit.size == 0:
        return hours
    whole = fit.size == hours.shape[0]
    sub = hours if whole else hours[fit]
    a, b = month_coefficients(target[fit], month_sums(sub), max_scale)
    sub = hours_of(a, b, sub)
    if not whole:
        hours[fit] = sub
    return hours


def coincident_sum(
    coefficients: list[tuple[np.ndarray, np.ndarray, np.ndarray]],
    weights: np.ndarray,
    curve: np.ndarray,
    n_curves: int,
    bank: ShapeBank,
) -> np.ndarray:
    """Σ over rows of weight × (a·shape + b) per curve and hour, (K, H) float64.

    Parameters
    ----------
    coefficients
        One (shape index (n,), a (n, 12), b (n, 12)) per component.
    weights
        Per row (count; 0 leaves a row out), (n,).
    curve
        Curve of each row, (n,).
    n_curves
        K.
    bank
        The shapes.
    """
    n_shapes = bank.shapes.shape[0]
    coef_a = np.zeros((n_curves, n_shapes, 12))
    coef_b = np.zeros((n_curves, 12))
    for shape, a, b in coefficients:  # a handful of components
        np.add.at(coef_a, (curve, shape), weights[:, None] * a)
        np.add.at(coef_b, curve, weights[:, None] * b)
    out = np.empty((n_curves, HOURS))
    shapes = bank.shapes.astype(np.float64)
    for m in range(12):
        sl = slice(MONTH_START[m], MONTH_START[m + 1])
        np.matmul(coef_a[:, :, m], shapes[:, sl], out=out[:, sl])
        out[:, sl] += coef_b[:, m, None]
    return out

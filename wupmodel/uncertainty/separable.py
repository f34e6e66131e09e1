"""Samples over physical parameters along a sample axis, where the model is separable in them.

A sweep whose samples also move parameters (a PV yield, a cost, a heat pump's field factor)
has a different parameter set in every sample, so the price-only grouping of
:mod:`wupmodel.uncertainty.sweep` would evaluate the village once per sample. Most of the
model is *separable* in such a parameter per dwelling group: a yield scales production, a cost
an investment, a field factor the electricity through its inverse. This module uses that:

1. **Anchors.** The model is evaluated on a grid of three values (lowest sampled, middle,
   highest) of each of the ``m`` moving parameters, ``3^m`` points, each with the price
   steps of the affine price path (``k + 2`` evaluations per point), on the executor.
2. **Fit per dwelling group.** Each group's values and price coefficients are fitted as
   multilinear in the parameters, or in their inverses (an efficiency), from the ``2^m``
   corners, and checked at every other grid point to 1e-9; a group whose check fails for
   both (a subsidy cap, a loan limit or a switch of option inside the range) is *not fitted*.
   The village's collective costs are fitted the same way (if they are not separable, the
   sweep evaluates sample by sample). Two whole samples, evaluated in full, check the fit
   again; a group that disagrees is not fitted either.
3. **The sample axis.** Fitted groups: every sample is a weighted sum of the corners' affine
   price responses, formed as matrix products in chunks of samples. Groups not fitted: each
   sample is evaluated in full on just those dwellings (plus one dwelling that keeps the
   stock's heat-network zoning), in chunks of samples on the executor.

The result is the per-sample evaluation's to 1e-9 (``tests/uncertainty/test_separable.py``
against full evaluations); identical dwellings are grouped once.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from wupmodel.inputs import model_inputs
from wupmodel.uncertainty.distributions import UncertainInput
from wupmodel.uncertainty.figures import point_figures
from wupmodel.uncertainty.samples import (
    is_linear_price,
    sample_inputs,
    sample_nonlinear_inputs,
    sample_price_inputs,
)

__all__ = ["MAX_SEPARABLE_INPUTS", "separable_plan", "SeparablePlan"]

#: At most this many moving parameters go along the sample axis (3^m grid points).
MAX_SEPARABLE_INPUTS = 3

#: The fit is used when the samples are at least this many times the grid's evaluations.
MIN_SAMPLES_PER_EVALUATION = 2

#: Relative tolerance of every check (of a field's largest value, at least 1).
FIT_RTOL = 1e-9

#: Whole samples evaluated to check the fit once more.
CHECK_SAMPLES = 2

#: Samples formed at once (bounds memory: chunk × fields × strategies × groups).
CHUNK = 256


@dataclass(frozen=True)
class SeparablePlan:
    """Which inputs move along the sample axis and where the grid's anchors lie.

    Attributes
    ----------
    moving
        Columns (in the design) of the nonlinear inputs whose sampled values differ.
    prices
        Columns of the linear price inputs.
    anchors
        (m, 3) lowest, middle and highest sampled value of each moving input.
    centre
        The design's values at the grid's centre (the constant nonlinear inputs as sampled).
    """

    moving: tuple[int, ...]
    prices: tuple[int, ...]
    anchors: NDArray
    centre: NDArray

    @property
    def grid(self) -> list[tuple[int, ...]]:
        """The grid points as indices into each input's three anchors."""
        return list(itertools.product(range(3), repeat=len(self.moving)))

    def row(self, point: Sequence[int]) -> NDArray:
        """The input values of a grid point (prices at the centre's)."""
        row = self.centre.copy()
        for j, i in enumerate(self.moving):
            row[i] = self.anchors[j, point[j]]
        return row


def separable_plan(values: NDArray, inputs: Sequence[UncertainInput]) -> SeparablePlan | None:
    """The plan for a design, or ``None`` when the sample axis does not pay (no moving
    parameter, more than :data:`MAX_SEPARABLE_INPUTS`, or too few samples)."""
    nonlinear = [i for i, x in enumerate(inputs) if not is_linear_price(x)]
    moving = tuple(i for i in nonlinear if np.ptp(values[:, i]) > 0)
    prices = tuple(i for i, x in enumerate(inputs) if is_linear_price(x))
    if not moving or len(moving) > MAX_SEPARABLE_INPUTS:
        return None
    evaluations = 3 ** len(moving) * (len(prices) + 2) + CHECK_SAMPLES
    if values.shape[0] < MIN_SAMPLES_PER_EVALUATION * evaluations:
        return None
    lo, hi = values[:, moving].min(axis=0), values[:, moving].max(axis=0)
    anchors = np.stack([lo, (lo + hi) / 2.0, hi], axis=1)
    centre = values[0].copy()
    for i in prices:
        centre[i] = inputs[i].base
    return SeparablePlan(moving, prices, anchors, centre)


# ---------------------------------------------------------------------------------------------
# tasks (run on the executor)


def anchor_task(shared, task: tuple[int, NDArray, NDArray]):
    """One grid point: its values (M, S, G), price coefficients (k, M, S, G), collective
    extras (S,) and, at the grid's centre, the price response checked at one sample's prices.

    ``task``: (grid index, the point's input row, the prices to check with (or empty)).
    """
    index, row, check_prices = task
    uncertain = shared.inputs
    cols = [i for i, x in enumerate(uncertain) if is_linear_price(x)]
    point = sample_nonlinear_inputs(model_inputs(shared.scenario), uncertain, row)
    theta0 = np.array([uncertain[i].base for i in cols])
    step = 0.5

    def at(theta: NDArray) -> NDArray:
        pairs = [(uncertain[i], t) for i, t in zip(cols, theta, strict=True)]
        return point_figures(shared, sample_price_inputs(point, pairs))[0]

    v0, coll = point_figures(shared, point)
    coef = np.stack(
        [(at(theta0 + step * np.eye(len(cols))[k]) - v0) / step for k in range(len(cols))]
    )
    affine = True
    if check_prices.size:
        check = at(check_prices)
        predicted = v0 + np.tensordot(check_prices - theta0, coef, axes=1)
        affine = bool(np.all(np.abs(predicted - check) <= FIT_RTOL * _scale(check)))
    return index, v0, coef.reshape((len(cols),) + v0.shape), coll, affine


def sample_task(shared, task: tuple[NDArray, NDArray, pd.DataFrame | None]):
    """Whole samples, in full: on the stock (``sub`` None) or on a part of it; returns the
    sample ids, values (n, M, S, G) and collective extras (n, S)."""
    ids, rows, sub = task
    own = shared if sub is None else _with_stock(shared, sub)
    base = model_inputs(shared.scenario)
    values, colls = [], []
    for row in rows:  # the samples this task was given: evaluated one by one, by design
        v, c = point_figures(own, sample_inputs(base, shared.inputs, row), collective=sub is None)
        values.append(v)
        colls.append(c)
    return ids, np.stack(values), np.stack(colls)


def _with_stock(shared, stock: pd.DataFrame):
    from dataclasses import replace

    return replace(shared, stock=stock)


def _scale(a: NDArray) -> NDArray:
    """Per field (first axis of the last three) the largest magnitude, at least 1."""
    return np.maximum(1.0, np.abs(a).max(axis=(-2, -1), keepdims=True))


# ---------------------------------------------------------------------------------------------
# the fit


@dataclass(frozen=True)
class _Fit:
    """Corners per transform and which transform (or none) each group takes."""

    corners: NDArray  #: (2^m, 1 + k, M, S, G) value and price coefficients at the corners
    transform: NDArray  #: (G,) index into ``transforms``, -1 = not fitted
    transforms: list[tuple[bool, ...]]  #: per moving input, True = fitted in its inverse
    coll_transform: tuple[bool, ...]
    coll_corners: NDArray  #: (2^m, S)


def _coordinate(p: NDArray, inverse: bool) -> NDArray:
    return 1.0 / p if inverse else p


def _weights(plan: SeparablePlan, values: NDArray, transform: Sequence[bool]) -> NDArray:
    """(n, 2^m) multilinear weights of the corners at the moving inputs' ``values`` (n, m)."""
    n, m = values.shape
    w = np.ones((n, 2**m))
    for j in range(m):
        lo, hi = plan.anchors[j, 0], plan.anchors[j, 2]
        u, u0, u1 = (
            _coordinate(np.asarray(x, float), transform[j]) for x in (values[:, j], lo, hi)
        )
        alpha = (u - u0) / (u1 - u0)
        bit = (np.arange(2**m) >> (m - 1 - j)) & 1
        w *= np.where(bit[None, :] == 1, alpha[:, None], 1.0 - alpha[:, None])
    return w


def fit(
    plan: SeparablePlan, grid: list[tuple[int, ...]], stacked: NDArray, colls: NDArray
) -> _Fit | None:
    """Fit every group from the corners and check it at the other grid points.

    ``stacked``: (3^m, 1 + k, M, S, G) per grid point; ``colls``: (3^m, S). ``None`` when the
    collective extras are not separable.
    """
    m = len(plan.moving)
    corner_idx = [
        grid.index(tuple(2 * b for b in bits)) for bits in itertools.product((0, 1), repeat=m)
    ]
    corners = stacked[corner_idx]
    at = np.array([[plan.anchors[j, p[j]] for j in range(m)] for p in grid])  # (3^m, m)
    positive = bool((plan.anchors[:, 0] > 0).all())
    options = [t for t in itertools.product((False, True), repeat=m) if positive or not any(t)]
    scale = np.maximum(1.0, np.abs(stacked).max(axis=(0, 3, 4), keepdims=True))[0]  # (1+k, M, 1, 1)
    transform = np.full(stacked.shape[-1], -1)
    for t_index, t in enumerate(options):
        w = _weights(plan, at, t)  # (3^m, 2^m)
        predicted = np.tensordot(w, corners, axes=1)  # (3^m, 1+k, M, S, G)
        err = (np.abs(predicted - stacked) / scale[None]).max(axis=(0, 1, 2, 3))
        transform[(transform < 0) & (err <= FIT_RTOL)] = t_index
    coll_t = None
    coll_scale = max(1.0, float(np.abs(colls).max()))
    for t in options:
        w = _weights(plan, at, t)
        if np.abs(w @ colls[corner_idx] - colls).max() <= FIT_RTOL * coll_scale:
            coll_t = t
            break
    if coll_t is None:
        return None
    return _Fit(corners, transform, options, coll_t, colls[corner_idx])


def predict(plan: SeparablePlan, f: _Fit, rows: NDArray, groups: NDArray) -> NDArray:
    """Values (n, M, S, len(groups)) of the fitted ``groups`` at the design's ``rows``.

    Per transform one matrix product: the samples' corner weights times their price steps,
    (n, 2^m (1 + k)), by the corners' values and price coefficients, (2^m (1 + k), M S G).
    """
    n = rows.shape[0]
    moving = rows[:, list(plan.moving)]
    d1 = np.concatenate(
        [np.ones((n, 1)), rows[:, list(plan.prices)] - plan.centre[list(plan.prices)]], axis=1
    )
    all_groups = groups.size == f.corners.shape[-1] and bool(
        (groups == np.arange(groups.size)).all()
    )
    out = np.zeros((n,) + f.corners.shape[2:4] + (groups.size,))
    for t_index, t in enumerate(f.transforms):
        sel = np.flatnonzero(f.transform[groups] == t_index)
        if not sel.size:
            continue
        whole = sel.size == groups.size
        corners = f.corners if whole and all_groups else f.corners[..., groups[sel]]
        w = _weights(plan, moving, t)  # (n, 2^m)
        x = (w[:, :, None] * d1[:, None, :]).reshape(n, -1)
        product = (x @ corners.reshape(x.shape[1], -1)).reshape(
            (n,) + corners.shape[2:4] + (sel.size,)
        )
        if whole:
            out += product
        else:
            out[..., sel] += product
    return out


def predict_collective(plan: SeparablePlan, f: _Fit, rows: NDArray) -> NDArray:
    """Collective extras (n, S) at the design's ``rows``."""
    w = _weights(plan, rows[:, list(plan.moving)], f.coll_transform)
    return w @ f.coll_corners


# ---------------------------------------------------------------------------------------------
# the driver


def _part_of_stock(
    stock: pd.DataFrame, inverse: NDArray, groups: NDArray
) -> tuple[pd.DataFrame, NDArray]:
    """The dwellings of ``groups`` (plus, where the stock has heat-network zones and they have
    none, one zoned dwelling, so that zoning is read as for the whole stock), and for each of
    ``groups`` its group in that part."""
    from wupmodel.stock import group_stock

    rows = np.flatnonzero(np.isin(inverse, groups))
    zone = stock["heat_network_zone"] if "heat_network_zone" in stock else None
    if zone is not None:
        zoned = zone.notna() & (zone.astype(str) != "")
        if zoned.any() and not zoned.iloc[rows].any():
            rows = np.append(rows, int(np.flatnonzero(zoned.to_numpy())[0]))
    part = stock.iloc[rows].reset_index(drop=True)
    _, inv_part = group_stock(part)
    where = {int(g): int(s) for g, s in zip(inverse[rows], inv_part, strict=True)}
    return part, np.array([where[int(g)] for g in groups])


# long because the sweep's state (design, shared inputs, executor, the figures' reduction) is
# handed over in one call from sweep() and each is used here
def separable_results(d, shared, ex, progress, task_samples: int, reduce) -> list | None:
    """The sweep's results along the sample axis (module docstring), or ``None`` when the
    design does not suit it (the caller then evaluates as before).

    ``reduce(values, coll)`` turns values (n, M, S, G) and collective extras (n, S) into the
    figures of :func:`wupmodel.uncertainty.sweep.reduce_figures`.
    """
    from wupmodel.stock import group_stock

    plan = separable_plan(d.values, d.inputs)
    if plan is None:
        return None
    grid = plan.grid
    centre = grid.index((1,) * len(plan.moving))
    check_prices = d.values[0, list(plan.prices)]
    tasks = [
        (i, plan.row(p), check_prices if i == centre else np.zeros(0)) for i, p in enumerate(grid)
    ]
    points = sorted(ex.map(anchor_task, tasks, shared, progress=progress), key=lambda r: r[0])
    if not all(p[4] for p in points):
        return None  # the price response is not affine here: sample by sample
    stacked = np.stack([np.concatenate([p[1][None], p[2]]) for p in points])
    f = fit(plan, grid, stacked, np.stack([p[3] for p in points]))
    if f is None:
        return None
    n_groups = stacked.shape[-1]
    check = np.unique(np.linspace(0, d.n_samples - 1, CHECK_SAMPLES).astype(int))
    _, seen, seen_coll = sample_task(shared, (check, d.values[check], None))
    everyone = np.arange(n_groups)
    expected = predict(plan, f, d.values[check], everyone)
    off = (np.abs(expected - seen) / _scale(seen)).max(axis=(0, 1, 2)) > FIT_RTOL
    transform = np.where(off, -1, f.transform)
    coll_off = np.abs(predict_collective(plan, f, d.values[check]) - seen_coll).max()
    if coll_off > FIT_RTOL * max(1.0, float(np.abs(seen_coll).max())):
        return None
    f = _Fit(f.corners, transform, f.transforms, f.coll_transform, f.coll_corners)
    fitted, rest = np.flatnonzero(transform >= 0), np.flatnonzero(transform < 0)
    rest_values = None
    if rest.size:
        _, inverse = group_stock(shared.stock)
        part, position = _part_of_stock(shared.stock, inverse, rest)
        tasks = [
            (ids, d.values[ids], part)
            for ids in np.array_split(
                np.arange(d.n_samples), max(1, -(-d.n_samples // task_samples))
            )
        ]
        rest_values = np.empty((d.n_samples,) + stacked.shape[2:4] + (rest.size,))
        for ids, values, _ in ex.map(sample_task, tasks, shared, progress=progress):
            rest_values[ids] = values[..., position]
    parts = []
    for start in range(0, d.n_samples, CHUNK):
        rows = d.values[start : start + CHUNK]
        if rest_values is None:
            values = predict(plan, f, rows, fitted)
        else:
            values = np.empty((rows.shape[0],) + stacked.shape[2:])
            values[..., fitted] = predict(plan, f, rows, fitted)
            values[..., rest] = rest_values[start : start + CHUNK]
        parts.append(reduce(values, predict_collective(plan, f, rows)))
    figures = {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}
    note = (
        f"{d.n_samples} samples along the sample axis over {len(plan.moving)} parameter(s) and "
        f"{len(plan.prices)} price inputs ({len(grid)} grid points x {len(plan.prices) + 2} "
        f"evaluations); {rest.size} of {n_groups} dwelling groups not separable, evaluated "
        "sample by sample"
    )
    return [(np.arange(d.n_samples), figures, note)]

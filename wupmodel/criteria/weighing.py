"""Weighing alternatives on several criteria: normalisation, weighted sum, TOPSIS, robustness.

All functions are pure NumPy on a decision matrix of A alternatives × C criteria.

* :func:`normalise` turns every criterion into "more is better" on a common scale: min-max
  (default), vector (x / ‖x‖) or sum (x / Σx), cost criteria flipped as in pymcdm (min-max:
  (max − x) / (max − min); vector: 1 − x / ‖x‖; sum: (1/x) / Σ(1/x)). An optional ``min_range``
  per criterion is the smallest difference that matters: a criterion whose values differ less
  than that does not reach the full scale.
* :func:`weighted_sum` and :func:`topsis` score alternatives for one weight vector (C,) or for
  many at once (S, C). TOPSIS (Hwang & Yoon 1981) takes the distance of the weighted normalised
  alternatives to the ideal (column maxima) and anti-ideal (column minima), closeness
  D⁻ / (D⁺ + D⁻); with weights ≥ 0 the squared distances are w² · (n − n_max)², so S weightings
  cost two matrix products.
* :func:`robustness`: the share of weightings drawn uniformly from the weight simplex
  (Dirichlet(1, …, 1): normalised exponential draws) in which each alternative ranks first; ties
  share the place.
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "NORMALISATIONS",
    "METHODS",
    "normalise",
    "weighted_sum",
    "topsis",
    "scores",
    "ranks",
    "first_place_shares",
    "simplex_weights",
    "simplex_grid",
    "robustness",
]

NORMALISATIONS: tuple[str, ...] = ("minmax", "vector", "sum")
METHODS: tuple[str, ...] = ("weighted", "topsis")
_CHUNK = 25_000  # weightings scored at once by robustness()


def normalise(
    matrix: np.ndarray,
    higher_is_better: np.ndarray,
    method: str = "minmax",
    min_range: np.ndarray | None = None,
) -> np.ndarray:
    """Normalised decision matrix, every criterion "more is better".

    Parameters
    ----------
    matrix
        (A, C) values of A alternatives on C criteria.
    higher_is_better
        (C,) bool: True for a benefit criterion, False for a cost criterion.
    method
        ``minmax`` (in [0, 1]; a criterion without spread is 1 for all), ``vector`` or ``sum``
        (values must be > 0).
    min_range
        (C,) for ``minmax``: the smallest difference that matters; the divisor is
        max(max − min, min_range). None or 0: plain min-max.
    """
    x = np.asarray(matrix, dtype=float)
    benefit = np.asarray(higher_is_better, dtype=bool)
    if method == "minmax":
        lo, hi = x.min(axis=0), x.max(axis=0)
        spread = hi - lo
        if min_range is not None:
            spread = np.maximum(spread, np.asarray(min_range, dtype=float))
        safe = np.where(spread > 0, spread, 1.0)
        out = np.where(benefit, (x - lo) / safe, (hi - x) / safe)
        return np.where(spread > 0, out, 1.0)
    if method == "vector":
        norm = np.sqrt((x * x).sum(axis=0))
        r = x / np.where(norm > 0, norm, 1.0)
        return np.where(benefit, r, 1.0 - r)
    if method == "sum":
        if (x <= 0).any():
            raise ValueError("sum normalisation needs values above 0")
        return np.where(benefit, x / x.sum(axis=0), (1.0 / x) / (1.0 / x).sum(axis=0))
    raise ValueError(f"unknown normalisation {method!r}; allowed: {', '.join(NORMALISATIONS)}")


def weighted_sum(normalised: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Σ_c w_c · n_ac: (A,) for weights (C,), (S, A) for weights (S, C)."""
    return np.asarray(weights, dtype=float) @ np.asarray(normalised, dtype=float).T


def topsis(normalised: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """TOPSIS closeness D⁻ / (D⁺ + D⁻) (weights ≥ 0): (A,) for (C,), (S, A) for (S, C).

    Alternatives all at the same distance (no criterion separates them under the weights) get 0.5.
    """
    n = np.asarray(normalised, dtype=float)
    w2 = np.asarray(weights, dtype=float) ** 2
    d_plus = np.sqrt(w2 @ ((n - n.max(axis=0)) ** 2).T)
    d_minus = np.sqrt(w2 @ ((n - n.min(axis=0)) ** 2).T)
    total = d_plus + d_minus
    return np.where(total > 0, d_minus / np.where(total > 0, total, 1.0), 0.5)


def scores(normalised: np.ndarray, weights: np.ndarray, method: str = "topsis") -> np.ndarray:
    """Scores (higher is better) by ``method``: ``weighted`` or ``topsis``."""
    if method == "weighted":
        return weighted_sum(normalised, weights)
    if method == "topsis":
        return topsis(normalised, weights)
    raise ValueError(f"unknown method {method!r}; allowed: {', '.join(METHODS)}")


def _ties(score: np.ndarray) -> np.ndarray:
    """Tolerance under which two scores count as equal (rounding of the last bits)."""
    return 1e-12 * np.maximum(np.abs(score).max(axis=-1, keepdims=True), 1.0)


def ranks(score: np.ndarray) -> np.ndarray:
    """Rank of each alternative, 1 = best; equal scores share the better rank (1, 1, 3, ...)."""
    s = np.asarray(score, dtype=float)
    better = s[..., None, :] > s[..., :, None] + _ties(s)[..., None]
    return 1 + better.sum(axis=-1)


def first_place_shares(score: np.ndarray) -> np.ndarray:
    """(A,) share of the weightings (rows of ``score`` (S, A)) in which each alternative is first.

    An alternative tied for first gets an equal part of that weighting; the shares sum to 1.
    """
    s = np.atleast_2d(np.asarray(score, dtype=float))
    top = s >= s.max(axis=1, keepdims=True) - _ties(s)
    return (top / top.sum(axis=1, keepdims=True)).mean(axis=0)


def simplex_weights(n_samples: int, n_criteria: int, seed: int | None = 0) -> np.ndarray:
    """(S, C) weightings uniform over the simplex Σw = 1, w ≥ 0 (Dirichlet(1, …, 1))."""
    draws = np.random.default_rng(seed).standard_exponential((n_samples, n_criteria))
    return draws / draws.sum(axis=1, keepdims=True)


def simplex_grid(n_criteria: int, steps: int) -> np.ndarray:
    """Every weighting with weights k/steps (k integer) summing to 1, shape (K, C).

    The first C − 1 weights run over a grid of (steps + 1)^(C − 1) points; the last takes the
    rest where that is not negative.
    """
    axes = np.indices((steps + 1,) * (n_criteria - 1)).reshape(n_criteria - 1, -1).T
    last = steps - axes.sum(axis=1, keepdims=True)
    grid = np.hstack([axes, last])[last[:, 0] >= 0]
    return grid / steps


def robustness(
    normalised: np.ndarray,
    method: str = "topsis",
    n_samples: int = 100_000,
    seed: int | None = 0,
    weights: np.ndarray | None = None,
) -> np.ndarray:
    """(A,) share of weightings in which each alternative ranks first; sums to 1.

    Parameters
    ----------
    normalised
        (A, C) normalised decision matrix.
    method
        ``weighted`` or ``topsis``.
    n_samples, seed
        Weightings drawn uniformly from the simplex (ignored when ``weights`` is given).
    weights
        (S, C) explicit weightings (e.g. :func:`simplex_grid`).
    """
    n = np.asarray(normalised, dtype=float)
    w = simplex_weights(n_samples, n.shape[1], seed) if weights is None else np.asarray(weights)
    total = np.zeros(n.shape[0])
    for lo in range(0, len(w), _CHUNK):  # chunks of weightings bound the memory
        block = w[lo : lo + _CHUNK]
        total += first_place_shares(scores(n, block, method)) * len(block)
    return total / len(w)

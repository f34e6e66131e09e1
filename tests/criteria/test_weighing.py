"""Weighing: published worked examples, pymcdm, robustness against brute-force enumeration."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pymcdm import normalizations as pn
from pymcdm.methods import TOPSIS, WSM

from wupmodel.criteria import (
    first_place_shares,
    normalise,
    ranks,
    robustness,
    scores,
    simplex_grid,
    simplex_weights,
    topsis,
    weighted_sum,
)


def test_topsis_reproduces_the_pymcdm_documentation_example():
    """pymcdm TOPSIS docstring (pymcdm.readthedocs.io, methods.TOPSIS; data of Opricovic &
    Tzeng 2004): f1 = [1, 2, 5] (cost), f2 = [3000, 3750, 4500] (benefit), weights 0.5/0.5,
    min-max normalisation -> preferences [0.500, 0.617, 0.500]."""
    matrix = np.array([[1, 2, 5], [3000, 3750, 4500]], float).T
    n = normalise(matrix, np.array([False, True]))
    got = topsis(n, np.array([0.5, 0.5]))
    assert [round(float(p), 3) for p in got] == [0.500, 0.617, 0.500]


def test_weighted_sum_reproduces_the_pymcdm_documentation_example():
    """pymcdm WSM docstring: a 5 x 4 matrix, weights 8/13, 5/13, 6/13, 7/13, types
    [1, 1, -1, -1], sum normalisation -> [0.609, 0.313, 0.334, 0.265, 0.479]."""
    matrix = np.array(
        [[96, 83, 75, 7], [63, 5, 56, 9], [72, 30, 32, 48], [11, 4, 27, 9], [77, 21, 17, 11]],
        float,
    )
    n = normalise(matrix, np.array([True, True, False, False]), "sum")
    got = weighted_sum(n, np.array([8, 5, 6, 7]) / 13)
    assert [round(float(p), 3) for p in got] == [0.609, 0.313, 0.334, 0.265, 0.479]


@pytest.mark.filterwarnings("ignore::UserWarning")  # pymcdm: "dominated alternatives"
@settings(max_examples=80, deadline=None)
@given(
    a=st.integers(2, 7),
    c=st.integers(1, 6),
    seed=st.integers(0, 10_000),
)
def test_same_as_pymcdm(a, c, seed):
    """Equal to pymcdm 1.x (TOPSIS with min-max and vector normalisation, WSM with sum and
    min-max normalisation) on random decision matrices."""
    rng = np.random.default_rng(seed)
    matrix = rng.uniform(1, 100, (a, c))
    types = np.where(rng.random(c) < 0.5, 1, -1)
    w = rng.random(c) + 0.01
    w /= w.sum()
    benefit = types > 0
    for ours, theirs in (
        (normalise(matrix, benefit), TOPSIS()),
        (normalise(matrix, benefit, "vector"), TOPSIS(pn.vector_normalization)),
    ):
        np.testing.assert_allclose(topsis(ours, w), theirs(matrix, w, types), atol=1e-12)
    for ours, theirs in (
        (normalise(matrix, benefit, "sum"), WSM()),
        (normalise(matrix, benefit), WSM(pn.minmax_normalization)),
    ):
        np.testing.assert_allclose(weighted_sum(ours, w), theirs(matrix, w, types), atol=1e-12)


def test_many_weightings_at_once_equal_one_at_a_time():
    rng = np.random.default_rng(3)
    n = normalise(rng.random((5, 4)), np.array([True, False, True, False]))
    w = simplex_weights(50, 4, seed=1)
    for method in ("weighted", "topsis"):
        many = scores(n, w, method)
        one = np.array([scores(n, row, method) for row in w])
        np.testing.assert_allclose(many, one, atol=1e-14)


def _brute_force_first(matrix01, grid, method):
    """One weighting at a time, plain Python: who is first (ties share)."""
    shares = [0.0] * len(matrix01)
    for w in grid:
        if method == "weighted":
            s = [sum(wi * x for wi, x in zip(w, row, strict=True)) for row in matrix01]
        else:
            cols = list(zip(*matrix01, strict=True))
            best, worst = [max(c) for c in cols], [min(c) for c in cols]
            s = []
            for row in matrix01:
                dp = sum((wi * (x - b)) ** 2 for wi, x, b in zip(w, row, best, strict=True)) ** 0.5
                dm = sum((wi * (x - m)) ** 2 for wi, x, m in zip(w, row, worst, strict=True)) ** 0.5
                s.append(dm / (dp + dm) if dp + dm > 0 else 0.5)
        top = max(s)
        firsts = [i for i, v in enumerate(s) if v >= top - 1e-12 * max(abs(top), 1.0)]
        for i in firsts:
            shares[i] += 1.0 / len(firsts) / len(grid)
    return shares


@pytest.mark.parametrize("method", ["weighted", "topsis"])
def test_robustness_equals_brute_force_enumeration(method):
    """Three strategies, four criteria, every weighting on a grid of steps 1/10."""
    matrix = np.array([[10.0, 3.0, 0.2, 7.0], [12.0, 1.0, 0.5, 6.0], [9.0, 2.0, 0.9, 9.0]])
    n = normalise(matrix, np.array([False, True, False, True]))
    grid = simplex_grid(4, 10)
    assert len(grid) == 286  # C(10 + 3, 3) weightings
    assert {tuple(np.round(w * 10).astype(int)) for w in grid} == {
        k for k in itertools.product(range(11), repeat=4) if sum(k) == 10
    }
    got = robustness(n, method, weights=grid)
    expected = _brute_force_first(n.tolist(), grid.tolist(), method)
    np.testing.assert_allclose(got, expected, atol=1e-12)
    assert got.sum() == pytest.approx(1.0)
    # random weightings uniform over the simplex agree with a fine grid (uniform points)
    fine = robustness(n, method, weights=simplex_grid(4, 60))
    np.testing.assert_allclose(robustness(n, method, 100_000, seed=7), fine, atol=0.01)


def test_random_weightings_are_uniform_over_the_simplex():
    """Dirichlet(1, 1, 1): each weight has mean 1/3 and P(w1 < 1/2) = 1 - (1/2)² = 0.75."""
    w = simplex_weights(200_000, 3, seed=11)
    np.testing.assert_allclose(w.sum(axis=1), 1.0)
    np.testing.assert_allclose(w.mean(axis=0), 1 / 3, atol=0.003)
    assert (w[:, 0] < 0.5).mean() == pytest.approx(0.75, abs=0.004)


def test_ranks_and_ties():
    np.testing.assert_array_equal(ranks(np.array([0.2, 0.9, 0.9, 0.1])), [3, 1, 1, 4])
    shares = first_place_shares(np.array([[1.0, 1.0, 0.0], [0.0, 2.0, 1.0]]))
    np.testing.assert_allclose(shares, [0.25, 0.75, 0.0])


def test_smallest_difference_that_matters():
    """A criterion whose values differ by less than ``min_range`` does not reach the full scale."""
    matrix = np.array([[0.000], [0.003], [0.001]])
    np.testing.assert_allclose(normalise(matrix, [False]).ravel(), [1.0, 0.0, 2 / 3])
    np.testing.assert_allclose(
        normalise(matrix, [False], min_range=[0.05]).ravel(), [0.06, 0.0, 0.04]
    )
    np.testing.assert_allclose(normalise(np.array([[5.0], [5.0]]), [True]).ravel(), [1.0, 1.0])


@settings(max_examples=300, deadline=None)
@given(
    seed=st.integers(0, 100_000),
    a=st.integers(2, 6),
    c=st.integers(2, 6),
    boost=st.floats(0.01, 10),
)
def test_more_weight_never_lowers_the_best_on_that_criterion(seed, a, c, boost):
    """Weighted sum: a larger weight on a criterion never lowers the rank of the alternative
    best on it."""
    rng = np.random.default_rng(seed)
    n = normalise(rng.random((a, c)), rng.random(c) < 0.5, min_range=rng.random(c) * 0.5)
    k = int(rng.integers(c))
    best = int(np.argmax(n[:, k]))
    w = rng.random(c)
    w /= w.sum()
    more = w.copy()
    more[k] += boost
    more /= more.sum()
    assert ranks(weighted_sum(n, more))[best] <= ranks(weighted_sum(n, w))[best]


def test_topsis_does_not_guarantee_it():
    """TOPSIS can lower that rank (its ideal and anti-ideal move with the weights): tripling the
    weight of criterion 1, on which alternative 2 is best, drops alternative 2 from first to
    second. Why the property is asserted for the weighted sum only."""
    matrix = np.array([[0.2, 0.2, 0.9], [0.8, 0.7, 0.1], [0.7, 0.5, 0.4]])
    n = normalise(matrix, np.ones(3, bool))
    w = np.array([0.4, 1.0, 1.0]) / 2.4
    more = np.array([1.2, 1.0, 1.0]) / 3.2
    assert ranks(topsis(n, w))[1] == 1 and ranks(topsis(n, more))[1] == 2
    assert ranks(weighted_sum(n, more))[1] <= ranks(weighted_sum(n, w))[1]

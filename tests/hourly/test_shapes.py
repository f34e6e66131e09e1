"""Fitting hourly shapes to monthly totals, and coincident sums without per-row hours."""

from __future__ import annotations

import numpy as np
import pytest

from wupmodel.physics import HOURS, MONTH_HOURS, MONTH_START, hourly_curves
from wupmodel.physics.hourly_shapes import (
    APPLIANCES,
    PV,
    coincident_sum,
    fit_months,
    hours_of,
    month_coefficients,
    month_sums,
    shape_bank,
)


def test_month_coefficients_by_hand():
    """A flat shape (1 per hour) and a target of 744 kWh in January: a = 1, b = 0. A shape
    with 10 % of its year in a month whose target is 40 % of the year would need a = 4 times
    the year's factor; with the cap at 2 the shape carries 2 x 10 % = 20 % and the other 20 %
    of the year is spread evenly over the month's hours."""
    flat = np.ones(HOURS)
    a, b = month_coefficients(MONTH_HOURS * 1.0, month_sums(flat), 2.0)
    np.testing.assert_allclose(a, 1.0)
    np.testing.assert_allclose(b, 0.0)
    sums = np.full(12, 0.9 / 11)
    sums[0] = 0.1
    target = np.full(12, 0.6 / 11)
    target[0] = 0.4
    a, b = month_coefficients(target * 1000, sums, 2.0)
    assert a[0] == pytest.approx(2.0 * 1000)  # the year's factor is 1000 / 1
    assert b[0] * MONTH_HOURS[0] == pytest.approx(200.0)
    assert a[1] == pytest.approx(1000 * (0.6 / 11) / (0.9 / 11))
    assert b[1] == 0.0


def test_fit_months_meets_every_target_and_keeps_nan_rows():
    rng = np.random.default_rng(3)
    hours = rng.random((4, HOURS)).astype(np.float32)
    hours[1, MONTH_START[4] : MONTH_START[5]] = 0.0  # an empty May
    target = rng.random((4, 12)) * 100
    target[3] = np.nan
    before = hours[3].copy()
    fit_months(hours, target, 2.0)
    np.testing.assert_allclose(month_sums(hours[:3]), target[:3], rtol=1e-6)
    # the empty May takes its total evenly over its hours
    may = hours[1, MONTH_START[4] : MONTH_START[5]]
    np.testing.assert_allclose(may, target[1, 4] / MONTH_HOURS[4], rtol=1e-6)
    np.testing.assert_array_equal(hours[3], before)


def test_hours_of_meets_the_targets_with_a_shared_shape():
    bank = shape_bank(hourly_curves(2015), np.float32)
    target = np.array([[100.0] * 12, [0.0] * 6 + [50.0] * 6])
    a, b = month_coefficients(target, bank.sums[[PV, PV]], 2.0)
    hours = hours_of(a, b, bank.shapes[PV])
    np.testing.assert_allclose(month_sums(hours), target, rtol=1e-6, atol=1e-9)
    assert (hours >= 0).all()


def test_coincident_sum_is_the_sum_of_the_rows_hours():
    """Σ count · (a · shape + b) per curve, without per-row hours = the per-row hours summed."""
    bank = shape_bank(hourly_curves(1987), np.float64)
    rng = np.random.default_rng(7)
    n = 9
    shape = rng.integers(0, 19, n)
    target = rng.random((n, 12)) * 500
    a, b = month_coefficients(target, bank.sums[shape], 1.5)
    count = rng.integers(1, 5, n).astype(float)
    curve = rng.integers(0, 3, n)
    got = coincident_sum([(shape, a, b)], count, curve, 3, bank)
    hours = hours_of(a, b, bank.shapes[shape].copy())
    for k in range(3):
        np.testing.assert_allclose(got[k], count[curve == k] @ hours[curve == k], rtol=1e-10)
    np.testing.assert_allclose(month_sums(got).sum(axis=0), (count[:, None] * target).sum(0))


def test_month_sums_in_float32_are_good_to_a_millionth():
    """Days summed in float32, months in float64: within 1e-6 of a float64 sum."""
    c = hourly_curves(2015)
    x = (np.outer(np.linspace(1, 5000, 50), c.appliances) * 7.3).astype(np.float32)
    exact = np.add.reduceat(x.astype(np.float64), MONTH_START[:-1], axis=1)
    np.testing.assert_allclose(month_sums(x), exact, rtol=1e-6)


def test_bank_rows_are_the_curves():
    c = hourly_curves(1997)
    bank = shape_bank(c, np.float32)
    np.testing.assert_array_equal(bank.shapes[APPLIANCES], c.appliances)
    np.testing.assert_array_equal(bank.shapes[PV], c.pv)
    np.testing.assert_array_equal(bank.shapes[3 * 2 + 1], c.space_heat[2, 1])  # semi-detached

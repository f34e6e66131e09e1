"""The moments: when boilers are due (against the renewal theory of a Weibull life), what is left
of a boiler when it is scrapped, and the steps of a plan."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from scipy import integrate, stats

from wupmodel.phasing import boiler_cohorts, period_starts, remaining_value_share
from wupmodel.stock import validate_stock


def test_remaining_lives_have_the_renewal_mean():
    """In a village that has always replaced boilers at the end of their life, the boiler in
    place has, on average, E[L²] / (2 E[L]) years left (renewal theory); for a Weibull life
    of mean 15 and shape 4 that is computed here from scipy's Weibull moments."""
    shape, mean = 4.0, 15.0
    life = stats.weibull_min(shape, scale=mean / math.gamma(1 + 1 / shape))
    expected = life.moment(2) / (2 * life.mean())
    n = 20_000
    stock = validate_stock(
        pd.DataFrame(
            {
                "dwelling_id": ["g"],
                "dwelling_type": ["tussenwoning"],
                "construction_year": [1980],
                "floor_area_m2": [100.0],
                "count": [n],
            }
        ),
        "test",
    )
    cohorts = boiler_cohorts(stock, 2026, mean, shape, seed=3)
    assert cohorts["count"].sum() == n
    # due = start + whole years left: the mean of the floors is the mean less about a half
    years_left = np.repeat(cohorts["due_year"] - 2026, cohorts["count"]).mean()
    assert years_left == pytest.approx(expected - 0.5, abs=0.05)


def test_a_known_boiler_is_due_at_its_median_remaining_life():
    """A boiler installed in 2011 (15 years old in 2026): the median of its remaining life
    given that it still runs, from the Weibull survival function by numerical integration
    of its hazard (independent of the closed form in the code)."""
    shape, mean = 4.0, 15.0
    scale = mean / math.gamma(1 + 1 / shape)
    age = 15.0

    def survival_from_hazard(t: float) -> float:
        hazard = lambda u: shape / scale * (u / scale) ** (shape - 1)  # noqa: E731
        return math.exp(-integrate.quad(hazard, 0, t)[0])

    target = 0.5 * survival_from_hazard(age)
    grid = np.linspace(0, 40, 4001)
    left = grid[np.argmax([survival_from_hazard(age + r) <= target for r in grid])]
    stock = validate_stock(
        pd.DataFrame(
            {
                "dwelling_id": ["x"],
                "dwelling_type": ["tussenwoning"],
                "construction_year": [1980],
                "floor_area_m2": [100.0],
                "boiler_year": [2011],
            }
        ),
        "test",
    )
    due = int(boiler_cohorts(stock, 2026, mean, shape)["due_year"].iloc[0])
    assert due == 2026 + math.floor(left)


def test_remaining_value_by_hand():
    # a boiler due in 2030 (life 15): in 2026 4/15 left, in 2030 nothing, in 2031 the new one
    # bought in 2030 has 14/15 left, in 2045 it is due again
    share = remaining_value_share(2030, np.array([2026, 2030, 2031, 2045]), 15)
    np.testing.assert_allclose(share, [4 / 15, 0, 14 / 15, 0])


def test_steps():
    assert period_starts(2026, 2050, 1).tolist() == list(range(2026, 2051))
    assert period_starts(2026, 2050, 5).tolist() == [2026, 2030, 2035, 2040, 2045, 2050]
    assert period_starts(2030, 2040, 5).tolist() == [2030, 2035, 2040]

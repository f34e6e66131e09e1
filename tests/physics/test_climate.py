"""Climate: the packaged Drenthe bin table against its sources and published degree days."""

from __future__ import annotations

import numpy as np
import pytest

from wupmodel.params import default_params
from wupmodel.physics import (
    build_temperature_bins,
    heating_degree_days,
    monthly_climate,
    temperature_bins,
)

# KNMI Groningen Airport Eelde (280), monthly mean temperature normals 1981-2010 (climate table
# "Climate data for Groningen (1981-2010)", daily-mean row), written out here from the source.
EELDE_1981_2010_C = [2.4, 2.4, 5.2, 8.4, 12.3, 14.9, 17.1, 16.9, 13.8, 10.0, 6.0, 2.9]
# NTA 8800 table 17.1, reference climate De Bilt (theta_e;avg;mi).
NTA8800_DEBILT_C = [2.61, 4.82, 5.91, 9.32, 14.73, 16.12, 18.05, 18.48, 15.63, 10.40, 7.99, 4.00]
MONTH_HOURS = [744, 672, 744, 720, 744, 720, 744, 744, 720, 744, 720, 744]


@pytest.fixture(scope="module")
def params():
    return default_params()


def test_monthly_table_holds_the_published_normals(params):
    eelde = monthly_climate(params, "eelde")
    debilt = monthly_climate(params, "nta8800_debilt")
    np.testing.assert_array_equal(eelde.temp_c, EELDE_1981_2010_C)
    np.testing.assert_array_equal(debilt.temp_c, NTA8800_DEBILT_C)
    np.testing.assert_array_equal(eelde.hours, MONTH_HOURS)
    # NTA 8800 table 17.2: January south 90 deg = 60.1 W/m2 and north = 11.1; the stored value
    # is the mean of the eight orientations (S 60.1, SW 48.1, W 23.4, NW 11.4, N 11.1, NE 11.1,
    # E 20.2, SE 43.9) = 229.3 / 8.
    assert eelde.irradiance_vertical_w_m2[0] == pytest.approx(229.3 / 8, abs=1e-3)


def test_bin_table_is_reproducible_from_the_normals(params):
    """climate_drenthe.csv equals the generator applied to the Eelde normals and the sd
    parameter."""
    stored = temperature_bins(params)
    rebuilt = build_temperature_bins(
        np.array(EELDE_1981_2010_C),
        np.array(MONTH_HOURS, float),
        params["physics.climate_hourly_sd_k"],
    )
    np.testing.assert_array_equal(stored.temp_c, rebuilt.temp_c)
    # the CSV keeps 6 decimals
    np.testing.assert_allclose(stored.hours_by_month, rebuilt.hours_by_month, atol=1e-6)
    assert stored.hours.sum() == pytest.approx(8760, abs=1e-3)


def test_bins_preserve_each_month(params):
    bins = temperature_bins(params)
    np.testing.assert_allclose(bins.hours_by_month.sum(axis=1), MONTH_HOURS, atol=1e-3)
    # the mean of each month is preserved; the normal is symmetric and only the extreme tails
    # (< 1e-6 h) are lumped into the end bins
    means = bins.hours_by_month @ bins.temp_c / bins.hours_by_month.sum(axis=1)
    np.testing.assert_allclose(means, EELDE_1981_2010_C, atol=1e-3)


def test_heating_degree_days_against_cbs(params):
    """Base-18 heating degree days of the Eelde bin table vs the published De Bilt figure.

    CBS StatLine 80182NED (KNMI): De Bilt 1981-2010 has 2 884 degree days (base 18 C, from
    daily means) at an annual mean of 10.1 C; Eelde's 1981-2010 annual mean is 9.3 C, 0.8 K
    colder. Over the ~300 days a year below 18 C that adds about 0.8 x 300 = 240 degree days,
    so Eelde should have about 3 124. Our table counts hours (T_hourly < 18 C, incl. cool
    summer nights) rather than daily means, which adds 2-5 %. Tolerance +-8 % around 3 124
    covers both effects; a table built from the wrong station or spread would fall outside.
    """
    hdd = heating_degree_days(temperature_bins(params), 18.0)
    expected = 2884 + (10.1 - 9.3) * 300
    assert hdd == pytest.approx(expected, rel=0.08)


def test_hours_below_design_temperature_are_few(params):
    """NEN-EN 12831 / ISSO 51 take -10 C as the Dutch design temperature: a temperature reached
    only on a handful of hours in an average year (between 1 and 30 h/yr here)."""
    bins = temperature_bins(params)
    below = bins.hours[bins.temp_c <= params["physics.design_outdoor_temp_c"]].sum()
    assert 1.0 < below < 30.0

"""The packaged hourly curves: what the shipped extract says they are (its README and files)."""

from __future__ import annotations

from importlib import resources

import numpy as np
import pytest

from wupmodel.errors import WupInputError
from wupmodel.params import default_params
from wupmodel.physics import (
    ATTRIBUTION,
    ETM_HOUSE_TYPES,
    ETM_INSULATION,
    HOURS,
    MONTH_START,
    WEATHER_YEARS,
    hourly_curve_sources,
    hourly_curves,
)


@pytest.mark.parametrize(
    ("year", "mean_c", "first_hour_c"),
    # README of ../shared/data/etm-nl-hourly-curves: annual means; first row of its CSV
    [(1987, 8.88, 6.1), (1997, 10.29, -12.2), (2004, 10.36, -0.5), (2015, 10.90, 2.4)],
)
def test_temperatures_are_the_knmi_de_bilt_years(year, mean_c, first_hour_c):
    curves = hourly_curves(year)
    assert curves.t_air_c.shape == (HOURS,)
    assert curves.t_air_c.mean() == pytest.approx(mean_c, abs=0.005)
    assert curves.t_air_c[0] == pytest.approx(first_hour_c)


def test_the_years_as_the_etm_names_them():
    """README: 1987 is the cold year, minimum -15.1 degC (1997's January reaches -15.8), and
    2015 the ETM's default; the packaged parameters design the grid on the default year, check
    it in the cold one, and take the energy from the default year."""
    assert hourly_curves(1987).t_air_c.min() == pytest.approx(-15.1)
    means = {y: hourly_curves(y).t_air_c.mean() for y in WEATHER_YEARS}
    assert min(means, key=means.get) == 1987
    p = default_params()
    assert p["hourly.design_weather_year"] == 2015
    assert p["hourly.cold_check_weather_year"] == 1987
    assert p["hourly.default_weather_year"] == 2015


def test_every_profile_sums_to_one_and_first_values_match_the_source():
    """Each column of the extract sums to 1 (README); hour 0 of the household profiles as in
    household_profiles_hourly.csv (appliances 1.515982e-04, no hot water, PV or solar heat)."""
    c = hourly_curves(2015)
    for profile in (c.appliances, c.hot_water, c.pv, c.solar_thermal):
        assert profile.sum(dtype=float) == pytest.approx(1.0, abs=1e-5)
    for year in WEATHER_YEARS:
        sums = hourly_curves(year).space_heat.sum(axis=-1, dtype=float)
        assert sums.shape == (len(ETM_HOUSE_TYPES), len(ETM_INSULATION))
        np.testing.assert_allclose(sums, 1.0, atol=1e-5)
    assert c.appliances[0] == pytest.approx(1.515982e-04, rel=1e-6)
    assert c.hot_water[0] == c.pv[0] == c.solar_thermal[0] == 0.0
    # space_heat_demand_profiles_1987.csv.gz, hour 0: terraced_houses_low 1.03766e-04,
    # apartments_high 2.29546e-04
    s87 = hourly_curves(1987).space_heat
    assert s87[0, 0, 0] == pytest.approx(1.03766e-04, rel=1e-6)
    assert s87[4, 2, 0] == pytest.approx(2.29546e-04, rel=1e-6)


def test_months_of_a_365_day_year():
    assert MONTH_START[-1] == HOURS == 8760
    assert np.diff(MONTH_START)[1] == 28 * 24


def test_curves_are_read_only():
    c = hourly_curves(1987)
    with pytest.raises(ValueError):
        c.t_air_c[0] = 0.0


@pytest.mark.parametrize("year", [1990, 2023, 2015.5, "1987"])
def test_a_weather_year_not_shipped_is_one_clear_message(year):
    with pytest.raises(WupInputError, match="is not shipped; choose one of 1987, 1997, 2004"):
        hourly_curves(year)


def test_every_curve_has_a_source_and_a_year():
    table = hourly_curve_sources()
    assert table["source"].notna().all() and (table["source"].str.len() > 20).all()
    assert table["year"].between(1987, 2026).all()
    # 4 temperatures + 4 household profiles + 4 years x 5 house types x 3 insulation levels
    assert len(table) == 4 + 4 + 4 * 5 * 3 == table["curve"].nunique()
    assert table["source"].str.contains("KNMI").sum() == 4


def test_licence_and_attribution_ship_with_the_data():
    folder = resources.files("wupmodel") / "data" / "hourly"
    licence = folder.joinpath("LICENSE-etsource-MIT.txt").read_text("utf-8")
    assert "QUINTEL INTELLIGENCE" in licence
    assert "Permission is hereby granted, free of charge" in licence  # the MIT grant
    readme = folder.joinpath("README.md").read_text("utf-8")
    assert ATTRIBUTION.split(";")[0] in readme
    assert "CC BY 4.0" in ATTRIBUTION

"""The monthly model: the yearly figures spread over the months by the model's own profiles."""

from __future__ import annotations

import numpy as np
import pytest

from wupmodel.params import default_params
from wupmodel.physics import (
    monthly_components,
    monthly_profiles,
    monthly_tables,
    temperature_bins,
    yearly_components,
)
from wupmodel.vocabulary import HEATING_SYSTEMS

P = default_params()
AIR, HYBRID = HEATING_SYSTEMS.index("air_hp"), HEATING_SYSTEMS.index("hybrid_hp")


def test_parts_add_up_to_the_evaluated_carriers(village):
    """Space heating + hot water + auxiliaries + appliances = what evaluate() reports, for every
    strategy and group (electricity incl. appliances, gas, network heat)."""
    out = village.outcomes
    for s, name in enumerate(village.names):
        year = yearly_components(village.strategy(name).yearly_inputs(), P)
        choice = village.choices[s]
        np.testing.assert_allclose(
            year.electricity_kwh, out.pick("electricity_demand_kwh", choice), rtol=1e-9
        )
        np.testing.assert_allclose(year.gas_m3, out.pick("gas_m3", choice), rtol=1e-9, atol=1e-9)
        np.testing.assert_allclose(year.heat_gj, out.pick("heat_gj", choice), rtol=1e-9, atol=1e-9)
        for part in (year.space_electricity_kwh, year.space_gas_m3, year.space_heat_gj):
            assert (part >= 0).all()


def test_months_add_up_to_the_year(village):
    inputs = village.rows.yearly_inputs()
    year = yearly_components(inputs, P)
    months = monthly_components(inputs, P)
    for name in vars(year):
        np.testing.assert_allclose(
            getattr(months, name).sum(axis=1), getattr(year, name), rtol=1e-9, atol=1e-9
        )


def test_pv_and_space_heat_follow_the_models_own_profiles():
    """PV by the NTA 8800 irradiance of solar.monthly_profiles; space heat by the heating degree
    hours of the Eelde bin table below the heating limit, computed here from the table."""
    t = monthly_tables(P)
    pv, flat, _heat = monthly_profiles(P)
    np.testing.assert_allclose(t.pv, pv)
    np.testing.assert_allclose(
        t.flat, np.array([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]) / 365
    )
    bins = temperature_bins(P)
    hdh = bins.hours_by_month @ np.maximum(P["physics.heating_limit_temp_c"] - bins.temp_c, 0)
    np.testing.assert_allclose(t.heat, hdh / hdh.sum())


def test_appliances_follow_the_nedu_e1a_seasons():
    """NEDU E1A: January and December about 10 % of the year, June-August about 7 %."""
    t = monthly_tables(P)
    assert t.appliances[[0, 11]] == pytest.approx([0.1007, 0.1009], abs=5e-4)
    assert t.appliances[5:8] == pytest.approx([0.0720, 0.0717, 0.0710], abs=5e-4)


def test_heat_pumps_use_more_of_their_electricity_in_cold_months(village):
    """The COP is lower in January than in April, so January's share of the heat pump's
    electricity exceeds its share of the heat; the hybrid's boiler runs most in the cold."""
    t = monthly_tables(P)
    rows = village.strategy("all_electric_air")
    m = monthly_components(rows.yearly_inputs(), P)
    share = m.space_electricity_kwh / m.space_electricity_kwh.sum(axis=1, keepdims=True)
    assert (share[:, 0] > t.heat[0]).all()
    assert (share[:, 3] < t.heat[3]).all()
    hybrid = village.strategy("hybrid")
    mh = monthly_components(hybrid.yearly_inputs(), P)
    gas = mh.space_gas_m3 / mh.space_gas_m3.sum(axis=1, keepdims=True)
    assert (gas[:, 0] > t.heat[0]).all()

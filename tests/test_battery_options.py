"""Home batteries as options: their place in the catalogue, their energy and investment, and
their money before and after saldering ends."""

from __future__ import annotations

import numpy as np
import pytest

import wupmodel as wm
import wupmodel.app as wa
from wupmodel.options import build_catalogue


def test_batteries_come_after_every_other_option():
    """The 96 options keep their numbers; each battery size adds the 48 with PV after them."""
    plain = build_catalogue()
    with_battery = build_catalogue(battery_kwh=(5.0, 10.0))
    assert with_battery.size == 96 + 2 * 48
    assert list(with_battery.option_ids[:96]) == list(plain.option_ids)
    assert with_battery.option_ids[96] == "current+gas_boiler+pv+bat5"
    assert with_battery.option_ids[-1] == "deep+heat_network_lt+pv+st+bat10"
    assert (with_battery.pv[96:]).all() and with_battery.battery_sizes == (5.0, 10.0)
    assert build_catalogue(pv=(False,), battery_kwh=(5.0,)).size == 48  # no PV, no battery


@pytest.fixture(scope="module")
def village():
    scenario = wm.load_scenario()
    return wm.model_inputs(scenario), wm.evaluate(wm.stock_for(scenario), scenario)


def test_a_battery_lowers_import_and_export_by_what_it_stores(village):
    inputs, out = village
    cat = out.catalogue
    pv = cat.index_of("standard", "air_hp", True)
    bat = cat.index_of("standard", "air_hp", True, battery_kwh=5.0)
    roof = out.feasible[:, pv]
    assert (out.feasible[:, bat] == roof).all()
    stored = out["electricity_export_kwh"][roof, pv] - out["electricity_export_kwh"][roof, bat]
    saved = out["electricity_import_kwh"][roof, pv] - out["electricity_import_kwh"][roof, bat]
    loss = out["electricity_demand_kwh"][roof, bat] - out["electricity_demand_kwh"][roof, pv]
    assert (stored > 0).all()
    np.testing.assert_allclose(saved, 0.9 * stored, rtol=1e-9)  # round trip 90 %
    np.testing.assert_allclose(loss, 0.1 * stored, rtol=1e-9)
    assert (out["capex_battery_eur"][roof, bat] == 5000.0).all()
    np.testing.assert_allclose(
        out["capex_eur"][:, bat] - out["capex_eur"][:, pv], out["capex_battery_eur"][:, bat]
    )
    assert (out["battery_kwh"][:, bat] == 5.0).all() and (out["battery_kwh"][:, pv] == 0).all()


def test_under_saldering_a_battery_earns_nothing_and_after_it_saves(village):
    """2026: import and export net out, the battery's loss only costs; from 2027 every kWh used
    at home saves the retail price minus the feed-in compensation."""
    inputs, out = village
    got = wa.battery_worth(out, inputs, wm.default_strategies()[0])
    assert got["saving_before_eur"] <= 0.0 < got["saving_after_eur"]
    assert got["after_year"] == 2027
    assert got["payback_years"] == pytest.approx(got["cost_eur"] / got["saving_after_eur"])

"""Home batteries: the day-block dispatch against a plain hour-by-hour loop, invariants,
catalogue."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wupmodel.errors import WupInputError
from wupmodel.params import default_params
from wupmodel.physics import (
    Battery,
    battery_catalogue,
    catalogue_battery,
    dispatch_self_consumption,
)

P = default_params()


def brute_force(demand, pv, capacity, power, efficiency):
    """One battery, one hour after the other, written as a household would describe it."""
    eta = math.sqrt(efficiency)
    soc = 0.0
    out = {k: [] for k in ("import", "export", "charge", "discharge", "soc")}
    for d, p in zip(demand, pv, strict=True):
        charge = discharge = 0.0
        if p > d:  # surplus: charge what fits, export the rest
            charge = min(p - d, power, (capacity - soc) / eta)
            soc += charge * eta
        elif d > p:  # deficit: discharge what is there, import the rest
            discharge = min(d - p, power, soc * eta)
            soc -= discharge / eta
        out["charge"].append(charge)
        out["discharge"].append(discharge)
        out["export"].append(max(p - d, 0.0) - charge)
        out["import"].append(max(d - p, 0.0) - discharge)
        out["soc"].append(soc)
    return {k: np.array(v) for k, v in out.items()}


def _days(rng, n_days, n_rows):
    hours = np.arange(24 * n_days) % 24
    sun = np.clip(np.sin((hours - 6) / 12 * np.pi), 0, None)
    pv = sun * rng.uniform(0, 4, (n_rows, 1)) * rng.uniform(0.2, 1.0, (n_rows, hours.size))
    demand = rng.uniform(0.1, 1.5, (n_rows, hours.size))
    return demand, pv


def test_day_blocks_equal_the_hour_by_hour_loop():
    rng = np.random.default_rng(11)
    demand, pv = _days(rng, n_days=6, n_rows=5)
    battery = Battery(
        capacity_kwh=np.array([0.0, 2.0, 5.0, 10.0, 5.0]),
        power_kw=np.array([2.5, 1.0, 2.5, 5.0, 0.5]),
        round_trip_efficiency=np.array([0.9, 0.85, 0.9, 1.0, 0.95]),
    )
    flows = dispatch_self_consumption(demand, pv, battery)
    for i in range(5):
        ref = brute_force(
            demand[i],
            pv[i],
            battery.capacity_kwh[i],
            battery.power_kw[i],
            battery.round_trip_efficiency[i],
        )
        np.testing.assert_allclose(flows.import_kwh[i], ref["import"], atol=1e-12)
        np.testing.assert_allclose(flows.export_kwh[i], ref["export"], atol=1e-12)
        np.testing.assert_allclose(flows.charge_kwh[i], ref["charge"], atol=1e-12)
        np.testing.assert_allclose(flows.discharge_kwh[i], ref["discharge"], atol=1e-12)
        np.testing.assert_allclose(flows.soc_kwh[i], ref["soc"], atol=1e-12)


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 2**31 - 1),
    capacity=st.floats(0.0, 20.0),
    power=st.floats(0.0, 10.0),
    efficiency=st.floats(0.5, 1.0),
)
def test_a_battery_never_exports_more_than_the_surplus_nor_exceeds_its_capacity(
    seed, capacity, power, efficiency
):
    rng = np.random.default_rng(seed)
    demand, pv = _days(rng, n_days=3, n_rows=2)
    battery = Battery(np.full(2, capacity), np.full(2, power), np.full(2, efficiency))
    f = dispatch_self_consumption(demand, pv, battery)
    surplus, deficit = np.maximum(pv - demand, 0), np.maximum(demand - pv, 0)
    tol = 1e-9
    assert (f.export_kwh <= surplus + tol).all() and (f.export_kwh <= pv + tol).all()
    assert (f.import_kwh <= deficit + tol).all()
    assert (f.export_kwh >= 0).all() and (f.import_kwh >= 0).all()
    assert (f.soc_kwh >= -tol).all() and (f.soc_kwh <= capacity + tol).all()
    assert (f.charge_kwh <= power + tol).all() and (f.discharge_kwh <= power + tol).all()
    # never charges from the grid nor discharges into it
    assert (f.charge_kwh <= surplus + tol).all() and (f.discharge_kwh <= deficit + tol).all()
    # energy balance: what went in (after the charging loss) minus what came out (before the
    # discharging loss) is what is stored at the end
    eta = math.sqrt(efficiency)
    stored = f.charge_kwh.sum(axis=1) * eta - f.discharge_kwh.sum(axis=1) / eta
    np.testing.assert_allclose(stored, f.soc_kwh[:, -1], atol=1e-9)
    ref = brute_force(demand[0], pv[0], capacity, power, efficiency)
    np.testing.assert_allclose(f.import_kwh[0], ref["import"], atol=1e-9)


def test_a_battery_raises_self_consumption_and_a_bigger_one_no_less():
    rng = np.random.default_rng(5)
    demand, pv = _days(rng, n_days=10, n_rows=1)
    used = []
    for size in (0.0, 2.5, 5.0, 10.0):
        f = dispatch_self_consumption(demand, pv, Battery([size], [size / 2], [0.9]))
        used.append(pv.sum() - f.export_kwh.sum())
    assert used[0] < used[1] <= used[2] <= used[3]


def test_shapes_must_fit():
    with pytest.raises(ValueError, match="whole days"):
        dispatch_self_consumption(np.ones((1, 25)), np.ones((1, 25)), Battery([1], [1], [0.9]))
    with pytest.raises(ValueError, match="efficiency"):
        Battery([1.0], [1.0], [0.0])


def test_catalogue_rows_are_sourced_and_in_published_ranges():
    """Consumentenbond (July 2025): an average system EUR 4 000-6 000 incl. installation and VAT,
    lifetime 15 years; megaverduurzaam.nl (2025): round trip about 90-95 %."""
    table = battery_catalogue(P)
    assert table["source"].str.len().gt(50).all() and table["year"].ge(2025).all()
    small = table.iloc[0]
    assert small["capacity_kwh"] == 5 and 4000 <= small["cost_eur"] <= 6000
    assert table["lifetime_years"].eq(15).all()
    assert table["round_trip_efficiency"].between(0.85, 0.95).all()
    assert table["cost_eur"].is_monotonic_increasing


def test_catalogue_between_sizes_and_outside_them():
    got = catalogue_battery(7.5, P).iloc[0]
    assert got["cost_eur"] == pytest.approx((5000 + 9000) / 2)
    assert got["power_kw"] == pytest.approx(3.75)
    with pytest.raises(
        WupInputError, match="battery size 30 kWh is outside the catalogue's range 5 to 20"
    ):
        catalogue_battery([10.0, 30.0], P)
    with pytest.raises(WupInputError, match="outside the catalogue's range"):
        catalogue_battery(2.0, P)

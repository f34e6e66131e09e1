"""The home battery's dispatch rule against an exhaustive search of every dispatch.

The rule of :func:`~wupmodel.physics.dispatch_self_consumption` (charge from the PV surplus
while there is room, discharge into the house while there is energy) is compared here with
the best of *all* dispatches a battery could follow over a few days: every state of charge on
a grid of ``step`` kWh in every hour, every move between two states that the battery's power,
its round-trip loss and the hour's surplus or deficit allow (no charging from the grid, no
discharging into it), searched exhaustively by dynamic programming for the least import. No
dispatch imports less than the rule; where every quantity lies on the grid (a lossless battery,
tenths of a kWh) the search finds exactly the rule's import and export.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from wupmodel.physics import Battery, dispatch_self_consumption


def least_import(demand, pv, capacity, power, efficiency, step):
    """The least total import [kWh] of any dispatch of one battery, empty at the start, whose
    state of charge lies on a grid of ``step`` kWh: every state in every hour, every move."""
    eta = math.sqrt(efficiency)
    states = np.arange(0.0, capacity + step / 2, step)
    delta = states[None, :] - states[:, None]  # (from, to): energy stored (+) or taken (-)
    ac_in = np.where(delta > 0, delta / eta, 0.0)  # PV surplus the battery takes, AC side
    ac_out = np.where(delta < 0, -delta * eta, 0.0)  # what it delivers to the house, AC side
    tol = 1e-9
    best = np.where(states == 0.0, 0.0, np.inf)  # least import so far, by state
    for d, p in zip(demand, pv, strict=True):
        surplus, deficit = max(p - d, 0.0), max(d - p, 0.0)
        ok = (ac_in <= min(surplus, power) + tol) & (ac_out <= min(deficit, power) + tol)
        cost = np.where(ok, deficit - ac_out, np.inf)  # this hour's import, by move
        best = (best[:, None] + cost).min(axis=0)
    return float(best.min())


def _rule(demand, pv, capacity, power, efficiency):
    battery = Battery(
        capacity_kwh=np.array([capacity]),
        power_kw=np.array([power]),
        round_trip_efficiency=np.array([efficiency]),
    )
    return dispatch_self_consumption(demand[None, :], pv[None, :], battery)


def _tenths(rng, n_days):
    """A few days of demand and PV in whole tenths of a kWh (a sunny middle of the day)."""
    hours = np.arange(24 * n_days) % 24
    sun = np.clip(np.sin((hours - 6) / 12 * np.pi), 0, None)
    pv = np.round(sun * rng.uniform(1.0, 3.5, hours.size), 1)
    demand = np.round(rng.uniform(0.1, 1.6, hours.size), 1)
    return demand, pv


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_no_dispatch_of_a_lossless_battery_imports_less_and_the_rule_is_found(seed):
    """On the grid of tenths the rule's path is one of the dispatches searched: the search's
    least import is the rule's, to rounding, over three days."""
    demand, pv = _tenths(np.random.default_rng(seed), n_days=3)
    capacity, power = 3.0, 1.2
    flows = _rule(demand, pv, capacity, power, 1.0)
    best = least_import(demand, pv, capacity, power, 1.0, step=0.1)
    assert float(flows.import_kwh.sum()) == pytest.approx(best, abs=1e-6)
    # the same energy balance: what is not imported was made by the PV and used at home
    assert float(flows.export_kwh.sum()) == pytest.approx(
        float((pv - demand).sum()) + best, abs=1e-6
    )


@pytest.mark.parametrize("seed", [4, 5])
def test_no_dispatch_of_a_lossy_battery_imports_less_than_the_rule(seed):
    """With a round-trip efficiency of 0.81 the rule's states leave the grid: the search on a
    grid of 0.01 kWh never beats the rule, and comes within the grid's rounding of it."""
    demand, pv = _tenths(np.random.default_rng(seed), n_days=3)
    capacity, power, efficiency = 2.5, 1.5, 0.81
    rule = float(_rule(demand, pv, capacity, power, efficiency).import_kwh.sum())
    best = least_import(demand, pv, capacity, power, efficiency, step=0.01)
    assert rule <= best + 1e-9
    assert best - rule <= 0.01 * rule


def test_a_battery_that_cannot_move_is_no_battery():
    """Hand case: with no power the search and the rule import every deficit."""
    demand = np.array([1.0, 0.2, 0.3, 1.1] * 6)
    pv = np.array([0.0, 1.5, 2.0, 0.0] * 6)
    deficit = float(np.maximum(demand - pv, 0.0).sum())
    assert least_import(demand, pv, 2.0, 0.0, 1.0, step=0.1) == pytest.approx(deficit)
    assert float(_rule(demand, pv, 2.0, 0.0, 1.0).import_kwh.sum()) == pytest.approx(deficit)
    # and with power, by hand: the first 1.0 kWh is imported (empty); then 1.3 + 1.7 surplus
    # fill the 2 kWh, the 1.1 deficit takes 1.1 and the next 1.0 the 0.9 left, importing 0.1;
    # five more blocks of four hours
    rule = _rule(demand, pv, 2.0, 5.0, 1.0).import_kwh[0]
    assert float(rule[:4].sum()) == pytest.approx(1.0)
    assert float(rule.sum()) == pytest.approx(1.0 + 0.1 * 5)
    assert least_import(demand, pv, 2.0, 5.0, 1.0, step=0.1) == pytest.approx(1.0 + 0.1 * 5)

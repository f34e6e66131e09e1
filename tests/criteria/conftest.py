"""The default village's evaluation and indicators, once for the criteria tests."""

from __future__ import annotations

import pytest

import wupmodel as wm
from wupmodel.criteria import indicators


@pytest.fixture(scope="session")
def village():
    """(scenario, params, outcomes) of the default village (Aalden)."""
    scenario = wm.load_scenario()
    outcomes = wm.evaluate(wm.stock_for(scenario), scenario)
    return scenario, scenario.params(), outcomes


@pytest.fixture(scope="session")
def village_indicators(village):
    _, params, outcomes = village
    return indicators(outcomes, params)

"""The default village the cooperative tests share: scenario, stock and its outcomes."""

from __future__ import annotations

import pytest

import wupmodel as wm


@pytest.fixture(scope="module")
def village():
    scenario = wm.load_scenario()
    stock = wm.stock_for(scenario)
    return scenario, stock, wm.evaluate(stock, scenario, irr=False)

"""Shared villages for the time-path tests: a tiny one (3 dwellings × 3 options × 4 years) that
brute force can enumerate, and the default village (Aalden) once per session."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import wupmodel as wm
from wupmodel.stock import validate_stock

#: The tiny village's catalogue: the reference, a hybrid and an air/water heat pump.
TINY_CATALOGUE = {
    "catalogue.insulation": ["current"],
    "catalogue.heating": ["gas_boiler", "hybrid_hp", "air_hp"],
    "catalogue.pv": [False],
    "catalogue.solar_thermal": [False],
}


def tiny_stock(boiler_years=(2008, 2011, 2020)) -> pd.DataFrame:
    """Three distinct dwellings of one LV zone, their boilers installed in ``boiler_years``."""
    frame = pd.DataFrame(
        {
            "dwelling_id": ["a", "b", "c"],
            "dwelling_type": ["vrijstaand", "twee_onder_een_kap", "tussenwoning"],
            "construction_year": [1970, 1985, 1995],
            "floor_area_m2": [140.0, 120.0, 100.0],
            "energy_label": ["D", "C", "B"],
            "tenure": ["koop", "koop", "koop"],
            "grid_zone": ["z", "z", "z"],
            "boiler_year": list(boiler_years),
        }
    )
    return validate_stock(frame, "tiny village")


def tiny_scenario(**settings) -> wm.Scenario:
    """The default scenario over 2026-2029 with the tiny catalogue and ``settings`` applied."""
    base = {
        **TINY_CATALOGUE,
        "years.end": 2029,
        "collective.grid.capacity_kw_per_dwelling": 1.2,
        "phasing.collective_step": 1,
        "phasing.reinforcement_lead_years": 0,
    }
    return wm.apply_settings(wm.load_scenario(), {**base, **settings}, origin="test")


@pytest.fixture(scope="session")
def aalden():
    """The default scenario and its village."""
    scenario = wm.load_scenario()
    return scenario, wm.stock_for(scenario)


def crf(rate: float, years: float) -> float:
    """Capital recovery factor r / (1 − (1 + r)^−n), written out."""
    return rate / (1.0 - (1.0 + rate) ** -years)


def first_year(frame: pd.DataFrame, column: str) -> np.ndarray:
    """Years with a non-zero value in ``column``."""
    return frame.loc[frame[column] > 1e-6, "year"].to_numpy()

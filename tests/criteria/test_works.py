"""Disruption and space: an option's works are the sum of its items."""

from __future__ import annotations

import numpy as np

from wupmodel.criteria.works import works_indicators
from wupmodel.options import build_catalogue
from wupmodel.params import default_params

WORKS = default_params().table("criteria_works").set_index("item")


def test_an_option_adds_its_items():
    cat = build_catalogue()
    o = cat.index_of("standard", "air_hp", pv=True, solar_thermal=True)
    done = np.ones((2, cat.size), bool)
    done[1] = False  # the second dwelling already meets every level
    emit = np.zeros((2, cat.size), bool)
    emit[0, o] = True
    got = works_indicators(cat, done, emit, WORKS.reset_index())
    days = WORKS["works_days"]
    expected = days["standard"] + days["air_hp"] + days["lt_emitters"] + days["pv"]
    assert got["works_days"][0, o] == expected + days["solar_thermal"]
    assert got["works_days"][1, o] == days["air_hp"] + days["pv"] + days["solar_thermal"]
    space = WORKS["indoor_m2"]["air_hp"] + WORKS["indoor_m2"]["solar_thermal"]
    assert got["indoor_space_m2"][0, o] == space
    assert got["space_m2"][0, o] == space + WORKS["outdoor_m2"]["air_hp"]
    deep = cat.index_of("deep", "gas_boiler")
    assert got["must_leave"][0, deep] == WORKS.loc["deep", "must_leave_share"] > 0
    assert got["must_leave"][1, deep] == 0.0
    ref = cat.reference_index
    assert all(got[k][0, ref] == 0.0 for k in got)


def test_village_emitter_works_only_where_the_emitters_are_too_cold(village, village_indicators):
    _, params, outcomes = village
    cat = outcomes.catalogue
    o = cat.index_of("standard", "air_hp")
    hot = outcomes["supply_temp_c"][:, o] > params["hp.lt_ready_supply_temp_c"]
    days = village_indicators["works_days"][:, o]
    base = WORKS.loc["standard", "works_days"] * (outcomes["capex_insulation_eur"][:, o] > 0)
    np.testing.assert_allclose(
        days,
        base + WORKS.loc["air_hp", "works_days"] + hot * WORKS.loc["lt_emitters", "works_days"],
    )
    assert 0 < hot.mean() < 1

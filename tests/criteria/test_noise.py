"""Outdoor-unit noise: the free-field formula, the 40 dB(A) rule, the tonal penalty, a screen."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wupmodel.criteria import (
    NoiseSettings,
    assess_noise,
    screened_level_db_a,
    sound_power_db_a,
    sound_pressure_db_a,
)
from wupmodel.params import default_params
from wupmodel.vocabulary import HEATING_SYSTEMS

P = default_params()
SOUND = P.table("criteria_heatpump_sound")
RULE = NoiseSettings.of(P)


def test_hemisphere_formula_for_a_packaged_unit():
    """Lp = Lw - 20·log10(r) - 8 on a hard ground (Q = 2), for the median 7 kW unit of the
    packaged Keymark data (63 dB(A)); the exact constant is 10·log10(2π) = 7.98 dB."""
    lw = float(sound_power_db_a(7.0, SOUND))
    assert lw == 63.0
    for r in (1.0, 2.5, 5.0, 10.0):
        lp = float(sound_pressure_db_a(lw, r, 2.0))
        assert lp == pytest.approx(lw - 20 * math.log10(r) - 8, abs=0.03)
        assert lp == pytest.approx(
            lw - 20 * math.log10(r) - 10 * math.log10(2 * math.pi), abs=1e-12
        )
    # against a wall (Q = 4) twice the intensity: +3.01 dB; doubling the distance: -6.02 dB
    assert float(sound_pressure_db_a(lw, 5.0, 4.0) - sound_pressure_db_a(lw, 5.0, 2.0)) == (
        pytest.approx(10 * math.log10(2))
    )
    assert float(sound_pressure_db_a(lw, 10.0) - sound_pressure_db_a(lw, 5.0)) == pytest.approx(
        -20 * math.log10(2)
    )


def test_capacity_classes():
    assert float(sound_power_db_a(3.0, SOUND)) == 61.0  # up to 4 kW
    assert float(sound_power_db_a(4.0, SOUND)) == 61.0  # a class includes its upper bound
    assert float(sound_power_db_a(4.01, SOUND)) == 60.0
    assert float(sound_power_db_a(24.0, SOUND)) == 73.0
    assert float(sound_power_db_a(7.0, SOUND, 90)) == 68.7
    with pytest.raises(ValueError, match="quantile"):
        sound_power_db_a(7.0, SOUND, 75)


def test_rule_with_tonal_penalty_and_screen():
    """40 dB(A) (Bouwbesluit 2012 art. 3.8/3.9, Bbl), +5 dB for a tonal sound (HMRI), a 5 dB
    screen (Consumentenbond 2021)."""
    assert (RULE.noise_limit_db_a, RULE.noise_tonal_penalty_db) == (40.0, 5.0)
    lp = np.array([30.0, 35.0, 35.5, 39.0, 40.0, 45.0])
    v = assess_noise(lp, True, RULE)
    np.testing.assert_allclose(v.rating_db_a, lp + 5)
    np.testing.assert_array_equal(v.over_limit, [False, False, True, True, True, True])
    np.testing.assert_array_equal(v.needs_screen, [False, False, True, True, True, False])
    np.testing.assert_array_equal(v.needs_relocation, [False, False, False, False, False, True])
    np.testing.assert_allclose(v.excess_db, [0, 0, 0.5, 4, 5, 10])
    none = assess_noise(lp, False, RULE)
    assert np.isnan(none.rating_db_a).all() and not none.over_limit.any()
    assert (none.excess_db == 0).all()


@settings(max_examples=200, deadline=None)
@given(
    lw=st.floats(40, 80),
    r=st.floats(0.5, 30),
    q=st.sampled_from([2.0, 4.0, 8.0]),
    screen=st.floats(-5, 20),
)
def test_a_screen_never_raises_noise(lw, r, q, screen):
    lp = sound_pressure_db_a(lw, r, q)
    assert screened_level_db_a(lp, screen) <= lp
    rule = NoiseSettings(40.0, 5.0, max(screen, 0.0), 50.0)
    v = assess_noise(lp, True, rule)
    assert v.mitigated_db_a <= v.rating_db_a
    assert not (v.needs_screen and v.needs_relocation)
    assert bool(v.over_limit) == bool(v.needs_screen or v.needs_relocation)


def test_village_noise_by_hand(village, village_indicators):
    """A mid-terrace house with an air/water heat pump: its level at the neighbour by hand."""
    _, params, outcomes = village
    cat = outcomes.catalogue
    opt = cat.index_of("standard", "air_hp")
    g = int(np.flatnonzero(outcomes.groups["dwelling_type"].astype(str) == "tussenwoning")[0])
    place = params.table("criteria_noise_placement").set_index("dwelling_type").loc["tussenwoning"]
    lw = float(sound_power_db_a(outcomes["capacity_kw"][g, opt], SOUND))
    r, q = place["distance_m"], place["directivity_q"]
    expected = lw + 10 * math.log10(q / (4 * math.pi * r * r)) + 5
    assert village_indicators["noise_rating_db_a"][g, opt] == pytest.approx(expected)
    ground = cat.index_of("standard", "ground_hp")
    assert np.isnan(village_indicators["noise_rating_db_a"][:, ground]).all()
    no_unit = ~np.isin(cat.heating, [HEATING_SYSTEMS.index(h) for h in ("hybrid_hp", "air_hp")])
    assert (village_indicators["noise_over_limit"][:, no_unit] == 0).all()
    both = village_indicators["needs_screen"] + village_indicators["needs_relocation"]
    np.testing.assert_array_equal(both, village_indicators["noise_over_limit"])

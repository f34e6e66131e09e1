"""Issue 20: each insulation level is a target per building element; the dwelling pays for what
it lacks. Properties (hypothesis) and hand-worked costs."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wupmodel.params import default_params
from wupmodel.physics import (
    BuildingInputs,
    ElementState,
    building_response,
    insulation_levels,
    label_element_state,
)
from wupmodel.vocabulary import DWELLING_TYPES, ENERGY_LABELS

P = default_params()
AREA = np.array([[60.0, 90.0, 70.0, 25.0, 4.0]])  # floor, facade, roof, window, door (m2)


def _levels(u, qv10=1.0, year=1970, state=None):
    return insulation_levels(
        np.array([u], dtype=float), AREA, np.array([qv10]), np.array([year]), P, state
    )


def test_elements_at_the_standard_targets_pay_nothing():
    # floor 0.266, facade (cavity) 0.535, roof 0.272, HR++ 1.4, door 1.4 (RVO pakket values) and
    # air leakage at the streefwaarde 0.7: nothing to do up to standard
    env = _levels([0.266, 0.535, 0.272, 1.4, 1.4], qv10=0.7)
    np.testing.assert_array_equal(env.capex_eur[0, :3], [0.0, 0.0, 0.0])
    np.testing.assert_array_equal(env.insulated_area_m2[0, :3], [0.0, 0.0, 0.0])


def test_rc25_closed_elements_meet_standard_but_not_deep():
    # Bouwbesluit 1992 Rc 2.5 (RVO Voorbeeldwoningen 1992-2005: U 0.36-0.375): left alone at
    # standard; double glass (U 2.9) is replaced by HR++; deep insulates the closed elements too
    env = _levels([0.36, 0.375, 0.375, 2.9, 3.4], qv10=0.7, year=1998)
    hrpp, door = P["cost.glazing_hrpp_eur_m2"], P["cost.door_insulated_eur_m2"]
    assert env.capex_eur[0, 2] == pytest.approx(25 * hrpp + 4 * door)
    assert env.treated_area_m2[0, 2].tolist() == [0.0, 0.0, 0.0, 25.0, 4.0]
    assert env.treated_area_m2[0, 3, 0] == 60.0 and env.treated_area_m2[0, 3, 2] == 70.0


def test_cost_follows_the_area_still_to_improve():
    # a share of each element already at the target: only the rest is paid for
    u = np.array([[2.4, 1.7, 1.0, 2.9, 3.4]])
    target = np.array([[0.266, 0.535, 0.272, 1.4, 1.4]])
    full = _levels(u[0])
    half = _levels(u[0], state=ElementState(target, np.full((1, 5), 0.5)))
    none = _levels(u[0], state=ElementState(target, np.ones((1, 5))))
    elements = full.capex_eur[0, 2] - P["cost.draught_proofing_eur"]
    assert half.capex_eur[0, 2] - P["cost.draught_proofing_eur"] == pytest.approx(elements / 2)
    assert none.capex_eur[0, 2] == pytest.approx(P["cost.draught_proofing_eur"])
    # the U after the level is the target either way
    np.testing.assert_allclose(half.u_w_m2k[0, 2], none.u_w_m2k[0, 2])


@settings(max_examples=60, deadline=None)
@given(
    worse=st.lists(st.floats(0.0, 2.0), min_size=5, max_size=5),
    qv10=st.floats(0.2, 0.7),
)
def test_a_dwelling_meeting_every_target_pays_nothing_for_basic_and_standard(worse, qv10):
    target = np.array([0.266, 0.535, 0.272, 1.4, 1.4])
    better = target * (1.0 - 0.4 * np.array(worse) / 2.0)  # at or better than each target
    env = _levels(better, qv10=qv10)
    assert env.capex_eur[0, 1] == 0.0 and env.capex_eur[0, 2] == 0.0


def _inputs(dtype, year, area, labels):
    n = len(labels)
    return BuildingInputs(
        dwelling_type=np.full(n, DWELLING_TYPES.index(dtype)),
        construction_year=np.full(n, year),
        floor_area_m2=np.full(n, float(area)),
        energy_label=np.array([ENERGY_LABELS.index(x) if x else -1 for x in labels]),
        gas_m3=np.full(n, np.nan),
        roof_area_m2=np.full(n, np.nan),
    )


@settings(max_examples=40, deadline=None)
@given(
    dtype=st.sampled_from(DWELLING_TYPES),
    year=st.integers(1900, 2020),
    area=st.floats(50.0, 250.0),
)
def test_a_worse_starting_label_never_lowers_the_cost_to_the_same_target(dtype, year, area):
    labels = ["A", "B", "C", "D", "E", "F", "G"]
    capex = building_response(_inputs(dtype, year, area, labels), P).insulation_capex_eur
    for level in (1, 2, 3):
        assert np.all(np.diff(capex[:, level]) >= -1e-6), (dtype, year, level, capex[:, level])


def test_the_label_sets_the_elements_state_and_the_demand_keeps_the_label():
    b = building_response(_inputs("vrijstaand", 1970, 150, ["A", "D", "G", None]), P)
    # the current space heat is the archetype's times PBL's label ratio (as before issue 20)
    ratio = b.space_heat_theoretical_kwh[:, 0] / b.space_heat_theoretical_kwh[3, 0]
    assert ratio[0] < 1.0 < ratio[2] and ratio[1] == pytest.approx(1.0)  # D is the default
    # a better label has part of the standard level done: it pays less for it
    assert b.insulation_capex_eur[0, 2] < b.insulation_capex_eur[1, 2]


def test_label_state_shares_by_hand():
    # one element only: H = A U. r = 0.8 with the standard target halving H -> s = 0.2 / 0.5 = 0.4
    u0 = np.array([[2.0, 0.3, 0.3, 1.0, 1.0]])
    u_orig = u0.copy()
    area = np.array([[100.0, 0.0, 0.0, 0.0, 0.0]])
    p = P.with_overrides({"physics.u_floor_insulated_w_m2k": 0.266})
    state = label_element_state(
        u0, u_orig, area, np.array([1.0]), np.array([1970]), np.array([0.8]), p
    )
    h_now, h_std = 100 * 2.0, 100 * 0.266
    assert state.share[0, 0] == pytest.approx(0.2 * h_now / (h_now - h_std))
    assert state.u_other_w_m2k[0, 0] == pytest.approx(0.266)

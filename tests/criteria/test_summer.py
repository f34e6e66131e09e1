"""Summer overheating: the NTA 8800 July cooling balance and TOjuli (formula 5.40).

No published TOjuli case with its full inputs was found (BENG reports give TOjuli without the
inputs behind it), so the kernel is checked against the NTA 8800 formulas written out here by
hand for one dwelling: internal gains 180 W per occupant (7.21) with 2.28 occupants at 100 m²
(7.22-7.24), window solar gains F_W·g·(1 - F_fr)·A_w·I·t less the sky loss (7.32, 7.39, 7.40),
losses H·(24 °C - θ_e)·t (table 7.13), the loss utilisation (7.52-7.55) and TOjuli =
Q_C;nd·1000/(H·t) (5.40), with the NTA 8800 table 17.1/17.2 July climate.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wupmodel.criteria import (
    GainSettings,
    Month,
    SummerDwelling,
    SummerSettings,
    cooling_need_kwh,
    occupants,
    tojuli_k,
)
from wupmodel.criteria.summer import air_cooling_eer
from wupmodel.params import default_params
from wupmodel.vocabulary import HEATING_SYSTEMS

P = default_params()
GAINS = GainSettings.of(P, SummerSettings.of(P))
JULY = Month(744.0, 18.05, 117.1)  # NTA 8800 tables 17.1/17.2: De Bilt, July, south-west facade


def test_occupants_follow_nta_8800():
    """NTA 8800 7.22-7.24: 1 occupant up to 30 m², 2.28 at 100 m², then 0.01 per m²."""
    np.testing.assert_allclose(occupants([20, 30, 100, 150], GAINS), [1.0, 1.0, 2.28, 2.78])


def test_tojuli_by_hand_for_one_dwelling():
    area, h_tr, h_ve, a_w, g, u_w = 100.0, 120.0, 60.0, 20.0, 0.6, 1.2
    h = h_tr + h_ve
    sky = (
        P["physics.sky_view_factor_vertical"]
        * P["physics.external_surface_resistance_m2k_w"]
        * P["physics.sky_radiation_coefficient_w_m2k"]
        * P["physics.sky_temperature_difference_k"]
    )
    q_gn = (
        (
            180.0 * 2.28
            + P["physics.solar_angle_factor"]
            * g
            * (1 - P["physics.window_frame_fraction"])
            * a_w
            * 117.1
            - sky * u_w * a_w
        )
        * 744
        / 1000
    )
    q_ht = h * (24.0 - 18.05) * 744 / 1000
    gamma = q_gn / q_ht
    tau = P["physics.heat_capacity_kj_m2k"] * 1000 * area / 3600 / h
    a = 1.0 + tau / 15.0
    eta = (1 - gamma**-a) / (1 - gamma ** -(a + 1))
    need = q_gn - eta * q_ht
    expected = need * 1000 / (h * 744)

    dwelling = SummerDwelling(area, h_tr, h_ve, a_w, g, u_w)
    got_need = cooling_need_kwh(dwelling, JULY, GAINS)
    assert float(got_need) == pytest.approx(need, rel=1e-12)
    assert float(tojuli_k(got_need, h, 744.0)) == pytest.approx(expected, rel=1e-12)
    assert 0.5 < expected < 3.0  # the order of the Bbl limit 1.20


def test_no_cooling_need_when_losses_exceed_twice_the_gains():
    """NTA 8800: no cooling need where the losses are more than twice the gains."""
    leaky = SummerDwelling(100.0, 2000.0, 500.0, 5.0, 0.6, 2.8)
    assert float(cooling_need_kwh(leaky, JULY, GAINS)) == 0.0


@settings(max_examples=60, deadline=None)
@given(
    area=st.floats(40, 250),
    h_tr=st.floats(40, 600),
    h_ve=st.floats(20, 300),
    a_w=st.floats(2, 60),
    extra=st.floats(0, 80),
)
def test_more_sun_never_lowers_tojuli(area, h_tr, h_ve, a_w, extra):
    d = SummerDwelling(area, h_tr, h_ve, a_w, 0.6, 1.8)
    low = cooling_need_kwh(d, JULY, GAINS)
    high = cooling_need_kwh(d, Month(744.0, 18.05, 117.1 + extra), GAINS)
    assert float(high) >= float(low) - 1e-9


def test_sufficient_active_cooling_counts_as_zero(village, village_indicators):
    """NTA 8800 5.7.1: where active cooling suffices, TOjuli = 0; air and ground-source heat
    pumps cool, the others keep the house's own TOjuli."""
    _, params, outcomes = village
    cat = outcomes.catalogue
    cooled = village_indicators["overheating_tojuli_k"]
    passive = village_indicators["overheating_passive_tojuli_k"]
    cools = np.isin(cat.heating, [HEATING_SYSTEMS.index(h) for h in ("air_hp", "ground_hp")])
    assert (cooled[:, cools] == 0.0).all()  # 15 W/m² x 744 h covers every July need here
    np.testing.assert_array_equal(cooled[:, ~cools], passive[:, ~cools])
    assert passive.max() > params["criteria.tojuli_limit_k"]  # some houses overheat uncooled


def test_air_cooling_eer_is_the_hplib_fit():
    fit = P.table("criteria_cooling_eer").iloc[0]
    p = [float(fit[f"p{k}_eer"]) for k in range(1, 5)]
    expected = p[0] * 35 + p[1] * 18 + p[2] + p[3] * 35
    assert float(air_cooling_eer(35.0, 18.0, tuple(p))) == pytest.approx(expected)
    assert 2.5 < expected < 6.0  # hot day, floor cooling: a plausible EER
    assert math.isclose(float(air_cooling_eer(200.0, 18.0, tuple(p))), 1.0)  # floored

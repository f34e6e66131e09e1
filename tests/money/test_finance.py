"""Tests of wupmodel.money.finance against published figures, numpy-financial and hand
calculations."""

from __future__ import annotations

import numpy as np
import numpy_financial as npf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wupmodel.errors import WupInputError
from wupmodel.money import (
    capital_recovery_factor,
    discount_factors,
    equivalent_annual_cost,
    irr,
    life_cycle_cost,
    life_cycle_cost_factor,
    loan_payment,
    npv,
    present_value_factor,
    simple_payback,
)

rates = st.floats(min_value=-0.5, max_value=0.5, allow_nan=False)
pos_rates = st.floats(min_value=0.001, max_value=0.3, allow_nan=False)
whole_years = st.integers(min_value=1, max_value=60)


# ---------------------------------------------------------------------------------------------
# published annuity examples
# ---------------------------------------------------------------------------------------------
def test_crf_matches_pypsa_annuity():
    # PyPSA docs / pypsa.common.annuity(0.07, 25) = 0.0858105... (capital recovery factor).
    # Tolerance 5e-8: the published value has 7 decimals.
    assert capital_recovery_factor(0.07, 25) == pytest.approx(0.0858105, abs=5e-8)


def test_crf_matches_calliope_example():
    # Calliope docs: an investment of 2 M EUR at 10 % over 25 years costs about 0.22 M EUR a
    # year. Tolerance 0.005 M EUR: the published figure is rounded to two decimals.
    annual = 2.0e6 * capital_recovery_factor(0.10, 25)
    assert annual / 1e6 == pytest.approx(0.22, abs=0.005)


def test_pvf_textbook_value_and_naming_trap():
    # reference notes ("naming trap"): 5 %/10 yr gives a present value factor of 7.72 and a
    # capital recovery factor of 0.1295 (both rounded as published).
    assert present_value_factor(0.05, 10) == pytest.approx(7.72, abs=0.005)
    assert capital_recovery_factor(0.05, 10) == pytest.approx(0.1295, abs=0.00005)


def test_warmtefonds_published_example_payment():
    # warmtefonds.nl "Voorbeelden Energiebespaarlening": 15 000 EUR over 10 years at an
    # effective 4.35 % -> 153.80 EUR a month. Tolerance 0.10 EUR: the rate is published to two
    # decimals; 0.005 %-point changes the payment by about 0.035 EUR.
    assert loan_payment(15000.0, 0.0435, 10, periods_per_year=12) == pytest.approx(153.80, abs=0.10)


# ---------------------------------------------------------------------------------------------
# numpy-financial on random inputs
# ---------------------------------------------------------------------------------------------
@settings(max_examples=200, deadline=None)
@given(rate=pos_rates, years=whole_years, principal=st.floats(min_value=0.0, max_value=1e6))
def test_loan_payment_matches_npf_pmt(rate, years, principal):
    # numpy_financial.pmt(rate, nper, pv) returns the payment with the opposite sign of pv.
    expected = -npf.pmt(rate, years, principal)
    assert loan_payment(principal, rate, years) == pytest.approx(expected, rel=1e-10, abs=1e-9)
    # monthly: our rate is effective yearly, npf needs the per-period rate
    monthly_rate = (1.0 + rate) ** (1.0 / 12.0) - 1.0
    expected_m = -npf.pmt(monthly_rate, 12 * years, principal)
    assert loan_payment(principal, rate, years, periods_per_year=12) == pytest.approx(
        expected_m, rel=1e-9, abs=1e-9
    )


@settings(max_examples=200, deadline=None)
@given(
    rate=rates, flows=st.lists(st.floats(min_value=-1e5, max_value=1e5), min_size=1, max_size=40)
)
def test_npv_matches_npf_npv(rate, flows):
    # numpy-financial's npv puts its FIRST value at t = 0 (unlike Excel's NPV); ours does the
    # same, so the two must agree exactly (up to rounding).
    assert npv(rate, flows) == pytest.approx(npf.npv(rate, flows), rel=1e-9, abs=1e-6)


def test_npv_vectorised_rows_and_rates():
    rng = np.random.default_rng(1)
    flows = rng.normal(0, 1000, (6, 12))
    r = rng.uniform(0.0, 0.1, (6,))
    got = npv(r, flows)
    want = [npf.npv(ri, fi) for ri, fi in zip(r, flows, strict=True)]
    np.testing.assert_allclose(got, want, rtol=1e-12)


# cash flows of 0 or at least 1 EUR: numpy-financial finds roots with np.roots, which fails
# on denormal values and loses accuracy when the last coefficient is ~1e-13 of the others
# (our bracketed Newton is then the more accurate one); the model never produces such flows.
money = st.one_of(st.just(0.0), st.floats(min_value=1.0, max_value=5e4))


@settings(max_examples=150, deadline=None)
@given(
    invest=st.floats(min_value=100.0, max_value=1e5),
    returns=st.lists(money, min_size=1, max_size=29).map(lambda r: r + [1.0]),
)
def test_irr_matches_npf_irr_on_conventional_flows(invest, returns):
    # conventional flows (one sign change) have exactly one IRR > -100 % (Descartes), which is
    # the one numpy-financial returns; ours must match it when it lies in [-0.99, 10].
    # Tolerance rel 1e-8: both are root finders converged to ~1e-12 on well-scaled flows.
    flows = np.array([-invest] + returns)
    expected = npf.irr(flows)
    got = irr(flows)
    if not np.isfinite(expected) or not (-0.99 < expected < 10.0):
        return
    assert got == pytest.approx(expected, rel=1e-8, abs=1e-10)
    # the IRR zeroes the NPV
    assert abs(npv(got, flows)) <= 1e-6 * max(invest, 1.0)


def test_irr_vectorised_and_nan_without_sign_change():
    flows = np.array(
        [
            [-1000.0, 300.0, 400.0, 500.0],
            [100.0, 10.0, 10.0, 10.0],  # no sign change -> NaN
            [-1000.0, 0.0, 0.0, 0.0],  # no sign change -> NaN
            [-500.0, 600.0, 0.0, 0.0],  # IRR 20 %
        ]
    )
    got = irr(flows)
    assert got[0] == pytest.approx(npf.irr(flows[0]), rel=1e-10)
    assert np.isnan(got[1]) and np.isnan(got[2])
    assert got[3] == pytest.approx(0.2, rel=1e-12)


# ---------------------------------------------------------------------------------------------
# factors: identities and limits
# ---------------------------------------------------------------------------------------------
@settings(max_examples=200, deadline=None)
@given(rate=rates, years=whole_years)
def test_pvf_is_inverse_crf_and_explicit_sum(rate, years):
    pvf = present_value_factor(rate, years)
    assert pvf * capital_recovery_factor(rate, years) == pytest.approx(1.0, rel=1e-12)
    explicit = sum((1.0 + rate) ** -t for t in range(1, years + 1))
    assert pvf == pytest.approx(explicit, rel=1e-11)


@settings(max_examples=200, deadline=None)
@given(rate=rates, growth=rates, years=whole_years)
def test_pvf_with_growth_equals_explicit_sum(rate, growth, years):
    explicit = sum((1.0 + growth) ** (t - 1) / (1.0 + rate) ** t for t in range(1, years + 1))
    assert present_value_factor(rate, years, growth) == pytest.approx(explicit, rel=1e-9)


def test_rate_zero_limits_and_continuity():
    assert capital_recovery_factor(0.0, 20) == 1.0 / 20
    assert present_value_factor(0.0, 20) == 20.0
    assert present_value_factor(0.04, 20, 0.04) == pytest.approx(20 / 1.04, rel=1e-14)
    # continuity: a rate of 1e-12 is indistinguishable from 0 (no catastrophic cancellation)
    assert capital_recovery_factor(1e-12, 20) == pytest.approx(0.05, rel=1e-9)
    assert present_value_factor(1e-12, 20) == pytest.approx(20.0, rel=1e-9)


def test_discount_factors():
    d = discount_factors([0.0, 0.05], 3)
    assert d.shape == (2, 3)
    np.testing.assert_allclose(d[0], 1.0)
    np.testing.assert_allclose(d[1], [1 / 1.05, 1 / 1.05**2, 1 / 1.05**3], rtol=1e-15)


def test_crf_broadcasts():
    out = capital_recovery_factor(np.array([0.0, 0.05])[:, None], np.array([10, 20, 30]))
    assert out.shape == (2, 3)
    assert out[0, 1] == pytest.approx(1 / 20)


# ---------------------------------------------------------------------------------------------
# life-cycle cost
# ---------------------------------------------------------------------------------------------
def test_life_cycle_cost_by_hand():
    # 1 000 EUR, life 10 yr, horizon 25 yr, 5 %: bought at 0, replaced at 10 and 20; at 25 the
    # last unit has 5 of 10 years left -> residual 50 % of 1 000 credited at t = 25.
    by_hand = 1000 * (1 + 1.05**-10 + 1.05**-20 - 0.5 * 1.05**-25)
    assert life_cycle_cost(1000.0, 10, 25, 0.05) == pytest.approx(by_hand, rel=1e-13)
    # plus 20 EUR/yr O&M at the end of years 1..25
    om = 20 * (1 - 1.05**-25) / 0.05
    assert life_cycle_cost(1000.0, 10, 25, 0.05, annual_cost=20.0) == pytest.approx(
        by_hand + om, rel=1e-13
    )
    # EAC = LCC x CRF
    assert equivalent_annual_cost(1000.0, 10, 25, 0.05, 20.0) == pytest.approx(
        (by_hand + om) * 0.05 / (1 - 1.05**-25), rel=1e-13
    )


def test_life_cycle_cost_edge_cases():
    # lifetime equal to the horizon: no replacement, no residual value
    assert life_cycle_cost_factor(25, 25, 0.05) == pytest.approx(1.0, abs=1e-15)
    # lifetime longer than the horizon: residual share (40 - 25)/40 credited at 25
    assert life_cycle_cost_factor(40, 25, 0.05) == pytest.approx(1 - 15 / 40 * 1.05**-25, rel=1e-13)
    # rate 0: number of purchases minus the unused share
    assert life_cycle_cost_factor(12.5, 25, 0.0) == pytest.approx(2.0, abs=1e-12)
    assert life_cycle_cost_factor(10, 25, 0.0) == pytest.approx(2.5, abs=1e-12)


@settings(max_examples=150, deadline=None)
@given(
    life=st.integers(1, 30),
    horizon=st.integers(1, 40),
    rate=rates,
    capex=st.floats(0, 1e5),
    annual=st.floats(0, 1e4),
)
def test_life_cycle_cost_equals_npv_of_explicit_cash_flows(life, horizon, rate, capex, annual):
    flows = np.zeros(horizon + 1)
    flows[0] = capex
    t = life
    while t < horizon:
        flows[t] += capex
        t += life
    last = t - life
    flows[horizon] -= capex * (last + life - horizon) / life
    flows[1:] += annual
    assert life_cycle_cost(capex, life, horizon, rate, annual) == pytest.approx(
        npv(rate, flows), rel=1e-9, abs=1e-6
    )


# ---------------------------------------------------------------------------------------------
# payback
# ---------------------------------------------------------------------------------------------
def test_simple_payback_rules():
    got = simple_payback(
        [1000.0, 1000.0, 1000.0, -50.0, 0.0, 0.0, -10.0], [250.0, 0.0, -5.0, 10.0, 10.0, 0.0, -1.0]
    )
    assert got[0] == 4.0
    assert got[1] == np.inf and got[2] == np.inf
    assert got[3] == 0.0 and got[4] == 0.0
    assert np.isnan(got[5]) and np.isnan(got[6])


# ---------------------------------------------------------------------------------------------
# bad input
# ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "call",
    [
        lambda: capital_recovery_factor(-1.0, 10),
        lambda: capital_recovery_factor(-1.5, 10),
        lambda: capital_recovery_factor(0.05, 0),
        lambda: capital_recovery_factor(0.05, -3),
        lambda: capital_recovery_factor(np.nan, 10),
        lambda: capital_recovery_factor(0.05, [10, np.nan]),
        lambda: present_value_factor(0.05, 10, growth=-1.0),
        lambda: present_value_factor(-2.0, 10),
        lambda: discount_factors(0.05, 0),
        lambda: discount_factors(0.05, 2.5),
        lambda: npv(-1.0, [1.0, 2.0]),
        lambda: npv(0.05, [1.0, np.nan]),
        lambda: irr([-1.0, np.nan, 2.0]),
        lambda: loan_payment(1000.0, 0.05, 0),
        lambda: loan_payment(-1000.0, 0.05, 10),
        lambda: life_cycle_cost(1000.0, 0, 25, 0.05),
        lambda: life_cycle_cost(1000.0, 10, -1, 0.05),
        lambda: life_cycle_cost(1000.0, 10, 25, -1.0),
        lambda: simple_payback(np.nan, 1.0),
    ],
)
def test_bad_input_raises_wup_input_error(call):
    with pytest.raises(WupInputError):
        call()


def test_error_message_names_the_argument():
    with pytest.raises(WupInputError, match=r"rate must be greater than -1"):
        capital_recovery_factor(-1.2, 10)
    with pytest.raises(WupInputError, match=r"years must be positive"):
        present_value_factor(0.05, 0)
    with pytest.raises(WupInputError, match=r"lifetime_years"):
        life_cycle_cost(1.0, -2, 10, 0.05)

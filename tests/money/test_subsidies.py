"""ISDE 2026 and Warmtefonds rules against published examples."""

from __future__ import annotations

import numpy as np
import pytest

from wupmodel.errors import WupInputError
from wupmodel.money import (
    isde_heat_network_eur,
    isde_heat_pump_eur,
    isde_insulation_eur,
    isde_insulation_package_eur,
    warmtefonds_loan,
    warmtefonds_terms,
)
from wupmodel.params import default_params

P = default_params()


def test_isde_air_heat_pump_2026_and_2025_rules_agree():
    # ISDE 2026 (rvo.nl via slimgeldbeheer.nl): 1 025 + 225 EUR per kW from the first kW
    # + 200 EUR A+++ bonus -> 5 kW: 1 025 + 5 x 225 + 200 = 2 350 EUR.
    # ISDE 2025 example (warmtepomp-monteurs.nl): 1 250 + 4 x 225 + 200 = 2 350 EUR, the
    # per-kW amount counting kW above the first: the two rules give the same total.
    assert isde_heat_pump_eur("air", 5.0, a3plus=True, params=P) == 1025 + 5 * 225 + 200
    assert isde_heat_pump_eur("air", 5.0, a3plus=True, params=P) == 1250 + 4 * 225 + 200
    assert isde_heat_pump_eur("air_hp", 5.0, a3plus=False, params=P) == 1025 + 5 * 225
    # a hybrid heat pump is an air/water heat pump for ISDE
    assert isde_heat_pump_eur("hybrid_hp", 4.0, a3plus=True, params=P) == 1025 + 4 * 225 + 200


def test_isde_ground_source_reproduces_2025_example():
    # de-eilanden.nl "Subsidies voor warmtepompen in 2025": ground-source 6 kW, A++: 4 425 EUR
    # (the example the ground-source parameters were derived from: regression check), and
    # the 2 800 EUR lower end of verduurzamingstechnieken.nl at 1 kW.
    assert isde_heat_pump_eur("ground", 6.0, a3plus=False, params=P) == pytest.approx(4425.0)
    assert isde_heat_pump_eur("ground_hp", 1.0, a3plus=False, params=P) == pytest.approx(2800.0)


def test_isde_heat_pump_limits_and_cap():
    got = isde_heat_pump_eur("air", np.array([0.5, 1.0, 70.0, 71.0]), a3plus=False, params=P)
    # 1-70 kW eligible (ISDE: 'ten hoogste 70 kW', minimum 1 kW)
    np.testing.assert_allclose(got, [0.0, 1250.0, 1025 + 70 * 225, 0.0])
    # never more than the investment
    assert isde_heat_pump_eur("air", 8.0, investment_eur=1500.0, params=P) == 1500.0
    with pytest.raises(WupInputError, match="heat-pump kind"):
        isde_heat_pump_eur("geothermal", 5.0, params=P)


def test_isde_insulation_single_double_and_limits():
    # installer page on ISDE 2026 roof insulation: 16.25 EUR/m2, 60 m2 -> 975 EUR for one
    # measure or 1 950 EUR with a second measure (doubling rule, rvo.nl).
    assert isde_insulation_eur("roof", 60.0, 1, params=P) == pytest.approx(975.0)
    assert isde_insulation_eur("roof", 60.0, 2, params=P) == pytest.approx(1950.0)
    # below the minimum area nothing, above the maximum capped (roof 20-200 m2)
    assert isde_insulation_eur("roof", 19.0, 2, params=P) == 0.0
    assert isde_insulation_eur("roof", 300.0, 1, params=P) == pytest.approx(200 * 16.25)
    # cavity wall 5.25 EUR/m2 (2024 amount 4 + 1.25 in 2025, rvo.nl), never above the cost
    assert isde_insulation_eur("cavity_wall", 80.0, 1, params=P) == pytest.approx(420.0)
    assert isde_insulation_eur("cavity_wall", 80.0, 1, investment_eur=300.0, params=P) == 300.0
    with pytest.raises(WupInputError, match="insulation measure"):
        isde_insulation_eur("attic", 50.0, 1, params=P)


def test_isde_insulation_package_doubles_with_two_measures():
    # roof 60 m2 + floor 50 m2 = 2 measures -> both doubled: 2 x (60 x 16.25 + 50 x 5.50) = 2 500
    assert isde_insulation_package_eur({"roof": 60.0, "floor": 50.0}, params=P) == pytest.approx(
        2500.0
    )
    # a floor below its 20 m2 minimum does not count and gets nothing -> roof single
    assert isde_insulation_package_eur({"roof": 60.0, "floor": 10.0}, params=P) == pytest.approx(
        975.0
    )
    # ... unless a heat pump is the second measure within 24 months
    assert isde_insulation_package_eur(
        {"roof": 60.0}, n_other_measures=1, params=P
    ) == pytest.approx(1950.0)
    # vectorised over dwellings
    got = isde_insulation_package_eur(
        {"roof": np.array([60.0, 0.0]), "facade": np.array([40.0, 40.0])}, params=P
    )
    np.testing.assert_allclose(got, [2 * (975 + 40 * 20.25), 40 * 20.25])


def test_isde_heat_network():
    # ISDE heat-network connection: 3 775 EUR from 2024 (072nieuws.nl 2024-01-22; 3 325 before)
    assert isde_heat_network_eur(params=P) == 3775.0
    assert isde_heat_network_eur(investment_eur=2000.0, params=P) == 2000.0


def test_warmtefonds_rates_terms_and_payment():
    assert warmtefonds_terms(P) == (7.0, 10.0, 15.0, 20.0)
    # warmtefonds.nl example: 15 000 EUR, 10 years, 4.35 % effective -> 153.80 EUR/month;
    # tolerance 0.10 EUR for the rate rounded to two decimals.
    loan = warmtefonds_loan(15000.0, 75000.0, 10, P)
    assert loan.rate == pytest.approx(0.0435)
    assert loan.monthly_payment_eur == pytest.approx(153.80, abs=0.10)
    assert loan.annual_payment_eur == pytest.approx(12 * loan.monthly_payment_eur)
    # below the 60 000 EUR income limit: 0 % -> 15 000 / 120 months = 125 EUR
    low = warmtefonds_loan(15000.0, 45000.0, 10, P)
    assert low.rate == 0.0 and low.monthly_payment_eur == pytest.approx(125.0, rel=1e-12)
    # unknown income -> scenario rate
    assert warmtefonds_loan(15000.0, np.nan, 10, P).rate == pytest.approx(0.0435)


def test_warmtefonds_bad_terms_and_amounts():
    with pytest.raises(WupInputError, match="7, 10, 15, 20"):
        warmtefonds_loan(10000.0, 50000.0, 12, P)
    with pytest.raises(WupInputError, match="15,000"):
        warmtefonds_loan(10000.0, 50000.0, 20, P)  # 20 years only from 15 000 EUR
    with pytest.raises(WupInputError, match="between 1,000 and 27,000"):
        warmtefonds_loan(30000.0, 50000.0, 15, P)
    with pytest.raises(WupInputError):
        warmtefonds_loan(500.0, 50000.0, 15, P)
    # large packages may borrow up to 71 000 EUR
    assert warmtefonds_loan(50000.0, 50000.0, 20, P, large_package=True).principal_eur == 50000.0
    # non-strict (whole villages): no loan below the minimum, capped above the maximum,
    # 20 years falls back to 15 for small loans
    soft = warmtefonds_loan(np.array([500.0, 10000.0, 40000.0]), 70000.0, 20, P, strict=False)
    np.testing.assert_allclose(soft.principal_eur, [0.0, 10000.0, 27000.0])
    np.testing.assert_allclose(soft.term_years, [15.0, 15.0, 20.0])

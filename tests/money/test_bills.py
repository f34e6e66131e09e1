"""Household bills worked out by hand from the published 2026 figures."""

from __future__ import annotations

import numpy as np
import pytest

from wupmodel.errors import WupInputError
from wupmodel.money import (
    annual_bill_eur,
    annual_energy_resource_cost_eur,
    bill_components_eur,
    tariff_paths,
)
from wupmodel.params import default_params

P = default_params()
T = tariff_paths(P)

# Published 2026 figures incl. 21 % VAT (parameters-nl.md §6):
GAS_TAX_INCL = 0.72680  # EUR/m3, Belastingplan 2026 (selectra.nl)
ELEC_TAX_INCL = 0.11085  # EUR/kWh, Belastingplan 2026 (gelijkvergelijk.nl / selectra.nl)
TAX_CREDIT_INCL = 628.96  # EUR/yr per connection (519.80 excl. VAT; MvT Belastingplan 2026)
VAT = 0.21
# Stated for this test (the model's 2026 values, sources in finance.csv):
GAS_SUPPLY = 0.514  # EUR/m3 excl. VAT = Vesta commodity 0.323 + mark-up 0.191 (assumption)
ELEC_SUPPLY = 0.130  # EUR/kWh excl. VAT = Vesta commodity 0.087 + mark-up 0.043 (assumption)
# network charges of Enexis (Drenthe) 2026, derived in finance.csv (issue 20), + supplier
GAS_STANDING = 225.55 + 66.25  # EUR/yr excl. VAT
ELEC_STANDING = 387.17 + 65.07  # EUR/yr excl. VAT: Enexis 2024 425.88 incl. VAT / 1.21 x 1.10
FEED_IN = 0.0025  # EUR/kWh net after feed-in costs, no VAT (Greenchoice 2027; energievergelijk.nl)
# 2027-2029: at least 50 % of the bare supply price less the feed-in costs (Kamerstuk 36611,
# amendement Grinwis): 0.5 x 0.130 - 0.05184 = 0.01316 EUR/kWh
FEED_IN_2027 = 0.5 * 0.130 - 0.05184


def test_2026_bill_by_hand_gas_boiler_household():
    # 1 200 m3 gas, 2 500 kWh, no PV, gas connection, no heat network, 2026:
    gas = 1200 * (GAS_SUPPLY * (1 + VAT) + GAS_TAX_INCL)  # = 1200 x 1.34874 = 1 618.49
    gas_fixed = GAS_STANDING * (1 + VAT)  # = 291.80 x 1.21 = 353.08
    elec = 2500 * (ELEC_SUPPLY * (1 + VAT) + ELEC_TAX_INCL)  # = 2500 x 0.26815 = 670.38
    elec_fixed = ELEC_STANDING * (1 + VAT)  # = 452.24 x 1.21 = 547.21
    by_hand = gas + gas_fixed + elec + elec_fixed - TAX_CREDIT_INCL  # = 2 560.19
    assert by_hand == pytest.approx(2560.19, abs=0.01)
    # Tolerance 0.05 EUR: the model stores the taxes excl. VAT; 0.09160 x 1.21 = 0.110836
    # against the published 0.11085 differs by 0.014 ct/kWh x 2 500 kWh = 0.035 EUR.
    got = annual_bill_eur(1200, 2500, 0, 0, True, False, T, year_index=0)
    assert got == pytest.approx(by_hand, abs=0.05)
    # the same bill line by line
    lines = bill_components_eur(1200, 2500, 0, 0, True, False, T, year_index=0)
    assert lines["total"] == pytest.approx(got, rel=1e-12)
    assert lines["tax_credit"] == pytest.approx(-TAX_CREDIT_INCL, abs=0.005)
    assert lines["gas_tax"] * (1 + VAT) == pytest.approx(1200 * GAS_TAX_INCL, abs=0.01)


def test_cbs_average_bill_january_2026():
    # CBS "De energierekening januari 2026" (2026-02-26): average household bill 1 993 EUR/yr at
    # January 2026 prices. CBS's 2026 consumption is not read; with the CBS 2025 average use
    # (987 m3 gas, 1 706 kWh net, CBS "De energierekening januari 2025") the model must land
    # within 5 %: CBS says 2026 use is lower, mainly gas, so a small overshoot is expected.
    got = annual_bill_eur(987, 1706, 0, 0, True, False, T, year_index=0)
    assert got == pytest.approx(1993.0, rel=0.05)


def test_net_metering_2026_and_feed_in_2027():
    # 3 000 kWh import and 2 000 kWh export, no gas connection
    y2026 = annual_bill_eur(0, 3000, 2000, 0, False, False, T, year_index=0)
    y2027 = annual_bill_eur(0, 3000, 2000, 0, False, False, T, year_index=1)
    kwh_price = ELEC_SUPPLY * (1 + VAT) + ELEC_TAX_INCL
    fixed = ELEC_STANDING * (1 + VAT) - TAX_CREDIT_INCL
    # 2026: 2 000 kWh netted, 1 000 kWh billed, nothing left to feed in
    assert y2026 == pytest.approx(fixed + 1000 * kwh_price, abs=0.05)
    # 2027: all 3 000 kWh billed (2027 supply price from the Vesta path), export earns feed-in
    kwh_price_2027 = (T.elec_supply_eur_kwh[1] + T.elec_tax_eur_kwh[1]) * (1 + VAT)
    assert y2027 == pytest.approx(fixed + 3000 * kwh_price_2027 - 2000 * FEED_IN_2027, abs=0.05)
    # export larger than import in 2026: import netted fully, the surplus earns feed-in
    surplus = annual_bill_eur(0, 1000, 3000, 0, False, False, T, year_index=0)
    assert surplus == pytest.approx(fixed - 2000 * FEED_IN, abs=0.05)


def test_no_gas_connection_and_heat_network():
    with_gas = annual_bill_eur(0, 2500, 0, 0, True, False, T, year_index=0)
    without = annual_bill_eur(0, 2500, 0, 0, False, False, T, year_index=0)
    assert with_gas - without == pytest.approx(GAS_STANDING * (1 + VAT), abs=0.01)
    # heat network, 30 GJ: ACM 2026 fixed 828 EUR + 30 x 40.97 EUR/GJ, both incl. VAT as published
    hn = annual_bill_eur(0, 2500, 0, 30, False, True, T, year_index=0)
    assert hn - without == pytest.approx(828.0 + 30 * 40.97, abs=0.01)


def test_resource_cost_by_hand_and_free_of_taxes():
    # national cost 2026: gas and electricity at the Vesta commodity price, network part of the
    # standing charges, no VAT, tax or tax credit:
    by_hand = 1200 * 0.323 + 225.55 + 2500 * 0.087 + 387.17  # = 1 217.82
    got = annual_energy_resource_cost_eur(1200, 2500, 0, 0, True, False, T, year_index=0)
    assert got == pytest.approx(by_hand, abs=0.01)
    taxed = tariff_paths(
        P,
        overrides={
            "gas_tax_eur_m3": 2.0,
            "elec_tax_eur_kwh": 0.5,
            "vat": 0.3,
            "tax_credit_eur": 0.0,
        },
    )
    again = annual_energy_resource_cost_eur(1200, 2500, 0, 0, True, False, taxed, year_index=0)
    assert again == got
    # no net metering in the national view: export is valued at the production cost
    pv = annual_energy_resource_cost_eur(0, 3000, 2000, 0, False, False, T, year_index=0)
    assert pv == pytest.approx((3000 - 2000) * 0.087 + 387.17, abs=0.01)


def test_shapes_broadcast_and_year_axis():
    gas = np.array([[1000.0, 0.0, 500.0], [1500.0, 0.0, 700.0]])
    bills = annual_bill_eur(gas, 3000.0, 0.0, 0.0, gas > 0, False, T)
    assert bills.shape == (2, 3, 25)
    np.testing.assert_allclose(
        bills[..., 3], annual_bill_eur(gas, 3000.0, 0.0, 0.0, gas > 0, False, T, 3)
    )


def test_bad_quantities():
    with pytest.raises(WupInputError, match="gas_m3"):
        annual_bill_eur(-1, 0, 0, 0, True, False, T)
    with pytest.raises(WupInputError, match="NaN"):
        annual_bill_eur(np.nan, 0, 0, 0, True, False, T)
    with pytest.raises(WupInputError, match="year_index"):
        annual_bill_eur(1, 0, 0, 0, True, False, T, year_index=25)

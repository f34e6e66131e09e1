"""Tests of wupmodel.money.tariffs: packaged paths against their published sources, and
overrides."""

from __future__ import annotations

import numpy as np
import pytest

from wupmodel.errors import WupInputError
from wupmodel.money import SERIES, discounted_sums, tariff_paths
from wupmodel.money.tariffs import PathOptions
from wupmodel.params import default_params

P = default_params()


@pytest.fixture(scope="module")
def paths():
    return tariff_paths(P)


def test_default_years_and_shapes(paths):
    assert paths.years[0] == 2026 and paths.years[-1] == 2050 and paths.n_years == 25
    for name, arr in paths.series().items():
        assert np.shape(arr) == (25,), name


def test_2026_taxes_are_the_published_rates(paths):
    # Belastingplan 2026 (parameters-nl.md §6): gas 0.72680 EUR/m3 and electricity
    # 0.11085 EUR/kWh incl. 21 % VAT; tax credit 628.96 EUR incl. VAT.
    # Tolerances 1e-5 EUR: the published incl.-VAT values are rounded to 5 (credit: 2) decimals.
    assert paths.gas_tax_eur_m3[0] * 1.21 == pytest.approx(0.72680, abs=1e-5)
    assert paths.elec_tax_eur_kwh[0] * 1.21 == pytest.approx(0.11085, abs=2e-5)
    assert paths.tax_credit_eur[0] * 1.21 == pytest.approx(628.96, abs=0.005)
    assert paths.vat[0] == 0.21
    # 2027 not published (carried forward, marked): taxes constant in real terms after 2026
    assert np.all(paths.gas_tax_eur_m3 == paths.gas_tax_eur_m3[0])
    assert paths.carried_forward["gas_tax_eur_m3"][1:].all()


def test_commodity_paths_follow_vesta(paths):
    # parameters-nl.md §6, read off PBL Vesta 20250108_Energieprijzen_Aardgas.csv
    # (KG_PC_COM_EXCL_CO2): gas commodity 0.323 EUR/m3 in 2026; 2030 is the midpoint of the 2029
    # and 2031 values (0.323, 0.368), not the file's one-year 0.53 (issue 20); the green-gas
    # surcharge comes on top from 2027 (0.13 EUR/m3 in 2030).
    y = {int(v): i for i, v in enumerate(paths.years)}
    assert paths.gas_production_eur_m3[y[2026]] == pytest.approx(0.323)
    assert paths.gas_production_eur_m3[y[2030]] == pytest.approx(0.3455 + 0.13)
    # supply = commodity + constant retail mark-up
    markup = paths.gas_supply_eur_m3 - paths.gas_production_eur_m3
    np.testing.assert_allclose(markup, P["finance.gas_supply_markup_eur_m3"], atol=1e-12)


def test_grid_co2_path_matches_parameters_nl(paths):
    # parameters-nl.md §7 (PBL Vesta RAT_CO2_KWH): 0.195 (2026), 0.181 (2027), 0.10 (2030),
    # 0.088 (2031 and later) kg/kWh.
    y = {int(v): i for i, v in enumerate(paths.years)}
    for year, value in ((2026, 0.195), (2027, 0.181), (2030, 0.10), (2031, 0.088), (2050, 0.088)):
        assert paths.grid_co2_kg_kwh[y[year]] == pytest.approx(value), year


def test_net_metering_ends_after_2026(paths):
    # Belastingplan 2025: salderingsregeling ends on 1 January 2027.
    assert paths.net_metering[0] and not paths.net_metering[1:].any()


def test_feed_in_and_acm_heat_2026(paths):
    # feed-in 0.25 ct/kWh net after costs (parameters-nl.md §6) once the 50 % floor of 2027-2029
    # has ended (Kamerstuk 36611); ACM 2026 40.97 EUR/GJ (§4.1)
    assert paths.feed_in_eur_kwh[4] == pytest.approx(0.0025)
    assert paths.heat_variable_eur_gj[0] == pytest.approx(40.97)


def test_ets2_only_from_start_year():
    # the low CO2 price path: PBL Vesta P_CO2 = 41.4 EUR/t in 2028, 47.1 in 2030
    # (parameters-nl.md §6 gives 35.7 for 2026 and 47.1 for 2030).
    off = tariff_paths(P)
    assert not off.co2_price_eur_t.any()
    on = tariff_paths(P, ets2_start_year=2028, options=PathOptions(ets2_path="low"))
    assert on.co2_price_eur_t[:2].sum() == 0.0
    assert on.co2_price_eur_t[2] == pytest.approx(41.4)
    assert on.co2_price_eur_t[4] == pytest.approx(47.1)
    # the ETS2 charge raises the all-in gas price, and with it the ACM variable heat price (not
    # the cost-based price of the Wet collectieve warmte, which follows the heat's own cost)
    acm = PathOptions(ets2_path="low", heat_tariff="acm")
    on_acm = tariff_paths(P, ets2_start_year=2028, options=acm)
    off_acm = tariff_paths(P, options=acm)
    assert on_acm.heat_variable_eur_gj[2] > off_acm.heat_variable_eur_gj[2]
    assert on.heat_variable_eur_gj[2] == off.heat_variable_eur_gj[2]


def test_heat_price_follows_gas_price():
    # niet-meer-dan-anders (the ACM cap, kept with heat_networks.tariff: acm): the variable heat
    # price scales with the all-in gas price
    acm = PathOptions(heat_tariff="acm")
    base = tariff_paths(P, options=acm)
    dearer = tariff_paths(P, overrides={"gas_supply_eur_m3": 1.0}, options=acm)
    all_in = lambda t: (1 + t.vat) * (t.gas_supply_eur_m3 + t.gas_tax_eur_m3)  # noqa: E731
    np.testing.assert_allclose(
        dearer.heat_variable_eur_gj / base.heat_variable_eur_gj,
        all_in(dearer) / all_in(base),
        rtol=1e-12,
    )


def test_override_constant_and_full_mapping():
    t = tariff_paths(
        P,
        start_year=2026,
        end_year=2030,
        overrides={
            "elec_tax_eur_kwh": 0.05,
            "feed_in_eur_kwh": {y: 0.01 * (y - 2025) for y in range(2026, 2031)},
        },
    )
    np.testing.assert_allclose(t.elec_tax_eur_kwh, 0.05)
    np.testing.assert_allclose(t.feed_in_eur_kwh, [0.01, 0.02, 0.03, 0.04, 0.05])
    # extra years outside the range are ignored
    t2 = tariff_paths(
        P,
        start_year=2027,
        end_year=2028,
        overrides={"vat": {2026: 0.1, 2027: 0.09, 2028: 0.09, 2040: 0.2}},
    )
    np.testing.assert_allclose(t2.vat, 0.09)


def test_override_for_a_few_years_is_interpolated_by_hand():
    # {2026: 0.50, 2030: 0.65, 2040: 0.80}: 2028 lies halfway 2026-2030 -> 0.575; 2035 halfway
    # 2030-2040 -> 0.725; after 2040 held at 0.80.
    t = tariff_paths(P, overrides={"gas_supply_eur_m3": {2026: 0.50, 2030: 0.65, 2040: 0.80}})
    by_year = dict(zip(t.years.tolist(), t.gas_supply_eur_m3.tolist(), strict=True))
    assert by_year[2026] == pytest.approx(0.50)
    assert by_year[2027] == pytest.approx(0.50 + 0.15 / 4)
    assert by_year[2028] == pytest.approx(0.575)
    assert by_year[2035] == pytest.approx(0.725)
    assert by_year[2040] == pytest.approx(0.80)
    assert by_year[2050] == pytest.approx(0.80)


def test_override_path_must_start_at_the_horizon_and_not_before_2026():
    with pytest.raises(WupInputError, match=r"gas_supply_eur_m3.*no value for 2026"):
        tariff_paths(P, overrides={"gas_supply_eur_m3": {2030: 0.5}})
    with pytest.raises(WupInputError, match=r"gas_supply_eur_m3.*2025, before the price year 2026"):
        tariff_paths(P, overrides={"gas_supply_eur_m3": {2025: 0.4, 2026: 0.5}})


def test_override_out_of_range_and_unknown_series():
    with pytest.raises(WupInputError, match=r"vat.*outside the plausible range"):
        tariff_paths(P, overrides={"vat": 1.5})
    with pytest.raises(WupInputError, match=r"NaN"):
        tariff_paths(P, overrides={"gas_tax_eur_m3": float("nan")})
    with pytest.raises(WupInputError, match=r"did you mean gas_tax_eur_m3"):
        tariff_paths(P, overrides={"gas_taks_eur_m3": 0.5})


def test_years_outside_packaged_paths():
    with pytest.raises(WupInputError, match=r"2051"):
        tariff_paths(P, end_year=2055)
    with pytest.raises(WupInputError):
        tariff_paths(P, start_year=2030, end_year=2029)


def test_discounted_sums_by_hand(paths):
    r = 0.055
    d = (1 + r) ** -np.arange(1, 26)
    sums = discounted_sums(paths, r)
    assert set(SERIES) <= set(sums)
    assert sums["years"] == pytest.approx((1 - 1.055**-25) / 0.055, rel=1e-12)
    assert sums["gas_supply_eur_m3"] == pytest.approx(
        float(np.sum(d * paths.gas_supply_eur_m3)), rel=1e-12
    )
    # the net-metering indicator sums to the discount factor of 2026 only
    assert sums["net_metering"] == pytest.approx(1 / 1.055, rel=1e-12)
    short = discounted_sums(paths, r, horizon_years=10)
    assert short["years"] == pytest.approx((1 - 1.055**-10) / 0.055, rel=1e-12)
    with pytest.raises(WupInputError, match="horizon_years"):
        discounted_sums(paths, r, horizon_years=26)

"""Issue 20: policy by year (taxes, tax credit, feed-in floor, ACM, ISDE), the price paths past
2026 (ETS2, green gas, the 2030 gas point) and the gas network's last customers. Published
figures are written here with their source and year."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import wupmodel as wm
from wupmodel.money import (
    ETS2_PATHS,
    PathOptions,
    gas_network_factor,
    policy_path,
    policy_table,
    policy_value,
    tariff_paths,
)
from wupmodel.params import default_params

P = default_params()
YEARS = np.arange(2026, 2051)


@pytest.fixture(scope="module")
def paths():
    return tariff_paths(P, ets2_start_year=2028)


def at(t, series, year):
    return float(getattr(t, series)[int(np.flatnonzero(t.years == year)[0])])


def test_2026_energy_tax_and_credit_are_exact(paths):
    # Belastingplan 2026 (Belastingdienst rates as quoted): gas 0-1 000 m3 0.72680 EUR/m3 incl. 21 %
    # VAT (selectra.nl) = 0.60066 excl.; electricity 0-10 000 kWh 0.09160 EUR/kWh excl. VAT
    # (gelijkvergelijk.nl); belastingvermindering 519.80 EUR excl. VAT (Engie, BP2026 MvT).
    assert policy_value(P, "gas_tax_0_1000_eur_m3", 2026) == 0.60066
    assert policy_value(P, "gas_tax_1000_170000_eur_m3", 2026) == 0.60066
    assert policy_value(P, "elec_tax_0_10000_eur_kwh", 2026) == 0.09160
    assert policy_value(P, "tax_credit_eur", 2026) == 519.80
    assert at(paths, "gas_tax_eur_m3", 2026) == 0.60066
    assert at(paths, "elec_tax_eur_kwh", 2026) == 0.09160
    assert at(paths, "tax_credit_eur", 2026) == 519.80
    assert round(0.60066 * 1.21, 5) == 0.72680
    assert round(519.80 * 1.21, 2) == 628.96


def test_2027_taxes_are_carried_forward_and_marked(paths):
    # The 2027 rates (Belastingplan 2027) were not found in the sources searched: the 2026 values
    # are held and every place that shows them says so.
    for series in ("gas_tax_0_1000_eur_m3", "elec_tax_0_10000_eur_kwh", "tax_credit_eur"):
        path = policy_path(P, series, np.array([2026, 2027, 2040]))
        assert path.values[1] == path.values[0] == path.values[2]
        assert path.carried_forward.tolist() == [False, True, True]
        assert path.published_year.tolist() == [2026, 2026, 2026]
    for series in ("gas_tax_eur_m3", "elec_tax_eur_kwh", "tax_credit_eur"):
        marks = paths.carried_forward[series]
        assert not marks[0] and marks[1:].all(), series
    table = policy_table(P, YEARS)
    row = table[(table.series == "tax_credit_eur") & (table.year == 2027)].iloc[0]
    assert row.carried_forward and "CARRIED FORWARD" in row.source


def test_override_of_the_price_year_scales_the_policy_path():
    scaled = tariff_paths(P.with_overrides({"finance.gas_tax_eur_m3": 0.7}))
    np.testing.assert_allclose(scaled.gas_tax_eur_m3, 0.7)


def test_feed_in_2027_2029_never_below_half_the_bare_supply_price_less_costs(paths):
    # Kamerstuk 36611, amendement Grinwis c.s. (Eerste Kamer 36611 D, 2024-12-06): the
    # terugleververgoeding is at least 50 % of the bare supply price until 1 January 2030.
    cost = P["finance.feed_in_cost_eur_kwh"]  # 5.184 ct/kWh (Greenchoice 2027, tweakers 232734)
    for year in (2027, 2028, 2029):
        floor = 0.5 * at(paths, "elec_supply_eur_kwh", year) - cost
        assert at(paths, "feed_in_eur_kwh", year) >= floor - 1e-12
    # by hand: 0.5 x (0.087 Vesta commodity + 0.043 mark-up) - 0.05184 = 0.01316 EUR/kWh
    assert at(paths, "feed_in_eur_kwh", 2027) == pytest.approx(0.01316, abs=1e-9)
    # no floor from 2030: the market fee less costs, 5.434 - 5.184 = 0.25 ct/kWh
    assert at(paths, "feed_in_eur_kwh", 2030) == pytest.approx(0.0025)


@settings(max_examples=50, deadline=None)
@given(supply=st.floats(0.0, 0.6), cost=st.floats(0.0, 0.2), net=st.floats(-0.1, 0.2))
def test_feed_in_floor_holds_for_any_supply_price_and_cost(supply, cost, net):
    p = P.with_overrides({"finance.feed_in_cost_eur_kwh": cost, "finance.feed_in_net_eur_kwh": net})
    t = tariff_paths(p, end_year=2031, overrides={"elec_supply_eur_kwh": supply})
    for year in (2027, 2028, 2029):
        assert at(t, "feed_in_eur_kwh", year) >= 0.5 * supply - cost - 1e-12


def test_ets2_paths_low_central_high():
    # low: PBL Vesta P_CO2 (41.4 in 2028, 47.1 from 2030); central: European Commission
    # modelling (finanznachrichten.de 2025-04) 50 / 55 / 60 EUR/t in 2028 / 2029 / 2030;
    # high: BloombergNEF 2025, 122 EUR/t in 2030 and 99 EUR/t on average 2027-2030.
    got = {
        k: tariff_paths(P, ets2_start_year=2028, options=PathOptions(ets2_path=k))
        for k in ETS2_PATHS
    }
    assert at(got["low"], "co2_price_eur_t", 2028) == pytest.approx(41.4)
    assert at(got["low"], "co2_price_eur_t", 2030) == pytest.approx(47.1)
    assert [at(got["central"], "co2_price_eur_t", y) for y in (2027, 2028, 2029, 2030)] == [
        0.0,
        50.0,
        55.0,
        60.0,
    ]
    assert at(got["high"], "co2_price_eur_t", 2030) == 122.0
    high = tariff_paths(P, ets2_start_year=2027, options=PathOptions(ets2_path="high"))
    assert np.mean([at(high, "co2_price_eur_t", y) for y in range(2027, 2031)]) == pytest.approx(
        99, abs=0.5
    )
    # after 2030 the last published value is held, and marked
    assert got["central"].carried_forward["co2_price_eur_t"][got["central"].years > 2030].all()
    assert not got["central"].carried_forward["co2_price_eur_t"][got["central"].years <= 2030].any()


def test_green_gas_surcharge_from_2027(paths):
    # ANP 2025-03: the blending obligation costs 'eventually about 12 to 14 ct/m3'; first year 2027
    assert at(paths, "green_gas_surcharge_eur_m3", 2026) == 0.0
    assert at(paths, "green_gas_surcharge_eur_m3", 2027) > 0.0
    assert 0.12 <= at(paths, "green_gas_surcharge_eur_m3", 2030) <= 0.14
    # in the supply price and in the national production cost alike
    np.testing.assert_allclose(
        paths.gas_supply_eur_m3 - paths.gas_production_eur_m3, P["finance.gas_supply_markup_eur_m3"]
    )


def test_2030_gas_commodity_is_not_a_one_year_spike(paths):
    # PBL Vesta 20250108_Energieprijzen_Aardgas.csv KG_PC_COM_EXCL_CO2: 0.323 (2024-2029), 0.53
    # (2030), 0.368 (2031 on). The 2030 point is in the file itself (checked, issue 20) and read as
    # a reference-year value: the model takes the midpoint of 2029 and 2031.
    commodity = paths.gas_production_eur_m3 - paths.green_gas_surcharge_eur_m3
    assert at_array(commodity, paths, 2029) == pytest.approx(0.323)
    assert at_array(commodity, paths, 2030) == pytest.approx((0.323 + 0.368) / 2)
    assert at_array(commodity, paths, 2031) == pytest.approx(0.368)


def at_array(values, t, year):
    return float(values[int(np.flatnonzero(t.years == year)[0])])


def test_enexis_network_charges_drenthe(paths):
    # eerlijkverbruik.nl 'Netbeheerkosten 2024', Enexis B.V.: electricity 425.88 EUR/yr incl. VAT;
    # x 1.10 (CBS January 2025, transport +10 %), Enexis 2026 electricity-only unchanged
    assert P["finance.elec_network_standing_eur"] == pytest.approx(425.88 / 1.21 * 1.10, abs=0.01)
    assert at(paths, "elec_network_standing_eur", 2026) == pytest.approx(387.17)


def test_gas_network_charge_rises_as_connections_leave(paths):
    # national path: 1.0 in 2026 -> the 2026 charge; fewer connections later -> higher charge
    base = P["finance.gas_network_standing_eur"] + P["finance.gas_supplier_standing_eur"]
    assert paths.gas_standing_eur[0] == pytest.approx(base)
    assert np.all(np.diff(paths.gas_standing_eur) >= -1e-12)
    # the national view keeps a connection's cost constant
    np.testing.assert_allclose(
        paths.gas_network_standing_eur, P["finance.gas_network_standing_eur"]
    )
    # by hand, half the connections left: 0.547 / 0.5 + 0.453 = 1.547
    assert float(gas_network_factor(np.array(0.5), 0.547, 0.2)) == pytest.approx(1.547)


@settings(max_examples=200, deadline=None)
@given(
    a=st.floats(0.0, 1.0),
    b=st.floats(0.0, 1.0),
    fixed=st.floats(0.0, 1.0),
    floor=st.floats(0.01, 1.0),
)
def test_more_households_leaving_never_lowers_the_charge_per_remaining_connection(
    a, b, fixed, floor
):
    more_left, fewer_left = min(a, b), max(a, b)  # remaining shares
    assert (
        gas_network_factor(np.array(more_left), fixed, floor)
        >= gas_network_factor(np.array(fewer_left), fixed, floor) - 1e-12
    )


def test_last_one_pays_in_the_village_summary():
    scenario = wm.load_scenario()
    inputs = wm.model_inputs(scenario)
    outcomes = wm.evaluate(wm.stock_for(scenario), inputs)
    s = wm.summarise(outcomes, inputs)["summary"].set_index("strategy")
    assert s.at["reference", "stayers_extra_eur_per_month"] == 0.0
    # the MT network leaves 330 of 758 dwellings on gas: their charge shares the fixed part
    kept = s.at["heat_network_mt", "gas_connections_kept"]
    assert kept == 330
    share = kept / 758
    base = P["finance.gas_network_standing_eur"] * 1.21
    by_hand = base * (0.547 / share + 0.453)
    assert s.at["heat_network_mt", "gas_network_local_eur_per_yr"] == pytest.approx(by_hand)
    assert s.at["heat_network_mt", "stayers_extra_eur_per_month"] == pytest.approx(
        (by_hand - base) / 12
    )


def test_acm_before_wcw_and_cost_based_from_2027(paths):
    # ACM 2026 (ANP 2025-12-05): 40.97 EUR/GJ and about 828 EUR/yr fixed incl. VAT
    assert at(paths, "heat_variable_eur_gj", 2026) == 40.97
    assert at(paths, "heat_fixed_eur", 2026) == 828.0
    acm = tariff_paths(P, ets2_start_year=2028, options=PathOptions(heat_tariff="acm"))
    assert at(acm, "heat_fixed_eur", 2027) == 828.0
    assert at(paths, "heat_fixed_eur", 2027) != at(acm, "heat_fixed_eur", 2027)

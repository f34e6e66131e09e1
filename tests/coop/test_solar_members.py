"""Member supply of a cooperative solar park: the share of the yield sold to members earns the
members' price, the rest the park price (by hand), and bad shares are one clear message."""

from __future__ import annotations

import pytest

import wupmodel as wm
from wupmodel.cli import main


def test_member_share_weights_the_price_by_hand():
    scenario = wm.load_scenario()
    kwp = 2000.0
    yield_kwh = scenario.params()["collective.solar_park.yield_kwh_per_kwp"]
    market = wm.business_case(
        None, scenario, asset="solar_park", park_kwp=kwp, park_price_eur_per_kwh=0.06
    )
    half = wm.business_case(
        None,
        scenario,
        asset="solar_park",
        park_kwp=kwp,
        park_price_eur_per_kwh=0.06,
        park_member_share=0.5,
        park_member_price_eur_per_kwh=0.12,
    )
    year = 5  # the park runs the whole year
    got = market.cash_flow_frame()["revenue_eur"].iloc[year]
    assert got == pytest.approx(kwp * yield_kwh * 0.06, rel=1e-12)
    # 0.5 x 0.06 + 0.5 x 0.12 = 0.09 EUR/kWh
    assert half.cash_flow_frame()["revenue_eur"].iloc[year] == pytest.approx(
        kwp * yield_kwh * 0.09, rel=1e-12
    )
    assert half.metrics["member_supply_mwh_per_yr"] == pytest.approx(0.5 * kwp * yield_kwh / 1e3)
    assert half.metrics["project_npv_eur"] > market.metrics["project_npv_eur"]
    # by default members pay the scenario's retail supply price (elec_supply_eur_kwh)
    retail = wm.business_case(
        None,
        scenario,
        asset="solar_park",
        park_kwp=kwp,
        park_price_eur_per_kwh=0.06,
        park_member_share=1.0,
    )
    assert retail.metrics["price_eur_per_kwh_first_year"] > 0.06


def test_member_share_above_one_is_one_message(capsys):
    assert (
        main(["coop", "--asset", "solar_park", "--park-kwp", "1000", "--park-members", "120%"]) == 2
    )
    err = capsys.readouterr().err
    assert "park_member_share" in err and "Traceback" not in err

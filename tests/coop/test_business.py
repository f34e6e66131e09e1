"""business_case() on the default village's heat-network zone, through the public API."""

from __future__ import annotations

import numpy as np
import numpy_financial as npf
import pandas as pd
import pytest

import wupmodel as wm
import wupmodel.io as wio


def test_default_zone_from_households_alternatives(village):
    scenario, stock, outcomes = village
    case = wm.business_case(stock, scenario, outcomes=outcomes)
    assert case.zone == "kern" and case.zone_dwellings == 428
    assert case.participation_source == "households' own alternatives"
    assert 0.0 <= case.participation <= 1.0
    assert case.loop is not None and case.loop.iterations >= 1
    assert case.loop.converged or case.loop.reason  # a stable point, or why there is none
    # At the ACM tariff the default zone does not break even even if all join (a model finding,
    # see the README): the root says why; a provincial grant of 1 MEUR brings it within reach.
    root = case.break_even_participation
    assert root.found or "does not break even" in root.reason
    helped = wm.business_case(
        stock, scenario, outcomes=outcomes, provincial_grant_eur=1e6
    ).break_even_participation
    assert helped.found and 0.5 < helped.value <= 1.0
    if root.found:
        assert helped.value <= root.value  # a grant never raises the participation needed
    # the households' tariff path of the scenario: from 2027 the cost-based tariff of the Wet
    # collectieve warmte (the ACM cap before it)
    assert case.tariff_fixed_eur_per_yr[1] == pytest.approx(
        wm.model_inputs(scenario).tariffs.heat_fixed_eur[1]
    )


def test_app_call_has_what_the_page_shows(village):
    """The call the Coöperatie page makes (its speed: benchmarks/bench_coop.py)."""
    scenario, stock, outcomes = village
    case = wm.business_case(
        stock,
        scenario,
        outcomes=outcomes,
        tariff_fixed_eur_per_yr=700.0,
        tariff_eur_per_gj=35.0,
        connection_fee_eur=2000.0,
        member_capital_eur=1.5e6,
        participation=0.8,
    )
    frame = case.cash_flow_frame()
    assert len(frame) == 31 and frame["year"].iloc[0] == 2026
    assert not case.dscr_by_year.empty and case.dscr_by_year.min() == pytest.approx(
        case.metrics["min_dscr"]
    )
    assert np.isfinite(case.member_irr)
    assert case.member_irr == pytest.approx(
        npf.irr(frame["equity_cash_flow_eur"].to_numpy()), abs=1e-10
    )
    assert case.metrics["project_irr"] == pytest.approx(
        npf.irr(frame["project_cash_flow_eur"].to_numpy()), abs=1e-10
    )
    assert case.break_even_participation.found or case.break_even_participation.reason
    assert case.connection_fee_eur == 2000.0
    # sources = uses
    fin = case.financing_frame()
    uses = fin.loc[fin.side == "uses", "amount_eur"].sum()
    sources = fin.loc[fin.side == "sources", "amount_eur"].sum()
    assert sources == pytest.approx(uses, rel=1e-12)


def test_at_warm_westerkwartier_participation(village):
    """85 % of the zone joins (Warm Westerkwartier's threshold, cooperative.md)."""
    scenario, stock, outcomes = village
    case = wm.business_case(None, scenario, outcomes=outcomes, participation=0.85)
    assert case.connections == pytest.approx(0.85 * 428)
    assert case.metrics["min_dscr"] >= 1.3 - 1e-9
    assert case.metrics["bank_debt_eur"] <= 0.8 * case.metrics["investment_eur"] + 1e-6
    assert case.metrics["llcr"] >= case.metrics["min_dscr"] - 1e-9  # level CFADS after year 4
    assert np.isfinite(case.metrics["project_irr"])


def test_break_even_tariff_gives_npv_zero(village):
    scenario, stock, outcomes = village
    case = wm.business_case(None, scenario, outcomes=outcomes, participation=0.85)
    root = case.break_even_tariff
    assert root.found
    again = wm.business_case(
        None,
        scenario,
        outcomes=outcomes,
        participation=0.85,
        acm_cap=False,
        tariff_fixed_eur_per_yr=root.value,
    )
    assert abs(again.metrics["project_npv_eur"]) <= 1e-6
    share = wm.business_case(
        None, scenario, outcomes=outcomes, provincial_grant_eur=1e6
    ).break_even_participation
    assert share.found
    again = wm.business_case(
        None, scenario, outcomes=outcomes, participation=share.value, provincial_grant_eur=1e6
    )
    assert abs(again.metrics["project_npv_eur"]) <= 1e-6


def test_more_participation_never_raises_the_investment_per_connection(village):
    scenario, _stock, outcomes = village
    per = [
        wm.business_case(None, scenario, outcomes=outcomes, participation=p).metrics[
            "investment_per_connection_eur"
        ]
        for p in (0.3, 0.5, 0.7, 0.85, 1.0)
    ]
    assert all(b <= a for a, b in zip(per, per[1:], strict=False))


def test_cost_based_tariff_runs_the_loop(village):
    scenario, _stock, outcomes = village
    case = wm.business_case(None, scenario, outcomes=outcomes, tariff_basis="cost_based")
    assert case.loop is not None
    # a cost-based price per GJ is the heat's cost incl. VAT: the zone's (MT) source's production
    # cost per GJ delivered
    inputs = wm.model_inputs(scenario)
    cost = inputs.tariffs.heat_production_eur_gj[1] * (1 + scenario.params()["finance.vat"])
    assert case.tariff_eur_per_gj[1] == pytest.approx(cost)
    if not case.loop.converged:
        assert any("no stable point" in n for n in case.notices)


@pytest.mark.parametrize(
    "changes, fragment",
    [
        ({"participation": 1.2}, "'participation' = 1.2"),
        ({"min_dscr": 0.9}, "'min_dscr' = 0.9"),
        ({"max_debt_share": 1.5}, "'max_debt_share' = 1.5"),
        ({"tariff_fixed_eur_per_yr": 900.0}, "above the ACM maximum 828"),
        ({"tarif": 1}, "unknown setting 'tarif'"),
    ],
)
def test_bad_settings_say_what_is_allowed(village, changes, fragment):
    scenario, _stock, outcomes = village
    with pytest.raises(wm.WupInputError) as err:
        wm.business_case(None, scenario, outcomes=outcomes, **changes)
    assert fragment in str(err.value)


def test_the_cap_can_be_switched_off(village):
    scenario, _stock, outcomes = village
    case = wm.business_case(
        None,
        scenario,
        outcomes=outcomes,
        tariff_fixed_eur_per_yr=900.0,
        acm_cap=False,
        participation=0.9,
        tariff_basis="acm",
    )
    assert case.tariff_fixed_eur_per_yr[1] == 900.0


def test_survey_yes_and_no_override_the_cost_comparison(village):
    scenario, stock, outcomes = village
    zone = stock.loc[stock["heat_network_zone"] == "kern", "dwelling_id"].astype(str).tolist()
    survey = wio.load_survey(pd.DataFrame({"dwelling_id": zone[:300], "would_join": ["ja"] * 300}))
    case = wm.business_case(None, scenario, outcomes=outcomes, survey=survey)
    assert case.participation >= 300 / 428
    assert "survey" in case.participation_source
    bad = wio.load_survey(pd.DataFrame({"dwelling_id": ["nobody"], "would_join": ["yes"]}))
    with pytest.raises(wm.WupInputError, match="row 2: dwelling 'nobody' is not in the stock"):
        wm.business_case(None, scenario, outcomes=outcomes, survey=bad)


def test_participation_curve_through_the_api(village):
    scenario, _stock, outcomes = village
    curve = wm.participation_curve(
        None, scenario, outcomes=outcomes, tariffs_fixed_eur_per_yr=[-3000.0, 0.0, 828.0]
    )
    assert curve["participation"].tolist() == sorted(curve["participation"], reverse=True)
    assert curve["participation"].iloc[0] == pytest.approx(1.0)


def test_solar_park_case():
    case = wm.business_case(asset="solar_park", park_kwp=2000.0, park_price_eur_per_kwh=0.08)
    assert case.metrics["investment_eur"] == pytest.approx(2000 * 800)
    assert case.break_even_tariff.found  # the break-even price per kWh
    assert 0.0 < case.break_even_tariff.value < 0.2


def test_solar_park_needs_its_size_and_defaults_to_the_wholesale_value():
    with pytest.raises(wm.WupInputError, match="needs its size, park_kwp"):
        wm.business_case(asset="solar_park")
    case = wm.business_case(asset="solar_park", park_kwp=1000.0)
    scenario = wm.load_scenario()

    wholesale = wm.model_inputs(scenario).money.tariffs.elec_production_eur_kwh
    assert case.metrics["price_eur_per_kwh_first_year"] == pytest.approx(float(wholesale[1]))
    revenue = case.cash_flow_frame()["revenue_eur"].to_numpy()
    assert revenue[1] == pytest.approx(1000 * 900 * wholesale[1])  # kWp x yield x price
    assert revenue[26:].sum() == 0.0  # nothing after its 25-year life


def test_households_table_adds_up(village):
    scenario, stock, outcomes = village
    case = wm.business_case(
        None,
        scenario,
        outcomes=outcomes,
        survey=wio.load_survey(
            pd.DataFrame(
                {
                    "dwelling_id": (
                        stock.loc[stock["heat_network_zone"] == "kern", "dwelling_id"]
                        .astype(str)
                        .head(250)
                    ),
                    "would_join": "ja",
                }
            )
        ),
    )
    table = case.households
    assert table["dwellings"].sum() == case.zone_dwellings
    assert table["joining"].sum() == pytest.approx(case.connections)
    assert (table["heat_bill_year1_eur"] > 0).all() and (
        table["nmda_heat_cost_eur_per_yr"] > 0
    ).all()

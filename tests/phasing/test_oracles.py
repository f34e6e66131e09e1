"""The time path against what it must reduce to.

* With unlimited capacity and budget, constant prices, every boiler due now and one CO2 target
  in the start year, the phased plan is the single-year optimiser's plan: everybody switches
  in the start year, and its discounted cost, annualised over the horizon, is
  :func:`wupmodel.optimise`'s cost to a relative 1e-6.
* The residual-value credit makes a plan the same whatever the horizon's end, for a switch
  that pays for itself (the case is written out in the test).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

import wupmodel as wm
from wupmodel.money.tariffs import SERIES

from .conftest import crf, tiny_scenario, tiny_stock


def _constant_prices(scenario: wm.Scenario) -> dict[str, float]:
    """Every price, tax and intensity path held at its start-year value."""
    paths = wm.model_inputs(scenario).tariffs
    return {f"prices.{s}": float(np.asarray(getattr(paths, s))[0]) for s in SERIES}


@pytest.fixture(scope="module")
def village():
    """Forty dwellings of the default village, every boiler due in 2026 (installed in 2000)."""
    scenario = wm.load_scenario()
    stock = wm.stock_for(scenario).iloc[:40].copy()
    stock["boiler_year"] = 2000.0
    constant = wm.apply_settings(scenario, _constant_prices(scenario), origin="test")
    return constant, stock


def test_one_target_now_and_no_limits_is_the_optimiser(village):
    scenario, stock = village
    plan = wm.optimise(stock, scenario, co2_reduction=0.3)
    phased = wm.phase(
        stock,
        scenario,
        co2_path={2026: 0.3},
        heat_pumps_per_year=math.inf,
        insulation_jobs_per_year=math.inf,
        notice_years=0,
        reinforcement_lead_years=0,
        mip_gap=0.0,
    )
    assert plan.status == "optimal" and phased.status == "optimal"
    rate = wm.model_inputs(scenario).social_rate
    annual = phased.objective_eur * crf(rate, 25)
    assert annual == pytest.approx(plan.objective_eur, rel=1e-6)
    # everybody who switches does so in 2026
    later = phased.yearly.loc[phased.yearly["year"] > 2026, "switches"]
    assert later.abs().max() < 1e-6
    assert phased.yearly["co2_reduction"].iloc[0] == pytest.approx(plan.co2_reduction, abs=1e-6)


HORIZON_CASE = {
    "targets.perspective": "end_user",
    "finance.financing": "own",
    "catalogue.heating": ["gas_boiler", "air_hp"],
    "catalogue.insulation": ["current", "standard"],
    "catalogue.pv": [False, True],
    "collective.grid.capacity_kw_per_dwelling": 3.5,
    "phasing.heat_pumps_per_year": 1,
    "phasing.insulation_jobs_per_year": 1,
    "phasing.notice_years": 0,  # one dwelling: its zone may go off gas at once
}


def test_horizon_does_not_move_a_switch_that_pays_for_itself():
    """The case written out. One detached house of 1970 (140 m², label D, boiler due now), its
    owner paying from own money (end-user view, 5.5 %). Standard insulation + an air/water
    heat pump + PV pays for itself: over 2026-2050 its life-cycle cost is below keeping gas.
    Over 2026-2040 only its first 15 years fall inside the horizon: the insulation (30 years)
    has half its life left in 2040, the heat pump (18) 3/18, the PV (25) 10/25, the gas boiler
    it replaces (15) none. Without crediting that, the switch would carry all its investment
    against 15 years of savings and not pay; with the straight-line credit it pays, and the
    plan is the same as over 2026-2050: switch in 2026."""
    stock = tiny_stock(boiler_years=(2000, 2000, 2000)).iloc[:1]
    plans = {}
    for end in (2040, 2050):
        scenario = wm.apply_settings(tiny_scenario(), {**HORIZON_CASE, "years.end": end}, "test")
        plans[end] = wm.phase(stock, scenario, mip_gap=0.0).dwellings.iloc[0]
    assert plans[2040]["year"] == plans[2050]["year"] == 2026
    assert plans[2040]["option_id"] == plans[2050]["option_id"] == "standard+air_hp+pv"
    # the premise, by hand: over 2026-2040 the credit is what makes the switch pay
    scenario = wm.apply_settings(tiny_scenario(), {**HORIZON_CASE, "years.end": 2040}, "test")
    inputs = wm.model_inputs(scenario)
    out = wm.evaluate(stock, inputs, irr=False)
    ids = list(out.catalogue.option_ids)
    j, ref = ids.index("standard+air_hp+pv"), ids.index("current+gas_boiler")
    lcc = np.asarray(out["lcc_end_user_eur"])[0]
    p = inputs.params
    left = {  # share of each investment's value left at the end of 2040
        "capex_insulation_eur": (30 - 15) / p["life.insulation_years"],
        "capex_heating_eur": (18 - 15) / p["life.air_hp_years"],
        "capex_pv_eur": (25 - 15) / p["life.pv_years"],
    }
    credit = sum(np.asarray(out[name])[0, j] * share for name, share in left.items())
    credit *= (1 + inputs.finance.household_rate) ** -15
    saving = lcc[j] - lcc[ref]
    assert saving < 0 < saving + credit


def test_ten_more_years_leave_the_plan_in_place(aalden):
    """The default village over 2026-2040 and over 2026-2050: the switches planned up to 2040
    are the same (residual values credited, nothing pushed to the horizon's edge) — compared
    on the dwellings' years to within a year for 95 % of them. Without a CO2 path (the
    packaged path's 2050 milestone would bind only in the longer horizon)."""
    scenario, stock = aalden
    short = wm.apply_settings(scenario, {"years.end": 2040}, origin="test")
    plans = {
        end: wm.phase(stock, s, step=5, co2_path={}) for end, s in ((2040, short), (2050, scenario))
    }
    a = plans[2040].dwellings.set_index("dwelling_id")
    b = plans[2050].dwellings.set_index("dwelling_id")
    both = a["year"].notna() & b["year"].notna()
    assert both.mean() > 0.9
    same = (a.loc[both, "option_id"] == b.loc[both, "option_id"]).mean()
    assert same > 0.95
    pd.testing.assert_series_equal(a.loc[both, "year"], b.loc[both, "year"], check_names=False)

"""The optimiser's grid constraint from the hours: constraint generation ends with no hour of the
design year above a zone's capacity, more rows do not change the optimum, and a neighbourhood
battery is weighed against reinforcement."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

import wupmodel as wm
from wupmodel.optimise import NeighbourhoodBattery, prune_dominated, settings_for, solve
from wupmodel.optimise.from_outcomes import option_table
from wupmodel.optimise.grid_hours import Cut, HourLoads, grid_rows, solve_with_hours
from wupmodel.physics import hourly_curves


def _case(**settings):
    scenario = wm.apply_settings(
        wm.load_scenario(), {"grid.optimise_from_hours": 1.0, **settings}, origin="test"
    )
    inputs = wm.model_inputs(scenario)
    outcomes = wm.evaluate(wm.stock_for(scenario), inputs, irr=False)
    table = option_table(outcomes, inputs.horizon_years)
    loads = HourLoads(outcomes, np.arange(outcomes.n_groups), inputs.params)
    return inputs, outcomes, table, loads


@pytest.fixture(scope="module")
def case():
    return _case()


@pytest.fixture(scope="module")
def cold_case():
    """The grid sized on the cold year 1987 (a village may choose it): all-electric zones over
    their capacity, so reinforcement and batteries are weighed."""
    return _case(**{"hourly.design_weather_year": 1987})


def _run(settings):
    def run(t):
        return solve(prune_dominated(t, settings)[0], settings)

    return run


def test_no_hour_of_the_year_above_capacity_and_more_rows_change_nothing(case):
    """At a 60 % CO2 target the plan mixes hybrids and air heat pumps up to the grid's capacity;
    its peaks over all 8 760 hours stay within each zone's capacity, and solving again with the
    peak hours of the 20 coldest days added as rows gives the same cost."""
    inputs, outcomes, table, loads = case
    settings = settings_for(inputs, co2_reduction=0.6)
    plan, final = solve_with_hours(table, settings, loads, [319], _run(settings))
    assert plan.status == "optimal"
    peaks = loads.load_of_plan(plan, table.count)
    for k, zone in enumerate(peaks.names):
        assert peaks.load_kw[k].max() <= plan.grid_capacity_kw[zone] + 0.02
    curves = hourly_curves(inputs.params["hourly.design_weather_year"])
    cold_days = np.argsort(curves.t_air_c.reshape(365, 24).mean(axis=1))[:20]
    extra = [Cut(z, "hour", (int(24 * d + 18),)) for z in peaks.names for d in cold_days]
    cuts = [
        Cut(str(z), "hour", (int(name.split("@h")[1]),))
        for z, name in zip(final.grid_rows.zone, final.grid_rows.name, strict=True)
    ]
    more = replace(table, grid_rows=grid_rows(loads, cuts + extra, 0.9))
    again = _run(settings)(more)
    assert again.total_cost_eur["national"] == pytest.approx(
        plan.total_cost_eur["national"], rel=1e-7
    )


def test_a_cheap_neighbourhood_battery_replaces_reinforcement(cold_case):
    """With a battery that costs less than a reinforcement and suffices, the all-electric plan
    (85 % CO2, the grid sized on 1987) places batteries instead of reinforcing, and its zone
    loads keep every rule: the excess above capacity within the battery's power, each day's
    excess within its energy."""
    inputs, outcomes, table, loads = cold_case
    base = settings_for(inputs, co2_reduction=0.85)
    cheap = NeighbourhoodBattery(annual_cost_eur=1000.0, power_kw=600.0, energy_kwh=20000.0)
    settings = replace(base, neighbourhood_battery=cheap)
    plan, _ = solve_with_hours(table, settings, loads, [319], _run(settings))
    assert plan.status == "optimal"
    assert any(plan.grid_battery.values())
    peaks = loads.load_of_plan(plan, table.count)
    for k, zone in enumerate(peaks.names):
        limit = plan.grid_capacity_kw[zone]
        excess = np.maximum(peaks.load_kw[k] - limit, 0.0)
        if plan.grid_battery.get(zone):
            assert excess.max() <= cheap.power_kw + 0.02
            assert excess.reshape(365, 24).sum(axis=1).max() <= cheap.energy_kwh + 0.02
        else:
            assert excess.max() <= 0.02
    dear = replace(base, neighbourhood_battery=replace(cheap, annual_cost_eur=1e7))
    plan2, _ = solve_with_hours(table, dear, loads, [319], _run(dear))
    assert not any(plan2.grid_battery.values())
    assert plan2.total_cost_eur["national"] >= plan.total_cost_eur["national"]


def test_the_public_verb_uses_the_hours(case):
    inputs, outcomes, _, _ = case
    plan = wm.optimise(outcomes=outcomes, scenario=inputs, co2_reduction=0.6)
    assert any("grid constraint from the hours of 2015" in n for n in plan.notices)
    assert set(plan.peak_kw) == {"lv1", "lv2", "lv3"}


def test_the_default_plan_takes_its_grid_from_the_hours_and_keeps_them():
    """By default (grid.optimise_from_hours = 1) a plan by groups uses the hours of the design
    year; the same village planned again starts from the kept loads and rows, in one solve,
    and reaches the same optimum as a first plan (the rows hold for any plan)."""
    from wupmodel.optimise.grid_hours import forget_hour_loads

    scenario = wm.load_scenario()
    outcomes = wm.evaluate(wm.stock_for(scenario), scenario, irr=False)
    forget_hour_loads()
    first = wm.optimise(outcomes=outcomes, scenario=scenario, co2_reduction=0.6)
    assert any("grid constraint from the hours of 2015" in n for n in first.notices)
    wm.optimise(outcomes=outcomes, scenario=scenario, co2_reduction=0.3)
    again = wm.optimise(outcomes=outcomes, scenario=scenario, co2_reduction=0.6)
    assert any("1 solve(s)" in n for n in again.notices)
    assert again.objective_eur == pytest.approx(first.objective_eur, rel=1e-9)
    off = wm.apply_settings(scenario, {"grid.optimise_from_hours": 0.0}, origin="test")
    after_diversity = wm.optimise(outcomes=outcomes, scenario=off, co2_reduction=0.6)
    assert not any("hours of" in n for n in after_diversity.notices)
    # the hours ask less of the grid than the design-day peaks after diversity: cheaper
    assert first.objective_eur < after_diversity.objective_eur

"""Properties of every plan, on the tiny village with drawn limits (hypothesis).

* Installations per year never exceed the installer capacity.
* The CO2 path is met in every milestone year (or the plan says it cannot be).
* More capacity or more budget never raises the plan's cost.
* No zone is entirely off gas before its notice has run.
"""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import wupmodel as wm

from .conftest import tiny_scenario, tiny_stock

HEAT_PUMPS = ("hybrid_hp", "air_hp", "ground_hp")
SLOW = settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

limits = st.fixed_dictionaries(
    {
        "cap": st.integers(min_value=1, max_value=3),
        "reduction": st.sampled_from([0.0, 0.1, 0.2, 0.3]),
        "notice": st.integers(min_value=0, max_value=4),
        "grid": st.sampled_from([1.2, 2.0, 3.5]),
    }
)


def _plan(limit: dict, **more) -> wm.Phasing:
    scenario = tiny_scenario(
        **{
            "targets.co2_path": {2028: limit["reduction"] / 2, 2029: limit["reduction"]},
            "phasing.heat_pumps_per_year": limit["cap"],
            "phasing.notice_years": limit["notice"],
            "collective.grid.capacity_kw_per_dwelling": limit["grid"],
        }
    )
    return wm.phase(tiny_stock(), scenario, mip_gap=0.0, **more)


@SLOW
@given(limits)
def test_installations_stay_within_capacity(limit):
    plan = _plan(limit)
    if plan.has_plan:
        per_year = plan.yearly[[f"installations_{h}" for h in HEAT_PUMPS]].sum(axis=1)
        assert (per_year <= limit["cap"] + 1e-6).all()


@SLOW
@given(limits)
def test_the_co2_path_is_met_every_milestone(limit):
    plan = _plan(limit)
    reduction = plan.yearly.set_index("year")["co2_reduction"]
    if plan.has_plan:
        for year, target in plan.co2_path.items():
            assert reduction[year] >= target - 1e-6
    else:
        assert plan.status == "infeasible" and "best reachable" in plan.message


@SLOW
@given(limits)
def test_more_capacity_never_costs_more(limit):
    tight = _plan(limit)
    loose = _plan({**limit, "cap": limit["cap"] + 1})
    if tight.has_plan:
        assert loose.has_plan
        assert loose.objective_eur <= tight.objective_eur + 1e-6 * abs(tight.objective_eur)


@SLOW
@given(limits, st.sampled_from([500.0, 5_000.0, 20_000.0]))
def test_more_budget_never_costs_more(limit, budget):
    tight = _plan(limit, budget_eur_per_year=budget)
    loose = _plan(limit, budget_eur_per_year=budget * 2)
    if tight.has_plan:
        assert loose.has_plan
        assert loose.objective_eur <= tight.objective_eur + 1e-6 * abs(tight.objective_eur)
        spent = tight.yearly["capex_eur"] - tight.yearly["subsidy_eur"]
        assert (spent <= budget + 1e-6).all()


@SLOW
@given(limits)
def test_no_zone_leaves_gas_before_its_notice(limit):
    plan = _plan({**limit, "reduction": 0.3})
    if plan.has_plan:
        first = 2026 + limit["notice"]
        years = plan.zones["gas_disconnection_year"].dropna().to_numpy()
        assert (years >= first).all()
        on_gas = plan.yearly.set_index("year")["dwellings_on_gas"]
        assert (on_gas[on_gas.index < first] >= 1 - 1e-6).all()


def test_the_notice_binds_when_the_path_asks_for_all_at_once():
    """All three dwellings off gas by 2027 is the cheapest way to a deep cut only without a
    notice; with a notice to 2029 one of them keeps gas until then."""
    free = _plan({"cap": 3, "reduction": 0.0, "notice": 0, "grid": 3.5})
    kept = _plan({"cap": 3, "reduction": 0.0, "notice": 3, "grid": 3.5})
    assert np.isfinite(free.objective_eur) and np.isfinite(kept.objective_eur)
    assert kept.objective_eur >= free.objective_eur - 1e-6

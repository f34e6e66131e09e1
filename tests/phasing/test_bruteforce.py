"""The time path against brute force on a tiny village: 3 dwellings × 3 options × 4 years.

Every plan — each dwelling staying or switching to one of two heat pumps in one of 2026-2029,
and the LV grid reinforced in one of those years or never — is enumerated (9³ × 5 = 3 645)
and checked against the limits by hand; its cost is built here from evaluations of the
village as a scenario *starting* in each switch year (not the phasing code's sliced price
paths), the boiler's straight-line remaining value and the optimiser's reinforcement cost.
The least-cost feasible plan must be the one :func:`wupmodel.phase` finds.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import replace

import numpy as np
import pytest
from scipy.optimize import brentq

import wupmodel as wm
from wupmodel.money.tariffs import tariff_paths
from wupmodel.optimise import collective_defaults

from .conftest import crf, tiny_scenario, tiny_stock

YEARS = (2026, 2027, 2028, 2029)
SETTINGS = {
    "targets.co2_path": {2029: 0.35},
    "phasing.heat_pumps_per_year": 2,
    "phasing.notice_years": 2,
}


def _due_year(installed: int, start: int, mean: float = 15.0, shape: float = 4.0) -> int:
    """Start year + whole years of the boiler's median remaining life at its age, solved here
    with a root finder on the Weibull survival S(t) = exp(-(t/λ)^k): S(a + r) / S(a) = 1/2."""
    scale = mean / math.gamma(1 + 1 / shape)
    age = start - installed

    def survival(t: float) -> float:
        return math.exp(-((t / scale) ** shape))

    r = brentq(lambda r: survival(age + r) / survival(age) - 0.5, 0.0, 200.0)
    return start + math.floor(r)


def _costs(stock, scenario):
    """Per dwelling × option × switch year: discounted cost vs staying, CO2 in 2029, peak."""
    inputs = wm.model_inputs(scenario)
    rate = inputs.social_rate
    npv, co2 = [], None
    for year in YEARS:
        # the scenario seen from the switch year: price paths built from that year on (not
        # sliced), the horizon from it to the end
        paths = tariff_paths(inputs.params, start_year=year, end_year=2029, ets2_start_year=2028)
        finance = replace(inputs.finance, horizon_years=2029 - year + 1)
        seen = replace(inputs, tariffs=paths, finance=finance)
        out = wm.evaluate(stock, seen, irr=False)
        n = 2029 - year + 1
        npv.append(
            np.asarray(out["national_annual_cost_eur"])
            / crf(rate, n)
            * (1 + rate) ** -(year - 2026)
        )
        if year == 2029:
            co2 = np.asarray(out["co2_kg"])
        if year == 2026:
            peak = np.asarray(out["peak_kw"])
            boiler = np.asarray(out["capex_eur"])[:, 0] / 1.21  # national: excl. VAT
    npv = np.stack(npv, axis=2)  # (3, 3, 4)
    delta = npv - npv[:, :1, :]
    due = np.array([_due_year(int(b), 2026) for b in stock["boiler_year"]])
    for t, year in enumerate(YEARS):  # an air/water heat pump scraps the boiler in place
        share = ((due - year) % 15) / 15
        delta[:, 2, t] += boiler * share * (1 + rate) ** -(year - 2026)
    return delta, co2, peak, rate


def _reinforcement(scenario, rate):
    """Present value of reinforcing the LV zone in each year, and the kW it adds."""
    inputs = wm.model_inputs(scenario)
    pv = []
    for year in YEARS:
        n = 2029 - year + 1
        option = collective_defaults(inputs.params, horizon_years=n, social_rate=rate)[
            "reinforcement_default"
        ]
        annual = option.annual_cost_eur + option.annual_cost_eur_per_zone_dwelling * 3
        pv.append(annual / crf(rate, n) * (1 + rate) ** -(year - 2026))
    return np.array(pv), option.added_kw


def brute_force(stock, scenario):
    """The least-cost feasible plan by enumeration: (cost vs staying, choices, reinforced)."""
    delta, co2, peak, rate = _costs(stock, scenario)
    reinforce_pv, added = _reinforcement(scenario, rate)
    reduction = scenario.targets.co2_path[2029]
    cap = scenario.phasing.heat_pumps_per_year
    capacity = 1.2 * 3
    room = max(capacity - 0.5 * peak[:, 0].sum(), 0.0)
    choices = [None] + [(o, t) for o in (1, 2) for t in range(4)]
    best = (math.inf, None, None)
    for plan in itertools.product(choices, repeat=3):
        switched = [(i, c) for i, c in enumerate(plan) if c is not None]
        per_year = np.bincount([t for _, (o, t) in switched], minlength=4)
        if (per_year > cap).any():
            continue
        emitted = sum(co2[i, 0] if c is None else co2[i, c[0]] for i, c in enumerate(plan))
        if emitted > (1 - reduction) * co2[:, 0].sum() + 1e-6:
            continue
        # notice of 2 years: in 2026 and 2027 the zone keeps a dwelling on gas
        if any(sum(1 for _, (o, t) in switched if o == 2 and t <= y) == 3 for y in (0, 1)):
            continue
        cost = sum(delta[i, o, t] for i, (o, t) in switched)
        for r in [None, 0, 1, 2, 3]:
            ok = True
            for y in range(4):
                rise = sum(0.5 * (peak[i, o] - peak[i, 0]) for i, (o, t) in switched if t <= y)
                if rise > room + (added if r is not None and r <= y else 0.0) + 1e-9:
                    ok = False
                    break
            if not ok:
                continue
            total = cost + (0.0 if r is None else reinforce_pv[r])
            if total < best[0]:
                best = (total, plan, r)
    return best


@pytest.fixture(scope="module")
def tiny():
    scenario = tiny_scenario(**SETTINGS)
    stock = tiny_stock()
    return scenario, stock, brute_force(stock, scenario)


def test_whole_dwellings_equal_brute_force(tiny):
    scenario, stock, (best, plan, reinforced) = tiny
    assert math.isfinite(best), "the tiny case must have a feasible plan"
    result = wm.phase(stock, scenario, per_dwelling=True, mip_gap=0.0)
    assert result.status == "optimal"
    assert result.objective_eur - result.reference_eur == pytest.approx(best, rel=1e-6, abs=1e-3)
    years = {
        d: y for d, y in zip(result.dwellings["dwelling_id"], result.dwellings["year"], strict=True)
    }
    for dwelling, choice in zip(("a", "b", "c"), plan, strict=True):
        if choice is None:
            assert np.isnan(years[dwelling])
        else:
            assert years[dwelling] == YEARS[choice[1]]
    zone = result.zones.set_index("zone").loc["z", "reinforcement_year"]
    assert (np.isnan(zone) and reinforced is None) or zone == YEARS[reinforced]


def test_the_tiny_case_uses_every_limit(tiny):
    """The brute-force plan reinforces the grid and switches at least one heat pump: the case
    exercises the collective decision, the capacity and the CO2 row, not only 'stay'."""
    _, _, (best, plan, reinforced) = tiny
    assert reinforced is not None
    assert any(c is not None for c in plan)


def test_shares_are_a_relaxation_of_whole_dwellings(tiny):
    """Groups (shares of dwellings) can only do as well or better than whole dwellings."""
    scenario, stock, (best, _, _) = tiny
    result = wm.phase(stock, scenario, mip_gap=0.0)
    assert result.status == "optimal"
    assert result.objective_eur - result.reference_eur <= best + 1e-6 * abs(best) + 1e-3

"""The money layer on an option grid and its reductions, against the flat (one option axis) path.

The flat path is checked against explicit yearly cash flows in ``test_costs.py``; here the same
village is given (a) as arrays over only the option axes they depend on, with self-consumption
given separately, and (b) reduced to weighted sums per option (``money_totals``). Both must
give the flat path's numbers.
"""

from __future__ import annotations

import numpy as np
import pytest
from money_cases import money_inputs

import wupmodel.money.costs as costs_module
from wupmodel.errors import WupInputError
from wupmodel.money import (
    STORED_OUTPUTS,
    Component,
    FinanceSettings,
    money_outcomes,
    money_totals,
    tariff_paths,
)
from wupmodel.params import default_params

P = default_params()
T = tariff_paths(P)
N, C = 7, 6  # dwellings; combinations (3 heating systems x 2 insulation levels); PV off/on


def grid_case(seed: int = 5, pv_both: bool = False):
    """A village on the grid (PV, combination): inputs shaped (N, 1|2, 1|C)."""
    rng = np.random.default_rng(seed)
    heating = np.tile([0, 1, 2], 2)  # gas boiler, heat pump, heat network per combination
    gas = np.where(heating == 0, rng.uniform(500, 2000, (N, 1, C)), 0.0)
    demand = rng.uniform(2000, 8000, (N, 1, C))
    pv = np.zeros((N, 2, 1))
    pv[:, 1, 0] = rng.uniform(1500, 5000, N)
    if pv_both:  # export on both blocks: no block structure to exploit
        pv[:, 0, 0] = rng.uniform(100, 300, N)
    self_kwh = rng.uniform(0, 4000, (N, 1, C))  # larger than yield or demand in places: capped
    gj = np.where(heating == 2, rng.uniform(20, 40, (N, 1, C)), 0.0)
    comps = {
        "heating": Component(
            rng.uniform(2000, 15000, (N, 1, C)),
            np.array([15.0, 18.0, 30.0])[heating][None, None],
            np.array([0.02, 0.03, 0.01])[heating][None, None],
        ),
        "insulation": Component(
            np.repeat(np.array([0.0, 9000.0]), 3)[None, None] * rng.uniform(0.8, 1.2, (N, 1, 1)),
            40,
            0.0,
        ),
        "pv": Component(
            np.stack([np.zeros(N), rng.uniform(4000, 7000, N)], axis=1)[:, :, None], 25, 0.01, 0.0
        ),
    }
    subsidy = rng.uniform(0, 3000, (N, 1, C))
    subsidy[:, :, 0] = 0.0
    ncomps = {"heat_main": (np.where(heating == 2, 8000.0, 0.0)[None, None], 40, 0.01)}
    return dict(
        gas_m3=gas,
        elec_import_kwh=demand,
        elec_export_kwh=pv,
        self_consumed_kwh=self_kwh,
        heat_gj=gj,
        has_gas_connection=gas > 0,
        on_heat_network=(heating == 2)[None, None],
        components=comps,
        subsidy_eur=subsidy,
        co2_kg_per_yr=gas * 1.78 + demand * 0.3,
        reference_index=np.zeros(N, dtype=int),
        household_income_eur=rng.choice([30_000.0, 90_000.0, np.nan], N),
        tenure=np.array([0, 1, 0, 2, 0, 0, 1]),
        national_components=ncomps,
        option_axes=2,
    )


def flat(case):
    """The same village with one option axis and every array materialised (net import/export)."""
    full = (N, 2, C)

    def f(a):
        return np.broadcast_to(a, full).reshape(N, 2 * C).copy()

    self_kwh = np.minimum(
        np.minimum(
            np.broadcast_to(case["self_consumed_kwh"], full),
            np.broadcast_to(case["elec_import_kwh"], full),
        ),
        np.broadcast_to(case["elec_export_kwh"], full),
    )
    out = {k: v for k, v in case.items() if k not in ("self_consumed_kwh", "option_axes")}
    for k in (
        "gas_m3",
        "heat_gj",
        "has_gas_connection",
        "on_heat_network",
        "subsidy_eur",
        "co2_kg_per_yr",
    ):
        out[k] = f(case[k])
    out["elec_import_kwh"] = f(case["elec_import_kwh"] - self_kwh)
    out["elec_export_kwh"] = f(case["elec_export_kwh"] - self_kwh)
    out["components"] = {
        k: Component(
            f(c.capex_eur), f(np.asarray(c.lifetime_years, float)), f(c.om_share), c.vat_rate
        )
        for k, c in case["components"].items()
    }
    out["national_components"] = {
        k: (f(v[0]), v[1], v[2]) for k, v in case["national_components"].items()
    }
    return out


SETTINGS = [
    FinanceSettings.from_params(P, rent_increase_cap_eur_month=40.0),
    FinanceSettings.from_params(
        P, financing="warmtefonds", loan_term_years=20.0, national_co2_price_eur_t=80.0
    ),
]
FIELDS = list(STORED_OUTPUTS) + [
    "subsidy_eur",
    "end_user_annual_cost_eur",
    "npv_end_user_eur",
    "end_user_extra_cost_eur_per_yr",
    "monthly_cost_change_eur",
    "national_extra_cost_eur_per_yr",
    "irr",
]


@pytest.mark.parametrize("pv_both", [False, True], ids=["pv_block", "export_everywhere"])
@pytest.mark.parametrize("settings", SETTINGS, ids=["own", "warmtefonds20"])
@pytest.mark.parametrize("chunk", [8, 100_000], ids=["chunked", "one_chunk"])
def test_grid_inputs_give_the_flat_results(settings, pv_both, chunk, monkeypatch):
    monkeypatch.setattr(costs_module, "_CHUNK_ELEMENTS", chunk)
    case = grid_case(pv_both=pv_both)
    g = money_outcomes(money_inputs(case), T, settings, P)
    f = money_outcomes(money_inputs(flat(case)), T, settings, P)
    for name in FIELDS:
        np.testing.assert_allclose(
            getattr(g, name), getattr(f, name), rtol=1e-9, atol=1e-7, err_msg=name
        )
    np.testing.assert_allclose(g.co2_avoided_kg_per_yr, f.co2_avoided_kg_per_yr, rtol=1e-12)


@pytest.mark.parametrize("grid", [True, False], ids=["grid", "flat"])
@pytest.mark.parametrize("settings", SETTINGS, ids=["own", "warmtefonds20"])
@pytest.mark.parametrize("refs", ["one", "mixed"])
def test_money_totals_equal_the_weighted_sums_of_the_arrays(settings, grid, refs, monkeypatch):
    monkeypatch.setattr(costs_module, "_CHUNK_ELEMENTS", 30)  # several chunks
    case = grid_case()
    if refs == "mixed":  # some dwellings compare with another option (the gather path)
        case["reference_index"] = np.array([0, 0, 3, 0, 7, 0, 1])
    case = case if grid else flat(case)
    arrays = money_outcomes(money_inputs(case), T, settings, P)
    w = np.arange(1.0, N + 1.0)
    totals = money_totals(w, money_inputs(case), T, settings, P)
    assert set(totals) == set(FIELDS) - {"irr", "simple_payback_years"}
    for name, value in totals.items():
        np.testing.assert_allclose(
            value, w @ np.asarray(getattr(arrays, name)), rtol=1e-10, atol=1e-6, err_msg=name
        )


@pytest.mark.parametrize("ratio", ["national_cost_eur_per_t_co2", "simple_payback_years", "irr"])
def test_money_totals_refuses_ratios(ratio):
    with pytest.raises(WupInputError, match=f"cannot sum {ratio}"):
        money_totals(np.ones(N), money_inputs(grid_case()), T, SETTINGS[0], P, outputs=[ratio])


def test_self_consumption_is_capped_at_yield_and_demand():
    case = grid_case()
    case["self_consumed_kwh"] = np.full((N, 1, C), 1e9)  # everything that can be is used at home
    o = money_outcomes(money_inputs(case), T, SETTINGS[0], P, outputs=["bill_year1_eur"])
    f = flat(case)
    assert np.all(f["elec_import_kwh"] >= 0) and np.all(f["elec_export_kwh"] >= 0)
    np.testing.assert_allclose(
        o.bill_year1_eur,
        money_outcomes(
            money_inputs(f), T, SETTINGS[0], P, outputs=["bill_year1_eur"]
        ).bill_year1_eur,
        rtol=1e-12,
    )

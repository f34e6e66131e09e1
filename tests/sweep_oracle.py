"""The sweep's oracle: one full evaluation per sample through the public API (the scenario's
parameters and price paths set as a user would), compared with a sweep's figures."""

from __future__ import annotations

import numpy as np

import wupmodel as wm
from wupmodel.money import tariff_paths
from wupmodel.params import packaged_table
from wupmodel.village import strategies_from_table, strategy_summary

COLUMNS = [
    "co2_t",
    "co2_reduction",
    "investment_eur",
    "subsidy_eur",
    "national_extra_eur_per_yr",
    "national_eur_per_t_co2",
    "national_eur_per_weq_per_yr",
    "end_user_extra_eur_per_yr",
    "monthly_cost_change_avg_eur",
    "share_paying_more",
]


def brute(scenario, stock, row, inputs):
    """One full evaluation with the sample's inputs applied through the scenario."""
    params = scenario.params()
    over = {x.path: float(v) for x, v in zip(inputs, row, strict=True) if not x.is_price}
    params = params.with_overrides(over) if over else params
    t = tariff_paths(
        params,
        scenario.years.start,
        scenario.years.end,
        scenario.prices,
        scenario.finance.ets2_start_year,
    )
    ramp = (t.years - t.years[0]) / (t.years[-1] - t.years[0])
    factors = {}
    for x, v in zip(inputs, row, strict=True):
        if x.is_price:
            f = factors.setdefault(x.series, np.ones(t.years.size))
            factors[x.series] = f * v if x.kind == "price_factor" else f + v * ramp
    prices = {
        s: dict(zip(t.years.tolist(), (getattr(t, s) * f).tolist(), strict=True))
        for s, f in factors.items()
    }
    sc = scenario.model_copy(update={"prices": prices})
    # tenants' rents are agreed on the central prices, not on the sampled ones
    inputs = wm.model_inputs(sc, params=params, rent_prices=scenario.prices)
    out = wm.evaluate(stock, inputs, irr=False)
    strategies = strategies_from_table(packaged_table("strategies"))
    return strategy_summary(
        out, strategies, params, sc.years.horizon_years, sc.finance.social_discount_rate
    )


def compare(result, scenario, stock, samples):
    d = result.design
    for n in samples:
        expected = brute(scenario, stock, d.values[n], d.inputs)
        got = result.table[result.table["sample"] == n].reset_index(drop=True)
        assert list(got["strategy"]) == list(expected["strategy"])
        for col in COLUMNS:
            np.testing.assert_allclose(got[col], expected[col], rtol=1e-9, atol=1e-9, err_msg=col)

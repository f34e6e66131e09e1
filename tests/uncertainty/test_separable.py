"""Physical parameters along the sample axis (``wupmodel/uncertainty/separable.py``) against
full evaluations sample by sample (``tests/sweep_oracle.py``), and a degenerate range against
``run``."""

from __future__ import annotations

import numpy as np
import pytest
from sweep_oracle import COLUMNS, brute, compare

import wupmodel as wm
import wupmodel.io as wio
from wupmodel.uncertainty import sweep

PRICES = """
    prices.gas_supply_eur_m3: {low: 0.6, high: 1.8, group: energy}
    prices.elec_supply_eur_kwh: {low: 0.7, high: 1.5, group: energy}
    prices.gas_tax_eur_m3.trend: {low: -0.1, high: 0.5}
    prices.feed_in_eur_kwh: {low: 0, high: 4}
"""


def _scenario(lines: str) -> wm.Scenario:
    text = "uncertainty:\n  parameters:\n" + lines + PRICES
    return wio.scenario_from_text(text + "  groups:\n    energy: {correlation: 0.8}\n")


def test_a_degenerate_range_is_the_deterministic_value(small_stock):
    """low == high fixes an input ("fix this input"): every sample is the run at that value,
    i.e. ``run``'s strategy table with the parameter and the price paths set (``brute``; it
    used to fail with "override for 'gas_tax_eur_m3' is NaN")."""
    text = (
        "uncertainty:\n  parameters:\n"
        "    prices.gas_tax_eur_m3.trend: {low: 0.2, high: 0.2}\n"
        "    prices.gas_supply_eur_m3: {low: 1.3, high: 1.3}\n"
        "    hp.field_factor: {low: 0.85, high: 0.85}\n"
    )
    scenario = wio.scenario_from_text(text)
    result = sweep(small_stock, scenario, samples=12, seed=2)
    assert np.ptp(result.design.values, axis=0).max() == 0
    expected = brute(scenario, small_stock, result.design.values[0], result.design.inputs)
    for n in (0, 11):
        got = result.table[result.table["sample"] == n].reset_index(drop=True)
        for col in COLUMNS:
            np.testing.assert_allclose(got[col], expected[col], rtol=1e-9, atol=1e-9, err_msg=col)


@pytest.mark.parametrize(
    "lines, fallback",
    [
        # no packaged strategy has PV: the yield moves nothing, every group is separable
        ("    pv.specific_yield_kwh_per_kwp: {low: 800, high: 950}\n", "none"),
        # a cost moves some households across a subsidy, loan or rent limit
        (
            "    pv.specific_yield_kwh_per_kwp: {low: 800, high: 950}\n"
            "    cost.air_hp_fixed_eur: {low: 5000, high: 9000}\n",
            "some",
        ),
        # a hybrid's share and a backup heater follow the COP: nowhere separable
        ("    hp.field_factor: {low: 0.7, high: 1.0}\n", "all"),
    ],
    ids=["yield", "yield-and-cost", "field-factor"],
)
def test_the_sample_axis_equals_evaluation_sample_by_sample(small_stock, lines, fallback):
    scenario = _scenario(lines)
    result = sweep(small_stock, scenario, samples=160, seed=4, per_household=True)
    note = result.notes[0]
    assert "along the sample axis" in note
    rest, groups = (int(w) for w in note.split("; ")[1].split(" dwelling")[0].split(" of "))
    assert {"none": rest == 0, "some": 0 < rest < groups, "all": rest == groups}[fallback]
    compare(result, scenario, small_stock, [0, 37, 101, 159])


def test_the_sample_axis_on_dask_equals_serial(small_stock):
    from wupmodel.uncertainty import DaskExecutor

    scenario = _scenario("    cost.air_hp_fixed_eur: {low: 5000, high: 9000}\n")
    serial = sweep(small_stock, scenario, samples=120, seed=6)
    with DaskExecutor("local:2") as ex:
        spread = sweep(small_stock, scenario, samples=120, seed=6, executor=ex, task_samples=20)
    assert "along the sample axis" in spread.notes[0]
    np.testing.assert_allclose(
        spread.table[COLUMNS].to_numpy(float), serial.table[COLUMNS].to_numpy(float), rtol=1e-12
    )

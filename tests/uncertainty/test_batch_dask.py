"""Batch runs, and the same results serially and on a real LocalCluster of worker processes."""

from __future__ import annotations

import os

import numpy as np
import pandas as pd
import pytest

import wupmodel as wm
import wupmodel.io as wio
from wupmodel.params import packaged_table
from wupmodel.uncertainty import DaskExecutor, batch, batch_summary, make_executor, sweep
from wupmodel.uncertainty.executors import CONNECT_TIMEOUT_S
from wupmodel.village import strategies_from_table, strategy_summary

SCEN = """
uncertainty:
  parameters:
    prices.gas_supply_eur_m3: {low: 0.6, high: 1.8}
    prices.elec_production_eur_kwh: {low: 0.6, high: 1.6}
    cost.air_hp_fixed_eur: {distribution: triangular, low: 5000, mode: 6954.47, high: 9000}
"""


@pytest.fixture(scope="module")
def cluster():
    """A LocalCluster of 2 small worker processes, started and closed here."""
    ex = DaskExecutor("local:2")
    yield ex
    ex.close()


def _buurten(codes):
    table = packaged_table("buurten_drenthe_2020")
    return table[table["buurt_code"].isin(codes)]


def test_batch_row_equals_the_strategy_table():
    scenario = wm.load_scenario()
    rows = batch(_buurten(["BU01095059"]), [scenario])
    stock = wm.synthesise_stock("BU01095059")
    params = scenario.params()
    out = wm.evaluate(stock, wm.model_inputs(scenario, params=params), irr=False)
    expected = strategy_summary(
        out,
        strategies_from_table(packaged_table("strategies")),
        params,
        scenario.years.horizon_years,
        scenario.finance.social_discount_rate,
    )
    for col in [
        "national_eur_per_t_co2",
        "national_eur_per_weq_per_yr",
        "monthly_cost_change_avg_eur",
        "share_paying_more",
        "co2_reduction",
    ]:
        np.testing.assert_allclose(rows[col], expected[col], rtol=1e-9, err_msg=col)
    assert rows["reference_co2_t"].iloc[0] == pytest.approx(expected["co2_t"].iloc[0], rel=1e-9)
    assert rows["reference_gas_m3"].iloc[0] == pytest.approx(expected["gas_m3"].iloc[0], rel=1e-9)
    nonref = expected.iloc[1:]
    assert (
        rows["cheapest_national"].iloc[0]
        == nonref.loc[nonref["national_extra_eur_per_yr"].idxmin(), "strategy"]
    )


def test_serial_and_local_cluster_identical(cluster, small_stock):
    scenario = wio.scenario_from_text(SCEN)
    serial = sweep(small_stock, scenario, samples=6, seed=11, per_household=True, task_samples=2)
    dask = sweep(
        small_stock,
        scenario,
        samples=6,
        seed=11,
        per_household=True,
        task_samples=2,
        executor=cluster,
    )
    pd.testing.assert_frame_equal(serial.table, dask.table, check_exact=True)
    np.testing.assert_array_equal(serial.household_change, dask.household_change)
    codes = ["BU01095059", "BU01060505", "BU01060000", "BU01060001"]
    scen_b = wm.load_scenario().model_copy(
        update={"name": "B", "parameters": {"cost.air_hp_fixed_eur": 5000.0}}
    )
    a = batch(_buurten(codes), [wm.load_scenario(), scen_b])
    seen = []
    b = batch(
        _buurten(codes),
        [wm.load_scenario(), scen_b],
        executor=cluster,
        buurten_per_task=2,
        progress=lambda done, total: seen.append((done, total)),
    )
    pd.testing.assert_frame_equal(a, b, check_exact=True)
    assert seen[-1] == (2, 2)
    assert (a["status"] != "ok").sum() == 2  # BU01060505 has no dwellings: one row per scenario
    sheets = batch_summary(a)
    assert len(sheets["per_buurt"]) == 6 and len(sheets["skipped"]) == 2


def _die_once(flag, task):
    if task == 1 and not os.path.exists(flag):
        open(flag, "w").close()
        os._exit(1)  # the worker process dies mid-run
    return task * 10


def test_dead_worker_is_retried(cluster, tmp_path):
    flag = str(tmp_path / "died")
    assert cluster.map(_die_once, [0, 1, 2, 3], flag) == [0, 10, 20, 30]
    assert os.path.exists(flag)


def test_unreachable_scheduler_is_one_clear_message():
    """One message naming the address and the connect timeout (at most 10 s; how long it
    takes: benchmarks/bench_uncertainty.py)."""
    with pytest.raises(wm.WupInputError, match=r"scheduler 'tcp://127\.0\.0\.1:9' does not answer"):
        make_executor("tcp://127.0.0.1:9")
    assert CONNECT_TIMEOUT_S <= 10.0
    with pytest.raises(wm.WupInputError, match="not understood"):
        make_executor("lokal:2")


def _worker_state() -> tuple:
    import os
    import sys

    import dask

    return (
        dask.config.get("distributed.worker.profile.enabled"),
        dask.config.get("distributed.admin.system-monitor.gil.enabled"),
        "wupmodel" in sys.modules,
        os.environ.get("MALLOC_TRIM_THRESHOLD_"),
    )


def test_local_workers_start_ready_and_without_the_profiler(cluster):
    """The workers of a LocalCluster started here import the package as they start (not in their
    first task) and run without the dashboard's stack profiler and GIL monitor, and without Dask's
    MALLOC_TRIM_THRESHOLD_ (glibc keeps its adaptive mmap threshold, as in a serial run)."""
    import dask

    # a worker killed by an earlier test (test_dead_worker_is_retried) is restarted by its
    # nanny: wait for it rather than count the workers of the moment
    cluster.client.wait_for_workers(2, timeout=60)
    states = cluster.client.run(_worker_state)
    assert len(states) == 2
    assert set(states.values()) == {(False, False, True, os.environ.get("MALLOC_TRIM_THRESHOLD_"))}
    # the setting is only changed while the cluster starts, not for this process
    assert dask.config.get("distributed.nanny.pre-spawn-environ")["MALLOC_TRIM_THRESHOLD_"] == 65536

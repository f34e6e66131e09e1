"""The pricing of column generation against HiGHS: the reduced cost :func:`reduced_costs`
computes for every switch column in the model equals the column dual HiGHS reports for it
(``c − Aᵀy`` at the LP optimum), with every family of rows in play (CO2 path, installers,
budget, LV grids, the heat network's link, the notice)."""

from __future__ import annotations

import numpy as np

from wupmodel.inputs import as_inputs
from wupmodel.phasing.master import Master, reduced_costs
from wupmodel.phasing.moments import period_starts
from wupmodel.phasing.problem import time_problem
from wupmodel.phasing.search import root
from wupmodel.phasing.settings import phasing_settings
from wupmodel.phasing.solve import _cohorts
from wupmodel.phasing.table import phased_table


def test_reduced_costs_are_highs_column_duals(aalden):
    scenario, stock = aalden
    inputs = as_inputs(scenario)
    settings = phasing_settings(
        inputs,
        float(stock["count"].sum()),
        step=5,
        budget_eur_per_year=5e5,
        co2_path={2030: 0.27, 2040: 0.56, 2050: 0.84},
    )
    table = phased_table(stock, inputs, period_starts(2026, 2050, 5), settings)
    cohorts, _ = _cohorts(stock, table, settings)
    master = Master(time_problem(table, cohorts, settings))
    sol, _ = root(master)
    assert sol.status == "optimal"
    kinds = set(master.rows.kind)
    assert {"co2", "heat_pumps", "insulation", "budget", "grid", "join", "notice"} <= kinds
    rc = reduced_costs(master.prob, master.rows, sol.row_dual)
    highs = np.asarray(master.h.getSolution().col_dual)[master.cols.x0 :]
    assert highs.size > 1000
    np.testing.assert_allclose(rc[master.cf, master.cp], highs, rtol=0, atol=1e-5)
    # ... and the columns not in the model price out: none below zero at the LP optimum
    rc[master.in_model] = np.inf
    assert rc.min() > -1e-5

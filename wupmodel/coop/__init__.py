"""A village cooperative's business case: a heat network per zone or a solar park.

:func:`business_case` (the 30-year case: cash flow, financing, DSCR and LLCR, IRR and NPV,
break-even tariff and participation, the tariff <-> uptake loop), :func:`participation_curve`,
:func:`coop_sweep` (the case over the scenario's uncertain inputs), :func:`coop_settings`.

Modules: ``inputs`` (settings), ``schedule`` (loans, DSCR sizing), ``cashflow`` (the yearly
kernel), ``metrics`` (IRR, NPV, break-even roots), ``asset`` (heat network and solar park from
the model's outcomes and parameters), ``participation`` (who joins at a tariff, the tariff <->
uptake loop), ``business`` (the case), ``sensitivity`` (the case over samples).
"""

from wupmodel.coop.asset import HeatNetworkAsset, SolarParkAsset, by_phasing, year_path
from wupmodel.coop.business import BusinessCase, business_case, participation_curve
from wupmodel.coop.cashflow import (
    Financials,
    ProjectYears,
    depreciation_eur,
    finance,
    project_cash_flow,
    tax_with_losses,
)
from wupmodel.coop.inputs import CoopInputs, CoopSettings, coop_settings
from wupmodel.coop.metrics import Root, break_even, equity_irr, project_irr, project_npv_eur
from wupmodel.coop.participation import (
    ZoneHouseholds,
    nmda_heat_cost_eur_per_yr,
    solve_uptake_loop,
    zone_households,
    zone_names,
)
from wupmodel.coop.schedule import (
    LoanSchedule,
    debt_by_dscr,
    dscr,
    llcr,
    loan_schedule,
    unit_schedule,
)
from wupmodel.coop.sensitivity import CoopSweep, coop_sweep

__all__ = [
    "depreciation_eur",
    "tax_with_losses",
    "unit_schedule",
    "BusinessCase",
    "CoopInputs",
    "CoopSettings",
    "CoopSweep",
    "Financials",
    "HeatNetworkAsset",
    "LoanSchedule",
    "ProjectYears",
    "Root",
    "SolarParkAsset",
    "ZoneHouseholds",
    "break_even",
    "business_case",
    "by_phasing",
    "coop_settings",
    "coop_sweep",
    "debt_by_dscr",
    "dscr",
    "equity_irr",
    "finance",
    "llcr",
    "loan_schedule",
    "nmda_heat_cost_eur_per_yr",
    "participation_curve",
    "project_cash_flow",
    "project_irr",
    "project_npv_eur",
    "solve_uptake_loop",
    "year_path",
    "zone_households",
    "zone_names",
]

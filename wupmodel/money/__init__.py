"""The money stage: prices and taxes over the years, bills, subsidies, finance and both cost
perspectives per dwelling × option.

``finance`` (annuities, NPV, IRR, loans) · ``tariffs`` (price and tax paths) · ``bills``
(energy quantities, household bills, resource costs) · ``subsidies`` (ISDE, Warmtefonds) ·
``settings`` (finance settings, the money context, the inputs per dwelling × option) ·
``costs`` (money outcomes and village totals) · ``kernel`` (the chunk engine) · ``reduce``
(sums without dwelling × option arrays) · ``irr_chunk`` (the IRR) · ``results``
(MoneyOutcomes) · ``collective`` (collective annual costs) · ``appraise`` (which investments,
subsidies and national costs an option has). The money stage never sees a scenario: the
evaluation hands it a :class:`~wupmodel.money.settings.MoneyContext`.
"""

from wupmodel.money.appraise import MONEY_QUANTITIES, appraise
from wupmodel.money.bills import (
    EnergyQuantities,
    annual_bill_eur,
    annual_energy_resource_cost_eur,
    bill_components_eur,
)
from wupmodel.money.collective import CollectiveUnitCosts, collective_unit_costs
from wupmodel.money.costs import STORED_OUTPUTS, money_outcomes, money_totals
from wupmodel.money.finance import (
    capital_recovery_factor,
    discount_factors,
    equivalent_annual_cost,
    irr,
    life_cycle_cost,
    life_cycle_cost_factor,
    loan_payment,
    npv,
    present_value_factor,
    simple_payback,
)
from wupmodel.money.settings import (
    Component,
    Dwellings,
    FinanceSettings,
    Investments,
    MoneyContext,
    MoneyInputs,
)
from wupmodel.money.subsidies import (
    isde_heat_network_eur,
    isde_heat_pump_eur,
    isde_insulation_eur,
    isde_insulation_package_eur,
    isde_subsidy_eur,
    warmtefonds_loan,
    warmtefonds_terms,
)
from wupmodel.money.tariffs import (
    PATH_RULE,
    PLAUSIBLE_RANGES,
    SERIES,
    TariffPaths,
    discounted_sums,
    tariff_paths,
)

__all__ = [
    "STORED_OUTPUTS",
    "life_cycle_cost",
    "life_cycle_cost_factor",
    "simple_payback",
    "isde_heat_network_eur",
    "isde_heat_pump_eur",
    "isde_insulation_eur",
    "isde_insulation_package_eur",
    "warmtefonds_terms",
    "MONEY_QUANTITIES",
    "PATH_RULE",
    "PLAUSIBLE_RANGES",
    "SERIES",
    "CollectiveUnitCosts",
    "Component",
    "Dwellings",
    "EnergyQuantities",
    "FinanceSettings",
    "Investments",
    "MoneyContext",
    "MoneyInputs",
    "TariffPaths",
    "annual_bill_eur",
    "annual_energy_resource_cost_eur",
    "appraise",
    "bill_components_eur",
    "capital_recovery_factor",
    "collective_unit_costs",
    "discount_factors",
    "discounted_sums",
    "equivalent_annual_cost",
    "irr",
    "isde_subsidy_eur",
    "loan_payment",
    "money_outcomes",
    "money_totals",
    "npv",
    "present_value_factor",
    "tariff_paths",
    "warmtefonds_loan",
]

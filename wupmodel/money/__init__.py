"""The money stage: prices and taxes over the years, bills, subsidies, finance and both cost
perspectives per dwelling × option.

``finance`` (annuities, NPV, IRR, loans) · ``tariffs`` (price and tax paths) · ``bills``
(energy quantities, household bills, resource costs) · ``subsidies`` (ISDE, Warmtefonds) ·
``settings`` (finance settings, the money context, the inputs per dwelling × option) ·
``costs`` (money outcomes and village totals) · ``kernel`` (the chunk engine) · ``reduce``
(sums without dwelling × option arrays) · ``irr_chunk`` (the IRR) · ``results``
(MoneyOutcomes) · ``collective`` (collective annual costs; one heat network's costs and its
cost-based tariff under the Wcw) · ``appraise`` (which investments, subsidies and national
costs an option has) · ``policy`` (taxes, heat tariffs, feed-in floor and ISDE per year, with
the carried-forward marks) · ``heat_supply`` (each heat source's CO2 and production cost per GJ
delivered). The money stage never sees a scenario: the evaluation hands it a
:class:`~wupmodel.money.settings.MoneyContext`.
"""

from wupmodel.money.appraise import MONEY_QUANTITIES, appraise
from wupmodel.money.bills import (
    ON_LT_NETWORK,
    EnergyQuantities,
    annual_bill_eur,
    annual_energy_resource_cost_eur,
    bill_components_eur,
)
from wupmodel.money.collective import (
    CollectiveUnitCosts,
    HeatNetworkCosts,
    collective_unit_costs,
    heat_network_costs,
    owner_rate,
    reference_network,
    wis_eur_per_connection,
)
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
from wupmodel.money.heat_supply import (
    HeatSourceFactors,
    HeatSupply,
    heat_source_factors,
    heat_source_names,
    heat_supply,
)
from wupmodel.money.policy import PolicyPath, policy_path, policy_table, policy_value
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
    isde_hybrid_then_all_electric_eur,
    isde_insulation_eur,
    isde_insulation_package_eur,
    isde_subsidy_eur,
    lai_eligible,
    warmtefonds_loan,
    warmtefonds_terms,
)
from wupmodel.money.tariffs import (
    ETS2_PATHS,
    PATH_RULE,
    PLAUSIBLE_RANGES,
    SERIES,
    PathOptions,
    TariffPaths,
    discounted_sums,
    gas_network_factor,
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
    "ETS2_PATHS",
    "ON_LT_NETWORK",
    "HeatNetworkCosts",
    "HeatSourceFactors",
    "HeatSupply",
    "PathOptions",
    "PolicyPath",
    "gas_network_factor",
    "heat_network_costs",
    "heat_source_factors",
    "heat_source_names",
    "heat_supply",
    "isde_hybrid_then_all_electric_eur",
    "lai_eligible",
    "owner_rate",
    "policy_path",
    "policy_table",
    "policy_value",
    "reference_network",
    "wis_eur_per_connection",
]

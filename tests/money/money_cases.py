"""The money tests describe a village as one dict of arrays by input name (easy to change one
input, or to loop over dwellings by hand); :func:`money_inputs` bundles it as the money layer
takes it."""

from __future__ import annotations

from wupmodel.money import Dwellings, EnergyQuantities, Investments, MoneyInputs


def money_inputs(case: dict) -> MoneyInputs:
    """The :class:`MoneyInputs` of a test case (optional keys may be left out)."""
    return MoneyInputs(
        energy=EnergyQuantities(
            gas_m3=case["gas_m3"],
            elec_import_kwh=case["elec_import_kwh"],
            elec_export_kwh=case["elec_export_kwh"],
            heat_gj=case["heat_gj"],
            has_gas_connection=case["has_gas_connection"],
            on_heat_network=case["on_heat_network"],
            self_consumed_kwh=case.get("self_consumed_kwh"),
        ),
        investments=Investments(
            components=case["components"],
            subsidy_eur=case["subsidy_eur"],
            national_components=case.get("national_components"),
        ),
        dwellings=Dwellings(
            reference_index=case["reference_index"],
            tenure=case.get("tenure"),
            household_income_eur=case.get("household_income_eur"),
            gas_removal_eur=case.get("gas_removal_eur"),
        ),
        co2_kg_per_yr=case["co2_kg_per_yr"],
        option_axes=case.get("option_axes", 1),
    )

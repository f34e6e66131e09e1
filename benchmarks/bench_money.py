"""The money layer alone: 100 000 dwellings x 96 options, flat arrays vs the option grid.

Run with `make bench`. ``money_outcomes`` keeps every output as a (dwellings, options) array;
``money_totals`` reduces chunk by chunk to village totals per option (what batch runs need).
"""

from __future__ import annotations

import numpy as np
import pytest

from wupmodel.money import (
    Dwellings,
    EnergyQuantities,
    FinanceSettings,
    Investments,
    MoneyInputs,
    money_outcomes,
    money_totals,
    tariff_paths,
)
from wupmodel.params import default_params

N, N_OPT = 100_000, 96
P = default_params()
T = tariff_paths(P)


def flat_case(n: int = N, seed: int = 0) -> MoneyInputs:
    """Random but plausible flat inputs (one option axis), mixed tenure and incomes."""
    rng = np.random.default_rng(seed)
    gas = rng.uniform(0, 2000, (n, N_OPT))
    return MoneyInputs(
        energy=EnergyQuantities(
            gas_m3=gas,
            elec_import_kwh=rng.uniform(1500, 8000, (n, N_OPT)),
            elec_export_kwh=rng.uniform(0, 3000, (n, N_OPT)),
            heat_gj=np.zeros((1, N_OPT)),
            has_gas_connection=gas > 100,
            on_heat_network=np.zeros((1, N_OPT), bool),
        ),
        investments=Investments(
            components={
                "heating": (rng.uniform(2000, 20000, (n, N_OPT)), 15, 0.02),
                "insulation": (rng.uniform(0, 30000, (1, N_OPT)), 40, 0.0),
            },
            subsidy_eur=np.zeros((1, N_OPT)),
        ),
        dwellings=Dwellings(
            reference_index=np.zeros(n, int),
            tenure=rng.integers(0, 3, n),
            household_income_eur=rng.uniform(20000, 120000, n),
        ),
        co2_kg_per_yr=gas * 1.78,
    )


SETTINGS = FinanceSettings.from_params(P, compute_irr=False, financing="warmtefonds")


@pytest.mark.parametrize("mode", ["arrays", "totals"])
def test_money_flat_100k(benchmark, mode):
    case = flat_case()
    w = np.ones(N)

    def run():
        if mode == "arrays":
            return money_outcomes(case, T, SETTINGS, P)
        return money_totals(w, case, T, SETTINGS, P)

    out = benchmark.pedantic(run, rounds=3, iterations=1)
    assert out is not None

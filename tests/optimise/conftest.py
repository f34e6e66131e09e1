"""Factories for small option tables used by the optimiser tests."""

from __future__ import annotations

import numpy as np
import pytest

from wupmodel.optimise import OptionTable


def build_table(
    cost,
    co2,
    *,
    count=None,
    heating=None,
    feasible=None,
    end_user=None,
    capex=None,
    subsidy=None,
    co2_cum=None,
    peak=None,
    electricity=None,
    pv=None,
    monthly=None,
    reference=None,
    hn_zone=None,
    grid_zone=None,
    fixed=None,
    horizon_years=25,
) -> OptionTable:
    """An :class:`OptionTable` from (G, O) cost and CO2 arrays; other figures default to 0.

    Option 0 is the reference gas boiler unless ``reference`` says otherwise.
    """
    cost = np.asarray(cost, dtype=float)
    G, O = cost.shape  # noqa: E741 - O is the option count

    def arr(a, fill=0.0):
        return np.full((G, O), fill) if a is None else np.asarray(a, dtype=float)

    return OptionTable(
        group_id=np.array([f"g{i}" for i in range(G)]),
        count=np.ones(G) if count is None else np.asarray(count, dtype=float),
        option_id=np.array([f"o{j}" for j in range(O)]),
        heating=np.array(["gas_boiler"] + ["air_hp"] * (O - 1))
        if heating is None
        else np.asarray(heating),
        feasible=np.ones((G, O), dtype=bool) if feasible is None else np.asarray(feasible, bool),
        annual_cost_eur={
            "national": cost,
            "end_user": arr(end_user) if end_user is not None else cost.copy(),
        },
        capex_eur=arr(capex),
        subsidy_eur=arr(subsidy),
        co2_kg=arr(co2),
        co2_cum_kg=arr(co2_cum) if co2_cum is not None else 20.0 * arr(co2),
        peak_kw=arr(peak),
        electricity_kwh=arr(electricity),
        pv_kwh=arr(pv),
        heat_gj=arr(None),
        gas_m3=arr(None),
        monthly_cost_change_eur=arr(monthly),
        reference_option=np.zeros(G, dtype=int)
        if reference is None
        else np.asarray(reference, dtype=int),
        heat_network_zone=np.array([""] * G) if hn_zone is None else np.asarray(hn_zone),
        grid_zone=np.array(["k"] * G) if grid_zone is None else np.asarray(grid_zone),
        fixed_option=np.full(G, -1) if fixed is None else np.asarray(fixed, dtype=int),
        horizon_years=horizon_years,
    )


def random_table(
    seed: int,
    G: int = 12,
    O: int = 5,  # noqa: E741
    zones: int = 2,
    gzones: int = 2,
    max_count: int = 20,
) -> OptionTable:
    """A random but fully specified table with heat-network and grid zones."""
    rng = np.random.default_rng(seed)
    heating = np.array(
        [
            "gas_boiler",
            "hybrid_hp",
            "air_hp",
            "heat_network_lt",
            "ground_hp",
            "heat_network_mt",
            "air_hp",
            "hybrid_hp",
        ][:O]
    )
    count = rng.integers(1, max_count + 1, G).astype(float)
    # Gas is the cheapest individual option; heat-network options are cheaper still per
    # dwelling but carry the zone's fixed cost, so collective decisions matter.
    is_hn = np.isin(heating, ["heat_network_mt", "heat_network_lt"])
    extra = np.where(is_hn[None, :], rng.uniform(-450, -150, (G, O)), rng.uniform(50, 700, (G, O)))
    extra[:, heating == "gas_boiler"] = 0.0
    cost = rng.uniform(1500, 3000, G)[:, None] + extra
    co2_ref = rng.uniform(1500, 4000, G)
    factor = np.where(heating == "gas_boiler", 1.0, rng.uniform(0.05, 0.6, O))
    co2 = co2_ref[:, None] * factor[None, :] * rng.uniform(0.9, 1.1, (G, O))
    feasible = rng.random((G, O)) > 0.15
    feasible[:, 0] = True
    peak_base = np.select(
        [np.isin(heating, ["air_hp", "ground_hp"]), heating == "hybrid_hp"], [3.5, 2.0], 1.2
    )
    peak = peak_base[None, :] * rng.uniform(0.8, 1.2, (G, O))
    monthly = (cost - cost[:, :1]) / 12.0 + rng.normal(0, 10, (G, O))
    monthly[:, 0] = 0.0
    return build_table(
        cost,
        co2,
        count=count,
        heating=heating,
        feasible=feasible,
        end_user=cost * rng.uniform(1.0, 1.4, (G, O)),
        capex=rng.uniform(0, 30000, (G, O)) * (heating != "gas_boiler"),
        subsidy=rng.uniform(0, 5000, (G, O)) * (heating != "gas_boiler"),
        peak=peak,
        electricity=rng.uniform(2500, 9000, (G, O)),
        pv=rng.uniform(0, 4000, (G, O)),
        monthly=monthly,
        hn_zone=np.array([f"z{i % zones}" if i % 4 else "" for i in range(G)]),
        grid_zone=np.array([f"k{i % gzones}" for i in range(G)]),
    )


@pytest.fixture(scope="session")
def make_table():
    """The :func:`build_table` factory."""
    return build_table


@pytest.fixture(scope="session")
def make_random_table():
    """The :func:`random_table` factory."""
    return random_table

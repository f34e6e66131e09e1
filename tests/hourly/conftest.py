"""The default village (Aalden) as hourly rows: every packaged strategy, one row per group."""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np
import pytest

import wupmodel as wm
from wupmodel.evaluate import building_inputs
from wupmodel.params import default_params, packaged_table
from wupmodel.physics import (
    HourlyRows,
    RowChoice,
    building_response,
    heating_systems,
    rows_from_physics,
)
from wupmodel.village import strategies_from_table, strategy_choice


@dataclass(frozen=True)
class Village:
    """The default village's outcomes and its hourly rows, strategy after strategy."""

    outcomes: object
    names: list[str]
    rows: HourlyRows  # strategy-major: rows of strategy s are s * G ... (s + 1) * G - 1
    choices: list[np.ndarray]  # option per group, per strategy
    zone_of: np.ndarray  # (G,) LV zone index of each group
    n_zones: int
    physics: tuple  # (inputs, building, systems)

    @property
    def n_groups(self) -> int:
        return self.outcomes.n_groups

    def strategy(self, name: str) -> HourlyRows:
        s = self.names.index(name)
        return self.rows.take(slice(s * self.n_groups, (s + 1) * self.n_groups))

    def rows_for(self, insulation: int, heating: int, pv: bool) -> HourlyRows:
        """Every group under one (insulation, heating, PV) option, feasible or not."""
        g = self.n_groups
        choice = RowChoice(
            group=np.arange(g),
            insulation=np.full(g, insulation),
            heating=np.full(g, heating),
            pv=np.full(g, pv),
            count=self.outcomes.counts,
        )
        return rows_from_physics(*self.physics, choice, default_params())

    def curve_of_row(self) -> np.ndarray:
        """Curve index strategy × zone of every row of :attr:`rows`."""
        s = np.repeat(np.arange(len(self.names)), self.n_groups)
        return s * self.n_zones + np.tile(self.zone_of, len(self.names))


@pytest.fixture(scope="session")
def village() -> Village:
    params = default_params()
    scenario = wm.load_scenario()
    outcomes = wm.evaluate(wm.stock_for(scenario), scenario, irr=False)
    inputs = building_inputs(outcomes.groups)
    building = building_response(inputs, params)
    systems = heating_systems(building, inputs.dwelling_type, params)
    strategies = strategies_from_table(packaged_table("strategies"))
    cat = outcomes.catalogue
    g = outcomes.n_groups
    choices = [strategy_choice(outcomes, s) for s in strategies]
    parts = [
        RowChoice(
            group=np.arange(g),
            insulation=cat.insulation[c],
            heating=cat.heating[c],
            pv=cat.pv[c],
            count=outcomes.counts,
        )
        for c in choices
    ]
    choice = RowChoice(
        **{f.name: np.concatenate([getattr(p, f.name) for p in parts]) for f in fields(RowChoice)}
    )
    zones, zone_of = np.unique(outcomes.groups["grid_zone"].astype(str), return_inverse=True)
    return Village(
        outcomes=outcomes,
        names=[s.name for s in strategies],
        rows=rows_from_physics(building, systems, inputs, choice, params),
        choices=choices,
        zone_of=zone_of,
        n_zones=len(zones),
        physics=(building, systems, inputs),
    )

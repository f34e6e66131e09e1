"""The optimiser's outputs: :class:`Plan` and :class:`ConstraintReport`, and their JSON form."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from wupmodel.optimise.problem import SolveStatus

# ---------------------------------------------------------------------------------------------
# Outputs
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ConstraintReport:
    """One village-level constraint at the plan.

    Attributes
    ----------
    name, kind
        Row name (``co2``, ``budget``, ``grid:<zone>``, ``heat_network_participation:<zone>``,
        ``energy_neutral``, ``extra_subsidy_budget``, ``max_installations:<heating>``) and kind.
    activity, bound
        Left-hand side at the plan and the active bound, in ``quantity_unit``.
    slack
        Distance to the bound (≥ 0 when satisfied) in ``quantity_unit``.
    binding
        Slack within tolerance of zero.
    shadow_price, unit
        Fall in the objective per unit relaxation, in ``unit`` (see the module docstring).
    """

    name: str
    kind: str
    activity: float
    bound: float
    slack: float
    binding: bool
    shadow_price: float
    unit: str
    quantity_unit: str

    def to_json_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict."""
        return {k: _json_value(v) for k, v in self.__dict__.items()}


@dataclass
class Plan:
    """The optimiser's answer (see the module docstring for conventions).

    Cost totals are €/yr, CO2 in kg (first-year kg/yr, cumulative kg to the horizon),
    energy in kWh/yr, gas m³/yr, heat GJ/yr, peaks kW after diversity.

    ``shares`` is (G, O), each row summing to 1. ``choices`` maps each group to
    ``{option_id: share}`` (non-zero shares); in a per-dwelling plan a single dwelling maps to
    its ``option_id`` and a group of ``count`` identical dwellings to shares in steps of
    1/count. ``extra_subsidy_by_group_eur_per_yr`` is (G,). ``max_monthly_increase_eur`` is
    the largest year-1 increase any household on the plan sees, after extra subsidy.

    Timing: ``build_seconds`` = building the matrices + the solver-side model (PuLP objects
    or the highspy hand-over); ``solve_seconds`` = every solver call (optimisation stages,
    the LP for duals, diagnosis), including the hand-over PuLP does inside ``solve``.
    ``timings`` splits these (``matrix_s``, ``backend_build_s``, ``solve_s``, ``duals_s``,
    ``diagnosis_s``) and gives ``solver_run_s``, the time HiGHS itself reports, and
    ``lp_solves``, the LPs of the collective branch and bound (a count, 0 without it). The
    counters belong to the solved model, so along a Pareto front they add up point by point.
    """

    status: SolveStatus
    message: str = ""
    objective: str = "cost"
    perspective: str = "national"
    objective_eur: float = math.nan
    group_id: tuple[str, ...] = ()
    option_id: tuple[str, ...] = ()
    shares: np.ndarray | None = None
    choices: dict[str, Any] = field(default_factory=dict)
    heat_network_built: dict[str, bool] = field(default_factory=dict)
    grid_reinforced: dict[str, bool] = field(default_factory=dict)
    #: grid zone -> a neighbourhood battery shaves its peak (zones with the option only)
    grid_battery: dict[str, bool] = field(default_factory=dict)
    solar_park_kwp: float = 0.0
    total_cost_eur: dict[str, float] = field(default_factory=dict)
    #: perspective -> €/yr with every dwelling on its reference option and no collective asset
    reference_cost_eur: dict[str, float] = field(default_factory=dict)
    collective_cost_eur: dict[str, float] = field(default_factory=dict)
    capex_eur: float = math.nan
    subsidy_eur: float = math.nan
    extra_subsidy_eur_per_yr: float = 0.0
    extra_subsidy_by_group_eur_per_yr: np.ndarray | None = None
    co2_kg: float = math.nan
    co2_cum_kg: float = math.nan
    co2_reference_kg: float = math.nan
    co2_cum_reference_kg: float = math.nan
    co2_basis: str = "first_year"
    co2_reduction: float = math.nan
    best_co2_reduction: float | None = None
    peak_kw: dict[str, float] = field(default_factory=dict)
    grid_capacity_kw: dict[str, float] = field(default_factory=dict)
    heat_network_participation: dict[str, float] = field(default_factory=dict)
    dwellings_by_heating: dict[str, float] = field(default_factory=dict)
    electricity_kwh: float = math.nan
    pv_kwh: float = math.nan
    solar_park_kwh: float = 0.0
    energy_neutral_share: float = math.nan
    gas_m3: float = math.nan
    heat_gj: float = math.nan
    max_monthly_increase_eur: float = math.nan
    constraints: list[ConstraintReport] = field(default_factory=list)
    gap: float = math.nan
    build_seconds: float = 0.0
    solve_seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)
    solver: str = ""
    backend: str = ""
    notices: list[str] = field(default_factory=list)
    #: the cost–CO2 Pareto front traced with the plan (``optimise(..., pareto=N)``), cheapest first
    pareto_front: list[Plan] = field(default_factory=list)
    #: the plan per input dwelling (dwelling_id, option spelled out, share, dwellings), when the
    #: optimiser had the stock (:func:`wupmodel.optimise`)
    dwellings: pd.DataFrame | None = None

    @property
    def has_solution(self) -> bool:
        """True when the plan carries choices (``optimal``, or ``time_limit`` with a plan)."""
        return self.shares is not None

    @property
    def extra_cost_eur_per_yr(self) -> dict[str, float]:
        """Perspective -> the plan's cost minus the all-reference village's [€/yr]: the same
        "extra cost vs the reference" as ``wupmodel run`` reports per strategy."""
        return {
            p: self.total_cost_eur[p] - self.reference_cost_eur[p]
            for p in self.total_cost_eur
            if p in self.reference_cost_eur
        }

    @property
    def binding_constraints(self) -> list[ConstraintReport]:
        """The constraints at their bound."""
        return [c for c in self.constraints if c.binding]

    @property
    def shadow_prices(self) -> dict[str, float]:
        """Constraint name -> shadow price (all reported constraints; 0 when not binding)."""
        return {c.name: c.shadow_price for c in self.constraints}

    @property
    def co2_shadow_price_eur_per_t(self) -> float:
        """Cost of the last ton of CO2 reduction [€/t, see module docstring]; nan without."""
        for c in self.constraints:
            if c.kind == "co2":
                return c.shadow_price
        return math.nan

    def to_json_dict(self) -> dict[str, Any]:
        """A JSON-ready summary: status, objective, CO2, choices, shadow prices, collective."""
        out: dict[str, Any] = {
            "status": str(self.status),
            "message": self.message,
            "objective": self.objective,
            "perspective": self.perspective,
            "objective_eur": _json_value(self.objective_eur),
            "total_cost_eur": {k: _json_value(v) for k, v in self.total_cost_eur.items()},
            "reference_cost_eur": {k: _json_value(v) for k, v in self.reference_cost_eur.items()},
            "extra_cost_vs_reference_eur_per_yr": {
                k: _json_value(v) for k, v in self.extra_cost_eur_per_yr.items()
            },
            "collective_cost_eur": {k: _json_value(v) for k, v in self.collective_cost_eur.items()},
            "capex_eur": _json_value(self.capex_eur),
            "subsidy_eur": _json_value(self.subsidy_eur),
            "extra_subsidy_eur_per_yr": _json_value(self.extra_subsidy_eur_per_yr),
            "co2_kg": _json_value(self.co2_kg),
            "co2_cum_kg": _json_value(self.co2_cum_kg),
            "co2_reference_kg": _json_value(self.co2_reference_kg),
            "co2_cum_reference_kg": _json_value(self.co2_cum_reference_kg),
            "co2_basis": self.co2_basis,
            "co2_reduction": _json_value(self.co2_reduction),
            "best_co2_reduction": _json_value(self.best_co2_reduction),
            "choices": self.choices,
            "shadow_prices": {
                c.name: {"value": _json_value(c.shadow_price), "unit": c.unit, "binding": c.binding}
                for c in self.constraints
            },
            "constraints": [c.to_json_dict() for c in self.constraints],
            "collective": {
                "heat_network_built": dict(self.heat_network_built),
                "grid_reinforced": dict(self.grid_reinforced),
                "grid_battery": dict(self.grid_battery),
                "solar_park_kwp": _json_value(self.solar_park_kwp),
            },
            "peak_kw": {k: _json_value(v) for k, v in self.peak_kw.items()},
            "grid_capacity_kw": {k: _json_value(v) for k, v in self.grid_capacity_kw.items()},
            "heat_network_participation": {
                k: _json_value(v) for k, v in self.heat_network_participation.items()
            },
            "dwellings_by_heating": {
                k: _json_value(v) for k, v in self.dwellings_by_heating.items()
            },
            "energy": {
                "electricity_kwh": _json_value(self.electricity_kwh),
                "pv_kwh": _json_value(self.pv_kwh),
                "solar_park_kwh": _json_value(self.solar_park_kwh),
                "energy_neutral_share": _json_value(self.energy_neutral_share),
                "gas_m3": _json_value(self.gas_m3),
                "heat_gj": _json_value(self.heat_gj),
            },
            "max_monthly_increase_eur": _json_value(self.max_monthly_increase_eur),
            "gap": _json_value(self.gap),
            "build_seconds": _json_value(self.build_seconds),
            "solve_seconds": _json_value(self.solve_seconds),
            "solver": self.solver,
            "backend": self.backend,
            "notices": list(self.notices),
        }
        if self.dwellings is not None:
            out["choices_by_dwelling"] = {
                d: {o: float(s) for o, s in zip(g["option_id"], g["share"], strict=True)}
                for d, g in self.dwellings.groupby("dwelling_id", sort=False)
            }
        if self.pareto_front:
            out["pareto"] = [
                {
                    "co2_kg": _json_value(p.co2_kg),
                    "co2_reduction": _json_value(p.co2_reduction),
                    "objective_eur": _json_value(p.objective_eur),
                    "status": str(p.status),
                }
                for p in self.pareto_front
            ]
        return out


def _json_value(v: Any) -> Any:
    if v is None:
        return None
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, (int, np.integer)):
        return int(v)
    if isinstance(v, (float, np.floating)):
        return float(v) if math.isfinite(float(v)) else None
    return v

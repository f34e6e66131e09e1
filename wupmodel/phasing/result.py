"""What :func:`~wupmodel.phasing.solve.phase` returns: :class:`Phasing`, and the tables an
adviser puts in the plan, read from the solved model.

Money is in euros of the price year, discounted to the start year at the perspective's rate;
CO2 in kg per year of each calendar year; peaks in kW after diversity. A *switch* is a
dwelling moving off its reference (gas boiler, current insulation) to another option; it
happens at the start of its year.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from wupmodel.vocabulary import HEATING_SYSTEMS, INSULATION_LEVELS

#: Why a dwelling switches when it does (codes; the app says them in words).
REASONS: dict[str, str] = {
    "boiler_due": "its gas boiler is due that year",
    "heat_network": "its zone's heat network comes that year",
    "pays_for_itself": "the switch pays for itself from that year",
    "co2_path": "the village's CO2 path needs it by then",
    "stays": "it keeps a gas boiler (replaced when due)",
}


@dataclass
class Phasing:
    """The plan over the years (see the module docstring for units).

    Attributes
    ----------
    status
        ``optimal`` (within ``gap`` of the best plan), ``feasible`` (a plan, its gap larger
        than asked), ``infeasible`` (no plan meets the CO2 path: ``message`` names the
        binding limit, ``best_path`` the reductions reachable), ``time_limit``, ``error``.
    message
        What went wrong, in words (empty for a plan).
    perspective, step
        Whose cost, and the years per step.
    objective_eur
        Discounted cost of the plan over the horizon, residual values credited [€].
    reference_eur
        The same for every dwelling keeping its gas boiler [€].
    bound_eur, gap
        A lower bound of any plan's cost [€] and the plan's distance to it, relative to its
        cost [-].
    years
        Every year of the horizon.
    yearly
        One row per year: switches by heating system (``installations_<system>``) and
        insulation level (``insulated_<level>``), ``switches``, ``capex_eur``,
        ``subsidy_eur``, ``co2_kg``, ``co2_reduction``, ``grid_peak_kw``,
        ``installer_hours``, ``dwellings_on_gas`` and ``binding`` (what limits the plan that
        year).
    zones
        One row per zone: ``zone``, ``kind`` (``heat_network`` / ``grid``), ``dwellings``,
        ``heat_network_year``, ``reinforcement_year``, ``gas_disconnection_year``,
        ``works_year``.
    dwellings
        One row per stock row: ``dwelling_id``, ``year`` (of its switch; empty when it keeps
        gas), ``option_id``, ``heating``, ``insulation``, ``share`` (of the row's dwellings on
        that choice), ``boiler_due_year``, ``reason`` (:data:`REASONS`).
    binding
        One row per limit that binds: ``limit``, ``year``, ``zone`` and its ``shadow_price``
        (the fall in the plan's cost per unit it is relaxed; per installation, per €, per kW,
        per kg/yr of CO2).
    best_path
        Milestone year -> reduction the plan reaches (the path asked when it is met).
    co2_path
        Milestone year -> reduction asked.
    limiting
        When the path is out of reach: the limits that, relaxed alone, bring it within reach
        (``heat_pumps``, ``insulation``, ``budget``, ``grid``, ``notice``); empty when none
        alone does.
    notices, timings
        What the user should know; seconds by stage and counters.
    assumptions
        The settings used: ``setting``, ``value``, ``unit``, ``origin``, ``source``.
    """

    status: str
    message: str = ""
    perspective: str = "national"
    step: int = 1
    objective_eur: float = math.nan
    reference_eur: float = math.nan
    bound_eur: float = math.nan
    gap: float = math.nan
    years: tuple[int, ...] = ()
    yearly: pd.DataFrame = field(default_factory=pd.DataFrame)
    zones: pd.DataFrame = field(default_factory=pd.DataFrame)
    dwellings: pd.DataFrame = field(default_factory=pd.DataFrame)
    binding: pd.DataFrame = field(default_factory=pd.DataFrame)
    best_path: dict[int, float] = field(default_factory=dict)
    co2_path: dict[int, float] = field(default_factory=dict)
    limiting: tuple[str, ...] = ()
    notices: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    assumptions: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def has_plan(self) -> bool:
        """True when the result holds a plan (``optimal`` or ``feasible``)."""
        return self.status in ("optimal", "feasible")

    @property
    def saving_eur(self) -> float:
        """Discounted cost of keeping gas minus the plan's [€] (negative = the plan costs more)."""
        return self.reference_eur - self.objective_eur

    def switch_year(self, dwelling_id: str) -> tuple[float, str, str]:
        """``(year, option_id, reason)`` of one dwelling (year NaN when it keeps gas)."""
        rows = self.dwellings[self.dwellings["dwelling_id"].astype(str) == str(dwelling_id)]
        if rows.empty:
            raise KeyError(f"dwelling '{dwelling_id}' is not in the plan")
        row = rows.iloc[0]
        return float(row["year"]), str(row["option_id"]), str(row["reason"])

    def to_json_dict(self) -> dict[str, Any]:
        """The plan as plain JSON values (NaN -> null)."""
        years = []
        for row in self.yearly.to_dict("records"):
            years.append(
                {
                    "year": int(row["year"]),
                    "co2_kg": _num(row["co2_kg"]),
                    "co2_reduction": _num(row["co2_reduction"]),
                    "capex_eur": _num(row["capex_eur"]),
                    "subsidy_eur": _num(row["subsidy_eur"]),
                    "installations": {h: _num(row[f"installations_{h}"]) for h in HEATING_SYSTEMS},
                    "insulation": {
                        lvl: _num(row[f"insulated_{lvl}"]) for lvl in INSULATION_LEVELS[1:]
                    },
                    "grid_peak_kw": _num(row["grid_peak_kw"]),
                    "installer_hours": _num(row["installer_hours"]),
                    "dwellings_on_gas": _num(row["dwellings_on_gas"]),
                    "binding": [b for b in str(row["binding"]).split("; ") if b],
                }
            )
        dwellings = {
            str(r["dwelling_id"]): {
                "year": None if pd.isna(r["year"]) else int(r["year"]),
                "option_id": str(r["option_id"]),
                "share": _num(r["share"]),
                "boiler_due_year": int(r["boiler_due_year"]),
                "reason": str(r["reason"]),
            }
            for r in self.dwellings.to_dict("records")
        }
        return {
            "status": self.status,
            "message": self.message,
            "perspective": self.perspective,
            "step_years": self.step,
            "objective_eur": _num(self.objective_eur),
            "reference_eur": _num(self.reference_eur),
            "bound_eur": _num(self.bound_eur),
            "gap": _num(self.gap),
            "co2_path": {str(k): v for k, v in self.co2_path.items()},
            "best_path": {str(k): _num(v) for k, v in self.best_path.items()},
            "limiting": list(self.limiting),
            "years": years,
            "zones": [
                {k: _json_cell(v) for k, v in r.items()} for r in self.zones.to_dict("records")
            ],
            "binding": [
                {k: _json_cell(v) for k, v in r.items()} for r in self.binding.to_dict("records")
            ],
            "dwellings": dwellings,
            "notices": list(self.notices),
            "timings": {k: _num(v) for k, v in self.timings.items()},
        }


def _num(value: Any) -> float | None:
    """A float for JSON (NaN and infinities -> None)."""
    v = float(value)
    return v if math.isfinite(v) else None


def _json_cell(value: Any) -> Any:
    """A table cell for JSON: numbers as numbers (NaN -> None), the rest as text."""
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return _num(value)
    if value is None or value is pd.NA:
        return None
    return str(value)

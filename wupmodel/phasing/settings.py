"""What the time path must respect, as plain validated numbers: :class:`PhasingSettings`.

The scenario's ``phasing:`` block and ``targets.co2_path`` name the choices; the packaged
``phasing.*`` parameters (``wupmodel/data/parameters/phasing.csv``, each with its source) fill
what the scenario leaves open. :func:`phasing_settings` turns both into one frozen object the
core computes with; :func:`validate_settings` checks it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from wupmodel.errors import WupInputError
from wupmodel.inputs import ModelInputs
from wupmodel.optimise import PERSPECTIVES

#: Step lengths a plan may use [years].
STEPS: tuple[int, ...] = (1, 5)

#: What a yearly budget caps: the households' investment net of subsidy, or the subsidy.
BUDGET_BASES: tuple[str, ...] = ("end_user_net", "subsidy")


@dataclass(frozen=True)
class PhasingSettings:
    """The limits and moments of a time path (every number in the unit its name says).

    Attributes
    ----------
    step
        Years per step: 1 (every year a switch moment) or 5 (switches at the start of 2026,
        2030, 2035, ... for speed).
    collective_step
        Years between the moments a heat network may be built or an LV grid reinforced: 5
        (the start year, 2030, 2035, ..., as the gemeente's warmteprogramma is renewed at
        least every five years; plus each zone's works year and the first year after the
        reinforcement lead time) or 1 (every step).
    perspective
        ``'national'`` or ``'end_user'``: whose discounted cost the plan minimises.
    co2_path
        Milestone year -> CO2 reduction vs the all-reference village in that year [-].
    heat_pumps_per_year, insulation_jobs_per_year
        Installer capacity [installations/yr]; ``inf`` = no limit.
    budget_eur_per_year, budget_basis
        Yearly budget [€/yr] (``None`` = none) and what it caps (:data:`BUDGET_BASES`).
    notice_years
        No zone is entirely off gas before ``start + notice_years`` [yr].
    reinforcement_lead_years
        No LV reinforcement in service before ``start + reinforcement_lead_years`` [yr].
    works, works_discount
        Zone -> year of planned street works, and the share of the zone's collective
        investment saved when built in that year [-].
    boiler_life_mean_years, boiler_life_shape
        The Weibull life of a gas boiler: mean [yr] and shape [-].
    isde_last_year
        Last year a switch gets ISDE subsidy.
    installer_hours
        Heating system -> installer hours per installation [h].
    max_installations
        Heating system -> most dwellings on it by the end (the scenario's targets).
    max_monthly_increase_eur
        Largest year-1 woonlasten increase per household at its switch [€/month]; ``None``.
    seed
        Seed of the synthesised boiler ages (the village's seed).
    per_dwelling
        One whole choice per dwelling (MILP) instead of shares per group.
    time_limit_s, mip_gap
        Solver limits (``None`` = none; the gap as a fraction of the objective).
    """

    step: int = 1
    collective_step: int = 5
    perspective: str = "national"
    co2_path: Mapping[int, float] = field(default_factory=dict)
    heat_pumps_per_year: float = math.inf
    insulation_jobs_per_year: float = math.inf
    budget_eur_per_year: float | None = None
    budget_basis: str = "end_user_net"
    notice_years: int = 0
    reinforcement_lead_years: int = 0
    works: Mapping[str, int] = field(default_factory=dict)
    works_discount: float = 0.0
    boiler_life_mean_years: float = 15.0
    boiler_life_shape: float = 4.0
    isde_last_year: int = 2050
    installer_hours: Mapping[str, float] = field(default_factory=dict)
    max_installations: Mapping[str, float] = field(default_factory=dict)
    max_monthly_increase_eur: float | None = None
    seed: int = 0
    per_dwelling: bool = False
    time_limit_s: float | None = None
    mip_gap: float | None = None


def _capacity(per_year: float | None, per_1000: float, dwellings: float) -> float:
    """A capacity a year: the number given, else the per-1 000 figure for these dwellings."""
    if per_year is not None:
        return float(per_year)
    return float(per_1000) * float(dwellings) / 1000.0


#: The packaged CO2 path's parameters: milestone year -> ``phasing.co2_reduction_<year>``.
PACKAGED_PATH: dict[int, str] = {y: f"phasing.co2_reduction_{y}" for y in (2030, 2040, 2050)}


def co2_path(inputs: ModelInputs) -> dict[int, float]:
    """The CO2 path of a scenario: its ``targets.co2_path``, or when that is null the packaged
    path (:data:`PACKAGED_PATH`, each milestone with its source) with the milestones inside
    the scenario's horizon."""
    path = inputs.targets.co2_path
    if path is not None:
        return {int(y): float(r) for y, r in sorted(path.items())}
    return {
        y: float(inputs.params[name])
        for y, name in PACKAGED_PATH.items()
        if inputs.start_year <= y <= inputs.end_year
    }


def phasing_settings(inputs: ModelInputs, dwellings: float, **overrides: Any) -> PhasingSettings:
    """The scenario's time-path settings, the packaged defaults filled in, then ``overrides``.

    Parameters
    ----------
    inputs
        The scenario as numbers (its ``phasing:`` block, targets and parameters).
    dwellings
        Dwellings in the village (for a capacity given per 1 000 dwellings).
    **overrides
        Any :class:`PhasingSettings` field; ``None`` values are ignored.
    """
    choice, params, targets = inputs.phasing, inputs.params, inputs.targets
    hp = params["phasing.installer_hours_hybrid_hp"]
    electric = params["phasing.installer_hours_all_electric_hp"]
    settings = PhasingSettings(
        step=int(choice.step),
        collective_step=int(choice.collective_step),
        perspective=targets.perspective,
        co2_path=co2_path(inputs),
        heat_pumps_per_year=_capacity(
            choice.heat_pumps_per_year, params["phasing.heat_pumps_per_1000_dwellings"], dwellings
        ),
        insulation_jobs_per_year=_capacity(
            choice.insulation_jobs_per_year,
            params["phasing.insulation_jobs_per_1000_dwellings"],
            dwellings,
        ),
        budget_eur_per_year=choice.budget_eur_per_year,
        budget_basis=choice.budget_basis,
        notice_years=int(params["phasing.gas_notice_years"]),
        reinforcement_lead_years=int(params["phasing.reinforcement_lead_years"]),
        works=dict(choice.works),
        works_discount=params["phasing.works_discount"],
        boiler_life_mean_years=params["phasing.boiler_life_mean_years"],
        boiler_life_shape=params["phasing.boiler_life_weibull_shape"],
        isde_last_year=int(params["phasing.isde_last_year"]),
        installer_hours={"hybrid_hp": hp, "air_hp": electric, "ground_hp": electric},
        max_installations={h: float(n) for h, n in targets.max_installations.items()},
        max_monthly_increase_eur=targets.max_monthly_cost_increase_eur,
        seed=int(inputs.scenario.village.seed),
    )
    return replace(settings, **{k: v for k, v in overrides.items() if v is not None})


def _fail(key: str, message: str) -> None:
    raise WupInputError(f"phasing settings: '{key}' {message}", "phasing settings")


def validate_settings(s: PhasingSettings, start_year: int, end_year: int) -> None:
    """Check a time path's settings against the horizon.

    Raises
    ------
    WupInputError
        Naming the setting, its value and what is allowed.
    """
    if s.step not in STEPS:
        _fail("step", f"= {s.step}; allowed: 1 or 5 (years per step)")
    if s.collective_step not in STEPS:
        _fail("collective_step", f"= {s.collective_step}; allowed: 1 or 5 (years)")
    if s.perspective not in PERSPECTIVES:
        _fail("perspective", f"= {s.perspective!r}; allowed: {', '.join(PERSPECTIVES)}")
    if s.budget_basis not in BUDGET_BASES:
        _fail("budget_basis", f"= {s.budget_basis!r}; allowed: {', '.join(BUDGET_BASES)}")
    for year, reduction in s.co2_path.items():
        if not start_year <= int(year) <= end_year:
            _fail(
                "targets.co2_path",
                f"has the milestone year {year}, outside the horizon {start_year} to {end_year}; "
                f"allowed: a year from {start_year} to {end_year}",
            )
        if not 0.0 <= float(reduction) <= 1.0:
            _fail("targets.co2_path", f"{year}: {reduction} is not a reduction; allowed: 0 to 1")
    for name in ("heat_pumps_per_year", "insulation_jobs_per_year"):
        value = float(getattr(s, name))
        if not value >= 0:
            _fail(f"phasing.{name}", f"= {value}; allowed: 0 or more installations a year")
    if s.co2_path and max(s.co2_path.values()) > 0 and s.heat_pumps_per_year == 0:
        _fail(
            "phasing.heat_pumps_per_year",
            "= 0 with a CO2 path (targets.co2_path): no heat pump could ever be installed; "
            "allowed: a capacity above 0, or no CO2 path",
        )
    if s.budget_eur_per_year is not None and not s.budget_eur_per_year >= 0:
        _fail("phasing.budget_eur_per_year", f"= {s.budget_eur_per_year}; allowed: 0 or more")
    for zone, year in s.works.items():
        if not start_year <= int(year) <= end_year:
            _fail(
                "phasing.works",
                f"gives zone '{zone}' the year {year}, outside the horizon {start_year} to "
                f"{end_year}; allowed: a year from {start_year} to {end_year}",
            )
    if not 0.0 <= s.works_discount < 1.0:
        _fail("phasing.works_discount", f"= {s.works_discount}; allowed: 0 to below 1")
    if s.notice_years < 0 or s.reinforcement_lead_years < 0:
        _fail("phasing.notice_years", "and reinforcement_lead_years must be 0 or more years")
    if s.boiler_life_mean_years <= 0 or s.boiler_life_shape <= 0:
        _fail("phasing.boiler_life", "mean and shape must be positive")
    if s.time_limit_s is not None and s.time_limit_s <= 0:
        _fail("time_limit_s", f"= {s.time_limit_s}; allowed: a positive number of seconds")
    if s.mip_gap is not None and s.mip_gap < 0:
        _fail("mip_gap", f"= {s.mip_gap}; allowed: 0 or more")

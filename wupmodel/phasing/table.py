"""The optimiser's option table per switch year: what each option costs when a dwelling takes it
in a given year, and what the village's collective assets cost when built then.

A switch in year ``t`` is appraised as the single-year optimiser appraises a switch in the
start year, with the scenario seen from ``t``: the price, tax and CO2-intensity paths from
``t`` on (net metering only while it lasts), the horizon from ``t`` to the end year (straight-
line residual value of every asset still alive at the end credited, as the money layer does),
and no ISDE after ``phasing.isde_last_year``. Each year's evaluation becomes an
:class:`~wupmodel.optimise.OptionTable` (:func:`wupmodel.optimise.option_table`); its equivalent
annual cost over the remaining horizon, divided by the capital recovery factor, is the present
value at ``t``, and discounted to the start year it is what the plan adds up
(:attr:`PhasedTable.npv_eur`). Collective assets come from the optimiser's settings for the
same horizon (:func:`wupmodel.optimise.settings_for`): the same annual costs, built in ``t``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from wupmodel.evaluate import evaluate, evaluate_money
from wupmodel.inputs import ModelInputs
from wupmodel.money.finance import capital_recovery_factor
from wupmodel.money.tariffs import TariffPaths
from wupmodel.optimise import (
    HEAT_NETWORK_SYSTEMS,
    GridReinforcement,
    HeatNetwork,
    OptimiseSettings,
    OptionTable,
    option_table,
    settings_for,
)
from wupmodel.phasing.settings import PhasingSettings

#: Money outputs a switch year needs (the rest of the option table is physics).
MONEY_OUTPUTS: tuple[str, ...] = (
    "national_annual_cost_eur",
    "end_user_annual_cost_eur",
    "subsidy_eur",
    "monthly_cost_change_eur",
)

#: Heating systems with a heat pump (what the installer capacity counts).
HEAT_PUMP_SYSTEMS: tuple[str, ...] = ("hybrid_hp", "air_hp", "ground_hp")

#: Heating systems that keep a gas boiler in the house (a switch to them scraps none).
KEEPS_BOILER: tuple[str, ...] = ("gas_boiler", "hybrid_hp")


@dataclass(frozen=True)
class ZoneCosts:
    """A collective asset per zone and what it costs when built in each step.

    Attributes
    ----------
    names
        Zones, in column order.
    pv_eur
        (Z, P) present value at the start year of the asset built at the start of step ``p``
        (in service to the end year, its straight-line residual value credited) [€].
    dwellings
        (Z,) dwellings in the zone.
    min_share
        (Z,) heat networks: least share of the zone's dwellings connected by the end [-].
    added_kw, capacity_kw
        (Z,) reinforcements: capacity added, and the zone's capacity before it, after
        diversity [kW].
    """

    names: tuple[str, ...]
    pv_eur: np.ndarray
    dwellings: np.ndarray
    min_share: np.ndarray
    added_kw: np.ndarray
    capacity_kw: np.ndarray

    @property
    def n(self) -> int:
        """Number of zones."""
        return len(self.names)


@dataclass(frozen=True)
class PhasedTable:
    """Per row (dwelling group, or dwelling) × option × step: what a switch then costs and does.

    ``R`` rows (those of :attr:`base`), ``O`` options, ``P`` steps starting in
    :attr:`periods`. Money in euros of the price year, discounted to the start year at the
    perspective's rate.

    Attributes
    ----------
    base
        The option table of the start year (ids, counts, options, feasibility, investment,
        peak, zones; CO2 of the start year).
    periods, lengths
        (P,) first year of each step and its length [yr].
    years
        (Y,) every year from the start to the end.
    rate
        Discount rate of the perspective [-].
    npv_eur
        (R, O, P) present value at the start year of a dwelling on the option from step ``p``
        to the end year [€/dwelling].
    subsidy_eur
        (R, O, P) subsidy for a switch in step ``p`` [€/dwelling].
    monthly_change_eur
        (R, O, P) year-1 woonlasten change of a switch in step ``p`` [€/month].
    co2_slope_kg
        (R, O) change of an option's CO2 per kg/kWh of grid intensity; CO2 in year ``y`` is
        ``base.co2_kg + co2_slope_kg * (grid_co2[y] - grid_co2[start])`` [kg/yr per kg/kWh].
    grid_co2_kg_kwh
        (Y,) the grid's CO2 intensity by year.
    insulation
        (O,) the insulation level of each option.
    boiler_eur
        (R,) a new gas boiler in the perspective (incl. VAT for end users) [€/dwelling].
    boiler_life_years
        The gas boiler's technical life (its straight-line remaining value).
    heat_networks, reinforcements
        The collective assets per zone.
    diversity
        Simultaneity factor on the sum of dwelling peaks [-].
    dwelling_ids, dwelling_row
        (D,) the stock's rows: their ids and the table row each belongs to.
    notices
        What the table's builder wants the user to know.
    """

    base: OptionTable
    periods: np.ndarray
    lengths: np.ndarray
    years: np.ndarray
    rate: float
    npv_eur: np.ndarray
    subsidy_eur: np.ndarray
    monthly_change_eur: np.ndarray
    co2_slope_kg: np.ndarray
    grid_co2_kg_kwh: np.ndarray
    insulation: np.ndarray
    boiler_eur: np.ndarray
    boiler_life_years: float
    heat_networks: ZoneCosts
    reinforcements: ZoneCosts
    diversity: float
    dwelling_ids: np.ndarray
    dwelling_row: np.ndarray
    notices: tuple[str, ...] = ()

    @property
    def start_year(self) -> int:
        """The plan's first year."""
        return int(self.years[0])

    @property
    def end_year(self) -> int:
        """The plan's last year."""
        return int(self.years[-1])

    def discount(self, years: np.ndarray) -> np.ndarray:
        """Discount factor from the start of ``years`` to the start year [-]."""
        return (1.0 + self.rate) ** -(np.asarray(years, dtype=float) - self.start_year)

    def co2_kg(self, year: int) -> np.ndarray:
        """(R, O) CO2 per dwelling in ``year`` [kg/yr]."""
        k = int(year) - self.start_year
        shift = self.grid_co2_kg_kwh[k] - self.grid_co2_kg_kwh[0]
        return np.asarray(self.base.co2_kg, dtype=float) + self.co2_slope_kg * shift


def _from_year(paths: TariffPaths | None, k: int) -> TariffPaths | None:
    """Price paths from their ``k``-th year on."""
    if paths is None:
        return None
    return paths.from_year(k)  # every series, its marks and the heat sources' factors


def switch_year_inputs(inputs: ModelInputs, year: int, isde_last_year: int) -> ModelInputs:
    """The scenario as a switch in ``year`` sees it: prices from that year, the horizon from it
    to the end year, no ISDE after ``isde_last_year``."""
    k = int(year) - inputs.start_year
    params = inputs.params
    if year > isde_last_year:
        table = params.values
        isde = [p for p in table if p.startswith("finance.isde_") and "_eur" in p]
        params = params.with_overrides(dict.fromkeys(isde, 0.0), source="ISDE ended")
    return replace(
        inputs,
        params=params,
        tariffs=_from_year(inputs.tariffs, k),
        rent_tariffs=_from_year(inputs.rent_tariffs, k),
        finance=replace(inputs.finance, horizon_years=inputs.end_year - int(year) + 1),
    )


def _zone_counts(zones: np.ndarray, count: np.ndarray) -> dict[str, float]:
    """Dwellings per zone name ('' = none, left out)."""
    frame = pd.DataFrame({"zone": zones, "count": count})
    sums = frame[frame["zone"] != ""].groupby("zone", sort=True)["count"].sum()
    return {str(k): float(v) for k, v in sums.items()}


def _network_pv(
    base: OptionTable,
    per_step: Sequence[OptimiseSettings],
    perspective: str,
    pv_factor: np.ndarray,
) -> ZoneCosts:
    """Heat networks of the zones where a dwelling may join one: cost per zone and step."""
    heating = np.asarray(base.heating).astype(str)
    may_join = np.asarray(base.feasible)[:, np.isin(heating, HEAT_NETWORK_SYSTEMS)].any(axis=1)
    zones = np.asarray(base.heat_network_zone).astype(str)
    counts = _zone_counts(np.where(may_join, zones, ""), np.zeros(zones.size))
    dwellings = _zone_counts(zones, np.asarray(base.count, dtype=float))
    names = tuple(
        z for z in counts if per_step[0].heat_networks.get(z) or per_step[0].heat_network_default
    )
    pv = np.zeros((len(names), len(per_step)))
    share = np.zeros(len(names))
    for j, zone in enumerate(names):
        for p, settings in enumerate(per_step):
            cfg: HeatNetwork = settings.heat_networks.get(zone) or settings.heat_network_default
            annual = (
                cfg.annual_cost_eur + cfg.annual_cost_eur_per_zone_dwelling * dwellings[zone]
                if perspective == "national"
                else cfg.end_user_annual_cost_eur
            )
            pv[j, p] = annual * pv_factor[p]
            share[j] = cfg.min_participation
    n = np.array([dwellings[z] for z in names])
    return ZoneCosts(names, pv, n, share, np.zeros(len(names)), np.zeros(len(names)))


def _reinforcement_pv(
    base: OptionTable,
    per_step: Sequence[OptimiseSettings],
    perspective: str,
    pv_factor: np.ndarray,
) -> ZoneCosts:
    """LV reinforcement of each grid zone with a capacity: cost per zone and step."""
    dwellings = _zone_counts(np.asarray(base.grid_zone).astype(str), np.asarray(base.count))
    first = per_step[0]
    names, capacity, added = [], [], []
    for zone, n in dwellings.items():
        cap = (first.grid_capacity_kw or {}).get(zone)
        if cap is None and first.grid_capacity_kw_per_dwelling is not None:
            cap = first.grid_capacity_kw_per_dwelling * n
        if cap is None:
            continue
        names.append(zone)
        capacity.append(float(cap))
        option = first.reinforcement.get(zone) or first.reinforcement_default
        added.append(0.0 if option is None else float(option.added_kw))
    pv = np.zeros((len(names), len(per_step)))
    for j, zone in enumerate(names):
        for p, settings in enumerate(per_step):
            option: GridReinforcement | None = (
                settings.reinforcement.get(zone) or settings.reinforcement_default
            )
            if option is None:
                continue
            annual = (
                option.annual_cost_eur + option.annual_cost_eur_per_zone_dwelling * dwellings[zone]
                if perspective == "national"
                else option.end_user_annual_cost_eur
            )
            pv[j, p] = annual * pv_factor[p]
    n = np.array([dwellings[z] for z in names])
    return ZoneCosts(tuple(names), pv, n, np.zeros(len(names)), np.array(added), np.array(capacity))


def _with_works(zones: ZoneCosts, periods: np.ndarray, settings: PhasingSettings) -> ZoneCosts:
    """A zone's collective works cost ``works_discount`` less in the step holding its planned
    street works (``phasing.works``)."""
    pv = zones.pv_eur.copy()
    for j, zone in enumerate(zones.names):
        if zone in settings.works:
            step = int(np.searchsorted(periods, settings.works[zone], side="right")) - 1
            pv[j, step] *= 1.0 - settings.works_discount
    return replace(zones, pv_eur=pv)


def _rate(inputs: ModelInputs, perspective: str) -> float:
    """The perspective's discount rate."""
    return inputs.social_rate if perspective == "national" else inputs.finance.household_rate


def _money_by_step(
    stock: pd.DataFrame,
    inputs: ModelInputs,
    periods: np.ndarray,
    settings: PhasingSettings,
) -> tuple[list[dict[str, np.ndarray]], list[OptimiseSettings]]:
    """Per step: the money outputs of a switch then (per group) and the optimiser's settings
    for the collective assets over the remaining horizon."""
    names = [f"{settings.perspective}_annual_cost_eur"]
    if settings.max_monthly_increase_eur is not None:
        names.append("monthly_cost_change_eur")
    seen = [switch_year_inputs(inputs, y, settings.isde_last_year) for y in periods.tolist()]
    money = evaluate_money(stock, seen, money_outputs=names)
    return money, [settings_for(s) for s in seen]


def phased_table(
    stock: pd.DataFrame,
    inputs: ModelInputs,
    periods: np.ndarray,
    settings: PhasingSettings,
) -> PhasedTable:
    """Evaluate the stock for a switch at the start of every step and gather the costs.

    Parameters
    ----------
    stock
        A validated stock.
    inputs
        The scenario as numbers (its start year is the plan's).
    periods
        First year of each step (from :func:`~wupmodel.phasing.moments.period_starts`).
    settings
        The time path's settings (perspective, per-dwelling rows, the ISDE's last year).
    """
    perspective = settings.perspective
    rate = _rate(inputs, perspective)
    periods = np.asarray(periods, dtype=np.int64)
    horizon = inputs.end_year - periods + 1
    crf = np.array([float(capital_recovery_factor(rate, n)) for n in horizon])
    discount = (1.0 + rate) ** -(periods - inputs.start_year).astype(float)
    outcomes = evaluate(stock, inputs, irr=False, money_outputs=MONEY_OUTPUTS)
    base = option_table(outcomes, inputs.horizon_years, per_dwelling=settings.per_dwelling)
    rows = (
        np.arange(outcomes.dwelling_ids.size)
        if settings.per_dwelling
        else np.arange(outcomes.n_groups)
    )
    of_rows = outcomes.dwelling_group[rows] if settings.per_dwelling else rows
    money, per_step = _money_by_step(stock, inputs, periods, settings)
    name = f"{perspective}_annual_cost_eur"
    npv = np.stack(
        [m[name][of_rows] * (d / c) for m, d, c in zip(money, discount, crf, strict=True)], axis=2
    )
    monthly = (
        np.stack([m["monthly_cost_change_eur"][of_rows] for m in money], axis=2)
        if settings.max_monthly_increase_eur is not None
        else np.zeros_like(npv)
    )
    subsidy = np.asarray(base.subsidy_eur, dtype=float)[:, :, None] * (
        periods <= settings.isde_last_year
    )
    grid = np.asarray(inputs.tariffs.grid_co2_kg_kwh, dtype=float)
    last = switch_year_inputs(inputs, inputs.end_year, settings.isde_last_year)
    co2_last = np.asarray(evaluate(stock, last, money=False)["co2_kg"])[of_rows]
    dgrid = grid[-1] - grid[0]
    co2_base = np.asarray(base.co2_kg, dtype=float)
    slope = (co2_last - co2_base) / dgrid if dgrid != 0 else np.zeros_like(co2_base)
    ref = np.asarray(base.reference_option)
    # the reference option is a new gas boiler at the current insulation, nothing else
    boiler = np.asarray(base.capex_eur, dtype=float)[np.arange(ref.size), ref]
    if perspective == "national":
        boiler = boiler / (1.0 + float(inputs.tariffs.vat[0]))
    pv_factor = discount / crf
    networks = _with_works(_network_pv(base, per_step, perspective, pv_factor), periods, settings)
    reinforcements = _with_works(
        _reinforcement_pv(base, per_step, perspective, pv_factor), periods, settings
    )
    return PhasedTable(
        base=base,
        periods=periods,
        lengths=np.diff(np.append(periods, inputs.end_year + 1)),
        years=np.arange(inputs.start_year, inputs.end_year + 1),
        rate=rate,
        npv_eur=npv,
        subsidy_eur=subsidy,
        monthly_change_eur=monthly,
        co2_slope_kg=np.nan_to_num(slope),
        grid_co2_kg_kwh=grid,
        insulation=inputs.catalogue.to_frame()["insulation"].to_numpy().astype(str),
        boiler_eur=boiler,
        boiler_life_years=float(inputs.params["life.gas_boiler_years"]),
        heat_networks=networks,
        reinforcements=reinforcements,
        diversity=float(per_step[0].diversity or 1.0),
        dwelling_ids=outcomes.dwelling_ids.astype(str),
        dwelling_row=(
            np.arange(outcomes.dwelling_ids.size)
            if settings.per_dwelling
            else np.asarray(outcomes.dwelling_group, dtype=np.int64)
        ),
    )

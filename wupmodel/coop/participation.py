"""Who joins a zone's heat network at a tariff, and the tariff <-> uptake loop.

Each household compares, as THERMOS's market tariff does, its yearly cost on the network with
its cheapest non-network option, both the model's own equivalent annual cost for the occupant
(``end_user_annual_cost_eur``: investment after subsidy, financing, energy bills at the
scenario's prices, household discount rate). The network's cost is the model's at the tariff of its
network type (the ACM maximum, from the Wcw year the MT or the LT network's cost-based tariff),
moved to the cooperative's tariff by the difference of the household-rate averages over
the horizon of the fixed charge and of the price per GJ (exact: bills are linear in the tariff).
The connection fee is in the model's own costs: another fee is another evaluation
(:func:`wupmodel.coop.business.business_case` does it).
A household joins when its network cost is at least ``stickiness`` below its alternative. What a
survey says overrides it: *yes* joins, *no* does not, *maybe* (or no answer) decides on cost.

The niet-meer-dan-anders maximum of a household (:func:`nmda_heat_cost_eur_per_yr`) is its
gas-boiler alternative's yearly cost of heat under the same prices, from the model's bill
functions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from wupmodel.errors import WupInputError
from wupmodel.money.bills import annual_bill_eur
from wupmodel.money.finance import capital_recovery_factor, discount_factors
from wupmodel.money.settings import MoneyContext
from wupmodel.money.tariffs import TariffPaths
from wupmodel.options import Catalogue
from wupmodel.outcomes import Outcomes
from wupmodel.vocabulary import HEATING_SYSTEMS, INSULATION_LEVELS

FloatArray = NDArray[np.float64]
NETWORKS = ("heat_network_mt", "heat_network_lt")


def zone_names(outcomes: Outcomes) -> list[str]:
    """The heat-network zones of the stock, largest first."""
    zones = outcomes.groups["heat_network_zone"].astype(object).fillna("").astype(str)
    sizes = pd.Series(outcomes.counts, index=zones.index).groupby(zones.to_numpy()).sum()
    sizes = sizes[sizes.index != ""].sort_values(ascending=False, kind="stable")
    return [str(z) for z in sizes.index]


@dataclass(frozen=True)
class ZoneHouseholds:
    """The households of one zone and what the network costs each of them (EUR/yr).

    Attributes
    ----------
    zone
        Zone name.
    group_index
        Index of each group of the zone in the outcomes, (G,).
    counts
        Dwellings per group, (G,).
    network_option, alternative_option
        Option index of the household's network option (the cheapest feasible one on the
        cooperative's network type) and of its cheapest non-network option.
    heat_gj, design_load_kw
        Heat bought on the network (GJ/yr) and design heat load (kW) per dwelling.
    network_cost_eur_per_yr, alternative_cost_eur_per_yr
        Occupant's equivalent annual cost on the network (at the ACM tariff and fee) and of the
        alternative.
    acm_fixed_avg_eur, acm_per_gj_avg_eur
        Household-rate averages over the horizon of the fixed charge and price per GJ the
        model's network costs hold: the ACM maximum, from the Wcw year the cost-based tariff of
        the network's type (:func:`network_tariff_paths`).
    fee_eur
        The connection fee the network costs include (incl. VAT).
    stickiness
        The share below its alternative a household needs before it joins.
    yes, no
        Dwellings per group that said yes / no in a survey (the rest decide on cost).
    """

    zone: str
    group_index: NDArray[np.intp]
    counts: FloatArray
    network_option: NDArray[np.intp]
    alternative_option: NDArray[np.intp]
    heat_gj: FloatArray
    design_load_kw: FloatArray
    network_cost_eur_per_yr: FloatArray
    alternative_cost_eur_per_yr: FloatArray
    acm_fixed_avg_eur: float
    acm_per_gj_avg_eur: float
    fee_eur: float
    stickiness: float
    yes: FloatArray = field(default_factory=lambda: np.zeros(0))
    no: FloatArray = field(default_factory=lambda: np.zeros(0))

    @property
    def dwellings(self) -> float:
        return float(self.counts.sum())

    def with_survey(self, yes: ArrayLike, no: ArrayLike) -> ZoneHouseholds:
        """A copy with the survey's yes / no counts per group."""
        return replace(self, yes=np.asarray(yes, dtype=float), no=np.asarray(no, dtype=float))

    def network_cost_at(
        self, tariff_fixed_eur_per_yr: ArrayLike, tariff_eur_per_gj: ArrayLike
    ) -> FloatArray:
        """Occupants' yearly cost on the network at a tariff (household-rate averages of its fixed
        charge and price per GJ, incl. VAT), shape (..., G)."""
        f = np.asarray(tariff_fixed_eur_per_yr, dtype=float)[..., None]
        v = np.asarray(tariff_eur_per_gj, dtype=float)[..., None]
        return (
            self.network_cost_eur_per_yr
            + (f - self.acm_fixed_avg_eur)
            + (v - self.acm_per_gj_avg_eur) * self.heat_gj
        )

    def joining(
        self, tariff_fixed_eur_per_yr: ArrayLike, tariff_eur_per_gj: ArrayLike
    ) -> FloatArray:
        """Dwellings per group that join at each tariff, shape (..., G) (vectorised over
        tariffs)."""
        cost = self.network_cost_at(tariff_fixed_eur_per_yr, tariff_eur_per_gj)
        cheaper = cost <= (1.0 - self.stickiness) * self.alternative_cost_eur_per_yr
        yes = self.yes if self.yes.size else np.zeros_like(self.counts)
        no = self.no if self.no.size else np.zeros_like(self.counts)
        free = np.maximum(self.counts - yes - no, 0.0)
        return yes + free * cheaper

    def participation(
        self, tariff_fixed_eur_per_yr: ArrayLike, tariff_eur_per_gj: ArrayLike
    ) -> FloatArray:
        """Share of the zone's dwellings that join at each tariff (vectorised)."""
        return (
            self.joining(tariff_fixed_eur_per_yr, tariff_eur_per_gj).sum(axis=-1) / self.dwellings
        )


def zone_households(
    outcomes: Outcomes,
    ctx: MoneyContext,
    zone: str,
    network: str = "heat_network_mt",
    stickiness: float | None = None,
    fee_outcomes: Outcomes | None = None,
) -> ZoneHouseholds:
    """The zone's households from evaluated outcomes (money outputs required).

    Parameters
    ----------
    outcomes
        Evaluated with money (``end_user_annual_cost_eur``).
    ctx
        The scenario's money context (tariffs and household rate).
    zone
        Heat-network zone.
    network
        ``heat_network_mt`` or ``heat_network_lt``: the cooperative's network type.
    stickiness
        Default ``coop.heat_network.stickiness``.
    fee_outcomes
        The same stock evaluated at the cooperative's connection fee (``ctx.params`` holds it);
        default ``outcomes`` (the fee the outcomes were evaluated at).
    """
    zones = outcomes.groups["heat_network_zone"].astype(object).fillna("").astype(str).to_numpy()
    rows = np.flatnonzero(zones == str(zone))
    if rows.size == 0:
        known = ", ".join(sorted(set(zones) - {""})) or "none"
        raise WupInputError(f"heat-network zone '{zone}' is not in the stock; zones: {known}")
    cat = outcomes.catalogue
    heating = np.asarray(HEATING_SYSTEMS)[cat.heating]
    feasible = outcomes.feasible[rows]
    cost = outcomes["end_user_annual_cost_eur"][rows]
    on_net = heating == network
    off_net = ~np.isin(heating, NETWORKS)
    big = np.finfo(float).max
    # the network's cost at the cooperative's connection fee (an evaluation at that fee)
    net_source = cost if fee_outcomes is None else fee_outcomes["end_user_annual_cost_eur"][rows]
    net_cost = np.where(feasible & on_net[None, :], net_source, big)
    alt_cost = np.where(feasible & off_net[None, :], cost, big)
    net_opt = net_cost.argmin(axis=1)
    alt_opt = alt_cost.argmin(axis=1)
    r = np.arange(rows.size)
    if (net_cost[r, net_opt] == big).any() or (alt_cost[r, alt_opt] == big).any():
        raise WupInputError(
            f"zone '{zone}': some dwellings have no feasible {network} option or no other "
            "option (check the scenario's catalogue)"
        )
    # design load: the heat-pump capacity at the design temperature at the same insulation level
    design = outcomes["capacity_kw"][rows][r, _design_load_option(cat, net_opt)]
    s = ctx.settings
    h = s.horizon_years
    d = discount_factors(s.household_rate, h)
    fixed_path, per_gj_path = network_tariff_paths(ctx.tariffs, network)
    p = ctx.params
    to_vat = (1.0 + p["finance.vat_investments"]) / (1.0 + p["cost.vat_included_in_prices"])
    return ZoneHouseholds(
        zone=str(zone),
        group_index=rows,
        counts=outcomes.counts[rows],
        network_option=net_opt,
        alternative_option=alt_opt,
        heat_gj=outcomes["heat_gj"][rows][r, net_opt],
        design_load_kw=design,
        network_cost_eur_per_yr=net_cost[r, net_opt],
        alternative_cost_eur_per_yr=alt_cost[r, alt_opt],
        acm_fixed_avg_eur=float(d @ fixed_path[:h] / d.sum()),
        acm_per_gj_avg_eur=float(d @ per_gj_path[:h] / d.sum()),
        fee_eur=float(p["cost.heatnet_connection_fee_eur"] * to_vat),
        stickiness=float(p["coop.heat_network.stickiness"] if stickiness is None else stickiness),
    )


def network_tariff_paths(tariffs: TariffPaths, network: str) -> tuple[FloatArray, FloatArray]:
    """The households' heat tariff on ``network`` per scenario year (fixed EUR/yr, EUR/GJ, incl.
    VAT), as the money stage prices it: ``heat_fixed_eur``, ``heat_variable_eur_gj`` on an MT
    network, ``heat_lt_fixed_eur``, ``heat_lt_variable_eur_gj`` on an LT one (the ACM maximum
    before the Wcw year, from it the cost-based tariff of a reference network fed by the LT
    source)."""
    if network not in NETWORKS:
        raise WupInputError(f"network '{network}' is not one of {', '.join(NETWORKS)}")
    if network == "heat_network_lt":
        return tariffs.heat_lt_fixed_eur, tariffs.heat_lt_variable_eur_gj
    return tariffs.heat_fixed_eur, tariffs.heat_variable_eur_gj


def _design_load_option(cat: Catalogue, options: NDArray[np.intp]) -> NDArray[np.intp]:
    """For each option, the all-electric heat-pump option at its insulation level: its capacity
    is the dwelling's design heat load (``hp.design_cover_share`` = 1)."""
    out = np.empty(options.size, dtype=np.intp)
    for level in np.unique(cat.insulation[options]):
        for system in ("air_hp", "ground_hp"):
            try:
                j = cat.index_of(INSULATION_LEVELS[level], system)
                break
            except KeyError:
                continue
        else:
            raise WupInputError(
                "the cooperative's design load needs air_hp or ground_hp in the scenario's"
                " catalogue"
            )
        out[cat.insulation[options] == level] = j
    return out


def nmda_heat_cost_eur_per_yr(
    outcomes: Outcomes, ctx: MoneyContext, year_index: int = 0
) -> FloatArray:
    """Niet-meer-dan-anders: each dwelling's yearly cost of heat with its gas boiler (EUR/yr).

    The gas-boiler reference's energy bill minus the electricity bill it would still pay on a
    heat network (same dwelling, same prices: :func:`wupmodel.money.bills.annual_bill_eur`), plus
    the boiler's yearly cost (its investment as an annuity over its life at the household rate,
    and its maintenance). A heat bill at this amount leaves the household's cost where the gas
    boiler has it.

    Returns
    -------
    numpy.ndarray
        (G,) EUR/yr incl. VAT, per group of the outcomes.
    """
    cat = outcomes.catalogue
    ref = np.full(outcomes.n_groups, cat.reference_index)
    net = np.full(outcomes.n_groups, cat.index_of("current", "heat_network_mt"))
    t = ctx.tariffs
    gas_bill = annual_bill_eur(
        outcomes.pick("gas_m3", ref),
        outcomes.pick("electricity_import_kwh", ref),
        outcomes.pick("electricity_export_kwh", ref),
        0.0,
        True,
        False,
        t,
        year_index,
    )
    elec_on_net = annual_bill_eur(
        0.0,
        outcomes.pick("electricity_import_kwh", net),
        outcomes.pick("electricity_export_kwh", net),
        0.0,
        False,
        False,
        t,
        year_index,
    )
    p = ctx.params
    boiler = outcomes.pick("capex_heating_eur", ref)
    boiler_yearly = boiler * (
        capital_recovery_factor(ctx.settings.household_rate, p["life.gas_boiler_years"])
        + p["om.gas_boiler_share"]
    )
    return gas_bill - elec_on_net + boiler_yearly


@dataclass(frozen=True)
class UptakeLoop:
    """The tariff -> uptake -> cost per connection -> tariff loop, solved.

    Attributes
    ----------
    converged
        Whether a stable point was found (the same households join at the tariff they make).
    iterations
        Rounds taken.
    tariff_fixed_eur_per_yr
        The fixed charge at the stable point (or the last one tried).
    participation
        Share of the zone's dwellings that join there.
    path
        (tariff, participation) of each round.
    reason
        Why there is no stable point, else empty.
    """

    converged: bool
    iterations: int
    tariff_fixed_eur_per_yr: float
    participation: float
    path: tuple[tuple[float, float], ...]
    reason: str = ""


def solve_uptake_loop(
    households: ZoneHouseholds,
    break_even_fixed: Callable[[FloatArray], float],
    tariff_eur_per_gj: float,
    cap_eur_per_yr: float | None,
    min_participation: float,
    max_iter: int = 50,
) -> UptakeLoop:
    """Iterate who joins -> the fixed charge that breaks even with them -> who joins at it.

    It starts with every household joining that has not said no (the campaign's hope), so it
    ends at the highest stable uptake if there is one: the break-even charge falls as uptake
    rises and uptake falls as the charge rises, so each round's uptake is at most the last.

    Parameters
    ----------
    households
        The zone's households.
    break_even_fixed
        The fixed charge (EUR/yr incl. VAT) at which the network breaks even with the given
        dwellings joining per group (NaN when no charge does).
    tariff_eur_per_gj
        Held fixed (the fee is the one the households' costs include).
    cap_eur_per_yr
        ACM cap on the fixed charge (``None`` = no cap).
    min_participation
        Below this share the network is not built: the loop stops without a stable point.
    max_iter
        Largest number of rounds.
    """
    no = households.no if households.no.size else np.zeros_like(households.counts)
    joined = np.maximum(households.counts - no, 0.0)
    path: list[tuple[float, float]] = []
    seen: set[bytes] = set()
    tariff = float("nan")
    for k in range(1, max_iter + 1):
        share = float(joined.sum() / households.dwellings)
        if share < min_participation or joined.sum() <= 0:
            after = "" if k == 1 else f"at a fixed charge of {tariff:,.0f} EUR/yr "
            return UptakeLoop(
                False,
                k,
                tariff,
                share,
                tuple(path),
                f"{after}only {share:.0%} of the zone joins, below the {min_participation:.0%} "
                "the network needs: uptake collapses",
            )
        tariff = float(break_even_fixed(joined))
        path.append((tariff, share))
        if not np.isfinite(tariff):
            return UptakeLoop(
                False,
                k,
                tariff,
                share,
                tuple(path),
                f"with {share:.0%} joining no fixed charge makes the network break even",
            )
        if cap_eur_per_yr is not None and tariff > cap_eur_per_yr:
            return UptakeLoop(
                False,
                k,
                tariff,
                share,
                tuple(path),
                f"with {share:.0%} joining the break-even fixed charge {tariff:,.0f} EUR/yr is"
                f" above the ACM cap {cap_eur_per_yr:,.0f} EUR/yr",
            )
        after_joined = households.joining(tariff, tariff_eur_per_gj)
        if np.array_equal(after_joined, joined):
            return UptakeLoop(True, k, tariff, share, tuple(path))
        if after_joined.tobytes() in seen:
            return UptakeLoop(
                False,
                k,
                tariff,
                float(after_joined.sum() / households.dwellings),
                tuple(path),
                "the uptake cycles between the same sets of households",
            )
        seen.add(joined.tobytes())
        joined = after_joined
    return UptakeLoop(
        False,
        max_iter,
        tariff,
        float(joined.sum() / households.dwellings),
        tuple(path),
        f"no stable point within {max_iter} rounds",
    )

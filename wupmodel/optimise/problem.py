"""The optimiser's inputs: the option table, collective assets, settings, and a solve's status."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any, Literal

import numpy as np

from wupmodel.errors import WupInputError
from wupmodel.money import finance
from wupmodel.money.collective import collective_unit_costs
from wupmodel.params import Params, default_params
from wupmodel.vocabulary import HEATING_SYSTEMS

#: Heating systems that need a collective heat network in the dwelling's zone.
HEAT_NETWORK_SYSTEMS: tuple[str, ...] = ("heat_network_mt", "heat_network_lt")

#: Perspectives with an annual-cost array in :attr:`OptionTable.annual_cost_eur`.
PERSPECTIVES: tuple[str, ...] = ("national", "end_user")

#: CO2 bases: first-year emissions [kg/yr] or cumulative emissions to the horizon [kg].
CO2_BASES: tuple[str, ...] = ("first_year", "cumulative")


class SolveStatus(StrEnum):
    """How a solve ended (a plan's ``status``; its value is what the JSON shows)."""

    OPTIMAL = "optimal"
    #: stopped early (time limit) with a feasible solution
    TIME_LIMIT = "time_limit"
    #: stopped early without a feasible solution
    NO_SOLUTION = "no_solution"
    INFEASIBLE = "infeasible"
    ERROR = "error"


Objective = Literal["cost", "co2"]
Perspective = Literal["national", "end_user"]
CO2Basis = Literal["first_year", "cumulative"]
SolverName = Literal["highs", "cbc"]
Backend = Literal["auto", "pulp", "highspy"]
CollectiveMethod = Literal["auto", "branch", "mip"]
BudgetBasis = Literal["end_user_net", "subsidy"]

#: ``backend='auto'`` hands a HiGHS model to highspy directly (the matrix path) when it has
#: more nonzeros than this: above it PuLP's per-variable objects and its column-by-column
#: hand-over to HiGHS cost more than the solve itself. Measured (benchmarks/bench_optimise.py,
#: 2 cores): groups LP 300 × 96 (~86k nonzeros) 0.46 s through PuLP vs 0.06 s direct, of
#: which HiGHS itself 0.05 s.
AUTO_MATRIX_NNZ = 50_000

#: ... or more integer columns than this: PuLP's HiGHS adapter marks integer columns one
#: ``changeColIntegrality`` call at a time, which grows quadratically (~0.1 ms per column at
#: 10k columns, over a second in total).
AUTO_MATRIX_INTEGERS = 1_000

#: ``collective_method='auto'`` runs the own branch and bound over the collective binaries
#: (:func:`~wupmodel.optimise.solvers.branch_collective`) on the HiGHS matrix path when the
#: dwelling columns are continuous and there are at most this many binaries (at most
#: 2**(k+1) - 1 LPs). Aalden (4 binaries): 0.5 s instead of 2.9 s for HiGHS's MIP, whose
#: time goes to cuts and sub-MIPs at the root although its heuristics find the optimum early.
AUTO_BRANCH_MAX_BINARIES = 10

#: Stage 2 of the CO2 objective allows this much CO2 above the minimum [relative, and kg];
#: keeps the cost stage feasible despite solver tolerances.
CO2_STAGE_REL_TOL = 1e-7
CO2_STAGE_ABS_TOL_KG = 1e-3

#: A share below this is reported as zero (solver round-off) [-].
SHARE_EPS = 1e-7


# ---------------------------------------------------------------------------------------------
# Inputs
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OptionTable:
    """Per-dwelling figures for every dwelling group × option (the optimiser's input).

    ``G`` groups (identical dwellings, ``count`` of them, or single dwellings) and ``O``
    options. All (G, O) figures are **per dwelling**.

    Attributes
    ----------
    group_id : (G,) str
    count : (G,) float, dwellings in the group
    option_id : (O,) str
    heating : (O,) str, one of :data:`wupmodel.vocabulary.HEATING_SYSTEMS`
    feasible : (G, O) bool
    annual_cost_eur : mapping ``'national'`` / ``'end_user'`` -> (G, O)
        Equivalent annual cost per dwelling [€/yr].
    capex_eur : (G, O), investment per dwelling, end user incl. VAT [€]
    subsidy_eur : (G, O), subsidy per dwelling [€]
    co2_kg : (G, O), first-year CO2 per dwelling [kg/yr]
    co2_cum_kg : (G, O), cumulative CO2 per dwelling to the horizon [kg]
    peak_kw : (G, O), electric peak per dwelling (heating + appliances) before diversity [kW]
    electricity_kwh : (G, O), electricity use per dwelling [kWh/yr]
    pv_kwh : (G, O), rooftop PV production per dwelling [kWh/yr]
    heat_gj : (G, O), heat-network heat per dwelling [GJ/yr]
    gas_m3 : (G, O), gas use per dwelling [m³/yr]
    monthly_cost_change_eur : (G, O)
        Year-1 woonlasten change per household vs its reference option [€/month].
    reference_option : (G,) int, index of the reference option (gas boiler, current insulation)
    heat_network_zone : (G,) str, ``''`` = not in a zone
    grid_zone : (G,) str
    fixed_option : (G,) int, ``-1`` = free, else the option the households already chose
    horizon_years : int, years to the horizon of ``co2_cum_kg``
    objective_extra_eur : (G, O) or None
        A weighted objective's extra per dwelling [EUR/yr-equivalent], added to the cost in
        the objective only (totals leave it out): :mod:`wupmodel.optimise.limits`.
    """

    group_id: np.ndarray
    count: np.ndarray
    option_id: np.ndarray
    heating: np.ndarray
    feasible: np.ndarray
    annual_cost_eur: Mapping[str, np.ndarray]
    capex_eur: np.ndarray
    subsidy_eur: np.ndarray
    co2_kg: np.ndarray
    co2_cum_kg: np.ndarray
    peak_kw: np.ndarray
    electricity_kwh: np.ndarray
    pv_kwh: np.ndarray
    heat_gj: np.ndarray
    gas_m3: np.ndarray
    monthly_cost_change_eur: np.ndarray
    reference_option: np.ndarray
    heat_network_zone: np.ndarray
    grid_zone: np.ndarray
    fixed_option: np.ndarray
    horizon_years: int
    objective_extra_eur: np.ndarray | None = None

    def objective_cost_eur(self, perspective: str) -> np.ndarray:
        """(G, O) what the objective counts per dwelling: the cost plus any weighted extra."""
        cost = np.asarray(self.annual_cost_eur[perspective], dtype=float)
        return cost if self.objective_extra_eur is None else cost + self.objective_extra_eur

    @property
    def n_groups(self) -> int:
        """Number of groups ``G``."""
        return int(np.asarray(self.group_id).size)

    @property
    def n_options(self) -> int:
        """Number of options ``O``."""
        return int(np.asarray(self.option_id).size)

    def validate(self, per_dwelling: bool = False) -> None:
        """Raise :class:`~wupmodel.errors.WupInputError` if shapes or values are wrong."""
        validate_table(self, per_dwelling)


@dataclass(frozen=True)
class HeatNetwork:
    """Collective heat network of one zone: built or not.

    Attributes
    ----------
    annual_cost_eur
        National annual fixed cost of the zone when built (source, fixed part) [€/yr].
    annual_cost_eur_per_zone_dwelling
        National annual cost per dwelling **in the zone** (trunk along every street,
        connected or not) [€/yr per dwelling]. Zone cost = fixed + this × zone dwellings.
    min_participation
        Minimum share of the zone's dwellings on heat-network options when built [-].
    end_user_annual_cost_eur
        Annual cost the zone's end users bear on top of the tariffs already in the option
        costs [€/yr]; default 0 (recovered through the ACM tariff).
    """

    annual_cost_eur: float
    annual_cost_eur_per_zone_dwelling: float = 0.0
    min_participation: float = 0.0
    end_user_annual_cost_eur: float = 0.0


@dataclass(frozen=True)
class GridReinforcement:
    """LV grid reinforcement of one grid zone: done or not.

    Attributes
    ----------
    annual_cost_eur
        National annual cost, fixed part (e.g. a new MV/LV substation) [€/yr].
    added_kw
        Capacity added, after diversity [kW].
    annual_cost_eur_per_zone_dwelling
        National annual cost per dwelling in the zone (LV cables) [€/yr per dwelling].
    end_user_annual_cost_eur
        Annual cost for the zone's end users [€/yr]; default 0 (socialised in network tariffs).
    """

    annual_cost_eur: float
    added_kw: float
    annual_cost_eur_per_zone_dwelling: float = 0.0
    end_user_annual_cost_eur: float = 0.0


@dataclass(frozen=True)
class SolarPark:
    """A village solar park of free size.

    Attributes
    ----------
    annual_cost_eur_per_kwp
        Annual cost per kWp, national [€/kWp/yr].
    yield_kwh_per_kwp
        Yearly production per kWp [kWh/kWp/yr].
    max_kwp
        Largest size [kWp]; ``None`` = no limit.
    co2_kg_per_kwp, co2_cum_kg_per_kwp
        CO2 credited per kWp against the village's first-year [kg/yr] and cumulative [kg]
        emissions; default 0 (whether a park's output counts against the village's CO2 is a
        policy choice).
    end_user_annual_cost_eur_per_kwp
        Annual cost per kWp for the end users (a cooperative) [€/kWp/yr]; ``None`` = national.
    """

    annual_cost_eur_per_kwp: float
    yield_kwh_per_kwp: float
    max_kwp: float | None = None
    co2_kg_per_kwp: float = 0.0
    co2_cum_kg_per_kwp: float = 0.0
    end_user_annual_cost_eur_per_kwp: float | None = None


@dataclass(frozen=True)
class OptimiseSettings:
    """What to optimise and under which limits.

    Every default is neutral (no target, no limit, no collective option); the sourced
    defaults for collective options come from :meth:`from_params`.

    Attributes
    ----------
    objective
        ``'cost'``: least total annual cost; ``'co2'``: least CO2 (then least cost).
    perspective
        ``'national'`` or ``'end_user'`` cost.
    co2_reduction
        Required reduction vs the all-reference village [-], ``None`` = no target.
    co2_basis
        ``'first_year'`` (``co2_kg``) or ``'cumulative'`` (``co2_cum_kg``).
    budget_eur, budget_basis
        One-off budget [€] (``None`` = no limit) and what it caps (module docstring).
    grid_capacity_kw
        LV capacity per grid zone after diversity [kW]; zones not listed use
        ``grid_capacity_kw_per_dwelling`` × dwellings, or are unconstrained.
    grid_capacity_kw_per_dwelling
        Default capacity per dwelling after diversity [kW/dwelling]; ``None`` = none.
    diversity
        Simultaneity factor on the sum of dwelling peaks [-]; ``None`` = 1.
    reinforcement, reinforcement_default
        Reinforcement option per grid zone, and for zones not listed (``None`` = none).
    heat_networks, heat_network_default
        Heat network per zone, and for zones not listed (``None`` = heat-network options
        there have no collective cost or participation rule; a notice says so).
    solar_park
        Optional solar park.
    energy_neutral_share
        Required (rooftop PV + park) / electricity use [-], ``None`` = no target.
    max_monthly_increase_eur
        Largest year-1 woonlasten increase per household [€/month], ``None`` = no limit.
        Households that already chose (``fixed_option``) are exempt.
    extra_subsidy_budget_eur
        Yearly budget for extra subsidy to households over the monthly limit [€/yr];
        ``None`` = no extra subsidy (options over the limit are closed).
    max_installations
        Heating system -> largest number of dwellings with it.
    per_dwelling
        Integer dwelling counts per option (binaries for single dwellings) instead of shares.
    solver, backend
        ``'highs'`` or ``'cbc'``; ``'auto'``, ``'pulp'`` or ``'highspy'`` (matrix path).
    collective_method
        How the collective binaries are decided when the dwelling columns are shares:
        ``'branch'``, an exact branch and bound whose nodes are LPs on the same solver model
        (warm-started on the matrix path; the duals come with it); ``'mip'``, the solver's
        own MIP; ``'auto'``, ``'branch'`` on the HiGHS matrix path with at most
        :data:`AUTO_BRANCH_MAX_BINARIES` binaries, else ``'mip'``. Per-dwelling models with
        HiGHS: ``'branch'`` (and ``'auto'`` with at most that many binaries) is the exact
        search of :func:`~wupmodel.optimise.dwellings.branch_dwellings` on the matrix path
        (branch and bound over the collective binaries, a reduced-cost core per leaf), proven
        to ``mip_gap`` or 1e-6; ``'mip'`` and CBC use the solver's MIP.
    time_limit_s, mip_gap
        Time limit per solver call [s] (the whole search for the own branch and bounds) and
        relative MIP gap [-] (``None`` = solver default, HiGHS 1e-4; 1e-6 for the exact
        per-dwelling search). The CO2 objective and the duals of a MILP take a second call
        each.
    threads
        Solver threads (``None`` = solver default).
    progress
        Called every few seconds of a long per-dwelling search with a
        :class:`~wupmodel.optimise.dwellings.SearchProgress` (best plan, bound, gap); ``None``
        = silent.
    """

    objective: Objective = "cost"
    perspective: Perspective = "national"
    co2_reduction: float | None = None
    co2_basis: CO2Basis = "first_year"
    budget_eur: float | None = None
    budget_basis: BudgetBasis = "end_user_net"
    grid_capacity_kw: Mapping[str, float] | None = None
    grid_capacity_kw_per_dwelling: float | None = None
    diversity: float | None = None
    reinforcement: Mapping[str, GridReinforcement] = field(default_factory=dict)
    reinforcement_default: GridReinforcement | None = None
    heat_networks: Mapping[str, HeatNetwork] = field(default_factory=dict)
    heat_network_default: HeatNetwork | None = None
    solar_park: SolarPark | None = None
    energy_neutral_share: float | None = None
    max_monthly_increase_eur: float | None = None
    extra_subsidy_budget_eur: float | None = None
    max_installations: Mapping[str, float] = field(default_factory=dict)
    per_dwelling: bool = False
    solver: SolverName = "highs"
    backend: Backend = "auto"
    collective_method: CollectiveMethod = "auto"
    time_limit_s: float | None = None
    mip_gap: float | None = None
    threads: int | None = None
    progress: Callable[[Any], None] | None = None

    @classmethod
    def from_params(
        cls,
        params: Params | None = None,
        *,
        trunk_per_zone: bool = False,
        horizon_years: int = 25,
        social_rate: float | None = None,
        **overrides: Any,
    ) -> OptimiseSettings:
        """Settings with the packaged collective defaults, then ``overrides``.

        Fills ``diversity``, ``grid_capacity_kw_per_dwelling``, ``reinforcement_default``,
        ``heat_network_default`` and ``solar_park`` from ``collective.*`` (and the shared
        ``finance.*`` discount rate and grid-asset figures); investments are annualised over
        ``horizon_years`` at ``social_rate`` as in :func:`collective_defaults`.

        Parameters
        ----------
        params
            Parameters (``None`` = :func:`wupmodel.params.default_params`).
        trunk_per_zone
            Charge the heat-network distribution main per zone dwelling in the zone cost
            (for option tables whose heat-network options exclude it); default ``False``:
            the option costs carry it per connection, as :mod:`wupmodel.money.appraise` does.
        **overrides
            Any field of :class:`OptimiseSettings`.
        """
        p = default_params() if params is None else params
        defaults = collective_defaults(
            p, trunk_per_zone=trunk_per_zone, horizon_years=horizon_years, social_rate=social_rate
        )
        return replace(cls(**defaults), **overrides)


def capital_recovery_factor(rate: float, years: float) -> float:
    """Annuity factor r / (1 − (1 + r)^−n) [1/yr] as a float (see :mod:`wupmodel.money.finance`)."""
    return float(finance.capital_recovery_factor(rate, years))


def collective_defaults(
    params: Params,
    trunk_per_zone: bool = False,
    horizon_years: int = 25,
    social_rate: float | None = None,
) -> dict[str, Any]:
    """Sourced defaults for the collective options, as settings fields.

    Heat network per zone: the source investment (fixed), and with ``trunk_per_zone`` the
    distribution main per zone dwelling, plus O&M shares. Reinforcement: one new MV/LV
    substation plus LV cable per zone dwelling. Solar park: capex plus O&M. Every investment is
    annualised like the dwellings' own investments and the village summary
    (:func:`wupmodel.money.finance.equivalent_annual_cost`: replacements within the horizon, linear
    residual value at its end, the social discount rate), so the optimiser's national cost of a
    plan and the summary's agree.

    Parameters
    ----------
    params
        Parameters with the ``collective.*`` and ``finance.*`` ids.
    trunk_per_zone
        Include the distribution main per zone dwelling (see :meth:`OptimiseSettings.from_params`).
    horizon_years
        Appraisal horizon (yr), the scenario's.
    social_rate
        Discount rate; default ``finance.social_discount_rate``.

    Returns
    -------
    dict
        Keyword arguments for :class:`OptimiseSettings`.
    """
    unit = collective_unit_costs(params, horizon_years, social_rate)
    heat = HeatNetwork(
        annual_cost_eur=unit.heat_network_source_eur_per_yr,
        annual_cost_eur_per_zone_dwelling=unit.heat_network_main_eur_per_yr_per_dwelling
        if trunk_per_zone
        else 0.0,
        min_participation=params["collective.heat_network.min_participation"],
    )
    reinf = GridReinforcement(
        annual_cost_eur=unit.substation_eur_per_yr,
        added_kw=unit.substation_kw,
        annual_cost_eur_per_zone_dwelling=unit.lv_cable_eur_per_yr_per_dwelling,
    )
    park = SolarPark(
        annual_cost_eur_per_kwp=unit.solar_park_eur_per_yr_per_kwp,
        yield_kwh_per_kwp=params["collective.solar_park.yield_kwh_per_kwp"],
    )
    return {
        # The LV-grid simultaneity of the physics (PBL Vesta's 0.5) as a linear factor: for a
        # zone of n dwellings f(n) = a + (1 - a)/n is within 1 % of a for n >= 50.
        "diversity": params["grid.simultaneity_asymptote"],
        "grid_capacity_kw_per_dwelling": params["collective.grid.capacity_kw_per_dwelling"],
        "reinforcement_default": reinf,
        "heat_network_default": heat,
        "solar_park": park,
    }


def validate_settings(s: OptimiseSettings) -> None:
    """Check the names and ranges of optimiser settings.

    Raises
    ------
    WupInputError
        Naming the setting, its value and what is allowed.
    """
    src = "optimise settings"

    def fail(msg: str) -> None:
        raise WupInputError(f"{src}: {msg}", src)

    if s.objective not in ("cost", "co2"):
        fail(f"objective '{s.objective}' is unknown; allowed: cost, co2")
    if s.perspective not in PERSPECTIVES:
        fail(f"perspective '{s.perspective}' is unknown; allowed: {', '.join(PERSPECTIVES)}")
    if s.co2_basis not in CO2_BASES:
        fail(f"co2_basis '{s.co2_basis}' is unknown; allowed: {', '.join(CO2_BASES)}")
    if s.budget_basis not in ("end_user_net", "subsidy"):
        fail(f"budget_basis '{s.budget_basis}' is unknown; allowed: end_user_net, subsidy")
    if s.solver not in ("highs", "cbc"):
        fail(f"solver '{s.solver}' is unknown; allowed: highs, cbc")
    if s.backend not in ("auto", "pulp", "highspy"):
        fail(f"backend '{s.backend}' is unknown; allowed: auto, pulp, highspy")
    if s.collective_method not in ("auto", "branch", "mip"):
        fail(f"collective_method '{s.collective_method}' is unknown; allowed: auto, branch, mip")
    if s.co2_reduction is not None and not (-1.0 <= s.co2_reduction <= 1.0):
        fail(f"co2_reduction = {s.co2_reduction} is outside -1 to 1 (a fraction)")
    if s.energy_neutral_share is not None and s.energy_neutral_share < 0:
        fail(f"energy_neutral_share = {s.energy_neutral_share} must be >= 0 (a fraction)")
    if s.diversity is not None and not (0 < s.diversity <= 1):
        fail(f"diversity = {s.diversity} is outside (0, 1]")
    if s.time_limit_s is not None and s.time_limit_s <= 0:
        fail(f"time_limit_s = {s.time_limit_s} must be positive")
    if s.mip_gap is not None and s.mip_gap < 0:
        fail(f"mip_gap = {s.mip_gap} must be >= 0")
    for h in s.max_installations:
        if h not in HEATING_SYSTEMS:
            fail(
                f"max_installations has unknown heating system '{h}'; allowed: "
                f"{', '.join(HEATING_SYSTEMS)}"
            )
    for name, hn in list(s.heat_networks.items()) + [("default", s.heat_network_default)]:
        if hn is not None and not (0 <= hn.min_participation <= 1):
            fail(
                f"heat network '{name}': min_participation = {hn.min_participation} is "
                f"outside 0 to 1"
            )


_TABLE = "option table"

#: The (G, O) figures besides ``annual_cost_eur`` that every feasible option needs.
_FIGURES: tuple[str, ...] = (
    "capex_eur",
    "subsidy_eur",
    "co2_kg",
    "co2_cum_kg",
    "peak_kw",
    "electricity_kwh",
    "pv_kwh",
    "heat_gj",
    "gas_m3",
    "monthly_cost_change_eur",
)


def _table_error(message: str) -> WupInputError:
    """An option-table error naming the table as its source."""
    return WupInputError(f"{_TABLE}: {message}", _TABLE)


def _check_ids(table: OptionTable) -> tuple[int, int]:
    """At least one group and one option, each id unique; returns ``(G, O)``."""
    n_groups = int(np.asarray(table.group_id).size)
    n_options = int(np.asarray(table.option_id).size)
    if n_groups == 0 or n_options == 0:
        raise _table_error("needs at least one group and one option")
    if len(set(np.asarray(table.group_id).astype(str).tolist())) != n_groups:
        raise _table_error("'group_id' values must be unique")
    if len(set(np.asarray(table.option_id).astype(str).tolist())) != n_options:
        raise _table_error("'option_id' values must be unique")
    return n_groups, n_options


def _check_counts(table: OptionTable, n_groups: int, per_dwelling: bool) -> None:
    """``count``: (G,), finite and positive; whole numbers for a per-dwelling optimisation."""
    count = np.asarray(table.count, dtype=float)
    if count.shape != (n_groups,):
        raise _table_error(f"'count' has shape {count.shape}, expected ({n_groups},)")
    bad = ~np.isfinite(count) | (count <= 0)
    if bad.any():
        g = int(np.argmax(bad))
        raise _table_error(f"group '{table.group_id[g]}' has count {count[g]}; counts must be > 0")
    if per_dwelling and not np.allclose(count, np.round(count)):
        g = int(np.argmax(~np.isclose(count, np.round(count))))
        raise _table_error(
            "per-dwelling optimisation needs whole dwelling counts; group "
            f"'{table.group_id[g]}' has count {count[g]}"
        )


def _check_heating(table: OptionTable, n_options: int) -> None:
    """``heating``: (O,), each a known heating system."""
    heating = np.asarray(table.heating).astype(str)
    if heating.shape != (n_options,):
        raise _table_error(f"'heating' has shape {heating.shape}, expected ({n_options},)")
    unknown = sorted(set(heating.tolist()) - set(HEATING_SYSTEMS))
    if unknown:
        raise _table_error(
            f"unknown heating system(s) {unknown}; allowed: {', '.join(HEATING_SYSTEMS)}"
        )


def _checked_feasible(table: OptionTable, n_groups: int, n_options: int) -> np.ndarray:
    """``feasible`` as a (G, O) bool array."""
    feasible = np.asarray(table.feasible, dtype=bool)
    if feasible.shape != (n_groups, n_options):
        raise _table_error(
            f"'feasible' has shape {feasible.shape}, expected ({n_groups}, {n_options})"
        )
    return feasible


def _check_perspectives(table: OptionTable) -> None:
    """``annual_cost_eur`` has both perspectives."""
    for key in PERSPECTIVES:
        if key not in table.annual_cost_eur:
            raise _table_error(
                f"'annual_cost_eur' lacks the '{key}' perspective; "
                f"give both 'national' and 'end_user'"
            )


def _check_figures(table: OptionTable, feasible: np.ndarray) -> None:
    """Annual costs and every other (G, O) figure: the right shape, and a finite number
    wherever the option is feasible."""
    arrays = {
        f"annual_cost_eur['{k}']": np.asarray(v, dtype=float)
        for k, v in table.annual_cost_eur.items()
    }
    if table.objective_extra_eur is not None:
        arrays["objective_extra_eur"] = np.asarray(table.objective_extra_eur, dtype=float)
    for name in _FIGURES:
        arrays[name] = np.asarray(getattr(table, name), dtype=float)
        if arrays[name].shape != feasible.shape:
            raise _table_error(
                f"'{name}' has shape {arrays[name].shape}, expected {feasible.shape} "
                "(groups × options)"
            )
    for name, arr in arrays.items():
        if arr.shape != feasible.shape:
            raise _table_error(f"'{name}' has shape {arr.shape}, expected {feasible.shape}")
        bad = feasible & ~np.isfinite(arr)
        if bad.any():
            g, o = (int(i) for i in np.argwhere(bad)[0])
            raise _table_error(
                f"'{name}' is not a finite number for group '{table.group_id[g]}', "
                f"option '{table.option_id[o]}' (a feasible option needs every figure)"
            )


def _check_reference_option(table: OptionTable, feasible: np.ndarray) -> None:
    """``reference_option``: (G,) integers, a feasible option of each group."""
    n_groups, n_options = feasible.shape
    ref = np.asarray(table.reference_option)
    if ref.shape != (n_groups,) or not np.issubdtype(ref.dtype, np.integer):
        raise _table_error(f"'reference_option' must be ({n_groups},) integers")
    if ((ref < 0) | (ref >= n_options)).any():
        g = int(np.argmax((ref < 0) | (ref >= n_options)))
        raise _table_error(
            f"'reference_option' of group '{table.group_id[g]}' is {ref[g]}; "
            f"allowed 0 to {n_options - 1}"
        )
    if not feasible[np.arange(n_groups), ref].all():
        g = int(np.argmax(~feasible[np.arange(n_groups), ref]))
        raise _table_error(
            f"the reference option '{table.option_id[ref[g]]}' of group "
            f"'{table.group_id[g]}' is marked infeasible; the reference must be feasible"
        )


def _check_fixed_option(table: OptionTable, n_groups: int, n_options: int) -> None:
    """``fixed_option``: (G,) integers, -1 (free) or an option."""
    fixed = np.asarray(table.fixed_option)
    if fixed.shape != (n_groups,) or not np.issubdtype(fixed.dtype, np.integer):
        raise _table_error(f"'fixed_option' must be ({n_groups},) integers (-1 = free)")
    if ((fixed < -1) | (fixed >= n_options)).any():
        g = int(np.argmax((fixed < -1) | (fixed >= n_options)))
        raise _table_error(
            f"'fixed_option' of group '{table.group_id[g]}' is {fixed[g]}; "
            f"allowed -1 (free) or 0 to {n_options - 1}"
        )


def _check_zones(table: OptionTable, n_groups: int) -> None:
    """One heat-network zone and one grid zone per group (``''`` = none)."""
    for name in ("heat_network_zone", "grid_zone"):
        arr = np.asarray(getattr(table, name))
        if arr.shape != (n_groups,):
            raise _table_error(f"'{name}' has shape {arr.shape}, expected ({n_groups},)")


def _check_horizon(table: OptionTable) -> None:
    """A positive number of years to the horizon."""
    if int(table.horizon_years) <= 0:
        raise _table_error("'horizon_years' must be positive")


def validate_table(table: OptionTable, per_dwelling: bool = False) -> None:
    """Check shapes, codes and values of an option table.

    Raises
    ------
    WupInputError
        Naming the array, the group or option, and what is allowed.
    """
    n_groups, n_options = _check_ids(table)
    _check_counts(table, n_groups, per_dwelling)
    _check_heating(table, n_options)
    feasible = _checked_feasible(table, n_groups, n_options)
    _check_perspectives(table)
    _check_figures(table, feasible)
    _check_reference_option(table, feasible)
    _check_fixed_option(table, n_groups, n_options)
    _check_zones(table, n_groups)
    _check_horizon(table)

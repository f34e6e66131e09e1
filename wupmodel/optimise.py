"""Village optimisation: which option each group of dwellings takes, and what the village builds.

The evaluation layer gives, for every dwelling group × option, per-dwelling figures (costs in
both perspectives, investment, subsidy, CO2, electric peak, energy); this module picks the mix.

Model
-----
Variables are ``n[g, o]``, the number of dwellings of group ``g`` on option ``o`` (the share
is ``n / count``; integer when ``per_dwelling``), with Σₒ n = count. Collective decisions are
binaries per heat-network zone (built) and per grid zone (reinforced), and a continuous
solar-park size [kWp]. The objective is the total annual cost [€/yr] in the chosen
perspective (``Σ cost·n`` + collective costs), or CO2 (lexicographic: least CO2, then least
cost at that CO2). Constraints: CO2 reduction vs the all-reference village, investment
budget, LV grid capacity after diversity (+ reinforcement), heat-network link and minimum
participation, energy-neutral share, monthly-cost limit per household (with an optional
extra-subsidy budget), options households already chose, maximum installations per heating
system. Row-by-row definitions: :mod:`wupmodel.optimise_build`.

Conventions
-----------
* **Budget** (``budget_eur``): one-off euros. ``budget_basis='end_user_net'`` (default) caps
  the households' investment net of subsidies, Σ (capex − subsidy)·n; ``'subsidy'`` caps the
  public subsidy Σ subsidy·n. Collective investments are annual costs in the objective, not
  part of the budget.
* **Monthly-cost limit** (``max_monthly_increase_eur``): an option whose year-1 woonlasten
  change exceeds the limit is closed to free households. With ``extra_subsidy_budget_eur``
  (€/yr) it stays open and the optimiser allocates the least extra subsidy that brings those
  households back to the limit, 12·(change − limit) €/yr per dwelling: linear in ``n``, so no
  extra variable is needed. The extra subsidy is a transfer (municipality → household): it is
  **capped** by its budget and **not counted** in either cost total; the plan reports it.
* **Collective costs per perspective.** National: heat-network cost per zone (fixed, plus an
  optional part per zone dwelling), reinforcement per grid zone, solar park. End user: by
  default only the solar park (a village cooperative); heat networks and grid reinforcement
  reach households through the tariffs already in ``annual_cost_eur['end_user']`` (set the
  ``end_user_*`` fields to change that). Whatever the zone cost holds must not also be in the
  per-dwelling option costs: :mod:`wupmodel.appraise` puts the distribution main into the
  national cost of heat-network options per connection, so :meth:`OptimiseSettings.from_params`
  charges the zone only the collective source; ``trunk_per_zone=True`` charges the main per
  zone dwelling instead, for option tables without it.
* **Shadow prices** are the fall in the objective [€/yr] per unit a constraint is relaxed
  (= the rise per unit it is tightened while the optimal basis holds). The CO2 row is
  reported per tonne: first-year basis in €/t (€/yr per t/yr); cumulative basis in €/yr per
  t cumulative to the horizon (the unit string says so). For a MILP
  the duals come from a second LP: collective binaries fixed at their optimum and
  per-dwelling integrality relaxed (shares). For group shares these are the exact marginal
  prices as long as the collective decisions stay as they are; for per-dwelling plans they
  price the relaxation around the plan, an approximation (the plan's notices say so).
* **Status**: ``'optimal'``, ``'time_limit'`` (best plan found, with its ``gap``; or no plan
  and a message), ``'infeasible'`` (with a message naming the best CO2 reduction the other
  constraints allow, or which constraint groups block a plan), ``'error'`` (solver failure,
  with its message). Never an exception for a solver outcome; invalid inputs raise
  :class:`~wupmodel.errors.WupInputError`.

Solvers: HiGHS by default, CBC (``pulp.PULP_CBC_CMD``) as the alternative, falling back to
the other with a notice when one is missing. ``backend='auto'`` uses PuLP (``pulp.HiGHS``)
for small models and hands larger ones to HiGHS directly as sparse arrays (the matrix path,
see :data:`AUTO_MATRIX_NNZ` and :mod:`wupmodel.optimise_solvers`). CBC returns its solution
through a text file with 8 significant digits, so its figures carry ~1e-8 relative error.

Collective decisions with group shares: the only integer columns are then a handful of
binaries (heat network per zone, reinforcement per grid zone). On the matrix path they are
decided by an exact branch and bound of our own whose nodes are LPs re-solved on the same
HiGHS model with warm starts (:func:`~wupmodel.optimise_solvers.branch_collective`,
``collective_method``); its best leaf is the LP with the binaries fixed, so it also gives the
shadow prices without a second LP. It proves optimality to 1e-9 relative (or ``mip_gap``),
tighter than HiGHS's default MIP gap of 1e-4.
"""

from __future__ import annotations

import math
import time
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal

import numpy as np

from wupmodel import finance
from wupmodel.errors import WupInputError
from wupmodel.optimise_build import (
    CO2_BASES,
    HEAT_NETWORK_SYSTEMS,
    PERSPECTIVES,
    MatrixModel,
    build_model,
    validate_table,
)
from wupmodel.optimise_solvers import (
    ERROR,
    INFEASIBLE,
    NO_SOLUTION,
    OPTIMAL,
    TIME_LIMIT,
    HighsSession,
    PulpSession,
    RawResult,
    SolveRequest,
    branch_collective,
    cbc_available,
    highs_available,
)
from wupmodel.params import Params, default_params
from wupmodel.vocabulary import HEATING_SYSTEMS

__all__ = [
    "GridReinforcement",
    "HeatNetwork",
    "OptimiseSettings",
    "OptionTable",
    "Plan",
    "ConstraintReport",
    "SolarPark",
    "pareto_front",
    "solve",
]

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
#: (:func:`~wupmodel.optimise_solvers.branch_collective`) on the HiGHS matrix path when the
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
        :data:`AUTO_BRANCH_MAX_BINARIES` binaries, else ``'mip'``. Per-dwelling models
        always use the solver's MIP.
    time_limit_s, mip_gap
        Time limit per solver call [s] and relative MIP gap [-] (``None`` = solver default;
        HiGHS 1e-4). The CO2 objective and the duals of a MILP take a second call each.
    threads
        Solver threads (``None`` = solver default).
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

    @classmethod
    def from_params(cls, params: Params | None = None, *, trunk_per_zone: bool = False,
                    horizon_years: int = 25, social_rate: float | None = None,
                    **overrides: Any) -> OptimiseSettings:
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
            the option costs carry it per connection, as :mod:`wupmodel.appraise` does.
        **overrides
            Any field of :class:`OptimiseSettings`.
        """
        p = default_params() if params is None else params
        defaults = collective_defaults(p, trunk_per_zone=trunk_per_zone, horizon_years=horizon_years,
                                       social_rate=social_rate)
        return replace(cls(**defaults), **overrides)


def capital_recovery_factor(rate: float, years: float) -> float:
    """Annuity factor r / (1 − (1 + r)^−n) [1/yr] as a float (see :mod:`wupmodel.finance`)."""
    return float(finance.capital_recovery_factor(rate, years))


def collective_defaults(params: Params, trunk_per_zone: bool = False, horizon_years: int = 25,
                        social_rate: float | None = None) -> dict[str, Any]:
    """Sourced defaults for the collective options, as settings fields.

    Heat network per zone: the source investment (fixed), and with ``trunk_per_zone`` the
    distribution main per zone dwelling, plus O&M shares. Reinforcement: one new MV/LV
    substation plus LV cable per zone dwelling. Solar park: capex plus O&M. Every investment is
    annualised like the dwellings' own investments and the village summary
    (:func:`wupmodel.finance.equivalent_annual_cost`: replacements within the horizon, linear
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
    r = params["finance.social_discount_rate"] if social_rate is None else social_rate

    def per_eur(lifetime_years: float) -> float:  # equivalent annual cost of 1 EUR invested
        return float(finance.equivalent_annual_cost(1.0, lifetime_years, horizon_years, r))

    crf_hn = per_eur(params["collective.heat_network.lifetime_yr"])
    source = params["collective.heat_network.source_fixed_eur"]
    main_per_dw = (params["collective.heat_network.main_eur_per_m"]
                   * params["collective.heat_network.detour_factor"]
                   * params["collective.heat_network.main_m_per_dwelling"])
    heat = HeatNetwork(
        annual_cost_eur=source * (crf_hn + params["collective.heat_network.source_om_share"]),
        annual_cost_eur_per_zone_dwelling=main_per_dw
        * (crf_hn + params["collective.heat_network.main_om_share"]) if trunk_per_zone else 0.0,
        min_participation=params["collective.heat_network.min_participation"],
    )
    crf_grid = per_eur(params["finance.grid_asset_lifetime_years"])
    reinf = GridReinforcement(
        annual_cost_eur=params["finance.mv_lv_substation_eur"] * crf_grid,
        added_kw=params["finance.mv_lv_substation_kw"],
        annual_cost_eur_per_zone_dwelling=params["finance.lv_cable_reinforcement_eur_m"]
        * params["collective.grid.cable_m_per_dwelling"] * crf_grid,
    )
    crf_pv = per_eur(params["collective.solar_park.lifetime_yr"])
    park = SolarPark(
        annual_cost_eur_per_kwp=params["collective.solar_park.capex_eur_per_kwp"]
        * (crf_pv + params["collective.solar_park.om_share"]),
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


def _validate_settings(s: OptimiseSettings) -> None:
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
            fail(f"max_installations has unknown heating system '{h}'; allowed: "
                 f"{', '.join(HEATING_SYSTEMS)}")
    for name, hn in list(s.heat_networks.items()) + [("default", s.heat_network_default)]:
        if hn is not None and not (0 <= hn.min_participation <= 1):
            fail(f"heat network '{name}': min_participation = {hn.min_participation} is "
                 f"outside 0 to 1")


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

    status: str
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
    solar_park_kwp: float = 0.0
    total_cost_eur: dict[str, float] = field(default_factory=dict)
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

    @property
    def has_solution(self) -> bool:
        """True when the plan carries choices (``optimal``, or ``time_limit`` with a plan)."""
        return self.shares is not None

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
            "status": self.status,
            "message": self.message,
            "objective": self.objective,
            "perspective": self.perspective,
            "objective_eur": _json_value(self.objective_eur),
            "total_cost_eur": {k: _json_value(v) for k, v in self.total_cost_eur.items()},
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
                c.name: {"value": _json_value(c.shadow_price), "unit": c.unit,
                         "binding": c.binding}
                for c in self.constraints
            },
            "constraints": [c.to_json_dict() for c in self.constraints],
            "collective": {
                "heat_network_built": dict(self.heat_network_built),
                "grid_reinforced": dict(self.grid_reinforced),
                "solar_park_kwp": _json_value(self.solar_park_kwp),
            },
            "peak_kw": {k: _json_value(v) for k, v in self.peak_kw.items()},
            "grid_capacity_kw": {k: _json_value(v) for k, v in self.grid_capacity_kw.items()},
            "heat_network_participation": {
                k: _json_value(v) for k, v in self.heat_network_participation.items()},
            "dwellings_by_heating": {k: _json_value(v) for k, v in self.dwellings_by_heating.items()},
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


# ---------------------------------------------------------------------------------------------
# Solving
# ---------------------------------------------------------------------------------------------

_FAMILY_LABELS = {
    "co2": "the CO2 reduction target",
    "budget": "the investment budget",
    "grid": "the grid capacity",
    "hn_min": "the minimum heat-network participation",
    "energy_neutral": "the energy-neutral target",
    "extra_subsidy": "the extra-subsidy budget",
    "max_install": "the maximum installations per heating system",
    "monthly": "the monthly-cost limit",
    "fixed": "the options households already chose",
}

_ROW_UNITS = {  # kind -> (scale to the reported unit, price unit, quantity unit)
    "co2": (1000.0, "EUR/t", "kg"),
    "budget": (1.0, "EUR/yr per EUR", "EUR"),
    "grid": (1.0, "EUR/yr per kW", "kW"),
    "hn_min": (1.0, "EUR/yr per dwelling", "dwellings"),
    "energy_neutral": (1000.0, "EUR/yr per MWh", "kWh/yr"),
    "extra_subsidy": (1.0, "EUR/yr per EUR/yr", "EUR/yr"),
    "max_install": (1.0, "EUR/yr per dwelling", "dwellings"),
}


class _Problem:
    """A built model loaded into one solver session, solved as often as needed."""

    def __init__(self, table: OptionTable, settings: OptimiseSettings) -> None:
        _validate_settings(settings)
        validate_table(table, settings.per_dwelling)
        self.table = table
        self.settings = settings
        self.notices: list[str] = []
        t0 = time.perf_counter()
        self.model: MatrixModel = build_model(table, settings)
        self.matrix_s = time.perf_counter() - t0
        self.notices.extend(self.model.notices)
        self.solve_s = 0.0
        self.duals_s = 0.0
        self.diagnosis_s = 0.0
        self.solver_run_s = 0.0
        self.solver, self.backend = self._choose()
        t1 = time.perf_counter()
        if self.backend == "highspy":
            self.session = HighsSession(self.model, threads=settings.threads)
        else:
            self.session = PulpSession(self.model, self.solver, threads=settings.threads)
        self.backend_build_s = time.perf_counter() - t1
        self.branch_cols = self._branch_cols()
        self.lp_solves = 0
        if self.model.is_mip and settings.per_dwelling:
            self.dual_note = ("shadow prices come from the LP relaxation with the collective "
                              "decisions fixed (per-dwelling choices relaxed to shares)")
        elif self.model.is_mip:
            self.dual_note = ("shadow prices come from the LP with the collective decisions "
                              "fixed at their optimum")
        else:
            self.dual_note = ""

    def _choose(self) -> tuple[str, str]:
        s = self.settings
        solver = s.solver
        if solver == "cbc" and not cbc_available():
            self.notices.append("CBC is not available here; solved with HiGHS instead")
            solver = "highs"
        if solver == "highs" and not highs_available():  # pragma: no cover - dependency
            if cbc_available():
                self.notices.append("HiGHS (highspy) is not available; solved with CBC instead")
                solver = "cbc"
        backend = s.backend
        if solver == "cbc" and backend == "highspy":
            self.notices.append("CBC runs through PuLP; backend 'highspy' ignored")
            backend = "pulp"
        if backend == "auto":
            large = (self.model.A.nnz > AUTO_MATRIX_NNZ
                     or int(self.model.integrality.sum()) > AUTO_MATRIX_INTEGERS)
            backend = "highspy" if (solver == "highs" and large) else "pulp"
        return solver, backend

    def _branch_cols(self) -> np.ndarray | None:
        """The collective binaries to branch on ourselves, or ``None`` (solver's MIP)."""
        s = self.settings
        m = self.model
        coll = m.collective_cols
        if s.per_dwelling or not coll.size or s.collective_method == "mip":
            return None
        if s.collective_method == "auto" and not (
                self.backend == "highspy" and coll.size <= AUTO_BRANCH_MAX_BINARIES):
            return None
        return coll

    # -- requests ---------------------------------------------------------------------------
    def request(self, c: np.ndarray, co2_cap: float | None = None) -> SolveRequest:
        m = self.model
        req = SolveRequest(
            c=np.asarray(c, dtype=float),
            row_lower=m.row_lower.copy(),
            row_upper=m.row_upper.copy(),
            col_lower=m.col_lower.copy(),
            col_upper=m.col_upper.copy(),
            integrality=m.integrality.copy(),
            time_limit_s=self.settings.time_limit_s,
            mip_gap=self.settings.mip_gap,
        )
        if co2_cap is not None:
            req.row_upper[m.co2_row] = min(req.row_upper[m.co2_row], float(co2_cap))
        return req

    def run(self, req: SolveRequest, bucket: str = "solve") -> RawResult:
        if self.branch_cols is not None and req.integrality.any():
            res = branch_collective(self.session, req, self.branch_cols)
            self.lp_solves += res.lp_solves
        else:
            res = self.session.solve(req)
        if math.isfinite(res.solver_seconds):
            self.solver_run_s += res.solver_seconds
        if bucket == "duals":
            self.duals_s += res.seconds
        elif bucket == "diagnosis":
            self.diagnosis_s += res.seconds
        else:
            self.solve_s += res.seconds
        return res

    # -- stages -----------------------------------------------------------------------------
    def optimise(self, objective: str, co2_cap: float | None = None) -> tuple[RawResult, SolveRequest]:
        s = self.settings
        m = self.model
        req = self.request(m.cost[s.perspective], co2_cap)
        if objective == "co2":
            req1 = self.request(m.co2[s.co2_basis], co2_cap)
            r1 = self.run(req1)
            if not r1.has_solution:
                return r1, req1
            cap = r1.objective + max(CO2_STAGE_REL_TOL * abs(r1.objective), CO2_STAGE_ABS_TOL_KG)
            req.row_upper[m.co2_row] = min(req.row_upper[m.co2_row], cap)
            r2 = self.run(req)
            if not r2.has_solution:
                self.notices.append("the least-cost stage at minimum CO2 found no plan in time; "
                                    "the minimum-CO2 plan is reported without cost optimisation")
                return r1, req
            if r1.status == TIME_LIMIT and r2.status == OPTIMAL:
                r2.status = TIME_LIMIT
                r2.gap = r1.gap
            return r2, req
        return self.run(req), req

    def duals(self, res: RawResult, req: SolveRequest) -> np.ndarray | None:
        m = self.model
        if not res.has_solution:
            return None
        if not m.is_mip or res.duals_fixed:
            return res.row_dual
        req2 = SolveRequest(
            c=req.c, row_lower=req.row_lower, row_upper=req.row_upper,
            col_lower=req.col_lower.copy(), col_upper=req.col_upper.copy(),
            integrality=np.zeros_like(req.integrality), time_limit_s=req.time_limit_s,
        )
        coll = m.collective_cols
        vals = np.round(res.x[coll])
        req2.col_lower[coll] = vals
        req2.col_upper[coll] = vals
        r2 = self.run(req2, "duals")
        if r2.status != OPTIMAL:
            return None
        return r2.row_dual

    def diagnose(self, req: SolveRequest) -> tuple[str, float | None]:
        """Explain an infeasible model: best CO2 reduction, or which limits block a plan."""
        s = self.settings
        m = self.model
        basis = s.co2_basis
        if s.co2_reduction is not None:
            rq = self.request(m.co2[basis])
            rq.row_upper[m.co2_row] = np.inf
            r = self.run(rq, "diagnosis")
            if r.has_solution:
                best = 1.0 - r.objective / m.co2_reference_kg[basis]
                basis_txt = "first-year" if basis == "first_year" else "cumulative"
                return (
                    f"No plan reaches the {basis_txt} CO2 reduction target of "
                    f"{s.co2_reduction:.1%}: the best reduction the other constraints allow is "
                    f"{best:.1%}. Lower the target to at most {best:.1%}, or relax the budget, "
                    f"grid, participation or monthly-cost limits.",
                    best,
                )
        families = [k for k in ("co2", "budget", "grid", "hn_min", "energy_neutral",
                                "extra_subsidy", "max_install")
                    if np.any((m.row_kind == k) & (np.isfinite(m.row_lower)
                                                    | np.isfinite(m.row_upper)))]
        if m.limited_cols.size:
            families.append("monthly")
        if m.fixed_closed_cols.size:
            families.append("fixed")
        zero = np.zeros(m.n_cols)
        restoring = []
        for fam in families:
            rq = self.request(zero)
            if fam == "monthly":
                rq.col_upper[m.limited_cols] = m.x_upper_open[m.limited_cols]
            elif fam == "fixed":
                rq.col_upper[m.fixed_closed_cols] = m.x_upper_open[m.fixed_closed_cols]
            else:
                rows = m.row_kind == fam
                rq.row_lower[rows] = -np.inf
                rq.row_upper[rows] = np.inf
            r = self.run(rq, "diagnosis")
            if r.has_solution:
                restoring.append(_FAMILY_LABELS[fam])
        extra = ""
        if m.limited_cols.size:
            open_x = np.ones(m.n_x, dtype=bool)
            open_x[m.limited_cols] = False
            open_x &= m.col_upper[: m.n_x] > 0
            has_open = np.bincount(m.x_group[open_x], minlength=m.n_groups) > 0
            stuck = np.asarray(self.table.group_id).astype(str)[~has_open]
            if stuck.size:
                extra = (f" {stuck.size} group(s) have no option within the monthly-cost limit "
                         f"(e.g. {', '.join(repr(g) for g in stuck[:5])}).")
        if restoring:
            return ("No plan meets all constraints together. Relaxing any one of these makes "
                    f"a plan possible: {', '.join(restoring)}." + extra, None)
        listed = ", ".join(_FAMILY_LABELS[f] for f in families) or "none"
        return ("No plan meets all constraints together, and relaxing a single group of "
                f"constraints is not enough (groups tried: {listed})." + extra, None)

    # -- plan -------------------------------------------------------------------------------
    def plan(self, res: RawResult, req: SolveRequest, objective: str,
             with_duals: bool = True) -> Plan:
        s = self.settings
        m = self.model
        t = self.table
        notices = list(self.notices)
        base = dict(
            objective=objective, perspective=s.perspective, co2_basis=s.co2_basis,
            group_id=tuple(np.asarray(t.group_id).astype(str).tolist()),
            option_id=tuple(np.asarray(t.option_id).astype(str).tolist()),
            solver=self.solver, backend=self.backend,
            co2_reference_kg=m.co2_reference_kg["first_year"],
            co2_cum_reference_kg=m.co2_reference_kg["cumulative"],
        )
        if res.status == INFEASIBLE:
            msg, best = self.diagnose(req)
            return self._finish(Plan(status="infeasible", message=msg, best_co2_reduction=best,
                                     notices=notices, **base))
        if res.status == NO_SOLUTION:
            return self._finish(Plan(
                status="time_limit", notices=notices,
                message=(f"No feasible plan was found within the time limit of "
                         f"{s.time_limit_s:g} s; allow more time (time_limit_s) or a larger "
                         f"mip_gap." if s.time_limit_s else
                         "The solver stopped before finding a feasible plan."),
                **base))
        if res.status == ERROR:
            return self._finish(Plan(status="error", notices=notices,
                                     message=f"The solver failed: {res.message}", **base))
        duals = self.duals(res, req) if with_duals else None
        if with_duals and self.dual_note:
            notices.append(self.dual_note)
        plan = self._plan_from_solution(res, req, duals, objective, notices, base)
        return self._finish(plan)

    def _finish(self, plan: Plan) -> Plan:
        plan.build_seconds = self.matrix_s + self.backend_build_s
        plan.solve_seconds = self.solve_s + self.duals_s + self.diagnosis_s
        plan.timings = {
            "matrix_s": self.matrix_s,
            "backend_build_s": self.backend_build_s,
            "solve_s": self.solve_s,
            "duals_s": self.duals_s,
            "diagnosis_s": self.diagnosis_s,
            "solver_run_s": self.solver_run_s,
            "lp_solves": float(self.lp_solves),
        }
        return plan

    def _plan_from_solution(self, res: RawResult, req: SolveRequest, duals: np.ndarray | None,
                            objective: str, notices: list[str], base: dict) -> Plan:
        s = self.settings
        m = self.model
        t = self.table
        G, O = m.n_groups, m.n_options  # noqa: E741 - O is the option count
        count = np.asarray(t.count, dtype=float)
        x = res.x
        n = np.clip(x[: m.n_x], 0.0, None)
        if s.per_dwelling:
            n = np.round(n)
        n_go = np.zeros((G, O))
        n_go[m.x_group, m.x_option] = n
        shares = n_go / count[:, None]
        shares[shares < SHARE_EPS] = 0.0
        shares = np.minimum(shares, 1.0)
        n_go = shares * count[:, None]

        built = np.round(x[m.hn_col0:m.gr_col0]) > 0.5 if m.hn_zones else np.zeros(0, bool)
        n_gr = len(m.grid_reinf_zones)
        reinforced = np.round(x[m.gr_col0:m.gr_col0 + n_gr]) > 0.5 if n_gr else np.zeros(0, bool)
        park_kwp = float(max(x[m.park_col], 0.0)) if m.park_col is not None else 0.0

        def total(arr) -> float:
            return float(np.sum(n_go * np.asarray(arr, dtype=float)))

        collective = {}
        totals = {}
        reinf_idx = [m.grid_zones.index(z) for z in m.grid_reinf_zones]
        for p in PERSPECTIVES:
            col = float(np.dot(m.hn_cost[p], built)) if m.hn_zones else 0.0
            if n_gr:
                col += float(np.dot(m.grid_cost[p][reinf_idx], reinforced))
            col += park_kwp * m.park_cost.get(p, 0.0)
            collective[p] = col
            totals[p] = total(t.annual_cost_eur[p]) + col

        park = s.solar_park
        credit1 = park.co2_kg_per_kwp * park_kwp if park is not None else 0.0
        credit2 = park.co2_cum_kg_per_kwp * park_kwp if park is not None else 0.0
        co2_1 = total(t.co2_kg) - credit1
        co2_2 = total(t.co2_cum_kg) - credit2
        ref = m.co2_reference_kg[s.co2_basis]
        co2_basis_val = co2_1 if s.co2_basis == "first_year" else co2_2
        reduction = 1.0 - co2_basis_val / ref if ref > 0 else math.nan

        # per-dwelling, per-zone reporting
        grid_zone = np.asarray(t.grid_zone).astype(str)
        div = 1.0 if s.diversity is None else float(s.diversity)
        peak_g = (n_go * np.asarray(t.peak_kw, dtype=float)).sum(axis=1) * div
        peak = {}
        for z in sorted(set(grid_zone.tolist()) - {""}):
            peak[z] = float(peak_g[grid_zone == z].sum())
        cap = {}
        for j, z in enumerate(m.grid_zones):
            added = m.grid_added_kw[j] if z in m.grid_reinf_zones and \
                reinforced[m.grid_reinf_zones.index(z)] else 0.0
            cap[z] = float(m.grid_capacity_kw[j] + added)
        heating = np.asarray(t.heating).astype(str)
        hn_opt = np.isin(heating, HEAT_NETWORK_SYSTEMS)
        hn_zone = np.asarray(t.heat_network_zone).astype(str)
        hn_g = n_go[:, hn_opt].sum(axis=1)
        participation = {}
        for z in sorted(set(hn_zone.tolist()) - {""}):
            sel = hn_zone == z
            participation[z] = float(hn_g[sel].sum() / count[sel].sum())
        by_heating = {h: float(n_go[:, heating == h].sum()) for h in HEATING_SYSTEMS
                      if (heating == h).any()}

        elec = total(t.electricity_kwh)
        pv = total(t.pv_kwh)
        park_kwh = park_kwp * park.yield_kwh_per_kwp if park is not None else 0.0
        monthly = np.asarray(t.monthly_cost_change_eur, dtype=float)
        extra_go = np.zeros((G, O))
        extra_go[m.x_group, m.x_option] = m.extra_coef
        extra_by_group = (n_go * extra_go).sum(axis=1)
        eff_monthly = monthly - extra_go / 12.0
        max_monthly = float(np.max(np.where(shares > 0, eff_monthly, -np.inf)))

        choices: dict[str, Any] = {}
        gids = base["group_id"]
        oids = base["option_id"]
        for g in range(G):
            nz = np.flatnonzero(shares[g])
            if s.per_dwelling and count[g] == 1:
                choices[gids[g]] = oids[int(nz[np.argmax(shares[g, nz])])]
            else:
                choices[gids[g]] = {oids[o]: float(shares[g, o]) for o in nz.tolist()}

        constraints = self._constraint_reports(x, req, duals, t.horizon_years)
        return Plan(
            status="optimal" if res.status == OPTIMAL else "time_limit",
            message="" if res.status == OPTIMAL else
            f"Stopped at the time limit with the best plan found (relative gap {res.gap:.2%}).",
            objective_eur=totals[s.perspective],
            shares=shares,
            choices=choices,
            heat_network_built={z: bool(b) for z, b in zip(m.hn_zones, built, strict=True)},
            grid_reinforced={z: bool(b) for z, b in zip(m.grid_reinf_zones, reinforced, strict=True)},
            solar_park_kwp=park_kwp,
            total_cost_eur=totals,
            collective_cost_eur=collective,
            capex_eur=total(t.capex_eur),
            subsidy_eur=total(t.subsidy_eur),
            extra_subsidy_eur_per_yr=float(extra_by_group.sum()),
            extra_subsidy_by_group_eur_per_yr=extra_by_group,
            co2_kg=co2_1,
            co2_cum_kg=co2_2,
            co2_reduction=reduction,
            peak_kw=peak,
            grid_capacity_kw=cap,
            heat_network_participation=participation,
            dwellings_by_heating=by_heating,
            electricity_kwh=elec,
            pv_kwh=pv,
            solar_park_kwh=park_kwh,
            energy_neutral_share=(pv + park_kwh) / elec if elec > 0 else math.nan,
            gas_m3=total(t.gas_m3),
            heat_gj=total(t.heat_gj),
            max_monthly_increase_eur=max_monthly,
            constraints=constraints,
            gap=res.gap,
            notices=notices,
            **base,
        )

    def _constraint_reports(self, x: np.ndarray, req: SolveRequest, duals: np.ndarray | None,
                            horizon_years: int) -> list[ConstraintReport]:
        m = self.model
        activity = m.A @ x
        out = []
        for i in np.flatnonzero(~np.isin(m.row_kind, ("assign", "hn_link"))).tolist():
            kind = str(m.row_kind[i])
            lo, hi = float(req.row_lower[i]), float(req.row_upper[i])
            if not (math.isfinite(lo) or math.isfinite(hi)):
                continue
            a = float(activity[i])
            upper_side = math.isfinite(hi) and (not math.isfinite(lo) or abs(hi - a) <= abs(a - lo))
            bound = hi if upper_side else lo
            slack = (hi - a) if upper_side else (a - lo)
            tol = 1e-6 * max(1.0, abs(bound))
            binding = slack <= tol
            if kind == "hn_min":  # 0 >= 0 when the network is not built: not a real limit
                zone = m.row_names[i].split(":", 1)[1]
                binding = binding and x[m.hn_col0 + m.hn_zones.index(zone)] > 0.5
            scale, unit, qunit = _ROW_UNITS[kind]
            if kind == "co2" and self.settings.co2_basis == "cumulative":
                unit = f"EUR/yr per t (cumulative to the horizon, {horizon_years} yr)"
            if duals is None:
                price = math.nan
            else:
                d = float(duals[i])
                price = (-d if upper_side else d) * scale
                if abs(price) < 1e-9 * scale:
                    price = 0.0
            out.append(ConstraintReport(name=m.row_names[i], kind=kind, activity=a, bound=bound,
                                        slack=slack, binding=bool(binding), shadow_price=price,
                                        unit=unit, quantity_unit=qunit))
        return out


def solve(table: OptionTable, settings: OptimiseSettings | None = None) -> Plan:
    """Optimise the village: option shares per group and the collective decisions.

    Parameters
    ----------
    table
        Per-dwelling figures per group × option.
    settings
        Objective, targets, limits and collective options (``None`` = defaults: least
        national cost, no constraints).

    Returns
    -------
    Plan
        Status ``'optimal'``, ``'time_limit'``, ``'infeasible'`` (with a message) or
        ``'error'``; see the module docstring.

    Raises
    ------
    WupInputError
        When the table or the settings are invalid (never for a solver outcome).
    """
    settings = OptimiseSettings() if settings is None else settings
    problem = _Problem(table, settings)
    res, req = problem.optimise(settings.objective)
    return problem.plan(res, req, settings.objective)


def pareto_front(table: OptionTable, settings: OptimiseSettings | None = None,
                 n_points: int = 20, shadow_prices: bool = True) -> list[Plan]:
    """Cost–CO2 Pareto front by the ε-constraint method.

    From the least-cost plan without a CO2 target to the least-CO2 plan (then least cost),
    ``n_points`` CO2 caps evenly spaced in between (on ``settings.co2_basis``); each point is
    the least-cost plan under its cap and the other constraints of ``settings``. One model is
    built and re-solved with changed bounds (warm starts on the matrix path).

    Parameters
    ----------
    table, settings
        As for :func:`solve`; ``objective`` and ``co2_reduction`` are ignored.
    n_points
        Number of ε points including both ends (≥ 2).
    shadow_prices
        Compute duals per point (one extra LP per point for a MILP).

    Returns
    -------
    list of Plan
        Feasible points ordered by CO2 (ascending), dominated and duplicate points removed.
        If the least-cost plan has no solution, a one-element list with that plan.
    """
    settings = OptimiseSettings() if settings is None else settings
    if n_points < 2:
        raise WupInputError("pareto_front: n_points must be at least 2", "pareto_front")
    base = replace(settings, objective="cost", co2_reduction=None)
    problem = _Problem(table, base)
    r_cost, q_cost = problem.optimise("cost")
    p_cost = problem.plan(r_cost, q_cost, "cost", shadow_prices)
    if not p_cost.has_solution:
        return [p_cost]
    r_min, q_min = problem.optimise("co2")
    p_min = problem.plan(r_min, q_min, "co2", shadow_prices)
    if not p_min.has_solution:
        return [p_cost]
    key = "co2_kg" if base.co2_basis == "first_year" else "co2_cum_kg"
    e_hi, e_lo = getattr(p_cost, key), getattr(p_min, key)
    plans = [p_cost]
    for eps in np.linspace(e_hi, e_lo, n_points)[1:-1].tolist():
        r, q = problem.optimise("cost", co2_cap=eps)
        plans.append(problem.plan(r, q, "cost", shadow_prices))
    plans.append(p_min)
    return _non_dominated([p for p in plans if p.has_solution], key)


def _non_dominated(plans: list[Plan], key: str) -> list[Plan]:
    """Points ordered by CO2, each strictly cheaper than every point with less CO2."""
    order = sorted(plans, key=lambda p: (getattr(p, key), p.objective_eur))
    kept: list[Plan] = []
    best_cost = math.inf
    last_co2 = -math.inf
    for p in order:
        co2, cost = getattr(p, key), p.objective_eur
        tol = 1e-9 * max(1.0, abs(cost))
        if cost < best_cost - tol and (not kept or co2 > last_co2 + 1e-9 * max(1.0, abs(co2))):
            kept.append(p)
            best_cost = cost
            last_co2 = co2
    return kept

"""Build the village optimisation problem as sparse matrices (no solver, no PuLP).

:func:`build_model` turns an :class:`~wupmodel.optimise.problem.OptionTable` and
:class:`~wupmodel.optimise.problem.OptimiseSettings` into a :class:`MatrixModel`: column bounds and
integrality, a row-wise sparse constraint matrix with row bounds, and objective vectors for
both cost perspectives and both CO2 bases. The solver back ends in
:mod:`wupmodel.optimise.solvers` take that model as it is, so building is one vectorised pass
over the (group × option) arrays, whatever the solver.

Columns
-------
``x`` block
    One column per allowed (group, option) pair: the **number of dwellings** of group ``g``
    that take option ``o`` (0 … ``count[g]``); shares are ``n / count``. Integer when the
    settings ask for per-dwelling decisions. Options over the monthly-cost limit and, for
    groups that already chose, every option but the chosen one, keep a column with upper
    bound 0, so that a diagnosis can relax those limits by changing bounds only.
``built[z]``
    Binary, heat network built in zone ``z`` (only zones with a heat-network configuration
    and at least one allowed heat-network option).
``reinforced[k]``
    Binary, LV grid of grid zone ``k`` reinforced (only constrained zones with a
    reinforcement option).
``park``
    Solar-park size [kWp], continuous, when the settings have a solar park.

Rows (``kind``)
---------------
``assign``
    Σₒ n[g, o] = count[g], one per group (always rows ``0 … G-1``).
``co2``
    Σ co2·n − credit·park ≤ (1 − target) · reference [kg] (free when there is no target).
``budget``
    Σ (capex − subsidy)·n ≤ budget, or Σ subsidy·n ≤ budget [€].
``grid``
    Σ diversity·peak·n − added_kw·reinforced ≤ capacity [kW], one per constrained zone.
``hn_link``
    Σ n on heat-network options in the zone − N_zone·built ≤ 0 [dwellings].
``hn_min``
    Σ n on heat-network options in the zone − share·N_zone·built ≥ 0 [dwellings].
``energy_neutral``
    Σ (pv − share·electricity)·n + yield·park ≥ 0 [kWh/yr].
``extra_subsidy``
    Σ 12·max(0, monthly change − limit)·n ≤ extra-subsidy budget [€/yr].
``max_install``
    Σ n on options with heating system h ≤ max[h] [dwellings].

Each family of rows is added by one ``_add_*`` function; :func:`build_model` calls them in
this order.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp

from wupmodel.errors import WupInputError
from wupmodel.optimise.problem import (
    HEAT_NETWORK_SYSTEMS,
    PERSPECTIVES,
    HeatNetwork,
    OptimiseSettings,
    OptionTable,
    SolarPark,
)

#: A monthly cost change counts as over the limit when it exceeds it by more than this
#: [€/month]; absorbs rounding in the evaluation layer's figures.
MONTHLY_TOLERANCE_EUR = 1e-9

_INF = np.inf


@dataclass
class MatrixModel:
    """The optimisation problem in matrix form.

    All row activities are ``A @ v`` for the column vector ``v``; bounds are
    ``row_lower <= A @ v <= row_upper`` and ``col_lower <= v <= col_upper``. Infinite bounds
    are ``±numpy.inf``.
    """

    n_groups: int
    n_options: int
    x_group: np.ndarray  #: (n_x,) group index of each x column
    x_option: np.ndarray  #: (n_x,) option index of each x column
    hn_zones: tuple[str, ...]  #: zones with a ``built`` column, in column order
    hn_col0: int
    grid_reinf_zones: tuple[str, ...]  #: grid zones with a ``reinforced`` column
    gr_col0: int
    park_col: int | None
    col_lower: np.ndarray
    col_upper: np.ndarray
    integrality: np.ndarray  #: (n_cols,) bool
    A: sp.csr_matrix
    row_lower: np.ndarray
    row_upper: np.ndarray
    row_names: list[str]
    row_kind: np.ndarray  #: (n_rows,) object array of kind strings (see module docstring)
    cost: dict[str, np.ndarray]  #: perspective -> objective vector [€/yr]
    co2: dict[str, np.ndarray]  #: basis -> objective vector [kg/yr or kg]
    co2_row: int
    co2_reference_kg: dict[str, float]  #: basis -> all-reference village emissions
    extra_coef: np.ndarray  #: (n_x,) extra subsidy needed per dwelling [€/yr]
    limited_cols: np.ndarray  #: x columns closed by the monthly-cost limit (upper bound 0)
    fixed_closed_cols: np.ndarray  #: x columns closed because the household already chose
    x_upper_open: np.ndarray  #: (n_x,) x upper bounds with no limit or fixed option applied
    hn_zone_dwellings: np.ndarray  #: (len(hn_zones),) dwellings in each zone
    hn_cost: dict[str, np.ndarray]  #: perspective -> annual fixed cost per zone [€/yr]
    grid_zones: tuple[str, ...]  #: all constrained grid zones (rows ``grid:<zone>``)
    grid_capacity_kw: np.ndarray  #: capacity after diversity before reinforcement [kW]
    grid_added_kw: np.ndarray  #: added kW when reinforced (0 where no option)
    grid_cost: dict[str, np.ndarray]  #: perspective -> annual cost of reinforcement [€/yr]
    park_cost: dict[str, float] = field(default_factory=dict)  #: €/kWp/yr per perspective
    notices: list[str] = field(default_factory=list)

    @property
    def n_x(self) -> int:
        """Number of (group, option) columns."""
        return int(self.x_group.size)

    @property
    def n_cols(self) -> int:
        """Number of columns."""
        return int(self.col_lower.size)

    @property
    def n_rows(self) -> int:
        """Number of rows."""
        return int(self.row_lower.size)

    @property
    def is_mip(self) -> bool:
        """True when any column is integer."""
        return bool(self.integrality.any())

    @property
    def collective_cols(self) -> np.ndarray:
        """Column indices of the collective binaries (heat network, reinforcement)."""
        return np.arange(self.n_x, self.park_col if self.park_col is not None else self.n_cols)


@dataclass
class _Rows:
    """Accumulates COO triplets and row metadata."""

    rows: list[np.ndarray] = field(default_factory=list)
    cols: list[np.ndarray] = field(default_factory=list)
    vals: list[np.ndarray] = field(default_factory=list)
    lower: list[float] = field(default_factory=list)
    upper: list[float] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)

    def add(
        self,
        cols: np.ndarray,
        vals: np.ndarray,
        lower: float,
        upper: float,
        name: str,
        kind: str,
    ) -> int:
        """Append one row; returns its index."""
        i = len(self.names)
        cols = np.asarray(cols, dtype=np.int64)
        self.rows.append(np.full(cols.size, i, dtype=np.int64))
        self.cols.append(cols)
        self.vals.append(np.asarray(vals, dtype=float))
        self.lower.append(lower)
        self.upper.append(upper)
        self.names.append(name)
        self.kinds.append(kind)
        return i

    def add_block(
        self,
        row_of: np.ndarray,
        cols: np.ndarray,
        vals: np.ndarray,
        n_new: int,
        lower: np.ndarray,
        upper: np.ndarray,
        names: list[str],
        kind: str,
    ) -> int:
        """Append ``n_new`` rows at once; ``row_of`` gives each triplet's row within the block."""
        first = len(self.names)
        self.rows.append(first + np.asarray(row_of, dtype=np.int64))
        self.cols.append(np.asarray(cols, dtype=np.int64))
        self.vals.append(np.asarray(vals, dtype=float))
        self.lower.extend(np.broadcast_to(lower, (n_new,)).tolist())
        self.upper.extend(np.broadcast_to(upper, (n_new,)).tolist())
        self.names.extend(names)
        self.kinds.extend([kind] * n_new)
        return first

    def matrix(self, n_cols: int) -> sp.csr_matrix:
        """The rows as a CSR matrix with explicit zeros dropped."""
        n_rows = len(self.names)
        if self.rows:
            r = np.concatenate(self.rows)
            c = np.concatenate(self.cols)
            v = np.concatenate(self.vals)
        else:
            r = c = np.zeros(0, dtype=np.int64)
            v = np.zeros(0)
        keep = v != 0.0
        A = sp.csr_matrix((v[keep], (r[keep], c[keep])), shape=(n_rows, n_cols))
        A.sum_duplicates()
        A.sort_indices()
        return A


def _zone_codes(zones: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Unique non-empty zone names and each group's code (-1 = no zone)."""
    names, codes = np.unique(zones, return_inverse=True)
    codes = codes.astype(np.int64)
    if names.size and names[0] == "":
        codes = codes - 1
        names = names[1:]
    return names, codes


def _positions(codes: np.ndarray, chosen: np.ndarray, n_names: int) -> np.ndarray:
    """Position of each zone code (-1 = no zone) among the ``chosen`` codes; -1 if not chosen."""
    pos = np.full(n_names + 1, -1, dtype=np.int64)  # the last slot answers code -1
    pos[np.asarray(chosen, dtype=np.int64)] = np.arange(len(chosen))
    return pos[codes]


# ---------------------------------------------------------------------------------------------
# Columns
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Cells:
    """The ``x`` columns: one per allowed (group, option) pair, ordered by group."""

    group: np.ndarray  #: (n_x,) group index of each column
    option: np.ndarray  #: (n_x,) option index of each column
    upper_open: np.ndarray  #: (n_x,) dwellings in the column's group: its bound without limits
    fixed_closed: np.ndarray  #: (n_x,) bool, closed: the group already chose another option

    @property
    def n(self) -> int:
        """Number of ``x`` columns."""
        return int(self.group.size)

    def of(self, figure: np.ndarray) -> np.ndarray:
        """A (G, O) figure per ``x`` column."""
        return np.asarray(figure, dtype=float)[self.group, self.option]


def _dwelling_cells(table: OptionTable, notices: list[str]) -> _Cells:
    """The allowed (group, option) pairs and the columns closed by households' own choices.

    A pair is allowed when the option is feasible for the group and, for a heat-network
    option, the group lies in a heat-network zone. A group that already chose
    (``fixed_option`` ≥ 0) keeps its option even where the table marks it infeasible (a notice
    says so); its other options keep a column with upper bound 0 (``fixed_closed``), so that a
    diagnosis can reopen them by bounds alone.
    """
    n_options = int(np.asarray(table.option_id).size)
    group_id = np.asarray(table.group_id).astype(str)
    fixed = np.asarray(table.fixed_option, dtype=np.int64)
    free = fixed < 0
    is_hn_opt = np.isin(np.asarray(table.heating).astype(str), HEAT_NETWORK_SYSTEMS)
    no_zone = np.asarray(table.heat_network_zone).astype(str) == ""
    allowed = np.asarray(table.feasible, dtype=bool) & ~(is_hn_opt[None, :] & no_zone[:, None])
    # A household that already chose keeps its option even where the catalogue says no.
    is_fixed_cell = (~free)[:, None] & (np.arange(n_options)[None, :] == fixed[:, None])
    overridden = is_fixed_cell & ~allowed
    if overridden.any():
        gs = group_id[overridden.any(axis=1)]
        notices.append(
            f"{gs.size} group(s) keep an already chosen option that the option table marks "
            f"infeasible (e.g. '{gs[0]}'); the choice is kept as given"
        )
    allowed |= is_fixed_cell
    gi, oi = np.nonzero(allowed)  # row-major: columns grouped by group
    count = np.asarray(table.count, dtype=float)
    return _Cells(
        group=gi,
        option=oi,
        upper_open=count[gi],
        fixed_closed=(~free[gi]) & (oi != fixed[gi]),
    )


@dataclass(frozen=True)
class _MonthlyLimit:
    """What the monthly-cost limit does to the ``x`` columns."""

    closed: np.ndarray  #: (n_x,) bool, columns closed by the limit (upper bound 0)
    extra_coef: np.ndarray  #: (n_x,) extra subsidy that brings a dwelling to the limit [€/yr]


def _monthly_cost_limit(
    table: OptionTable, settings: OptimiseSettings, cells: _Cells, notices: list[str]
) -> _MonthlyLimit:
    """Options whose year-1 woonlasten change exceeds the limit, for free households.

    Over the limit means ``change − limit > MONTHLY_TOLERANCE_EUR`` [€/month]. Without an
    extra-subsidy budget those columns are closed (upper bound 0); with one they stay open and
    each dwelling on them needs ``12 · (change − limit)`` €/yr of extra subsidy, which
    :func:`_add_extra_subsidy_row` caps. Households that already chose are exempt.
    """
    closed = np.zeros(cells.n, dtype=bool)
    extra_coef = np.zeros(cells.n)
    limit = settings.max_monthly_increase_eur
    if limit is None:
        if settings.extra_subsidy_budget_eur is not None:
            notices.append(
                "extra_subsidy_budget_eur has no effect without max_monthly_increase_eur"
            )
        return _MonthlyLimit(closed, extra_coef)
    free = np.asarray(table.fixed_option, dtype=np.int64)[cells.group] < 0
    excess = cells.of(table.monthly_cost_change_eur) - float(limit)
    over = free & (excess > MONTHLY_TOLERANCE_EUR)
    if settings.extra_subsidy_budget_eur is not None:
        return _MonthlyLimit(closed, np.where(over, 12.0 * excess, 0.0))
    return _MonthlyLimit(over, extra_coef)


@dataclass(frozen=True)
class _HeatNetworkZones:
    """Heat-network zones with a ``built`` column, and which ``x`` columns belong to each."""

    names: tuple[str, ...]  #: zones with a ``built`` column, in column order
    configs: tuple[HeatNetwork, ...]  #: each zone's settings
    dwellings: np.ndarray  #: (n_hn,) dwellings in each zone (all, not only the allowed)
    column_zone: np.ndarray  #: (n_x,) position of the column's zone, -1 = not a network column

    @property
    def n(self) -> int:
        """Number of zones with a ``built`` column."""
        return len(self.names)


def _heat_network_zones(
    table: OptionTable, settings: OptimiseSettings, cells: _Cells, notices: list[str]
) -> _HeatNetworkZones:
    """The zones whose heat network is a collective decision.

    A zone gets a ``built`` binary when some group in it may take a heat-network option and
    the settings give it a configuration (its own or ``heat_network_default``). Without one
    its heat-network options stay individual options (a notice names the zones); settings for
    zones not in the table are ignored with a notice.
    """
    count = np.asarray(table.count, dtype=float)
    zone_names, zone_code = _zone_codes(np.asarray(table.heat_network_zone).astype(str))
    in_zone = zone_code >= 0
    zone_dwellings = np.bincount(
        zone_code[in_zone], weights=count[in_zone], minlength=zone_names.size
    )
    is_hn_opt = np.isin(np.asarray(table.heating).astype(str), HEAT_NETWORK_SYSTEMS)
    hn_cols_mask = is_hn_opt[cells.option] & (zone_code[cells.group] >= 0)
    chosen: list[int] = []
    configs: list[HeatNetwork] = []
    unconfigured: list[str] = []
    for z in np.unique(zone_code[cells.group[hn_cols_mask]]).tolist():
        name = str(zone_names[z])
        cfg = settings.heat_networks.get(name, settings.heat_network_default)
        if cfg is None:
            unconfigured.append(name)
            continue
        chosen.append(z)
        configs.append(cfg)
    if unconfigured:
        notices.append(
            "heat-network zone(s) without a collective cost or minimum participation "
            f"(no settings entry and no default): {', '.join(unconfigured)}; their "
            "heat-network options are treated as individual options"
        )
    unknown_hn = sorted(set(settings.heat_networks) - set(zone_names.tolist()))
    if unknown_hn:
        notices.append(f"heat-network settings for zone(s) not in the table ignored: {unknown_hn}")
    column_zone = _positions(zone_code[cells.group], np.asarray(chosen), zone_names.size)
    return _HeatNetworkZones(
        names=tuple(str(zone_names[z]) for z in chosen),
        configs=tuple(configs),
        dwellings=np.asarray(zone_dwellings[chosen], dtype=float) if chosen else np.zeros(0),
        column_zone=np.where(hn_cols_mask, column_zone, -1),
    )


@dataclass(frozen=True)
class _GridZones:
    """The LV grid zones with a capacity (one ``grid`` row each)."""

    names: tuple[str, ...]  #: constrained zones, in row order
    capacity_kw: np.ndarray  #: (n_grid,) capacity after diversity before reinforcement [kW]
    dwellings: np.ndarray  #: (n_grid,) dwellings in each zone
    column_zone: np.ndarray  #: (n_x,) position of the column's zone, -1 = unconstrained

    @property
    def n(self) -> int:
        """Number of constrained zones."""
        return len(self.names)


def _grid_zones(
    table: OptionTable, settings: OptimiseSettings, cells: _Cells, notices: list[str]
) -> _GridZones:
    """The grid zones with a capacity and each one's capacity [kW].

    A zone's capacity is its entry in ``grid_capacity_kw``, else
    ``grid_capacity_kw_per_dwelling`` × its dwellings; a zone with neither is unconstrained
    (a notice names them when some zones do have a capacity). Capacities for zones not in the
    table are ignored with a notice.
    """
    count = np.asarray(table.count, dtype=float)
    gz_names, gz_code = _zone_codes(np.asarray(table.grid_zone).astype(str))
    in_zone = gz_code >= 0
    gz_dwellings = np.bincount(gz_code[in_zone], weights=count[in_zone], minlength=gz_names.size)
    cap_map: Mapping[str, float] = settings.grid_capacity_kw or {}
    unknown_gz = sorted(set(cap_map) - set(gz_names.tolist()))
    if unknown_gz:
        notices.append(f"grid capacity given for zone(s) not in the table ignored: {unknown_gz}")
    chosen: list[int] = []
    capacity: list[float] = []
    unconstrained: list[str] = []
    for k, name in enumerate(gz_names.tolist()):
        if name in cap_map:
            capacity.append(float(cap_map[name]))
        elif settings.grid_capacity_kw_per_dwelling is not None:
            capacity.append(float(settings.grid_capacity_kw_per_dwelling) * float(gz_dwellings[k]))
        else:
            if cap_map:
                unconstrained.append(name)
            continue
        chosen.append(k)
    if unconstrained:
        notices.append(
            f"grid zone(s) without a capacity (unconstrained): {', '.join(unconstrained)}"
        )
    return _GridZones(
        names=tuple(str(gz_names[k]) for k in chosen),
        capacity_kw=np.asarray(capacity, dtype=float),
        dwellings=np.asarray(gz_dwellings[chosen], dtype=float),
        column_zone=_positions(gz_code[cells.group], np.asarray(chosen), gz_names.size),
    )


@dataclass(frozen=True)
class _Reinforcements:
    """LV reinforcement options of the constrained grid zones (one ``reinforced`` column each)."""

    zones: tuple[str, ...]  #: grid zones with a ``reinforced`` column, in column order
    position: np.ndarray  #: (n_gr,) each one's position among the constrained grid zones
    added_kw: np.ndarray  #: (n_grid,) added kW when reinforced, per constrained zone (0 = none)
    cost: dict[str, np.ndarray]  #: perspective -> (n_grid,) annual cost when reinforced [€/yr]

    @property
    def n(self) -> int:
        """Number of ``reinforced`` columns."""
        return len(self.zones)


def _reinforcements(settings: OptimiseSettings, grid: _GridZones) -> _Reinforcements:
    """Which constrained grid zones may be reinforced, the kW it adds and its annual cost.

    National cost = fixed part + part per zone dwelling × the zone's dwellings; end-user cost
    as configured. A zone without a configuration (its own or ``reinforcement_default``)
    cannot be reinforced.
    """
    added_kw = np.zeros(grid.n)
    cost = {p: np.zeros(grid.n) for p in PERSPECTIVES}
    zones: list[str] = []
    position: list[int] = []
    for j, name in enumerate(grid.names):
        cfg = settings.reinforcement.get(name, settings.reinforcement_default)
        if cfg is None:
            continue
        n_dwellings = float(grid.dwellings[j])
        added_kw[j] = float(cfg.added_kw)
        cost["national"][j] = (
            cfg.annual_cost_eur + cfg.annual_cost_eur_per_zone_dwelling * n_dwellings
        )
        cost["end_user"][j] = cfg.end_user_annual_cost_eur
        zones.append(name)
        position.append(j)
    return _Reinforcements(tuple(zones), np.asarray(position, dtype=np.int64), added_kw, cost)


@dataclass(frozen=True)
class _Columns:
    """Column layout ``[x | built | reinforced | park]`` with bounds and integrality."""

    n_x: int
    hn_col0: int  #: first ``built`` column
    gr_col0: int  #: first ``reinforced`` column
    park_col: int | None
    lower: np.ndarray
    upper: np.ndarray
    integrality: np.ndarray  #: (n_cols,) bool

    @property
    def n(self) -> int:
        """Number of columns."""
        return int(self.lower.size)


def _columns(
    settings: OptimiseSettings, cells: _Cells, monthly: _MonthlyLimit, n_hn: int, n_gr: int
) -> _Columns:
    """Column bounds: ``0 ≤ n ≤ count`` (0 where closed), binaries in [0, 1], park [0, max].

    ``x`` columns are integer with ``per_dwelling``; ``built`` and ``reinforced`` always.
    """
    n_x = cells.n
    gr_col0 = n_x + n_hn
    park = settings.solar_park
    park_col = gr_col0 + n_gr if park is not None else None
    n_cols = gr_col0 + n_gr + (1 if park is not None else 0)
    upper = np.empty(n_cols)
    upper[:n_x] = cells.upper_open
    upper[:n_x][cells.fixed_closed] = 0.0
    upper[:n_x][monthly.closed] = 0.0
    upper[n_x : gr_col0 + n_gr] = 1.0
    integrality = np.zeros(n_cols, dtype=bool)
    integrality[n_x : gr_col0 + n_gr] = True
    if settings.per_dwelling:
        integrality[:n_x] = True
    if park is not None:
        upper[park_col] = _INF if park.max_kwp is None else float(park.max_kwp)
    return _Columns(n_x, n_x, gr_col0, park_col, np.zeros(n_cols), upper, integrality)


# ---------------------------------------------------------------------------------------------
# Objective vectors
# ---------------------------------------------------------------------------------------------


def _heat_network_costs(hn: _HeatNetworkZones) -> dict[str, np.ndarray]:
    """Annual cost of each zone's network when built, per perspective [€/yr].

    National: fixed part + part per zone dwelling × the zone's dwellings; end user: as
    configured.
    """
    cost = {p: np.zeros(hn.n) for p in PERSPECTIVES}
    for j, cfg in enumerate(hn.configs):
        n_dwellings = float(hn.dwellings[j])
        cost["national"][j] = (
            cfg.annual_cost_eur + cfg.annual_cost_eur_per_zone_dwelling * n_dwellings
        )
        cost["end_user"][j] = cfg.end_user_annual_cost_eur
    return cost


def _solar_park_costs(park: SolarPark | None) -> dict[str, float]:
    """Annual cost per kWp of the solar park, per perspective [€/kWp/yr] (empty without one)."""
    if park is None:
        return {}
    end_user = park.end_user_annual_cost_eur_per_kwp
    return {
        "national": float(park.annual_cost_eur_per_kwp),
        "end_user": float(park.annual_cost_eur_per_kwp if end_user is None else end_user),
    }


def _cost_vectors(
    table: OptionTable,
    cells: _Cells,
    cols: _Columns,
    hn_cost: Mapping[str, np.ndarray],
    reinf: _Reinforcements,
    park_cost: Mapping[str, float],
) -> dict[str, np.ndarray]:
    """Objective per perspective [€/yr]: Σ cost·n + Σ network·built + Σ reinf·reinforced + park.

    Parameters
    ----------
    hn_cost, park_cost
        From :func:`_heat_network_costs` and :func:`_solar_park_costs`.
    """
    cost: dict[str, np.ndarray] = {}
    for p in PERSPECTIVES:
        c = np.zeros(cols.n)
        c[: cols.n_x] = cells.of(table.objective_cost_eur(p))
        c[cols.hn_col0 : cols.gr_col0] = hn_cost[p]
        c[cols.gr_col0 : cols.gr_col0 + reinf.n] = reinf.cost[p][reinf.position] if reinf.n else 0.0
        if cols.park_col is not None:
            c[cols.park_col] = park_cost[p]
        cost[p] = c
    return cost


def _co2_vectors(
    table: OptionTable, cells: _Cells, cols: _Columns, park: SolarPark | None
) -> tuple[dict[str, np.ndarray], dict[str, float]]:
    """CO2 per column and the all-reference village's CO2, per basis.

    Returns
    -------
    co2
        Basis -> vector: Σ co2·n − credit·park [kg/yr first year, kg cumulative].
    reference
        Basis -> Σ_g count[g] · co2[g, reference option of g] [kg/yr or kg].
    """
    count = np.asarray(table.count, dtype=float)
    ref = np.asarray(table.reference_option, dtype=np.int64)
    credit = {
        "first_year": park.co2_kg_per_kwp if park is not None else 0.0,
        "cumulative": park.co2_cum_kg_per_kwp if park is not None else 0.0,
    }
    co2: dict[str, np.ndarray] = {}
    reference: dict[str, float] = {}
    for basis, name in (("first_year", "co2_kg"), ("cumulative", "co2_cum_kg")):
        arr = np.asarray(getattr(table, name), dtype=float)
        c = np.zeros(cols.n)
        c[: cols.n_x] = arr[cells.group, cells.option]
        if cols.park_col is not None:
            c[cols.park_col] = -float(credit[basis])
        co2[basis] = c
        reference[basis] = float(np.dot(count, arr[np.arange(ref.size), ref]))
    return co2, reference


# ---------------------------------------------------------------------------------------------
# Rows, one function per constraint family
# ---------------------------------------------------------------------------------------------


def _add_assign_rows(rows: _Rows, table: OptionTable, cells: _Cells) -> None:
    """``assign:<group>``: Σₒ n[g, o] = count[g], one row per group (rows 0 … G-1)."""
    count = np.asarray(table.count, dtype=float)
    group_id = np.asarray(table.group_id).astype(str)
    rows.add_block(
        cells.group,
        np.arange(cells.n),
        np.ones(cells.n),
        count.size,
        count,
        count,
        [f"assign:{g}" for g in group_id.tolist()],
        "assign",
    )


def _add_co2_row(
    rows: _Rows,
    settings: OptimiseSettings,
    co2: Mapping[str, np.ndarray],
    co2_reference_kg: Mapping[str, float],
) -> int:
    """``co2``: Σ co2·n − credit·park ≤ (1 − target) · reference [kg]; returns the row index.

    Always added (free without a target) so that the CO2 objective's stages and the Pareto
    front can cap it by its bound.

    Raises
    ------
    WupInputError
        A target with no positive reference emissions to reduce.
    """
    basis = settings.co2_basis
    upper = _INF
    if settings.co2_reduction is not None:
        if co2_reference_kg[basis] <= 0:
            raise WupInputError(
                "settings: a CO2 reduction target needs positive reference emissions; the "
                "all-reference village emits none",
                "settings",
            )
        upper = (1.0 - float(settings.co2_reduction)) * co2_reference_kg[basis]
    nz = np.flatnonzero(co2[basis])
    return rows.add(nz, co2[basis][nz], -_INF, upper, "co2", "co2")


def _add_budget_row(
    rows: _Rows, table: OptionTable, settings: OptimiseSettings, cells: _Cells
) -> None:
    """``budget``: Σ (capex − subsidy)·n ≤ budget, or Σ subsidy·n ≤ budget [€]."""
    if settings.budget_eur is None:
        return
    subsidy = np.asarray(table.subsidy_eur, dtype=float)
    if settings.budget_basis == "subsidy":
        coef = cells.of(subsidy)
    else:
        coef = cells.of(np.asarray(table.capex_eur, dtype=float) - subsidy)
    rows.add(np.arange(cells.n), coef, -_INF, float(settings.budget_eur), "budget", "budget")


def _add_grid_rows(
    rows: _Rows,
    table: OptionTable,
    settings: OptimiseSettings,
    cells: _Cells,
    grid: _GridZones,
    reinf: _Reinforcements,
    gr_col0: int,
) -> None:
    """``grid:<zone>``: Σ diversity·peak·n − added_kw·reinforced ≤ capacity [kW], per zone."""
    if not grid.n:
        return
    div = 1.0 if settings.diversity is None else float(settings.diversity)
    sel = grid.column_zone >= 0
    peak = cells.of(table.peak_kw)
    rows.add_block(
        np.concatenate([grid.column_zone[sel], reinf.position]),
        np.concatenate([np.flatnonzero(sel), gr_col0 + np.arange(reinf.n)]),
        np.concatenate([div * peak[sel], -reinf.added_kw[reinf.position]]),
        grid.n,
        np.full(grid.n, -_INF),
        grid.capacity_kw,
        [f"grid:{z}" for z in grid.names],
        "grid",
    )


def _add_heat_network_link_rows(rows: _Rows, hn: _HeatNetworkZones, hn_col0: int) -> None:
    """``heat_network_link:<zone>``: Σ n on the zone's network options − N_zone·built ≤ 0.

    Nobody joins a network that is not built [dwellings].
    """
    if not hn.n:
        return
    sel = hn.column_zone >= 0
    rows.add_block(
        np.concatenate([hn.column_zone[sel], np.arange(hn.n)]),
        np.concatenate([np.flatnonzero(sel), hn_col0 + np.arange(hn.n)]),
        np.concatenate([np.ones(int(sel.sum())), -hn.dwellings]),
        hn.n,
        np.full(hn.n, -_INF),
        np.zeros(hn.n),
        [f"heat_network_link:{z}" for z in hn.names],
        "hn_link",
    )


def _add_heat_network_minimum_rows(rows: _Rows, hn: _HeatNetworkZones, hn_col0: int) -> None:
    """``heat_network_participation:<zone>``: Σ n on network options − share·N_zone·built ≥ 0.

    A network is only built when at least ``min_participation`` of the zone's dwellings join
    [dwellings]; one row per zone with a positive minimum.
    """
    share = np.array([float(cfg.min_participation) for cfg in hn.configs])
    has_min = share > 0
    n_min = int(has_min.sum())
    if not n_min:
        return
    row_of_zone = np.full(hn.n, -1, dtype=np.int64)
    row_of_zone[has_min] = np.arange(n_min)
    sel = hn.column_zone >= 0
    sel[sel] = has_min[hn.column_zone[sel]]
    rows.add_block(
        np.concatenate([row_of_zone[hn.column_zone[sel]], row_of_zone[has_min]]),
        np.concatenate([np.flatnonzero(sel), hn_col0 + np.flatnonzero(has_min)]),
        np.concatenate([np.ones(int(sel.sum())), -(share * hn.dwellings)[has_min]]),
        n_min,
        np.zeros(n_min),
        np.full(n_min, _INF),
        [f"heat_network_participation:{z}" for z, m in zip(hn.names, has_min, strict=True) if m],
        "hn_min",
    )


def _add_energy_neutral_row(
    rows: _Rows,
    table: OptionTable,
    settings: OptimiseSettings,
    cells: _Cells,
    park_col: int | None,
) -> None:
    """``energy_neutral``: Σ (pv − share·electricity)·n + yield·park ≥ 0 [kWh/yr]."""
    if settings.energy_neutral_share is None:
        return
    s = float(settings.energy_neutral_share)
    coef = cells.of(
        np.asarray(table.pv_kwh, dtype=float) - s * np.asarray(table.electricity_kwh, dtype=float)
    )
    cols = np.arange(cells.n)
    if park_col is not None:
        cols = np.append(cols, park_col)
        coef = np.append(coef, float(settings.solar_park.yield_kwh_per_kwp))
    rows.add(cols, coef, 0.0, _INF, "energy_neutral", "energy_neutral")


def _add_extra_subsidy_row(rows: _Rows, settings: OptimiseSettings, monthly: _MonthlyLimit) -> None:
    """``extra_subsidy_budget``: Σ 12·max(0, change − limit)·n ≤ extra-subsidy budget [€/yr]."""
    if settings.extra_subsidy_budget_eur is None or settings.max_monthly_increase_eur is None:
        return
    nz = np.flatnonzero(monthly.extra_coef)
    rows.add(
        nz,
        monthly.extra_coef[nz],
        -_INF,
        float(settings.extra_subsidy_budget_eur),
        "extra_subsidy_budget",
        "extra_subsidy",
    )


def _add_max_installation_rows(
    rows: _Rows, table: OptionTable, settings: OptimiseSettings, cells: _Cells
) -> None:
    """``max_installations:<system>``: Σ n on options with heating system h ≤ max[h]."""
    heating = np.asarray(table.heating).astype(str)[cells.option]
    for h, most in sorted(settings.max_installations.items()):
        sel = np.flatnonzero(heating == h)
        rows.add(
            sel, np.ones(sel.size), -_INF, float(most), f"max_installations:{h}", "max_install"
        )


# ---------------------------------------------------------------------------------------------
# The model
# ---------------------------------------------------------------------------------------------


def build_model(table: OptionTable, settings: OptimiseSettings) -> MatrixModel:
    """Build the matrix model of ``table`` under ``settings``.

    Parameters
    ----------
    table
        Per-dwelling figures per group × option; validated by :func:`validate_table`.
    settings
        Targets, limits and collective options.

    Returns
    -------
    MatrixModel
        Columns, rows and objective vectors; see the module docstring.
    """
    notices: list[str] = []
    cells = _dwelling_cells(table, notices)
    monthly = _monthly_cost_limit(table, settings, cells, notices)
    hn = _heat_network_zones(table, settings, cells, notices)
    grid = _grid_zones(table, settings, cells, notices)
    reinf = _reinforcements(settings, grid)
    cols = _columns(settings, cells, monthly, hn.n, reinf.n)

    hn_cost = _heat_network_costs(hn)
    park_cost = _solar_park_costs(settings.solar_park)
    cost = _cost_vectors(table, cells, cols, hn_cost, reinf, park_cost)
    co2, co2_reference_kg = _co2_vectors(table, cells, cols, settings.solar_park)

    rows = _Rows()
    _add_assign_rows(rows, table, cells)
    co2_row = _add_co2_row(rows, settings, co2, co2_reference_kg)
    _add_budget_row(rows, table, settings, cells)
    _add_grid_rows(rows, table, settings, cells, grid, reinf, cols.gr_col0)
    _add_heat_network_link_rows(rows, hn, cols.hn_col0)
    _add_heat_network_minimum_rows(rows, hn, cols.hn_col0)
    _add_energy_neutral_row(rows, table, settings, cells, cols.park_col)
    _add_extra_subsidy_row(rows, settings, monthly)
    _add_max_installation_rows(rows, table, settings, cells)

    return MatrixModel(
        n_groups=int(np.asarray(table.group_id).size),
        n_options=int(np.asarray(table.option_id).size),
        x_group=cells.group,
        x_option=cells.option,
        hn_zones=hn.names,
        hn_col0=cols.hn_col0,
        grid_reinf_zones=reinf.zones,
        gr_col0=cols.gr_col0,
        park_col=cols.park_col,
        col_lower=cols.lower,
        col_upper=cols.upper,
        integrality=cols.integrality,
        A=rows.matrix(cols.n),
        row_lower=np.asarray(rows.lower, dtype=float),
        row_upper=np.asarray(rows.upper, dtype=float),
        row_names=rows.names,
        row_kind=np.asarray(rows.kinds, dtype=object),
        cost=cost,
        co2=co2,
        co2_row=co2_row,
        co2_reference_kg=co2_reference_kg,
        extra_coef=monthly.extra_coef,
        limited_cols=np.flatnonzero(monthly.closed),
        fixed_closed_cols=np.flatnonzero(cells.fixed_closed),
        x_upper_open=cells.upper_open,
        hn_zone_dwellings=hn.dwellings,
        hn_cost=hn_cost,
        grid_zones=grid.names,
        grid_capacity_kw=grid.capacity_kw,
        grid_added_kw=reinf.added_kw,
        grid_cost=reinf.cost,
        park_cost=park_cost,
        notices=notices,
    )

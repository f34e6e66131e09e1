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
    OptimiseSettings,
    OptionTable,
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
    G = int(np.asarray(table.group_id).size)
    O = int(np.asarray(table.option_id).size)  # noqa: E741 - O is the option count
    group_id = np.asarray(table.group_id).astype(str)
    count = np.asarray(table.count, dtype=float)
    heating = np.asarray(table.heating).astype(str)
    feasible = np.asarray(table.feasible, dtype=bool)
    fixed = np.asarray(table.fixed_option, dtype=np.int64)
    ref = np.asarray(table.reference_option, dtype=np.int64)
    hn_zone = np.asarray(table.heat_network_zone).astype(str)
    grid_zone = np.asarray(table.grid_zone).astype(str)
    free = fixed < 0
    opt_idx = np.arange(O)

    is_hn_opt = np.isin(heating, HEAT_NETWORK_SYSTEMS)
    allowed = feasible & ~(is_hn_opt[None, :] & (hn_zone == "")[:, None])
    # A household that already chose keeps its option even where the catalogue says no.
    is_fixed_cell = (~free)[:, None] & (opt_idx[None, :] == fixed[:, None])
    overridden = is_fixed_cell & ~allowed
    if overridden.any():
        gs = group_id[overridden.any(axis=1)]
        notices.append(
            f"{gs.size} group(s) keep an already chosen option that the option table marks "
            f"infeasible (e.g. '{gs[0]}'); the choice is kept as given"
        )
    allowed |= is_fixed_cell
    gi, oi = np.nonzero(allowed)  # row-major: columns grouped by group
    n_x = gi.size
    cnt = count[gi]

    x_upper_open = cnt.copy()
    col_upper_x = cnt.copy()
    fixed_closed = (~free[gi]) & (oi != fixed[gi])
    col_upper_x[fixed_closed] = 0.0

    monthly = np.asarray(table.monthly_cost_change_eur, dtype=float)[gi, oi]
    extra_coef = np.zeros(n_x)
    limited = np.zeros(n_x, dtype=bool)
    limit = settings.max_monthly_increase_eur
    if limit is None and settings.extra_subsidy_budget_eur is not None:
        notices.append("extra_subsidy_budget_eur has no effect without max_monthly_increase_eur")
    if limit is not None:
        excess = monthly - float(limit)
        limited = free[gi] & (excess > MONTHLY_TOLERANCE_EUR)
        if settings.extra_subsidy_budget_eur is not None:
            extra_coef = np.where(limited, 12.0 * excess, 0.0)
            limited = np.zeros(n_x, dtype=bool)
        else:
            col_upper_x[limited] = 0.0

    # --- heat-network zones with a collective decision -----------------------------------
    zone_names, zone_code = _zone_codes(hn_zone)
    zone_dwellings = np.bincount(
        zone_code[zone_code >= 0], weights=count[zone_code >= 0], minlength=zone_names.size
    )
    hn_cols_mask = is_hn_opt[oi] & (zone_code[gi] >= 0)
    zones_with_hn = np.unique(zone_code[gi[hn_cols_mask]])
    hn_zones: list[str] = []
    hn_cfg = []
    unconfigured: list[str] = []
    for z in zones_with_hn.tolist():
        name = str(zone_names[z])
        cfg = settings.heat_networks.get(name, settings.heat_network_default)
        if cfg is None:
            unconfigured.append(name)
            continue
        hn_zones.append(name)
        hn_cfg.append((z, cfg))
    if unconfigured:
        notices.append(
            "heat-network zone(s) without a collective cost or minimum participation "
            f"(no settings entry and no default): {', '.join(unconfigured)}; their "
            "heat-network options are treated as individual options"
        )
    unknown_hn = sorted(set(settings.heat_networks) - set(zone_names.tolist()))
    if unknown_hn:
        notices.append(f"heat-network settings for zone(s) not in the table ignored: {unknown_hn}")

    # --- grid zones ------------------------------------------------------------------------
    gz_names, gz_code = _zone_codes(grid_zone)
    gz_dwellings = np.bincount(
        gz_code[gz_code >= 0], weights=count[gz_code >= 0], minlength=gz_names.size
    )
    cap_map: Mapping[str, float] = settings.grid_capacity_kw or {}
    unknown_gz = sorted(set(cap_map) - set(gz_names.tolist()))
    if unknown_gz:
        notices.append(f"grid capacity given for zone(s) not in the table ignored: {unknown_gz}")
    grid_zones: list[str] = []
    grid_zone_idx: list[int] = []
    grid_cap: list[float] = []
    unconstrained: list[str] = []
    for k, name in enumerate(gz_names.tolist()):
        if name in cap_map:
            cap = float(cap_map[name])
        elif settings.grid_capacity_kw_per_dwelling is not None:
            cap = float(settings.grid_capacity_kw_per_dwelling) * float(gz_dwellings[k])
        else:
            if cap_map:
                unconstrained.append(name)
            continue
        grid_zones.append(name)
        grid_zone_idx.append(k)
        grid_cap.append(cap)
    if unconstrained:
        notices.append(
            f"grid zone(s) without a capacity (unconstrained): {', '.join(unconstrained)}"
        )
    grid_added = np.zeros(len(grid_zones))
    grid_cost = {p: np.zeros(len(grid_zones)) for p in PERSPECTIVES}
    reinf_zones: list[str] = []
    reinf_pos: list[int] = []
    for j, name in enumerate(grid_zones):
        cfg = settings.reinforcement.get(name, settings.reinforcement_default)
        if cfg is None:
            continue
        n_dw = float(gz_dwellings[grid_zone_idx[j]])
        grid_added[j] = float(cfg.added_kw)
        grid_cost["national"][j] = (
            cfg.annual_cost_eur + cfg.annual_cost_eur_per_zone_dwelling * n_dw
        )
        grid_cost["end_user"][j] = cfg.end_user_annual_cost_eur
        reinf_zones.append(name)
        reinf_pos.append(j)

    # --- columns ---------------------------------------------------------------------------
    n_hn = len(hn_zones)
    n_gr = len(reinf_zones)
    hn_col0 = n_x
    gr_col0 = n_x + n_hn
    park = settings.solar_park
    park_col = gr_col0 + n_gr if park is not None else None
    n_cols = gr_col0 + n_gr + (1 if park is not None else 0)
    col_lower = np.zeros(n_cols)
    col_upper = np.empty(n_cols)
    col_upper[:n_x] = col_upper_x
    col_upper[n_x : gr_col0 + n_gr] = 1.0
    integrality = np.zeros(n_cols, dtype=bool)
    integrality[n_x : gr_col0 + n_gr] = True
    if settings.per_dwelling:
        integrality[:n_x] = True
    if park is not None:
        col_upper[park_col] = _INF if park.max_kwp is None else float(park.max_kwp)

    # --- objective vectors -----------------------------------------------------------------
    cost: dict[str, np.ndarray] = {}
    hn_cost = {p: np.zeros(n_hn) for p in PERSPECTIVES}
    for j, (z, cfg) in enumerate(hn_cfg):
        hn_cost["national"][j] = (
            cfg.annual_cost_eur + cfg.annual_cost_eur_per_zone_dwelling * float(zone_dwellings[z])
        )
        hn_cost["end_user"][j] = cfg.end_user_annual_cost_eur
    park_cost: dict[str, float] = {}
    if park is not None:
        park_cost["national"] = float(park.annual_cost_eur_per_kwp)
        park_cost["end_user"] = float(
            park.annual_cost_eur_per_kwp
            if park.end_user_annual_cost_eur_per_kwp is None
            else park.end_user_annual_cost_eur_per_kwp
        )
    for p in PERSPECTIVES:
        c = np.zeros(n_cols)
        c[:n_x] = np.asarray(table.annual_cost_eur[p], dtype=float)[gi, oi]
        c[hn_col0:gr_col0] = hn_cost[p]
        c[gr_col0 : gr_col0 + n_gr] = grid_cost[p][reinf_pos] if n_gr else 0.0
        if park_col is not None:
            c[park_col] = park_cost[p]
        cost[p] = c
    co2: dict[str, np.ndarray] = {}
    co2_ref: dict[str, float] = {}
    credit = {
        "first_year": park.co2_kg_per_kwp if park is not None else 0.0,
        "cumulative": park.co2_cum_kg_per_kwp if park is not None else 0.0,
    }
    for basis, name in (("first_year", "co2_kg"), ("cumulative", "co2_cum_kg")):
        arr = np.asarray(getattr(table, name), dtype=float)
        c = np.zeros(n_cols)
        c[:n_x] = arr[gi, oi]
        if park_col is not None:
            c[park_col] = -float(credit[basis])
        co2[basis] = c
        co2_ref[basis] = float(np.dot(count, arr[np.arange(G), ref]))

    # --- rows ------------------------------------------------------------------------------
    rows = _Rows()
    x_cols = np.arange(n_x)
    rows.add_block(
        gi,
        x_cols,
        np.ones(n_x),
        G,
        count,
        count,
        [f"assign:{g}" for g in group_id.tolist()],
        "assign",
    )

    basis = settings.co2_basis
    co2_hi = _INF
    if settings.co2_reduction is not None:
        if co2_ref[basis] <= 0:
            raise WupInputError(
                "settings: a CO2 reduction target needs positive reference emissions; the "
                "all-reference village emits none",
                "settings",
            )
        co2_hi = (1.0 - float(settings.co2_reduction)) * co2_ref[basis]
    nz = np.flatnonzero(co2[basis])
    co2_row = rows.add(nz, co2[basis][nz], -_INF, co2_hi, "co2", "co2")

    if settings.budget_eur is not None:
        if settings.budget_basis == "subsidy":
            coef = np.asarray(table.subsidy_eur, dtype=float)[gi, oi]
        else:
            coef = (
                np.asarray(table.capex_eur, dtype=float)
                - np.asarray(table.subsidy_eur, dtype=float)
            )[gi, oi]
        rows.add(x_cols, coef, -_INF, float(settings.budget_eur), "budget", "budget")

    if grid_zones:
        div = 1.0 if settings.diversity is None else float(settings.diversity)
        pos_of_zone = np.full(gz_names.size, -1, dtype=np.int64)
        pos_of_zone[np.asarray(grid_zone_idx, dtype=np.int64)] = np.arange(len(grid_zones))
        xpos = pos_of_zone[gz_code[gi]] if n_x else np.zeros(0, dtype=np.int64)
        xpos = np.where(gz_code[gi] >= 0, xpos, -1)
        sel = xpos >= 0
        peak = np.asarray(table.peak_kw, dtype=float)[gi, oi]
        r_of = [xpos[sel]]
        c_of = [x_cols[sel]]
        v_of = [div * peak[sel]]
        if n_gr:
            r_of.append(np.asarray(reinf_pos, dtype=np.int64))
            c_of.append(gr_col0 + np.arange(n_gr))
            v_of.append(-grid_added[reinf_pos])
        rows.add_block(
            np.concatenate(r_of),
            np.concatenate(c_of),
            np.concatenate(v_of),
            len(grid_zones),
            np.full(len(grid_zones), -_INF),
            np.asarray(grid_cap),
            [f"grid:{z}" for z in grid_zones],
            "grid",
        )

    if n_hn:
        pos_of_hn = np.full(zone_names.size, -1, dtype=np.int64)
        pos_of_hn[np.asarray([z for z, _ in hn_cfg], dtype=np.int64)] = np.arange(n_hn)
        zc = zone_code[gi]
        xpos = np.where(hn_cols_mask, pos_of_hn[np.maximum(zc, 0)], -1)
        sel = xpos >= 0
        n_z = zone_dwellings[[z for z, _ in hn_cfg]]
        rows.add_block(
            np.concatenate([xpos[sel], np.arange(n_hn)]),
            np.concatenate([x_cols[sel], hn_col0 + np.arange(n_hn)]),
            np.concatenate([np.ones(int(sel.sum())), -n_z]),
            n_hn,
            np.full(n_hn, -_INF),
            np.zeros(n_hn),
            [f"heat_network_link:{z}" for z in hn_zones],
            "hn_link",
        )
        share = np.array([float(cfg.min_participation) for _, cfg in hn_cfg])
        has_min = share > 0
        if has_min.any():
            keep_pos = np.full(n_hn, -1, dtype=np.int64)
            keep_pos[has_min] = np.arange(int(has_min.sum()))
            sel2 = sel.copy()
            sel2[sel] = has_min[xpos[sel]]
            rows.add_block(
                np.concatenate([keep_pos[xpos[sel2]], keep_pos[has_min]]),
                np.concatenate([x_cols[sel2], hn_col0 + np.flatnonzero(has_min)]),
                np.concatenate([np.ones(int(sel2.sum())), -(share * n_z)[has_min]]),
                int(has_min.sum()),
                np.zeros(int(has_min.sum())),
                np.full(int(has_min.sum()), _INF),
                [
                    f"heat_network_participation:{z}"
                    for z, m in zip(hn_zones, has_min, strict=True)
                    if m
                ],
                "hn_min",
            )

    if settings.energy_neutral_share is not None:
        s = float(settings.energy_neutral_share)
        coef = (
            np.asarray(table.pv_kwh, dtype=float)
            - s * np.asarray(table.electricity_kwh, dtype=float)
        )[gi, oi]
        cols = x_cols
        if park_col is not None:
            cols = np.append(cols, park_col)
            coef = np.append(coef, float(park.yield_kwh_per_kwp))
        rows.add(cols, coef, 0.0, _INF, "energy_neutral", "energy_neutral")

    if settings.extra_subsidy_budget_eur is not None and limit is not None:
        nzc = np.flatnonzero(extra_coef)
        rows.add(
            nzc,
            extra_coef[nzc],
            -_INF,
            float(settings.extra_subsidy_budget_eur),
            "extra_subsidy_budget",
            "extra_subsidy",
        )

    for h, mx in sorted(settings.max_installations.items()):
        sel = np.flatnonzero(heating[oi] == h)
        rows.add(sel, np.ones(sel.size), -_INF, float(mx), f"max_installations:{h}", "max_install")

    A = rows.matrix(n_cols)
    return MatrixModel(
        n_groups=G,
        n_options=O,
        x_group=gi,
        x_option=oi,
        hn_zones=tuple(hn_zones),
        hn_col0=hn_col0,
        grid_reinf_zones=tuple(reinf_zones),
        gr_col0=gr_col0,
        park_col=park_col,
        col_lower=col_lower,
        col_upper=col_upper,
        integrality=integrality,
        A=A,
        row_lower=np.asarray(rows.lower, dtype=float),
        row_upper=np.asarray(rows.upper, dtype=float),
        row_names=rows.names,
        row_kind=np.asarray(rows.kinds, dtype=object),
        cost=cost,
        co2=co2,
        co2_row=co2_row,
        co2_reference_kg=co2_ref,
        extra_coef=extra_coef,
        limited_cols=np.flatnonzero(limited),
        fixed_closed_cols=np.flatnonzero(fixed_closed),
        x_upper_open=x_upper_open,
        hn_zone_dwellings=np.asarray(zone_dwellings[[z for z, _ in hn_cfg]], dtype=float)
        if n_hn
        else np.zeros(0),
        hn_cost=hn_cost,
        grid_zones=tuple(grid_zones),
        grid_capacity_kw=np.asarray(grid_cap, dtype=float),
        grid_added_kw=grid_added,
        grid_cost=grid_cost,
        park_cost=park_cost,
        notices=notices,
    )

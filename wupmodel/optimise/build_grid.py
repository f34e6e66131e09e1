"""The optimisation model's LV grid rows: zones with a capacity, reinforcement, neighbourhood
batteries, and the grid constraint (per zone after diversity, or per zone and candidate hour).

Part of :func:`wupmodel.optimise.build.build_model` (see its module docstring for the rows).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from wupmodel.optimise.build_rows import INF, Cells, Columns, Rows, positions, zone_codes
from wupmodel.optimise.problem import PERSPECTIVES, OptimiseSettings, OptionTable

__all__ = [
    "GridZones",
    "Reinforcements",
    "Batteries",
    "grid_zones",
    "reinforcements",
    "batteries",
    "add_grid_rows",
    "add_grid_hour_rows",
]

_INF = INF


@dataclass(frozen=True)
class GridZones:
    """The LV grid zones with a capacity (one ``grid`` row each)."""

    names: tuple[str, ...]  #: constrained zones, in row order
    capacity_kw: np.ndarray  #: (n_grid,) capacity after diversity before reinforcement [kW]
    dwellings: np.ndarray  #: (n_grid,) dwellings in each zone
    column_zone: np.ndarray  #: (n_x,) position of the column's zone, -1 = unconstrained

    @property
    def n(self) -> int:
        """Number of constrained zones."""
        return len(self.names)


def grid_zones(
    table: OptionTable, settings: OptimiseSettings, cells: Cells, notices: list[str]
) -> GridZones:
    """The grid zones with a capacity and each one's capacity [kW].

    A zone's capacity is its entry in ``grid_capacity_kw``, else
    ``grid_capacity_kw_per_dwelling`` × its dwellings; a zone with neither is unconstrained
    (a notice names them when some zones do have a capacity). Capacities for zones not in the
    table are ignored with a notice.
    """
    count = np.asarray(table.count, dtype=float)
    gz_names, gz_code = zone_codes(np.asarray(table.grid_zone).astype(str))
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
    return GridZones(
        names=tuple(str(gz_names[k]) for k in chosen),
        capacity_kw=np.asarray(capacity, dtype=float),
        dwellings=np.asarray(gz_dwellings[chosen], dtype=float),
        column_zone=positions(gz_code[cells.group], np.asarray(chosen), gz_names.size),
    )


@dataclass(frozen=True)
class Reinforcements:
    """LV reinforcement options of the constrained grid zones (one ``reinforced`` column each)."""

    zones: tuple[str, ...]  #: grid zones with a ``reinforced`` column, in column order
    position: np.ndarray  #: (n_gr,) each one's position among the constrained grid zones
    added_kw: np.ndarray  #: (n_grid,) added kW when reinforced, per constrained zone (0 = none)
    cost: dict[str, np.ndarray]  #: perspective -> (n_grid,) annual cost when reinforced [€/yr]

    @property
    def n(self) -> int:
        """Number of ``reinforced`` columns."""
        return len(self.zones)


def reinforcements(settings: OptimiseSettings, grid: GridZones) -> Reinforcements:
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
    return Reinforcements(tuple(zones), np.asarray(position, dtype=np.int64), added_kw, cost)


@dataclass(frozen=True)
class Batteries:
    """Neighbourhood-battery options of the constrained grid zones (one ``battery`` column each)."""

    zones: tuple[str, ...]  #: grid zones with a ``battery`` column, in column order
    position: np.ndarray  #: (n_gb,) each one's position among the constrained grid zones
    power_kw: float
    energy_kwh: float
    cost: dict[str, float]  #: perspective -> annual cost of one battery [€/yr]

    @property
    def n(self) -> int:
        return len(self.zones)


def batteries(
    table: OptionTable, settings: OptimiseSettings, grid: GridZones, reinf: Reinforcements
) -> Batteries:
    """A ``battery`` column for each constrained zone with hourly grid rows, when the settings
    have a neighbourhood battery; not where the zone's reinforcement adds at least the
    battery's power for at most its cost (the battery could never be better)."""
    b = settings.neighbourhood_battery
    if b is None or table.grid_rows is None:
        return Batteries((), np.zeros(0, dtype=np.int64), 0.0, 0.0, {})
    with_rows = set(np.asarray(table.grid_rows.zone).astype(str).tolist())
    p = settings.perspective
    own = b.annual_cost_eur if p == "national" else b.end_user_annual_cost_eur
    position = [
        j
        for j, z in enumerate(grid.names)
        if z in with_rows
        and not (
            reinf.added_kw[j] >= b.power_kw and reinf.cost[p][j] <= own and reinf.added_kw[j] > 0
        )
    ]
    return Batteries(
        zones=tuple(grid.names[j] for j in position),
        position=np.asarray(position, dtype=np.int64),
        power_kw=float(b.power_kw),
        energy_kwh=float(b.energy_kwh),
        cost={"national": float(b.annual_cost_eur), "end_user": float(b.end_user_annual_cost_eur)},
    )


# long because the hourly rows read every collective family of the zone (its cells, its
# reinforcement and its battery columns)
def add_grid_hour_rows(
    rows: Rows,
    table: OptionTable,
    cells: Cells,
    grid: GridZones,
    reinf: Reinforcements,
    bat: Batteries,
    cols: Columns,
) -> None:
    """``grid:<zone>@<hours>``, one per row of the table's :class:`GridRows` in a constrained
    zone: Σ coef·n − m·added_kw·reinforced − (p·battery_kw + e·battery_kwh)·battery ≤ m·capacity.
    """
    gr = table.grid_rows
    position = {z: j for j, z in enumerate(grid.names)}
    reinf_col = {int(j): cols.gr_col0 + i for i, j in enumerate(reinf.position)}
    bat_col = {int(j): cols.gb_col0 + i for i, j in enumerate(bat.position)}
    coef = np.asarray(gr.coef, dtype=float)
    for r in range(gr.n):  # the candidate rows (a few dozen hours and days), not dwellings
        j = position.get(str(gr.zone[r]))
        if j is None:
            continue  # an unconstrained zone
        sel = np.flatnonzero(grid.column_zone == j)
        col, val = [sel], [coef[cells.group[sel], cells.option[sel], r]]
        m = float(gr.cap_mult[r])
        if j in reinf_col:
            col.append(np.array([reinf_col[j]]))
            val.append(np.array([-m * reinf.added_kw[j]]))
        shave = float(gr.power_mult[r]) * bat.power_kw + float(gr.energy_mult[r]) * bat.energy_kwh
        if j in bat_col and shave > 0:
            col.append(np.array([bat_col[j]]))
            val.append(np.array([-shave]))
        rows.add(
            np.concatenate(col),
            np.concatenate(val),
            -_INF,
            m * float(grid.capacity_kw[j]),
            str(gr.name[r]),
            "grid",
        )


def add_grid_rows(
    rows: Rows,
    table: OptionTable,
    settings: OptimiseSettings,
    cells: Cells,
    grid: GridZones,
    reinf: Reinforcements,
    gr_col0: int,
) -> None:
    """``grid:<zone>``: Σ diversity·peak·n − added_kw·reinforced ≤ capacity [kW], per zone
    (the fallback without the table's hourly rows)."""
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

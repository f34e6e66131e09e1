"""Heat-pump performance: hplib Keymark fits, heating curve, bin method over the Drenthe climate.

COP = p1·T_in + p2·T_flow + p3 + p4·T_amb (hplib generic "Regulated" fits, °C), with T_in the
source temperature (outdoor air, or brine for ground-source) and T_amb the outdoor air. The
flow temperature follows a weather-compensated heating curve from the dwelling's design supply
temperature at the design outdoor temperature down to room temperature at the heating limit,
along the radiator characteristic (flow excess ∝ load^(1/n), EN 442).

Seasonal figures depend on the dwelling only through its design supply temperature (and, for
hybrids, the capacity share), so they are computed once on a supply-temperature grid and
interpolated: no (dwellings × bins) array is ever formed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from wupmodel.params import Params
from wupmodel.physics.climate import TemperatureBins, temperature_bins

__all__ = [
    "HeatPumpFit",
    "SeasonalTables",
    "heatpump_fit",
    "cop",
    "heating_curve_flow_c",
    "seasonal_tables",
    "SUPPLY_GRID_C",
    "CAPACITY_GRID",
    "interp_supply",
    "interp_supply_many",
    "interp_supply_capacity",
]

#: Supply-temperature grid of the precomputed seasonal tables [°C].
SUPPLY_GRID_C = np.arange(30.0, 90.01, 0.5)
#: Hybrid capacity (share of design load) grid [-].
CAPACITY_GRID = np.round(np.arange(0.05, 1.0001, 0.025), 6)


@dataclass(frozen=True)
class HeatPumpFit:
    """hplib COP fit parameters: COP = p1·T_in + p2·T_flow + p3 + p4·T_amb (°C)."""

    p1: float
    p2: float
    p3: float
    p4: float


def heatpump_fit(params: Params, group: int) -> HeatPumpFit:
    """The hplib generic fit of ``group`` (1 = air/water regulated, 2 = brine/water regulated)."""
    t = params.table("heatpump_fits")
    row = t.loc[t["group"] == group].iloc[0]
    return HeatPumpFit(*(float(row[f"p{i}_cop"]) for i in range(1, 5)))


def cop(fit: HeatPumpFit, t_source_c: np.ndarray, t_flow_c: np.ndarray, t_amb_c: np.ndarray) -> np.ndarray:
    """Coefficient of performance from the hplib fit (unclipped) [-]."""
    return fit.p1 * np.asarray(t_source_c) + fit.p2 * np.asarray(t_flow_c) + fit.p3 + fit.p4 * np.asarray(t_amb_c)


def _load_fraction(t_out_c: np.ndarray, params: Params) -> np.ndarray:
    """Heat load as a fraction of the design load: linear from 1 at the design to 0 at the limit."""
    t_hl = params["physics.heating_limit_temp_c"]
    t_d = params["physics.design_outdoor_temp_c"]
    return np.maximum((t_hl - np.asarray(t_out_c, dtype=float)) / (t_hl - t_d), 0.0)


def heating_curve_flow_c(t_out_c: np.ndarray, supply_design_c: np.ndarray, params: Params) -> np.ndarray:
    """Flow temperature at outdoor temperature ``t_out_c`` for a dwelling with design supply ``supply_design_c`` [°C].

    T_flow = T_room + (T_supply,design − T_room) · x^(1/n), x = load fraction, n = radiator
    exponent; never below ``hp.min_flow_temp_c``.
    """
    room = params["physics.design_indoor_temp_c"]
    x = _load_fraction(t_out_c, params)
    flow = room + (np.asarray(supply_design_c, dtype=float) - room) * x ** (1.0 / params["physics.radiator_exponent"])
    return np.maximum(flow, params["hp.min_flow_temp_c"])


@dataclass(frozen=True)
class SeasonalTables:
    """Seasonal heat-pump figures on the supply-temperature grid (and capacity grid for hybrids).

    Attributes
    ----------
    supply_c
        Design supply temperature grid [°C], shape (S,).
    capacity_share
        Hybrid capacity grid (share of the design load) [-], shape (C,).
    scop_air, scop_ground
        Seasonal COP for space heating, all-electric air/water and ground-source, shape (S,).
    cop_air_design, cop_ground_design
        COP at the design outdoor temperature (≥ ``hp.cop_floor``), shape (S,).
    hybrid_share
        Share of space heat delivered by the hybrid heat pump, shape (S, C).
    hybrid_scop
        Seasonal COP of the hybrid heat pump over the heat it delivers, shape (S, C).
    hybrid_peak_frac
        Largest electric input of the hybrid heat pump as a share of the design heat load, (S, C).
    """

    supply_c: np.ndarray
    capacity_share: np.ndarray
    scop_air: np.ndarray
    scop_ground: np.ndarray
    cop_air_design: np.ndarray
    cop_ground_design: np.ndarray
    hybrid_share: np.ndarray
    hybrid_scop: np.ndarray
    hybrid_peak_frac: np.ndarray


def seasonal_tables(params: Params, bins: TemperatureBins | None = None) -> SeasonalTables:
    """Bin-method seasonal performance on :data:`SUPPLY_GRID_C` × :data:`CAPACITY_GRID`.

    Parameters
    ----------
    params
        Parameters (fits, ``hp.*``, ``physics.*``).
    bins
        Outdoor-temperature bins; the packaged Drenthe table by default.
    """
    bins = temperature_bins(params) if bins is None else bins
    t = bins.temp_c[None, :]
    x = _load_fraction(t, params)  # (1, B)
    q = bins.hours[None, :] * x  # heat per bin per unit design load
    flow = heating_curve_flow_c(t, SUPPLY_GRID_C[:, None], params)  # (S, B)
    floor = params["hp.cop_floor"]
    air = heatpump_fit(params, 1)
    ground = heatpump_fit(params, 2)
    cop_air = np.maximum(cop(air, t, flow, t), floor)
    cop_ground = np.maximum(cop(ground, params["hp.ground_brine_temp_c"], flow, t), floor)
    scop_air = q.sum() / (q / cop_air).sum(axis=1)
    scop_ground = q.sum() / (q / cop_ground).sum(axis=1)

    t_d = params["physics.design_outdoor_temp_c"]
    cop_air_d = np.maximum(cop(air, t_d, SUPPLY_GRID_C, t_d), floor)
    cop_ground_d = np.maximum(cop(ground, params["hp.ground_brine_design_temp_c"], SUPPLY_GRID_C, t_d), floor)

    # Hybrid: the heat pump covers the load up to its capacity while its COP stays above the
    # switch-over threshold; the boiler does the rest.
    runs = cop_air >= params["hp.hybrid_switch_cop"]  # (S, B)
    delivered = np.minimum(x[None, :, :], CAPACITY_GRID[None, :, None])  # (1, C, B)
    hp_heat = bins.hours[None, None, :] * delivered * runs[:, None, :]  # (S, C, B)
    share = hp_heat.sum(axis=2) / q.sum()
    elec = (hp_heat / cop_air[:, None, :]).sum(axis=2)
    with np.errstate(invalid="ignore", divide="ignore"):
        # Where the heat pump never runs its SCOP is irrelevant; the switch-over COP keeps the
        # table finite for interpolation.
        hybrid_scop = np.where(elec > 0, hp_heat.sum(axis=2) / elec, params["hp.hybrid_switch_cop"])
    peak = np.where(runs[:, None, :] & (x[None, :, :] > 0), delivered / cop_air[:, None, :], 0.0).max(axis=2)
    return SeasonalTables(
        supply_c=SUPPLY_GRID_C,
        capacity_share=CAPACITY_GRID,
        scop_air=scop_air,
        scop_ground=scop_ground,
        cop_air_design=cop_air_d,
        cop_ground_design=cop_ground_d,
        hybrid_share=share,
        hybrid_scop=hybrid_scop,
        hybrid_peak_frac=peak,
    )


def _grid_cell(grid: np.ndarray, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Cell of each ``x`` on a uniform ``grid``, as ``np.searchsorted(grid, x, "right") - 1``.

    Returns (j, x clipped to the grid): grid[j] <= x < grid[j+1], j = last node at the top of
    the grid (and for NaN). The cell comes from the grid step instead of a binary search
    (several times faster), then one comparison each way undoes any rounding in the division.
    """
    x = np.clip(np.asarray(x, dtype=float), grid[0], grid[-1])
    step = (grid[-1] - grid[0]) / (grid.size - 1)
    j = np.nan_to_num((x - grid[0]) / step, nan=grid.size - 1).astype(np.intp)
    np.clip(j, 0, grid.size - 1, out=j)
    j -= grid[j] > x
    j += np.append(grid, np.inf)[j + 1] <= x
    return j, x


def _slopes(table: np.ndarray) -> np.ndarray:
    """Slopes of a (S,) supply table per grid cell, with 0 after the last node (see interp_supply)."""
    return np.append(np.diff(table) / np.diff(SUPPLY_GRID_C), 0.0)


def interp_supply(table: np.ndarray, supply_c: np.ndarray) -> np.ndarray:
    """Interpolate a (S,) table at supply temperatures of any shape.

    The same numbers as ``np.interp(supply_c, SUPPLY_GRID_C, table)``: slope of the cell ×
    offset + node value, the end values outside the grid (see :func:`interp_supply_many`).
    """
    return interp_supply_many((table,), supply_c)[0]


def interp_supply_many(tables: tuple[np.ndarray, ...], supply_c: np.ndarray) -> list[np.ndarray]:
    """:func:`interp_supply` of several (S,) tables at the same supply temperatures.

    The cell and offset are found once. Clipping to the grid and a zero slope after the last
    node give np.interp's end values (the offset is 0 at the ends).
    """
    j, s = _grid_cell(SUPPLY_GRID_C, supply_c)
    offset = s - SUPPLY_GRID_C[j]
    return [_slopes(t)[j] * offset + np.asarray(t)[j] for t in tables]


def interp_supply_capacity(
    tables: tuple[np.ndarray, ...], supply_c: np.ndarray, capacity_share: np.ndarray
) -> list[np.ndarray]:
    """Bilinear interpolation of (S, C) tables at (supply, capacity share) pairs of one shape.

    The weights are computed once and applied to every table of ``tables``.
    """
    i, s = _grid_cell(SUPPLY_GRID_C, supply_c)
    j, c = _grid_cell(CAPACITY_GRID, capacity_share)
    np.minimum(i, SUPPLY_GRID_C.size - 2, out=i)
    np.minimum(j, CAPACITY_GRID.size - 2, out=j)
    fs = (s - SUPPLY_GRID_C[i]) / (SUPPLY_GRID_C[i + 1] - SUPPLY_GRID_C[i])
    fc = (c - CAPACITY_GRID[j]) / (CAPACITY_GRID[j + 1] - CAPACITY_GRID[j])
    flat = i * CAPACITY_GRID.size + j
    corners = (flat, flat + 1, flat + CAPACITY_GRID.size, flat + CAPACITY_GRID.size + 1)
    w00, w01, w10, w11 = (1 - fs) * (1 - fc), (1 - fs) * fc, fs * (1 - fc), fs * fc
    out = []
    for table in tables:  # a handful of tables
        t = np.asarray(table).ravel()
        out.append(w00 * t.take(corners[0]) + w01 * t.take(corners[1]) + w10 * t.take(corners[2])
                   + w11 * t.take(corners[3]))
    return out

"""Heat-pump performance: Carnot model fitted to Keymark, heating curve, sizing with backup, bin
method.

COP = η · T_h / (T_h − T_c) with T_h = T_flow + ΔT_c and T_c = T_source − ΔT_e in kelvin and a
second-law efficiency η = η0 + η_s·T_source + η_f·T_flow (°C), fitted by
``scripts/fit_heatpump.py`` to the medians of the Heat Pump Keymark test points of the hplib
units (``data/heatpump_carnot.csv``; the points and their 10–90 % bands in
``data/heatpump_keymark.csv``). hplib's linear generic fits (:func:`cop`) are kept for
comparison only: at −7/52 they give 1.35 where the units' measured COP_ref has a median of 2.02.

Sizing: the heat pump delivers ``hp.design_cover_share`` of the design load at the design
outdoor temperature; below it its capacity falls by ``hp.capacity_drop_per_k`` per kelvin (air
source only); an electric backup heater (COP 1) covers what the heat pump cannot, in the yearly
electricity and in the design peak alike. The yearly figures use the lab COP times
``hp.field_factor`` (installed systems: pumps, controls, buffer and cycling losses that the
Keymark test points leave out); the design peak uses the lab COP at full load. Where the COP
drops below ``hp.cop_floor`` the backup heater takes over. The flow temperature follows a
weather-compensated heating curve from the dwelling's design supply temperature at the design
outdoor temperature down to room temperature at the heating limit, along the radiator
characteristic (flow excess ∝ load^(1/n), EN 442).

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
    "CarnotFit",
    "carnot_fit",
    "carnot_cop",
    "HeatPumpFit",
    "SeasonalTables",
    "heatpump_fit",
    "cop",
    "heating_curve_flow_c",
    "seasonal_tables",
    "capacity_share",
    "electric_input_per_design_kw",
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


@dataclass(frozen=True)
class CarnotFit:
    """Carnot model coefficients: η = eta0 + eta_s·T_source + eta_f·T_flow, approach ΔT [K]."""

    eta0: float
    eta_s: float
    eta_f: float
    dt_condenser_k: float
    dt_evaporator_k: float


def carnot_fit(params: Params, group: int) -> CarnotFit:
    """The fitted Carnot coefficients of ``group`` (1 = air/water, 2 = brine/water),
    ``heatpump_carnot``."""
    t = params.table("heatpump_carnot")
    row = t.loc[t["group"] == group].iloc[0]
    return CarnotFit(
        float(row["eta0"]),
        float(row["eta_per_k_source"]),
        float(row["eta_per_k_flow"]),
        float(row["dt_condenser_k"]),
        float(row["dt_evaporator_k"]),
    )


def carnot_cop(fit: CarnotFit, t_source_c: np.ndarray, t_flow_c: np.ndarray) -> np.ndarray:
    """COP of the heat pump alone at source and flow temperature [°C] (unclipped) [-].

    COP = η · T_h / (T_h − T_c), T_h = T_flow + 273.15 + ΔT_c, T_c = T_source + 273.15 − ΔT_e,
    η = η0 + η_s·T_source + η_f·T_flow.
    """
    ts = np.asarray(t_source_c, dtype=float)
    tf = np.asarray(t_flow_c, dtype=float)
    t_h = tf + 273.15 + fit.dt_condenser_k
    lift = t_h - (ts + 273.15 - fit.dt_evaporator_k)
    return (fit.eta0 + fit.eta_s * ts + fit.eta_f * tf) * t_h / np.maximum(lift, 1.0)


def heatpump_fit(params: Params, group: int) -> HeatPumpFit:
    """The hplib generic fit of ``group`` (1 = air/water regulated, 2 = brine/water regulated)."""
    t = params.table("heatpump_fits")
    row = t.loc[t["group"] == group].iloc[0]
    return HeatPumpFit(*(float(row[f"p{i}_cop"]) for i in range(1, 5)))


def cop(
    fit: HeatPumpFit, t_source_c: np.ndarray, t_flow_c: np.ndarray, t_amb_c: np.ndarray
) -> np.ndarray:
    """Coefficient of performance from the hplib linear generic fit (unclipped) [-]; for
    comparison."""
    return (
        fit.p1 * np.asarray(t_source_c)
        + fit.p2 * np.asarray(t_flow_c)
        + fit.p3
        + fit.p4 * np.asarray(t_amb_c)
    )


def _load_fraction(t_out_c: np.ndarray, params: Params) -> np.ndarray:
    """Heat load as a fraction of the design load: linear from 1 at the design to 0 at the limit."""
    t_hl = params["physics.heating_limit_temp_c"]
    t_d = params["physics.design_outdoor_temp_c"]
    return np.maximum((t_hl - np.asarray(t_out_c, dtype=float)) / (t_hl - t_d), 0.0)


def heating_curve_flow_c(
    t_out_c: np.ndarray, supply_design_c: np.ndarray, params: Params
) -> np.ndarray:
    """Flow temperature at outdoor temperature ``t_out_c`` for a dwelling with design supply
    ``supply_design_c`` [°C].

    T_flow = T_room + (T_supply,design − T_room) · x^(1/n), x = load fraction, n = radiator
    exponent; never below ``hp.min_flow_temp_c``.
    """
    room = params["physics.design_indoor_temp_c"]
    x = _load_fraction(t_out_c, params)
    flow = room + (np.asarray(supply_design_c, dtype=float) - room) * x ** (
        1.0 / params["physics.radiator_exponent"]
    )
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
        Seasonal performance for space heating of the all-electric air/water and ground-source
        heat pump incl. its backup heater (heat / electricity), shape (S,).
    cop_air_design, cop_ground_design
        COP of the heat pump alone at the design outdoor temperature (≥ ``hp.cop_floor``), (S,).
    peak_frac_air, peak_frac_ground
        Electric input at the design outdoor temperature per kW of design heat load, heat pump
        plus backup heater [kW/kW], shape (S,).
    backup_share_air, backup_share_ground
        Share of the yearly space heat delivered by the backup heater [-], shape (S,).
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
    peak_frac_air: np.ndarray
    peak_frac_ground: np.ndarray
    backup_share_air: np.ndarray
    backup_share_ground: np.ndarray
    hybrid_share: np.ndarray
    hybrid_scop: np.ndarray
    hybrid_peak_frac: np.ndarray


def capacity_share(t_out_c: np.ndarray, params: Params, *, air: bool) -> np.ndarray:
    """Heat-pump capacity as a share of the design heat load at outdoor temperature ``t_out_c`` [-].

    ``hp.design_cover_share`` at and above the design outdoor temperature; an air source loses
    ``hp.capacity_drop_per_k`` of it per kelvin colder than the design temperature.
    """
    cover = params["hp.design_cover_share"]
    if not air:
        return np.full(np.shape(t_out_c), cover)
    below = np.maximum(
        params["physics.design_outdoor_temp_c"] - np.asarray(t_out_c, dtype=float), 0.0
    )
    return cover * np.maximum(1.0 - params["hp.capacity_drop_per_k"] * below, 0.0)


def electric_input_per_design_kw(
    load_fraction: np.ndarray, cop_hp: np.ndarray, cap_share: np.ndarray, params: Params
) -> tuple[np.ndarray, np.ndarray]:
    """Electric input and backup heat per kW of design heat load [kW/kW].

    The heat pump delivers min(load, capacity) at ``max(cop_hp, hp.cop_floor)``; the backup
    heater (COP 1) delivers the rest. Returns (electricity, backup heat), broadcast shapes.
    """
    hp_heat = np.minimum(load_fraction, cap_share)
    backup = np.maximum(load_fraction - cap_share, 0.0)
    return hp_heat / np.maximum(cop_hp, params["hp.cop_floor"]) + backup, backup


def seasonal_tables(params: Params, bins: TemperatureBins | None = None) -> SeasonalTables:
    """Bin-method seasonal performance on :data:`SUPPLY_GRID_C` × :data:`CAPACITY_GRID`.

    Parameters
    ----------
    params
        Parameters (``heatpump_carnot``, ``hp.*``, ``physics.*``).
    bins
        Outdoor-temperature bins; the packaged Drenthe table by default.
    """
    bins = temperature_bins(params) if bins is None else bins
    t = bins.temp_c[None, :]
    x = _load_fraction(t, params)  # (1, B)
    q = bins.hours[None, :] * x  # heat per bin per unit design load
    flow = heating_curve_flow_c(t, SUPPLY_GRID_C[:, None], params)  # (S, B)
    floor = params["hp.cop_floor"]
    air = carnot_fit(params, 1)
    ground = carnot_fit(params, 2)
    # Yearly use: the lab COP × the field factor (pumps, controls, buffer, cycling not in Keymark).
    field = params["hp.field_factor"]
    cop_air = np.maximum(field * carnot_cop(air, t, flow), floor)
    cop_ground = np.maximum(
        field * carnot_cop(ground, params["hp.ground_brine_temp_c"], flow), floor
    )

    def all_electric(cop_bins: np.ndarray, is_air: bool) -> tuple[np.ndarray, np.ndarray]:
        elec, backup = electric_input_per_design_kw(
            x, cop_bins, capacity_share(t, params, air=is_air), params
        )
        backup_share = np.broadcast_to(
            (bins.hours * backup).sum(axis=-1) / q.sum(), SUPPLY_GRID_C.shape
        ).copy()
        return q.sum() / (bins.hours * elec).sum(axis=1), backup_share

    scop_air, backup_air = all_electric(cop_air, True)
    scop_ground, backup_ground = all_electric(cop_ground, False)

    t_d = params["physics.design_outdoor_temp_c"]
    cop_air_d = np.maximum(carnot_cop(air, t_d, SUPPLY_GRID_C), floor)
    cop_ground_d = np.maximum(
        carnot_cop(ground, params["hp.ground_brine_design_temp_c"], SUPPLY_GRID_C), floor
    )
    cover = params["hp.design_cover_share"]
    peak_air = electric_input_per_design_kw(1.0, cop_air_d, cover, params)[0]
    peak_ground = electric_input_per_design_kw(1.0, cop_ground_d, cover, params)[0]

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
    peak = np.where(
        runs[:, None, :] & (x[None, :, :] > 0), delivered / cop_air[:, None, :], 0.0
    ).max(axis=2)
    return SeasonalTables(
        supply_c=SUPPLY_GRID_C,
        capacity_share=CAPACITY_GRID,
        scop_air=scop_air,
        scop_ground=scop_ground,
        cop_air_design=cop_air_d,
        cop_ground_design=cop_ground_d,
        peak_frac_air=np.broadcast_to(peak_air, SUPPLY_GRID_C.shape).copy(),
        peak_frac_ground=np.broadcast_to(peak_ground, SUPPLY_GRID_C.shape).copy(),
        backup_share_air=backup_air,
        backup_share_ground=backup_ground,
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
    """Slopes of a (S,) supply table per grid cell, with 0 after the last node (see
    interp_supply)."""
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
        out.append(
            w00 * t.take(corners[0])
            + w01 * t.take(corners[1])
            + w10 * t.take(corners[2])
            + w11 * t.take(corners[3])
        )
    return out

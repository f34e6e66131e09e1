"""Hour by hour: 8 760 hours of every dwelling group under one option, and the zones' peaks.

Each row (a dwelling group under one option, :class:`HourlyRows`) gets, per hour of a weather
year (:mod:`wupmodel.physics.hourly_data`):

* **space heat** from the ETM shape of its house type and insulation (smoothed over a cluster
  of houses, so it carries a neighbourhood's diversity), scaled to the row's useful space heat;
* **heat-pump electricity** through the COP of :mod:`wupmodel.physics.heatpump` at the hour's
  outdoor temperature and the flow temperature of the heating curve (Carnot fit × field
  factor, COP floor, capacity falling below the design temperature, electric backup heater for
  the rest), on the model's supply-temperature grid; a **hybrid** heat pump covers the load up
  to its capacity in the hours its COP reaches the switch-over COP, the boiler the rest;
* **gas** (boiler, hybrid) and **network heat** (MT, LT) for space heat and hot water;
* **hot water** from the Jordan (2001) shape, **appliances** from the NEDU E1A profile, **PV**
  from the rooftop-PV shape, auxiliaries flat;
* import, export and self-consumption per hour (after a home battery where the row has one,
  :mod:`wupmodel.physics.battery`).

Two scalings (:class:`HourlyOptions`):

``"month"`` (energy, bills, self-consumption)
    every component keeps the monthly totals of the monthly model
    (:func:`wupmodel.physics.monthly.monthly_components`, the model's own yearly figures split
    by its own profiles and bin method); the weather year gives only the shape within each
    month. Where a month of a shape is empty (a well-insulated house in May) the month's
    heating degree hours, or else its hours, carry the month's total.
``"weather"`` (the grid's design peak)
    the weather year's own year: space heat and the gas or network heat that meets it are the
    model's yearly figures × the ratio of the weather year's heating degree hours (De Bilt,
    below ``physics.heating_limit_temp_c``) to the Drenthe bin table's, spread by the shape;
    the heat pumps' electricity follows from that heat through the lab COP at full load hour
    by hour (as the design-day peak; no field factor), not rescaled; the other components
    are their yearly figures spread by their shapes.

Vectorised over rows and hours (no Python loop over hours or dwellings; loops over the twelve
months and over chunks of rows). Components that are a shared shape carried to a row's monthly
totals (appliances, hot water, a boiler's gas, network heat) are summed over rows without
per-row hours (:mod:`wupmodel.physics.hourly_shapes`); only heat pumps, PV and batteries get
hours of their own, in chunks of rows, float32. Sums over hours run per day in float32 and
per month in float64; a chunk's rows are summed in float32 and the chunks in float64 (each
within 1e-6 of float64 throughout).

The rows and their map onto the ETM's house types and insulation levels:
:mod:`wupmodel.physics.hourly_rows`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from wupmodel.params import Params
from wupmodel.physics.battery import Battery, dispatch_self_consumption
from wupmodel.physics.climate import temperature_bins
from wupmodel.physics.hourly_data import HOURS, MONTH_START, HourlyCurves
from wupmodel.physics.hourly_heat import CopHours, cop_hours, heat_pump_kw, hybrid_kw
from wupmodel.physics.hourly_rows import HourlyRows, RowChoice, etm_shape_index, rows_from_physics
from wupmodel.physics.hourly_shapes import (
    APPLIANCES,
    FLAT,
    HOT_WATER,
    PV,
    SPACE_SHAPES,
    ShapeBank,
    coincident_sum,
    fit_months,
    hours_of,
    month_coefficients,
    month_sums,
    shape_bank,
)
from wupmodel.physics.monthly import (
    Components,
    monthly_components,
    yearly_components,
)
from wupmodel.vocabulary import HEATING_SYSTEMS

__all__ = [
    "HourlyRows",
    "RowChoice",
    "rows_from_physics",
    "HourlyOptions",
    "HourlyResult",
    "ZonePeak",
    "CARRIERS",
    "CURVES",
    "etm_shape_index",
    "hourly_pass",
    "zone_peak",
    "weather_ratio",
]

#: Monthly sums per row of :class:`HourlyResult` (and :attr:`HourlyResult.hours` names).
CARRIERS: tuple[str, ...] = (
    "electricity_demand_kwh",
    "electricity_import_kwh",
    "electricity_export_kwh",
    "self_consumption_kwh",
    "direct_use_kwh",
    "pv_kwh",
    "gas_m3",
    "heat_gj",
)
#: Coincident sums over rows (× count) of :class:`HourlyResult`, per hour.
CURVES: tuple[str, ...] = ("electricity_import_kw", "electricity_export_kw", "gas_m3_h", "heat_kw")

_H = {name: i for i, name in enumerate(HEATING_SYSTEMS)}
_GJ_PER_KWH = 3.6e-3


@dataclass(frozen=True)
class HourlyOptions:
    """How to run :func:`hourly_pass`.

    Attributes
    ----------
    scale
        ``"month"`` (the monthly model's totals; energy and bills) or ``"weather"`` (the weather
        year's own year; design peaks); see the module docstring.
    chunk_rows
        Rows computed hour by hour at a time (heat pumps, PV, batteries): about ten arrays of
        chunk_rows × 8 760 (35 kB per row in float32); 64 keeps them in the CPU's cache.
    keep_hours
        Also return every row's hourly arrays (:attr:`HourlyResult.hours`); for a few rows.
    dtype
        dtype of the hourly arrays (float32 by default; sums accumulate in float64).
    """

    scale: str = "month"
    chunk_rows: int = 64
    keep_hours: bool = False
    dtype: type = np.float32

    def __post_init__(self) -> None:
        if self.scale not in ("month", "weather"):
            raise ValueError("HourlyOptions.scale must be 'month' or 'weather'")
        if self.chunk_rows < 1:
            raise ValueError("HourlyOptions.chunk_rows must be >= 1")


@dataclass(frozen=True)
class HourlyResult:
    """What :func:`hourly_pass` returns.

    Attributes
    ----------
    weather_year, scale
        The weather year and scaling used.
    monthly
        Carrier (:data:`CARRIERS`) → sums of the hours per calendar month per dwelling of each
        row, shape (n, 12) float64 (kWh, m³, GJ): summed from the row's own hours where it has
        them (heat pumps, PV), else the monthly totals its shared shapes were carried to.
        ``self_consumption_kwh`` is PV used on site, directly or through the battery;
        ``direct_use_kwh`` the part used in the hour it is made (what it would be without a
        battery).
    curves
        Curve name (:data:`CURVES`) → coincident sum over the rows of each curve index, each row
        times its ``count``, per hour, shape (K, 8760) float64 [kW, m³/h].
    hours
        With ``keep_hours``: carrier → per dwelling per hour, shape (n, 8760) (kW, m³/h, GJ/h);
        also ``space_heat_kw`` and ``battery_soc_kwh``. Empty otherwise.
    """

    weather_year: int
    scale: str
    monthly: dict[str, np.ndarray]
    curves: dict[str, np.ndarray]
    hours: dict[str, np.ndarray] = field(default_factory=dict)

    def yearly(self, carrier: str) -> np.ndarray:
        """Yearly sum of ``carrier`` per dwelling of each row, shape (n,)."""
        return self.monthly[carrier].sum(axis=1)

    @property
    def self_consumption_share(self) -> np.ndarray:
        """PV used on site / PV yield per row (NaN without PV), shape (n,)."""
        pv = self.yearly("pv_kwh")
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(pv > 0, self.yearly("self_consumption_kwh") / pv, np.nan)

    @property
    def net_load_kw(self) -> np.ndarray:
        """Coincident import − export of each curve per hour [kW], shape (K, 8760)."""
        return self.curves["electricity_import_kw"] - self.curves["electricity_export_kw"]


@dataclass(frozen=True)
class ZonePeak:
    """The peak of load curves (one per zone), shape (K,) unless said otherwise.

    Attributes
    ----------
    peak_kw
        Largest load over the hours [kW].
    peak_hour
        Hour of the year of the peak (0 = 1 January 00:00-01:00 UTC).
    load_duration_kw
        The load sorted from the largest hour down, shape (K, 8760) [kW].
    reverse_peak_kw
        Largest reverse flow (export) over the hours, ≥ 0 [kW].
    """

    peak_kw: np.ndarray
    peak_hour: np.ndarray
    load_duration_kw: np.ndarray
    reverse_peak_kw: np.ndarray


def zone_peak(load_kw: np.ndarray) -> ZonePeak:
    """Peak, its hour, the load-duration curve and the reverse peak of each load curve.

    Parameters
    ----------
    load_kw
        Coincident load per hour, positive = from the grid, shape (K, H) or (H,).
    """
    load = np.atleast_2d(np.asarray(load_kw, dtype=float))
    hour = load.argmax(axis=1)
    return ZonePeak(
        peak_kw=load[np.arange(load.shape[0]), hour],
        peak_hour=hour,
        load_duration_kw=-np.sort(-load, axis=1),
        reverse_peak_kw=np.maximum(-load.min(axis=1), 0.0),
    )


def weather_ratio(curves: HourlyCurves, params: Params) -> float:
    """Heating degree hours of the weather year over the Drenthe bin table's [-].

    Both below ``physics.heating_limit_temp_c``: De Bilt's hourly temperatures of
    ``curves`` against the packaged Eelde bins (the climate of the yearly figures).
    """
    limit = params["physics.heating_limit_temp_c"]
    bins = temperature_bins(params)
    normal = float(bins.hours @ np.maximum(limit - bins.temp_c, 0.0))
    return float(np.maximum(limit - curves.t_air_c, 0.0).sum()) / normal


# ---------------------------------------------------------------------------------------
# The pass.


def _targets(rows: HourlyRows, curves: HourlyCurves, params: Params, scale: str) -> Components:
    """Monthly totals (n, 12) of every component under ``scale`` (see the module docstring).

    Under ``"weather"`` the space-heating components follow the weather year's shape × the
    :func:`weather_ratio`, the others their own shapes; the heat pumps' electricity and the
    hybrid's gas are left to the COP hour by hour: their targets are NaN.
    """
    if scale == "month":
        return monthly_components(rows.yearly_inputs(), params)
    year = yearly_components(rows.yearly_inputs(), params)
    bank_sums = month_sums(curves.space_heat.reshape(SPACE_SHAPES, HOURS).astype(float))
    idx = etm_shape_index(rows.dwelling_type, rows.insulation, rows.construction_year, params)
    heat_share = bank_sums[idx] * weather_ratio(curves, params)  # (n, 12)
    hybrid = (rows.heating == _H["hybrid_hp"])[:, None]

    def by(shape: np.ndarray) -> np.ndarray:
        sums = month_sums(np.asarray(shape, dtype=float))
        return sums / sums.sum()

    flat = np.diff(MONTH_START) / HOURS
    return Components(
        space_heat_kwh=year.space_heat_kwh[:, None] * heat_share,
        space_electricity_kwh=np.full((rows.n, 12), np.nan),
        space_gas_m3=np.where(hybrid, np.nan, year.space_gas_m3[:, None] * heat_share),
        space_heat_gj=year.space_heat_gj[:, None] * heat_share,
        hot_water_electricity_kwh=year.hot_water_electricity_kwh[:, None] * by(curves.hot_water),
        hot_water_gas_m3=year.hot_water_gas_m3[:, None] * by(curves.hot_water),
        hot_water_heat_gj=year.hot_water_heat_gj[:, None] * by(curves.hot_water),
        auxiliary_kwh=year.auxiliary_kwh[:, None] * flat,
        appliance_kwh=year.appliance_kwh[:, None] * by(curves.appliances),
        pv_kwh=year.pv_kwh[:, None] * by(curves.pv),
    )


@dataclass(frozen=True)
class _Plan:
    """Every row's linear components as (shape index (n,), a (n, 12), b (n, 12)), by carrier."""

    electricity: list[tuple[np.ndarray, np.ndarray, np.ndarray]]  # appliances, hot water, aux
    gas: list[tuple[np.ndarray, np.ndarray, np.ndarray]]  # hot water; space (not hybrids)
    heat: list[tuple[np.ndarray, np.ndarray, np.ndarray]]  # hot water, space [GJ]
    space: tuple[np.ndarray, np.ndarray, np.ndarray]  # useful space heat [kWh]
    pv: tuple[np.ndarray, np.ndarray, np.ndarray]


def _plan(rows: HourlyRows, t: Components, bank: ShapeBank, params: Params) -> _Plan:
    """The coefficients a·shape + b of every linear component (hourly_shapes)."""
    cap = params["hourly.max_month_scale"]
    space_idx = etm_shape_index(rows.dwelling_type, rows.insulation, rows.construction_year, params)

    def fit(shape: np.ndarray | int, target: np.ndarray) -> tuple:
        shape = np.broadcast_to(np.asarray(shape, dtype=np.intp), (rows.n,))
        a, b = month_coefficients(np.nan_to_num(target), bank.sums[shape], cap)
        return shape, a, b

    not_hybrid = (rows.heating != _H["hybrid_hp"])[:, None]
    return _Plan(
        electricity=[
            fit(APPLIANCES, t.appliance_kwh),
            fit(HOT_WATER, t.hot_water_electricity_kwh),
            fit(FLAT, t.auxiliary_kwh),
        ],
        gas=[
            fit(HOT_WATER, t.hot_water_gas_m3),
            fit(space_idx, np.where(not_hybrid, t.space_gas_m3, 0.0)),
        ],
        heat=[fit(HOT_WATER, t.hot_water_heat_gj), fit(space_idx, t.space_heat_gj)],
        space=fit(space_idx, t.space_heat_kwh),
        pv=fit(PV, t.pv_kwh),
    )


def _take(coefs: tuple[np.ndarray, np.ndarray, np.ndarray], index: np.ndarray) -> tuple:
    return tuple(c[index] for c in coefs)


def _linear_hours(coefs: list[tuple], bank: ShapeBank) -> np.ndarray:
    """(r, H) hours of the sum of several linear components of the same rows."""
    r = coefs[0][1].shape[0]
    dtype = bank.shapes.dtype
    out = np.empty((r, HOURS), dtype=dtype)
    if r and all((c[0] == c[0][0]).all() for c in coefs):
        # Each component one shape for all rows: a (r, k) @ (k, hours) product per month.
        shapes = bank.shapes[[int(c[0][0]) for c in coefs]]
        a = np.stack([c[1] for c in coefs], axis=1).astype(dtype)  # (r, k, 12)
        b = sum(c[2] for c in coefs).astype(dtype)  # (r, 12)
        for m in range(12):
            sl = slice(MONTH_START[m], MONTH_START[m + 1])
            np.matmul(a[:, :, m], shapes[:, sl], out=out[:, sl])
            out[:, sl] += b[:, m, None]
        return out
    out[:] = 0
    for shape, a, b in coefs:
        out += hours_of(a, b, bank.shapes[shape])
    return out


@dataclass(frozen=True)
class _Pass:
    """What every chunk of one pass shares."""

    params: Params
    bank: ShapeBank
    cop: CopHours
    plan: _Plan
    targets: Components
    max_scale: float
    gas_m3_per_kwh: float  # boiler gas per kWh of useful space heat (hybrids)


@dataclass
class _RowHours:
    """Hourly arrays of a chunk of r rows, per dwelling; None where not computed."""

    demand: np.ndarray  # (r, H) electricity demand [kW]
    imports: np.ndarray | None = None  # (r, H); the demand where the row has no PV
    exports: np.ndarray | None = None  # (r, H)
    pv: np.ndarray | None = None  # (r, H)
    hybrid: np.ndarray | None = None  # (k,) rows of the chunk with a hybrid heat pump
    hybrid_gas: np.ndarray | None = None  # (k, H) their space-heating gas [m³/h]
    space_heat: np.ndarray | None = None  # (r, H) useful space heat [kW] (keep_hours)
    direct: np.ndarray | None = None  # (r, H) PV used in the hour, before a battery
    soc: np.ndarray | None = None  # (r, H) battery state of charge [kWh] (keep_hours)

    def imported(self) -> np.ndarray:
        return self.demand if self.imports is None else self.imports


def _heating_rows(
    ctx: _Pass, rows: HourlyRows, index: np.ndarray, keep_space: bool, out: _RowHours
) -> None:
    """Add the heat pumps' hourly electricity to ``out.demand``; the hybrids' gas to ``out``.

    ``index``: the chunk's rows' positions in the pass.
    """
    h = rows.heating
    heated = np.flatnonzero(np.isin(h, [_H["air_hp"], _H["ground_hp"], _H["hybrid_hp"]]))
    sel = np.arange(rows.n) if keep_space else heated
    if not sel.size:
        return
    space = _take(ctx.plan.space, index[sel])
    q = hours_of(space[1], space[2], ctx.bank.shapes[space[0]])
    if keep_space:
        out.space_heat = q
    t = ctx.targets
    for code in (_H["air_hp"], _H["ground_hp"], _H["hybrid_hp"]):
        mine = np.flatnonzero(h[sel] == code)
        if not mine.size:
            continue
        chunk_i, pass_i = sel[mine], index[sel[mine]]
        if code == _H["hybrid_hp"]:
            elec, boiler = hybrid_kw(
                ctx.cop, q[mine], rows.capacity_kw[chunk_i], rows.supply_c[chunk_i], ctx.params
            )
            boiler *= ctx.gas_m3_per_kwh
            out.hybrid = chunk_i
            out.hybrid_gas = fit_months(boiler, t.space_gas_m3[pass_i], ctx.max_scale)
        else:
            elec = heat_pump_kw(
                ctx.cop,
                q[mine],
                rows.design_heat_load_kw[chunk_i],
                rows.supply_c[chunk_i],
                ctx.params,
                air=code == _H["air_hp"],
            )
        fit_months(elec, t.space_electricity_kwh[pass_i], ctx.max_scale)
        out.demand[chunk_i] += elec


def _grid_rows(ctx: _Pass, index: np.ndarray, battery: Battery | None, out: _RowHours) -> None:
    """PV, import and export of a chunk's rows, after their battery where they have one."""
    a, b = ctx.plan.pv[1][index], ctx.plan.pv[2][index]
    if not ((a > 0).any() or (b > 0).any()):
        return
    out.pv = hours_of(a, b, ctx.bank.shapes[PV])
    used = np.minimum(out.demand, out.pv)
    out.direct = used
    out.imports = out.demand - used
    out.exports = out.pv - used
    if battery is None:
        return
    sel = np.flatnonzero((battery.capacity_kwh > 0) & (ctx.targets.pv_kwh[index].sum(axis=1) > 0))
    if sel.size:
        flows = dispatch_self_consumption(out.demand[sel], out.pv[sel], battery.take(sel))
        out.imports[sel] = flows.import_kwh
        out.exports[sel] = flows.export_kwh
        out.soc = np.zeros_like(out.pv)
        out.soc[sel] = flows.soc_kwh


def _row_chunk(
    ctx: _Pass, rows: HourlyRows, index: np.ndarray, battery: Battery | None, keep: bool
) -> _RowHours:
    """The hourly arrays of a chunk of rows that need their own hours (heat pumps, PV,
    batteries, or every row with ``keep``); ``index``: their positions in the pass."""
    electricity = [_take(c, index) for c in ctx.plan.electricity]
    out = _RowHours(demand=_linear_hours(electricity, ctx.bank))
    _heating_rows(ctx, rows, index, keep, out)
    _grid_rows(ctx, index, battery, out)
    return out


def _linear_monthly(t: Components) -> dict[str, np.ndarray]:
    """Monthly carriers (n, 12) of every row from its targets (exact for the linear parts;
    overwritten from the hours for the rows computed one by one)."""
    demand = (
        t.appliance_kwh
        + t.hot_water_electricity_kwh
        + t.auxiliary_kwh
        + np.nan_to_num(t.space_electricity_kwh)
    )
    zero = np.zeros_like(demand)
    return {
        "electricity_demand_kwh": demand,
        "electricity_import_kwh": demand.copy(),
        "electricity_export_kwh": zero,
        "self_consumption_kwh": zero.copy(),
        "direct_use_kwh": zero.copy(),
        "pv_kwh": zero.copy(),
        "gas_m3": t.hot_water_gas_m3 + np.nan_to_num(t.space_gas_m3),
        "heat_gj": t.hot_water_heat_gj + t.space_heat_gj,
    }


def _curve_add(sums: np.ndarray, which: np.ndarray, count: np.ndarray, hours: np.ndarray) -> None:
    """Add Σ count × hours of the rows of each curve to ``sums`` (K, H) in place.

    One vector-matrix product per curve present (a chunk holds few curves): an (K, r) matrix
    product would be slower here, and the rows are summed in float32 (≤ 1e-6 relative).
    """
    for k in np.unique(which):
        rows = np.flatnonzero(which == k)
        sums[k] += count[rows].astype(hours.dtype) @ hours[rows]


def _collect(
    ctx: _Pass,
    part: _RowHours,
    index: np.ndarray,
    weights: tuple[np.ndarray, np.ndarray],
    result: tuple[dict, dict],
) -> None:
    """Month sums per row and coincident sums per curve of a chunk computed row by row;
    ``weights``: the chunk's curve and count per row."""
    monthly, sums = result
    which, count = weights
    demand_m = month_sums(part.demand)
    monthly["electricity_demand_kwh"][index] = demand_m
    monthly["electricity_import_kwh"][index] = (
        demand_m if part.imports is None else month_sums(part.imports)
    )
    _curve_add(sums["electricity_import_kw"], which, count, part.imported())
    if part.pv is not None:
        pv_m, export_m = month_sums(part.pv), month_sums(part.exports)
        monthly["pv_kwh"][index] = pv_m
        monthly["electricity_export_kwh"][index] = export_m
        monthly["self_consumption_kwh"][index] = pv_m - export_m
        monthly["direct_use_kwh"][index] = month_sums(part.direct)
        _curve_add(sums["electricity_export_kw"], which, count, part.exports)
    if part.hybrid is not None:
        rows = index[part.hybrid]
        monthly["gas_m3"][rows] = ctx.targets.hot_water_gas_m3[rows] + month_sums(part.hybrid_gas)
        h = part.hybrid
        _curve_add(sums["gas_m3_h"], which[h], count[h], part.hybrid_gas)


def _kept_hours(ctx: _Pass, part: _RowHours, index: np.ndarray) -> dict[str, np.ndarray]:
    """Every hourly array of a chunk, per dwelling (for :attr:`HourlyResult.hours`)."""
    gas = _linear_hours([_take(c, index) for c in ctx.plan.gas], ctx.bank)
    if part.hybrid is not None:
        gas[part.hybrid] += part.hybrid_gas
    zeros = np.zeros_like(part.demand)
    pv = zeros if part.pv is None else part.pv
    exports = zeros if part.exports is None else part.exports
    return {
        "electricity_demand_kwh": part.demand,
        "electricity_import_kwh": part.imported(),
        "electricity_export_kwh": exports,
        "self_consumption_kwh": pv - exports,
        "direct_use_kwh": zeros if part.direct is None else part.direct,
        "pv_kwh": pv,
        "gas_m3": gas,
        "heat_gj": _linear_hours([_take(c, index) for c in ctx.plan.heat], ctx.bank),
        "space_heat_kw": part.space_heat,
        "battery_soc_kwh": zeros if part.soc is None else part.soc,
    }


def hourly_pass(
    rows: HourlyRows,
    curves: HourlyCurves,
    params: Params,
    *,
    curve_of_row: np.ndarray | None = None,
    battery: Battery | None = None,
    options: HourlyOptions | None = None,
) -> HourlyResult:
    """The hourly pass of ``rows`` in the weather year of ``curves``.

    Parameters
    ----------
    rows
        Dwelling groups × options (:class:`HourlyRows`), per dwelling.
    curves
        The weather year (:func:`~wupmodel.physics.hourly_data.hourly_curves`).
    params
        Parameters (``hp.*``, ``physics.*``, ``hourly.*`` and the packaged tables).
    curve_of_row
        Index of the coincident curve (e.g. LV zone × strategy) each row adds to, (n,) int;
        every row adds to curve 0 by default.
    battery
        A home battery per row (:class:`~wupmodel.physics.battery.Battery` of shape (n,),
        capacity 0 = none), dispatched for self-consumption where the row has PV.
    options
        Scaling, chunking, dtype (:class:`HourlyOptions`).

    Returns
    -------
    HourlyResult
    """
    opt = options or HourlyOptions()
    n = rows.n
    which = np.zeros(n, dtype=np.intp) if curve_of_row is None else np.asarray(curve_of_row)
    if which.shape != (n,) or (n and which.min() < 0):
        raise ValueError("curve_of_row: one index >= 0 per row")
    if battery is not None and battery.capacity_kwh.shape != (n,):
        raise ValueError("battery: one entry per row")
    n_curves = int(which.max()) + 1 if n else 1
    monthly = {c: np.zeros((n, 12)) for c in CARRIERS}
    sums = {c: np.zeros((n_curves, HOURS)) for c in CURVES}
    kept: dict[str, list[np.ndarray]] = {}
    for lo in range(0, n, _BLOCK_ROWS):  # blocks bound the (rows, 12) arrays of a large stock
        block = np.arange(lo, min(lo + _BLOCK_ROWS, n))
        part = rows.take(block)
        ctx = _context(part, curves, params, opt)
        out = _block(ctx, part, (which[block], n_curves), battery and battery.take(block), opt)
        for c in CARRIERS:
            monthly[c][block] = out[0][c]
        for c in CURVES:
            sums[c] += out[1][c]
        for name, value in out[2].items():
            kept.setdefault(name, []).append(value)
    return HourlyResult(
        weather_year=curves.weather_year,
        scale=opt.scale,
        monthly=monthly,
        curves=sums,
        hours={k: np.concatenate(v) for k, v in kept.items()},
    )


_BLOCK_ROWS = 16384


def _block(
    ctx: _Pass,
    rows: HourlyRows,
    curve: tuple[np.ndarray, int],
    battery: Battery | None,
    opt: HourlyOptions,
) -> tuple[dict, dict, dict]:
    """(monthly per row, coincident sums, kept hours) of a block of rows."""
    which, n_curves = curve
    heated = np.isin(rows.heating, [_H["air_hp"], _H["ground_hp"], _H["hybrid_hp"]])
    own = heated | (ctx.targets.pv_kwh.sum(axis=1) > 0) | opt.keep_hours
    monthly = _linear_monthly(ctx.targets)
    linear_w = np.where(own, 0.0, rows.count)
    sums = {
        "electricity_import_kw": coincident_sum(
            ctx.plan.electricity, linear_w, which, n_curves, ctx.bank
        ),
        "electricity_export_kw": np.zeros((n_curves, HOURS)),
        "gas_m3_h": coincident_sum(ctx.plan.gas, rows.count, which, n_curves, ctx.bank),
        "heat_kw": coincident_sum(ctx.plan.heat, rows.count, which, n_curves, ctx.bank)
        / _GJ_PER_KWH,
    }
    kept: dict[str, list[np.ndarray]] = {}
    own_rows = np.flatnonzero(own)
    for lo in range(0, own_rows.size, opt.chunk_rows):  # chunks of rows bound the memory
        index = own_rows[lo : lo + opt.chunk_rows]
        part = _row_chunk(
            ctx, rows.take(index), index, battery and battery.take(index), opt.keep_hours
        )
        _collect(ctx, part, index, (which[index], rows.count[index]), (monthly, sums))
        for name, value in (_kept_hours(ctx, part, index) if opt.keep_hours else {}).items():
            kept.setdefault(name, []).append(value)
    return monthly, sums, {k: np.concatenate(v) for k, v in kept.items()}


def _context(rows: HourlyRows, curves: HourlyCurves, params: Params, opt: HourlyOptions) -> _Pass:
    targets = _targets(rows, curves, params, opt.scale)
    bank = shape_bank(curves, opt.dtype)
    return _Pass(
        params=params,
        bank=bank,
        cop=cop_hours(curves, params, opt.dtype, design=opt.scale == "weather"),
        plan=_plan(rows, targets, bank, params),
        targets=targets,
        max_scale=params["hourly.max_month_scale"],
        gas_m3_per_kwh=3.6
        / params["physics.gas_lhv_mj_m3"]
        / params["physics.boiler_efficiency_space"],
    )

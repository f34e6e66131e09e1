"""PV used at home, from the hours, for every dwelling group × option without their hours.

Self-consumption is a sum over hours, Σ_h min(demand_h, PV_h), which no monthly balance gives
(the monthly estimate it replaces, a calibrated share of the month's overlap, made every house
use 30 % of its PV). Computing 8 760 hours for every group × option (:mod:`~.hourly`) costs
about a millisecond a row, too much for the evaluation of every option of a large stock; but
within a month the sum depends on a row only through a few numbers, so it is tabulated once per
weather year from the hours themselves and looked up per row and month:

* in month m a row's demand is its monthly components (:func:`~.monthly.monthly_components`)
  spread by their hourly shapes: appliances and auxiliaries by the NEDU E1A profile, hot water
  by the Jordan (2001) profile, space-heating electricity by the ETM space-heat shape of the
  row's house type and insulation divided by its heat pump's COP at each hour (a hybrid's only
  in the hours its COP reaches the switch-over COP), PV by the rooftop-PV profile; each shape
  normalised to the month;
* the sum is homogeneous: Σ_h min(D·d_h, P·p_h) = P · g(D / P, w), where w are the shares of
  hot water and space heating in the month's demand. ``g`` is tabulated on a grid of the ratio
  D / P (log-spaced) and of the two shares, per month, heating family (air, ground, hybrid,
  none) and space-heat shape, and interpolated (linearly in the shares, in log D / P);
* a home battery (dispatched for self-consumption, :mod:`~.battery`) adds the PV it stores:
  tabulated the same way, per month, hot-water share, D / P and the battery's capacity over
  the month's mean daily PV (dispatch is homogeneous too: capacity and power scale with the
  PV), from a dispatch of whole days starting empty each month; the space-heating share is left
  out of this table (the battery works in the months with sun, when there is little of it).

The table's COPs are those of the yearly model (:mod:`~.hourly_heat`) at one reference supply
temperature per family (``hourly.selfuse_supply_c``); where a row's supply differs, the shape
within the month differs little. The lookup agrees with the full hourly pass (month scaling)
within 1 % in the village's totals of every heating system; see ``tests/hourly``.

Vectorised over rows and months (blocks of rows bound the (rows, 12) temporaries); the tables
are cached per weather year and the parameters they read.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

import numpy as np

from wupmodel.params import Params
from wupmodel.physics.battery import Battery, dispatch_self_consumption
from wupmodel.physics.hourly_data import HOURS, MONTH_START, hourly_curves
from wupmodel.physics.hourly_heat import cop_hours, row_cop
from wupmodel.physics.monthly import Components
from wupmodel.vocabulary import HEATING_SYSTEMS

__all__ = ["SelfUseTable", "SelfUse", "self_use_table", "pv_self_use", "FAMILY"]

#: Heating family of each heating system in the tables: 0 air, 1 ground, 2 hybrid, 3 none.
FAMILY = np.array(
    [{"air_hp": 0, "ground_hp": 1, "hybrid_hp": 2}.get(h, 3) for h in HEATING_SYSTEMS],
    dtype=np.intp,
)
_N_SHAPES = 15
#: Grid of D / P (demand over PV in the month), log-spaced.
_X = np.geomspace(0.02, 200.0, 41)
#: Grid of the shares of hot water and of space heating in the month's demand.
_W = np.linspace(0.0, 1.0, 6)
#: The battery table's grids (closer where the stored PV bends): D / P, hot-water and
#: space-heating shares, capacity / the month's mean daily PV [day].
_XB = np.array([0.03, 0.06, 0.1, 0.15, 0.22, 0.32, 0.45, 0.65, 0.9, 1.25, 1.8, 2.6, 4, 7, 15, 40])
_WB = np.array([0.0, 0.15, 0.3, 0.5, 1.0])
_WS = np.array([0.0, 0.25, 0.6])
_C = np.array([0.05, 0.1, 0.17, 0.25, 0.35, 0.5, 0.7, 1.0, 1.5, 2.3, 4.0, 8.0, 20.0])
_BLOCK = 16384


@dataclass(frozen=True)
class SelfUseTable:
    """Self-consumption per unit of a month's PV, tabulated (read-only arrays).

    Attributes
    ----------
    weather_year
        The weather year of the shapes.
    direct
        PV used directly / the month's PV, shape (12, 4, 15, W, W, X): month, heating family
        (:data:`FAMILY`), space-heat shape, hot-water share, space-heating share, D / P.
    stored
        PV charged into a home battery / the month's PV, shape (12, WB, WS, C, XB): month,
        hot-water share, space-heating share (air heat pumps' shape, all house types),
        capacity over mean daily PV, D / P; made when first read
        (``stored.get()``).
    round_trip_efficiency, power_per_kwh
        The battery the ``stored`` table was made for (kW of power per kWh of capacity).
    """

    weather_year: int
    direct: np.ndarray
    stored: _StoredTable
    round_trip_efficiency: float
    power_per_kwh: float


@dataclass(frozen=True)
class SelfUse:
    """PV used at home per row [kWh/yr].

    Attributes
    ----------
    direct_kwh
        PV used in the hour it is made, (n,).
    stored_kwh
        PV charged into each home battery asked for, (k, n) (0 where a row has none).
    loss_kwh
        The batteries' round-trip loss: ``stored_kwh`` × (1 − efficiency), (k, n); imported
        or not exported, it adds to the dwelling's use.
    """

    direct_kwh: np.ndarray
    stored_kwh: np.ndarray
    loss_kwh: np.ndarray

    @property
    def self_consumed_kwh(self) -> np.ndarray:
        """PV not exported, with each battery: used directly or stored, (k, n)."""
        return self.direct_kwh[None, :] + self.stored_kwh


def _key(params: Params) -> tuple:
    names = (
        "hp.field_factor",
        "hp.cop_floor",
        "hp.ground_brine_temp_c",
        "hp.hybrid_switch_cop",
        "hp.min_flow_temp_c",
        "physics.design_indoor_temp_c",
        "physics.design_outdoor_temp_c",
        "physics.heating_limit_temp_c",
        "physics.radiator_exponent",
        "hourly.selfuse_supply_c",
    )
    carnot = params.table("heatpump_carnot")
    return tuple(params[n] for n in names) + (tuple(carnot.select_dtypes("number").values.ravel()),)


def self_use_table(
    params: Params, weather_year: int, battery: tuple[float, float] = (0.9, 0.5)
) -> SelfUseTable:
    """The :class:`SelfUseTable` of ``weather_year`` (cached).

    Parameters
    ----------
    params
        Parameters (the COP model ``hp.*``, the heating curve, ``hourly.selfuse_supply_c``).
    weather_year
        One of the shipped weather years.
    battery
        (round-trip efficiency, kW of power per kWh) of the home battery.
    """
    key = (_key(params), int(weather_year), tuple(float(b) for b in battery))
    with _LOCK:
        hit = _TABLES.get(key)
    if hit is None:
        hit = _table(params, key[1], key[2])
        with _LOCK:
            if len(_TABLES) >= 8:
                _TABLES.pop(next(iter(_TABLES)))
            _TABLES[key] = hit
    return hit


_TABLES: dict[tuple, SelfUseTable] = {}
_LOCK = threading.Lock()


def _table(params: Params, year: int, battery: tuple[float, float]) -> SelfUseTable:
    curves = hourly_curves(year)
    space = _space_shapes(curves, params)  # (3, 15, H): air, ground, hybrid
    direct = np.empty((12, 4, _N_SHAPES, _W.size, _W.size, _X.size))
    for m in range(12):  # twelve months, every row of the grid at once
        sl = slice(int(MONTH_START[m]), int(MONTH_START[m + 1]))
        app, hot, pv = (_hat(a[sl]) for a in (curves.appliances, curves.hot_water, curves.pv))
        direct[m] = _direct(app, hot, _hat(space[:, :, sl]), pv)
    direct = direct.astype(np.float32)
    direct.setflags(write=False)
    return SelfUseTable(
        year, direct, _StoredTable(curves, space[0], battery), battery[0], battery[1]
    )


class _StoredTable:
    """The battery's table, made when first read (only catalogues with batteries need it)."""

    def __init__(self, curves, space: np.ndarray, battery: tuple[float, float]) -> None:
        # the air family's space-heating shape of all house types together
        self._curves, self._space, self._battery = curves, space.sum(axis=0), battery
        self._value: np.ndarray | None = None
        self._lock = threading.Lock()

    def get(self) -> np.ndarray:
        with self._lock:
            if self._value is None:
                value = _packaged_stored(self._curves, self._space, self._battery)
                if value is None:
                    value = stored_table(self._curves, self._space, self._battery)
                self._value = value.astype(np.float32)
                self._value.setflags(write=False)
        return self._value


def _hat(a: np.ndarray) -> np.ndarray:
    """Normalise (..., n) hours to sum 1 over the last axis (even where a month is empty)."""
    a = np.asarray(a, dtype=float)
    total = a.sum(axis=-1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, a / total, 1.0 / a.shape[-1])


def _space_shapes(curves, params: Params) -> np.ndarray:
    """Space-heating electricity shapes of the air, ground and hybrid families, (3, 15, H).

    Heat shape / COP at ``hourly.selfuse_supply_c``; the hybrid's only in the hours its COP
    reaches the switch-over COP.
    """
    table = cop_hours(curves, params, np.float64)
    supply = np.array([params["hourly.selfuse_supply_c"]])
    floor = params["hp.cop_floor"]
    air = np.maximum(row_cop(table, supply, air=True)[0], floor)
    ground = np.maximum(row_cop(table, supply, air=False)[0], floor)
    heat = curves.space_heat.reshape(_N_SHAPES, HOURS).astype(float)
    hybrid_on = (air >= params["hp.hybrid_switch_cop"]) / air
    return np.stack([heat / air, heat / ground, heat * hybrid_on])


def _g(demand: np.ndarray, pv: np.ndarray, grid: np.ndarray) -> np.ndarray:
    """Σ_h min(x·d_h, p_h) of each demand row (K, n) at every x of ``grid``, (K, X).

    Exactly, without a (K, n, X) array: with the hours sorted by r = p / d the sum is
    x · Σ_{r > x} d + Σ_{r ≤ x} p, read off cumulative sums at each x's place in the order.
    """
    k, n = demand.shape
    with np.errstate(divide="ignore"):
        r = np.clip(np.log(pv)[None, :] - np.log(np.maximum(demand, 1e-300)), -90.0, 90.0)
    order = np.argsort(r, axis=1)
    rank = np.take_along_axis(r, order, axis=1)
    cum_d = np.zeros((k, n + 1))
    cum_p = np.zeros((k, n + 1))
    np.cumsum(np.take_along_axis(demand, order, axis=1), axis=1, out=cum_d[:, 1:])
    np.cumsum(pv[order], axis=1, out=cum_p[:, 1:])
    offset = 200.0 * np.arange(k)[:, None]  # rows apart on one sorted axis (|r| <= 90)
    at = np.searchsorted((rank + offset).ravel(), (np.log(grid)[None, :] + offset).ravel(), "right")
    j = at.reshape(k, grid.size) - n * np.arange(k)[:, None]
    rows = np.arange(k)[:, None]
    return grid * (cum_d[:, -1:] - cum_d[rows, j]) + cum_p[rows, j]


def _direct(app: np.ndarray, hot: np.ndarray, space: np.ndarray, pv: np.ndarray) -> np.ndarray:
    """g(x, w) of one month on the grid, (4, 15, W, W, X); hours without PV add nothing.

    Air and ground: every hot-water and space share; hybrids (no electric hot water): the
    space shares at hot-water share 0, the same for every hot-water share; 'none' (no space
    heating electricity): the hot-water shares at space share 0, the same for every shape and
    space share.
    """
    sun = pv > 0
    app, hot, pv, space = app[sun], hot[sun], pv[sun], space[..., sun]
    w_hot, w_space = np.meshgrid(_W, _W, indexing="ij")
    w_space = np.minimum(w_space, 1.0 - w_hot)  # shares never add up to more than the demand
    base = (1.0 - w_hot - w_space)[..., None] * app + w_hot[..., None] * hot  # (W, W, n)
    heat_pumps = base[None, None] + w_space[None, None, ..., None] * space[:2, :, None, None, :]
    out = np.empty((4, _N_SHAPES, _W.size, _W.size, _X.size))
    out[:2] = _g(heat_pumps.reshape(-1, pv.size), pv, _X).reshape(out[:2].shape)
    hybrid = (1.0 - _W)[:, None] * app + _W[:, None] * space[2][:, None, :]  # (15, W, n)
    out[2] = _g(hybrid.reshape(-1, pv.size), pv, _X).reshape(_N_SHAPES, 1, _W.size, _X.size)
    plain = (1.0 - _W)[:, None] * app + _W[:, None] * hot  # (W, n)
    out[3] = _g(plain, pv, _X)[None, :, None, :]
    return out


#: The battery table of the default weather year and catalogue, computed by
#: ``scripts/build_hourly.py`` (a few seconds of dispatch) with the space shape it was made for.
_PACKAGED = "battery_table.npz"


def _packaged_stored(curves, space: np.ndarray, battery: tuple[float, float]) -> np.ndarray | None:
    """The packaged battery table when it was made for this weather year, battery and space
    shape (the COP model's defaults), else None."""
    path = resources.files("wupmodel") / "data" / "hourly" / _PACKAGED
    if not path.is_file():
        return None
    with path.open("rb") as fh, np.load(fh) as npz:
        same = (
            int(npz["weather_year"]) == curves.weather_year
            and np.allclose(npz["battery"], battery, rtol=0, atol=1e-12)
            and np.allclose(npz["space"], _month_hats(curves, space)[2], rtol=1e-9, atol=0)
        )
        return np.array(npz["stored"]) if same else None


def write_packaged_stored(path, weather_year: int, params: Params, battery=(0.9, 0.5)) -> None:
    """Compute the battery table of ``weather_year`` and write it where
    :func:`_packaged_stored` reads it (``scripts/build_hourly.py``)."""
    curves = hourly_curves(weather_year)
    space = _space_shapes(curves, params)[0].sum(axis=0)
    np.savez_compressed(
        path,
        weather_year=np.array(weather_year),
        battery=np.array(battery, dtype=float),
        space=_month_hats(curves, space)[2],
        stored=stored_table(curves, space, battery),
    )


def _month_hats(curves, space: np.ndarray) -> tuple[np.ndarray, ...]:
    """Appliances, hot water, space heat and PV, each normalised so that every month's mean
    day sums to 1 (a month of d days sums to d), (H,) each."""
    out = []
    for a in (curves.appliances, curves.hot_water, space, curves.pv):
        a = np.asarray(a, dtype=float)
        parts = [
            _hat(a[MONTH_START[m] : MONTH_START[m + 1]]) * (MONTH_START[m + 1] - MONTH_START[m])
            for m in range(12)
        ]
        out.append(np.concatenate(parts) / 24.0)
    return tuple(out)


def stored_table(curves, space: np.ndarray, battery: tuple[float, float]) -> np.ndarray:
    """PV stored by a home battery per unit of the month's PV, (12, WB, WS, C, XB).

    ``space``: the space-heating electricity shape of the table, (H,).

    Every point of the grid is one battery dispatched over the whole year (so it starts each
    month as the month before left it), its demand and PV normalised per month: each month's
    mean day holds 1 of PV and x of demand, and the battery ``c`` of capacity; so the month's
    stored PV over its days is the table's value.
    """
    app, hot, heat, pv = _month_hats(curves, space)
    grid = (_WB.size, _WS.size, _C.size, _XB.size)
    w_hot, w_space = np.meshgrid(_WB, _WS, indexing="ij")
    w_space = np.minimum(w_space, 1.0 - w_hot)
    shape = (1.0 - w_hot - w_space)[..., None] * app + w_hot[..., None] * hot
    shape = (shape + w_space[..., None] * heat).reshape(-1, HOURS).astype(np.float32)
    which = np.broadcast_to(np.arange(_WB.size * _WS.size).reshape(grid[:2] + (1, 1)), grid)
    which = which.reshape(-1)
    x = np.broadcast_to(_XB, grid).reshape(-1).astype(np.float32)
    capacity = np.broadcast_to(_C[:, None], grid).reshape(-1)
    eta, power = battery
    days = np.diff(MONTH_START) / 24.0
    out = np.empty((which.size, 12))
    pv32 = pv.astype(np.float32)
    for lo in range(0, which.size, 256):  # chunks of grid points bound the (n, H) arrays
        sel = slice(lo, lo + 256)
        n = which[sel].size
        flows = dispatch_self_consumption(
            shape[which[sel]] * x[sel, None],
            np.broadcast_to(pv32, (n, HOURS)),
            Battery(capacity[sel], capacity[sel] * power, np.full(n, eta)),
        )
        charge = flows.charge_kwh.astype(np.float64)
        out[sel] = np.add.reduceat(charge, MONTH_START[:-1], axis=1) / days
    return np.moveaxis(out.reshape(grid + (12,)), -1, 0)


def _cell(grid: np.ndarray, value: np.ndarray, log: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """Cell index and offset (float32) of ``value`` on ``grid`` (linear, or in log), clipped
    to the grid's ends."""
    if log:
        position = np.interp(np.log(np.maximum(value, grid[0])), np.log(grid), _RANK[: grid.size])
    else:
        position = np.interp(value, grid, _RANK[: grid.size])
    i = np.minimum(position.astype(np.intp), grid.size - 2)
    return i, (position - i).astype(np.float32)


_RANK = np.arange(64, dtype=float)


def _interpolate(flat: np.ndarray, base: np.ndarray, corners: list) -> np.ndarray:
    """Multilinear interpolation as nested linear ones, float32.

    ``corners`` = (stride, offset in the cell) per axis, ``base`` the flat index of each
    value's lower corner: lo + f · (hi − lo) along the first axis, of the same along the rest.
    """
    if not corners:
        return np.take(flat, base)
    (stride, frac), rest = corners[0], corners[1:]
    low = _interpolate(flat, base, rest)
    high = _interpolate(flat, base + stride, rest)
    high -= low
    high *= frac
    high += low
    return high


def _lookup_direct(t: SelfUseTable, family, shape, x, w_hot, w_space) -> np.ndarray:
    """g per row and month, (r, 12); below the grid's D / P linear in D / P."""
    ix, fx = _cell(_X, x, log=True)
    ih, fh = _cell(_W, w_hot)
    isp, fs = _cell(_W, w_space)
    n_w, n_x = _W.size, _X.size
    cell = (np.arange(12)[None, :] * 4 + family[:, None]) * _N_SHAPES + shape[:, None]
    base = ((cell * n_w + ih) * n_w + isp) * n_x + ix
    out = _interpolate(t.direct.reshape(-1), base, [(n_w * n_x, fh), (n_x, fs), (1, fx)])
    out = out.astype(np.float64)
    return np.where(x < _X[0], out * x / _X[0], out)


def _lookup_stored(t: SelfUseTable, x, w_hot, w_space, c) -> np.ndarray:
    """Stored share per row and month, (r, 12), in (shares, log capacity, log D/P)."""
    ix, fx = _cell(_XB, x, log=True)
    ih, fh = _cell(_WB, w_hot)
    isp, fs = _cell(_WS, w_space)
    ic, fc = _cell(_C, c, log=True)
    n_s, n_c, n_x = _WS.size, _C.size, _XB.size
    base = (((np.arange(12)[None, :] * _WB.size + ih) * n_s + isp) * n_c + ic) * n_x + ix
    corners = [(n_s * n_c * n_x, fh), (n_c * n_x, fs), (n_x, fc), (1, fx)]
    out = _interpolate(t.stored.get().reshape(-1), base, corners).astype(np.float64)
    out = np.where(x < _XB[0], out * x / _XB[0], out)
    return np.where(c < _C[0], out * c / _C[0], out)


def pv_self_use(
    months: Components,
    heating: np.ndarray,
    shape: np.ndarray,
    table: SelfUseTable,
    batteries: Sequence[tuple[np.ndarray | float, SelfUseTable]] = (),
) -> SelfUse:
    """PV used at home per row from the tabulated hours.

    Parameters
    ----------
    months
        The rows' monthly components (:func:`~.monthly.monthly_components`), (n, 12).
    heating
        Heating-system codes, (n,).
    shape
        ETM space-heat shape index (:func:`~.hourly_rows.etm_shape_index`), (n,).
    table
        :func:`self_use_table` of the weather year.
    batteries
        Home batteries to add, each (capacity per row [kWh] or one for all rows, the table of
        its efficiency and power); each gives one row of ``stored_kwh`` and ``loss_kwh``.

    Returns
    -------
    SelfUse
        Never more than the PV yield; the direct use never more than the demand.
    """
    pv = np.asarray(months.pv_kwh, dtype=float)
    demand = months.electricity_kwh
    with np.errstate(invalid="ignore", divide="ignore"):
        x = np.where(pv > 0, demand / pv, 0.0)
        w_hot = np.where(demand > 0, months.hot_water_electricity_kwh / demand, 0.0)
        w_space = np.where(demand > 0, months.space_electricity_kwh / demand, 0.0)
    fam = FAMILY[np.asarray(heating, dtype=np.intp)]
    g = _lookup_direct(table, fam, np.asarray(shape, dtype=np.intp), x, w_hot, w_space)
    direct = np.minimum(g * pv, np.minimum(pv, demand))
    room = pv - direct  # the surplus a battery can take
    stored = np.zeros((len(batteries), pv.shape[0]))
    loss = np.zeros_like(stored)
    days = np.diff(MONTH_START) / 24.0
    for k, (capacity_kwh, battery_table) in enumerate(batteries):  # a few battery sizes
        capacity = np.broadcast_to(np.asarray(capacity_kwh, dtype=float), pv.shape[:1])
        r = np.flatnonzero(capacity > 0)
        if not r.size:
            continue
        with np.errstate(invalid="ignore", divide="ignore"):
            c = np.where(pv[r] > 0, capacity[r, None] * days / pv[r], 0.0)
        s = _lookup_stored(battery_table, x[r], w_hot[r], w_space[r], c) * pv[r]
        stored[k, r] = np.minimum(s, room[r]).sum(axis=1)
        loss[k, r] = stored[k, r] * (1.0 - battery_table.round_trip_efficiency)
    return SelfUse(direct.sum(axis=1), stored, loss)

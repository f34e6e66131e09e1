"""Home batteries: dispatch for self-consumption, hour by hour, and the sourced catalogue.

Dispatch rule (what home batteries do when they run for self-consumption): in an hour with a
PV surplus the battery charges from the surplus, up to its power and until it is full; in an
hour with a deficit it discharges into the house, up to its power and until it is empty. It
never charges from the grid and never discharges into it, so the export never exceeds the
PV's surplus and the battery never exceeds its capacity. Round-trip efficiency η is split
evenly: √η on the way in, √η on the way out.

The state of charge is a clamped sum, s_t = clip(s_{t−1} + u_t, 0, C), with u_t the stored
energy the hour asks for. A composition of such clamped shifts is again one,
s ↦ clip(s + A, L, U): over a day A is the sum of u, and L and U are the day's end states from
an empty and from a full battery. So the year takes three vectorised sweeps over every battery
at once -- 24 hours over all days (each day's A, L, U), 365 days (the state at each day's
start), 24 hours again (the hourly states) -- instead of a loop over 8 760 hours.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np
import pandas as pd

from wupmodel.errors import WupInputError
from wupmodel.params import Params

__all__ = [
    "Battery",
    "BatteryFlows",
    "dispatch_self_consumption",
    "battery_catalogue",
    "catalogue_battery",
]

_DAY = 24


@dataclass(frozen=True)
class Battery:
    """One home battery per row (capacity 0 = none), arrays of shape (n,).

    Attributes
    ----------
    capacity_kwh
        Usable capacity [kWh].
    power_kw
        Largest charge and discharge power, AC side [kW].
    round_trip_efficiency
        Energy out / energy in over a full cycle [-], in (0, 1].
    """

    capacity_kwh: np.ndarray
    power_kw: np.ndarray
    round_trip_efficiency: np.ndarray

    def __post_init__(self) -> None:
        arrays = np.broadcast_arrays(
            *(np.atleast_1d(np.asarray(getattr(self, f.name), dtype=float)) for f in fields(self))
        )
        for f, value in zip(fields(self), arrays, strict=True):
            object.__setattr__(self, f.name, np.array(value))
        if (self.capacity_kwh < 0).any() or (self.power_kw < 0).any():
            raise ValueError("Battery: capacity and power must be >= 0")
        eta = self.round_trip_efficiency
        if ((eta <= 0) | (eta > 1)).any():
            raise ValueError("Battery: round-trip efficiency must be in (0, 1]")

    def take(self, index: np.ndarray | slice) -> Battery:
        """The batteries ``index``."""
        return Battery(*(getattr(self, f.name)[index] for f in fields(self)))


@dataclass(frozen=True)
class BatteryFlows:
    """Hourly flows of :func:`dispatch_self_consumption`, shape (n, H) each [kWh per hour].

    Attributes
    ----------
    import_kwh, export_kwh
        From and to the grid, after the battery.
    charge_kwh
        PV surplus taken by the battery (AC side, before its charging loss).
    discharge_kwh
        Energy the battery delivers to the house (AC side, after its discharging loss).
    soc_kwh
        Energy stored at the end of each hour.
    """

    import_kwh: np.ndarray
    export_kwh: np.ndarray
    charge_kwh: np.ndarray
    discharge_kwh: np.ndarray
    soc_kwh: np.ndarray


def dispatch_self_consumption(
    demand_kwh: np.ndarray, pv_kwh: np.ndarray, battery: Battery
) -> BatteryFlows:
    """Dispatch a home battery per row for self-consumption over whole days.

    Parameters
    ----------
    demand_kwh, pv_kwh
        Electricity demand and PV yield per hour, shape (n, H) with H a multiple of 24 [kWh].
    battery
        The battery of each row, shape (n,); empty at the start.

    Returns
    -------
    BatteryFlows
        Same dtype as ``demand_kwh`` (the state of charge is computed in float64).
    """
    demand = np.asarray(demand_kwh)
    n, hours = demand.shape
    if hours % _DAY or np.shape(pv_kwh) != demand.shape or battery.capacity_kwh.shape != (n,):
        raise ValueError("dispatch_self_consumption: (n, whole days) arrays and n batteries")
    net = np.asarray(pv_kwh, dtype=float) - demand
    surplus, deficit = np.maximum(net, 0.0), np.maximum(-net, 0.0)
    eta = np.sqrt(battery.round_trip_efficiency)[:, None]
    power = battery.power_kw[:, None]
    # Stored energy each hour asks for, hour-of-day first: (24, days, n), contiguous per hour.
    wish = eta * np.minimum(surplus, power) - np.minimum(deficit, power) / eta
    wish = np.ascontiguousarray(wish.reshape(n, -1, _DAY).transpose(2, 1, 0))
    start = _day_starts(wish, battery.capacity_kwh)
    soc = np.empty_like(wish)
    state = start.copy()
    for h in range(_DAY):  # 24 hours of the day, every day and battery at once
        np.clip(state + wish[h], 0.0, battery.capacity_kwh, out=state)
        soc[h] = state
    before = np.concatenate([start[None], soc[:-1]])
    stored = soc - before
    soc_nh = soc.transpose(2, 1, 0).reshape(n, hours)
    stored = stored.transpose(2, 1, 0).reshape(n, hours)
    charge = np.maximum(stored, 0.0) / eta
    discharge = np.maximum(-stored, 0.0) * eta
    dtype = demand.dtype if demand.dtype.kind == "f" else np.float64
    return BatteryFlows(
        import_kwh=np.maximum(deficit - discharge, 0.0).astype(dtype),
        export_kwh=np.maximum(surplus - charge, 0.0).astype(dtype),
        charge_kwh=charge.astype(dtype),
        discharge_kwh=discharge.astype(dtype),
        soc_kwh=soc_nh.astype(dtype),
    )


def _day_starts(wish: np.ndarray, capacity_kwh: np.ndarray) -> np.ndarray:
    """State of charge at the start of every day, (days, n), from the (24, days, n) wishes.

    Each day maps its start state s to clip(s + A, L, U) (see the module docstring); the
    days are then chained one after the other over all batteries at once.
    """
    _, days, n = wish.shape
    low = np.zeros((days, n))
    high = np.broadcast_to(capacity_kwh, (days, n)).copy()
    for h in range(_DAY):  # 24 hours of the day, every day and battery at once
        np.clip(low + wish[h], 0.0, capacity_kwh, out=low)
        np.clip(high + wish[h], 0.0, capacity_kwh, out=high)
    shift = wish.sum(axis=0)
    start = np.empty((days, n))
    state = np.zeros(n)
    for d in range(days):  # 365 days, every battery at once
        start[d] = state
        state = np.clip(state + shift[d], low[d], high[d])
    return start


def battery_catalogue(params: Params) -> pd.DataFrame:
    """The packaged home-battery catalogue (``data/batteries.csv``): size, power, round-trip
    efficiency, installed cost incl. VAT, lifetime, each row with ``source`` and ``year``."""
    return params.table("batteries").sort_values("capacity_kwh").reset_index(drop=True)


def catalogue_battery(capacity_kwh: np.ndarray | float, params: Params) -> pd.DataFrame:
    """Power, efficiency, cost and lifetime of batteries of ``capacity_kwh``, from the catalogue.

    Linear between the catalogue's sizes.

    Raises
    ------
    WupInputError
        A size outside the catalogue's range.
    """
    table = battery_catalogue(params)
    size = np.atleast_1d(np.asarray(capacity_kwh, dtype=float))
    lo, hi = float(table["capacity_kwh"].min()), float(table["capacity_kwh"].max())
    bad = ~((size >= lo) & (size <= hi))
    if bad.any():
        raise WupInputError(
            f"battery size {size[bad][0]:g} kWh is outside the catalogue's range "
            f"{lo:g} to {hi:g} kWh (data/batteries.csv)"
        )
    x = table["capacity_kwh"].to_numpy(dtype=float)
    columns = ("power_kw", "round_trip_efficiency", "cost_eur", "lifetime_years")
    return pd.DataFrame(
        {"capacity_kwh": size}
        | {c: np.interp(size, x, table[c].to_numpy(dtype=float)) for c in columns}
    )

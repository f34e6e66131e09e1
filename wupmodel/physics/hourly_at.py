"""The hourly pass at a few hours: each row's net electric load at chosen hours of a year.

The optimiser's LP grid constraint is linear in the option shares hour by hour: Σ n·load(t) ≤
capacity at each candidate hour t (:mod:`wupmodel.gridpeak`). It needs every dwelling group ×
option's load at those hours only, not all 8 760: this module evaluates the same components as
:func:`~wupmodel.physics.hourly.hourly_pass` under the ``"weather"`` scaling (appliances, hot
water and auxiliaries from their shapes, the heat pumps' electricity through the COP at the
hour, PV), at the hours asked for, for any number of rows (blocks of rows bound the memory).
Home batteries are left out, as the zone peaks leave them out.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from wupmodel.params import Params
from wupmodel.physics.hourly import _plan, _targets
from wupmodel.physics.hourly_data import HourlyCurves
from wupmodel.physics.hourly_heat import cop_hours, heat_pump_kw, hybrid_kw
from wupmodel.physics.hourly_rows import HourlyRows
from wupmodel.physics.hourly_shapes import shape_bank
from wupmodel.vocabulary import HEATING_SYSTEMS

__all__ = ["load_at_hours", "LoadsAtHours"]

_H = {name: i for i, name in enumerate(HEATING_SYSTEMS)}
_BLOCK = 16384


def load_at_hours(
    rows: HourlyRows, curves: HourlyCurves, params: Params, hours: np.ndarray
) -> np.ndarray:
    """Net electric load (import − export, no battery) per dwelling of each row at ``hours``.

    Parameters
    ----------
    rows
        Dwelling groups × options, per dwelling (:class:`HourlyRows`).
    curves
        The weather year.
    params
        Parameters.
    hours
        Hours of the year (0 … 8 759), shape (T,).

    Returns
    -------
    numpy.ndarray
        (n, T) [kW], float64; equal to the hourly pass's ``"weather"`` hours at those hours.
    """
    return LoadsAtHours(rows, curves, params).at(hours)


class LoadsAtHours:
    """:func:`load_at_hours` for hours asked for one after another: the rows' monthly
    coefficients are fitted once (about 1 kB per row)."""

    def __init__(self, rows: HourlyRows, curves: HourlyCurves, params: Params) -> None:
        self.rows, self.curves, self.params = rows, curves, params
        self.bank = shape_bank(curves, np.float64)
        self.plans = []
        for lo in range(0, rows.n, _BLOCK):  # blocks of rows bound the (rows, 12) arrays
            part = rows.take(np.arange(lo, min(lo + _BLOCK, rows.n)))
            plan = _plan(part, _targets(part, curves, params, "weather"), self.bank, params)
            self.plans.append((part, plan.electricity, plan.space, plan.pv))

    def at(self, hours: np.ndarray) -> np.ndarray:
        """(n, T) net load per dwelling of each row at ``hours`` [kW]."""
        at = np.asarray(hours, dtype=np.intp).reshape(-1)
        table = cop_hours(self.curves, self.params, np.float64, design=True)
        table_at = replace(
            table,
            cop_air=table.cop_air[:, at],
            step_air=table.step_air[:, at],
            cop_ground=table.cop_ground[:, at],
            step_ground=table.step_ground[:, at],
            cap_air=table.cap_air[at],
            cap_ground=table.cap_ground[at],
        )
        shapes = self.bank.shapes[:, at]  # (19, T)
        month = self.curves.month_of_hour[at]

        def linear(coefs: tuple) -> np.ndarray:
            shape, a, b = coefs
            return a[:, month] * shapes[shape] + b[:, month]

        out = []
        for part, electricity, space, pv in self.plans:  # blocks of rows
            load = sum(linear(c) for c in electricity) - linear(pv)
            out.append(load + _heat_pumps(part, linear(space), table_at, self.params))
        return np.concatenate(out) if out else np.zeros((0, at.size))


def _heat_pumps(rows: HourlyRows, heat_kw: np.ndarray, table, params: Params) -> np.ndarray:
    """The heat pumps' electricity (r, T) meeting the useful space heat ``heat_kw`` (r, T)."""
    out = np.zeros_like(heat_kw)
    for code in (_H["air_hp"], _H["ground_hp"], _H["hybrid_hp"]):  # the three heat pumps
        mine = np.flatnonzero(rows.heating == code)
        if not mine.size:
            continue
        if code == _H["hybrid_hp"]:
            elec, _boiler = hybrid_kw(
                table, heat_kw[mine], rows.capacity_kw[mine], rows.supply_c[mine], params
            )
        else:
            elec = heat_pump_kw(
                table,
                heat_kw[mine],
                rows.design_heat_load_kw[mine],
                rows.supply_c[mine],
                params,
                air=code == _H["air_hp"],
            )
        out[mine] = elec
    return out

"""Heat pumps hour by hour: the COP of :mod:`wupmodel.physics.heatpump` at every hour.

The yearly figures' COP model, unchanged: COP = max(``hp.field_factor`` × Carnot-Keymark COP
at the source temperature (the hour's outdoor air, or ``hp.ground_brine_temp_c``) and the flow
temperature of the weather-compensated heating curve, ``hp.cop_floor``), and for the grid's
design peak the lab COP at full load as the design-day peak has it; the capacity share
of :func:`~wupmodel.physics.heatpump.capacity_share` and the backup heater of
:func:`~wupmodel.physics.heatpump.electric_input_per_design_kw`; the hybrid's switch-over COP.
The COP is tabulated once per weather year on the model's supply-temperature grid
(:data:`~wupmodel.physics.heatpump.SUPPLY_GRID_C`, 0.5 K) × 8 760 hours and interpolated
linearly at each row's supply temperature (as the yearly seasonal figures are).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from wupmodel.params import Params
from wupmodel.physics._memo import per_values
from wupmodel.physics.heatpump import (
    SUPPLY_GRID_C,
    capacity_share,
    carnot_cop,
    carnot_fit,
    electric_input_per_design_kw,
    heating_curve_flow_c,
)
from wupmodel.physics.hourly_data import HourlyCurves

__all__ = ["CopHours", "cop_hours", "row_cop", "heat_pump_kw", "hybrid_kw"]


@dataclass(frozen=True)
class CopHours:
    """COP and capacity share of one weather year (read-only, in the pass's dtype).

    Attributes
    ----------
    cop_air, cop_ground
        COP on the supply grid at every hour, (S, H).
    step_air, step_ground
        Difference to the next supply node, (S − 1, H).
    cap_air, cap_ground
        Heat-pump capacity as a share of the design load at every hour, (H,).
    """

    cop_air: np.ndarray
    step_air: np.ndarray
    cop_ground: np.ndarray
    step_ground: np.ndarray
    cap_air: np.ndarray
    cap_ground: np.ndarray


@per_values("hp.", "physics.")
def _memo(params: Params) -> dict:
    return {}


def cop_hours(curves: HourlyCurves, params: Params, dtype: type, design: bool = False) -> CopHours:
    """The :class:`CopHours` of ``curves`` (cached per Params, weather year, dtype and use).

    ``design=False`` (energy, bills): the lab COP × ``hp.field_factor``, as the yearly figures;
    ``design=True`` (the grid's design peak from the hours): the lab COP at full load, as the
    design-day peak (:mod:`wupmodel.physics.heatpump`): the field factor is a seasonal
    calibration of part-load cycling, controls and buffer losses, not of the coldest hour.
    """
    memo = _memo(params)
    key = (curves.weather_year, np.dtype(dtype).str, design)
    if key not in memo:
        t = curves.t_air_c[None, :]
        flow = heating_curve_flow_c(t, SUPPLY_GRID_C[:, None], params)  # (S, H)
        field = 1.0 if design else params["hp.field_factor"]
        floor = params["hp.cop_floor"]
        air = np.maximum(field * carnot_cop(carnot_fit(params, 1), t, flow), floor)
        brine = np.full_like(t, params["hp.ground_brine_temp_c"])
        ground = np.maximum(field * carnot_cop(carnot_fit(params, 2), brine, flow), floor)
        out = CopHours(
            cop_air=air.astype(dtype),
            step_air=np.diff(air, axis=0).astype(dtype),
            cop_ground=ground.astype(dtype),
            step_ground=np.diff(ground, axis=0).astype(dtype),
            cap_air=capacity_share(curves.t_air_c, params, air=True).astype(dtype),
            cap_ground=capacity_share(curves.t_air_c, params, air=False).astype(dtype),
        )
        for value in vars(out).values():
            value.setflags(write=False)
        memo[key] = out
    return memo[key]


def row_cop(table: CopHours, supply_c: np.ndarray, air: bool) -> np.ndarray:
    """COP of each row (its design supply temperature) at every hour, (r, H)."""
    cop, step = (table.cop_air, table.step_air) if air else (table.cop_ground, table.step_ground)
    grid_step = SUPPLY_GRID_C[1] - SUPPLY_GRID_C[0]
    s = np.clip(np.asarray(supply_c, dtype=float), SUPPLY_GRID_C[0], SUPPLY_GRID_C[-1])
    j = np.minimum(((s - SUPPLY_GRID_C[0]) / grid_step).astype(np.intp), SUPPLY_GRID_C.size - 2)
    w = ((s - SUPPLY_GRID_C[j]) / grid_step).astype(cop.dtype)
    out = cop[j]
    slope = step[j]
    slope *= w[:, None]
    out += slope
    return out


def heat_pump_kw(
    table: CopHours,
    heat_kw: np.ndarray,
    design_load_kw: np.ndarray,
    supply_c: np.ndarray,
    params: Params,
    *,
    air: bool,
) -> np.ndarray:
    """Electricity of all-electric heat pumps meeting ``heat_kw`` (r, H) [kW], incl. backup.

    :func:`~wupmodel.physics.heatpump.electric_input_per_design_kw` at each hour's load
    fraction (heat / design load), COP and capacity share.
    """
    cop = row_cop(table, supply_c, air)
    load = np.maximum(np.asarray(design_load_kw, dtype=float), 1e-9).astype(cop.dtype)[:, None]
    cap = table.cap_air if air else table.cap_ground
    elec, _backup = electric_input_per_design_kw(heat_kw / load, cop, cap, params)
    elec *= load
    return elec


def hybrid_kw(
    table: CopHours,
    heat_kw: np.ndarray,
    capacity_kw: np.ndarray,
    supply_c: np.ndarray,
    params: Params,
) -> tuple[np.ndarray, np.ndarray]:
    """(heat-pump electricity [kW], boiler heat [kW]) of hybrids meeting ``heat_kw`` (r, H).

    The heat pump delivers min(heat, capacity) in the hours its COP reaches
    ``hp.hybrid_switch_cop`` (the rule of :func:`~wupmodel.physics.heatpump.seasonal_tables`);
    the boiler the rest.
    """
    cop = row_cop(table, supply_c, air=True)
    hp = np.minimum(heat_kw, np.asarray(capacity_kw, dtype=cop.dtype)[:, None])
    hp *= cop >= params["hp.hybrid_switch_cop"]
    boiler = heat_kw - hp
    hp /= cop
    return hp, boiler

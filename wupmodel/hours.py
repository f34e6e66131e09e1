"""``hourly()``: the village hour by hour under each strategy (issue 21).

Per strategy (the packaged ones, :mod:`wupmodel.village`):

* **load** in the design weather year (``hourly.design_weather_year``, or the one asked for):
  the village's and each LV zone's design load per hour (:mod:`wupmodel.gridpeak`), its peak,
  the hour of the peak and the load-duration curve;
* the **cold-year check** beside it: the same zones in the cold year
  (``hourly.cold_check_weather_year``, 1987), their peaks against the zones' capacity. The grid
  is sized on the design year; the check says what a Dutch cold spell would ask of it;
* **PV** on every roof that takes it, in the energy year (``hourly.default_weather_year``,
  the monthly model's totals spread by the hours): the share of PV the households use
  themselves, the export, and the same with a home battery of the catalogue in every house
  with PV (its effect: more PV used, less import and export);
* a **monthly check**: the monthly sums of the hours against the monthly model
  (:func:`~wupmodel.physics.monthly.monthly_components`) per carrier, the largest relative
  difference over the months; and the PV used at home that the evaluation's table gives
  (:mod:`~wupmodel.physics.selfuse`) against the hours'.

:class:`HourlyReport` holds it; ``wupmodel.io.write_hourly`` writes its JSON and the hourly
curves as Parquet.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from wupmodel.errors import WupInputError
from wupmodel.evaluate import evaluate
from wupmodel.gridpeak import ZonePeaks, rows_of, zone_peaks
from wupmodel.inputs import ModelInputs, as_inputs
from wupmodel.outcomes import Outcomes
from wupmodel.physics import (
    HOURS,
    Battery,
    battery_catalogue,
    catalogue_battery,
    hourly_curves,
    hourly_pass,
    monthly_components,
    weather_year_of,
)
from wupmodel.scenario import Scenario
from wupmodel.village import Strategy, default_strategies, strategy_choice
from wupmodel.vocabulary import HEATING_SYSTEMS, INSULATION_LEVELS

__all__ = ["HourlyReport", "StrategyHours", "hourly", "default_battery_kwh"]

#: Carriers of the monthly check: the hours' name and the monthly model's component.
_CHECKED = {
    "electricity_demand_kwh": "electricity_kwh",
    "pv_kwh": "pv_kwh",
    "gas_m3": "gas_m3",
    "heat_gj": "heat_gj",
}


@dataclass(frozen=True)
class StrategyHours:
    """One strategy hour by hour (village totals; kW, MWh/yr).

    Attributes
    ----------
    strategy, dwellings
        The strategy and the village's dwellings.
    peaks
        The LV zones' design peaks (:class:`~wupmodel.gridpeak.ZonePeaks`), with the load per
        hour.
    cold
        The same zones in the cold year (the cold-year check), or ``None`` when the design
        year is the cold year.
    peak_kw, peak_hour, load_duration_kw
        The village's design peak, its hour of the year and the load sorted from the largest
        hour down, (8760,).
    pv_mwh, export_mwh, import_mwh
        With PV on every roof that takes it, no battery.
    self_consumption_share
        PV used by the households themselves / PV yield [-].
    battery_self_consumption_share, battery_export_mwh, battery_import_mwh
        The same with a home battery in every house with PV.
    table_self_consumption_share
        What the evaluation's self-consumption table gives for the same houses [-].
    monthly_check
        Carrier -> the largest relative difference between the hours' and the monthly model's
        village total over the months [-].
    """

    strategy: str
    dwellings: float
    peaks: ZonePeaks
    peak_kw: float
    peak_hour: int
    load_duration_kw: np.ndarray
    pv_mwh: float
    export_mwh: float
    import_mwh: float
    self_consumption_share: float
    battery_self_consumption_share: float
    battery_export_mwh: float
    battery_import_mwh: float
    table_self_consumption_share: float
    monthly_check: dict[str, float] = field(default_factory=dict)
    cold: ZonePeaks | None = None

    @property
    def peak_kw_per_dwelling(self) -> float:
        return self.peak_kw / self.dwellings

    def cold_check(self) -> dict[str, Any] | None:
        """The cold-year check as plain JSON: the village's peak per dwelling, and per zone its
        peak and excess over its capacity [kW]; ``None`` without one."""
        c = self.cold
        if c is None:
            return None
        return {
            "weather_year": c.weather_year,
            "peak_kw": c.village_peak_kw,
            "peak_kw_per_dwelling": c.village_peak_kw / self.dwellings,
            "zones_over_capacity": int((c.excess_kw > 0).sum()),
            "zones": {
                z: {
                    "peak_kw": float(c.peak_kw[k]),
                    "peak_kw_per_dwelling": float(c.peak_kw_per_dwelling[k]),
                    "peak_time": hour_label(int(c.peak_hour[k]), int(c.weather_year)),
                    "excess_kw": float(c.excess_kw[k]),
                }
                for k, z in enumerate(c.names)
            },
        }


@dataclass(frozen=True)
class HourlyReport:
    """What :func:`hourly` returns.

    Attributes
    ----------
    design_year, energy_year
        The weather year of the load curves and peaks, and that of PV and the monthly check.
    cold_year
        The weather year of the cold-year check (``None``: none, the design year is it).
    battery_kwh
        The home battery of the battery figures [kWh].
    strategies
        Name -> :class:`StrategyHours`, in the packaged order.
    """

    design_year: int
    energy_year: int
    battery_kwh: float
    strategies: dict[str, StrategyHours]
    cold_year: int | None = None

    def table(self) -> pd.DataFrame:
        """One row per strategy: peaks, PV, self-consumption, battery effect, monthly check."""
        rows = []
        for name, s in self.strategies.items():
            rows.append(
                {
                    "strategy": name,
                    "peak_kw": s.peak_kw,
                    "peak_kw_per_dwelling": s.peak_kw_per_dwelling,
                    "peak_time": hour_label(s.peak_hour, self.design_year),
                    "zones_over_capacity": int((s.peaks.excess_kw > 0).sum()),
                    "cold_peak_kw_per_dwelling": np.nan
                    if s.cold is None
                    else s.cold.village_peak_kw / s.dwellings,
                    "cold_zones_over_capacity": 0
                    if s.cold is None
                    else int((s.cold.excess_kw > 0).sum()),
                    "pv_mwh": s.pv_mwh,
                    "self_consumption_share": s.self_consumption_share,
                    "export_mwh": s.export_mwh,
                    "battery_self_consumption_share": s.battery_self_consumption_share,
                    "battery_export_mwh": s.battery_export_mwh,
                    "battery_import_saved_mwh": s.import_mwh - s.battery_import_mwh,
                    "monthly_check_max": max(s.monthly_check.values(), default=0.0),
                }
            )
        return pd.DataFrame(rows)

    def to_json_dict(self) -> dict[str, Any]:
        """Plain JSON: per strategy ``peak_kw_per_dwelling``, ``self_consumption_share``, the
        zones, the battery effect and ``monthly_check``."""
        out: dict[str, Any] = {
            "design_weather_year": self.design_year,
            "energy_weather_year": self.energy_year,
            "cold_check_weather_year": self.cold_year,
            "battery_kwh": self.battery_kwh,
            "strategies": {},
        }
        for name, s in self.strategies.items():
            p = s.peaks
            out["strategies"][name] = {
                "dwellings": s.dwellings,
                "peak_kw": s.peak_kw,
                "peak_kw_per_dwelling": s.peak_kw_per_dwelling,
                "peak_hour": s.peak_hour,
                "peak_time": hour_label(s.peak_hour, self.design_year),
                "load_duration_kw": [float(s.load_duration_kw[h]) for h in _DURATION_POINTS],
                "load_duration_hours": list(_DURATION_POINTS),
                "zones": {
                    z: {
                        "dwellings": float(p.dwellings[k]),
                        "peak_kw": float(p.peak_kw[k]),
                        "peak_kw_per_dwelling": float(p.peak_kw_per_dwelling[k]),
                        "peak_time": hour_label(int(p.peak_hour[k]), self.design_year),
                        "capacity_kw": float(p.capacity_kw[k]),
                        "excess_kw": float(p.excess_kw[k]),
                    }
                    for k, z in enumerate(p.names)
                },
                "pv_mwh": s.pv_mwh,
                "export_mwh": s.export_mwh,
                "self_consumption_share": s.self_consumption_share,
                "self_consumption_share_table": s.table_self_consumption_share,
                "battery": {
                    "self_consumption_share": s.battery_self_consumption_share,
                    "export_mwh": s.battery_export_mwh,
                    "import_saved_mwh": s.import_mwh - s.battery_import_mwh,
                },
                "monthly_check": dict(s.monthly_check),
                "cold_year_check": s.cold_check(),
            }
        return out

    def curves(self) -> pd.DataFrame:
        """The hourly curves, long: strategy, zone (``village`` for the sum), hour, time
        (UTC, in the design year) and the design load [kW]."""
        frames = []
        for name, s in self.strategies.items():
            load = s.peaks.load_kw
            zones = list(s.peaks.names) + ["village"]
            values = np.vstack([load, load.sum(axis=0, keepdims=True)])
            frames.append(
                pd.DataFrame(
                    {
                        "strategy": name,
                        "zone": np.repeat(zones, HOURS),
                        "hour": np.tile(np.arange(HOURS), len(zones)),
                        "load_kw": values.reshape(-1),
                    }
                )
            )
        out = pd.concat(frames, ignore_index=True)
        out["time_utc"] = _times(self.design_year)[out["hour"].to_numpy()]
        return out


#: Hours of the load-duration curve reported in the JSON (1st, 10th, ... largest hour).
_DURATION_POINTS = (0, 9, 99, 499, 999, 2999, 8759)


def _times(year: int) -> pd.DatetimeIndex:
    """The 8 760 hours of a weather year as UTC timestamps (no 29 February)."""
    days = pd.date_range(f"{year}-01-01", f"{year}-12-31", freq="D")
    days = days[~((days.month == 2) & (days.day == 29))][:365]
    return (days.repeat(24) + pd.to_timedelta(np.tile(np.arange(24), 365), unit="h")).tz_localize(
        "UTC"
    )


def hour_label(hour: int, year: int) -> str:
    """``'1987-01-11 18:00 UTC'`` for an hour of a weather year."""
    if hour < 0:
        return ""
    return _times(year)[int(hour)].strftime("%Y-%m-%d %H:%M UTC")


def _with_pv(outcomes: Outcomes, choice: np.ndarray) -> np.ndarray:
    """Each group's option with rooftop PV (no battery) where the roof takes it."""
    cat = outcomes.catalogue
    out = choice.copy()
    for j in np.unique(choice):  # the strategy's options, a few
        try:
            k = cat.index_of(
                INSULATION_LEVELS[cat.insulation[j]],
                HEATING_SYSTEMS[cat.heating[j]],
                True,
                bool(cat.solar_thermal[j]),
            )
        except KeyError:
            continue
        rows = np.flatnonzero(choice == j)
        ok = outcomes.feasible[rows, k]
        out[rows[ok]] = k
    return out


def _battery(params, battery_kwh: float, pv_kwh: np.ndarray) -> Battery:
    spec = catalogue_battery(battery_kwh, params).iloc[0]
    has = pv_kwh > 0
    n = pv_kwh.size
    return Battery(
        np.where(has, battery_kwh, 0.0),
        np.full(n, spec["power_kw"]),
        np.full(n, spec["round_trip_efficiency"]),
    )


def _monthly_check(result, rows, params) -> dict[str, float]:
    """Largest relative difference per carrier between the hours' and the monthly model's
    village totals over the months."""
    months = monthly_components(rows.yearly_inputs(), params)
    out = {}
    for carrier, component in _CHECKED.items():
        hours = rows.count @ result.monthly[carrier]
        model = rows.count @ getattr(months, component)
        scale = np.maximum(np.abs(model), 1e-9 * max(np.abs(model).max(), 1e-12))
        out[carrier] = float(np.max(np.abs(hours - model) / scale)) if model.any() else 0.0
    return out


def _strategy_hours(
    outcomes: Outcomes,
    inputs: ModelInputs,
    s: Strategy,
    years: tuple[int, int, int | None],
    battery: float,
) -> StrategyHours:
    """``years``: design, energy and cold-check weather year (None: no check)."""
    params = inputs.params
    choice = strategy_choice(outcomes, s)
    peaks = zone_peaks(outcomes, choice, params, weather_year=years[0])
    cold = None
    if years[2] is not None and peaks.method == "hours":
        cold = zone_peaks(outcomes, choice, params, weather_year=years[2])
    village = peaks.load_kw.sum(axis=0)
    solar = _with_pv(outcomes, choice)
    rows = rows_of(outcomes, solar)
    result = hourly_pass(
        rows, hourly_curves(years[1]), params, battery=_battery(params, battery, rows.pv_kwh)
    )
    count = rows.count

    def total(carrier: str) -> float:
        return float(count @ result.yearly(carrier)) / 1e3

    pv = total("pv_kwh")
    direct = total("direct_use_kwh")
    export_table = outcomes.pick("electricity_export_kwh", solar) @ count / 1e3
    pv_table = outcomes.pick("pv_kwh", solar) @ count / 1e3
    return StrategyHours(
        strategy=s.name,
        dwellings=float(count.sum()),
        peaks=peaks,
        peak_kw=float(village.max()),
        peak_hour=int(village.argmax()),
        load_duration_kw=-np.sort(-village),
        pv_mwh=pv,
        export_mwh=pv - direct,
        import_mwh=total("electricity_demand_kwh") - direct,
        self_consumption_share=direct / pv if pv > 0 else float("nan"),
        battery_self_consumption_share=total("self_consumption_kwh") / pv if pv > 0 else np.nan,
        battery_export_mwh=total("electricity_export_kwh"),
        battery_import_mwh=total("electricity_import_kwh"),
        table_self_consumption_share=1.0 - export_table / pv_table if pv > 0 else float("nan"),
        monthly_check=_monthly_check(result, rows, params),
        cold=cold,
    )


def hourly(
    stock: pd.DataFrame,
    scenario: Scenario | ModelInputs | None = None,
    *,
    strategies: list[str] | None = None,
    weather_year: int | None = None,
    battery_kwh: float | None = None,
    outcomes: Outcomes | None = None,
) -> HourlyReport:
    """The village hour by hour under each strategy (see the module docstring).

    Parameters
    ----------
    stock
        A validated stock (ignored when ``outcomes`` is given).
    scenario
        The scenario, or its :class:`~wupmodel.inputs.ModelInputs` (default: the packaged one).
    strategies
        Names of packaged strategies (default: all).
    weather_year
        The weather year of the load curves and peaks (default ``hourly.design_weather_year``);
        one of :data:`~wupmodel.physics.WEATHER_YEARS`.
    battery_kwh
        The home battery of the battery figures (default: the scenario's catalogue's first,
        else the battery catalogue's smallest); within the battery catalogue's range.
    outcomes
        Outcomes already evaluated (physics is enough).

    Raises
    ------
    WupInputError
        An unknown strategy, a weather year not shipped, a battery size outside the catalogue.
    """
    inputs = as_inputs(scenario)
    params = inputs.params
    if weather_year is None:
        year = weather_year_of(params, "hourly.design_weather_year")
    else:
        year = weather_year
        hourly_curves(year)  # a year not shipped: one clear message
    chosen = _chosen(strategies)
    battery = default_battery_kwh(inputs) if battery_kwh is None else float(battery_kwh)
    catalogue_battery(battery, params)  # outside the catalogue's range: one clear message
    if outcomes is None:
        outcomes = evaluate(stock, inputs, money=False)
    cold_year = weather_year_of(params, "hourly.cold_check_weather_year")
    years = (
        int(year),
        weather_year_of(params, "hourly.default_weather_year"),
        None if cold_year == int(year) else cold_year,
    )
    return HourlyReport(
        design_year=years[0],
        energy_year=years[1],
        battery_kwh=battery,
        strategies={s.name: _strategy_hours(outcomes, inputs, s, years, battery) for s in chosen},
        cold_year=years[2],
    )


def default_battery_kwh(inputs: ModelInputs) -> float:
    """The home battery the hourly figures show when none is asked for [kWh]: the scenario's
    catalogue's first size, else the battery catalogue's smallest (``data/batteries.csv``)."""
    sizes = inputs.catalogue.battery_sizes
    return float(sizes[0] if sizes else battery_catalogue(inputs.params)["capacity_kwh"].min())


def _chosen(names: list[str] | None) -> list[Strategy]:
    known = default_strategies()
    if not names:
        return known
    by_name = {s.name: s for s in known}
    unknown = [n for n in names if n not in by_name]
    if unknown:
        raise WupInputError(
            f"unknown strategy {unknown[0]!r}; choose from {', '.join(by_name)}", "strategy"
        )
    return [by_name[n] for n in names]

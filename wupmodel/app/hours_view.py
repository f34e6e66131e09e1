"""What the app shows of the hours (issue 21): one house on a winter day and a summer day, what a
home battery is worth after saldering ends, and the village's load on the coldest day against
its grid.

Pure functions of evaluated outcomes and a scenario's inputs; the figures are in
:mod:`wupmodel.app.hourly_plots`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from wupmodel.gridpeak import rows_of, zone_peaks
from wupmodel.hours import default_battery_kwh
from wupmodel.inputs import ModelInputs
from wupmodel.money.bills import annual_bill_eur
from wupmodel.outcomes import Outcomes
from wupmodel.physics import (
    Battery,
    HourlyOptions,
    catalogue_battery,
    hourly_curves,
    hourly_pass,
    weather_year_of,
)
from wupmodel.village import Strategy, default_strategies, strategy_choice
from wupmodel.vocabulary import HEATING_SYSTEMS, INSULATION_LEVELS

__all__ = ["house_days", "battery_worth", "village_coldest_day"]

_HEAT_NETWORKS = ("heat_network_mt", "heat_network_lt")


def _row(outcomes: Outcomes, dwelling_id: str | None) -> int:
    ids = np.asarray(outcomes.dwelling_ids).astype(str)
    if dwelling_id is None:
        return int(outcomes.dwelling_group[0])
    hit = np.flatnonzero(ids == str(dwelling_id))
    if not hit.size:
        raise KeyError(f"no dwelling {dwelling_id!r}")
    return int(outcomes.dwelling_group[hit[0]])


def _options(outcomes: Outcomes, strategy: Strategy, g: int, battery_kwh: float) -> dict:
    """The group's option under the strategy, with PV, and with PV and a battery (where the
    catalogue and the roof have them; the option itself otherwise)."""
    cat = outcomes.catalogue
    j = int(strategy_choice(outcomes, strategy)[g])
    level = INSULATION_LEVELS[cat.insulation[j]]
    heating = HEATING_SYSTEMS[cat.heating[j]]
    st = bool(cat.solar_thermal[j])
    out = {"option": j, "pv": j, "battery": j}
    for key, battery in (("pv", 0.0), ("battery", battery_kwh)):
        try:
            k = cat.index_of(level, heating, True, st, battery)
        except KeyError:
            continue
        if outcomes.feasible[g, k]:
            out[key] = k
    return out


def house_days(
    outcomes: Outcomes,
    inputs: ModelInputs,
    strategy: Strategy,
    dwelling_id: str | None = None,
    battery_kwh: float | None = None,
) -> pd.DataFrame:
    """A winter day and a summer day of one house under ``strategy``, with rooftop PV and a home
    battery where the roof takes them.

    The energy weather year (``hourly.default_weather_year``, the bills' hours): the winter day
    is its coldest day, the summer day its sunniest.

    Returns
    -------
    pandas.DataFrame
        Per day (``winter``, ``summer``) and hour 0-23 (UTC): ``demand_kw`` (the house's use),
        ``pv_kw``, ``battery_kw`` (discharge positive, charge negative), ``grid_kw`` (import
        positive, export negative), ``soc_kwh`` (the battery's charge at the hour's end).
    """
    params = inputs.params
    size = default_battery_kwh(inputs) if battery_kwh is None else float(battery_kwh)
    g = _row(outcomes, dwelling_id)
    k = _options(outcomes, strategy, g, size)["battery"]
    choice = np.full(outcomes.n_groups, k)
    rows = rows_of(outcomes, choice).take(np.array([g]))
    spec = catalogue_battery(size, params).iloc[0]
    has = float(outcomes.catalogue.battery_kwh[k]) > 0 and rows.pv_kwh[0] > 0
    battery = Battery(
        np.array([size if has else 0.0]),
        np.array([spec["power_kw"]]),
        np.array([spec["round_trip_efficiency"]]),
    )
    curves = hourly_curves(weather_year_of(params, "hourly.default_weather_year"))
    got = hourly_pass(
        rows, curves, params, battery=battery, options=HourlyOptions(keep_hours=True)
    ).hours
    days = {
        "winter": int(curves.t_air_c.reshape(365, 24).mean(axis=1).argmin()),
        "summer": int(np.asarray(curves.pv).reshape(365, 24).sum(axis=1).argmax()),
    }
    frames = []
    for name, day in days.items():  # two days
        sl = slice(24 * day, 24 * day + 24)
        demand = got["electricity_demand_kwh"][0, sl].astype(float)
        pv = got["pv_kwh"][0, sl].astype(float)
        grid = (got["electricity_import_kwh"][0, sl] - got["electricity_export_kwh"][0, sl]).astype(
            float
        )
        frames.append(
            pd.DataFrame(
                {
                    "day": name,
                    "day_of_year": day,
                    "hour": np.arange(24),
                    "demand_kw": demand,
                    "pv_kw": pv,
                    "grid_kw": grid,
                    "battery_kw": demand - pv - grid,
                    "soc_kwh": got["battery_soc_kwh"][0, sl].astype(float),
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def battery_worth(
    outcomes: Outcomes,
    inputs: ModelInputs,
    strategy: Strategy,
    dwelling_id: str | None = None,
    battery_kwh: float | None = None,
) -> dict[str, float]:
    """What a home battery is worth to one house under ``strategy`` (with rooftop PV), before and
    after saldering ends.

    Returns
    -------
    dict
        ``battery_kwh``, ``cost_eur`` (installed, incl. VAT), ``lifetime_years``,
        ``extra_self_use_kwh`` (PV used at home with the battery minus without, per year),
        ``saving_before_eur`` and ``saving_after_eur`` (the energy bill with PV minus with PV and
        the battery, in the first year of the scenario and in the first year without saldering;
        0 where the house has no roof or no battery option), ``after_year``, ``payback_years``
        (cost / saving after; inf when it saves nothing).
    """
    params = inputs.params
    size = default_battery_kwh(inputs) if battery_kwh is None else float(battery_kwh)
    spec = catalogue_battery(size, params).iloc[0]
    g = _row(outcomes, dwelling_id)
    opts = _options(outcomes, strategy, g, size)
    tariffs = inputs.tariffs
    after = np.flatnonzero(~np.asarray(tariffs.net_metering, dtype=bool))
    year = int(after[0]) if after.size else tariffs.n_years - 1

    def bill(option: int, year_index: int) -> float:
        def q(name: str) -> float:
            return float(outcomes[name][g, option])

        heating = HEATING_SYSTEMS[outcomes.catalogue.heating[option]]
        return float(
            annual_bill_eur(
                q("gas_m3"),
                q("electricity_import_kwh"),
                q("electricity_export_kwh"),
                q("heat_gj"),
                q("gas_m3") > 0,
                heating in _HEAT_NETWORKS,
                tariffs,
                year_index,
            )
        )

    pv, bat = opts["pv"], opts["battery"]
    saving = {y: bill(pv, y) - bill(bat, y) for y in (0, year)}
    export = outcomes["electricity_export_kwh"]
    return {
        "battery_kwh": float(size),
        "cost_eur": float(spec["cost_eur"]),
        "lifetime_years": float(spec["lifetime_years"]),
        "extra_self_use_kwh": float(export[g, pv] - export[g, bat]),
        "saving_before_eur": saving[0],
        "saving_after_eur": saving[year],
        "after_year": int(tariffs.years[year]),
        "payback_years": float(spec["cost_eur"] / saving[year]) if saving[year] > 0 else np.inf,
    }


def village_coldest_day(
    outcomes: Outcomes, inputs: ModelInputs, weather_year: int | None = None
) -> pd.DataFrame:
    """The village's design load per strategy on a weather year's coldest day, beside its grid.

    ``weather_year``: the design year (default, ``hourly.design_weather_year``: what the grid
    is sized on) or another shipped one, such as the cold-year check's
    (``hourly.cold_check_weather_year``).

    Returns
    -------
    pandas.DataFrame
        Per strategy and hour 0-23 (UTC): ``strategy``, ``label_nl``, ``label_en``,
        ``load_kw`` (all zones together), ``capacity_kw`` (the zones' capacities together,
        before reinforcement), ``t_air_c`` (the hour's outdoor temperature) and ``day_of_year``.
    """
    params = inputs.params
    year = (
        weather_year_of(params, "hourly.design_weather_year")
        if weather_year is None
        else weather_year
    )
    curves = hourly_curves(year)
    day = int(curves.t_air_c.reshape(365, 24).mean(axis=1).argmin())
    sl = slice(24 * day, 24 * day + 24)
    frames = []
    for s in default_strategies():  # six strategies
        peaks = zone_peaks(outcomes, strategy_choice(outcomes, s), params, weather_year=year)
        load = peaks.load_kw.sum(axis=0) if peaks.load_kw is not None else np.full(8760, np.nan)
        frames.append(
            pd.DataFrame(
                {
                    "strategy": s.name,
                    "label_nl": s.label_nl,
                    "label_en": s.label_en,
                    "hour": np.arange(24),
                    "load_kw": load[sl],
                    "capacity_kw": float(peaks.capacity_kw.sum()),
                    "t_air_c": curves.t_air_c[sl],
                    "day_of_year": day,
                }
            )
        )
    return pd.concat(frames, ignore_index=True)

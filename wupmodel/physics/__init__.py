"""Physics of the dwellings and their heating systems: pure, vectorised NumPy functions.

:func:`building_response` (demand, design load, supply temperature and insulation cost per
insulation level) feeds :func:`heating_systems` (energy, peak, feasibility and cost per heating
system, infeasible ones with a code into :data:`REASONS`); :func:`pv_system`,
:func:`solar_thermal` add PV and solar water heaters (PV used at home from the hours:
:func:`pv_self_use`), and
:func:`dwelling_peak_kw`, :func:`diversified_peak_kw` the LV-grid peak. The modules:

* :mod:`~wupmodel.physics.demand` — archetypes, envelope and heat transfer, the building
  response (:class:`BuildingInputs` in, :class:`BuildingResponse` out);
* :mod:`~wupmodel.physics.balance` — the NTA 8800 monthly heat balance (space-heat need);
* :mod:`~wupmodel.physics.insulation` — the insulation levels (target U per element, cost,
  measures; :data:`ELEMENTS`, :func:`insulation_levels`, :func:`already_standard`) and the
  supply temperature the emitters need;
* :mod:`~wupmodel.physics.emitters` — LT emitter works;
* :mod:`~wupmodel.physics.practice` — the practice factor (metered vs theoretical use);
* :mod:`~wupmodel.physics.heatpump` — COP (Carnot fit to Keymark: :func:`carnot_fit`,
  :func:`carnot_cop`), heating curve, seasonal tables by the bin method;
* :mod:`~wupmodel.physics.systems` — the heating systems (:class:`SystemResponse`) and the
  carrier use per kWh of hot water (:func:`hot_water_energy_per_kwh`);
* :mod:`~wupmodel.physics.climate` — temperature bins and the monthly climate;
* :mod:`~wupmodel.physics.solar` — PV and solar water heaters;
* :mod:`~wupmodel.physics.grid` — simultaneity and peaks on the LV grid;
* :mod:`~wupmodel.physics._memo` — memoisation of climate and tables per parameter set.

The hours (issue 21): :mod:`~wupmodel.physics.hourly` — the hourly pass over dwelling groups ×
options (import, export, self-consumption, zone peaks); :mod:`~.hourly_data` — the shipped
weather years and profiles; :mod:`~.hourly_shapes` — the shapes per dwelling and month;
:mod:`~.hourly_heat` — space heat and heat-pump electricity per hour; :mod:`~.hourly_rows` —
the rows (group × option) the pass takes; :mod:`~.monthly` — the monthly model the hours
reproduce; :mod:`~.battery` — home-battery dispatch; :mod:`~.selfuse` — PV used at home and
home batteries tabulated from the hours (what the evaluation uses); :mod:`~.hourly_at` — the
pass at a few hours (the optimiser's candidate hours).
"""

from __future__ import annotations

from wupmodel.physics.battery import (
    Battery,
    battery_catalogue,
    catalogue_battery,
    dispatch_self_consumption,
)
from wupmodel.physics.climate import (
    build_temperature_bins,
    heating_degree_days,
    monthly_climate,
    temperature_bins,
)
from wupmodel.physics.demand import (
    BuildingInputs,
    BuildingResponse,
    archetype_index,
    building_response,
    heat_transfer_coefficients,
    qv10_forfait_dm3s_m2,
    space_heat_need_kwh,
)
from wupmodel.physics.grid import (
    appliance_peak_kw,
    diversified_peak_kw,
    dwelling_peak_kw,
    simultaneity_factor,
)
from wupmodel.physics.heatpump import (
    CarnotFit,
    carnot_cop,
    carnot_fit,
    cop,
    heating_curve_flow_c,
    heatpump_fit,
    seasonal_tables,
)
from wupmodel.physics.hourly import (
    HourlyOptions,
    HourlyRows,
    RowChoice,
    etm_shape_index,
    hourly_pass,
    rows_from_physics,
    weather_ratio,
    zone_peak,
)
from wupmodel.physics.hourly_at import LoadsAtHours, load_at_hours
from wupmodel.physics.hourly_data import (
    ATTRIBUTION,
    ETM_HOUSE_TYPES,
    ETM_INSULATION,
    HOURS,
    MONTH_HOURS,
    MONTH_START,
    WEATHER_YEARS,
    HourlyCurves,
    hourly_curve_sources,
    hourly_curves,
    weather_year_of,
)
from wupmodel.physics.hourly_heat import cop_hours, row_cop
from wupmodel.physics.hourly_shapes import (
    coincident_sum,
    fit_months,
    hours_of,
    month_coefficients,
    month_sums,
    shape_bank,
)
from wupmodel.physics.insulation import (
    ELEMENTS,
    ElementState,
    LevelEnvelope,
    already_standard,
    emitter_supply_temp_c,
    insulation_levels,
    label_element_state,
)
from wupmodel.physics.monthly import monthly_components, monthly_tables, yearly_components
from wupmodel.physics.selfuse import SelfUse, SelfUseTable, pv_self_use, self_use_table
from wupmodel.physics.solar import (
    monthly_profiles,
    pv_system,
    solar_thermal,
)
from wupmodel.physics.systems import (
    REASONS,
    SystemResponse,
    heating_systems,
    hot_water_energy_per_kwh,
)

__all__ = [
    "Battery",
    "battery_catalogue",
    "catalogue_battery",
    "dispatch_self_consumption",
    "build_temperature_bins",
    "heating_degree_days",
    "monthly_climate",
    "temperature_bins",
    "archetype_index",
    "heat_transfer_coefficients",
    "qv10_forfait_dm3s_m2",
    "space_heat_need_kwh",
    "cop",
    "heating_curve_flow_c",
    "heatpump_fit",
    "seasonal_tables",
    "HourlyOptions",
    "HourlyRows",
    "RowChoice",
    "etm_shape_index",
    "hourly_pass",
    "rows_from_physics",
    "weather_ratio",
    "zone_peak",
    "ATTRIBUTION",
    "ETM_HOUSE_TYPES",
    "ETM_INSULATION",
    "HOURS",
    "HourlyCurves",
    "MONTH_HOURS",
    "MONTH_START",
    "WEATHER_YEARS",
    "weather_year_of",
    "hourly_curve_sources",
    "hourly_curves",
    "cop_hours",
    "row_cop",
    "coincident_sum",
    "fit_months",
    "hours_of",
    "month_coefficients",
    "month_sums",
    "shape_bank",
    "emitter_supply_temp_c",
    "monthly_components",
    "monthly_tables",
    "yearly_components",
    "monthly_profiles",
    "BuildingInputs",
    "BuildingResponse",
    "building_response",
    "SystemResponse",
    "heating_systems",
    "hot_water_energy_per_kwh",
    "REASONS",
    "ELEMENTS",
    "ElementState",
    "LevelEnvelope",
    "already_standard",
    "insulation_levels",
    "label_element_state",
    "CarnotFit",
    "carnot_cop",
    "carnot_fit",
    "pv_system",
    "pv_self_use",
    "self_use_table",
    "SelfUse",
    "SelfUseTable",
    "LoadsAtHours",
    "load_at_hours",
    "solar_thermal",
    "diversified_peak_kw",
    "appliance_peak_kw",
    "dwelling_peak_kw",
    "simultaneity_factor",
]

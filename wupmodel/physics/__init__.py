"""Physics of the dwellings and their heating systems: pure, vectorised NumPy functions.

``building_response`` (demand, design load, supply temperature and insulation cost per
insulation level) feeds ``heating_systems`` (energy, peak, feasibility and cost per heating
system); ``solar`` and ``grid`` add PV, solar water heaters and the LV-grid peak.
"""

from __future__ import annotations

from wupmodel.physics.demand import BuildingInputs, BuildingResponse, building_response
from wupmodel.physics.grid import (
    appliance_peak_kw,
    diversified_peak_kw,
    dwelling_peak_kw,
    simultaneity_factor,
)
from wupmodel.physics.solar import pv_self_consumption_kwh, pv_system, solar_thermal
from wupmodel.physics.systems import (
    REASONS,
    SystemResponse,
    heating_systems,
    hot_water_energy_per_kwh,
)

__all__ = [
    "BuildingInputs",
    "BuildingResponse",
    "building_response",
    "SystemResponse",
    "heating_systems",
    "hot_water_energy_per_kwh",
    "REASONS",
    "pv_system",
    "pv_self_consumption_kwh",
    "solar_thermal",
    "diversified_peak_kw",
    "appliance_peak_kw",
    "dwelling_peak_kw",
    "simultaneity_factor",
]

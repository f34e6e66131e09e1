"""Evaluate every dwelling against every option of the catalogue.

Identical dwellings are grouped first and evaluated once. The physics returns arrays over
(groups, insulation levels, heating systems); options index into those axes, so the whole
(groups × options) table is a broadcast with no Python loop over dwellings or options.
Large stocks are evaluated in chunks of groups (:func:`iter_evaluate`) to bound memory.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from wupmodel.catalogue import Catalogue, build_catalogue
from wupmodel.params import Params
from wupmodel.physics import (
    BuildingInputs,
    appliance_peak_kw,
    building_response,
    heating_systems,
    pv_self_consumption_kwh,
    pv_system,
    solar_thermal,
)
from wupmodel.scenario import Scenario
from wupmodel.stock import group_stock
from wupmodel.vocabulary import DWELLING_TYPES, ENERGY_LABELS, HEATING_SYSTEMS

#: Per-dwelling outcome arrays, shape (groups, options), with their meaning and unit.
QUANTITIES: dict[str, str] = {
    "gas_m3": "natural gas use, m3/yr",
    "electricity_demand_kwh": "electricity use incl. appliances, kWh/yr",
    "electricity_import_kwh": "electricity taken from the grid, kWh/yr",
    "electricity_export_kwh": "PV electricity fed into the grid, kWh/yr",
    "pv_kwh": "rooftop PV production, kWh/yr",
    "heat_gj": "heat bought from a heat network, GJ/yr",
    "peak_kw": "electric peak at -10 degC (heating + appliances), kW, before diversity",
    "co2_kg": "CO2 emissions in the first year, kg/yr",
    "capex_eur": "investment incl. VAT, before subsidy, EUR",
    "capex_insulation_eur": "investment in insulation incl. VAT, EUR",
    "capex_heating_eur": "investment in the heating system incl. VAT, EUR",
    "capex_pv_eur": "investment in rooftop PV incl. VAT, EUR",
    "capex_solar_thermal_eur": "investment in a solar water heater incl. VAT, EUR",
    "space_heat_kwh": "useful space heat, kWh/yr",
    "hot_water_kwh": "useful hot-water heat, kWh/yr",
    "supply_temp_c": "supply temperature needed at design conditions, degC",
    "capacity_kw": "heat-pump thermal capacity, kW",
}


@dataclass(frozen=True)
class Outcomes:
    """Outcomes of every dwelling group × option, per dwelling of the group.

    Attributes
    ----------
    groups
        One row per group of identical dwellings (validated stock columns, ``count``,
        ``group_id``).
    dwelling_ids
        Input dwelling ids, shape (n_rows,).
    dwelling_group
        Group index of each input row, shape (n_rows,).
    dwelling_count
        ``count`` of each input row (1 for a one-dwelling row), shape (n_rows,).
    catalogue
        The options (length O).
    feasible
        (G, O) bool: the option is technically possible for the dwelling and allowed by its
        zones.
    arrays
        Quantity name -> (G, O) float array; see :data:`QUANTITIES` for meaning and unit.
    year
        First year of the horizon (the year of first-year energy and CO2).
    notices
        Remarks for the user (e.g. assumptions applied to the stock).
    """

    groups: pd.DataFrame
    dwelling_ids: np.ndarray
    dwelling_group: np.ndarray
    dwelling_count: np.ndarray
    catalogue: Catalogue
    feasible: np.ndarray
    arrays: dict[str, np.ndarray]
    year: int
    notices: tuple[str, ...] = field(default=())

    def __getitem__(self, name: str) -> np.ndarray:
        return self.arrays[name]

    @property
    def n_groups(self) -> int:
        return int(self.feasible.shape[0])

    @property
    def counts(self) -> np.ndarray:
        """Dwellings per group, shape (G,)."""
        return self.groups["count"].to_numpy(dtype=float)

    def to_frame(self, per: str = "dwelling") -> pd.DataFrame:
        """Long table: one row per dwelling (or group) × option.

        Parameters
        ----------
        per
            ``"dwelling"`` (one row per input row; a grouped input row keeps its ``count``)
            or ``"group"`` (one row per group of identical dwellings, with ``count``).
        """
        options = self.catalogue.to_frame()
        n_opt = len(options)
        if per == "group":
            rows = np.arange(self.n_groups)
            ids = self.groups["group_id"].to_numpy()
            counts = self.counts
            id_col = "group_id"
        elif per == "dwelling":
            rows = self.dwelling_group
            ids = self.dwelling_ids
            counts = self.dwelling_count
            id_col = "dwelling_id"
        else:
            raise ValueError("per must be 'dwelling' or 'group'")
        data: dict[str, np.ndarray] = {
            id_col: np.repeat(ids, n_opt),
            "count": np.repeat(counts, n_opt),
        }
        for col in options.columns:
            data[col] = np.tile(options[col].to_numpy(), rows.size)
        data["feasible"] = self.feasible[rows].ravel()
        for name, arr in self.arrays.items():
            data[name] = arr[rows].ravel()
        return pd.DataFrame(data)

    def concat(self, other: Outcomes) -> Outcomes:
        """Join the outcomes of two chunks of the same stock (groups appended)."""
        offset = self.n_groups
        return replace(
            self,
            groups=pd.concat([self.groups, other.groups], ignore_index=True),
            dwelling_ids=np.concatenate([self.dwelling_ids, other.dwelling_ids]),
            dwelling_group=np.concatenate([self.dwelling_group, other.dwelling_group + offset]),
            dwelling_count=np.concatenate([self.dwelling_count, other.dwelling_count]),
            feasible=np.concatenate([self.feasible, other.feasible]),
            arrays={k: np.concatenate([v, other.arrays[k]]) for k, v in self.arrays.items()},
            notices=tuple(dict.fromkeys(self.notices + other.notices)),
        )


# ---------------------------------------------------------------------------------------


def building_inputs(groups: pd.DataFrame) -> BuildingInputs:
    """Integer-coded arrays for the physics from a validated stock (or groups) frame."""
    dtype = pd.Categorical(groups["dwelling_type"], categories=DWELLING_TYPES)
    label = pd.Categorical(groups.get("energy_label"), categories=ENERGY_LABELS)
    n = len(groups)

    def col(name: str) -> np.ndarray:
        if name in groups:
            return pd.to_numeric(groups[name], errors="coerce").to_numpy(dtype=float)
        return np.full(n, np.nan)

    return BuildingInputs(
        dwelling_type=np.asarray(dtype.codes, dtype=np.int64),
        construction_year=groups["construction_year"].to_numpy(dtype=np.int64),
        floor_area_m2=groups["floor_area_m2"].to_numpy(dtype=float),
        energy_label=np.asarray(label.codes, dtype=np.int64) if "energy_label" in groups else np.full(n, -1),
        gas_m3=col("gas_m3"),
        roof_area_m2=col("roof_area_m2"),
    )


def co2_factors(params: Params) -> dict[str, float]:
    """First-year CO2 factors: gas kg/m3, electricity kg/kWh, network heat kg/GJ (MT, LT)."""
    elec = params["co2.electricity_kg_per_kwh"]
    # LT network heat comes from a collective heat pump: its electricity, grossed up for losses.
    lt_kwh_e_per_gj = 1e9 / 3.6e6 / params["heatnet.lt_source_scop"] / (1.0 - params["heatnet.loss_share"])
    return {
        "gas": params["co2.gas_kg_per_m3"],
        "electricity": elec,
        "heat_network_mt": params["co2.heat_network_mt_kg_per_gj"],
        "heat_network_lt": lt_kwh_e_per_gj * elec,
    }


def _evaluate_groups(
    groups: pd.DataFrame, catalogue: Catalogue, params: Params, all_in_zone: bool
) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Core: (G, O) feasibility and quantities for a frame of groups."""
    inputs = building_inputs(groups)
    building = building_response(inputs, params)
    systems = heating_systems(building, inputs.dwelling_type, params)

    ins, heat = catalogue.insulation, catalogue.heating
    pv_on = catalogue.pv[None, :]
    st_on = catalogue.solar_thermal[None, :]

    # Solar water heater: the heating system then meets a smaller hot-water demand. The
    # systems are evaluated a second time on that demand only when the catalogue has it.
    st_heat_kwh, st_capex = solar_thermal(building.hot_water_kwh, params)
    if catalogue.solar_thermal.any():
        reduced = replace(building, hot_water_kwh=np.maximum(building.hot_water_kwh - st_heat_kwh, 0.0))
        systems_st = heating_systems(reduced, inputs.dwelling_type, params)
    else:
        systems_st = systems

    def pick(a_no: np.ndarray, a_st: np.ndarray) -> np.ndarray:
        return np.where(st_on, a_st[:, ins, heat], a_no[:, ins, heat])

    gas = pick(systems.gas_m3, systems_st.gas_m3)
    heat_elec = pick(systems.electricity_kwh, systems_st.electricity_kwh)
    heat_gj = pick(systems.heat_gj, systems_st.heat_gj)
    demand = heat_elec + building.appliance_kwh[:, None]

    kwp, pv_yield, pv_capex = pv_system(building.roof_area_m2, params)
    pv_kwh = np.where(pv_on, pv_yield[:, None], 0.0)
    self_kwh = pv_self_consumption_kwh(pv_kwh, demand, heat_elec, params)
    e_import = demand - self_kwh
    e_export = pv_kwh - self_kwh

    n = len(groups)
    peak = systems.peak_kw[:, ins, heat] + appliance_peak_kw(n, params)[:, None]

    f = co2_factors(params)
    is_mt = heat == HEATING_SYSTEMS.index("heat_network_mt")
    heat_co2 = np.where(is_mt, f["heat_network_mt"], f["heat_network_lt"])[None, :]
    co2 = gas * f["gas"] + e_import * f["electricity"] + heat_gj * heat_co2

    cap_ins = building.insulation_capex_eur[:, ins]
    cap_heat = systems.capex_eur[:, ins, heat]
    cap_pv = np.where(pv_on, pv_capex[:, None], 0.0)
    cap_st = np.where(st_on, st_capex[:, None], 0.0)

    feasible = systems.feasible[:, ins, heat].copy()
    on_network = (heat == HEATING_SYSTEMS.index("heat_network_mt")) | (
        heat == HEATING_SYSTEMS.index("heat_network_lt")
    )
    if not all_in_zone:
        zone = groups["heat_network_zone"] if "heat_network_zone" in groups else pd.Series([None] * n)
        in_zone = zone.notna().to_numpy() & (zone.astype(str).str.len() > 0).to_numpy()
        feasible &= ~on_network[None, :] | in_zone[:, None]
    feasible &= ~pv_on | (kwp[:, None] > 0)

    arrays = {
        "gas_m3": gas,
        "electricity_demand_kwh": demand,
        "electricity_import_kwh": e_import,
        "electricity_export_kwh": e_export,
        "pv_kwh": pv_kwh,
        "heat_gj": heat_gj,
        "peak_kw": peak,
        "co2_kg": co2,
        "capex_eur": cap_ins + cap_heat + cap_pv + cap_st,
        "capex_insulation_eur": cap_ins,
        "capex_heating_eur": cap_heat,
        "capex_pv_eur": cap_pv,
        "capex_solar_thermal_eur": cap_st,
        "space_heat_kwh": building.space_heat_kwh[:, ins],
        "hot_water_kwh": np.broadcast_to(building.hot_water_kwh[:, None], gas.shape).copy(),
        "supply_temp_c": building.supply_temp_c[:, ins],
        "capacity_kw": systems.capacity_kw[:, ins, heat],
    }
    arrays["hot_water_kwh"] = np.where(st_on, arrays["hot_water_kwh"] - st_heat_kwh[:, None], arrays["hot_water_kwh"])
    return feasible, arrays


def _catalogue_for(scenario: Scenario) -> Catalogue:
    c = scenario.catalogue
    return build_catalogue(c.insulation, c.heating, c.pv, c.solar_thermal)


def _zone_notice(stock: pd.DataFrame) -> tuple[bool, tuple[str, ...]]:
    zones = stock["heat_network_zone"] if "heat_network_zone" in stock else None
    if zones is None or zones.isna().all():
        return True, (
            "the stock has no heat_network_zone: every dwelling is treated as able to join a heat network",
        )
    return False, ()


def iter_evaluate(
    stock: pd.DataFrame,
    scenario: Scenario | None = None,
    *,
    params: Params | None = None,
    chunk_size: int = 50_000,
) -> Iterator[Outcomes]:
    """Evaluate a validated stock in chunks of at most ``chunk_size`` groups.

    Each yielded :class:`Outcomes` covers a disjoint set of groups (and the input rows that
    map to them), so a caller can reduce chunk by chunk without holding the whole table.
    """
    scenario = scenario or Scenario()
    params = params or scenario.params()
    catalogue = _catalogue_for(scenario)
    all_in_zone, notices = _zone_notice(stock)
    groups, inverse = group_stock(stock)
    ids = stock["dwelling_id"].to_numpy()
    counts = stock["count"].to_numpy() if "count" in stock else np.ones(len(stock), dtype=np.int64)
    order = np.argsort(inverse, kind="stable")
    bounds = np.searchsorted(inverse[order], np.arange(0, len(groups) + chunk_size, chunk_size))
    for k, start in enumerate(range(0, len(groups), chunk_size)):
        chunk = groups.iloc[start : start + chunk_size].reset_index(drop=True)
        rows = order[bounds[k] : bounds[k + 1]]
        feasible, arrays = _evaluate_groups(chunk, catalogue, params, all_in_zone)
        yield Outcomes(
            groups=chunk,
            dwelling_ids=ids[rows],
            dwelling_group=inverse[rows] - start,
            dwelling_count=counts[rows],
            catalogue=catalogue,
            feasible=feasible,
            arrays=arrays,
            year=scenario.years.start,
            notices=notices,
        )


def evaluate(
    stock: pd.DataFrame,
    scenario: Scenario | None = None,
    *,
    params: Params | None = None,
    chunk_size: int = 50_000,
) -> Outcomes:
    """Score every dwelling of ``stock`` against every option of the scenario's catalogue.

    Parameters
    ----------
    stock
        A validated stock (:func:`wupmodel.load_stock` or :func:`wupmodel.synthesise_stock`).
    scenario
        The scenario (the packaged default when None).
    params
        Parameters to use instead of ``scenario.params()`` (e.g. in a sensitivity sample).
    chunk_size
        Groups evaluated at a time (bounds memory).

    Returns
    -------
    Outcomes
        Per dwelling group × option: first-year energy, CO2, peak and investment.
    """
    result: Outcomes | None = None
    for part in iter_evaluate(stock, scenario, params=params, chunk_size=chunk_size):
        result = part if result is None else result.concat(part)
    if result is None:  # validated stocks are never empty; keep the type honest
        raise ValueError("empty stock")
    return result

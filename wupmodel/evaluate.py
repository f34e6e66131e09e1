"""Evaluate every dwelling against every option of the catalogue.

Identical dwellings are grouped first and evaluated once. The physics returns arrays over
(groups, insulation levels, heating systems); options index into those axes, so the whole
(groups × options) table is a broadcast with no Python loop over dwellings or options.
Large stocks are evaluated in chunks of groups (:func:`iter_evaluate`) to bound memory.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from wupmodel.inputs import ModelInputs, as_inputs
from wupmodel.money.appraise import appraise
from wupmodel.money.tariffs import TariffPaths
from wupmodel.options import Catalogue, OptionGrid
from wupmodel.outcomes import FactoredArrays, Outcomes
from wupmodel.params import Params
from wupmodel.physics import (
    REASONS,
    BuildingInputs,
    building_response,
    dwelling_peak_kw,
    heating_systems,
    hot_water_energy_per_kwh,
    pv_system,
    solar_thermal,
    weather_year_of,
)
from wupmodel.physics.battery import catalogue_battery
from wupmodel.physics.hourly_rows import etm_shape_index
from wupmodel.physics.monthly import YearlyInputs, monthly_components
from wupmodel.physics.selfuse import FAMILY, pv_self_use, self_use_table
from wupmodel.scenario import Scenario
from wupmodel.stock import group_stock
from wupmodel.vocabulary import DWELLING_TYPES, ENERGY_LABELS, HEATING_SYSTEMS, INSULATION_LEVELS

#: Per-dwelling outcome arrays, shape (groups, options), with their meaning and unit.
# ---------------------------------------------------------------------------------------


def _codes(column: pd.Series, categories: tuple[str, ...]) -> np.ndarray:
    """Integer codes of ``column`` in ``categories`` (-1 = missing), cheap when already coded."""
    if isinstance(column.dtype, pd.CategoricalDtype) and tuple(column.cat.categories) == categories:
        return column.cat.codes.to_numpy(dtype=np.int64)
    return np.asarray(pd.Categorical(column, categories=categories).codes, dtype=np.int64)


def building_inputs(groups: pd.DataFrame) -> BuildingInputs:
    """Integer-coded arrays for the physics from a validated stock (or groups) frame."""
    n = len(groups)

    def col(name: str) -> np.ndarray:
        if name in groups:
            return pd.to_numeric(groups[name], errors="coerce").to_numpy(dtype=float)
        return np.full(n, np.nan)

    return BuildingInputs(
        dwelling_type=_codes(groups["dwelling_type"], DWELLING_TYPES),
        construction_year=groups["construction_year"].to_numpy(dtype=np.int64),
        floor_area_m2=groups["floor_area_m2"].to_numpy(dtype=float),
        energy_label=(
            _codes(groups["energy_label"], ENERGY_LABELS)
            if "energy_label" in groups
            else np.full(n, -1)
        ),
        gas_m3=col("gas_m3"),
        roof_area_m2=col("roof_area_m2"),
        # a survey's "already insulated: yes" (wupmodel.survey_stock): current state = standard
        already_insulated=(
            groups["already_insulated"].fillna(False).to_numpy(dtype=bool)
            if "already_insulated" in groups
            else None
        ),
    )


def co2_factors(tariffs: TariffPaths) -> dict[str, np.ndarray | float]:
    """CO2 factors per year of the horizon.

    Returns gas kg/m3 (constant) and per-year (Y,) arrays for electricity kg/kWh (the grid
    path) and the heat of the MT and LT networks kg/GJ delivered: their sources' CO2 with the
    peak boilers, the grid's electricity and the network losses
    (:mod:`wupmodel.money.heat_supply`).
    """
    grid = np.asarray(tariffs.grid_co2_kg_kwh, dtype=float)
    heat = tariffs.heat
    if heat is None:
        raise ValueError("the tariff paths carry no heat sources (built by tariff_paths)")
    return {
        "gas": tariffs.gas_co2_kg_m3,
        "electricity": grid,
        "heat_network_mt": np.asarray(heat.mt.co2_kg_per_gj_delivered, dtype=float),
        "heat_network_lt": np.asarray(heat.lt.co2_kg_per_gj_delivered, dtype=float),
    }


@dataclass(frozen=True)
class _Layout:
    """How options map onto factor columns.

    ``combo`` indexes every (solar thermal, insulation, heating) triple, solar-thermal-major, so
    that a (G, C) combo array is the (G, L, H) system arrays laid side by side (a copy, not a
    gather). The solar levels (no PV, PV, PV with each battery size) multiply them: column
    ``combo + C * solar`` of a (G, P·C) base.
    """

    ins: np.ndarray  # (C,) insulation code per combo
    heat: np.ndarray  # (C,) heating code per combo
    st: np.ndarray  # (C,) bool, solar thermal per combo
    combo: np.ndarray  # (O,) combo per option
    pv: np.ndarray  # (O,) bool
    solar: np.ndarray  # (O,) solar level: 0 no PV, 1 PV, 1 + k with battery size k
    batteries: tuple[float, ...]  # the battery sizes [kWh]
    lh: np.ndarray  # (O,) column of the flattened (L, H) arrays per option
    n_st: int  # 1 (no solar thermal in the catalogue) or 2

    @classmethod
    def of(cls, catalogue: Catalogue) -> _Layout:
        n_l, n_h = len(INSULATION_LEVELS), len(HEATING_SYSTEMS)
        n_st = 2 if catalogue.solar_thermal.any() else 1
        lh = catalogue.insulation * n_h + catalogue.heating
        return cls(
            ins=np.tile(np.repeat(np.arange(n_l), n_h), n_st),
            heat=np.tile(np.arange(n_h), n_l * n_st),
            st=np.repeat(np.arange(n_st) == 1, n_l * n_h),
            combo=catalogue.solar_thermal.astype(np.intp) * (n_l * n_h) + lh,
            pv=catalogue.pv.astype(bool),
            solar=catalogue.solar,
            batteries=catalogue.battery_sizes,
            lh=lh,
            n_st=n_st,
        )

    @property
    def n_solar(self) -> int:
        """P: the solar levels (no PV, PV, PV with each battery)."""
        return 2 + len(self.batteries)

    @property
    def with_pv(self) -> np.ndarray:
        """(O,) column into a (G, P·C) base."""
        return self.combo + self.ins.size * self.solar

    def per_solar(self, no_pv: np.ndarray, with_pv: np.ndarray) -> np.ndarray:
        """(G, P) from a group's value without PV and with it (the same with any battery)."""
        return np.stack([no_pv] + [with_pv] * (self.n_solar - 1), axis=1)

    def spread(self, a: np.ndarray) -> np.ndarray:
        """(G, C) from a (G, L, H) array that does not depend on solar thermal."""
        flat = a.reshape(a.shape[0], -1)
        return flat if self.n_st == 1 else np.concatenate([flat, flat], axis=1)


@dataclass(frozen=True)
class _Energy:
    """A chunk's energy quantities on the combinations (G, C) and the PV terms."""

    gas_m3: np.ndarray  # (G, C)
    heat_electricity_kwh: np.ndarray  # (G, C) the heating system's electricity
    heat_gj: np.ndarray  # (G, C) heat from a network
    demand_kwh: np.ndarray  # (G, C) heating + appliances
    hot_water_st_kwh: np.ndarray  # (G,) hot water left for the system with a solar water heater
    kwp: np.ndarray  # (G,) PV size that fits the roof
    pv_yield_kwh: np.ndarray  # (G,)
    pv_capex_eur: np.ndarray  # (G,)
    pv_self_kwh: np.ndarray  # (G, P, C) PV used at home (direct, and stored in a battery)
    battery_loss_kwh: np.ndarray  # (G, P, C) the battery's round-trip loss (0 without one)
    st_capex_eur: np.ndarray  # (G,) solar water heater


def _energy(building, systems, inputs, lay: _Layout, params: Params) -> _Energy:
    """Energy per combination, with the solar water heater and PV applied.

    A solar water heater leaves the heating system a smaller hot-water demand. The systems are
    linear in it, so gas, electricity and network heat fall by the reduction times each
    system's use per kWh of hot water (no second evaluation of the systems). PV changes only
    import and export: its self-consumption (from the hours, :func:`_self_use`) is held apart.
    """
    st_heat_kwh, st_capex = solar_thermal(building.hot_water_kwh, params)
    hot_water_st = np.maximum(building.hot_water_kwh - st_heat_kwh, 0.0)
    saved_kwh = (building.hot_water_kwh - hot_water_st)[:, None, None]
    per_kwh = hot_water_energy_per_kwh(params)

    def combos(a_no: np.ndarray, coef: np.ndarray) -> np.ndarray:
        """(G, C) from a (G, L, H) array, and the same with a solar water heater."""
        flat = a_no.reshape(a_no.shape[0], -1)
        if lay.n_st == 1:
            return flat
        with_st = (a_no - saved_kwh * coef[None, None, :]).reshape(a_no.shape[0], -1)
        return np.concatenate([flat, with_st], axis=1)

    gas = combos(systems.gas_m3, per_kwh[0])
    heat_elec = combos(systems.electricity_kwh, per_kwh[1])
    heat_gj = combos(systems.heat_gj, per_kwh[2])
    demand = heat_elec + building.appliance_kwh[:, None]
    kwp, pv_yield, pv_capex = pv_system(building.roof_area_m2, params)
    parts = _CombosEnergy(gas, heat_elec, heat_gj, hot_water_st, pv_yield)
    self_kwh, loss_kwh = _self_use(building, systems, inputs, lay, parts, params)
    return _Energy(
        gas,
        heat_elec,
        heat_gj,
        demand,
        hot_water_st,
        kwp,
        pv_yield,
        pv_capex,
        self_kwh,
        loss_kwh,
        st_capex,
    )


@dataclass(frozen=True)
class _CombosEnergy:
    """What the self-consumption needs of the combinations' energy."""

    gas_m3: np.ndarray  # (G, C)
    heat_electricity_kwh: np.ndarray  # (G, C)
    heat_gj: np.ndarray  # (G, C)
    hot_water_st_kwh: np.ndarray  # (G,)
    pv_yield_kwh: np.ndarray  # (G,)


#: Rows (group × combination) whose self-consumption is looked up at a time.
_SELF_USE_ROWS = 16384
#: Results of :func:`_self_use` kept per content (a scenario that moves prices only, or a
#: cooperative's fee, evaluates the same physics again), for chunks of at most this many groups.
_SELF_USE_CACHE_GROUPS = 20000
_SELF_USE_CACHE: dict[bytes, tuple[np.ndarray, np.ndarray]] = {}


def _self_use_key(building, systems, inputs, lay: _Layout, e, params: Params) -> bytes:
    """A digest of everything :func:`_self_use` reads."""
    h = hashlib.blake2b(digest_size=20)
    arrays = (
        e.heat_electricity_kwh,
        e.hot_water_st_kwh,
        e.pv_yield_kwh,
        e.gas_m3,
        e.heat_gj,
        building.space_heat_kwh,
        building.hot_water_kwh,
        building.appliance_kwh,
        building.design_heat_load_kw,
        systems.operating_supply_c,
        systems.capacity_kw,
        inputs.dwelling_type,
        inputs.construction_year,
        lay.combo,
        lay.pv,
        np.asarray(lay.batteries, dtype=float),
    )
    for a in arrays:
        h.update(np.ascontiguousarray(a).tobytes())
        h.update(str(np.shape(a)).encode())
    relevant = sorted(
        (k, v)
        for k, v in params.values.items()
        if k.startswith(("hp.", "physics.", "hourly.", "pv."))
    )
    h.update(repr((relevant, id(params.tables))).encode())
    return h.digest()


def _self_use(
    building, systems, inputs, lay: _Layout, e: _CombosEnergy, params: Params
) -> tuple[np.ndarray, np.ndarray]:
    """PV used at home and the batteries' losses, (G, P, C) each (cached per content, see
    :func:`_self_use_of`)."""
    if e.gas_m3.shape[0] > _SELF_USE_CACHE_GROUPS:
        return _self_use_of(building, systems, inputs, lay, e, params)
    key = _self_use_key(building, systems, inputs, lay, e, params)
    hit = _SELF_USE_CACHE.get(key)
    if hit is None:
        hit = _self_use_of(building, systems, inputs, lay, e, params)
        for a in hit:
            a.setflags(write=False)
        if len(_SELF_USE_CACHE) >= 16:
            _SELF_USE_CACHE.pop(next(iter(_SELF_USE_CACHE)))
        _SELF_USE_CACHE[key] = hit
    return hit


def _self_use_of(
    building, systems, inputs, lay: _Layout, e: _CombosEnergy, params: Params
) -> tuple[np.ndarray, np.ndarray]:
    """PV used at home and the batteries' losses, (G, P, C) each, from the tabulated hours
    (:mod:`wupmodel.physics.selfuse`) of the default weather year, in blocks of groups.

    Combinations whose rows are the same for every group (a boiler's or an MT network's
    electricity does not change with the insulation) are looked up once.
    """
    n_groups, n_combos = e.gas_m3.shape
    used = np.zeros((n_groups, lay.n_solar, n_combos))
    loss = np.zeros_like(used)
    year = weather_year_of(params, "hourly.default_weather_year")
    specs = [catalogue_battery(size, params).iloc[0] for size in lay.batteries]
    tables = [
        self_use_table(params, year, (s.round_trip_efficiency, s.power_kw / s.capacity_kwh))
        for s in specs
    ] or [self_use_table(params, year)]
    batteries = list(zip(lay.batteries, tables, strict=False))
    combos, same_as = _distinct_combos(building, lay, e)
    sunny = np.flatnonzero(e.pv_yield_kwh > 0) if lay.pv.any() else np.zeros(0, dtype=np.intp)
    step = max(1, _SELF_USE_ROWS // combos.size)
    for lo in range(0, sunny.size, step):  # blocks of groups bound the (rows, 12) arrays
        g = sunny[lo : lo + step]
        rows = _combo_rows(building, systems, lay, e, g, combos)
        shape = etm_shape_index(
            np.repeat(inputs.dwelling_type[g], combos.size),
            np.tile(lay.ins[combos], g.size),
            np.repeat(inputs.construction_year[g], combos.size),
            params,
        )
        use = pv_self_use(
            monthly_components(rows, params), rows.heating, shape, tables[0], batteries
        )
        direct = use.direct_kwh.reshape(g.size, -1)[:, same_as]
        used[g, 1:] = direct[:, None, :]
        stored = use.stored_kwh.reshape(-1, g.size, combos.size)[:, :, same_as]
        used[g, 2:] += stored.transpose(1, 0, 2)
        loss[g, 2:] = use.loss_kwh.reshape(-1, g.size, combos.size)[:, :, same_as].transpose(
            1, 0, 2
        )
    return used, loss


def _distinct_combos(building, lay: _Layout, e: _CombosEnergy) -> tuple[np.ndarray, np.ndarray]:
    """The combinations whose monthly rows differ (one of each), and for every combination
    the position of its twin among them, (U,) and (C,).

    Two combinations have the same rows when their heating system, heating electricity and hot
    water are the same for every group and, for heat pumps (whose space-heating electricity
    takes the insulation's heat shape and supply temperature), their insulation too.
    """
    heat_pump = FAMILY[lay.heat] < 3
    with_pv = set(lay.combo[lay.pv].tolist())  # combinations no PV option takes: left out
    keys = [
        (
            int(lay.heat[c]),
            int(lay.ins[c]) if heat_pump[c] else -1,
            e.heat_electricity_kwh[:, c].tobytes(),
            bool(lay.st[c]) and not np.array_equal(e.hot_water_st_kwh, building.hot_water_kwh),
        )
        for c in range(lay.ins.size)  # the combinations (at most 48), not the dwellings
    ]
    first = {}
    for c, key in enumerate(keys):
        if c in with_pv:
            first.setdefault(key, c)
    for c, key in enumerate(keys):  # the others map onto any row (their value is not read)
        first.setdefault(key, next(iter(first.values()), c))
    combos = np.array(sorted(set(first.values())), dtype=np.intp)
    position = {c: i for i, c in enumerate(combos)}
    return combos, np.array([position[first[k]] for k in keys], dtype=np.intp)


def _combo_rows(
    building, systems, lay: _Layout, e: _CombosEnergy, g: np.ndarray, combos: np.ndarray
) -> YearlyInputs:
    """The monthly model's inputs of groups ``g`` × combinations ``combos``, flattened."""
    ins, heat = lay.ins[None, combos], lay.heat[None, combos]
    rows = g[:, None]
    load = np.maximum(building.design_heat_load_kw[rows, ins], 1e-9)
    hot_water = np.where(
        lay.st[None, combos], e.hot_water_st_kwh[rows], building.hot_water_kwh[rows]
    )
    shape = (g.size, combos.size)

    def flat(a: np.ndarray) -> np.ndarray:
        return np.broadcast_to(a, shape).reshape(-1)

    return YearlyInputs(
        heating=flat(heat),
        space_heat_kwh=flat(building.space_heat_kwh[rows, ins]),
        hot_water_kwh=flat(hot_water),
        appliance_kwh=flat(building.appliance_kwh[rows]),
        pv_kwh=flat(e.pv_yield_kwh[rows]),
        gas_m3=flat(e.gas_m3[rows, combos]),
        heating_electricity_kwh=flat(e.heat_electricity_kwh[rows, combos]),
        heat_gj=flat(e.heat_gj[rows, combos]),
        supply_c=flat(systems.operating_supply_c[rows, ins, heat]),
        capacity_share=flat(systems.capacity_kw[rows, ins, heat] / load),
    )


def _heat_co2(
    lay: _Layout, tariffs: TariffPaths, zones: np.ndarray | None
) -> tuple[np.ndarray, np.ndarray]:
    """Heat CO2 per GJ delivered in the first year and summed over the years, (1, C) or (G, C):
    the MT or LT network's source, or in a zone with its own source
    (``heat_networks.zone_sources``) that source's, for both networks."""
    f = co2_factors(tariffs)
    is_mt = lay.heat == HEATING_SYSTEMS.index("heat_network_mt")
    y1 = np.where(is_mt, f["heat_network_mt"][0], f["heat_network_lt"][0])[None, :]
    total = np.where(is_mt, f["heat_network_mt"].sum(), f["heat_network_lt"].sum())[None, :]
    own = {} if tariffs.heat is None else tariffs.heat.zones
    if not own or zones is None:
        return y1, total
    y1 = np.repeat(y1, zones.size, axis=0)
    total = np.repeat(total, zones.size, axis=0)
    for zone, factors in own.items():
        rows = zones == zone
        co2 = np.asarray(factors.co2_kg_per_gj_delivered, dtype=float)
        y1[rows] = co2[0]
        total[rows] = co2.sum()
    return y1, total


def _co2(
    energy: _Energy, lay: _Layout, tariffs: TariffPaths, zones: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, float, float]:
    """CO2 per combination in the first year and summed over the horizon (the grid's intensity
    falls over the years), before PV; and the grid's factors of the first year and the sum.
    ``zones``: (G,) the groups' heat-network zones (a zone's own heat source)."""
    f = co2_factors(tariffs)
    years = f["electricity"].size
    heat_co2_y1, heat_co2_sum = _heat_co2(lay, tariffs, zones)
    co2_gas = energy.gas_m3 * f["gas"]
    grid_y1, grid_sum = f["electricity"][0], f["electricity"].sum()
    co2_y1 = co2_gas + energy.heat_gj * heat_co2_y1 + energy.demand_kwh * grid_y1
    co2_cum = co2_gas * years + energy.heat_gj * heat_co2_sum + energy.demand_kwh * grid_sum
    return co2_y1, co2_cum, float(grid_y1), float(grid_sum)


def _feasibility(
    groups: pd.DataFrame, systems, lay: _Layout, kwp: np.ndarray, all_in_zone: bool
) -> tuple[np.ndarray, np.ndarray]:
    """Feasible (G, P·C) and why not (code into REASONS, 0 = feasible): the system's own reason
    first, then the heat-network zone, then the roof for PV (and its battery)."""
    feasible = lay.spread(systems.feasible)
    reason = lay.spread(systems.reason)
    if not all_in_zone:
        zone = groups["heat_network_zone"].to_numpy(dtype=object)
        in_zone = pd.notna(zone) & (zone != "")
        networks = [
            HEATING_SYSTEMS.index("heat_network_mt"),
            HEATING_SYSTEMS.index("heat_network_lt"),
        ]
        on_network = np.isin(lay.heat, networks)
        feasible = feasible & (~on_network[None, :] | in_zone[:, None])
        outside = (reason == 0) & on_network[None, :] & ~in_zone[:, None]
        reason = np.where(outside, np.int8(REASONS.index("outside_heat_network_zone")), reason)
    roof = kwp[:, None] > 0
    no_roof = (reason == 0) & ~roof
    with_pv = np.where(no_roof, np.int8(REASONS.index("no_roof_for_pv")), reason)
    solar = lay.n_solar - 1
    return (
        np.concatenate([feasible] + [feasible & roof] * solar, axis=1),
        np.concatenate([reason] + [with_pv] * solar, axis=1).astype(np.int8),
    )


def _capex_without_pv(building, systems, lay: _Layout, st_capex: np.ndarray) -> np.ndarray:
    """(G, C) investment of insulation, heating system and solar water heater."""
    cap = np.repeat(building.insulation_capex_eur, len(HEATING_SYSTEMS), axis=1)
    if lay.n_st == 2:
        cap = np.concatenate([cap, cap + st_capex[:, None]], axis=1)
    return cap + lay.spread(systems.capex_eur)


@dataclass(frozen=True)
class _Solar:
    """Per group and solar level (no PV, PV, PV with each battery), (G, P) each."""

    pv_kwh: np.ndarray
    capex_pv_eur: np.ndarray
    capex_battery_eur: np.ndarray
    battery_kwh: np.ndarray

    @classmethod
    def of(cls, energy: _Energy, lay: _Layout, params: Params) -> _Solar:
        n = energy.kwp.size
        zeros = np.zeros(n)
        roof = energy.kwp > 0
        cost = [catalogue_battery(b, params)["cost_eur"].iloc[0] for b in lay.batteries]
        return cls(
            pv_kwh=lay.per_solar(zeros, energy.pv_yield_kwh),
            capex_pv_eur=lay.per_solar(zeros, energy.pv_capex_eur),
            capex_battery_eur=np.stack(
                [zeros, zeros] + [np.where(roof, c, 0.0) for c in cost], axis=1
            ),
            battery_kwh=np.broadcast_to(np.array([0.0, 0.0, *lay.batteries]), (n, lay.n_solar)),
        )


def _evaluate_groups(
    groups: pd.DataFrame,
    catalogue: Catalogue,
    params: Params,
    all_in_zone: bool,
    tariffs: TariffPaths,
) -> tuple[FactoredArrays, Callable[[], OptionGrid]]:
    """Core: feasibility and quantities of a frame of groups, factored (see FactoredArrays), and
    a function that puts the quantities the money layer needs on the option grid."""
    inputs = building_inputs(groups)
    building = building_response(inputs, params)
    systems = heating_systems(building, inputs.dwelling_type, params)
    lay = _Layout.of(catalogue)
    energy = _energy(building, systems, inputs, lay, params)
    solar = _Solar.of(energy, lay, params)
    zones = (
        groups["heat_network_zone"]
        .astype(object)
        .where(groups["heat_network_zone"].notna(), "")
        .astype(str)
        .to_numpy()
    )
    co2 = _co2(energy, lay, tariffs, zones)
    feasible, reason = _feasibility(groups, systems, lay, energy.kwp, all_in_zone)
    bases = {
        "feasible": (feasible, lay.with_pv),
        "reason_code": (reason, lay.with_pv),
        **_quantities(building, systems, catalogue, lay, energy, solar, co2[:2], params),
    }
    factored = FactoredArrays(
        {k: v[0] for k, v in bases.items()},
        {k: v[1] for k, v in bases.items()},
        _second_terms(energy, lay, solar, co2[2:]),
    )
    return factored, lambda: _option_grid(building, systems, lay, energy, solar)


def _quantities(building, systems, catalogue, lay, energy, solar, co2, params) -> dict:
    """Every quantity of :data:`~wupmodel.outcomes.QUANTITIES` as (base, column per option)."""
    n_groups = energy.kwp.size
    st_col = catalogue.solar_thermal.astype(np.intp)
    zeros = np.zeros(n_groups)
    return {
        "gas_m3": (energy.gas_m3, lay.combo),
        "electricity_demand_kwh": (energy.demand_kwh, lay.combo),
        "electricity_import_kwh": (energy.demand_kwh, lay.combo),
        "electricity_export_kwh": (solar.pv_kwh, lay.solar),
        "pv_kwh": (solar.pv_kwh, lay.solar),
        "heat_gj": (energy.heat_gj, lay.combo),
        "peak_kw": (dwelling_peak_kw(systems.peak_kw.reshape(n_groups, -1), params), lay.lh),
        "co2_kg": (co2[0], lay.combo),
        "co2_cum_kg": (co2[1], lay.combo),
        "capex_eur": (_capex_without_pv(building, systems, lay, energy.st_capex_eur), lay.combo),
        "capex_insulation_eur": (building.insulation_capex_eur, catalogue.insulation),
        "capex_heating_eur": (systems.capex_eur.reshape(n_groups, -1), lay.lh),
        "capex_pv_eur": (solar.capex_pv_eur, lay.solar),
        "capex_battery_eur": (solar.capex_battery_eur, lay.solar),
        "capex_solar_thermal_eur": (np.stack([zeros, energy.st_capex_eur], axis=1), st_col),
        "space_heat_kwh": (building.space_heat_kwh, catalogue.insulation),
        "hot_water_kwh": (
            np.stack([building.hot_water_kwh, energy.hot_water_st_kwh], axis=1),
            st_col,
        ),
        "supply_temp_c": (building.supply_temp_c, catalogue.insulation),
        "capacity_kw": (systems.capacity_kw.reshape(n_groups, -1), lay.lh),
        "battery_kwh": (solar.battery_kwh, lay.solar),
        "appliance_kwh": (building.appliance_kwh[:, None], np.zeros(lay.solar.size, np.intp)),
        "heating_electricity_kwh": (energy.heat_electricity_kwh, lay.combo),
        "design_heat_load_kw": (building.design_heat_load_kw, catalogue.insulation),
        "operating_supply_c": (systems.operating_supply_c.reshape(n_groups, -1), lay.lh),
    }


def _second_terms(energy: _Energy, lay: _Layout, solar: _Solar, grid_co2: tuple) -> dict:
    """The quantities that are a sum of two factored terms: PV used at home and a battery's
    loss, (G, (P − 1)·C + 1) with a last column of zeros for the options without PV."""
    n_groups, n_combos = energy.gas_m3.shape
    used = np.zeros((n_groups, (lay.n_solar - 1) * n_combos + 1))
    loss = np.zeros_like(used)
    used[:, :-1] = energy.pv_self_kwh[:, 1:].reshape(n_groups, -1)
    loss[:, :-1] = energy.battery_loss_kwh[:, 1:].reshape(n_groups, -1)
    col = np.where(lay.solar > 0, (lay.solar - 1) * n_combos + lay.combo, used.shape[1] - 1)
    net = loss - used  # what PV and the battery take off the import
    grid_y1, grid_sum = grid_co2
    return {
        "electricity_demand_kwh": (loss, col),
        "electricity_import_kwh": (net, col),
        "electricity_export_kwh": (-used, col),
        "co2_kg": (net * grid_y1, col),
        "co2_cum_kg": (net * grid_sum, col),
        "capex_eur": (solar.capex_pv_eur + solar.capex_battery_eur, lay.solar),
    }


def _option_grid(building, systems, lay: _Layout, energy: _Energy, solar: _Solar) -> OptionGrid:
    """The quantities the money layer needs on the option grid, solar level x combination
    (solar thermal, insulation, heating), each over the axes it depends on. The combination
    axis is kept innermost and whole so that numpy's broadcasts run over long contiguous rows.
    Built only when the money layer runs."""
    zeros = np.zeros(energy.kwp.size)
    cap_st = np.stack([zeros, energy.st_capex_eur], axis=1)
    return OptionGrid(
        shape=(lay.n_solar, lay.ins.size),
        option_index=lay.with_pv,
        combo_heating=lay.heat,
        n_solar_thermal=lay.n_st,
        arrays={
            "gas_m3": energy.gas_m3[:, None],
            # the battery's loss is used too (imported, or not exported)
            "electricity_demand_kwh": energy.demand_kwh[:, None] + energy.battery_loss_kwh,
            "heat_gj": energy.heat_gj[:, None],
            "pv_kwh": solar.pv_kwh[:, :, None],
            "pv_self_kwh": energy.pv_self_kwh,  # 0 without PV
            "capex_insulation_eur": np.take(building.insulation_capex_eur, lay.ins, axis=1)[
                :, None
            ],
            "capex_heating_eur": lay.spread(systems.capex_eur)[:, None],
            "capex_pv_eur": solar.capex_pv_eur[:, :, None],
            "capex_battery_eur": solar.capex_battery_eur[:, :, None],
            "capex_solar_thermal_eur": np.take(cap_st, lay.st.astype(np.intp), axis=1)[:, None],
            "capacity_kw": systems.capacity_kw,
        },
        treated_area_m2=building.treated_area_m2,
    )


def _zone_notice(stock: pd.DataFrame) -> tuple[bool, tuple[str, ...]]:
    zones = stock["heat_network_zone"] if "heat_network_zone" in stock else None
    if zones is None or zones.isna().all():
        return True, (
            (
                "the stock has no heat_network_zone: every dwelling is treated as able to join a"
                " heat network"
            ),
        )
    return False, ()


def iter_evaluate(
    stock: pd.DataFrame,
    scenario: Scenario | ModelInputs | None = None,
    *,
    chunk_size: int = 50_000,
    money: bool = True,
    irr: bool = True,
    money_outputs: Iterable[str] | None = None,
) -> Iterator[Outcomes]:
    """Evaluate a validated stock in chunks of at most ``chunk_size`` groups.

    Each yielded :class:`Outcomes` covers a disjoint set of groups (and the input rows that
    map to them), so a caller can reduce chunk by chunk without holding the whole table.
    Arguments as for :func:`evaluate`.
    """
    inputs = as_inputs(scenario)
    ctx = inputs.money
    catalogue = inputs.catalogue
    all_in_zone, notices = _zone_notice(stock)
    groups, inverse = group_stock(stock)
    ids = stock["dwelling_id"].to_numpy()
    counts = stock["count"].to_numpy() if "count" in stock else np.ones(len(stock), dtype=np.int64)
    order = np.argsort(inverse, kind="stable")
    bounds = np.searchsorted(inverse[order], np.arange(0, len(groups) + chunk_size, chunk_size))
    for k, start in enumerate(range(0, len(groups), chunk_size)):
        chunk = groups.iloc[start : start + chunk_size].reset_index(drop=True)
        rows = order[bounds[k] : bounds[k + 1]]
        arrays, grid = _evaluate_groups(chunk, catalogue, inputs.params, all_in_zone, ctx.tariffs)
        if money:
            arrays = arrays.with_options(
                appraise(chunk, arrays, grid(), catalogue, ctx, irr=irr, outputs=money_outputs)
            )
        yield Outcomes(
            groups=chunk,
            dwelling_ids=ids[rows],
            dwelling_group=inverse[rows] - start,
            dwelling_count=counts[rows],
            catalogue=catalogue,
            arrays=arrays,
            year=inputs.start_year,
            notices=notices,
        )


def evaluate(
    stock: pd.DataFrame,
    scenario: Scenario | ModelInputs | None = None,
    *,
    chunk_size: int = 50_000,
    money: bool = True,
    irr: bool = True,
    money_outputs: Iterable[str] | None = None,
) -> Outcomes:
    """Score every dwelling of ``stock`` against every option of the scenario's catalogue.

    Parameters
    ----------
    stock
        A validated stock (:func:`wupmodel.load_stock` or :func:`wupmodel.synthesise_stock`).
    scenario
        The scenario, or its :class:`~wupmodel.inputs.ModelInputs` (:func:`wupmodel.model_inputs`:
        other parameters in a sensitivity sample, the prices a rent was agreed on); the
        packaged default when None.
    chunk_size
        Groups evaluated at a time (bounds memory).
    money
        Add the money outputs (subsidy, costs in both perspectives, woonlasten, NPV, ...; see
        :data:`wupmodel.money.appraise.MONEY_QUANTITIES`).
    irr
        Compute the IRR too (the slowest money output).
    money_outputs
        Names from :data:`wupmodel.money.appraise.MONEY_QUANTITIES` to compute (default: all); a
        large run that needs a few saves time and memory.

    Returns
    -------
    Outcomes
        Per dwelling group × option: first-year energy, CO2, peak and investment, and money.
    """
    result: Outcomes | None = None
    for part in iter_evaluate(
        stock, scenario, chunk_size=chunk_size, money=money, irr=irr, money_outputs=money_outputs
    ):
        result = part if result is None else result.concat(part)
    if result is None:  # validated stocks are never empty; keep the type honest
        raise ValueError("empty stock")
    return result


def evaluate_money(
    stock: pd.DataFrame,
    scenarios: Sequence[ModelInputs],
    *,
    money_outputs: Iterable[str],
    chunk_size: int = 50_000,
) -> list[dict[str, np.ndarray]]:
    """Money outputs of the stock's groups under several inputs, on one physics pass.

    For inputs that differ only in what the money layer reads (price paths, horizon, finance,
    subsidy amounts) — a time path's switch years: the physics (energy, peaks, feasibility) is
    computed once, with the first inputs' parameters, grid path and heat sources' CO2, and
    appraised under each. A CO2 price in the national cost
    (``finance.national_co2_price_eur_t``) is charged on the first inputs' CO2.

    Parameters
    ----------
    stock
        A validated stock.
    scenarios
        The inputs to appraise under (same catalogue and physics parameters).
    money_outputs
        Names from :data:`wupmodel.money.appraise.MONEY_QUANTITIES`.
    chunk_size
        Groups evaluated at a time.

    Returns
    -------
    list of dict
        Per inputs, output name -> (G, O) array over the stock's groups (the order of
        :func:`evaluate`'s groups).
    """
    first = scenarios[0]
    names = list(money_outputs)
    all_in_zone, _ = _zone_notice(stock)
    groups, _ = group_stock(stock)
    parts: list[list[dict[str, np.ndarray]]] = [[] for _ in scenarios]
    for start in range(0, len(groups), chunk_size):
        chunk = groups.iloc[start : start + chunk_size].reset_index(drop=True)
        arrays, grid = _evaluate_groups(
            chunk,
            first.catalogue,
            first.params,
            all_in_zone,
            first.tariffs,
        )
        option_grid = grid()
        for k, inputs in enumerate(scenarios):
            money = appraise(
                chunk, arrays, option_grid, first.catalogue, inputs.money, irr=False, outputs=names
            )
            priced = arrays.with_options(money)
            parts[k].append({n: np.asarray(priced[n]) for n in names})
    return [{n: np.concatenate([p[n] for p in chunks]) for n in names} for chunks in parts]

"""Price and tariff paths per year (default 2026-2050).

All money is in **real euros of the price year 2026**. Paths are built from the packaged,
sourced tables:

* ``data/price_paths.csv`` -- yearly series: small-consumer gas and electricity commodity
  prices (excl. CO2 component), the grid's CO2 intensity and the biomass fuel price (PBL Vesta
  MAIS Startanalyse 2025, KEV-based); three ETS2 price paths (low: PBL/Vesta, central: the
  European Commission's modelling, high: BloombergNEF); the green-gas blending surcharge; the
  national share of today's gas connections that remain;
* ``data/policy_by_year.csv`` -- energy tax and tax credit, the ACM heat tariffs and the
  feed-in floor per year, published figures and marked carried-forward ones
  (:mod:`wupmodel.money.policy`);
* ``data/parameters/finance.csv`` -- VAT, standing charges (Enexis, Drenthe), retail mark-ups,
  feed-in, the gas network's fixed share.

How each series is built (assumptions are stated in the ``source`` column of each row):

* supply price = commodity + a retail mark-up constant in real terms (the mark-up reproduces
  the 2026 supply price) + the green-gas surcharge on gas from 2027;
* energy taxes and tax credit: the policy table's path, scaled so that the price year equals
  the scalar parameter (an override of ``finance.gas_tax_eur_m3`` moves the whole path);
  years without a published figure carry the last one forward and are marked;
* heat: before ``collective.heat_network.wcw_from_year`` (or always, with
  ``heat_networks.tariff: acm``) the ACM maximum: fixed part from the policy table, variable
  part following the all-in gas price ("niet-meer-dan-anders"), for both networks; from it,
  under the Wet collectieve warmte, the cost-based tariff of a reference village network
  (:func:`wupmodel.money.collective.reference_network`) at the owners' cost of capital: the MT
  network's households pay that of a network fed by the MT source, the LT network's that of one
  fed by the LT source (its heat delivered at the LT network's lower losses);
* feed-in: net compensation after feed-in costs; in 2027-2029 at least 50 % of the bare supply
  price minus the feed-in costs (policy table); net metering until
  ``finance.net_metering_last_year``;
* gas standing charges in the bill: the network part grows as connections leave the gas
  network (``gas_connections_remaining_share``, ``finance.gas_network_fixed_share``); the
  national view keeps a connection's cost constant;
* ETS2: a CO2 charge on gas for end users from ``ets2_start_year`` on the chosen path;
* national production costs: gas (commodity + green-gas surcharge) and electricity at
  production cost; heat at the production cost per GJ delivered of the MT network's source
  (:mod:`wupmodel.money.heat_supply`; source and network capital come in as national
  components in :mod:`wupmodel.money.costs`).
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace

import numpy as np
from numpy.typing import NDArray

from wupmodel._arrays import FloatArray
from wupmodel.errors import WupInputError
from wupmodel.money.collective import owner_rate, reference_network, wis_eur_per_connection
from wupmodel.money.finance import discount_factors
from wupmodel.money.heat_supply import HeatSupply, heat_supply
from wupmodel.money.policy import policy_path, policy_value
from wupmodel.params import Params

__all__ = [
    "TariffPaths",
    "tariff_paths",
    "discounted_sums",
    "interpolate_path",
    "SERIES",
    "PLAUSIBLE_RANGES",
    "PATH_RULE",
    "PathOptions",
    "ETS2_PATHS",
    "gas_network_factor",
]

#: Year of the 2026 figures in ``finance.csv`` and of the price level (real euros).
PRICE_YEAR = 2026


@dataclass(frozen=True)
class TariffPaths:
    """Per-year prices, taxes and tariffs; every array has shape ``(Y,)`` along ``years``.

    Amounts are real euros of 2026. Unless said otherwise amounts exclude VAT.

    Attributes
    ----------
    years
        Calendar years (int).
    gas_supply_eur_m3
        Variable gas supply price: commodity + supplier margin, excl. taxes (EUR/m3).
    gas_tax_eur_m3
        Energy tax on gas, first bracket 0-170 000 m3 (EUR/m3).
    elec_supply_eur_kwh
        Variable electricity supply price, excl. taxes (EUR/kWh).
    elec_tax_eur_kwh
        Energy tax on electricity, first bracket 0-10 000 kWh (EUR/kWh).
    tax_credit_eur
        Belastingvermindering per electricity connection (EUR/yr).
    vat
        VAT rate (fraction).
    gas_standing_eur
        Gas network + supplier standing charges per connection (EUR/yr).
    elec_standing_eur
        Electricity network + supplier standing charges per connection (EUR/yr).
    heat_fixed_eur
        ACM maximum fixed heat charges, **incl. VAT** as published (EUR/yr); from the Wcw year
        the MT network's cost-based fixed charge.
    heat_variable_eur_gj
        ACM maximum variable heat price, **incl. VAT** as published (EUR/GJ); from the Wcw
        year the MT network's cost-based price per GJ.
    heat_lt_fixed_eur, heat_lt_variable_eur_gj
        The LT network's heat tariff incl. VAT (EUR/yr, EUR/GJ): the ACM maximum before the
        Wcw year, from it the cost-based tariff of the reference network fed by the LT source.
    feed_in_eur_kwh
        Net compensation for exported electricity after feed-in costs, no VAT (EUR/kWh).
    net_metering
        Whether net metering (saldering) applies in the year (bool).
    co2_price_eur_t
        ETS2 price charged on gas to end users (EUR/t CO2); 0 before the ETS2 start year.
    grid_co2_kg_kwh
        CO2 intensity of grid electricity (kg/kWh).
    gas_production_eur_m3
        National production (resource) cost of gas (EUR/m3).
    elec_production_eur_kwh
        National production cost of electricity; also the value of exported kWh (EUR/kWh).
    heat_production_eur_gj
        National production cost of delivered heat, fuel part only (EUR/GJ).
    gas_network_standing_eur
        Network part of the gas standing charges, the national cost of a connection (EUR/yr).
    elec_network_standing_eur
        Network part of the electricity standing charges (EUR/yr).
    green_gas_surcharge_eur_m3
        Cost of the green-gas blending obligation per m3, in the supply and production prices
        of gas (EUR/m3).
    gas_connections_remaining_share
        National share of today's gas connections still connected; the bill's gas network
        charge is shared over them (:func:`gas_network_factor`).
    gas_co2_kg_m3
        CO2 factor of natural gas (kg/m3), scalar.
    carried_forward
        Series name -> (Y,) bool: the year's value rests on a figure carried forward from an
        earlier year (not published for that year); series without marks are absent.
    heat
        The heat sources' CO2 and production cost per GJ (:class:`HeatSupply`), or None.
    """

    years: NDArray[np.int64]
    gas_supply_eur_m3: FloatArray
    gas_tax_eur_m3: FloatArray
    elec_supply_eur_kwh: FloatArray
    elec_tax_eur_kwh: FloatArray
    tax_credit_eur: FloatArray
    vat: FloatArray
    gas_standing_eur: FloatArray
    elec_standing_eur: FloatArray
    heat_fixed_eur: FloatArray
    heat_variable_eur_gj: FloatArray
    heat_lt_fixed_eur: FloatArray
    heat_lt_variable_eur_gj: FloatArray
    feed_in_eur_kwh: FloatArray
    net_metering: NDArray[np.bool_]
    co2_price_eur_t: FloatArray
    grid_co2_kg_kwh: FloatArray
    gas_production_eur_m3: FloatArray
    elec_production_eur_kwh: FloatArray
    heat_production_eur_gj: FloatArray
    gas_network_standing_eur: FloatArray
    elec_network_standing_eur: FloatArray
    green_gas_surcharge_eur_m3: FloatArray
    gas_connections_remaining_share: FloatArray
    gas_co2_kg_m3: float
    carried_forward: Mapping[str, NDArray[np.bool_]] = field(default_factory=dict)
    heat: HeatSupply | None = None

    @property
    def n_years(self) -> int:
        """Number of years ``Y``."""
        return int(self.years.size)

    def series(self) -> dict[str, NDArray]:
        """The per-year series by name (everything except ``years`` and the scalars)."""
        return {name: getattr(self, name) for name in SERIES}

    def from_year(self, k: int) -> TariffPaths:
        """The paths from their ``k``-th year on: every series, the marks and the heat
        sources' factors sliced alike (a switch in a later year sees prices from then)."""
        return replace(
            self,
            years=self.years[k:],
            **{n: getattr(self, n)[k:] for n in SERIES},
            carried_forward={n: m[k:] for n, m in self.carried_forward.items()},
            heat=None if self.heat is None else self.heat.from_year(k),
        )


#: Names of the per-year series that an override may replace.
SERIES: tuple[str, ...] = tuple(
    f.name
    for f in fields(TariffPaths)
    if f.name not in ("years", "gas_co2_kg_m3", "carried_forward", "heat")
)

#: Sanity bounds for user overrides (validation only, not model inputs), in each series' unit.
PLAUSIBLE_RANGES: dict[str, tuple[float, float]] = {
    "gas_supply_eur_m3": (0.0, 5.0),
    "gas_tax_eur_m3": (0.0, 3.0),
    "elec_supply_eur_kwh": (0.0, 2.0),
    "elec_tax_eur_kwh": (0.0, 1.0),
    "tax_credit_eur": (0.0, 2000.0),
    "vat": (0.0, 0.5),
    "gas_standing_eur": (0.0, 2000.0),
    "elec_standing_eur": (0.0, 3000.0),
    "heat_fixed_eur": (0.0, 3000.0),
    "heat_variable_eur_gj": (0.0, 300.0),
    "heat_lt_fixed_eur": (0.0, 3000.0),
    "heat_lt_variable_eur_gj": (0.0, 300.0),
    "feed_in_eur_kwh": (-0.5, 1.0),
    "net_metering": (0.0, 1.0),
    "co2_price_eur_t": (0.0, 1000.0),
    "grid_co2_kg_kwh": (0.0, 1.5),
    "gas_production_eur_m3": (0.0, 5.0),
    "elec_production_eur_kwh": (0.0, 2.0),
    "heat_production_eur_gj": (0.0, 200.0),
    "gas_network_standing_eur": (0.0, 2000.0),
    "elec_network_standing_eur": (0.0, 3000.0),
    "green_gas_surcharge_eur_m3": (0.0, 2.0),
    "gas_connections_remaining_share": (0.0, 1.0),
}

OverrideValue = Mapping[int, float] | float


def _year_ranges(years: list[int]) -> str:
    """'2031-2033, 2040' for [2031, 2032, 2033, 2040]."""
    parts: list[str] = []
    start = prev = years[0]
    for y in years[1:] + [None]:  # type: ignore[list-item]
        if y is not None and y == prev + 1:
            prev = y
            continue
        parts.append(f"{start}" if start == prev else f"{start}-{prev}")
        if y is not None:
            start = prev = y
    return ", ".join(parts)


def _table_series(params: Params, years: NDArray[np.int64]) -> dict[str, FloatArray]:
    # plain arrays rather than a groupby: this runs on every price change in the app
    table = params.table("price_paths")
    series = table["series"].to_numpy().astype(str)
    table_years = table["year"].to_numpy().astype(np.int64)
    values = table["value"].to_numpy().astype(float)
    out: dict[str, FloatArray] = {}
    for name in np.unique(series):
        rows = series == name
        have, vals = table_years[rows], values[rows]
        order = np.argsort(have, kind="stable")
        have, vals = have[order], vals[order]
        at = np.clip(
            np.searchsorted(have, years, side="right") - 1, 0, have.size - 1
        )  # a repeated year: its last row
        found = have[at] == years
        if not found.all():
            missing = [int(y) for y in years[~found]]
            raise WupInputError(
                f"packaged table price_paths: series '{name}' has no value for "
                f"{_year_ranges(missing)}; it covers {have.min()}-{have.max()}",
                "price_paths.csv",
            )
        out[str(name)] = vals[at].astype(float)
    return out


def _override_array(name: str, value: OverrideValue, years: NDArray[np.int64]) -> FloatArray:
    lo, hi = PLAUSIBLE_RANGES[name]
    if isinstance(value, Mapping):
        try:
            by_year = {int(k): float(v) for k, v in value.items()}
        except (TypeError, ValueError):
            raise WupInputError(
                f"override for '{name}': years must be whole numbers and values numbers"
            ) from None
        arr = interpolate_path(name, by_year, years)
    else:
        try:
            arr = np.full(years.size, float(value))
        except (TypeError, ValueError):
            raise WupInputError(
                f"override for '{name}' must be a number or a mapping year -> number, got {value!r}"
            ) from None
    if np.isnan(arr).any():
        bad = [int(y) for y, v in zip(years, arr, strict=True) if np.isnan(v)]
        raise WupInputError(f"override for '{name}' is NaN in {_year_ranges(bad)}")
    out_of_range = (arr < lo) | (arr > hi)
    if out_of_range.any():
        bad = [int(y) for y, o in zip(years, out_of_range, strict=True) if o]
        raise WupInputError(
            f"override for '{name}' is outside the plausible range {lo:g} to {hi:g} in "
            f"{_year_ranges(bad)} (e.g. {arr[out_of_range][0]:g})"
        )
    return arr


#: How a price-path override given for a few years is filled in (stated in the outputs).
PATH_RULE = (
    "a price path given for some years is interpolated linearly between them and held "
    "constant after the last year given; it must give the first year of the horizon (or an "
    "earlier year from 2026 on)"
)


def interpolate_path(
    name: str, by_year: Mapping[int, float], years: NDArray[np.int64]
) -> FloatArray:
    """A yearly path from values for a few years, by :data:`PATH_RULE`.

    Parameters
    ----------
    name
        Series name (for messages).
    by_year
        Year -> value; the first year given must be at or before ``years[0]`` and not
        before the price year 2026 (years before ``years[0]`` only anchor the line).
    years
        The horizon's years.

    Returns
    -------
    numpy.ndarray
        (Y,) values: linear between the given years, the last value after the last one.

    Examples
    --------
    >>> interpolate_path("gas", {2026: 0.5, 2030: 0.7}, np.arange(2026, 2032)).round(3).tolist()
    [0.5, 0.55, 0.6, 0.65, 0.7, 0.7]
    """
    if not by_year:
        raise WupInputError(f"override for '{name}': the mapping year -> value is empty")
    first = int(years[0])
    early = sorted(y for y in by_year if y < PRICE_YEAR)
    if early:
        raise WupInputError(
            f"override for '{name}' gives {_year_ranges(early)}, before the price year "
            f"{PRICE_YEAR}; paths are in real euros of {PRICE_YEAR} and start there"
        )
    if min(by_year) > first:
        raise WupInputError(
            f"override for '{name}' has no value for {first}; a path must start at the first year "
            f"of the horizon ({PATH_RULE})"
        )
    known = np.array(sorted(by_year), dtype=float)
    values = np.array([by_year[int(y)] for y in known], dtype=float)
    return np.interp(years.astype(float), known, values)  # held after the last year given


#: The ETS2 price paths of ``price_paths.csv`` by name (``finance.ets2_path``).
ETS2_PATHS: dict[str, str] = {
    "low": "co2_price_eur_t",
    "central": "co2_price_ets2_central_eur_t",
    "high": "co2_price_ets2_high_eur_t",
}


@dataclass(frozen=True)
class PathOptions:
    """The scenario's choices the paths depend on (defaults: the packaged default scenario).

    Attributes
    ----------
    ets2_path
        ``"low"``, ``"central"`` or ``"high"`` (:data:`ETS2_PATHS`).
    mt_source, lt_source
        Heat sources of the MT and LT networks (``heat_sources.csv``).
    zone_sources
        Zone -> heat source (the cooperative's case of that zone).
    heat_tariff
        ``"cost_based"`` (Wcw, from ``collective.heat_network.wcw_from_year``) or ``"acm"``.
    ownership
        ``"public_majority"`` (Wcw) or ``"private"``: the owners' cost of capital.
    wis
        Whether networks receive the WIS per connection.
    """

    ets2_path: str = "central"
    mt_source: str = "biomass"
    lt_source: str = "aquathermal_hp"
    zone_sources: Mapping[str, str] = field(default_factory=dict)
    heat_tariff: str = "cost_based"
    ownership: str = "public_majority"
    wis: bool = True


def gas_network_factor(
    remaining_share: FloatArray, fixed_share: float, min_share: float
) -> FloatArray:
    """The gas network charge per remaining connection over today's, for a share of the
    connections still connected: ``fixed / max(remaining, min) + (1 - fixed)``.

    The fixed part (mains, transport) is shared over the connections that remain; the rest
    leaves with each connection. Never lower when more connections leave (non-increasing in
    ``remaining_share``); 1 when all remain.

    Examples
    --------
    >>> float(gas_network_factor(np.array(0.5), 0.547, 0.2))
    1.547
    """
    remaining = np.maximum(np.asarray(remaining_share, dtype=float), float(min_share))
    return fixed_share / remaining + (1.0 - fixed_share)


def tariff_paths(
    params: Params,
    start_year: int = PRICE_YEAR,
    end_year: int = 2050,
    overrides: Mapping[str, OverrideValue] | None = None,
    ets2_start_year: int | None = None,
    options: PathOptions | None = None,
) -> TariffPaths:
    """Build the yearly price and tariff paths for a scenario.

    Parameters
    ----------
    params
        Packaged defaults (with scenario overrides of scalar parameters already applied).
    start_year, end_year
        First and last year (inclusive); must lie within the packaged price paths.
    overrides
        Series name (see :data:`SERIES`) -> one constant, or a mapping year -> value from
        ``start_year`` on, filled in by :data:`PATH_RULE`. A missing first year, an unknown
        series, or a value outside :data:`PLAUSIBLE_RANGES` raises :class:`WupInputError`.
        Overriding the gas price series moves the ACM variable heat price with it unless that
        is overridden too; an override of an MT heat tariff series holds for the LT network in
        the years of the ACM maximum (one tariff for both), not for its cost-based tariff.
    ets2_start_year
        First year in which end users pay the ETS2 CO2 price on gas; ``None`` = no ETS2.
    options
        The scenario's ETS2 path, heat sources, heat tariff and ownership
        (:class:`PathOptions`; default: the packaged default scenario's).

    Returns
    -------
    TariffPaths
    """
    if int(end_year) < int(start_year):
        raise WupInputError(f"end_year {end_year} is before start_year {start_year}")
    options = options or PathOptions()
    if options.ets2_path not in ETS2_PATHS:
        raise WupInputError(
            f"unknown ETS2 path '{options.ets2_path}'; allowed: {', '.join(ETS2_PATHS)}"
        )
    years = np.arange(int(start_year), int(end_year) + 1, dtype=np.int64)
    given = _override_arrays(overrides, years)
    source = _PathSource(params, years, _table_series(params, years), given)
    series, marks = _energy_prices(source)
    series["co2_price_eur_t"] = _ets2_price(source, ets2_start_year, options.ets2_path)
    marks.update(_table_marks(params, years, ETS2_PATHS[options.ets2_path], "co2_price_eur_t"))
    national = _national_costs(source)
    supply = _heat_supply(params, series, national, options)
    national.pop("biomass_fuel_eur_gj")
    national["heat_production_eur_gj"] = source.pick(
        "heat_production_eur_gj", supply.mt.cost_eur_per_gj_delivered
    )
    heat, heat_marks = _heat_tariffs(source, series, national, options, supply)
    series.update(heat)
    marks.update(heat_marks)
    series.update(_standing_charges(source))
    series.update(national)
    net_metering_default = years <= int(params["finance.net_metering_last_year"])
    net_metering = given["net_metering"] >= 0.5 if "net_metering" in given else net_metering_default
    return TariffPaths(
        years=years,
        **series,
        net_metering=np.asarray(net_metering, dtype=bool),
        gas_co2_kg_m3=float(params["co2.gas_kg_per_m3"]),
        carried_forward={k: v for k, v in marks.items() if k not in given and v.any()},
        heat=supply,
    )


def _override_arrays(
    overrides: Mapping[str, OverrideValue] | None, years: NDArray[np.int64]
) -> dict[str, FloatArray]:
    """The overridden series as yearly arrays; an unknown name is an error, with a hint."""
    overrides = dict(overrides or {})
    unknown = [k for k in overrides if k not in SERIES]
    if unknown:
        hints = []
        for key in unknown:
            close = difflib.get_close_matches(key, SERIES, n=2, cutoff=0.6)
            hints.append(f"'{key}'" + (f" (did you mean {', '.join(close)}?)" if close else ""))
        raise WupInputError(
            f"unknown tariff series {', '.join(hints)}; allowed: {', '.join(SERIES)}"
        )
    return {k: _override_array(k, v, years) for k, v in overrides.items()}


@dataclass(frozen=True)
class _PathSource:
    """Where a series comes from: an override, else its default from the parameters and the
    packaged price-path table (per year)."""

    params: Params
    years: NDArray[np.int64]
    table: dict[str, FloatArray]
    overrides: dict[str, FloatArray]

    def pick(self, name: str, default: NDArray) -> NDArray:
        """The override of series ``name``, else ``default``."""
        return self.overrides[name] if name in self.overrides else default

    def constant(self, key: str) -> FloatArray:
        """Parameter ``key`` in every year (constant in real terms)."""
        return self.params[key] * np.ones(self.years.size)

    def policy(self, series: str, key: str | None = None) -> tuple[FloatArray, NDArray]:
        """The policy table's path of ``series`` and its carried-forward marks; with ``key``
        scaled so that the price year equals that parameter (a scenario's override of it moves
        the whole path)."""
        path = policy_path(self.params, series, self.years)
        values = path.values
        if key is not None:
            at_price_year = policy_value(self.params, series, PRICE_YEAR)
            values = values * (self.params[key] / at_price_year)
        return values, path.carried_forward


_MARKS: dict[int, tuple[object, dict[str, tuple[NDArray, NDArray]]]] = {}


def _path_marks(params: Params) -> dict[str, tuple[NDArray, NDArray]]:
    """Per ``price_paths.csv`` series: its years and carried-forward marks (cached per table)."""
    table = params.table("price_paths")
    hit = _MARKS.get(id(table))
    if hit is not None and hit[0] is table:
        return hit[1]
    out = {}
    if "carried_forward" in table:
        marked = table["carried_forward"].astype(str).str.lower().eq("true").to_numpy()
        series = table["series"].to_numpy().astype(str)
        years = table["year"].to_numpy(dtype=np.int64)
        for name in np.unique(series):
            rows = series == name
            out[str(name)] = (years[rows], marked[rows])
    if len(_MARKS) >= 8:
        _MARKS.pop(next(iter(_MARKS)))
    _MARKS[id(table)] = (table, out)
    return out


def _table_marks(
    params: Params, years: NDArray[np.int64], table_series: str, name: str
) -> dict[str, NDArray]:
    """The carried-forward marks of a ``price_paths.csv`` series, under the path's name."""
    found = _path_marks(params).get(table_series)
    if found is None:
        return {}
    have, marked = found
    lookup = dict(zip(have.tolist(), marked.tolist(), strict=True))
    return {name: np.array([lookup.get(int(y), False) for y in years], dtype=bool)}


def _energy_prices(source: _PathSource) -> tuple[dict[str, FloatArray], dict[str, NDArray]]:
    """VAT, supply prices (commodity + mark-up + green-gas surcharge), energy taxes and tax
    credit (policy table), feed-in (with the floor after net metering), and their marks."""
    p, table, pick = source.params, source.table, source.pick
    gas_tax, gas_cf = source.policy("gas_tax_0_1000_eur_m3", "finance.gas_tax_eur_m3")
    elec_tax, elec_cf = source.policy("elec_tax_0_10000_eur_kwh", "finance.elec_tax_eur_kwh")
    credit, credit_cf = source.policy("tax_credit_eur", "finance.tax_credit_eur")
    surcharge = pick("green_gas_surcharge_eur_m3", table["green_gas_surcharge_eur_m3"])
    elec_supply = pick(
        "elec_supply_eur_kwh",
        table["elec_commodity_eur_kwh"] + p["finance.elec_supply_markup_eur_kwh"],
    )
    series = {
        "vat": pick("vat", source.constant("finance.vat")),
        "gas_supply_eur_m3": pick(
            "gas_supply_eur_m3",
            table["gas_commodity_eur_m3"] + p["finance.gas_supply_markup_eur_m3"] + surcharge,
        ),
        "green_gas_surcharge_eur_m3": surcharge,
        "gas_tax_eur_m3": pick("gas_tax_eur_m3", gas_tax),
        "elec_supply_eur_kwh": elec_supply,
        "elec_tax_eur_kwh": pick("elec_tax_eur_kwh", elec_tax),
        "tax_credit_eur": pick("tax_credit_eur", credit),
        "feed_in_eur_kwh": pick("feed_in_eur_kwh", _feed_in(source, elec_supply)),
    }
    marks = {"gas_tax_eur_m3": gas_cf, "elec_tax_eur_kwh": elec_cf, "tax_credit_eur": credit_cf}
    marks.update(
        _table_marks(p, source.years, "green_gas_surcharge_eur_m3", "green_gas_surcharge_eur_m3")
    )
    return series, marks


def _feed_in(source: _PathSource, elec_supply_eur_kwh: FloatArray) -> FloatArray:
    """Net feed-in compensation: the market fee less the supplier's feed-in costs, and where
    the law sets a floor (2027-2029) at least that share of the bare supply price less them."""
    p = source.params
    cost = p["finance.feed_in_cost_eur_kwh"]
    market_fee = p["finance.feed_in_net_eur_kwh"] + cost
    share = np.zeros(source.years.size)
    later = source.years >= 2027  # the floor's first row; earlier years have none
    if later.any():
        share[later] = policy_path(p, "feed_in_min_share_of_supply", source.years[later]).values
    return np.maximum(market_fee, share * np.asarray(elec_supply_eur_kwh, dtype=float)) - cost


def _ets2_price(source: _PathSource, ets2_start_year: int | None, path: str) -> FloatArray:
    """The CO2 price end users pay on gas (EUR/t): the chosen path from the ETS2 start year."""
    if ets2_start_year is None:
        default = np.zeros(source.years.size)
    else:
        default = np.where(
            source.years >= int(ets2_start_year), source.table[ETS2_PATHS[path]], 0.0
        )
    return source.pick("co2_price_eur_t", default)


def _heat_supply(
    params: Params,
    prices: dict[str, FloatArray],
    national: dict[str, FloatArray],
    options: PathOptions,
) -> HeatSupply:
    """The heat sources' factors at the production prices of these paths."""
    return heat_supply(
        params,
        {
            "grid_co2_kg_kwh": national["grid_co2_kg_kwh"],
            "gas_eur_m3": national["gas_production_eur_m3"],
            "elec_eur_kwh": national["elec_production_eur_kwh"],
            "biomass_eur_gj": national["biomass_fuel_eur_gj"],
        },
        options.mt_source,
        options.lt_source,
        dict(options.zone_sources),
    )


def _acm_variable_price(source: _PathSource, prices: dict[str, FloatArray]) -> FloatArray:
    """The ACM variable heat price: follows the all-in gas price relative to the price year."""
    p = source.params
    gas_co2_kg_m3 = float(p["co2.gas_kg_per_m3"])
    gas_all_in = (1.0 + prices["vat"]) * (
        prices["gas_supply_eur_m3"]
        + prices["gas_tax_eur_m3"]
        + prices["co2_price_eur_t"] * gas_co2_kg_m3 / 1000.0
    )
    then = _price_year_values(p)
    gas_all_in_then = (1.0 + p["finance.vat"]) * (
        then["gas_commodity_eur_m3"]
        + then["green_gas_surcharge_eur_m3"]
        + p["finance.gas_supply_markup_eur_m3"]
        + p["finance.gas_tax_eur_m3"]
    )
    return p["finance.heat_variable_eur_gj"] * gas_all_in / gas_all_in_then


def _price_year_values(params: Params) -> dict[str, float]:
    """The packaged series in the price year (the ACM price's base)."""
    years = np.array([PRICE_YEAR], dtype=np.int64)
    return {k: float(v[0]) for k, v in _table_series(params, years).items()}


def _heat_tariffs(
    source: _PathSource,
    prices: dict[str, FloatArray],
    national: dict[str, FloatArray],
    options: PathOptions,
    supply: HeatSupply,
) -> tuple[dict[str, FloatArray], dict[str, NDArray]]:
    """The households' heat tariffs incl. VAT per year, MT and LT network: the ACM maximum
    before the Wcw year (always with ``heat_tariff: acm``), from it the cost-based tariff of the
    reference network fed by the network's own source. The LT source's cost per GJ delivered
    moves with an override of ``heat_production_eur_gj`` (the MT source's) by the same amount,
    as the national view prices the LT network's heat."""
    p = source.params
    acm_fixed, acm_cf = source.policy("acm_heat_fixed_eur", "finance.heat_fixed_eur")
    acm_variable = _acm_variable_price(source, prices)
    mt = lt = (acm_fixed, acm_variable)
    acm_years = np.ones(source.years.size, dtype=bool)
    if options.heat_tariff == "cost_based":
        mt_cost = national["heat_production_eur_gj"]
        lt_cost = mt_cost + (
            supply.lt.cost_eur_per_gj_delivered - supply.mt.cost_eur_per_gj_delivered
        )
        wcw = source.years >= p["collective.heat_network.wcw_from_year"]
        mt = _cost_based_tariff(source, prices, options, mt_cost, wcw, mt)
        lt = _cost_based_tariff(source, prices, options, lt_cost, wcw, lt)
        acm_cf = acm_cf & ~wcw
        acm_years = ~wcw
    # the ACM maximum is one tariff for both networks: an override of it (the MT series) holds
    # for the LT network in those years; the cost-based tariffs are each network's own
    mt_fixed = source.pick("heat_fixed_eur", mt[0])
    mt_variable = source.pick("heat_variable_eur_gj", mt[1])
    series = {
        "heat_fixed_eur": mt_fixed,
        "heat_variable_eur_gj": mt_variable,
        "heat_lt_fixed_eur": source.pick("heat_lt_fixed_eur", np.where(acm_years, mt_fixed, lt[0])),
        "heat_lt_variable_eur_gj": source.pick(
            "heat_lt_variable_eur_gj", np.where(acm_years, mt_variable, lt[1])
        ),
    }
    return series, {"heat_fixed_eur": acm_cf, "heat_lt_fixed_eur": acm_cf}


def _cost_based_tariff(
    source: _PathSource,
    prices: dict[str, FloatArray],
    options: PathOptions,
    heat_cost_eur_per_gj: FloatArray,
    wcw: NDArray[np.bool_],
    acm: tuple[FloatArray, FloatArray],
) -> tuple[FloatArray, FloatArray]:
    """(fixed EUR/yr, EUR/GJ) incl. VAT: the reference network's cost-based tariff at this
    heat cost per GJ delivered in the Wcw years, the ACM maximum ``acm`` before them."""
    p = source.params
    network = reference_network(p, heat_cost_eur_per_gj)
    n = network.connections
    fee = policy_value(p, "heat_connection_fee_eur", int(source.years[0]))
    deductions = n * (
        wis_eur_per_connection(p, n, options.wis) + fee / (1.0 + p["cost.vat_included_in_prices"])
    )
    fixed, per_gj = network.cost_based_tariff(
        owner_rate(p, options.ownership), prices["vat"], deductions
    )
    return np.where(wcw, fixed, acm[0]), np.where(wcw, per_gj, acm[1])


def _standing_charges(source: _PathSource) -> dict[str, FloatArray]:
    """Standing charges per connection: network part + supplier part. The bill's gas network
    part grows as connections leave (:func:`gas_network_factor`); the national view's does not.
    """
    p, pick, constant, table = source.params, source.pick, source.constant, source.table
    gas_network = pick("gas_network_standing_eur", constant("finance.gas_network_standing_eur"))
    elec_network = pick("elec_network_standing_eur", constant("finance.elec_network_standing_eur"))
    remaining = pick("gas_connections_remaining_share", table["gas_connections_remaining_share"])
    factor = gas_network_factor(
        remaining,
        p["finance.gas_network_fixed_share"],
        p["finance.gas_network_min_remaining_share"],
    )
    return {
        "gas_network_standing_eur": gas_network,
        "elec_network_standing_eur": elec_network,
        "gas_connections_remaining_share": remaining,
        "gas_standing_eur": pick(
            "gas_standing_eur", gas_network * factor + p["finance.gas_supplier_standing_eur"]
        ),
        "elec_standing_eur": pick(
            "elec_standing_eur", elec_network + p["finance.elec_supplier_standing_eur"]
        ),
    }


def _national_costs(source: _PathSource) -> dict[str, FloatArray]:
    """Production (resource) costs for the national view, the grid's CO2 intensity and the
    biomass fuel price (for the heat sources; not a series of the paths)."""
    table, pick = source.table, source.pick
    surcharge = pick("green_gas_surcharge_eur_m3", table["green_gas_surcharge_eur_m3"])
    return {
        "grid_co2_kg_kwh": pick("grid_co2_kg_kwh", table["grid_co2_kg_kwh"]),
        "gas_production_eur_m3": pick(
            "gas_production_eur_m3", table["gas_commodity_eur_m3"] + surcharge
        ),
        "elec_production_eur_kwh": pick("elec_production_eur_kwh", table["elec_commodity_eur_kwh"]),
        "biomass_fuel_eur_gj": table["biomass_fuel_eur_gj"],
    }


def discounted_sums(
    tariffs: TariffPaths, rate: float, horizon_years: int | None = None
) -> dict[str, float]:
    """Discounted sums ``sum_{t=1..H} (1 + rate) ** -t * series[t - 1]`` for every series.

    Year ``t`` of the horizon is ``tariffs.years[t - 1]``, paid at the end of that year.
    Because yearly costs are linear in yearly quantities, a cost over the horizon is the
    quantity times these sums, computed once per scenario. ``net_metering`` gives the
    discounted number of net-metering years; the extra key ``"years"`` gives
    ``sum_t (1 + rate) ** -t`` (the present value factor).

    Parameters
    ----------
    tariffs
        The paths.
    rate
        Discount rate (fraction).
    horizon_years
        Number of years ``H`` (default: all years of the paths).

    Returns
    -------
    dict series name -> discounted sum (unit of the series x yr).
    """
    h = tariffs.n_years if horizon_years is None else int(horizon_years)
    if not 1 <= h <= tariffs.n_years:
        raise WupInputError(
            f"horizon_years must be between 1 and {tariffs.n_years} (the years of the price "
            f"paths {int(tariffs.years[0])}-{int(tariffs.years[-1])}); got {horizon_years}"
        )
    d = discount_factors(rate, h)
    out = {
        name: float(np.dot(d, np.asarray(arr[:h], dtype=float)))
        for name, arr in tariffs.series().items()
    }
    out["years"] = float(d.sum())
    return out

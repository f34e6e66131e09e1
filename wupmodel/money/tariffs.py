"""Price and tariff paths per year (default 2026-2050).

All money is in **real euros of the price year 2026**. Paths are built from the packaged,
sourced tables:

* ``data/price_paths.csv`` -- yearly series transcribed from PBL Vesta MAIS Startanalyse 2025
  (KEV-based): small-consumer gas and electricity commodity prices (excl. CO2 component), the
  CO2 price and the CO2 intensity of grid electricity;
* ``data/parameters/finance.csv`` -- 2026 taxes, VAT, standing charges, ACM heat tariff,
  feed-in, retail mark-ups and national production costs.

How each series is built (assumptions are stated in the ``source`` column of each row):

* supply price = Vesta commodity + a retail mark-up that is constant in real terms (the
  mark-up reproduces the 2026 supply price, see ``finance.gas_supply_markup_eur_m3``);
* energy taxes, tax credit, VAT, standing charges: the 2026 values, constant in real terms
  (no later rates are legislated);
* ACM heat tariff: fixed part constant real; variable part follows the all-in gas price of the
  year relative to 2026 ("niet-meer-dan-anders" links it to the gas price);
* feed-in: net compensation after feed-in costs; net metering until the last year in
  ``finance.net_metering_last_year`` (2026);
* ETS2: a CO2 charge on gas for end users from ``ets2_start_year`` (off unless asked for),
  priced at the Vesta CO2 price path;
* national production costs: gas and electricity at the Vesta commodity price (no taxes,
  no retail mark-up; the grid's cost enters as the network part of the standing charges);
  heat at ``finance.heat_production_eur_gj`` (fuel part only; source and network capital
  come in as national components in :mod:`wupmodel.money.costs`).
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, fields

import numpy as np
from numpy.typing import NDArray

from wupmodel._arrays import FloatArray
from wupmodel.errors import WupInputError
from wupmodel.money.finance import discount_factors
from wupmodel.params import Params

__all__ = [
    "TariffPaths",
    "tariff_paths",
    "discounted_sums",
    "interpolate_path",
    "SERIES",
    "PLAUSIBLE_RANGES",
    "PATH_RULE",
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
        ACM maximum fixed heat charges, **incl. VAT** as published (EUR/yr).
    heat_variable_eur_gj
        ACM maximum variable heat price, **incl. VAT** as published (EUR/GJ).
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
    gas_co2_kg_m3
        CO2 factor of natural gas (kg/m3), scalar.
    heat_co2_kg_gj
        CO2 factor of delivered heat (kg/GJ), scalar.
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
    feed_in_eur_kwh: FloatArray
    net_metering: NDArray[np.bool_]
    co2_price_eur_t: FloatArray
    grid_co2_kg_kwh: FloatArray
    gas_production_eur_m3: FloatArray
    elec_production_eur_kwh: FloatArray
    heat_production_eur_gj: FloatArray
    gas_network_standing_eur: FloatArray
    elec_network_standing_eur: FloatArray
    gas_co2_kg_m3: float
    heat_co2_kg_gj: float

    @property
    def n_years(self) -> int:
        """Number of years ``Y``."""
        return int(self.years.size)

    def series(self) -> dict[str, NDArray]:
        """The per-year series by name (everything except ``years`` and the scalars)."""
        return {name: getattr(self, name) for name in SERIES}


#: Names of the per-year series that an override may replace.
SERIES: tuple[str, ...] = tuple(
    f.name
    for f in fields(TariffPaths)
    if f.name not in ("years", "gas_co2_kg_m3", "heat_co2_kg_gj")
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
    "feed_in_eur_kwh": (-0.5, 1.0),
    "net_metering": (0.0, 1.0),
    "co2_price_eur_t": (0.0, 1000.0),
    "grid_co2_kg_kwh": (0.0, 1.5),
    "gas_production_eur_m3": (0.0, 5.0),
    "elec_production_eur_kwh": (0.0, 2.0),
    "heat_production_eur_gj": (0.0, 200.0),
    "gas_network_standing_eur": (0.0, 2000.0),
    "elec_network_standing_eur": (0.0, 3000.0),
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


def tariff_paths(
    params: Params,
    start_year: int = PRICE_YEAR,
    end_year: int = 2050,
    overrides: Mapping[str, OverrideValue] | None = None,
    ets2_start_year: int | None = None,
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
        is overridden too.
    ets2_start_year
        First year in which end users pay the ETS2 CO2 price on gas; ``None`` = no ETS2.

    Returns
    -------
    TariffPaths
    """
    if int(end_year) < int(start_year):
        raise WupInputError(f"end_year {end_year} is before start_year {start_year}")
    years = np.arange(int(start_year), int(end_year) + 1, dtype=np.int64)
    given = _override_arrays(overrides, years)
    source = _PathSource(params, years, _table_series(params, years), given)
    series = _energy_prices(source)
    series["co2_price_eur_t"] = _ets2_price(source, ets2_start_year)
    series["heat_variable_eur_gj"] = _heat_variable_price(source, series)
    series.update(_standing_charges(source))
    series.update(_national_costs(source))
    net_metering_default = years <= int(params["finance.net_metering_last_year"])
    net_metering = given["net_metering"] >= 0.5 if "net_metering" in given else net_metering_default
    return TariffPaths(
        years=years,
        **series,
        net_metering=np.asarray(net_metering, dtype=bool),
        gas_co2_kg_m3=float(params["co2.gas_kg_per_m3"]),
        heat_co2_kg_gj=float(params["co2.heat_network_mt_kg_per_gj"]),
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


def _energy_prices(source: _PathSource) -> dict[str, FloatArray]:
    """VAT, supply prices (commodity + a retail mark-up), energy taxes, tax credit, feed-in."""
    p, table, pick = source.params, source.table, source.pick
    return {
        "vat": pick("vat", source.constant("finance.vat")),
        "gas_supply_eur_m3": pick(
            "gas_supply_eur_m3",
            table["gas_commodity_eur_m3"] + p["finance.gas_supply_markup_eur_m3"],
        ),
        "gas_tax_eur_m3": pick("gas_tax_eur_m3", source.constant("finance.gas_tax_eur_m3")),
        "elec_supply_eur_kwh": pick(
            "elec_supply_eur_kwh",
            table["elec_commodity_eur_kwh"] + p["finance.elec_supply_markup_eur_kwh"],
        ),
        "elec_tax_eur_kwh": pick("elec_tax_eur_kwh", source.constant("finance.elec_tax_eur_kwh")),
        "tax_credit_eur": pick("tax_credit_eur", source.constant("finance.tax_credit_eur")),
        "feed_in_eur_kwh": pick("feed_in_eur_kwh", source.constant("finance.feed_in_net_eur_kwh")),
    }


def _ets2_price(source: _PathSource, ets2_start_year: int | None) -> FloatArray:
    """The CO2 price end users pay on gas (EUR/t): the Vesta path from the ETS2 start year."""
    if ets2_start_year is None:
        default = np.zeros(source.years.size)
    else:
        default = np.where(
            source.years >= int(ets2_start_year), source.table["co2_price_eur_t"], 0.0
        )
    return source.pick("co2_price_eur_t", default)


def _heat_variable_price(source: _PathSource, prices: dict[str, FloatArray]) -> FloatArray:
    """The ACM variable heat price: follows the all-in gas price relative to the price year."""
    p = source.params
    gas_co2_kg_m3 = float(p["co2.gas_kg_per_m3"])
    gas_all_in = (1.0 + prices["vat"]) * (
        prices["gas_supply_eur_m3"]
        + prices["gas_tax_eur_m3"]
        + prices["co2_price_eur_t"] * gas_co2_kg_m3 / 1000.0
    )
    price_year = np.array([PRICE_YEAR], dtype=np.int64)
    commodity_then = _table_series(p, price_year)["gas_commodity_eur_m3"][0]
    gas_all_in_then = (1.0 + p["finance.vat"]) * (
        commodity_then + p["finance.gas_supply_markup_eur_m3"] + p["finance.gas_tax_eur_m3"]
    )
    return source.pick(
        "heat_variable_eur_gj", p["finance.heat_variable_eur_gj"] * gas_all_in / gas_all_in_then
    )


def _standing_charges(source: _PathSource) -> dict[str, FloatArray]:
    """Standing charges per connection: network part + supplier part; the ACM fixed heat
    charge."""
    p, pick, constant = source.params, source.pick, source.constant
    gas_network = pick("gas_network_standing_eur", constant("finance.gas_network_standing_eur"))
    elec_network = pick("elec_network_standing_eur", constant("finance.elec_network_standing_eur"))
    return {
        "gas_network_standing_eur": gas_network,
        "elec_network_standing_eur": elec_network,
        "gas_standing_eur": pick(
            "gas_standing_eur", gas_network + p["finance.gas_supplier_standing_eur"]
        ),
        "elec_standing_eur": pick(
            "elec_standing_eur", elec_network + p["finance.elec_supplier_standing_eur"]
        ),
        "heat_fixed_eur": pick("heat_fixed_eur", constant("finance.heat_fixed_eur")),
    }


def _national_costs(source: _PathSource) -> dict[str, FloatArray]:
    """Production (resource) costs for the national view, and the grid's CO2 intensity."""
    table, pick = source.table, source.pick
    return {
        "grid_co2_kg_kwh": pick("grid_co2_kg_kwh", table["grid_co2_kg_kwh"]),
        "gas_production_eur_m3": pick("gas_production_eur_m3", table["gas_commodity_eur_m3"]),
        "elec_production_eur_kwh": pick("elec_production_eur_kwh", table["elec_commodity_eur_kwh"]),
        "heat_production_eur_gj": pick(
            "heat_production_eur_gj", source.constant("finance.heat_production_eur_gj")
        ),
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

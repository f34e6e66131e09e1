"""What a heat network's source costs and emits per GJ delivered, per year.

A heat source (``data/heat_sources.csv``: biomass, geothermal, aquathermal with a heat pump,
industrial residual heat, gas boilers only) covers ``primary_share`` of the heat it produces
(PBL Vesta: 80-90 % without peak firing); gas-fired peak boilers cover the rest. Per GJ
**produced** at the source, in year ``t``:

* CO2 [kg/GJ] = s (f_fuel / eta + e_aux G_t) + (1 - s) f_gas / eta_peak + e_pump G_t, with
  f_fuel the fuel's direct CO2 per GJ of fuel (gas: ``co2.gas_kg_per_m3`` / LHV; biomass 0,
  biogenic), e_aux the source's own electricity per GJ (GJe/GJ; a collective heat pump adds
  1 / ``heatnet.lt_source_scop``), e_pump the network pumps' (``heatnet.pump_electricity_share``)
  and G_t the grid's CO2 per GJ of electricity;
* production cost [EUR/GJ] = s (P_fuel,t / eta + e_aux E_t + purchase) + (1 - s) P_gas,t /
  eta_peak + e_pump E_t, at production prices (no taxes).

Per GJ **delivered** both are divided by (1 - the network's loss share): the heat lost in the
pipes is produced, paid for and emitted too. An MT network loses ``heatnet.loss_share`` (26 %),
an LT network ``heatnet.lt_loss_share`` (8 %: 2.6 against 10.5 GJ a year per connection, CE
Delft 2024 in PBL Vesta); a zone's own source (the cooperative's case) keeps the MT share.
:func:`heat_supply` gives both paths for the sources the scenario chose for the MT and the LT
network (``heat_networks:``), one function for the CO2 of the evaluation, the national heat cost
of the tariffs and the cooperative's case.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from wupmodel._arrays import FloatArray
from wupmodel.errors import WupInputError
from wupmodel.params import Params

__all__ = [
    "HEAT_SOURCES",
    "HeatSourceFactors",
    "heat_source_names",
    "heat_source_factors",
    "HeatSupply",
    "heat_supply",
]

HEAT_SOURCES = "heat_sources"
_KWH_PER_GJ = 1e9 / 3.6e6


def heat_source_names(params: Params) -> tuple[str, ...]:
    """The heat sources of the packaged table (or the scenario's copy)."""
    return tuple(params.table(HEAT_SOURCES)["heat_source"].astype(str))


@dataclass(frozen=True)
class HeatSourceFactors:
    """A source's CO2 and production cost per year, per GJ produced and per GJ delivered.

    Attributes
    ----------
    source
        Heat-source name.
    co2_kg_per_gj_produced, co2_kg_per_gj_delivered
        (Y,) CO2 per GJ at the source and per GJ at the dwellings' delivery sets [kg/GJ].
    cost_eur_per_gj_produced, cost_eur_per_gj_delivered
        (Y,) production cost (fuel, electricity, purchase; no capital) [EUR/GJ], excl. taxes.
    loss_share
        Share of the produced heat lost in the network [-].
    """

    source: str
    co2_kg_per_gj_produced: FloatArray
    co2_kg_per_gj_delivered: FloatArray
    cost_eur_per_gj_produced: FloatArray
    cost_eur_per_gj_delivered: FloatArray
    loss_share: float

    def from_year(self, k: int) -> HeatSourceFactors:
        """The factors from the ``k``-th year of the paths on."""
        return HeatSourceFactors(
            self.source,
            self.co2_kg_per_gj_produced[k:],
            self.co2_kg_per_gj_delivered[k:],
            self.cost_eur_per_gj_produced[k:],
            self.cost_eur_per_gj_delivered[k:],
            self.loss_share,
        )


_ROWS: dict[int, tuple[object, dict[str, dict]]] = {}


def _source_row(params: Params, source: str) -> dict:
    """The source's row as a dict (the table indexed once per table object)."""
    table = params.table(HEAT_SOURCES)
    hit = _ROWS.get(id(table))
    if hit is None or hit[0] is not table:
        rows = {str(r["heat_source"]): r for r in table.to_dict(orient="records")}
        if len(_ROWS) >= 8:
            _ROWS.pop(next(iter(_ROWS)))
        _ROWS[id(table)] = hit = (table, rows)
    rows = hit[1]
    if source not in rows:
        raise WupInputError(f"unknown heat source '{source}'; allowed: {', '.join(rows)}")
    return rows[source]


def heat_source_factors(
    params: Params,
    source: str,
    grid_co2_kg_kwh: NDArray,
    gas_eur_m3: NDArray,
    elec_eur_kwh: NDArray,
    biomass_eur_gj: NDArray,
    loss_share: float | None = None,
) -> HeatSourceFactors:
    """CO2 and production cost of ``source`` per GJ produced and delivered, per year.

    Parameters
    ----------
    params
        Parameters (``heatnet.*``, ``co2.gas_kg_per_m3``, ``physics.gas_lhv_mj_m3``) and the
        ``heat_sources`` table.
    source
        A row of ``heat_sources.csv``.
    grid_co2_kg_kwh, gas_eur_m3, elec_eur_kwh, biomass_eur_gj
        (Y,) grid CO2 intensity and production prices of gas, electricity and biomass fuel.
    loss_share
        Share of the produced heat lost in the network; default ``heatnet.loss_share`` (an MT
        network's).

    Returns
    -------
    HeatSourceFactors
    """
    row = _source_row(params, source)
    p = params
    grid = np.asarray(grid_co2_kg_kwh, dtype=float) * _KWH_PER_GJ  # kg per GJ electricity
    elec = np.asarray(elec_eur_kwh, dtype=float) * _KWH_PER_GJ  # EUR per GJ electricity
    gas_gj_per_m3 = p["physics.gas_lhv_mj_m3"] / 1000.0
    gas_co2 = p["co2.gas_kg_per_m3"] / gas_gj_per_m3  # kg per GJ of gas
    gas_eur = np.asarray(gas_eur_m3, dtype=float) / gas_gj_per_m3  # EUR per GJ of gas
    share, eta = float(row["primary_share"]), float(row["primary_efficiency"])
    fuel = str(row["primary_fuel"])
    aux = float(row["aux_electricity_gje_per_gj"])
    if str(row.get("collective_heat_pump", "False")).lower() == "true":
        aux += 1.0 / p["heatnet.lt_source_scop"]
    fuel_co2 = gas_co2 if fuel == "gas" else float(row["primary_co2_kg_per_gj"])
    fuel_eur = {"gas": gas_eur, "biomass": np.asarray(biomass_eur_gj, dtype=float)}.get(
        fuel, np.zeros_like(grid)
    )
    eta_peak, pump = p["heatnet.peak_efficiency"], p["heatnet.pump_electricity_share"]
    co2 = share * (fuel_co2 / eta + aux * grid) + (1.0 - share) * gas_co2 / eta_peak + pump * grid
    cost = (
        share * (fuel_eur / eta + aux * elec + float(row["purchase_eur_per_gj"]))
        + (1.0 - share) * gas_eur / eta_peak
        + pump * elec
    )
    loss = float(p["heatnet.loss_share"] if loss_share is None else loss_share)
    kept = 1.0 - loss
    return HeatSourceFactors(source, co2, co2 / kept, cost, cost / kept, loss)


@dataclass(frozen=True)
class HeatSupply:
    """The scenario's heat sources and their factors per year (built once per scenario).

    Attributes
    ----------
    mt, lt
        Factors of the MT and the LT network's source (each at its network's loss share).
    zones
        Zone -> factors of the zones the scenario gives their own source (the cooperative's
        case of that zone).
    """

    mt: HeatSourceFactors
    lt: HeatSourceFactors
    zones: dict[str, HeatSourceFactors]

    def for_zone(self, zone: str) -> HeatSourceFactors:
        """The factors of ``zone``'s source: its own, else the MT network's."""
        return self.zones.get(str(zone), self.mt)

    def from_year(self, k: int) -> HeatSupply:
        """The sources' factors from the ``k``-th year of the paths on."""
        return HeatSupply(
            self.mt.from_year(k),
            self.lt.from_year(k),
            {z: f.from_year(k) for z, f in self.zones.items()},
        )


def heat_supply(
    params: Params,
    prices: dict[str, NDArray],
    mt_source: str,
    lt_source: str,
    zone_sources: dict[str, str] | None = None,
) -> HeatSupply:
    """The factors of the MT and LT sources over the years of ``prices``.

    Parameters
    ----------
    params
        Parameters and tables.
    prices
        (Y,) arrays ``grid_co2_kg_kwh``, ``gas_eur_m3``, ``elec_eur_kwh``, ``biomass_eur_gj``
        (production prices).
    mt_source, lt_source
        Rows of ``heat_sources.csv``; the LT source's heat is delivered at
        ``heatnet.lt_loss_share``.
    zone_sources
        Zone -> source (validated against the table).
    """
    zone_sources = dict(zone_sources or {})
    for name in zone_sources.values():
        _source_row(params, name)

    def factors(name: str, loss_share: float | None = None) -> HeatSourceFactors:
        return heat_source_factors(
            params,
            name,
            prices["grid_co2_kg_kwh"],
            prices["gas_eur_m3"],
            prices["elec_eur_kwh"],
            prices["biomass_eur_gj"],
            loss_share,
        )

    return HeatSupply(
        factors(mt_source),
        factors(lt_source, params["heatnet.lt_loss_share"]),
        {str(zone): factors(name) for zone, name in zone_sources.items()},
    )

"""Household energy bills and the national (resource) cost of energy, per year.

A Dutch household bill, as :func:`annual_bill_eur` computes it for one year:

* gas: (supply + energy tax + ETS2 charge) x m3, plus the gas standing charges (network and
  supplier) when the dwelling keeps a gas connection;
* electricity: (supply + energy tax) x billed import, plus the electricity standing charges;
* VAT over all of the above; minus the tax credit (belastingvermindering) incl. VAT, which
  every dwelling with an electricity connection gets, even beyond the tax it pays;
* exported electricity earns the net feed-in compensation (no VAT);
* a dwelling on a heat network pays the ACM fixed charge plus the variable price per GJ (both
  incl. VAT as ACM publishes them).

Net metering (saldering, until 31 December 2026): import is netted against export up to the
import; the netted kWh cost nothing (no supply, tax or VAT); the remaining export is paid at
the feed-in compensation. From 2027 all import is billed and all export earns feed-in.

The national (resource) cost uses production costs without taxes, VAT or subsidies: gas and
electricity at their production cost, export valued at the electricity production cost (no
net metering -- it is a transfer), heat at its production cost, plus the network part of the
standing charges for each connection the dwelling keeps.

Quantities are yearly: ``gas_m3``, ``elec_import_kwh`` and ``elec_export_kwh`` (metered at the
connection), ``heat_gj`` (delivered heat). They broadcast against each other; results have the
broadcast shape plus a last axis of years (or no year axis when ``year_index`` is given).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from wupmodel._arrays import FloatArray, float_array
from wupmodel.errors import WupInputError
from wupmodel.money.tariffs import TariffPaths

__all__ = [
    "end_user_unit_prices",
    "resource_unit_costs",
    "annual_bill_eur",
    "annual_energy_resource_cost_eur",
    "bill_components_eur",
]

#: Keys of the unit price dictionaries, each a (Y,) array.
UNIT_KEYS = (
    "gas_eur_m3",
    "gas_fixed_eur",
    "elec_fixed_eur",
    "elec_import_eur_kwh",
    "elec_export_eur_kwh",
    "heat_fixed_eur",
    "heat_eur_gj",
)


def end_user_unit_prices(tariffs: TariffPaths) -> dict[str, FloatArray]:
    """End-user unit prices per year, all incl. VAT (feed-in without VAT).

    Returns
    -------
    dict with (Y,) arrays:
    ``gas_eur_m3`` = (1 + VAT)(supply + tax + CO2 price x CO2 factor);
    ``gas_fixed_eur`` = (1 + VAT) x gas standing charges;
    ``elec_fixed_eur`` = (1 + VAT)(electricity standing charges - tax credit);
    ``elec_import_eur_kwh`` = (1 + VAT)(supply + tax);
    ``elec_export_eur_kwh`` = feed-in compensation;
    ``heat_fixed_eur``, ``heat_eur_gj`` = ACM tariffs (already incl. VAT).
    """
    t = tariffs
    v1 = 1.0 + t.vat
    return {
        "gas_eur_m3": v1
        * (t.gas_supply_eur_m3 + t.gas_tax_eur_m3 + t.co2_price_eur_t * t.gas_co2_kg_m3 / 1000.0),
        "gas_fixed_eur": v1 * t.gas_standing_eur,
        "elec_fixed_eur": v1 * (t.elec_standing_eur - t.tax_credit_eur),
        "elec_import_eur_kwh": v1 * (t.elec_supply_eur_kwh + t.elec_tax_eur_kwh),
        "elec_export_eur_kwh": np.asarray(t.feed_in_eur_kwh, dtype=float),
        "heat_fixed_eur": np.asarray(t.heat_fixed_eur, dtype=float),
        "heat_eur_gj": np.asarray(t.heat_variable_eur_gj, dtype=float),
    }


def resource_unit_costs(tariffs: TariffPaths) -> dict[str, FloatArray]:
    """National (resource) unit costs per year, no taxes or VAT; same keys as the end-user prices.

    Export is valued at the electricity production cost; the heat fixed cost is 0 here (heat
    network capital and O&M are national components passed to :mod:`wupmodel.money.costs`).
    """
    t = tariffs
    return {
        "gas_eur_m3": np.asarray(t.gas_production_eur_m3, dtype=float),
        "gas_fixed_eur": np.asarray(t.gas_network_standing_eur, dtype=float),
        "elec_fixed_eur": np.asarray(t.elec_network_standing_eur, dtype=float),
        "elec_import_eur_kwh": np.asarray(t.elec_production_eur_kwh, dtype=float),
        "elec_export_eur_kwh": np.asarray(t.elec_production_eur_kwh, dtype=float),
        "heat_fixed_eur": np.zeros(t.n_years),
        "heat_eur_gj": np.asarray(t.heat_production_eur_gj, dtype=float),
    }


def _quantities(gas_m3, elec_import_kwh, elec_export_kwh, heat_gj, has_gas, on_hn):
    arrays = []
    for name, value in (
        ("gas_m3", gas_m3),
        ("elec_import_kwh", elec_import_kwh),
        ("elec_export_kwh", elec_export_kwh),
        ("heat_gj", heat_gj),
    ):
        arrays.append(float_array(value, name, nonneg=True))
    arrays.append(np.asarray(has_gas, dtype=bool))
    arrays.append(np.asarray(on_hn, dtype=bool))
    return np.broadcast_arrays(*arrays)


def _year_slice(tariffs: TariffPaths, year_index: int | None):
    if year_index is None:
        return slice(None)
    y = int(year_index)
    if not -tariffs.n_years <= y < tariffs.n_years:
        raise WupInputError(
            f"year_index {year_index} is outside the price paths "
            f"({tariffs.n_years} years, {int(tariffs.years[0])}-{int(tariffs.years[-1])})"
        )
    return y


def _annual_cost(units, net_metering, q, year_index, apply_net_metering: bool) -> FloatArray:
    gas, imp, exp, gj, has_gas, on_hn = q
    sel = year_index if year_index is not None else slice(None)
    u = {k: np.asarray(v)[sel] for k, v in units.items()}
    nm = (
        np.asarray(net_metering)[sel]
        if apply_net_metering
        else np.zeros_like(np.asarray(net_metering)[sel])
    )
    expand = (lambda a: a[..., None]) if year_index is None else (lambda a: a)
    gas, imp, exp, gj = (expand(a) for a in (gas, imp, exp, gj))
    has_gas, on_hn = expand(has_gas), expand(on_hn)
    netted = np.where(nm, np.minimum(imp, exp), 0.0)
    return (
        gas * u["gas_eur_m3"]
        + has_gas * u["gas_fixed_eur"]
        + u["elec_fixed_eur"]
        + (imp - netted) * u["elec_import_eur_kwh"]
        - (exp - netted) * u["elec_export_eur_kwh"]
        + on_hn * (u["heat_fixed_eur"] + gj * u["heat_eur_gj"])
    )


def annual_bill_eur(
    gas_m3: ArrayLike,
    elec_import_kwh: ArrayLike,
    elec_export_kwh: ArrayLike,
    heat_gj: ArrayLike,
    has_gas_connection: ArrayLike,
    on_heat_network: ArrayLike,
    tariffs: TariffPaths,
    year_index: int | None = None,
) -> FloatArray:
    """Household energy bill incl. VAT (EUR/yr), see the module docstring for the rules.

    Parameters
    ----------
    gas_m3, elec_import_kwh, elec_export_kwh, heat_gj
        Yearly quantities (m3, kWh, kWh, GJ), broadcastable.
    has_gas_connection
        Whether the dwelling keeps its gas connection (pays the gas standing charges).
    on_heat_network
        Whether the dwelling is on a heat network (pays the ACM tariffs for ``heat_gj``).
    tariffs
        Price paths.
    year_index
        Index into ``tariffs.years`` for one year; ``None`` = all years on a last axis.

    Returns
    -------
    Bill (EUR/yr): broadcast shape, plus ``(Y,)`` when ``year_index`` is None. Costs for large
    dwelling x option arrays over all years are better computed with discounted sums
    (:mod:`wupmodel.money.costs`) than with this function.
    """
    q = _quantities(
        gas_m3, elec_import_kwh, elec_export_kwh, heat_gj, has_gas_connection, on_heat_network
    )
    yi = _year_slice(tariffs, year_index)
    return _annual_cost(
        end_user_unit_prices(tariffs),
        tariffs.net_metering,
        q,
        None if year_index is None else yi,
        True,
    )


def annual_energy_resource_cost_eur(
    gas_m3: ArrayLike,
    elec_import_kwh: ArrayLike,
    elec_export_kwh: ArrayLike,
    heat_gj: ArrayLike,
    has_gas_connection: ArrayLike,
    on_heat_network: ArrayLike,
    tariffs: TariffPaths,
    year_index: int | None = None,
) -> FloatArray:
    """National (resource) cost of the dwelling's energy (EUR/yr), no taxes, VAT or subsidies.

    Same arguments and shapes as :func:`annual_bill_eur`. Includes production costs of gas,
    electricity and heat, minus the production value of exported electricity, plus the network
    part of the standing charges for the connections kept. Excludes heat-network and grid
    capital (pass those to :mod:`wupmodel.money.costs` as national components) and CO2 costs.
    """
    q = _quantities(
        gas_m3, elec_import_kwh, elec_export_kwh, heat_gj, has_gas_connection, on_heat_network
    )
    yi = _year_slice(tariffs, year_index)
    return _annual_cost(
        resource_unit_costs(tariffs),
        tariffs.net_metering,
        q,
        None if year_index is None else yi,
        False,
    )


def bill_components_eur(
    gas_m3: ArrayLike,
    elec_import_kwh: ArrayLike,
    elec_export_kwh: ArrayLike,
    heat_gj: ArrayLike,
    has_gas_connection: ArrayLike,
    on_heat_network: ArrayLike,
    tariffs: TariffPaths,
    year_index: int = 0,
) -> dict[str, FloatArray]:
    """The lines of one year's bill (EUR/yr), as they appear on a Dutch annual statement.

    Returns
    -------
    dict with ``gas_supply``, ``gas_tax``, ``gas_co2``, ``gas_standing``, ``elec_supply``,
    ``elec_tax``, ``elec_standing``, ``vat`` (over all of these), ``tax_credit`` (negative,
    incl. VAT), ``feed_in`` (negative), ``heat_fixed``, ``heat_variable`` (incl. VAT) and
    ``total``; ``total`` equals :func:`annual_bill_eur` for that year.
    """
    gas, imp, exp, gj, has_gas, on_hn = _quantities(
        gas_m3, elec_import_kwh, elec_export_kwh, heat_gj, has_gas_connection, on_heat_network
    )
    y = _year_slice(tariffs, year_index)
    t = tariffs
    netted = np.minimum(imp, exp) if bool(t.net_metering[y]) else np.zeros_like(imp)
    billed = imp - netted
    lines = {
        "gas_supply": gas * t.gas_supply_eur_m3[y],
        "gas_tax": gas * t.gas_tax_eur_m3[y],
        "gas_co2": gas * t.co2_price_eur_t[y] * t.gas_co2_kg_m3 / 1000.0,
        "gas_standing": has_gas * t.gas_standing_eur[y],
        "elec_supply": billed * t.elec_supply_eur_kwh[y],
        "elec_tax": billed * t.elec_tax_eur_kwh[y],
        "elec_standing": np.full_like(gas, t.elec_standing_eur[y]),
    }
    lines["vat"] = t.vat[y] * sum(lines.values())
    lines["tax_credit"] = np.full_like(gas, -(1.0 + t.vat[y]) * t.tax_credit_eur[y])
    lines["feed_in"] = -(exp - netted) * t.feed_in_eur_kwh[y]
    lines["heat_fixed"] = on_hn * t.heat_fixed_eur[y]
    lines["heat_variable"] = on_hn * gj * t.heat_variable_eur_gj[y]
    lines["total"] = sum(lines.values())
    return lines

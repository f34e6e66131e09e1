"""Household energy bills and the national (resource) cost of energy, per year.

A Dutch household bill, as :func:`annual_bill_eur` computes it for one year:

* gas: (supply + energy tax + ETS2 charge) x m3, plus the gas standing charges (network and
  supplier) when the dwelling keeps a gas connection;
* electricity: (supply + energy tax) x billed import, plus the electricity standing charges;
* VAT over all of the above; minus the tax credit (belastingvermindering) incl. VAT, which
  every dwelling with an electricity connection gets, even beyond the tax it pays;
* exported electricity earns the net feed-in compensation (no VAT);
* a dwelling on a heat network pays the fixed charge plus the price per GJ of its network's
  tariff (both incl. VAT): the ACM maximum before the Wet collectieve warmte applies, then the
  cost-based tariff of the MT or the LT network (:mod:`wupmodel.money.tariffs`).

Net metering (saldering, until 31 December 2026): import is netted against export up to the
import; the netted kWh cost nothing (no supply, tax or VAT); the remaining export is paid at
the feed-in compensation. From 2027 all import is billed and all export earns feed-in.

The national (resource) cost uses production costs without taxes, VAT or subsidies: gas and
electricity at their production cost, export valued at the electricity production cost (no
net metering -- it is a transfer), heat at its production cost, plus the network part of the
standing charges for each connection the dwelling keeps.

Quantities are yearly: ``gas_m3``, ``elec_import_kwh`` and ``elec_export_kwh`` (metered at the
connection), ``heat_gj`` (delivered heat). They broadcast against each other; results have the
broadcast shape plus a last axis of years (or no year axis when ``year_index`` is given). The
money layer carries them together as :class:`EnergyQuantities`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields

import numpy as np
from numpy.typing import ArrayLike, NDArray

from wupmodel._arrays import FloatArray, float_array
from wupmodel.errors import WupInputError
from wupmodel.money.tariffs import TariffPaths

__all__ = [
    "ON_LT_NETWORK",
    "EnergyQuantities",
    "EnergyCostTerms",
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
    "heat_lt_fixed_eur",
    "heat_lt_eur_gj",
)

#: Code of a dwelling on the LT network in the ``on_heat_network`` argument of the bill
#: functions (``True`` or 1: the MT network's tariff, 2: the LT network's).
ON_LT_NETWORK = 2


@dataclass(frozen=True)
class EnergyQuantities:
    """The yearly energy of dwellings x options that a bill and a resource cost are priced on.

    Every field broadcasts against the others: the dwelling axes first, then the option axes
    (one, or those of an option grid), each of size 1 where a quantity does not depend on it.
    The money layer holds the first-year quantities constant over the horizon, and keeps the
    bundle's shape through every step (as given; validated; flattened to ``(rows, *option
    dims)``; one chunk's rows).

    Attributes
    ----------
    gas_m3
        Gas used (m3/yr).
    elec_import_kwh
        Electricity taken from the grid (kWh/yr); with ``self_consumed_kwh``, the demand before
        PV self-consumption.
    elec_export_kwh
        Electricity fed into the grid (kWh/yr); with ``self_consumed_kwh``, the PV yield.
    heat_gj
        Heat delivered by a heat network (GJ/yr); billed only where ``on_heat_network``.
    has_gas_connection
        Whether the dwelling keeps its gas connection (bool; pays the gas standing charges).
    on_heat_network
        Whether the dwelling is on a heat network (bool; pays the MT network's heat tariff
        unless ``on_lt_network``).
    self_consumed_kwh
        PV electricity used at home (kWh/yr), or None when the import and export are metered
        amounts already. When given, the household imports and exports this much less, at most
        the demand and the yield of each option (so one array can serve the options with and
        without PV).
    on_lt_network
        Whether the heat network is the LT network (bool, within ``on_heat_network``; pays the
        LT network's heat tariff), or None: no dwelling is.
    """

    gas_m3: ArrayLike
    elec_import_kwh: ArrayLike
    elec_export_kwh: ArrayLike
    heat_gj: ArrayLike
    has_gas_connection: ArrayLike
    on_heat_network: ArrayLike
    self_consumed_kwh: ArrayLike | None = None
    on_lt_network: ArrayLike | None = None

    def validated(self) -> EnergyQuantities:
        """Non-negative float arrays and bool arrays; :class:`WupInputError` names a bad field."""
        amounts = ("gas_m3", "elec_import_kwh", "elec_export_kwh", "heat_gj", "self_consumed_kwh")
        checked = {
            name: float_array(value, name, nonneg=True)
            for name in amounts
            if (value := getattr(self, name)) is not None
        }
        on_lt = None if self.on_lt_network is None else np.asarray(self.on_lt_network, bool)
        return EnergyQuantities(
            **checked,
            has_gas_connection=np.asarray(self.has_gas_connection, dtype=bool),
            on_heat_network=np.asarray(self.on_heat_network, dtype=bool),
            on_lt_network=on_lt,
        )

    def map(self, function: Callable[[NDArray], NDArray]) -> EnergyQuantities:
        """``function`` applied to every array of the bundle (a missing one stays None)."""
        return EnergyQuantities(
            **{
                f.name: None if (value := getattr(self, f.name)) is None else function(value)
                for f in fields(self)
            }
        )

    def arrays(self) -> list[NDArray]:
        """The arrays given (without a missing ``self_consumed_kwh`` or ``on_lt_network``), in
        field order."""
        return [value for f in fields(self) if (value := getattr(self, f.name)) is not None]


#: A term of a sum: ``(coefficient, array)``, or ``(coefficient, array, block)`` for a term that
#: covers one block (a slice) of the first option axis only.
Term = tuple


def _block(a: NDArray, block: slice) -> NDArray:
    """A block of the first option axis (an array the same for all of it stays)."""
    return a if a.shape[1] == 1 else a[:, block]


@dataclass(frozen=True)
class EnergyCostTerms:
    """Energy in the form its cost is linear in: the terms of a sum (:meth:`cost_terms`).

    The money kernel prices a chunk of dwellings x options this way: every cost over the
    horizon is ``sum(price weight x quantity)`` (:func:`~wupmodel.money.kernel.lincomb`), and
    only self-consumption and the net-metered kWh are nonlinear in the quantities.

    Attributes
    ----------
    quantities
        The energy, ``(rows, *option dims)`` views (each dim 1 or full).
    self_consumed_kwh
        PV self-consumption capped at each option's demand and yield (kWh/yr), on the
        exporting block only when there is one; None when not given.
    heat_gj_on_network
        Heat delivered where the option is on a heat network (GJ/yr); None when no option of
        the chunk is.
    heat_gj_on_lt
        Heat delivered where the option is on the LT network (GJ/yr), priced at the LT tariff's
        difference from the MT tariff; None when no option of the chunk is.
    net_metered_kwh
        Import minus export, not below zero (kWh/yr): what net metering bills; on the
        exporting block only when there is one; None without net metering.
    export_blocks
        The block of the first option axis that exports (PV) and the blocks that do not, or
        None.
    one
        A ones array that broadcasts over the option axes (the standing charge term).
    """

    quantities: EnergyQuantities
    self_consumed_kwh: NDArray | None
    heat_gj_on_network: NDArray | None
    net_metered_kwh: NDArray | None
    export_blocks: tuple[slice, list[slice]] | None
    one: NDArray
    heat_gj_on_lt: NDArray | None = None

    @classmethod
    def of(
        cls,
        quantities: EnergyQuantities,
        with_net_metering: bool,
        export_blocks: tuple[slice, list[slice]] | None,
        one: NDArray,
        work: dict[str, NDArray],
    ) -> EnergyCostTerms:
        """The terms' arrays from the quantities (into the work arrays ``self`` and ``billed``,
        or ``self_block`` and ``billed_block`` with export blocks)."""
        import_kwh, export_kwh = quantities.elec_import_kwh, quantities.elec_export_kwh
        exporting = None if export_blocks is None else export_blocks[0]
        self_kwh = quantities.self_consumed_kwh
        if self_kwh is not None:  # at most the demand and the PV yield of each option
            if exporting is None:
                self_kwh = np.minimum(
                    np.minimum(self_kwh, import_kwh), export_kwh, out=work["self"]
                )
            else:  # 0 where nothing is exported
                self_kwh = np.minimum(
                    np.minimum(_block(self_kwh, exporting), _block(import_kwh, exporting)),
                    export_kwh[:, exporting],
                    out=work["self_block"],
                )
        on_network = quantities.on_heat_network
        heat_gj = quantities.heat_gj * on_network if on_network.any() else None
        billed_kwh = None
        if with_net_metering:  # self-consumption cancels out of import minus export
            if exporting is None:
                billed_kwh = np.subtract(import_kwh, export_kwh, out=work["billed"])
            else:  # equal to the import where nothing is exported
                billed_kwh = np.subtract(
                    _block(import_kwh, exporting),
                    export_kwh[:, exporting],
                    out=work["billed_block"],
                )
            np.maximum(billed_kwh, 0.0, out=billed_kwh)
        on_lt = quantities.on_lt_network
        heat_lt = quantities.heat_gj * on_lt if on_lt is not None and on_lt.any() else None
        return cls(quantities, self_kwh, heat_gj, billed_kwh, export_blocks, one, heat_lt)

    def cost_terms(
        self, weights: dict[str, float], net_metering: bool, scale: float = 1.0
    ) -> list[Term]:
        """Terms of ``scale x`` the energy cost at the price weights ``weights``.

        Net metering: ``w_i billed - w_e surplus`` with ``surplus = billed - (imp - exp)``, so
        only ``billed`` is nonlinear and the rest joins the import/export coefficients.
        """
        energy = self.quantities
        import_eur_kwh, export_eur_kwh = (
            weights["elec_import_eur_kwh"],
            weights["elec_export_eur_kwh"],
        )
        on_import, on_export = import_eur_kwh, export_eur_kwh
        if net_metering:
            on_import = import_eur_kwh + weights["elec_export_eur_kwh_nm"]
            on_export = export_eur_kwh + weights["elec_export_eur_kwh_nm"]
        terms = [
            (scale * weights["gas_eur_m3"], energy.gas_m3),
            (scale * weights["gas_fixed_eur"], energy.has_gas_connection),
            (scale * on_import, energy.elec_import_kwh),
            (-scale * on_export, energy.elec_export_kwh),
            (scale * weights["elec_fixed_eur"], self.one),
        ]
        if self.heat_gj_on_network is not None:
            terms += [
                (scale * weights["heat_fixed_eur"], energy.on_heat_network),
                (scale * weights["heat_eur_gj"], self.heat_gj_on_network),
            ]
        if self.heat_gj_on_lt is not None:  # the LT tariff's difference from the MT tariff
            terms += [
                (
                    scale * (weights["heat_lt_fixed_eur"] - weights["heat_fixed_eur"]),
                    energy.on_lt_network,
                ),
                (scale * (weights["heat_lt_eur_gj"] - weights["heat_eur_gj"]), self.heat_gj_on_lt),
            ]
        exporting = None if self.export_blocks is None else self.export_blocks[0]
        if self.self_consumed_kwh is not None:
            coef = -scale * (import_eur_kwh - export_eur_kwh)
            terms.append(
                (coef, self.self_consumed_kwh)
                if exporting is None
                else (coef, self.self_consumed_kwh, exporting)
            )
        if net_metering:
            coef = scale * (weights["elec_import_eur_kwh_nm"] - weights["elec_export_eur_kwh_nm"])
            if exporting is None:
                terms.append((coef, self.net_metered_kwh))
            else:
                terms.append((coef, self.net_metered_kwh, exporting))
                terms += [
                    (coef, _block(energy.elec_import_kwh, block), block)
                    for block in self.export_blocks[1]
                ]
        return terms


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
    ``heat_fixed_eur``, ``heat_eur_gj`` = the MT network's heat tariff (already incl. VAT);
    ``heat_lt_fixed_eur``, ``heat_lt_eur_gj`` = the LT network's.
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
        "heat_lt_fixed_eur": np.asarray(t.heat_lt_fixed_eur, dtype=float),
        "heat_lt_eur_gj": np.asarray(t.heat_lt_variable_eur_gj, dtype=float),
    }


def resource_unit_costs(tariffs: TariffPaths) -> dict[str, FloatArray]:
    """National (resource) unit costs per year, no taxes or VAT; same keys as the end-user prices.

    Export is valued at the electricity production cost; the heat fixed cost is 0 here (heat
    network capital and O&M are national components passed to :mod:`wupmodel.money.costs`).
    Both networks' heat at ``heat_production_eur_gj`` (the LT source's difference is a national
    component, :mod:`wupmodel.money.appraise`).
    """
    t = tariffs
    heat_eur_gj = np.asarray(t.heat_production_eur_gj, dtype=float)
    return {
        "gas_eur_m3": np.asarray(t.gas_production_eur_m3, dtype=float),
        "gas_fixed_eur": np.asarray(t.gas_network_standing_eur, dtype=float),
        "elec_fixed_eur": np.asarray(t.elec_network_standing_eur, dtype=float),
        "elec_import_eur_kwh": np.asarray(t.elec_production_eur_kwh, dtype=float),
        "elec_export_eur_kwh": np.asarray(t.elec_production_eur_kwh, dtype=float),
        "heat_fixed_eur": np.zeros(t.n_years),
        "heat_eur_gj": heat_eur_gj,
        "heat_lt_fixed_eur": np.zeros(t.n_years),
        "heat_lt_eur_gj": heat_eur_gj,
    }


def _broadcast(quantities: EnergyQuantities) -> EnergyQuantities:
    """The quantities validated and broadcast to one shape (metered: no self-consumption)."""
    given = quantities.validated()
    names = [f.name for f in fields(given) if getattr(given, f.name) is not None]
    return EnergyQuantities(**dict(zip(names, np.broadcast_arrays(*given.arrays()), strict=True)))


def _network_quantities(*args: ArrayLike) -> EnergyQuantities:
    """The bill functions' arguments (gas, import, export, heat, gas connection, network
    code) as broadcast quantities: network code ``True``/1 the MT network, 2 the LT network."""
    *amounts, has_gas, network = args
    code = np.asarray(network)
    on_lt = code == ON_LT_NETWORK if code.dtype != bool else None
    return _broadcast(EnergyQuantities(*amounts, has_gas, code != 0, on_lt_network=on_lt))


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


def _annual_cost(
    units: dict[str, FloatArray],
    net_metering: NDArray[np.bool_],
    quantities: EnergyQuantities,
    year_index: int | None,
    apply_net_metering: bool,
) -> FloatArray:
    """Cost at the unit prices ``units`` of one year, or of every year on a last axis."""
    years = year_index if year_index is not None else slice(None)
    unit = {key: np.asarray(value)[years] for key, value in units.items()}
    netting = (
        np.asarray(net_metering)[years]
        if apply_net_metering
        else np.zeros_like(np.asarray(net_metering)[years])
    )
    # quantities broadcast against the prices: a last axis of years when all years are asked for
    energy = quantities if year_index is not None else quantities.map(lambda a: a[..., None])
    netted_kwh = np.where(netting, np.minimum(energy.elec_import_kwh, energy.elec_export_kwh), 0.0)
    return (
        energy.gas_m3 * unit["gas_eur_m3"]
        + energy.has_gas_connection * unit["gas_fixed_eur"]
        + unit["elec_fixed_eur"]
        + (energy.elec_import_kwh - netted_kwh) * unit["elec_import_eur_kwh"]
        - (energy.elec_export_kwh - netted_kwh) * unit["elec_export_eur_kwh"]
        + _heat_cost(energy, unit)
    )


def _heat_cost(energy: EnergyQuantities, unit: dict[str, NDArray]) -> NDArray:
    """The heat tariff of each dwelling's network: the MT network's, the LT network's where
    ``on_lt_network``."""
    fixed, per_gj = unit["heat_fixed_eur"], unit["heat_eur_gj"]
    if energy.on_lt_network is not None:
        fixed = np.where(energy.on_lt_network, unit["heat_lt_fixed_eur"], fixed)
        per_gj = np.where(energy.on_lt_network, unit["heat_lt_eur_gj"], per_gj)
    return energy.on_heat_network * (fixed + energy.heat_gj * per_gj)


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
        Whether the dwelling is on a heat network and which: ``True`` (or 1) the MT network,
        :data:`ON_LT_NETWORK` (2) the LT network; it pays that network's tariff for ``heat_gj``.
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
    quantities = _network_quantities(
        gas_m3, elec_import_kwh, elec_export_kwh, heat_gj, has_gas_connection, on_heat_network
    )
    yi = _year_slice(tariffs, year_index)
    return _annual_cost(
        end_user_unit_prices(tariffs),
        tariffs.net_metering,
        quantities,
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
    quantities = _network_quantities(
        gas_m3, elec_import_kwh, elec_export_kwh, heat_gj, has_gas_connection, on_heat_network
    )
    yi = _year_slice(tariffs, year_index)
    return _annual_cost(
        resource_unit_costs(tariffs),
        tariffs.net_metering,
        quantities,
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
    incl. VAT), ``feed_in`` (negative), ``heat_fixed``, ``heat_variable`` (incl. VAT, the
    dwelling's network's tariff) and
    ``total``; ``total`` equals :func:`annual_bill_eur` for that year.
    """
    quantities = _network_quantities(
        gas_m3, elec_import_kwh, elec_export_kwh, heat_gj, has_gas_connection, on_heat_network
    )
    y = _year_slice(tariffs, year_index)
    t = tariffs
    gas, imp_kwh = quantities.gas_m3, quantities.elec_import_kwh
    netted_kwh = (
        np.minimum(imp_kwh, quantities.elec_export_kwh)
        if bool(t.net_metering[y])
        else np.zeros_like(imp_kwh)
    )
    billed_kwh = imp_kwh - netted_kwh
    lines = {
        "gas_supply": gas * t.gas_supply_eur_m3[y],
        "gas_tax": gas * t.gas_tax_eur_m3[y],
        "gas_co2": gas * t.co2_price_eur_t[y] * t.gas_co2_kg_m3 / 1000.0,
        "gas_standing": quantities.has_gas_connection * t.gas_standing_eur[y],
        "elec_supply": billed_kwh * t.elec_supply_eur_kwh[y],
        "elec_tax": billed_kwh * t.elec_tax_eur_kwh[y],
        "elec_standing": np.full_like(gas, t.elec_standing_eur[y]),
    }
    lines["vat"] = t.vat[y] * sum(lines.values())
    lines["tax_credit"] = np.full_like(gas, -(1.0 + t.vat[y]) * t.tax_credit_eur[y])
    lines["feed_in"] = -(quantities.elec_export_kwh - netted_kwh) * t.feed_in_eur_kwh[y]
    on_lt = quantities.on_lt_network if quantities.on_lt_network is not None else False
    fixed = np.where(on_lt, t.heat_lt_fixed_eur[y], t.heat_fixed_eur[y])
    per_gj = np.where(on_lt, t.heat_lt_variable_eur_gj[y], t.heat_variable_eur_gj[y])
    lines["heat_fixed"] = quantities.on_heat_network * fixed
    lines["heat_variable"] = quantities.on_heat_network * quantities.heat_gj * per_gj
    lines["total"] = sum(lines.values())
    return lines

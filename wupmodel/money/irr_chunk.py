"""The IRR of every dwelling × option, chunk by chunk: the only part of the money layer that
builds yearly cash flows (dwellings × options × years), in sub-chunks that stay in cache."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from wupmodel._arrays import FloatArray
from wupmodel.money.bills import EnergyQuantities
from wupmodel.money.finance import irr
from wupmodel.money.kernel import ChunkContext, ChunkInputs, chunk_rows

#: Dwelling x option x year elements per IRR sub-chunk.
_IRR_CHUNK_ELEMENTS = 250_000


def _replacement_counts(lifetime: ArrayLike, horizon_years: int) -> tuple[FloatArray, FloatArray]:
    """Replacements paid at the end of each year 1..h and the residual share at h.

    A replacement at ``t = kL`` (``kL < h``) is paid at the end of year ``ceil(kL)`` (exact for
    whole-year lifetimes). Returns arrays of shape ``lifetime.shape + (h,)`` and
    ``lifetime.shape``.
    """
    life = np.asarray(lifetime, dtype=float)[..., None]
    t = np.arange(0, horizon_years + 1, dtype=float)  # the end of year t
    n_before = np.floor(t / life + 1e-9)  # k >= 1 with kL <= t: paid by the end of year t
    n_total = np.ceil(horizon_years / life - 1e-9) - 1.0  # k >= 1 with kL < h
    counts = np.diff(np.minimum(n_before, n_total), axis=-1)
    n_replacements = n_total[..., 0]
    life_years = life[..., 0]
    residual = (n_replacements * life_years + life_years - horizon_years) / life_years
    return counts, residual


def irr_unit_prices(
    unit_prices: dict[str, FloatArray], net_metering: NDArray, horizon_years: int
) -> dict:
    """Yearly end-user unit prices over the horizon, import/export split by net metering.

    The keys of ``unit_prices`` (each ``(h,)``), plus ``imp_x``/``exp_x`` (the years without
    net metering), ``imp_nm``/``exp_nm`` (the years with it) and ``with_nm`` (bool).
    """
    netting = net_metering[:horizon_years].astype(float)
    prices = {k: np.asarray(v[:horizon_years], dtype=float) for k, v in unit_prices.items()}
    prices["imp_x"] = (1.0 - netting) * prices["elec_import_eur_kwh"]
    prices["exp_x"] = (1.0 - netting) * prices["elec_export_eur_kwh"]
    prices["imp_nm"] = netting * prices["elec_import_eur_kwh"]
    prices["exp_nm"] = netting * prices["elec_export_eur_kwh"]
    prices["with_nm"] = bool(netting.any())
    return prices


def _flat2(a: NDArray, option_shape: tuple[int, ...]) -> NDArray:
    """``(rows, *option dims)`` -> ``(rows, n_options)`` (a copy where it broadcasts)."""
    return np.broadcast_to(a, (a.shape[0],) + option_shape).reshape(a.shape[0], -1)


def _metered(energy: EnergyQuantities, option_shape: tuple[int, ...]) -> EnergyQuantities:
    """The energy on one option axis, ``(rows, n_options)``, net of self-consumption (at most
    the yield and the demand)."""
    flat = energy.map(lambda a: _flat2(a, option_shape))
    if flat.self_consumed_kwh is None:
        return flat
    self_kwh = np.minimum(
        np.minimum(flat.self_consumed_kwh, flat.elec_export_kwh), flat.elec_import_kwh
    )
    return EnergyQuantities(
        gas_m3=flat.gas_m3,
        elec_import_kwh=flat.elec_import_kwh - self_kwh,
        elec_export_kwh=flat.elec_export_kwh - self_kwh,
        heat_gj=flat.heat_gj,
        has_gas_connection=flat.has_gas_connection,
        on_heat_network=flat.on_heat_network,
        on_lt_network=flat.on_lt_network,
    )


def _yearly_bills(energy: EnergyQuantities, prices: dict) -> FloatArray:
    """The bill of each dwelling x option in each year, ``(rows, n_options, h)``."""
    import_kwh, export_kwh = energy.elec_import_kwh, energy.elec_export_kwh
    cost = (
        energy.gas_m3 * prices["gas_eur_m3"]
        + energy.has_gas_connection * prices["gas_fixed_eur"]
        + prices["elec_fixed_eur"]
    )
    cost += import_kwh * prices["imp_x"]
    cost -= export_kwh * prices["exp_x"]
    if prices["with_nm"]:
        net_kwh = import_kwh - export_kwh
        billed_kwh = np.maximum(net_kwh, 0.0)
        cost += billed_kwh * prices["imp_nm"]
        cost -= (billed_kwh - net_kwh) * prices["exp_nm"]
    on_network, on_lt = energy.on_heat_network, energy.on_lt_network
    if on_network.any():
        cost += on_network * (prices["heat_fixed_eur"] + energy.heat_gj * prices["heat_eur_gj"])
    if on_lt is not None and on_lt.any():  # the LT tariff's difference from the MT tariff
        cost += on_lt * (
            prices["heat_lt_fixed_eur"]
            - prices["heat_fixed_eur"]
            + energy.heat_gj * (prices["heat_lt_eur_gj"] - prices["heat_eur_gj"])
        )
    return cost


def irr_chunk(
    out: FloatArray,
    inputs: ChunkInputs,
    extra_investment_eur: NDArray,
    ctx: ChunkContext,
    prices: dict,
) -> None:
    """IRR of the owner's own-money cash-flow difference vs the reference, into ``out``.

    Cash flows of an option vs its reference: ``-extra net investment`` at ``t = 0``; in years
    ``1..h`` the reference's bill + O&M + replacements minus the option's; at ``h`` also the
    option's residual value minus the reference's. Works in sub-chunks of dwellings; ``prices``
    from :func:`irr_unit_prices`.
    """
    horizon, option_shape = ctx.horizon_years, ctx.option_shape
    n_rows, n_options = out.shape
    energy = _metered(inputs.energy, option_shape)
    extra_eur = extra_investment_eur.reshape(n_rows, n_options)
    components = [
        (
            _flat2(c.capex_eur, option_shape),
            _flat2(c.om_share, option_shape),
            _replacement_counts(_flat2(c.lifetime_years, option_shape), horizon),
        )
        for c in inputs.components
    ]
    reference = inputs.dwellings.reference_index
    step = max(1, _IRR_CHUNK_ELEMENTS // (n_options * (horizon + 1)))
    for start in range(0, n_rows, step):
        rows = slice(start, min(start + step, n_rows))
        full = (rows.stop - rows.start, n_options)

        def part(a: NDArray, rows: slice = rows, full: tuple[int, int] = full) -> NDArray:
            return np.broadcast_to(chunk_rows(a, rows), full)

        cost = _yearly_bills(energy.map(lambda a, part=part: part(a)[..., None]), prices)
        for capex, om_share, (counts, residual) in components:
            capex_eur = part(capex)
            count = counts if counts.shape[0] == 1 else counts[rows]
            cost += capex_eur[..., None] * (part(om_share)[..., None] + count)
            resid = residual if np.ndim(residual) == 0 or residual.shape[0] == 1 else residual[rows]
            cost[..., -1] -= capex_eur * resid
        flows = np.empty(full + (horizon + 1,))
        flows[..., 0] = -extra_eur[rows]
        at_reference = cost[np.arange(full[0]), reference[rows]][:, None, :]
        np.subtract(at_reference, cost, out=flows[..., 1:])
        result = np.asarray(irr(flows), dtype=float)
        result[inputs.dwellings.is_tenant[rows]] = np.nan
        out[rows] = result

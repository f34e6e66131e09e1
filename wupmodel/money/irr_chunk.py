"""The IRR of every dwelling × option, chunk by chunk: the only part of the money layer that
builds yearly cash flows (dwellings × options × years), in sub-chunks that stay in cache."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from wupmodel._arrays import FloatArray
from wupmodel.money.finance import (
    irr,
)
from wupmodel.money.kernel import ChunkContext, ChunkInputs, _rows

#: Dwelling x option x year elements per IRR sub-chunk.
_IRR_CHUNK_ELEMENTS = 250_000


def _replacement_counts(lifetime: ArrayLike, h: int) -> tuple[FloatArray, FloatArray]:
    """Replacements paid at the end of each year 1..h and the residual share at h.

    A replacement at ``t = kL`` (``kL < h``) is paid at the end of year ``ceil(kL)`` (exact for
    whole-year lifetimes). Returns arrays of shape ``lifetime.shape + (h,)`` and
    ``lifetime.shape``.
    """
    life = np.asarray(lifetime, dtype=float)[..., None]
    t = np.arange(0, h + 1, dtype=float)
    n_before = np.floor(t / life + 1e-9)  # k >= 1 with kL <= t: paid by the end of year t
    n_total = np.ceil(h / life - 1e-9) - 1.0  # k >= 1 with kL < h
    counts = np.diff(np.minimum(n_before, n_total), axis=-1)
    m = n_total[..., 0]
    life0 = life[..., 0]
    residual = (m * life0 + life0 - h) / life0
    return counts, residual


def _irr_units(eu: dict[str, FloatArray], nm: NDArray, h: int) -> dict:
    """Yearly end-user unit prices over the horizon, import/export split by net metering."""
    nmf = nm[:h].astype(float)
    u = {k: np.asarray(v[:h], dtype=float) for k, v in eu.items()}
    u["imp_x"] = (1.0 - nmf) * u["elec_import_eur_kwh"]
    u["exp_x"] = (1.0 - nmf) * u["elec_export_eur_kwh"]
    u["imp_nm"] = nmf * u["elec_import_eur_kwh"]
    u["exp_nm"] = nmf * u["elec_export_eur_kwh"]
    u["with_nm"] = bool(nmf.any())
    return u


def _flat2(a: NDArray, opt: tuple[int, ...]) -> NDArray:
    """``(rows, *option dims)`` -> ``(rows, n_options)`` (a copy where it broadcasts)."""
    return np.broadcast_to(a, (a.shape[0],) + opt).reshape(a.shape[0], -1)


def _irr_chunk(
    out: FloatArray,
    *,
    inputs: ChunkInputs,
    reference_index: NDArray[np.intp],
    is_tenant: NDArray[np.bool_],
    extra_investment_eur: NDArray,
    ctx: ChunkContext,
    rows: slice,
    prices: dict,
) -> None:
    """IRR of the owner's own-money cash-flow difference vs the reference, into ``out``.

    Cash flows of an option vs its reference: ``-extra net investment`` at ``t = 0``; in years
    ``1..h`` the reference's bill + O&M + replacements minus the option's; at ``h`` also the
    option's residual value minus the reference's. Works in sub-chunks of dwellings.
    """
    g, ref, tenant, extra_inv, sl, u = (
        inputs,
        reference_index,
        is_tenant,
        extra_investment_eur,
        rows,
        prices,
    )
    h, opt = ctx.horizon_years, ctx.option_shape
    n, n_opt = out.shape
    g2 = {
        name: _flat2(getattr(g, attr), opt)
        for name, attr in (
            ("gas", "gas_m3"),
            ("has_gas", "has_gas"),
            ("on_hn", "on_heat_network"),
            ("gj", "heat_gj"),
        )
    }
    g2["imp"], g2["exp"] = _flat2(g.import_kwh, opt), _flat2(g.export_kwh, opt)
    if (
        g.self_consumed_kwh is not None
    ):  # net import and export (self-consumption at most the yield and the demand)
        self2 = np.minimum(np.minimum(_flat2(g.self_consumed_kwh, opt), g2["exp"]), g2["imp"])
        g2["imp"], g2["exp"] = g2["imp"] - self2, g2["exp"] - self2
    extra2 = extra_inv.reshape(n, n_opt)
    terms = [
        (
            _flat2(_rows(c.capex_eur, sl), opt),
            _flat2(_rows(c.om_share, sl), opt),
            _flat2(_rows(c.lifetime_years, sl), opt),
        )
        for c in ctx.components
    ]
    step = max(1, _IRR_CHUNK_ELEMENTS // (n_opt * (h + 1)))
    counts_res = [_replacement_counts(life, h) for _cx, _om, life in terms]
    for a in range(0, n, step):
        sub = slice(a, min(a + step, n))
        m = sub.stop - sub.start
        full = (m, n_opt)

        def q(name: str, sub: slice = sub, full: tuple[int, int] = full) -> NDArray:
            return np.broadcast_to(_rows(g2[name], sub), full)[..., None]

        gas, imp, exp = q("gas"), q("imp"), q("exp")
        cost = gas * u["gas_eur_m3"] + q("has_gas") * u["gas_fixed_eur"] + u["elec_fixed_eur"]
        cost += imp * u["imp_x"]
        cost -= exp * u["exp_x"]
        if u["with_nm"]:
            diff = imp - exp
            billed = np.maximum(diff, 0.0)
            cost += billed * u["imp_nm"]
            cost -= (billed - diff) * u["exp_nm"]
        on_hn = q("on_hn")
        if on_hn.any():
            cost += on_hn * (u["heat_fixed_eur"] + q("gj") * u["heat_eur_gj"])
        for (capex2, om2, _life), (counts, resid) in zip(terms, counts_res, strict=True):
            cx = np.broadcast_to(_rows(capex2, sub), full)
            cnt = counts if counts.shape[0] == 1 else counts[sub]
            cost += cx[..., None] * (np.broadcast_to(_rows(om2, sub), full)[..., None] + cnt)
            res = resid if np.ndim(resid) == 0 or resid.shape[0] == 1 else resid[sub]
            cost[..., -1] -= cx * res
        rows = np.arange(m)
        flows = np.empty(full + (h + 1,))
        flows[..., 0] = -extra2[sub]
        np.subtract(cost[rows, ref[sub]][:, None, :], cost, out=flows[..., 1:])
        result = np.asarray(irr(flows), dtype=float)
        result[tenant[sub]] = np.nan
        out[sub] = result

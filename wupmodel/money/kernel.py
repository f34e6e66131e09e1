"""The chunk engine of the money layer: sums of small terms, the reducer for village totals,
and the IRR per chunk.

Used by :func:`wupmodel.money.costs.money_outcomes`; see its module docstring for the
conventions (timing, perspectives) and the performance notes.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike, NDArray

from wupmodel._arrays import FloatArray
from wupmodel.errors import WupInputError
from wupmodel.money.finance import (
    capital_recovery_factor,
    irr,
    present_value_factor,
)
from wupmodel.money.settings import FinanceSettings
from wupmodel.money.subsidies import warmtefonds_terms
from wupmodel.params import Params


# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------
def _flat(a: ArrayLike, lead: tuple[int, ...], k: int = 1) -> NDArray:
    """View ``(rows, *option_dims)`` of an array broadcastable to ``lead + option_shape``.

    ``rows`` is 1 (same for every dwelling) or the number of dwellings; each of the ``k``
    option dims is 1 or full. Broadcast inputs are not materialised.
    """
    a = np.asarray(a)
    nd = len(lead) + k
    if a.ndim < nd:
        a = a.reshape((1,) * (nd - a.ndim) + a.shape)
    head, opt = a.shape[: a.ndim - k], a.shape[a.ndim - k :]
    if all(d == 1 for d in head):
        return a.reshape((1,) + opt)
    if head == lead:
        return a.reshape((-1,) + opt)
    return np.broadcast_to(a, lead + opt).reshape((-1,) + opt)


def _rows(a: NDArray, sl: slice) -> NDArray:
    return a if a.shape[0] == 1 else a[sl]


def _dwelling_flat(a: ArrayLike, lead: tuple[int, ...], dtype) -> NDArray:
    """1-D array of per-dwelling values, broadcast to the leading axes and flattened."""
    return np.broadcast_to(np.asarray(a, dtype=dtype), lead).reshape(-1)


class _Scratch:
    """Reusable work arrays by shape (the same few shapes recur in every chunk)."""

    def __init__(self) -> None:
        self._free: dict[tuple[int, ...], list[NDArray]] = {}
        self._taken: list[NDArray] = []

    def get(self, shape: tuple[int, ...]) -> NDArray:
        free = self._free.setdefault(shape, [])
        a = free.pop() if free else np.empty(shape)
        self._taken.append(a)
        return a

    def release(self) -> None:
        for a in self._taken:
            self._free[a.shape].append(a)
        self._taken.clear()


def _lincomb(terms: list[tuple], out: NDArray, tmp: NDArray, scratch: _Scratch | None = None) -> NDArray:
    """``out[...] = sum(coef * array)`` over broadcastable terms, small arrays first.

    Most money figures are linear combinations of arrays that depend on only some of the option
    axes (gas on the combination of insulation, heating and solar thermal; PV yield on PV
    alone). Products of the same shape are summed at that shape and the partial sums merged
    pairwise, smallest result first, so that only the last step touches the full-size
    ``out``. Full-size terms are added at the end through ``tmp``. A term ``(coef, array,
    slice)`` adds to ``out[:, slice]`` only (a block of the first option axis).
    """
    scratch = scratch or _Scratch()
    small: dict[tuple[int, ...], NDArray] = {}
    owned: set[int] = set()  # ids of the partial sums that are scratch arrays (may be added to)
    big = []
    sliced = [t for t in terms if len(t) == 3]
    for coef, a in (t for t in terms if len(t) == 2):
        if a.shape == out.shape:
            big.append((coef, a))
            continue
        shape = np.broadcast_shapes(a.shape, np.shape(coef))
        if shape == out.shape:
            big.append((coef, a))
            continue
        if np.ndim(coef) == 0 and coef == 1.0 and a.dtype == float:
            p = a
        else:
            p = np.multiply(a, coef, out=scratch.get(shape))
            owned.add(id(p))
        if shape not in small:
            small[shape] = p
        elif id(small[shape]) in owned:
            small[shape] += p
        else:
            small[shape] = np.add(small[shape], p, out=scratch.get(shape))
            owned.add(id(small[shape]))
    parts = list(small.values())

    def joined(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[int, ...]:
        return tuple(max(x, y) for x, y in zip(a, b, strict=True))  # dims are 1 or full

    while len(parts) > 2 or (len(parts) == 2 and joined(parts[0].shape, parts[1].shape) != out.shape):
        i, j = min(
            ((i, j) for i in range(len(parts)) for j in range(i + 1, len(parts))),
            key=lambda ij: math.prod(joined(parts[ij[0]].shape, parts[ij[1]].shape)),
        )
        merged = np.add(parts[i], parts[j], out=scratch.get(joined(parts[i].shape, parts[j].shape)))
        parts = [p for m, p in enumerate(parts) if m not in (i, j)] + [merged]
    if len(parts) == 2:
        np.add(parts[0], parts[1], out=out)
    elif parts:
        np.copyto(out, parts[0])
    elif big:
        coef, a = big.pop(0)
        np.multiply(a, coef, out=out)
    else:
        out.fill(0.0)
    for coef, a in big:
        if np.ndim(coef) == 0 and coef == 1.0:
            out += a
        else:
            np.multiply(a, coef, out=tmp)
            out += tmp
    for coef, a, sl in sliced:
        part, work = out[:, sl], tmp[:, sl]
        np.multiply(a, coef, out=work)
        part += work
    scratch.release()
    return out


def _at_reference(a: NDArray, rows: NDArray, ref: NDArray, col: tuple[int, ...]) -> NDArray:
    """Value of each row's reference cell of a full-size ``(n, *option_shape)`` array, shape ``col``."""
    return a.reshape(rows.size, -1)[rows, ref].reshape(col)


def _at_reference_small(a: NDArray, rows: NDArray, ref_cell: tuple[NDArray, ...]) -> NDArray:
    """Value at each row's reference cell of an array broadcastable over the option axes, (n,)."""
    idx = [rows if a.shape[0] > 1 else 0]
    idx += [cell if a.shape[1 + i] > 1 else 0 for i, cell in enumerate(ref_cell)]
    return np.broadcast_to(a[tuple(idx)], rows.shape)


def _weights(units: dict[str, FloatArray], w: FloatArray, nm: NDArray[np.bool_], h: int) -> dict[str, float]:
    """Weighted sums of the unit prices over the first ``h`` years, import/export split by NM."""
    w = np.asarray(w, dtype=float)
    nmf = nm[:h].astype(float)
    out = {k: float(np.dot(w, v[:h])) for k, v in units.items()}
    for k in ("elec_import_eur_kwh", "elec_export_eur_kwh"):
        out[k + "_nm"] = float(np.dot(w * nmf, units[k][:h]))
        out[k] = float(np.dot(w * (1.0 - nmf), units[k][:h]))
    return out


def _payback_into(inv: NDArray, sav: NDArray, out: NDArray, b1: NDArray, b2: NDArray) -> None:
    """:func:`wupmodel.finance.simple_payback` written into ``out`` with bool work buffers.

    ``max(inv, 0) / sav`` where there are savings (0 when nothing extra is invested); without
    savings ``inf`` if there is an extra investment, else NaN.
    """
    np.maximum(inv, 0.0, out=out)
    with np.errstate(divide="ignore", invalid="ignore"):
        np.divide(out, sav, out=out)
    np.less_equal(sav, 0.0, out=b1)  # no savings
    if b1.any():
        np.copyto(out, np.nan, where=b1)
        np.greater(inv, 0.0, out=b2)
        np.logical_and(b1, b2, out=b2)
        np.copyto(out, np.inf, where=b2)


#: Dwelling x option x year elements per IRR sub-chunk.
_IRR_CHUNK_ELEMENTS = 250_000
_FLOAT_BUFFERS = ("tmp", "billed", "self", "extra_inv", "rent_y", "cost1", "sav", "inv", "p_long", "p_short")


def _loan_constants(params: Params, s: FinanceSettings, h: int, rh: float) -> dict:
    """Warmtefonds rules as scalars: payment per euro by (income class, term class), etc."""
    terms = warmtefonds_terms(params)
    term = float(s.loan_term_years)
    if term not in terms:
        raise WupInputError(
            f"loan_term_years {s.loan_term_years!r} is not a Warmtefonds term "
            f"({', '.join(f'{t:g}' for t in terms)})"
        )
    short = terms[-2] if term == terms[-1] else term
    r_hi = params["finance.warmtefonds_rate"]

    def per_eur(rate: float, years: float) -> float:  # 12 monthly annuity payments per euro
        monthly = float(np.expm1(np.log1p(rate) / 12.0))
        return 12.0 * float(capital_recovery_factor(monthly, 12.0 * years))

    key_max = "finance.warmtefonds_max_large_eur" if s.warmtefonds_large_package else "finance.warmtefonds_max_eur"
    return {
        "lo": params["finance.warmtefonds_min_eur"],
        "hi": params[key_max],
        # loans below long_min fall back to the shorter term (only when the longest is chosen)
        "long_min": params["finance.warmtefonds_long_term_min_eur"] if term == terms[-1] else 0.0,
        "limit": params["finance.warmtefonds_income_limit_eur"],
        "rate": r_hi,
        "pay": {(0, 0): per_eur(0.0, term), (0, 1): per_eur(0.0, short),
                (1, 0): per_eur(r_hi, term), (1, 1): per_eur(r_hi, short)},
        "years": (min(term, h), min(short, h)),
        "pvf": (float(present_value_factor(rh, term)), float(present_value_factor(rh, short))),
    }


class _Reducer:
    """Weighted sums over the dwellings of one chunk, per option, of sums of terms.

    ``w @ sum(coef * array)`` is computed term by term without forming the sum; the weighted
    sum of each array (and each array's value at the reference option) is computed once per
    chunk and reused by every output that contains it (the same gas use enters the bill, the
    life-cycle cost and the national cost with different prices).
    """

    def __init__(self, w: NDArray, rows: NDArray, ref: NDArray, ref_cell: tuple, full: tuple[int, ...]) -> None:
        self.w, self.rows, self.ref, self.ref_cell, self.full = w, rows, ref, ref_cell, full
        self.opt = full[1:]
        # one reference option for every dwelling (the usual case): plain slices, no gathers
        self.one_ref = tuple(int(cell[0]) for cell in ref_cell) if ref.size and ref.min() == ref.max() else None
        self._sums: dict[tuple[int, int], tuple] = {}
        self._products: dict[tuple[int, int], tuple] = {}
        self._lists: dict[tuple[str, int], tuple] = {}  # keep each list alive: its id is the key
        self._refs: dict[int, tuple] = {}

    def _sum(self, a: NDArray, col: NDArray | None) -> NDArray:
        """``(w * col) @ a`` over the dwellings, shaped like ``a`` without its first axis."""
        key = (id(a), id(col))
        if key not in self._sums:
            ww = self.w if col is None else self.w * col.reshape(-1)
            if a.shape[0] > 1:
                t = (ww @ a.reshape(a.shape[0], -1)).reshape(a.shape[1:])
            else:
                t = a.reshape(a.shape[1:]) * ww.sum()
            self._sums[key] = (t, a, col)  # keep a and col alive: their ids are the key
        return self._sums[key][0]

    def totals(self, terms: list[tuple]) -> FloatArray:
        """``w @ sum(coef * array)`` per option, (n_options,) (cached per list of terms)."""
        key = ("totals", id(terms))
        if key not in self._lists:
            self._lists[key] = (self._totals(terms), terms)
        return self._lists[key][0]

    def _totals(self, terms: list[tuple]) -> FloatArray:
        total = np.zeros(self.opt)
        for term in terms:
            coef, a = term[0], term[1]
            part = total if len(term) == 2 else total[term[2]]  # a block of the first option axis
            c = coef if isinstance(coef, np.ndarray) else np.asarray(coef, dtype=float)
            if c.ndim == 0 or c.shape[0] == 1:  # the same for every dwelling: sum(w c a) = c sum(w a)
                part += c.reshape(c.shape[1:] if c.ndim else ()) * self._sum(a, None)
            elif all(d == 1 for d in c.shape[1:]):  # per dwelling: joins the weights
                part += self._sum(a, c)
            else:  # per dwelling and option: multiply into the (small) array first
                key = (id(a), id(c))
                if key not in self._products:
                    self._products[key] = (self._sum(a * c, None), a, c)
                part += self._products[key][0]
        return total.ravel()

    def _at_ref(self, a: NDArray) -> NDArray:
        """Each dwelling's value of ``a`` at its reference option, (n,) (or a scalar)."""
        key = id(a)
        if key not in self._refs:
            original, a = a, np.asarray(a)
            a = a.reshape(a.shape + (1,) * (len(self.full) - a.ndim))
            if self.one_ref is not None:
                value = a[(slice(None),) + tuple(i if d > 1 else 0 for i, d in zip(self.one_ref, a.shape[1:], strict=True))]
            elif a.shape == self.full:
                value = _at_reference(a, self.rows, self.ref, (self.rows.size,) + (1,) * len(self.opt)).reshape(-1)
            else:
                value = _at_reference_small(a, self.rows, self.ref_cell)
            self._refs[key] = (value, original)  # keep the array alive: its id is the key
        return self._refs[key][0]

    def at_reference(self, terms: list[tuple]) -> float:
        """``w @`` each dwelling's value of ``sum(coef * array)`` at its reference option (cached)."""
        key = ("at_reference", id(terms))
        if key not in self._lists:
            self._lists[key] = (self._at_reference(terms), terms)
        return self._lists[key][0]

    def _at_reference(self, terms: list[tuple]) -> float:
        value = np.zeros(self.rows.size)
        for term in terms:
            coef, a = term[0], term[1]
            c = coef if np.ndim(coef) == 0 else self._at_ref(coef)
            if len(term) == 2:
                value += c * self._at_ref(a)
                continue
            sl = term[2]  # the term covers a block of the first option axis only
            if self.one_ref is not None:
                r0 = self.one_ref[0]
                if sl.start <= r0 < sl.stop:
                    local = (r0 - sl.start,) + self.one_ref[1:]
                    index = tuple(i if d > 1 else 0 for i, d in zip(local, a.shape[1:], strict=True))
                    value += c * a[(slice(None),) + index]
                continue
            first = self.ref_cell[0]
            inside = (first >= sl.start) & (first < sl.stop)
            if not inside.any():
                continue
            local = (np.clip(first - sl.start, 0, sl.stop - sl.start - 1),) + tuple(self.ref_cell[1:])
            a_ref = _at_reference_small(a, self.rows, tuple(i if d > 1 else 0 for i, d in zip(local, a.shape[1:], strict=True)))
            value += np.where(inside, c * a_ref, 0.0)
        return float(self.w @ value)


def _money_chunk(ctx, sl, g, ref, tenant, removal, o, b, bb, acc=None) -> None:
    """The outputs for the dwellings in ``sl``, into ``o`` (or their totals into ``acc``).

    Every output is a sum of terms ``coef x array`` (:func:`_lincomb`): mostly small arrays,
    plus a few full-size ones (self-consumption, the net-metered kWh, the loan, the rent).
    Store mode (``acc`` None) writes each output into ``o``; reduce mode adds ``weights @
    output`` to ``acc`` and forms only the arrays that a nonlinear step needs (the net
    investment for the loan, the first-year costs for the payback).
    """
    n = ref.size
    full = (n,) + ctx["opt"]
    col = (n,) + (1,) * ctx["k"]  # per-dwelling values, broadcast over the options
    rows = np.arange(n)
    ref_cell = np.unravel_index(ref, ctx["opt"])
    tmp = b["tmp"]
    need = ctx["need"]
    h = ctx["h"]
    w = None if acc is None else ctx["weights"][sl]
    red = None if acc is None else _Reducer(w, rows, ref, ref_cell, full)
    gas, imp, exp, hg, hn = g["gas"], g["imp"], g["exp"], g["has_gas"], g["on_hn"]
    selfc = g.get("self")
    blocks = ctx["blocks"]
    act = None if blocks is None else blocks[0]

    def block(a: NDArray, sl: slice) -> NDArray:
        return a if a.shape[1] == 1 else a[:, sl]

    if selfc is not None:  # at most the demand and the PV yield of each option
        if act is None:
            selfc = np.minimum(np.minimum(selfc, imp), exp, out=b["self"])
        else:  # 0 where nothing is exported
            selfc = np.minimum(np.minimum(block(selfc, act), block(imp, act)), exp[:, act], out=b["self_block"])
    heat = bool(hn.any())
    gjhn = g["gj"] * hn if heat else None
    use_nm = ctx["with_nm"]
    billed = None
    if use_nm:  # net-metered kWh: import minus export, not below zero (self-consumption cancels)
        if act is None:
            billed = np.subtract(imp, exp, out=b["billed"])
        else:  # equal to the import where nothing is exported
            billed = np.subtract(block(imp, act), exp[:, act], out=b["billed_block"])
        np.maximum(billed, 0.0, out=billed)
    forms = ctx["forms"]

    def energy(wt: dict[str, float], nm: bool, scale: float = 1.0) -> list[tuple]:
        """Terms of ``scale x`` the bill weighted by ``wt`` (see :func:`_weights`).

        Net metering: ``w_i billed - w_e surplus`` with ``surplus = billed - (imp - exp)``, so
        only ``billed`` is nonlinear and the rest joins the import/export coefficients.
        """
        wi, we = wt["elec_import_eur_kwh"], wt["elec_export_eur_kwh"]
        a_imp, a_exp = wi, we
        if nm:
            a_imp, a_exp = wi + wt["elec_export_eur_kwh_nm"], we + wt["elec_export_eur_kwh_nm"]
        t = [(scale * wt["gas_eur_m3"], gas), (scale * wt["gas_fixed_eur"], hg), (scale * a_imp, imp),
             (-scale * a_exp, exp), (scale * wt["elec_fixed_eur"], ctx["one"])]
        if heat:
            t += [(scale * wt["heat_fixed_eur"], hn), (scale * wt["heat_eur_gj"], gjhn)]
        if selfc is not None:
            t.append((-scale * (wi - we), selfc) if act is None else (-scale * (wi - we), selfc, act))
        if nm:
            cb = scale * (wt["elec_import_eur_kwh_nm"] - wt["elec_export_eur_kwh_nm"])
            if act is None:
                t.append((cb, billed))
            else:
                t.append((cb, billed, act))
                t += [(cb, block(imp, sl), sl) for sl in blocks[1]]
        return t

    def reduce(name: str, arr: NDArray) -> None:
        """Reduce mode: add the totals of an output that had to be formed anyway."""
        if w is not None and name in acc:
            acc[name] += w @ arr.reshape(n, -1)

    def produce(name: str, terms: list[tuple], keep: bool = False) -> NDArray | None:
        """Store mode or ``keep``: the output array (into ``o[name]``); else only its totals."""
        if w is None or keep:
            arr = _lincomb(terms, o[name], tmp, ctx["scratch"])
            reduce(name, arr)
            return arr
        if name in acc:
            acc[name] += red.totals(terms)
        return None

    def versus_reference(name: str, base: str, terms: list[tuple], scale: float = 1.0) -> None:
        """``scale x (output - its value at the dwelling's reference)`` (``base`` as computed)."""
        if w is not None:
            if name in acc:
                acc[name] += scale * (red.totals(terms) - red.at_reference(terms))
        elif o[name] is not None:
            np.subtract(o[base], _at_reference(o[base], rows, ref, col), out=o[name])
            if scale != 1.0:
                o[name] *= scale

    comps = [{key: _rows(v, sl) for key, v in c.items()} for c in ctx["comps"]]
    any_tenant = ctx["any_tenant"]
    subsidy = g["subsidy"]
    own = (~tenant).reshape(col).astype(float) if any_tenant else 1.0
    ten = tenant.reshape(col) if any_tenant else None
    payback = "simple_payback_years" in need

    # ---- investment ----
    net_inv = produce("net_investment_eur", [(1.0, c["cx"]) for c in comps] + [(-1.0, subsidy)], keep=True)
    extra_inv = None
    if any_tenant or ctx["irr"] or payback:
        extra_inv = b["extra_inv"]
        np.subtract(net_inv, _at_reference(net_inv, rows, ref, col), out=extra_inv)

    # ---- Warmtefonds loan: full-size terms P x (coefficient per dwelling) ----
    loan = ctx["loan"]
    loan_lcc, loan_avg, month = [], [], []
    if loan is not None:
        principal = o["loan_principal_eur"]
        np.clip(net_inv, 0.0, loan["hi"], out=principal)
        np.greater_equal(principal, loan["lo"], out=bb["b1"])
        if any_tenant:
            np.logical_and(bb["b1"], ~ten, out=bb["b1"])
        np.multiply(principal, bb["b1"], out=principal)
        reduce("loan_principal_eur", principal)
        low = loan["low"][sl]
        pay = loan["pay"]
        parts = [(principal, 0)]
        if loan["long_min"] > 0:  # loans below long_min run over the shorter term
            p_long, p_short = b["p_long"], b["p_short"]
            np.greater_equal(principal, loan["long_min"], out=bb["b2"])
            np.multiply(principal, bb["b2"], out=p_long)
            np.subtract(principal, p_long, out=p_short)
            parts = [(p_long, 0), (p_short, 1)]
        for p, term in parts:
            per_eur = np.where(low, pay[(0, term)], pay[(1, term)]).reshape(col)  # EUR/yr per EUR
            month.append((per_eur / 12.0, p))
            loan_lcc.append((per_eur * loan["pvf"][term] - 1.0, p))
            loan_avg.append((per_eur * loan["years"][term] / (12.0 * h), p))
        produce("loan_payment_eur_per_month", month)

    # ---- tenants: the landlord invests, the tenant pays a capped rent increase ----
    rent_lcc, rent_month = [], []
    if any_tenant:
        rent_y = b["rent_y"]
        np.maximum(extra_inv, 0.0, out=rent_y)
        rent_y *= ctx["crf_l"]
        np.minimum(rent_y, ctx["rent_cap_year"], out=rent_y)
        rent_y *= ten
        rent_month.append((1.0 / 12.0, rent_y))
        rent_lcc.append((ctx["pvf_h"], rent_y))
        produce("rent_increase_eur_per_month", rent_month)
        landlord = ctx["crf_l"] * ten
        produce("landlord_annual_cost_eur",
                [(c["fl"] * landlord, c["cx"]) for c in comps] + [(-landlord, subsidy), (-1.0, rent_y)])

    # ---- own money: the part of the net investment an owner pays without a loan, as a
    # monthly annuity at the household rate over the horizon (crf_h / 12 per euro) ----
    own_month = [(ctx["crf_h"] / 12.0 * own, net_inv)]
    if loan is not None:
        own_month.append((-ctx["crf_h"] / 12.0, o["loan_principal_eur"]))
    produce("own_capital_eur_per_month", own_month)

    # ---- end-user life-cycle cost, bills and woonlasten ----
    capital = [(c["fh"] * own if any_tenant else c["fh"], c["cx"]) for c in comps] + [(-own, subsidy)]
    lcc_terms = energy(forms["pv"], use_nm) + capital + loan_lcc + rent_lcc
    if "lcc_end_user_eur" in need or ctx["irr"]:
        produce("lcc_end_user_eur", lcc_terms)
    bill_terms = energy(forms["y1"], use_nm)
    produce("bill_year1_eur", bill_terms)
    # woonlasten = bill + loan repayment + own money's monthly equivalent + rent increase
    m1_terms = [(t[0] / 12.0,) + tuple(t[1:]) for t in bill_terms] + month + own_month + rent_month
    produce("monthly_cost_year1_eur", m1_terms)
    if "monthly_cost_avg_eur" in need:
        produce("monthly_cost_avg_eur",
                energy(forms["sum"], use_nm, 1.0 / (12.0 * h)) + loan_avg + own_month + rent_month)

    # ---- simple payback: extra net investment / first-year savings (bill + O&M or rent) ----
    if payback:
        cost1 = _lincomb(bill_terms + [(c["om"] * own, c["cx"]) for c in comps]
                         + ([(1.0, rent_y)] if any_tenant else []), b["cost1"], tmp, ctx["scratch"])
        sav = b["sav"]
        np.subtract(_at_reference(cost1, rows, ref, col), cost1, out=sav)
        inv = extra_inv
        if any_tenant:  # tenants invest nothing
            inv = np.multiply(extra_inv, own, out=b["inv"])
        _payback_into(inv, sav, o["simple_payback_years"], bb["b1"], bb["b2"])
        reduce("simple_payback_years", o["simple_payback_years"])

    # ---- national: no taxes or subsidies, social rate, gas-connection removal ----
    nat_terms = []
    if "national_annual_cost_eur" in need:
        crf_s = ctx["crf_s"]
        removal_col = (crf_s * removal * _at_reference_small(hg, rows, ref_cell)).reshape(col)
        nat_terms = energy(forms["nat"], False, crf_s)
        nat_terms += [(c["fs"] * crf_s, c["cx"]) for c in comps]
        nat_terms += [(_rows(c["fs"], sl) * crf_s, _rows(c["cx"], sl)) for c in ctx["ncomps"]]
        nat_terms.append((removal_col, ~hg))  # the option has no gas connection, the reference has
        if ctx["co2_price"] > 0:
            nat_terms.append((ctx["co2_price"] / 1000.0 * ctx["pvf_s"] * crf_s, g["co2"]))
        produce("national_annual_cost_eur", nat_terms)

    # ---- derived outputs asked for ----
    crf_h = ctx["crf_h"]
    if w is None:
        if o["npv_end_user_eur"] is not None:
            lcc = o["lcc_end_user_eur"]
            np.subtract(_at_reference(lcc, rows, ref, col), lcc, out=o["npv_end_user_eur"])
        if o["end_user_annual_cost_eur"] is not None:
            np.multiply(o["lcc_end_user_eur"], crf_h, out=o["end_user_annual_cost_eur"])
        if o["subsidy_eur"] is not None:
            np.copyto(o["subsidy_eur"], subsidy)
    else:
        if "end_user_annual_cost_eur" in acc:
            acc["end_user_annual_cost_eur"] += crf_h * red.totals(lcc_terms)
        if "subsidy_eur" in acc:
            acc["subsidy_eur"] += red.totals([(1.0, subsidy)])
    versus_reference("npv_end_user_eur", "lcc_end_user_eur", lcc_terms, -1.0)
    versus_reference("end_user_extra_cost_eur_per_yr", "lcc_end_user_eur", lcc_terms, crf_h)
    versus_reference("monthly_cost_change_eur", "monthly_cost_year1_eur", m1_terms)
    versus_reference("national_extra_cost_eur_per_yr", "national_annual_cost_eur", nat_terms)


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


def _irr_chunk(out, g, ref, tenant, extra_inv, ctx, sl, u) -> None:
    """IRR of the owner's own-money cash-flow difference vs the reference, into ``out``.

    Cash flows of an option vs its reference: ``-extra net investment`` at ``t = 0``; in years
    ``1..h`` the reference's bill + O&M + replacements minus the option's; at ``h`` also the
    option's residual value minus the reference's. Works in sub-chunks of dwellings.
    """
    h, opt = ctx["h"], ctx["opt"]
    n, n_opt = out.shape
    g2 = {name: _flat2(g[name], opt) for name in ("gas", "has_gas", "on_hn", "gj")}
    g2["imp"], g2["exp"] = _flat2(g["imp"], opt), _flat2(g["exp"], opt)
    if "self" in g:  # net import and export (self-consumption at most the yield and the demand)
        self2 = np.minimum(np.minimum(_flat2(g["self"], opt), g2["exp"]), g2["imp"])
        g2["imp"], g2["exp"] = g2["imp"] - self2, g2["exp"] - self2
    extra2 = extra_inv.reshape(n, n_opt)
    terms = [(_flat2(_rows(c["cx"], sl), opt), _flat2(_rows(c["om"], sl), opt), _flat2(_rows(c["life"], sl), opt))
             for c in ctx["comps"]]
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

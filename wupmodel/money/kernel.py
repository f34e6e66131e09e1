"""The chunk engine of the money layer: sums of small terms, the reducer for village totals,
and the IRR per chunk.

Used by :func:`wupmodel.money.costs.money_outcomes`; see its module docstring for the
conventions (timing, perspectives) and the performance notes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields

import numpy as np
from numpy.typing import ArrayLike, NDArray

from wupmodel._arrays import FloatArray
from wupmodel.errors import WupInputError
from wupmodel.money.finance import (
    capital_recovery_factor,
    present_value_factor,
)
from wupmodel.money.reduce import _at_reference, _at_reference_small, _Reducer
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


def _lincomb(
    terms: list[tuple], out: NDArray, tmp: NDArray, scratch: _Scratch | None = None
) -> NDArray:
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

    while len(parts) > 2 or (
        len(parts) == 2 and joined(parts[0].shape, parts[1].shape) != out.shape
    ):
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


@dataclass(frozen=True)
class ComponentTerms:
    """One investment component as ``(rows, *option dims)`` views, with its per-euro factors.

    ``pv_household``, ``pv_landlord`` and ``pv_national`` are the present value over the
    horizon of owning one euro of it (replacements, residual value, O&M) at the household,
    landlord and social rate; the national one excl. VAT.
    """

    capex_eur: NDArray
    om_share: NDArray
    pv_household: NDArray
    pv_landlord: NDArray
    pv_national: NDArray
    lifetime_years: NDArray

    def rows(self, sl: slice) -> ComponentTerms:
        """The component for the dwellings in ``sl`` (arrays the same for all dwellings stay)."""
        return ComponentTerms(*(_rows(getattr(self, f.name), sl) for f in fields(self)))


@dataclass(frozen=True)
class NationalComponentTerms:
    """A national-only investment (excl. VAT) and its present value per euro at the social rate."""

    capex_eur: NDArray
    pv_national: NDArray


@dataclass
class LoanTerms:
    """The Warmtefonds rules as scalars.

    ``payment_per_eur[(income_class, term_class)]`` is the yearly payment per euro borrowed
    (income class 0 = below the income limit, at 0 %; term class 0 = the chosen term, 1 = the
    shorter one that loans below ``long_term_min_eur`` get); ``years`` and ``pv_factor`` per
    term class; ``low_income`` per dwelling (set once the incomes are known).
    """

    min_eur: float
    max_eur: float
    long_term_min_eur: float
    income_limit_eur: float
    rate: float
    payment_per_eur: dict[tuple[int, int], float]
    years: tuple[float, float]
    pv_factor: tuple[float, float]
    low_income: NDArray[np.bool_] | None = None


@dataclass(frozen=True)
class ChunkInputs:
    """The quantities of the dwellings of a chunk, ``(rows, *option dims)`` (dims 1 or full)."""

    gas_m3: NDArray
    import_kwh: NDArray
    export_kwh: NDArray
    heat_gj: NDArray
    has_gas: NDArray
    on_heat_network: NDArray
    subsidy_eur: NDArray
    self_consumed_kwh: NDArray | None = None
    co2_kg: NDArray | None = None

    def rows(self, sl: slice) -> ChunkInputs:
        """The inputs of the dwellings in ``sl``."""
        return ChunkInputs(
            *(None if (v := getattr(self, f.name)) is None else _rows(v, sl) for f in fields(self))
        )


@dataclass(frozen=True)
class ChunkContext:
    """What every chunk of a :func:`~wupmodel.money.costs.money_outcomes` call shares.

    Attributes
    ----------
    option_axes, option_shape
        Number and sizes of the option axes.
    horizon_years
        Appraisal horizon (yr).
    with_net_metering
        Whether any year of the horizon nets PV export against import.
    price_weights
        Weighted sums of the unit prices over the years (:func:`_weights`): ``pv`` discounted at
        the household rate, ``y1`` the first year, ``sum`` undiscounted, ``nat`` resource costs
        discounted at the social rate.
    components, national_components
        The investments and their per-euro factors.
    loan
        The Warmtefonds terms, or None with own money.
    any_tenant
        Whether any dwelling is rented.
    needed
        The stored outputs the caller needs.
    rent_cap_eur_per_yr, co2_price_eur_t
        The rent-increase cap and the national CO2 price.
    pvf_household, pvf_social, crf_social, crf_landlord, crf_household
        Present-value and capital-recovery factors over the horizon.
    compute_irr
        Whether the IRR is computed.
    one
        A ones array that broadcasts over the option axes (the standing charge term).
    weights
        Weights per dwelling in reduce mode (village totals), else None.
    export_blocks
        The block of the first option axis that exports (PV) and the blocks that do not, or None.
    scratch
        Reusable work arrays.
    rent_insulation_component
        Index in ``components`` of the insulation, whose extra investment enters a tenant's rent
        only for the dwelling's share (``rent_insulation_share``); None = no such component.
    """

    option_axes: int
    option_shape: tuple[int, ...]
    horizon_years: int
    with_net_metering: bool
    price_weights: dict[str, dict[str, float]]
    components: list[ComponentTerms]
    national_components: list[NationalComponentTerms]
    loan: LoanTerms | None
    any_tenant: bool
    needed: set[str]
    rent_cap_eur_per_yr: float
    co2_price_eur_t: float
    pvf_household: float
    pvf_social: float
    crf_social: float
    crf_landlord: float
    crf_household: float
    compute_irr: bool
    one: NDArray
    weights: NDArray | None
    export_blocks: tuple[slice, list[slice]] | None
    scratch: _Scratch
    rent_insulation_component: int | None = None


def _weights(
    units: dict[str, FloatArray], w: FloatArray, nm: NDArray[np.bool_], h: int
) -> dict[str, float]:
    """Weighted sums of the unit prices over the first ``h`` years, import/export split by NM."""
    w = np.asarray(w, dtype=float)
    nmf = nm[:h].astype(float)
    out = {k: float(np.dot(w, v[:h])) for k, v in units.items()}
    for k in ("elec_import_eur_kwh", "elec_export_eur_kwh"):
        out[k + "_nm"] = float(np.dot(w * nmf, units[k][:h]))
        out[k] = float(np.dot(w * (1.0 - nmf), units[k][:h]))
    return out


def _payback_into(inv: NDArray, sav: NDArray, out: NDArray, b1: NDArray, b2: NDArray) -> None:
    """:func:`wupmodel.money.finance.simple_payback` written into ``out`` with bool work buffers.

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


_FLOAT_BUFFERS = (
    "tmp",
    "billed",
    "self",
    "extra_inv",
    "rent_y",
    "bill_y1",
    "cost1",
    "sav",
    "inv",
    "p_long",
    "p_short",
)


def _loan_constants(params: Params, s: FinanceSettings, h: int, rh: float) -> LoanTerms:
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

    key_max = (
        "finance.warmtefonds_max_large_eur"
        if s.warmtefonds_large_package
        else "finance.warmtefonds_max_eur"
    )
    return LoanTerms(
        min_eur=params["finance.warmtefonds_min_eur"],
        max_eur=params[key_max],
        # loans below long_min fall back to the shorter term (only when the longest is chosen)
        long_term_min_eur=params["finance.warmtefonds_long_term_min_eur"]
        if term == terms[-1]
        else 0.0,
        income_limit_eur=params["finance.warmtefonds_income_limit_eur"],
        rate=r_hi,
        payment_per_eur={
            (0, 0): per_eur(0.0, term),
            (0, 1): per_eur(0.0, short),
            (1, 0): per_eur(r_hi, term),
            (1, 1): per_eur(r_hi, short),
        },
        years=(min(term, h), min(short, h)),
        pv_factor=(float(present_value_factor(rh, term)), float(present_value_factor(rh, short))),
    )


def _money_chunk(
    ctx: ChunkContext,
    *,
    rows: slice,
    inputs: ChunkInputs,
    reference_index: NDArray[np.intp],
    is_tenant: NDArray[np.bool_],
    gas_removal_eur: FloatArray,
    outputs: dict[str, NDArray | None],
    rent_saving_share: FloatArray | None = None,
    rent_insulation_share: FloatArray | None = None,
    work: dict[str, NDArray],
    flags: dict[str, NDArray[np.bool_]],
    totals: dict[str, FloatArray] | None = None,
) -> None:
    """The outputs for the dwellings in ``rows``, into ``outputs`` (or their totals into ``totals``).

    ``inputs`` are the chunk's rows of the quantities; ``work`` and ``flags`` are reusable float
    and bool buffers of the chunk's shape, by name; ``outputs`` maps each output name to the
    array it is written into (``None`` = not asked for).

    Every output is a sum of terms ``coef x array`` (:func:`_lincomb`): mostly small arrays,
    plus a few full-size ones (self-consumption, the net-metered kWh, the loan, the rent).
    Store mode (``totals`` None) writes each output into ``outputs``; reduce mode adds ``weights @
    output`` to ``totals`` and forms only the arrays that a nonlinear step needs (the net
    investment for the loan, the first-year costs for the payback).
    """
    # short local names for the long formulas below
    sl, g, ref, tenant, removal = rows, inputs, reference_index, is_tenant, gas_removal_eur
    o, b, bb, acc = outputs, work, flags, totals
    n = ref.size
    full = (n,) + ctx.option_shape
    col = (n,) + (1,) * ctx.option_axes  # per-dwelling values, broadcast over the options
    rows = np.arange(n)
    ref_cell = np.unravel_index(ref, ctx.option_shape)
    tmp = b["tmp"]
    need = ctx.needed
    h = ctx.horizon_years
    w = None if acc is None else ctx.weights[sl]
    red = None if acc is None else _Reducer(w, rows, ref, ref_cell, full)
    gas, imp, exp, hg, hn = g.gas_m3, g.import_kwh, g.export_kwh, g.has_gas, g.on_heat_network
    selfc = g.self_consumed_kwh
    blocks = ctx.export_blocks
    act = None if blocks is None else blocks[0]

    def block(a: NDArray, sl: slice) -> NDArray:
        return a if a.shape[1] == 1 else a[:, sl]

    if selfc is not None:  # at most the demand and the PV yield of each option
        if act is None:
            selfc = np.minimum(np.minimum(selfc, imp), exp, out=b["self"])
        else:  # 0 where nothing is exported
            selfc = np.minimum(
                np.minimum(block(selfc, act), block(imp, act)), exp[:, act], out=b["self_block"]
            )
    heat = bool(hn.any())
    gjhn = g.heat_gj * hn if heat else None
    use_nm = ctx.with_net_metering
    billed = None
    if use_nm:  # net-metered kWh: import minus export, not below zero (self-consumption cancels)
        if act is None:
            billed = np.subtract(imp, exp, out=b["billed"])
        else:  # equal to the import where nothing is exported
            billed = np.subtract(block(imp, act), exp[:, act], out=b["billed_block"])
        np.maximum(billed, 0.0, out=billed)
    forms = ctx.price_weights

    def energy(wt: dict[str, float], nm: bool, scale: float = 1.0) -> list[tuple]:
        """Terms of ``scale x`` the bill weighted by ``wt`` (see :func:`_weights`).

        Net metering: ``w_i billed - w_e surplus`` with ``surplus = billed - (imp - exp)``, so
        only ``billed`` is nonlinear and the rest joins the import/export coefficients.
        """
        wi, we = wt["elec_import_eur_kwh"], wt["elec_export_eur_kwh"]
        a_imp, a_exp = wi, we
        if nm:
            a_imp, a_exp = wi + wt["elec_export_eur_kwh_nm"], we + wt["elec_export_eur_kwh_nm"]
        t = [
            (scale * wt["gas_eur_m3"], gas),
            (scale * wt["gas_fixed_eur"], hg),
            (scale * a_imp, imp),
            (-scale * a_exp, exp),
            (scale * wt["elec_fixed_eur"], ctx.one),
        ]
        if heat:
            t += [(scale * wt["heat_fixed_eur"], hn), (scale * wt["heat_eur_gj"], gjhn)]
        if selfc is not None:
            t.append(
                (-scale * (wi - we), selfc) if act is None else (-scale * (wi - we), selfc, act)
            )
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
            arr = _lincomb(terms, o[name], tmp, ctx.scratch)
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

    comps = [c.rows(sl) for c in ctx.components]
    any_tenant = ctx.any_tenant
    subsidy = g.subsidy_eur
    own = (~tenant).reshape(col).astype(float) if any_tenant else 1.0
    ten = tenant.reshape(col) if any_tenant else None
    payback = "simple_payback_years" in need

    # ---- investment ----
    net_inv = produce(
        "net_investment_eur", [(1.0, c.capex_eur) for c in comps] + [(-1.0, subsidy)], keep=True
    )
    extra_inv = None
    if any_tenant or ctx.compute_irr or payback:
        extra_inv = b["extra_inv"]
        np.subtract(net_inv, _at_reference(net_inv, rows, ref, col), out=extra_inv)

    # ---- Warmtefonds loan: full-size terms P x (coefficient per dwelling) ----
    loan = ctx.loan
    loan_lcc, loan_avg, month = [], [], []
    if loan is not None:
        principal = o["loan_principal_eur"]
        np.clip(net_inv, 0.0, loan.max_eur, out=principal)
        np.greater_equal(principal, loan.min_eur, out=bb["b1"])
        if any_tenant:
            np.logical_and(bb["b1"], ~ten, out=bb["b1"])
        np.multiply(principal, bb["b1"], out=principal)
        reduce("loan_principal_eur", principal)
        low = loan.low_income[sl]
        pay = loan.payment_per_eur
        parts = [(principal, 0)]
        if loan.long_term_min_eur > 0:  # loans below long_min run over the shorter term
            p_long, p_short = b["p_long"], b["p_short"]
            np.greater_equal(principal, loan.long_term_min_eur, out=bb["b2"])
            np.multiply(principal, bb["b2"], out=p_long)
            np.subtract(principal, p_long, out=p_short)
            parts = [(p_long, 0), (p_short, 1)]
        for p, term in parts:
            per_eur = np.where(low, pay[(0, term)], pay[(1, term)]).reshape(col)  # EUR/yr per EUR
            month.append((per_eur / 12.0, p))
            loan_lcc.append((per_eur * loan.pv_factor[term] - 1.0, p))
            loan_avg.append((per_eur * loan.years[term] / (12.0 * h), p))
        produce("loan_payment_eur_per_month", month)

    # ---- tenants: the landlord invests, the tenant pays a capped rent increase ----
    rent_lcc, rent_month = [], []
    if any_tenant:
        rent_y = b["rent_y"]
        k_ins = ctx.rent_insulation_component
        if (
            k_ins is not None
            and rent_insulation_share is not None
            and (rent_insulation_share < 1.0).any()
        ):
            # the landlord asks rent for the installations, and for insulation only this share
            ins = comps[k_ins].capex_eur
            ins_extra = np.maximum(ins - _at_reference_small(ins, rows, ref_cell).reshape(col), 0.0)
            np.subtract(
                extra_inv, (1.0 - rent_insulation_share).reshape(col) * ins_extra, out=rent_y
            )
            np.maximum(rent_y, 0.0, out=rent_y)
        else:
            np.maximum(extra_inv, 0.0, out=rent_y)
        rent_y *= ctx.crf_landlord
        np.minimum(rent_y, ctx.rent_cap_eur_per_yr, out=rent_y)
        if rent_saving_share is not None:  # woonlastenneutraal: at most a share of the saving
            bill1 = _lincomb(energy(forms["y1_rent"], use_nm), b["bill_y1"], tmp, ctx.scratch)
            saving = np.subtract(_at_reference(bill1, rows, ref, col), bill1, out=bill1)
            np.maximum(saving, 0.0, out=saving)
            saving *= rent_saving_share.reshape(col)
            np.minimum(rent_y, saving, out=rent_y)
        rent_y *= ten
        rent_month.append((1.0 / 12.0, rent_y))
        rent_lcc.append((ctx.pvf_household, rent_y))
        produce("rent_increase_eur_per_month", rent_month)
        landlord = ctx.crf_landlord * ten
        produce(
            "landlord_annual_cost_eur",
            [(c.pv_landlord * landlord, c.capex_eur) for c in comps]
            + [(-landlord, subsidy), (-1.0, rent_y)],
        )

    # ---- own money: the part of the net investment an owner pays without a loan, as a
    # monthly annuity at the household rate over the horizon (crf_h / 12 per euro) ----
    own_month = [(ctx.crf_household / 12.0 * own, net_inv)]
    if loan is not None:
        own_month.append((-ctx.crf_household / 12.0, o["loan_principal_eur"]))
    produce("own_capital_eur_per_month", own_month)

    # ---- end-user life-cycle cost, bills and woonlasten ----
    capital = [
        (c.pv_household * own if any_tenant else c.pv_household, c.capex_eur) for c in comps
    ] + [(-own, subsidy)]
    lcc_terms = energy(forms["pv"], use_nm) + capital + loan_lcc + rent_lcc
    if "lcc_end_user_eur" in need or ctx.compute_irr:
        produce("lcc_end_user_eur", lcc_terms)
    bill_terms = energy(forms["y1"], use_nm)
    produce("bill_year1_eur", bill_terms)
    # woonlasten = bill + loan repayment + own money's monthly equivalent + rent increase
    m1_terms = [(t[0] / 12.0,) + tuple(t[1:]) for t in bill_terms] + month + own_month + rent_month
    produce("monthly_cost_year1_eur", m1_terms)
    if "monthly_cost_avg_eur" in need:
        produce(
            "monthly_cost_avg_eur",
            energy(forms["sum"], use_nm, 1.0 / (12.0 * h)) + loan_avg + own_month + rent_month,
        )

    # ---- simple payback: extra net investment / first-year savings (bill + O&M or rent) ----
    if payback:
        cost1 = _lincomb(
            bill_terms
            + [(c.om_share * own, c.capex_eur) for c in comps]
            + ([(1.0, rent_y)] if any_tenant else []),
            b["cost1"],
            tmp,
            ctx.scratch,
        )
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
        crf_s = ctx.crf_social
        removal_col = (crf_s * removal * _at_reference_small(hg, rows, ref_cell)).reshape(col)
        nat_terms = energy(forms["nat"], False, crf_s)
        nat_terms += [(c.pv_national * crf_s, c.capex_eur) for c in comps]
        nat_terms += [
            (_rows(c.pv_national, sl) * crf_s, _rows(c.capex_eur, sl))
            for c in ctx.national_components
        ]
        nat_terms.append((removal_col, ~hg))  # the option has no gas connection, the reference has
        if ctx.co2_price_eur_t > 0:
            nat_terms.append((ctx.co2_price_eur_t / 1000.0 * ctx.pvf_social * crf_s, g.co2_kg))
        produce("national_annual_cost_eur", nat_terms)

    # ---- derived outputs asked for ----
    crf_h = ctx.crf_household
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

"""Discounting, annuities, NPV, IRR, payback, life-cycle cost and loans.

All functions are vectorised: arguments broadcast against each other like numpy arrays, and a
0-d result comes back as a numpy scalar.

Conventions used everywhere in wupmodel
---------------------------------------
* **Rates** are effective yearly rates as fractions (``0.055`` = 5.5 %/yr). With prices in real
  euros of the price year (2026), rates are real rates.
* **Timing.** ``t = 0`` is the start of the first price year (1 January 2026). Investments are
  paid at ``t = 0``. Every yearly amount (bills, O&M, savings, loan payments) is paid at the
  *end* of its year ``t = 1 .. N`` and is discounted by ``(1 + r) ** -t``.
* **Rate 0** is handled as the limit, never by dividing by zero: the capital recovery factor is
  ``1 / n``, the present value factor ``n``.
* **Invalid input** -- a rate at or below -100 %, zero or negative years, NaN -- raises
  :class:`~wupmodel.errors.WupInputError` with a message that names the argument.

Names are unambiguous on purpose (see the "naming trap" in the reference notes): the
*capital recovery factor* is the annual payment per euro borrowed (PyPSA calls it
``annuity``), the *present value factor* the present value of one euro a year.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from wupmodel._arrays import FloatArray, float_array
from wupmodel.errors import WupInputError

__all__ = [
    "capital_recovery_factor",
    "present_value_factor",
    "discount_factors",
    "npv",
    "irr",
    "loan_payment",
    "simple_payback",
    "life_cycle_cost",
    "life_cycle_cost_factor",
    "equivalent_annual_cost",
]


# --------------------------------------------------------------------------------------------
# validation helpers
# --------------------------------------------------------------------------------------------
def _rate(value: ArrayLike, name: str = "rate") -> FloatArray:
    arr = float_array(value, name)
    if (arr <= -1.0).any():
        raise WupInputError(
            f"{name} must be greater than -1 (-100 %); got {float(arr.min()):g}. "
            "Rates are fractions: 0.055 means 5.5 % per year"
        )
    if np.isinf(arr).any():
        raise WupInputError(f"{name} must be finite")
    return arr


def _years(value: ArrayLike, name: str = "years") -> FloatArray:
    arr = float_array(value, name)
    if (arr <= 0).any():
        raise WupInputError(
            f"{name} must be positive (at least one period); got {float(arr.min()):g}"
        )
    if np.isinf(arr).any():
        raise WupInputError(f"{name} must be finite")
    return arr


def _out(arr: FloatArray) -> FloatArray:
    """Return 0-d results as numpy scalars, other results unchanged."""
    return arr[()] if arr.ndim == 0 else arr


def _one_minus_pow(log_base: FloatArray, exponent: FloatArray) -> FloatArray:
    """``1 - exp(exponent * log_base)`` without cancellation (``-expm1``)."""
    return -np.expm1(exponent * log_base)


# --------------------------------------------------------------------------------------------
# annuity factors
# --------------------------------------------------------------------------------------------
def capital_recovery_factor(rate: ArrayLike, years: ArrayLike) -> FloatArray:
    """Annual payment per euro of present value: ``r / (1 - (1 + r) ** -n)``.

    Parameters
    ----------
    rate
        Yearly rate (fraction), > -1.
    years
        Number of yearly payments ``n`` (> 0; non-integer values are allowed).

    Returns
    -------
    Capital recovery factor (1/yr); ``1 / n`` at rate 0.

    Examples
    --------
    PyPSA's ``annuity(0.07, 25)`` is 0.0858105...:

    >>> round(float(capital_recovery_factor(0.07, 25)), 7)
    0.0858105
    """
    r = _rate(rate)
    n = _years(years)
    r, n = np.broadcast_arrays(r, n)
    zero = r == 0.0
    safe_r = np.where(zero, 1.0, r)
    denom = _one_minus_pow(np.log1p(safe_r), -n)
    return _out(np.where(zero, 1.0 / n, safe_r / denom))


def present_value_factor(rate: ArrayLike, years: ArrayLike, growth: ArrayLike = 0.0) -> FloatArray:
    """Present value of one euro a year for ``years`` years, paid at the end of each year.

    With growth ``g`` the payment in year ``t`` is ``(1 + g) ** (t - 1)``:
    ``PVF = sum_{t=1..n} (1 + g) ** (t - 1) / (1 + r) ** t = (1 - ((1+g)/(1+r)) ** n) / (r - g)``,
    and ``n / (1 + r)`` when ``r == g`` (so ``n`` at ``r = g = 0``).

    Parameters
    ----------
    rate
        Discount rate (fraction), > -1.
    years
        Number of yearly payments (> 0).
    growth
        Yearly growth of the payment (fraction), > -1; default 0.

    Returns
    -------
    Present value factor (yr).
    """
    r = _rate(rate)
    n = _years(years)
    g = _rate(growth, "growth")
    r, n, g = np.broadcast_arrays(r, n, g)
    equal = r == g
    diff = np.where(equal, 1.0, r - g)
    # q = (1 + g) / (1 + r) = 1 + (g - r) / (1 + r): accurate even when r and g are close
    log_q = np.log1p(np.where(equal, 0.0, (g - r) / (1.0 + r)))
    pv = np.where(equal, n / (1.0 + r), _one_minus_pow(log_q, n) / diff)
    return _out(pv)


def discount_factors(rate: ArrayLike, n_years: int) -> FloatArray:
    """Discount factors ``(1 + r) ** -t`` for the ends of years ``t = 1 .. n_years``.

    Parameters
    ----------
    rate
        Discount rate(s) (fraction), > -1; any shape.
    n_years
        Number of years (positive integer).

    Returns
    -------
    Array of shape ``rate.shape + (n_years,)``.
    """
    r = _rate(rate)
    n = _years(n_years, "n_years")
    if n.ndim != 0 or n != np.floor(n):
        raise WupInputError(f"n_years must be one positive whole number, got {n_years!r}")
    t = np.arange(1, int(n) + 1, dtype=float)
    return np.exp(-np.log1p(r)[..., None] * t)


# --------------------------------------------------------------------------------------------
# NPV, IRR, payback
# --------------------------------------------------------------------------------------------
def npv(rate: ArrayLike, cashflows: ArrayLike) -> FloatArray:
    """Net present value of cash flows along the last axis.

    ``cashflows[..., 0]`` is the amount at ``t = 0`` (the investment, usually negative) and
    ``cashflows[..., t]`` the amount at the end of year ``t``:
    ``NPV = sum_t cashflows[..., t] * (1 + rate) ** -t``.

    This is the convention of ``numpy_financial.npv`` (first value at ``t = 0``), *not*
    Excel's ``NPV`` (whose first value is discounted one year).

    Parameters
    ----------
    rate
        Discount rate (fraction), > -1; broadcasts against ``cashflows[..., 0]``.
    cashflows
        Cash flows (EUR), time along the last axis.

    Returns
    -------
    NPV (EUR) with shape ``broadcast(rate, cashflows[..., 0])``.
    """
    r = _rate(rate)
    cf = float_array(cashflows, "cashflows")
    if cf.ndim == 0 or cf.shape[-1] == 0:
        raise WupInputError("cashflows must have at least one value along the last axis")
    t = np.arange(cf.shape[-1], dtype=float)
    factors = np.exp(-np.log1p(r)[..., None] * t)
    return _out(np.sum(cf * factors, axis=-1))


def _horner(cft: FloatArray, x: FloatArray) -> tuple[FloatArray, FloatArray]:
    """Value and derivative of ``sum_t cft[t] * x ** t``.

    Time is on the FIRST axis of ``cft``, one ``x`` per column.
    """
    n = cft.shape[0]
    f = cft[n - 1].copy()
    df = np.zeros_like(f)
    for t in range(n - 2, -1, -1):
        df *= x
        df += f
        f *= x
        f += cft[t]
    return f, df


def irr(
    cashflows: ArrayLike,
    *,
    lower: float = -0.99,
    upper: float = 10.0,
    tol: float = 1e-13,
    max_iter: int = 200,
) -> FloatArray:
    """Internal rate of return of cash flows along the last axis (vectorised).

    The IRR is the rate ``r`` with ``npv(r, cashflows) == 0`` (same timing as :func:`npv`).
    It is found in ``u = ln(1 / (1 + r))`` by Newton steps safeguarded by a bracket: a Newton
    step that leaves the bracket is replaced by a bisection, so every element converges.

    Parameters
    ----------
    cashflows
        Cash flows (EUR), time along the last axis, first value at ``t = 0``.
    lower, upper
        Search interval for the rate (fractions), ``-1 < lower < upper``.
    tol
        Relative tolerance on ``x``.
    max_iter
        Iteration limit.

    Returns
    -------
    IRR (fraction/yr). NaN where the cash flows do not change sign, or where the NPV has
    the same sign at both ends of ``[lower, upper]``. For conventional cash flows (one sign
    change) the IRR is unique; for several sign changes the root returned is one of the
    roots inside the interval (not necessarily the one nearest 0, which numpy-financial
    returns).
    """
    cf = float_array(cashflows, "cashflows")
    if cf.ndim == 0 or cf.shape[-1] < 2:
        raise WupInputError("cashflows need at least two values along the last axis for an IRR")
    if not (-1.0 < lower < upper):
        raise WupInputError(f"irr needs -1 < lower < upper, got lower={lower}, upper={upper}")
    shape = cf.shape[:-1]
    flat = cf.reshape(-1, cf.shape[-1])
    result = np.full(flat.shape[0], np.nan)
    # blocks of rows small enough for the CPU cache
    for first in range(0, flat.shape[0], _IRR_BLOCK_ROWS):
        block = slice(first, first + _IRR_BLOCK_ROWS)
        result[block] = _irr_rows(flat[block], lower, upper, tol, max_iter)
    return _out(result.reshape(shape))


#: Rows per block in :func:`irr` (about 16k rows x 26 years stays in the L2/L3 cache).
_IRR_BLOCK_ROWS = 16_384


def _irr_rows(
    flat: FloatArray, lower: float, upper: float, tol: float, max_iter: int
) -> FloatArray:
    """IRR of each row of a 2-D array of cash flows (see :func:`irr`)."""
    result = np.full(flat.shape[0], np.nan)

    sign_change = (flat > 0).any(axis=1) & (flat < 0).any(axis=1)
    x_lo, x_hi = 1.0 / (1.0 + upper), 1.0 / (1.0 + lower)
    idx = np.flatnonzero(sign_change)
    if idx.size:
        cols = np.ascontiguousarray(flat[idx].T)  # time first: contiguous rows for Horner
        f_lo, _ = _horner(cols, np.full(idx.size, x_lo))
        f_hi, _ = _horner(cols, np.full(idx.size, x_hi))
        exact_lo, exact_hi = f_lo == 0.0, f_hi == 0.0
        result[idx[exact_lo]] = upper
        result[idx[exact_hi & ~exact_lo]] = lower
        keep = (np.sign(f_lo) * np.sign(f_hi) < 0) & ~exact_lo & ~exact_hi
        idx, cols, f_lo = idx[keep], cols[:, keep], f_lo[keep]
        # a: end where f < 0, b: end where f > 0
        a = np.where(f_lo < 0, x_lo, x_hi)
        b = np.where(f_lo < 0, x_hi, x_lo)
        # start: (|c0| / sum of later flows) ** (2 / (N + 1)), the usual approximation of
        # 1 / (1 + IRR) for an investment followed by returns; 1 / 1.1 otherwise
        later = cols[1:].sum(axis=0)
        ratio = np.where(later * cols[0] < 0, -cols[0] / np.where(later == 0, 1.0, later), np.nan)
        with np.errstate(invalid="ignore", divide="ignore"):
            x0 = ratio ** (2.0 / cols.shape[0])
        x0 = np.where(np.isfinite(x0) & (x0 > 0), x0, 1.0 / 1.1)
        x = np.clip(x0, np.minimum(a, b), np.maximum(a, b))
        last_step = np.abs(np.log(b) - np.log(a))  # in u = ln x
        for _ in range(max_iter):
            if idx.size == 0:
                break
            f, df = _horner(cols, x)
            neg = f < 0
            a = np.where(neg, x, a)
            b = np.where(neg, b, x)
            # Newton step in u = ln x (NPV is a sum of exponentials in u), safeguarded as in
            # "rtsafe" (Numerical Recipes): bisect when the step leaves the bracket or would not
            # halve the previous step, so the bracket always shrinks fast
            with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
                step = -f / (x * df)
                x_newton = x * np.exp(step)
            lo, hi = np.minimum(a, b), np.maximum(a, b)
            exact = f == 0.0
            bisect = ~((x_newton >= lo) & (x_newton <= hi)) | ~(np.abs(step) <= 0.5 * last_step)
            bisect &= ~exact
            x_mid = np.sqrt(a * b)
            x_new = np.where(exact, x, np.where(bisect, x_mid, x_newton))
            last_step = np.where(bisect, 0.5 * np.log(hi / lo), np.abs(step))
            done = exact | (np.abs(x_new - x) <= tol * x) | (hi - lo <= tol * lo)
            x = x_new
            if done.any():
                result[idx[done]] = 1.0 / x[done] - 1.0
                keep = ~done
                idx, cols, x, a, b = idx[keep], cols[:, keep], x[keep], a[keep], b[keep]
                last_step = last_step[keep]
        if idx.size:  # not converged within max_iter: best estimate
            result[idx] = 1.0 / x - 1.0
    return result


def simple_payback(net_investment: ArrayLike, annual_savings: ArrayLike) -> FloatArray:
    """Simple (undiscounted) payback time in years.

    Rules, element by element:

    * investment > 0 and savings > 0: ``investment / savings``;
    * investment > 0 and savings <= 0: ``inf`` (never paid back);
    * investment <= 0 and savings > 0: ``0`` (nothing to pay back);
    * investment <= 0 and savings <= 0: NaN (undefined; e.g. the reference option itself).

    Parameters
    ----------
    net_investment
        Extra investment after subsidies (EUR).
    annual_savings
        Yearly savings, usually of the first year (EUR/yr).

    Returns
    -------
    Payback (yr).
    """
    inv = float_array(net_investment, "net_investment")
    sav = float_array(annual_savings, "annual_savings")
    inv, sav = np.broadcast_arrays(inv, sav)
    pos_inv, pos_sav = inv > 0, sav > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = inv / np.where(pos_sav, sav, 1.0)
    out = np.where(
        pos_inv,
        np.where(pos_sav, ratio, np.inf),
        np.where(pos_sav, 0.0, np.nan),
    )
    return _out(out)


# --------------------------------------------------------------------------------------------
# life-cycle cost
# --------------------------------------------------------------------------------------------
def life_cycle_cost_factor(
    lifetime_years: ArrayLike, horizon_years: ArrayLike, rate: ArrayLike
) -> FloatArray:
    """Present value of owning one euro of capital over the horizon, per euro of capex.

    The asset is bought at ``t = 0`` and replaced at ``t = L, 2L, ...`` while ``t < H``
    (a replacement exactly at the horizon is not bought). At the horizon the last asset still
    has ``(t_last + L - H) / L`` of its life left; that share of its cost is the residual
    value (linear depreciation), credited at ``t = H``:
    ``factor = 1 + sum_k (1+r)^(-kL) - residual_share * (1+r)^(-H)``.

    Parameters
    ----------
    lifetime_years
        Technical lifetime ``L`` (yr, > 0).
    horizon_years
        Appraisal horizon ``H`` (yr, > 0).
    rate
        Discount rate (fraction), > -1.

    Returns
    -------
    Factor (dimensionless): multiply by the capex to get its present value.
    """
    life = _years(lifetime_years, "lifetime_years")
    hor = _years(horizon_years, "horizon_years")
    r = _rate(rate)
    life, hor, r = np.broadcast_arrays(life, hor, r)
    # installations at 0, L, ..., m L < H  ->  m replacements
    m = np.ceil(hor / life - 1e-9) - 1.0
    log_v = -np.log1p(r)  # log of the one-year discount factor
    log_q = log_v * life  # log of q = (1 + r) ** -L
    zero = r == 0.0
    safe_log_q = np.where(zero, -1.0, log_q)
    # sum_{k=1..m} q^k = q (1 - q^m) / (1 - q), m at r = 0
    geo = np.exp(safe_log_q) * _one_minus_pow(safe_log_q, m) / _one_minus_pow(safe_log_q, 1.0)
    replacements = np.where(zero, m, geo)
    remaining_share = (m * life + life - hor) / life
    residual = remaining_share * np.exp(log_v * hor)
    return _out(1.0 + replacements - residual)


def life_cycle_cost(
    capex: ArrayLike,
    lifetime_years: ArrayLike,
    horizon_years: ArrayLike,
    rate: ArrayLike,
    annual_cost: ArrayLike = 0.0,
    cost_growth: ArrayLike = 0.0,
) -> FloatArray:
    """Present value at ``t = 0`` of owning and running an asset over the horizon.

    ``LCC = capex * life_cycle_cost_factor(L, H, r) + annual_cost * PVF(r, H, growth)``:
    the investment at ``t = 0``, replacements within the horizon at ``t = L, 2L, ... < H``,
    minus the linear residual value at ``H``, plus yearly costs at the ends of years ``1..H``
    (the first year's cost is ``annual_cost``, growing by ``cost_growth`` a year).

    Parameters
    ----------
    capex
        Investment (EUR), paid again at each replacement (real terms, no price change).
    lifetime_years
        Technical lifetime (yr).
    horizon_years
        Appraisal horizon (yr).
    rate
        Discount rate (fraction).
    annual_cost
        Yearly cost in year 1 (EUR/yr), e.g. O&M or an energy bill.
    cost_growth
        Yearly growth of ``annual_cost`` (fraction).

    Returns
    -------
    Life-cycle cost (EUR, present value).
    """
    cap = float_array(capex, "capex")
    ann = float_array(annual_cost, "annual_cost")
    factor = life_cycle_cost_factor(lifetime_years, horizon_years, rate)
    pvf = present_value_factor(rate, horizon_years, cost_growth)
    return _out(np.asarray(cap * factor + ann * pvf, dtype=float))


def equivalent_annual_cost(
    capex: ArrayLike,
    lifetime_years: ArrayLike,
    horizon_years: ArrayLike,
    rate: ArrayLike,
    annual_cost: ArrayLike = 0.0,
    cost_growth: ArrayLike = 0.0,
) -> FloatArray:
    """Level yearly amount over the horizon with the same present value as the life-cycle cost.

    ``EAC = life_cycle_cost(...) * capital_recovery_factor(rate, horizon_years)`` (EUR/yr,
    paid at the end of each year). Arguments as for :func:`life_cycle_cost`.
    """
    lcc = life_cycle_cost(capex, lifetime_years, horizon_years, rate, annual_cost, cost_growth)
    return _out(np.asarray(lcc * capital_recovery_factor(rate, horizon_years), dtype=float))


# --------------------------------------------------------------------------------------------
# loans
# --------------------------------------------------------------------------------------------
def loan_payment(
    principal: ArrayLike, rate: ArrayLike, years: ArrayLike, periods_per_year: int = 1
) -> FloatArray:
    """Level (annuity) payment per period that repays ``principal`` in ``years`` years.

    Parameters
    ----------
    principal
        Amount borrowed at ``t = 0`` (EUR, >= 0).
    rate
        *Effective* yearly interest rate (fraction); the per-period rate is
        ``(1 + rate) ** (1 / periods_per_year) - 1``.
    years
        Term (yr, > 0).
    periods_per_year
        Payments per year (1 = yearly, 12 = monthly).

    Returns
    -------
    Payment per period (EUR), paid at the end of each period.
    """
    p = float_array(principal, "principal")
    if (p < 0).any():
        raise WupInputError("principal must not be negative")
    r = _rate(rate)
    n = _years(years)
    if periods_per_year < 1 or int(periods_per_year) != periods_per_year:
        raise WupInputError(
            f"periods_per_year must be a positive whole number, got {periods_per_year!r}"
        )
    per_rate = np.expm1(np.log1p(r) / periods_per_year)
    return _out(
        np.asarray(p * capital_recovery_factor(per_rate, n * periods_per_year), dtype=float)
    )

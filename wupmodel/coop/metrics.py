"""Ratios of a business case: project and equity IRR and NPV, and break-even roots.

IRR and NPV are :func:`wupmodel.money.finance.irr` / :func:`~wupmodel.money.finance.npv` (first
value at t = 0, the numpy-financial convention). The break-even tariff and participation are the
roots of a monotone NPV function, found by Brent's method and polished by secant steps until the
NPV is zero to ``tol_eur`` (1e-6 EUR by default).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy.optimize import brentq

from wupmodel.coop.cashflow import Financials
from wupmodel.money.finance import irr, npv


def project_irr(financials: Financials) -> float:
    """After-tax project (unlevered) IRR, NaN where the cash flow does not change sign."""
    return float(irr(financials.project_cash_flow_eur))


def project_npv_eur(financials: Financials, rate: float) -> float:
    """After-tax project NPV at ``rate`` (EUR at t = 0)."""
    return float(npv(rate, financials.project_cash_flow_eur))


def equity_irr(financials: Financials) -> float:
    """Members' equity IRR (NaN without a sign change, e.g. no equity paid in)."""
    return float(irr(financials.equity_cash_flow_eur))


@dataclass(frozen=True)
class Root:
    """A break-even root.

    Attributes
    ----------
    value
        The root (NaN when there is none in the interval).
    residual
        The function's value at the root (EUR).
    reason
        Why there is no root, else empty.
    """

    value: float
    residual: float
    reason: str = ""

    @property
    def found(self) -> bool:
        return bool(np.isfinite(self.value))


def break_even(
    fn: Callable[[float], float], lo: float, hi: float, tol_eur: float = 1e-6, what: str = "value"
) -> Root:
    """The root of a monotone function ``fn`` on ``[lo, hi]`` with ``|fn(root)| <= tol_eur``.

    Parameters
    ----------
    fn
        NPV (EUR) as a function of one input; monotone on the interval.
    lo, hi
        Interval searched.
    tol_eur
        Largest ``|fn|`` accepted at the root.
    what
        Name of the input (for the reason when there is no root).
    """
    f_lo, f_hi = fn(lo), fn(hi)
    if f_lo == 0:
        return Root(lo, 0.0)
    if f_hi == 0:
        return Root(hi, 0.0)
    if np.sign(f_lo) == np.sign(f_hi):
        side = "positive" if f_lo > 0 else "negative"
        return Root(
            float("nan"), float("nan"), f"the NPV is {side} for every {what} from {lo:g} to {hi:g}"
        )
    x = brentq(fn, lo, hi, xtol=1e-14, rtol=4 * np.finfo(float).eps, maxiter=200)
    fx = fn(x)
    # polish: the NPV is (piecewise) linear, secant steps take the last rounding out
    x0, f0 = (lo, f_lo) if np.sign(f_lo) != np.sign(fx) else (hi, f_hi)
    for _ in range(20):
        if abs(fx) <= tol_eur:
            break
        slope = (fx - f0) / (x - x0) if x != x0 else 0.0
        if slope == 0:
            break
        x0, f0 = x, fx
        x = x - fx / slope
        fx = fn(x)
    return Root(float(x), float(fx))

"""Loan schedules and debt sizing by a minimum DSCR.

Timing follows :mod:`wupmodel.money.finance`: index ``t = 0`` is the start (construction), index
``t`` the end of year ``t``. A loan is drawn in the construction years (``draw_weights``, one
weight per year from ``t = 0``), pays interest on the balance drawn until construction ends, and
is repaid from the year after the last draw over ``term_years`` — as a level annuity or with
equal (linear) repayments. Every schedule is linear in the principal, so a schedule of one euro
(:func:`unit_schedule`) times the principal is exact, and the debt a minimum DSCR allows is
``min_t CFADS_t / (DSCR_min * service_t)`` over the repayment years of the unit schedule.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from wupmodel.errors import WupInputError
from wupmodel.money.finance import capital_recovery_factor

Repayment = Literal["annuity", "linear"]
FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class LoanSchedule:
    """A loan year by year (EUR), arrays of length ``n_years + 1`` (t = 0 .. n_years).

    Attributes
    ----------
    draw_eur
        Amount drawn in the year.
    interest_eur
        Interest paid at the end of the year on the balance at its start.
    principal_eur
        Repayment of principal at the end of the year.
    balance_eur
        Balance outstanding at the end of the year (after draw and repayment).
    """

    draw_eur: FloatArray
    interest_eur: FloatArray
    principal_eur: FloatArray
    balance_eur: FloatArray

    @property
    def service_eur(self) -> FloatArray:
        """Debt service (interest + principal) per year."""
        return self.interest_eur + self.principal_eur

    def scaled(self, factor: float) -> LoanSchedule:
        """The same schedule for ``factor`` times the principal."""
        return LoanSchedule(
            self.draw_eur * factor,
            self.interest_eur * factor,
            self.principal_eur * factor,
            self.balance_eur * factor,
        )


def _weights(draw_weights: ArrayLike) -> FloatArray:
    w = np.atleast_1d(np.asarray(draw_weights, dtype=float))
    if w.ndim != 1 or w.size == 0 or (w < 0).any() or not np.isclose(w.sum(), 1.0):
        raise WupInputError(
            f"draw weights must be non-negative shares that add up to 1, got {w.tolist()}"
        )
    return w / w.sum()


def unit_schedule(
    rate: float,
    term_years: int,
    n_years: int,
    draw_weights: ArrayLike = (1.0,),
    repayment: Repayment = "annuity",
) -> LoanSchedule:
    """Schedule of a loan of 1 EUR.

    Parameters
    ----------
    rate
        Yearly interest rate (fraction, >= 0).
    term_years
        Repayment years after the last draw (whole number >= 1).
    n_years
        Years of the horizon; the arrays run over t = 0 .. n_years. Repayments beyond the horizon
        are left outstanding (``balance_eur[-1]`` > 0).
    draw_weights
        Share of the principal drawn at t = 0, 1, ... (construction years).
    repayment
        ``"annuity"`` (level debt service) or ``"linear"`` (equal repayments of principal).

    Returns
    -------
    LoanSchedule

    Examples
    --------
    >>> s = unit_schedule(0.05, 2, 3, repayment="linear")
    >>> s.interest_eur.round(4).tolist(), s.principal_eur.tolist()
    ([0.0, 0.05, 0.025, 0.0], [0.0, 0.5, 0.5, 0.0])
    """
    if not np.isfinite(rate) or rate < 0:
        raise WupInputError(f"loan rate must be a number >= 0, got {rate!r}")
    if int(term_years) != term_years or term_years < 1:
        raise WupInputError(f"loan term must be a whole number of years >= 1, got {term_years!r}")
    if repayment not in ("annuity", "linear"):
        raise WupInputError(f"repayment must be 'annuity' or 'linear', got {repayment!r}")
    w = _weights(draw_weights)
    n = int(n_years)
    draw = np.zeros(n + 1)
    draw[: min(w.size, n + 1)] = w[: n + 1]
    interest, principal, balance = np.zeros(n + 1), np.zeros(n + 1), np.zeros(n + 1)
    first = w.size  # first repayment year: the year after the last draw
    payment = float(capital_recovery_factor(rate, int(term_years)))  # annuity per EUR
    outstanding = 0.0
    for t in range(n + 1):
        interest[t] = outstanding * rate  # on the balance at the start of the year
        if first <= t < first + int(term_years):
            k = t - first  # 0 .. term - 1
            principal[t] = (payment - interest[t]) if repayment == "annuity" else 1.0 / term_years
            if k == int(term_years) - 1:  # last instalment clears rounding
                principal[t] = outstanding
        outstanding = outstanding + draw[t] - principal[t]
        balance[t] = outstanding
    return LoanSchedule(draw, interest, principal, balance)


def loan_schedule(
    principal_eur: float,
    rate: float,
    term_years: int,
    n_years: int,
    draw_weights: ArrayLike = (1.0,),
    repayment: Repayment = "annuity",
) -> LoanSchedule:
    """Schedule of a loan of ``principal_eur`` (see :func:`unit_schedule`)."""
    if not np.isfinite(principal_eur) or principal_eur < 0:
        raise WupInputError(f"loan principal must be a number >= 0, got {principal_eur!r}")
    return unit_schedule(rate, term_years, n_years, draw_weights, repayment).scaled(
        float(principal_eur)
    )


def debt_by_dscr(cfads_eur: ArrayLike, min_dscr: float, unit: LoanSchedule) -> float:
    """Largest principal whose debt service keeps every year's DSCR at or above ``min_dscr``.

    DSCR_t = CFADS_t / service_t; the service is ``principal * unit.service_eur``, so the
    largest principal is ``min_t CFADS_t / (min_dscr * unit.service_eur_t)`` over the years with
    debt service (0 when a year's CFADS is not positive).

    Parameters
    ----------
    cfads_eur
        Cash flow available for debt service per year, t = 0 .. n (EUR).
    min_dscr
        Minimum DSCR (>= 1).
    unit
        Schedule of one euro (:func:`unit_schedule`).
    """
    if not np.isfinite(min_dscr) or min_dscr < 1.0:
        raise WupInputError(f"minimum DSCR must be at least 1, got {min_dscr!r}")
    cf = np.asarray(cfads_eur, dtype=float)
    service = unit.service_eur
    serviced = service > 1e-15
    if not serviced.any():
        return 0.0
    allowed = cf[serviced] / (min_dscr * service[serviced])
    return float(max(0.0, allowed.min()))


def dscr(cfads_eur: ArrayLike, service_eur: ArrayLike) -> FloatArray:
    """DSCR per year: CFADS / debt service, NaN in years without debt service."""
    cf = np.asarray(cfads_eur, dtype=float)
    s = np.asarray(service_eur, dtype=float)
    out = np.full(np.broadcast(cf, s).shape, np.nan)
    np.divide(cf, s, out=out, where=s > 1e-9)
    return out


def llcr(cfads_eur: ArrayLike, schedule: LoanSchedule, rate: float) -> float:
    """Loan life coverage ratio at the first repayment year.

    LLCR = NPV at the loan rate of CFADS over the remaining repayment years / debt outstanding at
    the start of the first repayment year. NaN without debt.
    """
    cf = np.asarray(cfads_eur, dtype=float)
    years = np.flatnonzero(schedule.service_eur > 1e-9)
    repaying = np.flatnonzero(schedule.principal_eur > 1e-9)
    if repaying.size == 0:
        return float("nan")
    first, last = int(repaying[0]), int(years[-1])
    outstanding = float(schedule.balance_eur[first - 1])
    if outstanding <= 0:
        return float("nan")
    t = np.arange(first, last + 1)
    pv = float(np.sum(cf[t] / (1.0 + rate) ** (t - first + 1)))
    return pv / outstanding

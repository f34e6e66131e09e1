"""The yearly cash flow of a cooperative asset and its financing: a pure kernel, no file I/O.

Years run t = 0 .. H: construction from t = 0 (the investment spread by the build phasing),
operation from t = 1 (a year runs with the share of connections built by the end of the year
before). All amounts are EUR excl. VAT (a cooperative deducts the VAT it pays and remits the
VAT on its tariffs), real euros of the scenario's price year.

* EBITDA = revenue - operating costs (O&M, heat purchase).
* Depreciation: straight line over the asset life from the year after each investment, on the
  investment net of connection fees and subsidies (they lower the cost of the asset).
* Corporate tax on EBITDA - depreciation - interest, losses carried forward without limit.
* Project (unlevered) free cash flow: - investment + connection fees + subsidies + EBITDA - tax
  without interest deduction.
* Financing: subordinated member loans and a public loan as given; senior bank debt sized by the
  minimum DSCR on the CFADS (EBITDA - tax), capped at ``max_debt_share`` of the investment and at
  what is still to be funded; members' equity funds the rest (their equity cash flow is what is
  left after all debt service), the bank's fee and a debt service reserve (months of the first
  full year's debt service, paid in at the end of construction and paid back with the last
  instalment; no interest on it is counted).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from wupmodel.coop.inputs import CoopInputs
from wupmodel.coop.schedule import (
    LoanSchedule,
    debt_by_dscr,
    dscr,
    llcr,
    loan_schedule,
    unit_schedule,
)
from wupmodel.errors import WupInputError

FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class ProjectYears:
    """The operating drivers of an asset per year t = 0 .. H (EUR excl. VAT).

    Attributes
    ----------
    capex_eur
        Investment (initial build by phasing, replacements later).
    revenue_eur
        Tariff revenue (fixed charges and energy sold).
    opex_eur
        Operating costs: O&M and energy purchase.
    connection_fees_eur
        One-off connection fees received.
    grants_eur
        Investment subsidies received.
    depreciation_years
        Asset life for depreciation (yr).
    """

    capex_eur: FloatArray
    revenue_eur: FloatArray
    opex_eur: FloatArray
    connection_fees_eur: FloatArray
    grants_eur: FloatArray
    depreciation_years: float

    @property
    def n_years(self) -> int:
        return int(self.capex_eur.size - 1)


def depreciation_eur(base_eur: FloatArray, life_years: float) -> FloatArray:
    """Straight-line depreciation of each year's investment from the following year."""
    n = base_eur.size
    out = np.zeros(n)
    life = max(float(life_years), 1.0)
    for t in np.flatnonzero(base_eur > 0):
        years = np.arange(t + 1, n)
        share = np.clip(np.minimum(years - t, life) - np.minimum(years - t - 1, life), 0.0, 1.0)
        out[years] += base_eur[t] * share / life
    return out


def tax_with_losses(taxable_eur: FloatArray, rate: float) -> FloatArray:
    """Tax per year on taxable profit, losses carried forward without limit (never negative)."""
    out = np.zeros(taxable_eur.size)
    losses = 0.0
    for t, profit in enumerate(taxable_eur):
        if profit < 0:
            losses -= profit
            continue
        used = min(losses, profit)
        losses -= used
        out[t] = rate * (profit - used)
    return out


@dataclass(frozen=True)
class Financials:
    """Cash flow, financing and ratios of one business case (arrays over t = 0 .. H, EUR).

    Attributes
    ----------
    ebitda_eur, tax_eur, cfads_eur
        EBITDA, corporate tax (with interest deducted) and cash flow available for debt service.
    project_cash_flow_eur
        Unlevered free cash flow after tax (the project IRR/NPV basis).
    equity_cash_flow_eur
        Members' equity flows: - equity paid in + what is left after all debt service.
    bank, member_loan, public_loan
        The loan schedules.
    dscr
        Senior DSCR per year (NaN without debt service).
    net_investment_eur
        Investment net of connection fees and subsidies (the initial build).
    debt_fee_eur
        Up-front bank fee.
    debt_reserve_eur
        Debt service reserve held while the bank debt runs.
    equity_eur
        Member capital needed (paid in).
    bank_debt_by_dscr_eur
        The debt the minimum DSCR alone would allow (before the caps).
    member_capital_offered_eur
        The member capital the village offers (set, or the default share); ``equity_eur`` above
        it is a funding gap the members would have to close.
    """

    years: ProjectYears
    ebitda_eur: FloatArray
    tax_eur: FloatArray
    cfads_eur: FloatArray
    project_cash_flow_eur: FloatArray
    equity_cash_flow_eur: FloatArray
    bank: LoanSchedule
    member_loan: LoanSchedule
    public_loan: LoanSchedule
    dscr: FloatArray
    net_investment_eur: float
    debt_fee_eur: float
    debt_reserve_eur: float
    equity_eur: float
    bank_debt_by_dscr_eur: float
    member_capital_offered_eur: float = 0.0

    @property
    def bank_debt_eur(self) -> float:
        return float(self.bank.draw_eur.sum())

    @property
    def min_dscr(self) -> float:
        d = self.dscr[np.isfinite(self.dscr)]
        return float(d.min()) if d.size else float("nan")

    def llcr(self, rate: float) -> float:
        """Loan life coverage ratio of the bank debt at its rate."""
        return llcr(self.cfads_eur, self.bank, rate)


def project_cash_flow(years: ProjectYears, tax_rate: float) -> FloatArray:
    """Unlevered free cash flow after tax per year (t = 0 .. H)."""
    ebitda = years.revenue_eur - years.opex_eur
    base = np.maximum(years.capex_eur - years.connection_fees_eur - years.grants_eur, 0.0)
    dep = depreciation_eur(base, years.depreciation_years)
    tax = tax_with_losses(ebitda - dep, tax_rate)
    return -years.capex_eur + years.connection_fees_eur + years.grants_eur + ebitda - tax


def finance(years: ProjectYears, inputs: CoopInputs, sizing_rounds: int = 60) -> Financials:
    """Size the financing of an asset and compute its cash flows (see the module docstring).

    Parameters
    ----------
    years
        Operating drivers per year.
    inputs
        Financing and tax settings (:meth:`wupmodel.coop.inputs.CoopSettings.resolve`).
    sizing_rounds
        Rounds of debt sizing: interest lowers tax, which raises the CFADS; each round sizes on
        the CFADS of the last (the debt rises to its fixed point from below, so the DSCR of the
        result is never below the minimum); it stops when the debt moves less than 1e-9 of itself.
    """
    n = years.n_years
    if inputs.min_dscr < 1.0:
        raise WupInputError(f"minimum DSCR must be at least 1, got {inputs.min_dscr}")
    if not 0.0 <= inputs.max_debt_share <= 1.0:
        raise WupInputError(
            f"max_debt_share must be between 0 and 1 (100 %), got {inputs.max_debt_share}"
        )
    w = np.asarray(inputs.build_phasing, dtype=float)
    build = w.size
    ebitda = years.revenue_eur - years.opex_eur
    uses = years.capex_eur - years.connection_fees_eur - years.grants_eur
    net_investment = float(uses[:build].sum())
    capex_build = float(years.capex_eur[:build].sum())
    base = np.maximum(uses, 0.0)
    dep = depreciation_eur(base, years.depreciation_years)
    member = loan_schedule(
        inputs.member_loan_eur, inputs.member_loan_rate, inputs.member_loan_term_years, n, w
    )
    public = loan_schedule(
        inputs.public_loan_eur, inputs.public_loan_rate, inputs.public_loan_term_years, n, w
    )
    unit = unit_schedule(inputs.debt_rate, inputs.debt_term_years, n, w, inputs.repayment)
    offered = (
        inputs.member_capital_share * max(net_investment, 0.0)
        if inputs.member_capital_eur is None
        else inputs.member_capital_eur
    )
    to_fund = max(net_investment - inputs.member_loan_eur - inputs.public_loan_eur - offered, 0.0)
    cap = min(inputs.max_debt_share * capex_build, to_fund)
    junior_interest = member.interest_eur + public.interest_eur
    debt = 0.0
    by_dscr = 0.0
    for _ in range(sizing_rounds):
        tax = tax_with_losses(
            ebitda - dep - junior_interest - debt * unit.interest_eur, inputs.tax_rate
        )
        by_dscr = debt_by_dscr(ebitda - tax, inputs.min_dscr, unit)
        new = min(by_dscr, cap)
        if abs(new - debt) <= 1e-9 * max(new, 1.0):
            debt = new
            break
        debt = new
    bank = unit.scaled(debt)
    tax = tax_with_losses(ebitda - dep - junior_interest - bank.interest_eur, inputs.tax_rate)
    cfads = ebitda - tax
    fee = inputs.debt_fee_share * debt
    draws = bank.draw_eur + member.draw_eur + public.draw_eur
    service = bank.service_eur + member.service_eur + public.service_eur
    # equity pays in what the loans do not fund, and receives what is left after debt service
    paid_in = np.maximum(uses - draws, 0.0)
    paid_in[0] += fee
    equity_flow = -uses - np.r_[fee, np.zeros(n)] + draws + cfads - service
    repaying = np.flatnonzero(bank.principal_eur > 1e-9)
    reserve = 0.0
    if repaying.size:  # the reserve is held from the end of construction to the last instalment
        reserve = inputs.debt_reserve_months / 12.0 * float(bank.service_eur[repaying[0]])
        paid_in[build - 1] += reserve
        equity_flow[build - 1] -= reserve
        equity_flow[repaying[-1]] += reserve
    project = project_cash_flow(years, inputs.tax_rate)
    return Financials(
        years=years,
        ebitda_eur=ebitda,
        tax_eur=tax,
        cfads_eur=cfads,
        project_cash_flow_eur=project,
        equity_cash_flow_eur=equity_flow,
        bank=bank,
        member_loan=member,
        public_loan=public,
        dscr=dscr(cfads, bank.service_eur),
        net_investment_eur=net_investment,
        debt_fee_eur=fee,
        debt_reserve_eur=reserve,
        equity_eur=float(paid_in[:build].sum()),
        bank_debt_by_dscr_eur=by_dscr,
        member_capital_offered_eur=offered,
    )

"""A cooperative's business case in a resident's and a banker's words (pure tables and
sentences of :func:`wupmodel.business_case`'s result).

:func:`coop_opening` says why the case looks as it does when the page opens (nobody joins at the
ACM maximum: each household's own alternative is cheaper); :func:`dscr_words` presents the
debt service cover as the bank's requirement that sizes the loan; :func:`sources_and_uses`,
:func:`coop_ratios` and :func:`debt_schedule` are the tables a bank reads.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from wupmodel.app.i18n import format_money, format_number, format_share, t
from wupmodel.coop import BusinessCase

__all__ = ["coop_opening", "dscr_words", "sources_and_uses", "coop_ratios", "debt_schedule"]

#: the financing table's items in words (keys of ``BusinessCase.financing_frame``)
_ITEMS = {
    "investment": "fin_investment",
    "bank fee": "fin_bank_fee",
    "debt service reserve": "fin_reserve",
    "connection fees": "fin_connection_fees",
    "subsidies": "fin_subsidies",
    "bank debt (senior)": "fin_bank_debt",
    "public loan": "fin_public_loan",
    "member loans (subordinated)": "fin_member_loans",
    "member capital (equity)": "fin_member_capital",
}


def coop_opening(case: BusinessCase, lang: str = "nl", at_acm: bool = True) -> str:
    """Why the case looks as it does: with nobody joining (each household's own alternative is
    cheaper at the tariff: the ACM maximum with ``at_acm``), the sentence that says so and what
    to try; else how many join."""
    if case.connections < 0.5:
        net, alt = _household_costs(case)
        if np.isfinite(net) and np.isfinite(alt):
            return t("coop_nobody_costs", lang).format(
                net=format_money(net, lang),
                alt=format_money(alt, lang),
                tariff=t("tariff_acm" if at_acm else "tariff_set", lang),
            )
        return t("coop_nobody", lang)
    return t("coop_joining_now", lang).format(
        n=format_number(case.connections, lang),
        zone=format_number(case.zone_dwellings, lang),
        share=format_share(case.participation, lang),
    )


def _household_costs(case: BusinessCase) -> tuple[float, float]:
    """The average household's monthly cost on the network and of its own alternative: the
    case's figures, or (nobody joining) the zone's households weighted by their dwellings."""
    m = case.metrics
    net = m.get("household_network_cost_eur_per_month", float("nan"))
    alt = m.get("household_alternative_cost_eur_per_month", float("nan"))
    h = case.households
    if (not np.isfinite(net) or not np.isfinite(alt)) and len(h) and h["dwellings"].sum() > 0:
        w = h["dwellings"].to_numpy(dtype=float)
        net = float(np.average(h["network_cost_eur_per_yr"], weights=w)) / 12.0
        alt = float(np.average(h["alternative_cost_eur_per_yr"], weights=w)) / 12.0
    return float(net), float(alt)


def dscr_words(case: BusinessCase, lang: str = "nl") -> str:
    """The debt service cover as the bank's requirement: the bank lends no more than the cash
    flow covers ``min_dscr`` times in every year, so the lowest cover equals the requirement
    whenever that sizes the loan (and is no result of the project)."""
    required = float(case.inputs.min_dscr)
    lowest = case.metrics.get("min_dscr", float("nan"))
    debt = case.metrics.get("bank_debt_eur", 0.0)
    by_dscr = case.metrics.get("bank_debt_by_dscr_eur", float("nan"))
    text = t("dscr_requirement", lang).format(
        dscr=format_number(required, lang, 2),
        rate=format_share(case.inputs.debt_rate, lang, 1),
        years=format_number(case.inputs.debt_term_years, lang),
    )
    if not np.isfinite(lowest) or debt <= 0.5:
        return f"{text} {t('dscr_no_loan', lang)}"
    if np.isfinite(by_dscr) and abs(debt - by_dscr) <= 1.0:
        return f"{text} {t('dscr_sizes', lang).format(debt=format_money(debt, lang))}"
    return f"{text} {t('dscr_above', lang).format(dscr=format_number(lowest, lang, 2))}"


def sources_and_uses(case: BusinessCase, lang: str = "nl") -> pd.DataFrame:
    """Where the money for building comes from and where it goes (EUR excl. VAT), a row per
    item with an amount, uses first, each side with its total."""
    frame = case.financing_frame()
    rows = []
    for side in ("uses", "sources"):
        part = frame[(frame["side"] == side) & (frame["amount_eur"].abs() > 0.5)]
        for item, amount in zip(part["item"], part["amount_eur"], strict=True):
            rows.append((t(f"side_{side}", lang), t(_ITEMS.get(item, item), lang), amount))
        rows.append((t(f"side_{side}", lang), t("total", lang), float(part["amount_eur"].sum())))
    return pd.DataFrame(
        [(side, item, format_money(amount, lang)) for side, item, amount in rows],
        columns=[t("fin_side", lang), t("fin_item", lang), t("fin_amount", lang)],
    )


def coop_ratios(case: BusinessCase, lang: str = "nl") -> pd.DataFrame:
    """The figures a bank asks for, in words: investment, net present value at the stated
    rate, the project's and the members' return, the lowest DSCR against the requirement and
    the LLCR, the bank loan and the member capital."""
    m = case.metrics

    def ratio(key: str) -> str:
        v = m.get(key, float("nan"))
        return format_number(v, lang, 2) if np.isfinite(v) else "–"

    rows = [
        (t("r_investment", lang), format_money(m["investment_eur"], lang)),
        (
            t("r_npv", lang).format(rate=format_share(case.inputs.discount_rate, lang, 1)),
            format_money(m["project_npv_eur"], lang),
        ),
        (t("coop_project_irr", lang), format_share(m.get("project_irr", np.nan), lang, 1)),
        (t("coop_member_irr", lang), format_share(m.get("equity_irr", np.nan), lang, 1)),
        (
            t("r_dscr", lang),
            f"{ratio('min_dscr')} ({t('r_required', lang)} "
            f"{format_number(case.inputs.min_dscr, lang, 2)})",
        ),
        (t("r_llcr", lang), ratio("llcr")),
        (t("fin_bank_debt", lang), format_money(m["bank_debt_eur"], lang)),
        (t("fin_member_capital", lang), format_money(m["member_capital_eur"], lang)),
    ]
    return pd.DataFrame(rows, columns=[t("r_figure", lang), t("r_value", lang)])


def debt_schedule(case: BusinessCase, lang: str = "nl") -> pd.DataFrame:
    """The bank loan year by year: drawn, interest, repayment, what is left and the cover of
    that year's interest and repayment (DSCR)."""
    f = case.cash_flow_frame()
    keep = (
        f["bank_draw_eur"].abs() + f["bank_interest_eur"].abs() + f["bank_principal_eur"].abs()
    ) > 0.5
    f = f[keep]
    return pd.DataFrame(
        {
            t("axis_year", lang).capitalize(): f["year"].astype(int).astype(str),
            t("ds_draw", lang): [format_money(v, lang) for v in f["bank_draw_eur"]],
            t("ds_interest", lang): [format_money(v, lang) for v in f["bank_interest_eur"]],
            t("ds_principal", lang): [format_money(v, lang) for v in f["bank_principal_eur"]],
            t("ds_balance", lang): [format_money(v, lang) for v in f["bank_balance_eur"]],
            "DSCR": [format_number(v, lang, 2) for v in f["dscr"]],
        }
    )

"""Answers in words for one house: the sentence a resident came for, the table it is read from,
what changes at the next boiler replacement, and the loan behind "Aflossing".

Pure functions of :func:`wupmodel.app.house_strategies`'s table (one row per strategy, the
reference first); every amount in a sentence is a cell of :func:`house_costs_table`, so a
reader can check the one against the other.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from wupmodel.app.i18n import format_money, format_number, t, value_label
from wupmodel.money.subsidies import warmtefonds_loan
from wupmodel.params import Params

__all__ = [
    "GLOSSARY",
    "house_costs_table",
    "house_features_table",
    "house_answer",
    "boiler_answer",
    "loan_terms",
    "strategy_name",
    "strategy_phrase",
    "strategy_words",
]

#: the words Mijn huis explains (keys of the strings: ``gloss_<word>``)
GLOSSARY: tuple[str, ...] = ("aanvoertemperatuur", "mt_lt", "afleverset", "hybride", "isde")


def strategy_name(row: pd.Series, lang: str = "nl") -> str:
    """A strategy's name for a resident, with "(kan hier niet)" where its system does not fit
    the house (the house then keeps its boiler in that row)."""
    name = str(row["label_nl" if lang == "nl" else "label_en"])
    return name if bool(row["possible"]) else f"{name} ({t('not_possible', lang)})"


def _change(value: float, lang: str) -> str:
    if abs(value) < 0.5:
        return t("same", lang)
    word = t("more", lang) if value > 0 else t("less", lang)
    return f"{format_money(abs(value), lang)} {word}"


def strategy_phrase(row: pd.Series, lang: str = "nl") -> str:
    """A strategy as a sentence names it: "de hybride warmtepomp", "de cv-ketel houden"."""
    return strategy_words(str(row["strategy"]), strategy_name(row, lang), lang)


def strategy_words(strategy: str, label: str, lang: str = "nl") -> str:
    """A default strategy as a sentence names it (``phrase_<strategy>``), else its label."""
    key = f"phrase_{strategy}"
    text = t(key, lang)
    return label if text == key else text


def _pay_with(row: pd.Series, lang: str, short: bool = False) -> str:
    """How the investment after subsidy is paid: a loan, the rent, own money."""
    suffix = "_short" if short else ""
    if float(row["rent_eur"]) > 0.005:
        return t(f"pay_rent{suffix}", lang).format(eur=format_money(row["rent_eur"], lang))
    own = float(row["own_eur"]) > 0.005
    if float(row["loan_eur"]) > 0.005:
        text = t(f"pay_loan{suffix}", lang).format(eur=format_money(row["loan_eur"], lang))
        return f"{text} {t('and_own', lang)}" if own else text
    if own:
        return t(f"pay_own{suffix}", lang)
    if float(row["net_investment_eur"]) > 0.5:
        return t(f"pay_landlord{suffix}", lang)
    return "–"


def house_costs_table(house: pd.DataFrame, lang: str = "nl") -> pd.DataFrame:
    """What each strategy costs this household, as the page shows it: per month after the
    change, the difference with keeping the gas boiler, the investment, the subsidy and how
    the rest is paid (a few columns: it fits a projector's column)."""
    return pd.DataFrame(
        {
            t("strategy", lang): [strategy_name(r, lang) for _, r in house.iterrows()],
            t("col_per_month", lang): [format_money(v, lang) for v in house["monthly_eur"]],
            t("col_vs_boiler", lang): [_change(v, lang) for v in house["monthly_change_eur"]],
            t("col_invest", lang): [format_money(v, lang) for v in house["capex_eur"]],
            t("col_subsidy", lang): [format_money(v, lang) for v in house["subsidy_eur"]],
            t("col_pay_with", lang): [_pay_with(r, lang, True) for _, r in house.iterrows()],
        }
    )


def house_features_table(house: pd.DataFrame, lang: str = "nl") -> pd.DataFrame:
    """What each strategy means in the house, one row per feature and one column per
    strategy (transposed: six strategies fit a narrow screen where eleven columns do not)."""
    yes, no = t("yes", lang), t("no", lang)

    def flag(column: str) -> list[str]:
        return [yes if v else no for v in house[column]]

    rows = {
        t("mh_insulation", lang): [value_label("insulation", v, lang) for v in house["insulation"]],
        t("mh_supply_temp", lang): [
            format_number(v, lang, 0, "°C") for v in house["supply_temp_c"]
        ],
        t("mh_lt_emitters", lang): flag("lt_emitters"),
        t("mh_capacity", lang): [
            format_number(v, lang, 1, "kW") if v else "–" for v in house["capacity_kw"]
        ],
        t("mh_outdoor_unit", lang): flag("outdoor_unit"),
        t("mh_borehole", lang): flag("boreholes"),
        t("mh_delivery_set", lang): flag("delivery_set"),
        t("mh_keeps_gas", lang): flag("keeps_gas"),
        t("mh_co2", lang): [format_number(v, lang, 0, "kg") for v in house["co2_kg"]],
    }
    names = [str(v) for v in house["label_nl" if lang == "nl" else "label_en"]]
    frame = pd.DataFrame(rows, index=names).T.reset_index()
    return frame.rename(columns={"index": t("mh_what", lang)})


def _order(house: pd.DataFrame) -> pd.DataFrame:
    """The strategies that fit the house, cheapest per month first (the reference counts)."""
    fits = house[house["possible"].astype(bool)]
    return fits.sort_values("monthly_eur", kind="stable")


def house_answer(house: pd.DataFrame, lang: str = "nl") -> str:
    """The answer in one sentence: the cheapest strategy per month for this household with its
    investment, subsidy and how it is paid, against keeping the gas boiler, and the one after
    it. Every amount is a cell of :func:`house_costs_table`."""
    order = _order(house)
    best = order.iloc[0]
    reference = house.iloc[0]
    name = strategy_phrase(best, lang)
    if best["strategy"] == reference["strategy"]:
        text = t("answer_keep", lang).format(
            name=name,
            month=format_money(best["monthly_eur"], lang),
            invest=format_money(best["capex_eur"], lang),
        )
    else:
        text = t("answer_best", lang).format(
            name=name,
            month=format_money(best["monthly_eur"], lang),
            ref=format_money(reference["monthly_eur"], lang),
            invest=format_money(best["capex_eur"], lang),
            subsidy=format_money(best["subsidy_eur"], lang),
            pay=_pay_with(best, lang),
        )
    if len(order) > 1:
        second = order.iloc[1]
        text += " " + t("answer_next", lang).format(
            name=strategy_phrase(second, lang),
            month=format_money(second["monthly_eur"], lang),
        )
    return text


def boiler_answer(house: pd.DataFrame, params: Params, lang: str = "nl") -> str:
    """What changes at the next boiler replacement: a new boiler costs the reference's
    investment (and lasts ``life.gas_boiler_years``); whoever switches then pays only the
    difference with it."""
    order = _order(house)
    reference = house.iloc[0]
    others = order[order["strategy"] != reference["strategy"]]
    boiler = float(reference["capex_eur"])
    text = t("boiler_now", lang).format(
        eur=format_money(boiler, lang),
        years=format_number(params["life.gas_boiler_years"], lang),
    )
    if len(others):
        best = others.iloc[0]
        text += " " + t("boiler_then", lang).format(
            name=strategy_phrase(best, lang),
            extra=format_money(float(best["capex_eur"]) - boiler, lang),
            invest=format_money(best["capex_eur"], lang),
        )
    return text


def loan_terms(
    house: pd.DataFrame,
    income_eur: float | None,
    params: Params,
    term_years: float,
    lang: str = "nl",
) -> pd.DataFrame:
    """The Warmtefonds loan behind "Aflossing" for each strategy with a loan: the amount
    borrowed, the interest, the term and the monthly repayment (the repayment is the model's;
    amount, interest and term are the Energiebespaarlening's terms that give it).

    Returns an empty frame when no strategy carries a loan (own money, a tenant)."""
    rows = []
    for _, row in house.iterrows():
        payment = float(row["loan_eur"])
        if payment <= 0.005:
            continue
        loan = warmtefonds_loan(
            float(row["net_investment_eur"]), income_eur, term_years, params, strict=False
        )
        same = np.isclose(float(loan.monthly_payment_eur), payment, atol=0.01)
        rows.append(
            [
                strategy_name(row, lang),
                format_money(loan.principal_eur, lang) if same else "–",
                format_number(100 * float(loan.rate), lang, 2, "%") if same else "–",
                f"{format_number(loan.term_years, lang)} {t('years', lang)}" if same else "–",
                format_money(payment, lang, 2),
            ]
        )
    columns = [t(k, lang) for k in ("strategy", "loan_amount", "loan_rate", "loan_term")]
    return pd.DataFrame(rows, columns=[*columns, t("loan_month", lang)])

"""Uncertainty in plain words (pure sentences of :func:`wupmodel.distributions` and
:func:`wupmodel.tornado` tables): the range in nine cases out of ten, and the inputs that do not
move the figure chosen."""

from __future__ import annotations

import numpy as np
import pandas as pd

from wupmodel.app.i18n import format_money, t, value_label

__all__ = ["UNCERTAIN_FIGURES", "range_words", "unmoved_inputs"]

#: the figures the page offers: per household a month (a resident's) and national (a year)
UNCERTAIN_FIGURES: tuple[str, ...] = ("monthly_cost_change_avg_eur", "national_extra_eur_per_yr")

#: inputs that only enter the national view (no taxes, wholesale prices)
_NATIONAL_ONLY = (
    "prices.gas_production_eur_m3",
    "prices.elec_production_eur_kwh",
    "prices.heat_production_eur_gj",
    "production_prices",
)


def _amount(value: float, lang: str) -> str:
    return format_money(abs(value), lang)


def range_words(
    dist: pd.DataFrame, strategy: str, label: str, figure: str, lang: str = "nl"
) -> str:
    """The 5-95 % range of ``figure`` for one strategy in words: "in 9 van de 10 gevallen ..."
    (a row of :func:`wupmodel.distributions` with ``p05``, ``p50``, ``p95``)."""
    row = dist[dist["strategy"] == strategy].iloc[0]
    lo, mid, hi = float(row["p05"]), float(row["p50"]), float(row["p95"])
    monthly = figure == "monthly_cost_change_avg_eur"
    unit = t("per_month_hh" if monthly else "per_year_nl", lang)
    if lo >= 0 or hi <= 0:
        word = t("more" if lo >= 0 else "less", lang)
        low, high = sorted((abs(lo), abs(hi)))
        span = t("range_one_side", lang).format(
            low=format_money(low, lang), high=format_money(high, lang), word=word, unit=unit
        )
    else:
        span = t("range_both_sides", lang).format(
            low=_amount(lo, lang), high=_amount(hi, lang), unit=unit
        )
    middle = t("more" if mid > 0 else "less", lang) if abs(mid) >= 0.5 else ""
    return t("range_sentence_monthly" if monthly else "range_sentence_national", lang).format(
        name=label, span=span, mid=f"{_amount(mid, lang)} {middle}".strip()
    )


def unmoved_inputs(tornado: pd.DataFrame, figure: str, lang: str = "nl") -> str:
    """The uncertain inputs that do not move ``figure`` for the strategy of ``tornado`` (a
    :func:`wupmodel.tornado` table), in a sentence with why where the model says why (wholesale
    prices count only in the national cost); empty when every input moves it."""
    swing = np.abs(tornado["effect_high"].to_numpy(float) - tornado["effect_low"].to_numpy(float))
    still = [f for f, s in zip(tornado["factor"], swing, strict=True) if s < 0.005]
    if not still:
        return ""
    names = ", ".join(value_label("factor", f, lang) for f in still)
    text = t("unmoved", lang).format(names=names)
    if figure == "monthly_cost_change_avg_eur" and any(f in _NATIONAL_ONLY for f in still):
        text += " " + t("unmoved_national_only", lang)
    return text

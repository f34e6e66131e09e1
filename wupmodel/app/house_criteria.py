"""One house's well-being under every strategy, in plain words beside the money (Mijn huis).

:func:`house_wellbeing` gives the numbers of one dwelling (its group) under each strategy's
option: cold surfaces and draught in winter, the outdoor unit's sound at the neighbours against
the limit, summer overheating (TOjuli) against today and the limit, days of works and whether the
household can stay. :func:`wellbeing_words` turns them into a sentence per column in Dutch or
English.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from wupmodel.app.i18n import format_number, t
from wupmodel.criteria import indicators
from wupmodel.outcomes import Outcomes
from wupmodel.params import Params
from wupmodel.village import Strategy, strategy_choice

__all__ = ["house_wellbeing", "wellbeing_words"]

_FIELDS = (
    "cold_surface_k",
    "draught_qv10_dm3s_m2",
    "mould_risk",
    "noise_rating_db_a",
    "needs_screen",
    "needs_relocation",
    "overheating_tojuli_k",
    "works_days",
    "must_leave",
)


def house_wellbeing(
    outcomes: Outcomes, strategies: list[Strategy], params: Params, dwelling_id: str | None = None
) -> pd.DataFrame:
    """One row per strategy: ``strategy``, the indicators of the dwelling's option (see
    ``criteria_indicators.csv``) and today's values (``now_<indicator>``: the reference
    option), and the TOjuli limit (``tojuli_limit_k``).

    Parameters
    ----------
    outcomes
        An evaluation (a one-dwelling stock, or the village).
    strategies
        The strategies, as on the page (the first the reference).
    params
        The parameters of the evaluation.
    dwelling_id
        Which dwelling (default the first).
    """
    ids = np.asarray(outcomes.dwelling_ids).astype(str)
    row = 0 if dwelling_id is None else np.flatnonzero(ids == str(dwelling_id))
    if not isinstance(row, int):
        if row.size == 0:
            raise KeyError(f"no dwelling {dwelling_id!r}")
        row = int(row[0])
    g = int(outcomes.dwelling_group[row])
    ind = indicators(outcomes, params)
    ref = outcomes.catalogue.reference_index
    rows = []
    for s in strategies:
        o = int(strategy_choice(outcomes, s)[g])
        values = {name: float(ind[name][g, o]) for name in _FIELDS}
        values.update({f"now_{name}": float(ind[name][g, ref]) for name in _FIELDS})
        rows.append({"strategy": s.name, **values})
    frame = pd.DataFrame(rows)
    frame["tojuli_limit_k"] = params["criteria.tojuli_limit_k"]
    return frame


def _winter(r: pd.Series, lang: str) -> str:
    less = r["draught_qv10_dm3s_m2"] < r["now_draught_qv10_dm3s_m2"] - 1e-9
    text = t("wb_winter_text", lang).format(
        x=format_number(r["cold_surface_k"], lang, 1),
        now=format_number(r["now_cold_surface_k"], lang, 1),
        draught=t("wb_draught_less" if less else "wb_draught_same", lang),
    )
    return text + (t("wb_damp", lang) if r["mould_risk"] > 0.5 else "")


def _noise(r: pd.Series, lang: str) -> str:
    level = r["noise_rating_db_a"]
    if not np.isfinite(level):
        return t("wb_no_unit", lang)
    key = (
        "wb_noise_move"
        if r["needs_relocation"] > 0.5
        else "wb_noise_screen"
        if r["needs_screen"] > 0.5
        else "wb_noise_ok"
    )
    return t(key, lang).format(x=format_number(level, lang, 0))


def _summer(r: pd.Series, lang: str) -> str:
    now, x = r["now_overheating_tojuli_k"], r["overheating_tojuli_k"]
    if x <= 1e-9 and now > 1e-9:
        return t("wb_summer_cool", lang)
    key = (
        "wb_summer_warm"
        if x > now + 0.05
        else "wb_summer_cooler"
        if x < now - 0.05
        else "wb_summer_same"
    )
    return t(key, lang).format(
        x=format_number(x, lang, 1),
        now=format_number(now, lang, 1),
        limit=format_number(r["tojuli_limit_k"], lang, 1),
    )


def _works(r: pd.Series, lang: str) -> str:
    days = r["works_days"]
    if days <= 0:
        return t("wb_works_none", lang)
    key = "wb_works_leave" if r["must_leave"] > 0 else "wb_works_stay"
    unit = t("wb_day" if round(days) == 1 else "wb_days", lang)
    return t(key, lang).format(x=format_number(days, lang, 0), days=unit)


def wellbeing_words(frame: pd.DataFrame, lang: str = "nl") -> pd.DataFrame:
    """Per strategy (a :func:`house_wellbeing` frame): winter, noise, summer and the works in
    words, one column each (headers in ``lang``)."""
    return pd.DataFrame(
        {
            t("wb_winter", lang): [_winter(r, lang) for _, r in frame.iterrows()],
            t("wb_noise", lang): [_noise(r, lang) for _, r in frame.iterrows()],
            t("wb_summer", lang): [_summer(r, lang) for _, r in frame.iterrows()],
            t("wb_works", lang): [_works(r, lang) for _, r in frame.iterrows()],
        }
    )

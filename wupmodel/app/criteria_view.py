"""What the page Afwegen shows of a weighing: the sliders' criteria and presets, the ranking, the
groups side by side and every indicator, in a resident's words (Dutch or English), and its two
figures: every strategy on every weighed criterion (a radar) and how often each comes first under
random weights (bars), in the house style (:mod:`wupmodel.app.figure_style`).

Pure: a :class:`~wupmodel.criteria.CriteriaResult` in, frames and figures out.
"""

from __future__ import annotations

import math
import re

import pandas as pd
import plotly.graph_objects as go

from wupmodel.app.figure_style import (
    FONT_SIZE,
    MAIN,
    PALETTE,
    figure,
    hbar,
    value_texts,
    wrap_title,
)
from wupmodel.app.i18n import format_number, t
from wupmodel.criteria import CriteriaResult
from wupmodel.params import packaged_table

__all__ = [
    "GROUPS",
    "criteria_labels",
    "group_label",
    "strategy_label",
    "weight_presets",
    "ranking_frame",
    "groups_frame",
    "indicator_frame",
    "criteria_radar",
    "robustness_bars",
]

#: The indicators' units as a resident reads them (``criteria_indicators.csv``).
_UNITS = {
    "share": ("%", "%"),
    "days": ("dagen", "days"),
    "fraction": ("fractie", "fraction"),
    "EUR/month": ("euro/maand", "euro/month"),
    "EUR/yr": ("euro/jaar", "euro/yr"),
    "t/yr": ("ton/jaar", "t/yr"),
    "kWh/yr": ("kWh/jaar", "kWh/yr"),
    "m2": ("m²", "m²"),
    "m3": ("m³", "m³"),
    "m3/yr": ("m³/jaar", "m³/yr"),
    "dm3/(s m2)": ("dm³/s per m²", "dm³/s per m²"),
}

#: The packaged stakeholder groups, in the order the page offers them.
GROUPS: tuple[str, ...] = ("equal", "residents", "tenants", "corporation", "municipality")


def criteria_labels(result: CriteriaResult, lang: str = "nl") -> dict[str, str]:
    """Criterion -> its label in ``lang`` (every column of the result's table)."""
    meta = result.meta if result.meta is not None else pd.DataFrame()
    column = "label_nl" if lang == "nl" else "label_en"
    return {
        c: str(meta.at[c, column]) if c in meta.index else c.replace("_", " ")
        for c in result.table.columns
    }


def group_label(group: str, lang: str = "nl") -> str:
    """A stakeholder group's name in ``lang`` (a group of a file keeps its own name)."""
    key = f"group_{group}"
    text = t(key, lang)
    return group.replace("_", " ") if text == key else text


def strategy_label(strategy: str, lang: str = "nl") -> str:
    """A strategy's label (``strategies.csv``); an optimised plan is "Plan"."""
    table = packaged_table("strategies").set_index("strategy")
    if strategy in table.index:
        return str(table.at[strategy, "label_nl" if lang == "nl" else "label_en"])
    return strategy.replace("_", " ").capitalize()


def weight_presets() -> dict[str, dict[str, float]]:
    """Group -> criterion -> weight as packaged (``criteria_weights.csv``, not normalised: the
    sliders' starting values)."""
    table = packaged_table("criteria_weights")
    return {
        str(g): dict(zip(part["criterion"], part["weight"].astype(float), strict=True))
        for g, part in table.groupby("group", sort=False)
    }


def ranking_frame(result: CriteriaResult, lang: str = "nl") -> pd.DataFrame:
    """Place, strategy, score and the share of random weightings in which it comes first."""
    ranking = result.ranking()
    return pd.DataFrame(
        {
            t("afw_place", lang): ranking["rank"].astype(int).to_numpy(),
            t("strategy", lang): [strategy_label(s, lang) for s in ranking.index],
            t("afw_score", lang): [format_number(v, lang, 2) for v in ranking["score"]],
            t("afw_first_in", lang): [
                f"{format_number(100 * v, lang, 0)} %" for v in ranking["robustness"]
            ],
        }
    )


def groups_frame(result: CriteriaResult, lang: str = "nl") -> pd.DataFrame:
    """Strategy × (your weights, each group): the place under each weighting."""
    frame = pd.DataFrame(
        {t("strategy", lang): [strategy_label(s, lang) for s in result.ranks.index]}
    )
    frame[t("afw_yours", lang)] = result.ranks.astype(int).to_numpy()
    for g in result.group_ranks:
        frame[group_label(str(g), lang)] = result.group_ranks[g].astype(int).to_numpy()
    return frame


def _value(x: float, unit: str, lang: str) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    if unit == "share":
        return f"{format_number(100 * x, lang, 0)} %"
    decimals = 0 if abs(x) >= 100 else (1 if abs(x) >= 10 else 2)
    return format_number(x, lang, decimals)


def indicator_frame(result: CriteriaResult, lang: str = "nl") -> pd.DataFrame:
    """Every indicator (label and unit; the weighed first) × strategy, as text."""
    labels = criteria_labels(result, lang)
    meta = result.meta if result.meta is not None else pd.DataFrame()
    weighed = [c for c in result.table.columns if c in result.weights.criteria]
    order = weighed + [c for c in result.table.columns if c not in weighed]
    rows = []
    for c in order:
        unit = str(meta.at[c, "unit"]) if c in meta.index else ""
        shown = _UNITS.get(unit, (unit, unit))[0 if lang == "nl" else 1]
        row = {t("afw_indicator", lang): f"{labels[c]} [{shown}]"}
        for s in result.table.index:
            row[strategy_label(s, lang)] = _value(float(result.table.at[s, c]), unit, lang)
        rows.append(row)
    return pd.DataFrame(rows)


def _short(label: str) -> str:
    """A label without its parenthesis (the radar's axes are narrow)."""
    return re.sub(r"\s*\(.*?\)", "", label).strip()


def criteria_radar(result: CriteriaResult, lang: str = "nl") -> go.Figure:
    """Every strategy on every weighed criterion, normalised (1 = the best of the strategies,
    0 = the least); the first-ranked strategy drawn thick, the others thin."""
    normalised = result.normalised()
    names = [c for c in normalised.columns if result.weights.as_dict().get(c, 0.0) > 0]
    labels = criteria_labels(result, lang)
    # on two or three short lines: a long axis name at the side runs off the figure's edge
    theta = [wrap_title(_short(labels[c]), 16) for c in names]
    best = result.ranking().index[0]
    traces = []
    for i, s in enumerate(result.ranking().index):
        r = normalised.loc[s, names].tolist()
        top = s == best
        traces.append(
            go.Scatterpolar(
                r=[*r, r[0]] if r else r,
                theta=[*theta, theta[0]] if theta else theta,
                name=strategy_label(s, lang),
                mode="lines",
                line={"width": 5 if top else 2, "color": MAIN if top else PALETTE[1 + i % 5]},
                opacity=1.0 if top else 0.75,
            )
        )
    return figure(
        lang,
        traces,
        t("afw_radar", lang),
        640,
        polar={
            "radialaxis": {"range": [0, 1], "tickvals": [0, 0.5, 1], "tickfont": {"size": 12}},
            "angularaxis": {"tickfont": {"size": FONT_SIZE - 5}},
        },
        legend={"orientation": "h", "yanchor": "top", "y": -0.08, "x": 0.0},
        margin={"l": 120, "r": 120, "t": 70, "b": 10},
    )


def robustness_bars(result: CriteriaResult, lang: str = "nl") -> go.Figure:
    """Per strategy (in the order of the ranking): the share of random weightings in which it
    comes first."""
    ranking = result.ranking()
    shares = ranking["robustness"].to_numpy(dtype=float)
    bar = hbar(
        x=shares,
        y=[strategy_label(s, lang) for s in ranking.index],
        marker_color=MAIN,
        text=value_texts(shares, lang, 0, percent=True),
        textposition="auto",
        textangle=0,
        insidetextfont={"color": "white"},
        outsidetextfont={"color": "#111111"},
    )
    return figure(
        lang,
        [bar],
        t("afw_robust", lang),
        90 + 55 * len(ranking),
        xaxis={"tickformat": ".0%", "range": [0, max(1.0, float(shares.max()) * 1.1)]},
        yaxis={"autorange": "reversed"},
    )

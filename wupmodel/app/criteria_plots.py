"""The page Afwegen's figures: every strategy on every weighed criterion (a radar), and how often
each comes first under random weights (bars). Pure functions of a
:class:`~wupmodel.criteria.CriteriaResult`, in the house style (:mod:`wupmodel.app.figure_style`).
"""

from __future__ import annotations

import re

import plotly.graph_objects as go

from wupmodel.app.criteria_view import criteria_labels, strategy_label
from wupmodel.app.figure_style import FONT_SIZE, MAIN, PALETTE, figure, hbar, value_texts
from wupmodel.app.i18n import t
from wupmodel.criteria import CriteriaResult

__all__ = ["criteria_radar", "robustness_bars"]


def _short(label: str) -> str:
    """A label without its parenthesis (the radar's axes are narrow)."""
    return re.sub(r"\s*\(.*?\)", "", label).strip()


def criteria_radar(result: CriteriaResult, lang: str = "nl") -> go.Figure:
    """Every strategy on every weighed criterion, normalised (1 = the best of the strategies,
    0 = the least); the first-ranked strategy drawn thick, the others thin."""
    normalised = result.normalised()
    names = [c for c in normalised.columns if result.weights.as_dict().get(c, 0.0) > 0]
    labels = criteria_labels(result, lang)
    theta = [_short(labels[c]) for c in names]
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

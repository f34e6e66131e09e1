"""Plotly figures as pure functions of result frames (testable without a browser).

Every figure is made for a village evening on a projector: large type, dark text on white,
one strong colour, value labels on every bar, axis titles and legends in the resident's
language (:mod:`wupmodel.app.i18n`), no toolbar clutter (the app hides the mode bar).
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from wupmodel.app.figure_style import (
    FONT_SIZE,
    FOURTH,
    MAIN,
    PALETTE,
    SECOND,
    THIRD,
    figure,
    hbar,
    value_texts,
)
from wupmodel.app.i18n import t, value_label

__all__ = [
    "strategy_bars",
    "category_bars",
    "histogram_bars",
    "house_monthly_chart",
    "house_money_chart",
    "compare_chart",
    "mix_chart",
    "pareto_chart",
    "tornado_chart",
    "distribution_chart",
    "risk_chart",
    "FONT_SIZE",
]


def _labels(summary: pd.DataFrame, lang: str) -> list[str]:
    return list(summary["label_nl" if lang == "nl" else "label_en"])


def _span(values: np.ndarray, pad: float = 1.35) -> list[float]:
    """An axis range with room for the value labels beside the bars (both sides of zero)."""
    v = np.asarray(values, dtype=float)
    v = v[np.isfinite(v)]
    if not v.size:
        return [0.0, 1.0]
    lo, hi = min(0.0, float(v.min())), max(0.0, float(v.max()))
    if lo == hi:
        return [0.0, 1.0]
    width = hi - lo
    return [
        lo - (pad - 1.0) * width if lo < 0 else 0.0,
        hi + (pad - 1.0) * width if hi > 0 else 0.0,
    ]


def strategy_bars(
    summary: pd.DataFrame,
    column: str,
    title: str,
    lang: str = "nl",
    percent: bool = False,
    decimals: int = 0,
) -> go.Figure:
    """Horizontal bars of ``column`` per strategy (a strategy summary), a value label on each.

    A NaN value (e.g. the reference's cost per tonne avoided) is drawn as 0 with the label
    "n.v.t."/"n/a", never as an empty bar without explanation.
    """
    values = pd.to_numeric(summary[column], errors="coerce").to_numpy(dtype=float)
    text = value_texts(values, lang, decimals, percent)
    text = [s if s else ("n.v.t." if lang == "nl" else "n/a") for s in text]
    bar = hbar(
        x=np.nan_to_num(values),
        y=_labels(summary, lang),
        marker_color=MAIN,
        text=text,
        textposition="auto",  # inside a long bar, beside a short one
        insidetextfont={"color": "white"},
        outsidetextfont={"color": "#111111"},
    )
    axis = {"range": _span(np.nan_to_num(values))}
    return figure(
        lang,
        [bar],
        title,
        90 + 55 * len(summary),
        xaxis={**axis, "tickformat": ".0%"} if percent else axis,
        yaxis={"autorange": "reversed"},
    )


def category_bars(
    table: pd.DataFrame,
    kind: str,
    title: str,
    lang: str = "nl",
    column: str = "dwellings",
    axis: str | None = None,
    decimals: int = 0,
) -> go.Figure:
    """Vertical bars of ``column`` per ``value`` of a vocabulary ``kind`` (types, periods, ...),
    categories in words and a value label on each bar (tables of :func:`wupmodel.stock_overview`).
    """
    # long names on two lines ("Twee-onder-<br>een-kap"): upright, not turned on their side
    names = [
        "<br>".join(textwrap.wrap(value_label(kind, v, lang), 12, break_on_hyphens=True))
        for v in table["value"]
    ]
    values = table[column].to_numpy(dtype=float)
    bar = go.Bar(
        x=names,
        y=values,
        marker_color=MAIN,
        text=value_texts(values, lang, decimals),
        textposition="outside",
        cliponaxis=False,
    )
    top = float(np.nanmax(values)) * 1.25 if len(values) and np.nanmax(values) > 0 else 1.0
    return figure(
        lang,
        [bar],
        title,
        420,
        xaxis={"tickfont": {"size": FONT_SIZE - 3}},
        yaxis={"title": axis or t("axis_dwellings", lang), "range": [0, top]},
    )


def histogram_bars(
    values: np.ndarray, weights: np.ndarray, title: str, axis: str, lang: str = "nl", bins: int = 8
) -> go.Figure:
    """A weighted histogram drawn as bars (dwellings per range of ``values``), labelled."""
    v = np.asarray(values, dtype=float)
    w = np.asarray(weights, dtype=float)
    ok = np.isfinite(v)
    counts, edges = np.histogram(v[ok], bins=bins, weights=w[ok])
    step = edges[1] - edges[0] if len(edges) > 1 else 1.0
    digits = 0 if step >= 10 else 1
    names = [
        f"{value_texts([lo], lang, digits)[0]}–{value_texts([hi], lang, digits)[0]}"
        for lo, hi in zip(edges[:-1], edges[1:], strict=True)
    ]
    bar = go.Bar(
        x=names,
        y=counts,
        marker_color=MAIN,
        text=value_texts(counts, lang),
        textposition="outside",
        cliponaxis=False,
    )
    return figure(
        lang,
        [bar],
        title,
        xaxis={"title": axis},
        yaxis={
            "title": t("axis_dwellings", lang),
            "range": [0, max(float(counts.max()) * 1.18, 1.0)],
        },
    )


_HOUSE_PARTS = (
    ("bill", "part_bill", MAIN),
    ("loan", "part_loan", SECOND),
    ("rent", "part_rent", THIRD),
    ("own", "part_own", FOURTH),
)


def _house_names(house: pd.DataFrame, lang: str) -> list[str]:
    names = []
    for label, possible in zip(_labels(house, lang), house["possible"], strict=True):
        names.append(label if possible else f"{label} ({t('not_possible', lang)})")
    return names


def house_monthly_chart(house: pd.DataFrame, lang: str = "nl") -> go.Figure:
    """Stacked monthly housing costs of one house: today (the energy bill only: nothing bought
    yet), then after each strategy, the reference (keeping the gas boiler, replaced in time)
    first, by part (energy bill, loan, rent increase, own money), with the total on top of each
    bar (a table of :func:`wupmodel.house_strategies`)."""
    names = [t("now", lang)] + _house_names(house, lang)
    traces: list = []
    for part, key, colour in _HOUSE_PARTS:
        now = float(house[f"now_{part}_eur"].iloc[0])
        values = [now] + list(house[f"{part}_eur"].astype(float))
        traces.append(hbar(name=t(key, lang), y=names, x=values, marker_color=colour))
    totals = [float(house["monthly_now_eur"].iloc[0])] + list(house["monthly_eur"].astype(float))
    traces.append(
        go.Scatter(
            y=names,
            x=totals,
            mode="text",
            text=["€ " + s for s in value_texts(totals, lang)],
            textposition="middle right",
            showlegend=False,
            cliponaxis=False,
        )
    )
    return figure(
        lang,
        traces,
        t("fig_house_monthly", lang),
        120 + 60 * len(names),
        barmode="stack",
        xaxis={
            "title": t("axis_eur_month", lang),
            "range": [0, max(totals) * 1.25 if totals else 1],
        },
        yaxis={"autorange": "reversed"},
    )


def house_money_chart(house: pd.DataFrame, lang: str = "nl") -> go.Figure:
    """Investment, subsidy and what is left to pay (or borrow) per strategy for one house."""
    names = _house_names(house, lang)
    traces = []
    for col, key, colour in (
        ("capex_eur", "part_invest", MAIN),
        ("subsidy_eur", "part_subsidy", SECOND),
        ("net_investment_eur", "part_loaned", THIRD),
    ):
        values = house[col].astype(float).to_numpy()
        traces.append(
            hbar(
                name=t(key, lang),
                y=names,
                x=values,
                marker_color=colour,
                text=value_texts(values, lang),
                textposition="auto",  # inside a long bar, beside a short one
                insidetextfont={"color": "white"},
                outsidetextfont={"color": "#111111"},
            )
        )
    return figure(
        lang,
        traces,
        t("fig_house_invest", lang),
        140 + 90 * len(names),
        barmode="group",
        xaxis={"title": "euro", "range": [0, float(house["capex_eur"].max()) * 1.3 or 1]},
        yaxis={"autorange": "reversed"},
    )


def compare_chart(
    summaries: dict[str, pd.DataFrame], column: str, lang: str = "nl", percent: bool = False
) -> go.Figure:
    """Grouped bars: ``column`` per strategy, one colour per scenario (name -> its summary)."""
    traces = []
    every = []
    for i, (name, summary) in enumerate(summaries.items()):
        values = pd.to_numeric(summary[column], errors="coerce").to_numpy(dtype=float)
        every.append(np.nan_to_num(values))
        traces.append(
            hbar(
                name=name,
                y=_labels(summary, lang),
                x=np.nan_to_num(values),
                marker_color=PALETTE[i % len(PALETTE)],
                text=value_texts(values, lang, 0, percent),
                textposition="auto",  # inside a long bar, beside a short one
                insidetextfont={"color": "white"},
                outsidetextfont={"color": "#111111"},
            )
        )
    n = len(next(iter(summaries.values()))) if summaries else 1
    return figure(
        lang,
        traces,
        value_label("figure", column, lang),
        120 + n * (25 + 22 * max(len(summaries), 1)),
        barmode="group",
        xaxis={
            "range": _span(np.concatenate(every) if every else np.zeros(1)),
            **({"tickformat": ".0%"} if percent else {}),
        },
        yaxis={"autorange": "reversed"},
    )


def mix_chart(dwellings_by_heating: dict[str, float], lang: str = "nl") -> go.Figure:
    """Dwellings per heating system in a plan (``Plan.dwellings_by_heating``), labelled."""
    items = [(k, float(v)) for k, v in dwellings_by_heating.items() if float(v) > 1e-9]
    names = [value_label("heating", k, lang) for k, _v in items]
    values = np.array([v for _k, v in items])
    bar = hbar(
        y=names,
        x=values,
        marker_color=MAIN,
        text=value_texts(values, lang),
        textposition="auto",
        insidetextfont={"color": "white"},
    )
    return figure(
        lang,
        [bar],
        t("fig_mix", lang),
        120 + 55 * max(len(names), 1),
        xaxis={
            "title": t("axis_dwellings", lang),
            "range": [0, float(values.max()) * 1.2 if values.size else 1],
        },
        yaxis={"autorange": "reversed"},
    )


def pareto_chart(
    points: pd.DataFrame,
    lang: str = "nl",
    chosen: tuple[float, float] | None = None,
    axis: str | None = None,
) -> go.Figure:
    """The cost–CO2 Pareto front: ``co2_reduction`` (fraction) against ``objective_eur`` (EUR/yr)
    per point; ``chosen`` = (reduction, cost) of the plan shown, marked; ``axis`` says whose
    cost (default "cost a year")."""
    traces = [
        go.Scatter(
            x=points["co2_reduction"] * 100,
            y=points["objective_eur"],
            mode="lines+markers",
            marker={"size": 12, "color": MAIN},
            line={"width": 3, "color": MAIN},
            name=t("fig_pareto", lang),
        )
    ]
    if chosen is not None:
        traces.append(
            go.Scatter(
                x=[chosen[0] * 100],
                y=[chosen[1]],
                mode="markers+text",
                name=t("page_plan", lang),
                marker={"size": 20, "color": SECOND, "symbol": "star"},
                text=[t("page_plan", lang)],
                textposition="top center",
            )
        )
    # no legend: in a half-width column it covers the title; the plan's star carries its label
    return figure(
        lang,
        traces,
        t("fig_pareto", lang),
        440,
        xaxis={"title": t("axis_reduction", lang)},
        yaxis={"title": axis or t("axis_cost_year", lang)},
        showlegend=False,
    )


def factor_label(factor: str, lang: str = "nl") -> str:
    """A readable name for an uncertain input (``prices.gas_supply_eur_m3`` ...)."""
    known = value_label("factor", factor, lang)
    if known != factor.replace("_", " "):
        return known
    return factor.replace("prices.", "").replace(".trend", " (trend)").replace("_", " ")


def tornado_chart(
    table: pd.DataFrame, lang: str = "nl", top: int = 8, axis: str | None = None
) -> go.Figure:
    """Tornado: per factor the effect of its low and high value on the figure (a table of
    :func:`wupmodel.tornado` for one strategy), largest swing on top, labelled; ``axis`` names
    the figure and its unit (default the national extra cost a year). Factors that do not move
    the figure get no bar (the page names them in words)."""
    swing = np.abs(table["effect_high"].to_numpy(float) - table["effect_low"].to_numpy(float))
    part = table[swing >= 0.005].head(top)  # an input that does not move the figure: no bar
    names = [factor_label(f, lang) for f in part["factor"]]
    traces = []
    for col, key, colour in (("effect_low", "low", THIRD), ("effect_high", "high", SECOND)):
        values = part[col].to_numpy(dtype=float)
        traces.append(
            hbar(
                name=t(key, lang),
                y=names,
                x=values,
                marker_color=colour,
                text=value_texts(values, lang),
                textposition="auto",  # inside a long bar, beside a short one
                insidetextfont={"color": "white"},
                outsidetextfont={"color": "#111111"},
            )
        )
    reach = (
        float(np.nanmax(np.abs(part[["effect_low", "effect_high"]].to_numpy(dtype=float))))
        if len(part)
        else 1.0
    )
    reach = reach or 1.0
    return figure(
        lang,
        traces,
        t("fig_tornado", lang),
        160 + 55 * len(names),
        barmode="overlay",
        xaxis={
            "title": axis or t("axis_national_change", lang),
            "range": [-1.45 * reach, 1.45 * reach],
        },
        yaxis={"autorange": "reversed"},
    )


def distribution_chart(
    table: pd.DataFrame,
    summary: pd.DataFrame,
    lang: str = "nl",
    title: str | None = None,
    axis: str | None = None,
) -> go.Figure:
    """Per strategy the 5–95 % range and the median of a figure (a table of
    :func:`wupmodel.distributions`; ``summary`` gives the strategies' labels; ``title`` and
    ``axis`` name the figure, default the national extra cost a year)."""
    labels = dict(zip(summary["strategy"], _labels(summary, lang), strict=True))
    names = [labels.get(s, s) for s in table["strategy"]]
    lo, mid, hi = (table[c].to_numpy(dtype=float) for c in ("p05", "p50", "p95"))
    traces = [
        hbar(y=names, x=hi - lo, base=lo, marker_color="#9cc9b8", name="5–95 %"),
        go.Scatter(
            y=names,
            x=mid,
            mode="markers+text",
            marker={"size": 14, "color": MAIN},
            name="mediaan" if lang == "nl" else "median",
            text=value_texts(mid, lang),
            textposition="middle right",
        ),
    ]
    return figure(
        lang,
        traces,
        title or t("fig_distribution", lang),
        160 + 60 * len(names),
        xaxis={"title": axis or t("axis_national", lang), "range": _span(np.r_[lo, hi], 1.3)},
        yaxis={"autorange": "reversed"},
    )


def risk_chart(risk: pd.DataFrame, summary: pd.DataFrame, lang: str = "nl") -> go.Figure:
    """Per strategy the chance that a household pays more (the dwelling-weighted mean of
    ``p_rise`` of :func:`wupmodel.household_risk`), as labelled bars in percent."""
    labels = dict(zip(summary["strategy"], _labels(summary, lang), strict=True))
    w = risk["count"].to_numpy(dtype=float)
    chance = risk["p_rise"].to_numpy(dtype=float) * w
    frame = (
        pd.DataFrame({"strategy": risk["strategy"], "c": chance, "w": w})
        .groupby("strategy", sort=False)
        .sum()
    )
    values = (frame["c"] / frame["w"]).to_numpy() * 100.0  # percent
    names = [labels.get(s, s) for s in frame.index]
    bar = hbar(
        y=names,
        x=values,
        marker_color=SECOND,
        text=[f"{v}\u00a0%" for v in value_texts(values, lang)],
        textposition="auto",  # inside a long bar, beside a short one
        insidetextfont={"color": "white"},
        outsidetextfont={"color": "#111111"},
    )
    return figure(
        lang,
        [bar],
        t("fig_risk", lang),
        140 + 55 * len(names),
        xaxis={"title": t("axis_chance", lang), "ticksuffix": "\u00a0%", "range": [0, 115]},
        yaxis={"autorange": "reversed"},
    )

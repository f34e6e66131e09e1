"""Plotly figures as pure functions of result frames (testable without a browser).

Every figure is made for a village evening on a projector: large type, dark text on white,
one strong colour, value labels on every bar, axis titles and legends in the resident's
language (:mod:`wupmodel.report.i18n`), no toolbar clutter (the app hides the mode bar).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from wupmodel.report.i18n import t, value_label

__all__ = [
    "strategy_bars", "category_bars", "histogram_bars", "house_monthly_chart", "house_money_chart",
    "compare_chart", "mix_chart", "pareto_chart", "tornado_chart", "distribution_chart",
    "risk_chart", "FONT_SIZE",
]

#: base font size of every figure (px): readable from the back of a village hall
FONT_SIZE = 18
_MAIN = "#1b5e4a"  # dark green, high contrast on white
_SECOND = "#d9822b"  # orange
_THIRD = "#3f6fb5"  # blue
_FOURTH = "#8c3b8c"  # purple
_PALETTE = (_MAIN, _SECOND, _THIRD, _FOURTH, "#5a5a5a", "#b23a3a")


def _style(fig: go.Figure, title: str, height: int = 380) -> go.Figure:
    fig.update_layout(
        title={"text": title, "font": {"size": FONT_SIZE + 4}},
        font={"size": FONT_SIZE, "color": "#111111"},
        height=height,
        margin={"l": 10, "r": 30, "t": 70, "b": 10},
        paper_bgcolor="white",
        plot_bgcolor="white",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0.0},
        separators=",." if _dutch(fig) else ".,",
    )
    fig.update_xaxes(showgrid=True, gridcolor="#dddddd", zerolinecolor="#888888", automargin=True)
    fig.update_yaxes(showgrid=True, gridcolor="#dddddd", zerolinecolor="#888888", automargin=True)
    return fig


def _dutch(fig: go.Figure) -> bool:
    return bool(fig.layout.meta and fig.layout.meta.get("lang") == "nl")


def _figure(lang: str) -> go.Figure:
    return go.Figure(layout={"meta": {"lang": lang}})


def _fmt(values: Sequence[float], lang: str, decimals: int = 0, percent: bool = False) -> list[str]:
    """Value labels: thousands separated the Dutch or English way; empty for NaN."""
    out = []
    for v in values:
        if v is None or not np.isfinite(v):
            out.append("")
            continue
        text = f"{v * 100 if percent else v:,.{decimals}f}"
        if lang == "nl":
            text = text.replace(",", "_").replace(".", ",").replace("_", ".")
        out.append(text + (" %" if percent else ""))
    return out


def _labels(summary: pd.DataFrame, lang: str) -> list[str]:
    return list(summary["label_nl" if lang == "nl" else "label_en"])


def strategy_bars(summary: pd.DataFrame, column: str, title: str, lang: str = "nl",
                  percent: bool = False, decimals: int = 0) -> go.Figure:
    """Horizontal bars of ``column`` per strategy (a strategy summary), a value label on each.

    A NaN value (e.g. the reference's cost per tonne avoided) is drawn as 0 with the label
    "n.v.t."/"n/a", never as an empty bar without explanation.
    """
    values = pd.to_numeric(summary[column], errors="coerce").to_numpy(dtype=float)
    text = _fmt(values, lang, decimals, percent)
    text = [s if s else ("n.v.t." if lang == "nl" else "n/a") for s in text]
    fig = _figure(lang)
    fig.add_bar(x=np.nan_to_num(values), y=_labels(summary, lang), orientation="h", marker_color=_MAIN,
                text=text, textposition="auto", cliponaxis=False, insidetextfont={"color": "white"},
                outsidetextfont={"color": "#111111"})
    fig.update_yaxes(autorange="reversed")
    if percent:
        fig.update_xaxes(tickformat=".0%")
    return _style(fig, title, height=90 + 55 * len(summary))


def category_bars(table: pd.DataFrame, kind: str, title: str, lang: str = "nl",
                  column: str = "dwellings", axis: str | None = None, decimals: int = 0) -> go.Figure:
    """Vertical bars of ``column`` per ``value`` of a vocabulary ``kind`` (types, periods, ...),
    categories in words and a value label on each bar (tables of :func:`wupmodel.stock_overview`)."""
    names = [value_label(kind, v, lang) for v in table["value"]]
    values = table[column].to_numpy(dtype=float)
    fig = _figure(lang)
    fig.add_bar(x=names, y=values, marker_color=_MAIN, text=_fmt(values, lang, decimals),
                textposition="outside", cliponaxis=False)
    fig.update_yaxes(title=axis or t("axis_dwellings", lang), rangemode="tozero")
    fig.update_yaxes(range=[0, float(np.nanmax(values)) * 1.18 if len(values) and np.nanmax(values) > 0 else 1])
    return _style(fig, title)


def histogram_bars(values: np.ndarray, weights: np.ndarray, title: str, axis: str,
                   lang: str = "nl", bins: int = 8) -> go.Figure:
    """A weighted histogram drawn as bars (dwellings per range of ``values``), labelled."""
    v = np.asarray(values, dtype=float)
    w = np.asarray(weights, dtype=float)
    ok = np.isfinite(v)
    counts, edges = np.histogram(v[ok], bins=bins, weights=w[ok])
    step = edges[1] - edges[0] if len(edges) > 1 else 1.0
    digits = 0 if step >= 10 else 1
    names = [f"{_fmt([lo], lang, digits)[0]}–{_fmt([hi], lang, digits)[0]}" for lo, hi in zip(edges[:-1], edges[1:], strict=True)]
    fig = _figure(lang)
    fig.add_bar(x=names, y=counts, marker_color=_MAIN, text=_fmt(counts, lang), textposition="outside",
                cliponaxis=False)
    fig.update_xaxes(title=axis)
    fig.update_yaxes(title=t("axis_dwellings", lang), range=[0, max(float(counts.max()) * 1.18, 1.0)])
    return _style(fig, title)


_HOUSE_PARTS = (("bill", "part_bill", _MAIN), ("loan", "part_loan", _SECOND), ("rent", "part_rent", _THIRD),
                ("own", "part_own", _FOURTH))


def _house_names(house: pd.DataFrame, lang: str) -> list[str]:
    names = []
    for label, possible in zip(_labels(house, lang), house["possible"], strict=True):
        names.append(label if possible else f"{label} ({t('not_possible', lang)})")
    return names


def house_monthly_chart(house: pd.DataFrame, lang: str = "nl") -> go.Figure:
    """Stacked monthly housing costs of one house: now, then after each strategy, by part
    (energy bill, loan, rent increase, own money), with the total on top of each bar
    (a table of :func:`wupmodel.house_strategies`)."""
    names = [t("now", lang)] + _house_names(house, lang)
    fig = _figure(lang)
    for part, key, colour in _HOUSE_PARTS:
        now = float(house[f"now_{part}_eur"].iloc[0])
        values = [now] + list(house[f"{part}_eur"].astype(float))
        fig.add_bar(name=t(key, lang), y=names, x=values, orientation="h", marker_color=colour)
    totals = [float(house["monthly_now_eur"].iloc[0])] + list(house["monthly_eur"].astype(float))
    fig.add_scatter(y=names, x=totals, mode="text", text=["€ " + s for s in _fmt(totals, lang)],
                    textposition="middle right", showlegend=False, cliponaxis=False)
    fig.update_layout(barmode="stack")
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title=t("axis_eur_month", lang), range=[0, max(totals) * 1.25 if totals else 1])
    return _style(fig, t("fig_house_monthly", lang), height=120 + 60 * len(names))


def house_money_chart(house: pd.DataFrame, lang: str = "nl") -> go.Figure:
    """Investment, subsidy and what is left to pay (or borrow) per strategy for one house."""
    names = _house_names(house, lang)
    fig = _figure(lang)
    for col, key, colour in (("capex_eur", "part_invest", _MAIN), ("subsidy_eur", "part_subsidy", _SECOND),
                             ("net_investment_eur", "part_loaned", _THIRD)):
        values = house[col].astype(float).to_numpy()
        fig.add_bar(name=t(key, lang), y=names, x=values, orientation="h", marker_color=colour,
                    text=_fmt(values, lang), textposition="outside", cliponaxis=False)
    fig.update_layout(barmode="group")
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title="euro", range=[0, float(house["capex_eur"].max()) * 1.3 or 1])
    return _style(fig, t("fig_house_invest", lang), height=140 + 90 * len(names))


def compare_chart(summaries: dict[str, pd.DataFrame], column: str, lang: str = "nl",
                  percent: bool = False) -> go.Figure:
    """Grouped bars: ``column`` per strategy, one colour per scenario (name -> its summary)."""
    fig = _figure(lang)
    for i, (name, summary) in enumerate(summaries.items()):
        values = pd.to_numeric(summary[column], errors="coerce").to_numpy(dtype=float)
        fig.add_bar(name=name, y=_labels(summary, lang), x=np.nan_to_num(values), orientation="h",
                    marker_color=_PALETTE[i % len(_PALETTE)], text=_fmt(values, lang, 0, percent),
                    textposition="outside", cliponaxis=False)
    fig.update_layout(barmode="group")
    fig.update_yaxes(autorange="reversed")
    if percent:
        fig.update_xaxes(tickformat=".0%")
    n = len(next(iter(summaries.values()))) if summaries else 1
    return _style(fig, value_label("figure", column, lang), height=120 + n * (25 + 22 * max(len(summaries), 1)))


def mix_chart(dwellings_by_heating: dict[str, float], lang: str = "nl") -> go.Figure:
    """Dwellings per heating system in a plan (``Plan.dwellings_by_heating``), labelled."""
    items = [(k, float(v)) for k, v in dwellings_by_heating.items() if float(v) > 1e-9]
    names = [value_label("heating", k, lang) for k, _v in items]
    values = np.array([v for _k, v in items])
    fig = _figure(lang)
    fig.add_bar(y=names, x=values, orientation="h", marker_color=_MAIN, text=_fmt(values, lang),
                textposition="outside", cliponaxis=False)
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title=t("axis_dwellings", lang), range=[0, float(values.max()) * 1.2 if values.size else 1])
    return _style(fig, t("fig_mix", lang), height=120 + 55 * max(len(names), 1))


def pareto_chart(points: pd.DataFrame, lang: str = "nl", chosen: tuple[float, float] | None = None) -> go.Figure:
    """The cost–CO2 Pareto front: ``co2_reduction`` (fraction) against ``objective_eur`` (EUR/yr)
    per point; ``chosen`` = (reduction, cost) of the plan shown, marked."""
    fig = _figure(lang)
    fig.add_scatter(x=points["co2_reduction"] * 100, y=points["objective_eur"], mode="lines+markers",
                    marker={"size": 12, "color": _MAIN}, line={"width": 3, "color": _MAIN},
                    name=t("fig_pareto", lang))
    if chosen is not None:
        fig.add_scatter(x=[chosen[0] * 100], y=[chosen[1]], mode="markers+text", name=t("page_plan", lang),
                        marker={"size": 20, "color": _SECOND, "symbol": "star"},
                        text=[t("page_plan", lang)], textposition="top center")
    fig.update_xaxes(title=t("axis_reduction", lang))
    fig.update_yaxes(title=t("axis_cost_year", lang))
    return _style(fig, t("fig_pareto", lang), height=440)


def factor_label(factor: str, lang: str = "nl") -> str:
    """A readable name for an uncertain input (``prices.gas_supply_eur_m3`` ...)."""
    known = value_label("factor", factor, lang)
    if known != factor.replace("_", " "):
        return known
    return factor.replace("prices.", "").replace(".trend", " (trend)").replace("_", " ")


def tornado_chart(table: pd.DataFrame, lang: str = "nl", top: int = 8) -> go.Figure:
    """Tornado: per factor the effect of its low and high value on the figure (a table of
    :func:`wupmodel.tornado` for one strategy), largest swing on top, labelled."""
    part = table.head(top)
    names = [factor_label(f, lang) for f in part["factor"]]
    fig = _figure(lang)
    for col, key, colour in (("effect_low", "low", _THIRD), ("effect_high", "high", _SECOND)):
        values = part[col].to_numpy(dtype=float)
        fig.add_bar(name=t(key, lang), y=names, x=values, orientation="h", marker_color=colour,
                    text=_fmt(values, lang), textposition="outside", cliponaxis=False)
    fig.update_layout(barmode="overlay")
    fig.update_yaxes(autorange="reversed")
    reach = float(np.nanmax(np.abs(part[["effect_low", "effect_high"]].to_numpy(dtype=float)))) if len(part) else 1.0
    fig.update_xaxes(title=t("axis_national_change", lang), range=[-1.35 * (reach or 1.0), 1.35 * (reach or 1.0)])
    return _style(fig, t("fig_tornado", lang), height=160 + 55 * len(names))


def distribution_chart(table: pd.DataFrame, summary: pd.DataFrame, lang: str = "nl") -> go.Figure:
    """Per strategy the 5–95 % range and the median of a figure (a table of
    :func:`wupmodel.distributions`; ``summary`` gives the strategies' labels)."""
    labels = dict(zip(summary["strategy"], _labels(summary, lang), strict=True))
    names = [labels.get(s, s) for s in table["strategy"]]
    fig = _figure(lang)
    lo, mid, hi = (table[c].to_numpy(dtype=float) for c in ("p05", "p50", "p95"))
    fig.add_bar(y=names, x=hi - lo, base=lo, orientation="h", marker_color="#9cc9b8", name="5–95 %")
    fig.add_scatter(y=names, x=mid, mode="markers+text", marker={"size": 14, "color": _MAIN},
                    name="mediaan" if lang == "nl" else "median", text=_fmt(mid, lang), textposition="middle right")
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title=t("axis_national", lang), range=[min(0.0, float(np.nanmin(lo))) * 1.1,
                                                            float(np.nanmax(hi)) * 1.2 if len(hi) else 1.0])
    return _style(fig, t("fig_distribution", lang), height=160 + 60 * len(names))


def risk_chart(risk: pd.DataFrame, summary: pd.DataFrame, lang: str = "nl") -> go.Figure:
    """Per strategy the chance that a household pays more (the dwelling-weighted mean of
    ``p_rise`` of :func:`wupmodel.household_risk`), as labelled bars in percent."""
    labels = dict(zip(summary["strategy"], _labels(summary, lang), strict=True))
    w = risk["count"].to_numpy(dtype=float)
    chance = (risk["p_rise"].to_numpy(dtype=float) * w)
    frame = pd.DataFrame({"strategy": risk["strategy"], "c": chance, "w": w}).groupby("strategy", sort=False).sum()
    values = (frame["c"] / frame["w"]).to_numpy()
    names = [labels.get(s, s) for s in frame.index]
    fig = _figure(lang)
    fig.add_bar(y=names, x=values, orientation="h", marker_color=_SECOND, text=_fmt(values, lang, 0, True),
                textposition="outside", cliponaxis=False)
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title=t("axis_chance", lang), tickformat=".0%", range=[0, 1.15])
    return _style(fig, t("fig_risk", lang), height=140 + 55 * len(names))

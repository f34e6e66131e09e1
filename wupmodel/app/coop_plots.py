"""Figures of a cooperative's business case (:func:`wupmodel.business_case`), pure functions of
its frames in the house style of :mod:`wupmodel.app.plots`: the yearly cash flow, the debt
service coverage per year against the bank's minimum, and the participation curve."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from wupmodel.app.figure_style import MAIN, SECOND, THIRD, figure, value_texts
from wupmodel.app.i18n import t

__all__ = ["coop_cash_flow_chart", "coop_dscr_chart", "participation_chart"]


def coop_cash_flow_chart(cash_flow: pd.DataFrame, lang: str = "nl") -> go.Figure:
    """Per year the project's cash flow (investment negative, then CFADS) and what is left for
    the members after debt service (:meth:`BusinessCase.cash_flow_frame`), in k EUR."""
    years = cash_flow["year"].astype(int).tolist()
    project = cash_flow["project_cash_flow_eur"].to_numpy(dtype=float) / 1e3
    equity = cash_flow["equity_cash_flow_eur"].to_numpy(dtype=float) / 1e3
    traces = [
        go.Bar(x=years, y=project, name=t("coop_project_cf", lang), marker_color=MAIN),
        go.Scatter(
            x=years,
            y=equity,
            name=t("coop_member_cf", lang),
            mode="lines+markers",
            line={"color": SECOND, "width": 3},
        ),
    ]
    return figure(
        lang,
        traces,
        t("fig_coop_cash_flow", lang),
        420,
        xaxis={"title": t("axis_year", lang), "tickformat": "d"},
        yaxis={"title": t("axis_k_eur", lang)},
    )


def coop_dscr_chart(dscr_by_year: pd.Series, required: float, lang: str = "nl") -> go.Figure:
    """Debt service coverage ratio per year with a value label on each bar, and the bank's
    minimum as a line; a year below it is drawn in the warning colour."""
    years = [int(y) for y in dscr_by_year.index]
    values = dscr_by_year.to_numpy(dtype=float)
    colours = [SECOND if v < required - 1e-9 else MAIN for v in values]
    traces = [
        go.Bar(
            x=years,
            y=values,
            marker_color=colours,
            text=value_texts(values, lang, 2),
            textposition="outside",
            cliponaxis=False,
            name=t("coop_dscr", lang),
        ),
        go.Scatter(
            x=years,
            y=[required] * len(years),
            mode="lines",
            name=t("coop_dscr_required", lang),
            line={"color": "#111111", "dash": "dash", "width": 2},
        ),
    ]
    top = float(np.nanmax(values)) * 1.2 if len(values) and np.isfinite(values).any() else 2.0
    return figure(
        lang,
        traces,
        t("fig_coop_dscr", lang),
        400,
        xaxis={"title": t("axis_year", lang), "tickformat": "d"},
        yaxis={"title": t("axis_dscr", lang), "range": [0, max(top, required * 1.2)]},
    )


def participation_chart(
    curve: pd.DataFrame, fixed_charge_eur_per_yr: float, lang: str = "nl"
) -> go.Figure:
    """The share of the zone that joins at each fixed charge (:attr:`BusinessCase.curve`), with
    the charge set marked."""
    x = curve["tariff_fixed_eur_per_yr"].to_numpy(dtype=float)
    share = curve["participation"].to_numpy(dtype=float) * 100.0  # percent
    traces = [
        go.Scatter(
            x=x,
            y=share,
            mode="lines+markers",
            name=t("coop_joining", lang),
            line={"color": THIRD, "width": 3},
        ),
        go.Scatter(
            x=[fixed_charge_eur_per_yr, fixed_charge_eur_per_yr],
            y=[0.0, 100.0],
            mode="lines",
            name=t("coop_charge_set", lang),
            line={"color": SECOND, "dash": "dash", "width": 2},
        ),
    ]
    return figure(
        lang,
        traces,
        t("fig_coop_participation", lang),
        400,
        xaxis={"title": t("axis_fixed_charge", lang)},
        yaxis={"title": t("axis_share_joining", lang), "ticksuffix": "\u00a0%", "range": [0, 105]},
    )

"""The hours' figures (issue 21): one house's winter and summer day, and the village's load on
the coldest day against its grid (frames of :mod:`wupmodel.app.hours_view`)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from wupmodel.app.figure_style import FOURTH, MAIN, PALETTE, SECOND, THIRD, figure
from wupmodel.app.i18n import t

__all__ = ["house_days_chart", "coldest_day_chart"]

#: Legends of many entries go below the plot, clear of the title.
_LEGEND_BELOW = {"orientation": "h", "yanchor": "top", "y": -0.3, "x": 0.0}


def house_days_chart(days: pd.DataFrame, lang: str = "nl") -> go.Figure:
    """One house's use, PV, battery and grid per hour on a winter day and a summer day, side by
    side on one time axis (the winter day's 24 hours, then the summer day's)."""
    traces = []
    x_of = {}
    for day in ("winter", "summer"):  # two days
        part = days[days["day"] == day]
        x_of[day] = [f"{t('day_' + day, lang)} {h:02d}:00" for h in part["hour"]]
    x = x_of["winter"] + x_of["summer"]
    both = pd.concat([days[days["day"] == d] for d in ("winter", "summer")])
    for column, key, colour, dash in (
        ("demand_kw", "hours_demand", MAIN, "solid"),
        ("pv_kw", "hours_pv", SECOND, "solid"),
        ("grid_kw", "hours_grid", THIRD, "dot"),
    ):
        traces.append(
            go.Scatter(
                x=x,
                y=both[column].to_numpy(),
                name=t(key, lang),
                mode="lines",
                line={"color": colour, "width": 3, "dash": dash},
            )
        )
    traces.append(
        go.Bar(
            x=x, y=both["battery_kw"].to_numpy(), name=t("hours_battery", lang), marker_color=FOURTH
        )
    )
    return figure(
        lang,
        traces,
        t("fig_house_days", lang),
        560,
        xaxis={"title": t("axis_hour_utc", lang), "nticks": 12, "tickangle": -45},
        yaxis={"title": "kW"},
        legend=_LEGEND_BELOW | {"y": -0.55},
        margin={"l": 10, "r": 30, "t": 70, "b": 150},
    )


def coldest_day_chart(frame: pd.DataFrame, lang: str = "nl") -> go.Figure:
    """The village's load per strategy over the design year's coldest day, and the grid's
    capacity before reinforcement (a dashed line)."""
    label = "label_nl" if lang == "nl" else "label_en"
    traces = []
    for k, (_, part) in enumerate(frame.groupby("strategy", sort=False)):  # six strategies
        traces.append(
            go.Scatter(
                x=part["hour"],
                y=part["load_kw"],
                name=str(part[label].iloc[0]),
                mode="lines",
                line={"color": PALETTE[k % len(PALETTE)], "width": 3},
            )
        )
    capacity = float(frame["capacity_kw"].iloc[0])
    traces.append(
        go.Scatter(
            x=[0, 23],
            y=[capacity, capacity],
            name=t("hours_capacity", lang),
            mode="lines",
            line={"color": "#111111", "width": 2, "dash": "dash"},
        )
    )
    return figure(
        lang,
        traces,
        t("fig_coldest_day", lang),
        560,
        xaxis={"title": t("axis_hour_utc", lang), "dtick": 2},
        yaxis={"title": "kW", "rangemode": "tozero"},
        legend=_LEGEND_BELOW,
        margin={"l": 10, "r": 30, "t": 70, "b": 130},
    )

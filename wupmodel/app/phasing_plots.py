"""The time path's figures (pure functions of :class:`wupmodel.Phasing`'s tables): the zones ×
years chart (when each zone gets its heat network, its grid reinforcement, loses its gas) and
the switches per year by heating system, stacked."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from wupmodel.app.figure_style import FOURTH, MAIN, PALETTE, SECOND, THIRD, figure
from wupmodel.app.i18n import t, value_label
from wupmodel.app.village import zone_label
from wupmodel.vocabulary import HEATING_SYSTEMS

__all__ = ["gantt_chart", "yearly_bars"]

_EVENTS = (
    ("heat_network_year", "gantt_network", MAIN),
    ("reinforcement_year", "gantt_reinforced", SECOND),
    ("gas_disconnection_year", "gantt_gas_off", THIRD),
)


def gantt_chart(zones: pd.DataFrame, years: tuple[int, ...], lang: str = "nl") -> go.Figure:
    """Zones × years: a bar from the year each zone's heat network is built, its grid
    reinforced, its gas gone, to the end of the plan; planned street works as a marker.

    ``zones`` is :attr:`wupmodel.Phasing.zones`; ``years`` the plan's years.
    """
    first, last = int(years[0]), int(years[-1])
    names = [zone_label(z, lang) for z in zones["zone"]]  # as the village knows them
    traces = []
    for column, key, colour in _EVENTS:
        start = pd.to_numeric(zones[column], errors="coerce").to_numpy(dtype=float)
        has = np.isfinite(start)
        traces.append(
            go.Bar(
                y=[n for n, h in zip(names, has, strict=True) if h],
                x=(last + 1 - start[has]),
                base=start[has],
                orientation="h",
                name=t(key, lang),
                marker_color=colour,
                text=[str(int(s)) for s in start[has]],
                textposition="inside",
                insidetextanchor="start",
                hovertemplate="%{y}: %{base}<extra>" + t(key, lang) + "</extra>",
            )
        )
    works = pd.to_numeric(zones["works_year"], errors="coerce").to_numpy(dtype=float)
    if np.isfinite(works).any():
        has = np.isfinite(works)
        traces.append(
            go.Scatter(
                y=[n for n, h in zip(names, has, strict=True) if h],
                x=works[has],
                mode="markers",
                marker={"symbol": "x", "size": 16, "color": FOURTH},
                name=t("gantt_works", lang),
            )
        )
    return figure(
        lang,
        traces,
        t("fig_gantt", lang),
        160 + 60 * max(len(names), 1),
        xaxis={
            "title": t("axis_year", lang),
            "range": [first - 0.5, last + 1.5],
            "dtick": 5,
            "tickformat": "d",  # a year, not a number with a thousands separator
        },
        yaxis={"autorange": "reversed", "type": "category"},
        barmode="overlay",
    )


def yearly_bars(yearly: pd.DataFrame, lang: str = "nl") -> go.Figure:
    """Switches per year, stacked by the heating system the homes switch to (insulation or PV
    only, keeping the gas boiler, as its own colour)."""
    traces = []
    colours = dict(zip(HEATING_SYSTEMS[1:], PALETTE, strict=False))
    for system in (*HEATING_SYSTEMS[1:], "gas_boiler"):
        values = yearly[f"installations_{system}"].to_numpy(dtype=float)
        if not (values > 1e-6).any():
            continue
        name = (
            t("insulation_only", lang)
            if system == "gas_boiler"
            else value_label("heating", system, lang)
        )
        traces.append(
            go.Bar(
                x=yearly["year"],
                y=values,
                name=name,
                marker_color=colours.get(system, "#bbbbbb"),
                hovertemplate="%{x}: %{y:.0f}<extra>" + name + "</extra>",
            )
        )
    return figure(
        lang,
        traces,
        t("fig_years", lang),
        480,
        xaxis={"title": t("axis_year", lang), "dtick": 5, "tickformat": "d"},
        yaxis={"title": t("axis_switches", lang)},
        barmode="stack",
        legend={"orientation": "h", "yanchor": "top", "y": -0.22, "x": 0.0},
        margin={"l": 10, "r": 30, "t": 70, "b": 10},
    )

"""The house style of every figure: projector type sizes, the palette, one figure builder and
the value labels on bars (used by :mod:`wupmodel.app.plots` and
:mod:`wupmodel.app.coop_plots`)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from wupmodel.app.i18n import format_number

__all__ = [
    "FONT_SIZE",
    "MAIN",
    "SECOND",
    "THIRD",
    "FOURTH",
    "PALETTE",
    "figure",
    "hbar",
    "value_texts",
]

#: base font size of every figure (px): readable from the back of a village hall
FONT_SIZE = 18
MAIN = "#1b5e4a"  # dark green, high contrast on white
SECOND = "#d9822b"  # orange
THIRD = "#3f6fb5"  # blue
FOURTH = "#8c3b8c"  # purple
PALETTE = (MAIN, SECOND, THIRD, FOURTH, "#5a5a5a", "#b23a3a")


_AXIS = {"showgrid": True, "gridcolor": "#dddddd", "zerolinecolor": "#888888", "automargin": True}


def figure(
    lang: str,
    traces: list,
    title: str,
    height: int = 380,
    xaxis: dict | None = None,
    yaxis: dict | None = None,
    **layout: object,
) -> go.Figure:
    """One figure in the house style, built in one go (plotly validates once, not per update)."""
    return go.Figure(
        data=traces,
        layout={
            "meta": {"lang": lang},
            "title": {"text": title, "font": {"size": FONT_SIZE + 4}},
            "font": {"size": FONT_SIZE, "color": "#111111"},
            "height": height,
            "margin": {"l": 10, "r": 30, "t": 70, "b": 10},
            "paper_bgcolor": "white",
            "plot_bgcolor": "white",
            "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0.0},
            "separators": ",." if lang == "nl" else ".,",
            "xaxis": {**_AXIS, **(xaxis or {})},
            "yaxis": {**_AXIS, **(yaxis or {})},
            **layout,
        },
    )


def hbar(**kwargs: object) -> go.Bar:
    return go.Bar(orientation="h", cliponaxis=False, **kwargs)


def value_texts(
    values: Sequence[float], lang: str, decimals: int = 0, percent: bool = False
) -> list[str]:
    """Value labels: thousands separated the Dutch or English way; empty for NaN."""
    out = []
    for v in values:
        if v is None or not np.isfinite(v):
            out.append("")
            continue
        out.append(
            format_number(v * 100 if percent else v, lang, decimals) + (" %" if percent else "")
        )
    return out

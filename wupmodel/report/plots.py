"""Plotly figures as pure functions of result frames (testable without a browser)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go


def strategy_bars(summary: pd.DataFrame, column: str, title: str, lang: str = "nl") -> go.Figure:
    """Horizontal bars of ``column`` per strategy from :func:`wupmodel.village.strategy_summary`."""
    labels = summary["label_nl" if lang == "nl" else "label_en"]
    fig = go.Figure(go.Bar(x=summary[column], y=labels, orientation="h", marker_color="#2a7f62"))
    fig.update_layout(title=title, height=320, margin=dict(l=10, r=10, t=40, b=10))
    fig.update_yaxes(autorange="reversed")
    return fig

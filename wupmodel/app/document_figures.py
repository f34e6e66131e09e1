"""The document's figures as the app draws them: each figure of a
:class:`~wupmodel.WupDocument` as a Plotly figure of :mod:`wupmodel.app.plots` (or the house
style's plain bars and lines), exported to PNG through kaleido with the machine's Chromium;
without a browser (or kaleido) the same data drawn with matplotlib
(:func:`wupmodel.io.draw_figures`)."""

from __future__ import annotations

import asyncio
import os

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from wupmodel.app.coop_plots import coop_cash_flow_chart
from wupmodel.app.figure_style import PALETTE, figure, hbar, value_texts
from wupmodel.app.plots import category_bars, mix_chart, strategy_bars
from wupmodel.document import Figure, WupDocument
from wupmodel.document.words import HEATING
from wupmodel.io.wup_figures import draw_figures
from wupmodel.io.wup_pdf import find_browser
from wupmodel.vocabulary import HEATING_SYSTEMS

__all__ = ["document_plotly", "document_images", "FIGURE_WIDTH_PX", "FIGURE_HEIGHT_PX"]

FIGURE_WIDTH_PX = 900
FIGURE_HEIGHT_PX = 480
#: seconds the whole export may take before the matplotlib drawings are used instead
EXPORT_TIMEOUT_S = 90


def _values(fig: Figure, i: int = 0) -> np.ndarray:
    return np.asarray(fig.series[i].values, dtype=float)


def _from_app(fig: Figure) -> go.Figure | None:
    """The app's own figure for the figure's data, where the app has one."""
    if fig.chart == "strategy_bars":
        frame = pd.DataFrame({"label_nl": fig.categories, "value": _values(fig)})
        return strategy_bars(frame, "value", fig.title, "nl", fig.percent, fig.decimals)
    if fig.chart == "category_bars" and (_values(fig) >= 0).all():  # the app's bars start at 0
        frame = pd.DataFrame({"value": fig.categories, "dwellings": _values(fig)})
        return category_bars(frame, "figure", fig.title, "nl", axis=fig.axis, decimals=fig.decimals)
    if fig.chart == "mix_chart":
        names = {v: k for k, v in HEATING.items()}
        counts = {
            names.get(c, c): float(v) for c, v in zip(fig.categories, _values(fig), strict=True)
        }
        return mix_chart({h: counts.get(h, 0.0) for h in HEATING_SYSTEMS}, "nl")
    if fig.chart == "coop_cash_flow_chart":
        frame = pd.DataFrame(
            {
                "year": [int(c) for c in fig.categories],
                "project_cash_flow_eur": _values(fig, 0) * 1e3,
                "equity_cash_flow_eur": _values(fig, len(fig.series) - 1) * 1e3,
            }
        )
        return coop_cash_flow_chart(frame, "nl")
    return None


def _house_style(fig: Figure) -> go.Figure:
    """Plain bars or lines in the house style of the app's figures."""
    traces = []
    for i, s in enumerate(fig.series):
        colour = PALETTE[i % len(PALETTE)]
        values = np.asarray(s.values, dtype=float)
        if fig.kind == "line":
            traces.append(
                go.Scatter(
                    x=list(fig.categories),
                    y=values,
                    name=s.name,
                    mode="lines",
                    line={"color": colour, "width": 3},
                )
            )
        elif fig.kind == "hbar":
            traces.append(
                hbar(
                    x=values,
                    y=list(fig.categories),
                    name=s.name,
                    marker_color=colour,
                    text=value_texts(values, "nl", fig.decimals, fig.percent),
                )
            )
        else:
            traces.append(
                go.Bar(
                    x=list(fig.categories),
                    y=values,
                    name=s.name,
                    marker_color=colour,
                    text=value_texts(values, "nl", fig.decimals, fig.percent),
                )
            )
    layout = {"barmode": "stack"} if fig.kind == "stacked" else {}
    return figure("nl", traces, fig.title, FIGURE_HEIGHT_PX, yaxis={"title": fig.axis}, **layout)


def _years(categories: tuple[str, ...]) -> list[int] | None:
    """The categories as years when they all are (a line over years gets a year axis with a
    tick every few years, not one label per year)."""
    if categories and all(c.isdigit() and len(c) == 4 for c in categories):
        return [int(c) for c in categories]
    return None


def _dutch_axes(plot: go.Figure) -> go.Figure:
    """Thousands with a dot on the axis that carries the values (never on a year axis)."""
    horizontal = any(getattr(t, "orientation", None) == "h" for t in plot.data)
    if horizontal:
        plot.update_xaxes(separatethousands=True)
    else:
        plot.update_yaxes(separatethousands=True)
    return plot


def document_plotly(doc: WupDocument) -> dict[str, go.Figure]:
    """Every figure of the document as a Plotly figure, by key."""
    out = {}
    for fig in doc.figures():
        plot = _from_app(fig) or _house_style(fig)  # the app's figures wrap long labels
        years = _years(fig.categories) if fig.kind == "line" else None
        if years is not None:
            for trace in plot.data:
                trace.x = years
            plot.update_xaxes(type="linear", dtick=5, tickformat="d")
        if fig.kind == "line" and all(min(s.values, default=0) >= 0 for s in fig.series):
            plot.update_yaxes(rangemode="tozero")  # a count or a load from zero, never cut
        out[fig.key] = _dutch_axes(plot)
    return out


async def _export(figures: dict[str, go.Figure]) -> dict[str, bytes]:
    import kaleido

    out = {}
    async with kaleido.Kaleido(n=1, timeout=EXPORT_TIMEOUT_S) as k:
        for key, fig in figures.items():
            fig.update_layout(width=FIGURE_WIDTH_PX, height=max(fig.layout.height or 0, 380))
            out[key] = await k.calc_fig(fig, opts={"format": "png", "scale": 1.6})
    return out


def document_images(doc: WupDocument, engine: str = "auto") -> tuple[dict[str, bytes], str]:
    """PNG bytes of every figure, by key, and a note on how they were drawn.

    ``engine``: ``plotly`` (the app's figures through kaleido and the machine's Chromium),
    ``matplotlib`` (the same data re-drawn, no browser needed) or ``auto`` (plotly where a
    Chromium and kaleido are there, matplotlib otherwise or when the export fails).
    """
    figures = doc.figures()
    if engine not in ("auto", "plotly", "matplotlib"):
        raise ValueError(f"engine must be auto, plotly or matplotlib, got {engine!r}")
    browser = find_browser()
    if engine != "matplotlib" and browser is not None:
        try:
            import kaleido  # noqa: F401
        except ImportError:
            browser = None
    if engine == "matplotlib" or browser is None or not figures:
        note = "" if engine == "matplotlib" or not figures else "figures drawn with matplotlib"
        return draw_figures(figures), note
    os.environ.setdefault("BROWSER_PATH", browser)  # choreographer finds Debian's chromium
    try:
        return asyncio.run(_export(document_plotly(doc))), ""
    except Exception as err:  # noqa: BLE001 - any failure of the export: draw them instead
        if engine == "plotly":
            raise
        return draw_figures(figures), f"figures drawn with matplotlib ({err.__class__.__name__})"

"""The house style of every figure: projector type sizes, the palette, one figure builder and
the value labels on bars (used by :mod:`wupmodel.app.plots` and
:mod:`wupmodel.app.coop_plots`)."""

from __future__ import annotations

import textwrap
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
    "TITLE_CHARS",
    "figure",
    "fit_title",
    "hbar",
    "wrap_title",
    "value_texts",
]

#: base font size of every figure (px): readable from the back of a village hall
FONT_SIZE = 18
#: a title wraps after this many characters (a half column of a 1 024 px wide screen)
TITLE_CHARS = 26
#: pixels per title line and per legend row at these sizes
TITLE_LINE_PX = 28
LEGEND_ROW_PX = 30
MAIN = "#1b5e4a"  # dark green, high contrast on white
SECOND = "#d9822b"  # orange
THIRD = "#3f6fb5"  # blue
FOURTH = "#8c3b8c"  # purple
PALETTE = (MAIN, SECOND, THIRD, FOURTH, "#5a5a5a", "#b23a3a")


#: numbers on an axis as in the text: thousands separated, decimals only where there are any
#: (the figure's ``separators`` give them the Dutch or English marks); no "10k"
_AXIS = {
    "showgrid": True,
    "gridcolor": "#dddddd",
    "zerolinecolor": "#888888",
    "automargin": True,
    "tickformat": ",~f",
    "hoverformat": ",.2~f",
    "exponentformat": "none",
    "title": {"standoff": 8},
}


def wrap_title(text: str, width: int = TITLE_CHARS) -> str:
    """``text`` broken at spaces into lines of at most ``width`` characters (``<br>`` between
    them): a title fits its figure on a narrow screen instead of running off both sides."""
    return "<br>".join(textwrap.wrap(str(text), width, break_long_words=False)) if text else ""


def _legend_rows(traces: list) -> int:
    names = [
        str(getattr(tr, "name", "") or "")
        for tr in traces
        if getattr(tr, "showlegend", None) is not False and getattr(tr, "name", None)
    ]
    if not names:
        return 0
    chars = sum(len(n) + 5 for n in names)  # a symbol and a gap per entry
    return max(1, -(-chars // (TITLE_CHARS + 6)))


def _axis(base: dict | None) -> dict:
    axis = {**_AXIS, **(base or {})}
    title = axis.get("title")
    if isinstance(title, str):
        axis["title"] = {"text": title, "standoff": 8}
    return axis


# long because every layout setting of the house style is a keyword a figure may change
def figure(
    lang: str,
    traces: list,
    title: str,
    height: int = 380,
    xaxis: dict | None = None,
    yaxis: dict | None = None,
    **layout: object,
) -> go.Figure:
    """One figure in the house style, built in one go (plotly validates once, not per update).

    The title is wrapped (:func:`wrap_title`) and sits above the plot, left-aligned, with the
    room its lines need; the legend sits below the plot (never over the title); the height
    grows with both. Axis numbers follow the language (``separators``), without SI suffixes.
    """
    wrapped = wrap_title(title)
    lines = wrapped.count("<br>") + 1 if wrapped else 0
    rows = _legend_rows(traces) if layout.get("showlegend", True) else 0
    top = 10 + TITLE_LINE_PX * lines
    bottom = 10 + LEGEND_ROW_PX * rows
    fig = go.Figure(
        data=traces,
        layout={
            "meta": {"lang": lang, "title": str(title)},
            "title": {
                "text": wrapped,
                "font": {"size": FONT_SIZE + 2},
                "x": 0.0,
                "xanchor": "left",
                "xref": "container",
                "y": 1.0,
                "yanchor": "bottom",
                "yref": "paper",
                "automargin": True,
                # plotly anchors a title by its first line: the lines below it need the room
                "pad": {"b": 10 + 24 * max(lines - 1, 0), "l": 8},
            },
            "font": {"size": FONT_SIZE, "color": "#111111"},
            "height": height + TITLE_LINE_PX * max(lines - 1, 0) + LEGEND_ROW_PX * rows,
            "margin": {"l": 10, "r": 30, "t": top, "b": bottom},
            "paper_bgcolor": "white",
            "plot_bgcolor": "white",
            "legend": {
                "orientation": "h",
                "x": 0.0,
                "xanchor": "left",
                "xref": "container",
                "y": 0.0,
                "yanchor": "bottom",
                "yref": "container",
                "traceorder": "normal",
            },
            "separators": ",." if lang == "nl" else ".,",
            "xaxis": _axis(xaxis),
            "yaxis": _axis(yaxis),
            **layout,
        },
    )
    return fig


def fit_title(fig: go.Figure, chars: int) -> go.Figure:
    """``fig`` with its title wrapped for a figure ``chars`` title characters wide (a figure
    across the page takes about 60), the room above the plot and the height with it."""
    title = str((fig.layout.meta or {}).get("title", ""))
    old = str(fig.layout.title.text or "")
    new = wrap_title(title, chars)
    if not title or new == old:
        return fig
    before = old.count("<br>") + 1 if old else 0
    after = new.count("<br>") + 1 if new else 0
    fig.update_layout(
        title_text=new,
        title_pad_b=10 + 24 * max(after - 1, 0),
        margin_t=10 + TITLE_LINE_PX * after,
        height=int(fig.layout.height or 380) + TITLE_LINE_PX * (after - before),
    )
    return fig


def hbar(**kwargs: object) -> go.Bar:
    """A horizontal bar trace (value labels may reach past the axis: ``cliponaxis`` off)."""
    return go.Bar(**{"orientation": "h", "cliponaxis": False, "textangle": 0, **kwargs})


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
            format_number(v * 100 if percent else v, lang, decimals)
            + ("\u00a0%" if percent else "")
        )
    return out

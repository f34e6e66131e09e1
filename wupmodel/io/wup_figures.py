"""The document's figures drawn with matplotlib: the same data as the app's Plotly figures,
in the same colours, for machines without a browser to export those (PNG bytes per figure)."""

from __future__ import annotations

import io
import math

import numpy as np

from wupmodel.document import Figure
from wupmodel.document import numbers as nl

__all__ = ["draw_figure", "draw_figures", "FIGURE_DPI"]

#: the house style's colours (:mod:`wupmodel.app.figure_style`)
_PALETTE = ("#1b5e4a", "#d9822b", "#3f6fb5", "#8c3b8c", "#5a5a5a", "#b23a3a")
FIGURE_DPI = 150


def _label(value: float, fig: Figure) -> str:
    if not math.isfinite(value):
        return "n.v.t."
    return nl.share(value) if fig.percent else nl.num(value, fig.decimals)


def draw_figure(fig: Figure) -> bytes:
    """One figure as a PNG (16 x 8 cm at 150 dpi, Dutch numbers on the axis and the bars)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter

    cats = list(fig.categories)
    n = len(cats)
    height = max(3.2, 0.5 * n + 1.2) if fig.kind == "hbar" else 3.6
    plot, ax = plt.subplots(figsize=(6.3, height), dpi=FIGURE_DPI)
    ticks = FuncFormatter(lambda v, _p: nl.share(v) if fig.percent else nl.num(v))
    pos = np.arange(n)
    k = len(fig.series)
    for i, s in enumerate(fig.series):
        values = np.nan_to_num(np.asarray(s.values, dtype=float))
        colour = _PALETTE[i % len(_PALETTE)]
        if fig.kind == "line":
            ax.plot(
                pos, values, color=colour, linewidth=2.2, marker="o", markersize=3, label=s.name
            )
            continue
        width = 0.8 / k if fig.kind == "grouped" else 0.7
        offset = (i - (k - 1) / 2) * width if fig.kind == "grouped" else 0.0
        if fig.kind == "hbar":
            bars = ax.barh(pos + offset, values, height=width, color=colour, label=s.name)
        else:
            bars = ax.bar(pos + offset, values, width=width, color=colour, label=s.name)
        if n <= 12:
            texts = [_label(v, fig) for v in s.values]
            ax.bar_label(bars, labels=texts, padding=3, fontsize=8)
    if fig.kind == "hbar":
        ax.set_yticks(pos, cats, fontsize=9)
        ax.invert_yaxis()
        ax.xaxis.set_major_formatter(ticks)
        ax.set_xlabel(fig.axis, fontsize=9)
        ax.margins(x=0.18)
    else:
        step = max(1, n // 12)
        turn = n > 6 or max((len(c) for c in cats), default=0) * n > 70
        ax.set_xticks(
            pos[::step],
            cats[::step],
            fontsize=8,
            rotation=30 if turn else 0,
            ha="right" if turn else "center",
        )
        ax.yaxis.set_major_formatter(ticks)
        if fig.kind == "line" and all(min(s.values, default=0) >= 0 for s in fig.series):
            ax.set_ylim(bottom=0)  # a count or a load from zero, never cut
        ax.set_ylabel(fig.axis, fontsize=9)
        ax.margins(y=0.15)
    ax.set_title(fig.title, fontsize=11, loc="left")
    ax.grid(axis="x" if fig.kind == "hbar" else "y", color="#dddddd")
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    if k > 1 or fig.kind == "line":
        ax.legend(fontsize=8, frameon=False)
    plot.tight_layout()
    buffer = io.BytesIO()
    plot.savefig(buffer, format="png")
    plt.close(plot)
    return buffer.getvalue()


def draw_figures(figures: list[Figure]) -> dict[str, bytes]:
    """Every figure, by its key."""
    return {f.key: draw_figure(f) for f in figures}

"""Files of a sweep or batch: Parquet tables, a workbook, and HTML plots (plotly).

Every file is written to a temporary name beside its target and then renamed
(:func:`wupmodel.io.files.atomic_write`), so a failed or interrupted run leaves no partial file.
PNG output would need a browser download (kaleido); the plots are interactive HTML instead.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from wupmodel.errors import WupInputError
from wupmodel.io.atomic import atomic_write
from wupmodel.io.files import write_frame
from wupmodel.uncertainty.analyses import (
    distributions,
    least_regret,
    prob_cheaper,
    sobol_indices,
    tornado,
)
from wupmodel.uncertainty.batch import batch_summary
from wupmodel.uncertainty.sweep import FIGURES, SweepResult

__all__ = [
    "sweep_sheets",
    "write_sweep_report",
    "write_batch",
    "tornado_figure",
    "distribution_figure",
]

_MAIN = (
    "national_extra_eur_per_yr",
    "national_eur_per_t_co2",
    "end_user_extra_eur_per_yr",
    "monthly_cost_change_avg_eur",
    "share_paying_more",
)


def _workbook(path: Path, sheets: dict[str, pd.DataFrame]) -> Path:
    def write(tmp: Path) -> None:
        with pd.ExcelWriter(tmp, engine="xlsxwriter") as xl:
            for name, frame in sheets.items():
                frame.to_excel(xl, sheet_name=name[:31], index=name in ("prob_cheaper",))

    atomic_write(path, write)
    return path


def sweep_sheets(result: SweepResult) -> dict[str, pd.DataFrame]:
    """The analyses a sweep's design allows, as tables."""
    sheets: dict[str, pd.DataFrame] = {}
    if result.design.method == "oat":
        sheets["tornado"] = pd.concat([tornado(result, f) for f in _MAIN], ignore_index=True)
    else:
        sheets["distributions"] = pd.concat(
            [distributions(result, f) for f in FIGURES], ignore_index=True
        )
        sheets["prob_cheaper"] = prob_cheaper(result)
        sheets["least_regret"] = least_regret(result)
        if result.design.method == "sobol":
            sheets["sobol"] = pd.concat(
                [
                    sobol_indices(result, f, strategy=list(result.strategies[1:]))
                    for f in ("national_extra_eur_per_yr", "end_user_extra_eur_per_yr")
                ],
                ignore_index=True,
            )
    sheets["samples"] = result.design.to_frame()
    sheets["notes"] = pd.DataFrame({"note": list(result.notes)})
    return sheets


def tornado_figure(table: pd.DataFrame, strategy: str):
    """A plotly tornado of one strategy's rows of :func:`tornado`."""
    import plotly.graph_objects as go

    t = table[table["strategy"] == strategy].iloc[::-1]
    fig = go.Figure()
    fig.add_bar(y=t["factor"], x=t["effect_low"], orientation="h", name="low")
    fig.add_bar(y=t["factor"], x=t["effect_high"], orientation="h", name="high")
    fig.update_layout(
        barmode="overlay",
        title=f"{strategy}: {t['figure'].iloc[0]} vs base",
        xaxis_title=FIGURES.get(t["figure"].iloc[0], ""),
    )
    return fig


def distribution_figure(result: SweepResult, figure: str):
    """A plotly box plot of ``figure`` per strategy over the samples."""
    import plotly.graph_objects as go

    wide = result.figure(figure)
    fig = go.Figure()
    for s in result.strategies:
        fig.add_box(y=wide[s], name=s, boxpoints=False)
    fig.update_layout(title=FIGURES[figure], yaxis_title=figure)
    return fig


def write_sweep_report(result: SweepResult, folder: str | Path) -> list[Path]:
    """Workbook ``sweep.xlsx`` and HTML plots (tornado or distributions) into ``folder``."""
    out = Path(folder)
    if out.exists() and not out.is_dir():
        raise WupInputError(f"{folder}: exists and is not a folder", str(folder))
    out.mkdir(parents=True, exist_ok=True)
    sheets = sweep_sheets(result)
    written = [_workbook(out / "sweep.xlsx", sheets)]
    if "tornado" in sheets:
        for s in result.strategies[1:]:
            fig = tornado_figure(
                sheets["tornado"][sheets["tornado"]["figure"] == "national_extra_eur_per_yr"], s
            )
            path = out / f"tornado_{s}.html"
            atomic_write(path, lambda tmp, fig=fig: fig.write_html(tmp, include_plotlyjs=True))
            written.append(path)
    else:
        for f in _MAIN:
            fig = distribution_figure(result, f)
            path = out / f"distribution_{f}.html"
            atomic_write(path, lambda tmp, fig=fig: fig.write_html(tmp, include_plotlyjs=True))
            written.append(path)
    return written


def write_batch(results: pd.DataFrame, out: str | Path) -> list[Path]:
    """The batch table (Parquet or CSV) and its summary workbook beside it (same stem, .xlsx)."""
    table = write_frame(results, out)
    book = _workbook(table.with_suffix(".xlsx"), batch_summary(results))
    return [table, book]

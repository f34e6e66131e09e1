"""Scenario comparison: the village strategies of two or more scenarios side by side.

:func:`compare` evaluates each scenario on its stock (or one shared stock) and returns

* ``comparison`` -- one row per strategy x figure (both perspectives), a column per scenario
  and, for every scenario after the first, its difference from the first;
* ``assumptions_differing`` -- every parameter, price series and scenario setting whose value
  differs between the scenarios (what explains the differences);
* ``summary_<label>`` -- each scenario's own strategy summary.

:func:`compare_tables` does the same from tables already computed (pure).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from wupmodel.evaluate import evaluate
from wupmodel.inputs import model_inputs
from wupmodel.scenario import FINANCE_PARAMETERS, Scenario
from wupmodel.stock import stock_for
from wupmodel.summary import summarise

__all__ = ["compare", "compare_tables", "COMPARED_FIGURES"]

#: Summary figures compared (both perspectives), in table order.
COMPARED_FIGURES: tuple[str, ...] = (
    "dwellings_feasible",
    "gas_m3",
    "electricity_mwh",
    "heat_gj",
    "co2_t",
    "co2_reduction",
    "peak_kw",
    "investment_eur",
    "subsidy_eur",
    "national_extra_eur_per_yr",
    "national_eur_per_t_co2",
    "national_eur_per_weq_per_yr",
    "end_user_extra_eur_per_yr",
    "monthly_cost_change_avg_eur",
    "bill_change_avg_eur",
    "loan_avg_eur",
    "own_capital_avg_eur",
    "rent_avg_eur",
    "share_paying_more",
)

_PERSPECTIVE = {
    "national_extra_eur_per_yr": "national",
    "national_eur_per_t_co2": "national",
    "national_eur_per_weq_per_yr": "national",
    "end_user_extra_eur_per_yr": "end user",
    "monthly_cost_change_avg_eur": "end user",
    "bill_change_avg_eur": "end user",
    "loan_avg_eur": "end user",
    "own_capital_avg_eur": "end user",
    "rent_avg_eur": "end user",
    "share_paying_more": "end user",
    "investment_eur": "end user",
    "subsidy_eur": "end user",
}


def _labels(scenarios: Sequence[Scenario], labels: Sequence[str] | None) -> list[str]:
    names = list(labels) if labels is not None else [s.name for s in scenarios]
    if len(names) != len(scenarios):
        raise ValueError("one label per scenario")
    out: list[str] = []
    for name in names:
        label, k = name, 2
        while label in out:
            label, k = f"{name} #{k}", k + 1
        out.append(label)
    return out


def _paths_text(frame: pd.DataFrame, series: str) -> str:
    part = frame[frame["series"] == series]
    first, last = part.iloc[0], part.iloc[-1]
    return (
        f"{int(first.year)}: {first.value:.4g} ... {int(last.year)}: {last.value:.4g} (mean"
        f" {part['value'].mean():.4g})"
    )


def _figures_side_by_side(
    tables: Sequence[Mapping[str, pd.DataFrame]], labels: Sequence[str]
) -> pd.DataFrame:
    """Per strategy and figure: each scenario's value and its difference from the first."""
    base = tables[0]["summary"].set_index("strategy")
    rows = []
    for strategy in base.index:
        for fig in COMPARED_FIGURES:
            if fig not in base.columns:
                continue
            row = {
                "strategy": strategy,
                "figure": fig,
                "perspective": _PERSPECTIVE.get(fig, "physical"),
            }
            values = []
            for label, t in zip(labels, tables, strict=True):
                s = t["summary"].set_index("strategy")
                v = (
                    float(s.at[strategy, fig])
                    if strategy in s.index and fig in s.columns
                    else np.nan
                )
                row[label] = v
                values.append(v)
            for label, v in zip(labels[1:], values[1:], strict=True):
                row[f"{label} - {labels[0]}"] = v - values[0]
            rows.append(row)
    return pd.DataFrame(rows)


def _parameters_differing(
    tables: Sequence[Mapping[str, pd.DataFrame]], labels: Sequence[str]
) -> list[dict]:
    """Parameters whose value differs between the scenarios."""

    diffs: list[dict] = []
    a0 = tables[0]["assumptions"].set_index("parameter")
    for parameter in a0.index:
        vals = [
            float(t["assumptions"].set_index("parameter").at[parameter, "value"]) for t in tables
        ]
        if any(v != vals[0] for v in vals[1:]):
            diffs.append(
                {
                    "kind": "parameter",
                    "key": parameter,
                    "unit": a0.at[parameter, "unit"],
                    **{lab: f"{v:g}" for lab, v in zip(labels, vals, strict=True)},
                }
            )
    return diffs


def _price_paths_differing(
    tables: Sequence[Mapping[str, pd.DataFrame]], labels: Sequence[str]
) -> list[dict]:
    """Price series whose path differs between the scenarios."""
    diffs: list[dict] = []
    p0 = tables[0]["price_paths"]
    for series in p0["series"].unique():
        paths = [
            t["price_paths"][t["price_paths"]["series"] == series]["value"].to_numpy()
            for t in tables
        ]
        if any(p.shape != paths[0].shape or not np.array_equal(p, paths[0]) for p in paths[1:]):
            diffs.append(
                {
                    "kind": "price path",
                    "key": f"prices.{series}",
                    "unit": p0.loc[p0["series"] == series, "unit"].iloc[0],
                    **{
                        lab: _paths_text(t["price_paths"], series)
                        for lab, t in zip(labels, tables, strict=True)
                    },
                }
            )
    return diffs


def _settings_differing(
    tables: Sequence[Mapping[str, pd.DataFrame]], labels: Sequence[str]
) -> list[dict]:
    """Scenario settings (not parameters or prices) that differ between the scenarios."""
    diffs: list[dict] = []
    skip = {"name", "description"} | {f"finance.{k}" for k in FINANCE_PARAMETERS}
    keys = list(dict.fromkeys(k for t in tables for k in t["scenario"]["key"]))
    for key in keys:
        if key in skip or key.startswith(("prices", "parameters")):
            continue
        vals = []
        for t in tables:
            s = t["scenario"]
            hit = s.loc[s["key"] == key, "value"]
            vals.append(str(hit.iloc[0]) if len(hit) else "none")
        if any(v != vals[0] for v in vals[1:]):
            diffs.append(
                {"kind": "scenario", "key": key, "unit": "", **dict(zip(labels, vals, strict=True))}
            )
    return diffs


def compare_tables(
    tables: Sequence[Mapping[str, pd.DataFrame]], labels: Sequence[str]
) -> dict[str, pd.DataFrame]:
    """Comparison tables from each scenario's :func:`wupmodel.summarise` tables.

    Parameters
    ----------
    tables
        One mapping of tables per scenario (with ``summary``, ``assumptions``,
        ``price_paths`` and ``scenario``).
    labels
        A distinct label per scenario (column names).

    Returns
    -------
    dict
        ``comparison``, ``assumptions_differing`` and ``summary_<i>`` per scenario.
    """
    comparison = _figures_side_by_side(tables, labels)
    diffs = (
        _parameters_differing(tables, labels)
        + _price_paths_differing(tables, labels)
        + _settings_differing(tables, labels)
    )
    differing = pd.DataFrame(diffs, columns=["kind", "key", "unit", *labels])
    out = {"comparison": comparison, "assumptions_differing": differing}
    for i, t in enumerate(tables):
        out[f"summary_{i + 1}"] = t["summary"]
    return out


def compare(
    stock: pd.DataFrame | None,
    scenarios: Sequence[Scenario],
    labels: Sequence[str] | None = None,
) -> dict[str, pd.DataFrame]:
    """Evaluate ``scenarios`` and set their village strategies side by side.

    Parameters
    ----------
    stock
        One dwelling stock for all scenarios (``--stock``); None: each scenario's own.
    scenarios
        Two or more scenarios (one alone is compared with itself: no differences).
    labels
        Column label per scenario (default the scenario names, made distinct).

    Returns
    -------
    dict
        ``comparison`` (strategy x figure, a column per scenario and the differences from
        the first), ``assumptions_differing`` (every parameter, price series or setting
        whose value differs) and ``summary_<i>`` (each scenario's summary).

    Examples
    --------
    >>> import wupmodel as wm
    >>> s = wm.load_scenario()
    >>> out = wm.compare(None, [s, wm.apply_settings(s, {"finance.social_discount_rate": 0.04})])
    >>> list(out["assumptions_differing"]["key"])
    ['finance.social_discount_rate']
    """
    if not scenarios:
        raise ValueError("compare needs at least one scenario")
    names = _labels(scenarios, labels)
    tables = []
    for scenario in scenarios:
        inputs = model_inputs(scenario)
        outcomes = evaluate(stock if stock is not None else stock_for(scenario), inputs)
        tables.append(summarise(outcomes, inputs))
    return compare_tables(tables, names)

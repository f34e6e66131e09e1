"""The weighing's files and text: what ``wupmodel criteria`` prints and writes.

:func:`criteria_text` is the terminal text (the indicator table of the strategies, the ranking
with its robustness, the stakeholder groups side by side, the notices); :func:`criteria_json`
the JSON (the result's :meth:`~wupmodel.criteria.CriteriaResult.to_dict` with the provenance);
:func:`write_criteria` writes ``criteria.xlsx`` (a read-me sheet first), a CSV per table and
``criteria.json``, atomically.
"""

from __future__ import annotations

import json
import os
import textwrap
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from wupmodel.criteria import CriteriaResult
from wupmodel.io.atomic import atomic_write
from wupmodel.io.provenance import provenance_table, run_provenance
from wupmodel.io.workbook import write_workbook
from wupmodel.scenario import Scenario

__all__ = ["criteria_text", "criteria_json", "write_criteria", "indicator_text_table"]


def _value(x: float, unit: str) -> str:
    if pd.isna(x):
        return "-"
    if unit == "share":
        return f"{100 * x:.0f} %"
    if abs(x) >= 1000:
        return f"{x:,.0f}".replace(",", " ")
    return f"{x:.2f}" if abs(x) < 10 else f"{x:.1f}"


def indicator_text_table(result: CriteriaResult, weighed_only: bool = False) -> pd.DataFrame:
    """Indicator (label and unit) × strategy as text, the weighed criteria first."""
    meta = result.meta if result.meta is not None else pd.DataFrame()
    meta = meta.reindex(result.table.columns)
    weighed = [c for c in result.table.columns if c in result.weights.criteria]
    rest = [] if weighed_only else [c for c in result.table.columns if c not in weighed]
    rows = {}
    for c in weighed + rest:
        unit = str(meta.at[c, "unit"]) if "unit" in meta else ""
        mark = "*" if c in weighed else " "
        label = f"{mark} {meta.at[c, 'label_en'] if 'label_en' in meta else c} [{unit}]"
        rows[label] = {s: _value(result.table.at[s, c], unit) for s in result.table.index}
    return pd.DataFrame.from_dict(rows, orient="index")


def _ranking_text(result: CriteriaResult) -> str:
    frame = result.ranking().rename_axis("strategy").reset_index()
    frame["score"] = frame["score"].map(lambda v: f"{v:.3f}")
    frame["first in"] = frame.pop("robustness").map(lambda v: f"{100 * v:.1f} %")
    return frame.to_string(index=False)


def criteria_text(result: CriteriaResult, scenario_name: str = "", dwellings: int = 0) -> str:
    """The weighing as terminal text."""
    weights = ", ".join(f"{c} {w:.2f}" for c, w in result.weights.as_dict().items() if w > 0)
    who = result.weights.group or "custom"
    head = f"{scenario_name}: " if scenario_name else ""
    lines = [
        f"{head}{dwellings} dwellings; the strategies on every criterion"
        if dwellings
        else f"{head}the strategies on every criterion",
        "",
        "Indicators (village means or shares; * = weighed)",
        indicator_text_table(result).to_string(),
        "",
        f"Ranking ({result.method}, weights of '{who}'); 'first in' = share of "
        f"{result.n_samples:,} random weightings in which the strategy ranks first",
        _ranking_text(result),
        "",
        *textwrap.wrap(f"Weights used (sum 1): {weights}", 100),
    ]
    if not result.group_ranks.empty:
        lines += [
            "",
            "Rank under each stakeholder group's weights (illustrative unless a file gave them)",
            result.group_ranks.rename_axis("strategy").to_string(),
        ]
    if result.notices:
        lines += ["", "Notes:"]
        for note in result.notices:
            lines += textwrap.wrap(note, 100, initial_indent="- ", subsequent_indent="  ")
    return "\n".join(lines)


def criteria_json(
    result: CriteriaResult, scenario: Scenario, provenance: Mapping | None = None
) -> dict:
    """The JSON of ``wupmodel criteria``: provenance, scenario, and the result's
    :meth:`~wupmodel.criteria.CriteriaResult.to_dict`."""
    block = dict(provenance) if provenance is not None else run_provenance(scenario)
    return {"provenance": block, "scenario": scenario.name, **result.to_dict()}


def write_criteria(
    out_dir: str | os.PathLike,
    result: CriteriaResult,
    scenario: Scenario,
    provenance: Mapping | None = None,
    lang: str = "en",
) -> list[Path]:
    """Write ``criteria.xlsx``, one CSV per table and ``criteria.json`` into ``out_dir``.

    Returns
    -------
    list of Path
        The files written.
    """
    block = dict(provenance) if provenance is not None else run_provenance(scenario)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tables = result.tables(lang)
    written = [write_workbook(out / "criteria.xlsx", tables, block, lang)]
    for name, frame in {**tables, "provenance": provenance_table(block)}.items():
        path = out / f"{name}.csv"
        atomic_write(path, lambda tmp, frame=frame: frame.to_csv(tmp, index=False))
        written.append(path)
    path = out / "criteria.json"
    text = json.dumps(criteria_json(result, scenario, block), indent=2, ensure_ascii=False)
    atomic_write(path, lambda tmp: tmp.write_text(text, "utf-8"))
    written.append(path)
    return written

"""Result files: the Excel workbook, CSV files, the JSON summary, each written atomically.

:func:`write_outputs` is the only function of the report package that touches the disk; every
file goes through a temporary name in the same folder, so an interrupted run never leaves a
half-written file where a good one was.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable, Mapping
from pathlib import Path

import numpy as np
import pandas as pd

from wupmodel.scenario import Scenario, dump_scenario


def _json_safe(value):
    if isinstance(value, float | np.floating):
        return None if math.isnan(value) or math.isinf(value) else float(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.bool_):
        return bool(value)
    return value


def summary_json(tables: Mapping[str, pd.DataFrame], scenario: Scenario, notices: tuple[str, ...] = ()) -> dict:
    """The JSON summary: scenario, strategies (both perspectives), who pays."""
    def records(frame: pd.DataFrame) -> list[dict]:
        return [{k: _json_safe(v) for k, v in row.items()} for row in frame.to_dict(orient="records")]

    out = {
        "scenario": scenario.name,
        "village": scenario.village.name,
        "price_year": scenario.years.start,
        "horizon": [scenario.years.start, scenario.years.end],
        "dwellings": _json_safe(tables["summary"]["dwellings"].iloc[0]),
        "strategies": records(tables["summary"]),
        "notices": list(notices),
    }
    if "who_pays" in tables:
        out["who_pays"] = records(tables["who_pays"])
    return out


def atomic_write(path: Path, write: Callable[[Path], object]) -> None:
    """Call ``write(tmp)`` on a temporary file beside ``path``, then rename it onto ``path``.

    An interrupted or failing write never leaves a half-written ``path`` (nor the temporary).
    """
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def write_outputs(
    out_dir: str | os.PathLike, tables: Mapping[str, pd.DataFrame], summary: dict, scenario: Scenario
) -> list[Path]:
    """Write ``results.xlsx``, one CSV per table, ``summary.json`` and the scenario used.

    Returns the paths written.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []

    def excel(tmp: Path) -> None:
        with pd.ExcelWriter(tmp, engine="xlsxwriter") as writer:
            for name, frame in tables.items():
                frame.to_excel(writer, sheet_name=name[:31], index=False)
                sheet = writer.sheets[name[:31]]
                sheet.freeze_panes(1, 0)
                sheet.autofit()

    path = out / "results.xlsx"
    atomic_write(path, excel)
    written.append(path)
    for name, frame in tables.items():
        path = out / f"{name}.csv"
        atomic_write(path, lambda tmp, frame=frame: frame.to_csv(tmp, index=False))
        written.append(path)
    path = out / "summary.json"
    atomic_write(path, lambda tmp: tmp.write_text(json.dumps(summary, indent=2, ensure_ascii=False), "utf-8"))
    written.append(path)
    path = out / "scenario_used.yaml"
    atomic_write(path, lambda tmp: tmp.write_text(dump_scenario(scenario), "utf-8"))
    written.append(path)
    return written

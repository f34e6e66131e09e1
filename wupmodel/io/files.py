"""Result files: the Excel workbook, CSV files, the JSON summary, each written atomically.

:func:`write_outputs` is the only function of the report package that touches the disk; every
file goes through a temporary name in the same folder, so an interrupted run never leaves a
half-written file where a good one was.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from wupmodel.criteria import CriteriaResult
from wupmodel.errors import WupInputError
from wupmodel.io.atomic import atomic_write
from wupmodel.io.provenance import mark_unused_village, provenance_table, run_provenance
from wupmodel.io.workbook import write_workbook
from wupmodel.outcomes import Outcomes
from wupmodel.scenario import Scenario, dump_scenario


def _json_safe(value):
    if isinstance(value, float | np.floating):
        return None if math.isnan(value) or math.isinf(value) else float(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.bool_):
        return bool(value)
    return value


def summary_json(
    tables: Mapping[str, pd.DataFrame],
    scenario: Scenario,
    notices: tuple[str, ...] = (),
    provenance: Mapping | None = None,
    criteria: CriteriaResult | None = None,
) -> dict:
    """The JSON summary: provenance, scenario, strategies (both perspectives), who pays, and
    with ``criteria`` the well-being criteria: the indicators per strategy, the ranking with the
    weights used, the robustness and the stakeholder groups (``criteria``)."""

    def records(frame: pd.DataFrame) -> list[dict]:
        return [
            {k: _json_safe(v) for k, v in row.items()} for row in frame.to_dict(orient="records")
        ]

    out = {
        "provenance": dict(provenance) if provenance is not None else run_provenance(scenario),
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
    if "assumptions" in tables:
        a = tables["assumptions"]
        out["parameters_overridden"] = records(
            a.loc[a["overridden"], ["parameter", "value", "unit", "default", "origin"]]
        )
    if criteria is not None:
        out["criteria"] = criteria.to_dict()
    out["scenario_resolved"] = yaml.safe_load(dump_scenario(scenario, resolved=True))
    return out


def write_outputs(
    out_dir: str | os.PathLike,
    tables: Mapping[str, pd.DataFrame],
    scenario: Scenario,
    notices: tuple[str, ...] = (),
    provenance: Mapping | None = None,
    lang: str = "en",
    criteria: CriteriaResult | None = None,
) -> list[Path]:
    """Write ``results.xlsx``, one CSV per table, ``summary.json`` and the scenario used.

    Every file carries the provenance block (the workbook on its read-me and provenance
    sheets, the CSV folder as ``provenance.csv``, the JSON under ``provenance``, the YAML as a
    comment); ``scenario_used.yaml`` is the resolved scenario (finance defaults filled in).

    Parameters
    ----------
    out_dir
        Folder to write into (created if missing).
    tables
        The tables of :func:`wupmodel.summary.summarise`.
    scenario
        The scenario that was run.
    notices
        Notes of the evaluation (``outcomes.notices``), kept in the JSON.
    provenance
        The block of :func:`wupmodel.io.provenance.run_provenance` (default: built from
        ``scenario`` without a command line).
    lang
        Workbook headers: ``"en"`` (default) or ``"nl"``.
    criteria
        The well-being criteria (:func:`wupmodel.criteria`): their tables (indicators per
        strategy, the ranking with the weights used and the groups' ranks, the weights) join
        the workbook and the CSV files, and the JSON gets them under ``criteria``.

    Returns
    -------
    list of Path
        The files written.
    """
    block = dict(provenance) if provenance is not None else run_provenance(scenario)
    tables = mark_unused_village(
        tables, scenario, block
    )  # a --stock file: the buurt made no dwelling
    summary = summary_json(tables, scenario, notices, block, criteria)
    if criteria is not None:
        tables = {**tables, **criteria.tables(lang)}
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = [write_workbook(out / "results.xlsx", tables, block, lang)]
    csv_tables = {**tables, "provenance": provenance_table(block)}
    for name, frame in csv_tables.items():
        path = out / f"{name}.csv"
        atomic_write(path, lambda tmp, frame=frame: frame.to_csv(tmp, index=False))
        written.append(path)
    path = out / "summary.json"
    atomic_write(
        path, lambda tmp: tmp.write_text(json.dumps(summary, indent=2, ensure_ascii=False), "utf-8")
    )
    written.append(path)
    path = out / "scenario_used.yaml"
    head = "".join(f"# {row.item}: {row.value}\n" for row in provenance_table(block).itertuples())
    text = (
        "# The scenario as run (defaults filled in); provenance:\n"
        + head
        + dump_scenario(scenario, resolved=True)
    )
    atomic_write(path, lambda tmp: tmp.write_text(text, "utf-8"))
    written.append(path)
    return written


def write_comparison(
    out_dir: str | os.PathLike,
    tables: Mapping[str, pd.DataFrame],
    scenarios: list[Scenario],
    stock_file: str | os.PathLike | None = None,
    command: list[str] | str | None = None,
    lang: str = "en",
) -> list[Path]:
    """Write the tables of :func:`wupmodel.compare` as ``comparison.xlsx`` and CSV files, with
    the provenance of every scenario (``provenance.csv``, the workbook's read-me sheet)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    blocks = [run_provenance(s, stock_file, command) for s in scenarios]
    block = {
        **blocks[0],
        "scenario": " | ".join(s.name for s in scenarios),
        "stock": (
            blocks[0]["stock"]
            if stock_file
            else {f"{i + 1}": json.dumps(b["stock"]) for i, b in enumerate(blocks)}
        ),
        "overrides": {
            f"{i + 1}.{k}": v for i, b in enumerate(blocks) for k, v in b["overrides"].items()
        },
    }
    written = [write_workbook(out / "comparison.xlsx", tables, block, lang)]
    for name, frame in {**tables, "provenance": provenance_table(block)}.items():
        path = out / f"{name}.csv"
        atomic_write(path, lambda tmp, frame=frame: frame.to_csv(tmp, index=False))
        written.append(path)
    return written


def write_json(path: str | os.PathLike, payload: Mapping) -> Path:
    """Write ``payload`` as indented UTF-8 JSON, atomically."""
    path = Path(path)
    text = json.dumps(payload, indent=2, ensure_ascii=False, default=str)
    atomic_write(path, lambda tmp: tmp.write_text(text, "utf-8"))
    return path


def write_frame(frame: pd.DataFrame, path: str | os.PathLike) -> Path:
    """Write a table as CSV or Parquet (by extension), atomically."""
    out = path
    path = Path(path)
    if path.suffix.lower() not in (".parquet", ".csv"):
        raise WupInputError(f"{out}: the output must end in .parquet or .csv", str(out))
    if not path.parent.exists():
        raise WupInputError(f"{out}: folder {path.parent} does not exist", str(out))
    if path.suffix.lower() == ".parquet":
        atomic_write(path, lambda tmp: frame.to_parquet(tmp, index=False))
    else:
        atomic_write(path, lambda tmp: frame.to_csv(tmp, index=False))
    return path


#: Groups per chunk when outcomes are streamed to a file: about 400 000 rows of the long
#: table (96 options) and ~60 MB of money arrays per chunk.
STREAM_CHUNK_GROUPS = 4096


def write_outcomes(
    outcomes: Outcomes | Iterable[Outcomes], path: str | os.PathLike, per: str = "dwelling"
) -> tuple[int, int]:
    """Write the long outcome table (one row per dwelling × option) to CSV or Parquet, chunk by
    chunk, atomically: Parquet gets one row group per chunk, CSV is appended; the whole table is
    never held in memory.

    Parameters
    ----------
    outcomes
        An :class:`~wupmodel.outcomes.Outcomes` (written per evaluated chunk), or the chunks of
        :func:`wupmodel.iter_evaluate` (e.g. ``chunk_size=STREAM_CHUNK_GROUPS``).
    path
        ``.csv`` or ``.parquet`` file.
    per
        ``"dwelling"`` or ``"group"`` (see :meth:`~wupmodel.outcomes.Outcomes.to_frame`).

    Returns
    -------
    (int, int)
        Rows written and the number of options.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = Path(path)
    frames = (
        outcomes.iter_frames(per) if isinstance(outcomes, Outcomes) else _frames_of(outcomes, per)
    )
    counts = {"rows": 0, "options": 0}

    def write(tmp: Path) -> None:
        writer = None
        try:
            for i, frame in enumerate(frames):
                counts["rows"] += len(frame)
                counts["options"] = max(counts["options"], int(frame["option_id"].nunique()))
                if path.suffix.lower() == ".parquet":
                    table = pa.Table.from_pandas(frame, preserve_index=False)
                    if writer is None:
                        writer = pq.ParquetWriter(tmp, table.schema)
                    writer.write_table(table)
                else:
                    frame.to_csv(tmp, index=False, mode="w" if i == 0 else "a", header=i == 0)
        finally:
            if writer is not None:
                writer.close()

    atomic_write(path, write)
    return counts["rows"], counts["options"]


def _frames_of(parts: Iterable[Outcomes], per: str) -> Iterator[pd.DataFrame]:
    for part in parts:
        yield from part.iter_frames(per)

"""The figures pinned by the golden file of the default village (shared by the test and
``scripts/make_golden.py``)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

import wupmodel as wm

GOLDEN_PATH = Path(__file__).parent / "golden" / "aalden_default.json"

#: every this-many-th dwelling is pinned row by row (all 96 options)
SAMPLE_EVERY = 50
#: plan fields that are timings or solver diagnostics, not results
_PLAN_VOLATILE = ("build_seconds", "solve_seconds", "gap")


def _finite_sum(values: np.ndarray, weights: np.ndarray | None = None) -> tuple[float, int]:
    finite = np.isfinite(values)
    w = np.ones_like(values) if weights is None else weights
    return float(np.sum(np.where(finite, values * w, 0.0))), int((~finite).sum())


def _frame_records(frame: pd.DataFrame) -> dict[str, list]:
    out: dict[str, list] = {}
    for col in frame.columns:
        values = frame[col]
        if pd.api.types.is_bool_dtype(values):
            out[col] = [bool(v) for v in values]
        elif pd.api.types.is_numeric_dtype(values):
            out[col] = [float(v) for v in values]
        else:
            out[col] = [
                None if v is None or (isinstance(v, float) and v != v) else str(v) for v in values
            ]
    return out


def golden_figures() -> dict:
    """Outcomes (per-option totals, per-dwelling sums, sampled rows), the strategy tables and
    the optimised plan of the packaged default scenario."""
    scenario = wm.load_scenario()
    stock = wm.stock_for(scenario)
    inputs = wm.model_inputs(scenario)
    outcomes = wm.evaluate(stock, inputs)
    frame = outcomes.to_frame()
    numeric = [c for c in frame.columns if pd.api.types.is_numeric_dtype(frame[c]) and c != "count"]
    weights = frame["count"].to_numpy(float)

    per_option: dict[str, list] = {}
    per_dwelling: dict[str, list] = {}
    options = frame["option_id"].to_numpy()
    dwellings = frame["dwelling_id"].to_numpy()
    n_options = len(pd.unique(options))
    for col in numeric:
        values = frame[col].to_numpy(float)
        by_option = values.reshape(-1, n_options)
        w = weights.reshape(-1, n_options)
        per_option[col] = [_finite_sum(by_option[:, j], w[:, j]) for j in range(n_options)]
        per_dwelling[col] = [_finite_sum(by_option[i]) for i in range(by_option.shape[0])]
    sample_ids = pd.unique(dwellings)[::SAMPLE_EVERY]
    sample = frame[frame["dwelling_id"].isin(sample_ids)].reset_index(drop=True)

    tables = wm.summarise(outcomes, inputs)

    plan = wm.optimise(stock, scenario, co2_reduction=0.6, pareto=3)
    front = plan.pareto_front
    # the Pareto points are pinned below (pareto_3), with the figures the golden file had
    plan_json = {
        k: v
        for k, v in plan.to_json_dict().items()
        if k not in (*_PLAN_VOLATILE, "pareto", "choices_by_dwelling")
    }
    return {
        "source": (
            "wupmodel default scenario (Aalden BU01095059, seed 0), written by"
            " scripts/make_golden.py"
        ),
        "option_ids": list(pd.unique(options).astype(str)),
        "dwelling_ids": list(pd.unique(dwellings).astype(str)),
        "per_option_totals": per_option,
        "per_dwelling_sums": per_dwelling,
        "sample_rows": _frame_records(sample),
        "summary": _frame_records(tables["summary"]),
        "per_type": _frame_records(tables["per_type"]),
        "who_pays": _frame_records(tables["who_pays"]),
        "plan_co2_60": plan_json,
        "pareto_3": [{"co2_kg": p.co2_kg, "objective_eur": p.objective_eur} for p in front],
    }

"""Batch runs: every buurt of a buurt table × every scenario, the key figures per strategy.

Per buurt and scenario: the reference's gas and CO2, per strategy the national EUR/t CO2 and
EUR/WEQ/yr, the end-user monthly change and share paying more, and the cheapest strategy per
perspective (national: lowest national extra cost; end user: lowest occupants' equivalent
annual cost; the reference is not a candidate). The stock of each buurt is synthesised once
(:func:`wupmodel.synthesise_stock`) and evaluated for every scenario. Buurten are sent to the
executor in few coarse tasks (many buurten each).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd

from wupmodel.errors import WupInputError
from wupmodel.evaluate import evaluate
from wupmodel.inputs import model_inputs
from wupmodel.params import Params, packaged_table
from wupmodel.scenario import Scenario, load_scenario
from wupmodel.uncertainty.sweep import MONEY_OUTPUTS, SweepShared, point_figures, reduce_figures
from wupmodel.village import Strategy, default_strategies

__all__ = ["batch", "read_buurten", "batch_summary", "BATCH_COLUMNS"]

BUURT_TABLE = "buurten_drenthe_2020"
#: Figures per buurt × scenario × strategy.
BATCH_COLUMNS = (
    "co2_reduction",
    "national_extra_eur_per_yr",
    "national_eur_per_t_co2",
    "national_eur_per_weq_per_yr",
    "end_user_extra_eur_per_yr",
    "monthly_cost_change_avg_eur",
    "share_paying_more",
)


def read_buurten(buurten: str | Path | pd.DataFrame = "drenthe") -> pd.DataFrame:
    """The buurt table: ``"drenthe"`` (the packaged table), a DataFrame, or a CSV/XLSX/Parquet file.

    A file with only a ``buurt_code`` column selects those buurten of the packaged table; a
    file with the packaged table's columns is used as the buurt statistics.
    """
    packaged = packaged_table(BUURT_TABLE)
    if isinstance(buurten, pd.DataFrame):
        table = buurten
    elif str(buurten).lower() == "drenthe":
        return packaged
    else:
        path = Path(buurten)
        if not path.is_file():
            raise WupInputError(f"{buurten}: buurt file not found (or use 'drenthe')", str(buurten))
        suffix = path.suffix.lower()
        try:
            if suffix == ".parquet":
                table = pd.read_parquet(path)
            elif suffix in (".xlsx", ".xls"):
                table = pd.read_excel(path)
            else:
                table = pd.read_csv(path, dtype={"buurt_code": str})
                if "buurt_code" not in table:
                    table = pd.read_csv(path, sep=";", dtype={"buurt_code": str})
        except Exception as err:  # noqa: BLE001 - reported as an input error
            raise WupInputError(
                f"{buurten}: cannot read the buurt table ({err})", str(buurten)
            ) from None
    if "buurt_code" not in table:
        raise WupInputError(f"{buurten}: the buurt table needs a 'buurt_code' column", str(buurten))
    table = table.copy()
    table["buurt_code"] = table["buurt_code"].astype(str).str.strip().str.upper()
    missing = [c for c in packaged.columns if c not in table.columns]
    if missing:  # a selection of packaged buurten
        unknown = sorted(set(table["buurt_code"]) - set(packaged["buurt_code"]))
        if unknown:
            raise WupInputError(
                f"{buurten}: buurt code(s) not in the packaged Drenthe table: "
                f"{', '.join(unknown[:5])}{' ...' if len(unknown) > 5 else ''}",
                str(buurten),
            )
        return packaged[packaged["buurt_code"].isin(table["buurt_code"])].reset_index(drop=True)
    return table[list(packaged.columns)].reset_index(drop=True)


@dataclass(frozen=True)
class _BatchShared:
    table: pd.DataFrame
    scenarios: tuple[Scenario, ...]
    strategies: tuple[Strategy, ...]
    seed: int


def _with_table(params: Params, table: pd.DataFrame) -> Params:
    return replace(params, tables={**params.tables, BUURT_TABLE: table})


def run_buurten(shared: _BatchShared, codes: Sequence[str]) -> pd.DataFrame:
    """Rows for the buurten ``codes`` (one task)."""
    from wupmodel.stock import group_stock, synthesise_stock

    table = shared.table.set_index("buurt_code")
    names = [s.name for s in shared.strategies]
    # each scenario translated once per task, for every buurt of it
    inputs = [model_inputs(sc) for sc in shared.scenarios]
    synth_params = _with_table(inputs[0].params, shared.table)
    rows: list[dict] = []
    for code in codes:
        info = {
            "buurt_code": code,
            "buurt_name": table.at[code, "buurt_name"],
            "gemeente_name": table.at[code, "gemeente_name"],
        }
        try:
            stock = synthesise_stock(code, seed=shared.seed, params=synth_params)
        except WupInputError as err:
            for sc in shared.scenarios:
                rows.append({**info, "scenario": sc.name, "status": f"skipped: {err}"})
            continue
        groups, _ = group_stock(stock)
        counts = groups["count"].to_numpy(dtype=float)
        for sc, scenario_inputs in zip(shared.scenarios, inputs, strict=True):
            out = evaluate(stock, scenario_inputs, irr=False, money_outputs=list(MONEY_OUTPUTS))
            ref = np.full(out.n_groups, out.catalogue.reference_index)
            sh = SweepShared(stock, sc, shared.strategies, (), False, False)
            values, coll = point_figures(sh, scenario_inputs, outcomes=out)
            figs = reduce_figures(values[None], coll, counts, None, False)
            gas = float(out.pick("gas_m3", ref) @ counts)
            co2 = float(out.pick("co2_kg", ref) @ counts) / 1e3
            cand = np.arange(1, len(names))
            nat = figs["national_extra_eur_per_yr"][0]
            eu = figs["end_user_extra_eur_per_yr"][0]
            common = {
                **info,
                "scenario": sc.name,
                "status": "ok",
                "dwellings": float(counts.sum()),
                "reference_gas_m3": gas,
                "reference_co2_t": co2,
                "cheapest_national": names[cand[np.argmin(nat[cand])]],
                "cheapest_end_user": names[cand[np.argmin(eu[cand])]],
            }
            for i, s in enumerate(names):
                rows.append(
                    {**common, "strategy": s, **{c: float(figs[c][0, i]) for c in BATCH_COLUMNS}}
                )
    return pd.DataFrame(rows)


def batch(
    buurten: str | Path | pd.DataFrame = "drenthe",
    scenarios: Sequence[Scenario] | None = None,
    executor=None,
    *,
    seed: int = 0,
    strategies: Sequence[Strategy] | None = None,
    buurten_per_task: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> pd.DataFrame:
    """Every buurt × every scenario: one row per buurt × scenario × strategy.

    Parameters
    ----------
    buurten
        ``"drenthe"``, a buurt table, or a file (see :func:`read_buurten`).
    scenarios
        The scenarios (default: the packaged default scenario). Scenario names must differ.
    executor
        None (serial), ``"local[:N]"``, ``"tcp://HOST:PORT"`` or an executor.
    seed
        Seed of the stock synthesis (the same for every buurt, as ``wupmodel stock``).
    buurten_per_task
        Buurten per task (default: about four tasks per worker, at least 10 buurten each).

    Returns
    -------
    pandas.DataFrame
        ``buurt_code``, ``buurt_name``, ``gemeente_name``, ``scenario``, ``status``,
        ``dwellings``, ``reference_gas_m3``, ``reference_co2_t``, ``cheapest_national``,
        ``cheapest_end_user``, ``strategy`` and :data:`BATCH_COLUMNS`. A buurt that cannot be
        synthesised (e.g. no dwellings) has one row per scenario with the reason in ``status``.
    """
    from wupmodel.uncertainty.executors import make_executor

    table = read_buurten(buurten)
    scenarios = tuple(scenarios or (load_scenario(),))
    names = [s.name for s in scenarios]
    if len(set(names)) != len(names):
        raise WupInputError(
            f"scenario names must differ to tell the results apart: {', '.join(names)}"
        )
    strategies = tuple(strategies or default_strategies())
    shared = _BatchShared(table, scenarios, strategies, int(seed))
    codes = table["buurt_code"].tolist()
    own = executor is None or isinstance(executor, str)
    ex = make_executor(executor)
    try:
        order = codes
        if ex.n_workers == 1:
            per = buurten_per_task or max(
                10, math.ceil(len(codes) / 40)
            )  # only the progress bar's steps
        else:
            # Many small tasks, largest buurten first (longest-processing-time order): the
            # workers finish together instead of one waiting for the last big task.
            per = buurten_per_task or max(5, math.ceil(len(codes) / (24 * ex.n_workers)))
            size = (
                pd.to_numeric(table["dwellings"], errors="coerce").fillna(0.0).to_numpy()
                if "dwellings" in table
                else np.zeros(len(codes))
            )
            order = [codes[i] for i in np.argsort(-size, kind="stable")]
        tasks = [order[i : i + per] for i in range(0, len(order), per)]
        parts = ex.map(run_buurten, tasks, shared, progress=progress)
    finally:
        if own:
            ex.close()
    out = pd.concat(parts, ignore_index=True)
    if order is not codes:  # back to the buurt table's order, rows of a buurt as they came
        rank = pd.Series(range(len(codes)), index=codes)
        out = out.iloc[
            np.argsort(rank.loc[out["buurt_code"]].to_numpy(), kind="stable")
        ].reset_index(drop=True)
    return out


def batch_summary(results: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Sheets of the summary workbook: per buurt × scenario, and counts of cheapest strategies."""
    ok = results[results["status"] == "ok"]
    per_buurt = ok.drop_duplicates(["buurt_code", "scenario"])[
        [
            "buurt_code",
            "buurt_name",
            "gemeente_name",
            "scenario",
            "dwellings",
            "reference_gas_m3",
            "reference_co2_t",
            "cheapest_national",
            "cheapest_end_user",
        ]
    ].reset_index(drop=True)
    counts = []
    for col, view in (("cheapest_national", "national"), ("cheapest_end_user", "end_user")):
        c = (
            per_buurt.groupby(["scenario", col])
            .agg(buurten=("buurt_code", "size"), dwellings=("dwellings", "sum"))
            .reset_index()
        )
        c = c.rename(columns={col: "strategy"})
        c.insert(1, "perspective", view)
        counts.append(c)
    by_strategy = (
        ok.groupby(["scenario", "strategy"], sort=False)
        .apply(
            lambda g: pd.Series(
                {
                    "buurten": g["buurt_code"].nunique(),
                    "national_eur_per_weq_per_yr": np.average(
                        g["national_eur_per_weq_per_yr"], weights=g["dwellings"]
                    ),
                    "monthly_cost_change_avg_eur": np.average(
                        g["monthly_cost_change_avg_eur"], weights=g["dwellings"]
                    ),
                    "share_paying_more": np.average(g["share_paying_more"], weights=g["dwellings"]),
                }
            ),
            include_groups=False,
        )
        .reset_index()
    )
    skipped = results[results["status"] != "ok"].drop_duplicates(["buurt_code", "scenario"])[
        ["buurt_code", "buurt_name", "scenario", "status"]
    ]
    return {
        "per_buurt": per_buurt,
        "cheapest": pd.concat(counts, ignore_index=True),
        "by_strategy": by_strategy,
        "skipped": skipped.reset_index(drop=True),
    }

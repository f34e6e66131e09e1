"""Sweep a scenario over its uncertain inputs: key figures per sample × strategy.

How the samples are evaluated
-----------------------------
The samples are grouped by their *nonlinear* inputs (every parameter, and the ``vat`` and
``net_metering`` price series). Within a group the physics and every nonlinear money rule
(subsidy caps, loan limits, rent caps, net metering) are fixed, and every money output is
linear in the yearly prices: each is a sum of fixed quantities times discounted price sums.
A price factor or trend scales a path linearly, so the per-dwelling outputs are affine in the
price inputs. For such a group the model is evaluated ``1 + k`` times (the group's point and
one step along each of the ``k`` price inputs), which gives the affine coefficients exactly;
one more evaluation at a sample of the group checks them (to 1e-9) before the group's samples
are formed as matrix products, chunk by chunk. A group too small to pay for that (fewer than
``k + 3`` samples), or one whose check fails, is evaluated sample by sample.

Work goes to an executor (:mod:`wupmodel.uncertainty.executors`) in few coarse tasks; each
sample's figures depend only on its own inputs, so the result does not depend on the executor
or on how the samples are split into tasks.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from wupmodel.errors import WupInputError
from wupmodel.inputs import model_inputs
from wupmodel.money.tariffs import PLAUSIBLE_RANGES
from wupmodel.scenario import Scenario
from wupmodel.uncertainty.distributions import UncertainInput
from wupmodel.uncertainty.figures import (
    FIGURES,
    MONEY_OUTPUTS,
    SweepShared,
    point_figures,
    reduce_figures,
)
from wupmodel.uncertainty.samples import (
    is_linear_price,
    price_overrides,
    sample_inputs,
    sample_nonlinear_inputs,
    sample_price_inputs,
)
from wupmodel.uncertainty.sampling import Design, design
from wupmodel.uncertainty.separable import separable_results
from wupmodel.village import (
    Strategy,
    default_strategies,
)
from wupmodel.vocabulary import DWELLING_TYPES, INSULATION_LEVELS

__all__ = [
    "FIGURES",
    "MONEY_OUTPUTS",
    "SweepResult",
    "SweepShared",
    "point_figures",
    "reduce_figures",
    "sweep",
]

_CHUNK = 256  # samples formed at once on the affine path (bounds memory: 256 x 7 x S x G)


@dataclass(frozen=True)
class SweepResult:
    """Figures of a sweep.

    Attributes
    ----------
    design
        The sample design (inputs and values per sample).
    table
        Tidy table, one row per sample × strategy: ``sample``, ``strategy`` and
        :data:`FIGURES`.
    per_type
        With ``per_type=True``: one row per sample × strategy × dwelling type with
        ``dwellings``, ``monthly_cost_change_avg_eur``, ``share_paying_more`` and
        ``national_extra_eur_per_yr`` (dwellings' own costs, without collective costs).
    household_change
        With ``per_household=True``: (N, S, G) year-1 monthly cost change per dwelling of
        each group (EUR/month, float32).
    groups
        The stock's groups of identical dwellings (``group_id``, ``count``, ``dwelling_type``...).
    strategies
        Strategy names, in the order of the S axis.
    notes
        How the samples were evaluated (affine groups, direct evaluations, fallbacks).
    """

    design: Design
    table: pd.DataFrame
    strategies: tuple[str, ...]
    groups: pd.DataFrame
    per_type: pd.DataFrame | None = None
    household_change: NDArray[np.float32] | None = None
    notes: tuple[str, ...] = field(default=())

    def to_frame(self) -> pd.DataFrame:
        """The tidy table with the input values of each sample joined on."""
        return self.table.merge(self.design.to_frame(), on="sample", how="left")

    def figure(self, name: str) -> pd.DataFrame:
        """(N, S) wide table of one figure: a row per sample, a column per strategy."""
        if name not in FIGURES:
            raise WupInputError(f"unknown figure '{name}'; allowed: {', '.join(FIGURES)}")
        wide = self.table.pivot(index="sample", columns="strategy", values=name)
        return wide[list(self.strategies)]

    def households_frame(self) -> pd.DataFrame:
        """Long table sample × strategy × group of the monthly cost change (needs per_household)."""
        if self.household_change is None:
            raise WupInputError("run the sweep with per_household=True for household figures")
        n, s, g = self.household_change.shape
        return pd.DataFrame(
            {
                "sample": np.repeat(np.arange(n), s * g),
                "strategy": np.tile(np.repeat(np.asarray(self.strategies), g), n),
                "group_id": np.tile(self.groups["group_id"].to_numpy(), n * s),
                "count": np.tile(self.groups["count"].to_numpy(), n * s),
                "monthly_cost_change_eur": self.household_change.ravel(),
            }
        )


# ---------------------------------------------------------------------------------------
# tasks


def _types_matrix(shared: SweepShared, groups: pd.DataFrame) -> NDArray | None:
    if not shared.per_type:
        return None
    codes = pd.Categorical(groups["dwelling_type"], categories=DWELLING_TYPES).codes
    onehot = np.zeros((len(groups), len(DWELLING_TYPES)))
    onehot[np.arange(len(groups)), codes] = 1.0
    return onehot * groups["count"].to_numpy(dtype=float)[:, None]


def run_task(
    shared: SweepShared, task: tuple[str, NDArray, NDArray]
) -> tuple[NDArray, dict[str, NDArray], str]:
    """Evaluate one task: ``(kind, sample ids, input rows)``; kind ``affine`` or ``direct``.

    Returns the sample ids, their figures and a note.
    """
    from wupmodel.stock import group_stock

    kind, ids, rows = task
    groups, _ = group_stock(shared.stock)
    counts = groups["count"].to_numpy(dtype=float)
    types = _types_matrix(shared, groups)
    uncertain = shared.inputs
    base = model_inputs(shared.scenario)
    price_cols = [i for i, x in enumerate(uncertain) if is_linear_price(x)]
    note = ""
    if kind == "affine":
        point = sample_nonlinear_inputs(base, uncertain, rows[0])
        theta0 = np.array([uncertain[i].base for i in price_cols])
        step = 0.5

        def at(theta: NDArray) -> NDArray:
            pairs = [(uncertain[i], t) for i, t in zip(price_cols, theta, strict=True)]
            return point_figures(shared, sample_price_inputs(point, pairs))[0]

        v0, coll = point_figures(shared, point)
        coef = np.stack(
            [
                (at(theta0 + step * np.eye(len(price_cols))[k]) - v0) / step
                for k in range(len(price_cols))
            ]
        )  # (k, M, S, G)
        check = at(rows[0, price_cols])
        predicted = v0 + np.tensordot(rows[0, price_cols] - theta0, coef, axes=1)
        scale = np.maximum(1.0, np.abs(check).max(axis=(1, 2), keepdims=True))
        if np.all(np.abs(predicted - check) <= 1e-9 * scale):
            parts = []
            for start in range(0, len(ids), _CHUNK):
                d = rows[start : start + _CHUNK, price_cols] - theta0
                vals = v0[None] + np.tensordot(d, coef, axes=1)
                parts.append(reduce_figures(vals, coll, counts, types, shared.per_household))
            return (
                ids,
                {k: np.concatenate([p[k] for p in parts]) for k in parts[0]},
                (
                    f"{len(ids)} samples as matrix products over {len(price_cols)} price inputs "
                    f"({len(price_cols) + 2} evaluations)"
                ),
            )
        note = "price response not affine within 1e-9 (fell back to one evaluation per sample); "
    parts = []
    for row in rows:
        v, coll = point_figures(shared, sample_inputs(base, uncertain, row))
        parts.append(reduce_figures(v[None], coll, counts, types, shared.per_household))
    return (
        ids,
        {k: np.concatenate([p[k] for p in parts]) for k in parts[0]},
        (note + f"{len(ids)} samples evaluated one by one"),
    )


def _plan(
    values: NDArray, inputs: Sequence[UncertainInput], task_samples: int
) -> list[tuple[str, NDArray, NDArray]]:
    """Tasks: samples grouped by their nonlinear inputs; big groups affine, the rest direct."""
    nonlin = [i for i, x in enumerate(inputs) if not is_linear_price(x)]
    n_lin = len(inputs) - len(nonlin)
    keys = np.ascontiguousarray(values[:, nonlin]) if nonlin else np.zeros((values.shape[0], 0))
    _, group = (
        np.unique(keys, axis=0, return_inverse=True)
        if nonlin
        else (None, np.zeros(values.shape[0], int))
    )
    group = np.asarray(group).ravel()
    tasks: list[tuple[str, NDArray, NDArray]] = []
    direct: list[int] = []
    for g in np.unique(group):
        ids = np.flatnonzero(group == g)
        if n_lin > 0 and ids.size >= n_lin + 3:
            tasks.append(("affine", ids, values[ids]))
        else:
            direct.extend(ids.tolist())
    direct_ids = np.array(sorted(direct), dtype=np.int64)
    for start in range(0, direct_ids.size, task_samples):
        ids = direct_ids[start : start + task_samples]
        tasks.append(("direct", ids, values[ids]))
    return tasks


def _check_price_ranges(scenario: Scenario, inputs: Sequence[UncertainInput]) -> None:
    """Every price input's extremes must keep its path within the plausible range."""
    tariffs = model_inputs(scenario).tariffs
    for x in inputs:
        if not x.is_price or x.series == "net_metering":
            continue
        lo, hi = PLAUSIBLE_RANGES[x.series]
        for v in (x.lower, x.upper):
            path = np.asarray(list(price_overrides(tariffs, [(x, v)])[x.series].values()))
            if path.min() < lo - 1e-12 or path.max() > hi + 1e-12:
                raise WupInputError(
                    f"{scenario.name}: 'uncertainty.parameters.{x.path}' = {v:g} takes the path of "
                    f"'{x.series}' to {path.min():g}..{path.max():g}, outside the plausible range "
                    f"{lo:g} to {hi:g}; narrow the distribution"
                )


# long because the public verb's options (design, executor, outputs) are keywords with defaults
def sweep(
    stock: pd.DataFrame,
    scenario: Scenario,
    samples: int = 1000,
    method: str = "lhs",
    seed: int | None = 0,
    executor=None,
    *,
    per_type: bool = False,
    per_household: bool = False,
    strategies: Sequence[Strategy] | None = None,
    task_samples: int = 100,
    progress: Callable[[int, int], None] | None = None,
) -> SweepResult:
    """Evaluate the strategies over samples of the scenario's uncertain inputs.

    Parameters
    ----------
    stock
        The validated dwelling stock (:func:`wupmodel.synthesise_stock`,
        :func:`wupmodel.load_stock`).
    scenario
        A scenario with an ``uncertainty:`` section.
    samples
        Number of samples (``"sobol"``: the base N, a power of two; ``"oat"``: ignored).
    method
        ``"lhs"``, ``"sobol"`` (Saltelli design, for :func:`sobol_indices`) or ``"oat"`` (for
        :func:`tornado`).
    seed
        Seed of the design; the same seed gives identical results on any executor.
    executor
        None (serial), a scheduler string (``"local[:N]"``, ``"tcp://HOST:PORT"``) or an
        executor from :func:`wupmodel.uncertainty.executors.make_executor`.
    per_type, per_household
        Also keep the figures per dwelling type / the monthly change of every dwelling group.
    strategies
        Strategies to compare (default: the packaged table; the reference must come first).
    task_samples
        Samples per task of one-by-one evaluations (coarse tasks keep the overhead small).
    progress
        Called as ``progress(done_tasks, total_tasks)``.

    Returns
    -------
    SweepResult
    """
    from wupmodel.uncertainty.executors import make_executor

    d = design(scenario, samples, method, seed)
    _check_price_ranges(scenario, d.inputs)
    strategies = tuple(strategies or default_strategies())
    ref = strategies[0]
    if not (
        ref.heating == "gas_boiler"
        and ref.insulation == "current"
        and not ref.pv
        and not ref.solar_thermal
    ):
        raise WupInputError(
            "the first strategy must be the reference (gas boiler, current insulation)"
        )
    cut = strategy_scenario(scenario, strategies)
    shared = SweepShared(stock, cut, strategies, d.inputs, per_type, per_household)
    own = executor is None or isinstance(executor, str)
    ex = make_executor(executor)
    try:
        results = separable_results(
            d, shared, ex, progress, max(1, int(task_samples)), _reducer(shared)
        )
        if results is None:  # no moving parameter, or not separable: as before
            tasks = _plan(d.values, d.inputs, max(1, int(task_samples)))
            results = ex.map(run_task, tasks, shared, progress=progress)
    finally:
        if own:
            ex.close()
    return _assemble(d, shared, results)


def strategy_scenario(scenario: Scenario, strategies: Sequence[Strategy]) -> Scenario:
    """``scenario`` with its catalogue cut to the options ``strategies`` can take: their
    heating systems, PV and solar water heater, at their insulation level or deeper, and the
    reference. An option's figures do not depend on the other options of the catalogue, so the
    figures are the same; the packaged strategies need 24 of the 96 options."""
    cat = scenario.catalogue
    start = min(INSULATION_LEVELS.index(s.insulation) for s in strategies)
    keep = {
        "insulation": {"current"} | set(INSULATION_LEVELS[start:]),
        "heating": {"gas_boiler"} | {s.heating for s in strategies},
        "pv": {False} | {s.pv for s in strategies},
        "solar_thermal": {False} | {s.solar_thermal for s in strategies},
    }
    cut = {k: tuple(v for v in getattr(cat, k) if v in keep[k]) for k in keep}
    return scenario.model_copy(update={"catalogue": cat.model_copy(update=cut)})


def _reducer(shared: SweepShared):
    """``reduce(values, coll)``: :func:`reduce_figures` on the stock's groups."""
    from wupmodel.stock import group_stock

    groups, _ = group_stock(shared.stock)
    counts = groups["count"].to_numpy(dtype=float)
    types = _types_matrix(shared, groups)
    return lambda values, coll: reduce_figures(values, coll, counts, types, shared.per_household)


def _assemble(d: Design, shared: SweepShared, results) -> SweepResult:
    from wupmodel.stock import group_stock

    n = d.n_samples
    names = tuple(s.name for s in shared.strategies)
    n_s = len(names)
    figures = {k: np.empty((n, n_s)) for k in FIGURES}
    groups, _ = group_stock(shared.stock)
    extra: dict[str, NDArray] = {}
    notes = []
    for ids, figs, note in results:
        for k, v in figs.items():
            if k not in figures:
                if k not in extra:
                    extra[k] = np.empty((n,) + v.shape[1:], dtype=v.dtype)
                extra[k][ids] = v
            else:
                figures[k][ids] = v
        notes.append(note)
    table = pd.DataFrame(
        {"sample": np.repeat(np.arange(n), n_s), "strategy": np.tile(np.asarray(names), n)}
    )
    for k in FIGURES:
        table[k] = figures[k].ravel()
    per_type = None
    if shared.per_type:
        n_t = len(DWELLING_TYPES)
        counts = groups["count"].to_numpy(dtype=float)
        n_type = counts @ _types_matrix(shared, groups)
        per_type = pd.DataFrame(
            {
                "sample": np.repeat(np.arange(n), n_s * n_t),
                "strategy": np.tile(np.repeat(np.asarray(names), n_t), n),
                "dwelling_type": np.tile(np.asarray(DWELLING_TYPES), n * n_s),
                "dwellings": np.tile(n_type, n * n_s),
                "monthly_cost_change_avg_eur": extra["type_change"].ravel(),
                "share_paying_more": extra["type_more"].ravel(),
                "national_extra_eur_per_yr": extra["type_national"].ravel(),
            }
        )
        per_type = per_type[per_type["dwellings"] > 0].reset_index(drop=True)
    return SweepResult(
        design=d,
        table=table,
        strategies=names,
        groups=groups,
        per_type=per_type,
        household_change=extra.get("household"),
        notes=tuple(notes),
    )

"""Uncertainty and batch runs: sample designs, sweeps, analyses, batches over buurten, Dask.

Public entry points (also at :mod:`wupmodel`): :func:`sweep`, :func:`tornado`,
:func:`sobol_indices`, :func:`distributions`, :func:`prob_cheaper`, :func:`least_regret`,
:func:`household_risk`, :func:`batch`.
"""

from wupmodel.uncertainty.analyses import (
    distributions,
    household_risk,
    least_regret,
    prob_cheaper,
    sobol_indices,
    tornado,
)
from wupmodel.uncertainty.batch import batch, batch_summary
from wupmodel.uncertainty.executors import make_executor
from wupmodel.uncertainty.sampling import Design, design
from wupmodel.uncertainty.sweep import FIGURES, SweepResult, sweep

__all__ = [
    "FIGURES",
    "Design",
    "SweepResult",
    "batch",
    "batch_summary",
    "design",
    "distributions",
    "household_risk",
    "least_regret",
    "make_executor",
    "prob_cheaper",
    "sobol_indices",
    "sweep",
    "tornado",
]

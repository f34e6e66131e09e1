"""Uncertainty and batch runs: sample designs, sweeps, analyses, batches over buurten, Dask.

Public entry points (also at :mod:`wupmodel`): :func:`sweep`, :func:`tornado`,
:func:`sobol_indices`, :func:`distributions`, :func:`prob_cheaper`, :func:`least_regret`,
:func:`household_risk`, :func:`batch`. One sample as the model's inputs
(:func:`sample_inputs`, used by the sweep and by the cooperative's sensitivity).

``distributions`` (the uncertain inputs) · ``sampling`` (designs: LHS, Sobol', one at a
time) · ``samples`` (a sample as :class:`~wupmodel.inputs.ModelInputs`) · ``figures`` (one
evaluation's values per strategy and the key figures) · ``sweep`` (key figures per sample ×
strategy) · ``separable`` (physical parameters along a sample axis) · ``analyses`` ·
``batch`` (buurten × scenarios) · ``executors`` (serial or Dask).
"""

from wupmodel.uncertainty.analyses import (
    distributions,
    household_risk,
    least_regret,
    oat_effects,
    prob_cheaper,
    sobol_from_samples,
    sobol_indices,
    tornado,
)
from wupmodel.uncertainty.batch import batch, batch_summary
from wupmodel.uncertainty.executors import DaskExecutor, make_executor
from wupmodel.uncertainty.samples import (
    NONLINEAR_SERIES,
    price_overrides,
    sample_inputs,
    sample_nonlinear_inputs,
    sample_price_inputs,
)
from wupmodel.uncertainty.sampling import Design, design, unit_sobol_saltelli
from wupmodel.uncertainty.sweep import FIGURES, SweepResult, sweep

__all__ = [
    "oat_effects",
    "sobol_from_samples",
    "DaskExecutor",
    "unit_sobol_saltelli",
    "FIGURES",
    "NONLINEAR_SERIES",
    "price_overrides",
    "sample_inputs",
    "sample_nonlinear_inputs",
    "sample_price_inputs",
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

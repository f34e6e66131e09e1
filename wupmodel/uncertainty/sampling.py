"""Sample designs over the uncertain inputs: Latin hypercube, Sobol' (Saltelli), one at a time.

All random numbers come from ``numpy.random.default_rng(seed)`` through :mod:`scipy.stats.qmc`,
so the same seed gives the same design on every machine and in every process.

* ``"lhs"``: a Latin hypercube of ``N`` points (scores), correlated, mapped to the marginals.
* ``"sobol"``: the Saltelli design for first-order and total Sobol' indices: a scrambled
  Sobol' sequence of ``N`` points (a power of two) in ``2 × factors`` dimensions gives the
  matrices A and B; row block ``j`` holds ``A_j``, ``AB^(1)_j`` ... ``AB^(k)_j``, ``B_j`` (the
  order SALib's ``sobol.analyze`` expects with ``calc_second_order=False``), ``N (k + 2)`` rows.
* ``"oat"``: one at a time: row 0 all inputs at their base values, then per factor a row at
  its low and one at its high value (``1 + 2k`` rows).

A *factor* is an input, or a correlation group with correlation 1 whose members move on one
shared score. Sobol' indices need independent factors: a group with a correlation strictly
between -1 and 1 is refused for ``"sobol"``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from wupmodel.errors import WupInputError
from wupmodel.scenario import Scenario
from wupmodel.uncertainty.distributions import (
    UncertainInput,
    correlate,
    to_values,
    uncertain_inputs,
)

__all__ = ["Design", "design", "METHODS", "unit_sobol_saltelli", "factors_of"]

METHODS = ("lhs", "sobol", "oat")


@dataclass(frozen=True)
class Design:
    """A sample design: one row of input values per sample.

    Attributes
    ----------
    inputs
        The uncertain inputs (columns of ``values``).
    values
        (N, D) input values in each input's unit.
    method
        ``"lhs"``, ``"sobol"`` or ``"oat"``.
    factors
        Factor names (an input's path, or a correlation group's name).
    factor_of
        (D,) factor index of each input.
    n_base
        Base sample count (Sobol': the N of the Saltelli design; else the number of rows).
    seed
        The seed used.
    """

    inputs: tuple[UncertainInput, ...]
    values: NDArray[np.float64]
    method: str
    factors: tuple[str, ...]
    factor_of: NDArray[np.int64]
    n_base: int
    seed: int | None

    @property
    def n_samples(self) -> int:
        return int(self.values.shape[0])

    @property
    def paths(self) -> list[str]:
        return [x.path for x in self.inputs]

    def to_frame(self) -> pd.DataFrame:
        """One row per sample: ``sample`` and one column per input path."""
        frame = pd.DataFrame(self.values, columns=self.paths)
        frame.insert(0, "sample", np.arange(self.n_samples))
        return frame


def factors_of(
    inputs: list[UncertainInput], scenario: Scenario
) -> tuple[list[str], NDArray[np.int64]]:
    """Factor names and the factor index of every input (correlation-1 groups are one factor)."""
    groups = scenario.uncertainty.groups
    names: list[str] = []
    index = np.zeros(len(inputs), dtype=np.int64)
    for i, x in enumerate(inputs):
        g = x.group
        members = [y for y in inputs if y.group == g] if g is not None else []
        name = g if g is not None and groups[g].correlation == 1.0 and len(members) > 1 else x.path
        if name not in names:
            names.append(name)
        index[i] = names.index(name)
    return names, index


def _check_n(samples: int, method: str) -> int:
    try:
        n = int(samples)
    except (TypeError, ValueError):
        raise WupInputError(f"samples must be a whole number, got {samples!r}") from None
    if n != samples or n < 1:
        raise WupInputError(f"samples must be a whole number of at least 1, got {samples!r}")
    if method == "sobol" and n & (n - 1):
        lo = 1 << (n.bit_length() - 1)
        raise WupInputError(
            f"samples = {n}: a Sobol' design needs a power of two (e.g. {lo} or {lo * 2})"
        )
    return n


def unit_sobol_saltelli(n: int, k: int, seed: int | None) -> NDArray[np.float64]:
    """Saltelli design in the unit cube: (n (k + 2), k) scores, SALib's row order."""
    from scipy.stats import qmc  # imported on first use (slow to import)

    base = qmc.Sobol(2 * k, scramble=True, rng=np.random.default_rng(seed)).random(n)
    a, b = base[:, :k], base[:, k:]
    out = np.empty((n, k + 2, k))
    out[:, 0] = a
    for i in range(k):
        out[:, i + 1] = a
        out[:, i + 1, i] = b[:, i]
    out[:, k + 1] = b
    return out.reshape(n * (k + 2), k)


def design(scenario: Scenario, samples: int, method: str = "lhs", seed: int | None = 0) -> Design:
    """The sample design of a scenario's ``uncertainty:`` section.

    Parameters
    ----------
    scenario
        Scenario with uncertain parameters.
    samples
        ``"lhs"``: number of samples; ``"sobol"``: the base N (a power of two; the design has
        ``N (factors + 2)`` rows); ``"oat"``: ignored (``1 + 2 × factors`` rows).
    method
        ``"lhs"``, ``"sobol"`` or ``"oat"``.
    seed
        Seed of the random generator (None: fresh entropy, not reproducible).
    """
    if method not in METHODS:
        raise WupInputError(f"unknown sampling method '{method}'; allowed: {', '.join(METHODS)}")
    n = _check_n(samples, method)
    inputs = uncertain_inputs(scenario)
    names, factor_of = factors_of(inputs, scenario)
    k = len(names)
    if method == "oat":
        values = np.tile(np.array([x.base for x in inputs]), (1 + 2 * k, 1))
        for f in range(k):
            cols = np.flatnonzero(factor_of == f)
            for c in cols:
                values[1 + 2 * f, c] = inputs[c].low
                values[2 + 2 * f, c] = inputs[c].high
        return Design(tuple(inputs), values, method, tuple(names), factor_of, values.shape[0], seed)
    if method == "sobol":
        for name, grp in scenario.uncertainty.groups.items():
            members = [x for x in inputs if x.group == name]
            if len(members) > 1 and grp.correlation not in (0.0, 1.0):
                raise WupInputError(
                    f"uncertainty.groups.{name}: Sobol' indices need independent inputs; a"
                    f" correlation of {grp.correlation:g} is allowed with 'lhs' only (use 1 to move"
                    " the group as one)"
                )
        scores = unit_sobol_saltelli(n, k, seed)[:, factor_of]
    else:
        from scipy.stats import qmc

        scores = qmc.LatinHypercube(k, rng=np.random.default_rng(seed)).random(n)[:, factor_of]
        scores = correlate(scores, inputs, scenario)
    values = to_values(scores, inputs)
    return Design(tuple(inputs), values, method, tuple(names), factor_of, n, seed)

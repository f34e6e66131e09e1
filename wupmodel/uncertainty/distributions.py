"""The scenario's uncertain inputs as frozen, sampleable distributions.

A scenario's ``uncertainty:`` section (:class:`wupmodel.scenario.Uncertainty`) names each
uncertain input by its *path*:

* a packaged parameter id (``cost.air_hp_fixed_eur``, ``finance.social_discount_rate``...),
  bounded by the parameter's allowed range;
* ``prices.<series>``: a factor on the whole yearly path of a tariff series (1 = the path the
  scenario gives; :data:`wupmodel.tariffs.SERIES`);
* ``prices.<series>.trend``: a relative change reached in the scenario's last year, growing
  linearly from 0 in the first year (the path's *growth*).

Costs over the horizon are linear in the price paths, and both price kinds are linear in the
path, so :mod:`wupmodel.uncertainty.sweep` evaluates them as matrix products (see there).
Every other parameter changes the physics or a nonlinear money rule and is re-evaluated.

Correlated groups use a Gaussian copula: the uniform scores of a group's members are mapped
to normal scores, mixed with the group's equicorrelation matrix, and mapped back, so each
member keeps its own marginal distribution.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from wupmodel.errors import WupInputError
from wupmodel.params import parameter_table
from wupmodel.scenario import Scenario, UncertainRange

__all__ = ["UncertainInput", "uncertain_inputs", "to_values", "correlate", "PRICE_PREFIX"]

PRICE_PREFIX = "prices."
#: Where an unbounded normal or lognormal price factor is cut (a factor is never negative).
PRICE_FACTOR_BOUNDS = (0.0, 10.0)
PRICE_TREND_BOUNDS = (-1.0, 10.0)


@dataclass(frozen=True)
class UncertainInput:
    """One uncertain input, ready to sample.

    Attributes
    ----------
    path
        Parameter id, ``prices.<series>`` or ``prices.<series>.trend``.
    kind
        ``"parameter"``, ``"price_factor"`` or ``"price_trend"``.
    distribution
        ``uniform``, ``triangular``, ``normal`` (truncated) or ``lognormal`` (truncated).
    lower, upper
        Support after truncation (in the input's unit).
    low, high
        The one-at-a-time values (tornado).
    base
        The value the scenario uses without uncertainty (1 for a price factor, 0 for a trend,
        the parameter's value otherwise).
    group
        Name of the correlation group, or None.
    """

    path: str
    kind: str
    distribution: str
    lower: float
    upper: float
    low: float
    high: float
    base: float
    group: str | None
    _frozen: object

    @property
    def series(self) -> str | None:
        """The tariff series a price input acts on (None for a parameter)."""
        if self.kind == "parameter":
            return None
        return self.path[len(PRICE_PREFIX) :].removesuffix(".trend")

    @property
    def is_price(self) -> bool:
        return self.kind != "parameter"

    def ppf(self, u: NDArray[np.float64]) -> NDArray[np.float64]:
        """Values at uniform scores ``u`` in [0, 1] (the inverse CDF, truncation applied)."""
        dist = self._frozen
        u = np.clip(np.asarray(u, dtype=float), 0.0, 1.0)
        if self.upper <= self.lower:  # a degenerate range fixes the input at its value
            return np.full(u.shape, float(self.lower))
        if self.distribution in ("uniform", "triangular"):
            return np.asarray(dist.ppf(u), dtype=float)
        lo, hi = dist.cdf(self.lower), dist.cdf(self.upper)
        return np.clip(
            np.asarray(dist.ppf(lo + u * (hi - lo)), dtype=float), self.lower, self.upper
        )


def _stats():
    """scipy.stats, imported on first use (it takes about a second; the app's first page does not
    need it)."""
    from scipy import stats

    return stats


def _frozen(r: UncertainRange, lower: float, upper: float):
    if r.distribution == "uniform":
        return _stats().uniform(loc=lower, scale=upper - lower)
    if r.distribution == "triangular":
        mode = (lower + upper) / 2.0 if r.mode is None else r.mode
        width = upper - lower
        c = 0.5 if width == 0 else (mode - lower) / width
        return _stats().triang(c, loc=lower, scale=width)
    if r.distribution == "normal":
        return _stats().norm(loc=r.mean, scale=max(r.sd, 1e-300))
    # lognormal with the given mean and sd of the value itself
    sigma2 = np.log1p((r.sd / r.mean) ** 2)
    return _stats().lognorm(s=max(np.sqrt(sigma2), 1e-300), scale=r.mean / np.sqrt(np.exp(sigma2)))


def _input(path: str, r: UncertainRange, base_value: float) -> UncertainInput:
    if path.startswith(PRICE_PREFIX):
        kind = "price_trend" if path.endswith(".trend") else "price_factor"
        bounds = PRICE_TREND_BOUNDS if kind == "price_trend" else PRICE_FACTOR_BOUNDS
        base = 0.0 if kind == "price_trend" else 1.0
    else:
        table = parameter_table()
        kind = "parameter"
        bounds = (float(table.at[path, "min"]), float(table.at[path, "max"]))
        base = base_value
    lower = bounds[0] if r.low is None else r.low
    upper = bounds[1] if r.high is None else r.high
    if r.distribution == "lognormal":
        lower = max(lower, 0.0)
    frozen = _frozen(r, lower, upper)
    tmp = UncertainInput(
        path, kind, r.distribution, lower, upper, lower, upper, base, r.group, frozen
    )
    if r.distribution in ("normal", "lognormal") and (r.low is None or r.high is None):
        p5, p95 = tmp.ppf(np.array([0.05, 0.95]))
        low = r.low if r.low is not None else float(p5)
        high = r.high if r.high is not None else float(p95)
        tmp = UncertainInput(
            path, kind, r.distribution, lower, upper, low, high, base, r.group, frozen
        )
    return tmp


def uncertain_inputs(scenario: Scenario) -> list[UncertainInput]:
    """The scenario's uncertain inputs, in the order the scenario lists them.

    Raises
    ------
    WupInputError
        When the scenario has no uncertain inputs.
    """
    spec = scenario.uncertainty
    if not spec.parameters:
        raise WupInputError(
            f"{scenario.name}: the scenario has no uncertain parameters; add them under "
            "'uncertainty: parameters:' (e.g. prices.gas_supply_eur_m3: {low: 0.7, high: 1.5})"
        )
    params = scenario.params()
    out = []
    for path, r in spec.parameters.items():
        base = params[path] if not path.startswith(PRICE_PREFIX) else 0.0
        out.append(_input(path, r, float(base)))
    return out


def correlate(
    u: NDArray[np.float64], inputs: list[UncertainInput], scenario: Scenario
) -> NDArray[np.float64]:
    """Apply the scenario's correlation groups to uniform scores ``u`` (N, D) (Gaussian copula).

    A group with correlation 1 moves its members on one shared score.
    """
    u = np.array(u, dtype=float, copy=True)
    groups = scenario.uncertainty.groups
    for name, grp in groups.items():
        cols = [i for i, x in enumerate(inputs) if x.group == name]
        if len(cols) < 2 or grp.correlation == 0.0:
            continue
        if grp.correlation == 1.0:
            u[:, cols] = u[:, [cols[0]]]
            continue
        k = len(cols)
        corr = np.full((k, k), grp.correlation)
        np.fill_diagonal(corr, 1.0)
        chol = np.linalg.cholesky(corr)
        z = _stats().norm.ppf(np.clip(u[:, cols], 1e-12, 1 - 1e-12))
        u[:, cols] = _stats().norm.cdf(z @ chol.T)
    return u


def to_values(u: NDArray[np.float64], inputs: list[UncertainInput]) -> NDArray[np.float64]:
    """Input values (N, D) from uniform scores (N, D)."""
    u = np.asarray(u, dtype=float)
    if u.ndim != 2 or u.shape[1] != len(inputs):
        raise ValueError(f"scores must have shape (N, {len(inputs)}), got {u.shape}")
    return np.column_stack([x.ppf(u[:, i]) for i, x in enumerate(inputs)]) if inputs else u

"""One sample of the uncertain inputs as the model's inputs (public: the sweep and the
cooperative's sensitivity both draw their samples through it).

A sample sets parameters (``heatpump.*``, ``finance.*``, ...), and price inputs: a factor on a
whole price path (``prices.<series>``) or a trend reached in the last year
(``prices.<series>.trend``). Parameters and the VAT and net-metering series change the money
rules themselves (*nonlinear*); every other price input scales a path, so the money outputs are
affine in it. A tenant's rent is agreed before the sampled price paths: a landlord sets it on
the prices expected when the works are done, and it does not follow a later gas price.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from wupmodel.inputs import ModelInputs
from wupmodel.money.tariffs import TariffPaths
from wupmodel.uncertainty.distributions import UncertainInput

__all__ = [
    "is_linear_price",
    "NONLINEAR_SERIES",
    "price_overrides",
    "sample_inputs",
    "sample_nonlinear_inputs",
    "sample_price_inputs",
]

#: Price series whose sampled value changes a money rule (not only a price): VAT and net metering.
NONLINEAR_SERIES = ("vat", "net_metering")


def is_linear_price(x: UncertainInput) -> bool:
    """Whether an input scales a price path (the money outputs are affine in it)."""
    return x.is_price and x.series not in NONLINEAR_SERIES


def price_overrides(
    tariffs: TariffPaths, pairs: Sequence[tuple[UncertainInput, float]]
) -> dict[str, dict[int, float]]:
    """Price-path overrides (series -> year -> value) for price inputs at the given values.

    A factor multiplies the whole path (several factors on one series multiply); a trend adds
    ``value × (year − first) / (last − first)`` to the factor, so it is 0 in the first year and
    ``value`` in the last.
    """
    years = tariffs.years
    ramp = (years - years[0]) / max(years[-1] - years[0], 1)
    factor: dict[str, NDArray] = {}
    for x, v in pairs:
        s = x.series
        f = factor.setdefault(s, np.ones(years.size))
        if x.kind == "price_factor":
            f *= v  # several factors on one series multiply (each input is linear)
        else:
            factor[s] = f + v * ramp
    out = {}
    for s, f in factor.items():
        path = np.asarray(getattr(tariffs, s), dtype=float) * f
        out[s] = {int(y): float(p) for y, p in zip(years, path, strict=True)}
    return out


def sample_nonlinear_inputs(
    base: ModelInputs, uncertain: Sequence[UncertainInput], row: NDArray
) -> ModelInputs:
    """``base`` with a sample's parameters and nonlinear price series (VAT, net metering)
    applied; its linear price inputs are not (see :func:`sample_price_inputs`)."""
    overrides = {
        x.path: float(v) for x, v in zip(uncertain, row, strict=True) if x.kind == "parameter"
    }
    inputs = base
    if overrides:
        source = f"{base.name} (uncertainty sample)"
        inputs = base.with_params(base.params.with_overrides(overrides, source=source))
    rules = [
        (x, v)
        for x, v in zip(uncertain, row, strict=True)
        if x.is_price and x.series in NONLINEAR_SERIES
    ]
    if rules:  # a rule, not a price: the rent is agreed under it
        inputs = inputs.with_prices(
            price_overrides(inputs.tariffs, rules), rent_agreed_before=False
        )
    return inputs


def sample_price_inputs(
    inputs: ModelInputs, pairs: Sequence[tuple[UncertainInput, float]]
) -> ModelInputs:
    """``inputs`` with linear price inputs at the given values (the rent agreed before)."""
    if not pairs:
        return inputs
    return inputs.with_prices(price_overrides(inputs.tariffs, pairs))


def sample_inputs(
    base: ModelInputs, uncertain: Sequence[UncertainInput], row: NDArray
) -> ModelInputs:
    """The model's inputs at one sample: parameters, nonlinear series, then price paths."""
    inputs = sample_nonlinear_inputs(base, uncertain, row)
    pairs = [(x, v) for x, v in zip(uncertain, row, strict=True) if is_linear_price(x)]
    return sample_price_inputs(inputs, pairs)
